#include "ColocatedStops.h"

#include <cmath>
#include <cstdint>
#include <unordered_map>

namespace recheck::routing {

namespace {

std::uint64_t cellKey(std::int64_t cx, std::int64_t cy) {
    return (static_cast<std::uint64_t>(cx) << 32) ^ (static_cast<std::uint64_t>(cy) & 0xffffffffULL);
}

} // namespace

std::vector<int> ColocatedStops::expand(const std::vector<int>& stopOrder) const {
    std::vector<int> inputOrder;
    inputOrder.reserve(stopOfInput.size());
    for (int stop : stopOrder)
        for (int input : members[static_cast<std::size_t>(stop)])
            inputOrder.push_back(input);
    return inputOrder;
}

ColocatedStops mergeColocated(const std::vector<Point>& points, double toleranceMetres) {
    ColocatedStops result;
    result.stopOfInput.assign(points.size(), -1);
    // Cells as large as the tolerance: a match lies in the same or a
    // neighbouring cell. Each stop is registered in the cell of its first point.
    const double cell = toleranceMetres > 0.0 ? toleranceMetres : 1e-9;
    std::unordered_map<std::uint64_t, std::vector<int>> stopsByCell;
    stopsByCell.reserve(points.size());
    const double tolerance2 = toleranceMetres * toleranceMetres;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const Point& p = points[i];
        const auto cx = static_cast<std::int64_t>(std::floor(p.x / cell));
        const auto cy = static_cast<std::int64_t>(std::floor(p.y / cell));
        int found = -1;
        for (std::int64_t dx = -1; dx <= 1 && found < 0; ++dx)
            for (std::int64_t dy = -1; dy <= 1 && found < 0; ++dy) {
                const auto it = stopsByCell.find(cellKey(cx + dx, cy + dy));
                if (it == stopsByCell.end())
                    continue;
                for (int stop : it->second) {
                    const Point& q = result.stopPoints[static_cast<std::size_t>(stop)];
                    const double ddx = p.x - q.x;
                    const double ddy = p.y - q.y;
                    if (ddx * ddx + ddy * ddy <= tolerance2) {
                        found = stop;
                        break;
                    }
                }
            }
        if (found < 0) {
            found = result.stopCount();
            result.stopPoints.push_back(p);
            result.members.emplace_back();
            stopsByCell[cellKey(cx, cy)].push_back(found);
        }
        result.members[static_cast<std::size_t>(found)].push_back(static_cast<int>(i));
        result.stopOfInput[i] = found;
    }
    return result;
}

} // namespace recheck::routing
