/* csv_table — a CSV file as rows of UTF-8 fields, the way imports read them.
 * Parsing is libcsv's (quotes, commas and line breaks inside cells); this module adds
 * what a Japanese office's files need: a UTF-8 BOM is dropped, and a file that is not
 * valid UTF-8 is read as CP932 (Shift_JIS as Excel writes it), unless the caller names
 * the encoding. Rows are numbered as a spreadsheet numbers them (the first is 1). */
#ifndef MAMORI_CSV_TABLE_H
#define MAMORI_CSV_TABLE_H
#include <stddef.h>

#include "core/err.h"

typedef struct csv_row {
    char **fields; /* owned, UTF-8, NUL-terminated */
    size_t n_fields;
} csv_row;

typedef struct csv_table {
    csv_row *rows; /* owned */
    size_t n_rows;
    const char *encoding; /* "UTF-8" or "CP932": what the file was read as */
} csv_table;

/* encoding: NULL to detect, or "utf-8" / "cp932". */
err_code csv_table_parse(const char *data, size_t len, const char *encoding, csv_table *out, err *e);
void csv_table_free(csv_table *t);

#endif
