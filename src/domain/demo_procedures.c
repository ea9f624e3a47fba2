/* demo_procedures — the demo union's procedures (実施手順, DESIGN §4b), all invented: entry
 * to the server room (総務課), USB memory at 料金課, and reporting an incident (総務課),
 * each linked to requirements of the default catalog; one of them revised once, so its
 * page shows two versions. Written by the demo's 統括 (security_director), who keeps every
 * unit's procedures. Exports demo_procedures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/demo.h"
#include "domain/procedure.h"

static const struct {
    const char *code, *unit, *title_ja, *title_en, *status, *requirements[3], *body;
} demo_procedure_list[] = {
    {"PROC-PHY-01", "110", "サーバ室入退室の手順", "Entering the server room", "in_force", {"PHY-01", NULL, NULL},
     "# サーバ室入退室の手順\n\n"
     "対策基準 **PHY-01**(サーバ室への入退室管理)を実施するための手順です。\n\n"
     "## 入室するとき\n\n"
     "1. 総務課 情報係で入退室管理簿に氏名・所属・目的・入室時刻を記入する。\n"
     "2. ICカードで扉を開ける。カードを他人に貸さない。\n"
     "3. 保守業者・来訪者は、職員が付き添い、名札を着用させる。\n\n"
     "## 退室するとき\n\n"
     "- 退室時刻を記入し、扉が施錠されたことを確かめる。\n"
     "- 持ち込んだ機器・媒体を持ち帰ったことを確かめる。\n\n"
     "## 確認\n\n"
     "情報セキュリティ管理者は、毎月、入退室管理簿とICカードの記録を突き合わせる。記録は1年以上保存する。\n"},
    {"PROC-PHY-07", "310", "USBメモリの管理手順", "Managing USB memory", "in_force", {"PHY-07", "PHY-08", NULL},
     "# USBメモリの管理手順(料金課)\n\n"
     "対策基準 **PHY-07**(記録媒体と書類の保管)と **PHY-08**(廃棄)を料金課で実施する手順です。\n\n"
     "1. 使ってよいのは、課が管理番号を付けて貸し出す暗号化USBメモリだけ。私物は使わない。\n"
     "2. 貸出簿に管理番号・使用者・目的・返却予定日を記入する。\n"
     "3. 顧客データ(機密性3B)を書き出すときは、課長の承認を受ける。\n"
     "4. 使い終わったらデータを消去し、当日中に返却する。\n"
     "5. 紛失に気づいたら、直ちに「インシデント報告の手順」に従って報告する。\n\n"
     "廃棄するときは、総務課に引き渡し、物理破壊の証明を受け取る。\n"},
    {"PROC-HUM-07", "110", "インシデント報告の手順", "Reporting an incident", "in_force", {"HUM-07", "OPS-10", NULL},
     "# インシデント報告の手順\n\n"
     "対策基準 **HUM-07**(情報セキュリティインシデントの報告)と **OPS-10**(インシデント対応体制)の手順です。\n\n"
     "## 気づいたら\n\n"
     "1. 作業を止め、端末をネットワークから外す(電源は切らない)。\n"
     "2. 直ちに所属の情報セキュリティ管理者に電話で報告する。不在なら統括情報セキュリティ責任者(総務課)へ。\n"
     "3. 何が起きたか、いつ気づいたか、何をしたかを書き留める。\n\n"
     "> 報告が遅れることが最も大きな被害につながります。確かでなくても報告してください。\n"},
};

/* The id of what sql (one parameter) finds, 0 when nothing. */
static long demo_proc_id(db_conn *c, const char *sql, const char *arg, err *e, err_code *rc)
{
    db_rows *rows = NULL;
    long id = 0;
    if ((*rc = db_query(c, sql, DB_PARAMS(arg), &rows, e)) == OK && rows->n_rows) id = atol(db_cell(rows, 0, 0));
    db_rows_free(rows);
    return id;
}

err_code demo_procedures(db_conn *c, err *e)
{
    err_code rc = OK;
    long director = demo_proc_id(c,
                                 "SELECT person_id FROM role_assignment WHERE role_code = $1 ORDER BY id LIMIT 1",
                                 "security_director", e, &rc);
    if (rc != OK) return rc;
    if (!director) return err_set(e, ERR_INTERNAL, "the demo has no 統括 to write its procedures");
    audit_actor actor = {director, "director", ""};
    for (size_t i = 0; rc == OK && i < sizeof demo_procedure_list / sizeof demo_procedure_list[0]; i++) {
        long reqs[3];
        size_t n = 0;
        for (size_t k = 0; rc == OK && k < 3 && demo_procedure_list[i].requirements[k]; k++) {
            long r = demo_proc_id(c, "SELECT id FROM requirement WHERE code = $1", demo_procedure_list[i].requirements[k],
                                  e, &rc);
            if (r) reqs[n++] = r;
        }
        long unit = rc == OK ? demo_proc_id(c, "SELECT id FROM org_unit WHERE code = $1", demo_procedure_list[i].unit, e, &rc)
                             : 0;
        if (rc != OK) break;
        /* Written as a draft, then put in force: the page shows both versions. */
        procedure_fields f = {.code = demo_procedure_list[i].code,
                              .title_ja = demo_procedure_list[i].title_ja,
                              .title_en = demo_procedure_list[i].title_en,
                              .body = demo_procedure_list[i].body,
                              .status = "draft",
                              .owner_unit_id = unit,
                              .set_requirements = true,
                              .requirement_ids = reqs,
                              .n_requirements = n};
        long id = 0;
        if ((rc = procedure_create(c, &actor, &f, &id, e)) != OK) break;
        procedure_fields put = {.status = demo_procedure_list[i].status};
        rc = procedure_update(c, &actor, id, 1, &put, e);
    }
    return rc;
}
