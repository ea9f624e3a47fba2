// Setting up the second factor, and showing recovery codes: the parts shared by
// the login's enrolment step (a role that requires it, at the first login) and
// the My account page (of one's own accord, or new recovery codes).
//
// The set-up: the QR code to scan with an authenticator app, the same secret as
// text in groups of four for typing it in, and the first code the app shows,
// which the server checks before the second factor counts. A set-up started here
// is remembered for the tab (per login) so that a re-render (the language switch)
// keeps the secret the person may already have scanned. After a reload only the
// server knows it: the QR code still comes from the server, the text is not shown
// again, and the person may start again with a new secret.
//
// The recovery codes are shown once, with what they are for, a copy and a
// download, and a check that they have been kept before going on.
// Exports renderEnrolment(), renderRecoveryCodes(), forgetEnrolment(), codeErrorText().

import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { ApiError } from '../api.js';
import { fetchAccount, startEnrolment, confirmEnrolment, qrUrl, groupSecret, normaliseCode } from '../mfa.js';

// login → the set-up begun in this tab: a promise of { secret, version } (a re-render
// while the server has not answered yet waits for the same answer).
const started = new Map();
let version = 0; // each start's QR image gets its own URL

/** Forgets the set-up begun for login (after it is confirmed or given up). */
export function forgetEnrolment(login) {
  started.delete(login);
}

/** The message for a refused request in the login's second step or a set-up. */
export function codeErrorText(err, { wrong = 'mfa.error.wrong_code' } = {}) {
  if (err instanceof ApiError) {
    if (err.status === 401 && err.code === 'invalid_credentials') return t(wrong);
    if (err.status === 422 || err.status === 400) return t(wrong);
    if (err.status === 429) return t('login.error.rate_limited');
    if (err.status === 0) return t('error.network');
    return t('error.generic', { code: err.code });
  }
  return t('error.generic', { code: 'client' });
}

/** A 401 that is not a wrong code: the session is gone (expired, ended elsewhere). */
export function sessionGone(err) {
  return err instanceof ApiError && err.status === 401 && err.code !== 'invalid_credentials';
}

/** The 6-digit code input: what the platform fills from an app or a message. */
export function codeInput(id, extra = {}) {
  return h('input', {
    id, name: 'code', type: 'text', class: 'input input-code',
    inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9 ]*', maxlength: 8,
    autocapitalize: 'none', spellcheck: 'false', required: true, ...extra,
  });
}

/**
 * The set-up, in a <div id="mfa-enrol">:
 *   login      whose (the remembered set-up is per login)
 *   fresh      start a new set-up even when one is in progress on the server
 *              (otherwise, after a reload, its QR code is shown again)
 *   authEvent  false while the login is pending (a 401 is then handled here)
 *   onDone(codes)  confirmed: the ten recovery codes
 *   onCancel, cancelLabel   a button to give up (optional)
 *   onSessionGone  the session ended meanwhile
 */
