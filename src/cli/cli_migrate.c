/* cli_migrate — `mamori migrate`: applies the embedded migrations a store lacks, then
 * puts in the search index the objects that have no entry yet (those that existed
 * before the migration that brought search, or a kind, to the store). */
#include <stdio.h>

#include "cli/cli.h"
#include "domain/compliance.h"
#include "search/search_reindex.h"

int cmd_migrate(int argc, char **argv)
{
    config cfg;
    err e = ERR_INIT;
    db *d = NULL;
    int status = 1, applied = 0;
    char *pos[1];
    size_t n_pos;
    if (cli_settings(argc, argv, &cfg, NULL, 0, pos, 0, &n_pos, &e) != OK) goto cleanup;
    if (cli_open_store(&cfg, 1, false, &d, &e) != OK) goto cleanup;
    if (db_migrate(d, &applied, &e) != OK) goto cleanup;
    if (db_grant_app_role(d, cfg.pg_app_role, &e) != OK) goto cleanup;
    printf("mamori: %d migration%s applied\n", applied, applied == 1 ? "" : "s");
    long indexed = 0;
    if (search_reindex_missing(d, &indexed, &e) != OK) goto cleanup;
    if (indexed) printf("mamori: %ld object%s indexed for search\n", indexed, indexed == 1 ? "" : "s");
    /* A store older than migration 0020: its compliance figures are computed once here. */
    if (compliance_refresh_if_stale(d, &e) != OK) goto cleanup;
    status = 0;
cleanup:
    if (status) cli_fail(&e);
    db_close(d);
    config_free(&cfg);
    err_clear(&e);
    return status;
}
