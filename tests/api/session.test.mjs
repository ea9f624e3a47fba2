// Sessions: login, the session cookie, identical refusals, logout, CSRF before and
// after login.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditVerify, eventsWrittenBy, guarded, parseSetCookie, randomToken, runCli, startServer } from './lib/harness.mjs';
import { assertError, assertSecurityHeaders, assertUtc } from './lib/expect.mjs';

let srv;
// Session mechanics are shown with a clerk's login; the CISO's login owes a TOTP code
// (each good once), which the first test below and tests/api/mfa.test.mjs cover.
const CLERK = { login: 'clerk', password: randomToken(20) };

before(async () => {
  srv = await startServer();
  const add = await runCli(['user', 'add', CLERK.login, '--name', '事務 花子', '--role', 'staff', '--db', srv.db],
    { env: { MAMORI_USER_PASSWORD: CLERK.password } });
  assert.equal(add.code, 0, add.stderr);
});
async function clerkClient() {
  const c = srv.client();
  await c.login(CLERK.login, CLERK.password);
  return c;
}
after(async () => { if (srv?.running) await srv.kill(); });

/** The Set-Cookie line of `name` in an answer, parsed, or undefined. */
function setCookie(res, name) {
  const line = res.setCookies.find((l) => l.startsWith(`${name}=`));
  return line && { ...parseSetCookie(line), line };
}

function assertPerson(p, login) {
  assert.ok(p && typeof p === 'object', 'person is an object');
  assert.ok(p.id !== undefined && p.id !== null, 'person.id');
  assert.equal(typeof p.name, 'string');
  assert.equal(p.login, login);
  assert.ok(Array.isArray(p.roles), 'person.roles is a list');
}

describe('anonymous session', () => {
  test('GET /api/v1/session answers authenticated:false with a CSRF token and cookie', guarded(async () => {
    const r = await srv.request('GET', '/api/v1/session');
    assert.equal(r.status, 200, r.text);
    assertSecurityHeaders(r, 'GET session');
    assert.equal(r.json.authenticated, false);
    assert.equal(typeof r.json.csrf_token, 'string');
    assert.ok(r.json.csrf_token.length >= 22, `the CSRF token has at least 128 bits: ${r.json.csrf_token}`);
    const c = setCookie(r, 'mamori_csrf');
    assert.ok(c, `Set-Cookie mamori_csrf: ${r.setCookies}`);
    assert.equal(c.value, r.json.csrf_token, 'the cookie holds the same token');
    assert.equal(c.attrs.samesite?.toLowerCase(), 'strict', c.line);
    assert.equal(c.attrs.path, '/', c.line);
    assert.ok(!('secure' in c.attrs), `no Secure over plain HTTP: ${c.line}`);
    assert.equal(setCookie(r, 'mamori_session'), undefined, 'no session for an anonymous GET');
    assert.equal(r.json.person, undefined);
  }));

  test('two anonymous clients get different CSRF tokens', guarded(async () => {
    const a = await srv.request('GET', '/api/v1/session');
    const b = await srv.request('GET', '/api/v1/session');
    assert.notEqual(a.json.csrf_token, b.json.csrf_token);
  }));
});

