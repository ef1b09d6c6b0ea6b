#pragma once

#include <KGanttView>

#include <QDate>
#include <QDateTime>
#include <QRectF>
#include <QString>

class QImage;
class QPainter;

namespace KGantt {
class DateTimeGrid;
}

namespace recheck::gantt {

class PlanGanttModel;
class PlanGanttDelegate;

/// What every page of an exported chart says above the chart.
struct ChartHeader {
    QString title;       ///< e.g. "Re-check plan"
    QString period;      ///< the period shown, as a person reads it
    QString archiveName; ///< the archive's file name
    QDateTime generatedAt;

    /// A header titled "Re-check plan" for `archivePath` shown over
    /// [from, to] (either may be invalid: open), generated now.
    static ChartHeader forPlan(const QString& archivePath, const QDate& from, const QDate& to);
};

/// A KGantt::View set up for re-check plans: a day grid with weekends
/// shaded and a today line, the item-type column hidden, uniform rows, bars
/// coloured by status (PlanGanttModel's BackgroundRole) with a progress strip
/// and a thin baseline bar, and the members' workload rows as numbers.
/// Works offscreen: render() and the exports need no shown window.
class PlanGanttView : public KGantt::View {
    Q_OBJECT
public:
    enum class Zoom { Day, Week, Month };

    explicit PlanGanttView(QWidget* parent = nullptr);
    ~PlanGanttView() override;

    /// Shows `model` (not owned) fully expanded, the grid starting a few days
    /// before its first task.
    void setPlanModel(PlanGanttModel* model);
    PlanGanttModel* planModel() const { return mModel; }
    KGantt::DateTimeGrid* dateTimeGrid() const { return mGrid; }

    void setZoom(Zoom zoom);
    Zoom zoom() const { return mZoom; }
    /// Where the today line is drawn (default: the current date).
    void setToday(const QDate& today);

    /// Expands every group. KGantt::View::expandAll() is quadratic in the
    /// rows (QGIS-NOTES), so this expands the left tree and rebuilds the
    /// scene once.
    void expandAllRows();
    /// What a freshly loaded plan shows: every group expanded up to
    /// kExpandAllTasks tasks; beyond, only the first groups (about
    /// kEagerRows rows), the others collapsed for the user to open, so that
    /// a plan of 10 000 tasks opens at once. Exports expand everything.
    void expandInitialRows();
    static constexpr int kExpandAllTasks = 2000;
    static constexpr int kEagerRows = 200;

    /// The whole chart (row labels, header, every row and the full date
    /// span) at its natural size.
    QSize chartSize() const;
    /// Paints the whole chart into `image`, scaled to fit it.
    void render(QImage& image);
    /// Writes the whole chart as a PNG at its natural size.
    bool exportPng(const QString& path);
    /// Writes the chart as a vector PDF (A4 landscape), as many pages as it
    /// needs, each with `header` above the chart and the colour legend below.
    bool exportPdf(const QString& path, const ChartHeader& header);

    /// The pages a chart needs on a page of `pageSize` device pixels (at
    /// screen resolution: one scene pixel per device pixel): rows top to
    /// bottom, then dates left to right.
    int pageCount(const QSizeF& pageSize);
    /// Paints page `page` (0-based) of the paginated chart into `pageRect`:
    /// the header, the date scale, the page's row labels and bars, and the
    /// legend. The PDF export and tests (into an image) use the same code.
    void paintPage(QPainter& painter, const QRectF& pageRect, int page, const ChartHeader& header);

private:
    PlanGanttModel* mModel = nullptr;
    KGantt::DateTimeGrid* mGrid = nullptr;
    PlanGanttDelegate* mDelegate = nullptr;
    Zoom mZoom = Zoom::Day;
    bool mAllExpanded = false;

    void ensureAllExpanded();
    struct PageGrid;
    PageGrid pageGrid(const QSizeF& pageSize);
};

} // namespace recheck::gantt
