/* demo_compliance — the demo union's implementation records and a year of compliance
 * snapshots (issue 6 point 10): a mix of statuses on its assets' requirements and its
 * units' unit-level requirements, so the dashboard shows figures, and twelve monthly
 * snapshots (and the last 年度) rising towards today's, so it shows a trend. The
 * statuses follow a fixed pattern, not chance: the demo is the same every time.
 * demo_evidence then adds a few evidence files to records (an entry log, a log review,
 * a restore test report as a PDF, a training attendance list), kept in the file store
 * exactly as an upload through the API is, so a record's page shows evidence at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/compliance.h"
#include "domain/demo.h"
#include "domain/implementation.h"
#include "domain/requirement.h"
#include "files/filestore.h"
#include "core/fileutil.h"

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

/* ---- evidence ---- */

/* A one-page PDF saying `line` (ASCII: the standard Helvetica has no Japanese), with a
 * correct cross-reference table, so a browser's viewer opens it without repair. The
 * caller frees *out. */
static void demo_pdf(const char *line, char **out, size_t *len)
{
    char stream[256];
    int n = snprintf(stream, sizeof stream, "BT /F1 14 Tf 72 770 Td (%s) Tj ET\n", line);
    if (n < 0 || (size_t)n >= sizeof stream) n = 0; /* the lines below are short */
    char *objs[5];
    objs[0] = xstrdup("<< /Type /Catalog /Pages 2 0 R >>");
    objs[1] = xstrdup("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    objs[2] = xstrdup("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                      " /Resources << /Font << /F1 5 0 R >> >> >>");
    objs[3] = xasprintf("<< /Length %d >>\nstream\n%.*sendstream", n, n, stream);
    objs[4] = xstrdup("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    buf b;
    buf_init(&b, 0);
    long offsets[5];
    buf_puts(&b, "%PDF-1.4\n");
    for (int i = 0; i < 5; i++) {
        offsets[i] = (long)b.len;
        buf_printf(&b, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
        free(objs[i]);
    }
    long xref = (long)b.len;
    buf_puts(&b, "xref\n0 6\n0000000000 65535 f \n");
    for (int i = 0; i < 5; i++) buf_printf(&b, "%010ld 00000 n \n", offsets[i]);
    buf_printf(&b, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", xref);
    *len = b.len;
    *out = buf_take(&b); /* NUL-terminated: a "%" nowhere but the header and the end */
}

/* What the demo's evidence is: the requirement, the record preferred (an asset's name
 * or a unit's code; else the requirement's first record carried out), who added it
 * (a demo login), the file's name and content (a PDF made of pdf_line when set). */
static const struct {
    const char *code, *prefer, *login, *name, *content, *pdf_line;
} demo_evidence_list[] = {
    {"PHY-01", "LGWAN接続系 ネットワーク", "director", "サーバ室入退室記録_2026年4月.csv",
     "日付,入室,退室,氏名,所属,目的,立会い\n"
     "2026-04-02,09:12,09:40,渡部 光,総務課,定期点検,佐藤 花子\n"
     "2026-04-09,13:05,14:20,吉田 翔,株式会社デモ情報サービス,料金システム保守,渡部 光\n"
     "2026-04-23,10:30,10:45,渡部 光,総務課,バックアップ媒体交換,佐藤 花子\n",
     NULL},
    {"TEC-06", "水道料金システム", "manager", "ログ取得設定の確認記録_2026年4月.txt",
     "水道料金システム ログ取得・保存設定の確認記録\n\n"
     "確認日: 2026年4月29日\n確認者: 料金課 高橋 美咲(立会い: 総務課 渡部 光)\n"
     "対象: 認証ログ、特権操作ログ、外部媒体接続ログ\n\n"
     "結果: いずれも取得されており、保存期間は5年(ログサーバへ日次転送)。\n"
     "是正事項: なし。\n",
     NULL},
    {"TEC-07", "119番 指令システム", "director", "ログ点検記録_令和8年度第1四半期.txt",
     "119番 指令システム ログ点検記録(令和8年度 第1四半期)\n\n"
     "点検日: 2026年6月30日\n点検者: 総務課 佐藤 花子\n\n"
     "結果: 業務時間外の特権操作 0件、認証失敗の連続 2件(いずれも本人の入力誤りと確認)。\n",
     NULL},
    {"OPS-01", "水道料金システム", "manager", "バックアップ復元試験報告.pdf", NULL,
     "Water billing system: backup restore test passed (2026-04-15, 42 min)"},
    {"HUM-01", "310", "manager", "情報セキュリティ研修_受講者一覧.csv",
     "氏名,所属,受講日,形式,理解度確認\n"
     "高橋 美咲,料金課,2026-05-12,集合研修,合格\n"
     "吉田 翔,料金課(委託先),2026-05-12,集合研修,合格\n"
     "山本 和子,料金課,2026-05-19,eラーニング,合格\n",
     NULL},
    {"HUM-01", "110", "director", "情報セキュリティ研修_実施報告.txt",
     "令和8年度 情報セキュリティ研修 実施報告(総務課)\n\n"
     "実施日: 2026年5月12日、19日\n受講者: 4名中4名(100%)\n"
     "内容: 標的型攻撃メール、パスワードと多要素認証、インシデント報告の手順\n",
     NULL},
};

/* Keeps one file as evidence of record id (at version), as POST …/evidence does. */
static err_code demo_evidence_put(db_conn *c, filestore *files, const audit_actor *by, long id, long version,
                                  const char *name, const char *data, size_t len, err *e)
{
    char *tmp = xasprintf("%s/demo-XXXXXX", files->dir);
    int fd = mkstemp(tmp);
    bool written = fd >= 0 && write(fd, data, len) == (ssize_t)len;
    if (fd >= 0) close(fd);
    err_code rc = written ? OK : err_set(e, ERR_INTERNAL, "cannot write a demo evidence file in %s", files->dir);
    stored_file f = {0};
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    if (rc == OK) rc = filestore_put_path(files, c, by, tmp, name, "implementation", idt, &f, e);
    if (rc == OK) rc = implementation_evidence_add(c, by, id, version, f.id, e);
    if (fd >= 0) unlink(tmp);
    free(tmp);
    stored_file_free(&f);
    return rc;
}

err_code demo_evidence(db_conn *c, filestore *files, err *e)
{
    file_mkdirs(files->dir);
    err_code rc = OK;
    for (size_t i = 0; rc == OK && i < sizeof demo_evidence_list / sizeof *demo_evidence_list; i++) {
        db_rows *rows = NULL;
        rc = db_query(c,
                      "SELECT im.id, im.version, p.id FROM implementation im JOIN requirement r ON r.id = im.requirement_id"
                      " LEFT JOIN asset a ON a.id = im.asset_id LEFT JOIN org_unit u ON u.id = im.org_unit_id"
                      " JOIN account ac ON ac.login = $3 JOIN person p ON p.id = ac.person_id"
                      " WHERE r.code = $1 AND im.status IN ('implemented', 'partial')"
                      " ORDER BY CASE WHEN a.name = $2 OR u.code = $2 THEN 0 ELSE 1 END, im.id LIMIT 1",
                      DB_PARAMS(demo_evidence_list[i].code, demo_evidence_list[i].prefer, demo_evidence_list[i].login),
                      &rows, e);
        if (rc == OK && rows->n_rows == 1) {
            audit_actor by = {atol(db_cell(rows, 0, 2)), demo_evidence_list[i].login, ""};
            char *data = NULL;
            size_t len = 0;
            if (demo_evidence_list[i].pdf_line) demo_pdf(demo_evidence_list[i].pdf_line, &data, &len);
            else {
                data = xstrdup(demo_evidence_list[i].content);
                len = strlen(data);
            }
            rc = demo_evidence_put(c, files, &by, atol(db_cell(rows, 0, 0)), atol(db_cell(rows, 0, 1)),
                                   demo_evidence_list[i].name, data, len, e);
            free(data);
        }
        db_rows_free(rows);
    }
    return rc;
}
