/* oscal_write — the OSCAL catalog writer (see oscal_write.h). jansson keeps an object's
 * keys in insertion order when dumped with JSON_PRESERVE_ORDER, which is how the NIST
 * layout is kept: each builder adds its keys in NIST's order. */
#include "io/oscal_write.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

char *oscal_token(const char *code)
{
    size_t n = strlen(code);
    char *out = xmalloc(n + 3); /* owned by the caller; room for the "m-" prefix */
    size_t k = 0;
    char first = code[0];
    bool letter = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '_';
    if (!letter) {
        out[k++] = 'm';
        out[k++] = '-';
    }
    for (size_t i = 0; i < n; i++) {
        char ch = code[i];
        if (ch >= 'A' && ch <= 'Z') ch = (char)(ch - 'A' + 'a');
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '_';
        out[k++] = ok ? ch : '-';
    }
    out[k] = '\0';
    return out;
}

void oscal_new_uuid(char out[OSCAL_UUID_LEN])
{
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* the RFC 4122 variant */
    snprintf(out, OSCAL_UUID_LEN, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
             b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

json_t *oscal_w_document(const char *uuid, const char *title, const char *last_modified, const char *version)
{
    json_t *meta = json_pack("{s:s, s:s, s:s, s:s}", "title", title, "last-modified", last_modified, "version", version,
                             "oscal-version", OSCAL_VERSION_WRITTEN);
    json_t *cat = json_object();
    json_object_set_new(cat, "uuid", json_string(uuid));
    json_object_set_new(cat, "metadata", meta);
    return json_pack("{s:o}", "catalog", cat);
}

json_t *oscal_w_catalog(json_t *document)
{
    return json_object_get(document, "catalog");
}

json_t *oscal_w_node(const char *id, const char *class_name, const char *title)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(id));
    if (class_name) json_object_set_new(o, "class", json_string(class_name));
    json_object_set_new(o, "title", json_string(title));
    return o;
}

/* obj's array under key, made when missing (borrowed). */
static json_t *ow_list(json_t *obj, const char *key)
{
    json_t *a = json_object_get(obj, key);
    if (!a) {
        a = json_array();
        json_object_set_new(obj, key, a);
    }
    return a;
}

void oscal_w_add(json_t *obj, const char *key, json_t *member)
{
    json_array_append_new(ow_list(obj, key), member);
}

void oscal_w_prop(json_t *obj, const char *name, const char *value, const char *ns, const char *class_name)
{
    json_t *p = json_pack("{s:s, s:s}", "name", name, "value", value);
    if (ns) json_object_set_new(p, "ns", json_string(ns));
    if (class_name) json_object_set_new(p, "class", json_string(class_name));
    json_array_append_new(ow_list(obj, "props"), p);
}

void oscal_w_link(json_t *obj, const char *href, const char *rel, const char *text)
{
    json_t *l = json_pack("{s:s}", "href", href);
    if (rel) json_object_set_new(l, "rel", json_string(rel));
    if (text) json_object_set_new(l, "text", json_string(text));
    json_array_append_new(ow_list(obj, "links"), l);
}

void oscal_w_part(json_t *obj, const char *part_id, const char *name, const char *prose)
{
    json_t *p = json_object();
    json_object_set_new(p, "id", json_string(part_id));
    json_object_set_new(p, "name", json_string(name));
    json_object_set_new(p, "prose", json_string(prose));
    json_array_append_new(ow_list(obj, "parts"), p);
}

char *oscal_w_dump(const json_t *document)
{
    char *text = json_dumps(document, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (!text) return NULL;
    char *out = xasprintf("%s\n", text); /* owned by the caller */
    free(text);
    return out;
}
