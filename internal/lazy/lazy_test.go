package lazy

import (
	"sync"
	"testing"
)

var (
	word  = Regexp{Expr: `^\w+$`}
	calls int
	table = Value[map[string]int]{New: func() map[string]int { calls++; return map[string]int{"a": 1} }}
)

// Get builds once, even when called at once from many goroutines, and
// returns the same value every time.
func TestBuiltOnce(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if table.Get()["a"] != 1 || !word.Get().MatchString("abc") {
				t.Error("wrong value")
			}
		}()
	}
	wg.Wait()
	if calls != 1 {
		t.Errorf("New called %d times, want 1", calls)
	}
	if word.Get() != word.Get() {
		t.Error("Get compiled twice")
	}
}

// An expression that does not compile panics at its first use, as
// regexp.MustCompile does.
func TestBadExprPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	bad := Regexp{Expr: `(`}
	bad.Get()
}
