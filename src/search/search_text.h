/* search_text — the text side of search (DESIGN §5): what a document and a query become
 * before they meet. Pure functions, no store.
 *
 * Normalisation is NFKC with case folding (libutf8proc), default-ignorable code points
 * (zero-width spaces, soft hyphens, variation selectors) and control characters dropped:
 * ＬＧＷＡＮ → lgwan, ｼｽﾃﾑ → システム, ① → 1, ㈱ → (株); 髙 stays 髙 (it has no
 * compatibility mapping). Hiragana and katakana stay distinct (they are distinct in
 * NFKC): たなか does not find タナカ. The long-vowel mark ー is kept, so サーバ finds
 * サーバー but not the other way round.
 *
 * A document is a few fields (a name, its reading …). Within a field whitespace is
 * removed, so 田中健 finds 田中 健; fields are joined by one space, which no query term
 * contains, so a term never matches across two fields.
 *
 * A query is split on whitespace (after normalisation, so the ideographic space U+3000
 * splits too) into terms; a document matches when it contains every term as a
 * substring (AND). A term of one character is a term like any other.
 *
 * Grams are what the index stores: every character of a field (unigram) and every pair of
 * neighbouring characters (bigram). A term of two or more characters needs its bigrams,
 * a term of one character its unigram; so every query hits the index, also the
 * two-character words Japanese is full of. */
#ifndef MAMORI_SEARCH_TEXT_H
#define MAMORI_SEARCH_TEXT_H
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define SEARCH_TEXT_MAX_BYTES (64 * 1024) /* the most input one document's fields may hold */
#define SEARCH_QUERY_MAX_BYTES 1024       /* the most input a query may hold */
#define SEARCH_QUERY_MAX_TERMS 8          /* the most words a query may have */

/* One field normalised, whitespace removed. ERR_VALIDATION (field `field`) for invalid
 * UTF-8 or more than SEARCH_TEXT_MAX_BYTES. *out is owned by the caller. */
err_code search_text_normalize(const char *text, const char *field, char **out, err *e);

/* The normalised document of n fields (NULL fields skipped): each field normalised, the
 * non-empty ones joined by one space. ERR_VALIDATION as above for the fields together.
 * *out is owned by the caller. */
err_code search_text_document(const char *const *fields, size_t n, char **out, err *e);

typedef struct search_terms {
    char **terms; /* owned; normalised, non-empty, no whitespace, no duplicates */
    size_t n;
} search_terms;

/* A query's terms. q with nothing searchable (empty, spaces, only ignorable characters)
 * gives zero terms. ERR_VALIDATION, naming field, for invalid UTF-8, more than
 * SEARCH_QUERY_MAX_BYTES or more than SEARCH_QUERY_MAX_TERMS words. */
err_code search_text_query(const char *q, const char *field, search_terms *out, err *e);
void search_terms_free(search_terms *t);

/* Grams as numbers: a unigram is its code point, a bigram has bit 48 set, the first
 * code point in bits 24–47 and the second in bits 0–23. */
#define SEARCH_GRAM_BIGRAM (1ULL << 48)

typedef struct search_grams {
    uint64_t *codes; /* owned; ascending, distinct */
    size_t n;
} search_grams;

/* Every unigram and bigram of a normalised document (bigrams do not span the space
 * between fields). The document is text search_text_document made; anything else is
 * read as if it were (invalid UTF-8 is skipped byte by byte). */
void search_text_grams(const char *document, search_grams *out);
/* The grams a document must hold to contain the normalised term: its bigrams, or its
 * unigram when it is one character. */
void search_text_term_grams(const char *term, search_grams *out);
/* The grams of all the terms of a query together. */
void search_text_query_grams(const search_terms *q, search_grams *out);
void search_grams_free(search_grams *g);

/* The gram as text: 6 hex digits for a unigram, 12 for a bigram, into buf (at least
 * SEARCH_GRAM_HEX_MAX bytes, NUL-terminated); returns the digits' number. */
#define SEARCH_GRAM_HEX_MAX 13
size_t search_text_gram_hex(uint64_t code, char *buf);

#endif
