// Threats, the standards catalog (対策基準) and the legal register (第2条(6), 第5条, 第6条,
// 第9条, 第13条): the default catalog mamori ships, what applies to an asset from its
// class ranks and segment (and that a change of preset keeps it), editing by the CISO
// with versions and If-Match, who may read and edit, validation at the edge.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, freshStore, runCli, auditVerify, guarded, storeRows } from './lib/harness.mjs';
import { assertError, assertFieldError } from './lib/expect.mjs';

let server, db, pw, ciso, staff, committee, manager;
const classIds = {};
const unitIds = {};
const as = async (l) => { const c = server.client(); await c.login(l, pw[l]); return c; };
const codes = (r) => r.json.items.map((x) => x.code);

before(async () => {
  db = await freshStore();
  const d = await runCli(['demo', '--db', db]);
  assert.equal(d.code, 0, d.stderr);
  pw = Object.fromEntries([...d.stdout.matchAll(/^(\w+)\s+(\S{16})\s/gm)].map((m) => [m[1], m[2]]));
  server = await startServer({ db, admin: { login: 'ciso', password: pw.ciso } });
  ciso = await server.adminClient();
  staff = await as('staff');
  committee = await as('committee');
  manager = await as('manager');
  for (const k of (await ciso.get('/api/v1/classification')).json.classes) classIds[k.label] = k.id;
  for (const u of (await ciso.get('/api/v1/org-units')).json.items) unitIds[u.code] = u.id;
});

after(async () => {
  if (server?.running) {
    await server.stop();
    const v = await auditVerify(db);
    assert.ok(v.ok, `${v.stdout}${v.stderr}`);
  }
});

describe('the default catalog', () => {
  test('at least 8 items of each of the six measure kinds, in groups; threats and laws', guarded(async () => {
    const r = await staff.get('/api/v1/requirements?limit=500');
    assert.equal(r.status, 200, r.text);
    const items = r.json.items;
    for (const kind of ['physical', 'human', 'technical', 'development', 'operational', 'network']) {
      const leaves = items.filter((x) => x.measure_kind === kind && x.children === 0);
      assert.ok(leaves.length >= 8, `${kind}: ${leaves.length} items`);
      assert.ok(leaves.every((x) => x.parent_id !== null), `${kind}: every item sits in a group`);
      const groups = items.filter((x) => x.measure_kind === kind && x.children > 0);
      assert.ok(groups.length >= 2, `${kind}: groups`);
    }
    const byKind = (await staff.get('/api/v1/requirements?kind=network&limit=500')).json.items;
    assert.ok(byKind.every((x) => x.measure_kind === 'network') && byKind.length >= 10);
    const outsourcing = codes(await staff.get(`/api/v1/requirements?tag=${encodeURIComponent('業務委託')}`));
    assert.ok(outsourcing.includes('OPS-05') && outsourcing.includes('OPS-06'), outsourcing.join());

    const threats = (await staff.get('/api/v1/threats?limit=500')).json.items;
    assert.ok(threats.length >= 25, `${threats.length} threats`);
    for (const kind of ['natural', 'system', 'human']) assert.ok(threats.some((t) => t.kind === kind), kind);
    const ransom = threats.find((t) => t.name_ja === 'ランサムウェア');
    assert.ok(ransom && ransom.requirements > 0, 'ランサムウェア is answered by requirements');
    const answering = codes(await staff.get(`/api/v1/requirements?threat_id=${ransom.id}&limit=500`));
    assert.ok(answering.includes('OPS-01'), `backup answers ransomware: ${answering}`);
    const t1 = await staff.get(`/api/v1/threats/${ransom.id}`);
    assert.equal(t1.status, 200);
    assert.equal(t1.headers.get('etag'), '"1"');
    assert.deepEqual((await staff.get('/api/v1/threats?kind=natural')).json.items.map((t) => t.kind).filter((k) => k !== 'natural'), []);
    assertFieldError(await staff.get('/api/v1/threats?kind=weather'), 'kind');

    const laws = (await staff.get('/api/v1/laws')).json.items;
    assert.ok(laws.length >= 7, `${laws.length} laws`);
    const lps = laws.find((l) => l.code === 'local_public_service');
    assert.ok(lps.articles.some((a) => a.number === '第34条' && a.title_ja === '秘密を守る義務'));
    assert.ok(laws.find((l) => l.code === 'local_autonomy').articles.length >= 1);
    assert.ok(laws.every((l) => l.requirements > 0), 'every law is implemented by something');
    const detail = await staff.get(`/api/v1/laws/${lps.id}`);
    assert.equal(detail.status, 200, detail.text);
    assert.ok(detail.json.implemented_by.some((m) => m.code === 'HUM-05' && m.article === '第34条'),
      JSON.stringify(detail.json.implemented_by));
    const implementing = codes(await staff.get(`/api/v1/requirements?law_id=${lps.id}`));
    assert.ok(implementing.includes('HUM-05'));
  }));

  test('searchable: Japanese words of one and two characters, full-width and half-width', guarded(async () => {
    assert.ok(codes(await staff.get(`/api/v1/requirements?q=${encodeURIComponent('入退室')}`)).includes('PHY-01'));
    assert.ok(codes(await staff.get(`/api/v1/requirements?q=${encodeURIComponent('無害化')}`)).includes('NET-02'));
    assert.ok(codes(await staff.get(`/api/v1/requirements?q=${encodeURIComponent('ＭＦＡ 認証')}`)).length >= 0);
    assert.ok(codes(await staff.get(`/api/v1/requirements?q=${encodeURIComponent('phy-01')}`)).includes('PHY-01'));
    const t = (await staff.get(`/api/v1/threats?q=${encodeURIComponent('地震')}`)).json.items;
    assert.deepEqual(t.map((x) => x.name_ja), ['地震']);
    const l = (await staff.get(`/api/v1/laws?q=${encodeURIComponent('番号法')}`)).json.items;
    assert.deepEqual(l.map((x) => x.code), ['mynumber']);
  }));

  test('paging by cursor', guarded(async () => {
    const first = await staff.get('/api/v1/threats?limit=10');
    assert.equal(first.json.items.length, 10);
    assert.ok(first.json.next_cursor);
    const second = await staff.get(`/api/v1/threats?limit=10&cursor=${first.json.next_cursor}`);
    assert.ok(second.json.items[0].code > first.json.items[9].code);
    assertFieldError(await staff.get('/api/v1/threats?limit=0'), 'limit');
    assertFieldError(await staff.get('/api/v1/threats?cursor=%E3%81%82'), 'cursor');
  }));
});

