// Assertions shared by the API tests: the error shape of DESIGN §7 and the
// security headers every answer carries.

import assert from 'node:assert/strict';

/** What the request was, for assertion messages. */
function said(res) {
  return `${res.status} ${res.text?.slice(0, 500)}`;
}

/**
 * Asserts an error answer: the status, JSON content type, and the shape
 * {"error": {"code", "message", "fields"?: [{"field", "message"}]}} with `code`
 * (code null: any non-empty code). Returns the error object.
 */
export function assertError(res, status, code) {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${said(res)}`);
  assert.match(res.headers.get('content-type') || '', /^application\/json\b/,
    `error answers are JSON (content-type was ${res.headers.get('content-type')})`);
  assert.ok(res.json && typeof res.json === 'object', `error body is JSON: ${said(res)}`);
  const err = res.json.error;
  assert.ok(err && typeof err === 'object', `body has "error": ${said(res)}`);
  if (code === null) assert.ok(typeof err.code === 'string' && err.code, `error.code: ${said(res)}`);
  else assert.equal(err.code, code, `error.code: ${said(res)}`);
  assert.equal(typeof err.message, 'string', `error.message is a string: ${said(res)}`);
  assert.ok(err.message.length > 0, `error.message is not empty: ${said(res)}`);
  if (err.fields !== undefined) {
    assert.ok(Array.isArray(err.fields), `error.fields is a list: ${said(res)}`);
    for (const f of err.fields) {
      assert.equal(typeof f.field, 'string', `each field names itself: ${said(res)}`);
      assert.equal(typeof f.message, 'string', `each field has a message: ${said(res)}`);
    }
  }
  return err;
}

/** Asserts a 422 validation_failed that names `field` among error.fields. */
export function assertFieldError(res, field) {
  const err = assertError(res, 422, 'validation_failed');
  assert.ok(Array.isArray(err.fields) && err.fields.some((f) => f.field === field || f.field === `$.${field}`),
    `error.fields names ${field}: ${said(res)}`);
  return err;
}

/** Asserts the security headers of DESIGN §6 / issue 2 on any answer. */
export function assertSecurityHeaders(res, what = '') {
  const h = (name) => (typeof res.headers.get === 'function' ? res.headers.get(name) : res.headers[name]);
  const csp = h('content-security-policy');
  assert.ok(csp, `${what} Content-Security-Policy present (status ${res.status})`);
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim()).filter(Boolean)
    .map((d) => { const [k, ...v] = d.split(/\s+/); return [k.toLowerCase(), v.join(' ')]; }));
  assert.equal(directives['default-src'], "'self'", `${what} CSP default-src 'self': ${csp}`);
  assert.equal(directives['frame-ancestors'], "'none'", `${what} CSP frame-ancestors 'none': ${csp}`);
  // Only 'self' (and 'none'): no outside origin, no inline or eval anywhere in the policy.
  for (const [k, v] of Object.entries(directives)) {
    for (const src of v.split(/\s+/).filter(Boolean)) {
      assert.ok(["'self'", "'none'", 'data:', 'blob:'].includes(src),
        `${what} CSP ${k} allows only 'self' (found ${src}): ${csp}`);
    }
  }
  assert.equal(h('x-content-type-options'), 'nosniff', `${what} X-Content-Type-Options (status ${res.status})`);
  assert.equal(h('referrer-policy'), 'no-referrer', `${what} Referrer-Policy (status ${res.status})`);
}

/** Asserts an ISO 8601 UTC timestamp such as 2026-04-01T00:00:00Z (fractions allowed). */
export function assertUtc(s, what) {
  assert.match(String(s), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, `${what} is ISO 8601 UTC: ${s}`);
  assert.ok(!Number.isNaN(Date.parse(s)), `${what} parses: ${s}`);
}
