// The staff list from CSV (a job): UTF-8 and CP932 as Excel writes them, every problem
// named by row and column with nothing written, a large file with visible progress
// while the server keeps answering, and a server killed mid-import leaving nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startServer, freshStore, runCli, run, storeRows, auditHeadSeq, auditVerify, tmpDir, sleep, guarded, backend,
} from './lib/harness.mjs';
import { assertError } from './lib/expect.mjs';

const bigRows = Number(process.env.MAMORI_IMPORT_ROWS || (backend === 'sqlite' ? 100000 : 20000));

async function demoServer(env = {}) {
  const db = await freshStore();
  const r = await runCli(['demo', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  const ciso = /^ciso\s+(\S{16})/m.exec(r.stdout)[1];
  const staff = /^staff\s+(\S{16})/m.exec(r.stdout)[1];
  const server = await startServer({ db, admin: { login: 'ciso', password: ciso }, env });
  return { server, db, staffPassword: staff };
}

async function upload(client, body, query = '') {
  return client.request('POST', `/api/v1/person-imports${query}`, { body, contentType: 'text/csv' });
}

async function waitJob(client, url, timeout = 300000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const r = await client.get(url);
    assert.equal(r.status, 200, r.text);
    if (['succeeded', 'failed'].includes(r.json.state)) return r.json;
    if (Date.now() > deadline) throw new Error(`${url} still ${r.json.state}`);
    await sleep(100);
  }
}

const personCount = async (db) => Number((await storeRows(db, 'SELECT count(*) AS n FROM person'))[0].n);

test('a UTF-8 staff list with a BOM imports every character, quotes and line breaks intact', guarded(async () => {
  const { server, db } = await demoServer();
  const c = await server.adminClient();
  const before = await personCount(db);
  const csv = '\uFEFF氏名,ふりがな,区分,所属コード,役割\r\n' +
    '髙橋 ①子,たかはし いちこ,正規職員,310,security_manager\r\n' +
    '"山田, ""ハナ""",やまだ はな,臨時職員,110,\r\n' +
    '"複数行\n氏名",ふくすう,外部要員,320,職員\r\n';
  const r = await upload(c, csv);
  assert.equal(r.status, 202, r.text);
  assert.equal(r.headers.get('location'), r.json.url);
  const job = await waitJob(c, r.json.url);
  assert.equal(job.state, 'succeeded', JSON.stringify(job));
  assert.equal(job.result.imported, 3);
  assert.equal(job.result.encoding, 'UTF-8');
  const rows = await storeRows(db, 'SELECT p.name, p.name_kana, p.category, u.code FROM person p JOIN org_unit u ON u.id = p.org_unit_id ORDER BY p.id DESC LIMIT 3');
  assert.deepEqual(rows.reverse(), [
    { name: '髙橋 ①子', name_kana: 'たかはし いちこ', category: 'regular', code: '310' },
    { name: '山田, "ハナ"', name_kana: 'やまだ はな', category: 'temporary', code: '110' },
    { name: '複数行\n氏名', name_kana: 'ふくすう', category: 'contractor', code: '320' },
  ]);
  assert.equal(await personCount(db), before + 3);
  const roles = await storeRows(db, "SELECT role_code FROM role_assignment ORDER BY id DESC LIMIT 2");
  assert.deepEqual(roles.map((x) => x.role_code).sort(), ['security_manager', 'staff']);
  const created = (await c.auditEvents({ action: 'person.create' })).filter((e) => e.actor === 'ciso');
  assert.equal(created.length, 3, 'each imported person is an audit event in the importer\'s name');
  await server.stop();
  assert.ok((await auditVerify(db)).ok);
}));

test('a CP932 file as Excel saves it keeps 髙, ①, ㈱, ～ and half-width katakana', guarded(async () => {
  const { server, db } = await demoServer();
  const c = await server.adminClient();
  const dir = tmpDir();
  const utf8 = path.join(dir, 'utf8.csv'), sjis = path.join(dir, 'sjis.csv');
  const names = ['髙島屋 ①郎', '㈱ﾃｽﾄ ｼｽﾃﾑ', '波～線 太郎'];
  fs.writeFileSync(utf8, '氏名,区分,所属\r\n' + names.map((n) => `${n},外部要員,料金課`).join('\r\n') + '\r\n');
  const conv = await run('iconv', ['-f', 'UTF-8', '-t', 'CP932', '-o', sjis, utf8]);
  assert.equal(conv.code, 0, conv.stderr);
  const bytes = fs.readFileSync(sjis);
  assert.ok(!bytes.equals(fs.readFileSync(utf8)), 'the file really is CP932');
  const r = await upload(c, bytes);
  assert.equal(r.status, 202, r.text);
  const job = await waitJob(c, r.json.url);
  assert.equal(job.state, 'succeeded', JSON.stringify(job));
  assert.equal(job.result.encoding, 'CP932');
  const rows = await storeRows(db, 'SELECT name FROM person ORDER BY id DESC LIMIT 3');
  assert.deepEqual(rows.map((x) => x.name).reverse(), names);
  await server.stop();
}));

test('every problem is named by row and column, and nothing is written', guarded(async () => {
  const { server, db, staffPassword } = await demoServer();
  const c = await server.adminClient();
  const before = await personCount(db);
  const csv = '氏名,区分,所属コード,役割\n' +
    '正しい 人,正規職員,110,\n' +       // row 2: fine
    ',正規職員,110,\n' +                // row 3: no name
    '誰か,社長,110,\n' +                // row 4: no such category
    '誰か,正規職員,999,\n' +            // row 5: no such unit
    '誰か,正規職員,110,king\n';         // row 6: no such role
  const r = await upload(c, csv);
  const job = await waitJob(c, r.json.url);
  assert.equal(job.state, 'failed');
  assert.match(job.error, /4 problems in the file; nothing was imported/);
  assert.equal(job.result.n_problems, 4);
  assert.deepEqual(job.result.problems.map((p) => [p.row, p.column]), [[3, '氏名'], [4, '区分'], [5, '所属コード'], [6, '役割']]);
  assert.equal(await personCount(db), before, 'a file with problems changes nothing');

  // A header it does not know, and a file that is not CSV at all.
  const bad = await waitJob(c, (await upload(c, '氏名,区分,所属コード,血液型\nA,正規職員,110,O\n')).json.url);
  assert.equal(bad.state, 'failed');
  assert.deepEqual(bad.result.problems.map((p) => [p.row, p.column]), [[1, '血液型']]);
  const notCsv = await waitJob(c, (await upload(c, '氏名,区分\n"unterminated,正規職員\n')).json.url);
  assert.equal(notCsv.state, 'failed');
  assert.equal(notCsv.result.problems[0].row, 0);
  // A dry run checks and writes nothing even when the file is good.
  const dry = await waitJob(c, (await upload(c, '氏名,区分,所属コード\nA,正規職員,110\n', '?dry_run=true')).json.url);
  assert.equal(dry.state, 'succeeded');
  assert.equal(dry.result.imported, 0);
  assert.equal(await personCount(db), before);

  // Edge refusals: no body, a bad parameter, no permission, no CSRF token, too large.
  assertError(await upload(c, ''), 422, 'validation_failed');
  assertError(await upload(c, 'a\n', '?encoding=ebcdic'), 422, 'validation_failed');
  const staff = server.client();
  await staff.login('staff', staffPassword);
  assertError(await upload(staff, '氏名\n'), 403, 'forbidden');
  assertError(await c.request('POST', '/api/v1/person-imports', { body: 'a', contentType: 'text/csv', csrf: false }), 403, 'csrf_failed');
  assert.equal(await personCount(db), before);
  await server.stop();
}));

test(`${bigRows} rows import as a job with visible progress while other pages answer`, guarded(async () => {
  const { server, db } = await demoServer();
  const c = await server.adminClient();
  const before = await personCount(db);
  const units = ['110', '120', '210', '220', '310', '320'];
  const cats = ['正規職員', '臨時職員', 'パートタイマー', '非常勤職員', '関係機関職員', '外部要員'];
  let csv = '氏名,ふりがな,区分,所属コード\r\n';
  for (let i = 0; i < bigRows; i++) csv += `職員${i},しょくいん${i},${cats[i % 6]},${units[i % 6]}\r\n`;
  const r = await upload(c, csv);
  assert.equal(r.status, 202, r.text);
  const seen = new Set();
  let answered = 0, state;
  for (const deadline = Date.now() + 600000; Date.now() < deadline;) {
    const j = (await c.get(r.json.url)).json;
    state = j.state;
    if (j.state === 'running') seen.add(j.progress.done);
    if (['succeeded', 'failed'].includes(j.state)) break;
    const h = await server.request('GET', '/healthz');
    const s = await c.get('/api/v1/session');
    if (h.status === 200 && s.status === 200 && s.json.authenticated) answered++;
    await sleep(50);
  }
  assert.equal(state, 'succeeded');
  const job = (await c.get(r.json.url)).json;
  assert.equal(job.result.imported, bigRows);
  assert.equal(job.progress.done, job.progress.total);
  assert.ok(seen.size >= 2, `progress moved while running (saw ${[...seen].join(', ')})`);
  assert.ok(answered >= 3, `other pages answered during the import (${answered})`);
  assert.equal(await personCount(db), before + bigRows);
  await server.stop();
  assert.ok((await auditVerify(db)).ok);
}));

test('a server killed in the middle of an import leaves nothing half-written; the job shows failed',
  guarded(async () => {
    const { server, db } = await demoServer({ MAMORI_JOB_STALE_AFTER: '4' });
    const c = await server.adminClient();
    const before = await personCount(db);
    const beforeSeq = await auditHeadSeq(db);
    let csv = '氏名,区分,所属コード\n';
    for (let i = 0; i < bigRows; i++) csv += `職員${i},正規職員,110\n`;
    const r = await upload(c, csv);
    assert.equal(r.status, 202, r.text);
    for (let i = 0; ; i++) {
      const j = (await c.get(r.json.url)).json;
      if (j.state === 'running' && j.progress.done > 0) break;
      assert.ok(['queued', 'running'].includes(j.state) && i < 2000, `job went ${j.state} before the kill`);
      await sleep(5);
    }
    await sleep(300);
    await server.kill();
    assert.equal(await personCount(db), before, 'nothing of the import is in the store');
    await sleep(5000);
    const again = await startServer({ db, admin: server.admin, env: { MAMORI_JOB_STALE_AFTER: '4' } });
    const c2 = await again.adminClient();
    const j = (await c2.get(r.json.url)).json;
    assert.equal(j.state, 'failed', JSON.stringify(j));
    assert.match(j.error, /interrupted/);
    assert.equal(await personCount(db), before);
    const creates = (await c2.auditEvents({ action: 'person.create' })).filter((e) => e.seq > beforeSeq);
    assert.equal(creates.length, 0, 'and nothing of it in the trail');
    await again.stop();
    assert.ok((await auditVerify(db)).ok);
  }));

test('a section head imports only into the section', guarded(async () => {
  const db = await freshStore();
  const r = await runCli(['demo', '--db', db]);
  const pw = Object.fromEntries([...r.stdout.matchAll(/^(\w+)\s+(\S{16})\s/gm)].map((m) => [m[1], m[2]]));
  const server = await startServer({ db, admin: { login: 'ciso', password: pw.ciso } });
  const manager = server.client();
  await manager.login('manager', pw.manager); // security_manager of 料金課 (310)
  const before = await personCount(db);
  const outside = await waitJob(manager, (await upload(manager, '氏名,区分,所属コード\nA,正規職員,310\nB,正規職員,320\n')).json.url);
  assert.equal(outside.state, 'failed');
  assert.deepEqual(outside.result.problems.map((p) => [p.row, p.column]), [[3, '所属コード']]);
  assert.match(outside.result.problems[0].message, /among yours/);
  assert.equal(await personCount(db), before);
  const inside = await waitJob(manager, (await upload(manager, '氏名,区分,所属\nA,正規職員,料金課\n')).json.url);
  assert.equal(inside.state, 'succeeded', JSON.stringify(inside));
  assert.equal(await personCount(db), before + 1);
  await server.stop();
}));
