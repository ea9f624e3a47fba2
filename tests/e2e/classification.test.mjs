// The classification scheme page (#/classification, 情報の区分) on the demo union: the
// classes of R6.10 per axis with their definitions and every handling rule, in Japanese
// and English, for someone who may read but not edit it (no edit button, no preset
// change). No console error, failed request or CSP violation on the way. (The CISO's
// edits are tested through the API in tests/api/classification.test.mjs; the CISO's
// browser login needs the second factor.)

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, serverMissing } from './support/server.mjs';
import { chromiumMissing, launchBrowser, newContext, logIn } from './support/browser.mjs';

const skip = serverMissing() ?? chromiumMissing() ?? false;
const TIMEOUT = 15_000;

describe('the classification scheme page', { skip, timeout: 120_000 }, () => {
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

  it('a section manager reads every class with its rules, and may not edit', async () => {
    const context = await newContext(browser, server.baseURL);
    context.setDefaultTimeout(TIMEOUT);
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective));
    });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (msg) => { if (['error', 'warning'].includes(msg.type())) problems.push(msg.text()); });
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('response', (res) => { if (res.status() >= 400) problems.push(`HTTP ${res.status()} ${res.url()}`); });
    try {
      await logIn(page, { login: 'manager', password: server.logins.manager.password });
      await page.getByRole('link', { name: '情報の区分' }).click();
      await page.locator('#classification-page[data-ready="true"]').waitFor();
      assert.match(await page.locator('#classification-scheme').textContent(), /令和6年10月版/);
      assert.deepEqual(await page.locator('.class-card h3 .class-badge').allTextContents(),
        ['C3A', 'C3B', 'C3C', 'C2', 'C1', 'I2', 'I1', 'A2', 'A1']);
      const c3a = page.locator('#class-C3A');
      assert.match(await c3a.locator('h3').textContent(), /自治体機密性3A/);
      assert.match(await c3a.locator('.class-definition').textContent(), /秘密文書/);
      assert.equal(await c3a.locator('.class-rules tr').count(), 7);
      assert.match(await c3a.locator('tr[data-aspect="disposal"] td').textContent(), /復元不可能|溶解/);
      assert.equal(await page.locator('[id^="class-edit-"]').count(), 0, 'no edit button without classification.manage');
      assert.equal(await page.locator('#preset-form').count(), 0, 'no preset change without classification.manage');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Classification' }).waitFor();
      await page.locator('#class-A2 tr[data-aspect="storage"] td', { hasText: 'backups' }).waitFor();
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
