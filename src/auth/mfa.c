/* mfa — TOTP and recovery codes (see mfa.h). */
#include "auth/mfa.h"

#include <ctype.h>
#include <liboath/oath.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/fileutil.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

#define MFA_SECRET_BYTES 20 /* 160 bits, as RFC 4226 recommends */
#define MFA_STEP 30
#define MFA_DIGITS 6
/* Recovery codes: 10 characters of a 32-letter alphabet without look-alikes (50 bits). */
static const char mfa_alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
#define MFA_RECOVERY_LEN 10

static pthread_once_t mfa_oath_once = PTHREAD_ONCE_INIT;
static void mfa_oath_init(void)
{
    oath_init();
}

void mfa_key_wipe(mfa_key *k)
{
    sodium_memzero(k, sizeof *k);
}

err_code mfa_key_open(const config *cfg, db *d, mfa_key *out, bool *created, err *e)
{
    memset(out, 0, sizeof *out);
    *created = false;
    char *path = config_mfa_key_file(cfg), *text = NULL;
    err_code rc = OK;
    if (access(path, F_OK) != 0) {
        /* A new key cannot read secrets made under the old one: refuse rather than
         * lock every enrolled person out without a word. */
        db_conn *c = db_acquire(d);
        db_rows *rows = NULL;
        rc = db_query(c, "SELECT count(*) FROM mfa_credential", NULL, 0, &rows, e);
        bool has_secrets = rc == OK && atol(db_cell(rows, 0, 0)) > 0;
        db_rows_free(rows);
        db_release(c);
        if (rc != OK) goto cleanup;
        if (has_secrets) {
            rc = err_set(e, ERR_VALIDATION,
                         "the MFA key file %s is missing, but the store holds TOTP secrets encrypted with it: "
                         "restore the file (or reset every person's MFA with `mamori user reset-mfa`)", path);
            goto cleanup;
        }
        char *dir = xstrdup(path);
        char *slash = strrchr(dir, '/');
        if (slash) {
            *slash = '\0';
            file_mkdirs(dir);
        }
        free(dir);
        randombytes_buf(out->bytes, sizeof out->bytes);
        char hex[2 * MFA_KEY_BYTES + 2];
        sodium_bin2hex(hex, sizeof hex - 1, out->bytes, sizeof out->bytes);
        strcat(hex, "\n");
        rc = file_write_atomic(path, hex, strlen(hex), 0600, e);
        sodium_memzero(hex, sizeof hex);
        if (rc == OK) *created = true;
        goto cleanup;
    }
    rc = file_read_all(path, 4096, &text, NULL, e);
    if (rc != OK) goto cleanup;
    size_t got = 0;
    if (sodium_hex2bin(out->bytes, sizeof out->bytes, text, strlen(text), " \r\n", &got, NULL) != 0 ||
        got != MFA_KEY_BYTES)
        rc = err_set(e, ERR_VALIDATION, "%s does not hold an MFA key of %d bytes in hex", path, MFA_KEY_BYTES);
    sodium_memzero(text, strlen(text));
cleanup:
    if (rc != OK) mfa_key_wipe(out);
    free(text);
    free(path);
    return rc;
}

err_code mfa_check_settings(db *d, const config *cfg, err *e)
{
    db_conn *c = db_acquire(d);
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT code FROM role", NULL, 0, &rows, e);
    const char *list = cfg->mfa_required_roles ? cfg->mfa_required_roles : "";
    /* "none" says so outright (an empty environment variable counts as unset). */
    if (strcmp(list, "none") == 0) list = "";
    for (const char *p = list; rc == OK && *p;) {
        while (*p == ',' || *p == ' ') p++;
        const char *end = p;
        while (*end && *end != ',' && *end != ' ') end++;
        if (end == p) break;
        bool known = false;
        for (size_t i = 0; i < rows->n_rows && !known; i++)
            known = strlen(db_cell(rows, i, 0)) == (size_t)(end - p) && strncmp(db_cell(rows, i, 0), p, end - p) == 0;
        if (!known)
            rc = err_set(e, ERR_VALIDATION, "mfa_required_roles: \"%.*s\" is not a role (the roles are listed by "
                         "GET /api/v1/roles)", (int)(end - p), p);
        p = end;
    }
    db_rows_free(rows);
    db_release(c);
    return rc;
}

/* ---- the secret, sealed to its person ---- */

