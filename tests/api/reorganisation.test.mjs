// Reorganisations (DESIGN §5): units change every April 1st. A plan made in advance is
// applied on its date in one transaction — by `mamori reorg apply-due --date …` and by the
// server's own timer — and what each operation does (create, rename, move, merge, split,
// close, move a person) shows in the tree as of dates before and after, in people's
// memberships and in their role assignments (so authorization follows). A plan is checked
// before it is scheduled and again when applied, every problem naming its operation and
// field; a rejected or failing plan changes nothing. Who may plan and who may read plans;
// typo corrections of unit names; every change in the audit trail, which verifies after.
//
// Every test runs on the demo union (`mamori demo`): 水道局 (300) with 料金課 (310: the
// manager, the contractor) and 工務課 (320: staff), 消防本部 (200) with 通信指令課 (210:
// sysadmin, operator), 事務局 (100) with 総務課 (110) and 環境衛生課 (120, emptied below), and
// the demo's own plan: next April 1st, 料金課 and 工務課 merge into a new 業務課 (330).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  auditEventsAfter, auditHeadSeq, auditVerify, eventsWrittenBy, freshStore, guarded, runCli, sleep, startServer,
  storeRows,
} from './lib/harness.mjs';
import { assertError, assertFieldError } from './lib/expect.mjs';

// ---------------------------------------------------------------------------
// Dates: the server's calendar is Asia/Tokyo (the default timezone setting).

function tokyoToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
}
function addDays(date, n) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------
// A served demo store, its logins, units and people.

async function demoServer(args = []) {
  const db = await freshStore();
  const demo = await runCli(['demo', '--db', db]);
  assert.equal(demo.code, 0, `mamori demo: ${demo.stdout}${demo.stderr}`);
  const passwords = {};
  for (const m of demo.stdout.matchAll(/^(\w+)\s+(\S{16})\s/gm)) passwords[m[1]] = m[2];
  const server = await startServer({ db, admin: { login: 'ciso', password: passwords.ciso }, args });
  const clients = {};
  const as = async (login) => {
    if (!clients[login]) {
      const c = server.client();
      await c.login(login, passwords[login]);
      clients[login] = c;
    }
    return clients[login];
  };
  const units = {};
  for (const u of (await (await as('ciso')).get('/api/v1/org-units?include_closed=true')).json.items) units[u.code] = u.id;
  const people = {};
  for (const r of await storeRows(db, 'SELECT login, person_id FROM account')) people[r.login] = Number(r.person_id);
  // The demo has a member (小川 恵) and information assets in 環境衛生課; these tests want
  // it empty, so that it may simply close: the CISO moves them to 総務課 first.
  const ciso = await as('ciso');
  for (const p of (await ciso.get(`/api/v1/persons?org_unit_id=${units['120']}`)).json.items) {
    const r = await ciso.request('PATCH', `/api/v1/persons/${p.id}`,
      { body: { org_unit_id: units['110'] }, headers: { 'If-Match': `"${p.version}"` } });
    assert.equal(r.status, 200, `moving ${p.name}: ${r.text}`);
  }
  for (const a of (await ciso.get(`/api/v1/assets?org_unit_id=${units['120']}`)).json.items) {
    const r = await ciso.request('PATCH', `/api/v1/assets/${a.id}`,
      { body: { owner_unit_id: units['110'] }, headers: { 'If-Match': `"${a.version}"` } });
    assert.equal(r.status, 200, `moving ${a.name}: ${r.text}`);
  }
  return { db, server, as, units, people };
}

const applyDue = (db, date) => runCli(['reorg', 'apply-due', '--db', db, ...(date ? ['--date', date] : [])]);

/** A draft (201), then scheduled (200): resolves the scheduled plan's answer. */
async function scheduled(c, title, date, operations) {
  const made = await c.post('/api/v1/reorganisations', { title, effective_date: date, operations });
  assert.equal(made.status, 201, `draft: ${made.text}`);
  assert.equal(made.json.state, 'draft');
  const s = await act(c, made, 'schedule');
  assert.equal(s.status, 200, `schedule: ${s.text}`);
  assert.equal(s.json.state, 'scheduled');
  return s;
}

/** POST /api/v1/reorganisations/{id}/<action> with the ETag of `plan` (an answer). */
function act(c, plan, action, etag = plan.headers.get('etag')) {
  return c.post(`/api/v1/reorganisations/${plan.json.id}/${action}`, undefined, { headers: { 'If-Match': etag } });
}

