// Writing and revising a procedure (#/procedures/new, #/procedures/{id}/edit), for its
// keepers (procedure.manage in the owner unit): code, titles, owner unit, status, the
// requirements it carries out, and the body in Markdown with a preview the server
// renders (POST /api/v1/markdown/preview: the same renderer as the saved text). A
// revision is sent with If-Match, so a change made meanwhile is never overwritten.
// Exports render().

import { h, clear, serverHtml } from '../dom.js';
import { t } from '../i18n.js';
import { get, request, ifMatch } from '../api.js';
import { field, clearFieldErrors, showFieldErrors, requestError } from '../forms.js';
import { label } from '../catalog-data.js';
import { STATUSES } from './procedures.js';

export function render(ctx) {
  const { match, signal, navigate } = ctx;
  const id = match[1] === 'new' ? null : match[1];
  const title = t(id ? 'procedures.form.edit' : 'procedures.form.new');
  const status = h('p', { class: 'status', role: 'status' }, t('assets.loading'));
  const body = h('div');
  const node = h('div', { class: 'page', id: 'procedure-form-page' },
    h('p', null, h('a', { href: id ? `#/procedures/${id}` : '#/procedures' }, t('procedures.back'))),
    h('h1', { tabindex: '-1' }, title), status, body);
  Promise.all([
    id ? get(`api/v1/procedures/${id}`, null, { signal }) : Promise.resolve(null),
    get('api/v1/org-units', null, { signal }).then((d) => d.items),
    get('api/v1/requirements', { limit: 500 }, { signal }).then((d) => d.items.filter((r) => r.children === 0)),
  ]).then(([p, units, reqs]) => {
    status.textContent = '';
    clear(body);
    const linked = new Set((p?.requirements_linked ?? []).map((r) => r.id));
    const code = h('input', { name: 'code', required: true, maxlength: 40, value: p?.code ?? '' });
    const titleJa = h('input', { name: 'title_ja', required: true, maxlength: 200, value: p?.title_ja ?? '' });
    const titleEn = h('input', { name: 'title_en', maxlength: 200, value: p?.title_en ?? '' });
    const unit = h('select', { name: 'owner_unit_id', required: true },
      h('option', { value: '' }, '—'),
      units.map((u) => h('option', { value: String(u.id), selected: p?.owner_unit.id === u.id }, label(u.name_ja, u.name_en))));
    const state = h('select', { name: 'status' },
      STATUSES.map((s) => h('option', { value: s, selected: (p?.status ?? 'draft') === s }, t(`procedures.status.${s}`))));
    const reqSelect = h('select', { name: 'requirement_ids', multiple: true, size: 8 },
      reqs.map((r) => h('option', { value: String(r.id), selected: linked.has(r.id) }, `${r.code} ${label(r.title_ja, r.title_en)}`)));
    const text = h('textarea', { name: 'body', rows: 16, maxlength: 200000, lang: 'ja' }, p?.body ?? '');
    const preview = h('div', { id: 'procedure-preview', class: 'card', 'aria-live': 'polite' });
    const message = h('p', { class: 'form-message', role: 'alert', id: 'procedure-form-message' });
    const showPreview = () => request('POST', 'api/v1/markdown/preview', { body: { text: text.value }, signal })
      .then(({ html }) => { clear(preview); preview.append(h('h2', null, t('procedures.preview')), serverHtml(html, { class: 'markdown', lang: 'ja' })); })
      .catch((err) => { if (err?.name !== 'AbortError') message.textContent = requestError(err); });
    const form = h('form', { id: 'procedure-form', novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      clearFieldErrors(form);
      message.textContent = '';
      const data = {
        code: code.value.trim(), title_ja: titleJa.value.trim(), title_en: titleEn.value.trim(),
        owner_unit_id: unit.value ? Number(unit.value) : null, status: state.value, body: text.value,
        requirement_ids: [...reqSelect.selectedOptions].map((o) => Number(o.value)),
      };
      if (!id && !data.title_en) delete data.title_en;
      if (data.owner_unit_id === null) delete data.owner_unit_id;
      try {
        const saved = id
          ? await request('PATCH', `api/v1/procedures/${id}`, { body: data, headers: ifMatch(p.version) })
          : await request('POST', 'api/v1/procedures', { body: data });
        navigate(`/procedures/${saved.id}`);
      } catch (err) {
        if (err?.name === 'AbortError') return;
        const rest = showFieldErrors(form, err);
        message.textContent = [requestError(err), ...rest].join(' ');
      }
    } },
    field({ id: 'procedure-code', label: t('procedures.field.code'), control: code, hint: t('procedures.hint.code') }),
    field({ id: 'procedure-title-ja', label: t('procedures.field.title_ja'), control: titleJa }),
    field({ id: 'procedure-title-en', label: t('procedures.field.title_en'), control: titleEn }),
    field({ id: 'procedure-unit', label: t('procedures.field.unit'), control: unit }),
    field({ id: 'procedure-status', label: t('procedures.field.status'), control: state }),
    field({ id: 'procedure-requirements', label: t('procedures.field.requirements'), control: reqSelect, hint: t('procedures.hint.requirements') }),
    field({ id: 'procedure-body-input', label: t('procedures.field.body'), control: text, hint: t('procedures.hint.body') }),
    h('p', { class: 'actions' },
      h('button', { type: 'button', class: 'button button-quiet', id: 'procedure-preview-button', onclick: showPreview }, t('procedures.preview')),
      ' ', h('button', { type: 'submit', class: 'button', id: 'procedure-save' }, t('procedures.save'))),
    message);
    body.append(form, preview);
    node.dataset.ready = 'true';
  }).catch((err) => {
    if (err?.name === 'AbortError') return;
    status.textContent = requestError(err);
    node.dataset.ready = 'true';
  });
  return { title, node };
}
