// The `recheck` command line as scripts and cron see it: exit statuses,
// messages and files, running the built binary.

#include "TestSupport.h"

#include "archive/Archive.h"
#include "archive/ArchiveSchema.h"
#include "common/Sqlite.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace recheck;
using recheck::test::fileSha256;
using recheck::test::ScratchDir;
using recheck::test::sqlScalar;

namespace {

struct CliRun {
    int status = -1;
    QString out;
    QString err;
};

CliRun runRecheck(const QStringList& args, const ScratchDir& dir) {
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // An isolated home: the verbs that start QGIS write a profile there.
    env.insert(QStringLiteral("HOME"), dir.path());
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), dir.path());
    env.remove(QStringLiteral("DISPLAY"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(RECHECK_BINARY_DIR "/bin/recheck"), args);
    REQUIRE(process.waitForFinished(120000));
    CliRun run;
    run.status = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace

TEST_CASE("recheck without a verb or with a bad one prints usage and exits 64", "[cli]") {
    ScratchDir dir;
    const CliRun bare = runRecheck({}, dir);
    CHECK(bare.status == 64);
    CHECK_THAT(bare.out.toStdString(), Catch::Contains("Usage: recheck"));
    const CliRun unknown = runRecheck({QStringLiteral("frobnicate")}, dir);
    CHECK(unknown.status == 64);
    CHECK_THAT(unknown.err.toStdString(), Catch::Contains("unknown verb \"frobnicate\""));
    // A verb given the wrong number of files shows its own help.
    const CliRun oneFile =
        runRecheck({QStringLiteral("checkin"), dir.file(QStringLiteral("master.sqlite"))}, dir);
    CHECK(oneFile.status == 64);
    CHECK_THAT(oneFile.err.toStdString(), Catch::Contains("PACKAGE"));
    const CliRun missingOut = runRecheck({QStringLiteral("demo")}, dir);
    CHECK(missingOut.status == 64);
    CHECK_THAT(missingOut.err.toStdString(), Catch::Contains("--out"));
}

TEST_CASE("recheck info refuses a file that is not an archive with exit 2 and names it", "[cli]") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("export.csv"));
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write("户号,户名\n0100000001,张三\n");
    f.close();
    const QString before = fileSha256(path);
    const CliRun run = runRecheck({QStringLiteral("info"), path}, dir);
    CHECK(run.status == 2);
    CHECK_THAT(run.err.toStdString(),
               Catch::Contains("export.csv") && Catch::Contains("not a Recheck archive"));
    CHECK(fileSha256(path) == before);
}

TEST_CASE("recheck demo writes an archive and a project whose figures match the files", "[cli][demo]") {
    ScratchDir dir;
    const QString out = dir.file(QStringLiteral("demo"));
    const CliRun run =
        runRecheck({QStringLiteral("demo"), QStringLiteral("--out"), out, QStringLiteral("--customers"),
                    QStringLiteral("800"), QStringLiteral("--districts"), QStringLiteral("4"),
                    QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--json")},
                   dir);
    INFO(run.err.toStdString());
    REQUIRE(run.status == 0);
    const QJsonObject summary = QJsonDocument::fromJson(run.out.toUtf8()).object();
    const QString archive = QDir(out).filePath(QStringLiteral("master.sqlite"));
    CHECK(summary.value(QStringLiteral("archive")).toString() == archive);
    for (const char* table : {"customers", "districts", "feeders", "staff", "tasks", "visits", "roads"}) {
        INFO(table);
        CHECK(QString::number(summary.value(QString::fromLatin1(table)).toInt()) ==
              sqlScalar(archive, QStringLiteral("SELECT count(*) FROM %1").arg(QString::fromLatin1(table))));
    }
    CHECK(summary.value(QStringLiteral("customers")).toInt() == 800);

    // The project opens the archive through our provider, relative to itself.
    QFile project(QDir(out).filePath(QStringLiteral("recheck-demo.qgs")));
    REQUIRE(project.open(QIODevice::ReadOnly));
    const QByteArray qgs = project.readAll();
    CHECK(qgs.contains("customerarchive"));
    CHECK(qgs.contains("./master.sqlite|layername=customers"));
    CHECK_FALSE(qgs.contains(out.toUtf8() + "/master.sqlite"));

    // A second run refuses to replace it and leaves it as it was.
    const QString before = fileSha256(archive);
    const CliRun again = runRecheck({QStringLiteral("demo"), QStringLiteral("--out"), out}, dir);
    CHECK(again.status == 2);
    CHECK_THAT(again.err.toStdString(), Catch::Contains("--force"));
    CHECK(fileSha256(archive) == before);

    const CliRun info = runRecheck({QStringLiteral("info"), archive, QStringLiteral("--json")}, dir);
    REQUIRE(info.status == 0);
    const QJsonObject meta = QJsonDocument::fromJson(info.out.toUtf8()).object();
    CHECK(meta.value(QStringLiteral("schema_version")).toInt() == ArchiveSchema::currentVersion());
    CHECK(meta.value(QStringLiteral("role")).toString() == QStringLiteral("master"));
    CHECK(meta.value(QStringLiteral("change_log_entries")).toInt() == 0);
}

TEST_CASE("recheck upgrade migrates an old archive — other verbs ask for it first", "[cli][migration]") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("old.sqlite"));
    {
        Archive::CreateOptions options;
        options.schemaVersion = 1;
        Archive::create(path, options);
    }
    const CliRun refused = runRecheck({QStringLiteral("info"), path}, dir);
    CHECK(refused.status == 2);
    CHECK_THAT(refused.err.toStdString(), Catch::Contains("recheck upgrade"));
    const CliRun upgraded = runRecheck({QStringLiteral("upgrade"), path}, dir);
    CHECK(upgraded.status == 0);
    CHECK_THAT(upgraded.out.toStdString(), Catch::Contains("from schema v1"));
    CHECK(Archive::schemaVersionOf(path) == ArchiveSchema::currentVersion());
}

