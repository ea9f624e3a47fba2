// Reorganisations (#/reorganisations): the plans that change the units, usually
// on April 1st (DESIGN §5).
//
// - The list (GET /api/v1/reorganisations): date, title, state; the state filter
//   is in the route (?state=) and "more" follows next_cursor. Holders of
//   org.manage see every plan and start new ones (title and date, then the
//   plan's page); others with person.read see the scheduled and applied plans
//   that touch their units.
// - One plan (?id=N, GET /api/v1/reorganisations/{id}): its operations in words,
//   what is wrong with it now (the server's problems, each under its operation),
//   what applying did; for planners, while it is a draft, a form to add an
//   operation (selects of units — including those the plan itself creates — and
//   of people), remove one, change the title or date, and the actions its state
//   allows: schedule, back to draft, cancel, apply (on or after its date).
//   Every change is sent with If-Match, the version the page shows.
// Exports render().

import { h, clear } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { get, request, ApiError } from '../api.js';
import { todayInZone } from '../time.js';
import {
  OP_KINDS, STATES, dateText, nextAprilFirst, unitChoices, parseRef, problemPlace,
} from '../reorg-data.js';
import { unitName } from './people-import.js';

const PAGE_SIZE = 50;

function errorText(err) {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('error.network');
    if (err.status === 404) return t('reorg.missing');
    if (err.status === 412) return t('reorg.stale');
    if (err.status === 409 || err.status === 422) return err.message;
    return t('error.generic', { code: err.code ?? `http_${err.status}` });
  }
  return t('error.generic', { code: 'client' });
}

/** "操作 4: unit: …" for a server problem. */
function problemText(p) {
  const { index, field } = problemPlace(p.field);
  if (index === null) return `${p.field}: ${p.message}`;
  return t('reorg.problem', { n: index + 1, field: field || '—', message: p.message });
}

/** An error answer, with each of its problems, into `box`. */
function showError(box, err) {
  clear(box);
  box.append(h('p', null, errorText(err)));
  if (err instanceof ApiError && err.fields?.length) {
    box.append(h('ul', null, err.fields.map((f) => h('li', { class: 'server-text' }, problemText(f)))));
  }
}

function stateBadge(state) {
  return h('span', { class: `state state-${state}`, dataset: { state } },
    STATES.includes(state) ? t(`reorg.state.${state}`) : String(state));
}

// ---------------------------------------------------------------------------
// The list

function newPlanCard(ctx) {
  const { navigate } = ctx;
  const titleInput = h('input', { id: 'reorg-new-title', name: 'title', class: 'input', maxlength: 200, required: true });
  const dateInput = h('input', {
    id: 'reorg-new-date', name: 'effective_date', type: 'date', class: 'input input-date', required: true,
    value: nextAprilFirst(todayInZone()),
  });
  const error = h('div', { class: 'form-error', id: 'reorg-new-error', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'button button-primary', id: 'reorg-new-create' }, t('reorg.new.create'));
  const form = h('form', {
    class: 'reorg-new', 'aria-labelledby': 'reorg-new-heading',
    onsubmit: async (e) => {
      e.preventDefault();
      button.disabled = true;
      clear(error);
      try {
        const plan = await request('POST', 'api/v1/reorganisations',
          { body: { title: titleInput.value.trim(), effective_date: dateInput.value } });
        navigate('/reorganisations', { id: String(plan.id) });
      } catch (err) {
        showError(error, err);
      } finally {
        button.disabled = false;
      }
    },
  },
  error,
  h('div', { class: 'field' }, h('label', { for: 'reorg-new-title' }, t('reorg.field.title')), titleInput),
  h('div', { class: 'field' }, h('label', { for: 'reorg-new-date' }, t('reorg.field.date')), dateInput,
    h('p', { class: 'hint' }, t('reorg.new.date_hint'))),
  h('div', { class: 'actions' }, button));
  return h('section', { class: 'card', id: 'reorg-new' },
    h('h2', { id: 'reorg-new-heading' }, t('reorg.new.heading')), form);
}

