// recheck_gantt_bench: the Gantt dock and the progress report at the scale
// issue #6 names.
//
//   recheck_gantt_bench CACHE_DIR [--customers N] [--tasks T] [--reps R]
//
// 1. A demo county of N customers (default 1 000 000) in N / 333 districts,
//    so about 500 inspectors, generated once and cached in CACHE_DIR. Its
//    tasks are topped up to T (default 10 000) with copies of the periodic
//    tasks in earlier half-year cycles (done, scope copied), as an archive
//    two years into the product looks.
// 2. Dock open time (goal < 300 ms): GanttDock constructed on the archive
//    in the project (model load, view set up, initial rows) plus its first
//    paint, against in the same run (a) an empty KGantt::View and (b) a bare
//    KGantt::View over a QStandardItemModel holding the same groups and
//    tasks, collapsed: the floor KGantt itself sets for this shape.
// 3. Repaint of one screen (goal < 16 ms): the chart's viewport repainted
//    into an image, median of R, against an empty view's repaint.
// 4. `recheck progress` (goal < 2 s): the CLI run as a user runs it (process
//    start included), by member and by district, against one full scan of
//    the visits table in the same run; and the report alone, in process.

#include "GanttDock.h"
#include "PlanGanttModel.h"
#include "PlanGanttView.h"

#include "RecheckQgis.h"
#include "archive/Archive.h"
#include "archive/ArchiveSchema.h"
#include "archive/DemoCountyGenerator.h"
#include "common/Sqlite.h"
#include "planning/ProgressReport.h"

#include <KGanttDateTimeGrid>
#include <KGanttGlobal>
#include <KGanttGraphicsView>
#include <KGanttView>

#include <qgsapplication.h>
#include <qgsproject.h>

#include <QAbstractItemView>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QStandardItemModel>
#include <QTreeView>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace recheck;

namespace {

int optionValue(const QStringList& args, const QString& name, int fallback) {
    const int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1].toInt() : fallback;
}

