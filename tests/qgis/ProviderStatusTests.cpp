// The derived fields customers.recheck_status and districts.progress_pct, and
// the default styles built on them.

#include "TestArchives.h"
#include "TestSupport.h"

#include "RecheckQgis.h"

#include "common/Sqlite.h"

#include <qgscategorizedsymbolrenderer.h>
#include <qgsfeatureiterator.h>
#include <qgspallabeling.h>
#include <qgssymbol.h>
#include <qgsvectorlayer.h>
#include <qgsvectorlayerlabeling.h>

#include <catch2/catch.hpp>

#include <memory>

using namespace recheck;
using namespace recheck::test;

namespace {

struct StatusFixture {
    ScratchDir dir;
    QString path;
    QList<qint64> d001; ///< four customers of D001: A, B, C in the current task's scope, X not
    QString taskUuid;

    StatusFixture() {
        path = dir.file(QStringLiteral("status.sqlite"));
        createTestArchive(path, {80});
        SqliteDatabase db(path, SqliteDatabase::Mode::ReadWrite);
        SqliteStatement ids(db,
                            QStringLiteral("SELECT fid FROM customers WHERE district_uuid = "
                                           "(SELECT uuid FROM districts WHERE code = 'D001') ORDER BY fid "
                                           "LIMIT 4"));
        while (ids.step())
            d001 << ids.int64(0);
        REQUIRE(d001.size() == 4);
        const QString in3 = QStringLiteral("(%1, %2, %3)").arg(d001[0]).arg(d001[1]).arg(d001[2]);
        const QString in4 =
            QStringLiteral("(%1, %2, %3, %4)").arg(d001[0]).arg(d001[1]).arg(d001[2]).arg(d001[3]);
        db.exec(
            QStringLiteral(
                "INSERT INTO plans (code, name) VALUES ('P1', '2024 复查');"
                "INSERT INTO tasks (plan_uuid, district_uuid, status, planned_start, note) VALUES "
                "((SELECT uuid FROM plans), (SELECT uuid FROM districts WHERE code = 'D001'), 'in_progress', "
                "'2024-05-01', 'current'),"
                // A later but cancelled task with a wider scope: ignored.
                "((SELECT uuid FROM plans), (SELECT uuid FROM districts WHERE code = 'D001'), 'cancelled', "
                "'2024-06-01', 'cancelled');"
                "INSERT INTO task_scope (task_uuid, customer_uuid) SELECT (SELECT uuid FROM tasks WHERE note "
                "= "
                "'current'), uuid FROM customers WHERE fid IN %1;"
                "INSERT INTO task_scope (task_uuid, customer_uuid) SELECT (SELECT uuid FROM tasks WHERE note "
                "= "
                "'cancelled'), uuid FROM customers WHERE fid IN %2;")
                .arg(in3, in4));
        taskUuid = db.scalar(QStringLiteral("SELECT uuid FROM tasks WHERE note = 'current'")).toString();
        recordVisit(db, d001[0], QStringLiteral("ok"), QStringLiteral("2024-05-02T08:00:00Z"));
    }

    void recordVisit(SqliteDatabase& db, qint64 customer, const QString& result, const QString& at) {
        SqliteStatement visit(
            db, QStringLiteral("INSERT INTO visits (task_uuid, customer_uuid, visited_at, result) "
                               "VALUES (?, (SELECT uuid FROM customers WHERE fid = ?), ?, ?)"));
        visit.bind(1, taskUuid)
            .bind(2, static_cast<std::int64_t>(customer))
            .bind(3, at)
            .bind(4, result)
            .execute();
    }
    void recordVisit(qint64 customer, const QString& result, const QString& at) {
        SqliteDatabase db(path, SqliteDatabase::Mode::ReadWrite);
        recordVisit(db, customer, result, at);
    }

