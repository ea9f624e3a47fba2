/* search_reindex — filling the search index from the objects themselves: after the
 * migration that brings search (or a kind) to a store that already holds objects, and
 * after a change of normalisation (a libutf8proc with a newer Unicode, say). `mamori
 * migrate` runs search_reindex_missing after the migrations; `mamori search reindex`
 * runs search_reindex_all. Each kind's module adds one row to the table of sources in
 * search_reindex.c: the SQL that reads, for every object, its id and the same fields in
 * the same order as its writes give search_index_put. */
#ifndef MAMORI_SEARCH_REINDEX_H
#define MAMORI_SEARCH_REINDEX_H
#include "core/err.h"
#include "db/db.h"

/* Writes the tokens of every document again when a migration asks for it (a row in
 * search_token_refill), then indexes every object that has no entry yet, in
 * transactions of a few hundred; *n_indexed counts the objects. */
err_code search_reindex_missing(db *d, long *n_indexed, err *e);
/* Empties the index and indexes every object again, in one transaction; *n_indexed
 * counts them. */
err_code search_reindex_all(db *d, long *n_indexed, err *e);

#endif
