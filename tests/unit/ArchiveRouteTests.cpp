// Route planning on an archive: the order written into task_scope, the zone
// and the lengths, checked against plain SQL and plain arithmetic.

#include "TestSupport.h"

#include "archive/Archive.h"
#include "archive/DemoCountyGenerator.h"
#include "common/RecheckError.h"
#include "routing/ArchiveRoutePlanner.h"

#include <catch2/catch.hpp>

#include <QFile>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace recheck;
using namespace recheck::routing;
using recheck::test::ScratchDir;
using recheck::test::sqlScalar;

namespace {

// One generated county (the slow part), copied for each test that writes.
struct SharedCounty {
    ScratchDir dir;
    QString path = dir.file(QStringLiteral("county.sqlite"));
    DemoCountySummary summary = [this] {
        DemoCountyOptions options;
        options.customers = 3000;
        options.districts = 8;
        options.seed = 11;
        return DemoCountyGenerator(options).generate(path);
    }();
};

const SharedCounty& sharedCounty() {
    static const SharedCounty county;
    return county;
}

QString copyOfCounty(const ScratchDir& dir) {
    const QString copy = dir.file(QStringLiteral("routes.sqlite"));
    REQUIRE(QFile::copy(sharedCounty().path, copy));
    return copy;
}

long long count(const QString& path, const QString& sql) {
    return sqlScalar(path, sql).toLongLong();
}

ArchiveRouteOptions quickOptions() {
    ArchiveRouteOptions options;
    options.plan.timeLimitSeconds = 0.3;
    options.user = QStringLiteral("route-test");
    return options;
}

/// The district with an open task that has visits already (so "pending"
/// differs from "scope"), the largest such.
RouteDistrict districtWithProgress(const QString& path) {
    const std::vector<RouteDistrict> districts = listRouteDistricts(path);
    REQUIRE(districts.size() >= 8);
    const RouteDistrict* best = nullptr;
    for (const RouteDistrict& d : districts)
        if (d.hasOpenTask && d.pending > 1 && d.pending < d.customers && (!best || d.pending > best->pending))
            best = &d;
    if (!best)
        for (const RouteDistrict& d : districts)
            if (d.hasOpenTask && d.pending > 1 && (!best || d.pending > best->pending))
                best = &d;
    REQUIRE(best != nullptr);
    return *best;
}

struct ScopeRow {
    QString customer;
    bool visited = false;
    long long order = -1; ///< -1: NULL
    long long rowVersion = 0;
    QString updatedBy;
    QString location;
};

std::map<QString, ScopeRow> scopeOf(const QString& path, const QString& taskUuid) {
    Archive archive = Archive::open(path, Archive::Access::ReadOnly);
    SqliteStatement st(
        archive.db(),
        QStringLiteral("SELECT s.customer_uuid, EXISTS (SELECT 1 FROM visits v WHERE v.task_uuid = "
                       "s.task_uuid AND v.customer_uuid = s.customer_uuid), s.route_order, "
                       "s.row_version, s.updated_by, AsText(c.geom) FROM task_scope s "
                       "JOIN customers c ON c.uuid = s.customer_uuid WHERE s.task_uuid = ?"));
    st.bind(1, taskUuid);
    std::map<QString, ScopeRow> rows;
    while (st.step()) {
        ScopeRow row;
        row.customer = st.text(0);
        row.visited = st.int64(1) != 0;
        row.order = st.isNull(2) ? -1 : st.int64(2);
        row.rowVersion = st.int64(3);
        row.updatedBy = st.text(4);
        row.location = st.text(5);
        rows[row.customer] = row;
    }
    return rows;
}

double haversineMetres(double lon1, double lat1, double lon2, double lat2) {
    constexpr double kRadius = 6371000.0;
    constexpr double kRad = 3.14159265358979323846 / 180.0;
    const double dLat = (lat2 - lat1) * kRad, dLon = (lon2 - lon1) * kRad;
    const double a = std::sin(dLat / 2) * std::sin(dLat / 2) +
                     std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2.0 * kRadius * std::asin(std::sqrt(a));
}

} // namespace

TEST_CASE("the Gauss–Krüger CM zone is the one whose meridian is nearest", "[route-archive]") {
    CHECK(gaussKrugerCmEpsg(75.0) == 4534);
    CHECK(gaussKrugerCmEpsg(113.65) == 4547); // CM 114°E
    CHECK(gaussKrugerCentralMeridian(4547) == 114.0);
    CHECK(gaussKrugerCmEpsg(115.4) == 4547);
    CHECK(gaussKrugerCmEpsg(115.6) == 4548); // nearer 117°E
    CHECK(gaussKrugerCmEpsg(135.0) == 4554);
    CHECK_THROWS_AS(gaussKrugerCmEpsg(10.0), RecheckError);
    CHECK_THROWS_AS(gaussKrugerCmEpsg(std::nan("")), RecheckError);
}

