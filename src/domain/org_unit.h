/* org_unit — the tree of organisational units (union → department → section), with its
 * history. org_unit holds each unit as it is now; org_unit_version keeps every period of
 * its code, names and parent with effective dates, so the tree as of any date has an
 * answer; org_unit_lineage says what a merged or split unit became. Units are never
 * deleted: a unit that ends is closed (valid_to, its last day). Reorganisations
 * (reorganisation.h) make the dated changes; this module reads the tree and corrects
 * typos in names. */
#ifndef MAMORI_ORG_UNIT_H
#define MAMORI_ORG_UNIT_H
#include <stdbool.h>
#include <stddef.h>

#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"

/* Creates a unit (parent_id 0 for the root) that was there before the records began
 * (store init, the demo), inside the caller's write transaction, audited as
 * org_unit.create. */
err_code org_unit_create(db_conn *c, const audit_actor *actor, const char *code, const char *name_ja,
                         const char *name_en, long parent_id, long *id_out, err *e);

typedef struct org_unit_row {
    long id, parent_id, version;    /* parent 0 for the root */
    char *code, *name_ja, *name_en; /* owned; name_en may be NULL */
    char *valid_from, *valid_to;    /* owned; the unit's life: NULL from = before the records, NULL to = open */
    bool closed;                    /* closed (by the date asked about) */
} org_unit_row;

/* The units in tree order (parents before children, siblings by code). as_of NULL: as
 * they are now; else as they were on that date (YYYY-MM-DD), with the codes, names and
 * parents of then. Closed units only when include_closed. */
err_code org_unit_list(db_conn *c, const char *as_of, bool include_closed, org_unit_row **out, size_t *n, err *e);
void org_unit_list_free(org_unit_row *rows, size_t n);

typedef struct org_unit_period {
    char *code, *name_ja, *name_en;  /* owned */
    long parent_id, reorganisation_id; /* 0: none */
    char *valid_from, *valid_to;     /* owned; may be NULL */
} org_unit_period;

typedef struct org_unit_link {
    long unit_id, reorganisation_id;
    char *code, *name_ja, *name_en; /* owned: the other unit as it is named now */
    char *kind;                     /* owned: merge or split */
    char *effective_date;           /* owned */
} org_unit_link;

typedef struct org_unit_detail {
    org_unit_row unit;
    org_unit_period *history;     /* owned, oldest first */
    size_t n_history;
    org_unit_link *predecessors;  /* owned: the units that became this one */
    size_t n_predecessors;
    org_unit_link *successors;    /* owned: what this one became */
    size_t n_successors;
} org_unit_detail;

err_code org_unit_get(db_conn *c, long id, org_unit_detail *out, err *e);
void org_unit_detail_free(org_unit_detail *d);

/* Corrects a typo in a unit's names, without history (the present and its current
 * period change in place), when the unit is at `version`; only within the corrector's
 * org.manage units (else ERR_FORBIDDEN). name_en "" clears it. Audited as org_unit.correct. */
err_code org_unit_correct(db_conn *c, const audit_actor *actor, long id, long version, const char *name_ja,
                          const char *name_en, long *new_version, err *e);

#endif
