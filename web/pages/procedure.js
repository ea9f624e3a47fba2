// One procedure (#/procedures/{id}, 実施手順): its body as the server rendered it, the
// requirements it carries out, its versions (an older one at ?version=N) and the notice
// that it is not public and that reading it is on record (第11条) — opening this page is
// itself a procedure.read event. Keepers (can_manage) get a link to the edit form.
// Exports render().

import { h, clear, serverHtml } from '../dom.js';
import { t } from '../i18n.js';
import { get, ApiError } from '../api.js';
import { requestError } from '../forms.js';
import { formatDateTime } from '../time.js';
import { label } from '../catalog-data.js';

function section(id, titleKey, ...children) {
  return h('section', { class: 'card', id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, t(titleKey)), ...children);
}

export function render(ctx) {
  const { match, signal, lang, params } = ctx;
  const id = match[1];
  const version = params.get('version');
  const title = t('procedures.page.title');
  const status = h('p', { class: 'status', role: 'status' }, t('assets.loading'));
  const body = h('div');
  const node = h('div', { class: 'page', id: 'procedure-page' },
    h('p', null, h('a', { href: '#/procedures' }, t('procedures.back'))),
    h('p', { class: 'notice', id: 'procedure-notice', role: 'note' }, t('procedures.recorded')),
    status, body);
  get(`api/v1/procedures/${id}`, version ? { version } : null, { signal }).then((p) => {
    status.textContent = '';
    clear(body);
    const old = p.read_version !== p.version;
    body.append(
      h('h1', { tabindex: '-1', id: 'procedure-title' }, h('code', null, p.code), ' ', label(p.title_ja, p.title_en)),
      h('p', { id: 'procedure-meta' },
        h('span', { class: `badge procedure-${p.status}` }, t(`procedures.status.${p.status}`)), ' ',
        t('procedures.meta', { unit: label(p.owner_unit.name_ja, p.owner_unit.name_en), version: p.read_version })),
      old ? h('p', { class: 'notice', id: 'procedure-old' }, t('procedures.old_version', { version: p.read_version, current: p.version }),
        ' ', h('a', { href: `#/procedures/${p.id}` }, t('procedures.current'))) : null,
      p.can_manage && !old ? h('p', null, h('a', { class: 'button', href: `#/procedures/${p.id}/edit`, id: 'procedure-edit' }, t('procedures.edit'))) : null,
      p.body ? serverHtml(p.body_html, { class: 'procedure-body markdown', id: 'procedure-body', lang: 'ja' })
        : h('p', { class: 'hint', id: 'procedure-body' }, t('common.none')),
      section('procedure-requirements', 'procedures.requirements',
        p.requirements_linked.length ? h('ul', null, p.requirements_linked.map((r) => h('li', null,
          h('a', { href: `#/requirements/${r.id}` }, h('code', null, r.code), ' ', label(r.title_ja, r.title_en)))))
          : h('p', { class: 'hint' }, t('common.none'))),
      section('procedure-versions', 'procedures.versions',
        h('table', { class: 'table', id: 'procedure-versions-table' },
          h('thead', null, h('tr', null, ['version', 'when', 'who', 'status'].map((c) => h('th', { scope: 'col' }, t(`procedures.vcol.${c}`))))),
          h('tbody', null, p.versions.map((v) => h('tr', { dataset: { version: String(v.version) } },
            h('td', null, v.version === p.read_version ? String(v.version)
              : h('a', { href: `#/procedures/${p.id}?version=${v.version}` }, String(v.version))),
            h('td', { class: 'nowrap' }, formatDateTime(v.changed_at, lang)),
            h('td', null, v.changed_by_name ?? '—'),
            h('td', null, t(`procedures.status.${v.status}`))))))));
    node.dataset.ready = 'true';
  }).catch((err) => {
    if (err?.name === 'AbortError') return;
    status.textContent = err instanceof ApiError && err.status === 404 ? t('procedures.missing') : requestError(err);
    node.dataset.ready = 'true';
  });
  return { title, node };
}
