#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

namespace recheck {

class SqliteDatabase;
class SqliteStatement;

/// One match of a search, customer or district.
struct SearchHit {
    enum class Kind { Customer, District };
    /// Why it matched, best first: the ranking's first key.
    enum class Tier {
        ExactKey = 0,  ///< account number, meter asset number, phone or district code equal to the query
        KeyPrefix = 1, ///< one of those keys starts with the query, or the name equals it
        Text = 2,      ///< the query's terms occur in the text (ranked by bm25)
    };
    Kind kind = Kind::Customer;
    Tier tier = Tier::Text;
    std::int64_t fid = 0; ///< the row's fid (= the QGIS feature id of the archive layers)
    QString key;          ///< account number or district code
    QString name;
    QString address;  ///< customers only
    QString phone;    ///< customers only
    QString meterNo;  ///< customers only
    QString district; ///< customers: their district's code
    double score = 0; ///< within a tier: smaller is better (bm25 is negative)
};

struct SearchOptions {
    int limit = 20; ///< most hits returned (customers and districts together)
    bool customers = true;
    bool districts = true;
};

/// Ranked customer and district search over one archive, through the
/// SearchIndex tables. Holds prepared statements: keep one per connection and
/// thread. Archives without the index (older schema) are searched too, with
/// slower LIKE scans, so the locator never fails on an old file.
class ArchiveSearch {
public:
    explicit ArchiveSearch(SqliteDatabase& db);
    ~ArchiveSearch();
    ArchiveSearch(const ArchiveSearch&) = delete;
    ArchiveSearch& operator=(const ArchiveSearch&) = delete;

    /// Hits for `query`, best first: exact keys, then key prefixes and exact
    /// names, then text matches. A query of 3+ characters ranks text matches
    /// by bm25 (name weighs more than address); one of 1–2 characters (a
    /// surname, part of a street) by tier — name starts with it, name
    /// contains it, address contains it — and within a tier the shorter
    /// field first, reading only the first rows of each tier.
    /// Whitespace separates terms that must all occur. Full-width digits and
    /// letters are folded (NFKC), case is ignored.
    std::vector<SearchHit> find(const QString& query, const SearchOptions& options = {});

    /// The query as searched: NFKC-folded, trimmed, inner whitespace collapsed.
    static QString normalized(const QString& query);

    /// The terms of a normalized query: those of 3+ characters for the trigram
    /// table, and those of 1–2 characters (runs of letters and digits, what
    /// the short table's tokenizer keeps) for the short table. Either may be
    /// empty.
    static void splitTerms(const QString& normalizedQuery, QStringList* longTerms, QStringList* shortTerms);
    /// FTS5 MATCH expressions for those terms: all trigram terms, and all
    /// short terms each in the name or the address. Either may be empty.
    static void matchExpressions(const QString& normalizedQuery, QString* trigram, QString* pairs);

private:
    struct Statements;
    /// Text matches through the index into `text` (score, fid); rows whose
    /// score is their field's length go to `lengthScored`. Returns whether
    /// `text` needs no bm25 ordering.
    bool findText(const QString& query, std::int64_t limit,
                  std::vector<std::pair<double, std::int64_t>>& text,
                  QHash<std::int64_t, std::pair<int, bool>>& lengthScored);
    void findByScan(const QString& query, std::int64_t limit,
                    std::vector<std::pair<double, std::int64_t>>& text);
    SqliteStatement& textStatement(int shape, const QString& sql);

    SqliteDatabase& mDb;
    std::unique_ptr<Statements> mSt;
    bool mIndexed = false;
};

} // namespace recheck
