// The classification scheme of 第9条 (DESIGN §4): the two MIC presets as data, R6.10 in
// force from the start; everyone logged in reads it; the CISO edits definitions and
// rules (If-Match, audited) and changes the preset with a mapping of every class in use.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, freshStore, runCli, auditVerify, guarded } from './lib/harness.mjs';
import { assertError, assertFieldError } from './lib/expect.mjs';

async function demoServer() {
  const db = await freshStore();
  const d = await runCli(['demo', '--db', db]);
  assert.equal(d.code, 0, d.stderr);
  const pw = Object.fromEntries([...d.stdout.matchAll(/^(\w+)\s+(\S{16})\s/gm)].map((m) => [m[1], m[2]]));
  const server = await startServer({ db, admin: { login: 'ciso', password: pw.ciso } });
  const as = async (l) => { const c = server.client(); await c.login(l, pw[l]); return c; };
  return { db, server, as };
}

const ASPECTS = ['labelling', 'storage', 'transmission', 'taking_out', 'copying', 'printing', 'disposal'];

test('the presets: R6.10 in force with 3A…1, I2/1, A2/1; pre-2024 with 3/2/1; rules for every aspect',
  guarded(async () => {
    const { db, server, as } = await demoServer();
    const staff = await as('staff');
    const r = await staff.get('/api/v1/classification');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.code, 'r6.10');
    assert.equal(r.json.in_force, true);
    assert.deepEqual(r.json.classes.map((k) => k.label), ['C3A', 'C3B', 'C3C', 'C2', 'C1', 'I2', 'I1', 'A2', 'A1']);
    assert.deepEqual(r.json.classes.filter((k) => k.axis === 'C').map((k) => k.rank), [5, 4, 3, 2, 1]);
    const c3a = r.json.classes[0];
    assert.equal(c3a.name_ja, '自治体機密性3A');
    assert.match(c3a.definition_ja, /秘密文書/);
    for (const k of r.json.classes) {
      assert.deepEqual(Object.keys(k.rules).sort(), [...ASPECTS].sort(), `${k.label} has a rule for each aspect`);
      for (const a of ASPECTS) assert.ok(k.rules[a].ja && k.rules[a].en, `${k.label} ${a} in ja and en`);
    }
    assert.match(c3a.rules.disposal.ja, /復元不可能|溶解/);
    assert.match(r.json.classes.find((k) => k.label === 'A2').rules.storage.ja, /バックアップ/);
    assert.match(r.json.classes.find((k) => k.label === 'I2').rules.transmission.ja, /電子署名/);

    const all = await staff.get('/api/v1/classification/schemes');
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(all.json.items.map((s) => [s.code, s.in_force]), [['r6.10', true], ['pre-2024', false]]);
    const pre = all.json.items[1];
    assert.deepEqual(pre.classes.map((k) => k.label), ['C3', 'C2', 'C1', 'I2', 'I1', 'A2', 'A1']);
    assert.equal(pre.classes[0].rank, 5, "pre-2024's 機密性3 is rank 5, as 3A");
    assertError(await server.request('GET', '/api/v1/classification'), 401, 'unauthenticated');
    await server.stop();
    assert.ok((await auditVerify(db)).ok);
  }));

