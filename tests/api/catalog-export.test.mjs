// mamori's standards catalog outward (issue 6, point 8): the OSCAL export (CLI and API),
// checked by mamori's own OSCAL reader through `mamori import catalog` — the same tree
// arrives as a reference catalog —, its uuid kept across exports, every export on record
// (第11条); mappings of requirements to the controls of an imported NIST baseline (add,
// validation at the edge, who may, ended not deleted) and the coverage they give.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startServer, freshStore, runCli, auditVerify, guarded, storeRows, tmpDir, repoRoot,
} from './lib/harness.mjs';
import { assertError, assertFieldError } from './lib/expect.mjs';

const LOW = path.join(repoRoot, 'tests/data/oscal/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json');
const token = (code) => {
  const t = code.toLowerCase().replace(/[^a-z0-9._-]/g, '-');
  return /^[a-z_]/.test(t) ? t : `m-${t}`;
};

let server, db, pw, ciso, staff, auditor, dir;
let requirements = [];
let low; // the LOW baseline as imported
const as = async (l) => { const c = server.client(); await c.login(l, pw[l]); return c; };

/** Every group and control of an OSCAL document, as {id, parentId, isGroup, node}. */
function flatten(doc) {
  const out = [];
  const walk = (node, parentId, isGroup) => {
    out.push({ id: node.id, parentId, isGroup, node });
    for (const g of node.groups ?? []) walk(g, node.id, true);
    for (const c of node.controls ?? []) walk(c, node.id, false);
  };
  for (const g of doc.catalog.groups ?? []) walk(g, null, true);
  for (const c of doc.catalog.controls ?? []) walk(c, null, false);
  return out;
}
const statementOf = (node) => node.parts?.find((p) => p.name === 'statement')?.prose ?? null;

before(async () => {
  db = await freshStore();
  dir = tmpDir('mamori-catexport-');
  const d = await runCli(['demo', '--db', db]);
  assert.equal(d.code, 0, d.stderr);
  pw = Object.fromEntries([...d.stdout.matchAll(/^(\w+)\s+(\S{16})\s/gm)].map((m) => [m[1], m[2]]));
  const imp = await runCli(['import', 'catalog', '--db', db, LOW]);
  assert.equal(imp.code, 0, imp.stderr);
  server = await startServer({ db, admin: { login: 'ciso', password: pw.ciso } });
  ciso = await server.adminClient();
  staff = await as('staff');
  auditor = await as('auditor');
  requirements = (await ciso.get('/api/v1/requirements?limit=500')).json.items;
  low = (await ciso.get('/api/v1/catalogs')).json.items.find((c) => /LOW/.test(c.title));
  assert.ok(low, 'the LOW baseline is imported');
});

after(async () => {
  if (server?.running) {
    await server.stop();
    const v = await auditVerify(db);
    assert.ok(v.ok, `${v.stdout}${v.stderr}`);
  }
});

