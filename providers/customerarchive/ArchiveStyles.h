#pragma once

// Default styles of archive layers, built in C++ (no QML to keep in step with
// the schema): what a layer looks like when it is opened through the
// provider without a saved style.

#include "ArchiveTableSchema.h"

#include <qgseditorwidgetsetup.h>

#include <QMap>

class QgsAbstractVectorLayerLabeling;
class QgsFeatureRenderer;

namespace recheck::qgis {

/// The default renderer of a table, or nullptr to let QGIS choose. Code-list
/// categories take their labels from the archive's code_lists in the UI
/// language (zh_CN or English).
QgsFeatureRenderer* createDefaultRenderer(SqliteDatabase& db, const ArchiveTableSchema& schema);

/// Labels for tables that need them (districts: code, name and progress %), else nullptr.
QgsAbstractVectorLayerLabeling* createDefaultLabeling(const ArchiveTableSchema& schema);

/// Value maps (drop-downs showing the code list's labels in the UI language)
/// for the table's code-list columns, by field index.
QMap<int, QgsEditorWidgetSetup> codeListWidgets(SqliteDatabase& db, const ArchiveTableSchema& schema);

} // namespace recheck::qgis
