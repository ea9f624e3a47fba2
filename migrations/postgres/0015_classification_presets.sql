-- The two presets of the MIC guideline's classification (DESIGN §4, 第9条), as data the
-- CISO may edit: R6.10 (in force from the start) and pre-2024. Each class has its rank
-- (the same meaning in both presets, see 0014), its definition and its handling rules per
-- aspect, written for a municipal body. Rules of the same rank read the same in both
-- presets, so a change of preset keeps what each asset's handling means.
-- Generated once; identical for both backends (migrations/{sqlite,postgres}/0015).

INSERT INTO classification_scheme (code, name_ja, name_en, in_force) VALUES ('r6.10', '総務省ガイドライン 令和6年10月版', 'MIC guideline, October 2024 (R6.10)', 1);
INSERT INTO classification_class (scheme_code, axis, code, rank, name_ja, name_en, definition_ja, definition_en)
VALUES ('r6.10', 'C', '3A', 5, '自治体機密性3A', 'Municipal confidentiality 3A',
        '行政事務で取り扱う情報資産のうち、秘密文書に相当する機密性を要する情報資産',
        'Information assets that need the confidentiality of a secret document.');
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'labelling', '文書・媒体・ファイル名・画面の見やすい位置に「機密性3A」と表示する。表示できない電子データは、格納先フォルダ又はシステムの画面で区分が分かるようにする。',
       'Mark documents, media, file names and screens visibly "機密性3A"; where data cannot be marked, the folder or system screen shows the class.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3A';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'storage', 'マイナンバー利用事務系又は情報システム管理者が指定したサーバ上の、アクセス権を必要最小限の者に限定した領域に保存し、暗号化する。紙・記録媒体は施錠できる書庫・金庫に保管し、鍵は情報セキュリティ管理者が管理する。貸与端末以外への保存は禁止する。',
       'Store only on the マイナンバー利用事務系 or a server the system manager designates, in an area restricted to the fewest people needed, encrypted. Paper and media go in a locked cabinet or safe whose key the section''s security manager keeps. Never on anything but issued devices.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3A';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'transmission', '原則として外部への送信を禁止する。業務上やむを得ない場合は情報セキュリティ管理者の許可を得て、LGWAN等の閉域網で、暗号化し、パスワードは別経路で通知する。電子メールへの添付は行わない。紙・記録媒体の送付は施錠できる容器に入れ、手渡し又は追跡可能な方法による。',
       'No sending outside as a rule. Where unavoidable, with the security manager''s permission, over a closed network such as LGWAN, encrypted, the password sent by another route; never as an e-mail attachment. Paper and media travel in a locked case, by hand or a traceable service.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3A';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'taking_out', '庁舎外への持ち出しは禁止する。やむを得ない場合は情報セキュリティ責任者の許可を得て、貸与された暗号化記録媒体を用い、施錠できるかばんに入れて常に携行し、持出し・返却を台帳に記録する。',
       'No taking out of the premises. Where unavoidable, with the department head''s permission, on an issued encrypted medium, in a locked bag always carried, each taking out and return recorded in the register.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3A';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'copying', '複製は原則禁止する。業務上必要な場合は情報セキュリティ管理者の許可を得て必要最小限とし、複製物にも同じ区分を表示し、台帳に記録する。',
       'No copies as a rule. Where needed, with the security manager''s permission, as few as needed, each marked with the same class and recorded in the register.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3A';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'printing', '印刷は必要最小限とし、認証印刷(プリンタでの本人確認後に出力)を用い、出力物を放置しない。印刷した部数を記録する。',
       'Print only what is needed, by authenticated printing (released at the printer), never left at the printer; the number of copies printed is recorded.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3A';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'disposal', '紙は溶解処理又は細断(クロスカット)により、記録媒体は物理的破壊又は復元不可能な消去ソフトにより廃棄し、情報セキュリティ管理者が立ち会い、廃棄の日時・方法・立会者を記録する。委託する場合は廃棄証明書を受領する。',
       'Paper is pulped or cross-cut shredded; media are physically destroyed or wiped so nothing can be recovered, witnessed by the security manager, with the date, method and witness recorded. When a contractor disposes, obtain a certificate of destruction.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3A';
