#pragma once

// Basemap sources for the check-out tests, written as plain files (no GDAL
// in the tests): an RGB image (binary PPM) georeferenced by a GDAL VRT in
// EPSG:4490, and road lines as GeoJSON. Header-only: the unit and the QGIS
// suites both use it.

#include <QByteArray>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QStringList>

#include <cmath>

namespace recheck::test {

struct BasemapBox {
    double xMin, yMin, xMax, yMax;
};

/// An RGB raster of `width` × `height` pixels covering `box` (EPSG:4490): a
/// colour gradient with darker grid lines every 16 pixels, so a clipped,
/// resampled copy is recognisably not empty. Returns the VRT's path.
inline QString writeBasemapRaster(const QString& folder, const BasemapBox& box, int width = 512,
                                  int height = 512) {
    const QString ppm = folder + QStringLiteral("/imagery.ppm");
    const QString vrt = folder + QStringLiteral("/imagery.vrt");
    QByteArray bytes = QStringLiteral("P6\n%1 %2\n255\n").arg(width).arg(height).toLatin1();
    bytes.reserve(bytes.size() + width * height * 3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const bool grid = x % 16 == 0 || y % 16 == 0;
            bytes.append(static_cast<char>(grid ? 40 : 80 + (x * 150) / width));
            bytes.append(static_cast<char>(grid ? 40 : 200 - (y * 120) / height));
            bytes.append(static_cast<char>(grid ? 40 : 120));
        }
    QFile image(ppm);
    if (!image.open(QIODevice::WriteOnly) || image.write(bytes) != bytes.size())
        return {};
    image.close();
    const double dx = (box.xMax - box.xMin) / width;
    const double dy = (box.yMax - box.yMin) / height;
    QString xml = QStringLiteral("<VRTDataset rasterXSize=\"%1\" rasterYSize=\"%2\">\n"
                                 "  <SRS>EPSG:4490</SRS>\n"
                                 "  <GeoTransform>%3, %4, 0, %5, 0, -%6</GeoTransform>\n")
                      .arg(width)
                      .arg(height)
                      .arg(box.xMin, 0, 'g', 17)
                      .arg(dx, 0, 'g', 17)
                      .arg(box.yMax, 0, 'g', 17)
                      .arg(dy, 0, 'g', 17);
    const char* colours[] = {"Red", "Green", "Blue"};
    for (int band = 1; band <= 3; ++band)
        xml += QStringLiteral(
                   "  <VRTRasterBand dataType=\"Byte\" band=\"%1\">\n"
                   "    <ColorInterp>%2</ColorInterp>\n"
                   "    <SimpleSource><SourceFilename relativeToVRT=\"1\">imagery.ppm</SourceFilename>"
                   "<SourceBand>%1</SourceBand></SimpleSource>\n"
                   "  </VRTRasterBand>\n")
                   .arg(band)
                   .arg(QString::fromLatin1(colours[band - 1]));
    xml += QStringLiteral("</VRTDataset>\n");
    QFile file(vrt);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(xml.toUtf8());
    return vrt;
}

/// `lines` east–west and `lines` north–south roads spanning `box`, plus one
/// road far outside it (100 km east) that a clip must drop. Returns the
/// GeoJSON's path.
inline QString writeBasemapRoads(const QString& folder, const BasemapBox& box, int lines = 8) {
    QStringList features;
    const auto line = [&](double x0, double y0, double x1, double y1, const QString& name) {
        features << QStringLiteral("{\"type\":\"Feature\",\"properties\":{\"name\":\"%1\"},\"geometry\":"
                                   "{\"type\":\"LineString\",\"coordinates\":[[%2,%3],[%4,%5]]}}")
                        .arg(name)
                        .arg(x0, 0, 'g', 17)
                        .arg(y0, 0, 'g', 17)
                        .arg(x1, 0, 'g', 17)
                        .arg(y1, 0, 'g', 17);
    };
    for (int i = 0; i < lines; ++i) {
        const double y = box.yMin + (box.yMax - box.yMin) * (i + 0.5) / lines;
        const double x = box.xMin + (box.xMax - box.xMin) * (i + 0.5) / lines;
        line(box.xMin, y, box.xMax, y, QStringLiteral("east-west %1").arg(i));
        line(x, box.yMin, x, box.yMax, QStringLiteral("north-south %1").arg(i));
    }
    line(box.xMax + 1.0, box.yMin, box.xMax + 1.1, box.yMax, QStringLiteral("far away"));
    const QString path = folder + QStringLiteral("/roads.geojson");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QStringLiteral("{\"type\":\"FeatureCollection\",\"features\":[%1]}")
                   .arg(features.join(QLatin1Char(',')))
                   .toUtf8());
    return path;
}

/// Web-mercator metres of a longitude/latitude (EPSG:3857's formulas).
inline void toWebMercator(double lon, double lat, double* x, double* y) {
    const double r = 6378137.0;
    *x = r * lon * M_PI / 180.0;
    *y = r * std::log(std::tan(M_PI / 4 + lat * M_PI / 360.0));
}

} // namespace recheck::test
