#pragma once

#include "FieldworkPanelModel.h"

#include <qgsdockwidget.h>

#include <QPointer>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTableView;
class QgisInterface;
class QgsMapCanvas;
class QgsVectorLayer;

namespace recheck::fieldwork {

class GpsFollower;

/// The Re-check panel: my tasks (the package's inspector, or chosen), the
/// selected task's pending customers in route order with done / pending
/// counts, the next stop with bearing and distance from the GPS position
/// (live), "Show" to pan the map to it, and "Record visit…" for the customer
/// selected in the list or on the map. After a visit the archive's layers
/// are reloaded so the customer's colour changes at once. Works without an
/// iface (tests): the map is then left alone. Nothing here uses the network.
class FieldworkDock : public QgsDockWidget {
    Q_OBJECT
public:
    explicit FieldworkDock(QgisInterface* iface, QWidget* parent = nullptr);
    ~FieldworkDock() override;

    FieldworkPanelModel* model() const { return mModel; }
    GpsFollower* gps() const { return mGps; }
    /// The policy visits are recorded with (QgsSettings recheck/fieldwork/…).
    VisitPolicy policy() const;

    /// The customer the next "Record visit…" is for: the one selected in the
    /// list, else the next stop. Empty when neither.
    QString selectedCustomer() const;
    void selectCustomer(const QString& customerUuid);

    /// The map "Show" pans; by default QGIS's main canvas (none without an
    /// iface).
    void setMapCanvas(QgsMapCanvas* canvas);

    /// Records a visit with the current fix for the current task, reloads the
    /// archive's layers and reports to the message bar. Returns false (and
    /// reports why) when it was refused.
    bool recordVisit(VisitInput input, RecordedVisit* recorded = nullptr);

public slots:
    /// Re-reads the archives of the project's layers.
    void refreshArchives();
    /// Pans the map to the next stop (or the selected customer).
    void showNextStop();
    /// Opens the visit form for the selected customer.
    void openVisitForm();

private slots:
    void archiveChosen();
    void inspectorChosen();
    void taskChosen();
    void updateProgress();
    void onFix(const recheck::fieldwork::GpsFix& fix);
    void layerSelectionChanged();

private:
    void fillTasks();
    void reloadArchiveLayers();
    void connectCustomerLayers();
    void message(const QString& text, bool warning);

    QgisInterface* mIface = nullptr;
    FieldworkPanelModel* mModel = nullptr;
    GpsFollower* mGps = nullptr;
    QComboBox* mArchive = nullptr;
    QComboBox* mInspector = nullptr;
    QComboBox* mTask = nullptr;
    QLabel* mCounts = nullptr;
    QLabel* mGpsLabel = nullptr;
    QLabel* mNextStop = nullptr;
    QPushButton* mShow = nullptr;
    QPushButton* mRecord = nullptr;
    QDoubleSpinBox* mMaxDistance = nullptr;
    QCheckBox* mPendingOnly = nullptr;
    QTableView* mView = nullptr;
    QList<QPointer<QgsVectorLayer>> mCustomerLayers;
    QPointer<QgsMapCanvas> mCanvas;
    QString mMapCustomer; ///< picked on the map, not in the list
    bool mFilling = false;
};

} // namespace recheck::fieldwork
