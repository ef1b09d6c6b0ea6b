#include "RoadNetwork.h"

#include "ColocatedStops.h"

#include "common/RecheckError.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <queue>
#include <utility>

namespace recheck::routing {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

double distanceBetween(const Point& a, const Point& b) {
    return std::hypot(a.x - b.x, a.y - b.y);
}

} // namespace

RoadNetwork::RoadNetwork(const std::vector<RoadLine>& lines) {
    // Vertices: all line vertices, shared coordinates merged (junctions).
    std::vector<Point> all;
    for (const auto& line : lines)
        all.insert(all.end(), line.vertices.begin(), line.vertices.end());
    const ColocatedStops merged = mergeColocated(all, 0.01);
    mVertices = merged.stopPoints;
    std::size_t k = 0;
    for (const auto& line : lines) {
        for (std::size_t i = 0; i + 1 < line.vertices.size(); ++i) {
            const int from = merged.stopOfInput[k + i];
            const int to = merged.stopOfInput[k + i + 1];
            if (from == to)
                continue;
            const double length = distanceBetween(mVertices[static_cast<std::size_t>(from)],
                                                  mVertices[static_cast<std::size_t>(to)]);
            mSegments.push_back({from, to, length, line.oneway >= 0, line.oneway <= 0});
        }
        k += line.vertices.size();
    }
    if (mSegments.empty())
        throw RecheckError(
            "road network: no usable segments (every line has fewer than two distinct vertices)",
            RecheckError::Kind::InvalidInput);

    // CSR arcs.
    const std::size_t vertexCount = mVertices.size();
    mArcStart.assign(vertexCount + 1, 0);
    for (const Segment& s : mSegments) {
        if (s.forward)
            ++mArcStart[static_cast<std::size_t>(s.from) + 1];
        if (s.backward)
            ++mArcStart[static_cast<std::size_t>(s.to) + 1];
    }
    for (std::size_t v = 1; v <= vertexCount; ++v)
        mArcStart[v] += mArcStart[v - 1];
    mArcTarget.resize(static_cast<std::size_t>(mArcStart.back()));
    mArcLength.resize(mArcTarget.size());
    std::vector<int> fill(mArcStart.begin(), mArcStart.end() - 1);
    for (const Segment& s : mSegments) {
        if (s.forward) {
            const auto slot = static_cast<std::size_t>(fill[static_cast<std::size_t>(s.from)]++);
            mArcTarget[slot] = s.to;
            mArcLength[slot] = s.length;
        }
        if (s.backward) {
            const auto slot = static_cast<std::size_t>(fill[static_cast<std::size_t>(s.to)]++);
            mArcTarget[slot] = s.from;
            mArcLength[slot] = s.length;
        }
    }

    // Segment grid: each segment listed in every cell its bounding box touches.
    double maxX = mVertices[0].x, maxY = mVertices[0].y;
    mMinX = mVertices[0].x;
    mMinY = mVertices[0].y;
    double totalLength = 0.0;
    for (const Point& p : mVertices) {
        mMinX = std::min(mMinX, p.x);
        mMinY = std::min(mMinY, p.y);
        maxX = std::max(maxX, p.x);
        maxY = std::max(maxY, p.y);
    }
    for (const Segment& s : mSegments)
        totalLength += s.length;
    const double extent = std::max({maxX - mMinX, maxY - mMinY, 1.0});
    mCell = std::max({totalLength / static_cast<double>(mSegments.size()), extent / 2048.0, 1e-3});
    mColumns = static_cast<int>((maxX - mMinX) / mCell) + 1;
    mRows = static_cast<int>((maxY - mMinY) / mCell) + 1;
    std::vector<std::vector<int>> cells(static_cast<std::size_t>(mColumns) * static_cast<std::size_t>(mRows));
    for (std::size_t s = 0; s < mSegments.size(); ++s) {
        const Point& a = mVertices[static_cast<std::size_t>(mSegments[s].from)];
        const Point& b = mVertices[static_cast<std::size_t>(mSegments[s].to)];
        const int c0 = static_cast<int>((std::min(a.x, b.x) - mMinX) / mCell);
        const int c1 = std::min(mColumns - 1, static_cast<int>((std::max(a.x, b.x) - mMinX) / mCell));
        const int r0 = static_cast<int>((std::min(a.y, b.y) - mMinY) / mCell);
        const int r1 = std::min(mRows - 1, static_cast<int>((std::max(a.y, b.y) - mMinY) / mCell));
        for (int r = r0; r <= r1; ++r)
            for (int c = c0; c <= c1; ++c)
                cells[static_cast<std::size_t>(r) * static_cast<std::size_t>(mColumns) +
                      static_cast<std::size_t>(c)]
                    .push_back(static_cast<int>(s));
    }
    mCellStart.assign(cells.size() + 1, 0);
    for (std::size_t c = 0; c < cells.size(); ++c) {
        mCellStart[c + 1] = mCellStart[c] + static_cast<int>(cells[c].size());
        mCellSegments.insert(mCellSegments.end(), cells[c].begin(), cells[c].end());
    }
}

