// The information asset ledger (#/assets, 資産台帳): the assets the caller may see
// (GET /api/v1/assets applies need-to-know), 50 at a time by the normalised name, with
// a search box (any word of the name, description or location; full-width and
// half-width alike) and filters in the route so a filtered ledger can be bookmarked:
// unit (with its sub-units), kind, class (any axis), network segment, personal data,
// status. Each row
// shows the class label as a badge (C3A-I2-A2; the highest classes marked) and leads to
// the asset's page. With asset.write: "register an asset" (#/assets/new) and "import
// from CSV" (#/assets/import). Below the list, the download of the ledger as shown
// (pages/asset-export.js).
// Exports render().

import { h, clear } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { get } from '../api.js';
import { requestError } from '../forms.js';
import { labelBadge } from '../classes.js';
import { KINDS, SEGMENTS } from '../asset-data.js';
import { unitTree } from '../people-data.js';
import { unitName } from './people-import.js';
import { exportCard } from './asset-export.js';

const PAGE_SIZE = 50;
const FILTERS = ['q', 'unit', 'kind', 'class', 'segment', 'personal', 'status'];

function select(id, name, options, selected) {
  return h('select', { id, name, class: 'input input-inline' },
    options.map(([value, label]) => h('option', { value, selected: value === (selected ?? '') }, label)));
}

export function assetRow(a) {
  return h('tr', { class: a.status === 'disposed' ? 'is-inactive' : null, dataset: { assetId: String(a.id) } },
    h('td', null, h('a', { class: 'asset-link', href: `#/assets/${a.id}` }, h('span', { lang: 'ja' }, a.name))),
    h('td', null, t(`assets.kind.${a.kind}`)),
    h('td', { lang: 'ja' }, a.owner_unit),
    h('td', null, t(`assets.segment.${a.segment}`)),
    h('td', { class: 'nowrap' }, labelBadge(a.label, a.classes?.c?.rank)),
    h('td', null, a.mynumber ? t('assets.personal.mynumber') : a.personal_data ? t('assets.personal.yes') : t('common.none')),
    h('td', { class: 'nowrap' }, t(`assets.status.${a.status}`)));
}

