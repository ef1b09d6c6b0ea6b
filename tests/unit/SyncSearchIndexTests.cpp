// The customer search index across check-out and check-in: the package's
// index is built beside the copy (in a scratch file, then copied in) and the
// check-in brings the master's index up to date once after the merge
// (DeferredSearchIndex) instead of through the per-row triggers. Either way
// the index must hold exactly what a rebuild from scratch writes, and
// searches must answer the same.

#include "SearchIndexTestSupport.h"
#include "SyncTestSupport.h"

#include "search/ArchiveSearch.h"
#include "search/SearchIndex.h"
#include "sync/DeferredSearchIndex.h"

using namespace recheck;
using recheck::test::foundAccounts;
using recheck::test::rebuiltCopy;
using recheck::test::requireSearchIndexIntact;
using recheck::test::ScratchDir;
using recheck::test::searchIndexDigest;

namespace {

qint64 count(const QString& path, const QString& sql) {
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
    return db.scalar(sql).toLongLong();
}

} // namespace

TEST_CASE("a package's search index, built beside the check-out, equals a rebuild", "[sync][search]") {
    ScratchDir dir;
    const QString master = synctest::copyMaster(dir);
    const QString package = dir.file(QStringLiteral("p.sqlite"));
    synctest::checkOut(master, package, {QStringLiteral("TQ0003"), QStringLiteral("TQ0007")});
    // The scratch file is gone.
    CHECK(QDir(dir.path()).entryList({QStringLiteral("*-search*")}).isEmpty());

    const qint64 customers = count(package, QStringLiteral("SELECT count(*) FROM customers"));
    REQUIRE(customers > 100);
    CHECK(count(package, QStringLiteral("SELECT count(*) FROM customer_search_docsize")) == customers);
    requireSearchIndexIntact(package);
    const QString reference = rebuiltCopy(dir, package, QStringLiteral("p-rebuilt.sqlite"));
    CHECK(searchIndexDigest(package) == searchIndexDigest(reference));

    // Search in the package (the field laptop) answers as with a rebuilt index.
    const QString name = synctest::column(package, QStringLiteral("SELECT name FROM customers ORDER BY fid "
                                                                  "LIMIT 1 OFFSET 17"))
                             .value(0);
    const QString street = synctest::column(package, QStringLiteral("SELECT substr(address, 7, 3) FROM "
                                                                    "customers ORDER BY fid LIMIT 1"))
                               .value(0);
    for (const QString& query : {name, name.left(1), street, street.left(2)}) {
        INFO(query.toStdString());
        CHECK(!foundAccounts(package, query).isEmpty());
        CHECK(foundAccounts(package, query) == foundAccounts(reference, query));
    }

    // The triggers are in place: an edit on the laptop is found at once.
    synctest::plainSql(package, QStringLiteral("UPDATE customers SET address = '示范县光明巷7号' WHERE fid = "
                                               "(SELECT min(fid) FROM customers)"));
    CHECK(foundAccounts(package, QString::fromUtf8("光明巷")).size() == 1);
    requireSearchIndexIntact(package);
}

