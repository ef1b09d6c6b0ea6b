// The PostgreSQL/PostGIS office master (core/master) against a real local
// server: under ctest the fixture of tests/pg starts one; run by hand, start
// it with `tests/pg/pg-test-server.sh start BUILD/test-pg` or point
// RECHECK_TEST_PG at any server (key=value connection string, a user allowed
// to create databases). Without a server the [pg] tests warn and pass.

#include "PgTestSupport.h"
#include "TestSupport.h"

#include "archive/Archive.h"
#include "archive/DemoCountyGenerator.h"
#include "common/Sqlite.h"
#include "master/PgConnection.h"
#include "master/PgMasterMigration.h"
#include "master/PgMasterSchema.h"
#include "master/PgMasterStore.h"

#include <catch2/catch.hpp>

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QUuid>

using namespace recheck;
using recheck::test::PgTestDatabase;
using recheck::test::ScratchDir;
using recheck::test::sqlScalar;

namespace {

DemoCountyOptions smallCounty() {
    DemoCountyOptions options;
    options.customers = 3000;
    options.districts = 12;
    options.seed = 12;
    return options;
}

// A demo master whose districts lie in two counties (the generator makes
// one), with office bookkeeping rows holding each SQLite storage class in an
// untyped column.
QString twoCountyMaster(const ScratchDir& dir) {
    const QString path = dir.file(QStringLiteral("master.sqlite"));
    DemoCountyGenerator(smallCounty()).generate(path);
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadWrite);
    db.exec(QStringLiteral("UPDATE districts SET county = '东区' WHERE fid % 2 = 0"));
    db.exec(QStringLiteral("UPDATE districts SET county = '西区' WHERE fid % 2 = 1"));
    db.exec(QStringLiteral(
        "INSERT INTO sync_conflicts (package_id, table_name, row_uuid, field, kind, base_value, "
        "package_value,\n"
        "  master_value, created_at) VALUES\n"
        "('p1', 'customers', 'u1', 'contracted_capacity', 'field', 50.0, 7, x'00ff10', "
        "'2026-11-02T08:00:00.000Z'),\n"
        "('p1', 'customers', 'u2', 'name', 'field', 'tab\there\nnew line \\ back', NULL, 1e300, "
        "'2026-11-02T08:00:00.000Z')"));
    return path;
}

