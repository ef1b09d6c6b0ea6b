#pragma once

// Small instances and reference computations for the [route] tests: random
// points, brute-force optima, tour checks. The references are deliberately
// naive (plain loops over permutations), independent of core/routing's code.

#include "routing/DistanceMatrix.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

namespace recheck::routing::test {

inline std::vector<Point> randomPoints(int n, unsigned seed, double size = 1000.0) {
    std::mt19937 random(seed);
    std::uniform_real_distribution<double> coordinate(0.0, size);
    std::vector<Point> points;
    for (int i = 0; i < n; ++i)
        points.push_back({coordinate(random), coordinate(random)});
    return points;
}

/// Straight-line distances plus a random detour per direction: asymmetric,
/// like one-way streets.
inline DistanceMatrix randomAsymmetricMatrix(int n, unsigned seed) {
    const auto points = randomPoints(n, seed);
    std::mt19937 random(seed + 1000);
    std::uniform_real_distribution<double> detour(1.0, 1.8);
    std::vector<double> values(static_cast<std::size_t>(n * n), 0.0);
    for (int a = 0; a < n; ++a)
        for (int b = 0; b < n; ++b)
            if (a != b)
                values[static_cast<std::size_t>(a * n + b)] =
                    std::hypot(points[static_cast<std::size_t>(a)].x - points[static_cast<std::size_t>(b)].x,
                               points[static_cast<std::size_t>(a)].y -
                                   points[static_cast<std::size_t>(b)].y) *
                    detour(random);
    return DistanceMatrix::full(n, std::move(values), points);
}

/// The optimum over all orders of stops 1 … n-1 after the depot 0.
inline double bruteForceLength(const DistanceMatrix& matrix, bool closed) {
    std::vector<int> order(static_cast<std::size_t>(matrix.size()));
    std::iota(order.begin(), order.end(), 0);
    double best = std::numeric_limits<double>::infinity();
    do {
        best = std::min(best, matrix.tourLength(order, closed));
    } while (std::next_permutation(order.begin() + 1, order.end()));
    return best;
}

/// Every node 0 … n-1 exactly once, the depot first.
inline bool isPermutationFromDepot(const std::vector<int>& order, int n) {
    if (static_cast<int>(order.size()) != n || order.empty() || order.front() != 0)
        return false;
    std::vector<int> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    for (int i = 0; i < n; ++i)
        if (sorted[static_cast<std::size_t>(i)] != i)
            return false;
    return true;
}

} // namespace recheck::routing::test