TEST_CASE("the route order covers exactly the pending customers, once each", "[route-archive]") {
    ScratchDir dir;
    const QString path = copyOfCounty(dir);
    const RouteDistrict district = districtWithProgress(path);
    const long long changesBefore =
        count(path, QStringLiteral("SELECT count(*) FROM change_log WHERE table_name = 'task_scope'"));

    const int vehicles = GENERATE(1, 2);
    ArchiveRouteOptions options = quickOptions();
    options.plan.vehicles = vehicles;
    // An iteration budget instead of a clock: the same plan on every run.
    options.plan.timeLimitSeconds = 0.0;
    options.plan.iterationLimit = 200;
    const ArchiveRouteResult result = planDistrictRoutes(path, district.code, options);
    REQUIRE_FALSE(result.taskUuid.isEmpty());
    CHECK(result.pendingCustomers == district.pending);
    CHECK(static_cast<int>(result.routes.size()) == std::min(vehicles, district.pending));

    const std::map<QString, ScopeRow> scope = scopeOf(path, result.taskUuid);
    std::set<long long> orders;
    int pending = 0;
    for (const auto& [customer, row] : scope) {
        if (row.visited) {
            CHECK(row.order == -1);
            continue;
        }
        ++pending;
        REQUIRE(row.order >= 1);
        orders.insert(row.order);
        CHECK(row.rowVersion == 2); // generated at 1, bumped once by the planner
        CHECK(row.updatedBy == QStringLiteral("route-test"));
    }
    CHECK(pending == district.pending);
    REQUIRE(static_cast<int>(orders.size()) == pending); // no order twice
    CHECK(*orders.begin() == 1);
    CHECK(*orders.rbegin() == pending); // 1..n without gaps
    CHECK(result.ordersWritten == pending);

    int routedCustomers = 0;
    for (const ArchiveRoute& route : result.routes)
        routedCustomers += route.customers;
    CHECK(routedCustomers == pending);

    // Every write logged, stamped with the user.
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM change_log WHERE table_name = 'task_scope'")) ==
          changesBefore + pending);
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM change_log WHERE table_name = 'task_scope' AND "
                                     "op = 'update' AND changed_by = 'route-test' AND row_version = 2")) ==
          pending);

    // Planning again with the same seed changes nothing: no new versions.
    const ArchiveRouteResult again = planDistrictRoutes(path, district.code, options);
    CHECK(again.ordersWritten == 0);
}

TEST_CASE("customers sharing a coordinate get consecutive orders", "[route-archive]") {
    ScratchDir dir;
    const QString path = copyOfCounty(dir);
    REQUIRE(sharedCounty().summary.sharedLocations > 0);
    int groupsChecked = 0;
    for (const RouteDistrict& district : listRouteDistricts(path)) {
        if (!district.hasOpenTask || district.pending < 2)
            continue;
        const ArchiveRouteResult result = planDistrictRoutes(path, district.code, quickOptions());
        std::map<QString, std::vector<long long>> byLocation;
        for (const auto& [customer, row] : scopeOf(path, result.taskUuid))
            if (!row.visited)
                byLocation[row.location].push_back(row.order);
        for (auto& [location, orders] : byLocation) {
            if (orders.size() < 2)
                continue;
            std::sort(orders.begin(), orders.end());
            CHECK(orders.back() - orders.front() + 1 == static_cast<long long>(orders.size()));
            ++groupsChecked;
        }
        // And the stop count is the number of distinct locations.
        int stops = 0;
        for (const ArchiveRoute& route : result.routes)
            stops += route.stops;
        CHECK(stops == static_cast<int>(byLocation.size()));
    }
    CHECK(groupsChecked > 0);
}

