#include "SyncTestSupport.h"

#include "sync/BaseDigest.h"
#include "sync/ChangeSet.h"
#include "sync/PackageMeta.h"
#include "sync/SyncTables.h"

#include <QFileInfo>

using namespace recheck;
using namespace recheck::synctest;
using recheck::test::ScratchDir;
using recheck::test::sqlScalar;

namespace {

long long count(const QString& path, const QString& sql) {
    return sqlScalar(path, sql).toLongLong();
}

// Rows of `table` in the package that match the master row of the same uuid
// in every column (row stamps and fid included).
long long identicalRows(const QString& package, const QString& master, const QString& table) {
    SqliteDatabase db(package, SqliteDatabase::Mode::ReadOnly);
    SqliteStatement attach(db, QStringLiteral("ATTACH DATABASE ? AS m"));
    attach.bind(1, master);
    attach.step();
    QStringList same;
    SqliteStatement info(db, QStringLiteral("SELECT name FROM pragma_table_info('%1')").arg(table));
    while (info.step())
        same << QStringLiteral("p.\"%1\" IS c.\"%1\"").arg(info.text(0));
    return db
        .scalar(QStringLiteral("SELECT count(*) FROM main.%1 p JOIN m.%1 c ON c.uuid = p.uuid WHERE %2")
                    .arg(table, same.join(QStringLiteral(" AND "))))
        .toLongLong();
}

} // namespace

