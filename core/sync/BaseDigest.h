#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <memory>

struct sqlite3_stmt;

namespace recheck {

class Sha256;
class SqliteDatabase;

/// The digest of a package's frozen base (every row of every sync_base_*
/// table): written at check-out into the package and into the master's record
/// of the check-out, recomputed at check-in, where a difference means the
/// base changed since (a damaged file) and the package is refused.
///
/// Two formats, told apart by their text:
///  - Per table (written since the base digest was taken table by table):
///    "2:" and the hex SHA-256 over "recheck-base-2" and, for each synced
///    table in ArchiveSchema::syncedTables() order, its name and the SHA-256
///    of its rows. The tables hash independently, so a check-out digests its
///    base on two connections at once, and a check-in digests each table
///    during its diff without holding any rows.
///  - Single stream (packages checked out by older builds; bare hex): one
///    SHA-256 over "recheck-base-1" and, for each table, its name and rows.
///    Still verified: those rows are held per table until the end.
/// A row is every column of `SELECT * FROM sync_base_T ORDER BY fid`, each as
/// appendSqlColumnForDigest encodes it.
class BaseDigest {
public:
    enum class Format { SingleStream, PerTable };

    /// The format a recorded digest was written in.
    static Format formatOf(const QString& digest);

    /// One table's part of a digest, fed its base rows in fid order.
    class TablePart {
    public:
        explicit TablePart(Format format);
        ~TablePart();
        TablePart(TablePart&&) noexcept;
        TablePart& operator=(TablePart&&) noexcept;

        /// Adds the current row of `statement` (every result column).
        void addRow(sqlite3_stmt* statement);
        qint64 rows() const { return mRows; }

    private:
        friend class BaseDigest;
        Format mFormat;
        std::unique_ptr<Sha256> mHash; ///< per table
        QByteArray mStream;            ///< single stream: the encoded rows
        qint64 mRows = 0;
    };

    /// The digest from every synced table's part, in syncedTables() order
    /// (`names` the tables', `parts` consumed).
    static QString combine(Format format, const QStringList& names, std::vector<TablePart>& parts);

    /// Reads the base of the package open as `db` on this connection.
    static QString compute(SqliteDatabase& db, Format format, qint64* rows = nullptr);

    /// The per-table digest of the package file at `path`, its tables read on
    /// two read-only connections (this thread and another), split by
    /// `rowsPerTable` (the check-out's counts; missing tables count as 0).
    static QString computeOnTwoConnections(const QString& path, const QHash<QString, qint64>& rowsPerTable,
                                           qint64* rows = nullptr);
};

} // namespace recheck
