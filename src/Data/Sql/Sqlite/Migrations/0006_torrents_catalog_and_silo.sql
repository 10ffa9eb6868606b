DROP INDEX torrents_by_category;
ALTER TABLE torrents DROP COLUMN category;
ALTER TABLE torrents ADD COLUMN category_id INTEGER;
ALTER TABLE torrents ADD COLUMN silo TEXT;

CREATE INDEX torrents_by_category ON torrents (category_id);
CREATE INDEX torrents_by_silo ON torrents (silo);
