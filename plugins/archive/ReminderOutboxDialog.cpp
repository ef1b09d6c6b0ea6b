#include "ReminderOutboxDialog.h"

#include "archive/Archive.h"
#include "common/RecheckError.h"
#include "reminders/ReminderOutbox.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace recheck::archiveui {

ReminderOutboxModel::ReminderOutboxModel(const QString& archivePath, QObject* parent)
    : QAbstractTableModel(parent), mPath(archivePath) {
    reload();
}

void ReminderOutboxModel::setStatusFilter(const QString& status) {
    mStatus = status;
    reload();
}

bool ReminderOutboxModel::reload() {
    beginResetModel();
    mRows.clear();
    mError.clear();
    try {
        Archive archive = Archive::open(mPath, Archive::Access::ReadOnly);
        mRows = ReminderOutbox(archive.db()).list(mStatus, 5000);
    } catch (const RecheckError& e) {
        mError = QString::fromUtf8(e.what());
    }
    endResetModel();
    return mError.isEmpty();
}

int ReminderOutboxModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(mRows.size());
}

int ReminderOutboxModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString ReminderOutboxModel::statusText(const QString& status) {
    if (status == QLatin1String("queued"))
        return tr("queued");
    if (status == QLatin1String("sending"))
        return tr("sending");
    if (status == QLatin1String("sent"))
        return tr("sent");
    if (status == QLatin1String("failed"))
        return tr("failed, will retry");
    if (status == QLatin1String("dead"))
        return tr("failed for good");
    if (status == QLatin1String("unconfirmed"))
        return tr("unconfirmed: check the gateway");
    if (status == QLatin1String("cancelled"))
        return tr("cancelled");
    return status;
}

QVariant ReminderOutboxModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const OutboxMessage& m = mRows[static_cast<size_t>(index.row())];
    if (role == Qt::UserRole)
        return m.status;
    if (role == Qt::ToolTipRole && index.column() == LastError)
        return m.lastError;
    if (role != Qt::DisplayRole)
        return {};
    auto local = [](const QString& utc) {
        const QDateTime t = parseReminderTimestamp(utc);
        return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : utc;
    };
    switch (index.column()) {
    case Id:
        return static_cast<qlonglong>(m.id);
    case Status:
        return statusText(m.status);
    case Kind:
        return m.kind;
    case Channel:
        return m.channel;
    case Address:
        return m.address;
    case Attempts:
        return m.attempts;
    case NextAttempt:
        return m.status == QLatin1String("queued") || m.status == QLatin1String("failed")
                   ? local(m.nextAttemptAt)
                   : QString();
    case LastError:
        return m.lastError;
    case Created:
        return local(m.createdAt);
    default:
        return {};
    }
}

QVariant ReminderOutboxModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id:
        return tr("#");
    case Status:
        return tr("State");
    case Kind:
        return tr("Reminder");
    case Channel:
        return tr("Channel");
    case Address:
        return tr("To");
    case Attempts:
        return tr("Attempts");
    case NextAttempt:
        return tr("Next attempt");
    case LastError:
        return tr("Last error");
    case Created:
        return tr("Queued");
    default:
        return {};
    }
}

QStringList ReminderOutboxModel::deliveries(int row) const {
    if (row < 0 || row >= rowCount())
        return {};
    QStringList lines;
    try {
        Archive archive = Archive::open(mPath, Archive::Access::ReadOnly);
        SqliteStatement s(
            archive.db(),
            QStringLiteral("SELECT attempt, attempted_at, outcome, coalesce(response_code, ''),\n"
                           "  coalesce(detail, '') FROM reminder_deliveries WHERE outbox_id = ?\n"
                           "ORDER BY id"));
        s.bind(1, mRows[static_cast<size_t>(row)].id);
        while (s.step())
            lines << tr("attempt %1 at %2: %3 %4 %5")
                         .arg(s.int64(0))
                         .arg(s.text(1), statusText(s.text(2)), s.text(3), s.text(4))
                         .simplified();
    } catch (const RecheckError& e) {
        lines << QString::fromUtf8(e.what());
    }
    return lines;
}

bool ReminderOutboxModel::act(int row, Action action) {
    if (row < 0 || row >= rowCount()) {
        mError = tr("No message is selected.");
        return false;
    }
    const OutboxMessage m = mRows[static_cast<size_t>(row)];
    bool done = false;
    try {
        Archive archive = Archive::open(mPath, Archive::Access::ReadWrite);
        ReminderOutbox outbox(archive.db());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        switch (action) {
        case Action::Retry:
            done = outbox.retry(m.id, now);
            break;
        case Action::Cancel:
            done = outbox.cancel(m.id);
            break;
        case Action::MarkSent:
            done = outbox.markSent(m.id, now);
            break;
        }
        mError = done ? QString()
                      : tr("Message %1 is %2 now, which does not allow that.")
                            .arg(m.id)
                            .arg(statusText(outbox.message(m.id).status));
    } catch (const RecheckError& e) {
        mError = QString::fromUtf8(e.what());
    }
    const QString error = mError;
    reload();
    if (mError.isEmpty())
        mError = error;
    return done;
}

