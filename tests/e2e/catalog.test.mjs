// The standards catalog in the browser (#/catalog, #/requirements/{id}, #/threats,
// #/laws, and an asset's "適用される対策基準"), on the demo union, in Japanese and
// English, for a section manager (who reads the catalog and may not edit it). No
// console error, failed request or CSP violation on the way. (Edits go through the API:
// tests/api/catalog.test.mjs.)

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, serverMissing } from './support/server.mjs';
import { chromiumMissing, launchBrowser, newContext, logIn } from './support/browser.mjs';

const skip = serverMissing() ?? chromiumMissing() ?? false;
const TIMEOUT = 15_000;

describe('the standards catalog pages', { skip, timeout: 180_000 }, () => {
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

  it('a section manager reads the catalog, an item, the threats, the laws and what applies to an asset', async () => {
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
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '対策基準', exact: true }).click();
      await page.locator('#catalog-page[data-ready="true"]').waitFor();
      assert.equal(await page.locator('section.catalog-kind').count(), 6, 'the six measure kinds of 第5条');
      assert.match(await page.locator('#catalog-kind-physical h2').textContent(), /物理的/);
      for (const kind of ['physical', 'human', 'technical', 'development', 'operational', 'network'])
        assert.ok(await page.locator(`#catalog-kind-${kind} li.catalog-item`).count() >= 8, kind);
      assert.ok(await page.locator('li[data-code="OPS-05"] .catalog-tag', { hasText: '業務委託' }).count() === 1);

      // a search narrows the tree, and is in the address
      await page.locator('#catalog-q').fill('無害化');
      await page.locator('#catalog-search').click();
      await page.waitForURL(/q=/);
      await page.locator('#catalog-page[data-ready="true"] li[data-code="NET-02"]').waitFor();
      assert.equal(await page.locator('li[data-code="PHY-01"]').count(), 0);

      await page.goto(`${server.baseURL}/#/catalog`);
      await page.locator('#catalog-page[data-ready="true"]').waitFor();
      await page.locator('li[data-code="PHY-01"] a').click();
      await page.locator('#requirement-page[data-ready="true"]').waitFor();
      assert.match(await page.locator('main h1').textContent(), /PHY-01\s*サーバ室への入退室管理/);
      assert.match(await page.locator('#requirement-rules').textContent(), /情報システム、機密性3C以上/);
      assert.match(await page.locator('#requirement-threats').textContent(), /物理的な侵入/);
      assert.match(await page.locator('#requirement-laws').textContent(), /個人情報保護法 第66条/);
      assert.match(await page.locator('#requirement-history-table tbody').textContent(), /mamori 既定/);

      await page.goto(`${server.baseURL}/#/threats`);
      await page.locator('#threats-page[data-ready="true"]').waitFor();
      assert.match(await page.locator('#threats-natural').textContent(), /地震/);
      assert.match(await page.locator('#threats-human').textContent(), /ランサムウェア/);

      await page.goto(`${server.baseURL}/#/laws`);
      await page.locator('#laws-page[data-ready="true"]').waitFor();
      await page.locator('tr[data-code="local_public_service"] a').click();
      await page.locator('#law-page[data-ready="true"]').waitFor();
      assert.match(await page.locator('#law-articles').textContent(), /第34条 秘密を守る義務/);
      assert.match(await page.locator('#law-implemented-list').textContent(), /HUM-05/);

      // an asset of the manager's section: what applies to it
      await page.goto(`${server.baseURL}/#/assets`);
      await page.locator('a.asset-link').first().click();
      await page.locator('#asset-requirements-section').waitFor();
      await page.locator('#asset-requirements li').first().waitFor();
      assert.match(await page.locator('#asset-requirements-title').textContent(), /適用される対策基準/);

      await page.getByRole('button', { name: 'English' }).click();
      await page.locator('#asset-requirements-title', { hasText: 'Requirements that apply' }).waitFor();
      await page.goto(`${server.baseURL}/#/catalog`);
      await page.locator('#catalog-page[data-ready="true"]').waitFor();
      assert.equal(await page.locator('main h1').textContent(), 'Standards');
      assert.match(await page.locator('#catalog-kind-network h2').textContent(), /Network/);
      assert.match(await page.locator('li[data-code="PHY-01"]').textContent(), /Entry control to server rooms/);
      await page.locator('li[data-code="PHY-01"] a').click();
      await page.locator('#requirement-page[data-ready="true"]').waitFor();
      assert.match(await page.locator('#requirement-rules').textContent(), /Information system, confidentiality 3C or above/);
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
