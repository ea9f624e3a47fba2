/* oscal — the OSCAL catalog reader (see oscal.h).
 *
 * The walk keeps the JSON path of where it is in a growable buffer: a step appends
 * ".key" or "[i]" and the step's caller cuts it back. Checks report at that path and
 * go on, so one run lists the problems of a file (up to OSCAL_MAX_PROBLEMS) rather than
 * the first only. Objects whose shape OSCAL fixes (props, links, select) are checked
 * strictly with json_unpack_ex (JSON_STRICT: no unknown keys); the others may hold
 * fields mamori does not read (remarks, constraints, …), which are kept in the JSON
 * columns when they are inside params / props / links / parts and otherwise ignored.
 * Exports oscal_catalog_parse, oscal_catalog_free, oscal_param_map and oscal_render. */
#include "io/oscal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"

typedef struct oscal_walk {
    buf path;          /* the JSON path of the value being checked */
    err *e;
    size_t n_problems; /* all of them, listed or not */
    oscal_catalog *cat;
    size_t items_cap;
    json_t *seen_ids;  /* owned: item id → index, for duplicates */
    json_t *param_map; /* owned: every param id → param, for rendering */
} oscal_walk;

/* ---- the path ---- */

static size_t ow_push_key(oscal_walk *w, const char *key)
{
    size_t mark = w->path.len;
    buf_printf(&w->path, ".%s", key);
    return mark;
}

static size_t ow_push_index(oscal_walk *w, size_t i)
{
    size_t mark = w->path.len;
    buf_printf(&w->path, "[%zu]", i);
    return mark;
}

static void ow_pop(oscal_walk *w, size_t mark)
{
    w->path.len = mark;
    if (w->path.data) w->path.data[mark] = '\0';
}

