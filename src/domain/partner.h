/* partner — the bodies outside the union whose people the policy covers (第3条):
 * related bodies (関係機関, 第2条(14)) and contractors (委託先, 第2条(15)). Both have the
 * same shape — a name, a contact, a note — and are kept, never deleted. */
#ifndef MAMORI_PARTNER_H
#define MAMORI_PARTNER_H
#include <stddef.h>

#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"

typedef enum partner_kind { PARTNER_RELATED_BODY, PARTNER_CONTRACTOR } partner_kind;

typedef struct partner_fields {
    const char *name, *contact, *note; /* NULL: unchanged (on update) */
    int active;                        /* -1: unchanged */
} partner_fields;

typedef struct partner_row {
    long id, version, n_people;
    char *name, *contact, *note; /* owned; contact and note may be NULL */
    int active;
} partner_row;

err_code partner_list(db_conn *c, partner_kind kind, partner_row **out, size_t *n, err *e);
err_code partner_get(db_conn *c, partner_kind kind, long id, partner_row *out, err *e);
/* Inside the caller's write transaction; audited as related_body.create / contractor.create. */
err_code partner_create(db_conn *c, partner_kind kind, const audit_actor *actor, const partner_fields *f, long *id,
                        err *e);
/* When the record is at `version` (else ERR_PRECONDITION_FAILED); audited as …update. */
err_code partner_update(db_conn *c, partner_kind kind, const audit_actor *actor, long id, long version,
                        const partner_fields *f, err *e);
/* Frees a list from partner_list (fields and array); partner_row_clear one row's fields. */
void partner_rows_free(partner_row *rows, size_t n);
void partner_row_clear(partner_row *p);
const char *partner_noun(partner_kind kind);

#endif
