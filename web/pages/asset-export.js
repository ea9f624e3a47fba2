// The ledger's download (資産台帳の出力), on the ledger page: the format (Excel, CSV in
// UTF-8, CSV in Shift_JIS) and the ledger's current filters go to
// POST /api/v1/asset-exports; the job is followed with pages/job-panel.js and, when
// done, its file (資産台帳_YYYYMMDD.xlsx / .csv) is a download link. A Shift_JIS export
// refused for characters CP932 would change or cannot hold lists each one (row, column,
// character); with "substitute" it is made and lists each substitution.
// Exports exportCard().

import { h } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { startJob, pagePath } from '../jobs.js';
import { formatDateTime } from '../time.js';
import { jobPanel, formatNumber, row } from './job-panel.js';

const FORMATS = ['xlsx', 'csv', 'csv-cp932'];
const LISTED = 200; // notes shown in the page; the job keeps more

/** "U+301C" as the character itself. */
function character(code) {
  const n = Number.parseInt(String(code ?? '').replace(/^U\+/, ''), 16);
  return Number.isFinite(n) ? String.fromCodePoint(n) : '';
}

/** One problem or substitution in the UI's language. */
function noteText(n, substituted) {
  const params = { from: character(n.from), from_code: n.from, to: character(n.to), to_code: n.to };
  if (substituted) return t('assets.export.note.substituted', params);
  return t(n.unrepresentable ? 'assets.export.note.missing' : 'assets.export.note.changes', params);
}

function notesTable(id, notes, substituted) {
  const caption = t(substituted ? 'assets.export.substitutions.caption' : 'assets.export.problems.caption');
  return h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-label': caption },
    h('table', { class: 'table table-problems', id },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col', class: 'num' }, t('assets.export.problems.row')),
        h('th', { scope: 'col' }, t('assets.export.problems.column')),
        h('th', { scope: 'col' }, t('assets.export.problems.character')))),
      h('tbody', null, notes.slice(0, LISTED).map((n) => h('tr', null,
        h('td', { class: 'num' }, formatNumber(n.row)),
        h('td', { lang: 'ja' }, n.column),
        h('td', null, noteText(n, substituted)))))));
}

function listedHint(shown, total) {
  return shown < total
    ? h('p', { class: 'hint' }, t('assets.export.listed', { listed: formatNumber(shown), total: formatNumber(total) }))
    : null;
}

function finished(job) {
  return job.finished_at ? row(t('jobs.finished_at'), formatDateTime(job.finished_at, getLang())) : null;
}

function exportDone(job) {
  const r = job.result ?? {};
  const subs = Array.isArray(r.substitutions) ? r.substitutions : [];
  const nSubs = Number(r.n_substitutions ?? 0);
  const link = h('a', {
    class: 'button button-primary download', id: 'asset-export-download', href: pagePath(r.download), download: r.file || '',
  }, t('assets.export.download', { file: r.file ?? '', size: formatNumber(r.size) }));
  return {
    tone: 'ok',
    status: t('assets.export.done', { count: formatNumber(r.rows ?? 0) }),
    node: h('div', null,
      h('div', { class: 'actions' }, link),
      h('dl', { class: 'summary', id: 'asset-export-result' },
        row(t('assets.export.format'), t(`assets.export.format.${r.format ?? job.params?.format}`)),
        row(t('assets.export.rows'), t('assets.export.rows_value', { count: formatNumber(r.rows ?? 0) })),
        Number(r.sheets) > 1 ? row(t('assets.export.sheets'), formatNumber(r.sheets)) : null,
        nSubs > 0 ? row(t('assets.export.substitutions'), h('strong', { id: 'asset-export-substitution-count' },
          t('assets.export.count_value', { count: formatNumber(nSubs) }))) : null,
        finished(job)),
      nSubs > 0 ? notesTable('asset-export-substitutions', subs, true) : null,
      nSubs > 0 ? listedHint(Math.min(subs.length, LISTED), nSubs) : null,
      h('p', { class: 'hint' }, t('assets.export.need_to_know'))),
  };
}

/** A Shift_JIS export refused: every character that stopped it. */
function exportProblems(job) {
  const r = job.result;
  const problems = Array.isArray(r?.problems) ? r.problems : [];
  const total = Number(r?.n_problems ?? problems.length);
  if (!(total > 0) || problems.length === 0) return null;
  return {
    tone: 'error',
    status: t('assets.export.problems.status', { count: formatNumber(total) }),
    node: h('div', null,
      h('p', { class: 'advice', id: 'asset-export-nothing' }, t('assets.export.problems.advice')),
      h('dl', { class: 'summary' },
        row(t('assets.export.problems.total'), h('strong', { id: 'asset-export-problem-count' },
          t('assets.export.count_value', { count: formatNumber(total) }))),
        finished(job)),
      notesTable('asset-export-problems', problems, false),
      listedHint(Math.min(problems.length, LISTED), total)),
  };
}

/**
 * The export card. filters(): the ledger's filters as the page shows them (the API's
 * names: org_unit_id, kind, class_id, segment, personal_data, status, q).
 */
export function exportCard(ctx, filters) {
  const radios = FORMATS.map((f, i) => h('input', {
    type: 'radio', name: 'asset-export-format', id: `asset-export-format-${f}`, value: f, checked: i === 0,
    onchange: () => sync(),
  }));
  const substitute = h('input', { type: 'checkbox', id: 'asset-export-substitute', 'aria-describedby': 'asset-export-substitute-hint' });
  const substituteField = h('div', { class: 'field field-check' },
    substitute, h('label', { for: 'asset-export-substitute' }, t('assets.export.substitute')),
    h('p', { class: 'hint', id: 'asset-export-substitute-hint' }, t('assets.export.substitute_hint')));
  const button = h('button', { type: 'submit', class: 'button button-primary', id: 'asset-export-start' }, t('assets.export.start'));
  const chosen = () => radios.find((r) => r.checked)?.value ?? 'xlsx';
  function sync() {
    substituteField.hidden = chosen() !== 'csv-cp932';
  }
  sync();

  const panel = jobPanel({
    ctx,
    idPrefix: 'asset-export',
    slot: 'asset.export',
    text: {
      starting: t('assets.export.starting'), queued: t('jobs.queued'), running: t('assets.export.running'),
      failed: t('assets.export.failed'),
    },
    progressLabel: t('assets.export.progress'),
    renderDone: exportDone,
    renderFailed: exportProblems,
    controls: [button],
  });

  const form = h('form', {
    class: 'export-form', id: 'asset-export-form', novalidate: true,
    onsubmit: (e) => {
      e.preventDefault();
      if (panel.isBusy()) return;
      const format = chosen();
      const body = { ...filters(), format };
      if (format === 'csv-cp932' && substitute.checked) body.substitute = true;
      panel.run(() => startJob('api/v1/asset-exports', body, { signal: ctx.signal }));
    },
  },
  h('fieldset', { class: 'formats' },
    h('legend', null, t('assets.export.format')),
    FORMATS.map((f, i) => h('div', { class: 'field field-check' }, radios[i],
      h('label', { for: `asset-export-format-${f}` }, t(`assets.export.format.${f}`))))),
  substituteField,
  h('p', { class: 'hint' }, t('assets.export.filters_hint')),
  h('div', { class: 'actions' }, button));

  panel.resume();
  return h('section', { class: 'card tool', id: 'asset-export', 'aria-labelledby': 'asset-export-heading' },
    h('h2', { id: 'asset-export-heading' }, t('assets.export.title')),
    h('p', null, t('assets.export.intro')),
    form,
    panel.node);
}
