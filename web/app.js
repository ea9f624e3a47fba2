// mamori's UI: start-up and the hash router.
//
// Routes are hashes (#/login, #/, #/audit?action=…), so the server serves one
// index.html and needs no fallback. The router keeps who is logged in, sends
// anyone not logged in to #/login (and back where they were after login), hides
// pages whose permission the session lacks (the "not allowed" page names the
// roles that may), and moves focus to the page heading after each navigation so
// screen readers announce the new page. Besides the modules' pages there are
// pages with an address of their own: one person (#/people/12) and the
// person's own account (#/account, from the header).
//
// A login that owes a second factor is not logged in yet: the session is pending
// (state.session.mfa_pending) and the login page shows the code or set-up step
// until the server hands out the full session.

import { h, clear } from './dom.js';
import { initialLang, useLang, getLang, t } from './i18n.js';
import { fetchSession, logout } from './session.js';
import { MODULES } from './modules.js';
import { mayUse } from './access.js';
import { renderLayout } from './pages/layout.js';
import * as loginPage from './pages/login.js';
import * as homePage from './pages/home.js';
import * as auditPage from './pages/audit.js';
import * as peoplePage from './pages/people.js';
import * as personPage from './pages/person.js';
import * as rolesPage from './pages/roles.js';
import * as accountPage from './pages/account.js';
import * as unitsPage from './pages/units.js';
import * as reorganisationsPage from './pages/reorganisations.js';
import * as classificationPage from './pages/classification.js';
import * as assetsPage from './pages/assets.js';
import * as assetPage from './pages/asset.js';
import * as catalogPage from './pages/catalog.js';
import * as requirementPage from './pages/requirement.js';
import * as implementationPage from './pages/implementation.js';
import * as proceduresPage from './pages/procedures.js';
import * as procedurePage from './pages/procedure.js';
import * as procedureFormPage from './pages/procedure-form.js';
import * as threatsPage from './pages/threats.js';
import * as lawsPage from './pages/laws.js';
import * as catalogsPage from './pages/catalogs.js';
import * as catalogItemPage from './pages/catalog-item.js';
import * as assetImportPage from './pages/asset-import.js';
import * as compliancePage from './pages/compliance.js';
import * as complianceReferencePage from './pages/compliance-reference.js';
import * as risksPage from './pages/risks.js';
import * as riskPage from './pages/risk.js';
import * as pendingPage from './pages/pending.js';
import * as errorPage from './pages/error.js';

// The pages of the modules that exist; the others show pendingPage.
const MODULE_PAGES = {
  audit_trail: auditPage, people: peoplePage, roles: rolesPage, units: unitsPage, reorganisations: reorganisationsPage,
  classification: classificationPage, assets: assetsPage, standards: catalogPage, catalogs: catalogsPage,
  procedures: proceduresPage,
  compliance: compliancePage, risks: risksPage,
};

