// A requirement's status everywhere it applies (issue 6 point 9): GET
// /api/v1/requirements/{id}/implementations, on the demo union. What it lists is the
// reverse of what applies to each asset (GET /api/v1/assets/{id}/requirements) over the
// assets the caller sees in the ledger — the same need-to-know, so a section's people do
// not learn of another section's 3A assets through it; its counts agree with its items,
// with the implementation records and with the Statement of Applicability; units for
// items of scope unit are the caller's own (asset.read there), and who has
// implementation.write there may record them. Also: one record's `writable` and its
// evidence's `added_by`.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, freshStore, runCli, auditVerify, guarded } from './lib/harness.mjs';
import { assertFieldError } from './lib/expect.mjs';

const STATUSES = ['not_started', 'partial', 'implemented', 'not_applicable', 'excepted'];
let server, db, pw;
const clients = {};
const unitIds = {};
const classIds = {};
let catalog = [];

before(async () => {
  db = await freshStore();
  const d = await runCli(['demo', '--db', db]);
  assert.equal(d.code, 0, d.stderr);
  pw = Object.fromEntries([...d.stdout.matchAll(/^(\w+)\s+(\S{16})\s/gm)].map((m) => [m[1], m[2]]));
  server = await startServer({ db, admin: { login: 'ciso', password: pw.ciso } });
  clients.ciso = await server.adminClient();
  for (const login of ['manager', 'officer', 'staff', 'sysadmin', 'auditor', 'committee']) {
    clients[login] = server.client();
    await clients[login].login(login, pw[login]);
  }
  for (const u of (await clients.ciso.get('/api/v1/org-units')).json.items) unitIds[u.code] = u.id;
  for (const k of (await clients.ciso.get('/api/v1/classification')).json.classes) classIds[k.label] = k.id;
  catalog = (await clients.ciso.get('/api/v1/requirements?limit=500')).json.items;
});

after(async () => {
  if (server?.running) {
    await server.stop();
    const v = await auditVerify(db);
    assert.ok(v.ok, `${v.stdout}${v.stderr}`);
  }
});

const byCode = (code) => catalog.find((q) => q.code === code);

