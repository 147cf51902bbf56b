/* Exact talent scheduling: bounded dynamic programming over the set of scenes still to shoot.
 *
 * The compiled fast path of orbitfilm.schedule.ground.talent; talent.py holds the same search
 * in Python (the fallback) and documents the method. Scenes and actors are bit masks, so an
 * instance has at most 64 scenes (after merging) and 64 actors.
 *
 * Scenes are placed at the front or at the back of the middle still to order (Garcia de la
 * Banda, Stuckey & Chu 2011): at each state on the end that leaves fewer children;
 * bdp(state, U) returns the value of the middle when it is below U and otherwise a lower bound
 * of at least U (the bounded dynamic programming of Garcia de la Banda, Stuckey & Chu 2011);
 * the memo keeps exact values, their best child, and bounds.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAXN 64
#define INF_COST INT64_MAX / 4
#define INFO_BITS 8 /* low bits of a memo value: 0 = lower bound, else the best child */

typedef struct {
    uint64_t q, kb, ke; /* q == 0 marks a free slot: the empty middle is never stored */
    int64_t val;
} Entry;

typedef struct {
    int n, m;
    int64_t d[MAXN], c[MAXN], own[MAXN];
    uint64_t A[MAXN];
    Entry *table;
    uint64_t cap, count, max_cap;
    int64_t nodes;
    int aborted;
    double deadline;
    int64_t best_cost;
    int best_order[MAXN];
    int path[MAXN];
    int depth;
    int64_t path_cost;
    int both_ends; /* 2: choose the end per state, 1: alternate ends, 0: front only */
} Solver;

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int64_t csum(const Solver *S, uint64_t mask) {
    int64_t total = 0;
    while (mask) {
        total += S->c[__builtin_ctzll(mask)];
        mask &= mask - 1;
    }
    return total;
}

static uint64_t actors_of(const Solver *S, uint64_t scenes) {
    uint64_t u = 0;
    while (scenes) {
        u |= S->A[__builtin_ctzll(scenes)];
        scenes &= scenes - 1;
    }
    return u;
}

/* ---- memo: open addressing on the key (Q, kB, kE), linear probing ----------------------- */

static uint64_t slot_of(const Solver *S, uint64_t q, uint64_t kb, uint64_t ke) {
    uint64_t h = q * 0x9E3779B97F4A7C15ULL ^ kb * 0xC2B2AE3D27D4EB4FULL ^ ke * 0x165667B19E3779F9ULL;
    h ^= h >> 29;
    return (h * 0xBF58476D1CE4E5B9ULL >> 20) & (S->cap - 1);
}

static Entry *find(const Solver *S, uint64_t q, uint64_t kb, uint64_t ke) {
    uint64_t i = slot_of(S, q, kb, ke);
    while (S->table[i].q) {
        Entry *e = &S->table[i];
        if (e->q == q && e->kb == kb && e->ke == ke) return e;
        i = (i + 1) & (S->cap - 1);
    }
    return NULL;
}

static int grow(Solver *S) {
    uint64_t old_cap = S->cap;
    Entry *old = S->table;
    Entry *fresh = calloc(old_cap * 2, sizeof(Entry));
    if (!fresh) return 0;
    S->table = fresh;
    S->cap = old_cap * 2;
    for (uint64_t i = 0; i < old_cap; i++) {
        if (!old[i].q) continue;
        uint64_t j = slot_of(S, old[i].q, old[i].kb, old[i].ke);
        while (S->table[j].q) j = (j + 1) & (S->cap - 1);
        S->table[j] = old[i];
    }
    free(old);
    return 1;
}

#define INFO_MASK ((1 << INFO_BITS) - 1)

/* Store a value; bounds are dropped when memory is spent, exact values abort the search.
 * info is 0 for a lower bound, else 1 + scene + 64 * side of the best child. */
static void store(Solver *S, uint64_t q, uint64_t kb, uint64_t ke, int64_t value, int info) {
    Entry *e = find(S, q, kb, ke);
    if (e) {
        if (!(e->val & INFO_MASK)) e->val = value << INFO_BITS | info;
        return;
    }
    if (S->count * 4 >= S->cap * 3) {
        if (S->cap < S->max_cap && grow(S)) {
        } else if (!info && S->count * 8 >= S->cap * 7) {
            return;
        } else if (S->count * 32 >= S->cap * 31) {
            S->aborted = 1;
            return;
        }
    }
    uint64_t i = slot_of(S, q, kb, ke);
    while (S->table[i].q) i = (i + 1) & (S->cap - 1);
    S->table[i] = (Entry){q, kb, ke, value << INFO_BITS | info};
    S->count++;
}

