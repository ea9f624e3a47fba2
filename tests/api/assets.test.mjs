// The information asset ledger (第2条, 第3条, 第9条; DESIGN §3): registering, reading,
// listing (filters, paging by the normalised name), changing with If-Match, disposing
// (never deleting), history, relations, the rules of the three-layer model and of
// containers, need-to-know (DESIGN §2) in the single read, the list, relations and
// counts, and a change of preset moving every asset. On both backends.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, freshStore, runCli, auditVerify, guarded, storeRows } from './lib/harness.mjs';
import { assertError, assertFieldError } from './lib/expect.mjs';

let db, server, pw, units, klass, ciso, manager, contractor, officer;
const people = {};

const as = async (login, password = pw[login]) => { const c = server.client(); await c.login(login, password); return c; };
const ifMatch = (v) => ({ headers: { 'If-Match': `"${v}"` } });
const patch = (client, id, body, version) => client.request('PATCH', `/api/v1/assets/${id}`, { body, ...ifMatch(version) });

/** A valid registration, changed by `over`. */
function asset(over = {}) {
  return {
    kind: 'information', name: '水道料金 調定データ', owner_unit_id: units['310'], segment: 'lgwan', format: 'electronic',
    c_class_id: klass.C2, i_class_id: klass.I2, a_class_id: klass.A1, class_reason: '料金の計算に用いる', ...over,
  };
}

async function denials(seq) {
  return (await storeRows(db, `SELECT actor_id, object_type, object_id, detail FROM audit_event
    WHERE action = 'access.denied' AND seq > ${seq} ORDER BY seq`))
    .map((e) => ({ ...e, detail: typeof e.detail === 'string' ? JSON.parse(e.detail) : e.detail }));
}
async function headSeq() {
  const [row] = await storeRows(db, 'SELECT coalesce(max(seq), 0) AS s FROM audit_event');
  return Number(row.s);
}

before(async () => {
  db = await freshStore();
  const d = await runCli(['demo', '--db', db]);
  assert.equal(d.code, 0, d.stderr);
  pw = Object.fromEntries([...d.stdout.matchAll(/^(\w+)\s+(\S{16})\s/gm)].map((m) => [m[1], m[2]]));
  // A section manager of 工務課 (another section of 水道局) and IT's system manager in 総務課,
  // who runs 料金課's billing system (DESIGN §2).
  for (const [login, unit, role] of [['kouji', '320', 'security_manager'], ['it', '110', 'system_manager']]) {
    pw[login] = `pw-${login}-Correct-Horse-9`;
    const r = await runCli(['user', 'add', login, '--name', `${login} 担当`, '--unit', unit, '--role', role, '--db', db],
      { env: { MAMORI_USER_PASSWORD: pw[login] } });
    assert.equal(r.code, 0, r.stderr);
  }
  server = await startServer({ db, admin: { login: 'ciso', password: pw.ciso } });
  ciso = await as('ciso');
  manager = await as('manager');
  contractor = await as('contractor');
  officer = await as('officer');
  units = Object.fromEntries((await ciso.get('/api/v1/org-units')).json.items.map((u) => [u.code, u.id]));
  klass = Object.fromEntries((await ciso.get('/api/v1/classification')).json.classes.map((k) => [k.label, k.id]));
  for (const p of (await ciso.get('/api/v1/persons?active=all&limit=500')).json.items) if (p.login) people[p.login] = p.id;
});

after(async () => {
  if (server?.running) await server.stop();
  if (db) assert.ok((await auditVerify(db)).ok, 'the trail verifies');
});

