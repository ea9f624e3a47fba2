/* filestore — content-addressed files outside the database (see filestore.h). */
#include "files/filestore.h"

#include <errno.h>
#include <fcntl.h>
#include <magic.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fileutil.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

/* What mamori keeps: documents, images, text and data exchange formats. Executables,
 * scripts and archives of unknown content are refused. */
static const char *const filestore_types[] = {
    "application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain", "text/csv",
    "application/csv", "application/json", "application/xml", "text/xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.ms-excel", "application/msword", "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.text",
};

void filestore_init(filestore *fs, const char *dir, size_t max_bytes)
{
    fs->dir = xstrdup(dir);
    fs->max_bytes = max_bytes;
}

void filestore_free(filestore *fs)
{
    free(fs->dir);
    fs->dir = NULL;
}

void stored_file_free(stored_file *f)
{
    free(f->media_type);
    free(f->name);
    free(f->owner_type);
    free(f->owner_id);
    memset(f, 0, sizeof *f);
}


/* SHA-256 and size of a file, reading it once. */
static err_code filestore_digest(int fd, char hex[65], long *size, err *e)
{
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    unsigned char chunk[65536];
    long total = 0;
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) > 0) {
        crypto_hash_sha256_update(&st, chunk, (unsigned long long)n);
        total += n;
    }
    if (n < 0) return err_set(e, ERR_INTERNAL, "cannot read a file to store: %s", strerror(errno));
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, digest);
    sodium_bin2hex(hex, 65, digest, sizeof digest);
    *size = total;
    return OK;
}

static char *filestore_path(const filestore *fs, const char *sha)
{
    return xasprintf("%s/%.2s/%s", fs->dir, sha, sha);
}

static err_code filestore_detect(const char *path, char **type, err *e)
{
    magic_t m = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
    if (!m || magic_load(m, NULL) != 0) {
        if (m) magic_close(m);
        return err_set(e, ERR_INTERNAL, "libmagic has no database");
    }
    const char *t = magic_file(m, path);
    err_code rc = OK;
    if (!t) rc = err_set(e, ERR_INTERNAL, "cannot tell the file's type: %s", magic_error(m));
    else *type = xstrdup(t);
    magic_close(m);
    return rc;
}

err_code filestore_put_path(filestore *fs, db_conn *c, const audit_actor *actor, const char *src_path,
                            const char *name, const char *owner_type, const char *owner_id, stored_file *out,
                            err *e)
{
    memset(out, 0, sizeof *out);
    char *type = NULL, *dest = NULL, *tmp = NULL;
    db_rows *rows = NULL;
    int in = open(src_path, O_RDONLY);
    if (in < 0) return err_set(e, ERR_INTERNAL, "cannot open %s: %s", src_path, strerror(errno));
    err_code rc = filestore_digest(in, out->sha256, &out->size, e);
    close(in);
    if (rc != OK) goto cleanup;
    if ((size_t)out->size > fs->max_bytes) {
        rc = err_set(e, ERR_TOO_BIG, "the file is %ld bytes; the limit is %zu", out->size, fs->max_bytes);
        goto cleanup;
    }
    if ((rc = filestore_detect(src_path, &type, e)) != OK) goto cleanup;
    bool allowed = out->size == 0;
    for (size_t i = 0; !allowed && i < sizeof filestore_types / sizeof *filestore_types; i++)
        allowed = strcmp(type, filestore_types[i]) == 0;
    if (!allowed) {
        rc = err_set(e, ERR_VALIDATION, "files of type %s are not accepted", type);
        goto cleanup;
    }
    /* Content first, then the record: a crash between them leaves an unreferenced file
     * (harmless, content-addressed), never a record without content. */
    dest = filestore_path(fs, out->sha256);
    if (access(dest, F_OK) != 0) {
        char *sub = xasprintf("%s/%.2s", fs->dir, out->sha256);
        file_mkdirs(sub);
        free(sub);
        tmp = xasprintf("%s.tmp-%ld", dest, (long)getpid());
        int src = open(src_path, O_RDONLY), dst = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        bool copied = src >= 0 && dst >= 0;
        char chunk[65536];
        ssize_t n = 0;
        while (copied && (n = read(src, chunk, sizeof chunk)) > 0) copied = write(dst, chunk, (size_t)n) == n;
        copied = copied && n == 0 && fsync(dst) == 0;
        if (src >= 0) close(src);
        if (dst >= 0) close(dst);
        if (!copied || rename(tmp, dest) != 0) {
            unlink(tmp);
            rc = err_set(e, ERR_INTERNAL, "cannot write to the file store %s: %s", fs->dir, strerror(errno));
            goto cleanup;
        }
    }
    char now[TIME_CANON_LEN], size_text[24], by[24];
    time_now_canon(now);
    snprintf(size_text, sizeof size_text, "%ld", out->size);
    snprintf(by, sizeof by, "%ld", actor->id);
    rc = db_query(c,
                  "INSERT INTO stored_file (sha256, size, media_type, name, owner_type, owner_id, created_by,"
                  " created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                  DB_PARAMS(out->sha256, size_text, type, name, owner_type, owner_id, actor->id > 0 ? by : NULL, now),
                  &rows, e);
    if (rc != OK) goto cleanup;
    out->id = atol(db_cell(rows, 0, 0));
    json_t *detail = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s}", "sha256", out->sha256, "size",
                               (json_int_t)out->size, "media_type", type, "name", name, "owner_type", owner_type,
                               "owner_id", owner_id);
    rc = audit_append(c, actor, "file.store", "stored_file", db_cell(rows, 0, 0), detail, e);
    json_decref(detail);
    if (rc == OK) {
        out->media_type = type;
        type = NULL;
        out->name = xstrdup(name);
        out->owner_type = xstrdup(owner_type);
        out->owner_id = xstrdup(owner_id);
    }
