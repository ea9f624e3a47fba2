/* oscal — reads an OSCAL 1.1 catalog in JSON (NIST SP 800-53 and its baselines) into a
 * flat list of items, checked on the way: every field mamori relies on is checked for
 * presence and type, and every problem is reported with the JSON path where it is
 * ("$.catalog.groups[3].controls[0].id: is required"), so a malformed file is refused
 * before anything is written.
 *
 * What is kept: the catalog's uuid and metadata (title, last-modified, version,
 * oscal-version); for each group and control (an enhancement is a control nested in a
 * control) its id, class, title, and params / props / links / parts as compact JSON
 * exactly as the file has them (so an export can give back the same tree); the
 * statement's prose (nested items with their labels, one per line, placeholders kept)
 * and the same rendered for display, with each {{ insert: param, ID }} shown by the
 * parameter's values, choices or label; the guidance's prose. back-matter is not kept.
 *
 * Exports oscal_catalog_parse, oscal_catalog_free, oscal_param_map and oscal_render. */
#ifndef MAMORI_OSCAL_H
#define MAMORI_OSCAL_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

#define OSCAL_MAX_BYTES (64u * 1024 * 1024) /* the largest file read (NIST's full catalog is ~10 MB) */
#define OSCAL_MAX_DEPTH 16                  /* groups in groups, controls in controls, parts in parts */
#define OSCAL_MAX_PROBLEMS 20               /* problems listed; the rest are counted */

typedef struct oscal_item {
    bool is_group;           /* a group, else a control (an enhancement when its parent is a control) */
    long parent;             /* index into the catalog's items; -1 at the top */
    int depth;               /* 0 at the top */
    char *item_id;           /* owned; "ac", "ac-2", "ac-2.1" */
    char *class_name;        /* owned or NULL */
    char *title;             /* owned */
    char *params, *props, *links, *parts; /* owned compact JSON arrays, NULL when absent */
    char *statement;         /* owned or NULL: the statement's prose, placeholders kept */
    char *statement_display; /* owned or NULL: the same with the parameters rendered */
    char *guidance;          /* owned or NULL */
} oscal_item;

typedef struct oscal_catalog {
    char *uuid, *title, *version, *oscal_version, *last_modified; /* owned */
    char *params;        /* owned or NULL: catalog-level params, compact JSON */
    oscal_item *items;   /* owned; parents before their children, in file order */
    size_t n_items;
    size_t n_groups, n_controls, n_enhancements;
} oscal_catalog;

/* Parses len bytes of JSON into out (owned by the caller: oscal_catalog_free, also after
 * a failure). ERR_VALIDATION with one field per problem (field = the JSON path, message
 * = what is wrong) for a file that is not JSON or not a catalog mamori can read;
 * ERR_TOO_BIG over OSCAL_MAX_BYTES. */
err_code oscal_catalog_parse(const char *text, size_t len, oscal_catalog *out, err *e);
void oscal_catalog_free(oscal_catalog *c);

/* An object mapping each param's id to the param, from an array of params (the params
 * JSON of an item); params that are not objects with a string id are skipped. Adds to
 * map when given, else returns a new one; the caller owns the reference. */
json_t *oscal_param_map(json_t *map, json_t *params);
/* prose with each {{ insert: param, ID }} replaced for display: "[v1, v2]" when the param
 * has values, "[Selection (one or more): a; b]" when it has a select (choices rendered
 * the same way), "[Assignment: label]" when it has a label, "[ID]" for a param not in
 * map; text that is not a well-formed placeholder is kept as it is. Caller frees. */
char *oscal_render(const char *prose, json_t *param_map);

#endif
