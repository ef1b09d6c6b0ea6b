#pragma once

#include "DistanceMatrix.h"
#include "RouteReaders.h"

#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

namespace recheck::routing {

struct RoutePlanOptions {
    bool closed = true; ///< back to the depot, or end at the last customer
    int vehicles = 1;   ///< inspectors sharing the district
    double timeLimitSeconds = 1.0;
    long long iterationLimit = -1; ///< see TourSolverOptions: the reproducible budget
    std::uint64_t seed = 1;
    /// Door-to-door inspection in a 台区 is done on foot: 4.5 km/h is a
    /// normal walking pace with stops to read house numbers. Inspectors on
    /// e-bikes set ~12.
    double speedKmh = 4.5;
    /// Reading a meter, checking the seal and the archive record.
    double serviceMinutesPerCustomer = 5.0;
    /// Customers closer than this are one stop (one building).
    double colocatedToleranceMetres = 0.01;
    /// Road mode: customers farther than this from any road are unreachable.
    double maxAccessMetres = std::numeric_limits<double>::infinity();
    std::function<bool()> cancelled;
};

struct PlannedRoute {
    std::vector<int> stops; ///< input indices in visiting order, the depot (0) first
    double length = 0.0;    ///< metres (or the TSPLIB metric)
    int customers = 0;      ///< stops minus the depot
    double travelMinutes = 0.0;
    double serviceMinutes = 0.0;
    double durationMinutes() const { return travelMinutes + serviceMinutes; }
};

struct RoutePlan {
    std::vector<PlannedRoute> routes; ///< one per inspector (fewer when there are fewer stops)
    std::vector<int> unreachable;     ///< input indices left out (road mode)
    int stopCount = 0;                ///< after merging co-located customers, the depot included
    double totalLength = 0.0;
    double longestLength = 0.0;
    double nearestNeighbourLength = 0.0; ///< one route in nearest-neighbour order: the baseline
    double matrixSeconds = 0.0;
    double solveSeconds = 0.0;
    long long iterations = 0;
};

/// The whole job behind `recheck route` and the route-planner dock: merge
/// co-located customers, build the distances (straight lines in `metric`, or
/// along `roads` when given), solve, split for several inspectors, expand
/// back to customers and estimate durations. Input index 0 is the depot.
RoutePlan planRoutes(const std::vector<Point>& points, DistanceMatrix::Metric metric,
                     const std::vector<RoadLine>* roads, const RoutePlanOptions& options);

} // namespace recheck::routing
