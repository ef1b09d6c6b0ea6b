// The suite's one "recheck" Processing provider in QGIS's real registry, with
// each plugin's algorithms contributed to it, and the planning algorithms
// ("Generate re-check tasks", "Progress report") run through that registry
// on a generated demo county, their outputs checked against core/planning.

#include "TestSupport.h"

#include "PlanRoutesAlgorithm.h"
#include "PlanningAlgorithms.h"
#include "RecheckProcessing.h"

#include "archive/Archive.h"
#include "archive/DemoCountyGenerator.h"
#include "common/Sqlite.h"
#include "planning/PlanGenerator.h"
#include "planning/ProgressReport.h"

#include <qgsapplication.h>
#include <qgsfeatureiterator.h>
#include <qgsprocessingalgorithm.h>
#include <qgsprocessingcontext.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingregistry.h>
#include <qgsprocessingutils.h>
#include <qgsproject.h>
#include <qgsvectorlayer.h>

#include <QFile>

#include <catch2/catch.hpp>

#include <map>
#include <memory>

using namespace recheck;
using namespace recheck::test;
using recheck::gantt::GenerateTasksAlgorithm;
using recheck::gantt::ProgressReportAlgorithm;
using recheck::plugins::recheckProcessingProvider;

namespace {

// The demo county's "today" (DemoCountyOptions::today's default).
const QDate kToday(2026, 11, 2);

QString planningCounty(const ScratchDir& dir) {
    const QString path = dir.file(QStringLiteral("planning.sqlite"));
    DemoCountyOptions options;
    options.customers = 1500;
    options.districts = 6;
    options.seed = 9;
    DemoCountyGenerator(options).generate(path);
    return path;
}

// The warnings an algorithm reports, as the Processing dialog's log shows them.
class RecordingFeedback : public QgsProcessingFeedback {
public:
    QStringList warnings;
    void pushWarning(const QString& warning) override {
        warnings << warning;
        QgsProcessingFeedback::pushWarning(warning);
    }
};

// Contributes like a plugin does, and withdraws when it goes.
struct Contributor : QObject {
    explicit Contributor(recheck::plugins::AlgorithmFactory factory) {
        recheck::plugins::contributeRecheckAlgorithms(this, std::move(factory));
    }
    ~Contributor() override { recheck::plugins::withdrawRecheckAlgorithms(this); }
};

std::unique_ptr<Contributor> routeContributor() {
    return std::make_unique<Contributor>(
        [] { return std::vector<QgsProcessingAlgorithm*>{new recheck::plugins::PlanRoutesAlgorithm()}; });
}

std::unique_ptr<Contributor> planningContributor() {
    return std::make_unique<Contributor>(&recheck::gantt::createPlanningAlgorithms);
}

QgsProcessingRegistry* registry() {
    return QgsApplication::processingRegistry();
}

} // namespace

TEST_CASE("The plugins share one recheck Processing provider", "[planning-processing]") {
    REQUIRE(registry()->providerById(QStringLiteral("recheck")) == nullptr);
    const int providersBefore = registry()->providers().size();
    auto routes = routeContributor();
    auto planning = planningContributor();
    // One provider, both plugins' algorithms in it.
    CHECK(registry()->providers().size() == providersBefore + 1);
    REQUIRE(recheckProcessingProvider());
    CHECK(recheckProcessingProvider()->creator() == routes.get());
    CHECK(registry()->algorithmById(QStringLiteral("recheck:planroutes")));
    CHECK(registry()->algorithmById(QStringLiteral("recheck:generatetasks")));
    CHECK(registry()->algorithmById(QStringLiteral("recheck:progressreport")));
    CHECK(recheckProcessingProvider()->algorithms().size() == 3);

    SECTION("the plugin that registered it goes: the other keeps its algorithms under the same id") {
        routes.reset();
        REQUIRE(recheckProcessingProvider());
        CHECK(recheckProcessingProvider()->creator() == planning.get());
        CHECK(registry()->providers().size() == providersBefore + 1);
        CHECK_FALSE(registry()->algorithmById(QStringLiteral("recheck:planroutes")));
        CHECK(registry()->algorithmById(QStringLiteral("recheck:generatetasks")));
        CHECK(recheckProcessingProvider()->algorithms().size() == 2);
        // It comes back: added to the existing provider, not a second one.
        routes = routeContributor();
        CHECK(registry()->providers().size() == providersBefore + 1);
        CHECK(recheckProcessingProvider()->algorithms().size() == 3);
    }
    SECTION("the other plugin goes: the provider stays with the rest") {
        planning.reset();
        REQUIRE(recheckProcessingProvider());
        CHECK(recheckProcessingProvider()->algorithms().size() == 1);
        CHECK(registry()->algorithmById(QStringLiteral("recheck:planroutes")));
    }
    routes.reset();
    planning.reset();
    CHECK(registry()->providerById(QStringLiteral("recheck")) == nullptr);
    CHECK(registry()->providers().size() == providersBefore);
}

