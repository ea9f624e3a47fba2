// The authorization matrix (DESIGN §6, first invariant): for every route × every
// caller, a hand-written expected status, with objects inside and outside the caller's
// scope. The table below IS the specification: it is written from the rules, not
// copied from the server, so when the server disagrees the test fails.
//
// The rules it encodes today:
//   - /healthz, /readyz, /api/v1/openapi.json, GET and POST /api/v1/session: public.
//   - Every other route needs a session: 401 unauthenticated without one.
//   - audit_event.read (ciso, security_director): read the trail, start a verification
//     or an export; anyone else logged in gets 403 forbidden.
//   - person.manage (ciso, security_director): import the staff list; others 403.
//   - org.manage (ciso, security_director): plan reorganisations and correct unit names.
//     Plans are read with person.read: planners see every plan, others only the scheduled
//     and applied plans that touch their units (a draft is the planners' own: 404).
//   - The classification scheme (第9条) is read by everyone logged in; classification.manage
//     (the CISO alone) edits classes and changes the preset.
//   - The asset ledger: asset.read / asset.write in units, or on what a system manager
//     manages; the highest confidentiality classes need-to-know (404, on record) — see the
//     rows below.
//   - Reference catalogs (OSCAL): reference_catalog.read (not system managers, operators,
//     staff) reads them; reference_catalog.manage (ciso, security_director) imports one.
//   - Procedures (実施手順, 第7条, 第11条): every role reads those in force (procedure.read;
//     each read recorded); a draft is known only to the owner unit's keepers (procedure.manage
//     there: the CISO, 統括, the department and section heads above it) — anyone else 404, on
//     record. A keeper of another unit revising one they can see: 403, recorded with reason
//     procedure_keeper. The Markdown preview: procedure.manage.
//   - A job is visible to who started it and to holders of job.read_all (ciso); to
//     anyone else it does not exist: 404 not_found, as for a job that does not exist.
//   - The router authenticates, then checks CSRF, then the permission (DESIGN §6): an
//     unsafe request without the X-CSRF-Token is 403 csrf_failed for everyone logged in,
//     whatever their permissions.
//   - Every refusal of a logged-in caller (403, for a missing permission or a missing
//     CSRF token) leaves one access.denied event; a 404 for someone else's job does not.
//   - A session that owes its second factor (the password only, of a role that requires
//     MFA) may finish the login and nothing else: 401 mfa_required, recorded, before the
//     CSRF check and the permission.
//
// The test also reads GET /api/v1/openapi.json (built from the route table) and fails
// when a route there has no row here, or a row here names a route that does not exist:
// a new route cannot be added without its expectations. (The UI's static files, GET /*,
// are not an API route and are not in the OpenAPI document.)

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  auditVerify, freshStore, guarded, runCli, sleep, startServer, storeRows, storeSql, tmpDir,
} from './lib/harness.mjs';

// ---------------------------------------------------------------------------
// Callers: nobody, and one person per role of the demo store (`mamori demo`).

/** Caller → the role the demo store gives that login (anonymous: no session at all). */
const CALLERS = {
  anonymous: null,
  ciso: 'ciso',
  director: 'security_director',
  officer: 'security_officer',
  manager: 'security_manager',
  sysadmin: 'system_manager',
  operator: 'system_operator',
  auditor: 'auditor',
  committee: 'committee',
  csirt: 'csirt',
  staff: 'staff',
  contractor: 'staff', // a staff role, person category contractor
  // A person who has left (第4条2): made with `mamori user add`, logged in, then
  // deactivated while holding the session; every request carries the old cookie and
  // CSRF token. Public routes answer as for anyone, everything else 401, their own
  // login 401 invalid_credentials exactly as a wrong password, and no access.denied.
  left: 'staff',
  // A 統括 (security_director, in the union) made with `mamori user add`, who has only
  // given the password: the role requires a second factor, not yet set up. Every route
  // but the login's own answers 401 mfa_required, and each refusal is recorded.
  pending: 'security_director',
};
const CALLER_NAMES = Object.keys(CALLERS);

// ---------------------------------------------------------------------------
// The objects the job routes are tried on (made in the setup below).

const OBJECTS = {
  "the CISO's export": null,        // POST /api/v1/audit-exports by ciso, succeeded, has a file
  "the director's export": null,    // POST /api/v1/audit-exports by director, succeeded, has a file
  "the CISO's failed job": 9101,    // an audit.verify by ciso whose server died (failed)
  "the director's failed job": 9102, // an audit.verify by director whose server died (failed)
  'no such job': 999999999,         // never existed: the same 404 as someone else's job
  // People (GET /api/v1/persons/{id}): ids filled in at setup from the demo's logins.
  'the manager, in 料金課 (水道局)': null,
  'the system manager, in 通信指令課 (消防本部)': null,
  'no such person': 999999999,
  // Role assignments (DELETE /api/v1/role-assignments/{id}): the CISO's own, made by init.
  "the CISO's own role": 1,
  'no such role assignment': 999999999,
  'no such token': 999999999,       // tokens are each person's own: any other id is a 404
  'the demo related body': 1,
  'the demo contractor': 1,
  // Units (GET/PATCH /api/v1/org-units/{id}): 料金課's id, filled in at setup.
  'the unit 料金課': null,
  'no such unit': 999999999,
  // Reorganisations: the demo's scheduled plan (next April 1st: 料金課 and 工務課 merge
  // into a new 業務課 under 水道局), and a draft made at setup by the CISO that renames
  // 料金課 (touching the manager's unit, which a draft does not show them).
  'the demo plan (scheduled)': 1,
  'a draft plan': null,
  'no such plan': 999999999,
  // Classes of the scheme (PATCH /api/v1/classification/classes/{id}): R6.10's 3A, filled in at setup.
  'the class 自治体機密性3A': null,
  'no such class': 999999999,
  // Assets, made at setup by the CISO: 料金課's 3A customer data and a C2 paper file, the
  // dispatch system of 通信指令課 managed by the system manager, and a relation of 料金課
  // (the customer data held on a USB medium) that has ended.
  'the 3A customer data of 料金課': null,
  'a C2 paper file of 料金課': null,
  'the 119 dispatch system (C3B, managed by the system manager)': null,
  'no such asset': 999999999,
  'an ended relation of 料金課': null,
  'no such relation': 999999999,
  // The catalog (made by migration 0018): PHY-01, the threat 地震, the law 地方公務員法; filled in at setup.
  'a requirement of the catalog': null,
  'no such requirement': 999999999,
  'a threat of the catalog': null,
  'a law of the register': null,
  // A reference catalog (OSCAL) imported at setup with the CLI: one group, one control
  // with one enhancement.
  'the imported catalog': null,
  'no such catalog': 999999999,
  // Procedures: the demo's サーバ室入退室の手順 of 総務課 (in force), and a draft of 料金課 made
  // at setup by the CISO.
  'a procedure in force of 総務課': null,
  'a draft procedure of 料金課': null,
  'no such procedure': 999999999,
  'a control of the imported catalog': null,
  'no such catalog item': 999999999,
  // A mapping of PHY-01 to the imported control, made and ended by the CISO at setup.
  'an ended mapping': null,
  'no such mapping': 999999999,
  // Implementation records, made at setup by the CISO: one of the 3A customer data (as the
  // asset: need-to-know) and one of a unit-level requirement for 料金課 (asset.read there).
  'an implementation of the 3A customer data of 料金課': null,
  'a unit record of 料金課': null,
  'no such implementation': 999999999,
  'a risk of the 3A customer data of 料金課': null,
  'no such risk': 999999999,
  // An evidence file of that record (uploaded at setup by the CISO).
  'an evidence file of the 3A customer data': null,
  'no such file': 999999999,
};
let matrixGroupItem = null; // the imported catalog's group (mx): a mapping to it is refused (422)

// ---------------------------------------------------------------------------
// THE TABLE. Per route (method + OpenAPI path), per caller, the status expected; for
// routes on a job, per object. Numbers mean the status with its usual error code
// (401 unauthenticated, 403 forbidden, 404 not_found); '403 csrf_failed' is spelt out.
// Unsafe requests carry the caller's correct CSRF token (the session's, or before
// login the double-submitted pre-login one), so this table checks authorization only.