/** The tree as a map code → unit, now or as of a date. */
async function tree(c, query = '') {
  const r = await c.get(`/api/v1/org-units${query}`);
  assert.equal(r.status, 200, r.text);
  return Object.fromEntries(r.json.items.map((u) => [u.code, u]));
}

/** A person's role assignments as 'role@unit from..to' strings (ciso's view). */
async function rolesOf(c, personId, codeOf) {
  const r = await c.get(`/api/v1/role-assignments?person_id=${personId}`);
  assert.equal(r.status, 200, r.text);
  // Oldest first (the list itself shows the newest first).
  return [...r.json.items].sort((a, b) => a.valid_from.localeCompare(b.valid_from) || a.id - b.id)
    .map((a) => `${a.role}@${codeOf(a.org_unit_id)} ${a.valid_from}..${a.valid_to ?? ''}`);
}

// ---------------------------------------------------------------------------

describe('a plan made in advance is applied on its date', () => {
  test('the demo plan: nothing the day before; on April 1st the merger, its history and its audit trail',
    guarded(async () => {
      const { db, server, as, units, people } = await demoServer();
      const ciso = await as('ciso');
      let plan = await ciso.get('/api/v1/reorganisations/1');
      assert.equal(plan.status, 200, plan.text);
      assert.equal(plan.json.state, 'scheduled');
      const D = plan.json.effective_date;
      assert.match(D, /^\d{4}-04-01$/, 'next April 1st');
      assert.ok(D > tokyoToday());
      assert.deepEqual(plan.json.operations, [
        { op: 'create', code: '330', name_ja: '業務課', name_en: 'Operations Section', parent: units['300'] },
        { op: 'merge', units: [units['310'], units['320']], into: 'new:330' },
      ]);
      assert.deepEqual(plan.json.units.map((u) => u.code).sort(), ['300', '310', '320']);
      assert.deepEqual(plan.json.problems, [], 'the plan fits the tree');
      const eve = addDays(D, -1);

      // Applying before its date: refused, and the CLI finds nothing due.
      assertError(await act(ciso, plan, 'apply'), 409, 'conflict');
      let run = await applyDue(db, eve);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /nothing due/);
      assert.equal((await ciso.get('/api/v1/reorganisations/1')).json.state, 'scheduled');
      const seq = await auditHeadSeq(db);
      // Everyone of 料金課 and 工務課 (the demo's logins and its staff without one) moves.
      const members = (await storeRows(db, "SELECT p.id FROM person p JOIN org_unit u ON u.id = p.org_unit_id"
        + " WHERE u.code IN ('310', '320')")).map((row) => Number(row.id));
      for (const login of ['manager', 'contractor', 'staff']) assert.ok(members.includes(people[login]), login);

      run = await applyDue(db, D);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /applied reorganisation 1\b/);
      plan = await ciso.get('/api/v1/reorganisations/1');
      assert.equal(plan.json.state, 'applied');
      assert.ok(plan.json.applied_at);
      assert.match(plan.json.applied_by, /^cli:/);
      assert.equal(plan.json.result.length, 2);
      const merged = plan.json.result[1];
      assert.deepEqual(merged.persons.map(Number).sort(), members.sort());

      // The tree now, the day before and on the day.
      const now = await tree(ciso);
      assert.ok(now['330'] && !now['310'] && !now['320'], 'closed units are hidden from the present tree');
      const withClosed = await tree(ciso, '?include_closed=true');
      assert.equal(withClosed['310'].closed, true);
      assert.equal(withClosed['310'].valid_to, eve);
      const then = await tree(ciso, `?as_of=${eve}`);
      assert.ok(then['310'] && then['320'] && !then['330'], 'as of the day before: 料金課 and 工務課');
      assert.equal(then['310'].closed, false);
      const after = await tree(ciso, `?as_of=${D}`);
      assert.ok(after['330'] && !after['310'] && !after['320'], 'as of the day: 業務課');
      assert.equal(after['330'].parent_id, units['300']);
      assert.equal(after['330'].valid_from, D);
      const afterClosed = await tree(ciso, `?as_of=${D}&include_closed=true`);
      assert.equal(afterClosed['310'].closed, true);
      const longAgo = await tree(ciso, '?as_of=2020-01-01');
      assert.ok(longAgo['310'] && !longAgo['330'], 'units there before the records read as always there');

      // Lineage, both ways.
      const u330 = withClosed['330'].id;
      const old = await ciso.get(`/api/v1/org-units/${units['310']}`);
      assert.equal(old.status, 200);
      assert.deepEqual(old.json.successors.map((s) => [s.id, s.kind, s.effective_date]), [[u330, 'merge', D]]);
      assert.equal(old.json.history.length, 1);
      assert.equal(old.json.history[0].valid_to, eve);
      const born = await ciso.get(`/api/v1/org-units/${u330}`);
      assert.deepEqual(born.json.predecessors.map((p) => p.code).sort(), ['310', '320']);
      assert.equal(born.json.history[0].valid_from, D);

      // People moved, with their history.
      const manager = await ciso.get(`/api/v1/persons/${people.manager}`);
      assert.equal(manager.json.org_unit_id, u330);
      assert.deepEqual(manager.json.memberships.map((m) => [m.code, m.valid_to ?? null, m.reorganisation_id]),
        [['310', eve, null], ['330', null, 1]]);
      assert.equal(manager.json.memberships[1].valid_from, D);

      // Role assignments end the day before and start again in the successor.
      const codeOf = (id) => Object.values(withClosed).find((u) => u.id === id)?.code;
      const roles = (await rolesOf(ciso, people.manager, codeOf)).sort(); // the list is newest first
      assert.equal(roles.length, 2, roles.join('; '));
      assert.match(roles[0], new RegExp(`^security_manager@310 .*\\.\\.${eve}$`));
      assert.equal(roles[1], `security_manager@330 ${D}..`);
      const [made] = await storeRows(db,
        `SELECT reorganisation_id FROM role_assignment WHERE person_id = ${people.manager} AND org_unit_id = ${u330}`);
      assert.equal(Number(made.reorganisation_id), 1);

      // The trail: one event per operation, then the plan's.
      const events = await auditEventsAfter(db, seq);
      assert.deepEqual(events.map((e) => e.action), ['org_unit.create', 'org_unit.merge', 'reorganisation.apply']);
      assert.ok(events.every((e) => /^cli:/.test(e.actor)));
      const detail = (e) => (typeof e.detail === 'string' ? JSON.parse(e.detail) : e.detail);
      assert.equal(detail(events[1]).operation, 1);
      assert.deepEqual(detail(events[1]).roles_ended.length, 3);

      // Idempotent: again on the day, and the explicit action on an applied plan.
      const again = await eventsWrittenBy(db, async () => {
        const r = await applyDue(db, D);
        assert.equal(r.code, 0);
        assert.match(r.stdout, /nothing due/);
        const a = await act(ciso, plan, 'apply', '"1"');
        assert.equal(a.status, 200, a.text);
        assert.equal(a.json.version, plan.json.version);
      });
      assert.deepEqual(again.events, [], 'applying an applied plan writes nothing');

      await server.stop();
      const v = await auditVerify(db);
      assert.ok(v.ok, v.stdout + v.stderr);
    }));
});

