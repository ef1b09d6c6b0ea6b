#include "TestArchives.h"

#include "archive/Archive.h"
#include "common/Sqlite.h"

#include <QStringList>

#include <cmath>
#include <random>

namespace recheck::test {

namespace {

// Four districts: 0.05° squares around (113.60, 34.70).
constexpr double kOriginX = 113.60, kOriginY = 34.70, kCell = 0.05;

QString squareWkt(double x0, double y0, double size) {
    return QStringLiteral("MULTIPOLYGON(((%1 %2, %3 %2, %3 %4, %1 %4, %1 %2)))")
        .arg(x0, 0, 'f', 6)
        .arg(y0, 0, 'f', 6)
        .arg(x0 + size, 0, 'f', 6)
        .arg(y0 + size, 0, 'f', 6);
}

} // namespace

void createTestArchive(const QString& path, const TestArchiveOptions& options) {
    Archive::CreateOptions create;
    create.name = QStringLiteral("测试县");
    create.createdBy = QStringLiteral("tests");
    Archive archive = Archive::create(path, create);
    SqliteDatabase& db = archive.db();
    SqliteTransaction tx(db);

    const QStringList districtNames = {QStringLiteral("东街台区"), QStringLiteral("西街台区"),
                                       QStringLiteral("南村台区"), QStringLiteral("北村台区")};
    SqliteStatement district(
        db, QStringLiteral("INSERT INTO districts (code, name, transformer_kva, county, geom) "
                           "VALUES (?, ?, ?, ?, GeomFromText(?, 4490))"));
    for (int i = 0; i < 4; ++i) {
        const double x0 = kOriginX + (i % 2) * kCell, y0 = kOriginY + (i / 2) * kCell;
        district.bind(1, QStringLiteral("D%1").arg(i + 1, 3, 10, QLatin1Char('0')))
            .bind(2, districtNames[i])
            .bind(3, 200.0 + 115 * i)
            .bind(4, QStringLiteral("测试县"))
            .bind(5, squareWkt(x0, y0, kCell))
            .execute();
    }
    // A triangle beside the grid, without customers: its bounding box and its
    // area differ, which exact-intersection tests need.
    db.exec(QStringLiteral(
        "INSERT INTO districts (code, name, geom) VALUES ('D005', '三角台区', "
        "GeomFromText('MULTIPOLYGON(((113.70 34.70, 113.75 34.70, 113.70 34.75, 113.70 34.70)))', "
        "4490))"));
    db.exec(QStringLiteral("INSERT INTO feeders (code, name, voltage_level, geom) VALUES "
                           "('F01', '10kV 东线', 'AC10KV', GeomFromText('MULTILINESTRING((113.60 34.70, "
                           "113.65 34.75, 113.70 34.80))', "
                           "4490)), "
                           "('F02', '10kV 西线', 'AC10KV', GeomFromText('MULTILINESTRING((113.60 34.80, "
                           "113.70 34.70))', 4490))"));

    std::mt19937 random(options.seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const QStringList surnames = {QStringLiteral("张"),     QStringLiteral("李"),    QStringLiteral("王"),
                                  QStringLiteral("赵"),     QStringLiteral("Smith"), QStringLiteral("smith"),
                                  QStringLiteral("O'Brien")};
    const QStringList categories = {QStringLiteral("RES"), QStringLiteral("COM"), QStringLiteral("IND"),
                                    QStringLiteral("AGR"), QStringLiteral("PUB")};
    SqliteStatement customer(
        db, QStringLiteral(
                "INSERT INTO customers (account_no, name, address, phone, usage_category, voltage_level, "
                "contracted_capacity, monthly_kwh, meter_asset_no, district_uuid, status, geom) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT uuid FROM districts WHERE code = ?), ?, "
                "CASE WHEN ? THEN MakePoint(?, ?, 4490) END)"));
    for (int i = 0; i < options.customers; ++i) {
        const double x = kOriginX + unit(random) * 2 * kCell, y = kOriginY + unit(random) * 2 * kCell;
        const int column = x < kOriginX + kCell ? 0 : 1, row = y < kOriginY + kCell ? 0 : 1;
        const QString surname = surnames[static_cast<int>(unit(random) * surnames.size()) % surnames.size()];
        const int pick = static_cast<int>(unit(random) * 100);
        customer.bind(1, QStringLiteral("%1").arg(1000 + i, 10, 10, QLatin1Char('0')))
            .bind(2, surname + QString::number(i))
            .bind(3, pick % 9 == 0 ? QString() : QStringLiteral("幸福路%1号").arg(pick))
            .bind(4, pick % 4 == 0 ? QString() : QStringLiteral("1380000%1").arg(i, 4, 10, QLatin1Char('0')))
            .bind(5, pick % 11 == 0 ? QString() : categories[pick % categories.size()])
            .bind(6, pick % 3 == 0 ? QStringLiteral("AC380V") : QStringLiteral("AC220V"));
        if (pick % 13 == 0)
            customer.bindNull(7);
        else
            customer.bind(7, std::round(unit(random) * 200) / 10.0); // 0.0 … 20.0 kVA
        customer.bind(8, unit(random) * 500)
            .bind(9, QStringLiteral("M%1").arg(i))
            .bind(10, QStringLiteral("D%1").arg(row * 2 + column + 1, 3, 10, QLatin1Char('0')))
            .bind(11, pick % 17 == 0 ? QStringLiteral("suspended") : QStringLiteral("active"))
            .bind(12, static_cast<std::int64_t>(i >= options.customersWithoutGeometry))
            .bind(13, x)
            .bind(14, y)
            .execute();
    }
    tx.commit();
}

QSet<qint64> sqlIds(const QString& path, const QString& sql, const QVariantList& params) {
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
    SqliteStatement st(db, sql);
    for (int i = 0; i < params.size(); ++i)
        st.bind(i + 1, params[i]);
    QSet<qint64> ids;
    while (st.step())
        ids.insert(st.int64(0));
    return ids;
}

} // namespace recheck::test
