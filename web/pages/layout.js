// The frame around every page after login: header, navigation, main.
//
// The header carries the product name, who is logged in and in which roles, a
// link to My account, the language switch and the logout button. The navigation
// lists the modules the person may open (the audit trail only with audit_event.read).
// Exports renderLayout(), langSwitch(), roleName().

import { h } from '../dom.js';
import { t, has, getLang, formatList, LANGS } from '../i18n.js';
import { MODULES } from '../modules.js';

/**
 * The name of a role in the current language. Role labels are data: the
 * server's role_ja / role_en win (an administrator may have renamed a role);
 * the catalog's names of DESIGN §2 cover a server that sends only the code.
 */
export function roleName(role) {
  const code = typeof role === 'string' ? role : role?.role;
  const fromServer = typeof role === 'object' ? role?.[`role_${getLang()}`] : null;
  if (fromServer) return fromServer;
  return has(`role.${code}`) ? t(`role.${code}`) : String(code ?? '');
}

/** Two toggle buttons, each language named in itself (日本語 / English). */
export function langSwitch(onLang) {
  const current = getLang();
  return h('div', { class: 'lang-switch', role: 'group', 'aria-label': t('lang.label') },
    LANGS.map((lang) => h('button', {
      type: 'button',
      class: 'lang-button',
      lang,
      dataset: { lang },
      'aria-pressed': String(lang === current),
      onclick: () => { if (lang !== getLang()) onLang(lang); },
    }, t(`lang.${lang}`))));
}

function navigation(ctx) {
  const { session, path } = ctx;
  const permitted = (m) => !m.permission || session.permissions.includes(m.permission);
  const item = (href, label, active, extraClass) => h('li', { class: extraClass },
    h('a', { href: `#${href}`, 'aria-current': active ? 'page' : null }, label));
  return h('nav', { class: 'sidenav', 'aria-label': t('nav.label') },
    h('ul', null,
      item('/', t('nav.home'), path === '/'),
      MODULES.filter(permitted).map((m) =>
        item(m.path, t(`module.${m.key}.title`), path === m.path, m.permission ? 'nav-admin' : null))));
}

function masthead(ctx) {
  const person = ctx.session.person ?? {};
  // One name per role, however many units the person holds it in.
  const byCode = new Map();
  for (const r of person.roles ?? []) if (!byCode.has(r.role)) byCode.set(r.role, r);
  const roleNames = [...byCode.values()].map(roleName);
  return h('header', { class: 'masthead' },
    h('div', { class: 'masthead-brand' },
      h('a', { class: 'brand', href: '#/' },
        h('img', { class: 'brand-mark', src: 'favicon.svg', alt: '', width: 28, height: 28 }),
        h('span', { class: 'brand-name' }, t('app.name'))),
      h('span', { class: 'brand-tagline' }, t('app.tagline'))),
    h('div', { class: 'masthead-tools' },
      h('p', { class: 'whoami' },
        h('span', { class: 'visually-hidden' }, t('header.signed_in_as')),
        h('span', { class: 'whoami-name' }, person.name ?? person.login ?? ''),
        roleNames.length ? h('span', { class: 'whoami-roles' }, formatList(roleNames)) : null),
      h('a', { class: 'account-link', href: '#/account', 'aria-current': ctx.path === '/account' ? 'page' : null },
        t('header.account')),
      langSwitch(ctx.onLang),
      h('button', { type: 'button', class: 'button button-quiet logout', onclick: ctx.onLogout },
        t('header.logout'))));
}

/** The whole logged-in page with content in <main>. */
export function renderLayout(ctx, content) {
  const main = h('main', { id: 'main', class: 'main', tabindex: '-1' }, content);
  const skip = h('a', {
    class: 'skip-link',
    href: '#main',
    onclick: (e) => { e.preventDefault(); main.focus(); },
  }, t('app.skip_to_main'));
  return h('div', { class: 'layout' },
    skip,
    masthead(ctx),
    h('div', { class: 'shell' }, navigation(ctx), main));
}
