// The second factor (issue 4, MFA): TOTP codes computed here from the secrets
// `mamori demo` prints (tests/lib/totp.mjs, written from RFC 6238, not liboath),
// enrolment with a QR code, one-time recovery codes, the lock, the roles that require
// it (mfa_required_roles), secrets sealed with the key file, and a password-only
// session refused by every API route but the ones that finish the login.

import { before, after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startServer, freshStore, runCli, storeRows, storeSql, auditVerify, guarded, totpSecret, rememberTotp, sqlitePath,
  sqliteOnly,
} from './lib/harness.mjs';
import { assertError, assertFieldError } from './lib/expect.mjs';
import { nextCode, totp } from '../lib/totp.mjs';

let server, db;
const passwords = {};

before(async () => {
  db = await freshStore();
  const d = await runCli(['demo', '--db', db]);
  assert.equal(d.code, 0, d.stderr);
  for (const line of d.stdout.split('\n')) {
    const m = /^(\w+)\s+(\S{16})\s+(\w+)\s/.exec(line);
    if (m) passwords[m[1]] = m[2];
  }
  server = await startServer({ db, admin: { login: 'ciso', password: passwords.ciso } });
});
after(async () => {
  if (server?.running) await server.stop();
  const v = await auditVerify(db);
  assert.ok(v.ok, `audit verify after the MFA tests: ${v.stdout}${v.stderr}`);
});

/** Adds a person with a role through the CLI; resolves the password. */
async function addUser(login, role, unit = '310') {
  const password = `${login}-Pass-word-2026`;
  const r = await runCli(['user', 'add', login, '--name', `試験 ${login}`, '--unit', unit, '--role', role, '--db', db],
    { env: { MAMORI_USER_PASSWORD: password } });
  assert.equal(r.code, 0, r.stderr);
  return password;
}

/** The password step only: resolves the client and the answer. */
async function passwordOnly(login, password) {
  const c = server.client();
  const r = await c.tryLogin(login, password);
  assert.equal(r.status, 200, r.text);
  return { c, r };
}

