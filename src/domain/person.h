/* person — the people mamori knows (第3条: staff, related bodies' staff, contractors'
 * staff), their accounts and their roles in units. The people issue extends this
 * minimal core (membership history, deactivation, related bodies, contractors). */
#ifndef MAMORI_PERSON_H
#define MAMORI_PERSON_H
#include <stddef.h>

#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"

typedef struct person_new {
    const char *name;
    const char *name_kana; /* may be NULL; the sort key when present */
    const char *category;  /* regular, temporary, part_timer, non_regular, related_body, contractor */
    long org_unit_id;
    long related_body_id;  /* 0: none; the body a related body's staff member comes from */
    long contractor_id;    /* 0: none; the contractor a contractor's staff member works for */
} person_new;

typedef struct person_role {
    char *role;       /* owned; role code */
    char *role_ja;    /* owned */
    char *role_en;    /* owned */
    long org_unit_id;
    char *org_unit;   /* owned; the unit's Japanese name */
} person_role;

typedef struct person_view {
    long id;
    char *name;  /* owned */
    char *login; /* owned; NULL without an account */
    person_role *roles; /* owned array */
    size_t n_roles;
    char **permissions; /* owned array of permission codes */
    size_t n_permissions;
} person_view;

/* Inside the caller's write transaction; audited as person.create. */
err_code person_create(db_conn *c, const audit_actor *actor, const person_new *p, long *id_out, err *e);
/* Puts the person's name and reading in the search index (kind "person"), inside the
 * caller's write transaction; every write of either calls it. */
err_code person_search_put(db_conn *c, long id, const char *name, const char *name_kana, err *e);
/* Gives a person a role in a unit from valid_from (YYYY-MM-DD); audited as role.grant. */
err_code person_grant_role(db_conn *c, const audit_actor *actor, long person_id, const char *role,
                           long org_unit_id, const char *valid_from, err *e);
/* Loads the person with the roles and permissions in force today. */
err_code person_view_load(db_conn *c, long person_id, person_view *out, err *e);
/* The same when the caller already knows the name and login (a session does). */
err_code person_view_load_roles(db_conn *c, long person_id, const char *name, const char *login, person_view *out,
                                err *e);
void person_view_free(person_view *v);

#endif
