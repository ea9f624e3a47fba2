// The risk register (#/risks, issue 6 point 5): the risks of the assets the caller may
// see (GET /api/v1/risks: asset × threat, likelihood × impact, treatment, and the
// residual once the linked requirements are carried out), each row leading to the
// risk's page (#/risks/{id}), and two SVG heat maps of the register, inherent and
// residual (GET /api/v1/risks/heatmap), their axes named with the matrix's words (the
// settings risk_likelihood_labels and risk_impact_labels), each with its figures as a
// table for screen readers. #/risks?closed=true lists the closed ones instead. Who may
// treat risks (implementation.write; the server decides the unit) registers one here
// (#/risks/new) or from an asset's page. Exports render().

import { h, clear } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { get } from '../api.js';
import { requestError } from '../forms.js';
import { heatMap } from '../charts.js';
import { stepLabels } from '../risk-data.js';

function gridTable(id, caption, cells, matrix) {
  const n = cells.length;
  const impact = stepLabels(matrix, 'impact', getLang());
  const likelihood = stepLabels(matrix, 'likelihood', getLang());
  return h('div', { class: 'table-scroll' }, h('table', { class: 'table table-heat', id },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('risks.likelihood_impact')),
      Array.from({ length: n }, (_, i) => h('th', { scope: 'col' }, impact[i] ?? String(i + 1))))),
    h('tbody', null, cells.map((row, r) => h('tr', null, h('th', { scope: 'row' }, likelihood[n - r - 1] ?? String(n - r)),
      row.map((count) => h('td', null, String(count))))))));
}

function heatSection(id, title, cells, matrix) {
  const lang = getLang();
  return h('section', { class: 'card risk-heat', 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
    heatMap({
      title, cells, id: `${id}-map`, xLabel: t('risks.impact'), yLabel: t('risks.likelihood'),
      xTicks: stepLabels(matrix, 'impact', lang), yTicks: stepLabels(matrix, 'likelihood', lang),
    }),
    gridTable(`${id}-table`, title, cells, matrix));
}

function riskRow(x) {
  const threat = getLang() === 'en' && x.threat_name_en ? x.threat_name_en : x.threat_name_ja;
  return h('tr', { dataset: { riskId: String(x.id) } },
    h('td', null, h('a', { href: `#/assets/${x.asset_id}` }, h('span', { lang: 'ja' }, x.asset_name))),
    h('td', null, h('a', { href: `#/risks/${x.id}`, class: 'risk-link' }, threat)),
    h('td', { class: 'num' }, String(x.likelihood)),
    h('td', { class: 'num' }, String(x.impact)),
    h('td', { class: 'num' }, String(x.level)),
    h('td', null, t(`risks.treatment.${x.treatment}`)),
    h('td', { class: 'num' }, `${x.requirements_carried_out} / ${x.requirements_linked}`),
    h('td', { class: 'num risk-residual' }, String(x.residual.level)));
}

export function render(ctx) {
  const { signal, session, params } = ctx;
  const closed = params?.get('closed') === 'true';
  const title = closed ? t('risks.closed.title') : t('module.risks.title');
  const mayWrite = (session.permissions ?? []).includes('implementation.write');
  const status = h('p', { class: 'status', id: 'risks-status', role: 'status' }, t('risks.loading'));
  const heat = h('div', { class: 'risk-heat-maps', id: 'risks-heat' });
  const tbody = h('tbody');
  const table = h('table', { class: 'table', id: 'risks-table' },
    h('caption', { class: 'visually-hidden' }, title),
    h('thead', null, h('tr', null, ['asset', 'threat', 'likelihood', 'impact', 'level', 'treatment', 'requirements', 'residual']
      .map((c) => h('th', { scope: 'col' }, t(`risks.col.${c}`))))),
    tbody);
  const region = h('div', { class: 'table-scroll', hidden: true }, table);
  const actions = h('div', { class: 'actions', id: 'risks-actions' },
    mayWrite && !closed ? h('a', { href: '#/risks/new', class: 'button button-primary', id: 'risks-new' }, t('risks.new')) : null,
    h('a', { href: closed ? '#/risks' : '#/risks?closed=true', id: 'risks-closed-link' },
      closed ? t('risks.closed.back') : t('risks.closed.show')));
  const node = h('div', { class: 'page page-wide risks', id: 'risks-page' },
    h('h1', { tabindex: '-1' }, title), h('p', { class: 'lead' }, t(closed ? 'risks.closed.intro' : 'risks.intro')),
    actions, closed ? null : heat, status, region);

  (async () => {
    try {
      const [map, list] = await Promise.all([
        closed ? null : get('api/v1/risks/heatmap', null, { signal }),
        get('api/v1/risks', { limit: 500, closed: closed ? 'true' : null }, { signal }),
      ]);
      if (map) {
        clear(heat);
        heat.append(heatSection('risks-inherent', t('risks.heat.inherent'), map.inherent, map.matrix),
          heatSection('risks-residual', t('risks.heat.residual'), map.residual, map.matrix));
      }
      for (const x of list.items) tbody.append(riskRow(x));
      region.hidden = list.items.length === 0;
      if (closed) status.textContent = list.items.length ? t('risks.closed.count', { count: list.items.length }) : t('risks.closed.empty');
      else status.textContent = list.items.length ? t('risks.count', { count: map.total }) : t('risks.empty');
    } catch (err) {
      if (err?.name !== 'AbortError') status.textContent = requestError(err);
    }
    if (!signal.aborted) node.dataset.ready = 'true';
  })();
  return { title, node };
}