describe('the server applies a plan due today on its timer', () => {
  test('merged today: people, roles and what a section head may see follow', guarded(async () => {
    const { db, server, as, units, people } = await demoServer(['--reorg_check_interval', '1']);
    const ciso = await as('ciso');
    const manager = await as('manager');
    const today = tokyoToday();
    assertError(await manager.get(`/api/v1/persons/${people.staff}`), 404, 'not_found');

    const plan = await scheduled(ciso, '工務課を料金課に統合 (即日)', today,
      [{ op: 'merge', units: [units['320']], into: units['310'] }]);
    let state = plan.json.state;
    for (let i = 0; i < 150 && state !== 'applied'; i++) {
      await sleep(100);
      state = (await ciso.get(`/api/v1/reorganisations/${plan.json.id}`)).json.state;
    }
    assert.equal(state, 'applied', 'the timer applied the plan');

    const staff = await manager.get(`/api/v1/persons/${people.staff}`);
    assert.equal(staff.status, 200, 'the section head now sees the person who joined the section');
    assert.equal(staff.json.org_unit_id, units['310']);
    assert.deepEqual(staff.json.roles.map((r) => [r.role, r.org_unit_id]), [['staff', units['310']]]);
    const session = await (await as('staff')).get('/api/v1/session');
    assert.deepEqual(session.json.person.roles.map((r) => [r.role, r.org_unit_id]), [['staff', units['310']]]);

    assert.ok((await tree(ciso, `?as_of=${addDays(today, -1)}`))['320'], '工務課 yesterday');
    assert.ok(!(await tree(ciso, `?as_of=${today}`))['320'], 'not today');
    const [event] = await storeRows(db,
      "SELECT actor, actor_id FROM audit_event WHERE action = 'reorganisation.apply'");
    assert.equal(event.actor, 'system');

    await server.stop();
    assert.ok((await auditVerify(db)).ok);
  }));
});

