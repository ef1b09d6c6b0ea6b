// Editing archive layers through QGIS's edit buffer, checked with plain SQL.

#include "TestArchives.h"
#include "TestSupport.h"

#include "CustomerArchiveProvider.h"

#include "common/Sqlite.h"

#include <qgsfeatureiterator.h>
#include <qgssettings.h>
#include <qgsvectorlayer.h>
#include <qgsvectorlayereditbuffer.h>

#include <catch2/catch.hpp>

#include <memory>

using namespace recheck;
using namespace recheck::test;

namespace {

const QString kStaffId = QStringLiteral("S-EDIT-01");

std::unique_ptr<QgsVectorLayer> editLayer(const QString& path, const QString& table) {
    auto layer = std::make_unique<QgsVectorLayer>(path + QStringLiteral("|layername=") + table, table,
                                                  QStringLiteral("customerarchive"));
    REQUIRE(layer->isValid());
    return layer;
}

// Every row of every ordinary table, as text: the archive's content.
QString sqlDump(const QString& path) {
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
    QStringList tables;
    {
        SqliteStatement st(db, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                              "sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"));
        while (st.step())
            tables << st.text(0);
    }
    QString dump;
    for (const QString& table : tables) {
        dump += QStringLiteral("## %1\n").arg(table);
        SqliteStatement rows(db, QStringLiteral("SELECT * FROM \"%1\"").arg(table));
        while (rows.step()) {
            QStringList values;
            for (int c = 0; c < rows.columnCount(); ++c) {
                const QVariant value = rows.value(c);
                values << (value.type() == QVariant::ByteArray
                               ? QString::fromLatin1(value.toByteArray().toHex())
                               : value.toString());
            }
            dump += values.join(QLatin1Char('|')) + QLatin1Char('\n');
        }
    }
    return dump;
}

QString sqlText(const QString& path, const QString& sql) {
    return sqlScalar(path, sql);
}

class StaffIdSetting {
public:
    explicit StaffIdSetting(const QString& staff) {
        QgsSettings().setValue(QStringLiteral("recheck/staffId"), staff);
    }
    ~StaffIdSetting() { QgsSettings().remove(QStringLiteral("recheck/staffId")); }
};

} // namespace

