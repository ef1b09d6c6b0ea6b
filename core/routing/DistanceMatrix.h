#pragma once

#include <cmath>
#include <cstddef>
#include <vector>

namespace recheck::routing {

/// A position in a projected CRS, metres (or TSPLIB's unitless coordinates).
struct Point {
    double x = 0.0;
    double y = 0.0;
};

/// Travel costs between the stops of one routing instance.
///
/// Two storages: straight-line costs computed on the fly from coordinates
/// (memory stays O(n), so fnl4461-sized instances fit), or a full row-major
/// matrix (road distances, possibly asymmetric because of one-way streets).
/// A full matrix may still carry the stops' coordinates; they are used only
/// for geometric candidate lists, never for costs.
class DistanceMatrix {
public:
    /// How straight-line costs are rounded. TSPLIB defines its metrics on
    /// integers; optimising the same metric makes published optima comparable.
    enum class Metric {
        Euclidean,    ///< exact metres
        TsplibEuc2D,  ///< nint(sqrt(dx² + dy²))
        TsplibCeil2D, ///< ceil(sqrt(dx² + dy²))
        TsplibAtt,    ///< pseudo-Euclidean ATT distance
    };

    DistanceMatrix() = default;

    static DistanceMatrix euclidean(std::vector<Point> points, Metric metric = Metric::Euclidean);
    /// `rowMajor[from * n + to]`; `points` may be empty or hold n coordinates.
    static DistanceMatrix full(int size, std::vector<double> rowMajor, std::vector<Point> points = {});

    int size() const { return mSize; }
    bool isFull() const { return !mValues.empty(); }
    Metric metric() const { return mMetric; }
    /// True when cost(a, b) == cost(b, a) for all pairs (always for straight lines).
    bool isSymmetric() const { return mSymmetric; }
    const std::vector<Point>& points() const { return mPoints; }
    bool hasPoints() const { return static_cast<int>(mPoints.size()) == mSize; }

    double operator()(int from, int to) const {
        if (!mValues.empty())
            return mValues[static_cast<std::size_t>(from) * static_cast<std::size_t>(mSize) +
                           static_cast<std::size_t>(to)];
        return straightLine(from, to);
    }

    /// The instance restricted to `nodes` (local index i = nodes[i]).
    DistanceMatrix subset(const std::vector<int>& nodes) const;

    /// A copy in which arriving at `node` costs nothing: an open path that
    /// starts at `node` and ends anywhere is then a closed tour of this matrix.
    /// Always a full matrix (the result is asymmetric).
    DistanceMatrix withFreeReturnTo(int node) const;

    /// Length of the closed tour (or the open path when `closed` is false).
    double tourLength(const std::vector<int>& order, bool closed) const;

private:
    double straightLine(int from, int to) const {
        // Inline: the local search spends most of its time here.
        const Point& a = mPoints[static_cast<std::size_t>(from)];
        const Point& b = mPoints[static_cast<std::size_t>(to)];
        const double squared = (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y);
        if (mMetric == Metric::Euclidean)
            return std::sqrt(squared);
        if (mMetric == Metric::TsplibEuc2D)
            return std::floor(std::sqrt(squared) + 0.5); // TSPLIB nint(): half up, distances are ≥ 0
        return roundedTsplib(squared);
    }
    double roundedTsplib(double squared) const;

    int mSize = 0;
    Metric mMetric = Metric::Euclidean;
    bool mSymmetric = true;
    std::vector<Point> mPoints;
    std::vector<double> mValues;
};

} // namespace recheck::routing