// Pages outside the navigation: a pattern of the path (its groups are ctx.match),
// the permission, and the module whose navigation entry leads there (parent).
const OTHER_PAGES = [
  { pattern: /^\/people\/([1-9][0-9]{0,15})$/, page: personPage, permission: 'person.read', parent: '/people' },
  { pattern: /^\/account$/, page: accountPage },
  { pattern: /^\/assets\/(new)$/, page: assetPage, permission: 'asset.write', parent: '/assets' },
  { pattern: /^\/assets\/import$/, page: assetImportPage, permission: 'asset.write', parent: '/assets' },
  { pattern: /^\/assets\/([1-9][0-9]{0,15})$/, page: assetPage, permission: 'asset.read', parent: '/assets' },
  { pattern: /^\/requirements\/([1-9][0-9]{0,15})$/, page: requirementPage, permission: 'catalog.read', parent: '/catalog' },
  { pattern: /^\/implementations\/([1-9][0-9]{0,15})$/, page: implementationPage, permission: 'asset.read', parent: '/catalog' },
  { pattern: /^\/procedures\/(new)$/, page: procedureFormPage, permission: 'procedure.manage', parent: '/procedures' },
  { pattern: /^\/procedures\/([1-9][0-9]{0,15})\/edit$/, page: procedureFormPage, permission: 'procedure.manage', parent: '/procedures' },
  { pattern: /^\/procedures\/([1-9][0-9]{0,15})$/, page: procedurePage, permission: 'procedure.read', parent: '/procedures' },
  { pattern: /^\/risks\/(new)$/, page: riskPage, permission: 'implementation.write', parent: '/risks' },
  { pattern: /^\/risks\/([1-9][0-9]{0,15})$/, page: riskPage, permission: 'asset.read', parent: '/risks' },
  { pattern: /^\/compliance\/(soa)$/, page: compliancePage, permission: 'compliance.read', parent: '/compliance' },
  { pattern: /^\/compliance\/reference$/, page: complianceReferencePage, permission: 'compliance.read', parent: '/compliance' },
  { pattern: /^\/threats$/, page: threatsPage, permission: 'catalog.read', parent: '/catalog' },
  { pattern: /^\/laws(?:\/([1-9][0-9]{0,15}))?$/, page: lawsPage, permission: 'catalog.read', parent: '/catalog' },
  { pattern: /^\/catalogs\/([1-9][0-9]{0,15})$/, page: catalogsPage, permission: 'reference_catalog.read', parent: '/catalogs' },
  { pattern: /^\/catalog-items\/([1-9][0-9]{0,15})$/, page: catalogItemPage, permission: 'reference_catalog.read', parent: '/catalogs' },
];

// setTimeout's longest delay (about 24.8 days).
const MAX_TIMER_MS = 2 ** 31 - 1;

const root = document.getElementById('app');

const state = {
  session: { authenticated: false, permissions: [] },
  flash: null, // catalog key of a one-time notice on the next page
  returnTo: null, // the hash to go back to after login
  controller: null, // aborts the current page's requests when it is left
  expiryTimer: null,
};

function parseHash() {
  let raw = location.hash.replace(/^#/, '');
  try {
    raw = decodeURI(raw);
  } catch {
    // A malformed %-escape: route on the raw text, which will be 'not found'.
  }
  raw = raw || '/';
  const q = raw.indexOf('?');
  return {
    path: q < 0 ? raw : raw.slice(0, q),
    params: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)),
  };
}

/** Goes to #path?query; re-renders even when the hash does not change. */
function navigate(path, query) {
  const qs = query ? new URLSearchParams(query).toString() : '';
  const hash = `#${path}${qs ? `?${qs}` : ''}`;
  if (location.hash === hash) render();
  else location.hash = hash;
}

function routeFor(path) {
  if (path === '/login') return { public: true, page: loginPage };
  if (path === '/') return { page: homePage };
  const module = MODULES.find((m) => m.path === path);
  if (module) {
    return {
      page: (module.ready && MODULE_PAGES[module.key]) || pendingPage,
      module,
      permission: module.permission,
    };
  }
  for (const other of OTHER_PAGES) {
    const match = other.pattern.exec(path);
    if (match) return { page: other.page, permission: other.permission, match, parent: other.parent };
  }
  return { page: { render: errorPage.notFound } };
}

