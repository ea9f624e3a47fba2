/* search_text — normalisation, query terms and grams for search (see search_text.h).
 *
 * Exports search_text_normalize, _document and _query (text in, normalised text out),
 * search_text_grams and _term_grams (normalised text in, grams out) and
 * search_text_gram_hex (a gram's spelling in the index).
 *
 * The gram functions read only the normalised text, never libutf8proc: the index keeps
 * the normalised text of every document and derives the grams to remove from it, so
 * the grams of a stored text must never change. A change to normalisation (a new
 * libutf8proc with a new Unicode version included) is safe after `mamori search
 * reindex`; a change to how grams are cut from normalised text is not safe without it. */
#include "search/search_text.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/buf.h"
#include "core/xalloc.h"

/* NFKC (COMPAT + COMPOSE), case folded, default-ignorables dropped (IGNORE), control
 * characters dropped and line ends and tabs made spaces (STRIPCC); STABLE keeps to the
 * compositions Unicode's stability policy promises never to change. */
#define ST_OPTIONS \
    (UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | UTF8PROC_STRIPCC)

/* NFKC can lengthen text (U+FDFA is 18 characters); a document may grow this much. */
#define ST_MAX_GROWTH 4

static bool st_space(utf8proc_int32_t cp)
{
    if (cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || cp == 0x85) return true;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
}

/* Normalises len bytes of text. *out is malloc'd (by libutf8proc), owned by the caller. */
static err_code st_map(const char *text, size_t len, const char *field, char **out, err *e)
{
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len, &mapped, ST_OPTIONS);
    if (n == UTF8PROC_ERROR_NOMEM) {
        /* mamori's out-of-memory policy (xalloc.h): say so and stop. */
        fputs("mamori: out of memory\n", stderr);
        abort();
    }
    if (n < 0) {
        free(mapped);
        err_field_add(e, field, "is not valid UTF-8");
        return ERR_VALIDATION;
    }
    if ((size_t)n > len * ST_MAX_GROWTH + 64) {
        free(mapped);
        err_field_add(e, field, "is too long once normalised");
        return ERR_VALIDATION;
    }
    *out = (char *)mapped;
    return OK;
}

/* Appends the normalised text to b without its whitespace. */
static void st_append_compact(buf *b, const char *norm)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)norm;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(norm);
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step = utf8proc_iterate(p, left, &cp);
        if (step <= 0) step = 1; /* cannot happen on libutf8proc's own output */
        else if (!st_space(cp)) buf_append(b, p, (size_t)step);
        p += step;
        left -= step;
    }
}

err_code search_text_normalize(const char *text, const char *field, char **out, err *e)
{
    *out = NULL;
    size_t len = strlen(text);
    if (len > SEARCH_TEXT_MAX_BYTES) {
        err_field_add(e, field, "must be at most %d bytes to be searchable", SEARCH_TEXT_MAX_BYTES);
        return ERR_VALIDATION;
    }
    char *mapped = NULL;
    err_code rc = st_map(text, len, field, &mapped, e);
    if (rc != OK) return rc;
    buf b;
    buf_init(&b, 0);
    st_append_compact(&b, mapped);
    free(mapped);
    *out = b.data ? buf_take(&b) : xstrdup("");
    return OK;
}

err_code search_text_document(const char *const *fields, size_t n, char **out, err *e)
{
    *out = NULL;
    size_t total = 0;
    for (size_t i = 0; i < n; i++) total += fields[i] ? strlen(fields[i]) : 0;
    if (total > SEARCH_TEXT_MAX_BYTES) {
        err_field_add(e, "text", "must be at most %d bytes to be searchable", SEARCH_TEXT_MAX_BYTES);
        return ERR_VALIDATION;
    }
    buf b;
    buf_init(&b, 0);
    err_code rc = OK;
    for (size_t i = 0; i < n && rc == OK; i++) {
        if (!fields[i]) continue;
        char *norm = NULL;
        rc = search_text_normalize(fields[i], "text", &norm, e);
        if (rc == OK && *norm) {
            if (b.len) buf_append(&b, " ", 1);
            buf_puts(&b, norm);
        }
        free(norm);
    }
    if (rc != OK) {
        buf_free(&b);
        return rc;
    }
    *out = b.data ? buf_take(&b) : xstrdup("");
    return OK;
}

err_code search_text_query(const char *q, const char *field, search_terms *out, err *e)
{
    memset(out, 0, sizeof *out);
    size_t len = strlen(q);
    if (len > SEARCH_QUERY_MAX_BYTES) {
        err_field_add(e, field, "must be at most %d bytes", SEARCH_QUERY_MAX_BYTES);
        return ERR_VALIDATION;
    }
    char *mapped = NULL;
    err_code rc = st_map(q, len, field, &mapped, e);
    if (rc != OK) return rc;
    /* Split on whitespace; each word keeps its bytes (it is already normalised). */
    out->terms = xcalloc(SEARCH_QUERY_MAX_TERMS + 1, sizeof *out->terms);
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)mapped, *word = NULL;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(mapped);
    for (;;) {
        utf8proc_int32_t cp = ' ';
        utf8proc_ssize_t step = 0;
        if (left > 0) {
            step = utf8proc_iterate(p, left, &cp);
            if (step <= 0) { /* cannot happen on libutf8proc's own output */
                step = 1;
                cp = 0;
            }
        }
        bool end = left <= 0 || st_space(cp);
        if (end && word) {
            char *term = xstrndup((const char *)word, (size_t)(p - word));
            bool seen = false;
            for (size_t i = 0; i < out->n && !seen; i++) seen = strcmp(out->terms[i], term) == 0;
            if (seen) {
                free(term);
            } else if (out->n == SEARCH_QUERY_MAX_TERMS) {
                free(term);
                err_field_add(e, field, "may have at most %d words", SEARCH_QUERY_MAX_TERMS);
                rc = ERR_VALIDATION;
                break;
            } else {
                out->terms[out->n++] = term;
            }
            word = NULL;
        } else if (!end && !word) {
            word = p;
        }
        if (left <= 0) break;
        p += step;
        left -= step;
    }
    free(mapped);
    if (rc != OK) search_terms_free(out);
    return rc;
}

