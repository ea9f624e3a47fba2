// The form for one asset: registering (POST /api/v1/assets) and changing (PATCH
// /api/v1/assets/{id} with If-Match, only the fields that changed). Kind, name,
// description, owner unit (those where the person may register), manager, location,
// segment, format, personal data and マイナンバー, retention, disposal method, the three
// classes (of the scheme in force, each with its definition as a hint) and the reason
// for them. Every refusal is shown where it belongs: a field's under the field (a rule's
// message names the rule and the path), a stale version as "changed by someone else".
// Exports assetForm().

import { h } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { request, ifMatch, ApiError } from '../api.js';
import { field, showFieldErrors, requestError } from '../forms.js';
import { KINDS, SEGMENTS, FORMATS } from '../asset-data.js';
import { unitTree } from '../people-data.js';
import { unitName } from './people-import.js';

function select(name, options, selected) {
  return h('select', { name, class: 'input' },
    options.map(([value, label]) => h('option', { value: String(value), selected: String(value) === String(selected ?? '') }, label)));
}

const TEXTS = [['name', 200], ['location', 200], ['retention', 100], ['disposal_method', 200]];

/**
 * { prefix, asset (null to register), units (where the person may register), people
 *   (for the manager; may be empty), scheme (GET /api/v1/classification), onSaved(asset) }
 * Returns { node, focus() }.
 */
