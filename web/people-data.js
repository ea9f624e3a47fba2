// What the People & contractors page knows about its data, without the DOM, so
// that it runs (and is tested) in Node too:
//
// - the person categories (codes, and the Japanese words the staff list CSV uses),
// - org units in tree order (for the unit filter), and the unit a template's
//   example row uses,
// - the staff list template (UTF-8 with a BOM, CRLF, the Japanese header row),
// - what kind of file an upload is, from its name and first bytes (an Excel
//   workbook is not a CSV file),
// - the server's (English) account of a problem in the file, as a catalog key
//   and its parameters, so that the Japanese UI can say it in Japanese.
//
// Exports CATEGORIES, CATEGORY_CSV, ROLE_CODES, TEMPLATE_HEADER, unitTree(),
// unitsWithin(), exampleUnit(), csvField(), templateCsv(), sniffUpload(),
// problemMessage().

/** Category codes in the order of DESIGN §3. */
export const CATEGORIES = ['regular', 'temporary', 'part_timer', 'non_regular', 'related_body', 'contractor'];

/** The words the staff list CSV uses for each category (whatever the UI's language). */
export const CATEGORY_CSV = {
  regular: '正規職員',
  temporary: '臨時職員',
  part_timer: 'パートタイマー',
  non_regular: '非常勤職員',
  related_body: '関係機関職員',
  contractor: '外部要員',
};

/** Role codes of DESIGN §2, in its order. */
export const ROLE_CODES = ['ciso', 'security_director', 'security_officer', 'security_manager',
  'system_manager', 'system_operator', 'auditor', 'committee', 'csirt', 'staff'];

/** The template's header row: the Japanese column names the server reads. */
export const TEMPLATE_HEADER = ['氏名', 'ふりがな', '区分', '所属コード', '役割'];

const byCode = (a, b) => String(a.code ?? '').localeCompare(String(b.code ?? ''), 'ja', { numeric: true })
  || String(a.name_ja ?? '').localeCompare(String(b.name_ja ?? ''), 'ja')
  || Number(a.id) - Number(b.id);

/**
 * The units in tree order, each with its depth: a unit, then its sub-units (by
 * code), and so on. A unit whose parent is not in the list (a list limited to
 * the caller's scope) is a root. Units in a cycle, which a good store never has,
 * come last at depth 0 rather than being lost.
 */
export function unitTree(units) {
  const list = (units ?? []).filter((u) => u && u.id !== null && u.id !== undefined);
  const ids = new Set(list.map((u) => u.id));
  const children = new Map();
  const roots = [];
  for (const u of list) {
    const parent = u.parent_id ?? null;
    if (parent === null || !ids.has(parent) || parent === u.id) roots.push(u);
    else {
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(u);
    }
  }
  const out = [];
  const seen = new Set();
  const visit = (u, depth) => {
    if (seen.has(u.id)) return;
    seen.add(u.id);
    const kids = (children.get(u.id) ?? []).sort(byCode);
    out.push({ unit: u, depth, leaf: kids.length === 0 });
    for (const k of kids) visit(k, depth + 1);
  };
  for (const r of roots.sort(byCode)) visit(r, 0);
  for (const u of [...list].sort(byCode)) visit(u, 0);
  return out;
}

/**
 * The units in the subtrees of the units rootIds (a role held in a unit covers
 * its sub-units), in the order given.
 */
export function unitsWithin(units, rootIds) {
  const list = units ?? [];
  const inside = new Set(rootIds ?? []);
  const byParent = new Map();
  for (const u of list) {
    if (!byParent.has(u.parent_id ?? null)) byParent.set(u.parent_id ?? null, []);
    byParent.get(u.parent_id ?? null).push(u.id);
  }
  const queue = [...inside];
  while (queue.length) {
    for (const child of byParent.get(queue.shift()) ?? []) {
      if (!inside.has(child)) {
        inside.add(child);
        queue.push(child);
      }
    }
  }
  return list.filter((u) => inside.has(u.id));
}

