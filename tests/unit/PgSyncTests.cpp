// Check-out and check-in against the PostgreSQL master (core/master's
// PgMasterSync running core/sync's merge), on the throw-away server of
// tests/pg: round trip with row versions, a field conflict kept, a check-in
// racing another connection that edits the same customers, and two counties
// checked in at once.

#include "MasterBackends.h"
#include "PgTestSupport.h"
#include "SyncTestSupport.h"
#include "TestSupport.h"

#include "archive/Archive.h"
#include "archive/DemoCountyGenerator.h"
#include "common/Sqlite.h"
#include "master/PgConnection.h"
#include "master/PgMasterMigration.h"
#include "master/PgMasterSchema.h"
#include "master/PgMasterStore.h"
#include "master/PgMasterSync.h"
#include "master/SpatiaLiteMasterStore.h"
#include "sync/ChangeSet.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QThread>

#include <atomic>
#include <future>
#include <thread>

using namespace recheck;
using recheck::test::PgTestDatabase;
using recheck::test::ScratchDir;
using recheck::test::sqlScalar;

namespace {

const QString kEast = QStringLiteral("东区");
const QString kWest = QStringLiteral("西区");

QString districtOf(PgConnection& pg, const QString& county, int nth = 0) {
    return pg
        .scalar(
            QStringLiteral("SELECT code FROM districts WHERE county = $1 ORDER BY code OFFSET $2 LIMIT 1"),
            {county, nth})
        .toString();
}

CheckoutOptions scope(const QString& district) {
    CheckoutOptions options;
    options.districtCodes = QStringList{district};
    options.checkedOutBy = QStringLiteral("tester");
    return options;
}

CheckinOptions office() {
    CheckinOptions options;
    options.checkedInBy = QStringLiteral("office");
    return options;
}

QStringList customersOf(const QString& package, int count) {
    QStringList uuids;
    SqliteDatabase db(package, SqliteDatabase::Mode::ReadOnly);
    SqliteStatement st(db, QStringLiteral("SELECT uuid FROM customers ORDER BY account_no LIMIT ?"));
    st.bind(1, static_cast<std::int64_t>(count));
    while (st.step())
        uuids << st.text(0);
    return uuids;
}

QString sqlList(const QStringList& uuids) {
    return QLatin1Char('\'') + uuids.join(QStringLiteral("', '")) + QLatin1Char('\'');
}

QVariant pgValue(PgConnection& pg, const QString& sql, const QVariantList& params = {}) {
    return pg.scalar(sql, params);
}

} // namespace