export function assetForm({ prefix, asset, units, people, scheme, onSaved, onCancel }) {
  const editing = Boolean(asset);
  const lang = getLang();
  const choose = [['', t('assets.form.choose')]];
  const c = {
    kind: select('kind', [...(editing ? [] : choose), ...KINDS.map((k) => [k, t(`assets.kind.${k}`)])], asset?.kind),
    description: h('textarea', { name: 'description', class: 'input', rows: '3' }, asset?.description ?? ''),
    segment: select('segment', [...(editing ? [] : choose), ...SEGMENTS.map((s) => [s, t(`assets.segment.${s}`)])], asset?.segment),
    format: select('format', FORMATS.map((f) => [f, t(`assets.format.${f}`)]), asset?.format ?? 'electronic'),
    class_reason: h('textarea', { name: 'class_reason', class: 'input', rows: '2' }, asset?.class_reason ?? ''),
  };
  for (const [name, max] of TEXTS) {
    c[name] = h('input', { name, type: 'text', class: 'input', maxlength: String(max), autocomplete: 'off', value: asset?.[name] ?? '' });
  }
  const unitList = unitTree(units ?? []);
  if (editing && !unitList.some(({ unit }) => unit.id === asset.owner_unit_id)) {
    unitList.unshift({ unit: { id: asset.owner_unit_id, name_ja: asset.owner_unit }, depth: 0 });
  }
  c.owner_unit_id = select('owner_unit_id', [...(editing ? [] : choose),
    ...unitList.map(({ unit: u, depth }) => [u.id, `${'\u3000'.repeat(depth)}${unitName(u)}`])], asset?.owner_unit_id);
  const managers = (people ?? []).filter((p) => p.active !== false || p.id === asset?.manager_id);
  if (asset?.manager_id && !managers.some((p) => p.id === asset.manager_id)) managers.unshift({ id: asset.manager_id, name: asset.manager });
  c.manager_id = select('manager_id', [['', t('assets.form.no_manager')], ...managers.map((p) => [p.id, p.name])], asset?.manager_id);
  c.personal_data = h('input', { name: 'personal_data', type: 'checkbox', checked: Boolean(asset?.personal_data) });
  c.mynumber = h('input', { name: 'mynumber', type: 'checkbox', checked: Boolean(asset?.mynumber) });
  const classHints = {};
  for (const axis of ['C', 'I', 'A']) {
    const key = `${axis.toLowerCase()}_class_id`;
    const list = (scheme?.classes ?? []).filter((k) => k.axis === axis);
    c[key] = select(key, [...(editing ? [] : choose), ...list.map((k) => [k.id, `${k.label} ${lang === 'en' ? k.name_en : k.name_ja}`])],
      asset?.[key]);
    classHints[key] = h('p', { class: 'hint class-hint', id: `${prefix}-${key}-definition` });
    const show = () => {
      const k = list.find((x) => String(x.id) === c[key].value);
      classHints[key].textContent = k ? (lang === 'en' && k.definition_en ? k.definition_en : k.definition_ja) : '';
    };
    c[key].addEventListener('change', show);
    show();
  }

  const message = h('p', { class: 'form-message', role: 'alert', id: `${prefix}-message` });
  const warnings = h('ul', { class: 'form-warnings', id: `${prefix}-warnings` });
  const save = h('button', { type: 'submit', class: 'button button-primary', id: `${prefix}-save` },
    t(editing ? 'assets.form.save' : 'assets.form.register'));

  const value = (name) => {
    const el = c[name];
    if (el.type === 'checkbox') return el.checked;
    if (['owner_unit_id', 'manager_id', 'c_class_id', 'i_class_id', 'a_class_id'].includes(name)) return el.value ? Number(el.value) : null;
    return el.value;
  };
  const original = (name) => {
    const v = asset?.[name];
    if (['personal_data', 'mynumber'].includes(name)) return Boolean(v);
    if (['owner_unit_id', 'manager_id', 'c_class_id', 'i_class_id', 'a_class_id'].includes(name)) return v ?? null;
    return v ?? '';
  };
  const names = Object.keys(c);

  const form = h('form', {
    class: 'card asset-form', id: prefix, novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      const body = {};
      for (const name of names) {
        const v = value(name);
        if (editing ? v !== original(name) : (v !== '' && v !== null)) body[name] = v;
      }
      if (editing && !Object.keys(body).length) { onCancel?.(); return; }
      save.disabled = true;
      message.textContent = '';
      try {
        const saved = editing
          ? await request('PATCH', `api/v1/assets/${asset.id}`, { body, headers: ifMatch(asset.version) })
          : await request('POST', 'api/v1/assets', { body });
        onSaved(saved);
      } catch (err) {
        save.disabled = false;
        if (err instanceof ApiError && err.status === 422) {
          const rest = showFieldErrors(form, err);
          message.textContent = rest.length ? rest.join(' ') : t('form.error.invalid');
        } else {
          message.textContent = err instanceof ApiError && err.status === 412 ? t('assets.form.stale') : requestError(err);
        }
      }
    },
  },
  h('h2', null, t(editing ? 'assets.form.edit_title' : 'assets.form.new_title')),
  field({ id: `${prefix}-kind`, label: t('assets.field.kind'), control: c.kind }),
  field({ id: `${prefix}-name`, label: t('assets.field.name'), control: c.name }),
  field({ id: `${prefix}-description`, label: t('assets.field.description'), control: c.description }),
  field({ id: `${prefix}-unit`, label: t('assets.field.owner_unit'), control: c.owner_unit_id }),
  field({ id: `${prefix}-manager`, label: t('assets.field.manager'), control: c.manager_id }),
  field({ id: `${prefix}-location`, label: t('assets.field.location'), control: c.location }),
  field({ id: `${prefix}-segment`, label: t('assets.field.segment'), control: c.segment, hint: t('assets.form.segment_hint') }),
  field({ id: `${prefix}-format`, label: t('assets.field.format'), control: c.format }),
  h('div', { class: 'field field-check' }, h('div', { class: 'radio' }, c.personal_data,
    h('label', { for: `${prefix}-personal` }, t('assets.field.personal_data')))),
  h('div', { class: 'field field-check' }, h('div', { class: 'radio' }, c.mynumber,
    h('label', { for: `${prefix}-mynumber` }, t('assets.field.mynumber'))), h('p', { class: 'field-error', id: `${prefix}-mynumber-error` })),
  field({ id: `${prefix}-retention`, label: t('assets.field.retention'), control: c.retention, hint: t('assets.form.retention_hint') }),
  field({ id: `${prefix}-disposal`, label: t('assets.field.disposal_method'), control: c.disposal_method }),
  ['c_class_id', 'i_class_id', 'a_class_id'].map((key) => h('div', null,
    field({ id: `${prefix}-${key}`, label: t(`assets.field.${key}`), control: c[key] }), classHints[key])),
  field({ id: `${prefix}-reason`, label: t('assets.field.class_reason'), control: c.class_reason, hint: t('assets.form.reason_hint') }),
  message, warnings,
  h('div', { class: 'actions' }, save,
    onCancel ? h('button', { type: 'button', class: 'button button-secondary', onclick: onCancel }, t('form.cancel')) : null));
  c.personal_data.id = `${prefix}-personal`;
  c.personal_data.dataset.field = 'personal_data';
  c.mynumber.id = `${prefix}-mynumber`;
  c.mynumber.dataset.field = 'mynumber';
  return { node: form, focus: () => (editing ? c.name : c.kind).focus() };
}