INSERT INTO classification_class (scheme_code, axis, code, rank, name_ja, name_en, definition_ja, definition_en)
VALUES ('r6.10', 'C', '3B', 4, '自治体機密性3B', 'Municipal confidentiality 3B',
        '行政事務で取り扱う情報資産のうち、漏えい等が生じた際に、住民の権利利益に重大な影響を及ぼす、又は行政事務の遂行に重大な支障を及ぼすおそれがある情報資産(3Aを除く。)',
        'Information assets whose leak would gravely harm individuals'' rights and interests or the body''s work (other than 3A).');
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'labelling', '「機密性3B」と文書・媒体・ファイル名・画面に表示する。',
       'Mark documents, media, file names and screens "機密性3B".'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3B';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'storage', 'アクセス権を業務上必要な者に限定したサーバ領域に保存し、暗号化する。紙・記録媒体は施錠できる書庫に保管する。貸与端末以外への保存は禁止する。',
       'Store on a server area restricted to those whose work needs it, encrypted. Paper and media in a locked cabinet. Never on anything but issued devices.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3B';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'transmission', '外部への送信は情報セキュリティ管理者の許可を得て、暗号化し、パスワードは別経路で通知する。紙・記録媒体は封緘し、手渡し又は追跡可能な方法で送付する。',
       'Sending outside needs the security manager''s permission, encrypted, the password by another route. Paper and media are sealed and go by hand or a traceable service.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3B';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'taking_out', '持ち出しは情報セキュリティ管理者の許可を得て、貸与された暗号化記録媒体又は施錠できるかばんで行い、持出し・返却を記録する。',
       'Taking out needs the security manager''s permission, on an issued encrypted medium or in a locked bag, taking out and return recorded.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3B';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'copying', '複製は業務上必要な最小限とし、複製物にも同じ区分を表示する。',
       'Copies only as far as the work needs, each marked with the same class.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3B';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'printing', '印刷は必要最小限とし、認証印刷を用い、出力物を放置しない。',
       'Print only what is needed, by authenticated printing, never left at the printer.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3B';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'disposal', '紙は溶解又はクロスカット細断、記録媒体は物理的破壊又は復元不可能な消去により廃棄し、日時・方法・立会者を記録する。',
       'Pulp or cross-cut shred paper; destroy media or wipe them beyond recovery; record date, method and witness.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3B';
INSERT INTO classification_class (scheme_code, axis, code, rank, name_ja, name_en, definition_ja, definition_en)
VALUES ('r6.10', 'C', '3C', 3, '自治体機密性3C', 'Municipal confidentiality 3C',
        '行政事務で取り扱う情報資産のうち、漏えい等が生じた際に、住民の権利利益又は行政事務の遂行に影響(軽微なものを除く。)を及ぼすおそれがある情報資産(3A及び3Bを除く。)',
        'Information assets whose leak would harm individuals'' rights and interests or the body''s work more than slightly (other than 3A and 3B).');
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'labelling', '「機密性3C」と文書・媒体・ファイル名に表示する。',
       'Mark documents, media and file names "機密性3C".'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3C';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'storage', 'アクセス権を所属又は業務担当者に限定したサーバ領域に保存する。紙・記録媒体は施錠できる書庫に保管する。貸与端末以外への保存は禁止する。',
       'Store on a server area restricted to the section or those in charge. Paper and media in a locked cabinet. Never on anything but issued devices.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3C';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'transmission', '外部へ送信する場合は暗号化し、パスワードは別経路で通知する。紙は封筒に入れ封緘して送付する。',
       'Encrypt what is sent outside, the password by another route. Paper goes in a sealed envelope.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3C';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'taking_out', '持ち出しは所属長の承認を得て、貸与された暗号化記録媒体を用いる。',
       'Taking out needs the head of section''s approval, on an issued encrypted medium.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3C';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'copying', '複製・配布は業務上必要な範囲に限る。',
       'Copies and distribution only as far as the work needs.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3C';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'printing', '出力物を放置せず、不要になった出力物は速やかに回収する。',
       'Never leave printouts at the printer; collect unneeded ones at once.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3C';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'disposal', '紙は細断、記録媒体は復元不可能な消去又は物理的破壊により廃棄し、記録する。',
       'Shred paper; wipe media beyond recovery or destroy them; record the disposal.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '3C';
