#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

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
/// - `customer_search_short` (unicode61, contentless): name and address as
///   overlapping character pairs plus the last character alone, so 1- and
///   2-character queries (a surname, two characters of a street name), which
///   trigrams cannot answer, are index lookups too. The pairs are computed in
///   the triggers with built-in SQL only (json_each over a sequence), so the
///   triggers work in every SQLite connection, not just ours.
///
/// The index is not synced: every archive (master or package) builds its own.
/// Bulk loaders that drop the triggers on geometry tables (the demo generator,
/// check-out) call rebuild() after restoring them.
class SearchIndex {
public:
    static QString trigramTable() { return QStringLiteral("customer_search"); }
    static QString shortTable() { return QStringLiteral("customer_search_short"); }

    /// CREATE statements for both tables and the three triggers.
    static QStringList createStatements();
    static QStringList triggerNames();

    /// Empties and refills both tables from `customers`. Run inside the
    /// caller's transaction.
    static void rebuild(SqliteDatabase& db);

    /// Whether `db` has the index (archives of an older schema do not).
    static bool exists(SqliteDatabase& db);

    /// SQL expression splitting the text expression `value` into
    /// space-separated character pairs plus its last character (NULL for NULL
    /// or empty text): what customer_search_short indexes.
    static QString pairsExpression(const QString& value);
    /// The same in C++ for one text (NULL for empty text): what rebuild() writes.
    static QVariant pairs(const QString& text);
};

} // namespace recheck
