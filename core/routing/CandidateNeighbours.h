#pragma once

#include "DistanceMatrix.h"

#include <vector>

namespace recheck::routing {

/// For every stop, the few other stops the local search tries to connect it
/// to, nearest first.
///
/// Quadrant neighbours: the k nearest in each of the four quadrants around a
/// stop, plus the overall nearest. DESIGN.md: plain k-nearest lists left the
/// search 22% above the best on clustered districts, because a house at the
/// end of a street cluster has all its nearest neighbours on one side and the
/// edge that leaves the cluster is never a candidate.
class CandidateNeighbours {
public:
    struct Options {
        int perQuadrant = 2;
        int nearest = 5;
    };

    CandidateNeighbours() = default;
    /// Uses coordinates when the matrix has them (quadrants), costs otherwise;
    /// lists are sorted by cost(a, b) + cost(b, a).
    CandidateNeighbours(const DistanceMatrix& matrix, const Options& options);
    explicit CandidateNeighbours(const DistanceMatrix& matrix) : CandidateNeighbours(matrix, Options{}) {}

    const std::vector<int>& of(int node) const { return mLists[static_cast<std::size_t>(node)]; }
    /// cost(node, of(node)[k]), cached: the searches read them constantly.
    const std::vector<double>& costsFrom(int node) const { return mCosts[static_cast<std::size_t>(node)]; }
    int size() const { return static_cast<int>(mLists.size()); }

    /// Adds `extra` to every list (the open-path dummy end, which has no
    /// coordinate but is adjacent to everyone at cost 0) and gives `extra`
    /// the list `extraList`.
    void addUniversalNode(int extra, std::vector<int> extraList);

private:
    std::vector<std::vector<int>> mLists;
    std::vector<std::vector<double>> mCosts;
};

} // namespace recheck::routing
