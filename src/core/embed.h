/* embed — files compiled into the binary: the UI (web/) and the migrations.
 * The table is generated at build time by tools/embed.c into build/…/embedded.c. */
#ifndef MAMORI_EMBED_H
#define MAMORI_EMBED_H
#include <stddef.h>

typedef struct embedded_file {
    const char *path; /* relative to the repository, e.g. "web/index.html" */
    const unsigned char *data;
    size_t size;
} embedded_file;

extern const embedded_file embedded_files[];
extern const size_t embedded_files_count;

/* The file at path, or NULL. */
const embedded_file *embed_find(const char *path);

#endif
