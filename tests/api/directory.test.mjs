// Directory login (issue 4, point 8) against a real slapd on loopback with TLS: LDAPS and
// StartTLS binds, wrong passwords answered like unknown logins with the same work (one
// bind each, read from slapd's own log), an empty password and DN injection refused
// before any bind, lockout and the per-address limit, a deactivated person refused
// though the directory would accept, an untrusted certificate and a silent directory
// (503 for every refused login alike, logged and audited), plain ldap:// refused at
// startup, linking and unlinking from the command line, and the trail of it all.
// Skipped only when slapd is not installed and CI is not set.

import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { auditHeadSeq, auditVerify, freePort, guarded, runCli, startServer, storeRows } from './lib/harness.mjs';
import { assertError } from './lib/expect.mjs';
import { slapdMissing, startSlapd } from './lib/slapd.mjs';

const skip = slapdMissing() ?? false;

const PEOPLE = [
  { uid: 'tanaka', password: 'kiri-ame-tsuki-19' },
  { uid: 'sato', password: 'yuki-hana-kaze-27' },
  { uid: 'suzuki', password: 'umi-yama-sora-31' },
  { uid: 'yamada', password: 'hoshi-tsuki-kumo-42' },
  { uid: 'ito', password: 'mori-kawa-ishi-58' },
  { uid: 'k.kato', password: 'hi-mizu-tsuchi-63' },
];
const pw = (uid) => PEOPLE.find((p) => p.uid === uid).password;
const NOBODY = /^uid=mamori-nobody-[0-9a-f]{16},ou=people,dc=example,dc=jp$/;

/** Settings naming the directory, as environment variables for mamori serve. */
function directoryEnv(ldap, over = {}) {
  return {
    MAMORI_DIRECTORY_URL: ldap.ldapsUrl,
    MAMORI_DIRECTORY_BIND: ldap.bindTemplate,
    MAMORI_DIRECTORY_CA_FILE: ldap.caFile,
    MAMORI_DIRECTORY_TIMEOUT: '3',
    ...over,
  };
}

const user = (db, args, password) =>
  runCli(['user', ...args, '--db', db], { env: password ? { MAMORI_USER_PASSWORD: password } : {} });

async function mustUser(db, args, password) {
  const r = await user(db, args, password);
  assert.equal(r.code, 0, `mamori user ${args.join(' ')}: ${r.stdout}${r.stderr}`);
  return r;
}

/** The newest audit events with `action`, read from the store, details parsed. */
async function trail(db, action) {
  const rows = await storeRows(db,
    `SELECT seq, action, actor, object_id, detail FROM audit_event WHERE action = '${action}' ORDER BY seq DESC`);
  return rows.map((r) => ({ ...r, detail: typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail }));
}

/** Runs one login attempt and resolves {res, binds}: the answer and the BIND DNs it caused. */
async function attempt(srv, ldap, login, password) {
  const mark = ldap.mark();
  const res = await srv.client().tryLogin(login, password);
  await ldap.settle();
  return { res, binds: ldap.bindsSince(mark) };
}

