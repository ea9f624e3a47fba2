/* risk_matrix — the words of the risk matrix's steps (see risk_matrix.h). */
#include "domain/risk_matrix.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

typedef struct rm_default {
    const char *ja, *en;
} rm_default;

/* The built-in words, from the lowest step up: likelihood as it is usually worded for
 * 3, 4 and 5 steps, impact likewise. */
static const rm_default rm_likelihood3[] = {{"まれ", "Rare"}, {"起こりうる", "Possible"}, {"起こりやすい", "Likely"}};
static const rm_default rm_likelihood4[] = {
    {"まれ", "Rare"}, {"起こりにくい", "Unlikely"}, {"起こりやすい", "Likely"}, {"ほぼ確実", "Almost certain"}};
static const rm_default rm_likelihood5[] = {{"まれ", "Rare"},
                                            {"起こりにくい", "Unlikely"},
                                            {"起こりうる", "Possible"},
                                            {"起こりやすい", "Likely"},
                                            {"ほぼ確実", "Almost certain"}};
static const rm_default rm_impact3[] = {{"小", "Minor"}, {"中", "Moderate"}, {"大", "Major"}};
static const rm_default rm_impact4[] = {{"軽微", "Negligible"}, {"小", "Minor"}, {"大", "Major"}, {"甚大", "Severe"}};
static const rm_default rm_impact5[] = {
    {"軽微", "Negligible"}, {"小", "Minor"}, {"中", "Moderate"}, {"大", "Major"}, {"甚大", "Severe"}};

static const rm_default *rm_defaults(int size, bool impact)
{
    switch (size) {
    case 3: return impact ? rm_impact3 : rm_likelihood3;
    case 4: return impact ? rm_impact4 : rm_likelihood4;
    case 5: return impact ? rm_impact5 : rm_likelihood5;
    default: return NULL;
    }
}

static void rm_fill_defaults(int size, bool impact, risk_label *out)
{
    const rm_default *d = rm_defaults(size, impact);
    for (int i = 0; i < size; i++) {
        if (d) {
            out[i].ja = xstrdup(d[i].ja);
            out[i].en = xstrdup(d[i].en);
        } else {
            out[i].ja = xasprintf("レベル%d", i + 1);
            out[i].en = xasprintf("Level %d", i + 1);
        }
    }
}

/* [*s, *end) without ASCII white space and the ideographic space (U+3000) at either end. */
static void rm_trim(const char **s, const char **end)
{
    for (;;) {
        if (*s < *end && (**s == ' ' || **s == '\t')) (*s)++;
        else if (*end - *s >= 3 && !memcmp(*s, "\xe3\x80\x80", 3)) *s += 3;
        else break;
    }
    for (;;) {
        if (*end > *s && ((*end)[-1] == ' ' || (*end)[-1] == '\t')) (*end)--;
        else if (*end - *s >= 3 && !memcmp(*end - 3, "\xe3\x80\x80", 3)) *end -= 3;
        else break;
    }
}

static void rm_labels_free(risk_label *l, int n)
{
    for (int i = 0; l && i < n; i++) {
        free(l[i].ja);
        free(l[i].en);
    }
    free(l);
}

/* The labels of one setting into out (size of them); the error names the setting. */
static err_code rm_parse(const char *setting, const char *text, int size, risk_label *out, err *e)
{
    int n = 1;
    for (const char *p = text; *p; p++)
        if (*p == ',') n++;
    if (n != size)
        return err_set(e, ERR_VALIDATION,
                       "setting %s: %d label%s for a matrix of %d steps (risk_matrix_size): give exactly %d, from the "
                       "lowest step up, separated by commas, each as 日本語|English",
                       setting, n, n == 1 ? "" : "s", size, size);
    const char *p = text;
    for (int i = 0; i < size; i++) {
        const char *end = strchr(p, ',');
        if (!end) end = p + strlen(p);
        const char *bar = memchr(p, '|', (size_t)(end - p));
        const char *ja = p, *ja_end = bar ? bar : end, *en = bar ? bar + 1 : end, *en_end = end;
        rm_trim(&ja, &ja_end);
        rm_trim(&en, &en_end);
        if (ja == ja_end)
            return err_set(e, ERR_VALIDATION, "setting %s: step %d has no Japanese label (write 日本語|English)",
                           setting, i + 1);
        if (ja_end - ja > RISK_LABEL_MAX_BYTES || en_end - en > RISK_LABEL_MAX_BYTES)
            return err_set(e, ERR_VALIDATION, "setting %s: the label of step %d is longer than %d bytes", setting,
                           i + 1, RISK_LABEL_MAX_BYTES);
        if (en_end > en && memchr(en, '|', (size_t)(en_end - en)))
            return err_set(e, ERR_VALIDATION, "setting %s: step %d has more than one '|'", setting, i + 1);
        out[i].ja = xstrndup(ja, (size_t)(ja_end - ja));
        out[i].en = en_end > en ? xstrndup(en, (size_t)(en_end - en)) : xstrdup(out[i].ja);
        p = *end ? end + 1 : end;
    }
    return OK;
}

err_code risk_matrix_make(int size, const char *likelihood_labels, const char *impact_labels, risk_matrix *out,
                          err *e)
{
    memset(out, 0, sizeof *out);
    if (size < RISK_MATRIX_MIN || size > RISK_MATRIX_MAX)
        return err_set(e, ERR_VALIDATION, "setting risk_matrix_size: %d is outside %d..%d", size, RISK_MATRIX_MIN,
                       RISK_MATRIX_MAX);
    /* calloc'd: a failure part-way leaves NULLs that rm_labels_free passes over. */
    risk_label *likelihood = xcalloc((size_t)size, sizeof *likelihood);
    risk_label *impact = xcalloc((size_t)size, sizeof *impact);
    err_code rc = OK;
    if (likelihood_labels && *likelihood_labels)
        rc = rm_parse("risk_likelihood_labels", likelihood_labels, size, likelihood, e);
    else
        rm_fill_defaults(size, false, likelihood);
    if (rc == OK && impact_labels && *impact_labels)
        rc = rm_parse("risk_impact_labels", impact_labels, size, impact, e);
    else if (rc == OK)
        rm_fill_defaults(size, true, impact);
    if (rc != OK) {
        rm_labels_free(likelihood, size);
        rm_labels_free(impact, size);
        return rc;
    }
    out->size = size;
    out->likelihood = likelihood;
    out->impact = impact;
    return OK;
}

void risk_matrix_free(risk_matrix *m)
{
    rm_labels_free(m->likelihood, m->size);
    rm_labels_free(m->impact, m->size);
    memset(m, 0, sizeof *m);
}