QString explain(PgConnection& pg, const QString& sql) {
    const PgResult plan = pg.query(QStringLiteral("EXPLAIN ") + sql);
    QStringList lines;
    for (int r = 0; r < plan.rows(); ++r)
        lines << plan.text(r, 0);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

TEST_CASE("PostgreSQL master: a bad connection string or an unreachable server gives a clear error", "[pg]") {
    try {
        PgMasterStore store(QStringLiteral("hots=127.0.0.1 dbname=x"));
        FAIL("an unparsable connection string was accepted");
    } catch (const RecheckError& e) {
        CHECK(e.kind() == RecheckError::Kind::InvalidInput);
        CHECK_THAT(e.what(), Catch::Contains("not a PostgreSQL connection string") &&
                                 Catch::Contains("invalid connection option \"hots\""));
    }
    // Port 1 on the loopback: nothing listens there.
    try {
        PgMasterStore store(QStringLiteral(
            "host=127.0.0.1 port=1 dbname=master user=office password=s3cret connect_timeout=3"));
        FAIL("connected to a port nobody listens on");
    } catch (const RecheckError& e) {
        CHECK(e.kind() == RecheckError::Kind::Io);
        CHECK_THAT(e.what(), Catch::Contains("cannot connect to the PostgreSQL master") &&
                                 Catch::Contains("port=1") && Catch::Contains("Connection refused"));
        // The password never appears in a message.
        CHECK_THAT(e.what(), !Catch::Contains("s3cret") && Catch::Contains("password=***"));
    }
    CHECK(PgConnection::isConnectionString(QStringLiteral("postgresql://office@db.example/master")));
    CHECK(PgConnection::isConnectionString(QStringLiteral("host=db port=5432 dbname=master")));
    CHECK_FALSE(PgConnection::isConnectionString(QStringLiteral("/data/master.sqlite")));
}

TEST_CASE("PostgreSQL master: schema with partitions by county, code lists and archive metadata", "[pg]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    PgMasterStore store(database.conninfo());
    CHECK_FALSE(store.hasSchema());
    CHECK(store.schemaVersion() == 0);

    MasterSchemaOptions options;
    options.name = QStringLiteral("省公司");
    options.archiveId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    store.createSchema(options);
    CHECK(store.hasSchema());
    CHECK(store.schemaVersion() == PgMasterSchema::currentVersion());
    CHECK(store.meta(QStringLiteral("archive_id")) == options.archiveId);
    CHECK(store.meta(QStringLiteral("name")) == options.name);
    CHECK(store.meta(QStringLiteral("srid")) == QLatin1String("4490"));

    // The same seed rows as a new SpatiaLite master.
    ScratchDir dir;
    const QString reference = dir.file(QStringLiteral("reference.sqlite"));
    Archive::create(reference, {});
    PgConnection& pg = store.connection();
    for (const QString& table : {QStringLiteral("code_lists"), QStringLiteral("discrepancy_rules"),
                                 QStringLiteral("sync_field_policy"), QStringLiteral("reminder_settings")})
        CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)).toString() ==
              sqlScalar(reference, QStringLiteral("SELECT count(*) FROM %1").arg(table)));

    // Customers and what hangs on them are partitioned by county; the rest not.
    for (const QString& table : PgMasterSchema::countyPartitionedTables())
        CHECK(pg.scalar(QStringLiteral("SELECT relkind FROM pg_class WHERE relname = $1"), {table})
                  .toString() == QLatin1String("p"));
    CHECK(pg.scalar(QStringLiteral("SELECT relkind FROM pg_class WHERE relname = 'districts'")).toString() ==
          QLatin1String("r"));
    CHECK(pg.scalar(QStringLiteral("SELECT pg_get_partkeydef('customers'::regclass)")).toString() ==
          QLatin1String("LIST (county)"));
    auto geometryType = [&](const QString& table) {
        return pg
            .scalar(QStringLiteral("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                                   "WHERE attrelid = $1::regclass AND attname = 'geom'"),
                    {table})
            .toString();
    };
    CHECK(geometryType(QStringLiteral("customers")) == QLatin1String("geometry(Point,4490)"));
    CHECK(geometryType(QStringLiteral("districts")) == QLatin1String("geometry(MultiPolygon,4490)"));
    CHECK(geometryType(QStringLiteral("visits")) == QLatin1String("geometry(Point,4326)")); // GPS fixes
    CHECK(geometryType(QStringLiteral("roads")) == QLatin1String("geometry(MultiLineString,4490)"));

    store.addCounties({QStringLiteral("东区"), QStringLiteral("西区")});
    store.addCounties({QStringLiteral("西区")}); // idempotent
    CHECK(store.counties() == QStringList{QStringLiteral("东区"), QStringLiteral("西区")});
    CHECK(
        pg.scalar(QStringLiteral("SELECT count(*) FROM pg_inherits WHERE inhparent = 'customers'::regclass"))
            .toInt() == 3); // two counties and the default partition

    // A second createSchema changes nothing.
    try {
        store.createSchema(options);
        FAIL("createSchema ran twice");
    } catch (const RecheckError& e) {
        CHECK(e.kind() == RecheckError::Kind::InvalidInput);
        CHECK_THAT(e.what(), Catch::Contains("already holds a Recheck master"));
    }
}

