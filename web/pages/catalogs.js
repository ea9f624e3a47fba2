// Reference catalogs imported from OSCAL (#/catalogs, 参照カタログ): NIST SP 800-53
// baselines and the like, imported with `mamori import catalog FILE` or, by those with
// reference_catalog.manage, from the list page (a JSON file sent to POST
// /api/v1/catalogs; a file with problems is refused with each problem's JSON path
// listed, a catalog imported already needs "replace"). #/catalogs lists them with their
// counts of families, controls and enhancements; #/catalogs/{id} shows one as a tree — families, their controls, each
// control's enhancements, expandable — with a search box (q in the address: words of an
// item's id, title or statement) whose hits are listed flat. Each control leads to its
// page (#/catalog-items/{id}). The catalogs are reference texts in English, as the
// files have them; the page around them is in the reader's language.
// Exports render().

import { h, clear } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { get, request, ApiError } from '../api.js';
import { requestError } from '../forms.js';
import { formatDateTime } from '../time.js';

function errorText(err, missing) {
  if (err instanceof ApiError && err.status === 404) return t(missing);
  return requestError(err);
}

/** An item's link: its label (AC-2) or id, then its title. */
export function itemLink(item) {
  return h('a', { class: 'catalog-item-link', href: `#/catalog-items/${item.id}`, dataset: { itemId: item.item_id } },
    h('span', { class: 'catalog-item-label' }, item.label ?? item.item_id), ' ',
    h('span', { lang: 'en' }, item.title));
}

/** The import form: a JSON file, "replace", and the problems of a refused file. */
function importForm(navigate) {
  const file = h('input', { id: 'catalog-file', name: 'file', type: 'file', accept: '.json,application/json', required: true });
  const replace = h('input', { id: 'catalog-replace', name: 'replace', type: 'checkbox' });
  const message = h('div', { id: 'catalog-import-message', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', id: 'catalog-import' }, t('catalogs.import.submit'));
  const form = h('form', {
    class: 'card catalog-import', id: 'catalog-import-form',
    onsubmit: async (e) => {
      e.preventDefault();
      clear(message);
      const chosen = file.files?.[0];
      if (!chosen) return;
      submit.disabled = true;
      message.append(h('p', { class: 'status' }, t('catalogs.import.working')));
      try {
        const cat = await request('POST', 'api/v1/catalogs', {
          file: chosen, contentType: 'application/json',
          query: { name: chosen.name, replace: replace.checked ? 'true' : undefined },
        });
        navigate(`/catalogs/${cat.id}`);
      } catch (err) {
        clear(message);
        if (err instanceof ApiError && err.status === 422 && err.fields?.length) {
          message.append(h('p', { class: 'form-error' }, t('catalogs.import.refused')),
            h('ul', { class: 'catalog-problems', id: 'catalog-problems' }, err.fields.map((f) =>
              h('li', null, h('code', null, f.field), ' ', h('span', { lang: 'en' }, f.message)))));
        } else if (err instanceof ApiError && err.status === 409) {
          message.append(h('p', { class: 'form-error' }, t('catalogs.import.exists')));
        } else {
          message.append(h('p', { class: 'form-error' }, requestError(err)));
        }
      } finally {
        submit.disabled = false;
      }
    },
  },
  h('h2', null, t('catalogs.import.title')),
  h('p', { class: 'hint' }, t('catalogs.import.hint')),
  h('div', { class: 'field' }, h('label', { for: 'catalog-file' }, t('catalogs.import.file')), file),
  h('div', { class: 'field' }, h('label', { class: 'check-label' }, replace, ' ', t('catalogs.import.replace'))),
  h('div', { class: 'actions' }, submit), message);
  return form;
}

function listPage(ctx) {
  const { signal, session, navigate } = ctx;
  const canImport = (session.permissions ?? []).includes('reference_catalog.manage');
  const title = t('module.catalogs.title');
  const tbody = h('tbody');
  const table = h('table', { class: 'table table-catalogs', id: 'catalogs-table', hidden: true },
    h('caption', { class: 'visually-hidden' }, title),
    h('thead', null, h('tr', null, ['title', 'version', 'groups', 'controls', 'enhancements', 'imported_at']
      .map((c) => h('th', { scope: 'col', class: ['groups', 'controls', 'enhancements'].includes(c) ? 'num' : null },
        t(`catalogs.col.${c}`))))),
    tbody);
  const status = h('p', { class: 'status', id: 'catalogs-status', role: 'status' }, t('catalogs.loading'));
  const node = h('div', { class: 'page page-wide catalogs', id: 'catalogs-page' },
    h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'lead' }, t('catalogs.intro')),
    status, h('div', { class: 'table-scroll' }, table),
    canImport ? importForm(navigate) : null,
    h('p', { class: 'hint' }, t('catalogs.import_hint'), ' ', h('code', null, 'mamori import catalog FILE')));
  (async () => {
    try {
      const data = await get('api/v1/catalogs', null, { signal });
      for (const c of data.items) {
        tbody.append(h('tr', { dataset: { catalogId: String(c.id), uuid: c.uuid } },
          h('td', null, h('a', { class: 'catalog-link', href: `#/catalogs/${c.id}`, lang: 'en' }, c.title)),
          h('td', { class: 'nowrap' }, c.version ?? ''),
          h('td', { class: 'num' }, String(c.groups)),
          h('td', { class: 'num' }, String(c.controls)),
          h('td', { class: 'num' }, String(c.enhancements)),
          h('td', { class: 'nowrap' }, formatDateTime(c.imported_at, getLang(), { seconds: false }))));
      }
      table.hidden = data.items.length === 0;
      status.textContent = data.items.length ? t('catalogs.count', { count: data.items.length }) : t('catalogs.empty');
    } catch (err) {
      if (err?.name !== 'AbortError') status.textContent = errorText(err, 'catalogs.missing');
    }
    if (!signal.aborted) node.dataset.ready = 'true';
  })();
  return { title, node };
}

