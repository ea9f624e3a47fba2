// One risk (#/risks/{id}) and registering one (#/risks/new, or #/risks/new?asset_id=N
// from an asset's page).
//
// - The risk as GET /api/v1/risks/{id} gives it (404 for one of an asset the caller may
//   not see, exactly as for none): the asset (a link, with its class label), the threat,
//   likelihood and impact with the matrix's words (and whether the impact comes from
//   the asset's class), the level, the treatment, the residual, owner and note.
// - The linked requirements with their implementation status on the asset, and which
//   of them count as carried out (they lower the residual).
// - Its history: every version kept (risk_version), who changed it and what it was.
// - For who treats risks (implementation.write; the server decides the unit), while it
//   is open: change it (pages/risk-form.js, If-Match; a stale version says so, with a
//   button to load it again) and close it after a confirmation (If-Match too).
// Exports render().

import { h, clear } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { get, request, ifMatch, ApiError } from '../api.js';
import { requestError, confirmAction } from '../forms.js';
import { labelBadge } from '../classes.js';
import { label } from '../catalog-data.js';
import { formatDateTime } from '../time.js';
import { stepLabel } from '../risk-data.js';
import { riskForm } from './risk-form.js';

const mayTreat = (session) => (session.permissions ?? []).includes('implementation.write');

/* What the form needs beside the risk: the active threats, people for the owner (with person.read). */
async function formContext(ctx) {
  const { signal, session } = ctx;
  const [threats, people] = await Promise.all([
    get('api/v1/threats', { limit: 500 }, { signal }).then((d) => d.items),
    (session.permissions ?? []).includes('person.read')
      ? get('api/v1/persons', { limit: 500 }, { signal }).then((d) => d.items).catch(() => [])
      : Promise.resolve([]),
  ]);
  return { threats, people };
}

function renderNew(ctx) {
  const { signal, params } = ctx;
  const title = t('risks.form.new_title');
  const assetId = Number(params?.get('asset_id')) || null;
  const status = h('p', { class: 'status', role: 'status', id: 'risk-new-status' }, t('risks.loading'));
  const back = assetId ? h('a', { href: `#/assets/${assetId}` }, t('risks.back_asset')) : h('a', { href: '#/risks' }, t('risks.back'));
  const node = h('div', { class: 'page risk-new', id: 'risk-new-page' },
    h('p', null, back), h('h1', { tabindex: '-1' }, title), status);
  Promise.all([
    formContext(ctx),
    get('api/v1/risks/heatmap', null, { signal }).then((m) => m.matrix),
    assetId ? get(`api/v1/assets/${assetId}`, null, { signal }) : Promise.resolve(null),
  ]).then(([{ threats, people }, matrix, asset]) => {
    status.remove();
    const form = riskForm({
      prefix: 'risk-new', risk: null, asset, matrix, threats, people, signal,
      onSaved: (r) => ctx.navigate(`/risks/${r.id}`),
      onCancel: () => ctx.navigate(assetId ? `/assets/${assetId}` : '/risks'),
    });
    node.append(form.node);
    node.dataset.ready = 'true';
  }).catch((err) => {
    if (err?.name === 'AbortError') return;
    status.textContent = err instanceof ApiError && err.status === 404 ? t('assets.detail.missing') : requestError(err);
    node.dataset.ready = 'true';
  });
  return { title, node };
}

