/* reorg_plan — operations of a reorganisation to and from JSON (see reorg_plan.h). */
#include "domain/reorg_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#define REORG_MAX_PERSONS 100000

static const char *const reorg_names[] = {
    [REORG_CREATE] = "create", [REORG_RENAME] = "rename", [REORG_MOVE] = "move",
    [REORG_MERGE] = "merge",   [REORG_SPLIT] = "split",   [REORG_CLOSE] = "close",
    [REORG_MOVE_PERSON] = "move_person",
};
#define REORG_N_KINDS (sizeof reorg_names / sizeof *reorg_names)

/* The fields each kind takes besides "op", and which of them are required. */
static const struct {
    const char *name;
    unsigned kinds;    /* bit per kind that takes it */
    unsigned required; /* bit per kind that requires it */
} reorg_fields[] = {
#define K(x) (1u << (x))
    {"code", K(REORG_CREATE) | K(REORG_RENAME), K(REORG_CREATE)},
    {"name_ja", K(REORG_CREATE) | K(REORG_RENAME), K(REORG_CREATE)},
    {"name_en", K(REORG_CREATE) | K(REORG_RENAME), 0},
    {"parent", K(REORG_CREATE) | K(REORG_MOVE), K(REORG_CREATE) | K(REORG_MOVE)},
    {"unit", K(REORG_RENAME) | K(REORG_MOVE) | K(REORG_SPLIT) | K(REORG_CLOSE) | K(REORG_MOVE_PERSON),
     K(REORG_RENAME) | K(REORG_MOVE) | K(REORG_SPLIT) | K(REORG_CLOSE) | K(REORG_MOVE_PERSON)},
    {"units", K(REORG_MERGE), K(REORG_MERGE)},
    {"into", K(REORG_MERGE) | K(REORG_SPLIT), K(REORG_MERGE) | K(REORG_SPLIT)},
    {"person", K(REORG_MOVE_PERSON), K(REORG_MOVE_PERSON)},
#undef K
};

const char *reorg_op_name(reorg_op_kind kind)
{
    return (size_t)kind < REORG_N_KINDS ? reorg_names[kind] : "?";
}

static size_t rp_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

bool reorg_code_ok(const char *code)
{
    size_t n = strlen(code);
    if (n == 0 || n > REORG_CODE_MAX) return false;
    for (const char *p = code; *p; p++) {
        char ch = *p;
        bool ok = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-' ||
                  ch == '_' || ch == '.';
        if (!ok) return false;
    }
    return true;
}

static bool rp_ref(const json_t *v, reorg_ref *out, err *e, const char *path)
{
    if (json_is_integer(v) && json_integer_value(v) >= 1 && json_integer_value(v) < (1LL << 53)) {
        out->id = (long)json_integer_value(v);
        return true;
    }
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    if (s && strncmp(s, "new:", 4) == 0 && reorg_code_ok(s + 4)) {
        out->new_code = xstrdup(s + 4);
        return true;
    }
    err_field_add(e, path, "must be a unit id, or \"new:CODE\" for the unit an earlier create operation makes");
    return false;
}

static bool rp_person(const json_t *v, long *out, err *e, const char *path)
{
    if (json_is_integer(v) && json_integer_value(v) >= 1 && json_integer_value(v) < (1LL << 53)) {
        *out = (long)json_integer_value(v);
        return true;
    }
    err_field_add(e, path, "must be a person id");
    return false;
}

static char *rp_text(const json_t *v, err *e, const char *path, size_t min, size_t max)
{
    if (!json_is_string(v)) {
        err_field_add(e, path, "must be a string");
        return NULL;
    }
    const char *s = json_string_value(v);
    size_t n = rp_chars(s);
    if (n < min || n > max) {
        if (min) err_field_add(e, path, "must be %zu to %zu characters", min, max);
        else err_field_add(e, path, "must be at most %zu characters", max);
        return NULL;
    }
    return xstrdup(s);
}

