// createArchiveLayers and writeArchiveProject: what the CLI and the plugins use.

#include "TestArchives.h"
#include "TestSupport.h"

#include "RecheckQgis.h"

#include <qgscategorizedsymbolrenderer.h>
#include <qgslayertree.h>
#include <qgsproject.h>
#include <qgsprojectviewsettings.h>
#include <qgsvectorlayer.h>

#include <QFile>

#include <catch2/catch.hpp>

using namespace recheck::test;

TEST_CASE("createArchiveLayers gives the styled map layers of an archive, bottom to top") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("layers.sqlite"));
    createTestArchive(path, {50});
    QString error;
    const QList<QgsMapLayer*> layers = recheck::qgis::createArchiveLayers(path, &error);
    INFO(error.toStdString());
    REQUIRE(layers.size() == 6);
    QStringList tables;
    for (QgsMapLayer* layer : layers) {
        CHECK(layer->isValid());
        CHECK(layer->providerType() == QLatin1String("customerarchive"));
        tables << layer->source().section(QStringLiteral("layername="), 1);
    }
    // Visits below customers: status colours stay on top of visit fixes.
    CHECK(tables == QStringList{QStringLiteral("districts"), QStringLiteral("feeders"),
                                QStringLiteral("roads"), QStringLiteral("visits"), QStringLiteral("customers"),
                                QStringLiteral("staff")});
    auto* customers = qobject_cast<QgsVectorLayer*>(layers[4]);
    REQUIRE(customers);
    CHECK(customers->name() == QLatin1String("Customers"));
    auto* renderer = dynamic_cast<QgsCategorizedSymbolRenderer*>(customers->renderer());
    REQUIRE(renderer);
    CHECK(renderer->classAttribute() == QLatin1String("recheck_status"));
    CHECK(renderer->categories().size() == 5); // the five statuses
    const QgsEditorWidgetSetup widget =
        customers->editorWidgetSetup(customers->fields().indexOf(QStringLiteral("usage_category")));
    CHECK(widget.type() == QLatin1String("ValueMap"));
    CHECK(widget.config().value(QStringLiteral("map")).toList().size() == 5);
    auto* districts = qobject_cast<QgsVectorLayer*>(layers[0]);
    CHECK(districts->labelsEnabled());
    qDeleteAll(layers);

    SECTION("a non-archive gives no layers and a reason") {
        const QString notes = dir.file(QStringLiteral("notes.txt"));
        QFile file(notes);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write("hello");
        file.close();
        QString reason;
        CHECK(recheck::qgis::createArchiveLayers(notes, &reason).isEmpty());
        CHECK(reason.contains(QLatin1String("not a Recheck archive")));
    }
}

TEST_CASE("writeArchiveProject writes a project with relative paths that re-reads with valid layers") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("master.sqlite"));
    createTestArchive(path, {120});
    const QString projectPath = dir.file(QStringLiteral("archive.qgs"));
    QString error;
    REQUIRE(recheck::qgis::writeArchiveProject(path, projectPath, &error));
    CHECK(error.isEmpty());

    QFile file(projectPath);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QString xml = QString::fromUtf8(file.readAll());
    CHECK(xml.contains(QLatin1String("./master.sqlite|layername=customers")));
    CHECK_FALSE(xml.contains(dir.path() + QStringLiteral("/master.sqlite")));
    CHECK(xml.contains(QLatin1String("theMapCanvas")));

    QgsProject project;
    REQUIRE(project.read(projectPath));
    CHECK(project.title() == QStringLiteral("测试县"));
    CHECK(project.crs().authid() == QLatin1String("EPSG:4490"));
    const QMap<QString, QgsMapLayer*> layers = project.mapLayers();
    CHECK(layers.size() == 6);
    for (QgsMapLayer* layer : layers) {
        INFO(layer->name().toStdString());
        CHECK(layer->isValid());
        CHECK(layer->source().startsWith(path));
    }
    // Tree top to bottom: staff first, districts last.
    const QList<QgsLayerTreeLayer*> tree = project.layerTreeRoot()->findLayers();
    REQUIRE(tree.size() == 6);
    CHECK(tree.first()->layer()->source().endsWith(QLatin1String("layername=staff")));
    CHECK(tree.last()->layer()->source().endsWith(QLatin1String("layername=districts")));
    const QgsRectangle view = project.viewSettings()->defaultViewExtent();
    CHECK(view.contains(QgsRectangle(113.6, 34.7, 113.7, 34.8)));
    CHECK(view.width() < 0.2);
}
