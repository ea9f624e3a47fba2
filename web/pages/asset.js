// One information asset (#/assets/{id}) and registering one (#/assets/new).
//
// - The asset as GET /api/v1/assets/{id} gives it (404 for one the caller may not see,
//   exactly as for none): its fields, the class label, and the handling rules of its
//   three classes (GET /api/v1/classification), so whoever handles it knows how.
// - Its relations (what holds it, what it holds, among the assets the caller sees);
//   for who may change it, a form to relate it to a container of a kind the relation
//   allows, and a button to end a relation.
// - The requirements that apply to it, each with its status (recorded there by who has
//   implementation.write, implementation-control.js) and a link to its record's page
//   (#/implementations/{id}) where there is one.
// - Its open risks (the register, #/risks), and for who treats risks a way to register one.
// - Its history: every version, who changed it, its owner unit, manager and classes.
// - With asset.write, while in use: change (the form of asset-form.js, If-Match) and
//   record its disposal (date, method, witness; asked for confirmation).
// The warnings of a write (a container classed below what it holds, with the path)
// are shown after it. Exports render().

import { h, clear } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { get, request, ifMatch, ApiError } from '../api.js';
import { field, showFieldErrors, requestError, confirmAction } from '../forms.js';
import { ASPECTS, labelBadge, classBadge } from '../classes.js';
import { relationTargets, writableUnits } from '../asset-data.js';
import { todayInZone } from '../time.js';
import { assetForm } from './asset-form.js';
import { label as catalogLabel } from '../catalog-data.js';
import { statusControl, recordLink } from './implementation-control.js';

// Warnings of a registration, shown on the new asset's page (keyed by its id).
const pendingWarnings = new Map();

function text(ja, en) {
  return getLang() === 'en' && en ? en : ja;
}

function warningList(warnings) {
  if (!warnings?.length) return null;
  return h('div', { class: 'notice notice-warning', id: 'asset-warnings', role: 'status' },
    h('p', { class: 'notice-title' }, t('assets.warnings')),
    h('ul', null, warnings.map((w) => h('li', { lang: 'ja' }, w))));
}

/* What a change did to the requirements that apply (第9条): added, no longer applying. */
function changedList(changed) {
  if (!changed || (!changed.added.length && !changed.removed.length)) return null;
  const item = (q) => h('li', { dataset: { code: q.code } }, h('code', null, q.code), ' ', catalogLabel(q.title_ja, q.title_en));
  return h('div', { class: 'notice', id: 'asset-requirements-changed', role: 'status' },
    h('p', { class: 'notice-title' }, t('implementation.changed')),
    changed.added.length ? h('p', null, t('implementation.changed_added', { n: changed.added.length })) : null,
    changed.added.length ? h('ul', { id: 'requirements-added' }, changed.added.map(item)) : null,
    changed.removed.length ? h('p', null, t('implementation.changed_removed', { n: changed.removed.length })) : null,
    changed.removed.length ? h('ul', { id: 'requirements-removed' }, changed.removed.map(item)) : null);
}

async function formContext(ctx) {
  const { signal, session } = ctx;
  const [units, roles, scheme, people] = await Promise.all([
    get('api/v1/org-units', null, { signal }).then((d) => d.items),
    get('api/v1/roles', null, { signal }).then((d) => d.items),
    get('api/v1/classification', null, { signal }),
    (session.permissions ?? []).includes('person.read')
      ? get('api/v1/persons', { limit: 500 }, { signal }).then((d) => d.items).catch(() => [])
      : Promise.resolve([]),
  ]);
  return { units: writableUnits(session.person?.roles, roles, units), scheme, people };
}

function renderNew(ctx) {
  const title = t('assets.form.new_title');
  const status = h('p', { class: 'status', role: 'status' }, t('assets.loading'));
  const node = h('div', { class: 'page asset-new', id: 'asset-new-page' },
    h('p', null, h('a', { href: '#/assets' }, t('assets.back'))),
    h('h1', { tabindex: '-1' }, title), status);
  formContext(ctx).then(({ units, scheme, people }) => {
    status.remove();
    const form = assetForm({
      prefix: 'asset-new', asset: null, units, people, scheme,
      onSaved: (a) => {
        pendingWarnings.set(a.id, a.warnings ?? []);
        ctx.navigate(`/assets/${a.id}`);
      },
    });
    node.append(form.node);
    node.dataset.ready = 'true';
  }).catch((err) => {
    if (err?.name !== 'AbortError') status.textContent = requestError(err);
  });
  return { title, node };
}

