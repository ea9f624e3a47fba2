// People & contractors (#/people) against the real server on the demo union:
// the staff list import through the file input (a good UTF-8 file, a CP932 file
// with 髙 and half-width katakana, a file with problems on several rows, a dry
// run, files refused before sending, a forced encoding), its progress and
// result, the template download with a real unit code, the list of people
// (filters, paging, categories in both languages), and who sees what: a reader
// who may not import sees no import, someone with neither permission is not
// offered the page and, opening it by its address, is told who may use it. No console error, failed request or CSP violation on
// the way. Screenshots go to /tmp/mamori-e2e-people-*.png.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { startServer, serverMissing } from './support/server.mjs';
import { chromiumMissing, launchBrowser, newContext, logIn } from './support/browser.mjs';
import { exampleUnit } from '../../web/people-data.js';

// Throws with CI=true: a missing server or browser fails there, never skips.
const skip = serverMissing() ?? chromiumMissing() ?? false;

const TIMEOUT = 15_000;
const SQLITE3 = process.env.MAMORI_SQLITE3 || 'sqlite3';
const HEADER = '氏名,ふりがな,区分,所属コード,役割';

const utf8File = (name, lines, { bom = false } = {}) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]),
});

/** The text in CP932, made by iconv (as a union's Excel on Windows saves it). */
function cp932(text) {
  const r = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'CP932'], { input: Buffer.from(text, 'utf8') });
  assert.equal(r.status, 0, `iconv: ${r.stderr}`);
  return r.stdout;
}

function sqliteMissing() {
  const r = spawnSync(SQLITE3, ['-version'], { encoding: 'utf8' });
  if (r.status === 0) return null;
  const why = `${SQLITE3} not found (set MAMORI_SQLITE3)`;
  if (process.env.CI === 'true') throw new Error(why);
  return why;
}

const isImportPost = (r) => {
  const req = typeof r.request === 'function' ? r.request() : r;
  return req.method() === 'POST' && new URL(req.url()).pathname === '/api/v1/person-imports';
};

