#include "SpatialIndexLoader.h"

#include "common/Sqlite.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace recheck {

namespace {

using Box = SpatialIndexLoader::Boxes::Box;

// SQLite's R*Tree keeps 32-bit floats rounded outwards.
float roundDown(double v) {
    float f = static_cast<float>(v);
    return f > v ? std::nextafter(f, -std::numeric_limits<float>::infinity()) : f;
}
float roundUp(double v) {
    float f = static_cast<float>(v);
    return f < v ? std::nextafter(f, std::numeric_limits<float>::infinity()) : f;
}

double readDouble(const unsigned char* p, bool littleEndian) {
    unsigned char bytes[8];
    for (int i = 0; i < 8; ++i)
        bytes[i] = littleEndian ? p[i] : p[7 - i];
    double d;
    std::memcpy(&d, bytes, 8);
    return d; // the machine is little-endian (x86-64, aarch64)
}

// SpatiaLite BLOB geometry: 0x00, endian flag (0x01 little), SRID (4),
// MBR min x, min y, max x, max y (4 doubles), 0x7C, then the geometry.
bool mbrOf(const unsigned char* blob, int size, double mbr[4]) {
    if (size < 39 || blob[0] != 0x00 || blob[38] != 0x7C || (blob[1] != 0x00 && blob[1] != 0x01))
        return false;
    const bool little = blob[1] == 0x01;
    for (int i = 0; i < 4; ++i)
        mbr[i] = readDouble(blob + 6 + 8 * i, little);
    return true;
}

template <typename T> void putBigEndian(std::string& out, std::size_t at, T value) {
    for (std::size_t k = 0; k < sizeof(T); ++k)
        out[at + k] = static_cast<char>((value >> (8 * (sizeof(T) - 1 - k))) & 0xFF);
}

// Sort-Tile-Recursive order: slices by x centre, each slice by y centre.
void packOrder(std::vector<Box>& boxes, std::size_t capacity) {
    const auto centreX = [](const Box& b) { return b.bounds[0] + b.bounds[1]; };
    const auto centreY = [](const Box& b) { return b.bounds[2] + b.bounds[3]; };
    std::stable_sort(boxes.begin(), boxes.end(),
                     [&](const Box& a, const Box& b) { return centreX(a) < centreX(b); });
    const std::size_t nodes = (boxes.size() + capacity - 1) / capacity;
    const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
    const std::size_t perSlice = slices * capacity;
    for (std::size_t begin = 0; begin < boxes.size(); begin += perSlice) {
        const auto first = boxes.begin() + static_cast<std::ptrdiff_t>(begin);
        const auto last =
            boxes.begin() + static_cast<std::ptrdiff_t>(std::min(boxes.size(), begin + perSlice));
        std::stable_sort(first, last, [&](const Box& a, const Box& b) { return centreY(a) < centreY(b); });
    }
}

} // namespace

void SpatialIndexLoader::Boxes::addPoint(std::int64_t rowid, double x, double y) {
    mBoxes.push_back({rowid, {roundDown(x), roundUp(x), roundDown(y), roundUp(y)}});
}

void SpatialIndexLoader::load(SqliteDatabase& db, const QString& table, const QString& column) {
    std::vector<Box> level;
    {
        SqliteStatement rows(
            db, QStringLiteral("SELECT fid, \"%1\" FROM \"%2\" WHERE \"%1\" IS NOT NULL ORDER BY fid")
                    .arg(column, table));
        double mbr[4];
        while (rows.step()) {
            const auto* blob = static_cast<const unsigned char*>(sqlite3_column_blob(rows.handle(), 1));
            if (!mbrOf(blob, sqlite3_column_bytes(rows.handle(), 1), mbr))
                throw RecheckError(QStringLiteral("%1: %2.%3 of fid %4 is not a SpatiaLite geometry")
                                       .arg(db.path(), table, column)
                                       .arg(rows.int64(0))
                                       .toStdString(),
                                   RecheckError::Kind::Database);
            level.push_back(
                {rows.int64(0), {roundDown(mbr[0]), roundUp(mbr[2]), roundDown(mbr[1]), roundUp(mbr[3])}});
        }
    }
    write(db, QStringLiteral("idx_%1_%2").arg(table, column), std::move(level));
}