function listPage(ctx, canPlan) {
  const { params, signal, navigate, lang } = ctx;
  const state = STATES.includes(params.get('state')) ? params.get('state') : '';
  const title = t('module.reorganisations.title');
  const stateSelect = h('select', { id: 'reorg-state', name: 'state', class: 'input input-inline' },
    h('option', { value: '' }, t('reorg.list.all_states')),
    STATES.map((s) => h('option', { value: s, selected: s === state }, t(`reorg.state.${s}`))));
  const filter = h('form', {
    class: 'filter', role: 'search', 'aria-label': t('reorg.list.filter'),
    onsubmit: (e) => { e.preventDefault(); navigate('/reorganisations', stateSelect.value ? { state: stateSelect.value } : null); },
  },
  h('label', { for: 'reorg-state' }, t('reorg.list.state')), stateSelect,
  h('button', { type: 'submit', class: 'button button-secondary' }, t('reorg.list.apply')));
  const tbody = h('tbody');
  const table = h('table', { class: 'table', id: 'reorg-table' },
    h('caption', { class: 'visually-hidden' }, t('reorg.list.title')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('reorg.col.date')),
      h('th', { scope: 'col' }, t('reorg.col.title')),
      h('th', { scope: 'col' }, t('reorg.col.state')),
      h('th', { scope: 'col', class: 'num' }, t('reorg.col.operations')))),
    tbody);
  const region = h('div', { class: 'table-scroll', hidden: true }, table);
  const status = h('p', { class: 'status', id: 'reorg-status', role: 'status' }, t('reorg.loading'));
  const more = h('button', { type: 'button', class: 'button button-secondary', id: 'reorg-more', hidden: true, onclick: () => load() },
    t('reorg.list.more'));
  let cursor = null;
  let shown = 0;

  async function load() {
    more.disabled = true;
    try {
      const data = await get('api/v1/reorganisations', { state: state || undefined, limit: PAGE_SIZE, cursor: cursor ?? undefined },
        { signal });
      for (const p of data?.items ?? []) {
        tbody.append(h('tr', { dataset: { planId: String(p.id) } },
          h('td', { class: 'nowrap' }, h('time', { datetime: p.effective_date }, dateText(p.effective_date, lang))),
          h('td', null, h('a', { href: `#/reorganisations?id=${p.id}` }, p.title),
            p.last_error ? h('span', { class: 'hint reorg-failed' }, ` ${t('reorg.list.failed')}`) : null),
          h('td', null, stateBadge(p.state)),
          h('td', { class: 'num' }, String(p.n_operations ?? 0))));
        shown++;
      }
      cursor = data?.next_cursor ?? null;
      more.hidden = !cursor;
      region.hidden = shown === 0;
      status.textContent = shown === 0 ? t(state ? 'reorg.list.empty_filtered' : 'reorg.list.empty')
        : t('reorg.list.count', { count: shown });
    } catch (err) {
      if (err?.name !== 'AbortError') status.textContent = errorText(err);
    } finally {
      more.disabled = false;
    }
  }

  const node = h('div', { class: 'page page-wide reorg', id: 'reorg-page' },
    h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'lead' }, t('reorg.intro')),
    canPlan ? newPlanCard(ctx) : h('p', { class: 'hint', id: 'reorg-readonly' }, t('reorg.readonly')),
    h('section', { 'aria-labelledby': 'reorg-list-heading' },
      h('h2', { id: 'reorg-list-heading' }, t('reorg.list.title')),
      filter, status, region, h('div', { class: 'actions' }, more)));
  load().then(() => { if (!signal.aborted) node.dataset.ready = 'true'; });
  return { title, node };
}

// ---------------------------------------------------------------------------
// One plan

/** Everyone a planner may move, from the people list (all pages). */
async function everyone(signal) {
  const out = [];
  let cursor = null;
  for (let i = 0; i < 40; i++) {
    const data = await get('api/v1/persons', { limit: 500, cursor: cursor ?? undefined }, { signal });
    out.push(...(data?.items ?? []));
    cursor = data?.next_cursor;
    if (!cursor) break;
  }
  return out;
}

