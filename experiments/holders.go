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
}

func newHolderIndex(agentAccounts, n int) holderIndex {
	h := holderIndex{n: n, of: make([][]agents.AccountID, n), slot: make([]int32, agentAccounts*n),
		alpha: make([]float64, n), speculators: make([]int, n)}
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