describe('the OSCAL export', () => {
  let doc;
  test('GET /api/v1/requirements/export?format=oscal: a download shaped as NIST\'s files, audited', guarded(async () => {
    const before = (await storeRows(db, "SELECT COUNT(*) AS n FROM audit_event WHERE action = 'catalog.export'"))[0].n;
    const r = await staff.get('/api/v1/requirements/export?format=oscal');
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-disposition'), /attachment; filename="mamori-catalog-oscal\.json"/);
    doc = r.json;
    const c = doc.catalog;
    assert.deepEqual(Object.keys(c), ['uuid', 'metadata', 'groups']);
    assert.match(c.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(c.metadata['oscal-version'], '1.1.2');
    assert.ok(c.metadata.title && c.metadata['last-modified'] && c.metadata.version);
    assert.deepEqual(c.groups.map((g) => g.id),
      ['physical', 'human', 'technical', 'development', 'operational', 'network']);
    const after = await storeRows(db,
      "SELECT actor, object_id, detail FROM audit_event WHERE action = 'catalog.export' ORDER BY seq");
    assert.equal(after.length, Number(before) + 1);
    const last = after.at(-1);
    assert.equal(last.actor, 'staff');
    assert.equal(last.object_id, c.uuid);
    const detail = typeof last.detail === 'string' ? JSON.parse(last.detail) : last.detail;
    assert.equal(detail.format, 'oscal');
    assert.equal(detail.via, 'api');
  }));

  test('every active requirement is there, in the same tree, with its title and text', guarded(async () => {
    const nodes = flatten(doc);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    assert.equal(byId.size, nodes.length, 'ids are unique');
    const byReqId = new Map(requirements.map((q) => [q.id, q]));
    for (const q of requirements) {
      const n = byId.get(token(q.code));
      assert.ok(n, `${q.code} is exported`);
      assert.equal(n.node.title, q.title_ja);
      assert.equal(statementOf(n.node), q.text ?? null, `${q.code}: the statement is the text`);
      const parent = q.parent_id ? byReqId.get(q.parent_id) : null;
      assert.equal(n.parentId, parent ? token(parent.code) : q.measure_kind, `${q.code}: its parent`);
      assert.equal(n.node.class, q.children > 0 && !parent ? 'mamori-requirement-group' : 'mamori-requirement');
      const props = Object.fromEntries(n.node.props.map((p) => [p.name, p.value]));
      assert.equal(props.label, q.code);
      assert.equal(props['measure-kind'], q.measure_kind);
      assert.equal(props.scope, q.scope);
    }
    const controls = nodes.filter((n) => !n.isGroup || n.node.class === 'mamori-requirement-group');
    assert.equal(controls.length, requirements.length, 'nothing more than the requirements (and the kinds)');
    const phy01 = byId.get('phy-01').node;
    assert.ok(phy01.props.some((p) => p.name === 'threat' && p.value === 'T-H15'), 'threats as props');
    assert.ok(phy01.props.some((p) => p.name === 'law' && p.value === 'appi 第66条'), 'laws as props');
    assert.ok(phy01.props.some((p) => p.name === 'applies' && /system assets/.test(p.value)), 'applicability in words');
  }));

  test('a deactivated requirement is left out; the version grows with the edit', guarded(async () => {
    const made = await ciso.post('/api/v1/requirements', {
      code: 'OPS-X1', measure_kind: 'operational', scope: 'unit', title_ja: '書き出しの試験', text: '試験の本文。',
      parent_id: requirements.find((q) => q.code === 'OPS-A').id,
    });
    assert.equal(made.status, 201, made.text);
    const withIt = (await ciso.get('/api/v1/requirements/export?format=oscal')).json;
    assert.ok(flatten(withIt).some((n) => n.id === 'ops-x1' && n.parentId === 'ops-a'));
    const off = await ciso.request('PATCH', `/api/v1/requirements/${made.json.id}`,
      { body: { active: false }, headers: { 'If-Match': made.headers.get('etag') } });
    assert.equal(off.status, 200, off.text);
    const without = (await ciso.get('/api/v1/requirements/export?format=oscal')).json;
    assert.ok(!flatten(without).some((n) => n.id === 'ops-x1'));
    assert.ok(Number(without.catalog.metadata.version) > Number(doc.catalog.metadata.version));
    assert.equal(without.catalog.uuid, doc.catalog.uuid, 'the uuid is the same at every export');
  }));

  test('format is checked at the edge', guarded(async () => {
    assertFieldError(await ciso.get('/api/v1/requirements/export'), 'format');
    assertFieldError(await ciso.get('/api/v1/requirements/export?format=csv'), 'format');
  }));

  test('mamori export catalog: the same uuid; import gives back the same tree', guarded(async () => {
    const file = path.join(dir, 'mamori.json');
    const x = await runCli(['export', 'catalog', '--format', 'oscal', '--output', file, '--db', db]);
    assert.equal(x.code, 0, x.stderr);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(exported.catalog.uuid, doc.catalog.uuid);
    const toStdout = await runCli(['export', 'catalog', '--format', 'oscal', '--db', db]);
    assert.equal(toStdout.code, 0, toStdout.stderr);
    assert.equal(JSON.parse(toStdout.stdout).catalog.uuid, doc.catalog.uuid);
    const bad = await runCli(['export', 'catalog', '--format', 'xml', '--db', db]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /--format/);
    const cli = await storeRows(db, "SELECT actor FROM audit_event WHERE action = 'catalog.export' AND actor LIKE 'cli:%'");
    assert.equal(cli.length, 2, 'the CLI exports are on record');

    const imp = await runCli(['import', 'catalog', '--db', db, file]);
    assert.equal(imp.code, 0, imp.stderr);
    const cat = (await ciso.get('/api/v1/catalogs')).json.items.find((c) => c.uuid === doc.catalog.uuid);
    assert.ok(cat, 'imported as a reference catalog');
    const items = (await ciso.get(`/api/v1/catalogs/${cat.id}/items?limit=5000`)).json.items;
    const byRow = new Map(items.map((i) => [i.id, i]));
    const nodes = flatten(exported);
    assert.equal(items.length, nodes.length, 'every group and control arrives');
    for (const n of nodes) {
      const it = items.find((i) => i.item_id === n.id);
      assert.ok(it, `${n.id} arrives`);
      assert.equal(it.title, n.node.title);
      assert.equal(it.kind, n.isGroup ? 'group' : 'control');
      assert.equal(it.parent_id ? byRow.get(it.parent_id).item_id : null, n.parentId, `${n.id}: its parent`);
    }
    const q = requirements.find((x) => x.code === 'PHY-01');
    const one = (await ciso.get(`/api/v1/catalog-items/${items.find((i) => i.item_id === 'phy-01').id}`)).json;
    assert.equal(one.statement, q.text);
    assert.equal(one.label, 'PHY-01');
  }));
});

describe('mappings to a reference catalog', () => {
  let req, ac, ac2, au2, mapping;
  before(async () => {
    req = requirements.find((q) => q.code === 'TEC-01') ?? requirements.find((q) => q.children === 0);
    const items = (await ciso.get(`/api/v1/catalogs/${low.id}/items?limit=5000`)).json.items;
    ac = items.find((i) => i.item_id === 'ac');
    ac2 = items.find((i) => i.item_id === 'ac-2');
    au2 = items.find((i) => i.item_id === 'au-2');
    assert.ok(ac && ac2 && au2);
  });

  test('the CISO maps a requirement to AC-2; it shows on both sides', guarded(async () => {
    const r = await ciso.post(`/api/v1/requirements/${req.id}/mappings`,
      { catalog_item_id: ac2.id, relation: 'equivalent', note: 'アカウント管理' });
    assert.equal(r.status, 201, r.text);
    mapping = r.json;
    assert.match(r.headers.get('location'), new RegExp(`/api/v1/requirement-mappings/${mapping.id}$`));
    assert.equal(mapping.control.id, ac2.id);
    assert.equal(mapping.control.item_id, 'ac-2');
    assert.equal(mapping.catalog.id, low.id);
    assert.equal(mapping.relation, 'equivalent');
    assert.equal(mapping.note, 'アカウント管理');
    assert.equal(mapping.created_by.name !== undefined, true);
    const list = await auditor.get(`/api/v1/requirements/${req.id}/mappings`);
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.json.items.map((m) => m.id), [mapping.id]);
    const back = await auditor.get(`/api/v1/catalog-items/${ac2.id}/mappings`);
    assert.equal(back.status, 200, back.text);
    assert.deepEqual(back.json.items.map((m) => m.requirement.code), [req.code]);
    const ev = await storeRows(db, "SELECT actor, object_id FROM audit_event WHERE action = 'catalog.map'");
    assert.deepEqual(ev.map((e) => [e.actor, String(e.object_id)]), [['ciso', String(mapping.id)]]);
  }));

  test('refused at the edge, naming the field, and nothing changes', guarded(async () => {
    const count = async () => Number((await storeRows(db, 'SELECT COUNT(*) AS n FROM requirement_mapping'))[0].n);
    const n0 = await count();
    const post = (body) => ciso.post(`/api/v1/requirements/${req.id}/mappings`, body);
    assertFieldError(await post({ catalog_item_id: ac2.id, relation: 'partial' }), 'catalog_item_id'); // a duplicate
    assertFieldError(await post({ catalog_item_id: ac.id, relation: 'related' }), 'catalog_item_id'); // a group
    assertFieldError(await post({ catalog_item_id: 999999999, relation: 'related' }), 'catalog_item_id');
    assertFieldError(await post({ catalog_item_id: au2.id, relation: 'same' }), 'relation');
    assertFieldError(await post({ catalog_item_id: au2.id }), 'relation');
    assertFieldError(await post({ relation: 'related' }), 'catalog_item_id');
    assertFieldError(await post({ catalog_item_id: au2.id, relation: 'related', note: 'x'.repeat(2001) }), 'note');
    assertFieldError(await post({ catalog_item_id: au2.id, relation: 'related', extra: 1 }), 'extra');
    assertError(await ciso.post('/api/v1/requirements/999999999/mappings', { catalog_item_id: au2.id, relation: 'related' }),
      404, 'not_found');
    assert.equal(await count(), n0);
  }));

  test('who may: staff neither read nor write mappings; the auditor reads, does not write', guarded(async () => {
    assertError(await staff.get(`/api/v1/requirements/${req.id}/mappings`), 403, 'forbidden');
    assertError(await staff.post(`/api/v1/requirements/${req.id}/mappings`, { catalog_item_id: au2.id, relation: 'related' }),
      403, 'forbidden');
    assertError(await auditor.post(`/api/v1/requirements/${req.id}/mappings`, { catalog_item_id: au2.id, relation: 'related' }),
      403, 'forbidden');
    assertError(await auditor.delete(`/api/v1/requirement-mappings/${mapping.id}`), 403, 'forbidden');
    assertError(await staff.get(`/api/v1/catalogs/${low.id}/coverage`), 403, 'forbidden');
  }));

  test('coverage: every control with what maps to it, counted by family', guarded(async () => {
    const r2 = await ciso.post(`/api/v1/requirements/${req.id}/mappings`, { catalog_item_id: au2.id, relation: 'partial' });
    assert.equal(r2.status, 201, r2.text);
    const cov = await auditor.get(`/api/v1/catalogs/${low.id}/coverage`);
    assert.equal(cov.status, 200, cov.text);
    const c = cov.json;
    assert.equal(c.totals.controls, low.controls + low.enhancements);
    assert.equal(c.totals.covered, 2);
    assert.equal(c.totals.not_covered, c.totals.controls - 2);
    assert.equal(c.controls.length, c.totals.controls);
    const fam = Object.fromEntries(c.families.map((f) => [f.item_id, f]));
    assert.equal(fam.ac.covered, 1);
    assert.equal(fam.au.covered, 1);
    assert.equal(fam.ac.covered + fam.ac.not_covered, fam.ac.controls);
    assert.equal(c.families.reduce((s, f) => s + f.controls, 0), c.totals.controls);
    const ac2c = c.controls.find((x) => x.item_id === 'ac-2');
    assert.equal(ac2c.covered, true);
    assert.deepEqual(ac2c.requirements.map((q) => [q.code, q.relation]), [[req.code, 'equivalent']]);
    assert.deepEqual(c.missing, []);
    assertError(await auditor.get('/api/v1/catalogs/999999999/coverage'), 404, 'not_found');
  }));

  test('ending a mapping keeps it, with who ended it; ended twice is a conflict', guarded(async () => {
    const del = await ciso.delete(`/api/v1/requirement-mappings/${mapping.id}`);
    assert.equal(del.status, 204, del.text);
    assertError(await ciso.delete(`/api/v1/requirement-mappings/${mapping.id}`), 409, 'conflict');
    assertError(await ciso.delete('/api/v1/requirement-mappings/999999999'), 404, 'not_found');
    const open = (await ciso.get(`/api/v1/requirements/${req.id}/mappings`)).json.items;
    assert.ok(!open.some((m) => m.id === mapping.id));
    const all = (await ciso.get(`/api/v1/requirements/${req.id}/mappings?ended=true`)).json.items;
    const ended = all.find((m) => m.id === mapping.id);
    assert.ok(ended.ended_at && ended.ended_by.id);
    const ev = await storeRows(db, "SELECT actor FROM audit_event WHERE action = 'catalog.unmap'");
    assert.deepEqual(ev.map((e) => e.actor), ['ciso']);
    // Mapped again after the end: a new mapping.
    const again = await ciso.post(`/api/v1/requirements/${req.id}/mappings`, { catalog_item_id: ac2.id, relation: 'related' });
    assert.equal(again.status, 201, again.text);
    assert.notEqual(again.json.id, mapping.id);
  }));

  test('a mapping survives the catalog\'s replacement (by control id)', guarded(async () => {
    const rep = await runCli(['import', 'catalog', '--replace', '--db', db, LOW]);
    assert.equal(rep.code, 0, rep.stderr);
    const open = (await ciso.get(`/api/v1/requirements/${req.id}/mappings`)).json.items;
    assert.ok(open.some((m) => m.control.item_id === 'ac-2' && m.control.id !== null));
  }));
});

