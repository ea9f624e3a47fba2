// The second factor in the browser, on the demo union: the director's code step
// (a code computed here from the secret `mamori demo` prints; a wrong code and a
// malformed one keep the step and say so; a reload comes back to it; cancel logs
// the pending session out), the set-up at the first login of a new
// security_director (QR image, the secret as text, a reload in the middle, a wrong
// then a right code, the ten recovery codes once), then a login with a code and one
// with a recovery code, and the lock after wrong codes; a staff member who sets it
// up of their own accord on My account, makes new recovery codes and removes it; a
// role that requires it granted during a session; the steps in Japanese and English. No console error, failed request or CSP violation on the way (the
// refusals a test provokes on purpose excepted). Screenshots: /tmp/mamori-e2e-mfa-*.png.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, serverMissing, runMamori } from './support/server.mjs';
import {
  chromiumMissing, launchBrowser, newContext, logIn, apiSession, enterCode, enrol, shownSecret,
} from './support/browser.mjs';
import { nextCode, totp } from '../lib/totp.mjs';

// Throws with CI=true: a missing server or browser fails there, never skips.
const skip = serverMissing() ?? chromiumMissing() ?? false;

const TIMEOUT = 15_000;
const RECOVERY_CODE = /^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/;

/** A code of secret that is surely not its code now (nor one step either side). */
function wrongCode(secret) {
  const near = new Set([-1, 0, 1].map((d) => totp(secret, Math.floor(Date.now() / 30_000) + d)));
  for (let n = 123456; ; n = (n + 111111) % 1_000_000) {
    const code = String(n).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

describe('two-step verification (TOTP) in the browser', { skip, timeout: 300_000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Adds a person with a role through the CLI against the server's store; resolves the password. */
  async function addUser(login, role, unit) {
    const password = `${login}-Pass-word-2026`;
    const r = await runMamori(['user', 'add', login, '--name', `試験 ${login}`, '--unit', unit, '--role', role,
      '--db', server.db], { env: { MAMORI_USER_PASSWORD: password } });
    assert.equal(r.code, 0, r.output);
    return password;
  }

  /**
   * A fresh browser (Japanese unless lang), failing on any console error or warning,
   * page error, failed request, HTTP error answer or CSP violation, except the answers
   * listed in expected ([status, method, path]) that the test provokes on purpose.
   */
  async function withPage(fn, { lang = 'ja', expected = [] } = {}) {
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
    const isExpected = (status, method, url) =>
      expected.some(([s, m, p]) => s === status && m === method && new URL(url).pathname === p);
    page.on('console', (msg) => {
      // Chromium logs every error answer of a fetch; those the test provokes are fine.
      const failed = /^Failed to load resource: the server responded with a status of (\d+)/.exec(msg.text());
      if (failed && expected.some(([s]) => s === Number(failed[1]))) return;
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('requestfailed', (req) => {
      // A read the browser cancels because the page moved on (net::ERR_ABORTED) is no fault.
      if (req.method() === 'GET' && req.failure()?.errorText === 'net::ERR_ABORTED') return;
      if (!req.url().startsWith('blob:')) problems.push(`request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400 && !isExpected(res.status(), res.request().method(), res.url()))
        problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
    });
    try {
      if (lang === 'en') {
        await page.goto('/');
        await page.getByRole('button', { name: 'English' }).click();
        await page.getByLabel('Login ID').waitFor();
      }
      await fn(page, context);
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'CSP violations');
      // Chromium's autofill leaves an empty style="" on form controls it looked at.
      assert.deepEqual(await page.locator('[style]:not([style=""])').evaluateAll((els) => els.map((e) => e.outerHTML.slice(0, 200))),
        [], 'no style attributes');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }

  const hashOf = (page) => new URL(page.url()).hash;

  /**
   * The password step by hand (logIn would go on through the second step), on the
   * login page shown, or after going to path (a page to come back to after the login).
   */
  async function password(page, login, pass, { path } = {}) {
    if (path || !(await page.locator('#login-id').count())) await page.goto(path ?? '/');
    await page.locator('#login-id').waitFor();
    await page.locator('#login-id').fill(login);
    await page.locator('#login-password').fill(pass);
    await page.locator('form.login-form button[type="submit"]').click();
  }

  async function logOut(page, name = 'ログアウト') {
    await page.getByRole('button', { name }).click();
    await page.locator('#login-id').waitFor();
  }

  /** Waits until the QR image has loaded; resolves its natural width. */
  async function qrWidth(page) {
    const qr = page.locator('#mfa-qr');
    await qr.waitFor();
    await page.waitForFunction(() => document.querySelector('#mfa-qr')?.complete);
    return qr.evaluate((img) => img.naturalWidth);
  }

  const MFA_POST = [401, 'POST', '/api/v1/session/mfa'];
  const CONFIRM_POST = [422, 'POST', '/api/v1/account/mfa/confirm'];

  it('the director gives a code computed from the printed secret; a wrong one keeps the step', async () => {
    const director = server.logins.director;
    assert.match(director.totp ?? '', /^[A-Z2-7]{32}$/, 'mamori demo printed the director\'s secret');
    await withPage(async (page) => {
      await password(page, 'director', director.password);
      const input = page.locator('#mfa-code');
      await input.waitFor();
      assert.equal(hashOf(page), '#/login');
      await page.getByRole('heading', { level: 1, name: '確認コードの入力' }).waitFor();
      assert.equal(await page.title(), '確認コードの入力 — mamori 守り');
      assert.equal(await input.getAttribute('autocomplete'), 'one-time-code');
      assert.equal(await input.getAttribute('inputmode'), 'numeric');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'mfa-code', 'the code input has the focus');
      assert.equal(await page.getByLabel('確認コード（6桁）').count(), 1);
      assert.match(await page.locator('main').textContent(), /佐藤 花子さん、パスワードを確認しました/);
      assert.equal(await page.locator('header.masthead').count(), 0);
      const pending = await apiSession(page);
      assert.equal(pending.authenticated, false);
      assert.equal(pending.mfa_pending, true);
      await page.screenshot({ path: '/tmp/mamori-e2e-mfa-code-ja.png', fullPage: true });

      // Not six digits: said here, nothing sent.
      let posts = 0;
      page.on('request', (r) => { if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/session/mfa') posts++; });
      await input.fill('12 34');
      await page.getByRole('button', { name: '確認', exact: true }).click();
      await page.getByRole('alert').getByText('確認コードは6桁の数字で入力してください。').waitFor();
      assert.equal(posts, 0);

      // A wrong code: the server refuses it, the step stays and says so.
      await input.fill(wrongCode(director.totp));
      await page.getByRole('button', { name: '確認', exact: true }).click();
      await page.getByRole('alert').getByText('確認コードが正しくありません。', { exact: false }).waitFor();
      assert.equal(posts, 1);
      assert.equal(await input.inputValue(), '');
      assert.equal(await input.getAttribute('aria-invalid'), 'true');
      assert.equal(hashOf(page), '#/login');
      assert.equal(await page.locator('header.masthead').count(), 0);
      assert.equal((await apiSession(page)).mfa_pending, true);

      // A reload while pending comes back to the code step.
      await page.reload();
      await input.waitFor();
      await page.getByRole('heading', { level: 1, name: '確認コードの入力' }).waitFor();

      await enterCode(page, director.totp);
      await page.locator('header.masthead').waitFor();
      assert.equal(hashOf(page), '#/');
      const session = await apiSession(page);
      assert.equal(session.authenticated, true);
      assert.equal(session.mfa, 'passed');
      assert.equal(session.person.login, 'director');

      // My account: required by the role, so it cannot be removed; no recovery codes yet.
      await page.getByRole('link', { name: 'マイアカウント' }).click();
      await page.locator('#account-mfa[data-ready="true"]').waitFor();
      assert.equal(hashOf(page), '#/account');
      assert.equal((await page.locator('#account-mfa-state').textContent()).trim(), '設定済み');
      assert.equal((await page.locator('#account-mfa-required').textContent()).trim(), 'あなたの役割では必須です');
      assert.equal((await page.locator('#account-mfa-codes-left').textContent()).trim(), '0個');
      await page.locator('#account-mfa-codes-few').getByText('使える回復コードがありません').waitFor();
      await page.locator('#account-mfa-cannot-remove').waitFor();
      assert.equal(await page.locator('#account-mfa-remove').count(), 0);
    }, { expected: [MFA_POST] });
  });

  it('cancel on the code step logs the pending session out', async () => {
    await withPage(async (page) => {
      await password(page, 'director', server.logins.director.password);
      await page.locator('#mfa-code').waitFor();
      await page.getByRole('button', { name: 'ログインをやめる（ログアウト）' }).click();
      await page.locator('#login-id').waitFor();
      await page.getByRole('status').getByText('ログアウトしました').waitFor();
      const s = await apiSession(page);
      assert.equal(s.authenticated, false);
      assert.equal(s.mfa_pending, undefined, 'no pending session any more');
      // A page that needs login leads back to the password, not to the code step.
      await page.goto('/#/audit');
      await page.locator('#login-id').waitFor();
    });
  });

  it('a new security_director sets up the second factor at the first login, then logs in with a code and with a recovery code', async () => {
    const pass = await addUser('toukatsu', 'security_director', '0');
    let secret;
    let codes;
    await withPage(async (page) => {
      await password(page, 'toukatsu', pass, { path: '/#/people' }); // the page to come back to
      await page.locator('#mfa-enrol[data-state="ready"]').waitFor();
      await page.getByRole('heading', { level: 1, name: '2段階認証の設定' }).waitFor();
      const main = page.locator('main');
      assert.match(await main.textContent(), /役割では、パスワードに加えて.*確認コードでのログイン（2段階認証）が必要です/);
      assert.ok(await qrWidth(page) > 0, 'the QR image loaded');
      assert.equal(await page.locator('#mfa-qr').getAttribute('alt'), '認証アプリで読み取る設定用のQRコード');
      const grouped = (await page.locator('#mfa-secret').textContent()).trim();
      assert.match(grouped, /^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/, 'the secret in groups of four');
      secret = await shownSecret(page);
      const input = page.locator('#mfa-enrol-code');
      assert.equal(await input.getAttribute('autocomplete'), 'one-time-code');
      assert.equal(await input.getAttribute('inputmode'), 'numeric');
      await page.screenshot({ path: '/tmp/mamori-e2e-mfa-enrol-ja.png', fullPage: true });

      // The language switch keeps the same set-up (the secret the person may have scanned).
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Set up two-step verification' }).waitFor();
      await page.locator('#mfa-enrol[data-state="ready"]').waitFor();
      assert.equal(await shownSecret(page), secret);
      await page.getByRole('button', { name: '日本語' }).click();
      await page.locator('#mfa-enrol[data-state="ready"] #mfa-secret').waitFor();
      assert.equal(await shownSecret(page), secret);

      // A reload in the middle: the same set-up (its QR code from the server); the
      // secret's text is not shown again.
      await page.reload();
      await page.locator('#mfa-enrol[data-state="ready"]').waitFor();
      assert.ok(await qrWidth(page) > 0, 'the QR image loaded after the reload');
      await page.locator('#mfa-secret-unknown').waitFor();
      assert.equal(await page.locator('#mfa-secret').count(), 0);
      await page.locator('#mfa-enrol-restart').waitFor();

      // A wrong code: refused, the step stays.
      await input.fill(wrongCode(secret));
      await page.locator('#mfa-enrol-submit').click();
      await page.getByRole('alert').getByText('確認コードが一致しません。', { exact: false }).waitFor();
      assert.equal(await page.locator('#mfa-recovery').count(), 0);

      // The code of the secret shown before the reload.
      await input.fill(await nextCode(secret));
      await page.locator('#mfa-enrol-submit').click();
      await page.getByRole('heading', { level: 1, name: '回復コード' }).waitFor();
      codes = (await page.locator('#mfa-recovery-codes li').allTextContents()).map((c) => c.trim());
      assert.equal(codes.length, 10);
      assert.equal(new Set(codes).size, 10);
      for (const c of codes) assert.match(c, RECOVERY_CODE);
      await page.locator('.warning').getByText('この回復コードは今回だけ表示されます。', { exact: false }).waitFor();
      await page.screenshot({ path: '/tmp/mamori-e2e-mfa-codes-ja.png', fullPage: true });
      // The language switch keeps them on the page (the same codes).
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Recovery codes' }).waitFor();
      assert.deepEqual((await page.locator('#mfa-recovery-codes li').allTextContents()).map((c) => c.trim()), codes);
      await page.getByRole('button', { name: '日本語' }).click();
      await page.getByRole('heading', { level: 1, name: '回復コード' }).waitFor();

      // Going on needs the tick that they are kept.
      await page.getByRole('button', { name: 'mamoriへ進む' }).click();
      await page.getByRole('alert').getByText('回復コードを保管したら、チェックを入れてください。').waitFor();
      await page.getByLabel('回復コードを安全な場所に保管しました').check();
      await page.getByRole('button', { name: 'mamoriへ進む' }).click();
      // The reload forgot the page asked for: home.
      await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
      assert.equal(hashOf(page), '#/');
      const s = await apiSession(page);
      assert.equal(s.authenticated, true);
      assert.equal(s.mfa, 'passed');
      await logOut(page);
    }, { expected: [CONFIRM_POST] });

    // The next login asks for a code, and takes one of the set-up's secret.
    await withPage(async (page) => {
      const r = await logIn(page, { login: 'toukatsu', password: pass, totp: secret });
      assert.equal(r.step, 'code');
      assert.equal((await apiSession(page)).person.login, 'toukatsu');
      await logOut(page);
    });

    // And one with a recovery code instead.
    await withPage(async (page) => {
      await password(page, 'toukatsu', pass);
      await page.locator('#mfa-code').waitFor();
      await page.getByRole('button', { name: '回復コードを使う（スマートフォンが手元にない場合）' }).click();
      const input = page.getByLabel('回復コード', { exact: true });
      await input.waitFor();
      assert.equal(await page.locator('#mfa-code').count(), 0);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'mfa-recovery-code');
      await page.screenshot({ path: '/tmp/mamori-e2e-mfa-recovery-ja.png', fullPage: true });
      await input.fill(codes[4]);
      await page.getByRole('button', { name: '確認', exact: true }).click();
      await page.locator('header.masthead').waitFor();
      const s = await apiSession(page);
      assert.equal(s.authenticated, true);
      assert.equal(s.person.login, 'toukatsu');
      await page.goto('/#/account');
      await page.locator('#account-mfa[data-ready="true"]').waitFor();
      assert.equal((await page.locator('#account-mfa-codes-left').textContent()).trim(), '9個');
      await logOut(page);
    });

    // A used recovery code is refused, and the step says so.
    await withPage(async (page) => {
      await password(page, 'toukatsu', pass);
      await page.locator('#mfa-code').waitFor();
      await page.locator('#mfa-toggle').click();
      await page.locator('#mfa-recovery-code').fill(codes[4]);
      await page.getByRole('button', { name: '確認', exact: true }).click();
      await page.getByRole('alert').getByText('回復コードが正しくないか、すでに使われています。').waitFor();
      assert.equal(await page.locator('header.masthead').count(), 0);
      // Back to the app's code.
      await page.getByRole('button', { name: '認証アプリの確認コードを使う' }).click();
      await page.locator('#mfa-code').waitFor();

      // Wrong codes lock the account; a right code is then refused in the same words.
      const send = async (code) => {
        await page.locator('#mfa-code').fill(code);
        const [res] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/session/mfa'),
          page.getByRole('button', { name: '確認', exact: true }).click(),
        ]);
        assert.equal(res.status(), 401);
        await page.getByRole('alert').getByText('確認コードが正しくありません。', { exact: false }).waitFor();
      };
      for (let i = 0; i < 5; i++) await send(wrongCode(secret));
      await send(await nextCode(secret));
      assert.equal(await page.locator('header.masthead').count(), 0);
      await page.getByRole('button', { name: 'ログインをやめる（ログアウト）' }).click();
      await page.locator('#login-id').waitFor();
      // Locked: the password step says what it says for a wrong password.
      await password(page, 'toukatsu', pass);
      await page.getByRole('alert').getByText('ログインIDまたはパスワードが正しくありません').waitFor();
      assert.equal(await page.locator('#mfa-code').count(), 0);
    }, { expected: [MFA_POST, [401, 'POST', '/api/v1/session']] });
    assert.equal((await runMamori(['user', 'unlock', 'toukatsu', '--db', server.db])).code, 0);
  });

  it('a staff member sets it up of their own accord on My account, makes new recovery codes and removes it', async () => {
    const pass = await addUser('tantou', 'staff', '310');
    let first;
    await withPage(async (page) => {
      assert.equal((await logIn(page, { login: 'tantou', password: pass })).step, 'none');
      await page.goto('/#/account');
      await page.getByRole('heading', { level: 1, name: 'マイアカウント' }).waitFor();
      await page.locator('#account-mfa[data-ready="true"]').waitFor();
      assert.equal((await page.locator('#account-mfa-state').textContent()).trim(), '未設定');
      assert.equal((await page.locator('#account-mfa-required').textContent()).trim(), '任意です');
      await page.getByRole('button', { name: '2段階認証を設定する' }).click();
      await page.locator('#mfa-enrol[data-state="ready"]').waitFor();
      assert.ok(await qrWidth(page) > 0, 'the QR image loaded');
      await page.screenshot({ path: '/tmp/mamori-e2e-mfa-account-enrol-ja.png', fullPage: true });
      first = await enrol(page, { login: 'tantou', continueTo: false });
      assert.equal(first.length, 10);
      await page.locator('#account-mfa').getByText('2段階認証を設定しました。次回のログインから確認コードが必要です。').waitFor();
      await page.getByLabel('回復コードを安全な場所に保管しました').check();
      await page.getByRole('button', { name: '完了' }).click();
      await page.locator('#account-mfa[data-ready="true"] #account-mfa-status').waitFor();
      assert.equal((await page.locator('#account-mfa-state').textContent()).trim(), '設定済み');
      assert.equal((await page.locator('#account-mfa-codes-left').textContent()).trim(), '10個');
      assert.equal((await apiSession(page)).mfa, 'passed', 'the same session goes on');
      await page.screenshot({ path: '/tmp/mamori-e2e-mfa-account-ja.png', fullPage: true });
      await logOut(page);
    });

    await withPage(async (page) => {
      // Owed from now on: logIn gives the code of the secret the set-up showed.
      assert.equal((await logIn(page, { login: 'tantou', password: pass })).step, 'code');
      await page.goto('/#/account');
      await page.locator('#account-mfa[data-ready="true"]').waitFor();

      // New recovery codes, after asking once more.
      await page.getByRole('button', { name: '回復コードを作り直す' }).click();
      await page.locator('#account-mfa-new-codes-question').getByText('今までの回復コードは使えなくなります。', { exact: false }).waitFor();
      await page.getByRole('button', { name: '作り直す', exact: true }).click();
      await page.getByRole('heading', { level: 3, name: '新しい回復コード' }).waitFor();
      const fresh = (await page.locator('#mfa-recovery-codes li').allTextContents()).map((c) => c.trim());
      assert.equal(fresh.length, 10);
      for (const c of fresh) assert.match(c, RECOVERY_CODE);
      assert.deepEqual(fresh.filter((c) => first.includes(c)), []);
      await page.getByLabel('回復コードを安全な場所に保管しました').check();
      await page.getByRole('button', { name: '完了' }).click();
      await page.locator('#account-mfa[data-ready="true"] #account-mfa-status').waitFor();

      // Removing it: asked once more, "keep" changes nothing.
      await page.getByRole('button', { name: '2段階認証を解除する' }).click();
      await page.getByRole('button', { name: 'やめる' }).click();
      assert.equal((await page.locator('#account-mfa-state').textContent()).trim(), '設定済み');
      await page.getByRole('button', { name: '2段階認証を解除する' }).click();
      await page.locator('#account-mfa-remove-question').waitFor();
      await page.getByRole('button', { name: '解除する', exact: true }).click();
      await page.locator('#account-mfa[data-ready="true"] #account-mfa-status[data-enrolled="false"]').waitFor();
      assert.equal((await page.locator('#account-mfa-state').textContent()).trim(), '未設定');
      await page.getByRole('button', { name: '2段階認証を設定する' }).waitFor();
      await logOut(page);
    });

    // The password alone logs in again.
    await withPage(async (page) => {
      assert.equal((await logIn(page, { login: 'tantou', password: pass })).step, 'none');
    });
  });

  it('a role that requires it, granted during a session: the next page asks for the set-up, then comes back', async () => {
    const pass = await addUser('shoshin', 'staff', '310');
    await withPage(async (page, context) => {
      await logIn(page, { login: 'shoshin', password: pass });
      const id = (await apiSession(page)).person.id;

      // The CISO, in another browser, grants the role.
      const ciso = await context.browser().newContext({ baseURL: server.baseURL });
      try {
        const cisoPage = await ciso.newPage();
        await logIn(cisoPage, { login: 'ciso', password: server.logins.ciso.password });
        const { csrf_token: csrf } = await apiSession(cisoPage);
        const units = await (await cisoPage.request.get('/api/v1/org-units')).json();
        const root = units.items.find((u) => u.parent_id === null);
        const g = await cisoPage.request.post('/api/v1/role-assignments', {
          headers: { 'X-CSRF-Token': csrf },
          data: { person_id: id, role: 'security_director', org_unit_id: root.id },
        });
        assert.equal(g.status(), 201, await g.text());
      } finally {
        await ciso.close();
      }

      // The next page's requests are refused (401 mfa_required): the set-up is shown.
      await page.getByRole('link', { name: '役割と権限', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: '2段階認証の設定' }).waitFor();
      await page.getByRole('status').getByText('続けるには2段階認証が必要です。').waitFor();
      assert.equal(hashOf(page), '#/login');
      const codes = await enrol(page, { login: 'shoshin' });
      assert.equal(codes.length, 10);
      await page.getByRole('heading', { level: 1, name: '役割と権限' }).waitFor();
      assert.equal(hashOf(page), '#/roles');
      assert.equal((await apiSession(page)).mfa, 'passed');
    }, { expected: [[401, 'GET', '/api/v1/roles'], [401, 'GET', '/api/v1/role-assignments'],
      [401, 'GET', '/api/v1/org-units'], [401, 'GET', '/api/v1/persons']] });
  });

  it('the steps in English', async () => {
    await withPage(async (page) => {
      await password(page, 'director', server.logins.director.password, { path: '/#/audit' });
      await page.getByRole('heading', { level: 1, name: 'Enter your verification code' }).waitFor();
      await page.getByLabel('Verification code (6 digits)').waitFor();
      assert.match(await page.locator('main').textContent(), /Enter the 6-digit verification code your authenticator app shows/);
      await page.getByRole('button', { name: 'Use a recovery code instead (no phone at hand)' }).click();
      await page.getByLabel('Recovery code', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Use the code from the authenticator app' }).click();
      await page.getByLabel('Verification code (6 digits)').fill('abc');
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByRole('alert').getByText('Enter the verification code as 6 digits.').waitFor();
      await page.screenshot({ path: '/tmp/mamori-e2e-mfa-code-en.png', fullPage: true });
      await enterCode(page, server.logins.director.totp);
      // Back to the page asked for before the login.
      await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
      assert.equal(hashOf(page), '#/audit');
      await page.getByRole('link', { name: 'My account' }).click();
      await page.getByRole('heading', { level: 2, name: 'Two-step verification' }).waitFor();
      await page.locator('#account-mfa[data-ready="true"]').waitFor();
      assert.equal((await page.locator('#account-mfa-required').textContent()).trim(), 'Required by your role');
      await logOut(page, 'Log out');
    }, { lang: 'en' });

    const pass = await addUser('kanri-en', 'security_director', '0');
    await withPage(async (page) => {
      await password(page, 'kanri-en', pass);
      await page.getByRole('heading', { level: 1, name: 'Set up two-step verification' }).waitFor();
      await page.locator('#mfa-enrol[data-state="ready"]').waitFor();
      assert.match(await page.locator('main').textContent(), /Your role requires two-step verification/);
      assert.equal(await page.locator('#mfa-qr').getAttribute('alt'), 'QR code to scan with the authenticator app');
      await page.getByText('If it cannot be scanned, type in this setup key:').waitFor();
      await page.screenshot({ path: '/tmp/mamori-e2e-mfa-enrol-en.png', fullPage: true });
      const codes = await enrol(page, { login: 'kanri-en', continueTo: false });
      assert.equal(codes.length, 10);
      await page.getByRole('heading', { level: 1, name: 'Recovery codes' }).waitFor();
      await page.getByText('These recovery codes are shown this once only.', { exact: false }).waitFor();
      await page.getByLabel('I have kept the recovery codes somewhere safe').check();
      await page.getByRole('button', { name: 'Continue to mamori' }).click();
      await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    }, { lang: 'en' });
  });

  it('the server exits 0 on SIGTERM', async () => {
    const { code, signal, output } = await server.stop();
    assert.equal(signal, null, output);
    assert.equal(code, 0, output);
  });
});
