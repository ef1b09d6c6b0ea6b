// Each local-search operator on its own: the gain it reports must equal the
// length change measured on the tour after applying it, on symmetric and
// asymmetric costs, and the journal must undo everything exactly.

#include "RouteTestSupport.h"

#include "routing/CandidateNeighbours.h"
#include "routing/DoubleBridgeKick.h"
#include "routing/LinKernighanMove.h"
#include "routing/LocalSearch.h"
#include "routing/OrOptMove.h"
#include "routing/SearchTour.h"
#include "routing/TwoOptMove.h"

#include <catch2/catch.hpp>

#include <random>

using namespace recheck::routing;
using namespace recheck::routing::test;

namespace {

std::vector<int> shuffledOrder(int n, unsigned seed) {
    std::vector<int> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::mt19937 random(seed);
    std::shuffle(order.begin(), order.end(), random);
    return order;
}

/// A random tour with the dummy (if any) right before the depot.
std::vector<int> shuffledOpenOrder(int n, int dummy, unsigned seed) {
    std::vector<int> order = shuffledOrder(n, seed);
    order.erase(std::find(order.begin(), order.end(), 0));
    order.insert(std::find(order.begin(), order.end(), dummy) + 1, 0);
    return order;
}

bool isTour(const SearchTour& tour) {
    std::vector<int> order = tour.order();
    std::sort(order.begin(), order.end());
    for (int i = 0; i < tour.size(); ++i)
        if (order[static_cast<std::size_t>(i)] != i || tour.position(i) < 0 || tour.at(tour.position(i)) != i)
            return false;
    return true;
}

} // namespace

TEST_CASE("2-opt move gains equal the measured length change", "[route]") {
    const auto symmetric = DistanceMatrix::euclidean(randomPoints(80, 11));
    const auto asymmetric = randomAsymmetricMatrix(60, 12);
    for (const DistanceMatrix* matrix : {&symmetric, &asymmetric}) {
        INFO((matrix->isSymmetric() ? "symmetric" : "asymmetric"));
        CandidateNeighbours candidates(*matrix);
        SearchTour tour(*matrix, false);
        tour.setOrder(shuffledOrder(matrix->size(), 3));
        int applied = 0;
        for (int round = 0; round < 3; ++round)
            for (int node = 0; node < matrix->size(); ++node) {
                TwoOptMove move;
                if (!findTwoOptMove(tour, candidates, node, move))
                    continue;
                const double before = tour.length();
                CHECK(tour.flipGain(move.a, move.b, move.c, move.d) == Approx(move.gain));
                applyTwoOptMove(tour, move);
                const double after = tour.length();
                CHECK(move.gain > 0.0);
                CHECK(before - after == Approx(move.gain).margin(1e-6));
                ++applied;
            }
        CHECK(applied > 10); // a random tour has many improving 2-opt moves
        CHECK(isTour(tour));
    }
}

TEST_CASE("Or-opt move gains equal the measured length change, reversed or not", "[route]") {
    const auto symmetric = DistanceMatrix::euclidean(randomPoints(80, 21));
    const auto asymmetric = randomAsymmetricMatrix(60, 22);
    for (const DistanceMatrix* matrix : {&symmetric, &asymmetric}) {
        INFO((matrix->isSymmetric() ? "symmetric" : "asymmetric"));
        CandidateNeighbours candidates(*matrix);
        SearchTour tour(*matrix, false);
        tour.setOrder(shuffledOrder(matrix->size(), 4));
        int applied = 0;
        int reversedMoves = 0;
        int longMoves = 0;
        for (int round = 0; round < 3; ++round)
            for (int node = 0; node < matrix->size(); ++node) {
                OrOptMove move;
                if (!findOrOptMove(tour, candidates, node, move))
                    continue;
                const double before = tour.length();
                CHECK(orOptGain(tour, move) == Approx(move.gain));
                // The stretch's members, to check they stay together.
                std::vector<int> stretch;
                for (int u = move.first;; u = tour.next(u)) {
                    stretch.push_back(u);
                    if (u == move.last)
                        break;
                }
                applyOrOptMove(tour, move);
                CHECK(before - tour.length() == Approx(move.gain).margin(1e-6));
                // The stretch now sits between `before` and `after`.
                const bool beforeNextToEnd =
                    tour.next(move.before) == stretch.front() || tour.next(move.before) == stretch.back() ||
                    tour.prev(move.before) == stretch.front() || tour.prev(move.before) == stretch.back();
                CHECK(beforeNextToEnd);
                reversedMoves += move.reversed ? 1 : 0;
                longMoves += stretch.size() > 1 ? 1 : 0;
                ++applied;
            }
        CHECK(applied > 10);
        CHECK(reversedMoves > 0);
        CHECK(longMoves > 0);
        CHECK(isTour(tour));
    }
}

TEST_CASE("LK-style chains report their gain exactly and never worsen the tour", "[route]") {
    const auto matrix = DistanceMatrix::euclidean(randomPoints(150, 31));
    CandidateNeighbours candidates(matrix);
    SearchTour tour(matrix, false);
    tour.setOrder(shuffledOrder(matrix.size(), 5));
    int improved = 0;
    for (int node = 0; node < matrix.size(); ++node) {
        const double before = tour.length();
        const double gain = improveWithLinKernighan(tour, candidates, node);
        const double after = tour.length();
        CHECK(before - after == Approx(gain).margin(1e-6));
        CHECK(gain >= 0.0);
        improved += gain > 0.0 ? 1 : 0;
    }
    CHECK(improved > 10);
    CHECK(isTour(tour));
}

TEST_CASE("a double-bridge kick reports its length change — the journal undoes it exactly", "[route]") {
    const auto symmetric = DistanceMatrix::euclidean(randomPoints(40, 41));
    const auto asymmetric = randomAsymmetricMatrix(40, 42);
    for (const DistanceMatrix* matrix : {&symmetric, &asymmetric}) {
        SearchTour tour(*matrix, false);
        tour.setOrder(shuffledOrder(matrix->size(), 6));
        std::mt19937_64 random(7);
        for (int kick = 0; kick < 50; ++kick) {
            const std::vector<int> original = tour.order();
            const double before = tour.length();
            const int mark = tour.mark();
            std::vector<int> touched;
            const double delta = applyDoubleBridge(tour, random, 10, touched);
            CHECK(tour.length() - before == Approx(delta).margin(1e-6));
            CHECK(touched.size() == 6);
            CHECK(isTour(tour));
            tour.rollbackTo(mark);
            CHECK(tour.order() == original);
        }
    }
}

TEST_CASE("local search on an open path keeps the dummy tied to the depot", "[route]") {
    const auto matrix = DistanceMatrix::euclidean(randomPoints(70, 51));
    CandidateNeighbours candidates(matrix);
    SearchTour tour(matrix, true);
    candidates.addUniversalNode(tour.dummy(), {0});
    tour.setOrder(shuffledOpenOrder(tour.size(), tour.dummy(), 8));
    const double before = tour.length();
    LocalSearch search(tour, candidates, LocalSearch::Options{});
    search.activateAll();
    const double gain = search.run();
    CHECK(gain > 0.0);
    CHECK(before - tour.length() == Approx(gain).margin(1e-6));
    CHECK((tour.next(0) == tour.dummy() || tour.prev(0) == tour.dummy()));
    // The tour length with the dummy is the open path's length.
    const std::vector<int> path = tour.routeFromDepot();
    CHECK(path.front() == 0);
    CHECK(matrix.tourLength(path, false) == Approx(tour.length()));
}
