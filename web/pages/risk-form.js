// The form for one risk: registering (POST /api/v1/risks) and changing (PATCH
// /api/v1/risks/{id} with If-Match, only what changed). The asset — fixed when the form
// starts from the asset's page, else chosen from the ledger by a search — and the
// threat (GET /api/v1/threats, by kind) make the risk; a risk's pair is not changed
// afterwards. Likelihood and impact are steps of the matrix with their words (the
// settings risk_likelihood_labels, risk_impact_labels); the impact may be left to the
// asset's class, whose figure is shown. The treatment, an owner, a note, and the
// requirements whose implementation reduces the risk, chosen from those that apply to
// the asset (GET /api/v1/assets/{id}/requirements) with their status on it; those that
// answer the chosen threat are marked. The server decides who may (implementation.write
// in the asset's unit). Every refusal is shown where it belongs: a field's under the
// field, a stale version (412) as "changed by someone else" with a button to load the
// risk again, an open risk of the same pair (409) with a link to it.
// Exports riskForm().

import { h, clear } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { get, request, ifMatch, ApiError } from '../api.js';
import { field, clearFieldErrors, showFieldErrors, requestError } from '../forms.js';
import { label } from '../catalog-data.js';
import { TREATMENTS, stepLabel, classImpact } from '../risk-data.js';

const THREAT_KINDS = ['natural', 'system', 'human'];

function option(value, text, selected) {
  return h('option', { value: String(value), selected: Boolean(selected) }, text);
}

/**
 * { prefix, risk (GET /api/v1/risks/{id}; null to register), asset (GET /api/v1/assets/{id};
 *   null to choose one), matrix, threats (active ones), people (for the owner; may be
 *   empty), signal, onSaved(risk), onStale(), onCancel() }
 * Returns { node, focus() }.
 */
