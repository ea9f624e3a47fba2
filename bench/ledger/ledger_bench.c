/* ledger_bench — the information asset ledger at a million assets (issue 5): the
 * filtered first page and search, through the ledger's own code (asset_list: need-to-know,
 * filters, the search condition, cursor paging) as a section manager, p50 and p99 over
 * many requests. Run by bench/ledger/run, which says what the figures mean.
 *
 *     ledger_bench STORE-URL N [ROUNDS]
 *
 * The store must be empty; it is made with store_init, given 20 departments of 15
 * sections and N assets spread over the sections. The assets are written with plain
 * INSERTs and asset_search_put (the import's speed is bench/import's business; this one
 * times reading), with every column of the ledger filled. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "auth/password.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/asset.h"
#include "domain/org_unit.h"
#include "domain/person.h"
#include "domain/store_init.h"

#define N_DEPTS 20
#define N_SECTIONS 15 /* per department: 300 sections hold the assets */
#define PAGE 50

static const char *const dept_names[N_DEPTS] = {
    "消防本部", "総務部", "税務部", "市民部", "福祉部", "水道局", "教育委員会", "情報政策部", "会計室", "議会事務局",
    "保健所", "環境部", "建設部", "農政部", "選挙管理委員会", "都市計画部", "産業振興部", "危機管理室", "監査委員事務局",
    "病院事業部"};
static const char *const things[] = {
    "住民記録システム", "税務システム", "財務会計システム", "LGWAN接続端末", "ＬＧＷＡＮ端末", "ファイルサーバ",
    "ﾌｧｲﾙｻｰﾊﾞ", "業務端末", "ノートPC", "USBメモリ", "外付けHDD", "複合機", "ルータ", "スイッチ",
    "無線LANアクセスポイント", "庁内ネットワーク", "Backup NAS", "Web server", "Mail gateway", "申請書", "台帳",
    "名簿", "契約書", "議事録", "住民票データ", "課税台帳", "給与データ", "指令システム", "防災行政無線",
    "グループウェア", "文書管理システム", "電子決裁", "ｼｽﾃﾑ管理台帳", "監視カメラ", "入退室管理"};
static const char *const extras[] = {"予備", "旧", "新", "第1", "第2", "本庁", "支所", "分室", "保管庫", "倉庫",
                                     "更新予定", "廃棄予定", "共用", "個人", "Ａ棟", "B棟"};
static const char *const places[] = {"本庁舎 3階 サーバ室", "本庁舎 書庫", "支所 事務室", "施錠キャビネット",
                                     "外部データセンター", "分室 倉庫", "指令センター", "課内 金庫"};
static const char *const kinds[] = {"information", "system", "network", "medium", "document", "equipment"};

typedef struct query {
    const char *class_name;
    const char *q;       /* NULL: no search */
    const char *filter;  /* which filter: see bench_filter */
} query;

/* The mix: a ledger page as people open it (filters) and what they type into its search
 * box (two-character words, common words, rare words). */
static const query queries[] = {
    {"filter", NULL, "none"},          {"filter", NULL, "kind"},          {"filter", NULL, "segment"},
    {"filter", NULL, "class"},         {"filter", NULL, "personal"},      {"filter", NULL, "mynumber"},
    {"filter", NULL, "disposed"},      {"filter", NULL, "all"},           {"filter", NULL, "unit"},
    {"filter", NULL, "kind+segment"},
    {"two characters", "消防", "none"}, {"two characters", "端末", "none"}, {"two characters", "台帳", "none"},
    {"two characters", "予備", "none"}, {"two characters", "防災", "none"}, {"two characters", "住民", "none"},
    {"common word", "システム", "none"}, {"common word", "ｼｽﾃﾑ", "none"},  {"common word", "lgwan", "none"},
    {"common word", "ＬＧＷＡＮ", "none"}, {"common word", "ファイルサーバ", "none"}, {"common word", "データ", "kind"},
    {"rare word", "髙橋", "none"},     {"rare word", "顔認証", "none"},   {"rare word", "第三者提供", "none"},
    {"rare word", "no.012345", "none"}, {"rare word", "存在しない", "none"}, {"rare word", "Firewall", "none"},
    {"two words", "ファイルサーバ 予備", "none"}, {"two words", "LGWAN 消防", "none"}, {"two words", "システム 旧", "segment"},
};
#define N_QUERIES (sizeof queries / sizeof *queries)
static const char *const classes[] = {"filter", "two characters", "common word", "rare word", "two words"};
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
    fprintf(stderr, "ledger_bench: %s: %s\n", what, e && e->message ? e->message : "failed");
    if (e)
        for (size_t i = 0; i < e->n_fields; i++) fprintf(stderr, "  %s: %s\n", e->fields[i].field, e->fields[i].message);
    exit(1);
}