TEST_CASE("PostgreSQL master: check-out of a district then edits and check-in bump row versions",
          "[pg][pgsync]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    PgMasterStore store(database.conninfo());
    const QString spatialite = synctest::migratedTwoCountyMaster(dir, store);
    PgConnection& pg = store.connection();
    const QString district = districtOf(pg, kEast);
    REQUIRE_FALSE(district.isEmpty());

    const QString package = dir.file(QStringLiteral("pg-package.sqlite"));
    const CheckoutResult out = store.checkout(package, scope(district));
    REQUIRE(QFileInfo::exists(package));
    CHECK(out.meta.masterId == store.meta(QStringLiteral("archive_id")));
    // No scratch files left beside the package.
    CHECK(QDir(dir.path())
              .entryList(QStringList{QStringLiteral(".recheck-pg-*")}, QDir::AllEntries | QDir::Hidden)
              .isEmpty());
    // The master's record names the package.
    CHECK(pgValue(pg, QStringLiteral("SELECT package_name FROM sync_checkouts WHERE package_id = $1"),
                  {out.meta.packageId})
              .toString() == QLatin1String("pg-package.sqlite"));

    // The same rows, values, fids and row versions as a check-out of the
    // same district from the SpatiaLite master they were migrated from.
    const QString reference = dir.file(QStringLiteral("spatialite-package.sqlite"));
    const CheckoutResult direct = SpatiaLiteMasterStore(spatialite).checkout(reference, scope(district));
    CHECK(out.rowsPerTable == direct.rowsPerTable);
    CHECK(out.rows > 0);
    CHECK(out.meta.baseRows == direct.meta.baseRows);
    CHECK(out.meta.baseDigest == direct.meta.baseDigest);

    // Edits on the laptop, made with plain SQL.
    const QStringList edited = customersOf(package, 3);
    REQUIRE(edited.size() == 3);
    const qlonglong versionBefore =
        pgValue(pg, QStringLiteral("SELECT row_version FROM customers WHERE uuid = $1"), {edited[0]})
            .toLongLong();
    synctest::plainSql(package,
                       QStringLiteral("UPDATE customers SET phone = '13900000001' WHERE uuid = '%1'; "
                                      "UPDATE customers SET name = '改名' WHERE uuid = '%2'; "
                                      "UPDATE customers SET address = '新地址 1 号' WHERE uuid = '%3'")
                           .arg(edited[0], edited[1], edited[2]));
    const qlonglong logBefore = pgValue(pg, QStringLiteral("SELECT count(*) FROM change_log")).toLongLong();

    const CheckinReport report = store.checkin(package, office());
    INFO(report.toText().toStdString());
    REQUIRE(report.outcome == CheckinReport::Outcome::Merged);
    CHECK(report.applied.size() == 3);
    CHECK(report.conflicts.isEmpty());

    CHECK(
        pgValue(pg, QStringLiteral("SELECT phone FROM customers WHERE uuid = $1"), {edited[0]}).toString() ==
        QLatin1String("13900000001"));
    CHECK(pgValue(pg, QStringLiteral("SELECT name FROM customers WHERE uuid = $1"), {edited[1]}).toString() ==
          QStringLiteral("改名"));
    CHECK(pgValue(pg, QStringLiteral("SELECT address FROM customers WHERE uuid = $1"), {edited[2]})
              .toString() == QStringLiteral("新地址 1 号"));
    CHECK(pgValue(pg, QStringLiteral("SELECT row_version FROM customers WHERE uuid = $1"), {edited[0]})
              .toLongLong() == versionBefore + 1);
    CHECK(pgValue(pg, QStringLiteral("SELECT updated_by FROM customers WHERE uuid = $1"), {edited[0]})
              .toString() == report.editor);
    // Captured by the master's triggers, in the county's partition.
    CHECK(pgValue(pg, QStringLiteral(
                          "SELECT count(*) FROM change_log WHERE seq > (SELECT max(seq) - 3 FROM change_log) "
                          "AND op = 'update' AND table_name = 'customers'"))
              .toLongLong() == 3);
    CHECK(pgValue(pg, QStringLiteral("SELECT count(*) FROM change_log")).toLongLong() == logBefore + 3);
    CHECK(pgValue(pg, QStringLiteral("SELECT count(*) FROM customers_default")).toLongLong() == 0);
    CHECK(pgValue(pg, QStringLiteral("SELECT status FROM sync_checkouts WHERE package_id = $1"),
                  {out.meta.packageId})
              .toString() == QLatin1String("checked_in"));
    CHECK(pgValue(pg, QStringLiteral("SELECT changeset_sha256 FROM sync_ledger WHERE package_id = $1"),
                  {out.meta.packageId})
              .toString() == report.changesetSha256);

    // The same package again: a no-op with the same report.
    const CheckinReport again = store.checkin(package, office());
    CHECK(again.repeat);
    CHECK(again.changesetSha256 == report.changesetSha256);
    CHECK(again.applied.size() == 3);
    CHECK(pgValue(pg, QStringLiteral("SELECT count(*) FROM change_log")).toLongLong() == logBefore + 3);

    // Edited after check-in: refused, naming the package, nothing written.
    synctest::plainSql(package,
                       QStringLiteral("UPDATE customers SET phone = '1' WHERE uuid = '%1'").arg(edited[1]));
    const CheckinReport edited2 = store.checkin(package, office());
    CHECK(edited2.outcome == CheckinReport::Outcome::Refused);
    REQUIRE_FALSE(edited2.refused.isEmpty());
    CHECK_THAT(edited2.refused.first().detail.toStdString(), Catch::Contains("edited after check-in") &&
                                                                 Catch::Contains(package.toStdString()) &&
                                                                 !Catch::Contains("staging"));
    CHECK(pgValue(pg, QStringLiteral("SELECT count(*) FROM change_log")).toLongLong() == logBefore + 3);
}

