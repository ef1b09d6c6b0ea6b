// `recheck import`, `pull` and `export` as cron and scripts see them: exit
// statuses, reports and files, running the built binary.

#include "IoTestSupport.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace recheck::test::io;
using recheck::test::ScratchDir;
using recheck::test::sqlScalar;

TEST_CASE("recheck import exits 0 applied, 4 invalid rows with a report, 2 unreadable input", "[io][cli]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    writeBytes(
        dir.file(QStringLiteral("good.csv")),
        gbk(QStringLiteral("户号,户名,用电类别,经度,纬度\n0100000001,张三,居民生活用电,113.05,23.05\n")));
    const Run good = runRecheck({QStringLiteral("import"), archive, dir.file(QStringLiteral("good.csv")),
                                 QStringLiteral("--encoding"), QStringLiteral("GBK")},
                                dir);
    CHECK(good.status == 0);
    CHECK_THAT(good.out.toStdString(), Catch::Contains("1 inserted") && Catch::Contains("GB18030"));
    CHECK(sqlScalar(archive, QStringLiteral("SELECT name || usage_category FROM customers")) == "张三RES");
    // The default report lands beside the archive.
    CHECK_FALSE(QDir(dir.file(QStringLiteral("import-reports"))).entryList(QDir::Files).isEmpty());

    writeBytes(dir.file(QStringLiteral("bad.csv")),
               QByteArray("account_no,name\n0100000002,B\n0100000002,C\n"));
    const QString before = contentDigest(archive);
    const Run bad = runRecheck({QStringLiteral("import"), archive, dir.file(QStringLiteral("bad.csv")),
                                QStringLiteral("--report"), dir.file(QStringLiteral("bad-report.csv")),
                                QStringLiteral("--json")},
                               dir);
    CHECK(bad.status == 4);
    CHECK_THAT(bad.err.toStdString(),
               Catch::Contains("nothing applied") && Catch::Contains("bad-report.csv"));
    CHECK(contentDigest(archive) == before);
    const QJsonObject summary = QJsonDocument::fromJson(bad.out.toUtf8()).object();
    CHECK(summary.value(QStringLiteral("rejected")).toInt() == 1);
    QFile report(dir.file(QStringLiteral("bad-report.csv")));
    REQUIRE(report.open(QIODevice::ReadOnly));
    CHECK_THAT(
        QString::fromUtf8(report.readAll()).toStdString(),
        Catch::Contains("bad.csv,3,account_no,account_no,0100000002,error,account number appears again"));
    CHECK(QFile::exists(dir.file(QStringLiteral("bad-report.json"))));

    const Run skip = runRecheck({QStringLiteral("import"), archive, dir.file(QStringLiteral("bad.csv")),
                                 QStringLiteral("--skip-invalid")},
                                dir);
    CHECK(skip.status == 0);
    CHECK(sqlScalar(archive, QStringLiteral("SELECT count(*) FROM customers")) == "2");

    const QString after = contentDigest(archive);
    const Run missing =
        runRecheck({QStringLiteral("import"), archive, dir.file(QStringLiteral("nope.csv"))}, dir);
    CHECK(missing.status == 2);
    CHECK_THAT(missing.err.toStdString(), Catch::Contains("nope.csv"));
    writeBytes(dir.file(QStringLiteral("noname.csv")), QByteArray("account_no,address\n0100000003,here\n"));
    const Run noColumn =
        runRecheck({QStringLiteral("import"), archive, dir.file(QStringLiteral("noname.csv"))}, dir);
    CHECK(noColumn.status == 2);
    CHECK_THAT(noColumn.err.toStdString(), Catch::Contains("required field name"));
    CHECK(contentDigest(archive) == after);

    const Run usage = runRecheck({QStringLiteral("import"), archive}, dir);
    CHECK(usage.status == 64);
}

TEST_CASE("recheck pull is safe to rerun and recheck export writes what import reads", "[io][cli]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    QDir().mkpath(dir.file(QStringLiteral("drop")));
    writeBytes(dir.file(QStringLiteral("drop/mis.csv")),
               QStringLiteral("户号,户名,联系电话\n0100000001,张三,13800000001\n").toUtf8());
    writeBytes(dir.file(QStringLiteral("mapping.json")), R"({"kind": "customers", "encoding": "AUTO"})");
    const QStringList pull{QStringLiteral("pull"),      archive,
                           QStringLiteral("--from"),    dir.file(QStringLiteral("drop")),
                           QStringLiteral("--mapping"), dir.file(QStringLiteral("mapping.json"))};
    const Run first = runRecheck(pull, dir);
    CHECK(first.status == 0);
    CHECK_THAT(first.out.toStdString(), Catch::Contains("mis.csv: applied"));
    const QString before = contentDigest(archive);
    const Run second = runRecheck(pull, dir);
    CHECK(second.status == 0);
    CHECK_THAT(second.out.toStdString(), Catch::Contains("already applied"));
    CHECK(contentDigest(archive) == before);

    const Run exported =
        runRecheck({QStringLiteral("export"), archive, QStringLiteral("--to"),
                    dir.file(QStringLiteral("out.csv")), QStringLiteral("--encoding"), QStringLiteral("GBK")},
                   dir);
    CHECK(exported.status == 0);
    CHECK_THAT(exported.out.toStdString(), Catch::Contains("1 customers written"));
    QFile out(dir.file(QStringLiteral("out.csv")));
    REQUIRE(out.open(QIODevice::ReadOnly));
    CHECK(out.readAll().contains(gbk(QStringLiteral("张三"))));
    const QString other = makeArchive(dir, QStringLiteral("other.sqlite"));
    CHECK(runRecheck({QStringLiteral("import"), other, dir.file(QStringLiteral("out.csv"))}, dir).status ==
          0);
    CHECK(customerContent(other) == customerContent(archive));
    CHECK(runRecheck(
              {QStringLiteral("export"), archive, QStringLiteral("--to"), dir.file(QStringLiteral("x.pdf"))},
              dir)
              .status == 2);
}