INSERT INTO classification_class (scheme_code, axis, code, rank, name_ja, name_en, definition_ja, definition_en)
VALUES ('r6.10', 'C', '2', 2, '自治体機密性2', 'Municipal confidentiality 2',
        '行政事務で取り扱う情報資産のうち、秘密文書に相当する機密性は要しないが、直ちに一般に公表することを前提としていない情報資産',
        'Information assets that need not the confidentiality of a secret document but are not meant to be published at once.');
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'labelling', '必要に応じて「機密性2」と表示する(「取扱注意」等)。',
       'Mark "機密性2" (or 取扱注意) where needed.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'storage', '貸与端末及び庁内のサーバに保存し、所属外の者がアクセスできない場所に保管する。私物端末への保存は禁止する。',
       'Keep on issued devices and the body''s servers, where people outside the section cannot reach it. Never on private devices.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'transmission', '外部へ送信する場合は、送信先を確認し、必要に応じて暗号化する。',
       'Check the recipient before sending outside; encrypt where needed.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'taking_out', '持ち出しは所属長に届け出て、貸与された記録媒体又は施錠できるかばんを用いる。',
       'Tell the head of section before taking it out; use an issued medium or a locked bag.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'copying', '業務上必要な範囲を超えて複製・配布しない。',
       'No copies or distribution beyond what the work needs.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'printing', '出力物を放置しない。',
       'Never leave printouts at the printer.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'disposal', '紙は細断、記録媒体は復元できない方法で消去してから廃棄する。',
       'Shred paper; erase media so nothing can be recovered before disposing of them.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '2';
INSERT INTO classification_class (scheme_code, axis, code, rank, name_ja, name_en, definition_ja, definition_en)
VALUES ('r6.10', 'C', '1', 1, '自治体機密性1', 'Municipal confidentiality 1',
        '機密性2又は機密性3(3A、3B、3C)の情報資産以外の情報資産',
        'Information assets other than those of confidentiality 2 or 3 (3A, 3B, 3C).');
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'labelling', '表示は不要。',
       'No marking needed.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'storage', '特段の制限なし。ただし庁内の管理された場所に保存する。',
       'No restriction, beyond keeping it in the body''s managed places.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'transmission', '特段の制限なし。',
       'No restriction.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'taking_out', '特段の制限なし。',
       'No restriction.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'copying', '特段の制限なし。',
       'No restriction.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'printing', '特段の制限なし。',
       'No restriction.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'disposal', '通常の方法で廃棄する(公開前の資料は細断する)。',
       'Ordinary disposal (shred drafts not yet published).'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'C' AND code = '1';
