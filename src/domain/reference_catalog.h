/* reference_catalog — catalogs imported from OSCAL (NIST SP 800-53 baselines and the
 * like), kept as references beside mamori's own standards: each a catalog of its own,
 * keyed by the file's uuid, its groups and controls a tree of items (an enhancement is a
 * control whose parent is a control). Tables reference_catalog and reference_catalog_item
 * (migration 0019); items are indexed for search as kind "catalogitem" (id, title,
 * statement as displayed).
 *
 * Importing writes a parsed catalog (io/oscal.h) in the caller's write transaction,
 * audited as catalog.import; a uuid already imported is refused unless replace is
 * given, and then its items are replaced (the catalog keeps its id). */
#ifndef MAMORI_REFERENCE_CATALOG_H
#define MAMORI_REFERENCE_CATALOG_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"
#include "io/oscal.h"

#define REFCAT_SEARCH_KIND "catalogitem"

typedef struct refcat_import_result {
    long catalog_id;
    bool replaced; /* an earlier import of the same uuid was replaced */
} refcat_import_result;

/* Writes cat (parsed, with no problems) inside the caller's write transaction.
 * source_name is the file's name (no directory), sha256 its hex digest. ERR_CONFLICT
 * when the uuid is already imported and !replace. */
err_code refcat_import(db_conn *c, const audit_actor *actor, const oscal_catalog *cat, const char *source_name,
                       const char *sha256, bool replace, refcat_import_result *out, err *e);

/* Reads the file at path, parses and imports it in one transaction: the CLI's and the
 * import job's work. */
err_code refcat_import_file(db *d, const audit_actor *actor, const char *path, const char *source_name, bool replace,
                            refcat_import_result *out, err *e);
/* The same from bytes in memory. */
err_code refcat_import_bytes(db *d, const audit_actor *actor, const char *data, size_t len, const char *source_name,
                             bool replace, refcat_import_result *out, err *e);

/* The catalog columns every catalog read returns, in this order. */
#define REFCAT_COLUMNS                                                                                            \
    "c.id, c.uuid, c.title, c.version, c.oscal_version, c.last_modified, c.source_name, c.source_sha256,"        \
    " c.imported_at, c.imported_by, c.n_groups, c.n_controls, c.n_enhancements"
enum {
    REFCAT_ID, REFCAT_UUID, REFCAT_TITLE, REFCAT_VERSION, REFCAT_OSCAL_VERSION, REFCAT_LAST_MODIFIED,
    REFCAT_SOURCE_NAME, REFCAT_SOURCE_SHA256, REFCAT_IMPORTED_AT, REFCAT_IMPORTED_BY, REFCAT_N_GROUPS,
    REFCAT_N_CONTROLS, REFCAT_N_ENHANCEMENTS
};
/* Every catalog, newest import first (rows owned by the caller). */
err_code refcat_list(db_conn *c, db_rows **out, err *e);
/* One catalog; ERR_NOT_FOUND when there is none. */
err_code refcat_get(db_conn *c, long id, db_rows **out, err *e);

/* The item columns, in this order. */
#define REFCAT_ITEM_COLUMNS                                                                                       \
    "i.id, i.catalog_id, i.parent_id, i.kind, i.item_id, i.class, i.title, i.sort_order, i.depth, i.params,"    \
    " i.props, i.links, i.parts, i.statement, i.statement_display, i.guidance,"                                  \
    " (SELECT COUNT(*) FROM reference_catalog_item k WHERE k.parent_id = i.id) AS n_children,"                  \
    " (SELECT p.kind FROM reference_catalog_item p WHERE p.id = i.parent_id) AS parent_kind"
enum {
    REFCAT_I_ID, REFCAT_I_CATALOG_ID, REFCAT_I_PARENT_ID, REFCAT_I_KIND, REFCAT_I_ITEM_ID, REFCAT_I_CLASS,
    REFCAT_I_TITLE, REFCAT_I_SORT, REFCAT_I_DEPTH, REFCAT_I_PARAMS, REFCAT_I_PROPS, REFCAT_I_LINKS, REFCAT_I_PARTS,
    REFCAT_I_STATEMENT, REFCAT_I_STATEMENT_DISPLAY, REFCAT_I_GUIDANCE, REFCAT_I_N_CHILDREN, REFCAT_I_PARENT_KIND
};

typedef struct refcat_item_filter {
    long catalog_id;
    long parent_id;    /* with has_parent: one level (0 = the top level) */
    bool has_parent;
    const char *q;     /* a search (search module), or NULL */
    long after_sort;   /* cursor: items after this sort order */
    int limit;         /* at most this many (1..1000) */
} refcat_item_filter;
/* The catalog's items in file order (a parent before its children): all, one level, or
 * those matching q. ERR_NOT_FOUND when the catalog does not exist; ERR_VALIDATION (q)
 * for a query the search refuses. */
err_code refcat_items(db_conn *c, const refcat_item_filter *f, db_rows **out, err *e);
/* One item; ERR_NOT_FOUND when there is none. */
err_code refcat_item_get(db_conn *c, long id, db_rows **out, err *e);
/* The items of a catalog whose ids (the file's: "ac-3") are among item_ids, in file
 * order; for resolving a control's links to others ("#ac-3", rel "related"). */
err_code refcat_items_by_ids(db_conn *c, long catalog_id, const char *const *item_ids, size_t n, db_rows **out, err *e);
/* The label an item is shown by, from its props (JSON as stored): the "label" prop
 * without a class (NIST's "AC-2", "AC-2(1)"), else the first label, else NULL. The
 * string points into props. */
const char *refcat_props_label(json_t *props);

/* An item's direct children (its enhancements, for a control), in file order. */
err_code refcat_item_children(db_conn *c, long id, db_rows **out, err *e);

#endif
