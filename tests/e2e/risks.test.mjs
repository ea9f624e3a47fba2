// The risk register in the browser (issue 6, point 5), on the demo union: 料金課's
// section manager registers a risk on the section's billing system (through the API
// beside the page, as the page only reads for now), then the register (#/risks) lists
// it and both SVG heat maps count it in its cell — inherent at likelihood × the impact
// the asset's class gives (C3A: 5), residual the same until the linked requirement is
// carried out. Another section's manager sees neither the risk nor its cell. In
// Japanese, and in English. Nothing goes wrong on the way (withWatchedPage).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, serverMissing } from './support/server.mjs';
import { chromiumMissing, launchBrowser } from './support/browser.mjs';
import { withWatchedPage, csrfToken } from './support/watched.mjs';

const skip = serverMissing() ?? chromiumMissing() ?? false;

const cell = (page, map, likelihood, impact) =>
  page.locator(`#${map}-map g.chart-cell[data-likelihood="${likelihood}"][data-impact="${impact}"]`);

describe('the risk register', { skip, timeout: 240_000 }, () => {
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

  it("料金課's manager sees the section's risk in the register and on both heat maps", async () => {
    await withWatchedPage(browser, server, 'manager', async (page) => {
      const api = page.request;
      const assets = await (await api.get('/api/v1/assets?q=' + encodeURIComponent('水道料金システム'))).json();
      const billing = assets.items.find((a) => a.name === '水道料金システム');
      assert.ok(billing, 'the demo has the billing system');
      const threats = await (await api.get('/api/v1/threats?q=' + encodeURIComponent('ランサムウェア'))).json();
      assert.ok(threats.items.length > 0, 'the default catalog has ransomware');
      const created = await api.post('/api/v1/risks', {
        headers: { 'X-CSRF-Token': await csrfToken(page) },
        data: { asset_id: billing.id, threat_id: threats.items[0].id, likelihood: 3, treatment: 'reduce' },
      });
      assert.equal(created.status(), 201, await created.text());
      assert.equal((await created.json()).impact, 5, 'C3A: the highest impact');

      await page.goto('/#/risks');
      await page.locator('#risks-page[data-ready="true"]').waitFor();
      const row = page.locator('#risks-table tbody tr', { hasText: '水道料金システム' });
      await row.waitFor();
      assert.match(await row.textContent(), /ランサムウェア/);
      assert.match(await row.textContent(), /低減/);
      for (const map of ['risks-inherent', 'risks-residual']) {
        assert.equal(await cell(page, map, 3, 5).getAttribute('data-count'), '1', `${map}: likelihood 3, impact 5`);
        assert.equal(await cell(page, map, 3, 5).locator('text').textContent(), '1');
      }
      assert.equal(await page.locator('#risks-inherent-map g.chart-cell').count(), 25, 'a 5 × 5 matrix by default');
      assert.match(await page.locator('#risks-inherent-map g.chart-cell[data-likelihood="3"][data-impact="5"] rect').getAttribute('class'),
        /chart-heat-mid/);
      await page.screenshot({ path: '/tmp/mamori-e2e-risks.png', fullPage: true });
    });
  });

  it('the page in English; a system manager of 消防本部 sees none of 料金課\'s risk', async () => {
    await withWatchedPage(browser, server, 'manager', async (page) => {
      await page.goto('/#/risks');
      await page.locator('#risks-page[data-ready="true"]').waitFor();
      await page.getByRole('heading', { level: 1, name: 'Risks' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Risk map (residual)' }).waitFor();
      assert.equal(await page.locator('#risks-table tbody tr').count(), 1);
    }, { lang: 'en' });
    // 消防本部's system administrator (通信指令課) may not know of 料金課's system.
    await withWatchedPage(browser, server, 'sysadmin', async (page) => {
      await page.goto('/#/risks');
      await page.locator('#risks-page[data-ready="true"]').waitFor();
      assert.equal(await page.locator('#risks-table tbody tr').count(), 0);
      assert.equal(await cell(page, 'risks-inherent', 3, 5).getAttribute('data-count'), '0');
      await page.locator('#risks-status', { hasText: 'まだ登録されていません' }).waitFor();
    });
  });
});
