#pragma once

#include <qgsprocessingalgorithm.h>

#include <QCoreApplication>

namespace recheck::plugins {

/// recheck:planroutes — "Plan re-check routes": the route planner dock's work
/// for batch use. Plans each listed district of an archive, writes the
/// visiting order into task_scope, and returns one line per route.
class PlanRoutesAlgorithm : public QgsProcessingAlgorithm {
    // Not a QObject: tr() with the context lupdate records for this class.
    Q_DECLARE_TR_FUNCTIONS(recheck::plugins::PlanRoutesAlgorithm)

public:
    static inline const QString kArchive = QStringLiteral("ARCHIVE");
    static inline const QString kDistricts = QStringLiteral("DISTRICTS");
    static inline const QString kOpen = QStringLiteral("OPEN");
    static inline const QString kUseRoads = QStringLiteral("USE_ROADS");
    static inline const QString kInspectors = QStringLiteral("INSPECTORS");
    static inline const QString kTimeLimit = QStringLiteral("TIME_LIMIT");
    static inline const QString kWriteOrder = QStringLiteral("WRITE_ORDER");
    static inline const QString kOutput = QStringLiteral("OUTPUT");
    static inline const QString kSummary = QStringLiteral("SUMMARY");
    static inline const QString kRouteCount = QStringLiteral("ROUTES");

    QString name() const override;
    QString displayName() const override;
    QString group() const override;
    QString groupId() const override;
    QString shortHelpString() const override;
    void initAlgorithm(const QVariantMap& configuration = QVariantMap()) override;

protected:
    PlanRoutesAlgorithm* createInstance() const override;
    QVariantMap processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                 QgsProcessingFeedback* feedback) override;
};

} // namespace recheck::plugins
