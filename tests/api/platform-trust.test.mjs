// What an auditor and an operator check before trusting mamori (issue 3): HTTPS,
// signed checkpoints outside the store, restore of a backup, and several servers on
// one PostgreSQL keeping one chain.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import {
  startServer, freshStore, initStore, runCli, run, storeSql, sqlitePath, auditVerify, tmpDir, freePort,
  sleep, guarded, sqliteOnly, postgresOnly, psql, backend,
} from './lib/harness.mjs';

const soakSeconds = Number(process.env.MAMORI_SOAK_SECONDS || 60);

function httpsGet(port, p, ca, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, path: p, ca, servername: 'localhost', headers,
      agent: false }, (res) => {
      const protocol = res.socket.getProtocol();
      let body = '';
      res.setEncoding('utf8').on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body, protocol }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('HTTPS: TLS 1.2/1.3 only, HSTS, Secure cookies; plain HTTP refused off loopback',
  sqliteOnly('one backend is enough for the transport'), guarded(async () => {
    const dir = tmpDir();
    const key = path.join(dir, 'key.pem'), cert = path.join(dir, 'cert.pem');
    const gen = await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
      '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1']);
    assert.equal(gen.code, 0, gen.stderr);
    const ca = fs.readFileSync(cert);
    const db = await freshStore();
    const admin = await initStore(db);
    const port = await freePort();
    const child = spawn(process.env.MAMORI_BIN ? path.resolve(process.env.MAMORI_BIN) : 'build/mamori',
      ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--tls-cert', cert, '--tls-key', key],
      { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let health;
      for (let i = 0; i < 100 && !health; i++) {
        try { health = await httpsGet(port, '/healthz', ca); } catch { await sleep(50); }
      }
      assert.ok(health, `no HTTPS answer: ${stderr}`);
      assert.equal(health.status, 200);
      assert.match(health.headers['strict-transport-security'] || '', /max-age=\d+/);
      assert.match(health.headers['content-security-policy'] || '', /default-src 'self'/);
      assert.ok(['TLSv1.3', 'TLSv1.2'].includes(health.protocol), health.protocol);

      // A login over HTTPS sets a Secure cookie.
      const anon = await httpsGet(port, '/api/v1/session', ca);
      const csrf = JSON.parse(anon.body).csrf_token;
      const login = await new Promise((resolve, reject) => {
        const body = JSON.stringify({ login: admin.login, password: admin.password });
        const req = https.request({ host: '127.0.0.1', port, path: '/api/v1/session', method: 'POST', ca,
          servername: 'localhost', agent: false, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf,
            Cookie: `mamori_csrf=${csrf}`, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res));
        });
        req.on('error', reject);
        req.end(body);
      });
      assert.equal(login.statusCode, 200);
      const sessionCookie = login.headers['set-cookie'].find((c) => c.startsWith('mamori_session='));
      assert.match(sessionCookie, /;\s*Secure/);
      assert.match(sessionCookie, /;\s*HttpOnly/);

      // TLS 1.2 is accepted; TLS 1.1 and 1.0 are refused by the server (the client is
      // told to allow them, so a refusal can only come from mamori).
      const ok12 = await run('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-tls1_2'], { input: '' });
      assert.match(ok12.stdout, /Protocol\s*:\s*TLSv1\.2/);
      assert.match(ok12.stdout, /Cipher is (ECDHE|TLS_)/);
      for (const v of ['-tls1_1', '-tls1']) {
        const old = await run('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, v,
          '-cipher', 'DEFAULT@SECLEVEL=0'], { input: '' });
        assert.doesNotMatch(old.stdout, /Cipher is (?!\(NONE\))/, `${v} must not complete a handshake:\n${old.stdout}`);
      }
    } finally {
      child.kill('SIGTERM');
      assert.equal(await exited, 0, stderr);
    }

    // Plain HTTP on an address that is not loopback is refused unless allowed.
    const refused = await runCli(['serve', '--db', db, '--listen', '0.0.0.0:0']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /plain HTTP/);
  }));

