#include "PgMasterLayers.h"

#include "ArchiveStyles.h"
#include "ArchiveTableSchema.h"
#include "MasterLocation.h"
#include "RecheckQgis.h"
#include "master/PgConnection.h"

#include <qgsdatasourceuri.h>
#include <qgseditformconfig.h>
#include <qgsvectorlayer.h>
#include <qgsvectorlayerlabeling.h>

#include <QCoreApplication>
#include <QMap>

#include <exception>

namespace recheck::plugins {

namespace {

struct MasterGeometryTable {
    QString table;
    QString geometryColumn;
};

// The description the shared styles work from, taken from the layer itself
// (field indexes then match the layer's).
qgis::ArchiveTableSchema styleSchema(const QgsVectorLayer& layer, const QString& table,
                                     const QString& geometryColumn) {
    qgis::ArchiveTableSchema schema;
    schema.table = table;
    schema.geometry.name = geometryColumn;
    const QgsFields fields = layer.fields();
    for (int i = 0; i < fields.count(); ++i) {
        qgis::ArchiveColumn column;
        column.name = fields.at(i).name();
        column.primaryKey = column.name == QLatin1String("fid");
        schema.columns << column;
    }
    schema.keyColumn = fields.lookupField(QStringLiteral("fid"));
    schema.stamped = fields.lookupField(QStringLiteral("row_version")) >= 0;
    return schema;
}

} // namespace

QList<QgsMapLayer*> createPostgresMasterLayers(const QString& location, QString* error,
                                               const QStringList& onlyTables) {
    const auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return QList<QgsMapLayer*>();
    };
    QString schemaName;
    QList<MasterGeometryTable> tables;
    QMap<QString, QList<QPair<QString, QString>>> codeLists;
    try {
        PgConnection pg(resolveMasterLocation(location));
        schemaName = pg.scalar(QStringLiteral("SELECT current_schema()")).toString();
        // Partitions of customers, visits … are in geometry_columns too; the
        // layer is their parent.
        const PgResult geometries = pg.query(
            QStringLiteral("SELECT g.f_table_name, g.f_geometry_column FROM geometry_columns g "
                           "JOIN pg_namespace n ON n.nspname = g.f_table_schema "
                           "JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = g.f_table_name "
                           "WHERE g.f_table_schema = $1 AND NOT c.relispartition ORDER BY 1"),
            {schemaName});
        QStringList names;
        QMap<QString, QString> geometryColumns;
        for (int row = 0; row < geometries.rows(); ++row) {
            if (!onlyTables.isEmpty() && !onlyTables.contains(geometries.text(row, 0)))
                continue;
            names << geometries.text(row, 0);
            geometryColumns.insert(geometries.text(row, 0), geometries.text(row, 1));
        }
        for (const QString& table : qgis::archiveLayerOrder(names))
            tables.append({table, geometryColumns.value(table)});
        const PgResult codes =
            pg.query(QStringLiteral("SELECT list, code, %1 FROM code_lists ORDER BY list, sort_order, code")
                         .arg(qgis::codeListLabelColumn()));
        for (int row = 0; row < codes.rows(); ++row)
            codeLists[codes.text(row, 0)].append({codes.text(row, 1), codes.text(row, 2)});
    } catch (const std::exception& e) {
        return fail(QString::fromUtf8(e.what()));
    }
    if (tables.isEmpty())
        return fail(QCoreApplication::translate("PgMasterLayers", "%1: no tables with geometry in schema %2")
                        .arg(masterDisplayName(location), schemaName));
    const qgis::CodeListReader codeListOf = [&codeLists](const QString& list) {
        return codeLists.value(list);
    };

    QList<QgsMapLayer*> layers;
    QgsVectorLayer::LayerOptions options;
    options.loadDefaultStyle = false;
    for (const MasterGeometryTable& t : qAsConst(tables)) {
        QgsDataSourceUri uri = postgresUri(location);
        // fid comes from one sequence per table, so it identifies a row
        // across the county partitions; QGIS need not count to be sure.
        uri.setDataSource(schemaName, t.table, t.geometryColumn, QString(), QStringLiteral("fid"));
        uri.setParam(QStringLiteral("checkPrimaryKeyUnicity"), QStringLiteral("0"));
        uri.setUseEstimatedMetadata(true);
        auto* layer = new QgsVectorLayer(uri.uri(false), qgis::archiveLayerTitle(t.table),
                                         QStringLiteral("postgres"), options);
        if (!layer->isValid()) {
            const QString why = layer->error().summary();
            delete layer;
            qDeleteAll(layers);
            return fail(QCoreApplication::translate("PgMasterLayers", "Layer %1 of %2 is not valid: %3")
                            .arg(t.table, masterDisplayName(location), why));
        }
        const qgis::ArchiveTableSchema schema = styleSchema(*layer, t.table, t.geometryColumn);
        if (QgsFeatureRenderer* renderer = qgis::createDefaultRenderer(codeListOf, schema))
            layer->setRenderer(renderer);
        if (QgsAbstractVectorLayerLabeling* labeling = qgis::createDefaultLabeling(schema)) {
            layer->setLabeling(labeling);
            layer->setLabelsEnabled(true);
        }
        const QMap<int, QgsEditorWidgetSetup> widgets = qgis::codeListWidgets(codeListOf, schema);
        for (auto it = widgets.cbegin(); it != widgets.cend(); ++it)
            layer->setEditorWidgetSetup(it.key(), it.value());
        // Key, sync identity and stamps as on the SpatiaLite layers; the
        // county too: it is the partition key, derived from the district.
        QgsEditFormConfig form = layer->editFormConfig();
        for (int i = 0; i < schema.columns.size(); ++i)
            if (schema.isReadOnlyColumn(i) || schema.columns[i].name == QLatin1String("county"))
                form.setReadOnly(i, true);
        layer->setEditFormConfig(form);
        layers << layer;
    }
    return layers;
}

} // namespace recheck::plugins
