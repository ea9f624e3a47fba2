// People & contractors (#/people): the people of the union, its related bodies
// and its contractors. The page needs person.read or person.manage (modules.js).
//
// - With person.manage: the form to add one person (pages/person-form.js, into
//   the units where the caller manages people; then the new person's page), and
//   the staff list import (pages/people-import.js).
// - With person.read: the list of people in the caller's scope, 50 at a time
//   from GET /api/v1/persons (unit, name and active filters in the route, so
//   that a filtered list can be bookmarked; "more" follows next_cursor), the
//   unit filter a select of GET /api/v1/org-units in tree order (a unit
//   includes its sub-units); each name leads to the person's page.
// - With person.manage but not person.read: who may read the list (the roles
//   holding person.read in GET /api/v1/roles, the role → permission table).
//
// The list, the units and the roles are served by routes that a server may not
// have yet: GET /api/v1/openapi.json says which routes exist (server-routes.js),
// and a missing one is shown as "not available yet" (or the page does without
// it) rather than asked for. Exports render().

import { h } from '../dom.js';
import { t, getLang, has } from '../i18n.js';
import { get, ApiError } from '../api.js';
import { serverRoutes, optionalItems } from '../server-routes.js';
import { scopeUnits } from '../access.js';
import { roleName } from './layout.js';
import { formatNumber } from './job-panel.js';
import { importCard, unitName, rolesText } from './people-import.js';
import { personForm } from './person-form.js';
import { unitTree } from '../people-data.js';

const PAGE_SIZE = 50;
const ACTIVE_CHOICES = ['true', 'false', 'all'];
// Who holds person.read when the server cannot tell (no GET /api/v1/roles): the
// shipped permission table. It is data, hence "as set up now".
const FALLBACK_READERS = ['ciso', 'security_director', 'security_officer', 'security_manager', 'system_manager', 'auditor', 'csirt'];

const ROUTES = ['/api/v1/persons', '/api/v1/org-units', '/api/v1/roles'];

/** The names of the roles holding person.read, as a list in the UI's language. */
function readers(roles) {
  const codes = roles
    ? roles.filter((r) => (r.permissions ?? []).includes('person.read')).map((r) => ({ role: r.code, role_ja: r.name_ja, role_en: r.name_en }))
    : FALLBACK_READERS;
  return rolesText(codes);
}

function categoryName(code) {
  return has(`people.category.${code}`) ? t(`people.category.${code}`) : String(code ?? '');
}

function errorText(err) {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('error.network');
    if (err.status === 403) return t('error.forbidden.text');
    return t('error.generic', { code: err.code ?? `http_${err.status}` });
  }
  return t('error.generic', { code: 'client' });
}

// ---------------------------------------------------------------------------
// The list

function personRow(p, unitsById) {
  const unitLabel = (id, fallback) => {
    const u = unitsById.get(id);
    return u ? unitName(u) : (fallback ?? t('common.none'));
  };
  const roles = Array.isArray(p.roles) ? p.roles : [];
  return h('tr', { class: p.active === false ? 'is-inactive' : null, dataset: { personId: String(p.id) } },
    h('td', null,
      h('a', { class: 'person-link', href: `#/people/${p.id}` }, h('span', { class: 'person-name', lang: 'ja' }, p.name ?? '')),
      p.name_kana ? h('span', { class: 'person-kana', lang: 'ja' }, p.name_kana) : null),
    h('td', null, categoryName(p.category)),
    h('td', { lang: getLang() === 'en' && unitsById.get(p.org_unit_id)?.name_en ? null : 'ja' }, unitLabel(p.org_unit_id, p.org_unit)),
    h('td', null, roles.length === 0
      ? t('common.none')
      : h('ul', { class: 'role-list' }, roles.map((r) => h('li', null,
        roleName(r),
        r.org_unit_id !== p.org_unit_id && (r.org_unit || unitsById.has(r.org_unit_id))
          ? h('span', { class: 'hint' }, t('people.list.role_unit', { unit: unitLabel(r.org_unit_id, r.org_unit) }))
          : null)))),
    h('td', null, p.login ? h('code', null, p.login) : h('span', { class: 'hint' }, t('people.list.no_login'))),
    h('td', { class: 'nowrap' }, t(p.active === false ? 'people.list.inactive' : 'people.list.active')));
}

