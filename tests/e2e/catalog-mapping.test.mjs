// mamori's catalog against an imported reference catalog, in the browser: NIST's LOW
// baseline imported with the CLI; the CISO downloads the catalog as OSCAL from the 対策基準
// page (the file is an OSCAL catalog with the six measure kinds), maps PHY-01 to AC-2 from
// the requirement's 「参照カタログとの対応」 section (a catalog chosen, a search, a control
// chosen, 同等), sees PHY-01 on AC-2's page, and ends the mapping; a member of staff gets
// the export link but no mapping section (they do not read reference catalogs). No console
// error, failed request or CSP violation. Screenshots: /tmp/mamori-e2e-catalog-mapping-*.png.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, serverMissing, runMamori } from './support/server.mjs';
import { chromiumMissing, launchBrowser } from './support/browser.mjs';
import { withWatchedPage } from './support/watched.mjs';

const skip = serverMissing() ?? chromiumMissing() ?? false;
const here = path.dirname(fileURLToPath(import.meta.url));
const DATA = process.env.MAMORI_OSCAL_DATA || path.resolve(here, '..', 'data', 'oscal');
const LOW = path.join(DATA, 'NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json');

describe('catalog export and mapping', { skip, timeout: 300_000 }, () => {
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

  async function openPhy01(page) {
    await page.goto(`${server.baseURL}/#/catalog`);
    await page.locator('#catalog-page[data-ready="true"]').waitFor();
    await page.locator('li[data-code="PHY-01"] a').click();
    await page.locator('#requirement-page[data-ready="true"]').waitFor();
  }

  it('the CISO exports the catalog as OSCAL, maps PHY-01 to AC-2 and ends the mapping', async () => {
    await withWatchedPage(browser, server, 'ciso', async (page) => {
      await page.goto(`${server.baseURL}/#/catalog`);
      await page.locator('#catalog-page[data-ready="true"]').waitFor();
      const link = page.locator('#catalog-export-oscal');
      assert.equal(await link.textContent(), 'OSCAL 形式で書き出す');
      const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const doc = JSON.parse(fs.readFileSync(await file.path(), 'utf8'));
      assert.equal(doc.catalog.metadata['oscal-version'], '1.1.2');
      assert.deepEqual(doc.catalog.groups.map((g) => g.id),
        ['physical', 'human', 'technical', 'development', 'operational', 'network']);

      await openPhy01(page);
      const section = page.locator('#requirement-mappings');
      await section.locator('#mapping-status', { hasText: 'まだありません' }).waitFor();
      await page.locator('#mapping-catalog option', { hasText: 'LOW IMPACT BASELINE' }).waitFor({ state: 'attached' });
      await page.locator('#mapping-q').fill('account management');
      await page.locator('#mapping-search').click();
      await page.locator('#mapping-hits', { hasText: '件の管理策' }).waitFor();
      const ac2 = page.locator('#mapping-item option', { hasText: /^AC-2 Account Management$/ });
      await page.locator('#mapping-item').selectOption(await ac2.getAttribute('value'));
      await page.locator('#mapping-relation').selectOption('equivalent');
      await page.locator('#mapping-note').fill('入退室もアカウントの一つとして管理する');
      await page.locator('#mapping-add').click();
      const row = page.locator('#mapping-table tbody tr[data-control-id="ac-2"]');
      await row.waitFor();
      assert.match(await row.textContent(), /AC-2\s*Account Management.*同等.*入退室もアカウント/s);
      await page.screenshot({ path: '/tmp/mamori-e2e-catalog-mapping-requirement.png', fullPage: true });

      // The control's page names the requirement mapped to it.
      await row.locator('a.catalog-item-link').click();
      await page.locator('#catalog-item-page[data-ready="true"]').waitFor();
      const mapped = page.locator('#catalog-mappings-list li');
      assert.equal(await mapped.count(), 1);
      assert.match(await mapped.textContent(), /PHY-01\s*サーバ室への入退室管理\s*\(同等\)/);
      await page.screenshot({ path: '/tmp/mamori-e2e-catalog-mapping-control.png', fullPage: true });

      // Ended from the requirement's page (asked first).
      await mapped.locator('a').click();
      await page.locator('#requirement-page[data-ready="true"]').waitFor();
      await page.locator('#mapping-table tbody tr[data-control-id="ac-2"] button.mapping-end').click();
      await page.locator('#mapping-end-dialog-yes').click();
      await page.locator('#mapping-status', { hasText: 'まだありません' }).waitFor();
      assert.equal(await page.locator('#mapping-table').count(), 0);
    });
  });

  it('staff get the export link, but no mapping section', async () => {
    await withWatchedPage(browser, server, 'staff', async (page) => {
      await openPhy01(page);
      assert.equal(await page.locator('#requirement-mappings').count(), 0);
      await page.goto(`${server.baseURL}/#/catalog`);
      await page.locator('#catalog-page[data-ready="true"]').waitFor();
      assert.equal(await page.locator('#catalog-export-oscal').count(), 1);
    }, { lang: 'en' });
  });
});
