// The audit trail's two tools, each run as a job (web/jobs.js):
//
// - Verify the chain: POST /api/v1/audit-verifications, then the job's
//   progress, then either 検証成功 with the number of events and the head hash,
//   or the event where the chain breaks and the server's (English) account of
//   the problem under a heading in the UI's language.
// - Export as CSV: POST /api/v1/audit-exports with the dates typed (dates in
//   Asia/Tokyo, sent as UTC instants; the end date is included) and the page's
//   action filter, then a plain download link and the file's SHA-256, so that
//   an auditor can check the file they were handed.
//
// Each tool follows its job with pages/job-panel.js: a job that failed shows
// the server's error and can be retried; the status line of each tool is a live
// region; the progress bar has a label.
// Exports verifyCard(), exportCard().

import { h } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { startJob, pagePath } from '../jobs.js';
import { formatDate, formatDateTime, zonedDayStart, nextDate } from '../time.js';
import {
  jobPanel, formatNumber, row, serverText, copyable,
} from './job-panel.js';

// ---------------------------------------------------------------------------
// Verify the chain

function verifyDone(job) {
  const r = job.result ?? {};
  const lang = getLang();
  const count = t('audit.verify.n_events_value', { count: formatNumber(r.n_events) });
  const when = job.finished_at ? row(t('audit.verify.finished_at'), formatDateTime(job.finished_at, lang)) : null;
  const head = r.head_hash ? row(t('audit.verify.head_hash'), copyable(r.head_hash, t('audit.verify.head_hash'), 'verify-head-hash')) : null;
  if (r.ok === true) {
    return {
      tone: 'ok',
      status: t('audit.verify.ok', { count: formatNumber(r.n_events) }),
      node: h('div', null,
        h('dl', { class: 'summary', id: 'verify-result' }, row(t('audit.verify.n_events'), count), head, when),
        h('p', { class: 'hint' }, t('audit.verify.ok_note'))),
    };
  }
  const broken = r.broken_seq !== null && r.broken_seq !== undefined;
  return {
    tone: 'bad',
    status: broken ? t('audit.verify.broken', { seq: r.broken_seq }) : t('audit.verify.broken_unknown'),
    node: h('div', null,
      h('dl', { class: 'summary', id: 'verify-result' },
        broken ? row(t('audit.verify.broken_seq'), h('strong', { id: 'verify-broken-seq' }, t('audit.verify.seq_value', { seq: r.broken_seq }))) : null,
        row(t('audit.verify.problem'), serverText(r.problem || t('jobs.error_unknown'), 'p')),
        row(t('audit.verify.n_events_before'), count), when),
      h('p', { class: 'warning' }, t('audit.verify.broken_advice'))),
  };
}

export function verifyCard(ctx) {
  const button = h('button', { type: 'button', class: 'button button-primary', id: 'verify-start' }, t('audit.verify.start'));
  const panel = jobPanel({
    ctx,
    idPrefix: 'verify',
    slot: 'audit.verify',
    text: {
      starting: t('audit.verify.starting'), queued: t('jobs.queued'), running: t('audit.verify.running'), failed: t('audit.verify.failed'),
    },
    progressLabel: t('audit.verify.progress'),
    renderDone: verifyDone,
    controls: [button],
  });
  button.addEventListener('click', () => panel.run(() => startJob('api/v1/audit-verifications', undefined, { signal: ctx.signal })));
  panel.resume();
  return h('section', { class: 'card tool', 'aria-labelledby': 'verify-heading' },
    h('h2', { id: 'verify-heading' }, t('audit.verify.title')),
    h('p', null, t('audit.verify.intro')),
    h('div', { class: 'actions' }, button),
    panel.node);
}

// ---------------------------------------------------------------------------
// Export as CSV

/** The period and action an export covered, from the job's params. */
function exportScope(params) {
  const lang = getLang();
  const since = params?.since;
  const until = params?.until;
  // The UI sends midnights in Tokyo, the end exclusive: the last second shows the last date.
  const from = since ? formatDate(since, lang) : t('audit.export.range.from_any');
  const to = until ? formatDate(Date.parse(until) - 1000, lang) : t('audit.export.range.to_any');
  return [
    row(t('audit.export.range'), t('audit.export.range.value', { from, to })),
    row(t('audit.export.action'), params?.action ? h('code', null, params.action) : t('audit.export.all_actions')),
  ];
}

