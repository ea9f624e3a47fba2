/* csv_table — CSV into rows, with encodings (see csv_table.h). A large file is parsed
 * in two halves at once (pthreads), split at a line end outside quotes. */
#include "io/csv_table.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/xalloc.h"

static bool csv_valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (!len || i + len > n) return false;
        for (size_t k = 1; k < len; k++)
            if ((s[i + k] & 0xC0) != 0x80) return false;
        i += len;
    }
    return true;
}

/* CP932 to UTF-8 with glibc's iconv; the byte offset of the first bad byte on failure. */
static err_code csv_from_cp932(const char *data, size_t len, char **out, size_t *out_len, err *e)
{
    iconv_t cd = iconv_open("UTF-8", "CP932");
    if (cd == (iconv_t)-1) return err_set(e, ERR_INTERNAL, "this system cannot convert CP932");
    size_t cap = len * 3 + 16;
    char *dst = xmalloc(cap);
    char *in = (char *)data, *o = dst;
    size_t in_left = len, out_left = cap;
    err_code rc = OK;
    if (iconv(cd, &in, &in_left, &o, &out_left) == (size_t)-1)
        rc = err_set(e, ERR_VALIDATION, "the file is neither UTF-8 nor CP932 (a bad byte at offset %zu)",
                     (size_t)(in - data));
    iconv_close(cd);
    if (rc != OK) {
        free(dst);
        return rc;
    }
    *out_len = cap - out_left;
    *out = dst;
    return OK;
}

/* While parsing, cells are offsets into text (which moves as it grows); they become
 * pointers once the text is complete. */
typedef struct csv_builder {
    csv_table *t;
    buf text;
    size_t *offsets, n_cells, cap_cells; /* every cell's offset in text */
    size_t *row_start, cap_rows;         /* each row's first cell in offsets */
    size_t row_first;
    int error; /* libcsv's, when it failed */
} csv_builder;

static void csv_on_field(void *s, size_t len, void *data)
{
    csv_builder *b = data;
    if (b->n_cells == b->cap_cells) {
        b->cap_cells = b->cap_cells ? b->cap_cells * 2 : 256;
        b->offsets = xrealloc(b->offsets, b->cap_cells * sizeof *b->offsets);
    }
    b->offsets[b->n_cells++] = b->text.len;
    if (s && len) buf_append(&b->text, s, len);
    buf_append(&b->text, "", 1);
}

static void csv_on_row(int c, void *data)
{
    (void)c;
    csv_builder *b = data;
    if (b->t->n_rows + 1 >= b->cap_rows) {
        b->cap_rows = b->cap_rows ? b->cap_rows * 2 : 64;
        b->row_start = xrealloc(b->row_start, b->cap_rows * sizeof *b->row_start);
    }
    b->row_start[b->t->n_rows++] = b->row_first;
    b->row_first = b->n_cells;
}

/* Turns the builders' offsets (one, or two for the halves of a large file) into the
 * table's rows of pointers. */
static void csv_finish(csv_table *t, csv_builder *const *bs, size_t n_bs)
{
    size_t n_cells = 0, n_rows = 0;
    for (size_t k = 0; k < n_bs; k++) {
        n_cells += bs[k]->row_first; /* cells of complete rows */
        n_rows += bs[k]->t->n_rows;
    }
    t->cells = xcalloc(n_cells + 1, sizeof *t->cells);
    t->rows = xcalloc(n_rows + 1, sizeof *t->rows);
    size_t cell = 0, row = 0;
    for (size_t k = 0; k < n_bs; k++) {
        csv_builder *b = bs[k];
        char *text = buf_take(&b->text);
        if (k == 0) t->text = text;
        else t->text_more = text;
        size_t n = b->row_first, first_cell = cell;
        for (size_t i = 0; i < n; i++) t->cells[cell++] = text + b->offsets[i];
        for (size_t r = 0; r < b->t->n_rows; r++) {
            size_t first = b->row_start[r], last = r + 1 < b->t->n_rows ? b->row_start[r + 1] : n;
            t->rows[row].fields = t->cells + first_cell + first;
            t->rows[row++].n_fields = last - first;
        }
    }
    t->n_rows = n_rows;
}

/* libcsv over one stretch of the text into a builder (b->t counts its rows). */
static bool csv_run(const char *data, size_t len, csv_builder *b)
{
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    buf_init(&b->text, 0);
    bool ok = csv_parse(&p, data, len, csv_on_field, csv_on_row, b) == len &&
              csv_fini(&p, csv_on_field, csv_on_row, b) == 0;
    b->error = csv_error(&p);
    csv_free(&p);
    return ok;
}

