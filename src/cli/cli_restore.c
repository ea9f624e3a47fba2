/* cli_restore — `mamori restore --from FILE`: a backup into an empty store, then the
 * proof that it is whole: the chain verifies, and the newest checkpoint it matches is
 * named, so the operator knows how much history the backup holds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "audit/checkpoint.h"
#include "cli/cli.h"
#include "core/xalloc.h"

int cmd_restore(int argc, char **argv)
{
    config cfg;
    err e = ERR_INIT;
    db *d = NULL;
    int status = 1;
    const char *from = NULL, *checkpoints = NULL;
    cli_option opts[] = {
        {"from", &from, NULL, "the backup file"},
        {"checkpoints", &checkpoints, NULL, "a checkpoint file to match the restored chain against"},
    };
    char *pos[1];
    size_t n_pos;
    audit_verify_result res = {0};
    checkpoint_report rep = {0};
    checkpoint_key key;
    memset(&key, 0, sizeof key);
    if (cli_settings(argc, argv, &cfg, opts, 2, pos, 0, &n_pos, &e) != OK) goto cleanup;
    if (!from) {
        err_set(&e, ERR_VALIDATION, "usage: mamori restore --db URL --from FILE");
        goto cleanup;
    }
    if (cli_open_store(&cfg, 1, true, &d, &e) != OK) goto cleanup;
    bool initialized = false;
    if (db_is_initialized(d, &initialized, &e) != OK) goto cleanup;
    if (initialized) {
        err_set(&e, ERR_CONFLICT, "the store %s is not empty; restore only into an empty store", cfg.db_url);
        goto cleanup;
    }
    if (db_restore(d, from, &e) != OK) goto cleanup;
    if (db_is_initialized(d, &initialized, &e) != OK) goto cleanup;
    if (!initialized) {
        err_set(&e, ERR_VALIDATION, "%s is not a mamori backup", from);
        goto cleanup;
    }
    if (audit_verify(d, &res, &e) != OK) goto cleanup;
    if (!res.ok) {
        err_set(&e, ERR_VALIDATION, "the restored trail does not verify: event %ld: %s", res.broken_seq, res.problem);
        goto cleanup;
    }
    printf("mamori: restored %s: %ld audit events, head %s\n", from, res.n_events, res.head_hash);
    char *file = checkpoints ? xstrdup(checkpoints) : config_checkpoint_file(&cfg);
    char *dir = config_resolve_dir(&cfg);
    char *pub = xasprintf("%s/%s", dir, CHECKPOINT_PUB_FILE);
    err ignored = ERR_INIT;
    if (checkpoint_pub_load(pub, &key, &ignored) == OK &&
        checkpoint_verify_file(d, &key, file, &rep, &ignored) == OK) {
        if (rep.n_failed == 0)
            printf("mamori: all %d checkpoints in %s match\n", rep.n_checked, file);
        else
            printf("mamori: %d of %d checkpoints in %s are beyond this backup:\n%s", rep.n_failed, rep.n_checked, file,
                   rep.problems);
    } else {
        printf("mamori: no checkpoints checked (%s)\n", ignored.message ? ignored.message : "none found");
    }
    err_clear(&ignored);
    free(pub);
    free(dir);
    free(file);
    status = 0;
cleanup:
    if (status) cli_fail(&e);
    checkpoint_key_wipe(&key);
    checkpoint_report_free(&rep);
    audit_verify_result_free(&res);
    db_close(d);
    config_free(&cfg);
    err_clear(&e);
    return status;
}
