// Jobs (issue 3): long work answers 202 with the job's address; the job shows state,
// progress and result to who started it (and job.read_all), to nobody else; a job
// whose server died is marked failed and can be retried; every step is audited.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, freshStore, runCli, storeSql, auditVerify, sleep, guarded,
} from './lib/harness.mjs';
import { assertError } from './lib/expect.mjs';

/** A demo store (an invented union with one person per role); resolves {db, logins}. */
async function demoStore() {
  const db = await freshStore();
  const r = await runCli(['demo', '--db', db]);
  assert.equal(r.code, 0, `mamori demo: ${r.stderr}`);
  const logins = {};
  for (const line of r.stdout.split('\n')) {
    const m = /^(\w+)\s+(\S{16})\s+(\w+)\s/.exec(line);
    if (m) logins[m[1]] = m[2];
  }
  assert.ok(logins.ciso && logins.staff && logins.director, `demo logins parsed: ${r.stdout}`);
  return { db, logins };
}

async function waitJob(client, url, states = ['succeeded', 'failed'], timeout = 20000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const r = await client.get(url);
    assert.equal(r.status, 200, `GET ${url}: ${r.status} ${r.text}`);
    if (states.includes(r.json.state)) return r.json;
    if (Date.now() > deadline) throw new Error(`job ${url} still ${r.json.state} after ${timeout} ms`);
    await sleep(100);
  }
}

test('jobs: 202 with the address, progress and result, visible only to who may see it', guarded(async () => {
  const { db, logins } = await demoStore();
  const server = await startServer({ db, admin: { login: 'ciso', password: logins.ciso } });
  const ciso = await server.adminClient();
  const director = server.client();
  await director.login('director', logins.director);
  const staff = server.client();
  await staff.login('staff', logins.staff);

  const started = await ciso.post('/api/v1/audit-verifications', {});
  assert.equal(started.status, 202, started.text);
  const url = started.headers.get('location');
  assert.match(url, /^\/api\/v1\/jobs\/\d+$/);
  assert.equal(started.json.url, url);
  assert.equal(started.json.state, 'queued');
  const job = await waitJob(ciso, url);
  assert.equal(job.state, 'succeeded', JSON.stringify(job));
  assert.equal(job.kind, 'audit.verify');
  assert.equal(job.result.ok, true);
  assert.ok(job.result.n_events > 10, 'the demo store has a real trail');
  assert.equal(job.progress.done, job.progress.total);
  assert.equal(job.progress.total, job.result.n_events);
  const cli = await auditVerify(db);
  assert.ok(cli.ok);
  assert.ok(cli.count >= job.result.n_events);
  assert.equal(job.created_by, (await ciso.get('/api/v1/session')).json.person.id);

  // Someone else's job does not exist for a person without job.read_all…
  assertError(await staff.get(url), 404, 'not_found');
  assertError(await director.get(url), 404, 'not_found');
  assertError(await staff.post(`${url}/retry`, {}), 404, 'not_found');
  // …and a person without the permission cannot start this kind.
  assertError(await staff.post('/api/v1/audit-verifications', {}), 403, 'forbidden');
  // The director may start one; the CISO (job.read_all) sees it too.
  const own = await director.post('/api/v1/audit-verifications', {});
  assert.equal(own.status, 202, own.text);
  const ownJob = await waitJob(director, own.json.url);
  assert.equal(ownJob.state, 'succeeded');
  assert.equal((await ciso.get(own.json.url)).status, 200);
  // No session: 401; a job that is not there: 404; a malformed id: 404.
  assertError(await server.request('GET', url), 401, 'unauthenticated');
  assertError(await ciso.get('/api/v1/jobs/999999'), 404, 'not_found');
  assertError(await ciso.get('/api/v1/jobs/abc'), 404, 'not_found');
  // Only a failed job can be retried; parameters are refused.
  assertError(await ciso.post(`${url}/retry`, {}), 409, 'conflict');
  assertError(await ciso.post('/api/v1/audit-verifications', { scope: 'all' }), 422, 'validation_failed');
  // Without the CSRF token nothing starts.
  assertError(await ciso.post('/api/v1/audit-verifications', {}, { csrf: false }), 403, 'csrf_failed');

  const creates = (await ciso.auditEvents({ action: 'job.create' })).map((e) => e.object_id);
  const finishes = (await ciso.auditEvents({ action: 'job.finish' })).map((e) => e.object_id);
  assert.deepEqual([...creates].sort(), [...finishes].sort(), 'every job created is finished exactly once');
  assert.equal(new Set(finishes).size, finishes.length);
  await server.stop();
  assert.ok((await auditVerify(db)).ok);
}));

