#pragma once

// A small hand-made archive for the field-work tests (unit and QGIS suites):
// one district, two inspectors, tasks with route orders, customers at points
// whose distances and bearings from kOrigin are worked out by hand, and
// attribute values that break the default discrepancy rules on purpose.

#include "TestSupport.h"

#include "archive/Archive.h"

#include <QString>

#include <cmath>

namespace recheck::test {

struct FieldworkArchive {
    /// Where the inspector stands in the tests (WGS 84 lon, lat).
    static constexpr double kOriginLon = 116.0;
    static constexpr double kOriginLat = 39.9;

    static QString uuid(char kind, int n) {
        return QStringLiteral("0000000%1-0000-4000-8000-%2")
            .arg(QLatin1Char(kind))
            .arg(n, 12, 10, QLatin1Char('0'));
    }
    static QString customer(int n) { return uuid('c', n); }
    static QString task(int n) { return uuid('7', n); }
    static QString staffUuid(int n) { return uuid('5', n); }

    ScratchDir dir;
    QString path;
    Archive archive;

    explicit FieldworkArchive(const QString& fileName = QStringLiteral("field.sqlite"))
        : path(dir.file(fileName)), archive(create(path)) {
        exec(QStringLiteral("INSERT INTO districts (uuid, code, name) VALUES ('%1', 'TQ01', '东关一号台区')")
                 .arg(uuid('d', 1)));
        for (int s = 1; s <= 2; ++s)
            exec(QStringLiteral("INSERT INTO staff (uuid, code, name) VALUES ('%1', 'S%2', 'Inspector %2')")
                     .arg(staffUuid(s))
                     .arg(s));
        // T1: S1, in progress; T2: S2, issued; T3: S1, cancelled (never listed).
        const char* statuses[] = {"in_progress", "issued", "cancelled"};
        const int assignees[] = {1, 2, 1};
        for (int t = 1; t <= 3; ++t)
            exec(QStringLiteral(
                     "INSERT INTO tasks (uuid, district_uuid, assignee_uuid, status, planned_start, "
                     "planned_end) VALUES ('%1', '%2', '%3', '%4', '2026-11-0%5', '2026-11-20')")
                     .arg(task(t), uuid('d', 1), staffUuid(assignees[t - 1]),
                          QString::fromLatin1(statuses[t - 1]))
                     .arg(t));
        // account, name, address, phone, usage, voltage, capacity, meter, lon, lat (SQL literals)
        addCustomer(1, "'A0001'", "'张三'", "'东关路1号'", "'13912345678'", "'RES'", "'AC220V'", "4",
                    "'M0001'", "116.0003", "39.9004");
        addCustomer(2, "'A0002'", "'李四'", "''", "''", "'RES'", "'AC10KV'", "0", "NULL", "116.0", "39.901");
        addCustomer(3, "'A0003'", "'王五'", "'东关路2号'", "'1111-1111'", "'IND'", "'AC10KV'", "315",
                    "'M0003'", "116.001", "39.9");
        addCustomer(4, "'A0004'", "'赵六'", "'东关路3号'", "'13800001111'", "'COM'", "'AC380V'", "20",
                    "' M0003 '", nullptr, nullptr);
        addCustomer(5, "'A0005'", "'王五'", "'东关路2号 '", "'13800002222'", "'RES'", "'AC220V'", "8",
                    "'M0005'", "116.002", "39.902");
        // T1 route: A0002, A0001, A0003, then the unrouted A0004 and A0005.
        for (int c = 1; c <= 5; ++c)
            scope(1, c, c == 1 ? 2 : c == 2 ? 1 : c == 3 ? 3 : -1);
        scope(2, 1, 1);
        scope(2, 2, 2);
        scope(3, 3, -1);
    }

    void exec(const QString& sql) { archive.db().exec(sql); }
    long long count(const QString& sql) { return archive.db().scalar(sql).toLongLong(); }
    QString text(const QString& sql) { return archive.db().scalar(sql).toString(); }

    // Radii of curvature of WGS 84 at a latitude: the hand computation of
    // short geodesics (a few hundred metres, where the local plane is exact
    // to well below a millimetre).
    static double meridianRadius(double latDeg) {
        const double a = 6378137.0, f = 1.0 / 298.257223563, e2 = f * (2 - f);
        const double s = std::sin(latDeg * M_PI / 180.0);
        return a * (1 - e2) / std::pow(1 - e2 * s * s, 1.5);
    }
    static double primeVerticalRadius(double latDeg) {
        const double a = 6378137.0, f = 1.0 / 298.257223563, e2 = f * (2 - f);
        const double s = std::sin(latDeg * M_PI / 180.0);
        return a / std::sqrt(1 - e2 * s * s);
    }
    /// (east, north) metres of (lon, lat) from (lon0, lat0) on the local plane.
    static std::pair<double, double> localOffset(double lon0, double lat0, double lon, double lat) {
        const double mid = (lat0 + lat) / 2;
        const double north = (lat - lat0) * M_PI / 180.0 * meridianRadius(mid);
        const double east =
            (lon - lon0) * M_PI / 180.0 * primeVerticalRadius(mid) * std::cos(mid * M_PI / 180.0);
        return {east, north};
    }
    static double handDistance(double lon0, double lat0, double lon, double lat) {
        const auto [e, n] = localOffset(lon0, lat0, lon, lat);
        return std::hypot(e, n);
    }
    static double handBearing(double lon0, double lat0, double lon, double lat) {
        const auto [e, n] = localOffset(lon0, lat0, lon, lat);
        double b = std::atan2(e, n) * 180.0 / M_PI;
        return b < 0 ? b + 360.0 : b;
    }

private:
    static Archive create(const QString& path) {
        Archive::CreateOptions options;
        options.name = QStringLiteral("field work test");
        options.createdBy = QStringLiteral("test");
        return Archive::create(path, options);
    }
    void addCustomer(int n, const char* account, const char* name, const char* address, const char* phone,
                     const char* usage, const char* voltage, const char* capacity, const char* meter,
                     const char* lon, const char* lat) {
        exec(QStringLiteral("INSERT INTO customers (uuid, account_no, name, address, phone, usage_category, "
                            "voltage_level, contracted_capacity, meter_asset_no, district_uuid, geom) VALUES "
                            "('%1', %2, %3, %4, %5, %6, %7, %8, %9, '%10', %11)")
                 .arg(customer(n), QString::fromUtf8(account), QString::fromUtf8(name),
                      QString::fromUtf8(address), QString::fromUtf8(phone), QString::fromUtf8(usage),
                      QString::fromUtf8(voltage), QString::fromUtf8(capacity), QString::fromUtf8(meter))
                 .arg(uuid('d', 1), lon ? QStringLiteral("MakePoint(%1, %2, 4490)")
                                              .arg(QString::fromUtf8(lon), QString::fromUtf8(lat))
                                        : QStringLiteral("NULL")));
    }
    void scope(int t, int c, int order) {
        exec(QStringLiteral(
                 "INSERT INTO task_scope (task_uuid, customer_uuid, route_order) VALUES ('%1', '%2', %3)")
                 .arg(task(t), customer(c), order < 0 ? QStringLiteral("NULL") : QString::number(order)));
    }
};

} // namespace recheck::test
