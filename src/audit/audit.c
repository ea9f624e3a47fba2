/* audit — appending to the hash-chained trail, and anonymous refusal counts
 * (see audit.h and docs/audit-trail.md). The verifier is in audit_verify.c. */
#include "audit/audit.h"

#include <nettle/sha2.h>
#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

static void audit_field(buf *b, const char *value)
{
    size_t n = strlen(value);
    /* <len>: without printf — a digest of an import writes tens of millions of these. */
    char digits[24];
    size_t k = sizeof digits;
    digits[--k] = ':';
    size_t v = n;
    do {
        digits[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    buf_append(b, digits + k, sizeof digits - k);
    buf_append(b, value, n);
    buf_append(b, "\n", 1);
}

char *audit_canonical(const char *seq, const char *occurred_at, const char *actor_id, const char *actor,
                      const char *action, const char *object_type, const char *object_id, const char *ip,
                      const char *detail, size_t *len)
{
    buf b;
    buf_init(&b, 0);
    buf_puts(&b, AUDIT_CANON_VERSION "\n");
    audit_field(&b, seq);
    audit_field(&b, occurred_at);
    audit_field(&b, actor_id ? actor_id : "");
    audit_field(&b, actor);
    audit_field(&b, action);
    audit_field(&b, object_type);
    audit_field(&b, object_id);
    audit_field(&b, ip);
    audit_field(&b, detail);
    *len = b.len;
    return buf_take(&b);
}

void audit_chain_hash(const char *prev_hash, const char *canonical, size_t len, char out[AUDIT_HASH_HEX])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)prev_hash, strlen(prev_hash));
    crypto_hash_sha256_update(&st, (const unsigned char *)canonical, len);
    crypto_hash_sha256_final(&st, digest);
    sodium_bin2hex(out, AUDIT_HASH_HEX, digest, sizeof digest);
}

/* ---- digests of rows, and of files ---- */

/* SHA-256 of many bytes (an import's file, the rows it wrote) by nettle, which uses the
 * processor's SHA instructions where it has them: six times libsodium's speed here, a
 * second and a half for the file of a million assets. The events' own hashes stay
 * libsodium's (a few hundred bytes each). */

#define AUDIT_DIGEST_FLUSH 65536 /* bytes gathered before the hash takes them */

static void audit_hex(const uint8_t digest[SHA256_DIGEST_SIZE], char out[AUDIT_HASH_HEX])
{
    sodium_bin2hex(out, AUDIT_HASH_HEX, digest, SHA256_DIGEST_SIZE);
}

void audit_sha256_hex(const void *data, size_t len, char out[AUDIT_HASH_HEX])
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, len, data);
    sha256_digest(&ctx, sizeof digest, digest);
    audit_hex(digest, out);
}

struct audit_digest {
    struct sha256_ctx st;
    buf pending; /* canonical bytes not hashed yet: one call per 64 KB, not per cell */
};

audit_digest *audit_digest_new(const char *form)
{
    audit_digest *d = xcalloc(1, sizeof *d);
    sha256_init(&d->st);
    buf_init(&d->pending, 0);
    buf_puts(&d->pending, form);
    buf_append(&d->pending, "\n", 1);
    return d;
}

void audit_digest_row(audit_digest *d, const char *const *cells, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (cells[i]) {
            audit_field(&d->pending, cells[i]);
        } else {
            buf_append(&d->pending, "-\n", 2);
        }
    }
    if (d->pending.len >= AUDIT_DIGEST_FLUSH) {
        sha256_update(&d->st, d->pending.len, (const uint8_t *)d->pending.data);
        buf_reset(&d->pending);
    }
}

void audit_digest_final(audit_digest *d, char out[AUDIT_HASH_HEX])
{
    uint8_t digest[SHA256_DIGEST_SIZE];
    if (d->pending.len) sha256_update(&d->st, d->pending.len, (const uint8_t *)d->pending.data);
    sha256_digest(&d->st, sizeof digest, digest);
    audit_hex(digest, out);
    buf_free(&d->pending);
    free(d);
}

