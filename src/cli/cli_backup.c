/* cli_backup — `mamori backup --to FILE`: a consistent copy of a SQLite store, taken
 * while the server runs, then checked: the copy's audit chain must verify. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "audit/audit.h"
#include "cli/cli.h"
#include "core/xalloc.h"

int cmd_backup(int argc, char **argv)
{
    config cfg;
    err e = ERR_INIT;
    db *d = NULL, *copy = NULL;
    int status = 1;
    const char *to = NULL;
    char *copy_url = NULL;
    cli_option opts[] = {{"to", &to, NULL, "the file to write"}};
    char *pos[1];
    size_t n_pos;
    audit_verify_result res = {0};
    if (cli_settings(argc, argv, &cfg, opts, 1, pos, 0, &n_pos, &e) != OK) goto cleanup;
    if (!to) {
        err_set(&e, ERR_VALIDATION, "usage: mamori backup --db URL --to FILE");
        goto cleanup;
    }
    if (access(to, F_OK) == 0) {
        err_set(&e, ERR_CONFLICT, "%s exists; mamori does not overwrite a backup", to);
        goto cleanup;
    }
    if (cli_open_store(&cfg, 1, false, &d, &e) != OK) goto cleanup;
    if (db_backup(d, to, &e) != OK) goto cleanup;
    copy_url = xasprintf("sqlite:%s", to);
    if (db_open(copy_url, 1, 0, &copy, &e) != OK) goto cleanup;
    if (audit_verify(copy, &res, &e) != OK) goto cleanup;
    if (!res.ok) {
        err_set(&e, ERR_STORE, "the copy does not verify: event %ld: %s", res.broken_seq, res.problem);
        goto cleanup;
    }
    printf("mamori: backup written to %s (%ld audit events, head %s)\n", to, res.n_events, res.head_hash);
    status = 0;
cleanup:
    if (status) cli_fail(&e);
    audit_verify_result_free(&res);
    db_close(copy);
    db_close(d);
    free(copy_url);
    config_free(&cfg);
    err_clear(&e);
    return status;
}