const EXPECT = {
  'GET /healthz': {
    anonymous: 200, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 200, pending: 200,
  },
  'GET /readyz': {
    anonymous: 200, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 200, pending: 200,
  },
  'GET /api/v1/openapi.json': {
    anonymous: 200, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 200, pending: 200,
  },
  'GET /api/v1/session': {
    anonymous: 200, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 200, pending: 200,
  },
  // Each caller logs in with its own login and password (anonymous: the staff member's).
  'POST /api/v1/session': {
    anonymous: 200, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: '401 invalid_credentials', pending: 200,
  },
  'DELETE /api/v1/session': {
    anonymous: 401, ciso: 204, director: 204, officer: 204, manager: 204, sysadmin: 204,
    operator: 204, auditor: 204, committee: 204, csirt: 204, staff: 204, contractor: 204, left: 401, pending: 204,
  },
  'GET /api/v1/audit-events': {
    anonymous: 401, ciso: 200, director: 200, officer: 403, manager: 403, sysadmin: 403,
    operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/audit-verifications': {
    anonymous: 401, ciso: 202, director: 202, officer: 403, manager: 403, sysadmin: 403,
    operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/audit-exports': {
    anonymous: 401, ciso: 202, director: 202, officer: 403, manager: 403, sysadmin: 403,
    operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  // The ledger as a file: anyone who reads the ledger (the job exports what they see).
  'POST /api/v1/asset-exports': {
    anonymous: 401, ciso: 202, director: 202, officer: 202, manager: 202, sysadmin: 202,
    operator: 202, auditor: 202, committee: 403, csirt: 202, staff: 202, contractor: 202, left: 401, pending: '401 mfa_required',
  },
  // A dry run of a staff list (nothing is written).
  // person.manage: the CISO and 統括 everywhere, department and section heads in their
  // units (the job checks each row's unit against the importer's).
  'POST /api/v1/person-imports': {
    anonymous: 401, ciso: 202, director: 202, officer: 202, manager: 202, sysadmin: 403,
    operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  // A dry run of a ledger import (nothing is written). asset.write: the CISO, 統括, 責任者
  // and 管理者 in their units, システム管理者 on what they manage (the job checks each
  // row's unit and asset against the importer's rights).
  'POST /api/v1/asset-imports': {
    anonymous: 401, ciso: 202, director: 202, officer: 202, manager: 202, sysadmin: 202,
    operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  // Units: every logged-in person sees the organisation chart.
  'GET /api/v1/org-units': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 401, pending: '401 mfa_required',
  },
  // One unit with its history: the chart is everyone's.
  'GET /api/v1/org-units/{id}': {
    'the unit 料金課': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
      operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 401, pending: '401 mfa_required',
    },
    'no such unit': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 404,
      operator: 404, auditor: 404, committee: 404, csirt: 404, staff: 404, contractor: 404, left: 401, pending: '401 mfa_required',
    },
  },
  // Correcting a name: org.manage; sent against a stale version, so nothing changes.
  'PATCH /api/v1/org-units/{id}': {
    'the unit 料金課': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed', officer: 403,
      manager: 403, sysadmin: 403, operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403,
      contractor: 403, left: 401, pending: '401 mfa_required',
    },
  },
  // Reorganisations: read with person.read (what each sees is per plan, below).
  'GET /api/v1/reorganisations': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 403, auditor: 200, committee: 403, csirt: 200, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/reorganisations': {
    anonymous: 401, ciso: 201, director: 201, officer: 403, manager: 403, sysadmin: 403,
    operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  // The scheduled plan touches 水道局, 料金課 and 工務課: the officer (水道局) and the
  // manager (料金課) see it, the system manager (通信指令課) does not (404, recorded);
  // the draft is the planners' only.
  'GET /api/v1/reorganisations/{id}': {
    'the demo plan (scheduled)': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 404,
      operator: 403, auditor: 200, committee: 403, csirt: 200, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
    },
    'a draft plan': {
      anonymous: 401, ciso: 200, director: 200, officer: 404, manager: 404, sysadmin: 404,
      operator: 403, auditor: 404, committee: 403, csirt: 404, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
    },
    'no such plan': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 404,
      operator: 403, auditor: 404, committee: 403, csirt: 404, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
    },
  },
  // Changes and actions: org.manage, sent against a stale version, so nothing changes.
  'PATCH /api/v1/reorganisations/{id}': {
    'a draft plan': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed', officer: 403,
      manager: 403, sysadmin: 403, operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403,
      contractor: 403, left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/reorganisations/{id}/schedule': {
    'a draft plan': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed', officer: 403,
      manager: 403, sysadmin: 403, operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403,
      contractor: 403, left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/reorganisations/{id}/unschedule': {
    'the demo plan (scheduled)': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed', officer: 403,
      manager: 403, sysadmin: 403, operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403,
      contractor: 403, left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/reorganisations/{id}/cancel': {
    'the demo plan (scheduled)': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed', officer: 403,
      manager: 403, sysadmin: 403, operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403,
      contractor: 403, left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/reorganisations/{id}/apply': {
    'the demo plan (scheduled)': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed', officer: 403,
      manager: 403, sysadmin: 403, operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403,
      contractor: 403, left: 401, pending: '401 mfa_required',
    },
  },
  // People: person.read, each within their units (what they see in the list is
  // checked in people.test.mjs; here, who may ask at all).
  'GET /api/v1/persons': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 403, auditor: 200, committee: 403, csirt: 200, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  // One person: inside the caller's units 200; outside them 404, as if they did not
  // exist (recorded as access.denied need_to_know); without person.read 403.
  'GET /api/v1/persons/{id}': {
    'the manager, in 料金課 (水道局)': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 404,
      operator: 403, auditor: 200, committee: 403, csirt: 200, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
    },
    'the system manager, in 通信指令課 (消防本部)': {
      anonymous: 401, ciso: 200, director: 200, officer: 404, manager: 404, sysadmin: 200,
      operator: 403, auditor: 200, committee: 403, csirt: 200, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
    },
    'no such person': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 404,
      operator: 403, auditor: 404, committee: 403, csirt: 404, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
    },
  },
  // Adding someone to 料金課: person.manage where the caller's units cover it.
  'POST /api/v1/persons': {
    anonymous: 401, ciso: 201, director: 201, officer: 201, manager: 201, sysadmin: 403,
    operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  // Changes are sent against a stale version, so nothing changes: 412 for those who may
  // change the person, 404 for managers of other units, 403 without person.manage.
  'PATCH /api/v1/persons/{id}': {
    'the manager, in 料金課 (水道局)': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed',
      officer: '412 precondition_failed', manager: '412 precondition_failed', sysadmin: 403,
      operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
    },
    'the system manager, in 通信指令課 (消防本部)': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed', officer: 404,
      manager: 404, sysadmin: 403, operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403,
      contractor: 403, left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/persons/{id}/deactivate': {
    'the manager, in 料金課 (水道局)': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed',
      officer: '412 precondition_failed', manager: '412 precondition_failed', sysadmin: 403,
      operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
    },
  },
  // Everyone logged in manages their own API tokens (and nobody else's).
  'GET /api/v1/tokens': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/tokens': {
    anonymous: 401, ciso: 201, director: 201, officer: 201, manager: 201, sysadmin: 201,
    operator: 201, auditor: 201, committee: 201, csirt: 201, staff: 201, contractor: 201, left: 401, pending: '401 mfa_required',
  },
  'DELETE /api/v1/tokens/{id}': {
    'no such token': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 404,
      operator: 404, auditor: 404, committee: 404, csirt: 404, staff: 404, contractor: 404, left: 401, pending: '401 mfa_required',
    },
  },
  // The catalog (対策基準, threats, laws; 第6条, 第13条): not public (第11条), but everyone
  // must follow it, so every role reads it (catalog.read); the CISO and 統括 keep it
  // (catalog.manage). Changes are sent against a stale version, so nothing changes.
  'GET /api/v1/threats': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/threats': {
    anonymous: 401, ciso: 201, director: 201, officer: 403, manager: 403, sysadmin: 403,
    operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  'GET /api/v1/threats/{id}': {
    'a threat of the catalog': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 401, pending: '401 mfa_required',
    },
  },
  'PATCH /api/v1/threats/{id}': {
    'a threat of the catalog': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed', officer: 403,
      manager: 403, sysadmin: 403, operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403,
      contractor: 403, left: 401, pending: '401 mfa_required',
    },
  },
  'GET /api/v1/requirements': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/requirements': {
    anonymous: 401, ciso: 201, director: 201, officer: 403, manager: 403, sysadmin: 403,
    operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  'GET /api/v1/requirements/{id}': {
    'a requirement of the catalog': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 401, pending: '401 mfa_required',
    },
  },
  'PATCH /api/v1/requirements/{id}': {
    'a requirement of the catalog': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed', officer: 403,
      manager: 403, sysadmin: 403, operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403,
      contractor: 403, left: 401, pending: '401 mfa_required',
    },
  },
  // Procedures: read by every role (in force), written by procedure.manage in the owner unit.
  'GET /api/v1/procedures': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 401, pending: '401 mfa_required',
  },
  // Written for 料金課: its keepers (the department head of 水道局 and 料金課's head too).
  'POST /api/v1/procedures': {
    anonymous: 401, ciso: 201, director: 201, officer: 201, manager: 201, sysadmin: 403,
    operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  'GET /api/v1/procedures/{id}': {
    'a procedure in force of 総務課': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
      operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 401, pending: '401 mfa_required',
    },
    'a draft procedure of 料金課': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 404,
      operator: 404, auditor: 404, committee: 404, csirt: 404, staff: 404, contractor: 404,
      left: 401, pending: '401 mfa_required',
    },
    'no such procedure': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 404,
      operator: 404, auditor: 404, committee: 404, csirt: 404, staff: 404, contractor: 404,
      left: 401, pending: '401 mfa_required',
    },
  },
  // Revised against a stale version, so nothing changes.
  'PATCH /api/v1/procedures/{id}': {
    'a procedure in force of 総務課': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed', officer: 403,
      manager: 403, sysadmin: 403, operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403,
      contractor: 403, left: 401, pending: '401 mfa_required',
    },
    'a draft procedure of 料金課': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed',
      officer: '412 precondition_failed', manager: '412 precondition_failed', sysadmin: 403, operator: 403,
      auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
    },
    'no such procedure': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 403,
      operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/markdown/preview': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 403,
    operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  'GET /api/v1/laws': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/laws': {
    anonymous: 401, ciso: 201, director: 201, officer: 403, manager: 403, sysadmin: 403,
    operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  'GET /api/v1/laws/{id}': {
    'a law of the register': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 401, pending: '401 mfa_required',
    },
  },
  'PATCH /api/v1/laws/{id}': {
    'a law of the register': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed', officer: 403,
      manager: 403, sysadmin: 403, operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403,
      contractor: 403, left: 401, pending: '401 mfa_required',
    },
  },
  // What applies to an asset: as the asset itself (asset.read, need-to-know: 404 on record).
  'GET /api/v1/assets/{id}/requirements': {
    'the 3A customer data of 料金課': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 404,
      operator: 404, auditor: 200, committee: 403, csirt: 404, staff: 404, contractor: 404,
      left: 401, pending: '401 mfa_required',
    },
    'the 119 dispatch system (C3B, managed by the system manager)': {
      anonymous: 401, ciso: 200, director: 200, officer: 404, manager: 404, sysadmin: 200,
      operator: 404, auditor: 200, committee: 403, csirt: 404, staff: 404, contractor: 404,
      left: 401, pending: '401 mfa_required',
    },
  },
  // Implementation records (issue 6): read with asset.read through the ledger's
  // need-to-know (an asset's record as the asset, 404 on record; a unit's for asset.read
  // in the unit — the system manager's asset.read is on what they manage only);
  // implementation.write (the CISO, 統括, 責任者, 管理者) records them in one's units.
  // The risk register (issue 6 point 5): read as the asset is (asset.read, need-to-know:
  // a risk of a 3A asset is 404 on record to who may not see the asset), written with
  // implementation.write in the asset's owner unit. POST is sent with a likelihood off
  // the matrix, so it is refused at the edge (422) and nothing is made.
  'GET /api/v1/risks': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 403, csirt: 200, staff: 200, contractor: 200, left: 401, pending: '401 mfa_required',
  },
  'GET /api/v1/risks/heatmap': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 403, csirt: 200, staff: 200, contractor: 200, left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/risks': {
    anonymous: 401, ciso: '422 validation_failed', director: '422 validation_failed',
    officer: '422 validation_failed', manager: '422 validation_failed', sysadmin: 403,
    operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  'GET /api/v1/risks/{id}': {
    'a risk of the 3A customer data of 料金課': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 404,
      operator: 404, auditor: 200, committee: 403, csirt: 404, staff: 404, contractor: 404,
      left: 401, pending: '401 mfa_required',
    },
    'no such risk': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 404,
      operator: 404, auditor: 404, committee: 403, csirt: 404, staff: 404, contractor: 404,
      left: 401, pending: '401 mfa_required',
    },
  },
  // Sent against a stale version, so nothing changes.
  'PATCH /api/v1/risks/{id}': {
    'a risk of the 3A customer data of 料金課': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed',
      officer: '412 precondition_failed', manager: '412 precondition_failed', sysadmin: 403,
      operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
    'no such risk': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 403,
      operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
  },
  'GET /api/v1/implementations': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 403, csirt: 200, staff: 200, contractor: 200, left: 401, pending: '401 mfa_required',
  },
  // Each caller records a different unit-level requirement for 料金課 (in all their units).
  'POST /api/v1/implementations': {
    anonymous: 401, ciso: 201, director: 201, officer: 201, manager: 201, sysadmin: 403,
    operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  'GET /api/v1/implementations/{id}': {
    'an implementation of the 3A customer data of 料金課': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 404,
      operator: 404, auditor: 200, committee: 403, csirt: 404, staff: 404, contractor: 404,
      left: 401, pending: '401 mfa_required',
    },
    'a unit record of 料金課': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 404,
      operator: 404, auditor: 200, committee: 403, csirt: 200, staff: 404, contractor: 200,
      left: 401, pending: '401 mfa_required',
    },
    'no such implementation': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 404,
      operator: 404, auditor: 404, committee: 403, csirt: 404, staff: 404, contractor: 404,
      left: 401, pending: '401 mfa_required',
    },
  },
  // Sent against a stale version, so nothing changes.
  'PATCH /api/v1/implementations/{id}': {
    'an implementation of the 3A customer data of 料金課': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed',
      officer: '412 precondition_failed', manager: '412 precondition_failed', sysadmin: 403,
      operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
    'no such implementation': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 403,
      operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
  },
  // Evidence: added with implementation.write against a stale version (nothing changes);
  // a file read as its record (need-to-know: 404 on record).
  'POST /api/v1/implementations/{id}/evidence': {
    'an implementation of the 3A customer data of 料金課': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed',
      officer: '412 precondition_failed', manager: '412 precondition_failed', sysadmin: 403,
      operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
    'no such implementation': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 403,
      operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
  },
  'GET /api/v1/evidence/{id}': {
    'an evidence file of the 3A customer data': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 404,
      operator: 404, auditor: 200, committee: 403, csirt: 404, staff: 404, contractor: 404,
      left: 401, pending: '401 mfa_required',
    },
    'no such file': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 404,
      operator: 404, auditor: 404, committee: 403, csirt: 404, staff: 404, contractor: 404,
      left: 401, pending: '401 mfa_required',
    },
  },
  // Compliance figures (compliance.read): the CISO, 統括, 責任者, 管理者, auditors and the
  // committee, each over their units; not system managers, operators, CSIRT or staff.
  'GET /api/v1/compliance': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 403,
    operator: 403, auditor: 200, committee: 200, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  'GET /api/v1/compliance/soa': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 403,
    operator: 403, auditor: 200, committee: 200, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  'GET /api/v1/compliance/history': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 403,
    operator: 403, auditor: 200, committee: 200, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  // Against an imported reference catalog (catalog_id in the query): the same readers,
  // each over their units; a catalog that does not exist is 404 for them.
  'GET /api/v1/compliance/reference': {
    'the imported catalog': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 403,
      operator: 403, auditor: 200, committee: 200, csirt: 403, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
    'no such catalog': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 403,
      operator: 403, auditor: 404, committee: 404, csirt: 403, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
  },
  // Partners: read with person.read; kept by partner.manage (the CISO and 統括); changes
  // are sent against a stale version, so nothing changes.
  'GET /api/v1/related-bodies': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 403, auditor: 200, committee: 403, csirt: 200, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/related-bodies': {
    anonymous: 401, ciso: 201, director: 201, officer: 403, manager: 403, sysadmin: 403,
    operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  'PATCH /api/v1/related-bodies/{id}': {
    'the demo related body': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed', officer: 403,
      manager: 403, sysadmin: 403, operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403,
      contractor: 403, left: 401, pending: '401 mfa_required',
    },
  },
  // Partners: read with person.read; kept by partner.manage (the CISO and 統括); changes
  // are sent against a stale version, so nothing changes.
  'GET /api/v1/contractors': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 403, auditor: 200, committee: 403, csirt: 200, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/contractors': {
    anonymous: 401, ciso: 201, director: 201, officer: 403, manager: 403, sysadmin: 403,
    operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  'PATCH /api/v1/contractors/{id}': {
    'the demo contractor': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed', officer: 403,
      manager: 403, sysadmin: 403, operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403,
      contractor: 403, left: 401, pending: '401 mfa_required',
    },
  },
  'GET /api/v1/roles': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 401, pending: '401 mfa_required',
  },
  // The manager's assignments: person.read within the caller's units, else 404.
  'GET /api/v1/role-assignments': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 404,
    operator: 403, auditor: 200, committee: 403, csirt: 200, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  // Granting staff to the contractor in 料金課: every holder of role.grant whose units
  // cover 料金課 and whose role ranks above staff.
  'POST /api/v1/role-assignments': {
    anonymous: 401, ciso: 201, director: 201, officer: 201, manager: 201, sysadmin: 403,
    operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  'DELETE /api/v1/role-assignments/{id}': {
    // Nobody may revoke the CISO's role: the CISO (their own), 統括 (not below theirs),
    // heads of units (not their unit) — and nothing changes.
    "the CISO's own role": {
      anonymous: 401, ciso: 403, director: 403, officer: 404, manager: 404, sysadmin: 403,
      operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
    },
    'no such role assignment': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 403,
      operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
    },
  },
  'GET /api/v1/jobs/{id}': {
    "the CISO's export": {
      anonymous: 401, ciso: 200, director: 404, officer: 404, manager: 404, sysadmin: 404,
      operator: 404, auditor: 404, committee: 404, csirt: 404, staff: 404, contractor: 404, left: 401, pending: '401 mfa_required',
    },
    "the director's export": {
      anonymous: 401, ciso: 200, director: 200, officer: 404, manager: 404, sysadmin: 404,
      operator: 404, auditor: 404, committee: 404, csirt: 404, staff: 404, contractor: 404, left: 401, pending: '401 mfa_required',
    },
    'no such job': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 404,
      operator: 404, auditor: 404, committee: 404, csirt: 404, staff: 404, contractor: 404, left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/jobs/{id}/retry': {
    "the CISO's failed job": {
      anonymous: 401, ciso: 202, director: 404, officer: 404, manager: 404, sysadmin: 404,
      operator: 404, auditor: 404, committee: 404, csirt: 404, staff: 404, contractor: 404, left: 401, pending: '401 mfa_required',
    },
    "the director's failed job": {
      anonymous: 401, ciso: 202, director: 202, officer: 404, manager: 404, sysadmin: 404,
      operator: 404, auditor: 404, committee: 404, csirt: 404, staff: 404, contractor: 404, left: 401, pending: '401 mfa_required',
    },
    'no such job': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 404,
      operator: 404, auditor: 404, committee: 404, csirt: 404, staff: 404, contractor: 404, left: 401, pending: '401 mfa_required',
    },
  },
  'GET /api/v1/jobs/{id}/file': {
    "the CISO's export": {
      anonymous: 401, ciso: 200, director: 404, officer: 404, manager: 404, sysadmin: 404,
      operator: 404, auditor: 404, committee: 404, csirt: 404, staff: 404, contractor: 404, left: 401, pending: '401 mfa_required',
    },
    "the director's export": {
      anonymous: 401, ciso: 200, director: 200, officer: 404, manager: 404, sysadmin: 404,
      operator: 404, auditor: 404, committee: 404, csirt: 404, staff: 404, contractor: 404, left: 401, pending: '401 mfa_required',
    },
    'no such job': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 404,
      operator: 404, auditor: 404, committee: 404, csirt: 404, staff: 404, contractor: 404, left: 401, pending: '401 mfa_required',
    },
  },
  // The login's second step (a wrong code): owed only by the password-only session of
  // someone whose role requires it (pending); a full session owes nothing.
  'POST /api/v1/session/mfa': {
    anonymous: 401, ciso: '409 conflict', director: '409 conflict', officer: '409 conflict',
    manager: '409 conflict', sysadmin: '409 conflict', operator: '409 conflict', auditor: '409 conflict',
    committee: '409 conflict', csirt: '409 conflict', staff: '409 conflict', contractor: '409 conflict',
    left: 401, pending: '401 invalid_credentials',
  },
  // Their own login: also while the second factor is owed.
  'GET /api/v1/account': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200, operator: 200,
    auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 401, pending: 200,
  },
  // The right current password and a new one against the policy: 422, nothing changes.
  'POST /api/v1/account/password': {
    anonymous: 401, ciso: '422 validation_failed', director: '422 validation_failed',
    officer: '422 validation_failed', manager: '422 validation_failed', sysadmin: '422 validation_failed',
    operator: '422 validation_failed', auditor: '422 validation_failed', committee: '422 validation_failed',
    csirt: '422 validation_failed', staff: '422 validation_failed', contractor: '422 validation_failed',
    left: 401, pending: '401 mfa_required',
  },
  // Setting up a second factor: anyone for themselves, and pending while owed and not set
  // up; the CISO and 統括 of the demo have one (409). The next rows build on this one.
  'POST /api/v1/account/mfa': {
    anonymous: 401, ciso: '409 conflict', director: '409 conflict', officer: 201, manager: 201, sysadmin: 201,
    operator: 201, auditor: 201, committee: 201, csirt: 201, staff: 201, contractor: 201, left: 401, pending: '401 mfa_required',
    pending: 201,
  },
  'GET /api/v1/account/mfa/qr': {
    anonymous: 401, ciso: '404 not_found', director: '404 not_found', officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 401, pending: '401 mfa_required',
    pending: 200,
  },
  // A wrong code: 422 for a set-up in progress, 409 for a second factor already set up.
  'POST /api/v1/account/mfa/confirm': {
    anonymous: 401, ciso: '409 conflict', director: '409 conflict', officer: '422 validation_failed',
    manager: '422 validation_failed', sysadmin: '422 validation_failed', operator: '422 validation_failed',
    auditor: '422 validation_failed', committee: '422 validation_failed', csirt: '422 validation_failed',
    staff: '422 validation_failed', contractor: '422 validation_failed', left: 401, pending: '401 mfa_required',
    pending: '422 validation_failed',
  },
  // Removing it: not while a role requires it (the CISO, 統括: 409); the others remove the
  // set-up the row above left unfinished.
  'DELETE /api/v1/account/mfa': {
    anonymous: 401, ciso: '409 conflict', director: '409 conflict', officer: 204, manager: 204, sysadmin: 204,
    operator: 204, auditor: 204, committee: 204, csirt: 204, staff: 204, contractor: 204, left: 401, pending: '401 mfa_required',
    pending: '401 mfa_required',
  },
  // New recovery codes: only with a second factor set up.
  'POST /api/v1/account/mfa/recovery-codes': {
    anonymous: 401, ciso: 200, director: 200, officer: '409 conflict', manager: '409 conflict',
    sysadmin: '409 conflict', operator: '409 conflict', auditor: '409 conflict', committee: '409 conflict',
    csirt: '409 conflict', staff: '409 conflict', contractor: '409 conflict', left: 401, pending: '401 mfa_required',
    pending: '401 mfa_required',
  },
  // The classification scheme (第9条): read by everyone logged in; edited by the CISO
  // alone (classification.manage), against a stale version so nothing changes; a change
  // of preset refused for naming the scheme already in force.
  'GET /api/v1/classification': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 401, pending: '401 mfa_required',
  },
  'GET /api/v1/classification/schemes': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 401, pending: '401 mfa_required',
  },
  'PATCH /api/v1/classification/classes/{id}': {
    'the class 自治体機密性3A': {
      anonymous: 401, ciso: '412 precondition_failed', director: 403, officer: 403, manager: 403, sysadmin: 403,
      operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
    },
    'no such class': {
      anonymous: 401, ciso: 404, director: 403, officer: 403, manager: 403, sysadmin: 403,
      operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/classification/preset-change': {
    anonymous: 401, ciso: '422 validation_failed', director: 403, officer: 403, manager: 403, sysadmin: 403,
    operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403, left: 401, pending: '401 mfa_required',
  },
  // The ledger (第3条, 第9条): asset.read for the CISO, 統括, heads of departments and
  // sections, auditors, CSIRT, operators and staff in their units ('unit' grants), system
  // managers on what they manage; the committee reads no ledger (403). Need-to-know
  // (DESIGN §2): the 3A data of 料金課 only for its chain (officer of 水道局, manager of
  // 料金課), the CISO, 統括 and auditors — 404, on record, for everyone else with
  // asset.read, including the contractor who is staff of 料金課 and sees its C2 file. The
  // dispatch system (C3B, 通信指令課) is seen by its manager, the system manager.
  'GET /api/v1/assets': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 403, csirt: 200, staff: 200, contractor: 200,
    left: 401, pending: '401 mfa_required',
  },
  'GET /api/v1/assets/{id}': {
    'the 3A customer data of 料金課': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 404,
      operator: 404, auditor: 200, committee: 403, csirt: 404, staff: 404, contractor: 404,
      left: 401, pending: '401 mfa_required',
    },
    'a C2 paper file of 料金課': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 404,
      operator: 404, auditor: 200, committee: 403, csirt: 200, staff: 404, contractor: 200,
      left: 401, pending: '401 mfa_required',
    },
    'the 119 dispatch system (C3B, managed by the system manager)': {
      anonymous: 401, ciso: 200, director: 200, officer: 404, manager: 404, sysadmin: 200,
      operator: 404, auditor: 200, committee: 403, csirt: 404, staff: 404, contractor: 404,
      left: 401, pending: '401 mfa_required',
    },
    'no such asset': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 404,
      operator: 404, auditor: 404, committee: 403, csirt: 404, staff: 404, contractor: 404,
      left: 401, pending: '401 mfa_required',
    },
  },
  'GET /api/v1/assets/{id}/relations': {
    'the 3A customer data of 料金課': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 404,
      operator: 404, auditor: 200, committee: 403, csirt: 404, staff: 404, contractor: 404,
      left: 401, pending: '401 mfa_required',
    },
  },
  // Registering in 料金課: asset.write where the caller's units cover it; the system
  // manager's asset.write is only for what they manage (422: not one of their units).
  'POST /api/v1/assets': {
    anonymous: 401, ciso: 201, director: 201, officer: 201, manager: 201, sysadmin: '422 validation_failed',
    operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403,
    left: 401, pending: '401 mfa_required',
  },
  // Changes against a stale version (nothing changes): 412 for those who may change the
  // asset, 404 (on record) for writers who may not see it, 403 without asset.write.
  'PATCH /api/v1/assets/{id}': {
    'the 3A customer data of 料金課': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed', officer: '412 precondition_failed', manager: '412 precondition_failed', sysadmin: 404,
      operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
    'the 119 dispatch system (C3B, managed by the system manager)': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed', officer: 404, manager: 404, sysadmin: '412 precondition_failed',
      operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/assets/{id}/dispose': {
    'the 3A customer data of 料金課': {
      anonymous: 401, ciso: '412 precondition_failed', director: '412 precondition_failed', officer: '412 precondition_failed', manager: '412 precondition_failed', sysadmin: 404,
      operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
  },
  // Relating to an asset that does not exist: 422 for those who may change the asset.
  'POST /api/v1/assets/{id}/relations': {
    'the 3A customer data of 料金課': {
      anonymous: 401, ciso: '422 validation_failed', director: '422 validation_failed', officer: '422 validation_failed', manager: '422 validation_failed', sysadmin: 404,
      operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
  },
  // Ending a relation that has ended already: 409 for those who may; 404 (on record) for
  // a writer who may not see it.
  'DELETE /api/v1/asset-relations/{id}': {
    'an ended relation of 料金課': {
      anonymous: 401, ciso: '409 conflict', director: '409 conflict', officer: '409 conflict', manager: '409 conflict', sysadmin: 404,
      operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
    'no such relation': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 404,
      operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
  },
  // Reference catalogs (OSCAL, issue 6): reference_catalog.read for the CISO, 統括, heads
  // of departments and sections, auditors, the committee and CSIRT; system managers,
  // operators and staff do not read them (403). Importing (reference_catalog.manage): the
  // CISO and 統括 — tried with a file that is not a catalog, so nothing is written (422).
  'GET /api/v1/catalogs': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 403,
    operator: 403, auditor: 200, committee: 200, csirt: 200, staff: 403, contractor: 403,
    left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/catalogs': {
    anonymous: 401, ciso: '422 validation_failed', director: '422 validation_failed', officer: 403, manager: 403,
    sysadmin: 403, operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403,
    left: 401, pending: '401 mfa_required',
  },
  'GET /api/v1/catalogs/{id}': {
    'the imported catalog': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 403,
      operator: 403, auditor: 200, committee: 200, csirt: 200, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
    'no such catalog': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 403,
      operator: 403, auditor: 404, committee: 404, csirt: 404, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
  },
  'GET /api/v1/catalogs/{id}/items': {
    'the imported catalog': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 403,
      operator: 403, auditor: 200, committee: 200, csirt: 200, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
    'no such catalog': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 403,
      operator: 403, auditor: 404, committee: 404, csirt: 404, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
  },
  'GET /api/v1/catalog-items/{id}': {
    'a control of the imported catalog': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 403,
      operator: 403, auditor: 200, committee: 200, csirt: 200, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
    'no such catalog item': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 403,
      operator: 403, auditor: 404, committee: 404, csirt: 404, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
  },
  // mamori's catalog outward (issue 6, point 8): the OSCAL export is read by every role
  // (catalog.read, as the catalog); mappings and coverage name reference controls, so they
  // are read with reference_catalog.read; mapping and ending (catalog.manage): the CISO and
  // 統括 — tried with a group (422) and on an ended mapping (409), so nothing changes.
  'GET /api/v1/requirements/export': {
    anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
    operator: 200, auditor: 200, committee: 200, csirt: 200, staff: 200, contractor: 200, left: 401, pending: '401 mfa_required',
  },
  // Where an item applies and its status there: asset.read (not the committee); what each
  // caller is shown is their own sight (need-to-know, tests/api/requirement-status.test.mjs).
  'GET /api/v1/requirements/{id}/implementations': {
    'a requirement of the catalog': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 200,
      operator: 200, auditor: 200, committee: 403, csirt: 200, staff: 200, contractor: 200,
      left: 401, pending: '401 mfa_required',
    },
    'no such requirement': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 404,
      operator: 404, auditor: 404, committee: 403, csirt: 404, staff: 404, contractor: 404,
      left: 401, pending: '401 mfa_required',
    },
  },
  'GET /api/v1/requirements/{id}/mappings': {
    'a requirement of the catalog': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 403,
      operator: 403, auditor: 200, committee: 200, csirt: 200, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/requirements/{id}/mappings': {
    'a requirement of the catalog': {
      anonymous: 401, ciso: '422 validation_failed', director: '422 validation_failed', officer: 403, manager: 403,
      sysadmin: 403, operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
  },
  'DELETE /api/v1/requirement-mappings/{id}': {
    'an ended mapping': {
      anonymous: 401, ciso: '409 conflict', director: '409 conflict', officer: 403, manager: 403,
      sysadmin: 403, operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
    'no such mapping': {
      anonymous: 401, ciso: 404, director: 404, officer: 403, manager: 403,
      sysadmin: 403, operator: 403, auditor: 403, committee: 403, csirt: 403, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
  },
  'GET /api/v1/catalog-items/{id}/mappings': {
    'a control of the imported catalog': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 403,
      operator: 403, auditor: 200, committee: 200, csirt: 200, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
    'no such catalog item': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 403,
      operator: 403, auditor: 404, committee: 404, csirt: 404, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
  },
  'GET /api/v1/catalogs/{id}/coverage': {
    'the imported catalog': {
      anonymous: 401, ciso: 200, director: 200, officer: 200, manager: 200, sysadmin: 403,
      operator: 403, auditor: 200, committee: 200, csirt: 200, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
    'no such catalog': {
      anonymous: 401, ciso: 404, director: 404, officer: 404, manager: 404, sysadmin: 403,
      operator: 403, auditor: 404, committee: 404, csirt: 404, staff: 403, contractor: 403,
      left: 401, pending: '401 mfa_required',
    },
  },
};

// The same unsafe routes WITHOUT the X-CSRF-Token header: refused before anything else
// is looked at, even for the CISO (anonymous callers of a session route: 401 first).
const WITHOUT_CSRF = {
  'POST /api/v1/risks': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'PATCH /api/v1/risks/{id}': {
    'a risk of the 3A customer data of 料金課': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
      officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
      csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/implementations': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/implementations/{id}/evidence': {
    'an implementation of the 3A customer data of 料金課': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
      officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
      csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'PATCH /api/v1/implementations/{id}': {
    'an implementation of the 3A customer data of 料金課': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
      officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
      csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/threats': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'PATCH /api/v1/threats/{id}': {
    'a threat of the catalog': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/requirements': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'PATCH /api/v1/requirements/{id}': {
    'a requirement of the catalog': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/procedures': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'PATCH /api/v1/procedures/{id}': {
    'a draft procedure of 料金課': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
      officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
      csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/markdown/preview': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/laws': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'PATCH /api/v1/laws/{id}': {
    'a law of the register': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/requirements/{id}/mappings': {
    'a requirement of the catalog': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed', officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed', csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed',
      left: 401, pending: '401 mfa_required',
    },
  },
  'DELETE /api/v1/requirement-mappings/{id}': {
    'an ended mapping': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed', officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed', csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed',
      left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/catalogs': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed', officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed', csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed',
    left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/assets': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed', officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed', csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed',
    left: 401, pending: '401 mfa_required',
  },
  'PATCH /api/v1/assets/{id}': {
    'the 3A customer data of 料金課': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed', officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed', csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed',
      left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/assets/{id}/dispose': {
    'the 3A customer data of 料金課': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed', officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed', csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed',
      left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/assets/{id}/relations': {
    'the 3A customer data of 料金課': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed', officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed', csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed',
      left: 401, pending: '401 mfa_required',
    },
  },
  'DELETE /api/v1/asset-relations/{id}': {
    'an ended relation of 料金課': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed', officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed', csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed',
      left: 401, pending: '401 mfa_required',
    },
  },
  'PATCH /api/v1/classification/classes/{id}': {
    'the class 自治体機密性3A': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/classification/preset-change': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'PATCH /api/v1/org-units/{id}': {
    'the unit 料金課': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
      officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
      csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/reorganisations': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'PATCH /api/v1/reorganisations/{id}': {
    'a draft plan': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
      officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
      csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/reorganisations/{id}/schedule': {
    'a draft plan': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
      officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
      csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/reorganisations/{id}/unschedule': {
    'the demo plan (scheduled)': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
      officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
      csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/reorganisations/{id}/cancel': {
    'the demo plan (scheduled)': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
      officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
      csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/reorganisations/{id}/apply': {
    'the demo plan (scheduled)': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
      officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
      csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/related-bodies': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'PATCH /api/v1/related-bodies/{id}': {
    'the demo related body': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
      officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
      csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/contractors': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'PATCH /api/v1/contractors/{id}': {
    'the demo contractor': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
      officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
      csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/tokens': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'DELETE /api/v1/tokens/{id}': {
    'no such token': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
      officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
      csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/persons': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'PATCH /api/v1/persons/{id}': {
    'the manager, in 料金課 (水道局)': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
      officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
      csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/persons/{id}/deactivate': {
    'the manager, in 料金課 (水道局)': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
      officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
      csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/role-assignments': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'DELETE /api/v1/role-assignments/{id}': {
    'no such role assignment': {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
      officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
      csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/session': {
    anonymous: '403 csrf_failed', ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: '403 csrf_failed', pending: '403 csrf_failed',
  },
  'DELETE /api/v1/session': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '403 csrf_failed',
  },
  'POST /api/v1/audit-verifications': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/audit-exports': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/asset-exports': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/person-imports': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/asset-imports': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
    officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
    operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
    csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/jobs/{id}/retry': {
    "the CISO's failed job": {
      anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed',
      officer: '403 csrf_failed', manager: '403 csrf_failed', sysadmin: '403 csrf_failed',
      operator: '403 csrf_failed', auditor: '403 csrf_failed', committee: '403 csrf_failed',
      csirt: '403 csrf_failed', staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
    },
  },
  'POST /api/v1/session/mfa': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed', officer: '403 csrf_failed',
    manager: '403 csrf_failed', sysadmin: '403 csrf_failed', operator: '403 csrf_failed',
    auditor: '403 csrf_failed', committee: '403 csrf_failed', csirt: '403 csrf_failed',
    staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '403 csrf_failed',
  },
  'POST /api/v1/account/password': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed', officer: '403 csrf_failed',
    manager: '403 csrf_failed', sysadmin: '403 csrf_failed', operator: '403 csrf_failed',
    auditor: '403 csrf_failed', committee: '403 csrf_failed', csirt: '403 csrf_failed',
    staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/account/mfa': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed', officer: '403 csrf_failed',
    manager: '403 csrf_failed', sysadmin: '403 csrf_failed', operator: '403 csrf_failed',
    auditor: '403 csrf_failed', committee: '403 csrf_failed', csirt: '403 csrf_failed',
    staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '403 csrf_failed',
  },
  'POST /api/v1/account/mfa/confirm': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed', officer: '403 csrf_failed',
    manager: '403 csrf_failed', sysadmin: '403 csrf_failed', operator: '403 csrf_failed',
    auditor: '403 csrf_failed', committee: '403 csrf_failed', csirt: '403 csrf_failed',
    staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '403 csrf_failed',
  },
  'DELETE /api/v1/account/mfa': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed', officer: '403 csrf_failed',
    manager: '403 csrf_failed', sysadmin: '403 csrf_failed', operator: '403 csrf_failed',
    auditor: '403 csrf_failed', committee: '403 csrf_failed', csirt: '403 csrf_failed',
    staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
  'POST /api/v1/account/mfa/recovery-codes': {
    anonymous: 401, ciso: '403 csrf_failed', director: '403 csrf_failed', officer: '403 csrf_failed',
    manager: '403 csrf_failed', sysadmin: '403 csrf_failed', operator: '403 csrf_failed',
    auditor: '403 csrf_failed', committee: '403 csrf_failed', csirt: '403 csrf_failed',
    staff: '403 csrf_failed', contractor: '403 csrf_failed', left: 401, pending: '401 mfa_required',
  },
};

