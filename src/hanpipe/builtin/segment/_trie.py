"""Numba kernels that build and change the ``jieba`` segmenter's double-array trie.

A node is a slot: the child of slot ``s`` on code ``c`` is slot
``t = base[s] + c`` when ``check[t] == s``. ``child`` and ``sibling`` chain
each node's children so that a node's children can move together when a new
child does not fit. Per slot the dictionary also keeps ``logf``
(``log(freq)``, 0.0 where jieba uses ``freq or 1``), ``flags``, ``freq`` and
``tag`` (the code of the word's part-of-speech tag), which move with the
slot. Statuses: a slot (>= 0), or ``ERR_CAPACITY`` when the arrays are too
short (grow them and call again).
"""

from __future__ import annotations

from ..._jit import jit

__all__ = [
    "ERR_CAPACITY",
    "FREE",
    "NO_CHILDREN",
    "RESERVED",
    "ROOT_CHECK",
    "dat_build",
    "dat_insert",
]

FREE = -1  # check[] of an unused slot
ROOT_CHECK = -2  # check[0]: the root has no parent
RESERVED = -3  # check[] of a slot kept free for new first characters
NO_CHILDREN = -(1 << 30)  # base[] of a leaf: every child slot is negative (other bases are > -2**24)
INSERT_WINDOW = 1 << 16  # how far behind the end dat_insert looks for free slots
ROOT_SPARE = 1024  # codes kept free for the root when it has to move
ERR_CAPACITY = -1


# -- the trie ------------------------------------------------------------------


@jit
def _step(base, check, s, c):
    """The child of slot ``s`` on code ``c``, or -1."""
    if c <= 0:
        return -1
    t = base[s] + c
    if t < 0 or t >= check.shape[0]:
        return -1
    if check[t] == s:
        return t
    return -1


@jit
def dat_build(child_start, child_code, child_node, order, reserve, window, base, check, child, sibling, slot_of,
              node_base, queue):
    """Lay out a trie given as sorted child lists in a double array.

    Node 0 is the root; ``child_code[child_start[n]:child_start[n + 1]]`` are
    node ``n``'s child codes in increasing order and ``child_node`` the child
    nodes. Bases are chosen first-fit in ``order`` (any order with the root
    first; the slots follow from the bases afterwards); ``reserve`` slots after
    the root's last child, and the slots of codes that start no word, are kept
    for first characters added later. Holes
    more than ``window`` slots behind the end of the used part are given up,
    which bounds the search per node (darts-clone keeps a few blocks open for
    the same reason). Fills
    ``slot_of[node]``; returns the number of slots used, or ``ERR_CAPACITY``.
    """
    cap = check.shape[0]
    n_nodes = child_start.shape[0] - 1
    if (cap < 2 or slot_of.shape[0] < n_nodes or queue.shape[0] < n_nodes or node_base.shape[0] < n_nodes
            or order.shape[0] < n_nodes):
        return ERR_CAPACITY
    for i in range(cap):
        base[i] = NO_CHILDREN
        check[i] = FREE
        child[i] = -1
        sibling[i] = -1
    check[0] = ROOT_CHECK
    used = 1
    first_free = 1
    # 1. bases, first fit; check[] only marks slots as taken (0) for now
    for r in range(n_nodes):
        node = order[r]
        a = child_start[node]
        z = child_start[node + 1]
        node_base[node] = NO_CHILDREN
        if a == z:
            continue
        c0 = child_code[a]
        last = child_code[z - 1]
        extra = reserve if node == 0 else 0
        # bases may be negative: slots are base + code >= pos >= 1
        pos = max(first_free, used - window)
        if node == 0:
            pos = c0  # the root's base is 0: codes are slots, the array is still empty
        while True:
            if pos >= cap:
                return ERR_CAPACITY
            if check[pos] != FREE:
                pos += 1
                continue
            b = pos - c0
            if b + last + extra >= cap:
                return ERR_CAPACITY
            ok = True
            for j in range(a + 1, z):
                if check[b + child_code[j]] != FREE:
                    ok = False
                    break
            if ok:
                for j in range(extra):
                    if check[b + last + 1 + j] != FREE:
                        ok = False
                        break
            if ok:
                break
            pos += 1
        node_base[node] = b
        for j in range(a, z):
            check[b + child_code[j]] = 0
        if node == 0:
            # every other code up to the reserve stays free for first characters added later
            for j in range(1, last + extra + 1):
                if check[b + j] == FREE:
                    check[b + j] = RESERVED
        if b + last + extra + 1 > used:
            used = b + last + extra + 1
        while first_free < cap and check[first_free] != FREE:
            first_free += 1
    # 2. slots, parents and child chains, breadth first from the root
    slot_of[0] = 0
    queue[0] = 0
    head = 0
    tail = 1
    while head < tail:
        node = queue[head]
        head += 1
        s = slot_of[node]
        a = child_start[node]
        z = child_start[node + 1]
        if a == z:
            continue
        b = node_base[node]
        base[s] = b
        prev = -1
        for j in range(a, z):
            t = b + child_code[j]
            check[t] = s
            slot_of[child_node[j]] = t
            if prev < 0:
                child[s] = t
            else:
                sibling[prev] = t
            prev = t
            queue[tail] = child_node[j]
            tail += 1
    return used


