// What the PostgreSQL check-in reads and how (PgMasterSync, PgStagingMaster):
// the package read once, its base digest taken in that same pass; the
// bookkeeping of the changed rows looked up row by row, of provenance only
// each field's latest record; the staged values kept packed and compared
// and written back from libpq's and SQLite's own bytes. Each scenario also
// runs against the SpatiaLite master, which must end the same.

#include "MasterBackends.h"
#include "sync/BaseDigest.h"

#include <QDateTime>

#include <catch2/catch.hpp>

#include <unistd.h>

using namespace recheck;
using namespace recheck::synctest;
using recheck::test::ScratchDir;

namespace {

// The district with the most customers without visits or discrepancies.
QString plainDistrict(TestMaster& m) {
    return districtsByPlainCustomers(m).value(0);
}

void checkOutFrom(TestMaster& m, const QString& package, const QString& district) {
    CheckoutOptions options;
    options.districtCodes = QStringList{district};
    options.checkedOutBy = QStringLiteral("tester");
    REQUIRE_FALSE(m.store().checkout(package, options).packagePath.isEmpty());
}

CheckinReport checkInTo(TestMaster& m, const QString& package) {
    CheckinOptions options;
    options.checkedInBy = QStringLiteral("office");
    const CheckinReport report = m.store().checkin(package, options);
    INFO(report.toText().toStdString());
    return report;
}

// One field set by three packages in turn: A, then C (checked out after A's
// check-in), then B (checked out before both). The field has two provenance
// records when B comes back, and only the latest (C's) says that the master's
// value is what a check-in wrote.
void runThreeCheckins(TestMaster& m, const ScratchDir& dir, const QString& customer) {
    INFO("master: " << m.backend().toStdString());
    const QString district = plainDistrict(m);
    const QString a = dir.file(m.backend() + QStringLiteral("-a.sqlite"));
    const QString b = dir.file(m.backend() + QStringLiteral("-b.sqlite"));
    const QString c = dir.file(m.backend() + QStringLiteral("-c.sqlite"));
    checkOutFrom(m, b, district);
    checkOutFrom(m, a, district);
    plainSql(a, QStringLiteral("UPDATE customers SET phone = 'A1' WHERE uuid = '%1'").arg(customer));
    CHECK(checkInTo(m, a).outcome == CheckinReport::Outcome::Merged);
    checkOutFrom(m, c, district);
    plainSql(c, QStringLiteral("UPDATE customers SET phone = 'C1' WHERE uuid = '%1'").arg(customer));
    CHECK(checkInTo(m, c).outcome == CheckinReport::Outcome::Merged);
    plainSql(b, QStringLiteral("UPDATE customers SET phone = 'B1' WHERE uuid = '%1'").arg(customer));
    CHECK(checkInTo(m, b).outcome == CheckinReport::Outcome::MergedWithConflicts);
    CHECK(m.problems().isEmpty());
}

} // namespace

TEST_CASE("PostgreSQL master: a field checked in by three packages in turn is traced to its latest "
          "provenance record, as on SpatiaLite",
          "[pg][pgsync][merge]") {
    PgTestMaster pg;
    if (!pg.available())
        return;
    ScratchDir pgDir, liteDir;
    SpatiaLiteTwinMaster lite(liteDir);
    const QString customer = plainCustomers(lite, plainDistrict(lite), 1).value(0);
    REQUIRE_FALSE(customer.isEmpty());
    REQUIRE(plainDistrict(pg) == plainDistrict(lite));
    runThreeCheckins(lite, liteDir, customer);
    runThreeCheckins(pg, pgDir, customer);
    // Two records of that field: the older one (A's) does not explain the
    // master's value C1, the latest (C's) does, and the field goes back to
    // what it was before C's check-in until a person decides.
    CHECK(pg.count(QStringLiteral("SELECT count(*) FROM sync_provenance WHERE row_uuid = '%1' AND field = "
                                  "'phone'")
                       .arg(customer)) == 2);
    const QString litePhone = lite.quoted(QStringLiteral("customers"), customer, QStringLiteral("phone"));
    CHECK(litePhone == QStringLiteral("'A1'"));
    CHECK(pg.quoted(QStringLiteral("customers"), customer, QStringLiteral("phone")).toStdString() ==
          litePhone.toStdString());
    // Each master checked in packages of its own (updated_by names them):
    // the rows compared without stamps.
    CHECK(pg.contentDigest(false).toStdString() == lite.contentDigest(false).toStdString());
    CHECK(pg.conflictFacts() == lite.conflictFacts());
}

