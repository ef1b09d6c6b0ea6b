// Check-in progress and cancel (CheckinOptions::progress), and packages that
// travel as one zip file (PackageZip; `checkout --zip`, a check-in of the zip).

#include "SyncTestSupport.h"

#include "sync/PackageZip.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <vector>

using namespace recheck;
using namespace recheck::synctest;
using recheck::test::ScratchDir;

namespace {

// A package of three districts with `edits` customers' phones changed:
// enough rows for the merge to report progress several times.
struct EditedPackage {
    ScratchDir dir;
    QString master = copyMaster(dir);
    QString package = dir.file(QStringLiteral("TQ0003.sqlite"));
    EditedPackage(int edits = 600) {
        checkOut(master, package,
                 {QStringLiteral("TQ0003"), QStringLiteral("TQ0004"), QStringLiteral("TQ0005")});
        REQUIRE(column(package, QStringLiteral("SELECT count(*) FROM customers")).value(0).toInt() >= edits);
        plainSql(package, QStringLiteral("UPDATE customers SET phone = 'P-' || fid WHERE fid IN (SELECT fid "
                                         "FROM customers ORDER BY fid LIMIT %1)")
                              .arg(edits));
    }
};

CheckinReport checkInWith(const QString& master, const QString& package,
                          const std::function<bool(double)>& progress) {
    CheckinOptions options;
    options.checkedInBy = QStringLiteral("office");
    options.progress = progress;
    return CheckinMerger::checkin(master, package, options);
}

QString zipFromBytes(const QString& path, const QByteArray& bytes) {
    QFile out(path);
    REQUIRE(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    out.write(bytes);
    return path;
}

QByteArray readAll(const QString& path) {
    QFile in(path);
    REQUIRE(in.open(QIODevice::ReadOnly));
    return in.readAll();
}

} // namespace

TEST_CASE("check-in progress rises from 0 to 1 and does not change what is merged", "[sync][progress]") {
    EditedPackage f;
    const QString plain = copyFile(f.master, f.dir.file(QStringLiteral("plain-master.sqlite")));
    std::vector<double> seen;
    const CheckinReport report = checkInWith(f.master, f.package, [&](double fraction) {
        seen.push_back(fraction);
        return true;
    });
    INFO(report.toText().toStdString());
    REQUIRE(report.outcome == CheckinReport::Outcome::Merged);
    CHECK(report.applied.size() == 600);
    REQUIRE(seen.size() > 5);
    CHECK(seen.front() == 0.0);
    CHECK(seen.back() == 1.0);
    CHECK(std::is_sorted(seen.begin(), seen.end()));
    // Several reports inside the merge (every 256 rows), between 0.5 and 0.95.
    CHECK(std::count_if(seen.begin(), seen.end(), [](double x) { return x > 0.5 && x < 0.95; }) >= 2);

    CHECK(checkIn(plain, f.package).outcome == CheckinReport::Outcome::Merged);
    CHECK(contentDigest(f.master, false) == contentDigest(plain, false));
}

TEST_CASE("a check-in cancelled at any progress call leaves the master byte-identical", "[sync][progress]") {
    EditedPackage f;
    // How many times a full run asks; the last call (1.0) comes after the
    // commit and cannot cancel, so every earlier one is tried.
    int calls = 0;
    {
        const QString probe = copyFile(f.master, f.dir.file(QStringLiteral("probe.sqlite")));
        checkInWith(probe, f.package, [&](double) {
            ++calls;
            return true;
        });
    }
    REQUIRE(calls > 5);
    const QString before = test::fileSha256(f.master);
    for (int stopAt = 1; stopAt < calls; ++stopAt) {
        int call = 0;
        double stoppedAt = -1;
        const CheckinReport report = checkInWith(f.master, f.package, [&](double fraction) {
            if (++call < stopAt)
                return true;
            stoppedAt = fraction;
            return false;
        });
        INFO("stopped at call " << stopAt << " of " << calls << ", fraction " << stoppedAt);
        INFO(report.toText().toStdString());
        CHECK(report.outcome == CheckinReport::Outcome::Cancelled);
        CHECK_THAT(report.toText().toStdString(), Catch::Contains("cancelled"));
        CHECK(test::fileSha256(f.master) == before);
        CHECK(call == stopAt); // nothing asked after the stop
    }
    // Nothing of the cancelled runs got into the ledger: the real run merges.
    const CheckinReport report = checkIn(f.master, f.package);
    CHECK(report.outcome == CheckinReport::Outcome::Merged);
    CHECK_FALSE(report.repeat);
    CHECK(report.applied.size() == 600);
}

TEST_CASE("a cancel while the master's quick check runs stops it", "[sync][progress]") {
    EditedPackage f(10);
    const QString before = test::fileSha256(f.master);
    // The quick check of the tables the check-in writes runs on its own
    // thread; the main thread waits for it at 0.45, asking the callback
    // meanwhile. The stop comes there, and nothing is asked after it.
    bool stopped = false;
    double last = 0;
    CheckinOptions options;
    options.checkedInBy = QStringLiteral("office");
    options.masterCheck = MasterCheckScope::WrittenTables;
    options.progress = [&](double fraction) {
        last = fraction;
        if (fraction >= 0.45 && fraction < 0.5) {
            stopped = true;
            return false;
        }
        return true;
    };
    const CheckinReport report = CheckinMerger::checkin(f.master, f.package, options);
    REQUIRE(stopped);
    CHECK(last == 0.45);
    CHECK(report.outcome == CheckinReport::Outcome::Cancelled);
    CHECK(test::fileSha256(f.master) == before);
}

TEST_CASE("a package bundled into one zip checks in like the package itself", "[sync][zip]") {
    EditedPackage f(50);
    const QString reference = copyFile(f.master, f.dir.file(QStringLiteral("reference.sqlite")));
    REQUIRE(checkIn(reference, f.package).outcome == CheckinReport::Outcome::Merged);

    // What a check-out writes beside the package: its project (any file of
    // the same base name); other files of the folder are not taken.
    const QString project = f.dir.file(QStringLiteral("TQ0003.qgs"));
    zipFromBytes(project, "<qgis projectname=\"TQ0003\"/>");
    zipFromBytes(f.dir.file(QStringLiteral("other.txt")), "not mine");
    const QByteArray packageBytes = readAll(f.package);
    const QString zip = PackageZip::bundle(f.package);
    CHECK(QFileInfo(zip).fileName() == QStringLiteral("TQ0003.zip"));
    CHECK(PackageZip::isZip(zip));
    CHECK_FALSE(PackageZip::isZip(f.master));
    QStringList entries = PackageZip::entries(zip);
    entries.sort();
    CHECK(entries == QStringList{QStringLiteral("TQ0003.qgs"), QStringLiteral("TQ0003.sqlite")});
    CHECK_FALSE(QFileInfo::exists(f.package));
    CHECK_FALSE(QFileInfo::exists(project));
    CHECK(QFileInfo::exists(f.dir.file(QStringLiteral("other.txt"))));
    {
        ScratchDir out;
        const QString extracted = PackageZip::extractPackage(zip, out.path());
        CHECK(readAll(extracted) == packageBytes);
    }
    CHECK_THROWS_WITH(PackageZip::bundle(f.package), Catch::Contains("no such package"));
    CHECK_THROWS_WITH(PackageZip::write(zip, {project}), Catch::Contains("exists already"));

    const CheckinReport report = checkIn(f.master, zip);
    INFO(report.toText().toStdString());
    REQUIRE(report.outcome == CheckinReport::Outcome::Merged);
    CHECK(report.applied.size() == 50);
    CHECK(contentDigest(f.master, false) == contentDigest(reference, false));
    const CheckinReport again = checkIn(f.master, zip);
    CHECK(again.repeat);
    CHECK(again.changesetSha256 == report.changesetSha256);
}

TEST_CASE("a damaged or unsuitable zip is refused and the master stays byte-identical", "[sync][zip]") {
    EditedPackage f(20);
    const QString zip = PackageZip::bundle(f.package);
    const QString before = test::fileSha256(f.master);
    const auto requireRefused = [&](const QString& path, const std::string& expected) {
        const CheckinReport report = checkIn(f.master, path);
        INFO(report.toText().toStdString());
        CHECK(report.outcome == CheckinReport::Outcome::Refused);
        CHECK_THAT(report.toText().toStdString(), Catch::Contains(expected));
        CHECK(test::fileSha256(f.master) == before);
    };
    SECTION("one flipped byte in the compressed package") {
        QByteArray bytes = readAll(zip);
        const int middle = bytes.size() / 2;
        bytes[middle] = static_cast<char>(bytes[middle] ^ 0x01);
        requireRefused(zipFromBytes(f.dir.file(QStringLiteral("flipped.zip")), bytes), "damaged");
    }
    SECTION("truncated") {
        const QByteArray bytes = readAll(zip);
        requireRefused(
            zipFromBytes(f.dir.file(QStringLiteral("short.zip")), bytes.left(bytes.size() * 2 / 3)), "zip");
    }
    SECTION("no package inside") {
        const QString text = f.dir.file(QStringLiteral("notes.txt"));
        zipFromBytes(text, "field notes");
        const QString notes = f.dir.file(QStringLiteral("notes.zip"));
        PackageZip::write(notes, {text});
        requireRefused(notes, "no package");
    }
    SECTION("two archives inside") {
        ScratchDir out;
        const QString first = PackageZip::extractPackage(zip, out.path());
        const QString second = copyFile(first, out.file(QStringLiteral("copy.sqlite")));
        const QString both = f.dir.file(QStringLiteral("both.zip"));
        PackageZip::write(both, {first, second});
        requireRefused(both, "one package at a time");
    }
    SECTION("the refusal of the package inside names the zip") {
        ScratchDir out;
        const QString inside = PackageZip::extractPackage(zip, out.path());
        plainSql(inside, QStringLiteral("ALTER TABLE customers ADD COLUMN extra TEXT NOT NULL DEFAULT ''"));
        const QString altered = f.dir.file(QStringLiteral("altered.zip"));
        PackageZip::write(altered, {inside});
        requireRefused(altered, QFileInfo(altered).fileName().toStdString() + ":TQ0003.sqlite");
    }
}
