// Compliance against an imported reference catalog (#/compliance/reference, issue 6
// point 8), for compliance.read: "how do we stand against NIST SP 800-53 LOW?". One
// catalog chosen (?catalog= in the address; the newest import by default) and the
// caller's units or one of them with its sub-units (?unit=). From
// GET /api/v1/compliance/reference:
//   - the share implemented over the requirements mapped anywhere in the catalog;
//   - per family an SVG bar of that share (web/charts.js, as the dashboard draws) and a
//     bar of the controls covered, with a table of the figures;
//   - per control a row with the requirements mapped to it (links to #/requirements/{id},
//     with the relation) and its figures; a control with no mapping is marked 未対応
//     (not covered) — it has no figures, which is not 0 %.
// The catalog's texts are English as the file has them; the page is in the reader's
// language. Exports render().

import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { get } from '../api.js';
import { requestError } from '../forms.js';
import { label } from '../catalog-data.js';
import { barChart, percent } from '../charts.js';
import { STATUSES, treeOrder } from './compliance.js';

const itemLabel = (it) => it.label ?? it.item_id.toUpperCase();

/** A family's name for a chart row: its label and title, cut to fit the chart's label column. */
function chartLabel(f) {
  const text = `${itemLabel(f)} ${f.title}`;
  return text.length > 30 ? `${text.slice(0, 29)}…` : text;
}

function section(id, title, ...content) {
  return h('section', { class: 'card', id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title),
    ...content);
}

/** The figure cells of a row: the rate, applicable and each status; one 未対応 cell when not covered. */
function figureCells(counts) {
  if (!counts) {
    return [h('td', { class: 'compref-rate', dataset: { rate: '' } },
      h('span', { class: 'compref-not-covered', title: t('compliance.ref.not_covered_hint') }, t('compliance.ref.not_covered'))),
    h('td', { colspan: 1 + STATUSES.length })];
  }
  return [h('td', { class: 'compref-rate', dataset: { rate: counts.rate === null ? '' : String(counts.rate) } },
    percent(counts.rate)),
  h('td', { class: 'compref-applicable' }, String(counts.applicable)),
  STATUSES.map((s) => h('td', { dataset: { status: s } }, String(counts[s])))];
}

function figureHeads() {
  return [h('th', { scope: 'col' }, t('compliance.rate')), h('th', { scope: 'col' }, t('compliance.applicable')),
    STATUSES.map((s) => h('th', { scope: 'col' }, t(`implementation.status.${s}`)))];
}

function familyTable(rep) {
  return h('div', { class: 'table-scroll' }, h('table', { class: 'table', id: 'compref-family-table' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('compliance.ref.family')),
      h('th', { scope: 'col' }, t('compliance.ref.covered_col')), h('th', { scope: 'col' }, t('compliance.ref.requirements_col')),
      figureHeads())),
    h('tbody', null, rep.families.map((f) => h('tr', { dataset: { family: f.item_id, covered: String(f.covered) } },
      h('th', { scope: 'row' }, h('span', { class: 'catalog-item-label' }, itemLabel(f)), ' ', h('span', { lang: 'en' }, f.title)),
      h('td', { class: 'compref-coverage' }, t('compliance.ref.covered_of', { covered: f.covered, controls: f.controls })),
      h('td', null, String(f.requirements)),
      figureCells(f.counts))))));
}

function requirementList(c) {
  if (!c.requirements.length) return h('span', { class: 'hint' }, '—');
  return h('ul', { class: 'compref-requirements' }, c.requirements.map((q) => h('li', { dataset: { code: q.code } },
    h('a', { href: `#/requirements/${q.id}` }, h('code', null, q.code), ' ', label(q.title_ja, q.title_en)),
    h('span', { class: 'hint' }, ` (${t(`mapping.relation.${q.relation}`)}, ${percent(q.counts.rate)})`),
    q.active ? null : h('span', { class: 'hint' }, ` ${t('compliance.ref.inactive')}`))));
}

function controlTable(rep) {
  const rows = [];
  let family = null;
  for (const c of rep.controls) {
    if (c.family !== family) {
      family = c.family;
      const f = rep.families.find((x) => x.item_id === family);
      rows.push(h('tr', { class: 'compref-family-row', dataset: { family } },
        h('th', { scope: 'rowgroup', colspan: 4 + STATUSES.length },
          h('span', { class: 'catalog-item-label' }, f ? itemLabel(f) : family.toUpperCase()), ' ',
          h('span', { lang: 'en' }, f?.title ?? ''))));
    }
    rows.push(h('tr', { class: c.covered ? 'compref-control' : 'compref-control compref-uncovered',
      dataset: { control: c.item_id, covered: String(c.covered) } },
    h('th', { scope: 'row', class: c.enhancement ? 'compref-enhancement' : null },
      h('a', { class: 'catalog-item-link', href: `#/catalog-items/${c.id}` },
        h('span', { class: 'catalog-item-label' }, itemLabel(c)), ' ', h('span', { lang: 'en' }, c.title))),
    h('td', null, requirementList(c)),
    figureCells(c.counts)));
  }
  return h('div', { class: 'table-scroll' }, h('table', { class: 'table', id: 'compref-control-table' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('compliance.ref.control')),
      h('th', { scope: 'col' }, t('compliance.ref.mapped')), figureHeads())),
    h('tbody', null, rows)));
}

