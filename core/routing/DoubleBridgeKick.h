#pragma once

#include "SearchTour.h"

#include <random>
#include <vector>

namespace recheck::routing {

/// The perturbation of the iterated local search: a double bridge A B C D →
/// A C B D whose segments B and C are short and adjacent (a local kick, so
/// the following repair touches only a neighbourhood and one iteration costs
/// far less than O(n)). Orientation-preserving, so valid on asymmetric costs.
///
/// Returns the length change (new − old); appends the six nodes at the cuts
/// to `touched`. Does nothing (returns 0) when the tour is too small.
double applyDoubleBridge(SearchTour& tour, std::mt19937_64& random, int maxSegmentLength,
                         std::vector<int>& touched);

} // namespace recheck::routing
