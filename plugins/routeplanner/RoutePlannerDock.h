#pragma once

#include "routing/ArchiveRoutePlanner.h"

#include <qgsdockwidget.h>
#include <qgspointxy.h>

#include <QPointer>

#include <memory>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QToolButton;
class QgisInterface;
class QgsMapTool;
class QgsMapToolEmitPoint;
class RoutePlanTask;

/// The route planner's dock: archive (from the project's customerarchive
/// layers), districts, depot, closed/open, straight/roads, inspectors and
/// time budget; "Plan routes" runs a RoutePlanTask and shows the result as
/// layers and a summary table.
class RoutePlannerDock : public QgsDockWidget {
    Q_OBJECT
public:
    RoutePlannerDock(QgisInterface* iface, QWidget* parent = nullptr);
    ~RoutePlannerDock() override;

public slots:
    /// Re-reads the archives of the project's layers.
    void refreshArchives();

private slots:
    void loadDistricts();
    void filterDistricts(const QString& text);
    void pickDepot();
    void depotPicked(const QgsPointXY& point);
    void planRoutes();
    void cancelPlanning();
    void showPlans(const QString& archivePath,
                   const std::vector<recheck::routing::ArchiveRouteResult>& results,
                   const QStringList& errors, bool cancelled);

private:
    QString currentArchive() const;
    void saveSettings() const;
    void setBusy(bool busy);

    QgisInterface* mIface = nullptr;
    QComboBox* mArchive = nullptr;
    QLineEdit* mFilter = nullptr;
    QListWidget* mDistricts = nullptr;
    QComboBox* mDepot = nullptr;
    QToolButton* mPickDepot = nullptr;
    QLabel* mDepotPoint = nullptr;
    QComboBox* mShape = nullptr;
    QComboBox* mDistances = nullptr;
    QSpinBox* mInspectors = nullptr;
    QDoubleSpinBox* mTimeLimit = nullptr;
    QPushButton* mPlan = nullptr;
    QPushButton* mCancel = nullptr;
    QTableWidget* mSummary = nullptr;

    std::unique_ptr<QgsMapToolEmitPoint> mDepotTool;
    QPointer<QgsMapTool> mPreviousTool;
    bool mHasClickedDepot = false;
    QgsPointXY mClickedDepot; ///< archive CRS
    QPointer<RoutePlanTask> mTask;
};
