// The UI against the real server: login (wrong and right password), the
// layout, the language switch, the audit trail, logout. Screenshots of the
// logged-in pages go to /tmp/mamori-e2e-*.png for a person to look at.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, serverMissing, ADMIN_LOGIN, ADMIN_PASSWORD } from './support/server.mjs';
import { chromiumMissing, launchBrowser, newContext, logIn, afterPassword, apiSession } from './support/browser.mjs';
import { formatDate, formatDateTime } from '../../web/time.js';

// Throws with CI=true: a missing server or browser fails there, never skips.
const skip = serverMissing() ?? chromiumMissing() ?? false;

const TIMEOUT = 15_000;

describe('mamori UI', { skip, timeout: 180_000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function withPage(fn) {
    const context = await newContext(browser, server.baseURL);
    context.setDefaultTimeout(TIMEOUT);
    const page = await context.newPage();
    try {
      await fn(page, context);
    } finally {
      await context.close();
    }
  }

  const nav = (page) => page.getByRole('navigation');
  const hashOf = (page) => new URL(page.url()).hash;

  it('a wrong password shows the error and stays on the login page', async () => {
    await withPage(async (page) => {
      await page.goto('/');
      await page.getByLabel('ログインID').waitFor();
      assert.equal(hashOf(page), '#/login');
      assert.equal(await page.getAttribute('html', 'lang'), 'ja');
      assert.equal(await page.title(), 'ログイン — mamori 守り');

      await page.getByLabel('ログインID').fill(ADMIN_LOGIN);
      await page.getByLabel('パスワード').fill('not-the-password-at-all');
      await page.getByRole('button', { name: 'ログイン' }).click();
      const alert = page.getByRole('alert');
      await alert.getByText('ログインIDまたはパスワードが正しくありません').waitFor();
      assert.equal(hashOf(page), '#/login');
      assert.equal(await page.locator('header.masthead').count(), 0);
      assert.equal(await page.getByLabel('パスワード').inputValue(), '');
      assert.equal((await apiSession(page)).authenticated, false);
    });
  });

  it('the right password shows the layout with the person, roles and session', async () => {
    await withPage(async (page) => {
      // Through the form each time here: the audit trail test below counts these logins.
      await logIn(page, { reuse: false });
      assert.equal(hashOf(page), '#/');
      const session = await apiSession(page);
      assert.equal(session.authenticated, true);
      assert.equal(session.person.login, ADMIN_LOGIN);

      const header = page.locator('header.masthead');
      assert.match(await header.textContent(), /mamori 守り/);
      assert.equal(await header.locator('.whoami-name').textContent(), session.person.name);
      assert.match(await header.locator('.whoami-roles').textContent(), /最高情報セキュリティ責任者/);
      await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
      assert.equal(await page.title(), 'ホーム — mamori 守り');

      for (const label of ['資産台帳', '対策基準', 'リスク', '適用除外', 'インシデント', '監査',
        '職員・委託先', '文書', '監査ログ']) {
        await nav(page).getByRole('link', { name: label, exact: true }).waitFor();
      }

      // Today in 和暦 (the body's zone, not the browser's), expiry in Tokyo time.
      const main = page.locator('main');
      const text = await main.textContent();
      assert.ok(text.includes(formatDate(new Date(), 'ja')), `no 和暦 date in: ${text}`);
      assert.match(text, /令和(元|\d+)年\d+月\d+日/);
      assert.ok(text.includes(formatDateTime(session.expires_at, 'ja', { seconds: false })),
        `no expiry ${session.expires_at} in: ${text}`);
      for (const r of session.person.roles) {
        if (r.org_unit) assert.ok(text.includes(r.org_unit), `org unit ${r.org_unit}`);
      }
      await page.screenshot({ path: '/tmp/mamori-e2e-home-ja.png', fullPage: true });

      // A module that is not built yet says so rather than showing anything.
      await nav(page).getByRole('link', { name: '適用除外', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: '適用除外' }).waitFor();
      await main.getByText('この機能は準備中です').waitFor();
      assert.equal(hashOf(page), '#/exceptions');
      assert.equal(await nav(page).getByRole('link', { name: '適用除外', exact: true }).getAttribute('aria-current'), 'page');
    });
  });

  it('the language switch changes the labels and survives a reload', async () => {
    await withPage(async (page) => {
      await logIn(page, { reuse: false });
      await nav(page).getByRole('link', { name: '資産台帳', exact: true }).waitFor();

      await page.getByRole('button', { name: 'English' }).click();
      await nav(page).getByRole('link', { name: 'Asset ledger', exact: true }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await nav(page).getByRole('link', { name: '資産台帳' }).count(), 0);
      assert.equal(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed'), 'true');

      await page.reload();
      await nav(page).getByRole('link', { name: 'Asset ledger', exact: true }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
      const text = await page.locator('main').textContent();
      assert.ok(text.includes(formatDate(new Date(), 'en')), `no ISO date in: ${text}`);
      assert.match(text, /Chief Information Security Officer/);
      await page.screenshot({ path: '/tmp/mamori-e2e-home-en.png', fullPage: true });

      await nav(page).getByRole('link', { name: 'Documents' }).click();
      await page.locator('main').getByText('This module is being prepared.').waitFor();

      await page.getByRole('button', { name: '日本語' }).click();
      await nav(page).getByRole('link', { name: '資産台帳', exact: true }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'ja');
      await page.locator('main').getByText('この機能は準備中です').waitFor();
      await page.reload();
      await nav(page).getByRole('link', { name: '資産台帳', exact: true }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    });
  });

  it('the language choice also applies to the login page', async () => {
    await withPage(async (page) => {
      await page.goto('/');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByLabel('Login ID').waitFor();
      await page.getByLabel('Password').fill('wrong-password-again');
      await page.getByLabel('Login ID').fill(ADMIN_LOGIN);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('alert').getByText('The login ID or password is incorrect.').waitFor();
    });
  });

  it('the audit trail lists the login.success event', async () => {
    // A second login first, so there are at least two login.success events.
    await withPage(async (page) => { await logIn(page); });
    await withPage(async (page) => {
      await logIn(page);
      await nav(page).getByRole('link', { name: '監査ログ', exact: true }).click();
      assert.equal(hashOf(page), '#/audit');
      await page.getByRole('heading', { level: 1, name: '監査ログ' }).waitFor();
      const rows = page.locator('#audit-table tbody tr');
      await rows.first().waitFor();
      const loginRow = rows.filter({ has: page.locator('code.action', { hasText: /^login\.success$/ }) }).first();
      await loginRow.waitFor();
      assert.equal((await loginRow.locator('td').nth(2).textContent()).trim(), ADMIN_LOGIN);

      // The newest event, as the server has it, shown in Tokyo time with a 和暦 date.
      const res = await page.request.get('/api/v1/audit-events?limit=50');
      assert.equal(res.status(), 200);
      const { items } = await res.json();
      assert.ok(items.some((e) => e.action === 'login.success'));
      const first = rows.first();
      assert.equal((await first.locator('td').nth(0).textContent()).trim(), String(items[0].seq));
      assert.equal((await first.locator('td').nth(1).textContent()).trim(), formatDateTime(items[0].occurred_at, 'ja'));
      await page.screenshot({ path: '/tmp/mamori-e2e-audit-ja.png', fullPage: true });

      // Filter by action: only login.success rows, and the filter is in the URL.
      await page.getByLabel('操作で絞り込み').fill('login.success');
      await page.getByRole('button', { name: '絞り込む' }).click();
      await page.waitForURL(/#\/audit\?action=login\.success$/);
      await page.locator('#audit-table tbody tr').first().waitFor();
      const actions = await page.locator('#audit-table tbody code.action').allTextContents();
      assert.ok(actions.length >= 2, `login.success rows: ${actions.length}`);
      assert.deepEqual([...new Set(actions)], ['login.success']);
    });
  });

  it('"more" follows next_cursor', async () => {
    await withPage(async (page, context) => {
      await logIn(page);
      // Ask the real server for pages of one event, so a fresh store has several pages.
      await context.route('**/api/v1/audit-events?*', (route) => {
        const url = new URL(route.request().url());
        url.searchParams.set('limit', '1');
        route.continue({ url: url.toString() });
      });
      await page.goto('/#/audit?action=login.success');
      const rows = page.locator('#audit-table tbody tr');
      await rows.first().waitFor();
      assert.equal(await rows.count(), 1);
      const more = page.getByRole('button', { name: 'さらに表示' });
      await more.waitFor();
      const firstSeq = Number(await rows.nth(0).locator('td').first().textContent());
      await more.click();
      await rows.nth(1).waitFor();
      const secondSeq = Number(await rows.nth(1).locator('td').first().textContent());
      assert.ok(secondSeq < firstSeq, `newest first: ${firstSeq} then ${secondSeq}`);
    });
  });

  it('logout returns to the login page and ends the session', async () => {
    await withPage(async (page) => {
      await logIn(page);
      await page.getByRole('button', { name: 'ログアウト' }).click();
      await page.getByLabel('ログインID').waitFor();
      assert.equal(hashOf(page), '#/login');
      await page.getByRole('status').getByText('ログアウトしました').waitFor();
      assert.equal((await apiSession(page)).authenticated, false);

      // A page that needs login goes to the login page, and back there after it.
      await page.goto('/#/audit');
      await page.getByLabel('ログインID').waitFor();
      assert.equal(hashOf(page), '#/login');
      await page.getByLabel('ログインID').fill(ADMIN_LOGIN);
      await page.getByLabel('パスワード').fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'ログイン' }).click();
      await afterPassword(page); // the CISO's code step
      await page.getByRole('heading', { level: 1, name: '監査ログ' }).waitFor();
      assert.equal(hashOf(page), '#/audit');
    });
  });

  it('the server exits 0 on SIGTERM', async () => {
    const { code, signal, output } = await server.stop();
    assert.equal(signal, null, output);
    assert.equal(code, 0, output);
  });
});