export function render(ctx) {
  const { params, signal, navigate, session } = ctx;
  const title = t('module.assets.title');
  const chosen = Object.fromEntries(FILTERS.map((f) => [f, (params.get(f) ?? '').trim()]));
  const filtered = FILTERS.some((f) => chosen[f]);
  const canWrite = (session.permissions ?? []).includes('asset.write');

  const unitSelect = select('assets-unit', 'unit', [['', t('assets.filter.all_units')]], chosen.unit);
  const classSelect = select('assets-class', 'class', [['', t('assets.filter.all_classes')]], chosen.class);
  const controls = {
    q: h('input', {
      id: 'assets-q', name: 'q', type: 'search', class: 'input input-inline', value: chosen.q, maxlength: '200',
      placeholder: t('assets.filter.q_placeholder'), autocomplete: 'off',
    }),
    unit: unitSelect,
    kind: select('assets-kind', 'kind', [['', t('assets.filter.all_kinds')], ...KINDS.map((k) => [k, t(`assets.kind.${k}`)])], chosen.kind),
    class: classSelect,
    segment: select('assets-segment', 'segment', [['', t('assets.filter.all_segments')],
      ...SEGMENTS.map((s) => [s, t(`assets.segment.${s}`)])], chosen.segment),
    personal: select('assets-personal', 'personal', [['', t('assets.filter.any')], ['true', t('assets.personal.yes')],
      ['mynumber', t('assets.personal.mynumber')], ['false', t('assets.personal.no')]], chosen.personal),
    status: select('assets-status', 'status', [['', t('assets.status.in_use')], ['disposed', t('assets.status.disposed')],
      ['all', t('assets.filter.all_statuses')]], chosen.status),
  };
  const query = () => {
    const out = {};
    for (const f of FILTERS) if (controls[f].value) out[f] = controls[f].value;
    return Object.keys(out).length ? out : null;
  };
  const filter = h('form', {
    class: 'filter filter-assets', role: 'search', 'aria-label': t('assets.filter.label'),
    onsubmit: (e) => { e.preventDefault(); navigate('/assets', query()); },
  },
  FILTERS.map((f) => h('div', { class: 'filter-field' }, h('label', { for: controls[f].id }, t(`assets.filter.${f}`)), controls[f])),
  h('div', { class: 'filter-buttons' },
    h('button', { type: 'submit', class: 'button button-secondary', id: 'assets-apply' }, t('assets.filter.apply')),
    filtered ? h('button', { type: 'button', class: 'button button-quiet', onclick: () => navigate('/assets') }, t('assets.filter.clear')) : null));

  const tbody = h('tbody');
  const table = h('table', { class: 'table table-assets', id: 'assets-table' },
    h('caption', { class: 'visually-hidden' }, title),
    h('thead', null, h('tr', null, ['name', 'kind', 'unit', 'segment', 'label', 'personal', 'status']
      .map((c) => h('th', { scope: 'col' }, t(`assets.col.${c}`))))),
    tbody);
  const region = h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-label': title, hidden: true }, table);
  const status = h('p', { class: 'status', id: 'assets-status', role: 'status' }, t('assets.loading'));
  const more = h('button', { type: 'button', class: 'button button-secondary', id: 'assets-more', hidden: true, onclick: () => load() },
    t('assets.more'));
  const node = h('div', { class: 'page page-wide assets', id: 'assets-page' },
    h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'lead' }, t('assets.intro')),
    canWrite ? h('p', { class: 'actions' },
      h('a', { class: 'button button-primary', id: 'assets-new', href: '#/assets/new' }, t('assets.new')), ' ',
      h('a', { class: 'button button-secondary', id: 'assets-import', href: '#/assets/import' }, t('assets.import'))) : null,
    filter, status, region, h('div', { class: 'actions' }, more),
    // The download takes the filters the ledger shows (applied, not merely chosen);
    // no status chosen means in use, as in the list.
    exportCard(ctx, () => ({
      org_unit_id: chosen.unit ? Number(chosen.unit) : undefined, kind: chosen.kind || undefined,
      class_id: chosen.class ? Number(chosen.class) : undefined, segment: chosen.segment || undefined,
      personal_data: chosen.personal || undefined, status: chosen.status || 'in_use', q: chosen.q || undefined,
    })));

  let cursor = null;
  let shown = 0;
  const load = async () => {
    more.disabled = true;
    try {
      const data = await get('api/v1/assets', {
        q: chosen.q || undefined, org_unit_id: chosen.unit || undefined, kind: chosen.kind || undefined, class_id: chosen.class || undefined,
        segment: chosen.segment || undefined, personal_data: chosen.personal || undefined, status: chosen.status || undefined,
        limit: PAGE_SIZE, cursor: cursor ?? undefined,
      }, { signal });
      for (const a of data.items) tbody.append(assetRow(a));
      shown += data.items.length;
      cursor = data.next_cursor;
      more.hidden = !cursor;
      region.hidden = shown === 0;
      status.textContent = shown === 0 ? t(filtered ? 'assets.empty_filtered' : 'assets.empty')
        : t(cursor ? 'assets.count_more' : 'assets.count', { count: shown });
    } catch (err) {
      if (err?.name !== 'AbortError') status.textContent = requestError(err);
    } finally {
      more.disabled = false;
    }
  };

  (async () => {
    try {
      const [units, scheme] = await Promise.all([
        get('api/v1/org-units', null, { signal }).then((d) => d.items).catch(() => []),
        get('api/v1/classification', null, { signal }).catch(() => null),
      ]);
      for (const { unit, depth } of unitTree(units)) {
        unitSelect.append(h('option', { value: String(unit.id), selected: String(unit.id) === chosen.unit },
          `${'\u3000'.repeat(depth)}${unitName(unit)}`));
      }
      for (const k of scheme?.classes ?? []) {
        classSelect.append(h('option', { value: String(k.id), selected: String(k.id) === chosen.class },
          `${k.label} ${getLang() === 'en' ? k.name_en : k.name_ja}`));
      }
      clear(status);
      await load();
    } catch (err) {
      if (err?.name !== 'AbortError') status.textContent = requestError(err);
    }
    if (!signal.aborted) node.dataset.ready = 'true';
  })();
  return { title, node };
}
