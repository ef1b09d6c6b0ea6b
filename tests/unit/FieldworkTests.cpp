// Field work on the laptop (core/fieldwork): the inspector's tasks, the route
// order, the next stop measured from a position, recording visits with their
// GPS proof and discrepancies, and the discrepancy rules read from the
// archive. Distances and bearings are compared with a hand computation on
// the WGS 84 local plane (FieldworkFixture.h), never with our own code.

#include "FieldworkFixture.h"

#include "common/RecheckError.h"
#include "fieldwork/DiscrepancyRules.h"
#include "fieldwork/FieldGeodesy.h"
#include "fieldwork/FieldTasks.h"
#include "fieldwork/VisitRecorder.h"

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QSet>

#include <algorithm>
#include <cmath>

using namespace recheck;
using namespace recheck::fieldwork;
using recheck::test::FieldworkArchive;

namespace {

QStringList accounts(const std::vector<StopCustomer>& customers) {
    QStringList out;
    for (const StopCustomer& c : customers)
        out << c.accountNo;
    return out;
}

QSet<QString> ruleCodes(const std::vector<RuleFinding>& findings) {
    QSet<QString> out;
    for (const RuleFinding& f : findings)
        out.insert(f.ruleCode);
    return out;
}

GpsFix fixAt(double lon, double lat, double accuracy = 4.0) {
    GpsFix fix;
    fix.valid = true;
    fix.lon = lon;
    fix.lat = lat;
    fix.accuracyMetres = accuracy;
    fix.satellites = 9;
    fix.time = QDateTime(QDate(2026, 11, 29), QTime(9, 30, 0), Qt::UTC);
    return fix;
}

} // namespace

TEST_CASE("geodesic distance and bearing match the hand computation", "[fieldwork]") {
    const double lon0 = FieldworkArchive::kOriginLon, lat0 = FieldworkArchive::kOriginLat;
    GeodesicMeter meter(4490);
    struct Case {
        double lon, lat, bearing;
    };
    // Due north, due east, due south-west, and a diagonal.
    for (const Case& c : {Case{116.0, 39.901, 0.0}, Case{116.001, 39.9, 90.0}, Case{115.9995, 39.8995, -1},
                          Case{116.0003, 39.9004, -1}}) {
        const GeodesicLeg leg = meter.measure(lon0, lat0, c.lon, c.lat);
        const double distance = FieldworkArchive::handDistance(lon0, lat0, c.lon, c.lat);
        const double bearing = FieldworkArchive::handBearing(lon0, lat0, c.lon, c.lat);
        CAPTURE(c.lon, c.lat, leg.metres, distance, leg.bearingDegrees, bearing);
        CHECK(std::abs(leg.metres - distance) < 0.001);
        CHECK(std::abs(leg.bearingDegrees - bearing) < 0.001);
        if (c.bearing >= 0)
            CHECK(std::abs(leg.bearingDegrees - c.bearing) < 0.001);
    }
    // 0.001° of latitude at 39.9°N: 111.04 m (a degree of latitude is ~111 km).
    CHECK(meter.measure(lon0, lat0, 116.0, 39.901).metres == Approx(111.04).margin(0.01));
    CHECK(meter.measure(lon0, lat0, lon0, lat0).metres == Approx(0.0).margin(1e-6));
    CHECK(QString::fromLatin1(compassPoint(0.0)) == QLatin1String("N"));
    CHECK(QString::fromLatin1(compassPoint(225.0)) == QLatin1String("SW"));
    CHECK(QString::fromLatin1(compassPoint(359.0)) == QLatin1String("N"));
    CHECK_THROWS_AS(meter.measure(200.0, lat0, 116.0, 39.9), RecheckError);
}

TEST_CASE("my tasks: the package's inspector, open tasks only, with done counts", "[fieldwork]") {
    FieldworkArchive a;
    FieldTasks tasks(a.archive.db());
    CHECK(tasks.packageAssigneeCode().isEmpty()); // a master, not a package
    REQUIRE(tasks.staff().size() == 2);

    const std::vector<FieldTask> mine = tasks.openTasks(QStringLiteral("S1"));
    REQUIRE(mine.size() == 1); // T3 is cancelled
    CHECK(mine[0].task.uuid == FieldworkArchive::task(1));
    CHECK(mine[0].task.scopeSize == 5);
    CHECK(mine[0].done == 0);
    CHECK(mine[0].pending() == 5);
    CHECK(tasks.openTasks(QString()).size() == 2);
    CHECK_THROWS_AS(tasks.openTasks(QStringLiteral("NOBODY")), RecheckError);

    a.exec(QStringLiteral("INSERT INTO package_meta VALUES ('assignee', 'S2')"));
    CHECK(tasks.packageAssigneeCode() == QLatin1String("S2"));
}

