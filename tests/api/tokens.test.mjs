// API tokens (issue 4): made by a person for themselves, shown once, stored hashed;
// used as Authorization: Bearer and audited as the person; read tokens only read;
// revoked, expired and left-the-union tokens stop at once.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, runCli, storeSql, storeRows, auditVerify, guarded } from './lib/harness.mjs';
import { assertError, assertFieldError } from './lib/expect.mjs';

test('tokens: scopes, revocation, expiry, a person who left, and no token-made tokens', guarded(async () => {
  const server = await startServer();
  const c = await server.adminClient();
  const bearer = (token) => ({ headers: { Authorization: `Bearer ${token}` } });

  const read = await c.post('/api/v1/tokens', { name: 'nightly report', scope: 'read', expires_in_days: 30 });
  assert.equal(read.status, 201, read.text);
  assert.match(read.json.token, /^mamori_[0-9a-f]{64}$/);
  const write = await c.post('/api/v1/tokens', { name: 'sync', scope: 'write' });
  assert.equal(write.status, 201, write.text);
  const listed = (await c.get('/api/v1/tokens')).json.items;
  assert.deepEqual(listed.map((t) => t.name), ['sync', 'nightly report']);
  assert.ok(!JSON.stringify(listed).includes(read.json.token.slice(7)), 'the list never shows a token');
  const stored = await storeRows(server.db, 'SELECT token_hash FROM api_token');
  assert.ok(stored.every((t) => !read.json.token.includes(t.token_hash)) && stored.length === 2);

  // A read token reads, as its person.
  const me = await server.request('GET', '/api/v1/session', bearer(read.json.token));
  assert.equal(me.json.authenticated, true);
  assert.equal(me.json.person.login, 'ciso');
  assert.equal((await server.request('GET', '/api/v1/audit-events?limit=1', bearer(read.json.token))).status, 200);
  // It may not change anything: refused and on record.
  assertError(await server.request('POST', '/api/v1/audit-verifications', { ...bearer(read.json.token), body: {} }), 403, 'forbidden');
  // A write token may, with no CSRF token (a bearer token is no ambient credential).
  const job = await server.request('POST', '/api/v1/audit-verifications', { ...bearer(write.json.token), body: {} });
  assert.equal(job.status, 202, job.text);
  // Tokens cannot make or revoke tokens.
  assertError(await server.request('POST', '/api/v1/tokens', { ...bearer(write.json.token), body: { name: 'x', scope: 'read' } }), 403, 'forbidden');
  assertError(await server.request('GET', '/api/v1/tokens', bearer(write.json.token)), 403, 'forbidden');
  // Bad requests name their fields; a bad token is a 401, not a fall-back to a cookie.
  assertFieldError(await c.post('/api/v1/tokens', { name: 'x', scope: 'admin' }), 'scope');
  assertFieldError(await c.post('/api/v1/tokens', { name: 'x', scope: 'read', expires_in_days: 0 }), 'expires_in_days');
  assertFieldError(await c.post('/api/v1/tokens', { scope: 'read' }), 'name');
  assertError(await server.request('GET', '/api/v1/audit-events', { headers: { Authorization: 'Bearer mamori_nope' } }), 401, 'unauthenticated');
  assertError(await server.request('GET', '/api/v1/audit-events', { headers: { Authorization: `Bearer ${read.json.token}x` } }), 401, 'unauthenticated');

  // What a token does is audited as its person.
  const events = await c.auditEvents();
  assert.ok(events.some((e) => e.action === 'job.create' && e.actor === 'ciso'));
  assert.ok(events.some((e) => e.action === 'access.denied' && e.detail.reason === 'token_scope'));
  assert.ok(events.some((e) => e.action === 'token.create'));

  // Revoked: at once. Someone else's token cannot be revoked.
  assert.equal((await c.delete(`/api/v1/tokens/${read.json.id}`)).status, 204);
  assertError(await server.request('GET', '/api/v1/audit-events', bearer(read.json.token)), 401, 'unauthenticated');
  assertError(await c.delete(`/api/v1/tokens/${read.json.id}`), 404, 'not_found');
  // Expired: refused.
  assert.equal((await storeSql(server.db, `UPDATE api_token SET expires_at = '2000-01-01T00:00:00Z' WHERE id = ${write.json.id}`)).code, 0);
  assertError(await server.request('GET', '/api/v1/audit-events', bearer(write.json.token)), 401, 'unauthenticated');
  // A person who leaves: their tokens stop with their login.
  const add = await runCli(['user', 'add', 'robot', '--name', '連携 ロボ', '--role', 'security_director', '--db', server.db],
    { env: { MAMORI_USER_PASSWORD: 'kumo-no-ue-2026' } });
  assert.equal(add.code, 0, add.stderr);
  const robot = server.client();
  await robot.login('robot', 'kumo-no-ue-2026');
  const rt = (await robot.post('/api/v1/tokens', { name: 'robot', scope: 'read' })).json.token;
  assert.equal((await server.request('GET', '/api/v1/audit-events?limit=1', bearer(rt))).status, 200);
  assert.equal((await runCli(['user', 'deactivate', 'robot', '--db', server.db])).code, 0);
  assertError(await server.request('GET', '/api/v1/audit-events?limit=1', bearer(rt)), 401, 'unauthenticated');
  await server.stop();
  assert.ok((await auditVerify(server.db)).ok);
}));
