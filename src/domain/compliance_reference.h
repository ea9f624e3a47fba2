/* compliance_reference — compliance shown against an imported reference catalog (issue 6
 * point 8: "compliance can be shown against it through the mapping"): for a catalog
 * (NIST SP 800-53 LOW, …) and a set of org units, per control and enhancement the
 * requirements of mamori's catalog mapped to it (requirement_mapping, open mappings of
 * any relation) and their implementation figures in those units, rolled up per family
 * (the catalog's top-level group) and over the whole catalog. A control no requirement
 * is mapped to is NOT COVERED — it has no figures, which is not 0 %.
 *
 * The figures are the maintained per-requirement ones (compliance_requirement_figure,
 * compliance.h; one grouped read), or recomputed from nothing when asked (the check).
 * A requirement's figures are those of the leaves under it (a group mapped stands for
 * its items). A control's, a family's and the catalog's are over the DISTINCT leaves
 * mapped there: a requirement mapped to two controls of a family counts once in the
 * family, so a family's rate is the share of its requirements' applicable pairs
 * implemented, not an average of control rates. The rate is compliance's:
 * implemented / (applicable − not applicable − excepted), none when that is 0.
 *
 * Writers: the report as JSON (the API's and `mamori compliance reference`'s answer)
 * and as CSV (a row for the catalog, each family, each control). */
#ifndef MAMORI_COMPLIANCE_REFERENCE_H
#define MAMORI_COMPLIANCE_REFERENCE_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/err.h"
#include "db/db.h"
#include "domain/compliance.h"

typedef struct compref_requirement {
    long id, mapping_id;
    char *code, *title_ja, *title_en; /* owned; title_en may be NULL */
    char relation[16];                /* equivalent, partial, related */
    bool active;
    long n[COMPLIANCE_N_STATUS];      /* its figures (a group: its leaves') */
} compref_requirement;

typedef struct compref_control {
    long id;                          /* reference_catalog_item's row */
    long parent_id;                   /* the control an enhancement belongs to; 0 otherwise */
    char *item_id, *title;            /* owned: "ac-2", "Account Management" */
    char *label;                      /* owned: "AC-2", "AC-2(1)" as the file labels it; may be NULL */
    size_t family;                    /* index in the report's families */
    bool enhancement;
    compref_requirement *reqs;        /* owned; none: not covered */
    size_t n_reqs;
    long n[COMPLIANCE_N_STATUS];      /* over the distinct leaves mapped to it */
} compref_control;

typedef struct compref_family {
    long id;
    char *item_id, *title, *label;    /* owned; label may be NULL */
    long controls, covered, requirements; /* requirements: distinct ones mapped in it */
    long n[COMPLIANCE_N_STATUS];
} compref_family;

typedef struct compref_report {
    long catalog_id;
    char *uuid, *title, *version;     /* owned; version may be NULL */
    compref_family *families;         /* owned, in the catalog's order */
    size_t n_families;
    compref_control *controls;        /* owned, in the catalog's order */
    size_t n_controls;
    long covered, requirements;       /* controls covered; distinct requirements mapped */
    long n[COMPLIANCE_N_STATUS];
    long missing;                     /* open mappings to controls the catalog no longer has */
    bool recomputed;
} compref_report;
void compref_report_free(compref_report *r);

/* Is ref a catalog's id (digits) or uuid (8-4-4-4-12 hex)? */
bool compref_ref_ok(const char *ref);
/* The row id of the catalog ref names (id or uuid); ERR_NOT_FOUND when none does. */
err_code compref_catalog_find(db_conn *c, const char *ref, long *catalog_id, err *e);

/* The report of catalog_id for the given units (their own figures each: pass a unit's
 * sub-units too for "with sub-units"). Inside the caller's read transaction, so the
 * mappings and the figures are of one moment. ERR_NOT_FOUND for no such catalog. */
err_code compref_build(db_conn *c, long catalog_id, bool recompute, const long *unit_ids, size_t n_units,
                       compref_report *out, err *e);

/* The share implemented (compliance's formula); false when nothing is to be carried
 * out (applicable − not applicable − excepted is 0). */
bool compref_rate(const long n[COMPLIANCE_N_STATUS], double *rate);
/* {"applicable", each status, "rate" (null when none)}: the shape of /api/v1/compliance. */
json_t *compref_counts_json(const long n[COMPLIANCE_N_STATUS]);
/* The report as JSON (new reference). org_unit_id 0: the caller's units. */
json_t *compref_report_json(const compref_report *r, long org_unit_id);
/* The report as CSV (UTF-8, every field quoted, CRLF): a row for the catalog, then each
 * family followed by its controls. */
void compref_report_csv(const compref_report *r, FILE *f);

#endif
