// The risk register (issue 6, point 5): risk = asset × threat on a 5×5 matrix; the
// impact from the asset's class (C3A → 5, C2 → 3, on a 5×5 matrix); the residual
// falls as the linked requirements are carried out (through the implementation API);
// the heat map; need-to-know through the asset (404, on record); who may write;
// If-Match; validation at the edge.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, freshStore, runCli, auditVerify, guarded, storeRows } from './lib/harness.mjs';
import { assertFieldError } from './lib/expect.mjs';

let server, db, pw, ciso, manager, staff;
const classIds = {};
const unitIds = {};
let threats = [];
const as = async (l) => { const c = server.client(); await c.login(l, pw[l]); return c; };
const patch = (c, p, body, headers) => c.request('PATCH', p, { body, headers });

before(async () => {
  db = await freshStore();
  const d = await runCli(['demo', '--db', db]);
  assert.equal(d.code, 0, d.stderr);
  pw = Object.fromEntries([...d.stdout.matchAll(/^(\w+)\s+(\S{16})\s/gm)].map((m) => [m[1], m[2]]));
  server = await startServer({ db, admin: { login: 'ciso', password: pw.ciso } });
  ciso = await server.adminClient();
  manager = await as('manager');
  staff = await as('staff');
  for (const k of (await ciso.get('/api/v1/classification')).json.classes) classIds[k.label] = k.id;
  for (const u of (await ciso.get('/api/v1/org-units')).json.items) unitIds[u.code] = u.id;
  threats = (await ciso.get('/api/v1/threats?limit=50')).json.items.map((t) => t.id);
  assert.ok(threats.length >= 3, 'the demo has threats');
});

after(async () => {
  if (server?.running) {
    await server.stop();
    const v = await auditVerify(db);
    assert.ok(v.ok, `${v.stdout}${v.stderr}`);
  }
});

