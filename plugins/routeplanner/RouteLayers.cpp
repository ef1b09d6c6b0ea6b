#include "RouteLayers.h"

#include <qgscoordinatereferencesystem.h>
#include <qgsgeometry.h>
#include <qgslabelobstaclesettings.h>
#include <qgslinestring.h>
#include <qgslinesymbol.h>
#include <qgsmaplayer.h>
#include <qgsmarkersymbol.h>
#include <qgspallabeling.h>
#include <qgspoint.h>
#include <qgssinglesymbolrenderer.h>
#include <qgstextbuffersettings.h>
#include <qgstextformat.h>
#include <qgsvectordataprovider.h>
#include <qgsvectorlayer.h>
#include <qgsvectorlayerlabeling.h>

#include <QCoreApplication>

#include <cmath>

namespace recheck::plugins {

namespace {

// lupdate files these calls under their namespace.
QString tr(const char* text) {
    return QCoreApplication::translate("recheck::plugins", text);
}

QgsField field(const QString& name, QVariant::Type type) {
    return QgsField(name, type);
}

void styleStops(QgsVectorLayer* layer) {
    QgsMarkerSymbol* symbol =
        QgsMarkerSymbol::createSimple({{QStringLiteral("name"), QStringLiteral("circle")},
                                       {QStringLiteral("color"), QStringLiteral("255,255,255")},
                                       {QStringLiteral("outline_color"), QStringLiteral("204,51,17")},
                                       {QStringLiteral("outline_width"), QStringLiteral("0.5")},
                                       {QStringLiteral("size"), QStringLiteral("2.6")}});
    layer->setRenderer(new QgsSingleSymbolRenderer(symbol));
    // The stop order is what the inspector follows: always drawn, on a halo.
    QgsPalLayerSettings label;
    label.fieldName = QStringLiteral("stop_order");
    label.placement = QgsPalLayerSettings::OverPoint;
    QgsTextFormat format;
    format.setSize(8);
    QgsTextBufferSettings buffer;
    buffer.setEnabled(true);
    buffer.setSize(0.8);
    format.setBuffer(buffer);
    label.setFormat(format);
    label.obstacleSettings().setIsObstacle(false);
    layer->setLabeling(new QgsVectorLayerSimpleLabeling(label));
    layer->setLabelsEnabled(true);
}

void styleLines(QgsVectorLayer* layer) {
    QgsLineSymbol* symbol =
        QgsLineSymbol::createSimple({{QStringLiteral("line_color"), QStringLiteral("204,51,17")},
                                     {QStringLiteral("line_width"), QStringLiteral("0.7")}});
    layer->setRenderer(new QgsSingleSymbolRenderer(symbol));
}

QgsVectorLayer* memoryLayer(const QString& geometry, const QgsCoordinateReferenceSystem& crs,
                            const QString& name, const QgsFields& fields) {
    auto* layer = new QgsVectorLayer(QStringLiteral("%1?crs=%2").arg(geometry, crs.authid()), name,
                                     QStringLiteral("memory"));
    layer->dataProvider()->addAttributes(fields.toList());
    layer->updateFields();
    return layer;
}

} // namespace

QgsFields routeLineFields() {
    QgsFields fields;
    fields.append(field(QStringLiteral("route"), QVariant::Int));
    fields.append(field(QStringLiteral("district"), QVariant::String));
    fields.append(field(QStringLiteral("stops"), QVariant::Int));
    fields.append(field(QStringLiteral("customers"), QVariant::Int));
    fields.append(field(QStringLiteral("length_m"), QVariant::Double));
    fields.append(field(QStringLiteral("minutes"), QVariant::Double));
    return fields;
}

QgsFields routeStopFields() {
    QgsFields fields;
    fields.append(field(QStringLiteral("route"), QVariant::Int));
    fields.append(field(QStringLiteral("district"), QVariant::String));
    fields.append(field(QStringLiteral("stop_order"), QVariant::Int));
    fields.append(field(QStringLiteral("customers"), QVariant::Int));
    fields.append(field(QStringLiteral("accounts"), QVariant::String));
    return fields;
}

QgsFeatureList routeLineFeatures(const routing::ArchiveRouteResult& result, const QgsFields& fields) {
    QgsFeatureList features;
    for (const routing::ArchiveRoute& route : result.routes) {
        QVector<double> x, y;
        for (const routing::Point& p : route.polyline) {
            x << p.x;
            y << p.y;
        }
        QgsFeature feature(fields);
        feature.setGeometry(QgsGeometry(new QgsLineString(x, y)));
        feature.setAttributes(QgsAttributes() << route.number << result.districtCode << route.stops
                                              << route.customers << route.lengthMetres << route.minutes());
        features << feature;
    }
    return features;
}

QgsFeatureList routeStopFeatures(const routing::ArchiveRouteResult& result, const QgsFields& fields) {
    QgsFeatureList features;
    for (const routing::ArchiveRoute& route : result.routes)
        for (const routing::ArchiveRouteStop& stop : route.stopSequence) {
            QgsFeature feature(fields);
            feature.setGeometry(QgsGeometry(new QgsPoint(stop.lon, stop.lat)));
            feature.setAttributes(QgsAttributes() << route.number << result.districtCode << stop.order
                                                  << static_cast<int>(stop.accounts.size())
                                                  << stop.accounts.join(QStringLiteral(", ")));
            features << feature;
        }
    return features;
}

QPair<QgsVectorLayer*, QgsVectorLayer*>
createRouteLayers(const std::vector<routing::ArchiveRouteResult>& results,
                  const QgsCoordinateReferenceSystem& crs, const QString& name) {
    QgsVectorLayer* lines =
        memoryLayer(QStringLiteral("LineString"), crs, tr("%1 routes").arg(name), routeLineFields());
    QgsVectorLayer* stops =
        memoryLayer(QStringLiteral("Point"), crs, tr("%1 stops").arg(name), routeStopFields());
    for (const routing::ArchiveRouteResult& result : results) {
        QgsFeatureList lineFeatures = routeLineFeatures(result, lines->fields());
        lines->dataProvider()->addFeatures(lineFeatures);
        QgsFeatureList stopFeatures = routeStopFeatures(result, stops->fields());
        stops->dataProvider()->addFeatures(stopFeatures);
    }
    lines->updateExtents();
    stops->updateExtents();
    styleLines(lines);
    styleStops(stops);
    return {lines, stops};
}

QString hoursMinutes(double minutes) {
    const long long rounded = std::llround(minutes);
    return QStringLiteral("%1:%2").arg(rounded / 60).arg(rounded % 60, 2, 10, QLatin1Char('0'));
}

} // namespace recheck::plugins