TEST_CASE("PostgreSQL master: inserts and deletes from a package and a field conflict kept and resolved",
          "[pg][pgsync]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    PgMasterStore store(database.conninfo());
    synctest::migratedTwoCountyMaster(dir, store);
    PgConnection& pg = store.connection();
    const QString district = districtOf(pg, kWest);
    const QString package = dir.file(QStringLiteral("p.sqlite"));
    const CheckoutResult out = store.checkout(package, scope(district));
    QStringList c = customersOf(package, 2);
    // A customer nothing refers to, and one with visits.
    c << sqlScalar(package,
                   QStringLiteral("SELECT uuid FROM customers c WHERE NOT EXISTS (SELECT 1 FROM visits v "
                                  "WHERE v.customer_uuid = c.uuid) AND NOT EXISTS (SELECT 1 FROM "
                                  "discrepancies d WHERE d.customer_uuid = c.uuid) AND uuid NOT IN (%1) "
                                  "ORDER BY account_no LIMIT 1")
                       .arg(sqlList(c)));
    c << sqlScalar(package, QStringLiteral("SELECT customer_uuid FROM visits WHERE customer_uuid NOT IN (%1) "
                                           "ORDER BY customer_uuid LIMIT 1")
                                .arg(sqlList(c)));
    REQUIRE(c.size() == 4);
    REQUIRE_FALSE(c[2].isEmpty());
    REQUIRE_FALSE(c[3].isEmpty());

    // The office edits customer 0's phone and customer 1's name meanwhile.
    pg.query(QStringLiteral("UPDATE customers SET phone = '111' WHERE uuid = $1"), {c[0]});
    pg.query(QStringLiteral("UPDATE customers SET name = '办公室改' WHERE uuid = $1"), {c[1]});
    // The inspector: a different phone for 0 (conflict), the address of 1
    // (merges beside the office's name), a new customer, two deleted ones
    // (the one with visits cannot go: a conflict keeps it).
    const QString newUuid = QStringLiteral("0f6c2b6e-1f0a-4f5e-9a49-000000000001");
    synctest::plainSql(
        package, QStringLiteral(
                     "UPDATE customers SET phone = '222' WHERE uuid = '%1'; "
                     "UPDATE customers SET address = '现场地址' WHERE uuid = '%2'; "
                     "INSERT INTO customers (uuid, account_no, name, district_uuid, geom) "
                     "SELECT '%3', 'NEW-0001', '新户', district_uuid, geom FROM customers WHERE uuid = '%2'; "
                     "DELETE FROM task_scope WHERE customer_uuid IN ('%4', '%5'); "
                     "DELETE FROM customers WHERE uuid IN ('%4', '%5')")
                     .arg(c[0], c[1], newUuid, c[2], c[3]));

    const CheckinReport report = store.checkin(package, office());
    INFO(report.toText().toStdString());
    REQUIRE(report.outcome == CheckinReport::Outcome::MergedWithConflicts);
    CHECK(pgValue(pg, QStringLiteral("SELECT phone FROM customers WHERE uuid = $1"), {c[0]}).toString() ==
          QLatin1String("111"));
    CHECK(pgValue(pg, QStringLiteral("SELECT name FROM customers WHERE uuid = $1"), {c[1]}).toString() ==
          QStringLiteral("办公室改"));
    CHECK(pgValue(pg, QStringLiteral("SELECT address FROM customers WHERE uuid = $1"), {c[1]}).toString() ==
          QStringLiteral("现场地址"));
    // The new customer lands in its district's county partition.
    CHECK(pgValue(pg, QStringLiteral("SELECT county FROM customers WHERE uuid = $1"), {newUuid}).toString() ==
          kWest);
    CHECK(
        pgValue(pg, QStringLiteral("SELECT row_version FROM customers WHERE uuid = $1"), {newUuid}).toInt() ==
        1);
    CHECK(pgValue(pg, QStringLiteral("SELECT count(*) FROM customers WHERE uuid = $1"), {c[2]}).toInt() == 0);
    CHECK(pgValue(pg, QStringLiteral("SELECT count(*) FROM sync_tombstones WHERE row_uuid = $1"), {c[2]})
              .toInt() == 1);
    CHECK(pgValue(pg, QStringLiteral("SELECT count(*) FROM customers WHERE uuid = $1"), {c[3]}).toInt() == 1);
    CHECK(pgValue(pg, QStringLiteral("SELECT kind FROM sync_conflicts WHERE row_uuid = $1"), {c[3]})
              .toString() == QLatin1String("delete_update"));

    // The conflict is kept in PostgreSQL with all three values, under the id
    // the report names.
    qint64 conflictId = 0;
    for (const CheckinItem& item : report.conflicts)
        if (item.uuid == c[0] && item.fields == QStringList{QStringLiteral("phone")})
            conflictId = item.conflictIds.value(0);
    REQUIRE(conflictId > 0);
    const PgResult kept = pg.query(
        QStringLiteral("SELECT table_name, row_uuid, field, base_value, package_value, master_value, status "
                       "FROM sync_conflicts WHERE id = $1"),
        {conflictId});
    REQUIRE(kept.rows() == 1);
    CHECK(kept.text(0, 2) == QLatin1String("phone"));
    CHECK(sqlValueFromPgJson(kept.bytes(0, 4)).toString() == QLatin1String("222"));
    CHECK(sqlValueFromPgJson(kept.bytes(0, 5)).toString() == QLatin1String("111"));
    CHECK(kept.text(0, 6) == QLatin1String("open"));
    const QList<SyncConflict> open = store.conflicts();
    REQUIRE(open.size() == 2);
    CHECK(open.first().id == conflictId);
    CHECK(open.first().currentValue.toString() == QLatin1String("111"));
    CHECK(open.first().rowExists);
    CHECK(open.last().kind == QLatin1String("delete_update"));
    CHECK(open.last().rowExists);

    // Resolved in favour of the package: written as a tracked edit.
    const qlonglong version =
        pgValue(pg, QStringLiteral("SELECT row_version FROM customers WHERE uuid = $1"), {c[0]}).toLongLong();
    const SyncConflict resolved =
        store.resolve(conflictId, ConflictChoice::Package, {}, QStringLiteral("主管"));
    CHECK(resolved.status == QLatin1String("resolved"));
    CHECK(pgValue(pg, QStringLiteral("SELECT phone FROM customers WHERE uuid = $1"), {c[0]}).toString() ==
          QLatin1String("222"));
    CHECK(pgValue(pg, QStringLiteral("SELECT row_version FROM customers WHERE uuid = $1"), {c[0]})
              .toLongLong() == version + 1);
    CHECK(pgValue(pg, QStringLiteral("SELECT status FROM sync_conflicts WHERE id = $1"), {conflictId})
              .toString() == QLatin1String("resolved"));
    CHECK(store.conflicts().size() == 1);
    CHECK(store.conflicts(true).size() == 2);
}

