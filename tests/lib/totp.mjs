// TOTP (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) for the tests, written from
// the RFC with node:crypto, so the server's liboath codes are checked against an
// independent implementation. Exports totp(), base32Decode() and nextCode().
//
// mamori accepts each time step once per person (a code cannot be replayed) and one
// step of drift either way. nextCode() hands out, per secret, a step not used before:
// the previous, current or next one, and waits for the clock when all three are spent.

import { createHmac } from 'node:crypto';

const STEP = 30;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The bytes of an RFC 4648 base32 text (no padding needed). */
export function base32Decode(text) {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0, value = 0;
  const out = [];
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The code of `secret` (base32) for time step `step` (default: now). */
export function totp(secret, step = Math.floor(Date.now() / 1000 / STEP)) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(n).padStart(6, '0');
}

const lastStep = new Map(); // secret → the newest step handed out

/** Marks the steps up to `step` of `secret` as used (a code the test sent itself). */
export function spendStep(secret, step) {
  lastStep.set(secret, Math.max(lastStep.get(secret) ?? -Infinity, step));
}

/** A code of `secret` the server has not seen yet, waiting for the clock if need be. */
export async function nextCode(secret) {
  for (;;) {
    const now = Date.now() / 1000;
    const cur = Math.floor(now / STEP);
    const last = lastStep.get(secret) ?? -Infinity;
    // The previous step only while well inside the current one: at a step's edge the
    // server's clock may already have moved past its window.
    const nearEdge = now - cur * STEP > STEP - 3;
    for (const s of [cur - 1, cur, cur + 1]) {
      if (s <= last || (s === cur - 1 && nearEdge)) continue;
      lastStep.set(secret, s);
      return totp(secret, s);
    }
    await new Promise((r) => setTimeout(r, ((cur + 1) * STEP - now) * 1000 + 50));
  }
}

/** `totp LOGIN SECRET` lines, as `mamori init` and `mamori demo` print them: {login: secret}. */
export function parseTotpLines(output) {
  const out = {};
  for (const line of output.split('\n')) {
    const m = /^\s*totp (\S+) ([A-Z2-7]{16,})\s*$/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out;
}
