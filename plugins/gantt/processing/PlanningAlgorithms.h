#pragma once

#include <qgsprocessingalgorithm.h>

#include <QCoreApplication>

#include <vector>

namespace recheck::gantt {

/// recheck:generatetasks — "Generate re-check tasks": core/planning's
/// PlanGenerator for a period, as `recheck plan generate` runs it. Returns
/// how many tasks were created and how many members are over capacity; each
/// over-capacity member is reported as a warning with the proposed spread.
class GenerateTasksAlgorithm : public QgsProcessingAlgorithm {
    // Not a QObject: tr() with the context lupdate records for this class.
    Q_DECLARE_TR_FUNCTIONS(recheck::gantt::GenerateTasksAlgorithm)

public:
    static inline const QString kArchive = QStringLiteral("ARCHIVE");
    static inline const QString kFrom = QStringLiteral("FROM");
    static inline const QString kTo = QStringLiteral("TO");
    static inline const QString kDryRun = QStringLiteral("DRY_RUN");
    static inline const QString kApplySpread = QStringLiteral("APPLY_SPREAD");
    static inline const QString kCreated = QStringLiteral("CREATED");
    static inline const QString kAlreadyPresent = QStringLiteral("ALREADY_PRESENT");
    static inline const QString kOverCapacity = QStringLiteral("OVER_CAPACITY");
    static inline const QString kSummary = QStringLiteral("SUMMARY");

    QString name() const override;
    QString displayName() const override;
    QString group() const override;
    QString groupId() const override;
    QString shortHelpString() const override;
    void initAlgorithm(const QVariantMap& configuration = QVariantMap()) override;

protected:
    GenerateTasksAlgorithm* createInstance() const override;
    QVariantMap processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                 QgsProcessingFeedback* feedback) override;
};

/// recheck:progressreport — "Progress report": core/planning's
/// ProgressReport grouped by district, member or period, as a table (a
/// layer without geometry; a .csv destination writes CSV) with the columns
/// of `recheck progress --csv`.
class ProgressReportAlgorithm : public QgsProcessingAlgorithm {
    Q_DECLARE_TR_FUNCTIONS(recheck::gantt::ProgressReportAlgorithm)

public:
    static inline const QString kArchive = QStringLiteral("ARCHIVE");
    static inline const QString kGrouping = QStringLiteral("GROUP_BY");
    static inline const QString kPeriodUnit = QStringLiteral("PERIOD_UNIT");
    static inline const QString kFrom = QStringLiteral("FROM");
    static inline const QString kTo = QStringLiteral("TO");
    static inline const QString kToday = QStringLiteral("TODAY");
    static inline const QString kOutput = QStringLiteral("OUTPUT");
    static inline const QString kTaskCount = QStringLiteral("TASKS");

    QString name() const override;
    QString displayName() const override;
    QString group() const override;
    QString groupId() const override;
    QString shortHelpString() const override;
    void initAlgorithm(const QVariantMap& configuration = QVariantMap()) override;

protected:
    ProgressReportAlgorithm* createInstance() const override;
    QVariantMap processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                 QgsProcessingFeedback* feedback) override;
};

/// New instances of the planning algorithms, for the suite's provider.
std::vector<QgsProcessingAlgorithm*> createPlanningAlgorithms();

} // namespace recheck::gantt
