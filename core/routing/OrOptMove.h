#pragma once

#include "CandidateNeighbours.h"
#include "SearchTour.h"

namespace recheck::routing {

/// An Or-opt move: the stretch first … last (1 to 3 stops, in array order)
/// leaves its place and goes between `before` and `after` (adjacent, `after`
/// following `before` in array order), reversed or not.
struct OrOptMove {
    int first = -1, last = -1;
    int before = -1, after = -1;
    bool reversed = false;
    double gain = 0.0; ///< length decrease, exact
};

/// The best improving Or-opt move of a stretch of up to `maxLength` stops
/// that starts or ends at t1, inserted next to a candidate neighbour of its
/// ends.
bool findOrOptMove(const SearchTour& tour, const CandidateNeighbours& candidates, int t1, OrOptMove& move,
                   int maxLength = 3);

/// Exact gain of a move (the same formula the search uses).
double orOptGain(const SearchTour& tour, const OrOptMove& move);

/// Carried out as two or three flips, so it is journalled and undoable like
/// every other change.
void applyOrOptMove(SearchTour& tour, const OrOptMove& move);

} // namespace recheck::routing