TEST_CASE("recheck route on an archive orders exactly the open task's pending customers", "[cli][route]") {
    ScratchDir dir;
    const QString out = dir.file(QStringLiteral("demo"));
    REQUIRE(runRecheck({QStringLiteral("demo"), QStringLiteral("--out"), out, QStringLiteral("--customers"),
                        QStringLiteral("800"), QStringLiteral("--districts"), QStringLiteral("4"),
                        QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--no-project")},
                       dir)
                .status == 0);
    const QString archive = QDir(out).filePath(QStringLiteral("master.sqlite"));
    // A district with an open task; with several, the planner's rule picks
    // one (tested in core): the figures must be those of one of them.
    const QString pendingSql = QStringLiteral(
        "(SELECT count(*) FROM task_scope s WHERE s.task_uuid = t.uuid AND NOT EXISTS "
        "(SELECT 1 FROM visits v WHERE v.task_uuid = t.uuid AND v.customer_uuid = s.customer_uuid))");
    const QString district = sqlScalar(
        archive,
        QStringLiteral("SELECT d.code FROM tasks t JOIN districts d ON d.uuid = t.district_uuid WHERE "
                       "t.status IN ('issued', 'in_progress') ORDER BY %1 DESC LIMIT 1")
            .arg(pendingSql));
    REQUIRE_FALSE(district.isEmpty());
    const QStringList openTaskPending =
        sqlScalar(archive, QStringLiteral("SELECT group_concat(%1) FROM tasks t JOIN districts d ON d.uuid = "
                                          "t.district_uuid WHERE d.code = '%2' AND t.status IN ('issued', "
                                          "'in_progress')")
                               .arg(pendingSql, district))
            .split(QLatin1Char(','));

    const CliRun run =
        runRecheck({QStringLiteral("route"), archive, QStringLiteral("--district"), district,
                    QStringLiteral("--time-limit"), QStringLiteral("0.3"), QStringLiteral("--json")},
                   dir);
    INFO(run.err.toStdString());
    REQUIRE(run.status == 0);
    const QJsonObject result = QJsonDocument::fromJson(run.out.toUtf8())
                                   .object()
                                   .value(QStringLiteral("districts"))
                                   .toArray()
                                   .first()
                                   .toObject();
    CHECK(result.value(QStringLiteral("district")).toString() == district);
    const int pending = result.value(QStringLiteral("pending")).toInt();
    CHECK(pending > 0);
    CHECK(openTaskPending.contains(QString::number(pending)));
    CHECK(result.value(QStringLiteral("orders_written")).toInt() == pending);
    // Orders 1..n, each once, on exactly the pending customers of the task.
    CHECK(sqlScalar(archive,
                    QStringLiteral("SELECT count(DISTINCT route_order) || '/' || min(route_order) || '/' || "
                                   "max(route_order) FROM task_scope s JOIN tasks t ON t.uuid = s.task_uuid "
                                   "JOIN districts d ON d.uuid = t.district_uuid WHERE d.code = '%1' AND "
                                   "route_order IS NOT NULL")
                        .arg(district)) == QStringLiteral("%1/1/%1").arg(pending));
    // Unknown districts are refused with the code named.
    const CliRun unknown =
        runRecheck({QStringLiteral("route"), archive, QStringLiteral("--district"), QStringLiteral("TQ9999"),
                    QStringLiteral("--time-limit"), QStringLiteral("0.1")},
                   dir);
    CHECK(unknown.status != 0);
    CHECK_THAT(unknown.err.toStdString(), Catch::Contains("TQ9999"));
}

TEST_CASE("recheck checkout --zip delivers one zip that recheck checkin takes back", "[cli][sync]") {
    ScratchDir dir;
    const QString out = dir.file(QStringLiteral("demo"));
    REQUIRE(runRecheck({QStringLiteral("demo"), QStringLiteral("--out"), out, QStringLiteral("--customers"),
                        QStringLiteral("600"), QStringLiteral("--districts"), QStringLiteral("3"),
                        QStringLiteral("--seed"), QStringLiteral("7"), QStringLiteral("--no-project")},
                       dir)
                .status == 0);
    const QString master = QDir(out).filePath(QStringLiteral("master.sqlite"));
    const QString district =
        sqlScalar(master, QStringLiteral("SELECT code FROM districts ORDER BY code LIMIT 1"));
    const QString laptop = dir.file(QStringLiteral("laptop"));
    const CliRun checkout = runRecheck({QStringLiteral("checkout"), master, QStringLiteral("--districts"), district,
                                        QStringLiteral("--to"), laptop, QStringLiteral("--zip"),
                                        QStringLiteral("--json")},
                                       dir);
    INFO(checkout.err.toStdString());
    REQUIRE(checkout.status == 0);
    const QJsonObject summary = QJsonDocument::fromJson(checkout.out.toUtf8()).object();
    const QString zip = summary.value(QStringLiteral("zip")).toString();
    // One file travels: the zip, holding the package and its project.
    CHECK(QDir(laptop).entryList(QDir::Files) == QStringList{QFileInfo(zip).fileName()});

    // The inspector unzips, edits, and brings the package back zipped.
    const CliRun unzip = [&] {
        QProcess process;
        process.setWorkingDirectory(laptop);
        process.start(QStringLiteral("python3"), {QStringLiteral("-c"),
                                                  QStringLiteral("import sys, zipfile; "
                                                                 "z = zipfile.ZipFile(sys.argv[1]); "
                                                                 "print('\\n'.join(sorted(z.namelist()))); "
                                                                 "z.extractall('.')"),
                                                  zip});
        REQUIRE(process.waitForFinished(60000));
        return CliRun{process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()), QString()};
    }();
    REQUIRE(unzip.status == 0);
    const QStringList names = unzip.out.trimmed().split(QLatin1Char('\n'));
    REQUIRE(names.size() == 2);
    CHECK(names[0].endsWith(QLatin1String(".qgs")));
    CHECK(names[1].endsWith(QLatin1String(".sqlite")));
    const QString package = QDir(laptop).filePath(names[1]);
    {
        SqliteDatabase db(package, SqliteDatabase::Mode::ReadWrite);
        db.exec(QStringLiteral("UPDATE customers SET phone = 'ZIP-' || fid WHERE fid IN (SELECT fid FROM "
                               "customers ORDER BY fid LIMIT 5)"));
    }
    const QString backZip = dir.file(QStringLiteral("back.zip"));
    QProcess rezip;
    rezip.start(QStringLiteral("python3"),
                {QStringLiteral("-c"),
                 QStringLiteral("import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED); "
                                "z.write(sys.argv[2], 'work/' + sys.argv[3]); z.close()"),
                 backZip, package, names[1]});
    REQUIRE(rezip.waitForFinished(60000));
    REQUIRE(rezip.exitCode() == 0);

    const CliRun checkin =
        runRecheck({QStringLiteral("checkin"), master, backZip, QStringLiteral("--json")}, dir);
    INFO(checkin.err.toStdString());
    REQUIRE(checkin.status == 0);
    const QJsonObject report = QJsonDocument::fromJson(checkin.out.toUtf8()).object();
    CHECK(report.value(QStringLiteral("counts")).toObject().value(QStringLiteral("applied")).toInt() == 5);
    CHECK(sqlScalar(master, QStringLiteral("SELECT count(*) FROM customers WHERE phone LIKE 'ZIP-%'")).toInt() == 5);
    // Progress goes to stderr; the report alone to stdout.
    CHECK_THAT(checkin.err.toStdString(), Catch::Contains("Checking in"));

    // A zip with something else in it is refused, exit 2, master unchanged.
    const QString before = fileSha256(master);
    const QString notes = dir.file(QStringLiteral("notes.zip"));
    QProcess notesZip;
    notesZip.start(QStringLiteral("python3"),
                   {QStringLiteral("-c"),
                    QStringLiteral("import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], 'w'); "
                                   "z.writestr('notes.txt', 'x'); z.close()"),
                    notes});
    REQUIRE(notesZip.waitForFinished(60000));
    const CliRun refused = runRecheck({QStringLiteral("checkin"), master, notes}, dir);
    CHECK(refused.status == 2);
    CHECK_THAT(refused.err.toStdString(), Catch::Contains("no package"));
    CHECK(fileSha256(master) == before);
}