static void must(err_code rc, const char *what, err *e)
{
    if (rc != OK) die(what, e);
}

/* The scheme's classes, looked up once: C 3A 3B 3C 2 1, I 2 1, A 2 1. */
static long class_c[5], class_i[2], class_a[2];

static long bench_class(db_conn *c, const char *axis, const char *code)
{
    err e = ERR_INIT;
    db_rows *rows = NULL;
    must(db_query(c,
                  "SELECT k.id FROM classification_class k JOIN classification_scheme s ON s.code = k.scheme_code"
                  " WHERE s.in_force = 1 AND k.axis = $1 AND k.code = $2",
                  DB_PARAMS(axis, code), &rows, &e),
         "class", &e);
    if (rows->n_rows != 1) die("no such class in the scheme in force", NULL);
    long id = atol(db_cell(rows, 0, 0));
    db_rows_free(rows);
    return id;
}

/* An asset-like name: unit, thing, sometimes a qualifier, a serial; a few rare words. */
static char *bench_name(long i, int dept)
{
    uint64_t r = rng();
    const char *rare = "";
    if (r % 1000 == 0) rare = " 髙橋専用";
    else if (r % 20011 == 1) rare = " 顔認証ゲート";
    else if (r % 211 == 2) rare = " 第三者提供あり";
    else if (r % 5003 == 3) rare = " Firewall";
    const char *extra = rng() % 2 ? PICK(extras) : "";
    return xasprintf("%s %s%s%s No.%06ld%s", dept_names[dept], PICK(things), *extra ? " " : "", extra, i, rare);
}

