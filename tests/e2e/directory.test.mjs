// The login page while the body's directory (LDAP / Active Directory) does not answer:
// a refused login says the login could not be checked (not "wrong password"), in
// Japanese and in English, and the local CISO account still logs in. The directory
// here is an address where nothing listens; the real binds are tested in
// tests/api/directory.test.mjs against slapd.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, serverMissing, ADMIN_LOGIN } from './support/server.mjs';
import { chromiumMissing, launchBrowser, newContext, logIn, apiSession } from './support/browser.mjs';

// Throws with CI=true: a missing server or browser fails there, never skips.
const skip = serverMissing() ?? chromiumMissing() ?? false;

describe('login while the directory is down', { skip, timeout: 120_000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer({
      serveArgs: ['--directory-url', 'ldaps://127.0.0.1:1', '--directory-bind', '%s@example.local',
        '--directory-timeout', '2'],
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    const stopped = await server?.stop();
    if (stopped) assert.equal(stopped.code, 0, stopped.output);
  });

  it('a refused login says it could not be checked; the local account still logs in', async () => {
    const context = await newContext(browser, server.baseURL);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    try {
      await page.goto('/');
      await page.locator('#login-id').fill(ADMIN_LOGIN);
      await page.locator('#login-password').fill('not-the-password-at-all');
      await page.locator('form.login-form button[type="submit"]').click();
      await page.getByRole('alert').getByText('ただいまログインを確認できません').waitFor();
      assert.equal(new URL(page.url()).hash, '#/login');
      await page.screenshot({ path: '/tmp/mamori-e2e-directory-login.png' });

      await page.getByRole('button', { name: 'English' }).click();
      // The form is drawn again in English: fill the new one, not the one going away.
      await page.locator('html[lang="en"]').waitFor();
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      await page.locator('#login-id').fill('somebody-else');
      await page.locator('#login-password').fill('whatever-it-is');
      await page.locator('form.login-form button[type="submit"]').click();
      await page.getByRole('alert').getByText('Your login cannot be checked right now').waitFor();

      await logIn(page);
      assert.equal((await apiSession(page)).authenticated, true);
    } finally {
      await context.close();
    }
  });
});
