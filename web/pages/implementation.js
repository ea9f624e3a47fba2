// One implementation record (#/implementations/{id}; issue 6 point 4): how a
// requirement is carried out for an asset or a unit, as GET /api/v1/implementations/{id}
// gives it (404 for one of an asset the reader may not see, exactly as for none).
//
// - The requirement (a link to its page), the asset (a link) or the unit, the status
//   with its reason, the owner, the due date (和暦 in Japanese), the note, the last change.
// - Its evidence files: name (a download through GET /api/v1/evidence/{id}), type, size,
//   who added it and when.
// - Its history: every version, who changed what when (the fields that changed, or the
//   evidence file added).
// - When the record says the reader may change it (writable: implementation.write in
//   its unit, and not 適用除外): a form for status, reason, owner, due date and note
//   (PATCH with If-Match; a stale version says so and offers the latest), and the upload
//   of an evidence file (POST …/evidence with the file as the body and If-Match; a size
//   over the limit or a refused type is shown in the server's words).
// Exports render().

import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { get, request, ifMatch, ApiError } from '../api.js';
import { field, showFieldErrors, clearFieldErrors, fieldText, requestError } from '../forms.js';
import { formatDateTime, formatDay } from '../time.js';
import { label } from '../catalog-data.js';
import { IMPL_STATUSES, statusBadge } from './implementation-control.js';

/** 645 → "645 B", 2048 → "2.0 KB", in the units everyone reads alike. */
export function formatSize(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

function section(id, titleKey, ...children) {
  return h('section', { class: 'card', id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, t(titleKey)), ...children);
}

function details(im, lang) {
  const row = (key, ...value) => h('div', { class: 'detail-row', dataset: { field: key } },
    h('dt', null, t(`implementation.field.${key}`)), h('dd', null, ...value));
  const none = t('common.none');
  return h('dl', { class: 'details', id: 'implementation-details' },
    row('requirement', h('a', { href: `#/requirements/${im.requirement_id}`, id: 'implementation-requirement' },
      h('code', null, im.requirement_code), ' ', label(im.requirement_title_ja, im.requirement_title_en))),
    im.asset_id
      ? row('asset', h('a', { href: `#/assets/${im.asset_id}`, id: 'implementation-asset', lang: 'ja' }, im.asset_name))
      : null,
    row('unit', h('span', { id: 'implementation-unit' }, label(im.unit_name_ja, im.unit_name_en))),
    row('status', h('span', { id: 'implementation-status' }, statusBadge(im.status))),
    im.reason ? row('reason', h('span', { lang: 'ja', id: 'implementation-reason' }, im.reason)) : null,
    row('owner', h('span', { lang: 'ja', id: 'implementation-owner' }, im.owner_name ?? none)),
    row('due_on', h('span', { id: 'implementation-due', dataset: { date: im.due_on ?? '' } },
      im.due_on ? formatDay(im.due_on, lang) : none)),
    row('note', h('span', { lang: 'ja', id: 'implementation-note' }, im.note ?? none)),
    row('updated', formatDateTime(im.updated_at, lang), ' ', `(${im.updated_by ?? t('implementation.system')})`),
    row('version', h('span', { id: 'implementation-version' }, String(im.version))));
}

const COMPARED = [['status', 'status'], ['reason', 'reason'], ['owner_name', 'owner'], ['due_on', 'due_on'], ['note', 'note']];

/** What made version v (older: the version before it, or undefined): the record made, an
 * evidence file added, or the fields that changed. */
function changeText(v, older) {
  if (v.change === 'create' || (!v.change && !older)) return t('implementation.history.created');
  if (v.change === 'evidence') return t('implementation.history.evidence', { name: v.file_name ?? '' });
  const changed = older ? COMPARED.filter(([k]) => (v[k] ?? null) !== (older[k] ?? null)) : [];
  if (changed.length) return changed.map(([, key]) => t(`implementation.field.${key}`)).join(t('implementation.history.and'));
  // A version from before the kind was kept that changed no field added evidence.
  return v.change === 'update' ? t('implementation.history.no_change') : t('common.none');
}

function historySection(im, lang) {
  const cols = ['version', 'when', 'who', 'change', 'status', 'reason', 'owner', 'due_on', 'note'];
  return section('implementation-history', 'implementation.history.title',
    h('div', { class: 'table-scroll' }, h('table', { class: 'table', id: 'implementation-history-table' },
      h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, t(`implementation.history.${c}`))))),
      h('tbody', null, im.history.map((v, i) => h('tr', { dataset: { version: String(v.version), change: v.change ?? '' } },
        h('td', null, String(v.version)),
        h('td', { class: 'nowrap' }, formatDateTime(v.changed_at, lang)),
        h('td', { lang: 'ja' }, v.changed_by ?? t('implementation.system')),
        h('td', { class: 'history-change' }, changeText(v, im.history[i + 1])),
        h('td', null, statusBadge(v.status)),
        h('td', { lang: 'ja' }, v.reason ?? ''),
        h('td', { lang: 'ja' }, v.owner_name ?? ''),
        h('td', { class: 'nowrap' }, v.due_on ? formatDay(v.due_on, lang) : ''),
        h('td', { lang: 'ja' }, v.note ?? '')))))));
}

