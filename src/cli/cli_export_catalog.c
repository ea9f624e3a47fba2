/* cli_export_catalog — `mamori export catalog --format oscal [--output FILE]`: the
 * standards catalog as an OSCAL catalog (domain/requirement_export.h), to standard output
 * or to FILE. The command line holds the store itself and exports as the system user
 * running it (cli:LOGIN in the trail). The file is written beside FILE under a
 * temporary name (mode 0600: the standards are not public, 第11条) and renamed only once
 * the audited transaction has committed, so an export is never out of the record.
 * Exports cmd_export_catalog. */
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/xalloc.h"
#include "domain/requirement_export.h"

/* Writes all of text to fd; false on a short write. */
static bool xc_write_all(int fd, const char *text, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, text, len);
        if (n <= 0) return false;
        text += n;
        len -= (size_t)n;
    }
    return true;
}

int cmd_export_catalog(int argc, char **argv)
{
    config cfg;
    err e = ERR_INIT;
    db *d = NULL;
    db_conn *c = NULL;
    const char *format = NULL, *output = NULL;
    char *pos[1], *tmp = NULL, *label = NULL;
    size_t n_pos = 0;
    int status = 1;
    requirement_export_result res = {0};
    const cli_option opts[] = {
        {"format", &format, NULL, "oscal (an OSCAL 1.1 catalog in JSON)"},
        {"output", &output, NULL, "the file to write (default: standard output)"},
    };
    if (cli_settings(argc, argv, &cfg, opts, sizeof opts / sizeof *opts, pos, 1, &n_pos, &e) != OK) goto cleanup;
    if (n_pos != 1 || strcmp(pos[0], "catalog") != 0 || !format) {
        err_set(&e, ERR_VALIDATION, "usage: mamori export catalog --format oscal [--output FILE] --db URL");
        goto cleanup;
    }
    if (strcmp(format, "oscal") != 0) {
        err_set(&e, ERR_VALIDATION, "--format: \"%s\" is not oscal (the one format of the catalog)", format);
        goto cleanup;
    }
    if (cli_open_store(&cfg, 1, false, &d, &e) != OK) goto cleanup;
    struct passwd *pw = getpwuid(geteuid());
    label = xasprintf("cli:%s", pw && pw->pw_name ? pw->pw_name : "unknown");
    audit_actor actor = {0, label, ""};
    c = db_acquire(d);
    if (db_begin_write(c, &e) != OK) goto cleanup;
    if (requirement_export_oscal(c, &actor, "cli", &res, &e) != OK) goto cleanup;
    size_t len = strlen(res.json);
    if (output) {
        tmp = xasprintf("%s.partial-XXXXXX", output);
        int fd = mkstemp(tmp); /* mode 0600 */
        if (fd < 0) {
            err_set(&e, ERR_INTERNAL, "cannot create a file beside %s", output);
            free(tmp);
            tmp = NULL;
            goto cleanup;
        }
        bool ok = xc_write_all(fd, res.json, len) && fsync(fd) == 0;
        if (close(fd) != 0) ok = false;
        if (!ok) {
            err_set(&e, ERR_INTERNAL, "cannot write %s", output);
            goto cleanup;
        }
    }
    if (db_commit(c, &e) != OK) goto cleanup;
    if (output) {
        if (rename(tmp, output) != 0) {
            err_set(&e, ERR_INTERNAL, "cannot write %s", output);
            goto cleanup;
        }
        fprintf(stderr, "mamori: catalog %s (version %s): %zu groups, %zu controls exported to %s\n", res.uuid,
                res.version, res.n_groups, res.n_controls, output);
    } else if (!xc_write_all(STDOUT_FILENO, res.json, len)) {
        err_set(&e, ERR_INTERNAL, "cannot write to standard output");
        goto cleanup;
    }
    status = 0;
cleanup:
    if (status) cli_fail(&e);
    if (tmp) unlink(tmp); /* gone already after the rename */
    free(tmp);
    free(label);
    requirement_export_result_free(&res);
    if (c) db_release(c);
    db_close(d);
    config_free(&cfg);
    err_clear(&e);
    return status;
}
