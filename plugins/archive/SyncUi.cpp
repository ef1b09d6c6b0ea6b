#include "SyncUi.h"

#include "MasterLocation.h"
#include "RecheckQgis.h"
#include "common/Sqlite.h"
#include "master/MasterStore.h"
#include "master/PgConnection.h"
#include "sync/PackageZip.h"

#include <qgsfeatureiterator.h>
#include <qgsfeaturerequest.h>
#include <qgsproject.h>
#include <qgssettings.h>
#include <qgsvectorlayer.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace recheck::archiveui {

namespace {

// The same query on either kind of master (plain SQL both understand).
QList<QPair<QString, QString>> readCodes(const QString& masterPath, const QString& sql, QString* error) {
    QList<QPair<QString, QString>> rows;
    try {
        if (recheck::plugins::isPostgresLocation(masterPath)) {
            PgConnection pg(recheck::plugins::resolveMasterLocation(masterPath));
            const PgResult result = pg.query(sql);
            for (int row = 0; row < result.rows(); ++row)
                rows.append({result.text(row, 0), result.text(row, 1)});
            return rows;
        }
        SqliteDatabase db(masterPath, SqliteDatabase::Mode::ReadOnly);
        SqliteStatement st(db, sql);
        while (st.step())
            rows.append({st.text(0), st.text(1)});
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        rows.clear();
    }
    return rows;
}

} // namespace

QString currentStaffId() {
    const QString staff = QgsSettings().value(QStringLiteral("recheck/staffId")).toString().trimmed();
    return staff.isEmpty() ? PackageWriter::loginName() : staff;
}

QList<QPair<QString, QString>> readDistricts(const QString& masterPath, QString* error) {
    return readCodes(masterPath, QStringLiteral("SELECT code, name FROM districts ORDER BY code"), error);
}

QList<QPair<QString, QString>> readStaff(const QString& masterPath, QString* error) {
    return readCodes(masterPath, QStringLiteral("SELECT code, name FROM staff ORDER BY code"), error);
}

CheckoutOutcome checkOutPackage(const QString& masterPath, const QStringList& districtCodes,
                                const QString& assignee, const QString& destinationFolder,
                                const std::function<bool(double)>& progress, bool zip) {
    CheckoutOutcome outcome;
    const QString packagePath =
        QDir(destinationFolder).absoluteFilePath(PackageWriter::defaultFileName(districtCodes));
    CheckoutOptions options;
    options.districtCodes = districtCodes;
    options.assignee = assignee;
    // Remember a cancel so that the caller can say "cancelled" rather than
    // show whatever error the interrupted check-out ends with.
    bool cancelled = false;
    options.progress = [&progress, &cancelled](double fraction) {
        if (!progress || progress(fraction))
            return true;
        cancelled = true;
        return false;
    };
    try {
        const CheckoutResult result = openMasterStore(recheck::plugins::resolveMasterLocation(masterPath))
                                          ->checkout(packagePath, options);
        // A cancelled check-out returns an empty result and leaves no file.
        if (cancelled || result.packagePath.isEmpty()) {
            outcome.cancelled = true;
            return outcome;
        }
        outcome.ok = true;
        outcome.packagePath = result.packagePath;
        outcome.rows = result.rows;
    } catch (const std::exception& e) {
        outcome.cancelled = cancelled;
        outcome.error = QString::fromUtf8(e.what());
        return outcome;
    }
    const QFileInfo package(outcome.packagePath);
    const QString projectPath =
        package.absolutePath() + QLatin1Char('/') + package.completeBaseName() + QStringLiteral(".qgz");
    QString projectError;
    if (recheck::qgis::writeArchiveProject(outcome.packagePath, projectPath, &projectError))
        outcome.projectPath = projectPath;
    else
        outcome.projectError = projectError;
    if (zip) {
        try {
            outcome.zipPath = PackageZip::bundle(outcome.packagePath);
        } catch (const std::exception& e) {
            // The package stands on its own; say why it is not zipped.
            outcome.error = QString::fromUtf8(e.what());
        }
    }
    return outcome;
}

