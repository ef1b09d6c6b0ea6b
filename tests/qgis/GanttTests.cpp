// The Gantt chart of re-check tasks on a generated demo county: the item
// model under Qt's model tester, a bar drag written to the archive as a
// tracked reschedule that keeps the baseline, and the offscreen render and
// exports containing one bar per task.

#include "TestSupport.h"

#include "PlanGanttModel.h"
#include "PlanGanttView.h"

#include "archive/DemoCountyGenerator.h"
#include "common/Sqlite.h"
#include "planning/PlanCalendar.h"

#include <KGanttGlobal>

#include <QAbstractItemModelTester>
#include <QColor>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>

#include <catch2/catch.hpp>

#include <functional>
#include <vector>

using namespace recheck;
using namespace recheck::test;
using recheck::gantt::PlanGanttModel;
using recheck::gantt::PlanGanttView;

namespace {

// The demo county's "today" (DemoCountyOptions::today's default).
const QDate kToday(2026, 11, 2);

QString ganttCounty(const ScratchDir& dir) {
    const QString path = dir.file(QStringLiteral("gantt.sqlite"));
    DemoCountyOptions options;
    options.customers = 2000;
    options.districts = 8;
    options.seed = 11;
    DemoCountyGenerator(options).generate(path);
    return path;
}

// Tasks touching two months around today: a chart of a readable size.
planning::TaskFilter aroundToday() {
    planning::TaskFilter filter;
    filter.from = kToday.addMonths(-1);
    filter.to = kToday.addMonths(1);
    return filter;
}

std::vector<QModelIndex> taskIndexes(const PlanGanttModel& model) {
    std::vector<QModelIndex> tasks;
    for (int g = 0; g < model.rowCount(); ++g) {
        const QModelIndex group = model.index(g, 0);
        for (int r = 0; r < model.rowCount(group); ++r)
            if (model.taskAt(model.index(r, 0, group)))
                tasks.push_back(model.index(r, 0, group));
    }
    return tasks;
}

QString taskDates(const QString& path, const QString& uuid) {
    return sqlScalar(path,
                     QStringLiteral("SELECT planned_start || ' ' || planned_end || ' ' || "
                                    "coalesce(baseline_start, '-') || ' ' || coalesce(baseline_end, '-') "
                                    "FROM tasks WHERE uuid = '%1'")
                         .arg(uuid));
}

struct Band {
    int top = 0, height = 0, left = 0, right = 0;
};

// Horizontal bands of rows holding a run of at least 3 pixels in one of
// `colours`: a bar is such a band; text and one-pixel grid lines are not.
std::vector<Band> barBands(const QImage& image, const QSet<QRgb>& colours) {
    std::vector<Band> bands;
    bool open = false;
    for (int y = 0; y < image.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        int left = -1, right = -1, run = 0;
        for (int x = 0; x < image.width(); ++x) {
            run = colours.contains(line[x] | 0xff000000u) ? run + 1 : 0;
            if (run >= 3) {
                if (left < 0)
                    left = x - 2;
                right = x;
            }
        }
        if (left < 0) {
            open = false;
            continue;
        }
        if (!open) {
            bands.push_back({y, 0, left, right});
            open = true;
        }
        Band& band = bands.back();
        ++band.height;
        band.left = std::min(band.left, left);
        band.right = std::max(band.right, right);
    }
    // Bars are several pixels high; a stray line of matching pixels is not.
    std::vector<Band> bars;
    for (const Band& band : bands)
        if (band.height >= 5)
            bars.push_back(band);
    return bars;
}

} // namespace

