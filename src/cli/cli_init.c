/* cli_init — `mamori init`: creates the schema and the first account, the CISO.
 * There is no default password: it comes from MAMORI_ADMIN_PASSWORD or a prompt. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "auth/password.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "domain/store_init.h"

/* Reads a line from the terminal without echo; caller frees; NULL without a terminal. */
static char *init_prompt(const char *question)
{
    FILE *tty = fopen("/dev/tty", "r+");
    if (!tty) return NULL;
    struct termios old, quiet;
    int fd = fileno(tty);
    bool restore = tcgetattr(fd, &old) == 0;
    if (restore) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    fprintf(tty, "%s", question);
    fflush(tty);
    buf line;
    buf_init(&line, 4096);
    int ch;
    while ((ch = fgetc(tty)) != EOF && ch != '\n') {
        char cc = (char)ch;
        if (buf_append(&line, &cc, 1) != BUF_OK) break;
    }
    if (restore) tcsetattr(fd, TCSAFLUSH, &old);
    fprintf(tty, "\n");
    fclose(tty);
    return buf_take(&line);
}

int cmd_init(int argc, char **argv)
{
    config cfg;
    err e = ERR_INIT;
    db *d = NULL;
    char *typed = NULL, *again = NULL;
    int status = 1;
    char *pos[1];
    size_t n_pos;
    if (cli_settings(argc, argv, &cfg, NULL, 0, pos, 0, &n_pos, &e) != OK) goto cleanup;
    if (password_init(cfg.hash_concurrency, &e) != OK) goto cleanup;
    if (cli_open_store(&cfg, 1, true, &d, &e) != OK) goto cleanup;
    bool initialized = false;
    if (db_is_initialized(d, &initialized, &e) != OK) goto cleanup;
    if (initialized) {
        err_set(&e, ERR_CONFLICT, "the store %s is already initialised; nothing was changed", cfg.db_url);
        goto cleanup;
    }

    const char *login = getenv("MAMORI_ADMIN_LOGIN");
    if (!login || !*login) login = "ciso";
    const char *password = getenv("MAMORI_ADMIN_PASSWORD");
    if (!password || !*password) {
        typed = init_prompt("Password for the CISO account: ");
        if (!typed) {
            err_set(&e, ERR_VALIDATION, "no password: set MAMORI_ADMIN_PASSWORD or run init on a terminal");
            goto cleanup;
        }
        again = init_prompt("The same password again: ");
        if (!again || strcmp(typed, again) != 0) {
            err_set(&e, ERR_VALIDATION, "the two passwords differ; nothing was changed");
            goto cleanup;
        }
        password = typed;
    }
    const char *name = getenv("MAMORI_ADMIN_NAME");
    const char *union_ja = getenv("MAMORI_UNION_NAME");
    store_init_params p = {
        union_ja && *union_ja ? union_ja : "組合",
        union_ja && *union_ja ? NULL : "Union",
        login,
        name && *name ? name : login,
        password,
    };
    if (store_init(d, &p, NULL, NULL, &e) != OK) goto cleanup;
    if (cli_after_create(d, &cfg, &e) != OK) goto cleanup;
    if (db_grant_app_role(d, cfg.pg_app_role, &e) != OK) goto cleanup;
    printf("mamori: store initialised (%s); the CISO logs in as \"%s\"\n", db_kind_name(d), login);
    status = 0;
cleanup:
    if (status) cli_fail(&e);
    if (typed) memset(typed, 0, strlen(typed));
    free(typed);
    free(again);
    db_close(d);
    config_free(&cfg);
    err_clear(&e);
    return status;
}
