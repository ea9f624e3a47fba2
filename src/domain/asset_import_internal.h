/* asset_import_internal — what the ledger import's files (asset_import.c,
 * asset_import_cells.c) share and nothing else calls: the enumerations' Japanese labels
 * and codes (the codes are asset.c's). */
#ifndef MAMORI_ASSET_IMPORT_INTERNAL_H
#define MAMORI_ASSET_IMPORT_INTERNAL_H
#include <stddef.h>

typedef struct asset_import_label {
    const char *label, *code;
} asset_import_label;

extern const asset_import_label asset_import_kinds[6];
extern const asset_import_label asset_import_segments[5];
extern const asset_import_label asset_import_formats[2];
extern const asset_import_label asset_import_statuses[2];
#define ASSET_IMPORT_N(a) (sizeof(a) / sizeof *(a))

/* The code of a cell written as a label or a code of list; NULL when it is neither. */
const char *asset_import_enum(const char *v, const asset_import_label *list, size_t n);
/* The label of a code (the code itself when it has none). */
const char *asset_import_enum_label(const char *code, const asset_import_label *list, size_t n);

#endif
