#!/usr/bin/env python3
"""bench/import/gen.py N FILE — a ledger CSV of N assets (UTF-8, the export's 26 columns,
Japanese headers) for the demo union of `mamori demo`: realistic Japanese names,
descriptions with commas, quotes and line breaks, unit codes and managers of the demo,
every kind, segment and class. Deterministic (the same N gives the same file)."""
import csv
import random
import sys

n, path = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(20251)
HEAD = ['ID', '版', '資産名', '資産の種類', '説明', '所有部署コード', '所有部署', '管理者', '保管場所', 'ネットワーク区分',
        '電子/紙', '個人情報', 'マイナンバー', '保存期間', '廃棄方法', '機密性', '完全性', '可用性', '分類', '分類の理由',
        '状態', '廃棄日', '廃棄日(和暦)', '廃棄の方法', '廃棄の立会者', '更新日時']
UNITS = [('110', '総務課'), ('120', '環境衛生課'), ('210', '通信指令課'), ('220', '秩父消防署'), ('310', '料金課'),
         ('320', '工務課')]
MANAGERS = ['', '', '高橋 美咲', '田中 健', '鈴木 一郎', '加藤 愛']
SUBJ = ['水道料金', '消防指令', '救急搬送', '浄水場監視', '下水道台帳', '職員給与', '庁内LAN', '住民異動', '火災予防',
        'ごみ収集', '契約管理', '文書管理', '会計', '人事評価', '施設予約', '配水管網', '検針', '滞納整理']
OBJ = ['システム', 'データ', '台帳', '申請書', '報告書', '端末', 'サーバ', 'ネットワーク', 'USBメモリ', '外付けHDD',
       'ファイル', '名簿', '図面', '記録']
KINDS = ['情報', '情報システム', 'ネットワーク', '記録媒体', '文書', '機器']
SEGS = ['マイナンバー利用事務系', 'LGWAN接続系', 'インターネット接続系', 'スタンドアロン', 'その他']
PLACES = ['本庁舎 2階 書庫', '消防本部 サーバ室', '浄水場 監視室', '水道局 金庫', 'データセンタ（委託先）', '料金課 キャビネットA']
WORDS = ['業務で使用する', '住民の個人情報を含む', '年度ごとに更新する', '外部委託先と共有する', '紙で保管し、', '電子で保管し、',
         '「重要」の表示をする', '施錠して保管する', '持ち出しは課長の承認を要する']
with open(path, 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\r\n')
    w.writerow(HEAD)
    for i in range(n):
        code, unit = UNITS[rnd.randrange(len(UNITS))]
        seg = rnd.randrange(len(SEGS))
        # The default network model (α) refuses personal data and 機密性3 on the
        # インターネット接続系 (rule important_on_internet): such rows get neither.
        personal = seg != 2 and rnd.random() < 0.4
        mynumber = personal and rnd.random() < 0.3
        c = rnd.choice(['3A', '3B', '3C', '2', '1'] if seg != 2 else ['2', '1'])
        desc = '、'.join(rnd.sample(WORDS, 3))
        if i % 7 == 0:
            desc += '\n備考: "要確認", 担当者に連絡'
        w.writerow(['', '', f'{rnd.choice(SUBJ)}{rnd.choice(OBJ)} {i:07d}', KINDS[rnd.randrange(6)], desc, code,
                    unit, rnd.choice(MANAGERS), rnd.choice(PLACES), SEGS[seg], rnd.choice(['電子', '紙']),
                    'あり' if personal else 'なし', 'あり' if mynumber else 'なし', rnd.choice(['1年', '5年', '10年', '30年', '常用']),
                    rnd.choice(['溶解', '裁断', 'データ消去', '物理破壊']), c, rnd.choice(['2', '1']),
                    rnd.choice(['2', '1']), '', f'{unit}の{rnd.choice(WORDS)}ため', '使用中', '', '', '', '', ''])
