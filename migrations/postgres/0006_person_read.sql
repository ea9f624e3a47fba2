-- Reading the people of one's units (第10条: each head manages their own; auditors and
-- CSIRT read across units). A role in a unit covers its sub-units.
INSERT INTO permission (code, name_ja, name_en) VALUES ('person.read', '職員の閲覧', 'See people');
INSERT INTO role_permission (role_code, permission_code) VALUES ('ciso', 'person.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_director', 'person.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_officer', 'person.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_manager', 'person.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('system_manager', 'person.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('auditor', 'person.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('csirt', 'person.read');