test('checkpoints: cut-off events and a tampered checkpoint are named; the public key exports',
  sqliteOnly('edits the store file behind the server'), guarded(async () => {
    const server = await startServer();
    const dir = path.dirname(sqlitePath(server.db));
    const file = path.join(dir, 'mamori-checkpoints.log');
    const c = await server.adminClient();
    await c.logout();
    await server.stop(); // writes a checkpoint at shutdown
    assert.ok(fs.existsSync(file), 'init and serve write checkpoints beside a SQLite store');
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    assert.ok(lines.length >= 2, 'one from init, one at shutdown');
    const last = JSON.parse(lines.at(-1));
    const good = await runCli(['audit', 'verify', '--db', server.db, '--checkpoints', file]);
    assert.equal(good.code, 0, good.stdout + good.stderr);
    assert.match(good.stdout, new RegExp(`^ok: ${last.count} events.*${lines.length} checkpoints match`, 'm'));

    const pub = await runCli(['audit', 'public-key', '--db', server.db]);
    assert.equal(pub.code, 0, pub.stderr);
    assert.equal(pub.stdout.trim(), last.key);
    assert.equal(pub.stdout.trim(), fs.readFileSync(path.join(dir, 'mamori-signing.pub'), 'utf8').trim());
    const keyMode = fs.statSync(path.join(dir, 'mamori-signing.key')).mode & 0o777;
    assert.equal(keyMode, 0o600, 'the signing key is private to its owner');

    // Cut off the newest two events and make the head agree: the chain alone still
    // verifies, the checkpoints do not.
    const cut = last.count - 2;
    const r = await storeSql(server.db, `DROP TRIGGER audit_event_no_delete;
      DELETE FROM audit_event WHERE seq > ${cut};
      UPDATE audit_head SET seq = ${cut}, hash = (SELECT hash FROM audit_event WHERE seq = ${cut});`);
    assert.equal(r.code, 0, r.stderr);
    assert.ok((await auditVerify(server.db)).ok, 'without checkpoints the truncation is invisible');
    const bad = await runCli(['audit', 'verify', '--db', server.db, '--checkpoints', file]);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, new RegExp(`events ${cut + 1} to ${last.count} are missing`));

    // A checkpoint whose count was edited no longer carries a valid signature.
    const forged = { ...last, count: cut };
    const forgedFile = path.join(dir, 'forged.log');
    fs.writeFileSync(forgedFile, JSON.stringify(forged) + '\n');
    const f = await runCli(['audit', 'verify', '--db', server.db, '--checkpoints', forgedFile]);
    assert.equal(f.code, 1);
    assert.match(f.stdout, /signature does not match/);
  }));

test('restore drill: back up while writes run, restore, verify, compare; an older backup is named',
  sqliteOnly('mamori backup/restore copy SQLite stores; PostgreSQL uses pg_dump'), guarded(async () => {
    const server = await startServer();
    const dir = path.dirname(sqlitePath(server.db));
    let writing = true, answered = 0;
    const writer = (async () => {
      while (writing) {
        const c = server.client();
        if ((await c.tryLogin(server.admin.login, server.admin.password)).status === 200) answered++;
      }
    })();
    await sleep(700);
    const backupFile = path.join(tmpDir(), 'backup.db');
    const b = await runCli(['backup', '--db', server.db, '--to', backupFile]);
    assert.equal(b.code, 0, b.stderr);
    const backedUp = Number(/\((\d+) audit events/.exec(b.stdout)[1]);
    await sleep(700);
    writing = false;
    await writer;
    assert.ok(answered > 0);
    await server.stop();
    const now = await auditVerify(server.db);
    assert.ok(now.ok && now.count > backedUp, 'writes went on after the backup');

    // Restore into an empty store beside the same configuration (key and checkpoints).
    const target = `sqlite:${path.join(dir, 'restored.db')}`;
    const r = await runCli(['restore', '--db', target, '--from', backupFile]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`restored .*: ${backedUp} audit events`));
    // The shutdown checkpoint recorded more events than the backup holds.
    assert.match(r.stdout, /checkpoints in .* are beyond this backup/);
    const restored = await auditVerify(target);
    assert.ok(restored.ok);
    assert.equal(restored.count, backedUp);
    const same = await storeSql(target, 'SELECT count(*) FROM account');
    assert.equal(same.stdout.trim(), (await storeSql(server.db, 'SELECT count(*) FROM account')).stdout.trim());
    // It serves, and the CISO logs in.
    const again = await startServer({ db: target, admin: server.admin });
    await again.adminClient();
    await again.stop();
    // restore refuses a store that is not empty, and a file that is not a backup.
    const twice = await runCli(['restore', '--db', target, '--from', backupFile]);
    assert.notEqual(twice.code, 0);
    assert.match(twice.stderr, /not empty/);
    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, 'this is not a database');
    const notBackup = await runCli(['restore', '--db', `sqlite:${path.join(dir, 'r2.db')}`, '--from', junk]);
    assert.notEqual(notBackup.code, 0);
  }));