TEST_CASE("PostgreSQL master: a check-in racing another connection on the same customers retries and is "
          "never half-applied",
          "[pg][pgsync]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    PgMasterStore store(database.conninfo());
    synctest::migratedTwoCountyMaster(dir, store);
    PgConnection& pg = store.connection();
    const QString package = dir.file(QStringLiteral("race.sqlite"));
    store.checkout(package, scope(districtOf(pg, kEast)));
    const QStringList c = customersOf(package, 40);
    REQUIRE(c.size() == 40);
    synctest::plainSql(
        package,
        QStringLiteral("UPDATE customers SET phone = 'P-' || account_no WHERE uuid IN (%1)").arg(sqlList(c)));

    // An office user holds an uncommitted edit of the last customer (the
    // address, a field the package did not touch; and the phone of the
    // first, the package's field).
    PgConnection officeUser(database.conninfo());
    officeUser.exec(QStringLiteral("BEGIN"));
    officeUser.query(QStringLiteral("UPDATE customers SET address = address || ' (办公室)' WHERE uuid = $1"),
                     {c.last()});
    officeUser.query(QStringLiteral("UPDATE customers SET phone = 'OFFICE' WHERE uuid = $1"), {c.first()});

    PgMasterStore checkinStore(database.conninfo());
    PgMasterSync sync(checkinStore);
    auto checkin = std::async(std::launch::async, [&] { return sync.checkin(package, office()); });

    // The check-in has written the other rows in its transaction and waits
    // for the office user's row lock: none of its writes is visible.
    PgConnection watcher(database.conninfo());
    bool waiting = false;
    for (int i = 0; i < 400 && !waiting; ++i) {
        waiting = watcher
                      .scalar(QStringLiteral(
                          "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                          "AND wait_event_type = 'Lock'"))
                      .toInt() > 0;
        if (!waiting)
            QThread::msleep(25);
    }
    REQUIRE(waiting);
    CHECK(watcher.scalar(QStringLiteral("SELECT count(*) FROM customers WHERE phone LIKE 'P-%'")).toInt() ==
          0);
    CHECK(watcher.scalar(QStringLiteral("SELECT count(*) FROM sync_ledger")).toInt() == 0);

    officeUser.exec(QStringLiteral("COMMIT"));
    const CheckinReport report = checkin.get();
    INFO(report.toText().toStdString());
    // The committed office edit made PostgreSQL abort the first attempt
    // (40001); the retry merged against the office's values.
    CHECK(sync.lastAttempts() >= 2);
    REQUIRE(report.outcome == CheckinReport::Outcome::MergedWithConflicts);
    // Everything of the package is in, once: 39 phones; the first customer's
    // phone is a kept conflict with the office's value standing.
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM customers WHERE phone LIKE 'P-%'")).toInt() == 39);
    CHECK(pg.scalar(QStringLiteral("SELECT phone FROM customers WHERE uuid = $1"), {c.first()}).toString() ==
          QLatin1String("OFFICE"));
    CHECK(pg.scalar(
                QStringLiteral("SELECT count(*) FROM sync_conflicts WHERE row_uuid = $1 AND field = 'phone' "
                               "AND status = 'open'"),
                {c.first()})
              .toInt() == 1);
    // The office's address stands beside the package's phone.
    CHECK(
        pg.scalar(QStringLiteral(
                      "SELECT address LIKE '%(办公室)' AND phone LIKE 'P-%' FROM customers WHERE uuid = $1"),
                  {c.last()})
            .toString() == QLatin1String("t"));
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM sync_ledger")).toInt() == 1);
    CHECK(pg.scalar(QStringLiteral(
                        "SELECT count(*) FROM change_log WHERE table_name = 'customers' AND op = 'update' "
                        "AND changed_by = $1"),
                    {report.editor})
              .toInt() == 39);

    // And with an office user editing the same customers in a loop the
    // whole time: the check-in of a second package ends merged, all or none.
    const QString second = dir.file(QStringLiteral("race2.sqlite"));
    store.checkout(second, scope(districtOf(pg, kEast, 1)));
    const QStringList d = customersOf(second, 60);
    synctest::plainSql(
        second,
        QStringLiteral("UPDATE customers SET phone = 'Q-' || account_no WHERE uuid IN (%1)").arg(sqlList(d)));
    std::atomic<bool> stop{false};
    std::atomic<int> officeEdits{0};
    std::thread editor([&] {
        PgConnection loop(database.conninfo());
        int i = 0;
        while (!stop.load()) {
            loop.query(QStringLiteral("UPDATE customers SET address = 'loop ' || $2 WHERE uuid = $1"),
                       {d[i % d.size()], i});
            ++officeEdits;
            ++i;
        }
    });
    PgMasterSync sync2(checkinStore);
    CheckinReport looped;
    try {
        looped = sync2.checkin(second, office());
    } catch (const RecheckError& e) {
        stop = true;
        editor.join();
        FAIL("check-in beside an editing loop failed after " << sync2.lastAttempts()
                                                             << " attempts: " << e.what());
    }
    stop = true;
    editor.join();
    INFO("attempts: " << sync2.lastAttempts());
    INFO(looped.toText().toStdString());
    CHECK(officeEdits.load() > 0);
    CHECK(looped.outcome == CheckinReport::Outcome::Merged);
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM customers WHERE phone LIKE 'Q-%'")).toInt() == 60);
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM sync_ledger")).toInt() == 2);
}

TEST_CASE("PostgreSQL master: check-ins of two counties run at the same time and both succeed",
          "[pg][pgsync]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    PgMasterStore store(database.conninfo());
    synctest::migratedTwoCountyMaster(dir, store);
    PgConnection& pg = store.connection();
    QStringList packages;
    for (const QString& county : {kEast, kWest}) {
        const QString package = dir.file(QStringLiteral("county-%1.sqlite").arg(packages.size()));
        store.checkout(package, scope(districtOf(pg, county)));
        synctest::plainSql(
            package,
            QStringLiteral("UPDATE customers SET phone = 'C%1-' || account_no").arg(packages.size()));
        packages << package;
    }
    std::vector<std::future<std::pair<CheckinReport, int>>> runs;
    for (const QString& package : packages)
        runs.push_back(std::async(std::launch::async, [&database, package] {
            PgMasterStore own(database.conninfo());
            PgMasterSync sync(own);
            CheckinReport report = sync.checkin(package, office());
            return std::make_pair(report, sync.lastAttempts());
        }));
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto [report, attempts] = runs[i].get();
        INFO(report.toText().toStdString());
        CHECK(report.outcome == CheckinReport::Outcome::Merged);
        // Different counties: different rows and partitions, no retry.
        CHECK(attempts == 1);
        const int edited = static_cast<int>(
            sqlScalar(packages[static_cast<int>(i)], QStringLiteral("SELECT count(*) FROM customers"))
                .toLongLong());
        CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM customers WHERE phone LIKE $1"),
                        {QStringLiteral("C%1-%").arg(i)})
                  .toInt() == edited);
    }
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM sync_ledger")).toInt() == 2);
}

