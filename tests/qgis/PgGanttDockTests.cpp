// The Gantt dock on a PostgreSQL master (issue #12): the plan and its
// figures come from MasterStore::progress, the districts layer through QGIS's
// postgres provider; the chart equals the one of the SpatiaLite master
// holding the same rows, and a drag is written back to the master as it is
// to the file (MasterStore::reschedule).

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

#include <qgsapplication.h>
#include <qgsmessagelog.h>
#include <qgsproject.h>
#include <qgssettings.h>
#include <qgsvectorlayer.h>

#include <KGanttGlobal>
#include <QComboBox>
#include <QFile>
#include <QItemSelectionModel>
#include <QSignalSpy>
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

TEST_CASE("Gantt dock on a PostgreSQL master shows the plan and figures of the SpatiaLite twin, and writes a "
          "drag back as on the file",
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
        // Open tasks move, finished ones do not, as in the file's chart.
        CHECK((dock.model()->flags(ours) & Qt::ItemIsEditable) == (file.flags(theirs) & Qt::ItemIsEditable));
    }
    CHECK(withProgress > 0);

    // A bar dragged three days later in both charts: the same task row in
    // PostgreSQL as in the file (dates, baseline, row version, who), one
    // change_log entry.
    const QString dragged =
        pg.scalar(
              QStringLiteral("SELECT uuid FROM tasks WHERE status IN ('issued', 'in_progress') ORDER BY uuid "
                             "LIMIT 1"))
            .toString();
    REQUIRE_FALSE(dragged.isEmpty());
    const auto taskRow = [&](const QString& uuid) {
        const PgResult row = pg.query(
            QStringLiteral(
                "SELECT planned_start || ' ' || planned_end || ' ' || coalesce(baseline_start, '') || ' ' "
                "|| coalesce(baseline_end, '') || ' ' || row_version || ' ' || updated_by FROM tasks "
                "WHERE uuid = $1"),
            {uuid});
        return row.text(0, 0);
    };
    const auto fileTaskRow = [&](const QString& uuid) {
        return recheck::test::sqlScalar(
            spatialite, QStringLiteral("SELECT planned_start || ' ' || planned_end || ' ' || "
                                       "coalesce(baseline_start, '') || ' ' || coalesce(baseline_end, '') "
                                       "|| ' ' || row_version || ' ' || updated_by FROM tasks WHERE uuid "
                                       "= '%1'")
                            .arg(uuid));
    };
    REQUIRE(taskRow(dragged) == fileTaskRow(dragged));
    const qlonglong logged = pg.scalar(QStringLiteral("SELECT count(*) FROM change_log")).toLongLong();
    const auto drag = [](PlanGanttModel& model, const QString& uuid, int days) {
        const QModelIndex task = model.indexOfTask(uuid);
        const QModelIndex start = task.sibling(task.row(), PlanGanttModel::StartColumn);
        return model.setData(start, start.data(KGantt::StartTimeRole).toDateTime().addDays(days),
                             KGantt::StartTimeRole);
    };
    dock.model()->setUser(QStringLiteral("planner"));
    file.setUser(QStringLiteral("planner"));
    INFO(dock.model()->lastError().toStdString());
    REQUIRE(drag(*dock.model(), dragged, 3));
    REQUIRE(drag(file, dragged, 3));
    CHECK(taskRow(dragged) == fileTaskRow(dragged));
    CHECK(taskRow(dragged).endsWith(QLatin1String(" planner")));
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM change_log")).toLongLong() == logged + 1);
    // The chart shows the new dates.
    const QModelIndex moved = dock.model()->indexOfTask(dragged);
    CHECK(moved.sibling(moved.row(), PlanGanttModel::StartColumn).data(KGantt::StartTimeRole) ==
          file.indexOfTask(dragged)
              .sibling(file.indexOfTask(dragged).row(), PlanGanttModel::StartColumn)
              .data(KGantt::StartTimeRole));

    // Another user finishes a task the chart still shows open: the drag is
    // refused with their reason, nothing is written, and the chart reloads.
    const QString other =
        pg.scalar(QStringLiteral(
                      "SELECT uuid FROM tasks WHERE status IN ('issued', 'in_progress') AND uuid <> $1 "
                      "ORDER BY uuid LIMIT 1"),
                  {dragged})
            .toString();
    REQUIRE_FALSE(other.isEmpty());
    REQUIRE(dock.model()->flags(dock.model()->indexOfTask(other)) & Qt::ItemIsEditable);
    pg.query(QStringLiteral("UPDATE tasks SET status = 'done', actual_end = '2026-11-01', row_version = "
                            "row_version + 1, updated_by = 'office' WHERE uuid = $1"),
             {other});
    const QString otherBefore = taskRow(other);
    QSignalSpy refused(dock.model(), &PlanGanttModel::rescheduleRefused);
    QSignalSpy logMessages(
        QgsApplication::messageLog(),
        qOverload<const QString&, const QString&, Qgis::MessageLevel>(&QgsMessageLog::messageReceived));
    CHECK_FALSE(drag(*dock.model(), other, 2));
    CHECK(refused.count() == 1);
    CHECK(dock.model()->lastError().contains(QLatin1String("done")));
    CHECK(taskRow(other) == otherBefore);
    bool inLog = false;
    for (const QList<QVariant>& m : logMessages)
        inLog |= m.value(0).toString().contains(QLatin1String("done"));
    CHECK(inLog);
    REQUIRE(QTest::qWaitFor(
        [&] {
            const QModelIndex now = dock.model()->indexOfTask(other);
            return !dock.isLoading() && now.isValid() && !(dock.model()->flags(now) & Qt::ItemIsEditable);
        },
        120000));

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
