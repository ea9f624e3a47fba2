/* cli_common — settings and store opening shared by the subcommands (see cli.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <termios.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/xalloc.h"

int cli_fail(const err *e)
{
    fprintf(stderr, "mamori: %s\n", e->message ? e->message : err_code_name(e->code));
    for (size_t i = 0; i < e->n_fields; i++)
        fprintf(stderr, "  %s: %s\n", e->fields[i].field, e->fields[i].message);
    return 1;
}

err_code cli_settings(int argc, char **argv, config *cfg, const cli_option *opts, size_t n_opts,
                      char **positional, size_t max_positional, size_t *n_positional, err *e)
{
    config_defaults(cfg);
    *n_positional = 0;
    /* The file first, so the environment and flags can override it. */
    const char *file = getenv("MAMORI_CONFIG");
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) file = argv[i + 1];
        else if (strncmp(argv[i], "--config=", 9) == 0) file = argv[i] + 9;
    }
    err_code rc = file ? config_load_file(cfg, file, true, e) : config_load_file(cfg, "mamori.conf", false, e);
    if (rc != OK) return rc;
    /* Keys and checkpoints live beside the configuration file unless it says otherwise. */
    if (file && !cfg->config_dir) {
        const char *slash = strrchr(file, '/');
        cfg->config_dir = slash ? xstrndup(file, (size_t)(slash - file + (slash == file))) : xstrdup(".");
    }
    if ((rc = config_load_env(cfg, e)) != OK) return rc;

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
            if (*n_positional >= max_positional) return err_set(e, ERR_VALIDATION, "unexpected argument \"%s\"", arg);
            positional[(*n_positional)++] = argv[i];
            continue;
        }
        const char *eq = strchr(arg, '=');
        char *name = eq ? xstrndup(arg + 2, (size_t)(eq - arg - 2)) : xstrdup(arg + 2);
        for (char *p = name; *p; p++)
            if (*p == '-') *p = '_';
        const char *value = eq ? eq + 1 : NULL;
        const cli_option *opt = NULL;
        for (size_t k = 0; k < n_opts; k++)
            if (strcmp(opts[k].name, name) == 0) opt = &opts[k];
        if (opt && opt->flag) {
            *opt->flag = true;
            free(name);
            continue;
        }
        if (!value) {
            if (i + 1 >= argc) {
                rc = err_set(e, ERR_VALIDATION, "option %s needs a value", arg);
                free(name);
                return rc;
            }
            value = argv[++i];
        }
        if (strcmp(name, "config") == 0) {
            /* already read */
        } else if (opt) {
            *opt->value = value;
        } else if (config_known(name)) {
            err sub = ERR_INIT;
            if (config_set(cfg, name, value, &sub) != OK) {
                rc = err_set(e, ERR_VALIDATION, "%s", sub.message);
                err_clear(&sub);
                free(name);
                return rc;
            }
        } else {
            rc = err_set(e, ERR_VALIDATION, "unknown option %s (see mamori help)", arg);
            free(name);
            return rc;
        }
        free(name);
    }
    return OK;
}

err_code cli_open_store(const config *cfg, int pool_size, bool create, db **out, err *e)
{
    if (!cfg->db_url || !*cfg->db_url)
        return err_set(e, ERR_VALIDATION, "no store given: use --db sqlite:PATH or --db postgresql://… (or MAMORI_DB)");
    db *d = NULL;
    err_code rc = db_open(cfg->db_url, pool_size, create ? DB_OPEN_CREATE : 0, &d, e);
    if (rc != OK) return rc;
    if (!create) {
        bool initialized = false;
        rc = db_is_initialized(d, &initialized, e);
        if (rc == OK && !initialized)
            rc = err_set(e, ERR_VALIDATION, "the store %s has no mamori schema: run mamori init first", cfg->db_url);
        if (rc != OK) {
            db_close(d);
            return rc;
        }
    }
    *out = d;
    return OK;
}

/* Reads a line from the terminal without echo; caller frees; NULL without a terminal. */
char *cli_prompt_hidden(const char *question)
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


err_code cli_new_password(const char *env, const char *who, char **out, err *e)
{
    const char *given = getenv(env);
    if (given && *given) {
        *out = xstrdup(given);
        return OK;
    }
    char *question = xasprintf("Password for %s: ", who);
    char *typed = cli_prompt_hidden(question);
    free(question);
    if (!typed) return err_set(e, ERR_VALIDATION, "no password: set %s or run this on a terminal", env);
    char *again = cli_prompt_hidden("The same password again: ");
    bool same = again && strcmp(typed, again) == 0;
    free(again);
    if (!same) {
        free(typed);
        return err_set(e, ERR_VALIDATION, "the two passwords differ; nothing was changed");
    }
    *out = typed;
    return OK;
}
