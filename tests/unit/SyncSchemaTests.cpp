// Check-in across schema changes: a master upgraded while a package was out
// (added nullable columns, a newer version number) takes the package; a
// package whose columns the master cannot hold is refused (and one of a
// newer schema: SyncDamageTests).

#include "SyncTestSupport.h"

#include "sync/SyncTables.h"

using namespace recheck;
using namespace recheck::synctest;
using recheck::test::ScratchDir;
using recheck::test::sqlScalar;

namespace {

// Customers of a district no visit or discrepancy refers to: they can be
// deleted in a package.
QStringList plainCustomersOf(const QString& path, const QString& districtCode, int n) {
    return column(path, QStringLiteral("SELECT c.uuid FROM customers c JOIN districts d ON d.uuid = "
                                       "c.district_uuid WHERE d.code = '%1' AND c.uuid NOT IN (SELECT "
                                       "customer_uuid FROM visits) AND c.uuid NOT IN (SELECT customer_uuid "
                                       "FROM discrepancies) ORDER BY c.fid LIMIT %2")
                            .arg(districtCode)
                            .arg(n));
}

QString deleteCustomer(const QString& uuid) {
    return QStringLiteral(
               "DELETE FROM task_scope WHERE customer_uuid = '%1'; DELETE FROM customers WHERE uuid = '%1';")
        .arg(uuid);
}

QString value(const QString& path, const QString& sql) {
    return column(path, sql).value(0);
}

} // namespace

TEST_CASE("a master that gained a nullable column since check-out takes the package", "[sync][schema]") {
    ScratchDir dir;
    const QString master = copyMaster(dir);
    const QString package = dir.file(QStringLiteral("pk.sqlite"));
    checkOut(master, package, {QStringLiteral("TQ0005")});
    const QStringList c = plainCustomersOf(package, QStringLiteral("TQ0005"), 4);
    REQUIRE(c.size() == 4);
    const QString newCustomer = QStringLiteral("0f0e0d0c-0000-4000-8000-00000000a001");
    plainSql(package,
             QStringLiteral("UPDATE customers SET phone = 'P0' WHERE uuid = '%1';"
                            "UPDATE customers SET phone = 'P1' WHERE uuid = '%2';")
                     .arg(c[0], c[1]) +
                 deleteCustomer(c[2]) + deleteCustomer(c[3]) +
                 QStringLiteral("INSERT INTO customers (uuid, account_no, name, district_uuid, geom) "
                                "SELECT '%1', 'NEW-A001', '新用户', district_uuid, geom FROM customers "
                                "WHERE uuid = '%2';")
                     .arg(newCustomer, c[0]));
    // The office upgrades: a new column on a synced table (what a migration
    // adding a field does), filled for two of the package's customers.
    plainSql(master, QStringLiteral("ALTER TABLE customers ADD COLUMN meter_photo TEXT;"
                                    "UPDATE customers SET meter_photo = 'photo-1' WHERE uuid = '%1';"
                                    "UPDATE customers SET meter_photo = 'photo-3' WHERE uuid = '%2';")
                         .arg(c[1], c[3]));
    const QString masterVersion = sqlScalar(master, QStringLiteral("PRAGMA user_version"));

    SECTION("same version number") {}
    SECTION("the package of an older version number") {
        plainSql(package, QStringLiteral("PRAGMA user_version = %1").arg(masterVersion.toInt() - 1));
    }

    {
        SqliteDatabase p(package, SqliteDatabase::Mode::ReadOnly);
        SqliteDatabase m(master, SqliteDatabase::Mode::ReadOnly);
        CHECK(SyncTables::additiveDifference(p, m).isEmpty());
        // The other way round the master would lose the column's values.
        CHECK_THAT(SyncTables::additiveDifference(m, p).toStdString(),
                   Catch::Contains("customers.meter_photo: the master has no such column"));
    }

    const CheckinReport report = checkIn(master, package);
    INFO(report.toText().toStdString());
    REQUIRE(report.outcome == CheckinReport::Outcome::MergedWithConflicts);
    const QString customer = QStringLiteral("SELECT %1 FROM customers WHERE uuid = '%2'");
    CHECK(value(master, customer.arg(QStringLiteral("phone"), c[0])) == QStringLiteral("P0"));
    // The package's field and the office's new column, side by side.
    CHECK(value(master, customer.arg(QStringLiteral("phone"), c[1])) == QStringLiteral("P1"));
    CHECK(value(master, customer.arg(QStringLiteral("meter_photo"), c[1])) == QStringLiteral("photo-1"));
    // Deleted where the new column was empty; kept (a conflict) where the
    // office had filled it: deleting it would lose the photo unseen.
    CHECK(column(master, customer.arg(QStringLiteral("uuid"), c[2])).isEmpty());
    CHECK(value(master, customer.arg(QStringLiteral("meter_photo"), c[3])) == QStringLiteral("photo-3"));
    REQUIRE(report.conflicts.size() == 1);
    CHECK(report.conflicts.first().uuid == c[3]);
    CHECK_THAT(report.conflicts.first().detail.toStdString(), Catch::Contains("meter_photo"));
    // A new row: the column the package did not know is NULL.
    CHECK(value(master, customer.arg(QStringLiteral("account_no"), newCustomer)) ==
          QStringLiteral("NEW-A001"));
    CHECK(value(master, customer.arg(QStringLiteral("meter_photo"), newCustomer)) == QStringLiteral("NULL"));
    CHECK(sqlScalar(master, QStringLiteral("PRAGMA integrity_check")) == QStringLiteral("ok"));
    // And the ledger knows it: the same package again is a repeat.
    CHECK(checkIn(master, package).repeat);
}
