// The navigation per role, on the demo union: each demo login sees exactly the
// entries written below for its role (by hand, from the role → permission table
// as shipped: People & contractors needs person.read or person.manage, the audit
// trail audit_event.read, the asset ledger asset.read (everyone's but the
// committee's), the reference catalogs reference_catalog.read (not system managers,
// operators or staff), compliance compliance.read (the security roles, auditors and
// the committee); Roles & permissions and the modules being prepared are for everyone), the account link in the header, and, opening a page it may not
// use by its address, the "not allowed" page naming the roles that may — with no
// request for the page's data, no console error, no failed request and no CSP
// violation. The pages it may use open without that state. English for two roles.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, serverMissing } from './support/server.mjs';
import { chromiumMissing, launchBrowser, newContext, logIn, apiSession } from './support/browser.mjs';

// Throws with CI=true: a missing server or browser fails there, never skips.
const skip = serverMissing() ?? chromiumMissing() ?? false;

const TIMEOUT = 15_000;

// What each demo login sees in the navigation, in order.
const NAV = {
  ciso: ['ホーム', '資産台帳', '情報の区分', '対策基準', '実施手順', '参照カタログ', '遵守状況', 'リスク', '適用除外', 'インシデント', '監査', '職員・委託先', '役割と権限', '組織図', '組織改編', '文書', '監査ログ'],
  director: ['ホーム', '資産台帳', '情報の区分', '対策基準', '実施手順', '参照カタログ', '遵守状況', 'リスク', '適用除外', 'インシデント', '監査', '職員・委託先', '役割と権限', '組織図', '組織改編', '文書', '監査ログ'],
  officer: ['ホーム', '資産台帳', '情報の区分', '対策基準', '実施手順', '参照カタログ', '遵守状況', 'リスク', '適用除外', 'インシデント', '監査', '職員・委託先', '役割と権限', '組織図', '組織改編', '文書'],
  manager: ['ホーム', '資産台帳', '情報の区分', '対策基準', '実施手順', '参照カタログ', '遵守状況', 'リスク', '適用除外', 'インシデント', '監査', '職員・委託先', '役割と権限', '組織図', '組織改編', '文書'],
  sysadmin: ['ホーム', '資産台帳', '情報の区分', '対策基準', '実施手順', 'リスク', '適用除外', 'インシデント', '監査', '職員・委託先', '役割と権限', '組織図', '組織改編', '文書'],
  operator: ['ホーム', '資産台帳', '情報の区分', '対策基準', '実施手順', 'リスク', '適用除外', 'インシデント', '監査', '役割と権限', '組織図', '文書'],
  auditor: ['ホーム', '資産台帳', '情報の区分', '対策基準', '実施手順', '参照カタログ', '遵守状況', 'リスク', '適用除外', 'インシデント', '監査', '職員・委託先', '役割と権限', '組織図', '組織改編', '文書'],
  committee: ['ホーム', '情報の区分', '対策基準', '実施手順', '参照カタログ', '遵守状況', '適用除外', 'インシデント', '監査', '役割と権限', '組織図', '文書'],
  csirt: ['ホーム', '資産台帳', '情報の区分', '対策基準', '実施手順', '参照カタログ', 'リスク', '適用除外', 'インシデント', '監査', '職員・委託先', '役割と権限', '組織図', '組織改編', '文書'],
  staff: ['ホーム', '資産台帳', '情報の区分', '対策基準', '実施手順', 'リスク', '適用除外', 'インシデント', '監査', '役割と権限', '組織図', '文書'],
  contractor: ['ホーム', '資産台帳', '情報の区分', '対策基準', '実施手順', 'リスク', '適用除外', 'インシデント', '監査', '役割と権限', '組織図', '文書'],
};

// The same in English, for two of them.
const NAV_EN = {
  director: ['Home', 'Asset ledger', 'Classification', 'Standards', 'Procedures', 'Reference catalogs', 'Compliance', 'Risks', 'Exceptions', 'Incidents', 'Audits',
    'People & contractors', 'Roles & permissions', 'Organisation chart', 'Reorganisations', 'Documents', 'Audit trail'],
  committee: ['Home', 'Classification', 'Standards', 'Procedures', 'Reference catalogs', 'Compliance', 'Exceptions', 'Incidents', 'Audits',
    'Roles & permissions', 'Organisation chart', 'Documents'],
};

// The modules being prepared: marked so, beside their link, for everyone.
const PENDING = ['適用除外', 'インシデント', '監査', '文書'];

// Each page that needs a permission: its address (own: the person's own page), the
// entry that leads there, what shows it has loaded, the API paths its data comes from
// (never asked for by someone who may not use it), and the roles that may.
const GUARDED = [
  {
    hash: '#/people', entry: '職員・委託先', ready: '#people-page[data-ready="true"]',
    data: /\/api\/v1\/(persons|person-imports|org-units)/,
    who: /^現在の設定でこの画面を利用できる役割：最高情報セキュリティ責任者、統括情報セキュリティ責任者、情報セキュリティ責任者、情報セキュリティ管理者、情報システム管理者、監査人、CSIRT要員$/,
  },
  {
    hash: '#/audit', entry: '監査ログ', ready: '#audit-table tbody tr',
    data: /\/api\/v1\/audit-/,
    who: /^現在の設定でこの画面を利用できる役割：最高情報セキュリティ責任者、統括情報セキュリティ責任者$/,
  },
  {
    // One's own page as a person: under People, with person.read.
    hash: 'own', entry: '職員・委託先', ready: '#person-page[data-ready="true"]',
    data: /\/api\/v1\/(persons|role-assignments)/,
    who: /^現在の設定でこの画面を利用できる役割：最高情報セキュリティ責任者、統括情報セキュリティ責任者、情報セキュリティ責任者、情報セキュリティ管理者、情報システム管理者、監査人、CSIRT要員$/,
  },
];

