// The audit trail (#/audit, needs audit_event.read).
//
// Events newest first, 50 at a time from GET /api/v1/audit-events, "more"
// follows next_cursor. The action filter lives in the route
// (#/audit?action=login.success) so a filtered view can be bookmarked and the
// back button works. Times are shown in Asia/Tokyo, with 和暦 dates in
// Japanese. Above the list, the tools of pages/audit-tools.js: verify the
// chain, export as CSV (with the same action filter). Exports render().

import { h } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { get } from '../api.js';
import { formatDateTime } from '../time.js';
import { verifyCard, exportCard } from './audit-tools.js';

const PAGE_SIZE = 50;
// Long object ids (session hashes, UUIDs) are shortened; the full id stays in the title.
const MAX_ID_CHARS = 16;

// The server writes '-' or '' where an event has no object id or address.
const blank = (v) => v === null || v === undefined || v === '' || v === '-';

function objectCell(e) {
  if (blank(e.object_type) && blank(e.object_id)) return t('common.none');
  const id = blank(e.object_id) ? '' : String(e.object_id);
  const shortId = id.length > MAX_ID_CHARS ? `${id.slice(0, MAX_ID_CHARS - 1)}…` : id;
  return h('span', { class: 'object', title: id.length > MAX_ID_CHARS ? id : null },
    blank(e.object_type) ? null : h('span', { class: 'object-type' }, e.object_type),
    id ? h('code', { class: 'object-id' }, shortId) : null);
}

// Events without a person: the server names them 'system' (init, scheduler) or
// 'anonymous' (a refused login); those words are shown in the UI's language.
function actorText(e) {
  const hasId = e.actor_id !== null && e.actor_id !== undefined;
  if (!hasId && (blank(e.actor) || e.actor === 'system')) return t('audit.actor_system');
  if (!hasId && e.actor === 'anonymous') return t('audit.actor_anonymous');
  return blank(e.actor) ? `#${e.actor_id}` : e.actor;
}

function detailValue(v) {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

// The event's detail and hash, folded away: wanted when investigating, noise otherwise.
function detailCell(e) {
  const entries = e.detail && typeof e.detail === 'object' && !Array.isArray(e.detail)
    ? Object.entries(e.detail)
    : (blank(e.detail) ? [] : [['', e.detail]]);
  if (entries.length === 0 && blank(e.hash)) return t('common.none');
  return h('details', { class: 'event-detail' },
    h('summary', null, t('audit.detail.show')),
    h('dl', null,
      entries.map(([k, v]) => [h('dt', null, k || t('audit.col.detail')), h('dd', null, detailValue(v))]),
      blank(e.hash) ? null : [h('dt', null, t('audit.detail.hash')), h('dd', null, h('code', null, e.hash))]));
}

function eventRow(e, lang) {
  return h('tr', null,
    h('td', { class: 'num' }, String(e.seq)),
    h('td', { class: 'nowrap' }, h('time', { datetime: e.occurred_at }, formatDateTime(e.occurred_at, lang))),
    h('td', null, actorText(e)),
    h('td', null, h('code', { class: 'action' }, e.action)),
    h('td', null, objectCell(e)),
    h('td', { class: 'nowrap' }, blank(e.ip) ? t('common.none') : e.ip),
    h('td', null, detailCell(e)));
}

export function render(ctx) {
  const { params, signal, navigate } = ctx;
  const lang = getLang();
  const action = (params.get('action') ?? '').trim();
  const title = t('module.audit_trail.title');

  let cursor = null;
  let shown = 0;
  const seenActions = new Set(action ? [action] : []);

  const datalist = h('datalist', { id: 'audit-actions' });
  const actionInput = h('input', {
    id: 'audit-action', name: 'action', type: 'search', class: 'input input-inline',
    list: 'audit-actions', value: action, placeholder: t('audit.filter.placeholder'),
    autocomplete: 'off', spellcheck: 'false',
  });
  const filter = h('form', { class: 'filter', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    const value = actionInput.value.trim();
    navigate('/audit', value ? { action: value } : null);
  } },
  h('label', { for: 'audit-action' }, t('audit.filter.action')),
  actionInput, datalist,
  h('button', { type: 'submit', class: 'button button-secondary' }, t('audit.filter.apply')),
  action
    ? h('button', { type: 'button', class: 'button button-quiet', onclick: () => navigate('/audit') }, t('audit.filter.clear'))
    : null);

  const tbody = h('tbody');
  const caption = h('caption', { class: 'visually-hidden' }, title);
  const table = h('table', { class: 'table table-audit', id: 'audit-table' },
    caption,
    h('thead', null, h('tr', null,
      h('th', { scope: 'col', class: 'num' }, t('audit.col.seq')),
      h('th', { scope: 'col' }, t('audit.col.time')),
      h('th', { scope: 'col' }, t('audit.col.actor')),
      h('th', { scope: 'col' }, t('audit.col.action')),
      h('th', { scope: 'col' }, t('audit.col.object')),
      h('th', { scope: 'col' }, t('audit.col.ip')),
      h('th', { scope: 'col' }, t('audit.col.detail')))),
    tbody);
  const status = h('p', { class: 'status', role: 'status' });
  const more = h('button', { type: 'button', class: 'button button-secondary', hidden: true, onclick: () => load() },
    t('audit.more'));

  async function load() {
    more.disabled = true;
    status.textContent = t('audit.loading');
    try {
      const data = await get('api/v1/audit-events',
        { limit: PAGE_SIZE, cursor, action: action || undefined }, { signal });
      const items = data?.items ?? [];
      for (const e of items) {
        tbody.appendChild(eventRow(e, lang));
        if (e.action && !seenActions.has(e.action)) {
          seenActions.add(e.action);
          datalist.appendChild(h('option', { value: e.action }));
        }
      }
      shown += items.length;
      cursor = data?.next_cursor ?? null;
      // The last page: keep keyboard focus in the table rather than on a vanished button.
      if (!cursor && document.activeElement === more) region.focus();
      more.hidden = !cursor;
      region.hidden = shown === 0;
      status.textContent = shown === 0
        ? t('audit.empty')
        : t(cursor ? 'audit.count_more' : 'audit.count', { count: shown });
    } catch (err) {
      if (err?.name === 'AbortError') return;
      status.textContent = err.status === 403 ? t('error.forbidden.text') : t('error.generic', { code: err.code ?? 'client' });
    } finally {
      more.disabled = false;
    }
  }

  for (const a of seenActions) datalist.appendChild(h('option', { value: a }));
  const region = h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-label': title, hidden: true }, table);
  load();

  const node = h('div', { class: 'page page-wide' },
    h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'lead' }, t('audit.intro')),
    h('div', { class: 'tools' }, verifyCard(ctx), exportCard(ctx, action)),
    filter,
    status,
    region,
    h('div', { class: 'actions' }, more));
  return { title, node };
}
