// Working the risk register in the browser (issue 6, points 5 and 9), on the demo union:
// 料金課's section manager registers a risk of the billing system through the form (the
// asset found by a search of the ledger, a threat, likelihood and impact on the matrix
// with their words, the impact left to the asset's class, a treatment, requirements
// that apply to the asset); the server's field messages land at the fields; the register
// lists it and the inherent heat map counts it in its cell, its axes named with the
// matrix's words; a second risk of the same pair is refused with a link to the first;
// the risk's page shows its figures, requirements and history; a change is saved with
// If-Match, a stale one says so and loads the risk again; it is closed after a
// confirmation and moves to the closed list. In English, from the asset's page. A
// system manager (no implementation.write) reads risks but is offered no control to
// register, change or close them. Nothing goes wrong on the way (withWatchedPage) but
// the refusals the test provokes.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, serverMissing } from './support/server.mjs';
import { chromiumMissing, launchBrowser } from './support/browser.mjs';
import { withWatchedPage, csrfToken } from './support/watched.mjs';
import { stepLabel, stepLabels, impactOfRank, classImpact } from '../../web/risk-data.js';

const skip = serverMissing() ?? chromiumMissing() ?? false;

/** The counts a heat map draws, rows from the highest likelihood down (as the API gives them). */
async function drawn(page, map) {
  const cells = await page.locator(`#${map}-map g.chart-cell`).evaluateAll((els) => els.map((e) =>
    [Number(e.dataset.likelihood), Number(e.dataset.impact), Number(e.dataset.count)]));
  const n = Math.sqrt(cells.length);
  const grid = Array.from({ length: n }, () => Array(n).fill(0));
  for (const [l, i, c] of cells) grid[n - l][i - 1] = c;
  return grid;
}

const MATRIX = {
  size: 3,
  likelihood: [{ step: 1, ja: 'まれ', en: 'Rare' }, { step: 2, ja: '起こりうる', en: 'Possible' }, { step: 3, ja: '起こりやすい', en: 'Likely' }],
  impact: [{ step: 1, ja: '小', en: 'Minor' }, { step: 2, ja: '中', en: 'Moderate' }, { step: 3, ja: '大', en: 'Major' }],
};

describe('web/risk-data.js', () => {
  it('the words of a step, and the impact a class gives (the server\'s rule)', () => {
    assert.equal(stepLabel(MATRIX, 'likelihood', 2, 'ja'), '2 起こりうる');
    assert.equal(stepLabel(MATRIX, 'impact', 3, 'en'), '3 Major');
    assert.equal(stepLabel(MATRIX, 'impact', 4, 'en'), '4', 'a step without a word is its number');
    assert.deepEqual(stepLabels(MATRIX, 'likelihood', 'en'), ['1 Rare', '2 Possible', '3 Likely']);
    for (let r = 1; r <= 5; r++) assert.equal(impactOfRank(r, 5), r);
    assert.deepEqual([1, 2, 3, 4, 5].map((r) => impactOfRank(r, 3)), [1, 2, 2, 3, 3]);
    assert.equal(impactOfRank(5, 10), 10);
    assert.equal(impactOfRank(0, 5), 1);
    assert.equal(classImpact({ classes: { c: { rank: 5 }, i: { rank: 2 }, a: { rank: 1 } } }, 5), 5);
    assert.equal(classImpact({ classes: { c: { rank: 2 }, i: { rank: 1 }, a: { rank: 1 } } }, 5), 2);
  });
});

