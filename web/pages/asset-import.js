// The ledger import (#/assets/import, for those with asset.write): a wizard in three
// steps — choose the CSV file (an Excel workbook or an empty file is refused before
// anything is sent) and its encoding (auto, UTF-8, CP932) → 「確認する」 (a dry run,
// which writes nothing) → when the file is clean, 「取り込む」 with the same file. While
// the job runs its progress is shown (pages/job-panel.js); when it ends, either what was
// registered, changed and disposed of, or every problem of the file in a table (row as
// the spreadsheet numbers it, column, what is wrong) with the plain statement that
// nothing was imported. The columns are those of the ledger's export. Exports render().

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { request, ApiError } from '../api.js';
import { jobPanel, formatNumber, row, serverText } from './job-panel.js';
import { formatSize } from './people-import.js';
import { sniffUpload } from '../people-data.js';

const ENCODINGS = ['auto', 'utf-8', 'cp932'];
const COLUMNS = [
  ['ID', 'id'], ['資産名', 'name', true], ['資産の種類', 'kind', true], ['説明', 'description'],
  ['所有部署コード', 'owner_unit_code', true], ['所有部署', 'owner_unit'], ['管理者', 'manager'], ['保管場所', 'location'],
  ['ネットワーク区分', 'segment', true], ['電子/紙', 'format', true], ['個人情報', 'personal_data'], ['マイナンバー', 'mynumber'],
  ['保存期間', 'retention'], ['廃棄方法', 'disposal_method'], ['機密性', 'confidentiality', true],
  ['完全性', 'integrity', true], ['可用性', 'availability', true], ['分類の理由', 'class_reason', true], ['状態', 'status'],
  ['廃棄日', 'disposed_on'], ['廃棄の方法', 'disposed_method'], ['廃棄の立会者', 'disposal_witness'],
];
// The files chosen in this tab for the jobs started here, to name them in the result.
const chosenFiles = new Map();

function columnsTable() {
  return h('table', { class: 'table table-compact table-columns', id: 'asset-import-columns' },
    h('caption', { class: 'visually-hidden' }, t('asset_import.columns.caption')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('asset_import.columns.ja')),
      h('th', { scope: 'col' }, t('asset_import.columns.en')),
      h('th', { scope: 'col' }, t('asset_import.columns.required')))),
    h('tbody', null, COLUMNS.map(([ja, en, req]) => h('tr', null,
      h('th', { scope: 'row', lang: 'ja' }, ja),
      h('td', null, h('code', null, en)),
      h('td', null, req ? h('strong', null, t('asset_import.columns.new_only')) : '')))));
}

function problemsTable(problems) {
  return h('table', { class: 'table table-problems', id: 'asset-import-problems' },
    h('caption', { class: 'visually-hidden' }, t('asset_import.problems.caption')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col', class: 'num' }, t('asset_import.problems.row')),
      h('th', { scope: 'col' }, t('asset_import.problems.column')),
      h('th', { scope: 'col' }, t('asset_import.problems.message')))),
    h('tbody', null, problems.map((p) => h('tr', null,
      h('td', { class: 'num' }, Number(p.row) > 0 ? formatNumber(p.row) : t('asset_import.problems.whole_file')),
      h('td', { lang: 'ja' }, p.column || t('asset_import.problems.whole_row')),
      h('td', null, serverText(p.message))))));
}

function fileRow(job) {
  const f = chosenFiles.get(job.id);
  return f ? row(t('asset_import.file'), h('span', { class: 'file-name' }, f.name), ' ', h('span', { class: 'hint' }, formatSize(f.size))) : null;
}