export function renderEnrolment({
  login, fresh = false, authEvent = true, onDone, onCancel, cancelLabel, onSessionGone,
}) {
  const error = h('div', { class: 'form-error', role: 'alert', id: 'mfa-enrol-error' });
  const qr = h('img', {
    id: 'mfa-qr', class: 'mfa-qr', alt: t('mfa.enrol.qr_alt'), width: 200, height: 200, hidden: true,
  });
  const qrFailed = h('p', { class: 'hint', id: 'mfa-qr-failed', hidden: true }, t('mfa.enrol.qr_failed'));
  qr.addEventListener('error', () => { qr.hidden = true; qrFailed.hidden = false; });
  qr.addEventListener('load', () => { qrFailed.hidden = true; });
  const secretBox = h('div', { class: 'mfa-secret-box', 'aria-live': 'polite' });
  const input = codeInput('mfa-enrol-code', { 'aria-describedby': 'mfa-enrol-code-hint' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', id: 'mfa-enrol-submit' },
    t('mfa.enrol.submit'));
  const root = h('div', { class: 'mfa-enrol', id: 'mfa-enrol', dataset: { state: 'loading' } });

  const showError = (message) => {
    error.textContent = message;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', 'mfa-enrol-code-hint mfa-enrol-error');
  };
  const clearError = () => {
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', 'mfa-enrol-code-hint');
  };

  const show = (entry) => {
    qr.src = qrUrl(entry?.version ?? `resume-${++version}`);
    qr.hidden = false;
    clear(secretBox);
    if (entry) {
      secretBox.append(
        h('p', { class: 'mfa-secret-label', id: 'mfa-secret-label' }, t('mfa.enrol.secret_label')),
        h('code', { class: 'mfa-secret', id: 'mfa-secret' },
          groupSecret(entry.secret)),
        h('p', { class: 'hint' }, t('mfa.enrol.secret_hint', { login })));
    } else {
      secretBox.append(
        h('p', { class: 'hint', id: 'mfa-secret-unknown' }, t('mfa.enrol.secret_unknown')),
        h('button', { type: 'button', class: 'button button-secondary button-small', id: 'mfa-enrol-restart',
          onclick: () => begin() }, t('mfa.enrol.restart')));
    }
    root.dataset.state = 'ready';
  };

  const begin = () => {
    const entry = startEnrolment({ authEvent }).then((r) => ({ secret: r.secret, version: ++version }));
    started.set(login, entry);
    entry.catch(() => { if (started.get(login) === entry) started.delete(login); });
    return follow(entry);
  };

  async function follow(entry) {
    root.dataset.state = 'loading';
    clearError();
    try {
      show(await entry);
    } catch (err) {
      if (!authEvent && sessionGone(err)) {
        onSessionGone?.();
        return;
      }
      root.dataset.state = 'error';
      showError(codeErrorText(err));
    }
  }

  const form = h('form', { class: 'mfa-enrol-form', id: 'mfa-enrol-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const code = normaliseCode(input.value);
    if (!code) {
      showError(t('mfa.error.code_format'));
      input.focus();
      return;
    }
    clearError();
    submit.disabled = true;
    submit.textContent = t('mfa.enrol.submitting');
    try {
      const codes = await confirmEnrolment(code, { authEvent });
      forgetEnrolment(login);
      onDone(codes);
    } catch (err) {
      submit.disabled = false;
      submit.textContent = t('mfa.enrol.submit');
      if (!authEvent && sessionGone(err)) {
        onSessionGone?.();
        return;
      }
      input.value = '';
      if (err instanceof ApiError && err.status === 404) {
        // No set-up on the server any more (confirmed or replaced in another tab):
        // begin again, with a new secret to scan.
        forgetEnrolment(login);
        await begin();
        showError(t('mfa.error.no_enrolment'));
      } else {
        showError(codeErrorText(err, { wrong: 'mfa.error.wrong_code_enrol' }));
      }
      input.focus();
    }
  } },
  h('div', { class: 'field' },
    h('label', { for: 'mfa-enrol-code' }, t('mfa.enrol.code_label')),
    input,
    h('p', { class: 'hint', id: 'mfa-enrol-code-hint' }, t('mfa.enrol.code_hint'))),
  error,
  h('div', { class: 'actions' }, submit,
    onCancel ? h('button', { type: 'button', class: 'button button-quiet', id: 'mfa-enrol-cancel', onclick: () => {
      forgetEnrolment(login);
      onCancel();
    } }, cancelLabel ?? t('mfa.enrol.cancel')) : null));

  root.append(
    h('p', null, t('mfa.enrol.app_hint')),
    h('ol', { class: 'mfa-enrol-steps' },
      h('li', null, h('p', null, t('mfa.enrol.step_scan')), h('div', { class: 'mfa-qr-frame' }, qr), qrFailed, secretBox),
      h('li', null, h('p', null, t('mfa.enrol.step_code')), form)));

  const known = started.get(login);
  if (known) {
    follow(known);
  } else if (fresh) {
    begin();
  } else {
    // After a reload: a set-up begun before is still on the server, with its QR code.
    fetchAccount({ authEvent }).then((a) => (a?.mfa?.enrolling ? show(null) : begin()), () => begin());
  }
  return root;
}

/**
 * The recovery codes, shown once, in a <div id="mfa-recovery">:
 *   codes, login
 *   signal          the page's: the download's object URL is released with it
 *   onContinue()    after the person says they have kept them
 *   continueLabel
 */
export function renderRecoveryCodes({ codes, login, signal, onContinue, continueLabel }) {
  const list = h('ol', { class: 'mfa-code-list', id: 'mfa-recovery-codes' },
    codes.map((c) => h('li', null, h('code', null, c))));
  const text = `${t('mfa.codes.file_heading', { login })}\n\n${codes.join('\n')}\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  signal?.addEventListener('abort', () => URL.revokeObjectURL(url), { once: true });
  const note = h('span', { class: 'copy-note', role: 'status' });
  const copy = h('button', { type: 'button', class: 'button button-secondary button-small', id: 'mfa-codes-copy',
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(codes.join('\n'));
        note.textContent = t('jobs.copied');
      } catch {
        // No clipboard (not HTTPS, or refused): select them for Ctrl+C instead.
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.selectAllChildren(list);
        note.textContent = t('jobs.copy_selected');
      }
    } }, t('mfa.codes.copy'));
  const download = h('a', { class: 'button button-secondary button-small', id: 'mfa-codes-download', href: url,
    download: `mamori-recovery-codes-${login}.txt` }, t('mfa.codes.download'));
  const check = h('input', { type: 'checkbox', id: 'mfa-codes-kept', class: 'checkbox' });
  const error = h('div', { class: 'form-error', role: 'alert', id: 'mfa-codes-error' });
  const go = h('button', { type: 'button', class: 'button button-primary', id: 'mfa-continue', onclick: async () => {
    if (!check.checked) {
      error.textContent = t('mfa.codes.not_kept');
      check.focus();
      return;
    }
    error.textContent = '';
    go.disabled = true;
    try {
      await onContinue();
    } catch (err) {
      go.disabled = false;
      error.textContent = codeErrorText(err);
    }
  } }, continueLabel);
  return h('div', { class: 'mfa-recovery', id: 'mfa-recovery' },
    h('p', { class: 'warning' }, t('mfa.codes.warning')),
    h('p', null, t('mfa.codes.what')),
    list,
    h('div', { class: 'copy-tools' }, copy, download, note),
    h('div', { class: 'check' }, check, h('label', { for: 'mfa-codes-kept' }, t('mfa.codes.kept'))),
    error,
    h('div', { class: 'actions' }, go));
}
