#pragma once

#include "DistanceMatrix.h"

#include <vector>

namespace recheck::routing {

/// Customers sharing one coordinate (the meters of one building) merged into
/// one stop. DESIGN.md: without merging, zero-length edges make the local
/// search stall (even LKH stays 0.05% above its best).
struct ColocatedStops {
    std::vector<Point> stopPoints;         ///< one per stop; stop 0 holds input point 0
    std::vector<std::vector<int>> members; ///< input indices per stop, in input order
    std::vector<int> stopOfInput;          ///< input index -> stop

    int stopCount() const { return static_cast<int>(stopPoints.size()); }

    /// Replaces every stop of `stopOrder` by its members (input indices).
    std::vector<int> expand(const std::vector<int>& stopOrder) const;
};

/// Merges points closer than `toleranceMetres` to the first point of a stop
/// (grid hashing, O(n)). The first input point (the depot) stays stop 0.
ColocatedStops mergeColocated(const std::vector<Point>& points, double toleranceMetres = 0.01);

} // namespace recheck::routing
