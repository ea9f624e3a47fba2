/* cli_catalog — `mamori catalog map-nist CATALOG-ID`: maps mamori's default catalog to
 * an imported NIST SP 800-53 catalog (or baseline) from the built-in table
 * (domain/requirement_mapping.h), in one transaction, as the system user running it.
 * Exports cmd_catalog. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/xalloc.h"
#include "domain/requirement_mapping.h"

int cmd_catalog(int argc, char **argv)
{
    config cfg;
    err e = ERR_INIT;
    db *d = NULL;
    db_conn *c = NULL;
    char *pos[2], *label = NULL, *end = NULL;
    size_t n_pos = 0;
    int status = 1;
    if (cli_settings(argc, argv, &cfg, NULL, 0, pos, 2, &n_pos, &e) != OK) goto cleanup;
    long id = n_pos == 2 ? strtol(pos[1], &end, 10) : 0;
    if (n_pos != 2 || strcmp(pos[0], "map-nist") != 0 || !*pos[1] || *end || id <= 0) {
        err_set(&e, ERR_VALIDATION, "usage: mamori catalog map-nist CATALOG-ID --db URL (the id of mamori import catalog)");
        goto cleanup;
    }
    if (cli_open_store(&cfg, 1, false, &d, &e) != OK) goto cleanup;
    struct passwd *pw = getpwuid(geteuid());
    label = xasprintf("cli:%s", pw && pw->pw_name ? pw->pw_name : "unknown");
    audit_actor actor = {0, label, ""};
    reqmap_seed_report rep;
    c = db_acquire(d);
    if (db_begin_write(c, &e) != OK) goto cleanup;
    if (reqmap_seed_nist(c, &actor, id, &rep, &e) != OK) goto cleanup;
    if (db_commit(c, &e) != OK) goto cleanup;
    printf("mamori: catalog %ld: %ld mapped, %ld mapped already, %ld controls not in this catalog, %ld requirements "
           "not in mamori's catalog\n",
           id, rep.mapped, rep.already, rep.absent, rep.no_req);
    status = 0;
cleanup:
    if (status) cli_fail(&e);
    free(label);
    if (c) db_release(c);
    db_close(d);
    config_free(&cfg);
    err_clear(&e);
    return status;
}