describe('what each operation does', () => {
  test('create, move, rename, split, close and move a person in one plan', guarded(async () => {
    const { db, server, as, units, people } = await demoServer();
    const ciso = await as('ciso');
    // Out of the way: the demo's own plan.
    const demoPlan = await ciso.get('/api/v1/reorganisations/1');
    assert.equal((await act(ciso, demoPlan, 'cancel')).json.state, 'cancelled');
    // A role held in 通信指令課 by someone from elsewhere (the auditor, of 総務課).
    const grant = await ciso.post('/api/v1/role-assignments',
      { person_id: people.auditor, role: 'system_operator', org_unit_id: units['210'] });
    assert.equal(grant.status, 201, grant.text);

    const D = `${Number(tokyoToday().slice(0, 4)) + 1}-04-01`;
    const eve = addDays(D, -1);
    const plan = await scheduled(ciso, '消防本部と事務局の組織改正', D, [
      { op: 'create', code: '400', name_ja: '消防署', name_en: 'Fire Stations', parent: units['0'] },
      { op: 'move', unit: units['220'], parent: 'new:400' },
      { op: 'rename', unit: units['110'], code: '111', name_ja: '総務企画課', name_en: 'General Affairs and Planning' },
      { op: 'create', code: '211', name_ja: '指令課', parent: units['200'] },
      { op: 'create', code: '212', name_ja: '情報通信課', parent: units['200'] },
      { op: 'split', unit: units['210'], into: [
        { unit: 'new:211', persons: [people.sysadmin] }, { unit: 'new:212', persons: [people.operator] }] },
      { op: 'move_person', person: people.contractor, unit: units['320'] },
      { op: 'close', unit: units['120'] },
    ]);
    const seq = await auditHeadSeq(db);
    const run = await applyDue(db, D);
    assert.equal(run.code, 0, run.stderr);
    const applied = await ciso.get(`/api/v1/reorganisations/${plan.json.id}`);
    assert.equal(applied.json.state, 'applied');
    assert.equal(applied.json.result.length, 8);

    const before = await tree(ciso, `?as_of=${eve}`);
    const after = await tree(ciso, `?as_of=${D}`);
    const all = await tree(ciso, '?include_closed=true');
    const codeOf = (id) => Object.values(all).find((u) => u.id === id)?.code;
    // move
    assert.equal(before['220'].parent_id, units['200']);
    assert.equal(after['220'].parent_id, all['400'].id);
    // rename: the code and names of then and of now
    assert.equal(before['110'].name_ja, '総務課');
    assert.ok(!before['111']);
    assert.equal(after['111'].name_ja, '総務企画課');
    assert.equal(after['111'].id, units['110'], 'the same unit under a new code');
    const history = (await ciso.get(`/api/v1/org-units/${units['110']}`)).json.history;
    assert.deepEqual(history.map((h) => [h.code, h.valid_from, h.valid_to]), [['110', null, eve], ['111', D, null]]);
    // split: people to their parts, roles follow their holders, outside roles go to every part
    assert.ok(before['210'] && !after['210']);
    const u210 = await ciso.get(`/api/v1/org-units/${units['210']}`);
    assert.deepEqual(u210.json.successors.map((s) => [s.code, s.kind]).sort(), [['211', 'split'], ['212', 'split']]);
    assert.equal((await ciso.get(`/api/v1/persons/${people.sysadmin}`)).json.org_unit_id, all['211'].id);
    assert.equal((await ciso.get(`/api/v1/persons/${people.operator}`)).json.org_unit_id, all['212'].id);
    const current = (list) => list.filter((r) => / \d{4}-\d\d-\d\d\.\.$/.test(r)).map((r) => r.split(' ')[0]).sort();
    assert.deepEqual(current(await rolesOf(ciso, people.sysadmin, codeOf)), ['system_manager@211']);
    assert.deepEqual(current(await rolesOf(ciso, people.operator, codeOf)), ['system_operator@212']);
    assert.deepEqual(current(await rolesOf(ciso, people.auditor, codeOf)),
      ['auditor@0', 'system_operator@211', 'system_operator@212']);
    // move_person
    const contractor = (await ciso.get(`/api/v1/persons/${people.contractor}`)).json;
    assert.equal(contractor.org_unit_id, units['320']);
    assert.deepEqual(contractor.memberships.map((m) => m.code), ['310', '320']);
    // close: gone from the tree of the day, kept with include_closed
    assert.ok(before['120'] && !after['120']);
    assert.equal(all['120'].closed, true);
    assert.equal(all['120'].valid_to, eve);
    // A closed unit takes no one new.
    const p = await ciso.get(`/api/v1/persons/${people.committee}`);
    assertFieldError(await ciso.request('PATCH', `/api/v1/persons/${people.committee}`,
      { body: { org_unit_id: units['120'] }, headers: { 'If-Match': p.headers.get('etag') } }), 'org_unit_id');

    const events = await auditEventsAfter(db, seq);
    assert.deepEqual(events.map((e) => e.action), ['org_unit.create', 'org_unit.move', 'org_unit.rename',
      'org_unit.create', 'org_unit.create', 'org_unit.split', 'person.move', 'org_unit.close', 'reorganisation.apply']);
    const details = events.map((e) => (typeof e.detail === 'string' ? JSON.parse(e.detail) : e.detail));
    details.slice(0, 8).forEach((d, i) => assert.equal(d.operation, i));
    assert.deepEqual(details[2].before, { code: '110', name_ja: '総務課', name_en: 'General Affairs Section' });

    await server.stop();
    assert.ok((await auditVerify(db)).ok);
  }));
});