static void rp_split_parts(const json_t *v, reorg_op *op, err *e, const char *path)
{
    if (!json_is_array(v) || json_array_size(v) < 2 || json_array_size(v) > 100) {
        err_field_add(e, path, "must list 2 to 100 parts, each {\"unit\": …, \"persons\": [person ids]}");
        return;
    }
    op->parts = xcalloc(json_array_size(v), sizeof *op->parts);
    op->n_parts = json_array_size(v);
    size_t total = 0;
    for (size_t k = 0; k < op->n_parts; k++) {
        const json_t *part = json_array_get(v, k);
        char *where = xasprintf("%s[%zu]", path, k);
        const json_t *unit = json_is_object(part) ? json_object_get(part, "unit") : NULL;
        const json_t *persons = json_is_object(part) ? json_object_get(part, "persons") : NULL;
        if (!json_is_object(part) || json_object_size(part) != (size_t)(!!unit + !!persons)) {
            err_field_add(e, where, "must be {\"unit\": …, \"persons\": [person ids]}");
        } else {
            char *unit_path = xasprintf("%s.unit", where), *persons_path = xasprintf("%s.persons", where);
            if (!unit) err_field_add(e, unit_path, "is required");
            else rp_ref(unit, &op->parts[k].unit, e, unit_path);
            if (persons && !json_is_array(persons)) {
                err_field_add(e, persons_path, "must be an array of person ids");
            } else if (persons) {
                size_t n = json_array_size(persons);
                total += n;
                if (total > REORG_MAX_PERSONS) {
                    err_field_add(e, persons_path, "too many people in one split (at most %d)", REORG_MAX_PERSONS);
                } else {
                    op->parts[k].persons = xcalloc(n + 1, sizeof *op->parts[k].persons);
                    for (size_t i = 0; i < n; i++) {
                        char *p = xasprintf("%s[%zu]", persons_path, i);
                        if (rp_person(json_array_get(persons, i), &op->parts[k].persons[op->parts[k].n_persons], e, p))
                            op->parts[k].n_persons++;
                        free(p);
                    }
                }
            }
            free(unit_path);
            free(persons_path);
        }
        free(where);
    }
}

static void rp_op(const json_t *o, size_t i, reorg_op *op, err *e)
{
    char *base = xasprintf("operations[%zu]", i);
    char *path = NULL;
    const json_t *kind = json_is_object(o) ? json_object_get(o, "op") : NULL;
    size_t k = 0;
    if (!json_is_object(o)) {
        err_field_add(e, base, "must be an object with \"op\"");
        goto cleanup;
    }
    for (k = 0; kind && json_is_string(kind) && k < REORG_N_KINDS; k++)
        if (strcmp(json_string_value(kind), reorg_names[k]) == 0) break;
    if (!json_is_string(kind) || k == REORG_N_KINDS) {
        path = xasprintf("%s.op", base);
        err_field_add(e, path, "must be one of create, rename, move, merge, split, close, move_person");
        goto cleanup;
    }
    op->kind = (reorg_op_kind)k;
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)o, key, v) {
        if (strcmp(key, "op") == 0) continue;
        free(path);
        path = xasprintf("%s.%s", base, key);
        size_t f;
        for (f = 0; f < sizeof reorg_fields / sizeof *reorg_fields; f++)
            if (strcmp(reorg_fields[f].name, key) == 0) break;
        if (f == sizeof reorg_fields / sizeof *reorg_fields || !(reorg_fields[f].kinds & (1u << k))) {
            err_field_add(e, path, "is not a field of a %s operation", reorg_names[k]);
            continue;
        }
        if (!strcmp(key, "code")) {
            if (!json_is_string(v) || !reorg_code_ok(json_string_value(v)))
                err_field_add(e, path, "must be 1 to %d letters, digits, '-', '_' or '.'", REORG_CODE_MAX);
            else
                op->code = xstrdup(json_string_value(v));
        } else if (!strcmp(key, "name_ja")) {
            op->name_ja = rp_text(v, e, path, 1, 100);
        } else if (!strcmp(key, "name_en")) {
            op->name_en = rp_text(v, e, path, 0, 200);
        } else if (!strcmp(key, "parent")) {
            rp_ref(v, &op->parent, e, path);
        } else if (!strcmp(key, "unit")) {
            rp_ref(v, &op->unit, e, path);
        } else if (!strcmp(key, "person")) {
            rp_person(v, &op->person, e, path);
        } else if (!strcmp(key, "units")) {
            if (!json_is_array(v) || json_array_size(v) < 1 || json_array_size(v) > 100) {
                err_field_add(e, path, "must list 1 to 100 units");
                continue;
            }
            op->units = xcalloc(json_array_size(v), sizeof *op->units);
            for (size_t u = 0; u < json_array_size(v); u++) {
                char *p = xasprintf("%s[%zu]", path, u);
                rp_ref(json_array_get(v, u), &op->units[op->n_units++], e, p);
                free(p);
            }
        } else if (!strcmp(key, "into") && op->kind == REORG_MERGE) {
            rp_ref(v, &op->into, e, path);
        } else if (!strcmp(key, "into")) {
            rp_split_parts(v, op, e, path);
        }
    }
    for (size_t f = 0; f < sizeof reorg_fields / sizeof *reorg_fields; f++) {
        if (!(reorg_fields[f].required & (1u << k)) || json_object_get(o, reorg_fields[f].name)) continue;
        free(path);
        path = xasprintf("%s.%s", base, reorg_fields[f].name);
        err_field_add(e, path, "is required");
    }
    if (op->kind == REORG_RENAME && !json_object_get(o, "code") && !json_object_get(o, "name_ja") &&
        !json_object_get(o, "name_en")) {
        free(path);
        path = xasprintf("%s.code", base);
        err_field_add(e, path, "a rename changes the code, name_ja or name_en");
    }
