// The People & contractors page's data helpers (web/people-data.js) run in Node
// too: units in tree order and the units under a role's unit, the template CSV
// (BOM, Japanese header, CRLF, quoting), what an upload is from its first bytes,
// and the server's problem messages turned into catalog keys that exist in both
// languages.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  CATEGORIES, CATEGORY_CSV, unitTree, unitsWithin, exampleUnit, csvField, templateCsv, sniffUpload, problemMessage,
} from '../../web/people-data.js';

// The demo union's units, shuffled: parents need not come first.
const UNITS = [
  { id: 9, code: '310', name_ja: '料金課', parent_id: 8 },
  { id: 3, code: '110', name_ja: '総務課', parent_id: 2 },
  { id: 1, code: '0', name_ja: '組合', parent_id: null },
  { id: 8, code: '300', name_ja: '水道局', parent_id: 1 },
  { id: 2, code: '100', name_ja: '事務局', parent_id: 1 },
  { id: 10, code: '320', name_ja: '工務課', parent_id: 8 },
  { id: 4, code: '120', name_ja: '環境衛生課', parent_id: 2 },
  { id: 5, code: '200', name_ja: '消防本部', parent_id: 1 },
];

test('units in tree order, sub-units by code, with their depth', () => {
  const tree = unitTree(UNITS);
  assert.deepEqual(tree.map(({ unit, depth }) => `${depth}:${unit.code}`),
    ['0:0', '1:100', '2:110', '2:120', '1:200', '1:300', '2:310', '2:320']);
  assert.deepEqual(tree.filter((n) => n.leaf).map((n) => n.unit.code), ['110', '120', '200', '310', '320']);
  // A list limited to a scope: a unit whose parent is missing is a root.
  assert.deepEqual(unitTree(UNITS.filter((u) => u.parent_id === 8)).map(({ unit, depth }) => `${depth}:${unit.code}`),
    ['0:310', '0:320']);
  // Codes compare as numbers where they are numbers.
  assert.deepEqual(unitTree([{ id: 1, code: '1000' }, { id: 2, code: '200' }, { id: 3, code: '30' }]).map((n) => n.unit.code),
    ['30', '200', '1000']);
  // A cycle loses nobody.
  assert.equal(unitTree([{ id: 1, code: 'a', parent_id: 2 }, { id: 2, code: 'b', parent_id: 1 }]).length, 2);
  assert.deepEqual(unitTree(null), []);
});

test('the units under a role\'s unit, and the example unit of the template', () => {
  assert.deepEqual(unitsWithin(UNITS, [8]).map((u) => u.code).sort(), ['300', '310', '320']);
  assert.deepEqual(unitsWithin(UNITS, [1]).length, UNITS.length);
  assert.deepEqual(unitsWithin(UNITS, [9]).map((u) => u.code), ['310']);
  assert.deepEqual(unitsWithin(UNITS, []), []);
  assert.equal(exampleUnit(UNITS).code, '110', 'the first section in tree order');
  assert.equal(exampleUnit(unitsWithin(UNITS, [8])).code, '310');
  assert.equal(exampleUnit([{ id: 1, code: '0', name_ja: '組合', parent_id: null }]).code, '0', 'a store of one unit');
  assert.equal(exampleUnit([]), null);
});

test('the template: a BOM, the Japanese header, one example row, CRLF', () => {
  const csv = templateCsv({ code: '110' });
  assert.ok(csv.startsWith('\uFEFF'));
  const lines = csv.slice(1).split('\r\n');
  assert.deepEqual(lines, ['氏名,ふりがな,区分,所属コード,役割', '守屋 陽子,もりや ようこ,正規職員,110,職員', '']);
  // Without a code, the unit's name in the 所属 column, quoted when it must be.
  const byName = templateCsv({ name: '組合, "本部"' }).slice(1).split('\r\n');
  assert.equal(byName[0], '氏名,ふりがな,区分,所属,役割');
  assert.equal(byName[1], '守屋 陽子,もりや ようこ,正規職員,"組合, ""本部""",職員');
  assert.equal(csvField(' x'), '" x"');
  assert.equal(csvField('a\nb'), '"a\nb"');
  assert.equal(csvField(null), '');
  assert.deepEqual(Object.keys(CATEGORY_CSV), CATEGORIES);
});