TEST_CASE("PostgreSQL master: values of every kind come back as the package holds them, as on SpatiaLite",
          "[pg][pgsync]") {
    PgTestMaster pg;
    if (!pg.available())
        return;
    ScratchDir dir;
    SpatiaLiteTwinMaster lite(dir);
    const QString district = plainDistrict(lite);
    const QStringList customers = plainCustomers(lite, district, 3);
    REQUIRE(customers.size() == 3);
    // Text needing escapes in PostgreSQL's array and COPY formats, non-ASCII
    // text, NULL, reals needing all 17 digits, a moved point; and an
    // unchanged neighbour.
    const QString edits =
        QStringLiteral("UPDATE customers SET name = 'a \"quoted\" back\\slash, {brace}' || char(9) || 'tab', "
                       "address = NULL, phone = '电话 ☎', contracted_capacity = 0.1 + 0.2, "
                       "monthly_kwh = 1e300 WHERE uuid = '%1';"
                       "UPDATE customers SET name = '', address = 'NULL', contracted_capacity = 2.5, "
                       "monthly_kwh = 12345678901234567, geom = MakePoint(X(geom) + 0.000001234567, "
                       "Y(geom), 4490) WHERE uuid = '%2';")
            .arg(customers[0], customers[1]);
    const double xBefore = pg.pointX(customers[1]);
    for (TestMaster* m : {static_cast<TestMaster*>(&lite), static_cast<TestMaster*>(&pg)}) {
        INFO("master: " << m->backend().toStdString());
        const QString package = dir.file(m->backend() + QStringLiteral("-values.sqlite"));
        checkOutFrom(*m, package, district);
        plainSql(package, edits);
        CHECK(checkInTo(*m, package).outcome == CheckinReport::Outcome::Merged);
    }
    for (const char* field : {"name", "address", "phone"})
        for (const QString& customer : customers) {
            INFO(field << " of " << customer.toStdString());
            CHECK(
                pg.quoted(QStringLiteral("customers"), customer, QString::fromLatin1(field)).toStdString() ==
                lite.quoted(QStringLiteral("customers"), customer, QString::fromLatin1(field)).toStdString());
        }
    CHECK(pg.scalar(QStringLiteral("SELECT name FROM customers WHERE uuid = '%1'").arg(customers[0])) ==
          QStringLiteral("a \"quoted\" back\\slash, {brace}\ttab"));
    CHECK(pg.scalar(QStringLiteral("SELECT contracted_capacity = 0.1::float8 + 0.2::float8 FROM customers "
                                   "WHERE uuid = '%1'")
                        .arg(customers[0])) == QStringLiteral("t"));
    CHECK(pg.pointX(customers[1]) == lite.pointX(customers[1]));
    CHECK(pg.pointX(customers[1]) != xBefore);
    for (const QString& customer : customers)
        CHECK(pg.quoted(QStringLiteral("customers"), customer, QStringLiteral("row_version")) ==
              lite.quoted(QStringLiteral("customers"), customer, QStringLiteral("row_version")));
    // Every column of every synced row as on SpatiaLite (but the stamps:
    // each master checked in a package of its own, updated_by names it).
    CHECK(pg.contentDigest(false).toStdString() == lite.contentDigest(false).toStdString());
}