function details(a) {
  const row = (key, value) => h('div', { class: 'detail-row' }, h('dt', null, t(`assets.field.${key}`)), h('dd', { lang: 'ja' }, value ?? t('common.none')));
  return h('dl', { class: 'details', id: 'asset-details' },
    row('kind', t(`assets.kind.${a.kind}`)),
    row('owner_unit', a.owner_unit),
    row('manager', a.manager),
    row('location', a.location),
    row('segment', t(`assets.segment.${a.segment}`)),
    row('format', t(`assets.format.${a.format}`)),
    row('personal_data', a.mynumber ? t('assets.personal.mynumber') : a.personal_data ? t('assets.personal.yes') : t('assets.personal.no')),
    row('retention', a.retention),
    row('disposal_method', a.disposal_method),
    row('class_reason', a.class_reason),
    row('description', a.description),
    a.status === 'disposed' ? row('disposed', t('assets.disposed_text', {
      date: a.disposed_on, method: a.disposed_method, witness: a.disposal_witness,
    })) : null);
}

function rulesSection(a, scheme) {
  const classes = ['c', 'i', 'a'].map((x) => (scheme?.classes ?? []).find((k) => k.id === a.classes[x].id) ?? null);
  return h('section', { class: 'card asset-rules', id: 'asset-rules', 'aria-labelledby': 'asset-rules-title' },
    h('h2', { id: 'asset-rules-title' }, t('assets.rules.title')),
    h('p', { class: 'hint' }, t('assets.rules.intro')),
    h('table', { class: 'table class-rules' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('assets.rules.aspect')),
        classes.map((k, i) => h('th', { scope: 'col' }, k ? classBadge(k.label, k.axis, k.rank) : ['C', 'I', 'A'][i])))),
      h('tbody', null, ASPECTS.map((aspect) => h('tr', { dataset: { aspect } },
        h('th', { scope: 'row' }, t(`classification.aspect.${aspect}`)),
        classes.map((k) => h('td', null, k?.rules?.[aspect] ? text(k.rules[aspect].ja, k.rules[aspect].en) : t('common.none'))))))));
}

function historySection(a) {
  return h('section', { class: 'card', id: 'asset-history', 'aria-labelledby': 'asset-history-title' },
    h('h2', { id: 'asset-history-title' }, t('assets.history.title')),
    h('div', { class: 'table-scroll' }, h('table', { class: 'table' },
      h('thead', null, h('tr', null, ['version', 'when', 'by', 'change', 'unit', 'manager', 'label', 'status']
        .map((c) => h('th', { scope: 'col' }, t(`assets.history.${c}`))))),
      h('tbody', null, (a.history ?? []).slice().reverse().map((v) => h('tr', null,
        h('td', null, String(v.version)),
        h('td', { class: 'nowrap' }, v.changed_at),
        h('td', { lang: 'ja' }, v.changed_by ?? t('assets.history.system')),
        h('td', null, t(`assets.change.${v.change}`)),
        h('td', { lang: 'ja' }, v.owner_unit),
        h('td', { lang: 'ja' }, v.manager ?? t('common.none')),
        h('td', null, h('code', null, v.label)),
        h('td', null, t(`assets.status.${v.status}`))))))));
}

/* A requirement's implementation for this asset: its status, and for who may record it
 * (implementation.write; the server checks the unit) the control of
 * implementation-control.js; a link to the record's page where there is one. */
function implementationControl(a, q, mayWrite, reload) {
  const im = q.implementation ?? { status: 'not_started', id: null };
  return h('span', { class: 'impl-cell' },
    statusControl({
      code: q.code, record: im, target: { requirement_id: q.id, asset_id: a.id },
      editable: mayWrite && a.status === 'in_use', onSaved: () => reload(),
    }),
    recordLink(im.id, q.code));
}

/* The requirements (対策基準) that apply to the asset from its kind, segment, personal
 * data and class ranks (GET /api/v1/assets/{id}/requirements), each with its
 * implementation status for this asset, for who reads the catalog. */