/* Reports a problem at the current path, or at path.key when key is given. */
static void ow_problem(oscal_walk *w, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void ow_problem(oscal_walk *w, const char *key, const char *fmt, ...)
{
    w->n_problems++;
    if (w->n_problems > OSCAL_MAX_PROBLEMS) return;
    va_list ap;
    va_start(ap, fmt);
    char *text = NULL;
    if (vasprintf(&text, fmt, ap) < 0) text = NULL;
    va_end(ap);
    char *where = key ? xasprintf("%s.%s", buf_str(&w->path), key) : xstrdup(buf_str(&w->path));
    err_field_add(w->e, where, "%s", text ? text : fmt);
    free(where);
    free(text);
}

/* ---- typed getters: each reports what is wrong at the member's path ---- */

/* A string member: NULL (and a problem when required) when absent; a problem when it is
 * not a string or is empty. */
static const char *ow_string(oscal_walk *w, json_t *obj, const char *key, bool required)
{
    json_t *v = json_object_get(obj, key);
    if (!v) {
        if (required) ow_problem(w, key, "is required");
        return NULL;
    }
    if (!json_is_string(v)) {
        ow_problem(w, key, "expected a string");
        return NULL;
    }
    if (json_string_length(v) == 0) {
        ow_problem(w, key, "must not be empty");
        return NULL;
    }
    return json_string_value(v);
}

/* An optional array member: NULL when absent or not an array (reported). */
static json_t *ow_array(oscal_walk *w, json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (v && !json_is_array(v)) {
        ow_problem(w, key, "expected an array");
        return NULL;
    }
    return v;
}

/* The member as compact JSON (owned), NULL when absent. */
static char *ow_json(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
}

/* Checks an object of fixed shape with json_unpack_ex; the failure's text is the message. */
static bool ow_unpack_strict(oscal_walk *w, json_t *v, const char *fmt, ...)
{
    json_error_t jerr;
    va_list ap;
    va_start(ap, fmt);
    int r = json_vunpack_ex(v, &jerr, JSON_STRICT, fmt, ap);
    va_end(ap);
    if (r != 0) {
        /* jansson's texts: "Object item not found: name", "Expected string, got integer",
         * "1 object item(s) left unpacked: foo" — said with the path in front. */
        ow_problem(w, NULL, "%s", jerr.text);
        return false;
    }
    return true;
}

/* ---- props, links, params, parts ---- */

static void ow_props(oscal_walk *w, json_t *obj)
{
    json_t *props = ow_array(w, obj, "props");
    if (!props) return;
    size_t m0 = ow_push_key(w, "props"), i;
    json_t *p;
    json_array_foreach(props, i, p) {
        size_t m1 = ow_push_index(w, i);
        const char *name, *value, *cls = NULL, *ns = NULL, *uuid = NULL, *group = NULL, *remarks = NULL;
        if (!json_is_object(p)) ow_problem(w, NULL, "expected an object");
        else
            ow_unpack_strict(w, p, "{s:s, s:s, s?:s, s?:s, s?:s, s?:s, s?:s}", "name", &name, "value", &value, "class",
                             &cls, "ns", &ns, "uuid", &uuid, "group", &group, "remarks", &remarks);
        ow_pop(w, m1);
    }
    ow_pop(w, m0);
}

static void ow_links(oscal_walk *w, json_t *obj)
{
    json_t *links = ow_array(w, obj, "links");
    if (!links) return;
    size_t m0 = ow_push_key(w, "links"), i;
    json_t *l;
    json_array_foreach(links, i, l) {
        size_t m1 = ow_push_index(w, i);
        const char *href, *rel = NULL, *media = NULL, *frag = NULL, *text = NULL;
        if (!json_is_object(l)) ow_problem(w, NULL, "expected an object");
        else
            ow_unpack_strict(w, l, "{s:s, s?:s, s?:s, s?:s, s?:s}", "href", &href, "rel", &rel, "media-type", &media,
                             "resource-fragment", &frag, "text", &text);
        ow_pop(w, m1);
    }
    ow_pop(w, m0);
}

static void ow_strings(oscal_walk *w, json_t *obj, const char *key)
{
    json_t *a = ow_array(w, obj, key);
    if (!a) return;
    size_t m0 = ow_push_key(w, key), i;
    json_t *s;
    json_array_foreach(a, i, s) {
        if (json_is_string(s)) continue;
        size_t m1 = ow_push_index(w, i);
        ow_problem(w, NULL, "expected a string");
        ow_pop(w, m1);
    }
    ow_pop(w, m0);
}

static void ow_params(oscal_walk *w, json_t *obj)
{
    json_t *params = ow_array(w, obj, "params");
    if (!params) return;
    size_t m0 = ow_push_key(w, "params"), i;
    json_t *p;
    json_array_foreach(params, i, p) {
        size_t m1 = ow_push_index(w, i);
        if (!json_is_object(p)) {
            ow_problem(w, NULL, "expected an object");
            ow_pop(w, m1);
            continue;
        }
        ow_string(w, p, "id", true);
        ow_string(w, p, "label", false);
        ow_string(w, p, "class", false);
        ow_strings(w, p, "values");
        ow_props(w, p);
        ow_links(w, p);
        json_t *sel = json_object_get(p, "select");
        if (sel) {
            size_t m2 = ow_push_key(w, "select");
            json_t *choice = NULL;
            const char *how = NULL;
            if (!json_is_object(sel)) ow_problem(w, NULL, "expected an object");
            else if (ow_unpack_strict(w, sel, "{s?:s, s?:o}", "how-many", &how, "choice", &choice))
                ow_strings(w, sel, "choice");
            ow_pop(w, m2);
        }
        json_t *guidelines = ow_array(w, p, "guidelines");
        if (guidelines) {
            size_t m2 = ow_push_key(w, "guidelines"), j;
            json_t *g;
            json_array_foreach(guidelines, j, g) {
                size_t m3 = ow_push_index(w, j);
                if (!json_is_object(g)) ow_problem(w, NULL, "expected an object");
                else ow_string(w, g, "prose", true);
                ow_pop(w, m3);
            }
            ow_pop(w, m2);
        }
        ow_pop(w, m1);
    }
    ow_pop(w, m0);
}

static void ow_parts(oscal_walk *w, json_t *obj, int depth)
{
    json_t *parts = ow_array(w, obj, "parts");
    if (!parts) return;
    size_t m0 = ow_push_key(w, "parts"), i;
    if (depth >= OSCAL_MAX_DEPTH) {
        ow_problem(w, NULL, "parts nested too deep");
        ow_pop(w, m0);
        return;
    }
    json_t *p;
    json_array_foreach(parts, i, p) {
        size_t m1 = ow_push_index(w, i);
        if (!json_is_object(p)) {
            ow_problem(w, NULL, "expected an object");
        } else {
            ow_string(w, p, "name", true);
            ow_string(w, p, "id", false);
            ow_string(w, p, "title", false);
            json_t *prose = json_object_get(p, "prose");
            if (prose && !json_is_string(prose)) ow_problem(w, "prose", "expected a string");
            ow_props(w, p);
            ow_links(w, p);
            ow_parts(w, p, depth + 1);
        }
        ow_pop(w, m1);
    }
    ow_pop(w, m0);
}

/* ---- prose for display and search ---- */

static const char *ow_label(json_t *part)
{
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(part, "props"), i, p) {
        const char *name = json_string_value(json_object_get(p, "name"));
        if (name && !strcmp(name, "label")) return json_string_value(json_object_get(p, "value"));
    }
    return NULL;
}

