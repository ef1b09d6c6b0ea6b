// The customer search index after an import. A first load into an empty
// archive builds the index on another thread from the rows as they are
// inserted (SearchIndexBuilder) and copies it in at the end; an upsert into a
// non-empty archive keeps it current through the triggers. Either way the
// index must hold exactly what a rebuild from scratch writes, answer searches
// the same, and roll back with a refused or failed import.

#include "IoTestSupport.h"
#include "SearchIndexTestSupport.h"

#include "archive/Archive.h"
#include "common/RecheckError.h"
#include "io/ArchiveImporter.h"
#include "search/ArchiveSearch.h"
#include "search/SearchIndex.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>

using namespace recheck;
using namespace recheck::io;
using namespace recheck::test::io;
using recheck::test::foundAccounts;
using recheck::test::rebuiltCopy;
using recheck::test::requireSearchIndexIntact;
using recheck::test::ScratchDir;
using recheck::test::searchIndexDigest;
using recheck::test::sqlScalar;

namespace {

const char* const kSurnames[] = {"张", "李", "王", "赵", "钱", "孙", "周", "吴", "郑", "冯", "陈", "褚"};
const char* const kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰"};
const char* const kStreets[] = {"东村", "西村", "南街", "北巷", "光明路", "人民路", "和平巷", "新华街"};

// A MIS export of `rows` customers from account `first` on, over districts
// T001/T002: names, addresses, phones and meters varied enough that the
// index has many terms; every 7th row has no address, every 5th no phone,
// every 11th no meter (NULLs in the index). `tag` changes names and
// addresses (a later export of the same accounts).
QByteArray customersCsv(int first, int rows, const QString& tag = QString()) {
    QByteArray csv = "户号,户名,用电地址,联系电话,用电类别,台区编号,电能表资产号,经度,纬度\n";
    for (int i = first; i < first + rows; ++i) {
        const QString name = QString::fromUtf8(kSurnames[i % 12]) + QString::fromUtf8(kGiven[(i / 12) % 13]) +
                             (i % 3 == 0 ? QString::fromUtf8(kGiven[(i / 7) % 13]) : QString()) + tag;
        const QString address = i % 7 == 0 ? QString()
                                           : QStringLiteral("%1%2号%3")
                                                 .arg(QString::fromUtf8(kStreets[(i / 5) % 8]))
                                                 .arg(i % 97)
                                                 .arg(tag);
        const QString phone =
            i % 5 == 0 ? QString() : QStringLiteral("139%1").arg(i, 8, 10, QLatin1Char('0'));
        const QString meter = i % 11 == 0 ? QString() : QStringLiteral("M%1").arg(i, 8, 10, QLatin1Char('0'));
        const bool east = i % 2 == 0;
        csv += QStringLiteral("%1,%2,%3,%4,RES,%5,%6,%7,23.05\n")
                   .arg(QStringLiteral("01%1").arg(i, 8, 10, QLatin1Char('0')), name, address, phone,
                        east ? QStringLiteral("T001") : QStringLiteral("T002"), meter,
                        east ? QStringLiteral("113.05") : QStringLiteral("113.15"))
                   .toUtf8();
    }
    return csv;
}

ImportResult importFile(const QString& archivePath, const QString& file, ImportOptions options = {}) {
    Archive archive = Archive::open(archivePath);
    return ArchiveImporter::run(archive, file, options);
}

// The archive's index equals a rebuild's, passes FTS5's integrity check and
// answers searches (one and two characters, trigram fragments, keys) in the
// same order.
void requireSameAsRebuild(const ScratchDir& dir, const QString& archive) {
    requireSearchIndexIntact(archive);
    const QString reference = rebuiltCopy(dir, archive, QStringLiteral("rebuilt.sqlite"));
    CHECK(searchIndexDigest(archive) == searchIndexDigest(reference));
    for (const QString& query : {QStringLiteral("张"), QStringLiteral("光明"), QStringLiteral("人民路1"),
                                 QStringLiteral("0100000042"), QStringLiteral("13900000"),
                                 QStringLiteral("M0000007"), QStringLiteral("李芳")}) {
        INFO(query.toStdString());
        CHECK(foundAccounts(archive, query) == foundAccounts(reference, query));
    }
}

bool scratchLeft(const ScratchDir& dir) {
    return !QDir(dir.path()).entryList({QStringLiteral("*-import-search*")}).isEmpty();
}

} // namespace

