// Package hashtab holds what a corpus-wide check needs per paper (a DOI or
// an id seen before, a file listed before) in a few bytes each, and without
// pointers, so that a million papers cost the garbage collector nothing to
// scan: keys are 128-bit hashes of strings, values small numbers.
//
// Two different strings share a hash with a probability of about n²/2¹²⁹
// (nil for any corpus there is). The table keeps 96 of the 128 bits, so
// two keys are taken for one with a probability of about n²/2⁹⁷: for ten
// million papers, one in 10¹⁵.
package hashtab

import (
	"hash/maphash"
	"math/bits"
)

// Key is a string's 128-bit hash.
type Key [2]uint64

var seeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

// Of hashes s.
func Of(s string) Key { return Key{maphash.String(seeds[0], s), maphash.String(seeds[1], s)} }

// slot is 16 bytes: 96 bits of the key and the value. hi is never 0 in a
// used slot (the key's bit is forced), so 0 marks an empty one.
type slot struct {
	hi  uint64
	lo  uint32
	val uint32
}

// Table maps keys to uint32 values: open addressing, linear probing, grown
// by half when it is four-fifths full. The zero Table is empty and ready.
type Table struct {
	slots []slot
	n     int
}

func split(k Key) (hi uint64, lo uint32) { return k[0] | 1<<63, uint32(k[1]) }

// home is where a key's probe starts: the hash scaled to the table
// (Lemire's multiply-shift), so the table need not be a power of two.
func home(hi uint64, size int) int {
	h, _ := bits.Mul64(hi<<1|hi>>63, uint64(size))
	return int(h)
}

// Len is the number of keys.
func (t *Table) Len() int { return t.n }

// Get returns the value of k.
func (t *Table) Get(k Key) (uint32, bool) {
	if t.n == 0 {
		return 0, false
	}
	hi, lo := split(k)
	for i := home(hi, len(t.slots)); ; {
		s := &t.slots[i]
		if s.hi == 0 {
			return 0, false
		}
		if s.hi == hi && s.lo == lo {
			return s.val, true
		}
		if i++; i == len(t.slots) {
			i = 0
		}
	}
}

// Put sets k to v, unless k is there already; it returns the value k has
// now and whether it was there before.
func (t *Table) Put(k Key, v uint32) (uint32, bool) {
	if (t.n+1)*5 > len(t.slots)*4 {
		t.grow(max(len(t.slots)*3/2, 64))
	}
	hi, lo := split(k)
	for i := home(hi, len(t.slots)); ; {
		s := &t.slots[i]
		if s.hi == 0 {
			*s = slot{hi, lo, v}
			t.n++
			return v, false
		}
		if s.hi == hi && s.lo == lo {
			return s.val, true
		}
		if i++; i == len(t.slots) {
			i = 0
		}
	}
}

// Reserve makes room for n keys in all, at once: a run that knows how many
// files it reads grows the table once instead of a dozen times.
func (t *Table) Reserve(n int) {
	if want := n*5/4 + 1; want > len(t.slots) {
		t.grow(want)
	}
}

func (t *Table) grow(size int) {
	old := t.slots
	t.slots = make([]slot, size)
	for _, s := range old {
		if s.hi == 0 {
			continue
		}
		i := home(s.hi, size)
		for t.slots[i].hi != 0 {
			if i++; i == size {
				i = 0
			}
		}
		t.slots[i] = s
	}
}

// Set sets k to v, there or not.
func (t *Table) Set(k Key, v uint32) {
	if _, had := t.Put(k, v); had {
		hi, lo := split(k)
		for i := home(hi, len(t.slots)); ; {
			if s := &t.slots[i]; s.hi == hi && s.lo == lo {
				s.val = v
				return
			}
			if i++; i == len(t.slots) {
				i = 0
			}
		}
	}
}