/* The part's prose, then its sub-parts' ("a. …", indented two spaces a level), one per line. */
static void ow_prose_lines(buf *out, json_t *part, int level)
{
    const char *prose = json_string_value(json_object_get(part, "prose"));
    const char *label = ow_label(part);
    if (prose || label) {
        if (out->len) buf_puts(out, "\n");
        for (int i = 0; i < level; i++) buf_puts(out, "  ");
        if (label) buf_printf(out, "%s%s", label, prose ? " " : "");
        if (prose) buf_puts(out, prose);
    }
    size_t i;
    json_t *sub;
    if (level < OSCAL_MAX_DEPTH) json_array_foreach(json_object_get(part, "parts"), i, sub) {
            if (json_is_object(sub)) ow_prose_lines(out, sub, prose || label ? level + 1 : level);
        }
}

/* The prose of the first top-level part named name (owned), NULL when none. */
static char *ow_part_prose(json_t *obj, const char *name)
{
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(obj, "parts"), i, p) {
        const char *n = json_string_value(json_object_get(p, "name"));
        if (!n || strcmp(n, name) != 0) continue;
        buf b;
        buf_init(&b, 0);
        ow_prose_lines(&b, p, 0);
        return b.len ? buf_take(&b) : (buf_free(&b), NULL);
    }
    return NULL;
}

/* ---- placeholders ---- */

static const char *or_skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}

/* Matches "{{ insert: param, ID }}" at p: the id's start and length, and the end. */
static bool or_placeholder(const char *p, const char **id, size_t *id_len, const char **end)
{
    if (p[0] != '{' || p[1] != '{') return false;
    p = or_skip_space(p + 2);
    if (strncmp(p, "insert:", 7) != 0) return false;
    p = or_skip_space(p + 7);
    if (strncmp(p, "param", 5) != 0) return false;
    p = or_skip_space(p + 5);
    if (*p != ',') return false;
    p = or_skip_space(p + 1);
    *id = p;
    while (*p && *p != ' ' && *p != '\t' && *p != '}' && *p != '{') p++;
    *id_len = (size_t)(p - *id);
    p = or_skip_space(p);
    if (*id_len == 0 || p[0] != '}' || p[1] != '}') return false;
    *end = p + 2;
    return true;
}