err_code audit_append(db_conn *c, const audit_actor *actor, const char *action, const char *object_type,
                      const char *object_id, json_t *detail, err *e)
{
    if (!db_in_transaction(c)) return err_set(e, ERR_INTERNAL, "audit_append outside a transaction");
    err_code rc;
    db_rows *head = NULL;
    char *detail_text = NULL, *canon = NULL, *sql = NULL;

    sql = xasprintf("SELECT seq, hash FROM audit_head WHERE id = 1%s", db_row_lock_clause(c));
    rc = db_query(c, sql, DB_NO_PARAMS, &head, e);
    if (rc != OK) goto cleanup;
    if (head->n_rows != 1) {
        rc = err_set(e, ERR_STORE, "the audit chain head is missing");
        goto cleanup;
    }
    char seq[24], actor_id[24] = "", now[TIME_CANON_LEN];
    snprintf(seq, sizeof seq, "%ld", atol(db_cell(head, 0, 0)) + 1);
    if (actor->id > 0) snprintf(actor_id, sizeof actor_id, "%ld", actor->id);
    time_now_canon(now);
    /* Sorted keys and compact separators: the stored bytes are the canonical bytes. */
    detail_text = detail ? json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS) : xstrdup("{}");
    if (!detail_text) {
        rc = err_set(e, ERR_INTERNAL, "audit detail cannot be serialised");
        goto cleanup;
    }
    const char *ip = actor->ip ? actor->ip : "";
    size_t canon_len;
    canon = audit_canonical(seq, now, actor_id, actor->label, action, object_type, object_id, ip, detail_text,
                            &canon_len);
    char hash[AUDIT_HASH_HEX];
    const char *prev = db_cell(head, 0, 1);
    audit_chain_hash(prev, canon, canon_len, hash);

    rc = db_query(c,
                  "INSERT INTO audit_event (seq, occurred_at, actor_id, actor, action, object_type, object_id, ip,"
                  " detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                  DB_PARAMS(seq, now, actor->id > 0 ? actor_id : NULL, actor->label, action, object_type, object_id,
                            ip, detail_text, prev, hash),
                  NULL, e);
    if (rc != OK) goto cleanup;
    rc = db_query(c, "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", DB_PARAMS(seq, hash), NULL, e);
cleanup:
    free(sql);
    free(canon);
    free(detail_text);
    db_rows_free(head);
    return rc;
}

/* ---- anonymous refusals ---- */

typedef struct refusal_count {
    char *reason;
    long count;
} refusal_count;

struct audit_refusals {
    pthread_mutex_t lock; /* guards counts and n_counts */
    refusal_count *counts;
    size_t n_counts;
    char since[TIME_CANON_LEN];
};

audit_refusals *audit_refusals_new(void)
{
    audit_refusals *r = xcalloc(1, sizeof *r);
    pthread_mutex_init(&r->lock, NULL);
    time_now_canon(r->since);
    return r;
}

void audit_refusals_free(audit_refusals *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->n_counts; i++) free(r->counts[i].reason);
    free(r->counts);
    pthread_mutex_destroy(&r->lock);
    free(r);
}

void audit_refusals_count(audit_refusals *r, const char *reason)
{
    pthread_mutex_lock(&r->lock);
    size_t i;
    for (i = 0; i < r->n_counts; i++)
        if (strcmp(r->counts[i].reason, reason) == 0) break;
    if (i == r->n_counts) {
        r->counts = xrealloc(r->counts, (r->n_counts + 1) * sizeof *r->counts);
        r->counts[i].reason = xstrdup(reason);
        r->counts[i].count = 0;
        r->n_counts++;
    }
    r->counts[i].count++;
    pthread_mutex_unlock(&r->lock);
}

err_code audit_refusals_flush(audit_refusals *r, db *d, err *e)
{
    pthread_mutex_lock(&r->lock);
    refusal_count *counts = r->counts;
    size_t n = r->n_counts;
    char since[TIME_CANON_LEN];
    memcpy(since, r->since, sizeof since);
    r->counts = NULL;
    r->n_counts = 0;
    time_now_canon(r->since);
    pthread_mutex_unlock(&r->lock);
    if (n == 0) return OK;

    json_t *detail = json_object();
    json_t *by_reason = json_object();
    for (size_t i = 0; i < n; i++) json_object_set_new(by_reason, counts[i].reason, json_integer(counts[i].count));
    json_object_set_new(detail, "counts", by_reason);
    json_object_set_new(detail, "since", json_string(since));

    db_conn *c = db_acquire(d);
    audit_actor system = {0, "anonymous", ""};
    err_code rc = db_begin_write(c, e);
    if (rc == OK) rc = audit_append(c, &system, "refusal.anonymous", "http", "-", detail, e);
    if (rc == OK) rc = db_commit(c, e);
    db_release(c);
    json_decref(detail);
    for (size_t i = 0; i < n; i++) free(counts[i].reason);
    free(counts);
    return rc;
}
