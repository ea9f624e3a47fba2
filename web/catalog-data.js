// What the catalog pages share: the six measure kinds of 第5条 in order, a label in
// the current language, and a rule of applicability in words ("情報システム、機密性3C以上").
// Exports MEASURE_KINDS, label(), ruleText(), appliesText().

import { t, getLang } from './i18n.js';

export const MEASURE_KINDS = ['physical', 'human', 'technical', 'development', 'operational', 'network'];

/** The Japanese text, or the English one in English when there is one. */
export function label(ja, en) {
  return getLang() === 'en' && en ? en : ja;
}

/** One rule of where an item applies, in words. */
export function ruleText(r) {
  const parts = [];
  if (r.asset_kind) parts.push(t(`assets.kind.${r.asset_kind}`));
  if (r.segment) parts.push(t(`assets.segment.${r.segment}`));
  if (r.axis) {
    const cls = r.min_class?.code ?? `rank ${r.min_rank}`;
    parts.push(t('catalog.rule.at_least', { axis: t(`catalog.axis.${r.axis}`), class: cls }));
  }
  if (r.personal_data === true) parts.push(t('catalog.rule.personal'));
  if (r.personal_data === false) parts.push(t('catalog.rule.no_personal'));
  return parts.join(t('catalog.rule.and'));
}

/** Where an item applies, in words: its scope and rules. */
export function appliesText(item) {
  if (item.scope === 'unit') return t('catalog.scope.unit_all');
  if (!item.applies?.length) return t('catalog.scope.asset_all');
  return null;
}
