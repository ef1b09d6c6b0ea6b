#pragma once

#include "DistanceMatrix.h"

#include <vector>

namespace recheck::routing {

/// What "longest route" means when balancing: travel (length × weight,
/// e.g. minutes per metre) plus a fixed cost per visited stop (service
/// minutes). Default: plain length.
struct RouteCostModel {
    double perLength = 1.0;
    std::vector<double> perStop; ///< indexed by matrix node; empty = none; the depot's entry is ignored

    double stop(int node) const {
        return node == 0 || perStop.empty() ? 0.0 : perStop[static_cast<std::size_t>(node)];
    }
};

/// Cost of one route under `model`.
double routeCost(const DistanceMatrix& matrix, const std::vector<int>& route, bool closed,
                 const RouteCostModel& model);

/// Length of one inspector's route: depot (node 0) first in `route`, then
/// its stops; closed routes return to the depot.
double routeLength(const DistanceMatrix& matrix, const std::vector<int>& route, bool closed);

/// Cuts a giant tour (depot first) into at most `routes` contiguous pieces,
/// each becoming depot → piece (→ depot), minimising the costliest route.
///
/// Exact for contiguous pieces: a piece's route cost never shrinks when
/// the piece grows (triangle inequality, true for straight lines and road
/// shortest paths), so "can every route stay within L?" is answered by
/// filling routes greedily, and L is found by bisection.
std::vector<std::vector<int>> splitMinMax(const DistanceMatrix& matrix, const std::vector<int>& giantTour,
                                          int routes, bool closed, const RouteCostModel& model = {});

/// Inter-route moves for the min-max objective: takes a stop out of the
/// longest route and inserts it where it costs least in another route, or
/// exchanges two stops between the longest and another route, when that
/// makes both strictly shorter than the current longest. Returns the number
/// of moves made (at most `maxMoves`).
int rebalanceRoutes(const DistanceMatrix& matrix, std::vector<std::vector<int>>& routes, bool closed,
                    const RouteCostModel& model = {}, int maxMoves = 1000);

} // namespace recheck::routing
