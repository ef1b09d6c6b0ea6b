#pragma once

// The face of the customer-archive provider library that the rest of the
// suite (the `recheck` CLI, the QGIS plugins, tests) codes against.

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

class QgsApplication;
class QgsMapLayer;

namespace recheck::qgis {

/// Registers the "customerarchive" provider with QgsProviderRegistry unless a
/// provider of that key is already registered (e.g. the module loaded from
/// QGIS's plugin folder), and its Browser item provider with QGIS's data item
/// provider registry unless one of that name is there. Returns true if it
/// registered the provider now.
bool registerCustomerArchiveProvider();

/// For the CLI and tests: sets QT_QPA_PLATFORM=offscreen when there is no
/// DISPLAY (qputenv before construction), builds QgsApplication(argc, argv,
/// false), setPrefixPath("/usr", true) (or $QGIS_PREFIX_PATH), initQgis(),
/// registers our provider. QGIS itself honours QGIS_CUSTOM_CONFIG_PATH for
/// the profile folder. The caller calls QgsApplication::exitQgis() at the end.
std::unique_ptr<QgsApplication> startHeadlessQgis(int& argc, char** argv);

/// The styled, editable layers of an archive, bottom to top (districts,
/// feeders, roads, visits, customers, staff, then any other geometry table)
/// through provider key customerarchive, each with its default style
/// (districts outlined with code + name + progress % labels, customers as
/// small circles categorised by recheck_status in a colour-blind-safe
/// palette) and the archive-maintained fields read-only in forms. Layer
/// names are translated. The caller owns the layers. On failure returns an empty list
/// and sets *error.
QList<QgsMapLayer*> createArchiveLayers(const QString& archivePath, QString* error = nullptr);

/// The translated layer name of an archive table ("Districts", "Customers" …;
/// other tables keep their name). Also used for a PostgreSQL master's layers.
QString archiveLayerTitle(const QString& table);
/// Geometry tables in drawing order, bottom to top: districts, feeders,
/// roads, visits, customers, staff, then the others as given.
QStringList archiveLayerOrder(QStringList geometryTables);

/// Writes a QGIS project (.qgs/.qgz) with createArchiveLayers(), relative
/// paths, the map extent on the districts, project CRS = archive CRS, title =
/// archive name. Uses a project of its own, never QgsProject::instance().
/// Returns false and sets *error on failure.
bool writeArchiveProject(const QString& archivePath, const QString& projectPath, QString* error = nullptr);

} // namespace recheck::qgis
