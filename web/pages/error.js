// Pages for what cannot be shown: unknown route, missing permission, and a
// server that cannot be reached at start. The "not allowed" page says which
// roles may use the page, as the role → permission table (GET /api/v1/roles,
// readable by everyone logged in) has it now: the table is data an
// administrator may change. Exports notFound(), forbidden(), unavailable().

import { h } from '../dom.js';
import { t, formatList } from '../i18n.js';
import { get } from '../api.js';
import { holders } from '../access.js';
import { roleName } from './layout.js';

function page(titleKey, textKey, extra, id) {
  const title = t(titleKey);
  const node = h('div', { class: 'page', id },
    h('h1', { tabindex: '-1' }, title),
    h('p', null, t(textKey)),
    extra);
  return { title, node };
}

export function notFound() {
  return page('error.not_found.title', 'error.not_found.text',
    h('p', null, h('a', { href: '#/' }, t('error.back_home'))), 'not-found');
}

/** ctx.permission: what the page needs (a code or a list of which one suffices). */
export function forbidden(ctx) {
  const who = h('p', { id: 'forbidden-who' });
  const view = page('error.forbidden.title', 'error.forbidden.text',
    [who, h('p', null, h('a', { href: '#/' }, t('error.back_home')))], 'forbidden');
  const done = () => { if (!ctx?.signal?.aborted) view.node.dataset.ready = 'true'; };
  if (ctx?.permission) {
    get('api/v1/roles', null, { signal: ctx.signal })
      .then((data) => {
        const names = holders(data?.items, ctx.permission)
          .map((r) => roleName({ role: r.code, role_ja: r.name_ja, role_en: r.name_en }));
        who.textContent = names.length
          ? t('error.forbidden.who', { roles: formatList(names) })
          : t('error.forbidden.nobody');
      })
      .catch(() => {}) // the page says enough without the names
      .finally(done);
  } else {
    done();
  }
  return view;
}

/** The server did not answer GET /api/v1/session; retry() boots again. */
export function unavailable(retry) {
  return page('error.unavailable.title', 'error.network',
    h('p', null, h('button', { type: 'button', class: 'button button-primary', onclick: retry }, t('error.retry'))));
}
