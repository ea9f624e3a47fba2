// Implementation records in the browser (issue 6 points 4, 9, 10), on the demo union:
// - a record's page (#/implementations/{id}), reached from the asset's requirements:
//   requirement and asset, status, owner, due date in 和暦, the demo's evidence (its
//   download is the file the API serves), the history; a change saved (If-Match) shows
//   in the details and the history; an evidence file uploaded then downloaded gives back
//   the same bytes; a refused type and a file over the limit are shown in the server's
//   words; a stale change is refused (412), said, not overwritten, and the latest loaded;
// - a requirement's page says where it applies and its status there: the counts agree
//   with the API, the rows are the reader's sight (no other section's 3A), the status
//   filter; for an item carried out per unit, the manager sets 料金課's status there;
// - in English, a staff member (no implementation.write) reads the same pages with no
//   control to change or upload anything.
// Nothing goes wrong on the way (withWatchedPage) but the refusals provoked.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startServer, serverMissing } from './support/server.mjs';
import { chromiumMissing, launchBrowser } from './support/browser.mjs';
import { withWatchedPage, csrfToken } from './support/watched.mjs';

const skip = serverMissing() ?? chromiumMissing() ?? false;
const LIMIT = 4096; // the server's file_max_bytes here, so a file over it is quick to make

/** GET through the page's session, as JSON. */
async function api(page, path) {
  const res = await page.request.get(path);
  assert.equal(res.status(), 200, `${path}: ${await res.text()}`);
  return res.json();
}

async function requirementId(page, code) {
  const { items } = await api(page, '/api/v1/requirements?limit=500');
  return items.find((q) => q.code === code).id;
}

/** The counts the requirement page shows, as { status: n }. */
async function shownCounts(page) {
  const out = {};
  for (const li of await page.locator('#requirement-status-counts li').all()) {
    out[await li.getAttribute('data-status')] = Number(await li.locator('.count').textContent());
  }
  return out;
}

