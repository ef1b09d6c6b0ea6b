#include "SyncTestSupport.h"

#include "sync/BaseDigest.h"

#include <QFile>

using namespace recheck;
using namespace recheck::synctest;
using recheck::test::ScratchDir;
using recheck::test::sqlScalar;

namespace {

struct Fixture {
    ScratchDir dir;
    QString master = copyMaster(dir);
    QString package = dir.file(QStringLiteral("pk.sqlite"));
    QString customer;
    Fixture() {
        checkOut(master, package, {QStringLiteral("TQ0004")});
        customer = customersOf(package, QStringLiteral("TQ0004"), 1).value(0);
        // secure_delete zeroes the cells SQLite frees while rewriting the row,
        // so every copy of the value left in the file is a live one.
        plainSql(package,
                 QStringLiteral("PRAGMA secure_delete = ON; "
                                "UPDATE customers SET address = 'EDITED-ADDRESS-0042' WHERE uuid = '%1'")
                     .arg(customer));
    }
};

// Checks a package in and expects a refusal naming `expected`, with the
// master byte-identical afterwards.
void requireRefused(const QString& master, const QString& package, const std::string& expected) {
    const QString before = test::fileSha256(master);
    const CheckinReport report = checkIn(master, package);
    INFO(report.toText().toStdString());
    CHECK(report.outcome == CheckinReport::Outcome::Refused);
    CHECK_THAT(report.toText().toStdString(), Catch::Contains(expected));
    CHECK(test::fileSha256(master) == before);
}

QList<qint64> occurrences(const QByteArray& bytes, const QByteArray& needle) {
    QList<qint64> at;
    for (int i = bytes.indexOf(needle); i >= 0; i = bytes.indexOf(needle, i + 1))
        at << i;
    return at;
}

QString withByteFlipped(const QString& from, const QString& to, qint64 offset) {
    QFile in(from);
    REQUIRE(in.open(QIODevice::ReadOnly));
    QByteArray bytes = in.readAll();
    bytes[static_cast<int>(offset)] = static_cast<char>(bytes[static_cast<int>(offset)] ^ 0x01);
    QFile out(to);
    REQUIRE(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    out.write(bytes);
    return to;
}

QByteArray fileBytes(const QString& path) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

} // namespace

TEST_CASE("a truncated package is refused and the master stays byte-identical", "[sync][damage]") {
    Fixture f;
    const QByteArray bytes = fileBytes(f.package);
    for (double fraction : {0.5, 0.9}) {
        const QString cut = f.dir.file(QStringLiteral("cut.sqlite"));
        QFile out(cut);
        REQUIRE(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(bytes.left(static_cast<int>(bytes.size() * fraction)));
        out.close();
        requireRefused(f.master, cut, "damaged");
    }
}

TEST_CASE("one flipped byte in a value is caught wherever it lands", "[sync][damage]") {
    Fixture f;
    const QByteArray bytes = fileBytes(f.package);
    SECTION("in the changed value: the live row disagrees with what the trigger saw written") {
        // Twice: the row and its shadow copy. Either flip is caught.
        const QList<qint64> at = occurrences(bytes, "EDITED-ADDRESS-0042");
        REQUIRE(at.size() == 2);
        for (qint64 offset : at)
            requireRefused(f.master,
                           withByteFlipped(f.package, f.dir.file(QStringLiteral("flip.sqlite")), offset + 7),
                           "differ from what the recorded edit wrote");
    }
    SECTION("in an unchanged row or its frozen base copy") {
        // A text value of a row nobody edited: once in the row, once in the
        // base (the address column carries no index).
        const QString address = sqlScalar(
            f.package,
            QStringLiteral("SELECT address FROM customers WHERE uuid != '%1' AND address IS NOT NULL "
                           "ORDER BY fid DESC LIMIT 1")
                .arg(f.customer));
        const QList<qint64> at = occurrences(bytes, address.toUtf8());
        REQUIRE(at.size() >= 2);
        int refused = 0;
        for (qint64 offset : at) {
            const QString flipped = withByteFlipped(f.package, f.dir.file(QStringLiteral("flip.sqlite")),
                                                    offset + address.toUtf8().size() - 1);
            const QString before = test::fileSha256(f.master);
            const CheckinReport report = checkIn(f.master, flipped);
            INFO(report.toText().toStdString());
            CHECK(report.outcome == CheckinReport::Outcome::Refused);
            CHECK(test::fileSha256(f.master) == before);
            refused += report.outcome == CheckinReport::Outcome::Refused;
        }
        CHECK(refused == at.size());
    }
    SECTION("in a page header: the integrity check") {
        // Page 2's b-tree header (byte 0 of the page is its type).
        const int pageSize = sqlScalar(f.package, QStringLiteral("PRAGMA page_size")).toInt();
        requireRefused(f.master,
                       withByteFlipped(f.package, f.dir.file(QStringLiteral("flip.sqlite")), pageSize + 3),
                       "damaged");
    }
}

TEST_CASE("foreign, wrongly shaped and unknown packages are refused", "[sync][damage]") {
    Fixture f;
    SECTION("a package of another master") {
        ScratchDir other;
        DemoCountyOptions options;
        options.customers = 300;
        options.districts = 4;
        const QString otherMaster = other.file(QStringLiteral("other.sqlite"));
        DemoCountyGenerator(options).generate(otherMaster);
        requireRefused(otherMaster, f.package, "was checked out of master");
    }
    SECTION("a package whose columns differ") {
        plainSql(f.package, QStringLiteral("ALTER TABLE customers ADD COLUMN extra TEXT"));
        requireRefused(f.master, f.package, "schema mismatch");
    }
    SECTION("a package of a newer schema") {
        plainSql(f.package, QStringLiteral("PRAGMA user_version = 99"));
        requireRefused(f.master, f.package, "newer");
    }
    SECTION("the master itself, or a package the master has no record of") {
        requireRefused(f.master, f.master, "package");
        plainSql(f.master, QStringLiteral("DELETE FROM sync_checkouts"));
        requireRefused(f.master, f.package, "no record of checking out");
    }
    SECTION("edits made with the change capture dropped") {
        plainSql(f.package,
                 QStringLiteral("DROP TRIGGER customers_capture_update;"
                                "UPDATE customers SET phone = 'sneaky' WHERE uuid != '%1' AND fid = "
                                "(SELECT max(fid) FROM customers)")
                     .arg(f.customer));
        requireRefused(f.master, f.package, "no edit was recorded");
    }
    SECTION("a base copy edited in place") {
        plainSql(f.package,
                 QStringLiteral("UPDATE sync_base_customers SET phone = 'x' WHERE fid = (SELECT min(fid) "
                                "FROM sync_base_customers)"));
        requireRefused(f.master, f.package, "frozen base copy differs");
    }
}

TEST_CASE("changes outside the package's scope are refused row by row", "[sync][damage][scope]") {
    Fixture f;
    const QString outside =
        sqlScalar(f.master, QStringLiteral("SELECT uuid FROM districts WHERE code = 'TQ0012'"));
    const QString moved = customersOf(f.package, QStringLiteral("TQ0004"), 2).value(1);
    plainSql(f.package,
             QStringLiteral(
                 "UPDATE customers SET district_uuid = '%1' WHERE uuid = '%2';"
                 "INSERT INTO feeders (uuid, code, name) VALUES ('0d0d0d0d-0000-4000-8000-000000000001', "
                 "'XL-NEW', 'new feeder');")
                 .arg(outside, moved));
    const QString before = test::fileSha256(f.master);
    const CheckinReport report = checkIn(f.master, f.package);
    CHECK(report.outcome == CheckinReport::Outcome::Refused);
    REQUIRE(report.refused.size() == 2);
    QStringList refusedRows;
    for (const CheckinItem& item : report.refused)
        refusedRows << item.uuid;
    CHECK(refusedRows.contains(moved));
    CHECK(refusedRows.contains(QStringLiteral("0d0d0d0d-0000-4000-8000-000000000001")));
    CHECK_THAT(report.toText().toStdString(), Catch::Contains("outside the package's scope"));
    CHECK(test::fileSha256(f.master) == before);
}

TEST_CASE("a package edited after its check-in is refused", "[sync][ledger][damage]") {
    Fixture f;
    REQUIRE(checkIn(f.master, f.package).outcome == CheckinReport::Outcome::Merged);
    plainSql(f.package,
             QStringLiteral("UPDATE customers SET phone = 'later' WHERE uuid = '%1'").arg(f.customer));
    requireRefused(f.master, f.package, "edited after check-in");
}

namespace {

// The page (0-based) of `path` holding the only copy of `text`: in the
// master a customer's address lives in its table row alone (the search
// index keeps trigrams and pairs, not the text).
qint64 pageHolding(const QString& path, const QString& text, int pageSize) {
    const QList<qint64> at = occurrences(fileBytes(path), text.toUtf8());
    REQUIRE(at.size() == 1);
    return at.first() / pageSize;
}

// Points one cell pointer of a table leaf page at the page's own header: the
// kind of damage SQLite meets only when it checks the page as a whole
// (cell_size_check), since no read of another cell goes there.
void damageCellPointer(const QString& path, qint64 page, int pageSize) {
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadWrite));
    REQUIRE(file.seek(page * pageSize));
    const QByteArray header = file.read(12);
    REQUIRE(static_cast<unsigned char>(header[0]) == 0x0D); // a table leaf
    const int cells = (static_cast<unsigned char>(header[3]) << 8) | static_cast<unsigned char>(header[4]);
    REQUIRE(cells >= 2);
    // The last cell pointer: another row of the page than the first.
    REQUIRE(file.seek(page * pageSize + 8 + 2 * (cells - 1)));
    file.write(QByteArray("\x00\x04", 2));
}

QString addressOf(const QString& path, const QString& uuid) {
    return sqlScalar(path, QStringLiteral("SELECT address FROM customers WHERE uuid = '%1'").arg(uuid));
}

CheckinReport checkInScoped(const QString& master, const QString& package, MasterCheckScope scope) {
    CheckinOptions options;
    options.checkedInBy = QStringLiteral("office");
    options.masterCheck = scope;
    return CheckinMerger::checkin(master, package, options);
}

} // namespace

