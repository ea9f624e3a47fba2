// The organisation chart (#/units): the tree of units, now or as it was on a
// date, for everyone logged in.
//
// - The date and "show closed units" are in the route (?as_of=YYYY-MM-DD&closed=1),
//   so a view can be bookmarked; the tree comes from GET /api/v1/org-units with
//   the codes, names and parents of that date. Closed units (merged, split or
//   abolished) are greyed, with their last day.
// - Choosing a unit shows its history (every dated period of its code, names and
//   parent) and lineage (what it came from and became) from
//   GET /api/v1/org-units/{id}: the answer to "whose was this on 2025-10-01".
// Exports render().

import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { get, ApiError } from '../api.js';
import { todayInZone } from '../time.js';
import { dateText, nestedTree } from '../reorg-data.js';
import { unitName } from './people-import.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function errorText(err) {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('error.network');
    if (err.status === 404) return t('units.detail.missing');
    return t('error.generic', { code: err.code ?? `http_${err.status}` });
  }
  return t('error.generic', { code: 'client' });
}

function unitLabel(u) {
  return u ? t('units.label', { name: unitName(u), code: u.code ?? '' }) : t('common.none');
}

function period(from, to, lang) {
  return t('units.period', {
    from: from ? dateText(from, lang) : t('units.since_before'),
    to: to ? dateText(to, lang) : t('units.until_now'),
  });
}

/** The history and lineage of one unit, into `panel`. */
async function showDetail(ctx, panel, id, names, open) {
  const { lang, signal } = ctx;
  panel.hidden = false;
  clear(panel);
  const status = h('p', { class: 'status', role: 'status' }, t('units.loading'));
  panel.append(status);
  let d;
  try {
    d = await get(`api/v1/org-units/${id}`, null, { signal });
  } catch (err) {
    if (err?.name !== 'AbortError') status.textContent = errorText(err);
    return;
  }
  const all = await names();
  const nameOf = (uid) => unitLabel(all.get(uid));
  const link = (l) => h('li', null,
    h('button', { type: 'button', class: 'button-quiet unit-link', onclick: () => open(l.id) }, unitLabel(l)),
    ' ', t(`units.lineage.${l.kind}`, { date: dateText(l.effective_date, lang) }));
  clear(panel);
  panel.dataset.unitId = String(d.id);
  panel.append(
    h('h2', { id: 'units-detail-heading', tabindex: '-1' }, unitLabel(d)),
    h('p', { class: d.closed ? 'unit-state is-closed' : 'unit-state' },
      d.closed ? t('units.closed_since', { date: dateText(d.valid_to, lang) }) : t('units.open'),
      ' ', period(d.valid_from, d.valid_to, lang)),
    h('h3', null, t('units.history')),
    h('div', { class: 'table-scroll' },
      h('table', { class: 'table', id: 'units-history' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('units.col.period')),
          h('th', { scope: 'col' }, t('units.col.code')),
          h('th', { scope: 'col' }, t('units.col.name')),
          h('th', { scope: 'col' }, t('units.col.parent')))),
        h('tbody', null, (d.history ?? []).map((p) => h('tr', null,
          h('td', { class: 'nowrap' }, period(p.valid_from, p.valid_to, lang)),
          h('td', null, h('code', null, p.code)),
          h('td', { lang: 'ja' }, p.name_ja, p.name_en ? h('span', { class: 'hint', lang: 'en' }, ` / ${p.name_en}`) : null),
          h('td', null, p.parent_id ? nameOf(p.parent_id) : t('common.none'))))))),
    h('h3', null, t('units.lineage')),
    (d.predecessors?.length || d.successors?.length)
      ? h('div', { class: 'lineage' },
        d.predecessors?.length ? h('div', null, h('p', null, t('units.predecessors')),
          h('ul', { id: 'units-predecessors' }, d.predecessors.map(link))) : null,
        d.successors?.length ? h('div', null, h('p', null, t('units.successors')),
          h('ul', { id: 'units-successors' }, d.successors.map(link))) : null)
      : h('p', { class: 'hint' }, t('units.lineage_none')));
  panel.querySelector('h2').focus();
}

