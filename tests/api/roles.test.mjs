// Granting and revoking roles (第10条, DESIGN §2): only roles below one's own, only
// inside one's own units, never to oneself; a revoked role ends at once and stays on
// record; the role → permission table is readable data.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, freshStore, runCli, auditHeadSeq, auditVerify, guarded } from './lib/harness.mjs';
import { assertError, assertFieldError } from './lib/expect.mjs';

test('the granting rules, revocation, and refusals that change nothing', guarded(async () => {
  const db = await freshStore();
  const d = await runCli(['demo', '--db', db]);
  assert.equal(d.code, 0, d.stderr);
  const pw = {};
  for (const m of d.stdout.matchAll(/^(\w+)\s+(\S{16})\s/gm)) pw[m[1]] = m[2];
  const server = await startServer({ db, admin: { login: 'ciso', password: pw.ciso } });
  const as = async (login) => { const c = server.client(); await c.login(login, pw[login]); return c; };
  const ciso = await as('ciso'), director = await as('director'), officer = await as('officer');
  const manager = await as('manager'), sysadmin = await as('sysadmin');
  const units = Object.fromEntries((await ciso.get('/api/v1/org-units')).json.items.map((u) => [u.code, u.id]));
  const people = Object.fromEntries((await ciso.get('/api/v1/persons?limit=50')).json.items.map((p) => [p.login, p.id]));

  // The table of roles and permissions is data anyone logged in can read.
  const roles = (await manager.get('/api/v1/roles')).json.items;
  assert.deepEqual(roles.map((r) => r.code), ['ciso', 'security_director', 'security_officer', 'security_manager',
    'system_manager', 'system_operator', 'auditor', 'committee', 'csirt', 'staff']);
  assert.ok(roles[0].permissions.includes('role.grant') && roles[0].permissions.includes('audit_event.read'));

  // The section head grants staff to the contractor of the section: allowed.
  const ok = await manager.post('/api/v1/role-assignments',
    { person_id: people.contractor, role: 'system_operator', org_unit_id: units['310'] });
  assert.equal(ok.status, 201, ok.text);
  assert.match(ok.headers.get('location'), new RegExp(`/api/v1/role-assignments/${ok.json.id}$`));
  const contractor = server.client();
  await contractor.login('contractor', pw.contractor);
  assert.ok((await contractor.get('/api/v1/session')).json.person.roles.some((r) => r.role === 'system_operator'));

  const before = await auditHeadSeq(db);
  const refusals = [
    // a role not below one's own
    [manager, { person_id: people.contractor, role: 'security_manager', org_unit_id: units['310'] }, 403, 'forbidden'],
    [director, { person_id: people.manager, role: 'ciso', org_unit_id: units['0'] }, 403, 'forbidden'],
    // to oneself
    [manager, { person_id: people.manager, role: 'staff', org_unit_id: units['310'] }, 403, 'forbidden'],
    // outside one's units: a unit, or a person, of another department
    [manager, { person_id: people.contractor, role: 'staff', org_unit_id: units['320'] }, 404, 'not_found'],
    [manager, { person_id: people.sysadmin, role: 'staff', org_unit_id: units['310'] }, 404, 'not_found'],
    [officer, { person_id: people.operator, role: 'staff', org_unit_id: units['210'] }, 404, 'not_found'],
  ];
  for (const [client, body, status, code] of refusals)
    assertError(await client.post('/api/v1/role-assignments', body), status, code);
  // Malformed requests name the field.
  assertFieldError(await ciso.post('/api/v1/role-assignments', { role: 'staff', org_unit_id: units['310'] }), 'person_id');
  assertFieldError(await ciso.post('/api/v1/role-assignments', { person_id: '11', role: 'staff', org_unit_id: units['310'] }), 'person_id');
  assertFieldError(await ciso.post('/api/v1/role-assignments', { person_id: people.staff, role: 'king', org_unit_id: units['310'] }), 'role');
  assertFieldError(await ciso.post('/api/v1/role-assignments', { person_id: people.staff, role: 'staff', org_unit_id: units['320'], valid_from: '2026-04-01', valid_to: '2026-03-31' }), 'valid_to');
  assertFieldError(await ciso.post('/api/v1/role-assignments', { person_id: people.staff, role: 'staff', org_unit_id: units['320'], colour: 'red' }), 'colour');
  assertError(await sysadmin.post('/api/v1/role-assignments', { person_id: people.operator, role: 'staff', org_unit_id: units['210'] }), 403, 'forbidden');
  const written = (await ciso.auditEvents()).filter((e) => e.seq > before);
  assert.ok(written.every((e) => e.action === 'access.denied'), 'refusals wrote nothing but their record');
  assert.equal(written.filter((e) => e.detail.reason === 'grant_rule').length, 3);
  assert.equal(written.filter((e) => e.detail.reason === 'permission').length, 1);

  // The department head grants in a section of the department, for a time.
  const timed = await officer.post('/api/v1/role-assignments',
    { person_id: people.staff, role: 'security_manager', org_unit_id: units['320'], valid_from: '2027-04-01', valid_to: '2028-03-31' });
  assert.equal(timed.status, 201, timed.text);
  const staffRoles = (await ciso.get(`/api/v1/role-assignments?person_id=${people.staff}`)).json.items;
  const future = staffRoles.find((r) => r.id === timed.json.id);
  assert.equal(future.current, false, 'a role from next 年度 does not hold today');

  // Revocation: the role ends at once, stays on record, cannot be revoked twice;
  // one may not revoke one's own role nor one not below one's own.
  assertError(await manager.delete(`/api/v1/role-assignments/${timed.json.id}`), 404, 'not_found'); // 工務課 is not theirs
  const peer = await director.post('/api/v1/role-assignments',
    { person_id: people.contractor, role: 'security_manager', org_unit_id: units['310'] });
  assert.equal(peer.status, 201, peer.text);
  assertError(await manager.delete(`/api/v1/role-assignments/${peer.json.id}`), 403, 'forbidden'); // the same rank as theirs
  assert.equal((await officer.delete(`/api/v1/role-assignments/${ok.json.id}`)).status, 204);
  assert.ok(!(await contractor.get('/api/v1/session')).json.person.roles.some((r) => r.role === 'system_operator'));
  const history = (await manager.get(`/api/v1/role-assignments?person_id=${people.contractor}`)).json.items;
  const revoked = history.find((r) => r.id === ok.json.id);
  assert.ok(revoked.revoked_at && !revoked.current, 'kept, marked revoked');
  assertError(await manager.delete(`/api/v1/role-assignments/${ok.json.id}`), 409, 'conflict');
  const own = (await ciso.get(`/api/v1/role-assignments?person_id=${people.manager}`)).json.items[0];
  assertError(await manager.delete(`/api/v1/role-assignments/${own.id}`), 403, 'forbidden');
  assertError(await manager.get(`/api/v1/role-assignments?person_id=${people.sysadmin}`), 404, 'not_found');
  assertFieldError(await manager.get('/api/v1/role-assignments?person_id=abc'), 'person_id');

  const actions = (await ciso.auditEvents()).map((e) => e.action);
  assert.equal(actions.filter((a) => a === 'role.grant').length >= 2, true);
  assert.ok(actions.includes('role.revoke'));
  await server.stop();
  assert.ok((await auditVerify(db)).ok);
}));