/* ---- lower bound ---------------------------------------------------------------------------
 * Least waiting of the actors P who are on location from the start of the middle (or, by
 * symmetry, until its end): split each scene among its P-actors in proportion to their rates,
 * order the actors by Smith's rule and credit back what the split over-counts inside one scene
 * (the bound of Garcia de la Banda, Stuckey & Chu 2011).
 */
static double smith_waiting(const Solver *S, uint64_t Q, uint64_t P) {
    if (!P) return 0.0;
    double ratio[MAXN] = {0}, credit = 0.0;
    for (uint64_t q = Q; q; q &= q - 1) {
        int s = __builtin_ctzll(q);
        uint64_t X = S->A[s] & P;
        if (!X) continue;
        double total = 0.0, squares = 0.0;
        for (uint64_t x = X; x; x &= x - 1) {
            double rate = (double)S->c[__builtin_ctzll(x)];
            total += rate;
            squares += rate * rate;
        }
        if (total <= 0.0) continue;
        for (uint64_t x = X; x; x &= x - 1) ratio[__builtin_ctzll(x)] += S->d[s] / total;
        credit += S->d[s] * (total + squares / total) / 2.0;
    }
    int order[MAXN], k = 0;
    for (uint64_t p = P; p; p &= p - 1) {
        int a = __builtin_ctzll(p), j = k++;
        while (j > 0 && ratio[order[j - 1]] > ratio[a]) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = a;
    }
    double elapsed = 0.0, paid = 0.0;
    for (int i = 0; i < k; i++) {
        elapsed += ratio[order[i]] * S->c[order[i]];
        paid += S->c[order[i]] * elapsed;
    }
    return paid - credit;
}

/* Bound the middle Q: own scene cost, the waiting of actors called at both ends (paid for all
 * of Q), and Smith's bound for those called at one end only. */
static int64_t lower_bound(const Solver *S, uint64_t Q, uint64_t kb, uint64_t ke,
                           int64_t ownQ, int64_t dQ) {
    uint64_t both = kb & ke;
    int64_t fixed = 0;
    if (both) {
        fixed = csum(S, both) * dQ;
        for (uint64_t q = Q; q; q &= q - 1) {
            int s = __builtin_ctzll(q);
            fixed -= S->d[s] * csum(S, both & S->A[s]);
        }
    }
    double waiting = smith_waiting(S, Q, kb & ~ke) + smith_waiting(S, Q, ke & ~kb);
    int64_t extra = waiting > 0.0 ? (int64_t)ceil(waiting - 1e-7 * (1.0 + waiting)) : 0;
    return ownQ + fixed + extra;
}

/* ---- cost of a whole order (for the heuristic) -------------------------------------------- */
static int64_t order_cost(const Solver *S, const int *order) {
    int first[MAXN], last[MAXN];
    int64_t start[MAXN + 1];
    for (int a = 0; a < S->m; a++) first[a] = -1;
    start[0] = 0;
    for (int i = 0; i < S->n; i++) {
        start[i + 1] = start[i] + S->d[order[i]];
        for (uint64_t x = S->A[order[i]]; x; x &= x - 1) {
            int a = __builtin_ctzll(x);
            if (first[a] < 0) first[a] = i;
            last[a] = i;
        }
    }
    int64_t total = 0;
    for (int a = 0; a < S->m; a++)
        if (first[a] >= 0) total += S->c[a] * (start[last[a] + 1] - start[first[a]]);
    return total;
}

static uint64_t all_scenes(const Solver *S) {
    return S->n == 64 ? ~0ULL : ((1ULL << S->n) - 1);
}

/* Greedy from the front by cost + bound, then move single scenes to their best place until
 * no move helps: the first upper bound. */
