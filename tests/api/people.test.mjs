// People and units as each role sees them (第10条, DESIGN §2): a section head sees the
// section, a department head the department (its sections too), the CISO, 統括,
// auditors and CSIRT everyone; paging, search and filters; bad parameters refused.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, freshStore, runCli, guarded, storeSql } from './lib/harness.mjs';
import { assertError, assertFieldError } from './lib/expect.mjs';

async function demo() {
  const db = await freshStore();
  const r = await runCli(['demo', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  const pw = {};
  for (const m of r.stdout.matchAll(/^(\w+)\s+(\S{16})\s/gm)) pw[m[1]] = m[2];
  const server = await startServer({ db, admin: { login: 'ciso', password: pw.ciso } });
  const as = async (login) => { const c = server.client(); await c.login(login, pw[login]); return c; };
  return { server, db, as };
}

async function everyone(c, query = '') {
  const names = [];
  let cursor = null;
  for (let i = 0; i < 100; i++) {
    const r = await c.get(`/api/v1/persons?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.length <= 2);
    names.push(...r.json.items.map((p) => `${p.name}@${p.org_unit}`));
    cursor = r.json.next_cursor;
    if (!cursor) return names;
  }
  throw new Error('the cursor never ended');
}

// The demo's people of 水道局 and its sections (logins and staff without one).
const WATER = ['加藤 愛@工務課', '吉田 翔@料金課', '鈴木 一郎@水道局', '高橋 美咲@料金課', '山本 和子@料金課',
  '石川 直人@工務課'].sort();

test('each role sees the people of its own units, paged by reading, and no one else', guarded(async () => {
  const { server, as } = await demo();
  const ciso = await as('ciso');
  const all = await everyone(ciso);
  // 17: the demo's logins, its staff without a login, and IT's system manager (渡部 光, 総務課).
  assert.equal(all.length, 17, all.join(', '));
  assert.equal(new Set(all).size, all.length, 'paging gives every person exactly once');
  // Sorted by the kana reading: いしかわ before いとう before おがわ …
  assert.deepEqual(all.slice(0, 3), ['石川 直人@工務課', '伊藤 さくら@通信指令課', '小川 恵@総務課']);

  const manager = await as('manager'); // security_manager of 料金課
  assert.deepEqual((await everyone(manager)).sort(), ['吉田 翔@料金課', '山本 和子@料金課', '高橋 美咲@料金課'].sort());
  const officer = await as('officer'); // security_officer of 水道局: its sections too
  assert.deepEqual((await everyone(officer)).sort(), WATER);
  const sysadmin = await as('sysadmin'); // system_manager of 通信指令課
  assert.deepEqual((await everyone(sysadmin)).sort(), ['伊藤 さくら@通信指令課', '田中 健@通信指令課'].sort());
  for (const wide of ['director', 'auditor', 'csirt'])
    assert.equal((await everyone(await as(wide))).length, 17, `${wide} reads across units`);
  for (const none of ['staff', 'operator', 'committee', 'contractor'])
    assertError(await (await as(none)).get('/api/v1/persons'), 403, 'forbidden');
  assertError(await server.request('GET', '/api/v1/persons'), 401, 'unauthenticated');

  // One person: inside the scope with its version as ETag; outside, 404 like nobody.
  const [tanaka] = (await ciso.get('/api/v1/persons?q=田中')).json.items;
  const own = await sysadmin.get(`/api/v1/persons/${tanaka.id}`);
  assert.equal(own.status, 200);
  assert.equal(own.headers.get('etag'), `"${tanaka.version}"`);
  const outside = await manager.get(`/api/v1/persons/${tanaka.id}`);
  const missing = await manager.get('/api/v1/persons/987654');
  assertError(outside, 404, 'not_found');
  assertError(missing, 404, 'not_found');
  assert.equal(outside.text, missing.text, 'someone out of scope looks exactly like no one');
  const denied = (await ciso.auditEvents({ action: 'access.denied' }))
    .filter((e) => e.object_type === 'person' && e.object_id === String(tanaka.id));
  assert.equal(denied.length, 1, 'the attempt is in the trail');
  assert.equal(denied[0].actor, 'manager');
  await server.stop();
}));

test('filters: a unit with its sub-units, a name or reading, active or not; units in tree order',
  guarded(async () => {
    const { server, db, as } = await demo();
    const ciso = await as('ciso');
    const units = (await ciso.get('/api/v1/org-units')).json.items;
    assert.deepEqual(units.map((u) => u.code), ['0', '100', '110', '120', '200', '210', '220', '300', '310', '320']);
    const water = units.find((u) => u.code === '300');
    assert.equal(units.find((u) => u.code === '310').parent_id, water.id);
    const inWater = await everyone(ciso, `&org_unit_id=${water.id}`);
    assert.deepEqual(inWater.sort(), WATER);
    // A unit outside the caller's scope gives nobody, not an error.
    const manager = await as('manager');
    assert.deepEqual(await everyone(manager, `&org_unit_id=${units.find((u) => u.code === '210').id}`), []);
    // By name or reading; "%" is a character, not a wildcard.
    assert.deepEqual(await everyone(ciso, '&q=' + encodeURIComponent('たなか')), ['田中 健@通信指令課']);
    assert.deepEqual(await everyone(ciso, '&q=' + encodeURIComponent('%')), []);
    // Deactivated people leave the default list and stay in active=false / all.
    const off = await runCli(['user', 'deactivate', 'staff', '--db', db]);
    assert.equal(off.code, 0, off.stderr);
    assert.equal((await everyone(ciso)).length, 16);
    assert.deepEqual(await everyone(ciso, '&active=false'), ['加藤 愛@工務課']);
    assert.equal((await everyone(ciso, '&active=all')).length, 17);
    // Bad parameters are named.
    for (const q of ['limit=0', 'limit=501', 'limit=x', 'active=maybe', 'org_unit_id=-1', 'cursor=zz', 'cursor=abcd'])
      assertError(await ciso.get(`/api/v1/persons?${q}`), 422, 'validation_failed');
    assertError(await ciso.get('/api/v1/persons/abc'), 404, 'not_found');
    await server.stop();
  }));

test('a section head adds, changes and deactivates the section\'s people; If-Match guards every change',
  guarded(async () => {
    const { server, db, as } = await demo();
    const ciso = await as('ciso');
    const manager = await as('manager'); // 料金課
    const units = Object.fromEntries((await ciso.get('/api/v1/org-units')).json.items.map((u) => [u.code, u.id]));

    const made = await manager.post('/api/v1/persons',
      { name: '新人 花子', name_kana: 'しんじん はなこ', category: 'temporary', org_unit_id: units['310'] });
    assert.equal(made.status, 201, made.text);
    assert.equal(made.headers.get('etag'), '"1"');
    assert.match(made.headers.get('location'), new RegExp(`/api/v1/persons/${made.json.id}$`));
    const id = made.json.id;
    // Not in another section, and the fields are named when wrong.
    assertError(await manager.post('/api/v1/persons', { name: 'X', category: 'regular', org_unit_id: units['320'] }),
      422, 'validation_failed');
    for (const [body, field] of [
      [{ category: 'regular', org_unit_id: units['310'] }, 'name'],
      [{ name: 'X', category: 'boss', org_unit_id: units['310'] }, 'category'],
      [{ name: 'X', category: 'regular', org_unit_id: String(units['310']) }, 'org_unit_id'],
      [{ name: 'X', category: 'regular', org_unit_id: units['310'], salary: 1 }, 'salary'],
    ]) {
      const r = await manager.post('/api/v1/persons', body);
      const err = assertError(r, 422, 'validation_failed');
      assert.ok(err.fields.some((f) => f.field === field), `${field}: ${r.text}`);
    }

    // A change needs If-Match: 428 without, 412 when stale; nothing is written either way.
    const before = (await ciso.get(`/api/v1/persons/${id}`)).json;
    assertError(await manager.request('PATCH', `/api/v1/persons/${id}`, { body: { name: '変更' } }), 428, 'precondition_required');
    assertError(await manager.request('PATCH', `/api/v1/persons/${id}`, { body: { name: '変更' }, headers: { 'If-Match': '"7"' } }),
      412, 'precondition_failed');
    assert.deepEqual((await ciso.get(`/api/v1/persons/${id}`)).json, before);
    const changed = await manager.request('PATCH', `/api/v1/persons/${id}`,
      { body: { name: '新人 花', category: 'regular' }, headers: { 'If-Match': '"1"' } });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.json.name, '新人 花');
    assert.equal(changed.json.category, 'regular');
    assert.equal(changed.json.name_kana, 'しんじん はなこ');
    assert.equal(changed.headers.get('etag'), '"2"');
    // Two editors with the same version: the second is told, not silently overwritten.
    const officer = await as('officer');
    assertError(await officer.request('PATCH', `/api/v1/persons/${id}`, { body: { name: '上書き' }, headers: { 'If-Match': '"1"' } }),
      412, 'precondition_failed');
    // Moving someone to a unit that is not the editor's is refused; out of scope is 404.
    assertError(await manager.request('PATCH', `/api/v1/persons/${id}`, { body: { org_unit_id: units['210'] }, headers: { 'If-Match': '"2"' } }),
      422, 'validation_failed');
    const tanaka = (await ciso.get('/api/v1/persons?q=田中')).json.items[0];
    assertError(await manager.request('PATCH', `/api/v1/persons/${tanaka.id}`, { body: { name: 'X' }, headers: { 'If-Match': `"${tanaka.version}"` } }),
      404, 'not_found');

    // Deactivation: the record stays, the person's login stops at once.
    const r = await runCli(['user', 'add', 'shinjin', '--name', '新人 次郎', '--unit', '310', '--db', db],
      { env: { MAMORI_USER_PASSWORD: 'haru-no-umi-2026' } });
    assert.equal(r.code, 0, r.stderr);
    const jiro = (await manager.get('/api/v1/persons?q=次郎')).json.items[0];
    const session = server.client();
    await session.login('shinjin', 'haru-no-umi-2026');
    assertError(await manager.request('POST', `/api/v1/persons/${jiro.id}/deactivate`, {}), 428, 'precondition_required');
    const off = await manager.request('POST', `/api/v1/persons/${jiro.id}/deactivate`, { headers: { 'If-Match': `"${jiro.version}"` } });
    assert.equal(off.status, 200, off.text);
    assert.equal(off.json.active, false);
    assert.equal((await session.get('/api/v1/session')).json.authenticated, false, 'the session ended');
    assertError(await manager.request('POST', `/api/v1/persons/${jiro.id}/deactivate`, { headers: { 'If-Match': `"${off.json.version}"` } }),
      409, 'conflict');
    const self = (await manager.get('/api/v1/session')).json.person.id;
    const me = (await manager.get(`/api/v1/persons/${self}`)).json;
    assertError(await manager.request('POST', `/api/v1/persons/${self}/deactivate`, { headers: { 'If-Match': `"${me.version}"` } }),
      403, 'forbidden');
    const trail = (await ciso.auditEvents()).map((e) => e.action);
    for (const a of ['person.create', 'person.update', 'person.deactivate']) assert.ok(trail.includes(a), a);
    await server.stop();
  }));

test('a related body\'s or contractor\'s person names the body: required with the category, refused otherwise, active',
  guarded(async () => {
    const { server, db, as } = await demo();
    const ciso = await as('ciso');
    const units = Object.fromEntries((await ciso.get('/api/v1/org-units')).json.items.map((u) => [u.code, u.id]));
    const [town] = (await ciso.get('/api/v1/related-bodies')).json.items;
    const [firm] = (await ciso.get('/api/v1/contractors')).json.items;
    const closed = await ciso.post('/api/v1/contractors', { name: '閉業 株式会社' });
    assert.equal(closed.status, 201, closed.text);
    const closing = await ciso.request('PATCH', `/api/v1/contractors/${closed.json.id}`,
      { body: { active: false }, headers: { 'If-Match': '"1"' } });
    assert.equal(closing.status, 200, closing.text);
    const person = (body) => ({ name: '関係 一郎', org_unit_id: units['310'], ...body });

    // The contractor's engineer of the demo shows the firm, with the employment dates.
    const [yoshida] = (await ciso.get('/api/v1/persons?q=吉田')).json.items;
    assert.equal(yoshida.contractor_id, firm.id);
    assert.equal(yoshida.contractor, firm.name);
    assert.equal(yoshida.related_body_id, null);
    assert.equal(yoshida.related_body, null);
    assert.ok('employed_from' in yoshida && 'employed_to' in yoshida);

    // Refused, each naming the field, and nothing is written.
    const before = (await ciso.get('/api/v1/persons?active=all&limit=500')).json.items.length;
    for (const [body, field] of [
      [{ category: 'related_body' }, 'related_body_id'],
      [{ category: 'contractor' }, 'contractor_id'],
      [{ category: 'regular', related_body_id: town.id }, 'related_body_id'],
      [{ category: 'regular', contractor_id: firm.id }, 'contractor_id'],
      [{ category: 'related_body', related_body_id: town.id, contractor_id: firm.id }, 'contractor_id'],
      [{ category: 'contractor', contractor_id: town.id, related_body_id: town.id }, 'related_body_id'],
      [{ category: 'related_body', related_body_id: 987654 }, 'related_body_id'],
      [{ category: 'contractor', contractor_id: closed.json.id }, 'contractor_id'],
      [{ category: 'contractor', contractor_id: String(firm.id) }, 'contractor_id'],
      [{ category: 'contractor', contractor_id: -1 }, 'contractor_id'],
    ]) {
      const r = await ciso.post('/api/v1/persons', person(body));
      const err = assertError(r, 422, 'validation_failed');
      assert.ok(err.fields.some((f) => f.field === field), `${JSON.stringify(body)} → ${r.text}`);
    }
    assert.equal((await ciso.get('/api/v1/persons?active=all&limit=500')).json.items.length, before);

    // Made with the body; the trail says so.
    const made = await ciso.post('/api/v1/persons', person({ category: 'related_body', related_body_id: town.id }));
    assert.equal(made.status, 201, made.text);
    assert.equal(made.json.related_body_id, town.id);
    assert.equal(made.json.related_body, town.name);
    assert.equal(made.json.contractor_id, null);
    const created = (await ciso.auditEvents({ action: 'person.create' })).find((e) => e.object_id === String(made.json.id));
    assert.equal(created.detail.related_body_id, town.id);

    // Changes: another category needs its own link and drops the old one.
    const patch = (body, version) => ciso.request('PATCH', `/api/v1/persons/${made.json.id}`,
      { body, headers: { 'If-Match': `"${version}"` } });
    assertFieldError(await patch({ category: 'contractor' }, 1), 'contractor_id');
    assertFieldError(await patch({ contractor_id: firm.id }, 1), 'contractor_id');
    assertFieldError(await patch({ related_body_id: 987654 }, 1), 'related_body_id');
    const renamed = await patch({ name: '関係 二郎' }, 1);
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(renamed.json.related_body_id, town.id, 'a change of name keeps the body');
    const moved = await patch({ category: 'contractor', contractor_id: firm.id }, 2);
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.json.category, 'contractor');
    assert.equal(moved.json.contractor_id, firm.id);
    assert.equal(moved.json.related_body_id, null, 'the body went with the old category');
    const staff = await patch({ category: 'regular' }, 3);
    assert.equal(staff.status, 200, staff.text);
    assert.equal(staff.json.contractor_id, null);
    assert.equal(staff.json.related_body_id, null);
    assert.equal(staff.headers.get('etag'), '"4"');

    // The staff list import does not name bodies: such a person may still be renamed,
    // and is given a body when the category is set again.
    const imported = await ciso.post('/api/v1/persons', person({ category: 'regular' }));
    await storeSql(db, `UPDATE person SET category = 'related_body' WHERE id = ${imported.json.id}`);
    const legacy = ciso.request.bind(ciso, 'PATCH', `/api/v1/persons/${imported.json.id}`);
    assert.equal((await legacy({ body: { name: '名簿 太郎' }, headers: { 'If-Match': '"1"' } })).status, 200);
    assertFieldError(await legacy({ body: { category: 'related_body' }, headers: { 'If-Match': '"2"' } }), 'related_body_id');
    const fixed = await legacy({ body: { category: 'related_body', related_body_id: town.id }, headers: { 'If-Match': '"2"' } });
    assert.equal(fixed.status, 200, fixed.text);
    assert.equal(fixed.json.related_body_id, town.id);
    await server.stop();
  }));
