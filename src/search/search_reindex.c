/* search_reindex — the index rebuilt from the objects (see search_reindex.h).
 * Exports search_reindex_missing (first the tokens a migration asked to be written
 * again, then the objects without an entry) and search_reindex_all. */
#include "search/search_reindex.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/xalloc.h"
#include "search/search_index.h"

typedef struct sr_source {
    const char *kind;
    const char *sql; /* the id, then the searchable fields, of every object; columns named */
} sr_source;

static const sr_source sr_sources[] = {
    /* person.c: person_search_put */
    {"person", "SELECT id, name, name_kana FROM person"},
    /* asset.c: asset_search_put */
    {"asset", "SELECT id, name, description, location FROM asset"},
    /* threat.c, requirement_edit.c, law.c: each write indexes; the shipped catalog
     * (migration 0018) is indexed from here after the migration */
    {"threat", "SELECT id, code, name_ja, name_en, description FROM threat"},
    {"requirement", "SELECT id, code, title_ja, title_en, text FROM requirement"},
    {"law", "SELECT id, code, name_ja, short_name_ja, name_en, number FROM law"},
    /* procedure.c: pr_record (code, titles, body; a list matched by body shows no body) */
    {"procedure", "SELECT id, code, title_ja, title_en, body FROM procedure"},
    /* reference_catalog.c: rc_search_put (the statement cut to as many characters) */
    {"catalogitem", "SELECT id, item_id, title, SUBSTR(statement_display, 1, 12000) AS statement FROM reference_catalog_item"},
};

#define SR_BATCH 500

/* Indexes one batch of the kind's objects after id *after that lack an entry, inside
 * the caller's write transaction; *n the number indexed (0 when none is left). */
static err_code sr_batch(db_conn *c, const sr_source *s, long *after, long *n, err *e)
{
    *n = 0;
    char *sql = xasprintf("SELECT s.* FROM (%s) s WHERE s.id > CAST($2 AS BIGINT) AND NOT EXISTS"
                          " (SELECT 1 FROM search_doc d WHERE d.kind = $1 AND d.object_id = s.id)"
                          " ORDER BY s.id LIMIT %d",
                          s->sql, SR_BATCH);
    char after_text[24];
    snprintf(after_text, sizeof after_text, "%ld", *after);
    db_rows *rows = NULL;
    err_code rc = db_query(c, sql, DB_PARAMS(s->kind, after_text), &rows, e);
    for (size_t i = 0; rc == OK && i < rows->n_rows; i++) {
        const char **fields = xcalloc(rows->n_cols, sizeof *fields);
        for (size_t f = 1; f < rows->n_cols; f++) fields[f - 1] = db_cell(rows, i, f);
        *after = atol(db_cell(rows, i, 0));
        rc = search_index_put(c, s->kind, *after, fields, rows->n_cols - 1, e);
        free(fields);
        if (rc == OK) (*n)++;
    }
    db_rows_free(rows);
    free(sql);
    return rc;
}

/* Every kind's objects without an entry; with one_transaction, all in the caller's
 * transaction, else a transaction per batch (a long fill never holds SQLite's write
 * lock for long). */
static err_code sr_fill(db_conn *c, bool one_transaction, long *n_indexed, err *e)
{
    err_code rc = OK;
    for (size_t i = 0; rc == OK && i < sizeof sr_sources / sizeof *sr_sources; i++) {
        long after = 0, n = 0;
        do {
            if (!one_transaction) rc = db_begin_write(c, e);
            if (rc == OK) rc = sr_batch(c, &sr_sources[i], &after, &n, e);
            if (rc == OK && !one_transaction) rc = db_commit(c, e);
            if (rc == OK) *n_indexed += n;
        } while (rc == OK && n > 0);
    }
    return rc;
}

/* The tokens of every document written again when a migration asks for it (a row in
 * search_token_refill: 0025 made SQLite's token table again, for its new tokenizer), in
 * one transaction, which also takes the row away. */
static err_code sr_refill(db_conn *c, err *e)
{
    db_rows *rows = NULL;
    long n = 0;
    err_code rc = db_begin_write(c, e);
    if (rc == OK) rc = db_query(c, "SELECT id FROM search_token_refill", DB_NO_PARAMS, &rows, e);
    bool asked = rc == OK && rows->n_rows > 0;
    db_rows_free(rows);
    if (rc == OK && asked) rc = search_index_refill_tokens(c, &n, e);
    if (rc == OK && asked) rc = db_query(c, "DELETE FROM search_token_refill", DB_NO_PARAMS, NULL, e);
    if (rc == OK) rc = db_commit(c, e);
    return rc;
}

err_code search_reindex_missing(db *d, long *n_indexed, err *e)
{
    *n_indexed = 0;
    db_conn *c = db_acquire(d);
    err_code rc = sr_refill(c, e);
    if (rc == OK) rc = sr_fill(c, false, n_indexed, e);
    db_release(c); /* rolls back a batch that failed */
    return rc;
}

/* One transaction: searches see the old index until the new one is complete. */
err_code search_reindex_all(db *d, long *n_indexed, err *e)
{
    *n_indexed = 0;
    db_conn *c = db_acquire(d);
    err_code rc = db_begin_write(c, e);
    if (rc == OK) rc = search_index_clear(c, e);
    if (rc == OK) rc = sr_fill(c, true, n_indexed, e);
    if (rc == OK) rc = db_commit(c, e);
    db_release(c);
    if (rc != OK) *n_indexed = 0;
    return rc;
}