describe('registering and treating risks in the browser', { skip, timeout: 300_000 }, () => {
  let server;
  let browser;
  let billing; // 水道料金システム (C3A), 料金課
  let threats; // name_ja → id

  before(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const api = async (page, method, path, data, headers = {}) => {
    const res = await page.request.fetch(path, {
      method, data, headers: method === 'GET' ? headers : { ...headers, 'X-CSRF-Token': await csrfToken(page) },
    });
    return { status: res.status(), json: await res.json().catch(() => null) };
  };

  const learn = async (page) => {
    if (billing) return;
    const assets = (await api(page, 'GET', `/api/v1/assets?q=${encodeURIComponent('水道料金システム')}`)).json;
    billing = assets.items.find((a) => a.name === '水道料金システム');
    assert.ok(billing, 'the demo has the billing system');
    threats = Object.fromEntries((await api(page, 'GET', '/api/v1/threats?limit=500')).json.items.map((x) => [x.name_ja, x.id]));
    assert.ok(threats['ランサムウェア'] && threats['誤操作'], Object.keys(threats).join(', '));
  };

  it('料金課\'s manager registers, changes, and closes a risk through the form (ja)', async () => {
    const expected = [
      { status: 422, method: 'POST', path: /^\/api\/v1\/risks$/ },
      { status: 409, method: 'POST', path: /^\/api\/v1\/risks$/ },
      { status: 412, method: 'PATCH', path: /^\/api\/v1\/risks\/\d+$/ },
    ];
    await withWatchedPage(browser, server, 'manager', async (page) => {
      await learn(page);
      await page.goto('/#/risks');
      await page.locator('#risks-page[data-ready="true"]').waitFor();
      // The axes carry the matrix's words (the default 5 × 5).
      assert.equal(await page.locator('#risks-inherent-map text.chart-tick-y[data-step="5"]').textContent(), '5 ほぼ確実');
      assert.equal(await page.locator('#risks-inherent-map text.chart-tick-x[data-step="1"]').textContent(), '1 軽微');
      assert.equal(await page.locator('#risks-inherent-table thead th').nth(5).textContent(), '5 甚大');
      const before = (await api(page, 'GET', '/api/v1/risks/heatmap')).json;
      assert.deepEqual(await drawn(page, 'risks-inherent'), before.inherent);

      await page.locator('#risks-new').click();
      await page.locator('#risk-new-page[data-ready="true"]').waitFor();
      await page.getByRole('heading', { level: 1, name: 'リスクの登録' }).waitFor();
      // The asset by a search of the ledger.
      await page.locator('#risk-new-asset-q').fill('水道料金');
      await page.locator(`#risk-new-asset option[value="${billing.id}"]`).waitFor({ state: 'attached' });
      await page.locator('#risk-new-asset').selectOption(String(billing.id));
      await page.locator('#risk-new-requirement-items').waitFor();
      assert.equal(await page.locator('#risk-new-impact option').first().textContent(), '資産の分類から（5 甚大）');
      await page.locator('#risk-new-threat').selectOption(String(threats['ランサムウェア']));
      // Sent without likelihood and treatment: the server's messages at those fields.
      await page.locator('#risk-new-submit').click();
      await page.locator('#risk-new-likelihood-error', { hasText: '入力してください' }).waitFor();
      assert.equal(await page.locator('#risk-new-treatment-error').textContent(), '入力してください。');
      assert.equal(await page.locator('#risk-new-likelihood').getAttribute('aria-invalid'), 'true');
      assert.deepEqual(await page.locator('#risk-new-likelihood option').allTextContents(),
        ['選択してください', '1 まれ', '2 起こりにくい', '3 起こりうる', '4 起こりやすい', '5 ほぼ確実']);
      await page.locator('#risk-new-likelihood').selectOption('4');
      assert.equal(await page.locator('#risk-new-level').textContent(), 'リスク値：可能性 4 × 影響 5 ＝ 20');
      await page.locator('#risk-new-treatment').selectOption('reduce');
      await page.locator('#risk-new-note').fill('保守回線経由の暗号化被害');
      const boxes = page.locator('#risk-new-requirement-items input[type="checkbox"]');
      assert.ok(await boxes.count() >= 2, 'requirements apply to the billing system');
      const codes = await page.locator('#risk-new-requirement-items li').evaluateAll((els) => els.slice(0, 2).map((e) => e.dataset.code));
      await boxes.nth(0).check();
      await boxes.nth(1).check();
      await page.locator('#risk-new-submit').click();

      // The risk's page.
      await page.locator('#risk-page[data-ready="true"]').waitFor();
      const id = Number(/#\/risks\/(\d+)$/.exec(page.url())[1]);
      await page.getByRole('heading', { level: 1, name: '水道料金システム × ランサムウェア' }).waitFor();
      assert.equal(await page.locator('#risk-level').textContent(), '20');
      assert.match(await page.locator('#risk-impact-source').textContent(), /資産の分類 C3A-\S+ から/);
      assert.match(await page.locator('[data-detail="likelihood"] dd').textContent(), /^4 起こりやすい$/);
      assert.equal(await page.locator('#risk-treatment').textContent(), '低減');
      assert.deepEqual(await page.locator('#risk-requirements-table tbody tr').evaluateAll((els) => els.map((e) => e.dataset.code)),
        [...codes].sort());
      assert.equal(await page.locator('#risk-history-table tbody tr').count(), 1);
      assert.equal(await page.locator('#risk-state').textContent(), '対応中');

      // The register lists it; the inherent map counts it at likelihood 4 × impact 5.
      await page.goto('/#/risks');
      await page.locator('#risks-page[data-ready="true"]').waitFor();
      const row = page.locator(`#risks-table tbody tr[data-risk-id="${id}"]`);
      assert.match(await row.textContent(), /水道料金システム.*ランサムウェア/);
      const afterCreate = (await api(page, 'GET', '/api/v1/risks/heatmap')).json;
      assert.equal(afterCreate.inherent[5 - 4][5 - 1], before.inherent[5 - 4][5 - 1] + 1);
      assert.deepEqual(await drawn(page, 'risks-inherent'), afterCreate.inherent);
      assert.deepEqual(await drawn(page, 'risks-residual'), afterCreate.residual);

      // The same pair again: refused, with the way to the open one.
      await page.goto(`/#/risks/new?asset_id=${billing.id}`);
      await page.locator('#risk-new-page[data-ready="true"]').waitFor();
      assert.match(await page.locator('#risk-new-asset-fixed').textContent(), /水道料金システム/);
      await page.locator('#risk-new-threat').selectOption(String(threats['ランサムウェア']));
      await page.locator('#risk-new-likelihood').selectOption('2');
      await page.locator('#risk-new-treatment').selectOption('accept');
      await page.locator('#risk-new-submit').click();
      await page.locator('#risk-new-duplicate').click();
      await page.locator('#risk-page[data-ready="true"]').waitFor();
      assert.ok(page.url().endsWith(`#/risks/${id}`), page.url());

      // A change: likelihood 2, impact 3 by hand.
      await page.locator('#risk-edit').click();
      await page.locator('#risk-edit-likelihood').selectOption('2');
      await page.locator('#risk-edit-impact').selectOption('3');
      await page.locator('#risk-edit-submit').click();
      await page.locator('#risk-notice', { hasText: 'リスクを保存しました' }).waitFor();
      assert.equal(await page.locator('#risk-level').textContent(), '6');
      assert.match(await page.locator('#risk-impact-source').textContent(), /個別に設定/);
      assert.equal(await page.locator('#risk-history-table tbody tr').count(), 2);

      // Stale: someone else changes it while the form is open.
      await page.locator('#risk-edit').click();
      await page.locator('#risk-edit-treatment').selectOption('transfer');
      const other = await api(page, 'PATCH', `/api/v1/risks/${id}`, { note: '他の担当者が更新' }, { 'If-Match': '"2"' });
      assert.equal(other.status, 200, JSON.stringify(other.json));
      await page.locator('#risk-edit-submit').click();
      await page.locator('#risk-edit-error', { hasText: '他の人が変更しました' }).waitFor();
      await page.locator('#risk-edit-reload').click();
      await page.locator('[data-detail="note"] dd', { hasText: '他の担当者が更新' }).waitFor();
      assert.equal(await page.locator('#risk-treatment').textContent(), '低減', 'the stale change was not written');
      assert.equal(await page.locator('#risk-history-table tbody tr').count(), 3);

      // Closed after a confirmation: no more controls, off the register, in the closed list.
      await page.locator('#risk-close').click();
      await page.locator('#risk-close-dialog-yes').click();
      await page.locator('#risk-state', { hasText: '終了' }).waitFor();
      assert.equal(await page.locator('#risk-edit').count(), 0);
      assert.equal(await page.locator('#risk-close').count(), 0);
      await page.goto('/#/risks');
      await page.locator('#risks-page[data-ready="true"]').waitFor();
      assert.equal(await page.locator(`#risks-table tbody tr[data-risk-id="${id}"]`).count(), 0);
      assert.deepEqual(await drawn(page, 'risks-inherent'), before.inherent, 'the map is as before');
      await page.locator('#risks-closed-link').click();
      await page.getByRole('heading', { level: 1, name: '終了したリスク' }).waitFor();
      await page.locator(`#risks-table tbody tr[data-risk-id="${id}"]`).waitFor();
      await page.screenshot({ path: '/tmp/mamori-e2e-risk-form.png', fullPage: true });
    }, { expected });
  });

  it('in English, from the asset\'s page: the asset is fixed, the words are English', async () => {
    await withWatchedPage(browser, server, 'manager', async (page) => {
      await learn(page);
      await page.goto(`/#/assets/${billing.id}`);
      await page.locator('#asset-risks-list[data-ready="true"]').waitFor();
      assert.ok(await page.locator('#asset-risks li').count() >= 2, 'the demo\'s risks of the billing system');
      await page.locator('#asset-risk-new').click();
      await page.locator('#risk-new-page[data-ready="true"]').waitFor();
      await page.getByRole('heading', { level: 1, name: 'Register a risk' }).waitFor();
      assert.match(await page.locator('#risk-new-asset-fixed').textContent(), /水道料金システム \(C3A-/);
      assert.equal(await page.locator('#risk-new-impact option').first().textContent(), 'From the asset\'s class (5 Severe)');
      await page.locator('#risk-new-threat').selectOption(String(threats['誤操作']));
      await page.locator('#risk-new-likelihood').selectOption('3');
      await page.locator('#risk-new-impact').selectOption('4');
      await page.locator('#risk-new-treatment').selectOption('transfer');
      await page.locator('#risk-new-requirement-items').waitFor();
      await page.locator('#risk-new-submit').click();
      await page.locator('#risk-page[data-ready="true"]').waitFor();
      assert.equal(await page.locator('#risk-level').textContent(), '12');
      assert.match(await page.locator('#risk-impact-source').textContent(), /set by hand/);
      assert.equal(await page.locator('[data-detail="impact"] dd').evaluate((e) => e.firstChild.textContent), '4 Major');
      assert.equal(await page.locator('#risk-residual').textContent(), 'likelihood 3 Possible × impact 2 Minor = 6');
      assert.equal(await page.locator('#risk-treatment').textContent(), 'Transfer');
      await page.goto('/#/risks');
      await page.locator('#risks-page[data-ready="true"]').waitFor();
      assert.equal(await page.locator('#risks-inherent-map text.chart-tick-y[data-step="5"]').textContent(), '5 Almost certain');
      assert.equal(await page.locator('#risks-residual-map text.chart-tick-x[data-step="5"]').textContent(), '5 Severe');
      await page.locator('#risks-table tbody tr', { hasText: 'Misoperation' }).waitFor();
    }, { lang: 'en' });
  });

  it('a system manager reads risks but is offered nothing to change', async () => {
    await withWatchedPage(browser, server, 'sysadmin', async (page) => {
      await page.goto('/#/risks');
      await page.locator('#risks-page[data-ready="true"]').waitFor();
      assert.equal(await page.locator('#risks-new').count(), 0);
      const link = page.locator('#risks-table tbody tr', { hasText: '119番' }).locator('a.risk-link');
      await link.click();
      await page.locator('#risk-page[data-ready="true"]').waitFor();
      await page.locator('#risk-details').waitFor();
      assert.equal(await page.locator('#risk-edit').count(), 0);
      assert.equal(await page.locator('#risk-close').count(), 0);
      assert.ok(await page.locator('#risk-history-table tbody tr').count() >= 1);
      const assetHref = await page.locator('[data-detail="asset"] a').getAttribute('href');
      await page.goto(`/${assetHref}`);
      await page.locator('#asset-risks-list[data-ready="true"]').waitFor();
      assert.equal(await page.locator('#asset-risk-new').count(), 0);
      await page.goto('/#/risks/new');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      assert.equal(await page.locator('#risk-new-page').count(), 0, 'the form is not offered');
    });
  });
});
