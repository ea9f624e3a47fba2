/* membership — which unit a person belonged to, and when (DESIGN §5: unit membership
 * carries effective dates). person.org_unit_id stays the present unit; person_membership
 * keeps every period, so "who was in 料金課 on 2025-10-01" has an answer. Dates are
 * YYYY-MM-DD and valid_to is the last day (inclusive). These functions change only the
 * periods: the caller changes person.org_unit_id in the same transaction. */
#ifndef MAMORI_MEMBERSHIP_H
#define MAMORI_MEMBERSHIP_H
#include <stddef.h>

#include "core/err.h"
#include "db/db.h"

/* A first membership from `from`. reorg_id 0: not made by a reorganisation. */
err_code membership_start(db_conn *c, long person_id, long unit_id, const char *from, long reorg_id, err *e);
/* The person belongs to unit_id from `from`: the open period ends the day before — or,
 * when it began on or after `from` (a second change on the same day), is moved in place,
 * so no period is ever empty. Nothing happens when the open period is already unit_id. */
err_code membership_move(db_conn *c, long person_id, long unit_id, const char *from, long reorg_id, err *e);
/* Ends the open period on last_day (a person who leaves). */
err_code membership_end(db_conn *c, long person_id, const char *last_day, err *e);

typedef struct membership_row {
    long id, org_unit_id, reorganisation_id; /* reorganisation_id 0: none */
    char *code, *name_ja, *name_en;           /* owned: the unit as it was named then; name_en may be NULL */
    char *valid_from, *valid_to;              /* owned; valid_to NULL while it lasts */
} membership_row;

/* The person's periods, oldest first. */
err_code membership_list(db_conn *c, long person_id, membership_row **out, size_t *n, err *e);
void membership_rows_free(membership_row *rows, size_t n);

#endif
