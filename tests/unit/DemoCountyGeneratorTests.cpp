#include "TestSupport.h"

#include "archive/Archive.h"
#include "archive/ArchiveSchema.h"
#include "archive/DemoCountyGenerator.h"

#include <catch2/catch.hpp>

#include <QCryptographicHash>
#include <QFile>
#include <QRegularExpression>

#include <map>
#include <numeric>

using namespace recheck;
using recheck::test::ScratchDir;
using recheck::test::sqlScalar;

namespace {

DemoCountyOptions smallCounty(quint64 seed = 7) {
    DemoCountyOptions options;
    options.customers = 2000;
    options.districts = 8;
    options.seed = seed;
    return options;
}

// One generated county shared by the read-only checks (generation is the
// slow part; the file is never modified by them).
struct SharedCounty {
    ScratchDir dir;
    QString path = dir.file(QStringLiteral("county.sqlite"));
    DemoCountySummary summary = DemoCountyGenerator(smallCounty()).generate(path);
};

const SharedCounty& sharedCounty() {
    static const SharedCounty county;
    return county;
}

long long count(const QString& path, const QString& sql) {
    return sqlScalar(path, sql).toLongLong();
}

// Every column of every row (geometry as WKT), in fid order, hashed.
QByteArray tableHash(SqliteDatabase& db, const QString& table, bool hasGeometry) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    SqliteStatement st(db, QStringLiteral("SELECT *%1 FROM %2 ORDER BY fid")
                               .arg(hasGeometry ? QStringLiteral(", AsText(geom)") : QString(), table));
    while (st.step())
        for (int c = 0; c < st.columnCount(); ++c) {
            hash.addData(st.isNull(c) ? QByteArray("\x01null") : st.blob(c));
            hash.addData("\x00", 1);
        }
    return hash.result();
}

std::map<QString, QByteArray> contentHashes(const QString& path) {
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
    std::map<QString, QByteArray> hashes;
    for (const char* table : {"customers", "districts", "feeders", "staff", "roads", "visits"})
        hashes[QString::fromLatin1(table)] = tableHash(db, QString::fromLatin1(table), true);
    for (const char* table : {"staff_districts", "plans", "tasks", "task_scope", "discrepancies"})
        hashes[QString::fromLatin1(table)] = tableHash(db, QString::fromLatin1(table), false);
    return hashes;
}

} // namespace

TEST_CASE("the demo county is the same for the same seed and differs for another", "[demo]") {
    ScratchDir dir;
    const QString again = dir.file(QStringLiteral("again.sqlite"));
    const QString other = dir.file(QStringLiteral("other.sqlite"));
    DemoCountyGenerator(smallCounty()).generate(again);
    DemoCountyGenerator(smallCounty(8)).generate(other);

    const auto first = contentHashes(sharedCounty().path);
    const auto second = contentHashes(again);
    const auto third = contentHashes(other);
    for (const auto& [table, hash] : first) {
        INFO(table.toStdString());
        CHECK(hash == second.at(table));
        if (table != QLatin1String("plans")) // plan rows differ only in their uuid...
            CHECK(hash != third.at(table));
    }
    CHECK(first.at(QStringLiteral("plans")) !=
          third.at(QStringLiteral("plans"))); // ...which comes from the seed
}

