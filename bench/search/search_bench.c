/* search_bench — the search module at ledger scale: N synthetic asset-like names indexed
 * through search_index_put, then timed searches in a list query shaped as the ledger's
 * will be (scope CTE, search condition, cursor, ORDER BY sort key, a page of 50), as a
 * section manager. Run by bench/search/run, which says what the figures mean.
 *
 *     search_bench STORE-URL N [ROUNDS]
 *
 * The store must be empty; it is made with store_init. Objects live in a table of the
 * benchmark's own (bench_asset: id, unit, sort key, name) standing for the ledger. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "auth/authz.h"
#include "auth/password.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/org_unit.h"
#include "domain/person.h"
#include "domain/store_init.h"
#include "search/search_index.h"
#include "search/search_text.h"

#define N_DEPTS 20
#define N_SECTIONS 15 /* per department: 300 sections hold the objects */
#define PAGE 50

static const char *const dept_names[N_DEPTS] = {
    "消防本部", "総務部", "税務部", "市民部", "福祉部", "水道局", "教育委員会", "情報政策部", "会計室", "議会事務局",
    "保健所", "環境部", "建設部", "農政部", "選挙管理委員会", "都市計画部", "産業振興部", "危機管理室", "監査委員事務局",
    "病院事業部"};
static const char *const kinds[] = {
    "住民記録システム", "税務システム", "財務会計システム", "LGWAN接続端末", "ＬＧＷＡＮ端末", "ファイルサーバ",
    "ﾌｧｲﾙｻｰﾊﾞ", "業務端末", "ノートPC", "USBメモリ", "外付けHDD", "複合機", "ルータ", "スイッチ",
    "無線LANアクセスポイント", "庁内ネットワーク", "Backup NAS", "Web server", "Mail gateway", "申請書", "台帳",
    "名簿", "契約書", "議事録", "住民票データ", "課税台帳", "給与データ", "指令システム", "防災行政無線",
    "グループウェア", "文書管理システム", "電子決裁", "ｼｽﾃﾑ管理台帳", "監視カメラ", "入退室管理"};
static const char *const extras[] = {"予備", "旧", "新", "第1", "第2", "本庁", "支所", "分室", "保管庫", "倉庫",
                                     "更新予定", "廃棄予定", "共用", "個人", "Ａ棟", "B棟"};

typedef struct query {
    const char *class_name;
    const char *q;
} query;

/* The mix: what people type into a ledger's search box. */
static const query queries[] = {
    {"two characters", "消防"},      {"two characters", "端末"},     {"two characters", "台帳"},
    {"two characters", "予備"},      {"two characters", "防災"},     {"two characters", "住民"},
    {"common word", "システム"},     {"common word", "ｼｽﾃﾑ"},        {"common word", "lgwan"},
    {"common word", "ＬＧＷＡＮ"},   {"common word", "ファイルサーバ"}, {"common word", "データ"},
    {"rare word", "髙橋"},           {"rare word", "顔認証"},         {"rare word", "第三者提供"},
    {"rare word", "no.012345"},      {"rare word", "存在しない"},     {"rare word", "Firewall"},
    {"one character", "消"},         {"one character", "端"},        {"one character", "髙"},
    {"two words", "ファイルサーバ 予備"}, {"two words", "LGWAN 消防"}, {"two words", "システム 旧"},
};
#define N_QUERIES (sizeof queries / sizeof *queries)
static const char *const classes[] = {"two characters", "common word", "rare word", "one character", "two words"};
#define N_CLASSES (sizeof classes / sizeof *classes)

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint64_t rng(void) /* splitmix64: the same objects on every run */
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
#define PICK(a) (a[rng() % (sizeof a / sizeof *a)])

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void die(const char *what, err *e)
{
    fprintf(stderr, "search_bench: %s: %s\n", what, e && e->message ? e->message : "failed");
    if (e)
        for (size_t i = 0; i < e->n_fields; i++) fprintf(stderr, "  %s: %s\n", e->fields[i].field, e->fields[i].message);
    exit(1);
}

static void must(err_code rc, const char *what, err *e)
{
    if (rc != OK) die(what, e);
}

/* An asset-like name: unit, kind, sometimes a qualifier, a serial; a few rare words. */
static char *bench_name(long i, int dept)
{
    uint64_t r = rng();
    const char *rare = "";
    if (r % 1000 == 0) rare = " 髙橋専用";
    else if (r % 20011 == 1) rare = " 顔認証ゲート";
    else if (r % 211 == 2) rare = " 第三者提供あり";
    else if (r % 5003 == 3) rare = " Firewall";
    const char *extra = rng() % 2 ? PICK(extras) : "";
    return xasprintf("%s %s%s%s No.%06ld%s", dept_names[dept], PICK(kinds), *extra ? " " : "", extra, i, rare);
}

