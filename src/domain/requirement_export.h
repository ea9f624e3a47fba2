/* requirement_export — mamori's standards catalog (requirement.h) as an OSCAL 1.1 catalog
 * in JSON, shaped as NIST's files are (io/oscal_write.h), for `mamori export catalog
 * --format oscal` and GET /api/v1/requirements/export?format=oscal.
 *
 * The shape: one top-level group per measure kind of 第5条 (id "physical" …, class
 * "measure-kind"); in it each top-level requirement that has items is a group (class
 * "mamori-requirement-group") and each one without is a control; every other active
 * requirement is a control (class "mamori-requirement") inside its parent, nested as
 * NIST nests enhancements. A control's id is its code as an OSCAL token ("PHY-01" →
 * "phy-01"), its title the Japanese title; props: label (the code), and in mamori's
 * namespace measure-kind, scope, title-en, tag, applies (where it applies, in words),
 * threat and law (the codes it links to), version; parts: the statement (the text).
 * Inactive requirements are left out (a child of an inactive group sits in its kind's
 * group).
 *
 * The catalog's uuid is made at the first export and kept (catalog_export_identity), so
 * every export of a store is the same catalog; metadata.version is the number of
 * requirement versions there have been (it grows with every edit) and last-modified the
 * latest change. The standards are not public (第11条): every export is audited as
 * catalog.export, in the caller's write transaction. */
#ifndef MAMORI_REQUIREMENT_EXPORT_H
#define MAMORI_REQUIREMENT_EXPORT_H
#include <stddef.h>

#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"
#include "io/oscal_write.h"

#define REQUIREMENT_OSCAL_NS "urn:mamori:oscal" /* the namespace of mamori's own props */

typedef struct requirement_export_result {
    char *json; /* owned: the document, ending in a newline */
    size_t n_groups, n_controls;
    char uuid[OSCAL_UUID_LEN];
    char *version; /* owned */
} requirement_export_result;

/* Inside the caller's write transaction; via ("cli", "api") goes into the audit detail. */
err_code requirement_export_oscal(db_conn *c, const audit_actor *actor, const char *via,
                                  requirement_export_result *out, err *e);
void requirement_export_result_free(requirement_export_result *r);

#endif
