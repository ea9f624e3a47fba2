// Long work as jobs (DESIGN §5, §7).
//
// A POST that starts long work answers 202 {id, url, kind, state}; the job is
// then followed with GET /api/v1/jobs/{id} every POLL_MS (less often after a
// minute) until it has
// succeeded or failed, and a failed one can be run again as a new job
// (POST /api/v1/jobs/{id}/retry). The job last started from a page is
// remembered for the tab (sessionStorage), so leaving the page, switching the
// language or applying a filter does not lose it.
// Exports POLL_MS, isFinished(), startJob(), retryJob(), followJob(),
// pagePath(), rememberJob(), recallJob(), forgetJob().

import { request, get } from './api.js';

export const POLL_MS = 500;
const SLOW_AFTER_MS = 60_000;
const SLOW_POLL_MS = 2_000;

const STORAGE_PREFIX = 'mamori.job.';

export function isFinished(job) {
  return job?.state === 'succeeded' || job?.state === 'failed';
}

/** POSTs to path (body optional); resolves to the server's {id, url, kind, state}. */
export function startJob(path, body, { signal } = {}) {
  return request('POST', path, { body, signal });
}

/** Runs a failed job again; resolves to the new job's {id, url, kind, state}. */
export function retryJob(id, { signal } = {}) {
  return request('POST', `api/v1/jobs/${encodeURIComponent(id)}/retry`, { signal });
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('aborted', 'AbortError'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(new DOMException('aborted', 'AbortError'));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Follows job id: onUpdate(job) after every answer, until the job has
 * succeeded or failed; resolves to that last answer. Stops (rejecting with an
 * AbortError) when signal aborts, e.g. when the page is left.
 */
export async function followJob(id, { signal, onUpdate, interval = POLL_MS } = {}) {
  const since = Date.now();
  for (;;) {
    const job = await get(`api/v1/jobs/${encodeURIComponent(id)}`, null, { signal });
    onUpdate?.(job);
    if (isFinished(job)) return job;
    // A job that takes long is asked about less often.
    await sleep(Date.now() - since > SLOW_AFTER_MS ? SLOW_POLL_MS : interval, signal);
  }
}

/**
 * A path the server gives ('/api/v1/jobs/3/file') made relative to the page,
 * as every other request is, so mamori also works under a path prefix.
 */
export function pagePath(serverPath) {
  return String(serverPath ?? '').replace(/^\/+/, '');
}

function storageKey(slot) {
  return STORAGE_PREFIX + slot;
}

/** Remembers job id in slot for the person (per tab). */
export function rememberJob(slot, personId, id) {
  try {
    sessionStorage.setItem(storageKey(slot), JSON.stringify({ person: personId ?? null, id }));
  } catch {
    // Storage may be disabled: the job is then shown until the page is left.
  }
}

/** The job id remembered in slot for this person, or null. */
export function recallJob(slot, personId) {
  try {
    const saved = JSON.parse(sessionStorage.getItem(storageKey(slot)) ?? 'null');
    if (saved && saved.person === (personId ?? null) && Number.isInteger(saved.id) && saved.id > 0) return saved.id;
  } catch {
    // Unreadable: as if nothing were remembered.
  }
  return null;
}

export function forgetJob(slot) {
  try {
    sessionStorage.removeItem(storageKey(slot));
  } catch {
    // Nothing to forget.
  }
}
