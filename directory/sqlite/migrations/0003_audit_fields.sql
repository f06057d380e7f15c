-- The editor (issue 7): archived listings, and a field-level audit trail
-- chained by hashes so that a changed or removed event shows.

-- An archived listing is hidden from the desk and kept, so it can be
-- restored; only an archived listing can be deleted.
ALTER TABLE listings ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1));

-- The audit table's rows are the events; its id is the event's sequence
-- number. note says more where fields do not (an import's file name).
ALTER TABLE audit ADD COLUMN note TEXT NOT NULL DEFAULT '';

-- The fields an event changed, as text a person reads (directory.Diff), in
-- the order the event lists them.
CREATE TABLE audit_change (
	event_id INTEGER NOT NULL REFERENCES audit (id) DEFERRABLE INITIALLY DEFERRED,
	position INTEGER NOT NULL CHECK (position >= 0),
	field    TEXT NOT NULL CHECK (field <> ''),
	old      TEXT NOT NULL,
	new      TEXT NOT NULL,
	PRIMARY KEY (event_id, position)
) STRICT, WITHOUT ROWID;

-- The hash chain: one row per event, hash being the hex SHA-256 of the
-- event's canonical encoding (see eventHash in audit.go) together with
-- prev_hash, the hash of the event before it. The chain is a table of its
-- own rather than columns of audit because the events written before this
-- migration must be hashed too: SQL cannot compute SHA-256, and audit rows
-- can never be updated, so the store hashes them in Go, in order, appending
-- their chain rows in the first write transaction after the migration.
-- The first event's prev_hash is 64 zeros. prev_hash is unique: two writers
-- can never both extend the same head.
CREATE TABLE audit_chain (
	seq       INTEGER PRIMARY KEY NOT NULL REFERENCES audit (id) DEFERRABLE INITIALLY DEFERRED,
	prev_hash TEXT NOT NULL UNIQUE CHECK (length(prev_hash) = 64),
	hash      TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;

CREATE TRIGGER audit_change_is_append_only_update BEFORE UPDATE ON audit_change
BEGIN
	SELECT RAISE(ABORT, 'audit rows are never changed');
END;

CREATE TRIGGER audit_change_is_append_only_delete BEFORE DELETE ON audit_change
BEGIN
	SELECT RAISE(ABORT, 'audit rows are never removed');
END;

CREATE TRIGGER audit_chain_is_append_only_update BEFORE UPDATE ON audit_chain
BEGIN
	SELECT RAISE(ABORT, 'audit rows are never changed');
END;

CREATE TRIGGER audit_chain_is_append_only_delete BEFORE DELETE ON audit_chain
BEGIN
	SELECT RAISE(ABORT, 'audit rows are never removed');
END;