TEST_CASE("customerarchive edits through the edit buffer reach the archive, stamped and logged") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("edit.sqlite"));
    createTestArchive(path, {120});
    StaffIdSetting staff(kStaffId);
    CHECK(recheck::qgis::CustomerArchiveProvider::editingStaffId() == kStaffId);

    auto layer = editLayer(path, QStringLiteral("customers"));
    const QgsFields fields = layer->fields();
    const int nameField = fields.indexOf(QStringLiteral("name"));
    const QString versionBefore =
        sqlText(path, QStringLiteral("SELECT row_version FROM customers WHERE fid = 10"));
    const QString uuid10 = sqlText(path, QStringLiteral("SELECT uuid FROM customers WHERE fid = 10"));
    const QString uuid12 = sqlText(path, QStringLiteral("SELECT uuid FROM customers WHERE fid = 12"));

    REQUIRE(layer->startEditing());
    QgsFeature added(fields);
    added.setAttribute(QStringLiteral("account_no"), QStringLiteral("NEW-0001"));
    added.setAttribute(QStringLiteral("name"), QStringLiteral("新客户"));
    added.setAttribute(QStringLiteral("usage_category"), QStringLiteral("COM"));
    added.setGeometry(QgsGeometry::fromPointXY(QgsPointXY(113.6234, 34.7345)));
    REQUIRE(layer->addFeature(added));
    REQUIRE(layer->changeAttributeValue(10, nameField, QStringLiteral("改名客户")));
    {
        QgsGeometry moved = QgsGeometry::fromPointXY(QgsPointXY(113.6111, 34.7222));
        REQUIRE(layer->changeGeometry(11, moved));
    }
    REQUIRE(layer->deleteFeature(12));
    const bool committed = layer->commitChanges();
    INFO(layer->commitErrors().join(QLatin1Char('\n')).toStdString());
    REQUIRE(committed);

    SECTION("the added row has the archive's defaults, a uuid and the staff stamp") {
        CHECK(sqlText(path, QStringLiteral("SELECT count(*) FROM customers WHERE account_no = 'NEW-0001'")) ==
              QLatin1String("1"));
        CHECK(sqlText(path, QStringLiteral("SELECT name || '/' || usage_category || '/' || status || '/' || "
                                           "row_version || '/' || updated_by || '/' || length(uuid) "
                                           "FROM customers WHERE account_no = 'NEW-0001'")) ==
              QStringLiteral("新客户/COM/active/1/%1/36").arg(kStaffId));
        CHECK(sqlText(path, QStringLiteral("SELECT X(geom) || ' ' || Y(geom) FROM customers "
                                           "WHERE account_no = 'NEW-0001'")) ==
              QLatin1String("113.6234 34.7345"));
        CHECK(sqlText(path, QStringLiteral(
                                "SELECT changed_by FROM change_log WHERE op = 'insert' AND row_uuid = "
                                "(SELECT uuid FROM customers WHERE account_no = 'NEW-0001')")) == kStaffId);
        // The layer reads it back under the id SQL gave it, with its uuid.
        QgsFeature feature;
        REQUIRE(layer
                    ->getFeatures(QgsFeatureRequest().setFilterExpression(
                        QStringLiteral("\"account_no\" = 'NEW-0001'")))
                    .nextFeature(feature));
        CHECK(QString::number(feature.id()) ==
              sqlText(path, QStringLiteral("SELECT fid FROM customers WHERE account_no = 'NEW-0001'")));
        CHECK(feature.attribute(QStringLiteral("uuid")).toString().size() == 36);
        // The spatial index knows the new point.
        QgsFeatureIterator near = layer->getFeatures(
            QgsFeatureRequest().setFilterRect(QgsRectangle(113.6233, 34.7344, 113.6235, 34.7346)));
        QgsFeatureIds ids;
        while (near.nextFeature(feature))
            ids.insert(feature.id());
        CHECK(ids.contains(
            sqlText(path, QStringLiteral("SELECT fid FROM customers WHERE account_no = 'NEW-0001'"))
                .toLongLong()));
    }
    SECTION("a changed attribute bumps row_version and is logged under the staff id") {
        CHECK(sqlText(path, QStringLiteral("SELECT name FROM customers WHERE fid = 10")) ==
              QStringLiteral("改名客户"));
        CHECK(sqlText(path, QStringLiteral("SELECT row_version FROM customers WHERE fid = 10")).toInt() ==
              versionBefore.toInt() + 1);
        CHECK(sqlText(path, QStringLiteral("SELECT updated_by FROM customers WHERE fid = 10")) == kStaffId);
        CHECK(
            sqlText(path, QStringLiteral("SELECT changed_by || '/' || row_version FROM change_log "
                                         "WHERE op = 'update' AND row_uuid = '%1' ORDER BY seq DESC LIMIT 1")
                              .arg(uuid10)) ==
            QStringLiteral("%1/%2").arg(kStaffId).arg(versionBefore.toInt() + 1));
        // Pooled readers see the committed value.
        QgsFeature feature = layer->getFeature(10);
        CHECK(feature.attribute(nameField).toString() == QStringLiteral("改名客户"));
        CHECK(feature.attribute(QStringLiteral("updated_by")).toString() == kStaffId);
    }
    SECTION("a changed geometry is written and stamped") {
        CHECK(
            sqlText(path, QStringLiteral("SELECT X(geom) || ' ' || Y(geom) FROM customers WHERE fid = 11")) ==
            QLatin1String("113.6111 34.7222"));
        CHECK(sqlText(path, QStringLiteral("SELECT updated_by FROM customers WHERE fid = 11")) == kStaffId);
    }
    SECTION("a deleted feature is gone and logged") {
        CHECK(sqlText(path, QStringLiteral("SELECT count(*) FROM customers WHERE fid = 12")) ==
              QLatin1String("0"));
        CHECK(sqlText(path, QStringLiteral(
                                "SELECT count(*) FROM change_log WHERE op = 'delete' AND row_uuid = '%1'")
                                .arg(uuid12)) == QLatin1String("1"));
    }
    SECTION("count and extent follow the edits") {
        CHECK(layer->featureCount() == 120);
        CHECK(layer->dataProvider()->featureCount() ==
              sqlText(path, QStringLiteral("SELECT count(*) FROM customers")).toLongLong());
    }
}

TEST_CASE("customerarchive attribute and geometry change of one feature is one stamped update") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("both.sqlite"));
    createTestArchive(path, {40});
    StaffIdSetting staff(kStaffId);
    auto layer = editLayer(path, QStringLiteral("customers"));
    const int version =
        sqlText(path, QStringLiteral("SELECT row_version FROM customers WHERE fid = 20")).toInt();
    REQUIRE(layer->startEditing());
    REQUIRE(layer->changeAttributeValue(20, layer->fields().indexOf(QStringLiteral("phone")),
                                        QStringLiteral("13900000000")));
    {
        QgsGeometry moved = QgsGeometry::fromPointXY(QgsPointXY(113.65, 34.75));
        REQUIRE(layer->changeGeometry(20, moved));
    }
    REQUIRE(layer->commitChanges());
    CHECK(sqlText(path, QStringLiteral("SELECT phone || ' ' || X(geom) || ' ' || row_version FROM customers "
                                       "WHERE fid = 20")) ==
          QStringLiteral("13900000000 113.65 %1").arg(version + 1));
}

