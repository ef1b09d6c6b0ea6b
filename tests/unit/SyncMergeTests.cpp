#include "SyncTestSupport.h"

#include "sync/ConflictStore.h"

#include <QJsonDocument>

using namespace recheck;
using namespace recheck::synctest;
using recheck::test::ScratchDir;
using recheck::test::sqlScalar;

namespace {

QString value(const QString& path, const QString& table, const QString& uuid, const QString& field) {
    return sqlScalar(path,
                     QStringLiteral("SELECT quote(%1) FROM %2 WHERE uuid = '%3'").arg(field, table, uuid));
}

long long count(const QString& path, const QString& sql) {
    return sqlScalar(path, sql).toLongLong();
}

// Customers of a district nothing else hangs on but task_scope (no visits,
// no discrepancies): deleting them and their scope rows is legal.
QStringList plainCustomers(const QString& path, const QString& district, int n) {
    return column(path, QStringLiteral(
                            "SELECT c.uuid FROM customers c JOIN districts d ON d.uuid = c.district_uuid "
                            "WHERE d.code = '%1' AND c.uuid NOT IN (SELECT customer_uuid FROM visits) AND "
                            "c.uuid NOT IN (SELECT customer_uuid FROM discrepancies) ORDER BY c.fid LIMIT %2")
                            .arg(district)
                            .arg(n));
}

// District codes, most such customers first.
QStringList districtsByPlainCustomers(const QString& path) {
    return column(path, QStringLiteral(
                            "SELECT d.code FROM districts d ORDER BY (SELECT count(*) FROM customers c WHERE "
                            "c.district_uuid = d.uuid AND c.uuid NOT IN (SELECT customer_uuid FROM visits) "
                            "AND c.uuid NOT IN (SELECT customer_uuid FROM discrepancies)) DESC, d.code"));
}

QString deleteCustomer(const QString& uuid) {
    return QStringLiteral(
               "DELETE FROM task_scope WHERE customer_uuid = '%1'; DELETE FROM customers WHERE uuid = '%1';")
        .arg(uuid);
}

const CheckinItem* findItem(const QList<CheckinItem>& items, const QString& uuid) {
    for (const CheckinItem& item : items)
        if (item.uuid == uuid)
            return &item;
    return nullptr;
}

} // namespace

