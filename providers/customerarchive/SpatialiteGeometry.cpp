#include "SpatialiteGeometry.h"

#include <qgsgeometryfactory.h>
#include <qgspoint.h>
#include <qgswkbptr.h>

// sqlite3.h first: spatialite's headers use its types.
#include <sqlite3.h>

#include <spatialite/gaiageo.h>

#include <QtEndian>

#include <cstdint>
#include <cstring>
#include <memory>

namespace recheck::qgis {

namespace {

// BLOB-Geometry layout (SpatiaLite's documentation, "BLOB-Geometry format"):
// 0x00, endian, srid[4], mbr[4 doubles], 0x7C, class[4], body…, 0xFE; inside
// collections every entity starts with 0x69 where WKB has its byte order.
constexpr unsigned char kStart = 0x00;
constexpr unsigned char kLittleEndian = 0x01;
constexpr unsigned char kMbrEnd = 0x7C;
constexpr unsigned char kEntity = 0x69;
constexpr unsigned char kEnd = 0xFE;
constexpr int kHeaderBytes = 43; // up to and including the class type
// TinyPoint (SpatiaLite ≥ 4.3, opt-in): 0x00, 0x81, srid[4], class[1], coordinates, 0xFE.
constexpr unsigned char kTinyPointLittleEndian = 0x81;
constexpr int kTinyPointHeaderBytes = 7;

static_assert(Q_BYTE_ORDER == Q_LITTLE_ENDIAN, "the fast paths read little-endian doubles in place");

double readDouble(const unsigned char* p) {
    double value;
    std::memcpy(&value, p, sizeof value);
    return value;
}

std::uint32_t readUInt32(const unsigned char* p) {
    std::uint32_t value;
    std::memcpy(&value, p, sizeof value);
    return value;
}

bool isTinyPoint(const unsigned char* blob, int size) {
    return size >= kTinyPointHeaderBytes + 16 + 1 && blob[0] == kStart && blob[1] == kTinyPointLittleEndian &&
           blob[size - 1] == kEnd;
}

bool isLittleEndianBlob(const unsigned char* blob, int size) {
    return size >= kHeaderBytes + 1 && blob[0] == kStart && blob[1] == kLittleEndian && blob[38] == kMbrEnd &&
           blob[size - 1] == kEnd;
}

int coordinateDimensions(std::uint32_t type) {
    switch (type / 1000) {
    case 0:
        return 2;
    case 1: // Z
    case 2: // M
        return 3;
    case 3: // ZM
        return 4;
    default:
        return 0;
    }
}

// Copies an uncompressed SpatiaLite body into WKB; returns false on anything
// it does not understand (the caller then asks SpatiaLite).
class WkbWriter {
public:
    WkbWriter(const unsigned char* data, const unsigned char* end, QByteArray& out)
        : mPos(data), mEnd(end), mOut(out) {}

    bool geometry(std::uint32_t type, bool insideCollection) {
        const int dims = coordinateDimensions(type);
        const std::uint32_t base = type % 1000;
        if (dims == 0 || base < 1 || base > 7 || (insideCollection && base > 3))
            return false;
        mOut.append(static_cast<char>(kLittleEndian));
        appendUInt32(type);
        const int pointBytes = dims * 8;
        switch (base) {
        case 1:
            return copy(pointBytes);
        case 2:
            return points(pointBytes);
        case 3: {
            std::uint32_t rings;
            if (!count(rings))
                return false;
            for (std::uint32_t i = 0; i < rings; ++i)
                if (!points(pointBytes))
                    return false;
            return true;
        }
        default: {
            std::uint32_t entities;
            if (!count(entities))
                return false;
            for (std::uint32_t i = 0; i < entities; ++i) {
                if (mEnd - mPos < 5 || *mPos != kEntity)
                    return false;
                const std::uint32_t entityType = readUInt32(mPos + 1);
                mPos += 5;
                if (!geometry(entityType, true))
                    return false;
            }
            return true;
        }
        }
    }

private:
    bool copy(std::ptrdiff_t bytes) {
        if (bytes < 0 || mEnd - mPos < bytes)
            return false;
        mOut.append(reinterpret_cast<const char*>(mPos), static_cast<int>(bytes));
        mPos += bytes;
        return true;
    }
    bool count(std::uint32_t& n) {
        if (mEnd - mPos < 4)
            return false;
        n = readUInt32(mPos);
        return copy(4);
    }
    bool points(int pointBytes) {
        std::uint32_t n;
        if (!count(n))
            return false;
        return copy(static_cast<std::ptrdiff_t>(n) * pointBytes);
    }
    void appendUInt32(std::uint32_t value) { mOut.append(reinterpret_cast<const char*>(&value), 4); }

