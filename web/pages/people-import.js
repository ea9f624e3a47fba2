// The staff list import (職員名簿の取り込み) of the People & contractors page,
// for those with person.manage.
//
// A union keeps its staff list in Excel; it is saved as CSV and imported here:
// choose the file (its name and size are shown; an Excel workbook or an empty
// file is refused before anything is sent) → 「確認のみ」 (a dry run) or
// 「取り込む」 → POST /api/v1/person-imports[?encoding=…][&dry_run=true] with the
// file itself as the body → the job's progress (pages/job-panel.js) → the
// result: how many people were registered, or every problem in the file (row
// as the spreadsheet numbers it, column, what is wrong) with the total and the
// plain statement that nothing was imported. The columns are explained on the
// page, with the store's unit codes and role names, and a template CSV is
// made here (UTF-8 with a BOM, the Japanese header, one example row in a real
// unit of the store). Exports importCard().

import { h } from '../dom.js';
import { t, getLang, formatList } from '../i18n.js';
import { request, ApiError } from '../api.js';
import { formatDateTime } from '../time.js';
import {
  jobPanel, formatNumber, row, serverText,
} from './job-panel.js';
import { roleName } from './layout.js';
import {
  CATEGORY_CSV, CATEGORIES, ROLE_CODES, unitTree, unitsWithin, exampleUnit, templateCsv, sniffUpload, problemMessage,
} from '../people-data.js';

const ENCODINGS = ['auto', 'utf-8', 'cp932'];
// The files chosen for the jobs started in this tab (the server keeps only the
// contents), so that a result shown again after leaving the page still names its file.
const chosenFiles = new Map();

/** '12,345バイト' or '12.1 KB（12,345バイト）'. */
export function formatSize(bytes) {
  const n = Number(bytes) || 0;
  if (n < 1024) return t('people.size.bytes', { bytes: formatNumber(n) });
  const unit = n < 1024 * 1024 ? 'KB' : 'MB';
  const value = n / (unit === 'KB' ? 1024 : 1024 * 1024);
  const short = new Intl.NumberFormat(getLang() === 'ja' ? 'ja-JP' : 'en-GB', { maximumFractionDigits: 1 }).format(value);
  return t('people.size.larger', { size: `${short} ${unit}`, bytes: formatNumber(n) });
}

function encodingName(encoding) {
  if (encoding === 'UTF-8' || encoding === 'utf-8') return t('people.import.encoding.utf8');
  if (encoding === 'CP932' || encoding === 'cp932') return t('people.import.encoding.cp932');
  return String(encoding ?? '');
}

/** The unit's name in the UI's language. */
export function unitName(u) {
  if (!u) return '';
  return (getLang() === 'en' && u.name_en) ? u.name_en : (u.name_ja ?? u.name_en ?? '');
}

// ---------------------------------------------------------------------------
// How to make the file

function columnsTable() {
  const col = (names, required, how) => h('tr', null,
    h('th', { scope: 'row', lang: 'ja' }, names),
    h('td', null, required ? h('strong', null, t('people.import.required')) : t('people.import.optional')),
    h('td', null, how));
  const categories = CATEGORIES.map((c) => h('code', { lang: 'ja' }, CATEGORY_CSV[c]));
  return h('table', { class: 'table table-columns', id: 'people-import-columns' },
    h('caption', { class: 'visually-hidden' }, t('people.import.columns.caption')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('people.import.columns.name')),
      h('th', { scope: 'col' }, t('people.import.columns.required')),
      h('th', { scope: 'col' }, t('people.import.columns.how')))),
    h('tbody', null,
      col('氏名（name）', true, t('people.import.col.name')),
      col('ふりがな（kana）', false, t('people.import.col.kana')),
      col('区分（category）', true, h('span', null, t('people.import.col.category'), ' ',
        categories.flatMap((c, i) => (i ? ['、', c] : [c])))),
      col(['所属コード（unit_code）', h('br'), t('people.import.col.or'), ' 所属（unit）'], true, t('people.import.col.unit')),
      col('役割（role）', false, t('people.import.col.role'))));
}

