/* Unit tests for search: normalisation (width, case, compatibility characters,
 * ignorables, invalid UTF-8 refused), query words, grams and their spelling, and the
 * index on a real SQLite store — both shapes of the condition give the same rows, a
 * re-indexed text forgets the old one, kinds stay apart, the text check removes what
 * the grams alone would let through, and a rebuild finds the people again. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "auth/password.h"
#include "core/xalloc.h"
#include "domain/store_init.h"
#include "search/search_index.h"
#include "search/search_reindex.h"
#include "search/search_text.h"

/* The reference for the fast path of search_text_normalize: libutf8proc with the
 * options search_text.c gives it (ST_OPTIONS), then whitespace removed (st_space). */
static char *reference_norm(const char *in)
{
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)strlen(in), &mapped,
                                      UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                          UTF8PROC_IGNORE | UTF8PROC_STRIPCC);
    if (n < 0) return NULL;
    char *out = xmalloc((size_t)n + 1), *q = out;
    for (utf8proc_ssize_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step = utf8proc_iterate(mapped + i, n - i, &cp);
        utf8proc_category_t cat = utf8proc_category(cp);
        bool space = cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || cp == 0x85 || cat == UTF8PROC_CATEGORY_ZS ||
                     cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
        if (!space) {
            memcpy(q, mapped + i, (size_t)step);
            q += step;
        }
        i += step;
    }
    *q = '\0';
    free(mapped);
    return out;
}

/* Every character of the BMP, alone and between others (kept, composing, spaces), is
 * normalised as libutf8proc normalises it: the fast path (ASCII, kana, ideographs
 * without libutf8proc) changes no text's normal form. */
static void test_normalize_fast_path(void **state)
{
    (void)state;
    static const char *const around[][2] = {
        {"", ""}, {"a", "b"}, {"か", "ア"}, {"漢", " 字"}, {"\r\n", "\t"}, {"ｶ", "ﾟ"}, {"A", "\xe3\x82\x99"},
    };
    char in[64];
    for (unsigned cp = 1; cp < 0x10000; cp++) {
        if (cp >= 0xd800 && cp <= 0xdfff) continue;
        utf8proc_uint8_t c[4];
        utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, c);
        for (size_t a = 0; a < sizeof around / sizeof *around; a++) {
            snprintf(in, sizeof in, "%s%.*s%s%.*s", around[a][0], (int)n, (const char *)c, around[a][1], (int)n,
                     (const char *)c);
            char *want = reference_norm(in), *got = NULL;
            err e = ERR_INIT;
            assert_int_equal(search_text_normalize(in, "text", &got, &e), OK);
            if (strcmp(got, want) != 0) fail_msg("U+%04X in \"%s\": \"%s\", libutf8proc \"%s\"", cp, in, got, want);
            free(got);
            free(want);
        }
    }
    /* Texts of the ledger's kind, and the marks that send them to libutf8proc. */
    static const char *const texts[] = {
        "水道料金システム 0000001", "住民の個人情報を含む、年度ごとに更新する\n備考: \"要確認\", 担当者に連絡",
        "本庁舎 2階 書庫", "データセンタ（委託先）", "か\xe3\x82\x99き", "ＬＧＷＡＮ接続系", "Ｆｉｒｅｗａｌｌ 髙橋",
        "tab\there\r\nand\x0bvt", "\xe2\x80\x8bzero width", "𠮷野家",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        char *want = reference_norm(texts[i]), *got = NULL;
        err e = ERR_INIT;
        assert_int_equal(search_text_normalize(texts[i], "text", &got, &e), OK);
        assert_string_equal(got, want);
        free(got);
        free(want);
    }
}

static void check_norm(const char *in, const char *want)
{
    char *got = NULL;
    err e = ERR_INIT;
    assert_int_equal(search_text_normalize(in, "text", &got, &e), OK);
    assert_string_equal(got, want);
    free(got);
}

