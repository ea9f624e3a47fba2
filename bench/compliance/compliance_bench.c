/* compliance_bench — compliance at 100,000 assets (issue 6 point 11): the figures for N
 * assets × mamori's default catalog computed from nothing (compliance_recompute: every
 * applicable pair by status, written to compliance_figure), and the dashboard's read of
 * the maintained figures (what GET /api/v1/compliance does against the store: the
 * caller's scope, the figures, the class names), p50 and p99 over many reads. Also, for
 * information, what a single change costs to maintain them. Run by bench/compliance/run.
 *
 *     compliance_bench STORE-URL N [READS]
 *
 * The store must be empty; it is made with store_init (so it holds the default catalog),
 * given 20 departments of 15 sections and N assets spread over them with plain INSERTs,
 * and about 1.5 implementation records an asset (random statuses, some for pairs that no
 * longer apply, as after reclassifications). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/authz.h"
#include "auth/password.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/compliance.h"
#include "domain/compliance_reference.h"
#include "domain/org_unit.h"
#include "domain/person.h"
#include "domain/reference_catalog.h"
#include "domain/requirement_mapping.h"
#include "domain/store_init.h"

#define N_DEPTS 20
#define N_SECTIONS 15

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint64_t rng(void) /* splitmix64: the same store on every run */
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void must(err_code rc, const char *what, err *e)
{
    if (rc == OK) return;
    fprintf(stderr, "compliance_bench: %s: %s\n", what, e && e->message ? e->message : "failed");
    exit(1);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static long number(db_conn *c, const char *sql)
{
    err e = ERR_INIT;
    db_rows *rows = NULL;
    must(db_query(c, sql, DB_NO_PARAMS, &rows, &e), sql, &e);
    long v = rows->n_rows && db_cell(rows, 0, 0) ? atol(db_cell(rows, 0, 0)) : 0;
    db_rows_free(rows);
    return v;
}

static long class_id(db_conn *c, const char *axis, const char *code)
{
    char *sql = xasprintf("SELECT k.id FROM classification_class k JOIN classification_scheme s ON s.code ="
                          " k.scheme_code WHERE s.in_force = 1 AND k.axis = '%s' AND k.code = '%s'",
                          axis, code);
    long id = number(c, sql);
    free(sql);
    return id;
}

static void load(db *store, long n, const long *sections)
{
    static const char *const kinds[] = {"information", "system", "network", "medium", "document", "equipment"};
    db_conn *c = db_acquire(store);
    err e = ERR_INIT;
    const char *cc[] = {"3A", "3B", "3C", "2", "1"};
    long kc[5], ki[2] = {class_id(c, "I", "2"), class_id(c, "I", "1")}, ka[2] = {class_id(c, "A", "2"), class_id(c, "A", "1")};
    for (int k = 0; k < 5; k++) kc[k] = class_id(c, "C", cc[k]);
    long n_req = number(c, "SELECT count(*) FROM requirement WHERE scope = 'asset'");
    db_rows *reqs = NULL;
    must(db_query(c, "SELECT id FROM requirement WHERE scope = 'asset' ORDER BY id", DB_NO_PARAMS, &reqs, &e), "reqs", &e);
    static const char *const statuses[] = {"implemented", "implemented", "partial", "not_applicable", "not_started"};
    char now[TIME_CANON_LEN];
    time_now_canon(now);
    double t0 = now_ms();
    long records = 0;
    for (long i = 1; i <= n;) {
        must(db_begin_write(c, &e), "begin", &e);
        for (long k = 0; k < 10000 && i <= n; k++, i++) {
            uint64_t r = rng();
            int s100 = (int)(r % 100), c100 = (int)((r >> 8) % 100);
            const char *segment = s100 < 60 ? "lgwan" : s100 < 70 ? "mynumber" : s100 < 85 ? "internet"
                                : s100 < 95 ? "standalone" : "other";
            int ck = c100 < 3 ? 0 : c100 < 13 ? 1 : c100 < 28 ? 2 : c100 < 68 ? 3 : 4;
            bool personal = (r >> 16) % 10 < 3;
            const char *kind = kinds[(r >> 32) % 6];
            char idt[24], unit[24], c1[24], i1[24], a1[24];
            snprintf(idt, sizeof idt, "%ld", i);
            snprintf(unit, sizeof unit, "%ld", sections[(r >> 20) % (N_DEPTS * N_SECTIONS)]);
            snprintf(c1, sizeof c1, "%ld", kc[ck]);
            snprintf(i1, sizeof i1, "%ld", ki[(r >> 40) % 2]);
            snprintf(a1, sizeof a1, "%ld", ka[(r >> 41) % 2]);
            must(db_query(c,
                          "INSERT INTO asset (id, kind, name, sort_key, owner_unit_id, segment, format, personal_data,"
                          " mynumber, c_class_id, i_class_id, a_class_id, status, created_at, updated_at, version)"
                          " VALUES (CAST($1 AS BIGINT), $2, $3, $3, CAST($4 AS BIGINT), $5, 'electronic',"
                          " CAST($6 AS INTEGER), 0, CAST($7 AS BIGINT), CAST($8 AS BIGINT), CAST($9 AS BIGINT),"
                          " 'in_use', $10, $10, 1)",
                          DB_PARAMS(idt, kind, idt, unit, segment, personal ? "1" : "0", c1, i1, a1, now), NULL, &e),
                 "asset", &e);
            /* Records for one or two of the catalog's per-asset items. */
            int m = 1 + (int)((r >> 48) % 2);
            long first = (long)((r >> 50) % (uint64_t)n_req);
            for (int j = 0; j < m; j++) {
                const char *rid = db_cell(reqs, (size_t)((first + j * 7) % n_req), 0);
                const char *status = statuses[(r >> (56 - j)) % 5];
                must(db_query(c,
                              "INSERT INTO implementation (requirement_id, asset_id, status, reason, created_at,"
                              " updated_at, version) VALUES (CAST($1 AS BIGINT), CAST($2 AS BIGINT), $3, $4, $5, $5, 1)",
                              DB_PARAMS(rid, idt, status, strcmp(status, "not_applicable") ? NULL : "bench", now), NULL,
                              &e),
                     "implementation", &e);
                records++;
            }
        }
        must(db_commit(c, &e), "commit", &e);
    }
    if (db_conn_kind(c) == DB_POSTGRES) must(db_query(c, "ANALYZE", DB_NO_PARAMS, NULL, &e), "analyze", &e);
    printf("loaded:     %ld assets, %ld implementation records in %.1f s (plain INSERTs; not a measure)\n", n, records,
           (now_ms() - t0) / 1e3);
    db_rows_free(reqs);
    db_release(c);
}

/* What GET /api/v1/compliance reads from the store for viewer: the scope, the figures,
 * the class names (the JSON is a few hundred rows of arithmetic on top). */
static void dashboard_read(db_conn *c, long viewer)
{
    err e = ERR_INIT;
    char who[24], today[11];
    snprintf(who, sizeof who, "%ld", viewer);
    time_today_local(today);
    db_rows *scope = NULL, *classes = NULL;
    compliance_grid g;
    must(db_begin_read(c, &e), "begin", &e);
    must(db_query(c, AUTHZ_SCOPE_CTE "SELECT u.id, u.parent_id, u.code, u.name_ja, u.name_en, u.valid_to FROM org_unit u"
                                     " WHERE u.id IN (SELECT id FROM scope) ORDER BY u.code, u.id",
                  DB_PARAMS(who, "compliance.read", today), &scope, &e),
         "scope", &e);
    must(compliance_load(c, false, &g, &e), "load", &e);
    must(db_query(c,
                  "SELECT k.rank, k.code, k.name_ja, k.name_en FROM classification_class k JOIN classification_scheme s"
                  " ON s.code = k.scheme_code WHERE s.in_force = 1 AND k.axis = 'C' ORDER BY k.rank, k.code",
                  DB_NO_PARAMS, &classes, &e),
         "classes", &e);
    long sum = 0;
    for (size_t i = 0; i < scope->n_rows; i++) {
        const compliance_unit_counts *b = compliance_grid_find(&g, atol(db_cell(scope, i, 0)));
        for (int k = 0; b && k < COMPLIANCE_N_KINDS; k++)
            for (int q = 0; q < COMPLIANCE_N_RANKS; q++)
                for (int s = 0; s < COMPLIANCE_N_STATUS; s++) sum += b->n[k][q][s];
    }
    if (sum < 0) printf("impossible\n");
    db_rollback(c);
    db_rows_free(scope);
    db_rows_free(classes);
    compliance_grid_free(&g);
}

/* What GET /api/v1/compliance/reference does for viewer: the scope, the report of the
 * catalog over it, and the JSON answer. */
static void reference_read(db_conn *c, long viewer, long catalog)
{
    err e = ERR_INIT;
    char who[24], today[11], ct[24];
    snprintf(who, sizeof who, "%ld", viewer);
    snprintf(ct, sizeof ct, "%ld", catalog);
    time_today_local(today);
    db_rows *scope = NULL;
    compref_report rep;
    long found = 0;
    must(db_begin_read(c, &e), "begin", &e);
    must(db_query(c, AUTHZ_SCOPE_CTE "SELECT u.id, u.parent_id, u.code, u.name_ja, u.name_en, u.valid_to FROM org_unit u"
                                     " WHERE u.id IN (SELECT id FROM scope) ORDER BY u.code, u.id",
                  DB_PARAMS(who, "compliance.read", today), &scope, &e),
         "scope", &e);
    long *ids = xcalloc(scope->n_rows + 1, sizeof *ids);
    for (size_t i = 0; i < scope->n_rows; i++) ids[i] = atol(db_cell(scope, i, 0));
    must(compref_catalog_find(c, ct, &found, &e), "catalog", &e);
    must(compref_build(c, found, false, ids, scope->n_rows, &rep, &e), "reference", &e);
    db_rollback(c);
    json_t *o = compref_report_json(&rep, 0);
    char *text = json_dumps(o, JSON_COMPACT);
    if (!text) printf("impossible\n");
    free(text);
    json_decref(o);
    compref_report_free(&rep);
    free(ids);
    db_rows_free(scope);
}

static void percentiles(const char *what, double *ms, int n)
{
    qsort(ms, (size_t)n, sizeof *ms, cmp_double);
    printf("%-58s p50 %8.2f ms   p99 %8.2f ms   max %8.2f ms   (%d)\n", what, ms[n / 2], ms[(n * 99) / 100],
           ms[n - 1], n);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: compliance_bench STORE-URL N [READS]\n");
        return 2;
    }
    long n = atol(argv[2]);
    int reads = argc > 3 ? atoi(argv[3]) : 200;
    const char *oscal = argc > 4 ? argv[4] : NULL;
    if (n < 1000 || reads < 10) {
        fprintf(stderr, "compliance_bench: N at least 1000, READS at least 10\n");
        return 2;
    }
    err e = ERR_INIT;
    db *store = NULL;
    must(password_init(1, &e), "password_init", &e);
    must(db_open(argv[1], 1, DB_OPEN_CREATE, &store, &e), "open", &e);
    store_init_params p = {"ベンチ組合", "Bench union", "ciso", "ＣＩＳＯ", "a-long-enough-password-for-bench"};
    long root = 0, ciso = 0, manager = 0;
    must(store_init(store, &p, &root, &ciso, &e), "store_init", &e);
    long sections[N_DEPTS * N_SECTIONS], depts[N_DEPTS];
    db_conn *c = db_acquire(store);
    audit_actor system = {0, "system", ""};
    char today[11];
    time_today_local(today);
    must(db_begin_write(c, &e), "begin", &e);
    for (int d = 0; d < N_DEPTS; d++) {
        char code[16], name[64];
        snprintf(code, sizeof code, "%d", 100 + d);
        snprintf(name, sizeof name, "部 %d", d + 1);
        must(org_unit_create(c, &system, code, name, NULL, root, &depts[d], &e), "unit", &e);
        for (int s = 0; s < N_SECTIONS; s++) {
            char scode[16], sname[64];
            snprintf(scode, sizeof scode, "%d-%d", 100 + d, s + 1);
            snprintf(sname, sizeof sname, "部 %d 第%d課", d + 1, s + 1);
            must(org_unit_create(c, &system, scode, sname, NULL, depts[d], &sections[d * N_SECTIONS + s], &e), "unit", &e);
        }
    }
    person_new pm = {"課長 一郎", "かちょう いちろう", "regular", sections[7], 0, 0};
    must(person_create(c, &system, &pm, &manager, &e), "person", &e);
    must(person_grant_role(c, &system, manager, "security_manager", sections[7], today, &e), "role", &e);
    must(db_commit(c, &e), "commit", &e);
    db_release(c);
    load(store, n, sections);

    c = db_acquire(store);
    long leaves = number(c, "SELECT count(*) FROM requirement r WHERE r.active = 1 AND NOT EXISTS (SELECT 1 FROM"
                            " requirement ch WHERE ch.parent_id = r.id AND ch.active = 1)");
    printf("catalog:    %ld active items of the default catalog; %d units\n", leaves, 1 + N_DEPTS * (1 + N_SECTIONS));
    /* From nothing: the figures computed and written, five times (the first warms the
     * caches). */
    double full[5];
    for (int i = 0; i < 5; i++) {
        double t0 = now_ms();
        must(db_begin_write(c, &e), "begin", &e);
        must(compliance_recompute(c, &e), "recompute", &e);
        must(db_commit(c, &e), "commit", &e);
        full[i] = now_ms() - t0;
    }
    long pairs = number(c, "SELECT sum(n) FROM compliance_figure");
    long implemented = number(c, "SELECT sum(n) FROM compliance_figure WHERE status = 'implemented'");
    qsort(full, 5, sizeof *full, cmp_double);
    printf("recompute:  %ld applicable pairs (%ld implemented) from %ld assets × the catalog, computed from nothing and"
           " written: median %.0f ms, best %.0f ms, worst %.0f ms\n",
           pairs, implemented, n, full[2], full[0], full[4]);
    double *ms = xcalloc((size_t)reads, sizeof *ms);
    for (int i = 0; i < 5; i++) dashboard_read(c, ciso); /* warm-up */
    for (int i = 0; i < reads; i++) {
        double t0 = now_ms();
        dashboard_read(c, i % 2 ? ciso : manager);
        ms[i] = now_ms() - t0;
    }
    percentiles("dashboard read (maintained figures; CISO and a manager)", ms, reads);
    if (oscal) {
        refcat_import_result imported;
        reqmap_seed_report seeded;
        db_release(c); /* the import takes the pool's one connection itself */
        must(refcat_import_file(store, &system, oscal, "bench.json", false, &imported, &e), "import catalog", &e);
        c = db_acquire(store);
        must(db_begin_write(c, &e), "begin", &e);
        must(reqmap_seed_nist(c, &system, imported.catalog_id, &seeded, &e), "map-nist", &e);
        must(db_commit(c, &e), "commit", &e);
        printf("reference:  %s imported, %ld mappings by the built-in table\n", oscal, seeded.mapped);
        for (int i = 0; i < 5; i++) reference_read(c, ciso, imported.catalog_id); /* warm-up */
        for (int i = 0; i < reads; i++) {
            double t0 = now_ms();
            reference_read(c, i % 2 ? ciso : manager, imported.catalog_id);
            ms[i] = now_ms() - t0;
        }
        percentiles("against the reference catalog (CISO and a manager, JSON)", ms, reads);
    }
    /* For information: maintaining them through one change. */
    int changes = reads < 100 ? reads : 100;
    for (int i = 0; i < changes; i++) {
        char idt[24];
        long id = 1 + (long)(rng() % (uint64_t)n);
        snprintf(idt, sizeof idt, "%ld", id);
        double t0 = now_ms();
        must(db_begin_write(c, &e), "begin", &e);
        must(compliance_asset_before(c, id, &e), "before", &e);
        must(db_query(c, "UPDATE asset SET segment = CASE segment WHEN 'lgwan' THEN 'internet' ELSE 'lgwan' END"
                         " WHERE id = CAST($1 AS BIGINT)", DB_PARAMS(idt), NULL, &e), "update", &e);
        must(compliance_asset_after(c, id, &e), "after", &e);
        must(db_commit(c, &e), "commit", &e);
        ms[i] = now_ms() - t0;
    }
    percentiles("for information: an asset's change, figures maintained", ms, changes);
    long rid = number(c, "SELECT min(id) FROM requirement r WHERE scope = 'asset' AND NOT EXISTS (SELECT 1 FROM"
                         " requirement ch WHERE ch.parent_id = r.id)");
    for (int i = 0; i < 5; i++) {
        double t0 = now_ms();
        must(db_begin_write(c, &e), "begin", &e);
        must(compliance_requirement_before(c, &rid, 1, &e), "before", &e);
        must(compliance_requirement_after(c, &rid, 1, &e), "after", &e);
        must(db_commit(c, &e), "commit", &e);
        ms[i] = now_ms() - t0;
    }
    percentiles("for information: a requirement's edit, figures maintained", ms, 5);
    compliance_grid kept, computed;
    must(compliance_load(c, false, &kept, &e), "load", &e);
    must(compliance_load(c, true, &computed, &e), "load", &e);
    bool same = kept.n == computed.n && !memcmp(kept.units, computed.units, kept.n * sizeof *kept.units);
    compliance_req_cell *kept_reqs = NULL, *computed_reqs = NULL;
    size_t n_kept_reqs = 0, n_computed_reqs = 0;
    must(compliance_req_cells(c, false, &kept_reqs, &n_kept_reqs, &e), "cells", &e);
    must(compliance_req_cells(c, true, &computed_reqs, &n_computed_reqs, &e), "cells", &e);
    same = same && n_kept_reqs == n_computed_reqs &&
           !memcmp(kept_reqs, computed_reqs, n_kept_reqs * sizeof *kept_reqs);
    printf("            %zu per-requirement cells (unit × requirement)\n", n_kept_reqs);
    free(kept_reqs);
    free(computed_reqs);
    printf("check:      maintained figures %s a recompute after the changes\n", same ? "equal" : "DIFFER from");
    compliance_grid_free(&kept);
    compliance_grid_free(&computed);
    free(ms);
    db_release(c);
    db_close(store);
    return same ? 0 : 1;
}
