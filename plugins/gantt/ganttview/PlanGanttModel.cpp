#include "PlanGanttModel.h"

#include "archive/Archive.h"
#include "common/RecheckError.h"
#include "master/MasterStore.h"
#include "planning/ProgressReport.h"

#include <KGanttGlobal>

#include <QColor>
#include <QDateTime>
#include <QFileInfo>
#include <QHash>

#include <algorithm>
#include <map>
#include <tuple>

namespace recheck::gantt {

using namespace recheck::planning;

namespace {

QDateTime dayStart(const QDate& date) {
    return QDateTime(date, QTime(0, 0));
}
// A task planned to end on a day occupies that whole day.
QDateTime dayEnd(const QDate& date) {
    return QDateTime(date.addDays(1), QTime(0, 0));
}

} // namespace

QColor PlanGanttModel::overdueColour() {
    return QColor(219, 68, 55);
}

QColor PlanGanttModel::statusColour(TaskStatus status) {
    switch (status) {
    case TaskStatus::Draft:
        return QColor(160, 160, 160);
    case TaskStatus::Issued:
        return QColor(66, 133, 244);
    case TaskStatus::InProgress:
        return QColor(251, 188, 5);
    case TaskStatus::Done:
        return QColor(52, 168, 83);
    case TaskStatus::Cancelled:
        return QColor(210, 210, 210);
    }
    return QColor(Qt::gray);
}

PlanGanttModel::PlanGanttModel(QObject* parent) : QAbstractItemModel(parent) {}

PlanGanttModel::~PlanGanttModel() = default;

void PlanGanttModel::load(const QString& archivePath, const TaskFilter& filter, const QDate& today) {
    const bool writable = QFileInfo(archivePath).isWritable();
    auto archive = std::make_unique<Archive>(
        Archive::open(archivePath, writable ? Archive::Access::ReadWrite : Archive::Access::ReadOnly));
    // No figures yet: ensureCounted() counts them per group on first use.
    std::vector<TaskRecord> tasks = PlanTasks(archive->db()).load(filter, PlanTasks::ScopeSize::NotCounted);
    if (mOverdueOnly)
        tasks.erase(std::remove_if(tasks.begin(), tasks.end(),
                                   [&today](const TaskRecord& t) { return !t.isOverdue(today); }),
                    tasks.end());

    beginResetModel();
    mArchive = std::move(archive);
    mMaster.clear();
    mKnownCounts.clear();
    mTasks = std::move(tasks);
    mCompletion.assign(mTasks.size(), 0);
    mToday = today;
    rebuildGroups();
    endResetModel();
}

void PlanGanttModel::loadCounted(std::vector<TaskProgress> progress, const TaskFilter& filter,
                                 const QDate& today, const QString& master) {
    // The selection PlanTasks::load() makes in SQL.
    const auto selected = [&](const TaskRecord& t) {
        if (filter.from.isValid() && (t.plannedEnd.isValid() ? t.plannedEnd : t.plannedStart) < filter.from)
            return false;
        if (filter.to.isValid() && (t.plannedStart.isValid() ? t.plannedStart : t.plannedEnd) > filter.to)
            return false;
        if (!filter.assigneeUuid.isEmpty() && t.assigneeUuid != filter.assigneeUuid)
            return false;
        if (!filter.districtUuid.isEmpty() && t.districtUuid != filter.districtUuid)
            return false;
        if (!filter.statuses.empty() &&
            std::find(filter.statuses.begin(), filter.statuses.end(), t.status) == filter.statuses.end())
            return false;
        return !mOverdueOnly || t.isOverdue(today);
    };
    std::vector<TaskRecord> tasks;
    QHash<QString, TaskCounts> counts;
    for (TaskProgress& p : progress) {
        if (!selected(p.task))
            continue;
        counts.insert(p.task.uuid,
                      TaskCounts{p.task.scopeSize, p.checked, p.visits, p.gpsProofVisits, p.discrepancies});
        tasks.push_back(std::move(p.task));
    }
    // PlanTasks::load()'s order: by member (unassigned last), start, district.
    std::sort(tasks.begin(), tasks.end(), [](const TaskRecord& a, const TaskRecord& b) {
        if (a.assigneeCode.isEmpty() != b.assigneeCode.isEmpty())
            return b.assigneeCode.isEmpty();
        return std::tie(a.assigneeCode, a.plannedStart, a.districtCode, a.uuid) <
               std::tie(b.assigneeCode, b.plannedStart, b.districtCode, b.uuid);
    });

    beginResetModel();
    mArchive.reset();
    mMaster = master;
    mKnownCounts = std::move(counts);
    mTasks = std::move(tasks);
    mCompletion.assign(mTasks.size(), 0);
    mToday = today;
    rebuildGroups();
    endResetModel();
}

void PlanGanttModel::setGrouping(Grouping grouping) {
    if (grouping == mGrouping)
        return;
    beginResetModel();
    mGrouping = grouping;
    rebuildGroups();
    endResetModel();
}

void PlanGanttModel::rebuildGroups() {
    mGroups.clear();
    std::map<QString, int> byKey;
    for (int k = 0; k < static_cast<int>(mTasks.size()); ++k) {
        const TaskRecord& t = mTasks[k];
        const bool member = mGrouping == Grouping::Member;
        const QString key = member ? t.assigneeCode : t.districtCode;
        auto it = byKey.find(key);
        if (it == byKey.end()) {
            Group g;
            g.key = key;
            g.label = member ? (t.assigneeCode.isEmpty()
                                    ? tr("Unassigned")
                                    : QStringLiteral("%1 %2").arg(t.assigneeCode, t.assigneeName))
                             : QStringLiteral("%1 %2").arg(t.districtCode, t.districtName);
            g.hasWorkload = member && !t.assigneeCode.isEmpty();
            g.capacityPerDay = t.assigneeCapacityPerDay;
            it = byKey.emplace(key, static_cast<int>(byKey.size())).first;
            mGroups.push_back(std::move(g));
        }
        Group& g = mGroups[static_cast<std::size_t>(it->second)];
        g.tasks.push_back(k);
        if (!g.start.isValid() || t.plannedStart < g.start)
            g.start = t.plannedStart;
        if (!g.end.isValid() || t.plannedEnd > g.end)
            g.end = t.plannedEnd;
    }
    // Groups in key order (member code / district code), unassigned last.
    std::sort(mGroups.begin(), mGroups.end(), [](const Group& a, const Group& b) {
        if (a.key.isEmpty() != b.key.isEmpty())
            return b.key.isEmpty();
        return a.key < b.key;
    });
    mGroupOfTask.assign(mTasks.size(), 0);
    for (std::size_t gi = 0; gi < mGroups.size(); ++gi)
        for (int k : mGroups[gi].tasks)
            mGroupOfTask[static_cast<std::size_t>(k)] = static_cast<int>(gi);
}

void PlanGanttModel::ensureCounted(int group) const {
    Group& g = mGroups[static_cast<std::size_t>(group)];
    if (g.counted || (!mArchive && mKnownCounts.isEmpty()))
        return;
    g.counted = true;
    QHash<QString, TaskCounts> counts = mKnownCounts;
    if (mArchive) {
        QStringList uuids;
        for (int k : g.tasks)
            uuids << mTasks[static_cast<std::size_t>(k)].uuid;
        ProgressOptions options;
        options.today = mToday;
        try {
            counts = ProgressReport(mArchive->db()).countsOf(uuids, options);
        } catch (const RecheckError& e) {
            // A view cannot throw from data(): the group shows no figures.
            mLastError = QString::fromUtf8(e.what());
        }
    }
    for (int k : g.tasks) {
        TaskRecord& t = mTasks[static_cast<std::size_t>(k)];
        const TaskCounts c = counts.value(t.uuid);
        t.scopeSize = c.scope;
        mCompletion[static_cast<std::size_t>(k)] =
            c.scope > 0 ? static_cast<int>(100.0 * c.checked / c.scope + 0.5) : 0;
        if (t.status != TaskStatus::Done && t.status != TaskStatus::Cancelled)
            g.workload.addTask(t.plannedStart, t.plannedEnd, t.scopeSize);
    }
}

const TaskRecord* PlanGanttModel::taskAt(const QModelIndex& index) const {
    if (!index.isValid() || index.internalId() == kGroupRow)
        return nullptr;
    ensureCounted(static_cast<int>(index.internalId() - 1));
    return uncountedTaskAt(index);
}

const TaskRecord* PlanGanttModel::uncountedTaskAt(const QModelIndex& index) const {
    if (!index.isValid() || index.internalId() == kGroupRow)
        return nullptr;
    const Group& g = mGroups[index.internalId() - 1];
    const int row = index.row() - (g.hasWorkload ? 1 : 0);
    if (row < 0)
        return nullptr;
    return &mTasks[static_cast<std::size_t>(g.tasks[static_cast<std::size_t>(row)])];
}

const MemberWorkload* PlanGanttModel::workloadAt(const QModelIndex& index) const {
    if (!index.isValid() || index.internalId() == kGroupRow)
        return nullptr;
    ensureCounted(static_cast<int>(index.internalId() - 1));
    const Group& g = mGroups[index.internalId() - 1];
    return g.hasWorkload && index.row() == 0 ? &g.workload : nullptr;
}

QModelIndex PlanGanttModel::indexOfTask(const QString& uuid) const {
    for (std::size_t gi = 0; gi < mGroups.size(); ++gi) {
        const Group& g = mGroups[gi];
        for (std::size_t k = 0; k < g.tasks.size(); ++k)
            if (mTasks[static_cast<std::size_t>(g.tasks[k])].uuid == uuid)
                return createIndex(static_cast<int>(k) + (g.hasWorkload ? 1 : 0), 0, quintptr(gi + 1));
    }
    return {};
}

QModelIndex PlanGanttModel::index(int row, int column, const QModelIndex& parent) const {
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kGroupRow);
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex PlanGanttModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == kGroupRow)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, kGroupRow);
}

int PlanGanttModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid())
        return static_cast<int>(mGroups.size());
    if (parent.column() != 0 || parent.internalId() != kGroupRow)
        return 0;
    const Group& g = mGroups[static_cast<std::size_t>(parent.row())];
    return static_cast<int>(g.tasks.size()) + (g.hasWorkload ? 1 : 0);
}

int PlanGanttModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QVariant PlanGanttModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    if (index.internalId() == kGroupRow)
        return groupData(index.row(), index.column(), role);
    const Group& g = mGroups[index.internalId() - 1];
    if (g.hasWorkload && index.row() == 0) {
        const bool type =
            (index.column() == TypeColumn && role == Qt::DisplayRole) || role == KGantt::ItemTypeRole;
        if (type)
            return WorkloadItemType;
        if (index.column() == NameColumn && role == Qt::DisplayRole)
            return tr("Workload (customers per day, capacity %1)").arg(g.capacityPerDay);
        if (role == CapacityRole)
            return g.capacityPerDay;
        if ((index.column() == StartColumn && (role == Qt::DisplayRole || role == KGantt::StartTimeRole)) ||
            role == KGantt::StartTimeRole)
            return dayStart(g.start);
        if ((index.column() == EndColumn && (role == Qt::DisplayRole || role == KGantt::EndTimeRole)) ||
            role == KGantt::EndTimeRole)
            return dayEnd(g.end);
        return {};
    }
    const int row = index.row() - (g.hasWorkload ? 1 : 0);
    return taskData(g.tasks[static_cast<std::size_t>(row)], index.column(), role);
}