static void test_normalize(void **state)
{
    (void)state;
    check_norm("ＬＧＷＡＮ", "lgwan");          /* full width, upper case */
    check_norm("LGWAN", "lgwan");
    check_norm("ｼｽﾃﾑ", "システム");            /* half-width katakana */
    check_norm("ｶﾞｲﾄﾞﾗｲﾝ", "ガイドライン");      /* with voiced marks, composed */
    check_norm("ﾃﾞｰﾀ", "データ");               /* half-width long-vowel mark */
    check_norm("①", "1");
    check_norm("㈱", "(株)");
    check_norm("㍻", "平成");
    check_norm("髙", "髙");                     /* no compatibility mapping: stays */
    check_norm("消防本部", "消防本部");
    check_norm("たなか", "たなか");             /* hiragana and katakana stay distinct */
    check_norm("タナカ", "タナカ");
    check_norm("Straße", "strasse");            /* full case folding */
    check_norm("１２３－４５", "123-45");
    check_norm("田中 健", "田中健");            /* whitespace removed within a field */
    check_norm("田中\xe3\x80\x80健", "田中健"); /* U+3000 ideographic space */
    check_norm(" a\tb\nc\r\n ", "abc");
    check_norm("ab\xe2\x80\x8b" "c", "abc");    /* U+200B zero-width space dropped */
    check_norm("葛\xf3\xa0\x84\x80", "葛");     /* a variation selector (U+E0100) dropped */
    check_norm("", "");
}

static void check_refused(const char *in)
{
    char *got = NULL;
    err e = ERR_INIT;
    assert_int_equal(search_text_normalize(in, "name", &got, &e), ERR_VALIDATION);
    assert_null(got);
    assert_int_equal(e.n_fields, 1);
    assert_string_equal(e.fields[0].field, "name");
    err_clear(&e);
    search_terms t;
    assert_int_equal(search_text_query(in, "q", &t, &e), ERR_VALIDATION);
    assert_string_equal(e.fields[0].field, "q");
    assert_null(t.terms);
    err_clear(&e);
}

static void test_invalid_utf8_refused(void **state)
{
    (void)state;
    check_refused("\xff");
    check_refused("ab\xc0\x80");     /* overlong NUL */
    check_refused("\xed\xa0\x80");   /* a surrogate */
    check_refused("東\xe4\xba");     /* cut short */
    check_refused("\xf4\x90\x80\x80"); /* past U+10FFFF */
}

static void test_size_caps(void **state)
{
    (void)state;
    char *big = xmalloc(SEARCH_TEXT_MAX_BYTES + 2);
    memset(big, 'a', SEARCH_TEXT_MAX_BYTES + 1);
    big[SEARCH_TEXT_MAX_BYTES + 1] = '\0';
    char *got = NULL;
    err e = ERR_INIT;
    assert_int_equal(search_text_normalize(big, "text", &got, &e), ERR_VALIDATION);
    err_clear(&e);
    big[SEARCH_TEXT_MAX_BYTES] = '\0';
    assert_int_equal(search_text_normalize(big, "text", &got, &e), OK);
    assert_int_equal(strlen(got), SEARCH_TEXT_MAX_BYTES);
    free(got);
    /* Two fields within the cap each but over it together. */
    big[SEARCH_TEXT_MAX_BYTES / 2 + 1] = '\0';
    const char *fields[] = {big, big};
    assert_int_equal(search_text_document(fields, 2, &got, &e), ERR_VALIDATION);
    err_clear(&e);
    search_terms t;
    big[SEARCH_QUERY_MAX_BYTES + 1] = '\0';
    assert_int_equal(search_text_query(big, "q", &t, &e), ERR_VALIDATION);
    err_clear(&e);
    free(big);
}

static void test_document(void **state)
{
    (void)state;
    const char *fields[] = {"田中 健", NULL, "たなか　けん", "", "\xe2\x80\x8b"};
    char *doc = NULL;
    err e = ERR_INIT;
    assert_int_equal(search_text_document(fields, 5, &doc, &e), OK);
    assert_string_equal(doc, "田中健 たなかけん");
    free(doc);
    assert_int_equal(search_text_document(fields, 0, &doc, &e), OK);
    assert_string_equal(doc, "");
    free(doc);
}

static void check_query(const char *q, size_t n, const char *const *want)
{
    search_terms t;
    err e = ERR_INIT;
    assert_int_equal(search_text_query(q, "q", &t, &e), OK);
    assert_int_equal(t.n, n);
    for (size_t i = 0; i < n; i++) assert_string_equal(t.terms[i], want[i]);
    search_terms_free(&t);
}

