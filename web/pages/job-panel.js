// A panel that follows one job (web/jobs.js) for a tool of a page: a status line
// (a live region), a progress bar with a label while the job waits or runs, then
// what the job found or made; a job that failed shows the server's error and can
// be run again. Used by the audit trail's tools and the staff list import.
// Exports jobPanel(), errorText(), formatNumber(), row(), serverText(), copyable().

import { h, clear } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { ApiError } from '../api.js';
import {
  isFinished, retryJob, followJob, rememberJob, recallJob, forgetJob,
} from '../jobs.js';
import { formatDateTime } from '../time.js';

export function formatNumber(n) {
  const value = Number(n);
  if (!Number.isFinite(value)) return String(n ?? '');
  return new Intl.NumberFormat(getLang() === 'ja' ? 'ja-JP' : 'en-GB').format(value);
}

/** What to tell the person when a request about a job did not work. */
export function errorText(err) {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('error.network');
    if (err.status === 403) return t('error.forbidden.text');
    if (err.status === 422 && err.fields?.length) {
      return t('jobs.error.refused', { detail: err.fields.map((f) => `${f.field}: ${f.message}`).join('; ') });
    }
    return t('error.generic', { code: err.code ?? `http_${err.status}` });
  }
  return t('error.generic', { code: 'client' });
}

/** A row of a summary list. */
export function row(term, ...definition) {
  return h('div', { class: 'summary-row' }, h('dt', null, term), h('dd', null, ...definition));
}

/** Text from the server, which is English whatever the UI's language. */
export const serverText = (text, tag = 'span') => h(tag, { lang: 'en', class: 'server-text' }, String(text ?? ''));

/** A long value (a hash) in monospace that can be copied with one button. */
export function copyable(value, what, idPrefix) {
  const code = h('code', { class: 'hash', id: `${idPrefix}-value` }, value);
  const note = h('span', { class: 'copy-note', role: 'status' });
  const button = h('button', {
    type: 'button',
    class: 'button button-small button-secondary',
    'aria-label': t('jobs.copy_label', { what }),
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(value);
        note.textContent = t('jobs.copied');
      } catch {
        // No clipboard (a page not served over HTTPS, or permission refused): select it instead.
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.selectAllChildren(code);
        note.textContent = t('jobs.copy_selected');
      }
    },
  }, t('jobs.copy'));
  return h('div', { class: 'copyable' }, code, h('span', { class: 'copy-tools' }, button, note));
}

/**
 * The part of a tool that follows its job: a status line (a live region), a
 * progress bar while the job waits or runs, then what it found or made.
 *
 *   idPrefix   prefix of element ids ('verify', 'export')
 *   slot       where the job's id is remembered for the tab
 *   text       catalog texts: starting, queued, running, failed
 *   progressLabel, renderDone(job) -> { status, tone, node }, controls (aria-disabled while busy)
 *   renderFailed(job) -> { status, tone, node } or null (optional: a failed job that
 *              the tool explains itself, e.g. an import's problems; null for the usual
 *              account with the server's error and a retry button)
 *   describeError(err) -> text or null (optional: the tool's words for a request refused)
 *   onFinished(job, { resumed }) (optional: called once when a followed job has finished)
 */
