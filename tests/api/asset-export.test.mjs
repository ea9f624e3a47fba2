// Exporting the information asset ledger (issue 5, point 6): POST /api/v1/asset-exports
// (a job; the file through GET /api/v1/jobs/{id}/file) and `mamori export assets`.
// CSV in UTF-8 with a BOM and Japanese headers, every field intact (line breaks, quotes,
// commas, leading zeros), the formula guard; CP932 refused naming the cell for 〜 and 𠮷
// with nothing written, accepted with substitute listing each substitution; XLSX read
// back with python3-openpyxl (frozen header, filter, strings, split into sheets);
// need-to-know (a section manager's export is their ledger, without another section's
// highest-class assets; another's job file is 404); audited. On both backends.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, freshStore, runCli, auditVerify, guarded, storeRows, sleep, tmpDir } from './lib/harness.mjs';
import { assertError, assertFieldError } from './lib/expect.mjs';

// Debian's python3, which has python3-openpyxl (another python3 may come first on PATH).
const PYTHON = process.env.MAMORI_PYTHON || '/usr/bin/python3';
const HEADERS = ['ID', '版', '資産名', '資産の種類', '説明', '所有部署コード', '所有部署', '管理者', '保管場所',
  'ネットワーク区分', '電子/紙', '個人情報', 'マイナンバー', '保存期間', '廃棄方法', '機密性', '完全性', '可用性', '分類',
  '分類の理由', '状態', '廃棄日', '廃棄日(和暦)', '廃棄の方法', '廃棄の立会者', '更新日時'];

let db, server, pw, units, klass, ciso, manager, kouji, special, odd;

const as = async (login) => { const c = server.client(); await c.login(login, pw[login]); return c; };

async function waitJob(client, url, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const r = await client.get(url);
    assert.equal(r.status, 200, `GET ${url}: ${r.status} ${r.text}`);
    if (['succeeded', 'failed'].includes(r.json.state)) return r.json;
    if (Date.now() > deadline) throw new Error(`job ${url} still ${r.json.state}`);
    await sleep(100);
  }
}

