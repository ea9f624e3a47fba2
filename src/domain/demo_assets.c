/* demo_assets — the demo union's information asset ledger (DESIGN §4b), all invented:
 * the 119 dispatch system of 通信指令課, 料金課's water billing system (run by IT in 総務課)
 * with its customer data and the マイナンバー data of fee reductions, 工務課's treatment-
 * plant monitoring network, paper files, USB media, the union's LGWAN and internet
 * networks — every kind, class and segment, related as they are used, one disposed of. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "domain/asset.h"
#include "domain/demo.h"

/* manager: "sysadmin" (a demo login), "it" (IT's system manager in 総務課) or NULL. */
static const struct {
    const char *key, *unit, *kind, *name, *segment, *format, *c, *i, *a, *manager, *location, *retention, *disposal,
        *reason, *description;
    int personal, mynumber;
} demo_asset_list[] = {
    {"lgwan", "110", "network", "LGWAN接続系 ネットワーク", "lgwan", "electronic", "3A", "2", "2", "it", "総務課 サーバ室",
     NULL, "設定情報を消去し機器は物理破壊", "LGWAN接続系の業務システムと個人情報を運ぶため、収容する最上位の区分に合わせる",
     "庁内LGWAN接続系の基幹ネットワーク(構成市町との共同利用を含む)", 0, 0},
    {"internet", "110", "network", "インターネット接続系 ネットワーク", "internet", "electronic", "2", "2", "2", "it",
     "総務課 サーバ室", NULL, "設定情報を消去", "公開情報のみを扱うが、停止すると住民への情報提供が止まる",
     "メール・ウェブ閲覧・ホームページ更新に用いる分離されたネットワーク", 0, 0},
    {"web", "110", "system", "ホームページ管理システム", "internet", "electronic", "1", "2", "1", "it", "外部データセンター",
     "常用", "委託先に消去証明を求める", "公開情報のみ。改ざんされると誤った情報を発信するため完全性2",
     "組合ホームページのコンテンツ管理", 0, 0},
    {"webdata", "110", "information", "ホームページ公開情報", "internet", "electronic", "1", "2", "1", NULL, NULL, "常用",
     "通常の方法で削除", "公開済みの情報", "お知らせ、入札情報、例規集", 0, 0},
    {"hr", "110", "information", "職員 人事記録", "lgwan", "electronic", "3B", "2", "1", NULL, "総務課 人事係", "30年",
     "復元不可能な方法で消去", "職員の個人情報。漏えいすると職員の権利利益を大きく害する", "任用・給与・評価の記録", 1, 0},
    {"policy", "110", "document", "情報セキュリティポリシー(対策基準・実施手順)", "other", "paper", "2", "2", "1", NULL,
     "総務課 書庫", "常用", "細断", "第11条により非公開(基本方針は公開予定)", "対策基準と実施手順の原本", 0, 0},
    {"billing", "310", "system", "水道料金システム", "lgwan", "electronic", "3A", "2", "2", "it", "総務課 サーバ室", NULL,
     "ディスクは物理破壊し委託先の破壊証明を受領", "口座情報を含む顧客データを保持し、停止すると調定・収納ができない",
     "調定・収納・滞納整理。保守は株式会社デモ情報サービスに委託", 0, 0},
    {"customers", "310", "information", "水道使用者 顧客データ", "lgwan", "electronic", "3B", "2", "2", NULL, NULL,
     "使用中止後5年", "システムから復元不可能な方法で消去", "約6万件の氏名・住所・口座情報",
     "水道使用者の氏名、住所、使用量、口座振替情報", 1, 0},
    {"reduction", "310", "information", "水道料金 減免申請データ(個人番号を含む)", "mynumber", "electronic", "3A", "2", "1",
     NULL, NULL, "5年", "復元不可能な方法で消去し記録", "個人番号を含む特定個人情報",
     "福祉減免の申請と所得照会の結果", 1, 1},
    {"mnterm", "310", "equipment", "マイナンバー利用事務系 専用端末", "mynumber", "electronic", "3A", "2", "1", NULL,
     "料金課 事務室(施錠区画)", NULL, "記憶装置を物理破壊", "特定個人情報を扱う端末", "減免事務用の専用端末 1台", 0, 0},
    {"transfer", "310", "document", "口座振替依頼書", "other", "paper", "3B", "2", "1", NULL, "料金課 施錠書庫", "5年",
     "溶解処理(立会い)", "口座番号と届出印を含む", "使用者から提出された依頼書の原本", 1, 0},
    {"counter", "310", "information", "窓口 受付記録", "lgwan", "electronic", "3C", "1", "1", NULL, NULL, "1年",
     "復元不可能な方法で消去", "問合せ者の氏名と用件を含む", "料金窓口・電話の受付簿", 1, 0},
    {"usb", "310", "medium", "検針データ用 暗号化USBメモリ", "standalone", "electronic", "3B", "1", "1", NULL,
     "料金課 金庫", NULL, "物理破壊", "顧客データの一部を運ぶ", "ハンディターミナルとの受け渡し用(2本)", 0, 0},
    {"notice", "310", "document", "料金改定のお知らせ(原稿)", "other", "paper", "2", "1", "1", NULL, "料金課", "1年",
     "細断", "公表前の原稿", "広報紙掲載前の原稿", 0, 0},
    {"dispatch", "210", "system", "119番 指令システム", "standalone", "electronic", "3B", "2", "2", "sysadmin",
     "消防本部 指令センター", NULL, "記憶装置を物理破壊し立会い記録", "通報者と傷病者の情報を扱い、停止は人命に関わる",
     "119番通報の受信、出動指令、車両動態管理", 0, 0},
    {"calls", "210", "information", "119番 通報記録", "standalone", "electronic", "3B", "2", "2", NULL, NULL, "10年",
     "復元不可能な方法で消去", "通報者・傷病者の個人情報と通話録音", "通報内容、位置情報、録音", 1, 0},
    {"dispatchnet", "210", "network", "指令センター 専用回線網", "standalone", "electronic", "3B", "2", "2", "sysadmin",
     "消防本部", NULL, "設定情報を消去", "指令システムを外部から隔離", "指令センターと各署を結ぶ閉域回線", 0, 0},
    {"plantsys", "320", "system", "浄水場 監視制御システム", "standalone", "electronic", "2", "2", "2", NULL,
     "浄水場 中央監視室", NULL, "記憶装置を物理破壊", "改ざんや停止が給水に直結する", "取水・浄水・配水の監視制御(SCADA)", 0, 0},
    {"plantnet", "320", "network", "浄水場 監視制御ネットワーク", "standalone", "electronic", "2", "2", "2", NULL,
     "浄水場", NULL, "設定情報を消去", "監視制御システムを外部から隔離", "浄水場と配水池を結ぶ制御網", 0, 0},
    {"drawings", "320", "document", "水道施設 図面", "other", "paper", "2", "2", "1", NULL, "工務課 図面庫", "常用",
     "細断", "施設の弱点が分かるため公開しない", "浄水場・配水管の竣工図", 0, 0},
    {"quality", "320", "information", "水質検査結果", "lgwan", "electronic", "1", "2", "1", NULL, NULL, "5年",
     "通常の方法で削除", "公表している情報", "毎月の水質検査結果", 0, 0},
    {"waste", "120", "information", "ごみ処理施設 運転記録", "standalone", "electronic", "2", "1", "1", NULL,
     "クリーンセンター", "5年", "復元不可能な方法で消去", "公表前の運転データ", "焼却炉の運転・排ガス測定記録", 0, 0},
    {"permits", "120", "document", "一般廃棄物 搬入許可台帳", "other", "paper", "2", "1", "1", NULL, "環境衛生課 書庫",
     "5年", "細断", "事業者の連絡先を含む", "搬入を許可した事業者の台帳", 1, 0},
    {"tape", "310", "medium", "旧料金システム バックアップテープ", "standalone", "electronic", "3B", "1", "1", NULL,
     "料金課 金庫", NULL, "物理破壊(委託先の破壊証明あり)", "旧システムの顧客データを含む", "更新前システムのバックアップ(3巻)",
     1, 0},
};