TEST_CASE("the zone follows the district and lengths match the projected points", "[route-archive]") {
    const QString path = sharedCounty().path;
    ArchiveRouteOptions options = quickOptions();
    options.writeOrder = false; // the shared county stays untouched
    const bool closed = GENERATE(true, false);
    options.plan.closed = closed;
    const RouteDistrict district = districtWithProgress(path);
    const ArchiveRouteResult result = planDistrictRoutes(path, district.code, options);

    // The demo county lies around 113.65°E: CM 114°E.
    CHECK(result.projectedEpsg == 4547);
    CHECK(result.centralMeridian == 114.0);
    CHECK_FALSE(result.depotSource.isEmpty());

    for (const ArchiveRoute& route : result.routes) {
        REQUIRE(route.stopSequence.size() >= 2);
        double recomputed = 0.0;
        for (std::size_t i = 1; i < route.stopSequence.size(); ++i)
            recomputed += std::hypot(route.stopSequence[i].x - route.stopSequence[i - 1].x,
                                     route.stopSequence[i].y - route.stopSequence[i - 1].y);
        if (closed)
            recomputed += std::hypot(route.stopSequence.back().x - route.stopSequence.front().x,
                                     route.stopSequence.back().y - route.stopSequence.front().y);
        CHECK(route.lengthMetres == Approx(recomputed).epsilon(1e-9).margin(0.05));
        CHECK(route.polyline.size() == route.stopSequence.size() + (closed ? 1 : 0));

        // The projection is metres: a step between two stops agrees with the
        // great-circle distance (GK scale error near the CM is < 0.1 %).
        for (std::size_t i = 1; i < route.stopSequence.size(); ++i) {
            const ArchiveRouteStop& a = route.stopSequence[i - 1];
            const ArchiveRouteStop& b = route.stopSequence[i];
            const double planar = std::hypot(b.x - a.x, b.y - a.y);
            if (planar > 50.0)
                CHECK(planar == Approx(haversineMetres(a.lon, a.lat, b.lon, b.lat)).epsilon(0.003));
        }
        CHECK(route.minutes() == Approx(route.lengthMetres / (options.plan.speedKmh * 1000.0 / 60.0) +
                                        route.customers * options.plan.serviceMinutesPerCustomer));
    }
    // Nothing written in a dry run.
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM task_scope WHERE route_order IS NOT NULL")) == 0);
}

TEST_CASE("road distances: every pending customer routed or reported", "[route-archive]") {
    ScratchDir dir;
    const QString path = copyOfCounty(dir);
    const RouteDistrict district = districtWithProgress(path);
    ArchiveRouteOptions options = quickOptions();
    options.useRoads = true;
    const ArchiveRouteResult result = planDistrictRoutes(path, district.code, options);
    int routed = 0;
    for (const ArchiveRoute& route : result.routes)
        routed += route.customers;
    CHECK(routed + result.unreachableAccounts.size() == district.pending);
    CHECK(count(path,
                QStringLiteral("SELECT count(*) FROM task_scope WHERE task_uuid = '%1' AND route_order IS "
                               "NOT NULL")
                    .arg(result.taskUuid)) == routed);
    // Along roads is never shorter than straight.
    ArchiveRouteOptions straight = quickOptions();
    straight.writeOrder = false;
    const ArchiveRouteResult direct = planDistrictRoutes(path, district.code, straight);
    if (result.unreachableAccounts.isEmpty())
        CHECK(result.plan.totalLength >= direct.plan.totalLength * 0.999);
}

TEST_CASE("an empty district, a visited-out task and an unknown code are refused", "[route-archive]") {
    ScratchDir dir;
    const QString path = copyOfCounty(dir);
    {
        Archive archive = Archive::open(path);
        archive.db().exec(QStringLiteral("INSERT INTO districts (code, name) VALUES ('EMPTY-1', 'empty')"));
    }
    CHECK_THROWS_WITH(planDistrictRoutes(path, QStringLiteral("EMPTY-1"), quickOptions()),
                      Catch::Contains("has no customers"));
    CHECK_THROWS_WITH(planDistrictRoutes(path, QStringLiteral("NO-SUCH"), quickOptions()),
                      Catch::Contains("no district with code"));

    const RouteDistrict district = districtWithProgress(path);
    const ArchiveRouteResult planned = planDistrictRoutes(path, district.code, quickOptions());
    {
        Archive archive = Archive::open(path);
        SqliteStatement visitAll(
            archive.db(), QStringLiteral("INSERT INTO visits (task_uuid, customer_uuid, visited_at, result) "
                                         "SELECT s.task_uuid, s.customer_uuid, '2026-11-02T09:00:00Z', 'ok' "
                                         "FROM task_scope s WHERE s.task_uuid = ? AND NOT EXISTS (SELECT 1 "
                                         "FROM visits v WHERE v.task_uuid = s.task_uuid AND "
                                         "v.customer_uuid = s.customer_uuid)"));
        visitAll.bind(1, planned.taskUuid).execute();
    }
    CHECK_THROWS_WITH(planDistrictRoutes(path, district.code, quickOptions()),
                      Catch::Contains("no pending customers"));
}

TEST_CASE("a cancelled run writes nothing", "[route-archive]") {
    ScratchDir dir;
    const QString path = copyOfCounty(dir);
    const RouteDistrict district = districtWithProgress(path);
    ArchiveRouteOptions options = quickOptions();
    options.plan.cancelled = [] { return true; };
    CHECK_THROWS_WITH(planDistrictRoutes(path, district.code, options), Catch::Contains("cancelled"));
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM task_scope WHERE route_order IS NOT NULL")) == 0);
}
