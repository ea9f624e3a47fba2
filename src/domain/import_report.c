/* import_report — the problems an import found (see import_report.h). */
#include "domain/import_report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void import_problem_add(import_report *r, size_t row, const char *column, const char *fmt, ...)
{
    r->n_problems++;
    if (r->n_listed >= IMPORT_MAX_LISTED) return;
    r->problems = xrealloc(r->problems, (r->n_listed + 1) * sizeof *r->problems);
    va_list ap;
    va_start(ap, fmt);
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0) msg = xstrdup("?");
    va_end(ap);
    r->problems[r->n_listed].row = row;
    r->problems[r->n_listed].column = xstrdup(column ? column : "");
    r->problems[r->n_listed].message = msg;
    r->n_listed++;
}

void import_report_free(import_report *r)
{
    for (size_t i = 0; i < r->n_listed; i++) {
        free(r->problems[i].column);
        free(r->problems[i].message);
    }
    free(r->problems);
    memset(r, 0, sizeof *r);
}
