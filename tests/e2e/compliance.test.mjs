// Implementation status and compliance in the browser (issue 6, points 4 and 6), on the
// demo union: a section manager classifies a new asset as 3A on LGWAN接続系, sees at
// once the requirements that apply to it (all 未着手), marks them 実施済 on the asset's
// page, and the section's figure on the compliance dashboard (#/compliance) moves; the
// dashboard draws its SVG charts (by unit, kind, class and the monthly trend of the
// demo's year of snapshots) and the Statement of Applicability (#/compliance/soa)
// renders — in Japanese, and for a committee member in English. Nothing goes wrong on
// the way (withWatchedPage: no console error, failed request or CSP violation).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, serverMissing } from './support/server.mjs';
import { chromiumMissing, launchBrowser } from './support/browser.mjs';
import { withWatchedPage, csrfToken } from './support/watched.mjs';

const skip = serverMissing() ?? chromiumMissing() ?? false;

/** The rate shown for a unit (by its code) in the dashboard's table, as a number. */
async function unitRate(page, code) {
  const text = await page.locator(`#compliance-unit-table tr[data-key="${code}"] td`).first().textContent();
  return Number(text.replace('%', ''));
}

describe('implementation status and the compliance dashboard', { skip, timeout: 240_000 }, () => {
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

  it('a new 3A asset on LGWAN接続系: its requirements at once, marked 実施済, the section figure moves', async () => {
    await withWatchedPage(browser, server, 'manager', async (page) => {
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '遵守状況', exact: true }).click();
      await page.locator('#compliance-page[data-ready="true"]').waitFor();
      for (const id of ['#chart-by-unit', '#chart-by-kind', '#chart-by-class', '#chart-trend']) {
        assert.equal(await page.locator(`svg${id}`).count(), 1, id);
      }
      assert.ok(await page.locator('#chart-trend circle.chart-point').count() >= 12, 'a year of months and now');
      const before = await unitRate(page, '310');

      const csrf = await csrfToken(page);
      const classes = Object.fromEntries((await (await page.request.get('/api/v1/classification')).json()).classes
        .map((k) => [k.label, k.id]));
      const units = Object.fromEntries((await (await page.request.get('/api/v1/org-units')).json()).items
        .map((u) => [u.code, u.id]));
      const made = await page.request.post('/api/v1/assets', {
        headers: { 'X-CSRF-Token': csrf },
        data: { kind: 'information', name: '介護保険 認定データ', owner_unit_id: units['310'], segment: 'lgwan',
          format: 'electronic', personal_data: true, c_class_id: classes.C3A, i_class_id: classes.I2,
          a_class_id: classes.A2, class_reason: '要配慮個人情報を含む' },
      });
      assert.equal(made.status(), 201, await made.text());
      const asset = await made.json();

      await page.goto(`${server.baseURL}/#/assets/${asset.id}`);
      await page.locator('#asset-requirements-list[data-ready="true"]').waitFor();
      const items = page.locator('#asset-requirements li');
      const n = await items.count();
      assert.ok(n >= 3, `${n} requirements apply to a 3A asset on LGWAN`);
      assert.equal(await page.locator('#asset-requirements .impl-status[data-status="not_started"]').count(), n);
      for (let i = 0; i < n; i++) {
        const li = page.locator('#asset-requirements li').nth(i);
        const code = await li.getAttribute('data-code');
        await li.locator('select.impl-select').selectOption('implemented');
        await li.locator('button.impl-save').click();
        await page.locator(`#asset-requirements li[data-code="${code}"] .impl-status[data-status="implemented"]`).waitFor();
      }
      assert.match(await page.locator('#asset-requirements-done').textContent(), new RegExp(`${n}件のうち${n}件`));

      await page.goto(`${server.baseURL}/#/compliance`);
      await page.locator('#compliance-page[data-ready="true"]').waitFor();
      const after = await unitRate(page, '310');
      assert.ok(after > before, `料金課: ${before}% → ${after}%`);

      await page.locator('#compliance-soa-link').click();
      await page.locator('#soa-page[data-ready="true"]').waitFor();
      assert.ok(await page.locator('#soa-table tbody tr[data-applies="true"]').count() > 0);
      assert.match(await page.locator('h1').textContent(), /適用宣言書/);
    });
  });

  it('in English, a committee member reads the dashboard and the Statement of Applicability', async () => {
    await withWatchedPage(browser, server, 'committee', async (page) => {
      await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Compliance', exact: true }).click();
      await page.locator('#compliance-page[data-ready="true"]').waitFor();
      assert.match(await page.locator('#compliance-by-kind h2').textContent(), /By kind of measure/);
      assert.equal(await page.locator('#chart-by-kind g.chart-row').count(), 6);
      assert.match(await page.locator('#compliance-total-rate').textContent(), /%$/);
      await page.goto(`${server.baseURL}/#/compliance/soa`);
      await page.locator('#soa-page[data-ready="true"]').waitFor();
      assert.match(await page.locator('h1').textContent(), /Statement of Applicability/);
      assert.ok(await page.locator('#soa-table td.soa-why').count() > 40);
    }, { lang: 'en' });
  });
});
