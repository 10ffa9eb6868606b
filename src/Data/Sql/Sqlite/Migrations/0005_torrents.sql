CREATE TABLE torrents (
    info_hash  TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    save_path  TEXT NOT NULL,
    category   TEXT,
    paused     INTEGER NOT NULL,
    added_at   TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX torrents_by_category ON torrents (category);
