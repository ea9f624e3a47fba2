// The ledger's download (pages/asset-export.js) in the browser, on the demo union:
// 料金課's section manager filters the ledger, exports it as Excel and as UTF-8 CSV
// (the file comes through Playwright's download event: 資産台帳_YYYYMMDD.xlsx/.csv, the
// Japanese headers, exactly the rows the filtered ledger shows, class labels), then as
// Shift_JIS: refused for a 〜 with the row, the column and the character in a table,
// then made with "replace" and each replacement listed. No console error, failed
// request or CSP violation. Screenshots go to /tmp/mamori-e2e-asset-export-*.png.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer, serverMissing } from './support/server.mjs';
import { chromiumMissing, launchBrowser } from './support/browser.mjs';
import { withWatchedPage, csrfToken } from './support/watched.mjs';

const skip = serverMissing() ?? chromiumMissing() ?? false;
const PYTHON = process.env.MAMORI_PYTHON || '/usr/bin/python3';

/** RFC 4180 CSV into rows of fields. */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { i++; row.push(field); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** The first sheet of an XLSX file as rows of values (openpyxl), with its frozen pane. */
function readXlsx(file) {
  const script = `
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(json.dumps({"freeze": ws.freeze_panes, "rows": [[c.value for c in r] for r in ws.iter_rows()]}, ensure_ascii=False))
`;
  const r = spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('the ledger export', { skip, timeout: 300_000 }, () => {
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

  /** Starts the export in format (the radio's value) and waits for the panel to finish. */
  async function runExport(page, format, { substitute = false } = {}) {
    await page.locator(`#asset-export-format-${format}`).check();
    if (substitute) await page.locator('#asset-export-substitute').check();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/asset-exports')),
      page.locator('#asset-export-start').click(),
    ]);
    assert.equal(res.status(), 202);
    const { id } = await res.json();
    const panel = page.locator(`#asset-export-job[data-job-id="${id}"]:is([data-state="succeeded"], [data-state="failed"])`);
    await panel.waitFor();
    return { id, state: await panel.getAttribute('data-state') };
  }

  async function download(page) {
    const link = page.locator('#asset-export-download');
    const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
    return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
  }

  it('Excel and CSV of the filtered ledger, downloaded; Shift_JIS refused naming the cell, then replaced', async () => {
    await withWatchedPage(browser, server, 'manager', async (page) => {
      // The filtered ledger: 料金課's information assets.
      await page.goto('/#/assets?kind=information');
      await page.locator('#assets-page[data-ready="true"]').waitFor();
      const shown = await page.locator('#assets-table tbody tr td:first-child').allTextContents();
      assert.ok(shown.length >= 2, shown.join(', '));

      const x = await runExport(page, 'xlsx');
      assert.equal(x.state, 'succeeded');
      assert.match(await page.locator('#asset-export-status').textContent(), new RegExp(`${shown.length}件`));
      await page.screenshot({ path: '/tmp/mamori-e2e-asset-export-done.png', fullPage: true });
      const xlsx = await download(page);
      assert.match(xlsx.name, /^資産台帳_\d{8}\.xlsx$/);
      const dir = await mkdtemp(path.join(os.tmpdir(), 'mamori-e2e-xlsx-'));
      const file = path.join(dir, xlsx.name);
      await writeFile(file, xlsx.bytes);
      const sheet = readXlsx(file);
      await rm(dir, { recursive: true, force: true });
      assert.equal(sheet.freeze, 'A2');
      assert.deepEqual(sheet.rows[0].slice(0, 4), ['ID', '版', '資産名', '資産の種類']);
      assert.deepEqual(sheet.rows.slice(1).map((r) => r[2]), shown, 'the rows the ledger shows, in its order');
      assert.ok(sheet.rows.slice(1).every((r) => r[3] === '情報' && /^C\w+-I\d-A\d$/.test(r[18])));

      const c = await runExport(page, 'csv');
      assert.equal(c.state, 'succeeded');
      const csv = await download(page);
      assert.match(csv.name, /^資産台帳_\d{8}\.csv$/);
      assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const rows = parseCsv(csv.bytes.subarray(3).toString('utf8'));
      assert.equal(rows[0][2], '資産名');
      assert.deepEqual(rows.slice(1).map((r) => r[2]), shown);

      // A 〜 (WAVE DASH) in a name of the section: Shift_JIS would turn it into ～.
      const made = await page.request.post('/api/v1/assets', {
        headers: { 'X-CSRF-Token': await csrfToken(page) },
        data: {
          kind: 'information', name: '検針データ 4月〜6月', owner_unit_id: await unitId(page, '310'), segment: 'lgwan',
          format: 'electronic', c_class_id: await classId(page, 'C2'), i_class_id: await classId(page, 'I1'),
          a_class_id: await classId(page, 'A1'), class_reason: '検針の記録',
        },
      });
      assert.equal(made.status(), 201, await made.text());
      await page.reload();
      await page.locator('#assets-page[data-ready="true"]').waitFor();
      const refused = await runExport(page, 'csv-cp932');
      assert.equal(refused.state, 'failed');
      assert.match(await page.locator('#asset-export-status').textContent(), /Shift_JISで出力できない文字が1件/);
      const problem = page.locator('#asset-export-problems tbody tr');
      assert.equal(await problem.count(), 1);
      assert.equal(await problem.locator('td').nth(1).textContent(), '資産名');
      assert.match(await problem.locator('td').nth(2).textContent(), /「〜」（U\+301C）はShift_JISでは「～」（U\+FF5E）に変わります/);
      await page.screenshot({ path: '/tmp/mamori-e2e-asset-export-refused.png', fullPage: true });

      const replaced = await runExport(page, 'csv-cp932', { substitute: true });
      assert.equal(replaced.state, 'succeeded');
      assert.match(await page.locator('#asset-export-substitutions tbody tr').first().textContent(), /「〜」（U\+301C）を「～」（U\+FF5E）に置き換えました/);
      const sjis = await download(page);
      const text = new TextDecoder('shift_jis').decode(sjis.bytes);
      assert.ok(text.includes('検針データ 4月～6月'));
    }, { expected: [] });
  });
});

async function unitId(page, code) {
  const res = await page.request.get('/api/v1/org-units');
  return (await res.json()).items.find((u) => u.code === code).id;
}

async function classId(page, label) {
  const res = await page.request.get('/api/v1/classification');
  return (await res.json()).classes.find((k) => k.label === label).id;
}
