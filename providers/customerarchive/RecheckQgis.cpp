#include "RecheckQgis.h"

#include "ArchiveConnectionPool.h"
#include "ArchiveDataItems.h"
#include "ArchiveLayerUri.h"
#include "ArchiveStyles.h"
#include "ArchiveTableSchema.h"
#include "BasemapLayers.h"
#include "CustomerArchiveProvider.h"

#include "archive/Archive.h"

#include <qgsapplication.h>
#include <qgsdataitemproviderregistry.h>
#include <qgseditformconfig.h>
#include <qgslayertree.h>
#include <qgsmapsettings.h>
#include <qgsproject.h>
#include <qgsprojectviewsettings.h>
#include <qgsproviderregistry.h>
#include <qgsreferencedgeometry.h>
#include <qgsvectorlayer.h>

#include <QCoreApplication>
#include <QDomDocument>
#include <QFileInfo>

namespace recheck::qgis {

namespace {

void setError(QString* error, const QString& message) {
    if (error)
        *error = message;
}

// Bottom to top: areas, then lines, then points. Visits sit below the
// customers: a customer's status colour must not hide under its visit fixes.
const char* const kLayerOrder[] = {"districts", "feeders", "roads", "visits", "customers", "staff"};

} // namespace

QString archiveLayerTitle(const QString& table) {
    if (table == QLatin1String("districts"))
        return QCoreApplication::translate("CustomerArchiveProvider", "Districts");
    if (table == QLatin1String("feeders"))
        return QCoreApplication::translate("CustomerArchiveProvider", "Feeders");
    if (table == QLatin1String("roads"))
        return QCoreApplication::translate("CustomerArchiveProvider", "Roads");
    if (table == QLatin1String("customers"))
        return QCoreApplication::translate("CustomerArchiveProvider", "Customers");
    if (table == QLatin1String("staff"))
        return QCoreApplication::translate("CustomerArchiveProvider", "Staff");
    if (table == QLatin1String("visits"))
        return QCoreApplication::translate("CustomerArchiveProvider", "Visits");
    return table;
}

QStringList archiveLayerOrder(QStringList geometryTables) {
    QStringList ordered;
    for (const char* preferred : kLayerOrder) {
        const QString table = QString::fromLatin1(preferred);
        if (geometryTables.removeAll(table) > 0)
            ordered << table;
    }
    return ordered + geometryTables;
}

namespace {

struct ArchiveFacts {
    QString name;
    int srid = 0;
    QStringList geometryTables; ///< in layer order, bottom to top
};

ArchiveFacts readArchiveFacts(const QString& path) {
    Archive::schemaVersionOf(path); // throws NotAnArchive / NewerSchema with a clear message
    ArchiveConnectionPool::Lease db = ArchiveConnectionPool::instance().acquire(path);
    ArchiveFacts facts;
    SqliteStatement meta(*db,
                         QStringLiteral("SELECT key, value FROM archive_meta WHERE key IN ('name', 'srid')"));
    while (meta.step()) {
        if (meta.text(0) == QLatin1String("name"))
            facts.name = meta.text(1);
        else
            facts.srid = meta.text(1).toInt();
    }
    QStringList others;
    const QStringList tables = ArchiveTableSchema::layerTables(*db);
    for (const QString& table : tables)
        if (ArchiveTableSchema::read(*db, table).hasGeometry())
            others << table;
    facts.geometryTables = archiveLayerOrder(others);
    return facts;
}

} // namespace

bool registerCustomerArchiveProvider() {
    QgsProviderRegistry* registry = QgsProviderRegistry::instance();
    bool registered = false;
    if (!registry->providerMetadata(CustomerArchiveProvider::providerKey()))
        registered = registry->registerProvider(new CustomerArchiveProviderMetadata());
    // The data item registry collects the providers' item providers once,
    // when it is first built: asking for it here builds it now if it was not
    // (then it holds ours already), else ours is added by hand, once.
    if (QgsDataItemProviderRegistry* items = QgsApplication::dataItemProviderRegistry()) {
        ArchiveDataItemProvider probe;
        if (!items->provider(probe.name()))
            items->addProvider(new ArchiveDataItemProvider());
    }
    return registered;
}

std::unique_ptr<QgsApplication> startHeadlessQgis(int& argc, char** argv) {
    // QgsApplication is a QApplication even without GUI: with no display it
    // needs the offscreen platform, set before construction.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    auto app = std::make_unique<QgsApplication>(argc, argv, false);
    const QString prefix = qEnvironmentVariableIsSet("QGIS_PREFIX_PATH")
                               ? qEnvironmentVariable("QGIS_PREFIX_PATH")
                               : QStringLiteral("/usr");
    // Without the prefix only QGIS's built-in providers exist (no spatialite, ogr rasters …).
    QgsApplication::setPrefixPath(prefix, true);
    QgsApplication::initQgis();
    registerCustomerArchiveProvider();
    return app;
}

QList<QgsMapLayer*> createArchiveLayers(const QString& archivePath, QString* error) {
    const QString path = QFileInfo(archivePath).absoluteFilePath();
    ArchiveFacts facts;
    try {
        facts = readArchiveFacts(path);
    } catch (const RecheckError& e) {
        setError(error, QString::fromStdString(e.what()));
        return {};
    }
    if (facts.geometryTables.isEmpty()) {
        setError(error, QCoreApplication::translate("CustomerArchiveProvider",
                                                    "%1: the archive has no tables with geometry")
                            .arg(path));
        return {};
    }
    QList<QgsMapLayer*> layers;
    QgsVectorLayer::LayerOptions options;
    options.loadDefaultStyle = false;
    for (const QString& table : facts.geometryTables) {
        ArchiveLayerUri uri;
        uri.path = path;
        uri.table = table;
        auto* layer = new QgsVectorLayer(uri.toString(), archiveLayerTitle(table),
                                         CustomerArchiveProvider::providerKey(), options);
        if (!layer->isValid()) {
            setError(error,
                     QCoreApplication::translate("CustomerArchiveProvider", "Layer %1 of %2 is not valid: %3")
                         .arg(table, path,
                              layer->error().summary().isEmpty()
                                  ? QCoreApplication::translate("CustomerArchiveProvider",
                                                                "is the customerarchive provider registered?")
                                  : layer->error().summary()));
            delete layer;
            qDeleteAll(layers);
            return {};
        }
        if (QgsVectorDataProvider* provider = layer->dataProvider()) {
            if (QgsFeatureRenderer* renderer = provider->createRenderer())
                layer->setRenderer(renderer);
            if (QgsAbstractVectorLayerLabeling* labeling = provider->createLabeling()) {
                layer->setLabeling(labeling);
                layer->setLabelsEnabled(true);
            }
        }
        try {
            ArchiveConnectionPool::Lease db = ArchiveConnectionPool::instance().acquire(path);
            auto* provider = static_cast<CustomerArchiveProvider*>(layer->dataProvider());
            const QMap<int, QgsEditorWidgetSetup> widgets = codeListWidgets(*db, provider->schema());
            for (auto it = widgets.cbegin(); it != widgets.cend(); ++it)
                layer->setEditorWidgetSetup(it.key(), it.value());
        } catch (const RecheckError&) {
            // Without drop-downs the codes show as they are.
        }
        // Key, sync identity, stamps and derived values: shown, not edited.
        QgsEditFormConfig form = layer->editFormConfig();
        const QgsFields fields = layer->fields();
        for (int i = 0; i < fields.count(); ++i)
            if (fields.at(i).isReadOnly())
                form.setReadOnly(i, true);
        layer->setEditFormConfig(form);
        layers << layer;
    }
    return layers;
}

bool writeArchiveProject(const QString& archivePath, const QString& projectPath, QString* error) {
    const QString path = QFileInfo(archivePath).absoluteFilePath();
    ArchiveFacts facts;
    try {
        facts = readArchiveFacts(path);
    } catch (const RecheckError& e) {
        setError(error, QString::fromStdString(e.what()));
        return false;
    }
    const QList<QgsMapLayer*> layers = createArchiveLayers(path, error);
    if (layers.isEmpty())
        return false;

    QgsProject project;
    project.setFileName(QFileInfo(projectPath).absoluteFilePath());
    project.setFilePathStorage(Qgis::FilePathType::Relative);
    project.setTitle(facts.name.isEmpty() ? QFileInfo(path).completeBaseName() : facts.name);
    const QgsCoordinateReferenceSystem crs =
        facts.srid > 0 ? QgsCoordinateReferenceSystem(QStringLiteral("EPSG:%1").arg(facts.srid))
                       : layers.first()->crs();
    project.setCrs(crs);

    // Layer tree top to bottom: the reverse of the drawing order list.
    project.addMapLayers(layers, false);
    QgsLayerTree* root = project.layerTreeRoot();
    for (auto it = layers.crbegin(); it != layers.crend(); ++it)
        root->addLayer(*it);
    // A package's offline basemap, if check-out wrote one, under the archive layers.
    addBasemapLayers(project, path);

    QgsRectangle extent;
    const int districts = facts.geometryTables.indexOf(QStringLiteral("districts"));
    if (districts >= 0)
        extent = layers[districts]->extent();
    if (extent.isEmpty())
        for (QgsMapLayer* layer : layers)
            extent.combineExtentWith(layer->extent());
    if (!extent.isEmpty()) {
        extent.scale(1.05);
        project.viewSettings()->setDefaultViewExtent(QgsReferencedRectangle(extent, crs));
        // QGIS opens a project at its stored canvas extent; a project written
        // without a canvas has none, so store one as the canvas would.
        QObject::connect(&project, &QgsProject::writeProject, &project, [&](QDomDocument& doc) {
            QDomElement canvas = doc.createElement(QStringLiteral("mapcanvas"));
            canvas.setAttribute(QStringLiteral("name"), QStringLiteral("theMapCanvas"));
            canvas.setAttribute(QStringLiteral("annotationsVisible"), 1);
            QgsMapSettings settings;
            settings.setDestinationCrs(crs);
            settings.setExtent(extent);
            settings.writeXml(canvas, doc);
            doc.documentElement().appendChild(canvas);
        });
    }
    if (!project.write()) {
        setError(error, QCoreApplication::translate("CustomerArchiveProvider", "Cannot write project %1: %2")
                            .arg(projectPath, project.error()));
        return false;
    }
    return true;
}

} // namespace recheck::qgis
