/* asset_export — the information asset ledger written out as a file people know: CSV
 * in UTF-8 with a BOM, CSV in CP932 (as Excel on Japanese Windows reads it), or XLSX;
 * the columns of asset_columns.h with Japanese headers and labels, the class label, the
 * disposal date also in 和暦, the update time in the body's zone.
 *
 * Need-to-know applies: the file holds exactly the assets asset_list shows the viewer
 * (ASSET_VIEWER_SYSTEM: all). The ledger is read page by page inside one read
 * transaction (one consistent snapshot, never the whole ledger in memory), in the
 * ledger's order (sort key, then id); every status unless the filter names one.
 *
 * CP932: every cell is encoded and decoded again (io/cp932.h). A character that would
 * come back different or cannot be written is a problem naming the cell, and the export
 * is refused (ERR_VALIDATION, every problem in the report), unless substitute is set:
 * then the replacement is written and each one is listed in the report. Exports: the
 * types and functions below. */
#ifndef MAMORI_ASSET_EXPORT_H
#define MAMORI_ASSET_EXPORT_H
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "db/db.h"
#include "domain/asset.h"
#include "io/cp932.h"

typedef enum asset_export_format { ASSET_EXPORT_CSV, ASSET_EXPORT_CSV_CP932, ASSET_EXPORT_XLSX } asset_export_format;

/* "csv", "csv-cp932", "xlsx"; false for anything else. */
bool asset_export_format_parse(const char *name, asset_export_format *out);
const char *asset_export_format_name(asset_export_format f);
/* "csv" or "xlsx" */
const char *asset_export_extension(asset_export_format f);

/* One CP932 problem (refused) or substitution (accepted), at a cell. */
typedef struct asset_export_note {
    size_t row;         /* as the spreadsheet numbers it: the header is row 1 */
    const char *column; /* the Japanese header (static) */
    char *message;      /* owned */
    cp932_change change; /* the character and what it would become (or became) */
} asset_export_note;

#define ASSET_EXPORT_MAX_LISTED 10000

typedef struct asset_export_report {
    size_t n_rows;          /* assets written */
    size_t n_sheets;        /* XLSX: sheets used */
    size_t n_problems;      /* CP932 problems (refused), all of them */
    size_t n_substitutions; /* CP932 substitutions made (substitute), all of them */
    asset_export_note *notes; /* owned: the first ASSET_EXPORT_MAX_LISTED problems or substitutions */
    size_t n_listed, cap;
} asset_export_report;
void asset_export_report_free(asset_export_report *r);

typedef struct asset_export_options {
    asset_export_format format;
    bool substitute;      /* CP932: write replacements instead of refusing */
    long viewer;          /* a person, or ASSET_VIEWER_SYSTEM */
    asset_filter filter;  /* the ledger's filters; cursor and limit are ignored; status NULL: all */
    size_t sheet_rows;    /* XLSX data rows per sheet (0: the most Excel takes) */
    const char *tmpdir;   /* XLSX: libxlsxwriter's temporary files (NULL: the system's) */
    /* Called after each page (may be NULL), and for each note as it is found (may be
     * NULL; every note, beyond those listed). */
    void (*progress)(void *arg, long done, long total);
    void (*on_note)(void *arg, const asset_export_note *note, bool substituted);
    void *arg;
} asset_export_options;

/* Writes the export to path (created or replaced). On any failure, including refused
 * CP932 problems (ERR_VALIDATION; the report lists them), the file at path is removed. */
err_code asset_export_write(db *d, const asset_export_options *o, const char *path, asset_export_report *r, err *e);

#endif
