#include "OrOptMove.h"

namespace recheck::routing {

namespace {

constexpr double kMinGain = 1e-7;

/// Cost of the stretch first … last (array order) travelled forwards or,
/// when reversed, backwards. Stretches are at most a few stops: summed
/// directly.
double stretchCost(const SearchTour& tour, int first, int last, bool reversed) {
    double total = 0.0;
    for (int u = first; u != last;) {
        const int v = tour.next(u);
        total += reversed ? tour.cost(v, u) : tour.cost(u, v);
        u = v;
    }
    return total;
}

} // namespace

double orOptGain(const SearchTour& tour, const OrOptMove& m) {
    const int p = tour.prev(m.first);
    const int q = tour.next(m.last);
    const double removed = tour.cost(p, m.first) + tour.cost(m.last, q) + tour.cost(m.before, m.after);
    double added = tour.cost(p, q);
    if (m.reversed) {
        added += tour.cost(m.before, m.last) + tour.cost(m.first, m.after);
        if (!tour.symmetric())
            added += stretchCost(tour, m.first, m.last, true) - stretchCost(tour, m.first, m.last, false);
    } else {
        added += tour.cost(m.before, m.first) + tour.cost(m.last, m.after);
    }
    return removed - added;
}

bool findOrOptMove(const SearchTour& tour, const CandidateNeighbours& candidates, int t1, OrOptMove& move,
                   int maxLength) {
    const int n = tour.size();
    move.gain = kMinGain;
    bool found = false;
    for (int length = 1; length <= maxLength && length + 3 <= n; ++length) {
        for (int side = 0; side < 2; ++side) {
            if (length == 1 && side == 1)
                continue; // the one-stop stretch is the same either way
            // side 0: t1 is the first stop of the stretch; side 1: the last.
            int first = t1;
            int last = t1;
            for (int k = 1; k < length; ++k) {
                if (side == 0)
                    last = tour.next(last);
                else
                    first = tour.prev(first);
            }
            const int p = tour.prev(first);
            const int q = tour.next(last);
            if (tour.isFixed(p, first) || tour.isFixed(last, q))
                continue;
            const double removable = tour.cost(p, first) + tour.cost(last, q) - tour.cost(p, q);
            if (removable <= kMinGain && tour.symmetric())
                continue; // nothing to win by taking the stretch out (triangle inequality)
            for (int endIndex = 0; endIndex < 2; ++endIndex) {
                const int end = endIndex == 0 ? first : last;
                for (int c : candidates.of(end)) {
                    // The usual neighbour-list gain criterion: the new edge
                    // at `end` must be shorter than what removal saves.
                    if (tour.symmetric() && tour.cost(end, c) >= removable)
                        break;
                    if (tour.between(first, c, last))
                        continue;
                    for (int after = 0; after < 2; ++after) {
                        const int before = after == 0 ? c : tour.prev(c);
                        const int following = after == 0 ? tour.next(c) : c;
                        if (tour.between(first, before, last) || tour.between(first, following, last))
                            continue;
                        if (tour.isFixed(before, following))
                            continue;
                        for (int reversed = 0; reversed < 2; ++reversed) {
                            OrOptMove candidate{first, last, before, following, reversed == 1, 0.0};
                            candidate.gain = orOptGain(tour, candidate);
                            if (candidate.gain > move.gain) {
                                move = candidate;
                                found = true;
                            }
                        }
                    }
                }
            }
        }
    }
    return found;
}

void applyOrOptMove(SearchTour& tour, const OrOptMove& m) {
    // The array reads p→first … last→q … x→y … p (x = before, y = after).
    const int p = tour.prev(m.first);
    const int q = tour.next(m.last);
    const int x = m.before;
    const int y = m.after;
    // Two ways round; both leave the stretch between x and y. Take the one
    // whose middle part (reversed twice) is shorter: on asymmetric costs
    // flips are never shortened by the complement trick.
    const bool viaFront =
        y == p ? false : (x == q ? true : tour.forwardCount(q, x) <= tour.forwardCount(y, p));
    if (viaFront) {
        tour.flip(p, m.first, x, y); // p→x … q→last … first→y
        tour.flip(p, x, q, m.last);  // p→q … x→last … first→y
    } else {
        tour.flip(x, y, m.last, q);  // x→last … first→p … y→q
        tour.flip(m.first, p, y, q); // x→last … first→y … p→q
    }
    if (!m.reversed)
        tour.flip(x, m.last, m.first, y); // x→first … last→y
}

} // namespace recheck::routing