bool ReminderOutboxModel::retry(int row) {
    return act(row, Action::Retry);
}

bool ReminderOutboxModel::cancel(int row) {
    return act(row, Action::Cancel);
}

bool ReminderOutboxModel::markSent(int row) {
    return act(row, Action::MarkSent);
}

// ---------------------------------------------------------------- dialog

ReminderOutboxDialog::ReminderOutboxDialog(const QString& archivePath, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Reminder Outbox — %1").arg(archivePath));
    mModel = new ReminderOutboxModel(archivePath, this);

    mFilter = new QComboBox(this);
    mFilter->addItem(tr("All messages"), QString());
    for (const char* status : {"queued", "sending", "failed", "dead", "unconfirmed", "sent", "cancelled"})
        mFilter->addItem(ReminderOutboxModel::statusText(QString::fromLatin1(status)),
                         QString::fromLatin1(status));
    auto* refresh = new QPushButton(tr("Refresh"), this);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Show"), this));
    top->addWidget(mFilter, 1);
    top->addWidget(refresh);

    mView = new QTableView(this);
    mView->setModel(mModel);
    mView->setSelectionBehavior(QAbstractItemView::SelectRows);
    mView->setSelectionMode(QAbstractItemView::SingleSelection);
    mView->horizontalHeader()->setStretchLastSection(true);
    mView->verticalHeader()->hide();

    mDetail = new QPlainTextEdit(this);
    mDetail->setReadOnly(true);
    mDetail->setMaximumHeight(120);

    mRetry = new QPushButton(tr("Retry"), this);
    mRetry->setToolTip(tr("Queue the message again, due now, with its attempts counted afresh"));
    mCancel = new QPushButton(tr("Cancel Message"), this);
    mMarkSent = new QPushButton(tr("Mark Sent"), this);
    mMarkSent->setToolTip(tr("The gateway's log shows this unconfirmed message was delivered"));
    mMessage = new QLabel(this);
    mMessage->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* actions = new QHBoxLayout;
    actions->addWidget(mRetry);
    actions->addWidget(mCancel);
    actions->addWidget(mMarkSent);
    actions->addStretch(1);
    actions->addWidget(buttons);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(mView, 1);
    layout->addWidget(mDetail);
    layout->addWidget(mMessage);
    layout->addLayout(actions);
    resize(900, 520);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(refresh, &QPushButton::clicked, this, [this] {
        mModel->reload();
        mMessage->setText(mModel->lastError());
    });
    connect(mFilter, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        mModel->setStatusFilter(mFilter->currentData().toString());
        mMessage->setText(mModel->lastError());
    });
    connect(mModel, &QAbstractItemModel::modelReset, this, &ReminderOutboxDialog::updateSelection);
    connect(mView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ReminderOutboxDialog::updateSelection);
    connect(mRetry, &QPushButton::clicked, this, [this] { run(&ReminderOutboxModel::retry); });
    connect(mCancel, &QPushButton::clicked, this, [this] { run(&ReminderOutboxModel::cancel); });
    connect(mMarkSent, &QPushButton::clicked, this, [this] { run(&ReminderOutboxModel::markSent); });
    mMessage->setText(mModel->lastError());
    updateSelection();
}

int ReminderOutboxDialog::selectedRow() const {
    const QModelIndexList rows = mView->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void ReminderOutboxDialog::updateSelection() {
    const int row = selectedRow();
    const QString status = row >= 0 ? mModel->messageAt(row).status : QString();
    mRetry->setEnabled(status == QLatin1String("failed") || status == QLatin1String("dead") ||
                       status == QLatin1String("cancelled") || status == QLatin1String("unconfirmed"));
    mCancel->setEnabled(status == QLatin1String("queued") || status == QLatin1String("failed") ||
                        status == QLatin1String("unconfirmed"));
    mMarkSent->setEnabled(status == QLatin1String("unconfirmed"));
    if (row < 0) {
        mDetail->clear();
        return;
    }
    const OutboxMessage& m = mModel->messageAt(row);
    QStringList lines{m.body};
    if (!m.lastError.isEmpty())
        lines << tr("Last error: %1").arg(m.lastError);
    if (!m.idempotencyKey.isEmpty())
        lines << tr("Idempotency key: %1").arg(m.idempotencyKey);
    lines << mModel->deliveries(row);
    mDetail->setPlainText(lines.join(QLatin1Char('\n')));
}

void ReminderOutboxDialog::run(bool (ReminderOutboxModel::*action)(int)) {
    const qlonglong id = selectedRow() >= 0 ? mModel->messageAt(selectedRow()).id : -1;
    const bool ok = (mModel->*action)(selectedRow());
    mMessage->setText(ok ? QString() : mModel->lastError());
    // Keep the same message selected after the reload.
    for (int row = 0; row < mModel->rowCount(); ++row)
        if (mModel->messageAt(row).id == id)
            mView->selectRow(row);
}

} // namespace recheck::archiveui
