#include "SearchIndex.h"

#include "common/Sqlite.h"

#include <sqlite3.h>

#include <string>

namespace recheck {

namespace {

// Columns of customers the trigram table indexes, in the order bm25 weights
// are given (ArchiveSearch): keys first, free text last.
const char* const kTrigramColumns[] = {"account_no", "meter_asset_no", "phone", "name", "address"};

// FTS5's own defaults (fts5Int.h), put back after a rebuild: the triggers
// write one row per transaction, which the defaults suit.
constexpr qint64 kDefaultAutomerge = 4;
constexpr qint64 kDefaultHashBytes = 1024 * 1024;
// A rebuild buffers this much of the index in memory before writing a
// segment. 1M customers: with the 1 MiB default, the trigram table alone took
// 38 s (hundreds of segments written and merged again); with 64 MiB 17 s,
// with 256 MiB 10 s. 128 MiB keeps a county's rebuild within a few hundred
// MB of memory (the importer's goal is 500 MB in all).
constexpr qint64 kRebuildHashBytes = 128 * 1024 * 1024;
// The page cache while rebuilding, at least (KiB, negative as PRAGMA
// cache_size takes it); a caller's larger cache stays.
constexpr qint64 kRebuildCacheKib = -65536;

QString columnList(const QString& prefix) {
    QStringList columns;
    for (const char* column : kTrigramColumns)
        columns << prefix + QString::fromLatin1(column);
    return columns.join(QStringLiteral(", "));
}

QString trigramInsert(const QString& row) {
    return QStringLiteral("INSERT INTO customer_search (rowid, %1) VALUES (%2.fid, %3);\n")
        .arg(columnList(QString()), row, columnList(row + QLatin1Char('.')));
}

QString trigramDelete(const QString& row) {
    return QStringLiteral(
               "INSERT INTO customer_search (customer_search, rowid, %1) VALUES ('delete', %2.fid, %3);\n")
        .arg(columnList(QString()), row, columnList(row + QLatin1Char('.')));
}

QString shortTerms(const QString& row) {
    return SearchIndex::shortTermsExpression(row + QStringLiteral(".name"), row + QStringLiteral(".address"));
}

QString shortInsert(const QString& row) {
    return QStringLiteral("INSERT INTO customer_search_short (rowid, terms) VALUES (%1.fid, %2);\n")
        .arg(row, shortTerms(row));
}

QString shortDelete(const QString& row) {
    return QStringLiteral("INSERT INTO customer_search_short (customer_search_short, rowid, terms) "
                          "VALUES ('delete', %1.fid, %2);\n")
        .arg(row, shortTerms(row));
}

QString shortCreate() {
    return QStringLiteral("CREATE VIRTUAL TABLE customer_search_short USING fts5(terms, content='', "
                          "detail='none', tokenize='unicode61')");
}

QStringList triggerStatements() {
    const QStringList names = SearchIndex::triggerNames();
    QStringList sql;
    sql << QStringLiteral("CREATE TRIGGER %1 AFTER INSERT ON customers BEGIN\n%2%3END")
               .arg(names[0], trigramInsert(QStringLiteral("NEW")), shortInsert(QStringLiteral("NEW")));
    // Only when an indexed column changes: the change-capture trigger's
    // stamping UPDATE (row_version, updated_at, updated_by) does not fire it.
    sql << QStringLiteral("CREATE TRIGGER %1 AFTER UPDATE OF fid, %2 ON customers BEGIN\n%3%4%5%6END")
               .arg(names[1], columnList(QString()), trigramDelete(QStringLiteral("OLD")),
                    trigramInsert(QStringLiteral("NEW")), shortDelete(QStringLiteral("OLD")),
                    shortInsert(QStringLiteral("NEW")));
    sql << QStringLiteral("CREATE TRIGGER %1 AFTER DELETE ON customers BEGIN\n%2%3END")
               .arg(names[2], trigramDelete(QStringLiteral("OLD")), shortDelete(QStringLiteral("OLD")));
    return sql;
}

// UTF-8 of a marker character (empty for none).
std::string markerUtf8(QChar marker) {
    return marker.isNull() ? std::string() : QString(marker).toUtf8().toStdString();
}

// Byte offsets where the characters of `text` start, as SQLite's length()
// and substr() count them (a byte that is no UTF-8 continuation byte).
void characterStarts(const char* text, int bytes, std::vector<int>& starts) {
    starts.clear();
    for (int i = 0; i < bytes; ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
            starts.push_back(i);
    starts.push_back(bytes);
}

// The single characters and pairs of `text`, each after `marker`, as
// shortTermsExpression's grams() writes them.
void appendGrams(std::string& out, const char* text, const std::vector<int>& starts,
                 const std::string& marker) {
    const int count = static_cast<int>(starts.size()) - 1;
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            out += ' ';
        out += marker;
        out.append(text + starts[i], static_cast<std::size_t>(starts[i + 1] - starts[i]));
        if (i + 1 < count) {
            out += ' ';
            out += marker;
            out.append(text + starts[i], static_cast<std::size_t>(starts[i + 2] - starts[i]));
        }
    }
}

// The short table's terms of one row, from UTF-8 name and address (null
// pointers for NULL); `starts` is scratch space.
void shortTermsOf(std::string& out, const char* name, int nameBytes, const char* address, int addressBytes,
                  std::vector<int>& starts) {
    static const std::string head = markerUtf8(SearchIndex::nameHeadMarker());
    static const std::string inName = markerUtf8(SearchIndex::nameMarker());
    out.clear();
    if (name && nameBytes > 0) {
        characterStarts(name, nameBytes, starts);
        out += head;
        out.append(name, static_cast<std::size_t>(starts[1]));
        if (starts.size() > 2) {
            out += ' ';
            out += head;
            out.append(name, static_cast<std::size_t>(starts[2]));
        }
    }
    out += ' ';
    if (name && nameBytes > 0)
        appendGrams(out, name, starts, inName);
    out += ' ';
    if (address && addressBytes > 0) {
        characterStarts(address, addressBytes, starts);
        appendGrams(out, address, starts, std::string());
    }
}

} // namespace

QString SearchIndex::shortTermsExpression(const QString& name, const QString& address) {
    // json_each over "[0,0,…]" (one element per character; the sequence comes
    // from a zero blob's hex digits) yields keys 0..n-1: substr(v, key+1, 1)
    // is each character, substr(v, key+1, 2) each pair. Triggers cannot use
    // WITH RECURSIVE, but table-valued functions are allowed.
    const auto grams = [](const QString& value, const QString& marker) {
        return QStringLiteral("coalesce((SELECT group_concat(%2substr(%1, key + 1, 1) || CASE WHEN key + 1 < "
                              "length(%1) THEN ' ' || %2substr(%1, key + 1, 2) ELSE '' END, ' ') FROM "
                              "json_each('[' || substr(replace(hex(zeroblob(length(%1))), '00', ',0'), 2) || "
                              "']')), '')")
            .arg(value, marker);
    };
    const QString head = QStringLiteral("char(%1)").arg(nameHeadMarker().unicode());
    const QString inName = QStringLiteral("char(%1) || ").arg(nameMarker().unicode());
    return QStringLiteral("coalesce(CASE WHEN length(%1) > 0 THEN %2 || substr(%1, 1, 1) || CASE WHEN "
                          "length(%1) > 1 THEN ' ' || %2 || substr(%1, 1, 2) ELSE '' END END, '') || ' ' || "
                          "%3 || ' ' || %4")
        .arg(name, head, grams(name, inName), grams(address, QString()));
}

QString SearchIndex::shortTerms(const QVariant& name, const QVariant& address) {
    const QByteArray nameUtf8 = name.isNull() ? QByteArray() : name.toString().toUtf8();
    const QByteArray addressUtf8 = address.isNull() ? QByteArray() : address.toString().toUtf8();
    std::string out;
    std::vector<int> starts;
    shortTermsOf(out, name.isNull() ? nullptr : nameUtf8.constData(), nameUtf8.size(),
                 address.isNull() ? nullptr : addressUtf8.constData(), addressUtf8.size(), starts);
    return QString::fromStdString(out);
}

void SearchIndex::shortTermsUtf8(std::string& out, const char* name, int nameBytes, const char* address,
                                 int addressBytes, std::vector<int>& starts) {
    shortTermsOf(out, name, nameBytes, address, addressBytes, starts);
}

qint64 SearchIndex::defaultBulkHashBytes() {
    return kRebuildHashBytes;
}

SearchIndex::BulkWrite::BulkWrite(SqliteDatabase& db, qint64 trigramHashBytes, qint64 shortHashBytes)
    : mDb(db) {
    mCacheSize = db.scalar(QStringLiteral("PRAGMA cache_size")).toLongLong();
    // cache_size counts pages when positive, KiB when negative.
    const qint64 pageSize = db.scalar(QStringLiteral("PRAGMA page_size")).toLongLong();
    const qint64 cacheKib = mCacheSize < 0 ? -mCacheSize : mCacheSize * pageSize / 1024;
    if (cacheKib < -kRebuildCacheKib)
        db.exec(QStringLiteral("PRAGMA cache_size = %1").arg(kRebuildCacheKib));
    configure(SearchIndex::trigramTable(), 0, trigramHashBytes);
    configure(SearchIndex::shortTable(), 0, shortHashBytes);
}

SearchIndex::BulkWrite::~BulkWrite() {
    try {
        for (const QString& table : {SearchIndex::trigramTable(), SearchIndex::shortTable()})
            configure(table, kDefaultAutomerge, kDefaultHashBytes);
        mDb.exec(QStringLiteral("PRAGMA cache_size = %1").arg(mCacheSize));
    } catch (const RecheckError&) {
        // The write failed and its transaction is rolling back, the
        // settings with it.
    }
}

void SearchIndex::BulkWrite::configure(const QString& table, qint64 automerge, qint64 hashBytes) {
    mDb.exec(QStringLiteral("INSERT INTO %1 (%1, rank) VALUES ('automerge', %2); "
                            "INSERT INTO %1 (%1, rank) VALUES ('hashsize', %3)")
                 .arg(table)
                 .arg(automerge)
                 .arg(hashBytes));
}

QStringList SearchIndex::triggerNames() {
    return {QStringLiteral("customers_search_insert"), QStringLiteral("customers_search_update"),
            QStringLiteral("customers_search_delete")};
}

QStringList SearchIndex::createStatements() {
    QStringList sql;
    // External content: the text lives once, in customers; the FTS table
    // holds only the index (bm25 and the query need nothing more).
    sql << QStringLiteral("CREATE VIRTUAL TABLE customer_search USING fts5(%1, content='customers', "
                          "content_rowid='fid', tokenize='trigram')")
               .arg(columnList(QString()));
    sql << shortCreate();
    sql << triggerStatements();
    // Exact and prefix phone lookups (account_no and meter_asset_no have
    // their indexes already).
    sql << QStringLiteral("CREATE INDEX IF NOT EXISTS customers_phone ON customers (phone)");
    return sql;
}

void SearchIndex::rebuild(SqliteDatabase& db) {
    BulkWrite settings(db);
    // The trigram table reads customers itself (external content), in C.
    db.exec(QStringLiteral("INSERT INTO customer_search (customer_search) VALUES ('rebuild')"));
    // Writes the buffered index as one segment (and frees the buffer before
    // the short table fills its own).
    db.exec(QStringLiteral("INSERT INTO customer_search (customer_search) VALUES ('optimize')"));

    db.exec(
        QStringLiteral("INSERT INTO customer_search_short (customer_search_short) VALUES ('delete-all')"));
    // The terms computed here on the UTF-8 bytes SQLite hands out, not with
    // shortTermsExpression() (what the triggers use): the same text, many
    // times faster over a whole county. Raw statements: no QString per row.
    sqlite3_stmt* read = nullptr;
    sqlite3_stmt* write = nullptr;
    const auto finalize = [&] {
        sqlite3_finalize(read);
        sqlite3_finalize(write);
    };
    if (sqlite3_prepare_v2(db.handle(), "SELECT fid, name, address FROM customers ORDER BY fid", -1, &read,
                           nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(db.handle(), "INSERT INTO customer_search_short (rowid, terms) VALUES (?, ?)", -1,
                           &write, nullptr) != SQLITE_OK) {
        finalize();
        db.throwError(QStringLiteral("cannot prepare the search index rebuild"));
    }
    std::string terms;
    std::vector<int> starts;
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(read)) == SQLITE_ROW) {
        const auto* name = reinterpret_cast<const char*>(sqlite3_column_text(read, 1));
        const int nameBytes = sqlite3_column_bytes(read, 1);
        const auto* address = reinterpret_cast<const char*>(sqlite3_column_text(read, 2));
        const int addressBytes = sqlite3_column_bytes(read, 2);
        shortTermsOf(terms, name, nameBytes, address, addressBytes, starts);
        sqlite3_bind_int64(write, 1, sqlite3_column_int64(read, 0));
        sqlite3_bind_text(write, 2, terms.data(), static_cast<int>(terms.size()), SQLITE_STATIC);
        if (sqlite3_step(write) != SQLITE_DONE) {
            finalize();
            db.throwError(QStringLiteral("cannot fill the search index"));
        }
        sqlite3_reset(write);
    }
    finalize();
    if (rc != SQLITE_DONE)
        db.throwError(QStringLiteral("cannot read customers for the search index"));
    db.exec(QStringLiteral("INSERT INTO customer_search_short (customer_search_short) VALUES ('optimize')"));
}