TEST_CASE("the demo county has the requested size and every customer a district and a feeder", "[demo]") {
    const SharedCounty& county = sharedCounty();
    const QString& path = county.path;
    const DemoCountyOptions options = smallCounty();
    CHECK(county.summary.path == path);
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM customers")) == options.customers);
    CHECK(county.summary.customers == options.customers);
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM districts")) == options.districts);
    CHECK(county.summary.districts == options.districts);
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM feeders")) == county.summary.feeders);
    CHECK(county.summary.feeders >= 1);
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM staff")) == county.summary.staff);
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM tasks")) == county.summary.tasks);
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM visits")) == county.summary.visits);
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM roads")) == county.summary.roads);

    CHECK(count(path, QStringLiteral("SELECT count(*) FROM customers c LEFT JOIN districts d ON d.uuid = "
                                     "c.district_uuid WHERE d.fid IS NULL")) == 0);
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM customers c LEFT JOIN feeders f ON f.uuid = "
                                     "c.feeder_uuid WHERE f.fid IS NULL")) == 0);
    // A customer hangs on its district's feeder.
    CHECK(count(path, QStringLiteral(
                          "SELECT count(*) FROM customers c JOIN districts d ON d.uuid = c.district_uuid "
                          "WHERE c.feeder_uuid IS NOT d.feeder_uuid")) == 0);
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM districts d WHERE NOT EXISTS "
                                     "(SELECT 1 FROM customers c WHERE c.district_uuid = d.uuid)")) == 0);
    CHECK(count(path, QStringLiteral("PRAGMA foreign_key_check")) == 0);
}

TEST_CASE("demo customers lie inside their district, share buildings and have plausible records", "[demo]") {
    const SharedCounty& county = sharedCounty();
    const QString& path = county.path;
    const long long customers = smallCounty().customers;

    CHECK(count(path, QStringLiteral(
                          "SELECT count(*) FROM customers c JOIN districts d ON d.uuid = c.district_uuid "
                          "WHERE NOT ST_Within(c.geom, d.geom)")) == 0);
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM districts WHERE NOT ST_IsValid(geom)")) == 0);

    // Co-located meters: yards with a few households, apartment buildings.
    const QString shared = QStringLiteral("SELECT count(*) FROM (SELECT count(*) AS n FROM customers "
                                          "GROUP BY X(geom), Y(geom)) WHERE n >= %1");
    CHECK(count(path, shared.arg(2)) == county.summary.sharedLocations);
    CHECK(county.summary.sharedLocations > 0);
    CHECK(count(path, shared.arg(6)) > 0);

    CHECK(count(path, QStringLiteral("SELECT count(DISTINCT account_no) FROM customers")) == customers);
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM customers WHERE account_no NOT GLOB "
                                     "'01[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'")) == 0);
    CHECK(count(path,
                QStringLiteral("SELECT count(*) FROM customers WHERE usage_category NOT IN "
                               "(SELECT code FROM code_lists WHERE list = 'usage_category') OR voltage_level "
                               "NOT IN (SELECT code FROM code_lists WHERE list = 'voltage_level')")) == 0);
    // Voltage follows the usage category except for a small planted share.
    const long long inconsistent =
        count(path, QStringLiteral(
                        "SELECT count(*) FROM customers WHERE NOT ("
                        "(usage_category = 'RES' AND voltage_level = 'AC220V') OR "
                        "(usage_category IN ('COM', 'PUB') AND voltage_level IN ('AC220V', 'AC380V')) OR "
                        "(usage_category = 'IND' AND voltage_level IN ('AC10KV', 'AC35KV')) OR "
                        "(usage_category = 'AGR' AND voltage_level = 'AC380V'))"));
    CHECK(inconsistent > 0);
    CHECK(inconsistent < customers / 20);
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM customers WHERE usage_category = 'RES'")) >
          customers * 8 / 10);

    // District sizes within what a transformer serves, and not all alike.
    const QString sizes = QStringLiteral("SELECT %1(n) FROM (SELECT count(*) AS n FROM customers GROUP BY "
                                         "district_uuid)");
    const long long smallest = count(path, sizes.arg(QStringLiteral("min")));
    const long long largest = count(path, sizes.arg(QStringLiteral("max")));
    CHECK(smallest >= 1);
    CHECK(largest <= 3000);
    CHECK(largest > smallest * 3 / 2);

    // Houses stand by a street (a sample: geodesic distances are slow).
    const double farthest =
        sqlScalar(path, QStringLiteral("SELECT max((SELECT min(ST_Distance(c.geom, r.geom, 1)) "
                                       "FROM roads r)) FROM customers c WHERE c.fid % 25 = 0"))
            .toDouble();
    CHECK(farthest > 0);
    CHECK(farthest < 30);
}

