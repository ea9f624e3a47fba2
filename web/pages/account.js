// My account (#/account, from the header, for everyone logged in): what is the
// person's own to keep.
//
// - The password: current and new (twice); POST /api/v1/account/password
//   {current_password, new_password} → 204; a 422 names current_password (wrong)
//   or new_password (the policy: at least 12 characters, not the login, not a
//   common password, at least 5 distinct characters), shown under the field. A
//   server without the route (GET /api/v1/openapi.json) shows the form disabled,
//   saying so, and is never asked.
// - Multi-factor authentication: its own section (pages/account-mfa.js).
// - API tokens for automation (GET/POST/DELETE /api/v1/tokens): make one with a
//   name, read-only or read-write, and an expiry; its secret is shown once, with
//   a copy button and a warning, and is gone from the page when closed or left;
//   the list of one's tokens (never their secrets) with their state; revoke one
//   after a confirmation. Exports render().

import { h, clear } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { get, request, ApiError } from '../api.js';
import { formatDateTime } from '../time.js';
import {
  field, clearFieldErrors, showFieldErrors, setFieldError, requestError, confirmAction,
} from '../forms.js';
import { serverRoutes } from '../server-routes.js';
import { copyable, row } from './job-panel.js';
import { mfaSection } from './account-mfa.js';

const PASSWORD_ROUTE = '/api/v1/account/password';
const EXPIRY_CHOICES = [30, 90, 180, 366];

// ---------------------------------------------------------------------------
// The password

