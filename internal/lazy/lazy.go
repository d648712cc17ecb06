// Package lazy builds package-level tables and regular expressions on first
// use instead of at start-up. Every vagut command pays for the package
// initialisation of every package linked in, and for a pre-commit hook that
// runs vagut on one file start-up is most of the time: a regular expression
// compiled at init costs every command its allocations and the fresh memory
// pages they touch, even the commands that never use it.
//
// Both types are declared as package-level variables with a constant or a
// function literal, which the compiler lays out as data: no code runs for
// them at start-up, and nothing is allocated until the first Get. (A
// sync.OnceValue in a package-level variable is itself built at start-up.)
package lazy

import (
	"regexp"
	"sync"
)

// Regexp is a regular expression compiled on its first use:
//
//	var doiShape = lazy.Regexp{Expr: `^10\.\d+/\S+$`}
//	... doiShape.Get().MatchString(s) ...
//
// Like regexp.MustCompile, Get panics if Expr does not compile; Expr is a
// constant of the program and the tests call every Get.
type Regexp struct {
	Expr string
	once sync.Once
	re   *regexp.Regexp
}

// Get compiles Expr the first time and returns the same *regexp.Regexp from
// then on; safe for concurrent use.
func (r *Regexp) Get() *regexp.Regexp {
	r.once.Do(func() { r.re = regexp.MustCompile(r.Expr) })
	return r.re
}

// Value is a value built by New on its first use:
//
//	var byKey = lazy.Value[map[string]*Rule]{New: func() map[string]*Rule { ... }}
//	... byKey.Get()[key] ...
type Value[T any] struct {
	New  func() T
	once sync.Once
	v    T
}

// Get calls New the first time and returns its value from then on; safe for
// concurrent use.
func (l *Value[T]) Get() T {
	l.once.Do(func() { l.v = l.New() })
	return l.v
}
