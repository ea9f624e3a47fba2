/* cli_init — `mamori init`: creates the schema and the first account, the CISO.
 * There is no default password: it comes from MAMORI_ADMIN_PASSWORD or a prompt. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/password.h"
#include "cli/cli.h"
#include "domain/store_init.h"

int cmd_init(int argc, char **argv)
{
    config cfg;
    err e = ERR_INIT;
    db *d = NULL;
    char *typed = NULL, *secret = NULL, *issuer = NULL;
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
    if (cli_new_password("MAMORI_ADMIN_PASSWORD", "the CISO account", &typed, &e) != OK) goto cleanup;
    const char *password = typed;
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
    if (config_mfa_required_role(&cfg, "ciso")) {
        /* The CISO's role requires a second factor (mfa_required_roles): it is set up
         * now, so the first login needs no enrolment step. */
        if (cli_mfa_enrol_login(d, &cfg, login, &secret, &issuer, &e) != OK) goto cleanup;
        printf("mamori: the CISO's second factor (TOTP): add it to an authenticator app now (scan the code or "
               "type the secret); it is not shown again. After the first login, make recovery codes on the "
               "My account page.\n");
        cli_print_totp(stdout, issuer, login, secret, isatty(STDOUT_FILENO) ? CLI_TOTP_QR : CLI_TOTP_URI);
    }
    status = 0;
cleanup:
    if (status) cli_fail(&e);
    if (typed) memset(typed, 0, strlen(typed));
    free(typed);
    if (secret) memset(secret, 0, strlen(secret));
    free(secret);
    free(issuer);
    db_close(d);
    config_free(&cfg);
    err_clear(&e);
    return status;
}
