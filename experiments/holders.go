package experiments

import "dtaosim/agents"

// holderIndex lists, per subnet, the agent accounts holding its alpha, so that epoch
// payouts and the meme subnet's choice of miners loop over holders only, not over every
// agent. It also keeps, per subnet, the alpha agents hold and how many speculators hold
// it (both are in the agents' View). Order execution keeps it current; an epoch resets
// alpha to the exact sum after its payouts.
type holderIndex struct {
	n           int
	of          [][]agents.AccountID // per subnet: its agent holders, in no particular order
	slot        []int32              // slot[a*n+i]: a's position in of[i], −1 if absent
	alpha       []float64            // per subnet: alpha held by agents
	speculators []int                // per subnet: speculators holding it

	grouped []agents.AccountID // scratch of byValidator: holders grouped by validator
	start   []int              // scratch of byValidator: each group's start in grouped

	modV  int     // the v of group's table, 0 before the first call
	group []int32 // group[a] = a mod modV, per agent account
}

func newHolderIndex(agentAccounts, n int) holderIndex {
	h := holderIndex{n: n, of: make([][]agents.AccountID, n), slot: make([]int32, agentAccounts*n),
		alpha: make([]float64, n), speculators: make([]int, n), group: make([]int32, agentAccounts)}
	for k := range h.slot {
		h.slot[k] = -1
	}
	return h
}

// add puts agent account a into subnet i's holders.
func (h *holderIndex) add(a agents.AccountID, i int) {
	k := int(a)*h.n + i
	if h.slot[k] >= 0 {
		return
	}
	h.slot[k] = int32(len(h.of[i]))
	h.of[i] = append(h.of[i], a)
}

// drop removes agent account a from subnet i's holders.
func (h *holderIndex) drop(a agents.AccountID, i int) {
	k := int(a)*h.n + i
	pos := h.slot[k]
	if pos < 0 {
		return
	}
	of := h.of[i]
	last := of[len(of)-1]
	of[pos] = last
	h.slot[int(last)*h.n+i] = pos
	h.of[i] = of[:len(of)-1]
	h.slot[k] = -1
}

// groups returns, per agent account a, the alpha validator a delegates to among v: a mod
// v, from a table (a modulo by a variable is a division, and the epochs take one per
// holder).
func (h *holderIndex) groups(v int) []int32 {
	if h.modV != v {
		for a := range h.group {
			h.group[a] = int32(a % v)
		}
		h.modV = v
	}
	return h.group
}

// byValidator returns subnet i's holders grouped by the alpha validator they delegate
// to (agent a delegates to a mod v): group k is grouped[start[k]:start[k+1]], in the
// order of of[i]. The slices are scratch, valid until the next call.
func (h *holderIndex) byValidator(i, v int) (grouped []agents.AccountID, start []int) {
	of := h.of[i]
	if cap(h.start) < v+1 {
		h.start = make([]int, v+1)
	}
	start = h.start[:v+1]
	clear(start)
	group := h.groups(v)
	for _, a := range of {
		start[1+group[a]]++
	}
	for k := 1; k <= v; k++ {
		start[k] += start[k-1]
	}
	if cap(h.grouped) < len(of) {
		h.grouped = make([]agents.AccountID, len(of), 2*len(of))
	}
	grouped = h.grouped[:len(of)]
	next := start[:v] // each group's next free slot; restored below
	for _, a := range of {
		k := group[a]
		grouped[next[k]] = a
		next[k]++
	}
	// next[k] is now group k's end, start[k+1]: shift back.
	copy(start[1:], start[:v])
	start[0] = 0
	return grouped, start
}
