/* requirement — the standards catalog (対策基準, 第5条, 第6条; DESIGN §3): a tree of items,
 * each with a code, a title, a text (Markdown source), one measure kind of 第5条
 * (physical, human, technical, development, operational, network), a scope (carried out
 * per asset or per unit), tags (業務委託, 評価・見直し …), where it applies (rules over an
 * asset's kind, segment, personal-data flag and class RANKS — DESIGN §4 — so a change of
 * preset keeps them right), the threats it answers and the laws it implements. An item
 * with children is a group; the leaves are what applies. Every edit is a new version
 * (requirement_version), audited and indexed for search (kind "requirement"); items are
 * deactivated, never deleted.
 *
 * requirement_applicable answers which items apply to one asset, in one statement; the
 * same rule in C (requirement_rules_apply) is what the unit tests and the "why" use. */
#ifndef MAMORI_REQUIREMENT_H
#define MAMORI_REQUIREMENT_H
#include <stdbool.h>
#include <stddef.h>

#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"

#define REQUIREMENT_N_KINDS 6
extern const char *const requirement_kinds[REQUIREMENT_N_KINDS]; /* physical, human, … in 第5条's order */

/* One row of where an item applies: every condition set must hold. */
typedef struct requirement_rule {
    char asset_kind[16]; /* "" any; else an asset kind */
    char segment[16];    /* "" any; else a network segment */
    char axis[2];        /* "" none; else "C", "I" or "A" with min_rank */
    int min_rank;        /* 0 with no axis */
    int personal_data;   /* -1 any; 1 only assets holding personal data; 0 only those without */
    /* For reading only (filled by requirement_get): the class in force the rank starts
     * at — the lowest class of the axis whose rank is at least min_rank. Owned; may be NULL. */
    char *min_class_code, *min_class_name_ja, *min_class_name_en;
} requirement_rule;

/* What applicability looks at in an asset. */
typedef struct requirement_asset_facts {
    const char *kind, *segment;
    int c_rank, i_rank, a_rank;
    int personal_data;
} requirement_asset_facts;

/* Pure: whether one rule holds for the asset; whether an item with these rules applies
 * (no rules: every asset). The SQL of requirement_applicable says the same. */
bool requirement_rule_matches(const requirement_rule *r, const requirement_asset_facts *a);
bool requirement_rules_apply(const requirement_rule *rules, size_t n, const requirement_asset_facts *a);
/* Pure: field errors for rule i ("applies[i].axis" …). */
void requirement_rule_check(const requirement_rule *r, size_t i, err *e);

typedef struct requirement_threat_link {
    long id;
    char *code, *kind, *name_ja, *name_en; /* owned; name_en may be NULL */
} requirement_threat_link;

typedef struct requirement_law_link {
    long law_id, article_id; /* article_id 0: the law as a whole */
    char *law_code, *law_name_ja, *law_short_name_ja, *law_name_en; /* owned; the last two may be NULL */
    char *article_number, *article_title_ja;                        /* owned; NULL with no article */
} requirement_law_link;

typedef struct requirement_row {
    long id, parent_id, version, n_children; /* parent_id 0: top level; n_children: active ones */
    char *code, *measure_kind, *scope, *title_ja, *title_en, *text, *updated_at; /* owned; title_en, text may be NULL */
    int active;
    char **tags; /* owned */
    size_t n_tags;
    /* Filled by requirement_get only: */
    requirement_rule *rules;
    size_t n_rules;
    requirement_threat_link *threats;
    size_t n_threats;
    requirement_law_link *laws;
    size_t n_laws;
} requirement_row;

typedef struct requirement_version_row {
    long version, changed_by; /* changed_by 0: mamori (the shipped catalog) */
    char *change, *changed_at, *changed_by_name, *code, *title_ja, *title_en, *text, *measure_kind, *scope; /* owned */
    long parent_id;
    int active;
    char *links; /* owned JSON text, or NULL */
} requirement_version_row;

typedef struct requirement_law_ref {
    long law_id, article_id; /* article_id 0: the law as a whole */
} requirement_law_ref;

typedef struct requirement_fields {
    const char *code, *measure_kind, *scope, *title_ja, *title_en, *text; /* NULL: unchanged; "" clears an optional one */
    long parent_id; /* -1 unchanged; 0 top level */
    int active;     /* -1 unchanged */
    bool set_tags, set_rules, set_threats, set_laws; /* replace that list */
    const char *const *tags;
    size_t n_tags;
    const requirement_rule *rules;
    size_t n_rules;
    const long *threat_ids;
    size_t n_threats;
    const requirement_law_ref *laws;
    size_t n_laws;
} requirement_fields;

typedef struct requirement_filter {
    const char *measure_kind, *tag, *q;
    long threat_id, law_id; /* 0: any */
    int active;             /* 1 (default), 0, -1 for both */
    const char *cursor;     /* the code of the last item of the previous page */
    long limit;
} requirement_filter;

typedef struct requirement_page {
    requirement_row *items; /* owned; with their tags */
    size_t n;
    char *next_cursor; /* owned */
} requirement_page;

/* The items in code order (groups too: parent_id and n_children draw the tree). */
err_code requirement_list(db_conn *c, const requirement_filter *f, requirement_page *out, err *e);
/* One item with its tags, rules, threats and laws. */
err_code requirement_get(db_conn *c, long id, requirement_row *out, err *e);
/* Every version, newest first. */
err_code requirement_history(db_conn *c, long id, requirement_version_row **out, size_t *n, err *e);
/* Inside the caller's write transaction; audited as requirement.create / requirement.update. */
err_code requirement_create(db_conn *c, const audit_actor *actor, const requirement_fields *f, long *id, err *e);
err_code requirement_update(db_conn *c, const audit_actor *actor, long id, long version, const requirement_fields *f,
                            err *e);
/* Whether the rules of requirement r (an alias, or an id expression) hold for asset a
 * whose classes are kc, ki, ka: no rule (every asset), or one rule all of whose
 * conditions hold. The one SQL form of requirement_rules_apply, used by
 * requirement_applicable (what applies to an asset) and requirement_status (where an
 * item applies); that r is an active leaf of scope 'asset' is checked apart. */
#define REQUIREMENT_RULES_HOLD(r_id, a, kc, ki, ka)                                                             \
    " (NOT EXISTS (SELECT 1 FROM requirement_applies x WHERE x.requirement_id = " r_id ")"                      \
    "  OR EXISTS (SELECT 1 FROM requirement_applies x WHERE x.requirement_id = " r_id                          \
    "   AND (x.asset_kind IS NULL OR x.asset_kind = " a ".kind)"                                               \
    "   AND (x.segment IS NULL OR x.segment = " a ".segment)"                                                  \
    "   AND (x.personal_data IS NULL OR x.personal_data = " a ".personal_data)"                                \
    "   AND (x.axis IS NULL OR x.min_rank <= CASE x.axis WHEN 'C' THEN " kc ".rank WHEN 'I' THEN " ki ".rank"  \
    "    ELSE " ka ".rank END)))"
/* The active items (leaves) of scope 'asset' that apply to the asset, by code, with tags.
 * The caller has checked the viewer may see the asset; ERR_NOT_FOUND without it. */
err_code requirement_applicable(db_conn *c, long asset_id, requirement_page *out, err *e);

bool requirement_kind_ok(const char *kind);
void requirement_row_clear(requirement_row *r);
void requirement_page_free(requirement_page *p);
void requirement_history_free(requirement_version_row *v, size_t n);

#endif
