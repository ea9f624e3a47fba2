// The procedures (#/procedures, 実施手順, 第7条): those the reader may see, by code —
// in force for everyone, drafts and withdrawn ones for their keepers — with the owner
// unit and status; no bodies (opening one is a read on record, 第11条). Keepers
// (procedure.manage) write new ones here. Exports render().

import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { get } from '../api.js';
import { requestError } from '../forms.js';
import { formatDateTime } from '../time.js';
import { label } from '../catalog-data.js';

export const STATUSES = ['draft', 'in_force', 'withdrawn'];

export function render(ctx) {
  const { signal, session, params, navigate, lang } = ctx;
  const title = t('module.procedures.title');
  const canManage = (session.permissions ?? []).includes('procedure.manage');
  const q = params.get('q') ?? '';
  const statusFilter = params.get('status') ?? '';
  const status = h('p', { class: 'status', role: 'status' }, t('assets.loading'));
  const body = h('div');
  const qInput = h('input', { type: 'search', name: 'q', id: 'procedures-q', value: q, maxlength: 200 });
  const statusSelect = h('select', { name: 'status', id: 'procedures-status' },
    h('option', { value: '' }, t('procedures.status.any')),
    STATUSES.map((s) => h('option', { value: s, selected: s === statusFilter }, t(`procedures.status.${s}`))));
  const filters = h('form', { class: 'filters', id: 'procedures-filters', role: 'search',
    onsubmit: (e) => { e.preventDefault(); navigate('/procedures', { q: qInput.value, status: statusSelect.value }); } },
  h('label', { for: 'procedures-q' }, t('procedures.search')), qInput,
  h('label', { for: 'procedures-status' }, t('procedures.field.status')), statusSelect,
  h('button', { type: 'submit', class: 'button' }, t('procedures.filter')));
  const node = h('div', { class: 'page', id: 'procedures-page' },
    h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'notice', id: 'procedures-notice' }, t('procedures.notice')),
    canManage ? h('p', null, h('a', { class: 'button', href: '#/procedures/new', id: 'procedure-new' }, t('procedures.new'))) : null,
    filters, status, body);
  get('api/v1/procedures', { q, status: statusFilter, limit: 500 }, { signal }).then(({ items }) => {
    status.textContent = items.length ? '' : t('procedures.none');
    clear(body);
    if (!items.length) { node.dataset.ready = 'true'; return; }
    body.append(h('table', { class: 'table', id: 'procedures-table' },
      h('thead', null, h('tr', null, ['code', 'title', 'unit', 'status', 'updated'].map((c) => h('th', { scope: 'col' }, t(`procedures.col.${c}`))))),
      h('tbody', null, items.map((p) => h('tr', { dataset: { code: p.code } },
        h('td', null, h('code', null, p.code)),
        h('td', null, h('a', { href: `#/procedures/${p.id}` }, label(p.title_ja, p.title_en))),
        h('td', null, label(p.owner_unit.name_ja, p.owner_unit.name_en)),
        h('td', null, h('span', { class: `badge procedure-${p.status}` }, t(`procedures.status.${p.status}`))),
        h('td', { class: 'nowrap' }, formatDateTime(p.updated_at, lang)))))));
    node.dataset.ready = 'true';
  }).catch((err) => {
    if (err?.name === 'AbortError') return;
    status.textContent = requestError(err);
    node.dataset.ready = 'true';
  });
  return { title, node };
}