describe('a plan is checked before it is scheduled and when it is applied', () => {
  test('malformed operations are refused at the edge, naming each one', guarded(async () => {
    const { db, as, units } = await demoServer();
    const ciso = await as('ciso');
    const { result: r, events } = await eventsWrittenBy(db, () => ciso.post('/api/v1/reorganisations', {
      title: '壊れた計画', effective_date: '2099-04-01',
      operations: [{ op: 'explode' }, { op: 'rename', unit: 'x' }, { op: 'merge', units: [] },
        { op: 'create', code: 'a b', name_ja: '', parent: units['0'], extra: 1 }],
    }));
    for (const f of ['operations[0].op', 'operations[1].unit', 'operations[1].code', 'operations[2].units',
      'operations[2].into', 'operations[3].code', 'operations[3].name_ja', 'operations[3].extra'])
      assertFieldError(r, f);
    assert.deepEqual(events, [], 'nothing written');
    assertFieldError(await ciso.post('/api/v1/reorganisations', { title: 'x', effective_date: 'April 1' }),
      'effective_date');
    assertFieldError(await ciso.post('/api/v1/reorganisations', { effective_date: '2099-04-01' }), 'title');
    assertFieldError(await ciso.post('/api/v1/reorganisations', { title: 'x', effective_date: '2099-04-01', y: 1 }), 'y');
    assert.equal((await ciso.get('/api/v1/reorganisations')).json.items.length, 1, 'only the demo plan');
  }));

  test('a plan that does not fit the tree: each problem names its operation; scheduling it changes nothing',
    guarded(async () => {
      const { db, as, units, people } = await demoServer();
      const ciso = await as('ciso');
      const made = await ciso.post('/api/v1/reorganisations', {
        title: '誤りだらけ', effective_date: '2099-04-01', operations: [
          { op: 'close', unit: units['310'] },                                   // 0: people in it
          { op: 'rename', unit: units['110'], code: '310' },                     // 1: code taken
          { op: 'merge', units: [units['120']], into: units['120'] },            // 2: into itself
          { op: 'move', unit: units['100'], parent: units['110'] },              // 3: a loop
          { op: 'close', unit: units['120'] },                                   // 4: fine
          { op: 'rename', unit: units['120'], name_ja: '消えた課' },             // 5: closed by 4
          { op: 'split', unit: units['320'], into: [{ unit: units['310'], persons: [] },
            { unit: units['110'], persons: [people.manager] }] },                // 6: staff unplaced; manager not a member
          { op: 'move_person', person: 999999, unit: units['310'] },             // 7: nobody
          { op: 'merge', units: [units['0']], into: units['110'] },              // 8: the root
          { op: 'create', code: '500', name_ja: '新課', parent: 'new:999' },     // 9: no such new unit
        ],
      });
      assert.equal(made.status, 201, 'a draft may be wrong');
      const expected = ['operations[0].unit', 'operations[1].code', 'operations[2].into', 'operations[3].parent',
        'operations[5].unit', 'operations[6].into', 'operations[6].into[1].persons[0]', 'operations[7].person',
        'operations[8].units[0]', 'operations[9].parent'];
      const problems = (await ciso.get(`/api/v1/reorganisations/${made.json.id}`)).json.problems.map((p) => p.field);
      assert.deepEqual([...new Set(problems)].sort(), [...expected].sort(), JSON.stringify(problems));
      const { result: s, events } = await eventsWrittenBy(db, () => act(ciso, made, 'schedule'));
      for (const f of expected) assertFieldError(s, f);
      assert.match(s.json.error.fields.find((f) => f.field === 'operations[5].unit').message, /closed by operation 4/);
      assert.deepEqual(events, [], 'a refused schedule writes nothing');
      const still = await ciso.get(`/api/v1/reorganisations/${made.json.id}`);
      assert.equal(still.json.state, 'draft');
      assert.equal(still.json.version, made.json.version);

      // A date in the past, and an empty plan, are not scheduled either.
      const past = await ciso.post('/api/v1/reorganisations',
        { title: '過去', effective_date: '2020-04-01', operations: [{ op: 'close', unit: units['120'] }] });
      assertFieldError(await act(ciso, past, 'schedule'), 'effective_date');
      const empty = await ciso.post('/api/v1/reorganisations', { title: '空', effective_date: '2099-04-01' });
      assertFieldError(await act(ciso, empty, 'schedule'), 'operations');
    }));

  test('a plan the tree no longer fits on its date fails whole, on record, and waits', guarded(async () => {
    const { db, as, units, people } = await demoServer();
    const ciso = await as('ciso');
    // Out of the way: the demo's own plan (due earlier, it would be applied first).
    assert.equal((await act(ciso, await ciso.get('/api/v1/reorganisations/1'), 'cancel')).status, 200);
    const D = '2098-04-01';
    const plan = await scheduled(ciso, '異動', D, [
      { op: 'create', code: '350', name_ja: '浄水課', parent: units['300'] },
      { op: 'move_person', person: people.staff, unit: 'new:350' },
    ]);
    // Meanwhile the person leaves.
    const staff = await ciso.get(`/api/v1/persons/${people.staff}`);
    const left = await ciso.post(`/api/v1/persons/${people.staff}/deactivate`, undefined,
      { headers: { 'If-Match': staff.headers.get('etag') } });
    assert.equal(left.status, 200, left.text);
    const count = async () => (await storeRows(db, `SELECT
        (SELECT COUNT(*) FROM org_unit) AS units, (SELECT COUNT(*) FROM org_unit_version) AS versions,
        (SELECT COUNT(*) FROM person_membership) AS memberships, (SELECT COUNT(*) FROM role_assignment) AS roles`))[0];
    const was = await count();
    const seq = await auditHeadSeq(db);
    let run = await applyDue(db, D);
    assert.equal(run.code, 1, 'apply-due fails');
    assert.match(run.stderr, /operations\[1\]\.person/);
    assert.deepEqual(await count(), was, 'nothing changed');
    const after = await ciso.get(`/api/v1/reorganisations/${plan.json.id}`);
    assert.equal(after.json.state, 'scheduled', 'it waits');
    assert.match(after.json.last_error, /has left/);
    assert.deepEqual((await auditEventsAfter(db, seq)).map((e) => e.action), ['reorganisation.apply_failed']);
    run = await applyDue(db, D);
    assert.equal(run.code, 1);
    assert.deepEqual((await auditEventsAfter(db, seq)).map((e) => e.action), ['reorganisation.apply_failed'],
      'the same reason is recorded once');
    // Fixed by taking the plan back to draft, changing it, scheduling it again.
    let p = await act(ciso, after, 'unschedule');
    assert.equal(p.json.state, 'draft');
    p = await ciso.request('PATCH', `/api/v1/reorganisations/${plan.json.id}`, {
      body: { operations: [{ op: 'create', code: '350', name_ja: '浄水課', parent: units['300'] }] },
      headers: { 'If-Match': p.headers.get('etag') },
    });
    assert.equal(p.status, 200, p.text);
    assert.equal((await act(ciso, p, 'schedule')).status, 200);
    run = await applyDue(db, D);
    assert.equal(run.code, 0, run.stderr);
    assert.ok((await tree(ciso))['350']);
  }));

  test('states and versions: only drafts change, If-Match on every change', guarded(async () => {
    const { as, units } = await demoServer();
    const ciso = await as('ciso');
    const plan = await scheduled(ciso, '状態', '2097-04-01', [{ op: 'close', unit: units['120'] }]);
    const url = `/api/v1/reorganisations/${plan.json.id}`;
    assertError(await ciso.request('PATCH', url, { body: { title: 'x' }, headers: { 'If-Match': plan.headers.get('etag') } }),
      409, 'conflict');
    assertError(await ciso.post(`${url}/cancel`, undefined), 428, 'precondition_required');
    assertError(await act(ciso, plan, 'cancel', '"1"'), 412, 'precondition_failed');
    assertError(await act(ciso, plan, 'schedule'), 409, 'conflict');
    const cancelled = await act(ciso, plan, 'cancel');
    assert.equal(cancelled.json.state, 'cancelled');
    assertError(await act(ciso, cancelled, 'apply'), 409, 'conflict');
    assertError(await act(ciso, cancelled, 'unschedule'), 409, 'conflict');
    assertError(await act(ciso, cancelled, 'cancel'), 409, 'conflict');
    const list = await ciso.get('/api/v1/reorganisations?state=cancelled');
    assert.deepEqual(list.json.items.map((p) => p.id).sort(), [plan.json.id]);
    assertFieldError(await ciso.get('/api/v1/reorganisations?state=odd'), 'state');
    assertFieldError(await ciso.get('/api/v1/reorganisations?cursor=zz'), 'cursor');
  }));
});

