/* asset_export — the ledger as CSV (UTF-8 + BOM, or CP932) or XLSX, page by page
 * through asset_list so that need-to-know and the filters are the ledger's own (see
 * asset_export.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/asset_columns.h"
#include "domain/asset_export.h"
#include "io/cp932.h"
#include "io/csv_write.h"
#include "io/xlsx_sheet.h"

#define AE_PAGE 1000

static const struct {
    const char *name, *extension;
} ae_formats[] = {
    [ASSET_EXPORT_CSV] = {"csv", "csv"},
    [ASSET_EXPORT_CSV_CP932] = {"csv-cp932", "csv"},
    [ASSET_EXPORT_XLSX] = {"xlsx", "xlsx"},
};

bool asset_export_format_parse(const char *name, asset_export_format *out)
{
    for (size_t i = 0; name && i < sizeof ae_formats / sizeof *ae_formats; i++)
        if (strcmp(ae_formats[i].name, name) == 0) {
            *out = (asset_export_format)i;
            return true;
        }
    return false;
}

const char *asset_export_format_name(asset_export_format f)
{
    return ae_formats[f].name;
}

const char *asset_export_extension(asset_export_format f)
{
    return ae_formats[f].extension;
}

void asset_export_report_free(asset_export_report *r)
{
    for (size_t i = 0; i < r->n_listed; i++) free(r->notes[i].message);
    free(r->notes);
    memset(r, 0, sizeof *r);
}

/* One asset as the file's cells; the texts made for it are owned here. */
typedef struct ae_cells {
    const char *v[ASSET_COL_COUNT];
    char id[24], version[24], updated[32];
    char *wareki; /* owned */
} ae_cells;

/* "2026-04-01T00:00:00Z" as "2026-04-01 09:00" in the body's zone (TZ, set at start-up). */
static void ae_local_time(const char *canon, char out[32])
{
    time_t t;
    struct tm tm;
    if (!canon || !time_parse_canon(canon, &t) || !localtime_r(&t, &tm) || !strftime(out, 32, "%Y-%m-%d %H:%M", &tm))
        snprintf(out, 32, "%s", canon ? canon : "");
}

static void ae_fill(const asset_row *a, ae_cells *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->id, sizeof c->id, "%ld", a->id);
    snprintf(c->version, sizeof c->version, "%ld", a->version);
    ae_local_time(a->updated_at, c->updated);
    int y, m, d;
    if (a->disposed_on && time_parse_date(a->disposed_on, &y, &m, &d)) c->wareki = wareki_format(y, m, d);
    c->v[ASSET_COL_ID] = c->id;
    c->v[ASSET_COL_VERSION] = c->version;
    c->v[ASSET_COL_NAME] = a->name;
    c->v[ASSET_COL_KIND] = asset_kind_label(a->kind);
    c->v[ASSET_COL_DESCRIPTION] = a->description;
    c->v[ASSET_COL_UNIT_CODE] = a->owner_unit_code;
    c->v[ASSET_COL_UNIT] = a->owner_unit;
    c->v[ASSET_COL_MANAGER] = a->manager;
    c->v[ASSET_COL_LOCATION] = a->location;
    c->v[ASSET_COL_SEGMENT] = asset_segment_label(a->segment);
    c->v[ASSET_COL_FORMAT] = asset_format_label(a->format);
    c->v[ASSET_COL_PERSONAL_DATA] = asset_yes_no_label(a->personal_data);
    c->v[ASSET_COL_MYNUMBER] = asset_yes_no_label(a->mynumber);
    c->v[ASSET_COL_RETENTION] = a->retention;
    c->v[ASSET_COL_DISPOSAL_METHOD] = a->disposal_method;
    c->v[ASSET_COL_CONFIDENTIALITY] = a->c.code;
    c->v[ASSET_COL_INTEGRITY] = a->i.code;
    c->v[ASSET_COL_AVAILABILITY] = a->a.code;
    c->v[ASSET_COL_CLASS_LABEL] = a->label;
    c->v[ASSET_COL_CLASS_REASON] = a->class_reason;
    c->v[ASSET_COL_STATUS] = asset_status_label(a->status);
    c->v[ASSET_COL_DISPOSED_ON] = a->disposed_on;
    c->v[ASSET_COL_DISPOSED_ON_WAREKI] = c->wareki;
    c->v[ASSET_COL_DISPOSED_METHOD] = a->disposed_method;
    c->v[ASSET_COL_DISPOSAL_WITNESS] = a->disposal_witness;
    c->v[ASSET_COL_UPDATED_AT] = c->updated;
}

