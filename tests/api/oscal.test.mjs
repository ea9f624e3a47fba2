// Reference catalogs from OSCAL (issue 6, point 8), with NIST's real files in
// tests/data/oscal: the LOW baseline brings in its 18 families and every control and
// enhancement (counted here from the file itself), the PRIVACY baseline imports beside it
// (the control ids they share live in separate catalogs); a re-import is refused and
// --replace replaces; malformed files are refused with the JSON path of the problem and
// the store unchanged; placeholders are kept in storage and shown by the parameter's
// label; the API lists, walks the tree, searches and shows one control.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startServer, freshStore, initStore, runCli, storeRows, auditHeadSeq, auditVerify, tmpDir, guarded, repoRoot,
} from './lib/harness.mjs';

const DATA = process.env.MAMORI_OSCAL_DATA || path.resolve(repoRoot, 'tests', 'data', 'oscal');
const LOW = path.join(DATA, 'NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json');
const PRIVACY = path.join(DATA, 'NIST_SP-800-53_rev5_PRIVACY-baseline-resolved-profile_catalog.json');

/** Groups, base controls and enhancements of a catalog file, counted from its JSON. */
function countFile(file) {
  const { catalog } = JSON.parse(fs.readFileSync(file, 'utf8'));
  const n = { groups: 0, controls: 0, enhancements: 0, ids: new Set() };
  const control = (c, inControl) => {
    n.ids.add(c.id);
    if (inControl) n.enhancements++; else n.controls++;
    for (const e of c.controls || []) control(e, true);
  };
  const group = (g) => {
    n.groups++;
    n.ids.add(g.id);
    for (const s of g.groups || []) group(s);
    for (const c of g.controls || []) control(c, false);
  };
  for (const g of catalog.groups || []) group(g);
  for (const c of catalog.controls || []) control(c, false);
  return { ...n, uuid: catalog.uuid, title: catalog.metadata.title };
}

const importCatalog = (db, file, ...flags) => runCli(['import', 'catalog', '--db', db, ...flags, file]);

/** What a refused import must leave as it was: the rows of the catalog tables and the audit head. */
async function storeState(db) {
  const [c] = await storeRows(db, 'SELECT count(*) AS n FROM reference_catalog');
  const [i] = await storeRows(db, 'SELECT count(*) AS n FROM reference_catalog_item');
  const [s] = await storeRows(db, "SELECT count(*) AS n FROM search_doc WHERE kind = 'catalogitem'");
  return { catalogs: Number(c.n), items: Number(i.n), indexed: Number(s.n), head: await auditHeadSeq(db) };
}

test('the LOW baseline imports its 18 families and every control and enhancement; PRIVACY imports beside it', guarded(async () => {
  const db = await freshStore();
  await initStore(db);
  const low = countFile(LOW);
  assert.equal(low.groups, 18, 'the LOW file has 18 families');
  const t0 = Date.now();
  const r = await importCatalog(db, LOW);
  const took = Date.now() - t0;
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`18 groups, ${low.controls} controls, ${low.enhancements} enhancements`));
  // The release build imports in well under a second; the sanitised one gets some slack.
  assert.ok(took < 10000, `import took ${took} ms`);
  const [cat] = await storeRows(db, 'SELECT * FROM reference_catalog');
  assert.equal(cat.uuid, low.uuid);
  assert.equal(cat.title, low.title);
  assert.equal(cat.oscal_version, '1.1.2');
  assert.equal(cat.source_name, path.basename(LOW));
  assert.match(cat.source_sha256, /^[0-9a-f]{64}$/);
  assert.deepEqual([Number(cat.n_groups), Number(cat.n_controls), Number(cat.n_enhancements)],
    [18, low.controls, low.enhancements]);
  const items = await storeRows(db, 'SELECT i.item_id, i.kind, p.kind AS parent_kind FROM reference_catalog_item i'
    + ' LEFT JOIN reference_catalog_item p ON p.id = i.parent_id');
  assert.deepEqual(new Set(items.map((i) => i.item_id)), low.ids, 'every group, control and enhancement arrived');
  assert.equal(items.filter((i) => i.kind === 'group').length, 18);
  assert.equal(items.filter((i) => i.kind === 'control' && i.parent_kind === 'group').length, low.controls);
  assert.equal(items.filter((i) => i.kind === 'control' && i.parent_kind === 'control').length, low.enhancements);
  const [audit] = await storeRows(db, "SELECT object_type, object_id, detail FROM audit_event WHERE action = 'catalog.import'");
  const detail = typeof audit.detail === 'string' ? JSON.parse(audit.detail) : audit.detail;
  assert.equal(audit.object_type, 'reference_catalog');
  assert.deepEqual([detail.uuid, detail.groups, detail.controls, detail.enhancements, detail.sha256],
    [low.uuid, 18, low.controls, low.enhancements, cat.source_sha256]);

  const privacy = countFile(PRIVACY);
  const shared = [...privacy.ids].filter((id) => low.ids.has(id));
  assert.ok(shared.length > 10, 'the two baselines share control ids');
  const p = await importCatalog(db, PRIVACY);
  assert.equal(p.code, 0, p.stderr);
  const perCatalog = await storeRows(db, 'SELECT c.uuid, count(*) AS n FROM reference_catalog_item i'
    + ' JOIN reference_catalog c ON c.id = i.catalog_id GROUP BY c.uuid');
  assert.deepEqual(Object.fromEntries(perCatalog.map((x) => [x.uuid, Number(x.n)])),
    { [low.uuid]: low.ids.size, [privacy.uuid]: privacy.ids.size });
  const twice = await storeRows(db, `SELECT count(*) AS n FROM reference_catalog_item WHERE item_id = '${shared[0]}'`);
  assert.equal(Number(twice[0].n), 2, `${shared[0]} is in both catalogs`);
  assert.ok((await auditVerify(db)).ok);
}));