TEST_CASE("the default master check catches a damaged page the check-in touches", "[sync][damage][master]") {
    Fixture f;
    const int pageSize = sqlScalar(f.master, QStringLiteral("PRAGMA page_size")).toInt();
    // The page of the customer the package edited: the merge reads and
    // rewrites it. The damage sits in another row of that page.
    const qint64 page = pageHolding(f.master, addressOf(f.master, f.customer), pageSize);
    damageCellPointer(f.master, page, pageSize);
    requireRefused(f.master, f.package, "the master is damaged where this check-in writes");
    // The same in every scope: the wider checks see it before the merge.
    for (MasterCheckScope scope : {MasterCheckScope::WrittenTables, MasterCheckScope::WholeFile}) {
        const QString before = test::fileSha256(f.master);
        const CheckinReport report = checkInScoped(f.master, f.package, scope);
        INFO(report.toText().toStdString());
        CHECK(report.outcome == CheckinReport::Outcome::Refused);
        CHECK_THAT(report.toText().toStdString(), Catch::Contains("the master is damaged"));
        CHECK(test::fileSha256(f.master) == before);
    }
}

TEST_CASE("damage far from what a check-in writes is found by the wider master checks",
          "[sync][damage][master]") {
    Fixture f;
    const int pageSize = sqlScalar(f.master, QStringLiteral("PRAGMA page_size")).toInt();
    // A customer of the last district: another part of the table's B-tree
    // than the package's district.
    const QString far = customersOf(f.master, QStringLiteral("TQ0016"), 1, 5).value(0);
    REQUIRE_FALSE(far.isEmpty());
    const qint64 page = pageHolding(f.master, addressOf(f.master, far), pageSize);
    const QString damaged = copyFile(f.master, f.dir.file(QStringLiteral("damaged.sqlite")));
    damageCellPointer(damaged, page, pageSize);
    for (MasterCheckScope scope : {MasterCheckScope::WrittenTables, MasterCheckScope::WholeFile}) {
        const QString master = copyFile(damaged, f.dir.file(QStringLiteral("scoped.sqlite")));
        const QString before = test::fileSha256(master);
        const CheckinReport report = checkInScoped(master, f.package, scope);
        INFO(report.toText().toStdString());
        CHECK(report.outcome == CheckinReport::Outcome::Refused);
        CHECK_THAT(report.toText().toStdString(), Catch::Contains("quick check"));
        CHECK(test::fileSha256(master) == before);
    }
    // The default does not read that page and leaves it as it was: the
    // merge neither spreads the damage nor depends on it.
    const QString master = copyFile(damaged, f.dir.file(QStringLiteral("touched.sqlite")));
    const auto pageBytes = [&] { return fileBytes(master).mid(static_cast<int>(page * pageSize), pageSize); };
    const QByteArray before = pageBytes();
    const CheckinReport report = checkInScoped(master, f.package, MasterCheckScope::Touched);
    INFO(report.toText().toStdString());
    CHECK(report.outcome == CheckinReport::Outcome::Merged);
    CHECK(pageBytes() == before);
    CHECK(addressOf(master, f.customer) == QStringLiteral("EDITED-ADDRESS-0042"));
}