/** The list of people: { node, ready (settled after the first page), reload() }. */
function listSection(ctx, { routesPromise, unitsPromise }) {
  const { params, signal, navigate } = ctx;
  const unitParam = (params.get('unit') ?? '').trim();
  const q = (params.get('q') ?? '').trim();
  const activeParam = ACTIVE_CHOICES.includes(params.get('active')) ? params.get('active') : 'true';
  const filtered = Boolean(unitParam || q || activeParam !== 'true');

  const unitSelect = h('select', { id: 'people-unit', name: 'unit', class: 'input input-inline', 'aria-describedby': 'people-unit-hint' },
    h('option', { value: '' }, t('people.list.all_units')));
  const qInput = h('input', {
    id: 'people-q', name: 'q', type: 'search', class: 'input input-inline', value: q,
    placeholder: t('people.list.search_placeholder'), autocomplete: 'off',
  });
  const activeSelect = h('select', { id: 'people-active', name: 'active', class: 'input input-inline' },
    ACTIVE_CHOICES.map((v) => h('option', { value: v, selected: v === activeParam }, t(`people.list.active_choice.${v}`))));

  const query = () => {
    const out = {};
    if (unitSelect.value) out.unit = unitSelect.value;
    if (qInput.value.trim()) out.q = qInput.value.trim();
    if (activeSelect.value !== 'true') out.active = activeSelect.value;
    return Object.keys(out).length ? out : null;
  };
  const filter = h('form', {
    class: 'filter filter-people', role: 'search', 'aria-label': t('people.list.filter'),
    onsubmit: (e) => { e.preventDefault(); navigate('/people', query()); },
  },
  h('div', { class: 'filter-field' },
    h('label', { for: 'people-unit' }, t('people.list.unit')),
    unitSelect,
    h('span', { class: 'hint filter-hint', id: 'people-unit-hint' }, t('people.list.unit_hint'))),
  h('div', { class: 'filter-field' }, h('label', { for: 'people-q' }, t('people.list.search')), qInput),
  h('div', { class: 'filter-field' }, h('label', { for: 'people-active' }, t('people.list.active_label')), activeSelect),
  h('div', { class: 'filter-buttons' },
    h('button', { type: 'submit', class: 'button button-secondary' }, t('people.list.apply')),
    filtered
      ? h('button', { type: 'button', class: 'button button-quiet', onclick: () => navigate('/people') }, t('people.list.clear'))
      : null));

  const title = t('people.list.title');
  const tbody = h('tbody');
  const table = h('table', { class: 'table table-people', id: 'people-table' },
    h('caption', { class: 'visually-hidden' }, title),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('people.list.col.name')),
      h('th', { scope: 'col' }, t('people.list.col.category')),
      h('th', { scope: 'col' }, t('people.list.col.unit')),
      h('th', { scope: 'col' }, t('people.list.col.roles')),
      h('th', { scope: 'col' }, t('people.list.col.login')),
      h('th', { scope: 'col' }, t('people.list.col.status')))),
    tbody);
  const region = h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-label': title, hidden: true }, table);
  const status = h('p', { class: 'status', id: 'people-status', role: 'status' });
  const more = h('button', { type: 'button', class: 'button button-secondary', id: 'people-more', hidden: true, onclick: () => load() },
    t('people.list.more'));
  const body = h('div', { class: 'people-list-body' }, filter, status, region, h('div', { class: 'actions' }, more));
  const notice = h('div', { class: 'notice notice-info', id: 'people-list-pending', hidden: true },
    h('p', { class: 'notice-title' }, t('people.list.pending')),
    h('p', null, t('people.list.pending_detail')));
  body.hidden = true;

  let cursor = null;
  let shown = 0;
  let unitsById = new Map();
  let loading = false;

  async function load({ fresh = false } = {}) {
    if (loading) return;
    loading = true;
    more.disabled = true;
    status.textContent = t('people.list.loading');
    if (fresh) {
      cursor = null;
      shown = 0;
    }
    try {
      const data = await get('api/v1/persons', {
        org_unit_id: unitParam || undefined,
        q: q || undefined,
        active: activeParam,
        limit: PAGE_SIZE,
        cursor: cursor ?? undefined,
      }, { signal });
      if (fresh) while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
      const items = data?.items ?? [];
      for (const p of items) tbody.appendChild(personRow(p, unitsById));
      shown += items.length;
      cursor = data?.next_cursor ?? null;
      if (!cursor && document.activeElement === more) region.focus();
      more.hidden = !cursor;
      region.hidden = shown === 0;
      status.textContent = shown === 0
        ? t(filtered ? 'people.list.empty_filtered' : 'people.list.empty')
        : t(cursor ? 'people.list.count_more' : 'people.list.count', { count: formatNumber(shown) });
    } catch (err) {
      if (err?.name === 'AbortError') return;
      status.textContent = errorText(err);
    } finally {
      loading = false;
      more.disabled = false;
    }
  }

  const ready = (async () => {
    let paths;
    try {
      paths = await routesPromise;
    } catch (err) {
      if (err?.name === 'AbortError') return false;
      body.hidden = false;
      status.textContent = errorText(err);
      return false;
    }
    if (!paths.has('/api/v1/persons')) {
      notice.hidden = false;
      return false;
    }
    body.hidden = false;
    const units = await unitsPromise;
    if (signal.aborted) return false;
    if (units) {
      unitsById = new Map(units.map((u) => [u.id, u]));
      for (const { unit, depth } of unitTree(units)) {
        const label = `${'\u3000'.repeat(depth)}${unitName(unit)}${unit.code ? t('people.list.unit_code', { code: unit.code }) : ''}`;
        unitSelect.appendChild(h('option', { value: String(unit.id), selected: String(unit.id) === unitParam }, label));
      }
    } else {
      // Without the units there is nothing to choose from: the filter goes, a chosen unit stays.
      unitSelect.closest('.filter-field').hidden = true;
    }
    await load();
    return true;
  })();

  const node = h('section', { class: 'people-list', id: 'people-list', 'aria-labelledby': 'people-list-heading' },
    h('h2', { id: 'people-list-heading' }, title),
    h('p', null, t('people.list.intro')),
    notice,
    body);
  return {
    node,
    ready,
    reload: async () => { if (await ready) load({ fresh: true }); },
  };
}

