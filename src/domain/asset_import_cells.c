/* asset_import_cells — what the ledger import reads from a cell without the store: the
 * columns and their headers (Japanese and English), the labels and codes of the
 * enumerations, dates in the three forms people write (西暦 with - or /, 和暦 with 元年)
 * and yes/no cells. Exports the pure parts declared in asset_import.h and the label
 * tables of asset_import_internal.h. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/timeutil.h"
#include "domain/asset_import.h"
#include "domain/asset_import_internal.h"

/* The import reads the columns of the export (asset_columns.h), in the same order. */
_Static_assert((int)AI_COUNT == (int)ASSET_COL_COUNT, "the import's columns are the export's");
_Static_assert((int)AI_C == (int)ASSET_COL_CONFIDENTIALITY && (int)AI_UPDATED_AT == (int)ASSET_COL_UPDATED_AT,
               "in the same order");

const char *asset_import_enum(const char *v, const asset_label *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v, list[i].ja) == 0 || strcmp(v, list[i].code) == 0) return list[i].code;
    return NULL;
}

const char *asset_import_enum_label(const char *code, const asset_label *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (code && strcmp(code, list[i].code) == 0) return list[i].ja;
    return code ? code : "";
}

/* ---- the pure parts ---- */

int asset_import_column(const char *header)
{
    while (*header == ' ' || *header == '\t') header++;
    size_t n = strlen(header);
    while (n && (header[n - 1] == ' ' || header[n - 1] == '\t')) n--;
    for (int c = 0; c < AI_COUNT; c++)
        if ((strlen(asset_columns[c].ja) == n && strncmp(header, asset_columns[c].ja, n) == 0) ||
            (strlen(asset_columns[c].en) == n && strncasecmp(header, asset_columns[c].en, n) == 0))
            return c;
    return -1;
}

/* Reads 1 to max ASCII digits at *s, advancing it. */
static bool ai_number(const char **s, int max, int *out)
{
    int n = 0, v = 0;
    while (n < max && **s >= '0' && **s <= '9') v = v * 10 + (*(*s)++ - '0'), n++;
    *out = v;
    return n > 0;
}

static bool ai_eat(const char **s, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(*s, word, n) != 0) return false;
    *s += n;
    return true;
}

static const struct {
    const char *name;
    int y, m, d; /* the era's first day */
} ai_eras[] = {{"令和", 2019, 5, 1}, {"平成", 1989, 1, 8}, {"昭和", 1926, 12, 25}};

bool asset_import_date(const char *s, char out[11])
{
    int y = 0, m = 0, d = 0;
    const char *p = s;
    int era = -1;
    for (size_t i = 0; i < ASSET_IMPORT_N(ai_eras) && era < 0; i++)
        if (ai_eat(&p, ai_eras[i].name)) era = (int)i;
    if (era >= 0) {
        int ey;
        if (ai_eat(&p, "元")) ey = 1;
        else if (!ai_number(&p, 2, &ey) || ey < 1) return false;
        if (!ai_eat(&p, "年") || !ai_number(&p, 2, &m) || !ai_eat(&p, "月") || !ai_number(&p, 2, &d) ||
            !ai_eat(&p, "日") || *p)
            return false;
        y = ai_eras[era].y + ey - 1;
    } else {
        if (!ai_number(&p, 4, &y) || p - s != 4) return false;
        char sep = *p;
        if (sep != '-' && sep != '/') return false;
        p++;
        if (!ai_number(&p, 2, &m) || *p != sep) return false;
        p++;
        if (!ai_number(&p, 2, &d) || *p) return false;
    }
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    int cy, cm, cd;
    if (y < 1000 || !time_parse_date(out, &cy, &cm, &cd)) return false;
    if (era >= 0) {
        /* 令和1年4月1日 (before the era) or 平成32年 (after it) is no day at all. */
        long key = (long)y * 10000 + m * 100 + d;
        if (key < (long)ai_eras[era].y * 10000 + ai_eras[era].m * 100 + ai_eras[era].d) return false;
        if (era > 0 && key >= (long)ai_eras[era - 1].y * 10000 + ai_eras[era - 1].m * 100 + ai_eras[era - 1].d)
            return false;
    }
    return true;
}

int asset_import_flag(const char *s)
{
    static const char *const yes[] = {"あり", "○", "〇", "◯", "はい", "1", "true", "yes", "有"};
    static const char *const no[] = {"", "なし", "×", "いいえ", "0", "false", "no", "無"};
    for (size_t i = 0; i < ASSET_IMPORT_N(yes); i++)
        if (strcasecmp(s, yes[i]) == 0) return 1;
    for (size_t i = 0; i < ASSET_IMPORT_N(no); i++)
        if (strcasecmp(s, no[i]) == 0) return 0;
    return -1;
}
