// The Gantt dock as the plugin shows it: opened on a demo archive added to
// the project, one task row per task, the grouping switch and the export.
// Its open time on 10 000 tasks is measured by recheck_gantt_bench.

#include "TestSupport.h"

#include "GanttDock.h"
#include "PlanGanttModel.h"
#include "PlanGanttView.h"

#include "RecheckQgis.h"
#include "archive/DemoCountyGenerator.h"

#include <qgsmaplayer.h>
#include <qgsproject.h>
#include <qgssettings.h>
#include <qgsvectorlayer.h>

#include <QAbstractItemView>
#include <QCheckBox>
#include <QColor>
#include <QComboBox>
#include <QDateEdit>
#include <QImage>
#include <QItemSelectionModel>
#include <QSet>
#include <QTextStream>

#include <catch2/catch.hpp>

using namespace recheck;
using namespace recheck::test;
using recheck::gantt::GanttDock;
using recheck::gantt::PlanGanttModel;

namespace {

// The demo county's "today" (DemoCountyOptions::today's default).
const QDate kToday(2026, 11, 2);

QString dockCounty(const ScratchDir& dir, const QString& name) {
    const QString path = dir.file(name);
    DemoCountyOptions options;
    options.customers = 1500;
    options.districts = 6;
    options.seed = 5;
    DemoCountyGenerator(options).generate(path);
    return path;
}

// The archive's layers in the project for the length of a test, as the
// archive plugin adds them.
struct ProjectArchive {
    explicit ProjectArchive(const QString& path) {
        QString error;
        const QList<QgsMapLayer*> layers = recheck::qgis::createArchiveLayers(path, &error);
        INFO(error.toStdString());
        REQUIRE_FALSE(layers.isEmpty());
        QgsProject::instance()->addMapLayers(layers);
    }
    ~ProjectArchive() { QgsProject::instance()->removeAllMapLayers(); }
};

// Task rows as the dock's tree shows them (KGantt's proxy, all levels).
int shownTaskRows(const QAbstractItemModel* model, const QModelIndex& parent = {}) {
    int rows = 0;
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex index = model->index(r, 0, parent);
        if (!index.data(PlanGanttModel::TaskUuidRole).toString().isEmpty())
            ++rows;
        rows += shownTaskRows(model, index);
    }
    return rows;
}

// Horizontal bands at least 5 pixels high holding a run of 3 pixels in one
// of the bar colours: one per bar (as in GanttTests.cpp).
int barCount(const QImage& image, const QSet<QRgb>& colours) {
    int bars = 0, height = 0;
    for (int y = 0; y <= image.height(); ++y) {
        bool hit = false;
        if (y < image.height()) {
            const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
            for (int x = 0, run = 0; x < image.width() && !hit; ++x) {
                run = colours.contains(line[x] | 0xff000000u) ? run + 1 : 0;
                hit = run >= 3;
            }
        }
        if (hit) {
            ++height;
            continue;
        }
        if (height >= 5)
            ++bars;
        height = 0;
    }
    return bars;
}

} // namespace

