/* authz — may this person do this, and may they see that? Permissions come from the
 * roles a person holds today (role_assignment × role_permission, both data); every route
 * goes through authz_has_permission via the router, never a check of its own.
 *
 * Visibility (DESIGN §2) is defined here once per kind of object: a predicate for lists
 * (AUTHZ_*_VISIBLE, put after AUTHZ_SCOPE_CTE over the kind's read permission) and
 * authz_can_see for one object, which uses the same predicate. A module never writes a
 * visibility rule of its own. */
#ifndef MAMORI_AUTHZ_H
#define MAMORI_AUTHZ_H
#include <stdbool.h>

#include "core/err.h"
#include "audit/audit.h"
#include "db/db.h"

err_code authz_has_permission(db *d, long person_id, const char *permission, bool *out, err *e);

/* The units where a person may use a permission: those where they hold (today) a role
 * granting it, and all their sub-units. Every list and lookup of unit-owned records
 * (people now; assets, measures … later) is limited by this one definition, as a
 * common table expression "scope(id)" to put before the query. Its parameters are the
 * statement's $1 (person id), $2 (permission) and $3 (today, YYYY-MM-DD). */
#define AUTHZ_SCOPE_CTE                                                                                           \
    "WITH RECURSIVE scope(id) AS ("                                                                               \
    " SELECT ra.org_unit_id FROM role_assignment ra JOIN role_permission rp ON rp.role_code = ra.role_code"       \
    " WHERE ra.person_id = CAST($1 AS BIGINT) AND rp.permission_code = CAST($2 AS TEXT) AND rp.scope = 'unit'"    \
    " AND ra.valid_from <= CAST($3 AS TEXT) AND (ra.valid_to IS NULL OR ra.valid_to >= CAST($3 AS TEXT))"         \
    " UNION SELECT u.id FROM org_unit u JOIN scope s ON u.parent_id = s.id) "

/* The kinds of object whose visibility depends on who asks. */
typedef enum authz_kind {
    AUTHZ_PERSON,        /* in the viewer's units for person.read */
    AUTHZ_REORGANISATION, /* planners (org.manage): all; others: scheduled or applied plans touching their units */
    AUTHZ_ASSET,          /* AUTHZ_ASSET_VISIBLE below: unit scope, the highest classes restricted */
    AUTHZ_PROCEDURE       /* AUTHZ_PROCEDURE_VISIBLE: in force to every reader; else the owner unit's managers */
} authz_kind;

/* People (alias p) in the units of scope, scope being over person.read. */
#define AUTHZ_PERSON_VISIBLE " p.org_unit_id IN (SELECT id FROM scope)"
/* Reorganisations (alias r), scope over person.read, with $4 '1' when the viewer plans
 * reorganisations (holds org.manage) and '0' otherwise. */
#define AUTHZ_REORG_VISIBLE                                                                                      \
    " (CAST($4 AS TEXT) = '1' OR (r.state IN ('scheduled', 'applied') AND EXISTS (SELECT 1 FROM"                 \
    " reorganisation_unit ru WHERE ru.reorganisation_id = r.id AND ru.org_unit_id IN (SELECT id FROM scope))))"

/* Procedures (alias pr; 第7条, 第11条), scope over procedure.manage, with $4 '1' when the
 * viewer keeps the catalog (holds catalog.manage): every holder of procedure.read reads
 * those in force (each read recorded); drafts and withdrawn ones only the managers of the
 * owner unit (procedure.manage there, sub-units too) and the catalog's keepers. */
#define AUTHZ_PROCEDURE_VISIBLE                                                                                  \
    " (pr.status = 'in_force' OR CAST($4 AS TEXT) = '1' OR pr.owner_unit_id IN (SELECT id FROM scope))"

typedef enum authz_sight {
    AUTHZ_NO_SUCH,     /* there is no such object */
    AUTHZ_NOT_VISIBLE, /* it exists, and the viewer may not know it: answer 404 and record it */
    AUTHZ_VISIBLE
} authz_sight;

/* May viewer see object id of kind at all (DESIGN §2)? */
err_code authz_can_see(db_conn *c, long viewer, authz_kind kind, long id, authz_sight *out, err *e);
/* Does the person hold permission through a role in force today (on a connection)? */
err_code authz_holds(db_conn *c, long person_id, const char *permission, bool *out, err *e);

