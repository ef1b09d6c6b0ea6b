#include "ImportReviewDialog.h"

#include "SyncUi.h"
#include "archive/Archive.h"
#include "sync/SyncValue.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace recheck::archiveui {

namespace {

QString shown(const QVariant& value, const QString& code) {
    return code.isEmpty() ? displaySqlValue(value) : code;
}

} // namespace

ImportReviewModel::ImportReviewModel(QObject* parent) : QAbstractTableModel(parent) {}

bool ImportReviewModel::setArchive(const QString& archivePath, bool includeDecided, QString* error) {
    mArchivePath = archivePath;
    mIncludeDecided = includeDecided;
    return reload(error);
}

bool ImportReviewModel::reload(QString* error) {
    beginResetModel();
    mItems.clear();
    bool ok = true;
    try {
        Archive archive = Archive::open(mArchivePath, Archive::Access::ReadOnly);
        io::ImportReviewStore::Filter filter;
        filter.includeDecided = mIncludeDecided;
        mItems = io::ImportReviewStore(archive.db()).list(filter);
    } catch (const std::exception& e) {
        ok = false;
        if (error)
            *error = QString::fromUtf8(e.what());
    }
    endResetModel();
    return ok;
}

int ImportReviewModel::rowOf(qint64 id) const {
    for (int r = 0; r < mItems.size(); ++r)
        if (mItems.at(r).id == id)
            return r;
    return -1;
}

bool ImportReviewModel::decide(const QList<int>& rows, bool accept, const QString& who, QString* error) {
    QList<qint64> ids;
    for (int r : rows)
        if (r >= 0 && r < mItems.size() && mItems.at(r).isOpen()) // decided ones stay as they are
            ids << mItems.at(r).id;
    if (ids.isEmpty()) {
        if (error)
            *error = tr("No open item selected");
        return false;
    }
    try {
        Archive archive = Archive::open(mArchivePath);
        io::ImportReviewStore store(archive.db());
        if (accept)
            store.acceptAll(ids, who);
        else
            store.rejectAll(ids, who);
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        reload();
        return false;
    }
    return reload(error);
}

int ImportReviewModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : mItems.size();
}

int ImportReviewModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportReviewModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= mItems.size())
        return {};
    const io::ImportReviewItem& i = mItems.at(index.row());
    if (role == Qt::ToolTipRole)
        return tr("%1\nFrom %2").arg(i.reason, i.source);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return i.id;
    case AccountColumn:
        return i.naturalKey;
    case FieldColumn:
        return i.field;
    case ArchiveColumn:
        return shown(i.archiveValue, i.archiveDisplay);
    case MisColumn:
        return shown(i.incomingValue, i.incomingDisplay);
    case CurrentColumn:
        return i.rowExists ? shown(i.currentValue, i.currentDisplay) : tr("(customer deleted)");
    case ReasonColumn:
        return i.reason;
    case HeldColumn:
        return i.heldAt;
    case StatusColumn:
        if (i.status == QLatin1String("accepted"))
            return tr("accepted by %1 at %2").arg(i.reviewedBy, i.reviewedAt);
        if (i.status == QLatin1String("rejected"))
            return tr("rejected by %1 at %2").arg(i.reviewedBy, i.reviewedAt);
        return tr("open");
    default:
        return {};
    }
}

QVariant ImportReviewModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("Id");
    case AccountColumn:
        return tr("Account");
    case FieldColumn:
        return tr("Field");
    case ArchiveColumn:
        return tr("Archive (verified)");
    case MisColumn:
        return tr("MIS value");
    case CurrentColumn:
        return tr("Now");
    case ReasonColumn:
        return tr("Why held");
    case HeldColumn:
        return tr("Held at");
    case StatusColumn:
        return tr("Decision");
    default:
        return {};
    }
}

ImportReviewDialog::ImportReviewDialog(const QString& archivePath, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Import Review — %1").arg(QFileInfo(archivePath).fileName()));
    mModel = new ImportReviewModel(this);
    mView = new QTableView(this);
    mView->setModel(mModel);
    mView->setSelectionBehavior(QAbstractItemView::SelectRows);
    mView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    mView->horizontalHeader()->setSectionResizeMode(ImportReviewModel::ReasonColumn, QHeaderView::Stretch);
    mView->verticalHeader()->hide();
    mShowDecided = new QCheckBox(tr("Show decided items"), this);
    mAccept = new QPushButton(tr("Accept MIS Value"), this);
    mAccept->setToolTip(tr("Write the MIS value into the archive (recorded as your edit)"));
    mReject = new QPushButton(tr("Keep Archive Value"), this);
    mReject->setToolTip(tr("Reject the MIS value; later imports of the same value are not held again"));
    mStatus = new QLabel(this);
    mStatus->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(mShowDecided);
    buttons->addStretch(1);
    buttons->addWidget(mAccept);
    buttons->addWidget(mReject);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(
        new QLabel(tr("MIS values an import did not write because the archive's value was verified "
                      "in the field or changed by someone since:"),
                   this));
    layout->addWidget(mView, 1);
    layout->addLayout(buttons);
    layout->addWidget(mStatus);
    layout->addWidget(close);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(mAccept, &QPushButton::clicked, this, [this] { acceptSelected(); });
    connect(mReject, &QPushButton::clicked, this, [this] { rejectSelected(); });
    connect(mShowDecided, &QCheckBox::toggled, this, [this, archivePath](bool all) {
        QString error;
        if (!mModel->setArchive(archivePath, all, &error))
            mStatus->setText(error);
        updateButtons();
    });
    connect(mView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { updateButtons(); });
    QString error;
    if (!mModel->setArchive(archivePath, false, &error))
        mStatus->setText(tr("Cannot read the archive: %1").arg(error));
    else if (mModel->items().isEmpty())
        mStatus->setText(tr("No held MIS values wait for review."));
    mView->resizeColumnsToContents();
    resize(1000, 480);
    updateButtons();
}

QList<int> ImportReviewDialog::selectedRows() const {
    QList<int> rows;
    for (const QModelIndex& index : mView->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void ImportReviewDialog::selectRows(const QList<int>& rows) {
    mView->clearSelection();
    for (int r : rows)
        mView->selectionModel()->select(mModel->index(r, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
    updateButtons();
}

bool ImportReviewDialog::acceptSelected() {
    return decideSelected(true);
}

bool ImportReviewDialog::rejectSelected() {
    return decideSelected(false);
}

bool ImportReviewDialog::decideSelected(bool accept) {
    const QList<int> rows = selectedRows();
    QString error;
    const bool ok = mModel->decide(rows, accept, currentStaffId(), &error);
    if (ok)
        mStatus->setText(
            accept ? tr("%n MIS value(s) written to the archive", nullptr, rows.size())
                   : tr("%n MIS value(s) rejected; the archive keeps its values", nullptr, rows.size()));
    else
        mStatus->setText(tr("Nothing was decided: %1").arg(error));
    updateButtons();
    return ok;
}

QString ImportReviewDialog::statusText() const {
    return mStatus->text();
}

void ImportReviewDialog::updateButtons() {
    bool anyOpen = false;
    for (int r : selectedRows())
        anyOpen = anyOpen || mModel->items().value(r).isOpen();
    mAccept->setEnabled(anyOpen);
    mReject->setEnabled(anyOpen);
}

} // namespace recheck::archiveui
