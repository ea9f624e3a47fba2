// Compliance against an imported reference catalog in the browser (issue 6 point 8), on
// the demo union with NIST SP 800-53 LOW imported (`mamori import catalog`) and mapped by
// the built-in table (`mamori catalog map-nist`): a section manager records a status,
// opens 参照カタログに対する遵守状況 from the dashboard and sees per family the SVG bars
// and per control a row — the requirements mapped (links to their pages) and the
// figures — every number equal to GET /api/v1/compliance/reference's, 未対応 where no
// requirement is mapped; a committee member reads it in English for one unit chosen.
// No console error, failed request or CSP violation. Screenshots:
// /tmp/mamori-e2e-compliance-reference-*.png.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, serverMissing, runMamori } from './support/server.mjs';
import { chromiumMissing, launchBrowser } from './support/browser.mjs';
import { withWatchedPage, csrfToken } from './support/watched.mjs';

const skip = serverMissing() ?? chromiumMissing() ?? false;
const here = path.dirname(fileURLToPath(import.meta.url));
const DATA = process.env.MAMORI_OSCAL_DATA || path.resolve(here, '..', 'data', 'oscal');
const LOW = path.join(DATA, 'NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json');

/** As the page writes a share (web/charts.js percent). */
const percent = (rate) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`);

/** Every figure the page shows, compared with the API's answer. */
async function assertPageEqualsApi(page, rep, notCovered) {
  assert.equal(await page.locator('#compref-total-rate').textContent(), percent(rep.totals.counts?.rate));
  assert.equal(await page.locator('#chart-ref-rate g.chart-row').count(), rep.families.length);
  assert.equal(await page.locator('#chart-ref-coverage g.chart-row').count(), rep.families.length);
  const chartValues = await page.locator('#chart-ref-rate text.chart-value').allTextContents();
  assert.deepEqual(chartValues, rep.families.map((f) => (f.counts ? percent(f.counts.rate) : notCovered)));
  const coverage = await page.locator('#chart-ref-coverage text.chart-value').allTextContents();
  assert.deepEqual(coverage, rep.families.map((f) => percent(f.covered / f.controls)));
  const familyRows = await page.locator('#compref-family-table tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    family: tr.dataset.family, cells: [...tr.querySelectorAll('td')].map((td) => td.textContent) })));
  assert.deepEqual(familyRows.map((r) => r.family), rep.families.map((f) => f.item_id));
  for (const [i, f] of rep.families.entries()) {
    const cells = familyRows[i].cells;
    assert.equal(cells[1], String(f.requirements), f.item_id);
    if (f.counts) {
      assert.deepEqual(cells.slice(2, 4), [percent(f.counts.rate), String(f.counts.applicable)], f.item_id);
      assert.equal(cells[4], String(f.counts.implemented), f.item_id);
    } else {
      assert.equal(cells[2], notCovered, f.item_id);
    }
  }
  const rows = await page.locator('#compref-control-table tbody tr.compref-control').evaluateAll((trs) => trs.map((tr) => ({
    control: tr.dataset.control, covered: tr.dataset.covered,
    codes: [...tr.querySelectorAll('.compref-requirements li')].map((li) => li.dataset.code),
    rate: tr.querySelector('td.compref-rate').textContent,
    applicable: tr.querySelector('td.compref-applicable')?.textContent ?? null,
    implemented: tr.querySelector('td[data-status="implemented"]')?.textContent ?? null })));
  assert.equal(rows.length, rep.controls.length);
  for (const [i, c] of rep.controls.entries()) {
    const r = rows[i];
    assert.equal(r.control, c.item_id);
    assert.equal(r.covered, String(c.covered), c.item_id);
    assert.deepEqual(r.codes, c.requirements.map((q) => q.code), c.item_id);
    if (c.covered) {
      assert.deepEqual([r.rate, r.applicable, r.implemented],
        [percent(c.counts.rate), String(c.counts.applicable), String(c.counts.implemented)], c.item_id);
    } else {
      assert.deepEqual([r.rate, r.applicable], [notCovered, null], `${c.item_id}: not covered, no figures`);
    }
  }
}

describe('compliance against a reference catalog', { skip, timeout: 300_000 }, () => {
  let server;
  let browser;
  let catalogId;

  before(async () => {
    server = await startServer({ demo: true });
    const r = await runMamori(['import', 'catalog', '--db', server.db, LOW]);
    assert.equal(r.code, 0, r.output);
    catalogId = Number(r.output.match(/catalog (\d+) imported/)[1]);
    const m = await runMamori(['catalog', 'map-nist', String(catalogId), '--db', server.db]);
    assert.equal(m.code, 0, m.output);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a section manager records a status and sees its section against NIST LOW, as the API counts it', async () => {
    await withWatchedPage(browser, server, 'manager', async (page) => {
      // 料金課's new system: TEC-01 (account management, mapped to AC-2) applies; 実施済.
      const csrf = await csrfToken(page);
      const classes = Object.fromEntries((await (await page.request.get('/api/v1/classification')).json()).classes
        .map((k) => [k.label, k.id]));
      const units = Object.fromEntries((await (await page.request.get('/api/v1/org-units')).json()).items
        .map((u) => [u.code, u.id]));
      const made = await page.request.post('/api/v1/assets', {
        headers: { 'X-CSRF-Token': csrf },
        data: { kind: 'system', name: '料金照会システム', owner_unit_id: units['310'], segment: 'lgwan',
          format: 'electronic', personal_data: true, c_class_id: classes.C3A, i_class_id: classes.I2,
          a_class_id: classes.A2, class_reason: '個人情報を含む' },
      });
      assert.equal(made.status(), 201, await made.text());
      const asset = await made.json();
      const applying = (await (await page.request.get(`/api/v1/assets/${asset.id}/requirements`)).json()).items;
      const tec01 = applying.find((q) => q.code === 'TEC-01');
      assert.ok(tec01, 'TEC-01 applies to a system');
      const before = await (await page.request.get(`/api/v1/compliance/reference?catalog_id=${catalogId}`)).json();
      const set = await page.request.post('/api/v1/implementations', {
        headers: { 'X-CSRF-Token': csrf },
        data: { requirement_id: tec01.id, asset_id: asset.id, status: 'implemented', note: '導入時に設定' },
      });
      assert.equal(set.status(), 201, await set.text());

      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '遵守状況', exact: true }).click();
      await page.locator('#compliance-page[data-ready="true"]').waitFor();
      await page.locator('#compliance-ref-link').click();
      await page.locator('#compref-page[data-ready="true"]').waitFor();
      assert.match(await page.locator('h1').textContent(), /参照カタログに対する遵守状況/);
      assert.match(await page.locator('#compref-catalog option:checked').textContent(), /LOW IMPACT BASELINE/);
      const rep = await (await page.request.get(`/api/v1/compliance/reference?catalog_id=${catalogId}`)).json();
      assert.equal(control(rep, 'ac-2').counts.implemented, control(before, 'ac-2').counts.implemented + 1,
        'the status moved AC-2');
      assert.ok(rep.totals.covered > 40 && rep.totals.not_covered > 0);
      await assertPageEqualsApi(page, rep, '未対応');
      assert.match(await page.locator('#compref-coverage').textContent(),
        new RegExp(`${rep.totals.controls}件の管理策のうち${rep.totals.covered}件`));
      const ac1 = page.locator('#compref-control-table tr[data-control="ac-1"]');
      assert.equal(await ac1.getAttribute('data-covered'), 'false');
      assert.equal(await ac1.locator('.compref-not-covered').textContent(), '未対応');
      assert.match(await page.locator('#compref-controls').textContent(), /「未対応」は対応付けた項目のない管理策で、実施率0%とは別です/);
      await page.screenshot({ path: '/tmp/mamori-e2e-compliance-reference-ja.png', fullPage: true });

      // The requirement mapped to AC-2 leads to its page.
      await page.locator('#compref-control-table tr[data-control="ac-2"] li[data-code="TEC-01"] a').click();
      await page.locator('#requirement-page[data-ready="true"]').waitFor();
      assert.match(page.url(), new RegExp(`#/requirements/${tec01.id}$`));
    });
  });

  it('in English, a committee member chooses a unit and reads its figures', async () => {
    await withWatchedPage(browser, server, 'committee', async (page) => {
      await page.goto(`${server.baseURL}/#/compliance/reference`);
      await page.locator('#compref-page[data-ready="true"]').waitFor();
      assert.match(await page.locator('#compref-families h2').textContent(), /By family/);
      const units = Object.fromEntries((await (await page.request.get('/api/v1/org-units')).json()).items
        .map((u) => [u.code, u.id]));
      await page.locator('#compref-unit').selectOption(String(units['300']));
      await page.waitForURL(new RegExp(`unit=${units['300']}`));
      await page.locator('#compref-page[data-ready="true"]').waitFor();
      assert.equal(await page.locator('#compref-unit').inputValue(), String(units['300']));
      const rep = await (await page.request.get(
        `/api/v1/compliance/reference?catalog_id=${catalogId}&org_unit_id=${units['300']}`)).json();
      assert.equal(rep.org_unit_id, units['300']);
      await assertPageEqualsApi(page, rep, 'Not covered');
      await page.screenshot({ path: '/tmp/mamori-e2e-compliance-reference-en.png', fullPage: true });
    }, { lang: 'en' });
  });
});

function control(rep, itemId) {
  return rep.controls.find((c) => c.item_id === itemId);
}
