// Message catalogs and the current language.
//
// Every string the UI shows comes from i18n/<lang>.json (the two catalogs have
// the same keys; a test checks it). Japanese is the default; the choice is kept
// in localStorage and sets <html lang>. Exports LANGS, initialLang(),
// useLang(), getLang(), t(), has(), formatList().

export const LANGS = ['ja', 'en'];
const DEFAULT_LANG = 'ja';
const STORAGE_KEY = 'mamori.lang';

const catalogs = new Map();
let current = DEFAULT_LANG;

/** The stored choice, or Japanese. */
export function initialLang() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (LANGS.includes(stored)) return stored;
  } catch {
    // Storage may be disabled; the default language still works.
  }
  return DEFAULT_LANG;
}

async function loadCatalog(lang) {
  if (catalogs.has(lang)) return catalogs.get(lang);
  const res = await fetch(`i18n/${lang}.json`, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`catalog ${lang}: HTTP ${res.status}`);
  const catalog = await res.json();
  catalogs.set(lang, catalog);
  return catalog;
}

/** Makes lang current (loading its catalog once); remember=true stores the choice. */
export async function useLang(lang, { remember = false } = {}) {
  if (!LANGS.includes(lang)) lang = DEFAULT_LANG;
  await loadCatalog(lang);
  current = lang;
  document.documentElement.lang = lang;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Not kept across reloads, but the switch still applies now.
    }
  }
}

export function getLang() {
  return current;
}

export function has(key) {
  return Object.hasOwn(catalogs.get(current) ?? {}, key);
}

/** The message for key, with {name} placeholders filled from params. */
export function t(key, params) {
  const message = catalogs.get(current)?.[key];
  if (typeof message !== 'string') {
    console.warn(`mamori: no message "${key}" in ${current}`);
    return key;
  }
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole);
}

/** 'A、B、C' in Japanese, 'A, B and C' in English. */
export function formatList(items) {
  return new Intl.ListFormat(current, { style: 'long', type: 'conjunction' }).format(items);
}
