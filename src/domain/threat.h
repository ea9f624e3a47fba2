/* threat — the threats of 第2条(6) (DESIGN §3): kind (natural 自然, system 情報システム,
 * human 人的), names in Japanese and English, a description. mamori ships a catalog of
 * common threats (migration 0018); the CISO and 統括 add and edit them, and deactivate
 * what no longer concerns the body — never delete, since requirements and risks link
 * to them. Every write is audited and indexed for search (kind "threat"). */
#ifndef MAMORI_THREAT_H
#define MAMORI_THREAT_H
#include <stdbool.h>
#include <stddef.h>

#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"

typedef struct threat_row {
    long id, version, n_requirements; /* n_requirements: active items that answer it */
    char *code, *kind, *name_ja, *name_en, *description; /* owned; name_en, description may be NULL */
    int active;
} threat_row;

typedef struct threat_fields {
    const char *code, *kind, *name_ja, *name_en, *description; /* NULL: unchanged (on update); "" clears an optional one */
    int active;                                                /* -1: unchanged */
} threat_fields;

typedef struct threat_filter {
    const char *kind;   /* NULL: every kind */
    const char *q;      /* words the code, names or description hold */
    int active;         /* 1 (default), 0, or -1 for both */
    const char *cursor; /* the code of the last item of the previous page */
    long limit;
} threat_filter;

typedef struct threat_page {
    threat_row *items; /* owned */
    size_t n;
    char *next_cursor; /* owned; NULL on the last page */
} threat_page;

/* The threats in code order. ERR_VALIDATION naming kind, q or cursor. */
err_code threat_list(db_conn *c, const threat_filter *f, threat_page *out, err *e);
err_code threat_get(db_conn *c, long id, threat_row *out, err *e);
/* Inside the caller's write transaction; audited as threat.create. */
err_code threat_create(db_conn *c, const audit_actor *actor, const threat_fields *f, long *id, err *e);
/* When the threat is at `version` (else ERR_PRECONDITION_FAILED); audited as threat.update. */
err_code threat_update(db_conn *c, const audit_actor *actor, long id, long version, const threat_fields *f, err *e);
/* true for natural, system, human. */
bool threat_kind_ok(const char *kind);
void threat_row_clear(threat_row *t);
void threat_page_free(threat_page *p);

#endif
