-- Users and their credentials' public parts. Secrets (password hashes, TOTP secrets, refresh tokens) stay in the
-- user grains' state; these tables answer lookups by name, lists, and bearer API keys by hash.
CREATE TABLE users (
    id             TEXT  PRIMARY KEY,
    username       TEXT NOT NULL,
    username_lower TEXT NOT NULL UNIQUE,
    email          TEXT NOT NULL,
    email_lower    TEXT NOT NULL UNIQUE,
    full_name      TEXT,
    role           TEXT  NOT NULL,
    disabled       INTEGER NOT NULL DEFAULT 0,
    mfa_enabled    INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT  NOT NULL,
    updated_at     TEXT  NOT NULL
);

CREATE TABLE api_keys (
    id           TEXT  PRIMARY KEY,
    key_hash     TEXT  NOT NULL UNIQUE,
    user_id      TEXT  NOT NULL,
    name         TEXT NOT NULL,
    prefix       TEXT  NOT NULL,
    created_at   TEXT  NOT NULL,
    revoked_at   TEXT
);

CREATE INDEX api_keys_by_user ON api_keys (user_id);

CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    ip          TEXT,
    user_agent  TEXT,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL,
    actor   TEXT,
    action  TEXT NOT NULL,
    target  TEXT,
    ip      TEXT,
    details TEXT
);
