CREATE TABLE torrents (
    info_hash  varchar(64)   PRIMARY KEY,
    name       text          NOT NULL,
    save_path  text          NOT NULL,
    category   varchar(256),
    paused     boolean       NOT NULL,
    added_at   timestamptz   NOT NULL,
    updated_at timestamptz   NOT NULL
);

CREATE INDEX torrents_by_category ON torrents (category);