async function download(page, link) {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

describe('implementation records in the UI', { skip, timeout: 300_000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer({ demo: true, serveArgs: ['--file_max_bytes', String(LIMIT)] });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a record: from the asset, its details and demo evidence; a change, an upload and its download; refusals', async () => {
    await withWatchedPage(browser, server, 'manager', async (page) => {
      const ops01 = await requirementId(page, 'OPS-01');
      const where = await api(page, `/api/v1/requirements/${ops01}/implementations?limit=500`);
      const billing = where.items.find((x) => x.asset_name === '水道料金システム');
      assert.ok(billing.implementation_id, 'the demo recorded OPS-01 (backup) on the billing system');

      // From the asset's requirements to the record.
      await page.goto(`/#/assets/${billing.asset_id}`);
      await page.locator('#asset-requirements-list[data-ready="true"]').waitFor();
      await page.locator('#asset-requirements li[data-code="OPS-01"] a.impl-link').click();
      await page.locator('#implementation-page[data-ready="true"]').waitFor();
      assert.equal(new URL(page.url()).hash, `#/implementations/${billing.implementation_id}`);
      assert.match(await page.locator('h1').textContent(), /OPS-01 バックアップ/);
      assert.equal(await page.locator('#implementation-asset').textContent(), '水道料金システム');
      assert.equal(await page.locator('#implementation-unit').textContent(), '料金課');
      assert.equal(await page.locator('#implementation-requirement').getAttribute('href'), `#/requirements/${ops01}`);
      assert.equal(await page.locator('#implementation-status .impl-status').getAttribute('data-status'), 'partial');
      assert.equal(await page.locator('#implementation-due').textContent(), '令和8年9月30日', 'the due date in 和暦');

      // The demo's evidence, as the file store keeps it.
      const demoRow = page.locator('#evidence-table tbody tr', { hasText: 'バックアップ復元試験報告.pdf' });
      assert.equal(await demoRow.locator('td').nth(3).textContent(), '高橋 美咲');
      assert.equal(await demoRow.locator('td').nth(1).textContent(), 'application/pdf');
      const demoFile = await download(page, demoRow.locator('a.evidence-download'));
      assert.equal(demoFile.name, 'バックアップ復元試験報告.pdf');
      const served = await page.request.get(`/api/v1/evidence/${await demoRow.getAttribute('data-file-id')}`);
      assert.deepEqual(demoFile.bytes, Buffer.from(await served.body()));
      assert.match(demoFile.bytes.toString('latin1'), /^%PDF-1\.4\n[\s\S]*%%EOF\n$/);

      // A change: status, due date (shown in 和暦), note; kept as a new version.
      const versionBefore = Number(await page.locator('#implementation-version').textContent());
      await page.locator('#implementation-edit-status').selectOption('implemented');
      await page.locator('#implementation-edit-due').fill('2027-03-31');
      await page.locator('#implementation-edit-note').fill('復元試験を年2回に');
      await page.locator('#implementation-save').click();
      await page.locator('#implementation-notice', { hasText: '保存しました。' }).waitFor();
      assert.equal(await page.locator('#implementation-status .impl-status').getAttribute('data-status'), 'implemented');
      assert.equal(await page.locator('#implementation-due').textContent(), '令和9年3月31日');
      assert.equal(await page.locator('#implementation-note').textContent(), '復元試験を年2回に');
      assert.equal(Number(await page.locator('#implementation-version').textContent()), versionBefore + 1);
      const newest = page.locator('#implementation-history-table tbody tr').first();
      assert.equal(await newest.getAttribute('data-version'), String(versionBefore + 1));
      assert.equal(await newest.locator('td').nth(2).textContent(), '高橋 美咲');
      assert.equal(await newest.locator('td').nth(3).textContent(), '実施状況・期限・備考', 'what changed');
      assert.equal(await newest.locator('.impl-status').getAttribute('data-status'), 'implemented');
      assert.equal(await newest.locator('td').nth(7).textContent(), '令和9年3月31日');

      // An upload, then its download: the same bytes.
      const content = Buffer.from('試験日,対象,結果\n2026-06-01,顧客データ,復元成功\n2026-07-01,設定,復元成功\n', 'utf8');
      await page.locator('#evidence-file').setInputFiles({ name: '復元試験記録.csv', mimeType: 'text/csv', buffer: content });
      await page.locator('#evidence-upload').click();
      await page.locator('#implementation-notice', { hasText: '証跡「復元試験記録.csv」を追加しました。' }).waitFor();
      const mine = page.locator('#evidence-table tbody tr', { hasText: '復元試験記録.csv' });
      assert.equal(await mine.locator('td').nth(3).textContent(), '高橋 美咲');
      assert.equal(await mine.locator('td.num').getAttribute('data-bytes'), String(content.length));
      const added = page.locator('#implementation-history-table tbody tr').first();
      assert.equal(await added.getAttribute('data-change'), 'evidence');
      assert.equal(await added.locator('td').nth(3).textContent(), '証跡を追加: 復元試験記録.csv');
      const back = await download(page, mine.locator('a.evidence-download'));
      assert.equal(back.name, '復元試験記録.csv');
      assert.deepEqual(back.bytes, content);

      // Refused: a type mamori does not keep, and a file over the limit — the server's words.
      // An ELF executable's header (libmagic: application/x-executable), named as a report.
      const elf = Buffer.alloc(256);
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]).copy(elf);
      elf.writeUInt16LE(2, 16);
      elf.writeUInt16LE(62, 18);
      elf.writeUInt32LE(1, 20);
      await page.locator('#evidence-file').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: elf });
      await page.locator('#evidence-upload').click();
      await page.locator('#evidence-message', { hasText: '受け付けられませんでした' }).waitFor();
      assert.match(await page.locator('#evidence-message').textContent(), /files of type application\/x-executable.* are not accepted/);
      await page.locator('#evidence-file').setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.alloc(LIMIT + 1, 'a') });
      await page.locator('#evidence-upload').click();
      await page.locator('#evidence-message', { hasText: `the limit is ${LIMIT}` }).waitFor();
      assert.equal(await page.locator('#evidence-table tbody tr').count(), 2, 'nothing refused was kept');
      await page.screenshot({ path: '/tmp/mamori-e2e-implementation-record.png', fullPage: true });

      // A stale change: someone else changed the record meanwhile.
      const record = await api(page, `/api/v1/implementations/${billing.implementation_id}`);
      const other = await page.request.patch(`/api/v1/implementations/${billing.implementation_id}`, {
        headers: { 'X-CSRF-Token': await csrfToken(page), 'If-Match': `"${record.version}"` },
        data: { status: 'partial', note: '別の人が更新' },
      });
      assert.equal(other.status(), 200, await other.text());
      await page.locator('#implementation-edit-status').selectOption('not_started');
      await page.locator('#implementation-save').click();
      await page.locator('#implementation-edit-message', { hasText: '他の人が変更しました' }).waitFor();
      const kept = await api(page, `/api/v1/implementations/${billing.implementation_id}`);
      assert.equal(kept.status, 'partial', 'not overwritten');
      assert.equal(kept.note, '別の人が更新');
      await page.locator('#implementation-reload').click();
      await page.locator('#implementation-notice', { hasText: '最新の内容を読み込みました。' }).waitFor();
      assert.equal(await page.locator('#implementation-note').textContent(), '別の人が更新');
      assert.equal(await page.locator('#implementation-edit-status').inputValue(), 'partial');
    }, {
      expected: [
        { status: 412, method: 'PATCH', path: /^\/api\/v1\/implementations\/\d+$/ },
        { status: 422, method: 'POST', path: /^\/api\/v1\/implementations\/\d+\/evidence$/ },
        { status: 413, method: 'POST', path: /^\/api\/v1\/implementations\/\d+\/evidence$/ },
      ],
    });
  });

  it('a requirement: where it applies and its status, in the reader\'s sight; a unit\'s status set there', async () => {
    await withWatchedPage(browser, server, 'manager', async (page) => {
      const phy01 = await requirementId(page, 'PHY-01');
      await page.goto(`/#/requirements/${phy01}`);
      await page.locator('#requirement-status[data-ready="true"]').waitFor();
      const d = await api(page, `/api/v1/requirements/${phy01}/implementations?limit=500`);
      assert.deepEqual(await shownCounts(page), d.counts, 'the counts are the API\'s');
      assert.match(await page.locator('#requirement-status-total').textContent(), new RegExp(`全${d.total}件`));
      const rows = page.locator('#requirement-status-table tbody tr');
      assert.equal(await rows.count(), d.total);
      const names = await page.locator('#requirement-status-table tbody tr td:first-child').allTextContents();
      assert.ok(names.includes('水道料金システム'));
      assert.ok(!names.includes('LGWAN接続系 ネットワーク'), '総務課\'s 3A network is not the manager\'s to see');
      assert.ok(await page.locator('#requirement-status-table .class-badge.rank-5').count() >= 1, '料金課\'s own 3A is shown');
      await page.locator('#requirement-status-filter').selectOption('implemented');
      await page.locator('#requirement-status[data-ready="true"]').waitFor();
      await page.waitForFunction((n) => document.querySelectorAll('#requirement-status-table tbody tr').length === n
        || (n === 0 && !document.querySelector('#requirement-status-empty').hidden), d.counts.implemented);
      assert.equal(await page.locator('#requirement-status-table tbody tr:not([data-status="implemented"])').count(), 0);
      await page.screenshot({ path: '/tmp/mamori-e2e-implementation-requirement.png', fullPage: true });

      // An item carried out per unit: 料金課 only, and the manager records it here.
      const hum = await requirementId(page, 'HUM-02');
      await page.goto(`/#/requirements/${hum}`);
      await page.locator('#requirement-status[data-ready="true"]').waitFor();
      const unitRows = page.locator('#requirement-status-table tbody tr');
      assert.equal(await unitRows.count(), 1);
      assert.equal(await unitRows.first().getAttribute('data-unit-code'), '310');
      const before = await shownCounts(page);
      const was = await unitRows.first().getAttribute('data-status');
      const to = was === 'implemented' ? 'partial' : 'implemented';
      await unitRows.first().locator('select.impl-select').selectOption(to);
      await unitRows.first().locator('button.impl-save').click();
      await page.locator(`#requirement-status-table tbody tr[data-status="${to}"]`).waitFor();
      const now = await shownCounts(page);
      assert.equal(now[to], before[to] + 1);
      assert.equal(now[was], before[was] - 1);
      assert.deepEqual(now, (await api(page, `/api/v1/requirements/${hum}/implementations`)).counts);
      await unitRows.first().locator('a.impl-link').click();
      await page.locator('#implementation-page[data-ready="true"]').waitFor();
      assert.match(await page.locator('#implementation-subject').textContent(), /所属「料金課」/);
      assert.equal(await page.locator('#implementation-status .impl-status').getAttribute('data-status'), to);
      assert.equal(await page.locator('#implementation-history-table tbody tr').first().locator('td').nth(2).textContent(), '高橋 美咲');
      await page.goBack();
      await page.locator('#requirement-status[data-ready="true"]').waitFor();
      await page.screenshot({ path: '/tmp/mamori-e2e-implementation-unit.png', fullPage: true });
    });
  });

  it('in English, a staff member reads the record and the requirement\'s status with no control to change anything', async () => {
    await withWatchedPage(browser, server, 'staff', async (page) => {
      const phy01 = await requirementId(page, 'PHY-01');
      await page.goto(`/#/requirements/${phy01}`);
      await page.locator('#requirement-status[data-ready="true"]').waitFor();
      assert.equal(await page.locator('#requirement-status-title').textContent(), 'Where it applies, and its status');
      const d = await api(page, `/api/v1/requirements/${phy01}/implementations?limit=500`);
      assert.deepEqual(await shownCounts(page), d.counts);
      assert.match(await page.locator('#requirement-status-total').textContent(), new RegExp(`${d.total} in all`));
      assert.ok(d.items.every((x) => x.unit_code === '320'), 'only 工務課\'s assets');
      assert.equal(await page.locator('#requirement-status select.impl-select, #requirement-status button.impl-save').count(), 0);
      const recorded = d.items.find((x) => x.implementation_id);
      assert.ok(recorded, 'the demo recorded PHY-01 on one of 工務課\'s assets');
      await page.locator(`#requirement-status-table tr[data-asset-id="${recorded.asset_id}"] a.impl-link`).click();
      await page.locator('#implementation-page[data-ready="true"]').waitFor();
      assert.equal(await page.locator('#implementation-details dt').first().textContent(), 'Requirement');
      assert.equal(await page.locator('#implementation-form').count(), 0, 'no edit form');
      assert.equal(await page.locator('#evidence-form, input[type="file"]').count(), 0, 'no upload');
      assert.ok(await page.locator('#implementation-history-table tbody tr').count() >= 1);
      // The asset's page shows the statuses with no control either.
      await page.goto(`/#/assets/${recorded.asset_id}`);
      await page.locator('#asset-requirements-list[data-ready="true"]').waitFor();
      assert.equal(await page.locator('#asset-requirements select.impl-select').count(), 0);
      assert.ok(await page.locator('#asset-requirements a.impl-link').count() >= 1);
    }, { lang: 'en' });
  });
});
