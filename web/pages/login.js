// The login page (#/login).
//
// Login ID and password, sent with the pre-login CSRF token. The server's 401
// is deliberately generic; we show one localized message for every wrong
// login, password or locked account. Exports render().

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { ApiError } from '../api.js';
import { login } from '../session.js';
import { langSwitch } from './layout.js';

function messageFor(err) {
  if (err instanceof ApiError) {
    if (err.status === 401) return t('login.error.invalid');
    if (err.status === 429) return t('login.error.rate_limited');
    // The body's directory (LDAP / AD) or the store did not answer: not the person's fault.
    if (err.status === 503) return t('login.error.unavailable');
    if (err.status === 0) return t('error.network');
    return t('error.generic', { code: err.code });
  }
  return t('error.generic', { code: 'client' });
}

export function render(ctx) {
  const title = t('login.title');
  const error = h('div', { class: 'form-error', role: 'alert', id: 'login-error' });
  const notice = ctx.flash
    ? h('p', { class: 'flash', role: 'status' }, t(ctx.flash))
    : null;

  const loginInput = h('input', {
    id: 'login-id', name: 'login', type: 'text', class: 'input',
    autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false',
    required: true,
  });
  const passwordInput = h('input', {
    id: 'login-password', name: 'password', type: 'password', class: 'input',
    autocomplete: 'current-password', required: true,
  });
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, t('login.submit'));

  const showError = (message, field) => {
    error.textContent = message;
    for (const input of [loginInput, passwordInput]) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'login-error');
    }
    (field ?? passwordInput).focus();
  };

  // novalidate: the browser's own messages would be in the browser's language.
  const form = h('form', { class: 'login-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const id = loginInput.value.trim();
    const password = passwordInput.value;
    if (!id || !password) {
      showError(t('login.error.required'), id ? passwordInput : loginInput);
      return;
    }
    error.textContent = '';
    submit.disabled = true;
    submit.textContent = t('login.submitting');
    try {
      const session = await login(id, password);
      ctx.onLogin(session);
    } catch (err) {
      passwordInput.value = '';
      showError(messageFor(err));
      submit.disabled = false;
      submit.textContent = t('login.submit');
    }
  } },
  h('div', { class: 'field' },
    h('label', { for: 'login-id' }, t('login.login_label')), loginInput),
  h('div', { class: 'field' },
    h('label', { for: 'login-password' }, t('login.password_label')), passwordInput),
  error,
  h('div', { class: 'actions' }, submit));

  const node = h('div', { class: 'login-page' },
    h('div', { class: 'login-top' }, langSwitch(ctx.onLang)),
    h('main', { id: 'main', class: 'login-card', tabindex: '-1' },
      h('p', { class: 'login-brand' },
        h('img', { class: 'brand-mark', src: 'favicon.svg', alt: '', width: 36, height: 36 }),
        h('span', { class: 'brand-name' }, t('app.name'))),
      h('p', { class: 'login-tagline' }, t('app.tagline')),
      h('h1', { tabindex: '-1' }, title),
      notice,
      h('p', { class: 'hint' }, t('login.intro')),
      form,
      h('p', { class: 'login-notice' }, t('login.notice'))));
  return { title, node };
}
