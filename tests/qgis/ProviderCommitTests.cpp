// A layer's commit -- attribute and geometry changes, deletes and adds -- is
// one SQLite transaction: a failure in its last part leaves the earlier parts
// unwritten and QGIS's edit buffer whole. Deleting a row others point at says
// which rows those are.

#include "TestArchives.h"
#include "TestSupport.h"

#include "common/Sqlite.h"

#include <qgsfeatureiterator.h>
#include <qgsgeometry.h>
#include <qgsvectorlayer.h>
#include <qgsvectorlayereditbuffer.h>

#include <catch2/catch.hpp>

#include <memory>

using namespace recheck;
using namespace recheck::test;

namespace {

std::unique_ptr<QgsVectorLayer> customersLayer(const QString& path) {
    auto layer =
        std::make_unique<QgsVectorLayer>(path + QStringLiteral("|layername=customers"),
                                         QStringLiteral("customers"), QStringLiteral("customerarchive"));
    REQUIRE(layer->isValid());
    return layer;
}

QString text(const QString& path, const QString& sql) {
    return sqlScalar(path, sql);
}

// The archive's tables that a commit may touch, as text.
QString snapshot(const QString& path) {
    return text(path,
                QStringLiteral("SELECT group_concat(fid || ':' || account_no || ':' || coalesce(name, '') "
                               "|| ':' || row_version || ':' || coalesce(AsText(geom), ''), '\n') FROM "
                               "(SELECT * FROM customers ORDER BY fid)")) +
           QStringLiteral("\n#") +
           text(path, QStringLiteral("SELECT count(*) || '/' || coalesce(max(seq), 0) FROM change_log"));
}

QgsFeature newCustomer(const QgsVectorLayer& layer, const QString& account, const QString& name) {
    QgsFeature feature(layer.fields());
    feature.setAttribute(QStringLiteral("account_no"), account);
    feature.setAttribute(QStringLiteral("name"), name);
    feature.setGeometry(QgsGeometry::fromPointXY(QgsPointXY(113.61, 34.71)));
    return feature;
}

} // namespace

TEST_CASE("customerarchive a commit is one transaction: a failing add rolls back its changes and deletes") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("commit.sqlite"));
    createTestArchive(path, {60});
    const qint64 changed = text(path, QStringLiteral("SELECT min(fid) FROM customers")).toLongLong();
    // Not the last row: SQLite would give its fid to the added one.
    const qint64 deleted = changed + 5;
    const QString takenAccount =
        text(path, QStringLiteral("SELECT account_no FROM customers WHERE fid = %1").arg(changed + 1));
    const QString before = snapshot(path);

    auto layer = customersLayer(path);
    REQUIRE(layer->startEditing());
    const int nameField = layer->fields().indexOf(QStringLiteral("name"));
    REQUIRE(layer->changeAttributeValue(changed, nameField, QStringLiteral("改名-一次提交")));
    QgsGeometry moved = QgsGeometry::fromPointXY(QgsPointXY(113.65, 34.75));
    REQUIRE(layer->changeGeometry(changed, moved));
    REQUIRE(layer->deleteFeature(deleted));
    // The last part QGIS writes, the adds, fails: an account number taken.
    QgsFeature duplicate = newCustomer(*layer, takenAccount, QStringLiteral("重复户号"));
    REQUIRE(layer->addFeature(duplicate));

    CHECK_FALSE(layer->commitChanges(false));
    const QString errors = layer->commitErrors().join(QLatin1Char('\n'));
    INFO(errors.toStdString());
    CHECK(errors.contains(takenAccount));
    // Nothing of the change or the delete reached the archive ...
    CHECK(snapshot(path) == before);
    // ... and QGIS still holds every part of the edit, ready to fix and retry.
    REQUIRE(layer->isEditable());
    CHECK(layer->editBuffer()->changedAttributeValues().contains(changed));
    CHECK(layer->editBuffer()->changedGeometries().contains(changed));
    CHECK(layer->editBuffer()->deletedFeatureIds().contains(deleted));
    CHECK(layer->editBuffer()->addedFeatures().size() == 1);

    // Fixed, the same commit goes through whole.
    const QgsFeatureId added = layer->editBuffer()->addedFeatures().firstKey();
    REQUIRE(layer->changeAttributeValue(added, layer->fields().indexOf(QStringLiteral("account_no")),
                                        QStringLiteral("NEW-0001")));
    const bool committed = layer->commitChanges();
    INFO(layer->commitErrors().join(QLatin1Char('\n')).toStdString());
    REQUIRE(committed);
    CHECK(text(path, QStringLiteral("SELECT name || '|' || row_version || '|' || AsText(geom) FROM customers "
                                    "WHERE fid = %1")
                         .arg(changed)) == QStringLiteral("改名-一次提交|2|POINT(113.65 34.75)"));
    CHECK(text(path, QStringLiteral("SELECT count(*) FROM customers WHERE fid = %1").arg(deleted)) ==
          QStringLiteral("0"));
    CHECK(text(path, QStringLiteral("SELECT name FROM customers WHERE account_no = 'NEW-0001'")) ==
          QStringLiteral("重复户号"));
    // The layer shows the written rows: the new one under its archive id.
    QgsFeature readBack;
    CHECK(layer
              ->getFeatures(
                  QgsFeatureRequest().setFilterExpression(QStringLiteral("\"account_no\" = 'NEW-0001'")))
              .nextFeature(readBack));
    CHECK(readBack.id() > 0);
    CHECK(layer->featureCount() == 60);
    // One change-log entry per row: update, delete, insert.
    CHECK(text(path, QStringLiteral("SELECT group_concat(op, ',') FROM (SELECT op FROM change_log WHERE "
                                    "table_name = 'customers' ORDER BY seq DESC LIMIT 3)")) ==
          QStringLiteral("insert,delete,update"));
}

