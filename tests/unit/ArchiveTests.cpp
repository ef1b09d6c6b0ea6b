#include "TestSupport.h"

#include "archive/Archive.h"
#include "archive/ArchiveSchema.h"

#include <catch2/catch.hpp>

#include <QFile>

using namespace recheck;
using recheck::test::ScratchDir;
using recheck::test::sqlScalar;

namespace {

Archive makeArchive(const QString& path, int schemaVersion = 0) {
    Archive::CreateOptions options;
    options.name = QStringLiteral("Test county");
    options.createdBy = QStringLiteral("tester");
    options.schemaVersion = schemaVersion;
    return Archive::create(path, options);
}

void insertDistrictAndCustomer(SqliteDatabase& db) {
    db.exec(QStringLiteral("INSERT INTO districts (code, name, geom) VALUES ('TQ001', '东关一号台区', "
                           "CastToMultiPolygon(BuildMbr(113.0, 34.0, 113.01, 34.01, 4490)))"));
    db.exec(QStringLiteral(
        "INSERT INTO customers (account_no, name, address, district_uuid, geom) "
        "SELECT '0100000001', '张三', '东关街1号', uuid, MakePoint(113.005, 34.005, 4490) FROM districts"));
}

} // namespace

TEST_CASE("a new archive has the current schema, metadata and code lists", "[archive]") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("a.sqlite"));
    {
        Archive archive = makeArchive(path);
        CHECK(archive.info().schemaVersion == ArchiveSchema::currentVersion());
        CHECK(archive.info().role == ArchiveInfo::Role::Master);
        CHECK(archive.info().srid == 4490);
        CHECK(archive.info().id.size() == 36);
        CHECK(archive.info().name == QStringLiteral("Test county"));
    }
    // The settled names integrators rely on (DESIGN.md).
    for (const char* table : {"customers", "districts", "feeders", "staff", "plans", "tasks", "visits",
                              "discrepancies", "task_scope", "staff_districts", "code_lists", "change_log"}) {
        INFO(table);
        CHECK(sqlScalar(path, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'")
                                  .arg(QString::fromLatin1(table))) == QStringLiteral("1"));
    }
    for (const char* column : {"account_no", "name", "address", "phone"}) {
        INFO(column);
        CHECK(sqlScalar(path, QStringLiteral("SELECT count(*) FROM pragma_table_info('customers') WHERE name = '%1'")
                                  .arg(QString::fromLatin1(column))) == QStringLiteral("1"));
    }
    CHECK(sqlScalar(path, QStringLiteral("SELECT srid FROM geometry_columns WHERE f_table_name = 'customers'")) ==
          QStringLiteral("4490"));
    CHECK(sqlScalar(path, QStringLiteral("SELECT srid FROM geometry_columns WHERE f_table_name = 'visits'")) ==
          QStringLiteral("4326"));
    CHECK(sqlScalar(path, QStringLiteral("SELECT label_zh FROM code_lists WHERE list = 'usage_category' AND "
                                         "code = 'RES'")) == QString::fromUtf8("居民生活用电"));
    CHECK(sqlScalar(path, QStringLiteral("SELECT count(*) FROM code_lists WHERE label_en = '' OR label_zh = ''")) ==
          QStringLiteral("0"));
}

TEST_CASE("an archive reopens with its identity, and create refuses to overwrite", "[archive]") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("a.sqlite"));
    QString id;
    {
        Archive archive = makeArchive(path);
        id = archive.info().id;
        insertDistrictAndCustomer(archive.db());
    }
    Archive reopened = Archive::open(path, Archive::Access::ReadOnly);
    CHECK(reopened.info().id == id);
    CHECK(reopened.db().scalar(QStringLiteral("SELECT count(*) FROM customers")).toInt() == 1);
    CHECK_THROWS_AS(makeArchive(path), RecheckError);
}