TEST_CASE("PostgreSQL master: recheck checkout, checkin and conflicts take a connection string",
          "[pg][pgsync]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    PgMasterStore store(database.conninfo());
    synctest::migratedTwoCountyMaster(dir, store);
    PgConnection& pg = store.connection();
    const auto recheck = [](const QStringList& args, QString* out = nullptr) {
        QProcess process;
        process.start(QStringLiteral(RECHECK_BINARY_DIR "/bin/recheck"), args);
        REQUIRE(process.waitForFinished(180000));
        const QString stdOut = QString::fromUtf8(process.readAllStandardOutput());
        INFO(stdOut.toStdString() << QString::fromUtf8(process.readAllStandardError()).toStdString());
        if (out)
            *out = stdOut;
        return process.exitCode();
    };
    const QString to = dir.file(QStringLiteral("laptop"));
    QString out;
    REQUIRE(recheck({QStringLiteral("checkout"), database.conninfo(), QStringLiteral("--districts"),
                     districtOf(pg, kEast), QStringLiteral("--to"), to, QStringLiteral("--json")},
                    &out) == 0);
    const QJsonObject checkout = QJsonDocument::fromJson(out.toUtf8()).object();
    const QString package = checkout.value(QStringLiteral("package")).toString();
    REQUIRE(QFileInfo::exists(package));
    CHECK(QFileInfo::exists(checkout.value(QStringLiteral("project")).toString()));
    CHECK(checkout.value(QStringLiteral("master_id")).toString() == store.meta(QStringLiteral("archive_id")));

    const QStringList c = customersOf(package, 1);
    pg.query(QStringLiteral("UPDATE customers SET phone = 'office' WHERE uuid = $1"), {c[0]});
    synctest::plainSql(package,
                       QStringLiteral("UPDATE customers SET phone = 'field' WHERE uuid = '%1'").arg(c[0]));
    CHECK(recheck({QStringLiteral("checkin"), database.conninfo(), package, QStringLiteral("--json")},
                  &out) == 3);
    CHECK(QJsonDocument::fromJson(out.toUtf8()).object().value(QStringLiteral("outcome")).toString() ==
          QLatin1String("conflicts"));
    CHECK(recheck({QStringLiteral("checkin"), database.conninfo(), package}) == 3); // the same report again
    REQUIRE(recheck({QStringLiteral("conflicts"), database.conninfo(), QStringLiteral("--json")}, &out) == 0);
    const QJsonArray conflicts =
        QJsonDocument::fromJson(out.toUtf8()).object().value(QStringLiteral("conflicts")).toArray();
    REQUIRE(conflicts.size() == 1);
    const QJsonObject conflict = conflicts.first().toObject();
    CHECK(conflict.value(QStringLiteral("uuid")).toString() == c[0]);
    const QString id = QString::number(conflict.value(QStringLiteral("id")).toVariant().toLongLong());
    CHECK(recheck({QStringLiteral("resolve"), database.conninfo(), id, QStringLiteral("--take"),
                   QStringLiteral("package")}) == 0);
    CHECK(pg.scalar(QStringLiteral("SELECT phone FROM customers WHERE uuid = $1"), {c[0]}).toString() ==
          QLatin1String("field"));
}

namespace {

// Scans and row writes PostgreSQL counted in the partitions of the county
// with partition suffix `suffix` (every county-partitioned table), as one
// comparable text.
QString partitionActivity(PgConnection& pg, const QString& suffix) {
    QStringList partitions;
    for (const QString& table : PgMasterSchema::countyPartitionedTables())
        partitions << table + QLatin1Char('_') + suffix;
    pg.exec(QStringLiteral("SELECT pg_stat_clear_snapshot()"));
    const PgResult stats =
        pg.query(QStringLiteral("SELECT relname, coalesce(seq_scan, 0), coalesce(idx_scan, 0), "
                                "n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables "
                                "WHERE relname = ANY($1::text[]) ORDER BY relname"),
                 {QLatin1Char('{') + partitions.join(QLatin1Char(',')) + QLatin1Char('}')});
    QStringList lines;
    for (int r = 0; r < stats.rows(); ++r) {
        QStringList fields;
        for (int c = 0; c < stats.columns(); ++c)
            fields << stats.text(r, c);
        lines << fields.join(QLatin1Char(' '));
    }
    return lines.join(QLatin1Char('\n'));
}

// Makes a connection's pending statistics visible to the others (PostgreSQL
// 15 flushes them when the session next goes idle).
void flushStatistics(PgConnection& pg) {
    pg.exec(QStringLiteral("SELECT pg_stat_force_next_flush()"));
    pg.exec(QStringLiteral("SELECT 1"));
}

} // namespace

