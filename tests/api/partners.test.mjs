// Related bodies (関係機関) and contractors (委託先): listed for those who read people,
// kept by the CISO and 統括, changed only with If-Match, every change audited.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, freshStore, runCli, auditVerify, guarded } from './lib/harness.mjs';
import { assertError, assertFieldError } from './lib/expect.mjs';

for (const [path, label] of [['/api/v1/related-bodies', 'related_body'], ['/api/v1/contractors', 'contractor']]) {
  test(`${path}: add, list, change with If-Match; who may`, guarded(async () => {
    const db = await freshStore();
    const d = await runCli(['demo', '--db', db]);
    const pw = Object.fromEntries([...d.stdout.matchAll(/^(\w+)\s+(\S{16})\s/gm)].map((m) => [m[1], m[2]]));
    const server = await startServer({ db, admin: { login: 'ciso', password: pw.ciso } });
    const as = async (l) => { const c = server.client(); await c.login(l, pw[l]); return c; };
    const ciso = await as('ciso'), manager = await as('manager'), staff = await as('staff');

    const demo = (await manager.get(path)).json.items;
    assert.equal(demo.length, 1, 'the demo union has one of each');
    if (label === 'contractor') assert.equal(demo[0].people, 1, 'the demo contractor has its engineer');

    const made = await ciso.post(path, { name: '秩父ネット株式会社', contact: '03-0000-0000', note: '保守' });
    assert.equal(made.status, 201, made.text);
    assert.equal(made.headers.get('etag'), '"1"');
    const id = made.json.id;
    assertFieldError(await ciso.post(path, { contact: 'x' }), 'name');
    assertFieldError(await ciso.post(path, { name: 'x', active: 'yes' }), 'active');
    assertFieldError(await ciso.post(path, { name: 'x', ceo: 'y' }), 'ceo');
    assertError(await manager.post(path, { name: 'x' }), 403, 'forbidden');
    assertError(await staff.get(path), 403, 'forbidden');
    assertError(await server.request('GET', path), 401, 'unauthenticated');

    assertError(await ciso.request('PATCH', `${path}/${id}`, { body: { note: '変更' } }), 428, 'precondition_required');
    assertError(await ciso.request('PATCH', `${path}/${id}`, { body: { note: '変更' }, headers: { 'If-Match': '"5"' } }), 412, 'precondition_failed');
    const changed = await ciso.request('PATCH', `${path}/${id}`, { body: { note: '契約更新', active: false }, headers: { 'If-Match': '"1"' } });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.json.note, '契約更新');
    assert.equal(changed.json.active, false);
    assert.equal(changed.headers.get('etag'), '"2"');
    assertError(await ciso.request('PATCH', `${path}/999`, { body: { note: 'x' }, headers: { 'If-Match': '"1"' } }), 404, 'not_found');
    const actions = (await ciso.auditEvents()).map((e) => e.action);
    assert.ok(actions.includes(`${label}.create`) && actions.includes(`${label}.update`));
    await server.stop();
    assert.ok((await auditVerify(db)).ok);
  }));
}
