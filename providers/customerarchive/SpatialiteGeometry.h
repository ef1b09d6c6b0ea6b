#pragma once

// Decoding SpatiaLite's BLOB-Geometry without going through SQL functions:
// the bounding box sits in the blob header (so bbox checks cost no parsing),
// points are read directly, other types become WKB with a copy that only
// rewrites SpatiaLite's per-entity markers. Anything unusual (compressed
// geometries, big-endian blobs) goes through SpatiaLite's own parser.

#include <qgsgeometry.h>
#include <qgsrectangle.h>

namespace recheck::qgis {

struct BlobBounds {
    double xMin = 0, yMin = 0, xMax = 0, yMax = 0;

    bool intersects(const QgsRectangle& rect) const {
        return xMin <= rect.xMaximum() && xMax >= rect.xMinimum() && yMin <= rect.yMaximum() &&
               yMax >= rect.yMinimum();
    }
};

/// The geometry's bounding box from a SpatiaLite blob; false when the bytes
/// are not a SpatiaLite geometry.
bool spatialiteBlobBounds(const unsigned char* blob, int size, BlobBounds& bounds);

/// True when the blob holds a single point (its bounding box is exact).
bool spatialiteBlobIsPoint(const unsigned char* blob, int size);

/// The geometry of a SpatiaLite blob; a null QgsGeometry for bytes that are
/// not one.
QgsGeometry geometryFromSpatialiteBlob(const unsigned char* blob, int size);

} // namespace recheck::qgis
