-- Listings stored the way Open Referral HSDS 3.0 shapes them (issue 7): a
-- listing is a service of an organization, with a location, phones and
-- schedule rows. The Go step of this migration (migrate_hsds.go) moves
-- every listings row into these tables, the hours text read into proposed
-- schedules, and drops listings, all in this migration's transaction.
--
-- Ids are UUIDv5s of the listing's id, kind and position (ids.go), so they
-- never change and are unique by construction. Child rows are WITHOUT ROWID
-- tables keyed by their service (and position): a listing's phones and
-- schedules sit together in their order, and their ids, derived, carry no
-- index of their own, since every index keyed by a UUID is an insert into a
-- random page and an import writes 100,000 listings. Foreign keys are
-- checked at commit, so an import writes each table in batches in any
-- order.
--
-- The list fields (services, keywords, categories, languages, source_urls)
-- stay JSON arrays in the service row: they are words to search, always
-- read and written whole with the listing, never one at a time; child
-- tables would make an import of 100,000 listings write a million more rows
-- and every load join them back, and json_each() still reaches inside.

-- An organization is shared by the listings that name it; its id is the
-- UUIDv5 of its name. One with no service left is removed by the store.
CREATE TABLE organization (
	id          TEXT PRIMARY KEY NOT NULL,
	name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
	description TEXT NOT NULL DEFAULT ''
) STRICT;

-- A listing: one place a customer can be sent.
CREATE TABLE service (
	id              TEXT PRIMARY KEY NOT NULL,
	listing_id      TEXT NOT NULL UNIQUE CHECK (listing_id <> ''), -- our stable slug
	organization_id TEXT REFERENCES organization (id) DEFERRABLE INITIALLY DEFERRED,
	name            TEXT NOT NULL CHECK (name <> ''),
	description     TEXT NOT NULL DEFAULT '',
	level           TEXT NOT NULL DEFAULT '',  -- county, city, state, federal, nonprofit, business
	status          TEXT NOT NULL DEFAULT 'active', -- active, temporarily_closed, inactive
	email           TEXT NOT NULL DEFAULT '',
	url             TEXT NOT NULL DEFAULT '',
	eligibility     TEXT NOT NULL DEFAULT '',  -- HSDS eligibility_description
	fees            TEXT NOT NULL DEFAULT '',  -- HSDS fees_description
	documents       TEXT NOT NULL DEFAULT '',  -- what to bring
	services        TEXT NOT NULL DEFAULT '[]',
	keywords        TEXT NOT NULL DEFAULT '[]',
	categories      TEXT NOT NULL DEFAULT '[]',
	languages       TEXT NOT NULL DEFAULT '[]',
	source_urls     TEXT NOT NULL DEFAULT '[]',
	source_date     TEXT NOT NULL DEFAULT '',
	hours           TEXT NOT NULL DEFAULT '',  -- as published
	alert           TEXT NOT NULL DEFAULT '',
	alert_until     TEXT NOT NULL DEFAULT '',  -- YYYY-MM-DD or ''
	verified_on     TEXT NOT NULL DEFAULT '',  -- YYYY-MM-DD or ''; HSDS assured_date
	verified_by     TEXT NOT NULL DEFAULT '',
	staff_notes     TEXT NOT NULL DEFAULT '',  -- never in a referral
	archived        INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
	-- A hash of the listing's rows but updated_at (rows.go): an import
	-- that brings a listing unchanged, a feed refreshed every day, need not
	-- read it back to compare.
	content_hash    TEXT NOT NULL DEFAULT '',
	updated_at      TEXT NOT NULL              -- RFC 3339 UTC; HSDS last_modified
) STRICT;

CREATE INDEX service_by_organization ON service (organization_id);

-- Where a customer goes in person. HSDS keeps addresses in a table of their
-- own because a location may have several (physical, postal); a listing
-- has one street address, so it is kept in its location's row, in HSDS's
-- address columns. A listing with no address has no location.
CREATE TABLE location (
	id             TEXT NOT NULL,
	service_id     TEXT PRIMARY KEY NOT NULL REFERENCES service (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
	location_type  TEXT NOT NULL DEFAULT 'physical' CHECK (location_type IN ('physical', 'postal', 'virtual')),
	address_1      TEXT NOT NULL DEFAULT '',
	city           TEXT NOT NULL DEFAULT '',
	state_province TEXT NOT NULL DEFAULT '',
	postal_code    TEXT NOT NULL DEFAULT '',
	country        TEXT NOT NULL DEFAULT 'US'
) STRICT, WITHOUT ROWID;

-- A listing's phones in their order. description is the label customers
-- see ("24-hour crisis line"); staff_note is for staff only. A line open
-- around the clock says so in its description: HSDS gives a phone no hours
-- of its own.
CREATE TABLE phone (
	id          TEXT NOT NULL,
	service_id  TEXT NOT NULL REFERENCES service (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
	position    INTEGER NOT NULL CHECK (position >= 0),
	number      TEXT NOT NULL DEFAULT '',
	extension   TEXT NOT NULL DEFAULT '',
	type        TEXT NOT NULL DEFAULT 'voice',
	description TEXT NOT NULL DEFAULT '',
	staff_note  TEXT NOT NULL DEFAULT '',
	-- 1 when the line answers at any hour, whatever the service's schedule
	-- (HSDS gives a phone no hours of its own).
	open_24_7   INTEGER NOT NULL DEFAULT 0 CHECK (open_24_7 IN (0, 1)),
	PRIMARY KEY (service_id, position)
) STRICT, WITHOUT ROWID;

-- A listing's weekly hours. A schedule (position) is one or more rows
-- (part), one per opening period with the days it falls on, in iCal's
-- byday ("MO,TU,WE"); label, valid dates, description and the flags repeat
-- on each part. closes_at past midnight reads on as GTFS writes it
-- ("26:30" is 2:30am the next day; "24:00" is midnight), so an overnight
-- period stays one row of the day it starts; an HSDS export writes it
-- modulo 24. A schedule with no periods (only a description) has one part
-- with no days. proposed: the hours reader read it from the hours text and
-- no admin has confirmed it. unconfirmed: the text or staff notes doubt
-- the hours.
CREATE TABLE schedule (
	id          TEXT NOT NULL,
	service_id  TEXT NOT NULL REFERENCES service (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
	position    INTEGER NOT NULL CHECK (position >= 0),
	part        INTEGER NOT NULL CHECK (part >= 0),
	label       TEXT NOT NULL DEFAULT '',
	freq        TEXT NOT NULL DEFAULT 'WEEKLY' CHECK (freq = 'WEEKLY'),
	byday       TEXT NOT NULL DEFAULT '',
	opens_at    TEXT NOT NULL DEFAULT '' CHECK (opens_at = '' OR opens_at GLOB '[0-2][0-9]:[0-5][0-9]'),
	closes_at   TEXT NOT NULL DEFAULT '' CHECK (closes_at = '' OR closes_at GLOB '[0-4][0-9]:[0-5][0-9]'),
	valid_from  TEXT NOT NULL DEFAULT '',  -- YYYY-MM-DD or ''
	valid_to    TEXT NOT NULL DEFAULT '',  -- YYYY-MM-DD or ''
	description TEXT NOT NULL DEFAULT '',
	unconfirmed INTEGER NOT NULL DEFAULT 0 CHECK (unconfirmed IN (0, 1)),
	proposed    INTEGER NOT NULL DEFAULT 0 CHECK (proposed IN (0, 1)),
	PRIMARY KEY (service_id, position, part)
) STRICT, WITHOUT ROWID;
