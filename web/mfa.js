// The person's own second factor (TOTP), as the UI asks the server for it.
//
// The same routes serve a pending login (a role that requires a second factor, at
// the first login) and a full session (setting one up of one's own accord, new
// recovery codes, removing it). An enrolment is started (a new secret, its QR code
// at api/v1/account/mfa/qr until confirmed) and confirmed with a code from the app,
// which answers the ten recovery codes; when it finished a pending login it also
// answers the new session's CSRF token.
// Exports fetchAccount(), startEnrolment(), qrUrl(), confirmEnrolment(),
// newRecoveryCodes(), removeMfa(), groupSecret(), normaliseCode().

import { request, get, setCsrfToken } from './api.js';

/** {person_id, login, name, mfa: {required, enrolled, enrolling, recovery_codes_left, pending}} */
export function fetchAccount({ signal, authEvent = true } = {}) {
  return get('api/v1/account', null, { signal, authEvent });
}

/** Starts (or starts again) a set-up: resolves {secret, otpauth_uri, qr_svg}. */
export function startEnrolment({ authEvent = true } = {}) {
  return request('POST', 'api/v1/account/mfa', { authEvent });
}

/**
 * The QR code of the set-up in progress, relative to the page (mamori may live
 * under a path prefix). version makes each start's image a new URL: a browser
 * may reuse an image it already shows for the same URL.
 */
export function qrUrl(version) {
  return `api/v1/account/mfa/qr?v=${encodeURIComponent(String(version))}`;
}

/** Confirms the set-up with a code; resolves the ten recovery codes. */
export async function confirmEnrolment(code, { authEvent = true } = {}) {
  const r = await request('POST', 'api/v1/account/mfa/confirm', { body: { code }, authEvent });
  if (r?.csrf_token) setCsrfToken(r.csrf_token); // a pending login is complete: a new session
  return r?.recovery_codes ?? [];
}

/** Ten new recovery codes; the old ones stop working. */
export async function newRecoveryCodes() {
  const r = await request('POST', 'api/v1/account/mfa/recovery-codes');
  return r?.recovery_codes ?? [];
}

/** Removes the second factor (409 conflict when a role requires it). */
export function removeMfa() {
  return request('DELETE', 'api/v1/account/mfa');
}

/** A base32 secret in groups of four, for typing it into an app by hand. */
export function groupSecret(secret) {
  return String(secret ?? '').replace(/\s+/g, '').match(/.{1,4}/g)?.join(' ') ?? '';
}

/** The digits of a code as typed (spaces, full-width digits), or null when not six digits. */
export function normaliseCode(text) {
  const digits = String(text ?? '')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}
