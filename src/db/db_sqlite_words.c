/* db_sqlite_words — mamori_words, an FTS5 tokenizer for words that are already the
 * tokens: the text is cut at spaces and each word is a token as it is, without the
 * character classes and case folding of SQLite's unicode61. The search index spells its
 * tokens itself, in lowercase ASCII (search_index.c: "<kind>_<hex>"), so unicode61 gave
 * the same tokens at a third more of the index's time (bench/README.md). Registered on
 * every connection (db_sqlite_words_register), as the index's table needs it for every
 * statement that touches it: a store's search_token cannot be opened by a tool that does
 * not know it (the sqlite3 shell), the rest of the store can. Exports
 * db_sqlite_words_register. */
#include <string.h>

#include "db/db_sqlite_internal.h"

/* The tokenizer keeps no state: one object serves every table. */
static int words_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
    (void)argv;
    (void)argc;
    *out = (Fts5Tokenizer *)ctx;
    return SQLITE_OK;
}

static void words_delete(Fts5Tokenizer *t)
{
    (void)t;
}

static int words_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
                          int (*token)(void *, int, const char *, int, int, int))
{
    (void)t;
    (void)flags; /* a document, a query or its prefix: the same words */
    int rc = SQLITE_OK;
    for (int i = 0; i < n && rc == SQLITE_OK;) {
        while (i < n && text[i] == ' ') i++;
        int start = i;
        while (i < n && text[i] != ' ') i++;
        if (i > start) rc = token(ctx, 0, text + start, i - start, start, i);
    }
    return rc;
}

err_code db_sqlite_words_register(sqlite_handle *h, err *e)
{
    fts5_api *api = NULL;
    sqlite3_stmt *stmt = NULL;
    /* FTS5 hands its API out through a pointer bound to SELECT fts5(?). */
    if (sqlite3_prepare_v2(h->db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
        return db_sqlite_fail(h->db, e, "fts5");
    sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (!api || api->iVersion < 2) return err_set(e, ERR_STORE, "this SQLite has no FTS5");
    static fts5_tokenizer words = {words_create, words_delete, words_tokenize};
    static int no_state;
    if (api->xCreateTokenizer(api, "mamori_words", &no_state, &words, NULL) != SQLITE_OK)
        return db_sqlite_fail(h->db, e, "register mamori_words");
    return OK;
}
