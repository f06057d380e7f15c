package ui

// extra is what the desk keeps beside the search: actions waiting for
// results.
type extra struct {
	// waiting are actions asked for before the results of the last
	// keystroke arrived (waitForResults).
	waiting []waitingAction
}

// waitingAction is an action and the change of the search box it was
// asked for after.
type waitingAction struct {
	seq uint64
	run func()
}

// waitForResults holds run until the results of the last keystroke are
// on screen, and reports whether it did: pin and email, pressed straight
// after typing, act on the listing the words typed find, as copy does
// (Desk.pendingCopy). Typing on drops them, as it drops a waiting copy.
func (d *Desk) waitForResults(run func()) bool {
	if d.applied == d.seq {
		return false
	}
	d.extra.waiting = append(d.extra.waiting, waitingAction{seq: d.seq, run: run})
	return true
}

// runWaiting runs the actions waiting for the results now on screen.
func (d *Desk) runWaiting() {
	waiting := d.extra.waiting
	d.extra.waiting = nil
	for _, a := range waiting {
		if a.seq == d.applied {
			a.run()
		}
	}
}