    std::unique_ptr<QgsVectorLayer> layer(const QString& table) const {
        auto layer = std::make_unique<QgsVectorLayer>(path + QStringLiteral("|layername=") + table, table,
                                                      QStringLiteral("customerarchive"));
        REQUIRE(layer->isValid());
        return layer;
    }
};

QMap<qint64, QString> statuses(QgsVectorLayer& customers) {
    QMap<qint64, QString> result;
    QgsFeatureIterator it = customers.getFeatures();
    QgsFeature feature;
    while (it.nextFeature(feature))
        result.insert(feature.id(), feature.attribute(QStringLiteral("recheck_status")).toString());
    return result;
}

QVariant progressOf(QgsVectorLayer& districts, const QString& code) {
    QgsFeature feature;
    districts
        .getFeatures(QgsFeatureRequest().setFilterExpression(QStringLiteral("\"code\" = '%1'").arg(code)))
        .nextFeature(feature);
    return feature.attribute(QStringLiteral("progress_pct"));
}

} // namespace

TEST_CASE("customerarchive recheck_status follows tasks and visits") {
    StatusFixture fixture;
    auto customers = fixture.layer(QStringLiteral("customers"));
    const int statusField = customers->fields().indexOf(QStringLiteral("recheck_status"));
    REQUIRE(statusField == customers->fields().count() - 1);
    CHECK(customers->fields().at(statusField).isReadOnly());

    QMap<qint64, QString> status = statuses(*customers);
    CHECK(status.size() == 80);
    CHECK(status.value(fixture.d001[0]) == QLatin1String("checked_ok"));
    CHECK(status.value(fixture.d001[1]) == QLatin1String("pending"));
    CHECK(status.value(fixture.d001[2]) == QLatin1String("pending"));
    CHECK(status.value(fixture.d001[3]) == QLatin1String("not_planned")); // only in the cancelled task
    CHECK(status.values().count(QStringLiteral("not_planned")) == 77);

    auto districts = fixture.layer(QStringLiteral("districts"));
    CHECK(progressOf(*districts, QStringLiteral("D001")).toDouble() == Approx(33.3));
    CHECK(progressOf(*districts, QStringLiteral("D002")).isNull());

    SECTION("a visit recorded with SQL shows after a reload") {
        fixture.recordVisit(fixture.d001[1], QStringLiteral("discrepancy"),
                            QStringLiteral("2024-05-03T10:00:00Z"));
        customers->dataProvider()->reloadData();
        status = statuses(*customers);
        CHECK(status.value(fixture.d001[1]) == QLatin1String("discrepancy"));
        CHECK(progressOf(*districts, QStringLiteral("D001")).toDouble() == Approx(66.7));
        // The latest visit decides.
        fixture.recordVisit(fixture.d001[0], QStringLiteral("unreachable"),
                            QStringLiteral("2024-05-04T10:00:00Z"));
        CHECK(statuses(*customers).value(fixture.d001[0]) == QLatin1String("unreachable"));
        CHECK(progressOf(*districts, QStringLiteral("D001")).toDouble() == Approx(66.7));
    }
    SECTION("a visit recorded through the visits layer refreshes the customers layer") {
        auto visits = fixture.layer(QStringLiteral("visits"));
        int customersChanged = 0;
        const QMetaObject::Connection counting =
            QObject::connect(customers->dataProvider(), &QgsDataProvider::dataChanged,
                             [&customersChanged] { ++customersChanged; });
        REQUIRE(visits->startEditing());
        QgsFeature visit(visits->fields());
        visit.setAttribute(QStringLiteral("task_uuid"), fixture.taskUuid);
        visit.setAttribute(
            QStringLiteral("customer_uuid"),
            sqlScalar(fixture.path,
                      QStringLiteral("SELECT uuid FROM customers WHERE fid = %1").arg(fixture.d001[2])));
        visit.setAttribute(QStringLiteral("visited_at"), QStringLiteral("2024-05-03T11:00:00Z"));
        visit.setAttribute(QStringLiteral("result"), QStringLiteral("refused"));
        visit.setGeometry(QgsGeometry::fromPointXY(QgsPointXY(113.61, 34.71)));
        REQUIRE(visits->addFeature(visit));
        const bool committed = visits->commitChanges();
        INFO(visits->commitErrors().join(QLatin1Char('\n')).toStdString());
        REQUIRE(committed);
        QObject::disconnect(counting);
        CHECK(customersChanged >= 1);
        CHECK(statuses(*customers).value(fixture.d001[2]) == QLatin1String("unreachable"));
    }
    SECTION("filters on the status are answered by SQL and equal the values") {
        QgsFeatureIds pending;
        QgsFeatureIterator it = customers->dataProvider()->getFeatures(
            QgsFeatureRequest().setFilterExpression(QStringLiteral("\"recheck_status\" = 'pending'")));
        QgsFeature feature;
        while (it.nextFeature(feature))
            pending.insert(feature.id());
        CHECK(it.compileStatus() == QgsAbstractFeatureIterator::Compiled);
        CHECK(pending == QgsFeatureIds{fixture.d001[1], fixture.d001[2]});
        REQUIRE(customers->setSubsetString(QStringLiteral("\"recheck_status\" <> 'not_planned'")));
        CHECK(customers->featureCount() == 3);
    }
    SECTION("the status cannot be edited") {
        REQUIRE(customers->startEditing());
        REQUIRE(customers->changeAttributeValue(fixture.d001[1], statusField, QStringLiteral("checked_ok")));
        CHECK_FALSE(customers->commitChanges());
        CHECK(customers->commitErrors().join(QLatin1Char('\n')).contains(QLatin1String("recheck_status")));
        customers->rollBack();
        CHECK(statuses(*customers).value(fixture.d001[1]) == QLatin1String("pending"));
    }
}