TEST_CASE("merge matrix: each side inserts, updates or deletes — same or other field — same or other value",
          "[sync][merge]") {
    ScratchDir dir;
    const QString master = copyMaster(dir);
    const QString package = dir.file(QStringLiteral("pk.sqlite"));
    const QStringList districts = districtsByPlainCustomers(master);
    checkOut(master, package, {districts[0], districts[1]}, QStringLiteral("S004"));
    const QStringList c = plainCustomers(master, districts[0], 12);
    REQUIRE(c.size() == 12);
    const QString basePhone3 = value(master, QStringLiteral("customers"), c[3], QStringLiteral("phone"));
    const QString baseVersion0 =
        value(master, QStringLiteral("customers"), c[0], QStringLiteral("row_version"));
    const QString baseCapacity5 =
        value(master, QStringLiteral("customers"), c[5], QStringLiteral("contracted_capacity"));
    const QString officeCustomer = QStringLiteral("0b0b0b0b-0000-4000-8000-000000000001");
    const QString newVisit = QStringLiteral("0a0a0a0a-0000-4000-8000-000000000001");
    const QString newCustomer = QStringLiteral("0a0a0a0a-0000-4000-8000-000000000002");

    // The field, with a plain connection as sqlite3 or a script would edit.
    plainSql(
        package,
        QStringLiteral(
            "UPDATE customers SET phone = 'P0' WHERE uuid = '%1';"
            "UPDATE customers SET phone = 'SAME' WHERE uuid = '%2';"
            "UPDATE customers SET phone = 'P2' WHERE uuid = '%3';"
            "UPDATE customers SET phone = 'P3' WHERE uuid = '%4';"
            "UPDATE customers SET geom = MakePoint(X(geom) + 0.0002, Y(geom), 4490) WHERE uuid = '%5';"
            "UPDATE customers SET contracted_capacity = 99 WHERE uuid = '%6';"
            "UPDATE customers SET phone = 'P6' WHERE uuid = '%7';")
                .arg(c[0], c[1], c[2], c[3], c[4], c[5], c[6]) +
            deleteCustomer(c[7]) + deleteCustomer(c[8]) + deleteCustomer(c[9]) +
            QStringLiteral(
                "UPDATE customers SET phone = 'P10', address = 'A10' WHERE uuid = '%1';"
                "INSERT INTO visits (uuid, customer_uuid, visited_at, result, note, geom) VALUES "
                "('%2', '%3', '2026-11-20T09:00:00Z', 'ok', '现场核查', MakePoint(113.6, 34.7, 4326));"
                "INSERT INTO customers (uuid, account_no, name, district_uuid, geom) "
                "SELECT '%4', 'NEW-0001', '新用户', district_uuid, geom FROM customers WHERE uuid = '%3';")
                .arg(c[10], newVisit, c[0], newCustomer));
    // The office meanwhile.
    plainSql(master,
             QStringLiteral(
                 "UPDATE customers SET phone = 'SAME' WHERE uuid = '%1';"
                 "UPDATE customers SET address = 'M2 addr' WHERE uuid = '%2';"
                 "UPDATE customers SET phone = 'M3' WHERE uuid = '%3';"
                 "UPDATE customers SET geom = MakePoint(X(geom) - 0.0002, Y(geom), 4490) WHERE uuid = '%4';"
                 "UPDATE customers SET contracted_capacity = 77 WHERE uuid = '%5';")
                     .arg(c[1], c[2], c[3], c[4], c[5]) +
                 deleteCustomer(c[6]) +
                 QStringLiteral("UPDATE customers SET phone = 'M7' WHERE uuid = '%1';").arg(c[7]) +
                 deleteCustomer(c[9]) +
                 QStringLiteral("UPDATE customers SET phone = 'P10' WHERE uuid = '%1';"
                                "INSERT INTO customers (uuid, account_no, name, district_uuid) SELECT '%2', "
                                "'OFFICE-1', '营业厅新户', district_uuid FROM customers WHERE uuid = '%3';")
                     .arg(c[10], officeCustomer, c[11]));

    const CheckinReport report = checkIn(master, package);
    INFO(report.toText().toStdString());
    REQUIRE(report.outcome == CheckinReport::Outcome::MergedWithConflicts);
    CHECK(report.editor == QStringLiteral("S004"));

    // Package only: applied, stamped by Recheck with the inspector.
    CHECK(value(master, "customers", c[0], "phone") == QStringLiteral("'P0'"));
    CHECK(value(master, "customers", c[0], "updated_by") == QStringLiteral("'S004'"));
    CHECK(value(master, "customers", c[0], "row_version").toLongLong() == baseVersion0.toLongLong() + 1);
    CHECK(findItem(report.applied, c[0]));
    // Identical edits: no conflict, nothing written.
    CHECK(value(master, "customers", c[1], "phone") == QStringLiteral("'SAME'"));
    CHECK(findItem(report.unchanged, c[1]));
    // Different fields of one row: both kept.
    CHECK(value(master, "customers", c[2], "phone") == QStringLiteral("'P2'"));
    CHECK(value(master, "customers", c[2], "address") == QStringLiteral("'M2 addr'"));
    CHECK(findItem(report.merged, c[2]));
    // Same field, different values: a conflict; the master keeps its value.
    CHECK(value(master, "customers", c[3], "phone") == QStringLiteral("'M3'"));
    REQUIRE(findItem(report.conflicts, c[3]));
    const qint64 phoneConflict = findItem(report.conflicts, c[3])->conflictIds.value(0);
    CHECK(sqlScalar(master,
                    QStringLiteral("SELECT quote(base_value) || '|' || package_value || '|' || master_value "
                                   "|| '|' || status FROM sync_conflicts WHERE id = %1")
                        .arg(phoneConflict)) == basePhone3 + QStringLiteral("|P3|M3|open"));
    // GPS location: the field policy takes the package's point.
    CHECK(sqlScalar(master, QStringLiteral("SELECT X(geom) FROM customers WHERE uuid = '%1'").arg(c[4])) ==
          sqlScalar(package, QStringLiteral("SELECT X(geom) FROM customers WHERE uuid = '%1'").arg(c[4])));
    CHECK(findItem(report.decided, c[4]));
    // Billing: the office keeps its value; the field's is kept in the record.
    CHECK(value(master, "customers", c[5], "contracted_capacity").toDouble() == 77.0);
    CHECK(findItem(report.decided, c[5]));
    CHECK(sqlScalar(master,
                    QStringLiteral("SELECT quote(base_value) || '|' || package_value || '|' || status || '|' "
                                   "|| resolution FROM sync_conflicts WHERE row_uuid = '%1'")
                        .arg(c[5])) == baseCapacity5 + QStringLiteral("|99.0|resolved|master"));
    // Update against an office delete: a conflict, the row stays deleted.
    CHECK(count(master, QStringLiteral("SELECT count(*) FROM customers WHERE uuid = '%1'").arg(c[6])) == 0);
    REQUIRE(findItem(report.conflicts, c[6]));
    CHECK(
        sqlScalar(master, QStringLiteral("SELECT kind || '|' || json_extract(package_value, '$.phone') FROM "
                                         "sync_conflicts WHERE row_uuid = '%1'")
                              .arg(c[6])) == QStringLiteral("update_delete|P6"));
    // Delete against an office update: a conflict, the row is kept.
    CHECK(value(master, "customers", c[7], "phone") == QStringLiteral("'M7'"));
    REQUIRE(findItem(report.conflicts, c[7]));
    CHECK(sqlScalar(master,
                    QStringLiteral("SELECT kind FROM sync_conflicts WHERE row_uuid = '%1'").arg(c[7])) ==
          QStringLiteral("delete_update"));
    // Delete of an untouched row: deleted, its values kept in a tombstone.
    CHECK(count(master, QStringLiteral("SELECT count(*) FROM customers WHERE uuid = '%1'").arg(c[8])) == 0);
    CHECK(count(master,
                QStringLiteral("SELECT count(*) FROM sync_tombstones WHERE row_uuid = '%1'").arg(c[8])) == 1);
    // Both deleted: nothing to do.
    CHECK(findItem(report.unchanged, c[9]));
    // One field identical, the other applied beside the office's edit.
    CHECK(value(master, "customers", c[10], "address") == QStringLiteral("'A10'"));
    CHECK(findItem(report.merged, c[10]));
    // Inserts from the field arrive with their uuids; the office's stay.
    CHECK(value(master, "visits", newVisit, "note") == QStringLiteral("'现场核查'"));
    CHECK(value(master, "visits", newVisit, "updated_by") == QStringLiteral("'S004'"));
    CHECK(value(master, "customers", newCustomer, "account_no") == QStringLiteral("'NEW-0001'"));
    CHECK(value(master, "customers", officeCustomer, "account_no") == QStringLiteral("'OFFICE-1'"));

    CHECK(count(master, QStringLiteral("SELECT count(*) FROM sync_conflicts WHERE status = 'open'")) == 3);
    CHECK(report.conflicts.size() == 3);
    CHECK(sqlScalar(master, QStringLiteral("PRAGMA foreign_key_check")).isEmpty());
    CHECK(sqlScalar(master, QStringLiteral("PRAGMA integrity_check")) == QStringLiteral("ok"));
    // Rows Recheck wrote carry row_version bumps, never the trigger's 'external'.
    CHECK(count(master, QStringLiteral("SELECT count(*) FROM change_log WHERE changed_by = 'S004'")) >= 6);

    SECTION("conflicts are resolved as tracked edits") {
        Archive archive = Archive::open(master);
        ConflictStore store(archive.db());
        CHECK(store.list().size() == 3);
        const SyncConflict resolved =
            store.resolve(phoneConflict, ConflictChoice::Package, {}, QStringLiteral("王主任"));
        CHECK(resolved.status == QStringLiteral("resolved"));
        CHECK(resolved.resolvedBy == QStringLiteral("王主任"));
        CHECK(value(master, "customers", c[3], "phone") == QStringLiteral("'P3'"));
        CHECK(value(master, "customers", c[3], "updated_by") == QString::fromUtf8("'王主任'"));
        CHECK_THROWS_WITH(store.resolve(phoneConflict, ConflictChoice::Master, {}, QStringLiteral("x")),
                          Catch::Contains("already resolved"));
        // The office-deleted row comes back with the field's values.
        const qint64 rowConflict = findItem(report.conflicts, c[6])->conflictIds.value(0);
        CHECK_THROWS_WITH(
            store.resolve(rowConflict, ConflictChoice::Value, QStringLiteral("1"), QStringLiteral("x")),
            Catch::Contains("whole row"));
        store.resolve(rowConflict, ConflictChoice::Package, {}, QStringLiteral("王主任"));
        CHECK(value(master, "customers", c[6], "phone") == QStringLiteral("'P6'"));
        // The field deleted a row the office changed: the deletion wins here.
        const qint64 deleteConflict = findItem(report.conflicts, c[7])->conflictIds.value(0);
        store.resolve(deleteConflict, ConflictChoice::Package, {}, QStringLiteral("王主任"));
        CHECK(count(master, QStringLiteral("SELECT count(*) FROM customers WHERE uuid = '%1'").arg(c[7])) ==
              0);
        CHECK(store.list().isEmpty());
        CHECK(store.list(true).size() == 5);
    }
    SECTION("a typed value can be chosen instead") {
        Archive archive = Archive::open(master);
        ConflictStore store(archive.db());
        store.resolve(phoneConflict, ConflictChoice::Value, QStringLiteral("13700000000"),
                      QStringLiteral("me"));
        CHECK(value(master, "customers", c[3], "phone") == QStringLiteral("'13700000000'"));
    }
}

