/* person_list — reading people: a page of a list, or one person, always within the
 * caller's scope (authz.h: AUTHZ_SCOPE_CTE with person.read). Someone outside the
 * scope does not exist for the caller. */
#ifndef MAMORI_PERSON_LIST_H
#define MAMORI_PERSON_LIST_H
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "db/db.h"
#include "domain/person.h"

typedef struct person_filter {
    long org_unit_id;   /* 0: every unit in scope; else this unit and its sub-units */
    const char *q;      /* words found in the name or its reading (search_text.h); NULL for none */
    int active;         /* 1 active, 0 left, -1 either */
    const char *cursor; /* the next_cursor of the previous page, or NULL */
    long limit;
} person_filter;

typedef struct person_summary {
    long id;
    char *name, *name_kana, *category, *org_unit, *login; /* owned; kana and login may be NULL */
    char *employed_from, *employed_to;                    /* owned; YYYY-MM-DD or NULL */
    char *related_body, *contractor;                      /* owned; the linked body's name, or NULL */
    long org_unit_id, related_body_id, contractor_id;     /* links 0 when none */
    bool active;
    long version;
    person_role *roles; /* owned */
    size_t n_roles;
} person_summary;

typedef struct person_page {
    person_summary *items; /* owned */
    size_t n;
    char *next_cursor;     /* owned; NULL on the last page */
} person_page;

/* ERR_VALIDATION for a cursor this list did not give. */
err_code person_list(db_conn *c, long viewer, const person_filter *f, person_page *out, err *e);
/* ERR_NOT_FOUND when there is no such person or they are outside the viewer's scope. */
err_code person_get(db_conn *c, long viewer, long id, person_summary *out, err *e);
void person_page_free(person_page *p);
void person_summary_free(person_summary *s);

#endif
