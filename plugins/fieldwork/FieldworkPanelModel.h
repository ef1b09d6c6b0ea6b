#pragma once

#include "fieldwork/DiscrepancyRules.h"
#include "fieldwork/FieldGeodesy.h"
#include "fieldwork/FieldTasks.h"
#include "fieldwork/VisitRecorder.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QString>

#include <cmath>
#include <memory>
#include <optional>
#include <vector>

namespace recheck {
class Archive;
}

namespace recheck::fieldwork {

/// The Re-check panel's data: one archive (the inspector's package), the
/// chosen inspector's open tasks, and the selected task's customers in route
/// order with their status, rule findings and the distance from the current
/// position. Rows are the pending customers (or all, see setPendingOnly).
/// No QGIS in here: the dock feeds positions and shows the results.
class FieldworkPanelModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        OrderColumn,
        AccountColumn,
        NameColumn,
        AddressColumn,
        StatusColumn,
        FindingsColumn,
        DistanceColumn,
        ColumnCount
    };
    enum Role { CustomerUuidRole = Qt::UserRole + 1, NextStopRole };

    explicit FieldworkPanelModel(QObject* parent = nullptr);
    ~FieldworkPanelModel() override;

    /// Opens an archive (read-only; visits are written through a connection
    /// of their own). Returns false and sets *error when it cannot be read.
    bool setArchive(const QString& path, QString* error = nullptr);
    QString archivePath() const { return mPath; }
    int archiveSrid() const { return mSrid; }

    /// The package's inspector, empty for a master (then the dock asks).
    QString packageAssignee() const { return mPackageAssignee; }
    const std::vector<FieldStaff>& staff() const { return mStaff; }
    /// Whose tasks: a staff code; empty = everyone's.
    void setAssignee(const QString& staffCode);
    QString assignee() const { return mAssignee; }
    const std::vector<FieldTask>& tasks() const { return mTasks; }

    /// Shows one task's customers (empty uuid: none).
    void setTask(const QString& taskUuid);
    QString taskUuid() const { return mTaskUuid; }
    const FieldTask* currentTask() const;

    void setPendingOnly(bool pendingOnly);
    bool pendingOnly() const { return mPendingOnly; }
    void setLanguage(const QString& language);

    /// The current position (WGS 84); empty = no fix.
    void setPosition(const std::optional<std::pair<double, double>>& lonLat);
    std::optional<std::pair<double, double>> position() const { return mPosition; }

    /// The task's customers, visited ones included, in route order.
    const std::vector<StopCustomer>& customers() const { return mCustomers; }
    StopCounts counts() const { return countStops(mCustomers); }
    /// The next stop: index into customers() (-1: none) and its leg.
    NextStop nextStop() const { return mNext; }
    /// Metres from the position to customers()[i]; NaN without a position or location.
    double distanceTo(std::size_t i) const { return i < mDistances.size() ? mDistances[i] : std::nan(""); }
    const StopCustomer* nextStopCustomer() const;
    /// A rule findings of one customer of the task.
    std::vector<RuleFinding> findings(const QString& customerUuid) const {
        return mFindings.value(customerUuid);
    }

    /// Row of a customer (-1 when not shown) and customer of a row.
    int rowOf(const QString& customerUuid) const;
    const StopCustomer* customerAt(int row) const;

    /// Records a visit in the archive (one transaction) and refreshes the
    /// counts, the rows and the next stop. Throws RecheckError.
    RecordedVisit recordVisit(VisitInput input, const VisitPolicy& policy);

    /// Re-reads tasks and the current task's customers (after an edit made
    /// elsewhere, e.g. a route planned).
    void reload();

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The translated label of a visit result code (empty = pending).
    static QString statusLabel(const QString& resultCode);

signals:
    void tasksChanged();
    /// Counts, next stop or position changed.
    void progressChanged();
    void visitRecorded(const QString& customerUuid, const QString& visitUuid);

private:
    void loadTasks();
    void loadCustomers();
    void rebuildRows();
    void updateNextStop();

    QString mPath;
    std::unique_ptr<Archive> mArchive;
    std::unique_ptr<GeodesicMeter> mMeter;
    int mSrid = 4490;
    QString mPackageAssignee;
    QString mAssignee;
    QString mLanguage;
    std::vector<FieldStaff> mStaff;
    std::vector<FieldTask> mTasks;
    QString mTaskUuid;
    std::vector<StopCustomer> mCustomers;
    QHash<QString, std::vector<RuleFinding>> mFindings;
    std::vector<int> mRows; ///< indexes into mCustomers
    bool mPendingOnly = true;
    std::optional<std::pair<double, double>> mPosition;
    NextStop mNext;
    std::vector<double> mDistances; ///< per customer, metres from the position; NaN = unknown
};

} // namespace recheck::fieldwork
