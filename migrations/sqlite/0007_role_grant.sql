-- Granting roles (第10条): a person grants only roles below their own, inside their own
-- units, never to themselves. Revocation ends an assignment (nothing is deleted).
ALTER TABLE role_assignment ADD COLUMN revoked_at TEXT;
ALTER TABLE role_assignment ADD COLUMN revoked_by INTEGER REFERENCES person(id);
INSERT INTO permission (code, name_ja, name_en) VALUES ('role.grant', '役割の付与', 'Grant roles');
INSERT INTO role_permission (role_code, permission_code) VALUES ('ciso', 'role.grant');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_director', 'role.grant');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_officer', 'role.grant');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_manager', 'role.grant');