cleanup:
    db_rows_free(rows);
    free(type);
    free(dest);
    free(tmp);
    return rc;
}

err_code filestore_find_owned(db *d, const char *owner_type, const char *owner_id, stored_file *out, err *e)
{
    memset(out, 0, sizeof *out);
    db_conn *c = db_acquire(d);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT id, sha256, size, media_type, name FROM stored_file"
                           " WHERE owner_type = $1 AND owner_id = $2 ORDER BY id DESC LIMIT 1",
                           DB_PARAMS(owner_type, owner_id), &rows, e);
    db_release(c);
    if (rc == OK && rows->n_rows == 0) rc = err_set(e, ERR_NOT_FOUND, "no file");
    if (rc == OK) {
        out->id = atol(db_cell(rows, 0, 0));
        snprintf(out->sha256, sizeof out->sha256, "%s", db_cell(rows, 0, 1));
        out->size = atol(db_cell(rows, 0, 2));
        out->media_type = xstrdup(db_cell(rows, 0, 3));
        out->name = xstrdup(db_cell(rows, 0, 4));
        out->owner_type = xstrdup(owner_type);
        out->owner_id = xstrdup(owner_id);
    }
    db_rows_free(rows);
    return rc;
}

err_code filestore_get(db_conn *c, long id, stored_file *out, err *e)
{
    memset(out, 0, sizeof *out);
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT id, sha256, size, media_type, name, owner_type, owner_id FROM stored_file"
                           " WHERE id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), &rows, e);
    if (rc == OK && rows->n_rows == 0) rc = err_set(e, ERR_NOT_FOUND, "no file");
    if (rc == OK) {
        out->id = atol(db_cell(rows, 0, 0));
        snprintf(out->sha256, sizeof out->sha256, "%s", db_cell(rows, 0, 1));
        out->size = atol(db_cell(rows, 0, 2));
        out->media_type = xstrdup(db_cell(rows, 0, 3));
        out->name = xstrdup(db_cell(rows, 0, 4));
        out->owner_type = xstrdup(db_cell(rows, 0, 5));
        out->owner_id = xstrdup(db_cell(rows, 0, 6));
    }
    db_rows_free(rows);
    return rc;
}

err_code filestore_open(filestore *fs, const stored_file *f, int *fd, err *e)
{
    char *path = filestore_path(fs, f->sha256);
    int in = open(path, O_RDONLY);
    free(path);
    if (in < 0) return err_set(e, ERR_STORE, "the content of file %ld is missing from the file store", f->id);
    char hex[65];
    long size = 0;
    err_code rc = filestore_digest(in, hex, &size, e);
    if (rc == OK && (strcmp(hex, f->sha256) != 0 || size != f->size))
        rc = err_set(e, ERR_STORE, "the content of file %ld no longer matches its SHA-256", f->id);
    if (rc != OK || lseek(in, 0, SEEK_SET) != 0) {
        close(in);
        return rc != OK ? rc : err_set(e, ERR_INTERNAL, "cannot rewind a stored file");
    }
    *fd = in;
    return OK;
}