describe('who may plan and who may read plans', () => {
  test('a section head reads the scheduled plan of their unit, not drafts; cannot plan', guarded(async () => {
    const { db, as, units, people } = await demoServer();
    const ciso = await as('ciso');
    const draft = await ciso.post('/api/v1/reorganisations', {
      title: '内示前', effective_date: '2099-04-01',
      operations: [{ op: 'rename', unit: units['310'], name_ja: '料金サービス課' }],
    });
    const manager = await as('manager');
    assertError(await manager.post('/api/v1/reorganisations', { title: 'x', effective_date: '2099-04-01' }),
      403, 'forbidden');
    const unit = await manager.get(`/api/v1/org-units/${units['310']}`);
    assertError(await manager.request('PATCH', `/api/v1/org-units/${units['310']}`,
      { body: { name_ja: 'x' }, headers: { 'If-Match': unit.headers.get('etag') } }), 403, 'forbidden');
    const seen = (await manager.get('/api/v1/reorganisations')).json.items.map((p) => p.id);
    assert.deepEqual(seen, [1], 'the demo plan touches 料金課; the draft is not shown');
    const { result: hidden, events } = await eventsWrittenBy(db,
      () => manager.get(`/api/v1/reorganisations/${draft.json.id}`));
    assertError(hidden, 404, 'not_found');
    assert.deepEqual(events.map((e) => e.action), ['access.denied']);
    assert.equal((await manager.get('/api/v1/reorganisations/1')).status, 200);
    // A plan that moves someone from 通信指令課 into 料金課: the manager reads it, but the
    // name of someone outside their units is not theirs to know.
    const moving = await scheduled(ciso, '異動', '2099-04-01',
      [{ op: 'move_person', person: people.sysadmin, unit: units['310'] }]);
    assert.deepEqual((await ciso.get(`/api/v1/reorganisations/${moving.json.id}`)).json.persons.map((p) => p.name),
      ['田中 健']);
    const read = await manager.get(`/api/v1/reorganisations/${moving.json.id}`);
    assert.equal(read.status, 200);
    assert.deepEqual(read.json.persons, []);
    assert.deepEqual(read.json.problems, [], 'problems are the planners\' business');
    const sysadmin = await as('sysadmin');
    assert.deepEqual((await sysadmin.get('/api/v1/reorganisations')).json.items.map((p) => p.id), [moving.json.id],
      'the demo plan does not touch 通信指令課; the move does');
    assertError(await sysadmin.get('/api/v1/reorganisations/1'), 404, 'not_found');
    assertError(await (await as('staff')).get('/api/v1/reorganisations'), 403, 'forbidden');
  }));

  test('a planner of one department plans only there', guarded(async () => {
    const { db, as, units, people } = await demoServer();
    const ciso = await as('ciso');
    // 統括 for 消防本部 only: the system manager of 通信指令課 gets the role there.
    const g = await ciso.post('/api/v1/role-assignments',
      { person_id: people.sysadmin, role: 'security_director', org_unit_id: units['200'] });
    assert.equal(g.status, 201, g.text);
    const planner = await as('sysadmin');
    const outside = await planner.post('/api/v1/reorganisations', {
      title: '越権', effective_date: '2099-04-01',
      operations: [{ op: 'rename', unit: units['310'], name_ja: '料金サービス課' }],
    });
    assert.equal(outside.status, 201);
    const refused = assertFieldError(await act(planner, outside, 'schedule'), 'operations[0].unit');
    assert.match(refused.fields[0].message, /not one of your units/);
    await scheduled(planner, '消防署の改称', '2099-04-01',
      [{ op: 'rename', unit: units['220'], name_ja: '秩父中央消防署' }]);
    // Corrections too: outside the planner's units refused (and on record).
    const u310 = await planner.get(`/api/v1/org-units/${units['310']}`);
    const { result: r, events } = await eventsWrittenBy(db, () => planner.request('PATCH',
      `/api/v1/org-units/${units['310']}`, { body: { name_ja: 'x' }, headers: { 'If-Match': u310.headers.get('etag') } }));
    assertError(r, 403, 'forbidden');
    assert.deepEqual(events.map((e) => e.action), ['access.denied']);
  }));
});

