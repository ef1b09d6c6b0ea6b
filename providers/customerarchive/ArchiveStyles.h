#pragma once

// Default styles of archive layers, built in C++ (no QML to keep in step with
// the schema): what a layer looks like when it is opened through the
// provider without a saved style.

#include "ArchiveTableSchema.h"

#include <qgseditorwidgetsetup.h>

#include <QList>
#include <QMap>
#include <QPair>

#include <functional>

class QgsAbstractVectorLayerLabeling;
class QgsFeatureRenderer;

namespace recheck::qgis {

/// A code list's (code, label) pairs in the UI language, sorted as the list
/// is, from wherever the master keeps its code_lists (a SpatiaLite archive,
/// or a PostgreSQL master whose layers use QGIS's own postgres provider).
using CodeListReader = std::function<QList<QPair<QString, QString>>(const QString& list)>;
/// The column of code_lists holding labels in the UI language (label_zh or label_en).
QString codeListLabelColumn();

/// The default renderer of a table, or nullptr to let QGIS choose. Code-list
/// categories take their labels from the archive's code_lists in the UI
/// language (zh_CN or English).
QgsFeatureRenderer* createDefaultRenderer(SqliteDatabase& db, const ArchiveTableSchema& schema);
QgsFeatureRenderer* createDefaultRenderer(const CodeListReader& codes, const ArchiveTableSchema& schema);

/// Labels for tables that need them (districts: code, name and progress %), else nullptr.
QgsAbstractVectorLayerLabeling* createDefaultLabeling(const ArchiveTableSchema& schema);

/// Value maps (drop-downs showing the code list's labels in the UI language)
/// for the table's code-list columns, by field index.
QMap<int, QgsEditorWidgetSetup> codeListWidgets(SqliteDatabase& db, const ArchiveTableSchema& schema);
QMap<int, QgsEditorWidgetSetup> codeListWidgets(const CodeListReader& codes,
                                                const ArchiveTableSchema& schema);

} // namespace recheck::qgis
