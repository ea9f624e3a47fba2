/* catalog_common — what threat, requirement and law share: the checks of a catalog
 * code (its form, and that no other row has it) and of text lengths, and the joining
 * of a list statement's own parameters with those of a search condition. Internal to
 * the three modules. */
#ifndef MAMORI_CATALOG_COMMON_H
#define MAMORI_CATALOG_COMMON_H
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "db/db.h"

/* The most items a catalog list answers at once, and by default. */
#define CATALOG_LIST_MAX 500
#define CATALOG_LIST_DEFAULT 50

/* Characters (code points) of a UTF-8 string. */
size_t catalog_chars(const char *s);
/* A code of the catalog (PHY-01, T-N01, appi): 1 to 40 of A–Z a–z 0–9 . _ -. */
bool catalog_code_ok(const char *s);
/* Adds a field error when s is set and is empty (when required) or longer than max characters. */
void catalog_check_text(const char *s, const char *field, bool required, size_t max, err *e);
/* A field error ("code": taken by another …) when code names another row of table than
 * self (0 for a new one); table is the caller's constant ("threat", "law"). */
err_code catalog_code_free(db_conn *c, const char *table, const char *code, long self, err *e);
/* own[0..n_own) then extra[0..n_extra) as one array (the strings borrowed); caller frees
 * the array. */
const char **catalog_params(const char *const *own, size_t n_own, char *const *extra, size_t n_extra);

#endif
