/* search_index — the shared search index (see search_index.h).
 *
 * Exports search_index_put, _remove and _clear (writing) and search_index_cond (the
 * condition a list query embeds).
 *
 * Storage (migrations 0016): search_doc(kind, object_id, text) on both backends holds
 * the normalised text, and the grams of that text as tokens "<kind>_<hex>" go to an
 * inverted index: SQLite's FTS5 table search_token (contentless, detail=none, rowid =
 * search_doc.id) or, on PostgreSQL, the column search_doc.tokens under a GIN index.
 * Both intersect posting lists natively, so a query of several common grams whose
 * combination is rare ("ファイルサーバ 予備") costs a merge, not a probe per candidate.
 * The per-backend SQL is the one table below (DESIGN §5 keeps dialects out of the
 * domain; this module is the search index's storage).
 *
 * The tokens only narrow the candidates; the text decides. A document is a match when
 * its text contains every term, checked on every path (also for candidates found a
 * moment before the list statement ran: one changed meanwhile is checked as it is now),
 * so an index that held extra tokens would cost time but never give a wrong answer. An FTS5 contentless table
 * removes a document only when told its tokens, so the tokens to remove are cut again
 * from the stored text (search_text_grams reads only normalised text, which is why its
 * rules must not change without a reindex). */
#include "search/search_index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"

typedef struct si_dialect {
    bool tokens_in_doc;        /* PostgreSQL: search_doc.tokens; SQLite: the FTS5 table */
    const char *doc_insert;    /* $1 kind, $2 object id, $3 text[, $4 tokens] → id */
    const char *doc_update;    /* $1 id, $2 text[, $3 tokens] */
    const char *tokens_add;    /* $1 id, $2 tokens; NULL when tokens_in_doc */
    const char *tokens_remove; /* $1 id, $2 the tokens it was given */
    const char *clear_tokens;  /* NULL when tokens_in_doc */
    const char *candidates;    /* $1 tokens, $2 the most to return: documents (ids) holding them all */
    /* The "few hits" shape: id column, the parameter of the candidates' list, the kind
     * parameter, then the text checks. The CROSS JOIN keeps SQLite from reading every
     * document of the kind to probe the list: it reads the list, then each by its id. */
    const char *from_index;
    const char *contains;      /* the text check of one term: its parameter number */
    char token_sep;
    const char *tokens_open, *tokens_close, *ids_open, *ids_close;
    /* A batch (search_batch_*): the columns it needs in the caller's staging table, and
     * the documents from it (%s its object id column, %s the table; $1 the kind). */
    const char *batch_columns;
    const char *batch_write;
    bool bulk_settings; /* the FTS5 table's settings for a batch (si_fts_settings) */
} si_dialect;

static const si_dialect si_sqlite = {
    .tokens_in_doc = false,
    .doc_insert = "INSERT INTO search_doc (kind, object_id, text) VALUES ($1, CAST($2 AS INTEGER), $3) RETURNING id",
    .doc_update = "UPDATE search_doc SET text = $2 WHERE id = CAST($1 AS INTEGER)",
    .tokens_add = "INSERT INTO search_token (rowid, tokens) VALUES (CAST($1 AS INTEGER), $2)",
    .tokens_remove = "INSERT INTO search_token (search_token, rowid, tokens) VALUES ('delete', CAST($1 AS INTEGER), $2)",
    .clear_tokens = "INSERT INTO search_token (search_token) VALUES ('delete-all')",
    .candidates = "SELECT rowid FROM search_token WHERE search_token MATCH $1 LIMIT CAST($2 AS INTEGER)",
    .from_index = "%s IN (SELECT d.object_id FROM json_each($%d) j CROSS JOIN search_doc d ON d.id = j.value"
                  " WHERE d.kind = $%d%s)",
    .contains = " AND instr(d.text, $%d) > 0",
    .token_sep = ' ',
    .tokens_open = "",
    .tokens_close = "",
    .ids_open = "[",
    .ids_close = "]",
    .batch_columns = "doc_id BIGINT, doc_text TEXT, doc_tokens TEXT",
    .batch_write = "INSERT INTO search_doc (id, kind, object_id, text) SELECT doc_id, $1, %s, doc_text FROM %s",
    .bulk_settings = true,
};

