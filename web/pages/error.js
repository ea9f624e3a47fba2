// Pages for what cannot be shown: unknown route, missing permission, and a
// server that cannot be reached at start. Exports notFound(), forbidden(),
// unavailable().

import { h } from '../dom.js';
import { t } from '../i18n.js';

function page(titleKey, textKey, extra) {
  const title = t(titleKey);
  const node = h('div', { class: 'page' },
    h('h1', { tabindex: '-1' }, title),
    h('p', null, t(textKey)),
    extra);
  return { title, node };
}

export function notFound() {
  return page('error.not_found.title', 'error.not_found.text',
    h('p', null, h('a', { href: '#/' }, t('error.back_home'))));
}

export function forbidden() {
  return page('error.forbidden.title', 'error.forbidden.text',
    h('p', null, h('a', { href: '#/' }, t('error.back_home'))));
}

/** The server did not answer GET /api/v1/session; retry() boots again. */
export function unavailable(retry) {
  return page('error.unavailable.title', 'error.network',
    h('p', null, h('button', { type: 'button', class: 'button button-primary', onclick: retry }, t('error.retry'))));
}
