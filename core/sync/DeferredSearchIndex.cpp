#include "DeferredSearchIndex.h"

#include "common/Sqlite.h"
#include "search/SearchIndex.h"

#include <QStringList>

namespace recheck {

namespace {

// The columns of customers the trigram table indexes, in its column order
// (SearchIndex's kTrigramColumns; its triggers fire on UPDATE OF these and
// fid). A drift shows in the tests, which compare with a rebuild.
const QStringList& indexedColumns() {
    static const QStringList columns{QStringLiteral("account_no"), QStringLiteral("meter_asset_no"),
                                     QStringLiteral("phone"), QStringLiteral("name"),
                                     QStringLiteral("address")};
    return columns;
}

QString prefixed(const QString& prefix) {
    QStringList list;
    for (const QString& column : indexedColumns())
        list << prefix + column;
    return list.join(QStringLiteral(", "));
}

} // namespace

DeferredSearchIndex::DeferredSearchIndex(SqliteDatabase& db) : mDb(db) {
    if (!SearchIndex::exists(db))
        return;
    {
        SqliteStatement trigger(
            db, QStringLiteral("SELECT sql FROM main.sqlite_master WHERE type = 'trigger' AND name = ?"));
        for (const QString& name : SearchIndex::triggerNames()) {
            trigger.bind(1, name);
            if (trigger.step())
                mTriggers.emplace_back(name, trigger.text(0));
            trigger.reset();
        }
    }
    if (mTriggers.size() != static_cast<std::size_t>(SearchIndex::triggerNames().size())) {
        mTriggers.clear(); // an index nobody keeps current: not ours to touch
        return;
    }
    // (The triggers name the temp table unqualified: SQLite allows no
    // schema names inside trigger bodies; temp is searched first.)
    // A row's first note wins (INSERT OR IGNORE): `indexed` = 1 with the
    // values the index holds for a row that existed before the write, 0 for
    // a row the write created. Later writes to the same row add nothing.
    db.exec(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS sync_search_pending (fid INTEGER PRIMARY KEY, "
                           "indexed INTEGER NOT NULL, %1); DELETE FROM temp.sync_search_pending")
                .arg(prefixed(QString())));
    for (const auto& trigger : mTriggers)
        db.exec(QStringLiteral("DROP TRIGGER main.\"%1\"").arg(trigger.first));
    const QString noteOld =
        QStringLiteral(
            "INSERT OR IGNORE INTO sync_search_pending (fid, indexed, %1) VALUES (OLD.fid, 1, %2);\n")
            .arg(prefixed(QString()), prefixed(QStringLiteral("OLD.")));
    const QString noteNew =
        QStringLiteral("INSERT OR IGNORE INTO sync_search_pending (fid, indexed) VALUES (NEW.fid, 0);\n");
    db.exec(QStringLiteral("CREATE TEMP TRIGGER sync_search_note_insert AFTER INSERT ON main.customers "
                           "BEGIN\n%1END")
                .arg(noteNew));
    db.exec(QStringLiteral("CREATE TEMP TRIGGER sync_search_note_update AFTER UPDATE OF fid, %1 ON "
                           "main.customers BEGIN\n%2%3END")
                .arg(prefixed(QString()), noteOld, noteNew));
    db.exec(QStringLiteral("CREATE TEMP TRIGGER sync_search_note_delete AFTER DELETE ON main.customers "
                           "BEGIN\n%1END")
                .arg(noteOld));
    mActive = true;
}

int DeferredSearchIndex::finish() {
    if (!mActive)
        return 0;
    mActive = false;
    mDb.exec(QStringLiteral("DROP TRIGGER temp.sync_search_note_insert; "
                            "DROP TRIGGER temp.sync_search_note_update; "
                            "DROP TRIGGER temp.sync_search_note_delete"));

    // The short table's terms, old (what the index holds) and new, computed
    // in C++ as SearchIndex::rebuild does (the triggers' SQL for the same
    // text takes a json_each per character).
    mDb.exec(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS sync_search_terms (fid INTEGER PRIMARY KEY, "
                            "old_terms, new_terms); DELETE FROM temp.sync_search_terms"));
    int rows = 0;
    {
        SqliteStatement pending(mDb,
                                QStringLiteral("SELECT p.fid, p.indexed, p.name, p.address, c.fid IS NOT "
                                               "NULL, c.name, c.address FROM temp.sync_search_pending p "
                                               "LEFT JOIN main.customers c ON c.fid = p.fid ORDER BY p.fid"));
        SqliteStatement terms(mDb, QStringLiteral("INSERT INTO temp.sync_search_terms VALUES (?, ?, ?)"));
        while (pending.step()) {
            ++rows;
            terms.bind(1, pending.int64(0));
            terms.bind(2, pending.int64(1) != 0
                              ? QVariant(SearchIndex::shortTerms(pending.value(2), pending.value(3)))
                              : QVariant());
            terms.bind(3, pending.int64(4) != 0
                              ? QVariant(SearchIndex::shortTerms(pending.value(5), pending.value(6)))
                              : QVariant());
            terms.execute();
        }
    }
    // One statement per table: FTS5 writes what it buffered at the end of
    // each statement, so this is one new index segment per table, not one
    // per row. Within the statement each rowid's old entry is deleted just
    // before its new one is added, in rowid order: FTS5 keeps such a run in
    // one buffer (a delete pass and then an insert pass restarting at a low
    // rowid would flush in between: two segments, and twice the automatic
    // merging each new segment sets off).
    const QString trigram = SearchIndex::trigramTable();
    const QString shortTable = SearchIndex::shortTable();
    // CROSS JOIN keeps the pending rows outside: the planner could otherwise
    // scan all of customers (a million rows, and pages the merge never read).
    mDb.exec(QStringLiteral("INSERT INTO main.%1 (%1, rowid, %2) SELECT command, fid, %2 FROM ("
                            "SELECT 'delete' AS command, fid, 0 AS step, %2 FROM temp.sync_search_pending "
                            "WHERE indexed "
                            "UNION ALL SELECT NULL, c.fid, 1, %3 FROM temp.sync_search_pending p "
                            "CROSS JOIN main.customers c ON c.fid = p.fid) ORDER BY fid, step")
                 .arg(trigram, prefixed(QString()), prefixed(QStringLiteral("c."))));
    // A row whose short terms stay the same (most field edits: a phone, a
    // meter, a category) keeps its entry: deleting and re-adding it was half
    // of this step's cost.
    mDb.exec(
        QStringLiteral("INSERT INTO main.%1 (%1, rowid, terms) SELECT command, fid, terms FROM ("
                       "SELECT 'delete' AS command, fid, 0 AS step, old_terms AS terms FROM "
                       "temp.sync_search_terms WHERE old_terms IS NOT NULL AND old_terms IS NOT new_terms "
                       "UNION ALL SELECT NULL, fid, 1, new_terms FROM temp.sync_search_terms "
                       "WHERE new_terms IS NOT NULL AND old_terms IS NOT new_terms) ORDER BY fid, step")
            .arg(shortTable));
    mDb.exec(QStringLiteral("DELETE FROM temp.sync_search_pending; DELETE FROM temp.sync_search_terms"));
    for (const auto& trigger : mTriggers)
        mDb.exec(trigger.second);
    mTriggers.clear();
    return rows;
}

} // namespace recheck