    const unsigned char* mPos;
    const unsigned char* mEnd;
    QByteArray& mOut;
};

QgsGeometry geometryFromWkb(QByteArray& wkb) {
    QgsConstWkbPtr ptr(reinterpret_cast<const unsigned char*>(wkb.constData()), wkb.size());
    std::unique_ptr<QgsAbstractGeometry> geometry = QgsGeometryFactory::geomFromWkb(ptr);
    return geometry ? QgsGeometry(std::move(geometry)) : QgsGeometry();
}

QgsGeometry geometryThroughSpatialite(const unsigned char* blob, int size) {
    gaiaGeomCollPtr gaia = gaiaFromSpatiaLiteBlobWkb(blob, static_cast<unsigned int>(size));
    if (!gaia)
        return QgsGeometry();
    unsigned char* wkb = nullptr;
    int wkbSize = 0;
    gaiaToWkb(gaia, &wkb, &wkbSize);
    gaiaFreeGeomColl(gaia);
    if (!wkb)
        return QgsGeometry();
    QByteArray bytes(reinterpret_cast<const char*>(wkb), wkbSize);
    free(wkb);
    return geometryFromWkb(bytes);
}

} // namespace

bool spatialiteBlobBounds(const unsigned char* blob, int size, BlobBounds& bounds) {
    if (isLittleEndianBlob(blob, size)) {
        bounds.xMin = readDouble(blob + 6);
        bounds.yMin = readDouble(blob + 14);
        bounds.xMax = readDouble(blob + 22);
        bounds.yMax = readDouble(blob + 30);
        return true;
    }
    if (isTinyPoint(blob, size)) {
        bounds.xMin = bounds.xMax = readDouble(blob + kTinyPointHeaderBytes);
        bounds.yMin = bounds.yMax = readDouble(blob + kTinyPointHeaderBytes + 8);
        return true;
    }
    // Big-endian or damaged: ask SpatiaLite (rare, never on x86-written files).
    gaiaGeomCollPtr gaia =
        blob && size > 0 ? gaiaFromSpatiaLiteBlobWkb(blob, static_cast<unsigned int>(size)) : nullptr;
    if (!gaia)
        return false;
    gaiaMbrGeometry(gaia);
    bounds = {gaia->MinX, gaia->MinY, gaia->MaxX, gaia->MaxY};
    gaiaFreeGeomColl(gaia);
    return true;
}

bool spatialiteBlobIsPoint(const unsigned char* blob, int size) {
    if (isLittleEndianBlob(blob, size))
        return readUInt32(blob + 39) % 1000 == 1;
    return isTinyPoint(blob, size);
}

QgsGeometry geometryFromSpatialiteBlob(const unsigned char* blob, int size) {
    if (isLittleEndianBlob(blob, size)) {
        const std::uint32_t type = readUInt32(blob + 39);
        if (type == 1 && size == kHeaderBytes + 16 + 1) // the common case: an XY point
            return QgsGeometry(std::make_unique<QgsPoint>(readDouble(blob + kHeaderBytes),
                                                          readDouble(blob + kHeaderBytes + 8)));
        // A per-thread buffer: renderer threads decode concurrently.
        thread_local QByteArray wkb;
        if (wkb.capacity() < 1024)
            wkb.reserve(1024); // marks the capacity reserved: resize(0) keeps it
        wkb.resize(0);
        WkbWriter writer(blob + kHeaderBytes, blob + size - 1, wkb);
        if (writer.geometry(type, false))
            return geometryFromWkb(wkb);
    } else if (isTinyPoint(blob, size) && blob[6] == 1) {
        return QgsGeometry(std::make_unique<QgsPoint>(readDouble(blob + kTinyPointHeaderBytes),
                                                      readDouble(blob + kTinyPointHeaderBytes + 8)));
    }
    if (!blob || size <= 0)
        return QgsGeometry();
    return geometryThroughSpatialite(blob, size);
}

} // namespace recheck::qgis