void SpatialIndexLoader::load(SqliteDatabase& db, const QString& table, const QString& column, Boxes boxes) {
    write(db, QStringLiteral("idx_%1_%2").arg(table, column), std::move(boxes.mBoxes));
}

void SpatialIndexLoader::write(SqliteDatabase& db, const QString& rtree, std::vector<Box> level) {
    const int nodeSize =
        db.scalar(QStringLiteral("SELECT length(data) FROM \"%1_node\" WHERE nodeno = 1").arg(rtree)).toInt();
    const auto capacity = static_cast<std::size_t>(nodeSize - 4) / 24;
    if (capacity < 4 ||
        db.scalar(QStringLiteral("SELECT count(*) FROM \"%1_rowid\"").arg(rtree)).toInt() != 0)
        db.throwError(QStringLiteral("%1 is not an empty 2-D R*Tree").arg(rtree));

    db.exec(QStringLiteral("DELETE FROM \"%1_node\"; DELETE FROM \"%1_parent\"").arg(rtree));
    SqliteStatement node(db,
                         QStringLiteral("INSERT INTO \"%1_node\" (nodeno, data) VALUES (?, ?)").arg(rtree));
    SqliteStatement rowid(
        db, QStringLiteral("INSERT INTO \"%1_rowid\" (rowid, nodeno) VALUES (?, ?)").arg(rtree));
    SqliteStatement parent(
        db, QStringLiteral("INSERT INTO \"%1_parent\" (nodeno, parentnode) VALUES (?, ?)").arg(rtree));
    std::int64_t nextNode = 2; // 1 is the root
    int depth = 0;
    std::string blob;
    std::vector<std::pair<std::int64_t, std::int64_t>> leafOf; // row id, leaf node
    for (;;) {
        const bool root = level.size() <= capacity;
        if (!root)
            packOrder(level, capacity);
        std::vector<Box> above;
        for (std::size_t begin = 0; begin < level.size() || (root && begin == 0); begin += capacity) {
            const std::size_t end = std::min(level.size(), begin + capacity);
            const std::int64_t number = root ? 1 : nextNode++;
            blob.assign(static_cast<std::size_t>(nodeSize), '\0');
            putBigEndian(blob, 0, static_cast<std::uint16_t>(root ? depth : 0));
            putBigEndian(blob, 2, static_cast<std::uint16_t>(end - begin));
            Box bounds{number,
                       {std::numeric_limits<float>::max(), -std::numeric_limits<float>::max(),
                        std::numeric_limits<float>::max(), -std::numeric_limits<float>::max()}};
            for (std::size_t k = begin; k < end; ++k) {
                const Box& b = level[k];
                const std::size_t at = 4 + (k - begin) * 24;
                putBigEndian(blob, at, static_cast<std::uint64_t>(b.id));
                for (int c = 0; c < 4; ++c) {
                    std::uint32_t bits = 0;
                    std::memcpy(&bits, &b.bounds[c], 4);
                    putBigEndian(blob, at + 8 + 4 * static_cast<std::size_t>(c), bits);
                }
                bounds.bounds[0] = std::min(bounds.bounds[0], b.bounds[0]);
                bounds.bounds[1] = std::max(bounds.bounds[1], b.bounds[1]);
                bounds.bounds[2] = std::min(bounds.bounds[2], b.bounds[2]);
                bounds.bounds[3] = std::max(bounds.bounds[3], b.bounds[3]);
                if (depth == 0)
                    leafOf.emplace_back(b.id, number);
                else
                    parent.bind(1, static_cast<std::int64_t>(b.id)).bind(2, number).execute();
            }
            node.bind(1, number).bindBlob(2, blob.data(), nodeSize).execute();
            above.push_back(bounds);
            if (root)
                break;
        }
        if (depth == 0) {
            std::sort(leafOf.begin(), leafOf.end());
            for (const auto& [id, leaf] : leafOf)
                rowid.bind(1, static_cast<std::int64_t>(id))
                    .bind(2, static_cast<std::int64_t>(leaf))
                    .execute();
            leafOf.clear();
        }
        if (root)
            return;
        level = std::move(above);
        ++depth;
    }
}

} // namespace recheck
