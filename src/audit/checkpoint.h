/* checkpoint — signed statements of the audit chain's length and head, kept outside
 * the store (a file and syslog), so that cutting off the newest events or restoring an
 * old backup over a newer store is caught: the chain no longer reaches a checkpoint.
 *
 * Each checkpoint is one line of JSON:
 *   {"v":1,"store":"<store id>","count":N,"head":"<hex>","time":"<UTC>","key":"<hex>","sig":"<hex>"}
 * signed with the instance's Ed25519 key over
 *   "mamori-checkpoint-v1\n" store "\n" count "\n" head "\n" time "\n".
 * The store id (made at init) keeps one store's checkpoints from vouching for another.
 * The key pair is made by `mamori init` in the configuration directory, never in the
 * database; the public key can be handed to an outside auditor. */
#ifndef MAMORI_CHECKPOINT_H
#define MAMORI_CHECKPOINT_H
#include <stdbool.h>
#include <sodium.h>

#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"

#define CHECKPOINT_KEY_FILE "mamori-signing.key"
#define CHECKPOINT_PUB_FILE "mamori-signing.pub"

typedef struct checkpoint_key {
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    bool has_secret;
} checkpoint_key;

/* Makes a key pair in dir unless one is there; *created says which. */
err_code checkpoint_key_ensure(const char *dir, bool *created, err *e);
/* Loads the key pair (secret too) from dir. */
err_code checkpoint_key_load(const char *dir, checkpoint_key *out, err *e);
/* Loads a public key from a .pub file (hex). */
err_code checkpoint_pub_load(const char *path, checkpoint_key *out, err *e);
void checkpoint_key_wipe(checkpoint_key *k);

/* Reads the chain head and returns a signed checkpoint line (caller frees). */
err_code checkpoint_make(db *d, const checkpoint_key *k, char **line, err *e);

typedef struct checkpoint_report {
    int n_checked;
    int n_failed;
    int n_other;    /* checkpoints of other stores in the same file, ignored */
    char *problems; /* owned; one line per failed checkpoint */
} checkpoint_report;

/* Checks every checkpoint line in path against the chain (which the caller verified
 * first): the signature by key, and that event `count` exists with hash `head`. */
err_code checkpoint_verify_file(db *d, const checkpoint_key *key, const char *path, checkpoint_report *out, err *e);
void checkpoint_report_free(checkpoint_report *r);

#endif