static const struct {
    const char *from, *kind, *to;
} demo_relations[] = {
    {"webdata", "stored_in", "web"},       {"web", "runs_on", "internet"},
    {"customers", "stored_in", "billing"}, {"billing", "runs_on", "lgwan"},        {"reduction", "held_on", "mnterm"},
    {"customers", "held_on", "usb"},       {"counter", "stored_in", "billing"},    {"calls", "stored_in", "dispatch"},
    {"dispatch", "runs_on", "dispatchnet"}, {"plantsys", "runs_on", "plantnet"},   {"quality", "stored_in", "plantsys"},
};

static err_code demo_lookup(db_conn *c, const char *sql, const char *a, const char *b, long *out, err *e)
{
    db_rows *rows = NULL;
    err_code rc = b ? db_query(c, sql, DB_PARAMS(a, b), &rows, e) : db_query(c, sql, DB_PARAMS(a), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_INTERNAL, "demo: nothing for %s %s", a, b ? b : "");
    if (rc == OK) *out = atol(db_cell(rows, 0, 0));
    db_rows_free(rows);
    return rc;
}

static err_code demo_class(db_conn *c, const char *axis, const char *code, long *out, err *e)
{
    return demo_lookup(c,
                       "SELECT k.id FROM classification_class k JOIN classification_scheme s ON s.code = k.scheme_code"
                       " WHERE s.in_force = 1 AND k.axis = $1 AND k.code = $2",
                       axis, code, out, e);
}