TEST_CASE("Gantt model passes QAbstractItemModelTester in both groupings", "[gantt]") {
    ScratchDir dir;
    const QString path = ganttCounty(dir);
    PlanGanttModel model;
    model.load(path, {}, kToday);
    REQUIRE(model.taskCount() > 8);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);

    SECTION("by member: a workload row first, then that member's tasks") {
        int tasks = 0;
        for (int g = 0; g < model.rowCount(); ++g) {
            const QModelIndex group = model.index(g, 0);
            CHECK(model.data(group, KGantt::ItemTypeRole).toInt() == KGantt::TypeSummary);
            const QModelIndex first = model.index(0, 0, group);
            if (model.workloadAt(first)) {
                CHECK(model.data(first, KGantt::ItemTypeRole).toInt() == PlanGanttModel::WorkloadItemType);
                CHECK(model.data(first, PlanGanttModel::CapacityRole).toInt() > 0);
            }
            for (int r = 0; r < model.rowCount(group); ++r)
                if (const planning::TaskRecord* t = model.taskAt(model.index(r, 0, group))) {
                    ++tasks;
                    CHECK(model.data(model.index(r, 0, group), KGantt::ItemTypeRole).toInt() ==
                          KGantt::TypeTask);
                    // Bars end at midnight after the last planned day.
                    CHECK(model.data(model.index(r, PlanGanttModel::EndColumn, group)).toDateTime() ==
                          QDateTime(t->plannedEnd.addDays(1), QTime(0, 0)));
                }
        }
        CHECK(tasks == model.taskCount());
    }
    SECTION("by district: one group per district, no workload rows") {
        model.setGrouping(PlanGanttModel::Grouping::District);
        const int districts =
            sqlScalar(path, QStringLiteral("SELECT count(DISTINCT district_uuid) FROM tasks")).toInt();
        CHECK(model.rowCount() == districts);
        for (int g = 0; g < model.rowCount(); ++g)
            CHECK_FALSE(model.workloadAt(model.index(0, 0, model.index(g, 0))));
        CHECK(static_cast<int>(taskIndexes(model).size()) == model.taskCount());
    }
}

TEST_CASE("Gantt drag through setData writes new planned dates and keeps the baseline", "[gantt]") {
    ScratchDir dir;
    const QString path = ganttCounty(dir);
    PlanGanttModel model;
    model.load(path, {}, kToday);
    std::vector<QString> open;
    QString finished;
    for (const QModelIndex& index : taskIndexes(model)) {
        if (model.flags(index).testFlag(Qt::ItemIsEditable))
            open.push_back(model.taskAt(index)->uuid);
        else if (finished.isEmpty())
            finished = model.taskAt(index)->uuid;
    }
    REQUIRE(open.size() >= 2);
    // The demo's tasks all have a baseline; take it away from one so the
    // first drag has to set it.
    SqliteDatabase(path, SqliteDatabase::Mode::ReadWrite)
        .exec(QStringLiteral("UPDATE tasks SET baseline_start = NULL, baseline_end = NULL WHERE uuid = '%1'")
                  .arg(open[0]));
    model.load(path, {}, kToday);
    model.setUser(QStringLiteral("planner"));

    SECTION("the first drag freezes the replaced dates as the baseline") {
        const QModelIndex task = model.indexOfTask(open[0]);
        const planning::TaskRecord before = *model.taskAt(task);
        REQUIRE_FALSE(before.baselineStart.isValid());
        const QString uuid = before.uuid;
        const QString version =
            sqlScalar(path, QStringLiteral("SELECT row_version FROM tasks WHERE uuid = '%1'").arg(uuid));

        // A move: KGantt sends the new start (not snapped: 10:00 rounds
        // down to the day); the end follows, keeping the duration.
        const QModelIndex start = task.sibling(task.row(), PlanGanttModel::StartColumn);
        REQUIRE(model.setData(start, QDateTime(before.plannedStart.addDays(5), QTime(10, 0)),
                              KGantt::StartTimeRole));
        CHECK(taskDates(path, uuid) == QStringLiteral("%1 %2 %3 %4")
                                           .arg(planning::isoDate(before.plannedStart.addDays(5)),
                                                planning::isoDate(before.plannedEnd.addDays(5)),
                                                planning::isoDate(before.plannedStart),
                                                planning::isoDate(before.plannedEnd)));
        CHECK(sqlScalar(path, QStringLiteral("SELECT updated_by FROM tasks WHERE uuid = '%1'").arg(uuid)) ==
              QStringLiteral("planner"));
        CHECK(sqlScalar(path, QStringLiteral("SELECT row_version FROM tasks WHERE uuid = '%1'").arg(uuid)) !=
              version);

        // A resize of the end: 15:00 on a day rounds to the following
        // midnight, the exclusive end, so that day is the new last day. The
        // baseline stays the first plan.
        const QDate newEnd = before.plannedEnd.addDays(8);
        const QModelIndex end = task.sibling(task.row(), PlanGanttModel::EndColumn);
        REQUIRE(model.setData(end, QDateTime(newEnd, QTime(15, 0)), KGantt::EndTimeRole));
        CHECK(taskDates(path, uuid) ==
              QStringLiteral("%1 %2 %3 %4")
                  .arg(planning::isoDate(before.plannedStart.addDays(5)), planning::isoDate(newEnd),
                       planning::isoDate(before.plannedStart), planning::isoDate(before.plannedEnd)));
        // The model shows what was written, with the slip against the baseline.
        CHECK(model.data(end).toDateTime() == QDateTime(newEnd.addDays(1), QTime(0, 0)));
        CHECK(model.data(task, PlanGanttModel::SlipDaysRole).toInt() == 8);
        CHECK(model.data(task, PlanGanttModel::BaselineStartRole).toDateTime().date() == before.plannedStart);
    }
    SECTION("a drag keeps an existing baseline") {
        const QModelIndex task = model.indexOfTask(open[1]);
        const planning::TaskRecord before = *model.taskAt(task);
        REQUIRE(before.baselineStart.isValid());
        REQUIRE(model.setData(task.sibling(task.row(), PlanGanttModel::StartColumn),
                              QDateTime(before.plannedStart.addDays(-2), QTime(13, 0)),
                              KGantt::StartTimeRole));
        // 13:00 rounds up: the move is by one day less.
        CHECK(taskDates(path, before.uuid) == QStringLiteral("%1 %2 %3 %4")
                                                  .arg(planning::isoDate(before.plannedStart.addDays(-1)),
                                                       planning::isoDate(before.plannedEnd.addDays(-1)),
                                                       planning::isoDate(before.baselineStart),
                                                       planning::isoDate(before.baselineEnd)));
    }
    SECTION("a finished task does not move and the archive is left alone") {
        REQUIRE_FALSE(finished.isEmpty());
        const QModelIndex task = model.indexOfTask(finished);
        const planning::TaskRecord done = *model.taskAt(task);
        const QString dates = taskDates(path, finished);
        CHECK_FALSE(model.setData(task.sibling(task.row(), PlanGanttModel::StartColumn),
                                  QDateTime(done.plannedStart.addDays(3), QTime(0, 0)),
                                  KGantt::StartTimeRole));
        CHECK(taskDates(path, finished) == dates);
    }
}

