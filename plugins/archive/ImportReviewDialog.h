#pragma once

// The MIS values imports held back because the archive's value was verified
// in the field: the archive's value, the MIS value and the value now side by
// side; accept (write the MIS value) or reject (keep the archive's) the
// selected ones. A thin layer over core/io ImportReviewStore.

#include "io/ImportReview.h"

#include <QAbstractTableModel>
#include <QDialog>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableView;

namespace recheck::archiveui {

class ImportReviewModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        AccountColumn,
        FieldColumn,
        ArchiveColumn,
        MisColumn,
        CurrentColumn,
        ReasonColumn,
        HeldColumn,
        StatusColumn,
        ColumnCount
    };

    explicit ImportReviewModel(QObject* parent = nullptr);

    /// Reads the items of `archivePath`; false and *error when it cannot.
    bool setArchive(const QString& archivePath, bool includeDecided = false, QString* error = nullptr);
    bool reload(QString* error = nullptr);
    const QString& archivePath() const { return mArchivePath; }
    const QList<io::ImportReviewItem>& items() const { return mItems; }
    int rowOf(qint64 id) const;

    /// Accepts or rejects the items on `rows` in one transaction as `who`,
    /// then reloads; false and *error (nothing decided) when refused.
    bool decide(const QList<int>& rows, bool accept, const QString& who, QString* error = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString mArchivePath;
    bool mIncludeDecided = false;
    QList<io::ImportReviewItem> mItems;
};

class ImportReviewDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImportReviewDialog(const QString& archivePath, QWidget* parent = nullptr);

    ImportReviewModel* model() const { return mModel; }
    QTableView* view() const { return mView; }
    void selectRows(const QList<int>& rows);
    /// Accepts / rejects the selected items as the current staff member;
    /// false when refused (the reason is shown in the dialog).
    bool acceptSelected();
    bool rejectSelected();
    QString statusText() const;

private:
    QList<int> selectedRows() const;
    bool decideSelected(bool accept);
    void updateButtons();

    ImportReviewModel* mModel = nullptr;
    QTableView* mView = nullptr;
    QCheckBox* mShowDecided = nullptr;
    QPushButton* mAccept = nullptr;
    QPushButton* mReject = nullptr;
    QLabel* mStatus = nullptr;
};

} // namespace recheck::archiveui
