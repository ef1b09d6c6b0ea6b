// Import/export verbs: import, pull, export. The work is in core/io; these
// parse arguments, show progress, print summaries and map outcomes to exit
// statuses (0 all applied, 4 nothing applied because of invalid rows, 2
// unreadable input).

#include "CliCommand.h"
#include "CliProgress.h"
#include "MasterArgument.h"

#include "archive/Archive.h"
#include "common/RecheckError.h"
#include "io/ArchiveExporter.h"
#include "io/ArchiveImporter.h"
#include "io/DropFolderPull.h"
#include "io/ImportReport.h"
#include "io/MappingProfile.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace recheck::cli {

namespace {

using namespace recheck::io;

/// Reports go beside the archive unless --report says otherwise: the MIS
/// drop folder is not ours to write to.
QString defaultReportFolder(const QString& archivePath) {
    // A PostgreSQL master has no folder: the current one.
    if (isPostgresMaster(archivePath) || namesAuthConfig(archivePath))
        return QDir::current().filePath(QStringLiteral("import-reports"));
    return QFileInfo(archivePath).absoluteDir().filePath(QStringLiteral("import-reports"));
}

QString timestamp() {
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddTHHmmss"));
}

QJsonObject resultJson(const ImportResult& r) {
    QJsonObject mapping;
    for (auto it = r.fieldColumns.begin(); it != r.fieldColumns.end(); ++it)
        mapping.insert(it.key(), it.value());
    return {{QStringLiteral("source"), r.source},
            {QStringLiteral("sha256"), r.sha256},
            {QStringLiteral("encoding"), r.encoding},
            {QStringLiteral("applied"), r.applied},
            {QStringLiteral("run_id"), r.runId},
            {QStringLiteral("rows_read"), r.rowsRead},
            {QStringLiteral("inserted"), r.inserted},
            {QStringLiteral("updated"), r.updated},
            {QStringLiteral("unchanged"), r.unchanged},
            {QStringLiteral("rejected"), r.rejected},
            {QStringLiteral("for_review"), r.forReview},
            {QStringLiteral("errors"), r.errors},
            {QStringLiteral("warnings"), r.warnings},
            {QStringLiteral("mapping"), mapping},
            {QStringLiteral("unmatched_columns"), QJsonArray::fromStringList(r.unmatchedColumns)},
            {QStringLiteral("report_csv"), r.reportCsv},
            {QStringLiteral("report_json"), r.reportJson}};
}

class ImportCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::ImportCommand)