static void bench_index(db *store, long n, long *section_ids)
{
    db_conn *c = db_acquire(store);
    err e = ERR_INIT;
    /* As the ledger's table will be: on SQLite the id is the rowid (INTEGER PRIMARY KEY). */
    must(db_query(c,
                  db_conn_kind(c) == DB_SQLITE
                      ? "CREATE TABLE bench_asset (id INTEGER PRIMARY KEY, org_unit_id INTEGER NOT NULL,"
                        " sort_key TEXT NOT NULL, name TEXT NOT NULL)"
                      : "CREATE TABLE bench_asset (id BIGINT PRIMARY KEY, org_unit_id BIGINT NOT NULL,"
                        " sort_key TEXT NOT NULL, name TEXT NOT NULL)",
                  DB_NO_PARAMS, NULL, &e),
         "create bench_asset", &e);
    /* What a ledger list needs: a unit's objects in order; everyone's objects in order. */
    must(db_query(c, "CREATE INDEX bench_asset_unit ON bench_asset (org_unit_id, sort_key, id)", DB_NO_PARAMS, NULL, &e),
         "index", &e);
    must(db_query(c, "CREATE INDEX bench_asset_sort ON bench_asset (sort_key, id)", DB_NO_PARAMS, NULL, &e), "index", &e);
    double t0 = now_ms(), t_index = 0;
    for (long i = 1; i <= n;) {
        must(db_begin_write(c, &e), "begin", &e);
        for (long k = 0; k < 10000 && i <= n; k++, i++) {
            int section = (int)(rng() % (N_DEPTS * N_SECTIONS));
            char *name = bench_name(i, section / N_SECTIONS), *key = NULL;
            must(search_text_normalize(name, "name", &key, &e), "normalise", &e);
            char idt[24], unit[24];
            snprintf(idt, sizeof idt, "%ld", i);
            snprintf(unit, sizeof unit, "%ld", section_ids[section]);
            must(db_query(c, "INSERT INTO bench_asset (id, org_unit_id, sort_key, name) VALUES (CAST($1 AS BIGINT),"
                             " CAST($2 AS BIGINT), $3, $4)",
                          DB_PARAMS(idt, unit, key, name), NULL, &e),
                 "insert", &e);
            const char *fields[] = {name};
            double t = now_ms();
            must(search_index_put(c, "asset", i, fields, 1, &e), "search_index_put", &e);
            t_index += now_ms() - t;
            free(name);
            free(key);
        }
        must(db_commit(c, &e), "commit", &e);
        if (i % 100000 == 1 || i > n) {
            fprintf(stderr, "\r  %ld/%ld objects", i - 1, n);
            fflush(stderr);
        }
    }
    double secs = (now_ms() - t0) / 1e3;
    fprintf(stderr, "\n");
    printf("indexed:  %ld objects in %.1f s with the table rows (%.0f objects/s); search_index_put alone %.0f µs"
           " per object\n",
           n, secs, n / secs, t_index * 1e3 / (double)n);
    /* PostgreSQL's autovacuum would have analysed the tables by now; mamori never runs
     * ANALYZE on SQLite, so neither does the benchmark. */
    if (db_conn_kind(c) == DB_POSTGRES) must(db_query(c, "ANALYZE", DB_NO_PARAMS, NULL, &e), "analyze", &e);
    db_release(c);
}

static void bench_sizes(db *store, long n)
{
    db_conn *c = db_acquire(store);
    err e = ERR_INIT;
    db_rows *rows = NULL;
    const char *sql =
        db_conn_kind(c) == DB_SQLITE
            ? "SELECT name, sum(pgsize) FROM dbstat WHERE name LIKE 'search%' OR name = 'sqlite_autoindex_search_doc_1'"
              " OR name LIKE 'bench_asset%' GROUP BY name ORDER BY name"
            : "SELECT relname, pg_total_relation_size(oid) FROM pg_class WHERE relname IN ('search_doc', 'bench_asset')"
              " UNION ALL SELECT relname, pg_relation_size(oid) FROM pg_class WHERE relname LIKE 'search_doc_%'"
              " ORDER BY 1";
    must(db_query(c, sql, DB_NO_PARAMS, &rows, &e), "sizes", &e);
    long search = 0;
    printf("sizes:   ");
    for (size_t i = 0; i < rows->n_rows; i++) {
        long bytes = atol(db_cell(rows, i, 1));
        printf(" %s %.1f MB%s", db_cell(rows, i, 0), bytes / 1048576.0, i + 1 < rows->n_rows ? "," : "\n");
        if (strncmp(db_cell(rows, i, 0), "bench_asset", 11) != 0 &&
            (db_conn_kind(c) == DB_SQLITE || strcmp(db_cell(rows, i, 0), "search_doc") == 0))
            search += bytes;
    }
    printf("index:    %.1f MB for search, %.0f bytes per object (normalised text, its key, the tokens)\n",
           search / 1048576.0, (double)search / (double)n);
    db_rows_free(rows);
    db_release(c);
}

