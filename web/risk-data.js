// The risk register's vocabulary, without the DOM (so that it runs in Node's tests too):
// the treatments in the order the form offers them, the words of a matrix step from the
// server's matrix ({ size, likelihood: [{ step, ja, en }], impact: [...] }: the settings
// risk_likelihood_labels and risk_impact_labels), and the impact an asset's classes give,
// which the form shows before the server computes it.
// Exports TREATMENTS, stepWord(), stepLabel(), stepLabels(), impactOfRank(), classImpact().

export const TREATMENTS = ['reduce', 'accept', 'avoid', 'transfer'];

/** The word of step (1..size) on axis ('likelihood' or 'impact') in lang; '' when the matrix has none. */
export function stepWord(matrix, axis, step, lang) {
  const l = (matrix?.[axis] ?? []).find((x) => x.step === step);
  if (!l) return '';
  return lang === 'en' && l.en ? l.en : l.ja;
}

/** "3 起こりうる": the step's number and word (the number alone without a word). */
export function stepLabel(matrix, axis, step, lang) {
  const word = stepWord(matrix, axis, step, lang);
  return word ? `${step} ${word}` : String(step);
}

/** The labels of every step of an axis, step 1 first. */
export function stepLabels(matrix, axis, lang) {
  return Array.from({ length: matrix?.size ?? 0 }, (_, i) => stepLabel(matrix, axis, i + 1, lang));
}

/**
 * The impact the highest class rank gives on a matrix of size: ceil(rank × size / 5),
 * between 1 and size — the server's rule (risk_impact_of_rank in src/domain/risk.c),
 * shown in the form before the server has the risk; the server's figure is the one kept.
 */
export function impactOfRank(rank, size) {
  const v = Math.floor(((rank ?? 0) * size + 4) / 5);
  return Math.max(1, Math.min(size, v));
}

/** The impact of an asset (GET /api/v1/assets/{id}: classes.c/i/a with rank) on a matrix of size. */
export function classImpact(asset, size) {
  const ranks = ['c', 'i', 'a'].map((x) => asset?.classes?.[x]?.rank ?? 0);
  return impactOfRank(Math.max(...ranks), size);
}
