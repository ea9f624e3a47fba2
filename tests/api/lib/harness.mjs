// Harness for the API tests: starts the real `mamori serve` on a free port with a
// fresh store, talks HTTP to it, and runs the CLI against the same store.
//
// Environment:
//   MAMORI_BIN           the binary (default build/mamori, relative to the repo root)
//   MAMORI_TEST_BACKEND  sqlite (default) or postgres
//   MAMORI_TEST_PG       for postgres: URL of a throwaway cluster (scripts/pg-throwaway)
//   MAMORI_PSQL          psql to use (default psql); MAMORI_SQLITE3 likewise (sqlite3)
//   MAMORI_TEST_KEEP=1   keep the temporary stores after the run
//
// Main exports: startServer (a running server on a fresh store), Client (cookies and
// CSRF token kept), guarded (prints the servers' stderr when a test fails),
// runCli / auditVerify, freshStore / initStore / copyStore, storeSql / storeRows /
// eventsWrittenBy (read the store with its own shell), rawRequest (bytes over
// node:net where fetch cannot say it), sqliteOnly / postgresOnly (skip options).
//
// PostgreSQL: scripts/pg-throwaway start DIR prints a MAMORI_TEST_PG; each server
// gets its own database mamori_t_<random>, dropped when the test file's process exits.

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after as afterAll } from 'node:test';
import { fileURLToPath } from 'node:url';

import { nextCode, parseTotpLines } from '../../lib/totp.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..', '..');
export const bin = path.resolve(repoRoot, process.env.MAMORI_BIN || 'build/mamori');
export const backend = process.env.MAMORI_TEST_BACKEND || 'sqlite';
export const PSQL = process.env.MAMORI_PSQL || 'psql';
export const SQLITE3 = process.env.MAMORI_SQLITE3 || 'sqlite3';

if (backend !== 'sqlite' && backend !== 'postgres')
  throw new Error(`MAMORI_TEST_BACKEND must be sqlite or postgres, not ${backend}`);
if (backend === 'postgres' && !process.env.MAMORI_TEST_PG)
  throw new Error('MAMORI_TEST_BACKEND=postgres needs MAMORI_TEST_PG (see scripts/pg-throwaway)');

/** Skip option for tests that only mean something on SQLite. */
export const sqliteOnly = (reason) =>
  backend === 'sqlite' ? {} : { skip: `SQLite only: ${reason}` };
/** Skip option for tests that only mean something on PostgreSQL. */
export const postgresOnly = (reason) =>
  backend === 'postgres' ? {} : { skip: `PostgreSQL only: ${reason}` };

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const randomToken = (n = 20) => randomBytes(n).toString('base64url').slice(0, n);

// ---------------------------------------------------------------------------
// Cleanup: every process and store this test file made goes when it exits.

const live = new Set();      // running servers (Server objects)
const started = [];          // every server started, for log dumps
const cleanups = [];         // synchronous cleanups run at exit
const keep = process.env.MAMORI_TEST_KEEP === '1';

// A server left running by a failed test would keep this file's process alive (its
// pipes are open handles), and the test runner waits for the process: kill them all
// once the file's tests are done.
afterAll(async () => {
  await Promise.all([...live].map((s) => s.kill()));
});

process.on('exit', () => {
  for (const s of live) {
    try { s.child.kill('SIGKILL'); } catch { /* already gone */ }
  }
  if (keep) return;
  for (const f of cleanups.reverse()) {
    try { f(); } catch { /* best effort */ }
  }
});

// Interrupted (Ctrl-C, a timeout's SIGTERM): still clean up, through the exit handler.
for (const [sig, n] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
  process.once(sig, () => process.exit(128 + n));
}

export function tmpDir(prefix = 'mamori-api-') {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

// ---------------------------------------------------------------------------
// Processes

/**
 * Runs a command to completion. Resolves {code, signal, stdout, stderr}; never
 * rejects for a non-zero exit. opts: env (added to the environment), input,
 * timeout (ms, default 60 s), detached (no controlling terminal).
 */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...(opts.env || {}) };
    for (const [k, v] of Object.entries(opts.env || {})) if (v === undefined) delete env[k];
    const child = spawn(cmd, args, {
      env,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: !!opts.detached,
    });
    let stdout = '', stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => {
      try { child.kill('SIGKILL'); } catch { /* gone */ }
      reject(new Error(`${cmd} ${args.join(' ')}: no exit within ${opts.timeout || 60000} ms\n${stderr}`));
    }, opts.timeout || 60000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    if (opts.input !== undefined) child.stdin.end(opts.input);
  });
}