/** Every item of the list, page by page (limit small, to go through the cursor). */
async function everything(client, id, query = '', limit = 4) {
  const items = [];
  let first = null;
  let cursor = null;
  for (let pages = 0; pages < 200; pages++) {
    const r = await client.get(`/api/v1/requirements/${id}/implementations?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200, r.text);
    first ??= r.json;
    assert.deepEqual(r.json.counts, first.counts, 'the counts are the same on every page');
    assert.ok(r.json.items.length <= limit);
    items.push(...r.json.items);
    cursor = r.json.next_cursor;
    if (!cursor) break;
  }
  return { ...first, items };
}

/** The assets in use the client sees in the ledger, by id. */
async function ledger(client) {
  const r = await client.get('/api/v1/assets?limit=500');
  assert.equal(r.status, 200, r.text);
  return new Map(r.json.items.filter((a) => a.status === 'in_use').map((a) => [a.id, a]));
}

describe('where a requirement applies', () => {
  test('for every item of scope asset, the reverse of each asset\'s applicable requirements (the CISO sees all)',
    guarded(async () => {
      const assets = await ledger(clients.ciso);
      const applies = new Map(); // requirement id → Set of asset ids
      for (const id of assets.keys()) {
        const r = await clients.ciso.get(`/api/v1/assets/${id}/requirements`);
        assert.equal(r.status, 200, r.text);
        for (const q of r.json.items) {
          if (!applies.has(q.id)) applies.set(q.id, new Set());
          applies.get(q.id).add(id);
        }
      }
      const soa = (await clients.ciso.get('/api/v1/compliance/soa')).json.requirements;
      const leaves = catalog.filter((q) => q.scope === 'asset' && q.children === 0 && q.active);
      assert.ok(leaves.length > 20);
      for (const q of leaves) {
        const r = await clients.ciso.get(`/api/v1/requirements/${q.id}/implementations?limit=500`);
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.scope, 'asset');
        assert.equal(r.json.applicable, true);
        assert.equal(r.json.next_cursor, null);
        assert.deepEqual(r.json.items.map((x) => x.asset_id).sort((a, b) => a - b),
          [...(applies.get(q.id) ?? [])].sort((a, b) => a - b), q.code);
        assert.equal(r.json.total, r.json.items.length, q.code);
        const s = soa.find((x) => x.id === q.id);
        for (const k of STATUSES) assert.equal(r.json.counts[k], s.counts[k], `${q.code} ${k}: as the SoA says`);
        for (const x of r.json.items) {
          const a = assets.get(x.asset_id);
          assert.equal(x.asset_name, a.name);
          assert.equal(x.label, a.label);
          assert.equal(x.unit_id, a.owner_unit_id);
          assert.equal(x.writable, x.status !== 'excepted', 'the CISO records anywhere');
        }
      }
    }));

  test('counts agree with the items (page by page), with the status filter and with the records', guarded(async () => {
    const q = byCode('PHY-01');
    // A new system of C3B, which PHY-01 applies to: a pair without a record yet.
    const made = await clients.ciso.post('/api/v1/assets', {
      kind: 'system', name: '料金課 新システム', owner_unit_id: unitIds['310'], segment: 'lgwan', format: 'electronic',
      c_class_id: classIds.C3B, i_class_id: classIds.I2, a_class_id: classIds.A2, class_reason: '試験',
    });
    assert.equal(made.status, 201, made.text);
    const all = await everything(clients.ciso, q.id);
    assert.ok(all.items.length >= 5, `${all.items.length} assets`);
    assert.equal(all.total, all.items.length);
    assert.equal(new Set(all.items.map((x) => x.asset_id)).size, all.items.length, 'no asset twice across pages');
    for (const k of STATUSES) {
      assert.equal(all.counts[k], all.items.filter((x) => x.status === k).length, k);
      const only = await everything(clients.ciso, q.id, `&status=${k}`, 2);
      assert.deepEqual(only.items.map((x) => x.asset_id), all.items.filter((x) => x.status === k).map((x) => x.asset_id));
    }
    const fresh = all.items.find((x) => x.asset_id === made.json.id);
    assert.equal(fresh.status, 'not_started', 'a pair without a record is 未着手');
    assert.equal(fresh.implementation_id, null);
    assert.equal(fresh.version, null);
    assert.ok(all.items.filter((x) => x.implementation_id === null).every((x) => x.status === 'not_started'));
    const records = (await clients.ciso.get(`/api/v1/implementations?requirement_id=${q.id}&limit=500`)).json.items;
    for (const x of all.items.filter((i) => i.implementation_id)) {
      const im = records.find((m) => m.id === x.implementation_id);
      assert.equal(im.asset_id, x.asset_id);
      assert.equal(im.status, x.status);
      assert.equal(im.version, x.version);
    }
    const unit = await everything(clients.ciso, q.id, `&org_unit_id=${unitIds['310']}`);
    assert.deepEqual(unit.items.map((x) => x.asset_id), all.items.filter((x) => x.unit_id === unitIds['310']).map((x) => x.asset_id));
    assert.equal(unit.total, unit.items.length);
  }));

  test('need-to-know: each caller is shown only the assets the ledger shows them; another section\'s 3A never',
    guarded(async () => {
      // A new 3A system of 総務課, which PHY-01 applies to (a system of C3A).
      const made = await clients.ciso.post('/api/v1/assets', {
        kind: 'system', name: '総務課 秘密システム', owner_unit_id: unitIds['110'], segment: 'lgwan', format: 'electronic',
        c_class_id: classIds.C3A, i_class_id: classIds.I2, a_class_id: classIds.A2, class_reason: '試験',
      });
      assert.equal(made.status, 201, made.text);
      const secret = made.json.id;
      const q = byCode('PHY-01');
      const full = await everything(clients.ciso, q.id);
      assert.ok(full.items.some((x) => x.asset_id === secret));
      for (const login of ['manager', 'officer', 'staff', 'sysadmin', 'auditor']) {
        const seen = await ledger(clients[login]);
        const mine = await everything(clients[login], q.id);
        const want = full.items.filter((x) => seen.has(x.asset_id)).map((x) => x.asset_id);
        assert.deepEqual(mine.items.map((x) => x.asset_id), want, `${login}: the ledger's sight`);
        assert.equal(mine.total, want.length, `${login}: the counts count only what they see`);
        assert.equal(STATUSES.reduce((n, k) => n + mine.counts[k], 0), want.length);
        if (login !== 'auditor') assert.ok(!mine.items.some((x) => x.asset_id === secret), `${login} does not see 総務課's 3A`);
        // Asking for that unit by name tells nothing either.
        const there = await everything(clients[login], q.id, `&org_unit_id=${unitIds['110']}`);
        if (login !== 'auditor') assert.equal(there.total, 0, `${login}: nothing of 総務課`);
      }
      // 料金課's manager sees 料金課's 3A billing system, not 総務課's 3A LGWAN; 工務課's staff neither.
      const manager = await everything(clients.manager, q.id);
      const names = (x) => x.items.map((i) => i.asset_name);
      assert.ok(names(manager).includes('水道料金システム'));
      assert.ok(!names(manager).includes('LGWAN接続系 ネットワーク'));
      assert.ok(manager.items.every((x) => x.unit_id === unitIds['310']));
      const staff = await everything(clients.staff, q.id);
      assert.ok(!names(staff).includes('水道料金システム'));
      assert.ok(staff.items.every((x) => x.unit_id === unitIds['320'] && x.c_rank < 4));
      assert.ok(staff.items.every((x) => x.writable === false), 'staff record nothing');
      assert.ok(manager.items.every((x) => x.writable === (x.status !== 'excepted')));
      // The system manager sees what they manage (the 119 dispatch system, in another unit's ledger).
      const sysadmin = await everything(clients.sysadmin, q.id);
      assert.ok(names(sysadmin).includes('119番 指令システム'));
      assert.ok(sysadmin.items.every((x) => x.writable === false));
      // The committee reads no assets at all.
      assert.equal((await clients.committee.get(`/api/v1/requirements/${q.id}/implementations`)).status, 403);
    }));

  test('items of scope unit: the caller\'s units, recorded by who may', guarded(async () => {
    const q = catalog.find((x) => x.scope === 'unit' && x.children === 0 && x.active);
    const open = (await clients.ciso.get('/api/v1/org-units')).json.items.filter((u) => !u.valid_to);
    const all = await everything(clients.ciso, q.id);
    assert.equal(all.scope, 'unit');
    assert.deepEqual(all.items.map((x) => x.unit_id), open.map((u) => u.id).sort((a, b) => a - b));
    assert.ok(all.items.every((x) => x.asset_id === undefined));
    const codes = async (login) => (await everything(clients[login], q.id)).items.map((x) => x.unit_code).sort();
    assert.deepEqual(await codes('manager'), ['310']);
    assert.deepEqual(await codes('officer'), ['300', '310', '320']);
    assert.deepEqual(await codes('staff'), ['320']);
    assert.deepEqual(await codes('sysadmin'), [], 'asset.read on what one manages is no unit');
    // The manager records 料金課's status for it (a new record, or a change of the demo's).
    const [mine] = (await everything(clients.manager, q.id)).items;
    assert.equal(mine.writable, true);
    const r = mine.implementation_id
      ? await clients.manager.request('PATCH', `/api/v1/implementations/${mine.implementation_id}`,
        { body: { status: 'partial', due_on: '2027-03-31' }, headers: { 'If-Match': `"${mine.version}"` } })
      : await clients.manager.post('/api/v1/implementations', { requirement_id: q.id, org_unit_id: mine.unit_id,
        status: 'partial', due_on: '2027-03-31' });
    assert.ok([200, 201].includes(r.status), r.text);
    const [now] = (await everything(clients.manager, q.id)).items;
    assert.equal(now.status, 'partial');
    assert.equal(now.due_on, '2027-03-31');
    assert.equal(now.implementation_id, r.json.id);
    assert.equal((await everything(clients.staff, q.id)).items[0].writable, false);
  }));

  test('validation at the edge; a group applies to nothing; no such requirement is 404', guarded(async () => {
    const q = byCode('PHY-01');
    const base = `/api/v1/requirements/${q.id}/implementations`;
    assertFieldError(await clients.ciso.get(`${base}?status=done`), 'status');
    assertFieldError(await clients.ciso.get(`${base}?limit=0`), 'limit');
    assertFieldError(await clients.ciso.get(`${base}?limit=501`), 'limit');
    assertFieldError(await clients.ciso.get(`${base}?org_unit_id=abc`), 'org_unit_id');
    assertFieldError(await clients.ciso.get(`${base}?cursor=-1`), 'cursor');
    assert.equal((await clients.ciso.get('/api/v1/requirements/999999999/implementations')).status, 404);
    const group = catalog.find((x) => x.children > 0);
    const g = await clients.ciso.get(`/api/v1/requirements/${group.id}/implementations`);
    assert.equal(g.status, 200, g.text);
    assert.equal(g.json.applicable, false);
    assert.deepEqual(g.json.items, []);
    assert.equal(g.json.total, 0);
  }));
});

