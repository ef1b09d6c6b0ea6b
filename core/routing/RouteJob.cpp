#include "RouteJob.h"

#include "common/RecheckError.h"

#include <fstream>

namespace recheck::routing {

RouteJobResult runRouteJob(const RouteJobRequest& request) {
    if (request.pointsCsv.empty() == request.tsplibFile.empty())
        throw RecheckError("route: give exactly one of a points CSV and a TSPLIB file",
                           RecheckError::Kind::InvalidInput);
    RouteJobResult result;
    result.tsplib = !request.tsplibFile.empty();
    result.instance = result.tsplib ? readTsplib(request.tsplibFile) : readPointsCsv(request.pointsCsv);
    std::vector<RoadLine> roads;
    if (!request.roadsCsv.empty())
        roads = readRoadsCsv(request.roadsCsv);
    result.plan = planRoutes(result.instance.points, result.instance.metric,
                             request.roadsCsv.empty() ? nullptr : &roads, request.options);
    if (!request.tourFile.empty())
        writeTourFile(request.tourFile, result.instance.ids, result.plan);
    return result;
}

void writeTourFile(const std::string& path, const std::vector<std::string>& ids, const RoutePlan& plan) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        throw RecheckError(path + ": cannot open for writing", RecheckError::Kind::Io);
    for (std::size_t r = 0; r < plan.routes.size(); ++r) {
        if (r > 0)
            out << '\n';
        for (int input : plan.routes[r].stops)
            out << ids[static_cast<std::size_t>(input)] << '\n';
    }
    out.flush();
    if (!out)
        throw RecheckError(path + ": write failed (disk full?)", RecheckError::Kind::Io);
}

} // namespace recheck::routing