test('what an upload is, from its name and first bytes', () => {
  const bytes = (...b) => new Uint8Array(b);
  assert.equal(sniffUpload('a.csv', bytes()), 'empty');
  assert.equal(sniffUpload('a.csv', bytes(0x50, 0x4b, 0x03, 0x04)), 'excel', 'a zip (xlsx) renamed .csv');
  assert.equal(sniffUpload('a.csv', bytes(0xd0, 0xcf, 0x11, 0xe0)), 'excel', 'an OLE (xls) file');
  assert.equal(sniffUpload('名簿.XLSX', bytes(0x41)), 'excel');
  assert.equal(sniffUpload('名簿.csv', bytes(0xef, 0xbb, 0xbf, 0xe6)), 'csv');
  assert.equal(sniffUpload('名簿.txt', bytes(0x8e, 0x81)), 'csv', 'CP932 text: the server judges it');
});

test('the server\'s problem messages become catalog keys of both languages', async () => {
  const ja = JSON.parse(await readFile(new URL('../../web/i18n/ja.json', import.meta.url), 'utf8'));
  const en = JSON.parse(await readFile(new URL('../../web/i18n/en.json', import.meta.url), 'utf8'));
  const cases = [
    ['a name is required', 'people.problem.name_required', {}],
    ['at most 200 characters', 'people.problem.too_long', { max: '200' }],
    ['"謎" is not a category (正規職員, 臨時職員, パートタイマー, 非常勤職員, 関係機関職員, 外部要員)', 'people.problem.category', { value: '謎' }],
    ['"" is not a category (正規職員, 臨時職員, パートタイマー, 非常勤職員, 関係機関職員, 外部要員)', 'people.problem.category_empty', {}],
    ['no unit "999" (by code or name)', 'people.problem.unit', { value: '999' }],
    ['no unit "" (by code or name)', 'people.problem.unit_empty', {}],
    ['no unit "999" among yours (by code or name)', 'people.problem.unit_scope', { value: '999' }],
    ['no unit "" among yours (by code or name)', 'people.problem.unit_scope_empty', {}],
    ['no role "boss"', 'people.problem.role', { value: 'boss' }],
    ['this row has 6 cells; the header has 5', 'people.problem.cells', { cells: '6', header: '5' }],
    ['this column appears twice', 'people.problem.duplicate_column', {}],
    ['unknown column (氏名, ふりがな, 区分, 所属コード, 所属, 役割)', 'people.problem.unknown_column', {}],
    ['the column 氏名 (name) is required', 'people.problem.name_column', {}],
    ['the column 区分 (category) is required', 'people.problem.category_column', {}],
    ['a column 所属コード (unit code) or 所属 (unit) is required', 'people.problem.unit_column', {}],
    ['the file is empty: the first row must name the columns', 'people.problem.empty', {}],
    ['the file is neither UTF-8 nor CP932 (a bad byte at offset 12)', 'people.problem.encoding', {}],
    ['the file is not valid UTF-8', 'people.problem.not_utf8', {}],
    ['the file is not valid CSV after row 3: unterminated quote', 'people.problem.not_csv', { row: '3' }],
  ];
  for (const [message, key, params] of cases) {
    assert.deepEqual(problemMessage(message), { key, params }, message);
    assert.ok(key in ja && key in en, `catalogs lack ${key}`);
  }
  assert.ok('people.problem.role_empty' in ja);
  assert.equal(problemMessage('something new'), null);
  assert.equal(problemMessage(undefined), null);
});
