/* checkpoint — signed chain checkpoints (see checkpoint.h). */
#include "audit/checkpoint.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/fileutil.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

static char *checkpoint_path(const char *dir, const char *name)
{
    return xasprintf("%s/%s", dir, name);
}

err_code checkpoint_key_ensure(const char *dir, bool *created, err *e)
{
    *created = false;
    char *sk_path = checkpoint_path(dir, CHECKPOINT_KEY_FILE), *pk_path = checkpoint_path(dir, CHECKPOINT_PUB_FILE);
    err_code rc = OK;
    if (access(sk_path, F_OK) == 0) goto cleanup;
    file_mkdirs(dir);
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    char sk_hex[2 * crypto_sign_SECRETKEYBYTES + 2], pk_hex[2 * crypto_sign_PUBLICKEYBYTES + 2];
    sodium_bin2hex(sk_hex, sizeof sk_hex - 1, sk, sizeof sk);
    sodium_bin2hex(pk_hex, sizeof pk_hex - 1, pk, sizeof pk);
    strcat(sk_hex, "\n");
    strcat(pk_hex, "\n");
    rc = file_write_atomic(sk_path, sk_hex, strlen(sk_hex), 0600, e);
    if (rc == OK) rc = file_write_atomic(pk_path, pk_hex, strlen(pk_hex), 0644, e);
    sodium_memzero(sk, sizeof sk);
    sodium_memzero(sk_hex, sizeof sk_hex);
    if (rc == OK) *created = true;
cleanup:
    free(sk_path);
    free(pk_path);
    return rc;
}

static err_code checkpoint_hex_file(const char *path, unsigned char *out, size_t n, err *e)
{
    char *text = NULL;
    err_code rc = file_read_all(path, 4096, &text, NULL, e);
    if (rc != OK) return rc;
    size_t got = 0;
    if (sodium_hex2bin(out, n, text, strlen(text), " \r\n", &got, NULL) != 0 || got != n)
        rc = err_set(e, ERR_VALIDATION, "%s does not hold a key of %zu bytes in hex", path, n);
    sodium_memzero(text, strlen(text));
    free(text);
    return rc;
}

err_code checkpoint_key_load(const char *dir, checkpoint_key *out, err *e)
{
    memset(out, 0, sizeof *out);
    char *sk_path = checkpoint_path(dir, CHECKPOINT_KEY_FILE);
    err_code rc = checkpoint_hex_file(sk_path, out->sk, sizeof out->sk, e);
    free(sk_path);
    if (rc != OK) return rc;
    crypto_sign_ed25519_sk_to_pk(out->pk, out->sk);
    out->has_secret = true;
    return OK;
}

err_code checkpoint_pub_load(const char *path, checkpoint_key *out, err *e)
{
    memset(out, 0, sizeof *out);
    return checkpoint_hex_file(path, out->pk, sizeof out->pk, e);
}

void checkpoint_key_wipe(checkpoint_key *k)
{
    sodium_memzero(k, sizeof *k);
}

static char *checkpoint_message(const char *store, const char *count, const char *head, const char *time_text)
{
    return xasprintf("mamori-checkpoint-v1\n%s\n%s\n%s\n%s\n", store, count, head, time_text);
}

err_code checkpoint_make(db *d, const checkpoint_key *k, char **line, err *e)
{
    if (!k->has_secret) return err_set(e, ERR_INTERNAL, "no signing key");
    db_conn *c = db_acquire(d);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT h.seq, h.hash, s.store_id FROM audit_head h CROSS JOIN store_info s WHERE h.id = 1",
                           DB_NO_PARAMS, &rows, e);
    db_release(c);
    if (rc != OK) return rc;
    if (rows->n_rows != 1) {
        db_rows_free(rows);
        return err_set(e, ERR_STORE, "the audit chain head is missing");
    }
    char now[TIME_CANON_LEN];
    time_now_canon(now);
    char *msg = checkpoint_message(db_cell(rows, 0, 2), db_cell(rows, 0, 0), db_cell(rows, 0, 1), now);
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, NULL, (const unsigned char *)msg, strlen(msg), k->sk);
    char sig_hex[2 * crypto_sign_BYTES + 1], pk_hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
    sodium_bin2hex(sig_hex, sizeof sig_hex, sig, sizeof sig);
    sodium_bin2hex(pk_hex, sizeof pk_hex, k->pk, sizeof k->pk);
    json_t *j = json_pack("{s:i, s:s, s:I, s:s, s:s, s:s, s:s}", "v", 1, "store", db_cell(rows, 0, 2), "count",
                          (json_int_t)atoll(db_cell(rows, 0, 0)), "head", db_cell(rows, 0, 1), "time", now, "key",
                          pk_hex, "sig", sig_hex);
    *line = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_PRESERVE_ORDER);
    json_decref(j);
    free(msg);
    db_rows_free(rows);
    return OK;
}

