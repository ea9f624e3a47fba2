// Reference catalogs (OSCAL) in the browser: NIST's LOW baseline imported with the CLI
// (`mamori import catalog`), then browsed by the CISO in Japanese — the list with its 18
// families and counts, the tree (a family opened, a control's enhancements), a search,
// and AC-2's page with its statement showing each parameter by its label; then imports
// the PRIVACY baseline from the page, after a malformed file refused with its JSON path —
// and a committee member reads it in English (no import form for them). No console error, failed request or CSP violation.
// Screenshots go to /tmp/mamori-e2e-catalogs-*.png.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, serverMissing, runMamori } from './support/server.mjs';
import { chromiumMissing, launchBrowser } from './support/browser.mjs';
import { withWatchedPage } from './support/watched.mjs';

const skip = serverMissing() ?? chromiumMissing() ?? false;
const here = path.dirname(fileURLToPath(import.meta.url));
const DATA = process.env.MAMORI_OSCAL_DATA || path.resolve(here, '..', 'data', 'oscal');
const LOW = path.join(DATA, 'NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json');
const PRIVACY = path.join(DATA, 'NIST_SP-800-53_rev5_PRIVACY-baseline-resolved-profile_catalog.json');

describe('reference catalogs', { skip, timeout: 300_000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer({ demo: true });
    const r = await runMamori(['import', 'catalog', '--db', server.db, LOW]);
    assert.equal(r.code, 0, r.output);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the CISO browses the LOW baseline in Japanese: families, a control with its parameters by label, a search', async () => {
    await withWatchedPage(browser, server, 'ciso', async (page) => {
      await page.getByRole('link', { name: '参照カタログ' }).click();
      await page.locator('#catalogs-page[data-ready="true"]').waitFor();
      const row = page.locator('#catalogs-table tbody tr', { hasText: 'LOW IMPACT BASELINE' });
      assert.deepEqual((await row.locator('td.num').allTextContents()).map(Number), [18, 131, 18]);
      await row.locator('a.catalog-link').click();
      await page.locator('#catalog-page[data-ready="true"]').waitFor();
      assert.match(await page.locator('main h1').textContent(), /LOW IMPACT BASELINE/);
      assert.match(await page.locator('#catalog-meta').textContent(), /ファミリー18、管理策131、拡張18/);
      assert.equal(await page.locator('#catalog-tree > ul > li.catalog-group').count(), 18);
      // A family opens on its controls; a control opens on its enhancements.
      const ac = page.locator('#catalog-tree li.catalog-group[data-item-id="ac"]');
      await ac.locator(':scope > details > summary').click();
      const ac2 = ac.locator('li.catalog-control[data-item-id="ac-2"]');
      await ac2.waitFor();
      await page.screenshot({ path: '/tmp/mamori-e2e-catalogs-tree.png', fullPage: true });
      await ac2.locator(':scope > a.catalog-item-link, :scope > details > summary > a.catalog-item-link').first().click();

      await page.locator('#catalog-item-page[data-ready="true"]').waitFor();
      assert.match(await page.locator('main h1').textContent(), /AC-2\s+Account Management/);
      const statement = await page.locator('#catalog-statement-text').textContent();
      assert.match(statement, /Require \[Assignment: prerequisites and criteria\] for group and role membership/);
      assert.doesNotMatch(statement, /\{\{/);
      assert.match(await page.locator('#catalog-params-table').textContent(), /ac-02_odp\.01.*prerequisites and criteria/s);
      assert.match(await page.locator('#catalog-guidance').textContent(), /解説[\s\S]*account types/);
      assert.ok(await page.locator('#catalog-related a.catalog-item-link[data-item-id="ac-3"]').count() === 1, 'AC-3 is related');
      await page.screenshot({ path: '/tmp/mamori-e2e-catalogs-control.png', fullPage: true });

      // Back to the catalog, and a search.
      await page.locator('#catalog-item-crumbs a', { hasText: 'LOW IMPACT BASELINE' }).click();
      await page.locator('#catalog-page[data-ready="true"]').waitFor();
      await page.locator('#catalog-q').fill('account management');
      await page.locator('#catalog-search').click();
      await page.locator('#catalog-hits li[data-item-id="ac-2"]').waitFor();
      assert.match(await page.locator('#catalog-status').textContent(), /件見つかりました/);
    });
  });

  it('the CISO imports the PRIVACY baseline from the page, after a malformed file is refused by its JSON path', async () => {
    const bad = JSON.parse(fs.readFileSync(PRIVACY, 'utf8'));
    delete bad.catalog.groups[1].controls[0].id;
    const badFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mamori-e2e-oscal-')), 'broken.json');
    fs.writeFileSync(badFile, JSON.stringify(bad));
    await withWatchedPage(browser, server, 'ciso', async (page) => {
      await page.goto('/#/catalogs');
      await page.locator('#catalogs-page[data-ready="true"]').waitFor();
      await page.locator('#catalog-file').setInputFiles(badFile);
      await page.locator('#catalog-import').click();
      await page.locator('#catalog-problems').waitFor();
      assert.match(await page.locator('#catalog-problems').textContent(), /\$\.catalog\.groups\[1\]\.controls\[0\]\.id is required/);
      assert.match(await page.locator('#catalog-import-message').textContent(), /何も書き込んでいません/);
      await page.screenshot({ path: '/tmp/mamori-e2e-catalogs-refused.png', fullPage: true });
      await page.locator('#catalog-file').setInputFiles(PRIVACY);
      await page.locator('#catalog-import').click();
      await page.locator('#catalog-page[data-ready="true"]').waitFor();
      assert.match(await page.locator('main h1').textContent(), /PRIVACY BASELINE/);
      await page.locator('#catalog-tree li.catalog-group').first().waitFor();
      await page.locator('a', { hasText: '参照カタログ' }).first().click();
      await page.locator('#catalogs-page[data-ready="true"]').waitFor();
      assert.equal(await page.locator('#catalogs-table tbody tr').count(), 2);
    }, { expected: [{ status: 422, method: 'POST', path: /^\/api\/v1\/catalogs$/ }] });
  });

  it('a committee member reads it in English', async () => {
    await withWatchedPage(browser, server, 'committee', async (page) => {
      await page.getByRole('link', { name: 'Reference catalogs' }).click();
      await page.locator('#catalogs-page[data-ready="true"]').waitFor();
      assert.equal(await page.locator('main h1').textContent(), 'Reference catalogs');
      assert.equal(await page.locator('#catalog-import-form').count(), 0, 'no import form without reference_catalog.manage');
      assert.deepEqual(await page.locator('#catalogs-table thead th').allTextContents(),
        ['Catalog', 'Version', 'Families', 'Controls', 'Enhancements', 'Imported']);
      await page.locator('#catalogs-table a.catalog-link', { hasText: 'LOW IMPACT' }).click();
      await page.locator('#catalog-page[data-ready="true"]').waitFor();
      assert.match(await page.locator('#catalog-meta').textContent(), /18 families, 131 controls, 18 enhancements/);
      const ia = page.locator('#catalog-tree li.catalog-group[data-item-id="ia"]');
      await ia.locator(':scope > details > summary').click();
      await ia.locator('li[data-item-id="ia-2"] a.catalog-item-link').first().click();
      await page.locator('#catalog-item-page[data-ready="true"]').waitFor();
      assert.match(await page.locator('#catalog-item-status').textContent(), /^Control$/);
      assert.equal(await page.locator('#catalog-children h2').textContent(), 'Enhancements');
      assert.ok(await page.locator('#catalog-children li').count() > 0);
      await page.screenshot({ path: '/tmp/mamori-e2e-catalogs-en.png', fullPage: true });
    }, { lang: 'en' });
  });
});