describe('what applies to an asset', () => {
  let high, low, paper;
  before(async () => {
    const make = async (body) => {
      const r = await ciso.post('/api/v1/assets', { owner_unit_id: unitIds['310'], format: 'electronic', class_reason: '試験', ...body });
      assert.equal(r.status, 201, r.text);
      return r.json.id;
    };
    high = await make({ kind: 'system', name: '料金システム', segment: 'lgwan', personal_data: true,
      c_class_id: classIds.C3A, i_class_id: classIds.I2, a_class_id: classIds.A2 });
    low = await make({ kind: 'system', name: '掲示板 端末', segment: 'standalone',
      c_class_id: classIds.C1, i_class_id: classIds.I1, a_class_id: classIds.A1 });
    paper = await make({ kind: 'document', name: '窓口 申請書', segment: 'other', format: 'paper',
      c_class_id: classIds.C2, i_class_id: classIds.I1, a_class_id: classIds.A1 });
  });

  test('a 3A system on LGWAN gets what its ranks and segment imply; a C1 standalone one fewer', guarded(async () => {
    const h = await ciso.get(`/api/v1/assets/${high}/requirements`);
    assert.equal(h.status, 200, h.text);
    const hc = codes(h);
    for (const code of ['PHY-01', 'TEC-01', 'TEC-04', 'TEC-06', 'TEC-07', 'OPS-01', 'DEV-03', 'NET-02', 'NET-07', 'HUM-06'])
      assert.ok(hc.includes(code), `${code} applies to the 3A LGWAN system: ${hc}`);
    assert.ok(h.json.items.every((x) => x.scope === 'asset' && x.children === 0), 'items of scope asset only');
    const l = codes(await ciso.get(`/api/v1/assets/${low}/requirements`));
    for (const code of ['TEC-01', 'TEC-03', 'TEC-08', 'TEC-09']) assert.ok(l.includes(code), `${code}: ${l}`);
    for (const code of ['PHY-01', 'TEC-04', 'TEC-06', 'OPS-01', 'NET-02', 'HUM-06'])
      assert.ok(!l.includes(code), `${code} does not apply to a C1 standalone system: ${l}`);
    assert.ok(l.length < hc.length);
    const p = codes(await ciso.get(`/api/v1/assets/${paper}/requirements`));
    assert.ok(p.includes('PHY-07') && p.includes('PHY-08') && p.includes('PHY-09'), p.join());
    assert.ok(!p.includes('TEC-01'), 'no accounts on paper');
  }));

  test('only for those who may see the asset: 404 (recorded) otherwise; the committee reads no ledger', guarded(async () => {
    assertError(await staff.get(`/api/v1/assets/${high}/requirements`), 404, 'not_found');
    assert.equal((await manager.get(`/api/v1/assets/${high}/requirements`)).status, 200);
    assertError(await committee.get(`/api/v1/assets/${high}/requirements`), 403, 'forbidden');
    assertError(await ciso.get('/api/v1/assets/999999/requirements'), 404, 'not_found');
    const denied = await storeRows(db, `SELECT object_id FROM audit_event WHERE action = 'access.denied' AND object_id = '${high}'`);
    assert.ok(denied.length >= 1, 'the refusal is on record');
  }));

  test('a change of preset keeps what applies (rules are written against ranks)', guarded(async () => {
    const before1 = codes(await ciso.get(`/api/v1/assets/${high}/requirements`));
    const before2 = codes(await ciso.get(`/api/v1/assets/${low}/requirements`));
    const rule = (await ciso.get(`/api/v1/requirements/${(await ciso.get('/api/v1/requirements?q=PHY-01')).json.items[0].id}`)).json.applies[0];
    assert.equal(rule.min_class.code, '3C', 'rank 3 is 3C under R6.10');
    const [now, pre] = (await ciso.get('/api/v1/classification/schemes')).json.items;
    const id = (s, label) => s.classes.find((k) => k.label === label).id;
    const mapping = {};
    for (const k of now.classes) mapping[k.id] = id(pre, k.axis === 'C' ? (k.rank >= 3 ? 'C3' : `C${k.code}`) : k.label);
    const r = await ciso.post('/api/v1/classification/preset-change', { scheme: 'pre-2024', mapping });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(codes(await ciso.get(`/api/v1/assets/${high}/requirements`)), before1);
    assert.deepEqual(codes(await ciso.get(`/api/v1/assets/${low}/requirements`)), before2);
    const after1 = (await ciso.get(`/api/v1/requirements/${(await ciso.get('/api/v1/requirements?q=PHY-01')).json.items[0].id}`)).json.applies[0];
    assert.equal(after1.min_class.code, '3', 'rank 3 starts at 機密性3 under pre-2024');
  }));
});