/** Names for what a plan refers to: units by id or 'new:CODE', people by id. */
function namer(plan, units, persons) {
  const unitById = new Map((units ?? []).map((u) => [u.id, u]));
  for (const u of plan.units ?? []) if (!unitById.has(u.id)) unitById.set(u.id, u);
  const personById = new Map((persons ?? []).map((p) => [p.id, p.name]));
  for (const p of plan.persons ?? []) personById.set(p.id, p.name);
  const unit = (ref) => {
    if (typeof ref === 'string' && ref.startsWith('new:')) {
      const code = ref.slice(4);
      const made = (plan.operations ?? []).find((o) => o.op === 'create' && o.code === code);
      return t('reorg.unit_new', { name: made ? unitName(made) : '?', code });
    }
    const u = unitById.get(ref);
    return u ? t('units.label', { name: unitName(u), code: u.code }) : t('reorg.unit_unknown', { id: String(ref) });
  };
  const person = (id) => personById.get(id) ?? t('reorg.person_unknown', { id: String(id) });
  return { unit, person };
}

/** An operation in words. */
function describe(op, names) {
  const list = (items) => items.join(getLang() === 'ja' ? '、' : ', ');
  switch (op.op) {
  case 'create':
    return t('reorg.op.create', { name: unitName(op), code: op.code, parent: names.unit(op.parent) });
  case 'rename': {
    const changes = [];
    if (op.code) changes.push(t('reorg.op.rename_code', { code: op.code }));
    if (op.name_ja) changes.push(t('reorg.op.rename_ja', { name: op.name_ja }));
    if (op.name_en !== undefined) changes.push(t('reorg.op.rename_en', { name: op.name_en || t('common.none') }));
    return t('reorg.op.rename', { unit: names.unit(op.unit), changes: list(changes) });
  }
  case 'move':
    return t('reorg.op.move', { unit: names.unit(op.unit), parent: names.unit(op.parent) });
  case 'merge':
    return t('reorg.op.merge', { units: list((op.units ?? []).map(names.unit)), into: names.unit(op.into) });
  case 'split':
    return t('reorg.op.split', {
      unit: names.unit(op.unit),
      parts: list((op.into ?? []).map((p) => t('reorg.op.split_part', {
        unit: names.unit(p.unit), persons: p.persons?.length ? list(p.persons.map(names.person)) : t('common.none'),
      }))),
    });
  case 'close':
    return t('reorg.op.close', { unit: names.unit(op.unit) });
  case 'move_person':
    return t('reorg.op.move_person', { person: names.person(op.person), unit: names.unit(op.unit) });
  default:
    return String(op.op);
  }
}

/** What applying one operation did, in words. */
function resultText(r) {
  const parts = [];
  if (r.persons?.length) parts.push(t('reorg.result.persons', { count: r.persons.length }));
  for (const p of r.parts ?? []) if (p.persons?.length) parts.push(t('reorg.result.persons', { count: p.persons.length }));
  if (r.roles_ended?.length) parts.push(t('reorg.result.roles_ended', { count: r.roles_ended.length }));
  if (r.roles_created?.length) parts.push(t('reorg.result.roles_created', { count: r.roles_created.length }));
  if (r.sub_units?.length) parts.push(t('reorg.result.sub_units', { count: r.sub_units.length }));
  return parts.length ? parts.join(getLang() === 'ja' ? '、' : ', ') : t('reorg.result.done');
}

/** A select of units (indented by depth), optionally several. */
function unitSelect(id, label, choices, { multiple = false, hint = null } = {}) {
  const select = h('select', { id, class: 'input', multiple, size: multiple ? 6 : null },
    multiple ? null : h('option', { value: '' }, t('reorg.form.choose')),
    choices.map((c) => h('option', { value: c.value },
      `${'\u3000'.repeat(c.depth)}${c.isNew ? t('reorg.unit_new', { name: unitName(c.unit), code: c.unit.code })
        : t('units.label', { name: unitName(c.unit), code: c.unit.code })}`)));
  return { select, field: h('div', { class: 'field' }, h('label', { for: id }, label), select, hint ? h('p', { class: 'hint' }, hint) : null) };
}

