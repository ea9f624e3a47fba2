// Procedures (実施手順, 第7条, 第11条): written by the owner unit's keepers, revised with
// If-Match into new versions (every version kept whole), linked to requirements, rendered
// from Markdown harmlessly — and every read of a body is an audit event naming the reader
// and the version read. Drafts are need-to-know: staff read what is in force only.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, freshStore, runCli, auditVerify, guarded, storeRows, storeSql } from './lib/harness.mjs';
import { assertError, assertFieldError } from './lib/expect.mjs';

let server, db, pw, ciso, staff, manager, officer, sysadmin;
const unitIds = {};
const reqIds = {};
const as = async (l) => { const c = server.client(); await c.login(l, pw[l]); return c; };
const reads = async () => storeRows(db,
  "SELECT seq, actor, object_id, detail FROM audit_event WHERE action = 'procedure.read' ORDER BY seq");
const detailOf = (e) => (typeof e.detail === 'string' ? JSON.parse(e.detail) : e.detail);

before(async () => {
  db = await freshStore();
  const d = await runCli(['demo', '--db', db]);
  assert.equal(d.code, 0, d.stderr);
  pw = Object.fromEntries([...d.stdout.matchAll(/^(\w+)\s+(\S{16})\s/gm)].map((m) => [m[1], m[2]]));
  server = await startServer({ db, admin: { login: 'ciso', password: pw.ciso } });
  ciso = await server.adminClient();
  staff = await as('staff');
  manager = await as('manager');
  officer = await as('officer');
  sysadmin = await as('sysadmin');
  for (const u of (await ciso.get('/api/v1/org-units')).json.items) unitIds[u.code] = u.id;
  for (const r of (await ciso.get('/api/v1/requirements?limit=500')).json.items) reqIds[r.code] = r.id;
});

after(async () => {
  if (server?.running) {
    await server.stop();
    const v = await auditVerify(db);
    assert.ok(v.ok, `${v.stdout}${v.stderr}`);
  }
});

