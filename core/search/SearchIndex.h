#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

#include <string>
#include <vector>

namespace recheck {

class SqliteDatabase;

/// The customer search index: two FTS5 tables kept current by triggers on
/// `customers`, so an edit made with any tool (QGIS, sqlite3, a check-in) is
/// found at once.
///
/// - `customer_search` (trigram tokenizer, external content over customers):
///   substring matches of 3 or more characters in account number, meter asset
///   number, phone, name and address. Chinese text has no word breaks, so a
///   word tokenizer would only find whole fields; trigrams find any fragment.
/// - `customer_search_short` (unicode61, contentless, detail=none): the
///   single characters and overlapping character pairs of name and address,
///   so 1- and 2-character queries (a surname, two characters of a street
///   name), which trigrams cannot answer, are one term each. Name terms carry
///   a private-use marker (U+E001) and the name's first character and first
///   pair another one (U+E000), so "name starts with", "name contains" and
///   "address contains" are three separate doclists: a ranked query reads
///   them tier by tier in rowid order and stops after the few rows it shows,
///   however common the character (a whole county shares 县). No positions
///   are stored (detail=none): every term is one token, nothing is a phrase.
///   The terms are computed in the triggers with built-in SQL only (json_each
///   over a sequence), so the triggers work in every SQLite connection, not
///   just ours.
///
/// The index is not synced: every archive (master or package) builds its own.
/// Bulk loaders that drop the triggers on geometry tables (the demo generator,
/// check-out, the importer) call rebuild() after restoring them.
class SearchIndex {
public:
    static QString trigramTable() { return QStringLiteral("customer_search"); }
    static QString shortTable() { return QStringLiteral("customer_search_short"); }

    /// CREATE statements for both tables and the three triggers.
    static QStringList createStatements();
    static QStringList triggerNames();

    /// Empties and refills both tables from `customers`. Run inside the
    /// caller's transaction. Builds each table in one pass with FTS5's
    /// automatic merging off and a large in-memory buffer (one segment
    /// written, not hundreds merged), then puts FTS5's defaults back for the
    /// triggers' small writes.
    static void rebuild(SqliteDatabase& db);

    /// Whether `db` has the index (archives of an older schema do not).
    static bool exists(SqliteDatabase& db);

    /// Brings an index of an older shape (a short table with positions and a
    /// prefix index, pairs only) to this one and refills it; a no-op when it
    /// has this shape already or there is no index. For the schema migration.
    static void upgrade(SqliteDatabase& db);

    /// Markers of the short table's name terms (see the class comment).
    static QChar nameHeadMarker() { return QChar(0xE000); }
    static QChar nameMarker() { return QChar(0xE001); }

    /// SQL expression of the short table's terms for a customer row, from the
    /// text expressions `name` and `address` (what the triggers index).
    static QString shortTermsExpression(const QString& name, const QString& address);
    /// The same in C++ (what rebuild() writes); null values and empty texts
    /// contribute nothing, as in SQL.
    static QString shortTerms(const QVariant& name, const QVariant& address);
    /// The same from UTF-8 bytes (nullptr for NULL) into `out`, without a
    /// QString per row; `starts` is scratch space kept across rows.
    static void shortTermsUtf8(std::string& out, const char* name, int nameBytes, const char* address,
                               int addressBytes, std::vector<int>& starts);

    /// Replaces the index tables of `into` (FTS5's shadow tables: segments,
    /// term index, document sizes, configuration) with those of a database
    /// attached to `into` as `attachedSchema` (attached before the caller's
    /// transaction), an index built elsewhere over the same rows under the
    /// same fids: INSERT … SELECT, which moves the records as they are.
    /// Inside the caller's transaction on `into`, before this connection
    /// reads or writes the index through FTS5 in that transaction.
    static void copyIndex(SqliteDatabase& into, const QString& attachedSchema);

    /// FTS5 settings for one large write into both tables (automerge off, a
    /// large in-memory buffer for each table, a page cache of at least
    /// 64 MiB), FTS5's defaults put back on destruction. rebuild() uses it;
    /// so do builders that add the rows themselves.
    class BulkWrite {
    public:
        explicit BulkWrite(SqliteDatabase& db, qint64 trigramHashBytes = defaultBulkHashBytes(),
                           qint64 shortHashBytes = defaultBulkHashBytes());
        ~BulkWrite();
        BulkWrite(const BulkWrite&) = delete;
        BulkWrite& operator=(const BulkWrite&) = delete;

    private:
        void configure(const QString& table, qint64 automerge, qint64 hashBytes);
        SqliteDatabase& mDb;
        qint64 mCacheSize = 0;
    };
    static qint64 defaultBulkHashBytes();
};

} // namespace recheck