test('the list of role assignments: the caller\'s units, filters, state on today\'s date, paging; permission names',
  guarded(async () => {
    const db = await freshStore();
    const d = await runCli(['demo', '--db', db]);
    assert.equal(d.code, 0, d.stderr);
    const pw = {};
    for (const m of d.stdout.matchAll(/^(\w+)\s+(\S{16})\s/gm)) pw[m[1]] = m[2];
    const server = await startServer({ db, admin: { login: 'ciso', password: pw.ciso } });
    const as = async (login) => { const c = server.client(); await c.login(login, pw[login]); return c; };
    const ciso = await as('ciso'), officer = await as('officer'), manager = await as('manager');
    const units = Object.fromEntries((await ciso.get('/api/v1/org-units')).json.items.map((u) => [u.code, u.id]));
    const people = Object.fromEntries((await ciso.get('/api/v1/persons?limit=50')).json.items.map((p) => [p.login, p.id]));
    const all = async (client, query = '') => {
      const out = [];
      let cursor = null;
      for (let i = 0; i < 50; i++) {
        const r = await client.get(`/api/v1/role-assignments?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(r.status, 200, r.text);
        assert.ok(r.json.items.length <= 2);
        out.push(...r.json.items);
        cursor = r.json.next_cursor;
        if (!cursor) return out;
      }
      throw new Error('the cursor never ended');
    };

    // The permission names come with the table.
    const roles = (await manager.get('/api/v1/roles')).json;
    const names = Object.fromEntries(roles.permissions.map((p) => [p.code, p]));
    assert.equal(names['role.grant'].name_ja, '役割の付与');
    assert.equal(names['person.read'].name_en, 'See people');
    for (const r of roles.items) for (const p of r.permissions) assert.ok(names[p], `${p} has a name`);

    // Everyone in the CISO's units (the whole union): the 12 demo roles (the logins' and IT's
    // system manager's), newest first, each once.
    const everything = await all(ciso);
    assert.equal(everything.length, 12);
    assert.equal(new Set(everything.map((a) => a.id)).size, 12);
    assert.deepEqual(everything.map((a) => a.id), [...everything.map((a) => a.id)].sort((x, y) => y - x));
    const yoshida = everything.find((a) => a.person_id === people.contractor);
    assert.equal(yoshida.person, '吉田 翔');
    assert.equal(yoshida.person_active, true);
    assert.equal(yoshida.org_unit, '料金課');
    assert.equal(yoshida.org_unit_en, 'Billing Section');
    assert.equal(yoshida.current, true);

    // The department head sees the people of 水道局 only.
    const water = await all(officer);
    assert.deepEqual(water.map((a) => a.person).sort(), ['加藤 愛', '吉田 翔', '鈴木 一郎', '高橋 美咲'].sort());
    assert.deepEqual((await all(manager)).map((a) => a.person).sort(), ['吉田 翔', '高橋 美咲'].sort());

    // A granted role for next 年度 and a revoked one: current, upcoming, ended.
    const future = await officer.post('/api/v1/role-assignments',
      { person_id: people.staff, role: 'system_operator', org_unit_id: units['320'], valid_from: '2099-04-01' });
    assert.equal(future.status, 201, future.text);
    const gone = await manager.post('/api/v1/role-assignments',
      { person_id: people.contractor, role: 'system_operator', org_unit_id: units['310'] });
    assert.equal(gone.status, 201, gone.text);
    assert.equal((await manager.delete(`/api/v1/role-assignments/${gone.json.id}`)).status, 204);
    const ids = async (query) => (await all(officer, query)).map((a) => a.id).sort((x, y) => x - y);
    assert.deepEqual(await ids('&state=upcoming'), [future.json.id]);
    assert.deepEqual(await ids('&state=ended'), [gone.json.id]);
    assert.equal((await ids('&state=current')).length, 4);
    assert.equal((await ids('')).length, 6);
    assert.equal((await ids('&state=all')).length, 6);

    // By unit (with its sub-units), by role, by person; filters combine.
    assert.deepEqual((await all(ciso, `&org_unit_id=${units['300']}&state=current`)).map((a) => a.person).sort(),
      ['加藤 愛', '吉田 翔', '鈴木 一郎', '高橋 美咲'].sort());
    assert.deepEqual((await all(ciso, `&org_unit_id=${units['310']}&state=current`)).map((a) => a.person).sort(),
      ['吉田 翔', '高橋 美咲'].sort());
    assert.deepEqual((await all(ciso, '&role=system_operator')).map((a) => a.id).sort((x, y) => x - y),
      [people.operator && (await all(ciso, `&person_id=${people.operator}`))[0].id, future.json.id, gone.json.id]
        .sort((x, y) => x - y));
    assert.deepEqual((await all(ciso, `&person_id=${people.contractor}&state=current`)).map((a) => a.role), ['staff']);
    assert.deepEqual(await all(ciso, '&role=no_such_role'), []);
    assert.deepEqual(await all(ciso, `&person_id=${people.manager}&state=upcoming`), [], 'a person with none: empty');
    assertError(await manager.get(`/api/v1/role-assignments?person_id=${people.sysadmin}&state=current`), 404, 'not_found');

    for (const [query, field] of [
      ['state=soon', 'state'], ['org_unit_id=x', 'org_unit_id'], ['limit=0', 'limit'], ['limit=501', 'limit'],
      ['cursor=abc', 'cursor'], [`role=${'r'.repeat(41)}`, 'role'], ['person_id=-3', 'person_id'],
    ]) assertFieldError(await ciso.get(`/api/v1/role-assignments?${query}`), field);
    await server.stop();
  }));
