-- The catalog: the registry (tracker face) and the library (library face) read these tables.
CREATE TABLE registry_entries (
    info_hash    varchar(64)  PRIMARY KEY,
    v1_info_hash varchar(40),
    swarm_key    varchar(40),
    name         text         NOT NULL,
    description  text,
    publisher    text,
    license      text,
    size         bigint,
    category     text,
    tags         text,
    verified     boolean      NOT NULL DEFAULT false,
    torrent      bytea,
    meta         text,
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL
);

CREATE INDEX registry_entries_by_created ON registry_entries (created_at DESC);
CREATE INDEX registry_entries_by_swarm ON registry_entries (swarm_key);
CREATE INDEX registry_entries_by_v1 ON registry_entries (v1_info_hash);

CREATE TABLE registry_blocklist (
    info_hash  varchar(64) PRIMARY KEY,
    reason     text,
    blocked_at timestamptz NOT NULL
);

-- Live swarm figures, written in batches by the swarm grains (one row per 20-byte wire hash).
CREATE TABLE swarm_stats (
    swarm_key   varchar(40) PRIMARY KEY,
    seeders     integer     NOT NULL,
    leechers    integer     NOT NULL,
    completions bigint      NOT NULL,
    updated_at  timestamptz NOT NULL
);
