/* risk — the risk register (issue 6 point 5; DESIGN §3): a risk is an asset × a threat,
 * with a likelihood and an impact on an N×N matrix (N the setting risk_matrix_size,
 * default 5), a treatment (低減 reduce, 受容 accept, 回避 avoid, 移転 transfer), the
 * requirements that reduce it, an owner and a note. One open risk per (asset, threat);
 * closed, never deleted; every version kept (risk_version); every write audited.
 *
 * The rules (computed on read, so they follow the ledger and the implementation records):
 *   - impact from the class, while impact_from_class: the highest rank r of the asset's
 *     C, I and A classes (classification_class.rank, 1..5: r6.10's C 3A 5, 3B 4, 2 2,
 *     1 1; I and A 2 2, 1 1) scaled to the matrix, ceil(r × N / 5), between 1 and N.
 *     On a 5×5 matrix it is the rank itself: C3A → 5, C3B → 4, C2/I2/A2 → 2,
 *     C1/I1/A1 → 1. Setting an impact by hand stops that; null brings it back.
 *   - level = likelihood × impact.
 *   - residual: reduce — the likelihood drops one step for each linked requirement
 *     carried out on the asset (implementation status implemented, or not_applicable
 *     with its reason), never below 1; the impact stays. accept — the level stays (an
 *     exception records the acceptance, later). avoid — 0 (the activity is given up).
 *     transfer — the impact halved, rounded up; the likelihood stays.
 *
 * Who: written with implementation.write in the asset's owner unit and sight of the
 * asset; read as the asset is (AUTHZ_ASSET_VISIBLE). */
#ifndef MAMORI_RISK_H
#define MAMORI_RISK_H
#include <stdbool.h>
#include <stddef.h>

#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"

typedef struct risk_fields {
    long likelihood;          /* 0: unchanged (required on create) */
    long impact;              /* 0: unchanged (create: from the class); -1: back to the class's */
    const char *treatment;    /* NULL: unchanged (required on create) */
    const char *note;         /* NULL: unchanged; "" clears */
    long owner_id;            /* 0: unchanged; -1: no owner */
    const long *requirement_ids; /* with set_requirements: the whole new set */
    size_t n_requirements;
    bool set_requirements;
    bool close;               /* close the risk (update only) */
} risk_fields;

typedef struct risk_link {
    long requirement_id;
    char *code, *title_ja, *title_en; /* owned */
    char status[16];                  /* the requirement's status on the asset (not_started without a record) */
    bool reduces;                     /* that status counts as carried out (risk_status_reduces) */
} risk_link;

/* One version of a risk as it was kept (risk_version), newest first from risk_history. */
typedef struct risk_version_row {
    long version;
    int likelihood, impact;       /* impact as it then was (the class's, while impact_from_class) */
    bool impact_from_class;
    char *changed_at, *changed_by_name, *treatment, *note, *owner_name, *closed_at; /* owned; optional ones NULL */
    char **requirement_codes;     /* owned; the linked requirements then, by code */
    size_t n_requirement_codes;
} risk_version_row;

/* Likelihood, impact and their product. */
typedef struct risk_figures {
    int likelihood, impact, level;
} risk_figures;

typedef struct risk_row {
    long id, asset_id, threat_id, unit_id, owner_id, version;
    int likelihood, impact, level;              /* impact: the class's while impact_from_class */
    int residual_likelihood, residual_impact, residual_level;
    bool impact_from_class;
    long n_requirements, n_reducing;            /* linked; of them carried out on the asset */
    char *asset_name, *threat_code, *threat_name_ja, *threat_name_en, *treatment, *note, *owner_name,
        *updated_at, *closed_at;                /* owned; optional ones NULL */
    risk_link *links;                           /* owned; risk_get only */
    size_t n_links;
} risk_row;

typedef struct risk_filter {
    long asset_id, threat_id, org_unit_id; /* 0: any; org_unit_id: the asset's owner unit */
    long after, limit;                     /* cursor: the last id of the previous page */
    bool closed;                           /* list the closed ones instead of the open ones */
} risk_filter;

typedef struct risk_page {
    risk_row *items; /* owned */
    size_t n;
    long next_after;
} risk_page;

/* Counts per cell (likelihood-1)*size + (impact-1), inherent and residual. */
typedef struct risk_heatmap {
    int size;
    long *inherent, *residual; /* owned; size × size */
    long avoided, total;       /* avoided: residual 0 */
} risk_heatmap;

void risk_check(const risk_fields *f, bool creating, int size, err *e);
/* The impact an asset's classes give on a matrix of size (the rule above). */
int risk_impact_of_rank(int max_rank, int size);
/* The residual (the rules above) of an inherent likelihood × impact under treatment, with
 * n_reducing of the linked requirements carried out on the asset. */
risk_figures risk_residual(int likelihood, int impact, const char *treatment, long n_reducing);
/* True for an implementation status that carries a linked requirement out (implemented,
 * or not_applicable with its reason). The register's SQL counts the same statuses. */
bool risk_status_reduces(const char *status);
err_code risk_create(db_conn *c, const audit_actor *editor, int size, long asset_id, long threat_id,
                     const risk_fields *f, long *id, err *e);
/* ERR_PRECONDITION_FAILED when not at version; ERR_CONFLICT when closed. */
err_code risk_update(db_conn *c, const audit_actor *editor, int size, long id, long version, const risk_fields *f,
                     err *e);
/* *hidden: it exists and the viewer may not know it (the caller records that). */
err_code risk_get(db_conn *c, long viewer, int size, long id, risk_row *out, bool *hidden, err *e);
err_code risk_list(db_conn *c, long viewer, int size, const risk_filter *f, risk_page *out, err *e);
err_code risk_heatmap_of(db_conn *c, long viewer, int size, const risk_filter *f, risk_heatmap *out, err *e);

/* Every version of risk id, newest first; *out (owned by the caller) for risk_history_free. */
err_code risk_history(db_conn *c, long id, risk_version_row **out, size_t *n, err *e);

void risk_row_clear(risk_row *r);
void risk_history_free(risk_version_row *v, size_t n);
void risk_page_free(risk_page *p);
void risk_heatmap_free(risk_heatmap *h);

#endif
