#pragma once

// The reminder outbox of an archive, for the office: every message with its
// state, attempts, next attempt and last error; a dead-lettered, failed,
// cancelled or unconfirmed message can be retried, a queued/failed/
// unconfirmed one cancelled, and an unconfirmed one (a run was interrupted
// while sending it) marked sent once found in the gateway's log.

#include "reminders/ReminderTypes.h"

#include <QAbstractTableModel>
#include <QDialog>

#include <vector>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace recheck::archiveui {

class ReminderOutboxModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Id,
        Status,
        Kind,
        Channel,
        Address,
        Attempts,
        NextAttempt,
        LastError,
        Created,
        ColumnCount
    };

    explicit ReminderOutboxModel(const QString& archivePath, QObject* parent = nullptr);

    QString archivePath() const { return mPath; }
    /// Only rows of this status (empty: all).
    void setStatusFilter(const QString& status);
    /// Re-reads the outbox; false with lastError() when the archive cannot be read.
    bool reload();
    QString lastError() const { return mError; }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const OutboxMessage& messageAt(int row) const { return mRows.at(static_cast<size_t>(row)); }
    /// The delivery log of a row, oldest first, one attempt per line.
    QStringList deliveries(int row) const;

    // A person's actions; each reloads. False (lastError) when the row's
    // state does not allow it or the archive cannot be written.
    bool retry(int row);
    bool cancel(int row);
    bool markSent(int row);

    /// The words the view shows for a status.
    static QString statusText(const QString& status);

private:
    enum class Action { Retry, Cancel, MarkSent };
    bool act(int row, Action action);

    QString mPath;
    QString mStatus;
    QString mError;
    std::vector<OutboxMessage> mRows;
};

class ReminderOutboxDialog : public QDialog {
    Q_OBJECT
public:
    explicit ReminderOutboxDialog(const QString& archivePath, QWidget* parent = nullptr);
    ReminderOutboxModel* model() const { return mModel; }

private:
    void updateSelection();
    int selectedRow() const;
    void run(bool (ReminderOutboxModel::*action)(int));

    ReminderOutboxModel* mModel = nullptr;
    QComboBox* mFilter = nullptr;
    QTableView* mView = nullptr;
    QPlainTextEdit* mDetail = nullptr;
    QPushButton* mRetry = nullptr;
    QPushButton* mCancel = nullptr;
    QPushButton* mMarkSent = nullptr;
    QLabel* mMessage = nullptr;
};

} // namespace recheck::archiveui
