#include "RoutePlanner.h"

#include "ColocatedStops.h"
#include "RoadNetwork.h"
#include "RouteSplit.h"
#include "TourConstruction.h"
#include "TourSolver.h"

#include "common/RecheckError.h"

#include <algorithm>
#include <chrono>

namespace recheck::routing {

namespace {

/// Solves one route over `nodes` (depot first) of `matrix`; returns the
/// nodes in visiting order.
std::vector<int> solveSubset(const DistanceMatrix& matrix, const std::vector<int>& nodes,
                             const TourSolverOptions& options, long long& iterations) {
    if (nodes.size() <= 2)
        return nodes;
    const TourSolution solution = solveTour(matrix.subset(nodes), options);
    iterations += solution.iterations;
    std::vector<int> order;
    for (int local : solution.order)
        order.push_back(nodes[static_cast<std::size_t>(local)]);
    // The solver starts from its own construction; a route handed in by the
    // split or the rebalancing may already be better, and must not get worse.
    if (routeLength(matrix, nodes, options.closed) < routeLength(matrix, order, options.closed))
        return nodes;
    return order;
}

} // namespace

RoutePlan planRoutes(const std::vector<Point>& points, DistanceMatrix::Metric metric,
                     const std::vector<RoadLine>* roads, const RoutePlanOptions& options) {
    using Clock = std::chrono::steady_clock;
    if (points.size() < 2)
        throw RecheckError("route: nothing to route (a depot and at least one customer are needed)",
                           RecheckError::Kind::InvalidInput);
    if (options.vehicles < 1)
        throw RecheckError("route: the number of inspectors must be at least 1",
                           RecheckError::Kind::InvalidInput);
    if (!(options.speedKmh > 0.0))
        throw RecheckError("route: the speed must be positive", RecheckError::Kind::InvalidInput);
    RoutePlan plan;
    const auto matrixStarted = Clock::now();
    const ColocatedStops merged = mergeColocated(points, options.colocatedToleranceMetres);

    // localStops[i] = merged stop behind matrix index i.
    std::vector<int> localStops;
    DistanceMatrix matrix;
    if (roads) {
        const RoadNetwork network(*roads);
        RoadNetwork::Matrix roadMatrix = network.distances(merged.stopPoints, options.maxAccessMetres);
        localStops = roadMatrix.reachable;
        for (int stop : roadMatrix.unreachable)
            for (int input : merged.members[static_cast<std::size_t>(stop)])
                plan.unreachable.push_back(input);
        std::sort(plan.unreachable.begin(), plan.unreachable.end());
        matrix = std::move(roadMatrix.matrix);
    } else {
        for (int s = 0; s < merged.stopCount(); ++s)
            localStops.push_back(s);
        matrix = DistanceMatrix::euclidean(merged.stopPoints, metric);
    }
    plan.stopCount = matrix.size();
    if (matrix.size() < 2) {
        // Every customer is unreachable or shares the depot's coordinate.
        PlannedRoute only;
        only.stops = localStops.empty() ? std::vector<int>{0} : merged.members[0];
        only.customers = static_cast<int>(only.stops.size()) - 1;
        only.serviceMinutes = only.customers * options.serviceMinutesPerCustomer;
        plan.routes.push_back(only);
        return plan;
    }
    plan.matrixSeconds = std::chrono::duration<double>(Clock::now() - matrixStarted).count();

    const auto solveStarted = Clock::now();
    plan.nearestNeighbourLength = matrix.tourLength(nearestNeighbourOrder(matrix), options.closed);

    TourSolverOptions solver;
    solver.closed = options.closed;
    solver.seed = options.seed;
    solver.cancelled = options.cancelled;
    const int vehicles = std::min(options.vehicles, std::max(1, matrix.size() - 1));
    std::vector<std::vector<int>> routes;
    std::vector<int> all(static_cast<std::size_t>(matrix.size()));
    for (int i = 0; i < matrix.size(); ++i)
        all[static_cast<std::size_t>(i)] = i;
    if (vehicles == 1) {
        solver.timeLimitSeconds = options.timeLimitSeconds;
        solver.iterationLimit = options.iterationLimit;
        routes.push_back(solveSubset(matrix, all, solver, plan.iterations));
    } else {
        // Giant tour (half the budget), optimal contiguous split, each route
        // improved on its own, stops moved between routes to cut the longest,
        // each route improved again (a quarter of the budget each round).
        solver.closed = true;
        solver.timeLimitSeconds = options.timeLimitSeconds * 0.5;
        solver.iterationLimit = options.iterationLimit;
        const std::vector<int> giant = solveSubset(matrix, all, solver, plan.iterations);
        // Balance what inspectors feel: the working time (travel + service).
        RouteCostModel durations;
        durations.perLength = 60.0 / (options.speedKmh * 1000.0);
        durations.perStop.assign(static_cast<std::size_t>(matrix.size()), 0.0);
        for (int local = 1; local < matrix.size(); ++local)
            durations.perStop[static_cast<std::size_t>(local)] =
                options.serviceMinutesPerCustomer *
                static_cast<double>(
                    merged.members[static_cast<std::size_t>(localStops[static_cast<std::size_t>(local)])]
                        .size());
        routes = splitMinMax(matrix, giant, vehicles, options.closed, durations);
        solver.closed = options.closed;
        solver.timeLimitSeconds = options.timeLimitSeconds * 0.25 / vehicles;
        solver.iterationLimit =
            options.iterationLimit < 0 ? -1 : std::max(20LL, options.iterationLimit / vehicles);
        for (int round = 0; round < 2; ++round) {
            for (auto& route : routes)
                route = solveSubset(matrix, route, solver, plan.iterations);
            if (round == 0)
                rebalanceRoutes(matrix, routes, options.closed, durations);
        }
    }
    plan.solveSeconds = std::chrono::duration<double>(Clock::now() - solveStarted).count();

    const double metresPerMinute = options.speedKmh * 1000.0 / 60.0;
    for (std::size_t r = 0; r < routes.size(); ++r) {
        PlannedRoute planned;
        planned.length = routeLength(matrix, routes[r], options.closed);
        for (int local : routes[r]) {
            const int stop = localStops[static_cast<std::size_t>(local)];
            if (stop == 0 && r > 0) {
                planned.stops.push_back(0); // the depot's co-located customers go with the first route
                continue;
            }
            for (int input : merged.members[static_cast<std::size_t>(stop)])
                planned.stops.push_back(input);
        }
        planned.customers = static_cast<int>(planned.stops.size()) - 1;
        planned.travelMinutes = planned.length / metresPerMinute;
        planned.serviceMinutes = planned.customers * options.serviceMinutesPerCustomer;
        plan.totalLength += planned.length;
        plan.longestLength = std::max(plan.longestLength, planned.length);
        plan.routes.push_back(std::move(planned));
    }
    return plan;
}

} // namespace recheck::routing