describe('one record', () => {
  test('writable says who may change it; evidence says who added it', guarded(async () => {
    const q = byCode('PHY-01');
    const mine = (await everything(clients.manager, q.id)).items.find((x) => x.asset_name === '水道料金システム');
    let id = mine.implementation_id;
    let version = mine.version;
    if (!id) {
      const r = await clients.manager.post('/api/v1/implementations', { requirement_id: q.id, asset_id: mine.asset_id,
        status: 'partial' });
      assert.equal(r.status, 201, r.text);
      ({ id, version } = r.json);
    }
    const up = await clients.manager.request('POST', `/api/v1/implementations/${id}/evidence?name=${encodeURIComponent('入退室記録.csv')}`,
      { body: '日付,氏名\n2026-04-01,高橋\n', contentType: 'text/csv', headers: { 'If-Match': `"${version}"` } });
    assert.equal(up.status, 201, up.text);
    const ev = up.json.evidence.find((x) => x.name === '入退室記録.csv');
    assert.equal(ev.added_by, '高橋 美咲');
    // The history says what made each version: the evidence added, with its file.
    assert.equal(up.json.history[0].change, 'evidence');
    assert.equal(up.json.history[0].file_id, ev.file_id);
    assert.equal(up.json.history[0].file_name, '入退室記録.csv');
    const patched = await clients.manager.request('PATCH', `/api/v1/implementations/${id}`,
      { body: { note: '入退室記録を毎月添付' }, headers: { 'If-Match': `"${up.json.version}"` } });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual(patched.json.history.slice(0, 2).map((v) => v.change), ['update', 'evidence']);
    assert.equal(patched.json.history.at(-1).change, 'create');
    assert.equal(patched.json.writable, true);
    assert.equal((await clients.manager.get(`/api/v1/implementations/${id}`)).json.writable, true);
    assert.equal((await clients.ciso.get(`/api/v1/implementations/${id}`)).json.writable, true);
    const audited = await clients.auditor.get(`/api/v1/implementations/${id}`);
    assert.equal(audited.status, 200, audited.text);
    assert.equal(audited.json.writable, false, 'an auditor reads, and records nothing');
    assert.equal((await clients.staff.get(`/api/v1/implementations/${id}`)).status, 404);
  }));
});