describe('demo logins whose role requires a second factor', () => {
  test('the demo prints a TOTP secret for ciso and director only', guarded(async () => {
    assert.match(totpSecret(db, 'ciso') ?? '', /^[A-Z2-7]{32}$/);
    assert.match(totpSecret(db, 'director') ?? '', /^[A-Z2-7]{32}$/);
    assert.equal(totpSecret(db, 'manager'), undefined);
    // Sealed at rest: the store holds neither the secret nor anything that decodes to it.
    const rows = await storeRows(db, 'SELECT secret_enc FROM mfa_credential');
    assert.equal(rows.length, 2);
    for (const row of rows) {
      assert.ok(!row.secret_enc.includes(totpSecret(db, 'ciso')) && !row.secret_enc.includes(totpSecret(db, 'director')));
      assert.ok(Buffer.from(row.secret_enc, 'base64').length >= 24 + 20 + 16, 'nonce, secret and tag');
    }
  }));

  test('after the password: a pending session, refused by every route but the login\'s own', guarded(async () => {
    const { c, r } = await passwordOnly('director', passwords.director);
    assert.equal(r.json.authenticated, false);
    assert.equal(r.json.mfa_pending, true);
    assert.deepEqual(r.json.mfa, { enrolled: true, required: true });
    assert.equal(r.json.person, undefined, 'no roles or permissions before the second factor');
    assert.equal(r.json.permissions, undefined);
    // Every API route of the OpenAPI document, read and write, refuses it with 401 mfa_required.
    const doc = (await server.request('GET', '/api/v1/openapi.json')).json;
    const open = new Set(['GET /api/v1/session', 'POST /api/v1/session', 'DELETE /api/v1/session',
      'POST /api/v1/session/mfa', 'GET /api/v1/account', 'POST /api/v1/account/mfa', 'GET /api/v1/account/mfa/qr',
      'POST /api/v1/account/mfa/confirm', 'GET /healthz', 'GET /readyz', 'GET /api/v1/openapi.json']);
    let checked = 0;
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        const m = method.toUpperCase();
        if (open.has(`${m} ${p}`)) continue;
        const url = p.replace(/\{[^}]+\}/g, '1');
        const res = await c.request(m, url, m === 'GET' ? {} : { body: {} });
        assertError(res, 401, 'mfa_required');
        checked++;
      }
    }
    assert.ok(checked >= 25, `checked ${checked} routes`);
    // Each refusal is on record as the person.
    const denied = await storeRows(db, "SELECT count(*) AS n FROM audit_event WHERE action = 'access.denied'"
      + " AND detail LIKE '%mfa_required%'");
    assert.ok(Number(denied[0].n) >= checked);
  }));

  test('a wrong code is refused like a wrong password; the right one replaces the session', guarded(async () => {
    const { c } = await passwordOnly('director', passwords.director);
    const pendingCookie = c.cookieHeader();
    const secret = totpSecret(db, 'director');
    const wrong = String((Number(totp(secret)) + 500000) % 1000000).padStart(6, '0');
    assertError(await c.post('/api/v1/session/mfa', { code: wrong }), 401, 'invalid_credentials');
    assertError(await c.post('/api/v1/session/mfa', { code: 'abcdef' }), 401, 'invalid_credentials');
    assertFieldError(await c.post('/api/v1/session/mfa', {}), 'code');
    const code = await nextCode(secret);
    const ok = await c.post('/api/v1/session/mfa', { code });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.authenticated, true);
    assert.equal(ok.json.mfa, 'passed');
    assert.equal(ok.json.person.login, 'director');
    assert.notEqual(c.cookieHeader(), pendingCookie, 'a new session cookie');
    assert.equal((await c.get('/api/v1/persons?limit=1')).status, 200);
    // The password-only token is worth nothing now.
    const old = await server.request('GET', '/api/v1/account', { cookie: pendingCookie });
    assertError(old, 401, 'unauthenticated');
    // A code is used once: the same code at another login is refused (RFC 6238 §5.2).
    const again = server.client();
    await again.tryLogin('director', passwords.director);
    assertError(await again.post('/api/v1/session/mfa', { code }), 401, 'invalid_credentials');
    const events = await storeRows(db, "SELECT action, detail FROM audit_event WHERE action IN ('login.mfa', 'login.failure')"
      + " AND detail LIKE '%director%'");
    assert.ok(events.some((e) => e.action === 'login.mfa'));
    assert.ok(events.some((e) => e.action === 'login.failure' && String(e.detail).includes('wrong_code')));
    // Unlock the account for the next tests (wrong codes count towards the lock).
    assert.equal((await runCli(['user', 'unlock', 'director', '--db', db])).code, 0);
  }));

  test('five wrong codes lock the account; a right password and code then fail the same way', guarded(async () => {
    await addUser('kanri2', 'security_director', '0');
    const c = server.client();
    await c.login('kanri2', 'kanri2-Pass-word-2026'); // enrols on the way (harness)
    await c.logout();
    const secret = totpSecret(db, 'kanri2');
    for (let i = 0; i < 5; i++) {
      const p = server.client();
      await p.tryLogin('kanri2', 'kanri2-Pass-word-2026');
      assertError(await p.post('/api/v1/session/mfa', { code: '000000' === totp(secret) ? '111111' : '000000' }), 401, 'invalid_credentials');
    }
    const locked = await storeRows(db, "SELECT locked_until FROM account WHERE login = 'kanri2'");
    assert.ok(locked[0].locked_until, 'locked');
    // Locked: the password is refused as a wrong one would be.
    assertError(await server.client().tryLogin('kanri2', 'kanri2-Pass-word-2026'), 401, 'invalid_credentials');
    assert.equal((await runCli(['user', 'unlock', 'kanri2', '--db', db])).code, 0);
    const after = server.client();
    assert.equal((await after.login('kanri2', 'kanri2-Pass-word-2026')).json.authenticated, true);
    const events = await storeRows(db, "SELECT action FROM audit_event WHERE action = 'account.lock' AND detail LIKE '%kanri2%'");
    assert.equal(events.length, 1);
  }));
});