TEST_CASE("PostgreSQL master: a check-in of one county's package reads and writes that county's partitions "
          "only (EXPLAIN, statistics)",
          "[pg][pgsync]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    PgMasterStore store(database.conninfo());
    synctest::migratedTwoCountyMaster(dir, store);
    PgConnection& pg = store.connection();
    const QString package = dir.file(QStringLiteral("east.sqlite"));
    store.checkout(package, scope(districtOf(pg, kEast)));
    const QStringList c = customersOf(package, 20);
    REQUIRE(c.size() == 20);
    synctest::plainSql(
        package,
        QStringLiteral("UPDATE customers SET phone = 'E-' || account_no WHERE uuid IN (%1);"
                       "INSERT INTO visits (uuid, customer_uuid, visited_at, result) VALUES "
                       "('0d0d0d0d-0000-4000-8000-000000000001', '%2', '2026-11-26T08:00:00Z', 'ok');"
                       "DELETE FROM task_scope WHERE customer_uuid = '%3';")
            .arg(sqlList(c), c[0], c[1]));

    // The form the check-in looks its rows up in: the plan names the
    // package's county's partition and no other.
    const QString west =
        pg.scalar(QStringLiteral("SELECT suffix FROM county_partitions WHERE county = $1"), {kWest})
            .toString();
    const QString east =
        pg.scalar(QStringLiteral("SELECT suffix FROM county_partitions WHERE county = $1"), {kEast})
            .toString();
    REQUIRE_FALSE(west.isEmpty());
    for (const QString& table : {QStringLiteral("customers"), QStringLiteral("task_scope")}) {
        QStringList plan;
        const PgResult explained = pg.query(
            QStringLiteral(
                "EXPLAIN SELECT * FROM %1 t WHERE t.county = ANY($1::text[]) AND t.uuid = ANY($2::text[])")
                .arg(table),
            {QStringLiteral("{%1}").arg(kEast), QStringLiteral("{%1}").arg(c.join(QLatin1Char(',')))});
        for (int r = 0; r < explained.rows(); ++r)
            plan << explained.text(r, 0);
        INFO(plan.join(QLatin1Char('\n')).toStdString());
        CHECK(plan.join(QLatin1Char('\n')).contains(QStringLiteral("%1_%2").arg(table, east)));
        CHECK_FALSE(plan.join(QLatin1Char('\n')).contains(QStringLiteral("%1_%2").arg(table, west)));
        CHECK_FALSE(plan.join(QLatin1Char('\n')).contains(QStringLiteral("%1_default").arg(table)));
    }

    // And what the check-in did, as PostgreSQL counted it per partition:
    // nothing scanned or written in the other county's.
    flushStatistics(pg);
    PgConnection watcher(database.conninfo());
    const QString westBefore = partitionActivity(watcher, west);
    const QString eastBefore = partitionActivity(watcher, east);
    REQUIRE(westBefore.count(QLatin1Char('\n')) + 1 == PgMasterSchema::countyPartitionedTables().size());
    PgMasterStore checkinStore(database.conninfo());
    PgMasterSync sync(checkinStore);
    const CheckinReport report = sync.checkin(package, office());
    INFO(report.toText().toStdString());
    REQUIRE(report.outcome == CheckinReport::Outcome::Merged);
    flushStatistics(checkinStore.connection());
    CHECK(partitionActivity(watcher, west).toStdString() == westBefore.toStdString());
    CHECK(partitionActivity(watcher, east) != eastBefore);
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM customers WHERE phone LIKE 'E-%'")).toInt() == 20);
}

