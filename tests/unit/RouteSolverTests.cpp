// The single-route solver: valid tours, reproducibility, optimality on small
// instances against brute force, and quality on a published TSPLIB instance.

#include "RouteTestSupport.h"

#include "routing/RouteReaders.h"
#include "routing/TourSolver.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace recheck::routing;
using namespace recheck::routing::test;

namespace {

/// The reproducible budget: iterations only, no clock.
TourSolverOptions byIterations(long long iterations, bool closed, std::uint64_t seed = 1) {
    TourSolverOptions options;
    options.closed = closed;
    options.timeLimitSeconds = 0.0;
    options.iterationLimit = iterations;
    options.seed = seed;
    return options;
}

} // namespace

TEST_CASE("tours visit every stop once, from the depot, closed or open", "[route]") {
    for (int n : {1, 2, 3, 4, 5, 12, 200}) {
        for (bool closed : {true, false}) {
            INFO("n = " << n << (closed ? " closed" : " open"));
            const auto matrix = DistanceMatrix::euclidean(randomPoints(n, static_cast<unsigned>(100 + n)));
            const TourSolution solution = solveTour(matrix, byIterations(50, closed));
            CHECK(isPermutationFromDepot(solution.order, n));
            CHECK(solution.length == Approx(matrix.tourLength(solution.order, closed)));
            CHECK(solution.length <= solution.constructionLength + 1e-9);
        }
    }
}

TEST_CASE("an open path is not a closed tour with the last edge dropped", "[route]") {
    // Stops on a line, depot in the middle: the best open path goes to one
    // side and then the other, covering the short side twice; the closed tour
    // covers the whole line twice. Expected lengths from the geometry.
    std::vector<Point> points{{0, 0}};
    for (int i = 1; i <= 5; ++i)
        points.push_back({10.0 * i, 0});
    for (int i = 1; i <= 2; ++i)
        points.push_back({-10.0 * i, 0});
    const auto matrix = DistanceMatrix::euclidean(points);
    const TourSolution open = solveTour(matrix, byIterations(100, false));
    const TourSolution closed = solveTour(matrix, byIterations(100, true));
    CHECK(open.length == Approx(2 * 20.0 + 50.0)); // short side there and back, then the long side
    CHECK(closed.length == Approx(2 * (50.0 + 20.0)));
    CHECK(open.order.back() == 5);
}

TEST_CASE("a seed and an iteration limit give the same tour every time", "[route]") {
    const auto matrix = DistanceMatrix::euclidean(randomPoints(400, 7));
    for (bool closed : {true, false}) {
        const TourSolution first = solveTour(matrix, byIterations(300, closed, 42));
        const TourSolution second = solveTour(matrix, byIterations(300, closed, 42));
        CHECK(first.order == second.order);
        CHECK(first.length == second.length);
        CHECK(first.iterations == 300);
    }
    const auto asymmetric = randomAsymmetricMatrix(120, 8);
    const TourSolution a = solveTour(asymmetric, byIterations(200, true, 5));
    const TourSolution b = solveTour(asymmetric, byIterations(200, true, 5));
    CHECK(a.order == b.order);
}

TEST_CASE("small instances are solved to optimality (brute force), symmetric and asymmetric", "[route]") {
    for (unsigned seed = 1; seed <= 12; ++seed) {
        const int n = 5 + static_cast<int>(seed % 5); // 5 … 9
        const auto symmetric = DistanceMatrix::euclidean(randomPoints(n, seed * 17));
        const auto asymmetric = randomAsymmetricMatrix(std::min(n, 8), seed * 19);
        for (const DistanceMatrix* matrix : {&symmetric, &asymmetric})
            for (bool closed : {true, false}) {
                INFO("seed " << seed << ", n = " << matrix->size()
                             << (matrix->isSymmetric() ? " sym" : " asym") << (closed ? " closed" : " open"));
                const TourSolution solution = solveTour(*matrix, byIterations(300, closed, seed));
                CHECK(isPermutationFromDepot(solution.order, matrix->size()));
                CHECK(solution.length == Approx(bruteForceLength(*matrix, closed)));
            }
    }
}

TEST_CASE("berlin52 reaches within 2% of its published optimum", "[route]") {
    const RouteInstance berlin = readTsplib(std::string(RECHECK_SHARED_DIR) + "/bench/tsplib/berlin52.tsp");
    REQUIRE(berlin.points.size() == 52);
    const auto matrix = DistanceMatrix::euclidean(berlin.points, berlin.metric);
    const TourSolution solution = solveTour(matrix, byIterations(300, true));
    const double publishedOptimum = 7542.0; // TSPLIB's optimal tour length for berlin52
    CHECK(isPermutationFromDepot(solution.order, 52));
    CHECK(solution.length <= 1.02 * publishedOptimum);
    CHECK(solution.length >= publishedOptimum); // nothing beats a proven optimum
}