static void bench_load(db *store, long n, const long *section_ids)
{
    db_conn *c = db_acquire(store);
    err e = ERR_INIT;
    const char *cc[] = {"3A", "3B", "3C", "2", "1"};
    for (int k = 0; k < 5; k++) class_c[k] = bench_class(c, "C", cc[k]);
    for (int k = 0; k < 2; k++) {
        class_i[k] = bench_class(c, "I", k ? "1" : "2");
        class_a[k] = bench_class(c, "A", k ? "1" : "2");
    }
    double t0 = now_ms();
    char now[TIME_CANON_LEN];
    time_now_canon(now);
    for (long i = 1; i <= n;) {
        must(db_begin_write(c, &e), "begin", &e);
        for (long k = 0; k < 10000 && i <= n; k++, i++) {
            int section = (int)(rng() % (N_DEPTS * N_SECTIONS));
            char *name = bench_name(i, section / N_SECTIONS);
            char *key = asset_sort_key(name);
            char *description = xasprintf("%s の%s。%s", dept_names[section / N_SECTIONS], PICK(things), PICK(extras));
            const char *location = PICK(places);
            uint64_t r = rng();
            /* Segments: LGWAN 60 %, マイナンバー 10 %, internet 15 %, standalone 10 %, other 5 %;
             * confidentiality 3A 3 %, 3B 10 %, 3C 15 %, 2 40 %, 1 32 %; personal data 30 %
             * (マイナンバー only on its own segment); 5 % disposed. */
            int s100 = (int)(r % 100), c100 = (int)((r >> 8) % 100);
            const char *segment = s100 < 60 ? "lgwan" : s100 < 70 ? "mynumber" : s100 < 85 ? "internet"
                                : s100 < 95 ? "standalone" : "other";
            int ck = c100 < 3 ? 0 : c100 < 13 ? 1 : c100 < 28 ? 2 : c100 < 68 ? 3 : 4;
            bool personal = (r >> 16) % 10 < 3, mynumber = personal && strcmp(segment, "mynumber") == 0;
            bool disposed = (r >> 24) % 20 == 0;
            const char *kind = kinds[(r >> 32) % 6];
            char idt[24], unit[24], kc[24], ki[24], ka[24];
            snprintf(idt, sizeof idt, "%ld", i);
            snprintf(unit, sizeof unit, "%ld", section_ids[section]);
            snprintf(kc, sizeof kc, "%ld", class_c[ck]);
            snprintf(ki, sizeof ki, "%ld", class_i[(r >> 40) % 2]);
            snprintf(ka, sizeof ka, "%ld", class_a[(r >> 41) % 2]);
            must(db_query(c,
                          "INSERT INTO asset (id, kind, name, sort_key, description, owner_unit_id, location, segment,"
                          " format, personal_data, mynumber, retention, disposal_method, c_class_id, i_class_id,"
                          " a_class_id, class_reason, status, disposed_on, disposed_method, disposal_witness,"
                          " created_at, updated_at, version)"
                          " VALUES (CAST($1 AS BIGINT), $2, $3, $4, $5, CAST($6 AS BIGINT), $7, $8, $9,"
                          " CAST($10 AS INTEGER), CAST($11 AS INTEGER), '5年', '復元不可能な方法で消去',"
                          " CAST($12 AS BIGINT), CAST($13 AS BIGINT), CAST($14 AS BIGINT), '業務に用いる', $15, $16, $17,"
                          " $18, $19, $19, 1)",
                          DB_PARAMS(idt, kind, name, key, description, unit, location, segment,
                                    strcmp(kind, "document") == 0 ? "paper" : "electronic", personal ? "1" : "0",
                                    mynumber ? "1" : "0", kc, ki, ka, disposed ? "disposed" : "in_use",
                                    disposed ? "2025-03-31" : NULL, disposed ? "細断" : NULL,
                                    disposed ? "情報政策課 職員" : NULL, now),
                          NULL, &e),
                 "insert", &e);
            must(asset_search_put(c, i, name, description, location, &e), "asset_search_put", &e);
            free(name);
            free(key);
            free(description);
        }
        must(db_commit(c, &e), "commit", &e);
        if (i % 100000 == 1 || i > n) {
            fprintf(stderr, "\r  %ld/%ld assets", i - 1, n);
            fflush(stderr);
        }
    }
    fprintf(stderr, "\n");
    printf("loaded:   %ld assets in %.1f s (rows and search index; not a measure of the import)\n", n,
           (now_ms() - t0) / 1e3);
    /* PostgreSQL's autovacuum would have analysed the tables by now; mamori never runs
     * ANALYZE on SQLite, so neither does the benchmark. */
    if (db_conn_kind(c) == DB_POSTGRES) must(db_query(c, "ANALYZE", DB_NO_PARAMS, NULL, &e), "analyze", &e);
    db_release(c);
}

typedef struct sample {
    double ms;
    int klass;
    int query; /* index in queries[] */
} sample;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static long own_section; /* the section manager's section */

static void bench_filter(asset_filter *f, const char *which)
{
    if (!strcmp(which, "kind") || !strcmp(which, "kind+segment")) f->kind = "system";
    if (!strcmp(which, "segment") || !strcmp(which, "kind+segment")) f->segment = "lgwan";
    if (!strcmp(which, "class")) f->class_id = class_c[1];
    if (!strcmp(which, "personal")) f->personal_data = 1;
    if (!strcmp(which, "mynumber")) f->personal_data = 2;
    if (!strcmp(which, "disposed")) f->status = "disposed";
    if (!strcmp(which, "all")) f->status = "all";
    if (!strcmp(which, "unit")) f->org_unit_id = own_section;
}