static void or_render_into(buf *out, const char *prose, json_t *map, int depth);

static void or_param(buf *out, json_t *param, const char *id, size_t id_len, json_t *map, int depth)
{
    json_t *values = json_object_get(param, "values");
    json_t *sel = json_object_get(param, "select");
    const char *label = json_string_value(json_object_get(param, "label"));
    size_t i;
    json_t *v;
    if (json_is_array(values) && json_array_size(values) > 0) {
        buf_puts(out, "[");
        json_array_foreach(values, i, v) {
            if (i) buf_puts(out, ", ");
            if (json_is_string(v)) or_render_into(out, json_string_value(v), map, depth + 1);
        }
        buf_puts(out, "]");
    } else if (json_is_object(sel) && json_is_array(json_object_get(sel, "choice"))) {
        const char *how = json_string_value(json_object_get(sel, "how-many"));
        buf_puts(out, how && !strcmp(how, "one-or-more") ? "[Selection (one or more): " : "[Selection: ");
        json_array_foreach(json_object_get(sel, "choice"), i, v) {
            if (i) buf_puts(out, "; ");
            if (json_is_string(v)) {
                /* NIST's choices end in a space before their own placeholder ends; trimmed. */
                buf piece;
                buf_init(&piece, 0);
                or_render_into(&piece, json_string_value(v), map, depth + 1);
                size_t n = piece.len;
                while (n && piece.data[n - 1] == ' ') n--;
                if (n) buf_append(out, piece.data, n);
                buf_free(&piece);
            }
        }
        buf_puts(out, "]");
    } else if (label) {
        buf_printf(out, "[Assignment: %s]", label);
    } else {
        buf_printf(out, "[%.*s]", (int)id_len, id);
    }
}

static void or_render_into(buf *out, const char *prose, json_t *map, int depth)
{
    const char *p = prose;
    while (*p) {
        const char *open = strstr(p, "{{");
        if (!open) {
            buf_puts(out, p);
            return;
        }
        buf_append(out, p, (size_t)(open - p));
        const char *id, *end;
        size_t id_len;
        if (!or_placeholder(open, &id, &id_len, &end)) {
            buf_puts(out, "{{");
            p = open + 2;
            continue;
        }
        char *key = xstrndup(id, id_len);
        json_t *param = json_object_get(map, key);
        free(key);
        /* A choice may hold a placeholder of its own; a depth limit stops a param that
         * (directly or not) names itself. */
        if (param && depth < 4) or_param(out, param, id, id_len, map, depth);
        else buf_printf(out, "[%.*s]", (int)id_len, id);
        p = end;
    }
}

char *oscal_render(const char *prose, json_t *param_map)
{
    buf b;
    buf_init(&b, 0);
    buf_puts(&b, "");
    or_render_into(&b, prose ? prose : "", param_map, 0);
    return buf_take(&b);
}

json_t *oscal_param_map(json_t *map, json_t *params)
{
    if (!map) map = json_object();
    size_t i;
    json_t *p;
    json_array_foreach(params, i, p) {
        const char *id = json_string_value(json_object_get(p, "id"));
        if (json_is_object(p) && id) json_object_set(map, id, p);
    }
    return map;
}

/* ---- groups and controls ---- */

