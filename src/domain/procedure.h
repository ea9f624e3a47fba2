/* procedure — procedures (実施手順, 第7条): documents that say how a unit carries out
 * requirements of the standards catalog, linked to those requirements, each with a code,
 * a title, an owner unit, a body in Markdown, a disclosure class ('internal' for now), a
 * status (draft, in_force, withdrawn) and every saved version kept whole
 * (procedure_version). Indexed for search (kind "procedure": code, titles, body).
 *
 * Procedures are not public (第11条). Who sees one is AUTHZ_PROCEDURE_VISIBLE (authz.h):
 * in force, every holder of procedure.read; drafts and withdrawn ones, the owner unit's
 * managers (procedure.manage there) and the catalog's keepers (catalog.manage). Who
 * writes one: procedure.manage in the owner unit (the CISO and 統括 everywhere, a
 * department or section head in their units). Lists give no bodies; every read of a
 * body (procedure_read) appends a procedure.read event naming the version read, in the
 * same transaction as the read: when the event cannot be written, the read fails. */
#ifndef MAMORI_PROCEDURE_H
#define MAMORI_PROCEDURE_H
#include <stdbool.h>
#include <stddef.h>

#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"

#define PROCEDURE_BODY_MAX 200000 /* characters of Markdown */
#define PROCEDURE_MAX_LINKS 100

typedef struct procedure_req_link {
    long id;
    char *code, *title_ja, *title_en; /* owned; title_en may be NULL */
} procedure_req_link;

typedef struct procedure_row {
    long id, owner_unit_id, version, n_requirements;
    char *code, *title_ja, *title_en, *owner_unit_name_ja, *owner_unit_name_en, *disclosure, *status, *updated_at; /* owned; the _en may be NULL */
    /* Filled by procedure_read only: */
    char *body;              /* owned: the body of read_version */
    long read_version;       /* the version whose body and title this is */
    bool privileged;         /* the reader also sees drafts and withdrawn versions of it */
    procedure_req_link *requirements; /* owned; the links now (not of an older version) */
    size_t n_reqs;
} procedure_row;

typedef struct procedure_version_row {
    long version, changed_by;
    char *change, *changed_at, *changed_by_name, *status, *title_ja; /* owned; changed_by_name may be NULL */
} procedure_version_row;

typedef struct procedure_fields {
    const char *code, *title_ja, *title_en, *body, *status, *disclosure; /* NULL: unchanged; "" clears title_en */
    long owner_unit_id;                                                  /* 0: unchanged */
    bool set_requirements;                                               /* replace the links */
    const long *requirement_ids;
    size_t n_requirements;
} procedure_fields;

typedef struct procedure_filter {
    long viewer;          /* person id: what they may see */
    long requirement_id;  /* 0: any */
    const char *status, *q;
    const char *cursor;   /* the code of the last item of the previous page */
    long limit;
} procedure_filter;

typedef struct procedure_page {
    procedure_row *items; /* owned; without bodies */
    size_t n;
    char *next_cursor; /* owned */
} procedure_page;

bool procedure_status_ok(const char *s);
/* The procedures viewer may see, by code, without bodies (not audited: no body read). */
err_code procedure_list(db_conn *c, const procedure_filter *f, procedure_page *out, err *e);
/* Reads procedure id (version 0: the current one, else that saved version) as reader:
 * ERR_NOT_FOUND when there is none or the reader may not see it (the caller records the
 * refusal), else fills out with the body and appends procedure.read. Inside the caller's
 * write transaction, which the caller commits before answering. */
err_code procedure_read(db_conn *c, const audit_actor *reader, long id, long version, procedure_row *out, err *e);
/* Every saved version, newest first (no bodies). */
err_code procedure_versions(db_conn *c, long id, procedure_version_row **out, size_t *n, err *e);
/* Inside the caller's write transaction; audited as procedure.create / procedure.update;
 * ERR_FORBIDDEN when the owner unit is outside the actor's procedure.manage scope
 * (update: ERR_NOT_FOUND when the actor may not see it at all). */
err_code procedure_create(db_conn *c, const audit_actor *actor, const procedure_fields *f, long *id, err *e);
err_code procedure_update(db_conn *c, const audit_actor *actor, long id, long version, const procedure_fields *f,
                          err *e);

void procedure_row_clear(procedure_row *p);
void procedure_page_free(procedure_page *p);
void procedure_versions_free(procedure_version_row *v, size_t n);

#endif
