// The CLI around the server: init (once, with a password, never twice), migrate,
// audit verify, version and help.

import assert from 'node:assert/strict';
import { test, describe } from 'node:test';
import {
  auditVerify, freshStore, guarded, initStore, randomToken, run, runCli, sqlite3, sqlitePath, startServer,
} from './lib/harness.mjs';

/** Everything in a store, as text: what "changes nothing" is checked against. */
async function dump(db) {
  if (db.startsWith('sqlite:')) {
    const r = await sqlite3(sqlitePath(db), '.dump');
    assert.equal(r.code, 0, r.stderr);
    const u = await sqlite3(sqlitePath(db), 'PRAGMA user_version');
    return `${r.stdout}\n-- user_version ${u.stdout}`;
  }
  const r = await run('pg_dump', ['--no-owner', '--no-privileges', '-d', db]);
  assert.equal(r.code, 0, r.stderr);
  // pg_dump ≥ 15.14 fences its output with a random \restrict key on every run.
  return r.stdout.replace(/^\\(?:un)?restrict .*$/gm, '');
}

describe('init', () => {
  test('init creates the store and the CISO; verify passes on it', guarded(async () => {
    const db = await freshStore();
    const admin = await initStore(db);
    const v = await auditVerify(db);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.ok(v.ok, v.stdout);
    assert.ok(v.count >= 1, 'init is recorded in the trail');
    const srv = await startServer({ db, admin });
    try {
      const c = await srv.adminClient();
      const s = await c.get('/api/v1/session');
      assert.ok(s.json.person.roles.some((r) => r.role === 'ciso'));
    } finally {
      await srv.stop();
    }
  }));

  test('MAMORI_ADMIN_LOGIN names the first account', guarded(async () => {
    const db = await freshStore();
    const admin = await initStore(db, { login: 'kanri' });
    const srv = await startServer({ db, admin });
    try {
      const c = srv.client();
      assert.equal((await c.tryLogin('ciso', admin.password)).status, 401, 'there is no ciso login');
      const r = await c.login('kanri', admin.password);
      assert.equal(r.json.person.login, 'kanri');
    } finally {
      await srv.stop();
    }
  }));

  test('init on an existing store refuses with exit 1 and changes nothing', guarded(async () => {
    const db = await freshStore();
    const admin = await initStore(db);
    // Some life in the store first.
    const srv = await startServer({ db, admin });
    await (await srv.adminClient()).logout();
    await srv.stop();

    const before = await dump(db);
    const verifyBefore = await auditVerify(db);
    for (const login of ['ciso', 'someone-else']) {
      const r = await runCli(['init', '--db', db], {
        env: { MAMORI_ADMIN_PASSWORD: randomToken(20), MAMORI_ADMIN_LOGIN: login },
      });
      assert.equal(r.code, 1, `second init (login ${login}) exits 1: ${r.code}\n${r.stdout}${r.stderr}`);
      assert.ok(r.stderr.trim().length > 0, 'the refusal says why');
    }
    assert.equal(await dump(db), before, 'the store is byte-for-byte the same');
    const verifyAfter = await auditVerify(db);
    assert.equal(verifyAfter.count, verifyBefore.count);
    assert.equal(verifyAfter.head, verifyBefore.head);

    // The old password still works; the new ones do not.
    const again = await startServer({ db, admin });
    try {
      await again.adminClient();
      assert.equal((await again.client().tryLogin('someone-else', 'x')).status, 401);
    } finally {
      await again.stop();
    }
  }));

  test('init without a password and without a terminal fails and leaves no store behind', guarded(async () => {
    const db = await freshStore();
    // detached: a new session, so there is no controlling terminal to prompt on.
    const r = await runCli(['init', '--db', db], {
      env: { MAMORI_ADMIN_PASSWORD: undefined, MAMORI_ADMIN_LOGIN: undefined, MAMORI_DB: undefined },
      detached: true,
      timeout: 20000,
    });
    assert.notEqual(r.code, 0, `init without a password must fail\n${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /password/i, `the message speaks of the password: ${r.stderr}`);
    // Nothing half-made: a proper init now succeeds.
    await initStore(db);
  }));

  test('init with an empty password fails', guarded(async () => {
    const db = await freshStore();
    const r = await runCli(['init', '--db', db], { env: { MAMORI_ADMIN_PASSWORD: '' }, detached: true, timeout: 20000 });
    assert.notEqual(r.code, 0, `an empty password must be refused\n${r.stdout}${r.stderr}`);
    await initStore(db);
  }));
});

describe('migrate and verify', () => {
  test('migrate on an up-to-date store succeeds and changes nothing', guarded(async () => {
    const db = await freshStore();
    await initStore(db);
    const before = await dump(db);
    const r = await runCli(['migrate', '--db', db]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(await dump(db), before);
  }));

  test('MAMORI_DB names the store when --db is not given', guarded(async () => {
    const db = await freshStore();
    await initStore(db);
    const r = await runCli(['audit', 'verify'], { env: { MAMORI_DB: db } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^ok: \d+ events?, head [0-9a-f]{64}\s*$/m);
  }));

  test('verify prints "ok: N events, head HEX" on stdout and exits 0', guarded(async () => {
    const db = await freshStore();
    await initStore(db);
    const v = await auditVerify(db);
    assert.equal(v.code, 0);
    assert.match(v.stdout, /^ok: \d+ events?, head [0-9a-f]{64}\s*$/m);
  }));
});

describe('version and help', () => {
  test('mamori version', guarded(async () => {
    const r = await runCli(['version']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.trim().length > 0, 'prints a version');
  }));

  for (const args of [['help'], ['--help']]) {
    test(`mamori ${args.join(' ')} lists the subcommands`, guarded(async () => {
      const r = await runCli(args);
      assert.equal(r.code, 0, r.stderr);
      for (const sub of ['init', 'serve', 'migrate', 'audit', 'backup', 'version', 'help'])
        assert.match(r.stdout, new RegExp(`\\b${sub}\\b`), `help mentions ${sub}`);
    }));
  }

  for (const sub of ['init', 'serve', 'migrate', 'backup', 'version']) {
    test(`mamori ${sub} --help exits 0`, guarded(async () => {
      const r = await runCli([sub, '--help'], { env: { MAMORI_DB: undefined } });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.ok((r.stdout + r.stderr).includes(sub));
    }));
  }

  test('mamori audit verify --help', guarded(async () => {
    const r = await runCli(['audit', 'verify', '--help']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  }));

  test('an unknown subcommand fails and says so', guarded(async () => {
    const r = await runCli(['no-such-subcommand']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /no-such-subcommand/);
  }));
});
