package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"nowrongdoor/directory/adminauth"
)

// actionSetPassword is the audit action of setting the admin password.
// Its row holds who set it and when, never the hash.
const actionSetPassword = "set-admin-password"

// Store keeps the admin password for adminauth.Gate.
var _ adminauth.Store = (*Store)(nil)

// AdminState returns the stored admin password hash and failed attempts.
func (s *Store) AdminState(ctx context.Context) (adminauth.State, error) {
	st, err := adminState(ctx, s.rdb)
	if err != nil {
		return adminauth.State{}, fmt.Errorf("admin password: %w", err)
	}
	return st, nil
}

// adminState reads the admin password's row; with none, the zero State.
func adminState(ctx context.Context, q rowQuerier) (adminauth.State, error) {
	var st adminauth.State
	var last string
	err := q.QueryRowContext(ctx, `SELECT hash, failures, last_failure FROM admin_password WHERE id = 1`).
		Scan(&st.Hash, &st.Failures, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return adminauth.State{}, nil
	}
	if err != nil {
		return adminauth.State{}, classify(err)
	}
	if last != "" {
		if st.LastFailure, err = time.Parse(time.RFC3339Nano, last); err != nil {
			return adminauth.State{}, fmt.Errorf("%w: last failure time: %v", ErrCorrupt, err)
		}
	}
	return st, nil
}

// SetAdminPassword stores hash (an adminauth PHC string) as the admin
// password's, with an audit row saying actor set it, if no password is
// set; otherwise it returns adminauth.ErrPasswordSet and changes nothing.
func (s *Store) SetAdminPassword(ctx context.Context, hash, actor string) error {
	if _, err := adminauth.ParseParams(hash); err != nil {
		return fmt.Errorf("set admin password: %w", err)
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO admin_password (id, hash) VALUES (1, ?) ON CONFLICT DO NOTHING`, hash)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return adminauth.ErrPasswordSet
		}
		return insertAudit(ctx, tx, s.now(), audit{actor: actor, action: actionSetPassword, detail: struct{}{}})
	})
	if err != nil {
		return fmt.Errorf("set admin password: %w", err)
	}
	return nil
}

// BeginAdminAttempt checks that an attempt at time at may go ahead and
// counts it as a failure until EndAdminAttempt, both in one write
// transaction: attempts from other processes queue on the write lock and
// see this one's count. See adminauth.Store.
func (s *Store) BeginAdminAttempt(ctx context.Context, at time.Time) (adminauth.State, error) {
	var before adminauth.State
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if before, err = adminState(ctx, tx); err != nil {
			return err
		}
		if !before.IsSet() {
			return adminauth.ErrNoPassword
		}
		if before.Wait(at) > 0 {
			return adminauth.ErrTooSoon
		}
		_, err = tx.ExecContext(ctx, `UPDATE admin_password SET failures = failures + 1, last_failure = ? WHERE id = 1`, formatTime(at))
		return err
	})
	if err != nil {
		return before, fmt.Errorf("admin password attempt: %w", err)
	}
	return before, nil
}

// EndAdminAttempt records that an attempt succeeded: the failures are
// cleared, and the next attempt waits for nothing.
func (s *Store) EndAdminAttempt(ctx context.Context) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE admin_password SET failures = 0, last_failure = '' WHERE id = 1`)
		return err
	})
	if err != nil {
		return fmt.Errorf("admin password attempt: %w", err)
	}
	return nil
}

// write runs fn in a write transaction and commits it if fn succeeds.
func (s *Store) write(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return classify(err)
	}
	return classify(tx.Commit())
}
