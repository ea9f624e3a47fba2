/* json_input — field-by-field validation of request bodies (see json_input.h). */
#include "http/json_input.h"

#include <string.h>

static size_t json_input_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

err_code json_input_strings(json_t *root, const json_field *fields, size_t n_fields, err *e)
{
    if (!root || !json_is_object(root)) return err_set(e, ERR_BAD_REQUEST, "the body must be a JSON object");
    for (size_t i = 0; i < n_fields; i++) {
        const char *value = NULL;
        json_error_t jerr;
        if (fields[i].out_integer) {
            json_t *v = json_object_get(root, fields[i].name);
            if (!v || json_is_null(v)) {
                if (fields[i].required) err_field_add(e, fields[i].name, "is required");
            } else if (!json_is_integer(v)) {
                err_field_add(e, fields[i].name, "must be a whole number");
            } else {
                json_int_t n = 0;
                json_unpack_ex(v, &jerr, 0, "I", &n);
                *fields[i].out_integer = (long)n;
            }
            continue;
        }
        /* "{s?s}": absent is fine here, present-but-not-a-string is the error. */
        if (json_unpack_ex(root, &jerr, 0, "{s?s}", fields[i].name, &value) != 0) {
            err_field_add(e, fields[i].name, "must be a string");
            continue;
        }
        if (!value) {
            if (fields[i].required) err_field_add(e, fields[i].name, "is required");
            continue;
        }
        if (fields[i].required && !*value) {
            err_field_add(e, fields[i].name, "must not be empty");
            continue;
        }
        if (fields[i].max_chars && json_input_chars(value) > fields[i].max_chars) {
            err_field_add(e, fields[i].name, "must be at most %zu characters", fields[i].max_chars);
            continue;
        }
        if (fields[i].out_string) *fields[i].out_string = value;
    }
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v) {
        bool known = false;
        for (size_t i = 0; i < n_fields && !known; i++) known = strcmp(key, fields[i].name) == 0;
        if (!known) err_field_add(e, key, "is not a known field");
    }
    return e && e->n_fields ? ERR_VALIDATION : OK;
}