TEST_CASE("recheck:generatetasks creates what PlanGenerator creates, once, with capacity warnings",
          "[planning-processing]") {
    ScratchDir dir;
    const QString path = planningCounty(dir);
    // Small capacities: the next cycle's tasks overload their members.
    SqliteDatabase(path, SqliteDatabase::Mode::ReadWrite)
        .exec(QStringLiteral("UPDATE staff SET capacity_per_day = 2"));
    const QDate from(2027, 1, 1), to(2027, 6, 30);
    planning::GenerationReport expected;
    {
        Archive archive = Archive::open(path, Archive::Access::ReadWrite);
        planning::GenerationOptions options;
        options.from = from;
        options.to = to;
        options.dryRun = true;
        expected = planning::PlanGenerator(archive.db()).generate(options);
    }
    REQUIRE(expected.created.size() > 0);
    REQUIRE(expected.capacityWarnings.size() > 0);
    const int before = sqlScalar(path, QStringLiteral("SELECT count(*) FROM tasks")).toInt();

    auto planning = planningContributor();
    std::unique_ptr<QgsProcessingAlgorithm> algorithm(
        registry()->createAlgorithmById(QStringLiteral("recheck:generatetasks")));
    REQUIRE(algorithm);
    const QVariantMap parameters{{GenerateTasksAlgorithm::kArchive, path},
                                 {GenerateTasksAlgorithm::kFrom, from},
                                 {GenerateTasksAlgorithm::kTo, planning::isoDate(to)}};
    QgsProcessingContext context;
    RecordingFeedback feedback;
    bool ok = false;
    QVariantMap results = algorithm->run(parameters, context, &feedback, &ok);
    REQUIRE(ok);
    const int created = results.value(GenerateTasksAlgorithm::kCreated).toInt();
    CHECK(created == static_cast<int>(expected.created.size()));
    CHECK(sqlScalar(path, QStringLiteral("SELECT count(*) FROM tasks")).toInt() == before + created);
    CHECK(results.value(GenerateTasksAlgorithm::kOverCapacity).toInt() ==
          static_cast<int>(expected.capacityWarnings.size()));
    REQUIRE(feedback.warnings.size() == static_cast<int>(expected.capacityWarnings.size()));
    for (const planning::CapacityWarning& w : expected.capacityWarnings) {
        bool named = false;
        for (const QString& warning : feedback.warnings)
            named = named || warning.startsWith(w.assigneeCode);
        CHECK(named);
    }

    // Again for the same period: nothing new.
    feedback.warnings.clear();
    results = algorithm->run(parameters, context, &feedback, &ok);
    REQUIRE(ok);
    CHECK(results.value(GenerateTasksAlgorithm::kCreated).toInt() == 0);
    CHECK(results.value(GenerateTasksAlgorithm::kAlreadyPresent).toInt() == created);
    CHECK(sqlScalar(path, QStringLiteral("SELECT count(*) FROM tasks")).toInt() == before + created);

    // A period ending before it starts is refused and writes nothing.
    QVariantMap backwards = parameters;
    backwards[GenerateTasksAlgorithm::kTo] = from.addDays(-1);
    algorithm->run(backwards, context, &feedback, &ok);
    CHECK_FALSE(ok);
    CHECK(sqlScalar(path, QStringLiteral("SELECT count(*) FROM tasks")).toInt() == before + created);
}