/* Page 1 of the list as viewer, then page 2 from its cursor when there is one; each page
 * a sample (everything asset_list does: sight, plan, statement, rows filled). */
static size_t bench_page(db *store, long viewer, const query *q, int klass, sample *out, long *n_found)
{
    db_conn *c = db_acquire(store);
    err e = ERR_INIT;
    size_t n = 0;
    char *cursor = NULL;
    *n_found = 0;
    for (int page = 0; page < 2; page++) {
        asset_filter f = {0, NULL, NULL, NULL, 0, -1, cursor, PAGE, q->q};
        bench_filter(&f, q->filter);
        asset_page p;
        double t0 = now_ms();
        must(asset_list(c, viewer, &f, &p, &e), "asset_list", &e);
        out[n++] = (sample){now_ms() - t0, klass, (int)(q - queries)};
        *n_found += (long)p.n;
        free(cursor);
        cursor = p.next_cursor ? xstrdup(p.next_cursor) : NULL;
        asset_page_free(&p);
        if (!cursor) break;
    }
    free(cursor);
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

static void bench_report(const char *who, db *store, long viewer, int rounds)
{
    size_t cap = N_QUERIES * 2 * (size_t)rounds, n = 0;
    sample *samples = xcalloc(cap, sizeof *samples);
    long found[N_QUERIES] = {0};
    /* A warm-up round (the store's pages in the OS cache), then the timed rounds, each in
     * a fresh order of the mix. */
    for (size_t i = 0; i < N_QUERIES; i++) {
        sample scratch[2];
        bench_page(store, viewer, &queries[i], 0, scratch, &found[i]);
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
            n += bench_page(store, viewer, q, klass, samples + n, &ignored);
        }
    }
    cpu_mark after = cpu_now();
    double others = after.total > before.total
                        ? ((after.busy - before.busy) - (after.own - before.own)) / (after.total - before.total)
                        : 0;
    printf("\n%s\n", who);
    printf("  (other processes used %.0f%% of the machine's CPU meanwhile%s)\n", others < 0 ? 0 : others * 100,
           others > 0.10 ? ": the figures are slower than on a quiet machine" : "");
    printf("  %-16s %8s %8s %8s %8s\n", "requests", "pages", "p50 ms", "p99 ms", "max ms");
    double *ms = xcalloc(n + 1, sizeof *ms);
    for (int k = -1; k < (int)N_CLASSES; k++) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (k < 0 || samples[i].klass == k) ms[m++] = samples[i].ms;
        if (!m) continue;
        qsort(ms, m, sizeof *ms, cmp_double);
        size_t p99 = (size_t)((double)m * 0.99);
        if (p99 >= m) p99 = m - 1;
        printf("  %-16s %8zu %8.2f %8.2f %8.2f\n", k < 0 ? "all" : classes[k], m, ms[m / 2], ms[p99], ms[m - 1]);
    }
    if (getenv("BENCH_LEDGER_VERBOSE"))
        for (size_t k = 0; k < N_QUERIES; k++) {
            size_t m = 0;
            for (size_t i = 0; i < n; i++)
                if (samples[i].query == (int)k) ms[m++] = samples[i].ms;
            if (!m) continue;
            qsort(ms, m, sizeof *ms, cmp_double);
            printf("    %-32s q=%-20s %8.2f %8.2f\n", queries[k].filter, queries[k].q ? queries[k].q : "", ms[m / 2],
                   ms[m - 1]);
        }
    printf("  found (two pages at most):");
    for (size_t i = 0; i < N_QUERIES; i++) printf(" %s%s%s=%ld", queries[i].q ? queries[i].q : "", queries[i].q ? "+" : "",
                                                  queries[i].filter, found[i]);
    printf("\n");
    free(ms);
    free(samples);
}

