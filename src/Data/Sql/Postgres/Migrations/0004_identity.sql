-- Users and their credentials' public parts. Secrets (password hashes, TOTP secrets, refresh tokens) stay in the
-- user grains' state; these tables answer lookups by name, lists, and bearer API keys by hash.
CREATE TABLE users (
    id             varchar(40)  PRIMARY KEY,
    username       varchar(100) NOT NULL,
    username_lower varchar(100) NOT NULL UNIQUE,
    email          varchar(320) NOT NULL,
    email_lower    varchar(320) NOT NULL UNIQUE,
    full_name      text,
    role           varchar(20)  NOT NULL,
    disabled       boolean      NOT NULL DEFAULT false,
    mfa_enabled    boolean      NOT NULL DEFAULT false,
    created_at     timestamptz  NOT NULL,
    updated_at     timestamptz  NOT NULL
);

CREATE TABLE api_keys (
    id           varchar(40)  PRIMARY KEY,
    key_hash     varchar(64)  NOT NULL UNIQUE,
    user_id      varchar(40)  NOT NULL,
    name         varchar(200) NOT NULL,
    prefix       varchar(16)  NOT NULL,
    created_at   timestamptz  NOT NULL,
    revoked_at   timestamptz
);

CREATE INDEX api_keys_by_user ON api_keys (user_id);

CREATE TABLE sessions (
    id          varchar(40) PRIMARY KEY,
    user_id     varchar(40) NOT NULL,
    kind        varchar(20) NOT NULL,
    ip          varchar(64),
    user_agent  text,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);

CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE audit_log (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      timestamptz NOT NULL,
    actor   varchar(100),
    action  varchar(100) NOT NULL,
    target  text,
    ip      varchar(64),
    details text
);