describe('directory login over LDAPS', { skip, timeout: 180_000 }, () => {
  let ldap, srv;

  before(async () => {
    ldap = await startSlapd({ users: PEOPLE });
    srv = await startServer({ env: directoryEnv(ldap) });
  });
  after(async () => { if (srv?.running) await srv.kill(); });

  test('a linked person logs in with the directory password; the session works on the API; via directory in the trail', guarded(async () => {
    const add = await mustUser(srv.db, ['add', 'tanaka', '--name', '田中 一', '--directory', 'Tanaka', '--role', 'staff']);
    assert.match(add.stdout, /directory/);
    const [created] = await trail(srv.db, 'account.create');
    assert.equal(created.detail.directory_name, 'tanaka', 'the name is kept in lower case');
    const [row] = await storeRows(srv.db, "SELECT password_hash FROM account WHERE login = 'tanaka'");
    assert.ok(!row.password_hash.startsWith('$argon2'), 'a linked account has no local password');

    const c = srv.client();
    const mark = ldap.mark();
    const r = await c.login('tanaka', pw('tanaka'));
    await ldap.settle();
    assert.deepEqual(ldap.bindsSince(mark), ['uid=tanaka,ou=people,dc=example,dc=jp'], 'one bind, as the person');
    assert.equal(r.json.person.login, 'tanaka');
    assert.deepEqual(r.json.person.roles.map((x) => x.role), ['staff']);
    // The session is an ordinary one: reads, and a write with the CSRF token.
    assert.equal((await c.get('/api/v1/session')).json.authenticated, true);
    assert.equal((await c.get('/api/v1/org-units')).status, 200);
    const token = await c.post('/api/v1/tokens', { name: 'directory person', scope: 'read' });
    assert.equal(token.status, 201, token.text);
    const [ok] = await trail(srv.db, 'login.success');
    assert.equal(ok.actor, 'tanaka');
    assert.deepEqual(ok.detail, { login: 'tanaka', mfa: 'none', via: 'directory' });
    // A local login says so too.
    await srv.adminClient();
    assert.equal((await trail(srv.db, 'login.success'))[0].detail.via, 'password');
  }));

  test('a wrong password answers like an unknown login and a wrong local password, one bind each', guarded(async () => {
    const linked = await attempt(srv, ldap, 'tanaka', 'not-the-directory-password');
    const unknown = await attempt(srv, ldap, 'nobody-here', 'not-the-directory-password');
    const local = await attempt(srv, ldap, srv.admin.login, 'not-the-local-password');
    for (const a of [linked, unknown, local]) assertError(a.res, 401, 'invalid_credentials');
    assert.equal(linked.res.text, unknown.res.text, 'byte-identical to an unknown login');
    assert.equal(local.res.text, unknown.res.text, 'byte-identical to a wrong local password');
    // The same work: exactly one bind per refused attempt, the person's own or a name nobody has.
    assert.deepEqual(linked.binds, ['uid=tanaka,ou=people,dc=example,dc=jp']);
    assert.equal(unknown.binds.length, 1);
    assert.match(unknown.binds[0], NOBODY);
    assert.equal(local.binds.length, 1);
    assert.match(local.binds[0], NOBODY);
    assert.notEqual(unknown.binds[0], local.binds[0], 'a fresh random name each time');
    const failures = await trail(srv.db, 'login.failure');
    assert.deepEqual(failures.slice(0, 3).map((e) => [e.detail.login, e.detail.reason, e.detail.via]), [
      [srv.admin.login, 'wrong_password', 'password'],
      ['nobody-here', 'unknown_login', 'password'],
      ['tanaka', 'wrong_password', 'directory'],
    ]);
    for (const e of failures) assert.ok(!JSON.stringify(e).includes('not-the-directory-password'), 'no password in the trail');
  }));

  test('an empty password is refused without a bind', guarded(async () => {
    const { res, binds } = await attempt(srv, ldap, 'tanaka', '');
    assert.ok(res.status === 422 || res.status === 401, `refused: ${res.status} ${res.text}`);
    assert.ok(!res.setCookies.some((l) => /^mamori_session=[^;]/.test(l)), 'no session');
    assert.deepEqual(binds, [], 'the directory was never asked (an empty simple bind is an anonymous one)');
  }));

  test('DN injection is refused: no such name can be linked, and no login reaches another entry', guarded(async () => {
    const head = await auditHeadSeq(srv.db);
    for (const name of ['*', 'tanaka,ou=admins', 'uid=admin', 'a=b', 'admin)(uid=*', 'admin@evil.example', 'EVIL\\admin', ' tanaka']) {
      const add = await user(srv.db, ['add', `evil${head}`, '--name', '悪', '--directory', name]);
      assert.equal(add.code, 1, `add --directory ${JSON.stringify(name)} must fail`);
      assert.match(add.stderr, /directory name/);
      const link = await user(srv.db, ['link-directory', 'tanaka', name]);
      assert.equal(link.code, 1, `link-directory ${JSON.stringify(name)} must fail`);
      assert.match(link.stderr, /directory name/);
    }
    assert.equal(await auditHeadSeq(srv.db), head, 'the refused commands wrote nothing');
    // Through the login form, such a "login" is just an unknown login.
    const unknown = await attempt(srv, ldap, 'nobody-at-all', 'whatever-it-is');
    for (const login of ['*', 'tanaka,ou=people,dc=example,dc=jp', 'uid=tanaka,ou=people,dc=example,dc=jp']) {
      const a = await attempt(srv, ldap, login, pw('tanaka'));
      assert.equal(a.res.text, unknown.res.text, `${login}: answered like an unknown login`);
      assert.equal(a.binds.length, 1);
      assert.match(a.binds[0], NOBODY, `${login}: only a bind as nobody`);
    }
  }));

  test('a deactivated person cannot log in, though the directory would accept the bind', guarded(async () => {
    await mustUser(srv.db, ['add', 'sato', '--name', '佐藤 二', '--directory', 'sato', '--role', 'staff']);
    const c = srv.client();
    await c.login('sato', pw('sato'));
    await mustUser(srv.db, ['deactivate', 'sato']);
    assert.equal((await c.get('/api/v1/session')).json.authenticated, false, 'the session ended at once');
    const unknown = await attempt(srv, ldap, 'nobody-else', pw('sato'));
    const off = await attempt(srv, ldap, 'sato', pw('sato'));
    assert.equal(off.res.status, 401);
    assert.equal(off.res.text, unknown.res.text, 'answered like an unknown login');
    assert.equal(off.binds.length, 1);
    assert.match(off.binds[0], NOBODY, 'the person\'s own DN is not even tried');
    const [e] = await trail(srv.db, 'login.failure');
    assert.deepEqual([e.detail.login, e.detail.reason, e.detail.via], ['sato', 'inactive', 'directory']);
  }));

  test('five wrong passwords lock a linked account; then the right one is refused the same way; unlock', guarded(async () => {
    await mustUser(srv.db, ['add', 'suzuki', '--name', '鈴木 三', '--directory', 'suzuki']);
    const unknown = await attempt(srv, ldap, 'no-such-person', 'whatever-it-is');
    for (let i = 0; i < 5; i++) {
      const a = await attempt(srv, ldap, 'suzuki', `wrong-${i}-password`);
      assert.equal(a.res.text, unknown.res.text);
    }
    const locked = await attempt(srv, ldap, 'suzuki', pw('suzuki'));
    assert.equal(locked.res.status, 401, 'locked: the right password is refused');
    assert.equal(locked.res.text, unknown.res.text);
    assert.match(locked.binds[0], NOBODY, 'a locked account is not bound as');
    const [lock] = await trail(srv.db, 'account.lock');
    assert.equal(lock.detail.login, 'suzuki');
    const [e] = await trail(srv.db, 'login.failure');
    assert.deepEqual([e.detail.reason, e.detail.via], ['locked', 'directory']);
    await mustUser(srv.db, ['unlock', 'suzuki']);
    await srv.client().login('suzuki', pw('suzuki'));
  }));

  test('link-directory and unlink-directory from the command line; a linked password is not mamori\'s to reset', guarded(async () => {
    await mustUser(srv.db, ['add', 'yamada', '--name', '山田 四', '--role', 'staff'], 'local-pass-word-2026');
    const c = srv.client();
    await c.login('yamada', 'local-pass-word-2026');

    const link = await mustUser(srv.db, ['link-directory', 'yamada', 'yamada']);
    assert.match(link.stdout, /linked/);
    assert.equal((await c.get('/api/v1/session')).json.authenticated, false, 'linking ends the sessions');
    assertError(await srv.client().tryLogin('yamada', 'local-pass-word-2026'), 401, 'invalid_credentials');
    await srv.client().login('yamada', pw('yamada'));

    // One directory account opens one mamori account; the same link twice is refused.
    const taken = await user(srv.db, ['link-directory', 'tanaka', 'YAMADA']);
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /already linked to the login "yamada"/);
    const again = await user(srv.db, ['link-directory', 'yamada', 'yamada']);
    assert.equal(again.code, 1);
    const dup = await user(srv.db, ['add', 'yamada2', '--name', '山田 別', '--directory', 'yamada']);
    assert.equal(dup.code, 1);
    assert.match(dup.stderr, /already linked/);

    // mamori does not reset a directory password.
    const reset = await user(srv.db, ['reset-password', 'yamada'], 'another-pass-word-77');
    assert.equal(reset.code, 1);
    assert.match(reset.stderr, /directory/);
    await srv.client().login('yamada', pw('yamada'));

    const list = await mustUser(srv.db, ['list']);
    assert.match(list.stdout, /yamada .*\(directory: yamada\)/);

    const unlink = await mustUser(srv.db, ['unlink-directory', 'yamada']);
    assert.match(unlink.stdout, /reset-password/);
    assertError(await srv.client().tryLogin('yamada', pw('yamada')), 401, 'invalid_credentials');
    assertError(await srv.client().tryLogin('yamada', 'local-pass-word-2026'), 401, 'invalid_credentials');
    await mustUser(srv.db, ['reset-password', 'yamada'], 'new-local-pass-2026');
    await srv.client().login('yamada', 'new-local-pass-2026');
    assert.equal((await user(srv.db, ['unlink-directory', 'yamada'])).code, 1, 'not linked any more');

    const [linked] = await trail(srv.db, 'account.directory_link');
    assert.deepEqual(linked.detail, { login: 'yamada', directory_name: 'yamada' });
    assert.match(linked.actor, /^cli:/);
    const [unlinked] = await trail(srv.db, 'account.directory_unlink');
    assert.deepEqual(unlinked.detail, { login: 'yamada', directory_name: 'yamada' });
    assert.match(unlinked.actor, /^cli:/);
  }));

  test('plain ldap:// without StartTLS is refused at startup, and so are other bad settings', guarded(async () => {
    const port = await freePort();
    const cases = [
      [{ MAMORI_DIRECTORY_URL: ldap.ldapUrl }, /plain text/],
      [{ MAMORI_DIRECTORY_STARTTLS: 'true' }, /directory_starttls/],
      [{ MAMORI_DIRECTORY_BIND: 'uid=x%s,ou=people,dc=example,dc=jp' }, /directory_bind/],
      [{ MAMORI_DIRECTORY_CA_FILE: '/nonexistent/ca.pem' }, /directory_ca_file/],
    ];
    for (const [over, why] of cases) {
      const r = await runCli(['serve', '--db', srv.db, '--listen', `127.0.0.1:${port}`], { env: directoryEnv(ldap, over), timeout: 20000 });
      assert.notEqual(r.code, 0, `serve with ${JSON.stringify(over)} must refuse to start`);
      assert.match(r.stderr, why);
    }
  }));

  test('the trail verifies and the server stops with 0', guarded(async () => {
    await srv.stop();
    assert.ok((await auditVerify(srv.db)).ok);
  }));
});

