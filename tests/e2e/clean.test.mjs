// The UI loads and runs with no console errors, no uncaught exceptions, no
// failed requests and no Content-Security-Policy violations, on every page and
// in both languages, including the audit trail's jobs (verify, export, copy the
// hash, download), the staff list import (a file through the input, the
// template download), a person's page, Roles & permissions and My account (an
// API token made, copied and revoked); and the server sends the CSP and the
// right content types.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, serverMissing } from './support/server.mjs';
import { chromiumMissing, launchBrowser, newContext, logIn, apiSession } from './support/browser.mjs';
import { MODULES } from '../../web/modules.js';

// Throws with CI=true: a missing server or browser fails there, never skips.
const skip = serverMissing() ?? chromiumMissing() ?? false;

describe('mamori UI runs clean', { skip, timeout: 180_000 }, () => {
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

  it('serves the UI with the CSP and the right content types', async () => {
    const expected = {
      '/': /^text\/html/,
      '/index.html': /^text\/html/,
      '/app.js': /^(text|application)\/javascript/,
      '/pages/audit.js': /^(text|application)\/javascript/,
      '/pages/people.js': /^(text|application)\/javascript/,
      '/pages/person.js': /^(text|application)\/javascript/,
      '/pages/roles.js': /^(text|application)\/javascript/,
      '/pages/account.js': /^(text|application)\/javascript/,
      '/people-data.js': /^(text|application)\/javascript/,
      '/app.css': /^text\/css/,
      '/i18n/ja.json': /^application\/json/,
      '/i18n/en.json': /^application\/json/,
      '/favicon.svg': /^image\/svg\+xml/,
    };
    for (const [path, type] of Object.entries(expected)) {
      const res = await fetch(server.baseURL + path);
      await res.arrayBuffer();
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', type, path);
    }
    const res = await fetch(`${server.baseURL}/`);
    await res.arrayBuffer();
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
  });

  it('no console error, page error, failed request or CSP violation', async () => {
    const context = await newContext(browser, server.baseURL);
    context.setDefaultTimeout(15_000);
    // Runs before the page's own scripts; CSP does not apply to it.
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('requestfailed', (req) => {
      problems.push(`request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
    });
    const violations = async () => page.evaluate(() => window.__cspViolations);

    // Starts a job with its button and waits until the page shows it succeeded.
    const runJob = async (tool, apiPath) => {
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === apiPath),
        page.locator(`#${tool}-start`).click(),
      ]);
      const { id } = await res.json();
      await page.locator(`#${tool}-job[data-job-id="${id}"][data-state="succeeded"]`).waitFor();
    };
    const auditJobs = async () => {
      await runJob('verify', '/api/v1/audit-verifications');
      await page.locator('#verify-job .copyable button').click();
      await page.locator('#verify-job .copy-note:not(:empty)').waitFor();
      await runJob('export', '/api/v1/audit-exports');
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-download').click()]);
      assert.equal(await download.failure(), null);
    };
    const peopleImport = async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#people-template').click()]);
      assert.equal(await download.failure(), null);
      await page.locator('#people-import-file').setInputFiles({
        name: 'staff.csv', mimeType: 'text/csv', buffer: Buffer.from('氏名,区分,所属コード\r\n清潔 確認,正規職員,0\r\n', 'utf8'),
      });
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/person-imports'),
        page.locator('#people-import-run').click(),
      ]);
      const { id } = await res.json();
      await page.locator(`#people-import-job[data-job-id="${id}"][data-state="succeeded"]`).waitFor();
      await page.locator('#people-table tbody tr', { hasText: '清潔 確認' }).waitFor();
    };

    await page.goto('/');
    await page.locator('#login-id').waitFor();
    await page.screenshot({ path: '/tmp/mamori-e2e-login-ja.png' });
    assert.deepEqual(await violations(), []);

    const accountTools = async () => {
      await page.locator('#token-name').fill('clean');
      await page.locator('#token-submit').click();
      await page.locator('#token-secret .copyable button').click();
      await page.locator('#token-secret .copy-note:not(:empty)').waitFor();
      await page.locator('#token-secret-close').click();
      await page.locator('#tokens-table tbody tr button').first().click();
      await page.locator('#token-revoke-dialog-yes').click();
      await page.locator('#tokens-status:not(:empty)').waitFor();
    };

    // A page's own requests finish before the next page is opened: leaving a page
    // mid-request aborts it, which this test would (rightly) report as a failure.
    let inFlight = 0;
    page.on('request', () => { inFlight++; });
    for (const ev of ['requestfinished', 'requestfailed']) page.on(ev, () => { inFlight--; });
    const settled = async () => {
      for (let quiet = 0; quiet < 3;) {
        await new Promise((r) => setTimeout(r, 100));
        quiet = inFlight > 0 ? 0 : quiet + 1;
      }
    };

    await logIn(page);
    const self = (await apiSession(page)).person.id;
    const visitAll = async (lang) => {
      for (const path of ['/', ...MODULES.map((m) => m.path), '/account', `/people/${self}`, '/no-such-page']) {
        await page.goto(`/#${path}`);
        await page.locator('main h1').waitFor();
        await settled();
        if (path === '/audit') {
          await page.locator('#audit-table tbody tr').first().waitFor();
          await auditJobs();
        }
        if (path === '/people') {
          await page.locator('#people-page[data-ready="true"]').waitFor();
          if (lang === 'ja') await peopleImport();
        }
        if (path === '/roles') await page.locator('#roles-page[data-ready="true"]').waitFor();
        if (path === '/account') {
          await page.locator('#account-page[data-ready="true"]').waitFor();
          if (lang === 'ja') await accountTools();
        }
        if (path.startsWith('/people/')) await page.locator('#person-page[data-ready="true"]').waitFor();
        assert.equal(await page.getAttribute('html', 'lang'), lang);
        assert.deepEqual(await violations(), [], `CSP violations on #${path}`);
      }
    };
    await visitAll('ja');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Asset ledger' }).waitFor();
    await visitAll('en');
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.locator('#login-id').waitFor();

    assert.equal(await page.locator('[style]').count(), 0, 'no style attributes');
    assert.deepEqual(await violations(), []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('the server exits 0 on SIGTERM', async () => {
    const { code, signal, output } = await server.stop();
    assert.equal(signal, null, output);
    assert.equal(code, 0, output);
  });
});