TEST_CASE("a master cut short is refused before anything reads it", "[sync][damage][master]") {
    Fixture f;
    const QByteArray bytes = fileBytes(f.master);
    const int pageSize = sqlScalar(f.master, QStringLiteral("PRAGMA page_size")).toInt();
    QFile out(f.master);
    REQUIRE(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    out.write(bytes.left(bytes.size() - 3 * pageSize));
    out.close();
    requireRefused(f.master, f.package, "the master is damaged");
}

TEST_CASE("the full package check also compares every index with its table", "[sync][damage]") {
    Fixture f;
    // An index whose entries no longer match its definition: what
    // integrity_check finds and quick_check (the default) does not look for.
    plainSql(f.package, QStringLiteral("PRAGMA writable_schema = ON; "
                                       "UPDATE sqlite_master SET sql = 'CREATE INDEX customers_phone ON "
                                       "customers (name)' WHERE name = 'customers_phone'"));
    REQUIRE(sqlScalar(f.package, QStringLiteral("PRAGMA quick_check")) == QStringLiteral("ok"));
    REQUIRE(sqlScalar(f.package, QStringLiteral("PRAGMA integrity_check")) != QStringLiteral("ok"));
    {
        const QString master = copyFile(f.master, f.dir.file(QStringLiteral("full.sqlite")));
        const QString before = test::fileSha256(master);
        CheckinOptions options;
        options.checkedInBy = QStringLiteral("office");
        options.fullPackageCheck = true;
        const CheckinReport report = CheckinMerger::checkin(master, f.package, options);
        INFO(report.toText().toStdString());
        CHECK(report.outcome == CheckinReport::Outcome::Refused);
        CHECK_THAT(report.toText().toStdString(), Catch::Contains("integrity check"));
        CHECK_THAT(report.toText().toStdString(), Catch::Contains("customers_phone"));
        CHECK(test::fileSha256(master) == before);
    }
    // The check-in itself reads no index of the package it does not verify:
    // the edit arrives intact.
    const CheckinReport report = checkIn(f.master, f.package);
    INFO(report.toText().toStdString());
    CHECK(report.outcome == CheckinReport::Outcome::Merged);
    CHECK(addressOf(f.master, f.customer) == QStringLiteral("EDITED-ADDRESS-0042"));
}

TEST_CASE("a package check that fails after the merge rolls the merge back", "[sync][damage]") {
    Fixture f;
    // A leaf of the package's search index: the diff does not read it, the
    // quick check does. The merge runs beside the check and is undone when
    // the verdict comes in before COMMIT.
    const int pageSize = sqlScalar(f.package, QStringLiteral("PRAGMA page_size")).toInt();
    const qint64 page =
        sqlScalar(f.package, QStringLiteral("SELECT pageno FROM dbstat WHERE name = 'customer_search_data' "
                                            "AND pagetype = 'leaf' ORDER BY pageno LIMIT 1"))
            .toLongLong();
    REQUIRE(page > 1);
    {
        QFile file(f.package);
        REQUIRE(file.open(QIODevice::ReadWrite));
        REQUIRE(file.seek((page - 1) * pageSize));
        file.write(QByteArray(8, '\0')); // no page type: not a B-tree page
    }
    const QString before = test::fileSha256(f.master);
    double furthest = 0;
    CheckinOptions options;
    options.checkedInBy = QStringLiteral("office");
    options.progress = [&](double fraction) {
        furthest = std::max(furthest, fraction);
        return true;
    };
    const CheckinReport report = CheckinMerger::checkin(f.master, f.package, options);
    INFO(report.toText().toStdString());
    CHECK(report.outcome == CheckinReport::Outcome::Refused);
    CHECK_THAT(report.toText().toStdString(), Catch::Contains("the package is damaged (quick check"));
    CHECK(report.applied.isEmpty());
    CHECK(furthest >= 0.95); // the merge had run
    CHECK(test::fileSha256(f.master) == before);
}

TEST_CASE("a package checked out by an older build, with a single-stream base digest, still checks in and "
          "still has its base verified",
          "[sync][damage]") {
    Fixture f;
    // What an older build recorded: the single-stream digest of the same base.
    const auto recordSingleStream = [&] {
        QString digest;
        {
            Archive package = Archive::open(f.package, Archive::Access::ReadOnly);
            digest = BaseDigest::compute(package.db(), BaseDigest::Format::SingleStream);
        }
        REQUIRE(BaseDigest::formatOf(digest) == BaseDigest::Format::SingleStream);
        plainSql(
            f.package,
            QStringLiteral("UPDATE package_meta SET value = '%1' WHERE key = 'base_digest'").arg(digest));
        plainSql(f.master, QStringLiteral("UPDATE sync_checkouts SET base_digest = '%1'").arg(digest));
    };
    SECTION("sound: merged") {
        recordSingleStream();
        const CheckinReport report = checkIn(f.master, f.package);
        INFO(report.toText().toStdString());
        CHECK(report.outcome == CheckinReport::Outcome::Merged);
        CHECK(sqlScalar(f.master,
                        QStringLiteral("SELECT address FROM customers WHERE uuid = '%1'").arg(f.customer)) ==
              QStringLiteral("EDITED-ADDRESS-0042"));
    }
    SECTION("its base edited in place: refused") {
        recordSingleStream();
        plainSql(f.package,
                 QStringLiteral("UPDATE sync_base_customers SET phone = 'x' WHERE fid = (SELECT min(fid) "
                                "FROM sync_base_customers)"));
        requireRefused(f.master, f.package, "frozen base copy differs");
    }
}