describe('directory login over StartTLS, and the per-address limit', { skip, timeout: 120_000 }, () => {
  let ldap, srv;

  before(async () => {
    ldap = await startSlapd({ users: PEOPLE });
    srv = await startServer({
      env: directoryEnv(ldap, { MAMORI_DIRECTORY_URL: ldap.ldapUrl, MAMORI_DIRECTORY_STARTTLS: 'true', MAMORI_ADDRESS_LIMIT: '3' }),
    });
    await mustUser(srv.db, ['add', 'ito', '--name', '伊藤 五', '--directory', 'ito', '--role', 'staff']);
    await mustUser(srv.db, ['add', 'kato', '--name', '加藤 六', '--directory', 'k.kato']);
  });
  after(async () => { if (srv?.running) await srv.kill(); });

  test('a linked person logs in over StartTLS (the bind only after the upgrade)', guarded(async () => {
    const mark = ldap.mark();
    const r = await srv.client().login('ito', pw('ito'));
    assert.equal(r.json.person.login, 'ito');
    await srv.client().login('kato', pw('k.kato'));
    await ldap.settle();
    const log = ldap.log().slice(mark);
    assert.match(log, /STARTTLS/);
    assert.match(log, /TLS established/);
    assert.deepEqual(ldap.bindsSince(mark), ['uid=ito,ou=people,dc=example,dc=jp', 'uid=k.kato,ou=people,dc=example,dc=jp']);
    // Every bind came on a connection upgraded first: StartTLS precedes each BIND.
    for (const m of log.matchAll(/conn=(\d+) op=\d+ BIND/g)) {
      const before = log.slice(0, m.index);
      assert.match(before, new RegExp(`conn=${m[1]} op=0 STARTTLS`), `conn=${m[1]} started TLS before binding`);
    }
  }));

  test('after address_limit failures from one address, even a linked person\'s right password is refused unbound', guarded(async () => {
    for (let i = 0; i < 3; i++) assertError(await srv.client().tryLogin('nobody', `wrong-${i}`), 401, 'invalid_credentials');
    const limited = await attempt(srv, ldap, 'ito', pw('ito'));
    assertError(limited.res, 401, 'invalid_credentials');
    assert.match(limited.binds[0], NOBODY);
    const [e] = await trail(srv.db, 'login.failure');
    assert.deepEqual([e.detail.login, e.detail.reason], ['ito', 'address_limited']);
  }));
});

