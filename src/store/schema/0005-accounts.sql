-- 0005-accounts: users with roles, sign-in failures (lockout), sessions,
-- and each unit's workflow steps and 索引号 rule.  Portable SQL.

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	username      TEXT NOT NULL UNIQUE,
	display_name  TEXT NOT NULL,
	unit_id       INTEGER REFERENCES units(id),  -- NULL for 系统/安全管理员, 审计员
	roles         INTEGER NOT NULL,              -- bits, see domain/actor.h
	password_hash TEXT NOT NULL,                 -- Argon2id (libsodium crypto_pwhash_str)
	must_change   INTEGER NOT NULL DEFAULT 1,    -- change forced at next sign-in
	disabled      INTEGER NOT NULL DEFAULT 0,
	created_at    TEXT NOT NULL,
	password_at   TEXT NOT NULL                  -- when the password was set
);
CREATE INDEX users_unit ON users(unit_id);

-- Consecutive failed sign-ins per account ('user:NAME') and per client
-- address ('addr:IP'); a key is locked until locked_until.
CREATE TABLE login_failures (
	key          TEXT PRIMARY KEY,
	failures     INTEGER NOT NULL,
	last_at      TEXT NOT NULL,
	locked_until TEXT
);

-- Signed-in sessions: the cookie carries a random token, stored here only
-- as its SHA-256; csrf is the token every form and API write must echo.
CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	csrf       TEXT NOT NULL,
	created_at TEXT NOT NULL,
	last_seen  TEXT NOT NULL,
	client     TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- The steps a unit's records pass before publication (any of review,
-- sign, approve, in that order; empty = publish on submission) and its
-- 索引号 rule ({unit} {year} {serial5}).
ALTER TABLE units ADD COLUMN workflow TEXT NOT NULL DEFAULT 'review,sign,approve';
ALTER TABLE units ADD COLUMN index_rule TEXT NOT NULL DEFAULT '{unit}/{year}-{serial5}';
