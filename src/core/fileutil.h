/* fileutil — whole small files in and out (keys, certificates, checkpoints). */
#ifndef MAMORI_FILEUTIL_H
#define MAMORI_FILEUTIL_H
#include <stddef.h>

#include "core/err.h"

/* Reads the whole file (at most limit bytes) into *out, NUL-terminated; caller frees. */
err_code file_read_all(const char *path, size_t limit, char **out, size_t *len, err *e);
/* Writes data to path atomically (a temporary file renamed over it) with mode. */
err_code file_write_atomic(const char *path, const void *data, size_t len, unsigned mode, err *e);
/* mkdir -p with mode 0700 (a configuration or file-store folder); best effort. */
void file_mkdirs(const char *dir);
/* Appends a line to path (created with mode 0600 when missing) and fsyncs it. */
err_code file_append_line(const char *path, const char *line, err *e);

#endif
