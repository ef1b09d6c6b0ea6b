#pragma once

// The logic behind the check-out, check-in and conflict dialogs, kept out of
// the widgets so that the QGIS test suite can drive it offscreen. A master
// is a location (plugins/common/MasterLocation.h): a SpatiaLite file or a
// PostgreSQL connection; every operation goes through core/master's
// MasterStore, so both behave alike.

#include "sync/CheckinReport.h"
#include "sync/ConflictStore.h"
#include "sync/PackageWriter.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>

class QgsProject;

namespace recheck::archiveui {

/// Who resolves a conflict: QgsSettings "recheck/staffId", else the login name.
QString currentStaffId();

/// (code, name) pairs of a master's districts or staff, by code (a file or
/// a PostgreSQL master).
QList<QPair<QString, QString>> readDistricts(const QString& masterPath, QString* error = nullptr);
QList<QPair<QString, QString>> readStaff(const QString& masterPath, QString* error = nullptr);

/// What a check-out from the dialog produced.
struct CheckoutOutcome {
    bool ok = false;
    bool cancelled = false;
    QString error;
    QString packagePath;
    QString projectPath; ///< empty when the project could not be written (see projectError)
    QString projectError;
    QString zipPath; ///< when asked for one: the zip now holding package and project
    qint64 rows = 0;
};

/// Checks the districts out of the master at `masterPath` (file or
/// PostgreSQL, through MasterStore) into a new package in
/// `destinationFolder` (PackageWriter::defaultFileName), then writes a QGIS
/// project beside it that opens the package offline; with `zip`, both end up
/// in one zip file (PackageZip::bundle) instead.
CheckoutOutcome checkOutPackage(const QString& masterPath, const QStringList& districtCodes,
                                const QString& assignee, const QString& destinationFolder,
                                const std::function<bool(double)>& progress = {}, bool zip = false);

/// What a check-in from the plugin produced: the report, or why there is none.
struct CheckinOutcome {
    CheckinReport report;
    QString error;
};

/// Merges `packagePath` into the master at `masterPath` (file or PostgreSQL,
/// through MasterStore) as `who`; all or nothing, cancelled when `progress`
/// returns false.
CheckinOutcome checkInPackage(const QString& masterPath, const QString& packagePath, const QString& who,
                              const std::function<bool(double)>& progress = {});

/// The codes of the districts selected on the map: the selected features of
/// the project's districts layers of the master at `masterPath` (a
/// customerarchive layer of the same file, whatever path spelling, or a
/// postgres layer of the same database), by code, each once.
QStringList selectedDistrictCodes(const QString& masterPath, const QgsProject* project);

/// A master's conflicts as a table: id, table, row, field, kind. It reads
/// ConflictStore afresh on reload(), and resolving goes through it too, so
/// the rows are always what the master holds.
class ConflictTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { IdColumn, TableColumn, RowColumn, FieldColumn, KindColumn, ColumnCount };

    explicit ConflictTableModel(QObject* parent = nullptr);

    /// Shows the conflicts of the master at `masterPath` (file or
    /// PostgreSQL); returns false and sets *error when
    /// the master cannot be read (the model is then empty).
    bool setMaster(const QString& masterPath, bool includeResolved = false, QString* error = nullptr);
    const QString& masterPath() const { return mMasterPath; }
    bool reload(QString* error = nullptr);

    const SyncConflict& conflictAt(int row) const { return mConflicts.at(row); }
    const QList<SyncConflict>& conflicts() const { return mConflicts; }
    /// The row of a conflict id, or -1.
    int rowOf(qint64 id) const;

    /// Resolves the conflict on `row` and reloads; false and *error (the
    /// master's reason) when it is refused.
    bool resolve(int row, ConflictChoice choice, const QVariant& value, const QString& who,
                 QString* error = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// A value as the dialog shows it: NULL spelt out, so it is not taken
    /// for an empty string.
    static QString displayValue(const QVariant& value);

private:
    QString mMasterPath;
    bool mIncludeResolved = false;
    QList<SyncConflict> mConflicts;
};

} // namespace recheck::archiveui
