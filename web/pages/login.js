// The login page (#/login).
//
// Login ID and password, sent with the pre-login CSRF token. The server's 401
// is deliberately generic; we show one localized message for every wrong
// login, password or locked account.
//
// When the person owes a second factor the password gives a pending session
// (ctx.session.mfa_pending), and this page shows the next step instead of the
// password form: the 6-digit code from the authenticator app (or a recovery code),
// or, for a role that requires a second factor and a person who has none yet, the
// set-up (QR code, secret, first code) and then the ten recovery codes, once. A
// reload comes back to the same step, as the server answers the pending session.
// "Cancel" logs the pending session out. Exports render().

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { ApiError } from '../api.js';
import { login, secondFactor, fetchSession } from '../session.js';
import { normaliseCode } from '../mfa.js';
import { langSwitch } from './layout.js';
import {
  renderEnrolment, renderRecoveryCodes, forgetEnrolment, codeErrorText, sessionGone, codeInput,
} from './mfa-enrol.js';

// Kept across re-renders of the page (the language switch re-renders it):
let useRecovery = false; // the code step asks for a recovery code instead of the app's code
let shown = null; // { login, codes }: a set-up just confirmed, its codes not yet acknowledged

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

/** The frame of every step: language switch, brand, heading, notice. */
function card(ctx, title, ...content) {
  const notice = ctx.flash
    ? h('p', { class: 'flash', role: 'status' }, t(ctx.flash))
    : null;
  return h('div', { class: 'login-page' },
    h('div', { class: 'login-top' }, langSwitch(ctx.onLang)),
    h('main', { id: 'main', class: 'login-card', tabindex: '-1' },
      h('p', { class: 'login-brand' },
        h('img', { class: 'brand-mark', src: 'favicon.svg', alt: '', width: 36, height: 36 }),
        h('span', { class: 'brand-name' }, t('app.name'))),
      h('p', { class: 'login-tagline' }, t('app.tagline')),
      h('h1', { tabindex: '-1' }, title),
      notice,
      ...content,
      h('p', { class: 'login-notice' }, t('login.notice'))));
}

/** Gives up the pending login: its session is deleted. */
function cancelButton(ctx) {
  return h('p', { class: 'mfa-cancel' },
    h('button', { type: 'button', class: 'button button-quiet', id: 'mfa-cancel', onclick: () => {
      useRecovery = false;
      shown = null;
      forgetEnrolment(ctx.session.login);
      ctx.onLogout();
    } }, t('mfa.cancel')));
}

/** The pending session ended (expired, or logged out in another tab). */
function sessionEnded() {
  window.dispatchEvent(new CustomEvent('mamori:unauthenticated'));
}

