/* cli_import_catalog — `mamori import catalog [--replace] FILE`: an OSCAL catalog in JSON
 * (NIST SP 800-53 and its baselines) imported as a reference catalog of its own
 * (domain/reference_catalog.h). A file with problems is refused with the JSON path of
 * each on stderr and nothing is written; a catalog already imported (same uuid) is
 * refused unless --replace is given. Exports cmd_import_catalog. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/xalloc.h"
#include "domain/reference_catalog.h"

static double ic_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int cmd_import_catalog(int argc, char **argv)
{
    config cfg;
    err e = ERR_INIT;
    db *d = NULL;
    bool replace = false;
    cli_option opts[] = {{"replace", NULL, &replace, "replace a catalog already imported (same uuid)"}};
    char *pos[2];
    size_t n_pos = 0;
    int status = 1;
    char *label = NULL;
    if (cli_settings(argc, argv, &cfg, opts, 1, pos, 2, &n_pos, &e) != OK) goto cleanup;
    if (n_pos != 2 || strcmp(pos[0], "catalog") != 0) {
        err_set(&e, ERR_VALIDATION, "usage: mamori import catalog [--replace] FILE --db URL (see mamori help import)");
        goto cleanup;
    }
    if (cli_open_store(&cfg, 1, false, &d, &e) != OK) goto cleanup;
    struct passwd *pw = getpwuid(geteuid());
    label = xasprintf("cli:%s", pw && pw->pw_name ? pw->pw_name : "unknown");
    audit_actor actor = {0, label, ""};
    const char *slash = strrchr(pos[1], '/');
    const char *name = slash ? slash + 1 : pos[1];
    refcat_import_result res;
    double t0 = ic_seconds();
    if (refcat_import_file(d, &actor, pos[1], name, replace, &res, &e) != OK) goto cleanup;
    double took = ic_seconds() - t0;
    db_conn *c = db_acquire(d);
    db_rows *rows = NULL;
    if (refcat_get(c, res.catalog_id, &rows, &e) == OK) {
        printf("mamori: catalog %ld %s: \"%s\" (%s), %s groups, %s controls, %s enhancements (%.2f s)\n",
               res.catalog_id, res.replaced ? "replaced" : "imported", db_cell(rows, 0, REFCAT_TITLE),
               db_cell(rows, 0, REFCAT_UUID), db_cell(rows, 0, REFCAT_N_GROUPS), db_cell(rows, 0, REFCAT_N_CONTROLS),
               db_cell(rows, 0, REFCAT_N_ENHANCEMENTS), took);
        status = 0;
    }
    db_rows_free(rows);
    db_release(c);
cleanup:
    if (status) cli_fail(&e);
    free(label);
    db_close(d);
    config_free(&cfg);
    err_clear(&e);
    return status;
}
