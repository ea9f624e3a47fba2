// Procedures in the browser (#/procedures, #/procedures/{id}, the edit form), on the
// demo union: a section manager (料金課) writes one for their section with a Markdown
// preview rendered by the server, revises it, and reads it, the page saying that reading
// is recorded (第11条); what the Markdown tried to smuggle in (a script, a javascript:
// link) is not on the page; the CISO finds the reads in the audit trail. In English, a
// member of staff reads a procedure in force and finds it from its requirement. No
// console error, failed request or CSP violation on the way.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, serverMissing } from './support/server.mjs';
import { chromiumMissing, launchBrowser } from './support/browser.mjs';
import { withWatchedPage } from './support/watched.mjs';

const skip = serverMissing() ?? chromiumMissing() ?? false;

describe('procedures in the browser', { skip, timeout: 240_000 }, () => {
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

  it('a section manager writes, previews, revises and reads a procedure (Japanese)', async () => {
    await withWatchedPage(browser, server, 'manager', async (page) => {
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '実施手順', exact: true }).click();
      await page.locator('#procedures-page[data-ready="true"]').waitFor();
      assert.match(await page.locator('#procedures-notice').textContent(), /閲覧すると記録されます/);
      for (const code of ['PROC-PHY-01', 'PROC-PHY-07', 'PROC-HUM-07'])
        assert.equal(await page.locator(`#procedures-table tr[data-code="${code}"]`).count(), 1, code);

      await page.locator('#procedure-new').click();
      await page.locator('#procedure-form-page[data-ready="true"]').waitFor();
      await page.locator('#procedure-code').fill('PROC-E2E-01');
      await page.locator('#procedure-title-ja').fill('窓口での口座振替依頼書の受付手順');
      await page.locator('#procedure-unit').selectOption({ label: '料金課' });
      const phy07 = await page.locator('#procedure-requirements option', { hasText: /^PHY-07 / }).getAttribute('value');
      await page.locator('#procedure-requirements').selectOption(phy07);
      await page.locator('#procedure-body-input').fill(
        '# 受付\n\n1. 本人確認書類を確かめる\n2. 依頼書を**施錠できる書庫**に保管する\n\n'
        + '<script>window.__pwned = 1</script>\n\n[押さないで](javascript:window.__pwned=2)\n');
      await page.locator('#procedure-preview-button').click();
      await page.locator('#procedure-preview h1', { hasText: '受付' }).waitFor();
      assert.equal(await page.locator('#procedure-preview strong').textContent(), '施錠できる書庫');
      assert.equal(await page.locator('#procedure-preview script').count(), 0);
      await page.locator('#procedure-save').click();

      await page.locator('#procedure-page[data-ready="true"]').waitFor();
      assert.equal(await page.locator('#procedure-notice').textContent(), 'この実施手順は非公開です（第11条）。閲覧は記録されます。');
      assert.match(await page.locator('#procedure-title').textContent(), /PROC-E2E-01\s*窓口での口座振替依頼書の受付手順/);
      assert.match(await page.locator('#procedure-meta').textContent(), /作成中/);
      assert.equal(await page.locator('#procedure-body h1').textContent(), '受付');
      assert.equal(await page.locator('#procedure-body li').count(), 2);
      assert.equal(await page.locator('#procedure-body script').count(), 0);
      assert.equal(await page.locator('#procedure-body a[href*="javascript"]').count(), 0);
      assert.match(await page.locator('#procedure-requirements').textContent(), /PHY-07/);

      // a revision: in force, one more step; two versions, the older one readable
      await page.locator('#procedure-edit').click();
      await page.locator('#procedure-form-page[data-ready="true"]').waitFor();
      await page.locator('#procedure-status').selectOption('in_force');
      await page.locator('#procedure-body-input').fill('# 受付\n\n1. 本人確認書類を確かめる\n2. 書庫に保管する\n3. 受付簿に記録する\n');
      await page.locator('#procedure-save').click();
      await page.locator('#procedure-page[data-ready="true"] #procedure-versions-table tbody tr[data-version="2"]').waitFor();
      assert.equal(await page.locator('#procedure-versions-table tbody tr').count(), 2);
      assert.equal(await page.locator('#procedure-body li').count(), 3);
      assert.match(await page.locator('#procedure-meta').textContent(), /施行中/);
      await page.locator('#procedure-versions-table tr[data-version="1"] a').click();
      await page.locator('#procedure-old').waitFor();
      assert.equal(await page.locator('#procedure-body li').count(), 2);
      assert.equal(await page.evaluate(() => window.__pwned ?? null), null, 'no script from the Markdown ran');
    });

    // The CISO finds the manager's reads in the audit trail (via the API beside the page).
    await withWatchedPage(browser, server, 'ciso', async (page) => {
      const res = await page.request.get('/api/v1/audit-events?action=procedure.read&limit=500');
      assert.equal(res.status(), 200);
      const reads = (await res.json()).items.filter((e) => e.actor === 'manager');
      assert.ok(reads.length >= 3, `the manager's reads are on record: ${reads.length}`);
      const versions = reads.map((e) => (typeof e.detail === 'string' ? JSON.parse(e.detail) : e.detail).version);
      assert.ok(versions.includes(1) && versions.includes(2), `versions read: ${versions}`);
      await page.goto(`${server.baseURL}/#/audit`);
      await page.locator('#audit-table tbody tr').first().waitFor();
      assert.match(await page.locator('#audit-table tbody').textContent(), /procedure\.read/);
    });
  });

  it('staff read a procedure in force and find it from its requirement (English)', async () => {
    await withWatchedPage(browser, server, 'staff', async (page) => {
      await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Procedures', exact: true }).click();
      await page.locator('#procedures-page[data-ready="true"]').waitFor();
      assert.equal(await page.locator('#procedure-new').count(), 0, 'staff do not write procedures');
      await page.locator('#procedures-table tr[data-code="PROC-PHY-01"] a').click();
      await page.locator('#procedure-page[data-ready="true"]').waitFor();
      assert.equal(await page.locator('#procedure-notice').textContent(), 'This procedure is not public (Article 11). Reading it is recorded.');
      assert.match(await page.locator('#procedure-title').textContent(), /Entering the server room/);
      assert.match(await page.locator('#procedure-meta').textContent(), /In force/);
      assert.equal(await page.locator('#procedure-edit').count(), 0);
      assert.equal(await page.locator('#procedure-versions-table tbody tr').count(), 1, 'only versions that were in force');
      await page.locator('#procedure-requirements a').first().click();
      await page.locator('#requirement-page[data-ready="true"]').waitFor();
      assert.match(await page.locator('#requirement-text').textContent(), /ICカード/);
      assert.match(await page.locator('#requirement-procedures').textContent(), /PROC-PHY-01/);
    }, { lang: 'en' });
  });
});
