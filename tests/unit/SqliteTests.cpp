#include "common/RecheckError.h"
#include "common/Sqlite.h"
#include "TestSupport.h"

#include <catch2/catch.hpp>

using namespace recheck;

namespace {

SqliteDatabase makeDatabase(const QString& path) {
    SqliteDatabase db(path, SqliteDatabase::Mode::Create);
    db.exec(QStringLiteral("CREATE TABLE t (v); INSERT INTO t VALUES (1)"));
    return db;
}

// Whether a second connection can write `path` at once (no waiting).
bool writableElsewhere(const QString& path) {
    SqliteDatabase other(path, SqliteDatabase::Mode::ReadWrite);
    other.setBusyTimeout(0);
    try {
        other.exec(QStringLiteral("INSERT INTO t VALUES (2)"));
        return true;
    } catch (const RecheckError&) {
        return false;
    }
}

} // namespace

TEST_CASE("SqliteTransaction: MainDatabaseOnly write-locks main and leaves an attached file to others",
          "[sqlite]") {
    test::ScratchDir dir;
    const QString mainPath = dir.file(QStringLiteral("main.sqlite"));
    const QString attachedPath = dir.file(QStringLiteral("attached.sqlite"));
    SqliteDatabase db = makeDatabase(mainPath);
    makeDatabase(attachedPath);
    const qint64 applicationId = 0x52434b31;
    db.exec(QStringLiteral("PRAGMA application_id = %1").arg(applicationId));

    SECTION("MainDatabaseOnly") {
        SqliteAttachment attached(db, attachedPath, QStringLiteral("a"));
        {
            SqliteTransaction tx(db, SqliteTransaction::Lock::MainDatabaseOnly);
            // Taken at BEGIN, before this connection wrote a row.
            CHECK_FALSE(writableElsewhere(mainPath));
            CHECK(writableElsewhere(attachedPath));
            // What the other connection wrote is read in this transaction.
            CHECK(db.scalar(QStringLiteral("SELECT count(*) FROM a.t")).toInt() == 2);
            db.exec(QStringLiteral("INSERT INTO main.t SELECT v FROM a.t"));
            tx.commit();
        }
        CHECK(db.scalar(QStringLiteral("SELECT count(*) FROM main.t")).toInt() == 3);
        // The header field used to take the lock keeps its value.
        CHECK(db.scalar(QStringLiteral("PRAGMA main.application_id")).toLongLong() == applicationId);
    }
    SECTION("AllDatabases") {
        SqliteAttachment attached(db, attachedPath, QStringLiteral("a"));
        SqliteTransaction tx(db);
        CHECK_FALSE(writableElsewhere(mainPath));
        CHECK_FALSE(writableElsewhere(attachedPath));
    }
    SECTION("a MainDatabaseOnly transaction that is not committed changes nothing") {
        {
            SqliteTransaction tx(db, SqliteTransaction::Lock::MainDatabaseOnly);
            db.exec(QStringLiteral("INSERT INTO t VALUES (3)"));
        }
        CHECK(db.scalar(QStringLiteral("SELECT count(*) FROM t")).toInt() == 1);
        CHECK(writableElsewhere(mainPath));
    }
}

TEST_CASE("SqliteAttachment detaches when it goes", "[sqlite]") {
    test::ScratchDir dir;
    SqliteDatabase db = makeDatabase(dir.file(QStringLiteral("main.sqlite")));
    makeDatabase(dir.file(QStringLiteral("other.sqlite")));
    const auto attachedNames = [&] {
        QStringList names;
        SqliteStatement list(db, QStringLiteral("SELECT name FROM pragma_database_list"));
        while (list.step())
            names << list.text(0);
        return names;
    };
    {
        SqliteAttachment attached(db, dir.file(QStringLiteral("other.sqlite")), QStringLiteral("other"));
        CHECK(attachedNames().contains(QStringLiteral("other")));
        CHECK(db.scalar(QStringLiteral("SELECT count(*) FROM other.t")).toInt() == 1);
    }
    CHECK_FALSE(attachedNames().contains(QStringLiteral("other")));
}
