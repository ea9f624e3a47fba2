/* csv_write — writing CSV that Excel opens safely: every field quoted (libcsv's
 * csv_fwrite: quotes doubled; commas and line breaks kept inside the cell), rows ended
 * with CRLF, and the formula guard.
 *
 * The formula guard: Excel runs a cell that starts with =, +, - or @ as a formula, even
 * from a CSV file (CSV injection). Such a value is written with one apostrophe before
 * it. So that an import can undo the guard exactly (export → import loses nothing), a
 * value that already starts with apostrophes followed by one of those characters gets
 * one more: the rule is "^'*[=+\-@] gains one apostrophe", and csv_write_unguard drops
 * one apostrophe from "^'+[=+\-@]". Exports: the functions below. */
#ifndef MAMORI_CSV_WRITE_H
#define MAMORI_CSV_WRITE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Does v (NULL: empty) need the formula guard? */
bool csv_write_needs_guard(const char *v);
/* One field of n bytes, written as given (already guarded and encoded), then "," or
 * (last) CRLF. */
void csv_write_raw(FILE *f, const char *bytes, size_t n, bool last);
/* One UTF-8 field (NULL: empty) with the formula guard. */
void csv_write_field(FILE *f, const char *value, bool last);
/* For imports: the value as it was before the guard (a pointer into v, no copy). */
const char *csv_write_unguard(const char *v);

#endif
