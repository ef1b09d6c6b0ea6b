#include "ArchiveRoutePlanner.h"

#include "RouteReaders.h"

#include "archive/Archive.h"
#include "common/RecheckError.h"
#include "common/Sqlite.h"

#include <QDateTime>

#include <ogr_spatialref.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <memory>

namespace recheck::routing {

namespace {

// EPSG:4534 is "CGCS2000 / 3-degree Gauss-Kruger CM 75E"; the CM variants
// (no zone number in the false easting) run in 3° steps to EPSG:4554 (135°E).
constexpr int kFirstCmEpsg = 4534;
constexpr int kLastCmEpsg = 4554;
constexpr double kFirstCentralMeridian = 75.0;

// Roads farther than this outside the customers' bounding box are not loaded:
// a detour of more than ~3 km around a district is never the shortest way
// between two of its houses.
constexpr double kRoadMarginDegrees = 0.03;

QString loginName() {
    for (const char* variable : {"USER", "LOGNAME", "USERNAME"}) {
        const QString value = QString::fromLocal8Bit(qgetenv(variable));
        if (!value.isEmpty())
            return value;
    }
    return QStringLiteral("recheck");
}

[[noreturn]] void refuse(const QString& message) {
    throw RecheckError(message.toStdString(), RecheckError::Kind::InvalidInput);
}

struct OpenTask {
    QString uuid;
    QString assigneeUuid;
};

/// The task the planner orders: open (neither done nor cancelled), urgent
/// first, then the one furthest along, then the earliest planned.
OpenTask openTaskOf(SqliteDatabase& db, const QString& districtUuid) {
    SqliteStatement st(
        db, QStringLiteral("SELECT uuid, assignee_uuid FROM tasks "
                           "WHERE district_uuid = ? AND status NOT IN ('done', 'cancelled') "
                           "ORDER BY priority = 'urgent' DESC, "
                           "CASE status WHEN 'in_progress' THEN 0 WHEN 'issued' THEN 1 ELSE 2 END, "
                           "planned_start, fid LIMIT 1"));
    st.bind(1, districtUuid);
    OpenTask task;
    if (st.step()) {
        task.uuid = st.text(0);
        task.assigneeUuid = st.isNull(1) ? QString() : st.text(1);
    }
    return task;
}

struct PendingCustomer {
    QString uuid;
    QString account;
    bool located = false;
    double lon = 0.0, lat = 0.0;
};

std::vector<PendingCustomer> pendingCustomers(SqliteDatabase& db, const QString& districtUuid,
                                              const QString& taskUuid) {
    const QString columns =
        QStringLiteral("c.uuid, c.account_no, c.geom IS NOT NULL, ST_X(c.geom), ST_Y(c.geom) FROM ");
    SqliteStatement st(
        db,
        taskUuid.isEmpty()
            ? QStringLiteral("SELECT %1 customers c WHERE c.district_uuid = ? ORDER BY c.fid").arg(columns)
            : QStringLiteral("SELECT %1 task_scope s JOIN customers c ON c.uuid = s.customer_uuid "
                             "WHERE s.task_uuid = ? AND NOT EXISTS (SELECT 1 FROM visits v "
                             "WHERE v.task_uuid = s.task_uuid AND v.customer_uuid = s.customer_uuid) "
                             "ORDER BY c.fid")
                  .arg(columns));
    st.bind(1, taskUuid.isEmpty() ? districtUuid : taskUuid);
    std::vector<PendingCustomer> customers;
    while (st.step()) {
        PendingCustomer c;
        c.uuid = st.text(0);
        c.account = st.text(1);
        c.located = st.int64(2) != 0 && !st.isNull(3) && !st.isNull(4);
        if (c.located) {
            c.lon = st.real(3);
            c.lat = st.real(4);
        }
        customers.push_back(c);
    }
    return customers;
}

int countPending(SqliteDatabase& db, const QString& districtUuid, const QString& taskUuid) {
    SqliteStatement st(db, taskUuid.isEmpty()
                               ? QStringLiteral("SELECT count(*) FROM customers WHERE district_uuid = ?")
                               : QStringLiteral("SELECT count(*) FROM task_scope s WHERE s.task_uuid = ? AND "
                                                "NOT EXISTS (SELECT 1 FROM visits v WHERE v.task_uuid = "
                                                "s.task_uuid AND v.customer_uuid = s.customer_uuid)"));
    st.bind(1, taskUuid.isEmpty() ? districtUuid : taskUuid);
    st.step();
    return static_cast<int>(st.int64(0));
}

/// lon/lat in the archive CRS → metres in a Gauss–Krüger zone, through GDAL
/// (PROJ). Axis order is always x = lon/easting, y = lat/northing.
class ZoneProjection {
public:
    ZoneProjection(int archiveSrid, int projectedEpsg) {
        OGRSpatialReference source;
        OGRSpatialReference target;
        if (source.importFromEPSG(archiveSrid) != OGRERR_NONE ||
            target.importFromEPSG(projectedEpsg) != OGRERR_NONE)
            throw RecheckError(QStringLiteral("route: EPSG:%1 or EPSG:%2 is unknown to PROJ")
                                   .arg(archiveSrid)
                                   .arg(projectedEpsg)
                                   .toStdString());
        source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        mTransform.reset(OGRCreateCoordinateTransformation(&source, &target));
        if (!mTransform)
            throw RecheckError(QStringLiteral("route: no transformation from EPSG:%1 to EPSG:%2")
                                   .arg(archiveSrid)
                                   .arg(projectedEpsg)
                                   .toStdString());
    }