TEST_CASE("io: a first import builds the search index beside the load, equal to a rebuild", "[io][search]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    // More rows than one hand-over to the building thread.
    writeBytes(dir.file(QStringLiteral("all.csv")), customersCsv(1, 9000));
    const ImportResult r = importFile(archive, dir.file(QStringLiteral("all.csv")));
    REQUIRE(r.applied);
    REQUIRE(r.inserted == 9000);
    CHECK_FALSE(scratchLeft(dir));
    // The rows came through the read-ahead thread in file order: account i
    // is the i-th row inserted.
    CHECK(sqlScalar(archive,
                    QStringLiteral("SELECT count(*) FROM customers WHERE fid = CAST(substr(account_no, "
                                   "3) AS INTEGER)")) == "9000");
    CHECK(sqlScalar(archive, QStringLiteral("SELECT count(*) FROM customer_search_docsize")) == "9000");
    CHECK(sqlScalar(archive, QStringLiteral("SELECT count(*) FROM customer_search_short_docsize")) == "9000");
    requireSameAsRebuild(dir, archive);
    CHECK(foundAccounts(archive, QStringLiteral("0100000042")).value(0) == "0100000042");

    // The triggers are back: a later edit is found at once.
    SqliteDatabase db(archive, SqliteDatabase::Mode::ReadWrite);
    db.exec(
        QStringLiteral("UPDATE customers SET address = '示范县砸缸巷7号' WHERE account_no = '0100000005'"));
    CHECK(foundAccounts(archive, QStringLiteral("砸缸巷")) == QStringList{QStringLiteral("0100000005")});
}

TEST_CASE("io: an import into a non-empty archive leaves an index equal to a rebuild", "[io][search]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    writeBytes(dir.file(QStringLiteral("first.csv")), customersCsv(1, 5000));
    REQUIRE(importFile(archive, dir.file(QStringLiteral("first.csv"))).applied);
    // The next export: 2 000 of them renamed and moved, 1 500 new accounts.
    writeBytes(dir.file(QStringLiteral("next.csv")), customersCsv(3001, 3500, QStringLiteral("乙")));
    const ImportResult r = importFile(archive, dir.file(QStringLiteral("next.csv")));
    REQUIRE(r.applied);
    CHECK(r.inserted == 1500);
    CHECK(r.updated == 2000);
    requireSameAsRebuild(dir, archive);
    // Updated rows are found by their new names.
    CHECK(sqlScalar(archive, QStringLiteral("SELECT count(*) FROM customer_search_docsize")) == "6500");
    CHECK_FALSE(foundAccounts(archive, QStringLiteral("乙")).isEmpty());
}

TEST_CASE("io: a first import with --skip-invalid indexes the applied rows only", "[io][search]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    QByteArray csv = customersCsv(1, 5000);
    // Two bad rows: an unknown district, an account in the wrong format.
    csv += "0199999998,坏行甲,坏街1号,13900000001,RES,T999,M1,113.05,23.05\n";
    csv += "01#9,坏行乙,坏街2号,13900000002,RES,T001,M2,113.05,23.05\n";
    writeBytes(dir.file(QStringLiteral("some.csv")), csv);
    ImportOptions options;
    options.skipInvalid = true;
    const ImportResult r = importFile(archive, dir.file(QStringLiteral("some.csv")), options);
    REQUIRE(r.applied);
    CHECK(r.inserted == 5000);
    CHECK(r.rejected == 2);
    requireSameAsRebuild(dir, archive);
    CHECK(foundAccounts(archive, QStringLiteral("坏街")).isEmpty());
}

