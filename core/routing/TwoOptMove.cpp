#include "TwoOptMove.h"

namespace recheck::routing {

namespace {
constexpr double kMinGain = 1e-7;
}

bool findTwoOptMove(const SearchTour& tour, const CandidateNeighbours& candidates, int t1, TwoOptMove& move) {
    move.gain = kMinGain;
    bool found = false;
    for (int side = 0; side < 2; ++side) {
        // side 0: t2 follows t1; the tour reads t1→t2 … t4→t3 with t4 = prev(t3).
        const int t2 = side == 0 ? tour.next(t1) : tour.prev(t1);
        if (tour.isFixed(t1, t2))
            continue;
        const double removed = tour.cost(t1, t2);
        for (int t3 : candidates.of(t2)) {
            // Sorted by cost: once the new edge is longer than the removed
            // one, no later candidate can gain (on symmetric costs).
            if (tour.symmetric() && tour.cost(t2, t3) >= removed)
                break;
            if (t3 == t1)
                continue;
            const int t4 = side == 0 ? tour.prev(t3) : tour.next(t3);
            if (t4 == t2 || t3 == t2 || tour.isFixed(t3, t4))
                continue;
            // flip(t1, t2, t4, t3): edges (t1,t4), (t2,t3).
            const double gain = tour.flipGain(t1, t2, t4, t3);
            if (gain > move.gain) {
                move = {t1, t2, t4, t3, gain};
                found = true;
            }
        }
    }
    return found;
}

void applyTwoOptMove(SearchTour& tour, const TwoOptMove& move) {
    tour.flip(move.a, move.b, move.c, move.d);
}

} // namespace recheck::routing