static void csv_builder_free(csv_builder *b)
{
    buf_free(&b->text);
    free(b->offsets);
    free(b->row_start);
}

/* A file this large is parsed in two halves at once, on two threads. */
#define CSV_SPLIT_MIN ((size_t)4 << 20)

/* Where the second half starts: after the first line end past the middle that is
 * outside quotes (an odd number of quotes before it means inside a quoted cell, "" in
 * one counting twice). 0 when there is none. Only for the speed: a file at fault is
 * parsed again whole, so its report is the same either way. */
static size_t csv_split(const char *data, size_t len)
{
    size_t mid = len / 2, quotes = 0;
    for (const char *p = data; (p = memchr(p, '"', (size_t)(data + mid - p))) != NULL; p++) quotes++;
    bool inside = quotes & 1;
    for (size_t i = mid; i < len; i++) {
        if (data[i] == '"') inside = !inside;
        else if (data[i] == '\n' && !inside) return i + 1 < len ? i + 1 : 0;
    }
    return 0;
}

typedef struct csv_half {
    const char *data;
    size_t len;
    csv_builder b;
    csv_table rows; /* only its n_rows: the half's row count while it is built */
    bool ok;
} csv_half;

static void *csv_half_run(void *arg)
{
    csv_half *h = arg;
    h->ok = csv_run(h->data, h->len, &h->b);
    return NULL;
}

/* The two halves of a large file at once; false when either is at fault (or there is no
 * place to split), and the caller parses the whole file. */
static bool csv_parse_halves(const char *data, size_t len, csv_table *out)
{
    size_t split = len >= CSV_SPLIT_MIN ? csv_split(data, len) : 0;
    if (!split) return false;
    csv_half h[2];
    memset(h, 0, sizeof h);
    h[0] = (csv_half){.data = data, .len = split};
    h[1] = (csv_half){.data = data + split, .len = len - split};
    for (int k = 0; k < 2; k++) h[k].b.t = &h[k].rows;
    pthread_t second;
    bool threaded = pthread_create(&second, NULL, csv_half_run, &h[1]) == 0;
    csv_half_run(&h[0]);
    if (threaded) pthread_join(second, NULL);
    else csv_half_run(&h[1]);
    bool ok = h[0].ok && h[1].ok;
    if (ok) {
        csv_builder *bs[] = {&h[0].b, &h[1].b};
        csv_finish(out, bs, 2);
    }
    for (int k = 0; k < 2; k++) csv_builder_free(&h[k].b);
    return ok;
}

err_code csv_table_parse(const char *data, size_t len, const char *encoding, csv_table *out, err *e)
{
    memset(out, 0, sizeof *out);
    char *converted = NULL;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    bool utf8;
    if (encoding && (!strcasecmp(encoding, "utf-8") || !strcasecmp(encoding, "utf8"))) {
        if (!csv_valid_utf8((const unsigned char *)data, len))
            return err_set(e, ERR_VALIDATION, "the file is not valid UTF-8");
        utf8 = true;
    } else if (encoding && (!strcasecmp(encoding, "cp932") || !strcasecmp(encoding, "shift_jis") ||
                            !strcasecmp(encoding, "sjis"))) {
        utf8 = false;
    } else if (encoding) {
        return err_set(e, ERR_VALIDATION, "unknown encoding \"%s\" (utf-8 or cp932)", encoding);
    } else {
        utf8 = csv_valid_utf8((const unsigned char *)data, len); /* valid UTF-8, or else CP932 */
    }
    if (!utf8) {
        size_t n = 0;
        err_code rc = csv_from_cp932(data, len, &converted, &n, e);
        if (rc != OK) return rc;
        data = converted;
        len = n;
    }
    out->encoding = utf8 ? "UTF-8" : "CP932";

    err_code rc = OK;
    if (!csv_parse_halves(data, len, out)) {
        csv_builder b;
        memset(&b, 0, sizeof b);
        b.t = out;
        out->n_rows = 0;
        if (csv_run(data, len, &b)) {
            csv_builder *bs[] = {&b};
            csv_finish(out, bs, 1);
        } else {
            rc = err_set(e, ERR_VALIDATION, "the file is not valid CSV after row %zu: %s", out->n_rows,
                         csv_strerror(b.error));
        }
        csv_builder_free(&b);
    }
    free(converted);
    if (rc != OK) csv_table_free(out);
    return rc;
}

void csv_table_free(csv_table *t)
{
    free(t->rows);
    free(t->cells);
    free(t->text);
    free(t->text_more);
    memset(t, 0, sizeof *t);
}