// ---------------------------------------------------------------------------
// How each route is called: the body it is sent, and whether each caller needs a
// session of its own (routes that replace or end the session). Not expectations.

const HOW = {
  'POST /api/v1/session': {
    ownSession: true,
    body: (caller) => (caller === 'anonymous'
      ? { login: 'staff', password: passwords.staff }
      : { login: caller, password: passwords[caller] }),
  },
  'DELETE /api/v1/session': { ownSession: true },
  'POST /api/v1/session/mfa': { body: () => ({ code: '000000' }) },
  'POST /api/v1/account/password': {
    body: (caller) => ({ current_password: passwords[caller] ?? 'x', new_password: 'short' }),
  },
  'POST /api/v1/account/mfa': { body: () => ({}) },
  'POST /api/v1/account/mfa/confirm': { body: () => ({ code: '000000' }) },
  'POST /api/v1/account/mfa/recovery-codes': { body: () => ({}) },
  'POST /api/v1/audit-verifications': { body: () => ({}) },
  'POST /api/v1/audit-exports': { body: () => ({}) },
  'POST /api/v1/asset-exports': { body: () => ({ format: 'csv' }) },
  'POST /api/v1/jobs/{id}/retry': { body: () => ({}) },
  // A person outside the caller's units is a need-to-know refusal: 404, and recorded.
  'GET /api/v1/persons/{id}': { deniedOn404: (object) => object !== 'no such person' },
  'POST /api/v1/related-bodies': { body: () => ({ name: '行列 株式会社' }) },
  'PATCH /api/v1/related-bodies/{id}': { headers: { 'If-Match': '"999"' }, body: () => ({ note: '変えない' }) },
  'POST /api/v1/contractors': { body: () => ({ name: '行列 株式会社' }) },
  'PATCH /api/v1/contractors/{id}': { headers: { 'If-Match': '"999"' }, body: () => ({ note: '変えない' }) },
  'POST /api/v1/tokens': { body: () => ({ name: 'matrix', scope: 'read', expires_in_days: 1 }) },
  'PATCH /api/v1/org-units/{id}': { headers: { 'If-Match': '"999"' }, body: () => ({ name_en: 'unchanged' }) },
  'POST /api/v1/reorganisations': { body: () => ({ title: '行列の計画', effective_date: '2099-04-01' }) },
  // A plan outside the caller's reach is a need-to-know refusal: 404, and recorded.
  'GET /api/v1/reorganisations/{id}': { deniedOn404: (object) => object !== 'no such plan' },
  'PATCH /api/v1/reorganisations/{id}': { headers: { 'If-Match': '"999"' }, body: () => ({ title: '変えない' }) },
  'POST /api/v1/reorganisations/{id}/schedule': { headers: { 'If-Match': '"999"' } },
  'POST /api/v1/reorganisations/{id}/unschedule': { headers: { 'If-Match': '"999"' } },
  'POST /api/v1/reorganisations/{id}/cancel': { headers: { 'If-Match': '"999"' } },
  'POST /api/v1/reorganisations/{id}/apply': { headers: { 'If-Match': '"999"' } },
  'PATCH /api/v1/classification/classes/{id}': { headers: { 'If-Match': '"999"' }, body: () => ({ name_en: 'unchanged' }) },
  'POST /api/v1/classification/preset-change': { body: () => ({ scheme: 'r6.10', mapping: {} }) },
  'GET /api/v1/assets/{id}': { deniedOn404: (object) => object !== 'no such asset' },
  'POST /api/v1/threats': { body: (caller) => ({ code: `T-M-${caller}`, kind: 'human', name_ja: '行列の脅威' }) },
  'PATCH /api/v1/threats/{id}': { headers: { 'If-Match': '"999"' }, body: () => ({ description: '変えない' }) },
  'POST /api/v1/requirements': {
    body: (caller) => ({ code: `M-${caller}`, measure_kind: 'operational', scope: 'unit', title_ja: '行列の基準' }),
  },
  'PATCH /api/v1/requirements/{id}': { headers: { 'If-Match': '"999"' }, body: () => ({ title_en: 'unchanged' }) },
  'POST /api/v1/laws': { body: (caller) => ({ code: `law-${caller}`, name_ja: '行列の法令' }) },
  'POST /api/v1/procedures': {
    body: (caller) => ({ code: `PROC-M-${caller}`, title_ja: '行列の手順', owner_unit_id: unitIds['310'] }),
  },
  // A draft another unit's people may not know of: 404, on record.
  'GET /api/v1/procedures/{id}': { deniedOn404: (object) => object === 'a draft procedure of 料金課' },
  'PATCH /api/v1/procedures/{id}': {
    headers: { 'If-Match': '"999"' }, body: () => ({ title_en: 'unchanged' }),
    // Keepers of 水道局 and 料金課 see the 総務課 procedure in force but do not keep it.
    keeperDenied: (object, caller) => object === 'a procedure in force of 総務課' && ['officer', 'manager'].includes(caller),
  },
  'POST /api/v1/markdown/preview': { body: () => ({ text: '**行列**' }) },
  'PATCH /api/v1/laws/{id}': { headers: { 'If-Match': '"999"' }, body: () => ({ name_en: 'unchanged' }) },
  'GET /api/v1/assets/{id}/requirements': { deniedOn404: (object) => object !== 'no such asset' },
  'GET /api/v1/assets/{id}/relations': { deniedOn404: (object) => object !== 'no such asset' },
  'POST /api/v1/assets': {
    body: () => ({
      kind: 'document', name: '行列 文書', owner_unit_id: unitIds['310'], segment: 'other', format: 'paper',
      c_class_id: classIds.C2, i_class_id: classIds.I1, a_class_id: classIds.A1, class_reason: '行列',
    }),
  },
  'PATCH /api/v1/assets/{id}': { headers: { 'If-Match': '"999"' }, body: () => ({ location: '変えない' }), deniedOn404: () => true },
  'POST /api/v1/assets/{id}/dispose': {
    headers: { 'If-Match': '"999"' }, body: () => ({ disposed_on: '2026-01-01', method: '溶解', witness: '行列' }),
    deniedOn404: () => true,
  },
  'POST /api/v1/assets/{id}/relations': { body: () => ({ kind: 'held_on', to_asset_id: 999999999 }), deniedOn404: () => true },
  'DELETE /api/v1/asset-relations/{id}': { deniedOn404: (object) => object === 'an ended relation of 料金課' },
  'POST /api/v1/persons': {
    body: () => ({ name: '行列 太郎', category: 'regular', org_unit_id: unitIds['310'] }),
  },
  'PATCH /api/v1/persons/{id}': {
    headers: { 'If-Match': '"999"' }, body: () => ({ name: '変えない' }),
    deniedOn404: () => true,
  },
  'POST /api/v1/persons/{id}/deactivate': { headers: { 'If-Match': '"999"' } },
  'GET /api/v1/role-assignments': { query: () => `?person_id=${personIds.manager}` },
  // A refusal by the granting rules (own role, not below one's own) rather than by the
  // route's permission: recorded as access.denied with reason grant_rule, on the object.
  'DELETE /api/v1/role-assignments/{id}': {
    ruleDenied: (object, caller) => object === "the CISO's own role" && ['ciso', 'director'].includes(caller),
  },
  'POST /api/v1/role-assignments': {
    body: () => ({ person_id: personIds.contractor, role: 'staff', org_unit_id: unitIds['310'] }),
  },
  'POST /api/v1/person-imports': {
    query: '?dry_run=true', contentType: 'text/csv', body: () => '氏名,区分,所属\r\n',
  },
  'POST /api/v1/catalogs': { contentType: 'application/json', body: () => '{"catalog":{}}' },
  'POST /api/v1/asset-imports': {
    query: '?dry_run=true', contentType: 'text/csv', body: () => '資産名,資産の種類,所有部署コード\r\n',
  },
  'GET /api/v1/requirements/export': { query: '?format=oscal' },
  'GET /api/v1/compliance/reference': { query: (object) => `?catalog_id=${OBJECTS[object]}` },
  'POST /api/v1/requirements/{id}/mappings': { body: () => ({ catalog_item_id: matrixGroupItem, relation: 'related' }) },
  'POST /api/v1/implementations': {
    body: (caller) => ({ requirement_id: unitRequirements[CALLER_NAMES.indexOf(caller)], org_unit_id: unitIds['310'],
      status: 'partial' }),
  },
  'POST /api/v1/risks': {
    body: () => ({ asset_id: OBJECTS['a C2 paper file of 料金課'], threat_id: OBJECTS['a threat of the catalog'],
      likelihood: 99, treatment: 'reduce' }),
  },
  'GET /api/v1/risks/{id}': { deniedOn404: (object) => object !== 'no such risk' },
  'PATCH /api/v1/risks/{id}': { headers: { 'If-Match': '"999"' }, body: () => ({ note: '変えない' }) },
  'GET /api/v1/implementations/{id}': { deniedOn404: (object) => object !== 'no such implementation' },
  'PATCH /api/v1/implementations/{id}': {
    headers: { 'If-Match': '"999"' }, body: () => ({ note: '変えない' }),
  },
  'POST /api/v1/implementations/{id}/evidence': {
    headers: { 'If-Match': '"999"' }, query: '?name=matrix.txt', contentType: 'text/plain', body: () => '行列の証跡\n',
  },
  'GET /api/v1/evidence/{id}': { deniedOn404: (object) => object !== 'no such file' },
};

