/* import_report — what an import found wrong, shared by the imports (person_import,
 * asset_import): every problem counted, each with its row (as a spreadsheet numbers it),
 * the column (the header as written in the file) and the reason; the first
 * IMPORT_MAX_LISTED kept for the report, the rest only counted. */
#ifndef MAMORI_IMPORT_REPORT_H
#define MAMORI_IMPORT_REPORT_H
#include <stddef.h>

typedef struct import_problem {
    size_t row;    /* as the spreadsheet numbers it; 0 for the file as a whole */
    char *column;  /* owned; the header as written in the file, or "" */
    char *message; /* owned */
} import_problem;

typedef struct import_report {
    size_t n_rows;            /* data rows */
    size_t n_problems;        /* all of them */
    import_problem *problems; /* owned; the first IMPORT_MAX_LISTED */
    size_t n_listed;
} import_report;

#define IMPORT_MAX_LISTED 1000

void import_problem_add(import_report *r, size_t row, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void import_report_free(import_report *r);

#endif