static const si_dialect si_postgres = {
    .tokens_in_doc = true,
    .doc_insert = "INSERT INTO search_doc (kind, object_id, text, tokens) VALUES ($1, CAST($2 AS BIGINT), $3,"
                  " CAST($4 AS TEXT[])) RETURNING id",
    .doc_update = "UPDATE search_doc SET text = $2, tokens = CAST($3 AS TEXT[]) WHERE id = CAST($1 AS BIGINT)",
    .tokens_add = NULL,
    .tokens_remove = NULL,
    .clear_tokens = NULL,
    .candidates = "SELECT id FROM search_doc WHERE tokens @> CAST($1 AS TEXT[]) LIMIT CAST($2 AS BIGINT)",
    .from_index = "%s IN (SELECT d.object_id FROM search_doc d WHERE d.id = ANY (CAST($%d AS BIGINT[]))"
                  " AND d.kind = $%d%s)",
    .contains = " AND strpos(d.text, $%d) > 0",
    .token_sep = ',',
    .tokens_open = "{",
    .tokens_close = "}",
    .ids_open = "{",
    .ids_close = "}",
    .batch_columns = "doc_id BIGINT, doc_text TEXT, doc_tokens TEXT[]",
    .batch_write = "INSERT INTO search_doc (id, kind, object_id, text, tokens) SELECT doc_id, $1, %s, doc_text, doc_tokens"
                   " FROM %s",
};

/* A query uses at most this many of its grams to find candidates; the text check of
 * every term keeps the answer exact whatever grams were left out. */
#define SI_QUERY_MAX_TOKENS 32

static const si_dialect *si_of(const db_conn *c)
{
    return db_conn_kind(c) == DB_POSTGRES ? &si_postgres : &si_sqlite;
}

static bool si_kind_ok(const char *kind)
{
    size_t n = strlen(kind);
    if (n == 0 || n > 32 || kind[0] < 'a' || kind[0] > 'z') return false;
    for (const char *p = kind; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))) return false;
    return true;
}

/* The grams spelt as the dialect's token list; caller frees. */
static char *si_tokens(const si_dialect *d, const char *kind, const search_grams *g, size_t max)
{
    /* Written straight into a buffer of the size they take (kind, _, at most 12 hex
     * digits and a separator each): an import spells a hundred million of these. */
    size_t n = g->n < max ? g->n : max, klen = strlen(kind), olen = strlen(d->tokens_open),
           clen = strlen(d->tokens_close);
    char *out = xmalloc(olen + n * (klen + 2 + SEARCH_GRAM_HEX_MAX) + clen + 1), *p = out;
    memcpy(p, d->tokens_open, olen);
    p += olen;
    for (size_t i = 0; i < n; i++) {
        if (i) *p++ = d->token_sep;
        memcpy(p, kind, klen);
        p += klen;
        *p++ = '_';
        p += search_text_gram_hex(g->codes[i], p);
    }
    memcpy(p, d->tokens_close, clen);
    p[clen] = '\0';
    return out;
}

static char *si_document_tokens(const si_dialect *d, const char *kind, const char *text)
{
    search_grams g;
    search_text_grams(text, &g);
    char *tokens = si_tokens(d, kind, &g, g.n);
    search_grams_free(&g);
    return tokens;
}

/* The stored entry of an object: *doc_id 0 when there is none, *text owned by the caller. */
static err_code si_load(db_conn *c, const char *kind, const char *oid, char *doc_id, size_t doc_id_size, char **text,
                        err *e)
{
    *text = NULL;
    doc_id[0] = '\0';
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT id, text FROM search_doc WHERE kind = $1 AND object_id = CAST($2 AS BIGINT)",
                           DB_PARAMS(kind, oid), &rows, e);
    if (rc == OK && rows->n_rows == 1) {
        snprintf(doc_id, doc_id_size, "%s", db_cell(rows, 0, 0));
        *text = xstrdup(db_cell(rows, 0, 1));
    }
    db_rows_free(rows);
    return rc;
}