/** A stale version: said, with a button that loads the latest (nothing is overwritten). */
function staleNotice(reload) {
  return h('span', null, t('implementation.edit.stale'), ' ',
    h('button', { type: 'button', class: 'button button-small button-secondary', id: 'implementation-reload', onclick: reload },
      t('implementation.edit.reload')));
}

function evidenceSection(im, lang, { onAdded, reload }) {
  const list = im.evidence.length
    ? h('div', { class: 'table-scroll' }, h('table', { class: 'table', id: 'evidence-table' },
      h('thead', null, h('tr', null, ['name', 'type', 'size', 'added_by', 'added_at']
        .map((c) => h('th', { scope: 'col' }, t(`implementation.evidence.${c}`))))),
      h('tbody', null, im.evidence.map((f) => h('tr', { dataset: { fileId: String(f.file_id) } },
        h('td', { lang: 'ja' }, h('a', { href: `api/v1/evidence/${f.file_id}`, download: f.name, class: 'evidence-download' }, f.name)),
        h('td', null, h('code', null, f.content_type)),
        h('td', { class: 'num', dataset: { bytes: String(f.size) } }, formatSize(f.size)),
        h('td', { lang: 'ja' }, f.added_by ?? t('implementation.system')),
        h('td', { class: 'nowrap' }, formatDateTime(f.added_at, lang)))))))
    : h('p', { class: 'hint', id: 'evidence-none' }, t('implementation.evidence.none'));
  const card = section('implementation-evidence', 'implementation.evidence.title', list);
  if (!im.writable) return card;
  const input = h('input', { type: 'file', name: 'file', class: 'input input-file' });
  const message = h('p', { class: 'form-message', role: 'alert', id: 'evidence-message' });
  const submit = h('button', { type: 'submit', class: 'button button-secondary', id: 'evidence-upload' }, t('implementation.evidence.upload'));
  const form = h('form', {
    class: 'evidence-form', id: 'evidence-form', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      clear(message);
      const file = input.files?.[0];
      if (!file) {
        message.textContent = t('implementation.evidence.choose');
        input.focus();
        return;
      }
      submit.disabled = true;
      try {
        await request('POST', `api/v1/implementations/${im.id}/evidence`, {
          file, contentType: file.type || 'application/octet-stream', query: { name: file.name }, headers: ifMatch(im.version),
        });
        onAdded(file.name);
      } catch (err) {
        submit.disabled = false;
        if (err instanceof ApiError && err.status === 412) message.append(staleNotice(reload));
        else if (err instanceof ApiError && err.fields?.length) {
          message.textContent = err.fields.map((f) => `${f.field}: ${fieldText(f)}`).join(' ');
        } else if (err instanceof ApiError && (err.status === 413 || err.status === 422)) {
          // The server's own words: its size limit, or the type it found and refused.
          message.textContent = t('implementation.evidence.refused', { message: err.message });
        } else message.textContent = requestError(err);
      }
    },
  },
  h('h3', null, t('implementation.evidence.upload_title')),
  field({ id: 'evidence-file', label: t('implementation.evidence.file'), control: input, hint: t('implementation.evidence.hint') }),
  message,
  h('div', { class: 'actions' }, submit));
  card.append(form);
  return card;
}

