/* audit — the tamper-evident trail (DESIGN §6; canonical form in docs/audit-trail.md).
 *
 * Every write, login, denial and read of a non-public document is an event. Each event
 * stores hash = SHA-256(previous hash ‖ canonical content); the chain head is one row
 * locked by every append, so concurrent writers (threads or servers) never fork it.
 * An event is appended inside the caller's write transaction: the event and the change
 * it records commit together or not at all. */
#ifndef MAMORI_AUDIT_H
#define MAMORI_AUDIT_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "db/db.h"

#define AUDIT_HASH_HEX 65 /* 64 hex digits + NUL */
#define AUDIT_CANON_VERSION "mamori-audit-v1"

typedef struct audit_actor {
    long id;           /* person id; 0 when anonymous or the system */
    const char *label; /* login, "anonymous" or "system" */
    const char *ip;    /* client address, "" for the CLI */
} audit_actor;

/* Appends one event. c must be inside a write transaction. detail may be NULL (an empty
 * object is stored); it is not consumed. */
err_code audit_append(db_conn *c, const audit_actor *actor, const char *action, const char *object_type,
                      const char *object_id, json_t *detail, err *e);

/* The canonical content of an event (see docs/audit-trail.md); caller frees. */
char *audit_canonical(const char *seq, const char *occurred_at, const char *actor_id, const char *actor,
                      const char *action, const char *object_type, const char *object_id, const char *ip,
                      const char *detail, size_t *len);
/* hex(SHA-256(prev_hash ‖ canonical)) into out. */
void audit_chain_hash(const char *prev_hash, const char *canonical, size_t len, char out[AUDIT_HASH_HEX]);

/* The digest of many rows of the store (docs/audit-trail.md, "Digests of rows"), for
 * one event that stands for many writes (an import, asset.import): SHA-256 over the
 * form's name and LF, then each row's cells in order, a cell written <len>:<bytes> LF
 * as in the canonical form of an event, a NULL as - LF. Every row of one digest has the
 * same number of cells, in the order the form names. */
typedef struct audit_digest audit_digest;
/* A new digest of the form (e.g. "mamori-asset-versions-v1"); audit_digest_final frees it. */
audit_digest *audit_digest_new(const char *form);
void audit_digest_row(audit_digest *d, const char *const *cells, size_t n);
/* The hex digest into out; frees d. */
void audit_digest_final(audit_digest *d, char out[AUDIT_HASH_HEX]);

/* The hex SHA-256 of len bytes (a file an event names). */
void audit_sha256_hex(const void *data, size_t len, char out[AUDIT_HASH_HEX]);

/* Checks what an event's detail vouches for beyond its own bytes: for an event that
 * stands for many writes, the rows it names against their digest (asset.import:
 * asset_import_check_event). OK with *problem NULL when it holds (or the action has
 * nothing to check), OK with *problem set (owned by the caller) when it does not. */
err_code audit_check_detail(db_conn *c, const char *action, const char *detail, char **problem, err *e);

typedef struct audit_verify_result {
    bool ok;
    long n_events;
    char head_hash[AUDIT_HASH_HEX];
    long broken_seq;   /* the first event at fault when !ok */
    char *problem;     /* owned; what is wrong when !ok */
} audit_verify_result;

/* Walks the whole chain in order and checks sequence, links, hashes and the head row. */
err_code audit_verify(db *d, audit_verify_result *out, err *e);
/* The same, calling progress(arg, events checked so far) after each batch. */
err_code audit_verify_progress(db *d, audit_verify_result *out, void (*progress)(void *arg, long done), void *arg,
                               err *e);
void audit_verify_result_free(audit_verify_result *r);

/* Anonymous refusals (401/403/429 without a session) are counted, not logged one by
 * one, so a flood of bad requests cannot flood the trail; audit_refusals_flush writes
 * one event with the counts since the last flush. Thread-safe. */
typedef struct audit_refusals audit_refusals;
audit_refusals *audit_refusals_new(void);
void audit_refusals_free(audit_refusals *r);
void audit_refusals_count(audit_refusals *r, const char *reason);
err_code audit_refusals_flush(audit_refusals *r, db *d, err *e);

#endif