TEST_CASE("the demo road network is connected through shared vertices", "[demo]") {
    const QString& path = sharedCounty().path;
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
    SqliteStatement roads(db, QStringLiteral("SELECT AsText(geom) FROM roads"));
    std::map<QString, int> vertexIds;
    std::vector<int> parent;
    auto find = [&](int v) {
        while (parent[static_cast<std::size_t>(v)] != v)
            v = parent[static_cast<std::size_t>(v)] =
                parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(v)])];
        return v;
    };
    const QRegularExpression vertex(QStringLiteral("(-?[0-9.]+ -?[0-9.]+)"));
    while (roads.step()) {
        int previous = -1;
        auto matches = vertex.globalMatch(roads.text(0));
        while (matches.hasNext()) {
            const QString key = matches.next().captured(1);
            auto [it, added] = vertexIds.emplace(key, static_cast<int>(parent.size()));
            if (added)
                parent.push_back(it->second);
            if (previous >= 0)
                parent[static_cast<std::size_t>(find(it->second))] = find(previous);
            previous = it->second;
        }
    }
    REQUIRE(parent.size() > 10);
    int components = 0;
    for (std::size_t v = 0; v < parent.size(); ++v)
        components += find(static_cast<int>(v)) == static_cast<int>(v) ? 1 : 0;
    CHECK(components == 1);
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM roads WHERE oneway <> 0")) >= 0);
    CHECK(count(path, QStringLiteral("SELECT count(DISTINCT road_class) FROM roads")) >= 2);
}

TEST_CASE("demo plans, tasks and visits hang together", "[demo]") {
    const QString& path = sharedCounty().path;
    CHECK(count(path, QStringLiteral("SELECT count(DISTINCT kind) FROM plans")) == 3);
    // Each task's scope is exactly its district's customers.
    CHECK(count(path, QStringLiteral(
                          "SELECT count(*) FROM tasks t WHERE "
                          "(SELECT count(*) FROM task_scope s WHERE s.task_uuid = t.uuid) <> "
                          "(SELECT count(*) FROM customers c WHERE c.district_uuid = t.district_uuid)")) ==
          0);
    // The assignee is the inspector responsible for the district.
    CHECK(count(path,
                QStringLiteral("SELECT count(*) FROM tasks t WHERE NOT EXISTS (SELECT 1 FROM staff_districts "
                               "sd WHERE sd.staff_uuid = t.assignee_uuid AND sd.district_uuid = "
                               "t.district_uuid AND sd.role = 'responsible')")) == 0);
    CHECK(count(path, QStringLiteral(
                          "SELECT count(*) FROM staff s WHERE role = 'inspector' AND supervisor_uuid NOT "
                          "IN (SELECT uuid FROM staff WHERE role = 'supervisor')")) == 0);
    for (const char* status : {"done", "in_progress", "issued"}) {
        INFO(status);
        CHECK(count(path, QStringLiteral("SELECT count(*) FROM tasks WHERE status = '%1'")
                              .arg(QString::fromLatin1(status))) > 0);
    }
    CHECK(count(path,
                QStringLiteral("SELECT count(*) FROM tasks WHERE planned_end < '2026-11-02' AND status <> "
                               "'done'")) > 0);

    CHECK(count(path, QStringLiteral("SELECT count(*) FROM visits")) > 0);
    CHECK(count(path, QStringLiteral(
                          "SELECT count(*) FROM visits v WHERE NOT EXISTS (SELECT 1 FROM task_scope s "
                          "WHERE s.task_uuid = v.task_uuid AND s.customer_uuid = v.customer_uuid)")) == 0);
    CHECK(count(path, QStringLiteral(
                          "SELECT count(*) FROM visits v JOIN tasks t ON t.uuid = v.task_uuid WHERE "
                          "t.status NOT IN ('done', 'in_progress') OR v.staff_uuid IS NOT "
                          "t.assignee_uuid OR date(v.visited_at) < date(t.actual_start, '-1 day')")) == 0);
    // distance_m is the distance between the fix and the customer's point.
    CHECK(count(path,
                QStringLiteral("SELECT count(*) FROM visits v JOIN customers c ON c.uuid = v.customer_uuid "
                               "WHERE abs(v.distance_m - ST_Distance(SetSRID(v.geom, 4490), c.geom, 1)) > "
                               "0.2 + 0.01 * v.distance_m")) == 0);
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM visits WHERE distance_m > 60")) > 0);
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM visits WHERE distance_m < 20")) >
          count(path, QStringLiteral("SELECT count(*) FROM visits")) * 9 / 10);

    // Discrepancies belong to discrepancy visits, and each such visit has one.
    CHECK(count(path, QStringLiteral(
                          "SELECT count(*) FROM discrepancies d JOIN visits v ON v.uuid = d.visit_uuid "
                          "WHERE v.result <> 'discrepancy' OR v.customer_uuid <> d.customer_uuid")) == 0);
    CHECK(count(path,
                QStringLiteral("SELECT count(*) FROM visits v WHERE v.result = 'discrepancy' AND NOT EXISTS "
                               "(SELECT 1 FROM discrepancies d WHERE d.visit_uuid = v.uuid)")) == 0);
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM discrepancies")) > 0);
    CHECK(count(path, QStringLiteral(
                          "SELECT count(*) FROM discrepancies d JOIN customers c ON c.uuid = "
                          "d.customer_uuid WHERE d.field = 'phone' AND d.archive_value IS NOT c.phone")) ==
          0);
}