namespace {

// FTS5's shadow tables of both index tables in `db`'s `schema` (segments,
// term index, document sizes, configuration): what an index built elsewhere
// hands over.
QStringList indexShadowTables(SqliteDatabase& db, const QString& schema, const QString& what) {
    QStringList shadowTables;
    {
        SqliteStatement tables(
            db, QStringLiteral("SELECT name FROM \"%1\".sqlite_master WHERE type = 'table' AND (name LIKE ? "
                               "ESCAPE '\\' OR name LIKE ? ESCAPE '\\') AND sql NOT LIKE 'CREATE VIRTUAL "
                               "TABLE%' ORDER BY name")
                    .arg(schema));
        tables.bind(1, SearchIndex::trigramTable() + QStringLiteral("\\_%"));
        tables.bind(2, SearchIndex::shortTable() + QStringLiteral("\\_%"));
        while (tables.step())
            shadowTables << tables.text(0);
    }
    if (shadowTables.isEmpty())
        throw RecheckError(
            QStringLiteral("%1: the search index built there is missing").arg(what).toStdString(),
            RecheckError::Kind::Database);
    return shadowTables;
}

} // namespace

void SearchIndex::copyIndex(SqliteDatabase& into, const QString& attachedSchema) {
    for (const QString& table : indexShadowTables(into, attachedSchema, attachedSchema))
        into.exec(
            QStringLiteral("DELETE FROM main.\"%1\"; INSERT INTO main.\"%1\" SELECT * FROM \"%2\".\"%1\"")
                .arg(table, attachedSchema));
}

bool SearchIndex::exists(SqliteDatabase& db) {
    SqliteStatement st(db,
                       QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                                      "('customer_search', 'customer_search_short')"));
    return st.step() && st.int64(0) == 2;
}

void SearchIndex::upgrade(SqliteDatabase& db) {
    if (!exists(db))
        return;
    const QString shortSql = db.scalar(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' "
                                                      "AND name = 'customer_search_short'"))
                                 .toString();
    if (shortSql == shortCreate())
        return;
    for (const QString& trigger : triggerNames())
        db.exec(QStringLiteral("DROP TRIGGER IF EXISTS %1").arg(trigger));
    db.exec(QStringLiteral("DROP TABLE customer_search_short"));
    db.exec(shortCreate());
    for (const QString& sql : triggerStatements())
        db.exec(sql);
    rebuild(db);
}

} // namespace recheck