function details(x, asset, lang) {
  const row = (key, ...value) => h('div', { class: 'detail-row', dataset: { detail: key } },
    h('dt', null, t(`risks.field.${key}`)), h('dd', null, ...value));
  const m = x.matrix;
  const impactSource = x.impact_from_class ? t('risks.detail.impact_from_class', { label: asset?.label ?? '' })
    : t('risks.detail.impact_by_hand');
  const residual = x.residual.level === 0
    ? t('risks.detail.residual_none')
    : t('risks.detail.figures', { likelihood: stepLabel(m, 'likelihood', x.residual.likelihood, lang),
      impact: stepLabel(m, 'impact', x.residual.impact, lang), level: x.residual.level });
  return h('dl', { class: 'details', id: 'risk-details' },
    row('asset', h('a', { href: `#/assets/${x.asset_id}` }, h('span', { lang: 'ja' }, x.asset_name)),
      asset ? [' ', labelBadge(asset.label, asset.classes?.c?.rank)] : null),
    row('threat', h('code', null, x.threat_code), ' ', label(x.threat_name_ja, x.threat_name_en)),
    row('likelihood', stepLabel(m, 'likelihood', x.likelihood, lang)),
    row('impact', stepLabel(m, 'impact', x.impact, lang), h('span', { class: 'hint', id: 'risk-impact-source' }, ` (${impactSource})`)),
    row('level', h('strong', { id: 'risk-level' }, String(x.level))),
    row('treatment', h('span', { id: 'risk-treatment' }, t(`risks.treatment.${x.treatment}`)),
      h('span', { class: 'hint' }, ` — ${t(`risks.treatment_text.${x.treatment}`)}`)),
    row('residual', h('strong', { id: 'risk-residual' }, residual)),
    row('owner', x.owner_name ? h('span', { lang: 'ja' }, x.owner_name) : t('common.none')),
    row('note', x.note ? h('span', { lang: 'ja' }, x.note) : t('common.none')),
    row('updated_at', formatDateTime(x.updated_at, lang)),
    x.closed_at ? row('closed_at', formatDateTime(x.closed_at, lang)) : null);
}

function requirementsSection(x) {
  const items = x.requirements ?? [];
  return h('section', { class: 'card', id: 'risk-requirements', 'aria-labelledby': 'risk-requirements-title' },
    h('h2', { id: 'risk-requirements-title' }, t('risks.detail.requirements')),
    h('p', { class: 'hint' }, t('risks.detail.requirements_intro')),
    items.length
      ? h('div', { class: 'table-scroll' }, h('table', { class: 'table', id: 'risk-requirements-table' },
        h('thead', null, h('tr', null, ['code', 'title', 'status', 'reduces'].map((c) => h('th', { scope: 'col' }, t(`risks.detail.req.${c}`))))),
        h('tbody', null, items.map((q) => h('tr', { dataset: { code: q.code, status: q.status } },
          h('td', null, h('a', { href: `#/requirements/${q.requirement_id}` }, h('code', null, q.code))),
          h('td', null, label(q.title_ja, q.title_en)),
          h('td', null, h('span', { class: 'impl-status', dataset: { status: q.status } }, t(`implementation.status.${q.status}`))),
          h('td', null, q.reduces ? t('risks.detail.reduces_yes') : t('risks.detail.reduces_no')))))))
      : h('p', { class: 'hint', id: 'risk-requirements-none' }, t('risks.detail.requirements_none')),
    h('p', { class: 'hint', id: 'risk-requirements-count' },
      t('risks.detail.carried_out', { done: x.requirements_carried_out, n: x.requirements_linked })));
}

function historySection(x, lang) {
  const m = x.matrix;
  return h('section', { class: 'card', id: 'risk-history', 'aria-labelledby': 'risk-history-title' },
    h('h2', { id: 'risk-history-title' }, t('risks.history.title')),
    h('div', { class: 'table-scroll' }, h('table', { class: 'table', id: 'risk-history-table' },
      h('thead', null, h('tr', null, ['version', 'when', 'by', 'likelihood', 'impact', 'treatment', 'requirements', 'owner', 'note']
        .map((c) => h('th', { scope: 'col' }, t(`risks.history.${c}`))))),
      h('tbody', null, (x.history ?? []).map((v) => h('tr', { dataset: { version: String(v.version) } },
        h('td', null, String(v.version), v.closed_at ? h('span', { class: 'badge' }, ` ${t('risks.history.closed')}`) : null),
        h('td', { class: 'nowrap' }, formatDateTime(v.changed_at, lang)),
        h('td', { lang: 'ja' }, v.changed_by ?? t('risks.history.system')),
        h('td', null, stepLabel(m, 'likelihood', v.likelihood, lang)),
        h('td', null, stepLabel(m, 'impact', v.impact, lang), v.impact_from_class ? h('span', { class: 'hint' }, ` (${t('risks.history.from_class')})`) : null),
        h('td', null, t(`risks.treatment.${v.treatment}`)),
        h('td', null, v.requirements.length ? v.requirements.join(', ') : t('common.none')),
        h('td', { lang: 'ja' }, v.owner_name ?? t('common.none')),
        h('td', { lang: 'ja' }, v.note ?? '')))))));
}

