// What the pages that record a requirement's implementation share (the asset's page,
// the requirement's list of where it applies, one record's page): the statuses one may
// set, a status badge, and the inline control that records a status.
//
// statusControl() shows a record's status (未着手 without one) and, when editable, a
// status select, a reason for 対象外 and a save button: POST /api/v1/implementations
// for the first record of a pair (target: requirement_id with asset_id or org_unit_id),
// PATCH with If-Match after. 適用除外 (excepted) comes from an approved exception and is
// never offered. Exports IMPL_STATUSES, statusBadge(), statusControl(), recordLink().

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { request, ifMatch } from '../api.js';
import { requestError } from '../forms.js';

export const IMPL_STATUSES = ['not_started', 'partial', 'implemented', 'not_applicable'];

export function statusBadge(status) {
  return h('span', { class: 'impl-status', dataset: { status } }, t(`implementation.status.${status}`));
}

/** A link to a record's page (#/implementations/{id}), or null without a record. */
export function recordLink(id, code) {
  if (!id) return null;
  return h('a', { href: `#/implementations/${id}`, class: 'impl-link', 'aria-label': t('implementation.open_of', { code }) },
    t('implementation.open'));
}

/**
 * statusControl({ code, record: { id, version, status } | null, target, editable, onSaved })
 * code names the requirement for the control's label; onSaved(record) after a save.
 */
export function statusControl({ code, record, target, editable, onSaved }) {
  const im = record?.id ? record : { id: null, version: null, status: record?.status ?? 'not_started' };
  const badge = statusBadge(im.status);
  if (!editable || im.status === 'excepted') return badge;
  const select = h('select', { 'aria-label': t('implementation.status_of', { code }), class: 'impl-select' },
    IMPL_STATUSES.map((s) => h('option', { value: s, selected: s === im.status }, t(`implementation.status.${s}`))));
  const reason = h('input', {
    type: 'text', class: 'impl-reason', maxlength: 2000, hidden: im.status !== 'not_applicable',
    'aria-label': t('implementation.reason'), placeholder: t('implementation.reason'),
  });
  const message = h('span', { class: 'impl-message', role: 'status' });
  select.addEventListener('change', () => { reason.hidden = select.value !== 'not_applicable'; });
  const save = h('button', { type: 'button', class: 'button button-secondary impl-save' }, t('implementation.save'));
  save.addEventListener('click', async () => {
    save.disabled = true;
    message.textContent = '';
    const body = { status: select.value };
    if (select.value === 'not_applicable') body.reason = reason.value;
    try {
      const saved = im.id
        ? await request('PATCH', `api/v1/implementations/${im.id}`, { body, headers: ifMatch(im.version) })
        : await request('POST', 'api/v1/implementations', { body: { ...body, ...target } });
      onSaved(saved);
    } catch (err) {
      message.textContent = requestError(err);
      save.disabled = false;
    }
  });
  return h('span', null, badge, h('span', { class: 'impl-editor' }, select, reason, save, message));
}
