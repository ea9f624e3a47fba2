/* classification — the scheme of 第9条 as data (DESIGN §4): schemes (the MIC presets),
 * their classes per axis (C, I, A) with ranks, definitions and handling rules per
 * aspect; the CISO edits definitions and rules, and changes the preset in force with an
 * explicit mapping of every class in use (applied to every asset in one transaction).
 * Exports the read model (classification_load, classification_schemes), the edits and
 * the label helper (C3A-I2-A2). */
#ifndef MAMORI_CLASSIFICATION_H
#define MAMORI_CLASSIFICATION_H
#include <stdbool.h>
#include <stddef.h>

#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"

/* The aspects of handling, in the order pages show them (the table's CHECK). */
#define CLASSIFICATION_N_ASPECTS 7
extern const char *const classification_aspects[CLASSIFICATION_N_ASPECTS];

/* The confidentiality rank from which need-to-know applies (DESIGN §2): 3B and 3A, and
 * pre-2024's 機密性3. */
#define CLASSIFICATION_RESTRICTED_RANK 4

typedef struct classification_rule {
    char *text_ja; /* owned; NULL when the class has no rule for the aspect */
    char *text_en; /* owned; may be NULL */
} classification_rule;

typedef struct classification_class {
    long id;
    char axis[2];  /* "C", "I" or "A" */
    char *code;    /* owned; "3A", "2", … */
    int rank;
    char *name_ja, *name_en, *definition_ja, *definition_en; /* owned; definition_en may be NULL */
    long version;
    long n_assets; /* assets classified with it that the reader may see (disposed ones included) */
    classification_rule rules[CLASSIFICATION_N_ASPECTS]; /* by classification_aspects */
} classification_class;

typedef struct classification_scheme {
    char *code, *name_ja, *name_en; /* owned */
    bool in_force;
    long version;
    classification_class *classes; /* owned; by axis (C, I, A), highest rank first */
    size_t n_classes;
} classification_scheme;

/* One scheme with its classes and rules: `code`, or the one in force when code is NULL.
 * Each class's n_assets counts the assets viewer may see (viewer 0: all of them).
 * ERR_NOT_FOUND when there is no such scheme. */
err_code classification_load(db_conn *c, const char *code, long viewer, classification_scheme *out, err *e);
/* Every scheme, the one in force first; *out owned (classification_schemes_free). */
err_code classification_schemes(db_conn *c, long viewer, classification_scheme **out, size_t *n, err *e);
void classification_scheme_free(classification_scheme *s);
void classification_schemes_free(classification_scheme *s, size_t n);

/* What a PATCH of a class may change; NULL: unchanged. rules_ja/en by aspect index
 * ("" for text_en clears it; text_ja may not be emptied). */
typedef struct classification_changes {
    const char *name_ja, *name_en, *definition_ja, *definition_en;
    const char *rules_ja[CLASSIFICATION_N_ASPECTS];
    const char *rules_en[CLASSIFICATION_N_ASPECTS];
} classification_changes;

/* Changes a class at `version` (ERR_PRECONDITION_FAILED when stale, ERR_NOT_FOUND when
 * there is no such class); audited as classification.update. Inside the caller's write
 * transaction. */
err_code classification_class_update(db_conn *c, const audit_actor *editor, long id, long version,
                                     const classification_changes *ch, long *new_version, err *e);

typedef struct classification_mapping {
    long from, to; /* a class of the scheme in force → a class of the new scheme, same axis */
} classification_mapping;

/* Puts `scheme` in force. Every class in use (by any asset) must be mapped: each asset's
 * classes move by the mapping, each asset getting a new version (and history). Refused
 * with ERR_VALIDATION naming each class in use left unmapped, each mapping at fault.
 * *moved counts the assets changed. Audited as classification.preset_change. Inside the
 * caller's write transaction. */
err_code classification_preset_change(db_conn *c, const audit_actor *editor, const char *scheme,
                                      const classification_mapping *map, size_t n_map, long *moved, err *e);

/* "C3A-I2-A2" from the three codes (any may be NULL: "C?" …); caller frees. */
char *classification_label(const char *c_code, const char *i_code, const char *a_code);

#endif