/* The writer of one format: CSV to f (CP932 through cv), or XLSX to book. */
typedef struct ae_writer {
    const asset_export_options *o;
    asset_export_report *r;
    FILE *f;
    cp932 *cv;
    buf text, encoded;
    cp932_changes changes;
    xlsx_book *book;
    xlsx_column cols[ASSET_COL_COUNT];
} ae_writer;

static void ae_note(ae_writer *w, size_t row, size_t col, const cp932_change *ch)
{
    bool substituted = w->o->substitute;
    asset_export_note note = {row, asset_columns[col].ja, cp932_describe(ch, substituted), *ch};
    if (substituted) w->r->n_substitutions++;
    else w->r->n_problems++;
    if (w->o->on_note) w->o->on_note(w->o->arg, &note, substituted);
    if (w->r->n_listed < ASSET_EXPORT_MAX_LISTED) {
        if (w->r->n_listed == w->r->cap) {
            w->r->cap = w->r->cap ? w->r->cap * 2 : 64;
            w->r->notes = xrealloc(w->r->notes, w->r->cap * sizeof *w->r->notes);
        }
        w->r->notes[w->r->n_listed++] = note; /* the report owns the message now */
    } else {
        free(note.message);
    }
}

/* One CP932 cell: guarded, encoded, each change noted against (row, col). */
static err_code ae_cp932_cell(ae_writer *w, size_t row, size_t col, const char *value, bool last, err *e)
{
    const char *v = value ? value : "";
    buf_reset(&w->text);
    if (csv_write_needs_guard(v)) buf_puts(&w->text, "'");
    buf_puts(&w->text, v);
    err_code rc = cp932_encode(w->cv, buf_str(&w->text), w->text.len, &w->encoded, &w->changes, e);
    if (rc != OK) return rc;
    for (size_t i = 0; i < w->changes.n; i++) ae_note(w, row, col, &w->changes.items[i]);
    csv_write_raw(w->f, w->encoded.data ? w->encoded.data : "", w->encoded.len, last);
    return OK;
}

/* A row of cells (the header: row 1). */
static err_code ae_row(ae_writer *w, size_t row, const char *const *cells, err *e)
{
    switch (w->o->format) {
    case ASSET_EXPORT_CSV:
        for (size_t i = 0; i < ASSET_COL_COUNT; i++) csv_write_field(w->f, cells[i], i + 1 == ASSET_COL_COUNT);
        return OK;
    case ASSET_EXPORT_CSV_CP932:
        for (size_t i = 0; i < ASSET_COL_COUNT; i++) {
            err_code rc = ae_cp932_cell(w, row, i, cells[i], i + 1 == ASSET_COL_COUNT, e);
            if (rc != OK) return rc;
        }
        return OK;
    case ASSET_EXPORT_XLSX:
        return row == 1 ? OK : xlsx_row(w->book, cells, e); /* the header is the book's own */
    }
    return err_set(e, ERR_INTERNAL, "unknown export format");
}

