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
  assertFieldError(await manager.get('/api/v1/role-assignments'), 'person_id');

  const actions = (await ciso.auditEvents()).map((e) => e.action);
  assert.equal(actions.filter((a) => a === 'role.grant').length >= 2, true);
  assert.ok(actions.includes('role.revoke'));
  await server.stop();
  assert.ok((await auditVerify(db)).ok);
}));
