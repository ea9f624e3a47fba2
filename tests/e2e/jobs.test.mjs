// The audit trail's jobs from the UI against the real server: verify the chain
// (progress, then 検証成功 with the number of events and the head hash, or the
// broken event of a tampered store), export as CSV (the request's UTC period,
// the download, its SHA-256 as shown, the Japanese header row), a failed job
// with the server's error and its retry, and the result surviving a language
// switch. Screenshots go to /tmp/mamori-e2e-jobs-*.png.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { startServer, serverMissing, runMamori } from './support/server.mjs';
import { chromiumMissing, launchBrowser, newContext, logIn } from './support/browser.mjs';
import { zonedDayStart, nextDate, todayInZone } from '../../web/time.js';

// Throws with CI=true: a missing server or browser fails there, never skips.
const skip = serverMissing() ?? chromiumMissing() ?? false;

const TIMEOUT = 15_000;
const SQLITE3 = process.env.MAMORI_SQLITE3 || 'sqlite3';

const CSV_HEADER = ['連番 seq', '日時 occurred_at (UTC)', '実行者ID actor_id', '実行者 actor', '操作 action',
  '対象種別 object_type', '対象ID object_id', 'IP', '詳細 detail', '直前ハッシュ prev_hash', 'ハッシュ hash'];

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into rows of fields. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Every audit event, newest first, through the API with the page's cookies. */
async function allEvents(page) {
  const out = [];
  let cursor = null;
  do {
    const res = await page.request.get(`/api/v1/audit-events?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
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

const isPost = (suffix) => (r) => {
  const req = typeof r.request === 'function' ? r.request() : r;
  return req.method() === 'POST' && new URL(req.url()).pathname.endsWith(suffix);
};

async function openAudit(page, query = '') {
  await page.goto(`/#/audit${query}`);
  await page.locator('#audit-table tbody tr').first().waitFor();
}

/** Starts a verification by the button; resolves to the server's 202 answer. */
async function startVerification(page, buttonName = '改ざん検証を開始') {
  const [res] = await Promise.all([
    page.waitForResponse(isPost('/api/v1/audit-verifications')),
    page.getByRole('button', { name: buttonName }).click(),
  ]);
  assert.equal(res.status(), 202);
  const job = await res.json();
  assert.equal(job.kind, 'audit.verify');
  assert.equal(res.headers().location, `/api/v1/jobs/${job.id}`);
  return job;
}

/** Waits until the tool's job (verify or export) id has finished in the page. */
async function finished(page, tool, id) {
  const panel = page.locator(`#${tool}-job[data-job-id="${id}"]:is([data-state="succeeded"], [data-state="failed"])`);
  await panel.waitFor();
  return panel.getAttribute('data-state');
}

describe('audit trail jobs', { skip, timeout: 180_000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function withPage(fn) {
    const context = await newContext(browser, server.baseURL);
    context.setDefaultTimeout(TIMEOUT);
    const page = await context.newPage();
    const problems = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    try {
      await fn(page, context);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }

  it('verification shows its progress, then 検証成功 with the event count and head hash', async () => {
    await withPage(async (page) => {
      await logIn(page);
      await openAudit(page);

      // The first answer about the job is shown as running at 2 of 5, and the next one
      // is held back, so that the progress bar can be looked at however fast the job is.
      let calls = 0;
      let release;
      const released = new Promise((resolve) => { release = resolve; });
      const jobUrl = /\/api\/v1\/jobs\/\d+$/;
      await page.route(jobUrl, async (route) => {
        calls += 1;
        if (calls === 1) {
          const response = await route.fetch();
          const job = await response.json();
          await route.fulfill({
            response,
            json: { ...job, state: 'running', progress: { done: 2, total: 5 }, result: null, finished_at: null },
          });
          return;
        }
        await released;
        await route.continue();
      });

      const started = await startVerification(page);
      const bar = page.getByRole('progressbar', { name: '検証の進捗' });
      await page.locator('#verify-progress-count').getByText('2 / 5件').waitFor();
      assert.equal(await bar.getAttribute('value'), '2');
      assert.equal(await bar.getAttribute('max'), '5');
      assert.equal(await page.locator('#verify-status').textContent(), '検証しています…');
      assert.equal(await page.locator('#verify-status').getAttribute('role'), 'status');
      // Still focused, but it says it does nothing now, and indeed a click starts nothing.
      const button = page.getByRole('button', { name: '改ざん検証を開始' });
      assert.equal(await button.getAttribute('aria-disabled'), 'true');
      assert.equal(await button.evaluate((el) => el === document.activeElement), true);
      let extra = 0;
      const countPosts = (req) => { if (isPost('/api/v1/audit-verifications')(req)) extra += 1; };
      page.on('request', countPosts);
      await page.keyboard.press('Enter');
      assert.equal(await bar.isVisible(), true);
      await page.screenshot({ path: '/tmp/mamori-e2e-jobs-verify-progress.png', fullPage: true });

      release();
      assert.equal(await finished(page, 'verify', started.id), 'succeeded');
      await page.unroute(jobUrl);
      page.off('request', countPosts);
      assert.equal(extra, 0, 'no second verification while the first runs');
      assert.equal(await bar.isVisible(), false);
      assert.equal(await button.getAttribute('aria-disabled'), 'false');

      // What the server found, and what the trail holds.
      const job = await getJob(page, started.id);
      assert.equal(job.state, 'succeeded');
      assert.equal(job.result.ok, true);
      const n = job.result.n_events;
      const events = await allEvents(page);
      const created = events.find((e) => e.action === 'job.create' && e.object_id === String(started.id));
      const finishedEvent = events.find((e) => e.action === 'job.finish' && e.object_id === String(started.id));
      assert.ok(created && finishedEvent, 'job.create and job.finish are in the trail');
      // The verification covers the trail up to its own job.create, not its job.finish.
      assert.ok(n >= created.seq && n < finishedEvent.seq, `n_events ${n}, created ${created.seq}, finished ${finishedEvent.seq}`);
      const upToN = events.filter((e) => e.seq <= n);
      assert.equal(upToN.length, n, 'no gap in the trail up to the events checked');
      const last = events.find((e) => e.seq === n);
      assert.equal(job.result.head_hash, last.hash);

      assert.equal(await page.locator('#verify-status').textContent(),
        `検証成功：${n}件の記録に改ざんは見つかりませんでした。`);
      const result = page.locator('#verify-result');
      assert.match(await result.textContent(), new RegExp(`検証した記録\\s*${n}件`));
      assert.equal(await page.locator('#verify-head-hash-value').textContent(), last.hash);
      await page.getByRole('button', { name: '末尾のハッシュをコピー' }).click();
      await page.locator('#verify-job .copy-note').getByText(/コピーしました|選択しました/).waitFor();
      await page.screenshot({ path: '/tmp/mamori-e2e-jobs-verify-ok.png', fullPage: true });
    });
  });

  it('export: the period in UTC, the download, its SHA-256 as shown, the Japanese header', async () => {
    await withPage(async (page) => {
      await logIn(page);
      await openAudit(page, '?action=login.success');
      await page.locator('.export-action').getByText('login.success').waitFor();

      const today = todayInZone();
      await page.getByLabel('開始日').fill(today);
      await page.getByLabel('終了日').fill(today);
      const [request, response] = await Promise.all([
        page.waitForRequest(isPost('/api/v1/audit-exports')),
        page.waitForResponse(isPost('/api/v1/audit-exports')),
        page.getByRole('button', { name: 'CSVで出力' }).click(),
      ]);
      const since = zonedDayStart(today);
      const until = zonedDayStart(nextDate(today));
      assert.match(since, /^\d{4}-\d{2}-\d{2}T15:00:00Z$/, 'midnight in Tokyo is 15:00 UTC the day before');
      assert.deepEqual(request.postDataJSON(), { since, until, action: 'login.success' });
      assert.equal(response.status(), 202);
      const { id } = await response.json();

      assert.equal(await finished(page, 'export', id), 'succeeded');
      assert.equal(await page.locator('#export-status').textContent(), 'CSVファイルができました。');
      const job = await getJob(page, id);
      const shown = (await page.locator('#export-sha256-value').textContent()).trim();
      assert.match(shown, /^[0-9a-f]{64}$/);
      assert.equal(shown, job.result.sha256);
      await page.screenshot({ path: '/tmp/mamori-e2e-jobs-export.png', fullPage: true });

      const link = page.getByRole('link', { name: new RegExp(`${job.result.file} をダウンロード`) });
      assert.equal(await link.getAttribute('href'), `api/v1/jobs/${id}/file`);
      assert.notEqual(await link.getAttribute('download'), null);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      assert.equal(download.suggestedFilename(), job.result.file);
      assert.match(download.suggestedFilename(), /^audit-trail-\d{4}-\d{2}-\d{2}\.csv$/);
      const bytes = await readFile(await download.path());
      assert.equal(bytes.length, job.result.size);
      assert.equal(sha256(bytes), shown, 'the downloaded file has the SHA-256 the page shows');

      // UTF-8 with a BOM, the Japanese header, only login.success in the period.
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const rows = parseCsv(bytes.subarray(3).toString('utf8'));
      assert.deepEqual(rows[0], CSV_HEADER);
      const data = rows.slice(1);
      const expected = (await allEvents(page))
        .filter((e) => e.action === 'login.success' && e.occurred_at >= since && e.occurred_at < until)
        .map((e) => String(e.seq))
        .sort((a, b) => a - b);
      assert.ok(expected.length >= 1);
      assert.deepEqual(data.map((r) => r[0]), expected);
      for (const r of data) {
        assert.equal(r.length, CSV_HEADER.length);
        assert.equal(r[4], 'login.success');
      }

      // The page's account of the export.
      const result = await page.locator('#export-result').textContent();
      assert.match(result, /操作\s*login\.success/);
      assert.match(result, /（日本時間）/);
    });
  });

  it('an end date before the start date is refused before anything is sent', async () => {
    await withPage(async (page) => {
      await logIn(page);
      await openAudit(page);
      let posts = 0;
      page.on('request', (req) => { if (isPost('/api/v1/audit-exports')(req)) posts += 1; });
      const today = todayInZone();
      const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('開始日').fill(today);
      await page.getByLabel('終了日').fill(yesterday);
      await page.getByRole('button', { name: 'CSVで出力' }).click();
      await page.getByRole('alert').getByText('終了日は開始日と同じか、それより後の日付にしてください。').waitFor();
      assert.equal(await page.getByLabel('終了日').getAttribute('aria-invalid'), 'true');
      assert.equal(posts, 0);
      await page.screenshot({ path: '/tmp/mamori-e2e-jobs-export-refused.png', fullPage: true });
    });
  });

  it('the last result stays through a language switch, and English works', async () => {
    await withPage(async (page) => {
      await logIn(page);
      await openAudit(page);
      const started = await startVerification(page);
      await finished(page, 'verify', started.id);
      const { n_events: n } = (await getJob(page, started.id)).result;

      let posts = 0;
      page.on('request', (req) => { if (req.method() === 'POST') posts += 1; });
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
      await page.locator('#verify-status').getByText(`Verification succeeded: no tampering found in ${n} events.`).waitFor();
      assert.equal(posts, 0, 'the result is fetched again, not a new verification');

      const again = await startVerification(page, 'Verify the chain');
      assert.notEqual(again.id, started.id);
      await finished(page, 'verify', again.id);
      await page.locator('#verify-status').getByText(/^Verification succeeded: no tampering found in \d+ events\.$/).waitFor();

      await page.getByRole('button', { name: 'Export as CSV' }).click();
      await page.getByRole('link', { name: /^Download audit-trail-.*\.csv \([\d,]+ bytes\)$/ }).waitFor();
      assert.match(await page.locator('#export-result').textContent(), /Action\s*All/);
      await page.screenshot({ path: '/tmp/mamori-e2e-jobs-en.png', fullPage: true });
      await page.getByRole('button', { name: '日本語' }).click();
      await page.getByRole('heading', { level: 1, name: '監査ログ' }).waitFor();
      await page.locator('#export-status').getByText('CSVファイルができました。').waitFor();
    });
  });

  it('the server exits 0 on SIGTERM', async () => {
    const { code, signal, output } = await server.stop();
    assert.equal(signal, null, output);
    assert.equal(code, 0, output);
  });
});

function sqliteMissing() {
  const r = spawnSync(SQLITE3, ['-version'], { encoding: 'utf8' });
  if (r.status === 0) return null;
  const why = `${SQLITE3} not found (set MAMORI_SQLITE3)`;
  if (process.env.CI === 'true') throw new Error(why);
  return why;
}

describe('audit trail jobs when something is wrong', { skip, timeout: 180_000 }, () => {
  let server;
  let browser;

  before(async () => {
    // Files over 1 KiB are refused, so that an export of the whole trail fails.
    server = await startServer({ serveArgs: ['--file_max_bytes', '1024'] });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function withPage(fn) {
    const context = await newContext(browser, server.baseURL);
    context.setDefaultTimeout(TIMEOUT);
    const page = await context.newPage();
    try {
      await fn(page, context);
    } finally {
      await context.close();
    }
  }

  it('a failed export shows the server\'s error, and can be retried', async () => {
    await withPage(async (page) => {
      await logIn(page);
      await openAudit(page);
      const [response] = await Promise.all([
        page.waitForResponse(isPost('/api/v1/audit-exports')),
        page.getByRole('button', { name: 'CSVで出力' }).click(),
      ]);
      const { id } = await response.json();
      assert.equal(await finished(page, 'export', id), 'failed');
      const job = await getJob(page, id);
      assert.equal(job.state, 'failed');
      assert.match(job.error, /limit is 1024/);
      assert.equal(await page.locator('#export-status').textContent(), '出力できませんでした。');
      const error = page.locator('#export-job .server-text');
      assert.equal(await error.textContent(), job.error);
      assert.equal(await error.getAttribute('lang'), 'en');
      assert.equal(await page.getByRole('link', { name: /ダウンロード/ }).count(), 0);
      await page.screenshot({ path: '/tmp/mamori-e2e-jobs-export-failed.png', fullPage: true });

      const [retried] = await Promise.all([
        page.waitForResponse(isPost(`/api/v1/jobs/${id}/retry`)),
        page.getByRole('button', { name: 'もう一度実行する' }).click(),
      ]);
      assert.equal(retried.status(), 202);
      const second = await retried.json();
      assert.notEqual(second.id, id);
      assert.equal(await finished(page, 'export', second.id), 'failed');
      assert.equal((await getJob(page, second.id)).retry_of, id);
      await page.locator('#export-job').getByText(`（ジョブ #${id} の再実行）`).waitFor();
      // The retry button went away with the old result; the focus went to the tool's button.
      assert.equal(await page.getByRole('button', { name: 'CSVで出力' }).evaluate((el) => el === document.activeElement), true);
    });
  });

  it('a tampered trail: the broken event is named, with the server\'s account of it', async (t) => {
    const missing = sqliteMissing();
    if (missing) {
      t.skip(missing);
      return;
    }
    await withPage(async (page) => {
      await logIn(page);
      const logins = (await allEvents(page)).filter((e) => e.action === 'login.success');
      const k = logins.at(-1).seq; // the oldest login: neither the first nor the last event

      // Change one event's actor behind the server's back, with the append-only triggers
      // dropped for the change and put back after it.
      const triggers = JSON.parse(spawnSync(SQLITE3, ['-json', server.dbPath,
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event'"],
      { encoding: 'utf8' }).stdout || '[]');
      const script = ['BEGIN;', ...triggers.map((tr) => `DROP TRIGGER "${tr.name}";`),
        `UPDATE audit_event SET actor = 'mallory' WHERE seq = ${k};`,
        ...triggers.map((tr) => `${tr.sql};`), 'COMMIT;'].join('\n');
      const tamper = spawnSync(SQLITE3, ['-bail', '-cmd', '.timeout 5000', server.dbPath, script], { encoding: 'utf8' });
      assert.equal(tamper.status, 0, tamper.stderr);

      await openAudit(page);
      const started = await startVerification(page);
      assert.equal(await finished(page, 'verify', started.id), 'succeeded');
      const job = await getJob(page, started.id);
      assert.equal(job.result.ok, false);
      assert.equal(job.result.broken_seq, k);
      assert.equal(job.result.n_events, k - 1, 'the events before the altered one are good');

      assert.equal(await page.locator('#verify-status').textContent(),
        `改ざんを検出しました：連番${k}の記録で連鎖が壊れています。`);
      assert.match(await page.locator('#verify-status').getAttribute('class'), /is-bad/);
      assert.equal(await page.locator('#verify-broken-seq').textContent(), `連番 ${k}`);
      const result = page.locator('#verify-result');
      await result.getByText('問題の内容（サーバーからのメッセージ、英語）').waitFor();
      const problem = result.locator('.server-text');
      assert.equal(await problem.textContent(), job.result.problem);
      assert.equal(await problem.getAttribute('lang'), 'en');
      assert.match(job.result.problem, new RegExp(`\\bevent ${k}\\b`));
      assert.match(await result.textContent(), new RegExp(`問題の前まで確認できた記録\\s*${k - 1}件`));
      await page.screenshot({ path: '/tmp/mamori-e2e-jobs-verify-broken.png', fullPage: true });

      // `mamori audit verify` agrees on the event.
      const cli = await runMamori(['audit', 'verify', '--db', server.db]);
      assert.notEqual(cli.code, 0, cli.output);
      assert.match(cli.output, new RegExp(`\\b${k}\\b`), cli.output);
    });
  });

  it('the server exits 0 on SIGTERM', async () => {
    const { code, signal, output } = await server.stop();
    assert.equal(signal, null, output);
    assert.equal(code, 0, output);
  });
});