TEST_CASE("check-out copies the scope exactly, with base, metadata and a record in the master",
          "[sync][checkout]") {
    ScratchDir dir;
    const QString master = copyMaster(dir);
    const QString package = dir.file(QStringLiteral("pk.sqlite"));
    const QStringList scope = {QStringLiteral("TQ0003"), QStringLiteral("TQ0007")};
    const CheckoutResult result = checkOut(master, package, scope, QStringLiteral("S004"));
    REQUIRE(QFileInfo::exists(package));
    CHECK_FALSE(QFileInfo::exists(package + QStringLiteral(".partial")));

    const QString inScope = QStringLiteral("(SELECT uuid FROM districts WHERE code IN ('TQ0003', 'TQ0007'))");
    // Expected counts from the master with plain SQL.
    const long long customers = count(
        master, QStringLiteral("SELECT count(*) FROM customers WHERE district_uuid IN %1").arg(inScope));
    REQUIRE(customers > 100);
    CHECK(count(package, QStringLiteral("SELECT count(*) FROM customers")) == customers);
    CHECK(count(package, QStringLiteral("SELECT count(*) FROM districts")) == 2);
    CHECK(count(package, QStringLiteral("SELECT count(*) FROM tasks")) ==
          count(master, QStringLiteral("SELECT count(*) FROM tasks WHERE district_uuid IN %1").arg(inScope)));
    CHECK(count(package, QStringLiteral("SELECT count(*) FROM visits")) ==
          count(master, QStringLiteral("SELECT count(*) FROM visits WHERE customer_uuid IN (SELECT uuid FROM "
                                       "customers WHERE district_uuid IN %1)")
                            .arg(inScope)));
    CHECK(count(package, QStringLiteral("SELECT count(*) FROM staff")) ==
          count(master, QStringLiteral("SELECT count(*) FROM staff")));
    CHECK(count(package, QStringLiteral("SELECT count(*) FROM code_lists")) ==
          count(master, QStringLiteral("SELECT count(*) FROM code_lists")));
    CHECK(count(package, QStringLiteral("SELECT count(*) FROM visits")) > 0);
    CHECK(count(package, QStringLiteral("SELECT count(*) FROM discrepancies")) > 0);

    // uuids, row versions, stamps and values exactly as in the master.
    qint64 total = 0;
    for (const auto& [table, rows] : result.rowsPerTable) {
        INFO(table.toStdString());
        CHECK(count(package, QStringLiteral("SELECT count(*) FROM %1").arg(table)) == rows);
        CHECK(identicalRows(package, master, table) == rows);
        CHECK(count(package, QStringLiteral("SELECT count(*) FROM %1").arg(SyncTables::baseTable(table))) ==
              rows);
        total += rows;
    }
    CHECK(total == result.rows);

    // Nothing pending, references whole, spatial index filled.
    CHECK(count(package, QStringLiteral("SELECT count(*) FROM change_log")) == 0);
    CHECK(sqlScalar(package, QStringLiteral("PRAGMA integrity_check")) == QStringLiteral("ok"));
    CHECK(sqlScalar(package, QStringLiteral("SELECT count(*) FROM pragma_foreign_key_check")) ==
          QStringLiteral("0"));
    CHECK(count(package, QStringLiteral("SELECT count(*) FROM idx_customers_geom")) == customers);
    CHECK(
        count(package, QStringLiteral("SELECT count(*) FROM customers WHERE fid IN (SELECT pkid FROM "
                                      "idx_customers_geom WHERE xmin <= MbrMaxX(customers.geom) AND xmax >= "
                                      "MbrMinX(customers.geom))")) == customers);

    // Metadata in the package and the record in the master agree.
    Archive opened = Archive::open(package, Archive::Access::ReadOnly);
    CHECK(opened.info().role == ArchiveInfo::Role::Package);
    const PackageMeta meta = PackageMeta::read(opened.db());
    CHECK(meta.packageId == opened.info().id);
    CHECK(meta.masterId ==
          sqlScalar(master, QStringLiteral("SELECT value FROM archive_meta WHERE key = 'archive_id'")));
    CHECK(meta.districtCodes == scope);
    CHECK(meta.assignee == QStringLiteral("S004"));
    CHECK(meta.checkedOutBy == QStringLiteral("tester"));
    CHECK(meta.schemaVersion == ArchiveSchema::currentVersion());
    CHECK(meta.srid == 4490);
    CHECK(meta.appVersion == QStringLiteral(RECHECK_VERSION));
    CHECK_FALSE(meta.host.isEmpty());
    CHECK(meta.baseRows == total);
    // Each base table's rows (the check-in's hint for splitting its diff).
    REQUIRE(meta.baseRowsPerTable.size() == static_cast<int>(ArchiveSchema::syncedTables().size()));
    qint64 perTableTotal = 0;
    for (const SyncedTable& table : ArchiveSchema::syncedTables()) {
        CHECK(
            meta.baseRowsPerTable.value(table.name, -1) ==
            opened.db()
                .scalar(QStringLiteral("SELECT count(*) FROM \"%1\"").arg(SyncTables::baseTable(table.name)))
                .toLongLong());
        perTableTotal += meta.baseRowsPerTable.value(table.name);
    }
    CHECK(perTableTotal == total);
    CHECK(meta.columnHash.size() == 64);
    // The per-table digest, taken on two connections at check-out, is the
    // one a single connection computes.
    CHECK(BaseDigest::formatOf(meta.baseDigest) == BaseDigest::Format::PerTable);
    CHECK(BaseDigest::compute(opened.db(), BaseDigest::Format::PerTable) == meta.baseDigest);
    CHECK(sqlScalar(master, QStringLiteral("SELECT base_digest || '/' || status || '/' || updated_by FROM "
                                           "sync_checkouts WHERE package_id = '%1'")
                                .arg(meta.packageId)) == meta.baseDigest + QStringLiteral("/out/tester"));
    CHECK(PackageChangeReader(opened.db()).read().rows.empty());
}

