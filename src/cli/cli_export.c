/* cli_export — `mamori export assets` (and `export catalog`, cli_export_catalog.c): the information asset ledger as a file (CSV in
 * UTF-8 with a BOM, CSV in CP932, or XLSX; asset_export.h). The command line holds the
 * store itself, so it exports as the system, which sees every asset. The file appears
 * at --output only when the export succeeded: it is written beside it under a
 * temporary name and renamed, so a refused export (a CP932 problem) leaves nothing.
 * Every export is audited (asset.export, with the count and the format). */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/xalloc.h"
#include "domain/asset_export.h"
#include "domain/org_unit.h"
#include "io/xlsx_sheet.h"

static void export_cli_note(void *arg, const asset_export_note *n, bool substituted)
{
    (void)arg;
    (void)substituted;
    fprintf(stderr, "%zu:%s: %s\n", n->row, n->column, n->message);
}

static void export_cli_progress(void *arg, long done, long total)
{
    if (!*(bool *)arg) return;
    fprintf(stderr, "\rmamori: %ld / %ld assets", done, total);
    if (done >= total) fputc('\n', stderr);
}

static err_code export_cli_audit(db *d, const asset_export_options *o, const asset_export_report *r, err *e)
{
    struct passwd *pw = getpwuid(geteuid());
    char *label = xasprintf("cli:%s", pw && pw->pw_name ? pw->pw_name : "unknown");
    audit_actor actor = {0, label, ""};
    json_t *detail = json_pack("{s:s, s:I, s:b, s:I}", "format", asset_export_format_name(o->format), "count",
                               (json_int_t)r->n_rows, "substitute", o->substitute, "substitutions",
                               (json_int_t)r->n_substitutions);
    db_conn *c = db_acquire(d);
    err_code rc = db_begin_write(c, e);
    if (rc == OK) rc = audit_append(c, &actor, "asset.export", "asset", "", detail, e);
    if (rc == OK) rc = db_commit(c, e);
    db_release(c);
    json_decref(detail);
    free(label);
    return rc;
}

/* The id of the unit with code (closed units too: their assets may still be listed). */
static err_code export_cli_unit(db *d, const char *code, long *id, err *e)
{
    org_unit_row *units = NULL;
    size_t n = 0;
    db_conn *c = db_acquire(d);
    err_code rc = org_unit_list(c, NULL, true, &units, &n, e);
    db_release(c);
    for (size_t i = 0; rc == OK && i < n && !*id; i++)
        if (strcmp(units[i].code, code) == 0) *id = units[i].id;
    org_unit_list_free(units, n);
    if (rc == OK && !*id) rc = err_set(e, ERR_VALIDATION, "--unit: no unit has the code \"%s\"", code);
    return rc;
}

