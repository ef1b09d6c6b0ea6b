#pragma once

// The check-out, check-in report and conflict dialogs of the archive plugin,
// and the QgsTask that runs a sync step in the background.

#include "SyncUi.h"

#include <qgstaskmanager.h>

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QgsVectorLayer;

namespace recheck::archiveui {

/// Runs `work` on a task-manager thread. `work` gets a progress callback
/// (0..1) that returns false once the task was cancelled; `done` runs on the
/// main thread afterwards.
class SyncTask : public QgsTask {
    Q_OBJECT
public:
    using Work = std::function<void(const std::function<bool(double)>& progress)>;
    SyncTask(const QString& description, bool canCancel, Work work, std::function<void()> done);

protected:
    bool run() override;
    void finished(bool result) override;

private:
    Work mWork;
    std::function<void()> mDone;
};

/// The check-out form: master (a file, a saved QGIS PostgreSQL connection or
/// a connection string), districts (checkable list, or the districts
/// selected on the map), assignee, destination folder, one zip or loose files.
class CheckoutDialog : public QDialog {
    Q_OBJECT
public:
    explicit CheckoutDialog(const QString& masterPath = QString(), QWidget* parent = nullptr);

    QString masterPath() const;
    QStringList districtCodes() const; ///< the checked ones
    QString assignee() const;          ///< staff code or empty
    QString destinationFolder() const;
    bool zip() const; ///< deliver one zip file (package + project)

    /// Reads districts and staff of `path` into the lists.
    void setMasterPath(const QString& path);
    /// Checks exactly these districts (used by tests and by a map selection).
    void setCheckedDistricts(const QStringList& codes);
    /// Checks the districts selected on the map (selectedDistrictCodes() in
    /// the current project); returns how many, 0 leaving the list as it was.
    int useMapSelection();
    /// The master's districts layer in the current project: the one there,
    /// or for a PostgreSQL master a new one through QGIS's postgres
    /// provider, styled as ours. nullptr (and *error) when there is none.
    QgsVectorLayer* addDistrictsLayer(QString* error = nullptr);

private:
    void updateOk();

    QLineEdit* mMaster = nullptr;
    QListWidget* mDistricts = nullptr;
    QComboBox* mAssignee = nullptr;
    QLineEdit* mDestination = nullptr;
    QCheckBox* mZip = nullptr;
    QPushButton* mFromMap = nullptr;
    QPushButton* mAddDistricts = nullptr;
    QLabel* mError = nullptr;
    QPushButton* mOk = nullptr;
};

/// The text of a check-in report, and a way on to its conflicts.
class CheckinReportDialog : public QDialog {
    Q_OBJECT
public:
    CheckinReportDialog(const QString& title, const QString& reportText, bool hasConflicts,
                        QWidget* parent = nullptr);

signals:
    void showConflictsRequested();
};

/// A master's open conflicts; for the selected one the base, package and
/// master values side by side with one-click choices.
class ConflictDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConflictDialog(const QString& masterPath, QWidget* parent = nullptr);

    ConflictTableModel* model() const { return mModel; }
    /// Selects a conflict row (for tests and for "show conflicts").
    void selectRow(int row);
    /// Resolves the selected conflict as the current staff member; false when
    /// the master refused (the reason is shown in the dialog).
    bool resolveSelected(ConflictChoice choice, const QVariant& value = QVariant());

signals:
    /// The selected conflict's row, for the map.
    void featureSelected(const QString& table, const QString& uuid);

private:
    int selectedRow() const;
    void showSelected();
    void chooseValue();

    ConflictTableModel* mModel = nullptr;
    QTableView* mView = nullptr;
    QLabel* mBase = nullptr;
    QLabel* mPackage = nullptr;
    QLabel* mMasterValue = nullptr;
    QLabel* mCurrent = nullptr;
    QLabel* mStatus = nullptr;
    QList<QPushButton*> mChoiceButtons;
    QPushButton* mValueButton = nullptr;
};

} // namespace recheck::archiveui
