/* reorganisation — planned reorganisations (DESIGN §5): a title, an effective date
 * (usually April 1st), a state and an ordered list of operations (reorg_plan.h).
 *
 *   draft ──schedule──▶ scheduled ──apply (on or after its date)──▶ applied
 *     ▲ └─cancel─▶ cancelled ◀─cancel─┘ │
 *     └────────────unschedule───────────┘
 *
 * A draft is edited freely; scheduling checks the whole plan (reorg_check.h) and that
 * its date is not past; applying checks it again and makes every change in the caller's
 * one transaction (reorg_apply.c), each operation an audit event. Applying an applied
 * plan changes nothing (idempotent).
 *
 * Who sees a plan: holders of org.manage (the CISO's office plans for the whole union)
 * see every plan; anyone else with person.read sees the scheduled and applied plans
 * that touch a unit of theirs (a role in a unit covers its sub-units) — drafts and
 * cancelled plans are the planners' own business (personnel moves are confidential until
 * announced). Everyone else gets ERR_NOT_FOUND. */
#ifndef MAMORI_REORGANISATION_H
#define MAMORI_REORGANISATION_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/reorg_plan.h"

typedef struct reorg_record {
    long id, version, created_by; /* created_by 0: the system */
    char *title, *effective_date, *state;               /* owned */
    reorg_plan plan;                                    /* owned */
    json_t *result;                                     /* owned: what applying did, per operation; NULL before */
    char *last_error;                                   /* owned: why applying last failed, or NULL */
    char *created_at, *scheduled_at, *applied_at, *applied_by, *cancelled_at; /* owned; NULL when not yet */
} reorg_record;

typedef struct reorg_fields {
    const char *title;        /* NULL: unchanged (required to create) */
    const char *effective_date; /* YYYY-MM-DD; NULL: unchanged (required to create) */
    const reorg_plan *plan;   /* NULL: unchanged (an empty plan to create) */
} reorg_fields;

/* A new draft; audited as reorganisation.create. */
err_code reorg_create(db_conn *c, const audit_actor *actor, const reorg_fields *f, long *id_out, err *e);
/* Changes a draft at `version` (ERR_PRECONDITION_FAILED when stale, ERR_CONFLICT when it
 * is no longer a draft); audited as reorganisation.update. */
err_code reorg_update(db_conn *c, const audit_actor *actor, long id, long version, const reorg_fields *f, err *e);

typedef enum reorg_action { REORG_SCHEDULE, REORG_UNSCHEDULE, REORG_CANCEL, REORG_APPLY } reorg_action;
/* Moves a plan along (see above) when it is at `version`; audited as
 * reorganisation.<action>. REORG_APPLY applies on or after the plan's date only (today,
 * in the body's zone), checking the actor's org.manage scope; applying an applied plan
 * answers OK and changes nothing. */
err_code reorg_act(db_conn *c, const audit_actor *actor, long id, long version, reorg_action action, err *e);

/* Whether person holds org.manage today (anywhere). */
err_code reorg_is_planner(db_conn *c, long person, bool *out, err *e);
/* One plan, as the viewer may see it (ERR_NOT_FOUND otherwise). */
err_code reorg_get(db_conn *c, long viewer, long id, reorg_record *out, err *e);
void reorg_record_free(reorg_record *r);

typedef struct reorg_filter {
    const char *state;  /* NULL: any */
    const char *cursor; /* next_cursor of the previous page, or NULL */
    long limit;
} reorg_filter;

typedef struct reorg_page {
    reorg_record *items; /* owned; newest effective date first */
    size_t n;
    char *next_cursor; /* owned; NULL on the last page */
} reorg_page;

err_code reorg_list(db_conn *c, long viewer, const reorg_filter *f, reorg_page *out, err *e);
void reorg_page_free(reorg_page *p);

/* The names of the units and people a plan refers to, for showing it to viewer: people
 * only when the viewer plans or reads them (need-to-know). */
typedef struct reorg_name {
    long id;
    char *code, *name_ja, *name_en; /* owned; code NULL for people, name_en may be NULL */
    bool closed;
} reorg_name;
err_code reorg_names(db_conn *c, long viewer, const reorg_plan *p, reorg_name **units, size_t *n_units,
                     reorg_name **persons, size_t *n_persons, err *e);
void reorg_names_free(reorg_name *names, size_t n);

/* What applying a plan does, inside the caller's write transaction, with the plan's row
 * locked (reorg_apply.c). date: the day it is applied (today, or the CLI's --date);
 * planner > 0 also checks that person's scope. *applied is false when the plan had
 * already been applied (nothing changes). */
err_code reorg_apply_locked(db_conn *c, const audit_actor *actor, long id, const char *date, long planner,
                            bool *applied, err *e);

/* Records the existing units a plan touches (replacing what was recorded), for who may read it. */
err_code reorg_store_units(db_conn *c, long id, const long *units, size_t n, err *e);

typedef struct reorg_due_report {
    long *applied;     /* owned: ids of the plans applied */
    size_t n_applied;
    long failed;       /* the plan that could not be applied (0: none); later plans wait for it */
} reorg_due_report;

/* Applies, in date order, every scheduled plan whose date is on or before `date`, each
 * in its own transaction; stops at the first that fails (recorded on the plan as
 * last_error, and in the trail as reorganisation.apply_failed when the reason is new),
 * which leaves everything as it was, with its reason in e. */
err_code reorg_apply_due(db *d, const audit_actor *actor, const char *date, reorg_due_report *out, err *e);
void reorg_due_report_free(reorg_due_report *r);

#endif