TEST_CASE("the task's customers come in route order — the next stop is measured from the position",
          "[fieldwork]") {
    FieldworkArchive a;
    FieldTasks tasks(a.archive.db());
    std::vector<StopCustomer> customers = tasks.customers(FieldworkArchive::task(1));
    CHECK(accounts(customers) == QStringList({"A0002", "A0001", "A0003", "A0004", "A0005"}));
    CHECK(customers[3].routeOrder == 0);
    CHECK_FALSE(customers[3].located);

    GeodesicMeter meter(tasks.archiveSrid());
    const std::pair<double, double> here{FieldworkArchive::kOriginLon, FieldworkArchive::kOriginLat};
    NextStop next = nextStop(customers, meter, here);
    REQUIRE(next.index == 0);
    REQUIRE(next.leg);
    CHECK(std::abs(next.leg->metres -
                   FieldworkArchive::handDistance(here.first, here.second, 116.0, 39.901)) < 0.001);
    CHECK(next.leg->bearingDegrees == Approx(0.0).margin(0.001));
    CHECK_FALSE(nextStop(customers, meter, std::nullopt).leg);

    // Visit the first two: the next stop is A0003, due east.
    VisitRecorder recorder(a.archive.db(), QStringLiteral("S1"));
    for (int c : {2, 1}) {
        VisitInput input;
        input.taskUuid = FieldworkArchive::task(1);
        input.customerUuid = FieldworkArchive::customer(c);
        input.fix = fixAt(116.0, 39.9);
        recorder.record(input);
    }
    customers = tasks.customers(FieldworkArchive::task(1));
    const StopCounts counts = countStops(customers);
    CHECK(counts.done == 2);
    CHECK(counts.pending == 3);
    next = nextStop(customers, meter, here);
    REQUIRE(next.index == 2);
    CHECK(customers[2].accountNo == QLatin1String("A0003"));
    CHECK(std::abs(next.leg->metres -
                   FieldworkArchive::handDistance(here.first, here.second, 116.001, 39.9)) < 0.001);
    CHECK(next.leg->bearingDegrees == Approx(90.0).margin(0.001));
    CHECK(tasks.openTasks(QStringLiteral("S1"))[0].done == 2);
    // T2 shares A0001 and A0002, but these visits were for T1.
    CHECK(tasks.openTasks(QStringLiteral("S2"))[0].done == 0);

    // A0004 has no location: after A0003, the next located one is A0005.
    VisitInput third;
    third.taskUuid = FieldworkArchive::task(1);
    third.customerUuid = FieldworkArchive::customer(3);
    recorder.record(third);
    customers = tasks.customers(FieldworkArchive::task(1));
    next = nextStop(customers, meter, here);
    REQUIRE(next.index == 4);
    CHECK(std::abs(next.leg->bearingDegrees -
                   FieldworkArchive::handBearing(here.first, here.second, 116.002, 39.902)) < 0.001);
}

