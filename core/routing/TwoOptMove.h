#pragma once

#include "CandidateNeighbours.h"
#include "SearchTour.h"

namespace recheck::routing {

/// A 2-opt move in flip form: the tour reads a→b … c→d (in one of its
/// orientations) and gets edges (a,c), (b,d) instead of (a,b), (c,d).
struct TwoOptMove {
    int a = -1, b = -1, c = -1, d = -1;
    double gain = 0.0; ///< length decrease, exact (asymmetric stretches included)
};

/// The best improving 2-opt move that removes one of t1's two tour edges and
/// connects its other end to a candidate neighbour. Returns false when there
/// is none.
bool findTwoOptMove(const SearchTour& tour, const CandidateNeighbours& candidates, int t1, TwoOptMove& move);

void applyTwoOptMove(SearchTour& tour, const TwoOptMove& move);

} // namespace recheck::routing
