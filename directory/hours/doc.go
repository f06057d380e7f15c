// Package hours reads opening hours as published ("Monday-Friday
// 8:00am-5:00pm; Shelter 7:30pm-8:30am") into the domain's weekly
// schedules, directory.Schedule. It runs only where a listing is taken in
// with hours text and no schedules (a file import, the default directory,
// the editor's "Fill in from the hours as published"); what it proposes an
// admin confirms. The schedules themselves, and "open now", are the
// domain's: this package imports directory, never the reverse.
package hours