TEST_CASE("PostgreSQL master: triggers stamp row versions and record every change", "[pg]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    PgMasterStore store(database.conninfo());
    store.createSchema({});
    store.addCounties({QStringLiteral("东区")});
    PgConnection& pg = store.connection();

    pg.exec(QStringLiteral("INSERT INTO districts (code, name, county) VALUES ('D1', 'One', '东区')"));
    const QString district =
        pg.scalar(QStringLiteral("SELECT uuid FROM districts WHERE code = 'D1'")).toString();
    pg.query(
        QStringLiteral("INSERT INTO customers (county, account_no, name, district_uuid, geom)\n"
                       "VALUES ('东区', 'A-1', 'Zhang', $1, ST_SetSRID(ST_MakePoint(113.6, 34.7), 4490))"),
        {district});
    const QString customer =
        pg.scalar(QStringLiteral("SELECT uuid FROM customers WHERE account_no = 'A-1'")).toString();
    CHECK(customer.size() == 36);
    // The row sits in its county's partition.
    CHECK(pg.scalar(QStringLiteral("SELECT tableoid::regclass::text FROM customers WHERE uuid = $1"),
                    {customer})
              .toString() == QLatin1String("customers_c001"));
    auto versionOf = [&] {
        return pg
            .scalar(QStringLiteral("SELECT row_version || ' ' || updated_by FROM customers WHERE uuid = $1"),
                    {customer})
            .toString();
    };
    CHECK(versionOf() == QLatin1String("1 external"));

    // Another tool's update: stamped by the trigger.
    pg.query(QStringLiteral("UPDATE customers SET name = 'Zhang Wei' WHERE uuid = $1"), {customer});
    CHECK(versionOf() == QLatin1String("2 external"));
    // Recheck's writers stamp themselves; the trigger leaves that alone.
    pg.query(QStringLiteral("UPDATE customers SET phone = '13800000000', row_version = row_version + 1, "
                            "updated_by = 'S001' WHERE uuid = $1"),
             {customer});
    CHECK(versionOf() == QLatin1String("3 S001"));
    const QString updatedAt =
        pg.scalar(QStringLiteral("SELECT updated_at FROM customers WHERE uuid = $1"), {customer}).toString();
    CHECK(QDateTime::fromString(updatedAt, Qt::ISODateWithMs).isValid());
    CHECK(updatedAt.endsWith(QLatin1Char('Z')));

    // The uuid is the sync identity.
    CHECK_THROWS_WITH(pg.query(QStringLiteral("UPDATE customers SET uuid = $1 WHERE uuid = $2"),
                               {QUuid::createUuid().toString(QUuid::WithoutBraces), customer}),
                      Catch::Contains("customers.uuid is the sync identity and cannot change"));

    // Visits are insert-only.
    pg.query(QStringLiteral("INSERT INTO visits (county, customer_uuid, visited_at, result) "
                            "VALUES ('东区', $1, '2026-11-02T09:00:00.000Z', 'ok')"),
             {customer});
    CHECK_THROWS_WITH(pg.exec(QStringLiteral("UPDATE visits SET note = 'x'")),
                      Catch::Contains("visits are insert-only: a recorded row cannot be changed"));
    CHECK_THROWS_WITH(pg.exec(QStringLiteral("DELETE FROM visits")),
                      Catch::Contains("visits are insert-only: a recorded row cannot be deleted"));

    // A delete is logged with the version the row had.
    pg.exec(QStringLiteral("INSERT INTO customers (county, account_no, name) VALUES ('东区', 'A-2', 'Li')"));
    const QString second =
        pg.scalar(QStringLiteral("SELECT uuid FROM customers WHERE account_no = 'A-2'")).toString();
    pg.exec(QStringLiteral("DELETE FROM customers WHERE account_no = 'A-2'"));

    const PgResult log = pg.query(
        QStringLiteral("SELECT table_name, op, row_version, coalesce(changed_by, '') FROM change_log "
                       "WHERE row_uuid IN ($1, $2) OR table_name = 'visits' ORDER BY seq"),
        {customer, second});
    QStringList entries;
    for (int r = 0; r < log.rows(); ++r)
        entries << QStringLiteral("%1 %2 %3 %4")
                       .arg(log.text(r, 0), log.text(r, 1), log.text(r, 2), log.text(r, 3));
    CHECK(entries.join(QLatin1Char('|')).toStdString() ==
          "customers insert 1 external|customers update 2 external|customers update 3 S001|"
          "visits insert 1 external|customers insert 1 external|customers delete 1 ");
    // An account is unique within its county.
    CHECK_THROWS_WITH(pg.exec(QStringLiteral(
                          "INSERT INTO customers (county, account_no, name) VALUES ('东区', 'A-1', 'Dup')")),
                      Catch::Contains("duplicate key"));
}

