/* reorg_plan — the operations of a planned reorganisation as C structs, and their JSON
 * form (the API's, and how a plan is stored; docs/api.md). Reading the JSON checks the
 * shape only — each operation's kind and fields — and names every problem by its path
 * (operations[2].unit); whether the plan makes sense against the tree on its date is
 * reorg_check's question. */
#ifndef MAMORI_REORG_PLAN_H
#define MAMORI_REORG_PLAN_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

#define REORG_MAX_OPS 500
#define REORG_CODE_MAX 20

typedef enum reorg_op_kind {
    REORG_CREATE,     /* a new unit under a parent */
    REORG_RENAME,     /* a unit's code or names */
    REORG_MOVE,       /* a unit under another parent */
    REORG_MERGE,      /* units close into another: their people, roles and sub-units move there */
    REORG_SPLIT,      /* a unit closes into several, its people listed part by part */
    REORG_CLOSE,      /* a unit with no one left in it closes */
    REORG_MOVE_PERSON /* a person to another unit */
} reorg_op_kind;

/* A unit an operation names: an existing one (id > 0), or the one an earlier create
 * operation of the same plan makes, by the code it is created with (JSON "new:CODE"). */
typedef struct reorg_ref {
    long id;
    char *new_code; /* owned; NULL for an existing unit */
} reorg_ref;

typedef struct reorg_part {
    reorg_ref unit;
    long *persons; /* owned */
    size_t n_persons;
} reorg_part;

typedef struct reorg_op {
    reorg_op_kind kind;
    reorg_ref unit;                 /* rename, move, split, close; move_person: where to */
    reorg_ref parent;               /* create, move */
    reorg_ref into;                 /* merge */
    reorg_ref *units;               /* owned; merge: the units that close */
    size_t n_units;
    reorg_part *parts;              /* owned; split */
    size_t n_parts;
    char *code, *name_ja, *name_en; /* owned; create, rename: NULL unchanged, name_en "" clears */
    long person;                    /* move_person */
} reorg_op;

typedef struct reorg_plan {
    reorg_op *ops; /* owned */
    size_t n_ops;
} reorg_plan;

/* "create", "rename", … as in the JSON. */
const char *reorg_op_name(reorg_op_kind kind);
/* Reads a JSON array of operations; ERR_VALIDATION with a field per problem
 * ("operations[i].field"). out is empty on failure. */
err_code reorg_plan_from_json(const json_t *operations, reorg_plan *out, err *e);
/* The JSON array (a new reference). */
json_t *reorg_plan_to_json(const reorg_plan *p);
/* A unit reference as JSON: the id, or "new:CODE". */
json_t *reorg_ref_json(const reorg_ref *r);
void reorg_plan_free(reorg_plan *p);
/* True when code is 1 to REORG_CODE_MAX letters, digits, '-', '_' or '.'. */
bool reorg_code_ok(const char *code);

#endif