TEST_CASE("rows get UUIDs and plain-SQL updates bump row_version and are logged", "[archive][triggers]") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("a.sqlite"));
    {
        Archive archive = makeArchive(path);
        insertDistrictAndCustomer(archive.db());
    }
    const QString uuid = sqlScalar(path, QStringLiteral("SELECT uuid FROM customers"));
    CHECK(uuid.size() == 36);
    CHECK(uuid.at(14) == QLatin1Char('4')); // version-4 UUID
    CHECK(sqlScalar(path, QStringLiteral("SELECT row_version FROM customers")) == QStringLiteral("1"));

    // An edit with a plain connection, as the sqlite3 shell would do it: no
    // Recheck code involved.
    {
        SqliteDatabase plain(path, SqliteDatabase::Mode::ReadWrite);
        plain.exec(QStringLiteral("UPDATE customers SET phone = '13800000000' WHERE account_no = '0100000001'"));
        plain.exec(QStringLiteral("UPDATE customers SET phone = '13900000000' WHERE account_no = '0100000001'"));
    }
    CHECK(sqlScalar(path, QStringLiteral("SELECT row_version FROM customers")) == QStringLiteral("3"));
    CHECK(sqlScalar(path, QStringLiteral("SELECT updated_by FROM customers")) == QStringLiteral("external"));
    CHECK(sqlScalar(path, QStringLiteral("SELECT count(*) FROM change_log WHERE table_name = 'customers' AND "
                                         "op = 'update' AND row_uuid = '%1'")
                              .arg(uuid)) == QStringLiteral("2"));
    CHECK(sqlScalar(path, QStringLiteral("SELECT max(row_version) FROM change_log WHERE row_uuid = '%1'").arg(uuid)) ==
          QStringLiteral("3"));

    // A Recheck writer stamps the row itself: its editor name is kept.
    {
        SqliteDatabase plain(path, SqliteDatabase::Mode::ReadWrite);
        plain.exec(QStringLiteral("UPDATE customers SET name = '张三丰', row_version = row_version + 1, "
                                  "updated_by = 'S007' WHERE account_no = '0100000001'"));
    }
    CHECK(sqlScalar(path, QStringLiteral("SELECT updated_by || '/' || row_version FROM customers")) ==
          QStringLiteral("S007/4"));

    // Deletes are logged too; inserts were logged when made.
    {
        SqliteDatabase plain(path, SqliteDatabase::Mode::ReadWrite);
        plain.exec(QStringLiteral("DELETE FROM customers"));
    }
    CHECK(sqlScalar(path, QStringLiteral("SELECT group_concat(op, ',') FROM (SELECT op FROM change_log WHERE "
                                         "row_uuid = '%1' ORDER BY seq)")
                              .arg(uuid)) == QStringLiteral("insert,update,update,update,delete"));
}

TEST_CASE("the sync identity cannot change and visits are insert-only", "[archive][triggers]") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("a.sqlite"));
    Archive archive = makeArchive(path);
    insertDistrictAndCustomer(archive.db());
    CHECK_THROWS_WITH(archive.db().exec(QStringLiteral("UPDATE customers SET uuid = '00000000-0000-4000-8000-000000000000'")),
                      Catch::Contains("sync identity"));
    archive.db().exec(QStringLiteral("INSERT INTO visits (customer_uuid, visited_at, result, geom) SELECT uuid, "
                                     "'2026-11-29T10:00:00Z', 'ok', MakePoint(113.005, 34.005, 4326) FROM customers"));
    CHECK_THROWS_WITH(archive.db().exec(QStringLiteral("UPDATE visits SET note = 'x'")), Catch::Contains("insert-only"));
    CHECK_THROWS_WITH(archive.db().exec(QStringLiteral("DELETE FROM visits")), Catch::Contains("insert-only"));
    CHECK(archive.db().scalar(QStringLiteral("SELECT count(*) FROM visits")).toInt() == 1);
}

