// The classification scheme's words and badges, shared by the scheme page and the
// ledger: the aspects of handling and the axes in the order pages show them, a badge
// for one class (C3A) and for an asset's whole label (C3A-I2-A2). The badge's colour
// follows the rank, which means the same in every preset (5 = 3A or pre-2024's 3), so
// it stays right after a change of preset.
// Exports ASPECTS, AXES, classBadge(), labelBadge().

import { h } from './dom.js';
import { t } from './i18n.js';

export const ASPECTS = ['labelling', 'storage', 'transmission', 'taking_out', 'copying', 'printing', 'disposal'];
export const AXES = ['C', 'I', 'A'];

/** A badge for one class: its label, coloured by axis and rank. */
export function classBadge(label, axis, rank) {
  return h('span', { class: `class-badge class-${axis.toLowerCase()} rank-${rank}`, title: t(`classification.axis.${axis}`) }, label);
}

/**
 * The badge of an asset's classes, "C3A-I2-A2"; restricted (need-to-know, confidentiality
 * rank 4 and above) is marked for the eye and for screen readers.
 */
export function labelBadge(label, cRank) {
  const restricted = cRank >= 4;
  return h('span', {
    class: `class-badge class-label rank-${cRank ?? 0}${restricted ? ' is-restricted' : ''}`,
    title: restricted ? t('classification.restricted') : null,
  }, label);
}