static void test_query_terms(void **state)
{
    (void)state;
    check_query("消防\xe3\x80\x80ＬＧＷＡＮ  ｼｽﾃﾑ", 3, (const char *const[]){"消防", "lgwan", "システム"});
    check_query("  LGWAN lgwan ＬＧＷＡＮ ", 1, (const char *const[]){"lgwan"});
    check_query("%", 1, (const char *const[]){"%"});
    check_query("東", 1, (const char *const[]){"東"});
    check_query("", 0, NULL);
    check_query(" \t\xe3\x80\x80 ", 0, NULL);
    check_query("\xe2\x80\x8b", 0, NULL); /* only an ignorable character: nothing to search */
    check_query("1 2 3 4 5 6 7 8", 8, (const char *const[]){"1", "2", "3", "4", "5", "6", "7", "8"});
    search_terms t;
    err e = ERR_INIT;
    assert_int_equal(search_text_query("1 2 3 4 5 6 7 8 9", "q", &t, &e), ERR_VALIDATION);
    assert_string_equal(e.fields[0].field, "q");
    err_clear(&e);
}

static char *gram_text(const search_grams *g)
{
    char *out = xstrdup("");
    for (size_t i = 0; i < g->n; i++) {
        char hex[SEARCH_GRAM_HEX_MAX];
        search_text_gram_hex(g->codes[i], hex);
        char *next = xasprintf("%s%s%s", out, i ? " " : "", hex);
        free(out);
        out = next;
    }
    return out;
}

static void test_grams(void **state)
{
    (void)state;
    search_grams g;
    /* 東 U+6771, 京 U+4EAC, 都 U+90FD: three unigrams and two bigrams, in code order. */
    search_text_grams("東京都", &g);
    char *s = gram_text(&g);
    assert_string_equal(s, "004eac 006771 0090fd 004eac0090fd 006771004eac");
    free(s);
    search_grams_free(&g);
    /* No bigram across the space between fields. */
    search_text_grams("ab cd", &g);
    s = gram_text(&g);
    assert_string_equal(s, "000061 000062 000063 000064 000061000062 000063000064");
    free(s);
    search_grams_free(&g);
    /* Repeats are one gram. */
    search_text_grams("aaa", &g);
    assert_int_equal(g.n, 2);
    search_grams_free(&g);
    search_text_grams("", &g);
    assert_int_equal(g.n, 0);
    search_grams_free(&g);
    /* A term needs its bigrams; one character, its unigram. */
    search_text_term_grams("東京都", &g);
    s = gram_text(&g);
    assert_string_equal(s, "004eac0090fd 006771004eac");
    free(s);
    search_grams_free(&g);
    search_text_term_grams("東", &g);
    s = gram_text(&g);
    assert_string_equal(s, "006771");
    free(s);
    search_grams_free(&g);
    search_terms q = {(char *[]){"東京", "東", "ab"}, 3};
    search_text_query_grams(&q, &g);
    s = gram_text(&g);
    assert_string_equal(s, "006771 000061000062 006771004eac");
    free(s);
    search_grams_free(&g);
}

/* ---- the index on a store ---- */

typedef struct fixture {
    char dir[64];
    db *store;
} fixture;

static int setup_store(void **state)
{
    fixture *f = xcalloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/mamori-unit-XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    char *url = xasprintf("sqlite:%s/m.db", f->dir);
    err e = ERR_INIT;
    int rc = password_init(2, &e) == OK && db_open(url, 2, DB_OPEN_CREATE, &f->store, &e) == OK ? 0 : -1;
    free(url);
    store_init_params p = {"テスト組合", NULL, "ciso", "ＣＩＳＯ 太郎", "a-long-enough-password"};
    long person = 0;
    if (rc == 0 && store_init(f->store, &p, NULL, &person, &e) != OK) rc = -1;
    db_conn *c = db_acquire(f->store);
    if (rc == 0 && db_query(c, "CREATE TABLE thing (id INTEGER PRIMARY KEY)", DB_NO_PARAMS, NULL, &e) != OK) rc = -1;
    db_release(c);
    *state = f;
    return rc;
}

