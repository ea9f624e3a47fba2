// Roles & permissions (#/roles) on the demo union: the role → permission table
// for everyone (a staff member too, their own role marked); granting a role (the
// form offers only roles below one's own and one's own units; a date rule is
// shown under its field; a refused grant shows the server's reason) and revoking
// it after a confirmation; the list of who holds what with its filters, from a
// person's page too. Japanese and English. No console error, failed request or CSP
// violation beyond the refusals provoked on purpose.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, serverMissing } from './support/server.mjs';
import { chromiumMissing, launchBrowser } from './support/browser.mjs';
import { withWatchedPage } from './support/watched.mjs';

// Throws with CI=true: a missing server or browser fails there, never skips.
const skip = serverMissing() ?? chromiumMissing() ?? false;

const ROLES_JA = ['最高情報セキュリティ責任者（CISO）', '統括情報セキュリティ責任者', '情報セキュリティ責任者',
  '情報セキュリティ管理者', '情報システム管理者', '情報システム担当者', '監査人', '情報セキュリティ委員会委員', 'CSIRT要員', '職員'];

describe('roles & permissions', { skip, timeout: 300_000 }, () => {
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

  const open = async (page, hash = '#/roles') => {
    await page.goto(`/${hash}`);
    await page.locator('#roles-page[data-ready="true"]').waitFor();
  };
  const rowsOf = (page) => page.locator('#assignments-table tbody tr');
  const cells = async (row) => (await row.locator('td').allTextContents()).map((s) => s.trim());

  it('everyone reads the role → permission table; a staff member sees no more', async () => {
    await withWatchedPage(browser, server, 'staff', async (page) => {
      await page.getByRole('navigation').getByRole('link', { name: '役割と権限' }).click();
      await page.locator('#roles-page[data-ready="true"]').waitFor();
      const rows = page.locator('#roles-table tbody tr');
      const names = (await rows.locator('th').allTextContents()).map((s) => s.replace('あなたの役割', ''));
      // The server's names of the roles (data), strongest first.
      assert.deepEqual(names, ['最高情報セキュリティ責任者', ...ROLES_JA.slice(1)]);
      const own = rows.filter({ has: page.locator('th', { hasText: 'あなたの役割' }) });
      assert.equal(await own.count(), 1);
      assert.equal(await own.getAttribute('data-role'), 'staff');
      assert.match(await rows.filter({ has: page.locator('code', { hasText: /^security_manager$/ }) }).locator('td').nth(1).textContent(),
        /職員の管理 person\.manage.*職員の閲覧 person\.read.*役割の付与 role\.grant/);
      // Staff read the ledger of their own units (need-to-know keeps the highest classes out)
      // and the standards catalog and the procedures in force they must follow.
      assert.equal(await page.locator('#roles-table tr[data-role="staff"] td').nth(1).textContent(),
        '情報資産の閲覧 asset.read対策基準・脅威・法令の閲覧 catalog.read実施手順の閲覧（閲覧は記録） procedure.read');
      assert.match(await page.locator('#roles-table tr[data-role="system_manager"] td').nth(1).textContent(),
        /情報資産の閲覧 asset\.read （管理する資産に限る）/);
      assert.equal(await page.locator('#grant-form').count(), 0);
      assert.equal(await page.locator('#assignments').count(), 0);
      await page.screenshot({ path: '/tmp/mamori-e2e-roles-staff.png', fullPage: true });
    });
  });

  it('a section head grants a role below their own in their section, and revokes it', async () => {
    await withWatchedPage(browser, server, 'manager', async (page) => {
      await open(page);
      const form = page.locator('#grant-form');
      // Only roles below 情報セキュリティ管理者, only 料金課.
      assert.deepEqual(await form.getByLabel('役割').locator('option').allTextContents(),
        ['選んでください', ...ROLES_JA.slice(4)]);
      assert.deepEqual(await form.getByLabel('組織').locator('option').allTextContents(), ['選んでください', '料金課 (310)']);
      // The people of 料金課 by reading (たかはし, やまもと, よしだ), oneself marked.
      assert.deepEqual(await form.getByLabel('対象者').locator('option').allTextContents(),
        ['選んでください', '高橋 美咲（料金課）（あなた）', '山本 和子（料金課）', '吉田 翔（料金課）']);

      // Nothing chosen: each field says so.
      await form.getByRole('button', { name: '付与する' }).click();
      await page.locator('#grant-person-error').getByText('入力してください。').waitFor();
      await page.locator('#grant-role-error').getByText('入力してください。').waitFor();
      await page.locator('#grant-unit-error').getByText('入力してください。').waitFor();

      await form.getByLabel('対象者').selectOption({ label: '吉田 翔（料金課）' });
      await form.getByLabel('役割').selectOption({ label: '情報システム担当者' });
      await form.getByLabel('組織').selectOption({ label: '料金課 (310)' });
      // A date rule, under its field.
      await form.getByLabel('開始日').fill('2027-04-01');
      await form.getByLabel('終了日（省略可）').fill('2027-03-31');
      await form.getByRole('button', { name: '付与する' }).click();
      await page.locator('#grant-to-error').getByText('終了日は開始日と同じか、それより後の日付にしてください。').waitFor();
      assert.equal(await page.locator('#grant-person-error').textContent(), '');

      await form.getByLabel('開始日').fill('');
      await form.getByLabel('終了日（省略可）').fill('');
      await form.getByRole('button', { name: '付与する' }).click();
      await page.locator('#grant-status').getByText('吉田 翔さんに情報システム担当者（料金課）を付与しました。').waitFor();
      const granted = rowsOf(page).filter({ hasText: '情報システム担当者' });
      await granted.waitFor();
      assert.deepEqual((await cells(granted)).filter((_, i) => i !== 3), ['吉田 翔', '情報システム担当者', '料金課', '有効', '取り消す']);
      assert.equal(await page.locator('#grant-error').textContent(), '');
      await page.screenshot({ path: '/tmp/mamori-e2e-roles-granted.png', fullPage: true });

      // One's own role has no revoke button; the new one has.
      const mine = rowsOf(page).filter({ hasText: '高橋 美咲' });
      assert.equal(await mine.getByRole('button').count(), 0);

      await granted.getByRole('button', { name: '取り消す' }).click();
      const dialog = page.getByRole('dialog', { name: '役割を取り消しますか？' });
      await dialog.getByText('吉田 翔さんの情報システム担当者（料金課）を取り消します。').waitFor();
      await dialog.getByRole('button', { name: 'キャンセル' }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await granted.count(), 1);
      await granted.getByRole('button', { name: '取り消す' }).click();
      await dialog.getByRole('button', { name: '取り消す' }).click();
      await page.locator('#assignments-status').getByText('吉田 翔さんの情報システム担当者を取り消しました。').waitFor();
      assert.equal(await rowsOf(page).filter({ hasText: '情報システム担当者' }).count(), 0, 'no longer current');

      // Ended and revoked ones, by the state filter (kept in the address).
      await page.locator('#assignments-state').selectOption({ label: '終了・取消済みのもの' });
      await page.getByRole('button', { name: '絞り込む' }).click();
      await page.waitForURL(/#\/roles\?state=ended$/);
      await page.locator('#roles-page[data-ready="true"]').waitFor();
      const ended = rowsOf(page).filter({ hasText: '情報システム担当者' });
      // data-ready can be the page's before the filtered list replaced it: wait for the row.
      await ended.waitFor();
      assert.deepEqual((await cells(ended)).filter((_, i) => i !== 3), ['吉田 翔', '情報システム担当者', '料金課', '取消済み', '']);
      const trail = await page.request.get('/api/v1/role-assignments?state=all&role=system_operator');
      assert.equal((await trail.json()).items[0].revoked_at !== null, true);
    }, { expected: [{ status: 422, method: 'POST', path: /^\/api\/v1\/role-assignments$/ }] });
  });

  it('a refused grant shows the server\'s reason', async () => {
    await withWatchedPage(browser, server, 'manager', async (page) => {
      await open(page);
      const form = page.locator('#grant-form');
      await form.getByLabel('対象者').selectOption({ label: '高橋 美咲（料金課）（あなた）' });
      await form.getByLabel('役割').selectOption({ label: '職員' });
      await form.getByLabel('組織').selectOption({ label: '料金課 (310)' });
      await form.getByRole('button', { name: '付与する' }).click();
      await page.locator('#grant-error').getByText('付与できませんでした：自分自身に役割を付与することはできません。').waitFor();
      assert.equal(await page.locator('#grant-status').textContent(), '');
      assert.equal(await rowsOf(page).filter({ hasText: '高橋 美咲' }).count(), 1, 'nothing granted');
      await page.screenshot({ path: '/tmp/mamori-e2e-roles-refused.png', fullPage: true });
    }, { expected: [{ status: 403, method: 'POST', path: /^\/api\/v1\/role-assignments$/ }] });
  });

  it('from a person\'s page: their roles, and the grant form set to them', async () => {
    await withWatchedPage(browser, server, 'officer', async (page) => {
      const [kato] = (await (await page.request.get('/api/v1/persons?q=加藤')).json()).items;
      await page.goto(`/#/people/${kato.id}`);
      await page.locator('#person-page[data-ready="true"]').waitFor();
      await page.locator('#person-roles-link').click();
      await page.locator('#roles-page[data-ready="true"]').waitFor();
      await page.locator('#assignments-person').getByText('加藤 愛').waitFor();
      assert.deepEqual((await rowsOf(page).locator('td:first-child').allTextContents()), ['加藤 愛']);
      assert.equal(await page.locator('#grant-person').inputValue(), String(kato.id));
      // A department head's units: 水道局 and its sections.
      assert.deepEqual(await page.locator('#grant-unit option').allTextContents(),
        ['選んでください', '水道局 (300)', '\u3000料金課 (310)', '\u3000工務課 (320)']);
      await page.locator('#grant-role').selectOption({ label: '監査人' });
      await page.locator('#grant-unit').selectOption({ label: '\u3000工務課 (320)' });
      await page.locator('#grant-from').fill('2099-04-01');
      await page.getByRole('button', { name: '付与する' }).click();
      await page.locator('#grant-status').getByText('加藤 愛さんに監査人（工務課）を付与しました。').waitFor();
      // Not current yet: under "not yet begun".
      await page.goto(`/#/roles?person=${kato.id}&state=upcoming`);
      await page.locator('#roles-page[data-ready="true"]').waitFor();
      assert.deepEqual((await cells(rowsOf(page).first())).filter((_, i) => i !== 3), ['加藤 愛', '監査人', '工務課', '開始前', '取り消す']);
      assert.match(await rowsOf(page).first().locator('td').nth(3).textContent(), /^令和81年4月1日〜$/);
      await page.locator('#assignments-person-clear').click();
      await page.locator('#roles-page[data-ready="true"]').waitFor();
      assert.equal(new URL(page.url()).hash, '#/roles');
    });
  });

  it('in English', async () => {
    await withWatchedPage(browser, server, 'director', async (page) => {
      await open(page);
      await page.getByRole('heading', { level: 1, name: 'Roles & permissions' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Grant a role' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Who holds which role' }).waitFor();
      const director = page.locator('#roles-table tr[data-role="security_director"]');
      assert.match(await director.locator('th').textContent(), /^Information Security Directoryours$/);
      assert.match(await director.locator('td').nth(1).textContent(), /Grant roles role\.grant/);
      // Below 統括 only.
      assert.deepEqual((await page.locator('#grant-role option').allTextContents()).slice(0, 2),
        ['Choose…', 'Information Security Officer']);
      const row = rowsOf(page).filter({ hasText: '吉田 翔' });
      assert.deepEqual((await cells(row)).filter((_, i) => i !== 3), ['吉田 翔', 'Staff', 'Billing Section', 'current', 'Revoke']);
      await page.screenshot({ path: '/tmp/mamori-e2e-roles-en.png', fullPage: true });
    }, { lang: 'en' });
  });

  it('the server exits 0 on SIGTERM', async () => {
    const { code, signal, output } = await server.stop();
    assert.equal(signal, null, output);
    assert.equal(code, 0, output);
  });
});
