// recheck_pg_office_bench: the office verbs (progress, export, plan
// generate, import) on a PostgreSQL master against the SpatiaLite master
// holding the same rows (a generated demo master, migrated), with the ratio
// PostgreSQL / SpatiaLite measured in the same run.
//
//   recheck_pg_office_bench SERVER [--customers N] [--counties K] [--changes C] [--cache DIR] [--keep]
//
// SERVER: a libpq key=value connection string without dbname of a user
// allowed to create databases (tests/pg/pg-test-server.sh start DIR writes
// one to DIR/conninfo). A database of its own is created and dropped
// afterwards (unless --keep).

#include "archive/DemoCountyGenerator.h"
#include "common/RecheckError.h"
#include "common/Sqlite.h"
#include "master/PgConnection.h"
#include "master/PgMasterMigration.h"
#include "master/PgMasterStore.h"
#include "master/SpatiaLiteMasterStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QUuid>

#include <cstdio>
#include <functional>

using namespace recheck;

namespace {

int optionValue(const QStringList& args, const QString& name, int fallback) {
    const int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1].toInt() : fallback;
}

QString optionText(const QStringList& args, const QString& name, const QString& fallback) {
    const int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}

double timed(const std::function<void()>& work) {
    QElapsedTimer timer;
    timer.start();
    work();
    return static_cast<double>(timer.nsecsElapsed()) / 1e9;
}

// The demo master with its districts spread over `counties` counties,
// cached (the generator takes a while at hundreds of thousands).
QString spatialiteMaster(const QString& cacheDir, int customers, int counties) {
    QDir().mkpath(cacheDir);
    const QString path =
        QDir(cacheDir).filePath(QStringLiteral("office-bench-%1-%2.sqlite").arg(customers).arg(counties));
    if (!QFileInfo::exists(path)) {
        DemoCountyOptions options;
        options.customers = customers;
        options.districts = std::max(counties, customers / 500);
        options.seed = 21;
        const QString partial = path + QStringLiteral(".generating");
        QFile::remove(partial);
        DemoCountyGenerator(options).generate(partial);
        {
            SqliteDatabase db(partial, SqliteDatabase::Mode::ReadWrite);
            db.exec(QStringLiteral("UPDATE districts SET county = '县' || printf('%02d', (fid - 1) % %1 + 1)")
                        .arg(counties));
        }
        QFile::rename(partial, path);
    }
    return path;
}

