-- Department and section heads manage the people of their own units (第10条); the
-- scope comes from where the role is held.
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_officer', 'person.manage');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_manager', 'person.manage');