describe('navigation per role', { skip, timeout: 300_000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A page logged in as login; fails on any console message of note, failed request, HTTP error or CSP violation. */
  async function withPage(login, fn, { lang = 'ja' } = {}) {
    const context = await newContext(browser, server.baseURL);
    context.setDefaultTimeout(TIMEOUT);
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    const page = await context.newPage();
    const problems = [];
    const requests = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('requestfailed', (req) => {
      // A read the browser cancels because the page moved on (net::ERR_ABORTED) is no fault.
      if (req.method() === 'GET' && req.failure()?.errorText === 'net::ERR_ABORTED') return;
      problems.push(`request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText}`);
    });
    page.on('request', (req) => requests.push(new URL(req.url()).pathname));
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
    });
    try {
      await logIn(page, { login, password: server.logins[login].password });
      if (lang === 'en') {
        await page.getByRole('button', { name: 'English' }).click();
        await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
      }
      await fn(page, { requests });
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], `${login}: CSP violations`);
      assert.deepEqual(problems, [], `${login}: problems`);
    } finally {
      await context.close();
    }
  }

  const navLinks = (page) => page.getByRole('navigation', { name: /メインメニュー|Main menu/ }).getByRole('link');

  it('the demo has one login per role of DESIGN §2', () => {
    assert.deepEqual(Object.keys(server.logins).sort(), Object.keys(NAV).sort());
  });

  for (const login of Object.keys(NAV)) {
    it(`${login}: exactly its entries; pages it may not use say so when opened by address`, async () => {
      await withPage(login, async (page, { requests }) => {
        await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
        assert.deepEqual(await navLinks(page).allTextContents(), NAV[login]);

        // Modules being prepared: marked beside their link, the link named by the module alone.
        for (const name of PENDING) {
          const link = navLinks(page).filter({ hasText: name }).first();
          const badge = await link.getAttribute('aria-describedby');
          assert.ok(badge, `${name} is marked as being prepared`);
          assert.equal(await page.locator(`#${badge}`).textContent(), '準備中');
        }
        for (const name of NAV[login].filter((n) => !PENDING.includes(n))) {
          assert.equal(await navLinks(page).filter({ hasText: name }).first().getAttribute('aria-describedby'), null, name);
        }

        // Everyone has their account in the header.
        const account = page.locator('header.masthead').getByRole('link', { name: 'アカウント' });
        await account.click();
        await page.getByRole('heading', { level: 1, name: 'アカウント' }).waitFor();
        await page.locator('#account-page[data-ready="true"]').waitFor();

        const self = (await apiSession(page)).person.id;
        for (const g of GUARDED) {
          const allowed = NAV[login].includes(g.entry);
          const hash = g.hash === 'own' ? `#/people/${self}` : g.hash;
          const before = requests.length;
          await page.goto(`/${hash}`);
          await page.locator('main h1').waitFor();
          if (allowed) {
            await page.locator(g.ready).first().waitFor();
            assert.equal(await page.locator('#forbidden').count(), 0, `${login} may open ${hash}`);
          } else {
            await page.locator('#forbidden[data-ready="true"]').waitFor();
            assert.equal(await page.locator('main h1').textContent(), '権限がありません', hash);
            assert.match(await page.locator('#forbidden-who').textContent(), g.who, hash);
            const asked = requests.slice(before).filter((p) => g.data.test(p));
            assert.deepEqual(asked, [], `${login} asked for the data of ${hash}`);
            // The entry stays absent, and nothing in the navigation is marked current.
            assert.deepEqual(await navLinks(page).allTextContents(), NAV[login]);
          }
        }
        // Roles & permissions: for everyone, the table at least.
        await page.goto('/#/roles');
        await page.locator('#roles-page[data-ready="true"]').waitFor();
        assert.equal(await page.locator('#roles-table tbody tr').count(), 10);
      });
    });
  }

  for (const [login, expected] of Object.entries(NAV_EN)) {
    it(`${login} in English`, async () => {
      await withPage(login, async (page) => {
        assert.deepEqual(await navLinks(page).allTextContents(), expected);
        assert.equal(await page.locator('#nav-pending-exceptions').textContent(), 'being prepared');
        await page.locator('header.masthead').getByRole('link', { name: 'My account' }).waitFor();
        if (!expected.includes('Audit trail')) {
          await page.goto('/#/audit');
          await page.locator('#forbidden[data-ready="true"]').waitFor();
          assert.equal(await page.locator('main h1').textContent(), 'Not permitted');
          assert.equal(await page.locator('#forbidden-who').textContent(),
            'Roles that may use this page as set up now: Chief Information Security Officer and Information Security Director');
        }
      }, { lang: 'en' });
    });
  }

  it('the server exits 0 on SIGTERM', async () => {
    const { code, signal, output } = await server.stop();
    assert.equal(signal, null, output);
    assert.equal(code, 0, output);
  });
});