function unitCodesTable(units) {
  const tree = unitTree(units);
  return h('table', { class: 'table table-compact', id: 'people-import-units' },
    h('caption', { class: 'visually-hidden' }, t('people.import.units.summary')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('people.import.units.code')),
      h('th', { scope: 'col' }, t('people.import.units.name')))),
    h('tbody', null, tree.map(({ unit, depth }) => h('tr', null,
      h('td', null, h('code', null, unit.code ?? '')),
      h('td', { class: `depth-${Math.min(depth, 4)}`, lang: 'ja' }, unit.name_ja ?? '')))));
}

/** roles: GET /api/v1/roles's items (the names the import accepts), or null for the catalog's. */
function roleCodesTable(roles) {
  return h('table', { class: 'table table-compact', id: 'people-import-roles' },
    h('caption', { class: 'visually-hidden' }, t('people.import.roles.summary')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('people.import.roles.code')),
      h('th', { scope: 'col' }, t('people.import.roles.name')))),
    h('tbody', null, (roles ?? ROLE_CODES.map((code) => ({ code }))).map((r) => h('tr', null,
      h('td', null, h('code', null, r.code)),
      h('td', { lang: r.name_ja ? 'ja' : null }, r.name_ja ?? roleName(r.code))))));
}

/**
 * The units the person may import people into: those under the units where they
 * hold a role with person.manage (any role, when the roles' permissions are not
 * known), as GET /api/v1/org-units gives them; null without the units.
 */
async function importableUnits(ctx, unitsPromise, rolesPromise) {
  const [units, roles] = await Promise.all([unitsPromise, rolesPromise]);
  if (!units) return null;
  const managing = roles ? new Set(roles.filter((r) => (r.permissions ?? []).includes('person.manage')).map((r) => r.code)) : null;
  const held = (ctx.session.person?.roles ?? []).filter((r) => !managing || managing.has(r.role)).map((r) => r.org_unit_id);
  const within = unitsWithin(units, held);
  return within.length ? within : units;
}

/**
 * The template download: a link to a Blob made here. unitsPromise resolves to the
 * units the person may import into, or null when the server cannot list them
 * yet; then the example row names the person's own unit by its name (the 所属 column).
 */
function templateLink(ctx, unitsPromise) {
  const note = h('p', { class: 'hint', id: 'people-template-note' });
  const link = h('a', {
    class: 'button button-secondary download', id: 'people-template',
    href: '#', download: t('people.import.template.file'), 'aria-describedby': 'people-template-note',
  }, t('people.import.template.download'));
  let url = null;
  link.addEventListener('click', (e) => { if (!url) e.preventDefault(); });
  // The object URL lives as long as the page: released when the page is left.
  ctx.signal.addEventListener('abort', () => { if (url) URL.revokeObjectURL(url); }, { once: true });

  const ready = unitsPromise.then((units) => {
    if (ctx.signal.aborted) return;
    const unit = units ? exampleUnit(units) : null;
    const ownUnit = (ctx.session.person?.roles ?? []).find((r) => r.org_unit)?.org_unit ?? '';
    const example = unit ? { code: unit.code, label: `${unit.code} ${unit.name_ja ?? ''}`.trim() } : { name: ownUnit, label: ownUnit };
    const csv = templateCsv(unit ? { code: unit.code } : { name: ownUnit });
    url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    link.href = url;
    note.textContent = t(unit ? 'people.import.template.note_code' : 'people.import.template.note_name', { unit: example.label });
  });
  return { node: h('div', { class: 'template' }, h('div', { class: 'actions' }, link), note), ready };
}