    /// Projects in place; throws when PROJ fails on any point.
    void project(std::vector<Point>& points) const {
        if (points.empty())
            return;
        std::vector<double> x(points.size()), y(points.size());
        for (std::size_t i = 0; i < points.size(); ++i) {
            x[i] = points[i].x;
            y[i] = points[i].y;
        }
        std::vector<int> ok(points.size(), 0);
        if (!mTransform->Transform(points.size(), x.data(), y.data(), nullptr, ok.data()))
            throw RecheckError("route: coordinates could not be projected to metres");
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (!ok[i])
                throw RecheckError(QStringLiteral("route: the point %1, %2 could not be projected to metres")
                                       .arg(points[i].x, 0, 'f', 6)
                                       .arg(points[i].y, 0, 'f', 6)
                                       .toStdString());
            points[i] = {x[i], y[i]};
        }
    }

private:
    struct Deleter {
        void operator()(OGRCoordinateTransformation* t) const { OGRCoordinateTransformation::DestroyCT(t); }
    };
    std::unique_ptr<OGRCoordinateTransformation, Deleter> mTransform;
};

struct Depot {
    double lon = 0.0, lat = 0.0;
    QString source;
};

bool officeOf(SqliteDatabase& db, const QString& sql, const QString& key, Depot& depot) {
    SqliteStatement st(db, sql);
    st.bind(1, key);
    if (!st.step())
        return false;
    depot.lon = st.real(0);
    depot.lat = st.real(1);
    depot.source = QStringLiteral("office of %1 (%2)").arg(st.text(2), st.text(3));
    return true;
}

Depot chooseDepot(SqliteDatabase& db, const ArchiveRouteOptions& options, const QString& districtUuid,
                  const OpenTask& task, const PendingCustomer& firstCustomer) {
    Depot depot;
    if (options.depot == DepotChoice::Explicit) {
        if (!std::isfinite(options.depotLon) || !std::isfinite(options.depotLat))
            refuse(QStringLiteral("route: the depot coordinates are not numbers"));
        depot.lon = options.depotLon;
        depot.lat = options.depotLat;
        depot.source = QStringLiteral("given point");
        return depot;
    }
    if (options.depot == DepotChoice::AssigneeOffice) {
        const QString office = QStringLiteral("ST_X(s.geom), ST_Y(s.geom), s.name, s.code FROM staff s ");
        if (!task.assigneeUuid.isEmpty() &&
            officeOf(db, QStringLiteral("SELECT %1 WHERE s.uuid = ? AND s.geom IS NOT NULL").arg(office),
                     task.assigneeUuid, depot))
            return depot;
        if (officeOf(db,
                     QStringLiteral("SELECT %1 JOIN staff_districts sd ON sd.staff_uuid = s.uuid "
                                    "WHERE sd.district_uuid = ? AND s.geom IS NOT NULL "
                                    "ORDER BY sd.role = 'responsible' DESC, sd.fid LIMIT 1")
                         .arg(office),
                     districtUuid, depot))
            return depot;
    }
    depot.lon = firstCustomer.lon;
    depot.lat = firstCustomer.lat;
    depot.source = QStringLiteral("first customer %1").arg(firstCustomer.account);
    return depot;
}

std::vector<RoadLine> roadsAround(SqliteDatabase& db, double minLon, double minLat, double maxLon,
                                  double maxLat) {
    // Through the R*Tree SpatiaLite keeps for roads.geom: a county's road
    // layer is far larger than one district's neighbourhood.
    SqliteStatement st(db,
                       QStringLiteral("SELECT fid, oneway, ST_AsText(geom) FROM roads WHERE geom IS NOT NULL "
                                      "AND fid IN (SELECT pkid FROM idx_roads_geom WHERE xmin <= ? AND "
                                      "xmax >= ? AND ymin <= ? AND ymax >= ?)"));
    st.bind(1, maxLon + kRoadMarginDegrees)
        .bind(2, minLon - kRoadMarginDegrees)
        .bind(3, maxLat + kRoadMarginDegrees)
        .bind(4, minLat - kRoadMarginDegrees);
    std::vector<RoadLine> roads;
    while (st.step()) {
        const std::string id = std::to_string(st.int64(0));
        const int oneway = static_cast<int>(st.int64(1));
        for (auto& part : parseLineWkt(st.text(2).toStdString(), "roads fid " + id)) {
            RoadLine line;
            line.id = id;
            line.oneway = oneway;
            line.vertices = std::move(part);
            roads.push_back(std::move(line));
        }
    }
    return roads;
}

} // namespace