INSERT INTO classification_class (scheme_code, axis, code, rank, name_ja, name_en, definition_ja, definition_en)
VALUES ('r6.10', 'I', '2', 2, '完全性2', 'Integrity 2',
        '行政事務で取り扱う情報資産のうち、改ざん、誤びゅう又は破損により、住民の権利が侵害される又は行政事務の適確な遂行に支障(軽微なものを除く。)を及ぼすおそれがある情報資産',
        'Information assets whose tampering, error or damage could infringe residents'' rights or hinder the proper conduct of the body''s work (more than slightly).');
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'labelling', '「完全性2」と台帳及び必要に応じて文書・画面に表示する。',
       'Record "完全性2" in the ledger, and mark documents and screens where needed.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'I' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'storage', '定期的にバックアップを取得し、改ざん検知(アクセスログ、ハッシュ値)を行う。更新できる者を限定する。',
       'Take regular backups and detect tampering (access logs, hashes); limit who may change it.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'I' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'transmission', '電子署名又はハッシュ値により改ざんされていないことを確認できる方法で送受信する。',
       'Send and receive so that integrity can be checked: an electronic signature or a hash.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'I' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'taking_out', '原本は持ち出さず、複製を持ち出す。',
       'Take out a copy, never the original.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'I' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'copying', '複製は原本と照合し、正本を明示する。',
       'Check copies against the original; mark which one is authoritative.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'I' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'printing', '出力内容が最新で正確であることを確認する。',
       'Check that what is printed is current and correct.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'I' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'disposal', '保存期間の満了と、必要なバックアップ・引継ぎが済んでいることを確認してから廃棄する。',
       'Dispose only when the retention period has ended and any needed backup or hand-over is done.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'I' AND code = '2';
INSERT INTO classification_class (scheme_code, axis, code, rank, name_ja, name_en, definition_ja, definition_en)
VALUES ('r6.10', 'I', '1', 1, '完全性1', 'Integrity 1',
        '完全性2の情報資産以外の情報資産',
        'Information assets other than those of integrity 2.');
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'labelling', '表示は不要。',
       'No marking needed.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'I' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'storage', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'I' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'transmission', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'I' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'taking_out', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'I' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'copying', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'I' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'printing', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'I' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'disposal', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'I' AND code = '1';
INSERT INTO classification_class (scheme_code, axis, code, rank, name_ja, name_en, definition_ja, definition_en)
VALUES ('r6.10', 'A', '2', 2, '可用性2', 'Availability 2',
        '行政事務で取り扱う情報資産のうち、滅失、紛失又は当該情報資産が利用不可能であることにより、住民の権利が侵害される又は行政事務の安定的な遂行に支障(軽微なものを除く。)を及ぼすおそれがある情報資産',
        'Information assets whose loss or unavailability could infringe residents'' rights or hinder the steady conduct of the body''s work (more than slightly).');
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'labelling', '「可用性2」と台帳に記録する。',
       'Record "可用性2" in the ledger.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'A' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'storage', '定期的にバックアップを取得して別の場所に保管し、目標復旧時間(例:業務継続計画に定める時間内)を定め、復旧手順を訓練する。冗長化又は代替手段を用意する。',
       'Take regular backups kept in another place, set a recovery time objective (for example the time the business continuity plan sets) and rehearse the recovery; provide redundancy or a fallback.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'A' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'transmission', '通信経路の障害に備え、代替の送受信手段を定める。',
       'Have an alternative way to send and receive when the link fails.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'A' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'taking_out', '持ち出しにより業務が止まらないよう、原本又は稼働系を庁内に残す。',
       'Keep the original or the running system on the premises so taking a copy out stops no work.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'A' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'copying', 'バックアップとしての複製を定期的に取得する。',
       'Make copies as backups at regular intervals.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'A' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'printing', '障害時に必要な手順書・連絡先を印刷して備える。',
       'Keep printed procedures and contacts for an outage.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'A' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'disposal', '後継の資産への移行と利用者への周知が済んでから廃棄する。',
       'Dispose only after the move to a successor and notice to its users.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'A' AND code = '2';
