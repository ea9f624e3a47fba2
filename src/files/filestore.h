/* filestore — files that belong to mamori's records (evidence, attachments, exports).
 *
 * Content is stored outside the database, in files_dir, named by its SHA-256
 * (files_dir/ab/abcdef…), so the same content is kept once and anyone handed a copy
 * can check it against the SHA-256 mamori shows. Each stored file belongs to one
 * object (owner_type, owner_id); the HTTP layer serves it only after the permission
 * check of that object. Sizes are capped and types are decided by content (libmagic),
 * never by the name the uploader gave. Several servers share files_dir (a shared
 * folder), as they share the database (docs/operations.md). */
#ifndef MAMORI_FILESTORE_H
#define MAMORI_FILESTORE_H
#include <stddef.h>

#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"

typedef struct filestore {
    char *dir;        /* owned */
    size_t max_bytes;
} filestore;

typedef struct stored_file {
    long id;
    char sha256[65];
    long size;
    char *media_type; /* owned */
    char *name;       /* owned */
    char *owner_type; /* owned */
    char *owner_id;   /* owned */
} stored_file;

void filestore_init(filestore *fs, const char *dir, size_t max_bytes);
void filestore_free(filestore *fs);

/* Stores the content of the file at src_path (a temporary file the caller made) for
 * an owner, inside the caller's write transaction; audited as file.store. The type is
 * detected from the content and refused unless it is one mamori accepts. */
err_code filestore_put_path(filestore *fs, db_conn *c, const audit_actor *actor, const char *src_path,
                            const char *name, const char *owner_type, const char *owner_id, stored_file *out,
                            err *e);
/* The newest file of an owner; ERR_NOT_FOUND when it has none. */
err_code filestore_find_owned(db *d, const char *owner_type, const char *owner_id, stored_file *out, err *e);
/* One stored file by its id; ERR_NOT_FOUND when there is none. The caller checks the
 * permission of its owner before serving it. */
err_code filestore_get(db_conn *c, long id, stored_file *out, err *e);
/* Opens the content for reading (read-only fd); checks its SHA-256 on the way. */
err_code filestore_open(filestore *fs, const stored_file *f, int *fd, err *e);
void stored_file_free(stored_file *f);

#endif
