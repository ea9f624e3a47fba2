// The risk register in the browser (issue 6, point 5), on the demo union (which has a
// few risks of its own): 料金課's section manager registers a risk on the section's
// billing system (through the API beside the page; tests/e2e/risk-form.test.mjs drives
// the form), then the register (#/risks) lists it and the inherent heat map counts it in its cell
// (likelihood × the impact the asset's class gives, C3A: 5); both maps draw exactly
// the API's figures. 消防本部's system manager sees 119番's risk, not 料金課's. In
// Japanese, and in English. Nothing goes wrong on the way (withWatchedPage).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, serverMissing } from './support/server.mjs';
import { chromiumMissing, launchBrowser } from './support/browser.mjs';
import { withWatchedPage, csrfToken } from './support/watched.mjs';

const skip = serverMissing() ?? chromiumMissing() ?? false;

const cell = (page, map, likelihood, impact) =>
  page.locator(`#${map}-map g.chart-cell[data-likelihood="${likelihood}"][data-impact="${impact}"]`);

/** The counts a heat map draws, rows from the highest likelihood down (as the API gives them). */
async function drawn(page, map) {
  const cells = await page.locator(`#${map}-map g.chart-cell`).evaluateAll((els) => els.map((e) =>
    [Number(e.dataset.likelihood), Number(e.dataset.impact), Number(e.dataset.count)]));
  const n = Math.sqrt(cells.length);
  const grid = Array.from({ length: n }, () => Array(n).fill(0));
  for (const [l, i, c] of cells) grid[n - l][i - 1] = c;
  return grid;
}

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
      const before = await (await api.get('/api/v1/risks/heatmap')).json();
      const created = await api.post('/api/v1/risks', {
        headers: { 'X-CSRF-Token': await csrfToken(page) },
        data: { asset_id: billing.id, threat_id: threats.items[0].id, likelihood: 3, treatment: 'reduce' },
      });
      assert.equal(created.status(), 201, await created.text());
      assert.equal((await created.json()).impact, 5, 'C3A: the highest impact');
      const after = await (await api.get('/api/v1/risks/heatmap')).json();

      await page.goto('/#/risks');
      await page.locator('#risks-page[data-ready="true"]').waitFor();
      const row = page.locator('#risks-table tbody tr', { hasText: 'ランサムウェア' });
      await row.waitFor();
      assert.match(await row.textContent(), /水道料金システム/);
      assert.match(await row.textContent(), /低減/);
      assert.equal(after.inherent[5 - 3][5 - 1], before.inherent[5 - 3][5 - 1] + 1, 'one more at likelihood 3, impact 5');
      assert.deepEqual(await drawn(page, 'risks-inherent'), after.inherent, 'the inherent map draws the API\'s figures');
      assert.deepEqual(await drawn(page, 'risks-residual'), after.residual, 'and the residual one');
      assert.equal(await cell(page, 'risks-inherent', 3, 5).locator('text').textContent(), String(after.inherent[2][4]));
      assert.equal(await page.locator('#risks-inherent-map g.chart-cell').count(), 25, 'a 5 × 5 matrix by default');
      assert.match(await cell(page, 'risks-inherent', 3, 5).locator('rect').getAttribute('class'), /chart-heat-mid/);
      assert.match(await cell(page, 'risks-inherent', 5, 5).locator('rect').getAttribute('class'), /chart-heat-high/);
      assert.equal(await page.locator('#risks-table tbody tr').count(), after.total);
      await page.screenshot({ path: '/tmp/mamori-e2e-risks.png', fullPage: true });
    });
  });

  it('the page in English; a system manager of 消防本部 sees 119番\'s risk, none of 料金課\'s', async () => {
    await withWatchedPage(browser, server, 'manager', async (page) => {
      await page.goto('/#/risks');
      await page.locator('#risks-page[data-ready="true"]').waitFor();
      await page.getByRole('heading', { level: 1, name: 'Risks' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Risk map (residual)' }).waitFor();
      await page.locator('#risks-table tbody tr', { hasText: 'Ransomware' }).waitFor();
    }, { lang: 'en' });
    await withWatchedPage(browser, server, 'sysadmin', async (page) => {
      await page.goto('/#/risks');
      await page.locator('#risks-page[data-ready="true"]').waitFor();
      const names = await page.locator('#risks-table tbody tr td:first-child').allTextContents();
      assert.ok(names.includes('119番 指令システム'), names.join(', '));
      assert.ok(!names.some((n) => n.startsWith('水道')), `nothing of 料金課: ${names.join(', ')}`);
      const map = await (await page.request.get('/api/v1/risks/heatmap')).json();
      assert.deepEqual(await drawn(page, 'risks-inherent'), map.inherent);
      assert.equal(map.total, names.length);
    });
  });
});