static void mfa_ad(long person_id, char out[48])
{
    snprintf(out, 48, "mamori-totp-v1:%ld", person_id);
}

/* Encrypts a raw secret; caller frees the base64 text. */
static char *mfa_seal(const mfa_key *k, long person_id, const unsigned char *secret, size_t n)
{
    unsigned char sealed[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + MFA_SECRET_BYTES +
                         crypto_aead_xchacha20poly1305_ietf_ABYTES];
    unsigned char *nonce = sealed, *ct = sealed + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    char ad[48];
    mfa_ad(person_id, ad);
    unsigned long long ct_len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(ct, &ct_len, secret, n, (const unsigned char *)ad, strlen(ad), NULL,
                                               nonce, k->bytes);
    size_t total = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + (size_t)ct_len;
    size_t b64_len = sodium_base64_ENCODED_LEN(total, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = xmalloc(b64_len);
    sodium_bin2base64(b64, b64_len, sealed, total, sodium_base64_VARIANT_ORIGINAL);
    return b64;
}

/* Decrypts a stored secret into out (MFA_SECRET_BYTES). */
static err_code mfa_open(const mfa_key *k, long person_id, const char *b64, unsigned char out[MFA_SECRET_BYTES],
                         err *e)
{
    unsigned char sealed[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + MFA_SECRET_BYTES +
                         crypto_aead_xchacha20poly1305_ietf_ABYTES];
    size_t len = 0;
    if (sodium_base642bin(sealed, sizeof sealed, b64, strlen(b64), NULL, &len, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        len != sizeof sealed)
        return err_set(e, ERR_INTERNAL, "the stored TOTP secret of person %ld is damaged", person_id);
    char ad[48];
    mfa_ad(person_id, ad);
    unsigned long long n = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(out, &n, NULL, sealed + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
                                                   len - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
                                                   (const unsigned char *)ad, strlen(ad), sealed, k->bytes) != 0 ||
        n != MFA_SECRET_BYTES)
        return err_set(e, ERR_INTERNAL,
                       "the TOTP secret of person %ld cannot be decrypted: the MFA key file is not the one it was "
                       "made with", person_id);
    return OK;
}

/* base32 text of a raw secret; caller frees. */
static char *mfa_base32(const unsigned char *raw, size_t n)
{
    pthread_once(&mfa_oath_once, mfa_oath_init);
    char *out = NULL;
    size_t len = 0;
    if (oath_base32_encode((const char *)raw, n, &out, &len) != OATH_OK || !out) {
        fprintf(stderr, "mamori: base32 encoding failed\n");
        abort();
    }
    char *copy = xstrndup(out, len); /* liboath's allocation goes back to libc here */
    free(out);
    return copy;
}

err_code mfa_totp_now(const char *secret, time_t now, char out[7], err *e)
{
    pthread_once(&mfa_oath_once, mfa_oath_init);
    char *raw = NULL;
    size_t n = 0;
    if (oath_base32_decode(secret, strlen(secret), &raw, &n) != OATH_OK)
        return err_set(e, ERR_VALIDATION, "not a base32 secret");
    int rc = oath_totp_generate(raw, n, now, MFA_STEP, 0, MFA_DIGITS, out);
    sodium_memzero(raw, n);
    free(raw);
    return rc == OATH_OK ? OK : err_set(e, ERR_INTERNAL, "TOTP generation failed");
}

/* ---- status ---- */

err_code mfa_status_get(db_conn *c, const config *cfg, long person_id, mfa_status *out, err *e)
{
    memset(out, 0, sizeof *out);
    char person[24], today[11];
    snprintf(person, sizeof person, "%ld", person_id);
    time_today_local(today);
    db_rows *rows = NULL;
    /* Roles held now or from a later date: a grant made today for next week already
     * asks for the second factor, so nobody holds such a role without one. */
    err_code rc = db_query(c,
                           "SELECT DISTINCT role_code FROM role_assignment WHERE person_id = CAST($1 AS BIGINT)"
                           " AND (valid_to IS NULL OR valid_to >= $2)",
                           DB_PARAMS(person, today), &rows, e);
    for (size_t i = 0; rc == OK && i < rows->n_rows; i++)
        if (config_mfa_required_role(cfg, db_cell(rows, i, 0))) out->required = true;
    db_rows_free(rows);
    rows = NULL;
    if (rc == OK)
        rc = db_query(c,
                      "SELECT confirmed_at IS NOT NULL,"
                      " (SELECT count(*) FROM mfa_recovery_code r WHERE r.person_id = m.person_id AND r.used_at IS NULL)"
                      " FROM mfa_credential m WHERE m.person_id = CAST($1 AS BIGINT)",
                      DB_PARAMS(person), &rows, e);
    if (rc == OK && rows->n_rows == 1) {
        const char *confirmed = db_cell(rows, 0, 0);
        out->enrolled = confirmed && (strcmp(confirmed, "1") == 0 || strcmp(confirmed, "t") == 0);
        out->enrolling = !out->enrolled;
        out->recovery_left = atoi(db_cell(rows, 0, 1));
    }
    db_rows_free(rows);
    return rc;
}

/* ---- enrolment ---- */

static err_code mfa_store_new_secret(db_conn *c, const mfa_key *k, long person_id, bool confirmed, char **secret_out,
                                     err *e)
{
    unsigned char raw[MFA_SECRET_BYTES];
    randombytes_buf(raw, sizeof raw);
    char *sealed = mfa_seal(k, person_id, raw, sizeof raw);
    char person[24], now[TIME_CANON_LEN];
    snprintf(person, sizeof person, "%ld", person_id);
    time_now_canon(now);
    db_rows *rows = NULL;
    /* Restarting an enrolment replaces its secret; a confirmed credential is never
     * replaced here (someone who knows only the password must not swap the phone). */
    err_code rc = db_query(c,
                           "INSERT INTO mfa_credential (person_id, secret_enc, confirmed_at, created_at)"
                           " VALUES (CAST($1 AS BIGINT), $2, $3, $4) ON CONFLICT (person_id) DO UPDATE"
                           " SET secret_enc = excluded.secret_enc, confirmed_at = excluded.confirmed_at,"
                           " created_at = excluded.created_at, last_step = 0"
                           " WHERE mfa_credential.confirmed_at IS NULL RETURNING person_id",
                           DB_PARAMS(person, sealed, confirmed ? now : NULL, now), &rows, e);
    if (rc == OK && rows->n_rows != 1)
        rc = err_set(e, ERR_CONFLICT, "a second factor is already set up: remove it first (or ask for a reset)");
    if (rc == OK) *secret_out = mfa_base32(raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
    free(sealed);
    db_rows_free(rows);
    return rc;
}

err_code mfa_enrol_start(db_conn *c, const mfa_key *k, const audit_actor *who, char **secret_out, err *e)
{
    *secret_out = NULL;
    err_code rc = mfa_store_new_secret(c, k, who->id, false, secret_out, e);
    char person[24];
    snprintf(person, sizeof person, "%ld", who->id);
    if (rc == OK) rc = audit_append(c, who, "mfa.enrol_start", "person", person, NULL, e);
    if (rc != OK && *secret_out) {
        sodium_memzero(*secret_out, strlen(*secret_out));
        free(*secret_out);
        *secret_out = NULL;
    }
    return rc;
}

err_code mfa_enrol_direct(db_conn *c, const mfa_key *k, const audit_actor *who, long person_id, char **secret_out,
                          err *e)
{
    *secret_out = NULL;
    err_code rc = mfa_store_new_secret(c, k, person_id, true, secret_out, e);
    char person[24];
    snprintf(person, sizeof person, "%ld", person_id);
    json_t *detail = json_pack("{s:s}", "how", "set up when the store was made");
    if (rc == OK) rc = audit_append(c, who, "mfa.enrol", "person", person, detail, e);
    json_decref(detail);
    return rc;
}

/* The stored credential of person_id: its raw secret, whether confirmed, its last step. */
static err_code mfa_load(db_conn *c, const mfa_key *k, long person_id, unsigned char raw[MFA_SECRET_BYTES],
                         bool *confirmed, long long *last_step, err *e)
{
    char person[24];
    snprintf(person, sizeof person, "%ld", person_id);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT secret_enc, confirmed_at, last_step FROM mfa_credential"
                           " WHERE person_id = CAST($1 AS BIGINT)",
                           DB_PARAMS(person), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no second factor is set up");
    if (rc == OK) {
        *confirmed = db_cell(rows, 0, 1) != NULL;
        *last_step = atoll(db_cell(rows, 0, 2));
        rc = mfa_open(k, person_id, db_cell(rows, 0, 0), raw, e);
    }
    db_rows_free(rows);
    return rc;
}

err_code mfa_enrolling_secret(db_conn *c, const mfa_key *k, long person_id, char **secret_out, err *e)
{
    *secret_out = NULL;
    unsigned char raw[MFA_SECRET_BYTES];
    bool confirmed = false;
    long long last = 0;
    err_code rc = mfa_load(c, k, person_id, raw, &confirmed, &last, e);
    if (rc == OK && confirmed) rc = err_set(e, ERR_NOT_FOUND, "no enrolment is in progress");
    if (rc == OK) *secret_out = mfa_base32(raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
    return rc;
}

/* Six digits, spaces ignored; false for anything else. */
static bool mfa_normal_code(const char *code, char out[MFA_DIGITS + 1])
{
    size_t n = 0;
    for (const char *p = code; p && *p; p++) {
        if (*p == ' ') continue;
        if (!isdigit((unsigned char)*p) || n == MFA_DIGITS) return false;
        out[n++] = *p;
    }
    out[n] = '\0';
    return n == MFA_DIGITS;
}

/* Finds the step of code within one step of now; -1 when it matches none. */
static long long mfa_match_step(const unsigned char raw[MFA_SECRET_BYTES], const char *code, time_t now)
{
    pthread_once(&mfa_oath_once, mfa_oath_init);
    int pos = 0;
    uint64_t counter = 0;
    int rc = oath_totp_validate4((const char *)raw, MFA_SECRET_BYTES, now, MFA_STEP, 0, 1, &pos, &counter, 0, code);
    return rc >= 0 ? (long long)counter : -1;
}

/* Spends step for person_id when it is newer than the last one spent; false when it is
 * not (a replay), atomically on both backends. */
static err_code mfa_spend_step(db_conn *c, long person_id, long long step, bool *spent, err *e)
{
    char person[24], st[32];
    snprintf(person, sizeof person, "%ld", person_id);
    snprintf(st, sizeof st, "%lld", step);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "UPDATE mfa_credential SET last_step = CAST($2 AS BIGINT)"
                           " WHERE person_id = CAST($1 AS BIGINT) AND last_step < CAST($2 AS BIGINT) RETURNING 1",
                           DB_PARAMS(person, st), &rows, e);
    *spent = rc == OK && rows->n_rows == 1;
    db_rows_free(rows);
    return rc;
}

err_code mfa_check_code(db_conn *c, const mfa_key *k, long person_id, const char *code, time_t now, err *e)
{
    char digits[MFA_DIGITS + 1];
    unsigned char raw[MFA_SECRET_BYTES];
    bool confirmed = false, spent = false;
    long long last = 0;
    err_code rc = mfa_load(c, k, person_id, raw, &confirmed, &last, e);
    if (rc == ERR_NOT_FOUND) {
        err_clear(e);
        confirmed = false;
        rc = OK;
    }
    if (rc != OK) goto cleanup;
    long long step = confirmed && mfa_normal_code(code, digits) ? mfa_match_step(raw, digits, now) : -1;
    if (step >= 0) rc = mfa_spend_step(c, person_id, step, &spent, e);
    if (rc == OK && !spent) rc = err_set(e, ERR_INVALID_CREDENTIALS, "the code is not correct");
cleanup:
    sodium_memzero(raw, sizeof raw);
    return rc;
}

/* ---- recovery codes ---- */

static void mfa_recovery_hash(const mfa_key *k, const char *normal, char out[65])
{
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, (const unsigned char *)normal, strlen(normal), k->bytes,
                       sizeof k->bytes);
    sodium_bin2hex(out, 65, digest, sizeof digest);
}

/* Lower case, without spaces and dashes, look-alikes read as the digits they resemble;
 * false when the result is not MFA_RECOVERY_LEN letters of the alphabet. */
static bool mfa_recovery_normal(const char *code, char out[MFA_RECOVERY_LEN + 1])
{
    size_t n = 0;
    for (const char *p = code; p && *p; p++) {
        char ch = (char)tolower((unsigned char)*p);
        if (ch == ' ' || ch == '-') continue;
        if (ch == 'o') ch = '0';
        if (ch == 'i' || ch == 'l') ch = '1';
        if (!strchr(mfa_alphabet, ch) || ch == '\0' || n == MFA_RECOVERY_LEN) return false;
        out[n++] = ch;
    }
    out[n] = '\0';
    return n == MFA_RECOVERY_LEN;
}

void mfa_codes_free(char *codes[MFA_RECOVERY_CODES])
{
    for (int i = 0; i < MFA_RECOVERY_CODES; i++) {
        if (codes[i]) sodium_memzero(codes[i], strlen(codes[i]));
        free(codes[i]);
        codes[i] = NULL;
    }
}

/* Replaces person_id's codes with new ones, returned as "xxxxx-xxxxx". */
static err_code mfa_issue_codes(db_conn *c, const mfa_key *k, long person_id, char *codes_out[MFA_RECOVERY_CODES],
                                err *e)
{
    memset(codes_out, 0, sizeof(char *) * MFA_RECOVERY_CODES);
    char person[24], now[TIME_CANON_LEN];
    snprintf(person, sizeof person, "%ld", person_id);
    time_now_canon(now);
    /* Old codes are marked used, not deleted: which codes existed stays on record. */
    err_code rc = db_query(c,
                           "UPDATE mfa_recovery_code SET used_at = $2 WHERE person_id = CAST($1 AS BIGINT)"
                           " AND used_at IS NULL",
                           DB_PARAMS(person, now), NULL, e);
    for (int i = 0; rc == OK && i < MFA_RECOVERY_CODES; i++) {
        char normal[MFA_RECOVERY_LEN + 1], hash[65];
        for (int j = 0; j < MFA_RECOVERY_LEN; j++) normal[j] = mfa_alphabet[randombytes_uniform(32)];
        normal[MFA_RECOVERY_LEN] = '\0';
        mfa_recovery_hash(k, normal, hash);
        rc = db_query(c,
                      "INSERT INTO mfa_recovery_code (person_id, code_hash, created_at)"
                      " VALUES (CAST($1 AS BIGINT), $2, $3)",
                      DB_PARAMS(person, hash, now), NULL, e);
        codes_out[i] = xasprintf("%.5s-%.5s", normal, normal + 5);
        sodium_memzero(normal, sizeof normal);
    }
    if (rc != OK) mfa_codes_free(codes_out);
    return rc;
}

err_code mfa_enrol_confirm(db_conn *c, const mfa_key *k, const audit_actor *who, const char *code, time_t now,
                           char *codes_out[MFA_RECOVERY_CODES], err *e)
{
    memset(codes_out, 0, sizeof(char *) * MFA_RECOVERY_CODES);
    unsigned char raw[MFA_SECRET_BYTES];
    bool confirmed = false, spent = false;
    long long last = 0;
    char digits[MFA_DIGITS + 1], person[24], now_text[TIME_CANON_LEN];
    snprintf(person, sizeof person, "%ld", who->id);
    time_canon(now, now_text);
    err_code rc = mfa_load(c, k, who->id, raw, &confirmed, &last, e);
    if (rc == OK && confirmed) rc = err_set(e, ERR_CONFLICT, "the second factor is already set up");
    if (rc != OK) goto cleanup;
    long long step = mfa_normal_code(code, digits) ? mfa_match_step(raw, digits, now) : -1;
    if (step >= 0) rc = mfa_spend_step(c, who->id, step, &spent, e);
    if (rc == OK && !spent) {
        err_field_add(e, "code", "the code does not match: check the device's clock and enter the code shown now");
        rc = ERR_VALIDATION;
        goto cleanup;
    }
    if (rc == OK)
        rc = db_query(c, "UPDATE mfa_credential SET confirmed_at = $2 WHERE person_id = CAST($1 AS BIGINT)",
                      DB_PARAMS(person, now_text), NULL, e);
    if (rc == OK) rc = mfa_issue_codes(c, k, who->id, codes_out, e);
    json_t *detail = json_pack("{s:i}", "recovery_codes", MFA_RECOVERY_CODES);
    if (rc == OK) rc = audit_append(c, who, "mfa.enrol", "person", person, detail, e);
    json_decref(detail);
    if (rc != OK) mfa_codes_free(codes_out);
cleanup:
    sodium_memzero(raw, sizeof raw);
    return rc;
}

err_code mfa_use_recovery_code(db_conn *c, const mfa_key *k, long person_id, const char *code, err *e)
{
    char normal[MFA_RECOVERY_LEN + 1], hash[65], person[24], now[TIME_CANON_LEN];
    if (!mfa_recovery_normal(code, normal)) return err_set(e, ERR_INVALID_CREDENTIALS, "the code is not correct");
    mfa_recovery_hash(k, normal, hash);
    sodium_memzero(normal, sizeof normal);
    snprintf(person, sizeof person, "%ld", person_id);
    time_now_canon(now);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "UPDATE mfa_recovery_code SET used_at = $3 WHERE person_id = CAST($1 AS BIGINT)"
                           " AND code_hash = $2 AND used_at IS NULL RETURNING id",
                           DB_PARAMS(person, hash, now), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_INVALID_CREDENTIALS, "the code is not correct");
    db_rows_free(rows);
    return rc;
}

