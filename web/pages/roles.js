// Roles & permissions (#/roles): the structure of 第10条 as mamori applies it.
//
// - For everyone: the role → permission table (GET /api/v1/roles), strongest
//   role first, the caller's own roles marked. It is data (DESIGN §2): what it
//   says is how the store is set up now.
// - With person.read: who holds which role, in the caller's units
//   (GET /api/v1/role-assignments; person, unit, role and state filters in the
//   route so that a view can be bookmarked; "more" follows next_cursor).
// - With role.grant: granting a role (POST /api/v1/role-assignments) — the form
//   offers the roles below the caller's own and the units in their scope, the
//   server decides (it refuses, with its reason, a grant to oneself, a role not
//   below one's own in that unit, a person or unit outside one's units) — and
//   revoking one from the list after a confirmation (DELETE). Every grant and
//   revocation is in the audit trail. Exports render().

import { h, clear } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { get, request, ApiError } from '../api.js';
import { todayInZone } from '../time.js';
import { grantableRoles, scopeUnits, assignmentState } from '../access.js';
import {
  field, clearFieldErrors, showFieldErrors, requestError, confirmAction,
} from '../forms.js';
import { unitTree } from '../people-data.js';
import { formatNumber } from './job-panel.js';
import { roleName } from './layout.js';
import { unitName } from './people-import.js';
import { periodText, stateBadge } from './person.js';

const PAGE_SIZE = 50;
const STATES = ['current', 'upcoming', 'ended', 'all'];
const PEOPLE_CHOICES = 50;

const roleLabel = (r) => roleName({ role: r.code, role_ja: r.name_ja, role_en: r.name_en });

function permissionLabel(names, code) {
  const p = names.get(code);
  if (!p) return code;
  return (getLang() === 'en' ? p.name_en : p.name_ja) || p.name_ja || code;
}

function unitOptions(units, selected, { any } = {}) {
  return [
    any ? h('option', { value: '' }, any) : null,
    ...unitTree(units).map(({ unit, depth }) => h('option', { value: String(unit.id), selected: String(unit.id) === String(selected ?? '') },
      `${'\u3000'.repeat(depth)}${unitName(unit)}${unit.code ? ` (${unit.code})` : ''}`)),
  ];
}

// ---------------------------------------------------------------------------
// The role → permission table

function tableSection(ctx, table) {
  const mine = new Set((ctx.session.person?.roles ?? []).map((r) => r.role));
  const names = new Map((table.permissions ?? []).map((p) => [p.code, p]));
  return h('section', { class: 'card', 'aria-labelledby': 'roles-table-heading', id: 'roles-table-section' },
    h('h2', { id: 'roles-table-heading' }, t('roles.table.title')),
    h('p', null, t('roles.table.intro')),
    h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-label': t('roles.table.title') },
      h('table', { class: 'table table-roles', id: 'roles-table' },
        h('caption', { class: 'visually-hidden' }, t('roles.table.title')),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('roles.col.role')),
          h('th', { scope: 'col' }, t('roles.table.code')),
          h('th', { scope: 'col' }, t('roles.table.permissions')))),
        h('tbody', null, (table.items ?? []).map((r) => h('tr', { dataset: { role: r.code } },
          h('th', { scope: 'row' }, roleLabel(r),
            mine.has(r.code) ? h('span', { class: 'badge badge-mine' }, t('roles.table.yours')) : null),
          h('td', null, h('code', null, r.code)),
          h('td', null, (r.permissions ?? []).length === 0
            ? h('span', { class: 'hint' }, t('roles.table.no_permissions'))
            : h('ul', { class: 'permission-list' }, r.permissions.map((p) => h('li', null,
              permissionLabel(names, p), ' ', h('code', { class: 'hint' }, p),
              (r.managed_permissions ?? []).includes(p)
                ? h('span', { class: 'hint permission-managed' }, ` ${t('roles.table.managed_only')}`) : null))))))))));
}

// ---------------------------------------------------------------------------
// Who holds which role

