// One person's page (#/people/<id>) and adding one person, on the demo union:
// from the list to the page (category with the contractor, unit, roles); adding
// someone of a contractor (the contractor is asked for only with that category,
// and required); changing a person (If-Match; a change made meanwhile by someone
// else is not overwritten: the page says so and loads the latest); leaving, after
// a confirmation — then that person can no longer log in. A person outside the
// reader's units is "not found". Japanese and English. No console error, failed
// request or CSP violation beyond the refusals provoked on purpose.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, serverMissing, runMamori } from './support/server.mjs';
import { chromiumMissing, launchBrowser, newContext } from './support/browser.mjs';
import { withWatchedPage, csrfToken } from './support/watched.mjs';

// Throws with CI=true: a missing server or browser fails there, never skips.
const skip = serverMissing() ?? chromiumMissing() ?? false;

const LEAVER = { login: 'taishoku', password: 'haru-no-umi-2026', name: '退職 予定' };

describe('a person\'s page', { skip, timeout: 300_000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
    // Someone of 料金課 with a login, to leave.
    process.env.MAMORI_USER_PASSWORD = LEAVER.password;
    const r = await runMamori(['user', 'add', LEAVER.login, '--name', LEAVER.name, '--kana', 'たいしょく よてい',
      '--unit', '310', '--db', server.db]);
    delete process.env.MAMORI_USER_PASSWORD;
    assert.equal(r.code, 0, r.output);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (page, hash) => {
    await page.goto(`/${hash}`);
    await page.locator('#person-page[data-ready="true"]').waitFor();
  };
  const summary = (page) => page.locator('#person-summary');
  const value = (page, term) => summary(page).locator('.summary-row', { has: page.locator('dt', { hasText: term }) }).locator('dd');

  it('from the list to the person: category with the contractor, unit, employment, roles', async () => {
    await withWatchedPage(browser, server, 'manager', async (page) => {
      await page.goto('/#/people');
      await page.locator('#people-page[data-ready="true"]').waitFor();
      await page.locator('#people-table').getByRole('link', { name: '吉田 翔' }).click();
      await page.locator('#person-page[data-ready="true"]').waitFor();
      assert.match(new URL(page.url()).hash, /^#\/people\/\d+$/);
      await page.getByRole('heading', { level: 1, name: '吉田 翔' }).waitFor();
      assert.equal(await page.title(), '吉田 翔 — mamori 守り');
      assert.equal(await value(page, '区分').textContent(), '外部要員');
      assert.equal(await value(page, '委託先').textContent(), '株式会社デモ情報サービス');
      assert.equal(await value(page, '所属').textContent(), '料金課');
      assert.equal(await value(page, '在籍期間').textContent(), '—');
      assert.equal(await value(page, '状態').textContent(), '在籍');
      assert.equal(await value(page, 'ログインID').textContent(), 'contractor');
      assert.equal(await summary(page).locator('dt', { hasText: '関係機関' }).count(), 0);
      const role = page.locator('#person-roles tbody tr');
      assert.equal(await role.count(), 1);
      assert.deepEqual((await role.locator('td').allTextContents()).map((s) => s.trim()).slice(0, 2), ['職員', '料金課']);
      assert.equal(await role.locator('td').nth(3).textContent(), '有効');
      assert.match(await page.locator('#person-roles-link').getAttribute('href'), /^#\/roles\?person=\d+$/);
      // The navigation shows where the page belongs.
      assert.equal(await page.getByRole('navigation').getByRole('link', { name: '職員・委託先' }).getAttribute('aria-current'), 'true');
      await page.screenshot({ path: '/tmp/mamori-e2e-person-ja.png', fullPage: true });
    });
  });

  it('adding someone of a contractor: the contractor is asked for with that category, and required', async () => {
    await withWatchedPage(browser, server, 'manager', async (page) => {
      await page.goto('/#/people');
      await page.locator('#people-page[data-ready="true"]').waitFor();
      await page.locator('#people-add summary').click();
      const form = page.locator('#person-new');
      await form.getByLabel('氏名').fill('委託 次郎');
      await form.getByLabel('ふりがな（省略可）').fill('いたく じろう');
      assert.equal(await page.locator('#person-new-contractor-id').isVisible(), false);
      await form.getByLabel('区分').selectOption({ label: '外部要員' });
      await page.locator('#person-new-contractor-id').waitFor();
      assert.equal(await page.locator('#person-new-related-body-id').isVisible(), false);
      // Only 料金課 is the manager's.
      assert.deepEqual(await form.getByLabel('所属').locator('option').allTextContents(), ['選んでください', '料金課 (310)']);
      await form.getByLabel('所属').selectOption({ label: '料金課 (310)' });
      await form.getByRole('button', { name: '登録する' }).click();
      await page.locator('#person-new-contractor-id-error').getByText('区分が「外部要員」の場合は選んでください。').waitFor();
      assert.equal(await page.locator('#person-new-contractor-id').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('#person-new-error').textContent(), '入力内容を確認してください。');

      await form.getByLabel('委託先').selectOption({ label: '株式会社デモ情報サービス' });
      await form.getByRole('button', { name: '登録する' }).click();
      await page.locator('#person-page[data-ready="true"]').waitFor();
      await page.getByRole('heading', { level: 1, name: '委託 次郎' }).waitFor();
      assert.equal(await page.locator('#person-status').textContent(), '登録しました。');
      assert.equal(await value(page, '委託先').textContent(), '株式会社デモ情報サービス');
      assert.equal(await value(page, 'ログインID').textContent(), 'なし');
      assert.equal(await page.locator('#person-roles').count(), 0);
      await page.getByText('役割の記録はありません。').waitFor();
    }, { expected: [{ status: 422, method: 'POST', path: /^\/api\/v1\/persons$/ }] });
  });

  it('a change; a change made meanwhile by someone else is not overwritten', async () => {
    await withWatchedPage(browser, server, 'manager', async (page) => {
      await page.goto('/#/people?q=委託');
      await page.locator('#people-page[data-ready="true"]').waitFor();
      await page.locator('#people-table').getByRole('link', { name: '委託 次郎' }).click();
      await page.locator('#person-page[data-ready="true"]').waitFor();
      const id = Number(new URL(page.url()).hash.split('/')[2]);
      const form = page.locator('#person-edit');

      await form.getByLabel('氏名').fill('委託 二郎');
      await form.getByRole('button', { name: '変更を保存する' }).click();
      await page.locator('#person-status').getByText('変更を保存しました。').waitFor();
      await page.getByRole('heading', { level: 1, name: '委託 二郎' }).waitFor();
      // Saved without a change: nothing is sent.
      await form.getByRole('button', { name: '変更を保存する' }).click();
      await page.locator('#person-edit-status').getByText('変更された項目はありません。').waitFor();

      // Someone else changes the reading meanwhile (version 2 → 3).
      const other = await page.request.patch(`/api/v1/persons/${id}`, {
        headers: { 'If-Match': '"2"', 'X-CSRF-Token': await csrfToken(page), 'Content-Type': 'application/json' },
        data: { name_kana: 'いたく にろう' },
      });
      assert.equal(other.status(), 200, await other.text());

      await form.getByLabel('氏名').fill('上書き 太郎');
      await form.getByRole('button', { name: '変更を保存する' }).click();
      const alert = page.locator('#person-edit-error');
      await alert.getByText('この間に他の人がこの職員の登録内容を変更しました。最新の内容を読み込んでから、もう一度変更してください。').waitFor();
      const fresh = (await (await page.request.get(`/api/v1/persons/${id}`)).json());
      assert.equal(fresh.name, '委託 二郎', 'not overwritten');
      assert.equal(fresh.name_kana, 'いたく にろう');
      await page.screenshot({ path: '/tmp/mamori-e2e-person-stale.png', fullPage: true });

      await alert.getByRole('button', { name: '最新の内容を読み込む' }).click();
      await page.locator('#person-status').getByText('最新の内容を読み込みました。').waitFor();
      assert.equal(await value(page, 'ふりがな').textContent(), 'いたく にろう');
      assert.equal(await form.getByLabel('氏名').inputValue(), '委託 二郎');
      await form.getByLabel('区分').selectOption({ label: '正規職員' });
      await form.getByRole('button', { name: '変更を保存する' }).click();
      await page.locator('#person-status').getByText('変更を保存しました。').waitFor();
      assert.equal(await value(page, '区分').textContent(), '正規職員');
      assert.equal(await summary(page).locator('dt', { hasText: '委託先' }).count(), 0, 'the contractor went with the category');
    }, { expected: [{ status: 412, method: 'PATCH', path: /^\/api\/v1\/persons\/\d+$/ }] });
  });

  it('leaving, after a confirmation: the login stops at once', async () => {
    // The leaver is logged in somewhere.
    const theirs = await newContext(browser, server.baseURL);
    const theirPage = await theirs.newPage();
    await theirPage.goto('/');
    await theirPage.locator('#login-id').fill(LEAVER.login);
    await theirPage.locator('#login-password').fill(LEAVER.password);
    await theirPage.locator('form.login-form button[type="submit"]').click();
    await theirPage.locator('header.masthead').waitFor();

    await withWatchedPage(browser, server, 'manager', async (page) => {
      await page.goto(`/#/people?q=${encodeURIComponent('退職')}`);
      await page.locator('#people-page[data-ready="true"]').waitFor();
      await page.locator('#people-table').getByRole('link', { name: LEAVER.name }).click();
      await page.locator('#person-page[data-ready="true"]').waitFor();

      // Asked first; "cancel" changes nothing.
      await page.getByRole('button', { name: '在籍を終了する' }).click();
      const dialog = page.getByRole('dialog', { name: `${LEAVER.name}さんの在籍を終了しますか？` });
      await dialog.waitFor();
      await dialog.getByText('ただちにログインできなくなります').waitFor();
      await dialog.getByRole('button', { name: 'キャンセル' }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await value(page, '状態').textContent(), '在籍');

      await page.getByRole('button', { name: '在籍を終了する' }).click();
      await dialog.getByRole('button', { name: '在籍を終了する' }).click();
      await page.locator('#person-status').getByText(`${LEAVER.name}さんの在籍を終了しました。`).waitFor();
      assert.equal(await value(page, '状態').textContent(), '在籍していない');
      assert.match(await value(page, '在籍期間').textContent(), /^（記録なし）〜令和\d+年\d+月\d+日$/);
      assert.equal(await page.locator('#person-deactivate').count(), 0, 'no second leaving');
      // One's own record offers no leaving.
      const self = (await (await page.request.get('/api/v1/session')).json()).person.id;
      await page.goto(`/#/people/${self}`);
      await page.locator('#person-page[data-ready="true"]').waitFor();
      await page.locator('#person-edit').waitFor();
      assert.equal(await page.locator('#person-deactivate').count(), 0);
    });

    // Their session has ended, and the login is refused like a wrong password.
    await theirPage.reload();
    await theirPage.locator('#login-id').waitFor();
    await theirPage.locator('#login-id').fill(LEAVER.login);
    await theirPage.locator('#login-password').fill(LEAVER.password);
    await theirPage.locator('form.login-form button[type="submit"]').click();
    await theirPage.getByRole('alert').getByText('ログインIDまたはパスワードが正しくありません。').waitFor();
    assert.equal(await theirPage.locator('header.masthead').count(), 0);
    await theirs.close();
  });

  it('someone outside the reader\'s units is not found, exactly like no one', async () => {
    await withWatchedPage(browser, server, 'sysadmin', async (page) => {
      const ids = (await (await page.request.get('/api/v1/persons')).json()).items.map((p) => p.id);
      const outside = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].find((id) => !ids.includes(id));
      for (const id of [outside, 987654]) {
        await open(page, `#/people/${id}`);
        await page.getByRole('heading', { level: 1, name: '職員が見つかりません' }).waitFor();
        await page.locator('#person-not-found').waitFor();
        assert.equal(await page.locator('#person-summary').count(), 0);
      }
    }, { expected: [{ status: 404, method: 'GET', path: /^\/api\/v1\/persons\/\d+$/ }] });
  });

  it('in English', async () => {
    await withWatchedPage(browser, server, 'director', async (page) => {
      const [yoshida] = (await (await page.request.get('/api/v1/persons?q=吉田')).json()).items;
      await open(page, `#/people/${yoshida.id}`);
      assert.equal(await value(page, 'Category').textContent(), 'Contractor\'s staff');
      assert.equal(await value(page, 'Contractor').textContent(), '株式会社デモ情報サービス');
      assert.equal(await value(page, 'Unit').textContent(), 'Billing Section');
      assert.equal(await value(page, 'Status').textContent(), 'Active');
      await page.getByRole('heading', { level: 2, name: 'Change the details' }).waitFor();
      await page.getByRole('button', { name: 'Mark as left' }).waitFor();
      const row = page.locator('#person-roles tbody tr').first();
      assert.deepEqual((await row.locator('td').allTextContents()).map((s) => s.trim()).filter((s, i) => i !== 2),
        ['Staff', 'Billing Section', 'current']);
      await page.screenshot({ path: '/tmp/mamori-e2e-person-en.png', fullPage: true });
    }, { lang: 'en' });
  });

  it('the server exits 0 on SIGTERM', async () => {
    const { code, signal, output } = await server.stop();
    assert.equal(signal, null, output);
    assert.equal(code, 0, output);
  });
});
