/* cli_after_create — what init and demo do once a store exists: the instance's signing
 * key (made once, kept in the configuration directory, never in the database) and a
 * first checkpoint of the trail. */
#include <stdio.h>
#include <stdlib.h>

#include "audit/checkpoint.h"
#include "cli/cli.h"

err_code cli_after_create(db *d, const config *cfg, err *e)
{
    char *dir = config_resolve_dir(cfg);
    char *file = config_checkpoint_file(cfg);
    checkpoint_key key;
    bool created = false;
    err_code rc = checkpoint_key_ensure(dir, &created, e);
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
