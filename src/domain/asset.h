/* asset — the information asset ledger (情報資産管理台帳, 第2条, 第3条, 第9条; DESIGN §3).
 * Assets are registered, changed (If-Match), disposed of (never deleted) and related
 * (data stored in a system, a system on a network, data held on a medium), each change
 * kept as a version (asset_version) and audited. Who sees an asset is authz_can_see's
 * one rule (authz.h: AUTHZ_ASSET_CTE); who changes one: asset.write in the owner unit,
 * or the asset's manager holding asset.write. The rules the three-layer model implies
 * are checked on every write (asset_rules.c). Exports the types and functions below. */
#ifndef MAMORI_ASSET_H
#define MAMORI_ASSET_H
#include <stdbool.h>
#include <stddef.h>

#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/classification.h"

/* A change (or a new asset). Strings NULL: unchanged; "" clears an optional text. */
typedef struct asset_fields {
    const char *kind, *name, *description, *location, *segment, *format, *retention, *disposal_method,
        *class_reason;
    long owner_unit_id;             /* 0: unchanged */
    long manager_id;                /* 0: unchanged; -1: no manager */
    int personal_data, mynumber;    /* -1: unchanged; 0 or 1 */
    long c_class_id, i_class_id, a_class_id; /* 0: unchanged */
} asset_fields;
#define ASSET_FIELDS_INIT {NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, -1, -1, 0, 0, 0}

/* Warnings a write leaves (the change is made): each names its rule and the path.
 * strict is set by the caller: the container rule is then an error (setting
 * asset_container_strict); so is network_model. */
typedef struct asset_warnings {
    bool strict;
    char **items; /* owned */
    size_t n;
    const char *network_model; /* the setting network_model (NULL: alpha); the caller's */
} asset_warnings;

/* The body's network model of the three-layer separation (setting network_model:
 * alpha, alpha_prime, beta, beta_prime), which decides whether important information on
 * the インターネット接続系 is an error, a warning or allowed (asset_rules.c). */
typedef enum asset_network_model {
    ASSET_MODEL_ALPHA,
    ASSET_MODEL_ALPHA_PRIME,
    ASSET_MODEL_BETA,
    ASSET_MODEL_BETA_PRIME
} asset_network_model;
asset_network_model asset_network_model_of(const char *setting);
/* The setting's word for a model (alpha …); a constant. */
const char *asset_network_model_name(asset_network_model model);
/* Confidentiality from this rank up is 機密性3 (3A, 3B, 3C; pre-2024's 3): with personal
 * data, what the rule important_on_internet calls important. */
#define ASSET_IMPORTANT_C_RANK 3
/* The rule's message for what (an asset's name or a path); caller frees. In α and α′ it
 * is an error, in β a warning, in β′ the rule allows it. */
char *asset_important_message(asset_network_model model, const char *what);
void asset_warnings_free(asset_warnings *w);

typedef struct asset_class_ref {
    long id;
    char *code, *name_ja; /* owned */
    int rank;
} asset_class_ref;

typedef struct asset_row {
    long id, owner_unit_id, manager_id, version; /* manager_id 0: none */
    char *kind, *name, *description, *owner_unit, *owner_unit_code, *manager, *location, *segment, *format,
        *retention, *disposal_method, *class_reason, *status, *disposed_on, *disposed_method, *disposal_witness,
        *created_at, *updated_at, *sort_key; /* owned; optional ones NULL */
    bool personal_data, mynumber;
    asset_class_ref c, i, a;
    char *label; /* owned; C3A-I2-A2 */
} asset_row;
void asset_row_free(asset_row *r);

typedef struct asset_filter {
    long org_unit_id;     /* 0: all in sight; else this unit and its sub-units */
    const char *kind, *segment, *status; /* NULL: any; status in_use (default), disposed, all */
    long class_id;        /* 0: any; a class of any axis */
    int personal_data;    /* -1 any, 0 none, 1 personal data (any), 2 マイナンバー */
    const char *cursor;
    long limit;
    const char *q;        /* NULL or "": no search; else words the assets' texts all hold */
} asset_filter;

typedef struct asset_page {
    asset_row *items; /* owned */
    size_t n;
    char *next_cursor; /* owned; NULL on the last page */
} asset_page;
void asset_page_free(asset_page *p);

/* Reading, always through need-to-know: ERR_NOT_FOUND for an asset the viewer may not
 * see, as for one that does not exist. */
