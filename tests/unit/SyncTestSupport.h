#pragma once

// Fixtures for the [sync] suites: one generated demo master per test run,
// copied per test; check-outs; edits made with a plain SQLite connection
// (as the sqlite3 shell would make them); and digests of a master's content
// computed with plain SQL, independent of the code under test.

#include "TestSupport.h"

#include "archive/Archive.h"
#include "archive/ArchiveSchema.h"
#include "archive/DemoCountyGenerator.h"
#include "common/Sqlite.h"
#include "sync/CheckinMerger.h"
#include "sync/PackageWriter.h"

#include <catch2/catch.hpp>

#include <QCryptographicHash>
#include <QFile>
#include <QStringList>

#include <algorithm>
#include <set>

namespace recheck::synctest {

/// A 4000-customer, 16-district county generated once per process.
inline const QString& generatedMaster() {
    struct Shared {
        test::ScratchDir dir;
        QString path = dir.file(QStringLiteral("generated-master.sqlite"));
        Shared() {
            DemoCountyOptions options;
            options.customers = 4000;
            options.districts = 16;
            options.seed = 11;
            DemoCountyGenerator(options).generate(path);
        }
    };
    static const Shared shared;
    return shared.path;
}

/// A private copy of the generated master in `dir`.
inline QString copyMaster(const test::ScratchDir& dir,
                          const QString& name = QStringLiteral("master.sqlite")) {
    const QString path = dir.file(name);
    QFile::remove(path);
    REQUIRE(QFile::copy(generatedMaster(), path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

inline QString copyFile(const QString& from, const QString& to) {
    QFile::remove(to);
    REQUIRE(QFile::copy(from, to));
    QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner);
    return to;
}

inline CheckoutResult checkOut(const QString& master, const QString& packagePath,
                               const QStringList& districts, const QString& assignee = QString()) {
    CheckoutOptions options;
    options.districtCodes = districts;
    options.assignee = assignee;
    options.checkedOutBy = QStringLiteral("tester");
    return PackageWriter::checkout(master, packagePath, options);
}

inline CheckinReport checkIn(const QString& master, const QString& package) {
    CheckinOptions options;
    options.checkedInBy = QStringLiteral("office");
    return CheckinMerger::checkin(master, package, options);
}

/// Runs statements on a file with a plain connection, foreign keys off, as
/// the sqlite3 shell does by default.
inline void plainSql(const QString& path, const QString& sql) {
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadWrite);
    db.exec(QStringLiteral("PRAGMA foreign_keys = OFF"));
    db.exec(sql);
}

inline QStringList column(const QString& path, const QString& sql) {
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
    SqliteStatement st(db, sql);
    QStringList values;
    while (st.step())
        values << (st.isNull(0) ? QStringLiteral("NULL") : st.text(0));
    return values;
}

/// `n` customers of a district (by code), in fid order.
inline QStringList customersOf(const QString& path, const QString& districtCode, int n, int skip = 0) {
    return column(
        path, QStringLiteral("SELECT c.uuid FROM customers c JOIN districts d ON d.uuid = c.district_uuid "
                             "WHERE d.code = '%1' ORDER BY c.fid LIMIT %2 OFFSET %3")
                  .arg(districtCode)
                  .arg(n)
                  .arg(skip));
}

/// Every synced row's uuid, row_version, updated_by and data columns
/// (geometry as WKT), per table in uuid order, hashed: what "the same final
/// state" means. `withStamps` false leaves out row_version and updated_by.
inline QString contentDigest(const QString& path, bool withStamps = true) {
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const SyncedTable& table : ArchiveSchema::syncedTables()) {
        QStringList columns;
        SqliteStatement info(
            db, QStringLiteral("SELECT name FROM pragma_table_info('%1') ORDER BY cid").arg(table.name));
        while (info.step()) {
            const QString name = info.text(0);
            if (name == QLatin1String("fid") || name == QLatin1String("updated_at"))
                continue;
            if (!withStamps && (name == QLatin1String("row_version") || name == QLatin1String("updated_by")))
                continue;
            columns << (name == QLatin1String("geom") ? QStringLiteral("AsText(geom)") : name);
        }
        hash.addData(table.name.toUtf8());
        SqliteStatement rows(
            db, QStringLiteral("SELECT %1 FROM %2 ORDER BY uuid").arg(columns.join(','), table.name));
        while (rows.step())
            for (int c = 0; c < rows.columnCount(); ++c) {
                hash.addData(rows.isNull(c) ? QByteArray("\x01null") : rows.blob(c));
                hash.addData("\x00", 1);
            }
    }
    return QString::fromLatin1(hash.result().toHex());
}

/// The conflicts of a master as order-free facts: table, row, field, kind
/// (update/delete either way round counts as one kind), base value and the
/// two contending values sorted.
inline std::multiset<QString> conflictFacts(const QString& path) {
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
    SqliteStatement st(
        db, QStringLiteral("SELECT table_name, row_uuid, coalesce(field, '*'), kind, quote(base_value), "
                           "quote(package_value), quote(master_value), status FROM sync_conflicts"));
    std::multiset<QString> facts;
    while (st.step()) {
        QString kind = st.text(3);
        const bool rowLevel = st.text(2) == QLatin1String("*");
        if (kind == QLatin1String("delete_update"))
            kind = QStringLiteral("update_delete");
        QStringList contending = {st.text(5), st.text(6)};
        std::sort(contending.begin(), contending.end());
        // Whole-row values are JSON of whichever side kept the row; the
        // facts that matter there are the kind and the row.
        facts.insert(QStringList{st.text(0), st.text(1), st.text(2), kind, rowLevel ? QString() : st.text(4),
                                 rowLevel ? QString() : contending.join('|'), st.text(7)}
                         .join(QStringLiteral(" / ")));
    }
    return facts;
}

inline QString masterScalar(const QString& path, const QString& sql) {
    return test::sqlScalar(path, sql);
}

} // namespace recheck::synctest
