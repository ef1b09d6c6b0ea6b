#pragma once

#include "CandidateNeighbours.h"
#include "SearchTour.h"

namespace recheck::routing {

/// LK-style sequential move (symmetric costs only): a chain of 2-opt flips
/// that all keep t1 as one end of the edge still to be closed. Level i breaks
/// one more tour edge and adds one candidate edge while the running gain
/// stays positive; the chain is kept up to its best closing point. Depth 3
/// covers the sequential 3-opt moves ("or-3opt") that 2-opt + Or-opt miss;
/// DESIGN.md: without them the search stalls about 1% above the best.
struct LinKernighanOptions {
    int maxDepth = 6;
    /// Alternatives tried per level before giving up on that level (backtracking).
    int breadth[3] = {5, 3, 1};
};

/// Applies the best chain found from t1 and returns its gain, or leaves the
/// tour unchanged and returns 0.
double improveWithLinKernighan(SearchTour& tour, const CandidateNeighbours& candidates, int t1,
                               const LinKernighanOptions& options = {});

} // namespace recheck::routing