TEST_CASE("two laptops with overlapping scope end the same in either order", "[sync][merge]") {
    ScratchDir dir;
    const QString master = copyMaster(dir);
    const QString a = dir.file(QStringLiteral("a.sqlite"));
    const QString b = dir.file(QStringLiteral("b.sqlite"));
    const QStringList districts = districtsByPlainCustomers(master);
    checkOut(master, a, {districts[1], districts[0]}, QStringLiteral("S002"));
    checkOut(master, b, {districts[0], districts[2]}, QStringLiteral("S003"));
    const QStringList d = plainCustomers(master, districts[0], 6);
    const QString onlyA = customersOf(master, districts[1], 1).value(0);
    const QString onlyB = customersOf(master, districts[2], 1).value(0);
    REQUIRE(d.size() == 6);
    plainSql(a, QStringLiteral(
                    "UPDATE customers SET phone = 'A0' WHERE uuid = '%1';"
                    "UPDATE customers SET phone = 'X' WHERE uuid = '%2';"
                    "UPDATE customers SET phone = 'A2' WHERE uuid = '%3';"
                    "UPDATE customers SET phone = 'A3' WHERE uuid = '%4';"
                    "UPDATE customers SET contracted_capacity = 5 WHERE uuid = '%5';"
                    "UPDATE customers SET geom = MakePoint(X(geom) + 0.001, Y(geom), 4490) WHERE uuid = '%6';"
                    "UPDATE customers SET phone = 'only A' WHERE uuid = '%7';")
                    .arg(d[0], d[1], d[2], d[3], d[4], d[5], onlyA));
    plainSql(b, QStringLiteral(
                    "UPDATE customers SET phone = 'B0' WHERE uuid = '%1';"
                    "UPDATE customers SET phone = 'X' WHERE uuid = '%2';"
                    "UPDATE customers SET address = 'B2' WHERE uuid = '%3';"
                    "UPDATE customers SET contracted_capacity = 6 WHERE uuid = '%4';"
                    "UPDATE customers SET geom = MakePoint(X(geom), Y(geom) + 0.001, 4490) WHERE uuid = '%5';"
                    "UPDATE customers SET phone = 'only B' WHERE uuid = '%6';")
                        .arg(d[0], d[1], d[2], d[4], d[5], onlyB) +
                    deleteCustomer(d[3]));

    const QString first = copyFile(master, dir.file(QStringLiteral("ab.sqlite")));
    const QString second = copyFile(master, dir.file(QStringLiteral("ba.sqlite")));
    const CheckinReport ab1 = checkIn(first, a);
    const CheckinReport ab2 = checkIn(first, b);
    const CheckinReport ba1 = checkIn(second, b);
    const CheckinReport ba2 = checkIn(second, a);
    CHECK(ab1.outcome == CheckinReport::Outcome::Merged);
    CHECK(ba1.outcome == CheckinReport::Outcome::Merged);
    CHECK(ab2.outcome == CheckinReport::Outcome::MergedWithConflicts);
    CHECK(ba2.outcome == CheckinReport::Outcome::MergedWithConflicts);

    CHECK(contentDigest(first, false) == contentDigest(second, false));
    CHECK(conflictFacts(first) == conflictFacts(second));
    for (const QString& m : {first, second}) {
        INFO(m.toStdString());
        // Disagreeing laptops: the value before both stays until decided.
        CHECK(value(m, "customers", d[0], "phone") == value(master, "customers", d[0], "phone"));
        CHECK(value(m, "customers", d[1], "phone") == QStringLiteral("'X'"));
        CHECK(value(m, "customers", d[2], "phone") == QStringLiteral("'A2'"));
        CHECK(value(m, "customers", d[2], "address") == QStringLiteral("'B2'"));
        // Update beats delete until a person decides.
        CHECK(value(m, "customers", d[3], "phone") == QStringLiteral("'A3'"));
        CHECK(value(m, "customers", d[4], "contracted_capacity") ==
              value(master, "customers", d[4], "contracted_capacity"));
        CHECK(value(m, "customers", onlyA, "phone") == QStringLiteral("'only A'"));
        CHECK(value(m, "customers", onlyB, "phone") == QStringLiteral("'only B'"));
        CHECK(count(m, QStringLiteral("SELECT count(*) FROM sync_conflicts WHERE status = 'open'")) == 3);
        CHECK(sqlScalar(m, QStringLiteral("PRAGMA foreign_key_check")).isEmpty());
    }
}

