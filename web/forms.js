// The parts every form of the UI is built from.
//
// - field(): a label, the control, a hint and the place for the control's own
//   error, tied together with for / aria-describedby.
// - showFieldErrors(): the server's 422 fields, each under its control (marked
//   aria-invalid), in the UI's language where the reason is a known one (the
//   server's words otherwise); the first faulty control gets the focus.
// - requestError(): what to say about a request that did not work at all.
// - confirmAction(): a modal question (<dialog>) before something that cannot
//   simply be undone (deactivate a person, revoke a role or a token).
// Exports field(), clearFieldErrors(), showFieldErrors(), setFieldError(),
// fieldText(), requestError(), confirmAction().

import { h } from './dom.js';
import { t, has } from './i18n.js';
import { ApiError } from './api.js';
import { fieldMessage, refusalMessage } from './form-messages.js';

/**
 * A form field: { id, label, control, hint?, name? }. name is the API field the
 * control stands for (default: the control's name), used to place the server's
 * errors.
 */
export function field({ id, label, control, hint, name, className }) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  control.id = id;
  control.dataset.field = name ?? control.name ?? id;
  control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
  return h('div', { class: `field${className ? ` ${className}` : ''}`, dataset: { fieldFor: control.dataset.field } },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint field-hint', id: hintId }, hint) : null,
    control,
    h('p', { class: 'field-error', id: errorId }));
}

/** Removes every field's error mark and message in form. */
export function clearFieldErrors(form) {
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
}

function errorPlace(form, name) {
  const control = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
  if (!control) return null;
  return { control, message: form.querySelector(`#${CSS.escape(control.id)}-error`) };
}

/** Marks the control for API field `name` with the message text; false when the form has none. */
export function setFieldError(form, name, text) {
  const place = errorPlace(form, name);
  if (!place) return false;
  place.control.setAttribute('aria-invalid', 'true');
  if (place.message) place.message.textContent = text;
  return true;
}

/** The words for a server's field error, in the UI's language when known. */
export function fieldText(f) {
  const known = fieldMessage(f.field, f.message);
  if (known && has(known.key)) {
    const params = { ...known.params };
    if (params.category) params.category = t(`people.category.${params.category}`);
    return t(known.key, params);
  }
  return t('form.error.server', { message: f.message ?? '' });
}

/**
 * Shows err.fields (an ApiError 422) under their controls; the fields the form
 * has no control for are returned as text lines for a message above the form.
 */
export function showFieldErrors(form, err) {
  clearFieldErrors(form);
  const rest = [];
  let first = null;
  for (const f of err?.fields ?? []) {
    const text = fieldText(f);
    if (setFieldError(form, f.field, text)) first ??= errorPlace(form, f.field).control;
    else rest.push(`${f.field}: ${text}`);
  }
  first?.focus();
  return rest;
}

/**
 * What to tell the person about a request that did not work: the refusal's
 * reason where the server gives a known one, else by status.
 */
export function requestError(err) {
  if (!(err instanceof ApiError)) return t('error.generic', { code: 'client' });
  if (err.status === 0) return t('error.network');
  const refusal = refusalMessage(err.message);
  if (refusal && has(refusal.key)) {
    const params = { ...refusal.params };
    if (params.role && has(`role.${params.role}`)) params.role = t(`role.${params.role}`);
    return t(refusal.key, params);
  }
  if (err.status === 412) return t('form.error.stale');
  if (err.status === 404) return t('form.error.not_found');
  if (err.status === 403) return t('form.error.forbidden', { message: err.message ?? '' });
  if (err.status === 409) return t('form.error.conflict', { message: err.message ?? '' });
  if (err.status === 422) return t('form.error.invalid');
  return t('error.generic', { code: err.code ?? `http_${err.status}` });
}

/**
 * Asks before an action; resolves to true when confirmed. The question is a
 * modal <dialog> (focus stays in it, Escape cancels), removed once answered.
 *   { title, text, confirm: label of the confirming button, id }
 */
export function confirmAction({ title, text, confirm, id = 'confirm-dialog' }) {
  return new Promise((resolve) => {
    const answer = (value) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    const dialog = h('dialog', { class: 'dialog', id, 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-text` },
      h('h2', { id: `${id}-title` }, title),
      h('p', { id: `${id}-text` }, text),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'button button-danger', id: `${id}-yes`, onclick: () => answer(true) }, confirm),
        h('button', { type: 'button', class: 'button button-secondary', id: `${id}-no`, onclick: () => answer(false) },
          t('form.cancel'))));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      answer(false);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    dialog.querySelector(`#${id}-no`).focus();
  });
}
