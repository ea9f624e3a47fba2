/* asset_import_internal — what the ledger import's files (asset_import.c,
 * asset_import_cells.c) share and nothing else calls: reading the enumerations' cells by
 * the Japanese labels of asset_columns.h (the codes are asset.c's). */
#ifndef MAMORI_ASSET_IMPORT_INTERNAL_H
#define MAMORI_ASSET_IMPORT_INTERNAL_H
#include <stddef.h>

#include "domain/asset_columns.h"

#define ASSET_IMPORT_N(a) (sizeof(a) / sizeof *(a))

/* The code of a cell written as a label or a code of list; NULL when it is neither. */
const char *asset_import_enum(const char *v, const asset_label *list, size_t n);
/* The label of a code (the code itself when it has none). */
const char *asset_import_enum_label(const char *code, const asset_label *list, size_t n);

#endif
