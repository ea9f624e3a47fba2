/* cli_audit — `mamori audit verify | checkpoint | public-key`: the trail as an auditor
 * checks it. verify walks the hash chain and, given a checkpoint file, checks that the
 * chain still reaches every signed checkpoint; checkpoint appends one on demand;
 * public-key prints the key an outside auditor verifies checkpoints with. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "audit/audit.h"
#include "audit/checkpoint.h"
#include "auth/password.h"
#include "cli/cli.h"
#include "core/fileutil.h"
#include "core/xalloc.h"

err_code cli_checkpoint_append(db *d, const checkpoint_key *key, const char *file, err *e)
{
    char *line = NULL;
    err_code rc = checkpoint_make(d, key, &line, e);
    if (rc != OK) return rc;
    rc = file_append_line(file, line, e);
    /* syslog is the copy an intruder in the data folder cannot quietly rewrite. */
    openlog("mamori", LOG_PID, LOG_AUTHPRIV);
    syslog(LOG_NOTICE, "audit checkpoint %s", line);
    closelog();
    free(line);
    return rc;
}

static int audit_verify_cmd(config *cfg, const char *checkpoints, const char *public_key, err *e)
{
    db *d = NULL;
    int status = 1;
    audit_verify_result res = {0};
    checkpoint_report rep = {0};
    checkpoint_key key;
    memset(&key, 0, sizeof key);
    if (cli_open_store(cfg, 1, false, &d, e) != OK) goto cleanup;
    if (audit_verify(d, &res, e) != OK) goto cleanup;
    if (!res.ok) {
        printf("broken: event %ld: %s (%ld events verified before it)\n", res.broken_seq, res.problem, res.n_events);
        goto cleanup;
    }
    if (checkpoints) {
        char *dir = config_resolve_dir(cfg);
        char *pub = public_key ? xstrdup(public_key) : xasprintf("%s/%s", dir, CHECKPOINT_PUB_FILE);
        err_code rc = checkpoint_pub_load(pub, &key, e);
        free(pub);
        free(dir);
        if (rc != OK) goto cleanup;
        if (checkpoint_verify_file(d, &key, checkpoints, &rep, e) != OK) goto cleanup;
        if (rep.n_checked == 0) {
            printf("broken: %s holds no checkpoint of this store\n", checkpoints);
            goto cleanup;
        }
        if (rep.n_failed) {
            printf("broken: %d of %d checkpoints do not match the chain of %ld events\n%s", rep.n_failed,
                   rep.n_checked, res.n_events, rep.problems);
            goto cleanup;
        }
    }
    printf("ok: %ld events, head %s", res.n_events, res.head_hash);
    if (checkpoints) printf("; %d checkpoints match", rep.n_checked);
    printf("\n");
    status = 0;
cleanup:
    checkpoint_key_wipe(&key);
    checkpoint_report_free(&rep);
    audit_verify_result_free(&res);
    db_close(d);
    return status;
}

int cmd_audit(int argc, char **argv)
{
    config cfg;
    err e = ERR_INIT;
    db *d = NULL;
    int status = 1;
    const char *checkpoints = NULL, *public_key = NULL, *output = NULL;
    cli_option opts[] = {
        {"checkpoints", &checkpoints, NULL, "verify: a checkpoint file to check the chain against"},
        {"public_key", &public_key, NULL, "verify: the instance's public key file"},
        {"output", &output, NULL, "checkpoint: the file to append to"},
    };
    char *pos[1];
    size_t n_pos = 0;
    checkpoint_key key;
    memset(&key, 0, sizeof key);
    if (cli_settings(argc, argv, &cfg, opts, 3, pos, 1, &n_pos, &e) != OK) goto cleanup;
    const char *sub = n_pos == 1 ? pos[0] : "";
    if (strcmp(sub, "verify") == 0) {
        status = audit_verify_cmd(&cfg, checkpoints, public_key, &e);
    } else if (strcmp(sub, "checkpoint") == 0) {
        char *dir = config_resolve_dir(&cfg);
        char *file = output ? xstrdup(output) : config_checkpoint_file(&cfg);
        err_code rc = checkpoint_key_load(dir, &key, &e);
        if (rc == OK) rc = cli_open_store(&cfg, 1, false, &d, &e);
        if (rc == OK) rc = cli_checkpoint_append(d, &key, file, &e);
        if (rc == OK) {
            printf("mamori: checkpoint appended to %s\n", file);
            status = 0;
        }
        free(dir);
        free(file);
    } else if (strcmp(sub, "public-key") == 0) {
        char *dir = config_resolve_dir(&cfg);
        char *pub = xasprintf("%s/%s", dir, CHECKPOINT_PUB_FILE);
        char *text = NULL;
        if (file_read_all(pub, 4096, &text, NULL, &e) == OK) {
            fputs(text, stdout);
            status = 0;
        }
        free(text);
        free(pub);
        free(dir);
    } else {
        err_set(&e, ERR_VALIDATION, "usage: mamori audit verify|checkpoint|public-key --db URL (see mamori help audit)");
    }
cleanup:
    if (status && e.code != OK) cli_fail(&e);
    checkpoint_key_wipe(&key);
    db_close(d);
    config_free(&cfg);
    err_clear(&e);
    return status;
}
