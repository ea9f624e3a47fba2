/* cli_reorg — `mamori reorg apply-due | list`: the reorganisations from the server's
 * shell. `serve` applies due plans on its own timer (reorg_check_interval); apply-due is
 * the same step for cron, for a store no server runs on, and for tests, with --date to
 * say which day it is. Each plan is applied in its own transaction, audited with the
 * command line as the actor (the operating-system user who ran it). */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/reorganisation.h"

static err_code reorg_cli_list(db *d, err *e)
{
    db_conn *c = db_acquire(d);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT id, effective_date, state, title, COALESCE(last_error, '') FROM reorganisation"
                           " ORDER BY effective_date DESC, id DESC",
                           DB_NO_PARAMS, &rows, e);
    if (rc == OK) {
        printf("%-6s %-10s %-10s %s\n", "id", "date", "state", "title");
        for (size_t i = 0; i < rows->n_rows; i++) {
            printf("%-6s %-10s %-10s %s\n", db_cell(rows, i, 0), db_cell(rows, i, 1), db_cell(rows, i, 2),
                   db_cell(rows, i, 3));
            if (*db_cell(rows, i, 4)) printf("       last attempt failed: %s\n", db_cell(rows, i, 4));
        }
    }
    db_rows_free(rows);
    db_release(c);
    return rc;
}

static err_code reorg_cli_apply_due(db *d, const char *date, err *e)
{
    struct passwd *pw = getpwuid(geteuid());
    char *label = xasprintf("cli:%s", pw && pw->pw_name ? pw->pw_name : "unknown");
    audit_actor actor = {0, label, ""};
    reorg_due_report report;
    err_code rc = reorg_apply_due(d, &actor, date, &report, e);
    for (size_t i = 0; i < report.n_applied; i++) printf("applied reorganisation %ld\n", report.applied[i]);
    if (rc == OK && report.n_applied == 0) printf("nothing due on %s\n", date);
    reorg_due_report_free(&report);
    free(label);
    return rc;
}

int cmd_reorg(int argc, char **argv)
{
    config cfg;
    err e = ERR_INIT;
    db *d = NULL;
    const char *date = NULL;
    char *pos[1];
    size_t n_pos = 0;
    int status = 1;
    const cli_option opts[] = {{"date", &date, NULL, "the day it is (YYYY-MM-DD; default today in the body's zone)"}};
    if (cli_settings(argc, argv, &cfg, opts, 1, pos, 1, &n_pos, &e) != OK) goto cleanup;
    const char *sub = n_pos ? pos[0] : NULL;
    if (!sub || (strcmp(sub, "apply-due") != 0 && strcmp(sub, "list") != 0)) {
        err_set(&e, ERR_VALIDATION, "usage: mamori reorg apply-due [--date YYYY-MM-DD] | list (see mamori help reorg)");
        goto cleanup;
    }
    /* "Today" is the body's calendar day, as for serve. */
    setenv("TZ", cfg.timezone, 1);
    tzset();
    char today[11];
    time_today_local(today);
    int y, m, dd;
    if (date && !time_parse_date(date, &y, &m, &dd)) {
        err_set(&e, ERR_VALIDATION, "--date: \"%s\" is not a date like 2027-04-01", date);
        goto cleanup;
    }
    if (cli_open_store(&cfg, 1, false, &d, &e) != OK) goto cleanup;
    err_code rc = strcmp(sub, "list") == 0 ? reorg_cli_list(d, &e) : reorg_cli_apply_due(d, date ? date : today, &e);
    if (rc == OK) status = 0;
cleanup:
    if (status) cli_fail(&e);
    db_close(d);
    config_free(&cfg);
    err_clear(&e);
    return status;
}