describe('a directory that cannot be trusted or does not answer', { skip, timeout: 120_000 }, () => {
  let ldap, untrusted, silent, blackHole;
  const held = [];

  before(async () => {
    ldap = await startSlapd({ users: PEOPLE });
    // The right server, but its certificate checked against another CA.
    untrusted = await startServer({ env: directoryEnv(ldap, { MAMORI_DIRECTORY_CA_FILE: ldap.otherCaFile }) });
    // A server that accepts connections and never says a word.
    blackHole = net.createServer((s) => { held.push(s); s.on('error', () => {}); });
    await new Promise((r) => blackHole.listen(0, '127.0.0.1', r));
    silent = await startServer({
      env: directoryEnv(ldap, { MAMORI_DIRECTORY_URL: `ldaps://127.0.0.1:${blackHole.address().port}`, MAMORI_DIRECTORY_TIMEOUT: '2' }),
    });
    for (const s of [untrusted, silent]) await mustUser(s.db, ['add', 'tanaka', '--name', '田中 一', '--directory', 'tanaka']);
  });
  after(async () => {
    for (const s of held) s.destroy();
    blackHole?.close();
    for (const s of [untrusted, silent]) if (s?.running) await s.kill();
  });

  test('an untrusted certificate: the login fails with 503, no password is sent, logged and audited', guarded(async () => {
    const a = await attempt(untrusted, ldap, 'tanaka', pw('tanaka'));
    assertError(a.res, 503, 'unavailable');
    assert.ok(!a.res.setCookies.some((l) => /^mamori_session=[^;]/.test(l)), 'no session');
    assert.deepEqual(a.binds, [], 'TLS failed before any bind: the password never left mamori');
    assert.match(untrusted.stderr, /directory: the login of tanaka could not be checked/);
    const [e] = await trail(untrusted.db, 'login.failure');
    assert.deepEqual([e.detail.login, e.detail.reason, e.detail.via], ['tanaka', 'directory_unavailable', 'directory']);
    // Every refused login answers the same while the directory cannot be used, so a
    // 503 does not mark a login as linked; the local password still works.
    const unknown = await attempt(untrusted, ldap, 'nobody-here', 'whatever-it-is');
    const local = await attempt(untrusted, ldap, untrusted.admin.login, 'not-the-local-password');
    assert.equal(unknown.res.text, a.res.text);
    assert.equal(local.res.text, a.res.text);
    await untrusted.adminClient();
  }));

  test('a directory that does not answer: 503 within the timeout, and other requests carry on', guarded(async () => {
    const c = silent.client();
    const pending = c.tryLogin('tanaka', pw('tanaka'));
    // Meanwhile the server answers others, and a local login goes through.
    const t0 = Date.now();
    assert.equal((await silent.request('GET', '/healthz')).status, 200);
    await silent.adminClient();
    const res = await pending;
    assertError(res, 503, 'unavailable');
    assert.ok(Date.now() - t0 < 15000, `answered within the timeout (${Date.now() - t0} ms)`);
    assert.match(silent.stderr, /directory: the login of tanaka could not be checked/);
    const [e] = await trail(silent.db, 'login.failure');
    assert.deepEqual([e.detail.login, e.detail.reason], ['tanaka', 'directory_unavailable']);
    // The outage is no wrong password: the account is not counted toward a lock.
    const [row] = await storeRows(silent.db, "SELECT failed_logins FROM account WHERE login = 'tanaka'");
    assert.equal(Number(row.failed_logins), 0);
  }));
});
