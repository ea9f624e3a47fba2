/* demo — the demo union's units and people, all invented (see demo.h). */
#include "domain/demo.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/account.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/org_unit.h"
#include "domain/partner.h"
#include "domain/person.h"
#include "domain/reorganisation.h"
#include "domain/store_init.h"

static const struct {
    const char *code, *parent, *name_ja, *name_en;
} demo_units[] = {
    {"100", "0", "事務局", "Secretariat"},
    {"110", "100", "総務課", "General Affairs Section"},
    {"120", "100", "環境衛生課", "Environmental Sanitation Section"},
    {"200", "0", "消防本部", "Fire Department Headquarters"},
    {"210", "200", "通信指令課", "Emergency Dispatch Section"},
    {"220", "200", "秩父消防署", "Chichibu Fire Station"},
    {"300", "0", "水道局", "Waterworks Bureau"},
    {"310", "300", "料金課", "Billing Section"},
    {"320", "300", "工務課", "Engineering Section"},
};

static const struct {
    const char *login, *name, *kana, *category, *unit, *role, *role_unit;
} demo_people[] = {
    {"director", "佐藤 花子", "さとう はなこ", "regular", "110", "security_director", "0"},
    {"officer", "鈴木 一郎", "すずき いちろう", "regular", "300", "security_officer", "300"},
    {"manager", "高橋 美咲", "たかはし みさき", "regular", "310", "security_manager", "310"},
    {"sysadmin", "田中 健", "たなか けん", "regular", "210", "system_manager", "210"},
    {"operator", "伊藤 さくら", "いとう さくら", "regular", "210", "system_operator", "210"},
    {"auditor", "渡辺 誠", "わたなべ まこと", "regular", "110", "auditor", "0"},
    {"committee", "中村 由美", "なかむら ゆみ", "regular", "100", "committee", "0"},
    {"csirt", "小林 大輔", "こばやし だいすけ", "regular", "110", "csirt", "0"},
    {"staff", "加藤 愛", "かとう あい", "temporary", "320", "staff", "320"},
    {"contractor", "吉田 翔", "よしだ しょう", "contractor", "310", "staff", "310"},
};

/* People without a login of their own, so the people list shows every category of
 * 第2条(13)–(15): part-timers and non-regular staff, and a member town's official who
 * uses the union's LGWAN link (関係機関職員, linked to the related body below). */
static const struct {
    const char *name, *kana, *category, *unit;
} demo_staff[] = {
    {"山本 和子", "やまもと かずこ", "part_timer", "310"},
    {"森 正樹", "もり まさき", "non_regular", "220"},
    {"石川 直人", "いしかわ なおと", "regular", "320"},
    {"小川 恵", "おがわ めぐみ", "temporary", "110"},
    {"黒沢 亮", "くろさわ りょう", "related_body", "100"},
};

/* 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I). */
static char *demo_password(void)
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    char *pw = xmalloc(17);
    for (int i = 0; i < 16; i++) pw[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    pw[16] = '\0';
    return pw;
}

static void demo_add_login(demo_login **logins, size_t *n, const char *login, char *password, const char *name,
                           const char *role, const char *unit)
{
    *logins = xrealloc(*logins, (*n + 1) * sizeof **logins);
    (*logins)[*n] = (demo_login){xstrdup(login), password, xstrdup(name), xstrdup(role), xstrdup(unit), NULL};
    (*n)++;
}

static long demo_unit_id(const char *code, const char *const *codes, const long *ids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(codes[i], code) == 0) return ids[i];
    return 0;
}

/* Next April 1st's reorganisation, planned and scheduled: 水道局 merges 料金課 and 工務課
 * into a new 業務課, so the planning page has something to show (and nothing changes
 * until that day). */
static err_code demo_reorganisation(db_conn *c, const audit_actor *system, const char *const *codes, const long *ids,
                                    size_t n, err *e)
{
    char today[11], date[11];
    time_today_local(today);
    int y = atoi(today), m = atoi(today + 5);
    int year = m < 4 ? y : y + 1;
    snprintf(date, sizeof date, "%04d-04-01", year);
    char *era = wareki_format(year, 4, 1);
    char *title = xasprintf("%s付 組織改正 (水道局: 料金課と工務課を業務課に統合)", era ? era : date);
    reorg_op ops[2] = {{0}, {0}};
    reorg_ref sources[2] = {{demo_unit_id("310", codes, ids, n), NULL}, {demo_unit_id("320", codes, ids, n), NULL}};
    ops[0].kind = REORG_CREATE;
    ops[0].code = "330";
    ops[0].name_ja = "業務課";
    ops[0].name_en = "Operations Section";
    ops[0].parent.id = demo_unit_id("300", codes, ids, n);
    ops[1].kind = REORG_MERGE;
    ops[1].units = sources;
    ops[1].n_units = 2;
    ops[1].into.new_code = "330";
    reorg_plan plan = {ops, 2};
    reorg_fields f = {title, date, &plan};
    long id = 0;
    err_code rc = reorg_create(c, system, &f, &id, e);
    if (rc == OK) rc = reorg_act(c, system, id, 1, REORG_SCHEDULE, e);
    free(title);
    free(era);
    return rc;
}

