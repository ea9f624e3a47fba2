/* xalloc — mamori's allocation policy in one place.
 * On allocation failure mamori prints a message and aborts (as redis and kore do),
 * so no other code checks malloc for NULL. Everything returned is owned by the caller
 * and released with free(). */
#ifndef MAMORI_XALLOC_H
#define MAMORI_XALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* The same, NULL staying NULL (an optional text). */
char *xstrdup_opt(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a fresh string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
