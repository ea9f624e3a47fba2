/* requirement_status — one requirement's status everywhere it applies (issue 6 point 9:
 * "a requirement with where it applies and its status everywhere"), among what the
 * reader may see. An item of scope 'asset' applies to the assets in use whose kind,
 * segment, personal data and class ranks its rules hold for (REQUIREMENT_RULES_HOLD,
 * the rule of requirement_applicable); the reader sees those the ledger's need-to-know
 * lets them see (AUTHZ_ASSET_VISIBLE, the one definition). An item of scope 'unit'
 * applies to every open unit; the reader sees the units where they use asset.read (as
 * for a unit's implementation records). A pair without a record is 未着手. Computed on
 * request, as the Statement of Applicability is: one pass over the reader's assets. */
#ifndef MAMORI_REQUIREMENT_STATUS_H
#define MAMORI_REQUIREMENT_STATUS_H
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "db/db.h"
#include "domain/compliance.h"

typedef struct requirement_status_filter {
    long org_unit_id;   /* 0: any; else the unit a pair counts to (the asset's owner unit, or the unit) */
    const char *status; /* NULL: any; "not_started" includes the pairs without a record */
    long after;         /* cursor: the last asset's (or unit's) id of the previous page */
    long limit;
} requirement_status_filter;

typedef struct requirement_status_row {
    long asset_id, unit_id;           /* asset_id 0 for an item of scope 'unit' */
    long implementation_id, version;  /* 0: no record (未着手) */
    int c_rank;                       /* the asset's confidentiality rank; 0 for a unit */
    bool writable;                    /* may the reader record it (implementation.write in the unit)? */
    char *asset_name, *asset_kind, *label;        /* owned; NULL for a unit */
    char *unit_code, *unit_name_ja, *unit_name_en; /* owned; unit_name_en may be NULL */
    char *status;                                  /* owned */
    char *reason, *due_on, *owner_name;            /* owned; NULL when unset */
} requirement_status_row;

typedef struct requirement_status_page {
    char scope[8];                    /* "asset" or "unit" */
    bool applicable;                  /* false: a group or an inactive item (applies to nothing) */
    long counts[COMPLIANCE_N_STATUS]; /* in the reader's sight (and org_unit_id), whatever the status or page */
    requirement_status_row *items;    /* owned */
    size_t n;
    long next_after; /* 0 on the last page */
} requirement_status_page;

/* The pairs of requirement_id in viewer's sight, by asset (or unit) id; ERR_NOT_FOUND
 * when there is no such requirement. */
err_code requirement_status_list(db_conn *c, long viewer, long requirement_id, const requirement_status_filter *f,
                                 requirement_status_page *out, err *e);
void requirement_status_page_free(requirement_status_page *p);

#endif
