// The audit trail is tamper-evident: the store refuses UPDATE and DELETE on it, and
// once the guards are removed by hand, `mamori audit verify` catches a change to any
// column of an event, a deleted event and two events swapped, and names the event.
//
// Each tampering works on its own copy of the store. On SQLite the append-only
// triggers are dropped for the change and put back after it, so that the copy looks
// untouched but for the data; on PostgreSQL the change runs with
// session_replication_role = replica (the cluster's superuser), which silences
// ordinary triggers and rules.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  auditVerify, backend, copyStore, guarded, psql, sqlite3, sqlitePath, startServer,
} from './lib/harness.mjs';

let srv;          // stopped after setup; its store is the original
let baseline;     // audit verify of the original: {count, head}
let K;            // the seq of the event that is tampered with: a login.success in the middle

before(async () => {
  srv = await startServer();
  const c = srv.client();
  for (let i = 0; i < 3; i++) await c.login(srv.admin.login, srv.admin.password);
  await srv.client().tryLogin(srv.admin.login, 'wrong-password');
  await srv.client().tryLogin('somebody-else', 'wrong-password');
  assert.equal((await c.logout()).status, 204);
  const admin = await srv.adminClient();
  const logins = await admin.auditEvents({ action: 'login.success' });
  // newest first: [admin, 3rd, 2nd, 1st]; the 2nd is neither first nor last of the trail.
  K = logins[2].seq;
  await srv.stop();
  baseline = await auditVerify(srv.db);
});
after(async () => { if (srv?.running) await srv.kill(); });

// ---------------------------------------------------------------------------
// The store, by backend

/** Quotes an SQL identifier. */
const ident = (s) => `"${String(s).replace(/"/g, '""')}"`;
/** Quotes an SQL string literal. */
const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;

/**
 * Changes one character of a value's text and keeps it well-formed where that is
 * easy: the last digit goes up by one (so hex stays hex, times stay times); without
 * a digit, the last letter becomes the next one; otherwise an 'x' is appended.
 */
export function mutateText(s) {
  for (let i = s.length - 1; i >= 0; i--) {
    if (/[0-9]/.test(s[i])) return s.slice(0, i) + String((Number(s[i]) + 1) % 10) + s.slice(i + 1);
  }
  for (let i = s.length - 1; i >= 0; i--) {
    const ch = s[i];
    if (/[a-y]/i.test(ch)) return s.slice(0, i) + String.fromCharCode(ch.charCodeAt(0) + 1) + s.slice(i + 1);
    if (ch === 'z' || ch === 'Z') return s.slice(0, i) + String.fromCharCode(ch.charCodeAt(0) - 25) + s.slice(i + 1);
  }
  return s + 'x';
}

