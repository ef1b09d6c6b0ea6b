#pragma once

#include "CandidateNeighbours.h"
#include "DistanceMatrix.h"
#include "LocalSearch.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace recheck::routing {

struct TourSolverOptions {
    /// Closed tour back to the depot (node 0), or an open path from it.
    bool closed = true;
    /// Wall-clock budget for the improvement phase; <= 0: none.
    double timeLimitSeconds = 1.0;
    /// Kicks of the iterated local search; < 0: none. With a seed, an
    /// iteration limit and no time limit (or one never reached) the result
    /// is the same on every run; a time limit alone is not reproducible
    /// because the iteration count depends on the machine's speed.
    long long iterationLimit = -1;
    std::uint64_t seed = 1;
    /// Longest of the two segments a double-bridge kick swaps.
    int kickSegmentLength = 50;
    CandidateNeighbours::Options candidates;
    LocalSearch::Options localSearch;
    /// Polled between iterations; true stops the search (keeps the best).
    std::function<bool()> cancelled;
};

struct TourSolution {
    std::vector<int> order;          ///< starts at the depot (0); open paths end anywhere
    double length = 0.0;             ///< in the matrix's metric
    double constructionLength = 0.0; ///< greedy construction, before any search
    double descentLength = 0.0;      ///< after the first local-search descent
    long long iterations = 0;        ///< kicks tried
    double seconds = 0.0;
};

/// The single-inspector solver: greedy construction, a local-search descent,
/// then an iterated local search (local double-bridge kick, repair, keep if
/// not longer) until the time or iteration limit.
TourSolution solveTour(const DistanceMatrix& matrix, const TourSolverOptions& options);

} // namespace recheck::routing
