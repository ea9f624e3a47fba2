// Checks on web/ that need no server or browser: the message catalogs agree,
// every message the code asks for exists, and nothing in the HTML would be
// blocked by the Content-Security-Policy or reach outside the server.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULES } from '../../web/modules.js';

const WEB = fileURLToPath(new URL('../../web/', import.meta.url));
const ROLE_CODES = ['ciso', 'security_director', 'security_officer', 'security_manager',
  'system_manager', 'system_operator', 'auditor', 'committee', 'csirt', 'staff'];

async function catalog(lang) {
  return JSON.parse(await readFile(path.join(WEB, 'i18n', `${lang}.json`), 'utf8'));
}

async function webFiles(ext, dir = WEB) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...await webFiles(ext, full));
    else if (entry.name.endsWith(ext)) out.push(full);
  }
  return out.sort();
}

test('ja and en catalogs have the same keys', async () => {
  const ja = await catalog('ja');
  const en = await catalog('en');
  const onlyJa = Object.keys(ja).filter((k) => !(k in en));
  const onlyEn = Object.keys(en).filter((k) => !(k in ja));
  assert.deepEqual({ onlyJa, onlyEn }, { onlyJa: [], onlyEn: [] });
});

test('every message is a non-empty string, placeholders match across languages', async () => {
  const ja = await catalog('ja');
  const en = await catalog('en');
  const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const [key, value] of Object.entries(ja)) {
    assert.equal(typeof value, 'string', `ja ${key}`);
    assert.equal(typeof en[key], 'string', `en ${key}`);
    assert.ok(value.trim() && en[key].trim(), `empty message ${key}`);
    assert.deepEqual(placeholders(en[key]), placeholders(value), `placeholders of ${key}`);
  }
});

test('every message key used in web/*.js exists', async () => {
  const ja = await catalog('ja');
  const missing = [];
  for (const file of await webFiles('.js')) {
    const src = await readFile(file, 'utf8');
    for (const m of src.matchAll(/\bt\(\s*'([^'$]+)'/g)) {
      if (!(m[1] in ja)) missing.push(`${path.relative(WEB, file)}: ${m[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('every module and every role of DESIGN §2 has its messages', async () => {
  const ja = await catalog('ja');
  const needed = [
    ...MODULES.flatMap((m) => [`module.${m.key}.title`, `module.${m.key}.summary`]),
    ...ROLE_CODES.map((r) => `role.${r}`),
  ];
  assert.deepEqual(needed.filter((k) => !(k in ja)), []);
});

test('the module names are the agreed ones', async () => {
  const ja = await catalog('ja');
  const en = await catalog('en');
  const names = MODULES.map((m) => [ja[`module.${m.key}.title`], en[`module.${m.key}.title`]]);
  assert.deepEqual(names, [
    ['資産台帳', 'Asset ledger'], ['情報の区分', 'Classification'], ['対策基準', 'Standards'], ['実施手順', 'Procedures'], ['参照カタログ', 'Reference catalogs'],
    ['遵守状況', 'Compliance'], ['リスク', 'Risks'],
    ['適用除外', 'Exceptions'], ['インシデント', 'Incidents'], ['監査', 'Audits'],
    ['職員・委託先', 'People & contractors'], ['役割と権限', 'Roles & permissions'], ['組織図', 'Organisation chart'],
    ['組織改編', 'Reorganisations'], ['文書', 'Documents'], ['監査ログ', 'Audit trail'],
  ]);
});

test('HTML has nothing inline that the CSP would block', async () => {
  for (const file of await webFiles('.html')) {
    const src = await readFile(file, 'utf8');
    const name = path.relative(WEB, file);
    for (const m of src.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      assert.match(m[1], /\bsrc=/, `${name}: inline <script>`);
      assert.equal(m[2].trim(), '', `${name}: script with a body`);
    }
    assert.doesNotMatch(src, /<style\b/i, `${name}: <style> element`);
    assert.doesNotMatch(src, /\sstyle\s*=/i, `${name}: style= attribute`);
    assert.doesNotMatch(src, /\son[a-z]+\s*=/i, `${name}: on*= handler`);
    assert.doesNotMatch(src, /javascript:/i, `${name}: javascript: URL`);
  }
});

test('no file in web/ refers to another origin', async () => {
  for (const ext of ['.html', '.js', '.css', '.json']) {
    for (const file of await webFiles(ext)) {
      // The SVG namespace is a name (createElementNS, xmlns), never fetched.
      const src = (await readFile(file, 'utf8')).replaceAll('http://www.w3.org/2000/svg', '');
      assert.doesNotMatch(src, /(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}\//i, path.relative(WEB, file));
      assert.doesNotMatch(src, /@import\s+url\(\s*['"]?https?:/i, path.relative(WEB, file));
    }
  }
});

test('the UI builds no markup from strings', async () => {
  for (const file of await webFiles('.js')) {
    const src = await readFile(file, 'utf8');
    assert.doesNotMatch(src, /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/, path.relative(WEB, file));
    assert.doesNotMatch(src, /\beval\(|new Function\(/, path.relative(WEB, file));
    // Server-rendered Markdown is parsed in one place only (dom.js serverHtml).
    if (path.relative(WEB, file) !== 'dom.js') assert.doesNotMatch(src, /DOMParser/, path.relative(WEB, file));
  }
});
