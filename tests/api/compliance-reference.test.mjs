// Compliance against an imported reference catalog (issue 6 point 8: "compliance can be
// shown against it through the mapping"): GET /api/v1/compliance/reference and
// `mamori compliance reference`, on the demo union with NIST SP 800-53 LOW imported.
//
// The figures are proved against another computation: the Statement of Applicability
// (GET /api/v1/compliance/soa) counts each requirement on request, while the reference
// view reads the maintained per-requirement figures. A control's figures are those of
// the requirements mapped to it (a group mapped stands for its items), a family's those
// of the DISTINCT requirements mapped in it; a control with no mapping is not covered
// (counts null, not 0 %). Implementation records move the numbers at once; a section
// manager sees only their section's; the maintained figures equal a recompute.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, freshStore, runCli, auditVerify, guarded, repoRoot } from './lib/harness.mjs';
import { assertError, assertFieldError } from './lib/expect.mjs';

const DATA = path.join(repoRoot, 'tests/data/oscal');
const LOW = path.join(DATA, 'NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json');
const PRIVACY = path.join(DATA, 'NIST_SP-800-53_rev5_PRIVACY-baseline-resolved-profile_catalog.json');
const STATUSES = ['not_started', 'partial', 'implemented', 'not_applicable', 'excepted'];

let server, db, pw, ciso, manager, committee, staff, auditor;
let low, privacy;
const classIds = {};
const unitIds = {};
const reqByCode = {};
const lowItems = {}; // item_id → row id
const as = async (l) => { const c = server.client(); await c.login(l, pw[l]); return c; };

before(async () => {
  db = await freshStore();
  const d = await runCli(['demo', '--db', db]);
  assert.equal(d.code, 0, d.stderr);
  pw = Object.fromEntries([...d.stdout.matchAll(/^(\w+)\s+(\S{16})\s/gm)].map((m) => [m[1], m[2]]));
  for (const file of [LOW, PRIVACY]) {
    const imp = await runCli(['import', 'catalog', '--db', db, file]);
    assert.equal(imp.code, 0, imp.stderr);
  }
  server = await startServer({ db, admin: { login: 'ciso', password: pw.ciso } });
  ciso = await server.adminClient();
  manager = await as('manager');
  committee = await as('committee');
  staff = await as('staff');
  auditor = await as('auditor');
  for (const k of (await ciso.get('/api/v1/classification')).json.classes) classIds[k.label] = k.id;
  for (const u of (await ciso.get('/api/v1/org-units')).json.items) unitIds[u.code] = u.id;
  for (const q of (await ciso.get('/api/v1/requirements?limit=500')).json.items) reqByCode[q.code] = q;
  const cats = (await ciso.get('/api/v1/catalogs')).json.items;
  low = cats.find((c) => /LOW/.test(c.title));
  privacy = cats.find((c) => /PRIVACY/.test(c.title));
  assert.ok(low && privacy, 'both baselines imported');
  for (const i of (await ciso.get(`/api/v1/catalogs/${low.id}/items?limit=2000`)).json.items) lowItems[i.item_id] = i.id;
});

after(async () => {
  if (server?.running) {
    await server.stop();
    const v = await auditVerify(db);
    assert.ok(v.ok, `${v.stdout}${v.stderr}`);
  }
});

