/* org_unit — creating units of the organisation tree (see org_unit.h). */
#include "domain/org_unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/timeutil.h"

err_code org_unit_create(db_conn *c, const audit_actor *actor, const char *code, const char *name_ja,
                         const char *name_en, long parent_id, long *id_out, err *e)
{
    if (!code || !*code) err_field_add(e, "code", "a unit code is required");
    if (!name_ja || !*name_ja) err_field_add(e, "name_ja", "a Japanese name is required");
    if (e && e->n_fields) return ERR_VALIDATION;
    char now[TIME_CANON_LEN], parent[24];
    time_now_canon(now);
    snprintf(parent, sizeof parent, "%ld", parent_id);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "INSERT INTO org_unit (code, name_ja, name_en, parent_id, created_at)"
                           " VALUES ($1, $2, $3, $4, $5) RETURNING id",
                           DB_PARAMS(code, name_ja, name_en, parent_id > 0 ? parent : NULL, now), &rows, e);
    if (rc != OK) goto cleanup;
    *id_out = atol(db_cell(rows, 0, 0));
    json_t *detail = json_pack("{s:s, s:s, s:s?, s:o}", "code", code, "name_ja", name_ja, "name_en", name_en,
                               "parent_id", parent_id > 0 ? json_integer(parent_id) : json_null());
    rc = audit_append(c, actor, "org_unit.create", "org_unit", db_cell(rows, 0, 0), detail, e);
    json_decref(detail);
cleanup:
    db_rows_free(rows);
    return rc;
}
