/* csv_write — CSV fields for Excel, with the formula guard (see csv_write.h). Used by
 * every CSV export (the audit trail, the asset ledger). */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#include "io/csv_write.h"

/* The characters Excel starts a formula with. */
static bool csv_write_formula_start(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@';
}

bool csv_write_needs_guard(const char *v)
{
    if (!v) return false;
    while (*v == '\'') v++;
    return csv_write_formula_start(*v);
}

void csv_write_raw(FILE *f, const char *bytes, size_t n, bool last)
{
    csv_fwrite(f, bytes, n);
    fputs(last ? "\r\n" : ",", f);
}

void csv_write_field(FILE *f, const char *value, bool last)
{
    const char *v = value ? value : "";
    if (csv_write_needs_guard(v)) {
        char *guarded = xasprintf("'%s", v); /* freed here */
        csv_write_raw(f, guarded, strlen(guarded), last);
        free(guarded);
        return;
    }
    csv_write_raw(f, v, strlen(v), last);
}

const char *csv_write_unguard(const char *v)
{
    if (v && v[0] == '\'' && csv_write_needs_guard(v)) return v + 1;
    return v;
}