TEST_CASE(
    "customerarchive default styles: customers by recheck_status, districts with progress, visits below") {
    StatusFixture fixture;
    QString error;
    const QList<QgsMapLayer*> layers = recheck::qgis::createArchiveLayers(fixture.path, &error);
    INFO(error.toStdString());
    REQUIRE(layers.size() == 6);
    QStringList tables;
    for (QgsMapLayer* layer : layers)
        tables << layer->source().section(QStringLiteral("layername="), 1);
    CHECK(tables.indexOf(QStringLiteral("visits")) < tables.indexOf(QStringLiteral("customers")));

    auto* customers = qobject_cast<QgsVectorLayer*>(layers[tables.indexOf(QStringLiteral("customers"))]);
    REQUIRE(customers);
    CHECK_FALSE(customers->readOnly());
    auto* renderer = dynamic_cast<QgsCategorizedSymbolRenderer*>(customers->renderer());
    REQUIRE(renderer);
    CHECK(renderer->classAttribute() == QLatin1String("recheck_status"));
    QStringList values;
    QStringList colours;
    for (const QgsRendererCategory& category : renderer->categories()) {
        values << category.value().toString();
        colours << category.symbol()->color().name().toUpper();
        CHECK_FALSE(category.label().isEmpty());
    }
    CHECK(values == QStringList{QStringLiteral("pending"), QStringLiteral("checked_ok"),
                                QStringLiteral("discrepancy"), QStringLiteral("unreachable"),
                                QStringLiteral("not_planned")});
    CHECK(colours == QStringList{QStringLiteral("#E69F00"), QStringLiteral("#009E73"),
                                 QStringLiteral("#D55E00"), QStringLiteral("#CC79A7"),
                                 QStringLiteral("#999999")});
    const QgsEditFormConfig form = customers->editFormConfig();
    for (const char* name : {"fid", "uuid", "row_version", "updated_at", "updated_by", "recheck_status"}) {
        INFO(name);
        CHECK(form.readOnly(customers->fields().indexOf(QString::fromLatin1(name))));
    }
    CHECK_FALSE(form.readOnly(customers->fields().indexOf(QStringLiteral("name"))));

    auto* districts = qobject_cast<QgsVectorLayer*>(layers[tables.indexOf(QStringLiteral("districts"))]);
    REQUIRE(districts);
    REQUIRE(districts->labeling());
    const QgsPalLayerSettings settings = districts->labeling()->settings();
    CHECK(settings.fieldName.contains(QLatin1String("progress_pct")));
    CHECK(settings.fieldName.contains(QLatin1String("name")));
    // The label expression evaluates on a district with a task.
    QgsExpression label(settings.fieldName);
    QgsExpressionContext context;
    context.setFields(districts->fields());
    QgsFeature district;
    districts->getFeatures(QgsFeatureRequest().setFilterExpression(QStringLiteral("\"code\" = 'D001'")))
        .nextFeature(district);
    context.setFeature(district);
    CHECK(label.evaluate(&context).toString().endsWith(QLatin1String("33.3%")));
    qDeleteAll(layers);
}
