/* xlsx_sheet — a table written as an Excel workbook the way ledger sheets are laid out:
 * a bold header row, frozen, with filters on it and set column widths, one row after
 * another in libxlsxwriter's constant-memory mode (a million rows in a few megabytes
 * of memory). Text is written as text, never as a formula or a number ("001" stays
 * "001", "=1+2" stays "=1+2"); columns marked numeric take whole numbers.
 *
 * A worksheet holds at most 1,048,576 rows (1,048,575 under the header); past the
 * limit given, the table goes on in a new sheet with the same header, named
 * "NAME (2)", "NAME (3)", … Exports: the functions below. */
#ifndef MAMORI_XLSX_SHEET_H
#define MAMORI_XLSX_SHEET_H
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

#define XLSX_MAX_DATA_ROWS 1048575

typedef struct xlsx_column {
    const char *header;
    double width;  /* in characters, as Excel counts them */
    bool numeric;  /* a whole number (an id): written as a number when it is one */
} xlsx_column;

typedef struct xlsx_book xlsx_book;

/* Starts a workbook at path (written by xlsx_close). sheet_name is the first sheet's
 * name; max_rows the data rows a sheet takes (0: XLSX_MAX_DATA_ROWS; tests split at a
 * few); tmpdir: where libxlsxwriter keeps its temporary files (NULL: the system's).
 * cols is borrowed until xlsx_close. Caller ends with xlsx_close or xlsx_abandon. */
err_code xlsx_open(const char *path, const char *sheet_name, const xlsx_column *cols, size_t n_cols, size_t max_rows,
                   const char *tmpdir, xlsx_book **out, err *e);
/* One data row of n_cols UTF-8 cells (NULL: empty). */
err_code xlsx_row(xlsx_book *b, const char *const *cells, err *e);
/* Sheets used so far. */
size_t xlsx_sheets(const xlsx_book *b);
/* Writes the file and frees b. */
err_code xlsx_close(xlsx_book *b, err *e);
/* Frees b; the file is written (libxlsxwriter has no other way out), and the caller
 * removes it. */
void xlsx_abandon(xlsx_book *b);

#endif