describe('unit names corrected, without history', () => {
  test('PATCH /api/v1/org-units/{id}: If-Match, in place, audited', guarded(async () => {
    const { db, server, as, units } = await demoServer();
    const ciso = await as('ciso');
    const url = `/api/v1/org-units/${units['320']}`;
    const unit = await ciso.get(url);
    assert.equal(unit.headers.get('etag'), `"${unit.json.version}"`);
    assertError(await ciso.request('PATCH', url, { body: { name_en: 'Engineering Sectoin' } }), 428,
      'precondition_required');
    assertError(await ciso.request('PATCH', url, { body: { name_en: 'x' }, headers: { 'If-Match': '"99"' } }), 412,
      'precondition_failed');
    assertFieldError(await ciso.request('PATCH', url, { body: { name_ja: '' }, headers: { 'If-Match': unit.headers.get('etag') } }),
      'name_ja');
    assertFieldError(await ciso.request('PATCH', url, { body: { code: '9' }, headers: { 'If-Match': unit.headers.get('etag') } }),
      'code');
    const { result: r, events } = await eventsWrittenBy(db, () => ciso.request('PATCH', url,
      { body: { name_ja: '工務課', name_en: 'Engineering Division' }, headers: { 'If-Match': unit.headers.get('etag') } }));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.name_en, 'Engineering Division');
    assert.equal(r.json.version, unit.json.version + 1);
    assert.equal(r.json.history.length, 1, 'no new period');
    assert.equal((await tree(ciso, '?as_of=2020-01-01'))['320'].name_en, 'Engineering Division', 'the past reads the same');
    assert.deepEqual(events.map((e) => e.action), ['org_unit.correct']);
    const d = typeof events[0].detail === 'string' ? JSON.parse(events[0].detail) : events[0].detail;
    assert.equal(d.before.name_en, 'Engineering Section');
    assertFieldError(await ciso.get('/api/v1/org-units?as_of=2025-13-01'), 'as_of');
    assertFieldError(await ciso.get('/api/v1/org-units?include_closed=yes'), 'include_closed');
    await server.stop();
    assert.ok((await auditVerify(db)).ok);
  }));
});

