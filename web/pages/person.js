// One person (#/people/<id>, needs person.read): who they are (name, reading,
// category with the related body or contractor they come from, unit,
// employment dates, whether they are still here, login) and the roles they hold
// or held (GET /api/v1/role-assignments?person_id=), with a way to the role
// assignments page to grant or revoke.
//
// For those who manage people in the person's unit (person.manage in a unit
// covering it, as the role → permission table says): the form to change the
// person (pages/person-form.js: PATCH with If-Match; a stale version says the
// person was changed by someone else, with a button to load them again), and
// deactivation (第4条2: the person has left; their login stops at once, the
// record stays) after a confirmation. The server decides every change again.
//
// A person outside the caller's units is, for the caller, no one: the page says
// "not found" exactly as for an id that does not exist. Exports render(), and
// periodText() and stateBadge() for the role assignments of pages/roles.js.

import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import {
  get, request, ifMatch, ApiError,
} from '../api.js';
import { formatDay, todayInZone } from '../time.js';
import { scopeUnits, assignmentState } from '../access.js';
import { confirmAction, requestError } from '../forms.js';
import { row } from './job-panel.js';
import { roleName } from './layout.js';
import { unitName } from './people-import.js';
import { personForm } from './person-form.js';

/** The unit's name in the UI's language, from the list of units when known. */
function unitLabel(unitsById, id, fallback) {
  const u = unitsById.get(id);
  return u ? unitName(u) : (fallback ?? t('common.none'));
}

/** '令和7年4月1日〜' / '2025-04-01 to 2026-03-31' / '—'. */
export function periodText(from, to, lang) {
  if (!from && !to) return t('common.none');
  return t('person.period', {
    from: from ? formatDay(from, lang) : t('person.period_open'),
    to: to ? formatDay(to, lang) : '',
  }).trim();
}

export function stateBadge(state) {
  return h('span', { class: `badge badge-${state}` }, t(`roles.state.${state}`));
}

function summaryCard(p, unitsById, lang) {
  const link = p.category === 'related_body'
    ? row(t('person.related_body'), p.related_body ?? h('span', { class: 'hint' }, t('person.link_missing')))
    : p.category === 'contractor'
      ? row(t('person.contractor'), p.contractor ?? h('span', { class: 'hint' }, t('person.link_missing')))
      : null;
  return h('section', { class: 'card', 'aria-labelledby': 'person-summary-heading' },
    h('h2', { id: 'person-summary-heading' }, t('person.summary')),
    h('dl', { class: 'summary', id: 'person-summary' },
      row(t('person.name'), h('span', { lang: 'ja' }, p.name)),
      row(t('person.kana'), p.name_kana ? h('span', { lang: 'ja' }, p.name_kana) : t('common.none')),
      row(t('person.category'), t(`people.category.${p.category}`)),
      link,
      row(t('person.unit'), unitLabel(unitsById, p.org_unit_id, p.org_unit)),
      row(t('person.employment'), periodText(p.employed_from, p.employed_to, lang)),
      row(t('person.status'), h('span', { class: p.active ? 'badge badge-current' : 'badge badge-ended', id: 'person-active' },
        t(p.active ? 'people.list.active' : 'people.list.inactive'))),
      row(t('person.login'), p.login ? h('code', null, p.login) : h('span', { class: 'hint' }, t('people.list.no_login')))));
}

function rolesCard(p, assignments, unitsById, lang, mayGrant) {
  const today = todayInZone();
  const body = assignments === null
    ? h('p', { class: 'status' }, t('person.roles.unavailable'))
    : assignments.length === 0
      ? h('p', null, t('person.roles.none'))
      : h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-label': t('person.roles.title') },
        h('table', { class: 'table', id: 'person-roles' },
          h('caption', { class: 'visually-hidden' }, t('person.roles.title')),
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, t('roles.col.role')),
            h('th', { scope: 'col' }, t('roles.col.unit')),
            h('th', { scope: 'col' }, t('roles.col.period')),
            h('th', { scope: 'col' }, t('roles.col.state')))),
          h('tbody', null, assignments.map((a) => h('tr', { dataset: { assignmentId: String(a.id) } },
            h('td', null, roleName(a)),
            h('td', null, unitLabel(unitsById, a.org_unit_id, a.org_unit)),
            h('td', { class: 'nowrap' }, periodText(a.valid_from, a.valid_to, lang)),
            h('td', null, stateBadge(assignmentState(a, today))))))));
  return h('section', { class: 'card', 'aria-labelledby': 'person-roles-heading' },
    h('h2', { id: 'person-roles-heading' }, t('person.roles.title')),
    body,
    h('p', null, h('a', { href: `#/roles?person=${p.id}`, id: 'person-roles-link' },
      t(mayGrant ? 'person.roles.manage_link' : 'person.roles.list_link'))));
}