TEST_CASE("a demo archive opens as a master with an empty change log and no leftovers", "[demo]") {
    const SharedCounty& county = sharedCounty();
    const QString& path = county.path;
    {
        Archive archive = Archive::open(path, Archive::Access::ReadOnly);
        CHECK(archive.info().role == ArchiveInfo::Role::Master);
        CHECK(archive.info().srid == 4490);
        CHECK(archive.info().name == smallCounty().countyName);
    }
    CHECK_FALSE(QFile::exists(path + QStringLiteral(".partial")));
    CHECK(count(path, QStringLiteral("SELECT count(*) FROM change_log")) == 0);
    CHECK(sqlScalar(path, QStringLiteral("PRAGMA integrity_check")) == QStringLiteral("ok"));

    // The spatial indexes are complete, well-formed and answer queries like
    // the tables themselves; SpatiaLite's geometry triggers are back.
    for (const char* table : {"customers", "districts", "feeders", "staff", "visits", "roads"}) {
        const QString name = QString::fromLatin1(table);
        INFO(table);
        CHECK(sqlScalar(path, QStringLiteral("SELECT rtreecheck('idx_%1_geom')").arg(name)) ==
              QStringLiteral("ok"));
        CHECK(count(path, QStringLiteral("SELECT count(*) FROM idx_%1_geom").arg(name)) ==
              count(path, QStringLiteral("SELECT count(*) FROM %1").arg(name)));
        CHECK(count(path,
                    QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN "
                                   "('ggi_%1_geom', 'gii_%1_geom', 'tmi_%1_geom')")
                        .arg(name)) == 3);
        CHECK(count(path,
                    QStringLiteral("SELECT count(*) FROM %1 WHERE SRID(geom) <> (SELECT srid FROM "
                                   "geometry_columns WHERE f_table_name = '%1') OR GeometryType(geom) <> "
                                   "(SELECT CASE geometry_type WHEN 1 THEN 'POINT' WHEN 5 THEN "
                                   "'MULTILINESTRING' WHEN 6 THEN 'MULTIPOLYGON' END FROM geometry_columns "
                                   "WHERE f_table_name = '%1')")
                        .arg(name)) == 0);
    }
    const QString frame = QStringLiteral("(SELECT BuildMbr(MbrMinX(geom), MbrMinY(geom), MbrMaxX(geom), "
                                         "MbrMaxY(geom)) FROM districts WHERE fid = 1)");
    const long long indexed =
        count(path, QStringLiteral("SELECT count(*) FROM customers WHERE fid IN (SELECT "
                                   "rowid FROM SpatialIndex WHERE f_table_name = 'customers' "
                                   "AND search_frame = %1)")
                        .arg(frame));
    CHECK(indexed > 0);
    CHECK(indexed ==
          count(path,
                QStringLiteral("SELECT count(*) FROM customers WHERE MbrIntersects(geom, %1)").arg(frame)));
    for (const SyncedTable& table : ArchiveSchema::syncedTables()) {
        INFO(table.name.toStdString());
        CHECK(count(path, QStringLiteral("SELECT count(*) FROM %1").arg(table.name)) > 0);
        CHECK(count(path,
                    QStringLiteral("SELECT count(*) FROM %1 WHERE updated_by <> 'demo' OR length(uuid) <> 36 "
                                   "OR substr(uuid, 15, 1) <> '4' OR uuid <> lower(uuid)")
                        .arg(table.name)) == 0);
        // Change capture is back for the edits that follow.
        for (const QString& trigger : ArchiveSchema::changeCaptureTriggerNames(table))
            CHECK(count(path,
                        QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = "
                                       "'%1'")
                            .arg(trigger)) == 1);
    }
}