static int teardown_store(void **state)
{
    fixture *f = *state;
    db_close(f->store);
    char *cmd = xasprintf("rm -rf '%s'", f->dir);
    int ignored = system(cmd);
    (void)ignored;
    free(cmd);
    free(f);
    return 0;
}

static void put(fixture *f, const char *kind, long id, const char *text)
{
    db_conn *c = db_acquire(f->store);
    err e = ERR_INIT;
    assert_int_equal(db_begin_write(c, &e), OK);
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    assert_int_equal(db_query(c, "INSERT OR IGNORE INTO thing (id) VALUES (CAST($1 AS INTEGER))", DB_PARAMS(idt),
                              NULL, &e), OK);
    const char *fields[] = {text};
    assert_int_equal(search_index_put(c, kind, id, fields, text ? 1 : 0, &e), OK);
    assert_int_equal(db_commit(c, &e), OK);
    db_release(c);
}

/* The ids of kind "thing" matching q, comma-separated in id order; *from_index the
 * shape the condition took. */
static char *find(fixture *f, const char *kind, const char *q, bool *from_index)
{
    db_conn *c = db_acquire(f->store);
    err e = ERR_INIT;
    search_terms t;
    search_cond s;
    assert_int_equal(search_text_query(q, "q", &t, &e), OK);
    assert_int_equal(search_index_cond(c, kind, &t, "t.id", 2, &s, &e), OK);
    if (from_index) *from_index = s.from_index;
    char *sql = xasprintf("SELECT t.id FROM thing t WHERE t.id > CAST($1 AS INTEGER) AND %s ORDER BY t.id", s.sql);
    const char **params = xcalloc(s.n_params + 1, sizeof *params);
    params[0] = "0";
    for (size_t i = 0; i < s.n_params; i++) params[i + 1] = s.params[i];
    db_rows *rows = NULL;
    assert_int_equal(db_query(c, sql, params, s.n_params + 1, &rows, &e), OK);
    char *out = xstrdup("");
    for (size_t i = 0; i < rows->n_rows; i++) {
        char *next = xasprintf("%s%s%s", out, i ? "," : "", db_cell(rows, i, 0));
        free(out);
        out = next;
    }
    db_rows_free(rows);
    free(params);
    free(sql);
    search_cond_free(&s);
    search_terms_free(&t);
    db_release(c);
    return out;
}

static void check_find(fixture *f, const char *q, const char *want)
{
    char *got = find(f, "thing", q, NULL);
    assert_string_equal(got, want);
    free(got);
}

static void test_index_finds(void **state)
{
    fixture *f = *state;
    put(f, "thing", 1, "消防本部 指令システム");
    put(f, "thing", 2, "ＬＧＷＡＮ接続端末");
    put(f, "thing", 3, "ｼｽﾃﾑ管理台帳");
    put(f, "thing", 4, "京都東京");
    put(f, "thing", 5, "髙橋 専用");
    put(f, "thing", 6, "(株)山田商事");
    put(f, "other", 1, "別の種類 lgwan");
    check_find(f, "消防", "1");
    check_find(f, "LGWAN", "2");
    check_find(f, "lgwan 端末", "2");
    check_find(f, "システム", "1,3");
    check_find(f, "ｼｽﾃﾑ 台帳", "3");
    check_find(f, "システム 消防", "1");
    check_find(f, "東京", "4");
    check_find(f, "東京都", "");     /* 東京 and 京都 are both there, 東京都 is not */
    check_find(f, "京東", "");
    check_find(f, "橋専", "5");      /* the space inside a field is not a boundary */
    check_find(f, "高橋", "");       /* 髙 is not 高 */
    check_find(f, "㈱山田", "6");
    check_find(f, "株", "6");        /* one character */
    check_find(f, "ム", "1,3");
    check_find(f, "%", "");
    check_find(f, "種類", "");       /* another kind's text */
    check_find(f, "", "1,2,3,4,5,6");
}

