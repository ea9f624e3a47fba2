/* person_import — the staff list (職員名簿) from a CSV file, as a union keeps it in
 * Excel today. Every row is checked and every problem reported with its row (as the
 * spreadsheet numbers it) and column; nothing is written unless the whole file is
 * valid, and then everything is written in one transaction, each person audited.
 *
 * Columns (Japanese or English headers, any order):
 *   氏名 / name (required), ふりがな / kana, 区分 / category (required: 正規職員, 臨時職員,
 *   パートタイマー, 非常勤職員, 関係機関職員, 外部要員, or their codes), 所属コード /
 *   unit_code or 所属 / unit (required: the unit's code or Japanese name), 役割 / role
 *   (a role code or its Japanese name, granted in that unit from today). */
#ifndef MAMORI_PERSON_IMPORT_H
#define MAMORI_PERSON_IMPORT_H
#include <stddef.h>

#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/import_report.h"
#include "io/csv_table.h"

typedef struct person_import_plan person_import_plan;

/* Checks the whole table for an importer, who may put people only into units of their
 * own (person.manage scope); problems go to report. The plan (owned by the caller, freed
 * with person_import_plan_free) is what person_import_apply writes. progress may be
 * NULL; it is called every few thousand rows. */
err_code person_import_check(db_conn *c, long importer, const csv_table *t, person_import_plan **plan,
                             import_report *report, void (*progress)(void *arg, size_t done, size_t total), void *arg,
                             err *e);
/* Writes a plan with no problems, inside the caller's write transaction. */
err_code person_import_apply(db_conn *c, const audit_actor *actor, const person_import_plan *plan, size_t *n_written,
                             err *e);
void person_import_plan_free(person_import_plan *plan);

#endif
