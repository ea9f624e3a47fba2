-- Background jobs (DESIGN §5): long work runs outside the HTTP threads. A job commits
-- its work in one transaction or not at all; one whose server died is marked failed.
CREATE TABLE job (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
    params         TEXT NOT NULL,
    progress_done  INTEGER NOT NULL DEFAULT 0,
    progress_total INTEGER NOT NULL DEFAULT 0,
    result         TEXT,
    error          TEXT,
    created_by     INTEGER NOT NULL REFERENCES person(id),
    created_at     TEXT NOT NULL,
    started_at     TEXT,
    finished_at    TEXT,
    heartbeat_at   TEXT,
    worker         TEXT,
    retry_of       INTEGER REFERENCES job(id)
);
CREATE INDEX job_state ON job(state, id);
CREATE INDEX job_created_by ON job(created_by, id);

INSERT INTO permission (code, name_ja, name_en) VALUES ('job.read_all', '全ジョブの閲覧', 'See every job');
INSERT INTO role_permission (role_code, permission_code) VALUES ('ciso', 'job.read_all');