TEST_CASE("the same package twice is a no-op with the same report — its inserts are one row",
          "[sync][ledger]") {
    ScratchDir dir;
    const QString master = copyMaster(dir);
    const QString package = dir.file(QStringLiteral("pk.sqlite"));
    checkOut(master, package, {QStringLiteral("TQ0011")});
    const QString customer = customersOf(package, QStringLiteral("TQ0011"), 1).value(0);
    plainSql(package,
             QStringLiteral("UPDATE customers SET phone = '1' WHERE uuid = '%1';"
                            "INSERT INTO visits (uuid, customer_uuid, visited_at, result) VALUES "
                            "('0c0c0c0c-0000-4000-8000-000000000001', '%1', '2026-11-21T08:00:00Z', 'ok')")
                 .arg(customer));
    const CheckinReport first = checkIn(master, package);
    REQUIRE(first.outcome == CheckinReport::Outcome::Merged);
    CHECK_FALSE(first.repeat);
    CHECK(first.applied.size() == 2);
    const QString afterFirst = test::fileSha256(master);
    const CheckinReport again = checkIn(master, package);
    CHECK(again.repeat);
    CHECK(again.toJson() == first.toJson());
    CHECK(test::fileSha256(master) == afterFirst);
    // A copy of the package (same id, same changes) is the same package.
    const CheckinReport copy = checkIn(master, copyFile(package, dir.file(QStringLiteral("copy.sqlite"))));
    CHECK(copy.repeat);
    CHECK(count(master, QStringLiteral("SELECT count(*) FROM visits WHERE uuid = "
                                       "'0c0c0c0c-0000-4000-8000-000000000001'")) == 1);
    CHECK(count(master, QStringLiteral("SELECT count(*) FROM sync_ledger")) == 1);
    CHECK(sqlScalar(master, QStringLiteral("SELECT status FROM sync_checkouts")) ==
          QStringLiteral("checked_in"));
}
