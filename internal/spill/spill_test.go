package spill

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

func byA(a, b Key) int {
	if c := strings.Compare(a.A, b.A); c != 0 {
		return c
	}
	return strings.Compare(a.B, b.B)
}

// sorted runs records through a sorter with the given budget and returns
// the values in the order Each gives them, and how many were spilt.
func sorted(t *testing.T, budget int64, keys []Key) ([]string, int) {
	t.Helper()
	s := New(budget, byA)
	defer s.Close()
	for i, k := range keys {
		if err := s.Add(k, []byte(fmt.Sprintf("%s|%s|%d", k.A, k.B, i))); err != nil {
			t.Fatal(err)
		}
	}
	var out []string
	if err := s.Each(func(v []byte) error { out = append(out, string(v)); return nil }); err != nil {
		t.Fatal(err)
	}
	return out, s.Spilt
}

// TestOrderSameWithAndWithoutSpilling: whatever the budget, one file, many
// or more than a fan-in (merged in two rounds), the order is that of a
// stable sort in memory, ties by order of Add.
func TestOrderSameWithAndWithoutSpilling(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var keys []Key
	for i := 0; i < 5000; i++ {
		keys = append(keys, Key{A: fmt.Sprint(r.IntN(50)), B: strings.Repeat("x", r.IntN(3))})
	}
	want := make([]int, len(keys))
	for i := range want {
		want[i] = i
	}
	slices.SortStableFunc(want, func(i, j int) int { return byA(keys[i], keys[j]) })
	var wantVals []string
	for _, i := range want {
		wantVals = append(wantVals, fmt.Sprintf("%s|%s|%d", keys[i].A, keys[i].B, i))
	}
	// A fan-in of 16 merges 5,000 files in many rounds, the first of
	// them partial.
	defer func(f int) { MaxFanIn = f }(MaxFanIn)
	for _, fanIn := range []int{16, 256} {
		MaxFanIn = fanIn
		for _, budget := range []int64{1 << 30, 1 << 16, 1 << 10, 1} {
			got, spilt := sorted(t, budget, keys)
			if !slices.Equal(got, wantVals) {
				t.Fatalf("fan-in %d, budget %d: order differs from a stable sort", fanIn, budget)
			}
			if budget == 1<<30 && spilt != 0 || budget < 1<<30 && spilt != len(keys) {
				t.Errorf("budget %d: %d records spilt", budget, spilt)
			}
		}
	}
}

func TestEmptyAndStop(t *testing.T) {
	if got, _ := sorted(t, 1, nil); len(got) != 0 {
		t.Errorf("no records: got %v", got)
	}
	s := New(1, byA)
	defer s.Close()
	for i := 0; i < 10; i++ {
		s.Add(Key{A: fmt.Sprint(9 - i)}, []byte{byte('0' + 9 - i)})
	}
	var got []byte
	stop := fmt.Errorf("stop")
	err := s.Each(func(v []byte) error {
		got = append(got, v...)
		if len(got) == 3 {
			return stop
		}
		return nil
	})
	if err != stop || string(got) != "012" {
		t.Errorf("Each stopped with %v after %q", err, got)
	}
}

// tmpFiles lists what a sorter left in the temporary folder.
func tmpFiles(t *testing.T, dir string) []string {
	t.Helper()
	left, _ := filepath.Glob(filepath.Join(dir, "vagut-spill-*"))
	return left
}

func TestCloseRemovesFiles(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	s := New(1, byA)
	for i := 0; i < 100; i++ {
		s.Add(Key{A: fmt.Sprint(i)}, []byte("v"))
	}
	if len(tmpFiles(t, tmp)) != 1 {
		t.Fatalf("spilling made no temporary folder in %s", tmp)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if left := tmpFiles(t, tmp); len(left) > 0 {
		t.Errorf("Close left %v", left)
	}
}

// TestInterruptRemovesFiles: a process interrupted while its records are
// on disk leaves no temporary file behind, and still dies of the signal.
func TestInterruptRemovesFiles(t *testing.T) {
	if os.Getenv("SPILL_HELPER") == "1" {
		s := New(1, byA)
		for i := 0; i < 100; i++ {
			s.Add(Key{A: fmt.Sprint(i)}, []byte("v"))
		}
		fmt.Println("spilt")
		time.Sleep(time.Minute) // interrupted here
		return
	}
	tmp := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run", "^TestInterruptRemovesFiles$")
	cmd.Env = append(os.Environ(), "SPILL_HELPER=1", "TMPDIR="+tmp)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	if _, err := out.Read(buf); err != nil || string(buf) != "spilt" {
		t.Fatalf("helper: %q, %v", buf, err)
	}
	if len(tmpFiles(t, tmp)) != 1 {
		t.Fatal("the helper spilt no file")
	}
	cmd.Process.Signal(syscall.SIGINT)
	err = cmd.Wait()
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGINT {
		t.Errorf("helper ended with %v, not killed by SIGINT", err)
	}
	if left := tmpFiles(t, tmp); len(left) > 0 {
		t.Errorf("SIGINT left %v", left)
	}
}
