-- Managing the people of the union (第3条): for now the CISO and 統括 for every unit;
-- the people module scopes it for department and section heads.
INSERT INTO permission (code, name_ja, name_en) VALUES ('person.manage', '職員の管理', 'Manage people');
INSERT INTO role_permission (role_code, permission_code) VALUES ('ciso', 'person.manage');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_director', 'person.manage');
