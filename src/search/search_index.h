/* search_index — the search index every module shares (DESIGN §5), on both backends.
 *
 * A module indexes an object's searchable fields when it writes the object, in the same
 * transaction (search_index_put), and asks for a search condition to put in the WHERE
 * clause of its own list query (search_index_cond). The list stays ONE statement —
 * scope, filters, order and cursor are the caller's, the search is one more condition —
 * so a search never changes who sees what (need-to-know is the caller's scope CTE) nor
 * the order of a list.
 *
 *     search_terms q;                      // search_text_query(f->q, "q", &q, e)
 *     search_cond s;                       // the caller's statement uses $1 … $9
 *     search_index_cond(c, "person", &q, "p.id", 10, &s, e);
 *     sql = "… WHERE p.org_unit_id IN (SELECT id FROM scope) AND <s.sql> ORDER BY …"
 *     params = the caller's nine, then s.params
 *
 * A match is every term of the query as a substring of the object's normalised text
 * (search_text.h). search_index_cond first asks the index which documents hold all the
 * query's grams (SEARCH_INDEX_HITS_MAX + 1 at most); then the condition takes one of two
 * shapes:
 *   - few: "id IN (those documents whose text holds every term)", the candidates passed
 *     as one parameter, so the statement starts from them and reads only those objects;
 *   - many: "EXISTS (this object's text holds every term)", checked on each row the
 *     caller's own plan visits (its scope, filters and order), which stops after a page.
 * Both shapes give the same rows; only the work differs. */
#ifndef MAMORI_SEARCH_INDEX_H
#define MAMORI_SEARCH_INDEX_H
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "db/db.h"
#include "search/search_text.h"

/* Up to this many documents holding a query's grams, the search starts from them. A
 * candidate costs about 4 µs (its text checked, its object read and sorted); a row the
 * caller's plan visits about as much: see bench/README.md. */
#define SEARCH_INDEX_HITS_MAX 5000

/* Indexes (or re-indexes) an object: kind is a constant of the calling module
 * ([a-z][a-z0-9]*, e.g. "person"), fields its searchable texts (NULL ones skipped).
 * Runs inside the caller's write transaction. ERR_VALIDATION (field "text") for
 * invalid UTF-8 or texts over SEARCH_TEXT_MAX_BYTES. */
err_code search_index_put(db_conn *c, const char *kind, long object_id, const char *const *fields, size_t n_fields,
                          err *e);
/* Many new objects of one kind indexed at once (an import), in the caller's write
 * transaction, from the caller's staging table (db_stage_*): what search_index_put
 * writes for each object, set-based.
 *   - open announces n documents and reserves their ids (search_batch_doc_id, in the
 *     caller's order);
 *   - the caller's staging table has a column with the object's id and
 *     search_batch_columns (doc_id, doc_text, doc_tokens): for the i-th object the id
 *     search_batch_doc_id(i), the normalised text (search_text_document) and, when the
 *     backend keeps tokens in the document's row (PostgreSQL), its tokens
 *     (search_index_tokens; NULL otherwise). Text and tokens may be computed on any
 *     thread;
 *   - write turns the rows the staging table holds into documents (one statement), and
 *     add_tokens gives each of those documents its tokens (SQLite's FTS5 table; a no-op
 *     on PostgreSQL);
 *   - finish puts the index's own settings back (a batch changes them, see
 *     search_index.c); free frees the batch, finished or not (an unfinished one leaves
 *     the transaction to be rolled back). */
typedef struct search_batch search_batch;
err_code search_batch_open(db_conn *c, const char *kind, size_t n, search_batch **out, err *e);
/* The staged columns the batch reads, as db_stage_begin takes them ("doc_id BIGINT, …"). */
const char *search_batch_columns(const search_batch *b);
/* Whether the staged rows carry their tokens (doc_tokens: PostgreSQL) or add_tokens
 * takes them (SQLite). */
bool search_batch_tokens_in_row(const search_batch *b);
long search_batch_doc_id(const search_batch *b, size_t i);
/* The tokens of a normalised text of kind as c's backend stores them; caller frees. It
 * reads no more of c than which backend it is, so it may run on another thread while c
 * is in use. */
char *search_index_tokens(const db_conn *c, const char *kind, const char *text);
/* stage and object_column are constants of the caller's code. */
err_code search_batch_write(search_batch *b, const char *stage, const char *object_column, err *e);
err_code search_batch_add_tokens(search_batch *b, size_t i, const char *tokens, err *e);
err_code search_batch_finish(search_batch *b, err *e);
void search_batch_free(search_batch *b);
/* Writes every document's tokens again from its stored text, those the table held
 * first removed (SQLite's FTS5 table, made again empty by migration 0025; a no-op on
 * PostgreSQL, whose tokens are in the documents' rows), inside the caller's write
 * transaction; *n_docs counts them. */
err_code search_index_refill_tokens(db_conn *c, long *n_docs, err *e);
/* Removes an object from the index (a no-op when it is not there). */
err_code search_index_remove(db_conn *c, const char *kind, long object_id, err *e);
/* Removes every entry of every kind (before a rebuild). */
err_code search_index_clear(db_conn *c, err *e);

typedef struct search_cond {
    char *sql;       /* owned; a boolean SQL expression to AND into the WHERE clause */
    char **params;   /* owned; the values of $first_param, $first_param + 1, … */
    size_t n_params;
    bool from_index; /* the shape chosen: true when the statement starts from the index */
} search_cond;

/* The condition "the object whose id is the SQL expression id_column matches q", its
 * parameters numbered from first_param. Zero terms give "1 = 1", a query whose grams no
 * document holds "1 = 0", both without parameters.
 * id_column is SQL from the caller's code (a constant such as "p.id"), never input. */
err_code search_index_cond(db_conn *c, const char *kind, const search_terms *q, const char *id_column,
                           int first_param, search_cond *out, err *e);
/* The same, starting from the index only when at most max_hits documents (and never more
 * than SEARCH_INDEX_HITS_MAX) hold the query's grams: for a caller that knows its own
 * plan visits fewer rows than that (a narrow scope), which is then the cheaper start. */
err_code search_index_cond_within(db_conn *c, const char *kind, const search_terms *q, const char *id_column,
                                  int first_param, long max_hits, search_cond *out, err *e);
void search_cond_free(search_cond *s);

#endif