CheckinOutcome checkInPackage(const QString& masterPath, const QString& packagePath, const QString& who,
                              const std::function<bool(double)>& progress) {
    CheckinOutcome outcome;
    try {
        CheckinOptions options;
        options.checkedInBy = who;
        options.progress = progress;
        outcome.report = openMasterStore(recheck::plugins::resolveMasterLocation(masterPath))
                             ->checkin(packagePath, options);
    } catch (const std::exception& e) {
        outcome.error = QString::fromUtf8(e.what());
    }
    return outcome;
}

QStringList selectedDistrictCodes(const QString& masterPath, const QgsProject* project) {
    QStringList codes;
    if (masterPath.trimmed().isEmpty() || !project)
        return codes;
    for (QgsMapLayer* layer : project->mapLayers()) {
        auto* vector = qobject_cast<QgsVectorLayer*>(layer);
        // A customerarchive layer of the file, or a postgres layer of the
        // PostgreSQL master.
        if (!vector || vector->selectedFeatureCount() == 0 ||
            recheck::plugins::masterTableOfLayer(vector, masterPath) != QLatin1String("districts"))
            continue;
        const int codeField = vector->fields().lookupField(QStringLiteral("code"));
        if (codeField < 0)
            continue;
        QgsFeatureRequest request;
        request.setFlags(QgsFeatureRequest::NoGeometry).setSubsetOfAttributes(QgsAttributeList{codeField});
        QgsFeatureIterator features = vector->getSelectedFeatures(request);
        QgsFeature feature;
        while (features.nextFeature(feature)) {
            const QString code = feature.attribute(codeField).toString();
            if (!code.isEmpty() && !codes.contains(code))
                codes << code;
        }
    }
    codes.sort();
    return codes;
}

ConflictTableModel::ConflictTableModel(QObject* parent) : QAbstractTableModel(parent) {}

bool ConflictTableModel::setMaster(const QString& masterPath, bool includeResolved, QString* error) {
    mMasterPath = masterPath;
    mIncludeResolved = includeResolved;
    return reload(error);
}

bool ConflictTableModel::reload(QString* error) {
    beginResetModel();
    mConflicts.clear();
    bool ok = true;
    if (!mMasterPath.isEmpty()) {
        try {
            mConflicts = openMasterStore(recheck::plugins::resolveMasterLocation(mMasterPath))
                             ->conflicts(mIncludeResolved);
        } catch (const std::exception& e) {
            ok = false;
            if (error)
                *error = QString::fromUtf8(e.what());
        }
    }
    endResetModel();
    return ok;
}

int ConflictTableModel::rowOf(qint64 id) const {
    for (int i = 0; i < mConflicts.size(); ++i)
        if (mConflicts.at(i).id == id)
            return i;
    return -1;
}

bool ConflictTableModel::resolve(int row, ConflictChoice choice, const QVariant& value, const QString& who,
                                 QString* error) {
    if (row < 0 || row >= mConflicts.size()) {
        if (error)
            *error = tr("No conflict selected");
        return false;
    }
    try {
        openMasterStore(recheck::plugins::resolveMasterLocation(mMasterPath))
            ->resolve(mConflicts.at(row).id, choice, value, who);
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        // Someone else may have resolved it meanwhile: show what is true now.
        reload();
        return false;
    }
    return reload(error);
}

int ConflictTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : mConflicts.size();
}

int ConflictTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConflictTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= mConflicts.size())
        return {};
    const SyncConflict& c = mConflicts.at(index.row());
    if (role == Qt::UserRole)
        return c.id;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return c.id;
    case TableColumn:
        return c.table;
    case RowColumn:
        return c.uuid;
    case FieldColumn:
        return c.isRowLevel() ? tr("(whole row)") : c.field;
    case KindColumn:
        return role == Qt::ToolTipRole && !c.detail.isEmpty() ? c.detail : c.kind;
    default:
        return {};
    }
}

QVariant ConflictTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("Id");
    case TableColumn:
        return tr("Table");
    case RowColumn:
        return tr("Row");
    case FieldColumn:
        return tr("Field");
    case KindColumn:
        return tr("Kind");
    default:
        return {};
    }
}

QString ConflictTableModel::displayValue(const QVariant& value) {
    if (value.isNull())
        return tr("NULL");
    if (value.type() == QVariant::ByteArray)
        return tr("<%n byte(s)>", nullptr, value.toByteArray().size());
    return value.toString();
}

} // namespace recheck::archiveui