function textField(id, label, { maxlength = 100, hint = null } = {}) {
  const input = h('input', { id, class: 'input', maxlength });
  return { input, field: h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? h('p', { class: 'hint' }, hint) : null) };
}

/** The form that adds one operation; onAdd(op) sends it. */
function opForm(plan, units, persons, onAdd) {
  const kind = h('select', { id: 'reorg-op-kind', class: 'input input-inline' },
    OP_KINDS.map((k) => h('option', { value: k }, t(`reorg.kind.${k}`))));
  const fields = h('div', { id: 'reorg-op-fields' });
  const note = h('p', { class: 'form-error', id: 'reorg-op-note', role: 'alert' });
  const choices = unitChoices(units, plan.operations);
  const active = (persons ?? []).filter((p) => p.active !== false);
  let build = () => null;

  const rebuild = () => {
    clear(fields);
    note.textContent = '';
    const k = kind.value;
    if (k === 'create') {
      const code = textField('reorg-op-code', t('reorg.form.code'), { maxlength: 20, hint: t('reorg.form.code_hint') });
      const ja = textField('reorg-op-name-ja', t('reorg.form.name_ja'));
      const en = textField('reorg-op-name-en', t('reorg.form.name_en'), { maxlength: 200 });
      const parent = unitSelect('reorg-op-parent', t('reorg.form.parent'), choices);
      fields.append(code.field, ja.field, en.field, parent.field);
      build = () => (code.input.value.trim() && ja.input.value.trim() && parent.select.value ? {
        op: 'create', code: code.input.value.trim(), name_ja: ja.input.value.trim(),
        ...(en.input.value.trim() ? { name_en: en.input.value.trim() } : {}), parent: parseRef(parent.select.value),
      } : null);
    } else if (k === 'rename') {
      const unit = unitSelect('reorg-op-unit', t('reorg.form.unit'), choices);
      const code = textField('reorg-op-code', t('reorg.form.new_code'), { maxlength: 20, hint: t('reorg.form.unchanged_hint') });
      const ja = textField('reorg-op-name-ja', t('reorg.form.new_name_ja'));
      const en = textField('reorg-op-name-en', t('reorg.form.new_name_en'), { maxlength: 200 });
      fields.append(unit.field, code.field, ja.field, en.field);
      build = () => {
        const op = { op: 'rename', unit: parseRef(unit.select.value) };
        if (code.input.value.trim()) op.code = code.input.value.trim();
        if (ja.input.value.trim()) op.name_ja = ja.input.value.trim();
        if (en.input.value.trim()) op.name_en = en.input.value.trim();
        return op.unit !== null && Object.keys(op).length > 2 ? op : null;
      };
    } else if (k === 'move') {
      const unit = unitSelect('reorg-op-unit', t('reorg.form.unit'), choices);
      const parent = unitSelect('reorg-op-parent', t('reorg.form.new_parent'), choices);
      fields.append(unit.field, parent.field);
      build = () => (unit.select.value && parent.select.value
        ? { op: 'move', unit: parseRef(unit.select.value), parent: parseRef(parent.select.value) } : null);
    } else if (k === 'merge') {
      const from = unitSelect('reorg-op-units', t('reorg.form.merge_units'), choices, { multiple: true, hint: t('reorg.form.multiple_hint') });
      const into = unitSelect('reorg-op-into', t('reorg.form.merge_into'), choices);
      fields.append(from.field, into.field, h('p', { class: 'hint' }, t('reorg.form.merge_hint')));
      build = () => {
        const units2 = [...from.select.selectedOptions].map((o) => parseRef(o.value));
        return units2.length && into.select.value ? { op: 'merge', units: units2, into: parseRef(into.select.value) } : null;
      };
    } else if (k === 'split') {
      const unit = unitSelect('reorg-op-unit', t('reorg.form.split_unit'), choices);
      const parts = unitSelect('reorg-op-parts', t('reorg.form.split_parts'), choices, { multiple: true, hint: t('reorg.form.multiple_hint') });
      const members = h('div', { id: 'reorg-op-members' });
      const placing = new Map(); // person id → select
      const showMembers = () => {
        clear(members);
        placing.clear();
        const partValues = [...parts.select.selectedOptions].map((o) => ({ value: o.value, label: o.textContent.trim() }));
        const uid = parseRef(unit.select.value);
        const people = active.filter((p) => p.org_unit_id === uid);
        if (uid === null || partValues.length < 2) {
          members.append(h('p', { class: 'hint' }, t('reorg.form.split_choose')));
          return;
        }
        if (!people.length) {
          members.append(h('p', { class: 'hint' }, t('reorg.form.split_nobody')));
          return;
        }
        members.append(h('p', null, t('reorg.form.split_members')),
          h('table', { class: 'table table-compact' }, h('tbody', null, people.map((p) => {
            const sel = h('select', { id: `reorg-op-member-${p.id}`, class: 'input input-inline', 'aria-label': p.name },
              partValues.map((v) => h('option', { value: v.value }, v.label)));
            placing.set(p.id, sel);
            return h('tr', null, h('td', { lang: 'ja' }, p.name), h('td', null, sel));
          }))));
      };
      unit.select.addEventListener('change', showMembers);
      parts.select.addEventListener('change', showMembers);
      fields.append(unit.field, parts.field, members, h('p', { class: 'hint' }, t('reorg.form.split_hint')));
      showMembers();
      build = () => {
        const partValues = [...parts.select.selectedOptions].map((o) => o.value);
        if (!unit.select.value || partValues.length < 2) return null;
        return {
          op: 'split', unit: parseRef(unit.select.value),
          into: partValues.map((v) => ({
            unit: parseRef(v), persons: [...placing].filter(([, sel]) => sel.value === v).map(([id]) => id),
          })),
        };
      };
    } else if (k === 'close') {
      const unit = unitSelect('reorg-op-unit', t('reorg.form.unit'), choices);
      fields.append(unit.field, h('p', { class: 'hint' }, t('reorg.form.close_hint')));
      build = () => (unit.select.value ? { op: 'close', unit: parseRef(unit.select.value) } : null);
    } else if (k === 'move_person') {
      const person = h('select', { id: 'reorg-op-person', class: 'input' },
        h('option', { value: '' }, t('reorg.form.choose')),
        active.map((p) => h('option', { value: String(p.id) }, `${p.name}（${p.org_unit ?? ''}）`)));
      const unit = unitSelect('reorg-op-unit', t('reorg.form.to_unit'), choices);
      fields.append(h('div', { class: 'field' }, h('label', { for: 'reorg-op-person' }, t('reorg.form.person')), person), unit.field);
      build = () => (person.value && unit.select.value
        ? { op: 'move_person', person: Number(person.value), unit: parseRef(unit.select.value) } : null);
    }
  };
  kind.addEventListener('change', rebuild);
  rebuild();
  const button = h('button', { type: 'submit', class: 'button button-secondary', id: 'reorg-op-add' }, t('reorg.form.add'));
  return h('form', {
    class: 'card reorg-op-form', id: 'reorg-op-form', 'aria-labelledby': 'reorg-op-heading',
    onsubmit: async (e) => {
      e.preventDefault();
      const op = build();
      if (!op) {
        note.textContent = t('reorg.form.incomplete');
        return;
      }
      button.disabled = true;
      try {
        await onAdd(op);
      } finally {
        button.disabled = false;
      }
    },
  },
  h('h3', { id: 'reorg-op-heading' }, t('reorg.form.heading')),
  h('div', { class: 'field' }, h('label', { for: 'reorg-op-kind' }, t('reorg.form.kind')), kind),
  note, fields,
  h('div', { class: 'actions' }, button));
}

