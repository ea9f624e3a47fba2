/* cli — the subcommands of the mamori program and what they share: reading settings
 * (flags over environment over mamori.conf) and opening the store. */
#ifndef MAMORI_CLI_H
#define MAMORI_CLI_H
#include <stdbool.h>
#include <stddef.h>

#include "core/config.h"
#include "core/err.h"
#include "db/db.h"

typedef struct cli_option {
    const char *name;      /* without the leading "--" */
    const char **value;    /* for options with a value */
    bool *flag;            /* for options without one */
    const char *help;
} cli_option;

typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *usage;
} cli_command;

extern const cli_command cli_commands[];
extern const size_t cli_commands_count;

/* Fills cfg from defaults, mamori.conf (--config FILE, MAMORI_CONFIG, or ./mamori.conf
 * when present), the environment and argv; options not in the config go to opts.
 * Positional arguments are counted in *n_positional and left in positional. */
err_code cli_settings(int argc, char **argv, config *cfg, const cli_option *opts, size_t n_opts,
                      char **positional, size_t max_positional, size_t *n_positional, err *e);
/* Opens the store named by cfg->db_url; requires it to be initialised unless create. */
err_code cli_open_store(const config *cfg, int pool_size, bool create, db **out, err *e);
/* Reads a line from the terminal without echo (a password); caller frees; NULL when
 * there is no terminal. */
char *cli_prompt_hidden(const char *question);
/* A new password from the environment variable env or asked twice on the terminal;
 * caller frees. */
err_code cli_new_password(const char *env, const char *who, char **out, err *e);
/* Prints "mamori: message" for e on stderr and returns the exit code for it. */
int cli_fail(const err *e);

struct checkpoint_key;
/* Appends a signed checkpoint of d's chain to file and to syslog. */
err_code cli_checkpoint_append(db *d, const struct checkpoint_key *key, const char *file, err *e);
/* After a store is created: makes the instance's signing key in the configuration
 * directory (unless there is one) and writes the first checkpoint. */
err_code cli_after_create(db *d, const config *cfg, err *e);
/* Sets up the second factor of login at once (when a store is made, for the accounts
 * whose role requires it) and returns its base32 secret and the issuer name authenticator
 * apps show (caller frees both). */
err_code cli_mfa_enrol_login(db *d, const config *cfg, const char *login, char **secret, char **issuer, err *e);
/* Prints a login's TOTP secret as "  totp LOGIN SECRET" for an authenticator app, then
 * with CLI_TOTP_URI its otpauth:// URI, and with CLI_TOTP_QR the URI and a QR code. */
enum { CLI_TOTP_SECRET, CLI_TOTP_URI, CLI_TOTP_QR };
void cli_print_totp(FILE *out, const char *issuer, const char *login, const char *secret, int detail);

int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_reorg(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_compliance(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);
/* `mamori export catalog …` (cli_export_catalog.c), called by cmd_export. */
int cmd_export_catalog(int argc, char **argv);
/* `mamori import assets|catalog …` (cli_import_assets.c, cli_import_catalog.c), called by cmd_import. */
int cmd_import_assets(int argc, char **argv);
int cmd_import_catalog(int argc, char **argv);
int cmd_catalog(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_help(int argc, char **argv);

#endif