RoadNetwork::Snap RoadNetwork::snap(const Point& point, double maxAccess) const {
    Snap best;
    double bestDistance = kInfinity;
    const int pc = static_cast<int>(std::floor((point.x - mMinX) / mCell));
    const int pr = static_cast<int>(std::floor((point.y - mMinY) / mCell));
    auto visit = [&](int c, int r) {
        if (c < 0 || r < 0 || c >= mColumns || r >= mRows)
            return;
        const auto cell =
            static_cast<std::size_t>(r) * static_cast<std::size_t>(mColumns) + static_cast<std::size_t>(c);
        for (int k = mCellStart[cell]; k < mCellStart[cell + 1]; ++k) {
            const int s = mCellSegments[static_cast<std::size_t>(k)];
            const Segment& segment = mSegments[static_cast<std::size_t>(s)];
            const Point& a = mVertices[static_cast<std::size_t>(segment.from)];
            const Point& b = mVertices[static_cast<std::size_t>(segment.to)];
            const double dx = b.x - a.x;
            const double dy = b.y - a.y;
            const double t =
                std::clamp(((point.x - a.x) * dx + (point.y - a.y) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
            const Point on{a.x + t * dx, a.y + t * dy};
            const double d = distanceBetween(point, on);
            // Ties go to the lower segment number: the result must not depend
            // on the order cells are visited in.
            if (d < bestDistance || (d == bestDistance && s < best.segment)) {
                bestDistance = d;
                best = {s, t * segment.length, on, d};
            }
        }
    };
    // Rings of cells around the point (which may lie outside the grid) until
    // the next ring cannot hold anything nearer.
    const int outside = std::max({0, -pc, pc - (mColumns - 1), -pr, pr - (mRows - 1)});
    const int maxRing = outside + std::max(mColumns, mRows);
    for (int ring = 0; ring <= maxRing; ++ring) {
        if (ring == 0) {
            visit(pc, pr);
        } else {
            for (int c = pc - ring; c <= pc + ring; ++c) {
                visit(c, pr - ring);
                visit(c, pr + ring);
            }
            for (int r = pr - ring + 1; r <= pr + ring - 1; ++r) {
                visit(pc - ring, r);
                visit(pc + ring, r);
            }
        }
        const double reach = ring * mCell; // anything beyond this ring is at least this far
        if (bestDistance <= reach || reach > maxAccess)
            break;
    }
    if (best.segment < 0 || best.access > maxAccess)
        return Snap{};
    return best;
}

void RoadNetwork::dijkstra(const Snap& source, std::vector<double>& distance) const {
    distance.assign(mVertices.size(), kInfinity);
    using Entry = std::pair<double, int>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap;
    const Segment& s = mSegments[static_cast<std::size_t>(source.segment)];
    // Leave the snap point towards whichever ends the segment allows.
    if (s.backward) {
        distance[static_cast<std::size_t>(s.from)] = source.along;
        heap.emplace(source.along, s.from);
    }
    if (s.forward && s.length - source.along < distance[static_cast<std::size_t>(s.to)]) {
        distance[static_cast<std::size_t>(s.to)] = s.length - source.along;
        heap.emplace(s.length - source.along, s.to);
    }
    while (!heap.empty()) {
        const auto [d, v] = heap.top();
        heap.pop();
        if (d > distance[static_cast<std::size_t>(v)])
            continue;
        for (int a = mArcStart[static_cast<std::size_t>(v)]; a < mArcStart[static_cast<std::size_t>(v) + 1];
             ++a) {
            const int w = mArcTarget[static_cast<std::size_t>(a)];
            const double candidate = d + mArcLength[static_cast<std::size_t>(a)];
            if (candidate < distance[static_cast<std::size_t>(w)]) {
                distance[static_cast<std::size_t>(w)] = candidate;
                heap.emplace(candidate, w);
            }
        }
    }
}

double RoadNetwork::arrive(const Snap& source, const Snap& target,
                           const std::vector<double>& distance) const {
    const Segment& t = mSegments[static_cast<std::size_t>(target.segment)];
    double best = kInfinity;
    // Enter the target's segment at an end and travel to the snap point.
    if (t.forward)
        best = std::min(best, distance[static_cast<std::size_t>(t.from)] + target.along);
    if (t.backward)
        best = std::min(best, distance[static_cast<std::size_t>(t.to)] + (t.length - target.along));
    // Both on one segment: straight along it, if the direction is allowed.
    if (source.segment == target.segment) {
        if (target.along >= source.along && t.forward)
            best = std::min(best, target.along - source.along);
        if (target.along <= source.along && t.backward)
            best = std::min(best, source.along - target.along);
    }
    return best;
}

RoadNetwork::Matrix RoadNetwork::distances(const std::vector<Point>& points, double maxAccess) const {
    const auto started = std::chrono::steady_clock::now();
    Matrix result;
    std::vector<Snap> snaps(points.size());
    std::vector<int> snapped;
    for (std::size_t i = 0; i < points.size(); ++i) {
        snaps[i] = snap(points[i], maxAccess);
        if (snaps[i].segment >= 0)
            snapped.push_back(static_cast<int>(i));
        else if (i == 0)
            throw RecheckError("road network: the depot (first point) has no road within " +
                                   std::to_string(maxAccess) + " m",
                               RecheckError::Kind::InvalidInput);
        else
            result.unreachable.push_back(static_cast<int>(i));
    }
    const std::size_t m = snapped.size();
    std::vector<double> values(m * m, 0.0);
    std::vector<double> distance;
    for (std::size_t a = 0; a < m; ++a) {
        const Snap& source = snaps[static_cast<std::size_t>(snapped[a])];
        dijkstra(source, distance);
        for (std::size_t b = 0; b < m; ++b) {
            if (a == b)
                continue;
            const Snap& target = snaps[static_cast<std::size_t>(snapped[b])];
            values[a * m + b] = source.access + arrive(source, target, distance) + target.access;
        }
    }
    // Keep the points the depot can reach and come back from; every pair
    // among them is then finite (via the depot at worst).
    std::vector<int> keep;
    for (std::size_t b = 0; b < m; ++b) {
        if (b == 0 || (std::isfinite(values[b]) && std::isfinite(values[b * m])))
            keep.push_back(static_cast<int>(b));
        else
            result.unreachable.push_back(snapped[b]);
    }
    std::sort(result.unreachable.begin(), result.unreachable.end());
    const std::size_t k = keep.size();
    std::vector<double> kept(k * k);
    std::vector<Point> keptPoints;
    for (std::size_t a = 0; a < k; ++a) {
        result.reachable.push_back(snapped[static_cast<std::size_t>(keep[a])]);
        keptPoints.push_back(points[static_cast<std::size_t>(snapped[static_cast<std::size_t>(keep[a])])]);
        for (std::size_t b = 0; b < k; ++b)
            kept[a * k + b] =
                values[static_cast<std::size_t>(keep[a]) * m + static_cast<std::size_t>(keep[b])];
    }
    result.matrix = DistanceMatrix::full(static_cast<int>(k), std::move(kept), std::move(keptPoints));
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

double RoadNetwork::distance(const Point& from, const Point& to) const {
    const Snap source = snap(from);
    const Snap target = snap(to);
    if (source.segment < 0 || target.segment < 0)
        return kInfinity;
    std::vector<double> distances;
    dijkstra(source, distances);
    return source.access + arrive(source, target, distances) + target.access;
}

} // namespace recheck::routing