const ERROR_CODE = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' };
const SUCCESS = new Set([200, 201, 202, 204]);
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** An expectation as {status, code} (code null for a success). */
function parseExpected(v) {
  if (typeof v === 'number') return { status: v, code: SUCCESS.has(v) ? null : ERROR_CODE[v] };
  const m = /^(\d{3}) (\w+)$/.exec(v);
  if (!m) throw new Error(`bad expectation ${JSON.stringify(v)}`);
  return { status: Number(m[1]), code: m[2] };
}
const show = ({ status, code }) => (code ? `${status} ${code}` : String(status));

/** A row as [[object name or null, {caller: expectation}]]. */
function cells(route, row) {
  // Per object when the row is keyed by objects: a route with {id}, or one whose object
  // is named in the query (GET /api/v1/compliance/reference?catalog_id=…).
  return CALLER_NAMES.some((c) => c in row)
    ? [[null, row]]
    : Object.entries(row);
}

// ---------------------------------------------------------------------------
// Setup: a demo store with two failed jobs, served; every caller logged in; one
// export started (and finished) by the CISO and one by the director.

let server, db;
const passwords = {};   // login → password, from `mamori demo`
const clients = {};     // login → a Client logged in for the whole file
const personIds = {};   // login → person id
const unitIds = {};     // unit code → id
const classIds = {};    // class label (C3A) → id, of the scheme in force
let unitRequirements = []; // active unit-level items of the catalog, one per caller for POST /implementations