TEST_CASE("recheck:progressreport writes ProgressReport's figures as a table and as CSV",
          "[planning-processing]") {
    ScratchDir dir;
    const QString path = planningCounty(dir);
    auto planning = planningContributor();
    std::unique_ptr<QgsProcessingAlgorithm> algorithm(
        registry()->createAlgorithmById(QStringLiteral("recheck:progressreport")));
    REQUIRE(algorithm);

    const auto grouping = GENERATE(planning::ProgressGrouping::District, planning::ProgressGrouping::Member,
                                   planning::ProgressGrouping::Period);
    std::vector<planning::ProgressGroup> expected;
    std::size_t taskCount = 0;
    {
        Archive archive = Archive::open(path, Archive::Access::ReadOnly);
        planning::ProgressOptions options;
        options.today = kToday;
        const auto tasks = planning::ProgressReport(archive.db()).tasks(options);
        taskCount = tasks.size();
        expected = planning::ProgressReport::group(tasks, grouping, planning::PeriodUnit::Month);
    }
    REQUIRE_FALSE(expected.empty()); // the small county has one member

    QgsProject project;
    QgsProcessingContext context;
    context.setProject(&project);
    QgsProcessingFeedback feedback;
    const QString csv = dir.file(QStringLiteral("progress.csv"));
    for (const QString& output : {QString(QgsProcessing::TEMPORARY_OUTPUT), csv}) {
        INFO(output.toStdString());
        const QVariantMap parameters{{ProgressReportAlgorithm::kArchive, path},
                                     {ProgressReportAlgorithm::kGrouping, static_cast<int>(grouping)},
                                     {ProgressReportAlgorithm::kPeriodUnit, 1}, // month
                                     {ProgressReportAlgorithm::kToday, kToday},
                                     {ProgressReportAlgorithm::kOutput, output}};
        bool ok = false;
        const QVariantMap results = algorithm->run(parameters, context, &feedback, &ok);
        REQUIRE(ok);
        CHECK(results.value(ProgressReportAlgorithm::kTaskCount).toInt() == static_cast<int>(taskCount));
        std::unique_ptr<QgsVectorLayer> ownLayer;
        QgsVectorLayer* layer = nullptr;
        if (output == csv) {
            REQUIRE(QFile::exists(csv));
            ownLayer = std::make_unique<QgsVectorLayer>(csv, QStringLiteral("csv"), QStringLiteral("ogr"));
            layer = ownLayer.get();
        } else {
            layer = qobject_cast<QgsVectorLayer*>(QgsProcessingUtils::mapLayerFromString(
                results.value(ProgressReportAlgorithm::kOutput).toString(), context));
        }
        REQUIRE(layer);
        REQUIRE(layer->isValid());
        CHECK_FALSE(layer->isSpatial());
        std::map<QString, QgsFeature> rows;
        QgsFeature feature;
        QgsFeatureIterator it = layer->getFeatures();
        while (it.nextFeature(feature))
            rows[feature.attribute(QStringLiteral("key")).toString()] = feature;
        REQUIRE(rows.size() == expected.size());
        for (const planning::ProgressGroup& g : expected) {
            INFO(g.key.toStdString());
            REQUIRE(rows.count(g.key) == 1);
            const QgsFeature& row = rows[g.key];
            auto number = [&row](const char* field) {
                return row.attribute(QString::fromLatin1(field)).toDouble();
            };
            CHECK(row.attribute(QStringLiteral("label")).toString() == g.label);
            CHECK(number("tasks") == g.tasks);
            CHECK(number("done") == g.done);
            CHECK(number("overdue") == g.overdue);
            CHECK(number("scope") == g.scope);
            CHECK(number("checked") == g.checked);
            CHECK(number("visits") == g.visits);
            CHECK(number("gps_proof_visits") == g.gpsProofVisits);
            CHECK(number("discrepancies") == g.discrepancies);
            CHECK(number("due") == g.due);
            CHECK(number("on_time") == g.onTime);
            CHECK(number("checked_share") == Approx(g.checkedShare()));
            CHECK(number("on_time_rate") == Approx(g.onTimeRate()));
        }
        QFile::remove(csv);
    }
}
