// Check-out / check-in verbs: checkout, status, checkin, conflicts, resolve.
// The work is in core/sync, reached through core/master's MasterStore so that
// MASTER may be a SpatiaLite file or a PostgreSQL connection string
// (postgresql://… or host=… dbname=…); these parse arguments, print and map
// outcomes to exit statuses (0 merged, 3 conflicts waiting, 2 refused).

#include "CliCommand.h"
#include "CliProgress.h"
#include "MasterArgument.h"

#include "RecheckQgis.h"
#include "archive/Archive.h"
#include "common/Sqlite.h"
#include "master/MasterStore.h"
#include "sync/ChangeSet.h"
#include "sync/CheckinMerger.h"
#include "sync/ConflictStore.h"
#include "sync/PackageMeta.h"
#include "sync/PackageWriter.h"
#include "sync/PackageZip.h"
#include "sync/SyncValue.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <atomic>
#include <csignal>

namespace recheck::cli {

namespace {

// While it lives, SIGINT (Ctrl-C) sets a flag instead of killing the process,
// so that a long verb can stop where stopping is clean.
class InterruptGuard {
public:
    InterruptGuard() { mPrevious = std::signal(SIGINT, &InterruptGuard::onInterrupt); }
    ~InterruptGuard() { std::signal(SIGINT, mPrevious); }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;
    static bool interrupted() { return sInterrupted.load(); }

private:
    static void onInterrupt(int) { sInterrupted.store(true); }
    static inline std::atomic<bool> sInterrupted{false};
    void (*mPrevious)(int) = SIG_DFL;
};

QStringList splitList(const QString& value) {
    QStringList items;
    for (const QString& part : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            items << part.trimmed();
    return items;
}

class CheckoutCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::CheckoutCommand)

public:
    QString name() const override { return QStringLiteral("checkout"); }
    QString summary() const override {
        return tr("copy districts of a master into a new package for a laptop (with its QGIS project)");
    }
    bool needsQgis() const override { return true; }

    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(summary());
        parser.addPositionalArgument(QStringLiteral("MASTER"), tr("the office master archive"));
        parser.addOption({QStringLiteral("districts"), tr("district codes, comma-separated"), tr("A,B")});
        parser.addOption({QStringLiteral("to"), tr("folder for the package and its project"), tr("DIR")});
        parser.addOption(
            {QStringLiteral("assignee"), tr("staff code of the inspector taking it"), tr("STAFF")});
        parser.addOption({QStringLiteral("by"), tr("who checks it out (default: login name)"), tr("NAME")});
        parser.addOption({QStringLiteral("no-project"), tr("write the package only, no QGIS project")});
        parser.addOption(
            {QStringLiteral("zip"), tr("deliver one zip file holding the package and its project")});
        parser.addOption({QStringLiteral("json"), tr("machine-readable summary")});
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), args, io, status))
            return status;
        const QStringList districts = splitList(parser.value(QStringLiteral("districts")));
        if (parser.positionalArguments().size() != 1 || districts.isEmpty() ||
            !parser.isSet(QStringLiteral("to"))) {
            io.err << tr("recheck checkout: need MASTER, --districts A,B and --to DIR") << '\n'
                   << verbHelpText(parser, name());
            return ExitUsage;
        }
        const QDir dir(parser.value(QStringLiteral("to")));
        if (!QDir().mkpath(dir.absolutePath())) {
            io.err << tr("recheck checkout: cannot create %1").arg(dir.absolutePath()) << '\n';
            return ExitFailure;
        }
        const QString packagePath = dir.absoluteFilePath(PackageWriter::defaultFileName(districts));
        CheckoutOptions options;
        options.districtCodes = districts;
        options.assignee = parser.value(QStringLiteral("assignee"));
        options.checkedOutBy = parser.value(QStringLiteral("by"));
        CliProgress progress(io.err, tr("Checking out"));
        options.progress = [&](double fraction) {
            progress.update(fraction);
            return true;
        };
        // MASTER: a SpatiaLite file or a PostgreSQL connection string.
        const CheckoutResult result =
            openMasterArgument(parser.positionalArguments().first())->checkout(packagePath, options);
        progress.finish();

        QString projectPath;
        if (!parser.isSet(QStringLiteral("no-project"))) {
            projectPath = QFileInfo(packagePath).path() + QLatin1Char('/') +
                          QFileInfo(packagePath).completeBaseName() + QStringLiteral(".qgs");
            QString error;
            if (!recheck::qgis::writeArchiveProject(packagePath, projectPath, &error)) {
                io.err << tr("recheck checkout: package written to %1, but the project failed: %2")
                              .arg(packagePath, error)
                       << '\n';
                return ExitFailure;
            }
        }
        QString zipPath;
        if (parser.isSet(QStringLiteral("zip"))) {
            try {
                zipPath = PackageZip::bundle(packagePath);
            } catch (const RecheckError& e) {
                io.err << tr("recheck checkout: package written to %1, but the zip failed: %2")
                              .arg(packagePath, QString::fromUtf8(e.what()))
                       << '\n';
                return ExitFailure;
            }
        }
        const double rate = result.seconds > 0 ? result.rows / result.seconds : 0.0;
        if (parser.isSet(QStringLiteral("json"))) {
            QJsonObject rows;
            for (const auto& [table, count] : result.rowsPerTable)
                rows.insert(table, count);
            io.out << QJsonDocument(QJsonObject{{QStringLiteral("package"), packagePath},
                                                {QStringLiteral("project"), projectPath},
                                                {QStringLiteral("zip"), zipPath},
                                                {QStringLiteral("package_id"), result.meta.packageId},
                                                {QStringLiteral("master_id"), result.meta.masterId},
                                                {QStringLiteral("districts"),
                                                 QJsonArray::fromStringList(result.meta.districtCodes)},
                                                {QStringLiteral("assignee"), result.meta.assignee},
                                                {QStringLiteral("checked_out_by"), result.meta.checkedOutBy},
                                                {QStringLiteral("rows"), rows},
                                                {QStringLiteral("total_rows"), result.rows},
                                                {QStringLiteral("seconds"), result.seconds},
                                                {QStringLiteral("rows_per_second"), rate}})
                          .toJson(QJsonDocument::Indented);
            return ExitOk;
        }
        io.out << tr("Package %1 checked out: districts %2")
                      .arg(result.meta.packageId, result.meta.districtCodes.join(QStringLiteral(", ")))
               << '\n';
        for (const auto& [table, count] : result.rowsPerTable)
            io.out << QStringLiteral("  %1 %2\n").arg(table.leftJustified(16)).arg(count);
        io.out << tr("  %1 rows in %2 s (%3 rows/s)")
                      .arg(result.rows)
                      .arg(result.seconds, 0, 'f', 2)
                      .arg(static_cast<qlonglong>(rate))
               << '\n'
               << tr("Package: %1").arg(packagePath) << '\n';
        if (!result.basemap.path.isEmpty())
            io.out << tr("Basemap: %1 (%2 MB, %n layer(s); package with basemap %3 MB)", nullptr,
                         result.basemap.layers.size())
                          .arg(result.basemap.path)
                          .arg(static_cast<double>(result.basemap.bytes) / 1048576.0, 0, 'f', 1)
                          .arg(static_cast<double>(result.basemap.bytes + result.basemap.packageBytes) /
                                   1048576.0,
                               0, 'f', 1)
                   << '\n';
        if (!projectPath.isEmpty())
            io.out << tr("Project: %1").arg(projectPath) << '\n';
        if (!zipPath.isEmpty())
            io.out << tr("Both zipped into: %1").arg(zipPath) << '\n';
        return ExitOk;
    }
};
RECHECK_REGISTER_COMMAND(CheckoutCommand);

class StatusCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::StatusCommand)

public:
    QString name() const override { return QStringLiteral("status"); }
    QString summary() const override { return tr("list a package's pending changes since check-out"); }

    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(summary());
        parser.addPositionalArgument(QStringLiteral("PACKAGE"), tr("the package file"));
        parser.addOption({QStringLiteral("json"), tr("machine-readable output")});
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), args, io, status, 1))
            return status;
        QElapsedTimer timer;
        timer.start();
        Archive package = Archive::open(parser.positionalArguments().first(), Archive::Access::ReadOnly);
        const PackageMeta meta = PackageMeta::read(package.db());
        const ChangeSet changes = PackageChangeReader(package.db()).read();
        const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
        if (parser.isSet(QStringLiteral("json"))) {
            QJsonObject o = changes.toJson();
            o.insert(QStringLiteral("package"), package.path());
            o.insert(QStringLiteral("package_id"), meta.packageId);
            o.insert(QStringLiteral("master_id"), meta.masterId);
            o.insert(QStringLiteral("districts"), QJsonArray::fromStringList(meta.districtCodes));
            o.insert(QStringLiteral("checked_out_at"), meta.checkedOutAt);
            o.insert(QStringLiteral("seconds"), seconds);
            io.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        } else {
            io.out << tr("Package %1 (districts %2), checked out %3 by %4")
                          .arg(meta.packageId, meta.districtCodes.join(QStringLiteral(", ")),
                               meta.checkedOutAt, meta.checkedOutBy)
                   << '\n'
                   << tr("%1 pending changes: %2 inserts, %3 updates, %4 deletes")
                          .arg(changes.rows.size())
                          .arg(changes.count(ChangeOp::Insert))
                          .arg(changes.count(ChangeOp::Update))
                          .arg(changes.count(ChangeOp::Delete))
                   << '\n'
                   << changes.toText();
            for (const PackageDamage& d : changes.damage)
                io.out << tr("DAMAGED %1 %2: %3").arg(d.table, d.uuid, d.reason) << '\n';
        }
        return changes.damage.empty() ? ExitOk : ExitRefused;
    }
};
RECHECK_REGISTER_COMMAND(StatusCommand);

class CheckinCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::CheckinCommand)

public:
    QString name() const override { return QStringLiteral("checkin"); }
    QString summary() const override {
        return tr("merge a package back into its master (exit 0 merged, 3 conflicts waiting, 2 refused)");
    }

    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(summary());
        parser.addPositionalArgument(QStringLiteral("MASTER"), tr("the office master archive"));
        parser.addPositionalArgument(QStringLiteral("PACKAGE"), tr("the package coming back"));
        parser.addOption({QStringLiteral("by"), tr("who checks it in (default: login name)"), tr("NAME")});
        parser.addOption(
            {QStringLiteral("master-check"),
             tr("how much of the master to check first: touched (default: the header, and every page "
                "the merge reads or writes as it is loaded), tables (also quick_check the tables the "
                "check-in writes) or full (also quick_check the whole file)"),
             tr("SCOPE"), QStringLiteral("touched")});
        parser.addOption({QStringLiteral("full-master-check"), tr("the same as --master-check full")});
        parser.addOption({QStringLiteral("no-master-check"), tr("skip every check of the master")});
        parser.addOption({QStringLiteral("full-package-check"),
                          tr("PRAGMA integrity_check of the package (also compares every index with its "
                             "table) instead of quick_check")});
        parser.addOption({QStringLiteral("json"), tr("machine-readable report")});
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), args, io, status, 2))
            return status;
        CheckinOptions options;
        options.checkedInBy = parser.value(QStringLiteral("by"));
        options.checkMaster = !parser.isSet(QStringLiteral("no-master-check"));
        const QString scope = parser.isSet(QStringLiteral("full-master-check"))
                                  ? QStringLiteral("full")
                                  : parser.value(QStringLiteral("master-check"));
        if (scope == QLatin1String("touched")) {
            options.masterCheck = MasterCheckScope::Touched;
        } else if (scope == QLatin1String("tables")) {
            options.masterCheck = MasterCheckScope::WrittenTables;
        } else if (scope == QLatin1String("full")) {
            options.masterCheck = MasterCheckScope::WholeFile;
        } else {
            io.err << tr("recheck checkin: --master-check takes touched, tables or full, not %1").arg(scope)
                   << '\n';
            return ExitUsage;
        }
        options.fullPackageCheck = parser.isSet(QStringLiteral("full-package-check"));
        CliProgress progress(io.err, tr("Checking in"));
        // Ctrl-C stops the check-in cleanly: the master transaction rolls back.
        const InterruptGuard interrupt;
        options.progress = [&](double fraction) {
            progress.update(fraction);
            return !InterruptGuard::interrupted();
        };
        const CheckinReport report = openMasterArgument(parser.positionalArguments().at(0))
                                         ->checkin(parser.positionalArguments().at(1), options);
        progress.finish();
        if (parser.isSet(QStringLiteral("json"))) {
            QJsonObject o = report.toJson();
            o.insert(QStringLiteral("repeat"), report.repeat);
            io.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        } else {
            (report.outcome == CheckinReport::Outcome::Refused ||
                     report.outcome == CheckinReport::Outcome::Cancelled
                 ? io.err
                 : io.out)
                << report.toText();
        }
        switch (report.outcome) {
        case CheckinReport::Outcome::Merged:
            return ExitOk;
        case CheckinReport::Outcome::MergedWithConflicts:
            return ExitConflicts;
        case CheckinReport::Outcome::Refused:
            break;
        case CheckinReport::Outcome::Cancelled:
            return ExitFailure;
        }
        return ExitRefused;
    }
};
RECHECK_REGISTER_COMMAND(CheckinCommand);

class ConflictsCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::ConflictsCommand)

