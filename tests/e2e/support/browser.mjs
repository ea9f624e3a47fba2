// Launches Debian's Chromium through playwright-core (never a downloaded
// browser), and helpers shared by the browser tests.

import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { ADMIN_LOGIN, ADMIN_PASSWORD } from './server.mjs';

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
export function newContext(browser, baseURL) {
  return browser.newContext({
    baseURL,
    locale: 'ja-JP',
    // Not Tokyo on purpose: the UI must show Tokyo time whatever the browser's zone.
    timezoneId: 'America/Los_Angeles',
    viewport: { width: 1280, height: 860 },
  });
}

/** Logs in through the form; resolves once the layout is shown. */
export async function logIn(page, { login = ADMIN_LOGIN, password = ADMIN_PASSWORD } = {}) {
  await page.goto('/');
  await page.locator('#login-id').waitFor();
  await page.locator('#login-id').fill(login);
  await page.locator('#login-password').fill(password);
  await page.locator('form.login-form button[type="submit"]').click();
  await page.locator('header.masthead').waitFor();
}

/** The session as the server sees it, with the page's cookies. */
export async function apiSession(page) {
  const res = await page.request.get('/api/v1/session');
  if (res.status() !== 200) throw new Error(`GET /api/v1/session: ${res.status()}`);
  return res.json();
}
