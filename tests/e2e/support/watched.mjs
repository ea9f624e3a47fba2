// A logged-in page that fails the test on anything going wrong on the way: a
// console error or warning, an uncaught exception, a failed request, an HTTP
// error answer, a Content-Security-Policy violation, a style attribute. A test
// that provokes a refusal on purpose (a stale change, a refused grant) names it
// in `expected` ({ status, method, path: RegExp }); only those pass, and the
// browser's console line about them too.

import assert from 'node:assert/strict';
import { newContext, logIn } from './browser.mjs';

const TIMEOUT = 15_000;

/**
 * Runs fn(page, context) logged in as login (a demo login of server) in lang.
 *   expected: the HTTP errors the test provokes on purpose
 */
export async function withWatchedPage(browser, server, login, fn, { lang = 'ja', expected = [] } = {}) {
  const context = await newContext(browser, server.baseURL);
  context.setDefaultTimeout(TIMEOUT);
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  const problems = [];
  const isExpected = (status, method, url) => expected.some((x) => x.status === status
    && (!x.method || !method || x.method === method) && x.path.test(new URL(url).pathname));
  page.on('console', (msg) => {
    if (msg.type() !== 'error' && msg.type() !== 'warning') return;
    // Chromium's own line about an error answer (it does not say the method; the
    // response handler judges that).
    const failed = /^Failed to load resource: the server responded with a status of (\d+)/.exec(msg.text());
    if (failed && isExpected(Number(failed[1]), null, msg.location()?.url ?? 'http://x/')) return;
    problems.push(`console ${msg.type()}: ${msg.text()} (${msg.location()?.url ?? ''})`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A read the browser cancels because the page moved on (net::ERR_ABORTED) is no fault.
    if (req.method() === 'GET' && req.failure()?.errorText === 'net::ERR_ABORTED') return;
    if (!req.url().startsWith('blob:')) problems.push(`request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && !isExpected(res.status(), res.request().method(), res.url())) {
      problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
    }
  });
  try {
    await logIn(page, { login, password: server.logins[login].password });
    if (lang === 'en') {
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    }
    await fn(page, context);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'CSP violations');
    // Chromium's autofill leaves an empty style="" on controls it looked at.
    assert.deepEqual(await page.locator('[style]:not([style=""])').evaluateAll((els) => els.map((e) => e.outerHTML.slice(0, 200))),
      [], 'no style attributes');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

/** The session's CSRF token, for a change the test makes through the API beside the page. */
export async function csrfToken(page) {
  const res = await page.request.get('/api/v1/session');
  return (await res.json()).csrf_token;
}
