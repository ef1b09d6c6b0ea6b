#include "CandidateNeighbours.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <utility>

namespace recheck::routing {

namespace {

/// The k best (distance, node) pairs seen so far, ascending.
class BestK {
public:
    explicit BestK(int k) : mCapacity(static_cast<std::size_t>(std::max(0, k))) { mItems.reserve(mCapacity); }

    void offer(double distance, int node) {
        if (mCapacity == 0)
            return;
        if (mItems.size() == mCapacity && distance >= mItems.back().first)
            return;
        if (mItems.size() == mCapacity)
            mItems.pop_back();
        auto it = std::upper_bound(mItems.begin(), mItems.end(), std::make_pair(distance, node));
        mItems.insert(it, {distance, node});
    }
    bool full() const { return mItems.size() == mCapacity; }
    double worst() const { return mItems.empty() ? 0.0 : mItems.back().first; }
    const std::vector<std::pair<double, int>>& items() const { return mItems; }

private:
    std::size_t mCapacity;
    std::vector<std::pair<double, int>> mItems;
};

int quadrantOf(double dx, double dy) {
    if (dx > 0.0 && dy >= 0.0)
        return 0;
    if (dx <= 0.0 && dy > 0.0)
        return 1;
    if (dx < 0.0 && dy <= 0.0)
        return 2;
    return 3; // dx >= 0, dy < 0 (and the coincident case)
}

/// Geometric quadrant + nearest search over a uniform grid of about two
/// points per cell; rings grow until no unseen point can beat the lists.
std::vector<std::vector<int>> geometricCandidates(const std::vector<Point>& points,
                                                  const CandidateNeighbours::Options& options) {
    const int n = static_cast<int>(points.size());
    std::vector<std::vector<int>> lists(static_cast<std::size_t>(n));
    if (n < 2)
        return lists;
    double minX = points[0].x, maxX = points[0].x, minY = points[0].y, maxY = points[0].y;
    for (const Point& p : points) {
        minX = std::min(minX, p.x);
        maxX = std::max(maxX, p.x);
        minY = std::min(minY, p.y);
        maxY = std::max(maxY, p.y);
    }
    const double width = std::max(maxX - minX, 1e-9);
    const double height = std::max(maxY - minY, 1e-9);
    const double cell = std::max(std::sqrt(width * height * 2.0 / n), std::max(width, height) / 4096.0);
    const int columns = static_cast<int>(width / cell) + 1;
    const int rows = static_cast<int>(height / cell) + 1;
    std::vector<int> cellStart(static_cast<std::size_t>(columns) * rows + 1, 0);
    std::vector<int> cellOf(static_cast<std::size_t>(n));
    auto columnOf = [&](const Point& p) {
        return std::min(columns - 1, static_cast<int>((p.x - minX) / cell));
    };
    auto rowOf = [&](const Point& p) { return std::min(rows - 1, static_cast<int>((p.y - minY) / cell)); };
    for (int i = 0; i < n; ++i) {
        cellOf[static_cast<std::size_t>(i)] = rowOf(points[static_cast<std::size_t>(i)]) * columns +
                                              columnOf(points[static_cast<std::size_t>(i)]);
        ++cellStart[static_cast<std::size_t>(cellOf[static_cast<std::size_t>(i)]) + 1];
    }
    for (std::size_t c = 1; c < cellStart.size(); ++c)
        cellStart[c] += cellStart[c - 1];
    std::vector<int> cellPoints(static_cast<std::size_t>(n));
    {
        std::vector<int> fill(cellStart.begin(), cellStart.end() - 1);
        for (int i = 0; i < n; ++i)
            cellPoints[static_cast<std::size_t>(
                fill[static_cast<std::size_t>(cellOf[static_cast<std::size_t>(i)])]++)] = i;
    }
    const int maxRing = std::max(columns, rows);
    for (int i = 0; i < n; ++i) {
        const Point& p = points[static_cast<std::size_t>(i)];
        const int pc = columnOf(p);
        const int pr = rowOf(p);
        std::array<BestK, 4> quadrants{BestK(options.perQuadrant), BestK(options.perQuadrant),
                                       BestK(options.perQuadrant), BestK(options.perQuadrant)};
        BestK nearest(options.nearest);
        auto visitCell = [&](int c, int r) {
            if (c < 0 || r < 0 || c >= columns || r >= rows)
                return;
            const int index = r * columns + c;
            for (int k = cellStart[static_cast<std::size_t>(index)];
                 k < cellStart[static_cast<std::size_t>(index) + 1]; ++k) {
                const int j = cellPoints[static_cast<std::size_t>(k)];
                if (j == i)
                    continue;
                const double dx = points[static_cast<std::size_t>(j)].x - p.x;
                const double dy = points[static_cast<std::size_t>(j)].y - p.y;
                const double d = std::sqrt(dx * dx + dy * dy);
                quadrants[static_cast<std::size_t>(quadrantOf(dx, dy))].offer(d, j);
                nearest.offer(d, j);
            }
        };
        for (int ring = 0; ring <= maxRing; ++ring) {
            if (ring == 0) {
                visitCell(pc, pr);
            } else {
                for (int c = pc - ring; c <= pc + ring; ++c) {
                    visitCell(c, pr - ring);
                    visitCell(c, pr + ring);
                }
                for (int r = pr - ring + 1; r <= pr + ring - 1; ++r) {
                    visitCell(pc - ring, r);
                    visitCell(pc + ring, r);
                }
            }
            // Anything in ring + 1 or beyond is at least `ring * cell` away.
            const double reach = ring * cell;
            bool done = nearest.full() && nearest.worst() <= reach;
            for (const BestK& q : quadrants)
                done = done && q.full() && q.worst() <= reach;
            if (done)
                break;
        }
        std::vector<int>& list = lists[static_cast<std::size_t>(i)];
        for (const BestK& q : quadrants)
            for (const auto& item : q.items())
                list.push_back(item.second);
        for (const auto& item : nearest.items())
            list.push_back(item.second);
    }
    return lists;
}

} // namespace

CandidateNeighbours::CandidateNeighbours(const DistanceMatrix& matrix, const Options& options) {
    const int n = matrix.size();
    if (matrix.hasPoints())
        mLists = geometricCandidates(matrix.points(), options);
    else
        mLists.assign(static_cast<std::size_t>(n), {});
    auto roundTrip = [&](int a, int b) { return matrix(a, b) + matrix(b, a); };
    if (matrix.isFull()) {
        // Road costs: the geometric neighbours may be far away by road (the
        // other bank of a river), so add the nearest by cost too.
        const int byCost = options.nearest + options.perQuadrant;
        std::vector<std::pair<double, int>> all;
        for (int a = 0; a < n; ++a) {
            all.clear();
            for (int b = 0; b < n; ++b)
                if (b != a)
                    all.emplace_back(roundTrip(a, b), b);
            const auto keep = std::min<std::size_t>(all.size(), static_cast<std::size_t>(byCost));
            std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(keep), all.end());
            for (std::size_t k = 0; k < keep; ++k)
                mLists[static_cast<std::size_t>(a)].push_back(all[k].second);
        }
    }
    for (int a = 0; a < n; ++a) {
        std::vector<int>& list = mLists[static_cast<std::size_t>(a)];
        std::sort(list.begin(), list.end(), [&](int x, int y) {
            const double cx = roundTrip(a, x);
            const double cy = roundTrip(a, y);
            return cx < cy || (cx == cy && x < y);
        });
        list.erase(std::unique(list.begin(), list.end()), list.end());
    }
    mCosts.resize(mLists.size());
    for (int a = 0; a < n; ++a)
        for (int b : mLists[static_cast<std::size_t>(a)])
            mCosts[static_cast<std::size_t>(a)].push_back(matrix(a, b));
}

void CandidateNeighbours::addUniversalNode(int extra, std::vector<int> extraList) {
    for (auto& list : mLists)
        list.push_back(extra);
    for (auto& costs : mCosts)
        costs.push_back(0.0);
    if (static_cast<int>(mLists.size()) <= extra) {
        mLists.resize(static_cast<std::size_t>(extra) + 1);
        mCosts.resize(static_cast<std::size_t>(extra) + 1);
    }
    mCosts[static_cast<std::size_t>(extra)].assign(extraList.size(), 0.0);
    mLists[static_cast<std::size_t>(extra)] = std::move(extraList);
}

} // namespace recheck::routing
