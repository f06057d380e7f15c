// Package hsds speaks Open Referral's Human Services Data Specification
// 3.0, the format the 211 world exchanges directories in: the ids a
// listing's HSDS records carry, and how its weekly hours are written as
// HSDS schedule records.
package hsds
