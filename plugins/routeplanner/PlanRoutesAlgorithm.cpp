#include "PlanRoutesAlgorithm.h"

#include "RouteLayers.h"

#include "common/RecheckError.h"
#include "routing/ArchiveRoutePlanner.h"

#include <qgscoordinatereferencesystem.h>
#include <qgsexception.h>
#include <qgsfeaturesink.h>
#include <qgsprocessingcontext.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingoutputs.h>
#include <qgsprocessingparameters.h>

#include <QCoreApplication>
#include <QLocale>

#include <memory>

namespace recheck::plugins {

QString PlanRoutesAlgorithm::name() const {
    return QStringLiteral("planroutes");
}

QString PlanRoutesAlgorithm::displayName() const {
    return tr("Plan re-check routes");
}

QString PlanRoutesAlgorithm::group() const {
    return tr("Routes");
}

QString PlanRoutesAlgorithm::groupId() const {
    return QStringLiteral("routes");
}

QString PlanRoutesAlgorithm::shortHelpString() const {
    return tr(
        "Plans a near-optimal visiting order through the pending customers of each district (the open "
        "task's scope minus the customers already visited), from the assignee's office, along straight "
        "lines or the archive's roads, for one or several inspectors. Writes the order into the archive "
        "(task_scope.route_order) and returns one line per route with its stops, length and estimated "
        "time.");
}

PlanRoutesAlgorithm* PlanRoutesAlgorithm::createInstance() const {
    return new PlanRoutesAlgorithm();
}

void PlanRoutesAlgorithm::initAlgorithm(const QVariantMap&) {
    addParameter(new QgsProcessingParameterFile(kArchive, tr("Archive"), QgsProcessingParameterFile::File,
                                                QString(), QVariant(), false,
                                                tr("Recheck archives (*.sqlite *.rchk);;All files (*)")));
    addParameter(new QgsProcessingParameterString(kDistricts, tr("District codes (comma-separated)")));
    addParameter(new QgsProcessingParameterBoolean(kOpen, tr("Open path (end at the last customer)"), false));
    addParameter(
        new QgsProcessingParameterBoolean(kUseRoads, tr("Distances along the archive's roads"), false));
    addParameter(new QgsProcessingParameterNumber(kInspectors, tr("Inspectors per district"),
                                                  QgsProcessingParameterNumber::Integer, 1, false, 1, 50));
    addParameter(new QgsProcessingParameterNumber(kTimeLimit, tr("Search time per district (seconds)"),
                                                  QgsProcessingParameterNumber::Double, 1.0, false, 0.0,
                                                  3600.0));
    auto writeOrder = std::make_unique<QgsProcessingParameterBoolean>(
        kWriteOrder, tr("Write the visiting order into the archive"), true);
    writeOrder->setFlags(writeOrder->flags() | QgsProcessingParameterDefinition::FlagAdvanced);
    addParameter(writeOrder.release());
    addParameter(new QgsProcessingParameterFeatureSink(kOutput, tr("Routes"), QgsProcessing::TypeVectorLine));
    addOutput(new QgsProcessingOutputString(kSummary, tr("Summary")));
    addOutput(new QgsProcessingOutputNumber(kRouteCount, tr("Number of routes")));
}

QVariantMap PlanRoutesAlgorithm::processAlgorithm(const QVariantMap& parameters,
                                                  QgsProcessingContext& context,
                                                  QgsProcessingFeedback* feedback) {
    const QString archivePath = parameterAsFile(parameters, kArchive, context);
    QStringList codes;
    for (const QString& code : parameterAsString(parameters, kDistricts, context).split(QLatin1Char(',')))
        if (!code.trimmed().isEmpty())
            codes << code.trimmed();
    if (codes.isEmpty())
        throw QgsProcessingException(tr("No district code given"));

    routing::ArchiveRouteOptions options;
    options.plan.closed = !parameterAsBoolean(parameters, kOpen, context);
    options.useRoads = parameterAsBoolean(parameters, kUseRoads, context);
    options.plan.vehicles = parameterAsInt(parameters, kInspectors, context);
    options.plan.timeLimitSeconds = parameterAsDouble(parameters, kTimeLimit, context);
    options.writeOrder = parameterAsBoolean(parameters, kWriteOrder, context);
    options.plan.cancelled = [feedback] { return feedback && feedback->isCanceled(); };

    std::vector<routing::ArchiveRouteResult> results;
    QStringList summary;
    for (int i = 0; i < codes.size(); ++i) {
        if (feedback && feedback->isCanceled())
            break;
        if (feedback)
            feedback->pushInfo(tr("Planning district %1…").arg(codes[i]));
        try {
            results.push_back(routing::planDistrictRoutes(archivePath, codes[i], options));
        } catch (const RecheckError& e) {
            // One bad district does not lose the others' plans.
            if (feedback)
                feedback->reportError(QString::fromUtf8(e.what()));
            summary << tr("%1: not planned (%2)").arg(codes[i], QString::fromUtf8(e.what()));
        }
        if (feedback)
            feedback->setProgress(100.0 * (i + 1) / codes.size());
    }
    if (results.empty())
        throw QgsProcessingException(
            tr("No district could be planned:\n%1").arg(summary.join(QLatin1Char('\n'))));

    const QgsCoordinateReferenceSystem crs =
        QgsCoordinateReferenceSystem::fromEpsgId(results.front().archiveSrid);
    QString destination;
    std::unique_ptr<QgsFeatureSink> sink(parameterAsSink(parameters, kOutput, context, destination,
                                                         routeLineFields(), QgsWkbTypes::LineString, crs));
    if (!sink)
        throw QgsProcessingException(invalidSinkError(parameters, kOutput));

    int routeCount = 0;
    for (const routing::ArchiveRouteResult& result : results) {
        QgsFeatureList features = routeLineFeatures(result, routeLineFields());
        if (!sink->addFeatures(features, QgsFeatureSink::FastInsert))
            throw QgsProcessingException(tr("Could not write the routes to the output layer"));
        for (const routing::ArchiveRoute& route : result.routes) {
            ++routeCount;
            summary << tr("%1 route %2: %3 stops, %4 customers, %5 km, %6 h:mm")
                           .arg(result.districtCode)
                           .arg(route.number)
                           .arg(route.stops)
                           .arg(route.customers)
                           .arg(QLocale().toString(route.lengthMetres / 1000.0, 'f', 2))
                           .arg(hoursMinutes(route.minutes()));
        }
        if (!result.unreachableAccounts.isEmpty() && feedback)
            feedback->reportError(
                tr("%1: unreachable by road, left out: %2")
                    .arg(result.districtCode, result.unreachableAccounts.join(QStringLiteral(", "))));
        if (feedback)
            feedback->pushInfo(tr("%1: %2 pending, EPSG:%3, depot %4, %5 order(s) written, %6 s")
                                   .arg(result.districtCode)
                                   .arg(result.pendingCustomers)
                                   .arg(result.projectedEpsg)
                                   .arg(result.depotSource)
                                   .arg(result.ordersWritten)
                                   .arg(QLocale().toString(result.seconds, 'f', 2)));
    }
    const QString summaryText = summary.join(QLatin1Char('\n'));
    if (feedback)
        feedback->pushInfo(summaryText);
    return {{kOutput, destination}, {kSummary, summaryText}, {kRouteCount, routeCount}};
}

} // namespace recheck::plugins