test('the CISO edits a definition and rules with If-Match; others may not; every change audited',
  guarded(async () => {
    const { db, server, as } = await demoServer();
    const ciso = await as('ciso'), director = await as('director');
    const scheme = (await ciso.get('/api/v1/classification')).json;
    const c3b = scheme.classes.find((k) => k.label === 'C3B');
    const url = `/api/v1/classification/classes/${c3b.id}`;
    const body = { definition_ja: '漏えいにより住民の権利利益に重大な影響を及ぼすもの', rules: { printing: { ja: '印刷禁止', en: 'No printing' } } };
    assertError(await director.request('PATCH', url, { body, headers: { 'If-Match': '"1"' } }), 403, 'forbidden');
    assertError(await ciso.request('PATCH', url, { body }), 428, 'precondition_required');
    assertError(await ciso.request('PATCH', url, { body, headers: { 'If-Match': '"7"' } }), 412, 'precondition_failed');
    assertFieldError(await ciso.request('PATCH', url, { body: { rules: { faxing: { ja: 'x' } } }, headers: { 'If-Match': '"1"' } }), 'rules.faxing');
    assertFieldError(await ciso.request('PATCH', url, { body: { definition_ja: '' }, headers: { 'If-Match': '"1"' } }), 'definition_ja');
    assertFieldError(await ciso.request('PATCH', url, { body: { colour: 'red' }, headers: { 'If-Match': '"1"' } }), 'colour');
    assertError(await ciso.request('PATCH', '/api/v1/classification/classes/99999', { body, headers: { 'If-Match': '"1"' } }), 404, 'not_found');
    const ok = await ciso.request('PATCH', url, { body, headers: { 'If-Match': '"1"' } });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.headers.get('etag'), '"2"');
    assert.equal(ok.json.definition_ja, body.definition_ja);
    assert.equal(ok.json.rules.printing.ja, '印刷禁止');
    assert.equal(ok.json.rules.storage.ja, c3b.rules.storage.ja, 'the other rules are unchanged');
    const again = (await director.get('/api/v1/classification')).json.classes.find((k) => k.id === c3b.id);
    assert.equal(again.rules.printing.en, 'No printing');
    const events = (await ciso.auditEvents()).filter((e) => e.action === 'classification.update');
    assert.equal(events.length, 1);
    assert.equal(events[0].object_id, String(c3b.id));
    await server.stop();
    assert.ok((await auditVerify(db)).ok);
  }));

test('a change of preset: refused with a mapping across axes or to an unknown class; applied and recorded',
  guarded(async () => {
    const { db, server, as } = await demoServer();
    const ciso = await as('ciso');
    const [now, pre] = (await ciso.get('/api/v1/classification/schemes')).json.items;
    const id = (s, label) => s.classes.find((k) => k.label === label).id;
    assertFieldError(await ciso.post('/api/v1/classification/preset-change', { scheme: 'r6.10', mapping: {} }), 'scheme');
    assertFieldError(await ciso.post('/api/v1/classification/preset-change', { scheme: 'nope', mapping: {} }), 'scheme');
    assertFieldError(await ciso.post('/api/v1/classification/preset-change', { scheme: 'pre-2024' }), 'mapping');
    assertFieldError(await ciso.post('/api/v1/classification/preset-change',
      { scheme: 'pre-2024', mapping: { [id(now, 'C3A')]: id(pre, 'I2') } }), `mapping.${id(now, 'C3A')}`);
    assertFieldError(await ciso.post('/api/v1/classification/preset-change',
      { scheme: 'pre-2024', mapping: { [id(pre, 'C3')]: id(pre, 'C3') } }), `mapping.${id(pre, 'C3')}`);
    const mapping = {};
    for (const k of now.classes) {
      const to = k.axis === 'C' ? (k.rank >= 3 ? 'C3' : `C${k.code}`) : k.label;
      mapping[k.id] = id(pre, to);
    }
    const r = await ciso.post('/api/v1/classification/preset-change', { scheme: 'pre-2024', mapping });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.code, 'pre-2024');
    assert.equal(r.json.in_force, true);
    assert.equal((await ciso.get('/api/v1/classification')).json.code, 'pre-2024');
    const ev = (await ciso.auditEvents()).find((e) => e.action === 'classification.preset_change');
    assert.ok(ev, 'recorded');
    assert.equal(ev.detail.from, 'r6.10');
    assert.equal(ev.detail.to, 'pre-2024');
    await server.stop();
    assert.ok((await auditVerify(db)).ok);
  }));
