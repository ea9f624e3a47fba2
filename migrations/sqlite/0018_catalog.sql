-- Threats (第2条(6)), the standards catalog (対策基準, 第5条, 第6条) and the legal register
-- (第13条; DESIGN §3). All three are data the CISO and 統括 keep (catalog.manage), never
-- deleted: an item that no longer applies is deactivated. Requirements are written
-- against class RANKS and network segments (DESIGN §4), never against a preset's class
-- ids, so a change of preset keeps what applies to each asset. Every edit of a
-- requirement is a new row of requirement_version, as asset_version does for assets.
-- Keep in step with migrations/{sqlite,postgres}/0018_catalog.sql (the data part below
-- the schema is identical in both).
CREATE TABLE threat (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,          -- T-N01 …: stable, for links and imports
    kind        TEXT NOT NULL CHECK (kind IN ('natural', 'system', 'human')),  -- 自然, 情報システム, 人的
    name_ja     TEXT NOT NULL,
    name_en     TEXT,
    description TEXT,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE law (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,        -- appi, mynumber, …
    name_ja       TEXT NOT NULL,               -- the law's title
    short_name_ja TEXT,                        -- its usual short name (個人情報保護法)
    name_en       TEXT,
    number        TEXT,                        -- 法令番号 (平成15年法律第57号)
    description   TEXT,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE law_article (
    id       INTEGER PRIMARY KEY,
    law_id   INTEGER NOT NULL REFERENCES law(id),
    number   TEXT NOT NULL,                    -- 第34条, 第244条の6
    title_ja TEXT NOT NULL,
    title_en TEXT,
    sort     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (law_id, number)
);

-- A requirement is an item of the catalog or a group of items (a requirement with
-- children); what applies to assets and units are the items (the leaves). scope says
-- whether an item is carried out per asset or per unit.
CREATE TABLE requirement (
    id           INTEGER PRIMARY KEY,
    parent_id    INTEGER REFERENCES requirement(id),
    code         TEXT NOT NULL UNIQUE,         -- PHY-01 …
    measure_kind TEXT NOT NULL CHECK (measure_kind IN
                 ('physical', 'human', 'technical', 'development', 'operational', 'network')),
    scope        TEXT NOT NULL CHECK (scope IN ('asset', 'unit')),
    title_ja     TEXT NOT NULL,
    title_en     TEXT,
    text         TEXT,                         -- Markdown source
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at   TEXT NOT NULL,
    created_by   INTEGER REFERENCES person(id),
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX requirement_parent ON requirement(parent_id);
CREATE TABLE requirement_tag (
    requirement_id INTEGER NOT NULL REFERENCES requirement(id),
    tag            TEXT NOT NULL,              -- 業務委託, 評価・見直し, …
    PRIMARY KEY (requirement_id, tag)
);
CREATE INDEX requirement_tag_tag ON requirement_tag(tag);
-- Where an item applies. Within a row every condition given must hold (the asset's kind,
-- its segment, its personal-data flag, its rank on one axis at least min_rank); an item
-- applies to an asset when any of its rows holds, and to every asset when it has none.
CREATE TABLE requirement_applies (
    id             INTEGER PRIMARY KEY,
    requirement_id INTEGER NOT NULL REFERENCES requirement(id),
    asset_kind     TEXT CHECK (asset_kind IN ('information', 'system', 'network', 'medium', 'document', 'equipment')),
    segment        TEXT CHECK (segment IN ('mynumber', 'lgwan', 'internet', 'standalone', 'other')),
    axis           TEXT CHECK (axis IN ('C', 'I', 'A')),
    min_rank       INTEGER CHECK (min_rank BETWEEN 1 AND 9),
    personal_data  INTEGER CHECK (personal_data IN (0, 1)),
    CHECK ((axis IS NULL) = (min_rank IS NULL)),
    CHECK (asset_kind IS NOT NULL OR segment IS NOT NULL OR axis IS NOT NULL OR personal_data IS NOT NULL)
);
CREATE INDEX requirement_applies_req ON requirement_applies(requirement_id);
CREATE TABLE requirement_threat (
    requirement_id INTEGER NOT NULL REFERENCES requirement(id),
    threat_id      INTEGER NOT NULL REFERENCES threat(id),
    PRIMARY KEY (requirement_id, threat_id)
);
CREATE INDEX requirement_threat_threat ON requirement_threat(threat_id);
-- The laws an item implements, with the article where one is named.
CREATE TABLE requirement_law (
    id             INTEGER PRIMARY KEY,
    requirement_id INTEGER NOT NULL REFERENCES requirement(id),
    law_id         INTEGER NOT NULL REFERENCES law(id),
    article_id     INTEGER REFERENCES law_article(id)
);
CREATE UNIQUE INDEX requirement_law_unique ON requirement_law(requirement_id, law_id, COALESCE(article_id, 0));
CREATE INDEX requirement_law_law ON requirement_law(law_id);
-- Every version of every item as it was from changed_at on; links holds its tags,
-- applicability, threats and laws as JSON (NULL for the versions mamori shipped, whose
-- links are those the migration inserted).
CREATE TABLE requirement_version (
    id             INTEGER PRIMARY KEY,
    requirement_id INTEGER NOT NULL REFERENCES requirement(id),
    version        INTEGER NOT NULL,
    change         TEXT NOT NULL CHECK (change IN ('create', 'update')),
    changed_at     TEXT NOT NULL,
    changed_by     INTEGER REFERENCES person(id),
    parent_id      INTEGER,
    code           TEXT NOT NULL,
    measure_kind   TEXT NOT NULL,
    scope          TEXT NOT NULL,
    title_ja       TEXT NOT NULL,
    title_en       TEXT,
    text           TEXT,
    active         INTEGER NOT NULL,
    links          TEXT,
    UNIQUE (requirement_id, version)
);

-- Who reads and keeps the catalog (第10条, 第11条, DESIGN §2). The standards are not
-- public, but every member of staff must follow them: every role reads them (the
-- committee too, which approves them). The CISO and 統括 keep them.
INSERT INTO permission (code, name_ja, name_en) VALUES ('catalog.read', '対策基準・脅威・法令の閲覧', 'Read the standards catalog, threats and laws');
INSERT INTO permission (code, name_ja, name_en) VALUES ('catalog.manage', '対策基準・脅威・法令の管理', 'Keep the standards catalog, threats and laws');
INSERT INTO role_permission (role_code, permission_code) SELECT code, 'catalog.read' FROM role;
INSERT INTO role_permission (role_code, permission_code) VALUES ('ciso', 'catalog.manage');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_director', 'catalog.manage');

-- The built-in threat catalog (第2条(6)): common threats to a municipal body, by kind.
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-N01', 'natural', '地震', 'Earthquake', '揺れによる機器の転倒・損壊、庁舎の被災、長期の停電や通信断。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-N02', 'natural', '火災', 'Fire', '庁舎・サーバ室の火災、消火による機器や紙文書の損傷。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-N03', 'natural', '水害', 'Flood', '豪雨・河川氾濫・漏水による浸水で機器や書庫が使えなくなること。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-N04', 'natural', '落雷', 'Lightning', '落雷による過電流(雷サージ)での機器の故障、停電。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-N05', 'natural', '感染症の流行', 'Pandemic', '職員の多数欠勤により運用や保守が続けられなくなること。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-S01', 'system', '停電', 'Power failure', '商用電源の停止・瞬断による業務停止やデータの破損。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-S02', 'system', '機器故障', 'Hardware failure', 'サーバ・ストレージ・端末・ネットワーク機器の故障。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-S03', 'system', 'ソフトウェアの不具合', 'Software defect', 'プログラムの誤りによる誤った処理、データの破損、停止。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-S04', 'system', '回線障害', 'Network outage', 'LGWAN・インターネット回線・庁内LANの障害による通信断。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-S05', 'system', 'パッチ未適用の脆弱性', 'Unpatched vulnerability', '修正プログラムを適用していない既知の脆弱性が攻撃に使われること。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-S06', 'system', '保守期限切れのソフトウェア', 'Unsupported software', 'サポートが終了し修正が提供されない製品を使い続けること。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-S07', 'system', '容量・性能の不足', 'Capacity shortage', '記憶容量や処理能力が足りず、処理の遅延や停止を招くこと。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-S08', 'system', '外部サービスの停止', 'Outside service outage', 'クラウド等の外部サービス事業者の障害や撤退。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-H01', 'human', 'マルウェア感染', 'Malware infection', '不正プログラムの感染による情報の漏えい・改ざん・破壊。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-H02', 'human', '不正アクセス', 'Unauthorised access', '他人の識別符号の悪用や脆弱性を突いた侵入。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-H03', 'human', '標的型攻撃メール', 'Targeted phishing mail', '業務を装ったメールの添付ファイルやリンクによる侵入の足掛かり。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-H04', 'human', 'ランサムウェア', 'Ransomware', 'データを暗号化して使えなくし、身代金を要求する攻撃。バックアップも狙われる。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-H05', 'human', 'DoS攻撃', 'Denial of service', '大量の通信による公開サービスや回線の停止。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-H06', 'human', '誤操作', 'Misoperation', '操作の誤りによるデータの消去・改ざん・誤った処理。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-H07', 'human', '誤送信', 'Misdirected transmission', '電子メール・FAX・郵送の宛先誤りや添付誤りによる漏えい。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-H08', 'human', '紛失・盗難', 'Loss or theft', '端末・記録媒体・書類の置き忘れや盗難。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-H09', 'human', '内部不正', 'Insider misuse', '権限を持つ職員等による目的外の閲覧・持ち出し・改ざん。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-H10', 'human', 'なりすまし', 'Impersonation', '他人の ID・パスワードや名義を使って利用者や送信者を装うこと。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-H11', 'human', '情報の持ち出し', 'Unauthorised taking out', '許可のない記録媒体・私物端末・外部サービスへの複製や持ち出し。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-H12', 'human', '委託先からの漏えい', 'Leak at a contractor', '委託先・再委託先での管理不備や不正による漏えい。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-H13', 'human', '不適切な廃棄', 'Improper disposal', '消去や破砕をしないままの廃棄・返却・売却による漏えい。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-H14', 'human', '設定ミス', 'Misconfiguration', 'アクセス権や公開範囲、機器設定の誤りによる漏えいや停止。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-H15', 'human', '物理的な侵入', 'Physical intrusion', '権限のない者のサーバ室・執務室への立入り、機器への接触。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-H16', 'human', 'のぞき見', 'Shoulder surfing', '画面や書類を第三者に見られることによる漏えい。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO threat (code, kind, name_ja, name_en, description, created_at, updated_at) VALUES ('T-H17', 'human', 'サプライチェーン攻撃', 'Supply-chain attack', '製品や委託先・保守経路を経由した攻撃。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');

-- The legal register (第13条): the laws the policy's subjects follow, with the articles the catalog cites.
INSERT INTO law (code, name_ja, short_name_ja, name_en, number, description, created_at, updated_at) VALUES ('appi', '個人情報の保護に関する法律', '個人情報保護法', 'Act on the Protection of Personal Information', '平成15年法律第57号', '令和3年改正により地方公共団体の機関にも直接適用される。保有個人情報の安全管理、従事者の義務、漏えい等の報告を定める。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第61条', '個人情報の保有の制限等', 'Limits on holding personal information', 1 FROM law WHERE code = 'appi';
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第66条', '安全管理措置', 'Security control measures', 2 FROM law WHERE code = 'appi';
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第67条', '従事者の義務', 'Duties of those engaged in the work', 3 FROM law WHERE code = 'appi';
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第68条', '漏えい等の報告等', 'Reporting of leaks', 4 FROM law WHERE code = 'appi';
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第69条', '利用及び提供の制限', 'Limits on use and provision', 5 FROM law WHERE code = 'appi';
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第176条', '罰則(個人情報ファイルの提供)', 'Penalty (providing a personal information file)', 6 FROM law WHERE code = 'appi';
INSERT INTO law (code, name_ja, short_name_ja, name_en, number, description, created_at, updated_at) VALUES ('mynumber', '行政手続における特定の個人を識別するための番号の利用等に関する法律', '番号法', 'Act on the Use of Numbers to Identify a Specific Individual in Administrative Procedures (My Number Act)', '平成25年法律第27号', '個人番号(マイナンバー)と特定個人情報の取扱いを定める。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第10条', '再委託', 'Re-outsourcing', 1 FROM law WHERE code = 'mynumber';
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第11条', '委託先の監督', 'Supervision of contractors', 2 FROM law WHERE code = 'mynumber';
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第12条', '個人番号利用事務実施者等の責務', 'Duties of those who use individual numbers', 3 FROM law WHERE code = 'mynumber';
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第19条', '特定個人情報の提供の制限', 'Limits on providing specific personal information', 4 FROM law WHERE code = 'mynumber';
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第20条', '収集等の制限', 'Limits on collecting', 5 FROM law WHERE code = 'mynumber';
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第48条', '罰則(特定個人情報ファイルの提供)', 'Penalty (providing a specific personal information file)', 6 FROM law WHERE code = 'mynumber';
INSERT INTO law (code, name_ja, short_name_ja, name_en, number, description, created_at, updated_at) VALUES ('cybersecurity', 'サイバーセキュリティ基本法', 'サイバーセキュリティ基本法', 'Basic Act on Cybersecurity', '平成26年法律第104号', 'サイバーセキュリティに関する施策の基本理念と、国・地方公共団体等の責務を定める。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第5条', '地方公共団体の責務', 'Duties of local governments', 1 FROM law WHERE code = 'cybersecurity';
INSERT INTO law (code, name_ja, short_name_ja, name_en, number, description, created_at, updated_at) VALUES ('unauthorized_access', '不正アクセス行為の禁止等に関する法律', '不正アクセス禁止法', 'Act on the Prohibition of Unauthorised Computer Access', '平成11年法律第128号', '不正アクセス行為と識別符号の不正取得等を禁じ、アクセス管理者に防御措置を求める。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第3条', '不正アクセス行為の禁止', 'Prohibition of unauthorised access', 1 FROM law WHERE code = 'unauthorized_access';
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第4条', '他人の識別符号を不正に取得する行為の禁止', 'Prohibition of obtaining another''s identification code', 2 FROM law WHERE code = 'unauthorized_access';
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第8条', 'アクセス管理者による防御措置', 'Protective measures by access administrators', 3 FROM law WHERE code = 'unauthorized_access';
INSERT INTO law (code, name_ja, short_name_ja, name_en, number, description, created_at, updated_at) VALUES ('local_public_service', '地方公務員法', '地方公務員法', 'Local Public Service Act', '昭和25年法律第261号', '職員の服務を定める。秘密を守る義務は退職後も続く。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第32条', '法令等及び上司の職務上の命令に従う義務', 'Duty to obey laws and superiors'' orders', 1 FROM law WHERE code = 'local_public_service';
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第34条', '秘密を守る義務', 'Duty of confidentiality', 2 FROM law WHERE code = 'local_public_service';
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第39条', '研修', 'Training', 3 FROM law WHERE code = 'local_public_service';
INSERT INTO law (code, name_ja, short_name_ja, name_en, number, description, created_at, updated_at) VALUES ('local_autonomy', '地方自治法', '地方自治法', 'Local Autonomy Act', '昭和22年法律第67号', '令和6年改正(令和8年4月1日施行)により、サイバーセキュリティの確保の方針を定め、必要な措置を講じ、方針を公表することが求められる。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第244条の6', 'サイバーセキュリティの確保の方針等', 'Cybersecurity policy (2024 amendment, in force 2026-04-01)', 1 FROM law WHERE code = 'local_autonomy';
INSERT INTO law (code, name_ja, short_name_ja, name_en, number, description, created_at, updated_at) VALUES ('e_signature', '電子署名及び認証業務に関する法律', '電子署名法', 'Act on Electronic Signatures and Certification Business', '平成12年法律第102号', '本人による電子署名が行われた電磁的記録の真正な成立の推定等を定める。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第3条', '電磁的記録の真正な成立の推定', 'Presumption of authenticity of electronic records', 1 FROM law WHERE code = 'e_signature';
INSERT INTO law (code, name_ja, short_name_ja, name_en, number, description, created_at, updated_at) VALUES ('public_records', '公文書等の管理に関する法律', '公文書管理法', 'Public Records and Archives Management Act', '平成21年法律第66号', '公文書の作成・保存・廃棄の在り方を定める。地方公共団体にも文書の適正な管理の努力義務がある。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT id, '第34条', '地方公共団体の文書管理', 'Records management by local governments', 1 FROM law WHERE code = 'public_records';

-- mamori's default standards catalog (対策基準, 第6条): groups per measure kind (第5条), then items.
INSERT INTO requirement (code, measure_kind, scope, title_ja, title_en, created_at, updated_at) VALUES ('PHY-A', 'physical', 'unit', 'サーバ室等の管理', 'Server rooms and installations', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO requirement (code, measure_kind, scope, title_ja, title_en, created_at, updated_at) VALUES ('PHY-B', 'physical', 'unit', '執務室と端末', 'Offices and devices', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO requirement (code, measure_kind, scope, title_ja, title_en, created_at, updated_at) VALUES ('PHY-C', 'physical', 'unit', '記録媒体と廃棄', 'Media and disposal', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO requirement (code, measure_kind, scope, title_ja, title_en, created_at, updated_at) VALUES ('HUM-A', 'human', 'unit', '教育と訓練', 'Education and training', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO requirement (code, measure_kind, scope, title_ja, title_en, created_at, updated_at) VALUES ('HUM-B', 'human', 'unit', '遵守と守秘', 'Compliance and confidentiality', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO requirement (code, measure_kind, scope, title_ja, title_en, created_at, updated_at) VALUES ('HUM-C', 'human', 'unit', '報告と人事手続', 'Reporting and personnel procedures', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO requirement (code, measure_kind, scope, title_ja, title_en, created_at, updated_at) VALUES ('TEC-A', 'technical', 'unit', 'アクセス制御', 'Access control', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO requirement (code, measure_kind, scope, title_ja, title_en, created_at, updated_at) VALUES ('TEC-B', 'technical', 'unit', 'ログ・監視と改ざん防止', 'Logging, monitoring and integrity', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO requirement (code, measure_kind, scope, title_ja, title_en, created_at, updated_at) VALUES ('TEC-C', 'technical', 'unit', '不正プログラムと脆弱性', 'Malware and vulnerabilities', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO requirement (code, measure_kind, scope, title_ja, title_en, created_at, updated_at) VALUES ('DEV-A', 'development', 'unit', '調達と開発', 'Procurement and development', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO requirement (code, measure_kind, scope, title_ja, title_en, created_at, updated_at) VALUES ('DEV-B', 'development', 'unit', '導入と品質', 'Deployment and quality', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO requirement (code, measure_kind, scope, title_ja, title_en, created_at, updated_at) VALUES ('OPS-A', 'operational', 'unit', '運用と保守', 'Operation and maintenance', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO requirement (code, measure_kind, scope, title_ja, title_en, created_at, updated_at) VALUES ('OPS-B', 'operational', 'unit', '業務委託', 'Outsourcing', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO requirement (code, measure_kind, scope, title_ja, title_en, created_at, updated_at) VALUES ('OPS-C', 'operational', 'unit', '点検・監査・見直し', 'Inspection, audit and review', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO requirement (code, measure_kind, scope, title_ja, title_en, created_at, updated_at) VALUES ('NET-A', 'network', 'unit', '三層の対策', 'The three-layer separation', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
INSERT INTO requirement (code, measure_kind, scope, title_ja, title_en, created_at, updated_at) VALUES ('NET-B', 'network', 'unit', '通信の保護', 'Protecting communications', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'PHY-01', 'physical', 'asset', 'サーバ室への入退室管理', 'Entry control to server rooms',
       'サーバ室・通信機器室への入室は、許可された者に限り、ICカード等で本人を確かめて記録する。
入退室の記録は1年以上保存し、情報セキュリティ管理者が定期に確認する。来訪者や保守業者には職員が付き添う。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'PHY-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, 'C', 3, NULL FROM requirement WHERE code = 'PHY-01';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, 'A', 2, NULL FROM requirement WHERE code = 'PHY-01';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'network', NULL, 'A', 2, NULL FROM requirement WHERE code = 'PHY-01';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-01' AND t.code = 'T-H15';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-01' AND t.code = 'T-H09';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'PHY-01' AND l.code = 'appi' AND a.number = '第66条';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'PHY-01' AND l.code = 'mynumber' AND a.number = '第12条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'PHY-02', 'physical', 'asset', '電源と空調の確保', 'Power and air conditioning',
       '重要な情報システムには無停電電源装置を備え、停電時に安全に停止できるようにする。
空調を常時稼働させ、温度と湿度を監視する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'PHY-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, 'A', 2, NULL FROM requirement WHERE code = 'PHY-02';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'network', NULL, 'A', 2, NULL FROM requirement WHERE code = 'PHY-02';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-02' AND t.code = 'T-S01';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-02' AND t.code = 'T-N04';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-02' AND t.code = 'T-S02';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'PHY-03', 'physical', 'asset', '地震・火災・水害への備え', 'Earthquake, fire and flood',
       'サーバ・ラックは床や壁に固定し、転倒を防ぐ。
サーバ室には消火設備と漏水・浸水の検知を備え、浸水のおそれのある階には置かない。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'PHY-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, 'A', 2, NULL FROM requirement WHERE code = 'PHY-03';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'network', NULL, 'A', 2, NULL FROM requirement WHERE code = 'PHY-03';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'equipment', NULL, 'A', 2, NULL FROM requirement WHERE code = 'PHY-03';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-03' AND t.code = 'T-N01';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-03' AND t.code = 'T-N02';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-03' AND t.code = 'T-N03';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-03' AND t.code = 'T-N04';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'PHY-04', 'physical', 'asset', '機器の設置場所の管理', 'Placement of equipment',
       'サーバやネットワーク機器は、施錠できる部屋又はラックに設置し、権限のない者が触れられないようにする。
機器の設置場所は情報資産台帳に記録する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'PHY-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'equipment', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'PHY-04';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'network', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'PHY-04';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-04' AND t.code = 'T-H15';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-04' AND t.code = 'T-H08';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'PHY-05', 'physical', 'unit', 'クリアデスク・クリアスクリーン', 'Clear desk and clear screen',
       '離席時は書類を机上に残さず施錠保管し、端末は画面をロックする。
終業時には机上を片付け、端末の電源を切るか施錠する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'PHY-B';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-05' AND t.code = 'T-H16';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-05' AND t.code = 'T-H08';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-05' AND t.code = 'T-H11';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'PHY-05' AND l.code = 'appi' AND a.number = '第66条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'PHY-06', 'physical', 'asset', '端末の盗難防止', 'Protecting devices from theft',
       '庁内の端末はワイヤーロック等で固定し、持ち運べる端末は使わないときは施錠保管する。
貸与する端末は台帳で管理し、年に1回所在を確認する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'PHY-B';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'equipment', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'PHY-06';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-06' AND t.code = 'T-H08';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'PHY-07', 'physical', 'asset', '記録媒体と書類の保管', 'Storing media and papers',
       '機密性2以上の情報を記録した媒体と書類は、施錠できる書庫等に保管し、鍵の管理者を定める。
記録媒体は台帳で管理し、貸出しと返却を記録する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'PHY-C';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'medium', NULL, 'C', 2, NULL FROM requirement WHERE code = 'PHY-07';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'document', NULL, 'C', 2, NULL FROM requirement WHERE code = 'PHY-07';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-07' AND t.code = 'T-H08';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-07' AND t.code = 'T-H11';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-07' AND t.code = 'T-H09';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'PHY-07' AND l.code = 'appi' AND a.number = '第66条';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'PHY-07' AND l.code = 'mynumber' AND a.number = '第12条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'PHY-08', 'physical', 'asset', '記録媒体・機器・書類の廃棄', 'Disposal of media, equipment and papers',
       '廃棄・返却・リース返却の前に、記録された情報を復元できないよう消去するか物理的に破壊し、書類は溶解又は細断する。
廃棄の日時・方法・立会者を記録し、委託した場合は廃棄証明書を受け取る。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'PHY-C';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'medium', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'PHY-08';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'equipment', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'PHY-08';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'document', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'PHY-08';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-08' AND t.code = 'T-H13';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'PHY-08' AND l.code = 'appi' AND a.number = '第66条';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'PHY-08' AND l.code = 'mynumber' AND a.number = '第12条';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'PHY-08' AND l.code = 'public_records' AND a.number = '第34条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'PHY-09', 'physical', 'asset', '庁外への持ち出しの管理', 'Taking assets out of the premises',
       '機密性2以上の情報資産を庁外に持ち出すときは、情報セキュリティ管理者の許可を得て、持出しと返却を記録する。
持ち出す記録媒体と端末は暗号化する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'PHY-C';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'medium', NULL, 'C', 2, NULL FROM requirement WHERE code = 'PHY-09';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'document', NULL, 'C', 2, NULL FROM requirement WHERE code = 'PHY-09';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'equipment', NULL, 'C', 2, NULL FROM requirement WHERE code = 'PHY-09';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-09' AND t.code = 'T-H08';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'PHY-09' AND t.code = 'T-H11';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'PHY-09' AND l.code = 'appi' AND a.number = '第66条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'HUM-01', 'human', 'unit', '年1回の情報セキュリティ研修', 'Yearly security training',
       '全ての職員等(会計年度任用職員、関係機関の職員、委託先の要員を含む。)は、年度ごとに1回以上、情報セキュリティ研修を受講する。
受講状況は所属ごとに記録し、未受講者には受講を促す。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'HUM-A';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-01' AND t.code = 'T-H06';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-01' AND t.code = 'T-H03';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-01' AND t.code = 'T-H07';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-01' AND t.code = 'T-H08';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'HUM-01' AND l.code = 'local_public_service' AND a.number = '第39条';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'HUM-01' AND l.code = 'cybersecurity' AND a.number = '第5条';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'HUM-01' AND l.code = 'appi' AND a.number = '第66条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'HUM-02', 'human', 'unit', '標的型攻撃メールへの訓練', 'Phishing exercises',
       '年に1回以上、標的型攻撃メールを模した訓練を行い、開封した場合の報告手順を確かめる。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'HUM-A';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-02' AND t.code = 'T-H03';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-02' AND t.code = 'T-H01';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-02' AND t.code = 'T-H04';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'HUM-03', 'human', 'asset', 'システム管理者の専門研修', 'Training for system managers',
       '情報システム管理者と情報システム担当者は、担当するシステムの運用と事故対応に必要な専門の研修を受ける。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'HUM-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, 'C', 3, NULL FROM requirement WHERE code = 'HUM-03';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, 'A', 2, NULL FROM requirement WHERE code = 'HUM-03';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-03' AND t.code = 'T-H06';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-03' AND t.code = 'T-H14';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'HUM-03' AND l.code = 'local_public_service' AND a.number = '第39条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'HUM-04', 'human', 'unit', '情報セキュリティポリシーの遵守と誓約', 'Pledging to follow the policy',
       '職員等は、着任時及びポリシーの改定時に、ポリシーを遵守することを誓約する。
誓約の記録は退職後も保存する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'HUM-B';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-04' AND t.code = 'T-H09';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-04' AND t.code = 'T-H11';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'HUM-04' AND l.code = 'local_public_service' AND a.number = '第32条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'HUM-05', 'human', 'unit', '守秘義務の周知', 'Duty of confidentiality',
       '職務上知り得た秘密を漏らしてはならないこと、退職後も同様であることを、着任時と毎年の研修で周知する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'HUM-B';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-05' AND t.code = 'T-H09';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-05' AND t.code = 'T-H11';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'HUM-05' AND l.code = 'local_public_service' AND a.number = '第34条';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'HUM-05' AND l.code = 'appi' AND a.number = '第67条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'HUM-06', 'human', 'asset', '個人情報を扱う者の限定', 'Limiting who handles personal data',
       '個人情報・特定個人情報を扱う事務は、担当者を指名して必要最小限とし、担当者の一覧を最新に保つ。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'HUM-B';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, NULL, NULL, NULL, NULL, 1 FROM requirement WHERE code = 'HUM-06';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-06' AND t.code = 'T-H09';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-06' AND t.code = 'T-H11';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'HUM-06' AND l.code = 'appi' AND a.number = '第66条';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'HUM-06' AND l.code = 'appi' AND a.number = '第67条';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'HUM-06' AND l.code = 'mynumber' AND a.number = '第12条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'HUM-07', 'human', 'unit', '情報セキュリティインシデントの報告', 'Reporting security incidents',
       '職員等は、情報セキュリティインシデント又はそのおそれを知ったときは、直ちに情報セキュリティ管理者に報告する。
報告を受けた者は、定められた連絡体制に従い統括情報セキュリティ責任者及びCISOに報告する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'HUM-C';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-07' AND t.code = 'T-H01';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-07' AND t.code = 'T-H04';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-07' AND t.code = 'T-H07';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-07' AND t.code = 'T-H08';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-07' AND t.code = 'T-H02';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'HUM-07' AND l.code = 'appi' AND a.number = '第68条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'HUM-08', 'human', 'unit', '異動・退職時の手続', 'Moves and departures',
       '異動・退職時には、不要となったアカウントと権限を速やかに停止し、貸与した端末・記録媒体・入館証を返却させる。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'HUM-C';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-08' AND t.code = 'T-H09';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-08' AND t.code = 'T-H02';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-08' AND t.code = 'T-H10';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'HUM-08' AND l.code = 'unauthorized_access' AND a.number = '第8条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'HUM-09', 'human', 'unit', '委託先要員への遵守事項の周知', 'Rules for contractors'' staff',
       '庁内で作業する委託先の要員には、作業前に遵守事項を示し、守秘を誓約させる。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'HUM-C';
INSERT INTO requirement_tag (requirement_id, tag) SELECT id, '業務委託' FROM requirement WHERE code = 'HUM-09';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-09' AND t.code = 'T-H12';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'HUM-09' AND t.code = 'T-H09';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'HUM-09' AND l.code = 'appi' AND a.number = '第66条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'TEC-01', 'technical', 'asset', 'アカウントの管理', 'Account management',
       'アカウントの発行・変更・停止は申請と承認に基づいて行い、記録する。
年に1回以上、アカウントと権限を棚卸しし、不要なものを停止する。共用アカウントは使わない。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'TEC-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'TEC-01';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-01' AND t.code = 'T-H02';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-01' AND t.code = 'T-H09';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-01' AND t.code = 'T-H10';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'TEC-01' AND l.code = 'unauthorized_access' AND a.number = '第8条';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'TEC-01' AND l.code = 'appi' AND a.number = '第66条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'TEC-02', 'technical', 'asset', '最小権限と特権IDの管理', 'Least privilege and privileged IDs',
       '利用者には業務に必要な最小限の権限だけを与える。
管理者権限(特権ID)は使う者を限定し、通常の業務では使わず、使用を記録する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'TEC-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, 'C', 2, NULL FROM requirement WHERE code = 'TEC-02';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-02' AND t.code = 'T-H09';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-02' AND t.code = 'T-H02';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-02' AND t.code = 'T-H14';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'TEC-02' AND l.code = 'unauthorized_access' AND a.number = '第8条';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'TEC-02' AND l.code = 'appi' AND a.number = '第66条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'TEC-03', 'technical', 'asset', 'パスワードの要件', 'Passwords',
       'パスワードは十分な長さとし、推測されやすいもの・他で使っているものを使わない。
初期パスワードは初回に変更させ、一定回数の失敗でアカウントを一時停止する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'TEC-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'TEC-03';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-03' AND t.code = 'T-H02';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-03' AND t.code = 'T-H10';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'TEC-03' AND l.code = 'unauthorized_access' AND a.number = '第8条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'TEC-04', 'technical', 'asset', '多要素認証', 'Multi-factor authentication',
       'マイナンバー利用事務系及びLGWAN接続系の情報システムへのログインは、知識・所持・生体のうち二つ以上の要素で認証する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'TEC-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', 'mynumber', NULL, NULL, NULL FROM requirement WHERE code = 'TEC-04';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', 'lgwan', NULL, NULL, NULL FROM requirement WHERE code = 'TEC-04';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-04' AND t.code = 'T-H10';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-04' AND t.code = 'T-H02';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'TEC-04' AND l.code = 'mynumber' AND a.number = '第12条';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'TEC-04' AND l.code = 'unauthorized_access' AND a.number = '第8条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'TEC-05', 'technical', 'asset', '暗号化', 'Encryption',
       '機密性3以上の情報は、保存時と送信時に暗号化する。鍵とパスワードは情報と別に管理し、別の経路で伝える。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'TEC-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'information', NULL, 'C', 3, NULL FROM requirement WHERE code = 'TEC-05';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'medium', NULL, 'C', 3, NULL FROM requirement WHERE code = 'TEC-05';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'equipment', NULL, 'C', 3, NULL FROM requirement WHERE code = 'TEC-05';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-05' AND t.code = 'T-H08';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-05' AND t.code = 'T-H07';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-05' AND t.code = 'T-H02';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'TEC-05' AND l.code = 'appi' AND a.number = '第66条';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'TEC-05' AND l.code = 'mynumber' AND a.number = '第12条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'TEC-06', 'technical', 'asset', 'ログの取得と保存', 'Keeping logs',
       '利用者の操作、管理者の操作、認証の成否、通信のログを取得し、改ざんされないよう保存する。
保存期間は情報システムごとに定め、特定個人情報を扱うシステムでは少なくとも1年とする。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'TEC-B';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, 'C', 3, NULL FROM requirement WHERE code = 'TEC-06';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, 'I', 2, NULL FROM requirement WHERE code = 'TEC-06';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'network', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'TEC-06';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-06' AND t.code = 'T-H09';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-06' AND t.code = 'T-H02';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-06' AND t.code = 'T-H01';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'TEC-06' AND l.code = 'appi' AND a.number = '第66条';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'TEC-06' AND l.code = 'mynumber' AND a.number = '第12条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'TEC-07', 'technical', 'asset', 'ログの定期的な確認', 'Reviewing logs',
       '取得したログを定期的に確認し、不審なアクセスや操作を見つけたときはインシデントとして報告する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'TEC-B';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, 'C', 4, NULL FROM requirement WHERE code = 'TEC-07';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', 'mynumber', NULL, NULL, NULL FROM requirement WHERE code = 'TEC-07';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-07' AND t.code = 'T-H09';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-07' AND t.code = 'T-H02';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'TEC-07' AND l.code = 'mynumber' AND a.number = '第12条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'TEC-10', 'technical', 'asset', '電子署名と改ざんの検知', 'Electronic signatures and tamper detection',
       '完全性2の電子文書と記録は、電子署名、タイムスタンプ又はハッシュ値の記録により、改ざんを検知できるようにする。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'TEC-B';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'information', NULL, 'I', 2, NULL FROM requirement WHERE code = 'TEC-10';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'document', NULL, 'I', 2, NULL FROM requirement WHERE code = 'TEC-10';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-10' AND t.code = 'T-H09';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-10' AND t.code = 'T-H06';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-10' AND t.code = 'T-H02';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'TEC-10' AND l.code = 'e_signature' AND a.number = '第3条';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'TEC-10' AND l.code = 'public_records' AND a.number = '第34条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'TEC-08', 'technical', 'asset', '不正プログラム対策', 'Protection against malware',
       '端末とサーバに不正プログラム対策ソフトを導入し、定義ファイルを常に最新にする。
外部から受け取ったファイルと記録媒体は、使う前に検査する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'TEC-C';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'TEC-08';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'equipment', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'TEC-08';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-08' AND t.code = 'T-H01';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-08' AND t.code = 'T-H04';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-08' AND t.code = 'T-H03';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'TEC-09', 'technical', 'asset', 'セキュリティパッチの適用', 'Applying security patches',
       'OS・ミドルウェア・アプリケーションの修正プログラムの公開を確かめ、影響を確認したうえで速やかに適用する。
適用できない場合は理由と代わりの対策を記録する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'TEC-C';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'TEC-09';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'equipment', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'TEC-09';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'network', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'TEC-09';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-09' AND t.code = 'T-S05';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-09' AND t.code = 'T-H04';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'TEC-09' AND t.code = 'T-H02';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'TEC-09' AND l.code = 'unauthorized_access' AND a.number = '第8条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'DEV-01', 'development', 'asset', '調達時のセキュリティ要件', 'Security requirements in procurement',
       '情報システムを調達するときは、仕様書に必要なセキュリティ機能、脆弱性対策、保守の体制と期間を書き入れる。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'DEV-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'DEV-01';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-01' AND t.code = 'T-S03';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-01' AND t.code = 'T-S05';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-01' AND t.code = 'T-H17';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'DEV-02', 'development', 'asset', '開発環境と本番環境の分離', 'Separate development and production',
       '開発・テストは本番とは別の環境で行い、本番環境への反映は承認を得て記録する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'DEV-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, 'C', 3, NULL FROM requirement WHERE code = 'DEV-02';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, 'I', 2, NULL FROM requirement WHERE code = 'DEV-02';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-02' AND t.code = 'T-S03';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-02' AND t.code = 'T-H06';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'DEV-03', 'development', 'asset', 'テストに本番の個人情報を使わない', 'No live personal data in tests',
       'テストには架空のデータを使う。やむを得ず本番データを使うときは、承認を得て、終了後に確実に消去する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'DEV-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, NULL, NULL, 1 FROM requirement WHERE code = 'DEV-03';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-03' AND t.code = 'T-H11';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-03' AND t.code = 'T-H12';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'DEV-03' AND l.code = 'appi' AND a.number = '第69条';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'DEV-03' AND l.code = 'mynumber' AND a.number = '第19条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'DEV-04', 'development', 'asset', '変更管理', 'Change management',
       'プログラムと設定の変更は、申請・影響確認・承認・記録の手順で行い、変更前に戻す手順を用意する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'DEV-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, 'I', 2, NULL FROM requirement WHERE code = 'DEV-04';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'network', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'DEV-04';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-04' AND t.code = 'T-S03';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-04' AND t.code = 'T-H14';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-04' AND t.code = 'T-H06';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'DEV-05', 'development', 'asset', '受入れテストと脆弱性診断', 'Acceptance tests and vulnerability assessment',
       '導入前に受入れテストを行う。インターネットに公開するシステムと機密性3B以上のシステムは、導入時と大きな変更時に脆弱性診断を受ける。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'DEV-B';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', 'internet', NULL, NULL, NULL FROM requirement WHERE code = 'DEV-05';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, 'C', 4, NULL FROM requirement WHERE code = 'DEV-05';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-05' AND t.code = 'T-S05';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-05' AND t.code = 'T-S03';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-05' AND t.code = 'T-H02';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'DEV-06', 'development', 'asset', '保守期限の管理', 'Tracking end of support',
       '使っている製品の保守期限を台帳で管理し、期限が切れる前に更新又は移行を計画する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'DEV-B';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'DEV-06';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'equipment', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'DEV-06';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'network', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'DEV-06';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-06' AND t.code = 'T-S06';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-06' AND t.code = 'T-S05';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'DEV-07', 'development', 'asset', '設定の標準化と確認', 'Standard configuration',
       '機器とシステムは定めた標準の設定で導入し、不要なサービスとアカウントを止め、設定を第三者が確かめる。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'DEV-B';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'DEV-07';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'equipment', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'DEV-07';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'network', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'DEV-07';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-07' AND t.code = 'T-H14';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-07' AND t.code = 'T-S05';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'DEV-08', 'development', 'asset', '外部サービス(クラウド)の利用', 'Using outside (cloud) services',
       '外部サービスを使う前に、事業者のセキュリティ対策、データの保存場所、障害時と契約終了時の扱いを確かめ、承認を得る。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'DEV-B';
INSERT INTO requirement_tag (requirement_id, tag) SELECT id, '業務委託' FROM requirement WHERE code = 'DEV-08';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', 'internet', NULL, NULL, NULL FROM requirement WHERE code = 'DEV-08';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-08' AND t.code = 'T-S08';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-08' AND t.code = 'T-H12';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-08' AND t.code = 'T-H17';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'DEV-08' AND l.code = 'appi' AND a.number = '第66条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'DEV-09', 'development', 'asset', '設計書と運用手順書の整備', 'Design and operation documents',
       '情報システムの構成・設定・運用手順を文書にし、変更に合わせて更新する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'DEV-B';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'DEV-09';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-09' AND t.code = 'T-H06';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'DEV-09' AND t.code = 'T-S02';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'OPS-01', 'operational', 'asset', 'バックアップ', 'Backup',
       '可用性2又は完全性2の情報資産は、定期にバックアップを取り、ネットワークから切り離した場所又は書き換えられない媒体にも保管する。
バックアップから実際に戻せることを定期に確かめる。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'OPS-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, 'A', 2, NULL FROM requirement WHERE code = 'OPS-01';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, 'I', 2, NULL FROM requirement WHERE code = 'OPS-01';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'information', NULL, 'I', 2, NULL FROM requirement WHERE code = 'OPS-01';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'information', NULL, 'A', 2, NULL FROM requirement WHERE code = 'OPS-01';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-01' AND t.code = 'T-H04';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-01' AND t.code = 'T-S02';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-01' AND t.code = 'T-N01';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-01' AND t.code = 'T-H06';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'OPS-01' AND l.code = 'mynumber' AND a.number = '第12条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'OPS-02', 'operational', 'asset', '障害時の復旧手順と訓練', 'Recovery procedures and drills',
       '可用性2の情報システムは、目標復旧時間と復旧手順を定め、年に1回以上訓練する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'OPS-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, 'A', 2, NULL FROM requirement WHERE code = 'OPS-02';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-02' AND t.code = 'T-S02';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-02' AND t.code = 'T-N01';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-02' AND t.code = 'T-H04';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-02' AND t.code = 'T-S01';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'OPS-03', 'operational', 'asset', '運用操作の記録', 'Recording operations',
       '情報システムの運用操作(起動・停止、バッチ処理、データの修正等)は、作業者と内容を記録する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'OPS-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'OPS-03';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-03' AND t.code = 'T-H06';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-03' AND t.code = 'T-H09';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'OPS-04', 'operational', 'asset', '保守作業の管理', 'Managing maintenance work',
       '保守業者の作業は事前に申請させ、職員が立ち会い、作業内容と持ち込み・持ち出した機器を記録する。
リモート保守は接続の都度許可し、記録する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'OPS-A';
INSERT INTO requirement_tag (requirement_id, tag) SELECT id, '業務委託' FROM requirement WHERE code = 'OPS-04';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'OPS-04';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'network', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'OPS-04';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-04' AND t.code = 'T-H12';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-04' AND t.code = 'T-H17';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-04' AND t.code = 'T-H15';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'OPS-05', 'operational', 'unit', '委託契約に定める事項', 'Clauses of outsourcing contracts',
       '情報資産を扱う業務を委託するときは、契約に次の事項を定める。
- 守秘義務と目的外利用の禁止
- 再委託の禁止(承認した場合を除く)
- 事故時の報告義務
- 契約終了時の返却と消去
- 監査・検査に応じる義務', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'OPS-B';
INSERT INTO requirement_tag (requirement_id, tag) SELECT id, '業務委託' FROM requirement WHERE code = 'OPS-05';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-05' AND t.code = 'T-H12';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'OPS-05' AND l.code = 'appi' AND a.number = '第66条';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'OPS-05' AND l.code = 'mynumber' AND a.number = '第10条';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'OPS-05' AND l.code = 'mynumber' AND a.number = '第11条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'OPS-06', 'operational', 'unit', '委託先の監督', 'Supervising contractors',
       '委託先の管理状況を年に1回以上、報告又は立入りにより確かめ、不備があれば是正させる。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'OPS-B';
INSERT INTO requirement_tag (requirement_id, tag) SELECT id, '業務委託' FROM requirement WHERE code = 'OPS-06';
INSERT INTO requirement_tag (requirement_id, tag) SELECT id, '評価・見直し' FROM requirement WHERE code = 'OPS-06';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-06' AND t.code = 'T-H12';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-06' AND t.code = 'T-H17';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'OPS-06' AND l.code = 'mynumber' AND a.number = '第11条';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'OPS-06' AND l.code = 'appi' AND a.number = '第66条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'OPS-07', 'operational', 'unit', '自己点検', 'Self-inspection',
       '各所属は年度ごとに1回以上、対策基準の遵守状況を自己点検し、結果を統括情報セキュリティ責任者に報告する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'OPS-C';
INSERT INTO requirement_tag (requirement_id, tag) SELECT id, '評価・見直し' FROM requirement WHERE code = 'OPS-07';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'OPS-07' AND l.code = 'cybersecurity' AND a.number = '第5条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'OPS-08', 'operational', 'unit', '情報セキュリティ監査', 'Security audits',
       '監査の対象から独立した者による情報セキュリティ監査を定期に行い、指摘事項の改善を追跡する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'OPS-C';
INSERT INTO requirement_tag (requirement_id, tag) SELECT id, '評価・見直し' FROM requirement WHERE code = 'OPS-08';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'OPS-08' AND l.code = 'cybersecurity' AND a.number = '第5条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'OPS-09', 'operational', 'unit', '情報資産台帳の更新', 'Keeping the asset ledger',
       '各所属は情報資産台帳を最新に保ち、年に1回以上、台帳と実物を照合する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'OPS-C';
INSERT INTO requirement_tag (requirement_id, tag) SELECT id, '評価・見直し' FROM requirement WHERE code = 'OPS-09';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-09' AND t.code = 'T-H08';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-09' AND t.code = 'T-H13';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'OPS-09' AND l.code = 'appi' AND a.number = '第66条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'OPS-10', 'operational', 'unit', 'インシデント対応体制', 'Incident response',
       'CSIRTを置き、連絡先・判断基準・対応手順を定め、年に1回以上訓練する。
個人情報の漏えい等は、法令に従い個人情報保護委員会へ報告し、本人へ通知する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'OPS-C';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-10' AND t.code = 'T-H01';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-10' AND t.code = 'T-H04';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-10' AND t.code = 'T-H02';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'OPS-10' AND t.code = 'T-H05';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'OPS-10' AND l.code = 'appi' AND a.number = '第68条';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'OPS-10' AND l.code = 'cybersecurity' AND a.number = '第5条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'OPS-11', 'operational', 'unit', 'ポリシーの見直しと公表', 'Reviewing and publishing the policy',
       '監査と自己点検の結果、脅威の変化を踏まえてポリシーを定期に見直す。
サイバーセキュリティの確保の方針を定め、公表する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'OPS-C';
INSERT INTO requirement_tag (requirement_id, tag) SELECT id, '評価・見直し' FROM requirement WHERE code = 'OPS-11';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'OPS-11' AND l.code = 'local_autonomy' AND a.number = '第244条の6';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'OPS-11' AND l.code = 'cybersecurity' AND a.number = '第5条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'NET-01', 'network', 'asset', '三層の分離', 'Three-layer separation',
       'マイナンバー利用事務系は他の領域と通信できないよう分離し、LGWAN接続系とインターネット接続系は通信経路を分割する。
領域をまたぐ通信は、定めた経路と方法に限る。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'NET-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'network', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'NET-01';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-01' AND t.code = 'T-H01';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-01' AND t.code = 'T-H02';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-01' AND t.code = 'T-H04';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'NET-01' AND l.code = 'mynumber' AND a.number = '第12条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'NET-02', 'network', 'asset', '領域間の無害化通信', 'Harmless transfer between layers',
       'インターネット接続系からLGWAN接続系へファイルを取り込むときは、ファイルの無害化(不要な部分の除去・変換)を経由し、原本は取り込まない。
メール本文のテキスト化や画面転送も同様に扱う。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'NET-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'network', 'lgwan', NULL, NULL, NULL FROM requirement WHERE code = 'NET-02';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'network', 'mynumber', NULL, NULL, NULL FROM requirement WHERE code = 'NET-02';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', 'lgwan', NULL, NULL, NULL FROM requirement WHERE code = 'NET-02';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-02' AND t.code = 'T-H01';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-02' AND t.code = 'T-H03';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-02' AND t.code = 'T-H04';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'NET-03', 'network', 'asset', 'マイナンバー利用事務系の外部接続の禁止', 'No outside connection from the My Number layer',
       'マイナンバー利用事務系の端末・サーバからインターネットへの接続を禁止し、記録媒体の接続も許可した端末に限る。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'NET-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, NULL, 'mynumber', NULL, NULL, NULL FROM requirement WHERE code = 'NET-03';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-03' AND t.code = 'T-H01';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-03' AND t.code = 'T-H02';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-03' AND t.code = 'T-H11';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'NET-03' AND l.code = 'mynumber' AND a.number = '第12条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'NET-04', 'network', 'asset', 'インターネット接続系の監視', 'Monitoring the Internet layer',
       'インターネット接続系は都道府県の自治体情報セキュリティクラウド等を経由し、通信を常時監視する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'NET-A';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'network', 'internet', NULL, NULL, NULL FROM requirement WHERE code = 'NET-04';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', 'internet', NULL, NULL, NULL FROM requirement WHERE code = 'NET-04';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-04' AND t.code = 'T-H02';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-04' AND t.code = 'T-H05';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-04' AND t.code = 'T-H01';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'NET-04' AND l.code = 'cybersecurity' AND a.number = '第5条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'NET-05', 'network', 'asset', '通信の制御', 'Controlling traffic',
       'ファイアウォール等で必要な通信だけを許可し、許可の一覧を定期に見直す。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'NET-B';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'network', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'NET-05';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-05' AND t.code = 'T-H02';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-05' AND t.code = 'T-H14';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'NET-05' AND l.code = 'unauthorized_access' AND a.number = '第8条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'NET-06', 'network', 'asset', '無線LANの管理', 'Wireless LANs',
       '無線LANは強固な暗号化と認証を使い、業務用と来庁者用を分ける。マイナンバー利用事務系では使わない。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'NET-B';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'network', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'NET-06';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'equipment', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'NET-06';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-06' AND t.code = 'T-H02';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-06' AND t.code = 'T-H10';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'NET-07', 'network', 'asset', '電子メールの誤送信・なりすまし対策', 'Mail: misdirection and spoofing',
       '外部への送信前に宛先を確かめる仕組みを設け、送信ドメイン認証で送信者を確かめる。
機密性3以上の情報はメールに添付しない。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'NET-B';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', 'lgwan', NULL, NULL, NULL FROM requirement WHERE code = 'NET-07';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', 'internet', NULL, NULL, NULL FROM requirement WHERE code = 'NET-07';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-07' AND t.code = 'T-H07';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-07' AND t.code = 'T-H10';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-07' AND t.code = 'T-H03';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'NET-07' AND l.code = 'appi' AND a.number = '第66条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'NET-08', 'network', 'asset', 'リモート接続の管理', 'Remote access',
       '庁外からの接続は許可した者と端末に限り、暗号化した経路と多要素認証を使い、接続を記録する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'NET-B';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'network', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'NET-08';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'system', 'internet', NULL, NULL, NULL FROM requirement WHERE code = 'NET-08';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-08' AND t.code = 'T-H02';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-08' AND t.code = 'T-H10';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-08' AND t.code = 'T-H17';
INSERT INTO requirement_law (requirement_id, law_id, article_id) SELECT r.id, l.id, a.id FROM requirement r, law l JOIN law_article a ON a.law_id = l.id WHERE r.code = 'NET-08' AND l.code = 'unauthorized_access' AND a.number = '第8条';

INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, created_at, updated_at)
SELECT id, 'NET-09', 'network', 'asset', 'ネットワーク構成の管理', 'Network configuration',
       'ネットワーク構成図と機器の設定を最新に保ち、変更は承認を得て記録する。', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM requirement WHERE code = 'NET-B';
INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data) SELECT id, 'network', NULL, NULL, NULL, NULL FROM requirement WHERE code = 'NET-09';
INSERT INTO requirement_threat (requirement_id, threat_id) SELECT r.id, t.id FROM requirement r, threat t WHERE r.code = 'NET-09' AND t.code = 'T-H14';

-- Version 1 of every item, as mamori ships it.
INSERT INTO requirement_version (requirement_id, version, change, changed_at, parent_id, code, measure_kind, scope, title_ja, title_en, text, active)
SELECT id, 1, 'create', created_at, parent_id, code, measure_kind, scope, title_ja, title_en, text, active FROM requirement;
