#pragma once

#include "RoutePlanner.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace recheck {
class Archive;
}

namespace recheck::routing {

/// Where the inspectors start.
enum class DepotChoice {
    AssigneeOffice, ///< staff.geom of the task's assignee (else the district's responsible
                    ///< inspector); the first customer when neither has an office point
    Explicit,       ///< depotLon / depotLat in the archive CRS
    FirstCustomer,  ///< the district's first pending customer (lowest fid)
};

struct ArchiveRouteOptions {
    RoutePlanOptions plan;
    /// Distances along the archive's `roads` table (one-way honoured) instead
    /// of straight lines.
    bool useRoads = false;
    DepotChoice depot = DepotChoice::AssigneeOffice;
    double depotLon = 0.0;
    double depotLat = 0.0;
    /// Written to task_scope.updated_by; empty = the login name.
    QString user;
    /// false: plan only, leave the archive untouched (previews, the CLI's
    /// --dry-run).
    bool writeOrder = true;
};

/// One stop on a planned route: one location, possibly several customers
/// (a building with several meters).
struct ArchiveRouteStop {
    int order = 0;               ///< 1-based position on its route; the depot is 0
    double lon = 0.0, lat = 0.0; ///< archive CRS
    double x = 0.0, y = 0.0;     ///< metres in the Gauss–Krüger zone used
    QStringList accounts;        ///< account numbers; empty for the depot
};

struct ArchiveRoute {
    int number = 0; ///< 1-based
    int stops = 0;  ///< locations visited, the depot not counted
    int customers = 0;
    double lengthMetres = 0.0;
    double travelMinutes = 0.0;
    double serviceMinutes = 0.0;
    double minutes() const { return travelMinutes + serviceMinutes; }
    /// Depot first; a closed route does not repeat the depot here.
    std::vector<ArchiveRouteStop> stopSequence;
    /// The route as drawn, lon/lat in the archive CRS: depot, stops, and the
    /// depot again for a closed route. Straight segments between stops (also
    /// in road mode: the length is along roads, the drawing is not).
    std::vector<Point> polyline;
};

struct ArchiveRouteResult {
    QString districtCode;
    QString districtName;
    QString taskUuid; ///< empty: the district has no open task
    int archiveSrid = 4490;
    int projectedEpsg = 0; ///< the CGCS2000 3-degree Gauss–Krüger CM zone used
    double centralMeridian = 0.0;
    QString depotSource; ///< what the depot is, for messages
    double depotLon = 0.0, depotLat = 0.0;
    int pendingCustomers = 0;
    int withoutLocation = 0;         ///< pending customers left out: no geometry
    QStringList unreachableAccounts; ///< road mode: no way there, left out
    int ordersWritten = 0;           ///< task_scope rows whose route_order changed
    RoutePlan plan;
    std::vector<ArchiveRoute> routes;
    double seconds = 0.0; ///< everything: reading, solving, writing
};

/// A district as the planner's choosers show it.
struct RouteDistrict {
    QString code;
    QString name;
    int customers = 0;
    int pending = 0; ///< in the open task's scope without a visit (= customers without task)
    bool hasOpenTask = false;
};

/// The EPSG code of the CGCS2000 3-degree Gauss–Krüger CM zone (EPSG:4534
/// CM 75°E … EPSG:4554 CM 135°E) whose central meridian is nearest to `lon`.
/// Throws RecheckError when `lon` lies outside China's zones.
int gaussKrugerCmEpsg(double lon);
/// The central meridian of such a zone.
double gaussKrugerCentralMeridian(int epsg);

/// The districts of an archive with their pending counts, ordered by code.
std::vector<RouteDistrict> listRouteDistricts(Archive& archive);
std::vector<RouteDistrict> listRouteDistricts(const QString& archivePath);

/// Plans the visiting order of one district's pending customers: those in
/// the scope of the district's open task (status neither done nor
/// cancelled; the urgent, then the most advanced one when there are
/// several) without a visit for that task; all of the district's customers
/// when it has no open task. Writes the order into task_scope.route_order
/// (numbered on through the routes: route 1's stops first), stamping the rows
/// as a Recheck write, in one transaction. Throws RecheckError for an
/// unknown district, nothing pending, or a cancelled run (nothing written).
ArchiveRouteResult planDistrictRoutes(Archive& archive, const QString& districtCode,
                                      const ArchiveRouteOptions& options);
/// Opens the archive read-write (read-only when options.writeOrder is false).
ArchiveRouteResult planDistrictRoutes(const QString& archivePath, const QString& districtCode,
                                      const ArchiveRouteOptions& options);

} // namespace recheck::routing