function requirementsSection(ctx, a) {
  const { signal, session } = ctx;
  if (!(session.permissions ?? []).includes('catalog.read')) return null;
  const mayWrite = (session.permissions ?? []).includes('implementation.write');
  const list = h('div', { id: 'asset-requirements-list' }, h('p', { class: 'status', role: 'status' }, t('assets.loading')));
  const load = () => get(`api/v1/assets/${a.id}/requirements`, null, { signal }).then(({ items }) => {
    clear(list);
    if (!items.length) {
      list.append(h('p', { class: 'hint' }, t('assets.requirements.none')));
      return;
    }
    const done = items.filter((q) => q.implementation?.status === 'implemented').length;
    list.append(h('p', { class: 'hint' }, t('assets.requirements.count', { n: items.length })),
      h('p', { class: 'hint', id: 'asset-requirements-done' }, t('implementation.done', { done, n: items.length })),
      h('ul', { id: 'asset-requirements' }, items.map((q) => h('li', { dataset: { code: q.code } },
        h('a', { href: `#/requirements/${q.id}` }, h('code', null, q.code), ' ', catalogLabel(q.title_ja, q.title_en)),
        h('span', { class: 'hint' }, ` (${t(`catalog.kind.${q.measure_kind}`)}) `),
        implementationControl(a, q, mayWrite, load)))));
    list.dataset.ready = 'true';
  }).catch((err) => {
    if (err?.name === 'AbortError') return;
    clear(list);
    list.append(h('p', { class: 'status' }, requestError(err)));
  });
  load();
  return h('section', { class: 'card', id: 'asset-requirements-section', 'aria-labelledby': 'asset-requirements-title' },
    h('h2', { id: 'asset-requirements-title' }, t('assets.requirements.title')), list);
}

/* The asset's open risks (GET /api/v1/risks?asset_id=), each leading to its page, and for
 * who treats risks (implementation.write; the server decides the unit) a way to register
 * one for this asset (#/risks/new?asset_id=). */
function risksSection(ctx, a) {
  const { signal, session } = ctx;
  const mayTreat = (session.permissions ?? []).includes('implementation.write') && a.status === 'in_use';
  const list = h('div', { id: 'asset-risks-list' }, h('p', { class: 'status', role: 'status' }, t('assets.loading')));
  get('api/v1/risks', { asset_id: a.id, limit: 500 }, { signal }).then(({ items }) => {
    clear(list);
    if (!items.length) list.append(h('p', { class: 'hint' }, t('assets.risks.none')));
    else {
      list.append(h('ul', { id: 'asset-risks' }, items.map((x) => h('li', { dataset: { riskId: String(x.id) } },
        h('a', { href: `#/risks/${x.id}` }, catalogLabel(x.threat_name_ja, x.threat_name_en)),
        h('span', { class: 'hint' }, ` ${t('assets.risks.figures', { level: x.level, residual: x.residual.level, treatment: t(`risks.treatment.${x.treatment}`) })}`)))));
    }
    list.dataset.ready = 'true';
  }).catch((err) => {
    if (err?.name === 'AbortError') return;
    clear(list);
    list.append(h('p', { class: 'status' }, requestError(err)));
  });
  return h('section', { class: 'card', id: 'asset-risks-section', 'aria-labelledby': 'asset-risks-title' },
    h('h2', { id: 'asset-risks-title' }, t('assets.risks.title')), list,
    mayTreat ? h('p', null, h('a', { href: `#/risks/new?asset_id=${a.id}`, class: 'button button-secondary', id: 'asset-risk-new' },
      t('assets.risks.new'))) : null);
}