describe('enrolment', () => {
  test('a new security_director sets up TOTP at the first login: secret, QR, confirm, recovery codes', guarded(async () => {
    const password = await addUser('toukatsu', 'security_director', '0');
    const c = server.client();
    const r = await c.tryLogin('toukatsu', password);
    assert.equal(r.json.mfa_pending, true);
    assert.deepEqual(r.json.mfa, { enrolled: false, required: true });
    const acct = await c.get('/api/v1/account');
    assert.equal(acct.status, 200, acct.text);
    assert.equal(acct.json.mfa.required, true);
    assert.equal(acct.json.mfa.pending, true);
    assertError(await c.get('/api/v1/account/mfa/qr'), 404, 'not_found');
    const start = await c.post('/api/v1/account/mfa');
    assert.equal(start.status, 201, start.text);
    assert.match(start.json.secret, /^[A-Z2-7]{32}$/);
    assert.match(start.json.otpauth_uri, new RegExp(`^otpauth://totp/[^?]+:toukatsu\\?secret=${start.json.secret}&issuer=`));
    const qr = await c.get('/api/v1/account/mfa/qr');
    assert.equal(qr.status, 200);
    assert.match(qr.headers.get('content-type'), /^image\/svg\+xml/);
    assert.match(qr.text, /^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    assert.ok((qr.text.match(/h1v1h-1z/g) || []).length > 200, 'a QR code has hundreds of dark modules');
    // Restarting gives a new secret (the app may have lost the first one).
    const restart = await c.post('/api/v1/account/mfa');
    assert.notEqual(restart.json.secret, start.json.secret);
    assertFieldError(await c.post('/api/v1/account/mfa/confirm', { code: totp(start.json.secret) }), 'code');
    const done = await c.post('/api/v1/account/mfa/confirm', { code: await nextCode(restart.json.secret) });
    assert.equal(done.status, 200, done.text);
    assert.equal(done.json.recovery_codes.length, 10);
    assert.equal(new Set(done.json.recovery_codes).size, 10);
    for (const code of done.json.recovery_codes) assert.match(code, /^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    // The login is complete, with a new session.
    const s = await c.get('/api/v1/session');
    assert.equal(s.json.authenticated, true);
    assert.equal(s.json.mfa, 'passed');
    assert.equal((await c.get('/api/v1/account')).json.mfa.recovery_codes_left, 10);
    rememberTotp(db, 'toukatsu', restart.json.secret);
    // Codes are stored keyed, not as they are.
    const stored = await storeRows(db, 'SELECT code_hash FROM mfa_recovery_code');
    for (const code of done.json.recovery_codes)
      assert.ok(stored.every((row) => !row.code_hash.includes(code.replace('-', ''))));

    // Someone with only the password cannot swap the phone: no new enrolment.
    const thief = server.client();
    await thief.tryLogin('toukatsu', password);
    assertError(await thief.post('/api/v1/account/mfa'), 409, 'conflict');
    assertError(await thief.get('/api/v1/account/mfa/qr'), 404, 'not_found');

    // A recovery code instead of a code: once only, any case, with or without the dash.
    const rc = done.json.recovery_codes[3];
    const withCode = server.client();
    await withCode.tryLogin('toukatsu', password);
    const used = await withCode.post('/api/v1/session/mfa', { recovery_code: rc.toUpperCase().replace('-', ' ') });
    assert.equal(used.status, 200, used.text);
    assert.equal(used.json.authenticated, true);
    const replay = server.client();
    await replay.tryLogin('toukatsu', password);
    assertError(await replay.post('/api/v1/session/mfa', { recovery_code: rc }), 401, 'invalid_credentials');
    assert.equal((await withCode.get('/api/v1/account')).json.mfa.recovery_codes_left, 9);
    // New codes replace the old ones.
    const fresh = await withCode.post('/api/v1/account/mfa/recovery-codes');
    assert.equal(fresh.status, 200, fresh.text);
    const stale = server.client();
    await stale.tryLogin('toukatsu', password);
    assertError(await stale.post('/api/v1/session/mfa', { recovery_code: done.json.recovery_codes[0] }), 401, 'invalid_credentials');
    const newer = await stale.post('/api/v1/session/mfa', { recovery_code: fresh.json.recovery_codes[0] });
    assert.equal(newer.status, 200, newer.text);
    // A role that requires it: it cannot be removed.
    assertError(await stale.delete('/api/v1/account/mfa'), 409, 'conflict');
    assert.equal((await runCli(['user', 'unlock', 'toukatsu', '--db', db])).code, 0);

    const actions = (await storeRows(db, "SELECT action FROM audit_event WHERE actor = 'toukatsu' ORDER BY seq"))
      .map((e) => e.action);
    for (const a of ['mfa.enrol_start', 'mfa.enrol', 'login.mfa', 'mfa.recovery_codes'])
      assert.ok(actions.includes(a), `${a} in ${actions}`);
  }));

  test('anyone may set one up of their own accord, and then owes it; and remove it again', guarded(async () => {
    const password = await addUser('tantou', 'staff');
    const c = server.client();
    const r = await c.login('tantou', password);
    assert.equal(r.json.authenticated, true);
    assert.equal(r.json.mfa, 'none');
    const start = await c.post('/api/v1/account/mfa');
    assert.equal(start.status, 201, start.text);
    const done = await c.post('/api/v1/account/mfa/confirm', { code: await nextCode(start.json.secret) });
    assert.equal(done.status, 200, done.text);
    assert.equal(done.json.csrf_token, undefined, 'the same session goes on');
    assert.equal((await c.get('/api/v1/session')).json.mfa, 'passed');
    rememberTotp(db, 'tantou', start.json.secret);
    const next = server.client();
    const pending = await next.tryLogin('tantou', password);
    assert.equal(pending.json.mfa_pending, true);
    assert.deepEqual(pending.json.mfa, { enrolled: true, required: false });
    await next.secondFactor('tantou', true);
    assert.equal((await next.delete('/api/v1/account/mfa')).status, 204);
    const plain = server.client();
    assert.equal((await plain.tryLogin('tantou', password)).json.authenticated, true);
    assert.ok((await storeRows(db, "SELECT 1 FROM audit_event WHERE action = 'mfa.disable' AND actor = 'tantou'")).length);
  }));

  test('a role that requires it, granted during a session, is owed from the next request', guarded(async () => {
    const password = await addUser('shoshin', 'staff', '0');
    const c = server.client();
    assert.equal((await c.login('shoshin', password)).json.mfa, 'none');
    const ciso = await server.adminClient();
    const id = (await c.get('/api/v1/session')).json.person.id;
    const units = (await ciso.get('/api/v1/org-units')).json.items;
    const root = units.find((u) => u.parent_id === null);
    const g = await ciso.post('/api/v1/role-assignments', { person_id: id, role: 'security_director', org_unit_id: root.id });
    assert.equal(g.status, 201, g.text);
    assertError(await c.get('/api/v1/tokens'), 401, 'mfa_required');
    const s = await c.get('/api/v1/session');
    assert.equal(s.json.mfa_pending, true);
    await c.secondFactor('shoshin', false); // sets it up and finishes
    assert.equal((await c.get('/api/v1/tokens')).status, 200);
  }));

  test('mamori user reset-mfa: a lost phone; the sessions end and the next login sets up a new one', guarded(async () => {
    const c = server.client();
    await c.login('kanri2', 'kanri2-Pass-word-2026');
    const r = await runCli(['user', 'reset-mfa', 'kanri2', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assertError(await c.get('/api/v1/account'), 401, 'unauthenticated');
    const again = server.client();
    const p = await again.tryLogin('kanri2', 'kanri2-Pass-word-2026');
    assert.deepEqual(p.json.mfa, { enrolled: false, required: true });
    assert.equal((await runCli(['user', 'reset-mfa', 'nobody', '--db', db])).code === 0, false);
    assert.ok((await storeRows(db, "SELECT 1 FROM audit_event WHERE action = 'mfa.reset'")).length === 1);
  }));

  test('an API token is no password-only session; tokens manage no second factor', guarded(async () => {
    const ciso = await server.adminClient();
    const t = await ciso.post('/api/v1/tokens', { name: 'mfa-test', scope: 'write' });
    assert.equal(t.status, 201, t.text);
    const bearer = { headers: { Authorization: `Bearer ${t.json.token}` } };
    const s = await server.request('GET', '/api/v1/session', bearer);
    assert.equal(s.json.authenticated, true);
    assert.equal(s.json.mfa, 'token');
    assertError(await server.request('POST', '/api/v1/account/mfa', bearer), 403, 'forbidden');
    assertError(await server.request('POST', '/api/v1/account/password',
      { ...bearer, body: { current_password: 'x', new_password: 'y' } }), 403, 'forbidden');
  }));
});

describe('password change', () => {
  test('the current password, the policy, the other sessions', guarded(async () => {
    const password = await addUser('henkou', 'staff');
    const a = server.client();
    await a.login('henkou', password);
    const b = server.client();
    await b.login('henkou', password);
    assertFieldError(await a.post('/api/v1/account/password', { current_password: 'wrong-one-123456', new_password: 'Sakura-saku-2027!' }), 'current_password');
    assertFieldError(await a.post('/api/v1/account/password', { current_password: password, new_password: 'short' }), 'new_password');
    assertFieldError(await a.post('/api/v1/account/password', { current_password: password, new_password: 'henkou' + 'henkou' }), 'new_password');
    assertFieldError(await a.post('/api/v1/account/password', { current_password: password }), 'new_password');
    // Nothing changed: the old password still works.
    assert.equal((await server.client().tryLogin('henkou', password)).status, 200);
    const ok = await a.post('/api/v1/account/password', { current_password: password, new_password: 'Sakura-saku-2027!' });
    assert.equal(ok.status, 204, ok.text);
    assert.equal((await a.get('/api/v1/tokens')).status, 200, 'this session goes on');
    assertError(await b.get('/api/v1/tokens'), 401, 'unauthenticated');
    assertError(await server.client().tryLogin('henkou', password), 401, 'invalid_credentials');
    assert.equal((await server.client().tryLogin('henkou', 'Sakura-saku-2027!')).status, 200);
    assert.ok((await storeRows(db, "SELECT 1 FROM audit_event WHERE action = 'account.password_change' AND actor = 'henkou'")).length === 1);
  }));
});

describe('the key file', () => {
  test('a store with TOTP secrets does not start without its key; a wrong key cannot read them', sqliteOnly('the key lives beside a SQLite store'), guarded(async () => {
    await server.stop();
    const dir = path.dirname(sqlitePath(db));
    const keyFile = path.join(dir, 'mfa.key');
    const moved = `${keyFile}.away`;
    fs.renameSync(keyFile, moved);
    try {
      const s = await startServer({ db, admin: { login: 'ciso', password: passwords.ciso } }).catch((e) => e);
      assert.ok(s instanceof Error, 'the server must not start');
      assert.match(s.message, /mfa\.key is missing, but the store holds TOTP secrets/);
      // Another key: the server starts with it (mfa_key_file), but no code can be checked.
      const other = path.join(dir, 'other.key');
      fs.writeFileSync(other, 'ab'.repeat(32) + '\n', { mode: 0o600 });
      const s2 = await startServer({ db, admin: { login: 'ciso', password: passwords.ciso }, args: ['--mfa_key_file', other] });
      const c = s2.client();
      await c.tryLogin('director', passwords.director);
      const r = await c.post('/api/v1/session/mfa', { code: await nextCode(totpSecret(db, 'director')) });
      assert.equal(r.status, 500, r.text);
      await s2.stop();
    } finally {
      fs.renameSync(moved, keyFile);
    }
    server = await startServer({ db, admin: { login: 'ciso', password: passwords.ciso } });
    assert.equal((await server.adminClient()).constructor.name, 'Client');
  }));

  test('mfa_required_roles names roles that exist', guarded(async () => {
    const s = await startServer({ db, admin: { login: 'ciso', password: passwords.ciso }, args: ['--mfa_required_roles', 'ciso,cisco'] })
      .catch((e) => e);
    assert.ok(s instanceof Error);
    assert.match(s.message, /mfa_required_roles: "cisco" is not a role/);
  }));
});

test('init sets up the first CISO\'s second factor and prints it', guarded(async () => {
  const store = await freshStore();
  const r = await runCli(['init', '--db', store], { env: { MAMORI_ADMIN_PASSWORD: 'Hajimari-no-hi-2026' } });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ {2}totp ciso [A-Z2-7]{32}$/m);
  assert.match(r.stdout, /^ {2}otpauth:\/\/totp\/mamori%20[^:]+:ciso\?secret=[A-Z2-7]{32}&issuer=mamori/m);
  assert.equal(totpSecret(store, 'ciso')?.length, 32);
  // With no role that requires it, nothing is set up.
  const plain = await freshStore();
  const p = await runCli(['init', '--db', plain], { env: { MAMORI_ADMIN_PASSWORD: 'Hajimari-no-hi-2026', MAMORI_MFA_REQUIRED_ROLES: 'none' } });
  assert.equal(p.code, 0, p.stderr);
  assert.doesNotMatch(p.stdout, /totp/);
}));