/**
 * The unit for the template's example row: the first section (a unit without
 * sub-units) in tree order that has a code, else the first unit with a code.
 */
export function exampleUnit(units) {
  const tree = unitTree(units);
  const hasCode = ({ unit }) => String(unit.code ?? '').trim() !== '';
  return (tree.find((n) => n.leaf && n.depth > 0 && hasCode(n)) ?? tree.find(hasCode))?.unit ?? null;
}

/** One CSV field, quoted when it needs to be (RFC 4180). */
export function csvField(value) {
  const s = String(value ?? '');
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The staff list template: a BOM (so that Excel reads it as UTF-8), the Japanese
 * header row and one example row in the given unit, CRLF line ends.
 *   unit: { code } for the 所属コード column, or { name } when no code is known
 *         (the column is then 所属, the unit's Japanese name).
 */
export function templateCsv({ code, name } = {}) {
  const byName = !code && name;
  const header = byName ? TEMPLATE_HEADER.map((c) => (c === '所属コード' ? '所属' : c)) : TEMPLATE_HEADER;
  const example = ['守屋 陽子', 'もりや ようこ', CATEGORY_CSV.regular, byName ? name : (code ?? ''), '職員'];
  return `\uFEFF${[header, example].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * What an upload is, from its name and first bytes (a Uint8Array):
 * 'empty', 'excel' (an .xlsx/.xls/.ods workbook: a zip or OLE file, or such a
 * name) or 'csv' (anything else: the server judges it).
 */
export function sniffUpload(name, head) {
  const bytes = head ?? new Uint8Array(0);
  if (bytes.length === 0) return 'empty';
  const zip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (zip || ole || /\.(xlsx|xlsm|xlsb|xls|ods|numbers)$/i.test(String(name ?? ''))) return 'excel';
  return 'csv';
}

// The server's problem messages (src/domain/person_import.c, src/io/csv_table.c)
// and the catalog keys that say the same; unknown messages are shown as they are.
const PROBLEMS = [
  [/^a name is required$/, 'people.problem.name_required'],
  [/^at most (\d+) characters$/, 'people.problem.too_long', ['max']],
  [/^"(.*)" is not a category \(.*\)$/s, 'people.problem.category', ['value']],
  [/^no unit "(.*)" among yours \(by code or name\)$/s, 'people.problem.unit_scope', ['value']],
  [/^no unit "(.*)" \(by code or name\)$/s, 'people.problem.unit', ['value']],
  [/^no role "(.*)"$/s, 'people.problem.role', ['value']],
  [/^this row has (\d+) cells; the header has (\d+)$/, 'people.problem.cells', ['cells', 'header']],
  [/^this column appears twice$/, 'people.problem.duplicate_column'],
  [/^unknown column \(.*\)$/, 'people.problem.unknown_column'],
  [/^the column 氏名 \(name\) is required$/, 'people.problem.name_column'],
  [/^the column 区分 \(category\) is required$/, 'people.problem.category_column'],
  [/^a column 所属コード \(unit code\) or 所属 \(unit\) is required$/, 'people.problem.unit_column'],
  [/^the file is empty/, 'people.problem.empty'],
  [/^the file is neither UTF-8 nor CP932/, 'people.problem.encoding'],
  [/^the file is not valid UTF-8$/, 'people.problem.not_utf8'],
  [/^the file is not valid CSV after row (\d+)/, 'people.problem.not_csv', ['row']],
];

/** { key, params } for a known problem message, else null. */
export function problemMessage(message) {
  const text = String(message ?? '');
  for (const [re, key, names = []] of PROBLEMS) {
    const m = re.exec(text);
    if (!m) continue;
    const params = {};
    names.forEach((n, i) => { params[n] = m[i + 1]; });
    // An empty cell is said as such, not as 「」.
    if (names[0] === 'value' && params.value === '') return { key: `${key}_empty`, params: {} };
    return { key, params };
  }
  return null;
}