QVariant PlanGanttModel::groupData(int group, int column, int role) const {
    const Group& g = mGroups[static_cast<std::size_t>(group)];
    if (role == KGantt::ItemTypeRole || (column == TypeColumn && role == Qt::DisplayRole))
        return KGantt::TypeSummary;
    if (role == KGantt::StartTimeRole || (column == StartColumn && role == Qt::DisplayRole))
        return dayStart(g.start);
    if (role == KGantt::EndTimeRole || (column == EndColumn && role == Qt::DisplayRole))
        return dayEnd(g.end);
    if (column == NameColumn && (role == Qt::DisplayRole || role == Qt::ToolTipRole))
        return g.label;
    if (column == LegendColumn && role == Qt::DisplayRole)
        return tr("%n task(s)", nullptr, static_cast<int>(g.tasks.size()));
    return {};
}

QVariant PlanGanttModel::taskData(int taskIndex, int column, int role) const {
    const TaskRecord& t = mTasks[static_cast<std::size_t>(taskIndex)];
    const bool needsCounts =
        role == KGantt::TaskCompletionRole || role == Qt::ToolTipRole ||
        ((role == Qt::DisplayRole || role == Qt::EditRole) && column == CompletionColumn);
    if (needsCounts)
        ensureCounted(mGroupOfTask[static_cast<std::size_t>(taskIndex)]);
    switch (role) {
    case KGantt::ItemTypeRole:
        return KGantt::TypeTask;
    case KGantt::StartTimeRole:
        return dayStart(t.plannedStart);
    case KGantt::EndTimeRole:
        return dayEnd(t.plannedEnd);
    case KGantt::TaskCompletionRole:
        return mCompletion[static_cast<std::size_t>(taskIndex)];
    case StatusRole:
        return taskStatusCode(t.status);
    case OverdueRole:
        return t.isOverdue(mToday);
    case BaselineStartRole:
        return t.baselineStart.isValid() ? QVariant(dayStart(t.baselineStart)) : QVariant();
    case BaselineEndRole:
        return t.baselineEnd.isValid() ? QVariant(dayEnd(t.baselineEnd)) : QVariant();
    case SlipDaysRole:
        return t.slipDays();
    case TaskUuidRole:
        return t.uuid;
    case DistrictUuidRole:
        return t.districtUuid;
    case Qt::BackgroundRole:
        return t.isOverdue(mToday) ? overdueColour() : statusColour(t.status);
    case Qt::ToolTipRole:
        return tr("%1 · %2\n%3 – %4 (baseline %5 – %6, slip %7 d)\n%8, %9% of %10 customers checked")
            .arg(t.districtCode, t.assigneeCode.isEmpty() ? tr("unassigned") : t.assigneeName,
                 isoDate(t.plannedStart), isoDate(t.plannedEnd), isoDate(t.baselineStart),
                 isoDate(t.baselineEnd))
            .arg(t.slipDays())
            .arg(taskStatusCode(t.status))
            .arg(mCompletion[static_cast<std::size_t>(taskIndex)])
            .arg(t.scopeSize);
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (column) {
        case NameColumn:
            return mGrouping == Grouping::Member
                       ? QStringLiteral("%1 %2").arg(t.districtCode, t.districtName)
                       : (t.assigneeCode.isEmpty()
                              ? tr("unassigned")
                              : QStringLiteral("%1 %2").arg(t.assigneeCode, t.assigneeName));
        case TypeColumn:
            return KGantt::TypeTask;
        case StartColumn:
            return dayStart(t.plannedStart);
        case EndColumn:
            return dayEnd(t.plannedEnd);
        case CompletionColumn:
            return mCompletion[static_cast<std::size_t>(taskIndex)];
        case LegendColumn:
            return taskStatusCode(t.status);
        }
        break;
    default:
        break;
    }
    return {};
}

