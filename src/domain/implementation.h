/* implementation — how a requirement is carried out (issue 6 point 4; DESIGN §3): one
 * record per requirement of scope 'asset' × an asset it applies to, or per requirement of
 * scope 'unit' × an open unit, made when someone first records something (no record:
 * 未着手, not_started). Status 未着手 / 一部実施 / 実施済 / 対象外 (with a reason) through
 * here; 適用除外 (excepted) only from an approved exception. An owner, a due date, a note,
 * evidence files, a version (If-Match) and every version kept (implementation_version).
 * Every write is audited and moves the compliance figures in the same transaction.
 *
 * Who: implementation.write in the unit the record counts to (the asset's owner unit, or
 * the unit), and sight of the asset; reading goes through the ledger's need-to-know (an
 * asset's records exist only for who sees the asset; a unit's, for asset.read there). */
#ifndef MAMORI_IMPLEMENTATION_H
#define MAMORI_IMPLEMENTATION_H
#include <stdbool.h>
#include <stddef.h>

#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"

typedef struct implementation_fields {
    const char *status, *reason, *due_on, *note; /* NULL: unchanged; "" clears an optional one */
    long owner_id;                               /* 0: unchanged; -1: no owner */
} implementation_fields;

typedef struct implementation_row {
    long id, requirement_id, asset_id, org_unit_id, unit_id, owner_id, version; /* asset_id / org_unit_id: one is 0;
                                                                                   unit_id: the unit it counts to */
    char *requirement_code, *requirement_title_ja, *requirement_title_en, *measure_kind, *scope; /* owned */
    char *asset_name, *unit_name_ja, *unit_name_en, *status, *reason, *due_on, *note, *owner_name, *updated_at,
        *updated_by_name; /* owned; optional ones NULL */
} implementation_row;

typedef struct implementation_version_row {
    long version, file_id; /* file_id: the evidence file a version 'evidence' added; else 0 */
    char *changed_at, *changed_by_name, *status, *reason, *due_on, *note, *owner_name; /* owned; may be NULL */
    char *change;    /* owned: create, update, evidence; NULL for versions kept before migration 0027 */
    char *file_name; /* owned; NULL without file_id */
} implementation_version_row;

typedef struct implementation_evidence_row {
    long file_id, size;
    char *name, *content_type, *added_at, *added_by_name; /* owned; added_by_name NULL for mamori (the demo) */
} implementation_evidence_row;

typedef struct implementation_filter {
    long asset_id, org_unit_id, requirement_id; /* 0: any; org_unit_id: the unit it counts to */
    const char *status;                          /* NULL: any */
    long after;                                  /* cursor: the last id of the previous page */
    long limit;
} implementation_filter;

typedef struct implementation_page {
    implementation_row *items; /* owned */
    size_t n;
    long next_after; /* 0 on the last page */
} implementation_page;

/* Field errors of a record's fields (creating: status required). */
void implementation_check(const implementation_fields *f, bool creating, err *e);
/* Records the first state of (requirement, asset) — asset_id > 0 — or (requirement, unit).
 * ERR_NOT_FOUND for an asset the editor may not see; ERR_FORBIDDEN outside their units;
 * ERR_VALIDATION for a requirement that does not apply (or is of the other scope);
 * ERR_CONFLICT when the pair has a record already (change that one). */
err_code implementation_create(db_conn *c, const audit_actor *editor, long requirement_id, long asset_id,
                               long unit_id, const implementation_fields *f, long *id, err *e);
/* Changes a record at `version` (ERR_PRECONDITION_FAILED otherwise). */
err_code implementation_update(db_conn *c, const audit_actor *editor, long id, long version,
                               const implementation_fields *f, err *e);
/* One record the viewer may see (ERR_NOT_FOUND otherwise); *hidden true when it exists
 * but the viewer may not know it (the caller records that). */
err_code implementation_get(db_conn *c, long viewer, long id, implementation_row *out, bool *hidden, err *e);
err_code implementation_list(db_conn *c, long viewer, const implementation_filter *f, implementation_page *out,
                             err *e);
err_code implementation_history(db_conn *c, long id, implementation_version_row **out, size_t *n, err *e);
err_code implementation_evidence(db_conn *c, long id, implementation_evidence_row **out, size_t *n, err *e);
/* Adds a stored file (already put in the file store, owner 'implementation') as evidence;
 * audited; the record's version moves on. */
err_code implementation_evidence_add(db_conn *c, const audit_actor *editor, long id, long version, long file_id,
                                     err *e);
/* May editor change the record (ERR_NOT_FOUND / ERR_FORBIDDEN as for create)? */
err_code implementation_writable(db_conn *c, long editor, long id, err *e);

/* The records of one asset, for its requirements' statuses. */
typedef struct implementation_brief {
    long requirement_id, id, version;
    char status[16];
} implementation_brief;
err_code implementation_of_asset(db_conn *c, long asset_id, implementation_brief **out, size_t *n, err *e);

void implementation_row_clear(implementation_row *r);
void implementation_page_free(implementation_page *p);
void implementation_history_free(implementation_version_row *v, size_t n);
void implementation_evidence_free(implementation_evidence_row *v, size_t n);

#endif
