// /healthz keeps answering while argon2id hashes passwords on every core.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { auditVerify, guarded, sleep, startServer } from './lib/harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { if (srv?.running) await srv.kill(); });

test('16 parallel logins while /healthz is polled every 50 ms', guarded(async (t) => {
  const N = 16;
  let inFlight = N;
  const polls = [];          // {ok, during, ms}
  const clients = Array.from({ length: N }, () => srv.client());
  await Promise.all(clients.map((c) => c.prepare()));

  const t0 = performance.now();
  const logins = clients.map((c) =>
    c.post('/api/v1/session', { login: srv.admin.login, password: srv.admin.password })
      .finally(() => { inFlight--; }));
  const all = Promise.allSettled(logins);

  const poller = (async () => {
    while (inFlight > 0) {
      const start = performance.now();
      let ok = false;
      try {
        const r = await srv.request('GET', '/healthz', { signal: AbortSignal.timeout(5000) });
        ok = r.status === 200;
      } catch { ok = false; }
      polls.push({ ok, during: inFlight > 0, ms: performance.now() - start });
      await sleep(50);
    }
  })();

  const results = await all;
  const loginMs = performance.now() - t0;
  await poller;

  for (const r of results) {
    assert.equal(r.status, 'fulfilled', `login failed: ${r.reason}`);
    assert.equal(r.value.status, 200, `login: ${r.value.status} ${r.value.text}`);
  }
  const answered = polls.filter((p) => p.ok && p.during);
  const slowest = Math.max(0, ...polls.map((p) => p.ms));
  t.diagnostic(`${N} logins in ${loginMs.toFixed(0)} ms; /healthz answered ${answered.length} of ${polls.length} polls ` +
    `during them, slowest ${slowest.toFixed(1)} ms`);
  assert.ok(answered.length >= 3,
    `/healthz answered 200 ${answered.length} times while ${N} logins took ${loginMs.toFixed(0)} ms ` +
    `(polls: ${polls.length}, slowest ${slowest.toFixed(0)} ms)`);
}));

test('the trail has every login and verifies', guarded(async () => {
  const admin = await srv.adminClient();
  const logins = await admin.auditEvents({ action: 'login.success' });
  assert.ok(logins.length >= 17, `16 + 1 logins recorded: ${logins.length}`);
  await srv.stop();
  const v = await auditVerify(srv.db);
  assert.equal(v.code, 0, v.stdout + v.stderr);
}));