export function riskForm({
  prefix, risk, asset, matrix, threats, people, signal, onSaved, onStale, onCancel,
}) {
  const editing = Boolean(risk);
  const lang = getLang();
  const size = matrix.size;
  let chosen = asset ?? null; // the asset the risk is of, once known
  const selected = new Set((risk?.requirements ?? []).map((q) => q.requirement_id));

  // --- the asset ---
  const assetSelect = h('select', { name: 'asset_id', class: 'input' });
  const assetSearch = h('input', {
    type: 'search', class: 'input', id: `${prefix}-asset-q`, autocomplete: 'off', placeholder: t('risks.form.asset_search_placeholder'),
  });
  let assetPart;
  if (editing || asset) {
    const a = asset ?? { id: risk.asset_id, name: risk.asset_name };
    assetPart = h('div', { class: 'field', id: `${prefix}-asset-fixed` },
      h('p', { class: 'field-label' }, t('risks.field.asset')),
      h('p', null, h('span', { lang: 'ja' }, a.name), a.label ? ` (${a.label})` : ''));
  } else {
    assetPart = h('div', null,
      h('div', { class: 'field' }, h('label', { for: assetSearch.id }, t('risks.form.asset_search')), assetSearch),
      field({ id: `${prefix}-asset`, label: t('risks.field.asset'), control: assetSelect, hint: t('risks.form.asset_hint') }));
  }

  // --- the threat ---
  const threatSelect = h('select', { name: 'threat_id', class: 'input' },
    option('', t('risks.form.choose'), true),
    THREAT_KINDS.map((kind) => {
      const of = (threats ?? []).filter((x) => x.kind === kind);
      return of.length ? h('optgroup', { label: t(`catalog.threat_kind.${kind}`) },
        of.map((x) => option(x.id, `${x.code} ${label(x.name_ja, x.name_en)}`, false))) : null;
    }));
  const threatPart = editing
    ? h('div', { class: 'field', id: `${prefix}-threat-fixed` }, h('p', { class: 'field-label' }, t('risks.field.threat')),
      h('p', null, `${risk.threat_code} ${label(risk.threat_name_ja, risk.threat_name_en)}`))
    : field({ id: `${prefix}-threat`, label: t('risks.field.threat'), control: threatSelect });

  // --- likelihood, impact, level ---
  const likelihood = h('select', { name: 'likelihood', class: 'input' },
    editing ? null : option('', t('risks.form.choose'), true),
    Array.from({ length: size }, (_, i) => option(i + 1, stepLabel(matrix, 'likelihood', i + 1, lang), risk?.likelihood === i + 1)));
  const fromClass = option('', '', !risk || risk.impact_from_class);
  const impact = h('select', { name: 'impact', class: 'input' }, fromClass,
    Array.from({ length: size }, (_, i) => option(i + 1, stepLabel(matrix, 'impact', i + 1, lang),
      risk && !risk.impact_from_class && risk.impact === i + 1)));
  const classFigure = () => {
    if (chosen?.classes) return classImpact(chosen, size);
    if (editing && risk.impact_from_class) return risk.impact;
    return null;
  };
  const showClassFigure = () => {
    const v = classFigure();
    fromClass.textContent = v
      ? t('risks.form.impact_from_class', { impact: stepLabel(matrix, 'impact', v, lang) })
      : t('risks.form.impact_from_class_unknown');
  };
  const level = h('p', { class: 'hint risk-level-preview', id: `${prefix}-level`, role: 'status' });
  const showLevel = () => {
    const l = Number(likelihood.value);
    const i = impact.value ? Number(impact.value) : classFigure();
    level.textContent = l && i ? t('risks.form.level', { likelihood: l, impact: i, level: l * i }) : '';
  };
  likelihood.addEventListener('change', showLevel);
  impact.addEventListener('change', showLevel);

  const treatment = h('select', { name: 'treatment', class: 'input' },
    editing ? null : option('', t('risks.form.choose'), true),
    TREATMENTS.map((x) => option(x, t(`risks.treatment.${x}`), risk?.treatment === x)));

  // --- owner and note ---
  const owners = (people ?? []).filter((p) => p.active !== false || p.id === risk?.owner_id);
  if (risk?.owner_id && !owners.some((p) => p.id === risk.owner_id)) owners.unshift({ id: risk.owner_id, name: risk.owner_name });
  const owner = h('select', { name: 'owner_id', class: 'input' }, option('', t('risks.form.no_owner'), !risk?.owner_id),
    owners.map((p) => option(p.id, p.name, p.id === risk?.owner_id)));
  const note = h('textarea', { name: 'note', class: 'input', rows: '3', maxlength: '4000' }, risk?.note ?? '');

  // --- the requirements that reduce it ---
  const reqList = h('div', { class: 'risk-requirement-list', id: `${prefix}-requirement-list` });
  const reqError = h('p', { class: 'field-error', id: `${prefix}-requirements-error` });
  const reqSet = h('fieldset', {
    class: 'plain risk-requirements', id: `${prefix}-requirements`, 'aria-describedby': `${prefix}-requirements-hint ${prefix}-requirements-error`,
  },
  h('legend', null, t('risks.field.requirements')),
  h('p', { class: 'hint', id: `${prefix}-requirements-hint` }, t('risks.form.requirements_hint')),
  reqList, reqError);
  reqSet.dataset.field = 'requirement_ids';
  let loadSeq = 0;
  const loadRequirements = async () => {
    const seq = ++loadSeq;
    const assetId = chosen?.id ?? risk?.asset_id;
    clear(reqList);
    if (!assetId) {
      reqList.append(h('p', { class: 'hint' }, t('risks.form.requirements_choose_asset')));
      return;
    }
    reqList.append(h('p', { class: 'status' }, t('risks.loading')));
    const threatId = editing ? risk.threat_id : Number(threatSelect.value) || null;
    const [applicable, answering] = await Promise.all([
      get(`api/v1/assets/${assetId}/requirements`, null, { signal }).then((d) => d.items),
      threatId ? get('api/v1/requirements', { threat_id: threatId, limit: 500 }, { signal }).then((d) => d.items).catch(() => [])
        : Promise.resolve([]),
    ]);
    if (seq !== loadSeq) return; // a later choice has started its own load
    const answers = new Set(answering.map((q) => q.id));
    const items = applicable.map((q) => ({
      id: q.id, code: q.code, title: label(q.title_ja, q.title_en), status: q.implementation?.status ?? 'not_started', applies: true,
    }));
    // Linked ones that no longer apply (the asset was reclassified) stay offered, marked.
    for (const q of risk?.requirements ?? []) {
      if (!items.some((x) => x.id === q.requirement_id)) {
        items.push({ id: q.requirement_id, code: q.code, title: label(q.title_ja, q.title_en), status: q.status, applies: false });
      }
    }
    clear(reqList);
    if (!items.length) {
      reqList.append(h('p', { class: 'hint' }, t('risks.form.requirements_none')));
      return;
    }
    reqList.append(h('ul', { class: 'plain-list', id: `${prefix}-requirement-items` }, items.map((q) => {
      const box = h('input', {
        type: 'checkbox', id: `${prefix}-req-${q.id}`, value: String(q.id), checked: selected.has(q.id),
        onchange: (e) => { if (e.target.checked) selected.add(q.id); else selected.delete(q.id); },
      });
      return h('li', { class: 'check', dataset: { code: q.code } }, box,
        h('label', { for: box.id, class: 'check-label' }, h('code', null, q.code), ' ', q.title, ' ',
          h('span', { class: 'impl-status', dataset: { status: q.status } }, t(`implementation.status.${q.status}`)),
          answers.has(q.id) ? [' ', h('span', { class: 'badge risk-answers' }, t('risks.form.answers_threat'))] : null,
          q.applies ? null : [' ', h('span', { class: 'badge' }, t('risks.form.no_longer_applies'))]));
    })));
  };
  const reload = () => { loadRequirements().catch((err) => { if (err?.name !== 'AbortError') reqList.textContent = requestError(err); }); };

  // --- choosing the asset by a search of the ledger ---
  let searchTimer = null;
  const findAssets = async () => {
    const { items } = await get('api/v1/assets', { q: assetSearch.value.trim(), status: 'in_use', limit: 100 }, { signal });
    const keep = assetSelect.value;
    clear(assetSelect);
    assetSelect.append(option('', items.length ? t('risks.form.choose') : t('risks.form.asset_none'), true),
      ...items.map((a) => option(a.id, `${a.name} (${a.label})`, String(a.id) === keep)));
  };
  const chooseAsset = async () => {
    chosen = null;
    showClassFigure();
    showLevel();
    if (assetSelect.value) chosen = await get(`api/v1/assets/${assetSelect.value}`, null, { signal });
    showClassFigure();
    showLevel();
    await loadRequirements();
  };
  if (!editing && !asset) {
    assetSearch.addEventListener('input', () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => { findAssets().catch(() => {}); }, 250);
    });
    assetSelect.addEventListener('change', () => { chooseAsset().catch((err) => { if (err?.name !== 'AbortError') reqList.textContent = requestError(err); }); });
    findAssets().catch(() => {});
  }
  if (!editing) threatSelect.addEventListener('change', reload);
  showClassFigure();
  showLevel();
  reload();

  // --- sending ---
  const alert = h('div', { class: 'form-error', role: 'alert', id: `${prefix}-error` });
  const status = h('p', { class: 'status', role: 'status', id: `${prefix}-status` });
  const submit = h('button', { type: 'submit', class: 'button button-primary', id: `${prefix}-submit` },
    t(editing ? 'risks.form.save' : 'risks.form.register'));

  const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));
  function body() {
    const ids = [...selected];
    if (!editing) {
      const out = { requirement_ids: ids };
      const assetId = asset ? asset.id : Number(assetSelect.value) || null;
      if (assetId) out.asset_id = assetId;
      if (threatSelect.value) out.threat_id = Number(threatSelect.value);
      if (likelihood.value) out.likelihood = Number(likelihood.value);
      if (impact.value) out.impact = Number(impact.value);
      if (treatment.value) out.treatment = treatment.value;
      if (owner.value) out.owner_id = Number(owner.value);
      if (note.value.trim()) out.note = note.value.trim();
      return out;
    }
    const out = {};
    if (Number(likelihood.value) !== risk.likelihood) out.likelihood = Number(likelihood.value);
    if (!impact.value && !risk.impact_from_class) out.impact = null;
    if (impact.value && (risk.impact_from_class || Number(impact.value) !== risk.impact)) out.impact = Number(impact.value);
    if (treatment.value !== risk.treatment) out.treatment = treatment.value;
    if ((Number(owner.value) || null) !== (risk.owner_id ?? null)) out.owner_id = Number(owner.value) || null;
    if (note.value.trim() !== (risk.note ?? '')) out.note = note.value.trim() || null;
    if (!sameSet(ids, (risk.requirements ?? []).map((q) => q.requirement_id))) out.requirement_ids = ids;
    return out;
  }

  let busy = false;
  const form = h('form', {
    class: 'card risk-form', id: prefix, novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      if (busy) return;
      clearFieldErrors(form);
      alert.textContent = '';
      status.textContent = '';
      const payload = body();
      if (editing && Object.keys(payload).length === 0) {
        status.textContent = t('risks.form.unchanged');
        return;
      }
      busy = true;
      submit.disabled = true;
      status.textContent = t('risks.form.saving');
      try {
        const saved = editing
          ? await request('PATCH', `api/v1/risks/${risk.id}`, { body: payload, headers: ifMatch(risk.version), signal })
          : await request('POST', 'api/v1/risks', { body: payload, signal });
        status.textContent = '';
        onSaved(saved);
      } catch (err) {
        if (err?.name === 'AbortError') return;
        status.textContent = '';
        const duplicate = err instanceof ApiError && err.status === 409 ? /\(risk (\d+)\)/.exec(err.message ?? '') : null;
        if (err instanceof ApiError && err.status === 422 && err.fields?.length) {
          const rest = showFieldErrors(form, err);
          alert.textContent = rest.length ? `${t('form.error.invalid')} ${rest.join(' ')}` : t('form.error.invalid');
        } else if (err instanceof ApiError && err.status === 412) {
          alert.append(h('span', null, t('risks.form.stale')), ' ',
            h('button', { type: 'button', class: 'button button-small button-secondary', id: `${prefix}-reload`, onclick: onStale },
              t('risks.form.reload')));
          alert.querySelector('button').focus();
        } else if (duplicate) {
          alert.append(h('span', null, t('risks.form.duplicate')), ' ',
            h('a', { href: `#/risks/${duplicate[1]}`, id: `${prefix}-duplicate` }, t('risks.form.duplicate_link')));
        } else {
          alert.textContent = requestError(err);
        }
      } finally {
        busy = false;
        submit.disabled = false;
      }
    },
  },
  h('h2', null, t(editing ? 'risks.form.edit_title' : 'risks.form.new_title')),
  assetPart,
  threatPart,
  field({ id: `${prefix}-likelihood`, label: t('risks.field.likelihood'), control: likelihood, hint: t('risks.form.likelihood_hint') }),
  field({ id: `${prefix}-impact`, label: t('risks.field.impact'), control: impact, hint: t('risks.form.impact_hint') }),
  level,
  field({ id: `${prefix}-treatment`, label: t('risks.field.treatment'), control: treatment, hint: t('risks.form.treatment_hint') }),
  people?.length || risk?.owner_id ? field({ id: `${prefix}-owner`, label: t('risks.field.owner'), control: owner }) : null,
  field({ id: `${prefix}-note`, label: t('risks.field.note'), control: note }),
  reqSet,
  alert,
  h('div', { class: 'actions' }, submit,
    onCancel ? h('button', { type: 'button', class: 'button button-secondary', id: `${prefix}-cancel`, onclick: onCancel }, t('form.cancel')) : null,
    status));
  const first = editing ? likelihood : asset ? threatSelect : assetSearch;
  return { node: form, focus: () => first.focus() };
}