/** Rows of access.denied after seq, as 'login reason METHOD pattern' (sorted). */
async function deniedAfter(seq) {
  const rows = await storeRows(db,
    `SELECT seq, actor_id, object_id, detail FROM audit_event WHERE action = 'access.denied' AND seq > ${seq}`);
  const byId = Object.fromEntries(Object.entries(personIds).map(([l, id]) => [String(id), l]));
  return rows.map((e) => {
    const d = typeof e.detail === 'string' ? JSON.parse(e.detail) : e.detail;
    return `${byId[String(e.actor_id)] ?? `person#${e.actor_id}`} ${d.reason} ${d.method} ${e.object_id}`;
  }).sort();
}
async function headSeq() {
  const [row] = await storeRows(db, 'SELECT coalesce(max(seq), 0) AS s FROM audit_event');
  return Number(row.s);
}

async function waitJob(client, url, states, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const r = await client.get(url);
    assert.equal(r.status, 200, `GET ${url}: ${r.status} ${r.text}`);
    if (states.includes(r.json.state)) return r.json;
    if (Date.now() > deadline) throw new Error(`job ${url} still ${r.json.state} after ${timeout} ms`);
    await sleep(100);
  }
}

before(async () => {
  db = await freshStore();
  const demo = await runCli(['demo', '--db', db]);
  assert.equal(demo.code, 0, `mamori demo: ${demo.stdout}${demo.stderr}`);
  const roles = {};
  for (const line of demo.stdout.split('\n')) {
    const m = /^(\w+)\s+(\S{16})\s+(\w+)\s/.exec(line);
    if (m) { passwords[m[1]] = m[2]; roles[m[1]] = m[3]; }
  }
  // The table's columns are these people: the demo must still give them these roles.
  const expectedRoles = Object.fromEntries(CALLER_NAMES.filter((c) => CALLERS[c] && c !== 'left' && c !== 'pending')
    .map((c) => [c, CALLERS[c]]));
  assert.deepEqual(roles, expectedRoles, `the demo's logins and roles:\n${demo.stdout}`);
  const [contractor] = await storeRows(db,
    "SELECT p.category FROM person p JOIN account a ON a.person_id = p.id WHERE a.login = 'contractor'");
  assert.equal(contractor?.category, 'contractor', 'the contractor is staff of category contractor');

  // Two jobs whose server died, one by the CISO and one by the director: the server
  // marks them failed when it starts (there is no other way to make a job fail).
  const ids = Object.fromEntries((await storeRows(db,
    "SELECT login, person_id FROM account WHERE login IN ('ciso', 'director')")).map((r) => [r.login, r.person_id]));
  const stale = (id, by) => `INSERT INTO job (id, kind, state, params, created_by, created_at, started_at,
      heartbeat_at, worker) VALUES (${id}, 'audit.verify', 'running', '{}', ${by}, '2026-01-01T00:00:00Z',
      '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'gone:1:deadbeef');`;
  const ins = await storeSql(db, stale(OBJECTS["the CISO's failed job"], ids.ciso) +
    stale(OBJECTS["the director's failed job"], ids.director));
  assert.equal(ins.code, 0, `inserting the failed jobs: ${ins.stderr}`);

  passwords.left = 'sayonara-no-natsu-2026';
  const add = await runCli(['user', 'add', 'left', '--name', '退職 済', '--unit', '310', '--role', 'staff', '--db', db],
    { env: { MAMORI_USER_PASSWORD: passwords.left } });
  assert.equal(add.code, 0, `mamori user add left: ${add.stderr}`);
  passwords.pending = 'mada-futatsu-me-2026';
  const addPending = await runCli(['user', 'add', 'pending', '--name', '統括 未設定', '--unit', '0', '--role',
    'security_director', '--db', db], { env: { MAMORI_USER_PASSWORD: passwords.pending } });
  assert.equal(addPending.code, 0, `mamori user add pending: ${addPending.stderr}`);
  server = await startServer({ db, admin: { login: 'ciso', password: passwords.ciso } });
  for (const login of CALLER_NAMES.filter((c) => c !== 'anonymous')) {
    const c = server.client();
    if (login === 'pending') {
      // The password only: the session owes the second factor.
      const p = await c.tryLogin(login, passwords[login]);
      assert.equal(p.json?.mfa_pending, true, `pending owes a second factor: ${p.text}`);
      clients[login] = c;
      personIds[login] = (await c.get('/api/v1/account')).json.person_id;
      continue;
    }
    const r = await c.login(login, passwords[login]);
    clients[login] = c;
    personIds[login] = r.json.person.id;
    assert.ok(r.json.person.roles.some((x) => x.role === CALLERS[login]),
      `${login} holds ${CALLERS[login]}: ${JSON.stringify(r.json.person.roles)}`);
  }
  for (const u of (await clients.ciso.get('/api/v1/org-units')).json.items) unitIds[u.code] = u.id;
  const leave = await runCli(['user', 'deactivate', 'left', '--db', db]);
  assert.equal(leave.code, 0, `mamori user deactivate left: ${leave.stderr}`);
  OBJECTS['the manager, in 料金課 (水道局)'] = personIds.manager;
  OBJECTS['the unit 料金課'] = unitIds['310'];
  for (const k of (await clients.staff.get('/api/v1/classification')).json.classes) classIds[k.label] = k.id;
  OBJECTS['the class 自治体機密性3A'] = classIds.C3A;
  OBJECTS['a requirement of the catalog'] = (await clients.ciso.get('/api/v1/requirements?q=PHY-01')).json.items
    .find((x) => x.code === 'PHY-01').id;
  OBJECTS['a threat of the catalog'] = (await clients.ciso.get('/api/v1/threats?q=T-N01')).json.items[0].id;
  OBJECTS['a law of the register'] = (await clients.ciso.get('/api/v1/laws?q=local_public_service')).json.items[0].id;
  OBJECTS['a procedure in force of 総務課'] = (await clients.ciso.get('/api/v1/procedures?q=PROC-PHY-01')).json.items[0].id;
  const procDraft = await clients.ciso.post('/api/v1/procedures',
    { code: 'PROC-M-DRAFT', title_ja: '行列の下書き', owner_unit_id: unitIds['310'], body: '下書き' });
  assert.equal(procDraft.status, 201, `the CISO writes a draft for 料金課: ${procDraft.text}`);
  OBJECTS['a draft procedure of 料金課'] = procDraft.json.id;
  const made = async (body) => {
    const r = await clients.ciso.post('/api/v1/assets', {
      segment: 'lgwan', format: 'electronic', i_class_id: classIds.I2, a_class_id: classIds.A2, class_reason: '行列', ...body,
    });
    assert.equal(r.status, 201, `the CISO registers ${body.name}: ${r.text}`);
    return r.json.id;
  };
  OBJECTS['the 3A customer data of 料金課'] = await made({
    kind: 'information', name: '水道使用者 顧客データ', owner_unit_id: unitIds['310'], c_class_id: classIds.C3A,
    personal_data: true,
  });
  OBJECTS['a C2 paper file of 料金課'] = await made({
    kind: 'document', name: '料金課 窓口文書', owner_unit_id: unitIds['310'], c_class_id: classIds.C2, format: 'paper',
  });
  OBJECTS['the 119 dispatch system (C3B, managed by the system manager)'] = await made({
    kind: 'system', name: '119番 指令システム', owner_unit_id: unitIds['210'], c_class_id: classIds.C3B,
    manager_id: personIds.sysadmin, segment: 'standalone',
  });
  const usb = await made({ kind: 'medium', name: '料金課 USBメモリ', owner_unit_id: unitIds['310'], c_class_id: classIds.C3A });
  const rel = await clients.ciso.post(`/api/v1/assets/${OBJECTS['the 3A customer data of 料金課']}/relations`,
    { kind: 'held_on', to_asset_id: usb });
  assert.equal(rel.status, 201, `the CISO relates the data to the USB medium: ${rel.text}`);
  assert.equal((await clients.ciso.delete(`/api/v1/asset-relations/${rel.json.id}`)).status, 204);
  OBJECTS['an ended relation of 料金課'] = rel.json.id;
  // Unit-level items of their own (the demo has recorded the shipped ones for its units).
  for (let i = 0; i <= CALLER_NAMES.length; i++) {
    const q = await clients.ciso.post('/api/v1/requirements', { code: `MX-U-${i}`, measure_kind: 'operational',
      scope: 'unit', title_ja: `行列の所属単位の基準 ${i}` });
    assert.equal(q.status, 201, `the CISO adds a unit-level item: ${q.text}`);
    unitRequirements.push(q.json.id);
  }
  const customer = OBJECTS['the 3A customer data of 料金課'];
  const applying = (await clients.ciso.get(`/api/v1/assets/${customer}/requirements`)).json.items;
  const im = await clients.ciso.post('/api/v1/implementations', { requirement_id: applying[0].id, asset_id: customer,
    status: 'implemented' });
  assert.equal(im.status, 201, `the CISO records an implementation: ${im.text}`);
  OBJECTS['an implementation of the 3A customer data of 料金課'] = im.json.id;
  const ev = await clients.ciso.request('POST', `/api/v1/implementations/${im.json.id}/evidence?name=log-review.txt`,
    { body: 'ログ点検記録 2026-04\n', contentType: 'text/plain', headers: { 'If-Match': `"${im.json.version}"` } });
  assert.equal(ev.status, 201, `the CISO adds evidence: ${ev.text}`);
  OBJECTS['an evidence file of the 3A customer data'] = ev.json.evidence[0].file_id;
  const unitIm = await clients.ciso.post('/api/v1/implementations', { requirement_id: unitRequirements.pop(),
    org_unit_id: unitIds['310'], status: 'not_applicable', reason: '行列' });
  assert.equal(unitIm.status, 201, `the CISO records a unit's implementation: ${unitIm.text}`);
  OBJECTS['a unit record of 料金課'] = unitIm.json.id;
  const risk = await clients.ciso.post('/api/v1/risks', { asset_id: customer, threat_id: OBJECTS['a threat of the catalog'],
    likelihood: 3, treatment: 'reduce', requirement_ids: [applying[0].id] });
  assert.equal(risk.status, 201, `the CISO registers a risk: ${risk.text}`);
  OBJECTS['a risk of the 3A customer data of 料金課'] = risk.json.id;
  const catalogFile = path.join(tmpDir('mamori-matrix-'), 'tiny-catalog.json');
  fs.writeFileSync(catalogFile, JSON.stringify({ catalog: {
    uuid: '11111111-2222-4333-8444-555555555555',
    metadata: { title: 'Matrix catalog', 'last-modified': '2026-01-01T00:00:00Z', version: '1', 'oscal-version': '1.1.2' },
    groups: [{ id: 'mx', title: 'Matrix', controls: [{ id: 'mx-1', title: 'One', controls: [{ id: 'mx-1.1', title: 'More' }] }] }],
  } }));
  const imported = await runCli(['import', 'catalog', '--db', db, catalogFile]);
  assert.equal(imported.code, 0, `mamori import catalog: ${imported.stderr}`);
  [OBJECTS['the imported catalog']] = (await storeRows(db, 'SELECT id FROM reference_catalog')).map((r) => Number(r.id));
  [OBJECTS['a control of the imported catalog']] = (await storeRows(db,
    "SELECT id FROM reference_catalog_item WHERE item_id = 'mx-1'")).map((r) => Number(r.id));
  [matrixGroupItem] = (await storeRows(db,
    "SELECT id FROM reference_catalog_item WHERE item_id = 'mx'")).map((r) => Number(r.id));
  const mapped = await clients.ciso.post(`/api/v1/requirements/${OBJECTS['a requirement of the catalog']}/mappings`,
    { catalog_item_id: OBJECTS['a control of the imported catalog'], relation: 'related' });
  assert.equal(mapped.status, 201, `the CISO maps PHY-01: ${mapped.text}`);
  assert.equal((await clients.ciso.delete(`/api/v1/requirement-mappings/${mapped.json.id}`)).status, 204);
  OBJECTS['an ended mapping'] = mapped.json.id;
  const draft = await clients.ciso.post('/api/v1/reorganisations', {
    title: '行列の下書き', effective_date: '2099-04-01',
    operations: [{ op: 'rename', unit: unitIds['310'], name_en: 'Billing and Customer Section' }],
  });
  assert.equal(draft.status, 201, `the CISO drafts a plan: ${draft.status} ${draft.text}`);
  OBJECTS['a draft plan'] = draft.json.id;
  const demoPlan = await clients.ciso.get(`/api/v1/reorganisations/${OBJECTS['the demo plan (scheduled)']}`);
  assert.equal(demoPlan.json?.state, 'scheduled', `the demo's plan is scheduled: ${demoPlan.text}`);
  OBJECTS['the system manager, in 通信指令課 (消防本部)'] = personIds.sysadmin;
  for (const [name, who] of [["the CISO's export", 'ciso'], ["the director's export", 'director']]) {
    const r = await clients[who].post('/api/v1/audit-exports', {});
    assert.equal(r.status, 202, `${who} starts an export: ${r.status} ${r.text}`);
    OBJECTS[name] = r.json.id;
    const job = await waitJob(clients[who], r.json.url, ['succeeded', 'failed']);
    assert.equal(job.state, 'succeeded', `${name}: ${JSON.stringify(job)}`);
  }
  for (const [name, who] of [["the CISO's failed job", 'ciso'], ["the director's failed job", 'director']]) {
    const job = await waitJob(clients[who], `/api/v1/jobs/${OBJECTS[name]}`, ['failed'], 10000);
    assert.equal(job.created_by, personIds[who], `${name} was started by ${who}`);
  }
});

