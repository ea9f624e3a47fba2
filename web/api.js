// The one way the UI talks to the server.
//
// JSON in and out, same-origin cookies, and the CSRF token on every request
// that changes state (the server refuses POST/PUT/PATCH/DELETE without
// X-CSRF-Token with 403 csrf_failed). Errors come back as ApiError carrying
// the server's {"error": {code, message, fields}}. A 401 on an ordinary call
// means the session has ended; it is announced with the 'mamori:unauthenticated'
// event so the app can return to the login page.
// Exports ApiError, setCsrfToken(), request(), get().

const SAFE_METHODS = new Set(['GET', 'HEAD']);

let csrfToken = null;

/** Set from GET/POST /api/v1/session: the token sent with every unsafe request. */
export function setCsrfToken(token) {
  csrfToken = token || null;
}

export class ApiError extends Error {
  constructor(status, code, message, fields = []) {
    super(message || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

function buildUrl(path, query) {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') qs.set(key, String(value));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * request('POST', 'api/v1/session', { body, query, signal, authEvent, headers })
 * Paths are relative to the page, so mamori also works under a path prefix.
 * headers adds request headers (If-Match with the ETag a change was made against).
 * A file (a File or Blob, e.g. from <input type=file>) is sent as it is, as the
 * whole body, with contentType (default: the file's own type).
 * Resolves to the parsed JSON body, or null for 204.
 */
export async function request(method, path, {
  body, file, contentType, query, signal, authEvent = true, headers: extra = {},
} = {}) {
  const headers = { ...extra, Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store', signal };
  if (file !== undefined) {
    headers['Content-Type'] = contentType || file.type || 'application/octet-stream';
    init.body = file;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (!SAFE_METHODS.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res;
  try {
    res = await fetch(buildUrl(path, query), init);
  } catch (err) {
    if (err?.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', String(err?.message ?? err));
  }
  if (res.status === 204) return null;

  let data = null;
  if ((res.headers.get('Content-Type') ?? '').includes('json')) {
    try {
      data = await res.json();
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const e = data?.error ?? {};
    if (res.status === 401 && authEvent) window.dispatchEvent(new CustomEvent('mamori:unauthenticated'));
    throw new ApiError(res.status, e.code ?? `http_${res.status}`, e.message ?? res.statusText, e.fields ?? []);
  }
  return data;
}

export function get(path, query, options = {}) {
  return request('GET', path, { ...options, query });
}
