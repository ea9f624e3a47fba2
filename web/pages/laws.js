// The legal register (#/laws, 第13条) and one law (#/laws/{id}): each law with its
// number, articles and how many requirements implement it; a law's page lists the
// requirements that implement it, with the article. Exports render().

import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { get, ApiError } from '../api.js';
import { requestError } from '../forms.js';
import { label } from '../catalog-data.js';

function renderOne(ctx, id) {
  const { signal } = ctx;
  const title = t('catalog.laws.title');
  const status = h('p', { class: 'status', role: 'status' }, t('assets.loading'));
  const body = h('div');
  const node = h('div', { class: 'page', id: 'law-page' },
    h('p', null, h('a', { href: '#/laws' }, t('catalog.laws.back'))), status, body);
  get(`api/v1/laws/${id}`, null, { signal }).then((l) => {
    status.textContent = '';
    clear(body);
    body.append(
      h('h1', { tabindex: '-1', lang: 'ja' }, l.name_ja),
      h('p', null, [l.number, l.name_en].filter(Boolean).join(' · ')),
      l.description ? h('p', { lang: 'ja' }, l.description) : null,
      h('section', { class: 'card', id: 'law-articles', 'aria-labelledby': 'law-articles-title' },
        h('h2', { id: 'law-articles-title' }, t('catalog.laws.articles')),
        h('ul', null, l.articles.map((a) => h('li', null, `${a.number} ${label(a.title_ja, a.title_en)}`)))),
      h('section', { class: 'card', id: 'law-implemented', 'aria-labelledby': 'law-implemented-title' },
        h('h2', { id: 'law-implemented-title' }, t('catalog.laws.implemented_by')),
        l.implemented_by.length
          ? h('ul', { id: 'law-implemented-list' }, l.implemented_by.map((m) => h('li', null,
            h('a', { href: `#/requirements/${m.id}` }, h('code', null, m.code), ' ', label(m.title_ja, m.title_en)),
            m.article ? h('span', { class: 'hint' }, ` (${m.article})`) : null)))
          : h('p', { class: 'hint' }, t('common.none'))));
    node.dataset.ready = 'true';
  }).catch((err) => {
    if (err?.name === 'AbortError') return;
    status.textContent = err instanceof ApiError && err.status === 404 ? t('catalog.laws.missing') : requestError(err);
    node.dataset.ready = 'true';
  });
  return { title, node };
}

export function render(ctx) {
  if (ctx.match?.[1]) return renderOne(ctx, ctx.match[1]);
  const { signal } = ctx;
  const title = t('catalog.laws.title');
  const status = h('p', { class: 'status', role: 'status' }, t('assets.loading'));
  const body = h('div');
  const node = h('div', { class: 'page', id: 'laws-page' },
    h('p', null, h('a', { href: '#/catalog' }, t('catalog.back'))),
    h('h1', { tabindex: '-1' }, title), h('p', null, t('catalog.laws.intro')), status, body);
  get('api/v1/laws', { limit: 500 }, { signal }).then(({ items }) => {
    status.textContent = '';
    clear(body);
    body.append(h('table', { class: 'table', id: 'laws-table' },
      h('thead', null, h('tr', null, ['name', 'number', 'articles', 'implemented'].map((c) => h('th', { scope: 'col' }, t(`catalog.laws.${c}`))))),
      h('tbody', null, items.map((l) => h('tr', { dataset: { code: l.code } },
        h('td', null, h('a', { href: `#/laws/${l.id}`, lang: 'ja' }, l.short_name_ja ?? l.name_ja),
          l.name_en ? h('div', { class: 'hint', lang: 'en' }, l.name_en) : null),
        h('td', { lang: 'ja' }, l.number ?? ''),
        h('td', { lang: 'ja' }, l.articles.map((a) => a.number).join('、')),
        h('td', null, String(l.requirements)))))));
    node.dataset.ready = 'true';
  }).catch((err) => {
    if (err?.name === 'AbortError') return;
    status.textContent = requestError(err);
    node.dataset.ready = 'true';
  });
  return { title, node };
}