after(async () => {
  if (server?.running) {
    await server.stop();
    const v = await auditVerify(db);
    assert.ok(v.ok, `the trail verifies after the matrix: ${v.stdout}${v.stderr}`);
  }
});

// ---------------------------------------------------------------------------
// Calling a route as a caller.

/** One request of `route` on `object` as `caller`, with or without its CSRF token. */
async function call(route, object, caller, { csrf = true } = {}) {
  const [method, pattern] = route.split(' ');
  const how = HOW[route] || {};
  const query = typeof how.query === 'function' ? how.query(object) : how.query || '';
  const path = pattern.replace('{id}', String(OBJECTS[object])) + query;
  const opts = { body: how.body ? how.body(caller) : undefined, contentType: how.contentType,
    headers: how.headers ? { ...how.headers } : undefined };
  if (!csrf) opts.csrf = false;
  let client;
  if (caller === 'anonymous') {
    // Nobody: a fresh client each time; before an unsafe request it fetches the
    // pre-login CSRF token (the double-submitted cookie), as a browser would.
    client = server.client();
    if (UNSAFE.has(method) && csrf) await client.prepare();
  } else if (how.ownSession && !csrf) {
    // Refused for the missing token, the session lives on: the caller's own will do
    // (and no fresh login spends a TOTP code, each good once per 30-second step).
    client = clients[caller];
  } else if (how.ownSession && caller === 'pending') {
    client = server.client();
    await client.tryLogin(caller, passwords[caller]);
  } else if (how.ownSession && caller !== 'left') {
    client = server.client();
    await client.login(caller, passwords[caller]);
  } else {
    client = clients[caller];
  }
  return client.request(method, path, opts);
}