@jit
def _find_base(kids, m, check, hint):
    """A base putting every code of ``kids[:m]`` on a free slot, or ``NO_CHILDREN``."""
    cap = check.shape[0]
    lo = kids[0]
    for j in range(1, m):
        if kids[j] < lo:
            lo = kids[j]
    pos = max(hint, 1)
    while pos < cap:
        if check[pos] == FREE:
            b = pos - lo
            ok = True
            for j in range(m):
                t = b + kids[j]
                if t >= cap or check[t] != FREE:
                    ok = False
                    break
            if ok:
                return b
        pos += 1
    return NO_CHILDREN


@jit
def _set_empty(t, parent, next_sibling, base, check, child, sibling, logf, flags, freq, tag):
    """Make slot ``t`` a node without children or data, child of ``parent`` (``FREE``: no node)."""
    base[t] = NO_CHILDREN
    check[t] = parent
    child[t] = -1
    sibling[t] = next_sibling
    logf[t] = 0.0
    flags[t] = 0
    freq[t] = 0
    tag[t] = 0


@jit
def dat_insert(codes, base, check, child, sibling, logf, flags, freq, tag, kids, state):
    """Add the path of ``codes`` to the trie; return its slot.

    New nodes are prefixes (frequency 0). When a node's children must move to
    make room, they move together with their data and their own children
    re-point at them. ``state[0]`` is a hint where free slots begin and
    ``state[1]`` the number of slots in use; both are kept up to date.
    Returns ``ERR_CAPACITY`` before changing anything if the arrays are too
    short (grow them and call again: the finished part of the path stays).
    """
    cap = check.shape[0]
    s = 0
    for i in range(codes.shape[0]):
        c = codes[i]
        if c <= 0:
            return ERR_CAPACITY
        nxt = _step(base, check, s, c)
        if nxt >= 0:
            s = nxt
            continue
        t = base[s] + c
        placed = False
        if 0 <= t < cap:
            if check[t] == FREE or (s == 0 and check[t] == RESERVED):
                placed = True
        if not placed:
            # move s's children (if any) and the new one to a fresh base
            m = 0
            u = child[s]
            while u >= 0:
                if m >= kids.shape[0] - 1:
                    return ERR_CAPACITY
                kids[m] = u - base[s]
                m += 1
                u = sibling[u]
            kids[m] = c
            m += 1
            hi = 0
            for j in range(m):
                if kids[j] > hi:
                    hi = kids[j]
            if s == 0:
                # the root moves past the end, with every code up to hi + ROOT_SPARE kept for it
                b = state[1]
                if b + hi + ROOT_SPARE >= cap:
                    return ERR_CAPACITY
            else:
                b = _find_base(kids, m, check, max(state[0], state[1] - INSERT_WINDOW))
                if b == NO_CHILDREN:
                    return ERR_CAPACITY
            old_base = base[s]
            first = -1
            for j in range(m - 1):
                old = old_base + kids[j]
                new = b + kids[j]
                base[new] = base[old]
                check[new] = s
                logf[new] = logf[old]
                flags[new] = flags[old]
                freq[new] = freq[old]
                tag[new] = tag[old]
                child[new] = child[old]
                sibling[new] = first
                first = new
                if new + 1 > state[1]:
                    state[1] = new + 1
                g = child[old]
                while g >= 0:
                    check[g] = new
                    g = sibling[g]
                _set_empty(old, FREE, -1, base, check, child, sibling, logf, flags, freq, tag)
                if old < state[0]:
                    state[0] = old
            child[s] = first
            base[s] = b
            t = b + c
            if s == 0:
                for j in range(1, hi + ROOT_SPARE + 1):
                    if check[b + j] == FREE and b + j != t:
                        check[b + j] = RESERVED
                if b + hi + ROOT_SPARE + 1 > state[1]:
                    state[1] = b + hi + ROOT_SPARE + 1
        _set_empty(t, s, child[s], base, check, child, sibling, logf, flags, freq, tag)
        child[s] = t
        if t + 1 > state[1]:
            state[1] = t + 1
        s = t
    while state[0] < cap and check[state[0]] != FREE:
        state[0] += 1
    return s
