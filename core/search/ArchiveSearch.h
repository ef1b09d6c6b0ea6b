#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

namespace recheck {

class SqliteDatabase;

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
    /// names, then text matches by bm25 (name weighs more than address).
    /// Whitespace separates terms that must all occur. Full-width digits and
    /// letters are folded (NFKC), case is ignored.
    std::vector<SearchHit> find(const QString& query, const SearchOptions& options = {});

    /// The query as searched: NFKC-folded, trimmed, inner whitespace collapsed.
    static QString normalized(const QString& query);

    /// FTS5 MATCH expressions for the terms of a normalized query: the
    /// trigram part (terms of 3+ characters) and the pair part (1–2
    /// characters). Either may be empty.
    static void matchExpressions(const QString& normalizedQuery, QString* trigram, QString* pairs);

private:
    struct Statements;
    SqliteDatabase& mDb;
    std::unique_ptr<Statements> mSt;
    bool mIndexed = false;
};

} // namespace recheck
