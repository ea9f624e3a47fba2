// The risk register (#/risks, issue 6 point 5): the risks of the assets the caller may
// see (GET /api/v1/risks: asset × threat, likelihood × impact, treatment, and the
// residual once the linked requirements are carried out), and two SVG heat maps of the
// register, inherent and residual (GET /api/v1/risks/heatmap), each with its figures
// as a table for screen readers. Registering and changing risks is the API's for now.
// Exports render().

import { h, clear } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { get } from '../api.js';
import { requestError } from '../forms.js';
import { heatMap } from '../charts.js';

function gridTable(id, caption, cells) {
  const n = cells.length;
  return h('div', { class: 'table-scroll' }, h('table', { class: 'table table-heat', id },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('risks.likelihood_impact')),
      Array.from({ length: n }, (_, i) => h('th', { scope: 'col' }, String(i + 1))))),
    h('tbody', null, cells.map((row, r) => h('tr', null, h('th', { scope: 'row' }, String(n - r)),
      row.map((count) => h('td', null, String(count))))))));
}

function heatSection(id, title, cells) {
  return h('section', { class: 'card risk-heat', 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
    heatMap({ title, cells, id: `${id}-map`, xLabel: t('risks.impact'), yLabel: t('risks.likelihood') }),
    gridTable(`${id}-table`, title, cells));
}

function riskRow(x) {
  const threat = getLang() === 'en' && x.threat_name_en ? x.threat_name_en : x.threat_name_ja;
  return h('tr', { dataset: { riskId: String(x.id) } },
    h('td', null, h('a', { href: `#/assets/${x.asset_id}` }, h('span', { lang: 'ja' }, x.asset_name))),
    h('td', null, threat),
    h('td', { class: 'num' }, String(x.likelihood)),
    h('td', { class: 'num' }, String(x.impact)),
    h('td', { class: 'num' }, String(x.level)),
    h('td', null, t(`risks.treatment.${x.treatment}`)),
    h('td', { class: 'num' }, `${x.requirements_carried_out} / ${x.requirements_linked}`),
    h('td', { class: 'num risk-residual' }, String(x.residual.level)));
}

export function render(ctx) {
  const { signal } = ctx;
  const title = t('module.risks.title');
  const status = h('p', { class: 'status', id: 'risks-status', role: 'status' }, t('risks.loading'));
  const heat = h('div', { class: 'risk-heat-maps', id: 'risks-heat' });
  const tbody = h('tbody');
  const table = h('table', { class: 'table', id: 'risks-table' },
    h('caption', { class: 'visually-hidden' }, title),
    h('thead', null, h('tr', null, ['asset', 'threat', 'likelihood', 'impact', 'level', 'treatment', 'requirements', 'residual']
      .map((c) => h('th', { scope: 'col' }, t(`risks.col.${c}`))))),
    tbody);
  const region = h('div', { class: 'table-scroll', hidden: true }, table);
  const node = h('div', { class: 'page page-wide risks', id: 'risks-page' },
    h('h1', { tabindex: '-1' }, title), h('p', { class: 'lead' }, t('risks.intro')), heat, status, region);

  (async () => {
    try {
      const [map, list] = await Promise.all([
        get('api/v1/risks/heatmap', null, { signal }),
        get('api/v1/risks', { limit: 500 }, { signal }),
      ]);
      clear(heat);
      heat.append(heatSection('risks-inherent', t('risks.heat.inherent'), map.inherent),
        heatSection('risks-residual', t('risks.heat.residual'), map.residual));
      for (const x of list.items) tbody.append(riskRow(x));
      region.hidden = list.items.length === 0;
      status.textContent = list.items.length ? t('risks.count', { count: map.total }) : t('risks.empty');
    } catch (err) {
      if (err?.name !== 'AbortError') status.textContent = requestError(err);
    }
    if (!signal.aborted) node.dataset.ready = 'true';
  })();
  return { title, node };
}
