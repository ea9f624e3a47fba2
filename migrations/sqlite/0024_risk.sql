-- The risk register (issue 6 point 5; DESIGN §3): a risk is an asset × a threat, with a
-- likelihood and an impact on the matrix (1..risk_matrix_size, a setting, default 5).
-- The impact starts from the asset's class (impact_from_class = 1 while it is that
-- default; src/domain/risk.c says the rule); treatment 低減 reduce (by the requirements
-- of risk_requirement), 受容 accept, 回避 avoid, 移転 transfer. The residual risk is
-- computed on read from the implementation records, never stored. One open risk per
-- (asset, threat); a risk is closed (closed_at, closed_by), never deleted. Every change
-- is a new row of risk_version.
-- Keep in step with migrations/{sqlite,postgres}/0024_risk.sql.
CREATE TABLE risk (
    id                INTEGER PRIMARY KEY,
    asset_id          INTEGER NOT NULL REFERENCES asset(id),
    threat_id         INTEGER NOT NULL REFERENCES threat(id),
    likelihood        INTEGER NOT NULL CHECK (likelihood >= 1),
    impact            INTEGER NOT NULL CHECK (impact >= 1),
    impact_from_class INTEGER NOT NULL DEFAULT 1 CHECK (impact_from_class IN (0, 1)),
    treatment         TEXT NOT NULL CHECK (treatment IN ('reduce', 'accept', 'avoid', 'transfer')),
    note              TEXT,
    owner_id          INTEGER REFERENCES person(id),
    created_at        TEXT NOT NULL,
    created_by        INTEGER REFERENCES person(id),
    updated_at        TEXT NOT NULL,
    updated_by        INTEGER REFERENCES person(id),
    version           INTEGER NOT NULL DEFAULT 1,
    closed_at         TEXT,
    closed_by         INTEGER REFERENCES person(id)
);
CREATE UNIQUE INDEX risk_open_pair ON risk(asset_id, threat_id) WHERE closed_at IS NULL;
CREATE INDEX risk_threat ON risk(threat_id);

-- The requirements (対策基準) whose implementation on the asset reduces the risk.
CREATE TABLE risk_requirement (
    risk_id        INTEGER NOT NULL REFERENCES risk(id),
    requirement_id INTEGER NOT NULL REFERENCES requirement(id),
    PRIMARY KEY (risk_id, requirement_id)
);
CREATE INDEX risk_requirement_requirement ON risk_requirement(requirement_id);

CREATE TABLE risk_version (
    id                INTEGER PRIMARY KEY,
    risk_id           INTEGER NOT NULL REFERENCES risk(id),
    version           INTEGER NOT NULL,
    changed_at        TEXT NOT NULL,
    changed_by        INTEGER REFERENCES person(id),
    likelihood        INTEGER NOT NULL,
    impact            INTEGER NOT NULL,
    impact_from_class INTEGER NOT NULL,
    treatment         TEXT NOT NULL,
    note              TEXT,
    owner_id          INTEGER,
    requirement_ids   TEXT,                     -- the linked requirements then, comma-separated
    closed_at         TEXT,
    UNIQUE (risk_id, version)
);

-- Permissions (DESIGN §2): no new ones. A risk is read as its asset is (asset.read,
-- through the ledger's need-to-know, as implementation records are), and written with
-- implementation.write in the asset's owner unit (the CISO, 統括, 責任者, 管理者: who
-- decides the measures there decides the treatment of what remains).