typedef struct sample {
    double ms;
    int klass;
    bool from_index;
} sample;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The list's two orders. By sort key, the scope check drives the plan (the unit index):
 * right for a narrow scope. Newest first, with the scope check kept from driving it
 * ("+a.org_unit_id"), so SQLite walks the ids backwards and stops after a page: what a
 * wide scope needs (DESIGN §5: search results newest first). */
static const char *const list_sql[2] = {
    AUTHZ_SCOPE_CTE "SELECT a.id, a.sort_key FROM bench_asset a WHERE a.org_unit_id IN (SELECT id FROM scope)"
                    " AND (CAST($4 AS TEXT) IS NULL OR a.sort_key > $4"
                    "  OR (a.sort_key = $4 AND a.id > CAST($5 AS BIGINT)))"
                    " AND %s ORDER BY a.sort_key, a.id LIMIT %d",
    AUTHZ_SCOPE_CTE "SELECT a.id, a.sort_key FROM bench_asset a WHERE +a.org_unit_id IN (SELECT id FROM scope)"
                    " AND (CAST($4 AS TEXT) IS NULL OR a.id < CAST($5 AS BIGINT))"
                    " AND %s ORDER BY a.id DESC LIMIT %d",
};

/* One page of the list as viewer: page 1, then page 2 from its cursor when there is one.
 * Each page is a sample (parse, the search condition with its count, the statement). */
static size_t bench_search(db *store, long viewer, int order, const char *q, int klass, sample *out, long *n_found)
{
    db_conn *c = db_acquire(store);
    err e = ERR_INIT;
    char viewer_text[24], today[11], *after_key = NULL, *after_id = NULL;
    snprintf(viewer_text, sizeof viewer_text, "%ld", viewer);
    time_today_local(today);
    size_t n = 0;
    *n_found = 0;
    for (int page = 0; page < 2; page++) {
        double t0 = now_ms();
        search_terms terms;
        search_cond cond;
        must(search_text_query(q, "q", &terms, &e), "query", &e);
        must(search_index_cond(c, "asset", &terms, "a.id", 6, &cond, &e), "search_index_cond", &e);
        char *sql = xasprintf(list_sql[order], cond.sql, PAGE + 1);
        const char **params = xcalloc(5 + cond.n_params, sizeof *params);
        const char *own[] = {viewer_text, "person.read", today, after_key, after_id};
        memcpy(params, own, sizeof own);
        for (size_t i = 0; i < cond.n_params; i++) params[5 + i] = cond.params[i];
        db_rows *rows = NULL;
        must(db_query(c, sql, params, 5 + cond.n_params, &rows, &e), "list", &e);
        out[n++] = (sample){now_ms() - t0, klass, cond.from_index};
        *n_found += (long)(rows->n_rows > PAGE ? PAGE : rows->n_rows);
        bool more = rows->n_rows > PAGE;
        free(after_key);
        free(after_id);
        after_key = more ? xstrdup(db_cell(rows, PAGE - 1, 1)) : NULL;
        after_id = more ? xstrdup(db_cell(rows, PAGE - 1, 0)) : NULL;
        db_rows_free(rows);
        free(params);
        free(sql);
        search_cond_free(&cond);
        search_terms_free(&terms);
        if (!more) break;
    }
    free(after_key);
    free(after_id);
    db_release(c);
    return n;
}

/* The machine's busy and total CPU time so far (/proc/stat), and this process's own, in
 * seconds: what other processes used while the timings ran is the difference. */
typedef struct cpu_mark {
    double busy, total, own;
} cpu_mark;

static cpu_mark cpu_now(void)
{
    cpu_mark m = {0, 0, 0};
    FILE *f = fopen("/proc/stat", "r");
    unsigned long long v[8] = {0};
    if (f) {
        if (fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6],
                   &v[7]) != 8)
            memset(v, 0, sizeof v);
        fclose(f);
    }
    double tick = (double)sysconf(_SC_CLK_TCK);
    m.busy = (double)(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / tick;
    m.total = m.busy + (double)(v[3] + v[4]) / tick;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    m.own = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
    return m;
}