int gaussKrugerCmEpsg(double lon) {
    if (!std::isfinite(lon) || lon < kFirstCentralMeridian - 1.5 || lon > 135.0 + 1.5)
        refuse(QStringLiteral(
                   "route: longitude %1 lies outside the CGCS2000 Gauss–Krüger zones (73.5°E–136.5°E)")
                   .arg(lon));
    const int step = static_cast<int>(std::lround((lon - kFirstCentralMeridian) / 3.0));
    return std::min(kLastCmEpsg, std::max(kFirstCmEpsg, kFirstCmEpsg + step));
}

double gaussKrugerCentralMeridian(int epsg) {
    return kFirstCentralMeridian + 3.0 * (epsg - kFirstCmEpsg);
}

std::vector<RouteDistrict> listRouteDistricts(Archive& archive) {
    SqliteDatabase& db = archive.db();
    std::vector<RouteDistrict> districts;
    SqliteStatement st(db,
                       QStringLiteral("SELECT d.uuid, d.code, d.name, (SELECT count(*) FROM customers c "
                                      "WHERE c.district_uuid = d.uuid) FROM districts d ORDER BY d.code"));
    while (st.step()) {
        RouteDistrict d;
        const QString uuid = st.text(0);
        d.code = st.text(1);
        d.name = st.text(2);
        d.customers = static_cast<int>(st.int64(3));
        const OpenTask task = openTaskOf(db, uuid);
        d.hasOpenTask = !task.uuid.isEmpty();
        d.pending = countPending(db, uuid, task.uuid);
        districts.push_back(d);
    }
    return districts;
}

std::vector<RouteDistrict> listRouteDistricts(const QString& archivePath) {
    Archive archive = Archive::open(archivePath, Archive::Access::ReadOnly);
    return listRouteDistricts(archive);
}