err_code search_index_put(db_conn *c, const char *kind, long object_id, const char *const *fields, size_t n_fields,
                          err *e)
{
    if (!si_kind_ok(kind)) return err_set(e, ERR_INTERNAL, "search kind \"%s\" is not a kind name", kind);
    const si_dialect *d = si_of(c);
    char oid[24], doc_id[24];
    snprintf(oid, sizeof oid, "%ld", object_id);
    char *text = NULL, *old = NULL, *tokens = NULL, *old_tokens = NULL;
    db_rows *rows = NULL;
    err_code rc = search_text_document(fields, n_fields, &text, e);
    if (rc == OK) rc = si_load(c, kind, oid, doc_id, sizeof doc_id, &old, e);
    if (rc != OK || (old && strcmp(old, text) == 0)) goto cleanup; /* unchanged: nothing to write */
    tokens = si_document_tokens(d, kind, text);
    if (old) {
        if (d->tokens_remove) {
            old_tokens = si_document_tokens(d, kind, old);
            if ((rc = db_query(c, d->tokens_remove, DB_PARAMS(doc_id, old_tokens), NULL, e)) != OK) goto cleanup;
        }
        rc = d->tokens_in_doc ? db_query(c, d->doc_update, DB_PARAMS(doc_id, text, tokens), NULL, e)
                              : db_query(c, d->doc_update, DB_PARAMS(doc_id, text), NULL, e);
    } else {
        rc = d->tokens_in_doc ? db_query(c, d->doc_insert, DB_PARAMS(kind, oid, text, tokens), &rows, e)
                              : db_query(c, d->doc_insert, DB_PARAMS(kind, oid, text), &rows, e);
        if (rc == OK) snprintf(doc_id, sizeof doc_id, "%s", db_cell(rows, 0, 0));
    }
    if (rc == OK && d->tokens_add) rc = db_query(c, d->tokens_add, DB_PARAMS(doc_id, tokens), NULL, e);
cleanup:
    db_rows_free(rows);
    free(text);
    free(old);
    free(tokens);
    free(old_tokens);
    return rc;
}

/* ---- many new documents at once (search_batch_*) ---- */

/* FTS5's settings for a batch (SQLite): its pending tokens held in memory up to 32 MB
 * rather than 1 MB, and no merging of the segments it writes meanwhile (nor the merge
 * FTS5 forces at 16 segments of a level: a large batch writes one segment per part).
 * A million documents then make some fifteen segments, written once, instead of ninety
 * merged again and again: 40 % less time, and searches as fast (bench/README.md). The
 * settings in force before come back at the end. */
static const struct {
    const char *name, *batch, *otherwise; /* otherwise: FTS5's default */
} si_fts_settings[] = {
    {"hashsize", "33554432", "1048576"},
    {"automerge", "0", "4"},
    {"crisismerge", "64", "16"},
};
#define SI_N_FTS_SETTINGS (sizeof si_fts_settings / sizeof si_fts_settings[0])

struct search_batch {
    db_conn *c;
    const si_dialect *d;
    char kind[33];
    long *ids; /* owned: the n document ids reserved */
    size_t n;
    db_repeat *tokens_add; /* owned: d->tokens_add prepared (SQLite) */
    char *before[SI_N_FTS_SETTINGS]; /* owned: the settings in force before the batch */
    bool settings_on;
};

/* Puts the batch's FTS5 settings in force (on), or those in force before (off). */
static err_code si_bulk_settings(search_batch *b, bool on, err *e)
{
    err_code rc = OK;
    for (size_t i = 0; i < SI_N_FTS_SETTINGS && rc == OK; i++) {
        if (on) {
            db_rows *rows = NULL;
            rc = db_query(b->c, "SELECT v FROM search_token_config WHERE k = $1", DB_PARAMS(si_fts_settings[i].name),
                          &rows, e);
            if (rc == OK)
                b->before[i] = xstrdup(rows->n_rows ? db_cell(rows, 0, 0) : si_fts_settings[i].otherwise);
            db_rows_free(rows);
        }
        if (rc == OK)
            rc = db_query(b->c, "INSERT INTO search_token (search_token, rank) VALUES ($1, CAST($2 AS INTEGER))",
                          DB_PARAMS(si_fts_settings[i].name, on ? si_fts_settings[i].batch : b->before[i]), NULL, e);
    }
    if (rc == OK) b->settings_on = on;
    return rc;
}

/* A table or column name of the caller's code. */
static bool si_identifier(const char *s)
{
    if (!*s) return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == '_' || (p != s && *p >= '0' && *p <= '9'))) return false;
    return true;
}

err_code search_batch_open(db_conn *c, const char *kind, size_t n, search_batch **out, err *e)
{
    *out = NULL;
    if (!si_kind_ok(kind)) return err_set(e, ERR_INTERNAL, "search kind \"%s\" is not a kind name", kind);
    search_batch *b = xcalloc(1, sizeof *b);
    b->c = c;
    b->d = si_of(c);
    snprintf(b->kind, sizeof b->kind, "%s", kind);
    b->n = n;
    b->ids = xcalloc(n + 1, sizeof *b->ids);
    err_code rc = db_reserve_ids(c, "search_doc", n, b->ids, e);
    if (rc == OK && b->d->bulk_settings) rc = si_bulk_settings(b, true, e);
    if (rc == OK && b->d->tokens_add) rc = db_repeat_prepare(c, b->d->tokens_add, 2, &b->tokens_add, e);
    if (rc != OK) {
        search_batch_free(b);
        return rc;
    }
    *out = b;
    return OK;
}