describe('login', () => {
  test('the CISO logs in: the password, then the code; cookie flags, person, permissions, expiry', guarded(async () => {
    const cl = srv.client();
    await cl.prepare();
    const { result: p, events: passwordEvents } = await eventsWrittenBy(srv.db, () =>
      cl.post('/api/v1/session', { login: srv.admin.login, password: srv.admin.password }));
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.authenticated, false, 'the password alone is not enough for the CISO');
    assert.equal(p.json.mfa_pending, true);
    assert.equal(p.json.person, undefined);
    assert.deepEqual(passwordEvents.map((e) => e.action), ['login.success']);
    const pending = setCookie(p, 'mamori_session');
    assert.ok(pending, 'a pending session cookie');

    const { result: r, events } = await eventsWrittenBy(srv.db, () => cl.secondFactor(srv.admin.login, true));
    assert.equal(r.status, 200, r.text);
    assertSecurityHeaders(r, 'login');

    const c = setCookie(r, 'mamori_session');
    assert.ok(c, `Set-Cookie mamori_session: ${r.setCookies}`);
    assert.notEqual(c.value, pending.value, 'a new session after the code');
    assert.ok(c.value.length >= 43, `a 256-bit token is at least 43 characters: ${c.value.length}`);
    assert.equal(c.attrs.httponly, true, `HttpOnly: ${c.line}`);
    assert.equal(c.attrs.samesite?.toLowerCase(), 'strict', `SameSite=Strict: ${c.line}`);
    assert.equal(c.attrs.path, '/', `Path=/: ${c.line}`);
    assert.ok(!('secure' in c.attrs), `no Secure over plain HTTP: ${c.line}`);
    assert.ok(!r.text.includes(c.value), 'the session token is not in the body');

    assert.equal(typeof r.json.csrf_token, 'string');
    assert.ok(r.json.csrf_token.length >= 22);
    assertPerson(r.json.person, srv.admin.login);
    assert.ok(r.json.person.roles.some((x) => x.role === 'ciso'), `roles hold ciso: ${JSON.stringify(r.json.person.roles)}`);
    for (const role of r.json.person.roles) {
      assert.ok('org_unit_id' in role && 'org_unit' in role, `role has org_unit_id and org_unit: ${JSON.stringify(role)}`);
    }
    assert.ok(Array.isArray(r.json.permissions), 'permissions is a list');
    assert.ok(r.json.permissions.includes('audit_event.read'), `the CISO may read the audit trail: ${r.json.permissions}`);
    assertUtc(r.json.expires_at, 'expires_at');
    assert.ok(Date.parse(r.json.expires_at) > Date.now(), 'expires_at is in the future');

    assert.deepEqual(events.map((e) => e.action), ['login.mfa'], 'the code is one audit event');
    assert.equal(String(events[0].actor_id), String(r.json.person.id));

    const s = await cl.get('/api/v1/session');
    assert.equal(s.status, 200);
    assert.equal(s.json.authenticated, true);
    assert.equal(s.json.mfa, 'passed');
    assert.equal(typeof s.json.csrf_token, 'string');
    assertPerson(s.json.person, srv.admin.login);
    assert.deepEqual(s.json.person, r.json.person);
    assert.deepEqual([...s.json.permissions].sort(), [...r.json.permissions].sort());
    assertUtc(s.json.expires_at, 'expires_at');
  }));

  test('a clerk logs in with the password alone: one event, a full session', guarded(async () => {
    const cl = srv.client();
    await cl.prepare();
    const { result: r, events } = await eventsWrittenBy(srv.db, () =>
      cl.post('/api/v1/session', { login: CLERK.login, password: CLERK.password }));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.authenticated, true);
    assert.equal(r.json.mfa, 'none');
    assertPerson(r.json.person, CLERK.login);
    assert.deepEqual(events.map((e) => e.action), ['login.success'], 'a login is one audit event');
  }));

  test('each login gets its own session token', guarded(async () => {
    const a = srv.client(), b = srv.client();
    await a.login(CLERK.login, CLERK.password);
    await b.login(CLERK.login, CLERK.password);
    assert.notEqual(a.cookies.get('mamori_session'), b.cookies.get('mamori_session'));
    assert.equal((await a.get('/api/v1/session')).json.authenticated, true);
    assert.equal((await b.get('/api/v1/session')).json.authenticated, true);
  }));

  test('wrong password and unknown login answer byte-identical 401 invalid_credentials', guarded(async () => {
    const wrong = srv.client(), unknown = srv.client();
    const { result: [a, b], events } = await eventsWrittenBy(srv.db, async () => [
      await wrong.tryLogin(srv.admin.login, srv.admin.password + 'x'),
      await unknown.tryLogin('nobody-here', srv.admin.password),
    ]);
    assertError(a, 401, 'invalid_credentials');
    assertError(b, 401, 'invalid_credentials');
    assert.equal(a.text, b.text, 'the bodies are byte-identical');
    assert.equal(a.headers.get('content-type'), b.headers.get('content-type'));
    assertSecurityHeaders(a, '401');
    assert.ok(!wrong.cookies.has('mamori_session') && !unknown.cookies.has('mamori_session'), 'no session');
    assert.equal((await wrong.get('/api/v1/session')).json.authenticated, false);
    assert.deepEqual(events.map((e) => e.action), ['login.failure', 'login.failure'],
      'each failed login is an audit event');
  }));
});

describe('an unknown login does the same work as a wrong password', () => {
  // Its own server, so that these failures count toward no other test's lockout.
  let s2;
  before(async () => { s2 = await startServer(); });
  after(async () => { if (s2?.running) await s2.stop(); });

  test('timing of unknown login is comparable to a wrong password', guarded(async () => {
    const time = async (login, password) => {
      const c = s2.client();
      await c.prepare();
      const r = await c.post('/api/v1/session', { login, password });
      assert.equal(r.status, 401);
      return r.ms;
    };
    const wrong = [], unknown = [];
    for (let i = 0; i < 2; i++) {
      wrong.push(await time(s2.admin.login, `wrong-${i}`));
      unknown.push(await time(`ghost-${i}`, `wrong-${i}`));
    }
    const w = Math.min(...wrong), u = Math.min(...unknown);
    // A skipped hash is ~100 times faster than argon2id; a real one is within noise.
    assert.ok(u > w * 0.4, `unknown login ${u.toFixed(1)} ms vs wrong password ${w.toFixed(1)} ms: is the dummy hash checked?`);
  }));
});

