#pragma once

#include "routing/ArchiveRoutePlanner.h"

#include <qgstaskmanager.h>

#include <QStringList>

#include <vector>

/// Plans the chosen districts of one archive in the background (QGIS's task
/// manager shows progress and offers cancel). The solver polls isCanceled().
class RoutePlanTask : public QgsTask {
    Q_OBJECT
public:
    RoutePlanTask(const QString& archivePath, const QStringList& districtCodes,
                  const recheck::routing::ArchiveRouteOptions& options);

    bool run() override;
    void finished(bool result) override;

signals:
    /// In the main thread, once: the plans made and one message per district
    /// that could not be planned. `cancelled` when the user stopped it.
    void planned(const QString& archivePath, const std::vector<recheck::routing::ArchiveRouteResult>& results,
                 const QStringList& errors, bool cancelled);

private:
    QString mArchivePath;
    QStringList mCodes;
    recheck::routing::ArchiveRouteOptions mOptions;
    std::vector<recheck::routing::ArchiveRouteResult> mResults;
    QStringList mErrors;
};
