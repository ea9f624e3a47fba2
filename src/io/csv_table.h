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
    char **fields; /* UTF-8, NUL-terminated; point into the table's text */
    size_t n_fields;
} csv_row;

/* All cells live in one block of text and one array of pointers (not an allocation per
 * cell): a ledger of a million rows and 26 columns would otherwise be 26 million
 * allocations, slower to make and free than the file is to parse. */
typedef struct csv_table {
    csv_row *rows; /* owned */
    size_t n_rows;
    const char *encoding; /* "UTF-8" or "CP932": what the file was read as */
    char *text;           /* owned: every cell, each NUL-terminated */
    char *text_more;      /* owned: the second half's cells when a large file was parsed in two, else NULL */
    char **cells;         /* owned: every row's field pointers, row after row */
} csv_table;

/* encoding: NULL to detect, or "utf-8" / "cp932". */
err_code csv_table_parse(const char *data, size_t len, const char *encoding, csv_table *out, err *e);
void csv_table_free(csv_table *t);

#endif