function editForm(im, people, { onSaved, reload }) {
  const status = h('select', { name: 'status', class: 'input' },
    IMPL_STATUSES.map((s) => h('option', { value: s, selected: s === im.status }, t(`implementation.status.${s}`))));
  const reason = h('input', { name: 'reason', type: 'text', class: 'input', maxlength: 2000, value: im.reason ?? '' });
  const due = h('input', { name: 'due_on', type: 'date', class: 'input input-date', value: im.due_on ?? '' });
  const note = h('textarea', { name: 'note', class: 'input', rows: 3, maxlength: 4000 });
  note.value = im.note ?? '';
  // The owner: among the people the reader may see (person.read); the current owner
  // stays offered even when not among them. Without the list the owner is left as it is.
  let owner = null;
  if (people) {
    const options = [h('option', { value: '' }, t('implementation.no_owner'))];
    if (im.owner_id && !people.some((p) => p.id === im.owner_id)) {
      options.push(h('option', { value: String(im.owner_id), selected: true }, im.owner_name ?? `#${im.owner_id}`));
    }
    for (const p of people) options.push(h('option', { value: String(p.id), selected: p.id === im.owner_id }, p.name));
    owner = h('select', { name: 'owner_id', class: 'input' }, options);
  }
  const reasonField = field({ id: 'implementation-edit-reason', label: t('implementation.field.reason'), control: reason,
    hint: t('implementation.edit.reason_hint') });
  const syncReason = () => { reasonField.hidden = status.value !== 'not_applicable' && !reason.value; };
  status.addEventListener('change', syncReason);
  syncReason();
  const message = h('p', { class: 'form-message', role: 'alert', id: 'implementation-edit-message' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', id: 'implementation-save' }, t('implementation.edit.submit'));
  const form = h('form', {
    class: 'card', id: 'implementation-form', novalidate: true, 'aria-labelledby': 'implementation-form-title',
    onsubmit: async (e) => {
      e.preventDefault();
      clear(message);
      clearFieldErrors(form);
      const body = { status: status.value, reason: reason.value, due_on: due.value || null, note: note.value };
      if (owner) body.owner_id = owner.value ? Number(owner.value) : null;
      submit.disabled = true;
      try {
        await request('PATCH', `api/v1/implementations/${im.id}`, { body, headers: ifMatch(im.version) });
        onSaved();
      } catch (err) {
        submit.disabled = false;
        if (err instanceof ApiError && err.status === 412) message.append(staleNotice(reload));
        else if (err instanceof ApiError && err.status === 422) {
          const rest = showFieldErrors(form, err);
          message.textContent = rest.length ? rest.join(' ') : t('form.error.invalid');
        } else message.textContent = requestError(err);
      }
    },
  },
  h('h2', { id: 'implementation-form-title' }, t('implementation.edit.title')),
  field({ id: 'implementation-edit-status', label: t('implementation.field.status'), control: status }),
  reasonField,
  owner ? field({ id: 'implementation-edit-owner', label: t('implementation.field.owner'), control: owner }) : null,
  field({ id: 'implementation-edit-due', label: t('implementation.field.due_on'), control: due }),
  field({ id: 'implementation-edit-note', label: t('implementation.field.note'), control: note }),
  message,
  h('div', { class: 'actions' }, submit));
  return form;
}

export function render(ctx) {
  const { match, signal, lang, session } = ctx;
  const id = Number(match[1]);
  const title = t('implementation.page.title');
  const status = h('p', { class: 'status', role: 'status', id: 'implementation-notice' }, t('assets.loading'));
  const body = h('div', { id: 'implementation-body' });
  const node = h('div', { class: 'page page-wide', id: 'implementation-page' }, status, body);
  const mayReadPeople = (session.permissions ?? []).includes('person.read');

  const load = async (notice = '') => {
    node.dataset.ready = 'false';
    const im = await get(`api/v1/implementations/${id}`, null, { signal });
    const people = im.writable && mayReadPeople
      ? await get('api/v1/persons', { limit: 500 }, { signal }).then((d) => d.items).catch(() => null)
      : null;
    clear(body);
    status.textContent = notice;
    const heading = h('h1', { tabindex: '-1' }, h('code', null, im.requirement_code), ' ',
      label(im.requirement_title_ja, im.requirement_title_en));
    const reload = () => load(t('implementation.edit.reloaded')).then(() => heading.focus()).catch(failed);
    body.append(...[
      h('p', null, im.asset_id
        ? h('a', { href: `#/assets/${im.asset_id}` }, t('implementation.page.back_asset'))
        : h('a', { href: `#/requirements/${im.requirement_id}` }, t('implementation.page.back_requirement'))),
      heading,
      h('p', { class: 'hint', id: 'implementation-subject' }, im.asset_id
        ? t('implementation.page.of_asset', { name: im.asset_name })
        : t('implementation.page.of_unit', { unit: label(im.unit_name_ja, im.unit_name_en) })),
      details(im, lang),
      im.status === 'excepted' ? h('p', { class: 'notice' }, t('implementation.edit.excepted')) : null,
      im.writable ? editForm(im, people, { onSaved: () => load(t('implementation.edit.saved')).catch(failed), reload }) : null,
      evidenceSection(im, lang, {
        onAdded: (name) => load(t('implementation.evidence.added', { name })).catch(failed), reload,
      }),
      historySection(im, lang),
    ].filter(Boolean));
    node.dataset.ready = 'true';
  };
  const failed = (err) => {
    if (err?.name === 'AbortError') return;
    status.textContent = err instanceof ApiError && err.status === 404 ? t('implementation.page.missing') : requestError(err);
    node.dataset.ready = 'true';
  };
  load().catch(failed);
  return { title, node };
}
