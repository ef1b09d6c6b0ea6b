#pragma once

#include "DistanceMatrix.h"
#include "RouteReaders.h"

#include <limits>
#include <vector>

namespace recheck::routing {

/// A road layer as a compact directed graph (CSR arrays: for each vertex its
/// outgoing arcs in one block), with a grid over the segments for snapping.
///
/// Lines meet where they share a vertex coordinate (within 1 cm); a line
/// crossing another without a shared vertex is a bridge, not a junction.
/// Distances from a point: straight to its snap point on the nearest segment
/// (the access distance, on foot across a yard), then along the roads in the
/// allowed directions, then from the target's snap point to the target.
class RoadNetwork {
public:
    explicit RoadNetwork(const std::vector<RoadLine>& lines);

    int vertexCount() const { return static_cast<int>(mVertices.size()); }
    int segmentCount() const { return static_cast<int>(mSegments.size()); }

    struct Snap {
        int segment = -1;    ///< -1: no segment within reach
        double along = 0.0;  ///< metres from the segment's first vertex
        Point point;         ///< the snap point on the segment
        double access = 0.0; ///< point → snap point, metres
    };
    /// The nearest point on any segment, or segment -1 when none lies within
    /// `maxAccess` metres.
    Snap snap(const Point& point, double maxAccess = std::numeric_limits<double>::infinity()) const;

    struct Matrix {
        /// Costs between the reachable points only (index = position in `reachable`).
        DistanceMatrix matrix;
        std::vector<int> reachable;   ///< input indices kept, the depot (0) first
        std::vector<int> unreachable; ///< input indices left out: no road within reach, or no
                                      ///< way there and back from the depot
        double seconds = 0.0;
    };
    /// Many-to-many road distances: one Dijkstra (binary heap over the CSR
    /// arrays) per source. Throws RecheckError when the depot cannot be snapped.
    Matrix distances(const std::vector<Point>& points,
                     double maxAccess = std::numeric_limits<double>::infinity()) const;

    /// Road distance between two points (one Dijkstra); infinity when there
    /// is no way. For tests and one-off queries.
    double distance(const Point& from, const Point& to) const;

private:
    struct Segment {
        int from;
        int to;
        double length;
        bool forward;  ///< travel from → to allowed
        bool backward; ///< travel to → from allowed
    };
    void dijkstra(const Snap& source, std::vector<double>& distance) const;
    double arrive(const Snap& source, const Snap& target, const std::vector<double>& distance) const;

    std::vector<Point> mVertices;
    std::vector<Segment> mSegments;
    std::vector<int> mArcStart; ///< CSR: arcs of vertex v are [mArcStart[v], mArcStart[v+1])
    std::vector<int> mArcTarget;
    std::vector<double> mArcLength;
    // Segment grid.
    double mMinX = 0.0, mMinY = 0.0, mCell = 1.0;
    int mColumns = 1, mRows = 1;
    std::vector<int> mCellStart;
    std::vector<int> mCellSegments;
};

} // namespace recheck::routing
