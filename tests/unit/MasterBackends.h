#pragma once

// One master under test, whatever its backend, for the suites that run the
// same check-in scenarios against the SpatiaLite file and the PostgreSQL
// master (the #4 merge matrix, the crash tests): check-out, check-in and
// conflicts go through MasterStore; the office's own edits and the test's
// reads go through a plain connection of the backend (sqlite3's or psql's
// view), with the few things the dialects write differently (a point moved,
// a customer inserted, a value quoted as SQLite's quote() does) behind
// methods.

#include "PgTestSupport.h"
#include "SyncTestSupport.h"

#include "archive/ArchiveSchema.h"
#include "master/MasterStore.h"
#include "master/PgConnection.h"
#include "master/PgMasterMigration.h"
#include "master/PgMasterStore.h"
#include "master/SpatiaLiteMasterStore.h"
#include "sync/ConflictStore.h"

#include <QThread>
#include <QUuid>

#include <memory>
#include <set>

namespace recheck::synctest {

/// A value as SQLite's quote() writes it ('text', 12, 12.5, 77.0, NULL,
/// X'..'), so that both backends' values compare as the matrix expects.
inline QString sqlQuote(const QVariant& value) {
    if (value.isNull() || !value.isValid())
        return QStringLiteral("NULL");
    switch (value.userType()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
        return QString::number(value.toLongLong());
    case QMetaType::Double: {
        QString text = QString::number(value.toDouble(), 'g', 15);
        if (!text.contains(QLatin1Char('.')) && !text.contains(QLatin1Char('e')) &&
            !text.contains(QLatin1Char('n')))
            text += QStringLiteral(".0");
        return text;
    }
    case QMetaType::QByteArray:
        return QStringLiteral("X'") + QString::fromLatin1(value.toByteArray().toHex().toUpper()) +
               QLatin1Char('\'');
    default: {
        QString text = value.toString();
        text.replace(QLatin1Char('\''), QStringLiteral("''"));
        return QLatin1Char('\'') + text + QLatin1Char('\'');
    }
    }
}

class TestMaster {
public:
    virtual ~TestMaster() = default;
    virtual QString backend() const = 0;
    virtual MasterStore& store() = 0;

    /// Office edits with a plain connection (no Recheck code), statements
    /// both dialects read alike (UPDATE … SET column = literal, DELETE).
    virtual void officeSql(const QString& sql) = 0;
    /// The office moves a customer's point by (dx, dy) degrees of the archive CRS.
    virtual void officeMovePoint(const QString& uuid, double dx, double dy) = 0;
    /// The office adds a customer like `like` (same district and point).
    virtual void officeInsertCustomerLike(const QString& uuid, const QString& accountNo, const QString& name,
                                          const QString& like) = 0;

    /// Rows of a query in standard SQL, first column as text ("NULL" for NULL).
    virtual QStringList column(const QString& sql) = 0;
    QString scalar(const QString& sql) { return column(sql).value(0); }
    long long count(const QString& sql) { return scalar(sql).toLongLong(); }
    /// One field of one synced row, quoted as SQLite's quote() writes it;
    /// empty when there is no such row.
    virtual QString quoted(const QString& table, const QString& uuid, const QString& field) = 0;
    /// X of a customer's point.
    virtual double pointX(const QString& uuid) = 0;

    /// Problems of the master's consistency ("" when none): SQLite's
    /// integrity and foreign key checks; on PostgreSQL, which checks its
    /// foreign keys itself, rows in a county other than their parent's.
    virtual QString problems() = 0;

    /// An independent master with the same content.
    virtual std::unique_ptr<TestMaster> copy() = 0;

    /// Every synced row's values but fid and updated_at (and row_version,
    /// updated_by unless `withStamps`), per table, order-free, through
    /// MasterStore::tableDigest: what "the same final state" means. Equal
    /// across backends for equal content.
    QString contentDigest(bool withStamps = true) {
        QStringList parts;
        for (const SyncedTable& table : ArchiveSchema::syncedTables()) {
            QStringList columns;
            for (const QString& c : logicalColumns(table.name))
                if (c != QLatin1String("fid") && c != QLatin1String("updated_at") &&
                    (withStamps || (c != QLatin1String("row_version") && c != QLatin1String("updated_by"))))
                    columns << c;
            const TableDigest digest = store().tableDigest(table.name, columns);
            parts << QStringLiteral("%1:%2:%3").arg(table.name).arg(digest.rows).arg(digest.sha256);
        }
        return parts.join(QLatin1Char(' '));
    }