function passwordStep(ctx) {
  const title = t('login.title');
  const error = h('div', { class: 'form-error', role: 'alert', id: 'login-error' });

  const loginInput = h('input', {
    id: 'login-id', name: 'login', type: 'text', class: 'input',
    autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false',
    required: true, dataset: { autofocus: '' },
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
      useRecovery = false;
      shown = null;
      if (session.mfa_pending) ctx.onPending(session);
      else ctx.onLogin(session);
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

  return { title, node: card(ctx, title, h('p', { class: 'hint' }, t('login.intro')), form) };
}

/** The second step for a person with a second factor: a code from the app, or a recovery code. */
function codeStep(ctx) {
  const title = t('mfa.code.title');
  const name = ctx.session.name || ctx.session.login || '';
  const error = h('div', { class: 'form-error', role: 'alert', id: 'mfa-error' });
  const hintId = useRecovery ? 'mfa-recovery-hint' : 'mfa-code-hint';
  const input = useRecovery
    ? h('input', {
      id: 'mfa-recovery-code', name: 'recovery_code', type: 'text', class: 'input input-code',
      autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', maxlength: 40, required: true,
      'aria-describedby': hintId, dataset: { autofocus: '' },
    })
    : codeInput('mfa-code', { 'aria-describedby': hintId, dataset: { autofocus: '' } });
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, t('mfa.code.submit'));

  const showError = (message) => {
    error.textContent = message;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `${hintId} mfa-error`);
    input.focus();
  };

  const form = h('form', { class: 'login-form', id: 'mfa-code-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    let answer;
    if (useRecovery) {
      const value = input.value.trim();
      if (!value) {
        showError(t('mfa.error.recovery_required'));
        return;
      }
      answer = { recovery_code: value };
    } else {
      const code = normaliseCode(input.value);
      if (!code) {
        showError(t('mfa.error.code_format'));
        return;
      }
      answer = { code };
    }
    error.textContent = '';
    submit.disabled = true;
    submit.textContent = t('login.submitting');
    try {
      const session = await secondFactor(answer);
      useRecovery = false;
      ctx.onLogin(session);
    } catch (err) {
      submit.disabled = false;
      submit.textContent = t('mfa.code.submit');
      if (sessionGone(err)) {
        sessionEnded();
        return;
      }
      input.value = '';
      showError(codeErrorText(err, { wrong: useRecovery ? 'mfa.error.wrong_recovery' : 'mfa.error.wrong_code' }));
    }
  } },
  useRecovery
    ? h('div', { class: 'field' },
      h('label', { for: 'mfa-recovery-code' }, t('mfa.recovery.label')), input,
      h('p', { class: 'hint', id: hintId }, t('mfa.recovery.hint')))
    : h('div', { class: 'field' },
      h('label', { for: 'mfa-code' }, t('mfa.code.label')), input,
      h('p', { class: 'hint', id: hintId }, t('mfa.code.hint'))),
  error,
  h('div', { class: 'actions' }, submit));

  const toggle = h('p', { class: 'mfa-toggle' },
    h('button', { type: 'button', class: 'button button-quiet', id: 'mfa-toggle', onclick: () => {
      useRecovery = !useRecovery;
      ctx.navigate('/login');
    } }, t(useRecovery ? 'mfa.code.use_app' : 'mfa.code.use_recovery')));

  return {
    title,
    node: card(ctx, title,
      h('p', { class: 'hint' }, t(useRecovery ? 'mfa.recovery.intro' : 'mfa.code.intro', { name })),
      form, toggle, cancelButton(ctx)),
  };
}

/** The first login of a role that requires a second factor: set it up now. */
function enrolStep(ctx) {
  const title = t('mfa.enrol.title');
  const name = ctx.session.name || ctx.session.login || '';
  const who = ctx.session.login;
  const enrolment = renderEnrolment({
    login: who,
    authEvent: false,
    onSessionGone: sessionEnded,
    onDone: (codes) => {
      shown = { login: who, codes };
      ctx.navigate('/login');
    },
  });
  return {
    title,
    node: card(ctx, title,
      h('p', null, t(ctx.session.mfa?.required ? 'mfa.enrol.intro_required' : 'mfa.enrol.intro_owed', { name })),
      enrolment, cancelButton(ctx)),
  };
}

/** The set-up is confirmed and the login complete: the recovery codes, once. */
function codesStep(ctx) {
  const title = t('mfa.codes.title');
  const codes = renderRecoveryCodes({
    codes: shown.codes,
    login: shown.login,
    signal: ctx.signal,
    continueLabel: t('mfa.codes.continue'),
    onContinue: async () => {
      const session = await fetchSession();
      shown = null;
      if (session.authenticated) ctx.onLogin(session);
      else sessionEnded();
    },
  });
  return {
    title,
    node: card(ctx, title, h('p', { class: 'mfa-done', role: 'status' }, t('mfa.enrol.done')), codes),
  };
}

export function render(ctx) {
  const s = ctx.session;
  if (shown && s.mfa_pending && shown.login === s.login) return codesStep(ctx);
  if (s.mfa_pending) return s.mfa?.enrolled ? codeStep(ctx) : enrolStep(ctx);
  shown = null;
  useRecovery = false;
  return passwordStep(ctx);
}