static long ow_add_item(oscal_walk *w, json_t *obj, bool is_group, long parent, int depth)
{
    oscal_catalog *cat = w->cat;
    if (cat->n_items == w->items_cap) {
        w->items_cap = w->items_cap ? w->items_cap * 2 : 256;
        cat->items = xrealloc(cat->items, w->items_cap * sizeof *cat->items);
    }
    oscal_item *it = &cat->items[cat->n_items];
    memset(it, 0, sizeof *it);
    it->is_group = is_group;
    it->parent = parent;
    it->depth = depth;
    it->item_id = xstrdup(json_string_value(json_object_get(obj, "id")));
    const char *cls = json_string_value(json_object_get(obj, "class"));
    it->class_name = cls ? xstrdup(cls) : NULL;
    it->title = xstrdup(json_string_value(json_object_get(obj, "title")));
    it->params = ow_json(obj, "params");
    it->props = ow_json(obj, "props");
    it->links = ow_json(obj, "links");
    it->parts = ow_json(obj, "parts");
    it->statement = ow_part_prose(obj, "statement");
    it->guidance = ow_part_prose(obj, "guidance");
    if (is_group) cat->n_groups++;
    else if (parent >= 0 && !cat->items[parent].is_group) cat->n_enhancements++;
    else cat->n_controls++;
    return (long)cat->n_items++;
}

static void ow_members(oscal_walk *w, json_t *obj, long self, int depth);

/* One group or control at the current path; added to the items when it has what an item
 * needs (its members are checked either way). */
static void ow_node(oscal_walk *w, json_t *obj, bool is_group, long parent, int depth)
{
    if (!json_is_object(obj)) {
        ow_problem(w, NULL, "expected an object");
        return;
    }
    size_t before = w->n_problems;
    const char *id = ow_string(w, obj, "id", true);
    ow_string(w, obj, "title", true);
    ow_string(w, obj, "class", false);
    if (id) {
        json_t *seen = json_object_get(w->seen_ids, id);
        if (seen) ow_problem(w, "id", "\"%s\" is used by another group or control", id);
    }
    ow_params(w, obj);
    ow_props(w, obj);
    ow_links(w, obj);
    ow_parts(w, obj, 0);
    long self = -1;
    if (w->n_problems == before) {
        json_object_set_new(w->seen_ids, id, json_integer((json_int_t)w->cat->n_items));
        oscal_param_map(w->param_map, json_object_get(obj, "params"));
        self = ow_add_item(w, obj, is_group, parent, depth);
    }
    ow_members(w, obj, self, depth + 1);
}

/* The groups and controls inside obj (the catalog, a group or a control). */
static void ow_members(oscal_walk *w, json_t *obj, long self, int depth)
{
    static const char *const keys[] = {"groups", "controls"};
    for (int k = 0; k < 2; k++) {
        json_t *list = ow_array(w, obj, keys[k]);
        if (!list) continue;
        size_t m0 = ow_push_key(w, keys[k]), i;
        if (depth > OSCAL_MAX_DEPTH) {
            ow_problem(w, NULL, "nested too deep");
            ow_pop(w, m0);
            continue;
        }
        json_t *child;
        json_array_foreach(list, i, child) {
            size_t m1 = ow_push_index(w, i);
            ow_node(w, child, k == 0, self, depth);
            ow_pop(w, m1);
        }
        ow_pop(w, m0);
    }
}

/* 8-4-4-4-12 hexadecimal digits. */
static bool ow_uuid_ok(const char *s)
{
    static const int groups[] = {8, 4, 4, 4, 12};
    for (int g = 0; g < 5; g++) {
        for (int i = 0; i < groups[g]; i++, s++)
            if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f') || (*s >= 'A' && *s <= 'F'))) return false;
        if (g < 4 && *s++ != '-') return false;
    }
    return *s == '\0';
}

/* The statements rendered once every param is known (a statement may, in principle, name
 * a param of another control). */
static void ow_render_all(oscal_walk *w)
{
    for (size_t i = 0; i < w->cat->n_items; i++) {
        oscal_item *it = &w->cat->items[i];
        if (it->statement) it->statement_display = oscal_render(it->statement, w->param_map);
    }
}

