// The home page (#/): who is logged in, in which roles, until when.
//
// Today's date is the date in the body's zone (Asia/Tokyo), in 和暦 in
// Japanese and ISO 8601 in English. Exports render().

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { formatDate, formatDateTime, formatWeekday, zonedParts } from '../time.js';
import { roleName } from './layout.js';

function isoDate(value) {
  const p = zonedParts(value);
  return p ? `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}` : '';
}

function row(label, value) {
  return h('div', { class: 'summary-row' }, h('dt', null, label), h('dd', null, value));
}

export function render(ctx) {
  const { session, lang } = ctx;
  const person = session.person ?? {};
  const roles = person.roles ?? [];
  const permissions = [...(session.permissions ?? [])].sort();
  const now = new Date();
  const title = t('home.title');

  const today = h('time', { datetime: isoDate(now) },
    t('home.today_value', { date: formatDate(now, lang), weekday: formatWeekday(now, lang) }));
  const expires = session.expires_at
    ? h('time', { datetime: session.expires_at },
      t('home.expires_value', { time: formatDateTime(session.expires_at, lang, { seconds: false }) }))
    : t('common.none');

  const rolesSection = h('section', { class: 'card', 'aria-labelledby': 'home-roles' },
    h('h2', { id: 'home-roles' }, t('home.roles.heading')),
    roles.length === 0
      ? h('p', null, t('home.roles.none'))
      : h('table', { class: 'table' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('home.roles.role')),
          h('th', { scope: 'col' }, t('home.roles.unit')),
          h('th', { scope: 'col' }, t('home.roles.code')))),
        h('tbody', null, roles.map((r) => h('tr', null,
          h('td', null, roleName(r)),
          h('td', null, r.org_unit ?? t('common.none')),
          h('td', null, h('code', null, r.role)))))));

  const permissionsSection = h('section', { class: 'card', 'aria-labelledby': 'home-perms' },
    h('h2', { id: 'home-perms' }, t('home.permissions.heading')),
    h('p', null, t('home.permissions.intro')),
    h('details', null,
      h('summary', null, t('home.permissions.count', { count: permissions.length })),
      h('ul', { class: 'code-list' }, permissions.map((p) => h('li', null, h('code', null, p))))));

  const node = h('div', { class: 'page' },
    h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'lead' }, t('home.welcome', { name: person.name ?? person.login ?? '' })),
    h('section', { class: 'card', 'aria-labelledby': 'home-session' },
      h('h2', { id: 'home-session' }, t('home.session.heading')),
      h('dl', { class: 'summary' },
        row(t('home.today'), today),
        row(t('home.name'), person.name ?? t('common.none')),
        row(t('home.login'), person.login ?? t('common.none')),
        row(t('home.expires'), expires))),
    rolesSection,
    permissionsSection);
  return { title, node };
}
