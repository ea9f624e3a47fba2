// The login session as the UI sees it.
//
// GET /api/v1/session tells whether we are logged in and hands out the CSRF
// token (before login too: the login POST needs one). POST logs in, DELETE logs
// out. The token of the current state is always the one api.js sends.
//
// A login whose person owes a second factor (a role in mfa_required_roles, or one
// they set up themselves) is two steps: the password gives a *pending* session
// ({authenticated: false, mfa_pending: true, mfa: {enrolled, required}, login,
// name}) that the server refuses everywhere but the login's own routes; a TOTP or
// recovery code (secondFactor) or, for a person who has none yet, an enrolment
// (mfa.js) replaces it with the full session. GET answers the pending shape too,
// so a reload returns to the right step.
// Exports fetchSession(), login(), secondFactor(), logout().

import { request, setCsrfToken, ApiError } from './api.js';

const PATH = 'api/v1/session';

function normalise(s) {
  return { permissions: [], ...s, authenticated: Boolean(s?.authenticated), mfa_pending: Boolean(s?.mfa_pending) };
}

/** {authenticated, mfa_pending, csrf_token, person?, permissions?, expires_at?, mfa?} */
export async function fetchSession() {
  const s = await request('GET', PATH, { authEvent: false });
  setCsrfToken(s?.csrf_token);
  return normalise(s);
}

/**
 * Logs in; resolves to the new session (full, or pending when a second factor is
 * owed) or throws ApiError (401 invalid_credentials for a wrong login or password).
 * A stale pre-login CSRF token (403 csrf_failed, e.g. the cookie expired while the
 * page sat open) is renewed once and the login retried.
 */
export async function login(loginId, password) {
  const body = { login: loginId, password };
  let s;
  try {
    s = await request('POST', PATH, { body, authEvent: false });
  } catch (err) {
    if (!(err instanceof ApiError && err.code === 'csrf_failed')) throw err;
    await fetchSession();
    s = await request('POST', PATH, { body, authEvent: false });
  }
  setCsrfToken(s?.csrf_token);
  return normalise({ ...s, authenticated: !s?.mfa_pending });
}

/**
 * The second step of a pending login: { code } (6 digits from the app) or
 * { recovery_code }. Resolves to the full session, or throws ApiError: 401
 * invalid_credentials for a wrong code (and for a locked account, which the
 * server does not tell apart), 401 unauthenticated when the pending session is gone.
 */
export async function secondFactor(answer) {
  const s = await request('POST', `${PATH}/mfa`, { body: answer, authEvent: false });
  setCsrfToken(s?.csrf_token);
  return normalise(s);
}

/** Logs out, then fetches a fresh pre-login session (and its CSRF token). */
export async function logout() {
  try {
    await request('DELETE', PATH, { authEvent: false });
  } catch (err) {
    // Already logged out (session expired) is fine; anything else is reported.
    if (!(err instanceof ApiError && err.status === 401)) throw err;
  }
  return fetchSession();
}