const sqliteStore = {
  async run(db, sql) {
    return sqlite3(sqlitePath(db), sql, ['-bail', '-cmd', '.timeout 5000']);
  },
  async json(db, sql) {
    const r = await sqlite3(sqlitePath(db), sql, ['-json', '-bail', '-cmd', '.timeout 5000']);
    if (r.code !== 0) throw new Error(`sqlite3 ${sql}: ${r.stderr}`);
    return r.stdout.trim() ? JSON.parse(r.stdout) : [];
  },
  /** [{name, pk}] */
  async columns(db) {
    const cols = await this.json(db, 'PRAGMA table_info(audit_event)');
    return cols.map((c) => ({ name: c.name, pk: c.pk > 0, type: (c.type || '').toUpperCase() }));
  },
  /** The column's value for event `seq`, as {type, text (JS value), sql (a literal)}. */
  async value(db, col, seq) {
    const [row] = await this.json(db,
      `SELECT typeof(${ident(col)}) AS t, quote(${ident(col)}) AS q, ${ident(col)} AS v FROM audit_event WHERE seq = ${seq}`);
    return row;
  },
  /** A literal for a changed value of `col` in event `seq`. */
  async changed(db, col, seq) {
    const { t, q, v } = await this.value(db, col.name, seq);
    if (col.name === 'seq' || col.pk) {
      const [{ m }] = await this.json(db, `SELECT max(${ident(col.name)}) AS m FROM audit_event`);
      return String(Number(m) + 1000);
    }
    switch (t) {
      case 'integer': return String(BigInt(v) + 1n);
      case 'real': return String(Number(v) + 1);
      case 'text': return lit(mutateText(v));
      case 'blob': return `X'${mutateText(q.slice(2, -1))}'`;
      default: return col.type.includes('INT') ? '1' : col.type.includes('BLOB') ? "X'00'" : "'x'";
    }
  },
  async rowSql(db, col, seq) {
    const [row] = await this.json(db, `SELECT quote(${ident(col)}) AS q FROM audit_event WHERE seq = ${seq}`);
    return row?.q;
  },
  /** Runs `sql` with the append-only triggers dropped, then puts them back. */
  async tamper(db, sql) {
    const triggers = await this.json(db,
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event'");
    const script = [
      'PRAGMA foreign_keys = OFF;',
      'BEGIN;',
      ...triggers.map((t) => `DROP TRIGGER ${ident(t.name)};`),
      sql.trim().replace(/;?$/, ';'),
      ...triggers.map((t) => `${t.sql};`),
      'COMMIT;',
    ].join('\n');
    const r = await this.run(db, script);
    if (r.code !== 0) throw new Error(`tampering failed (exit ${r.code}): ${r.stderr}\n${script}`);
    return triggers;
  },
  swapSql: (a, b) => `
    CREATE TEMP TABLE sw AS SELECT * FROM audit_event WHERE seq IN (${a}, ${b});
    UPDATE sw SET seq = CASE seq WHEN ${a} THEN ${b} ELSE ${a} END;
    DELETE FROM audit_event WHERE seq IN (${a}, ${b});
    INSERT INTO audit_event SELECT * FROM sw;
    DROP TABLE sw`,
};

const pgStore = {
  async run(db, sql) {
    return psql(db, sql);
  },
  async json(db, sql) {
    const r = await psql(db, `SELECT coalesce(json_agg(t), '[]') FROM (${sql}) t`);
    if (r.code !== 0) throw new Error(`psql ${sql}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  },
  async columns(db) {
    return this.json(db, `
      SELECT a.attname AS name, a.atttypid::regtype::text AS type,
             coalesce(i.indisprimary, false) AS pk
        FROM pg_attribute a
        LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary AND a.attnum = ANY (i.indkey)
       WHERE a.attrelid = 'audit_event'::regclass AND a.attnum > 0 AND NOT a.attisdropped
       ORDER BY a.attnum`);
  },
  async changed(db, col, seq) {
    if (col.name === 'seq' || col.pk) {
      const [{ m }] = await this.json(db, `SELECT max(${ident(col.name)}) AS m FROM audit_event`);
      return `${Number(m) + 1000}`;
    }
    const [{ v }] = await this.json(db, `SELECT ${ident(col.name)}::text AS v FROM audit_event WHERE seq = ${seq}`);
    const type = col.type;
    if (v === null) {
      const byType = {
        boolean: 'true', bytea: "'\\x00'::bytea", json: `'{}'::json`, jsonb: `'{}'::jsonb`, inet: `'10.0.0.1'::inet`,
        uuid: 'gen_random_uuid()', 'timestamp with time zone': 'now()', 'timestamp without time zone': 'now()',
        integer: '1', bigint: '1', smallint: '1', numeric: '1',
      };
      return byType[type] || `'x'::${type}`;
    }
    if (type === 'boolean') return v === 'true' ? 'false' : 'true';
    if (type === 'json' || type === 'jsonb') {
      const j = JSON.parse(v);
      const bump = (o) => {
        if (typeof o === 'string') return mutateText(o);
        if (typeof o === 'number') return o + 1;
        if (Array.isArray(o)) return o.length ? [bump(o[0]), ...o.slice(1)] : [1];
        if (o && typeof o === 'object') {
          const k = Object.keys(o).at(-1);
          return k === undefined ? { x: 1 } : { ...o, [k]: bump(o[k]) };
        }
        return { x: 1 };
      };
      return `${lit(JSON.stringify(bump(j)))}::${type}`;
    }
    return `${lit(mutateText(v))}::${type}`;
  },
  async rowSql(db, col, seq) {
    const [row] = await this.json(db, `SELECT ${ident(col)}::text AS q FROM audit_event WHERE seq = ${seq}`);
    return row?.q;
  },
  async tamper(db, sql) {
    const script = `BEGIN; SET LOCAL session_replication_role = replica; ${sql.trim().replace(/;?$/, ';')} COMMIT;`;
    const r = await psql(db, script);
    if (r.code !== 0) throw new Error(`tampering failed (exit ${r.code}): ${r.stderr}\n${script}`);
  },
  swapSql: (a, b) => `
    CREATE TEMP TABLE sw AS SELECT * FROM audit_event WHERE seq IN (${a}, ${b});
    UPDATE sw SET seq = CASE seq WHEN ${a} THEN ${b} ELSE ${a} END;
    DELETE FROM audit_event WHERE seq IN (${a}, ${b});
    INSERT INTO audit_event OVERRIDING SYSTEM VALUE SELECT * FROM sw;
    DROP TABLE sw`,
};

const store = backend === 'sqlite' ? sqliteStore : pgStore;

/** Asserts that verify fails with exit 1 and names one of `seqs` as the first broken event. */
function assertBroken(v, seqs, what) {
  assert.equal(v.code, 1, `${what}: audit verify exits 1 (got ${v.code})\n${v.stdout}${v.stderr}`);
  assert.ok(!v.ok, `${what}: verify must not say ok`);
  assert.ok(seqs.includes(v.brokenSeq),
    `${what}: verify names event ${seqs.join(' or ')} (named ${v.brokenSeq})\n${v.stdout}${v.stderr}`);
}

// ---------------------------------------------------------------------------

test('the untouched store verifies: ok, count, head', guarded(async () => {
  assert.equal(baseline.code, 0, baseline.stdout + baseline.stderr);
  assert.ok(baseline.ok, `"ok: N events, head HEX": ${baseline.stdout}`);
  assert.match(baseline.head, /^[0-9a-f]{64}$/);
  const [{ n }] = await store.json(srv.db, 'SELECT count(*) AS n FROM audit_event');
  assert.equal(baseline.count, Number(n), 'verify counts every stored event');
  const [{ h }] = await store.json(srv.db, 'SELECT hash AS h FROM audit_event ORDER BY seq DESC LIMIT 1');
  assert.equal(String(h).toLowerCase().replace(/^\\x/, ''), baseline.head, 'the head is the newest event\'s hash');
}));

describe(`the store refuses changes to the trail (${backend})`, () => {
  const cases = [
    { name: 'UPDATE one column of one event', sql: () => `UPDATE audit_event SET action = 'tampered' WHERE seq = ${K}` },
    { name: 'UPDATE a hash', sql: () => `UPDATE audit_event SET hash = prev_hash WHERE seq = ${K}` },
    { name: 'UPDATE of every event', sql: () => `UPDATE audit_event SET ip = '10.9.9.9'` },
    { name: 'DELETE one event', sql: () => `DELETE FROM audit_event WHERE seq = ${K}` },
    { name: 'DELETE every event', sql: () => 'DELETE FROM audit_event' },
    ...(backend === 'postgres'
      ? [{ name: 'TRUNCATE', sql: () => 'TRUNCATE audit_event' }]
      : []),
  ];
  for (const c of cases) {
    test(`${c.name} is refused`, guarded(async () => {
      const db = await copyStore(srv.db);
      const r = await store.run(db, c.sql());
      assert.notEqual(r.code, 0, `the store accepted: ${c.sql()}\n${r.stdout}`);
      assert.ok(r.stderr.trim().length > 0, 'the refusal says why');
      const v = await auditVerify(db);
      assert.ok(v.ok, v.stdout + v.stderr);
      assert.equal(v.count, baseline.count, 'no event is gone');
      assert.equal(v.head, baseline.head, 'the head is unchanged');
    }));
  }

  test('the original store was refused in place too', guarded(async () => {
    const r = await store.run(srv.db, `UPDATE audit_event SET action = 'tampered' WHERE seq = ${K}`);
    assert.notEqual(r.code, 0, 'the store accepted an UPDATE');
    const d = await store.run(srv.db, `DELETE FROM audit_event WHERE seq = ${K}`);
    assert.notEqual(d.code, 0, 'the store accepted a DELETE');
    const v = await auditVerify(srv.db);
    assert.ok(v.ok);
    assert.equal(v.head, baseline.head);
  }));
});

describe(`verify catches each changed column of event K (${backend})`, () => {
  let columns = [];
  before(async () => { columns = await store.columns(srv.db); });

  test('the table has the columns the API shows', guarded(async () => {
    const names = columns.map((c) => c.name);
    for (const c of ['seq', 'occurred_at', 'actor_id', 'action', 'object_type', 'object_id', 'ip', 'detail', 'hash', 'prev_hash']) {
      assert.ok(names.includes(c), `audit_event has ${c}: ${names}`);
    }
  }));

  // One subtest per column, found at run time.
  test('each column, one copy of the store per column', guarded(async (t) => {
    assert.ok(columns.length > 0);
    for (const col of columns) {
      await t.test(`column ${col.name}`, guarded(async (t) => {
        const db = await copyStore(srv.db);
        const before = await store.rowSql(db, col.name, K);
        const value = await store.changed(db, col, K);
        await store.tamper(db, `UPDATE audit_event SET ${ident(col.name)} = ${value} WHERE seq = ${K}`);
        const isSeq = col.name === 'seq' || col.pk;
        if (!isSeq) {
          const afterV = await store.rowSql(db, col.name, K);
          assert.notEqual(afterV, before, `the change of ${col.name} took (was ${before})`);
        }
        const v = await auditVerify(db);
        // A moved seq leaves a hole at K: the verifier may name the hole, the event
        // after it, or the moved event.
        const expect = isSeq ? [K, K + 1, Number(value)] : [K];
        assertBroken(v, expect, `column ${col.name} changed from ${before} to ${value}`);
        t.diagnostic(`${col.name}: ${(v.stdout + v.stderr).trim()}`);
      }));
    }
  }));
});

describe(`verify catches deleted and reordered events (${backend})`, () => {
  test('an event deleted from the middle', guarded(async () => {
    const db = await copyStore(srv.db);
    await store.tamper(db, `DELETE FROM audit_event WHERE seq = ${K}`);
    const [{ n }] = await store.json(db, 'SELECT count(*) AS n FROM audit_event');
    assert.equal(Number(n), baseline.count - 1, 'the event is gone');
    assertBroken(await auditVerify(db), [K, K + 1], `event ${K} deleted`);
  }));

  test('the first event deleted', guarded(async () => {
    const db = await copyStore(srv.db);
    const [{ s }] = await store.json(db, 'SELECT min(seq) AS s FROM audit_event');
    await store.tamper(db, `DELETE FROM audit_event WHERE seq = ${s}`);
    assertBroken(await auditVerify(db), [Number(s), Number(s) + 1], `first event ${s} deleted`);
  }));

  test('the newest event deleted (caught by the head row)', guarded(async () => {
    const db = await copyStore(srv.db);
    const [{ s }] = await store.json(db, 'SELECT max(seq) AS s FROM audit_event');
    await store.tamper(db, `DELETE FROM audit_event WHERE seq = ${s}`);
    assertBroken(await auditVerify(db), [Number(s), Number(s) - 1], `newest event ${s} deleted`);
  }));

  test('two events\' contents swapped', guarded(async () => {
    const db = await copyStore(srv.db);
    const before = await store.rowSql(db, 'action', K);
    await store.tamper(db, store.swapSql(K, K + 1));
    assert.equal(await store.rowSql(db, 'action', K + 1), before, 'the contents moved');
    assertBroken(await auditVerify(db), [K], `events ${K} and ${K + 1} swapped`);
  }));

  test('one event\'s hash recomputed by a forger who lacks the chain', guarded(async () => {
    // Change the action and write a plausible-looking hash: the next event's
    // prev_hash no longer matches, or the recomputation fails.
    const db = await copyStore(srv.db);
    await store.tamper(db, `UPDATE audit_event SET action = 'logout' WHERE seq = ${K}`);
    assertBroken(await auditVerify(db), [K], 'action rewritten');
  }));
});
