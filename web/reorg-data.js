// What the units and reorganisation pages know about their data, without the
// DOM, so that it runs (and is tested) in Node too:
//
// - dates that are dates ('2027-04-01'): in 和暦 for Japanese, as they are for
//   English; next April 1st (the usual effective date);
// - the unit tree as nested nodes (parents before children, siblings by code);
// - the units an operation may name: the open units, and those the plan's
//   earlier create operations make ("new:CODE");
// - an operation's references and the field names of the server's problems
//   ("operations[3].into[1].persons[0]" → operation 3, "into[1].persons[0]").
//
// Exports OP_KINDS, STATES, dateText(), nextAprilFirst(), addDays(),
// nestedTree(), unitChoices(), refValue(), parseRef(), problemPlace(), opUnits().

import { formatWareki } from './wareki.js';

/** The operations a plan may hold, in the order the form offers them. */
export const OP_KINDS = ['create', 'rename', 'move', 'merge', 'split', 'close', 'move_person'];

/** A plan's states, in their order. */
export const STATES = ['draft', 'scheduled', 'applied', 'cancelled'];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** '令和9年4月1日' (ja) or '2027-04-01' (en); '' for none. */
export function dateText(date, lang) {
  if (!date) return '';
  const m = DATE.exec(String(date));
  if (!m) return String(date);
  return lang === 'ja' ? formatWareki(Number(m[1]), Number(m[2]), Number(m[3])) : String(date);
}

/** The first April 1st after `today` ('YYYY-MM-DD'). */
export function nextAprilFirst(today) {
  const m = DATE.exec(String(today));
  if (!m) return '';
  const [y, mo] = [Number(m[1]), Number(m[2])];
  return `${mo < 4 ? y : y + 1}-04-01`;
}

/** The date n days after 'YYYY-MM-DD' (n may be negative). */
export function addDays(date, n) {
  const m = DATE.exec(String(date));
  if (!m) return '';
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n));
  return d.toISOString().slice(0, 10);
}

const byCode = (a, b) => String(a.code ?? '').localeCompare(String(b.code ?? ''), 'ja', { numeric: true })
  || Number(a.id) - Number(b.id);

/**
 * The units as a forest of { unit, children } (roots: units whose parent is not
 * in the list), siblings by code. A unit is placed once, even in a broken list.
 */
export function nestedTree(units) {
  const list = (units ?? []).filter((u) => u && u.id !== undefined && u.id !== null);
  const ids = new Set(list.map((u) => u.id));
  const kids = new Map();
  const roots = [];
  for (const u of list) {
    const p = u.parent_id ?? null;
    if (p === null || p === u.id || !ids.has(p)) roots.push(u);
    else {
      if (!kids.has(p)) kids.set(p, []);
      kids.get(p).push(u);
    }
  }
  const seen = new Set();
  const build = (u) => {
    seen.add(u.id);
    return { unit: u, children: (kids.get(u.id) ?? []).sort(byCode).filter((k) => !seen.has(k.id)).map(build) };
  };
  const forest = roots.sort(byCode).map(build);
  for (const u of [...list].sort(byCode)) if (!seen.has(u.id)) forest.push(build(u));
  return forest;
}

/** The JSON form of a unit reference as a <select> value: '12' or 'new:330'. */
export function refValue(ref) {
  return ref === null || ref === undefined ? '' : String(ref);
}

/** A <select> value back to a reference: 12, 'new:330', or null for none. */
export function parseRef(value) {
  const v = String(value ?? '');
  if (v.startsWith('new:')) return v;
  return /^\d+$/.test(v) ? Number(v) : null;
}

/**
 * The units an operation may name, in tree order: the open units (with their
 * depth), then those made by the plan's create operations before `before`
 * (default: all of them), as { value, unit, depth, isNew }.
 */
export function unitChoices(units, operations, before = Infinity) {
  const out = [];
  const walk = (nodes, depth) => {
    for (const n of nodes) {
      if (!n.unit.closed) out.push({ value: String(n.unit.id), unit: n.unit, depth, isNew: false });
      walk(n.children, depth + 1);
    }
  };
  walk(nestedTree(units), 0);
  (operations ?? []).forEach((op, i) => {
    if (i < before && op?.op === 'create' && op.code) {
      out.push({ value: `new:${op.code}`, unit: { code: op.code, name_ja: op.name_ja, name_en: op.name_en }, depth: 0, isNew: true });
    }
  });
  return out;
}

/** Where a problem is: { index, field } for 'operations[3].into[1].unit', else { index: null, field }. */
export function problemPlace(field) {
  const m = /^operations\[(\d+)\](?:\.(.+))?$/.exec(String(field ?? ''));
  return m ? { index: Number(m[1]), field: m[2] ?? '' } : { index: null, field: String(field ?? '') };
}

/** Every unit reference an operation makes (ids and 'new:CODE'), in order. */
export function opUnits(op) {
  if (!op) return [];
  const refs = [op.unit, op.parent, ...(op.op === 'merge' ? [...(op.units ?? []), op.into] : []),
    ...(op.op === 'split' ? (op.into ?? []).map((p) => p?.unit) : [])];
  return refs.filter((r) => r !== undefined && r !== null);
}
