// The 「参照カタログとの対応」 section of a requirement's page: the controls of imported
// reference catalogs (NIST SP 800-53 …) the requirement is mapped to, with their relation
// (同等, 部分的, 関連) and note; holders of catalog.manage end a mapping (it stays on
// record) and add one: choose a catalog, search its controls
// (GET /api/v1/catalogs/{id}/items?q=), choose one, the relation and a note. Shown to
// holders of reference_catalog.read (the controls are theirs to read).
// Exports mappingsSection().

import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { get, request } from '../api.js';
import { field, requestError, showFieldErrors, clearFieldErrors, confirmAction } from '../forms.js';

const RELATIONS = ['equivalent', 'partial', 'related'];

function controlCell(m) {
  const labelText = m.control.item_id.toUpperCase();
  if (m.control.id === null) {
    return h('span', null, h('span', { class: 'catalog-item-label' }, labelText), ' ', t('mapping.missing_control'));
  }
  return h('a', { class: 'catalog-item-link', href: `#/catalog-items/${m.control.id}` },
    h('span', { class: 'catalog-item-label' }, labelText), ' ', h('span', { lang: 'en' }, m.control.title));
}

function addForm(requirementId, signal, reload) {
  const catalog = h('select', { name: 'catalog', class: 'input' });
  const q = h('input', { name: 'q', type: 'search', class: 'input', maxlength: '200', autocomplete: 'off' });
  const search = h('button', { type: 'button', class: 'button button-secondary', id: 'mapping-search' }, t('mapping.add.search'));
  const item = h('select', { name: 'catalog_item_id', class: 'input', required: true },
    h('option', { value: '' }, t('mapping.add.choose')));
  const relation = h('select', { name: 'relation', class: 'input' },
    RELATIONS.map((r) => h('option', { value: r }, t(`mapping.relation.${r}`))));
  const note = h('input', { name: 'note', class: 'input', maxlength: '2000' });
  const message = h('p', { id: 'mapping-add-message', role: 'alert' });
  const hits = h('p', { class: 'hint', id: 'mapping-hits', role: 'status' });
  const runSearch = async () => {
    hits.textContent = '';
    clear(item);
    item.append(h('option', { value: '' }, t('mapping.add.choose')));
    if (!catalog.value) return;
    try {
      const query = { limit: 50 };
      if (q.value.trim()) query.q = q.value.trim();
      const data = await get(`api/v1/catalogs/${catalog.value}/items`, query, { signal });
      const controls = data.items.filter((x) => x.kind === 'control');
      for (const c of controls) {
        item.append(h('option', { value: String(c.id) }, `${c.label ?? c.item_id.toUpperCase()} ${c.title}`));
      }
      hits.textContent = controls.length ? t('mapping.add.hits', { count: controls.length }) : t('mapping.add.no_hits');
    } catch (err) {
      if (err?.name !== 'AbortError') hits.textContent = requestError(err);
    }
  };
  search.addEventListener('click', runSearch);
  q.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      runSearch();
    }
  });
  const form = h('form', {
    class: 'mapping-add', id: 'mapping-add-form', novalidate: true,
    onsubmit: async (ev) => {
      ev.preventDefault();
      clearFieldErrors(form);
      message.textContent = '';
      const body = { catalog_item_id: Number(item.value), relation: relation.value };
      if (note.value.trim()) body.note = note.value.trim();
      try {
        await request('POST', `api/v1/requirements/${requirementId}/mappings`, { body, signal });
        note.value = '';
        message.textContent = t('mapping.add.done');
        reload();
      } catch (err) {
        if (err?.name === 'AbortError') return;
        const rest = err?.status === 422 ? showFieldErrors(form, err) : [];
        message.textContent = err?.status === 422 ? rest.join(' ') : requestError(err);
      }
    },
  },
  h('h3', null, t('mapping.add.title')),
  field({ id: 'mapping-catalog', label: t('mapping.add.catalog'), control: catalog }),
  h('div', { class: 'field' }, h('label', { for: 'mapping-q' }, t('mapping.add.q')),
    h('div', { class: 'inline' }, Object.assign(q, { id: 'mapping-q' }), ' ', search), hits),
  field({ id: 'mapping-item', label: t('mapping.add.item'), control: item, name: 'catalog_item_id' }),
  field({ id: 'mapping-relation', label: t('mapping.add.relation'), control: relation }),
  field({ id: 'mapping-note', label: t('mapping.add.note'), control: note }),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button', id: 'mapping-add' }, t('mapping.add.submit'))),
  message);
  catalog.addEventListener('change', runSearch);
  get('api/v1/catalogs', null, { signal }).then((data) => {
    for (const c of data.items) catalog.append(h('option', { value: String(c.id), lang: 'en' }, c.title));
    if (!data.items.length) form.replaceChildren(h('p', { class: 'hint' }, t('mapping.no_catalogs')));
    else runSearch();
  }).catch((err) => {
    if (err?.name !== 'AbortError') message.textContent = requestError(err);
  });
  return form;
}

/** The section for requirement id, or null for someone who may not read reference catalogs. */
export function mappingsSection({ session, signal }, requirementId) {
  const perms = session?.permissions ?? [];
  if (!perms.includes('reference_catalog.read')) return null;
  const canManage = perms.includes('catalog.manage');
  const list = h('div', { id: 'mapping-list' });
  const status = h('p', { class: 'status', role: 'status', id: 'mapping-status' });
  const load = async () => {
    try {
      const data = await get(`api/v1/requirements/${requirementId}/mappings`, null, { signal });
      clear(list);
      status.textContent = data.items.length ? '' : t('mapping.none');
      if (!data.items.length) return;
      const cols = ['catalog', 'control', 'relation', 'note'];
      list.append(h('table', { class: 'table', id: 'mapping-table' },
        h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, t(`mapping.col.${c}`))),
          canManage ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('mapping.col.actions'))) : null)),
        h('tbody', null, data.items.map((m) => h('tr', { dataset: { mappingId: String(m.id), controlId: m.control.item_id } },
          h('td', { lang: 'en' }, m.catalog.title),
          h('td', null, controlCell(m)),
          h('td', null, t(`mapping.relation.${m.relation}`)),
          h('td', null, m.note ?? ''),
          canManage ? h('td', null, h('button', {
            type: 'button', class: 'button button-secondary mapping-end',
            onclick: async () => {
              const yes = await confirmAction({ title: t('mapping.end_title'), text: t('mapping.end_text'),
                confirm: t('mapping.end'), id: 'mapping-end-dialog' });
              if (!yes) return;
              try {
                await request('DELETE', `api/v1/requirement-mappings/${m.id}`, { signal });
                load();
              } catch (err) {
                if (err?.name !== 'AbortError') status.textContent = requestError(err);
              }
            },
          }, t('mapping.end'))) : null)))));
    } catch (err) {
      if (err?.name !== 'AbortError') status.textContent = requestError(err);
    }
  };
  load();
  return h('section', { class: 'card', id: 'requirement-mappings', 'aria-labelledby': 'requirement-mappings-title' },
    h('h2', { id: 'requirement-mappings-title' }, t('mapping.title')), status, list,
    canManage ? addForm(requirementId, signal, load) : null);
}