    /// The conflicts as order-free facts (as synctest::conflictFacts), read
    /// through MasterStore::conflicts.
    std::multiset<QString> conflictFacts() {
        std::multiset<QString> facts;
        for (const SyncConflict& c : store().conflicts(true)) {
            QString kind = c.kind;
            if (kind == QLatin1String("delete_update"))
                kind = QStringLiteral("update_delete");
            QStringList contending = {sqlQuote(c.packageValue), sqlQuote(c.masterValue)};
            std::sort(contending.begin(), contending.end());
            facts.insert(QStringList{c.table, c.uuid, c.isRowLevel() ? QStringLiteral("*") : c.field, kind,
                                     c.isRowLevel() ? QString() : sqlQuote(c.baseValue),
                                     c.isRowLevel() ? QString() : contending.join(QLatin1Char('|')), c.status}
                             .join(QStringLiteral(" / ")));
        }
        return facts;
    }

    /// The conflict of a row (and field), or one with id 0.
    SyncConflict conflictOf(const QString& uuid, const QString& field = QString()) {
        for (const SyncConflict& c : store().conflicts(true))
            if (c.uuid == uuid && (field.isEmpty() || c.field == field))
                return c;
        return {};
    }

protected:
    // The columns of a synced table as the archive file has them (a
    // PostgreSQL master adds county to partitioned tables).
    static QStringList logicalColumns(const QString& table) {
        static std::map<QString, QStringList> cache;
        auto it = cache.find(table);
        if (it == cache.end())
            it = cache
                     .emplace(table,
                              synctest::column(generatedMaster(),
                                               QStringLiteral("SELECT name FROM pragma_table_info('%1') "
                                                              "ORDER BY cid")
                                                   .arg(table)))
                     .first;
        return it->second;
    }
};

/// The first `n` customers (in fid order) of the district with code
/// `district` that nothing else hangs on but task_scope (no visits, no
/// discrepancies): deleting them and their scope rows is legal.
inline QStringList plainCustomers(TestMaster& m, const QString& district, int n) {
    return m.column(
        QStringLiteral("SELECT c.uuid FROM customers c JOIN districts d ON d.uuid = c.district_uuid "
                       "WHERE d.code = '%1' AND c.uuid NOT IN (SELECT customer_uuid FROM visits) AND "
                       "c.uuid NOT IN (SELECT customer_uuid FROM discrepancies) ORDER BY c.fid LIMIT %2")
            .arg(district)
            .arg(n));
}

/// District codes, most such customers (see plainCustomers()) first.
inline QStringList districtsByPlainCustomers(TestMaster& m) {
    return m.column(
        QStringLiteral("SELECT d.code FROM districts d ORDER BY (SELECT count(*) FROM customers c WHERE "
                       "c.district_uuid = d.uuid AND c.uuid NOT IN (SELECT customer_uuid FROM visits) "
                       "AND c.uuid NOT IN (SELECT customer_uuid FROM discrepancies)) DESC, d.code"));
}

/// Puts the districts of a SpatiaLite master into two counties (东区, 西区)
/// with a plain connection (an office edit: the rows are stamped).
inline void splitIntoTwoCounties(const QString& path) {
    plainSql(path, QStringLiteral("UPDATE districts SET county = '东区' WHERE fid % 2 = 0;"
                                  "UPDATE districts SET county = '西区' WHERE fid % 2 = 1;"));
}

/// A private copy of the generated master split into two counties and
/// migrated into PostgreSQL; returns the SpatiaLite copy (the same rows),
/// the twin the PostgreSQL results are compared with.
inline QString migratedTwoCountyMaster(const test::ScratchDir& dir, PgMasterStore& store) {
    const QString path = copyMaster(dir);
    splitIntoTwoCounties(path);
    PgMasterMigration::migrate(path, store);
    return path;
}

/// A private copy of the generated SpatiaLite master.
class SpatiaLiteTestMaster : public TestMaster {
public:
    explicit SpatiaLiteTestMaster(const test::ScratchDir& dir, const QString& name = QStringLiteral("master"))
        : mDir(dir), mPath(copyMaster(dir, name + QStringLiteral(".sqlite"))), mStore(mPath) {}
    SpatiaLiteTestMaster(const test::ScratchDir& dir, const QString& from, const QString& name)
        : mDir(dir), mPath(copyFile(from, dir.file(name + QStringLiteral(".sqlite")))), mStore(mPath) {}

