#pragma once

#include <QList>
#include <QString>

class QgsMapLayer;
class QgsProject;

namespace recheck::qgis {

/// The layers of a package's offline basemap (`<package base name>.gpkg`
/// beside it, written by check-out's BasemapClipper): tile tables through
/// QGIS's gdal provider, vector tables through ogr, bottom to top as the
/// office listed them (rasters below vectors). Empty when there is no
/// basemap. The caller owns the layers.
QList<QgsMapLayer*> createBasemapLayers(const QString& archivePath);

/// Adds createBasemapLayers() to `project` in a "Basemap" group at the bottom
/// of the layer tree, under the archive layers. Returns how many it added.
int addBasemapLayers(QgsProject& project, const QString& archivePath);

} // namespace recheck::qgis
