/* buf — a growable byte buffer with a size cap, for anything whose size an outsider
 * controls (request bodies, CSV lines, generated text). Appends past the cap fail
 * with BUF_TOO_BIG instead of growing; the contents stay NUL-terminated. */
#ifndef MAMORI_BUF_H
#define MAMORI_BUF_H
#include <stdarg.h>
#include <stddef.h>

#define BUF_OK 0
#define BUF_TOO_BIG 1

typedef struct buf {
    char *data;   /* owned; NULL until the first append */
    size_t len;
    size_t cap;   /* allocated bytes */
    size_t limit; /* most bytes it may hold; 0 = unlimited */
} buf;

void buf_init(buf *b, size_t limit);
void buf_free(buf *b);
void buf_reset(buf *b);
int buf_append(buf *b, const void *data, size_t n);
int buf_puts(buf *b, const char *s);
int buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Takes the contents out (caller frees); the buffer is empty afterwards. */
char *buf_take(buf *b);
/* The contents as a string ("" when empty); owned by the buffer. */
const char *buf_str(const buf *b);

#endif
