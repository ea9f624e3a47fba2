/* role_grant — giving and taking back roles (第10条, DESIGN §2). The rules: a person
 * may grant only a role ranked below the highest role they hold (with role.grant) in a
 * unit covering the target unit, only inside their own units, and never to
 * themselves; revoking follows the same rules. Every grant and revocation is an
 * audit event; a revoked assignment ends (valid_to) and stays on record. */
#ifndef MAMORI_ROLE_GRANT_H
#define MAMORI_ROLE_GRANT_H
#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"

typedef struct role_grant_request {
    long person_id;
    const char *role;
    long org_unit_id;
    const char *valid_from; /* YYYY-MM-DD; NULL for today */
    const char *valid_to;   /* YYYY-MM-DD; NULL for open-ended */
} role_grant_request;

/* Inside the caller's write transaction. ERR_VALIDATION names the field at fault;
 * ERR_FORBIDDEN says which rule refused it; ERR_NOT_FOUND for a person or unit outside
 * the granter's scope. */
err_code role_grant(db_conn *c, const audit_actor *granter, const role_grant_request *rq, long *id_out, err *e);
err_code role_revoke(db_conn *c, const audit_actor *granter, long assignment_id, err *e);

#endif
