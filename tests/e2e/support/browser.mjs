// Launches Debian's Chromium through playwright-core (never a downloaded
// browser), and helpers shared by the browser tests.

import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { ADMIN_LOGIN, ADMIN_PASSWORD, totpSecret, rememberTotp } from './server.mjs';
import { nextCode } from '../../lib/totp.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why the browser cannot run here, or null. With CI=true a missing Chromium fails. */
export function chromiumMissing() {
  if (existsSync(CHROMIUM)) return null;
  const why = `Chromium not found at ${CHROMIUM}`;
  if (process.env.CI === 'true') throw new Error(why);
  return why;
}

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/** A fresh context (own cookies and localStorage) with a Japanese browser. */
export async function newContext(browser, baseURL) {
  const context = await browser.newContext({
    baseURL,
    locale: 'ja-JP',
    // Not Tokyo on purpose: the UI must show Tokyo time whatever the browser's zone.
    timezoneId: 'America/Los_Angeles',
    viewport: { width: 1280, height: 860 },
  });
  contextBase.set(context, baseURL);
  return context;
}

// What the login page shows after the password: the layout (logged in), the code
// step (a second factor owed), or the set-up of one (the first login of a role that
// requires it).
const AFTER_PASSWORD = 'header.masthead, #mfa-code-form, #mfa-enrol';

/**
 * Logs in through the form; resolves once the layout is shown. When the code step
 * comes, it is given a fresh code (nextCode) of totp, or by default of the secret
 * known for that login on the page's server (the `totp` lines of init and demo, or
 * one remembered by a test). A set-up owed at the first login is made here too
 * (its secret is remembered; the recovery codes are returned).
 * Resolves to { step: 'none' | 'code' | 'enrol', recoveryCodes? }.
 */
// Sessions of logins that took a second factor, per server and login: a TOTP code
// is good once per 30-second step, so logging the CISO in again and again through the
// form would mostly wait for the clock. A new page of the same login gets the session
// cookie instead (step 'reused'), and the form is used when that session has ended.
const mfaSessions = new Map(); // `${origin} ${login}` → the mamori_session cookie
const contextBase = new WeakMap(); // a context made by newContext → its baseURL

export async function logIn(page, { login = ADMIN_LOGIN, password = ADMIN_PASSWORD, totp, reuse = true } = {}) {
  // The cookie goes in before the first page load: adding it after would abort that
  // load's requests, which the tests watching for failed requests would report.
  const base = contextBase.get(page.context());
  const kept = reuse && base && mfaSessions.get(`${new URL(base).origin} ${login}`);
  if (kept) {
    await page.context().addCookies([kept]);
    await page.goto('/');
    await page.locator('header.masthead, #login-id').first().waitFor();
    if (await page.locator('header.masthead').count()) {
      const s = await apiSession(page);
      if (s.authenticated && s.person?.login === login) return { step: 'reused' };
    }
    mfaSessions.delete(`${new URL(base).origin} ${login}`);
    await page.context().clearCookies();
  }
  await page.goto('/');
  const origin = new URL(page.url()).origin;
  await page.locator('#login-id').waitFor();
  await page.locator('#login-id').fill(login);
  await page.locator('#login-password').fill(password);
  await page.locator('form.login-form button[type="submit"]').click();
  const result = await afterPassword(page, { login, totp });
  if (result.step !== 'none') {
    const cookie = (await page.context().cookies()).find((c) => c.name === 'mamori_session');
    if (cookie) mfaSessions.set(`${origin} ${login}`, cookie);
  }
  return result;
}

/**
 * The rest of a login whose password has just been sent (by logIn, or by a test's
 * own form filling): the second factor when owed, then the layout.
 */
export async function afterPassword(page, { login = ADMIN_LOGIN, totp } = {}) {
  await page.locator(AFTER_PASSWORD).first().waitFor();
  let result = { step: 'none' };
  if (await page.locator('#mfa-code-form').count()) {
    const secret = totp ?? totpSecret(page.url(), login);
    if (!secret) throw new Error(`login ${login} owes a TOTP code, and no secret of it is known for ${page.url()}`);
    await enterCode(page, secret);
    result = { step: 'code' };
  } else if (await page.locator('#mfa-enrol').count()) {
    result = { step: 'enrol', recoveryCodes: await enrol(page, { login }) };
  }
  await page.locator('header.masthead').waitFor();
  return result;
}

/** Fills the code step with a fresh code of secret and sends it. */
export async function enterCode(page, secret) {
  await page.locator('#mfa-code').fill(await nextCode(secret));
  await page.locator('#mfa-code-form button[type="submit"]').click();
}

/** The secret the set-up on the page shows (its text, without the spaces). */
export async function shownSecret(page) {
  const text = await page.locator('#mfa-secret').textContent();
  return text.replace(/\s+/g, '');
}

/**
 * Goes through the set-up on the page: reads the secret, sends a code of it, and
 * leaves the recovery codes (ticks "kept", continues when continueTo is true).
 * Resolves to the ten recovery codes.
 */
export async function enrol(page, { login, continueTo = true } = {}) {
  await page.locator('#mfa-enrol[data-state="ready"] #mfa-secret').waitFor();
  const secret = await shownSecret(page);
  if (login) rememberTotp(page.url(), login, secret);
  await page.locator('#mfa-enrol-code').fill(await nextCode(secret));
  await page.locator('#mfa-enrol-form button[type="submit"]').click();
  await page.locator('#mfa-recovery-codes li').first().waitFor();
  const codes = (await page.locator('#mfa-recovery-codes li').allTextContents()).map((c) => c.trim());
  if (continueTo) {
    await page.locator('#mfa-codes-kept').check();
    await page.locator('#mfa-continue').click();
  }
  return codes;
}

/** The session as the server sees it, with the page's cookies. */
export async function apiSession(page) {
  const res = await page.request.get('/api/v1/session');
  if (res.status() !== 200) throw new Error(`GET /api/v1/session: ${res.status()}`);
  return res.json();
}