describe('memberships of people', () => {
  test('made on creation, moved by a change, ended when a person leaves', guarded(async () => {
    const { as, units } = await demoServer();
    const ciso = await as('ciso');
    const today = tokyoToday();
    const made = await ciso.post('/api/v1/persons', { name: '所属 太郎', category: 'regular', org_unit_id: units['310'] });
    assert.equal(made.status, 201, made.text);
    let p = await ciso.get(`/api/v1/persons/${made.json.id}`);
    assert.deepEqual(p.json.memberships.map((m) => [m.code, m.valid_from, m.valid_to ?? null]), [['310', today, null]]);
    const moved = await ciso.request('PATCH', `/api/v1/persons/${made.json.id}`,
      { body: { org_unit_id: units['320'] }, headers: { 'If-Match': p.headers.get('etag') } });
    assert.equal(moved.status, 200, moved.text);
    p = await ciso.get(`/api/v1/persons/${made.json.id}`);
    // Moved on the day it began: the same period, corrected (no period is ever empty).
    assert.deepEqual(p.json.memberships.map((m) => [m.code, m.valid_from, m.valid_to ?? null]), [['320', today, null]]);
    const gone = await ciso.post(`/api/v1/persons/${made.json.id}/deactivate`, undefined,
      { headers: { 'If-Match': p.headers.get('etag') } });
    assert.equal(gone.status, 200, gone.text);
    p = await ciso.get(`/api/v1/persons/${made.json.id}`);
    assert.deepEqual(p.json.memberships.map((m) => [m.code, m.valid_to]), [['320', today]]);
  }));
});