TEST_CASE("io: a refused or failed first import leaves the archive and its index unchanged", "[io][search]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    const QString before = contentDigest(archive);
    const QString indexBefore = searchIndexDigest(archive);

    SECTION("a bad row refuses the whole file") {
        QByteArray csv = customersCsv(1, 6000);
        csv += "0199999998,坏行甲,坏街1号,13900000001,RES,T999,M1,113.05,23.05\n";
        writeBytes(dir.file(QStringLiteral("bad.csv")), csv);
        const ImportResult r = importFile(archive, dir.file(QStringLiteral("bad.csv")));
        CHECK_FALSE(r.applied);
    }
    SECTION("cancelled after the building thread has rows") {
        writeBytes(dir.file(QStringLiteral("all.csv")), customersCsv(1, 9000));
        ImportOptions options;
        int calls = 0;
        options.progress = [&calls](double) { return ++calls < 7; };
        CHECK_THROWS_AS(importFile(archive, dir.file(QStringLiteral("all.csv")), options), RecheckError);
    }
    CHECK(contentDigest(archive) == before);
    CHECK(searchIndexDigest(archive) == indexBefore);
    CHECK_FALSE(scratchLeft(dir));
    CHECK(foundAccounts(archive, QStringLiteral("张")).isEmpty());
}

TEST_CASE("io: a first import gives each customer its own version-4 UUID, in insertion order", "[io]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    writeBytes(dir.file(QStringLiteral("all.csv")), customersCsv(1, 5000));
    REQUIRE(importFile(archive, dir.file(QStringLiteral("all.csv"))).applied);
    const auto hex = [](int digits) { return QStringLiteral("[0-9a-f]").repeated(digits); };
    const QString uuid = QStringLiteral("%1-%2-4%3-[89ab]%3-%4").arg(hex(8), hex(4), hex(3), hex(12));
    CHECK(
        sqlScalar(archive, QStringLiteral("SELECT count(*) FROM customers WHERE uuid GLOB '%1'").arg(uuid)) ==
        "5000");
    CHECK(sqlScalar(archive, QStringLiteral("SELECT count(DISTINCT uuid) FROM customers")) == "5000");
    // Sorted as made: the uuid index is appended to, not inserted into.
    CHECK(sqlScalar(archive, QStringLiteral("SELECT count(*) FROM customers a JOIN customers b ON b.fid = "
                                            "a.fid + 1 WHERE b.uuid <= a.uuid")) == "0");
}

TEST_CASE("io: a first import removes the scratch files an import killed halfway left", "[io][search]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    // The names a killed import leaves: this build's, its journal, and the
    // fixed name of earlier builds; another archive's are not ours to touch.
    const QStringList stale = {QStringLiteral("master.sqlite-import-search-0123456789ab"),
                               QStringLiteral("master.sqlite-import-search-0123456789ab-journal"),
                               QStringLiteral("master.sqlite-import-search")};
    for (const QString& name : stale)
        writeBytes(dir.file(name), QByteArray(4096, 'x'));
    writeBytes(dir.file(QStringLiteral("other.sqlite-import-search-0123456789ab")), QByteArray(10, 'x'));
    writeBytes(dir.file(QStringLiteral("all.csv")), customersCsv(1, 500));
    REQUIRE(importFile(archive, dir.file(QStringLiteral("all.csv"))).applied);
    for (const QString& name : stale)
        CHECK_FALSE(QFileInfo::exists(dir.file(name)));
    CHECK(QFileInfo::exists(dir.file(QStringLiteral("other.sqlite-import-search-0123456789ab"))));
    CHECK(sqlScalar(archive, QStringLiteral("SELECT count(*) FROM customers")) == "500");
}

TEST_CASE("io: a connection that searched before a first import finds the imported rows", "[io][search]") {
    // FTS5 keeps an index's structure per connection: the copied-in index
    // must not be hidden behind what the connection read before.
    ScratchDir dir;
    const QString path = makeArchive(dir);
    writeBytes(dir.file(QStringLiteral("all.csv")), customersCsv(1, 5000));
    Archive archive = Archive::open(path);
    SearchOptions options;
    options.districts = false;
    {
        ArchiveSearch search(archive.db());
        CHECK(search.find(QStringLiteral("张"), options).empty());
    }
    REQUIRE(ArchiveImporter::run(archive, dir.file(QStringLiteral("all.csv")), {}).applied);
    ArchiveSearch search(archive.db());
    const std::vector<SearchHit> hits = search.find(QStringLiteral("0100000042"), options);
    REQUIRE_FALSE(hits.empty());
    CHECK(hits.front().key == "0100000042");
    CHECK(static_cast<int>(search.find(QStringLiteral("光明路"), options).size()) == options.limit);
}