/* Is unit_id inside the person's scope for permission? */
err_code authz_unit_in_scope(db_conn *c, long person_id, const char *permission, long unit_id, bool *out, err *e);

/* Need-to-know for information assets (DESIGN §2), defined once for the single read and
 * every list, search, export, relation and count. A person with asset.read sees:
 *   - the assets of the units where they use asset.read (a 'unit' grant; sub-units too),
 *     except those of the highest confidentiality classes (rank >= 4: 3A, 3B, pre-2024's
 *     3), which need asset.read_restricted in the owner unit (the owner unit's chain of
 *     security roles, the CISO and 統括, auditors in scope);
 *   - whatever the asset's class, the assets they manage and the assets held by (related
 *     to) an asset they manage: the 情報システム管理者 of a system sees the data it holds,
 *     even of another unit. (CSIRT members on an open incident naming an asset come with
 *     the incident module.)
 * AUTHZ_ASSET_CTE defines aread(id), arestricted(id) (units) and amanaged(id) (assets)
 * from the statement's $1 (person id) and $2 (today, YYYY-MM-DD); AUTHZ_ASSET_VISIBLE(a, k)
 * is the condition on an asset row a whose confidentiality class row is k. Lists put the
 * CTE first and the condition in their WHERE; authz_can_see uses the same two. */
#define AUTHZ_ASSET_GRANT(permission, scope_kind)                                                                \
    " SELECT ra.org_unit_id AS id FROM role_assignment ra JOIN role_permission rp ON rp.role_code = ra.role_code" \
    " WHERE ra.person_id = CAST($1 AS BIGINT) AND rp.permission_code = '" permission "'"                        \
    " AND rp.scope = '" scope_kind "' AND ra.valid_from <= CAST($2 AS TEXT)"                                    \
    " AND (ra.valid_to IS NULL OR ra.valid_to >= CAST($2 AS TEXT))"
#define AUTHZ_ASSET_CTE                                                                                          \
    "WITH RECURSIVE aread(id) AS (" AUTHZ_ASSET_GRANT("asset.read", "unit")                                     \
    " UNION SELECT u.id FROM org_unit u JOIN aread s ON u.parent_id = s.id),"                                   \
    " arestricted(id) AS (" AUTHZ_ASSET_GRANT("asset.read_restricted", "unit")                                  \
    " UNION SELECT u.id FROM org_unit u JOIN arestricted s ON u.parent_id = s.id),"                             \
    " aholder(id) AS (SELECT 1 FROM role_assignment ra JOIN role_permission rp ON rp.role_code = ra.role_code"   \
    " WHERE ra.person_id = CAST($1 AS BIGINT) AND rp.permission_code = 'asset.read'"                           \
    " AND ra.valid_from <= CAST($2 AS TEXT) AND (ra.valid_to IS NULL OR ra.valid_to >= CAST($2 AS TEXT))),"     \
    " amanaged(id) AS (SELECT m.id FROM asset m WHERE m.manager_id = CAST($1 AS BIGINT)"                        \
    " AND EXISTS (SELECT 1 FROM aholder)"                                                                        \
    " UNION SELECT r.from_asset_id FROM asset_relation r JOIN asset m ON m.id = r.to_asset_id"                   \
    " WHERE m.manager_id = CAST($1 AS BIGINT) AND r.ended_at IS NULL AND EXISTS (SELECT 1 FROM aholder)) "
#define AUTHZ_ASSET_VISIBLE(a, k)                                                                                \
    "((" a ".owner_unit_id IN (SELECT id FROM aread) AND (" k ".rank < 4"                                       \
    " OR " a ".owner_unit_id IN (SELECT id FROM arestricted))) OR " a ".id IN (SELECT id FROM amanaged))"

/* After AUTHZ_ASSET_CTE, one more table name(id): the units where the person ($1, on
 * $2) uses permission through a 'unit' grant, sub-units too — AUTHZ_SCOPE_CTE's rule,
 * for a list that marks what the reader may also change (implementation.write). */
#define AUTHZ_ASSET_CTE_ALSO(name, permission)                                                                   \
    ", " name "(id) AS (" AUTHZ_ASSET_GRANT(permission, "unit") " UNION SELECT u.id FROM org_unit u JOIN " name  \
    " s ON u.parent_id = s.id) "

/* authz_can_see reduced to yes or no (no such object: no). */
err_code authz_sees(db_conn *c, long viewer, authz_kind kind, long id, bool *out, err *e);

#endif
