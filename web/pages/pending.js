// The page of a module that is not built yet.
//
// It says so plainly and describes what the module will do, so nobody mistakes
// an empty page for an empty register. No sample data. Exports render().

import { h } from '../dom.js';
import { t } from '../i18n.js';

export function render(ctx) {
  const { key } = ctx.module;
  const title = t(`module.${key}.title`);
  const node = h('div', { class: 'page' },
    h('h1', { tabindex: '-1' }, title),
    h('div', { class: 'notice notice-info' },
      h('p', { class: 'notice-title' }, t('pending.notice')),
      h('p', null, t('pending.detail'))),
    h('section', { class: 'card', 'aria-labelledby': 'planned' },
      h('h2', { id: 'planned' }, t('pending.planned')),
      h('p', null, t(`module.${key}.summary`))));
  return { title, node };
}
