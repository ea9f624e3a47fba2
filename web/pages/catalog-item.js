// One group or control of a reference catalog (#/catalog-items/{id}): its statement with
// each parameter shown by its label or choices ("[Assignment: personnel or roles]"), as
// GET /api/v1/catalog-items/{id} renders it (the stored text keeps the file's {{ insert:
// param, … }}), the parameters with their labels, choices and guidelines, the guidance,
// the controls it names as related (links to them), the other links, its enhancements (or, for a group, its
// controls) and, for a control, mamori's requirements mapped to it. The catalog's own text
// is English, marked lang="en"; the page around it follows the reader's language.
// Exports render().

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { get, ApiError } from '../api.js';
import { requestError } from '../forms.js';
import { itemLink } from './catalogs.js';

function section(id, title, ...content) {
  return h('section', { class: 'catalog-section', id }, h('h2', null, title), ...content);
}

function paramText(p) {
  if (p.values?.length) return p.values.join(', ');
  if (p.select?.choice) {
    const how = p.select['how-many'] === 'one-or-more' ? t('catalog_item.param.one_or_more') : t('catalog_item.param.one');
    return `${how}: ${p.select.choice.map((c) => c.trim()).join(' / ')}`;
  }
  return p.label ?? '';
}

export function render(ctx) {
  const { signal, match } = ctx;
  const id = match[1];
  const heading = h('h1', { tabindex: '-1' }, t('catalog_item.title'));
  const crumbs = h('p', { class: 'breadcrumb', id: 'catalog-item-crumbs' }, h('a', { href: '#/catalogs' }, t('module.catalogs.title')));
  const status = h('p', { class: 'status', id: 'catalog-item-status', role: 'status' }, t('catalogs.loading'));
  const body = h('div', { id: 'catalog-item-body' });
  const node = h('div', { class: 'page catalog-item', id: 'catalog-item-page' }, crumbs, heading, status, body);
  (async () => {
    try {
      const it = await get(`api/v1/catalog-items/${id}`, null, { signal });
      heading.textContent = '';
      heading.append(h('span', { class: 'catalog-item-label' }, it.label ?? it.item_id), ' ', h('span', { lang: 'en' }, it.title));
      crumbs.append(' › ', h('a', { href: `#/catalogs/${it.catalog.id}`, lang: 'en' }, it.catalog.title));
      if (it.parent) crumbs.append(' › ', it.parent.kind === 'group'
        ? h('span', { lang: 'en' }, `${it.parent.label ?? it.parent.item_id.toUpperCase()} ${it.parent.title}`) : itemLink(it.parent));
      status.textContent = t(it.kind === 'group' ? 'catalog_item.kind.group' : it.enhancement ? 'catalog_item.kind.enhancement' : 'catalog_item.kind.control');
      if (it.statement_display) {
        body.append(section('catalog-statement', t('catalog_item.statement'),
          h('p', { class: 'oscal-prose', lang: 'en', id: 'catalog-statement-text' }, it.statement_display),
          h('p', { class: 'hint' }, t('catalog_item.statement_hint'))));
      }
      if (it.params?.length) {
        const head = h('thead', null, h('tr', null,
          ['id', 'label', 'guidelines'].map((c) => h('th', { scope: 'col' }, t(`catalog_item.param.${c}`)))));
        const rows = it.params.map((p) => h('tr', null,
          h('td', { class: 'nowrap' }, p.id),
          h('td', { lang: 'en' }, paramText(p)),
          h('td', { lang: 'en' }, (p.guidelines ?? []).map((g) => g.prose).join(' '))));
        body.append(section('catalog-params', t('catalog_item.params'),
          h('table', { class: 'table', id: 'catalog-params-table' }, head, h('tbody', null, rows))));
      }
      if (it.guidance) {
        body.append(section('catalog-guidance', t('catalog_item.guidance'), h('p', { class: 'oscal-prose', lang: 'en' }, it.guidance)));
      }
      if (it.children?.length) {
        body.append(section('catalog-children', t(it.kind === 'group' ? 'catalog_item.controls' : 'catalog_item.enhancements'),
          h('ul', { class: 'catalog-hits' }, it.children.map((c) => h('li', null, itemLink(c))))));
      }
      if (it.related?.length) {
        body.append(section('catalog-related', t('catalog_item.related'),
          h('ul', { class: 'catalog-hits' }, it.related.map((c) => h('li', null, itemLink(c))))));
      }
      // The other links as the file has them (references to its back-matter, which is not kept).
      const resolved = new Set((it.related ?? []).map((c) => `#${c.item_id}`));
      const others = (it.links ?? []).filter((l) => !(l.rel === 'related' && resolved.has(l.href)));
      if (others.length) {
        body.append(section('catalog-links', t('catalog_item.links'), h('ul', { class: 'catalog-links' },
          others.map((l) => h('li', null, h('span', { class: 'muted' }, l.rel ?? ''), ' ', l.text ?? l.href)))));
      }
      if (it.kind === 'control') {
        const mapped = await get(`api/v1/catalog-items/${id}/mappings`, null, { signal });
        body.append(section('catalog-mappings', t('catalog_item.mappings'), mapped.items.length
          ? h('ul', { class: 'catalog-hits', id: 'catalog-mappings-list' }, mapped.items.map((m) => h('li', null,
            h('a', { href: `#/requirements/${m.requirement.id}` }, h('code', null, m.requirement.code), ' ',
              h('span', { lang: 'ja' }, m.requirement.title_ja)),
            h('span', { class: 'hint' }, ` (${t(`mapping.relation.${m.relation}`)})`))))
          : h('p', { class: 'hint' }, t('catalog_item.mappings_none'))));
      }
    } catch (err) {
      if (err?.name === 'AbortError') return;
      status.textContent = err instanceof ApiError && err.status === 404 ? t('catalog_item.missing') : requestError(err);
    }
    if (!signal.aborted) node.dataset.ready = 'true';
  })();
  return { title: t('catalog_item.title'), node };
}