TEST_CASE("PostgreSQL master: migrate copies a demo master without loss, verified by counts and checksums",
          "[pg]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    const QString source = twoCountyMaster(dir);
    PgMasterStore store(database.conninfo());
    QStringList progressTables;
    double lastFraction = -1;
    bool monotonic = true;
    const MigrationReport report =
        PgMasterMigration::migrate(source, store, [&](const QString& table, double f) {
            if (!table.isEmpty() && !progressTables.contains(table))
                progressTables << table;
            monotonic = monotonic && f >= lastFraction;
            lastFraction = f;
        });
    CHECK(monotonic);
    CHECK(lastFraction == 1.0);
    CHECK(report.counties == QStringList{QStringLiteral("东区"), QStringLiteral("西区")});
    CHECK(store.counties() == report.counties);

    // Every table of the archive but the derived ones, compared both sides.
    QStringList copied;
    for (const MigratedTable& t : report.tables) {
        INFO(t.table.toStdString());
        CHECK(t.source == t.target);
        CHECK(t.source.sha256.size() == 64);
        copied << t.table;
        // Counts checked independently of the report.
        CHECK(QString::number(t.target.rows) ==
              sqlScalar(source, QStringLiteral("SELECT count(*) FROM \"%1\"").arg(t.table)));
        CHECK(store.connection()
                  .scalar(QStringLiteral("SELECT count(*) FROM \"%1\"").arg(t.table))
                  .toLongLong() == t.source.rows);
    }
    for (const QString& table :
         {QStringLiteral("customers"), QStringLiteral("districts"), QStringLiteral("visits"),
          QStringLiteral("change_log"), QStringLiteral("roads"), QStringLiteral("sync_conflicts"),
          QStringLiteral("import_runs"), QStringLiteral("archive_meta")})
        CHECK(copied.contains(table));
    CHECK(progressTables.contains(QStringLiteral("customers")));
    CHECK(report.derivedTables.contains(QStringLiteral("idx_customers_geom")));
    CHECK(report.derivedTables.contains(QStringLiteral("spatial_ref_sys")));
    CHECK_FALSE(copied.contains(QStringLiteral("customer_search")));
    CHECK(sqlScalar(source, QStringLiteral("SELECT count(*) FROM customers")) == QLatin1String("3000"));

    PgConnection& pg = store.connection();
    // Each county's customers are in its partition: the same split as the
    // archive's districts give.
    for (const QString& county : report.counties) {
        const QString suffix =
            pg.scalar(QStringLiteral("SELECT suffix FROM county_partitions WHERE county = $1"), {county})
                .toString();
        CHECK(
            pg.scalar(QStringLiteral("SELECT count(*) FROM customers_%1").arg(suffix)).toString() ==
            sqlScalar(source, QStringLiteral("SELECT count(*) FROM customers c JOIN districts d ON d.uuid = "
                                             "c.district_uuid WHERE d.county = '%1'")
                                  .arg(county)));
    }
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM customers_default")).toInt() == 0);
    // Geometries keep their coordinates and CRS.
    const QString first = QStringLiteral("(SELECT min(account_no) FROM customers)");
    CHECK(pg.scalar(
                QStringLiteral("SELECT encode(ST_AsBinary(geom), 'hex') FROM customers WHERE account_no = %1")
                    .arg(first))
              .toString()
              .toStdString() ==
          sqlScalar(source,
                    QStringLiteral("SELECT lower(hex(AsBinary(geom))) FROM customers WHERE account_no = %1")
                        .arg(first))
              .toStdString());
    CHECK(pg.scalar(QStringLiteral("SELECT DISTINCT ST_SRID(geom) FROM customers")).toInt() == 4490);
    // Untyped values keep their kind: a real stays a real, a blob a blob.
    CHECK(pg.scalar(QStringLiteral("SELECT base_value::text FROM sync_conflicts WHERE row_uuid = 'u1'"))
              .toString() == QLatin1String("{\"real\": \"50\"}"));
    CHECK(pg.scalar(QStringLiteral("SELECT package_value::text FROM sync_conflicts WHERE row_uuid = 'u1'"))
              .toString() == QLatin1String("7"));

    // The digest sees a single changed value.
    const TableDigest before = store.tableDigest(QStringLiteral("customers"));
    pg.exec(QStringLiteral(
        "UPDATE customers SET name = name || '.' WHERE fid = (SELECT min(fid) FROM customers)"));
    CHECK(store.tableDigest(QStringLiteral("customers")) != before);
    // Sequences continue after the copied ids; capture is back on.
    const qlonglong maxFid = pg.scalar(QStringLiteral("SELECT max(fid) FROM customers")).toLongLong();
    pg.exec(
        QStringLiteral("INSERT INTO customers (county, account_no, name) VALUES ('东区', 'NEW-1', 'New')"));
    CHECK(pg.scalar(QStringLiteral("SELECT fid FROM customers WHERE account_no = 'NEW-1'")).toLongLong() ==
          maxFid + 1);
    CHECK(
        pg.scalar(QStringLiteral("SELECT count(*) FROM change_log c JOIN customers u ON u.uuid = c.row_uuid "
                                 "WHERE u.account_no = 'NEW-1'"))
            .toInt() == 1);

    // A second migrate into the same database is refused and changes nothing.
    const qlonglong customers = pg.scalar(QStringLiteral("SELECT count(*) FROM customers")).toLongLong();
    CHECK_THROWS_WITH(PgMasterMigration::migrate(source, store),
                      Catch::Contains("already holds a Recheck master"));
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM customers")).toLongLong() == customers);
}