    const QString& path() const { return mPath; }
    QString backend() const override { return QStringLiteral("spatialite"); }
    MasterStore& store() override { return mStore; }
    void officeSql(const QString& sql) override { plainSql(mPath, sql); }
    void officeMovePoint(const QString& uuid, double dx, double dy) override {
        plainSql(mPath, QStringLiteral("UPDATE customers SET geom = MakePoint(X(geom) + %2, Y(geom) + %3, "
                                       "ST_SRID(geom)) WHERE uuid = '%1'")
                            .arg(uuid)
                            .arg(dx, 0, 'g', 17)
                            .arg(dy, 0, 'g', 17));
    }
    void officeInsertCustomerLike(const QString& uuid, const QString& accountNo, const QString& name,
                                  const QString& like) override {
        plainSql(mPath, QStringLiteral("INSERT INTO customers (uuid, account_no, name, district_uuid) SELECT "
                                       "'%1', '%2', '%3', district_uuid FROM customers WHERE uuid = '%4'")
                            .arg(uuid, accountNo, name, like));
    }
    QStringList column(const QString& sql) override { return synctest::column(mPath, sql); }
    QString quoted(const QString& table, const QString& uuid, const QString& field) override {
        return test::sqlScalar(
            mPath, QStringLiteral("SELECT quote(%1) FROM %2 WHERE uuid = '%3'").arg(field, table, uuid));
    }
    double pointX(const QString& uuid) override {
        return test::sqlScalar(mPath,
                               QStringLiteral("SELECT X(geom) FROM customers WHERE uuid = '%1'").arg(uuid))
            .toDouble();
    }
    QString problems() override {
        QStringList found;
        const QString integrity = test::sqlScalar(mPath, QStringLiteral("PRAGMA integrity_check"));
        if (integrity != QLatin1String("ok"))
            found << integrity;
        const QString keys = test::sqlScalar(mPath, QStringLiteral("PRAGMA foreign_key_check"));
        if (!keys.isEmpty())
            found << QStringLiteral("foreign key check: ") + keys;
        return found.join(QStringLiteral("; "));
    }
    std::unique_ptr<TestMaster> copy() override {
        return std::make_unique<SpatiaLiteTestMaster>(mDir, mPath, QStringLiteral("copy-%1").arg(++mCopies));
    }

private:
    const test::ScratchDir& mDir;
    QString mPath;
    SpatiaLiteMasterStore mStore;
    int mCopies = 0;
};

/// The SpatiaLite master with PgTestMaster's rows (the generated master split
/// into two counties): the twin the PostgreSQL results are compared with.
class SpatiaLiteTwinMaster : public SpatiaLiteTestMaster {
public:
    explicit SpatiaLiteTwinMaster(const test::ScratchDir& dir) : SpatiaLiteTestMaster(dir) {
        splitIntoTwoCounties(path());
    }
};

/// The generated master migrated into a PostgreSQL database, its districts
/// in two counties (东区, 西区) so that both partitions and the default one
/// are in play.
class PgTestMaster : public TestMaster {
public:
    /// A new database holding the generated master.
    PgTestMaster() : mDatabase(std::make_unique<test::PgTestDatabase>()) {
        if (!mDatabase->available())
            return;
        test::ScratchDir dir;
        const QString path = copyMaster(dir);
        splitIntoTwoCounties(path);
        mStore = std::make_unique<PgMasterStore>(mDatabase->conninfo());
        PgMasterMigration::migrate(path, *mStore);
    }
    /// A copy of `source`'s database.
    explicit PgTestMaster(PgTestMaster& source) {
        source.mStore.reset(); // CREATE DATABASE … TEMPLATE wants it unused
        source.mDatabase->waitForOtherSessions();
        mDatabase = std::make_unique<test::PgTestDatabase>(source.mDatabase->name());
        source.mStore = std::make_unique<PgMasterStore>(source.mDatabase->conninfo());
        mStore = std::make_unique<PgMasterStore>(mDatabase->conninfo());
    }

    bool available() const { return mDatabase->available(); }
    test::PgTestDatabase& database() { return *mDatabase; }
    PgConnection& pg() { return mStore->connection(); }
    /// Closes this object's connection (a copy or a crash test's server-side
    /// wait needs the database to itself) and opens it again.
    void reconnect() {
        mStore.reset();
        mDatabase->waitForOtherSessions();
        mStore = std::make_unique<PgMasterStore>(mDatabase->conninfo());
    }

