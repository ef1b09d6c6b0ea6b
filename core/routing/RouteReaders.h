#pragma once

#include "DistanceMatrix.h"

#include <string>
#include <vector>

namespace recheck::routing {

/// Stops read from a file; index 0 is the depot.
struct RouteInstance {
    std::string name;
    std::vector<std::string> ids;
    std::vector<Point> points;
    /// TSPLIB instances carry their own rounding; our CSV is exact metres.
    DistanceMatrix::Metric metric = DistanceMatrix::Metric::Euclidean;
};

/// One road line (a polyline in metres). `oneway`: 0 both directions,
/// 1 only along the vertex order, -1 only against it.
struct RoadLine {
    std::string id;
    std::vector<Point> vertices;
    int oneway = 0;
};

/// Our CSV: a header naming `id`, `x`, `y` (any order, other columns
/// ignored), one row per customer, the first data row is the depot.
/// Throws RecheckError (InvalidInput / Io) naming file, line and column.
RouteInstance readPointsCsv(const std::string& path);

/// TSPLIB .tsp with NODE_COORD_SECTION and EDGE_WEIGHT_TYPE EUC_2D, CEIL_2D
/// or ATT. Node 1 is the depot.
RouteInstance readTsplib(const std::string& path);

/// Roads CSV: columns `id`, `wkt` (LINESTRING or MULTILINESTRING, quoted
/// because WKT holds commas) and optionally `oneway` (0/1/-1, yes/no,
/// FT/TF; empty = both ways).
std::vector<RoadLine> readRoadsCsv(const std::string& path);

/// One WKT LINESTRING / MULTILINESTRING as polylines; throws RecheckError
/// with `where` ("file:line") in front of the message.
std::vector<std::vector<Point>> parseLineWkt(const std::string& wkt, const std::string& where);

} // namespace recheck::routing