describe('a locked account answers like a wrong password', () => {
  // DESIGN §6: unknown login, wrong password and locked account give the same answer.
  // Its own server, with the lockout after 3 failures (setting lockout_threshold).
  let s3;
  before(async () => { s3 = await startServer({ env: { MAMORI_LOCKOUT_THRESHOLD: '3' } }); });
  after(async () => { if (s3?.running) await s3.stop(); });

  test('after 3 failures the right password gets the same 401; unlock lets it in', guarded(async () => {
    const unknown = await s3.client().tryLogin('nobody-at-all', 'whatever-it-is');
    assertError(unknown, 401, 'invalid_credentials');
    for (let i = 0; i < 3; i++) {
      const r = await s3.client().tryLogin(s3.admin.login, `wrong-${i}`);
      assert.equal(r.text, unknown.text, 'a wrong password answers like an unknown login');
    }
    const { result: locked, events } = await eventsWrittenBy(s3.db, () =>
      s3.client().tryLogin(s3.admin.login, s3.admin.password));
    assert.equal(locked.status, 401, 'the locked account is refused even with the right password');
    assert.equal(locked.text, unknown.text, 'byte-identical to an unknown login');
    assert.ok(!locked.setCookies.some((l) => /^mamori_session=[^;]/.test(l)), 'no session');
    assert.deepEqual(events.map((e) => e.action), ['login.failure'], 'the refused login is recorded');

    const u = await runCli(['user', 'unlock', s3.admin.login, '--db', s3.db]);
    assert.equal(u.code, 0, u.stdout + u.stderr);
    await s3.adminClient();
  }));
});

describe('logout', () => {
  test('DELETE /api/v1/session answers 204 and the old cookie no longer authenticates', guarded(async () => {
    const cl = await clerkClient();
    const oldCookie = cl.cookieHeader();
    const { result: r, events } = await eventsWrittenBy(srv.db, () => cl.logout());
    assert.equal(r.status, 204, r.text);
    assertSecurityHeaders(r, 'logout');
    assert.equal(r.text, '');
    assert.deepEqual(events.map((e) => e.action), ['logout'], 'a logout is one audit event');

    const s = await srv.request('GET', '/api/v1/session', { cookie: oldCookie });
    assert.equal(s.status, 200);
    assert.equal(s.json.authenticated, false, 'the old session cookie is dead');
    const e = await srv.request('GET', '/api/v1/tokens', { cookie: oldCookie });
    assert.equal(e.status, 401, `tokens with the old cookie: ${e.status} ${e.text}`);
  }));
});

describe('CSRF after login', () => {
  const cases = [
    { name: 'no X-CSRF-Token', csrf: () => false },
    { name: 'a wrong X-CSRF-Token', csrf: () => 'A'.repeat(43) },
    { name: 'the anonymous token of another client', csrf: (other) => other.csrf },
  ];
  for (const c of cases) {
    test(`DELETE /api/v1/session with ${c.name} → 403, the session lives on`, guarded(async () => {
      const cl = await clerkClient();
      const other = srv.client();
      await other.prepare();
      const { result: r, events } = await eventsWrittenBy(srv.db, () =>
        cl.delete('/api/v1/session', { csrf: c.csrf(other) }));
      assertError(r, 403, 'csrf_failed');
      assertSecurityHeaders(r, '403');
      // Nothing changes; the refusal of a logged-in person is itself recorded (DESIGN §6).
      assert.deepEqual(events.map((e) => e.action), ['access.denied'], 'only the refusal is recorded');
      const s = await cl.get('/api/v1/session');
      assert.equal(s.json.authenticated, true, 'still logged in');
      // And the right token still works.
      assert.equal((await cl.logout()).status, 204);
    }));
  }

  test('a logged-in cookie without the token cannot log in again', guarded(async () => {
    const cl = await clerkClient();
    const { result: r, events } = await eventsWrittenBy(srv.db, () =>
      cl.post('/api/v1/session', { login: CLERK.login, password: CLERK.password }, { csrf: false }));
    assertError(r, 403, 'csrf_failed');
    assert.deepEqual(events.map((e) => e.action), ['access.denied'], 'only the refusal is recorded');
    assert.equal((await cl.get('/api/v1/session')).json.authenticated, true);
  }));
});

test('the trail verifies after this file\'s writes and the server stops with 0', guarded(async () => {
  await srv.stop();
  const v = await auditVerify(srv.db);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  assert.ok(v.ok, `stdout is "ok: N events, head HEX": ${v.stdout}`);
  assert.match(v.head, /^[0-9a-f]{64}$/);
}));
