#include "MasterBackends.h"
#include "SyncTestSupport.h"

#include "sync/ConflictStore.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace recheck;
using namespace recheck::synctest;
using recheck::test::ScratchDir;
using recheck::test::sqlScalar;

namespace {

long long count(const QString& path, const QString& sql) {
    return sqlScalar(path, sql).toLongLong();
}

QStringList anyCustomers(TestMaster& m, const QString& district, int n) {
    return m.column(
        QStringLiteral("SELECT c.uuid FROM customers c JOIN districts d ON d.uuid = c.district_uuid "
                       "WHERE d.code = '%1' ORDER BY c.fid LIMIT %2")
            .arg(district)
            .arg(n));
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

CheckoutResult checkOutFrom(TestMaster& m, const QString& package, const QStringList& districts,
                            const QString& assignee) {
    CheckoutOptions options;
    options.districtCodes = districts;
    options.assignee = assignee;
    options.checkedOutBy = QStringLiteral("tester");
    return m.store().checkout(package, options);
}

CheckinReport checkInTo(TestMaster& m, const QString& package) {
    CheckinOptions options;
    options.checkedInBy = QStringLiteral("office");
    return m.store().checkin(package, options);
}

} // namespace

namespace recheck::synctest {

void runMergeMatrix(TestMaster& master, const ScratchDir& dir, bool resolveInSections) {
    TestMaster& m = master;
    INFO("master: " << m.backend().toStdString());
    const QString package = dir.file(QStringLiteral("pk.sqlite"));
    const QStringList districts = districtsByPlainCustomers(m);
    checkOutFrom(m, package, {districts[0], districts[1]}, QStringLiteral("S004"));
    const QStringList c = plainCustomers(m, districts[0], 12);
    REQUIRE(c.size() == 12);
    const QString basePhone3 = m.quoted(QStringLiteral("customers"), c[3], QStringLiteral("phone"));
    const QString baseVersion0 = m.quoted(QStringLiteral("customers"), c[0], QStringLiteral("row_version"));
    const QString baseCapacity5 =
        m.quoted(QStringLiteral("customers"), c[5], QStringLiteral("contracted_capacity"));
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
    m.officeSql(QStringLiteral("UPDATE customers SET phone = 'SAME' WHERE uuid = '%1';"
                               "UPDATE customers SET address = 'M2 addr' WHERE uuid = '%2';"
                               "UPDATE customers SET phone = 'M3' WHERE uuid = '%3';")
                    .arg(c[1], c[2], c[3]));
    m.officeMovePoint(c[4], -0.0002, 0);
    m.officeSql(QStringLiteral("UPDATE customers SET contracted_capacity = 77 WHERE uuid = '%1';").arg(c[5]) +
                deleteCustomer(c[6]) +
                QStringLiteral("UPDATE customers SET phone = 'M7' WHERE uuid = '%1';").arg(c[7]) +
                deleteCustomer(c[9]) +
                QStringLiteral("UPDATE customers SET phone = 'P10' WHERE uuid = '%1';").arg(c[10]));
    m.officeInsertCustomerLike(officeCustomer, QStringLiteral("OFFICE-1"), QStringLiteral("营业厅新户"),
                               c[11]);

    const CheckinReport report = checkInTo(m, package);
    INFO(report.toText().toStdString());
    REQUIRE(report.outcome == CheckinReport::Outcome::MergedWithConflicts);
    CHECK(report.editor == QStringLiteral("S004"));
    const auto value = [&](const char* table, const QString& uuid, const char* field) {
        return m.quoted(QString::fromLatin1(table), uuid, QString::fromLatin1(field));
    };
    const auto rows = [&](const QString& sql, const QString& uuid) { return m.count(sql.arg(uuid)); };

    // Package only: applied, stamped by Recheck with the inspector.
    CHECK(value("customers", c[0], "phone") == QStringLiteral("'P0'"));
    CHECK(value("customers", c[0], "updated_by") == QStringLiteral("'S004'"));
    CHECK(value("customers", c[0], "row_version").toLongLong() == baseVersion0.toLongLong() + 1);
    CHECK(findItem(report.applied, c[0]));
    // Identical edits: no conflict, nothing written.
    CHECK(value("customers", c[1], "phone") == QStringLiteral("'SAME'"));
    CHECK(findItem(report.unchanged, c[1]));
    // Different fields of one row: both kept.
    CHECK(value("customers", c[2], "phone") == QStringLiteral("'P2'"));
    CHECK(value("customers", c[2], "address") == QStringLiteral("'M2 addr'"));
    CHECK(findItem(report.merged, c[2]));
    // Same field, different values: a conflict; the master keeps its value.
    CHECK(value("customers", c[3], "phone") == QStringLiteral("'M3'"));
    REQUIRE(findItem(report.conflicts, c[3]));
    const qint64 phoneConflict = findItem(report.conflicts, c[3])->conflictIds.value(0);
    {
        const SyncConflict kept = m.conflictOf(c[3], QStringLiteral("phone"));
        CHECK(kept.id == phoneConflict);
        CHECK(sqlQuote(kept.baseValue) + QLatin1Char('|') + kept.packageValue.toString() + QLatin1Char('|') +
                  kept.masterValue.toString() + QLatin1Char('|') + kept.status ==
              basePhone3 + QStringLiteral("|P3|M3|open"));
    }
    // GPS location: the field policy takes the package's point.
    CHECK(m.pointX(c[4]) ==
          sqlScalar(package, QStringLiteral("SELECT X(geom) FROM customers WHERE uuid = '%1'").arg(c[4]))
              .toDouble());
    CHECK(findItem(report.decided, c[4]));
    // Billing: the office keeps its value; the field's is kept in the record.
    CHECK(value("customers", c[5], "contracted_capacity").toDouble() == 77.0);
    CHECK(findItem(report.decided, c[5]));
    {
        const SyncConflict decided = m.conflictOf(c[5]);
        CHECK(sqlQuote(decided.baseValue) + QLatin1Char('|') + sqlQuote(decided.packageValue) +
                  QLatin1Char('|') + decided.status + QLatin1Char('|') + decided.resolution ==
              baseCapacity5 + QStringLiteral("|99.0|resolved|master"));
    }
    // Update against an office delete: a conflict, the row stays deleted.
    CHECK(rows(QStringLiteral("SELECT count(*) FROM customers WHERE uuid = '%1'"), c[6]) == 0);
    REQUIRE(findItem(report.conflicts, c[6]));
    {
        const SyncConflict row = m.conflictOf(c[6]);
        CHECK(row.kind == QStringLiteral("update_delete"));
        CHECK(QJsonDocument::fromJson(row.packageValue.toString().toUtf8())
                  .object()
                  .value(QStringLiteral("phone"))
                  .toString() == QStringLiteral("P6"));
    }
    // Delete against an office update: a conflict, the row is kept.
    CHECK(value("customers", c[7], "phone") == QStringLiteral("'M7'"));
    REQUIRE(findItem(report.conflicts, c[7]));
    CHECK(m.conflictOf(c[7]).kind == QStringLiteral("delete_update"));
    // Delete of an untouched row: deleted, its values kept in a tombstone.
    CHECK(rows(QStringLiteral("SELECT count(*) FROM customers WHERE uuid = '%1'"), c[8]) == 0);
    CHECK(rows(QStringLiteral("SELECT count(*) FROM sync_tombstones WHERE row_uuid = '%1'"), c[8]) == 1);
    // Both deleted: nothing to do.
    CHECK(findItem(report.unchanged, c[9]));
    // One field identical, the other applied beside the office's edit.
    CHECK(value("customers", c[10], "address") == QStringLiteral("'A10'"));
    CHECK(findItem(report.merged, c[10]));
    // Inserts from the field arrive with their uuids; the office's stay.
    CHECK(value("visits", newVisit, "note") == QStringLiteral("'现场核查'"));
    CHECK(value("visits", newVisit, "updated_by") == QStringLiteral("'S004'"));
    CHECK(value("customers", newCustomer, "account_no") == QStringLiteral("'NEW-0001'"));
    CHECK(value("customers", officeCustomer, "account_no") == QStringLiteral("'OFFICE-1'"));

    CHECK(m.count(QStringLiteral("SELECT count(*) FROM sync_conflicts WHERE status = 'open'")) == 3);
    CHECK(report.conflicts.size() == 3);
    CHECK(m.problems().isEmpty());
    // Rows Recheck wrote carry row_version bumps, never the trigger's 'external'.
    CHECK(m.count(QStringLiteral("SELECT count(*) FROM change_log WHERE changed_by = 'S004'")) >= 6);

    if (!resolveInSections)
        return;
    SECTION("conflicts are resolved as tracked edits") {
        MasterStore& store = m.store();
        CHECK(store.conflicts().size() == 3);
        const SyncConflict resolved =
            store.resolve(phoneConflict, ConflictChoice::Package, {}, QStringLiteral("王主任"));
        CHECK(resolved.status == QStringLiteral("resolved"));
        CHECK(resolved.resolvedBy == QStringLiteral("王主任"));
        CHECK(value("customers", c[3], "phone") == QStringLiteral("'P3'"));
        CHECK(value("customers", c[3], "updated_by") == QString::fromUtf8("'王主任'"));
        CHECK_THROWS_WITH(store.resolve(phoneConflict, ConflictChoice::Master, {}, QStringLiteral("x")),
                          Catch::Contains("already resolved"));
        // The office-deleted row comes back with the field's values.
        const qint64 rowConflict = findItem(report.conflicts, c[6])->conflictIds.value(0);
        CHECK_THROWS_WITH(
            store.resolve(rowConflict, ConflictChoice::Value, QStringLiteral("1"), QStringLiteral("x")),
            Catch::Contains("whole row"));
        store.resolve(rowConflict, ConflictChoice::Package, {}, QStringLiteral("王主任"));
        CHECK(value("customers", c[6], "phone") == QStringLiteral("'P6'"));
        // The field deleted a row the office changed: the deletion wins here.
        const qint64 deleteConflict = findItem(report.conflicts, c[7])->conflictIds.value(0);
        store.resolve(deleteConflict, ConflictChoice::Package, {}, QStringLiteral("王主任"));
        CHECK(rows(QStringLiteral("SELECT count(*) FROM customers WHERE uuid = '%1'"), c[7]) == 0);
        CHECK(store.conflicts().isEmpty());
        CHECK(store.conflicts(true).size() == 5);
        CHECK(m.problems().isEmpty());
    }
    SECTION("a typed value can be chosen instead") {
        m.store().resolve(phoneConflict, ConflictChoice::Value, QStringLiteral("13700000000"),
                          QStringLiteral("me"));
        CHECK(value("customers", c[3], "phone") == QStringLiteral("'13700000000'"));
    }
}

void runTwoLaptops(TestMaster& master, const ScratchDir& dir) {
    TestMaster& m = master;
    INFO("master: " << m.backend().toStdString());
    const QString a = dir.file(QStringLiteral("a.sqlite"));
    const QString b = dir.file(QStringLiteral("b.sqlite"));
    const QStringList districts = districtsByPlainCustomers(m);
    checkOutFrom(m, a, {districts[1], districts[0]}, QStringLiteral("S002"));
    checkOutFrom(m, b, {districts[0], districts[2]}, QStringLiteral("S003"));
    const QStringList d = plainCustomers(m, districts[0], 6);
    const QString onlyA = anyCustomers(m, districts[1], 1).value(0);
    const QString onlyB = anyCustomers(m, districts[2], 1).value(0);
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

    const std::unique_ptr<TestMaster> first = m.copy();
    const std::unique_ptr<TestMaster> second = m.copy();
    const CheckinReport ab1 = checkInTo(*first, a);
    const CheckinReport ab2 = checkInTo(*first, b);
    const CheckinReport ba1 = checkInTo(*second, b);
    const CheckinReport ba2 = checkInTo(*second, a);
    CHECK(ab1.outcome == CheckinReport::Outcome::Merged);
    CHECK(ba1.outcome == CheckinReport::Outcome::Merged);
    CHECK(ab2.outcome == CheckinReport::Outcome::MergedWithConflicts);
    CHECK(ba2.outcome == CheckinReport::Outcome::MergedWithConflicts);

    CHECK(first->contentDigest(false).toStdString() == second->contentDigest(false).toStdString());
    CHECK(first->conflictFacts() == second->conflictFacts());
    const auto before = [&](const QString& uuid, const char* field) {
        return m.quoted(QStringLiteral("customers"), uuid, QString::fromLatin1(field));
    };
    for (TestMaster* after : {first.get(), second.get()}) {
        const auto value = [&](const QString& uuid, const char* field) {
            return after->quoted(QStringLiteral("customers"), uuid, QString::fromLatin1(field));
        };
        // Disagreeing laptops: the value before both stays until decided.
        CHECK(value(d[0], "phone") == before(d[0], "phone"));
        CHECK(value(d[1], "phone") == QStringLiteral("'X'"));
        CHECK(value(d[2], "phone") == QStringLiteral("'A2'"));
        CHECK(value(d[2], "address") == QStringLiteral("'B2'"));
        // Update beats delete until a person decides.
        CHECK(value(d[3], "phone") == QStringLiteral("'A3'"));
        CHECK(value(d[4], "contracted_capacity") == before(d[4], "contracted_capacity"));
        CHECK(value(onlyA, "phone") == QStringLiteral("'only A'"));
        CHECK(value(onlyB, "phone") == QStringLiteral("'only B'"));
        CHECK(after->count(QStringLiteral("SELECT count(*) FROM sync_conflicts WHERE status = 'open'")) == 3);
        CHECK(after->problems().isEmpty());
    }
}

} // namespace recheck::synctest

TEST_CASE("merge matrix: each side inserts, updates or deletes — same or other field — same or other value",
          "[sync][merge]") {
    ScratchDir dir;
    SpatiaLiteTestMaster master(dir);
    runMergeMatrix(master, dir);
}

TEST_CASE("two laptops with overlapping scope end the same in either order", "[sync][merge]") {
    ScratchDir dir;
    SpatiaLiteTestMaster master(dir);
    runTwoLaptops(master, dir);
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