static err_code ae_open(ae_writer *w, const char *path, err *e)
{
    buf_init(&w->text, 0);
    buf_init(&w->encoded, 0);
    if (w->o->format == ASSET_EXPORT_XLSX) {
        for (size_t i = 0; i < ASSET_COL_COUNT; i++)
            w->cols[i] = (xlsx_column){asset_columns[i].ja, asset_columns[i].width,
                                       i == ASSET_COL_ID || i == ASSET_COL_VERSION};
        return xlsx_open(path, "台帳", w->cols, ASSET_COL_COUNT, w->o->sheet_rows, w->o->tmpdir, &w->book, e);
    }
    if (w->o->format == ASSET_EXPORT_CSV_CP932) {
        err_code rc = cp932_open(&w->cv, e);
        if (rc != OK) return rc;
    }
    w->f = fopen(path, "wb");
    if (!w->f) return err_set(e, ERR_INTERNAL, "cannot write %s", path);
    /* A BOM tells Excel the file is UTF-8 (without one it reads CP932). */
    if (w->o->format == ASSET_EXPORT_CSV) fputs("\xEF\xBB\xBF", w->f);
    return OK;
}

/* Finishes the file; rc is how the export went so far (the file is closed either way). */
static err_code ae_close(ae_writer *w, err_code rc, err *e)
{
    if (w->book) {
        w->r->n_sheets = xlsx_sheets(w->book);
        if (rc == OK) rc = xlsx_close(w->book, e);
        else xlsx_abandon(w->book);
    }
    if (w->f) {
        bool bad = fflush(w->f) != 0 || ferror(w->f) || fsync(fileno(w->f)) != 0;
        if (fclose(w->f) != 0) bad = true;
        if (bad && rc == OK) rc = err_set(e, ERR_INTERNAL, "cannot write the export (disk full?)");
    }
    cp932_close(w->cv);
    cp932_changes_free(&w->changes);
    buf_free(&w->text);
    buf_free(&w->encoded);
    return rc;
}

err_code asset_export_write(db *d, const asset_export_options *o, const char *path, asset_export_report *r, err *e)
{
    memset(r, 0, sizeof *r);
    ae_writer w = {.o = o, .r = r};
    asset_filter f = o->filter;
    f.limit = AE_PAGE;
    f.cursor = NULL;
    if (!f.status) f.status = "all";
    char *cursor = NULL;
    long total = 0;
    db_conn *c = db_acquire(d);
    /* One read transaction: a consistent snapshot however long the export runs. */
    err_code rc = db_begin_read(c, e);
    if (rc == OK) rc = asset_count(c, o->viewer, &f, &total, e);
    if (rc == OK) rc = ae_open(&w, path, e);
    if (rc == OK) {
        const char *headers[ASSET_COL_COUNT];
        for (size_t i = 0; i < ASSET_COL_COUNT; i++) headers[i] = asset_columns[i].ja;
        rc = ae_row(&w, 1, headers, e);
    }
    if (o->progress) o->progress(o->arg, 0, total);
    while (rc == OK) {
        asset_page page;
        f.cursor = cursor;
        rc = asset_list(c, o->viewer, &f, &page, e);
        if (rc != OK) break;
        for (size_t i = 0; rc == OK && i < page.n; i++) {
            ae_cells cells;
            ae_fill(&page.items[i], &cells);
            rc = ae_row(&w, r->n_rows + 2, cells.v, e);
            free(cells.wareki);
            if (rc == OK) r->n_rows++;
        }
        free(cursor);
        cursor = page.next_cursor ? xstrdup(page.next_cursor) : NULL;
        asset_page_free(&page);
        if (o->progress) o->progress(o->arg, (long)r->n_rows, total);
        if (!cursor) break;
    }
    free(cursor);
    if (db_in_transaction(c)) db_rollback(c);
    db_release(c);
    rc = ae_close(&w, rc, e);
    if (rc == OK && r->n_problems)
        rc = err_set(e, ERR_VALIDATION, "%zu character%s cannot be written in CP932 as they are; nothing was exported"
                     " (with substitution, the nearest CP932 character is written and each one is listed)",
                     r->n_problems, r->n_problems == 1 ? "" : "s");
    if (rc != OK) unlink(path);
    return rc;
}