function assignmentsSection(ctx, { units, roles, canGrant, onChanged }) {
  const { params, signal, navigate } = ctx;
  const personParam = /^[1-9][0-9]{0,15}$/.test(params.get('person') ?? '') ? params.get('person') : '';
  const unitParam = /^[1-9][0-9]{0,15}$/.test(params.get('unit') ?? '') ? params.get('unit') : '';
  const roleParam = roles.some((r) => r.code === params.get('role')) ? params.get('role') : '';
  const stateParam = STATES.includes(params.get('state')) ? params.get('state') : 'current';
  const lang = getLang();

  const unitSelect = h('select', { id: 'assignments-unit', name: 'unit', class: 'input input-inline' },
    unitOptions(units, unitParam, { any: t('roles.filter.all_units') }));
  const roleSelect = h('select', { id: 'assignments-role', name: 'role', class: 'input input-inline' },
    h('option', { value: '' }, t('roles.filter.all_roles')),
    roles.map((r) => h('option', { value: r.code, selected: r.code === roleParam }, roleLabel(r))));
  const stateSelect = h('select', { id: 'assignments-state', name: 'state', class: 'input input-inline' },
    STATES.map((s) => h('option', { value: s, selected: s === stateParam }, t(`roles.filter.state.${s}`))));
  const personNote = h('p', { class: 'filter-person', id: 'assignments-person' });
  if (personParam) {
    const name = h('strong', { lang: 'ja' }, `#${personParam}`);
    personNote.append(t('roles.filter.person'), name, ' ',
      h('a', { href: '#/roles', id: 'assignments-person-clear' }, t('roles.filter.person_clear')));
    get(`api/v1/persons/${personParam}`, null, { signal })
      .then((p) => { name.textContent = p.name; })
      .catch(() => {}); // the list below says whether the person is there
  }
  const query = () => {
    const out = {};
    if (personParam) out.person = personParam;
    if (unitSelect.value) out.unit = unitSelect.value;
    if (roleSelect.value) out.role = roleSelect.value;
    if (stateSelect.value !== 'current') out.state = stateSelect.value;
    return Object.keys(out).length ? out : null;
  };
  const filter = h('form', {
    class: 'filter filter-people', role: 'search', 'aria-label': t('roles.filter.label'),
    onsubmit: (e) => { e.preventDefault(); navigate('/roles', query()); },
  },
  h('div', { class: 'filter-field' }, h('label', { for: 'assignments-unit' }, t('roles.col.unit')), unitSelect),
  h('div', { class: 'filter-field' }, h('label', { for: 'assignments-role' }, t('roles.col.role')), roleSelect),
  h('div', { class: 'filter-field' }, h('label', { for: 'assignments-state' }, t('roles.col.state')), stateSelect),
  h('div', { class: 'filter-buttons' },
    h('button', { type: 'submit', class: 'button button-secondary' }, t('roles.filter.apply'))));

  const caption = t('roles.assignments.title');
  const tbody = h('tbody');
  const table = h('table', { class: 'table', id: 'assignments-table' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('roles.col.person')),
      h('th', { scope: 'col' }, t('roles.col.role')),
      h('th', { scope: 'col' }, t('roles.col.unit')),
      h('th', { scope: 'col' }, t('roles.col.period')),
      h('th', { scope: 'col' }, t('roles.col.state')),
      canGrant ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('roles.col.actions'))) : null)),
    tbody);
  const region = h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-label': caption, hidden: true }, table);
  const status = h('p', { class: 'status', role: 'status', id: 'assignments-status' });
  const notice = h('div', { class: 'form-error', role: 'alert', id: 'assignments-error' });
  const more = h('button', { type: 'button', class: 'button button-secondary', id: 'assignments-more', hidden: true, onclick: () => load() },
    t('roles.assignments.more'));

  const unitsById = new Map(units.map((u) => [u.id, u]));
  const selfId = ctx.session.person?.id;
  let cursor = null;
  let shown = 0;
  let loading = false;
  const today = todayInZone();

  async function revoke(a, button) {
    notice.textContent = '';
    const who = a.person ?? `#${a.person_id}`;
    const yes = await confirmAction({
      id: 'revoke-dialog',
      title: t('roles.revoke.confirm_title'),
      text: t('roles.revoke.confirm_text', { person: who, role: roleName(a), unit: unitLabel(a) }),
      confirm: t('roles.revoke.confirm'),
    });
    if (!yes) {
      button.focus();
      return;
    }
    button.disabled = true;
    try {
      await request('DELETE', `api/v1/role-assignments/${a.id}`, { signal });
      await load({ fresh: true });
      status.textContent = t('roles.revoke.done', { person: who, role: roleName(a) });
      onChanged?.();
    } catch (err) {
      if (err?.name === 'AbortError') return;
      button.disabled = false;
      notice.textContent = requestError(err);
    }
  }

  function unitLabel(a) {
    const u = unitsById.get(a.org_unit_id);
    if (u) return unitName(u);
    return (lang === 'en' && a.org_unit_en) || a.org_unit || t('common.none');
  }

  function assignmentRow(a) {
    const state = assignmentState(a, today);
    // One's own role is never one's to revoke (DESIGN §2); the server decides the rest.
    const revocable = canGrant && (state === 'current' || state === 'upcoming') && a.person_id !== selfId;
    const button = revocable
      ? h('button', { type: 'button', class: 'button button-small button-danger-quiet', dataset: { revoke: String(a.id) } },
        t('roles.revoke.button'))
      : null;
    button?.addEventListener('click', () => revoke(a, button));
    return h('tr', { class: a.person_active === false ? 'is-inactive' : null, dataset: { assignmentId: String(a.id) } },
      h('td', null, h('a', { href: `#/people/${a.person_id}`, lang: 'ja' }, a.person ?? `#${a.person_id}`)),
      h('td', null, roleName(a)),
      h('td', null, unitLabel(a)),
      h('td', { class: 'nowrap' }, periodText(a.valid_from, a.valid_to, lang)),
      h('td', null, stateBadge(state)),
      canGrant ? h('td', null, button) : null);
  }

  async function load({ fresh = false } = {}) {
    if (loading) return;
    loading = true;
    more.disabled = true;
    if (fresh) {
      cursor = null;
      shown = 0;
    }
    status.textContent = t('roles.assignments.loading');
    try {
      const data = await get('api/v1/role-assignments', {
        person_id: personParam || undefined,
        org_unit_id: unitParam || undefined,
        role: roleParam || undefined,
        state: stateParam,
        limit: PAGE_SIZE,
        cursor: cursor ?? undefined,
      }, { signal });
      if (fresh) clear(tbody);
      const items = data?.items ?? [];
      for (const a of items) tbody.appendChild(assignmentRow(a));
      shown += items.length;
      cursor = data?.next_cursor ?? null;
      more.hidden = !cursor;
      region.hidden = shown === 0;
      status.textContent = shown === 0
        ? t('roles.assignments.empty')
        : t(cursor ? 'roles.assignments.count_more' : 'roles.assignments.count', { count: formatNumber(shown) });
    } catch (err) {
      if (err?.name === 'AbortError') return;
      status.textContent = err instanceof ApiError && err.status === 404 ? t('roles.assignments.no_person') : requestError(err);
    } finally {
      loading = false;
      more.disabled = false;
    }
  }

  const ready = load();
  const node = h('section', { class: 'card', id: 'assignments', 'aria-labelledby': 'assignments-heading' },
    h('h2', { id: 'assignments-heading' }, caption),
    h('p', null, t('roles.assignments.intro')),
    personParam ? personNote : null,
    filter, notice, status, region, h('div', { class: 'actions' }, more));
  return { node, ready, reload: () => load({ fresh: true }) };
}