TEST_CASE(
    "PostgreSQL master: a master of schema 1 (capture row by row, customers pages 90 % full) is upgraded by "
    "the first check-out, a newer one is refused",
    "[pg][pgsync]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    PgMasterStore store(database.conninfo());
    synctest::migratedTwoCountyMaster(dir, store);
    PgConnection& pg = store.connection();
    // Back to what schema 1 had: a PL/pgSQL trigger per row for capture and
    // stamping, no index on the sync bookkeeping.
    // (Schema 2's capture goes with its function, from tables and partitions.)
    pg.exec(QStringLiteral("DROP FUNCTION recheck_capture_rows() CASCADE"));
    pg.exec(QStringLiteral(
        "CREATE FUNCTION recheck_capture() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        "  IF recheck_capture_suspended() THEN RETURN NULL; END IF;\n"
        "  IF TG_OP = 'DELETE' THEN\n"
        "    INSERT INTO change_log (table_name, row_uuid, op, row_version, changed_at, changed_by)\n"
        "    VALUES (TG_ARGV[0], OLD.uuid, 'delete', OLD.row_version, recheck_now(), NULL);\n"
        "  ELSE\n"
        "    INSERT INTO change_log (table_name, row_uuid, op, row_version, changed_at, changed_by)\n"
        "    VALUES (TG_ARGV[0], NEW.uuid, lower(TG_OP), NEW.row_version, recheck_now(), NEW.updated_by);\n"
        "  END IF;\n"
        "  RETURN NULL;\n"
        "END $$"));
    for (const QString& table :
         {QStringLiteral("feeders"), QStringLiteral("districts"), QStringLiteral("staff"),
          QStringLiteral("staff_districts"), QStringLiteral("customers"), QStringLiteral("plans"),
          QStringLiteral("tasks"), QStringLiteral("task_scope"), QStringLiteral("visits"),
          QStringLiteral("discrepancies")}) {
        pg.exec(
            QStringLiteral("CREATE TRIGGER %1_capture_write AFTER INSERT OR UPDATE OR DELETE ON %1 FOR EACH "
                           "ROW EXECUTE FUNCTION recheck_capture('%1')")
                .arg(table));
    }
    pg.exec(QStringLiteral("DROP TRIGGER customers_stamp_update ON customers; CREATE TRIGGER "
                           "customers_stamp_update BEFORE UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION "
                           "recheck_stamp_update('customers')"));
    pg.exec(QStringLiteral("DROP INDEX sync_provenance_field, sync_conflicts_row, sync_tombstones_row"));
    // Schema 5's storage: customers partitions filled to 45 %, the ledger's
    // reports in LZ4 (when the server has it). Before it: 90 %, pglz.
    const auto customersFillfactors = [&] {
        const PgResult rows =
            pg.query(QStringLiteral("SELECT DISTINCT array_to_string(c.reloptions, ',') FROM pg_inherits i "
                                    "JOIN pg_class c ON c.oid = "
                                    "i.inhrelid WHERE i.inhparent = 'customers'::regclass"));
        QStringList options;
        for (int r = 0; r < rows.rows(); ++r)
            options << rows.text(r, 0);
        return options.join(QLatin1Char(';'));
    };
    const auto ledgerCompression = [&] {
        return pg
            .scalar(QStringLiteral("SELECT attcompression FROM pg_attribute WHERE attrelid = "
                                   "'sync_ledger'::regclass AND attname = 'report'"))
            .toString();
    };
    bool lz4 = true;
    try {
        pg.exec(QStringLiteral("SET default_toast_compression = 'lz4'"));
        pg.exec(QStringLiteral("RESET default_toast_compression"));
    } catch (const RecheckError&) {
        lz4 = false;
    }
    CHECK(customersFillfactors() == QLatin1String("fillfactor=45"));
    CHECK(ledgerCompression() == (lz4 ? QLatin1String("l") : QString()));
    pg.exec(
        QStringLiteral("DO $$ DECLARE p regclass; BEGIN FOR p IN SELECT inhrelid::regclass FROM pg_inherits "
                       "WHERE inhparent = 'customers'::regclass LOOP EXECUTE format('ALTER TABLE %s SET "
                       "(fillfactor = 90)', p); END LOOP; END $$"));
    if (lz4)
        pg.exec(QStringLiteral("ALTER TABLE sync_ledger ALTER COLUMN report SET COMPRESSION pglz"));
    REQUIRE(customersFillfactors() == QLatin1String("fillfactor=90"));
    // Schema 3 and before kept the archive file's (table_name, row_uuid)
    // index on change_log.
    pg.exec(QStringLiteral("CREATE INDEX change_log_row ON change_log (table_name, row_uuid)"));
    pg.exec(QStringLiteral("UPDATE recheck_master SET value = '1' WHERE key = 'backend_schema_version'"));
    REQUIRE(store.schemaVersion() == 1);

    const QString package = dir.file(QStringLiteral("upgraded.sqlite"));
    store.checkout(package, scope(districtOf(pg, kEast)));
    CHECK(store.schemaVersion() == PgMasterSchema::currentVersion());
    const auto triggers = [&](const QString& table) {
        QStringList names;
        const PgResult rows = pg.query(
            QStringLiteral("SELECT tgname FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal "
                           "ORDER BY tgname"),
            {table});
        for (int r = 0; r < rows.rows(); ++r)
            names << rows.text(r, 0);
        return names.join(QLatin1Char(' '));
    };
    CHECK(triggers(QStringLiteral("customers")) ==
          QLatin1String("customers_capture_delete customers_capture_insert customers_capture_update "
                        "customers_stamp_update"));
    CHECK(triggers(QStringLiteral("visits")) == QLatin1String("visits_capture_insert visits_insert_only"));
    CHECK(
        pg.scalar(QStringLiteral("SELECT count(*) FROM pg_proc WHERE proname = 'recheck_capture'")).toInt() ==
        0);
    CHECK(pg.scalar(QStringLiteral("SELECT to_regclass('sync_provenance_field') IS NOT NULL")).toString() ==
          QLatin1String("t"));
    CHECK(customersFillfactors() == QLatin1String("fillfactor=45"));
    CHECK(ledgerCompression() == (lz4 ? QLatin1String("l") : QLatin1String("p")));
    CHECK(pg.scalar(QStringLiteral("SELECT to_regclass('change_log_row') IS NULL")).toString() ==
          QLatin1String("t"));
    // A county added afterwards gets the same room.
    store.addCounties({QStringLiteral("新县")});
    CHECK(customersFillfactors() == QLatin1String("fillfactor=45"));

    // Capture and stamping as before: an office edit, a check-in.
    const QStringList c = customersOf(package, 3);
    const qlonglong logged = pg.scalar(QStringLiteral("SELECT count(*) FROM change_log")).toLongLong();
    pg.query(QStringLiteral("UPDATE customers SET name = 'office' WHERE uuid = $1"), {c[0]});
    // A tool writing to one county's partition directly is captured too.
    const QString east =
        pg.scalar(QStringLiteral("SELECT suffix FROM county_partitions WHERE county = $1"), {kEast})
            .toString();
    pg.query(QStringLiteral("UPDATE customers_%1 SET address = 'direct' WHERE uuid = $1").arg(east), {c[0]});
    synctest::plainSql(
        package,
        QStringLiteral("UPDATE customers SET phone = 'U-1' WHERE uuid IN (%1)").arg(sqlList(c.mid(1))));
    const CheckinReport report = store.checkin(package, office());
    REQUIRE(report.outcome == CheckinReport::Outcome::Merged);
    const PgResult log = pg.query(
        QStringLiteral("SELECT op, row_version, changed_by FROM change_log WHERE seq > $1 ORDER BY seq"),
        {logged});
    QStringList entries;
    for (int r = 0; r < log.rows(); ++r)
        if (log.text(r, 0) == QLatin1String("update"))
            entries << log.text(r, 2);
    CHECK(entries.join(QLatin1Char(' ')).toStdString() ==
          QStringLiteral("external external %1 %1").arg(report.editor).toStdString());
    CHECK(pg.scalar(
                QStringLiteral("SELECT count(*) FROM change_log WHERE seq > $1 AND table_name = 'customers' "
                               "AND row_uuid = $2"),
                {logged, c[0]})
              .toInt() == 2);
    // One statement's rows share one timestamp, however long it runs (the
    // rows here 5 ms apart; the clock's resolution is a millisecond).
    const qlonglong before = pg.scalar(QStringLiteral("SELECT max(seq) FROM change_log")).toLongLong();
    pg.query(QStringLiteral("UPDATE customers SET name = name || '.' WHERE uuid = ANY($1::text[]) AND "
                            "(SELECT true FROM pg_sleep(0.005))"),
             {QStringLiteral("{%1}").arg(c.join(QLatin1Char(',')))});
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM change_log WHERE seq > $1"), {before}).toInt() == 3);
    CHECK(pg.scalar(QStringLiteral("SELECT count(DISTINCT changed_at) FROM change_log WHERE seq > $1"),
                    {before})
              .toInt() == 1);

    // A master written by a newer Recheck is not touched.
    pg.exec(QStringLiteral("UPDATE recheck_master SET value = '99' WHERE key = 'backend_schema_version'"));
    CHECK_THROWS_WITH(store.checkin(package, office()), Catch::Contains("newer than this Recheck"));
    CHECK(store.schemaVersion() == 99);
}