cleanup:
    free(path);
    free(base);
}

err_code reorg_plan_from_json(const json_t *operations, reorg_plan *out, err *e)
{
    memset(out, 0, sizeof *out);
    if (!json_is_array(operations)) {
        err_field_add(e, "operations", "must be an array of operations");
        return ERR_VALIDATION;
    }
    size_t n = json_array_size(operations);
    if (n > REORG_MAX_OPS) {
        err_field_add(e, "operations", "at most %d operations in one plan", REORG_MAX_OPS);
        return ERR_VALIDATION;
    }
    size_t before = e ? e->n_fields : 0;
    out->ops = xcalloc(n + 1, sizeof *out->ops);
    out->n_ops = n;
    for (size_t i = 0; i < n; i++) rp_op(json_array_get(operations, i), i, &out->ops[i], e);
    if (e && e->n_fields > before) {
        reorg_plan_free(out);
        return ERR_VALIDATION;
    }
    return OK;
}

json_t *reorg_ref_json(const reorg_ref *r)
{
    if (r->new_code) return json_sprintf("new:%s", r->new_code);
    return r->id > 0 ? json_integer(r->id) : json_null();
}

json_t *reorg_plan_to_json(const reorg_plan *p)
{
    json_t *list = json_array();
    for (size_t i = 0; i < p->n_ops; i++) {
        const reorg_op *op = &p->ops[i];
        json_t *o = json_pack("{s:s}", "op", reorg_op_name(op->kind));
        switch (op->kind) {
        case REORG_CREATE:
        case REORG_RENAME:
            if (op->kind == REORG_RENAME) json_object_set_new(o, "unit", reorg_ref_json(&op->unit));
            if (op->code) json_object_set_new(o, "code", json_string(op->code));
            if (op->name_ja) json_object_set_new(o, "name_ja", json_string(op->name_ja));
            if (op->name_en) json_object_set_new(o, "name_en", json_string(op->name_en));
            if (op->kind == REORG_CREATE) json_object_set_new(o, "parent", reorg_ref_json(&op->parent));
            break;
        case REORG_MOVE:
            json_object_set_new(o, "unit", reorg_ref_json(&op->unit));
            json_object_set_new(o, "parent", reorg_ref_json(&op->parent));
            break;
        case REORG_MERGE: {
            json_t *units = json_array();
            for (size_t u = 0; u < op->n_units; u++) json_array_append_new(units, reorg_ref_json(&op->units[u]));
            json_object_set_new(o, "units", units);
            json_object_set_new(o, "into", reorg_ref_json(&op->into));
            break;
        }
        case REORG_SPLIT: {
            json_object_set_new(o, "unit", reorg_ref_json(&op->unit));
            json_t *parts = json_array();
            for (size_t k = 0; k < op->n_parts; k++) {
                json_t *persons = json_array();
                for (size_t i2 = 0; i2 < op->parts[k].n_persons; i2++)
                    json_array_append_new(persons, json_integer(op->parts[k].persons[i2]));
                json_array_append_new(parts, json_pack("{s:o, s:o}", "unit", reorg_ref_json(&op->parts[k].unit),
                                                       "persons", persons));
            }
            json_object_set_new(o, "into", parts);
            break;
        }
        case REORG_CLOSE:
            json_object_set_new(o, "unit", reorg_ref_json(&op->unit));
            break;
        case REORG_MOVE_PERSON:
            json_object_set_new(o, "person", json_integer(op->person));
            json_object_set_new(o, "unit", reorg_ref_json(&op->unit));
            break;
        }
        json_array_append_new(list, o);
    }
    return list;
}

void reorg_plan_free(reorg_plan *p)
{
    for (size_t i = 0; i < p->n_ops; i++) {
        reorg_op *op = &p->ops[i];
        free(op->unit.new_code);
        free(op->parent.new_code);
        free(op->into.new_code);
        for (size_t u = 0; u < op->n_units; u++) free(op->units[u].new_code);
        free(op->units);
        for (size_t k = 0; k < op->n_parts; k++) {
            free(op->parts[k].unit.new_code);
            free(op->parts[k].persons);
        }
        free(op->parts);
        free(op->code);
        free(op->name_ja);
        free(op->name_en);
    }
    free(p->ops);
    memset(p, 0, sizeof *p);
}
