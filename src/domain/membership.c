/* membership — the dated periods of a person's unit membership (see membership.h). */
#include "domain/membership.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/xalloc.h"

static const char *mb_reorg(long reorg_id, char buf[24])
{
    if (reorg_id <= 0) return NULL;
    snprintf(buf, 24, "%ld", reorg_id);
    return buf;
}

err_code membership_start(db_conn *c, long person_id, long unit_id, const char *from, long reorg_id, err *e)
{
    char person[24], unit[24], reorg[24], now[TIME_CANON_LEN];
    snprintf(person, sizeof person, "%ld", person_id);
    snprintf(unit, sizeof unit, "%ld", unit_id);
    time_now_canon(now);
    return db_query(c,
                    "INSERT INTO person_membership (person_id, org_unit_id, valid_from, reorganisation_id, created_at)"
                    " VALUES (CAST($1 AS BIGINT), CAST($2 AS BIGINT), $3, CAST($4 AS BIGINT), $5)",
                    DB_PARAMS(person, unit, from, mb_reorg(reorg_id, reorg), now), NULL, e);
}

err_code membership_move(db_conn *c, long person_id, long unit_id, const char *from, long reorg_id, err *e)
{
    char person[24], unit[24], reorg[24], before[11];
    snprintf(person, sizeof person, "%ld", person_id);
    snprintf(unit, sizeof unit, "%ld", unit_id);
    if (!time_date_add(from, -1, before)) return err_set(e, ERR_INTERNAL, "membership_move: bad date %s", from);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT id, org_unit_id, valid_from FROM person_membership"
                           " WHERE person_id = CAST($1 AS BIGINT) AND valid_to IS NULL ORDER BY id DESC",
                           DB_PARAMS(person), &rows, e);
    if (rc != OK) goto cleanup;
    if (rows->n_rows == 0) {
        rc = membership_start(c, person_id, unit_id, from, reorg_id, e);
        goto cleanup;
    }
    const char *open = db_cell(rows, 0, 0);
    if (atol(db_cell(rows, 0, 1)) == unit_id) goto cleanup;
    if (strcmp(db_cell(rows, 0, 2), from) >= 0) {
        rc = db_query(c,
                      "UPDATE person_membership SET org_unit_id = CAST($1 AS BIGINT),"
                      " reorganisation_id = COALESCE(CAST($2 AS BIGINT), reorganisation_id) WHERE id = CAST($3 AS BIGINT)",
                      DB_PARAMS(unit, mb_reorg(reorg_id, reorg), open), NULL, e);
        goto cleanup;
    }
    rc = db_query(c, "UPDATE person_membership SET valid_to = $1 WHERE id = CAST($2 AS BIGINT)", DB_PARAMS(before, open),
                  NULL, e);
    if (rc == OK) rc = membership_start(c, person_id, unit_id, from, reorg_id, e);
cleanup:
    db_rows_free(rows);
    return rc;
}

err_code membership_end(db_conn *c, long person_id, const char *last_day, err *e)
{
    char person[24];
    snprintf(person, sizeof person, "%ld", person_id);
    /* A period that began after last_day (moved in advance) ends when it began: it never
     * held, but it is kept, since nothing is deleted. */
    return db_query(c,
                    "UPDATE person_membership SET valid_to = CASE WHEN valid_from > $1 THEN valid_from ELSE $1 END"
                    " WHERE person_id = CAST($2 AS BIGINT) AND valid_to IS NULL",
                    DB_PARAMS(last_day, person), NULL, e);
}

err_code membership_list(db_conn *c, long person_id, membership_row **out, size_t *n, err *e)
{
    *out = NULL;
    *n = 0;
    char person[24];
    snprintf(person, sizeof person, "%ld", person_id);
    db_rows *rows = NULL;
    /* The unit's name as it was on the period's last day (today's for an open period). */
    err_code rc = db_query(
        c,
        "SELECT m.id, m.org_unit_id, m.reorganisation_id, COALESCE(v.code, u.code), COALESCE(v.name_ja, u.name_ja),"
        " CASE WHEN v.id IS NULL THEN u.name_en ELSE v.name_en END, m.valid_from, m.valid_to"
        " FROM person_membership m JOIN org_unit u ON u.id = m.org_unit_id"
        " LEFT JOIN org_unit_version v ON v.org_unit_id = m.org_unit_id"
        "  AND COALESCE(v.valid_from, '') <= COALESCE(m.valid_to, '9999-12-31')"
        "  AND COALESCE(v.valid_to, '9999-12-31') >= COALESCE(m.valid_to, '9999-12-31')"
        " WHERE m.person_id = CAST($1 AS BIGINT) ORDER BY m.valid_from, m.id",
        DB_PARAMS(person), &rows, e);
    if (rc != OK) return rc;
    *out = xcalloc(rows->n_rows + 1, sizeof **out);
    size_t k = 0;
    for (size_t i = 0; i < rows->n_rows; i++) {
        long id = atol(db_cell(rows, i, 0));
        /* Two versions can meet the day (one ending, one beginning on it): keep one. */
        if (k > 0 && (*out)[k - 1].id == id) continue;
        membership_row *m = &(*out)[k++];
        m->id = id;
        m->org_unit_id = atol(db_cell(rows, i, 1));
        m->reorganisation_id = db_cell(rows, i, 2) ? atol(db_cell(rows, i, 2)) : 0;
        m->code = xstrdup(db_cell(rows, i, 3));
        m->name_ja = xstrdup(db_cell(rows, i, 4));
        m->name_en = db_cell(rows, i, 5) ? xstrdup(db_cell(rows, i, 5)) : NULL;
        m->valid_from = xstrdup(db_cell(rows, i, 6));
        m->valid_to = db_cell(rows, i, 7) ? xstrdup(db_cell(rows, i, 7)) : NULL;
    }
    *n = k;
    db_rows_free(rows);
    return OK;
}

void membership_rows_free(membership_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(rows[i].code);
        free(rows[i].name_ja);
        free(rows[i].name_en);
        free(rows[i].valid_from);
        free(rows[i].valid_to);
    }
    free(rows);
}
