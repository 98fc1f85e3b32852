package experiments

import (
	"testing"

	"pgregory.net/rapid"

	"dtaosim/agents"
)

// TestHolderIndex: after any sequence of adds and drops, each subnet's holder list is
// exactly the set of accounts added and not dropped since, once each, and every slot
// points at its account's position.
func TestHolderIndex(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		accounts, n := rapid.IntRange(1, 20).Draw(t, "accounts"), rapid.IntRange(1, 5).Draw(t, "subnets")
		h := newHolderIndex(accounts, n)
		want := make([]map[agents.AccountID]bool, n)
		for i := range want {
			want[i] = map[agents.AccountID]bool{}
		}
		for range rapid.IntRange(0, 200).Draw(t, "ops") {
			a := agents.AccountID(rapid.IntRange(0, accounts-1).Draw(t, "account"))
			i := rapid.IntRange(0, n-1).Draw(t, "subnet")
			if rapid.Bool().Draw(t, "add") {
				h.add(a, i)
				want[i][a] = true
			} else {
				h.drop(a, i)
				delete(want[i], a)
			}
		}
		for i := range n {
			if len(h.of[i]) != len(want[i]) {
				t.Fatalf("subnet %d: %d holders %v, want %d", i, len(h.of[i]), h.of[i], len(want[i]))
			}
			for pos, a := range h.of[i] {
				if !want[i][a] {
					t.Fatalf("subnet %d lists %d, which is not a holder", i, a)
				}
				if got := h.slot[int(a)*n+i]; got != int32(pos) {
					t.Fatalf("slot of (%d, %d) is %d, listed at %d", a, i, got, pos)
				}
			}
			for a := range accounts {
				if !want[i][agents.AccountID(a)] && h.slot[a*n+i] != -1 {
					t.Fatalf("slot of non-holder (%d, %d) is %d, want -1", a, i, h.slot[a*n+i])
				}
			}
		}
	})
}

// TestHolderIndexByValidator: each group of byValidator is the subnet's holders that
// delegate to that validator, in the holder list's order.
func TestHolderIndexByValidator(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		accounts, v := rapid.IntRange(1, 40).Draw(t, "accounts"), rapid.IntRange(1, 9).Draw(t, "validators")
		h := newHolderIndex(accounts, 2)
		for range rapid.IntRange(0, 100).Draw(t, "ops") {
			a := agents.AccountID(rapid.IntRange(0, accounts-1).Draw(t, "account"))
			if rapid.Bool().Draw(t, "add") {
				h.add(a, 1)
			} else {
				h.drop(a, 1)
			}
			grouped, start := h.byValidator(1, v)
			if len(start) != v+1 || start[0] != 0 || start[v] != len(h.of[1]) {
				t.Fatalf("start %v for %d holders", start, len(h.of[1]))
			}
			for k := range v {
				var want []agents.AccountID
				for _, a := range h.of[1] {
					if int(a)%v == k {
						want = append(want, a)
					}
				}
				got := grouped[start[k]:start[k+1]]
				if len(got) != len(want) {
					t.Fatalf("group %d: %v, want %v", k, got, want)
				}
				for j := range got {
					if got[j] != want[j] {
						t.Fatalf("group %d: %v, want %v", k, got, want)
					}
				}
			}
		}
	})
}
