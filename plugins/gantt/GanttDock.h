#pragma once

#include <qgsdockwidget.h>

#include "planning/PlanTasks.h"

#include <QDate>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QTimer;
class QgisInterface;

namespace recheck::gantt {

class PlanGanttModel;
class PlanGanttView;

/// The "Re-check Plan (Gantt)" dock: the plan of the archive behind the
/// project's customerarchive layers as a PlanGanttView, with grouping, zoom,
/// period, status and member filters, PNG/PDF export and a "Today" button. Selecting
/// a task selects and zooms to its district on the map; selecting districts
/// on the map selects their tasks. Works without an
/// iface (tests): messages then go to the message log and the map is left
/// alone.
class GanttDock : public QgsDockWidget {
    Q_OBJECT
public:
    explicit GanttDock(QgisInterface* iface, QWidget* parent = nullptr);
    ~GanttDock() override;

    PlanGanttModel* model() const { return mModel; }
    PlanGanttView* view() const { return mView; }
    /// The archive shown, or an empty string.
    QString archivePath() const;
    /// Where the today line is drawn and what "overdue" is measured against.
    void setToday(const QDate& today);
    /// Whether a PostgreSQL master's plan is still being read (in a QgsTask).
    bool isLoading() const { return mLoading > 0; }
    /// Writes the chart as PNG or PDF (by the suffix) without asking.
    bool exportChart(const QString& path);

public slots:
    /// Re-reads the archives of the project's layers.
    void refreshArchives();
    /// Reloads the plan with the current filters.
    void reload();
    /// Selects in the chart the tasks of the districts selected on the map
    /// (the districts layers of the shown archive); returns how many.
    int selectTasksOfMapDistricts();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private slots:
    void groupingChanged();
    void zoomChanged();
    void chooseExport();
    void scrollToToday();
    void selectDistrictOfTask(const QModelIndex& index);

private:
    void message(const QString& title, const QString& text, bool error);
    /// Reads a PostgreSQL master's plan and figures (MasterStore::progress)
    /// in a QgsTask and shows them when it is done, unless reloaded meanwhile.
    void loadFromMaster(const QString& location, const planning::TaskFilter& filter);
    /// Lists the staff of `path` in the member filter, keeping the choice
    /// when that member is there.
    void refreshMembers(const QString& path);
    /// Follows the selection of the project's districts layers.
    void watchDistrictLayers();

    QgisInterface* mIface = nullptr;
    PlanGanttModel* mModel = nullptr;
    PlanGanttView* mView = nullptr;
    QComboBox* mArchive = nullptr;
    QComboBox* mGroup = nullptr;
    QComboBox* mZoom = nullptr;
    QCheckBox* mPeriod = nullptr;
    QDateEdit* mFrom = nullptr;
    QDateEdit* mTo = nullptr;
    QComboBox* mStatus = nullptr;
    QComboBox* mMember = nullptr;
    QString mMembersOf; ///< the archive whose staff mMember lists
    QLabel* mCount = nullptr;
    QTimer* mReloadTimer = nullptr;
    QDate mToday = QDate::currentDate();
    int mLoadGeneration = 0;      ///< reload() count: results of superseded reads are dropped
    int mLoading = 0;             ///< reads of a PostgreSQL master's plan under way
    bool mSelectingOnMap = false; ///< the dock itself selects on the map: do not echo it back
};

} // namespace recheck::gantt