// ---------------------------------------------------------------------------
// Adding one person

function addSection(ctx, { unitsPromise, rolesPromise, routesPromise }) {
  const { signal, session } = ctx;
  const body = h('div', { class: 'people-add-body' }, h('p', { class: 'status' }, t('people.list.loading')));
  const ready = (async () => {
    const [units, roles, paths] = await Promise.all([unitsPromise, rolesPromise, routesPromise.catch(() => new Set())]);
    const [bodies, firms] = await Promise.all([
      optionalItems(routesPromise, 'api/v1/related-bodies', signal),
      optionalItems(routesPromise, 'api/v1/contractors', signal),
    ]);
    if (signal.aborted) return;
    while (body.firstChild) body.removeChild(body.firstChild);
    if (!paths.has('/api/v1/persons') || !units) {
      body.append(h('p', { class: 'status' }, t('people.add.unavailable')));
      return;
    }
    // Into the units where the caller manages people (any of theirs, without the role table).
    const mine = roles ? scopeUnits(session.person?.roles, roles, units, 'person.manage') : units;
    const form = personForm({
      prefix: 'person-new',
      person: null,
      units: mine,
      relatedBodies: bodies,
      contractors: firms,
      signal,
      onSaved: (saved) => ctx.navigate(`/people/${saved.id}`, { added: '1' }),
    });
    body.append(form.node);
  })();
  // Folded until wanted: most visits are to read the list.
  const node = h('details', { class: 'card people-add', id: 'people-add' },
    h('summary', null, h('h2', { id: 'people-add-heading' }, t('people.add.title'))),
    h('p', { class: 'hint' }, t('people.add.intro')),
    body);
  return { node, ready };
}

// ---------------------------------------------------------------------------
// The page

export function render(ctx) {
  const { session, signal } = ctx;
  const permissions = session.permissions ?? [];
  const canManage = permissions.includes('person.manage');
  const canRead = permissions.includes('person.read');
  const title = t('module.people.title');

  // One look at the server's routes, one list of units and one of roles, shared by the parts.
  const routesPromise = serverRoutes(signal, ROUTES);
  routesPromise.catch(() => {}); // each user of it reports its own failure
  const rolesPromise = optionalItems(routesPromise, 'api/v1/roles', signal);
  const unitsPromise = optionalItems(routesPromise, 'api/v1/org-units', signal);

  const parts = [];
  const waits = [routesPromise, rolesPromise];
  let list = null;
  if (canManage) {
    const add = addSection(ctx, { unitsPromise, rolesPromise, routesPromise });
    parts.push(add.node);
    waits.push(add.ready);
    const card = importCard(ctx, { unitsPromise, rolesPromise, onImported: () => list?.reload() });
    parts.push(card.node);
    waits.push(card.ready);
  }
  if (canRead) {
    list = listSection(ctx, { routesPromise, unitsPromise });
    parts.push(list.node);
    waits.push(list.ready);
  } else {
    const note = h('p', { class: 'hint', id: 'people-no-list' });
    rolesPromise.then((roles) => { note.textContent = t('people.no_list', { roles: readers(roles) }); });
    parts.push(note);
  }

  const node = h('div', { class: 'page page-wide people', id: 'people-page' },
    h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'lead' }, t('people.intro')),
    parts);
  // Said once everything the page asked for at first has come (or failed): for tests.
  Promise.allSettled(waits).then(() => { if (!signal.aborted) node.dataset.ready = 'true'; });
  return { title, node };
}