TEST_CASE(
    "PostgreSQL master: a check-in of much of a district reads its customers through the district index "
    "and still finds one the office moved to another district since",
    "[pg][pgsync]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    PgMasterStore store(database.conninfo());
    synctest::migratedTwoCountyMaster(dir, store);
    PgConnection& pg = store.connection();
    const QString package = dir.file(QStringLiteral("district.sqlite"));
    store.checkout(package, scope(districtOf(pg, kEast)));
    const QStringList all = customersOf(package, 1000000);
    REQUIRE(all.size() >= 8);
    // Every customer of the district re-checked: the case the district
    // index serves.
    synctest::plainSql(package, QStringLiteral("UPDATE customers SET phone = 'D-' || account_no"));
    // Meanwhile the office moves one of them to another district of the
    // county: the district's scan misses it, the uuid lookup after finds it.
    const QString otherDistrict =
        pg.scalar(QStringLiteral("SELECT uuid FROM districts WHERE code = $1"), {districtOf(pg, kEast, 1)})
            .toString();
    REQUIRE_FALSE(otherDistrict.isEmpty());
    pg.query(QStringLiteral("UPDATE customers SET district_uuid = $1 WHERE uuid = $2"),
             {otherDistrict, all[0]});

    const QString east =
        pg.scalar(QStringLiteral("SELECT suffix FROM county_partitions WHERE county = $1"), {kEast})
            .toString();
    flushStatistics(pg);
    PgConnection watcher(database.conninfo());
    const auto districtIndexScans = [&] {
        watcher.exec(QStringLiteral("SELECT pg_stat_clear_snapshot()"));
        return watcher
            .scalar(
                QStringLiteral("SELECT coalesce(sum(idx_scan), 0) FROM pg_stat_user_indexes WHERE relname "
                               "= $1 AND indexrelname LIKE '%district%'"),
                {QStringLiteral("customers_") + east})
            .toLongLong();
    };
    const qint64 before = districtIndexScans();
    PgMasterStore checkinStore(database.conninfo());
    PgMasterSync sync(checkinStore);
    const CheckinReport report = sync.checkin(package, office());
    INFO(report.toText().toStdString());
    REQUIRE(report.outcome == CheckinReport::Outcome::Merged);
    flushStatistics(checkinStore.connection());
    CHECK(districtIndexScans() > before);
    // Every edit landed, the moved customer's too, in the district the
    // office gave it.
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM customers WHERE phone LIKE 'D-%'")).toInt() ==
          all.size());
    CHECK(pg.scalar(QStringLiteral("SELECT district_uuid FROM customers WHERE uuid = $1"), {all[0]})
              .toString() == otherDistrict);
    CHECK(pg.scalar(QStringLiteral("SELECT phone FROM customers WHERE uuid = $1"), {all[0]})
              .toString()
              .startsWith(QLatin1String("D-")));
}