public:
    QString name() const override { return QStringLiteral("conflicts"); }
    QString summary() const override { return tr("list the check-in conflicts a master keeps"); }

    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(summary());
        parser.addPositionalArgument(QStringLiteral("MASTER"), tr("the office master archive"));
        parser.addOption({QStringLiteral("all"), tr("include resolved conflicts")});
        parser.addOption({QStringLiteral("json"), tr("machine-readable output")});
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), args, io, status, 1))
            return status;
        const QList<SyncConflict> conflicts = openMasterArgument(parser.positionalArguments().first())
                                                  ->conflicts(parser.isSet(QStringLiteral("all")));
        if (parser.isSet(QStringLiteral("json"))) {
            QJsonArray array;
            for (const SyncConflict& c : conflicts)
                array.append(c.toJson());
            io.out << QJsonDocument(QJsonObject{{QStringLiteral("conflicts"), array}})
                          .toJson(QJsonDocument::Indented);
            return ExitOk;
        }
        if (conflicts.isEmpty())
            io.out << tr("No conflicts waiting.") << '\n';
        for (const SyncConflict& c : conflicts) {
            io.out << QStringLiteral("#%1 %2 %3 %4 %5 [%6]")
                          .arg(c.id)
                          .arg(c.kind, c.table, c.uuid,
                               c.field.isEmpty() ? QStringLiteral("(whole row)") : c.field,
                               c.status == QLatin1String("open") ? c.status
                                                                 : c.status + QLatin1Char(' ') + c.resolution)
                   << '\n';
            if (!c.isRowLevel())
                io.out << tr("    base: %1 | package: %2 | master: %3 | now: %4")
                              .arg(displaySqlValue(c.baseValue), displaySqlValue(c.packageValue),
                                   displaySqlValue(c.masterValue), displaySqlValue(c.currentValue))
                       << '\n';
            else
                io.out << tr("    package row: %1 | master row: %2")
                              .arg(c.packageValue.isNull() ? tr("deleted") : tr("kept"),
                                   !c.rowExists ? tr("deleted") : tr("present"))
                       << '\n';
            if (!c.detail.isEmpty())
                io.out << QStringLiteral("    %1\n").arg(c.detail);
        }
        return ExitOk;
    }
};
RECHECK_REGISTER_COMMAND(ConflictsCommand);

class ResolveCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::ResolveCommand)

public:
    QString name() const override { return QStringLiteral("resolve"); }
    QString summary() const override {
        return tr("resolve a check-in conflict: take package, master, base or a value");
    }

    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(summary());
        parser.addPositionalArgument(QStringLiteral("MASTER"), tr("the office master archive"));
        parser.addPositionalArgument(QStringLiteral("ID"), tr("conflict id (see recheck conflicts)"));
        parser.addOption({QStringLiteral("take"), tr("package, master or base"), tr("SIDE")});
        parser.addOption({QStringLiteral("value"), tr("write this value instead"), tr("V")});
        parser.addOption({QStringLiteral("by"), tr("who decides (default: login name)"), tr("NAME")});
        parser.addOption({QStringLiteral("json"), tr("machine-readable output")});
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), args, io, status))
            return status;
        bool okId = false;
        const qint64 id = parser.positionalArguments().value(1).toLongLong(&okId);
        const QString take = parser.value(QStringLiteral("take"));
        const bool hasValue = parser.isSet(QStringLiteral("value"));
        ConflictChoice choice = ConflictChoice::Value;
        if (take == QLatin1String("package"))
            choice = ConflictChoice::Package;
        else if (take == QLatin1String("master"))
            choice = ConflictChoice::Master;
        else if (take == QLatin1String("base"))
            choice = ConflictChoice::Base;
        else if (!take.isEmpty())
            choice = static_cast<ConflictChoice>(-1);
        if (parser.positionalArguments().size() != 2 || !okId || take.isEmpty() == !hasValue ||
            choice == static_cast<ConflictChoice>(-1)) {
            io.err << tr("recheck resolve: need MASTER ID and either --take package|master|base or --value V")
                   << '\n'
                   << verbHelpText(parser, name());
            return ExitUsage;
        }
        const QString who = parser.isSet(QStringLiteral("by")) ? parser.value(QStringLiteral("by"))
                                                               : PackageWriter::loginName();
        const SyncConflict resolved =
            openMasterArgument(parser.positionalArguments().first())
                ->resolve(id, choice, hasValue ? QVariant(parser.value(QStringLiteral("value"))) : QVariant(),
                          who);
        if (parser.isSet(QStringLiteral("json"))) {
            io.out << QJsonDocument(resolved.toJson()).toJson(QJsonDocument::Indented);
            return ExitOk;
        }
        io.out << tr("Conflict %1 resolved (%2) by %3: %4 %5 %6 = %7")
                      .arg(resolved.id)
                      .arg(resolved.resolution, resolved.resolvedBy, resolved.table, resolved.uuid,
                           resolved.field.isEmpty() ? tr("(whole row)") : resolved.field,
                           resolved.isRowLevel()
                               ? (resolved.resolvedValue.isNull() ? tr("deleted") : tr("row written"))
                               : displaySqlValue(resolved.resolvedValue))
               << '\n';
        return ExitOk;
    }
};
RECHECK_REGISTER_COMMAND(ResolveCommand);

} // namespace

} // namespace recheck::cli