const reference = async (client, query = '') => {
  const r = await client.get(`/api/v1/compliance/reference?catalog_id=${low.id}${query}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
};
const control = (rep, itemId) => rep.controls.find((c) => c.item_id === itemId);
const family = (rep, itemId) => rep.families.find((f) => f.item_id === itemId);

/** Counts added up, with the rate as compliance computes it. */
function sum(list) {
  const o = { applicable: 0 };
  for (const s of STATUSES) o[s] = 0;
  for (const c of list) for (const k of ['applicable', ...STATUSES]) o[k] += c[k];
  const base = o.applicable - o.not_applicable - o.excepted;
  o.rate = base > 0 ? o.implemented / base : null;
  return o;
}

/** The SoA's counts (computed on request) of the distinct leaves of the given requirements. */
async function soaFigures(client, codes, query = '') {
  const soa = (await client.get(`/api/v1/compliance/soa${query}`)).json;
  const leaves = new Set();
  for (const code of codes) {
    const q = reqByCode[code];
    const kids = Object.values(reqByCode).filter((x) => x.parent_id === q.id);
    for (const x of kids.length ? kids : [q]) leaves.add(x.id);
  }
  const zero = sum([]);
  return sum([...leaves].map((id) => soa.requirements.find((x) => x.id === id)?.counts ?? zero));
}

const map = async (code, itemId, relation, catalogItem = lowItems[itemId]) => {
  const r = await ciso.post(`/api/v1/requirements/${reqByCode[code].id}/mappings`, { catalog_item_id: catalogItem,
    relation });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
};

describe('compliance against NIST SP 800-53 LOW', () => {
  test('before any mapping every control is not covered: no figures, which is not 0 %', guarded(async () => {
    const rep = await reference(ciso);
    assert.equal(rep.catalog.uuid, low.uuid);
    assert.equal(rep.totals.controls, 149, '131 controls and 18 enhancements');
    assert.equal(rep.controls.length, 149);
    assert.equal(rep.families.length, 18);
    assert.equal(rep.totals.covered, 0);
    assert.equal(rep.totals.not_covered, 149);
    assert.equal(rep.totals.counts, null);
    assert.ok(rep.controls.every((c) => !c.covered && c.counts === null && c.requirements.length === 0));
    assert.ok(rep.families.every((f) => f.counts === null && f.not_covered === f.controls));
    assert.equal(rep.families.reduce((n, f) => n + f.controls, 0), 149);
    assert.ok(control(rep, 'at-2.2').enhancement, 'AT-2(2) is an enhancement');
    assert.equal(control(rep, 'at-2.2').parent_id, lowItems['at-2']);
    // By uuid, the same answer.
    const byUuid = await ciso.get(`/api/v1/compliance/reference?catalog_id=${low.uuid}`);
    assert.equal(byUuid.status, 200, byUuid.text);
    assert.deepEqual(byUuid.json, rep);
  }));

  test('mapped controls show the figures of their requirements; a family counts each requirement once',
    guarded(async () => {
      // TEC-01 (an item applying to assets) to AC-2 and AC-3; HUM-01 (applying to every
      // unit) to AC-2 as well; the group HUM-A (HUM-01 … HUM-03) to AT-2.
      await map('TEC-01', 'ac-2', 'equivalent');
      await map('TEC-01', 'ac-3', 'partial');
      await map('HUM-01', 'ac-2', 'related');
      await map('HUM-A', 'at-2', 'partial');
      // A mapping to the PRIVACY baseline does not count against LOW.
      const priv = (await ciso.get(`/api/v1/catalogs/${privacy.id}/items?limit=2000`)).json.items
        .find((i) => i.kind === 'control');
      await map('OPS-01', priv.item_id, 'related', priv.id);

      const rep = await reference(ciso);
      assert.equal(rep.totals.covered, 3);
      assert.equal(rep.totals.not_covered, 146);
      assert.equal(rep.totals.requirements, 3, 'TEC-01, HUM-01 and HUM-A');
      const ac2 = control(rep, 'ac-2');
      assert.equal(ac2.covered, true);
      assert.deepEqual(ac2.requirements.map((q) => [q.code, q.relation]), [['TEC-01', 'equivalent'],
        ['HUM-01', 'related']]);
      assert.deepEqual(ac2.counts, await soaFigures(ciso, ['TEC-01', 'HUM-01']));
      assert.deepEqual(ac2.requirements[0].counts, await soaFigures(ciso, ['TEC-01']));
      assert.ok(ac2.counts.applicable > 0 && ac2.counts.rate !== null);
      assert.deepEqual(control(rep, 'ac-3').counts, await soaFigures(ciso, ['TEC-01']));
      const ac = family(rep, 'ac');
      assert.equal(ac.covered, 2);
      assert.equal(ac.not_covered, ac.controls - 2);
      assert.equal(ac.requirements, 2);
      assert.deepEqual(ac.counts, await soaFigures(ciso, ['TEC-01', 'HUM-01']), 'TEC-01 once, not twice');
      const at2 = control(rep, 'at-2');
      assert.deepEqual(at2.counts, await soaFigures(ciso, ['HUM-A']), 'a group stands for its items');
      assert.deepEqual(family(rep, 'at').counts, at2.counts);
      assert.equal(control(rep, 'ac-1').covered, false);
      assert.equal(control(rep, 'ac-1').counts, null);
      assert.equal(family(rep, 'pe').counts, null, 'no control of PE is covered');
      assert.deepEqual(rep.totals.counts, await soaFigures(ciso, ['TEC-01', 'HUM-01', 'HUM-A']));
      // The committee (the union) reads the same figures.
      assert.deepEqual(await reference(committee), rep);
    }));

  test('implementation records move the figures at once; a section manager sees only their section',
    guarded(async () => {
      // A new 3A system of 料金課 on LGWAN: TEC-01 applies to it, 未着手.
      const mineBefore = control(await reference(manager), 'ac-2').counts;
      const allBefore = control(await reference(ciso), 'ac-2').counts;
      const made = await manager.post('/api/v1/assets', {
        kind: 'system', name: '料金システム(参照カタログ試験)', owner_unit_id: unitIds['310'], segment: 'lgwan',
        format: 'electronic', c_class_id: classIds.C3A, i_class_id: classIds.I2, a_class_id: classIds.A2,
        class_reason: '試験', personal_data: true,
      });
      assert.equal(made.status, 201, made.text);
      const applying = (await manager.get(`/api/v1/assets/${made.json.id}/requirements`)).json.items;
      assert.ok(applying.some((q) => q.code === 'TEC-01'), 'account management applies to a system');
      const mineMid = control(await reference(manager), 'ac-2').counts;
      const allMid = control(await reference(ciso), 'ac-2').counts;
      for (const [before, mid] of [[mineBefore, mineMid], [allBefore, allMid]]) {
        assert.equal(mid.applicable, before.applicable + 1, 'the new system applies');
        assert.equal(mid.not_started, before.not_started + 1, '未着手');
      }

      const r = await manager.post('/api/v1/implementations', { requirement_id: reqByCode['TEC-01'].id,
        asset_id: made.json.id, status: 'implemented', note: '導入時に実施' });
      assert.equal(r.status, 201, r.text);
      const mine = await reference(manager);
      const all = await reference(ciso);
      for (const [mid, after] of [[mineMid, control(mine, 'ac-2').counts], [allMid, control(all, 'ac-2').counts]]) {
        assert.equal(after.applicable, mid.applicable);
        assert.equal(after.implemented, mid.implemented + 1, '実施済');
        assert.equal(after.not_started, mid.not_started - 1);
      }
      // The section manager's figures are 料金課's alone: the SoA of 料金課, and less than the union's.
      const unit = `?org_unit_id=${unitIds['310']}`;
      assert.deepEqual(control(mine, 'ac-2').counts, await soaFigures(manager, ['TEC-01', 'HUM-01'], unit));
      assert.deepEqual(control(mine, 'at-2').counts, await soaFigures(manager, ['HUM-A'], unit));
      assert.ok(control(mine, 'ac-2').counts.applicable < control(all, 'ac-2').counts.applicable);
      assert.equal(mine.org_unit_id, null);
      // The CISO asking for 料金課 gets the manager's figures; the manager may not ask for another unit.
      const cisoOn310 = await reference(ciso, `&org_unit_id=${unitIds['310']}`);
      assert.equal(cisoOn310.org_unit_id, unitIds['310']);
      assert.deepEqual(cisoOn310.controls, mine.controls);
      assert.deepEqual(cisoOn310.totals, mine.totals);
      assertError(await manager.get(`/api/v1/compliance/reference?catalog_id=${low.id}&org_unit_id=${unitIds['210']}`),
        403, 'forbidden');
      // A unit-level item: not applicable for 料金課 with a reason.
      const na = await manager.post('/api/v1/implementations', { requirement_id: reqByCode['HUM-01'].id,
        org_unit_id: unitIds['310'], status: 'not_applicable', reason: '試験のため' });
      assert.ok([201, 409].includes(na.status), na.text);
      const after = await reference(manager);
      assert.deepEqual(control(after, 'ac-2').counts, await soaFigures(manager, ['TEC-01', 'HUM-01'], unit));
      // The auditor (the union) reads what the CISO reads.
      assert.deepEqual((await reference(auditor)).totals, (await reference(ciso)).totals);
    }));

  test('maintained figures equal a recompute; an ended mapping leaves the control not covered', guarded(async () => {
    const kept = await reference(ciso);
    const computed = await reference(ciso, '&recompute=true');
    assert.equal(computed.recomputed, true);
    assert.deepEqual({ ...computed, recomputed: false }, kept);
    const mappings = (await ciso.get(`/api/v1/requirements/${reqByCode['TEC-01'].id}/mappings`)).json.items;
    const toAc3 = mappings.find((m) => m.control.item_id === 'ac-3');
    assert.equal((await ciso.delete(`/api/v1/requirement-mappings/${toAc3.id}`)).status, 204);
    const rep = await reference(ciso);
    assert.equal(control(rep, 'ac-3').covered, false);
    assert.equal(control(rep, 'ac-3').counts, null);
    assert.equal(family(rep, 'ac').covered, 1);
    assert.deepEqual(family(rep, 'ac').counts, control(rep, 'ac-2').counts, 'TEC-01 still counts through AC-2');
  }));

  test('who may, and input checked at the edge', guarded(async () => {
    assertError(await staff.get(`/api/v1/compliance/reference?catalog_id=${low.id}`), 403, 'forbidden');
    assertError(await manager.get(`/api/v1/compliance/reference?catalog_id=${low.id}&recompute=true`), 403,
      'forbidden');
    assertFieldError(await ciso.get('/api/v1/compliance/reference'), 'catalog_id');
    assertFieldError(await ciso.get('/api/v1/compliance/reference?catalog_id='), 'catalog_id');
    assertFieldError(await ciso.get('/api/v1/compliance/reference?catalog_id=NIST'), 'catalog_id');
    assertFieldError(await ciso.get('/api/v1/compliance/reference?catalog_id=-1'), 'catalog_id');
    assertFieldError(await ciso.get(`/api/v1/compliance/reference?catalog_id=${low.id}&org_unit_id=x`), 'org_unit_id');
    assertFieldError(await ciso.get(`/api/v1/compliance/reference?catalog_id=${low.id}&recompute=yes`), 'recompute');
    assertError(await ciso.get('/api/v1/compliance/reference?catalog_id=999999'), 404, 'not_found');
    assertError(await ciso.get('/api/v1/compliance/reference?catalog_id=01234567-89ab-4cde-8f01-23456789abcd'), 404,
      'not_found');
    assert.equal((await ciso.get(`/api/v1/compliance/reference?catalog_id=${low.uuid.toUpperCase()}`)).status, 200);
  }));

  test('mamori compliance reference: JSON as the API answers, and CSV', guarded(async () => {
    const api = await reference(manager);
    const json = await runCli(['compliance', 'reference', '--catalog', low.uuid, '--unit', '310', '--db', db]);
    assert.equal(json.code, 0, json.stderr);
    const cli = JSON.parse(json.stdout);
    assert.equal(cli.org_unit_id, unitIds['310']);
    assert.deepEqual(cli.controls, api.controls);
    assert.deepEqual(cli.families, api.families);
    assert.deepEqual(cli.totals, api.totals);
    const csv = await runCli(['compliance', 'reference', '--catalog', String(low.id), '--format', 'csv', '--db', db]);
    assert.equal(csv.code, 0, csv.stderr);
    const rows = csv.stdout.trimEnd().split('\r\n').map((l) => JSON.parse(`[${l}]`));
    assert.deepEqual(rows[0].slice(0, 8), ['level', 'family', 'control', 'title', 'enhancement', 'covered',
      'requirements', 'applicable']);
    assert.equal(rows.length, 1 + 1 + 18 + 149);
    const all = await reference(ciso);
    const at2 = rows.find((r) => r[0] === 'control' && r[2] === 'at-2');
    assert.equal(at2[5], 'yes');
    assert.equal(at2[6], 'HUM-A (partial)');
    assert.equal(Number(at2[7]), control(all, 'at-2').counts.applicable);
    assert.equal(Number(at2[13]).toFixed(4), control(all, 'at-2').counts.rate.toFixed(4));
    const ac1 = rows.find((r) => r[0] === 'control' && r[2] === 'ac-1');
    assert.deepEqual(ac1.slice(5), ['no', '', '', '', '', '', '', '', ''], 'not covered: no figures');
    const catalogRow = rows[1];
    assert.equal(catalogRow[0], 'catalog');
    assert.equal(catalogRow[5], `${all.totals.covered}/149`);
    assert.equal(Number(catalogRow[7]), all.totals.counts.applicable);
    const bad = await runCli(['compliance', 'reference', '--catalog', 'NIST', '--db', db]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--catalog/);
    const none = await runCli(['compliance', 'reference', '--catalog', '999999', '--db', db]);
    assert.equal(none.code, 1);
    const verify = await runCli(['compliance', 'verify', '--db', db]);
    assert.equal(verify.code, 0, `${verify.stdout}${verify.stderr}`);
  }));
});
