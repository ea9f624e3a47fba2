/* asset_internal — what the ledger's files (asset.c, asset_list.c, asset_rules.c) share
 * and nothing else calls. */
#ifndef MAMORI_ASSET_INTERNAL_H
#define MAMORI_ASSET_INTERNAL_H
#include "domain/asset.h"

/* The columns asset_row_fill reads, from asset a with its unit u, manager p and classes
 * kc, ki, ka (the visibility condition uses a and kc). */
#define ASSET_COLUMNS                                                                                            \
    "SELECT a.id, a.kind, a.name, a.description, a.owner_unit_id, u.name_ja, u.code, a.manager_id, p.name,"    \
    " a.location, a.segment, a.format, a.personal_data, a.mynumber, a.retention, a.disposal_method,"            \
    " a.c_class_id, kc.code, kc.name_ja, kc.rank, a.i_class_id, ki.code, ki.name_ja, ki.rank,"                  \
    " a.a_class_id, ka.code, ka.name_ja, ka.rank, a.class_reason, a.status, a.disposed_on, a.disposed_method,"  \
    " a.disposal_witness, a.created_at, a.updated_at, a.version, a.sort_key"                                    \
    " FROM asset a JOIN org_unit u ON u.id = a.owner_unit_id LEFT JOIN person p ON p.id = a.manager_id"         \
    " JOIN classification_class kc ON kc.id = a.c_class_id JOIN classification_class ki ON ki.id = a.i_class_id" \
    " JOIN classification_class ka ON ka.id = a.a_class_id"
#define ASSET_COL_SORT_KEY 36

void asset_row_fill(const db_rows *rows, size_t i, asset_row *out);

/* Which side of a write the rules are checked for: the asset's own fields, or a new
 * relation (errors are then put on to_asset_id). */
typedef enum asset_rules_trigger { ASSET_RULES_ASSET, ASSET_RULES_RELATION } asset_rules_trigger;
/* The rules of the three-layer model and the container rule, for asset id as stored
 * now (inside the write transaction): ERR_VALIDATION naming the rule and the path, or
 * warnings added to w. */
err_code asset_check_rules(db_conn *c, long id, asset_rules_trigger trigger, asset_warnings *w, err *e);
/* Checks a relation's kinds (stored_in: information → system; runs_on: system or
 * equipment → network; held_on: information → medium, document or equipment). */
err_code asset_relation_kinds_ok(db_conn *c, long from, const char *kind, long to, err *e);

/* May editor change asset id? ERR_NOT_FOUND when they may not see it, ERR_FORBIDDEN
 * when they see it but may not change it. *version, *status (owned) as stored. */
err_code asset_writable(db_conn *c, long editor, long id, long *version, char **status, err *e);
/* Keeps the asset as it is now as its version (change: create, update, dispose,
 * reclassify). */
err_code asset_snapshot(db_conn *c, long id, const char *change, long by, err *e);

#endif