function relationsSection(ctx, a, mayChange, reload) {
  const { signal } = ctx;
  const list = h('div', { id: 'asset-relations-list' }, h('p', { class: 'status', role: 'status' }, t('assets.loading')));
  const section = h('section', { class: 'card', id: 'asset-relations', 'aria-labelledby': 'asset-relations-title' },
    h('h2', { id: 'asset-relations-title' }, t('assets.relations.title')), list);
  (async () => {
    const { items } = await get(`api/v1/assets/${a.id}/relations`, null, { signal });
    clear(list);
    if (!items.length) list.append(h('p', { class: 'hint' }, t('assets.relations.none')));
    else {
      list.append(h('table', { class: 'table', id: 'asset-relations-table' },
        h('thead', null, h('tr', null, ['relation', 'asset', 'label', ''].map((c) => h('th', { scope: 'col' }, c ? t(`assets.relations.${c}`) : '')))),
        h('tbody', null, items.map((r) => h('tr', { dataset: { relationId: String(r.id) } },
          h('td', null, t(`assets.relation.${r.kind}.${r.direction}`)),
          h('td', { lang: 'ja' }, h('a', { href: `#/assets/${r.asset_id}` }, r.asset_name)),
          h('td', null, h('code', null, r.label)),
          h('td', null, mayChange && r.direction === 'held_by' ? h('button', {
            type: 'button', class: 'button button-quiet button-small', id: `relation-end-${r.id}`,
            onclick: async () => {
              if (!await confirmAction({ title: t('assets.relations.end_title'), text: t('assets.relations.end_text', { name: r.asset_name }), confirm: t('assets.relations.end') })) return;
              try {
                await request('DELETE', `api/v1/asset-relations/${r.id}`);
                reload();
              } catch (err) {
                list.append(h('p', { class: 'form-message', role: 'alert' }, requestError(err)));
              }
            },
          }, t('assets.relations.end')) : null))))));
    }
    const targets = relationTargets(a.kind);
    if (!mayChange || !targets.length) return;
    const kindSelect = h('select', { name: 'kind', class: 'input' }, targets.map((x) => h('option', { value: x.kind }, t(`assets.relation.${x.kind}.held_by`))));
    const toSelect = h('select', { name: 'to_asset_id', class: 'input' });
    const fill = async () => {
      clear(toSelect);
      const target = targets.find((x) => x.kind === kindSelect.value);
      const lists = await Promise.all(target.to.map((k) => get('api/v1/assets', { kind: k, limit: 500 }, { signal }).then((d) => d.items)));
      for (const c of lists.flat()) if (c.id !== a.id) toSelect.append(h('option', { value: String(c.id) }, `${c.name} (${c.label})`));
    };
    kindSelect.addEventListener('change', () => { fill().catch(() => {}); });
    const message = h('p', { class: 'form-message', role: 'alert', id: 'relation-message' });
    const form = h('form', {
      class: 'relation-form', id: 'relation-form', novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        message.textContent = '';
        try {
          const r = await request('POST', `api/v1/assets/${a.id}/relations`, { body: { kind: kindSelect.value, to_asset_id: Number(toSelect.value) } });
          pendingWarnings.set(a.id, r.warnings ?? []);
          reload();
        } catch (err) {
          if (err instanceof ApiError && err.status === 422) {
            const rest = showFieldErrors(form, err);
            message.textContent = rest.length ? rest.join(' ') : t('form.error.invalid');
          } else message.textContent = requestError(err);
        }
      },
    },
    h('h3', null, t('assets.relations.add_title')),
    field({ id: 'relation-kind', label: t('assets.relations.kind'), control: kindSelect }),
    field({ id: 'relation-to', label: t('assets.relations.to'), control: toSelect }),
    message,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button-secondary', id: 'relation-add' }, t('assets.relations.add'))));
    section.append(form);
    await fill();
  })().catch((err) => {
    if (err?.name !== 'AbortError') list.textContent = requestError(err);
  });
  return section;
}

