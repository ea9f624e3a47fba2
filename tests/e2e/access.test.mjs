// What the UI works out about who may do what (web/access.js) and how it words
// the server's refusals (web/form-messages.js), in Node: a page's permission
// (one or any of several), the roles holding a permission, the units a
// permission's roles cover, the roles one may grant, an assignment's state, and
// the server's reasons as catalog keys that exist in both languages.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  mayUse, holders, scopeUnits, grantableRoles, assignmentState,
} from '../../web/access.js';
import { fieldMessage, refusalMessage } from '../../web/form-messages.js';

// The shipped role → permission table (GET /api/v1/roles), abridged.
const ROLES = [
  { code: 'ciso', rank: 100, permissions: ['audit_event.read', 'person.manage', 'person.read', 'role.grant'] },
  { code: 'security_director', rank: 90, permissions: ['audit_event.read', 'person.manage', 'person.read', 'role.grant'] },
  { code: 'security_officer', rank: 80, permissions: ['person.manage', 'person.read', 'role.grant'] },
  { code: 'security_manager', rank: 70, permissions: ['person.manage', 'person.read', 'role.grant'] },
  { code: 'system_manager', rank: 60, permissions: ['person.read'] },
  { code: 'auditor', rank: 40, permissions: ['person.read'] },
  { code: 'staff', rank: 10, permissions: [] },
];
const UNITS = [
  { id: 1, code: '0', parent_id: null },
  { id: 8, code: '300', parent_id: 1 },
  { id: 9, code: '310', parent_id: 8 },
  { id: 10, code: '320', parent_id: 8 },
  { id: 5, code: '200', parent_id: 1 },
  { id: 6, code: '210', parent_id: 5 },
];

test('a page\'s permission: none, one, or any of several', () => {
  assert.equal(mayUse(undefined, []), true);
  assert.equal(mayUse('audit_event.read', ['person.read']), false);
  assert.equal(mayUse('audit_event.read', ['audit_event.read']), true);
  assert.equal(mayUse(['person.read', 'person.manage'], ['person.manage']), true);
  assert.equal(mayUse(['person.read', 'person.manage'], []), false);
  assert.equal(mayUse('person.read', undefined), false);
});

test('the roles holding a permission, strongest first', () => {
  assert.deepEqual(holders([...ROLES].reverse(), 'audit_event.read').map((r) => r.code), ['ciso', 'security_director']);
  assert.deepEqual(holders(ROLES, ['person.read', 'person.manage']).map((r) => r.code),
    ['ciso', 'security_director', 'security_officer', 'security_manager', 'system_manager', 'auditor']);
  assert.deepEqual(holders(null, 'x'), []);
});

test('the units a permission\'s roles cover, sub-units included', () => {
  const officer = [{ role: 'security_officer', org_unit_id: 8 }, { role: 'staff', org_unit_id: 6 }];
  assert.deepEqual(scopeUnits(officer, ROLES, UNITS, 'person.manage').map((u) => u.code), ['300', '310', '320']);
  assert.deepEqual(scopeUnits(officer, ROLES, UNITS, 'audit_event.read'), []);
  const auditorAndManager = [{ role: 'auditor', org_unit_id: 1 }, { role: 'security_manager', org_unit_id: 9 }];
  assert.deepEqual(scopeUnits(auditorAndManager, ROLES, UNITS, 'person.read').length, UNITS.length);
  assert.deepEqual(scopeUnits(auditorAndManager, ROLES, UNITS, 'person.manage').map((u) => u.code), ['310']);
});

test('the roles one may grant: below the highest held with role.grant', () => {
  const codes = (held) => grantableRoles(held, ROLES).map((r) => r.code);
  assert.deepEqual(codes([{ role: 'security_manager', org_unit_id: 9 }]), ['system_manager', 'auditor', 'staff']);
  assert.deepEqual(codes([{ role: 'security_manager', org_unit_id: 9 }, { role: 'security_officer', org_unit_id: 8 }]),
    ['security_manager', 'system_manager', 'auditor', 'staff']);
  // A high role without role.grant grants nothing.
  assert.deepEqual(codes([{ role: 'system_manager', org_unit_id: 6 }]), []);
  assert.deepEqual(codes([]), []);
});

