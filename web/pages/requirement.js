// One requirement of the catalog (#/requirements/{id}): its code, title, measure kind,
// tags, text (Markdown rendered by the server, text_html), where it applies in words
// ("情報システム、機密性3C以上") and, for who reads assets, where it applies among what
// they may see with its status there (requirement-status.js), the procedures that carry it out (those the reader may
// see; titles only — opening one is a read on record), the threats it answers, the laws
// it implements, the reference controls it is mapped to (requirement-mappings.js) and
// its history (every version).
// Exports render().

import { h, clear, serverHtml } from '../dom.js';
import { t } from '../i18n.js';
import { get, ApiError } from '../api.js';
import { requestError } from '../forms.js';
import { formatDateTime } from '../time.js';
import { label, ruleText, appliesText } from '../catalog-data.js';
import { mappingsSection } from './requirement-mappings.js';
import { statusSection } from './requirement-status.js';

// The text as the server rendered it: inserted as HTML (dom.js serverHtml says why
// that is harmless).
function rendered(q) {
  if (!q.text) return h('p', { class: 'hint' }, t('common.none'));
  return serverHtml(q.text_html, { class: 'requirement-text markdown', id: 'requirement-text', lang: 'ja' });
}

function section(id, titleKey, ...children) {
  return h('section', { class: 'card', id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, t(titleKey)), ...children);
}

export function render(ctx) {
  const { match, signal, lang } = ctx;
  const id = match[1];
  const title = t('catalog.requirement.title');
  const status = h('p', { class: 'status', role: 'status' }, t('assets.loading'));
  const body = h('div');
  const node = h('div', { class: 'page', id: 'requirement-page' },
    h('p', null, h('a', { href: '#/catalog' }, t('catalog.back'))), status, body);
  get(`api/v1/requirements/${id}`, null, { signal }).then((q) => {
    status.textContent = '';
    clear(body);
    const everywhere = appliesText(q);
    body.append(
      h('h1', { tabindex: '-1' }, h('code', null, q.code), ' ', label(q.title_ja, q.title_en)),
      h('p', { id: 'requirement-meta' }, t(`catalog.kind.${q.measure_kind}`), ' · ',
        t(q.scope === 'unit' ? 'catalog.scope.unit' : 'catalog.scope.asset'),
        q.active ? null : h('span', { class: 'hint' }, ` — ${t('catalog.inactive')}`),
        ' ', (q.tags ?? []).map((g) => h('span', { class: 'badge catalog-tag', lang: 'ja' }, g))),
      rendered(q),
      section('requirement-applies', 'catalog.requirement.applies',
        everywhere ? h('p', null, everywhere)
          : h('ul', { id: 'requirement-rules' }, q.applies.map((r) => h('li', null, ruleText(r)))),
        q.scope === 'asset' && q.applies?.length ? h('p', { class: 'hint' }, t('catalog.requirement.any_rule')) : null),
      statusSection(ctx, q),
      q.procedures ? section('requirement-procedures', 'catalog.requirement.procedures',
        q.procedures.length ? h('ul', null, q.procedures.map((p) => h('li', null,
          h('a', { href: `#/procedures/${p.id}` }, h('code', null, p.code), ' ', label(p.title_ja, p.title_en)),
          h('span', { class: 'hint' }, ` (${t(`procedures.status.${p.status}`)})`))))
          : h('p', { class: 'hint' }, t('common.none'))) : null,
      section('requirement-threats', 'catalog.requirement.threats',
        q.threats.length ? h('ul', null, q.threats.map((x) => h('li', null, h('code', null, x.code), ' ',
          label(x.name_ja, x.name_en), h('span', { class: 'hint' }, ` (${t(`catalog.threat_kind.${x.kind}`)})`))))
          : h('p', { class: 'hint' }, t('common.none'))),
      section('requirement-laws', 'catalog.requirement.laws',
        q.laws.length ? h('ul', null, q.laws.map((l) => h('li', null,
          h('a', { href: `#/laws/${l.law_id}` }, label(l.short_name_ja ?? l.name_ja, l.name_en)),
          l.article ? ` ${l.article} ${l.article_title_ja ?? ''}` : '')))
          : h('p', { class: 'hint' }, t('common.none'))),
      mappingsSection(ctx, q.id),
      section('requirement-history', 'catalog.requirement.history',
        h('table', { class: 'table', id: 'requirement-history-table' },
          h('thead', null, h('tr', null, ['version', 'when', 'who', 'title'].map((c) => h('th', { scope: 'col' }, t(`catalog.history.${c}`))))),
          h('tbody', null, q.history.map((v) => h('tr', null,
            h('td', null, String(v.version)),
            h('td', { class: 'nowrap' }, formatDateTime(v.changed_at, lang)),
            h('td', null, v.changed_by_name ?? t('catalog.history.shipped')),
            h('td', { lang: 'ja' }, v.title_ja)))))));
    node.dataset.ready = 'true';
  }).catch((err) => {
    if (err?.name === 'AbortError') return;
    status.textContent = err instanceof ApiError && err.status === 404 ? t('catalog.requirement.missing') : requestError(err);
    node.dataset.ready = 'true';
  });
  return { title, node };
}