function report(rep) {
  const tot = rep.totals;
  const families = rep.families;
  return [
    section('compref-summary', t('compliance.ref.summary'),
      h('p', { class: 'compliance-total', id: 'compref-total-rate' }, tot.counts ? percent(tot.counts.rate) : '—'),
      h('p', { class: 'hint', id: 'compref-total-detail' }, tot.counts
        ? t('compliance.total_detail', { implemented: tot.counts.implemented, applicable: tot.counts.applicable,
          not_applicable: tot.counts.not_applicable, excepted: tot.counts.excepted })
        : t('compliance.ref.none_mapped')),
      h('p', { id: 'compref-coverage' }, t('compliance.ref.coverage', { controls: tot.controls, covered: tot.covered,
        not_covered: tot.not_covered, requirements: tot.requirements })),
      tot.missing ? h('p', { class: 'hint' }, t('compliance.ref.missing', { count: tot.missing })) : null),
    section('compref-families', t('compliance.ref.by_family'),
      h('p', { class: 'hint' }, t('compliance.ref.by_family_hint')),
      barChart({ id: 'chart-ref-rate', title: t('compliance.ref.chart_rate'),
        rows: families.map((f) => ({ label: chartLabel(f), rate: f.counts ? f.counts.rate : null,
          valueText: f.counts ? undefined : t('compliance.ref.not_covered') })) }),
      h('h3', null, t('compliance.ref.chart_coverage')),
      barChart({ id: 'chart-ref-coverage', title: t('compliance.ref.chart_coverage'),
        rows: families.map((f) => ({ label: chartLabel(f), rate: f.controls ? f.covered / f.controls : null })) }),
      familyTable(rep)),
    section('compref-controls', t('compliance.ref.by_control'),
      h('p', { class: 'hint' }, t('compliance.ref.by_control_hint')),
      controlTable(rep)),
  ];
}

export function render(ctx) {
  const { signal, params, navigate } = ctx;
  const title = t('compliance.ref.title');
  const status = h('p', { class: 'status', role: 'status' }, t('assets.loading'));
  const body = h('div');
  const catalogSelect = h('select', { id: 'compref-catalog', name: 'catalog' });
  const unitSelect = h('select', { id: 'compref-unit', name: 'unit' }, h('option', { value: '' }, t('compliance.soa.all_units')));
  const controls = h('p', { class: 'compref-choice' },
    h('label', { for: 'compref-catalog' }, t('compliance.ref.catalog')), ' ', catalogSelect, ' ',
    h('label', { for: 'compref-unit' }, t('compliance.soa.unit')), ' ', unitSelect);
  const node = h('div', { class: 'page', id: 'compref-page' },
    h('p', null, h('a', { href: '#/compliance' }, t('compliance.back'))),
    h('h1', { tabindex: '-1' }, title), h('p', null, t('compliance.ref.intro')), controls, status, body);
  const go = () => {
    const q = {};
    if (catalogSelect.value) q.catalog = catalogSelect.value;
    if (unitSelect.value) q.unit = unitSelect.value;
    navigate('/compliance/reference', q);
  };
  catalogSelect.addEventListener('change', go);
  unitSelect.addEventListener('change', go);
  const done = (text) => {
    status.textContent = text;
    node.dataset.ready = 'true';
  };
  Promise.all([get('api/v1/catalogs', null, { signal }), get('api/v1/compliance', null, { signal })])
    .then(([cats, c]) => {
      for (const { unit, depth } of treeOrder(c.by_unit)) {
        unitSelect.append(h('option', { value: String(unit.id) }, `${'　'.repeat(depth)}${label(unit.name_ja, unit.name_en)}`));
      }
      if (!cats.items.length) {
        controls.hidden = true;
        body.append(h('p', null, t('compliance.ref.no_catalogs'), ' ', h('a', { href: '#/catalogs' }, t('compliance.ref.catalogs_link'))));
        done('');
        return null;
      }
      for (const k of cats.items) {
        catalogSelect.append(h('option', { value: String(k.id) }, k.version ? `${k.title} (${k.version})` : k.title));
      }
      const wanted = params.get('catalog');
      catalogSelect.value = cats.items.some((k) => String(k.id) === wanted) ? wanted : String(cats.items[0].id);
      const unit = params.get('unit');
      if (unit && [...unitSelect.options].some((o) => o.value === unit)) unitSelect.value = unit;
      const query = { catalog_id: catalogSelect.value };
      if (unitSelect.value) query.org_unit_id = unitSelect.value;
      return get('api/v1/compliance/reference', query, { signal }).then((rep) => {
        clear(body);
        body.append(...report(rep));
        done('');
      });
    }).catch((err) => {
      if (err?.name === 'AbortError') return;
      done(requestError(err));
    });
  return { title, node };
}