test(`two servers on one PostgreSQL, writing concurrently for ${soakSeconds} s, keep one chain`,
  postgresOnly('several servers share one PostgreSQL'), guarded(async () => {
    const db = await freshStore();
    const admin = await initStore(db); // as the cluster's owner: creates the role mamori_app
    const appDb = db.replace('postgres@', 'mamori_app@');
    assert.notEqual(appDb, db);
    const a = await startServer({ db: appDb, admin });
    const b = await startServer({ db: appDb, admin });

    // One session, both servers: sessions live in the store.
    const ca = a.client();
    await ca.login(admin.login, admin.password);
    const viaB = await b.request('GET', '/api/v1/session', { cookie: ca.cookieHeader() });
    assert.equal(viaB.json.authenticated, true);

    // As the application's role the trail cannot be changed, triggers or not.
    for (const sql of ['UPDATE audit_event SET actor = \'x\'', 'DELETE FROM audit_event', 'TRUNCATE audit_event']) {
      const r = await psql(appDb, sql);
      assert.notEqual(r.code, 0, sql);
      assert.match(r.stderr, /permission denied/, sql);
    }

    const deadline = Date.now() + soakSeconds * 1000;
    const jobs = [];
    let writes = 0;
    // The CISO's logins take turns: each second factor is a later TOTP step than the one
    // before, and the server refuses a step older than the last it took (a replay), so two
    // logins racing to the servers could arrive out of order.
    let turn = Promise.resolve();
    const logInInTurn = (c) => {
      const done = turn.then(() => c.login(admin.login, admin.password));
      turn = done.catch(() => {});
      return done;
    };
    const worker = async (i) => {
      const server = i % 2 ? a : b;
      while (Date.now() < deadline) {
        const c = server.client();
        await logInInTurn(c);
        writes++;
        for (let k = 0; k < 3; k++) {
          const s = await c.post('/api/v1/audit-verifications', {});
          assert.equal(s.status, 202, s.text);
          jobs.push(s.json.url);
          writes++;
        }
        assert.equal((await c.logout()).status, 204);
        writes++;
      }
    };
    await Promise.all([0, 1, 2, 3].map(worker));
    // Every job runs exactly once, on one server or the other.
    const admins = ca;
    for (const url of jobs) {
      for (let t = 0; ; t++) {
        const r = await admins.get(url);
        if (r.json.state === 'succeeded') break;
        assert.notEqual(r.json.state, 'failed', JSON.stringify(r.json));
        assert.ok(t < 600, `${url} did not finish`);
        await sleep(100);
      }
    }
    await a.stop();
    await b.stop();
    const v = await auditVerify(db);
    assert.ok(v.ok, v.stdout);
    assert.ok(v.count > writes, `${v.count} events for ${writes} writes`);
    const finishes = await psql(db, "SELECT object_id, count(*) FROM audit_event WHERE action = 'job.finish' GROUP BY object_id HAVING count(*) <> 1");
    assert.equal(finishes.stdout.trim(), '', 'no job finished twice');
    const workers = await psql(db, 'SELECT count(DISTINCT worker) FROM job');
    assert.equal(workers.stdout.trim(), '2', 'both servers ran jobs');
    void backend;
  }));