test('a section manager registers, reads, changes with If-Match and disposes of an asset; every version kept',
  guarded(async () => {
    const made = await manager.post('/api/v1/assets', asset({ personal_data: true, retention: '5年', location: '料金課 書庫' }));
    assert.equal(made.status, 201, made.text);
    assert.equal(made.headers.get('etag'), '"1"');
    assert.match(made.headers.get('location'), /^\/api\/v1\/assets\/\d+$/);
    const a = made.json;
    assert.equal(a.label, 'C2-I2-A1');
    assert.equal(a.owner_unit, '料金課');
    assert.equal(a.personal_data, true);
    assert.equal(a.restricted, false);
    assert.deepEqual(a.warnings, []);
    assert.equal(a.history.length, 1);

    const url = `/api/v1/assets/${a.id}`;
    assertError(await manager.request('PATCH', url, { body: { location: '別室' } }), 428, 'precondition_required');
    assertError(await patch(manager, a.id, { location: '別室' }, 7), 412, 'precondition_failed');
    const changed = await patch(manager, a.id, { location: '料金課 電算室', c_class_id: klass.C3C, class_reason: '口座情報を含む', manager_id: people.manager }, 1);
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.headers.get('etag'), '"2"');
    assert.equal(changed.json.label, 'C3C-I2-A1');
    assert.equal(changed.json.manager_id, people.manager);
    assert.equal(changed.json.location, '料金課 電算室');
    const cleared = await patch(manager, a.id, { location: '', manager_id: null }, 2);
    assert.equal(cleared.status, 200, cleared.text);
    assert.equal(cleared.json.location, null);
    assert.equal(cleared.json.manager_id, null);

    assertFieldError(await manager.post(`${url}/dispose`, { method: '溶解処理', witness: '高橋' }, ifMatch(3)), 'disposed_on');
    assertFieldError(await manager.post(`${url}/dispose`, { disposed_on: '2999-01-01', method: '溶解処理', witness: '高橋' }, ifMatch(3)), 'disposed_on');
    assertFieldError(await manager.post(`${url}/dispose`, { disposed_on: '2026-01-05', method: '溶解処理' }, ifMatch(3)), 'witness');
    const gone = await manager.post(`${url}/dispose`, { disposed_on: '2026-01-05', method: '溶解処理', witness: '高橋 美咲' }, ifMatch(3));
    assert.equal(gone.status, 200, gone.text);
    assert.equal(gone.json.status, 'disposed');
    assert.equal(gone.json.disposed_on, '2026-01-05');
    assert.equal(gone.json.disposal_witness, '高橋 美咲');
    assertError(await patch(manager, a.id, { location: 'x' }, 4), 409, 'conflict');
    assertError(await manager.post(`${url}/dispose`, { disposed_on: '2026-01-05', method: 'x', witness: 'y' }, ifMatch(4)), 409, 'conflict');
    // Never deleted: still there, with every version.
    const kept = await manager.get(url);
    assert.equal(kept.status, 200);
    assert.deepEqual(kept.json.history.map((v) => [v.version, v.change, v.label]),
      [[1, 'create', 'C2-I2-A1'], [2, 'update', 'C3C-I2-A1'], [3, 'update', 'C3C-I2-A1'], [4, 'dispose', 'C3C-I2-A1']]);
    assert.equal(kept.json.history[1].manager, '高橋 美咲');
    const inUse = (await manager.get('/api/v1/assets?limit=500')).json.items.map((x) => x.id);
    assert.ok(!inUse.includes(a.id), 'the list shows assets in use by default');
    const disposed = (await manager.get('/api/v1/assets?status=disposed')).json.items.map((x) => x.id);
    assert.ok(disposed.includes(a.id));
    const actions = (await ciso.auditEvents()).filter((e) => e.object_type === 'asset' && e.object_id === String(a.id))
      .map((e) => e.action);
    assert.deepEqual(actions.sort(), ['asset.create', 'asset.dispose', 'asset.update', 'asset.update']);
  }));

test('every problem of a registration is named, and nothing is written', guarded(async () => {
  const before = (await ciso.get('/api/v1/assets?status=all&limit=500')).json.items.length;
  const r = await manager.post('/api/v1/assets', { name: '', colour: 'blue', personal_data: 'yes' });
  const err = assertError(r, 422, 'validation_failed');
  const fields = err.fields.map((f) => f.field).sort();
  for (const f of ['kind', 'name', 'owner_unit_id', 'segment', 'format', 'c_class_id', 'i_class_id', 'a_class_id',
    'class_reason', 'colour', 'personal_data']) assert.ok(fields.includes(f), `${f} named: ${fields}`);
  assertFieldError(await manager.post('/api/v1/assets', asset({ kind: 'cloud' })), 'kind');
  assertFieldError(await manager.post('/api/v1/assets', asset({ segment: 'wifi' })), 'segment');
  assertFieldError(await manager.post('/api/v1/assets', asset({ c_class_id: klass.I2 })), 'c_class_id');
  assertFieldError(await manager.post('/api/v1/assets', asset({ i_class_id: 999999 })), 'i_class_id');
  assertFieldError(await manager.post('/api/v1/assets', asset({ mynumber: true, personal_data: false })), 'mynumber');
  assertFieldError(await manager.post('/api/v1/assets', asset({ owner_unit_id: units['320'] })), 'owner_unit_id');
  assertFieldError(await manager.post('/api/v1/assets', asset({ manager_id: 999999 })), 'manager_id');
  const pre = (await ciso.get('/api/v1/classification/schemes')).json.items.find((s) => !s.in_force);
  assertFieldError(await manager.post('/api/v1/assets', asset({ c_class_id: pre.classes[0].id })), 'c_class_id');
  assert.equal((await ciso.get('/api/v1/assets?status=all&limit=500')).json.items.length, before, 'nothing written');
}));

