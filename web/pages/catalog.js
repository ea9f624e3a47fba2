// The standards catalog (#/catalog, 対策基準, 第5条, 第6条): the tree of requirements
// grouped by the six measure kinds, each item with its code, title and tags, for
// everyone with catalog.read (the standards are not public — 第11条 — but everyone
// must follow them). Filters in the route (kind, tag, q) so a view can be bookmarked;
// a search, a tag or a threat (?threat=id, from #/threats) shows the matching items
// without their groups. Links to the
// threats (#/threats) and the legal register (#/laws). Exports render().

import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { get } from '../api.js';
import { requestError } from '../forms.js';
import { MEASURE_KINDS, label } from '../catalog-data.js';

function tags(item) {
  return (item.tags ?? []).map((g) => h('span', { class: 'badge catalog-tag', lang: 'ja' }, g));
}

function itemLine(item) {
  return h('li', { class: item.children ? 'catalog-group' : 'catalog-item', dataset: { code: item.code } },
    item.children
      ? h('span', { class: 'catalog-group-title' }, h('code', null, item.code), ' ', label(item.title_ja, item.title_en))
      : h('a', { href: `#/requirements/${item.id}`, class: 'catalog-link' }, h('code', null, item.code), ' ',
        label(item.title_ja, item.title_en)),
    ' ', item.scope === 'unit' && !item.children ? h('span', { class: 'hint' }, t('catalog.scope.unit')) : null,
    ' ', tags(item));
}

/** Items as nested lists under their parents (those whose parent is not shown start a list). */
function tree(items) {
  const shown = new Set(items.map((x) => x.id));
  const kids = new Map();
  for (const x of items) {
    const p = x.parent_id && shown.has(x.parent_id) ? x.parent_id : 0;
    if (!kids.has(p)) kids.set(p, []);
    kids.get(p).push(x);
  }
  const list = (p) => h('ul', { class: 'catalog-tree' }, (kids.get(p) ?? []).map((x) => {
    const li = itemLine(x);
    if (kids.has(x.id)) li.append(list(x.id));
    return li;
  }));
  return list(0);
}

export function render(ctx) {
  const { params, signal, navigate } = ctx;
  const title = t('module.standards.title');
  const chosen = { kind: params.get('kind') ?? '', tag: params.get('tag') ?? '', q: (params.get('q') ?? '').trim() };
  const threat = /^[1-9][0-9]{0,15}$/.test(params.get('threat') ?? '') ? params.get('threat') : '';
  const kindSelect = h('select', { id: 'catalog-kind', name: 'kind', class: 'input input-inline' },
    h('option', { value: '' }, t('catalog.filter.all_kinds')),
    MEASURE_KINDS.map((k) => h('option', { value: k, selected: k === chosen.kind }, t(`catalog.kind.${k}`))));
  const tagInput = h('input', { id: 'catalog-tag', name: 'tag', class: 'input input-inline', value: chosen.tag, maxlength: '50',
    placeholder: t('catalog.filter.tag') });
  const q = h('input', { id: 'catalog-q', name: 'q', type: 'search', class: 'input input-inline', value: chosen.q,
    maxlength: '200', placeholder: t('catalog.filter.q'), autocomplete: 'off' });
  const form = h('form', {
    class: 'filters', id: 'catalog-filters', role: 'search',
    onsubmit: (ev) => {
      ev.preventDefault();
      const next = new URLSearchParams();
      if (kindSelect.value) next.set('kind', kindSelect.value);
      if (tagInput.value.trim()) next.set('tag', tagInput.value.trim());
      if (q.value.trim()) next.set('q', q.value.trim());
      navigate('/catalog', next);
    },
  }, h('label', { for: 'catalog-q', class: 'visually-hidden' }, t('catalog.filter.q')), q,
  h('label', { for: 'catalog-kind', class: 'visually-hidden' }, t('catalog.filter.kind')), kindSelect,
  h('label', { for: 'catalog-tag', class: 'visually-hidden' }, t('catalog.filter.tag')), tagInput,
  h('button', { type: 'submit', class: 'button button-secondary', id: 'catalog-search' }, t('catalog.filter.apply')));
  const status = h('p', { class: 'status', role: 'status' }, t('assets.loading'));
  const body = h('div', { id: 'catalog-body' });
  const node = h('div', { class: 'page', id: 'catalog-page' },
    h('h1', { tabindex: '-1' }, title),
    h('p', null, t('catalog.intro')),
    h('p', null, h('a', { href: '#/threats', id: 'catalog-threats-link' }, t('catalog.threats.title')), ' · ',
      h('a', { href: '#/laws', id: 'catalog-laws-link' }, t('catalog.laws.title')), ' · ',
      h('a', { href: 'api/v1/requirements/export?format=oscal', id: 'catalog-export-oscal',
        download: 'mamori-catalog-oscal.json' }, t('catalog.export_oscal'))),
    form, status, body);
  const query = { limit: 500 };
  for (const k of ['kind', 'tag', 'q']) if (chosen[k]) query[k] = chosen[k];
  if (threat) query.threat_id = threat;
  get('api/v1/requirements', query, { signal }).then(({ items }) => {
    status.textContent = items.length ? '' : t('catalog.none');
    clear(body);
    for (const kind of MEASURE_KINDS) {
      const of = items.filter((x) => x.measure_kind === kind);
      if (!of.length) continue;
      body.append(h('section', { class: 'card catalog-kind', id: `catalog-kind-${kind}`, 'aria-labelledby': `catalog-kind-${kind}-title` },
        h('h2', { id: `catalog-kind-${kind}-title` }, t(`catalog.kind.${kind}`)), tree(of)));
    }
    node.dataset.ready = 'true';
  }).catch((err) => {
    if (err?.name === 'AbortError') return;
    status.textContent = requestError(err);
    node.dataset.ready = 'true';
  });
  return { title, node };
}
