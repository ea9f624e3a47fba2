/* org_unit — the tree of organisational units (union → department → section).
 * The people issue extends this with reorganisations; this is the minimal core. */
#ifndef MAMORI_ORG_UNIT_H
#define MAMORI_ORG_UNIT_H
#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"

/* Creates a unit (parent_id 0 for the root) inside the caller's write transaction,
 * audited as org_unit.create. */
err_code org_unit_create(db_conn *c, const audit_actor *actor, const char *code, const char *name_ja,
                         const char *name_en, long parent_id, long *id_out, err *e);

#endif
