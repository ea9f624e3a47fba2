/* timeutil — mamori's clock and its text forms.
 * Times are stored as canonical UTC text, "2026-04-01T00:00:00Z": the same bytes on
 * both store backends, so hashes over stored content are stable. Dates that are dates
 * are "YYYY-MM-DD". Japanese output uses 和暦 (令和7年4月1日, 元年 for year one). */
#ifndef MAMORI_TIMEUTIL_H
#define MAMORI_TIMEUTIL_H
#include <stdbool.h>
#include <time.h>

#define TIME_CANON_LEN 21 /* "YYYY-MM-DDTHH:MM:SSZ" + NUL */

/* Writes t as canonical UTC text into out (TIME_CANON_LEN bytes). */
void time_canon(time_t t, char out[TIME_CANON_LEN]);
void time_now_canon(char out[TIME_CANON_LEN]);
/* Today's date (YYYY-MM-DD) in the body's zone; the zone is set once at start-up
 * (TZ, default Asia/Tokyo), so role validity dates follow the local calendar. */
void time_today_local(char out[11]);
/* Parses canonical UTC text; false when s is not exactly that form. */
bool time_parse_canon(const char *s, time_t *out);
/* Parses "YYYY-MM-DD" and checks the day exists. */
bool time_parse_date(const char *s, int *y, int *m, int *d);
/* The date `days` days after date (negative: before) into out, as YYYY-MM-DD; false
 * when date is not a date. Effective dates: the day before an April 1st is March 31st. */
bool time_date_add(const char *date, int days, char out[11]);
/* The 和暦 form of a Gregorian date, e.g. "令和7年4月1日"; caller frees.
 * NULL for dates before 明治 (1868-01-25) or impossible dates. */
char *wareki_format(int y, int m, int d);
/* The 年度 (April–March business year) that a date falls in. */
int nendo_of(int y, int m);

#endif
