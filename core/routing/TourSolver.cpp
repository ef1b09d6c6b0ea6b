#include "TourSolver.h"

#include "DoubleBridgeKick.h"
#include "SearchTour.h"
#include "TourConstruction.h"

#include <chrono>
#include <memory>
#include <random>

namespace recheck::routing {

TourSolution solveTour(const DistanceMatrix& input, const TourSolverOptions& options) {
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - started).count(); };

    TourSolution solution;
    const int n = input.size();
    if (n <= 3) {
        for (int i = 0; i < n; ++i)
            solution.order.push_back(i);
        if (n == 3 && !options.closed && input(0, 2) + input(2, 1) < input(0, 1) + input(1, 2))
            solution.order = {0, 2, 1};
        if (n == 3 && options.closed &&
            input(0, 2) + input(2, 1) + input(1, 0) < input.tourLength({0, 1, 2}, true))
            solution.order = {0, 2, 1};
        solution.length = input.tourLength(solution.order, options.closed);
        solution.constructionLength = solution.descentLength = solution.length;
        solution.seconds = elapsed();
        return solution;
    }

    // Open paths: on symmetric costs a dummy end node tied to the depot; on
    // asymmetric costs the return to the depot is simply made free.
    const bool useDummy = !options.closed && input.isSymmetric();
    std::unique_ptr<DistanceMatrix> freeReturn;
    if (!options.closed && !input.isSymmetric())
        freeReturn = std::make_unique<DistanceMatrix>(input.withFreeReturnTo(0));
    const DistanceMatrix& matrix = freeReturn ? *freeReturn : input;

    CandidateNeighbours candidates(matrix, options.candidates);
    SearchTour tour(matrix, useDummy);
    if (useDummy) {
        candidates.addUniversalNode(tour.dummy(), {0});
    }
    tour.setOrder(greedyEdgeOrder(tour, candidates));
    solution.constructionLength = tour.length();

    LocalSearch search(tour, candidates, options.localSearch);
    search.activateAll();
    double current = solution.constructionLength - search.run();
    tour.clearJournal();
    solution.descentLength = current;

    std::mt19937_64 random(options.seed);
    std::vector<int> touched;
    const bool timed = options.timeLimitSeconds > 0.0;
    const bool counted = options.iterationLimit >= 0;
    double best = current;
    long long iteration = 0;
    while (timed || counted) {
        if (counted && iteration >= options.iterationLimit)
            break;
        if (timed && elapsed() >= options.timeLimitSeconds)
            break;
        if (options.cancelled && options.cancelled())
            break;
        ++iteration;
        touched.clear();
        current += applyDoubleBridge(tour, random, options.kickSegmentLength, touched);
        search.activate(touched.begin(), touched.end());
        current -= search.run();
        // Equal lengths are accepted: moving along plateaus helps on
        // instances with many equal distances (grids, rounded metrics).
        if (current <= best + 1e-9 * (1.0 + best)) {
            best = current;
            tour.clearJournal();
        } else {
            tour.rollbackTo(0);
            current = best;
        }
    }
    solution.iterations = iteration;
    solution.order = tour.routeFromDepot();
    solution.length = input.tourLength(solution.order, options.closed);
    solution.seconds = elapsed();
    return solution;
}

} // namespace recheck::routing
