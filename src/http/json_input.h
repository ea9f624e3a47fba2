/* json_input — validation of JSON request bodies at the edge.
 * A body is checked against a list of expected fields in one pass, and every problem
 * is reported with the field it concerns (never just the first), so a form can mark
 * all its faulty inputs at once. */
#ifndef MAMORI_JSON_INPUT_H
#define MAMORI_JSON_INPUT_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

typedef struct json_field {
    const char *name;
    bool required;
    size_t max_chars;       /* for strings; 0 = no limit */
    const char **out_string; /* set when the field is a string (borrowed from the JSON) */
    long *out_integer;       /* instead: the field is a whole number (max_chars unused) */
} json_field;

/* Checks that root is an object holding only the listed fields, each a string of at most
 * max_chars characters (or a whole number, for fields with out_integer); ERR_VALIDATION
 * with every problem named, ERR_BAD_REQUEST when root is missing or not an object. */
err_code json_input_strings(json_t *root, const json_field *fields, size_t n_fields, err *e);

#endif
