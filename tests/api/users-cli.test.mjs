// Accounts from the command line (mamori user …) against a running server: a
// deactivated person's session ends on the next request, a reset password ends the
// sessions, lockout and the operator's unlock, and refusals that change nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, runCli, auditHeadSeq, auditVerify, guarded } from './lib/harness.mjs';
import { assertError } from './lib/expect.mjs';

const user = (args, password) => runCli(['user', ...args], { env: { MAMORI_USER_PASSWORD: password } });

test('user add, deactivate (the session ends at once), reset-password, unlock', guarded(async () => {
  const server = await startServer();
  const db = server.db;
  const ciso = await server.adminClient();

  const add = await user(['add', 'tanaka', '--name', '田中 一', '--kana', 'たなか はじめ', '--role', 'staff', '--db', db],
    'kiri-ame-tsuki-19');
  assert.equal(add.code, 0, add.stderr);
  const staff = server.client();
  const me = (await staff.login('tanaka', 'kiri-ame-tsuki-19')).json;
  assert.equal(me.person.name, '田中 一');
  assert.deepEqual(me.person.roles.map((r) => r.role), ['staff']);

  // Refusals change nothing: a common password, a taken login, an unknown unit or role.
  const before = await auditHeadSeq(db);
  for (const [args, pw, why] of [
    [['add', 'suzuki', '--name', '鈴木', '--db', db], 'Password1234!', /common password/],
    [['add', 'tanaka', '--name', '別人', '--db', db], 'kiri-ame-tsuki-20', /already taken/],
    [['add', 'sato', '--name', '佐藤', '--unit', '999', '--db', db], 'kiri-ame-tsuki-21', /no unit/],
    [['add', 'sato', '--name', '佐藤', '--role', 'king', '--db', db], 'kiri-ame-tsuki-21', /no role/],
    [['deactivate', 'nobody', '--db', db], undefined, /no account/],
  ]) {
    const r = await user(args, pw);
    assert.equal(r.code, 1, `${args.join(' ')} must fail`);
    assert.match(r.stderr, why);
  }
  assert.equal(await auditHeadSeq(db), before, 'refused commands wrote nothing');

  // Deactivation: the live session fails on its next request; a new login is refused
  // exactly like a wrong password; the record stays.
  const off = await user(['deactivate', 'tanaka', '--db', db]);
  assert.equal(off.code, 0, off.stderr);
  const next = await staff.get('/api/v1/session');
  assert.equal(next.json.authenticated, false, 'the old cookie no longer authenticates');
  const again = await server.client().tryLogin('tanaka', 'kiri-ame-tsuki-19');
  const wrong = await server.client().tryLogin('ciso', 'not-the-password-at-all');
  assertError(again, 401, 'invalid_credentials');
  assert.equal(again.text, wrong.text);
  const list = await user(['list', '--db', db]);
  assert.match(list.stdout, /tanaka\s+田中 一\s+regular\s+0\s+left\s+staff@0/);

  // reset-password ends the person's sessions; the new password works, the old does not.
  const reset = await user(['reset-password', 'ciso', '--db', db], 'mizu-no-oto-2026x');
  assert.equal(reset.code, 0, reset.stderr);
  assert.equal((await ciso.get('/api/v1/session')).json.authenticated, false);
  assertError(await server.client().tryLogin('ciso', server.admin.password), 401, 'invalid_credentials');
  await server.client().login('ciso', 'mizu-no-oto-2026x');

  // Five wrong passwords lock the account: then even the right one is refused, the same way.
  for (let i = 0; i < 5; i++) assertError(await server.client().tryLogin('ciso', `wrong-password-${i}x`), 401, 'invalid_credentials');
  const locked = await server.client().tryLogin('ciso', 'mizu-no-oto-2026x');
  assertError(locked, 401, 'invalid_credentials');
  assert.equal(locked.text, wrong.text);
  const unlock = await user(['unlock', 'ciso', '--db', db]);
  assert.equal(unlock.code, 0, unlock.stderr);
  const back = await server.client().login('ciso', 'mizu-no-oto-2026x');
  const trail = await server.client().request('GET', '/api/v1/audit-events?limit=500', { cookie: `mamori_session=${back.setCookies.join('').match(/mamori_session=([0-9a-f]+)/)[1]}` });
  const actions = trail.json.items.map((e) => e.action);
  for (const a of ['person.deactivate', 'account.password_reset', 'account.lock', 'account.unlock'])
    assert.ok(actions.includes(a), `${a} is in the trail`);
  const byCli = trail.json.items.filter((e) => e.actor.startsWith('cli:'));
  assert.ok(byCli.length >= 4, 'command-line changes name the command line as their actor');
  await server.stop();
  assert.ok((await auditVerify(db)).ok);
}));
