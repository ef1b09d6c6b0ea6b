#include "FieldworkPanelModel.h"

#include "archive/Archive.h"
#include "common/RecheckError.h"

#include <QColor>
#include <QFont>
#include <QLocale>

#include <cmath>
#include <limits>

namespace recheck::fieldwork {

FieldworkPanelModel::FieldworkPanelModel(QObject* parent) : QAbstractTableModel(parent) {}

FieldworkPanelModel::~FieldworkPanelModel() = default;

bool FieldworkPanelModel::setArchive(const QString& path, QString* error) {
    beginResetModel();
    mArchive.reset();
    mMeter.reset();
    mPath.clear();
    mStaff.clear();
    mTasks.clear();
    mTaskUuid.clear();
    mCustomers.clear();
    mFindings.clear();
    mRows.clear();
    mPackageAssignee.clear();
    mNext = {};
    bool ok = true;
    if (!path.isEmpty()) {
        try {
            auto archive = std::make_unique<Archive>(Archive::open(path, Archive::Access::ReadOnly));
            FieldTasks tasks(archive->db());
            mSrid = tasks.archiveSrid();
            mMeter = std::make_unique<GeodesicMeter>(mSrid);
            mPackageAssignee = tasks.packageAssigneeCode();
            mStaff = tasks.staff();
            mArchive = std::move(archive);
            mPath = path;
            mAssignee = mPackageAssignee;
            loadTasks();
        } catch (const std::exception& e) {
            if (error)
                *error = QString::fromStdString(e.what());
            mArchive.reset();
            ok = false;
        }
    }
    endResetModel();
    emit tasksChanged();
    emit progressChanged();
    return ok;
}

void FieldworkPanelModel::setAssignee(const QString& staffCode) {
    if (staffCode == mAssignee && !mTasks.empty())
        return;
    mAssignee = staffCode;
    beginResetModel();
    mTaskUuid.clear();
    mCustomers.clear();
    mRows.clear();
    mNext = {};
    loadTasks();
    endResetModel();
    emit tasksChanged();
    emit progressChanged();
}

void FieldworkPanelModel::loadTasks() {
    mTasks.clear();
    if (!mArchive)
        return;
    mTasks = FieldTasks(mArchive->db()).openTasks(mAssignee);
}

const FieldTask* FieldworkPanelModel::currentTask() const {
    for (const FieldTask& t : mTasks)
        if (t.task.uuid == mTaskUuid)
            return &t;
    return nullptr;
}

void FieldworkPanelModel::setTask(const QString& taskUuid) {
    beginResetModel();
    mTaskUuid = taskUuid;
    loadCustomers();
    endResetModel();
    emit progressChanged();
}

void FieldworkPanelModel::loadCustomers() {
    mCustomers.clear();
    mFindings.clear();
    if (mArchive && !mTaskUuid.isEmpty()) {
        mCustomers = FieldTasks(mArchive->db()).customers(mTaskUuid);
        QStringList uuids;
        for (const StopCustomer& c : mCustomers)
            uuids << c.uuid;
        DiscrepancyRuleEngine rules(mArchive->db());
        rules.setLanguage(mLanguage);
        mFindings = rules.evaluate(uuids);
    }
    rebuildRows();
    updateNextStop();
}

void FieldworkPanelModel::rebuildRows() {
    mRows.clear();
    for (std::size_t i = 0; i < mCustomers.size(); ++i)
        if (!mPendingOnly || !mCustomers[i].visited())
            mRows.push_back(static_cast<int>(i));
}

void FieldworkPanelModel::setPendingOnly(bool pendingOnly) {
    if (pendingOnly == mPendingOnly)
        return;
    beginResetModel();
    mPendingOnly = pendingOnly;
    rebuildRows();
    endResetModel();
}

void FieldworkPanelModel::setLanguage(const QString& language) {
    mLanguage = language;
    if (!mTaskUuid.isEmpty())
        setTask(mTaskUuid);
}

void FieldworkPanelModel::setPosition(const std::optional<std::pair<double, double>>& lonLat) {
    mPosition = lonLat;
    updateNextStop();
    if (!mRows.empty())
        emit dataChanged(index(0, DistanceColumn), index(rowCount() - 1, DistanceColumn));
    emit progressChanged();
}

void FieldworkPanelModel::updateNextStop() {
    mNext = {};
    mDistances.assign(mCustomers.size(), std::numeric_limits<double>::quiet_NaN());
    if (!mMeter)
        return;
    mNext = recheck::fieldwork::nextStop(mCustomers, *mMeter, std::nullopt);
    if (!mPosition)
        return;
    // Every located customer measured with one transformation per position.
    std::vector<std::pair<double, double>> targets;
    std::vector<std::size_t> located;
    for (std::size_t i = 0; i < mCustomers.size(); ++i)
        if (mCustomers[i].located) {
            targets.emplace_back(mCustomers[i].x, mCustomers[i].y);
            located.push_back(i);
        }
    try {
        const std::vector<GeodesicLeg> legs = mMeter->measure(mPosition->first, mPosition->second, targets);
        for (std::size_t k = 0; k < legs.size(); ++k) {
            mDistances[located[k]] = legs[k].metres;
            if (static_cast<int>(located[k]) == mNext.index)
                mNext.leg = legs[k];
        }
    } catch (const RecheckError&) {
        // A position PROJ cannot measure from (a receiver's garbage): the
        // next stop is still shown, without distances.
    }
}

const StopCustomer* FieldworkPanelModel::nextStopCustomer() const {
    return mNext.index >= 0 ? &mCustomers[static_cast<std::size_t>(mNext.index)] : nullptr;
}

int FieldworkPanelModel::rowOf(const QString& customerUuid) const {
    for (std::size_t r = 0; r < mRows.size(); ++r)
        if (mCustomers[static_cast<std::size_t>(mRows[r])].uuid == customerUuid)
            return static_cast<int>(r);
    return -1;
}

const StopCustomer* FieldworkPanelModel::customerAt(int row) const {
    if (row < 0 || row >= static_cast<int>(mRows.size()))
        return nullptr;
    return &mCustomers[static_cast<std::size_t>(mRows[static_cast<std::size_t>(row)])];
}

RecordedVisit FieldworkPanelModel::recordVisit(VisitInput input, const VisitPolicy& policy) {
    if (mPath.isEmpty())
        throw RecheckError("no archive is open in the Re-check panel", RecheckError::Kind::InvalidInput);
    if (input.taskUuid.isEmpty())
        input.taskUuid = mTaskUuid;
    QString editor = mAssignee;
    if (input.staffUuid.isEmpty())
        for (const FieldStaff& s : mStaff)
            if (s.code == mAssignee)
                input.staffUuid = s.uuid;
    RecordedVisit recorded;
    {
        Archive writable = Archive::open(mPath, Archive::Access::ReadWrite);
        writable.db().setBusyTimeout(5000);
        recorded = VisitRecorder(writable.db(), editor).record(input, policy);
    }
    beginResetModel();
    loadTasks();
    loadCustomers();
    endResetModel();
    emit tasksChanged();
    emit progressChanged();
    emit visitRecorded(input.customerUuid, recorded.visitUuid);
    return recorded;
}

void FieldworkPanelModel::reload() {
    beginResetModel();
    loadTasks();
    if (!currentTask())
        mTaskUuid.clear();
    loadCustomers();
    endResetModel();
    emit tasksChanged();
    emit progressChanged();
}

int FieldworkPanelModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(mRows.size());
}

int FieldworkPanelModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString FieldworkPanelModel::statusLabel(const QString& resultCode) {
    if (resultCode.isEmpty())
        return tr("Pending");
    if (resultCode == QLatin1String("ok"))
        return tr("Checked OK");
    if (resultCode == QLatin1String("discrepancy"))
        return tr("Discrepancy");
    if (resultCode == QLatin1String("unreachable"))
        return tr("Unreachable");
    if (resultCode == QLatin1String("refused"))
        return tr("Refused");
    return resultCode;
}

QVariant FieldworkPanelModel::data(const QModelIndex& index, int role) const {
    const StopCustomer* c = customerAt(index.row());
    if (!c || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    const bool isNext = mNext.index >= 0 && &mCustomers[static_cast<std::size_t>(mNext.index)] == c;
    if (role == CustomerUuidRole)
        return c->uuid;
    if (role == NextStopRole)
        return isNext;
    if (role == Qt::FontRole && isNext) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    const std::vector<RuleFinding> found = mFindings.value(c->uuid);
    if (role == Qt::ToolTipRole && index.column() == FindingsColumn) {
        QStringList lines;
        for (const RuleFinding& f : found)
            lines << (f.value.isEmpty() ? f.label : QStringLiteral("%1: %2").arg(f.label, f.value));
        return lines.join(QLatin1Char('\n'));
    }
    if (role == Qt::ForegroundRole && index.column() == FindingsColumn && !found.empty())
        return QColor(0xb2, 0x18, 0x2b);
    if (role == Qt::TextAlignmentRole && (index.column() == OrderColumn || index.column() == DistanceColumn))
        return static_cast<int>(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case OrderColumn:
        return c->routeOrder > 0 ? QVariant(c->routeOrder) : QVariant(QStringLiteral("–"));
    case AccountColumn:
        return c->accountNo;
    case NameColumn:
        return c->name;
    case AddressColumn:
        return c->address;
    case StatusColumn:
        return statusLabel(c->lastResult);
    case FindingsColumn:
        return found.empty() ? QString() : QLocale().toString(static_cast<int>(found.size()));
    case DistanceColumn: {
        const double metres = mDistances[static_cast<std::size_t>(c - mCustomers.data())];
        if (!std::isfinite(metres))
            return {};
        return metres < 1000 ? tr("%1 m").arg(QLocale().toString(metres, 'f', 0))
                             : tr("%1 km").arg(QLocale().toString(metres / 1000, 'f', 2));
    }
    default:
        return {};
    }
}

QVariant FieldworkPanelModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case OrderColumn:
        return tr("#");
    case AccountColumn:
        return tr("Account");
    case NameColumn:
        return tr("Name");
    case AddressColumn:
        return tr("Address");
    case StatusColumn:
        return tr("Status");
    case FindingsColumn:
        return tr("Rules");
    case DistanceColumn:
        return tr("Distance");
    default:
        return {};
    }
}

} // namespace recheck::fieldwork
