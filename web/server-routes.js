// Which API routes the server has, from GET /api/v1/openapi.json.
//
// A page that uses a route a server may not have yet (one being added on main
// while the UI is built, or an older server) asks here first and shows "not
// available yet" rather than calling it: a 404 would be an error in the
// console for nothing. Routes that exist stay known; a missing one is asked
// about again after a while (the server may have been upgraded).
// Exports serverRoutes(), optionalItems().

import { get } from './api.js';

const RECHECK_MS = 60_000;
let known = null; // { at, paths: Set }

/**
 * The set of the server's API paths ('/api/v1/persons', …). wanted: the paths
 * the caller needs; while all of them are known, no request is made.
 */
export async function serverRoutes(signal, wanted = []) {
  if (known && (wanted.every((p) => known.paths.has(p)) || Date.now() - known.at < RECHECK_MS)) return known.paths;
  const spec = await get('api/v1/openapi.json', null, { signal });
  known = { at: Date.now(), paths: new Set(Object.keys(spec?.paths ?? {})) };
  return known.paths;
}

/**
 * The items of GET path (relative, 'api/v1/roles') when the server has the
 * route, else null (also on any failure: the caller does without).
 */
export async function optionalItems(routesPromise, path, signal, query) {
  try {
    const paths = await routesPromise;
    if (!paths.has(`/${path}`)) return null;
    const data = await get(path, query ?? null, { signal });
    return Array.isArray(data?.items) ? data.items : null;
  } catch {
    return null;
  }
}