public:
    QString name() const override { return QStringLiteral("import"); }
    QString summary() const override {
        return tr("import customers (CSV, XLSX, DBF/SHP, GPKG, GeoJSON) or districts, feeders, roads into an "
                  "archive");
    }

    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(tr(
            "Imports one file in one transaction: every row or none (unless --skip-invalid). Customers are "
            "matched by account number; only MIS-owned fields are written, and a field verified in the field "
            "is held for review (table import_review) instead of being overwritten. Every rejected row is "
            "listed with file, row, column and reason in the report (CSV and JSON).\n"
            "Exit status: 0 applied, 4 nothing applied because of invalid rows, 2 input unreadable or "
            "unusable."));
        parser.addPositionalArgument(QStringLiteral("ARCHIVE"),
                                     tr("the archive or master: a file, postgresql://… or authcfg=ID"));
        parser.addPositionalArgument(QStringLiteral("FILE"), tr("the file to import"));
        const QCommandLineOption kind(QStringLiteral("kind"),
                                      tr("customers (default), districts, feeders or roads"), tr("KIND"));
        const QCommandLineOption mapping(
            QStringLiteral("mapping"), tr("mapping profile (JSON); without it columns are matched by header"),
            tr("FILE"));
        const QCommandLineOption encoding(QStringLiteral("encoding"),
                                          tr("text encoding of CSV/DBF: AUTO (default), UTF-8 or GBK"),
                                          tr("ENC"));
        const QCommandLineOption layer(QStringLiteral("layer"),
                                       tr("layer or sheet to read (default: the first)"), tr("NAME"));
        const QCommandLineOption skipInvalid(QStringLiteral("skip-invalid"),
                                             tr("apply the valid rows and report the invalid ones"));
        const QCommandLineOption dryRun(QStringLiteral("dry-run"), tr("validate and report, change nothing"));
        const QCommandLineOption report(QStringLiteral("report"),
                                        tr("report file base: writes BASE.csv and BASE.json (default: "
                                           "import-reports/ beside the archive)"),
                                        tr("FILE"));
        const QCommandLineOption by(QStringLiteral("by"),
                                    tr("updated_by for the rows written (default: import)"), tr("NAME"));
        const QCommandLineOption json(QStringLiteral("json"), tr("machine-readable summary"));
        parser.addOptions({kind, mapping, encoding, layer, skipInvalid, dryRun, report, by, json});
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), args, io, status, 2))
            return status;
        const QString archivePath = parser.positionalArguments().at(0);
        const QString file = parser.positionalArguments().at(1);

        ImportOptions options;
        if (parser.isSet(mapping))
            options.profile = MappingProfile::load(parser.value(mapping));
        if (parser.isSet(kind)) {
            const auto k = importKindFromName(parser.value(kind));
            if (!k) {
                io.err << "recheck import: " << tr("--kind must be customers, districts, feeders or roads")
                       << '\n';
                return ExitUsage;
            }
            options.profile.kind = *k;
        }
        if (parser.isSet(encoding)) {
            const auto e = sourceEncodingFromName(parser.value(encoding));
            if (!e) {
                io.err << "recheck import: " << tr("--encoding must be AUTO, UTF-8 or GBK") << '\n';
                return ExitUsage;
            }
            options.profile.encoding = *e;
        }
        if (parser.isSet(layer))
            options.profile.layer = parser.value(layer);
        options.skipInvalid = parser.isSet(skipInvalid);
        options.dryRun = parser.isSet(dryRun);
        if (parser.isSet(by))
            options.runBy = parser.value(by);
        options.reportBase =
            parser.isSet(report)
                ? ImportReportWriter::basePath(parser.value(report))
                : QDir(defaultReportFolder(archivePath))
                      .filePath(QFileInfo(file).completeBaseName() + QLatin1Char('-') + timestamp());

        CliProgress progress(io.err, tr("Importing %1").arg(QFileInfo(file).fileName()));
        options.progress = [&](double f) {
            progress.update(f);
            return true;
        };
        const ImportResult result = openMasterArgument(archivePath)->importFile(file, options);
        progress.finish();
        if (parser.isSet(json)) {
            io.out << QJsonDocument(resultJson(result)).toJson(QJsonDocument::Indented);
        } else {
            io.out
                << tr("%1: %2 rows read (encoding %3): %4 inserted, %5 updated, %6 unchanged, %7 rejected, "
                      "%8 held for review, %9 warnings")
                       .arg(QFileInfo(file).fileName())
                       .arg(result.rowsRead)
                       .arg(result.encoding)
                       .arg(result.inserted)
                       .arg(result.updated)
                       .arg(result.unchanged)
                       .arg(result.rejected)
                       .arg(result.forReview)
                       .arg(result.warnings)
                << '\n';
            if (!result.unmatchedColumns.isEmpty())
                io.out
                    << tr("Columns not imported: %1").arg(result.unmatchedColumns.join(QStringLiteral(", ")))
                    << '\n';
            io.out << tr("Report: %1").arg(result.reportCsv) << '\n';
        }
        if (!result.applied && !options.dryRun) {
            io.err << "recheck import: "
                   << tr("nothing applied: %1 rows are invalid (see %2); fix them or use --skip-invalid")
                          .arg(result.rejected)
                          .arg(result.reportCsv)
                   << '\n';
            return ExitInvalidRows;
        }
        if (options.dryRun && result.rejected > 0)
            return ExitInvalidRows;
        return ExitOk;
    }
};

class PullCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::PullCommand)