describe('the demo procedures', () => {
  test('staff list the procedures in force, without bodies; a requirement lists its procedures', guarded(async () => {
    const r = await staff.get('/api/v1/procedures');
    assert.equal(r.status, 200, r.text);
    const codes = r.json.items.map((p) => p.code);
    assert.deepEqual(codes, ['PROC-HUM-07', 'PROC-PHY-01', 'PROC-PHY-07']);
    assert.ok(r.json.items.every((p) => p.status === 'in_force' && !('body' in p) && !('body_html' in p)));
    const byReq = await staff.get(`/api/v1/procedures?requirement_id=${reqIds['PHY-08']}`);
    assert.deepEqual(byReq.json.items.map((p) => p.code), ['PROC-PHY-07']);
    const q = await staff.get(`/api/v1/procedures?q=${encodeURIComponent('ICカード')}`);
    assert.deepEqual(q.json.items.map((p) => p.code), ['PROC-PHY-01'], 'the body is searched');
    const req = await staff.get(`/api/v1/requirements/${reqIds['PHY-01']}`);
    assert.equal(req.status, 200, req.text);
    assert.deepEqual(req.json.procedures.map((p) => [p.code, p.status]), [['PROC-PHY-01', 'in_force']]);
    assert.ok(!('body' in req.json.procedures[0]));
    assert.match(req.json.text_html, /^<p>サーバ室/);
  }));

  test('every read of a body is recorded, with the reader and the version read', guarded(async () => {
    const id = (await staff.get('/api/v1/procedures?q=PROC-PHY-01')).json.items[0].id;
    const before = await reads();
    const r = await staff.get(`/api/v1/procedures/${id}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.get('etag'), '"2"');
    assert.equal(r.json.read_version, 2);
    assert.match(r.json.body, /入退室管理簿/);
    assert.match(r.json.body_html, /<h2>入室するとき<\/h2>/);
    assert.deepEqual(r.json.requirements_linked.map((x) => x.code), ['PHY-01']);
    // Staff see only the versions that were in force (version 1 was the draft).
    assert.deepEqual(r.json.versions.map((v) => v.version), [2]);
    const afterRead = await reads();
    assert.equal(afterRead.length, before.length + 1);
    const ev = afterRead.at(-1);
    assert.equal(ev.actor, 'staff');
    assert.equal(String(ev.object_id), String(id));
    assert.equal(detailOf(ev).version, 2);
    // A second read is a second event; the trail is readable through the API as well.
    await staff.get(`/api/v1/procedures/${id}`);
    assert.equal((await reads()).length, before.length + 2);
    const api = await ciso.get('/api/v1/audit-events?action=procedure.read&limit=500');
    assert.equal(api.status, 200, api.text);
    assert.ok(api.json.items.filter((e) => e.actor === 'staff').length >= 2, api.text.slice(0, 500));
    // The draft version is not the staff's to read, and the refusal reads nothing.
    const old = await staff.get(`/api/v1/procedures/${id}?version=1`);
    assertError(old, 404, 'not_found');
    assert.equal((await reads()).length, before.length + 2);
    // The keeper reads it, on record as version 1.
    const v1 = await ciso.get(`/api/v1/procedures/${id}?version=1`);
    assert.equal(v1.status, 200, v1.text);
    assert.equal(v1.json.read_version, 1);
    assert.equal(v1.json.status, 'draft');
    assert.equal(detailOf((await reads()).at(-1)).version, 1);
    assertError(await staff.get(`/api/v1/procedures/${id}?version=x`), 422, 'validation_failed');
    assertError(await staff.get(`/api/v1/procedures/${id}?version=99`), 404, 'not_found');
  }));
});

describe('a read that cannot be recorded does not happen', () => {
  test('when the procedure.read event cannot be written, no body is sent', guarded(async () => {
    const id = (await staff.get('/api/v1/procedures?q=PROC-HUM-07')).json.items[0].id;
    const sqlite = db.startsWith('sqlite:');
    const refuse = sqlite
      ? "CREATE TRIGGER t_refuse_read BEFORE INSERT ON audit_event WHEN NEW.action = 'procedure.read'"
        + " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"
      : "CREATE FUNCTION t_refuse_read() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;"
        + " CREATE TRIGGER t_refuse_read BEFORE INSERT ON audit_event FOR EACH ROW WHEN (NEW.action = 'procedure.read')"
        + ' EXECUTE FUNCTION t_refuse_read();';
    const made = await storeSql(db, refuse);
    assert.equal(made.code, 0, made.stderr);
    try {
      const before = await reads();
      const r = await staff.get(`/api/v1/procedures/${id}`);
      assert.ok(r.status >= 400, `refused: ${r.status} ${r.text}`); // the store's refusal, as the backend reports it
      assert.doesNotMatch(r.text, /作業を止め/, 'no word of the body');
      assert.ok(!('body' in (r.json ?? {})));
      assert.equal((await reads()).length, before.length);
    } finally {
      const dropped = await storeSql(db, sqlite ? 'DROP TRIGGER t_refuse_read;'
        : 'DROP TRIGGER t_refuse_read ON audit_event; DROP FUNCTION t_refuse_read();');
      assert.equal(dropped.code, 0, dropped.stderr);
    }
    assert.equal((await staff.get(`/api/v1/procedures/${id}`)).status, 200);
  }));
});

describe('writing and revising', () => {
  let id;
  test('the CISO writes a draft for 料金課; only its keepers see it', guarded(async () => {
    const r = await ciso.post('/api/v1/procedures', {
      code: 'PROC-T-01', title_ja: '窓口での本人確認の手順', owner_unit_id: unitIds['310'],
      body: '# 本人確認\n\n1. 身分証を確かめる\n', requirement_ids: [reqIds['PHY-07']],
    });
    assert.equal(r.status, 201, r.text);
    id = r.json.id;
    assert.equal(r.headers.get('location'), `/api/v1/procedures/${id}`);
    assert.equal(r.headers.get('etag'), '"1"');
    assert.equal(r.json.status, 'draft');
    assert.equal(r.json.disclosure, 'internal');
    assert.match(r.json.body_html, /<h1>本人確認<\/h1>/);
    // 料金課's section head and the 水道局's department head keep it; others do not know it.
    assert.equal((await manager.get(`/api/v1/procedures/${id}`)).status, 200);
    assert.equal((await officer.get(`/api/v1/procedures/${id}`)).status, 200);
    assertError(await staff.get(`/api/v1/procedures/${id}`), 404, 'not_found');
    assertError(await sysadmin.get(`/api/v1/procedures/${id}`), 404, 'not_found');
    assert.ok(!(await staff.get('/api/v1/procedures?limit=500')).json.items.some((p) => p.id === id));
    assert.ok((await manager.get('/api/v1/procedures?status=draft')).json.items.some((p) => p.id === id));
    const denied = await storeRows(db,
      `SELECT actor FROM audit_event WHERE action = 'access.denied' AND object_type = 'procedure' AND object_id = '${id}'`);
    assert.ok(denied.some((e) => e.actor === 'staff'), 'the refusal is on record');
  }));

  test('a revision needs If-Match (428, 412) and makes a new version, kept whole', guarded(async () => {
    assertError(await manager.request('PATCH', `/api/v1/procedures/${id}`, { body: { body: 'x' } }), 428, null);
    assertError(await manager.request('PATCH', `/api/v1/procedures/${id}`,
      { body: { body: 'x' }, headers: { 'If-Match': '"7"' } }), 412, 'precondition_failed');
    const r = await manager.request('PATCH', `/api/v1/procedures/${id}`, {
      body: { body: '# 本人確認\n\n1. 身分証を確かめる\n2. 記録する\n', status: 'in_force', requirement_ids: [reqIds['PHY-07'], reqIds['PHY-08']] },
      headers: { 'If-Match': '"1"' },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.get('etag'), '"2"');
    assert.equal(r.json.status, 'in_force');
    assert.deepEqual(r.json.versions.map((v) => [v.version, v.status]), [[2, 'in_force'], [1, 'draft']]);
    assert.deepEqual(r.json.requirements_linked.map((x) => x.code), ['PHY-07', 'PHY-08']);
    const v1 = await manager.get(`/api/v1/procedures/${id}?version=1`);
    assert.equal(v1.json.body, '# 本人確認\n\n1. 身分証を確かめる\n');
    const rows = await storeRows(db, `SELECT version, body, requirement_ids FROM procedure_version WHERE procedure_id = ${id} ORDER BY version`);
    assert.equal(rows.length, 2);
    assert.match(rows[1].body, /記録する/);
    assert.equal(rows[1].requirement_ids, `[${reqIds['PHY-07']},${reqIds['PHY-08']}]`);
    // In force now: staff read it.
    assert.equal((await staff.get(`/api/v1/procedures/${id}`)).status, 200);
    const ev = await storeRows(db, `SELECT action FROM audit_event WHERE object_type = 'procedure' AND object_id = '${id}' AND action LIKE 'procedure.%' ORDER BY seq`);
    assert.deepEqual([...new Set(ev.map((e) => e.action))].sort(), ['procedure.create', 'procedure.read', 'procedure.update']);
  }));

  test('keepers of another unit may not revise it; staff may not write', guarded(async () => {
    const soumu = (await staff.get('/api/v1/procedures?q=PROC-PHY-01')).json.items[0];
    assertError(await manager.request('PATCH', `/api/v1/procedures/${soumu.id}`,
      { body: { title_en: 'x' }, headers: { 'If-Match': `"${soumu.version}"` } }), 403, 'forbidden');
    assertError(await staff.post('/api/v1/procedures', { code: 'X', title_ja: 'x', owner_unit_id: unitIds['320'] }), 403, 'forbidden');
    // A section head writes only for their own units.
    assertFieldError(await manager.post('/api/v1/procedures',
      { code: 'PROC-T-02', title_ja: '他課', owner_unit_id: unitIds['210'] }), 'owner_unit_id');
  }));

  test('unsafe Markdown is rendered harmless', guarded(async () => {
    const r = await ciso.post('/api/v1/procedures', {
      code: 'PROC-T-03', title_ja: '危ない本文', owner_unit_id: unitIds['110'], status: 'in_force',
      body: '<script>alert(1)</script>\n\n[押す](javascript:alert(1))\n\n<img src=x onerror=alert(1)>\n\n'
        + '![p](data:image/png;base64,iVBORw0KGgo=)\n\n[ok](https://example.jp/)\n',
    });
    assert.equal(r.status, 201, r.text);
    const html = r.json.body_html;
    assert.doesNotMatch(html, /<script|javascript:|onerror|data:/i);
    assert.match(html, /<a href="">押す<\/a>/);
    assert.match(html, /<a href="https:\/\/example.jp\/">ok<\/a>/);
    const p = await ciso.post('/api/v1/markdown/preview', { text: '<script>x</script>\n\n**b**' });
    assert.equal(p.status, 200, p.text);
    assert.doesNotMatch(p.json.html, /<script/);
    assert.match(p.json.html, /<strong>b<\/strong>/);
    assertError(await staff.post('/api/v1/markdown/preview', { text: 'x' }), 403, 'forbidden');
  }));

  test('validation names the fields, and a refused request writes nothing', guarded(async () => {
    const n = (await storeRows(db, 'SELECT COUNT(*) AS n FROM procedure'))[0].n;
    const r = await ciso.post('/api/v1/procedures', { status: 'old', requirement_ids: [0, 'x'], extra: 1 });
    for (const f of ['code', 'title_ja', 'owner_unit_id', 'requirement_ids[0]', 'requirement_ids[1]', 'extra']) assertFieldError(r, f);
    assertFieldError(await ciso.post('/api/v1/procedures',
      { code: 'bad code', title_ja: 'x', owner_unit_id: unitIds['110'] }), 'code');
    assertFieldError(await ciso.post('/api/v1/procedures',
      { code: 'PROC-T-04', title_ja: 'x', owner_unit_id: unitIds['110'], status: 'old' }), 'status');
    assertFieldError(await ciso.post('/api/v1/procedures',
      { code: 'PROC-T-04', title_ja: 'x', owner_unit_id: unitIds['110'], disclosure: 'public' }), 'disclosure');
    assertFieldError(await ciso.post('/api/v1/procedures',
      { code: 'PROC-T-04', title_ja: 'x', owner_unit_id: 999999 }), 'owner_unit_id');
    assertFieldError(await ciso.post('/api/v1/procedures',
      { code: 'PROC-T-04', title_ja: 'x', owner_unit_id: unitIds['110'], requirement_ids: [999999] }), 'requirement_ids[0]');
    assertFieldError(await ciso.post('/api/v1/procedures',
      { code: 'PROC-PHY-01', title_ja: 'x', owner_unit_id: unitIds['110'] }), 'code');
    assertFieldError(await ciso.get('/api/v1/procedures?status=old'), 'status');
    assertFieldError(await ciso.get('/api/v1/procedures?requirement_id=x'), 'requirement_id');
    assertFieldError(await ciso.post('/api/v1/markdown/preview', {}), 'text');
    assert.equal((await storeRows(db, 'SELECT COUNT(*) AS n FROM procedure'))[0].n, n);
  }));
});
