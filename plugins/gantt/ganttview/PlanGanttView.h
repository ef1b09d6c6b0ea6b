#pragma once

#include <KGanttView>

#include <QDate>

class QImage;

namespace KGantt {
class DateTimeGrid;
}

namespace recheck::gantt {

class PlanGanttModel;
class PlanGanttDelegate;

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

    /// The whole chart (row labels, header, every row and the full date
    /// span) at its natural size.
    QSize chartSize() const;
    /// Paints the whole chart into `image`, scaled to fit it.
    void render(QImage& image);
    /// Writes the whole chart as a PNG at its natural size.
    bool exportPng(const QString& path);
    /// Writes the chart as a vector PDF, as many pages as it needs.
    bool exportPdf(const QString& path);

private:
    PlanGanttModel* mModel = nullptr;
    KGantt::DateTimeGrid* mGrid = nullptr;
    PlanGanttDelegate* mDelegate = nullptr;
    Zoom mZoom = Zoom::Day;
};

} // namespace recheck::gantt
