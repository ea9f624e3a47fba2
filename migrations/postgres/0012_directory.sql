-- Directory login (LDAP / Active Directory): an account may be linked to one directory
-- account, named as the directory knows it (checked, lower case). A linked account
-- has no local password (password_hash holds '!directory', which no password matches)
-- and proves its password by a bind. One directory account opens at most one account.
-- A nullable unique column rather than a table of its own: an account has at most one
-- link, and the login query reads it with the rest of the account, without a join.
ALTER TABLE account ADD COLUMN directory_name TEXT;
CREATE UNIQUE INDEX account_directory_name ON account(directory_name);
