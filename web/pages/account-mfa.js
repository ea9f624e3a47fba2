// My account: the second factor (two-step verification) section.
//
// Self-contained, so that it can be mounted in any account page:
//   renderMfaSection(section, ctx)   fills section (e.g. <section id="account-mfa">)
// with its heading and content; ctx is the page's (session, signal). It shows
// whether a second factor is set up, whether a role requires it, how many recovery
// codes are left, and offers: set it up (the same set-up as the login's step),
// new recovery codes (the old ones stop working), and removing it where no role
// requires it. The section says data-ready="true" once the account is loaded.
// Exports renderMfaSection().

import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { ApiError } from '../api.js';
import { fetchAccount, newRecoveryCodes, removeMfa } from '../mfa.js';
import { renderEnrolment, renderRecoveryCodes, forgetEnrolment } from './mfa-enrol.js';

// What the section shows besides the status, per login, kept across re-renders of
// the page (the language switch): { mode: 'enrol' } or { mode: 'codes', codes, fresh }.
const views = new Map();

// Fewer recovery codes than this left: advise new ones.
const FEW_CODES = 3;

function errorText(err) {
  if (err instanceof ApiError) {
    if (err.status === 409) return t('account.mfa.error.required');
    if (err.status === 0) return t('error.network');
    return t('error.generic', { code: err.code });
  }
  return t('error.generic', { code: 'client' });
}

function row(term, ...definition) {
  return h('div', { class: 'summary-row' }, h('dt', null, term), h('dd', null, ...definition));
}

/** A button that asks once more, inline, before doing what it says. */
function confirmed({ id, label, question, confirmLabel, danger = false, action }) {
  const box = h('div', { class: 'mfa-confirm' });
  const ask = h('button', { type: 'button', class: 'button button-secondary', id, onclick: () => {
    ask.hidden = true;
    clear(box);
    const yes = h('button', { type: 'button', class: `button ${danger ? 'button-danger' : 'button-primary'}`,
      id: `${id}-confirm`, onclick: async () => {
        yes.disabled = true;
        await action();
      } }, confirmLabel);
    box.append(
      h('p', { class: 'warning', id: `${id}-question` }, question),
      h('div', { class: 'actions' }, yes,
        h('button', { type: 'button', class: 'button button-quiet', id: `${id}-cancel`, onclick: () => {
          clear(box);
          ask.hidden = false;
          ask.focus();
        } }, t('account.mfa.keep'))));
    yes.focus();
  } }, label);
  return h('div', { class: 'mfa-action' }, ask, box);
}

