// The server's life: killed with SIGKILL in the middle of writes it keeps what it
// answered; SIGTERM lets a request in flight finish and exits 0; a backup taken
// while it runs is a store the verifier accepts.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  auditVerify, guarded, pgDatabase, postgresOnly, psql, rawRequest, runCli, sleep, sqliteOnly, sqlitePath,
  startServer, tmpDir,
} from './lib/harness.mjs';
import { assertError, assertSecurityHeaders } from './lib/expect.mjs';
import fs from 'node:fs';
import path from 'node:path';

test('SIGKILL during a stream of writes: every answered write survives, the chain verifies', guarded(async () => {
  const srv = await startServer();
  const WORKERS = 4;
  const answered = { login: 0, logout: 0 };
  let stop = false;

  const worker = async () => {
    while (!stop) {
      const c = srv.client();
      try {
        const r = await c.tryLogin(srv.admin.login, srv.admin.password);
        if (r.status === 200) answered.login++;
        else if (!stop) throw new Error(`login answered ${r.status} ${r.text}`);
        const o = await c.logout();
        if (o.status === 204) answered.logout++;
      } catch (e) {
        if (!stop) throw e; // errors after the kill are expected
      }
    }
  };
  const workers = Array.from({ length: WORKERS }, worker);
  await sleep(3000);
  // Kill while requests are in flight: the workers never pause.
  stop = true;
  await srv.kill();
  await Promise.allSettled(workers);
  for (const w of workers) await w.catch((e) => assert.fail(`a write failed before the kill: ${e.message}`));
  assert.ok(answered.login >= 2, `some logins were answered before the kill: ${answered.login}`);

  const again = await startServer({ db: srv.db, admin: srv.admin });
  try {
    const admin = await again.adminClient();
    const mark = (await admin.auditEvents({ action: 'login.success' }, { limit: 1 }))[0].seq;
    const logins = (await admin.auditEvents({ action: 'login.success' })).filter((e) => e.seq < mark);
    const logouts = (await admin.auditEvents({ action: 'logout' })).filter((e) => e.seq < mark);
    // Before the stream there was no login; every 200 is one event (there may be
    // more events than answers: a write can commit just before the kill hides its answer).
    assert.ok(logins.length >= answered.login,
      `login.success events ${logins.length} < logins answered 200: ${answered.login}`);
    assert.ok(logouts.length >= answered.logout,
      `logout events ${logouts.length} < logouts answered 204: ${answered.logout}`);
    assert.ok(logins.length <= answered.login + WORKERS, 'no more events than were attempted');
  } finally {
    await again.stop();
  }
  const v = await auditVerify(srv.db);
  assert.equal(v.code, 0, `verify after the crash:\n${v.stdout}${v.stderr}`);
  assert.ok(v.ok);
}));

test('SIGTERM: a request in flight completes, new connections are not served, exit 0', guarded(async () => {
  const srv = await startServer();
  const c = srv.client();
  await c.prepare();
  const body = Buffer.from(JSON.stringify({ login: srv.admin.login, password: srv.admin.password }));
  const half = Math.floor(body.length / 2);
  const head = [
    'POST /api/v1/session HTTP/1.1',
    `Host: 127.0.0.1:${srv.port}`,
    'Content-Type: application/json',
    `Content-Length: ${body.length}`,
    `Cookie: ${c.cookieHeader()}`,
    `X-CSRF-Token: ${c.csrf}`,
    'Connection: close',
    '', '',
  ].join('\r\n');

  let newConn;
  const inFlight = rawRequest(srv.port, [
    head,
    body.subarray(0, half),
    { wait: 300 },
    () => { srv.child.kill('SIGTERM'); },
    { wait: 300 },
    // The server is draining now: a request on a new connection must not be served.
    // (A raw socket, so that no kept-alive connection from before is reused.)
    async () => {
      const r = await rawRequest(srv.port, [
        `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\nConnection: close\r\n\r\n`,
      ], { timeout: 1000 });
      newConn = r.status ? { status: r.status } : { error: r.error?.code || (r.closed ? 'closed' : 'no answer') };
    },
    body.subarray(half),
  ], { timeout: 15000 });

  const r = await inFlight;
  assert.equal(r.status, 200, `the request in flight completed: ${r.raw.toString('latin1').slice(0, 400)}`);
  assert.ok(/mamori_session=/.test(r.raw.toString('latin1')), 'with its session cookie');
  assert.ok(newConn, 'the new connection was tried');
  assert.ok(newConn.error || newConn.status === 503,
    `a connection opened after SIGTERM was served: ${JSON.stringify(newConn)}`);

  const exit = await Promise.race([srv.exited, sleep(10000).then(() => null)]);
  assert.ok(exit, 'the server exited within 10 s of SIGTERM');
  assert.equal(exit.code, 0, `exit code after SIGTERM: ${JSON.stringify(exit)}`);

  // The login that completed during the drain is in the trail.
  const again = await startServer({ db: srv.db, admin: srv.admin });
  try {
    const admin = await again.adminClient();
    const logins = await admin.auditEvents({ action: 'login.success' });
    assert.equal(logins.length, 2, 'the drained login and this one');
  } finally {
    await again.stop();
  }
}));