static void heuristic(Solver *S) {
    uint64_t Q = all_scenes(S), done = 0;
    int64_t ownQ = 0, dQ = 0;
    int order[MAXN];
    for (int s = 0; s < S->n; s++) ownQ += S->own[s], dQ += S->d[s];
    for (int i = 0; i < S->n; i++) {
        int64_t best = INF_COST;
        int pick = -1;
        uint64_t P = done & actors_of(S, Q);
        for (uint64_t q = Q; q; q &= q - 1) {
            int s = __builtin_ctzll(q);
            uint64_t R = Q & ~(1ULL << s), doneR = done | S->A[s];
            int64_t est = S->d[s] * csum(S, S->A[s] | P) +
                          lower_bound(S, R, doneR & actors_of(S, R), 0, ownQ - S->own[s],
                                      dQ - S->d[s]);
            if (est < best) best = est, pick = s;
        }
        order[i] = pick;
        Q &= ~(1ULL << pick);
        done |= S->A[pick];
        ownQ -= S->own[pick];
        dQ -= S->d[pick];
    }
    int64_t cost = order_cost(S, order);
    for (int improved = 1; improved;) {
        improved = 0;
        for (int i = 0; i < S->n; i++) {
            int trial[MAXN];
            for (int j = 0; j < S->n; j++) {
                if (j == i) continue;
                int k = 0; /* order without order[i], with it inserted at position j */
                for (int t = 0; t < S->n; t++) {
                    if (t == i) continue;
                    if (k == j) trial[k++] = order[i];
                    trial[k++] = order[t];
                }
                if (k == j) trial[k++] = order[i];
                int64_t value = order_cost(S, trial);
                if (value < cost) {
                    cost = value;
                    memcpy(order, trial, sizeof(int) * S->n);
                    improved = 1;
                }
            }
        }
    }
    S->best_cost = cost;
    memcpy(S->best_order, order, sizeof(int) * S->n);
}

/* ---- the double-ended bounded dynamic program ----------------------------------------------
 * A state is the middle Q still to place between a fixed front and a fixed back, with kB / kE
 * the actors of Q already called at the front / back. Its value counts only actors of Q; an
 * actor whose last scene in Q is placed while it is called at both ends is paid for the rest
 * of the middle at once (the step's "tail" term).
 */

typedef struct {
    int64_t est, cost;
    uint64_t r, kb, ke;
    int64_t own_r, d_r;
    int s, side;
} Child;

static Child make_child(const Solver *S, uint64_t Q, uint64_t kb, uint64_t ke, uint64_t aQ,
                        uint64_t aR, int64_t ownQ, int64_t dQ, int s, int side) {
    Child k;
    uint64_t kb2 = side ? kb : (kb | S->A[s]) & aQ;
    uint64_t ke2 = side ? (ke | S->A[s]) & aQ : ke;
    k.s = s;
    k.side = side;
    k.r = Q & ~(1ULL << s);
    k.own_r = ownQ - S->own[s];
    k.d_r = dQ - S->d[s];
    k.kb = kb2 & aR;
    k.ke = ke2 & aR;
    k.cost = S->d[s] * csum(S, S->A[s] | (side ? ke : kb)) +
             csum(S, kb2 & ke2 & ~aR) * k.d_r;
    return k;
}

/* A scene whose actors are all called and that needs every actor waiting on one side only
 * can go next on that side: nothing gets dearer (exchange argument, see talent.py). */
static int forced_side(const Solver *S, int s, uint64_t kb, uint64_t ke) {
    uint64_t a = S->A[s];
    if ((a & ~kb) == 0 && ((kb & ~ke) & ~a) == 0 && (kb & ~ke)) return 0;
    if (S->both_ends && (a & ~ke) == 0 && ((ke & ~kb) & ~a) == 0 && (ke & ~kb)) return 1;
    return -1;
}

/* Estimate every child on one side (cost now + bound on the rest), cheapest first. */
static int side_children(const Solver *S, uint64_t Q, uint64_t kb, uint64_t ke, uint64_t aQ,
                         const uint64_t *prefix, const uint64_t *suffix, const int *scenes,
                         int k, int64_t ownQ, int64_t dQ, int side, Child *kids) {
    for (int i = 0; i < k; i++) {
        Child c = make_child(S, Q, kb, ke, aQ, prefix[i] | suffix[i + 1], ownQ, dQ, scenes[i],
                             side);
        Entry *e = c.r ? find(S, c.r, c.kb, c.ke) : NULL;
        int64_t rest = 0;
        if (e && (e->val & INFO_MASK)) {
            rest = e->val >> INFO_BITS;
        } else if (c.r) {
            rest = lower_bound(S, c.r, c.kb, c.ke, c.own_r, c.d_r);
            if (e && (e->val >> INFO_BITS) > rest) rest = e->val >> INFO_BITS;
        }
        c.est = c.cost + rest;
        int j = i;
        for (; j > 0 && kids[j - 1].est > c.est; j--) kids[j] = kids[j - 1];
        kids[j] = c;
    }
    return k;
}

static int viable(const Child *kids, int count, int64_t U) {
    int v = 0;
    while (v < count && kids[v].est < U) v++;
    return v;
}

/* The children to try: a forced scene alone, else every scene on the side that leaves fewer
 * children under the bound U, on a tie the side whose cheapest child has the higher estimate
 * (both_ends 2, the default), alternately front and back (1), or at the front (0). */
