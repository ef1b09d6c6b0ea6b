#pragma once

// The archive in QGIS's Browser panel: a Recheck archive file (*.sqlite,
// *.rchk) shows as a collection that expands into its layers, each a
// QgsLayerItem of provider customerarchive that can be dragged onto the map.

#include <qgsdatacollectionitem.h>
#include <qgsdataitemprovider.h>

namespace recheck::qgis {

/// True when `path` is an SQLite file whose application_id is Recheck's. A
/// plain read-only sqlite3 open (no SpatiaLite), cheap enough for browsing.
bool isArchiveFile(const QString& path);

class ArchiveDataItemProvider final : public QgsDataItemProvider {
public:
    QString name() override;
    QString dataProviderKey() const override;
    int capabilities() const override;
    QgsDataItem* createDataItem(const QString& path, QgsDataItem* parentItem) override;
};

/// One archive file; its children are the archive's layer tables.
class ArchiveCollectionItem final : public QgsDataCollectionItem {
    Q_OBJECT

public:
    ArchiveCollectionItem(QgsDataItem* parent, const QString& name, const QString& path);
    QVector<QgsDataItem*> createChildren() override;
};

} // namespace recheck::qgis