TEST_CASE("check-out refuses unknown districts and existing files and leaves nothing behind",
          "[sync][checkout]") {
    ScratchDir dir;
    const QString master = copyMaster(dir);
    const QString before = test::fileSha256(master);
    const QString package = dir.file(QStringLiteral("pk.sqlite"));
    CHECK_THROWS_WITH(checkOut(master, package, {QStringLiteral("TQ0001"), QStringLiteral("NOPE")}),
                      Catch::Contains("NOPE"));
    CHECK_THROWS_WITH(checkOut(master, package, {QStringLiteral("TQ0001")}, QStringLiteral("S999")),
                      Catch::Contains("S999"));
    CHECK_FALSE(QFileInfo::exists(package));
    CHECK_FALSE(QFileInfo::exists(package + QStringLiteral(".partial")));
    CHECK(test::fileSha256(master) == before);

    checkOut(master, package, {QStringLiteral("TQ0001")});
    CHECK_THROWS_WITH(checkOut(master, package, {QStringLiteral("TQ0002")}), Catch::Contains("exists"));
    // Checking out of a package is refused too.
    CHECK_THROWS_WITH(checkOut(package, dir.file(QStringLiteral("pk2.sqlite")), {QStringLiteral("TQ0001")}),
                      Catch::Contains("package"));
}

TEST_CASE("status lists net changes per row with the changed fields", "[sync][status]") {
    ScratchDir dir;
    const QString master = copyMaster(dir);
    const QString package = dir.file(QStringLiteral("pk.sqlite"));
    checkOut(master, package, {QStringLiteral("TQ0002")});
    const QStringList c = customersOf(package, QStringLiteral("TQ0002"), 4);
    const long long scopeRows = count(
        package, QStringLiteral("SELECT count(*) FROM task_scope WHERE customer_uuid = '%1'").arg(c[2]));
    REQUIRE(scopeRows >= 1);
    const QString oldPhone =
        sqlScalar(package, QStringLiteral("SELECT phone FROM customers WHERE uuid = '%1'").arg(c[0]));
    // As sqlite3 would: a change and a later change of the same field, an edit
    // undone, a delete, an insert.
    plainSql(package,
             QStringLiteral("UPDATE customers SET phone = '111' WHERE uuid = '%1';"
                            "UPDATE customers SET phone = '222', address = 'New street 9' WHERE uuid = '%1';"
                            "UPDATE customers SET name = name || 'x' WHERE uuid = '%2';"
                            "UPDATE customers SET name = substr(name, 1, length(name) - 1) WHERE uuid = '%2';"
                            "DELETE FROM task_scope WHERE customer_uuid = '%3';"
                            "INSERT INTO discrepancies (customer_uuid, field, archive_value, observed_value) "
                            "VALUES ('%4', 'phone', 'a', 'b')")
                 .arg(c[0], c[1], c[2], c[3]));
    Archive opened = Archive::open(package, Archive::Access::ReadOnly);
    const ChangeSet changes = PackageChangeReader(opened.db()).read();
    CHECK(changes.damage.empty());
    REQUIRE(static_cast<long long>(changes.rows.size()) == 2 + scopeRows);
    CHECK(changes.count(ChangeOp::Update) == 1);
    CHECK(changes.count(ChangeOp::Delete) == scopeRows);
    CHECK(changes.count(ChangeOp::Insert) == 1);
    const RowChange& update = *std::find_if(changes.rows.begin(), changes.rows.end(),
                                            [](const RowChange& r) { return r.op == ChangeOp::Update; });
    CHECK(update.uuid == c[0]);
    const SyncTableLayout& layout = changes.layoutOf(update);
    QStringList fields;
    for (int col : update.changed)
        fields << layout.dataColumns[col];
    fields.sort();
    CHECK(fields == QStringList{QStringLiteral("address"), QStringLiteral("phone")});
    CHECK(update.base[layout.dataIndex.value(QStringLiteral("phone"))].toString() == oldPhone);
    CHECK(update.current[layout.dataIndex.value(QStringLiteral("phone"))].toString() ==
          QStringLiteral("222"));
    const QJsonObject json = changes.toJson();
    CHECK(json.value(QStringLiteral("pending")).toInt() == 2 + scopeRows);
    CHECK(changes.toText().contains(QStringLiteral("phone: %1 → 222").arg(oldPhone)));
    // The hash is a function of the changes: reading twice gives the same.
    CHECK(PackageChangeReader(opened.db()).read().sha256() == changes.sha256());
}