err_code asset_get(db_conn *c, long viewer, long id, asset_row *out, err *e);
/* ERR_VALIDATION for a cursor this list did not give or an unknown filter value. */
err_code asset_list(db_conn *c, long viewer, const asset_filter *f, asset_page *out, err *e);
/* Checks a filter's kind, segment and status: a field error added to e for each bad one. */
void asset_filter_check(const asset_filter *f, err *e);
/* How many assets asset_list would give in all (cursor and limit ignored). */
err_code asset_count(db_conn *c, long viewer, const asset_filter *f, long *n, err *e);
/* The viewer for asset_list and asset_count that sees every asset: the command line
 * (`mamori export`), run by an operator who holds the store itself. Never a person's
 * id (those are positive); the HTTP layer always passes the session's person. */
#define ASSET_VIEWER_SYSTEM (-1L)

/* Writing, inside the caller's write transaction; each is audited (asset.create,
 * asset.update, asset.dispose) and leaves a version. ERR_NOT_FOUND for an asset the
 * editor may not see; ERR_FORBIDDEN for one they see but may not change;
 * ERR_PRECONDITION_FAILED when not at `version`. */
err_code asset_create(db_conn *c, const audit_actor *editor, const asset_fields *f, long *id, asset_warnings *w,
                      err *e);
err_code asset_update(db_conn *c, const audit_actor *editor, long id, long version, const asset_fields *f,
                      long *new_version, asset_warnings *w, err *e);
typedef struct asset_disposal {
    const char *date;    /* YYYY-MM-DD, not in the future */
    const char *method;  /* required */
    const char *witness; /* required: who saw it done */
} asset_disposal;
err_code asset_dispose(db_conn *c, const audit_actor *editor, long id, long version, const asset_disposal *d,
                       long *new_version, err *e);

/* Every version of one asset (the viewer must see it now), oldest first. */
typedef struct asset_version_row {
    long version, owner_unit_id, manager_id;
    char *change, *changed_at, *changed_by, *owner_unit, *manager, *name, *status, *label; /* owned */
} asset_version_row;
err_code asset_history(db_conn *c, long id, asset_version_row **out, size_t *n, err *e);
void asset_history_free(asset_version_row *rows, size_t n);

/* Relations. A relation's kind decides which kinds it joins (asset_rules.c). */
typedef struct asset_relation_row {
    long id, other_id;
    char *kind;      /* owned: stored_in, runs_on, held_on */
    bool outgoing;   /* this asset is held by the other (from = this) */
    char *other_name, *other_kind, *other_label, *created_at; /* owned */
} asset_relation_row;
/* The live relations of an asset the viewer sees, to the assets the viewer also sees (an
 * end they may not see is left out, uncounted). */
err_code asset_relations(db_conn *c, long viewer, long id, asset_relation_row **out, size_t *n, err *e);
void asset_relations_free(asset_relation_row *rows, size_t n);
err_code asset_relation_add(db_conn *c, const audit_actor *editor, long from, const char *kind, long to, long *rel_id,
                            asset_warnings *w, err *e);
/* Ends a relation (kept, with who ended it); ERR_CONFLICT when already ended. */
err_code asset_relation_end(db_conn *c, const audit_actor *editor, long rel_id, err *e);

/* Moves every asset's classes by a preset change's mapping (a new version each),
 * leaving the reason in the audit trail (classification.c calls it). */
err_code asset_reclassify(db_conn *c, const audit_actor *editor, const classification_mapping *map, size_t n_map,
                          const char *reason, long *moved, err *e);

/* A reorganisation: every asset in use of unit `from` now belongs to `to` (each a new
 * version); *moved counts them. Inside the reorganisation's transaction, which records it. */
err_code asset_move_unit(db_conn *c, const audit_actor *actor, long from, long to, long *moved, err *e);

/* Puts an asset's searchable texts (name, description, location; NULL ones skipped) in
 * the search index, inside the caller's write transaction: the one way an asset enters
 * it, for single writes and imports alike. */
err_code asset_search_put(db_conn *c, long id, const char *name, const char *description, const char *location,
                          err *e);

/* The ledger's sort key for a name: full-width ASCII and half-width katakana folded to
 * their usual forms, ASCII lower-cased, so ＬＧＷＡＮ and LGWAN, ｼｽﾃﾑ and システム sort
 * together. Caller frees. */
char *asset_sort_key(const char *name);

#endif
