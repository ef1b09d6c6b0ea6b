#include "PlanGanttView.h"

#include "PlanGanttModel.h"

#include <KGanttDateTimeGrid>
#include <KGanttDateTimeTimeLine>
#include <KGanttGlobal>
#include <KGanttGraphicsView>
#include <KGanttItemDelegate>
#include <KGanttStyleOptionGanttItem>

#include <KGanttAbstractRowController>

#include <QAbstractProxyModel>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QImage>
#include <QLocale>
#include <QPainter>
#include <QPicture>
#include <QPrinter>
#include <QTreeView>

#include <algorithm>
#include <cmath>
#include <functional>
#include <tuple>
#include <vector>

namespace recheck::gantt {

namespace {

// Colours the chart adds to the model's status colours; none of them is a
// status colour, so a bar stays recognisable in a rendered image.
const QColor kSummaryColour(70, 70, 70);
const QColor kBaselineColour(120, 120, 120);
const QColor kWorkloadOk(225, 240, 225);
const QColor kWorkloadOver(255, 196, 140);
const QColor kWeekendColour(238, 238, 238);
const QColor kTodayColour(30, 30, 160);

// KGantt hands the delegate indexes of its own proxies; the model's extra
// accessors (workloadAt) need the model's index.
QModelIndex sourceIndex(QModelIndex index) {
    while (const auto* proxy = qobject_cast<const QAbstractProxyModel*>(index.model()))
        index = proxy->mapToSource(index);
    return index;
}

QDateTime dayStart(const QDate& date) {
    return QDateTime(date, QTime(0, 0));
}

} // namespace

/// Paints tasks as flat status-coloured bars with a progress strip and the
/// baseline under them, groups as thin summary bars, and a member's workload
/// row as the peak customers per day of each day / week / month against
/// the member's capacity.
class PlanGanttDelegate : public KGantt::ItemDelegate {
public:
    using KGantt::ItemDelegate::ItemDelegate;

    KGantt::Span itemBoundingSpan(const KGantt::StyleOptionGanttItem& opt,
                                  const QModelIndex& idx) const override {
        if (!idx.isValid())
            return {};
        const int type = idx.model()->data(idx, KGantt::ItemTypeRole).toInt();
        if (type == PlanGanttModel::WorkloadItemType || type == KGantt::TypeSummary)
            return KGantt::Span(opt.itemRect.left(), opt.itemRect.width());
        if (type != KGantt::TypeTask)
            return KGantt::ItemDelegate::itemBoundingSpan(opt, idx);
        // The baseline may lie outside the planned bar; the item's bounding
        // rect must cover it or it is clipped away.
        qreal left = opt.itemRect.left(), right = opt.itemRect.right();
        const auto [baseLeft, baseRight] = baselineX(opt, idx);
        if (baseRight > baseLeft) {
            left = std::min(left, baseLeft);
            right = std::max(right, baseRight);
        }
        return KGantt::Span(left, right - left);
    }

    void paintGanttItem(QPainter* painter, const KGantt::StyleOptionGanttItem& opt,
                        const QModelIndex& idx) override {
        if (!idx.isValid())
            return;
        const int type = idx.model()->data(idx, KGantt::ItemTypeRole).toInt();
        painter->save();
        // Flat fills with exact colours: crisp in PDF, countable in images.
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(Qt::NoPen);
        switch (type) {
        case KGantt::TypeTask:
            paintTask(painter, opt, idx);
            break;
        case KGantt::TypeSummary: {
            const QRectF r = opt.itemRect;
            painter->fillRect(QRectF(r.left(), r.top() + r.height() * 0.35, r.width(), r.height() * 0.3),
                              kSummaryColour);
            break;
        }
        case PlanGanttModel::WorkloadItemType:
            paintWorkload(painter, opt, idx);
            break;
        default:
            painter->restore();
            KGantt::ItemDelegate::paintGanttItem(painter, opt, idx);
            return;
        }
        painter->restore();
    }

private:
    // Baseline span in the item's coordinates (x of the planned start is 0).
    static std::pair<qreal, qreal> baselineX(const KGantt::StyleOptionGanttItem& opt,
                                             const QModelIndex& idx) {
        const auto* grid = qobject_cast<const KGantt::DateTimeGrid*>(opt.grid);
        const QDateTime start = idx.model()->data(idx, KGantt::StartTimeRole).toDateTime();
        const QDateTime baseStart = idx.model()->data(idx, PlanGanttModel::BaselineStartRole).toDateTime();
        const QDateTime baseEnd = idx.model()->data(idx, PlanGanttModel::BaselineEndRole).toDateTime();
        if (!grid || !start.isValid() || !baseStart.isValid() || !baseEnd.isValid())
            return {0, 0};
        const qreal origin = grid->mapFromDateTime(start) - opt.itemRect.left();
        return {grid->mapFromDateTime(baseStart) - origin, grid->mapFromDateTime(baseEnd) - origin};
    }

