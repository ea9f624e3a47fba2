/* requirement_mapping — mamori's requirements mapped to the controls of imported
 * reference catalogs (issue 6, point 8; table requirement_mapping, migration 0021), so
 * that mamori's standards can be shown against NIST SP 800-53 or another catalog.
 *
 * A mapping links one requirement to one control (or enhancement, never a group) with a
 * relation: equivalent (the requirement does what the control asks), partial (part of
 * it) or related (on the same subject). It names the control by catalog and file id
 * ("ac-2"), so it survives the catalog's replacement. Writes are audited
 * (catalog.map, catalog.unmap) in the caller's write transaction; a mapping is ended,
 * never deleted. Coverage lists each control of a catalog with the requirements mapped
 * to it, and the controls covered and not by family (the top-level group). */
#ifndef MAMORI_REQUIREMENT_MAPPING_H
#define MAMORI_REQUIREMENT_MAPPING_H
#include <jansson.h>
#include <stdbool.h>

#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"

#define REQMAP_NOTE_MAX 2000 /* characters */

/* equivalent, partial or related. */
bool reqmap_relation_ok(const char *relation);

/* Maps requirement_id to the item with row id item_id. ERR_NOT_FOUND for no such
 * requirement; ERR_VALIDATION naming catalog_item_id (no such item, a group, mapped
 * already), relation or note. */
err_code reqmap_add(db_conn *c, const audit_actor *actor, long requirement_id, long item_id, const char *relation,
                    const char *note, long *id, err *e);
/* Ends a mapping. ERR_NOT_FOUND, or ERR_CONFLICT when ended already. */
err_code reqmap_end(db_conn *c, const audit_actor *actor, long id, err *e);

/* A requirement's mappings as JSON ({"items": [...]}, the ended too when with_ended),
 * each with its control (null fields when the catalog no longer has it) and catalog.
 * ERR_NOT_FOUND for no such requirement. New reference in *out. */
err_code reqmap_for_requirement(db_conn *c, long requirement_id, bool with_ended, json_t **out, err *e);
/* The open mappings to a reference item (the requirements mapped to it).
 * ERR_NOT_FOUND for no such item. */
err_code reqmap_for_item(db_conn *c, long item_id, json_t **out, err *e);
/* A catalog's coverage: every control with the requirements mapped to it, counts by
 * family and in all. ERR_NOT_FOUND for no such catalog. */
err_code reqmap_coverage(db_conn *c, long catalog_id, json_t **out, err *e);

typedef struct reqmap_seed_report {
    long mapped;     /* mappings made */
    long already;    /* pairs mapped already (left as they are) */
    long absent;     /* controls the catalog does not have (a baseline holds a part of 800-53) */
    long no_req;     /* requirements of the built-in table no longer in mamori's catalog (or inactive) */
} reqmap_seed_report;

/* Maps mamori's default catalog to the controls of one imported NIST SP 800-53 (rev. 5)
 * catalog from a built-in table (PHY-01 → pe-3, TEC-01 → ac-2, TEC-04 → ia-2.1, OPS-01 →
 * cp-9 …), inside the caller's write transaction, each mapping audited as catalog.map.
 * Control ids repeat across baselines, so the catalog is named by its row id; pairs
 * mapped already are left alone, so it can be run again. ERR_NOT_FOUND for no such
 * catalog; ERR_VALIDATION when its title does not name SP 800-53. */
err_code reqmap_seed_nist(db_conn *c, const audit_actor *actor, long catalog_id, reqmap_seed_report *out, err *e);

#endif
