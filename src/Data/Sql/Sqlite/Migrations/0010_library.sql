-- The library (library face): every torrent Swarmgrid learns of, each sighting of it, users' wants and notifications.
CREATE TABLE library_items (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    info_hash    TEXT    NOT NULL UNIQUE,
    v2_info_hash TEXT,
    name         TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size_bytes   INTEGER NOT NULL,
    file_count   INTEGER NOT NULL,
    files        TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);

CREATE INDEX library_items_by_created ON library_items (created_at DESC);
CREATE INDEX library_items_by_type ON library_items (content_type, created_at DESC);
CREATE INDEX library_items_by_v2 ON library_items (v2_info_hash);

-- Titles and file names as words; rowid is library_items.id.
CREATE VIRTUAL TABLE library_search USING fts5 (words, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE library_evidence (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    info_hash   TEXT NOT NULL,
    source      TEXT NOT NULL,
    payload     TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE INDEX library_evidence_by_hash ON library_evidence (info_hash, id);

CREATE TABLE library_wants (
    id                TEXT PRIMARY KEY,
    user_id           TEXT    NOT NULL,
    title             TEXT    NOT NULL,
    content_type      TEXT    NOT NULL,
    query             TEXT    NOT NULL,
    priority          TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    notes             TEXT,
    auto_add          INTEGER NOT NULL DEFAULT 0,
    matched_info_hash TEXT,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL
);

CREATE INDEX library_wants_by_user ON library_wants (user_id, created_at);
CREATE INDEX library_wants_by_status ON library_wants (status);

CREATE TABLE library_notifications (
    id         TEXT PRIMARY KEY,
    user_id    TEXT    NOT NULL,
    type       TEXT    NOT NULL,
    message    TEXT    NOT NULL,
    info_hash  TEXT,
    want_id    TEXT,
    read       INTEGER NOT NULL DEFAULT 0,
    created_at TEXT    NOT NULL
);

CREATE INDEX library_notifications_by_user ON library_notifications (user_id, created_at DESC);

-- Poster URLs fetched from TMDB (a null URL remembers an id TMDB does not know), kept for the configured TTL.
CREATE TABLE library_posters (
    tmdb_id    TEXT    NOT NULL,
    media_type TEXT    NOT NULL,
    poster_url TEXT,
    fetched_at TEXT    NOT NULL,
    PRIMARY KEY (tmdb_id, media_type)
);