TEST_CASE("check-in updates the master's search index once, to what a rebuild writes", "[sync][search]") {
    ScratchDir dir;
    const QString master = synctest::copyMaster(dir);
    const QString package = dir.file(QStringLiteral("p.sqlite"));
    // A customer with nothing hanging on it (the generated ones all have
    // visits or scope rows), so that the package can delete one.
    synctest::plainSql(master, QStringLiteral("INSERT INTO customers (account_no, name, address, phone, "
                                              "district_uuid, geom) SELECT 'GONE-0001', '司马光', "
                                              "'示范县砸缸巷1号', '13600001111', district_uuid, geom FROM "
                                              "customers WHERE district_uuid = (SELECT uuid FROM districts "
                                              "WHERE code = 'TQ0005') LIMIT 1"));
    synctest::checkOut(master, package, {QStringLiteral("TQ0005")});

    // In the package: indexed fields edited (several per row, one row twice),
    // a field the index does not read, a new customer, and a customer with
    // nothing hanging on it deleted. In the office meanwhile: another field
    // of one of the edited rows, so the merge writes a merged row too.
    const QStringList uuids = synctest::customersOf(package, QStringLiteral("TQ0005"), 40);
    REQUIRE(uuids.size() == 40);
    const QString childless =
        synctest::column(master, QStringLiteral("SELECT uuid FROM customers WHERE account_no = 'GONE-0001'"))
            .value(0);
    REQUIRE(!childless.isEmpty());
    CHECK(foundAccounts(master, QStringLiteral("砸缸巷")).size() == 1);
    const QString oldPhone =
        synctest::column(master,
                         QStringLiteral("SELECT phone FROM customers WHERE uuid = '%1'").arg(uuids[2]))
            .value(0);
    const QString edited = QStringLiteral("'") + uuids.mid(0, 30).join(QStringLiteral("', '")) + "'";
    synctest::plainSql(
        package,
        QStringLiteral(
            "UPDATE customers SET address = address || '（复查）', phone = '1390000' || fid WHERE uuid IN "
            "(%1); "
            "UPDATE customers SET name = name || '甲' WHERE uuid = '%2'; "
            "UPDATE customers SET monthly_kwh = 12.5 WHERE uuid = '%3'; "
            "INSERT INTO customers (account_no, name, address, phone, district_uuid, geom) "
            "SELECT 'NEW-0001', '欧阳新', '示范县新村路1号', '13712345678', district_uuid, geom FROM "
            "customers WHERE uuid = '%3'; "
            "DELETE FROM customers WHERE uuid = '%4'; "
            // Only the phone: the short terms (name, address) stay as they are.
            "UPDATE customers SET phone = '1350000' || fid WHERE uuid IN ('%5', '%6')")
            .arg(edited, uuids[0], uuids[35], childless, uuids[36], uuids[37]));
    synctest::plainSql(
        master,
        QStringLiteral("UPDATE customers SET meter_asset_no = 'M-OFFICE-1' WHERE uuid = '%1'").arg(uuids[1]));
    const qint64 before = count(master, QStringLiteral("SELECT count(*) FROM customers"));

    const CheckinReport report = synctest::checkIn(master, package);
    REQUIRE(report.outcome == CheckinReport::Outcome::Merged);
    CHECK(report.applied.size() + report.merged.size() >= 32);

    // The per-row triggers are back, the note-taking ones gone.
    CHECK(count(master, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name "
                                       "LIKE 'customers_search_%'")) == 3);
    CHECK(count(master, QStringLiteral("SELECT count(*) FROM sqlite_temp_master")) == 0);
    requireSearchIndexIntact(master);
    const QString reference = rebuiltCopy(dir, master, QStringLiteral("m-rebuilt.sqlite"));
    CHECK(searchIndexDigest(master) == searchIndexDigest(reference));
    CHECK(count(master, QStringLiteral("SELECT count(*) FROM customer_search_docsize")) ==
          count(master, QStringLiteral("SELECT count(*) FROM customers")));
    // One customer in, one out (and out of the index).
    CHECK(count(master, QStringLiteral("SELECT count(*) FROM customers")) == before);
    CHECK(foundAccounts(master, QStringLiteral("GONE-0001")).isEmpty());
    CHECK(foundAccounts(master, QStringLiteral("砸缸巷")).isEmpty());

    for (const QString& query : {QStringLiteral("复查"), QStringLiteral("欧阳新"), QStringLiteral("欧阳"),
                                 QStringLiteral("NEW-0001"), QStringLiteral("M-OFFICE-1"),
                                 QStringLiteral("1390000"), QStringLiteral("1350000")}) {
        INFO(query.toStdString());
        CHECK(!foundAccounts(master, query).isEmpty());
        CHECK(foundAccounts(master, query) == foundAccounts(reference, query));
    }
    // The old values are out of the index.
    REQUIRE(!oldPhone.isEmpty());
    CHECK(foundAccounts(master, oldPhone).isEmpty());
    CHECK(foundAccounts(reference, oldPhone).isEmpty());
}

TEST_CASE("the deferred index update is a no-op without an index and rolls back with its transaction",
          "[sync][search]") {
    ScratchDir dir;
    const QString master = synctest::copyMaster(dir);
    const QString digest = searchIndexDigest(master);
    {
        SqliteDatabase db(master, SqliteDatabase::Mode::ReadWrite);
        SqliteTransaction tx(db);
        DeferredSearchIndex deferred(db);
        REQUIRE(deferred.active());
        db.exec(QStringLiteral("UPDATE customers SET name = '改名' WHERE fid IN (SELECT fid FROM customers "
                               "ORDER BY fid LIMIT 5)"));
        CHECK(deferred.finish() == 5);
        CHECK(
            db.scalar(QStringLiteral("SELECT count(*) FROM customer_search_short WHERE customer_search_short "
                                     "MATCH '\"\uE001改名\"'"))
                .toInt() == 5);
        // Not committed: the guard rolls it all back.
    }
    CHECK(searchIndexDigest(master) == digest);
    CHECK(count(master, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name "
                                       "LIKE 'customers_search_%'")) == 3);

    // An archive whose index has no triggers (nobody keeps it current) is
    // left alone.
    synctest::plainSql(master, QStringLiteral("DROP TRIGGER customers_search_update"));
    SqliteDatabase db(master, SqliteDatabase::Mode::ReadWrite);
    DeferredSearchIndex deferred(db);
    CHECK(!deferred.active());
    CHECK(deferred.finish() == 0);
    CHECK(db.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE "
                                   "'customers_search_%'"))
              .toInt() == 2);
}
