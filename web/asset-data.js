// The ledger's vocabulary, without the DOM (so that it runs in Node's tests too): the
// kinds of asset (第2条), the network segments (三層の対策), the formats, the relation
// kinds and which kinds each joins, and the units where a person may register assets
// (a 'unit' grant of asset.write: a system manager's grant is only for what they
// manage, GET /api/v1/roles managed_permissions).
// Exports KINDS, SEGMENTS, FORMATS, RELATION_KINDS, relationTargets(), writableUnits().

import { unitsWithin } from './people-data.js';

export const KINDS = ['information', 'system', 'network', 'medium', 'document', 'equipment'];
export const SEGMENTS = ['mynumber', 'lgwan', 'internet', 'standalone', 'other'];
export const FORMATS = ['electronic', 'paper'];

// kind → [the kinds it may hold-from, the kinds it may be held by] (asset_rules.c).
export const RELATION_KINDS = {
  stored_in: { from: ['information'], to: ['system'] },
  runs_on: { from: ['system', 'equipment'], to: ['network'] },
  held_on: { from: ['information'], to: ['medium', 'document', 'equipment'] },
};

/** The relation kinds an asset of `kind` may use, each with the kinds of its containers. */
export function relationTargets(kind) {
  return Object.entries(RELATION_KINDS).filter(([, k]) => k.from.includes(kind)).map(([name, k]) => ({ kind: name, to: k.to }));
}

/** The units of `units` where the person's roles grant asset.write in units (not 'managed'). */
export function writableUnits(personRoles, roles, units) {
  const carrying = new Set((roles ?? [])
    .filter((r) => (r.permissions ?? []).includes('asset.write') && !(r.managed_permissions ?? []).includes('asset.write'))
    .map((r) => r.code));
  const held = (personRoles ?? []).filter((r) => carrying.has(r.role)).map((r) => r.org_unit_id);
  return held.length ? unitsWithin(units, held) : [];
}
