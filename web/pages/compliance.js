// The compliance dashboard (#/compliance) and the Statement of Applicability
// (#/compliance/soa), for compliance.read (issue 6 point 6).
//
// - The dashboard: the share of applicable requirements implemented in the caller's
//   units (GET /api/v1/compliance, maintained figures), as SVG bar charts by unit with
//   its sub-units, by measure kind (第5条) and by confidentiality class, and the monthly
//   trend from the snapshots (GET /api/v1/compliance/history) with today's figure last.
//   Each chart has its figures as a table too.
// - The SoA: every active requirement, whether it applies to the unit's assets (or the
//   unit), why (its rules in words, or that no asset meets them) and its status counts.
// The view against a reference catalog (#/compliance/reference) is compliance-reference.js.
// Exports render(), and STATUSES and treeOrder() for that page.

import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { get } from '../api.js';
import { requestError } from '../forms.js';
import { label, ruleText, MEASURE_KINDS } from '../catalog-data.js';
import { barChart, lineChart, percent } from '../charts.js';

export const STATUSES = ['implemented', 'partial', 'not_started', 'not_applicable', 'excepted'];

/** Units in tree order with their depth (parents before children, by code). */
export function treeOrder(units) {
  const ids = new Set(units.map((u) => u.id));
  const out = [];
  const walk = (parent, depth) => {
    for (const u of units.filter((x) => (x.parent_id ?? null) === parent || (parent === null && !ids.has(x.parent_id)))) {
      if (out.some((o) => o.unit.id === u.id)) continue;
      out.push({ unit: u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

function countsTable(id, rows) {
  return h('div', { class: 'table-scroll' }, h('table', { class: 'table', id },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, ''),
      h('th', { scope: 'col' }, t('compliance.rate')), h('th', { scope: 'col' }, t('compliance.applicable')),
      STATUSES.map((s) => h('th', { scope: 'col' }, t(`implementation.status.${s}`))))),
    h('tbody', null, rows.map((r) => h('tr', { dataset: { key: r.key } },
      h('th', { scope: 'row' }, r.label), h('td', null, percent(r.counts.rate)),
      h('td', null, String(r.counts.applicable)),
      STATUSES.map((s) => h('td', null, String(r.counts[s]))))))));
}

function section(id, title, ...content) {
  return h('section', { class: 'card', id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title),
    ...content);
}

function classLabel(c) {
  if (c.rank === 0) return t('compliance.unit_level');
  return c.label ? `${c.label} ${label(c.name_ja, c.name_en)}` : t('compliance.rank', { rank: c.rank });
}

function renderDashboard(ctx) {
  const { signal } = ctx;
  const title = t('compliance.title');
  const status = h('p', { class: 'status', role: 'status' }, t('assets.loading'));
  const body = h('div');
  const node = h('div', { class: 'page', id: 'compliance-page' }, h('h1', { tabindex: '-1' }, title),
    h('p', null, t('compliance.intro')), h('p', null, h('a', { href: '#/compliance/soa', id: 'compliance-soa-link' },
      t('compliance.soa.link')), ' ', h('a', { href: '#/compliance/reference', id: 'compliance-ref-link' },
      t('compliance.ref.link'))), status, body);
  Promise.all([get('api/v1/compliance', null, { signal }), get('api/v1/compliance/history', null, { signal })])
    .then(([c, hist]) => {
      status.textContent = '';
      clear(body);
      const units = treeOrder(c.by_unit);
      const unitRows = units.map(({ unit, depth }) => ({ key: unit.code, label: label(unit.name_ja, unit.name_en),
        indent: depth, counts: unit.with_sub_units }));
      const kindRows = MEASURE_KINDS.map((k) => ({ key: k, label: t(`catalog.kind.${k}`),
        counts: c.by_kind.find((x) => x.measure_kind === k)?.counts }));
      const classRows = c.by_class.map((x) => ({ key: String(x.rank), label: classLabel(x), counts: x.counts }));
      const points = hist.months.map((m) => ({ label: m.period, rate: m.counts.rate }));
      points.push({ label: t('compliance.now'), rate: c.total.rate });
      body.append(
        section('compliance-total', t('compliance.total'),
          h('p', { class: 'compliance-total', id: 'compliance-total-rate' }, percent(c.total.rate)),
          h('p', { class: 'hint' }, t('compliance.total_detail', { implemented: c.total.implemented,
            applicable: c.total.applicable, not_applicable: c.total.not_applicable, excepted: c.total.excepted }))),
        section('compliance-by-unit', t('compliance.by_unit'),
          barChart({ id: 'chart-by-unit', title: t('compliance.by_unit'), rows: unitRows.map((r) => ({ ...r, rate: r.counts.rate })) }),
          countsTable('compliance-unit-table', unitRows)),
        section('compliance-by-kind', t('compliance.by_kind'),
          barChart({ id: 'chart-by-kind', title: t('compliance.by_kind'), rows: kindRows.map((r) => ({ ...r, rate: r.counts.rate })) }),
          countsTable('compliance-kind-table', kindRows)),
        section('compliance-by-class', t('compliance.by_class'),
          barChart({ id: 'chart-by-class', title: t('compliance.by_class'), rows: classRows.map((r) => ({ ...r, rate: r.counts.rate })) }),
          countsTable('compliance-class-table', classRows)),
        section('compliance-trend', t('compliance.trend'),
          hist.months.length ? null : h('p', { class: 'hint' }, t('compliance.trend_none')),
          lineChart({ id: 'chart-trend', title: t('compliance.trend'), points }),
          h('p', { class: 'hint' }, t('compliance.trend_hint'))));
      node.dataset.ready = 'true';
    }).catch((err) => {
      if (err?.name === 'AbortError') return;
      status.textContent = requestError(err);
      node.dataset.ready = 'true';
    });
  return { title, node };
}

/** Why an item applies or not, in words. */
function why(q) {
  if (q.scope === 'unit') return t('catalog.scope.unit_all');
  const rule = q.rules.length ? q.rules.map(ruleText).join(t('compliance.soa.or')) : t('catalog.scope.asset_all');
  return q.applies ? rule : `${rule} — ${t('compliance.soa.no_asset')}`;
}

function renderSoa(ctx) {
  const { signal } = ctx;
  const title = t('compliance.soa.title');
  const status = h('p', { class: 'status', role: 'status' }, t('assets.loading'));
  const body = h('div');
  const unitSelect = h('select', { id: 'soa-unit', name: 'org_unit_id' }, h('option', { value: '' }, t('compliance.soa.all_units')));
  const node = h('div', { class: 'page', id: 'soa-page' },
    h('p', null, h('a', { href: '#/compliance' }, t('compliance.back'))),
    h('h1', { tabindex: '-1' }, title), h('p', null, t('compliance.soa.intro')),
    h('p', null, h('label', { for: 'soa-unit' }, t('compliance.soa.unit')), ' ', unitSelect), status, body);
  const load = () => {
    status.textContent = t('assets.loading');
    delete node.dataset.ready;
    get('api/v1/compliance/soa', unitSelect.value ? { org_unit_id: unitSelect.value } : null, { signal }).then((soa) => {
      status.textContent = t('compliance.soa.summary', { applying: soa.items_applying, items: soa.items });
      clear(body);
      body.append(h('div', { class: 'table-scroll' }, h('table', { class: 'table', id: 'soa-table' },
        h('thead', null, h('tr', null, ['code', 'title_col', 'kind', 'applies', 'why', 'objects'].map((c) =>
          h('th', { scope: 'col' }, t(`compliance.soa.${c}`))), STATUSES.map((s) =>
          h('th', { scope: 'col' }, t(`implementation.status.${s}`))))),
        h('tbody', null, soa.requirements.map((q) => (q.group
          ? h('tr', { class: 'soa-group', dataset: { code: q.code } }, h('th', { scope: 'row' }, h('code', null, q.code)),
            h('td', { colspan: 5 + STATUSES.length }, h('strong', null, label(q.title_ja, q.title_en))))
          : h('tr', { dataset: { code: q.code, applies: String(q.applies) } },
            h('th', { scope: 'row' }, h('a', { href: `#/requirements/${q.id}` }, h('code', null, q.code))),
            h('td', null, label(q.title_ja, q.title_en)),
            h('td', null, t(`catalog.kind.${q.measure_kind}`)),
            h('td', null, q.applies ? t('compliance.soa.yes') : t('compliance.soa.no')),
            h('td', { class: 'soa-why' }, why(q)),
            h('td', null, String(q.objects)),
            STATUSES.map((s) => h('td', null, String(q.counts[s]))))))))));
      node.dataset.ready = 'true';
    }).catch((err) => {
      if (err?.name === 'AbortError') return;
      status.textContent = requestError(err);
      node.dataset.ready = 'true';
    });
  };
  get('api/v1/compliance', null, { signal }).then((c) => {
    for (const { unit, depth } of treeOrder(c.by_unit)) {
      unitSelect.append(h('option', { value: String(unit.id) }, `${'　'.repeat(depth)}${label(unit.name_ja, unit.name_en)}`));
    }
  }).catch(() => {});
  unitSelect.addEventListener('change', load);
  load();
  return { title, node };
}

export function render(ctx) {
  return ctx.match?.[1] === 'soa' ? renderSoa(ctx) : renderDashboard(ctx);
}