/** The items (in file order, parents first) as nested lists; groups and controls with
 * children are <details>, closed until opened. */
function tree(items) {
  const children = new Map();
  for (const it of items) {
    const key = it.parent_id ?? 0;
    if (!children.has(key)) children.set(key, []);
    children.get(key).push(it);
  }
  const branch = (parentId) => {
    const kids = children.get(parentId) ?? [];
    if (!kids.length) return null;
    return h('ul', { class: 'catalog-tree' }, kids.map((it) => {
      const sub = branch(it.id);
      const head = it.kind === 'group'
        ? h('span', { class: 'catalog-group-title' }, h('span', { class: 'catalog-item-label' }, it.label ?? it.item_id.toUpperCase()), ' ',
          h('span', { lang: 'en' }, it.title), ' ', h('span', { class: 'muted' }, t('catalogs.tree.n_items', { count: it.children })))
        : itemLink(it);
      const li = h('li', { class: `catalog-node catalog-${it.enhancement ? 'enhancement' : it.kind}`, dataset: { itemId: it.item_id } });
      if (sub) li.append(h('details', null, h('summary', null, head), sub));
      else li.append(head);
      return li;
    }));
  };
  return branch(0);
}

function catalogPage(ctx) {
  const { signal, params, navigate, match } = ctx;
  const id = match[1];
  const q = (params.get('q') ?? '').trim();
  const heading = h('h1', { tabindex: '-1' }, t('module.catalogs.title'));
  const meta = h('dl', { class: 'summary', id: 'catalog-meta', hidden: true });
  const input = h('input', { id: 'catalog-q', name: 'q', type: 'search', class: 'input input-inline', value: q, maxlength: '200',
    placeholder: t('catalogs.tree.q_placeholder'), autocomplete: 'off' });
  const search = h('form', { class: 'filter', role: 'search', 'aria-label': t('catalogs.tree.search'),
    onsubmit: (e) => { e.preventDefault(); navigate(`/catalogs/${id}`, input.value.trim() ? { q: input.value.trim() } : null); } },
  h('div', { class: 'filter-field' }, h('label', { for: 'catalog-q' }, t('catalogs.tree.search')), input),
  h('div', { class: 'filter-buttons' },
    h('button', { type: 'submit', class: 'button button-secondary', id: 'catalog-search' }, t('catalogs.tree.search_button')),
    q ? h('button', { type: 'button', class: 'button button-quiet', onclick: () => navigate(`/catalogs/${id}`) }, t('catalogs.tree.clear')) : null));
  const status = h('p', { class: 'status', id: 'catalog-status', role: 'status' }, t('catalogs.loading'));
  const body = h('div', { id: 'catalog-tree' });
  const node = h('div', { class: 'page page-wide catalog', id: 'catalog-page' },
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/catalogs' }, t('module.catalogs.title'))),
    heading, meta, search, status, body);
  (async () => {
    try {
      const [cat, items] = await Promise.all([
        get(`api/v1/catalogs/${id}`, null, { signal }),
        get(`api/v1/catalogs/${id}/items`, { q: q || undefined, limit: 5000 }, { signal }),
      ]);
      heading.textContent = cat.title;
      heading.lang = 'en';
      for (const [k, v] of [['uuid', cat.uuid], ['version', cat.version], ['oscal_version', cat.oscal_version],
        ['last_modified', cat.last_modified], ['counts', t('catalogs.counts', cat)], ['source', cat.source_name],
        ['imported_at', formatDateTime(cat.imported_at, getLang(), { seconds: false })]]) {
        meta.append(h('div', { class: 'summary-row' }, h('dt', null, t(`catalogs.meta.${k}`)), h('dd', null, v ?? '')));
      }
      meta.hidden = false;
      clear(body);
      if (q) {
        body.append(h('ul', { class: 'catalog-hits', id: 'catalog-hits' },
          items.items.map((it) => h('li', { dataset: { itemId: it.item_id } },
            it.kind === 'group' ? h('span', { lang: 'en' }, `${it.item_id.toUpperCase()} ${it.title}`) : itemLink(it)))));
        status.textContent = items.items.length ? t('catalogs.tree.hits', { count: items.items.length }) : t('catalogs.tree.no_hits');
      } else {
        const list = tree(items.items);
        if (list) body.append(list);
        status.textContent = t('catalogs.tree.hint');
      }
    } catch (err) {
      if (err?.name !== 'AbortError') status.textContent = errorText(err, 'catalogs.missing');
    }
    if (!signal.aborted) node.dataset.ready = 'true';
  })();
  return { title: t('module.catalogs.title'), node };
}

export function render(ctx) {
  return ctx.match ? catalogPage(ctx) : listPage(ctx);
}
