#pragma once

// What the import and export wizards hand to the background: the request,
// the work (core/io), its outcome and how the outcome is told to the user
// (message bar and log). Kept apart from the widgets so that tests drive it.

#include "io/ArchiveExporter.h"
#include "io/ArchiveImporter.h"

#include <QString>

#include <functional>

class QgsMessageBar;
class QgsTask;

namespace recheck::archiveui {

/// QgsSettings keys the wizards share.
namespace iosettings {
inline QString lastFolderKey() {
    return QStringLiteral("recheck/io/lastFolder");
}
inline QString lastEncodingKey() {
    return QStringLiteral("recheck/io/lastEncoding");
}
inline QString lastMappingFolderKey() {
    return QStringLiteral("recheck/io/lastMappingFolder");
}
inline QString lastExportFolderKey() {
    return QStringLiteral("recheck/io/lastExportFolder");
}
} // namespace iosettings

struct ImportRequest {
    QString archivePath;
    QString sourcePath;
    io::ImportOptions options; ///< profile, skipInvalid, reportBase; progress is set by the task
};

struct ImportOutcome {
    bool cancelled = false;
    QString error; ///< the file could not be used at all (nothing applied)
    io::ImportResult result;
};

/// Where an import's report goes when nobody says: import-reports/ beside
/// the archive (as `recheck import` does), named after the source and time.
QString defaultImportReportBase(const QString& archivePath, const QString& sourcePath);

/// Runs the import (in whatever thread calls it); `progress` as in
/// io::ProgressCallback (false cancels: the import rolls back).
ImportOutcome runImport(const ImportRequest& request, const std::function<bool(double)>& progress = {});
/// Tells the outcome on `bar` (may be null) and in QGIS's message log.
void reportImportOutcome(const ImportOutcome& outcome, QgsMessageBar* bar);
/// Starts the import as a cancelable QgsTask on QGIS's task manager;
/// `done` (main thread) gets the outcome after it was reported on `bar`.
QgsTask* startImportTask(const ImportRequest& request, QgsMessageBar* bar,
                         std::function<void(const ImportOutcome&)> done = {});

struct ExportRequest {
    QString archivePath;
    QString targetPath;
    io::ExportOptions options;
};

struct ExportOutcome {
    bool cancelled = false;
    QString error;
    io::ExportResult result;
};

ExportOutcome runExport(const ExportRequest& request, const std::function<bool(double)>& progress = {});
void reportExportOutcome(const ExportOutcome& outcome, QgsMessageBar* bar);
QgsTask* startExportTask(const ExportRequest& request, QgsMessageBar* bar,
                         std::function<void(const ExportOutcome&)> done = {});

} // namespace recheck::archiveui