function helpSection(ctx, unitsPromise, rolesPromise) {
  const importable = importableUnits(ctx, unitsPromise, rolesPromise);
  const unitsBox = h('div', { class: 'unit-codes' });
  const rolesBox = h('div', { class: 'role-codes' });
  rolesPromise.then((roles) => {
    if (ctx.signal.aborted) return;
    rolesBox.appendChild(h('details', { class: 'codes' },
      h('summary', null, t('people.import.roles.summary')),
      h('div', { class: 'table-scroll codes-scroll' }, roleCodesTable(roles))));
  });
  importable.then((units) => {
    if (!units || ctx.signal.aborted) return;
    unitsBox.appendChild(h('details', { class: 'codes' },
      h('summary', null, t('people.import.units.summary_count', { count: formatNumber(units.length) })),
      h('div', { class: 'table-scroll codes-scroll' }, unitCodesTable(units))));
  });
  const template = templateLink(ctx, importable);
  const node = h('details', { class: 'csv-help', id: 'people-import-help', open: true },
    h('summary', null, t('people.import.help.summary')),
    h('p', null, t('people.import.help.save')),
    h('div', { class: 'table-scroll' }, columnsTable()),
    h('p', { class: 'hint' }, t('people.import.help.order')),
    h('p', { class: 'warning' }, t('people.import.help.new_people')),
    unitsBox,
    rolesBox,
    template.node);
  return { node, ready: Promise.all([template.ready, rolesPromise]) };
}

// ---------------------------------------------------------------------------
// What the job found

function fileRow(job) {
  const f = chosenFiles.get(job.id);
  return f ? row(t('people.import.file'), h('span', { class: 'file-name' }, f.name), ' ', h('span', { class: 'hint' }, formatSize(f.size))) : null;
}

function encodingRow(job) {
  const r = job.result ?? {};
  if (!r.encoding) return null;
  const forced = job.params?.encoding;
  return row(t('people.import.encoding'),
    encodingName(r.encoding), ' ',
    h('span', { class: 'hint' }, t(forced ? 'people.import.encoding.forced' : 'people.import.encoding.detected')));
}

function finishedRow(job) {
  return job.finished_at ? row(t('jobs.finished_at'), formatDateTime(job.finished_at, getLang())) : null;
}

function problemText(p) {
  const known = problemMessage(p.message);
  if (known) return h('span', null, t(known.key, known.params));
  return serverText(p.message);
}

function problemsTable(problems) {
  return h('table', { class: 'table table-problems', id: 'people-import-problems' },
    h('caption', { class: 'visually-hidden' }, t('people.import.problems.caption')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col', class: 'num' }, t('people.import.problems.row')),
      h('th', { scope: 'col' }, t('people.import.problems.column')),
      h('th', { scope: 'col' }, t('people.import.problems.message')))),
    h('tbody', null, problems.map((p) => h('tr', null,
      h('td', { class: 'num' }, Number(p.row) > 0 ? formatNumber(p.row) : t('people.import.problems.whole_file')),
      h('td', { lang: 'ja' }, p.column ? p.column : t('people.import.problems.whole_row')),
      h('td', null, problemText(p))))));
}

/** An import that failed because of its file: every problem, and nothing written. */
function importProblems(job) {
  const r = job.result;
  const problems = Array.isArray(r?.problems) ? r.problems : [];
  const total = Number(r?.n_problems ?? problems.length);
  if (!r || !(total > 0) || problems.length === 0) return null;
  const dryRun = Boolean(job.params?.dry_run ?? r.dry_run);
  return {
    tone: 'error',
    status: t('people.import.problems.status', { count: formatNumber(total) }),
    node: h('div', null,
      h('p', { class: 'advice', id: 'people-import-nothing' },
        t(dryRun ? 'people.import.problems.nothing_checked' : 'people.import.problems.nothing')),
      h('dl', { class: 'summary', id: 'people-import-result' },
        fileRow(job),
        encodingRow(job),
        Number.isFinite(Number(r.rows)) ? row(t('people.import.rows'), t('people.import.rows_value', { count: formatNumber(r.rows) })) : null,
        row(t('people.import.problems.total'), h('strong', { id: 'people-import-problem-count' },
          t('people.import.problems.total_value', { count: formatNumber(total) }))),
        finishedRow(job)),
      problems.length < total
        ? h('p', { class: 'hint' }, t('people.import.problems.listed', { listed: formatNumber(problems.length), total: formatNumber(total) }))
        : null,
      h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-label': t('people.import.problems.caption') },
        problemsTable(problems)),
      h('p', { class: 'hint' }, t('people.import.problems.rows_hint')),
      !job.params?.encoding && r.encoding
        ? h('p', { class: 'hint' }, t('people.import.problems.encoding_hint', { encoding: encodingName(r.encoding) }))
        : null),
  };
}

