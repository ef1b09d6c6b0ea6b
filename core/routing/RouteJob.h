#pragma once

#include "RoutePlanner.h"
#include "RouteReaders.h"

#include <string>
#include <vector>

namespace recheck::routing {

/// The bare-instance job of `recheck route`: read the stops (our CSV or a
/// TSPLIB file) and optionally a roads CSV, plan, write the tour file. Kept
/// here, not in the verb, so it is testable without the executable.
struct RouteJobRequest {
    std::string pointsCsv;  ///< either this …
    std::string tsplibFile; ///< … or this
    std::string roadsCsv;   ///< optional
    std::string tourFile;   ///< optional output
    RoutePlanOptions options;
};

struct RouteJobResult {
    RouteInstance instance;
    RoutePlan plan;
    bool tsplib = false;
};

RouteJobResult runRouteJob(const RouteJobRequest& request);

/// Ids in visiting order, one per line, each route starting with the depot;
/// routes separated by an empty line. Throws RecheckError (Io) on failure.
void writeTourFile(const std::string& path, const std::vector<std::string>& ids, const RoutePlan& plan);

} // namespace recheck::routing
