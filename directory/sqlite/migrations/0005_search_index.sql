-- The search index (issue 10), kept so that a command-line search loads it
-- instead of building it over every listing. It is derived data: version
-- names the state of the directory it was built from (see
-- directoryVersion), and it is used only while the directory is still at
-- that state, so a change that does not rebuild it leaves it unused, never
-- wrong. format is the search package's Format: another release's index is
-- not read. head is read whole; each term's record when a search needs it.
CREATE TABLE search_index (
	id      INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
	format  TEXT NOT NULL,
	version TEXT NOT NULL,
	head    BLOB NOT NULL
) STRICT;

CREATE TABLE search_term (
	term   INTEGER PRIMARY KEY NOT NULL CHECK (term >= 0),
	record BLOB NOT NULL
) STRICT;

-- Any change to what the index holds drops it in the change's own
-- transaction, even one made outside this program (an admin's sqlite3): the
-- version check above covers every change this program makes, and these
-- cover the rest. A verification or a phone number changes nothing indexed.
CREATE TRIGGER search_index_stale_on_service_insert AFTER INSERT ON service
BEGIN DELETE FROM search_index; END;
CREATE TRIGGER search_index_stale_on_service_delete AFTER DELETE ON service
BEGIN DELETE FROM search_index; END;
CREATE TRIGGER search_index_stale_on_service_update
AFTER UPDATE OF id, listing_id, organization_id, name, description, status, services, keywords, categories, archived ON service
BEGIN DELETE FROM search_index; END;
CREATE TRIGGER search_index_stale_on_organization_update AFTER UPDATE OF id, name ON organization
BEGIN DELETE FROM search_index; END;
