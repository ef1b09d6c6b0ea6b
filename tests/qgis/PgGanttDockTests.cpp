// The Gantt dock on a PostgreSQL master (issue #12): the plan and its
// figures come from MasterStore::progress, the districts layer through QGIS's
// postgres provider; the chart equals the one of the SpatiaLite master
// holding the same rows, and is read-only.

#include "../unit/PgTestSupport.h"
#include "TestSupport.h"

#include "GanttDock.h"
#include "MasterLocation.h"
#include "PgMasterLayers.h"
#include "PlanGanttModel.h"
#include "PlanGanttView.h"
#include "archive/DemoCountyGenerator.h"
#include "master/PgConnection.h"
#include "master/PgMasterMigration.h"
#include "master/PgMasterStore.h"

#include <qgsproject.h>
#include <qgssettings.h>
#include <qgsvectorlayer.h>

#include <KGanttGlobal>
#include <QComboBox>
#include <QFile>
#include <QItemSelectionModel>
#include <QTest>
#include <QTreeView>

#include <catch2/catch.hpp>

using namespace recheck;
using recheck::gantt::GanttDock;
using recheck::gantt::PlanGanttModel;
using recheck::test::PgTestDatabase;
using recheck::test::ScratchDir;

namespace {

// The demo county's "today" (DemoCountyOptions::today's default).
const QDate kToday(2026, 11, 2);

} // namespace

TEST_CASE("Gantt dock on a PostgreSQL master shows the plan and figures of the SpatiaLite twin, read-only",
          "[pg][pgui]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    QgsSettings().remove(QStringLiteral("recheck/gantt"));
    ScratchDir dir;
    const QString spatialite = dir.file(QStringLiteral("gantt-master.sqlite"));
    {
        DemoCountyOptions options;
        options.customers = 1500;
        options.districts = 6;
        options.seed = 5;
        DemoCountyGenerator(options).generate(spatialite);
    }
    const QString master = database.conninfo();
    {
        PgMasterStore store(master);
        PgMasterMigration::migrate(spatialite, store);
    }
    PgConnection pg(master);
    const int tasks = pg.scalar(QStringLiteral("SELECT count(*) FROM tasks")).toInt();
    REQUIRE(tasks > 6);

    QString error;
    const QList<QgsMapLayer*> layers =
        recheck::plugins::createPostgresMasterLayers(master, &error, {QStringLiteral("districts")});
    INFO(error.toStdString());
    REQUIRE(layers.size() == 1);
    QgsProject::instance()->addMapLayers(layers);
    auto* districts = qobject_cast<QgsVectorLayer*>(layers.first());

    GanttDock dock(nullptr);
    dock.resize(1200, 700);
    dock.setToday(kToday);
    REQUIRE(recheck::plugins::sameMaster(dock.archivePath(), master));
    // Read in a QgsTask; the last reload's result is shown.
    CHECK(dock.isLoading());
    REQUIRE(QTest::qWaitFor([&dock] { return !dock.isLoading(); }, 120000));
    CHECK(dock.model()->taskCount() == tasks);

    // Task for task, the same bars and completion as from the file.
    PlanGanttModel file;
    file.load(spatialite, {}, kToday);
    REQUIRE(file.taskCount() == tasks);
    const PgResult rows = pg.query(QStringLiteral("SELECT uuid FROM tasks ORDER BY uuid"));
    int withProgress = 0;
    for (int r = 0; r < rows.rows(); ++r) {
        const QString uuid = rows.text(r, 0);
        const QModelIndex ours = dock.model()->indexOfTask(uuid);
        const QModelIndex theirs = file.indexOfTask(uuid);
        REQUIRE(ours.isValid());
        REQUIRE(theirs.isValid());
        INFO(uuid.toStdString());
        for (int column :
             {PlanGanttModel::StartColumn, PlanGanttModel::EndColumn, PlanGanttModel::CompletionColumn})
            CHECK(ours.sibling(ours.row(), column).data() == theirs.sibling(theirs.row(), column).data());
        CHECK(ours.data(PlanGanttModel::OverdueRole) == theirs.data(PlanGanttModel::OverdueRole));
        CHECK(dock.model()->taskAt(ours)->scopeSize == file.taskAt(theirs)->scopeSize);
        withProgress += ours.sibling(ours.row(), PlanGanttModel::CompletionColumn).data().toInt() > 0;
        // No archive file to write a drag to.
        CHECK_FALSE(dock.model()->flags(ours) & Qt::ItemIsEditable);
    }
    CHECK(withProgress > 0);
    const QModelIndex first = dock.model()->indexOfTask(rows.text(0, 0));
    const QVariant start =
        first.sibling(first.row(), PlanGanttModel::StartColumn).data(KGantt::StartTimeRole);
    CHECK_FALSE(dock.model()->setData(first.sibling(first.row(), PlanGanttModel::StartColumn),
                                      start.toDateTime().addDays(3), KGantt::StartTimeRole));
    CHECK(pg.scalar(QStringLiteral("SELECT planned_start FROM tasks WHERE uuid = $1"), {rows.text(0, 0)})
              .toString() ==
          recheck::test::sqlScalar(
              spatialite,
              QStringLiteral("SELECT planned_start FROM tasks WHERE uuid = '%1'").arg(rows.text(0, 0))));

    // Members from the server; districts picked on the postgres layer select their tasks.
    auto* member = dock.findChild<QComboBox*>(QStringLiteral("memberCombo"));
    REQUIRE(member);
    CHECK(member->count() == 1 + pg.scalar(QStringLiteral("SELECT count(*) FROM staff")).toInt());
    const QString busiest =
        pg.scalar(
              QStringLiteral("SELECT district_uuid FROM tasks GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"))
            .toString();
    const int expected =
        pg.scalar(QStringLiteral("SELECT count(*) FROM tasks WHERE district_uuid = $1"), {busiest}).toInt();
    districts->selectByExpression(QStringLiteral("\"uuid\" = '%1'").arg(busiest));
    const QModelIndexList selected = dock.view()->selectionModel()->selectedRows(0);
    CHECK(selected.size() == expected);
    for (const QModelIndex& row : selected)
        CHECK(row.data(PlanGanttModel::DistrictUuidRole).toString() == busiest);
    QgsProject::instance()->removeAllMapLayers();
}