TEST_CASE("customerarchive a duplicate account number rolls back the whole commit and says which") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("unique.sqlite"));
    createTestArchive(path, {60});
    auto layer = editLayer(path, QStringLiteral("customers"));
    const QString before = sqlDump(path);

    REQUIRE(layer->startEditing());
    for (const QString& name : {QStringLiteral("甲"), QStringLiteral("乙")}) {
        QgsFeature feature(layer->fields());
        feature.setAttribute(QStringLiteral("account_no"), QStringLiteral("DUP-4711"));
        feature.setAttribute(QStringLiteral("name"), name);
        feature.setGeometry(QgsGeometry::fromPointXY(QgsPointXY(113.62, 34.72)));
        REQUIRE(layer->addFeature(feature));
    }
    CHECK_FALSE(layer->commitChanges());
    const QString errors = layer->commitErrors().join(QLatin1Char('\n'));
    INFO(errors.toStdString());
    CHECK(errors.contains(QLatin1String("DUP-4711")));
    CHECK(errors.contains(QLatin1String("already used")));
    CHECK(sqlDump(path) == before);
    // QGIS keeps the edit buffer: the user can fix the number and retry.
    CHECK(layer->isEditable());
    CHECK(layer->editBuffer()->addedFeatures().size() == 2);

    SECTION("an account number another customer has is refused too") {
        const QgsFeatureId second = layer->editBuffer()->addedFeatures().keys().last();
        const QgsFeatureId first = layer->editBuffer()->addedFeatures().keys().first();
        const int accountField = layer->fields().indexOf(QStringLiteral("account_no"));
        REQUIRE(layer->changeAttributeValue(first, accountField, QStringLiteral("0000001000")));
        REQUIRE(layer->changeAttributeValue(second, accountField, QStringLiteral("DUP-4712")));
        CHECK_FALSE(layer->commitChanges());
        CHECK(layer->commitErrors().join(QLatin1Char('\n')).contains(QLatin1String("0000001000")));
        CHECK(sqlDump(path) == before);
        REQUIRE(layer->changeAttributeValue(first, accountField, QStringLiteral("DUP-4711")));
        const bool committed = layer->commitChanges();
        INFO(layer->commitErrors().join(QLatin1Char('\n')).toStdString());
        CHECK(committed);
        CHECK(sqlText(path, QStringLiteral("SELECT count(*) FROM customers WHERE account_no LIKE 'DUP-%'")) ==
              QLatin1String("2"));
    }
    SECTION("rolling back leaves the archive as it was") {
        CHECK(layer->rollBack());
        CHECK(sqlDump(path) == before);
    }
}

TEST_CASE("customerarchive fields: archive-maintained ones read-only, constraints and defaults from SQL") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("fields.sqlite"));
    createTestArchive(path, {10});
    auto layer = editLayer(path, QStringLiteral("customers"));
    const QgsFields fields = layer->fields();
    for (const char* name : {"fid", "uuid", "row_version", "updated_at", "updated_by", "recheck_status"}) {
        INFO(name);
        CHECK(fields.field(QString::fromLatin1(name)).isReadOnly());
    }
    for (const char* name : {"account_no", "name", "status"}) {
        INFO(name);
        CHECK_FALSE(fields.field(QString::fromLatin1(name)).isReadOnly());
    }
    const QgsFieldConstraints account = fields.field(QStringLiteral("account_no")).constraints();
    CHECK(account.constraints() & QgsFieldConstraints::ConstraintUnique);
    CHECK(account.constraints() & QgsFieldConstraints::ConstraintNotNull);
    CHECK(account.constraintOrigin(QgsFieldConstraints::ConstraintUnique) ==
          QgsFieldConstraints::ConstraintOriginProvider);
    CHECK_FALSE(fields.field(QStringLiteral("name")).constraints().constraints() &
                QgsFieldConstraints::ConstraintUnique);

    QgsVectorDataProvider* provider = layer->dataProvider();
    CHECK(provider->defaultValue(fields.indexOf(QStringLiteral("status"))).toString() ==
          QLatin1String("active"));
    CHECK(provider->defaultValueClause(fields.indexOf(QStringLiteral("status"))).isEmpty());
    CHECK(provider->defaultValue(fields.indexOf(QStringLiteral("row_version"))).toLongLong() == 1);
    CHECK(provider->defaultValueClause(fields.indexOf(QStringLiteral("uuid")))
              .contains(QLatin1String("randomblob")));

    const auto caps = provider->capabilities();
    CHECK(caps & QgsVectorDataProvider::AddFeatures);
    CHECK(caps & QgsVectorDataProvider::DeleteFeatures);
    CHECK(caps & QgsVectorDataProvider::ChangeAttributeValues);
    CHECK(caps & QgsVectorDataProvider::ChangeGeometries);
    CHECK(caps & QgsVectorDataProvider::CreateSpatialIndex);
    CHECK(provider->createSpatialIndex()); // already there

    SECTION("an edit of an archive-maintained field is refused, nothing written") {
        const QString before = sqlDump(path);
        REQUIRE(layer->startEditing());
        REQUIRE(layer->changeAttributeValue(3, fields.indexOf(QStringLiteral("row_version")), 99));
        CHECK_FALSE(layer->commitChanges());
        CHECK(layer->commitErrors().join(QLatin1Char('\n')).contains(QLatin1String("row_version")));
        CHECK(layer->rollBack());
        CHECK(sqlDump(path) == before);
    }
}