static void test_index_replaces_and_removes(void **state)
{
    fixture *f = *state;
    put(f, "thing", 1, "旧い名前");
    put(f, "thing", 2, "旧い名前");
    check_find(f, "旧い", "1,2");
    put(f, "thing", 1, "新しい名前");
    check_find(f, "旧い", "2");
    check_find(f, "新しい", "1");
    put(f, "thing", 1, "新しい名前"); /* unchanged: nothing written */
    check_find(f, "名前", "1,2");
    /* The old tokens left the FTS table too, not only the text. */
    db_conn *c = db_acquire(f->store);
    err e = ERR_INIT;
    db_rows *rows = NULL;
    /* 旧 U+65E7, い U+3044 */
    assert_int_equal(db_query(c, "SELECT count(*) FROM search_token WHERE search_token MATCH 'thing_0065e7003044'",
                              DB_NO_PARAMS, &rows, &e), OK);
    assert_string_equal(db_cell(rows, 0, 0), "1");
    db_rows_free(rows);
    assert_int_equal(db_begin_write(c, &e), OK);
    assert_int_equal(search_index_remove(c, "thing", 2, &e), OK);
    assert_int_equal(search_index_remove(c, "thing", 99, &e), OK);
    assert_int_equal(db_commit(c, &e), OK);
    assert_int_equal(db_query(c, "SELECT count(*) FROM search_token WHERE search_token MATCH 'thing_0065e7003044'",
                              DB_NO_PARAMS, &rows, &e), OK);
    assert_string_equal(db_cell(rows, 0, 0), "0");
    db_rows_free(rows);
    /* A kind that is not a kind name is a programming error. */
    assert_int_equal(search_index_remove(c, "Thing'", 1, &e), ERR_INTERNAL);
    err_clear(&e);
    db_release(c);
    check_find(f, "名前", "1");
    put(f, "thing", 1, NULL); /* no text: found by nothing but the empty query */
    check_find(f, "名前", "");
    check_find(f, "", "1,2");
}

/* Past SEARCH_INDEX_HITS_MAX documents the condition checks each row instead of
 * starting from the index; the rows are the same. */
static void test_index_both_shapes(void **state)
{
    fixture *f = *state;
    db_conn *c = db_acquire(f->store);
    err e = ERR_INIT;
    assert_int_equal(db_begin_write(c, &e), OK);
    for (long i = 1; i <= SEARCH_INDEX_HITS_MAX + 10; i++) {
        char idt[24], *text = xasprintf("共通の名前 %ld番", i);
        snprintf(idt, sizeof idt, "%ld", i);
        assert_int_equal(db_query(c, "INSERT INTO thing (id) VALUES (CAST($1 AS INTEGER))", DB_PARAMS(idt), NULL, &e),
                         OK);
        const char *fields[] = {text};
        assert_int_equal(search_index_put(c, "thing", i, fields, 1, &e), OK);
        free(text);
    }
    assert_int_equal(db_commit(c, &e), OK);
    db_release(c);
    /* Every document holds 共通 and 番: row by row. */
    bool from_index = true;
    char *got = find(f, "thing", "共通", &from_index);
    assert_false(from_index);
    assert_true(strlen(got) > 20000);
    free(got);
    got = find(f, "thing", "の名 番", &from_index);
    assert_false(from_index);
    assert_true(strlen(got) > 20000);
    free(got);
    /* The grams of the words together are rare (the count is of all of them): from the index. */
    got = find(f, "thing", "共通 4999番", &from_index);
    assert_true(from_index);
    assert_string_equal(got, "4999");
    free(got);
}

/* How many objects of the catalog migration 0018 shipped (threats, requirements, laws). */
static long catalog_objects(fixture *f)
{
    err e = ERR_INIT;
    db_conn *c = db_acquire(f->store);
    db_rows *rows = NULL;
    assert_int_equal(db_query(c,
                              "SELECT (SELECT COUNT(*) FROM threat) + (SELECT COUNT(*) FROM requirement)"
                              " + (SELECT COUNT(*) FROM law)",
                              DB_NO_PARAMS, &rows, &e),
                     OK);
    long n = atol(db_cell(rows, 0, 0));
    db_rows_free(rows);
    db_release(c);
    return n;
}

/* A store from before migration 0025 (its token table read by unicode61) is migrated:
 * the table is made again for mamori_words and every document's tokens are written
 * again from its text, so what was found is found, through the index. */