describe('editing the catalog', () => {
  test('the CISO edits an item: a new version, audited; 428 without If-Match, 412 when stale', guarded(async () => {
    const id = (await ciso.get('/api/v1/requirements?q=TEC-03')).json.items[0].id;
    const path = `/api/v1/requirements/${id}`;
    const got = await staff.get(path);
    assert.equal(got.status, 200, got.text);
    assert.equal(got.headers.get('etag'), '"1"');
    assert.equal(got.json.history.length, 1);
    assert.ok(got.json.threats.length > 0 && got.json.laws.length > 0 && got.json.applies.length > 0);
    assertError(await ciso.request('PATCH', path, { body: { title_en: 'x' } }), 428, 'precondition_required');
    assertError(await ciso.request('PATCH', path, { body: { title_en: 'x' }, headers: { 'If-Match': '"7"' } }), 412, 'precondition_failed');
    assertError(await staff.request('PATCH', path, { body: { title_en: 'x' }, headers: { 'If-Match': '"1"' } }), 403, 'forbidden');
    assertError(await committee.request('PATCH', path, { body: { title_en: 'x' }, headers: { 'If-Match': '"1"' } }), 403, 'forbidden');
    const threats = (await staff.get('/api/v1/threats?limit=500')).json.items;
    const changed = await ciso.request('PATCH', path, {
      headers: { 'If-Match': '"1"' },
      body: { text: 'パスワードは14文字以上とする。', tags: ['認証'], threat_ids: [threats[0].id],
        applies: [{ asset_kind: 'system', axis: 'C', min_rank: 2 }] },
    });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.headers.get('etag'), '"2"');
    assert.equal(changed.json.text, 'パスワードは14文字以上とする。');
    assert.deepEqual(changed.json.tags, ['認証']);
    assert.equal(changed.json.threats.length, 1);
    assert.equal(changed.json.laws.length, got.json.laws.length, 'laws not given: kept');
    assert.equal(changed.json.history.length, 2);
    assert.equal(changed.json.history[0].version, 2);
    assert.equal(changed.json.history[1].text, got.json.text, 'the old text is kept in the history');
    assert.deepEqual(changed.json.history[0].links.tags, ['認証']);
    const ev = (await ciso.auditEvents()).find((e) => e.action === 'requirement.update' && e.object_id === String(id));
    assert.ok(ev, 'audited');
    assert.ok(codes(await staff.get(`/api/v1/requirements?q=${encodeURIComponent('14文字')}`)).includes('TEC-03'), 're-indexed');
    // deactivated, never deleted
    const off = await ciso.request('PATCH', path, { headers: { 'If-Match': '"2"' }, body: { active: false } });
    assert.equal(off.status, 200, off.text);
    assert.equal(off.json.active, false);
    assert.ok(!codes(await staff.get('/api/v1/requirements?limit=500')).includes('TEC-03'));
    assert.ok(codes(await staff.get('/api/v1/requirements?limit=500&active=all')).includes('TEC-03'));
  }));

  test('a new item with its links; validation names the fields and writes nothing', guarded(async () => {
    const group = (await ciso.get('/api/v1/requirements?q=TEC-A')).json.items.find((x) => x.code === 'TEC-A');
    const law = (await ciso.get('/api/v1/laws?q=appi')).json.items[0];
    const threat = (await ciso.get('/api/v1/threats?q=T-H10')).json.items[0];
    const count = async () => (await storeRows(db, 'SELECT COUNT(*) AS n FROM requirement'))[0].n;
    const n0 = Number(await count());
    assertFieldError(await ciso.post('/api/v1/requirements', { code: 'TEC-99', measure_kind: 'magic', scope: 'asset', title_ja: 'x' }), 'measure_kind');
    assertFieldError(await ciso.post('/api/v1/requirements', { code: 'TEC-99', measure_kind: 'technical', scope: 'asset' }), 'title_ja');
    assertFieldError(await ciso.post('/api/v1/requirements', { code: 'TEC 99', measure_kind: 'technical', scope: 'asset', title_ja: 'x' }), 'code');
    assertFieldError(await ciso.post('/api/v1/requirements', { code: 'TEC-01', measure_kind: 'technical', scope: 'asset', title_ja: 'x' }), 'code');
    assertFieldError(await ciso.post('/api/v1/requirements', { code: 'TEC-99', measure_kind: 'technical', scope: 'everywhere', title_ja: 'x' }), 'scope');
    assertFieldError(await ciso.post('/api/v1/requirements', { code: 'TEC-99', measure_kind: 'technical', scope: 'asset', title_ja: 'x', applies: [{ axis: 'X', min_rank: 3 }] }), 'applies[0].axis');
    assertFieldError(await ciso.post('/api/v1/requirements', { code: 'TEC-99', measure_kind: 'technical', scope: 'asset', title_ja: 'x', applies: [{}] }), 'applies[0]');
    assertFieldError(await ciso.post('/api/v1/requirements', { code: 'TEC-99', measure_kind: 'technical', scope: 'asset', title_ja: 'x', applies: [{ segment: 'moon' }] }), 'applies[0].segment');
    assertFieldError(await ciso.post('/api/v1/requirements', { code: 'TEC-99', measure_kind: 'technical', scope: 'asset', title_ja: 'x', threat_ids: [999999] }), 'threat_ids[0]');
    assertFieldError(await ciso.post('/api/v1/requirements', { code: 'TEC-99', measure_kind: 'technical', scope: 'asset', title_ja: 'x', laws: [{ law_id: law.id, article_id: 999999 }] }), 'laws[0].article_id');
    assertFieldError(await ciso.post('/api/v1/requirements', { code: 'TEC-99', measure_kind: 'physical', scope: 'asset', title_ja: 'x', parent_id: group.id }), 'parent_id');
    assertFieldError(await ciso.post('/api/v1/requirements', { code: 'TEC-99', measure_kind: 'technical', scope: 'asset', title_ja: 'x', colour: 'red' }), 'colour');
    assert.equal(Number(await count()), n0, 'nothing written');
    const art = law.articles.find((a) => a.number === '第66条');
    const made = await ciso.post('/api/v1/requirements', {
      code: 'TEC-99', measure_kind: 'technical', scope: 'asset', parent_id: group.id, title_ja: '生体認証', title_en: 'Biometrics',
      text: '- マイナンバー利用事務系の端末は生体認証を使う', tags: ['認証', '業務委託'], threat_ids: [threat.id],
      laws: [{ law_id: law.id, article_id: art.id }], applies: [{ segment: 'mynumber', axis: 'C', min_rank: 4, personal_data: true }],
    });
    assert.equal(made.status, 201, made.text);
    assert.equal(made.headers.get('etag'), '"1"');
    assert.match(made.headers.get('location'), /\/api\/v1\/requirements\/\d+$/);
    assert.equal(made.json.parent_id, group.id);
    assert.equal(made.json.applies[0].min_rank, 4);
    assert.equal(made.json.applies[0].personal_data, true);
    assert.equal(made.json.laws[0].article, '第66条');
    assert.equal(made.json.history.length, 1);
    // a cycle is refused
    assertFieldError(await ciso.request('PATCH', `/api/v1/requirements/${group.id}`,
      { headers: { 'If-Match': '"1"' }, body: { parent_id: made.json.id } }), 'parent_id');
    assertError(await staff.post('/api/v1/requirements', { code: 'X-1', measure_kind: 'technical', scope: 'asset', title_ja: 'x' }), 403, 'forbidden');
    assertError(await ciso.get('/api/v1/requirements/999999'), 404, 'not_found');
  }));

  test('threats and laws: add, change, deactivate; the 統括 may, staff may not', guarded(async () => {
    const director = await as('director');
    const t = await director.post('/api/v1/threats', { code: 'T-H90', kind: 'human', name_ja: '生成AIへの入力による漏えい' });
    assert.equal(t.status, 201, t.text);
    assertFieldError(await director.post('/api/v1/threats', { code: 'T-H90', kind: 'human', name_ja: 'x' }), 'code');
    assertFieldError(await director.post('/api/v1/threats', { code: 'T-H91', kind: 'alien', name_ja: 'x' }), 'kind');
    assertFieldError(await director.post('/api/v1/threats', { code: 'T-H91', kind: 'human' }), 'name_ja');
    assertError(await staff.post('/api/v1/threats', { code: 'T-H91', kind: 'human', name_ja: 'x' }), 403, 'forbidden');
    const off = await director.request('PATCH', `/api/v1/threats/${t.json.id}`, { headers: { 'If-Match': '"1"' }, body: { active: false, description: '' } });
    assert.equal(off.status, 200, off.text);
    assert.equal(off.json.active, false);
    assertError(await director.request('PATCH', `/api/v1/threats/${t.json.id}`, { body: { active: true } }), 428, 'precondition_required');

    const l = await director.post('/api/v1/laws', { code: 'criminal', name_ja: '刑法', number: '明治40年法律第45号',
      articles: [{ number: '第168条の2', title_ja: '不正指令電磁的記録作成等' }] });
    assert.equal(l.status, 201, l.text);
    assert.equal(l.json.articles.length, 1);
    assertFieldError(await director.post('/api/v1/laws', { code: 'x', name_ja: 'x', articles: [{ title_ja: 'x' }] }), 'articles[0].number');
    assertFieldError(await director.post('/api/v1/laws', { code: 'x', name_ja: 'x', articles: 'none' }), 'articles');
    const ch = await director.request('PATCH', `/api/v1/laws/${l.json.id}`, { headers: { 'If-Match': '"1"' },
      body: { articles: [{ number: '第168条の3', title_ja: '不正指令電磁的記録取得等' }] } });
    assert.equal(ch.status, 200, ch.text);
    assert.deepEqual(ch.json.articles.map((a) => a.number), ['第168条の2', '第168条の3']);
    assertError(await director.request('PATCH', `/api/v1/laws/${l.json.id}`, { headers: { 'If-Match': '"1"' }, body: { name_en: 'Penal Code' } }), 412, 'precondition_failed');
    assertError(await staff.request('PATCH', `/api/v1/laws/${l.json.id}`, { headers: { 'If-Match': '"2"' }, body: { name_en: 'x' } }), 403, 'forbidden');
    const actions = (await ciso.auditEvents()).map((e) => e.action);
    for (const a of ['threat.create', 'threat.update', 'law.create', 'law.update']) assert.ok(actions.includes(a), a);
  }));
});