const newAsset = async (client, body) => {
  const r = await client.post('/api/v1/assets', {
    kind: 'information', name: `資産 ${Math.random().toString(36).slice(2, 8)}`, owner_unit_id: unitIds['310'],
    segment: 'lgwan', format: 'electronic', c_class_id: classIds.C2, i_class_id: classIds.I1,
    a_class_id: classIds.A1, class_reason: '試験', ...body,
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
};

const cell = (map, likelihood, impact) => map[map.length - likelihood][impact - 1];

describe('risk register', () => {
  test('impact from the class; the residual falls as the linked requirements are carried out; the heat map',
    guarded(async () => {
      const a = await newAsset(manager, { c_class_id: classIds.C3A, personal_data: true });
      const reqs = (await manager.get(`/api/v1/assets/${a.id}/requirements`)).json.items;
      assert.ok(reqs.length >= 2, `${reqs.length} requirements apply`);
      const heat0 = (await manager.get('/api/v1/risks/heatmap')).json;
      let r = await manager.post('/api/v1/risks', { asset_id: a.id, threat_id: threats[0], likelihood: 4,
        treatment: 'reduce', requirement_ids: [reqs[0].id, reqs[1].id], note: '情報漏えい' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.headers.get('etag'), '"1"');
      const id = r.json.id;
      assert.equal(r.json.impact, 5, 'C3A gives the highest impact');
      assert.equal(r.json.impact_from_class, true);
      assert.equal(r.json.level, 20);
      assert.deepEqual(r.json.residual, { likelihood: 4, impact: 5, level: 20 });
      assert.deepEqual(r.json.requirements.map((q) => q.status), ['not_started', 'not_started']);
      // One requirement implemented: one step down; the second (対象外 with a reason): another.
      r = await manager.post('/api/v1/implementations', { requirement_id: reqs[0].id, asset_id: a.id,
        status: 'implemented' });
      assert.equal(r.status, 201, r.text);
      r = await manager.get(`/api/v1/risks/${id}`);
      assert.deepEqual(r.json.residual, { likelihood: 3, impact: 5, level: 15 });
      r = await manager.post('/api/v1/implementations', { requirement_id: reqs[1].id, asset_id: a.id,
        status: 'partial' });
      assert.equal(r.status, 201, r.text);
      assert.equal((await manager.get(`/api/v1/risks/${id}`)).json.residual.likelihood, 3, 'partial does not count');
      r = await manager.request('PATCH', `/api/v1/implementations/${r.json.id}`,
        { body: { status: 'implemented' }, headers: { 'If-Match': '"1"' } });
      assert.equal(r.status, 200, r.text);
      r = await manager.get(`/api/v1/risks/${id}`);
      assert.deepEqual(r.json.residual, { likelihood: 2, impact: 5, level: 10 });
      assert.equal(r.json.requirements_carried_out, 2);
      // A C2 asset: impact 2; transferred: the impact halved, rounded up; avoided: 0.
      const b = await newAsset(manager, {});
      r = await manager.post('/api/v1/risks', { asset_id: b.id, threat_id: threats[1], likelihood: 2,
        treatment: 'transfer' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.impact, 2);
      assert.deepEqual(r.json.residual, { likelihood: 2, impact: 1, level: 2 });
      r = await manager.post('/api/v1/risks', { asset_id: b.id, threat_id: threats[2], likelihood: 5, impact: 1,
        treatment: 'avoid' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.impact_from_class, false);
      assert.equal(r.json.residual.level, 0);
      // The heat map: the three new risks in their cells.
      const heat = (await manager.get('/api/v1/risks/heatmap')).json;
      assert.equal(heat.size, 5);
      assert.equal(heat.total, heat0.total + 3);
      assert.equal(heat.avoided, heat0.avoided + 1);
      assert.equal(cell(heat.inherent, 4, 5), cell(heat0.inherent, 4, 5) + 1);
      assert.equal(cell(heat.inherent, 2, 2), cell(heat0.inherent, 2, 2) + 1);
      assert.equal(cell(heat.inherent, 5, 1), cell(heat0.inherent, 5, 1) + 1);
      assert.equal(cell(heat.residual, 2, 5), cell(heat0.residual, 2, 5) + 1);
      assert.equal(cell(heat.residual, 2, 1), cell(heat0.residual, 2, 1) + 1);
      const byAsset = (await manager.get(`/api/v1/risks/heatmap?asset_id=${b.id}`)).json;
      assert.equal(byAsset.total, 2);
      const list = (await manager.get(`/api/v1/risks?asset_id=${b.id}`)).json;
      assert.equal(list.items.length, 2);
      assert.equal(list.matrix_size, 5);
    }));

  test('need-to-know: another section\'s manager does not see a 3A asset\'s risk (404, on record)', guarded(async () => {
    const secret = await newAsset(ciso, { owner_unit_id: unitIds['320'], c_class_id: classIds.C3A });
    const r = await ciso.post('/api/v1/risks', { asset_id: secret.id, threat_id: threats[0], likelihood: 2,
      treatment: 'accept' });
    assert.equal(r.status, 201, r.text);
    const [{ s }] = await storeRows(db, 'SELECT coalesce(max(seq), 0) AS s FROM audit_event');
    const seen = await manager.get(`/api/v1/risks/${r.json.id}`);
    assert.equal(seen.status, 404, seen.text);
    const listed = (await manager.get(`/api/v1/risks?asset_id=${secret.id}`)).json;
    assert.deepEqual(listed.items, []);
    const made = await manager.post('/api/v1/risks', { asset_id: secret.id, threat_id: threats[1], likelihood: 2,
      treatment: 'accept' });
    assert.equal(made.status, 404, made.text);
    const denied = await storeRows(db, `SELECT object_type, object_id FROM audit_event
      WHERE action = 'access.denied' AND seq > ${Number(s)} ORDER BY seq`);
    assert.deepEqual(denied.map((e) => [e.object_type, String(e.object_id)]),
      [['risk', String(r.json.id)], ['asset', String(secret.id)]]);
  }));

  test('staff cannot write; If-Match; validation; closing', guarded(async () => {
    const a = await newAsset(ciso, {});
    let r = await staff.post('/api/v1/risks', { asset_id: a.id, threat_id: threats[0], likelihood: 2,
      treatment: 'reduce' });
    assert.equal(r.status, 403, r.text);
    r = await ciso.post('/api/v1/risks', { asset_id: a.id, threat_id: threats[0], likelihood: 6, treatment: 'x' });
    assertFieldError(r, 'likelihood');
    assertFieldError(r, 'treatment');
    r = await ciso.post('/api/v1/risks', { asset_id: a.id, threat_id: 999999, likelihood: 2, treatment: 'reduce' });
    assertFieldError(r, 'threat_id');
    r = await ciso.post('/api/v1/risks', { asset_id: a.id, threat_id: threats[0], likelihood: 2, impact: 9,
      treatment: 'reduce', requirement_ids: [999999] });
    assertFieldError(r, 'impact');
    r = await ciso.post('/api/v1/risks', { asset_id: a.id, threat_id: threats[0], likelihood: 2,
      treatment: 'reduce', requirement_ids: [999999] });
    assertFieldError(r, 'requirement_ids');
    r = await ciso.post('/api/v1/risks', { asset_id: a.id, threat_id: threats[0], likelihood: 2, treatment: 'reduce',
      extra: 1 });
    assert.equal(r.status, 422, r.text);
    assert.deepEqual((await ciso.get(`/api/v1/risks?asset_id=${a.id}`)).json.items, [], 'nothing was made');
    r = await ciso.post('/api/v1/risks', { asset_id: a.id, threat_id: threats[0], likelihood: 2, treatment: 'reduce' });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    r = await ciso.post('/api/v1/risks', { asset_id: a.id, threat_id: threats[0], likelihood: 3, treatment: 'accept' });
    assert.equal(r.status, 409, r.text);
    assert.equal((await patch(ciso, `/api/v1/risks/${id}`, { likelihood: 3 })).status, 428);
    assert.equal((await patch(ciso, `/api/v1/risks/${id}`, { likelihood: 3 }, { 'If-Match': '"5"' })).status, 412);
    assert.equal((await patch(staff, `/api/v1/risks/${id}`, { likelihood: 3 }, { 'If-Match': '"1"' })).status, 403);
    assertFieldError(await patch(ciso, `/api/v1/risks/${id}`, { likelihood: 0 }, { 'If-Match': '"1"' }), 'likelihood');
    r = await patch(ciso, `/api/v1/risks/${id}`, { impact: 4, treatment: 'accept' }, { 'If-Match': '"1"' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.impact, 4);
    assert.equal(r.json.impact_from_class, false);
    r = await patch(ciso, `/api/v1/risks/${id}`, { impact: null }, { 'If-Match': '"2"' });
    assert.equal(r.json.impact, 2, 'back to the class (C2)');
    assert.equal(r.json.impact_from_class, true);
    r = await patch(ciso, `/api/v1/risks/${id}`, { closed: true }, { 'If-Match': '"3"' });
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.closed_at);
    assert.equal((await patch(ciso, `/api/v1/risks/${id}`, { note: 'x' }, { 'If-Match': '"4"' })).status, 409);
    assert.deepEqual((await ciso.get(`/api/v1/risks?asset_id=${a.id}`)).json.items, []);
    assert.equal((await ciso.get(`/api/v1/risks?asset_id=${a.id}&closed=true`)).json.items.length, 1);
    // A closed risk leaves room for a new one of the pair.
    r = await ciso.post('/api/v1/risks', { asset_id: a.id, threat_id: threats[0], likelihood: 1, treatment: 'reduce' });
    assert.equal(r.status, 201, r.text);
    const versions = await storeRows(db, `SELECT version FROM risk_version WHERE risk_id = ${id} ORDER BY version`);
    assert.deepEqual(versions.map((v) => Number(v.version)), [1, 2, 3, 4]);
    const events = await storeRows(db, `SELECT action FROM audit_event WHERE object_type = 'risk'
      AND object_id = '${id}' ORDER BY seq`);
    assert.deepEqual(events.map((e) => e.action), ['risk.create', 'risk.update', 'risk.update', 'risk.close']);
  }));
});
