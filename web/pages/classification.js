// The classification scheme (#/classification, 情報の区分, 第9条): the classes of the
// scheme in force per axis (機密性, 完全性, 可用性), each with its definition and its
// handling rules per aspect, for everyone logged in.
//
// With classification.manage (the CISO) each class has "Edit": its names,
// definition and rules in a form that PATCHes /api/v1/classification/classes/{id}
// with If-Match (a stale version says so and offers to reload). The CISO may also
// put the other preset in force: every class of the scheme in force gets a choice
// of class in the new one (same axis, nearest rank preselected), as the one
// transaction POST /api/v1/classification/preset-change requires.
// Exports render().

import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { get, request, ifMatch, ApiError } from '../api.js';
import { field, showFieldErrors, requestError } from '../forms.js';
import { ASPECTS, AXES, classBadge } from '../classes.js';

function text(lang, ja, en) {
  return lang === 'en' && en ? en : ja;
}

function classView(ctx, k, { canEdit, onEdit }) {
  const { lang } = ctx;
  return h('section', { class: 'card class-card', id: `class-${k.label}`, dataset: { classId: String(k.id) } },
    h('h3', null, classBadge(k.label, k.axis, k.rank), ' ', h('span', { lang: lang === 'en' ? 'en' : 'ja' }, text(lang, k.name_ja, k.name_en))),
    h('p', { class: 'class-definition' }, text(lang, k.definition_ja, k.definition_en)),
    h('p', { class: 'hint' }, t('classification.in_use', { count: k.assets })),
    h('table', { class: 'table class-rules' },
      h('caption', { class: 'visually-hidden' }, t('classification.rules_of', { label: k.label })),
      h('tbody', null, ASPECTS.filter((a) => k.rules[a]).map((a) => h('tr', { dataset: { aspect: a } },
        h('th', { scope: 'row' }, t(`classification.aspect.${a}`)),
        h('td', null, text(lang, k.rules[a].ja, k.rules[a].en)))))),
    canEdit ? h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button button-secondary button-small', id: `class-edit-${k.id}`, onclick: onEdit },
        t('classification.edit'))) : null);
}

function classForm(ctx, k, { onSaved, onCancel }) {
  const area = (name, value, rows = 3) => h('textarea', { name, class: 'input', rows: String(rows) }, value ?? '');
  const controls = {
    name_ja: h('input', { name: 'name_ja', type: 'text', class: 'input', value: k.name_ja }),
    name_en: h('input', { name: 'name_en', type: 'text', class: 'input', value: k.name_en }),
    definition_ja: area('definition_ja', k.definition_ja),
    definition_en: area('definition_en', k.definition_en),
  };
  const rules = {};
  for (const a of ASPECTS) {
    rules[a] = { ja: area(`rules.${a}.ja`, k.rules[a]?.ja), en: area(`rules.${a}.en`, k.rules[a]?.en) };
  }
  const message = h('p', { class: 'form-message', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'button button-primary', id: `class-save-${k.id}` }, t('classification.save'));
  const form = h('form', {
    class: 'card class-card class-form', id: `class-form-${k.id}`, novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      const body = {};
      for (const [name, c] of Object.entries(controls)) if (c.value !== (k[name] ?? '')) body[name] = c.value;
      const changed = {};
      for (const a of ASPECTS) {
        const ja = rules[a].ja.value, en = rules[a].en.value;
        const r = {};
        if (ja !== (k.rules[a]?.ja ?? '')) r.ja = ja;
        if (en !== (k.rules[a]?.en ?? '')) r.en = en;
        if (Object.keys(r).length) changed[a] = r;
      }
      if (Object.keys(changed).length) body.rules = changed;
      if (!Object.keys(body).length) { onCancel(); return; }
      save.disabled = true;
      message.textContent = '';
      try {
        const updated = await request('PATCH', `api/v1/classification/classes/${k.id}`, { body, headers: ifMatch(k.version) });
        onSaved(updated);
      } catch (err) {
        save.disabled = false;
        if (err instanceof ApiError && err.status === 422) {
          const rest = showFieldErrors(form, err);
          message.textContent = rest.length ? rest.join(' ') : t('form.error.invalid');
        } else {
          message.textContent = err instanceof ApiError && err.status === 412 ? t('classification.stale') : requestError(err);
        }
      }
    },
  },
  h('h3', null, classBadge(k.label, k.axis, k.rank), ' ', t('classification.editing', { name: k.name_ja })),
  field({ id: `class-${k.id}-name-ja`, label: t('classification.field.name_ja'), control: controls.name_ja }),
  field({ id: `class-${k.id}-name-en`, label: t('classification.field.name_en'), control: controls.name_en }),
  field({ id: `class-${k.id}-def-ja`, label: t('classification.field.definition_ja'), control: controls.definition_ja }),
  field({ id: `class-${k.id}-def-en`, label: t('classification.field.definition_en'), control: controls.definition_en }),
  ASPECTS.map((a) => h('fieldset', { class: 'fieldset' },
    h('legend', null, t(`classification.aspect.${a}`)),
    field({ id: `class-${k.id}-${a}-ja`, label: t('classification.field.rule_ja'), control: rules[a].ja, name: `rules.${a}.ja` }),
    field({ id: `class-${k.id}-${a}-en`, label: t('classification.field.rule_en'), control: rules[a].en, name: `rules.${a}.en` }))),
  message,
  h('div', { class: 'actions' }, save,
    h('button', { type: 'button', class: 'button button-secondary', onclick: onCancel }, t('form.cancel'))));
  return form;
}

