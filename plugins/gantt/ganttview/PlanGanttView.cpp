#include "PlanGanttView.h"

#include "PlanGanttModel.h"

#include <KGanttDateTimeGrid>
#include <KGanttDateTimeTimeLine>
#include <KGanttGlobal>
#include <KGanttGraphicsView>
#include <KGanttItemDelegate>
#include <KGanttPrintingContext>
#include <KGanttStyleOptionGanttItem>

#include <QAbstractProxyModel>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QPicture>
#include <QPrinter>
#include <QTreeView>

#include <algorithm>
#include <cmath>
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

bool PlanGanttView::exportPdf(const QString& path) {
    ensureAllExpanded();
    // Screen resolution: one scene pixel is one device pixel, so the chart
    // prints at the size it has on screen (a day stays ~7 mm wide).
    QPrinter printer(QPrinter::ScreenResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    printer.setPageOrientation(QPageLayout::Landscape);
    printer.setPageSize(QPageSize(QPageSize::A4));
    KGantt::PrintingContext context;
    const auto [start, end] = chartSpan(mModel, mGrid);
    const QRectF scene = graphicsView()->scene()->sceneRect();
    context.setSceneRect(QRectF(start, scene.top(), end - start, scene.height()));
    // Natural size over as many pages as needed: fitting the height blows a
    // short chart up across dozens of pages, and FitSinglePage adds a blank
    // page and shrinks a long one to nothing (QGIS-NOTES).
    context.setFitting(KGantt::PrintingContext::NoFitting);
    // Cached bars would land in the PDF as bitmaps, 40× larger
    // (QGIS-NOTES); the screen keeps its caching afterwards.
    const QList<QGraphicsItem*> items = graphicsView()->scene()->items();
    std::vector<QGraphicsItem::CacheMode> modes;
    modes.reserve(static_cast<std::size_t>(items.size()));
    for (QGraphicsItem* item : items) {
        modes.push_back(item->cacheMode());
        item->setCacheMode(QGraphicsItem::NoCache);
    }
    printDiagram(&printer, context);
    for (int k = 0; k < items.size(); ++k)
        items[k]->setCacheMode(modes[static_cast<std::size_t>(k)]);
    return QFileInfo(path).size() > 0;
}

} // namespace recheck::gantt
