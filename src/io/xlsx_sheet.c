/* xlsx_sheet — ledger-like worksheets with libxlsxwriter in constant-memory mode (see
 * xlsx_sheet.h). In that mode a row is flushed to a temporary file as soon as the next
 * one starts, so rows go strictly in order and a sheet's filter range is set when the
 * sheet is finished (it is written out with the workbook at the end). */
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/xalloc.h"
#include "io/xlsx_sheet.h"

struct xlsx_book {
    lxw_workbook *wb;
    lxw_worksheet *ws;       /* the sheet being filled */
    lxw_format *header, *text;
    const xlsx_column *cols; /* borrowed */
    size_t n_cols, max_rows;
    size_t rows_in_sheet;    /* data rows in ws */
    size_t n_sheets;
    char *sheet_name;        /* owned */
};

/* Closes the filled sheet's filter over its header and data rows. */
static void xlsx_finish_sheet(xlsx_book *b)
{
    if (b->ws) worksheet_autofilter(b->ws, 0, 0, (lxw_row_t)b->rows_in_sheet, (lxw_col_t)(b->n_cols - 1));
}

static err_code xlsx_new_sheet(xlsx_book *b, err *e)
{
    xlsx_finish_sheet(b);
    b->n_sheets++;
    char *name = b->n_sheets == 1 ? xstrdup(b->sheet_name) : xasprintf("%s (%zu)", b->sheet_name, b->n_sheets);
    b->ws = workbook_add_worksheet(b->wb, name); /* the workbook copies the name */
    free(name);
    if (!b->ws) return err_set(e, ERR_INTERNAL, "cannot add worksheet %zu", b->n_sheets);
    b->rows_in_sheet = 0;
    for (size_t i = 0; i < b->n_cols; i++)
        worksheet_set_column(b->ws, (lxw_col_t)i, (lxw_col_t)i, b->cols[i].width, b->cols[i].numeric ? NULL : b->text);
    for (size_t i = 0; i < b->n_cols; i++) {
        lxw_error le = worksheet_write_string(b->ws, 0, (lxw_col_t)i, b->cols[i].header, b->header);
        if (le != LXW_NO_ERROR) return err_set(e, ERR_INTERNAL, "cannot write the header: %s", lxw_strerror(le));
    }
    worksheet_freeze_panes(b->ws, 1, 0);
    return OK;
}

err_code xlsx_open(const char *path, const char *sheet_name, const xlsx_column *cols, size_t n_cols, size_t max_rows,
                   const char *tmpdir, xlsx_book **out, err *e)
{
    *out = NULL;
    if (n_cols == 0 || n_cols > 16384) return err_set(e, ERR_INTERNAL, "a sheet has 1 to 16384 columns");
    lxw_workbook_options opts = {.constant_memory = LXW_TRUE, .tmpdir = (char *)tmpdir, .use_zip64 = LXW_FALSE};
    lxw_workbook *wb = workbook_new_opt(path, &opts);
    if (!wb) return err_set(e, ERR_INTERNAL, "cannot start a workbook at %s", path);
    xlsx_book *b = xcalloc(1, sizeof *b); /* owned by the caller: xlsx_close / xlsx_abandon */
    b->wb = wb;
    b->cols = cols;
    b->n_cols = n_cols;
    b->max_rows = max_rows == 0 || max_rows > XLSX_MAX_DATA_ROWS ? XLSX_MAX_DATA_ROWS : max_rows;
    b->sheet_name = xstrdup(sheet_name);
    b->header = workbook_add_format(wb);
    format_set_bold(b->header);
    format_set_bg_color(b->header, 0xD9E1F2);
    format_set_border(b->header, LXW_BORDER_THIN);
    /* "@": the cells stay text when someone types into them in Excel, too. */
    b->text = workbook_add_format(wb);
    format_set_num_format(b->text, "@");
    err_code rc = xlsx_new_sheet(b, e);
    if (rc != OK) {
        xlsx_abandon(b);
        return rc;
    }
    *out = b;
    return OK;
}

/* Is s a whole number Excel holds exactly (up to 15 digits, no leading zero)? */
static bool xlsx_whole_number(const char *s)
{
    size_t n = strlen(s);
    return n > 0 && n <= 15 && strspn(s, "0123456789") == n && (s[0] != '0' || n == 1);
}

err_code xlsx_row(xlsx_book *b, const char *const *cells, err *e)
{
    if (b->rows_in_sheet == b->max_rows) {
        err_code rc = xlsx_new_sheet(b, e);
        if (rc != OK) return rc;
    }
    lxw_row_t row = (lxw_row_t)(b->rows_in_sheet + 1);
    for (size_t i = 0; i < b->n_cols; i++) {
        const char *v = cells[i];
        if (!v || !*v) continue; /* an empty cell is no cell */
        lxw_error le;
        if (b->cols[i].numeric && xlsx_whole_number(v))
            le = worksheet_write_number(b->ws, row, (lxw_col_t)i, strtod(v, NULL), NULL);
        else
            le = worksheet_write_string(b->ws, row, (lxw_col_t)i, v, b->text);
        if (le != LXW_NO_ERROR)
            return err_set(e, ERR_VALIDATION, "row %zu, column %s: %s", b->rows_in_sheet + 2, b->cols[i].header,
                           lxw_strerror(le));
    }
    b->rows_in_sheet++;
    return OK;
}

size_t xlsx_sheets(const xlsx_book *b)
{
    return b->n_sheets;
}

static void xlsx_free(xlsx_book *b)
{
    free(b->sheet_name);
    free(b);
}

err_code xlsx_close(xlsx_book *b, err *e)
{
    xlsx_finish_sheet(b);
    lxw_error le = workbook_close(b->wb);
    xlsx_free(b);
    if (le != LXW_NO_ERROR) return err_set(e, ERR_INTERNAL, "cannot write the workbook: %s", lxw_strerror(le));
    return OK;
}

void xlsx_abandon(xlsx_book *b)
{
    if (!b) return;
    workbook_close(b->wb);
    xlsx_free(b);
}
