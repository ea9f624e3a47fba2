// Who may do what, as the UI works it out to decide what to offer — never as a
// guard: the server decides every request again. Without the DOM, so that it
// runs (and is tested) in Node too.
//
// - mayUse(): whether a set of permissions holds a page's permission (one code,
//   or a list of which any one will do).
// - holders(): the roles of the role → permission table (GET /api/v1/roles)
//   that hold a permission.
// - scopeUnits(): the units a person's roles carrying a permission cover (a role
//   held in a unit covers its sub-units).
// - grantableRoles(): the roles ranked below the highest role the person holds
//   with role.grant (DESIGN §2: one grants only roles below one's own).
// - assignmentState(): an assignment's state on a date.
// Exports mayUse(), holders(), scopeUnits(), grantableRoles(), assignmentState().

import { unitsWithin } from './people-data.js';

/** permission: undefined (anyone), a code, or a list of codes of which one suffices. */
export function mayUse(permission, granted) {
  if (!permission) return true;
  const any = Array.isArray(permission) ? permission : [permission];
  return any.some((p) => (granted ?? []).includes(p));
}

/** The roles (items of GET /api/v1/roles) holding any of the permissions, strongest first. */
export function holders(roles, permission) {
  const any = Array.isArray(permission) ? permission : [permission];
  return (roles ?? [])
    .filter((r) => (r.permissions ?? []).some((p) => any.includes(p)))
    .sort((a, b) => (b.rank ?? 0) - (a.rank ?? 0));
}

/**
 * The units of `units` inside the scope of the person's roles (session.person.roles)
 * that carry `permission` according to the role table `roles`.
 */
export function scopeUnits(personRoles, roles, units, permission) {
  const carrying = new Set(holders(roles, permission).map((r) => r.code));
  const held = (personRoles ?? []).filter((r) => carrying.has(r.role)).map((r) => r.org_unit_id);
  return held.length ? unitsWithin(units, held) : [];
}

/** The roles ranked below the highest of the person's roles that carry role.grant. */
export function grantableRoles(personRoles, roles) {
  const rank = new Map((roles ?? []).map((r) => [r.code, r.rank ?? 0]));
  const granting = new Set(holders(roles, 'role.grant').map((r) => r.code));
  const top = Math.max(0, ...(personRoles ?? []).filter((r) => granting.has(r.role)).map((r) => rank.get(r.role) ?? 0));
  return (roles ?? []).filter((r) => (r.rank ?? 0) < top).sort((a, b) => (b.rank ?? 0) - (a.rank ?? 0));
}

/**
 * 'revoked', 'ended', 'upcoming' or 'current' for an assignment
 * ({valid_from, valid_to, revoked_at, current}) on the date today ('YYYY-MM-DD').
 * The server's word (current, on its own date) wins over the UI's date.
 */
export function assignmentState(a, today) {
  if (a.revoked_at) return 'revoked';
  if (a.current === true) return 'current';
  if (a.valid_from && a.valid_from > today) return 'upcoming';
  if (a.current === false || (a.valid_to && a.valid_to < today)) return 'ended';
  return 'current';
}