TEST_CASE("PostgreSQL master: the base digest taken while the package is read verifies the frozen base, "
          "in either format",
          "[pg][pgsync][damage]") {
    PgTestMaster pg;
    if (!pg.available())
        return;
    ScratchDir dir;
    const QString district = plainDistrict(pg);
    const QString customer = plainCustomers(pg, district, 1).value(0);
    const QString package = dir.file(QStringLiteral("digest.sqlite"));
    checkOutFrom(pg, package, district);
    plainSql(package,
             QStringLiteral("UPDATE customers SET phone = 'digest' WHERE uuid = '%1'").arg(customer));
    const QString packageId =
        synctest::column(package, QStringLiteral("SELECT value FROM package_meta WHERE key = 'package_id'"))
            .value(0);
    const auto digestOf = [&](BaseDigest::Format format) {
        SqliteDatabase db(package, SqliteDatabase::Mode::ReadOnly);
        return BaseDigest::compute(db, format);
    };
    const auto recordInPackage = [&](const QString& digest) {
        plainSql(
            package,
            QStringLiteral("UPDATE package_meta SET value = '%1' WHERE key = 'base_digest'").arg(digest));
    };
    const auto recordInMaster = [&](const QString& digest) {
        pg.officeSql(QStringLiteral("UPDATE sync_checkouts SET base_digest = '%1' WHERE package_id = '%2'")
                         .arg(digest, packageId));
    };
    const auto editBase = [&] {
        plainSql(package, QStringLiteral("UPDATE sync_base_customers SET phone = 'x' WHERE fid = (SELECT "
                                         "min(fid) FROM sync_base_customers)"));
    };
    const QString phoneBefore = pg.quoted(QStringLiteral("customers"), customer, QStringLiteral("phone"));
    const auto requireRefused = [&] {
        const CheckinReport report = checkInTo(pg, package);
        CHECK(report.outcome == CheckinReport::Outcome::Refused);
        CHECK_THAT(report.toText().toStdString(), Catch::Contains("frozen base copy differs"));
        CHECK(pg.quoted(QStringLiteral("customers"), customer, QStringLiteral("phone")) == phoneBefore);
    };
    const auto requireMerged = [&] {
        CHECK(checkInTo(pg, package).outcome == CheckinReport::Outcome::Merged);
        CHECK(pg.quoted(QStringLiteral("customers"), customer, QStringLiteral("phone")) ==
              QStringLiteral("'digest'"));
    };
    REQUIRE(BaseDigest::formatOf(digestOf(BaseDigest::Format::PerTable)) == BaseDigest::Format::PerTable);
    SECTION("per table, sound: merged") {
        requireMerged();
    }
    SECTION("per table, its base edited: refused") {
        editBase();
        requireRefused();
    }
    SECTION("single stream (an older build's package and record), sound: merged") {
        const QString digest = digestOf(BaseDigest::Format::SingleStream);
        REQUIRE(BaseDigest::formatOf(digest) == BaseDigest::Format::SingleStream);
        recordInPackage(digest);
        recordInMaster(digest);
        requireMerged();
    }
    SECTION("single stream, its base edited: refused") {
        const QString digest = digestOf(BaseDigest::Format::SingleStream);
        recordInPackage(digest);
        recordInMaster(digest);
        editBase();
        requireRefused();
    }
    SECTION("the package claims the other format than the master's record: the base is read again in the "
            "record's") {
        // The digest taken while reading is in the package's format; the
        // master's record decides, so the check-in digests the base again.
        recordInPackage(digestOf(BaseDigest::Format::SingleStream));
        requireMerged();
    }
    SECTION("the package claims the other format, its base edited: refused") {
        recordInPackage(digestOf(BaseDigest::Format::SingleStream));
        editBase();
        requireRefused();
    }
}

