/* cli_demo — `mamori demo`: a demo store of an invented union, with its logins. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth/password.h"
#include "cli/cli.h"
#include "core/fileutil.h"
#include "domain/demo.h"

static void demo_print(FILE *out, const char *issuer, const demo_login *logins, size_t n)
{
    fprintf(out, "%-12s %-18s %-20s %s\n", "login", "password", "role", "name / unit");
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%-12s %-18s %-20s %s / %s\n", logins[i].login, logins[i].password, logins[i].role,
                logins[i].name, logins[i].unit);
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        if (!logins[i].totp) continue;
        if (!any) fprintf(out, "\nSecond factor (TOTP) of the logins whose role requires it, for an authenticator app:\n");
        any = true;
        cli_print_totp(out, issuer, logins[i].login, logins[i].totp, CLI_TOTP_SECRET);
    }
}

int cmd_demo(int argc, char **argv)
{
    config cfg;
    err e = ERR_INIT;
    db *d = NULL;
    int status = 1;
    const char *logins_file = NULL;
    cli_option opts[] = {{"logins", &logins_file, NULL, "write the logins here (mode 600)"}};
    char *pos[1];
    size_t n_pos, n = 0;
    demo_login *logins = NULL;
    char *issuer = NULL;
    filestore files = {0};
    if (cli_settings(argc, argv, &cfg, opts, 1, pos, 0, &n_pos, &e) != OK) goto cleanup;
    if (password_init(cfg.hash_concurrency, &e) != OK) goto cleanup;
    if (cli_open_store(&cfg, 1, true, &d, &e) != OK) goto cleanup;
    bool initialized = false;
    if (db_is_initialized(d, &initialized, &e) != OK) goto cleanup;
    if (initialized) {
        err_set(&e, ERR_CONFLICT, "the store %s is already initialised; nothing was changed", cfg.db_url);
        goto cleanup;
    }
    /* The demo's evidence files go where `serve` will look for them (files_dir). */
    char *files_dir = config_files_dir(&cfg);
    filestore_init(&files, files_dir, cfg.file_max_bytes);
    free(files_dir);
    file_mkdirs(files.dir);
    if (demo_create(d, &files, &logins, &n, &e) != OK) goto cleanup;
    if (cli_after_create(d, &cfg, &e) != OK) goto cleanup;
    for (size_t i = 0; i < n; i++) {
        if (!config_mfa_required_role(&cfg, logins[i].role)) continue;
        free(issuer);
        if (cli_mfa_enrol_login(d, &cfg, logins[i].login, &logins[i].totp, &issuer, &e) != OK) goto cleanup;
    }
    if (db_grant_app_role(d, cfg.pg_app_role, &e) != OK) goto cleanup;
    if (logins_file) {
        int fd = open(logins_file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
        if (!f) {
            if (fd >= 0) close(fd);
            err_set(&e, ERR_INTERNAL, "cannot write %s", logins_file);
            goto cleanup;
        }
        demo_print(f, issuer ? issuer : "mamori", logins, n);
        fclose(f);
    }
    printf("mamori: demo store created (%s)\n", cfg.db_url);
    demo_print(stdout, issuer ? issuer : "mamori", logins, n);
    status = 0;
cleanup:
    if (status) cli_fail(&e);
    demo_logins_free(logins, n);
    free(issuer);
    filestore_free(&files);
    db_close(d);
    config_free(&cfg);
    err_clear(&e);
    return status;
}