const char *search_batch_columns(const search_batch *b)
{
    return b->d->batch_columns;
}

bool search_batch_tokens_in_row(const search_batch *b)
{
    return b->d->tokens_in_doc;
}

long search_batch_doc_id(const search_batch *b, size_t i)
{
    return i < b->n ? b->ids[i] : 0;
}

char *search_index_tokens(const db_conn *c, const char *kind, const char *text)
{
    return si_document_tokens(si_of(c), kind, text);
}

err_code search_batch_write(search_batch *b, const char *stage, const char *object_column, err *e)
{
    if (!si_identifier(stage) || !si_identifier(object_column))
        return err_set(e, ERR_INTERNAL, "search batch: \"%s\".\"%s\" is not a staged column", stage, object_column);
    char *sql = xasprintf(b->d->batch_write, object_column, stage);
    err_code rc = db_query(b->c, sql, DB_PARAMS(b->kind), NULL, e);
    free(sql);
    return rc;
}

err_code search_batch_add_tokens(search_batch *b, size_t i, const char *tokens, err *e)
{
    if (!b->tokens_add) return OK; /* PostgreSQL: the tokens were in the document's row */
    if (i >= b->n) return err_set(e, ERR_INTERNAL, "search batch: document %zu of %zu", i, b->n);
    char id[24];
    snprintf(id, sizeof id, "%ld", b->ids[i]);
    /* A contentless FTS5 table needs only the document's id. Statements that write
     * nothing else in between let FTS5 gather the tokens in memory and write large
     * segments (it writes what it holds at every statement that may need undoing). */
    return db_repeat_run(b->tokens_add, (const char *const[]){id, tokens}, e);
}

err_code search_batch_finish(search_batch *b, err *e)
{
    return b->settings_on ? si_bulk_settings(b, false, e) : OK;
}

void search_batch_free(search_batch *b)
{
    if (!b) return;
    db_repeat_free(b->tokens_add);
    for (size_t i = 0; i < SI_N_FTS_SETTINGS; i++) free(b->before[i]);
    free(b->ids);
    free(b);
}

err_code search_index_refill_tokens(db_conn *c, long *n_docs, err *e)
{
    *n_docs = 0;
    const si_dialect *d = si_of(c);
    if (!d->tokens_add) return OK; /* PostgreSQL: the tokens are in the documents' rows */
    /* What the table holds goes first (nothing, after 0025), then a batch of no
     * documents: only its FTS5 settings and its prepared statement. */
    err_code rc = db_query(c, d->clear_tokens, DB_NO_PARAMS, NULL, e);
    search_batch *b = NULL;
    if (rc == OK) rc = search_batch_open(c, "refill", 0, &b, e);
    db_rows *rows = NULL;
    for (long after = 0; rc == OK;) {
        char from[24];
        snprintf(from, sizeof from, "%ld", after);
        db_rows_free(rows);
        rows = NULL;
        rc = db_query(c, "SELECT id, kind, text FROM search_doc WHERE id > CAST($1 AS BIGINT) ORDER BY id LIMIT 10000",
                      DB_PARAMS(from), &rows, e);
        if (rc != OK || rows->n_rows == 0) break;
        for (size_t i = 0; i < rows->n_rows && rc == OK; i++) {
            char *tokens = si_document_tokens(d, db_cell(rows, i, 1), db_cell(rows, i, 2));
            rc = db_repeat_run(b->tokens_add, (const char *const[]){db_cell(rows, i, 0), tokens}, e);
            free(tokens);
        }
        after = atol(db_cell(rows, rows->n_rows - 1, 0));
        *n_docs += (long)rows->n_rows;
    }
    db_rows_free(rows);
    if (rc == OK && b) rc = search_batch_finish(b, e);
    search_batch_free(b);
    return rc;
}

