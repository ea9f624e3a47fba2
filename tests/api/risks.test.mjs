// The risk register (issue 6, point 5): risk = asset × threat on a 5×5 matrix; the
// impact from the asset's class (C3A → 5, C2 → 3, on a 5×5 matrix); the residual
// falls as the linked requirements are carried out (through the implementation API);
// the heat map; need-to-know through the asset (404, on record); who may write;
// If-Match; validation at the edge (every fault of a registration at once); the matrix
// with its steps' words in every answer, as settings (a count that does not fit the size
// stops serve at start, naming the setting); a risk's history and which of its
// requirements are carried out.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, freshStore, runCli, auditVerify, guarded, storeRows } from './lib/harness.mjs';
import { assertError, assertFieldError } from './lib/expect.mjs';

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

  test('every answer carries the matrix with its words; a risk its history and which requirements reduce it',
    guarded(async () => {
      const DEFAULT = {
        size: 5,
        likelihood: [['まれ', 'Rare'], ['起こりにくい', 'Unlikely'], ['起こりうる', 'Possible'], ['起こりやすい', 'Likely'],
          ['ほぼ確実', 'Almost certain']].map(([ja, en], i) => ({ step: i + 1, ja, en })),
        impact: [['軽微', 'Negligible'], ['小', 'Minor'], ['中', 'Moderate'], ['大', 'Major'], ['甚大', 'Severe']]
          .map(([ja, en], i) => ({ step: i + 1, ja, en })),
      };
      assert.deepEqual((await manager.get('/api/v1/risks/heatmap')).json.matrix, DEFAULT);
      assert.deepEqual((await manager.get('/api/v1/risks')).json.matrix, DEFAULT);
      const a = await newAsset(manager, { c_class_id: classIds.C3A, personal_data: true });
      const reqs = (await manager.get(`/api/v1/assets/${a.id}/requirements`)).json.items;
      assert.ok(reqs.length >= 2, `${reqs.length} requirements apply`);
      let r = await manager.post('/api/v1/risks', { asset_id: a.id, threat_id: threats[3], likelihood: 3,
        treatment: 'reduce', requirement_ids: [reqs[1].id, reqs[0].id] });
      assert.equal(r.status, 201, r.text);
      const id = r.json.id;
      assert.deepEqual(r.json.matrix, DEFAULT);
      assert.equal(r.json.history.length, 1);
      assert.deepEqual(r.json.history[0].requirements, [reqs[0].code, reqs[1].code].sort());
      assert.equal(r.json.history[0].changed_by, '高橋 美咲');
      assert.deepEqual(r.json.requirements.map((q) => q.reduces), [false, false]);
      const im = await manager.post('/api/v1/implementations', { requirement_id: reqs[0].id, asset_id: a.id,
        status: 'implemented' });
      assert.equal(im.status, 201, im.text);
      r = await patch(manager, `/api/v1/risks/${id}`, { likelihood: 4, impact: 2, requirement_ids: [reqs[0].id],
        note: '見直し' }, { 'If-Match': '"1"' });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.requirements.map((q) => [q.code, q.status, q.reduces]),
        [[reqs[0].code, 'implemented', true]]);
      assert.deepEqual(r.json.residual, { likelihood: 3, impact: 2, level: 6 });
      const h = r.json.history;
      assert.deepEqual(h.map((v) => v.version), [2, 1], 'newest first');
      assert.deepEqual([h[0].likelihood, h[0].impact, h[0].impact_from_class, h[0].note], [4, 2, false, '見直し']);
      assert.deepEqual([h[1].likelihood, h[1].impact, h[1].impact_from_class, h[1].note], [3, 5, true, null]);
      assert.deepEqual(h[0].requirements, [reqs[0].code]);
      assert.equal(h[0].closed_at, null);
      r = await patch(manager, `/api/v1/risks/${id}`, { closed: true }, { 'If-Match': '"2"' });
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.history[0].closed_at, 'the closing is a version too');
    }));

  test('a registration names every fault at once', guarded(async () => {
    let r = await manager.post('/api/v1/risks', {});
    const err = assertError(r, 422, 'validation_failed');
    assert.deepEqual(err.fields.map((f) => f.field).sort(), ['asset_id', 'likelihood', 'threat_id', 'treatment']);
    r = await manager.post('/api/v1/risks', { asset_id: 'x', threat_id: threats[0], likelihood: 'high' });
    const fields = assertError(r, 422, 'validation_failed').fields;
    assert.deepEqual(fields.map((f) => f.field).sort(), ['asset_id', 'likelihood', 'treatment']);
    assert.equal(fields.filter((f) => f.field === 'likelihood').length, 1, 'one message a field');
  }));
});

describe('the matrix\'s words are settings', () => {
  test('a 3 × 3 matrix with the body\'s words; the English optional', guarded(async () => {
    const s = await startServer({ args: ['--risk-matrix-size', '3', '--risk-likelihood-labels',
      ' 低い|Low, 中程度|Medium ,高い|High', '--risk-impact-labels', '小,中,大|Large'] });
    try {
      const admin = await s.adminClient();
      const map = (await admin.get('/api/v1/risks/heatmap')).json;
      assert.equal(map.size, 3);
      assert.equal(map.inherent.length, 3);
      assert.deepEqual(map.matrix, {
        size: 3,
        likelihood: [{ step: 1, ja: '低い', en: 'Low' }, { step: 2, ja: '中程度', en: 'Medium' }, { step: 3, ja: '高い', en: 'High' }],
        impact: [{ step: 1, ja: '小', en: '小' }, { step: 2, ja: '中', en: '中' }, { step: 3, ja: '大', en: 'Large' }],
      });
      const r = await admin.post('/api/v1/risks', { asset_id: 999999, threat_id: 1, likelihood: 4, treatment: 'reduce' });
      assertFieldError(r, 'likelihood');
      assert.match(r.json.error.fields.find((f) => f.field === 'likelihood').message, /from 1 to 3/);
    } finally {
      await s.stop();
    }
  }));

  test('a count that does not fit the size stops serve at start, naming the setting', guarded(async () => {
    await assert.rejects(startServer({ args: ['--risk-impact-labels', '小,中,大'] }),
      /setting risk_impact_labels: 3 labels for a matrix of 5 steps/);
    await assert.rejects(startServer({ args: ['--risk-matrix-size', '4'],
      env: { MAMORI_RISK_LIKELIHOOD_LABELS: 'まれ|Rare, 時々|Sometimes, よくある|Often, ほぼ確実|Almost certain, 確実|Certain' } }),
    /setting risk_likelihood_labels: 5 labels for a matrix of 4 steps/);
    await assert.rejects(startServer({ args: ['--risk-matrix-size', '3', '--risk-likelihood-labels', 'a,|b,c'] }),
      /risk_likelihood_labels: step 2 has no Japanese label/);
  }));
});