function problemsNode(job) {
  const r = job.result;
  const problems = Array.isArray(r?.problems) ? r.problems : [];
  const total = Number(r?.n_problems ?? problems.length);
  if (!r || !(total > 0) || problems.length === 0) return null;
  return {
    tone: 'error',
    status: t('asset_import.problems.status', { count: formatNumber(total) }),
    node: h('div', null,
      h('p', { class: 'advice', id: 'asset-import-nothing' }, t('asset_import.problems.nothing')),
      h('dl', { class: 'summary', id: 'asset-import-result' },
        fileRow(job),
        r.encoding ? row(t('asset_import.encoding'), r.encoding) : null,
        row(t('asset_import.rows'), formatNumber(r.rows ?? 0)),
        row(t('asset_import.problems.total'), h('strong', { id: 'asset-import-problem-count' }, formatNumber(total)))),
      problems.length < total
        ? h('p', { class: 'hint' }, t('asset_import.problems.listed', { listed: formatNumber(problems.length), total: formatNumber(total) }))
        : null,
      h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-label': t('asset_import.problems.caption') },
        problemsTable(problems)),
      h('p', { class: 'hint' }, t('asset_import.problems.hint'))),
  };
}

export function render(ctx) {
  const title = t('asset_import.title');
  const fileInput = h('input', {
    id: 'asset-import-file', type: 'file', class: 'input input-file', accept: '.csv,text/csv',
    'aria-describedby': 'asset-import-file-hint asset-import-file-info asset-import-error',
  });
  const fileInfo = h('p', { class: 'file-info', id: 'asset-import-file-info', 'aria-live': 'polite' });
  const error = h('p', { class: 'form-error', id: 'asset-import-error', role: 'alert' });
  const radios = ENCODINGS.map((value) => h('input', {
    type: 'radio', name: 'asset-import-encoding', id: `asset-import-encoding-${value}`, value, checked: value === 'auto',
  }));
  const checkButton = h('button', { type: 'submit', class: 'button button-primary', id: 'asset-import-check' },
    t('asset_import.check'));
  const steps = ['choose', 'check', 'import'].map((s, i) => h('li', { dataset: { step: s } },
    h('span', { class: 'step-number' }, String(i + 1)), ' ', t(`asset_import.step.${s}`)));
  const setStep = (which) => {
    for (const li of steps) {
      const current = li.dataset.step === which;
      li.classList.toggle('is-current', current);
      if (current) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    }
  };
  const chosen = () => fileInput.files?.[0] ?? null;
  const encoding = () => radios.find((r) => r.checked)?.value ?? 'auto';

  function doneNode(job) {
    const r = job.result ?? {};
    const dryRun = Boolean(job.params?.dry_run ?? r.dry_run);
    const summary = h('dl', { class: 'summary', id: 'asset-import-result' },
      fileRow(job),
      r.encoding ? row(t('asset_import.encoding'), r.encoding) : null,
      row(t('asset_import.rows'), formatNumber(r.rows ?? 0)),
      dryRun ? row(t('asset_import.to_write'), h('strong', { id: 'asset-import-to-write' }, formatNumber(r.to_write ?? 0))) : null,
      dryRun ? null : row(t('asset_import.created'), h('strong', { id: 'asset-import-created' }, formatNumber(r.created ?? 0))),
      dryRun ? null : row(t('asset_import.updated'), h('span', { id: 'asset-import-updated' }, formatNumber(r.updated ?? 0))),
      dryRun ? null : row(t('asset_import.disposed'), formatNumber(r.disposed ?? 0)),
      dryRun ? null : row(t('asset_import.unchanged'), formatNumber(r.unchanged ?? 0)));
    if (!dryRun) {
      setStep('import');
      return {
        tone: 'ok',
        status: t('asset_import.done', { count: formatNumber((r.created ?? 0) + (r.updated ?? 0)) }),
        node: h('div', null, summary, h('p', null, h('a', { href: '#/assets', id: 'asset-import-ledger' }, t('asset_import.to_ledger')))),
      };
    }
    const same = chosenFiles.get(job.id);
    const file = chosen();
    const canImport = file && same && file.name === same.name && file.size === same.size && file.lastModified === same.lastModified;
    setStep('import');
    return {
      tone: 'ok',
      status: t('asset_import.checked', { count: formatNumber(r.rows ?? 0) }),
      node: h('div', null,
        h('p', { id: 'asset-import-not-yet' }, t('asset_import.checked_note')),
        summary,
        canImport
          ? h('div', { class: 'actions' }, h('button', {
            type: 'button', class: 'button button-primary', id: 'asset-import-run',
            onclick: () => start(false, job.params?.encoding ?? 'auto'),
          }, t('asset_import.run')))
          : null),
    };
  }

  const panel = jobPanel({
    ctx,
    idPrefix: 'asset-import',
    slot: 'asset.import',
    text: {
      starting: t('asset_import.starting'), queued: t('jobs.queued'), running: t('asset_import.running'), failed: t('asset_import.failed'),
    },
    progressLabel: t('asset_import.progress'),
    renderDone: doneNode,
    renderFailed: (job) => { setStep('check'); return problemsNode(job); },
    describeError: (err) => {
      if (!(err instanceof ApiError)) return null;
      if (err.status === 413) return t('asset_import.error.too_large');
      if (err.status === 403 && err.code !== 'csrf_failed') return t('asset_import.error.forbidden');
      return null;
    },
    controls: [checkButton],
  });

  const refuse = (message) => {
    error.textContent = message;
    fileInput.setAttribute('aria-invalid', 'true');
    fileInput.focus();
  };

  /** Checks the file here, then sends it: a dry run first, the import itself after. */
  async function start(dryRun, forced) {
    if (panel.isBusy()) return;
    error.textContent = '';
    fileInput.removeAttribute('aria-invalid');
    const file = chosen();
    if (!file) return refuse(t('asset_import.error.no_file'));
    let head;
    try {
      head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
    } catch {
      return refuse(t('asset_import.error.unreadable'));
    }
    const kind = sniffUpload(file.name, head);
    if (kind === 'empty') return refuse(t('asset_import.error.empty'));
    if (kind === 'excel') return refuse(t('asset_import.error.excel'));
    const enc = forced ?? encoding();
    setStep(dryRun ? 'check' : 'import');
    await panel.run(async () => {
      const job = await request('POST', 'api/v1/asset-imports', {
        file,
        contentType: 'text/csv',
        query: { encoding: enc === 'auto' ? undefined : enc, dry_run: dryRun ? 'true' : undefined },
        signal: ctx.signal,
      });
      chosenFiles.set(job.id, { name: file.name, size: file.size, lastModified: file.lastModified });
      return job;
    });
    return undefined;
  }

  fileInput.addEventListener('change', () => {
    error.textContent = '';
    fileInput.removeAttribute('aria-invalid');
    const file = chosen();
    fileInfo.textContent = file ? t('asset_import.file_info', { name: file.name, size: formatSize(file.size) }) : '';
    panel.reset();
    setStep(file ? 'check' : 'choose');
  });
  for (const r of radios) r.addEventListener('change', () => panel.reset());

  const form = h('form', {
    class: 'import-form', id: 'asset-import-form', novalidate: true,
    onsubmit: (e) => { e.preventDefault(); start(true); },
  },
  h('div', { class: 'field' },
    h('label', { for: 'asset-import-file' }, t('asset_import.file_label')),
    h('p', { class: 'hint', id: 'asset-import-file-hint' }, t('asset_import.file_hint')),
    fileInput,
    fileInfo),
  h('fieldset', { class: 'choice' },
    h('legend', null, t('asset_import.encoding')),
    h('p', { class: 'hint' }, t('asset_import.encoding_hint')),
    h('div', { class: 'radios' }, ENCODINGS.map((value, i) => h('div', { class: 'radio' },
      radios[i], h('label', { for: `asset-import-encoding-${value}` }, t(`asset_import.encoding.${value}`)))))),
  error,
  h('div', { class: 'actions' }, checkButton));

  setStep('choose');
  panel.resume();
  const node = h('div', { class: 'page asset-import', id: 'asset-import-page' },
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/assets' }, t('module.assets.title'))),
    h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'lead' }, t('asset_import.intro')),
    h('ol', { class: 'steps', 'aria-label': t('asset_import.steps') }, steps),
    h('details', { class: 'csv-help', id: 'asset-import-help' },
      h('summary', null, t('asset_import.help.summary')),
      h('p', null, t('asset_import.help.save')),
      h('p', null, t('asset_import.help.id')),
      h('div', { class: 'table-scroll' }, columnsTable()),
      h('p', { class: 'hint' }, t('asset_import.help.values'))),
    form,
    panel.node);
  return { node, title };
}
