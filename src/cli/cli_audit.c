/* cli_audit — `mamori audit verify`: checks the whole hash chain of the trail. */
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "cli/cli.h"

int cmd_audit(int argc, char **argv)
{
    config cfg;
    err e = ERR_INIT;
    db *d = NULL;
    int status = 1;
    char *pos[1];
    size_t n_pos = 0;
    audit_verify_result res = {0};
    if (cli_settings(argc, argv, &cfg, NULL, 0, pos, 1, &n_pos, &e) != OK) goto cleanup;
    if (n_pos != 1 || strcmp(pos[0], "verify") != 0) {
        err_set(&e, ERR_VALIDATION, "usage: mamori audit verify --db URL");
        goto cleanup;
    }
    if (cli_open_store(&cfg, 1, false, &d, &e) != OK) goto cleanup;
    if (audit_verify(d, &res, &e) != OK) goto cleanup;
    if (res.ok) {
        printf("ok: %ld events, head %s\n", res.n_events, res.head_hash);
        status = 0;
    } else {
        printf("broken: event %ld: %s (%ld events verified before it)\n", res.broken_seq, res.problem, res.n_events);
        status = 1;
    }
cleanup:
    if (status && e.code != OK) cli_fail(&e);
    audit_verify_result_free(&res);
    db_close(d);
    config_free(&cfg);
    err_clear(&e);
    return status;
}
