/* asset_import_internal — what the ledger import's files (asset_import.c,
 * asset_import_cells.c, asset_import_write.c) share and nothing else calls: reading the
 * enumerations' cells by the Japanese labels of asset_columns.h (the codes are
 * asset.c's), and writing the new assets and the import's event. */
#ifndef MAMORI_ASSET_IMPORT_INTERNAL_H
#define MAMORI_ASSET_IMPORT_INTERNAL_H
#include <stddef.h>

#include "audit/audit.h"
#include "db/db.h"
#include "domain/asset.h"
#include "domain/asset_columns.h"
#include "domain/asset_import.h"

#define ASSET_IMPORT_N(a) (sizeof(a) / sizeof *(a))

/* The code of a cell written as a label or a code of list; NULL when it is neither. */
const char *asset_import_enum(const char *v, const asset_label *list, size_t n);
/* The label of a code (the code itself when it has none). */
const char *asset_import_enum_label(const char *code, const asset_label *list, size_t n);

/* asset_import_write.c: registers n new assets whose fields the check has passed (rights,
 * references, rules — a new asset has no relations, so the rules are its own fields'):
 * for each, what asset_create writes — the asset, its first version, its search entry,
 * its share of the compliance figures — but no asset.create event: the versions' digest goes into *digest for the import's
 * one event (asset_import_audit). ids[i] gets the id of fs[i] (ascending). timing (may
 * be NULL) gets its phases; progress (may be NULL) out of n. Inside the caller's write transaction; uses a second thread. */
err_code asset_import_write_new(db_conn *c, const audit_actor *actor, const asset_fields *const *fs, size_t n,
                                long *ids, char digest[AUDIT_HASH_HEX], asset_import_timing *timing,
                                void (*progress)(void *arg, size_t done), void *arg, err *e);
/* The import's asset.import event: the file, the counts, the created assets' ids and the
 * digest of their first versions (docs/audit-trail.md). */
err_code asset_import_audit(db_conn *c, const audit_actor *actor, const asset_import_source *src,
                            const asset_import_counts *counts, const long *created_ids, const char *digest, err *e);

#endif
