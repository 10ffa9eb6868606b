-- The library (library face): every torrent Swarmgrid learns of, each sighting of it, users' wants and notifications.
CREATE TABLE library_items (
    id           bigserial    PRIMARY KEY,
    info_hash    varchar(64)  NOT NULL UNIQUE,
    v2_info_hash varchar(64),
    name         text         NOT NULL,
    title        text         NOT NULL,
    content_type varchar(16)  NOT NULL,
    size_bytes   bigint       NOT NULL,
    file_count   integer      NOT NULL,
    files        text         NOT NULL,
    words        text         NOT NULL,
    search       tsvector     GENERATED ALWAYS AS (to_tsvector('simple', words)) STORED,
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL
);

CREATE INDEX library_items_by_created ON library_items (created_at DESC);
CREATE INDEX library_items_by_type ON library_items (content_type, created_at DESC);
CREATE INDEX library_items_by_v2 ON library_items (v2_info_hash);
CREATE INDEX library_items_search ON library_items USING gin (search);

CREATE TABLE library_evidence (
    id          bigserial    PRIMARY KEY,
    info_hash   varchar(64)  NOT NULL,
    source      varchar(16)  NOT NULL,
    payload     text         NOT NULL,
    recorded_at timestamptz  NOT NULL
);

CREATE INDEX library_evidence_by_hash ON library_evidence (info_hash, id);

CREATE TABLE library_wants (
    id                varchar(40)  PRIMARY KEY,
    user_id           varchar(100) NOT NULL,
    title             text         NOT NULL,
    content_type      varchar(16)  NOT NULL,
    query             text         NOT NULL,
    priority          varchar(8)   NOT NULL,
    status            varchar(16)  NOT NULL,
    notes             text,
    auto_add          boolean      NOT NULL DEFAULT false,
    matched_info_hash varchar(64),
    created_at        timestamptz  NOT NULL,
    updated_at        timestamptz  NOT NULL
);

CREATE INDEX library_wants_by_user ON library_wants (user_id, created_at);
CREATE INDEX library_wants_by_status ON library_wants (status);

CREATE TABLE library_notifications (
    id         varchar(40)  PRIMARY KEY,
    user_id    varchar(100) NOT NULL,
    type       varchar(32)  NOT NULL,
    message    text         NOT NULL,
    info_hash  varchar(64),
    want_id    varchar(40),
    read       boolean      NOT NULL DEFAULT false,
    created_at timestamptz  NOT NULL
);

CREATE INDEX library_notifications_by_user ON library_notifications (user_id, created_at DESC);

-- Poster URLs fetched from TMDB (a null URL remembers an id TMDB does not know), kept for the configured TTL.
CREATE TABLE library_posters (
    tmdb_id    varchar(20)  NOT NULL,
    media_type varchar(8)   NOT NULL,
    poster_url text,
    fetched_at timestamptz  NOT NULL,
    PRIMARY KEY (tmdb_id, media_type)
);
