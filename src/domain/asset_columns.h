/* asset_columns — the ledger's columns in CSV and XLSX files, shared by the export and
 * the import (/work/asset-columns.md is the agreement): order, Japanese and English
 * headers, and the Japanese labels of coded values. Exports: the table and lookups. */
#ifndef MAMORI_ASSET_COLUMNS_H
#define MAMORI_ASSET_COLUMNS_H
#include <stdbool.h>
#include <stddef.h>

typedef struct asset_column {
    const char *ja, *en; /* headers: the export writes ja; an import accepts either */
    double width;        /* in characters, for XLSX */
    bool export_only;    /* an import ignores it */
} asset_column;

enum {
    ASSET_COL_ID, ASSET_COL_VERSION, ASSET_COL_NAME, ASSET_COL_KIND, ASSET_COL_DESCRIPTION, ASSET_COL_UNIT_CODE,
    ASSET_COL_UNIT, ASSET_COL_MANAGER, ASSET_COL_LOCATION, ASSET_COL_SEGMENT, ASSET_COL_FORMAT,
    ASSET_COL_PERSONAL_DATA, ASSET_COL_MYNUMBER, ASSET_COL_RETENTION, ASSET_COL_DISPOSAL_METHOD,
    ASSET_COL_CONFIDENTIALITY, ASSET_COL_INTEGRITY, ASSET_COL_AVAILABILITY, ASSET_COL_CLASS_LABEL,
    ASSET_COL_CLASS_REASON, ASSET_COL_STATUS, ASSET_COL_DISPOSED_ON, ASSET_COL_DISPOSED_ON_WAREKI,
    ASSET_COL_DISPOSED_METHOD, ASSET_COL_DISPOSAL_WITNESS, ASSET_COL_UPDATED_AT,
    ASSET_COL_COUNT
};

extern const asset_column asset_columns[ASSET_COL_COUNT];

/* The Japanese labels of coded values, in the order the UI lists them. */
typedef struct asset_label {
    const char *code, *ja;
} asset_label;
extern const asset_label asset_kind_labels[6];
extern const asset_label asset_segment_labels[5];
extern const asset_label asset_format_labels[2];
extern const asset_label asset_status_labels[2];
#define ASSET_LABELS_N(t) (sizeof(t) / sizeof *(t))

/* A code's Japanese label (kind information → 情報, segment lgwan → LGWAN接続系,
 * format, status), or the code itself when it has none. */
const char *asset_kind_label(const char *code);
const char *asset_segment_label(const char *code);
const char *asset_format_label(const char *code);
const char *asset_status_label(const char *code);
/* あり / なし */
const char *asset_yes_no_label(bool v);

/* The code of a Japanese label or of the code itself (for imports); NULL when neither. */
const char *asset_kind_code(const char *label);
const char *asset_segment_code(const char *label);
const char *asset_format_code(const char *label);
const char *asset_status_code(const char *label);

#endif