// An MIS file: the export's first `changes` customers with a new phone.
QString importFile(const QString& exported, const QString& path, int changes) {
    QFile in(exported);
    if (!in.open(QIODevice::ReadOnly))
        throw RecheckError(QStringLiteral("cannot read %1").arg(exported).toStdString(),
                           RecheckError::Kind::Io);
    const QStringList lines = QString::fromUtf8(in.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const int phone = lines.first().split(QLatin1Char(',')).indexOf(QStringLiteral("phone"));
    QStringList out{lines.first()};
    for (int i = 1; i <= changes && i < lines.size(); ++i) {
        QStringList fields = lines[i].split(QLatin1Char(','));
        if (phone >= 0 && phone < fields.size())
            fields[phone] = QStringLiteral("139%1").arg(i, 8, 10, QLatin1Char('0'));
        out << fields.join(QLatin1Char(','));
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw RecheckError(QStringLiteral("cannot write %1").arg(path).toStdString(), RecheckError::Kind::Io);
    file.write((out.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
    return path;
}

void report(const char* what, double pg, double spatialite) {
    std::printf("%-34s PostgreSQL %7.2f s   SpatiaLite %7.2f s   ratio %.2f\n", what, pg, spatialite,
                spatialite > 0 ? pg / spatialite : 0.0);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty() || args.first().startsWith(QLatin1String("--"))) {
        std::fprintf(stderr, "usage: recheck_pg_office_bench SERVER [--customers N] [--counties K] "
                             "[--changes C] [--cache DIR] [--keep]\n");
        return 64;
    }
    const QString server = args.first();
    const int customers = optionValue(args, QStringLiteral("--customers"), 100000);
    const int counties = optionValue(args, QStringLiteral("--counties"), 10);
    const int changes = optionValue(args, QStringLiteral("--changes"), 5000);
    const QString cache = optionText(args, QStringLiteral("--cache"),
                                     QDir::temp().filePath(QStringLiteral("recheck-pg-bench-cache")));
    const bool keep = args.contains(QStringLiteral("--keep"));
    std::printf("%d customers in %d counties; import of %d changed customers\n", customers, counties,
                changes);
    try {
        QTemporaryDir scratch;
        QElapsedTimer timer;
        timer.start();
        const QString cached = spatialiteMaster(cache, customers, counties);
        std::printf("SpatiaLite master ready in %.1f s\n", static_cast<double>(timer.elapsed()) / 1000);
        const QString file = scratch.filePath(QStringLiteral("master.sqlite"));
        QFile::copy(cached, file);
        QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);

        PgConnection admin(server + QStringLiteral(" dbname=postgres"));
        const QString database =
            QStringLiteral("recheck_office_%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
        admin.exec(QStringLiteral("CREATE DATABASE %1").arg(database));
        int status = 0;
        {
            PgMasterStore store(server + QStringLiteral(" dbname=") + database);
            const double migrate = timed([&] { PgMasterMigration::migrate(file, store); });
            std::printf("migrated into PostgreSQL in %.1f s\n", migrate);
            store.connection().exec(QStringLiteral("ANALYZE"));
            SpatiaLiteMasterStore spatialite(file);

            planning::ProgressOptions progress;
            progress.today = QDate(2026, 11, 2);
            std::size_t pgTasks = 0, fileTasks = 0;
            report("progress (all tasks)", timed([&] { pgTasks = store.progress(progress).size(); }),
                   timed([&] { fileTasks = spatialite.progress(progress).size(); }));

            planning::ProgressOptions month = progress;
            month.from = QDate(2026, 11, 1);
            month.to = QDate(2026, 11, 30);
            report("progress (tasks due in a month)", timed([&] { store.progress(month); }),
                   timed([&] { spatialite.progress(month); }));

            io::ExportOptions exportOptions;
            const QString pgCsv = scratch.filePath(QStringLiteral("pg.csv"));
            const QString fileCsv = scratch.filePath(QStringLiteral("file.csv"));
            report("export (CSV, all customers)", timed([&] { store.exportCustomers(pgCsv, exportOptions); }),
                   timed([&] { spatialite.exportCustomers(fileCsv, exportOptions); }));

            planning::GenerationOptions plan;
            plan.from = QDate(2027, 1, 1);
            plan.to = QDate(2027, 3, 31);
            plan.user = QStringLiteral("bench");
            std::size_t pgCreated = 0, fileCreated = 0;
            report("plan generate (one quarter)",
                   timed([&] { pgCreated = store.generatePlan(plan).created.size(); }),
                   timed([&] { fileCreated = spatialite.generatePlan(plan).created.size(); }));

            const QString mis = importFile(fileCsv, scratch.filePath(QStringLiteral("mis.csv")), changes);
            io::ImportOptions import;
            // The demo's rows were last written by "demo": the import writes
            // them rather than holding them for review.
            import.runBy = QStringLiteral("demo");
            import.reportBase = scratch.filePath(QStringLiteral("report-pg"));
            qint64 pgUpdated = 0, fileUpdated = 0;
            const double pgImport = timed([&] { pgUpdated = store.importFile(mis, import).updated; });
            import.reportBase = scratch.filePath(QStringLiteral("report-file"));
            const double fileImport =
                timed([&] { fileUpdated = spatialite.importFile(mis, import).updated; });
            report("import (changed customers)", pgImport, fileImport);

            RemindRequest remind;
            remind.now = QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);
            std::size_t pgQueued = 0, fileQueued = 0;
            report("remind (queue)", timed([&] { pgQueued = store.remind(remind).queued.queued.size(); }),
                   timed([&] { fileQueued = spatialite.remind(remind).queued.queued.size(); }));

            std::printf(
                "same results: progress %zu/%zu tasks, plan %zu/%zu created, import %lld/%lld updated, "
                "remind %zu/%zu queued\n",
                pgTasks, fileTasks, pgCreated, fileCreated, static_cast<long long>(pgUpdated),
                static_cast<long long>(fileUpdated), pgQueued, fileQueued);
            if (pgTasks != fileTasks || pgCreated != fileCreated || pgUpdated != fileUpdated ||
                pgQueued != fileQueued)
                status = 1;
        }
        if (!keep)
            admin.exec(QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(database));
        else
            std::printf("kept database %s\n", qPrintable(database));
        return status;
    } catch (const RecheckError& e) {
        std::fprintf(stderr, "recheck_pg_office_bench: %s\n", e.what());
        return 1;
    }
}