    static void paintTask(QPainter* painter, const KGantt::StyleOptionGanttItem& opt,
                          const QModelIndex& idx) {
        const QRectF r = opt.itemRect;
        const QColor colour = idx.model()->data(idx, Qt::BackgroundRole).value<QColor>();
        const int completion = idx.model()->data(idx, KGantt::TaskCompletionRole).toInt();
        // Top: the status colour; below it a strip filled to the share of
        // customers checked; at the bottom the baseline, so slip shows as
        // an offset between the two.
        const QRectF bar(r.left(), r.top(), r.width(), r.height() * 0.65);
        const QRectF strip(r.left(), bar.bottom(), r.width(), r.height() * 0.15);
        painter->fillRect(bar, colour);
        painter->fillRect(strip, colour.lighter(140));
        painter->fillRect(QRectF(strip.left(), strip.top(),
                                 strip.width() * std::clamp(completion, 0, 100) / 100.0, strip.height()),
                          colour.darker(160));
        const auto [baseLeft, baseRight] = baselineX(opt, idx);
        if (baseRight > baseLeft)
            painter->fillRect(
                QRectF(baseLeft, r.top() + r.height() * 0.85, baseRight - baseLeft, r.height() * 0.12),
                kBaselineColour);
        if (opt.state & QStyle::State_Selected) {
            painter->setPen(QPen(opt.palette.highlight(), 2));
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(bar);
        }
    }

