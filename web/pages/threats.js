// The threats (#/threats, 第2条(6)): the catalog's threats by kind (自然, 情報システム,
// 人的), each with its description and how many requirements answer it (a link to
// the catalog's items that do). Exports render().

import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { get } from '../api.js';
import { requestError } from '../forms.js';
import { label } from '../catalog-data.js';

export function render(ctx) {
  const { signal } = ctx;
  const title = t('catalog.threats.title');
  const status = h('p', { class: 'status', role: 'status' }, t('assets.loading'));
  const body = h('div');
  const node = h('div', { class: 'page', id: 'threats-page' },
    h('p', null, h('a', { href: '#/catalog' }, t('catalog.back'))),
    h('h1', { tabindex: '-1' }, title), status, body);
  get('api/v1/threats', { limit: 500 }, { signal }).then(({ items }) => {
    status.textContent = '';
    clear(body);
    for (const kind of ['natural', 'system', 'human']) {
      const of = items.filter((x) => x.kind === kind);
      body.append(h('section', { class: 'card', id: `threats-${kind}`, 'aria-labelledby': `threats-${kind}-title` },
        h('h2', { id: `threats-${kind}-title` }, t(`catalog.threat_kind.${kind}`)),
        h('table', { class: 'table' },
          h('thead', null, h('tr', null, ['code', 'name', 'description', 'answered'].map((c) => h('th', { scope: 'col' }, t(`catalog.threats.${c}`))))),
          h('tbody', null, of.map((x) => h('tr', { dataset: { code: x.code } },
            h('td', null, h('code', null, x.code)),
            h('td', null, label(x.name_ja, x.name_en)),
            h('td', { lang: 'ja' }, x.description ?? ''),
            h('td', null, x.requirements
              ? h('a', { href: `#/catalog?threat=${x.id}` }, String(x.requirements)) : '0')))))));
    }
    node.dataset.ready = 'true';
  }).catch((err) => {
    if (err?.name === 'AbortError') return;
    status.textContent = requestError(err);
    node.dataset.ready = 'true';
  });
  return { title, node };
}
