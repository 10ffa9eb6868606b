CREATE TABLE settings_audit (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id   varchar(64)  NOT NULL UNIQUE,
    key        varchar(128) NOT NULL,
    action     varchar(32)  NOT NULL,
    old_value  text,
    new_value  text,
    changed_by varchar(256) NOT NULL,
    changed_at timestamptz  NOT NULL
);

CREATE INDEX settings_audit_by_key ON settings_audit (key, id);