export function render(ctx) {
  if (ctx.match?.[1] === 'new') return renderNew(ctx);
  const { signal, session } = ctx;
  const id = Number(ctx.match[1]);
  const lang = getLang();
  const title = t('risks.detail.title');
  const status = h('p', { class: 'status', role: 'status', id: 'risk-status' }, t('risks.loading'));
  const body = h('div', { id: 'risk-body' });
  const node = h('div', { class: 'page page-wide risk', id: 'risk-page' },
    h('p', null, h('a', { href: '#/risks' }, t('risks.back'))), status, body);

  const show = async (notice) => {
    const x = await get(`api/v1/risks/${id}`, null, { signal });
    const asset = await get(`api/v1/assets/${x.asset_id}`, null, { signal }).catch(() => null);
    clear(body);
    status.textContent = '';
    const threat = label(x.threat_name_ja, x.threat_name_en);
    const actions = h('div', { class: 'actions', id: 'risk-actions' });
    const message = h('div', { class: 'form-error', role: 'alert', id: 'risk-message' });
    body.append(...[
      h('h1', { tabindex: '-1' }, h('span', { lang: 'ja' }, x.asset_name), ' × ', threat),
      h('p', { class: x.closed_at ? 'risk-state is-closed' : 'risk-state', id: 'risk-state' },
        x.closed_at ? t('risks.state.closed') : t('risks.state.open')),
      notice ? h('p', { class: 'notice', role: 'status', id: 'risk-notice' }, notice) : null,
      actions, message, details(x, asset, lang), requirementsSection(x), historySection(x, lang)].filter(Boolean));
    if (mayTreat(session) && !x.closed_at) {
      actions.append(
        h('button', {
          type: 'button', class: 'button button-secondary', id: 'risk-edit',
          onclick: async () => {
            try {
              const fc = await formContext(ctx);
              const form = riskForm({
                prefix: 'risk-edit', risk: x, asset, matrix: x.matrix, ...fc, signal,
                onSaved: () => { show(t('risks.saved')).catch(() => {}); },
                onStale: () => { show().catch(() => {}); },
                onCancel: () => { show().catch(() => {}); },
              });
              clear(body);
              body.append(h('h1', { tabindex: '-1' }, h('span', { lang: 'ja' }, x.asset_name), ' × ', threat), form.node);
              form.focus();
            } catch (err) {
              if (err?.name !== 'AbortError') message.textContent = requestError(err);
            }
          },
        }, t('risks.edit')),
        h('button', {
          type: 'button', class: 'button button-secondary', id: 'risk-close',
          onclick: async () => {
            if (!await confirmAction({ title: t('risks.close.title'), text: t('risks.close.text'), confirm: t('risks.close.confirm'), id: 'risk-close-dialog' })) return;
            message.textContent = '';
            try {
              await request('PATCH', `api/v1/risks/${x.id}`, { body: { closed: true }, headers: ifMatch(x.version), signal });
              await show(t('risks.closed_notice'));
            } catch (err) {
              if (err?.name === 'AbortError') return;
              if (err instanceof ApiError && err.status === 412) {
                message.append(h('span', null, t('risks.form.stale')), ' ',
                  h('button', { type: 'button', class: 'button button-small button-secondary', id: 'risk-close-reload', onclick: () => { show().catch(() => {}); } },
                    t('risks.form.reload')));
              } else message.textContent = requestError(err);
            }
          },
        }, t('risks.close.open')));
    }
    node.dataset.ready = 'true';
    body.querySelector('h1')?.focus();
  };
  show().catch((err) => {
    if (err?.name === 'AbortError') return;
    status.textContent = err instanceof ApiError && err.status === 404 ? t('risks.detail.missing') : requestError(err);
    node.dataset.ready = 'true';
  });
  return { title, node };
}