INSERT INTO classification_class (scheme_code, axis, code, rank, name_ja, name_en, definition_ja, definition_en)
VALUES ('r6.10', 'A', '1', 1, '可用性1', 'Availability 1',
        '可用性2の情報資産以外の情報資産',
        'Information assets other than those of availability 2.');
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'labelling', '表示は不要。',
       'No marking needed.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'A' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'storage', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'A' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'transmission', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'A' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'taking_out', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'A' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'copying', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'A' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'printing', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'A' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'disposal', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'r6.10' AND axis = 'A' AND code = '1';
INSERT INTO classification_scheme (code, name_ja, name_en, in_force) VALUES ('pre-2024', '総務省ガイドライン 令和6年10月改定前', 'MIC guideline before the October 2024 revision', 0);
INSERT INTO classification_class (scheme_code, axis, code, rank, name_ja, name_en, definition_ja, definition_en)
VALUES ('pre-2024', 'C', '3', 5, '機密性3', 'Confidentiality 3',
        '行政事務で取り扱う情報資産のうち、秘密文書に相当する機密性を要する情報資産',
        'Information assets that need the confidentiality of a secret document.');
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'labelling', '文書・媒体・ファイル名・画面の見やすい位置に「機密性3」と表示する。表示できない電子データは、格納先フォルダ又はシステムの画面で区分が分かるようにする。',
       'Mark documents, media, file names and screens visibly "機密性3"; where data cannot be marked, the folder or system screen shows the class.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '3';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'storage', 'マイナンバー利用事務系又は情報システム管理者が指定したサーバ上の、アクセス権を必要最小限の者に限定した領域に保存し、暗号化する。紙・記録媒体は施錠できる書庫・金庫に保管し、鍵は情報セキュリティ管理者が管理する。貸与端末以外への保存は禁止する。',
       'Store only on the マイナンバー利用事務系 or a server the system manager designates, in an area restricted to the fewest people needed, encrypted. Paper and media go in a locked cabinet or safe whose key the section''s security manager keeps. Never on anything but issued devices.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '3';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'transmission', '原則として外部への送信を禁止する。業務上やむを得ない場合は情報セキュリティ管理者の許可を得て、LGWAN等の閉域網で、暗号化し、パスワードは別経路で通知する。電子メールへの添付は行わない。紙・記録媒体の送付は施錠できる容器に入れ、手渡し又は追跡可能な方法による。',
       'No sending outside as a rule. Where unavoidable, with the security manager''s permission, over a closed network such as LGWAN, encrypted, the password sent by another route; never as an e-mail attachment. Paper and media travel in a locked case, by hand or a traceable service.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '3';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'taking_out', '庁舎外への持ち出しは禁止する。やむを得ない場合は情報セキュリティ責任者の許可を得て、貸与された暗号化記録媒体を用い、施錠できるかばんに入れて常に携行し、持出し・返却を台帳に記録する。',
       'No taking out of the premises. Where unavoidable, with the department head''s permission, on an issued encrypted medium, in a locked bag always carried, each taking out and return recorded in the register.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '3';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'copying', '複製は原則禁止する。業務上必要な場合は情報セキュリティ管理者の許可を得て必要最小限とし、複製物にも同じ区分を表示し、台帳に記録する。',
       'No copies as a rule. Where needed, with the security manager''s permission, as few as needed, each marked with the same class and recorded in the register.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '3';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'printing', '印刷は必要最小限とし、認証印刷(プリンタでの本人確認後に出力)を用い、出力物を放置しない。印刷した部数を記録する。',
       'Print only what is needed, by authenticated printing (released at the printer), never left at the printer; the number of copies printed is recorded.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '3';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'disposal', '紙は溶解処理又は細断(クロスカット)により、記録媒体は物理的破壊又は復元不可能な消去ソフトにより廃棄し、情報セキュリティ管理者が立ち会い、廃棄の日時・方法・立会者を記録する。委託する場合は廃棄証明書を受領する。',
       'Paper is pulped or cross-cut shredded; media are physically destroyed or wiped so nothing can be recovered, witnessed by the security manager, with the date, method and witness recorded. When a contractor disposes, obtain a certificate of destruction.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '3';
