// Starts a real mamori server on a fresh store for one test file.
//
// MAMORI_BIN names the binary (default build/mamori, relative to the current
// directory). The store is created with `mamori init` in a temp dir (or, with
// demo: true, with `mamori demo`: an invented union with one login per role), the server
// listens on a free loopback port, and stop() sends SIGTERM and reports how it
// exited so the test can require a clean exit. MAMORI_WEB_DIR is removed from
// the server's environment: the tests check the UI embedded in the binary.
//
// The logins whose role requires a second factor (the CISO of `mamori init`, the
// ciso and director of `mamori demo`) get a TOTP secret, printed as `totp LOGIN
// SECRET` lines; they are kept per server (totpSecret(baseURL, login)), so that
// logIn() in browser.mjs can give the code step a fresh code.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseTotpLines } from '../../lib/totp.mjs';

export const ADMIN_LOGIN = 'ciso';
export const ADMIN_PASSWORD = 'e2e-Correct-Horse-7';

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

export function mamoriBin() {
  return path.resolve(process.env.MAMORI_BIN || 'build/mamori');
}

/** Why the server cannot run here, or null. With CI=true a missing binary fails. */
export function serverMissing() {
  const bin = mamoriBin();
  if (existsSync(bin)) return null;
  const why = `mamori binary not found at ${bin} (set MAMORI_BIN)`;
  if (process.env.CI === 'true') throw new Error(why);
  return why;
}

function freePort() {
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

function childEnv(extra) {
  const env = { ...process.env, ...extra };
  delete env.MAMORI_WEB_DIR;
  return env;
}

function run(bin, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, output }));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs `mamori ARGS…` to the end (env: more variables); resolves to { code, signal, output }. */
export function runMamori(args, { env = {} } = {}) {
  return run(mamoriBin(), args, childEnv(env));
}

const totpSecrets = new Map(); // `${baseURL}\n${login}` → base32 secret

/** The TOTP secret known for login on the server at baseURL (any URL of it), or undefined. */
export function totpSecret(baseURL, login) {
  return totpSecrets.get(`${new URL(baseURL).origin}\n${login}`);
}

/** Remembers login's TOTP secret on the server at baseURL (e.g. one set up in a test). */
export function rememberTotp(baseURL, login, secret) {
  totpSecrets.set(`${new URL(baseURL).origin}\n${login}`, secret);
}

/** The `login password role …` lines `mamori demo` prints, as { login: { password, role } }. */
export function parseDemoLogins(output) {
  const logins = {};
  for (const line of output.split('\n')) {
    const m = /^(\w+)\s+(\S{16})\s+(\w+)\s/.exec(line);
    if (m) logins[m[1]] = { password: m[2], role: m[3] };
  }
  return logins;
}

/**
 * Initialises a store and serves it; serveArgs are added to `mamori serve`
 * (settings such as ['--file_max_bytes', '1024']). With demo: true the store is
 * the demo union. Resolves to { baseURL, dir, dbPath, db, logins, totp, output(),
 * stop() }: logins are the demo's ({ login: { password, role, totp? } }) or, for
 * init, the CISO's; totp is { login: secret } of the `totp` lines printed.
 * stop() resolves to { code, signal, output }.
 */
export async function startServer({ serveArgs = [], demo = false } = {}) {
  const bin = mamoriBin();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mamori-e2e-'));
  const dbPath = path.join(dir, 'm.db');
  const db = `sqlite:${dbPath}`;

  const init = demo
    ? await run(bin, ['demo', '--db', db], childEnv())
    : await run(bin, ['init', '--db', db], childEnv({ MAMORI_ADMIN_PASSWORD: ADMIN_PASSWORD }));
  if (init.code !== 0) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`mamori ${demo ? 'demo' : 'init'} exited ${init.code ?? init.signal}:\n${init.output}`);
  }
  const logins = demo ? parseDemoLogins(init.output) : { [ADMIN_LOGIN]: { password: ADMIN_PASSWORD, role: 'ciso' } };
  const totp = parseTotpLines(init.output);
  for (const [login, secret] of Object.entries(totp)) if (logins[login]) logins[login].totp = secret;
  if (demo && !logins.ciso) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`mamori demo printed no logins:\n${init.output}`);
  }

  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  for (const [login, secret] of Object.entries(totp)) rememberTotp(baseURL, login, secret);
  const child = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, ...serveArgs],
    { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
    child.on('error', (err) => resolve({ code: null, signal: null, error: err }));
  });
  let exitInfo = null;
  exited.then((info) => { exitInfo = info; });

  const cleanup = () => rm(dir, { recursive: true, force: true });

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exitInfo) {
      await cleanup();
      throw new Error(`mamori serve exited early (${exitInfo.code ?? exitInfo.signal ?? exitInfo.error}):\n${output}`);
    }
    try {
      const res = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      await cleanup();
      throw new Error(`mamori serve did not answer /healthz within ${START_TIMEOUT_MS} ms:\n${output}`);
    }
    await sleep(100);
  }

  let stopped = null;
  async function stop() {
    if (stopped) return stopped;
    stopped = (async () => {
      if (!exitInfo) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      const info = await exited;
      clearTimeout(timer);
      await cleanup();
      return { ...info, output };
    })();
    return stopped;
  }

  return { baseURL, dir, dbPath, db, logins, totp, output: () => output, stop };
}