TEST_CASE("customerarchive visits are insert-only: a layer can add them, not change or delete them") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("visits.sqlite"));
    createTestArchive(path, {10});
    StaffIdSetting staff(kStaffId);
    auto visits = editLayer(path, QStringLiteral("visits"));
    const auto caps = visits->dataProvider()->capabilities();
    CHECK(caps & QgsVectorDataProvider::AddFeatures);
    CHECK_FALSE(caps & QgsVectorDataProvider::DeleteFeatures);
    CHECK_FALSE(caps & QgsVectorDataProvider::ChangeAttributeValues);
    CHECK_FALSE(caps & QgsVectorDataProvider::ChangeGeometries);

    REQUIRE(visits->startEditing());
    QgsFeature visit(visits->fields());
    visit.setAttribute(QStringLiteral("customer_uuid"),
                       sqlText(path, QStringLiteral("SELECT uuid FROM customers "
                                                    "WHERE fid = 7")));
    visit.setAttribute(QStringLiteral("visited_at"), QStringLiteral("2024-05-02T09:30:00Z"));
    visit.setAttribute(QStringLiteral("result"), QStringLiteral("ok"));
    visit.setGeometry(QgsGeometry::fromPointXY(QgsPointXY(113.62, 34.72)));
    REQUIRE(visits->addFeature(visit));
    const bool committed = visits->commitChanges();
    INFO(visits->commitErrors().join(QLatin1Char('\n')).toStdString());
    REQUIRE(committed);
    CHECK(sqlText(path,
                  QStringLiteral("SELECT result || '/' || updated_by || '/' || SRID(geom) FROM visits")) ==
          QStringLiteral("ok/%1/4326").arg(kStaffId));
    // Even asked directly, the provider refuses to delete a recorded visit.
    CHECK_FALSE(visits->dataProvider()->deleteFeatures(QgsFeatureIds{1}));
    CHECK(sqlText(path, QStringLiteral("SELECT count(*) FROM visits")) == QLatin1String("1"));
}

TEST_CASE("customerarchive a commit while another program locks the archive fails cleanly") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("locked.sqlite"));
    createTestArchive(path, {30});
    auto layer = editLayer(path, QStringLiteral("customers"));
    const int nameField = layer->fields().indexOf(QStringLiteral("name"));
    const QString before = sqlDump(path);

    REQUIRE(layer->startEditing());
    REQUIRE(layer->changeAttributeValue(5, nameField, QStringLiteral("锁住了")));
    QgsFeature feature(layer->fields());
    feature.setAttribute(QStringLiteral("account_no"), QStringLiteral("LOCK-1"));
    feature.setAttribute(QStringLiteral("name"), QStringLiteral("新"));
    REQUIRE(layer->addFeature(feature));
    {
        SqliteDatabase other(path, SqliteDatabase::Mode::ReadWrite);
        other.exec(QStringLiteral("BEGIN EXCLUSIVE"));
        CHECK_FALSE(layer->commitChanges());
        const QString errors = layer->commitErrors().join(QLatin1Char('\n'));
        INFO(errors.toStdString());
        CHECK(errors.contains(QLatin1String("locked")));
        CHECK(layer->isEditable());
        other.exec(QStringLiteral("ROLLBACK"));
    }
    CHECK(sqlDump(path) == before);
    // Once the other program is done, the same edit buffer commits.
    const bool committed = layer->commitChanges();
    INFO(layer->commitErrors().join(QLatin1Char('\n')).toStdString());
    CHECK(committed);
    CHECK(sqlText(path, QStringLiteral("SELECT name FROM customers WHERE fid = 5")) ==
          QStringLiteral("锁住了"));
    CHECK(sqlText(path, QStringLiteral("SELECT count(*) FROM customers WHERE account_no = 'LOCK-1'")) ==
          QLatin1String("1"));
}