describe('the built-in mapping to NIST SP 800-53 (mamori catalog map-nist)', () => {
  test('maps into the one catalog named, can be run again, refuses a catalog that is not 800-53', guarded(async () => {
    const PRIVACY = LOW.replace('LOW', 'PRIVACY');
    const imp = await runCli(['import', 'catalog', '--db', db, PRIVACY]);
    assert.equal(imp.code, 0, imp.stderr);
    const privacy = (await ciso.get('/api/v1/catalogs')).json.items.find((c) => /PRIVACY/.test(c.title));
    const before = (await ciso.get(`/api/v1/catalogs/${privacy.id}/coverage`)).json.totals.covered;

    const r = await runCli(['catalog', 'map-nist', String(low.id), '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    const m = /(\d+) mapped, (\d+) mapped already, (\d+) controls not in this catalog/.exec(r.stdout);
    assert.ok(m, r.stdout);
    assert.ok(Number(m[1]) >= 40, `mapped: ${r.stdout}`);
    const cov = (await ciso.get(`/api/v1/catalogs/${low.id}/coverage`)).json;
    const who = (id) => cov.controls.find((x) => x.item_id === id).requirements.map((q) => q.code);
    assert.ok(who('pe-3').includes('PHY-01'));
    assert.ok(who('cp-9').includes('OPS-01'));
    assert.ok(who('si-2').includes('TEC-09'));
    assert.ok(who('ia-2.1').includes('TEC-04'));
    assert.equal((await ciso.get(`/api/v1/catalogs/${privacy.id}/coverage`)).json.totals.covered, before,
      'the other baseline (same control ids) is untouched');
    const maps = await storeRows(db, "SELECT COUNT(*) AS n FROM audit_event WHERE action = 'catalog.map' AND actor LIKE 'cli:%'");
    assert.equal(Number(maps[0].n), Number(m[1]), 'each mapping is on record');

    const again = await runCli(['catalog', 'map-nist', String(low.id), '--db', db]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /: 0 mapped, \d+ mapped already/);
    const mine = (await ciso.get('/api/v1/catalogs')).json.items.find((c) => !/NIST/.test(c.title));
    const refused = await runCli(['catalog', 'map-nist', String(mine.id), '--db', db]);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /not NIST SP 800-53/);
    assert.notEqual((await runCli(['catalog', 'map-nist', '999999', '--db', db])).code, 0);
  }));
});