// ---------------------------------------------------------------------------
// The card

/**
 * The import card. unitsPromise resolves to the store's units or null,
 * rolesPromise to the roles (GET /api/v1/roles) or null;
 * onImported() is called when people were registered (the list reloads).
 * Returns { node, ready } (ready: settled once the help and template are complete).
 */
export function importCard(ctx, { unitsPromise, rolesPromise, onImported }) {
  const fileInput = h('input', {
    id: 'people-import-file', type: 'file', class: 'input input-file', accept: '.csv,text/csv',
    'aria-describedby': 'people-import-file-hint people-import-file-info people-import-error',
  });
  const fileInfo = h('p', { class: 'file-info', id: 'people-import-file-info', 'aria-live': 'polite' });
  const error = h('p', { class: 'form-error', id: 'people-import-error', role: 'alert' });
  const encodingRadios = ENCODINGS.map((value) => h('input', {
    type: 'radio', name: 'people-import-encoding', id: `people-import-encoding-${value}`, value, checked: value === 'auto',
  }));
  const checkButton = h('button', { type: 'submit', class: 'button button-secondary', id: 'people-import-check', value: 'check' },
    t('people.import.check'));
  const runButton = h('button', { type: 'submit', class: 'button button-primary', id: 'people-import-run', value: 'run' },
    t('people.import.run'));

  const steps = ['choose', 'start', 'result'].map((s, i) => h('li', { dataset: { step: s } },
    h('span', { class: 'step-number' }, String(i + 1)), ' ', t(`people.import.step.${s}`)));
  function setStep(which) {
    for (const li of steps) {
      const current = li.dataset.step === which;
      li.classList.toggle('is-current', current);
      if (current) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    }
  }

  const chosen = () => fileInput.files?.[0] ?? null;
  const encoding = () => encodingRadios.find((r) => r.checked)?.value ?? 'auto';

  function doneNode(job) {
    const r = job.result ?? {};
    const dryRun = Boolean(job.params?.dry_run ?? r.dry_run);
    const summary = h('dl', { class: 'summary', id: 'people-import-result' },
      fileRow(job),
      encodingRow(job),
      row(t('people.import.rows'), t('people.import.rows_value', { count: formatNumber(r.rows ?? 0) })),
      dryRun ? null : row(t('people.import.imported'), h('strong', { id: 'people-import-count' },
        t('people.import.people_value', { count: formatNumber(r.imported ?? 0) }))),
      finishedRow(job));
    if (!dryRun) {
      return {
        tone: 'ok',
        status: t('people.import.done', { count: formatNumber(r.imported ?? 0) }),
        node: h('div', null, summary, h('p', { class: 'hint' }, t('people.import.done_note'))),
      };
    }
    // A clean dry run: the same file can now be imported with one button.
    const same = chosenFiles.get(job.id);
    const file = chosen();
    const canImport = file && same && file.name === same.name && file.size === same.size && file.lastModified === same.lastModified;
    return {
      tone: 'ok',
      status: t('people.import.checked', { count: formatNumber(r.rows ?? 0) }),
      node: h('div', null,
        h('p', { id: 'people-import-not-yet' }, t('people.import.checked_note')),
        summary,
        canImport
          ? h('div', { class: 'actions' }, h('button', {
            type: 'button', class: 'button button-primary', id: 'people-import-confirm',
            onclick: () => start(false, job.params?.encoding ?? 'auto'),
          }, t('people.import.run_checked')))
          : null),
    };
  }

  function describeError(err) {
    if (!(err instanceof ApiError)) return null;
    if (err.status === 413) return t('people.import.error.too_large');
    if (err.status === 403 && err.code !== 'csrf_failed') return t('people.import.error.forbidden');
    return null;
  }

  const panel = jobPanel({
    ctx,
    idPrefix: 'people-import',
    slot: 'people.import',
    text: {
      starting: t('people.import.starting'), queued: t('jobs.queued'), running: t('people.import.running'), failed: t('people.import.failed'),
    },
    progressLabel: t('people.import.progress'),
    renderDone: (job) => { setStep('result'); return doneNode(job); },
    renderFailed: (job) => { setStep('result'); return importProblems(job); },
    describeError,
    controls: [checkButton, runButton],
    onFinished: (job, { resumed }) => {
      if (!resumed && job.state === 'succeeded' && !(job.params?.dry_run ?? job.result?.dry_run) && job.result?.imported > 0) onImported?.();
    },
  });

  function showFile() {
    error.textContent = '';
    fileInput.removeAttribute('aria-invalid');
    const file = chosen();
    fileInfo.textContent = file ? t('people.import.file_info', { name: file.name, size: formatSize(file.size) }) : '';
    panel.reset();
    setStep(file ? 'start' : 'choose');
  }

  function refuse(message) {
    error.textContent = message;
    fileInput.setAttribute('aria-invalid', 'true');
    fileInput.focus();
  }

  /** Checks the file here, then sends it; dryRun: only check on the server. */
  async function start(dryRun, forcedEncoding) {
    if (panel.isBusy()) return;
    error.textContent = '';
    fileInput.removeAttribute('aria-invalid');
    const file = chosen();
    if (!file) {
      refuse(t('people.import.error.no_file'));
      return;
    }
    let head;
    try {
      head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
    } catch {
      // Changed or moved since it was chosen: the browser can no longer read it.
      refuse(t('people.import.error.unreadable'));
      return;
    }
    const kind = sniffUpload(file.name, head);
    if (kind === 'empty') {
      refuse(t('people.import.error.empty'));
      return;
    }
    if (kind === 'excel') {
      refuse(t('people.import.error.excel'));
      return;
    }
    const enc = forcedEncoding ?? encoding();
    setStep('result');
    await panel.run(async () => {
      const job = await request('POST', 'api/v1/person-imports', {
        file,
        contentType: 'text/csv',
        query: { encoding: enc === 'auto' ? undefined : enc, dry_run: dryRun ? 'true' : undefined },
        signal: ctx.signal,
      });
      chosenFiles.set(job.id, { name: file.name, size: file.size, lastModified: file.lastModified });
      return job;
    });
  }

  fileInput.addEventListener('change', showFile);
  for (const r of encodingRadios) r.addEventListener('change', () => panel.reset());

  const form = h('form', {
    class: 'import-form', id: 'people-import-form', novalidate: true,
    onsubmit: (e) => {
      e.preventDefault();
      start(e.submitter !== runButton);
    },
  },
  h('div', { class: 'field' },
    h('label', { for: 'people-import-file' }, t('people.import.file_label')),
    h('p', { class: 'hint', id: 'people-import-file-hint' }, t('people.import.file_hint')),
    fileInput,
    fileInfo),
  h('fieldset', { class: 'choice' },
    h('legend', null, t('people.import.encoding')),
    h('p', { class: 'hint' }, t('people.import.encoding.hint')),
    h('div', { class: 'radios' }, ENCODINGS.map((value, i) => h('div', { class: 'radio' },
      encodingRadios[i],
      h('label', { for: `people-import-encoding-${value}` }, t(`people.import.encoding.choice.${value}`)))))),
  error,
  h('div', { class: 'actions' }, checkButton, runButton),
  h('p', { class: 'hint' }, t('people.import.buttons_hint')));

  setStep('choose');
  panel.resume();
  const help = helpSection(ctx, unitsPromise, rolesPromise);
  const node = h('section', { class: 'card tool import', id: 'people-import', 'aria-labelledby': 'people-import-heading' },
    h('h2', { id: 'people-import-heading' }, t('people.import.title')),
    h('p', null, t('people.import.intro')),
    h('ol', { class: 'steps', 'aria-label': t('people.import.steps') }, steps),
    help.node,
    form,
    panel.node);
  return { node, ready: help.ready };
}

/** Roles (codes, or objects as roleName() takes them) as a list in the UI's language. */
export function rolesText(roles) {
  return formatList(roles.map((r) => roleName(r)));
}