export function render(ctx) {
  const { session, signal, lang } = ctx;
  const id = Number(ctx.match[1]);
  const permissions = session.permissions ?? [];
  const title = t('person.title');
  const heading = h('h1', { tabindex: '-1' }, title);
  const kanaLine = h('p', { class: 'lead person-kana', lang: 'ja' });
  const status = h('p', { class: 'status', role: 'status', id: 'person-status' });
  const content = h('div', { class: 'person-content' });
  const node = h('div', { class: 'page person', id: 'person-page' },
    h('p', { class: 'back' }, h('a', { href: '#/people' }, t('person.back'))),
    heading, kanaLine, status, content);

  // The page's title follows the person once they are known.
  const shown = (name) => {
    heading.textContent = name;
    document.title = `${name} — ${t('app.name')}`;
  };

  const soft = (p) => p.catch((err) => { if (err?.name === 'AbortError') throw err; return null; });
  const rolesP = soft(get('api/v1/roles', null, { signal }));
  const unitsP = soft(get('api/v1/org-units', null, { signal }));
  const mayManage = permissions.includes('person.manage');
  const bodiesP = mayManage && permissions.includes('person.read') ? soft(get('api/v1/related-bodies', null, { signal })) : Promise.resolve(null);
  const firmsP = mayManage && permissions.includes('person.read') ? soft(get('api/v1/contractors', null, { signal })) : Promise.resolve(null);

  async function load({ message } = {}) {
    node.dataset.ready = 'false';
    let person;
    try {
      person = await get(`api/v1/persons/${id}`, null, { signal });
    } catch (err) {
      if (err?.name === 'AbortError') return;
      clear(content);
      status.textContent = '';
      if (err instanceof ApiError && err.status === 404) {
        shown(t('person.not_found.title'));
        content.append(h('p', { id: 'person-not-found' }, t('person.not_found.text')),
          h('p', null, h('a', { href: '#/people' }, t('person.back'))));
      } else {
        status.textContent = requestError(err);
      }
      node.dataset.ready = 'true';
      return;
    }
    const [roleTable, units, bodies, firms] = await Promise.all([rolesP, unitsP, bodiesP, firmsP]);
    let assignments = null;
    try {
      assignments = (await get('api/v1/role-assignments', { person_id: id, limit: 500 }, { signal }))?.items ?? [];
    } catch (err) {
      if (err?.name === 'AbortError') return;
    }
    if (signal.aborted) return;
    show(person, { roleTable: roleTable?.items ?? null, units: units?.items ?? [], bodies: bodies?.items ?? null, firms: firms?.items ?? null, assignments });
    status.textContent = message ?? '';
    node.dataset.ready = 'true';
  }

  function show(person, { roleTable, units, bodies, firms, assignments }) {
    shown(person.name);
    kanaLine.textContent = person.name_kana ?? '';
    kanaLine.hidden = !person.name_kana;
    const unitsById = new Map(units.map((u) => [u.id, u]));
    // Where the caller manages people: the units of their roles with person.manage.
    const manageUnits = mayManage && roleTable ? scopeUnits(session.person?.roles, roleTable, units, 'person.manage') : [];
    const manages = manageUnits.some((u) => u.id === person.org_unit_id);
    const self = session.person?.id === person.id;

    const parts = [summaryCard(person, unitsById, lang),
      rolesCard(person, assignments, unitsById, lang, permissions.includes('role.grant'))];
    if (manages) {
      const form = personForm({
        prefix: 'person-edit',
        person,
        units: manageUnits,
        relatedBodies: bodies,
        contractors: firms,
        signal,
        onSubmit: () => { status.textContent = ''; },
        onSaved: () => load({ message: t('person.saved') }).then(() => heading.focus()),
        onStale: () => load({ message: t('person.reloaded') }).then(() => heading.focus()),
      });
      parts.push(h('section', { class: 'card', 'aria-labelledby': 'person-edit-heading' },
        h('h2', { id: 'person-edit-heading' }, t('person.edit.title')),
        h('p', { class: 'hint' }, t('person.edit.intro')),
        form.node));
      if (person.active && !self) parts.push(deactivateCard(person));
    }
    clear(content);
    content.append(...parts);
  }

  function deactivateCard(person) {
    const alert = h('div', { class: 'form-error', role: 'alert', id: 'person-deactivate-error' });
    const button = h('button', {
      type: 'button', class: 'button button-danger', id: 'person-deactivate',
      onclick: async () => {
        alert.textContent = '';
        status.textContent = '';
        const yes = await confirmAction({
          id: 'person-deactivate-dialog',
          title: t('person.deactivate.confirm_title', { name: person.name }),
          text: t('person.deactivate.confirm_text', { name: person.name }),
          confirm: t('person.deactivate.confirm'),
        });
        if (!yes) {
          button.focus();
          return;
        }
        button.disabled = true;
        try {
          await request('POST', `api/v1/persons/${person.id}/deactivate`, { headers: ifMatch(person.version), signal });
          await load({ message: t('person.deactivate.done', { name: person.name }) });
          heading.focus();
        } catch (err) {
          if (err?.name === 'AbortError') return;
          button.disabled = false;
          if (err instanceof ApiError && err.status === 412) {
            alert.append(h('span', null, t('person.form.stale')), ' ',
              h('button', {
                type: 'button', class: 'button button-small button-secondary', id: 'person-deactivate-reload',
                onclick: () => load({ message: t('person.reloaded') }).then(() => heading.focus()),
              }, t('person.form.reload')));
          } else {
            alert.textContent = requestError(err);
          }
        }
      },
    }, t('person.deactivate.button'));
    return h('section', { class: 'card card-danger', 'aria-labelledby': 'person-deactivate-heading' },
      h('h2', { id: 'person-deactivate-heading' }, t('person.deactivate.title')),
      h('p', null, t('person.deactivate.intro')),
      alert,
      h('div', { class: 'actions' }, button));
  }

  status.textContent = t('person.loading');
  load({ message: ctx.params.get('added') ? t('person.added') : '' });
  return { title, node };
}