// ---------------------------------------------------------------------------
// Second factors: the TOTP secrets of the logins whose role requires one, per store.
// `mamori init` and `mamori demo` print them (`totp LOGIN SECRET`); runCli remembers
// them, and Client.login passes the second step with them, so a test logs in as the
// CISO as it would without MFA. A login that must set one up is enrolled on the fly.

const totpSecrets = new Map(); // `${store}\n${login}` → base32 secret

/** The TOTP secret the harness knows for login on the store dbUrl (or undefined). */
export function totpSecret(dbUrl, login) {
  return totpSecrets.get(`${dbUrl}\n${login}`);
}
/** Remembers a login's TOTP secret for a store. */
export function rememberTotp(dbUrl, login, secret) {
  totpSecrets.set(`${dbUrl}\n${login}`, secret);
}

/** Runs `mamori ARGS...`; the TOTP secrets init and demo print are remembered. */
export async function runCli(args, opts = {}) {
  const r = await run(bin, args, opts);
  const i = args.indexOf('--db');
  if (r.code === 0 && i >= 0 && (args[0] === 'init' || args[0] === 'demo'))
    for (const [login, secret] of Object.entries(parseTotpLines(r.stdout))) rememberTotp(args[i + 1], login, secret);
  return r;
}

/**
 * `mamori audit verify --db URL`. Resolves {code, stdout, stderr, ok, count, head,
 * brokenSeq}: count and head parsed from `ok: N events, head HEX`, brokenSeq from the
 * first `event <seq>` named on stdout or stderr.
 */
export async function auditVerify(dbUrl, extraArgs = []) {
  const r = await runCli(['audit', 'verify', '--db', dbUrl, ...extraArgs]);
  const m = /^ok: (\d+) events?, head ([0-9a-f]+)\s*$/m.exec(r.stdout);
  const b = /\bevent (\d+)\b/.exec(r.stdout + '\n' + r.stderr);
  return {
    ...r,
    ok: r.code === 0 && !!m,
    count: m ? Number(m[1]) : null,
    head: m ? m[2] : null,
    brokenSeq: b ? Number(b[1]) : null,
  };
}

/** Number of audit events in the store, read by the verifier (which writes nothing). */
export async function auditCount(dbUrl) {
  const v = await auditVerify(dbUrl);
  if (!v.ok) throw new Error(`audit verify failed (exit ${v.code}):\n${v.stdout}${v.stderr}`);
  return v.count;
}

/** Runs sqlite3 on FILE with SQL; resolves {code, stdout, stderr}. */
export function sqlite3(file, sql, args = []) {
  return run(SQLITE3, [...args, file, sql]);
}

