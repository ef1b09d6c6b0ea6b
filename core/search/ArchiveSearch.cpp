#include "ArchiveSearch.h"

#include "SearchIndex.h"
#include "common/Sqlite.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace recheck {

namespace {

// Text matches read at most this many index entries before ranking: a
// one-character query can match a tenth of a county, and bm25 over all of
// them would cost more than the whole latency budget. Up to this many the
// ranking is exact; beyond it, the best of the first candidates are shown
// (the user refines the query anyway).
constexpr int kTextCandidates = 2000;

QString ftsPhrase(const QString& term) {
    QString quoted = term;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString likeEscaped(const QString& text) {
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    escaped.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return escaped;
}

// The smallest text greater than every text starting with `prefix` (binary
// collation compares UTF-8 bytes; U+10FFFF is the largest code point).
QString prefixUpperBound(const QString& prefix) {
    const uint last = 0x10FFFF;
    return prefix + QString::fromUcs4(&last, 1);
}

const char* const kCustomerColumns =
    "c.fid, c.account_no, c.name, c.address, c.phone, c.meter_asset_no, d.code";

} // namespace

struct ArchiveSearch::Statements {
    std::unique_ptr<SqliteStatement> exact;
    std::unique_ptr<SqliteStatement> prefix;
    std::unique_ptr<SqliteStatement> details;
    std::unique_ptr<SqliteStatement> districts;
    QHash<int, std::shared_ptr<SqliteStatement>> text; ///< by query shape
};

ArchiveSearch::ArchiveSearch(SqliteDatabase& db) : mDb(db), mSt(std::make_unique<Statements>()) {
    mIndexed = SearchIndex::exists(db);
    mSt->exact = std::make_unique<SqliteStatement>(
        db, QStringLiteral("SELECT fid FROM customers WHERE account_no = ?1 UNION "
                           "SELECT fid FROM customers WHERE meter_asset_no = ?1 UNION "
                           "SELECT fid FROM customers WHERE phone = ?1 LIMIT ?2"));
    // Each key in index order, each branch limited on its own.
    mSt->prefix = std::make_unique<SqliteStatement>(
        db, QStringLiteral(
                "SELECT fid FROM (SELECT fid FROM customers WHERE account_no >= ?1 AND account_no < ?2 "
                "ORDER BY account_no LIMIT ?3) UNION ALL "
                "SELECT fid FROM (SELECT fid FROM customers WHERE meter_asset_no >= ?1 AND "
                "meter_asset_no < ?2 ORDER BY meter_asset_no LIMIT ?3) UNION ALL "
                "SELECT fid FROM (SELECT fid FROM customers WHERE phone >= ?1 AND phone < ?2 "
                "ORDER BY phone LIMIT ?3)"));
    mSt->details = std::make_unique<SqliteStatement>(
        db, QStringLiteral("SELECT %1 FROM customers c LEFT JOIN districts d ON d.uuid = c.district_uuid "
                           "WHERE c.fid = ?")
                .arg(QString::fromLatin1(kCustomerColumns)));
    mSt->districts = std::make_unique<SqliteStatement>(
        db, QStringLiteral("SELECT fid, code, name, CASE WHEN code = ?1 THEN 0 "
                           "WHEN code LIKE ?2 ESCAPE '\\' OR name = ?1 THEN 1 ELSE 2 END AS tier "
                           "FROM districts WHERE code LIKE ?3 ESCAPE '\\' OR name LIKE ?3 ESCAPE '\\' "
                           "ORDER BY tier, length(name), code LIMIT ?4"));
}

ArchiveSearch::~ArchiveSearch() = default;

QString ArchiveSearch::normalized(const QString& query) {
    return query.normalized(QString::NormalizationForm_KC).simplified();
}

void ArchiveSearch::splitTerms(const QString& normalizedQuery, QStringList* longTerms,
                               QStringList* shortTerms) {
    for (const QString& term : normalizedQuery.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QVector<uint> codePoints = term.toUcs4();
        // Code points, as the trigram tokenizer counts characters.
        if (codePoints.size() >= 3) {
            if (longTerms)
                longTerms->append(term);
            continue;
        }
        // The short table indexes tokens of unicode61 (letters and digits):
        // "-", "*" or a quote would split a term into a phrase, which a
        // table without positions cannot answer; punctuation alone is no term.
        QString run;
        const auto flush = [&] {
            if (!run.isEmpty() && shortTerms)
                shortTerms->append(run);
            run.clear();
        };
        for (uint codePoint : codePoints) {
            if (QChar::isLetterOrNumber(codePoint))
                run += QString::fromUcs4(&codePoint, 1);
            else
                flush();
        }
        flush();
    }
}

void ArchiveSearch::matchExpressions(const QString& normalizedQuery, QString* trigram, QString* pairs) {
    QStringList longTerms;
    QStringList shortTerms;
    splitTerms(normalizedQuery, &longTerms, &shortTerms);
    QStringList longPhrases;
    for (const QString& term : qAsConst(longTerms))
        longPhrases << ftsPhrase(term);
    QStringList shortPhrases;
    for (const QString& term : qAsConst(shortTerms))
        shortPhrases
            << QStringLiteral("(%1 OR %2)").arg(ftsPhrase(SearchIndex::nameMarker() + term), ftsPhrase(term));
    if (trigram)
        *trigram = longPhrases.join(QStringLiteral(" AND "));
    if (pairs)
        *pairs = shortPhrases.join(QStringLiteral(" AND "));
}

std::vector<SearchHit> ArchiveSearch::find(const QString& rawQuery, const SearchOptions& options) {
    std::vector<SearchHit> hits;
    const QString query = normalized(rawQuery);
    if (query.isEmpty() || options.limit <= 0)
        return hits;
    const std::int64_t limit = options.limit;

    if (options.districts) {
        SqliteStatement& st = *mSt->districts;
        st.reset();
        st.bind(1, query).bind(2, likeEscaped(query) + QLatin1Char('%'));
        st.bind(3, QLatin1Char('%') + likeEscaped(query) + QLatin1Char('%')).bind(4, limit);
        int order = 0;
        while (st.step()) {
            SearchHit hit;
            hit.kind = SearchHit::Kind::District;
            hit.fid = st.int64(0);
            hit.key = st.text(1);
            hit.name = st.text(2);
            hit.tier = static_cast<SearchHit::Tier>(st.int64(3));
            hit.score = order++;
            hits.push_back(hit);
        }
        st.reset();
    }
    if (!options.customers)
        return hits;

    // fid -> (tier, score), in the order found.
    std::vector<std::pair<std::int64_t, std::pair<SearchHit::Tier, double>>> found;
    QSet<std::int64_t> seen;
    const auto add = [&](std::int64_t fid, SearchHit::Tier tier, double score) {
        if (!seen.contains(fid)) {
            seen.insert(fid);
            found.push_back({fid, {tier, score}});
        }
    };
    {
        SqliteStatement& st = *mSt->exact;
        st.reset();
        st.bind(1, query).bind(2, limit);
        while (st.step())
            add(st.int64(0), SearchHit::Tier::ExactKey, 0);
        st.reset();
    }
    if (static_cast<std::int64_t>(found.size()) < limit) {
        SqliteStatement& st = *mSt->prefix;
        st.reset();
        st.bind(1, query).bind(2, prefixUpperBound(query)).bind(3, limit);
        int order = 0;
        while (st.step())
            add(st.int64(0), SearchHit::Tier::KeyPrefix, order++);
        st.reset();
    }
    // A whole account, meter or phone number names its customer: the text
    // search would only add rows whose numbers contain it, at the price of
    // intersecting the doclists of the most common trigrams (digits).
    const bool exactKey = !found.empty();
    // Text hits scored by field length afterwards (short-table tiers): fid ->
    // (tier index, whether the name or the address is the field measured).
    QHash<std::int64_t, std::pair<int, bool>> lengthScored;
    if (!exactKey && static_cast<std::int64_t>(found.size()) < limit) {
        std::vector<std::pair<double, std::int64_t>> text;
        bool ranked = false; // text already ordered best first
        if (mIndexed) {
            try {
                ranked = findText(query, limit, text, lengthScored);
            } catch (const RecheckError&) {
                // A query the index cannot parse (a character SQLite's
                // tokenizer splits where Qt saw a letter): scan instead.
                text.clear();
                lengthScored.clear();
                findByScan(query, limit, text);
            }
        } else {
            findByScan(query, limit, text);
        }
        if (!ranked) {
            const auto byScore = [](const auto& a, const auto& b) {
                return a.first < b.first || (a.first == b.first && a.second < b.second);
            };
            const std::size_t keep = std::min<std::size_t>(text.size(), static_cast<std::size_t>(limit) * 2);
            std::partial_sort(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(keep), text.end(),
                              byScore);
            text.resize(keep);
        }
        for (const auto& [score, fid] : text)
            add(fid, SearchHit::Tier::Text, score);
    }

    std::vector<SearchHit> customers;
    SqliteStatement& details = *mSt->details;
    for (const auto& [fid, rank] : found) {
        details.reset();
        details.bind(1, fid);
        if (!details.step())
            continue;
        SearchHit hit;
        hit.kind = SearchHit::Kind::Customer;
        hit.fid = fid;
        hit.tier = rank.first;
        hit.score = rank.second;
        hit.key = details.text(1);
        hit.name = details.text(2);
        hit.address = details.text(3);
        hit.phone = details.text(4);
        hit.meterNo = details.text(5);
        hit.district = details.text(6);
        // Within a tier of a short query, the shorter field first: the query
        // is more of it (张 finds 张伟 before 张伟明).
        const auto scored = lengthScored.constFind(fid);
        if (scored != lengthScored.constEnd())
            hit.score = scored->first * 1e6 + (scored->second ? hit.name : hit.address).toUcs4().size();
        // Someone typing a whole name wants that person before people whose
        // address merely contains it.
        if (hit.tier == SearchHit::Tier::Text &&
            normalized(hit.name).compare(query, Qt::CaseInsensitive) == 0)
            hit.tier = SearchHit::Tier::KeyPrefix;
        customers.push_back(hit);
    }
    details.reset();
    std::stable_sort(customers.begin(), customers.end(), [](const SearchHit& a, const SearchHit& b) {
        if (a.tier != b.tier)
            return a.tier < b.tier;
        // Promoted names keep their text order among themselves, after key
        // prefixes.
        if (a.tier != SearchHit::Tier::Text)
            return false;
        return a.score < b.score || (a.score == b.score && a.fid < b.fid);
    });
    if (static_cast<std::int64_t>(customers.size()) > limit)
        customers.resize(static_cast<std::size_t>(limit));
    hits.insert(hits.end(), customers.begin(), customers.end());
    return hits;
}

SqliteStatement& ArchiveSearch::textStatement(int shape, const QString& sql) {
    std::shared_ptr<SqliteStatement>& st = mSt->text[shape];
    if (!st)
        st = std::make_shared<SqliteStatement>(mDb, sql);
    st->reset();
    return *st;
}

bool ArchiveSearch::findText(const QString& query, std::int64_t limit,
                             std::vector<std::pair<double, std::int64_t>>& text,
                             QHash<std::int64_t, std::pair<int, bool>>& lengthScored) {
    QStringList longTerms;
    QStringList shortTerms;
    splitTerms(query, &longTerms, &shortTerms);
    QString trigram;
    QString pairs;
    matchExpressions(query, &trigram, &pairs);

    if (longTerms.isEmpty() && shortTerms.size() == 1) {
        // One short term: tier by tier, each tier one doclist read in rowid
        // order and left after its first rows — the cost no longer grows with
        // how common the character is. (bm25 would first count every row of
        // the doclist for its IDF: a second for a character of every address.)
        const QString& term = shortTerms.front();
        const std::size_t candidates = static_cast<std::size_t>(std::max<std::int64_t>(limit * 3, 60));
        const QString tierPhrases[] = {ftsPhrase(SearchIndex::nameHeadMarker() + term),
                                       ftsPhrase(SearchIndex::nameMarker() + term), ftsPhrase(term)};
        SqliteStatement& st = textStatement(
            4, QStringLiteral("SELECT rowid FROM customer_search_short WHERE customer_search_short "
                              "MATCH ?1 LIMIT ?2"));
        for (int tier = 0; tier < 3 && text.size() < candidates; ++tier) {
            st.reset();
            st.bind(1, tierPhrases[tier]).bind(2, static_cast<std::int64_t>(candidates));
            while (st.step() && text.size() < candidates) {
                const std::int64_t fid = st.int64(0);
                if (lengthScored.contains(fid))
                    continue;
                lengthScored.insert(fid, {tier, tier < 2});
                text.emplace_back(0.0, fid);
            }
        }
        st.reset();
        return true; // ordered by field length once the rows are read
    }
    if (longTerms.isEmpty() && !shortTerms.isEmpty()) {
        // Several short terms, each in the name or the address.
        const std::size_t candidates = static_cast<std::size_t>(std::max<std::int64_t>(limit * 3, 60));
        SqliteStatement& st = textStatement(
            5, QStringLiteral("SELECT rowid FROM customer_search_short WHERE customer_search_short "
                              "MATCH ?1 LIMIT ?2"));
        st.bind(1, pairs).bind(2, static_cast<std::int64_t>(candidates));
        while (st.step()) {
            lengthScored.insert(st.int64(0), {3, false});
            text.emplace_back(0.0, st.int64(0));
        }
        st.reset();
        return true;
    }
    if (longTerms.isEmpty())
        return true; // punctuation only
    // bm25 weights: keys outweigh the name, the name the address.
    SqliteStatement& st =
        shortTerms.isEmpty()
            ? textStatement(1, QStringLiteral("SELECT rowid, bm25(customer_search, 10, 10, 6, 4, 1) FROM "
                                              "customer_search WHERE customer_search MATCH ?1 LIMIT ?3"))
            : textStatement(3, QStringLiteral("SELECT rowid, bm25(customer_search, 10, 10, 6, 4, 1) FROM "
                                              "customer_search WHERE customer_search MATCH ?1 AND rowid IN "
                                              "(SELECT rowid FROM customer_search_short WHERE "
                                              "customer_search_short MATCH ?2) LIMIT ?3"));
    st.bind(1, trigram);
    if (!shortTerms.isEmpty())
        st.bind(2, pairs);
    st.bind(3, static_cast<std::int64_t>(kTextCandidates));
    while (st.step())
        text.emplace_back(st.real(1), st.int64(0));
    st.reset();
    return false;
}

void ArchiveSearch::findByScan(const QString& query, std::int64_t limit,
                               std::vector<std::pair<double, std::int64_t>>& text) {
    // An archive of an older schema: a bounded scan, unranked.
    SqliteStatement st(mDb, QStringLiteral("SELECT fid FROM customers WHERE name LIKE ?1 ESCAPE '\\' OR "
                                           "address LIKE ?1 ESCAPE '\\' OR account_no LIKE ?1 ESCAPE '\\' "
                                           "OR meter_asset_no LIKE ?1 ESCAPE '\\' OR phone LIKE ?1 "
                                           "ESCAPE '\\' LIMIT ?2"));
    st.bind(1, QLatin1Char('%') + likeEscaped(query) + QLatin1Char('%')).bind(2, limit);
    while (st.step())
        text.emplace_back(0.0, st.int64(0));
}

} // namespace recheck