// ---------------------------------------------------------------------------
// Granting a role

function grantSection(ctx, { units, roleTable, canRead, onGranted }) {
  const { session, signal, params } = ctx;
  const roles = grantableRoles(session.person?.roles, roleTable);
  const myUnits = scopeUnits(session.person?.roles, roleTable, units, 'role.grant');
  const selfId = session.person?.id;
  const preset = /^[1-9][0-9]{0,15}$/.test(params.get('person') ?? '') ? params.get('person') : '';

  // The person: a search among the people the caller may see, or their id without person.read.
  const personSelect = h('select', { name: 'person_id', class: 'input' });
  const personIdInput = h('input', { name: 'person_id', type: 'number', min: '1', class: 'input input-inline', value: preset });
  const search = h('input', { type: 'search', id: 'grant-person-q', class: 'input input-inline', autocomplete: 'off', placeholder: t('people.list.search_placeholder') });
  const found = h('span', { class: 'hint', role: 'status', id: 'grant-person-found' });
  const people = new Map(); // id → the person as listed, for the news of a grant
  const optionFor = (p) => people.set(String(p.id), p) && h('option', { value: String(p.id) },
    `${p.name}${p.org_unit ? `（${p.org_unit}）` : ''}${p.id === selfId ? t('roles.grant.you') : ''}`);
  async function findPeople(q) {
    found.textContent = t('people.list.loading');
    try {
      const data = await get('api/v1/persons', { q: q || undefined, limit: PEOPLE_CHOICES }, { signal });
      const items = data?.items ?? [];
      const keep = personSelect.value;
      clear(personSelect);
      personSelect.append(h('option', { value: '' }, t('roles.grant.choose_person')), ...items.map(optionFor));
      if (preset && !items.some((p) => String(p.id) === preset) && !q) {
        try {
          const p = await get(`api/v1/persons/${preset}`, null, { signal });
          personSelect.append(optionFor(p));
        } catch (err) {
          if (err?.name === 'AbortError') throw err;
        }
      }
      const want = keep || (!q ? preset : '');
      if (want && [...personSelect.options].some((o) => o.value === want)) personSelect.value = want;
      found.textContent = items.length === 0 ? t('roles.grant.no_people') : t(data?.next_cursor ? 'roles.grant.found_more' : 'roles.grant.found', { count: formatNumber(items.length) });
    } catch (err) {
      if (err?.name === 'AbortError') return;
      found.textContent = requestError(err);
    }
  }
  const personField = canRead
    ? h('div', { class: 'field-group' },
      field({ id: 'grant-person', label: t('roles.grant.person'), control: personSelect, name: 'person_id' }),
      h('div', { class: 'person-search' },
        h('label', { for: 'grant-person-q', class: 'visually-hidden' }, t('roles.grant.search')),
        search,
        h('button', { type: 'button', class: 'button button-secondary button-small', id: 'grant-person-search', onclick: () => findPeople(search.value.trim()) },
          t('roles.grant.search')),
        found))
    : field({ id: 'grant-person', label: t('roles.grant.person_id'), control: personIdInput, name: 'person_id', hint: t('roles.grant.person_id_hint') });
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      findPeople(search.value.trim());
    }
  });

  const roleSelect = h('select', { name: 'role', class: 'input' },
    h('option', { value: '' }, t('roles.grant.choose_role')),
    roles.map((r) => h('option', { value: r.code }, roleLabel(r))));
  const unitSelect = h('select', { name: 'org_unit_id', class: 'input' },
    h('option', { value: '' }, t('roles.grant.choose_unit')), unitOptions(myUnits));
  // Empty means today as the server counts days.
  const from = h('input', { name: 'valid_from', type: 'date', class: 'input input-date' });
  const to = h('input', { name: 'valid_to', type: 'date', class: 'input input-date' });

  const alert = h('div', { class: 'form-error', role: 'alert', id: 'grant-error' });
  const status = h('p', { class: 'status', role: 'status', id: 'grant-status' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', id: 'grant-submit' }, t('roles.grant.submit'));
  let busy = false;
  const form = h('form', {
    class: 'grant-form', id: 'grant-form', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      if (busy) return;
      clearFieldErrors(form);
      alert.textContent = '';
      status.textContent = '';
      const personValue = canRead ? personSelect.value : personIdInput.value.trim();
      const body = {
        person_id: /^[0-9]+$/.test(personValue) ? Number(personValue) : undefined,
        role: roleSelect.value || undefined,
        org_unit_id: unitSelect.value ? Number(unitSelect.value) : undefined,
        valid_from: from.value || undefined,
        valid_to: to.value || undefined,
      };
      busy = true;
      submit.disabled = true;
      try {
        await request('POST', 'api/v1/role-assignments', { body, signal });
        const unit = myUnits.find((u) => String(u.id) === unitSelect.value);
        status.textContent = t('roles.grant.done', {
          person: people.get(personValue)?.name ?? `#${personValue}`,
          role: roleSelect.selectedOptions[0]?.textContent,
          unit: unit ? unitName(unit) : '',
        });
        roleSelect.value = '';
        to.value = '';
        onGranted?.();
      } catch (err) {
        if (err?.name === 'AbortError') return;
        if (err instanceof ApiError && err.status === 422 && err.fields?.length) {
          const rest = showFieldErrors(form, err);
          alert.textContent = rest.length ? `${t('form.error.invalid')} ${rest.join(' ')}` : t('form.error.invalid');
        } else {
          alert.textContent = t('roles.grant.refused', { reason: requestError(err) });
          alert.focus?.();
        }
      } finally {
        busy = false;
        submit.disabled = false;
      }
    },
  },
  personField,
  field({ id: 'grant-role', label: t('roles.grant.role'), control: roleSelect, hint: t('roles.grant.role_hint') }),
  field({ id: 'grant-unit', label: t('roles.grant.unit'), control: unitSelect, hint: t('roles.grant.unit_hint') }),
  h('div', { class: 'date-fields' },
    field({ id: 'grant-from', label: t('roles.grant.from'), control: from, hint: t('roles.grant.from_hint') }),
    field({ id: 'grant-to', label: t('roles.grant.to'), control: to, hint: t('roles.grant.to_hint') })),
  alert,
  h('div', { class: 'actions' }, submit, status));

  const ready = canRead ? findPeople('') : Promise.resolve();
  const node = h('section', { class: 'card', id: 'grant', 'aria-labelledby': 'grant-heading' },
    h('h2', { id: 'grant-heading' }, t('roles.grant.title')),
    h('p', null, t('roles.grant.intro')),
    form);
  return { node, ready };
}

