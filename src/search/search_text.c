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

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
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

/* ---- the common case, without libutf8proc ---- */

/* A text made only of characters that NFKC with case folding leaves as they are, one by
 * one and side by side, normalises to itself less its whitespace: ASCII but capitals,
 * kana and CJK ideographs — most of a Japanese ledger, which an import normalises a
 * million times. st_kept marks such characters in the BMP ranges where they live, each
 * checked against libutf8proc once (st_marks_init): a character is kept when
 * libutf8proc maps it to itself and it is a starter (combining class 0); in these ranges
 * no starter composes with the one before it (those that do are Hangul jamo and a few
 * Indic vowel signs), so side by side they stay as they are too. st_dropped marks the
 * space, tab and line ends, which the mapping keeps as or turns into a space, or drops,
 * and which the compaction then drops. Any other character (a capital, full-width or
 * half-width forms, a combining mark, beyond the BMP, invalid UTF-8) sends the text to
 * libutf8proc. Written once under st_marks_once, read-only after. */
static uint8_t st_kept[0x10000 / 8], st_dropped[0x80 / 8];
static pthread_once_t st_marks_once = PTHREAD_ONCE_INIT;

static bool st_bit(const uint8_t *bits, unsigned cp)
{
    return (bits[cp >> 3] >> (cp & 7)) & 1;
}

static void st_set(uint8_t *bits, unsigned cp)
{
    bits[cp >> 3] = (uint8_t)(bits[cp >> 3] | (1u << (cp & 7)));
}

static void st_marks_init(void)
{
    static const struct {
        unsigned from, to;
    } ranges[] = {{0x09, 0x0d}, {0x20, 0x7e}, {0x3001, 0x30ff}, {0x3400, 0x4dbf}, {0x4e00, 0x9fff}};
    for (size_t r = 0; r < sizeof ranges / sizeof *ranges; r++) {
        for (unsigned cp = ranges[r].from; cp <= ranges[r].to; cp++) {
            utf8proc_uint8_t in[4];
            utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, in);
            utf8proc_uint8_t *mapped = NULL;
            utf8proc_ssize_t m = utf8proc_map(in, n, &mapped, ST_OPTIONS);
            bool same = m == n && memcmp(mapped, in, (size_t)n) == 0;
            bool gone = m == 0 || (m == 1 && mapped[0] == ' ');
            free(mapped);
            if (utf8proc_get_property((utf8proc_int32_t)cp)->combining_class != 0) continue;
            if (cp == 0x20 || (cp >= 0x09 && cp <= 0x0d)) {
                if (gone && cp != 0x0b && cp != 0x0c) st_set(st_dropped, cp);
            } else if (same) {
                st_set(st_kept, cp);
            }
        }
    }
}

/* The text normalised without libutf8proc when every character of it allows (see
 * st_kept): *out owned by the caller. false (and *out NULL) otherwise. */
static bool st_fast(const char *text, size_t len, char **out)
{
    pthread_once(&st_marks_once, st_marks_init);
    const unsigned char *p = (const unsigned char *)text, *end = p + len;
    char *o = xmalloc(len + 1), *q = o;
    while (p < end) {
        unsigned cp;
        size_t n;
        if (p[0] < 0x80) {
            cp = p[0];
            n = 1;
        } else if (p[0] >= 0xc2 && p[0] <= 0xdf && p + 1 < end && (p[1] & 0xc0) == 0x80) {
            cp = ((unsigned)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
            n = 2;
        } else if (p[0] >= 0xe0 && p[0] <= 0xef && p + 2 < end && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
            cp = ((unsigned)(p[0] & 0x0f) << 12) | ((unsigned)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
            n = 3;
            if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) break; /* overlong, surrogate: invalid */
        } else {
            break; /* beyond the BMP, or invalid */
        }
        if (cp < 0x80 && st_bit(st_dropped, cp)) {
            p += n;
            continue;
        }
        if (!st_bit(st_kept, cp)) break;
        memcpy(q, p, n);
        q += n;
        p += n;
    }
    if (p < end) {
        free(o);
        *out = NULL;
        return false;
    }
    *q = '\0';
    *out = o;
    return true;
}

err_code search_text_normalize(const char *text, const char *field, char **out, err *e)
{
    *out = NULL;
    size_t len = strlen(text);
    if (len > SEARCH_TEXT_MAX_BYTES) {
        err_field_add(e, field, "must be at most %d bytes to be searchable", SEARCH_TEXT_MAX_BYTES);
        return ERR_VALIDATION;
    }
    if (st_fast(text, len, out)) return OK;
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

size_t search_text_gram_hex(uint64_t code, char *out)
{
    if (code & SEARCH_GRAM_BIGRAM) {
        st_hex6((unsigned)((code >> 24) & 0xffffff), out);
        st_hex6((unsigned)(code & 0xffffff), out + 6);
        out[12] = '\0';
        return 12;
    }
    st_hex6((unsigned)(code & 0xffffff), out);
    out[6] = '\0';
    return 6;
}
