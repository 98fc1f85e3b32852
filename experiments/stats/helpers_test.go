package stats

import (
	"strings"
	"testing"
)

// mustPanic fails t unless f panics with a "stats: " message.
func mustPanic(t *testing.T, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			t.Fatal("no panic")
		}
		msg, ok := r.(string)
		if !ok || !strings.HasPrefix(msg, "stats: ") {
			t.Fatalf("panic %v lacks the %q prefix", r, "stats: ")
		}
	}()
	f()
}