INSERT INTO classification_class (scheme_code, axis, code, rank, name_ja, name_en, definition_ja, definition_en)
VALUES ('pre-2024', 'C', '2', 2, '機密性2', 'Confidentiality 2',
        '行政事務で取り扱う情報資産のうち、秘密文書に相当する機密性は要しないが、直ちに一般に公表することを前提としていない情報資産',
        'Information assets that need not the confidentiality of a secret document but are not meant to be published at once.');
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'labelling', '必要に応じて「機密性2」と表示する(「取扱注意」等)。',
       'Mark "機密性2" (or 取扱注意) where needed.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'storage', '貸与端末及び庁内のサーバに保存し、所属外の者がアクセスできない場所に保管する。私物端末への保存は禁止する。',
       'Keep on issued devices and the body''s servers, where people outside the section cannot reach it. Never on private devices.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'transmission', '外部へ送信する場合は、送信先を確認し、必要に応じて暗号化する。',
       'Check the recipient before sending outside; encrypt where needed.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'taking_out', '持ち出しは所属長に届け出て、貸与された記録媒体又は施錠できるかばんを用いる。',
       'Tell the head of section before taking it out; use an issued medium or a locked bag.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'copying', '業務上必要な範囲を超えて複製・配布しない。',
       'No copies or distribution beyond what the work needs.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'printing', '出力物を放置しない。',
       'Never leave printouts at the printer.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'disposal', '紙は細断、記録媒体は復元できない方法で消去してから廃棄する。',
       'Shred paper; erase media so nothing can be recovered before disposing of them.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '2';
INSERT INTO classification_class (scheme_code, axis, code, rank, name_ja, name_en, definition_ja, definition_en)
VALUES ('pre-2024', 'C', '1', 1, '機密性1', 'Confidentiality 1',
        '機密性2又は機密性3の情報資産以外の情報資産',
        'Information assets other than those of confidentiality 2 or 3.');
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'labelling', '表示は不要。',
       'No marking needed.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'storage', '特段の制限なし。ただし庁内の管理された場所に保存する。',
       'No restriction, beyond keeping it in the body''s managed places.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'transmission', '特段の制限なし。',
       'No restriction.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'taking_out', '特段の制限なし。',
       'No restriction.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'copying', '特段の制限なし。',
       'No restriction.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'printing', '特段の制限なし。',
       'No restriction.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'disposal', '通常の方法で廃棄する(公開前の資料は細断する)。',
       'Ordinary disposal (shred drafts not yet published).'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'C' AND code = '1';
INSERT INTO classification_class (scheme_code, axis, code, rank, name_ja, name_en, definition_ja, definition_en)
VALUES ('pre-2024', 'I', '2', 2, '完全性2', 'Integrity 2',
        '行政事務で取り扱う情報資産のうち、改ざん、誤びゅう又は破損により、住民の権利が侵害される又は行政事務の適確な遂行に支障(軽微なものを除く。)を及ぼすおそれがある情報資産',
        'Information assets whose tampering, error or damage could infringe residents'' rights or hinder the proper conduct of the body''s work (more than slightly).');
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'labelling', '「完全性2」と台帳及び必要に応じて文書・画面に表示する。',
       'Record "完全性2" in the ledger, and mark documents and screens where needed.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'I' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'storage', '定期的にバックアップを取得し、改ざん検知(アクセスログ、ハッシュ値)を行う。更新できる者を限定する。',
       'Take regular backups and detect tampering (access logs, hashes); limit who may change it.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'I' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'transmission', '電子署名又はハッシュ値により改ざんされていないことを確認できる方法で送受信する。',
       'Send and receive so that integrity can be checked: an electronic signature or a hash.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'I' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'taking_out', '原本は持ち出さず、複製を持ち出す。',
       'Take out a copy, never the original.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'I' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'copying', '複製は原本と照合し、正本を明示する。',
       'Check copies against the original; mark which one is authoritative.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'I' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'printing', '出力内容が最新で正確であることを確認する。',
       'Check that what is printed is current and correct.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'I' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'disposal', '保存期間の満了と、必要なバックアップ・引継ぎが済んでいることを確認してから廃棄する。',
       'Dispose only when the retention period has ended and any needed backup or hand-over is done.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'I' AND code = '2';
