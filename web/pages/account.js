// My account (#/account): the logged-in person's own login.
//
// For now only the second factor (account-mfa.js, mounted in
// <section id="account-mfa">); the page is a frame for the sections of the
// person's own account. Exports render().

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { renderMfaSection } from './account-mfa.js';

export function render(ctx) {
  const title = t('account.title');
  const person = ctx.session.person ?? {};
  const mfa = h('section', { id: 'account-mfa', class: 'card' });
  renderMfaSection(mfa, ctx);
  const node = h('div', { class: 'page account' },
    h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'lead' }, t('account.lead', { name: person.name ?? person.login ?? '', login: person.login ?? '' })),
    mfa);
  return { title, node };
}
