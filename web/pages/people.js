// People & contractors (#/people): the people of the union, its related bodies
// and its contractors.
//
// - With person.manage: the staff list import (pages/people-import.js).
// - With person.read: the list of people in the caller's scope, 50 at a time
//   from GET /api/v1/persons (unit, name and active filters in the route, so
//   that a filtered list can be bookmarked; "more" follows next_cursor), the
//   unit filter a select of GET /api/v1/org-units in tree order (a unit
//   includes its sub-units).
// - With neither: who may use the page (the roles holding person.read and
//   person.manage in GET /api/v1/roles, the role → permission table), and why
//   it is limited.
//
// The list, the units and the roles are served by routes that a server may not
// have yet: GET /api/v1/openapi.json says which routes exist, and a missing one
// is shown as "not available yet" (or the page does without it) rather than
// asked for (a 404 would be an error in the console for nothing). Exports render().

import { h } from '../dom.js';
import { t, getLang, has } from '../i18n.js';
import { get, ApiError } from '../api.js';
import { roleName } from './layout.js';
import { formatNumber } from './job-panel.js';
import { importCard, unitName, rolesText } from './people-import.js';
import { unitTree } from '../people-data.js';

const PAGE_SIZE = 50;
const ACTIVE_CHOICES = ['true', 'false', 'all'];
// Who holds person.read and person.manage when the server cannot tell (no
// GET /api/v1/roles): the shipped permission table. It is data, hence "as set up now".
const FALLBACK_HOLDERS = {
  'person.read': ['ciso', 'security_director', 'security_officer', 'security_manager', 'system_manager', 'auditor', 'csirt'],
  'person.manage': ['ciso', 'security_director'],
};

// Which of the page's routes the server has. A route that exists stays known; a
// missing one is asked about again after a while (the server may be upgraded).
const ROUTES_RECHECK_MS = 60_000;
const ROUTES = ['/api/v1/persons', '/api/v1/org-units', '/api/v1/roles'];
let routesKnown = null; // { at, paths: Set, complete }

async function serverRoutes(signal) {
  if (routesKnown && (routesKnown.complete || Date.now() - routesKnown.at < ROUTES_RECHECK_MS)) return routesKnown.paths;
  const spec = await get('api/v1/openapi.json', null, { signal });
  const paths = new Set(Object.keys(spec?.paths ?? {}));
  routesKnown = { at: Date.now(), paths, complete: ROUTES.every((r) => paths.has(r)) };
  return paths;
}

/** The items of GET path when the server has the route, else null (also on failure). */
async function optional(routesPromise, path, signal) {
  try {
    const paths = await routesPromise;
    if (!paths.has(`/${path}`)) return null;
    const data = await get(path, null, { signal });
    return Array.isArray(data?.items) ? data.items : null;
  } catch {
    return null;
  }
}

/** The names of the roles holding permission, as a list in the UI's language. */
function holders(roles, permission) {
  const codes = roles
    ? roles.filter((r) => (r.permissions ?? []).includes(permission)).map((r) => ({ role: r.code, role_ja: r.name_ja, role_en: r.name_en }))
    : FALLBACK_HOLDERS[permission];
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
      h('span', { class: 'person-name', lang: 'ja' }, p.name ?? ''),
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
// The page

function whoMay(rolesPromise, signal) {
  const list = h('ul', { id: 'people-who-roles' });
  rolesPromise.then((roles) => {
    if (signal.aborted) return;
    list.append(
      h('li', null, t('people.who.read', { roles: holders(roles, 'person.read') })),
      h('li', null, t('people.who.manage', { roles: holders(roles, 'person.manage') })));
  });
  return h('div', { class: 'notice notice-info', id: 'people-who' },
    h('p', { class: 'notice-title' }, t('people.who.title')),
    h('p', null, t('people.who.why')),
    list,
    h('p', null, t('people.who.ask')));
}

export function render(ctx) {
  const { session, signal } = ctx;
  const permissions = session.permissions ?? [];
  const canManage = permissions.includes('person.manage');
  const canRead = permissions.includes('person.read');
  const title = t('module.people.title');

  // One look at the server's routes, one list of units and one of roles, shared by the parts.
  const routesPromise = serverRoutes(signal);
  routesPromise.catch(() => {}); // each user of it reports its own failure
  const rolesPromise = optional(routesPromise, 'api/v1/roles', signal);

  const parts = [];
  const waits = [routesPromise, rolesPromise];
  if (!canManage && !canRead) {
    parts.push(whoMay(rolesPromise, signal));
  } else {
    const unitsPromise = optional(routesPromise, 'api/v1/org-units', signal);
    let list = null;
    if (canManage) {
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
      rolesPromise.then((roles) => { note.textContent = t('people.no_list', { roles: holders(roles, 'person.read') }); });
      parts.push(note);
    }
  }

  const node = h('div', { class: 'page page-wide people', id: 'people-page' },
    h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'lead' }, t('people.intro')),
    parts);
  // Said once everything the page asked for at first has come (or failed): for tests.
  Promise.allSettled(waits).then(() => { if (!signal.aborted) node.dataset.ready = 'true'; });
  return { title, node };
}