test('jobs: a job whose server died shows as failed and can be retried', guarded(async () => {
  const first = await startServer();
  const ciso = await first.adminClient();
  const personId = (await ciso.get('/api/v1/session')).json.person.id;
  await first.stop();
  // A job left running by a server that is gone: its heartbeat stopped long ago.
  const r = await storeSql(first.db,
    `INSERT INTO job (id, kind, state, params, created_by, created_at, started_at, heartbeat_at, worker)
     VALUES (4242, 'audit.verify', 'running', '{}', ${personId}, '2026-01-01T00:00:00Z',
             '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'gone:1:deadbeef')`);
  assert.equal(r.code, 0, r.stderr);
  const second = await startServer({ db: first.db, admin: first.admin });
  const c = await second.adminClient();
  const failed = await waitJob(c, '/api/v1/jobs/4242', ['failed'], 5000);
  assert.match(failed.error, /interrupted/);
  const retry = await c.post('/api/v1/jobs/4242/retry', {});
  assert.equal(retry.status, 202, retry.text);
  const again = await waitJob(c, retry.json.url);
  assert.equal(again.state, 'succeeded');
  assert.equal(again.retry_of, 4242);
  assert.equal((await c.auditEvents({ action: 'job.interrupted' })).length, 1);
  await second.stop();
  assert.ok((await auditVerify(first.db)).ok);
}));

test('audit export: a CSV in the file store, downloaded with its SHA-256, only by who may see the job',
  guarded(async () => {
    const { db, logins } = await demoStore();
    const server = await startServer({ db, admin: { login: 'ciso', password: logins.ciso } });
    const ciso = await server.adminClient();
    const staff = server.client();
    await staff.login('staff', logins.staff);

    assertError(await ciso.post('/api/v1/audit-exports', { since: 'yesterday' }), 422, 'validation_failed');
    assertError(await ciso.post('/api/v1/audit-exports', { colour: 'red' }), 422, 'validation_failed');
    assertError(await staff.post('/api/v1/audit-exports', {}), 403, 'forbidden');
    // The demo keeps evidence files of its own; the export adds one more.
    const storedBefore = (await ciso.auditEvents({ action: 'file.store' })).length;
    const started = await ciso.post('/api/v1/audit-exports', { action: 'login.success' });
    assert.equal(started.status, 202, started.text);
    const job = await waitJob(ciso, started.json.url);
    assert.equal(job.state, 'succeeded', JSON.stringify(job));
    assert.equal(job.result.download, `${started.json.url}/file`);

    const res = await fetch(server.url + job.result.download, { headers: { Cookie: ciso.cookieHeader() } });
    assert.equal(res.status, 200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(bytes).digest('hex');
    assert.equal(res.headers.get('x-content-sha256'), sha, 'the SHA-256 shown is that of the bytes served');
    assert.equal(job.result.sha256, sha);
    assert.match(res.headers.get('content-disposition'), /^attachment; filename="audit-trail-\d{4}-\d{2}-\d{2}\.csv"/);
    assert.match(res.headers.get('content-type'), /^text\/(plain|csv)/);
    assert.match(res.headers.get('content-security-policy'), /default-src 'self'/);
    const text = bytes.toString('utf8');
    assert.ok(text.startsWith('\uFEFF'), 'UTF-8 with a BOM, for Excel');
    const lines = text.trim().split('\r\n');
    assert.match(lines[0], /"連番 seq","日時 occurred_at \(UTC\)"/);
    const logins2 = (await ciso.auditEvents({ action: 'login.success' })).filter((e) => e.seq <= Number(/"(\d+)"/.exec(lines.at(-1))[1]));
    assert.equal(lines.length - 1, logins2.length, 'one row per login.success event up to the export');
    assert.ok(lines.slice(1).every((l) => l.includes('"login.success"')));

    // The file belongs to the job: another person gets 404, nobody gets it without a session.
    assertError(await staff.get(job.result.download), 404, 'not_found');
    assertError(await server.request('GET', job.result.download), 401, 'unauthenticated');
    // The store recorded it, and the trail still verifies.
    const stored = await ciso.auditEvents({ action: 'file.store' });
    assert.equal(stored.length, storedBefore + 1);
    assert.ok(stored.some((e) => e.object_type === 'stored_file' && (e.detail?.owner_type ?? JSON.parse(e.detail ?? '{}').owner_type) === 'job'),
      'the export is kept as the job\'s file');
    await server.stop();
    assert.ok((await auditVerify(db)).ok);
  }));
