package input

import (
	"path/filepath"
	"slices"
	"strings"
)

// Paths is a list of file paths held compactly: each path is its folder
// (kept once for all the files in it) and its name, the names in one byte
// arena. A folder walk over a million files lists a million paths; as
// strings they took 64 bytes each, here about 12 and the name, and no
// pointer the garbage collector has to follow.
type Paths struct {
	dirs  []string          // folder prefixes, each up to and with its last separator
	dirOf map[string]uint32 // while listing
	ents  []pathEnt
	names []byte
}

type pathEnt struct {
	dir       uint32
	off, size uint32 // of the name in names
}

// NewPaths lists ps, in order.
func NewPaths(ps ...string) *Paths {
	l := &Paths{}
	for _, p := range ps {
		l.Add(p)
	}
	return l
}

// Add appends p.
func (l *Paths) Add(p string) { l.ents = append(l.ents, l.entry(p)) }

// Set makes p the i-th path.
func (l *Paths) Set(i int, p string) { l.ents[i] = l.entry(p) }

func (l *Paths) entry(p string) pathEnt {
	i := strings.LastIndexAny(p, "/"+string(filepath.Separator))
	dir, name := p[:i+1], p[i+1:]
	if l.dirOf == nil {
		l.dirOf = map[string]uint32{}
	}
	d, ok := l.dirOf[dir]
	if !ok {
		d = uint32(len(l.dirs))
		l.dirs = append(l.dirs, dir)
		l.dirOf[dir] = d
	}
	e := pathEnt{dir: d, off: uint32(len(l.names)), size: uint32(len(name))}
	l.names = append(l.names, name...)
	if len(l.names) > 1<<32-1 {
		panic("input: more than 4 GB of file names")
	}
	return e
}

// DeleteEmpty drops the paths Set to "".
func (l *Paths) DeleteEmpty() {
	l.ents = slices.DeleteFunc(l.ents, func(e pathEnt) bool { return e.size == 0 && l.dirs[e.dir] == "" })
}

// Len is the number of paths.
func (l *Paths) Len() int {
	if l == nil {
		return 0
	}
	return len(l.ents)
}

func (l *Paths) name(i int) []byte {
	e := l.ents[i]
	return l.names[e.off : e.off+e.size]
}

// At is the i-th path: a new string each call.
func (l *Paths) At(i int) string {
	return l.dirs[l.ents[i].dir] + string(l.name(i))
}

// Strings lists every path.
func (l *Paths) Strings() []string {
	out := make([]string, l.Len())
	for i := range out {
		out[i] = l.At(i)
	}
	return out
}

// Contains reports whether p is listed.
func (l *Paths) Contains(p string) bool {
	for i := 0; i < l.Len(); i++ {
		if l.At(i) == p {
			return true
		}
	}
	return false
}

// Sort orders the paths as sort.Strings orders the strings they spell.
func (l *Paths) Sort() {
	slices.SortFunc(l.ents, func(a, b pathEnt) int {
		return compare2(l.dirs[a.dir], l.names[a.off:a.off+a.size], l.dirs[b.dir], l.names[b.off:b.off+b.size])
	})
}

// compare2 compares the strings a1+a2 and b1+b2 without building them.
func compare2(a1 string, a2 []byte, b1 string, b2 []byte) int {
	if len(a1) > len(b1) {
		return -compare2(b1, b2, a1, a2)
	}
	// a1 is the shorter prefix: compare it with b1's start, then a2 with
	// the rest of b1, then what is left of a2 with b2.
	n := len(a1)
	if c := strings.Compare(a1, b1[:n]); c != 0 {
		return c
	}
	rest := b1[n:]
	k := min(len(a2), len(rest))
	if c := strings.Compare(string(a2[:k]), rest[:k]); c != 0 {
		return c
	}
	if k < len(rest) { // a2 ended inside b1
		return -1
	}
	return strings.Compare(string(a2[k:]), string(b2))
}