    static void paintWorkload(QPainter* painter, const KGantt::StyleOptionGanttItem& opt,
                              const QModelIndex& idx) {
        const auto* grid = qobject_cast<const KGantt::DateTimeGrid*>(opt.grid);
        const QModelIndex source = sourceIndex(idx);
        const auto* model = qobject_cast<const PlanGanttModel*>(source.model());
        const planning::MemberWorkload* workload = model ? model->workloadAt(source) : nullptr;
        if (!grid || !workload || workload->days().empty())
            return;
        const int capacity = idx.model()->data(idx, PlanGanttModel::CapacityRole).toInt();
        const QDateTime start = idx.model()->data(idx, KGantt::StartTimeRole).toDateTime();
        const qreal origin = grid->mapFromDateTime(start) - opt.itemRect.left();
        // One number per day when it fits, else per week, else per month:
        // the busiest day in the bucket, as that is what capacity limits.
        const qreal minWidth = painter->fontMetrics().horizontalAdvance(QStringLiteral("0000"));
        const int bucketDays = grid->dayWidth() >= minWidth ? 1 : grid->dayWidth() * 7 >= minWidth ? 7 : 0;
        const QRectF r = opt.itemRect;
        QDate first = workload->days().begin()->first;
        const QDate last = workload->days().rbegin()->first;
        if (bucketDays == 7)
            first = first.addDays(1 - first.dayOfWeek());
        else if (bucketDays == 0)
            first = QDate(first.year(), first.month(), 1);
        for (QDate from = first; from <= last;) {
            const QDate next = bucketDays == 0 ? from.addMonths(1) : from.addDays(bucketDays);
            double peak = 0;
            for (auto it = workload->days().lower_bound(from);
                 it != workload->days().end() && it->first < next; ++it)
                peak = std::max(peak, it->second);
            if (peak > 0) {
                const qreal x0 = grid->mapFromDateTime(dayStart(from)) - origin;
                const qreal x1 = grid->mapFromDateTime(dayStart(next)) - origin;
                const QRectF cell(x0 + 1, r.top(), x1 - x0 - 2, r.height());
                painter->fillRect(cell, capacity > 0 && peak > capacity ? kWorkloadOver : kWorkloadOk);
                painter->setPen(opt.palette.text().color());
                painter->drawText(cell, Qt::AlignCenter,
                                  QString::number(static_cast<int>(std::lround(peak))));
            }
            from = next;
        }
    }
};

PlanGanttView::PlanGanttView(QWidget* parent) : KGantt::View(parent) {
    // The scene keeps the grid and delegate in QPointers without owning
    // them: they are children of the view.
    mGrid = new KGantt::DateTimeGrid;
    mGrid->setParent(this);
    mGrid->setFreeDays({Qt::Saturday, Qt::Sunday});
    mGrid->setFreeDaysBrush(kWeekendColour);
    mGrid->setWeekStart(Qt::Monday);
    mGrid->setRowSeparators(true);
    mGrid->timeLine()->setOptions(KGantt::DateTimeTimeLine::Foreground |
                                  KGantt::DateTimeTimeLine::UseCustomPen);
    mGrid->timeLine()->setPen(QPen(kTodayColour, 2));
    setToday(QDate::currentDate());
    setGrid(mGrid);
    mDelegate = new PlanGanttDelegate(this);
    setItemDelegate(mDelegate);
    setZoom(Zoom::Day);
    if (auto* tree = qobject_cast<QTreeView*>(leftView())) {
        // Every row has one height; Qt then skips measuring each row when
        // expanding (6× faster, QGIS-NOTES).
        tree->setUniformRowHeights(true);
    }
}

PlanGanttView::~PlanGanttView() = default;

void PlanGanttView::setPlanModel(PlanGanttModel* model) {
    if (mModel)
        disconnect(mModel, nullptr, this, nullptr);
    mModel = model;
    setModel(model);
    if (!model)
        return;
    auto refresh = [this] {
        if (auto* tree = qobject_cast<QTreeView*>(leftView())) {
            // Start and end as QDateTime text and the numeric item type say
            // nothing in the list; the bars show them.
            for (int column :
                 {PlanGanttModel::TypeColumn, PlanGanttModel::StartColumn, PlanGanttModel::EndColumn})
                tree->setColumnHidden(column, true);
        }
        QDate first;
        for (int row = 0; row < mModel->rowCount(); ++row) {
            const QDate start =
                mModel->data(mModel->index(row, 0), KGantt::StartTimeRole).toDateTime().date();
            if (start.isValid() && (!first.isValid() || start < first))
                first = start;
        }
        if (first.isValid())
            mGrid->setStartDateTime(dayStart(first.addDays(-3)));
        expandInitialRows();
    };
    connect(model, &QAbstractItemModel::modelReset, this, refresh);
    refresh();
}

void PlanGanttView::setZoom(Zoom zoom) {
    mZoom = zoom;
    switch (zoom) {
    case Zoom::Day:
        mGrid->setScale(KGantt::DateTimeGrid::ScaleDay);
        mGrid->setDayWidth(28);
        break;
    case Zoom::Week:
        mGrid->setScale(KGantt::DateTimeGrid::ScaleWeek);
        mGrid->setDayWidth(8);
        break;
    case Zoom::Month:
        mGrid->setScale(KGantt::DateTimeGrid::ScaleMonth);
        mGrid->setDayWidth(2.5);
        break;
    }
}

void PlanGanttView::setToday(const QDate& today) {
    mGrid->timeLine()->setDateTime(dayStart(today).addSecs(12 * 3600));
}

void PlanGanttView::expandAllRows() {
    if (auto* tree = qobject_cast<QTreeView*>(leftView()))
        tree->expandAll();
    graphicsView()->updateScene();
    mAllExpanded = true;
}

void PlanGanttView::expandInitialRows() {
    if (!mModel || mModel->taskCount() <= kExpandAllTasks) {
        expandAllRows();
        return;
    }
    auto* tree = qobject_cast<QTreeView*>(leftView());
    if (!tree)
        return;
    // KGantt rebuilds its whole scene on every expanded() of the tree; the
    // groups are expanded silently and the scene built once.
    {
        const QSignalBlocker blocker(tree);
        tree->collapseAll();
        const QAbstractItemModel* shown = tree->model();
        int rows = shown->rowCount();
        for (int g = 0; g < shown->rowCount() && rows < kEagerRows; ++g) {
            const QModelIndex group = shown->index(g, 0);
            tree->expand(group);
            rows += shown->rowCount(group);
        }
    }
    tree->doItemsLayout();
    graphicsView()->updateScene();
    mAllExpanded = false;
}

void PlanGanttView::ensureAllExpanded() {
    if (!mAllExpanded)
        expandAllRows();
}

namespace {

// The chart's extent in grid coordinates: from the grid start to a few days
// after the last planned end.
std::pair<qreal, qreal> chartSpan(const PlanGanttModel* model, const KGantt::DateTimeGrid* grid) {
    QDateTime last = grid->startDateTime();
    if (model)
        for (int row = 0; row < model->rowCount(); ++row)
            last = std::max(last, model->data(model->index(row, 0), KGantt::EndTimeRole).toDateTime());
    return {grid->mapFromDateTime(grid->startDateTime()), grid->mapFromDateTime(last.addDays(3))};
}

} // namespace

QSize PlanGanttView::chartSize() const {
    auto* self = const_cast<PlanGanttView*>(this);
    self->ensureAllExpanded();
    const auto [start, end] = chartSpan(mModel, mGrid);
    QPicture picture;
    {
        QPainter painter(&picture);
        self->print(&painter, start, end);
    }
    return picture.boundingRect().size();
}

void PlanGanttView::render(QImage& image) {
    ensureAllExpanded();
    const auto [start, end] = chartSpan(mModel, mGrid);
    QPainter painter(&image);
    painter.fillRect(image.rect(), Qt::white);
    print(&painter, start, end, QRectF(image.rect()));
}

bool PlanGanttView::exportPng(const QString& path) {
    QImage image(chartSize(), QImage::Format_ARGB32);
    if (image.isNull())
        return false;
    render(image);
    return image.save(path, "PNG");
}

// How an exported chart falls on pages: bands for the header and legend, a
// label column and a date scale, and the chart body cut into page-sized
// pieces (whole rows top to bottom, then dates left to right).
struct PlanGanttView::PageGrid {
    QRectF header, dates, labels, body, legend; ///< in page coordinates
    qreal sceneLeft = 0, sceneRight = 0;        ///< the chart's span in scene x
    struct Row {
        QModelIndex index; ///< in the left view's model
        qreal top = 0, bottom = 0;
    };
    std::vector<Row> rows;
    std::vector<std::pair<std::size_t, std::size_t>> bands; ///< [first, last) into rows, per page row
    int columns = 1;
    int pages() const { return static_cast<int>(bands.size()) * columns; }
};

namespace {

constexpr qreal kPageMargin = 24, kHeaderHeight = 46, kLegendHeight = 26, kDatesHeight = 34,
                kLabelWidth = 230;

} // namespace

PlanGanttView::PageGrid PlanGanttView::pageGrid(const QSizeF& pageSize) {
    ensureAllExpanded();
    PageGrid grid;
    const QRectF inner(kPageMargin, kPageMargin, pageSize.width() - 2 * kPageMargin,
                       pageSize.height() - 2 * kPageMargin);
    grid.header = QRectF(inner.left(), inner.top(), inner.width(), kHeaderHeight);
    grid.legend = QRectF(inner.left(), inner.bottom() - kLegendHeight, inner.width(), kLegendHeight);
    const qreal bodyTop = grid.header.bottom() + kDatesHeight;
    grid.body = QRectF(inner.left() + kLabelWidth, bodyTop, std::max<qreal>(inner.width() - kLabelWidth, 50),
                       std::max<qreal>(grid.legend.top() - 4 - bodyTop, 50));
    grid.dates = QRectF(grid.body.left(), grid.header.bottom(), grid.body.width(), kDatesHeight);
    grid.labels = QRectF(inner.left(), bodyTop, kLabelWidth, grid.body.height());
    std::tie(grid.sceneLeft, grid.sceneRight) = chartSpan(mModel, mGrid);
    grid.columns =
        std::max(1, static_cast<int>(std::ceil((grid.sceneRight - grid.sceneLeft) / grid.body.width())));

    // Every shown row with its band in the scene, walked through the row
    // controller (its indexes are those its rowGeometry() takes).
    KGantt::AbstractRowController* controller = rowController();
    const int total = controller->totalHeight();
    for (int y = 0; y < total;) {
        const QModelIndex index = controller->indexAt(y);
        if (!index.isValid())
            break;
        const KGantt::Span span = controller->rowGeometry(index);
        grid.rows.push_back({index, span.start(), span.end()});
        y = std::max(y + 1, static_cast<int>(std::ceil(span.end())));
    }
    for (std::size_t first = 0; first < grid.rows.size();) {
        std::size_t last = first + 1;
        while (last < grid.rows.size() && grid.rows[last].bottom - grid.rows[first].top <= grid.body.height())
            ++last;
        grid.bands.emplace_back(first, last);
        first = last;
    }
    if (grid.bands.empty())
        grid.bands.emplace_back(0, 0);
    return grid;
}

ChartHeader ChartHeader::forPlan(const QString& archivePath, const QDate& from, const QDate& to) {
    ChartHeader header;
    header.title = PlanGanttView::tr("Re-check plan");
    const QString first = from.isValid() ? planning::isoDate(from) : QString();
    const QString last = to.isValid() ? planning::isoDate(to) : QString();
    header.period = first.isEmpty() && last.isEmpty() ? PlanGanttView::tr("all tasks")
                                                      : QStringLiteral("%1 – %2").arg(first, last);
    header.archiveName = QFileInfo(archivePath).fileName();
    header.generatedAt = QDateTime::currentDateTime();
    return header;
}

int PlanGanttView::pageCount(const QSizeF& pageSize) {
    return pageGrid(pageSize).pages();
}

void PlanGanttView::paintPage(QPainter& painter, const QRectF& pageRect, int page,
                              const ChartHeader& header) {
    const PageGrid grid = pageGrid(pageRect.size());
    const int band = page / grid.columns, column = page % grid.columns;
    const auto [firstRow, lastRow] =
        grid.bands[static_cast<std::size_t>(std::clamp(band, 0, static_cast<int>(grid.bands.size()) - 1))];
    const qreal bandTop = firstRow < lastRow ? grid.rows[firstRow].top : 0;
    const qreal bandBottom = firstRow < lastRow ? grid.rows[lastRow - 1].bottom : 0;
    const qreal x0 = grid.sceneLeft + column * grid.body.width();
    const qreal x1 = std::min(x0 + grid.body.width(), grid.sceneRight);

    painter.save();
    painter.translate(pageRect.topLeft());
    // Pixel-sized fonts: the same layout on a screen-resolution printer and
    // in an image.
    QFont font = this->font();
    font.setPixelSize(11);
    QFont titleFont = font;
    titleFont.setPixelSize(18);
    titleFont.setBold(true);

    // Header: title, then period, archive, time of generation and page.
    painter.setPen(Qt::black);
    painter.setFont(titleFont);
    painter.drawText(grid.header.adjusted(0, 0, 0, -grid.header.height() / 2),
                     Qt::AlignLeft | Qt::AlignVCenter, header.title);
    painter.setFont(font);
    painter.drawText(grid.header.adjusted(0, grid.header.height() / 2, 0, 0),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     tr("Period: %1   Archive: %2   Generated: %3")
                         .arg(header.period, header.archiveName,
                              QLocale().toString(header.generatedAt, QLocale::ShortFormat)));
    painter.drawText(grid.header, Qt::AlignRight | Qt::AlignBottom,
                     tr("Page %1 of %2").arg(page + 1).arg(grid.pages()));
    painter.setPen(QPen(Qt::gray, 1));
    painter.drawLine(grid.header.bottomLeft(), grid.header.bottomRight());

    // The page's piece of the chart: the scene draws the grid (weekends,
    // row lines, today) and the bars that cross it.
    if (x1 > x0 && bandBottom > bandTop) {
        const QRectF source(x0, bandTop, x1 - x0, bandBottom - bandTop);
        const QRectF target(grid.body.topLeft(), source.size());
        graphicsView()->scene()->render(&painter, target, source, Qt::IgnoreAspectRatio);
        painter.setPen(QPen(Qt::gray, 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(target);
    }

    // Date scale: a tick per day, the day's number when there is room, the
    // month's name at its first day and at the page's left edge.
    painter.setFont(font);
    const QDate firstDay = mGrid->mapToDateTime(x0).date();
    const QDate lastDay = mGrid->mapToDateTime(x1).date();
    const bool dayNumbers =
        mGrid->dayWidth() >= painter.fontMetrics().horizontalAdvance(QStringLiteral("00"));
    for (QDate day = firstDay; day <= lastDay; day = day.addDays(1)) {
        const qreal x = grid.body.left() + mGrid->mapFromDateTime(dayStart(day)) - x0;
        if (x < grid.body.left() - 0.5 || x > grid.body.left() + (x1 - x0))
            continue;
        const bool monthStart = day.day() == 1 || day == firstDay;
        painter.setPen(QPen(Qt::gray, 1));
        painter.drawLine(QPointF(x, grid.dates.bottom() - (monthStart ? grid.dates.height() : 6)),
                         QPointF(x, grid.dates.bottom()));
        painter.setPen(Qt::black);
        if (monthStart)
            painter.drawText(QRectF(x + 3, grid.dates.top(), 200, grid.dates.height() / 2),
                             Qt::AlignLeft | Qt::AlignVCenter,
                             QLocale().toString(day, QStringLiteral("yyyy MMM")));
        if (dayNumbers)
            painter.drawText(QRectF(x, grid.dates.center().y(), mGrid->dayWidth(), grid.dates.height() / 2),
                             Qt::AlignCenter, QString::number(day.day()));
    }

    // Row labels beside their rows; tasks indented under their group.
    for (std::size_t r = firstRow; r < lastRow; ++r) {
        const PageGrid::Row& row = grid.rows[r];
        const QRectF cell(grid.labels.left(), grid.body.top() + row.top - bandTop, grid.labels.width() - 4,
                          row.bottom - row.top);
        const bool child = row.index.parent().isValid();
        QFont rowFont = font;
        rowFont.setBold(!child);
        painter.setFont(rowFont);
        painter.setPen(Qt::black);
        const QRectF text = cell.adjusted(child ? 14 : 2, 0, 0, 0);
        painter.drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
                         painter.fontMetrics().elidedText(row.index.data().toString(), Qt::ElideRight,
                                                          static_cast<int>(text.width())));
    }

    // Legend: what the colours mean.
    painter.setFont(font);
    struct Entry {
        QColor colour;
        QString text;
    };
    const std::vector<Entry> legend = {
        {PlanGanttModel::statusColour(planning::TaskStatus::Draft), tr("Draft")},
        {PlanGanttModel::statusColour(planning::TaskStatus::Issued), tr("Issued")},
        {PlanGanttModel::statusColour(planning::TaskStatus::InProgress), tr("In progress")},
        {PlanGanttModel::statusColour(planning::TaskStatus::Done), tr("Done")},
        {PlanGanttModel::statusColour(planning::TaskStatus::Cancelled), tr("Cancelled")},
        {PlanGanttModel::overdueColour(), tr("Overdue")},
        {kBaselineColour, tr("Baseline (original dates)")},
        {kWorkloadOver, tr("Workload above capacity")},
        {kTodayColour, tr("Today")},
    };
    qreal x = grid.legend.left();
    const qreal swatch = 12;
    for (const Entry& entry : legend) {
        const QRectF box(x, grid.legend.center().y() - swatch / 2, swatch * 1.6, swatch);
        painter.fillRect(box, entry.colour);
        painter.setPen(Qt::black);
        const qreal width = painter.fontMetrics().horizontalAdvance(entry.text);
        painter.drawText(QRectF(box.right() + 4, grid.legend.top(), width + 2, grid.legend.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, entry.text);
        x = box.right() + 4 + width + 16;
    }
    painter.restore();
}

bool PlanGanttView::exportPdf(const QString& path, const ChartHeader& header) {
    ensureAllExpanded();
    // Screen resolution: one scene pixel is one device pixel, so the chart
    // prints at the size it has on screen (a day stays ~7 mm wide).
    QPrinter printer(QPrinter::ScreenResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    printer.setPageOrientation(QPageLayout::Landscape);
    printer.setPageSize(QPageSize(QPageSize::A4));
    printer.setFullPage(true); // our own margins, header and legend
    printer.setCreator(QStringLiteral("Recheck"));
    printer.setDocName(header.title);
    const QRectF page(QPointF(0, 0), printer.pageRect(QPrinter::DevicePixel).size());
    // KGantt's printing has no hook per page for a header or a legend, so
    // the pages are laid out here and the scene rendered piece by piece.
    // Cached bars would land in the PDF as bitmaps, 40× larger
    // (QGIS-NOTES); the screen keeps its caching afterwards.
    const QList<QGraphicsItem*> items = graphicsView()->scene()->items();
    std::vector<QGraphicsItem::CacheMode> modes;
    modes.reserve(static_cast<std::size_t>(items.size()));
    for (QGraphicsItem* item : items) {
        modes.push_back(item->cacheMode());
        item->setCacheMode(QGraphicsItem::NoCache);
    }
    const int pages = pageCount(page.size());
    bool ok = false;
    {
        QPainter painter;
        ok = painter.begin(&printer);
        for (int p = 0; ok && p < pages; ++p) {
            if (p > 0)
                ok = printer.newPage();
            if (ok)
                paintPage(painter, page, p, header);
        }
    }
    for (int k = 0; k < items.size(); ++k)
        items[k]->setCacheMode(modes[static_cast<std::size_t>(k)]);
    return ok && QFileInfo(path).size() > 0;
}

} // namespace recheck::gantt