int cmd_export(int argc, char **argv)
{
    /* `export catalog`: the first argument that is not an option names what to export. */
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-') {
            if (!strchr(argv[i], '=') && strcmp(argv[i], "--substitute") != 0) i++; /* skip its value */
            continue;
        }
        if (!strcmp(argv[i], "catalog")) return cmd_export_catalog(argc, argv);
        break;
    }
    config cfg;
    err e = ERR_INIT;
    db *d = NULL;
    const char *format = NULL, *output = NULL, *sheet_rows = NULL, *unit = NULL, *kind = NULL, *segment = NULL,
               *status_filter = NULL;
    bool substitute = false;
    char *pos[1], *tmp = NULL;
    size_t n_pos = 0;
    int status = 1;
    asset_export_report report = {0};
    const cli_option opts[] = {
        {"format", &format, NULL, "csv, csv-cp932 or xlsx"},
        {"output", &output, NULL, "the file to write"},
        {"substitute", NULL, &substitute, "CP932: write the nearest character instead of refusing"},
        {"sheet_rows", &sheet_rows, NULL, "XLSX: data rows per sheet (default and most: 1048575)"},
        {"unit", &unit, NULL, "only this unit (its code) and its sub-units"},
        {"kind", &kind, NULL, "only this kind (information, system, …)"},
        {"segment", &segment, NULL, "only this network segment (mynumber, lgwan, …)"},
        {"status", &status_filter, NULL, "in_use, disposed or all (default)"},
    };
    if (cli_settings(argc, argv, &cfg, opts, sizeof opts / sizeof *opts, pos, 1, &n_pos, &e) != OK) goto cleanup;
    asset_export_options o = {.viewer = ASSET_VIEWER_SYSTEM, .substitute = substitute, .on_note = export_cli_note};
    o.filter = (asset_filter){0, kind, segment, status_filter ? status_filter : "all", 0, -1, NULL, 0, NULL};
    if (n_pos != 1 || strcmp(pos[0], "assets") != 0 || !format || !output) {
        err_set(&e, ERR_VALIDATION,
                "usage: mamori export assets --format csv|csv-cp932|xlsx --output FILE [--substitute] --db URL");
        goto cleanup;
    }
    if (!asset_export_format_parse(format, &o.format)) {
        err_set(&e, ERR_VALIDATION, "--format: \"%s\" is not csv, csv-cp932 or xlsx", format);
        goto cleanup;
    }
    if (substitute && o.format != ASSET_EXPORT_CSV_CP932) {
        err_set(&e, ERR_VALIDATION, "--substitute is for --format csv-cp932 only");
        goto cleanup;
    }
    if (sheet_rows) {
        char *end = NULL;
        long n = strtol(sheet_rows, &end, 10);
        if (!*sheet_rows || *end || n < 1 || n > XLSX_MAX_DATA_ROWS || o.format != ASSET_EXPORT_XLSX) {
            err_set(&e, ERR_VALIDATION, "--sheet-rows: a whole number from 1 to %d, with --format xlsx", XLSX_MAX_DATA_ROWS);
            goto cleanup;
        }
        o.sheet_rows = (size_t)n;
    }
    /* The update times are shown in the body's zone, as the UI shows them. */
    setenv("TZ", cfg.timezone, 1);
    tzset();
    asset_filter_check(&o.filter, &e);
    if (e.n_fields) goto cleanup;
    if (cli_open_store(&cfg, 1, false, &d, &e) != OK) goto cleanup;
    if (unit && export_cli_unit(d, unit, &o.filter.org_unit_id, &e) != OK) goto cleanup;
    bool tty = isatty(STDERR_FILENO);
    o.progress = export_cli_progress;
    o.arg = &tty;
    /* Beside the output (same file system, so the rename is atomic). */
    tmp = xasprintf("%s.partial-XXXXXX", output);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        err_set(&e, ERR_INTERNAL, "cannot create a file beside %s", output);
        free(tmp);
        tmp = NULL;
        goto cleanup;
    }
    close(fd);
    if (asset_export_write(d, &o, tmp, &report, &e) != OK) goto cleanup;
    if (export_cli_audit(d, &o, &report, &e) != OK) goto cleanup;
    if (rename(tmp, output) != 0) {
        err_set(&e, ERR_INTERNAL, "cannot write %s", output);
        goto cleanup;
    }
    printf("mamori: %zu asset%s exported to %s", report.n_rows, report.n_rows == 1 ? "" : "s", output);
    if (o.format == ASSET_EXPORT_XLSX && report.n_sheets > 1) printf(" (%zu sheets)", report.n_sheets);
    if (report.n_substitutions)
        printf("; %zu character%s substituted (listed above)", report.n_substitutions,
               report.n_substitutions == 1 ? "" : "s");
    printf("\n");
    status = 0;
cleanup:
    if (status) cli_fail(&e);
    if (tmp) unlink(tmp); /* gone already after the rename */
    free(tmp);
    asset_export_report_free(&report);
    db_close(d);
    config_free(&cfg);
    err_clear(&e);
    return status;
}