static void ow_catalog(oscal_walk *w, json_t *root)
{
    oscal_catalog *cat = w->cat;
    if (!json_is_object(root)) {
        ow_problem(w, NULL, "expected an object");
        return;
    }
    json_t *c = json_object_get(root, "catalog");
    if (!c) {
        ow_problem(w, "catalog", "is required (this is not an OSCAL catalog)");
        return;
    }
    size_t m0 = ow_push_key(w, "catalog");
    if (!json_is_object(c)) {
        ow_problem(w, NULL, "expected an object");
        ow_pop(w, m0);
        return;
    }
    const char *uuid = ow_string(w, c, "uuid", true);
    if (uuid && !ow_uuid_ok(uuid)) ow_problem(w, "uuid", "expected a UUID (8-4-4-4-12 hexadecimal digits)");
    json_t *meta = json_object_get(c, "metadata");
    if (!meta) ow_problem(w, "metadata", "is required");
    else if (!json_is_object(meta)) ow_problem(w, "metadata", "expected an object");
    else {
        size_t m1 = ow_push_key(w, "metadata");
        const char *title = ow_string(w, meta, "title", true);
        const char *modified = ow_string(w, meta, "last-modified", true);
        const char *version = ow_string(w, meta, "version", true);
        const char *oscal_version = ow_string(w, meta, "oscal-version", true);
        cat->title = title ? xstrdup(title) : NULL;
        cat->last_modified = modified ? xstrdup(modified) : NULL;
        cat->version = version ? xstrdup(version) : NULL;
        cat->oscal_version = oscal_version ? xstrdup(oscal_version) : NULL;
        ow_pop(w, m1);
    }
    cat->uuid = uuid ? xstrdup(uuid) : NULL;
    ow_params(w, c);
    cat->params = ow_json(c, "params");
    oscal_param_map(w->param_map, json_object_get(c, "params"));
    json_t *bm = json_object_get(c, "back-matter");
    if (bm && !json_is_object(bm)) ow_problem(w, "back-matter", "expected an object");
    ow_members(w, c, -1, 0);
    ow_pop(w, m0);
}

err_code oscal_catalog_parse(const char *text, size_t len, oscal_catalog *out, err *e)
{
    memset(out, 0, sizeof *out);
    if (len > OSCAL_MAX_BYTES)
        return err_set(e, ERR_TOO_BIG, "the file is larger than %u MB", OSCAL_MAX_BYTES / (1024 * 1024));
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        err_field_add(e, "$", "not JSON: %s (line %d, column %d)", jerr.text, jerr.line, jerr.column);
        free(e ? e->message : NULL);
        if (e) e->message = xstrdup("the file is not JSON");
        return ERR_VALIDATION;
    }
    oscal_walk w = {.e = e, .cat = out, .seen_ids = json_object(), .param_map = json_object()};
    buf_init(&w.path, 0);
    buf_puts(&w.path, "$");
    ow_catalog(&w, root);
    err_code rc = OK;
    if (w.n_problems) {
        if (w.n_problems > OSCAL_MAX_PROBLEMS)
            err_field_add(e, "$", "%zu more problems not listed", w.n_problems - OSCAL_MAX_PROBLEMS);
        if (e) {
            free(e->message);
            e->message = xasprintf("the file is not an OSCAL catalog mamori can read: %zu problem%s", w.n_problems,
                                   w.n_problems == 1 ? "" : "s");
            e->code = ERR_VALIDATION;
        }
        rc = ERR_VALIDATION;
    } else {
        ow_render_all(&w);
    }
    buf_free(&w.path);
    json_decref(w.seen_ids);
    json_decref(w.param_map);
    json_decref(root);
    return rc;
}

void oscal_catalog_free(oscal_catalog *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->n_items; i++) {
        oscal_item *it = &c->items[i];
        free(it->item_id);
        free(it->class_name);
        free(it->title);
        free(it->params);
        free(it->props);
        free(it->links);
        free(it->parts);
        free(it->statement);
        free(it->statement_display);
        free(it->guidance);
    }
    free(c->items);
    free(c->uuid);
    free(c->title);
    free(c->version);
    free(c->oscal_version);
    free(c->last_modified);
    free(c->params);
    memset(c, 0, sizeof *c);
}
