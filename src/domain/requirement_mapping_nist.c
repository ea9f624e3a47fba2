/* requirement_mapping_nist — the built-in mapping of mamori's default catalog (migration
 * 0018) to NIST SP 800-53 rev. 5 control ids (see reqmap_seed_nist in
 * requirement_mapping.h). The table is a starting point for the CISO, who adjusts the
 * mappings afterwards: "equivalent" where the requirement asks what the control asks,
 * "partial" where it covers part of it, "related" where they share the subject. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/requirement_mapping.h"

static const struct {
    const char *code, *control, *relation;
} rn_table[] = {
    {"PHY-01", "pe-3", "equivalent"},  {"PHY-01", "pe-2", "related"},     {"PHY-01", "pe-8", "partial"},
    {"PHY-02", "pe-11", "partial"},    {"PHY-02", "pe-14", "partial"},    {"PHY-03", "pe-13", "partial"},
    {"PHY-03", "pe-15", "partial"},    {"PHY-04", "pe-18", "related"},    {"PHY-05", "ac-11", "partial"},
    {"PHY-06", "ac-19", "related"},    {"PHY-07", "mp-4", "equivalent"},  {"PHY-07", "mp-2", "related"},
    {"PHY-08", "mp-6", "equivalent"},  {"PHY-09", "mp-5", "partial"},     {"PHY-09", "pe-16", "partial"},
    {"HUM-01", "at-2", "equivalent"},  {"HUM-02", "at-2.1", "equivalent"}, {"HUM-03", "at-3", "equivalent"},
    {"HUM-04", "pl-4", "equivalent"},  {"HUM-05", "ps-6", "partial"},     {"HUM-07", "ir-6", "equivalent"},
    {"HUM-08", "ps-4", "partial"},     {"HUM-08", "ps-5", "partial"},     {"HUM-09", "ps-7", "equivalent"},
    {"TEC-01", "ac-2", "equivalent"},  {"TEC-02", "ac-6", "equivalent"},  {"TEC-03", "ia-5", "partial"},
    {"TEC-04", "ia-2", "partial"},     {"TEC-04", "ia-2.1", "equivalent"}, {"TEC-05", "sc-13", "partial"},
    {"TEC-05", "sc-28", "related"},    {"TEC-06", "au-2", "partial"},     {"TEC-06", "au-11", "partial"},
    {"TEC-06", "au-12", "partial"},    {"TEC-07", "au-6", "equivalent"},  {"TEC-08", "si-3", "equivalent"},
    {"TEC-09", "si-2", "equivalent"},  {"TEC-10", "si-7", "partial"},     {"DEV-01", "sa-4", "partial"},
    {"DEV-02", "sa-3", "related"},     {"DEV-04", "cm-3", "equivalent"},  {"DEV-05", "sa-11", "partial"},
    {"DEV-05", "ra-5", "partial"},     {"DEV-06", "sa-22", "equivalent"}, {"DEV-07", "cm-2", "partial"},
    {"DEV-07", "cm-6", "partial"},     {"DEV-08", "sa-9", "partial"},     {"DEV-09", "sa-5", "equivalent"},
    {"OPS-01", "cp-9", "equivalent"},  {"OPS-02", "cp-10", "partial"},    {"OPS-02", "cp-4", "partial"},
    {"OPS-03", "au-12", "related"},    {"OPS-04", "ma-2", "partial"},     {"OPS-04", "ma-4", "related"},
    {"OPS-05", "sa-4", "partial"},     {"OPS-05", "sa-9", "partial"},     {"OPS-06", "sa-9", "partial"},
    {"OPS-07", "ca-7", "partial"},     {"OPS-08", "ca-2", "partial"},     {"OPS-09", "cm-8", "equivalent"},
    {"OPS-10", "ir-4", "partial"},     {"OPS-10", "ir-8", "partial"},     {"OPS-11", "pl-1", "related"},
    {"NET-01", "sc-7", "partial"},     {"NET-02", "sc-7", "related"},     {"NET-04", "si-4", "partial"},
    {"NET-05", "sc-7", "partial"},     {"NET-05", "ac-4", "partial"},     {"NET-06", "ac-18", "equivalent"},
    {"NET-07", "si-8", "partial"},     {"NET-08", "ac-17", "equivalent"}, {"NET-09", "cm-2", "related"},
};

err_code reqmap_seed_nist(db_conn *c, const audit_actor *actor, long catalog_id, reqmap_seed_report *out, err *e)
{
    memset(out, 0, sizeof *out);
    char ct[24];
    snprintf(ct, sizeof ct, "%ld", catalog_id);
    db_rows *cat = NULL;
    err_code rc = db_query(c, "SELECT title FROM reference_catalog WHERE id = CAST($1 AS BIGINT)", DB_PARAMS(ct), &cat, e);
    if (rc == OK && cat->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no reference catalog has the id %ld", catalog_id);
    if (rc == OK && !strstr(db_cell(cat, 0, 0), "800-53"))
        rc = err_set(e, ERR_VALIDATION, "the catalog \"%s\" is not NIST SP 800-53 (its title does not say so)",
                     db_cell(cat, 0, 0));
    db_rows_free(cat);
    for (size_t i = 0; rc == OK && i < sizeof rn_table / sizeof *rn_table; i++) {
        db_rows *req = NULL, *item = NULL, *dup = NULL;
        rc = db_query(c, "SELECT id FROM requirement WHERE code = $1 AND active = 1", DB_PARAMS(rn_table[i].code), &req,
                      e);
        if (rc == OK)
            rc = db_query(c,
                          "SELECT id FROM reference_catalog_item WHERE catalog_id = CAST($1 AS BIGINT) AND item_id = $2"
                          " AND kind = 'control'",
                          DB_PARAMS(ct, rn_table[i].control), &item, e);
        if (rc == OK && req->n_rows == 1 && item->n_rows == 1)
            rc = db_query(c,
                          "SELECT 1 FROM requirement_mapping WHERE requirement_id = CAST($1 AS BIGINT)"
                          " AND catalog_id = CAST($2 AS BIGINT) AND control_id = $3 AND ended_at IS NULL",
                          DB_PARAMS(db_cell(req, 0, 0), ct, rn_table[i].control), &dup, e);
        if (rc == OK) {
            if (req->n_rows != 1) out->no_req++;
            else if (item->n_rows != 1) out->absent++;
            else if (dup->n_rows) out->already++;
            else {
                long id = 0;
                rc = reqmap_add(c, actor, atol(db_cell(req, 0, 0)), atol(db_cell(item, 0, 0)), rn_table[i].relation,
                                "NIST SP 800-53 (mamori's built-in mapping)", &id, e);
                if (rc == OK) out->mapped++;
            }
        }
        db_rows_free(req);
        db_rows_free(item);
        db_rows_free(dup);
    }
    return rc;
}
