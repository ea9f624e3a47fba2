// The login session as the UI sees it.
//
// GET /api/v1/session tells whether we are logged in and hands out the CSRF
// token (before login too: the login POST needs one). POST logs in, DELETE logs
// out. The token of the current state is always the one api.js sends.
// Exports fetchSession(), login(), logout().

import { request, setCsrfToken, ApiError } from './api.js';

const PATH = 'api/v1/session';

/** {authenticated, csrf_token, person?, permissions?, expires_at?} */
export async function fetchSession() {
  const s = await request('GET', PATH, { authEvent: false });
  setCsrfToken(s?.csrf_token);
  return { permissions: [], ...s, authenticated: Boolean(s?.authenticated) };
}

/**
 * Logs in; resolves to the new session or throws ApiError (401
 * invalid_credentials for a wrong login or password). A stale pre-login CSRF
 * token (403 csrf_failed, e.g. the cookie expired while the page sat open) is
 * renewed once and the login retried.
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
  return { permissions: [], ...s, authenticated: true };
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
