#pragma once

#include <QString>

#include <cstdint>
#include <vector>

namespace recheck {

class SqliteDatabase;

/// Fills the empty SpatiaLite R*Tree of one geometry column in one pass:
/// reads each geometry's MBR from its blob header, packs the boxes
/// Sort-Tile-Recursive and writes the R*Tree's node, rowid and parent tables
/// directly. Inserting through the R*Tree module costs a choose-subtree and
/// occasional splits per row (~70 000 rows/s here); packing is an order of
/// magnitude faster and gives fuller nodes. Used by every bulk writer: the
/// demo generator and check-out.
class SpatialIndexLoader {
public:
    /// The bounding boxes of rows a bulk writer inserted, collected as it
    /// inserts them, so load() need not read the table back.
    class Boxes {
    public:
        struct Box {
            std::int64_t id;
            float bounds[4]; ///< xmin, xmax, ymin, ymax, as the R*Tree stores them
        };
        void reserve(std::size_t rows) { mBoxes.reserve(rows); }
        /// The row `rowid` has the point (x, y). Rows come in increasing
        /// rowid order.
        void addPoint(std::int64_t rowid, double x, double y);

    private:
        friend class SpatialIndexLoader;
        std::vector<Box> mBoxes;
    };

    /// Loads idx_<table>_<column> from the rows of table. Throws RecheckError
    /// when the R*Tree is missing or not empty. Runs in the caller's
    /// transaction.
    static void load(SqliteDatabase& db, const QString& table, const QString& column);
    /// The same from boxes collected while the rows were inserted: every
    /// row of the table with a geometry, each with its geometry's box.
    static void load(SqliteDatabase& db, const QString& table, const QString& column, Boxes boxes);

private:
    static void write(SqliteDatabase& db, const QString& rtree, std::vector<Boxes::Box> level);
};

} // namespace recheck
