// The asset ledger (#/assets) on the demo union, in the browser: 料金課's section manager
// finds the section's assets with their class badges, registers a paper file of the
// section, classifies it (its class's handling rules shown), changes it and records its
// disposal; another section's manager (工務課) sees none of 料金課's highest-class
// assets — not in the ledger, not by unit, not by address (the "does not exist" page,
// and the attempt on record). No console error, failed request or CSP violation other
// than that one refusal. Screenshots go to /tmp/mamori-e2e-assets-*.png.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, serverMissing, runMamori } from './support/server.mjs';
import { chromiumMissing, launchBrowser, newContext, logIn } from './support/browser.mjs';
import { relationTargets, writableUnits } from '../../web/asset-data.js';

const skip = serverMissing() ?? chromiumMissing() ?? false;
const TIMEOUT = 15_000;

describe('web/asset-data.js', () => {
  it('the relations a kind may use, and the units where one registers', () => {
    assert.deepEqual(relationTargets('information').map((x) => x.kind), ['stored_in', 'held_on']);
    assert.deepEqual(relationTargets('system'), [{ kind: 'runs_on', to: ['network'] }]);
    assert.deepEqual(relationTargets('network'), []);
    const units = [{ id: 1, parent_id: null }, { id: 2, parent_id: 1 }, { id: 3, parent_id: 2 }, { id: 4, parent_id: 1 }];
    const roles = [
      { code: 'security_manager', permissions: ['asset.write'], managed_permissions: [] },
      { code: 'system_manager', permissions: ['asset.write'], managed_permissions: ['asset.write'] },
    ];
    assert.deepEqual(writableUnits([{ role: 'security_manager', org_unit_id: 2 }], roles, units).map((u) => u.id), [2, 3]);
    assert.deepEqual(writableUnits([{ role: 'system_manager', org_unit_id: 1 }], roles, units), []);
  });
});