static void bench_report(const char *who, db *store, long viewer, int order, int rounds)
{
    size_t cap = N_QUERIES * 2 * (size_t)rounds, n = 0;
    sample *samples = xcalloc(cap, sizeof *samples);
    long found[N_QUERIES] = {0};
    /* A warm-up round (the store's pages in the OS cache), then the timed rounds, each in
     * a fresh order of the mix. */
    for (size_t i = 0; i < N_QUERIES; i++) {
        sample scratch[2];
        bench_search(store, viewer, order, queries[i].q, 0, scratch, &found[i]);
    }
    size_t shuffle[N_QUERIES];
    cpu_mark before = cpu_now();
    for (int r = 0; r < rounds; r++) {
        for (size_t i = 0; i < N_QUERIES; i++) shuffle[i] = i;
        for (size_t i = N_QUERIES - 1; i > 0; i--) {
            size_t j = rng() % (i + 1), t = shuffle[i];
            shuffle[i] = shuffle[j];
            shuffle[j] = t;
        }
        for (size_t k = 0; k < N_QUERIES; k++) {
            const query *q = &queries[shuffle[k]];
            int klass = 0;
            for (size_t j = 0; j < N_CLASSES; j++)
                if (strcmp(classes[j], q->class_name) == 0) klass = (int)j;
            long ignored;
            n += bench_search(store, viewer, order, q->q, klass, samples + n, &ignored);
        }
    }
    cpu_mark after = cpu_now();
    double others = after.total > before.total
                        ? ((after.busy - before.busy) - (after.own - before.own)) / (after.total - before.total)
                        : 0;
    printf("\n%s\n", who);
    printf("  (other processes used %.0f%% of the machine's CPU meanwhile%s)\n", others < 0 ? 0 : others * 100,
           others > 0.10 ? ": the figures are slower than on a quiet machine" : "");
    printf("  %-16s %8s %8s %8s %8s  %s\n", "queries", "pages", "p50 ms", "p99 ms", "max ms", "from the index");
    double *ms = xcalloc(n + 1, sizeof *ms);
    for (int k = -1; k < (int)N_CLASSES; k++) {
        size_t m = 0, indexed = 0;
        for (size_t i = 0; i < n; i++)
            if (k < 0 || samples[i].klass == k) {
                ms[m++] = samples[i].ms;
                indexed += samples[i].from_index;
            }
        if (!m) continue;
        qsort(ms, m, sizeof *ms, cmp_double);
        size_t p99 = (size_t)((double)m * 0.99);
        if (p99 >= m) p99 = m - 1;
        printf("  %-16s %8zu %8.2f %8.2f %8.2f  %zu%%\n", k < 0 ? "all" : classes[k], m, ms[m / 2], ms[p99], ms[m - 1],
               indexed * 100 / m);
    }
    printf("  found (two pages at most):");
    for (size_t i = 0; i < N_QUERIES; i++) printf(" %s=%ld", queries[i].q, found[i]);
    printf("\n");
    free(ms);
    free(samples);
}

/* Wide scopes, for information: a department's officer and the CISO, in both orders. */
static void bench_wide(db *store, long officer, long ciso, int rounds)
{
    int few = rounds > 5 ? 5 : rounds;
    bench_report("as a department's officer (15 sections), by sort key", store, officer, 0, few);
    bench_report("as a department's officer (15 sections), newest first", store, officer, 1, few);
    bench_report("as the CISO (every object), by sort key", store, ciso, 0, rounds > 2 ? 2 : rounds);
    bench_report("as the CISO (every object), newest first", store, ciso, 1, few);
}

static long bench_number(db_conn *c, const char *sql)
{
    err e = ERR_INIT;
    db_rows *rows = NULL;
    must(db_query(c, sql, DB_NO_PARAMS, &rows, &e), sql, &e);
    long v = rows->n_rows ? atol(db_cell(rows, 0, 0)) : 0;
    db_rows_free(rows);
    return v;
}