TEST_CASE("a visit keeps its fix, the distance to the customer and its warnings", "[fieldwork]") {
    FieldworkArchive a;
    VisitRecorder recorder(a.archive.db(), QStringLiteral("S1"));
    VisitInput input;
    input.taskUuid = FieldworkArchive::task(1);
    input.customerUuid = FieldworkArchive::customer(1); // at 116.0003, 39.9004
    input.staffUuid = FieldworkArchive::staffUuid(1);

    SECTION("near the customer: no warning") {
        input.fix = fixAt(116.0003, 39.9001); // 0.0003° south
        const RecordedVisit v = recorder.record(input);
        const double expected = FieldworkArchive::handDistance(116.0003, 39.9001, 116.0003, 39.9004);
        REQUIRE(v.distanceMetres);
        CHECK(std::abs(*v.distanceMetres - expected) < 0.001);
        CHECK(expected == Approx(33.3).margin(0.1));
        CHECK(v.warnings.empty());
        const QString where = QStringLiteral(" FROM visits WHERE uuid = '%1'").arg(v.visitUuid);
        CHECK(a.text(QStringLiteral("SELECT warnings") + where).isEmpty());
        CHECK(a.text(QStringLiteral("SELECT result") + where) == QLatin1String("ok"));
        CHECK(a.text(QStringLiteral("SELECT gps_time") + where) == QLatin1String("2026-11-29T09:30:00.000Z"));
        CHECK(a.count(QStringLiteral("SELECT gps_satellites") + where) == 9);
        CHECK(a.text(QStringLiteral("SELECT gps_accuracy_m") + where).toDouble() == 4.0);
        CHECK(std::abs(a.text(QStringLiteral("SELECT distance_m") + where).toDouble() - expected) < 0.001);
        CHECK(a.text(QStringLiteral("SELECT AsText(geom)") + where) ==
              QLatin1String("POINT(116.0003 39.9001)"));
        CHECK(a.count(QStringLiteral("SELECT ST_SRID(geom)") + where) == 4326);
        CHECK(a.text(QStringLiteral("SELECT updated_by") + where) == QLatin1String("S1"));
    }
    SECTION("beyond the threshold: a warning, and the threshold is configurable") {
        input.fix = fixAt(116.0003, 39.8998); // 0.0006° south: ~66.6 m
        const double expected = FieldworkArchive::handDistance(116.0003, 39.8998, 116.0003, 39.9004);
        RecordedVisit v = recorder.record(input);
        REQUIRE(v.distanceMetres);
        CHECK(std::abs(*v.distanceMetres - expected) < 0.001);
        CHECK(v.hasWarning(VisitWarning::Kind::FarFromCustomer));
        CHECK(v.warningsText ==
              QStringLiteral("far_from_customer: %1 m > 50.0 m").arg(QString::number(expected, 'f', 1)));
        CHECK(a.text(QStringLiteral("SELECT warnings FROM visits WHERE uuid = '%1'").arg(v.visitUuid)) ==
              v.warningsText);
        VisitPolicy lenient;
        lenient.maxDistanceMetres = 100;
        v = recorder.record(input, lenient);
        CHECK(v.warnings.empty());
    }
    SECTION("poor or unknown accuracy") {
        input.fix = fixAt(116.0003, 39.9004, 45.0);
        RecordedVisit v = recorder.record(input);
        CHECK(v.hasWarning(VisitWarning::Kind::PoorAccuracy));
        CHECK(v.warningsText == QLatin1String("poor_accuracy: 45.0 m > 30.0 m"));
        input.fix.accuracyMetres = std::numeric_limits<double>::quiet_NaN();
        v = recorder.record(input);
        CHECK(v.hasWarning(VisitWarning::Kind::AccuracyUnknown));
    }
    SECTION("no fix: the visit is allowed and flagged") {
        input.result = VisitResult::Unreachable;
        input.note = QStringLiteral("家中无人");
        const RecordedVisit v = recorder.record(input);
        CHECK_FALSE(v.distanceMetres);
        CHECK(v.hasWarning(VisitWarning::Kind::NoFix));
        const QString where = QStringLiteral(" FROM visits WHERE uuid = '%1'").arg(v.visitUuid);
        CHECK(a.text(QStringLiteral("SELECT warnings") + where) == QLatin1String("no_fix"));
        CHECK(a.count(QStringLiteral("SELECT geom IS NULL AND distance_m IS NULL AND gps_time IS NULL") +
                      where) == 1);
        CHECK(a.text(QStringLiteral("SELECT result") + where) == QLatin1String("unreachable"));
        CHECK(a.text(QStringLiteral("SELECT note") + where) == QStringLiteral("家中无人"));
    }
    SECTION("a customer without a location: the fix is kept, the distance cannot be") {
        input.customerUuid = FieldworkArchive::customer(4);
        input.fix = fixAt(116.0, 39.9);
        const RecordedVisit v = recorder.record(input);
        CHECK_FALSE(v.distanceMetres);
        CHECK(v.hasWarning(VisitWarning::Kind::CustomerNotLocated));
    }
}