err_code demo_create(db *d, filestore *files, demo_login **logins, size_t *n_logins, err *e)
{
    *logins = NULL;
    *n_logins = 0;
    char *ciso_pw = demo_password();
    store_init_params p = {"秩父広域市町村圏組合 (デモ)", "Chichibu Regional Union (demo)", "ciso", "山田 太郎",
                           ciso_pw};
    long root = 0;
    err_code rc = store_init(d, &p, &root, NULL, e);
    if (rc != OK) {
        free(ciso_pw);
        return rc;
    }
    demo_add_login(logins, n_logins, "ciso", ciso_pw, "山田 太郎", "ciso", "秩父広域市町村圏組合 (デモ)");

    size_t n_units = sizeof demo_units / sizeof demo_units[0];
    const char *codes[sizeof demo_units / sizeof demo_units[0] + 1];
    long ids[sizeof demo_units / sizeof demo_units[0] + 1];
    codes[0] = "0";
    ids[0] = root;
    char today[11];
    time_today_local(today);
    audit_actor system = {0, "system", ""};
    db_conn *c = db_acquire(d);
    if ((rc = db_begin_write(c, e)) != OK) goto cleanup;
    for (size_t i = 0; i < n_units; i++) {
        long parent = demo_unit_id(demo_units[i].parent, codes, ids, i + 1);
        rc = org_unit_create(c, &system, demo_units[i].code, demo_units[i].name_ja, demo_units[i].name_en, parent,
                             &ids[i + 1], e);
        if (rc != OK) goto cleanup;
        codes[i + 1] = demo_units[i].code;
    }
    for (size_t i = 0; i < sizeof demo_people / sizeof demo_people[0]; i++) {
        long unit = demo_unit_id(demo_people[i].unit, codes, ids, n_units + 1);
        long role_unit = demo_unit_id(demo_people[i].role_unit, codes, ids, n_units + 1);
        person_new np = {demo_people[i].name, demo_people[i].kana, demo_people[i].category, unit, 0, 0};
        long person = 0;
        if ((rc = person_create(c, &system, &np, &person, e)) != OK) goto cleanup;
        char *pw = demo_password();
        rc = account_create(c, &system, person, demo_people[i].login, pw, e);
        if (rc == OK) rc = person_grant_role(c, &system, person, demo_people[i].role, role_unit, today, e);
        if (rc != OK) {
            free(pw);
            goto cleanup;
        }
        const char *unit_name = "";
        for (size_t k = 0; k < n_units; k++)
            if (strcmp(demo_units[k].code, demo_people[i].role_unit) == 0) unit_name = demo_units[k].name_ja;
        if (!*unit_name) unit_name = p.union_name_ja;
        demo_add_login(logins, n_logins, demo_people[i].login, pw, demo_people[i].name, demo_people[i].role,
                       unit_name);
    }
    /* The bodies outside the union: a member town whose staff use the LGWAN link, and
     * the billing system's maintenance contractor, whose engineer is a demo login. */
    long body = 0, vendor = 0;
    partner_fields town = {"小鹿野町 (構成町)", "総務課 情報係 0494-00-0000", "LGWAN接続系の共同利用", -1};
    partner_fields firm = {"株式会社デモ情報サービス", "保守窓口 048-000-0000", "料金システム保守委託", -1};
    if ((rc = partner_create(c, PARTNER_RELATED_BODY, &system, &town, &body, e)) != OK) goto cleanup;
    if ((rc = partner_create(c, PARTNER_CONTRACTOR, &system, &firm, &vendor, e)) != OK) goto cleanup;
    char vendor_text[24];
    snprintf(vendor_text, sizeof vendor_text, "%ld", vendor);
    rc = db_query(c,
                  "UPDATE person SET contractor_id = CAST($1 AS BIGINT) WHERE id ="
                  " (SELECT person_id FROM account WHERE login = 'contractor')",
                  DB_PARAMS(vendor_text), NULL, e);
    for (size_t i = 0; rc == OK && i < sizeof demo_staff / sizeof demo_staff[0]; i++) {
        long unit = demo_unit_id(demo_staff[i].unit, codes, ids, n_units + 1), person = 0;
        person_new np = {demo_staff[i].name, demo_staff[i].kana, demo_staff[i].category, unit,
                         strcmp(demo_staff[i].category, "related_body") == 0 ? body : 0, 0};
        rc = person_create(c, &system, &np, &person, e);
    }
    if (rc != OK) goto cleanup;
    /* IT's system manager (総務課 情報係), without a login: runs the union's networks and
     * 料金課's billing system, so sees its customer data from another unit (DESIGN §2). */
    person_new it = {"渡部 光", "わたべ ひかる", "regular", demo_unit_id("110", codes, ids, n_units + 1), 0, 0};
    long it_person = 0;
    if ((rc = person_create(c, &system, &it, &it_person, e)) != OK) goto cleanup;
    if ((rc = person_grant_role(c, &system, it_person, "system_manager", it.org_unit_id, today, e)) != OK) goto cleanup;
    if ((rc = demo_assets(c, &system, it_person, e)) != OK) goto cleanup;
    if ((rc = demo_procedures(c, e)) != OK) goto cleanup;
    if ((rc = demo_compliance(c, &system, e)) != OK) goto cleanup;
    if (files && (rc = demo_evidence(c, files, e)) != OK) goto cleanup;
    if ((rc = demo_risks(c, &system, e)) != OK) goto cleanup;
    if ((rc = demo_reorganisation(c, &system, codes, ids, n_units + 1, e)) != OK) goto cleanup;
    rc = db_commit(c, e);
cleanup:
    db_release(c);
    if (rc != OK) {
        demo_logins_free(*logins, *n_logins);
        *logins = NULL;
        *n_logins = 0;
    }
    return rc;
}

void demo_logins_free(demo_login *logins, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(logins[i].login);
        if (logins[i].password) sodium_memzero(logins[i].password, strlen(logins[i].password));
        free(logins[i].password);
        free(logins[i].name);
        free(logins[i].role);
        free(logins[i].unit);
        if (logins[i].totp) sodium_memzero(logins[i].totp, strlen(logins[i].totp));
        free(logins[i].totp);
    }
    free(logins);
}