export function jobPanel({
  ctx, idPrefix, slot, text, progressLabel, renderDone, controls, renderFailed, describeError, onFinished,
}) {
  const personId = ctx.session?.person?.id ?? null;
  const status = h('p', { class: 'job-status', id: `${idPrefix}-status`, role: 'status' });
  const progress = h('progress', { id: `${idPrefix}-progress`, max: '1' });
  const count = h('span', { class: 'job-progress-count', id: `${idPrefix}-progress-count` });
  const progressBox = h('div', { class: 'job-progress', hidden: true },
    h('label', { for: `${idPrefix}-progress` }, progressLabel),
    h('div', { class: 'job-progress-bar' }, progress, count));
  const result = h('div', { class: 'job-result' });
  const node = h('div', { class: 'job', id: `${idPrefix}-job` }, status, progressBox, result);

  function setStatus(message, tone) {
    if (status.textContent !== message) status.textContent = message;
    status.className = `job-status${tone ? ` is-${tone}` : ''}`;
  }

  // While a job runs its controls say so with aria-disabled rather than disabled, so
  // that the keyboard focus stays on the button just pressed; a click then does nothing.
  // (No aria-busy: it would hold back the live status line while the job runs.)
  let busy = false;
  function setBusy(value) {
    busy = value;
    for (const c of controls) c.setAttribute('aria-disabled', String(value));
  }

  // Clearing the result may remove the focused button (retry): focus the tool's own.
  function clearResult() {
    const hadFocus = result.contains(document.activeElement);
    clear(result);
    if (hadFocus) controls[0]?.focus();
  }

  function showProgress(job) {
    const done = Number(job?.progress?.done ?? 0);
    const total = Number(job?.progress?.total ?? 0);
    progressBox.hidden = false;
    if (total > 0) {
      progress.max = total;
      progress.value = Math.min(Math.max(done, 0), total);
      count.textContent = t('jobs.progress_count', { done: formatNumber(Math.min(done, total)), total: formatNumber(total) });
    } else {
      // Nothing measured yet: an indeterminate bar.
      progress.removeAttribute('value');
      count.textContent = '';
    }
  }

  function failedNode(job) {
    return h('div', null,
      h('dl', { class: 'summary' },
        row(t('jobs.error_heading'), serverText(job.error || t('jobs.error_unknown'))),
        row(t('jobs.job'), t('jobs.job_number', { id: job.id }),
          job.retry_of ? h('span', { class: 'hint' }, ' ', t('jobs.retry_of', { id: job.retry_of })) : null),
        job.finished_at ? row(t('jobs.finished_at'), formatDateTime(job.finished_at, getLang())) : null),
      h('div', { class: 'actions' },
        h('button', {
          type: 'button', class: 'button button-secondary', id: `${idPrefix}-retry`,
          onclick: () => run(() => retryJob(job.id, { signal: ctx.signal })),
        }, t('jobs.retry'))));
  }

  function show(job) {
    node.dataset.jobId = String(job.id);
    node.dataset.state = job.state;
    clearResult();
    if (!isFinished(job)) {
      setBusy(true);
      showProgress(job);
      setStatus(job.state === 'queued' ? text.queued : text.running, 'busy');
      return;
    }
    setBusy(false);
    progressBox.hidden = true;
    if (job.state === 'failed') {
      const own = renderFailed?.(job);
      setStatus(own ? own.status : text.failed, own ? own.tone : 'error');
      result.appendChild(own ? own.node : failedNode(job));
      return;
    }
    const done = renderDone(job);
    setStatus(done.status, done.tone);
    result.appendChild(done.node);
  }

  function showError(err, retryId) {
    setBusy(false);
    progressBox.hidden = true;
    clearResult();
    setStatus(describeError?.(err) ?? errorText(err), 'error');
    if (retryId) {
      result.appendChild(h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'button button-secondary', onclick: () => follow(retryId) },
          t('jobs.check_again'))));
    }
  }

  async function follow(id, { resuming = false } = {}) {
    try {
      const job = await followJob(id, { signal: ctx.signal, onUpdate: show });
      onFinished?.(job, { resumed: resuming });
    } catch (err) {
      if (err?.name === 'AbortError') return;
      if (resuming && err instanceof ApiError && (err.status === 404 || err.status === 403)) {
        // The remembered job is gone or is not this person's: nothing to show.
        forgetJob(slot);
        return;
      }
      showError(err, id);
    }
  }

  /** Starts a job with start() (a promise of the server's 202 answer) and follows it. */
  async function run(start) {
    if (busy) return;
    setBusy(true);
    clearResult();
    showProgress(null);
    setStatus(text.starting, 'busy');
    let started;
    try {
      started = await start();
    } catch (err) {
      if (err?.name === 'AbortError') return;
      showError(err);
      return;
    }
    rememberJob(slot, personId, started.id);
    show({ ...started, progress: { done: 0, total: 0 } });
    await follow(started.id);
  }

  /** Shows the job last started here in this tab, if there is one. */
  function resume() {
    const id = recallJob(slot, personId);
    if (id) follow(id, { resuming: true });
  }

  /** Forgets the last result (a new input makes it stale); nothing while a job runs. */
  function reset() {
    if (busy) return;
    clearResult();
    setStatus('', null);
    delete node.dataset.jobId;
    delete node.dataset.state;
    forgetJob(slot);
  }

  return { node, run, resume, reset, isBusy: () => busy };
}