test('an assignment\'s state: the server\'s word first', () => {
  const today = '2026-05-01';
  assert.equal(assignmentState({ valid_from: '2026-04-01', current: true }, today), 'current');
  assert.equal(assignmentState({ valid_from: '2027-04-01', current: false }, today), 'upcoming');
  assert.equal(assignmentState({ valid_from: '2025-04-01', valid_to: '2026-03-31', current: false }, today), 'ended');
  assert.equal(assignmentState({ valid_from: '2025-04-01', valid_to: '2026-04-30', revoked_at: '2026-05-01T00:00:00Z' }, today), 'revoked');
  // The server's day may be behind the UI's (another zone): it still says current.
  assert.equal(assignmentState({ valid_from: '2026-05-02', current: true }, today), 'current');
  assert.equal(assignmentState({ valid_from: '2026-04-01' }, today), 'current');
});

test('the server\'s reasons as catalog keys in both languages', async () => {
  const ja = JSON.parse(await readFile(new URL('../../web/i18n/ja.json', import.meta.url), 'utf8'));
  const en = JSON.parse(await readFile(new URL('../../web/i18n/en.json', import.meta.url), 'utf8'));
  const cases = [
    [['contractor_id', 'is required for category contractor'], 'form.error.link_required', { category: 'contractor' }],
    [['related_body_id', 'is only for people of category related_body'], 'form.error.link_refused', { category: 'related_body' }],
    [['contractor_id', 'the contractor is no longer active'], 'form.error.link_inactive', {}],
    [['related_body_id', 'no such related body'], 'form.error.no_such', {}],
    [['name', 'is required'], 'form.error.required', {}],
    [['name', 'must be 1 to 200 characters'], 'form.error.length', { max: '200' }],
    [['org_unit_id', 'is not one of your units'], 'form.error.unit_scope', {}],
    [['valid_to', 'is before valid_from'], 'form.error.date_order', {}],
    [['valid_from', 'must be a date like 2026-04-01'], 'form.error.date', {}],
    [['expires_in_days', 'must be from 1 to 366'], 'form.error.range', { min: '1', max: '366' }],
    [['likelihood', 'must be a step of the matrix, from 1 to 5'], 'form.error.range', { min: '1', max: '5' }],
    [['impact', 'must be a step of the matrix, from 1 to 7, or null (from the asset\'s class)'], 'form.error.range', { min: '1', max: '7' }],
    [['threat_id', 'no such active threat'], 'form.error.no_such_active', {}],
    [['requirement_ids', 'no such active requirement: 12'], 'form.error.no_such_active', {}],
    [['treatment', 'must be reduce, accept, avoid or transfer'], 'form.error.choice', {}],
    [['note', 'must be at most 4000 bytes'], 'form.error.bytes', { max: '4000' }],
    [['current_password', 'does not match'], 'account.password.error.current', {}],
    [['new_password', 'must be at least 12 characters'], 'account.password.error.short', {}],
    [['new_password', 'must not be the login'], 'account.password.error.login', {}],
    [['new_password', 'is a common password'], 'account.password.error.common', {}],
    [['new_password', 'needs at least 5 distinct characters'], 'account.password.error.distinct', {}],
  ];
  for (const [[field, message], key, params] of cases) {
    assert.deepEqual(fieldMessage(field, message), { key, params }, `${field}: ${message}`);
    assert.ok(key in ja && key in en, key);
  }
  assert.equal(fieldMessage('name', 'something new'), null);
  assert.equal(fieldMessage('new_password', 'something new'), null);

  const refusals = [
    ['no one may grant a role to themselves', 'roles.refused.self', {}],
    ['the role security_manager is not below your own in that unit', 'roles.refused.rank', { role: 'security_manager' }],
    ['no such person or unit among yours', 'roles.refused.scope', {}],
    ['no one may revoke their own role', 'roles.refused.own', {}],
    ['this role assignment is already revoked', 'roles.refused.revoked', {}],
    ['no one may deactivate themselves', 'person.refused.self', {}],
    ['the person has already left', 'person.refused.left', {}],
    ['treating risks there is not among your units', 'risks.refused.scope', {}],
  ];
  for (const [message, key, params] of refusals) {
    assert.deepEqual(refusalMessage(message), { key, params }, message);
    assert.ok(key in ja && key in en, key);
  }
  assert.equal(refusalMessage('anything else'), null);
});