err_code search_index_remove(db_conn *c, const char *kind, long object_id, err *e)
{
    if (!si_kind_ok(kind)) return err_set(e, ERR_INTERNAL, "search kind \"%s\" is not a kind name", kind);
    const si_dialect *d = si_of(c);
    char oid[24], doc_id[24];
    snprintf(oid, sizeof oid, "%ld", object_id);
    char *old = NULL, *old_tokens = NULL;
    err_code rc = si_load(c, kind, oid, doc_id, sizeof doc_id, &old, e);
    if (rc != OK || !old) goto cleanup;
    if (d->tokens_remove) {
        old_tokens = si_document_tokens(d, kind, old);
        if ((rc = db_query(c, d->tokens_remove, DB_PARAMS(doc_id, old_tokens), NULL, e)) != OK) goto cleanup;
    }
    rc = db_query(c, "DELETE FROM search_doc WHERE id = CAST($1 AS BIGINT)", DB_PARAMS(doc_id), NULL, e);
cleanup:
    free(old);
    free(old_tokens);
    return rc;
}

err_code search_index_clear(db_conn *c, err *e)
{
    const si_dialect *d = si_of(c);
    err_code rc = d->clear_tokens ? db_query(c, d->clear_tokens, DB_NO_PARAMS, NULL, e) : OK;
    if (rc == OK) rc = db_query(c, "DELETE FROM search_doc", DB_NO_PARAMS, NULL, e);
    return rc;
}

err_code search_index_cond(db_conn *c, const char *kind, const search_terms *q, const char *id_column,
                           int first_param, search_cond *out, err *e)
{
    return search_index_cond_within(c, kind, q, id_column, first_param, SEARCH_INDEX_HITS_MAX, out, e);
}

err_code search_index_cond_within(db_conn *c, const char *kind, const search_terms *q, const char *id_column,
                                  int first_param, long max_hits, search_cond *out, err *e)
{
    if (max_hits < 0 || max_hits > SEARCH_INDEX_HITS_MAX) max_hits = SEARCH_INDEX_HITS_MAX;
    memset(out, 0, sizeof *out);
    if (!si_kind_ok(kind)) return err_set(e, ERR_INTERNAL, "search kind \"%s\" is not a kind name", kind);
    if (q->n == 0) {
        out->sql = xstrdup("1 = 1");
        out->params = xcalloc(1, sizeof *out->params);
        return OK;
    }
    const si_dialect *d = si_of(c);
    search_grams grams;
    search_text_query_grams(q, &grams);
    char *tokens = si_tokens(d, kind, &grams, SI_QUERY_MAX_TOKENS);
    search_grams_free(&grams);

    /* The documents that hold every gram, when there are few enough. */
    char cap[24];
    snprintf(cap, sizeof cap, "%d", SEARCH_INDEX_HITS_MAX + 1);
    db_rows *rows = NULL;
    err_code rc = db_query(c, d->candidates, DB_PARAMS(tokens, cap), &rows, e);
    free(tokens);
    if (rc != OK) {
        db_rows_free(rows);
        return rc;
    }
    out->from_index = rows->n_rows <= (size_t)max_hits;
    if (rows->n_rows == 0) { /* no document holds every gram: nothing can match */
        db_rows_free(rows);
        out->sql = xstrdup("1 = 0");
        out->params = xcalloc(1, sizeof *out->params);
        return OK;
    }

    /* Parameters: the kind, each term, then (from the index) the candidates. */
    out->params = xcalloc(q->n + 3, sizeof *out->params);
    out->params[out->n_params++] = xstrdup(kind);
    buf checks;
    buf_init(&checks, 0);
    for (size_t i = 0; i < q->n; i++) {
        buf_printf(&checks, d->contains, first_param + (int)out->n_params);
        out->params[out->n_params++] = xstrdup(q->terms[i]);
    }
    if (out->from_index) {
        buf ids;
        buf_init(&ids, 0);
        buf_puts(&ids, d->ids_open);
        for (size_t i = 0; i < rows->n_rows; i++) buf_printf(&ids, "%s%s", i ? "," : "", db_cell(rows, i, 0));
        buf_puts(&ids, d->ids_close);
        out->sql = xasprintf(d->from_index, id_column, first_param + (int)out->n_params, first_param,
                             buf_str(&checks));
        out->params[out->n_params++] = buf_take(&ids);
    } else {
        out->sql = xasprintf("EXISTS (SELECT 1 FROM search_doc d WHERE d.kind = $%d AND d.object_id = %s%s)",
                             first_param, id_column, buf_str(&checks));
    }
    buf_free(&checks);
    db_rows_free(rows);
    return OK;
}

void search_cond_free(search_cond *s)
{
    for (size_t i = 0; i < s->n_params; i++) free(s->params[i]);
    free(s->params);
    free(s->sql);
    memset(s, 0, sizeof *s);
}