ArchiveRouteResult planDistrictRoutes(Archive& archive, const QString& districtCode,
                                      const ArchiveRouteOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    SqliteDatabase& db = archive.db();
    ArchiveRouteResult result;
    result.districtCode = districtCode;
    result.archiveSrid = archive.info().srid;

    QString districtUuid;
    {
        SqliteStatement st(db, QStringLiteral("SELECT uuid, name FROM districts WHERE code = ?"));
        st.bind(1, districtCode);
        if (!st.step())
            refuse(QStringLiteral("route: %1 has no district with code \"%2\"")
                       .arg(archive.path(), districtCode));
        districtUuid = st.text(0);
        result.districtName = st.text(1);
    }
    const OpenTask task = openTaskOf(db, districtUuid);
    result.taskUuid = task.uuid;

    const std::vector<PendingCustomer> pending = pendingCustomers(db, districtUuid, task.uuid);
    result.pendingCustomers = static_cast<int>(pending.size());
    std::vector<const PendingCustomer*> located;
    for (const PendingCustomer& c : pending)
        if (c.located)
            located.push_back(&c);
    result.withoutLocation = result.pendingCustomers - static_cast<int>(located.size());
    if (pending.empty())
        refuse(task.uuid.isEmpty()
                   ? QStringLiteral("route: district %1 has no customers").arg(districtCode)
                   : QStringLiteral("route: district %1 has no pending customers (every customer of its open "
                                    "task has been visited)")
                         .arg(districtCode));
    if (located.empty())
        refuse(QStringLiteral("route: none of the %1 pending customers of district %2 has a location")
                   .arg(pending.size())
                   .arg(districtCode));

    // The zone follows the district, not the county: a county can straddle
    // two 3° zones, and a district's distances are truest in its own.
    double minLon = located.front()->lon, maxLon = minLon;
    double minLat = located.front()->lat, maxLat = minLat;
    double sumLon = 0.0;
    for (const PendingCustomer* c : located) {
        minLon = std::min(minLon, c->lon);
        maxLon = std::max(maxLon, c->lon);
        minLat = std::min(minLat, c->lat);
        maxLat = std::max(maxLat, c->lat);
        sumLon += c->lon;
    }
    result.projectedEpsg = gaussKrugerCmEpsg(sumLon / static_cast<double>(located.size()));
    result.centralMeridian = gaussKrugerCentralMeridian(result.projectedEpsg);
    const ZoneProjection projection(result.archiveSrid, result.projectedEpsg);

    const Depot depot = chooseDepot(db, options, districtUuid, task, *located.front());
    result.depotSource = depot.source;
    result.depotLon = depot.lon;
    result.depotLat = depot.lat;

    // Input index 0 is the depot, i + 1 is located[i].
    std::vector<Point> geographic;
    geographic.push_back({depot.lon, depot.lat});
    for (const PendingCustomer* c : located)
        geographic.push_back({c->lon, c->lat});
    std::vector<Point> metres = geographic;
    projection.project(metres);

    std::vector<RoadLine> roads;
    if (options.useRoads) {
        roads = roadsAround(db, std::min(minLon, depot.lon), std::min(minLat, depot.lat),
                            std::max(maxLon, depot.lon), std::max(maxLat, depot.lat));
        if (roads.empty())
            refuse(
                QStringLiteral("route: the archive has no roads around district %1; plan with straight lines")
                    .arg(districtCode));
        for (RoadLine& line : roads)
            projection.project(line.vertices);
    }

    result.plan = planRoutes(metres, DistanceMatrix::Metric::Euclidean, options.useRoads ? &roads : nullptr,
                             options.plan);
    if (options.plan.cancelled && options.plan.cancelled())
        throw RecheckError(QStringLiteral("route: planning district %1 was cancelled; nothing was written")
                               .arg(districtCode)
                               .toStdString());
    for (int input : result.plan.unreachable)
        if (input > 0)
            result.unreachableAccounts << located[static_cast<std::size_t>(input - 1)]->account;

    // Customers in visiting order (route 1 first) and the routes as drawn.
    std::vector<int> visitingOrder;
    const double tolerance = std::max(options.plan.colocatedToleranceMetres, 1e-9);
    for (std::size_t r = 0; r < result.plan.routes.size(); ++r) {
        const PlannedRoute& planned = result.plan.routes[r];
        ArchiveRoute route;
        route.number = static_cast<int>(r) + 1;
        route.customers = planned.customers;
        route.lengthMetres = planned.length;
        route.travelMinutes = planned.travelMinutes;
        route.serviceMinutes = planned.serviceMinutes;
        ArchiveRouteStop depotStop;
        depotStop.lon = depot.lon;
        depotStop.lat = depot.lat;
        depotStop.x = metres[0].x;
        depotStop.y = metres[0].y;
        route.stopSequence.push_back(depotStop);
        for (int input : planned.stops) {
            if (input == 0)
                continue;
            visitingOrder.push_back(input);
            const Point& p = metres[static_cast<std::size_t>(input)];
            const ArchiveRouteStop& last = route.stopSequence.back();
            if (route.stopSequence.size() == 1 || std::hypot(p.x - last.x, p.y - last.y) > tolerance) {
                ArchiveRouteStop stop;
                stop.order = static_cast<int>(route.stopSequence.size());
                stop.lon = geographic[static_cast<std::size_t>(input)].x;
                stop.lat = geographic[static_cast<std::size_t>(input)].y;
                stop.x = p.x;
                stop.y = p.y;
                route.stopSequence.push_back(stop);
            }
            route.stopSequence.back().accounts << located[static_cast<std::size_t>(input - 1)]->account;
        }
        route.stops = static_cast<int>(route.stopSequence.size()) - 1;
        for (const ArchiveRouteStop& stop : route.stopSequence)
            route.polyline.push_back({stop.lon, stop.lat});
        if (options.plan.closed)
            route.polyline.push_back({depot.lon, depot.lat});
        result.routes.push_back(std::move(route));
    }

    if (options.writeOrder && !task.uuid.isEmpty()) {
        // One transaction: an inspector never sees half a district renumbered.
        // Rows whose order does not change are left alone (no version bump,
        // nothing to sync); pending customers off the route lose their order.
        const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        const QString user = options.user.isEmpty() ? loginName() : options.user;
        SqliteTransaction transaction(db);
        SqliteStatement update(
            db, QStringLiteral("UPDATE task_scope SET route_order = ?, "
                               "row_version = row_version + 1, updated_at = ?, updated_by = ? "
                               "WHERE task_uuid = ? AND customer_uuid = ? AND route_order IS NOT ?"));
        auto write = [&](const QString& customerUuid, const QVariant& order) {
            update.bind(1, order)
                .bind(2, now)
                .bind(3, user)
                .bind(4, task.uuid)
                .bind(5, customerUuid)
                .bind(6, order);
            update.execute();
            result.ordersWritten += db.changes();
        };
        std::vector<bool> ordered(located.size() + 1, false);
        for (std::size_t k = 0; k < visitingOrder.size(); ++k) {
            const int input = visitingOrder[k];
            ordered[static_cast<std::size_t>(input)] = true;
            write(located[static_cast<std::size_t>(input - 1)]->uuid,
                  QVariant(static_cast<qlonglong>(k + 1)));
        }
        for (std::size_t i = 0; i < located.size(); ++i)
            if (!ordered[i + 1])
                write(located[i]->uuid, QVariant());
        for (const PendingCustomer& c : pending)
            if (!c.located)
                write(c.uuid, QVariant());
        transaction.commit();
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

ArchiveRouteResult planDistrictRoutes(const QString& archivePath, const QString& districtCode,
                                      const ArchiveRouteOptions& options) {
    Archive archive = Archive::open(archivePath, options.writeOrder ? Archive::Access::ReadWrite
                                                                    : Archive::Access::ReadOnly);
    return planDistrictRoutes(archive, districtCode, options);
}

} // namespace recheck::routing