TEST_CASE("differing observed values become discrepancies in the visit's transaction", "[fieldwork]") {
    FieldworkArchive a;
    VisitRecorder recorder(a.archive.db(), QStringLiteral("S1"));
    VisitInput input;
    input.taskUuid = FieldworkArchive::task(1);
    input.customerUuid = FieldworkArchive::customer(1);
    input.fix = fixAt(116.0003, 39.9004);
    input.observed = {{QStringLiteral("phone"), QStringLiteral("13900000000")},
                      {QStringLiteral("contracted_capacity"), QStringLiteral("4.0")}, // same number
                      {QStringLiteral("address"), QStringLiteral(" 东关路1号 ")},     // same text
                      {QStringLiteral("meter_asset_no"), QStringLiteral("M9999")}};
    const RecordedVisit v = recorder.record(input);
    CHECK(v.discrepancies == 2);
    CHECK(v.result == VisitResult::Discrepancy); // "ok" with differences was not ok
    CHECK(a.text(QStringLiteral("SELECT result FROM visits WHERE uuid = '%1'").arg(v.visitUuid)) ==
          QLatin1String("discrepancy"));
    CHECK(a.text(QStringLiteral(
                     "SELECT group_concat(field || '=' || archive_value || '>' || observed_value, ',') "
                     "FROM (SELECT * FROM discrepancies WHERE visit_uuid = '%1' ORDER BY field)")
                     .arg(v.visitUuid)) ==
          QLatin1String("meter_asset_no=M0001>M9999,phone=13912345678>13900000000"));
    CHECK(a.count(QStringLiteral(
                      "SELECT count(*) FROM discrepancies WHERE customer_uuid = '%1' AND status = 'open'")
                      .arg(FieldworkArchive::customer(1))) == 2);
    // Change capture saw both tables (they travel back at check-in).
    CHECK(a.count(QStringLiteral(
              "SELECT count(*) FROM change_log WHERE table_name IN ('visits', 'discrepancies') "
              "AND op = 'insert'")) == 3);
}

TEST_CASE("a refused visit writes nothing at all", "[fieldwork]") {
    FieldworkArchive a;
    VisitRecorder recorder(a.archive.db(), QStringLiteral("S1"));
    VisitInput input;
    input.taskUuid = FieldworkArchive::task(1);
    input.customerUuid = FieldworkArchive::customer(1);
    input.observed = {{QStringLiteral("fid"), QStringLiteral("7")}};
    CHECK_THROWS_AS(recorder.record(input), RecheckError);
    input.observed.clear();
    input.customerUuid = FieldworkArchive::uuid('c', 99);
    CHECK_THROWS_WITH(recorder.record(input), Catch::Contains("no customer"));
    input.customerUuid = FieldworkArchive::customer(1);
    input.taskUuid = FieldworkArchive::uuid('7', 99);
    CHECK_THROWS_WITH(recorder.record(input), Catch::Contains("no task"));
    CHECK(a.count(QStringLiteral("SELECT count(*) FROM visits")) == 0);
    CHECK(a.count(QStringLiteral("SELECT count(*) FROM discrepancies")) == 0);
}

TEST_CASE("the default discrepancy rules find what is wrong with each customer", "[fieldwork]") {
    FieldworkArchive a;
    DiscrepancyRuleEngine engine(a.archive.db());
    CHECK(engine.rules().size() == 8);
    QStringList uuids;
    for (int c = 1; c <= 5; ++c)
        uuids << FieldworkArchive::customer(c);
    const auto all = engine.evaluate(uuids);
    CHECK_FALSE(all.contains(FieldworkArchive::customer(1))); // clean
    CHECK(ruleCodes(all.value(FieldworkArchive::customer(2))) ==
          QSet<QString>(
              {"phone_empty", "address_empty", "capacity_zero", "voltage_usage_mismatch", "meter_missing"}));
    CHECK(ruleCodes(all.value(FieldworkArchive::customer(3))) ==
          QSet<QString>({"phone_same_digit", "meter_duplicate", "account_duplicate"}));
    CHECK(ruleCodes(all.value(FieldworkArchive::customer(4))) == QSet<QString>({"meter_duplicate"}));
    CHECK(ruleCodes(all.value(FieldworkArchive::customer(5))) == QSet<QString>({"account_duplicate"}));

    // One row at a time (the visit form) agrees with the batch.
    for (const QString& uuid : uuids)
        CHECK(ruleCodes(engine.evaluate(uuid)) == ruleCodes(all.value(uuid)));

    const std::vector<RuleFinding> two = engine.evaluate(FieldworkArchive::customer(2));
    const auto mismatch = std::find_if(
        two.begin(), two.end(), [](const RuleFinding& f) { return f.ruleCode == "voltage_usage_mismatch"; });
    REQUIRE(mismatch != two.end());
    CHECK(mismatch->value == QLatin1String("AC10KV / RES"));
    CHECK(mismatch->label == QLatin1String("Voltage level does not fit the usage category"));
    engine.setLanguage(QStringLiteral("zh_CN"));
    CHECK(engine.evaluate(FieldworkArchive::customer(2)).front().label == QStringLiteral("联系电话为空"));
}

