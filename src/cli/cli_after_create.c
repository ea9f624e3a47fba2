/* cli_after_create — what init and demo do once a store exists: the instance's signing
 * key (made once, kept in the configuration directory, never in the database) and a
 * first checkpoint of the trail. */
#include <stdio.h>
#include <stdlib.h>

#include <sodium.h>
#include <string.h>

#include "audit/checkpoint.h"
#include "auth/mfa.h"
#include "cli/cli.h"
#include "io/qr.h"

err_code cli_after_create(db *d, const config *cfg, err *e)
{
    char *dir = config_resolve_dir(cfg);
    char *file = config_checkpoint_file(cfg);
    checkpoint_key key;
    mfa_key mfa;
    bool created = false, mfa_created = false;
    err_code rc = checkpoint_key_ensure(dir, &created, e);
    if (rc == OK) rc = mfa_key_open(cfg, d, &mfa, &mfa_created, e);
    mfa_key_wipe(&mfa);
    if (rc == OK) rc = checkpoint_key_load(dir, &key, e);
    if (rc == OK) {
        rc = cli_checkpoint_append(d, &key, file, e);
        checkpoint_key_wipe(&key);
    }
    if (rc == OK && created) printf("mamori: signing key made in %s (keep %s secret)\n", dir, CHECKPOINT_KEY_FILE);
    free(dir);
    free(file);
    return rc;
}

err_code cli_mfa_enrol_login(db *d, const config *cfg, const char *login, char **secret, char **issuer, err *e)
{
    *secret = NULL;
    *issuer = NULL;
    mfa_key key;
    bool created = false;
    err_code rc = mfa_key_open(cfg, d, &key, &created, e);
    if (rc != OK) return rc;
    db_conn *c = db_acquire(d);
    db_rows *rows = NULL;
    audit_actor system = {0, "system", ""};
    rc = db_begin_write(c, e);
    if (rc == OK) rc = db_query(c, "SELECT person_id FROM account WHERE login = $1", DB_PARAMS(login), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no account with the login \"%s\"", login);
    if (rc == OK) rc = mfa_enrol_direct(c, &key, &system, atol(db_cell(rows, 0, 0)), secret, e);
    if (rc == OK) rc = db_commit(c, e);
    else db_rollback(c);
    if (rc == OK) *issuer = mfa_issuer(c);
    db_rows_free(rows);
    db_release(c);
    mfa_key_wipe(&key);
    if (rc != OK && *secret) {
        sodium_memzero(*secret, strlen(*secret));
        free(*secret);
        *secret = NULL;
    }
    return rc;
}

void cli_print_totp(FILE *out, const char *issuer, const char *login, const char *secret, int detail)
{
    fprintf(out, "  totp %s %s\n", login, secret);
    if (detail == CLI_TOTP_SECRET) return;
    char *uri = mfa_otpauth_uri(issuer, login, secret);
    fprintf(out, "  %s\n", uri);
    err e = ERR_INIT;
    if (detail == CLI_TOTP_QR && qr_print(uri, out, &e) != OK)
        fprintf(out, "  (no QR code: %s)\n", e.message ? e.message : "");
    err_clear(&e);
    sodium_memzero(uri, strlen(uri));
    free(uri);
}
