/* asset_import — the information asset ledger from a CSV file, as the sections keep it in
 * Excel today. The columns are the export's (docs/asset-columns: Japanese or English
 * headers, any order; values as Japanese labels or codes). Every row and every column is
 * checked and every problem reported with its row (as the spreadsheet numbers it) and
 * column; nothing is written unless the whole file is valid, and then everything is
 * written in the caller's one transaction: each asset with its version and its search
 * entry, as a single write would leave them, and the import audited as one write.
 *
 * A row with an ID changes that asset (the importer must be allowed to: asset.write in
 * its unit, or its manager); with a 版 (version) too, it is refused when the asset has
 * changed since. A row without an ID registers a new asset. 状態 = 廃棄済 disposes of the
 * asset (a new one is registered, then disposed of); a disposed asset is never brought
 * back to use. A row identical to the stored asset changes nothing. */
#ifndef MAMORI_ASSET_IMPORT_H
#define MAMORI_ASSET_IMPORT_H
#include <stdbool.h>
#include <stddef.h>

#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/import_report.h"
#include "io/csv_table.h"

/* The columns, in the export's order (asset_columns.h gives their headers). */
typedef enum asset_import_col {
    AI_ID, AI_VERSION, AI_NAME, AI_KIND, AI_DESCRIPTION, AI_UNIT_CODE, AI_UNIT, AI_MANAGER, AI_LOCATION, AI_SEGMENT,
    AI_FORMAT, AI_PERSONAL, AI_MYNUMBER, AI_RETENTION, AI_DISPOSAL_METHOD, AI_C, AI_I, AI_A, AI_CLASS_LABEL,
    AI_CLASS_REASON, AI_STATUS, AI_DISPOSED_ON, AI_DISPOSED_WAREKI, AI_DISPOSED_METHOD, AI_WITNESS, AI_UPDATED_AT,
    AI_COUNT
} asset_import_col;

/* The column a header names (Japanese, or English in any case; surrounding blanks
 * ignored), or -1. */
int asset_import_column(const char *header);
/* A date as 2025-04-01, 2025/4/1 (or 2025-4-1) or 令和7年4月1日 (平成, 昭和; 元年 for the
 * first year) into out as YYYY-MM-DD; false when it is none of these or no such day. */
bool asset_import_date(const char *s, char out[11]);
/* A yes/no cell: 1 (あり, ○, はい, 1, true, yes), 0 (なし, ×, いいえ, 0, false, no, or
 * empty), -1 for anything else. */
int asset_import_flag(const char *s);

typedef struct asset_import_plan asset_import_plan;

typedef struct asset_import_counts {
    size_t created, updated, disposed, unchanged;
} asset_import_counts;

/* Where an apply's time went, in seconds (bench/import; the command prints it under
 * MAMORI_IMPORT_TIMING): the new assets' parts — staging (waiting for the second
 * thread included, and said apart), the assets, their versions, their search documents
 * and tokens — the ledger's indexes built again, and the second thread's own CPU time.
 * The rest of the apply (changes, compliance figures, disposals, the event) is what
 * these leave of its whole time. */
typedef struct asset_import_timing {
    double stage, waited, assets, versions, documents, tokens, indexes, worker_cpu;
} asset_import_timing;

/* The file an import reads, as its audit event records it. */
typedef struct asset_import_source {
    const char *name;   /* as the importer named it: the command's argument, the upload's name */
    const char *sha256; /* hex SHA-256 of the file's bytes */
    long job;           /* the job importing it; 0 from the command line */
} asset_import_source;

/* Checks the whole table for an importer (a person id; 0 is the system — the command
 * line — which may import into every unit). Problems go to report; the plan (owned by
 * the caller, asset_import_plan_free) is what asset_import_apply writes. progress may
 * be NULL. */
err_code asset_import_check(db_conn *c, long importer, const char *network_model, const csv_table *t, asset_import_plan **plan,
                            import_report *report, void (*progress)(void *arg, size_t done, size_t total), void *arg,
                            err *e);
/* Writes a plan with no problems inside the caller's write transaction. strict: the
 * container rule is an error (setting asset_container_strict), for assets with
 * relations. A failure (an asset changed since the check) names its row in e.
 *
 * Audited as one write (DESIGN §6): a changed or disposed asset is an asset.update or
 * asset.dispose event as a single change would be; the new assets are not an event each
 * but one asset.import event for the import (when it wrote anything) naming the file
 * (src), the counts, the new assets' ids and the SHA-256 digest of their first versions,
 * which `mamori audit verify` recomputes (asset_import_check_event). timing may be NULL. */
err_code asset_import_apply(db_conn *c, const audit_actor *actor, const asset_import_source *src,
                            const asset_import_plan *plan, bool strict, asset_import_counts *counts,
                            asset_import_timing *timing, void (*progress)(void *arg, size_t done, size_t total),
                            void *arg, err *e);
/* For audit verify (audit_check_detail): an asset.import event's detail against the
 * store — its new assets' first versions, counted and digested again. OK with
 * *problem NULL when they match, OK with *problem (owned by the caller) saying what
 * differs. */
err_code asset_import_check_event(db_conn *c, const char *detail, char **problem, err *e);
/* Rows the plan will write (new and changed), for progress. */
size_t asset_import_plan_writes(const asset_import_plan *plan);
void asset_import_plan_free(asset_import_plan *plan);

#endif
