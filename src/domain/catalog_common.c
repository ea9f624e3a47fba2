/* catalog_common — shared checks of the catalog modules (see catalog_common.h). */
#include "domain/catalog_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

size_t catalog_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

bool catalog_code_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 40) return false;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
              *s == '_' || *s == '.'))
            return false;
    return true;
}

void catalog_check_text(const char *s, const char *field, bool required, size_t max, err *e)
{
    if (!s) return;
    if (required && !*s) err_field_add(e, field, "is required");
    else if (catalog_chars(s) > max) err_field_add(e, field, "must be at most %zu characters", max);
}

const char **catalog_params(const char *const *own, size_t n_own, char *const *extra, size_t n_extra)
{
    const char **p = xcalloc(n_own + n_extra + 1, sizeof *p);
    for (size_t i = 0; i < n_own; i++) p[i] = own[i];
    for (size_t i = 0; i < n_extra; i++) p[n_own + i] = extra[i];
    return p;
}

err_code catalog_code_free(db_conn *c, const char *table, const char *code, long self, err *e)
{
    if (!code) return OK;
    char st[24];
    snprintf(st, sizeof st, "%ld", self);
    /* table is a constant of the calling module, never input. */
    char *sql = xasprintf("SELECT 1 FROM %s WHERE code = $1 AND id <> CAST($2 AS BIGINT)", table);
    db_rows *rows = NULL;
    err_code rc = db_query(c, sql, DB_PARAMS(code, st), &rows, e);
    if (rc == OK && rows->n_rows) {
        err_field_add(e, "code", "is taken by another %s", table);
        rc = ERR_VALIDATION;
    }
    db_rows_free(rows);
    free(sql);
    return rc;
}