/* Records one failed checkpoint; what is consumed. */
static void checkpoint_problem(checkpoint_report *out, buf *problems, int lineno, char *what)
{
    out->n_failed++;
    buf_printf(problems, "checkpoint on line %d: %s\n", lineno, what);
    free(what);
}

err_code checkpoint_verify_file(db *d, const checkpoint_key *key, const char *path, checkpoint_report *out, err *e)
{
    memset(out, 0, sizeof *out);
    char *text = NULL;
    err_code rc = file_read_all(path, 256u << 20, &text, NULL, e);
    if (rc != OK) return rc;
    buf problems;
    buf_init(&problems, 0);
    db_conn *c = db_acquire(d);
    db_rows *head = NULL;
    rc = db_query(c, "SELECT (SELECT COUNT(*) FROM audit_event), store_id FROM store_info WHERE id = 1", DB_NO_PARAMS,
                  &head, e);
    if (rc == OK && head->n_rows != 1) rc = err_set(e, ERR_STORE, "the store has no store_info row");
    long n_events = rc == OK ? atol(db_cell(head, 0, 0)) : 0;
    char *store_id = rc == OK ? xstrdup(db_cell(head, 0, 1)) : NULL;
    db_rows_free(head);
    int lineno = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); rc == OK && line; line = strtok_r(NULL, "\n", &save)) {
        lineno++;
        if (!*line) continue;
        out->n_checked++;
        json_error_t jerr;
        json_t *j = json_loads(line, 0, &jerr);
        json_int_t count = 0;
        const char *hash = NULL, *when = NULL, *sig_hex = NULL, *store = NULL;
        if (!j || json_unpack_ex(j, &jerr, 0, "{s:s, s:I, s:s, s:s, s:s}", "store", &store, "count", &count, "head",
                                 &hash, "time", &when, "sig", &sig_hex) != 0) {
            checkpoint_problem(out, &problems, lineno, xstrdup("not a checkpoint"));
            json_decref(j);
            continue;
        }
        if (strcmp(store, store_id) != 0) {
            /* Another store's checkpoint in a shared file: not evidence about this one. */
            out->n_checked--;
            out->n_other++;
            json_decref(j);
            continue;
        }
        char count_text[24];
        snprintf(count_text, sizeof count_text, "%lld", (long long)count);
        char *msg = checkpoint_message(store, count_text, hash, when);
        unsigned char sig[crypto_sign_BYTES];
        size_t sig_len = 0;
        bool signed_ok = sodium_hex2bin(sig, sizeof sig, sig_hex, strlen(sig_hex), NULL, &sig_len, NULL) == 0 &&
                         sig_len == sizeof sig &&
                         crypto_sign_verify_detached(sig, (const unsigned char *)msg, strlen(msg), key->pk) == 0;
        free(msg);
        if (!signed_ok) {
            checkpoint_problem(out, &problems, lineno,
                               xasprintf("of %s: the signature does not match this instance's key", when));
        } else if (count > n_events) {
            checkpoint_problem(out, &problems, lineno,
                               xasprintf("of %s recorded %lld events, but the store has %ld: events %ld to %lld are"
                                         " missing (cut off, or an older backup restored)",
                                         when, (long long)count, n_events, n_events + 1, (long long)count));
        } else if (count > 0) {
            db_rows *rows = NULL;
            rc = db_query(c, "SELECT hash FROM audit_event WHERE seq = CAST($1 AS BIGINT)", DB_PARAMS(count_text),
                          &rows, e);
            if (rc == OK && (rows->n_rows != 1 || strcmp(db_cell(rows, 0, 0), hash) != 0))
                checkpoint_problem(out, &problems, lineno,
                                   xasprintf("of %s: event %lld is not the event it recorded (the history was"
                                             " rewritten)",
                                             when, (long long)count));
            db_rows_free(rows);
        }
        json_decref(j);
    }
    db_release(c);
    free(text);
    free(store_id);
    out->problems = buf_take(&problems);
    return rc;
}

void checkpoint_report_free(checkpoint_report *r)
{
    free(r->problems);
    r->problems = NULL;
}
