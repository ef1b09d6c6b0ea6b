#include "IoTasks.h"

#include "SyncDialogs.h"
#include "archive/Archive.h"
#include "io/ImportReport.h"

#include <qgsapplication.h>
#include <qgsmessagebar.h>
#include <qgsmessagelog.h>
#include <qgstaskmanager.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QPointer>

#include <memory>

namespace recheck::archiveui {

namespace {

// lupdate files these calls under their namespace.
QString tr(const char* text, const char* disambiguation = nullptr, int n = -1) {
    return QCoreApplication::translate("recheck::archiveui", text, disambiguation, n);
}

// The suite's message-log tag (logTag(); plugins/common is not
// linked into this library).
QString logTag() {
    return QStringLiteral("Recheck");
}

QString native(const QString& path) {
    return QDir::toNativeSeparators(path);
}

/// Runs `work` with a progress callback that forwards to `progress` and
/// remembers a cancel, so the outcome says "cancelled" rather than the error
/// the interrupted work ends with; any error lands in the outcome.
template <typename Outcome, typename Work>
Outcome runWatched(const std::function<bool(double)>& progress, Work work) {
    Outcome outcome;
    bool cancelled = false;
    const io::ProgressCallback watched = [&progress, &cancelled](double fraction) {
        if (!progress || progress(fraction))
            return true;
        cancelled = true;
        return false;
    };
    try {
        work(outcome, watched);
    } catch (const std::exception& e) {
        outcome.cancelled = cancelled;
        outcome.error = QString::fromUtf8(e.what());
    }
    return outcome;
}

/// Runs `run` as a cancelable QgsTask; on the main thread afterwards the
/// outcome is reported on `bar` and handed to `done`.
template <typename Outcome>
QgsTask* startWatchedTask(const QString& description,
                          std::function<Outcome(const std::function<bool(double)>&)> run,
                          void (*report)(const Outcome&, QgsMessageBar*), QgsMessageBar* bar,
                          std::function<void(const Outcome&)> done) {
    auto outcome = std::make_shared<Outcome>();
    // A task cancelled before it ran finishes without running the work.
    outcome->cancelled = true;
    QPointer<QgsMessageBar> barGuard(bar);
    auto* task = new SyncTask(
        description, true,
        [run, outcome](const std::function<bool(double)>& progress) { *outcome = run(progress); },
        [outcome, barGuard, report, done] {
            report(*outcome, barGuard.data());
            if (done)
                done(*outcome);
        });
    QgsApplication::taskManager()->addTask(task);
    return task;
}

} // namespace

QString defaultImportReportBase(const QString& archivePath, const QString& sourcePath) {
    const QDir folder(QFileInfo(archivePath).absoluteDir().filePath(QStringLiteral("import-reports")));
    return folder.filePath(QFileInfo(sourcePath).completeBaseName() + QLatin1Char('-') +
                           QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddTHHmmss")));
}

ImportOutcome runImport(const ImportRequest& request, const std::function<bool(double)>& progress) {
    return runWatched<ImportOutcome>(
        progress, [&request](ImportOutcome& outcome, const io::ProgressCallback& watched) {
            io::ImportOptions options = request.options;
            options.progress = watched;
            Archive archive = Archive::open(request.archivePath);
            outcome.result = io::ArchiveImporter::run(archive, request.sourcePath, options);
        });
}

void reportImportOutcome(const ImportOutcome& outcome, QgsMessageBar* bar) {
    const io::ImportResult& r = outcome.result;
    QString title, text;
    Qgis::MessageLevel level = Qgis::MessageLevel::Info;
    if (outcome.cancelled) {
        title = tr("Import cancelled");
        text = tr("Nothing was applied; the archive is unchanged");
    } else if (!outcome.error.isEmpty()) {
        title = tr("Import failed, nothing applied");
        text = outcome.error;
        level = Qgis::MessageLevel::Critical;
    } else if (!r.applied) {
        title = tr("Import not applied");
        text = tr("%n row(s) are invalid; nothing was applied. Report: %1", nullptr,
                  static_cast<int>(r.rejected))
                   .arg(native(r.reportCsv));
        level = Qgis::MessageLevel::Warning;
    } else {
        title = tr("Imported");
        text = tr("%1: %2 rows read, %3 inserted, %4 updated, %5 unchanged, %6 rejected, %7 held for review. "
                  "Report: %8")
                   .arg(QFileInfo(r.source).fileName())
                   .arg(r.rowsRead)
                   .arg(r.inserted)
                   .arg(r.updated)
                   .arg(r.unchanged)
                   .arg(r.rejected)
                   .arg(r.forReview)
                   .arg(native(r.reportCsv));
        level = r.rejected > 0 || r.forReview > 0 ? Qgis::MessageLevel::Warning : Qgis::MessageLevel::Success;
    }
    if (bar)
        bar->pushMessage(title, text, level);
    QgsMessageLog::logMessage(QStringLiteral("%1: %2").arg(title, text), logTag(), level);
}

QgsTask* startImportTask(const ImportRequest& request, QgsMessageBar* bar,
                         std::function<void(const ImportOutcome&)> done) {
    return startWatchedTask<ImportOutcome>(
        tr("Importing %1").arg(QFileInfo(request.sourcePath).fileName()),
        [request](const std::function<bool(double)>& progress) { return runImport(request, progress); },
        &reportImportOutcome, bar, std::move(done));
}

ExportOutcome runExport(const ExportRequest& request, const std::function<bool(double)>& progress) {
    return runWatched<ExportOutcome>(
        progress, [&request](ExportOutcome& outcome, const io::ProgressCallback& watched) {
            io::ExportOptions options = request.options;
            options.progress = watched;
            Archive archive = Archive::open(request.archivePath, Archive::Access::ReadOnly);
            outcome.result = io::ArchiveExporter::exportCustomers(archive, request.targetPath, options);
        });
}

void reportExportOutcome(const ExportOutcome& outcome, QgsMessageBar* bar) {
    QString title, text;
    Qgis::MessageLevel level = Qgis::MessageLevel::Success;
    if (outcome.cancelled) {
        title = tr("Export cancelled");
        text = tr("No file was written");
        level = Qgis::MessageLevel::Info;
    } else if (!outcome.error.isEmpty()) {
        title = tr("Export failed");
        text = outcome.error;
        level = Qgis::MessageLevel::Critical;
    } else {
        title = tr("Exported");
        text = tr("%n customer(s) written to %1", nullptr, static_cast<int>(outcome.result.rows))
                   .arg(native(outcome.result.path));
    }
    if (bar)
        bar->pushMessage(title, text, level);
    QgsMessageLog::logMessage(QStringLiteral("%1: %2").arg(title, text), logTag(), level);
}

QgsTask* startExportTask(const ExportRequest& request, QgsMessageBar* bar,
                         std::function<void(const ExportOutcome&)> done) {
    return startWatchedTask<ExportOutcome>(
        tr("Exporting to %1").arg(QFileInfo(request.targetPath).fileName()),
        [request](const std::function<bool(double)>& progress) { return runExport(request, progress); },
        &reportExportOutcome, bar, std::move(done));
}

} // namespace recheck::archiveui