static void test_migration_0025_refills_tokens(void **state)
{
    fixture *f = *state;
    put(f, "thing", 1, "消防本部の指令システム");
    put(f, "thing", 2, "水道料金");
    db_conn *c = db_acquire(f->store);
    err e = ERR_INIT;
    static const char *const before_0025[] = {
        "DROP TABLE search_token",
        "CREATE VIRTUAL TABLE search_token USING fts5(tokens, content = '', detail = none, columnsize = 0,"
        " tokenize = \"unicode61 remove_diacritics 0 tokenchars '_'\")",
        "DROP TABLE search_token_refill",
        "DELETE FROM schema_migration WHERE version = 25",
    };
    for (size_t i = 0; i < sizeof before_0025 / sizeof *before_0025; i++)
        assert_int_equal(db_query(c, before_0025[i], DB_NO_PARAMS, NULL, &e), OK);
    db_release(c);
    int applied = 0;
    long n = 0;
    assert_int_equal(db_migrate(f->store, &applied, &e), OK);
    assert_int_equal(applied, 1);
    assert_int_equal(search_reindex_missing(f->store, &n, &e), OK);
    c = db_acquire(f->store);
    db_rows *rows = NULL;
    assert_int_equal(db_query(c, "SELECT (SELECT count(*) FROM search_token_refill),"
                                 " (SELECT sql LIKE '%mamori_words%' FROM sqlite_master WHERE name = 'search_token')",
                              DB_NO_PARAMS, &rows, &e),
                     OK);
    assert_string_equal(db_cell(rows, 0, 0), "0"); /* the request is done */
    assert_string_equal(db_cell(rows, 0, 1), "1");
    db_rows_free(rows);
    db_release(c);
    bool from_index = false;
    char *got = find(f, "thing", "消防 システム", &from_index);
    assert_string_equal(got, "1");
    assert_true(from_index);
    free(got);
    check_find(f, "料金", "2");
    check_find(f, "本部 料金", "");
}

static void test_reindex_people(void **state)
{
    fixture *f = *state;
    put(f, "thing", 1, "物");
    long n = 0, shipped = catalog_objects(f);
    assert_true(shipped > 100);
    err e = ERR_INIT;
    assert_int_equal(search_reindex_all(f->store, &n, &e), OK);
    assert_int_equal(n, 1 + shipped); /* the CISO store_init made, and the catalog; things have no source */
    assert_int_equal(search_reindex_missing(f->store, &n, &e), OK);
    assert_int_equal(n, 0);
    db_conn *c = db_acquire(f->store);
    db_rows *rows = NULL;
    assert_int_equal(db_query(c, "SELECT kind, text FROM search_doc WHERE kind NOT IN ('threat', 'requirement', 'law')",
                              DB_NO_PARAMS, &rows, &e),
                     OK);
    assert_int_equal(rows->n_rows, 1);
    assert_string_equal(db_cell(rows, 0, 0), "person");
    assert_string_equal(db_cell(rows, 0, 1), "ciso太郎");
    db_rows_free(rows);
    /* An entry lost (a store restored from before search, say) comes back. */
    assert_int_equal(db_begin_write(c, &e), OK);
    assert_int_equal(search_index_clear(c, &e), OK);
    assert_int_equal(db_commit(c, &e), OK);
    db_release(c);
    assert_int_equal(search_reindex_missing(f->store, &n, &e), OK);
    assert_int_equal(n, 1 + shipped);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_normalize_fast_path),
        cmocka_unit_test(test_invalid_utf8_refused),
        cmocka_unit_test(test_size_caps),
        cmocka_unit_test(test_document),
        cmocka_unit_test(test_query_terms),
        cmocka_unit_test(test_grams),
        cmocka_unit_test_setup_teardown(test_index_finds, setup_store, teardown_store),
        cmocka_unit_test_setup_teardown(test_index_replaces_and_removes, setup_store, teardown_store),
        cmocka_unit_test_setup_teardown(test_index_both_shapes, setup_store, teardown_store),
        cmocka_unit_test_setup_teardown(test_reindex_people, setup_store, teardown_store),
        cmocka_unit_test_setup_teardown(test_migration_0025_refills_tokens, setup_store, teardown_store),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
