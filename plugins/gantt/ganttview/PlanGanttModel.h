#pragma once

#include "planning/PlanTasks.h"
#include "planning/ProgressReport.h"
#include "planning/Workload.h"

#include <QAbstractItemModel>
#include <QColor>
#include <QDate>
#include <QHash>

#include <map>
#include <memory>
#include <vector>

namespace recheck {
class Archive;
}

namespace recheck::gantt {

/// The plan as KGantt wants it: a tree of groups (a member, or a district)
/// holding that group's tasks, and for members a workload row first.
/// Columns follow KGantt's proxy layout: 0 name, 1 item type, 2 start,
/// 3 end, 4 completion 0–100, 5 legend. Dragging or resizing a bar arrives
/// as setData on column 2/3 and is written to the archive (or the master of
/// loadCounted()) as a reschedule (stamped, baseline kept).
///
/// load() reads the tasks without their figures; a group's scope sizes,
/// checked shares and workload are counted the first time one of its rows
/// asks for them, so opening 10 000 tasks in collapsed groups costs one
/// query, not a count over every task's scope and visits.
class PlanGanttModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum class Grouping { Member, District };
    enum Column {
        NameColumn,
        TypeColumn,
        StartColumn,
        EndColumn,
        CompletionColumn,
        LegendColumn,
        ColumnCount
    };
    /// KGantt::TypeUser + 1: the workload row of a member.
    static constexpr int WorkloadItemType = 1001;
    enum Role {
        StatusRole = Qt::UserRole + 1, ///< tasks.status code
        OverdueRole,                   ///< bool
        BaselineStartRole,             ///< QDateTime
        BaselineEndRole,               ///< QDateTime
        SlipDaysRole,                  ///< int
        TaskUuidRole,                  ///< QString
        DistrictUuidRole,              ///< QString
        CapacityRole,                  ///< int, on workload rows
    };

    explicit PlanGanttModel(QObject* parent = nullptr);

    /// The bar colours (BackgroundRole), also drawn in the exports' legend.
    static QColor statusColour(planning::TaskStatus status);
    static QColor overdueColour();
    ~PlanGanttModel() override;

    /// Opens the archive (read-write when the file allows it) and loads the
    /// tasks matching `filter`. Throws RecheckError.
    void load(const QString& archivePath, const planning::TaskFilter& filter = {},
              const QDate& today = QDate::currentDate());
    /// Shows tasks whose figures were counted elsewhere (MasterStore::progress
    /// of a PostgreSQL master). `filter` and overdueOnly() select as load()
    /// does. A drag is written to the master at `master` (a location
    /// openMasterStore() takes, credentials resolved) through
    /// MasterStore::reschedule, on the calling thread; without one the
    /// chart is read-only.
    void loadCounted(std::vector<planning::TaskProgress> tasks, const planning::TaskFilter& filter = {},
                     const QDate& today = QDate::currentDate(), const QString& master = QString());
    /// Keeps only overdue tasks on the next load(): overdue is derived from
    /// today, so TaskFilter's statuses cannot express it.
    void setOverdueOnly(bool overdueOnly) { mOverdueOnly = overdueOnly; }
    bool overdueOnly() const { return mOverdueOnly; }
    void setGrouping(Grouping grouping);
    Grouping grouping() const { return mGrouping; }
    const QString& user() const { return mUser; }
    void setUser(const QString& user) { mUser = user; }

    int taskCount() const { return static_cast<int>(mTasks.size()); }
    const planning::TaskRecord* taskAt(const QModelIndex& index) const;
    /// The workload of the member a workload row stands for.
    const planning::MemberWorkload* workloadAt(const QModelIndex& index) const;
    QModelIndex indexOfTask(const QString& uuid) const;
    /// Message of the last refused edit (e.g. a finished task dragged).
    const QString& lastError() const { return mLastError; }
    /// Whether a drag is written somewhere (an archive file or a master).
    bool isWritable() const { return mArchive || !mMaster.isEmpty(); }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /// A drag was not written (lastError() says why: a finished task, an
    /// edit of another user that could not be merged, the server gone).
    void rescheduleRefused(const QString& message);

private:
    struct Group {
        QString key, label;
        bool hasWorkload = false;
        int capacityPerDay = 0;
        planning::MemberWorkload workload;
        std::vector<int> tasks; ///< into mTasks
        QDate start, end;
        bool counted = false; ///< workload, scope sizes and completion known
    };
    void rebuildGroups();
    /// taskAt() without counting the group's figures (scopeSize may be 0).
    const planning::TaskRecord* uncountedTaskAt(const QModelIndex& index) const;
    /// Counts the figures of every task of group `group` unless done.
    void ensureCounted(int group) const;
    QVariant groupData(int group, int column, int role) const;
    QVariant taskData(int task, int column, int role) const;
    // internalId: 0 for a group row, else 1 + group index for rows inside it.
    static constexpr quintptr kGroupRow = 0;

    std::unique_ptr<Archive> mArchive;
    QString mMaster; ///< loadCounted()'s master, where drags go without an archive
    /// loadCounted()'s figures by task uuid, used instead of the archive.
    QHash<QString, planning::TaskCounts> mKnownCounts;
    // Filled lazily (ensureCounted): scopeSize in mTasks, mCompletion, the
    // groups' workload.
    mutable std::vector<planning::TaskRecord> mTasks;
    mutable std::vector<int> mCompletion; ///< percent checked, per task

    mutable std::vector<Group> mGroups;
    std::vector<int> mGroupOfTask; ///< index into mGroups, per task
    Grouping mGrouping = Grouping::Member;
    bool mOverdueOnly = false;
    QDate mToday;
    QString mUser;
    mutable QString mLastError;
};

} // namespace recheck::gantt