static int children(const Solver *S, uint64_t Q, uint64_t kb, uint64_t ke, int64_t ownQ,
                    int64_t dQ, int64_t U, Child *kids) {
    int scenes[MAXN], k = 0;
    uint64_t prefix[MAXN + 1], suffix[MAXN + 1];
    for (uint64_t q = Q; q; q &= q - 1) scenes[k++] = __builtin_ctzll(q);
    prefix[0] = 0;
    suffix[k] = 0;
    for (int i = 0; i < k; i++) prefix[i + 1] = prefix[i] | S->A[scenes[i]];
    for (int i = k - 1; i >= 0; i--) suffix[i] = suffix[i + 1] | S->A[scenes[i]];
    uint64_t aQ = prefix[k];
    for (int i = 0; i < k; i++) {
        int forced = forced_side(S, scenes[i], kb, ke);
        if (forced >= 0)
            return side_children(S, Q, kb, ke, aQ, prefix + i, suffix + i, scenes + i, 1, ownQ,
                                 dQ, forced, kids);
    }
    if (S->both_ends != 2)
        return side_children(S, Q, kb, ke, aQ, prefix, suffix, scenes, k, ownQ, dQ,
                             S->both_ends ? (S->n - k) & 1 : 0, kids);
    Child back[MAXN];
    side_children(S, Q, kb, ke, aQ, prefix, suffix, scenes, k, ownQ, dQ, 0, kids);
    side_children(S, Q, kb, ke, aQ, prefix, suffix, scenes, k, ownQ, dQ, 1, back);
    int vb = viable(back, k, U), vf = viable(kids, k, U);
    if (vb < vf || (vb == vf && back[0].est > kids[0].est))
        memcpy(kids, back, sizeof(Child) * k);
    return k;
}

/* Write the order: front choices in turn, the middle from the memo, back choices reversed. */
static int rebuild(const Solver *S, uint64_t Q, uint64_t kb, uint64_t ke, int *order) {
    int front[MAXN], back[MAXN], nf = 0, nb = 0;
    for (int i = 0; i < S->depth; i++) {
        if (S->path[i] >> 6) back[nb++] = S->path[i] & 63;
        else front[nf++] = S->path[i];
    }
    while (Q) {
        Entry *e = find(S, Q, kb, ke);
        int info = e ? (int)(e->val & INFO_MASK) : 0;
        if (!info) return 0; /* a link was not kept */
        int s = (info - 1) & 63, side = (info - 1) >> 6;
        uint64_t aQ = actors_of(S, Q), aR = actors_of(S, Q & ~(1ULL << s));
        Child c = make_child(S, Q, kb, ke, aQ, aR, 0, 0, s, side);
        if (side) back[nb++] = s;
        else front[nf++] = s;
        Q = c.r, kb = c.kb, ke = c.ke;
    }
    for (int i = 0; i < nf; i++) order[i] = front[i];
    for (int i = 0; i < nb; i++) order[nf + i] = back[nb - 1 - i];
    return 1;
}

static void record_incumbent(Solver *S, uint64_t Q, uint64_t kb, uint64_t ke, int64_t value) {
    int order[MAXN];
    if (S->path_cost + value >= S->best_cost || !rebuild(S, Q, kb, ke, order)) return;
    S->best_cost = S->path_cost + value;
    memcpy(S->best_order, order, sizeof(int) * S->n);
}

/* Return the value of the middle Q when it is below U, else a lower bound of at least U. */
static int64_t bdp(Solver *S, uint64_t Q, uint64_t kb, uint64_t ke, int64_t ownQ, int64_t dQ,
                   int64_t U) {
    if (!Q) return 0;
    Entry *e = find(S, Q, kb, ke);
    int64_t known = 0;
    if (e) {
        known = e->val >> INFO_BITS;
        if ((e->val & INFO_MASK) || known >= U) return known;
    }
    if ((++S->nodes & 1023) == 0 && S->deadline > 0 && now_s() > S->deadline) S->aborted = 1;
    if (S->aborted) return U;
    Child kids[MAXN];
    int count = children(S, Q, kb, ke, ownQ, dQ, U, kids);
    int64_t best = INF_COST, failed = INF_COST;
    int best_info = 0;
    for (int i = 0; i < count; i++) {
        int64_t bound = best < U ? best : U;
        Child *c = &kids[i];
        if (c->est >= bound) {
            if (c->est < failed) failed = c->est;
            break; /* sorted: every later child is at least as dear */
        }
        S->path[S->depth++] = c->s | c->side << 6;
        S->path_cost += c->cost;
        int64_t value = c->cost + bdp(S, c->r, c->kb, c->ke, c->own_r, c->d_r, bound - c->cost);
        S->depth--;
        S->path_cost -= c->cost;
        if (S->aborted) return U;
        if (value < bound) {
            best = value;
            best_info = 1 + c->s + 64 * c->side;
        } else if (value < failed) {
            failed = value;
        }
    }
    if (best < U) {
        store(S, Q, kb, ke, best, best_info);
        record_incumbent(S, Q, kb, ke, best);
        return best;
    }
    int64_t lb = failed > known ? failed : known;
    store(S, Q, kb, ke, lb, 0);
    return lb;
}

