/* demo_compliance — the demo union's implementation records and a year of compliance
 * snapshots (issue 6 point 10): a mix of statuses on its assets' requirements and its
 * units' unit-level requirements, so the dashboard shows figures, and twelve monthly
 * snapshots (and the last 年度) rising towards today's, so it shows a trend. The
 * statuses follow a fixed pattern, not chance: the demo is the same every time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/compliance.h"
#include "domain/demo.h"
#include "domain/implementation.h"
#include "domain/requirement.h"

/* The pattern: of every ten pairs, five 実施済, two 一部実施, one 対象外, two without a
 * record (未着手). */
static const char *demo_status(size_t i)
{
    static const char *const pattern[10] = {"implemented", "partial", "implemented", NULL, "implemented",
                                            "not_applicable", "implemented", "partial", NULL, "implemented"};
    return pattern[i % 10];
}

static err_code demo_record(db_conn *c, const audit_actor *system, long rid, long aid, long uid, size_t i, err *e)
{
    const char *status = demo_status(i);
    if (!status) return OK;
    implementation_fields f = {status, NULL, NULL, NULL, 0};
    if (!strcmp(status, "not_applicable"))
        f.reason = aid ? "当該資産では該当する機能を利用していないため(情報セキュリティ管理者確認済)"
                       : "当課では該当する業務を行っていないため";
    if (!strcmp(status, "partial")) {
        f.due_on = "2026-09-30";
        f.note = "今年度中に完了予定";
    }
    long id = 0;
    return implementation_create(c, system, rid, aid, uid, &f, &id, e);
}

/* The figures of `now` as they might have stood `back` months ago: part of what is
 * implemented now was still partial or not started. */
static void demo_earlier(const compliance_grid *now, int back, compliance_grid *out)
{
    out->n = out->cap = now->n;
    out->units = xcalloc(now->n + 1, sizeof *out->units);
    memcpy(out->units, now->units, now->n * sizeof *out->units);
    for (size_t u = 0; u < out->n; u++)
        for (int k = 0; k < COMPLIANCE_N_KINDS; k++)
            for (int q = 0; q < COMPLIANCE_N_RANKS; q++) {
                long *n = out->units[u].n[k][q];
                long moved = n[2] * (back * 4 + (k % 3)) / 60; /* 実施済 → 一部実施 / 未着手 */
                n[2] -= moved;
                n[1] += moved / 2;
                n[0] += moved - moved / 2;
                long started = n[1] * back / 24; /* 一部実施 → 未着手 */
                n[1] -= started;
                n[0] += started;
            }
}

err_code demo_compliance(db_conn *c, const audit_actor *system, err *e)
{
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT id FROM asset WHERE status = 'in_use' ORDER BY id", DB_NO_PARAMS, &rows, e);
    size_t i = 0;
    for (size_t a = 0; rc == OK && a < rows->n_rows; a++) {
        long aid = atol(db_cell(rows, a, 0));
        requirement_page page;
        if ((rc = requirement_applicable(c, aid, &page, e)) != OK) break;
        for (size_t k = 0; rc == OK && k < page.n; k++) rc = demo_record(c, system, page.items[k].id, aid, 0, i++, e);
        requirement_page_free(&page);
    }
    db_rows_free(rows);
    rows = NULL;
    if (rc == OK)
        rc = db_query(c,
                      "SELECT u.id, r.id FROM org_unit u CROSS JOIN requirement r WHERE u.valid_to IS NULL"
                      " AND r.active = 1 AND r.scope = 'unit' AND NOT EXISTS (SELECT 1 FROM requirement ch"
                      " WHERE ch.parent_id = r.id AND ch.active = 1) ORDER BY u.id, r.code",
                      DB_NO_PARAMS, &rows, e);
    for (size_t k = 0; rc == OK && k < rows->n_rows; k++)
        rc = demo_record(c, system, atol(db_cell(rows, k, 1)), 0, atol(db_cell(rows, k, 0)), i++, e);
    db_rows_free(rows);
    if (rc != OK) return rc;

    /* A year of month-end snapshots, oldest lowest, each taken on the 1st after. */
    compliance_grid now = {0};
    if ((rc = compliance_load(c, false, &now, e)) != OK) return rc;
    char today[11];
    time_today_local(today);
    int y = atoi(today), m = atoi(today + 5);
    for (int back = 12; rc == OK && back >= 1; back--) {
        int py = y, pm = m - back; /* the month that ended back months before this one began */
        while (pm < 1) {
            pm += 12;
            py--;
        }
        int ty = pm == 12 ? py + 1 : py, tm = pm == 12 ? 1 : pm + 1;
        char period[32], taken_at[40];
        snprintf(period, sizeof period, "%04d-%02d", py, pm);
        snprintf(taken_at, sizeof taken_at, "%04d-%02d-01T00:00:00Z", ty, tm);
        compliance_grid then = {0};
        demo_earlier(&now, back, &then);
        bool taken = false;
        rc = compliance_snapshot_put(c, "month", period, taken_at, &then, &taken, e);
        /* The 年度 that ended with March. */
        if (rc == OK && pm == 3) {
            snprintf(period, sizeof period, "%04d", py - 1);
            rc = compliance_snapshot_put(c, "fiscal_year", period, taken_at, &then, &taken, e);
        }
        compliance_grid_free(&then);
    }
    compliance_grid_free(&now);
    return rc;
}
