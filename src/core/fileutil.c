/* fileutil — reading and writing small whole files (see fileutil.h). */
#include "core/fileutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/xalloc.h"

err_code file_read_all(const char *path, size_t limit, char **out, size_t *len, err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(e, ERR_VALIDATION, "cannot read %s: %s", path, strerror(errno));
    buf b;
    buf_init(&b, limit);
    char chunk[8192];
    size_t n;
    err_code rc = OK;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (buf_append(&b, chunk, n) != BUF_OK) {
            rc = err_set(e, ERR_TOO_BIG, "%s is larger than %zu bytes", path, limit);
            break;
        }
    }
    if (rc == OK && ferror(f)) rc = err_set(e, ERR_VALIDATION, "cannot read %s", path);
    fclose(f);
    if (rc != OK) {
        buf_free(&b);
        return rc;
    }
    if (len) *len = b.len;
    *out = buf_take(&b);
    return OK;
}

static err_code file_write_fd(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR) continue;
            return ERR_INTERNAL;
        }
        p += w;
        len -= (size_t)w;
    }
    return fsync(fd) == 0 ? OK : ERR_INTERNAL;
}

err_code file_write_atomic(const char *path, const void *data, size_t len, unsigned mode, err *e)
{
    char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
    err_code rc = OK;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, mode);
    if (fd < 0) {
        rc = err_set(e, ERR_INTERNAL, "cannot create %s: %s", tmp, strerror(errno));
        goto cleanup;
    }
    if (file_write_fd(fd, data, len) != OK) {
        rc = err_set(e, ERR_INTERNAL, "cannot write %s: %s", tmp, strerror(errno));
        close(fd);
        unlink(tmp);
        goto cleanup;
    }
    close(fd);
    if (rename(tmp, path) != 0) {
        rc = err_set(e, ERR_INTERNAL, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
        unlink(tmp);
    }
cleanup:
    free(tmp);
    return rc;
}

err_code file_append_line(const char *path, const char *line, err *e)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (fd < 0) return err_set(e, ERR_INTERNAL, "cannot open %s: %s", path, strerror(errno));
    size_t n = strlen(line);
    char *with_nl = xasprintf("%s\n", line);
    err_code rc = file_write_fd(fd, with_nl, n + 1);
    free(with_nl);
    close(fd);
    if (rc != OK) return err_set(e, ERR_INTERNAL, "cannot append to %s: %s", path, strerror(errno));
    return OK;
}

void file_mkdirs(const char *dir)
{
    char *path = xstrdup(dir);
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        mkdir(path, 0700);
        *p = '/';
    }
    mkdir(path, 0700);
    free(path);
}