public:
    QString name() const override { return QStringLiteral("pull"); }
    QString summary() const override {
        return tr("import the new export files of a drop folder (for cron; safe to run repeatedly)");
    }

    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(tr(
            "Imports, oldest first, the files in --from that are not older than the last pulled file and "
            "were "
            "not applied before (same SHA-256). The first file that fails stops the run and is tried again "
            "next time. Exit status: 0 all applied (or nothing new), 4 a file has invalid rows, 2 a file "
            "is unreadable."));
        parser.addPositionalArgument(QStringLiteral("ARCHIVE"), tr("the archive"));
        const QCommandLineOption from(QStringLiteral("from"), tr("the drop folder"), tr("DIR"));
        const QCommandLineOption mapping(QStringLiteral("mapping"), tr("mapping profile (JSON)"), tr("FILE"));
        const QCommandLineOption skipInvalid(
            QStringLiteral("skip-invalid"),
            tr("apply the valid rows of each file and report the invalid ones"));
        const QCommandLineOption reports(
            QStringLiteral("reports"),
            tr("folder for the reports (default: import-reports/ beside the archive)"), tr("DIR"));
        const QCommandLineOption settle(QStringLiteral("settle"),
                                        tr("leave files modified in the last S seconds for the next run "
                                           "(default 0)"),
                                        tr("S"), QStringLiteral("0"));
        const QCommandLineOption json(QStringLiteral("json"), tr("machine-readable summary"));
        parser.addOptions({from, mapping, skipInvalid, reports, settle, json});
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), args, io, status, 1))
            return status;
        if (!parser.isSet(from)) {
            io.err << "recheck pull: " << tr("--from DIR is required") << '\n';
            return ExitUsage;
        }
        bool settleOk = false;
        const int settleSeconds = parser.value(settle).toInt(&settleOk);
        if (!settleOk || settleSeconds < 0) {
            io.err << "recheck pull: " << tr("--settle takes a whole number of seconds ≥ 0") << '\n';
            return ExitUsage;
        }
        const QString archivePath = parser.positionalArguments().at(0);
        PullOptions options;
        options.folder = parser.value(from);
        if (parser.isSet(mapping))
            options.import.profile = MappingProfile::load(parser.value(mapping));
        options.import.skipInvalid = parser.isSet(skipInvalid);
        options.reportFolder =
            parser.isSet(reports) ? parser.value(reports) : defaultReportFolder(archivePath);
        options.settleSeconds = settleSeconds;
        Archive archive = Archive::open(archivePath);
        CliProgress progress(io.err, tr("Pulling from %1").arg(options.folder));
        options.import.progress = [&](double f) {
            progress.update(f);
            return true;
        };
        const PullResult result = DropFolderPull::run(archive, options);
        int exit = ExitOk;
        QJsonArray files;
        for (const PullFile& f : result.files) {
            if (f.outcome == PullFile::Outcome::InvalidRows)
                exit = ExitInvalidRows;
            else if (f.outcome == PullFile::Outcome::Refused)
                exit = ExitRefused;
            QJsonObject o = resultJson(f.result);
            o.insert(QStringLiteral("file"), f.path);
            o.insert(QStringLiteral("outcome"), DropFolderPull::outcomeName(f.outcome));
            if (!f.error.isEmpty())
                o.insert(QStringLiteral("error"), f.error);
            files.append(o);
            if (parser.isSet(json))
                continue;
            const QString file = QFileInfo(f.path).fileName();
            switch (f.outcome) {
            case PullFile::Outcome::Applied:
                io.out << tr("%1: applied: %2 inserted, %3 updated, %4 unchanged, %5 rejected, %6 held for "
                             "review")
                              .arg(file)
                              .arg(f.result.inserted)
                              .arg(f.result.updated)
                              .arg(f.result.unchanged)
                              .arg(f.result.rejected)
                              .arg(f.result.forReview)
                       << '\n';
                break;
            case PullFile::Outcome::AlreadyApplied:
                io.out << tr("%1: already applied, skipped").arg(file) << '\n';
                break;
            case PullFile::Outcome::InvalidRows:
                io.err << "recheck pull: "
                       << tr("%1: nothing applied: %2 rows are invalid (see %3); later files wait")
                              .arg(file)
                              .arg(f.result.rejected)
                              .arg(f.result.reportCsv)
                       << '\n';
                break;
            case PullFile::Outcome::Refused:
                io.err << "recheck pull: " << f.error << '\n';
                break;
            case PullFile::Outcome::NotSettled:
                io.out << tr("%1: still being written, left for the next run").arg(file) << '\n';
                break;
            }
        }
        progress.finish();
        if (parser.isSet(json)) {
            io.out << QJsonDocument(QJsonObject{{QStringLiteral("watermark_before"), result.watermarkBefore},
                                                {QStringLiteral("watermark_after"), result.watermarkAfter},
                                                {QStringLiteral("stopped"), result.stopped},
                                                {QStringLiteral("files"), files}})
                          .toJson(QJsonDocument::Indented);
        } else if (result.files.empty()) {
            io.out << tr("Nothing new in %1").arg(options.folder) << '\n';
        }
        return exit;
    }
};

class ExportCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::ExportCommand)

public:
    QString name() const override { return QStringLiteral("export"); }
    QString summary() const override {
        return tr("export the corrected customer records for the MIS (CSV, XLSX or GPKG)");
    }

    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(tr(
            "Writes the archive's customers with the archive's field names (an export imports back as is), "
            "district and feeder codes, coordinates, when and by whom each was changed, the last visit and "
            "the fields the field work changed."));
        parser.addPositionalArgument(QStringLiteral("ARCHIVE"),
                                     tr("the archive or master: a file, postgresql://… or authcfg=ID"));
        const QCommandLineOption to(QStringLiteral("to"), tr("file to write: .csv, .xlsx or .gpkg"),
                                    tr("FILE"));
        const QCommandLineOption since(QStringLiteral("changed-since"),
                                       tr("only customers changed on or after DATE (YYYY-MM-DD, UTC)"),
                                       tr("DATE"));
        const QCommandLineOption verified(
            QStringLiteral("verified-only"),
            tr("only customers checked on site (visit result ok or discrepancy)"));
        const QCommandLineOption encoding(QStringLiteral("encoding"),
                                          tr("CSV encoding: UTF-8 (default) or GBK"), tr("ENC"));
        const QCommandLineOption json(QStringLiteral("json"), tr("machine-readable summary"));
        parser.addOptions({to, since, verified, encoding, json});
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), args, io, status, 1))
            return status;
        if (!parser.isSet(to)) {
            io.err << "recheck export: " << tr("--to FILE is required") << '\n';
            return ExitUsage;
        }
        ExportOptions options;
        options.changedSince = parser.value(since);
        options.verifiedOnly = parser.isSet(verified);
        if (parser.isSet(encoding)) {
            const auto e = sourceEncodingFromName(parser.value(encoding));
            if (!e || *e == SourceEncoding::Auto) {
                io.err << "recheck export: " << tr("--encoding must be UTF-8 or GBK") << '\n';
                return ExitUsage;
            }
            options.encoding = *e;
        }
        CliProgress progress(io.err, tr("Exporting"));
        options.progress = [&](double f) {
            progress.update(f);
            return true;
        };
        const ExportResult result = openMasterArgument(parser.positionalArguments().at(0))
                                        ->exportCustomers(parser.value(to), options);
        progress.finish();
        if (parser.isSet(json))
            io.out << QJsonDocument(QJsonObject{{QStringLiteral("path"), result.path},
                                                {QStringLiteral("driver"), result.driver},
                                                {QStringLiteral("rows"), result.rows}})
                          .toJson(QJsonDocument::Indented);
        else
            io.out << tr("%1 customers written to %2").arg(result.rows).arg(result.path) << '\n';
        return ExitOk;
    }
};

} // namespace

RECHECK_REGISTER_COMMAND(ImportCommand);
RECHECK_REGISTER_COMMAND(PullCommand);
RECHECK_REGISTER_COMMAND(ExportCommand);

} // namespace recheck::cli