function disposeForm(ctx, a, onDone, onCancel) {
  const date = h('input', { name: 'disposed_on', type: 'date', class: 'input input-date', value: todayInZone() });
  const method = h('input', { name: 'method', type: 'text', class: 'input', value: a.disposal_method ?? '' });
  const witness = h('input', { name: 'witness', type: 'text', class: 'input' });
  const message = h('p', { class: 'form-message', role: 'alert', id: 'dispose-message' });
  const form = h('form', {
    class: 'card dispose-form', id: 'dispose-form', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      if (!await confirmAction({ title: t('assets.dispose.confirm_title'), text: t('assets.dispose.confirm_text', { name: a.name }), confirm: t('assets.dispose.submit'), id: 'dispose-confirm' })) return;
      try {
        onDone(await request('POST', `api/v1/assets/${a.id}/dispose`, {
          body: { disposed_on: date.value, method: method.value, witness: witness.value }, headers: ifMatch(a.version),
        }));
      } catch (err) {
        if (err instanceof ApiError && err.status === 422) {
          const rest = showFieldErrors(form, err);
          message.textContent = rest.length ? rest.join(' ') : t('form.error.invalid');
        } else message.textContent = err instanceof ApiError && err.status === 412 ? t('assets.form.stale') : requestError(err);
      }
    },
  },
  h('h2', null, t('assets.dispose.title')),
  h('p', { class: 'hint' }, t('assets.dispose.intro')),
  field({ id: 'dispose-date', label: t('assets.dispose.date'), control: date }),
  field({ id: 'dispose-method', label: t('assets.dispose.method'), control: method }),
  field({ id: 'dispose-witness', label: t('assets.dispose.witness'), control: witness }),
  message,
  h('div', { class: 'actions' },
    h('button', { type: 'submit', class: 'button button-danger', id: 'dispose-submit' }, t('assets.dispose.submit')),
    h('button', { type: 'button', class: 'button button-secondary', onclick: onCancel }, t('form.cancel'))));
  return form;
}

export function render(ctx) {
  if (ctx.match?.[1] === 'new') return renderNew(ctx);
  const { signal, session } = ctx;
  const id = Number(ctx.match[1]);
  const title = t('assets.detail.title');
  const status = h('p', { class: 'status', role: 'status', id: 'asset-status' }, t('assets.loading'));
  const body = h('div', { id: 'asset-body' });
  const node = h('div', { class: 'page page-wide asset', id: 'asset-page' },
    h('p', null, h('a', { href: '#/assets' }, t('assets.back'))), status, body);
  const canWrite = (session.permissions ?? []).includes('asset.write');

  const show = async (warnings, changed) => {
    const [a, scheme] = await Promise.all([
      get(`api/v1/assets/${id}`, null, { signal }),
      get('api/v1/classification', null, { signal }).catch(() => null),
    ]);
    clear(body);
    status.textContent = '';
    const mayChange = canWrite && a.status === 'in_use';
    const actions = h('div', { class: 'actions', id: 'asset-actions' });
    const heading = h('h1', { tabindex: '-1' }, h('span', { lang: 'ja' }, a.name), ' ', labelBadge(a.label, a.classes.c.rank));
    // Element.append would write a null as the text "null": only the parts there are.
    body.append(...[heading,
      h('p', { class: a.status === 'disposed' ? 'asset-state is-disposed' : 'asset-state' }, t(`assets.status.${a.status}`),
        a.restricted ? h('span', { class: 'hint' }, ` — ${t('classification.restricted')}`) : null),
      warningList(warnings ?? pendingWarnings.get(id)), changedList(changed), actions, details(a), rulesSection(a, scheme), requirementsSection(ctx, a), risksSection(ctx, a),
      relationsSection(ctx, a, mayChange, () => show().catch(() => {})), historySection(a)].filter(Boolean));
    pendingWarnings.delete(id);
    if (mayChange) {
      actions.append(
        h('button', {
          type: 'button', class: 'button button-secondary', id: 'asset-edit',
          onclick: async () => {
            const fc = await formContext(ctx);
            const form = assetForm({
              prefix: 'asset-edit', asset: a, ...fc,
              onSaved: (saved) => { show(saved.warnings, saved.requirements_changed).catch(() => {}); },
              onCancel: () => { show().catch(() => {}); },
            });
            clear(body);
            body.append(h('h1', { tabindex: '-1' }, h('span', { lang: 'ja' }, a.name)), form.node);
            form.focus();
          },
        }, t('assets.edit')),
        h('button', {
          type: 'button', class: 'button button-secondary', id: 'asset-dispose',
          onclick: () => {
            const form = disposeForm(ctx, a, () => { show().catch(() => {}); }, () => { show().catch(() => {}); });
            actions.replaceWith(form);
            form.querySelector('input').focus();
          },
        }, t('assets.dispose.open')));
    }
    node.dataset.ready = 'true';
  };
  show().catch((err) => {
    if (err?.name === 'AbortError') return;
    status.textContent = err instanceof ApiError && err.status === 404 ? t('assets.detail.missing') : requestError(err);
    node.dataset.ready = 'true';
  });
  return { title, node };
}
