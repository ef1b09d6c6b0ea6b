#pragma once

#include "DistanceMatrix.h"

#include <vector>

namespace recheck::routing {

/// Length of one inspector's route: depot (node 0) first in `route`, then
/// its stops; closed routes return to the depot.
double routeLength(const DistanceMatrix& matrix, const std::vector<int>& route, bool closed);

/// Cuts a giant tour (depot first) into at most `routes` contiguous pieces,
/// each becoming depot → piece (→ depot), minimising the longest route.
///
/// Exact for contiguous pieces: a piece's route length never shrinks when
/// the piece grows (triangle inequality, true for straight lines and road
/// shortest paths), so "can every route stay within L?" is answered by
/// filling routes greedily, and L is found by bisection.
std::vector<std::vector<int>> splitMinMax(const DistanceMatrix& matrix, const std::vector<int>& giantTour,
                                          int routes, bool closed);

/// Inter-route moves for the min-max objective: takes a stop out of the
/// longest route and inserts it where it costs least in another route, or
/// exchanges two stops between the longest and another route, when that
/// makes both strictly shorter than the current longest. Returns the number
/// of moves made (at most `maxMoves`).
int rebalanceRoutes(const DistanceMatrix& matrix, std::vector<std::vector<int>>& routes, bool closed,
                    int maxMoves = 1000);

} // namespace recheck::routing
