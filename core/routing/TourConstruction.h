#pragma once

#include "CandidateNeighbours.h"
#include "SearchTour.h"

#include <vector>

namespace recheck::routing {

/// Greedy-edge construction: candidate edges shortest first, kept while no
/// stop gets a third edge and no cycle closes; the fragments are then chained
/// nearest end first. Chosen over space-filling curves and nearest neighbour
/// because it starts LK-style searches closest to the optimum (about 15–20%
/// above, against 25% for nearest neighbour) and its edges are mostly the
/// ones the search keeps, so the first descent is short. The fixed edge of an
/// open path (dummy–depot) is taken first.
std::vector<int> greedyEdgeOrder(const SearchTour& tour, const CandidateNeighbours& candidates);

/// Nearest unvisited stop next, from the depot: what a person would do, and
/// the baseline the benchmark reports gains against. O(n²).
std::vector<int> nearestNeighbourOrder(const DistanceMatrix& matrix);

} // namespace recheck::routing