describe('people & contractors', { skip, timeout: 300_000 }, () => {
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

  /**
   * A page logged in as login (a demo login), in lang; fails on any console error
   * or warning, page error, failed request, HTTP error answer or CSP violation.
   */
  async function withPage(login, fn, { lang = 'ja' } = {}) {
    const context = await newContext(browser, server.baseURL);
    context.setDefaultTimeout(TIMEOUT);
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('requestfailed', (req) => {
      // A download's blob: URL is not a request to the server.
      // A read the browser cancels because the page moved on (net::ERR_ABORTED) is no fault.
      if (req.method() === 'GET' && req.failure()?.errorText === 'net::ERR_ABORTED') return;
      if (!req.url().startsWith('blob:')) problems.push(`request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
    });
    try {
      await logIn(page, { login, password: server.logins[login].password });
      if (lang === 'en') {
        await page.getByRole('button', { name: 'English' }).click();
        await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
      }
      await fn(page, context);
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'CSP violations');
      // Chromium's autofill leaves an empty style="" on form controls it looked at; a
      // style with anything in it would be the page's (and blocked by the CSP).
      assert.deepEqual(await page.locator('[style]:not([style=""])').evaluateAll((els) => els.map((e) => e.outerHTML.slice(0, 200))),
        [], 'no style attributes');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }

  /**
   * Does action (which shows the page anew), then waits until the new page has all
   * it first asked the server for (the page before is marked, so as not to be taken
   * for it). Leaving a page sooner would abort its requests.
   */
  async function settled(page, action) {
    await page.evaluate(() => document.querySelector('#people-page')?.setAttribute('data-old', ''));
    await action();
    await page.locator('#people-page[data-ready="true"]:not([data-old])').waitFor();
  }

  /** Opens the page; resolves once all it first asked the server for has come. */
  async function openPeople(page, query = '') {
    const hash = `#/people${query}`;
    // The same hash again would not show the page anew: then it is loaded again.
    const same = new URL(page.url()).hash === hash;
    await settled(page, () => (same ? page.reload() : page.goto(`/${hash}`)));
  }

  /** Every person the page's session may see (active or not), through the API. */
  async function allPersons(page) {
    const out = [];
    let cursor = null;
    do {
      const res = await page.request.get(`/api/v1/persons?active=all&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(res.status(), 200);
      const data = await res.json();
      out.push(...data.items);
      cursor = data.next_cursor;
    } while (cursor);
    return out;
  }

  async function getJob(page, id) {
    const res = await page.request.get(`/api/v1/jobs/${id}`);
    assert.equal(res.status(), 200);
    return res.json();
  }

  /**
   * Chooses file in the input, picks the encoding, presses the button; resolves to
   * { id, request, state } once the page shows the job finished.
   */
  async function importThrough(page, file, { button = '取り込む', encoding = null } = {}) {
    await page.locator('#people-import-file').setInputFiles(file);
    if (encoding) await page.getByLabel(encoding, { exact: true }).check();
    const [request, response] = await Promise.all([
      page.waitForRequest(isImportPost),
      page.waitForResponse(isImportPost),
      page.getByRole('button', { name: button, exact: true }).click(),
    ]);
    assert.equal(response.status(), 202);
    const job = await response.json();
    assert.equal(job.kind, 'person.import');
    const panel = page.locator(`#people-import-job[data-job-id="${job.id}"]:is([data-state="succeeded"], [data-state="failed"])`);
    await panel.waitFor();
    return { id: job.id, request, state: await panel.getAttribute('data-state') };
  }

  it('the CISO sees the import with its columns, and a template with a real unit code', async () => {
    await withPage('ciso', async (page) => {
      await openPeople(page);
      await page.getByRole('heading', { level: 1, name: '職員・委託先' }).waitFor();
      const card = page.locator('#people-import');
      await card.getByRole('heading', { level: 2, name: '職員名簿の取り込み' }).waitFor();
      // The steps, the first one current.
      assert.equal(await card.locator('.steps [aria-current="step"]').textContent(), '1 ファイルを選ぶ');
      // The columns explained.
      const columns = page.locator('#people-import-columns');
      for (const c of ['氏名（name）', 'ふりがな（kana）', '区分（category）', '所属コード（unit_code）', '役割（role）']) {
        await columns.getByText(c).first().waitFor();
      }
      for (const c of ['正規職員', '臨時職員', 'パートタイマー', '非常勤職員', '関係機関職員', '外部要員']) {
        await columns.locator('code', { hasText: c }).waitFor();
      }
      // The unit codes of the store and the role names the import accepts.
      const units = (await (await page.request.get('/api/v1/org-units')).json()).items;
      await page.locator('summary', { hasText: `所属コードの一覧（取り込める所属：${units.length}件）` }).click();
      await page.locator('#people-import-units').getByRole('cell', { name: '料金課' }).waitFor();
      await page.locator('summary', { hasText: '役割コードの一覧' }).click();
      await page.locator('#people-import-roles').getByRole('cell', { name: '情報セキュリティ管理者', exact: true }).waitFor();

      // The template: a BOM, the Japanese header, one example row in a real unit.
      const unit = exampleUnit(units);
      assert.equal(unit.code, '110', 'the demo union\'s first section');
      await page.locator('#people-template-note').getByText(`所属コード ${unit.code} ${unit.name_ja}`).waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'テンプレート（CSV）をダウンロード' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), '職員名簿テンプレート.csv');
      const bytes = await readFile(await download.path());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      assert.equal(lines[0], HEADER);
      const example = lines[1].split(',');
      assert.equal(example.length, 5);
      assert.equal(example[2], '正規職員');
      assert.ok(units.some((u) => u.code === example[3]), `the example's unit ${example[3]} is in the store`);
      assert.equal(lines[2], '');
      await page.screenshot({ path: '/tmp/mamori-e2e-people-ja.png', fullPage: true });

      // The template as it is checks clean: its example row is a valid person.
      const before = (await allPersons(page)).length;
      const checked = await importThrough(page, { name: 'template.csv', mimeType: 'text/csv', buffer: bytes }, { button: '確認のみ（登録しない）' });
      assert.equal(checked.state, 'succeeded');
      assert.equal((await allPersons(page)).length, before);
    });
  });

  it('a good UTF-8 file of 3 rows: progress, then 3 imported and shown in the list', async () => {
    await withPage('ciso', async (page) => {
      await openPeople(page);
      await page.locator('#people-table tbody tr').first().waitFor();
      const before = await allPersons(page);

      const file = utf8File('名簿_2026.csv', [HEADER,
        '青木 一郎,あおき いちろう,正規職員,110,職員',
        '石井 二葉,いしい ふたば,臨時職員,310,',
        '上野 三太,うえの さんた,外部要員,310,staff',
      ], { bom: true });
      await page.locator('#people-import-file').setInputFiles(file);
      await page.locator('#people-import-file-info').getByText(`選んだファイル：名簿_2026.csv、${file.buffer.length}バイト`).waitFor();
      assert.equal(await page.locator('.steps [aria-current="step"]').textContent(), '2 確認または取り込み');

      // The first answer about the job says running at 1 of 3 and the next is held
      // back, so that the progress bar can be looked at however fast the job is.
      let calls = 0;
      let release;
      const released = new Promise((resolve) => { release = resolve; });
      const jobUrl = /\/api\/v1\/jobs\/\d+$/;
      await page.route(jobUrl, async (route) => {
        calls += 1;
        if (calls === 1) {
          const response = await route.fetch();
          const job = await response.json();
          await route.fulfill({ response, json: { ...job, state: 'running', progress: { done: 1, total: 3 }, result: null, error: null, finished_at: null } });
          return;
        }
        await released;
        await route.continue();
      });
      const [request, response] = await Promise.all([
        page.waitForRequest(isImportPost),
        page.waitForResponse(isImportPost),
        page.getByRole('button', { name: '取り込む', exact: true }).click(),
      ]);
      const url = new URL(request.url());
      assert.equal(url.search, '', 'no encoding forced, not a dry run');
      assert.equal(request.headers()['content-type'], 'text/csv');
      assert.ok(request.headers()['x-csrf-token'], 'the CSRF token is sent');
      assert.deepEqual(request.postDataBuffer(), file.buffer, 'the file itself is the body');
      const { id } = await response.json();
      const bar = page.getByRole('progressbar', { name: '取り込みの進捗' });
      await page.locator('#people-import-progress-count').getByText('1 / 3件').waitFor();
      assert.equal(await bar.getAttribute('value'), '1');
      assert.equal(await bar.getAttribute('max'), '3');
      assert.equal(await page.locator('#people-import-status').textContent(), '名簿を確認しています…');
      assert.equal(await page.getByRole('button', { name: '取り込む', exact: true }).getAttribute('aria-disabled'), 'true');
      await page.screenshot({ path: '/tmp/mamori-e2e-people-progress.png', fullPage: true });
      release();
      await page.locator(`#people-import-job[data-job-id="${id}"][data-state="succeeded"]`).waitFor();
      await page.unroute(jobUrl);

      const job = await getJob(page, id);
      assert.equal(job.result.imported, 3);
      assert.equal(job.result.encoding, 'UTF-8');
      assert.equal(await page.locator('#people-import-status').textContent(), '取り込みました：3人を登録しました。');
      assert.equal(await page.locator('#people-import-count').textContent(), '3人');
      const result = await page.locator('#people-import-result').textContent();
      assert.match(result, /名簿_2026\.csv/);
      assert.match(result, /UTF-8\s*（自動判定）/);
      assert.match(result, /3行/);
      assert.equal(await page.locator('.steps [aria-current="step"]').textContent(), '3 結果を見る');

      // In the store, and in the list (reloaded after the import) with their roles.
      const after = await allPersons(page);
      assert.equal(after.length, before.length + 3);
      const added = after.filter((p) => !before.some((b) => b.id === p.id));
      const byName = Object.fromEntries(added.map((p) => [p.name, p]));
      assert.deepEqual(Object.keys(byName).sort(), ['上野 三太', '石井 二葉', '青木 一郎'].sort());
      assert.equal(byName['青木 一郎'].category, 'regular');
      assert.equal(byName['青木 一郎'].org_unit, '総務課');
      assert.equal(byName['石井 二葉'].category, 'temporary');
      assert.equal(byName['上野 三太'].category, 'contractor');
      assert.deepEqual(byName['上野 三太'].roles.map((r) => r.role), ['staff']);
      const row = page.locator('#people-table tbody tr', { hasText: '上野 三太' });
      await row.waitFor();
      assert.match(await row.textContent(), /うえの さんた.*外部要員.*料金課.*職員.*なし.*在籍/);
      await page.screenshot({ path: '/tmp/mamori-e2e-people-imported.png', fullPage: true });
    });
  });

  it('a CP932 file with 髙 and half-width katakana: the names arrive intact', async () => {
    await withPage('ciso', async (page) => {
      await openPeople(page);
      const names = [['髙橋 ﾀﾛｳ', 'ﾀｶﾊｼ ﾀﾛｳ'], ['﨑村 ｹﾝｼﾞ', 'さきむら けんじ'], ['德永 はるか', 'とくなが はるか']];
      const text = [`${HEADER}`, ...names.map(([n, k]) => `${n},${k},パートタイマー,料金課,`)].join('\r\n')
        .replace('所属コード', '所属');
      const buffer = cp932(`${text}\r\n`);
      assert.notDeepEqual(buffer, Buffer.from(text, 'utf8'), 'really CP932');
      assert.ok(buffer.includes(Buffer.from([0xfb, 0xfc])), '髙 is the IBM extension FBFC');

      // Detected by itself.
      const done = await importThrough(page, { name: 'sjis.csv', mimeType: 'text/csv', buffer });
      assert.equal(done.state, 'succeeded');
      const job = await getJob(page, done.id);
      assert.equal(job.result.encoding, 'CP932');
      assert.equal(job.result.imported, 3);
      assert.match(await page.locator('#people-import-result').textContent(), /Shift_JIS（CP932）\s*（自動判定）/);

      // Through the list, exactly as typed.
      await page.getByLabel('氏名・ふりがな').fill('髙橋');
      await settled(page, () => page.getByRole('button', { name: '絞り込む' }).click());
      const row = page.locator('#people-table tbody tr', { hasText: '髙橋' });
      await row.waitFor();
      assert.equal(await row.locator('.person-name').textContent(), '髙橋 ﾀﾛｳ');
      assert.equal(await row.locator('.person-kana').textContent(), 'ﾀｶﾊｼ ﾀﾛｳ');
      const all = await allPersons(page);
      for (const [n, k] of names) {
        const p = all.find((x) => x.name === n);
        assert.ok(p, `${n} is in the list`);
        assert.equal(p.name_kana, k);
        assert.equal(p.category, 'part_timer');
        assert.equal(p.org_unit, '料金課');
      }

      // Forcing the encoding: CP932 read as CP932, and as UTF-8 (a problem for the whole file).
      const forced = await importThrough(page, { name: 'sjis.csv', mimeType: 'text/csv', buffer }, {
        button: '確認のみ（登録しない）', encoding: 'Shift_JIS（CP932）',
      });
      assert.equal(new URL(forced.request.url()).searchParams.get('encoding'), 'cp932');
      assert.equal(forced.state, 'succeeded');
      assert.match(await page.locator('#people-import-result').textContent(), /Shift_JIS（CP932）\s*（指定）/);
      const wrong = await importThrough(page, { name: 'sjis.csv', mimeType: 'text/csv', buffer }, {
        button: '確認のみ（登録しない）', encoding: 'UTF-8',
      });
      assert.equal(new URL(wrong.request.url()).searchParams.get('encoding'), 'utf-8');
      assert.equal(wrong.state, 'failed');
      const cells = await page.locator('#people-import-problems tbody tr').first().locator('td').allTextContents();
      assert.deepEqual(cells, ['ファイル全体', '（行全体）', 'UTF-8として読めません。文字コードを「自動で判定する」か「Shift_JIS（CP932）」にしてください。']);
      assert.equal((await allPersons(page)).length, all.length);
    });
  });

  it('the CP932 names are the same bytes in the store', async (t) => {
    const missing = sqliteMissing();
    if (missing) {
      t.skip(missing);
      return;
    }
    const r = spawnSync(SQLITE3, ['-json', '-cmd', '.timeout 5000', server.dbPath,
      "SELECT name, name_kana, category FROM person WHERE name IN ('髙橋 ﾀﾛｳ', '﨑村 ｹﾝｼﾞ', '德永 はるか') ORDER BY name"], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [
      { name: '德永 はるか', name_kana: 'とくなが はるか', category: 'part_timer' },
      { name: '髙橋 ﾀﾛｳ', name_kana: 'ﾀｶﾊｼ ﾀﾛｳ', category: 'part_timer' },
      { name: '﨑村 ｹﾝｼﾞ', name_kana: 'さきむら けんじ', category: 'part_timer' },
    ].sort((a, b) => (a.name < b.name ? -1 : 1)));
  });

  it('a file with problems on several rows: every problem with its row and column, nothing written', async () => {
    await withPage('ciso', async (page) => {
      await openPeople(page);
      const before = (await allPersons(page)).length;
      const file = utf8File('problems.csv', [HEADER,
        '正しい 人,ただしい ひと,正規職員,110,職員', // row 2: fine
        ',なし,正規職員,110,', // row 3: no name
        '山川 謎,やまかわ なぞ,謎の区分,999,boss', // row 4: category, unit, role
        '正しい 二人目,,臨時職員,320,', // row 5: fine
        '多い 列,,正規職員,110,職員,余分', // row 6: a cell too many
        '区分 なし,,,310,', // row 7: empty category
      ]);
      const done = await importThrough(page, file);
      assert.equal(done.state, 'failed');
      const job = await getJob(page, done.id);
      assert.equal(job.error, '6 problems in the file; nothing was imported');
      assert.equal(job.result.n_problems, 6);
      assert.deepEqual(job.result.problems.map((p) => [p.row, p.column]),
        [[3, '氏名'], [4, '区分'], [4, '所属コード'], [4, '役割'], [6, ''], [7, '区分']]);

      assert.equal(await page.locator('#people-import-status').textContent(), 'ファイルに6件の問題があります。何も取り込んでいません。');
      assert.match(await page.locator('#people-import-nothing').textContent(), /1人も登録しません/);
      assert.equal(await page.locator('#people-import-problem-count').textContent(), '6件');
      const rows = page.locator('#people-import-problems tbody tr');
      assert.equal(await rows.count(), 6);
      const shown = [];
      for (let i = 0; i < 6; i++) shown.push(await rows.nth(i).locator('td').allTextContents());
      assert.deepEqual(shown, [
        ['3', '氏名', '氏名が空です。'],
        ['4', '区分', '「謎の区分」は区分として使えません（正規職員、臨時職員、パートタイマー、非常勤職員、関係機関職員、外部要員のいずれか）。'],
        ['4', '所属コード', '「999」という所属コードまたは所属名は、あなたが取り込める所属の中にありません。'],
        ['4', '役割', '「boss」という役割はありません。'],
        ['6', '（行全体）', 'この行にはセルが6個あり、列名の行（5個）より多くなっています。'],
        ['7', '区分', '区分が空です（正規職員、臨時職員、パートタイマー、非常勤職員、関係機関職員、外部要員のいずれか）。'],
      ]);
      assert.equal(await page.locator('#people-import-problems thead').textContent(), '行列内容');
      // No retry of a file with problems: it would fail the same way.
      assert.equal(await page.locator('#people-import-retry').count(), 0);
      await page.screenshot({ path: '/tmp/mamori-e2e-people-problems.png', fullPage: true });

      assert.equal((await allPersons(page)).length, before, 'nothing was written');
      assert.equal((await allPersons(page)).filter((p) => p.name.startsWith('正しい')).length, 0);

      // The result is still there after leaving the page and coming back.
      await page.goto('/#/');
      await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
      await openPeople(page);
      await page.locator(`#people-import-job[data-job-id="${done.id}"][data-state="failed"]`).waitFor();
      assert.equal(await page.locator('#people-import-problems tbody tr').count(), 6);
    });
  });

  it('a dry run writes nothing; its file can then be imported with one button', async () => {
    await withPage('ciso', async (page) => {
      await openPeople(page);
      const before = (await allPersons(page)).length;
      const file = utf8File('check.csv', [HEADER,
        '確認 一子,かくにん いちこ,非常勤職員,210,',
        '確認 二子,かくにん にこ,関係機関職員,220,',
        '確認 三子,かくにん みこ,正規職員,0,system_operator',
      ]);
      const checked = await importThrough(page, file, { button: '確認のみ（登録しない）' });
      assert.equal(new URL(checked.request.url()).searchParams.get('dry_run'), 'true');
      assert.equal(checked.state, 'succeeded');
      const job = await getJob(page, checked.id);
      assert.equal(job.result.dry_run, true);
      assert.equal(job.result.rows, 3);
      assert.equal(await page.locator('#people-import-status').textContent(), '確認しました：3行に問題はありません。');
      assert.match(await page.locator('#people-import-not-yet').textContent(), /まだ誰も登録していません/);
      assert.equal(await page.locator('#people-import-count').count(), 0);
      assert.equal((await allPersons(page)).length, before, 'a dry run writes nothing');
      await page.screenshot({ path: '/tmp/mamori-e2e-people-dry-run.png', fullPage: true });

      const [request] = await Promise.all([
        page.waitForRequest(isImportPost),
        page.getByRole('button', { name: 'この内容で取り込む' }).click(),
      ]);
      assert.equal(new URL(request.url()).search, '');
      await page.locator('#people-import-status').getByText('取り込みました：3人を登録しました。').waitFor();
      assert.equal((await allPersons(page)).length, before + 3);
    });
  });

  it('an Excel workbook, an empty file or no file is refused before anything is sent', async () => {
    await withPage('ciso', async (page) => {
      await openPeople(page);
      let posts = 0;
      page.on('request', (req) => { if (isImportPost(req)) posts += 1; });
      const error = page.locator('#people-import-error');

      await page.getByRole('button', { name: '確認のみ（登録しない）' }).click();
      await error.getByText('取り込むCSVファイルを選んでください。').waitFor();

      await page.locator('#people-import-file').setInputFiles({ name: '名簿.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\x03\x04rest', 'latin1') });
      await page.getByRole('button', { name: '取り込む', exact: true }).click();
      await error.getByText(/Excelのファイルはそのままでは取り込めません/).waitFor();
      assert.equal(await page.locator('#people-import-file').getAttribute('aria-invalid'), 'true');

      await page.locator('#people-import-file').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
      assert.equal(await error.textContent(), '', 'choosing another file clears the message');
      await page.getByRole('button', { name: '取り込む', exact: true }).click();
      await error.getByText('選んだファイルは空です。').waitFor();
      assert.equal(await page.getByRole('alert').filter({ hasText: '空です' }).count(), 1);
      assert.equal(posts, 0);
    });
  });

  it('the list: unit (with its sub-units), name and active filters in the route, paging', async () => {
    await withPage('ciso', async (page) => {
      await openPeople(page);
      await page.locator('#people-table tbody tr').first().waitFor();
      const everyone = await allPersons(page);
      const units = (await (await page.request.get('/api/v1/org-units')).json()).items;
      const water = units.find((u) => u.code === '300');
      const underWater = new Set(units.filter((u) => u.id === water.id || u.parent_id === water.id).map((u) => u.id));

      // The unit select is in tree order, sub-units indented.
      const options = await page.locator('#people-unit option').allTextContents();
      assert.equal(options[0], 'すべての所属');
      assert.ok(options.includes('\u3000水道局（300）') && options.includes('\u3000\u3000料金課（310）'), options.join('|'));
      assert.ok(options.indexOf('\u3000\u3000料金課（310）') === options.indexOf('\u3000水道局（300）') + 1);

      await page.locator('#people-unit').selectOption({ label: '\u3000水道局（300）' });
      await settled(page, () => page.getByRole('button', { name: '絞り込む' }).click());
      await page.waitForURL(new RegExp(`#/people\\?unit=${water.id}$`));
      await page.locator('#people-status').getByText(/人を表示しています/).waitFor();
      const expected = everyone.filter((p) => p.active && underWater.has(p.org_unit_id)).map((p) => p.name).sort();
      const shown = (await page.locator('#people-table tbody .person-name').allTextContents()).sort();
      assert.deepEqual(shown, expected);
      assert.ok(shown.includes('鈴木 一郎') && shown.includes('高橋 美咲'), 'the bureau and its sections');
      assert.equal(await page.locator('#people-unit').inputValue(), String(water.id));

      // A name, by its reading too.
      await openPeople(page, '?q=%E3%81%8B%E3%81%A8%E3%81%86'); // かとう
      await page.locator('#people-table tbody tr').first().waitFor();
      assert.deepEqual(await page.locator('#people-table tbody .person-name').allTextContents(), ['加藤 愛']);
      assert.equal(await page.getByLabel('氏名・ふりがな').inputValue(), 'かとう');
      await settled(page, () => page.getByRole('button', { name: '絞り込みを解除' }).click());
      await page.waitForURL(/#\/people$/);

      // Nobody matches.
      await openPeople(page, '?q=zzzz');
      await page.locator('#people-status').getByText('条件に合う人はいません。').waitFor();
      assert.equal(await page.locator('#people-table').isVisible(), false);

      // Nobody has left in the demo; all: everyone.
      await openPeople(page, '?active=false');
      await page.locator('#people-status').getByText('条件に合う人はいません。').waitFor();
      await openPeople(page, '?active=all');
      await page.locator('#people-status').getByText(`${everyone.length}人を表示しています。`).waitFor();
      assert.equal(await page.locator('#people-active').inputValue(), 'all');
    });
  });

  it('more than one page: "さらに表示" follows the cursor', async () => {
    await withPage('ciso', async (page) => {
      await openPeople(page);
      await page.locator('#people-table tbody tr').first().waitFor();
      // Enough people for two pages of 50.
      const have = (await allPersons(page)).length;
      const lines = [HEADER];
      for (let i = 0; i < Math.max(0, 60 - have); i++) lines.push(`頁送り ${String(i).padStart(2, '0')},ぺーじおくり,臨時職員,120,`);
      if (lines.length > 1) assert.equal((await importThrough(page, utf8File('many.csv', lines))).state, 'succeeded');
      const total = (await allPersons(page)).length;
      assert.ok(total > 50);

      await openPeople(page);
      await page.locator('#people-status').getByText('50人を表示しています。さらにいます。').waitFor();
      assert.equal(await page.locator('#people-table tbody tr').count(), 50);
      await page.getByRole('button', { name: 'さらに表示' }).click();
      await page.locator('#people-status').getByText(`${total}人を表示しています。`).waitFor();
      assert.equal(await page.locator('#people-table tbody tr').count(), total);
      assert.equal(await page.getByRole('button', { name: 'さらに表示' }).isVisible(), false);
      const ids = await page.locator('#people-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.personId));
      assert.equal(new Set(ids).size, total, 'nobody twice');
    });
  });

  it('a reader who may not import sees the list but no import', async () => {
    const session = server.logins.sysadmin;
    assert.equal(session.role, 'system_manager');
    await withPage('sysadmin', async (page) => {
      await openPeople(page);
      await page.locator('#people-table tbody tr').first().waitFor();
      const s = await (await page.request.get('/api/v1/session')).json();
      assert.ok(s.permissions.includes('person.read'));
      assert.ok(!s.permissions.includes('person.manage'));
      assert.equal(await page.locator('#people-import').count(), 0);
      assert.equal(await page.locator('#people-import-file').count(), 0);
      assert.equal(await page.getByText('職員名簿の取り込み').count(), 0);
      // Their scope only: 通信指令課.
      const names = await page.locator('#people-table tbody .person-name').allTextContents();
      assert.ok(names.includes('田中 健'), names.join(','));
      assert.ok(!names.includes('高橋 美咲'), 'not a person of another unit');
      await page.screenshot({ path: '/tmp/mamori-e2e-people-reader.png', fullPage: true });
    });
  });

  it('someone with neither permission is not offered the page, and told who may use it', async () => {
    await withPage('staff', async (page) => {
      let asked = 0;
      page.on('request', (req) => { if (/\/api\/v1\/(persons|person-imports)/.test(req.url())) asked += 1; });
      assert.equal(await page.getByRole('navigation').getByRole('link', { name: '職員・委託先' }).count(), 0);
      await page.goto('/#/people');
      await page.locator('#forbidden[data-ready="true"]').waitFor();
      await page.getByRole('heading', { level: 1, name: '権限がありません' }).waitFor();
      await page.locator('#forbidden-who').getByText(/^現在の設定でこの画面を利用できる役割：最高情報セキュリティ責任者、.*情報システム管理者、監査人、CSIRT要員$/).waitFor();
      assert.equal(await page.locator('#people-page').count(), 0);
      assert.equal(await page.locator('#people-import').count(), 0);
      assert.equal(await page.locator('#people-list').count(), 0);
      assert.equal(asked, 0);
      await page.screenshot({ path: '/tmp/mamori-e2e-people-staff.png', fullPage: true });
    });
  });

  it('in English: the import\'s problems and result, the list\'s categories', async () => {
    await withPage('ciso', async (page) => {
      await settled(page, () => page.getByRole('link', { name: 'People & contractors' }).click());
      await page.getByRole('heading', { level: 1, name: 'People & contractors' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Import the staff list' }).waitFor();
      await page.locator('#people-template-note').getByText('unit code 110 総務課').waitFor();

      const bad = await importThrough(page, utf8File('bad.csv', [HEADER, ',,正規職員,110,', '英語 太郎,,正社員,110,']), { button: 'Check only (register nobody)' });
      assert.equal(bad.state, 'failed');
      assert.equal(await page.locator('#people-import-status').textContent(), 'Problems found in the file: 2. Nothing was imported.');
      assert.equal(await page.locator('#people-import-problems thead').textContent(), 'RowColumnProblem');
      assert.deepEqual(await page.locator('#people-import-problems tbody tr').first().locator('td').allTextContents(),
        ['2', '氏名', 'The name is empty.']);
      assert.match(await page.locator('#people-import-nothing').textContent(), /check only: nothing was registered/);

      const good = await importThrough(page, utf8File('en.csv', ['name,kana,category,unit_code,role', 'English Hanako,,related_body,310,staff']), { button: 'Import' });
      assert.equal(good.state, 'succeeded');
      assert.equal(await page.locator('#people-import-status').textContent(), 'Imported. People registered: 1.');
      const row = page.locator('#people-table tbody tr', { hasText: 'English Hanako' });
      await row.waitFor();
      assert.match(await row.textContent(), /Related body's staff.*Billing Section.*Staff.*none.*Active/);
      await page.locator('#people-unit option', { hasText: 'General Affairs Section (110)' }).waitFor({ state: 'attached' });
      await page.screenshot({ path: '/tmp/mamori-e2e-people-en.png', fullPage: true });

      // Back to Japanese: the last result is shown again, in Japanese.
      await settled(page, () => page.getByRole('button', { name: '日本語' }).click());
      await page.locator('#people-import-status').getByText('取り込みました：1人を登録しました。').waitFor();
    }, { lang: 'en' });
  });

  it('the server exits 0 on SIGTERM', async () => {
    const { code, signal, output } = await server.stop();
    assert.equal(signal, null, output);
    assert.equal(code, 0, output);
  });
});