err_code mfa_recovery_regenerate(db_conn *c, const mfa_key *k, const audit_actor *who,
                                 char *codes_out[MFA_RECOVERY_CODES], err *e)
{
    memset(codes_out, 0, sizeof(char *) * MFA_RECOVERY_CODES);
    char person[24];
    snprintf(person, sizeof person, "%ld", who->id);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT 1 FROM mfa_credential WHERE person_id = CAST($1 AS BIGINT)"
                           " AND confirmed_at IS NOT NULL",
                           DB_PARAMS(person), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_CONFLICT, "set up the second factor first");
    db_rows_free(rows);
    if (rc == OK) rc = mfa_issue_codes(c, k, who->id, codes_out, e);
    json_t *detail = json_pack("{s:i}", "recovery_codes", MFA_RECOVERY_CODES);
    if (rc == OK) rc = audit_append(c, who, "mfa.recovery_codes", "person", person, detail, e);
    json_decref(detail);
    if (rc != OK) mfa_codes_free(codes_out);
    return rc;
}

err_code mfa_remove(db_conn *c, const audit_actor *who, long person_id, err *e)
{
    char person[24], now[TIME_CANON_LEN];
    snprintf(person, sizeof person, "%ld", person_id);
    time_now_canon(now);
    db_rows *rows = NULL;
    err_code rc = db_query(c, "DELETE FROM mfa_credential WHERE person_id = CAST($1 AS BIGINT) RETURNING person_id",
                           DB_PARAMS(person), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no second factor is set up");
    if (rc == OK)
        rc = db_query(c,
                      "UPDATE mfa_recovery_code SET used_at = $2 WHERE person_id = CAST($1 AS BIGINT)"
                      " AND used_at IS NULL",
                      DB_PARAMS(person, now), NULL, e);
    if (rc == OK)
        rc = audit_append(c, who, who->id == person_id ? "mfa.disable" : "mfa.reset", "person", person, NULL, e);
    db_rows_free(rows);
    return rc;
}

err_code mfa_require_now(db_conn *c, long person_id, err *e)
{
    char person[24];
    snprintf(person, sizeof person, "%ld", person_id);
    return db_query(c, "UPDATE session SET mfa_state = 'pending' WHERE person_id = CAST($1 AS BIGINT)"
                       " AND mfa_state = 'none'",
                    DB_PARAMS(person), NULL, e);
}

char *mfa_issuer(db_conn *c)
{
    err e = ERR_INIT;
    db_rows *rows = NULL;
    char *issuer = NULL;
    if (db_query(c, "SELECT name_ja FROM org_unit WHERE parent_id IS NULL ORDER BY id LIMIT 1", NULL, 0, &rows, &e) ==
            OK &&
        rows->n_rows == 1)
        issuer = xasprintf("mamori %s", db_cell(rows, 0, 0));
    else
        issuer = xstrdup("mamori");
    db_rows_free(rows);
    err_clear(&e);
    return issuer;
}

char *mfa_otpauth_uri(const char *issuer, const char *login, const char *secret)
{
    /* Percent-encode everything but unreserved characters (RFC 3986). */
    buf label, iss;
    buf_init(&label, 0);
    buf_init(&iss, 0);
    const char *parts[2] = {issuer, login};
    buf *outs[2] = {&iss, &label};
    for (int i = 0; i < 2; i++)
        for (const unsigned char *p = (const unsigned char *)parts[i]; *p; p++) {
            if (isalnum(*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~') buf_printf(outs[i], "%c", *p);
            else buf_printf(outs[i], "%%%02X", *p);
        }
    char *uri = xasprintf("otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1&digits=%d&period=%d",
                          buf_str(&iss), buf_str(&label), secret, buf_str(&iss), MFA_DIGITS, MFA_STEP);
    buf_free(&label);
    buf_free(&iss);
    return uri;
}
