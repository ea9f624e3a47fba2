// A real OpenLDAP server for the directory-login tests: Debian's slapd, run as the
// current user from a temporary folder, on two free loopback ports (LDAPS and plain
// LDAP for StartTLS), with a throwaway CA and server certificate made by openssl, an
// mdb database loaded with slapadd, and its stats log (every connection, StartTLS and
// bind) kept for the tests to read.
//
// Main exports: slapdMissing (why it cannot run here; throws with CI=true),
// startSlapd({users}) → {ldapsUrl, ldapUrl, caFile, otherCaFile, suffix, bindTemplate,
// binds(), mark(), bindsSince(mark), settle(), stop()}.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after as afterAll } from 'node:test';
import { freePort, run, sleep, tmpDir } from './harness.mjs';

export const SLAPD = process.env.MAMORI_SLAPD || '/usr/sbin/slapd';
export const SLAPADD = process.env.MAMORI_SLAPADD || '/usr/sbin/slapadd';
const SCHEMA = '/etc/ldap/schema';
const MODULES = '/usr/lib/ldap';

/** Why slapd cannot run here, or null. With CI=true a missing slapd fails, never skips. */
export function slapdMissing() {
  const missing = [SLAPD, SLAPADD, `${SCHEMA}/inetorgperson.schema`, `${MODULES}/back_mdb.so`]
    .filter((f) => !fs.existsSync(f));
  if (missing.length === 0) return null;
  const why = `slapd is not installed (missing ${missing.join(', ')}): apt-get install slapd ldap-utils, or scripts/bootstrap`;
  if (process.env.CI === 'true') throw new Error(why);
  return why;
}

async function openssl(args, cwd) {
  const r = await run('openssl', args);
  if (r.code !== 0) throw new Error(`openssl ${args.join(' ')} (in ${cwd}): ${r.stderr}`);
}

/** A self-signed CA in dir: {cert, key}. */
async function makeCa(dir, name) {
  const cert = path.join(dir, `${name}.pem`), key = path.join(dir, `${name}.key`);
  await openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=mamori test ${name}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  return { cert, key };
}

/** A server certificate for 127.0.0.1 signed by ca: {cert, key}. */
async function makeServerCert(dir, ca) {
  const key = path.join(dir, 'server.key'), csr = path.join(dir, 'server.csr');
  const cert = path.join(dir, 'server.pem'), ext = path.join(dir, 'server.ext');
  fs.writeFileSync(ext, 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n' +
    'keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n');
  await openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', key, '-out', csr, '-subj', '/CN=127.0.0.1'], dir);
  await openssl(['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial',
    '-out', cert, '-days', '2', '-extfile', ext], dir);
  return { cert, key };
}

function ldif(suffix, users) {
  const dc = /^dc=([^,]+)/.exec(suffix)[1];
  const entries = [
    `dn: ${suffix}\nobjectClass: dcObject\nobjectClass: organization\no: mamori test\ndc: ${dc}\n`,
    `dn: ou=people,${suffix}\nobjectClass: organizationalUnit\nou: people\n`,
    ...users.map((u) => `dn: uid=${u.uid},ou=people,${suffix}\nobjectClass: inetOrgPerson\nuid: ${u.uid}\n` +
      `cn: ${u.uid}\nsn: ${u.uid}\nuserPassword: ${u.password}\n`),
  ];
  return entries.join('\n');
}

function canConnect(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.on('connect', () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}

const running = new Set();
afterAll(() => { for (const s of running) s.stop(); });
process.on('exit', () => { for (const s of running) s.stop(); });

/**
 * Starts slapd with users [{uid, password}] under ou=people,dc=example,dc=jp.
 * Resolves once both ports accept connections.
 */
export async function startSlapd({ users, suffix = 'dc=example,dc=jp' }) {
  const dir = tmpDir('mamori-slapd-');
  fs.mkdirSync(path.join(dir, 'db'));
  const ca = await makeCa(dir, 'ca');
  const other = await makeCa(dir, 'other-ca');
  const server = await makeServerCert(dir, ca);
  const conf = path.join(dir, 'slapd.conf');
  fs.writeFileSync(conf, [
    `include ${SCHEMA}/core.schema`,
    `include ${SCHEMA}/cosine.schema`,
    `include ${SCHEMA}/inetorgperson.schema`,
    `modulepath ${MODULES}`,
    'moduleload back_mdb',
    `pidfile ${dir}/slapd.pid`,
    `argsfile ${dir}/slapd.args`,
    `TLSCACertificateFile ${ca.cert}`,
    `TLSCertificateFile ${server.cert}`,
    `TLSCertificateKeyFile ${server.key}`,
    'database mdb',
    'maxsize 16777216',
    `suffix "${suffix}"`,
    `rootdn "cn=admin,${suffix}"`,
    `rootpw ${Math.random().toString(36).slice(2)}-admin`,
    `directory ${dir}/db`,
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'users.ldif'), ldif(suffix, users));
  const add = await run(SLAPADD, ['-f', conf, '-l', path.join(dir, 'users.ldif')]);
  if (add.code !== 0) throw new Error(`slapadd failed: ${add.stderr}`);

  for (let attempt = 0; ; attempt++) {
    const ldapsPort = await freePort(), ldapPort = await freePort();
    const child = spawn(SLAPD, ['-f', conf, '-h', `ldaps://127.0.0.1:${ldapsPort}/ ldap://127.0.0.1:${ldapPort}/`,
      '-d', 'stats'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    let exited = null;
    child.stderr.setEncoding('utf8').on('data', (d) => { log += d; });
    child.on('exit', (code, signal) => { exited = { code, signal }; });
    const deadline = Date.now() + 10000;
    while (!exited && Date.now() < deadline && !(await canConnect(ldapsPort) && await canConnect(ldapPort)))
      await sleep(50);
    if (exited || Date.now() >= deadline) {
      try { child.kill('SIGKILL'); } catch { /* gone */ }
      if (attempt < 2 && /already in use|bind\(/i.test(log)) continue;
      throw new Error(`slapd did not start (${JSON.stringify(exited)}):\n${log.slice(-4000)}`);
    }
    const handle = {
      dir,
      suffix,
      caFile: ca.cert,
      otherCaFile: other.cert,
      ldapsUrl: `ldaps://127.0.0.1:${ldapsPort}`,
      ldapUrl: `ldap://127.0.0.1:${ldapPort}`,
      bindTemplate: `uid=%s,ou=people,${suffix}`,
      /** The whole stats log so far. */
      log: () => log,
      /** Every BIND's DN so far, in order. */
      binds: () => [...log.matchAll(/ BIND dn="([^"]*)" method=/g)].map((m) => m[1]),
      /** A place in the log, for bindsSince. */
      mark: () => log.length,
      /** The BIND DNs logged after mark. */
      bindsSince: (m) => [...log.slice(m).matchAll(/ BIND dn="([^"]*)" method=/g)].map((x) => x[1]),
      /** Waits until the log has been quiet for a moment (slapd writes it as it goes). */
      async settle(quietMs = 150) {
        let last = -1;
        while (last !== log.length) { last = log.length; await sleep(quietMs); }
      },
      stop() {
        running.delete(handle);
        if (!exited) try { child.kill('SIGKILL'); } catch { /* gone */ }
      },
    };
    running.add(handle);
    return handle;
  }
}