function planPage(ctx, id, canPlan) {
  const { signal, lang } = ctx;
  const title = t('reorg.plan.title');
  const box = h('div', { id: 'reorg-plan' });
  const error = h('div', { class: 'form-error', id: 'reorg-error', role: 'alert' });
  const status = h('p', { class: 'status', id: 'reorg-plan-status', role: 'status' }, t('reorg.loading'));
  const node = h('div', { class: 'page page-wide reorg', id: 'reorg-page' },
    h('p', null, h('a', { href: '#/reorganisations', id: 'reorg-back' }, t('reorg.plan.back'))),
    h('h1', { tabindex: '-1', id: 'reorg-plan-heading' }, title),
    status, error, box);
  let units = [];
  let persons = null;

  /** Sends a change (If-Match: the version shown) and shows the plan as it is after. */
  async function change(method, path, body, version) {
    clear(error);
    try {
      const plan = await request(method, path, { body, headers: { 'If-Match': `"${version}"` } });
      if (canPlan && plan.state === 'draft' && !persons) persons = await everyone(signal);
      show(plan);
      return true;
    } catch (err) {
      showError(error, err);
      error.scrollIntoView?.({ block: 'nearest' });
      return false;
    }
  }

  function show(plan) {
    clear(box);
    node.dataset.state = plan.state;
    node.dataset.version = String(plan.version);
    node.querySelector('h1').textContent = plan.title;
    status.textContent = '';
    const draft = plan.state === 'draft';
    const editable = canPlan && draft;
    const names = namer(plan, units, persons);
    const base = `api/v1/reorganisations/${plan.id}`;
    const ops = plan.operations ?? [];
    const problemsByOp = new Map();
    for (const p of plan.problems ?? []) {
      const { index } = problemPlace(p.field);
      if (!problemsByOp.has(index)) problemsByOp.set(index, []);
      problemsByOp.get(index).push(p);
    }

    const summary = h('dl', { class: 'summary', id: 'reorg-summary' },
      h('div', { class: 'summary-row' }, h('dt', null, t('reorg.field.date')),
        h('dd', null, h('time', { datetime: plan.effective_date }, dateText(plan.effective_date, lang)))),
      h('div', { class: 'summary-row' }, h('dt', null, t('reorg.col.state')), h('dd', null, stateBadge(plan.state))),
      plan.applied_at ? h('div', { class: 'summary-row' }, h('dt', null, t('reorg.plan.applied_by')),
        h('dd', null, plan.applied_by ?? '')) : null);

    const opItems = ops.map((op, i) => h('li', { class: 'reorg-op', dataset: { index: String(i), op: op.op } },
      h('span', { class: 'reorg-op-text' }, describe(op, names)),
      (problemsByOp.get(i) ?? []).map((p) => h('span', { class: 'reorg-op-problem server-text' },
        `${problemPlace(p.field).field}: ${p.message}`)),
      editable ? h('button', {
        type: 'button', class: 'button button-quiet button-small reorg-op-remove',
        'aria-label': t('reorg.plan.remove_label', { n: i + 1 }),
        onclick: () => change('PATCH', base, { operations: ops.filter((_, k) => k !== i) }, plan.version),
      }, t('reorg.plan.remove')) : null));
    const opsSection = h('section', { class: 'card', 'aria-labelledby': 'reorg-ops-heading' },
      h('h2', { id: 'reorg-ops-heading' }, t('reorg.plan.operations')),
      ops.length ? h('ol', { class: 'reorg-ops', id: 'reorg-ops' }, opItems) : h('p', { class: 'hint', id: 'reorg-ops' }, t('reorg.plan.no_operations')),
      problemsByOp.has(null) ? h('ul', null, problemsByOp.get(null).map((p) => h('li', { class: 'server-text' }, problemText(p)))) : null,
      (plan.problems ?? []).length
        ? h('p', { class: 'warning', id: 'reorg-problems' }, t('reorg.plan.problems', { count: plan.problems.length }))
        : (canPlan && (draft || plan.state === 'scheduled') && ops.length
          ? h('p', { class: 'hint', id: 'reorg-fits' }, t('reorg.plan.fits')) : null));

    const result = plan.state === 'applied' && Array.isArray(plan.result)
      ? h('section', { class: 'card', 'aria-labelledby': 'reorg-result-heading' },
        h('h2', { id: 'reorg-result-heading' }, t('reorg.plan.result')),
        h('ol', { class: 'reorg-ops', id: 'reorg-result' }, plan.result.map((r, i) => h('li', null,
          ops[i] ? describe(ops[i], names) : '', ' — ', resultText(r)))))
      : null;

    const failed = plan.last_error
      ? h('div', { class: 'warning', id: 'reorg-last-error' },
        h('p', null, t('reorg.plan.last_error')), h('p', { class: 'server-text' }, plan.last_error))
      : null;

    const actions = [];
    const act = (name, label, primary = false) => h('button', {
      type: 'button', class: `button ${primary ? 'button-primary' : 'button-secondary'}`, id: `reorg-${name}`,
      onclick: () => change('POST', `${base}/${name}`, undefined, plan.version),
    }, label);
    if (canPlan && draft) actions.push(act('schedule', t('reorg.action.schedule'), true));
    if (canPlan && plan.state === 'scheduled') {
      if (todayInZone() >= plan.effective_date) actions.push(act('apply', t('reorg.action.apply'), true));
      actions.push(act('unschedule', t('reorg.action.unschedule')));
    }
    if (canPlan && (draft || plan.state === 'scheduled')) actions.push(act('cancel', t('reorg.action.cancel')));

    let edit = null;
    if (editable) {
      const titleInput = h('input', { id: 'reorg-edit-title', class: 'input', maxlength: 200, value: plan.title });
      const dateInput = h('input', { id: 'reorg-edit-date', type: 'date', class: 'input input-date', value: plan.effective_date });
      edit = h('details', { class: 'reorg-edit' },
        h('summary', null, t('reorg.plan.edit')),
        h('form', {
          onsubmit: (e) => {
            e.preventDefault();
            change('PATCH', base, { title: titleInput.value.trim(), effective_date: dateInput.value }, plan.version);
          },
        },
        h('div', { class: 'field' }, h('label', { for: 'reorg-edit-title' }, t('reorg.field.title')), titleInput),
        h('div', { class: 'field' }, h('label', { for: 'reorg-edit-date' }, t('reorg.field.date')), dateInput),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button-secondary', id: 'reorg-edit-save' },
          t('reorg.plan.save')))));
    }

    // append() would write a null as the text "null": only what there is.
    box.append(...[
      h('section', { class: 'card' }, summary, edit,
        actions.length ? h('div', { class: 'actions', id: 'reorg-actions' }, actions) : null,
        h('p', { class: 'hint' }, t(`reorg.plan.state_help.${plan.state}`))),
      failed,
      opsSection,
      editable ? opForm(plan, units, persons,
        (op) => change('PATCH', base, { operations: [...ops, op] }, plan.version)) : null,
      result,
    ].filter(Boolean));
  }

  (async () => {
    try {
      const [plan, unitData] = await Promise.all([
        get(`api/v1/reorganisations/${id}`, null, { signal }),
        get('api/v1/org-units', { include_closed: 'true' }, { signal }),
      ]);
      units = unitData?.items ?? [];
      if (canPlan && plan.state === 'draft') persons = await everyone(signal);
      show(plan);
    } catch (err) {
      if (err?.name === 'AbortError') return;
      status.textContent = errorText(err);
    }
    if (!signal.aborted) node.dataset.ready = 'true';
  })();
  return { title, node };
}

/** For someone who may not read plans: who may, and why. */
function whoMay() {
  const title = t('module.reorganisations.title');
  const node = h('div', { class: 'page', id: 'reorg-page', dataset: { ready: 'true' } },
    h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'lead' }, t('reorg.intro')),
    h('div', { class: 'notice notice-info', id: 'reorg-who' },
      h('p', { class: 'notice-title' }, t('reorg.who.title')),
      h('p', null, t('reorg.who.text'))));
  return { title, node };
}

export function render(ctx) {
  const permissions = ctx.session.permissions ?? [];
  const canPlan = permissions.includes('org.manage');
  if (!canPlan && !permissions.includes('person.read')) return whoMay();
  const id = ctx.params.get('id');
  return id && /^\d+$/.test(id) ? planPage(ctx, id, canPlan) : listPage(ctx, canPlan);
}