function exportDone(job) {
  const r = job.result ?? {};
  const link = h('a', {
    class: 'button button-primary download',
    id: 'export-download',
    href: pagePath(r.download),
    download: r.file || '',
  }, t('audit.export.download', { file: r.file ?? '', size: formatNumber(r.size) }));
  return {
    tone: 'ok',
    status: t('audit.export.done'),
    node: h('div', null,
      h('div', { class: 'actions' }, link),
      h('dl', { class: 'summary', id: 'export-result' },
        row(t('audit.export.sha256'), copyable(r.sha256 ?? '', t('audit.export.sha256'), 'export-sha256')),
        ...exportScope(job.params),
        job.finished_at ? row(t('jobs.finished_at'), formatDateTime(job.finished_at, getLang())) : null),
      h('p', { class: 'hint' }, t('audit.export.sha256_note')),
      h('p', { class: 'hint' }, t('audit.export.csv_note'))),
  };
}

/** action: the page's action filter ('' for none). */
export function exportCard(ctx, action) {
  const dateInput = (id) => h('input', {
    id, type: 'date', class: 'input input-date', min: '2000-01-01', max: '9999-12-31',
    'aria-describedby': 'export-dates-hint export-error',
  });
  const fromInput = dateInput('export-from');
  const toInput = dateInput('export-to');
  const error = h('p', { class: 'form-error', id: 'export-error', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'button button-primary', id: 'export-start' }, t('audit.export.start'));

  const panel = jobPanel({
    ctx,
    idPrefix: 'export',
    slot: 'audit.export',
    text: {
      starting: t('audit.export.starting'), queued: t('jobs.queued'), running: t('audit.export.running'), failed: t('audit.export.failed'),
    },
    progressLabel: t('audit.export.progress'),
    renderDone: exportDone,
    controls: [button],
  });

  function refuse(message, input) {
    error.textContent = message;
    for (const i of [fromInput, toInput]) i.setAttribute('aria-invalid', String(i === input));
    input?.focus();
    return null;
  }

  /** The request body from the form, or null (with the reason shown). */
  function body() {
    error.textContent = '';
    for (const i of [fromInput, toInput]) i.removeAttribute('aria-invalid');
    for (const input of [fromInput, toInput]) {
      const v = input.validity;
      if (v.badInput || v.rangeUnderflow || v.rangeOverflow) return refuse(t('audit.export.error.date'), input);
    }
    const out = {};
    if (fromInput.value) {
      out.since = zonedDayStart(fromInput.value);
      if (!out.since) return refuse(t('audit.export.error.date'), fromInput);
    }
    if (toInput.value) {
      // The end date is included: the export stops where the next day begins.
      out.until = zonedDayStart(nextDate(toInput.value));
      if (!out.until) return refuse(t('audit.export.error.date'), toInput);
    }
    if (out.since && out.until && out.since >= out.until) return refuse(t('audit.export.error.order'), toInput);
    if (action) out.action = action;
    return out;
  }

  const form = h('form', {
    class: 'export-form', id: 'export-form', novalidate: true,
    onsubmit: (e) => {
      e.preventDefault();
      if (panel.isBusy()) return;
      const b = body();
      if (!b) return;
      panel.run(() => startJob('api/v1/audit-exports', Object.keys(b).length ? b : undefined, { signal: ctx.signal }));
    },
  },
  h('fieldset', { class: 'dates' },
    h('legend', null, t('audit.export.dates')),
    h('p', { class: 'hint', id: 'export-dates-hint' }, t('audit.export.dates_hint')),
    h('div', { class: 'date-fields' },
      h('div', { class: 'field' }, h('label', { for: 'export-from' }, t('audit.export.from')), fromInput),
      h('div', { class: 'field' }, h('label', { for: 'export-to' }, t('audit.export.to')), toInput))),
  h('p', { class: 'export-action' },
    action
      ? [t('audit.export.action_filtered_pre'), h('code', null, action), t('audit.export.action_filtered_post')]
      : t('audit.export.action_all')),
  error,
  h('div', { class: 'actions' }, button));

  panel.resume();
  return h('section', { class: 'card tool', 'aria-labelledby': 'export-heading' },
    h('h2', { id: 'export-heading' }, t('audit.export.title')),
    h('p', null, t('audit.export.intro')),
    form,
    panel.node);
}