bool PlanGanttModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    const TaskRecord* found = uncountedTaskAt(index);
    if (!found || !isWritable())
        return false;
    const bool start =
        index.column() == StartColumn && (role == KGantt::StartTimeRole || role == Qt::EditRole);
    const bool end = index.column() == EndColumn && (role == KGantt::EndTimeRole || role == Qt::EditRole);
    if (!start && !end)
        return false;
    TaskRecord& t = const_cast<TaskRecord&>(*found);
    // Dragged times are not snapped (QGIS-NOTES): round to whole days. An end
    // time is exclusive (midnight after the last day).
    const QDateTime when = value.toDateTime();
    if (!when.isValid())
        return false;
    const QDate day = when.time() >= QTime(12, 0) ? when.date().addDays(1) : when.date();
    QDate newStart = t.plannedStart, newEnd = t.plannedEnd;
    if (start) {
        // A move sets the start first: keep the duration, the end follows.
        const qint64 shift = t.plannedStart.daysTo(day);
        newStart = day;
        newEnd = t.plannedEnd.addDays(shift);
    } else {
        newEnd = day.addDays(-1);
    }
    if (newEnd < newStart)
        newEnd = newStart;
    if (newStart == t.plannedStart && newEnd == t.plannedEnd)
        return true;
    const QString user = mUser.isEmpty() ? QStringLiteral("gantt") : mUser;
    try {
        if (mArchive)
            PlanTasks(mArchive->db()).reschedule(t.uuid, newStart, newEnd, user);
        else
            // A connection per drag: nothing held open between drags, and a
            // server restarted meanwhile costs nothing.
            openMasterStore(mMaster)->reschedule(t.uuid, newStart, newEnd, user);
    } catch (const std::exception& e) {
        mLastError = QString::fromUtf8(e.what());
        emit rescheduleRefused(mLastError);
        return false;
    }
    if (!t.baselineStart.isValid()) {
        t.baselineStart = t.plannedStart;
        t.baselineEnd = t.plannedEnd;
    }
    t.plannedStart = newStart;
    t.plannedEnd = newEnd;
    // The member's workload follows the new dates on its next paint.
    Group& g = mGroups[index.internalId() - 1];
    g.counted = false;
    g.workload = MemberWorkload();
    const QModelIndex first = index.sibling(index.row(), 0);
    const QModelIndex last = index.sibling(index.row(), ColumnCount - 1);
    emit dataChanged(first, last);
    return true;
}

Qt::ItemFlags PlanGanttModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    // flags() is asked for every row a selection touches: no counting.
    const TaskRecord* t = uncountedTaskAt(index);
    // Only open tasks move: KGantt asks column 0's flags before a drag.
    if (t && isWritable() && t->status != TaskStatus::Done && t->status != TaskStatus::Cancelled)
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant PlanGanttModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return mGrouping == Grouping::Member ? tr("Member / district") : tr("District / member");
    case TypeColumn:
        return tr("Type");
    case StartColumn:
        return tr("Start");
    case EndColumn:
        return tr("End");
    case CompletionColumn:
        return tr("Checked %");
    case LegendColumn:
        return tr("Status");
    }
    return {};
}

} // namespace recheck::gantt