    QString backend() const override { return QStringLiteral("postgresql"); }
    MasterStore& store() override { return *mStore; }
    void officeSql(const QString& sql) override {
        PgConnection office(mDatabase->conninfo());
        office.exec(QStringLiteral("BEGIN; ") + sql + QStringLiteral("; COMMIT"));
    }
    void officeMovePoint(const QString& uuid, double dx, double dy) override {
        officeSql(
            QStringLiteral("UPDATE customers SET geom = ST_SetSRID(ST_MakePoint(ST_X(geom) + %2, ST_Y(geom) "
                           "+ %3), ST_SRID(geom)) WHERE uuid = '%1'")
                .arg(uuid)
                .arg(dx, 0, 'g', 17)
                .arg(dy, 0, 'g', 17));
    }
    void officeInsertCustomerLike(const QString& uuid, const QString& accountNo, const QString& name,
                                  const QString& like) override {
        // The county partition is the office tool's business on PostgreSQL.
        officeSql(
            QStringLiteral("INSERT INTO customers (uuid, county, account_no, name, district_uuid) SELECT "
                           "'%1', county, '%2', '%3', district_uuid FROM customers WHERE uuid = '%4'")
                .arg(uuid, accountNo, name, like));
    }
    QStringList column(const QString& sql) override {
        const PgResult result = pg().query(sql);
        QStringList values;
        for (int r = 0; r < result.rows(); ++r)
            values << (result.isNull(r, 0) ? QStringLiteral("NULL") : result.text(r, 0));
        return values;
    }
    QString quoted(const QString& table, const QString& uuid, const QString& field) override {
        PgColumnKind kind = PgColumnKind::Text;
        for (const PgColumn& c : mStore->columns(table))
            if (c.name == field)
                kind = c.kind;
        const PgResult result = pg().query(
            QStringLiteral("SELECT %1 FROM %2 WHERE uuid = $1")
                .arg(kind == PgColumnKind::Geometry ? QStringLiteral("ST_AsBinary(%1)").arg(field) : field,
                     table),
            {uuid});
        if (result.rows() == 0)
            return {};
        return sqlQuote(sqlValueFromPg(result, 0, 0, kind));
    }
    double pointX(const QString& uuid) override {
        return pg()
            .scalar(QStringLiteral("SELECT ST_X(geom) FROM customers WHERE uuid = $1"), {uuid})
            .toDouble();
    }
    QString problems() override {
        // Foreign keys are PostgreSQL's (checked at every commit); what it
        // cannot check is that a row sits in its parent's county.
        QStringList found = column(QStringLiteral("SELECT 'customer ' || c.uuid || ' in ' || c.county || ', "
                                                  "its district in ' || coalesce(d.county, '') "
                                                  "FROM customers c JOIN districts d ON d.uuid = "
                                                  "c.district_uuid WHERE c.county <> coalesce(d.county, '') "
                                                  "LIMIT 5"));
        for (const QString& table :
             {QStringLiteral("task_scope"), QStringLiteral("visits"), QStringLiteral("discrepancies")})
            found << column(
                QStringLiteral("SELECT '%1 ' || t.uuid || ' in ' || t.county || ', its customer in ' || "
                               "c.county FROM %1 t JOIN customers c ON c.uuid = t.customer_uuid WHERE "
                               "c.county <> t.county LIMIT 5")
                    .arg(table));
        return found.join(QStringLiteral("; "));
    }
    std::unique_ptr<TestMaster> copy() override { return std::make_unique<PgTestMaster>(*this); }

private:
    std::unique_ptr<test::PgTestDatabase> mDatabase;
    std::unique_ptr<PgMasterStore> mStore;
};

/// The #4 merge matrix (SyncMergeTests.cpp) against any master: insert,
/// update, delete on each side, same or other field, same or other value;
/// conflicts resolved through the store (in Catch SECTIONs, unless
/// `resolveInSections` is false: then the conflicts stay open).
void runMergeMatrix(TestMaster& master, const test::ScratchDir& dir, bool resolveInSections = true);
/// Two laptops with overlapping scope checked in in either order (into two
/// copies of `master`) end with the same rows and the same conflicts.
void runTwoLaptops(TestMaster& master, const test::ScratchDir& dir);

} // namespace recheck::synctest