TEST_CASE("discrepancy rules are rows: added, disabled and widened without code", "[fieldwork]") {
    FieldworkArchive a;
    const QString two = FieldworkArchive::customer(2), one = FieldworkArchive::customer(1);
    // A new check: no consumption recorded.
    a.exec(QStringLiteral("UPDATE customers SET monthly_kwh = 0 WHERE uuid = '%1'").arg(one));
    a.exec(QStringLiteral("INSERT INTO discrepancy_rules (code, predicate, field, label_zh, label_en) VALUES "
                          "('kwh_zero', 'equals_zero', 'monthly_kwh', '月用电量为0', 'No consumption')"));
    // The office accepts residential customers at 10 kV and switches the
    // phone checks off.
    a.exec(QStringLiteral(
        "INSERT INTO discrepancy_rule_values VALUES ('voltage_usage_mismatch', 'AC10KV', 'RES')"));
    a.exec(QStringLiteral("UPDATE discrepancy_rules SET enabled = 0 WHERE field = 'phone'"));
    DiscrepancyRuleEngine engine(a.archive.db());
    CHECK(ruleCodes(engine.evaluate(one)) == QSet<QString>({"kwh_zero"}));
    CHECK(ruleCodes(engine.evaluate(two)) ==
          QSet<QString>({"address_empty", "capacity_zero", "meter_missing"}));

    // A rule naming a column the table does not have is refused by name.
    a.exec(QStringLiteral("INSERT INTO discrepancy_rules (code, predicate, field, label_zh, label_en) VALUES "
                          "('bad', 'empty', 'no_such_column', 'x', 'x')"));
    CHECK_THROWS_WITH(DiscrepancyRuleEngine(a.archive.db()),
                      Catch::Contains("rule bad") && Catch::Contains("no_such_column"));
    // Unknown predicates do not even get into the table.
    CHECK_THROWS(
        a.exec(QStringLiteral("INSERT INTO discrepancy_rules (code, predicate, field, label_zh, label_en) "
                              "VALUES ('odd', 'looks_wrong', 'phone', 'x', 'x')")));
}

TEST_CASE("the per-value predicates", "[fieldwork]") {
    using E = DiscrepancyRuleEngine;
    CHECK(E::isEmptyValue(QVariant()));
    CHECK(E::isEmptyValue(QStringLiteral("  ")));
    CHECK_FALSE(E::isEmptyValue(QStringLiteral("0")));
    CHECK(E::isAllSameDigit(QStringLiteral("00000000000")));
    CHECK(E::isAllSameDigit(QStringLiteral("888-8888")));
    CHECK_FALSE(E::isAllSameDigit(QStringLiteral("8")));
    CHECK_FALSE(E::isAllSameDigit(QStringLiteral("13800000000")));
    CHECK_FALSE(E::isAllSameDigit(QVariant()));
    CHECK(E::isZero(0.0));
    CHECK(E::isZero(QStringLiteral("0.00")));
    CHECK_FALSE(E::isZero(QVariant()));
    CHECK_FALSE(E::isZero(QStringLiteral("")));
    CHECK_FALSE(E::isZero(0.5));
}

TEST_CASE("recheck rules runs the archive's rules over its customers", "[fieldwork]") {
    FieldworkArchive a;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LANG"), QStringLiteral("C"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(RECHECK_BINARY_DIR "/bin/recheck"),
                  {QStringLiteral("rules"), a.path, QStringLiteral("--district"), QStringLiteral("TQ01"),
                   QStringLiteral("--json")});
    REQUIRE(process.waitForFinished(60000));
    REQUIRE(process.exitCode() == 0);
    const QJsonObject report = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    CHECK(report.value(QStringLiteral("customers")).toInt() == 5);
    CHECK(report.value(QStringLiteral("customers_with_findings")).toInt() == 4);
    QMap<QString, int> perRule;
    for (const QJsonValue& rule : report.value(QStringLiteral("rules")).toArray())
        perRule.insert(rule.toObject().value(QStringLiteral("code")).toString(),
                       rule.toObject().value(QStringLiteral("customers")).toInt());
    // Counted by hand from FieldworkFixture.h: A0002 breaks five rules, A0003
    // shares its meter with A0004 and its name and address with A0005.
    const QMap<QString, int> expected = {
        {"phone_empty", 1},     {"phone_same_digit", 1},       {"address_empty", 1},
        {"capacity_zero", 1},   {"voltage_usage_mismatch", 1}, {"meter_missing", 1},
        {"meter_duplicate", 2}, {"account_duplicate", 2}};
    CHECK(perRule == expected);
    CHECK(report.value(QStringLiteral("findings")).toArray().size() == 10);

    process.start(QStringLiteral(RECHECK_BINARY_DIR "/bin/recheck"),
                  {QStringLiteral("rules"), a.path, QStringLiteral("--district"), QStringLiteral("NOPE")});
    REQUIRE(process.waitForFinished(60000));
    CHECK(process.exitCode() == 64);
}