export function renderMfaSection(section, ctx) {
  const login = ctx.session.person?.login ?? '';
  const body = h('div', { class: 'mfa-body' });
  const error = h('div', { class: 'form-error', role: 'alert', id: 'account-mfa-error' });
  clear(section);
  section.setAttribute('aria-labelledby', 'account-mfa-heading');
  section.classList.add('account-mfa');
  section.append(
    h('h2', { id: 'account-mfa-heading', tabindex: '-1' }, t('account.mfa.heading')),
    h('p', { class: 'hint' }, t('account.mfa.intro')),
    error,
    body);

  const fail = (err) => {
    if (err?.name === 'AbortError' || ctx.signal.aborted) return;
    error.textContent = errorText(err);
  };

  async function refresh({ focus = false } = {}) {
    section.dataset.ready = 'false';
    let account;
    try {
      account = await fetchAccount({ signal: ctx.signal });
    } catch (err) {
      fail(err);
      return;
    }
    if (ctx.signal.aborted) return;
    draw(account.mfa ?? {});
    section.dataset.ready = 'true';
    if (focus) section.querySelector('h2')?.focus();
  }

  function status(mfa) {
    const left = Number(mfa.recovery_codes_left ?? 0);
    return h('dl', { class: 'summary', id: 'account-mfa-status', dataset: { enrolled: String(Boolean(mfa.enrolled)) } },
      row(t('account.mfa.state'),
        h('span', { id: 'account-mfa-state' },
          t(mfa.enrolled ? 'account.mfa.state_on' : (mfa.enrolling ? 'account.mfa.state_enrolling' : 'account.mfa.state_off')))),
      row(t('account.mfa.required'),
        h('span', { id: 'account-mfa-required' },
          t(mfa.required ? 'account.mfa.required_yes' : 'account.mfa.required_no'))),
      mfa.enrolled
        ? row(t('account.mfa.codes_left'),
          h('span', { id: 'account-mfa-codes-left' }, t('account.mfa.codes_left_value', { count: left })),
          left < FEW_CODES ? h('p', { class: 'warning', id: 'account-mfa-codes-few' },
            t(left === 0 ? 'account.mfa.codes_none' : 'account.mfa.codes_few')) : null)
        : null);
  }

  function draw(mfa) {
    clear(body);
    error.textContent = '';
    const view = views.get(login);

    if (view?.mode === 'codes') {
      body.append(
        h('h3', { id: 'account-mfa-codes-heading', tabindex: '-1' },
          t(view.fresh ? 'account.mfa.codes_heading_new' : 'mfa.codes.title')),
        view.fresh ? null : h('p', { class: 'mfa-done', role: 'status' }, t('account.mfa.enrolled_now')),
        renderRecoveryCodes({
          codes: view.codes, login, signal: ctx.signal, continueLabel: t('account.mfa.codes_done'),
          onContinue: async () => {
            views.delete(login);
            await refresh({ focus: true });
          },
        }));
      return;
    }

    if (view?.mode === 'enrol') {
      body.append(
        h('h3', { id: 'account-mfa-enrol-heading', tabindex: '-1' }, t('mfa.enrol.title')),
        h('p', null, t(mfa.required ? 'account.mfa.enrol_intro_required' : 'account.mfa.enrol_intro')),
        renderEnrolment({
          login,
          fresh: !view.started,
          onDone: (codes) => {
            views.set(login, { mode: 'codes', codes, fresh: false });
            refresh().then(() => section.querySelector('#account-mfa-codes-heading')?.focus());
          },
          onCancel: () => {
            views.delete(login);
            refresh({ focus: true });
          },
          cancelLabel: t('mfa.enrol.cancel'),
        }));
      // Begun: a re-render (the language switch) shows the same secret again.
      view.started = true;
      return;
    }

    body.append(status(mfa));
    const actions = h('div', { class: 'mfa-actions' });
    if (!mfa.enrolled) {
      actions.append(h('button', { type: 'button', class: 'button button-primary', id: 'account-mfa-setup', onclick: () => {
        forgetEnrolment(login);
        views.set(login, { mode: 'enrol', started: false });
        draw(mfa);
        section.querySelector('#account-mfa-enrol-heading')?.focus();
      } }, t('account.mfa.setup')));
    } else {
      actions.append(confirmed({
        id: 'account-mfa-new-codes',
        label: t('account.mfa.new_codes'),
        question: t('account.mfa.new_codes_question'),
        confirmLabel: t('account.mfa.new_codes_confirm'),
        action: async () => {
          try {
            const codes = await newRecoveryCodes();
            views.set(login, { mode: 'codes', codes, fresh: true });
            draw(mfa);
            section.querySelector('#account-mfa-codes-heading')?.focus();
          } catch (err) {
            draw(mfa);
            fail(err);
          }
        },
      }));
      if (mfa.required) {
        actions.append(h('p', { class: 'hint', id: 'account-mfa-cannot-remove' }, t('account.mfa.cannot_remove')));
      } else {
        actions.append(confirmed({
          id: 'account-mfa-remove',
          label: t('account.mfa.remove'),
          question: t('account.mfa.remove_question'),
          confirmLabel: t('account.mfa.remove_confirm'),
          danger: true,
          action: async () => {
            try {
              await removeMfa();
              await refresh({ focus: true });
            } catch (err) {
              draw(mfa);
              fail(err);
            }
          },
        }));
      }
    }
    body.append(actions);
  }

  body.append(h('p', { class: 'status' }, t('account.mfa.loading')));
  refresh();
}

/** The MFA section of the My account page (pages/account.js), filled as it loads. */
export function mfaSection(ctx) {
  const section = h('section', { class: 'card account-mfa', id: 'account-mfa' });
  renderMfaSection(section, ctx);
  return section;
}