double ms(const QElapsedTimer& timer) {
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

template <typename Fn> double median(int reps, Fn&& run) {
    std::vector<double> times;
    for (int i = 0; i < reps; ++i) {
        QElapsedTimer timer;
        timer.start();
        run();
        times.push_back(ms(timer));
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

// Copies of the periodic tasks in earlier half-year cycles until the archive
// holds `target` tasks: done on time, with their frozen scope, so the model
// and the report read what two years of cycles leave behind.
void topUpTasks(const QString& path, int target) {
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadWrite);
    const int existing = db.scalar(QStringLiteral("SELECT count(*) FROM tasks")).toInt();
    if (existing >= target)
        return;
    db.exec(QStringLiteral("BEGIN"));
    db.exec(
        QStringLiteral("CREATE TEMP TABLE copies AS SELECT t.uuid AS old, %1 AS new, n.k AS k "
                       "FROM (WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 8) "
                       "SELECT k FROM n) n, tasks t JOIN plans p ON p.uuid = t.plan_uuid "
                       "WHERE p.kind = 'periodic' ORDER BY n.k, t.fid LIMIT %2")
            .arg(ArchiveSchema::uuidSqlExpression())
            .arg(target - existing));
    db.exec(QStringLiteral(
        "INSERT INTO tasks (uuid, updated_by, plan_uuid, district_uuid, assignee_uuid, status, priority, "
        "period_key, planned_start, planned_end, baseline_start, baseline_end, actual_start, actual_end) "
        "SELECT c.new, 'bench', t.plan_uuid, t.district_uuid, t.assignee_uuid, 'done', t.priority, "
        "t.period_key || '-' || c.k, "
        "date(t.planned_start, printf('-%d months', 6 * c.k)), date(t.planned_end, printf('-%d months', 6 * "
        "c.k)), "
        "date(t.baseline_start, printf('-%d months', 6 * c.k)), date(t.baseline_end, printf('-%d months', 6 "
        "* c.k)), "
        "date(t.planned_start, printf('-%d months', 6 * c.k)), date(t.planned_end, printf('-%d months', 6 * "
        "c.k)) "
        "FROM copies c JOIN tasks t ON t.uuid = c.old"));
    db.exec(QStringLiteral("INSERT INTO task_scope (task_uuid, customer_uuid, updated_by) "
                           "SELECT c.new, s.customer_uuid, 'bench' FROM copies c "
                           "JOIN task_scope s ON s.task_uuid = c.old"));
    db.exec(QStringLiteral("DROP TABLE copies"));
    db.exec(QStringLiteral("COMMIT"));
}

QStandardItem* typeItem(int type) {
    auto* item = new QStandardItem;
    item->setData(type, Qt::DisplayRole);
    return item;
}

// The archive's groups and tasks as plain KGantt items: the same shape the
// dock shows (one summary row per member, its tasks under it).
void fillPlainModel(const QString& path, QStandardItemModel& model) {
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
    SqliteStatement tasks(db, QStringLiteral("SELECT coalesce(s.code, ''), d.code, t.planned_start, "
                                             "t.planned_end FROM tasks t JOIN districts d ON d.uuid = "
                                             "t.district_uuid LEFT JOIN staff s ON s.uuid = t.assignee_uuid "
                                             "ORDER BY 1, t.planned_start"));
    QStandardItem* group = nullptr;
    QStandardItem *groupStart = nullptr, *groupEnd = nullptr;
    QString groupKey;
    model.setColumnCount(6);
    while (tasks.step()) {
        const QDateTime from(planning::parseIsoDate(tasks.text(2)), QTime(0, 0));
        const QDateTime to(planning::parseIsoDate(tasks.text(3)).addDays(1), QTime(0, 0));
        if (!group || tasks.text(0) != groupKey) {
            groupKey = tasks.text(0);
            group = new QStandardItem(groupKey);
            groupStart = new QStandardItem;
            groupStart->setData(from, Qt::DisplayRole);
            groupEnd = new QStandardItem;
            groupEnd->setData(to, Qt::DisplayRole);
            model.appendRow({group, typeItem(KGantt::TypeSummary), groupStart, groupEnd});
        }
        groupEnd->setData(std::max(to, groupEnd->data(Qt::DisplayRole).toDateTime()), Qt::DisplayRole);
        auto* start = new QStandardItem;
        start->setData(from, Qt::DisplayRole);
        auto* end = new QStandardItem;
        end->setData(to, Qt::DisplayRole);
        group->appendRow({new QStandardItem(tasks.text(1)), typeItem(KGantt::TypeTask), start, end,
                          new QStandardItem(QStringLiteral("0"))});
    }
}

struct OpenTime {
    double construct = 0, firstPaint = 0;
    double total() const { return construct + firstPaint; }
};

} // namespace

int main(int argc, char** argv) {
    // Figures as they come (a crash keeps what was measured); KGantt's and
    // QGIS's debug chatter would bury them.
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& message) {
        if (type != QtDebugMsg && type != QtInfoMsg)
            std::fprintf(stderr, "%s\n", qPrintable(message));
    });
    std::unique_ptr<QgsApplication> app = recheck::qgis::startHeadlessQgis(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args[1].startsWith(QLatin1Char('-'))) {
        std::fprintf(stderr, "usage: recheck_gantt_bench CACHE_DIR [--customers N] [--tasks T] [--reps R]\n");
        return 64;
    }
    const int customers = optionValue(args, QStringLiteral("--customers"), 1000000);
    const int taskTarget = optionValue(args, QStringLiteral("--tasks"), 10000);
    const int reps = std::max(3, optionValue(args, QStringLiteral("--reps"), 15));
    QDir().mkpath(args[1]);
    const QString path = QDir(args[1]).filePath(QStringLiteral("gantt-master-%1.sqlite").arg(customers));

    if (!QFileInfo::exists(path)) {
        DemoCountyOptions options;
        options.customers = customers;
        options.districts = std::max(1, customers / 333);
        options.seed = 606;
        std::printf("generating a demo county of %d customers into %s …\n", customers, qPrintable(path));
        std::fflush(stdout);
        const DemoCountySummary summary = DemoCountyGenerator(options).generate(path);
        std::printf("generated in %.1f s\n", summary.seconds);
    }
    topUpTasks(path, taskTarget);
    {
        SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
        std::printf("archive: %lld customers, %lld districts, %lld tasks over %lld members, %lld scope rows, "
                    "%lld visits\n\n",
                    db.scalar(QStringLiteral("SELECT count(*) FROM customers")).toLongLong(),
                    db.scalar(QStringLiteral("SELECT count(*) FROM districts")).toLongLong(),
                    db.scalar(QStringLiteral("SELECT count(*) FROM tasks")).toLongLong(),
                    db.scalar(QStringLiteral("SELECT count(DISTINCT assignee_uuid) FROM tasks")).toLongLong(),
                    db.scalar(QStringLiteral("SELECT count(*) FROM task_scope")).toLongLong(),
                    db.scalar(QStringLiteral("SELECT count(*) FROM visits")).toLongLong());
    }
    const QSize screen(1280, 800);

    // References: an empty KGantt view, and KGantt over a plain model of the
    // same rows with its groups collapsed.
    OpenTime empty;
    double emptyRepaint = 0;
    {
        QElapsedTimer timer;
        timer.start();
        QStandardItemModel model;
        KGantt::View view;
        view.setModel(&model);
        view.resize(screen);
        empty.construct = ms(timer);
        timer.restart();
        QImage image(screen, QImage::Format_ARGB32_Premultiplied);
        view.render(&image);
        empty.firstPaint = ms(timer);
        QWidget* viewport = view.graphicsView()->viewport();
        QImage one(viewport->size(), QImage::Format_ARGB32_Premultiplied);
        emptyRepaint = median(reps, [&] { viewport->render(&one); });
    }
    OpenTime plain;
    double plainFill = 0;
    {
        QElapsedTimer timer;
        timer.start();
        QStandardItemModel model;
        fillPlainModel(path, model);
        plainFill = ms(timer);
        timer.restart();
        KGantt::View view;
        auto* grid = new KGantt::DateTimeGrid;
        grid->setParent(&view); // the view keeps the grid without owning it
        grid->setDayWidth(28);
        grid->setStartDateTime(model.index(0, 2).data().toDateTime().addDays(-3));
        view.setGrid(grid);
        view.setModel(&model);
        view.resize(screen);
        plain.construct = ms(timer);
        timer.restart();
        QImage image(screen, QImage::Format_ARGB32_Premultiplied);
        view.render(&image);
        plain.firstPaint = ms(timer);
    }

    // The dock as the plugin opens it: the archive's layers in the project.
    QString error;
    const QList<QgsMapLayer*> layers = recheck::qgis::createArchiveLayers(path, &error);
    if (layers.isEmpty()) {
        std::fprintf(stderr, "cannot add the archive's layers: %s\n", qPrintable(error));
        return 1;
    }
    QgsProject::instance()->addMapLayers(layers);
    OpenTime dockOpen;
    double modelOnly = 0, repaint = 0, expandAll = 0, archiveOpen = 0, taskQuery = 0;
    int shownTasks = 0;
    {
        QElapsedTimer timer;
        timer.start();
        {
            Archive archive = Archive::open(path, Archive::Access::ReadWrite);
            archiveOpen = ms(timer);
            timer.restart();
            planning::PlanTasks(archive.db()).load({}, planning::PlanTasks::ScopeSize::NotCounted);
            taskQuery = ms(timer);
        }
        timer.restart();
        {
            gantt::PlanGanttModel model;
            model.load(path);
        }
        modelOnly = ms(timer);
        timer.restart();
        gantt::GanttDock dock(nullptr);
        dock.resize(screen);
        dockOpen.construct = ms(timer);
        shownTasks = dock.model()->taskCount();
        timer.restart();
        QImage image(screen, QImage::Format_ARGB32_Premultiplied);
        dock.render(&image);
        dockOpen.firstPaint = ms(timer);
        QWidget* viewport = dock.view()->graphicsView()->viewport();
        QImage one(viewport->size(), QImage::Format_ARGB32_Premultiplied);
        repaint = median(reps, [&] { viewport->render(&one); });
        timer.restart();
        dock.view()->expandAllRows();
        expandAll = ms(timer);
    }
    QgsProject::instance()->removeAllMapLayers();

    std::printf("Gantt dock, %d tasks:\n", shownTasks);
    std::printf("  %-46s %9s %9s %9s\n", "", "build ms", "paint ms", "open ms");
    std::printf("  %-46s %9.1f %9.1f %9.1f\n", "empty KGantt::View (reference)", empty.construct,
                empty.firstPaint, empty.total());
    std::printf("  %-46s %9.1f %9.1f %9.1f   (+ %.0f ms filling the model)\n",
                "KGantt::View, plain model, same rows collapsed", plain.construct, plain.firstPaint,
                plain.total(), plainFill);
    std::printf("  %-46s %9.1f %9.1f %9.1f   goal < 300 ms; %.1fx the empty view\n", "Recheck Gantt dock",
                dockOpen.construct, dockOpen.firstPaint, dockOpen.total(),
                dockOpen.total() / std::max(empty.total(), 1e-3));
    std::printf("  of which loading the plan model alone: %.1f ms (opening the archive %.1f ms, reading the "
                "tasks %.1f ms)\n",
                modelOnly, archiveOpen, taskQuery);
    std::printf("  repaint of one screen (viewport %dx%d): %.2f ms median of %d (goal < 16 ms); empty view "
                "%.2f ms\n",
                screen.width(), screen.height(), repaint, reps, emptyRepaint);
    std::printf("  expanding every group afterwards: %.0f ms\n\n", expandAll);

    // recheck progress, as a user runs it.
    const QString cli = QStringLiteral(RECHECK_CLI_PATH);
    auto runCli = [&](const QStringList& cliArgs) {
        QProcess process;
        process.start(cli, cliArgs);
        process.waitForFinished(-1);
        if (process.exitCode() != 0)
            std::fprintf(stderr, "recheck %s failed: %s\n", qPrintable(cliArgs.join(QLatin1Char(' '))),
                         process.readAllStandardError().constData());
    };
    const int cliReps = std::max(3, reps / 5);
    const double startOnly = median(cliReps, [&] { runCli({QStringLiteral("--version")}); });
    const double byMember = median(cliReps, [&] {
        runCli({QStringLiteral("progress"), path, QStringLiteral("--by"), QStringLiteral("member"),
                QStringLiteral("--csv")});
    });
    const double byDistrict = median(cliReps, [&] {
        runCli({QStringLiteral("progress"), path, QStringLiteral("--by"), QStringLiteral("district"),
                QStringLiteral("--csv")});
    });
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
    const double visitScan = median(cliReps, [&] {
        db.scalar(QStringLiteral("SELECT count(*), sum(length(task_uuid)), sum(gps_accuracy_m) FROM visits"));
    });
    std::size_t reportTasks = 0;
    const double inProcess = median(cliReps, [&] {
        const auto tasks = planning::ProgressReport(db).tasks({});
        reportTasks = tasks.size();
        planning::ProgressReport::group(tasks, planning::ProgressGrouping::Member);
    });
    std::printf("recheck progress on %d customers (%zu tasks), median of %d:\n", customers, reportTasks,
                cliReps);
    std::printf("  recheck --version (process start, reference):  %8.1f ms\n", startOnly);
    std::printf("  recheck progress --by member --csv:            %8.1f ms   goal < 2000 ms\n", byMember);
    std::printf("  recheck progress --by district --csv:          %8.1f ms\n", byDistrict);
    std::printf("  the report in process (tasks + grouping):      %8.1f ms   %.1fx one scan of the visits "
                "(%.1f ms)\n",
                inProcess, inProcess / std::max(visitScan, 1e-3), visitScan);
    QgsApplication::exitQgis();
    return 0;
}
