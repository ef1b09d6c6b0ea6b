#include "PlanningAlgorithms.h"

#include "archive/Archive.h"
#include "common/RecheckError.h"
#include "planning/PlanGenerator.h"
#include "planning/ProgressReport.h"

#include <qgsexception.h>
#include <qgsfeaturesink.h>
#include <qgsfields.h>
#include <qgsprocessingcontext.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingoutputs.h>
#include <qgsprocessingparameters.h>

#include <QDateTime>
#include <QLocale>

#include <memory>

namespace recheck::gantt {

using namespace recheck::planning;

namespace {

QgsProcessingParameterFile* archiveParameter(const QString& name, const QString& description) {
    return new QgsProcessingParameterFile(name, description, QgsProcessingParameterFile::File, QString(),
                                          QVariant(), false,
                                          QCoreApplication::translate("recheck::gantt::PlanningAlgorithms",
                                                                      "Recheck archives (*.sqlite *.rchk);;"
                                                                      "All files (*)"));
}

QgsProcessingParameterDateTime* dateParameter(const QString& name, const QString& description,
                                              bool optional) {
    return new QgsProcessingParameterDateTime(name, description, QgsProcessingParameterDateTime::Date,
                                              QVariant(), optional);
}

// A date parameter as a QDate: Processing hands a QDate, a QDateTime or
// (from qgis_process and scripts) an ISO string.
QDate dateValue(const QgsProcessingAlgorithm& algorithm, const QVariantMap& parameters, const QString& name,
                QgsProcessingContext& context) {
    const QVariant value = parameters.value(name);
    if (value.type() == QVariant::String)
        return parseIsoDate(value.toString().left(10));
    const QDateTime dateTime = QgsProcessingParameters::parameterAsDateTime(
        algorithm.parameterDefinition(name), parameters, context);
    return dateTime.isValid() ? dateTime.date() : QDate();
}

} // namespace

// ---- Generate re-check tasks -------------------------------------------

QString GenerateTasksAlgorithm::name() const {
    return QStringLiteral("generatetasks");
}

QString GenerateTasksAlgorithm::displayName() const {
    return tr("Generate re-check tasks");
}

QString GenerateTasksAlgorithm::group() const {
    return tr("Plans");
}

QString GenerateTasksAlgorithm::groupId() const {
    return QStringLiteral("plans");
}

QString GenerateTasksAlgorithm::shortHelpString() const {
    return tr("Creates the re-check tasks the archive's active plans have due in a period: one task per "
              "district and cycle, assigned to the district's responsible member, with its scope frozen to "
              "the district's customers. Running it again for the same period creates nothing new. A member "
              "whose scheduled customers per day exceed their capacity is reported as a warning with a "
              "proposed spread, written instead of the plain dates when asked to.");
}

GenerateTasksAlgorithm* GenerateTasksAlgorithm::createInstance() const {
    return new GenerateTasksAlgorithm();
}

void GenerateTasksAlgorithm::initAlgorithm(const QVariantMap&) {
    addParameter(archiveParameter(kArchive, tr("Archive")));
    addParameter(dateParameter(kFrom, tr("First day of the period"), false));
    addParameter(dateParameter(kTo, tr("Last day of the period"), false));
    addParameter(new QgsProcessingParameterBoolean(kDryRun, tr("Only report what would be created"), false));
    auto spread = std::make_unique<QgsProcessingParameterBoolean>(
        kApplySpread, tr("Write the proposed spread for members over capacity"), false);
    spread->setFlags(spread->flags() | QgsProcessingParameterDefinition::FlagAdvanced);
    addParameter(spread.release());
    addOutput(new QgsProcessingOutputNumber(kCreated, tr("Tasks created")));
    addOutput(new QgsProcessingOutputNumber(kAlreadyPresent, tr("Tasks already present")));
    addOutput(new QgsProcessingOutputNumber(kOverCapacity, tr("Members over capacity")));
    addOutput(new QgsProcessingOutputString(kSummary, tr("Summary")));
}

QVariantMap GenerateTasksAlgorithm::processAlgorithm(const QVariantMap& parameters,
                                                     QgsProcessingContext& context,
                                                     QgsProcessingFeedback* feedback) {
    GenerationOptions options;
    options.from = dateValue(*this, parameters, kFrom, context);
    options.to = dateValue(*this, parameters, kTo, context);
    if (!options.from.isValid() || !options.to.isValid() || options.to < options.from)
        throw QgsProcessingException(tr("Give the period as two dates, the first not after the last"));
    options.dryRun = parameterAsBoolean(parameters, kDryRun, context);
    options.applySpread = parameterAsBoolean(parameters, kApplySpread, context);
    options.user = QStringLiteral("processing");
    GenerationReport report;
    try {
        Archive archive =
            Archive::open(parameterAsFile(parameters, kArchive, context), Archive::Access::ReadWrite);
        report = PlanGenerator(archive.db()).generate(options);
    } catch (const RecheckError& e) {
        throw QgsProcessingException(QString::fromUtf8(e.what()));
    }
    const int created = static_cast<int>(report.created.size());
    QStringList summary;
    summary << (options.dryRun ? tr("Would create %n task(s) for %1 … %2", nullptr, created)
                               : tr("Created %n task(s) for %1 … %2", nullptr, created))
                   .arg(isoDate(options.from), isoDate(options.to));
    summary << tr("Already present (left alone): %1").arg(report.alreadyPresent);
    for (const CapacityWarning& w : report.capacityWarnings) {
        QString warning = tr("%1 (%2) is over capacity: %3 customers per day on %4 against %5, %6 working "
                             "day(s) over")
                              .arg(w.assigneeCode, w.assigneeName)
                              .arg(QLocale().toString(w.peakCustomersPerDay, 'f', 1))
                              .arg(isoDate(w.peakDay))
                              .arg(w.capacityPerDay)
                              .arg(w.daysOverCapacity);
        QStringList spread;
        for (const CapacityWarning::Proposal& p : w.proposedSpread)
            spread << tr("%1 %2…%3").arg(p.districtCode, isoDate(p.start), isoDate(p.end));
        warning +=
            QLatin1Char('\n') + (w.spreadApplied ? tr("Spread written: %1") : tr("Proposed spread: %1"))
                                    .arg(spread.join(QStringLiteral(", ")));
        if (feedback)
            feedback->pushWarning(warning);
        summary << warning;
    }
    for (const QString& note : report.notes) {
        if (feedback)
            feedback->pushInfo(note);
        summary << note;
    }
    const QString summaryText = summary.join(QLatin1Char('\n'));
    if (feedback)
        feedback->pushInfo(summary.first());
    return {{kCreated, created},
            {kAlreadyPresent, report.alreadyPresent},
            {kOverCapacity, static_cast<int>(report.capacityWarnings.size())},
            {kSummary, summaryText}};
}

// ---- Progress report -----------------------------------------------------

QString ProgressReportAlgorithm::name() const {
    return QStringLiteral("progressreport");
}

QString ProgressReportAlgorithm::displayName() const {
    return tr("Progress report");
}

QString ProgressReportAlgorithm::group() const {
    return tr("Plans");
}

QString ProgressReportAlgorithm::groupId() const {
    return QStringLiteral("plans");
}

QString ProgressReportAlgorithm::shortHelpString() const {
    return tr("Re-check progress of the tasks due in a period, grouped by district, member or period (week, "
              "month or quarter of the planned end): tasks, done, overdue, customers checked of the scope, "
              "visits with GPS proof, discrepancies found and the on-time rate. Writes a table; choose a "
              ".csv file to get CSV.");
}

ProgressReportAlgorithm* ProgressReportAlgorithm::createInstance() const {
    return new ProgressReportAlgorithm();
}

void ProgressReportAlgorithm::initAlgorithm(const QVariantMap&) {
    addParameter(archiveParameter(kArchive, tr("Archive")));
    addParameter(new QgsProcessingParameterEnum(kGrouping, tr("Group by"),
                                                {tr("District"), tr("Member"), tr("Period")}, false, 0));
    addParameter(new QgsProcessingParameterEnum(kPeriodUnit, tr("Period (when grouping by period)"),
                                                {tr("Week"), tr("Month"), tr("Quarter")}, false, 1));
    addParameter(dateParameter(kFrom, tr("Tasks due from"), true));
    addParameter(dateParameter(kTo, tr("Tasks due up to"), true));
    auto today = std::unique_ptr<QgsProcessingParameterDateTime>(
        dateParameter(kToday, tr("Day overdue is judged on (default: today)"), true));
    today->setFlags(today->flags() | QgsProcessingParameterDefinition::FlagAdvanced);
    addParameter(today.release());
    addParameter(new QgsProcessingParameterFeatureSink(kOutput, tr("Progress"), QgsProcessing::TypeVector));
    addOutput(new QgsProcessingOutputNumber(kTaskCount, tr("Tasks counted")));
}

QVariantMap ProgressReportAlgorithm::processAlgorithm(const QVariantMap& parameters,
                                                      QgsProcessingContext& context,
                                                      QgsProcessingFeedback* feedback) {
    const ProgressGrouping grouping =
        static_cast<ProgressGrouping>(parameterAsEnum(parameters, kGrouping, context));
    const PeriodUnit unit = static_cast<PeriodUnit>(parameterAsEnum(parameters, kPeriodUnit, context));
    ProgressOptions options;
    options.from = dateValue(*this, parameters, kFrom, context);
    options.to = dateValue(*this, parameters, kTo, context);
    options.today = dateValue(*this, parameters, kToday, context);
    std::vector<TaskProgress> tasks;
    try {
        Archive archive =
            Archive::open(parameterAsFile(parameters, kArchive, context), Archive::Access::ReadOnly);
        tasks = ProgressReport(archive.db()).tasks(options);
    } catch (const RecheckError& e) {
        throw QgsProcessingException(QString::fromUtf8(e.what()));
    }
    const std::vector<ProgressGroup> groups = ProgressReport::group(tasks, grouping, unit);

    // The columns of `recheck progress --csv`.
    QgsFields fields;
    fields.append(QgsField(QStringLiteral("key"), QVariant::String));
    fields.append(QgsField(QStringLiteral("label"), QVariant::String));
    for (const char* name : {"tasks", "done", "cancelled", "overdue", "scope", "checked"})
        fields.append(QgsField(QString::fromLatin1(name), QVariant::LongLong));
    fields.append(QgsField(QStringLiteral("checked_share"), QVariant::Double));
    for (const char* name : {"visits", "gps_proof_visits", "discrepancies", "due", "on_time"})
        fields.append(QgsField(QString::fromLatin1(name), QVariant::LongLong));
    fields.append(QgsField(QStringLiteral("on_time_rate"), QVariant::Double));

    QString destination;
    std::unique_ptr<QgsFeatureSink> sink(
        parameterAsSink(parameters, kOutput, context, destination, fields, QgsWkbTypes::NoGeometry));
    if (!sink)
        throw QgsProcessingException(invalidSinkError(parameters, kOutput));
    for (const ProgressGroup& g : groups) {
        QgsFeature feature(fields);
        feature.setAttributes(QgsAttributes()
                              << g.key << g.label << g.tasks << g.done << g.cancelled << g.overdue << g.scope
                              << g.checked << g.checkedShare() << g.visits << g.gpsProofVisits
                              << g.discrepancies << g.due << g.onTime << g.onTimeRate());
        if (!sink->addFeature(feature, QgsFeatureSink::FastInsert))
            throw QgsProcessingException(writeFeatureError(sink.get(), parameters, kOutput));
    }
    if (feedback)
        feedback->pushInfo(
            tr("%n task(s) in %1 group(s)", nullptr, static_cast<int>(tasks.size())).arg(groups.size()));
    return {{kOutput, destination}, {kTaskCount, static_cast<int>(tasks.size())}};
}

std::vector<QgsProcessingAlgorithm*> createPlanningAlgorithms() {
    return {new GenerateTasksAlgorithm(), new ProgressReportAlgorithm()};
}

} // namespace recheck::gantt
