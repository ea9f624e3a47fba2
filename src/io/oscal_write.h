/* oscal_write — building an OSCAL 1.1 catalog in JSON, shaped as NIST's files are: the
 * keys of each object in NIST's order (catalog: uuid, metadata, groups; a group or
 * control: id, class, title, props, links, parts, then its groups or controls), so a
 * reader that compares it with NIST's files finds the same layout. The caller builds the
 * tree (adding an object's props, links and parts before its members keeps that order)
 * and dumps it; what it writes is checked by the reader (oscal_catalog_parse) in the
 * tests. Exports oscal_token, oscal_new_uuid and the oscal_w_* builders. */
#ifndef MAMORI_OSCAL_WRITE_H
#define MAMORI_OSCAL_WRITE_H
#include <jansson.h>

#define OSCAL_VERSION_WRITTEN "1.1.2"
#define OSCAL_UUID_LEN 37 /* 8-4-4-4-12 + NUL */

/* An OSCAL token (the id of a group, control or part) from a code: lower case, every
 * character outside [a-z0-9._-] a '-', and "m-" before one that does not start with a
 * letter or '_' ("PHY-01" → "phy-01", "01" → "m-01"). Caller frees. */
char *oscal_token(const char *code);
/* A random (version 4) UUID, lower case. */
void oscal_new_uuid(char out[OSCAL_UUID_LEN]);

/* {"catalog": {"uuid", "metadata": {"title", "last-modified", "version", "oscal-version"}}};
 * the caller owns the reference. */
json_t *oscal_w_document(const char *uuid, const char *title, const char *last_modified, const char *version);
/* The catalog object inside a document (borrowed). */
json_t *oscal_w_catalog(json_t *document);
/* A group or control {"id", "class" (when given), "title"}; new reference. */
json_t *oscal_w_node(const char *id, const char *class_name, const char *title);
/* Appends a member to obj's "groups" or "controls" (key), made when missing; steals member. */
void oscal_w_add(json_t *obj, const char *key, json_t *member);
/* Appends {"name", "value", "ns"?, "class"?} to obj's props. */
void oscal_w_prop(json_t *obj, const char *name, const char *value, const char *ns, const char *class_name);
/* Appends {"href", "rel"?, "text"?} to obj's links. */
void oscal_w_link(json_t *obj, const char *href, const char *rel, const char *text);
/* Appends {"id", "name", "prose"} to obj's parts. */
void oscal_w_part(json_t *obj, const char *part_id, const char *name, const char *prose);
/* The document as JSON text, two-space indented as NIST's files are, ending in a newline
 * (caller frees). */
char *oscal_w_dump(const json_t *document);

#endif
