#include "SearchIndex.h"

#include "common/Sqlite.h"

namespace recheck {

namespace {

// Columns of customers the trigram table indexes, in the order bm25 weights
// are given (ArchiveSearch): keys first, free text last.
const char* const kTrigramColumns[] = {"account_no", "meter_asset_no", "phone", "name", "address"};

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

QString shortInsert(const QString& row) {
    return QStringLiteral(
               "INSERT INTO customer_search_short (rowid, name, address) VALUES (%1.fid, %2, %3);\n")
        .arg(row, SearchIndex::pairsExpression(row + QStringLiteral(".name")),
             SearchIndex::pairsExpression(row + QStringLiteral(".address")));
}

QString shortDelete(const QString& row) {
    return QStringLiteral("INSERT INTO customer_search_short (customer_search_short, rowid, name, address) "
                          "VALUES ('delete', %1.fid, %2, %3);\n")
        .arg(row, SearchIndex::pairsExpression(row + QStringLiteral(".name")),
             SearchIndex::pairsExpression(row + QStringLiteral(".address")));
}

} // namespace

QVariant SearchIndex::pairs(const QString& text) {
    // Code points, as SQLite's length() and substr() count them.
    const QVector<uint> codePoints = text.toUcs4();
    if (codePoints.isEmpty())
        return QVariant(); // group_concat over no rows is NULL
    QString out;
    out.reserve(codePoints.size() * 3);
    for (int i = 0; i < codePoints.size(); ++i) {
        if (i > 0)
            out += QLatin1Char(' ');
        out += QString::fromUcs4(&codePoints[i], i + 1 < codePoints.size() ? 2 : 1);
    }
    return out;
}

QString SearchIndex::pairsExpression(const QString& value) {
    // json_each over "[0,0,…]" (one element per character; the sequence comes
    // from a zero blob's hex digits) yields keys 0..n-1: substr(v, key+1, 2)
    // is each pair, the last one the final character alone. Triggers cannot
    // use WITH RECURSIVE, but table-valued functions are allowed.
    return QStringLiteral("(SELECT group_concat(substr(%1, key + 1, 2), ' ') FROM json_each('[' || "
                          "substr(replace(hex(zeroblob(length(%1))), '00', ',0'), 2) || ']'))")
        .arg(value);
}

QStringList SearchIndex::triggerNames() {
    return {QStringLiteral("customers_search_insert"), QStringLiteral("customers_search_update"),
            QStringLiteral("customers_search_delete")};
}

QStringList SearchIndex::createStatements() {
    const QStringList names = triggerNames();
    QStringList sql;
    // External content: the text lives once, in customers; the FTS table
    // holds only the index (bm25 and the query need nothing more).
    sql << QStringLiteral("CREATE VIRTUAL TABLE customer_search USING fts5(%1, content='customers', "
                          "content_rowid='fid', tokenize='trigram')")
               .arg(columnList(QString()));
    // prefix='1': a one-character query (a surname) reads one doclist of the
    // prefix index instead of merging every pair that starts with it.
    sql << QStringLiteral("CREATE VIRTUAL TABLE customer_search_short USING fts5(name, address, content='', "
                          "tokenize='unicode61', prefix='1')");
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
    // Exact and prefix phone lookups (account_no and meter_asset_no have
    // their indexes already).
    sql << QStringLiteral("CREATE INDEX IF NOT EXISTS customers_phone ON customers (phone)");
    return sql;
}

void SearchIndex::rebuild(SqliteDatabase& db) {
    db.exec(QStringLiteral("INSERT INTO customer_search (customer_search) VALUES ('rebuild')"));
    db.exec(
        QStringLiteral("INSERT INTO customer_search_short (customer_search_short) VALUES ('delete-all')"));
    // The pairs computed here, not with pairsExpression() (what the triggers
    // use): the same text, a few times faster over a whole county.
    SqliteStatement read(db, QStringLiteral("SELECT fid, name, address FROM customers ORDER BY fid"));
    SqliteStatement write(
        db, QStringLiteral("INSERT INTO customer_search_short (rowid, name, address) VALUES (?, ?, ?)"));
    while (read.step()) {
        write.bind(1, read.int64(0));
        for (int column : {1, 2}) {
            if (read.isNull(column))
                write.bindNull(column + 1);
            else
                write.bind(column + 1, pairs(read.text(column)));
        }
        write.execute();
    }
    db.exec(QStringLiteral("INSERT INTO customer_search (customer_search) VALUES ('optimize')"));
    db.exec(QStringLiteral("INSERT INTO customer_search_short (customer_search_short) VALUES ('optimize')"));
}

bool SearchIndex::exists(SqliteDatabase& db) {
    SqliteStatement st(db,
                       QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                                      "('customer_search', 'customer_search_short')"));
    return st.step() && st.int64(0) == 2;
}

} // namespace recheck
