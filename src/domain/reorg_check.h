/* reorg_check — does a plan make sense against the organisation as it stands? The tree
 * and the people are loaded once and the operations are played on that copy in order,
 * so each is judged on the tree the earlier ones leave: a unit closed by operation 2
 * cannot be renamed by operation 5; codes stay unique (a code is never reused, so it
 * names one unit across the whole history); the tree stays a tree; a unit closes only
 * when no one and no open sub-unit is left in it; a split places every member. Every
 * problem names the operation and the field (operations[5].unit). Used when a plan is
 * scheduled, for a draft's list of problems, and again inside the transaction that
 * applies it. Nothing is written. */
#ifndef MAMORI_REORG_CHECK_H
#define MAMORI_REORG_CHECK_H
#include <stddef.h>

#include "core/err.h"
#include "db/db.h"
#include "domain/reorg_plan.h"

/* Checks p. planner > 0: every unit and person the plan touches must also be inside the
 * planner's org.manage units; 0 (the system applying a scheduled plan): no scope check.
 * When touched is not NULL it receives the existing units the plan touches (owned by the
 * caller), for need-to-know. ERR_VALIDATION with every problem found. */
err_code reorg_check(db_conn *c, const reorg_plan *p, long planner, long **touched, size_t *n_touched, err *e);

#endif
