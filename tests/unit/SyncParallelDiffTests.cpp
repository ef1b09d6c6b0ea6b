// The package diff (PackageChangeReader::read) on two connections: large
// packages have their tables diffed partly on a second read-only connection
// on another thread. Whatever the split, the change set (rows, values,
// verdicts, the ledger's SHA-256) must be the one a single connection reads.

#include "SyncTestSupport.h"

#include "sync/ChangeSet.h"
#include "sync/PackageMeta.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <limits>

using namespace recheck;
using recheck::test::ScratchDir;

namespace {

// Everything a check-in or `status` uses of a change set, as text.
QStringList describe(const ChangeSet& set) {
    QStringList lines;
    for (const RowChange& row : set.rows) {
        QStringList changed;
        for (int c : row.changed)
            changed << QString::number(c);
        lines << QStringLiteral("%1 %2 %3 fid=%4 v=%5 changed=%6 base=%7 current=%8")
                     .arg(set.layoutOf(row).name(), row.uuid, changeOpName(row.op))
                     .arg(row.baseFid)
                     .arg(row.baseRowVersion)
                     .arg(
                         changed.join(QLatin1Char(',')),
                         QString::fromUtf8(QJsonDocument(QJsonArray::fromVariantList(row.base)).toJson()),
                         QString::fromUtf8(QJsonDocument(QJsonArray::fromVariantList(row.current)).toJson()));
    }
    for (const PackageDamage& d : set.damage)
        lines << QStringLiteral("DAMAGE %1 %2 %3").arg(d.table, d.uuid, d.reason);
    lines << set.sha256();
    return lines;
}

QStringList readWith(const QString& package, qint64 rowsForSecondConnection) {
    Archive archive = Archive::open(package, Archive::Access::ReadOnly);
    return describe(PackageChangeReader(archive.db(), rowsForSecondConnection).read());
}

// The base digest the diff computes on its way (what a check-in compares
// with the master's record), and the change set read with it.
std::pair<QString, QStringList> digestWith(const QString& package, qint64 rowsForSecondConnection,
                                           BaseDigest::Format format = BaseDigest::Format::PerTable) {
    Archive archive = Archive::open(package, Archive::Access::ReadOnly);
    QString digest;
    const ChangeSet set = PackageChangeReader(archive.db(), rowsForSecondConnection).read(&digest, format);
    return {digest, describe(set)};
}

QString standaloneDigest(const QString& package, BaseDigest::Format format = BaseDigest::Format::PerTable) {
    Archive archive = Archive::open(package, Archive::Access::ReadOnly);
    return BaseDigest::compute(archive.db(), format);
}

} // namespace

TEST_CASE("the diff on two connections reads the same change set as on one", "[sync][status]") {
    ScratchDir dir;
    const QString master = synctest::copyMaster(dir);
    const QString package = dir.file(QStringLiteral("p.sqlite"));
    synctest::checkOut(master, package,
                       {QStringLiteral("TQ0002"), QStringLiteral("TQ0003"), QStringLiteral("TQ0004")});
    // Edits in several tables: updates, inserts, deletes, a row deleted and
    // inserted again under another fid (an update).
    synctest::plainSql(
        package,
        QStringLiteral(
            "UPDATE customers SET phone = '1390000' || fid, address = address || '（复查）' WHERE fid IN "
            "(SELECT fid FROM customers ORDER BY fid LIMIT 60); "
            "UPDATE tasks SET actual_start = '2026-11-20' WHERE fid = (SELECT min(fid) FROM tasks); "
            "INSERT INTO visits (customer_uuid, visited_at, result, note, geom) SELECT uuid, "
            "'2026-11-25T10:00:00Z', 'ok', 'parallel', MakePoint(X(geom), Y(geom), 4326) FROM customers "
            "ORDER BY fid DESC LIMIT 25; "
            "DELETE FROM task_scope WHERE fid IN (SELECT fid FROM task_scope ORDER BY fid DESC LIMIT 30); "
            "CREATE TEMP TABLE moved AS SELECT * FROM task_scope ORDER BY fid LIMIT 1; "
            "DELETE FROM task_scope WHERE fid = (SELECT fid FROM temp.moved); "
            "UPDATE temp.moved SET fid = NULL, route_order = 999; "
            "INSERT INTO task_scope SELECT * FROM temp.moved"));

    const QStringList one = readWith(package, std::numeric_limits<qint64>::max());
    const QStringList two = readWith(package, 0);
    REQUIRE(one.size() > 100);
    CHECK(two == one);

    // The digest taken during the diff, on one connection or two, is the
    // one a separate pass over the base computes (and the check-out wrote).
    const QString recorded = standaloneDigest(package);
    REQUIRE(recorded.size() == 66);
    CHECK(digestWith(package, std::numeric_limits<qint64>::max()) == std::pair{recorded, one});
    CHECK(digestWith(package, 0) == std::pair{recorded, one});
    // The single-stream format of older packages, likewise.
    const QString singleStream = standaloneDigest(package, BaseDigest::Format::SingleStream);
    REQUIRE(singleStream.size() == 64);
    CHECK(BaseDigest::formatOf(singleStream) == BaseDigest::Format::SingleStream);
    CHECK(digestWith(package, 0, BaseDigest::Format::SingleStream) == std::pair{singleStream, one});
    CHECK(digestWith(package, std::numeric_limits<qint64>::max(), BaseDigest::Format::SingleStream) ==
          std::pair{singleStream, one});
    // Without the check-out's per-table counts (an older package) the
    // split is made by counting: the same change set and digest.
    synctest::plainSql(package, QStringLiteral("DELETE FROM package_meta WHERE key = 'base_rows_per_table'"));
    CHECK(digestWith(package, 0) == std::pair{recorded, one});
    {
        Archive archive = Archive::open(package, Archive::Access::ReadOnly);
        CHECK(PackageMeta::read(archive.db()).baseDigest == recorded);
    }

    // A damaged row (changed with the triggers off) is the same verdict.
    synctest::plainSql(package,
                       QStringLiteral("DROP TRIGGER customers_capture_update; DROP TRIGGER "
                                      "customers_sync_shadow_update; UPDATE customers SET name = 'X' WHERE "
                                      "fid = (SELECT max(fid) FROM customers)"));
    const QStringList damagedOne = readWith(package, std::numeric_limits<qint64>::max());
    const QStringList damagedTwo = readWith(package, 0);
    CHECK(damagedTwo == damagedOne);
    CHECK(damagedOne.filter(QStringLiteral("DAMAGE customers")).size() == 1);

    // A changed base value changes the digest, read either way.
    synctest::plainSql(package,
                       QStringLiteral("UPDATE sync_base_customers SET name = name || '·' WHERE fid = "
                                      "(SELECT min(fid) FROM sync_base_customers)"));
    CHECK(digestWith(package, 0).first != recorded);
    CHECK(digestWith(package, 0).first == standaloneDigest(package));
    CHECK(digestWith(package, std::numeric_limits<qint64>::max()).first == standaloneDigest(package));
    CHECK(digestWith(package, 0, BaseDigest::Format::SingleStream).first != singleStream);
}
