#include "BasemapLayers.h"

#include "common/Sqlite.h"
#include "sync/BasemapClipper.h"

#include <qgslayertree.h>
#include <qgsproject.h>
#include <qgsrasterlayer.h>
#include <qgsvectorlayer.h>

#include <QCoreApplication>
#include <QFileInfo>

namespace recheck::qgis {

QList<QgsMapLayer*> createBasemapLayers(const QString& archivePath) {
    QList<QgsMapLayer*> layers;
    const QString path = BasemapClipper::basemapPathFor(QFileInfo(archivePath).absoluteFilePath());
    if (!QFileInfo::exists(path))
        return layers;
    struct Table {
        QString name;
        bool tiles;
    };
    QList<Table> tables;
    try {
        SqliteDatabase gpkg(path, SqliteDatabase::Mode::ReadOnly);
        // Rasters first (drawn first, so at the bottom), each kind in the
        // order the office listed the sources.
        SqliteStatement contents(gpkg, QStringLiteral("SELECT table_name, data_type FROM gpkg_contents "
                                                      "ORDER BY data_type = 'features', rowid"));
        while (contents.step())
            tables.append({contents.text(0), contents.text(1) == QLatin1String("tiles")});
    } catch (const RecheckError&) {
        return layers; // not a GeoPackage we can read: the package opens without it
    }
    for (const Table& table : qAsConst(tables)) {
        QgsMapLayer* layer = nullptr;
        if (table.tiles)
            layer = new QgsRasterLayer(QStringLiteral("GPKG:%1:%2").arg(path, table.name), table.name,
                                       QStringLiteral("gdal"));
        else
            layer = new QgsVectorLayer(QStringLiteral("%1|layername=%2").arg(path, table.name), table.name,
                                       QStringLiteral("ogr"));
        if (layer->isValid()) {
            // Reference data: nobody edits the basemap in the field.
            layer->setFlags(layer->flags() & ~QgsMapLayer::Identifiable);
            layers << layer;
        } else {
            delete layer;
        }
    }
    return layers;
}

int addBasemapLayers(QgsProject& project, const QString& archivePath) {
    const QList<QgsMapLayer*> layers = createBasemapLayers(archivePath);
    if (layers.isEmpty())
        return 0;
    project.addMapLayers(layers, false);
    QgsLayerTreeGroup* group =
        project.layerTreeRoot()->addGroup(QCoreApplication::translate("CustomerArchiveProvider", "Basemap"));
    for (auto it = layers.crbegin(); it != layers.crend(); ++it)
        group->addLayer(*it);
    return layers.size();
}

} // namespace recheck::qgis
