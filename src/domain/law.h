/* law — the legal register of 第13条 (DESIGN §3): the laws the policy's subjects follow
 * (個人情報保護法, 番号法, 地方公務員法 …) with the articles the catalog cites, and for
 * each law the requirements that implement it. mamori ships the register (migration
 * 0018); the CISO and 統括 add and edit laws and articles and deactivate a law that no
 * longer applies (never delete: requirements link to them). Audited; indexed for search
 * (kind "law"). */
#ifndef MAMORI_LAW_H
#define MAMORI_LAW_H
#include <stdbool.h>
#include <stddef.h>

#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"

typedef struct law_article {
    long id;
    char *number, *title_ja, *title_en; /* owned; title_en may be NULL */
} law_article;

/* A requirement implementing the law (through one of its articles, or the law as a whole). */
typedef struct law_implementer {
    long requirement_id;
    char *code, *title_ja, *title_en, *measure_kind; /* owned; title_en may be NULL */
    char *article_number;                            /* owned; NULL: the law as a whole */
} law_implementer;

typedef struct law_row {
    long id, version, n_requirements; /* n_requirements: active items implementing it */
    char *code, *name_ja, *short_name_ja, *name_en, *number, *description; /* owned; all but code, name_ja may be NULL */
    int active;
    law_article *articles; /* owned; in their order */
    size_t n_articles;
    law_implementer *implementers; /* owned; filled by law_get only, by code */
    size_t n_implementers;
} law_row;

typedef struct law_article_input {
    const char *number, *title_ja, *title_en;
} law_article_input;

typedef struct law_fields {
    const char *code, *name_ja, *short_name_ja, *name_en, *number, *description; /* NULL: unchanged; "" clears */
    int active;                                                                   /* -1: unchanged */
    const law_article_input *articles; /* added, or changed when the number exists already; never removed */
    size_t n_articles;
} law_fields;

typedef struct law_filter {
    const char *q;
    int active;         /* 1 (default), 0, -1 for both */
    const char *cursor; /* the code of the last law of the previous page */
    long limit;
} law_filter;

typedef struct law_page {
    law_row *items; /* owned; with their articles */
    size_t n;
    char *next_cursor; /* owned; NULL on the last page */
} law_page;

err_code law_list(db_conn *c, const law_filter *f, law_page *out, err *e);
/* One law with its articles and the requirements implementing it. */
err_code law_get(db_conn *c, long id, law_row *out, err *e);
/* Inside the caller's write transaction; audited as law.create. */
err_code law_create(db_conn *c, const audit_actor *actor, const law_fields *f, long *id, err *e);
/* When the law is at `version` (else ERR_PRECONDITION_FAILED); audited as law.update. */
err_code law_update(db_conn *c, const audit_actor *actor, long id, long version, const law_fields *f, err *e);
void law_row_clear(law_row *l);
void law_page_free(law_page *p);

#endif