test('a re-import is refused, changing nothing; --replace replaces the items in one transaction, audited', guarded(async () => {
  const db = await freshStore();
  await initStore(db);
  assert.equal((await importCatalog(db, PRIVACY)).code, 0);
  const [before] = await storeRows(db, 'SELECT id FROM reference_catalog');
  const state = await storeState(db);
  const again = await importCatalog(db, PRIVACY);
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, /was imported on .*--replace/);
  assert.deepEqual(await storeState(db), state);
  const rep = await importCatalog(db, PRIVACY, '--replace');
  assert.equal(rep.code, 0, rep.stderr);
  assert.match(rep.stdout, /replaced/);
  const [after] = await storeRows(db, 'SELECT id FROM reference_catalog');
  assert.equal(after.id, before.id, 'the catalog keeps its id');
  const now = await storeState(db);
  assert.deepEqual([now.catalogs, now.items, now.indexed], [state.catalogs, state.items, state.indexed]);
  const events = await storeRows(db, "SELECT detail FROM audit_event WHERE action = 'catalog.import' ORDER BY seq");
  assert.equal(events.length, 2);
  const d = typeof events[1].detail === 'string' ? JSON.parse(events[1].detail) : events[1].detail;
  assert.equal(d.replaced.items, state.items);
  assert.ok((await auditVerify(db)).ok);
}));

test('malformed files are refused with the JSON path of the problem, and nothing is written', guarded(async () => {
  const db = await freshStore();
  const admin = await initStore(db);
  assert.equal((await importCatalog(db, PRIVACY)).code, 0);
  const good = JSON.parse(fs.readFileSync(LOW, 'utf8'));
  const dir = tmpDir('mamori-oscal-');
  const cases = [
    ['not JSON', '{"catalog": {"uuid": ', /\$: not JSON/],
    ['missing uuid', (() => { const c = structuredClone(good); delete c.catalog.uuid; return c; })(),
      /\$\.catalog\.uuid: is required/],
    ['a control without id', (() => { const c = structuredClone(good); delete c.catalog.groups[3].controls[0].id; return c; })(),
      /\$\.catalog\.groups\[3\]\.controls\[0\]\.id: is required/],
    ['a param that is a number', (() => { const c = structuredClone(good); c.catalog.groups[0].controls[1].params[2] = 7; return c; })(),
      /\$\.catalog\.groups\[0\]\.controls\[1\]\.params\[2\]: expected an object/],
    ['groups not an array', (() => { const c = structuredClone(good); c.catalog.groups = { ac: good.catalog.groups[0] }; return c; })(),
      /\$\.catalog\.groups: expected an array/],
    ['a title that is not a string', (() => { const c = structuredClone(good); c.catalog.groups[17].controls[2].title = ['x']; return c; })(),
      /\$\.catalog\.groups\[17\]\.controls\[2\]\.title: expected a string/],
  ];
  const state = await storeState(db);
  for (const [name, content, want] of cases) {
    const file = path.join(dir, `${name.replace(/ /g, '-')}.json`);
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    const r = await importCatalog(db, file);
    assert.notEqual(r.code, 0, `${name}: refused`);
    assert.match(r.stderr, want, `${name}: ${r.stderr}`);
    assert.deepEqual(await storeState(db), state, `${name}: nothing written`);
  }
  // The same over the API: 422 with the path as the field.
  const server = await startServer({ db, admin });
  try {
    const c = await server.adminClient();
    const bad = structuredClone(good);
    delete bad.catalog.groups[3].controls[0].id;
    const r = await c.request('POST', '/api/v1/catalogs', { body: JSON.stringify(bad), contentType: 'application/json' });
    assert.equal(r.status, 422, r.text);
    assert.ok(r.json.error.fields.some((f) => f.field === '$.catalog.groups[3].controls[0].id' && /required/.test(f.message)),
      r.text);
    const head = await auditHeadSeq(db);
    const now = await storeState(db);
    assert.deepEqual([now.catalogs, now.items, now.indexed], [state.catalogs, state.items, state.indexed]);
    assert.ok(head >= state.head);
  } finally {
    await server.stop();
  }
}));

