/* timeutil — canonical UTC text, dates and 和暦 (see timeutil.h). */
#include "core/timeutil.h"

#include <stdio.h>
#include <string.h>

#include "core/xalloc.h"

void time_canon(time_t t, char out[TIME_CANON_LEN])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    /* Years are four digits for the life of any store mamori will hold. */
    strftime(out, TIME_CANON_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void time_now_canon(char out[TIME_CANON_LEN])
{
    time_canon(time(NULL), out);
}

void time_today_local(char out[11])
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

static bool time_digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

static int time_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return days[m - 1];
}

bool time_parse_date(const char *s, int *y, int *m, int *d)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    if (!time_digits(s, 4, y) || !time_digits(s + 5, 2, m) || !time_digits(s + 8, 2, d)) return false;
    if (*m < 1 || *m > 12 || *d < 1 || *d > time_days_in_month(*y, *m)) return false;
    return true;
}

bool time_date_add(const char *date, int days, char out[11])
{
    int y, m, d;
    if (!time_parse_date(date, &y, &m, &d)) return false;
    /* Noon UTC, so adding whole days never crosses a date line through rounding. */
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_hour = 12;
    time_t t = timegm(&tm) + (time_t)days * 86400;
    gmtime_r(&t, &tm);
    return strftime(out, 11, "%Y-%m-%d", &tm) == 10;
}

bool time_parse_canon(const char *s, time_t *out)
{
    int y, mo, d, h, mi, se;
    if (strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') return false;
    char date[11];
    memcpy(date, s, 10);
    date[10] = '\0';
    if (!time_parse_date(date, &y, &mo, &d)) return false;
    if (!time_digits(s + 11, 2, &h) || !time_digits(s + 14, 2, &mi) || !time_digits(s + 17, 2, &se)) return false;
    if (h > 23 || mi > 59 || se > 60) return false;
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = se;
    *out = timegm(&tm);
    return true;
}

/* Each era begins on its first day; the table is newest first so the first era whose
 * start is not after the date is the one it belongs to. */
static const struct {
    const char *name;
    int y, m, d;
} wareki_eras[] = {
    {"令和", 2019, 5, 1},
    {"平成", 1989, 1, 8},
    {"昭和", 1926, 12, 25},
    {"大正", 1912, 7, 30},
    {"明治", 1868, 1, 25},
};

char *wareki_format(int y, int m, int d)
{
    if (m < 1 || m > 12 || d < 1 || d > time_days_in_month(y, m)) return NULL;
    long key = (long)y * 10000 + m * 100 + d;
    for (size_t i = 0; i < sizeof wareki_eras / sizeof wareki_eras[0]; i++) {
        long start = (long)wareki_eras[i].y * 10000 + wareki_eras[i].m * 100 + wareki_eras[i].d;
        if (key < start) continue;
        int year = y - wareki_eras[i].y + 1;
        if (year == 1) return xasprintf("%s元年%d月%d日", wareki_eras[i].name, m, d);
        return xasprintf("%s%d年%d月%d日", wareki_eras[i].name, year, m, d);
    }
    return NULL;
}

int nendo_of(int y, int m)
{
    return m >= 4 ? y : y - 1;
}