err_code demo_assets(db_conn *c, const audit_actor *system, long it_person, err *e)
{
    size_t n = sizeof demo_asset_list / sizeof *demo_asset_list;
    long *ids = xcalloc(n, sizeof *ids);
    err_code rc = OK;
    long sysadmin = 0;
    rc = demo_lookup(c, "SELECT person_id FROM account WHERE login = $1", "sysadmin", NULL, &sysadmin, e);
    for (size_t i = 0; rc == OK && i < n; i++) {
        asset_fields f = ASSET_FIELDS_INIT;
        f.kind = demo_asset_list[i].kind;
        f.name = demo_asset_list[i].name;
        f.description = demo_asset_list[i].description;
        f.location = demo_asset_list[i].location;
        f.segment = demo_asset_list[i].segment;
        f.format = demo_asset_list[i].format;
        f.retention = demo_asset_list[i].retention;
        f.disposal_method = demo_asset_list[i].disposal;
        f.class_reason = demo_asset_list[i].reason;
        f.personal_data = demo_asset_list[i].personal;
        f.mynumber = demo_asset_list[i].mynumber;
        const char *manager = demo_asset_list[i].manager;
        f.manager_id = !manager ? 0 : strcmp(manager, "it") == 0 ? it_person : sysadmin;
        rc = demo_lookup(c, "SELECT id FROM org_unit WHERE code = $1", demo_asset_list[i].unit, NULL, &f.owner_unit_id, e);
        if (rc == OK) rc = demo_class(c, "C", demo_asset_list[i].c, &f.c_class_id, e);
        if (rc == OK) rc = demo_class(c, "I", demo_asset_list[i].i, &f.i_class_id, e);
        if (rc == OK) rc = demo_class(c, "A", demo_asset_list[i].a, &f.a_class_id, e);
        asset_warnings w = {false, NULL, 0, NULL};
        if (rc == OK) rc = asset_create(c, system, &f, &ids[i], &w, e);
        asset_warnings_free(&w);
    }
    for (size_t r = 0; rc == OK && r < sizeof demo_relations / sizeof *demo_relations; r++) {
        long from = 0, to = 0, rel = 0;
        for (size_t i = 0; i < n; i++) {
            if (strcmp(demo_asset_list[i].key, demo_relations[r].from) == 0) from = ids[i];
            if (strcmp(demo_asset_list[i].key, demo_relations[r].to) == 0) to = ids[i];
        }
        asset_warnings w = {false, NULL, 0, NULL};
        rc = asset_relation_add(c, system, from, demo_relations[r].kind, to, &rel, &w, e);
        asset_warnings_free(&w);
    }
    /* The old billing system's tapes: disposed of at the system's replacement, witnessed. */
    if (rc == OK) {
        asset_disposal d = {"2025-03-31", "物理破壊(委託先の破壊証明書 No.2025-017)", "高橋 美咲(料金課長)"};
        long version = 0;
        rc = asset_dispose(c, system, ids[n - 1], 1, &d, &version, e);
    }
    free(ids);
    return rc;
}