/**
 * Runs a table row: every caller on every object. Resolves {mismatches (strings), denied
 * (the access.denied events expected, as deniedAfter spells them)}.
 */
async function runRow(route, row, { csrf = true } = {}) {
  const [method, pattern] = route.split(' ');
  const mismatches = [];
  const denied = [];
  for (const [object, byCaller] of cells(route, row)) {
    for (const caller of CALLER_NAMES) {
      const want = parseExpected(byCaller[caller]);
      const res = await call(route, object, caller, { csrf });
      const gotCode = res.json?.error?.code ?? null;
      const ok = res.status === want.status && (want.code === null || gotCode === want.code);
      if (!ok) {
        mismatches.push(`${route}${object ? ` on ${object} (#${OBJECTS[object]})` : ''} as ${caller}: ` +
          `expected ${show(want)}, got ${res.status}${gotCode ? ` ${gotCode}` : ''} ${res.text.slice(0, 160)}`);
      }
      // Someone who has left holds no session: refused like anyone anonymous (counted, not recorded one by one).
      const loggedIn = caller !== 'anonymous' && caller !== 'left';
      if (loggedIn && want.status === 403 && csrf && HOW[route]?.ruleDenied?.(object, caller)) {
        denied.push(`${caller} grant_rule ${method} ${OBJECTS[object]}`);
      } else if (loggedIn && want.status === 403 && csrf && HOW[route]?.keeperDenied?.(object, caller)) {
        denied.push(`${caller} procedure_keeper ${method} ${OBJECTS[object]}`);
      } else if (loggedIn && want.status === 403) {
        denied.push(`${caller} ${want.code === 'csrf_failed' ? 'csrf' : 'permission'} ${method} ${pattern}`);
      }
      if (loggedIn && want.code === 'mfa_required') denied.push(`${caller} mfa_required ${method} ${pattern}`);
      if (loggedIn && want.status === 404 && HOW[route]?.deniedOn404?.(object)) {
        denied.push(`${caller} need_to_know ${method} ${OBJECTS[object]}`);
      }
    }
  }
  return { mismatches, denied: denied.sort() };
}

// ---------------------------------------------------------------------------
// The tests.

describe('the table covers the API', () => {
  test('every route of openapi.json has a row, and every row is a route there', guarded(async () => {
    const r = await server.request('GET', '/api/v1/openapi.json');
    assert.equal(r.status, 200, r.text);
    const routes = [];
    for (const [p, ops] of Object.entries(r.json.paths)) {
      for (const m of Object.keys(ops)) {
        if (['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'].includes(m))
          routes.push(`${m.toUpperCase()} ${p}`);
      }
    }
    const rows = Object.keys(EXPECT);
    assert.deepEqual(routes.filter((x) => !rows.includes(x)), [], 'routes in openapi.json with no row in EXPECT');
    assert.deepEqual(rows.filter((x) => !routes.includes(x)), [], 'rows in EXPECT for routes that do not exist');
    const unsafe = routes.filter((x) => UNSAFE.has(x.split(' ')[0]));
    const csrfRows = Object.keys(WITHOUT_CSRF);
    assert.deepEqual(unsafe.filter((x) => !csrfRows.includes(x)), [],
      'unsafe routes with no row in WITHOUT_CSRF');
    assert.deepEqual(csrfRows.filter((x) => !unsafe.includes(x)), [],
      'rows in WITHOUT_CSRF that are not unsafe routes of openapi.json');
  }));

  test('every row names every caller, and only known objects and statuses', () => {
    for (const [table, name] of [[EXPECT, 'EXPECT'], [WITHOUT_CSRF, 'WITHOUT_CSRF']]) {
      for (const [route, row] of Object.entries(table)) {
        const list = cells(route, row);
        if (route.includes('{')) assert.ok(list.every(([o]) => o !== null), `${name} ${route}: one row per object`);
        for (const [object, byCaller] of list) {
          const where = `${name} ${route}${object ? ` on ${object}` : ''}`;
          if (object !== null) assert.ok(object in OBJECTS, `${where}: unknown object`);
          assert.deepEqual(Object.keys(byCaller).sort(), [...CALLER_NAMES].sort(), `${where}: one entry per caller`);
          for (const v of Object.values(byCaller)) {
            const { status, code } = parseExpected(v);
            assert.ok(SUCCESS.has(status) || code, `${where}: ${v} needs an error code`);
          }
        }
      }
    }
  });
});

const totals = { permission: 0, csrf: 0, need_to_know: 0, grant_rule: 0, procedure_keeper: 0, mfa_required: 0 };
let seqAtStart;

describe('route × caller, with the caller\'s CSRF token', () => {
  before(async () => { seqAtStart = await headSeq(); });

  for (const [route, row] of Object.entries(EXPECT)) {
    test(route, guarded(async () => {
      const seq = await headSeq();
      const { mismatches, denied } = await runRow(route, row);
      for (const d of denied) totals[d.split(' ')[1]]++;
      assert.deepEqual(mismatches, [], `the server disagrees with the table:\n  ${mismatches.join('\n  ')}`);
      assert.deepEqual(await deniedAfter(seq), denied,
        'one access.denied per refusal of a logged-in caller (none for 404s or anonymous callers)');
    }));
  }
});

describe('unsafe route × caller, without a CSRF token', () => {
  for (const [route, row] of Object.entries(WITHOUT_CSRF)) {
    test(`${route} without X-CSRF-Token`, guarded(async () => {
      const seq = await headSeq();
      const { mismatches, denied } = await runRow(route, row, { csrf: false });
      for (const d of denied) totals[d.split(' ')[1]]++;
      assert.deepEqual(mismatches, [], `the server disagrees with the table:\n  ${mismatches.join('\n  ')}`);
      assert.deepEqual(await deniedAfter(seq), denied,
        'one access.denied per CSRF refusal of a logged-in caller');
    }));
  }

  test('over the whole matrix, access.denied grew by exactly the 403s issued to logged-in callers',
    guarded(async () => {
      const events = await deniedAfter(seqAtStart);
      const count = (reason) => events.filter((e) => e.split(' ')[1] === reason).length;
      assert.ok(totals.permission > 0, 'the matrix issued permission refusals');
      assert.equal(count('permission'), totals.permission, 'access.denied for a missing permission');
      assert.equal(count('csrf'), totals.csrf, 'access.denied for a missing CSRF token');
      assert.equal(count('need_to_know'), totals.need_to_know, 'access.denied for someone outside the caller\'s units');
      assert.equal(count('grant_rule'), totals.grant_rule, 'access.denied by the granting rules');
      assert.equal(count('procedure_keeper'), totals.procedure_keeper, 'access.denied to a keeper of another unit');
      assert.ok(totals.mfa_required > 0, 'the matrix issued second-factor refusals');
      assert.equal(count('mfa_required'), totals.mfa_required, 'access.denied for a password-only session');
      assert.equal(events.length,
        totals.permission + totals.csrf + totals.need_to_know + totals.grant_rule + totals.procedure_keeper
          + totals.mfa_required,
        'no other access.denied');
    }));
});
