-- One row per listing. The scalar fields are columns; the list fields
-- (services, keywords, categories, languages, source_urls, phones) are JSON
-- arrays. Listings are always read and written whole and searched in memory,
-- so child tables would buy nothing but joins: one row per listing keeps an
-- import of 10,000 listings to 10,000 inserts, keeps phones in their order
-- with label, number and ext together, and lets an audit row hold a whole
-- previous version. json_each() still reaches inside when a query needs to.
-- The list columns carry no json_type CHECK: only the store writes them
-- (listingArgs, with encoding/json), and parsing six JSON arrays per row in
-- CHECKs cost a tenth of an import's time.
CREATE TABLE listings (
	id           TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
	name         TEXT NOT NULL CHECK (name <> ''),
	organization TEXT NOT NULL DEFAULT '',
	level        TEXT NOT NULL DEFAULT '',
	description  TEXT NOT NULL DEFAULT '',
	services     TEXT NOT NULL DEFAULT '[]',
	keywords     TEXT NOT NULL DEFAULT '[]',
	categories   TEXT NOT NULL DEFAULT '[]',
	phones       TEXT NOT NULL DEFAULT '[]',
	email        TEXT NOT NULL DEFAULT '',
	website      TEXT NOT NULL DEFAULT '',
	street       TEXT NOT NULL DEFAULT '',
	city         TEXT NOT NULL DEFAULT '',
	state        TEXT NOT NULL DEFAULT '',
	zip          TEXT NOT NULL DEFAULT '',
	hours        TEXT NOT NULL DEFAULT '',
	eligibility  TEXT NOT NULL DEFAULT '',
	fees         TEXT NOT NULL DEFAULT '',
	languages    TEXT NOT NULL DEFAULT '[]',
	documents    TEXT NOT NULL DEFAULT '',
	source_urls  TEXT NOT NULL DEFAULT '[]',
	source_date  TEXT NOT NULL DEFAULT '',
	status       TEXT NOT NULL DEFAULT 'active',
	alert        TEXT NOT NULL DEFAULT '',
	alert_until  TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD or ''
	verified_on  TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD or ''; a person checked it
	verified_by  TEXT NOT NULL DEFAULT '',
	staff_notes  TEXT NOT NULL DEFAULT '',
	updated_at   TEXT NOT NULL             -- RFC 3339 UTC; the store changed it
) STRICT;

-- Every change, in order. An update keeps the listing's previous version in
-- detail, so nothing an admin overwrites is lost. Rows are never changed or
-- removed, and carry no foreign key: the history of a deleted listing stays.
CREATE TABLE audit (
	id         INTEGER PRIMARY KEY,
	at         TEXT NOT NULL,          -- RFC 3339 UTC
	actor      TEXT NOT NULL,          -- who: the admin's user name
	action     TEXT NOT NULL,          -- seed, import, add, update
	listing_id TEXT,                   -- NULL for a change to the whole directory
	detail     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
) STRICT;

CREATE INDEX audit_by_listing ON audit (listing_id, id);

CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit rows are never changed');
END;

CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit rows are never removed');
END;

-- Facts about the database itself, such as when it first held data.
CREATE TABLE meta (
	key   TEXT PRIMARY KEY NOT NULL,
	value TEXT NOT NULL
) STRICT;