TEST_CASE("cancelling the demo generator leaves nothing behind", "[demo]") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("cancelled.sqlite"));
    int calls = 0;
    double lastFraction = -1;
    bool monotonic = true;
    const DemoCountySummary summary = DemoCountyGenerator(smallCounty()).generate(path, [&](double fraction) {
        monotonic = monotonic && fraction >= lastFraction;
        lastFraction = fraction;
        return ++calls < 3;
    });
    CHECK(calls == 3);
    CHECK(monotonic);
    CHECK(summary.path.isEmpty());
    CHECK_FALSE(QFile::exists(path));
    CHECK_FALSE(QFile::exists(path + QStringLiteral(".partial")));

    // Not cancelled: progress runs from 0 to 1.
    double final = 0;
    DemoCountyGenerator(smallCounty()).generate(path, [&](double fraction) {
        final = fraction;
        return true;
    });
    CHECK(final == 1.0);
    CHECK(QFile::exists(path));
}

TEST_CASE("the demo generator refuses to overwrite and rejects impossible options", "[demo]") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("taken.sqlite"));
    {
        QFile file(path);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write("not an archive");
    }
    const QString before = recheck::test::fileSha256(path);
    CHECK_THROWS_AS(DemoCountyGenerator(smallCounty()).generate(path), RecheckError);
    CHECK(recheck::test::fileSha256(path) == before);

    DemoCountyOptions tooManyDistricts = smallCounty();
    tooManyDistricts.districts = tooManyDistricts.customers + 1;
    const QString other = dir.file(QStringLiteral("other.sqlite"));
    CHECK_THROWS_AS(DemoCountyGenerator(tooManyDistricts).generate(other), RecheckError);
    CHECK_FALSE(QFile::exists(other));
    CHECK_FALSE(QFile::exists(other + QStringLiteral(".partial")));
}

TEST_CASE("demo county benchmark", "[.bench][demo-bench]") {
    const QByteArray sizeText = qgetenv("RECHECK_DEMO_CUSTOMERS");
    DemoCountyOptions options;
    options.customers = sizeText.isEmpty() ? 1000000 : sizeText.toInt();
    options.districts = std::max(1, options.customers / 500);
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("bench.sqlite"));
    const DemoCountySummary summary = DemoCountyGenerator(options).generate(path);
    WARN("customers " << summary.customers << ", districts " << summary.districts << ", visits "
                      << summary.visits << ", roads " << summary.roads << ": " << summary.seconds << " s, "
                      << summary.customers / summary.seconds << " customers/s, " << QFile(path).size() / 1e6
                      << " MB");
    CHECK(summary.customers == options.customers);
}