export function render(ctx) {
  const { params, signal, navigate, lang } = ctx;
  const asOfParam = (params.get('as_of') ?? '').trim();
  const asOf = DATE.test(asOfParam) ? asOfParam : '';
  const showClosed = params.get('closed') === '1';
  const title = t('module.units.title');

  const dateInput = h('input', { id: 'units-as-of', name: 'as_of', type: 'date', class: 'input input-date', value: asOf });
  const closedBox = h('input', { id: 'units-closed', name: 'closed', type: 'checkbox', checked: showClosed });
  const query = () => {
    const q = {};
    if (dateInput.value) q.as_of = dateInput.value;
    if (closedBox.checked) q.closed = '1';
    return Object.keys(q).length ? q : null;
  };
  const filter = h('form', {
    class: 'filter filter-units', 'aria-label': t('units.filter'),
    onsubmit: (e) => { e.preventDefault(); navigate('/units', query()); },
  },
  h('div', { class: 'filter-field' }, h('label', { for: 'units-as-of' }, t('units.as_of')), dateInput),
  h('div', { class: 'filter-field filter-check' }, h('div', { class: 'radio' }, closedBox,
    h('label', { for: 'units-closed' }, t('units.show_closed')))),
  h('div', { class: 'filter-buttons' },
    h('button', { type: 'submit', class: 'button button-secondary', id: 'units-show' }, t('units.show')),
    asOf ? h('button', { type: 'button', class: 'button button-quiet', id: 'units-today',
      onclick: () => navigate('/units', showClosed ? { closed: '1' } : null) }, t('units.today')) : null));

  const status = h('p', { class: 'status', id: 'units-status', role: 'status' }, t('units.loading'));
  const treeBox = h('div', { class: 'unit-tree', id: 'units-tree' });
  const panel = h('section', { class: 'card unit-detail', id: 'units-detail', 'aria-labelledby': 'units-detail-heading', hidden: true });

  // Every unit ever, for naming parents and successors in the detail (asked for once).
  let allUnits = null;
  const names = () => {
    allUnits ??= get('api/v1/org-units', { include_closed: 'true' }, { signal })
      .then((d) => new Map((d?.items ?? []).map((u) => [u.id, u])))
      .catch(() => new Map());
    return allUnits;
  };
  const open = (id) => showDetail(ctx, panel, id, names, open);

  const node = h('div', { class: 'page page-wide units', id: 'units-page' },
    h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'lead' }, t('units.intro')),
    filter,
    h('p', { class: 'hint', id: 'units-when' },
      asOf ? t('units.showing_as_of', { date: dateText(asOf, lang) })
        : t('units.showing_now', { date: dateText(todayInZone(), lang) })),
    status,
    h('div', { class: 'units-layout' }, treeBox, panel));

  const branch = (n) => h('li', {
    class: n.unit.closed ? 'unit is-closed' : 'unit', dataset: { code: n.unit.code, unitId: String(n.unit.id) },
  },
  h('button', { type: 'button', class: 'unit-button', onclick: () => open(n.unit.id) },
    h('code', { class: 'unit-code' }, n.unit.code),
    ' ',
    h('span', { class: 'unit-name', lang: lang === 'en' && n.unit.name_en ? 'en' : 'ja' }, unitName(n.unit))),
  n.unit.closed ? h('span', { class: 'unit-closed-note' }, t('units.closed_since', { date: dateText(n.unit.valid_to, lang) })) : null,
  n.children.length ? h('ul', null, n.children.map(branch)) : null);

  (async () => {
    try {
      const data = await get('api/v1/org-units', { as_of: asOf || undefined, include_closed: showClosed ? 'true' : undefined },
        { signal });
      const items = data?.items ?? [];
      treeBox.append(h('ul', { class: 'tree', 'aria-label': t('units.tree') }, nestedTree(items).map(branch)));
      const closed = items.filter((u) => u.closed).length;
      status.textContent = items.length === 0 ? t('units.empty')
        : t(closed ? 'units.count_closed' : 'units.count', { count: items.length - closed, closed });
    } catch (err) {
      if (err?.name === 'AbortError') return;
      status.textContent = errorText(err);
    }
    if (!signal.aborted) node.dataset.ready = 'true';
  })();
  return { title, node };
}
