/* cli_search — `mamori search reindex`: rebuilds the search index from the objects.
 * Needed after a change of text normalisation (a newer libutf8proc, whose Unicode
 * version maps more characters); `mamori migrate` already indexes the objects a new
 * migration left without an entry. The rebuild is one transaction: searches keep the
 * old index until it commits. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "search/search_reindex.h"

int cmd_search(int argc, char **argv)
{
    config cfg;
    err e = ERR_INIT;
    db *d = NULL;
    char *pos[1];
    size_t n_pos = 0;
    int status = 1;
    if (cli_settings(argc, argv, &cfg, NULL, 0, pos, 1, &n_pos, &e) != OK) goto cleanup;
    if (n_pos != 1 || strcmp(pos[0], "reindex") != 0) {
        err_set(&e, ERR_VALIDATION, "usage: mamori search reindex --db URL (see mamori help search)");
        goto cleanup;
    }
    if (cli_open_store(&cfg, 1, false, &d, &e) != OK) goto cleanup;
    long n = 0;
    if (search_reindex_all(d, &n, &e) != OK) goto cleanup;
    printf("mamori: %ld object%s indexed for search\n", n, n == 1 ? "" : "s");
    status = 0;
cleanup:
    if (status) cli_fail(&e);
    db_close(d);
    config_free(&cfg);
    err_clear(&e);
    return status;
}