function passwordSection(ctx) {
  const { signal } = ctx;
  const input = (name, autocomplete) => h('input', { name, type: 'password', class: 'input input-inline', autocomplete, spellcheck: 'false' });
  const current = input('current_password', 'current-password');
  const next = input('new_password', 'new-password');
  const again = input('new_password_again', 'new-password');
  const alert = h('div', { class: 'form-error', role: 'alert', id: 'password-error' });
  const status = h('p', { class: 'status', role: 'status', id: 'password-status' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', id: 'password-submit' }, t('account.password.submit'));
  const fields = h('fieldset', { class: 'plain', id: 'password-fields' },
    h('legend', { class: 'visually-hidden' }, t('account.password.title')),
    field({ id: 'password-current', label: t('account.password.current'), control: current }),
    field({ id: 'password-new', label: t('account.password.new'), control: next, hint: t('account.password.policy') }),
    field({ id: 'password-again', label: t('account.password.again'), control: again }),
    alert,
    h('div', { class: 'actions' }, submit, status));
  const unavailable = h('p', { class: 'notice notice-info', id: 'password-unavailable', hidden: true }, t('account.password.unavailable'));
  let busy = false;
  const form = h('form', {
    class: 'password-form', id: 'password-form', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      if (busy || fields.disabled) return;
      clearFieldErrors(form);
      alert.textContent = '';
      status.textContent = '';
      let wrong = false;
      for (const [control, name] of [[current, 'current_password'], [next, 'new_password']]) {
        if (!control.value) {
          setFieldError(form, name, t('form.error.required'));
          wrong = true;
        }
      }
      if (next.value && again.value !== next.value) {
        setFieldError(form, 'new_password_again', t('account.password.error.again'));
        wrong = true;
      }
      if (wrong) {
        form.querySelector('[aria-invalid="true"]')?.focus();
        return;
      }
      busy = true;
      submit.disabled = true;
      status.textContent = t('account.password.saving');
      try {
        await request('POST', 'api/v1/account/password', {
          body: { current_password: current.value, new_password: next.value }, signal,
        });
        for (const c of [current, next, again]) c.value = '';
        status.textContent = t('account.password.done');
      } catch (err) {
        if (err?.name === 'AbortError') return;
        status.textContent = '';
        if (err instanceof ApiError && err.status === 422 && err.fields?.length) {
          const rest = showFieldErrors(form, err);
          alert.textContent = rest.length ? `${t('form.error.invalid')} ${rest.join(' ')}` : '';
        } else {
          alert.textContent = requestError(err);
        }
      } finally {
        busy = false;
        submit.disabled = false;
      }
    },
  }, fields);

  // Asked for only where the server has the route.
  fields.disabled = true;
  const ready = serverRoutes(signal, [PASSWORD_ROUTE]).then((paths) => {
    const has = paths.has(PASSWORD_ROUTE);
    fields.disabled = !has;
    unavailable.hidden = has;
    form.dataset.available = String(has);
  }).catch(() => {
    unavailable.hidden = false;
  });
  const node = h('section', { class: 'card', id: 'account-password', 'aria-labelledby': 'account-password-heading' },
    h('h2', { id: 'account-password-heading' }, t('account.password.title')),
    h('p', null, t('account.password.intro')),
    unavailable,
    form);
  return { node, ready };
}

// ---------------------------------------------------------------------------
// API tokens

function tokenState(tok, now) {
  if (tok.revoked_at) return 'revoked';
  if (tok.expires_at && Date.parse(tok.expires_at) <= now) return 'expired';
  return 'active';
}

function tokensSection(ctx) {
  const { signal } = ctx;
  const lang = getLang();
  const name = h('input', { name: 'name', type: 'text', class: 'input input-inline', autocomplete: 'off', maxlength: '100' });
  const scopeRadio = (value, checked) => h('div', { class: 'radio' },
    h('input', { type: 'radio', name: 'scope', id: `token-scope-${value}`, value, checked }),
    h('label', { for: `token-scope-${value}` }, t(`account.tokens.scope.${value}`)));
  const scopeGroup = h('fieldset', { class: 'plain', id: 'token-scope', dataset: { field: 'scope' }, 'aria-describedby': 'token-scope-hint token-scope-error' },
    h('legend', null, t('account.tokens.scope')),
    h('p', { class: 'hint field-hint', id: 'token-scope-hint' }, t('account.tokens.scope_hint')),
    h('div', { class: 'radios' }, scopeRadio('read', true), scopeRadio('write', false)),
    h('p', { class: 'field-error', id: 'token-scope-error' }));
  const expiry = h('select', { name: 'expires_in_days', class: 'input input-inline' },
    EXPIRY_CHOICES.map((d) => h('option', { value: String(d), selected: d === 90 }, t('account.tokens.days', { days: d }))));
  const alert = h('div', { class: 'form-error', role: 'alert', id: 'token-error' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', id: 'token-submit' }, t('account.tokens.create'));
  const secretBox = h('div', { id: 'token-secret-box' });
  const listStatus = h('p', { class: 'status', role: 'status', id: 'tokens-status' });
  const tbody = h('tbody');
  const region = h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-label': t('account.tokens.list'), hidden: true },
    h('table', { class: 'table', id: 'tokens-table' },
      h('caption', { class: 'visually-hidden' }, t('account.tokens.list')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('account.tokens.col.name')),
        h('th', { scope: 'col' }, t('account.tokens.col.scope')),
        h('th', { scope: 'col' }, t('account.tokens.col.created')),
        h('th', { scope: 'col' }, t('account.tokens.col.expires')),
        h('th', { scope: 'col' }, t('account.tokens.col.used')),
        h('th', { scope: 'col' }, t('account.tokens.col.state')),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('account.tokens.col.actions'))))),
      tbody));
  const listError = h('div', { class: 'form-error', role: 'alert', id: 'tokens-error' });

  const when = (v) => (v ? h('time', { datetime: v }, formatDateTime(v, lang, { seconds: false })) : t('common.none'));

  async function revoke(tok, button) {
    listError.textContent = '';
    const yes = await confirmAction({
      id: 'token-revoke-dialog',
      title: t('account.tokens.revoke_title'),
      text: t('account.tokens.revoke_text', { name: tok.name }),
      confirm: t('account.tokens.revoke_confirm'),
    });
    if (!yes) {
      button.focus();
      return;
    }
    button.disabled = true;
    try {
      await request('DELETE', `api/v1/tokens/${tok.id}`, { signal });
      await load();
      listStatus.textContent = t('account.tokens.revoked', { name: tok.name });
    } catch (err) {
      if (err?.name === 'AbortError') return;
      button.disabled = false;
      listError.textContent = requestError(err);
    }
  }

  function tokenRow(tok, now) {
    const state = tokenState(tok, now);
    const button = state === 'active'
      ? h('button', { type: 'button', class: 'button button-small button-danger-quiet', dataset: { revoke: String(tok.id) } },
        t('account.tokens.revoke'))
      : null;
    button?.addEventListener('click', () => revoke(tok, button));
    return h('tr', { class: state === 'active' ? null : 'is-inactive', dataset: { tokenId: String(tok.id) } },
      h('td', null, tok.name),
      h('td', null, t(`account.tokens.scope.${tok.scope}`)),
      h('td', { class: 'nowrap' }, when(tok.created_at)),
      h('td', { class: 'nowrap' }, when(tok.expires_at)),
      h('td', { class: 'nowrap' }, tok.last_used_at ? when(tok.last_used_at) : t('account.tokens.never')),
      h('td', null, h('span', { class: `badge badge-token-${state}` }, t(`account.tokens.state.${state}`))),
      h('td', null, button));
  }

  async function load() {
    listStatus.textContent = t('account.tokens.loading');
    try {
      const data = await get('api/v1/tokens', null, { signal });
      const items = data?.items ?? [];
      const now = Date.now();
      clear(tbody);
      for (const tok of items) tbody.appendChild(tokenRow(tok, now));
      region.hidden = items.length === 0;
      listStatus.textContent = items.length === 0 ? t('account.tokens.none') : '';
    } catch (err) {
      if (err?.name === 'AbortError') return;
      listStatus.textContent = requestError(err);
    }
  }

  /** The secret, once: a warning, the value with a copy button, and a button that closes it for good. */
  function showSecret(made) {
    clear(secretBox);
    const close = h('button', {
      type: 'button', class: 'button button-secondary', id: 'token-secret-close',
      onclick: () => { clear(secretBox); name.focus(); },
    }, t('account.tokens.secret_close'));
    const box = h('div', { class: 'secret', id: 'token-secret', role: 'group', 'aria-labelledby': 'token-secret-title', tabindex: '-1' },
      h('p', { class: 'secret-title', id: 'token-secret-title' }, t('account.tokens.secret_title', { name: made.name })),
      h('p', { class: 'warning', id: 'token-secret-warning' }, t('account.tokens.secret_warning')),
      copyable(made.token, t('account.tokens.secret_what'), 'token-secret'),
      h('p', { class: 'hint' }, t('account.tokens.secret_use', { expires: formatDateTime(made.expires_at, lang, { seconds: false }) })),
      h('div', { class: 'actions' }, close));
    secretBox.append(box);
    box.focus();
  }
  // The secret leaves the page with the page.
  signal.addEventListener('abort', () => clear(secretBox), { once: true });

  let busy = false;
  const form = h('form', {
    class: 'token-form', id: 'token-form', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      if (busy) return;
      clearFieldErrors(form);
      alert.textContent = '';
      clear(secretBox);
      if (!name.value.trim()) {
        setFieldError(form, 'name', t('form.error.required'));
        name.focus();
        return;
      }
      busy = true;
      submit.disabled = true;
      try {
        const scope = form.querySelector('input[name="scope"]:checked')?.value ?? 'read';
        const made = await request('POST', 'api/v1/tokens', {
          body: { name: name.value.trim(), scope, expires_in_days: Number(expiry.value) }, signal,
        });
        name.value = '';
        await load();
        showSecret(made);
      } catch (err) {
        if (err?.name === 'AbortError') return;
        if (err instanceof ApiError && err.status === 422 && err.fields?.length) {
          const rest = showFieldErrors(form, err);
          alert.textContent = rest.length ? `${t('form.error.invalid')} ${rest.join(' ')}` : '';
        } else {
          alert.textContent = requestError(err);
        }
      } finally {
        busy = false;
        submit.disabled = false;
      }
    },
  },
  field({ id: 'token-name', label: t('account.tokens.name'), control: name, hint: t('account.tokens.name_hint') }),
  scopeGroup,
  field({ id: 'token-expiry', label: t('account.tokens.expiry'), control: expiry }),
  alert,
  h('div', { class: 'actions' }, submit));

  const ready = load();
  const node = h('section', { class: 'card', id: 'account-tokens', 'aria-labelledby': 'account-tokens-heading' },
    h('h2', { id: 'account-tokens-heading' }, t('account.tokens.title')),
    h('p', null, t('account.tokens.intro')),
    form,
    secretBox,
    h('h3', { id: 'account-tokens-list-heading' }, t('account.tokens.list')),
    listError,
    listStatus,
    region);
  return { node, ready };
}

// ---------------------------------------------------------------------------
// The page

export function render(ctx) {
  const person = ctx.session.person ?? {};
  const title = t('account.title');
  const password = passwordSection(ctx);
  const tokens = tokensSection(ctx);
  const node = h('div', { class: 'page account', id: 'account-page' },
    h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'lead' }, t('account.intro')),
    h('section', { class: 'card', id: 'account-summary', 'aria-labelledby': 'account-summary-heading' },
      h('h2', { id: 'account-summary-heading' }, t('account.summary')),
      h('dl', { class: 'summary' },
        row(t('home.name'), person.name ?? t('common.none')),
        row(t('home.login'), person.login ? h('code', null, person.login) : t('common.none')))),
    password.node,
    mfaSection(ctx),
    tokens.node);
  Promise.allSettled([password.ready, tokens.ready]).then(() => { if (!ctx.signal.aborted) node.dataset.ready = 'true'; });
  return { title, node };
}
