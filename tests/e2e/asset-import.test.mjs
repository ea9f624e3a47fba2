// The ledger import wizard (#/assets/import) on the demo union, in the browser: 料金課's
// section manager opens it from the ledger, checks a CP932 file with problems on two rows
// (every one shown with its row and column, nothing registered), checks the corrected
// file (a dry run: still nothing registered), imports it with one button, and finds the
// assets — leading zeros, ①, ㈱, 髙 and half-width katakana intact — in the ledger. No
// console error, failed request or CSP violation. Screenshots go to
// /tmp/mamori-e2e-asset-import-*.png.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, serverMissing } from './support/server.mjs';
import { chromiumMissing, launchBrowser, newContext, logIn } from './support/browser.mjs';

const skip = serverMissing() ?? chromiumMissing() ?? false;
const TIMEOUT = 20_000;
const HEAD = '資産名,資産の種類,説明,所有部署コード,ネットワーク区分,電子/紙,個人情報,マイナンバー,機密性,完全性,可用性,分類の理由';

const cp932 = (text) => execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP932'], { input: text });

describe('the ledger import wizard', { skip, timeout: 300_000 }, () => {
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

  async function withPage(login, fn) {
    const context = await newContext(browser, server.baseURL);
    context.setDefaultTimeout(TIMEOUT);
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective));
    });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (msg) => { if (['error', 'warning'].includes(msg.type())) problems.push(`console: ${msg.text()}`); });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.request().method()} ${new URL(res.url()).pathname}`);
    });
    try {
      await logIn(page, { login, password: server.logins[login].password });
      await fn(page);
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'CSP violations');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }

  /** Chooses the file, presses the button; resolves to the finished panel's state and job id. */
  async function runStep(page, name, body, buttonId) {
    if (body) await page.locator('#asset-import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: body });
    const isPost = (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/asset-imports';
    const [response] = await Promise.all([page.waitForResponse(isPost), page.locator(buttonId).click()]);
    assert.equal(response.status(), 202);
    const job = await response.json();
    assert.equal(job.kind, 'asset.import');
    const panel = page.locator(`#asset-import-job[data-job-id="${job.id}"]:is([data-state="succeeded"], [data-state="failed"])`);
    await panel.waitFor();
    return { id: job.id, state: await panel.getAttribute('data-state') };
  }

  it("料金課's manager checks a file with problems, then imports the corrected one", async () => {
    await withPage('manager', async (page) => {
      await page.getByRole('link', { name: '資産台帳' }).click();
      await page.locator('#assets-import').click();
      await page.locator('#asset-import-page h1').waitFor();
      assert.equal(await page.locator('#asset-import-page h1').textContent(), '情報資産管理台帳の取り込み');

      // Two rows at fault: a kind that does not exist (row 3), another section's unit (row 4).
      const bad = cp932(`${HEAD}\r\n` +
        '㈱髙橋 ① 台帳 E2E,情報,"一行目, ""引用""\r\n二行目",310,LGWAN接続系,電子,あり,なし,2,1,1,検針に使う\r\n' +
        'ｹﾝｼﾝ ﾃﾞｰﾀ E2E,宝物,,310,その他,紙,なし,なし,2,1,1,理由\r\n' +
        '他課 E2E,文書,,110,その他,紙,なし,なし,2,1,1,理由\r\n');
      const first = await runStep(page, '台帳.csv', bad, '#asset-import-check');
      assert.equal(first.state, 'failed');
      const cells = await page.locator('#asset-import-problems tbody tr').evaluateAll((rows) =>
        rows.map((r) => [...r.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)));
      assert.deepEqual(cells, [['3', '資産の種類'], ['4', '所有部署コード']]);
      await page.locator('#asset-import-nothing').waitFor();
      await page.screenshot({ path: '/tmp/mamori-e2e-asset-import-problems.png', fullPage: true });

      // The corrected file: checked (a dry run), then imported with one button.
      const good = cp932(`${HEAD}\r\n` +
        '㈱髙橋 ① 台帳 E2E,情報,"一行目, ""引用""\r\n二行目",310,LGWAN接続系,電子,あり,なし,2,1,1,検針に使う\r\n' +
        'ｹﾝｼﾝ ﾃﾞｰﾀ E2E,記録媒体,～波,310,その他,紙,なし,なし,2,1,1,理由\r\n');
      const checked = await runStep(page, '台帳.csv', good, '#asset-import-check');
      assert.equal(checked.state, 'succeeded');
      assert.equal(await page.locator('#asset-import-to-write').textContent(), '2');
      await page.locator('#asset-import-not-yet').waitFor();
      const none = await page.request.get('/api/v1/assets?limit=500');
      assert.ok(!(await none.json()).items.some((a) => a.name.endsWith('E2E')), 'a dry run registers nothing');
      const done = await runStep(page, null, null, '#asset-import-run');
      assert.equal(done.state, 'succeeded');
      assert.equal(await page.locator('#asset-import-created').textContent(), '2');
      await page.screenshot({ path: '/tmp/mamori-e2e-asset-import-done.png', fullPage: true });

      await page.locator('#asset-import-ledger').click();
      await page.locator('#assets-page[data-ready="true"]').waitFor();
      const names = await page.locator('#assets-table tbody tr td:first-child').allTextContents();
      assert.ok(names.includes('㈱髙橋 ① 台帳 E2E'), names.join(', '));
      assert.ok(names.includes('ｹﾝｼﾝ ﾃﾞｰﾀ E2E'), names.join(', '));
      const list = await (await page.request.get('/api/v1/assets?limit=500')).json();
      const a = list.items.find((x) => x.name === '㈱髙橋 ① 台帳 E2E');
      const one = await (await page.request.get(`/api/v1/assets/${a.id}`)).json();
      assert.equal(one.description, '一行目, "引用"\r\n二行目');
    });
  });

  it('those without asset.write see no import link, and the page refuses them', async () => {
    await withPage('staff', async (page) => {
      await page.getByRole('link', { name: '資産台帳' }).click();
      await page.locator('#assets-page[data-ready="true"]').waitFor();
      assert.equal(await page.locator('#assets-import').count(), 0);
    });
  });
});
