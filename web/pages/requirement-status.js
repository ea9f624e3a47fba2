// The section of a requirement's page (#/requirements/{id}) that says where it applies
// and its status there (issue 6 point 9), among what the reader may see: GET
// /api/v1/requirements/{id}/implementations. The counts by status over everything in
// sight come first; then the assets it applies to (name, unit, class label, status) or,
// for an item carried out per unit, the units; a status filter; more pages on request.
// Where the reader may record a status (writable: implementation.write in the unit), the
// row has the control of implementation-control.js — for a unit, this is where its
// status is set. Each row with a record links to the record's page.
// Shown to who reads assets (asset.read). Exports statusSection().

import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { get } from '../api.js';
import { requestError } from '../forms.js';
import { labelBadge } from '../classes.js';
import { label } from '../catalog-data.js';
import { statusBadge, statusControl, recordLink } from './implementation-control.js';

const STATUSES = ['not_started', 'partial', 'implemented', 'not_applicable', 'excepted'];
const PAGE = 50;

export function statusSection(ctx, q) {
  const { signal, session } = ctx;
  if (!(session.permissions ?? []).includes('asset.read')) return null;
  const assets = q.scope === 'asset';
  const counts = h('div', { id: 'requirement-status-counts-box' });
  const filter = h('select', { id: 'requirement-status-filter', class: 'input input-inline' },
    h('option', { value: '' }, t('implementation.where.all')),
    STATUSES.map((s) => h('option', { value: s }, t(`implementation.status.${s}`))));
  const rows = h('tbody');
  const table = h('table', { class: 'table', id: 'requirement-status-table' },
    h('thead', null, h('tr', null,
      (assets ? ['asset', 'unit', 'label', 'status', 'record'] : ['unit', 'status', 'record'])
        .map((c) => h('th', { scope: 'col' }, t(`implementation.where.${c}`))))),
    rows);
  const tableBox = h('div', { class: 'table-scroll' }, table);
  const empty = h('p', { class: 'hint', id: 'requirement-status-empty', hidden: true });
  const more = h('button', { type: 'button', class: 'button button-secondary', id: 'requirement-status-more', hidden: true },
    t('implementation.where.more'));
  const message = h('p', { class: 'status', role: 'status' });
  const card = h('section', { class: 'card', id: 'requirement-status', 'aria-labelledby': 'requirement-status-title' },
    h('h2', { id: 'requirement-status-title' }, t('implementation.where.title')),
    h('p', { class: 'hint' }, t(assets ? 'implementation.where.intro_asset' : 'implementation.where.intro_unit')),
    counts,
    h('div', { class: 'field field-inline' },
      h('label', { for: 'requirement-status-filter' }, t('implementation.where.filter')), filter),
    tableBox, empty, more, message);

  let cursor = null;
  const row = (x) => {
    const control = statusControl({
      code: q.code, record: x.implementation_id ? { id: x.implementation_id, version: x.version, status: x.status } : { status: x.status },
      target: assets ? { requirement_id: q.id, asset_id: x.asset_id } : { requirement_id: q.id, org_unit_id: x.unit_id },
      editable: x.writable, onSaved: () => { load(true).catch(failed); },
    });
    const unit = h('td', { lang: 'ja' }, label(x.unit_name_ja, x.unit_name_en));
    return h('tr', { dataset: assets ? { assetId: String(x.asset_id), status: x.status } : { unitId: String(x.unit_id), unitCode: x.unit_code, status: x.status } },
      assets ? h('td', { lang: 'ja' }, h('a', { href: `#/assets/${x.asset_id}` }, x.asset_name)) : null,
      unit,
      assets ? h('td', null, labelBadge(x.label, x.c_rank)) : null,
      h('td', { class: 'impl-cell' }, control),
      h('td', null, recordLink(x.implementation_id, q.code)));
  };
  const showCounts = (d) => {
    clear(counts);
    counts.append(
      h('p', { id: 'requirement-status-total' }, t('implementation.where.total', { n: d.total })),
      h('ul', { class: 'status-counts', id: 'requirement-status-counts' }, STATUSES.map((s) => h('li', { dataset: { status: s } },
        statusBadge(s), ' ', h('span', { class: 'count' }, String(d.counts[s] ?? 0))))));
  };
  // fresh: from the first page again (after a filter change or a save); else the next page.
  const load = async (fresh) => {
    card.dataset.ready = 'false';
    if (fresh) cursor = null;
    const d = await get(`api/v1/requirements/${q.id}/implementations`,
      { status: filter.value || undefined, limit: PAGE, cursor: cursor ?? undefined }, { signal });
    message.textContent = '';
    if (fresh) {
      clear(rows);
      showCounts(d);
    }
    rows.append(...d.items.map(row));
    cursor = d.next_cursor;
    more.hidden = !cursor;
    const none = !rows.children.length;
    tableBox.hidden = none;
    empty.hidden = !none;
    empty.textContent = !d.applicable ? t('implementation.where.not_applicable_item')
      : filter.value ? t('implementation.where.none_filtered') : t('implementation.where.none');
    card.dataset.ready = 'true';
  };
  const failed = (err) => {
    if (err?.name === 'AbortError') return;
    message.textContent = requestError(err);
    card.dataset.ready = 'true';
  };
  filter.addEventListener('change', () => { load(true).catch(failed); });
  more.addEventListener('click', () => { load(false).catch(failed); });
  load(true).catch(failed);
  return card;
}