TEST_CASE("Gantt offscreen render shows one bar per task", "[gantt]") {
    ScratchDir dir;
    const QString path = ganttCounty(dir);
    PlanGanttModel model;
    model.load(path, aroundToday(), kToday);
    REQUIRE(model.taskCount() >= 3);
    QSet<QRgb> colours;
    for (const QModelIndex& index : taskIndexes(model))
        colours.insert(model.data(index, Qt::BackgroundRole).value<QColor>().rgb());

    PlanGanttView view;
    view.resize(1200, 800);
    view.setToday(kToday);
    view.setPlanModel(&model);

    const QSize size = view.chartSize();
    REQUIRE(size.width() > 200);
    REQUIRE(size.height() > 100);
    QImage image(size, QImage::Format_ARGB32);
    view.render(image);
    const std::vector<Band> bars = barBands(image, colours);
    image.save(dir.file(QStringLiteral("gantt.png")));
    CHECK(static_cast<int>(bars.size()) == model.taskCount());

    SECTION("an empty model draws no bars") {
        PlanGanttModel empty;
        planning::TaskFilter none;
        none.from = QDate(1990, 1, 1);
        none.to = QDate(1990, 1, 2);
        empty.load(path, none, kToday);
        view.setPlanModel(&empty);
        QImage blank(size, QImage::Format_ARGB32);
        view.render(blank);
        CHECK(barBands(blank, colours).empty());
        view.setPlanModel(&model);
    }
    SECTION("PNG and PDF exports") {
        const QString png = dir.file(QStringLiteral("export.png"));
        REQUIRE(view.exportPng(png));
        const QImage written(png);
        REQUIRE(written.size() == size);
        CHECK(static_cast<int>(barBands(written.convertToFormat(QImage::Format_ARGB32), colours).size()) ==
              model.taskCount());

        const QString pdf = dir.file(QStringLiteral("export.pdf"));
        REQUIRE(view.exportPdf(pdf, gantt::ChartHeader::forPlan(path, {}, {})));
        QFile file(pdf);
        REQUIRE(file.open(QIODevice::ReadOnly));
        CHECK(file.read(5) == QByteArray("%PDF-"));
        // Vector bars: cached bitmaps would make this megabytes (QGIS-NOTES).
        CHECK(QFileInfo(pdf).size() < 1024 * 1024);
    }
}