TEST_CASE("files that are not archives are refused and left untouched", "[archive]") {
    ScratchDir dir;
    SECTION("a text file") {
        const QString path = dir.file(QStringLiteral("notes.sqlite"));
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("this is not a database\n").repeated(200));
        f.close();
        const QString before = recheck::test::fileSha256(path);
        try {
            Archive::open(path);
            FAIL("opened a text file");
        } catch (const RecheckError& e) {
            CHECK(e.kind() == RecheckError::Kind::NotAnArchive);
            CHECK_THAT(e.what(), Catch::Contains("notes.sqlite") && Catch::Contains("not a Recheck archive"));
        }
        CHECK(recheck::test::fileSha256(path) == before);
    }
    SECTION("an SQLite database of another program") {
        const QString path = dir.file(QStringLiteral("other.sqlite"));
        {
            SqliteDatabase db(path, SqliteDatabase::Mode::Create);
            db.exec(QStringLiteral("CREATE TABLE t (a); INSERT INTO t VALUES (1)"));
        }
        const QString before = recheck::test::fileSha256(path);
        CHECK_THROWS_WITH(Archive::open(path), Catch::Contains("not a Recheck archive"));
        CHECK(recheck::test::fileSha256(path) == before);
    }
    SECTION("an archive from a newer Recheck") {
        const QString path = dir.file(QStringLiteral("newer.sqlite"));
        { makeArchive(path); }
        {
            SqliteDatabase db(path, SqliteDatabase::Mode::ReadWrite);
            db.exec(QStringLiteral("PRAGMA user_version = %1").arg(ArchiveSchema::currentVersion() + 1));
        }
        const QString before = recheck::test::fileSha256(path);
        try {
            Archive::open(path, Archive::Access::ReadWrite, true);
            FAIL("opened a newer archive");
        } catch (const RecheckError& e) {
            CHECK(e.kind() == RecheckError::Kind::NewerSchema);
            CHECK_THAT(e.what(), Catch::Contains("newer"));
        }
        CHECK(recheck::test::fileSha256(path) == before);
    }
    SECTION("a missing file") {
        CHECK_THROWS_WITH(Archive::open(dir.file(QStringLiteral("missing.sqlite"))), Catch::Contains("no such file"));
        CHECK_FALSE(QFile::exists(dir.file(QStringLiteral("missing.sqlite"))));
    }
}

TEST_CASE("an archive at schema v1 migrates to the current schema keeping its rows", "[archive][migration]") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("old.sqlite"));
    {
        Archive old = makeArchive(path, 1);
        CHECK(old.info().schemaVersion == 1);
        insertDistrictAndCustomer(old.db());
    }
    // v1 had no change capture.
    CHECK(sqlScalar(path, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'change_log'")) ==
          QStringLiteral("0"));
    // Opening without upgrading is refused with a way out.
    CHECK_THROWS_WITH(Archive::open(path), Catch::Contains("recheck upgrade"));

    CHECK(Archive::upgrade(path) == 1);
    Archive upgraded = Archive::open(path);
    CHECK(upgraded.info().schemaVersion == ArchiveSchema::currentVersion());
    CHECK(upgraded.db().scalar(QStringLiteral("SELECT name FROM customers")).toString() == QString::fromUtf8("张三"));
    upgraded.db().exec(QStringLiteral("UPDATE customers SET address = '东关街2号'"));
    CHECK(upgraded.db().scalar(QStringLiteral("SELECT count(*) FROM change_log WHERE op = 'update'")).toInt() == 1);
    CHECK(upgraded.db().scalar(QStringLiteral("SELECT row_version FROM customers")).toInt() == 2);
    // Upgrading again is a no-op.
    CHECK(Archive::upgrade(path) == ArchiveSchema::currentVersion());
}

TEST_CASE("suspending change capture for a bulk load restores the triggers", "[archive][triggers]") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("bulk.sqlite"));
    Archive archive = makeArchive(path);
    SqliteDatabase& db = archive.db();
    const int triggersBefore =
        db.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_capture_%'"))
            .toInt();
    {
        SqliteTransaction tx(db);
        ChangeCaptureSuspension suspended(db);
        insertDistrictAndCustomer(db);
        suspended.resume();
        tx.commit();
    }
    CHECK(db.scalar(QStringLiteral("SELECT count(*) FROM change_log")).toInt() == 0);
    CHECK(db.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_capture_%'"))
              .toInt() == triggersBefore);
    db.exec(QStringLiteral("UPDATE customers SET phone = '1'"));
    CHECK(db.scalar(QStringLiteral("SELECT count(*) FROM change_log")).toInt() == 1);
}
