-- Failed logins per client address, so a per-address limit holds across every server
-- that shares the store (DESIGN §5: login limits live in the database).
CREATE TABLE login_address (
    ip           TEXT PRIMARY KEY,
    window_start TEXT NOT NULL,
    failures     INTEGER NOT NULL
);