/* The timings again on a store an earlier run made (kept with BENCH_SEARCH_DB). */
static int bench_reuse(const char *url, int rounds)
{
    err e = ERR_INIT;
    db *store = NULL;
    must(db_open(url, 1, 0, &store, &e), "open", &e);
    db_conn *c = db_acquire(store);
    long n = bench_number(c, "SELECT count(*) FROM bench_asset");
    long manager = bench_number(c, "SELECT id FROM person WHERE name = '課長 一郎'");
    long officer = bench_number(c, "SELECT id FROM person WHERE name = '部長 二郎'");
    long ciso = bench_number(c, "SELECT min(id) FROM person");
    db_release(c);
    if (!n || !manager || !officer) die("the store was not made by search_bench", NULL);
    char *who = xasprintf("as a section manager, %ld objects, %d rounds", n, rounds);
    bench_report(who, store, manager, 0, rounds);
    free(who);
    if (getenv("BENCH_SEARCH_WIDE")) bench_wide(store, officer, ciso, rounds);
    db_close(store);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: search_bench STORE-URL N [ROUNDS]\n");
        return 2;
    }
    long n = atol(argv[2]);
    int rounds = argc > 3 ? atoi(argv[3]) : 40;
    if (n < 1000 || rounds < 1) {
        fprintf(stderr, "search_bench: N must be at least 1000 and ROUNDS at least 1\n");
        return 2;
    }
    err e = ERR_INIT;
    db *store = NULL;
    must(password_init(1, &e), "password_init", &e);
    if (getenv("BENCH_SEARCH_REUSE")) return bench_reuse(argv[1], rounds);
    must(db_open(argv[1], 1, DB_OPEN_CREATE, &store, &e), "open", &e);
    store_init_params p = {"ベンチ組合", "Bench union", "ciso", "ＣＩＳＯ", "a-long-enough-password-for-bench"};
    long root = 0, ciso = 0;
    must(store_init(store, &p, &root, &ciso, &e), "store_init", &e);

    /* 20 departments of 15 sections; a section manager (scope: one section) and a
     * department's officer (its 15 sections). */
    long section_ids[N_DEPTS * N_SECTIONS], dept_ids[N_DEPTS], manager = 0, officer = 0;
    db_conn *c = db_acquire(store);
    audit_actor system = {0, "system", ""};
    char today[11];
    time_today_local(today);
    must(db_begin_write(c, &e), "begin", &e);
    for (int d = 0; d < N_DEPTS; d++) {
        char code[16];
        snprintf(code, sizeof code, "%d", 100 + d);
        must(org_unit_create(c, &system, code, dept_names[d], NULL, root, &dept_ids[d], &e), "unit", &e);
        for (int s = 0; s < N_SECTIONS; s++) {
            char scode[16], *name = xasprintf("%s 第%d課", dept_names[d], s + 1);
            snprintf(scode, sizeof scode, "%d-%d", 100 + d, s + 1);
            must(org_unit_create(c, &system, scode, name, NULL, dept_ids[d], &section_ids[d * N_SECTIONS + s], &e),
                 "unit", &e);
            free(name);
        }
    }
    person_new pm = {"課長 一郎", "かちょう いちろう", "regular", section_ids[7], 0, 0};
    must(person_create(c, &system, &pm, &manager, &e), "person", &e);
    must(person_grant_role(c, &system, manager, "security_manager", section_ids[7], today, &e), "role", &e);
    person_new po = {"部長 二郎", "ぶちょう じろう", "regular", dept_ids[0], 0, 0};
    must(person_create(c, &system, &po, &officer, &e), "person", &e);
    must(person_grant_role(c, &system, officer, "security_officer", dept_ids[0], today, &e), "role", &e);
    must(db_commit(c, &e), "commit", &e);
    db_release(c);

    bench_index(store, n, section_ids);
    bench_sizes(store, n);

    c = db_acquire(store);
    db_rows *rows = NULL;
    char s7[24], d0[24];
    snprintf(s7, sizeof s7, "%ld", section_ids[7]);
    snprintf(d0, sizeof d0, "%ld", dept_ids[0]);
    must(db_query(c,
                  "SELECT (SELECT count(*) FROM bench_asset WHERE org_unit_id = CAST($1 AS BIGINT)),"
                  " (SELECT count(*) FROM bench_asset a JOIN org_unit u ON u.id = a.org_unit_id"
                  "  WHERE u.parent_id = CAST($2 AS BIGINT))",
                  DB_PARAMS(s7, d0), &rows, &e),
         "count", &e);
    char *who_manager = xasprintf("as a section manager (security_manager of one section: %s of %ld objects in scope),"
                                  " %d rounds of the mix, page 1 and page 2 by cursor",
                                  db_cell(rows, 0, 0), n, rounds);
    char *who_officer = xasprintf("wide scopes, for information (the department's officer has %s objects in scope):",
                                  db_cell(rows, 0, 1));
    db_rows_free(rows);
    db_release(c);
    bench_report(who_manager, store, manager, 0, rounds);
    if (getenv("BENCH_SEARCH_WIDE")) {
        printf("\n%s\n", who_officer);
        bench_wide(store, officer, ciso, rounds);
    }
    free(who_manager);
    free(who_officer);
    db_close(store);
    return 0;
}
