#include "ArchiveDataItems.h"

#include "ArchiveConnectionPool.h"
#include "ArchiveLayerUri.h"
#include "ArchiveTableSchema.h"
#include "CustomerArchiveProvider.h"

#include "archive/Archive.h"

#include <qgslayeritem.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

namespace recheck::qgis {

namespace {

Qgis::BrowserLayerType layerTypeOf(const ArchiveTableSchema& schema) {
    if (!schema.hasGeometry())
        return Qgis::BrowserLayerType::TableLayer;
    // SpatiaLite codes: 1 point … 6 multipolygon, +1000/2000/3000 for Z/M/ZM.
    switch (schema.geometry.typeCode % 1000) {
    case 1:
    case 4:
        return Qgis::BrowserLayerType::Point;
    case 2:
    case 5:
        return Qgis::BrowserLayerType::Line;
    case 3:
    case 6:
        return Qgis::BrowserLayerType::Polygon;
    default:
        return Qgis::BrowserLayerType::Vector;
    }
}

} // namespace

bool isArchiveFile(const QString& path) {
    const QFileInfo info(path);
    if (!info.isFile())
        return false;
    const QString suffix = info.suffix().toLower();
    if (suffix != QLatin1String("sqlite") && suffix != QLatin1String("rchk"))
        return false;
    sqlite3* db = nullptr;
    bool archive = false;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr) ==
        SQLITE_OK) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db, "PRAGMA application_id", -1, &statement, nullptr) == SQLITE_OK &&
            sqlite3_step(statement) == SQLITE_ROW)
            archive = sqlite3_column_int(statement, 0) == Archive::kApplicationId;
        sqlite3_finalize(statement);
    }
    sqlite3_close(db); // also after a failed open, as SQLite asks
    return archive;
}

QString ArchiveDataItemProvider::name() {
    return CustomerArchiveProvider::providerKey();
}

QString ArchiveDataItemProvider::dataProviderKey() const {
    return CustomerArchiveProvider::providerKey();
}

int ArchiveDataItemProvider::capabilities() const {
    return QgsDataProvider::File;
}

QgsDataItem* ArchiveDataItemProvider::createDataItem(const QString& path, QgsDataItem* parentItem) {
    if (!isArchiveFile(path))
        return nullptr;
    return new ArchiveCollectionItem(parentItem, QFileInfo(path).fileName(), path);
}

ArchiveCollectionItem::ArchiveCollectionItem(QgsDataItem* parent, const QString& name, const QString& path)
    : QgsDataCollectionItem(parent, name, path, CustomerArchiveProvider::providerKey()) {
    setIconName(QStringLiteral("/mIconSpatialite.svg"));
    setToolTip(QCoreApplication::translate("CustomerArchiveProvider", "Recheck archive %1").arg(path));
}

// Runs on a browser worker thread: a pooled connection of its own.
QVector<QgsDataItem*> ArchiveCollectionItem::createChildren() {
    QVector<QgsDataItem*> children;
    const QString archivePath = path();
    try {
        Archive::schemaVersionOf(archivePath); // a newer schema: an error item, not layers
        ArchiveConnectionPool::Lease db = ArchiveConnectionPool::instance().acquire(archivePath);
        const QStringList tables = ArchiveTableSchema::layerTables(*db);
        for (const QString& table : tables) {
            const ArchiveTableSchema schema = ArchiveTableSchema::read(*db, table);
            ArchiveLayerUri uri;
            uri.path = archivePath;
            uri.table = schema.table;
            children << new QgsLayerItem(this, schema.table, archivePath + QLatin1Char('/') + schema.table,
                                         uri.toString(), layerTypeOf(schema),
                                         CustomerArchiveProvider::providerKey());
        }
    } catch (const RecheckError& e) {
        children << new QgsErrorItem(this, QString::fromStdString(e.what()),
                                     archivePath + QStringLiteral("/error"));
    }
    return children;
}

} // namespace recheck::qgis