test('SIGTERM while logins are hashing: each completes with 200, exit 0', guarded(async () => {
  const srv = await startServer();
  const N = 8;
  const clients = Array.from({ length: N }, () => srv.client());
  await Promise.all(clients.map((c) => c.prepare()));
  let pending = N;
  let pendingAtSigterm = null;
  // SIGTERM as soon as the first login answers: by then every request has reached
  // the server, and on two cores most are still hashing.
  const logins = clients.map((c) =>
    c.post('/api/v1/session', { login: srv.admin.login, password: srv.admin.password })
      .finally(() => {
        pending--;
        if (pendingAtSigterm === null) {
          pendingAtSigterm = pending;
          srv.child.kill('SIGTERM');
        }
      }));
  const results = await Promise.allSettled(logins);
  assert.ok(pendingAtSigterm > 0, 'some logins were still in flight at SIGTERM');
  for (const r of results) {
    assert.equal(r.status, 'fulfilled', `a login in flight was cut off: ${r.reason?.cause?.code || r.reason}`);
    assert.equal(r.value.status, 200, r.value.text);
  }
  const exit = await Promise.race([srv.exited, sleep(10000).then(() => null)]);
  assert.ok(exit, 'exited within 10 s');
  assert.equal(exit.code, 0);
  const v = await auditVerify(srv.db);
  assert.equal(v.code, 0, v.stdout + v.stderr);
}));

/** Cuts every connection of the server to its PostgreSQL database, as a restart would. */
async function cutPgConnections(db, { refuseNew = false } = {}) {
  const name = pgDatabase(db);
  const r = await psql(process.env.MAMORI_TEST_PG, `
    ${refuseNew ? `ALTER DATABASE ${name} ALLOW_CONNECTIONS false;` : ''}
    SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
     WHERE datname = '${name}' AND pid <> pg_backend_pid();`);
  assert.equal(r.code, 0, r.stderr);
}

test('/readyz answers 503 store_error while the store refuses connections; /healthz stays 200',
  postgresOnly('a PostgreSQL database can be closed to connections; a SQLite file stays open in the server'),
  guarded(async () => {
    const srv = await startServer();
    await cutPgConnections(srv.db, { refuseNew: true });
    try {
      for (let i = 0; i < 3; i++) {
        const ready = await srv.request('GET', '/readyz', { signal: AbortSignal.timeout(15000) });
        assertError(ready, 503, 'store_error');
        assertSecurityHeaders(ready, '503');
      }
      const health = await srv.request('GET', '/healthz');
      assert.equal(health.status, 200, 'liveness does not depend on the store');
      const login = await srv.client().tryLogin(srv.admin.login, srv.admin.password);
      assertError(login, 503, 'store_error');
    } finally {
      const open = await psql(process.env.MAMORI_TEST_PG, `ALTER DATABASE ${pgDatabase(srv.db)} ALLOW_CONNECTIONS true`);
      assert.equal(open.code, 0, open.stderr);
      await srv.stop();
    }
  }));

test('after its PostgreSQL connections are cut (as by a restart), the server reconnects within 15 s',
  postgresOnly('only a PostgreSQL store has connections that can be cut'),
  guarded(async () => {
    const srv = await startServer();
    try {
      await srv.adminClient();
      await cutPgConnections(srv.db);
      let ready;
      for (const deadline = Date.now() + 15000; Date.now() < deadline; await sleep(250)) {
        ready = await srv.request('GET', '/readyz');
        if (ready.status === 200) break;
      }
      assert.equal(ready.status, 200, `/readyz 15 s after the cut: ${ready.status} ${ready.text}`);
      const c = await srv.adminClient();
      assert.equal((await c.get('/api/v1/audit-events?limit=1')).status, 200);
    } finally {
      await srv.stop();
    }
    const v = await auditVerify(srv.db);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  }));

test('backup while the server runs and writes gives a store that verifies and serves', sqliteOnly(
  'mamori backup --to FILE is the SQLite online backup; PostgreSQL is backed up with pg_dump'),
guarded(async () => {
  const srv = await startServer();
  // The writes are a clerk's logins (the CISO's login takes a TOTP code, each good once).
  const clerk = { login: 'clerk', password: 'kakikomi-tsuzuku-2026' };
  const add = await runCli(['user', 'add', clerk.login, '--name', '事務 員', '--role', 'staff', '--db', srv.db],
    { env: { MAMORI_USER_PASSWORD: clerk.password } });
  assert.equal(add.code, 0, add.stderr);
  let stop = false;
  let writes = 0;
  const writer = (async () => {
    while (!stop) {
      const c = srv.client();
      await c.login(clerk.login, clerk.password);
      writes++;
    }
  })();
  await sleep(500);
  const file = path.join(tmpDir(), 'backup.db');
  const b = await runCli(['backup', '--db', srv.db, '--to', file], { timeout: 60000 });
  const writesAtBackup = writes;
  await sleep(300);
  stop = true;
  await writer;
  assert.equal(b.code, 0, `backup: ${b.stdout}${b.stderr}`);

  const v = await auditVerify(`sqlite:${file}`);
  assert.equal(v.code, 0, `verify of the backup:\n${v.stdout}${v.stderr}`);
  assert.ok(v.ok);
  const live = await auditVerify(srv.db);
  assert.ok(v.count <= live.count, 'the backup is a prefix of the trail');
  assert.ok(writesAtBackup >= 1, 'writes were going on');

  // The copy is a working store, with the configuration folder's MFA key beside it (an
  // operator restores that folder too: docs/operations.md, Backups).
  fs.copyFileSync(path.join(path.dirname(sqlitePath(srv.db)), 'mfa.key'), path.join(path.dirname(file), 'mfa.key'));
  const restored = await startServer({ db: `sqlite:${file}`, admin: srv.admin });
  try {
    await restored.adminClient();
  } finally {
    await restored.stop();
  }
  await srv.stop();
}));