TEST_CASE("Gantt dock shows the plan of the project's archive", "[gantt-dock]") {
    QgsSettings().remove(QStringLiteral("recheck/gantt"));
    ScratchDir dir;
    const QString path = dockCounty(dir, QStringLiteral("dock.sqlite"));
    const ProjectArchive inProject(path);

    GanttDock dock(nullptr);
    dock.resize(1200, 700);
    dock.setToday(kToday);
    REQUIRE(dock.archivePath() == path);

    const int tasks = sqlScalar(path, QStringLiteral("SELECT count(*) FROM tasks")).toInt();
    REQUIRE(tasks > 6);
    CHECK(dock.model()->taskCount() == tasks);
    CHECK(shownTaskRows(dock.view()->leftView()->model()) == tasks);

    SECTION("the member filter keeps one member's tasks") {
        auto* member = dock.findChild<QComboBox*>(QStringLiteral("memberCombo"));
        REQUIRE(member);
        REQUIRE(member->count() == 1 + sqlScalar(path, QStringLiteral("SELECT count(*) FROM staff")).toInt());
        int withTasks = 0;
        for (int i = 1; i < member->count(); ++i) {
            const QString uuid = member->itemData(i).toString();
            const int theirs =
                sqlScalar(path,
                          QStringLiteral("SELECT count(*) FROM tasks WHERE assignee_uuid = '%1'").arg(uuid))
                    .toInt();
            withTasks += theirs > 0;
            member->setCurrentIndex(i);
            INFO(member->currentText().toStdString());
            CHECK(dock.model()->taskCount() == theirs);
            CHECK(shownTaskRows(dock.view()->leftView()->model()) == theirs);
        }
        CHECK(withTasks > 0);
        member->setCurrentIndex(0);
        CHECK(dock.model()->taskCount() == tasks);
    }

    SECTION("districts selected on the map select their tasks in the chart") {
        QgsVectorLayer* districts = nullptr;
        for (QgsMapLayer* layer : QgsProject::instance()->mapLayers())
            if (layer->source().contains(QLatin1String("layername=districts")))
                districts = qobject_cast<QgsVectorLayer*>(layer);
        REQUIRE(districts);
        const QStringList chosen =
            sqlScalar(path,
                      QStringLiteral("SELECT group_concat(uuid, '|') FROM (SELECT district_uuid AS uuid "
                                     "FROM tasks GROUP BY district_uuid ORDER BY count(*) DESC LIMIT 2)"))
                .split(QLatin1Char('|'));
        REQUIRE(chosen.size() == 2);
        const int expected =
            sqlScalar(path, QStringLiteral("SELECT count(*) FROM tasks WHERE district_uuid IN "
                                           "('%1', '%2')")
                                .arg(chosen[0], chosen[1]))
                .toInt();
        REQUIRE(expected < tasks);
        districts->selectByExpression(QStringLiteral("\"uuid\" IN ('%1', '%2')").arg(chosen[0], chosen[1]));
        QItemSelectionModel* selection = dock.view()->selectionModel();
        const QModelIndexList rows = selection->selectedRows(0);
        CHECK(rows.size() == expected);
        for (const QModelIndex& row : rows)
            CHECK(chosen.contains(row.data(PlanGanttModel::DistrictUuidRole).toString()));
        districts->removeSelection();
        CHECK(selection->selectedRows(0).isEmpty());
    }

    SECTION("switching to districts makes the districts the top-level rows") {
        auto* group = dock.findChild<QComboBox*>(QStringLiteral("groupCombo"));
        REQUIRE(group);
        group->setCurrentIndex(group->findData(static_cast<int>(PlanGanttModel::Grouping::District)));
        const QAbstractItemModel* shown = dock.view()->leftView()->model();
        const int districts =
            sqlScalar(path, QStringLiteral("SELECT count(DISTINCT district_uuid) FROM tasks")).toInt();
        REQUIRE(shown->rowCount() == districts);
        QSet<QString> names;
        for (int g = 0; g < shown->rowCount(); ++g)
            names.insert(shown->index(g, 0).data().toString());
        // District groups are labelled "code name".
        const QStringList codes =
            sqlScalar(path, QStringLiteral("SELECT group_concat(code, '|') FROM districts"))
                .split(QLatin1Char('|'));
        for (const QString& name : names)
            CHECK(codes.contains(name.section(QLatin1Char(' '), 0, 0)));
        CHECK(shownTaskRows(shown) == tasks);
        // Remembered for the next session.
        CHECK(QgsSettings().value(QStringLiteral("recheck/gantt/group")).toInt() ==
              static_cast<int>(PlanGanttModel::Grouping::District));
    }
    SECTION("the period and status filters reload the chart") {
        auto* status = dock.findChild<QComboBox*>(QStringLiteral("statusCombo"));
        REQUIRE(status);
        status->setCurrentIndex(2); // overdue
        const int overdue = dock.model()->taskCount();
        CHECK(overdue < tasks);
        for (int g = 0; g < dock.model()->rowCount(); ++g) {
            const QModelIndex group = dock.model()->index(g, 0);
            for (int r = 0; r < dock.model()->rowCount(group); ++r)
                if (dock.model()->taskAt(dock.model()->index(r, 0, group)))
                    CHECK(dock.model()->index(r, 0, group).data(PlanGanttModel::OverdueRole).toBool());
        }
        status->setCurrentIndex(0);
        CHECK(dock.model()->taskCount() == tasks);
    }
    SECTION("the export writes a PNG with one bar per task") {
        dock.findChild<QCheckBox*>(QStringLiteral("periodCheck"))->setChecked(true);
        dock.findChild<QDateEdit*>(QStringLiteral("fromDate"))->setDate(kToday.addMonths(-1));
        dock.findChild<QDateEdit*>(QStringLiteral("toDate"))->setDate(kToday.addMonths(1));
        dock.reload(); // the dock waits for typing to settle; a test need not
        const int shown = dock.model()->taskCount();
        REQUIRE(shown >= 1);
        REQUIRE(shown < tasks);
        QSet<QRgb> colours;
        for (int g = 0; g < dock.model()->rowCount(); ++g) {
            const QModelIndex group = dock.model()->index(g, 0);
            for (int r = 0; r < dock.model()->rowCount(group); ++r) {
                const QModelIndex index = dock.model()->index(r, 0, group);
                if (dock.model()->taskAt(index))
                    colours.insert(index.data(Qt::BackgroundRole).value<QColor>().rgb());
            }
        }
        const QString png = dir.file(QStringLiteral("dock.png"));
        REQUIRE(dock.exportChart(png));
        const QImage written(png);
        REQUIRE_FALSE(written.isNull());
        CHECK(barCount(written.convertToFormat(QImage::Format_ARGB32), colours) == shown);
    }
}