function render({ focus = 'heading' } = {}) {
  state.controller?.abort();
  const controller = new AbortController();
  state.controller = controller;

  const { path, params } = parseHash();
  const route = routeFor(path);
  const authenticated = state.session.authenticated;
  if (!route.public && !authenticated) {
    if (path !== '/') state.returnTo = location.hash;
    location.replace('#/login');
    return;
  }
  if (route.public && authenticated) {
    location.replace('#/');
    return;
  }

  const ctx = {
    session: state.session,
    lang: getLang(),
    path,
    params,
    signal: controller.signal,
    module: route.module,
    match: route.match ?? null,
    parent: route.parent ?? null,
    permission: route.permission,
    flash: state.flash,
    navigate,
    onLogin,
    onPending,
    onLogout,
    onLang,
  };
  state.flash = null;

  const permitted = mayUse(route.permission, state.session.permissions);
  const view = permitted ? route.page.render(ctx) : errorPage.forbidden(ctx);
  document.title = `${view.title} — ${t('app.name')}`;

  clear(root);
  root.appendChild(route.public ? view.node : renderLayout(ctx, view.node));

  if (focus === 'heading') {
    // The login page's first input (the login ID, or the code of the second step),
    // else its heading (a set-up to read first).
    const target = (route.public && root.querySelector('[data-autofocus]')) || root.querySelector('main h1');
    target?.focus();
  } else if (focus) {
    root.querySelector(focus)?.focus();
  }
}

function scheduleExpiry() {
  clearTimeout(state.expiryTimer);
  state.expiryTimer = null;
  const at = Date.parse(state.session.expires_at ?? '');
  if (!state.session.authenticated || Number.isNaN(at)) return;
  // A second late, so the server surely agrees the session is over.
  const delay = Math.min(Math.max(at - Date.now() + 1000, 0), MAX_TIMER_MS);
  state.expiryTimer = setTimeout(async () => {
    try {
      const s = await fetchSession();
      if (s.authenticated) {
        state.session = s; // extended by the server
        scheduleExpiry();
        return;
      }
    } catch {
      // Unreachable server: treat as expired, the login page will say more.
    }
    sessionEnded();
  }, delay);
}

// The requests of one page may be refused together (401): the first refusal handles
// it, the others wait for it, so the login page is shown once, with its notice.
let ending = null;
function sessionEnded() {
  ending ??= endSession().finally(() => { ending = null; });
  return ending;
}

async function endSession() {
  try {
    state.session = await fetchSession();
  } catch {
    state.session = { authenticated: false, permissions: [] };
  }
  if (state.session.authenticated) return; // someone logged in in another tab
  scheduleExpiry();
  // A pending session: a role that requires a second factor was granted meanwhile,
  // or the login's step was refused; the login page shows what is owed.
  state.flash = state.session.mfa_pending ? 'login.mfa_owed' : 'login.session_expired';
  if (parseHash().path !== '/login') state.returnTo = location.hash;
  navigate('/login');
}

function onLogin(session) {
  state.session = session;
  scheduleExpiry();
  const target = state.returnTo ?? '#/';
  state.returnTo = null;
  location.hash = target;
}

/** The password was right and a second factor is owed: the login page shows its step. */
function onPending(session) {
  state.session = session;
  scheduleExpiry();
  navigate('/login');
}

async function onLogout() {
  try {
    state.session = await logout();
  } catch {
    // The server may be gone; forget the session here anyway.
    state.session = { authenticated: false, permissions: [] };
  }
  scheduleExpiry();
  state.flash = 'login.logged_out';
  state.returnTo = null;
  navigate('/login');
}

async function onLang(lang) {
  await useLang(lang, { remember: true });
  render({ focus: `[data-lang="${lang}"]` });
}

async function boot() {
  try {
    state.session = await fetchSession();
  } catch {
    const view = errorPage.unavailable(boot);
    document.title = `${view.title} — ${t('app.name')}`;
    clear(root);
    root.appendChild(h('main', { id: 'main', class: 'main main-standalone' }, view.node));
    return;
  }
  scheduleExpiry();
  render({ focus: parseHash().path === '/login' ? 'heading' : null });
}

async function start() {
  try {
    await useLang(initialLang());
  } catch (err) {
    // Without a catalog there are no words to show but these.
    root.textContent = 'mamori: 画面を読み込めませんでした。 / The page could not be loaded.';
    throw err;
  }
  window.addEventListener('hashchange', () => render());
  window.addEventListener('mamori:unauthenticated', sessionEnded);
  await boot();
}

start();
