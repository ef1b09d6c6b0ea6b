// "Plan re-check routes" (recheck:planroutes) run as Processing runs it, on a
// generated demo county: one line per route, stop counts that add up to the
// pending customers, the order written into the archive.

#include "TestSupport.h"

#include "PlanRoutesAlgorithm.h"

#include "archive/DemoCountyGenerator.h"
#include "routing/ArchiveRoutePlanner.h"

#include <qgsfeatureiterator.h>
#include <qgsprocessingcontext.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingutils.h>
#include <qgsproject.h>
#include <qgsvectorlayer.h>

#include <catch2/catch.hpp>

#include <map>
#include <memory>

using namespace recheck;
using namespace recheck::test;
using recheck::plugins::PlanRoutesAlgorithm;

namespace {

QString routeCounty(const ScratchDir& dir) {
    const QString path = dir.file(QStringLiteral("routes.sqlite"));
    DemoCountyOptions options;
    options.customers = 1500;
    options.districts = 4;
    options.seed = 5;
    DemoCountyGenerator(options).generate(path);
    return path;
}

} // namespace

TEST_CASE("recheck:planroutes writes one line per route with the district's stops", "[route-archive]") {
    ScratchDir dir;
    const QString path = routeCounty(dir);
    QStringList codes;
    std::map<QString, int> pending;
    for (const routing::RouteDistrict& d : routing::listRouteDistricts(path))
        if (d.pending > 2) {
            codes << d.code;
            pending[d.code] = d.pending;
        }
    REQUIRE(codes.size() >= 2);
    codes = codes.mid(0, 2);

    std::unique_ptr<QgsProcessingAlgorithm> algorithm(PlanRoutesAlgorithm().create());
    REQUIRE(algorithm);
    CHECK(algorithm->name() == QStringLiteral("planroutes"));

    const int inspectors = 2;
    QVariantMap parameters{{PlanRoutesAlgorithm::kArchive, path},
                           {PlanRoutesAlgorithm::kDistricts, codes.join(QStringLiteral(", "))},
                           {PlanRoutesAlgorithm::kOpen, false},
                           {PlanRoutesAlgorithm::kUseRoads, false},
                           {PlanRoutesAlgorithm::kInspectors, inspectors},
                           {PlanRoutesAlgorithm::kTimeLimit, 0.2},
                           {PlanRoutesAlgorithm::kOutput, QgsProcessing::TEMPORARY_OUTPUT}};
    QgsProject project;
    QgsProcessingContext context;
    context.setProject(&project);
    QgsProcessingFeedback feedback;
    bool ok = false;
    const QVariantMap results = algorithm->run(parameters, context, &feedback, &ok);
    REQUIRE(ok);
    CHECK(results.value(PlanRoutesAlgorithm::kRouteCount).toInt() == inspectors * codes.size());
    CHECK(results.value(PlanRoutesAlgorithm::kSummary).toString().contains(codes.first()));

    auto* layer = qobject_cast<QgsVectorLayer*>(QgsProcessingUtils::mapLayerFromString(
        results.value(PlanRoutesAlgorithm::kOutput).toString(), context));
    REQUIRE(layer);
    CHECK(layer->geometryType() == QgsWkbTypes::LineGeometry);
    CHECK(layer->featureCount() == inspectors * codes.size());
    std::map<QString, int> customers;
    std::map<QString, int> routes;
    QgsFeature feature;
    QgsFeatureIterator it = layer->getFeatures();
    while (it.nextFeature(feature)) {
        const QString district = feature.attribute(QStringLiteral("district")).toString();
        const int stops = feature.attribute(QStringLiteral("stops")).toInt();
        customers[district] += feature.attribute(QStringLiteral("customers")).toInt();
        ++routes[district];
        CHECK(stops >= 1);
        CHECK(stops <= feature.attribute(QStringLiteral("customers")).toInt());
        // A closed route: depot, every stop, depot again.
        CHECK(feature.geometry().constGet()->nCoordinates() == stops + 2);
        CHECK(feature.attribute(QStringLiteral("length_m")).toDouble() > 0.0);
    }
    for (const QString& code : codes) {
        CHECK(routes[code] == inspectors);
        CHECK(customers[code] == pending[code]);
    }
    // The order is in the archive now (districts without an open task have
    // no scope to write it to).
    for (const routing::RouteDistrict& d : routing::listRouteDistricts(path))
        if (codes.contains(d.code) && d.hasOpenTask)
            CHECK(sqlScalar(path, QStringLiteral("SELECT count(*) FROM task_scope s JOIN tasks t ON t.uuid = "
                                                 "s.task_uuid JOIN districts d ON d.uuid = t.district_uuid "
                                                 "WHERE d.code = '%1' AND s.route_order IS NOT NULL")
                                      .arg(d.code))
                      .toInt() == d.pending);
}

TEST_CASE("recheck:planroutes refuses a run where no district can be planned", "[route-archive]") {
    ScratchDir dir;
    const QString path = routeCounty(dir);
    std::unique_ptr<QgsProcessingAlgorithm> algorithm(PlanRoutesAlgorithm().create());
    QVariantMap parameters{{PlanRoutesAlgorithm::kArchive, path},
                           {PlanRoutesAlgorithm::kDistricts, QStringLiteral("NO-SUCH")},
                           {PlanRoutesAlgorithm::kOutput, QgsProcessing::TEMPORARY_OUTPUT}};
    QgsProcessingContext context;
    QgsProcessingFeedback feedback;
    bool ok = true;
    algorithm->run(parameters, context, &feedback, &ok);
    CHECK_FALSE(ok);
}