TEST_CASE("PostgreSQL master: a failing migrate leaves the database empty", "[pg]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    const QString source = twoCountyMaster(dir);
    {
        // A value the master cannot hold exactly: text in an integer column.
        SqliteDatabase db(source, SqliteDatabase::Mode::ReadWrite);
        db.exec(QStringLiteral("UPDATE staff SET capacity_per_day = 'lots' WHERE fid = 1"));
    }
    PgMasterStore store(database.conninfo());
    CHECK_THROWS_WITH(PgMasterMigration::migrate(source, store),
                      Catch::Contains("staff.capacity_per_day, row 1: a text value") &&
                          Catch::Contains("nothing was migrated"));
    CHECK_FALSE(store.hasSchema());
    // Not even the PostGIS extension the migration created stays.
    CHECK(store.connection()
              .scalar(QStringLiteral("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
              .toInt() == 0);

    // A dangling reference (left by a tool that writes the file with
    // SQLite's foreign keys off): refused with PostgreSQL's own words.
    ScratchDir other;
    const QString dangling = twoCountyMaster(other);
    {
        SqliteDatabase db(dangling, SqliteDatabase::Mode::ReadWrite);
        db.exec(QStringLiteral("PRAGMA foreign_keys = OFF")); // as sqlite3 and other tools do
        db.exec(QStringLiteral(
            "UPDATE tasks SET plan_uuid = '00000000-0000-4000-8000-000000000000' WHERE fid = 1"));
    }
    CHECK_THROWS_WITH(PgMasterMigration::migrate(dangling, store),
                      Catch::Contains("violates foreign key constraint") && Catch::Contains("tasks"));
    CHECK_FALSE(store.hasSchema());
}

TEST_CASE("PostgreSQL master: a county filter touches that county's partition only (EXPLAIN)", "[pg]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    const QString source = twoCountyMaster(dir);
    PgMasterStore store(database.conninfo());
    PgMasterMigration::migrate(source, store);
    PgConnection& pg = store.connection();
    const QString east =
        pg.scalar(QStringLiteral("SELECT suffix FROM county_partitions WHERE county = '东区'")).toString();
    const QString west =
        pg.scalar(QStringLiteral("SELECT suffix FROM county_partitions WHERE county = '西区'")).toString();
    REQUIRE(!east.isEmpty());
    REQUIRE(!west.isEmpty());

    const QString plan = explain(pg, QStringLiteral("SELECT * FROM customers WHERE county = '西区'"));
    INFO(plan.toStdString());
    CHECK_THAT(plan.toStdString(), Catch::Contains(QStringLiteral("customers_%1").arg(west).toStdString()));
    CHECK_THAT(plan.toStdString(), !Catch::Contains(QStringLiteral("customers_%1").arg(east).toStdString()));
    CHECK_THAT(plan.toStdString(), !Catch::Contains("customers_default"));

    // A district's check-out query: the customers and their visits of one
    // county; the join prunes both sides.
    const QString join =
        explain(pg, QStringLiteral("SELECT c.account_no, v.result FROM customers c JOIN visits v "
                                   "ON v.county = c.county AND v.customer_uuid = c.uuid "
                                   "WHERE c.county = '东区' AND v.county = '东区'"));
    INFO(join.toStdString());
    CHECK_THAT(join.toStdString(), Catch::Contains(QStringLiteral("visits_%1").arg(east).toStdString()));
    CHECK_THAT(join.toStdString(), !Catch::Contains(QStringLiteral("visits_%1").arg(west).toStdString()));
    CHECK_THAT(join.toStdString(), !Catch::Contains(QStringLiteral("customers_%1").arg(west).toStdString()));

    // Without a county filter every partition is scanned.
    const QString all = explain(pg, QStringLiteral("SELECT * FROM customers"));
    CHECK_THAT(all.toStdString(),
               Catch::Contains(QStringLiteral("customers_%1").arg(west).toStdString()) &&
                   Catch::Contains(QStringLiteral("customers_%1").arg(east).toStdString()));
}

TEST_CASE("PostgreSQL master: recheck migrate prints counts and checksums", "[pg]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    const QString source = twoCountyMaster(dir);
    QProcess process;
    process.start(QStringLiteral(RECHECK_BINARY_DIR "/bin/recheck"),
                  {QStringLiteral("migrate"), source, database.conninfo()});
    REQUIRE(process.waitForFinished(120000));
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    const QString err = QString::fromUtf8(process.readAllStandardError());
    INFO(out.toStdString() << err.toStdString());
    CHECK(process.exitCode() == 0);
    CHECK_THAT(out.toStdString(), Catch::Contains("every count and checksum equal") &&
                                      Catch::Contains("东区, 西区") && Catch::Contains("customers"));
    CHECK_THAT(err.toStdString(), Catch::Contains("Migrating to PostgreSQL"));

    // Again: refused (exit 2), the message says why.
    QProcess again;
    again.start(QStringLiteral(RECHECK_BINARY_DIR "/bin/recheck"),
                {QStringLiteral("migrate"), source, database.conninfo()});
    REQUIRE(again.waitForFinished(120000));
    CHECK(again.exitCode() == 2);
    CHECK_THAT(QString::fromUtf8(again.readAllStandardError()).toStdString(),
               Catch::Contains("already holds a Recheck master"));
    // Not a connection string: a usage error.
    QProcess usage;
    usage.start(QStringLiteral(RECHECK_BINARY_DIR "/bin/recheck"),
                {QStringLiteral("migrate"), source, dir.file(QStringLiteral("other.sqlite"))});
    REQUIRE(usage.waitForFinished(120000));
    CHECK(usage.exitCode() == 64);
}

TEST_CASE("PostgreSQL master: a county's rows written before its partition move into it unchanged", "[pg]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    PgMasterStore store(database.conninfo());
    store.createSchema({});
    PgConnection& pg = store.connection();
    // Written while 北区 has no partition: they land in the default ones.
    pg.exec(QStringLiteral("INSERT INTO customers (county, account_no, name) VALUES ('北区', 'N-1', 'Wang'), "
                           "('北区', 'N-2', 'Zhao'), ('南区', 'S-1', 'Sun')"));
    pg.exec(QStringLiteral("UPDATE customers SET name = 'Wang Fang' WHERE account_no = 'N-1'"));
    pg.exec(
        QStringLiteral("INSERT INTO visits (county, customer_uuid, visited_at, result) SELECT county, uuid, "
                       "'2026-11-02T09:00:00.000Z', 'ok' FROM customers WHERE account_no = 'N-1'"));
    auto snapshot = [&] {
        const PgResult rows = pg.query(QStringLiteral(
            "SELECT account_no || ' ' || row_version || ' ' || updated_at || ' ' || tableoid::regclass::text "
            "FROM customers ORDER BY account_no"));
        QStringList out;
        for (int r = 0; r < rows.rows(); ++r)
            out << rows.text(r, 0);
        return out;
    };
    const QStringList before = snapshot();
    const QString changes = pg.scalar(QStringLiteral("SELECT count(*) FROM change_log")).toString();
    const TableDigest customers = store.tableDigest(QStringLiteral("customers"));
    const TableDigest visits = store.tableDigest(QStringLiteral("visits"));
    REQUIRE(pg.scalar(QStringLiteral("SELECT count(*) FROM customers_default")).toInt() == 3);

    store.addCounties({QStringLiteral("北区")});
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM customers_c001")).toInt() == 2);
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM visits_c001")).toInt() == 1);
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM customers_default")).toInt() == 1); // 南区 stays
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM visits_default")).toInt() == 0);
    // Same rows, versions and timestamps; moving is not an edit.
    CHECK(store.tableDigest(QStringLiteral("customers")) == customers);
    CHECK(store.tableDigest(QStringLiteral("visits")) == visits);
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM change_log")).toString() == changes);
    QStringList expected = before;
    expected.replaceInStrings(QStringLiteral("customers_default"), QStringLiteral("customers_c001"));
    expected.last().replace(QStringLiteral("customers_c001"), QStringLiteral("customers_default")); // S-1
    CHECK(snapshot().join(QLatin1Char('|')).toStdString() == expected.join(QLatin1Char('|')).toStdString());
    // Visits are insert-only again, in every partition.
    CHECK_THROWS_WITH(pg.exec(QStringLiteral("DELETE FROM visits")), Catch::Contains("insert-only"));
    pg.exec(
        QStringLiteral("INSERT INTO visits (county, customer_uuid, visited_at, result) SELECT county, uuid, "
                       "'2026-11-03T09:00:00.000Z', 'ok' FROM customers WHERE account_no = 'S-1'"));
    CHECK_THROWS_WITH(pg.exec(QStringLiteral("DELETE FROM visits_default")), Catch::Contains("insert-only"));
    // Capture is on again afterwards, in the same session.
    pg.exec(QStringLiteral("UPDATE customers SET phone = '1' WHERE account_no = 'N-2'"));
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM change_log")).toInt() == changes.toInt() + 2);
}