static long bench_number(db_conn *c, const char *sql)
{
    err e = ERR_INIT;
    db_rows *rows = NULL;
    must(db_query(c, sql, DB_NO_PARAMS, &rows, &e), sql, &e);
    long v = rows->n_rows && db_cell(rows, 0, 0) ? atol(db_cell(rows, 0, 0)) : 0;
    db_rows_free(rows);
    return v;
}

/* Sight sizes for the header lines; the classes for the filters of a store made earlier. */
static void bench_describe(db *store, long manager, char **who_manager, long n, int rounds)
{
    db_conn *c = db_acquire(store);
    char *sql = xasprintf("SELECT count(*) FROM asset WHERE owner_unit_id = %ld", own_section);
    long in_section = bench_number(c, sql);
    free(sql);
    db_release(c);
    *who_manager = xasprintf("as a section manager (security_manager of one section: %ld of %ld assets; person %ld),"
                             " %d rounds of the mix, page 1 and page 2 by cursor",
                             in_section, n, manager, rounds);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: ledger_bench STORE-URL N [ROUNDS]\n");
        return 2;
    }
    long n = atol(argv[2]);
    int rounds = argc > 3 ? atoi(argv[3]) : 40;
    if (n < 1000 || rounds < 1) {
        fprintf(stderr, "ledger_bench: N must be at least 1000 and ROUNDS at least 1\n");
        return 2;
    }
    err e = ERR_INIT;
    db *store = NULL;
    must(password_init(1, &e), "password_init", &e);
    bool reuse = getenv("BENCH_LEDGER_REUSE") != NULL;
    must(db_open(argv[1], 1, reuse ? 0 : DB_OPEN_CREATE, &store, &e), "open", &e);
    long manager = 0, officer = 0, ciso = 0;
    if (reuse) {
        db_conn *c = db_acquire(store);
        n = bench_number(c, "SELECT count(*) FROM asset");
        manager = bench_number(c, "SELECT id FROM person WHERE name = '課長 一郎'");
        officer = bench_number(c, "SELECT id FROM person WHERE name = '部長 二郎'");
        ciso = bench_number(c, "SELECT min(id) FROM person");
        own_section = bench_number(c, "SELECT org_unit_id FROM person WHERE name = '課長 一郎'");
        const char *cc[] = {"3A", "3B", "3C", "2", "1"};
        for (int k = 0; k < 5; k++) class_c[k] = bench_class(c, "C", cc[k]);
        db_release(c);
        if (!manager || !officer) die("the store was not made by ledger_bench", NULL);
    } else {
        store_init_params p = {"ベンチ組合", "Bench union", "ciso", "ＣＩＳＯ", "a-long-enough-password-for-bench"};
        long root = 0;
        must(store_init(store, &p, &root, &ciso, &e), "store_init", &e);
        /* 20 departments of 15 sections; a section manager (one section) and a
         * department's officer (its 15 sections). */
        long section_ids[N_DEPTS * N_SECTIONS], dept_ids[N_DEPTS];
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
        own_section = section_ids[7];
        person_new pm = {"課長 一郎", "かちょう いちろう", "regular", section_ids[7], 0, 0};
        must(person_create(c, &system, &pm, &manager, &e), "person", &e);
        must(person_grant_role(c, &system, manager, "security_manager", section_ids[7], today, &e), "role", &e);
        person_new po = {"部長 二郎", "ぶちょう じろう", "regular", dept_ids[0], 0, 0};
        must(person_create(c, &system, &po, &officer, &e), "person", &e);
        must(person_grant_role(c, &system, officer, "security_officer", dept_ids[0], today, &e), "role", &e);
        must(db_commit(c, &e), "commit", &e);
        db_release(c);
        bench_load(store, n, section_ids);
    }
    char *who = NULL;
    bench_describe(store, manager, &who, n, rounds);
    bench_report(who, store, manager, rounds);
    free(who);
    if (getenv("BENCH_LEDGER_WIDE")) {
        int few = rounds > 5 ? 5 : rounds;
        bench_report("for information: a department's officer (15 sections)", store, officer, few);
        bench_report("for information: the CISO (every asset)", store, ciso, few);
    }
    db_close(store);
    return 0;
}
