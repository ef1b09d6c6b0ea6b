#include "RoutePlanTask.h"

#include "common/RecheckError.h"

RoutePlanTask::RoutePlanTask(const QString& archivePath, const QStringList& districtCodes,
                             const recheck::routing::ArchiveRouteOptions& options)
    : QgsTask(tr("Planning re-check routes (%n district(s))", nullptr, districtCodes.size()),
              QgsTask::CanCancel),
      mArchivePath(archivePath), mCodes(districtCodes), mOptions(options) {
    mOptions.plan.cancelled = [this] { return isCanceled(); };
}

bool RoutePlanTask::run() {
    for (int i = 0; i < mCodes.size() && !isCanceled(); ++i) {
        try {
            mResults.push_back(recheck::routing::planDistrictRoutes(mArchivePath, mCodes[i], mOptions));
        } catch (const recheck::RecheckError& e) {
            if (!isCanceled())
                mErrors << QString::fromUtf8(e.what());
        }
        setProgress(100.0 * (i + 1) / mCodes.size());
    }
    return !isCanceled();
}

void RoutePlanTask::finished(bool) {
    emit planned(mArchivePath, mResults, mErrors, isCanceled());
}
