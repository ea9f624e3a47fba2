// The form for one person: adding someone (People & contractors) and changing
// someone (the person's page). Name, reading, category, unit, and — for the
// staff of a related body (関係機関職員) or a contractor (外部要員) — which body
// or contractor, offered only with that category (the server requires it then
// and refuses it otherwise).
//
// Adding POSTs /api/v1/persons; changing PATCHes /api/v1/persons/{id} with
// If-Match (the version the form was filled from) and only the fields that
// changed. Every refusal is shown where it belongs: a field's under the field,
// a stale version (412) as "changed by someone else" with a button to load the
// person again, anything else above the buttons. Exports personForm().

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { request, ifMatch, ApiError } from '../api.js';
import {
  field, clearFieldErrors, showFieldErrors, requestError,
} from '../forms.js';
import { CATEGORIES, unitTree } from '../people-data.js';
import { unitName } from './people-import.js';

const LINKS = [
  { category: 'related_body', name: 'related_body_id', label: 'person.form.related_body', none: 'person.form.no_related_bodies' },
  { category: 'contractor', name: 'contractor_id', label: 'person.form.contractor', none: 'person.form.no_contractors' },
];

function select(name, options, selected) {
  return h('select', { name, class: 'input' },
    options.map(([value, label]) => h('option', { value, selected: String(value) === String(selected ?? '') }, label)));
}

/** Options for a related body or contractor: the active ones, and the person's own even if it has closed. */
function partnerOptions(partners, current) {
  const list = (partners ?? []).filter((p) => p.active !== false || p.id === current);
  return [['', t('person.form.choose')], ...list.map((p) => [p.id, p.active === false ? t('person.form.closed', { name: p.name }) : p.name])];
}

/**
 * { prefix, person (null to add someone), units: the units the editor may put people
 *   in, relatedBodies, contractors (null when unknown), onSaved(person), onStale(),
 *   onSubmit() (optional: the form is being sent; the page clears its older news) }
 * Returns { node, focus() }.
 */
export function personForm({
  prefix, person, units, relatedBodies, contractors, onSaved, onStale, onSubmit, signal,
}) {
  const editing = Boolean(person);
  const name = h('input', { name: 'name', type: 'text', class: 'input', autocomplete: 'off', value: person?.name ?? '' });
  const kana = h('input', { name: 'name_kana', type: 'text', class: 'input', autocomplete: 'off', value: person?.name_kana ?? '' });
  const category = select('category', [
    ...(editing ? [] : [['', t('person.form.choose')]]),
    ...CATEGORIES.map((c) => [c, t(`people.category.${c}`)]),
  ], person?.category);
  const unitList = unitTree(units ?? []);
  if (editing && !unitList.some(({ unit }) => unit.id === person.org_unit_id)) {
    unitList.unshift({ unit: { id: person.org_unit_id, name_ja: person.org_unit }, depth: 0 });
  }
  const unit = select('org_unit_id', [
    ...(editing ? [] : [['', t('person.form.choose')]]),
    ...unitList.map(({ unit: u, depth }) => [u.id, `${'\u3000'.repeat(depth)}${unitName(u)}${u.code ? ` (${u.code})` : ''}`]),
  ], person?.org_unit_id);

  const links = LINKS.map((link) => {
    const partners = link.category === 'related_body' ? relatedBodies : contractors;
    const current = person?.[link.name] ?? null;
    const control = select(link.name, partnerOptions(partners, current), current);
    const empty = partners && partners.every((p) => p.active === false && p.id !== current);
    const wrap = field({
      id: `${prefix}-${link.name.replace(/_/g, '-')}`,
      label: t(link.label),
      control,
      hint: empty ? t(link.none) : null,
    });
    return { ...link, control, wrap };
  });
  const showLinks = () => {
    for (const link of links) link.wrap.hidden = category.value !== link.category;
  };
  category.addEventListener('change', showLinks);
  showLinks();

  const alert = h('div', { class: 'form-error', role: 'alert', id: `${prefix}-error` });
  const status = h('p', { class: 'status', role: 'status', id: `${prefix}-status` });
  const submit = h('button', { type: 'submit', class: 'button button-primary', id: `${prefix}-submit` },
    t(editing ? 'person.form.save' : 'person.form.add'));

  /** The body to send: everything when adding, what changed when changing. */
  function body() {
    const out = {};
    const put = (key, value, before) => {
      if (!editing || String(value) !== String(before ?? '')) out[key] = value;
    };
    put('name', name.value.trim(), person?.name);
    const kanaValue = kana.value.trim();
    if (editing) put('name_kana', kanaValue, person.name_kana);
    else if (kanaValue) out.name_kana = kanaValue;
    if (category.value) put('category', category.value, person?.category);
    if (unit.value) put('org_unit_id', Number(unit.value), person?.org_unit_id);
    for (const link of links) {
      if (category.value !== link.category || !link.control.value) continue;
      put(link.name, Number(link.control.value), person?.[link.name]);
    }
    return out;
  }

  let busy = false;
  const form = h('form', {
    class: 'person-form', id: prefix, novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      if (busy) return;
      clearFieldErrors(form);
      alert.textContent = '';
      status.textContent = '';
      onSubmit?.();
      const payload = body();
      if (editing && Object.keys(payload).length === 0) {
        status.textContent = t('person.form.unchanged');
        return;
      }
      busy = true;
      submit.disabled = true;
      status.textContent = t('person.form.saving');
      try {
        const saved = editing
          ? await request('PATCH', `api/v1/persons/${person.id}`, { body: payload, headers: ifMatch(person.version), signal })
          : await request('POST', 'api/v1/persons', { body: payload, signal });
        status.textContent = '';
        onSaved(saved);
      } catch (err) {
        if (err?.name === 'AbortError') return;
        status.textContent = '';
        if (err instanceof ApiError && err.status === 422 && err.fields?.length) {
          const rest = showFieldErrors(form, err);
          alert.textContent = rest.length ? `${t('form.error.invalid')} ${rest.join(' ')}` : t('form.error.invalid');
        } else if (err instanceof ApiError && err.status === 412) {
          alert.textContent = '';
          alert.append(
            h('span', null, t('person.form.stale')), ' ',
            h('button', { type: 'button', class: 'button button-small button-secondary', id: `${prefix}-reload`, onclick: onStale },
              t('person.form.reload')));
          alert.querySelector('button').focus();
        } else {
          alert.textContent = requestError(err);
        }
      } finally {
        busy = false;
        submit.disabled = false;
      }
    },
  },
  field({ id: `${prefix}-name`, label: t('person.form.name'), control: name, hint: t('person.form.name_hint') }),
  field({ id: `${prefix}-kana`, label: t('person.form.kana'), control: kana, hint: t('person.form.kana_hint') }),
  field({ id: `${prefix}-category`, label: t('person.form.category'), control: category }),
  links.map((l) => l.wrap),
  field({ id: `${prefix}-unit`, label: t('person.form.unit'), control: unit, hint: t('person.form.unit_hint') }),
  alert,
  h('div', { class: 'actions' }, submit, status));
  return { node: form, focus: () => name.focus() };
}