/** Runs psql on URL with SQL (ON_ERROR_STOP, unaligned, tuples only). */
export function psql(url, sql, args = []) {
  return run(PSQL, ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', ...args, '-d', url, '-c', sql]);
}

// ---------------------------------------------------------------------------
// Stores

/** The path of a sqlite:PATH store URL. */
export function sqlitePath(dbUrl) {
  if (!dbUrl.startsWith('sqlite:')) throw new Error(`not a sqlite URL: ${dbUrl}`);
  return dbUrl.slice('sqlite:'.length);
}

/** The same PostgreSQL URL naming another database. */
export function pgUrlWithDatabase(url, dbname) {
  const m = /^(postgres(?:ql)?:\/\/[^/?#]*)(\/[^?#]*)?(\?[^#]*)?$/.exec(url);
  if (!m) throw new Error(`cannot parse PostgreSQL URL ${url}`);
  return `${m[1]}/${dbname}${m[3] || ''}`;
}

/** The database name of a PostgreSQL URL. */
export function pgDatabase(url) {
  const m = /^postgres(?:ql)?:\/\/[^/?#]*\/([^?#]*)/.exec(url);
  return m ? decodeURIComponent(m[1]) : null;
}

/**
 * A fresh, empty store URL for the configured backend (not initialised).
 * SQLite: sqlite:/tmp/…/m.db in a new temporary directory.
 * PostgreSQL: a new database mamori_t_<random> in the MAMORI_TEST_PG cluster.
 */
export async function freshStore({ dbBackend = backend } = {}) {
  if (dbBackend === 'sqlite') {
    const dir = tmpDir();
    return `sqlite:${path.join(dir, 'm.db')}`;
  }
  const admin = process.env.MAMORI_TEST_PG;
  const name = `mamori_t_${randomBytes(6).toString('hex')}`;
  const r = await psql(admin, `CREATE DATABASE ${name}`);
  if (r.code !== 0) throw new Error(`CREATE DATABASE ${name} failed:\n${r.stderr}`);
  cleanups.push(() => spawnSync(PSQL, ['-X', '-q', '-d', admin, '-c',
    `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: 'ignore' }));
  return pgUrlWithDatabase(admin, name);
}

/**
 * A copy of a store that nothing else uses, for tests that tamper with it.
 * The source must be consistent: stop its server first (SQLite: .backup is used
 * anyway; PostgreSQL: CREATE DATABASE … TEMPLATE needs no other connection).
 */
export async function copyStore(dbUrl) {
  const copy = await copyStoreData(dbUrl);
  for (const [key, secret] of [...totpSecrets]) {
    const [store, login] = key.split('\n');
    if (store === dbUrl) rememberTotp(copy, login, secret);
  }
  return copy;
}

async function copyStoreData(dbUrl) {
  if (dbUrl.startsWith('sqlite:')) {
    const dst = path.join(tmpDir(), 'copy.db');
    const r = await sqlite3(sqlitePath(dbUrl), `.backup '${dst}'`);
    if (r.code !== 0) throw new Error(`sqlite3 .backup failed: ${r.stderr}`);
    // The TOTP secrets in it are sealed with the key of the store's folder.
    const key = path.join(path.dirname(sqlitePath(dbUrl)), 'mfa.key');
    if (fs.existsSync(key)) fs.copyFileSync(key, path.join(path.dirname(dst), 'mfa.key'));
    return `sqlite:${dst}`;
  }
  const admin = process.env.MAMORI_TEST_PG;
  const name = `mamori_t_${randomBytes(6).toString('hex')}`;
  const r = await psql(admin, `CREATE DATABASE ${name} TEMPLATE ${pgDatabase(dbUrl)}`);
  if (r.code !== 0) throw new Error(`CREATE DATABASE ${name} TEMPLATE failed:\n${r.stderr}`);
  cleanups.push(() => spawnSync(PSQL, ['-X', '-q', '-d', admin, '-c',
    `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: 'ignore' }));
  return pgUrlWithDatabase(admin, name);
}

/** Runs SQL against a store with the backend's own shell. */
export function storeSql(dbUrl, sql) {
  return dbUrl.startsWith('sqlite:')
    ? sqlite3(sqlitePath(dbUrl), sql, ['-bail', '-cmd', '.timeout 5000'])
    : psql(dbUrl, sql);
}

/** Rows of a SELECT, read with the backend's own shell, as objects. */
export async function storeRows(dbUrl, sql) {
  if (dbUrl.startsWith('sqlite:')) {
    const r = await sqlite3(sqlitePath(dbUrl), sql, ['-json', '-cmd', '.timeout 5000']);
    if (r.code !== 0) throw new Error(`sqlite3: ${sql}: ${r.stderr}`);
    return r.stdout.trim() ? JSON.parse(r.stdout) : [];
  }
  const r = await psql(dbUrl, `SELECT coalesce(json_agg(t), '[]') FROM (${sql}) t`);
  if (r.code !== 0) throw new Error(`psql: ${sql}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/**
 * Aggregated anonymous refusals: written on a timer and at shutdown, never because
 * of one request, so they are left out when a test asks what a request wrote.
 */
export const TIMED_ACTIONS = new Set(['refusal.anonymous']);

/** The newest seq of the trail, read from the store (0 when empty). */
export async function auditHeadSeq(dbUrl) {
  const [row] = await storeRows(dbUrl, 'SELECT coalesce(max(seq), 0) AS s FROM audit_event');
  return Number(row.s);
}

/** Events after `seq`, oldest first, from the store, less the timed ones. */
export async function auditEventsAfter(dbUrl, seq) {
  const rows = await storeRows(dbUrl,
    `SELECT seq, action, actor_id, actor, object_type, object_id, detail FROM audit_event WHERE seq > ${Number(seq)} ORDER BY seq`);
  return rows.filter((e) => !TIMED_ACTIONS.has(e.action));
}

/** Runs fn; resolves {result, events}: what fn returned and the events it wrote. */
export async function eventsWrittenBy(dbUrl, fn) {
  const before = await auditHeadSeq(dbUrl);
  const result = await fn();
  return { result, events: await auditEventsAfter(dbUrl, before) };
}

/** `mamori init` on a store; resolves the admin {login, password, totp} (totp: the secret
 * of the second factor init set up, when the CISO's role requires one). Throws on failure. */
export async function initStore(dbUrl, { login = 'ciso', password = randomToken(20) } = {}) {
  const r = await runCli(['init', '--db', dbUrl], {
    env: { MAMORI_ADMIN_PASSWORD: password, MAMORI_ADMIN_LOGIN: login },
  });
  if (r.code !== 0)
    throw new Error(`mamori init --db ${dbUrl} exited ${r.code}:\n${r.stdout}${r.stderr}`);
  return { login, password, totp: totpSecret(dbUrl, login) };
}

// ---------------------------------------------------------------------------
// Ports and raw sockets

/** A TCP port that was free a moment ago (bound to port 0, then closed). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Sends raw bytes over a TCP connection and collects the answer. `chunks` is a list
 * of Buffers/strings or {wait: ms} pauses or functions (called between writes).
 * Resolves {raw, status, headers (lower-cased, last wins), body, closed, error};
 * finishes when the server closes the connection, when a full response has arrived
 * (by Content-Length or chunked), or after `timeout` ms. Writing stops once the
 * server has begun to answer (unless stopOnAnswer is false).
 */
export function rawRequest(port, chunks, { timeout = 10000, stopOnAnswer = true } = {}) {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    let buf = Buffer.alloc(0);
    let done = false;
    let error = null;
    const finish = (closed) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve({ ...parseHttp(buf), closed, error });
    };
    const timer = setTimeout(() => finish(false), timeout);
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      const p = parseHttp(buf);
      if (p.complete) finish(false);
    });
    sock.on('error', (e) => { error = e; finish(true); });
    sock.on('close', () => finish(true));
    sock.on('connect', async () => {
      for (const c of chunks) {
        // Once the server has begun to answer, sending more only risks a reset that
        // would throw the answer away.
        if (done || (buf.length > 0 && stopOnAnswer)) return;
        if (typeof c === 'function') await c();
        else if (c && typeof c === 'object' && 'wait' in c) await sleep(c.wait);
        else {
          await new Promise((r) => sock.write(c, () => r()));
          await sleep(1); // a turn of the event loop, so that an early answer is read
        }
      }
    });
  });
}

function parseHttp(buf) {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return { raw: buf, status: null, headers: {}, body: '', complete: false };
  const head = buf.subarray(0, end).toString('latin1').split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(head[0]);
  const headers = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = buf.subarray(end + 4);
  let complete;
  if (/\bchunked\b/i.test(headers['transfer-encoding'] || '')) {
    ({ body, complete } = dechunk(body));
  } else {
    const len = headers['content-length'] !== undefined ? Number(headers['content-length']) : null;
    complete = len !== null && body.length >= len;
  }
  return { raw: buf, status: m ? Number(m[1]) : null, headers, body: body.toString('utf8'), complete };
}

/** Decodes a chunked body as far as it has arrived. */
function dechunk(buf) {
  const parts = [];
  let i = 0;
  for (;;) {
    const eol = buf.indexOf('\r\n', i);
    if (eol < 0) return { body: Buffer.concat(parts), complete: false };
    const size = parseInt(buf.subarray(i, eol).toString('latin1'), 16);
    if (Number.isNaN(size)) return { body: Buffer.concat(parts), complete: false };
    if (size === 0) return { body: Buffer.concat(parts), complete: true };
    if (buf.length < eol + 2 + size + 2) return { body: Buffer.concat(parts), complete: false };
    parts.push(buf.subarray(eol + 2, eol + 2 + size));
    i = eol + 2 + size + 2;
  }
}

// ---------------------------------------------------------------------------
// HTTP

/**
 * One HTTP request. body: an object (sent as JSON), a string or Buffer (sent as is),
 * or undefined. Resolves {status, headers (Headers), text, json (or undefined),
 * setCookies (array of raw Set-Cookie lines), ms (elapsed)}.
 */
export async function httpRequest(baseUrl, method, p, { body, headers = {}, cookie, signal, contentType } = {}) {
  const h = { ...headers };
  let payload;
  if (body !== undefined) {
    if (typeof body === 'string' || Buffer.isBuffer(body) || body instanceof Uint8Array) payload = body;
    else payload = JSON.stringify(body);
    if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type'))
      h['Content-Type'] = contentType || 'application/json';
  }
  if (cookie) h.Cookie = cookie;
  const t0 = performance.now();
  const res = await fetch(baseUrl + p, { method, headers: h, body: payload, redirect: 'manual', signal });
  const text = await res.text();
  let json;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  return {
    status: res.status,
    headers: res.headers,
    text,
    json,
    setCookies: res.headers.getSetCookie(),
    ms: performance.now() - t0,
  };
}

/** Parses one Set-Cookie line into {name, value, attrs: {lower-cased name: value|true}}. */
export function parseSetCookie(line) {
  const [first, ...rest] = line.split(';');
  const i = first.indexOf('=');
  const attrs = {};
  for (const a of rest) {
    const j = a.indexOf('=');
    const k = (j < 0 ? a : a.slice(0, j)).trim().toLowerCase();
    if (k) attrs[k] = j < 0 ? true : a.slice(j + 1).trim();
  }
  return { name: first.slice(0, i).trim(), value: first.slice(i + 1).trim(), attrs };
}

/**
 * A browser-like client: keeps the cookies the server sets (mamori_session,
 * mamori_csrf) and the CSRF token, and sends X-CSRF-Token on unsafe methods.
 */
export class Client {
  /** store: the server's store URL, to find the TOTP secrets of its logins. */
  constructor(baseUrl, store = null) {
    this.baseUrl = baseUrl;
    this.store = store;
    this.cookies = new Map();
    this.csrf = null;
    this.recoveryCodes = null; // from an enrolment made by login()
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') || undefined;
  }

  absorb(res) {
    for (const line of res.setCookies) {
      const c = parseSetCookie(line);
      const expired = c.value === '' || c.attrs['max-age'] === '0' ||
        (c.attrs.expires && Date.parse(c.attrs.expires) < Date.now());
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if (res.json && typeof res.json.csrf_token === 'string') this.csrf = res.json.csrf_token;
  }

  /**
   * opts: body, headers, csrf (false: send no token; a string: send that token;
   * default: the kept one on POST/PUT/PATCH/DELETE), cookie (override the jar).
   */
  async request(method, p, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    const token = opts.csrf === undefined ? (unsafe ? this.csrf : null) : opts.csrf;
    if (token) headers['X-CSRF-Token'] = token;
    const res = await httpRequest(this.baseUrl, method, p, {
      ...opts, headers, cookie: opts.cookie === undefined ? this.cookieHeader() : opts.cookie,
    });
    this.absorb(res);
    return res;
  }

  get(p, opts) { return this.request('GET', p, opts); }
  post(p, body, opts = {}) { return this.request('POST', p, { ...opts, body }); }
  delete(p, opts) { return this.request('DELETE', p, opts); }

  /** GET /api/v1/session: fetches the anonymous CSRF token and cookie. */
  async prepare() {
    const r = await this.get('/api/v1/session');
    if (r.status !== 200) throw new Error(`GET /api/v1/session: ${r.status} ${r.text}`);
    return r;
  }

  /** Logs in; resolves the POST answer (whatever its status). */
  async tryLogin(login, password) {
    await this.prepare();
    return this.post('/api/v1/session', { login, password });
  }

  /**
   * Logs in and insists on 200; resolves the session's answer. Where the login owes a
   * second factor it is given (the TOTP code of the known secret), or set up first when
   * the login has none yet (the secret is then remembered, the recovery codes kept in
   * this.recoveryCodes).
   */
  async login(login, password) {
    const r = await this.tryLogin(login, password);
    if (r.status !== 200) throw new Error(`login ${login}: ${r.status} ${r.text}`);
    if (!r.json?.mfa_pending) return r;
    return this.secondFactor(login, r.json.mfa.enrolled);
  }

  /** The login's second step for a session that owes it; resolves the session's answer. */
  async secondFactor(login, enrolled) {
    if (enrolled) {
      const secret = this.store && totpSecret(this.store, login);
      if (!secret) throw new Error(`login ${login} owes a TOTP code, and no secret of it is known for ${this.store}`);
      const v = await this.post('/api/v1/session/mfa', { code: await nextCode(secret) });
      if (v.status !== 200) throw new Error(`second factor of ${login}: ${v.status} ${v.text}`);
      return v;
    }
    const start = await this.post('/api/v1/account/mfa');
    if (start.status !== 201) throw new Error(`MFA enrolment of ${login}: ${start.status} ${start.text}`);
    if (this.store) rememberTotp(this.store, login, start.json.secret);
    const done = await this.post('/api/v1/account/mfa/confirm', { code: await nextCode(start.json.secret) });
    if (done.status !== 200) throw new Error(`MFA confirmation of ${login}: ${done.status} ${done.text}`);
    this.recoveryCodes = done.json.recovery_codes;
    const v = await this.get('/api/v1/session');
    if (v.status !== 200 || v.json.mfa_pending) throw new Error(`session after enrolment of ${login}: ${v.text}`);
    return v;
  }

  logout() { return this.delete('/api/v1/session'); }

  /** Every audit event matching `query` (an object of filters), newest first, following cursors. */
  async auditEvents(query = {}, { limit = 500 } = {}) {
    const items = [];
    let cursor = null;
    for (let i = 0; i < 10000; i++) {
      const q = new URLSearchParams({ ...query, limit: String(limit) });
      if (cursor) q.set('cursor', cursor);
      const r = await this.get(`/api/v1/audit-events?${q}`);
      if (r.status !== 200) throw new Error(`GET audit-events: ${r.status} ${r.text}`);
      items.push(...r.json.items);
      cursor = r.json.next_cursor;
      if (!cursor) return items;
    }
    throw new Error('audit-events: cursor never ended');
  }
}

// ---------------------------------------------------------------------------
// Servers

const LOG_CAP = 4 << 20;

class Server {
  constructor({ db, port, child, admin, backend: b }) {
    this.db = db;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.bin = bin;
    this.child = child;
    this.admin = admin;
    this.backend = b;
    this.stderr = '';
    this.stdout = '';
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        live.delete(this);
        this.exitCode = code;
        this.exitSignal = signal;
        resolve({ code, signal });
      });
    });
    child.stderr.setEncoding('utf8').on('data', (d) => {
      this.stderr += d;
      if (this.stderr.length > LOG_CAP) this.stderr = this.stderr.slice(-LOG_CAP / 2);
    });
    child.stdout.setEncoding('utf8').on('data', (d) => {
      this.stdout += d;
      if (this.stdout.length > LOG_CAP) this.stdout = this.stdout.slice(-LOG_CAP / 2);
    });
  }

  get running() { return this.exitCode === undefined && this.exitSignal === undefined; }

  request(method, p, opts = {}) { return httpRequest(this.url, method, p, opts); }

  client() { return new Client(this.url, this.db); }

  /**
   * A client logged in as the CISO made by init. The CISO's login takes a TOTP code,
   * and each code is good once, so one session is shared by the clients this hands
   * out (each with its own cookie jar); a new login is made when it has ended.
   */
  async adminClient() {
    if (this.adminSession) {
      const c = this.client();
      for (const [k, v] of this.adminSession.cookies) c.cookies.set(k, v);
      c.csrf = this.adminSession.csrf;
      const r = await c.get('/api/v1/session');
      if (r.status === 200 && r.json.authenticated) return c;
    }
    const c = this.client();
    await c.login(this.admin.login, this.admin.password);
    this.adminSession = { cookies: new Map(c.cookies), csrf: c.csrf };
    return c;
  }

  /** Sends SIGTERM and asserts exit code 0 within `timeout` ms. */
  async stop({ timeout = 10000 } = {}) {
    if (!this.running) {
      const e = await this.exited;
      if (e.code !== 0) throw new Error(`server had already exited: code ${e.code} signal ${e.signal}\n${this.tail()}`);
      return e;
    }
    this.child.kill('SIGTERM');
    const e = await Promise.race([this.exited, sleep(timeout).then(() => null)]);
    if (e === null) {
      this.child.kill('SIGKILL');
      await this.exited;
      throw new Error(`server did not exit within ${timeout} ms of SIGTERM\n${this.tail()}`);
    }
    if (e.code !== 0)
      throw new Error(`server exited with code ${e.code} signal ${e.signal} after SIGTERM\n${this.tail()}`);
    return e;
  }

  /** SIGKILL, no questions. */
  async kill() {
    if (this.running) this.child.kill('SIGKILL');
    return this.exited;
  }

  /** The last `n` lines of the server's stderr. */
  tail(n = 200) {
    const lines = this.stderr.split('\n');
    return `--- mamori serve stderr (${this.url}, ${this.db}), last ${Math.min(n, lines.length)} lines ---\n` +
      lines.slice(-n).join('\n') + '\n--- end ---';
  }
}

/**
 * Starts `mamori serve` on a free port. With no `db`, makes a fresh store of the
 * configured backend and runs `mamori init` on it (admin: login ciso, a random
 * 20-character password); with `db`, serves that existing store and `admin` should
 * say who the CISO is. Resolves the Server once GET /healthz answers 200.
 *
 *   {url, db, bin, admin: {login, password}, stop(), kill(), request(), client(),
 *    adminClient(), stderr, tail()}
 */
export async function startServer({ backend: b = backend, db, admin, env = {}, args = [] } = {}) {
  if (!fs.existsSync(bin))
    throw new Error(`${bin} does not exist: build it first (make), or set MAMORI_BIN`);
  if (!db) {
    db = await freshStore({ dbBackend: b });
    admin = await initStore(db, admin);
  } else if (admin?.totp && !totpSecret(db, admin.login)) {
    // The same people on another copy of a store (a restored backup): the same secret.
    rememberTotp(db, admin.login, admin.totp);
  }
  let lastErr;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new Server({ db, port, child, admin, backend: b });
    live.add(server);
    started.push(server);
    try {
      await waitHealthy(server, 15000);
      return server;
    } catch (e) {
      lastErr = e;
      await server.kill();
      // Someone took the port between our probe and the server's bind: try another.
      if (!/address already in use|EADDRINUSE|bind/i.test(server.stderr)) break;
    }
  }
  throw lastErr;
}

async function waitHealthy(server, timeout) {
  const deadline = Date.now() + timeout;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!server.running)
      throw new Error(`mamori serve exited (code ${server.exitCode}, signal ${server.exitSignal}) before /healthz answered\n${server.tail()}`);
    try {
      const r = await server.request('GET', '/healthz', { signal: AbortSignal.timeout(2000) });
      if (r.status === 200) return;
      last = `${r.status} ${r.text}`;
    } catch (e) {
      last = e.cause?.code || e.message;
    }
    await sleep(50);
  }
  throw new Error(`GET /healthz did not answer 200 within ${timeout} ms (last: ${last})\n${server.tail()}`);
}

/** Prints the stderr of every server this file started. */
export function dumpServerLogs(out = process.stderr) {
  for (const s of started) out.write(s.tail() + '\n');
}

/**
 * Wraps a test function so that when it fails, the stderr of the servers this file
 * started is printed and attached to the error.
 *   test('name', guarded(async (t) => { ... }))
 */
export function guarded(fn) {
  return async function (t) {
    try {
      return await fn.call(this, t);
    } catch (e) {
      const logs = started.map((s) => s.tail(80)).join('\n');
      process.stderr.write(`\n${logs}\n`);
      if (e && typeof e === 'object') {
        try { e.message = `${e.message}\n${logs}`; } catch { /* read-only */ }
      }
      throw e;
    }
  };
}