test('the list: filters (unit with sub-units, kind, class, segment, personal data) and cursor paging by the normalised name',
  guarded(async () => {
    const names = ['ｼｽﾃﾑ台帳 B', 'システム台帳 A', 'ＬＧＷＡＮ端末', 'lgwan 回線', 'Ａｌｐｈａ 文書'];
    const ids = {};
    for (const name of names) {
      const kind = name.includes('回線') ? 'network' : name.includes('文書') ? 'document' : 'information';
      const r = await officer.post('/api/v1/assets', asset({
        name, kind, owner_unit_id: units['320'], segment: name.includes('回線') ? 'internet' : 'lgwan',
        format: kind === 'document' ? 'paper' : 'electronic', personal_data: name.includes('B'),
      }));
      assert.equal(r.status, 201, r.text);
      ids[name] = r.json.id;
    }
    const all = [];
    let cursor = null;
    do {
      const r = await officer.get(`/api/v1/assets?org_unit_id=${units['320']}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.items.length <= 2);
      all.push(...r.json.items);
      cursor = r.json.next_cursor;
    } while (cursor);
    assert.equal(new Set(all.map((x) => x.id)).size, all.length, 'paging gives every asset once');
    // (The demo's own assets of 工務課 are there too: only this test's are compared.)
    assert.deepEqual(all.map((x) => x.name).filter((n) => names.includes(n)),
      ['Ａｌｐｈａ 文書', 'lgwan 回線', 'ＬＧＷＡＮ端末', 'システム台帳 A', 'ｼｽﾃﾑ台帳 B'],
      'full-width and half-width forms sort together');
    const byUnit = (await officer.get(`/api/v1/assets?org_unit_id=${units['300']}&limit=500`)).json.items;
    assert.ok(Object.values(ids).every((id) => byUnit.some((x) => x.id === id)), 'a unit includes its sub-units');
    const q = async (query) => (await officer.get(`/api/v1/assets?org_unit_id=${units['320']}&${query}`)).json.items
      .map((x) => x.name).filter((n) => names.includes(n)).sort();
    assert.deepEqual(await q('kind=network'), ['lgwan 回線']);
    assert.deepEqual(await q('segment=internet'), ['lgwan 回線']);
    assert.deepEqual(await q('personal_data=true'), ['ｼｽﾃﾑ台帳 B']);
    assert.deepEqual(await q(`class_id=${klass.C2}`), names.slice().sort());
    assert.deepEqual(await q(`class_id=${klass.C3A}`), []);
    assertFieldError(await officer.get('/api/v1/assets?kind=cloud'), 'kind');
    assertFieldError(await officer.get('/api/v1/assets?cursor=zz'), 'cursor');
    assertFieldError(await officer.get('/api/v1/assets?limit=501'), 'limit');
    assertFieldError(await officer.get('/api/v1/assets?personal_data=maybe'), 'personal_data');
  }));

test('search (q): any word of the name, description or location, full-width and half-width alike, within sight and filters',
  guarded(async () => {
    const made = {};
    for (const [name, over] of [
      ['ＬＧＷＡＮ 検索用 端末', { description: '窓口の検索テスト機', location: '料金課 カウンター' }],
      ['ｹﾝｻｸ ｼｽﾃﾑ', { kind: 'system', description: '半角カナで登録' }],
      ['検索 秘匿データ', { c_class_id: klass.C3A, description: '検索テストの秘匿情報' }],
    ]) {
      const r = await ciso.post('/api/v1/assets', asset({ name, ...over }));
      assert.equal(r.status, 201, r.text);
      made[name] = r.json.id;
    }
    const names = async (client, query) => {
      const r = await client.get(`/api/v1/assets?limit=500&${query}`);
      assert.equal(r.status, 200, r.text);
      return r.json.items.map((x) => x.name).sort();
    };
    assert.deepEqual(await names(manager, `q=${encodeURIComponent('lgwan 検索')}`), ['ＬＧＷＡＮ 検索用 端末'],
      'every word must be there; full-width ＬＧＷＡＮ found by lgwan');
    assert.deepEqual(await names(manager, `q=${encodeURIComponent('システム')}&kind=system&org_unit_id=${units['310']}`)
      .then((n) => n.filter((x) => x.includes('ｹﾝｻｸ'))), ['ｹﾝｻｸ ｼｽﾃﾑ'], 'half-width katakana found by full-width');
    assert.deepEqual(await names(manager, `q=${encodeURIComponent('ケンサク')}`), ['ｹﾝｻｸ ｼｽﾃﾑ']);
    assert.deepEqual(await names(manager, `q=${encodeURIComponent('カウンター')}`), ['ＬＧＷＡＮ 検索用 端末'], 'the location is searched');
    assert.deepEqual(await names(manager, `q=${encodeURIComponent('秘匿情報')}`), ['検索 秘匿データ'], 'the description is searched');
    assert.deepEqual(await names(manager, `q=${encodeURIComponent('検索')}&kind=system`), [],
      'filters apply to the hits (ｹﾝｻｸ is not the word 検索)');
    assert.ok((await names(manager, `q=${encodeURIComponent('検')}`)).length >= 3, 'one character is a query too');
    // Need-to-know: the 3A asset is found by its chain, not by the contractor of the same
    // section, nor by another section's manager, however it is searched.
    const kouji = await as('kouji');
    for (const [who, c] of [['contractor', contractor], ['kouji', kouji]]) {
      assert.deepEqual(await names(c, `q=${encodeURIComponent('秘匿')}`), [], `${who} finds nothing restricted`);
      assert.deepEqual(await names(c, `q=${encodeURIComponent('検索 秘匿データ')}`), []);
    }
    assert.deepEqual(await names(kouji, `q=${encodeURIComponent('検索')}`), [], 'nothing of 料金課 for 工務課');
    assert.deepEqual(await names(contractor, `q=${encodeURIComponent('検索')}`), ['ＬＧＷＡＮ 検索用 端末'],
      'the lower classes of their section');
    // A change of name is searchable at once; the old name is not.
    const got = (await ciso.get(`/api/v1/assets/${made['ｹﾝｻｸ ｼｽﾃﾑ']}`)).json;
    const ch = await patch(ciso, got.id, { name: '照合テスト システム' }, got.version);
    assert.equal(ch.status, 200, ch.text);
    assert.deepEqual(await names(manager, `q=${encodeURIComponent('照合テスト')}`), ['照合テスト システム']);
    assert.deepEqual(await names(manager, `q=${encodeURIComponent('ケンサク')}`), []);
    // Paging through hits gives each once.
    const seen = [];
    let cursor = null;
    do {
      const r = await manager.get(`/api/v1/assets?q=${encodeURIComponent('検')}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(r.status, 200, r.text);
      seen.push(...r.json.items.map((x) => x.id));
      cursor = r.json.next_cursor;
    } while (cursor);
    assert.equal(new Set(seen).size, seen.length);
    assert.ok(seen.includes(made['検索 秘匿データ']) && seen.includes(made['ＬＧＷＡＮ 検索用 端末']));
    assertFieldError(await manager.get(`/api/v1/assets?q=${'あ'.repeat(400)}`), 'q');
  }));

test('need-to-know: a 3A asset of 料金課 is seen by its chain, auditors and the manager of the system holding it, by no one else',
  guarded(async () => {
    const secret = (await ciso.post('/api/v1/assets', asset({
      name: '水道使用者 口座振替データ', c_class_id: klass.C3A, personal_data: true, mynumber: true, segment: 'lgwan',
    }))).json;
    const notice = (await ciso.post('/api/v1/assets', asset({ name: '料金改定のお知らせ 原稿', c_class_id: klass.C2 }))).json;
    const billing = (await ciso.post('/api/v1/assets', asset({
      kind: 'system', name: '水道料金システム', c_class_id: klass.C3A, manager_id: people.it, class_reason: '口座情報を保持',
    }))).json;
    const rel = await ciso.post(`/api/v1/assets/${secret.id}/relations`, { kind: 'stored_in', to_asset_id: billing.id });
    assert.equal(rel.status, 201, rel.text);

    const kouji = await as('kouji'), it = await as('it'), auditor = await as('auditor'), staff = await as('staff');
    for (const [who, c] of [['manager', manager], ['officer', officer], ['auditor', auditor], ['it', it], ['ciso', ciso]]) {
      const r = await c.get(`/api/v1/assets/${secret.id}`);
      assert.equal(r.status, 200, `${who} sees the 3A data: ${r.text}`);
      assert.equal(r.json.label, 'C3A-I2-A1');
      assert.equal(r.json.restricted, true);
    }
    const seq = await headSeq();
    for (const c of [contractor, kouji, staff]) assertError(await c.get(`/api/v1/assets/${secret.id}`), 404, 'not_found');
    assertError(await kouji.get('/api/v1/assets/999999'), 404, 'not_found');
    const denied = await denials(seq);
    assert.deepEqual(denied.map((d) => [d.actor_id, d.object_type, d.object_id, d.detail.reason]),
      [people.contractor, people.kouji, people.staff].map((id) => [id, 'asset', String(secret.id), 'need_to_know']),
      'each refusal on record (none for an asset that does not exist)');

    // The contractor (staff of 料金課) sees the section's lower classes, never the 3A ones: list, relations, counts.
    const seen = (await contractor.get(`/api/v1/assets?limit=500&status=all`)).json.items.map((x) => x.id);
    assert.ok(seen.includes(notice.id) && !seen.includes(secret.id), 'the list leaves the 3A asset out');
    assertError(await contractor.get(`/api/v1/assets/${secret.id}/relations`), 404, 'not_found');
    const counts = (await contractor.get('/api/v1/classification')).json.classes.find((k) => k.label === 'C3A').assets;
    const all = (await ciso.get('/api/v1/classification')).json.classes.find((k) => k.label === 'C3A').assets;
    assert.equal(counts, 0, 'counts leave out what the reader may not see');
    assert.ok(all >= 2);
    // The other section's manager: not even in the list of the whole ledger.
    assert.ok(!(await kouji.get('/api/v1/assets?limit=500')).json.items.some((x) => x.id === secret.id || x.id === notice.id));

    // IT's system manager: the system they manage and the data it holds, nothing else of 料金課.
    const itSees = (await it.get('/api/v1/assets?limit=500')).json.items.map((x) => x.name).sort();
    assert.deepEqual(itSees, ['水道使用者 口座振替データ', '水道料金システム']);
    const rels = (await it.get(`/api/v1/assets/${billing.id}/relations`)).json.items;
    assert.deepEqual(rels.map((x) => [x.direction, x.asset_name, x.label]), [['holds', '水道使用者 口座振替データ', 'C3A-I2-A1']]);
    // They change the system they manage, not the data of 料金課 (403, on record), nor register in 料金課.
    const sys = await patch(it, billing.id, { location: '総務課 サーバ室' }, billing.version);
    assert.equal(sys.status, 200, sys.text);
    const seq2 = await headSeq();
    assertError(await patch(it, secret.id, { location: 'x' }, secret.version + 0), 403, 'forbidden');
    assert.deepEqual((await denials(seq2)).map((d) => d.detail.reason), ['asset_write']);
    assertFieldError(await it.post('/api/v1/assets', asset({ name: 'x' })), 'owner_unit_id');
    // Writers outside the unit: 404 as for reading (on record).
    assertError(await patch(kouji, secret.id, { location: 'x' }, 1), 404, 'not_found');
    // The committee reads no ledger.
    assertError(await (await as('committee')).get('/api/v1/assets'), 403, 'forbidden');
  }));

test('rules: マイナンバー never on the インターネット接続系; a container classed below what it holds warns with the path',
  guarded(async () => {
    const net = (await ciso.post('/api/v1/assets', asset({ kind: 'network', name: '庁内インターネット網', segment: 'internet', c_class_id: klass.C2 }))).json;
    const web = (await ciso.post('/api/v1/assets', asset({ kind: 'system', name: 'ホームページ管理システム', segment: 'internet', c_class_id: klass.C2 }))).json;
    const onNet = await ciso.post(`/api/v1/assets/${web.id}/relations`, { kind: 'runs_on', to_asset_id: net.id });
    assert.equal(onNet.status, 201, onNet.text);
    const mydata = (await ciso.post('/api/v1/assets', asset({
      name: '個人番号付き 減免台帳', c_class_id: klass.C3B, personal_data: true, mynumber: true, segment: 'mynumber',
    }))).json;
    // Stored in a system on the インターネット接続系: refused, the rule and path named, nothing written.
    const refused = await ciso.post(`/api/v1/assets/${mydata.id}/relations`, { kind: 'stored_in', to_asset_id: web.id });
    const err = assertError(refused, 422, 'validation_failed');
    assert.equal(err.fields[0].field, 'to_asset_id');
    assert.match(err.fields[0].message, /mynumber_not_on_internet/);
    assert.match(err.fields[0].message, /個人番号付き 減免台帳 → ホームページ管理システム/);
    assert.deepEqual((await ciso.get(`/api/v1/assets/${mydata.id}/relations`)).json.items, []);
    // Moving マイナンバー data itself onto the internet segment: refused.
    assertFieldError(await patch(ciso, mydata.id, { segment: 'internet' }, mydata.version), 'segment');
    // A related asset keeps its kind.
    assertFieldError(await patch(ciso, web.id, { kind: 'equipment' }, web.version), 'kind');
    // Wrong kinds for a relation.
    assertFieldError(await ciso.post(`/api/v1/assets/${net.id}/relations`, { kind: 'stored_in', to_asset_id: web.id }), 'kind');
    assertFieldError(await ciso.post(`/api/v1/assets/${web.id}/relations`, { kind: 'runs_on', to_asset_id: 999999 }), 'to_asset_id');

    // C3B data stored in a C2 system that runs on a C2 network: warnings with the paths.
    const sys = (await ciso.post('/api/v1/assets', asset({ kind: 'system', name: '減免審査システム', segment: 'lgwan', c_class_id: klass.C2 }))).json;
    const lgwan = (await ciso.post('/api/v1/assets', asset({ kind: 'network', name: 'LGWAN接続系 ネットワーク', segment: 'lgwan', c_class_id: klass.C2, a_class_id: klass.A2 }))).json;
    assert.equal((await ciso.post(`/api/v1/assets/${sys.id}/relations`, { kind: 'runs_on', to_asset_id: lgwan.id })).status, 201);
    const warned = await ciso.post(`/api/v1/assets/${mydata.id}/relations`, { kind: 'stored_in', to_asset_id: sys.id });
    assert.equal(warned.status, 201, warned.text);
    assert.ok(warned.json.warnings.some((w) => /container_class/.test(w) && w.includes('個人番号付き 減免台帳 → 減免審査システム') && /C3B held, C2 container/.test(w)), warned.text);
    assert.ok(warned.json.warnings.some((w) => w.includes('個人番号付き 減免台帳 → 減免審査システム → LGWAN接続系 ネットワーク')), warned.text);
    // Raising the system's class clears its own warning; lowering the data's class warns from the other side.
    const raised = await patch(ciso, sys.id, { c_class_id: klass.C3B }, sys.version + 1 - 1);
    assert.equal(raised.status, 200, raised.text);
    assert.ok(raised.json.warnings.some((w) => w.includes('減免審査システム → LGWAN接続系 ネットワーク')), raised.text);
    assert.ok(!raised.json.warnings.some((w) => w.includes('個人番号付き 減免台帳 → 減免審査システム (C')), raised.text);

    // Relations end (kept), and end once.
    const list = (await ciso.get(`/api/v1/assets/${mydata.id}/relations`)).json.items;
    assert.equal(list.length, 1);
    assert.equal(list[0].direction, 'held_by');
    assert.equal((await ciso.delete(`/api/v1/asset-relations/${list[0].id}`)).status, 204);
    assertError(await ciso.delete(`/api/v1/asset-relations/${list[0].id}`), 409, 'conflict');
    assertError(await ciso.delete('/api/v1/asset-relations/999999'), 404, 'not_found');
    assert.deepEqual((await ciso.get(`/api/v1/assets/${mydata.id}/relations`)).json.items, []);
  }));

test('with asset_container_strict, a container classed below what it holds is refused', guarded(async () => {
  const strict = await startServer({ db, admin: { login: 'ciso', password: pw.ciso }, args: ['--asset_container_strict', 'true'] });
  try {
    const c = strict.client();
    await c.login('manager', pw.manager);
    const sys = (await c.post('/api/v1/assets', asset({ kind: 'system', name: '窓口受付システム', c_class_id: klass.C2 }))).json;
    const data = (await c.post('/api/v1/assets', asset({ name: '窓口 受付記録', c_class_id: klass.C3C }))).json;
    const r = await c.post(`/api/v1/assets/${data.id}/relations`, { kind: 'stored_in', to_asset_id: sys.id });
    const err = assertError(r, 422, 'validation_failed');
    assert.match(err.fields[0].message, /container_class.*窓口 受付記録 → 窓口受付システム/);
  } finally {
    await strict.stop();
  }
}));

test('the network model (network_model) decides whether important information may be on the インターネット接続系',
  guarded(async () => {
    const internetData = (n) => asset({ name: `公開前の申請データ ${n}`, segment: 'internet', personal_data: true, c_class_id: klass.C2 });
    const secretData = (n) => asset({ name: `内部資料 ${n}`, segment: 'lgwan', c_class_id: klass.C3C });
    // α (the default): an error naming the rule, the model and the asset; nothing written.
    const before = (await storeRows(db, 'SELECT count(*) AS n FROM asset'))[0].n;
    const err = assertError(await manager.post('/api/v1/assets', internetData('α')), 422, 'validation_failed');
    assert.ok(err.fields.some((f) => f.field === 'segment' && /important_on_internet.*αモデル.*公開前の申請データ α/.test(f.message)),
      JSON.stringify(err.fields));
    assert.equal((await storeRows(db, 'SELECT count(*) AS n FROM asset'))[0].n, before, 'nothing written');
    // A 機密性3 asset held by a system on the internet side: the relation is refused, with the path.
    const web = (await manager.post('/api/v1/assets', asset({ kind: 'system', name: '申請受付 ウェブシステム', segment: 'internet', c_class_id: klass.C2 }))).json;
    const held = (await manager.post('/api/v1/assets', secretData('α'))).json;
    const rel = assertError(await manager.post(`/api/v1/assets/${held.id}/relations`, { kind: 'stored_in', to_asset_id: web.id }), 422, 'validation_failed');
    assert.ok(rel.fields.some((f) => f.field === 'to_asset_id' && /important_on_internet.*内部資料 α → 申請受付 ウェブシステム/.test(f.message)),
      JSON.stringify(rel.fields));

    for (const [model, expect] of [['beta', 'warning'], ['beta_prime', 'allowed'], ['alpha_prime', 'error']]) {
      const srv = await startServer({ db, admin: { login: 'ciso', password: pw.ciso }, args: ['--network_model', model] });
      try {
        const c = srv.client();
        await c.login('manager', pw.manager);
        const r = await c.post('/api/v1/assets', internetData(model));
        if (expect === 'error') {
          const e = assertError(r, 422, 'validation_failed');
          assert.ok(e.fields.some((f) => /important_on_internet.*α′モデル/.test(f.message)), JSON.stringify(e.fields));
          continue;
        }
        assert.equal(r.status, 201, `${model}: ${r.text}`);
        const warned = (r.json.warnings ?? []).filter((w) => /important_on_internet/.test(w));
        if (expect === 'warning') assert.match(warned[0] ?? '', /βモデル.*公開前の申請データ beta/);
        else assert.deepEqual(warned, [], 'β′ allows it');
      } finally {
        await srv.stop();
      }
    }
    const bad = await runCli(['serve', '--db', db, '--network_model', 'gamma', '--listen', '127.0.0.1:1']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /network_model: expected one of alpha alpha_prime beta beta_prime, got "gamma"/);
  }));

test('a change of preset moves every asset by the mapping, refused when a class in use is left out', guarded(async () => {
  const [now, pre] = (await ciso.get('/api/v1/classification/schemes')).json.items;
  const id = (s, label) => s.classes.find((k) => k.label === label).id;
  const partial = { [id(now, 'C3A')]: id(pre, 'C3') };
  const err = assertError(await ciso.post('/api/v1/classification/preset-change', { scheme: 'pre-2024', mapping: partial }), 422, 'validation_failed');
  const named = err.fields.map((f) => f.field);
  for (const label of ['C2', 'I2', 'A1']) assert.ok(named.includes(`mapping.${id(now, label)}`), `${label} in use and unmapped: ${named}`);
  assert.ok(err.fields.some((f) => /is in use by \d+ asset/.test(f.message)));
  const mapping = {};
  for (const k of now.classes) mapping[k.id] = id(pre, k.axis === 'C' ? (k.rank >= 3 ? 'C3' : `C${k.code}`) : k.label);
  const sample = (await manager.get('/api/v1/assets?limit=1')).json.items[0];
  const r = await ciso.post('/api/v1/classification/preset-change', { scheme: 'pre-2024', mapping });
  assert.equal(r.status, 200, r.text);
  const total = (await storeRows(db, 'SELECT count(*) AS n FROM asset'))[0].n;
  assert.equal(r.json.assets_moved, Number(total));
  const after = (await manager.get(`/api/v1/assets/${sample.id}`)).json;
  assert.match(after.label, /^C[123]-I[12]-A[12]$/);
  assert.equal(after.version, sample.version + 1);
  assert.equal(after.history.at(-1).change, 'reclassify');
  // A 3A asset became pre-2024's 機密性3: still need-to-know (rank 5).
  const secret = (await ciso.get('/api/v1/assets?limit=500')).json.items.find((x) => x.name === '水道使用者 口座振替データ');
  assert.equal(secret.label, 'C3-I2-A1');
  assertError(await contractor.get(`/api/v1/assets/${secret.id}`), 404, 'not_found');
}));

test("a reorganisation takes a closing unit's assets to its successor; a unit that owns assets does not just close",
  guarded(async () => {
    const store = await freshStore();
    const d = await runCli(['demo', '--db', store]);
    assert.equal(d.code, 0, d.stderr);
    const pass = Object.fromEntries([...d.stdout.matchAll(/^(\w+)\s+(\S{16})\s/gm)].map((m) => [m[1], m[2]]));
    const owned = async () => Object.fromEntries((await storeRows(store,
      "SELECT a.name, u.code FROM asset a JOIN org_unit u ON u.id = a.owner_unit_id WHERE a.status = 'in_use'"))
      .map((r) => [r.name, r.code]));
    const before = await owned();
    assert.equal(before['水道料金システム'], '310');
    assert.equal(before['浄水場 監視制御システム'], '320');
    // The demo's plan: next April 1st, 料金課 and 工務課 merge into a new 業務課 (330).
    const [plan] = await storeRows(store, "SELECT effective_date FROM reorganisation WHERE state = 'scheduled'");
    const r = await runCli(['reorg', 'apply-due', '--db', store, '--date', plan.effective_date]);
    assert.equal(r.code, 0, r.stderr);
    const after = await owned();
    for (const [name, code] of Object.entries(before))
      assert.equal(after[name], ['310', '320'].includes(code) ? '330' : code, `${name}: owned by ${after[name]}`);
    const disposed = await storeRows(store, "SELECT u.code FROM asset a JOIN org_unit u ON u.id = a.owner_unit_id WHERE a.status = 'disposed'");
    assert.deepEqual(disposed.map((x) => x.code), ['310'], 'a disposed asset stays with the unit it had');
    const [v] = await storeRows(store, `SELECT count(*) AS n FROM asset_version v JOIN asset a ON a.id = v.asset_id
      WHERE a.name = '水道料金システム'`);
    assert.equal(Number(v.n), 2, 'the move is a new version: who owned it before the date has an answer');
    const merge = (await storeRows(store, "SELECT detail FROM audit_event WHERE action = 'org_unit.merge'"))
      .map((e) => (typeof e.detail === 'string' ? JSON.parse(e.detail) : e.detail));
    assert.equal(merge[0].assets_moved, Object.values(before).filter((c) => ['310', '320'].includes(c)).length);

    // Closing 環境衛生課, which owns assets: refused, the assets named.
    const srv = await startServer({ db: store, admin: { login: 'ciso', password: pass.ciso } });
    try {
      const c = srv.client();
      await c.login('ciso', pass.ciso);
      const units = Object.fromEntries((await c.get('/api/v1/org-units')).json.items.map((u) => [u.code, u.id]));
      const draft = await c.post('/api/v1/reorganisations', {
        title: '環境衛生課の廃止', effective_date: '2099-04-01', operations: [{ op: 'close', unit: units['120'] }],
      });
      assert.equal(draft.status, 201, draft.text);
      const s = await c.post(`/api/v1/reorganisations/${draft.json.id}/schedule`, undefined,
        { headers: { 'If-Match': draft.headers.get('etag') } });
      const err = assertError(s, 422, 'validation_failed');
      assert.ok(err.fields.some((f) => f.field === 'operations[0].unit' && /still owns 2 information assets in use/.test(f.message)),
        JSON.stringify(err.fields));
    } finally {
      await srv.stop();
    }
    assert.ok((await auditVerify(store)).ok);
  }));