void search_terms_free(search_terms *t)
{
    for (size_t i = 0; i < t->n; i++) free(t->terms[i]);
    free(t->terms);
    memset(t, 0, sizeof *t);
}

/* ---- grams ---- */

typedef struct st_codes {
    uint64_t *v; /* owned */
    size_t n, cap;
} st_codes;

static void st_push(st_codes *c, uint64_t code)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 32;
        c->v = xrealloc(c->v, c->cap * sizeof *c->v);
    }
    c->v[c->n++] = code;
}

/* Sorts codes ascending: quicksort down to short runs, then insertion sort. Not qsort:
 * its calls through a comparison function were a tenth of an import's own work (a
 * document has tens of grams, an import a million documents). */
static void st_sort(uint64_t *v, size_t n)
{
    while (n > 16) {
        uint64_t a = v[0], b = v[n / 2], c = v[n - 1];
        uint64_t pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
        size_t i = 0, j = n - 1;
        for (;;) {
            while (v[i] < pivot) i++;
            while (v[j] > pivot) j--;
            if (i >= j) break;
            uint64_t t = v[i];
            v[i++] = v[j];
            v[j--] = t;
        }
        /* Recurse into the smaller side, loop on the larger: the stack stays shallow. */
        size_t left = j + 1;
        if (left < n - left) {
            st_sort(v, left);
            v += left;
            n -= left;
        } else {
            st_sort(v + left, n - left);
            n = left;
        }
    }
    for (size_t i = 1; i < n; i++) {
        uint64_t x = v[i];
        size_t k = i;
        for (; k > 0 && v[k - 1] > x; k--) v[k] = v[k - 1];
        v[k] = x;
    }
}

static void st_finish(st_codes *c, search_grams *out)
{
    if (c->n) st_sort(c->v, c->n);
    size_t k = 0;
    for (size_t i = 0; i < c->n; i++)
        if (k == 0 || c->v[k - 1] != c->v[i]) c->v[k++] = c->v[i];
    out->codes = c->v;
    out->n = k;
}

static uint64_t st_bigram(utf8proc_int32_t a, utf8proc_int32_t b)
{
    return SEARCH_GRAM_BIGRAM | ((uint64_t)(uint32_t)a << 24) | (uint64_t)(uint32_t)b;
}

/* Walks the text's code points; a space ends a segment, and bigrams stop there. With
 * unigrams false, a one-character text still gives its unigram (a term). */
static void st_cut(const char *text, bool unigrams, st_codes *c)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(text);
    utf8proc_int32_t prev = -1;
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step = utf8proc_iterate(p, left, &cp);
        p += step > 0 ? step : 1;
        left -= step > 0 ? step : 1;
        if (step <= 0) continue;
        if (cp == ' ') {
            prev = -1;
            continue;
        }
        if (unigrams) st_push(c, (uint64_t)(uint32_t)cp);
        if (prev >= 0) st_push(c, st_bigram(prev, cp));
        prev = cp;
    }
}

void search_text_grams(const char *document, search_grams *out)
{
    st_codes c = {0};
    st_cut(document, true, &c);
    st_finish(&c, out);
}

/* A term's bigrams, or its unigram when it is one character. */
static void st_term(const char *term, st_codes *c)
{
    size_t before = c->n;
    st_cut(term, false, c);
    if (c->n == before) st_cut(term, true, c);
}

void search_text_term_grams(const char *term, search_grams *out)
{
    st_codes c = {0};
    st_term(term, &c);
    st_finish(&c, out);
}

void search_text_query_grams(const search_terms *q, search_grams *out)
{
    st_codes c = {0};
    for (size_t i = 0; i < q->n; i++) st_term(q->terms[i], &c);
    st_finish(&c, out);
}

void search_grams_free(search_grams *g)
{
    free(g->codes);
    memset(g, 0, sizeof *g);
}

/* Six lower-case hex digits of v at out (what "%06x" writes, without printf's cost:
 * an import spells tens of millions of grams). */
static void st_hex6(unsigned v, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 5; i >= 0; i--, v >>= 4) out[i] = digits[v & 0xf];
}

void search_text_gram_hex(uint64_t code, char *out)
{
    if (code & SEARCH_GRAM_BIGRAM) {
        st_hex6((unsigned)((code >> 24) & 0xffffff), out);
        st_hex6((unsigned)(code & 0xffffff), out + 6);
        out[12] = '\0';
    } else {
        st_hex6((unsigned)(code & 0xffffff), out);
        out[6] = '\0';
    }
}