/** The file of a job, as bytes. */
async function download(client, id) {
  const res = await fetch(`${server.url}/api/v1/jobs/${id}/file`, { headers: { Cookie: client.cookieHeader() } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Starts an export as client and waits for it; resolves the finished job. */
async function exportJob(client, body) {
  const started = await client.post('/api/v1/asset-exports', body);
  assert.equal(started.status, 202, started.text);
  assert.equal(started.json.kind, 'asset.export');
  return waitJob(client, started.json.url);
}

/** RFC 4180 CSV (every field quoted or not; CRLF rows) into rows of strings. */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false, i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      field += ch; i++; continue;
    }
    if (ch === '"') { quoted = true; i++; continue; }
    if (ch === ',') { row.push(field); field = ''; i++; continue; }
    if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    field += ch; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** A UTF-8 CSV export as header and rows keyed by header. */
function csvTable(bytes) {
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 BOM');
  const rows = parseCsv(bytes.subarray(3).toString('utf8'));
  const header = rows.shift();
  return { header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

/** An XLSX file read back with openpyxl: per sheet its name, frozen pane, filter and cells (value and type). */
function readXlsx(file) {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows = [[{"v": c.value, "t": type(c.value).__name__, "dt": c.data_type} for c in r] for r in ws.iter_rows()]
    out.append({"name": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "rows": rows,
                "bold": ws["A1"].font.b, "width_name": ws.column_dimensions["C"].width})
print(json.dumps(out, ensure_ascii=False))
`;
  const r = spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** Every id of the ledger as client sees it (status all), following cursors. */
async function ledgerIds(client, query = '') {
  const ids = [];
  let cursor = null;
  do {
    const r = await client.get(`/api/v1/assets?status=all&limit=500${query}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200, r.text);
    ids.push(...r.json.items.map((a) => a.id));
    cursor = r.json.next_cursor;
  } while (cursor);
  return ids;
}

before(async () => {
  db = await freshStore();
  const d = await runCli(['demo', '--db', db]);
  assert.equal(d.code, 0, d.stderr);
  pw = Object.fromEntries([...d.stdout.matchAll(/^(\w+)\s+(\S{16})\s/gm)].map((m) => [m[1], m[2]]));
  // A section manager of 工務課, another section of 水道局 than 料金課 (the demo's manager).
  pw.kouji = 'pw-kouji-Correct-Horse-9';
  const r = await runCli(['user', 'add', 'kouji', '--name', '工務 担当', '--unit', '320', '--role', 'security_manager',
    '--db', db], { env: { MAMORI_USER_PASSWORD: pw.kouji } });
  assert.equal(r.code, 0, r.stderr);
  server = await startServer({ db, admin: { login: 'ciso', password: pw.ciso } });
  ciso = await server.adminClient();
  manager = await as('manager');
  kouji = await as('kouji');
  units = Object.fromEntries((await ciso.get('/api/v1/org-units')).json.items.map((u) => [u.code, u.id]));
  klass = Object.fromEntries((await ciso.get('/api/v1/classification')).json.classes.map((k) => [k.label, k.id]));
  // Cells a CSV writer gets wrong: line breaks, quotes, commas, leading zeros, formulas.
  const made = await manager.post('/api/v1/assets', {
    kind: 'document', name: '=HYPERLINK("http://example.invalid","押す")', owner_unit_id: units['310'],
    segment: 'other', format: 'paper', c_class_id: klass.C2, i_class_id: klass.I1, a_class_id: klass.A1,
    description: '一行目\r\n二行目, "引用" と，全角\n三行目', location: '007', retention: '-5年', personal_data: true,
    disposal_method: "'=既に引用符", class_reason: '@SUM(A1) ①㈱髙ｱｲｳ～',
  });
  assert.equal(made.status, 201, made.text);
  special = made.json;
  // Characters CP932 changes (〜 U+301C, − U+2212) or cannot hold (𠮷), in 工務課 only.
  const o = await ciso.post('/api/v1/assets', {
    kind: 'document', name: '波〜線の文書', owner_unit_id: units['320'], segment: 'other', format: 'paper',
    c_class_id: klass.C2, i_class_id: klass.I1, a_class_id: klass.A1, description: '𠮷野 −1', class_reason: '試験',
  });
  assert.equal(o.status, 201, o.text);
  odd = o.json;
});

after(async () => {
  if (server?.running) await server.stop();
  if (db) assert.ok((await auditVerify(db)).ok, 'the trail verifies');
});

test('CSV: a BOM, the Japanese headers, every field intact, the formula guard, the job file named and audited',
  guarded(async () => {
    const job = await exportJob(ciso, { format: 'csv' });
    assert.equal(job.state, 'succeeded', JSON.stringify(job));
    assert.match(job.result.file, /^資産台帳_\d{8}\.csv$/);
    assert.equal(job.result.download, `/api/v1/jobs/${job.id}/file`);
    const file = await download(ciso, job.id);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'text/csv; charset=utf-8');
    const disposition = file.headers.get('content-disposition');
    assert.match(disposition, /^attachment; /);
    assert.match(disposition, /filename\*=UTF-8''%E8%B3%87%E7%94%A3%E5%8F%B0%E5%B8%B3_\d{8}\.csv/);
    const { header, rows } = csvTable(file.bytes);
    assert.deepEqual(header, HEADERS);
    assert.equal(rows.length, job.result.rows);
    assert.deepEqual(rows.map((r) => Number(r.ID)).sort((a, b) => a - b), (await ledgerIds(ciso)).sort((a, b) => a - b),
      'every asset the CISO sees, in use and disposed');

    const row = rows.find((r) => r.ID === String(special.id));
    assert.equal(row['版'], '1');
    assert.equal(row['資産名'], `'${special.name}`, 'a formula is written with an apostrophe');
    assert.equal(row['説明'], special.description, 'line breaks, quotes and commas intact');
    assert.equal(row['保管場所'], '007', 'leading zeros kept');
    assert.equal(row['保存期間'], "'-5年");
    assert.equal(row['廃棄方法'], "''=既に引用符", 'an apostrophe before a formula gains one more');
    assert.equal(row['分類の理由'], `'${special.class_reason}`);
    assert.equal(row['資産の種類'], '文書');
    assert.equal(row['所有部署コード'], '310');
    assert.equal(row['所有部署'], '料金課');
    assert.equal(row['ネットワーク区分'], 'その他');
    assert.equal(row['電子/紙'], '紙');
    assert.equal(row['個人情報'], 'あり');
    assert.equal(row['マイナンバー'], 'なし');
    assert.equal(row['機密性'], '2');
    assert.equal(row['分類'], 'C2-I1-A1');
    assert.equal(row['状態'], '使用中');
    assert.match(row['更新日時'], /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    // updated_at in Asia/Tokyo: nine hours ahead of UTC.
    const utc = new Date(special.updated_at);
    const tokyo = new Date(utc.getTime() + 9 * 3600e3).toISOString().slice(0, 16).replace('T', ' ');
    assert.equal(row['更新日時'], tokyo);
    // Every labelled row has its class label.
    for (const r of rows) assert.match(r['分類'], /^C\w+-I\d-A\d$/);

    const events = await storeRows(db, `SELECT actor_id, object_id, detail FROM audit_event
      WHERE action = 'asset.export' ORDER BY seq DESC`);
    const detail = typeof events[0].detail === 'string' ? JSON.parse(events[0].detail) : events[0].detail;
    assert.equal(detail.format, 'csv');
    assert.equal(detail.count, rows.length);
    assert.equal(events[0].object_id, String(job.id));
  }));

test('a disposed asset: 廃棄済, the date in ISO and in 和暦', guarded(async () => {
  const made = await manager.post('/api/v1/assets', {
    kind: 'medium', name: '廃棄する媒体', owner_unit_id: units['310'], segment: 'standalone', format: 'electronic',
    c_class_id: klass.C2, i_class_id: klass.I1, a_class_id: klass.A1, class_reason: '試験',
  });
  assert.equal(made.status, 201, made.text);
  const gone = await manager.request('POST', `/api/v1/assets/${made.json.id}/dispose`, {
    body: { disposed_on: '2025-04-01', method: '物理破壊', witness: '立会 太郎' }, headers: { 'If-Match': '"1"' },
  });
  assert.equal(gone.status, 200, gone.text);
  const job = await exportJob(manager, { format: 'csv', status: 'disposed' });
  assert.equal(job.state, 'succeeded', JSON.stringify(job));
  const { rows } = csvTable((await download(manager, job.id)).bytes);
  const row = rows.find((r) => r.ID === String(made.json.id));
  assert.ok(row, 'the disposed asset is exported');
  assert.ok(rows.every((r) => r['状態'] === '廃棄済'), 'the status filter applies');
  assert.equal(row['廃棄日'], '2025-04-01');
  assert.equal(row['廃棄日(和暦)'], '令和7年4月1日');
  assert.equal(row['廃棄の方法'], '物理破壊');
  assert.equal(row['廃棄の立会者'], '立会 太郎');
  assert.equal(row['版'], '2');
}));

test('CP932: 〜 and 𠮷 refuse the export naming the cell, nothing stored; substitute lists each', guarded(async () => {
  const refused = await exportJob(ciso, { format: 'csv-cp932', org_unit_id: units['320'] });
  assert.equal(refused.state, 'failed');
  assert.match(refused.error, /cannot be written in CP932/);
  const problems = refused.result.problems;
  assert.equal(refused.result.n_problems, 3);
  const cell = (p) => `${p.column}: ${p.message}`;
  assert.ok(problems.every((p) => p.row >= 2), 'rows as the spreadsheet numbers them');
  const row = problems[0].row;
  assert.deepEqual(problems.map(cell), [
    '資産名: 〜 (U+301C) would be written as ～ (U+FF5E)',
    '説明: 𠮷 (U+20BB7) cannot be written in CP932',
    '説明: − (U+2212) would be written as － (U+FF0D)',
  ]);
  assert.ok(problems.every((p) => p.row === row));
  assertError(await ciso.get(`/api/v1/jobs/${refused.id}/file`), 404, 'not_found');

  const done = await exportJob(ciso, { format: 'csv-cp932', org_unit_id: units['320'], substitute: true });
  assert.equal(done.state, 'succeeded', JSON.stringify(done));
  assert.equal(done.result.n_substitutions, 3);
  assert.deepEqual(done.result.substitutions.map(cell), [
    '資産名: 〜 (U+301C) → ～ (U+FF5E)', '説明: 𠮷 (U+20BB7) → 〓 (U+3013)', '説明: − (U+2212) → － (U+FF0D)',
  ]);
  const got = await download(ciso, done.id);
  assert.equal(got.headers.get('content-type'), 'text/csv; charset=Shift_JIS');
  const bytes = got.bytes;
  assert.notDeepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'no BOM in CP932');
  const rows = parseCsv(new TextDecoder('shift_jis').decode(bytes));
  assert.deepEqual(rows[0], HEADERS);
  const r = rows.find((x) => x[0] === String(odd.id));
  assert.equal(r[2], '波～線の文書');
  assert.equal(r[4], '〓野 －1');
  assert.equal(rows.length - 1, done.result.rows);
}));

test('CP932 without problems: every character of Excel\'s CP932 intact', guarded(async () => {
  const job = await exportJob(manager, { format: 'csv-cp932' });
  assert.equal(job.state, 'succeeded', JSON.stringify(job));
  assert.equal(job.result.n_substitutions, 0);
  const rows = parseCsv(new TextDecoder('shift_jis').decode((await download(manager, job.id)).bytes));
  const r = rows.find((x) => x[0] === String(special.id));
  assert.equal(r[4], special.description);
  assert.equal(r[19], `'${special.class_reason}`, '①㈱髙, half-width katakana and ～ as they were');
  assert.equal(r[8], '007');
}));

test('XLSX read back with openpyxl: frozen bold header, filter, widths, strings never formulas', guarded(async () => {
  const job = await exportJob(ciso, { format: 'xlsx' });
  assert.equal(job.state, 'succeeded', JSON.stringify(job));
  assert.match(job.result.file, /^資産台帳_\d{8}\.xlsx$/);
  assert.equal(job.result.media_type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const file = await download(ciso, job.id);
  const dir = tmpDir('mamori-xlsx-');
  const p = path.join(dir, 'ledger.xlsx');
  fs.writeFileSync(p, file.bytes);
  const [sheet, ...more] = readXlsx(p);
  assert.equal(more.length, 0);
  assert.equal(sheet.name, '台帳');
  assert.equal(sheet.freeze, 'A2');
  assert.equal(sheet.filter, `A1:Z${job.result.rows + 1}`);
  assert.equal(sheet.bold, true);
  assert.ok(sheet.width_name > 20, 'the name column is wide');
  assert.deepEqual(sheet.rows[0].map((c) => c.v), HEADERS);
  assert.equal(sheet.rows.length - 1, job.result.rows);
  const row = sheet.rows.find((r) => r[0].v === special.id);
  assert.ok(row, 'the id is a number');
  assert.deepEqual(row[2], { v: special.name, t: 'str', dt: 's' }, 'a formula-like name is a string');
  // A carriage return is written as OOXML's escape _x000D_ (Excel reads it back as CR;
  // openpyxl leaves inline strings' escapes as they are).
  const ooxml = (v) => v.replace(/_x([0-9A-F]{4})_/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  assert.equal(ooxml(row[4].v), special.description, 'line breaks, quotes and commas intact');
  assert.deepEqual(row[8], { v: '007', t: 'str', dt: 's' });
  assert.deepEqual(row[13], { v: '-5年', t: 'str', dt: 's' });
  assert.deepEqual(row[5], { v: '310', t: 'str', dt: 's' }, 'a unit code stays text');
  assert.equal(row[18].v, 'C2-I1-A1');
  for (const r of sheet.rows.slice(1)) assert.match(r[18].v, /^C\w+-I\d-A\d$/);
}));

test('need-to-know: a section manager\'s export is their ledger, without another section\'s highest classes',
  guarded(async () => {
    const job = await exportJob(kouji, { format: 'csv' });
    assert.equal(job.state, 'succeeded', JSON.stringify(job));
    const { rows } = csvTable((await download(kouji, job.id)).bytes);
    const ids = rows.map((r) => Number(r.ID)).sort((a, b) => a - b);
    assert.deepEqual(ids, (await ledgerIds(kouji)).sort((a, b) => a - b), 'exactly the ledger kouji sees');
    const all = await ledgerIds(ciso);
    assert.ok(all.length > ids.length);
    // 料金課's highest-class assets (the demo's billing system and customer data) are not there.
    const restricted = (await ciso.get(`/api/v1/assets?status=all&limit=500&org_unit_id=${units['310']}`)).json.items
      .filter((a) => a.restricted);
    assert.ok(restricted.length >= 2, 'the demo has 料金課 assets of the highest classes');
    for (const a of restricted) {
      assert.ok(!ids.includes(a.id), `${a.name} (${a.label}) is not in kouji's export`);
      assert.ok(!rows.some((r) => r['資産名'] === a.name));
    }
    // Another's job and its file: as if they did not exist.
    const cisoJob = await exportJob(ciso, { format: 'csv' });
    assertError(await kouji.get(`/api/v1/jobs/${cisoJob.id}/file`), 404, 'not_found');
    assertError(await kouji.get(`/api/v1/jobs/${cisoJob.id}`), 404, 'not_found');
    // The unit filter with sub-units: 水道局 (300) takes in 料金課 and 工務課 for the CISO.
    const water = await exportJob(ciso, { format: 'csv', org_unit_id: units['300'] });
    const waterRows = csvTable((await download(ciso, water.id)).bytes).rows;
    assert.ok(waterRows.some((r) => r['所有部署コード'] === '310') && waterRows.some((r) => r['所有部署コード'] === '320'));
    assert.ok(waterRows.every((r) => ['300', '310', '320'].includes(r['所有部署コード'])));
    // A search (q), as the ledger page shows it: the same assets, and still only kouji's.
    const searched = await exportJob(ciso, { format: 'csv', q: 'ｼｽﾃﾑ', status: 'all' });
    const hits = csvTable((await download(ciso, searched.id)).bytes).rows.map((r) => Number(r.ID)).sort((a, b) => a - b);
    assert.ok(hits.length >= 2, 'the demo has systems');
    assert.deepEqual(hits, (await ledgerIds(ciso, `&q=${encodeURIComponent('ｼｽﾃﾑ')}`)).sort((a, b) => a - b));
    const koujiHits = csvTable((await download(kouji, (await exportJob(kouji, { format: 'csv', q: 'システム', status: 'all' })).id)).bytes)
      .rows.map((r) => r['資産名']);
    assert.ok(!koujiHits.includes('水道料金システム'), "料金課's 3A system is not found by 工務課's manager's search either");
  }));

test('the request is checked at the edge: 422 naming the field, nothing started', guarded(async () => {
  assertFieldError(await ciso.post('/api/v1/asset-exports', {}), 'format');
  assertFieldError(await ciso.post('/api/v1/asset-exports', { format: 'pdf' }), 'format');
  assertFieldError(await ciso.post('/api/v1/asset-exports', { format: 'csv', substitute: true }), 'substitute');
  assertFieldError(await ciso.post('/api/v1/asset-exports', { format: 'csv-cp932', substitute: 'yes' }), 'substitute');
  assertFieldError(await ciso.post('/api/v1/asset-exports', { format: 'csv', kind: 'castle' }), 'kind');
  assertFieldError(await ciso.post('/api/v1/asset-exports', { format: 'csv', status: 'lost' }), 'status');
  assertFieldError(await ciso.post('/api/v1/asset-exports', { format: 'csv', personal_data: 'maybe' }), 'personal_data');
  assertFieldError(await ciso.post('/api/v1/asset-exports', { format: 'csv', org_unit_id: 'x' }), 'org_unit_id');
  assertFieldError(await ciso.post('/api/v1/asset-exports', { format: 'csv', org_unit_id: 0 }), 'org_unit_id');
  assertFieldError(await ciso.post('/api/v1/asset-exports', { format: 'csv', class_id: -3 }), 'class_id');
  assertFieldError(await ciso.post('/api/v1/asset-exports', { format: 'csv', colour: 'red' }), 'colour');
  assertFieldError(await ciso.post('/api/v1/asset-exports', { format: 'csv', q: 'あ'.repeat(400) }), 'q');
  assertError(await ciso.post('/api/v1/asset-exports', [1]), 400, 'bad_request');
  const jobs = await storeRows(db, "SELECT count(*) AS n FROM job WHERE kind = 'asset.export'");
  const before = Number(jobs[0].n);
  assertFieldError(await ciso.post('/api/v1/asset-exports', { format: 'xlsx', substitute: true }), 'substitute');
  const after = await storeRows(db, "SELECT count(*) AS n FROM job WHERE kind = 'asset.export'");
  assert.equal(Number(after[0].n), before, 'a refused request starts nothing');
}));

test('mamori export assets: the files, CP932 problems as ROW:COLUMN lines and no file, sheets split',
  guarded(async () => {
    const dir = tmpDir('mamori-export-');
    const out = (n) => path.join(dir, n);
    const csv = await runCli(['export', 'assets', '--db', db, '--format', 'csv', '--output', out('a.csv')]);
    assert.equal(csv.code, 0, csv.stderr);
    const { rows } = csvTable(fs.readFileSync(out('a.csv')));
    assert.match(csv.stdout, new RegExp(`${rows.length} assets exported`));
    // The command line is the system: it sees every asset.
    assert.deepEqual(rows.map((r) => Number(r.ID)).sort((a, b) => a - b), (await ledgerIds(ciso)).sort((a, b) => a - b));

    const refused = await runCli(['export', 'assets', '--db', db, '--format', 'csv-cp932', '--output', out('b.csv')]);
    assert.notEqual(refused.code, 0);
    const lines = refused.stderr.split('\n').filter((l) => /^\d+:/.test(l));
    assert.equal(lines.length, 3, refused.stderr);
    assert.match(lines[0], /^\d+:資産名: 〜 \(U\+301C\) would be written as ～ \(U\+FF5E\)$/);
    assert.match(lines[1], /^\d+:説明: 𠮷 \(U\+20BB7\) cannot be written in CP932$/);
    assert.deepEqual(fs.readdirSync(dir), ['a.csv'], 'nothing left behind');

    const sub = await runCli(['export', 'assets', '--db', db, '--format', 'csv-cp932', '--substitute', '--output', out('b.csv')]);
    assert.equal(sub.code, 0, sub.stderr);
    assert.match(sub.stderr, /^\d+:資産名: 〜 \(U\+301C\) → ～ \(U\+FF5E\)$/m);
    assert.match(sub.stdout, /3 characters substituted/);

    const x = await runCli(['export', 'assets', '--db', db, '--format', 'xlsx', '--sheet-rows', '10', '--output', out('c.xlsx')]);
    assert.equal(x.code, 0, x.stderr);
    const sheets = readXlsx(out('c.xlsx'));
    const n = rows.length;
    assert.equal(sheets.length, Math.ceil(n / 10));
    assert.deepEqual(sheets.map((s) => s.name), sheets.map((s, i) => (i ? `台帳 (${i + 1})` : '台帳')));
    for (const [i, s] of sheets.entries()) {
      assert.deepEqual(s.rows[0].map((c) => c.v), HEADERS, 'each sheet has the header');
      assert.equal(s.freeze, 'A2');
      const data = i < sheets.length - 1 ? 10 : n - 10 * i;
      assert.equal(s.rows.length, data + 1);
      assert.equal(s.filter, `A1:Z${data + 1}`);
    }
    assert.deepEqual(sheets.flatMap((s) => s.rows.slice(1).map((r) => r[0].v)), rows.map((r) => Number(r.ID)),
      'the same rows in the same order across the sheets');

    assert.equal(fs.statSync(out('a.csv')).mode & 0o777, 0o600, 'need-to-know data: readable by its owner only');
    const filtered = await runCli(['export', 'assets', '--db', db, '--format', 'csv', '--unit', '300', '--kind', 'document',
      '--output', out('e.csv')]);
    assert.equal(filtered.code, 0, filtered.stderr);
    const fr = csvTable(fs.readFileSync(out('e.csv'))).rows;
    assert.ok(fr.some((r) => r['所有部署コード'] === '310') && fr.some((r) => r['所有部署コード'] === '320'), 'sub-units');
    assert.ok(fr.every((r) => ['300', '310', '320'].includes(r['所有部署コード']) && r['資産の種類'] === '文書'));
    const noUnit = await runCli(['export', 'assets', '--db', db, '--format', 'csv', '--unit', '999', '--output', out('f.csv')]);
    assert.notEqual(noUnit.code, 0);
    assert.match(noUnit.stderr, /--unit: no unit has the code "999"/);
    const bad = await runCli(['export', 'assets', '--db', db, '--format', 'ods', '--output', out('d')]);
    assert.equal(bad.code === 0, false);
    assert.match(bad.stderr, /--format/);
    const events = await storeRows(db, `SELECT actor, detail FROM audit_event WHERE action = 'asset.export'
      AND actor LIKE 'cli:%'`);
    assert.equal(events.length, 4, 'each export the command line made is audited');
  }));

test('an export larger than the file store takes fails saying what to do', guarded(async () => {
  const small = await startServer({ db, args: ['--file-max-bytes', '1024'] });
  try {
    const c = small.client();
    await c.login('manager', pw.manager);
    const job = await exportJob(c, { format: 'csv' });
    assert.equal(job.state, 'failed');
    assert.match(job.error, /the limit is 1024.*raise the setting file_max_bytes, or export with mamori export assets/);
    assertError(await c.get(`/api/v1/jobs/${job.id}/file`), 404, 'not_found');
  } finally {
    await small.stop();
  }
}));