test('the API lists catalogs, walks the tree, searches, and shows a control with its parameters by label', guarded(async () => {
  const db = await freshStore();
  const admin = await initStore(db);
  assert.equal((await importCatalog(db, PRIVACY)).code, 0);
  const server = await startServer({ db, admin });
  try {
    const c = await server.adminClient();
    // Upload through the API: 201, then 409 without replace, 200 with it.
    const body = fs.readFileSync(LOW, 'utf8');
    const up = await c.request('POST', `/api/v1/catalogs?name=${encodeURIComponent(path.basename(LOW))}`,
      { body, contentType: 'application/json' });
    assert.equal(up.status, 201, up.text);
    assert.equal(up.json.groups, 18);
    assert.equal(up.headers.get('location'), `/api/v1/catalogs/${up.json.id}`);
    const dup = await c.request('POST', '/api/v1/catalogs', { body, contentType: 'application/json' });
    assert.equal(dup.status, 409, dup.text);
    const rep = await c.request('POST', '/api/v1/catalogs?replace=true', { body, contentType: 'application/json' });
    assert.equal(rep.status, 200, rep.text);
    assert.equal(rep.json.id, up.json.id);

    const list = await c.get('/api/v1/catalogs');
    assert.equal(list.status, 200);
    assert.equal(list.json.items.length, 2);
    const low = countFile(LOW);
    const lowCat = list.json.items.find((x) => x.uuid === low.uuid);
    assert.deepEqual([lowCat.groups, lowCat.controls, lowCat.enhancements], [18, low.controls, low.enhancements]);

    const top = await c.get(`/api/v1/catalogs/${lowCat.id}/items?parent=0`);
    assert.equal(top.status, 200, top.text);
    assert.equal(top.json.items.length, 18);
    assert.ok(top.json.items.every((i) => i.kind === 'group'));
    const ac = top.json.items.find((i) => i.item_id === 'ac');
    const acControls = await c.get(`/api/v1/catalogs/${lowCat.id}/items?parent=${ac.id}`);
    assert.ok(acControls.json.items.some((i) => i.item_id === 'ac-2' && i.label === 'AC-2'));
    const all = await c.get(`/api/v1/catalogs/${lowCat.id}/items`);
    assert.equal(all.json.items.length, low.ids.size);
    assert.equal(all.json.items.filter((i) => i.enhancement).length, low.enhancements);
    const page = await c.get(`/api/v1/catalogs/${lowCat.id}/items?limit=100`);
    assert.equal(page.json.items.length, 100);
    const rest = await c.get(`/api/v1/catalogs/${lowCat.id}/items?cursor=${page.json.next_cursor}`);
    assert.equal(page.json.items.length + rest.json.items.length, low.ids.size);
    assert.equal((await c.get(`/api/v1/catalogs/${lowCat.id}/items?parent=abc`)).status, 422);

    const found = await c.get(`/api/v1/catalogs/${lowCat.id}/items?q=${encodeURIComponent('account management')}`);
    assert.equal(found.status, 200, found.text);
    assert.ok(found.json.items.some((i) => i.item_id === 'ac-2'), found.text);

    const ac2 = acControls.json.items.find((i) => i.item_id === 'ac-2');
    const one = await c.get(`/api/v1/catalog-items/${ac2.id}`);
    assert.equal(one.status, 200, one.text);
    assert.equal(one.json.title, 'Account Management');
    // Kept in storage with the placeholder, shown with the parameter's label.
    assert.match(one.json.statement, /Require \{\{ insert: param, ac-02_odp\.01 \}\} for group and role membership/);
    assert.match(one.json.statement_display, /Require \[Assignment: prerequisites and criteria\] for group and role membership/);
    const [stored] = await storeRows(db, `SELECT parts FROM reference_catalog_item WHERE id = ${ac2.id}`);
    assert.match(stored.parts, /\{\{ insert: param, ac-02_odp\.01 \}\}/);
    assert.ok(one.json.params.some((p) => p.id === 'ac-02_odp.01' && p.label === 'prerequisites and criteria'));
    assert.ok(one.json.links.length > 0);
    assert.match(one.json.guidance, /account types/);
    assert.equal(one.json.parent.item_id, 'ac');
    assert.equal(one.json.catalog.uuid, low.uuid);
    // The parts are kept exactly as in the file.
    const fileAc2 = JSON.parse(body).catalog.groups.find((g) => g.id === 'ac').controls.find((x) => x.id === 'ac-2');
    assert.deepEqual(one.json.parts, fileAc2.parts);
    assert.deepEqual(one.json.params, fileAc2.params);
    assert.deepEqual(one.json.children.map((x) => x.item_id), (fileAc2.controls || []).map((x) => x.id));
    // Its related controls, resolved within the same catalog (those the baseline holds).
    const related = fileAc2.links.filter((l) => l.rel === 'related').map((l) => l.href.slice(1)).filter((x) => low.ids.has(x));
    assert.ok(related.length > 3);
    assert.deepEqual(one.json.related.map((x) => x.item_id).sort(), related.sort());
    assert.ok(one.json.related.every((x) => x.catalog_id === lowCat.id));
    assert.equal((await c.get('/api/v1/catalog-items/999999999')).status, 404);
    assert.equal((await c.get('/api/v1/catalogs/999999999/items')).status, 404);
  } finally {
    await server.stop();
  }
}));