TEST_CASE("Gantt PDF export: pages with a header and a legend on each", "[gantt]") {
    ScratchDir dir;
    const QString path = ganttCounty(dir);
    PlanGanttModel model;
    model.load(path, {}, kToday); // the whole plan: more days than a page holds
    REQUIRE(model.taskCount() >= 3);
    PlanGanttView view;
    view.resize(1200, 800);
    view.setToday(kToday);
    view.setPlanModel(&model);

    gantt::ChartHeader header = gantt::ChartHeader::forPlan(path, {}, {});
    header.title = QStringLiteral("Recheck PDF header test");
    CHECK(header.archiveName == QStringLiteral("gantt.sqlite"));
    // A4 landscape at screen resolution, as the export lays it out.
    const QSize page(1123, 794);
    const int pages = view.pageCount(page);
    REQUIRE(pages > 1);

    const QString pdf = dir.file(QStringLiteral("plan.pdf"));
    REQUIRE(view.exportPdf(pdf, header));
    QFile file(pdf);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    CHECK(bytes.startsWith("%PDF-"));
    // One page object per page ("/Type /Pages" is the page tree).
    CHECK(bytes.count("/Type /Page\n") + bytes.count("/Type /Page ") + bytes.count("/Type /Page/") == pages);
    // The title is the document's title (UTF-16 in the info dictionary).
    QByteArray utf16("\xfe\xff");
    for (const QChar c : header.title)
        utf16 += char(c.unicode() >> 8), utf16 += char(c.unicode() & 0xff);
    CHECK(bytes.contains(utf16));
    const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (!pdftotext.isEmpty()) {
        QProcess process;
        process.start(pdftotext, {pdf, QStringLiteral("-")});
        REQUIRE(process.waitForFinished(60000));
        const QString text = QString::fromUtf8(process.readAllStandardOutput());
        CHECK(text.count(header.title) == pages);
        CHECK(text.contains(QStringLiteral("Page %1 of %1").arg(pages)));
    }

    // Each page as the PDF has it, painted into an image by the same code:
    // ink in the header band, the status colours in the legend band, bars
    // in the chart.
    auto inkRows = [](const QImage& image, int top, int bottom, const std::function<bool(QRgb)>& ink) {
        int rows = 0;
        for (int y = top; y < bottom; ++y) {
            const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
            for (int x = 0; x < image.width(); ++x)
                if (ink(line[x])) {
                    ++rows;
                    break;
                }
        }
        return rows;
    };
    const QRgb done = PlanGanttModel::statusColour(planning::TaskStatus::Done).rgb();
    const QRgb issued = PlanGanttModel::statusColour(planning::TaskStatus::Issued).rgb();
    int pagesWithBars = 0;
    for (int p : {0, pages - 1}) {
        INFO("page " << p);
        QImage image(page, QImage::Format_ARGB32);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            view.paintPage(painter, QRectF(QPointF(0, 0), QSizeF(page)), p, header);
        }
        const auto dark = [](QRgb c) { return qGray(c) < 100; };
        // The header band (24 px margin, 46 px high): the title's and the
        // period line's text.
        CHECK(inkRows(image, 24, 70, dark) >= 15);
        // The legend band at the bottom holds the status swatches.
        const auto legendColour = [&](QRgb c) { return (c | 0xff000000u) == (done | 0xff000000u); };
        CHECK(inkRows(image, page.height() - 24 - 26, page.height() - 24, legendColour) >= 8);
        const auto barColour = [&](QRgb c) {
            c |= 0xff000000u;
            return c == (done | 0xff000000u) || c == (issued | 0xff000000u);
        };
        pagesWithBars += inkRows(image, 70 + 34, page.height() - 24 - 26 - 4, barColour) > 0;
    }
    CHECK(pagesWithBars >= 1);
}