describe('the asset ledger', { skip, timeout: 300_000 }, () => {
  let server;
  let browser;
  const KOUJI_PASSWORD = 'e2e-Kouji-Correct-Horse-3';

  before(async () => {
    server = await startServer({ demo: true });
    process.env.MAMORI_USER_PASSWORD = KOUJI_PASSWORD;
    const add = await runMamori(['user', 'add', 'kouji', '--name', '工務 課長', '--unit', '320', '--role', 'security_manager',
      '--db', server.db]);
    delete process.env.MAMORI_USER_PASSWORD;
    assert.equal(add.code, 0, add.output);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A page logged in as login; fails on any console error, HTTP error or CSP violation but `allowed`. */
  async function withPage(login, password, fn, { allowed = [] } = {}) {
    const context = await newContext(browser, server.baseURL);
    context.setDefaultTimeout(TIMEOUT);
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective));
    });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (msg) => {
      if (!['error', 'warning'].includes(msg.type())) return;
      if (allowed.some((re) => re.test(msg.text()))) return;
      problems.push(`console ${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('response', (res) => {
      const what = `HTTP ${res.status()}: ${res.request().method()} ${new URL(res.url()).pathname}`;
      if (res.status() >= 400 && !allowed.some((re) => re.test(what))) problems.push(what);
    });
    try {
      await logIn(page, { login, password });
      await fn(page);
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'CSP violations');
      assert.deepEqual(await page.locator('[style]:not([style=""])').evaluateAll((els) => els.map((e) => e.outerHTML.slice(0, 200))),
        [], 'no style attributes');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }

  const rowNames = (page) => page.locator('#assets-table tbody tr td:first-child').allTextContents();

  it("料金課's manager registers, classifies, changes and disposes of an asset of the section", async () => {
    await withPage('manager', server.logins.manager.password, async (page) => {
      await page.getByRole('link', { name: '資産台帳' }).click();
      await page.locator('#assets-page[data-ready="true"]').waitFor();
      const names = await rowNames(page);
      assert.ok(names.includes('水道使用者 顧客データ') && names.includes('水道料金システム'), names.join(', '));
      assert.ok(!names.includes('119番 指令システム'), 'nothing of another department');
      const billing = page.locator('#assets-table tbody tr', { hasText: '水道料金システム' });
      assert.equal(await billing.locator('.class-badge').textContent(), 'C3A-I2-A2');
      assert.match(await billing.locator('.class-badge').getAttribute('class'), /is-restricted/);
      await page.screenshot({ path: '/tmp/mamori-e2e-assets-ledger.png', fullPage: true });

      // Register a paper file of the section.
      await page.locator('#assets-new').click();
      await page.locator('#asset-new-page[data-ready="true"]').waitFor();
      await page.locator('#asset-new-kind').selectOption('document');
      await page.locator('#asset-new-name').fill('水道メーター 検針票(紙)');
      await page.locator('#asset-new-unit').selectOption({ label: '料金課' });
      await page.locator('#asset-new-location').fill('料金課 施錠書庫');
      await page.locator('#asset-new-segment').selectOption('other');
      await page.locator('#asset-new-format').selectOption('paper');
      await page.locator('#asset-new-personal').check();
      await page.locator('#asset-new-retention').fill('5年');
      // A missing classification is named under its field, nothing is written.
      await page.locator('#asset-new-save').click();
      await page.locator('#asset-new-c_class_id-error:not(:empty)').waitFor();
      await page.locator('#asset-new-c_class_id').selectOption({ label: 'C3B 自治体機密性3B' });
      assert.match(await page.locator('#asset-new-c_class_id-definition').textContent(), /重大/);
      await page.locator('#asset-new-i_class_id').selectOption({ label: 'I1 完全性1' });
      await page.locator('#asset-new-a_class_id').selectOption({ label: 'A1 可用性1' });
      await page.locator('#asset-new-reason').fill('使用者の氏名・住所・使用量を記載');
      await page.locator('#asset-new-save').click();

      await page.locator('#asset-page[data-ready="true"]').waitFor();
      assert.match(await page.locator('main h1').textContent(), /水道メーター 検針票\(紙\)/);
      assert.equal(await page.locator('main h1 .class-badge').textContent(), 'C3B-I1-A1');
      assert.match(await page.locator('#asset-rules tr[data-aspect="storage"]').textContent(), /施錠できる書庫/);
      assert.match(await page.locator('#asset-rules tr[data-aspect="disposal"]').textContent(), /溶解/);
      assert.equal(await page.locator('#asset-history tbody tr').count(), 1);

      // Change it: another place, a lower class after review.
      await page.locator('#asset-edit').click();
      await page.locator('#asset-edit-location').fill('料金課 金庫');
      await page.locator('#asset-edit-c_class_id').selectOption({ label: 'C3C 自治体機密性3C' });
      await page.locator('#asset-edit-save').click();
      await page.locator('#asset-details').waitFor();
      await page.locator('main h1 .class-badge', { hasText: 'C3C-I1-A1' }).waitFor();
      assert.match(await page.locator('#asset-details').textContent(), /料金課 金庫/);
      assert.equal(await page.locator('#asset-history tbody tr').count(), 2);

      // Record its disposal.
      await page.locator('#asset-dispose').click();
      await page.locator('#dispose-method').fill('溶解処理');
      await page.locator('#dispose-witness').fill('高橋 美咲');
      await page.locator('#dispose-submit').click();
      await page.locator('#dispose-confirm-yes').click();
      await page.locator('.asset-state.is-disposed').waitFor();
      assert.match(await page.locator('#asset-details').textContent(), /溶解処理/);
      assert.equal(await page.locator('#asset-edit').count(), 0, 'a disposed asset is not changed');
      assert.ok(!/\bnull\b|undefined/.test(await page.locator('#asset-body').textContent()), 'no stray null');
      await page.screenshot({ path: '/tmp/mamori-e2e-assets-disposed.png', fullPage: true });

      // Gone from the ledger in use, there among the disposed.
      await page.goto('/#/assets');
      await page.locator('#assets-page[data-ready="true"]').waitFor();
      assert.ok(!(await rowNames(page)).includes('水道メーター 検針票(紙)'));
      await page.locator('form.filter-assets select[name="status"]').selectOption('disposed');
      await page.locator('#assets-apply').click();
      await page.locator('#assets-table tbody tr', { hasText: '水道メーター 検針票(紙)' }).waitFor();

      // Search: half-width katakana and full-width letters find what is written otherwise,
      // and the search stays in the address.
      await page.goto('/#/assets');
      await page.locator('#assets-page[data-ready="true"]').waitFor();
      await page.locator('#assets-q').fill('顧客');
      await page.locator('#assets-apply').click();
      await page.waitForURL(/q=/);
      await page.locator('#assets-table tbody tr', { hasText: '水道使用者 顧客データ' }).waitFor();
      assert.deepEqual(await rowNames(page), ['水道使用者 顧客データ']);
      await page.locator('#assets-q').fill('ﾊﾝﾃﾞｨ ｕｓｂ'); // the description's ハンディ, the name's USB
      await page.locator('#assets-apply').click();
      await page.locator('#assets-table tbody tr', { hasText: '検針データ用 暗号化USBメモリ' }).waitFor();
      assert.deepEqual(await rowNames(page), ['検針データ用 暗号化USBメモリ']);
    }, { allowed: [/HTTP 422: POST \/api\/v1\/assets$/, /Failed to load resource.*422/] });
  });

  it("another section's manager sees none of 料金課's highest-class assets, anywhere", async () => {
    const id = execFileSync('sqlite3', [server.dbPath, "SELECT id FROM asset WHERE name = '水道使用者 顧客データ'"]).toString().trim();
    assert.match(id, /^\d+$/);
    await withPage('kouji', KOUJI_PASSWORD, async (page) => {
      await page.getByRole('link', { name: '資産台帳' }).click();
      await page.locator('#assets-page[data-ready="true"]').waitFor();
      const names = await rowNames(page);
      assert.ok(names.includes('浄水場 監視制御システム'), `their own section's: ${names.join(', ')}`);
      for (const n of ['水道使用者 顧客データ', '水道料金システム', '水道料金 減免申請データ(個人番号を含む)'])
        assert.ok(!names.includes(n), `${n} is not in their ledger`);
      // Nor by searching for them.
      await page.locator('#assets-q').fill('顧客');
      await page.locator('#assets-apply').click();
      await page.locator('#assets-status', { hasText: '条件に合う情報資産はありません' }).waitFor();
      await page.locator('#assets-q').fill('');
      // Not by unit either.
      await page.locator('#assets-unit').selectOption({ label: '\u3000\u3000料金課' });
      await page.locator('#assets-apply').click();
      await page.locator('#assets-status', { hasText: '条件に合う情報資産はありません' }).waitFor();
      // Not by address: the page says it does not exist (or may not be seen).
      await page.goto(`/#/assets/${id}`);
      await page.locator('#asset-page[data-ready="true"]').waitFor();
      assert.match(await page.locator('#asset-status').textContent(), /存在しないか/);
      assert.equal(await page.locator('#asset-details').count(), 0);
    }, { allowed: [new RegExp(`HTTP 404: GET /api/v1/assets/${id}$`), /Failed to load resource.*404/] });
    const denied = execFileSync('sqlite3', [server.dbPath,
      `SELECT count(*) FROM audit_event WHERE action = 'access.denied' AND object_type = 'asset' AND object_id = '${id}'`]).toString().trim();
    assert.equal(denied, '1', 'the attempt is on record');
  });
});
