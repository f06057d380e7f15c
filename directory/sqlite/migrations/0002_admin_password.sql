-- The admin password (issue 7): one row, once the first password is set.
-- Only its Argon2id hash is kept, as a PHC string that carries its own
-- costs. failures and last_failure keep the delay after wrong passwords
-- across restarts of the program. Nothing here says who the admin is: a
-- name goes only on the audit rows of the changes it makes.
CREATE TABLE admin_password (
	id           INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
	hash         TEXT NOT NULL CHECK (hash LIKE '$argon2id$%'),
	failures     INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
	last_failure TEXT NOT NULL DEFAULT '' -- RFC 3339 UTC, or '' with no failures
) STRICT;