/** The nearest class of `target` for class k: same axis, the highest rank not above k's. */
function nearest(k, target) {
  const same = target.classes.filter((c) => c.axis === k.axis).sort((a, b) => b.rank - a.rank);
  return same.find((c) => c.rank <= k.rank) ?? same[same.length - 1];
}

function presetForm(ctx, current, other, { onDone }) {
  const selects = current.classes.map((k) => {
    const choice = nearest(k, other);
    return [k, h('select', { name: `mapping.${k.id}`, class: 'input' },
      other.classes.filter((c) => c.axis === k.axis).map((c) => h('option', { value: String(c.id), selected: c.id === choice?.id },
        `${c.label} ${text(ctx.lang, c.name_ja, c.name_en)}`)))];
  });
  const message = h('p', { class: 'form-message', role: 'alert', id: 'preset-message' });
  const form = h('form', {
    class: 'card', id: 'preset-form', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      const mapping = Object.fromEntries(selects.map(([k, s]) => [String(k.id), Number(s.value)]));
      try {
        const r = await request('POST', 'api/v1/classification/preset-change', { body: { scheme: other.code, mapping } });
        onDone(r);
      } catch (err) {
        if (err instanceof ApiError && err.status === 422) {
          const rest = showFieldErrors(form, err);
          message.textContent = rest.length ? rest.join(' ') : t('form.error.invalid');
        } else {
          message.textContent = requestError(err);
        }
      }
    },
  },
  h('h2', null, t('classification.preset.title', { name: text(ctx.lang, other.name_ja, other.name_en) })),
  h('p', { class: 'hint' }, t('classification.preset.intro')),
  selects.map(([k, s]) => field({
    id: `preset-${k.id}`, name: `mapping.${k.id}`, control: s,
    label: t('classification.preset.maps', { label: k.label, count: k.assets }),
  })),
  message,
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button-primary', id: 'preset-submit' },
    t('classification.preset.submit'))));
  return form;
}

export function render(ctx) {
  const { session, signal, lang } = ctx;
  const title = t('module.classification.title');
  const canEdit = (session.permissions ?? []).includes('classification.manage');
  const status = h('p', { class: 'status', id: 'classification-status', role: 'status' }, t('classification.loading'));
  const schemeLine = h('p', { class: 'lead', id: 'classification-scheme' });
  const body = h('div', { id: 'classification-classes' });
  const presetBox = h('div', { id: 'classification-preset' });
  const node = h('div', { class: 'page page-wide classification', id: 'classification-page' },
    h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'lead' }, t('classification.intro')),
    schemeLine, status, body, presetBox);

  const load = async () => {
    const { items } = await get('api/v1/classification/schemes', null, { signal });
    const current = items.find((s) => s.in_force);
    clear(body);
    clear(presetBox);
    schemeLine.textContent = t('classification.in_force', { name: text(lang, current.name_ja, current.name_en) });
    for (const axis of AXES) {
      const list = h('div', { class: 'class-list' });
      const show = (k) => {
        const view = classView(ctx, k, {
          canEdit,
          onEdit: () => {
            const form = classForm(ctx, k, {
              onSaved: (updated) => { status.textContent = t('classification.saved', { label: updated.label }); form.replaceWith(show(updated)); },
              onCancel: () => form.replaceWith(show(k)),
            });
            view.replaceWith(form);
            form.querySelector('input')?.focus();
          },
        });
        return view;
      };
      for (const k of current.classes.filter((c) => c.axis === axis)) list.append(show(k));
      body.append(h('section', { class: 'class-axis', id: `axis-${axis}` }, h('h2', null, t(`classification.axis.${axis}`)), list));
    }
    if (canEdit) {
      for (const other of items.filter((s) => !s.in_force)) {
        presetBox.append(presetForm(ctx, current, other, {
          onDone: async () => { await load(); status.textContent = t('classification.preset.done'); },
        }));
      }
    }
    status.textContent = '';
  };
  load().then(() => { node.dataset.ready = 'true'; }).catch((err) => {
    if (err?.name !== 'AbortError') status.textContent = requestError(err);
  });
  return { title, node };
}