TEST_CASE("PostgreSQL master: the empty staging file is kept on disk for later processes, and made again "
          "when removed",
          "[pg][pgsync]") {
    PgTestMaster m;
    if (!m.available())
        return;
    ScratchDir dir;
    const QDir templates(
        QDir::temp().filePath(QStringLiteral("recheck-pg-staging-templates-%1").arg(::geteuid())));
    const QStringList pattern{QStringLiteral("staging-v%1-*.sqlite").arg(ArchiveSchema::currentVersion())};
    if (templates.exists()) // as the end of this test leaves it, should an earlier run have stopped midway
        QFile::setPermissions(templates.path(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString district = plainDistrict(m);
    const QString first = dir.file(QStringLiteral("first.sqlite"));
    checkOutFrom(m, first, district);
    REQUIRE_FALSE(templates.entryList(pattern, QDir::Files).isEmpty());
    {
        // Without change capture: a check-in's merge stamps what it writes,
        // and the office verbs have capture made when staging ends.
        SqliteDatabase made(templates.filePath(templates.entryList(pattern, QDir::Files).first()),
                            SqliteDatabase::Mode::ReadOnly);
        CHECK(made.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
                                         "'customers'"))
                  .toInt() == 1);
        CHECK(
            made.scalar(QStringLiteral("SELECT group_concat(name) FROM sqlite_master WHERE type = 'trigger' "
                                       "AND name LIKE '%capture%'"))
                .toString()
                .toStdString() == "");
    }
    // The merge runs on a copy of the template: the folder is its user's
    // alone.
    CHECK(QFile::permissions(templates.path()) ==
          (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadUser |
           QFileDevice::WriteUser | QFileDevice::ExeUser));
    CHECK(checkInTo(m, first).outcome == CheckinReport::Outcome::Merged);

    // Removed (a clean-up of /tmp, or another build's), it is made again;
    // making it clears other builds' templates older than a week.
    for (const QString& name : templates.entryList(pattern, QDir::Files))
        QFile::remove(templates.filePath(name));
    REQUIRE(templates.entryList(pattern, QDir::Files).isEmpty());
    const auto otherBuild = [&](const QString& name, int daysOld) {
        QFile file(templates.filePath(name));
        REQUIRE(file.open(QIODevice::WriteOnly));
        REQUIRE(file.setFileTime(QDateTime::currentDateTime().addDays(-daysOld),
                                 QFileDevice::FileModificationTime));
        return file.fileName();
    };
    const QString stale = otherBuild(QStringLiteral("staging-v0-4490-test-stale.sqlite"), 8);
    const QString recent = otherBuild(QStringLiteral("staging-v0-4490-test-recent.sqlite"), 2);
    const QString second = dir.file(QStringLiteral("second.sqlite"));
    checkOutFrom(m, second, district);
    plainSql(second, QStringLiteral("UPDATE customers SET phone = 'T-' || fid"));
    const CheckinReport report = checkInTo(m, second);
    CHECK(report.outcome == CheckinReport::Outcome::Merged);
    CHECK_FALSE(report.applied.isEmpty());
    CHECK_FALSE(templates.entryList(pattern, QDir::Files).isEmpty());
    CHECK_FALSE(QFileInfo::exists(stale));
    CHECK(QFileInfo::exists(recent));
    QFile::remove(recent);

    // A folder others may write to is not taken: the template is made in a
    // private one instead, and the check-in works.
    for (const QString& name : templates.entryList(pattern, QDir::Files))
        QFile::remove(templates.filePath(name));
    REQUIRE(QFile::setPermissions(templates.path(), QFile::permissions(templates.path()) |
                                                        QFileDevice::WriteOther | QFileDevice::ReadOther |
                                                        QFileDevice::ExeOther));
    const QString third = dir.file(QStringLiteral("third.sqlite"));
    checkOutFrom(m, third, district);
    CHECK(templates.entryList(pattern, QDir::Files).isEmpty());
    REQUIRE(QFile::setPermissions(templates.path(),
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    CHECK(checkInTo(m, third).outcome == CheckinReport::Outcome::Merged);
}