TEST_CASE("customerarchive a commit whose first part fails writes nothing of the later parts") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("commit-first.sqlite"));
    createTestArchive(path, {40});
    const qint64 first = text(path, QStringLiteral("SELECT min(fid) FROM customers")).toLongLong();
    const QString takenAccount =
        text(path, QStringLiteral("SELECT account_no FROM customers WHERE fid = %1").arg(first + 1));
    const QString before = snapshot(path);
    auto layer = customersLayer(path);
    REQUIRE(layer->startEditing());
    REQUIRE(layer->changeAttributeValue(first, layer->fields().indexOf(QStringLiteral("account_no")),
                                        takenAccount));
    QgsFeature fresh = newCustomer(*layer, QStringLiteral("NEW-0002"), QStringLiteral("新户"));
    REQUIRE(layer->addFeature(fresh));
    CHECK_FALSE(layer->commitChanges(false));
    CHECK(layer->commitErrors().join(QLatin1Char('\n')).contains(takenAccount));
    CHECK(snapshot(path) == before);
    CHECK(layer->editBuffer()->addedFeatures().size() == 1);
    CHECK(layer->rollBack());
    CHECK(snapshot(path) == before);
}

TEST_CASE("customerarchive deleting a customer others point at names the rows and changes nothing") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("referenced.sqlite"));
    createTestArchive(path, {40});
    const qint64 customer = text(path, QStringLiteral("SELECT min(fid) FROM customers")).toLongLong();
    const qint64 free = text(path, QStringLiteral("SELECT max(fid) FROM customers")).toLongLong();
    {
        SqliteDatabase db(path, SqliteDatabase::Mode::ReadWrite);
        db.exec(
            QStringLiteral(
                "INSERT INTO plans (code, name) VALUES ('P1', '复查');"
                "INSERT INTO tasks (plan_uuid, district_uuid, status, planned_start) VALUES ((SELECT uuid "
                "FROM plans), (SELECT district_uuid FROM customers WHERE fid = %1), 'in_progress', "
                "'2024-05-01');"
                "INSERT INTO task_scope (task_uuid, customer_uuid) VALUES ((SELECT uuid FROM tasks), "
                "(SELECT uuid FROM customers WHERE fid = %1));"
                "INSERT INTO visits (task_uuid, customer_uuid, visited_at, result) VALUES "
                "((SELECT uuid FROM tasks), (SELECT uuid FROM customers WHERE fid = %1), "
                "'2024-05-02T08:00:00Z', 'ok'),"
                "((SELECT uuid FROM tasks), (SELECT uuid FROM customers WHERE fid = %1), "
                "'2024-05-03T08:00:00Z', 'unreachable');")
                .arg(customer));
    }
    const QString visitFids =
        text(path, QStringLiteral("SELECT group_concat(fid, ', ') FROM (SELECT fid FROM "
                                  "visits ORDER BY fid)"));
    const QString scopeFid = text(path, QStringLiteral("SELECT fid FROM task_scope"));
    const QString before = snapshot(path);
    auto layer = customersLayer(path);

    SECTION("alone") {
        REQUIRE(layer->startEditing());
        REQUIRE(layer->deleteFeature(customer));
        REQUIRE(layer->deleteFeature(free));
        CHECK_FALSE(layer->commitChanges(false));
        const QString errors = layer->commitErrors().join(QLatin1Char('\n'));
        INFO(errors.toStdString());
        CHECK(errors.contains(QStringLiteral("feature %1 is referenced by 2 row(s) of visits (fid %2)")
                                  .arg(customer)
                                  .arg(visitFids)));
        CHECK(errors.contains(QStringLiteral("1 row(s) of task_scope (fid %1)").arg(scopeFid)));
        CHECK(errors.contains(QStringLiteral("Delete or reassign those rows first")));
        CHECK_FALSE(errors.contains(QStringLiteral("feature %1 is referenced").arg(free)));
        CHECK_FALSE(errors.contains(QStringLiteral("FOREIGN KEY constraint failed")));
        CHECK(snapshot(path) == before);
        CHECK(layer->editBuffer()->deletedFeatureIds().size() == 2);
    }
    SECTION("within a commit that also changes and adds") {
        REQUIRE(layer->startEditing());
        REQUIRE(layer->changeAttributeValue(free, layer->fields().indexOf(QStringLiteral("name")),
                                            QStringLiteral("改")));
        REQUIRE(layer->deleteFeature(customer));
        QgsFeature fresh = newCustomer(*layer, QStringLiteral("NEW-0003"), QStringLiteral("新户"));
        REQUIRE(layer->addFeature(fresh));
        CHECK_FALSE(layer->commitChanges(false));
        const QString errors = layer->commitErrors().join(QLatin1Char('\n'));
        INFO(errors.toStdString());
        CHECK(errors.contains(QStringLiteral("2 row(s) of visits")));
        CHECK(snapshot(path) == before);
        CHECK(layer->editBuffer()->changedAttributeValues().contains(free));
    }
    SECTION("deleting the unreferenced one alone works") {
        REQUIRE(layer->startEditing());
        REQUIRE(layer->deleteFeature(free));
        REQUIRE(layer->commitChanges());
        CHECK(text(path, QStringLiteral("SELECT count(*) FROM customers WHERE fid = %1").arg(free)) ==
              QStringLiteral("0"));
    }
}

TEST_CASE("customerarchive an edit naming a row that does not exist is refused with the feature and table") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("dangling.sqlite"));
    createTestArchive(path, {20});
    const qint64 customer = text(path, QStringLiteral("SELECT min(fid) FROM customers")).toLongLong();
    const QString before = snapshot(path);
    auto layer = customersLayer(path);
    REQUIRE(layer->startEditing());
    REQUIRE(layer->changeAttributeValue(customer, layer->fields().indexOf(QStringLiteral("district_uuid")),
                                        QStringLiteral("00000000-0000-4000-8000-000000000000")));
    CHECK_FALSE(layer->commitChanges(false));
    const QString errors = layer->commitErrors().join(QLatin1Char('\n'));
    INFO(errors.toStdString());
    CHECK(errors.contains(
        QStringLiteral("feature %1 names a row of districts that does not exist").arg(customer)));
    CHECK_FALSE(errors.contains(QStringLiteral("FOREIGN KEY constraint failed")));
    CHECK(snapshot(path) == before);
}