INSERT INTO classification_class (scheme_code, axis, code, rank, name_ja, name_en, definition_ja, definition_en)
VALUES ('pre-2024', 'I', '1', 1, '完全性1', 'Integrity 1',
        '完全性2の情報資産以外の情報資産',
        'Information assets other than those of integrity 2.');
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'labelling', '表示は不要。',
       'No marking needed.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'I' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'storage', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'I' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'transmission', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'I' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'taking_out', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'I' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'copying', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'I' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'printing', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'I' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'disposal', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'I' AND code = '1';
INSERT INTO classification_class (scheme_code, axis, code, rank, name_ja, name_en, definition_ja, definition_en)
VALUES ('pre-2024', 'A', '2', 2, '可用性2', 'Availability 2',
        '行政事務で取り扱う情報資産のうち、滅失、紛失又は当該情報資産が利用不可能であることにより、住民の権利が侵害される又は行政事務の安定的な遂行に支障(軽微なものを除く。)を及ぼすおそれがある情報資産',
        'Information assets whose loss or unavailability could infringe residents'' rights or hinder the steady conduct of the body''s work (more than slightly).');
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'labelling', '「可用性2」と台帳に記録する。',
       'Record "可用性2" in the ledger.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'A' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'storage', '定期的にバックアップを取得して別の場所に保管し、目標復旧時間(例:業務継続計画に定める時間内)を定め、復旧手順を訓練する。冗長化又は代替手段を用意する。',
       'Take regular backups kept in another place, set a recovery time objective (for example the time the business continuity plan sets) and rehearse the recovery; provide redundancy or a fallback.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'A' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'transmission', '通信経路の障害に備え、代替の送受信手段を定める。',
       'Have an alternative way to send and receive when the link fails.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'A' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'taking_out', '持ち出しにより業務が止まらないよう、原本又は稼働系を庁内に残す。',
       'Keep the original or the running system on the premises so taking a copy out stops no work.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'A' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'copying', 'バックアップとしての複製を定期的に取得する。',
       'Make copies as backups at regular intervals.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'A' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'printing', '障害時に必要な手順書・連絡先を印刷して備える。',
       'Keep printed procedures and contacts for an outage.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'A' AND code = '2';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'disposal', '後継の資産への移行と利用者への周知が済んでから廃棄する。',
       'Dispose only after the move to a successor and notice to its users.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'A' AND code = '2';
INSERT INTO classification_class (scheme_code, axis, code, rank, name_ja, name_en, definition_ja, definition_en)
VALUES ('pre-2024', 'A', '1', 1, '可用性1', 'Availability 1',
        '可用性2の情報資産以外の情報資産',
        'Information assets other than those of availability 2.');
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'labelling', '表示は不要。',
       'No marking needed.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'A' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'storage', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'A' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'transmission', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'A' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'taking_out', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'A' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'copying', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'A' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'printing', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'A' AND code = '1';
INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)
SELECT id, 'disposal', '特段の定めなし。',
       'No specific rule.'
FROM classification_class WHERE scheme_code = 'pre-2024' AND axis = 'A' AND code = '1';

-- Editing the scheme (definitions, rules, the preset in force) is the CISO's (第9条, 第10条).
INSERT INTO permission (code, name_ja, name_en) VALUES ('classification.manage', '情報の区分の管理', 'Manage the classification scheme');
INSERT INTO role_permission (role_code, permission_code) VALUES ('ciso', 'classification.manage');