/* ---- Python entry point ------------------------------------------------------------------- */

static int read_ints(PyObject *seq, int64_t *out, int limit, const char *what) {
    PyObject *fast = PySequence_Fast(seq, what);
    if (!fast) return -1;
    Py_ssize_t size = PySequence_Fast_GET_SIZE(fast);
    if (size > limit) {
        Py_DECREF(fast);
        PyErr_Format(PyExc_ValueError, "%s: at most %d values", what, limit);
        return -1;
    }
    for (Py_ssize_t i = 0; i < size; i++) {
        out[i] = (int64_t)PyLong_AsLongLong(PySequence_Fast_GET_ITEM(fast, i));
        if (out[i] == -1 && PyErr_Occurred()) {
            /* masks of 64 actors exceed a signed value: read them unsigned */
            PyErr_Clear();
            out[i] = (int64_t)PyLong_AsUnsignedLongLong(PySequence_Fast_GET_ITEM(fast, i));
            if (PyErr_Occurred()) {
                Py_DECREF(fast);
                return -1;
            }
        }
    }
    Py_DECREF(fast);
    return (int)size;
}

static PyObject *solve(PyObject *self, PyObject *args) {
    PyObject *durations, *rates, *masks;
    double time_limit_s;
    long long max_entries;
    int both_ends = 0;
    if (!PyArg_ParseTuple(args, "OOOdL|i", &durations, &rates, &masks, &time_limit_s,
                          &max_entries, &both_ends))
        return NULL;
    Solver *S = calloc(1, sizeof(Solver));
    if (!S) return PyErr_NoMemory();
    S->both_ends = both_ends;
    int64_t A[MAXN];
    S->n = read_ints(durations, S->d, MAXN, "durations");
    S->m = S->n < 0 ? -1 : read_ints(rates, S->c, MAXN, "rates");
    int masks_n = S->m < 0 ? -1 : read_ints(masks, A, MAXN, "masks");
    if (masks_n < 0 || masks_n != S->n) {
        free(S);
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "one mask per scene");
        return NULL;
    }
    for (int s = 0; s < S->n; s++) {
        S->A[s] = (uint64_t)A[s];
        S->own[s] = S->d[s] * csum(S, S->A[s]);
    }
    S->cap = 1 << 16;
    S->max_cap = 1 << 16;
    while (S->max_cap < (uint64_t)max_entries) S->max_cap <<= 1;
    S->table = calloc(S->cap, sizeof(Entry));
    if (!S->table) {
        free(S);
        return PyErr_NoMemory();
    }
    int64_t value = 0;
    Py_BEGIN_ALLOW_THREADS
    double start = now_s();
    S->deadline = time_limit_s > 0 ? start + time_limit_s : 0;
    if (S->n > 0) {
        heuristic(S);
        int64_t ownQ = 0, dQ = 0;
        for (int s = 0; s < S->n; s++) ownQ += S->own[s], dQ += S->d[s];
        value = bdp(S, all_scenes(S), 0, 0, ownQ, dQ, S->best_cost + 1);
    }
    Py_END_ALLOW_THREADS
    int proven = !S->aborted && (S->n == 0 || value == S->best_cost);
    PyObject *order = PyList_New(S->n);
    for (int i = 0; order && i < S->n; i++)
        PyList_SET_ITEM(order, i, PyLong_FromLong(S->best_order[i]));
    PyObject *result = order ? Py_BuildValue("LNOLK", (long long)S->best_cost, order,
                                             proven ? Py_True : Py_False,
                                             (long long)S->nodes,
                                             (unsigned long long)S->count)
                             : NULL;
    free(S->table);
    free(S);
    return result;
}

static PyMethodDef methods[] = {
    {"solve", solve, METH_VARARGS,
     "solve(durations, rates, masks, time_limit_s, max_entries) -> "
     "(cost, order, proven, nodes, states)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_talentcore",
                                    "Exact talent scheduling (compiled core).", -1, methods};

PyMODINIT_FUNC PyInit__talentcore(void) { return PyModule_Create(&module); }
