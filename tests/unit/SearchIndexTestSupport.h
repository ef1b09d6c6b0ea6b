#pragma once

// What "the same search index" means for the tests of everything that fills
// the customer search index other than row by row (check-out, check-in,
// import): every posting, document size and total equals a rebuild's.

#include "TestSupport.h"

#include "common/Sqlite.h"
#include "search/ArchiveSearch.h"
#include "search/SearchIndex.h"

#include <catch2/catch.hpp>

#include <QCryptographicHash>
#include <QFile>

namespace recheck::test {

/// Every posting of both index tables (term, row, column, position) as
/// fts5vocab lists them, each row's token counts, and the tables' totals (the
/// averages record bm25 reads), hashed.
inline QString searchIndexDigest(const QString& path) {
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadWrite);
    db.exec(QStringLiteral(
        "CREATE VIRTUAL TABLE temp.trigram_terms USING fts5vocab(main, 'customer_search', 'instance'); "
        "CREATE VIRTUAL TABLE temp.short_terms USING fts5vocab(main, 'customer_search_short', 'instance')"));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString& sql :
         {QStringLiteral(
              "SELECT term, doc, col, offset FROM temp.trigram_terms ORDER BY term, doc, col, offset"),
          QStringLiteral("SELECT term, doc FROM temp.short_terms ORDER BY term, doc"),
          QStringLiteral("SELECT id, hex(sz) FROM customer_search_docsize ORDER BY id"),
          QStringLiteral("SELECT id, hex(sz) FROM customer_search_short_docsize ORDER BY id"),
          QStringLiteral("SELECT hex(block) FROM customer_search_data WHERE id = 1"),
          QStringLiteral("SELECT hex(block) FROM customer_search_short_data WHERE id = 1")}) {
        SqliteStatement st(db, sql);
        hash.addData(sql.toUtf8());
        while (st.step())
            for (int c = 0; c < st.columnCount(); ++c) {
                hash.addData(st.isNull(c) ? QByteArray("\x01null") : st.text(c).toUtf8());
                hash.addData("\x00", 1);
            }
    }
    return QString::fromLatin1(hash.result().toHex());
}

/// FTS5's own integrity check of both index tables passes.
inline void requireSearchIndexIntact(const QString& path) {
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadWrite);
    for (const char* table : {"customer_search", "customer_search_short"})
        CHECK_NOTHROW(db.exec(QStringLiteral("INSERT INTO %1 (%1) VALUES ('integrity-check')")
                                  .arg(QString::fromLatin1(table))));
}

/// A copy of `path` (named `name` in `dir`) whose index is rebuilt from
/// scratch with SearchIndex::rebuild (what the migration and the demo
/// generator use): the reference the other ways of filling it must equal.
inline QString rebuiltCopy(const ScratchDir& dir, const QString& path, const QString& name) {
    const QString copy = dir.file(name);
    QFile::remove(copy);
    REQUIRE(QFile::copy(path, copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    SqliteDatabase db(copy, SqliteDatabase::Mode::ReadWrite);
    SqliteTransaction tx(db);
    SearchIndex::rebuild(db);
    tx.commit();
    return copy;
}

/// Accounts of the customers a search finds, in rank order.
inline QStringList foundAccounts(const QString& path, const QString& query) {
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
    ArchiveSearch search(db);
    SearchOptions options;
    options.districts = false;
    options.limit = 50;
    QStringList keys;
    for (const SearchHit& hit : search.find(query, options))
        keys << hit.key;
    return keys;
}

} // namespace recheck::test