// ---------------------------------------------------------------------------
// The page

export function render(ctx) {
  const { session, signal } = ctx;
  const permissions = session.permissions ?? [];
  const canRead = permissions.includes('person.read');
  const canGrant = permissions.includes('role.grant');
  const title = t('module.roles.title');
  const status = h('p', { class: 'status', role: 'status', id: 'roles-status' }, t('roles.loading'));
  const content = h('div', { class: 'roles-content' });
  const node = h('div', { class: 'page page-wide roles', id: 'roles-page' },
    h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'lead' }, t('roles.intro')),
    status, content);

  (async () => {
    let table;
    let units = [];
    try {
      [table, units] = await Promise.all([
        get('api/v1/roles', null, { signal }),
        get('api/v1/org-units', null, { signal }).then((d) => d?.items ?? []),
      ]);
    } catch (err) {
      if (err?.name === 'AbortError') return;
      status.textContent = requestError(err);
      node.dataset.ready = 'true';
      return;
    }
    status.textContent = '';
    // The work first (grant, who holds what), the reference table after it.
    const parts = [];
    const waits = [];
    let list = null;
    if (canGrant) {
      const grant = grantSection(ctx, {
        units, roleTable: table.items ?? [], canRead, onGranted: () => list?.reload(),
      });
      parts.push(grant.node);
      waits.push(grant.ready);
    }
    if (canRead) {
      list = assignmentsSection(ctx, { units, roles: table.items ?? [], canGrant });
      parts.push(list.node);
      waits.push(list.ready);
    }
    parts.push(tableSection(ctx, table));
    content.append(...parts);
    await Promise.allSettled(waits);
    if (!signal.aborted) node.dataset.ready = 'true';
  })();
  return { title, node };
}
