// The archive plugin's check-out / check-in / conflict UI against a
// PostgreSQL master (issue #12), on the throw-away server of tests/pg: the
// dialogs' logic through MasterStore, the master's layers through QGIS's own
// postgres provider with the archive styles, and QGIS authentication config
// ids in master locations. Checked against plain SQL on the server and on
// the packages, and against the `recheck` CLI.

#include "../unit/PgTestSupport.h"
#include "TestSupport.h"

#include "ArchiveLayerUri.h"
#include "MasterLocation.h"
#include "PgMasterLayers.h"
#include "RecheckQgis.h"
#include "SyncDialogs.h"
#include "SyncUi.h"
#include "archive/DemoCountyGenerator.h"
#include "common/Sqlite.h"
#include "master/PgConnection.h"
#include "master/PgMasterMigration.h"
#include "master/PgMasterStore.h"
#include "sync/PackageMeta.h"

#include <qgsapplication.h>
#include <qgsauthconfig.h>
#include <qgsauthmanager.h>
#include <qgscategorizedsymbolrenderer.h>
#include <qgsdatasourceuri.h>
#include <qgseditformconfig.h>
#include <qgsfeatureiterator.h>
#include <qgsproject.h>
#include <qgssettings.h>
#include <qgssinglesymbolrenderer.h>
#include <qgssymbol.h>
#include <qgsvectorlayer.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

#include <catch2/catch.hpp>

using namespace recheck;
using namespace recheck::archiveui;
using recheck::test::PgTestDatabase;
using recheck::test::ScratchDir;

namespace {

const QString kEast = QStringLiteral("东区");
const QString kWest = QStringLiteral("西区");

// One demo county per run, its districts in two counties; copied per test
// and migrated into the test's own database.
const QString& demoMaster() {
    struct Shared {
        ScratchDir dir;
        QString path = dir.file(QStringLiteral("pg-demo-master.sqlite"));
        Shared() {
            DemoCountyOptions options;
            options.customers = 1200;
            options.districts = 4;
            options.seed = 12;
            DemoCountyGenerator(options).generate(path);
            SqliteDatabase db(path, SqliteDatabase::Mode::ReadWrite);
            db.exec(QStringLiteral("UPDATE districts SET county = '%1' WHERE fid % 2 = 0").arg(kEast));
            db.exec(QStringLiteral("UPDATE districts SET county = '%1' WHERE fid % 2 = 1").arg(kWest));
        }
    };
    static const Shared shared;
    return shared.path;
}

// The demo master in the test database; returns its SpatiaLite twin.
QString migrate(const ScratchDir& dir, const PgTestDatabase& database) {
    const QString path = dir.file(QStringLiteral("master.sqlite"));
    REQUIRE(QFile::copy(demoMaster(), path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    PgMasterStore store(database.conninfo());
    PgMasterMigration::migrate(path, store);
    return path;
}

QStringList pgColumn(PgConnection& pg, const QString& sql, const QVariantList& params = {}) {
    const PgResult result = pg.query(sql, params);
    QStringList values;
    for (int row = 0; row < result.rows(); ++row)
        values << (result.isNull(row, 0) ? QStringLiteral("NULL") : result.text(row, 0));
    return values;
}

QStringList sqliteColumn(const QString& path, const QString& sql) {
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
    SqliteStatement st(db, sql);
    QStringList values;
    while (st.step())
        values << (st.isNull(0) ? QStringLiteral("NULL") : st.text(0));
    return values;
}

void plainSql(const QString& path, const QString& sql) {
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadWrite);
    db.exec(QStringLiteral("PRAGMA foreign_keys = OFF"));
    db.exec(sql);
}

PackageMeta metaOf(const QString& package) {
    SqliteDatabase db(package, SqliteDatabase::Mode::ReadOnly);
    return PackageMeta::read(db);
}

QgsVectorLayer* layerOfTable(const QList<QgsMapLayer*>& layers, const QString& location,
                             const QString& table) {
    for (QgsMapLayer* layer : layers)
        if (recheck::plugins::masterTableOfLayer(layer, location) == table)
            return qobject_cast<QgsVectorLayer*>(layer);
    return nullptr;
}

// (value, label) of a categorised renderer, in order.
QStringList categoriesOf(const QgsVectorLayer* layer) {
    QStringList out;
    const auto* renderer = dynamic_cast<const QgsCategorizedSymbolRenderer*>(layer->renderer());
    if (!renderer)
        return out;
    out << renderer->classAttribute();
    for (const QgsRendererCategory& category : renderer->categories())
        out << category.value().toString() + QLatin1Char('=') + category.label() + QLatin1Char('=') +
                   category.symbol()->color().name();
    return out;
}

QgsAuthManager* unlockedAuthManager() {
    QgsAuthManager* auth = QgsApplication::authManager();
    REQUIRE(auth);
    INFO(auth->disabledMessage().toStdString());
    REQUIRE_FALSE(auth->isDisabled());
    auth->setPasswordHelperEnabled(false); // no desktop keychain offscreen
    REQUIRE(auth->setMasterPassword(QStringLiteral("recheck-test-master"), true));
    return auth;
}

} // namespace

TEST_CASE("check-out dialog on a PostgreSQL master: districts and staff from the server, the package equal "
          "to recheck checkout's",
          "[pg][pgui]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    migrate(dir, database);
    const QString master = database.conninfo();
    PgConnection pg(master);

    QString error;
    const QList<QPair<QString, QString>> districts = readDistricts(master, &error);
    INFO(error.toStdString());
    QStringList codes;
    for (const auto& district : districts)
        codes << district.first;
    CHECK(codes == pgColumn(pg, QStringLiteral("SELECT code FROM districts ORDER BY code")));
    REQUIRE(codes.size() == 4);
    CHECK(readStaff(master).size() == pg.scalar(QStringLiteral("SELECT count(*) FROM staff")).toInt());

    CheckoutDialog dialog(master);
    CHECK(dialog.masterPath() == master);
    const QString district =
        pg.scalar(QStringLiteral("SELECT code FROM districts WHERE county = $1 ORDER BY code LIMIT 1"),
                  {kEast})
            .toString();
    dialog.setCheckedDistricts({district});
    REQUIRE(dialog.districtCodes() == QStringList{district});

    const QString plugin = dir.file(QStringLiteral("plugin"));
    const QString cli = dir.file(QStringLiteral("cli"));
    REQUIRE(QDir().mkpath(plugin));
    REQUIRE(QDir().mkpath(cli));
    double lastProgress = -1;
    const CheckoutOutcome outcome =
        checkOutPackage(dialog.masterPath(), dialog.districtCodes(), dialog.assignee(), plugin,
                        [&lastProgress](double fraction) {
                            lastProgress = fraction;
                            return true;
                        });
    INFO(outcome.error.toStdString());
    INFO(outcome.projectError.toStdString());
    REQUIRE(outcome.ok);
    CHECK(lastProgress > 0.5);
    CHECK(QFileInfo::exists(outcome.projectPath));
    CHECK(outcome.rows > 0);

    QProcess recheckCli;
    recheckCli.start(QStringLiteral(RECHECK_BINARY_DIR "/bin/recheck"),
                     {QStringLiteral("checkout"), master, QStringLiteral("--districts"), district,
                      QStringLiteral("--to"), cli, QStringLiteral("--json")});
    REQUIRE(recheckCli.waitForFinished(180000));
    const QString out = QString::fromUtf8(recheckCli.readAllStandardOutput());
    INFO(out.toStdString() << QString::fromUtf8(recheckCli.readAllStandardError()).toStdString());
    REQUIRE(recheckCli.exitCode() == 0);
    const QString cliPackage =
        QJsonDocument::fromJson(out.toUtf8()).object().value(QStringLiteral("package")).toString();
    REQUIRE(QFileInfo::exists(cliPackage));

    // The same rows (the frozen base's digest covers every synced row's
    // values), the same scope and master; only the package identity differs.
    const PackageMeta ours = metaOf(outcome.packagePath);
    const PackageMeta theirs = metaOf(cliPackage);
    CHECK(ours.baseDigest == theirs.baseDigest);
    CHECK(ours.baseRows == theirs.baseRows);
    CHECK(ours.baseRows == outcome.rows);
    CHECK(ours.districtCodes == theirs.districtCodes);
    CHECK(ours.masterId == theirs.masterId);
    CHECK(ours.masterId ==
          pg.scalar(QStringLiteral("SELECT value FROM archive_meta WHERE key = 'archive_id'")).toString());
    CHECK(ours.packageId != theirs.packageId);
    const QString customers = QStringLiteral("SELECT uuid || '|' || ifnull(phone, '') || '|' || row_version "
                                             "FROM customers ORDER BY uuid");
    CHECK(sqliteColumn(outcome.packagePath, customers) == sqliteColumn(cliPackage, customers));
    CHECK(sqliteColumn(outcome.packagePath, customers).size() ==
          pg.scalar(QStringLiteral(
                        "SELECT count(*) FROM customers c JOIN districts d ON d.uuid = c.district_uuid "
                        "WHERE d.code = $1"),
                    {district})
              .toInt());
    // Both recorded in the master.
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM sync_checkouts WHERE package_id IN ($1, $2)"),
                    {ours.packageId, theirs.packageId})
              .toInt() == 2);

    SECTION("a cancelled check-out leaves nothing behind") {
        const QString other = dir.file(QStringLiteral("cancel"));
        REQUIRE(QDir().mkpath(other));
        const CheckoutOutcome cancelled =
            checkOutPackage(master, {district}, QString(), other, [](double) { return false; });
        CHECK_FALSE(cancelled.ok);
        CHECK(cancelled.cancelled);
        CHECK(QDir(other).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }
}

TEST_CASE("check-in from the plugin merges into a PostgreSQL master and the conflict dialog resolves there",
          "[pg][pgui]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    migrate(dir, database);
    const QString master = database.conninfo();
    PgConnection pg(master);
    const QString district =
        pg.scalar(QStringLiteral("SELECT code FROM districts WHERE county = $1 ORDER BY code LIMIT 1"),
                  {kWest})
            .toString();
    const CheckoutOutcome out = checkOutPackage(master, {district}, QString(), dir.path());
    INFO(out.error.toStdString());
    REQUIRE(out.ok);
    const QStringList uuids =
        sqliteColumn(out.packagePath, QStringLiteral("SELECT uuid FROM customers ORDER BY fid LIMIT 3"));
    REQUIRE(uuids.size() == 3);
    // Field edits on all three; the office changed the first one's phone meanwhile.
    plainSql(out.packagePath,
             QStringLiteral("UPDATE customers SET phone = 'field-0' WHERE uuid = '%1';"
                            "UPDATE customers SET phone = 'field-1' WHERE uuid = '%2';"
                            "UPDATE customers SET address = '新地址 2 号' WHERE uuid = '%3';")
                 .arg(uuids[0], uuids[1], uuids[2]));
    pg.query(QStringLiteral("UPDATE customers SET phone = 'office-0' WHERE uuid = $1"), {uuids[0]});
    const qlonglong versionBefore =
        pg.scalar(QStringLiteral("SELECT row_version FROM customers WHERE uuid = $1"), {uuids[1]})
            .toLongLong();

    double lastProgress = -1;
    const CheckinOutcome checkin =
        checkInPackage(master, out.packagePath, QStringLiteral("S-OFFICE"), [&lastProgress](double fraction) {
            lastProgress = fraction;
            return true;
        });
    INFO(checkin.error.toStdString());
    REQUIRE(checkin.error.isEmpty());
    INFO(checkin.report.toText().toStdString());
    REQUIRE(checkin.report.outcome == CheckinReport::Outcome::MergedWithConflicts);
    CHECK(lastProgress > 0.5);
    CHECK(checkin.report.conflicts.size() == 1);
    CHECK(pg.scalar(QStringLiteral("SELECT phone FROM customers WHERE uuid = $1"), {uuids[1]}).toString() ==
          QLatin1String("field-1"));
    CHECK(pg.scalar(QStringLiteral("SELECT row_version FROM customers WHERE uuid = $1"), {uuids[1]})
              .toLongLong() == versionBefore + 1);
    CHECK(pg.scalar(QStringLiteral("SELECT address FROM customers WHERE uuid = $1"), {uuids[2]}).toString() ==
          QStringLiteral("新地址 2 号"));
    CHECK(pg.scalar(QStringLiteral("SELECT phone FROM customers WHERE uuid = $1"), {uuids[0]}).toString() ==
          QLatin1String("office-0"));
    // The report dialog the plugin shows offers the way on to the conflicts.
    CheckinReportDialog report(QStringLiteral("report"), checkin.report.toText(), true);
    CHECK(checkin.report.toText().contains(uuids[0]));

    QgsSettings().setValue(QStringLiteral("recheck/staffId"), QStringLiteral("S-PG"));
    ConflictDialog dialog(master);
    ConflictTableModel* model = dialog.model();
    REQUIRE(model->rowCount() ==
            pg.scalar(QStringLiteral("SELECT count(*) FROM sync_conflicts WHERE status = 'open'")).toInt());
    REQUIRE(model->rowCount() == 1);
    const SyncConflict conflict = model->conflictAt(0);
    CHECK(conflict.uuid == uuids[0]);
    CHECK(conflict.packageValue.toString() == QLatin1String("field-0"));
    CHECK(conflict.masterValue.toString() == QLatin1String("office-0"));
    CHECK(dialog.windowTitle().contains(QgsDataSourceUri(master).database()));

    SECTION("take the package's value") {
        dialog.selectRow(0);
        REQUIRE(dialog.resolveSelected(ConflictChoice::Package));
        CHECK(
            pg.scalar(QStringLiteral("SELECT phone FROM customers WHERE uuid = $1"), {uuids[0]}).toString() ==
            QLatin1String("field-0"));
        CHECK(
            pg.scalar(QStringLiteral("SELECT status || '/' || resolved_by FROM sync_conflicts WHERE id = $1"),
                      {conflict.id})
                .toString() == QLatin1String("resolved/S-PG"));
        CHECK(model->rowCount() == 0);
    }
    SECTION("resolved elsewhere first: refused, the model shows the truth") {
        dialog.selectRow(0);
        PgMasterStore(master).resolve(conflict.id, ConflictChoice::Master, {}, QStringLiteral("other"));
        CHECK_FALSE(dialog.resolveSelected(ConflictChoice::Package));
        CHECK(model->rowCount() == 0);
        CHECK(
            pg.scalar(QStringLiteral("SELECT phone FROM customers WHERE uuid = $1"), {uuids[0]}).toString() ==
            QLatin1String("office-0"));
    }
    QgsSettings().remove(QStringLiteral("recheck/staffId"));
}

TEST_CASE(
    "a PostgreSQL master's layers load through QGIS's postgres provider with the archive's styles and forms",
    "[pg][pgui]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    const QString spatialite = migrate(dir, database);
    const QString master = database.conninfo();
    PgConnection pg(master);

    QString error;
    const QList<QgsMapLayer*> layers = recheck::plugins::createPostgresMasterLayers(master, &error);
    INFO(error.toStdString());
    REQUIRE_FALSE(layers.isEmpty());
    const QList<QgsMapLayer*> fileLayers = recheck::qgis::createArchiveLayers(spatialite, &error);
    REQUIRE_FALSE(fileLayers.isEmpty());
    // The same layers by name and drawing order as the SpatiaLite master's.
    QStringList names, fileNames;
    for (QgsMapLayer* layer : layers) {
        names << layer->name();
        CHECK(layer->providerType() == QLatin1String("postgres"));
        CHECK(layer->isValid());
    }
    for (QgsMapLayer* layer : fileLayers)
        fileNames << layer->name();
    CHECK(names == fileNames);
    QgsProject::instance()->addMapLayers(layers);
    QgsProject::instance()->addMapLayers(fileLayers);

    QgsVectorLayer* customers = layerOfTable(layers, master, QStringLiteral("customers"));
    QgsVectorLayer* districts = layerOfTable(layers, master, QStringLiteral("districts"));
    QgsVectorLayer* visits = layerOfTable(layers, master, QStringLiteral("visits"));
    QgsVectorLayer* fileVisits = layerOfTable(fileLayers, spatialite, QStringLiteral("visits"));
    QgsVectorLayer* fileDistricts = layerOfTable(fileLayers, spatialite, QStringLiteral("districts"));
    QgsVectorLayer* fileCustomers = layerOfTable(fileLayers, spatialite, QStringLiteral("customers"));
    REQUIRE(customers);
    REQUIRE(districts);
    REQUIRE(visits);
    REQUIRE(fileVisits);
    REQUIRE(fileDistricts);
    REQUIRE(fileCustomers);
    // The partitioned parent with all its counties' rows, read through the
    // provider. Its feature count is estimated from statistics, which
    // autovacuum never gathers for a partitioned parent: migrate analysed it
    // (exact at this size: ANALYZE read every row).
    long long read = 0;
    QgsFeature feature;
    QgsFeatureIterator all = customers->getFeatures(QgsFeatureRequest().setNoAttributes());
    while (all.nextFeature(feature))
        ++read;
    CHECK(read == pg.scalar(QStringLiteral("SELECT count(*) FROM customers")).toLongLong());
    CHECK(read == fileCustomers->featureCount());
    CHECK(customers->featureCount() == read);
    CHECK(visits->featureCount() == fileVisits->featureCount());
    CHECK(districts->featureCount() == 4);

    // The renderers, labels and drop-downs of the same code lists.
    CHECK(visits->renderer()->type() == QLatin1String("categorizedSymbol"));
    CHECK(categoriesOf(visits) == categoriesOf(fileVisits));
    CHECK(categoriesOf(visits).size() > 3);
    CHECK(categoriesOf(customers).value(0) == QLatin1String("usage_category"));
    const auto* outline = dynamic_cast<const QgsSingleSymbolRenderer*>(districts->renderer());
    const auto* fileOutline = dynamic_cast<const QgsSingleSymbolRenderer*>(fileDistricts->renderer());
    REQUIRE(outline);
    REQUIRE(fileOutline);
    CHECK(outline->symbol()->color() == fileOutline->symbol()->color());
    CHECK(districts->labelsEnabled());
    const int usage = customers->fields().lookupField(QStringLiteral("usage_category"));
    const int fileUsage = fileCustomers->fields().lookupField(QStringLiteral("usage_category"));
    REQUIRE(usage >= 0);
    CHECK(customers->editorWidgetSetup(usage).type() == QLatin1String("ValueMap"));
    CHECK(customers->editorWidgetSetup(usage).config() ==
          fileCustomers->editorWidgetSetup(fileUsage).config());
    const QgsEditFormConfig form = customers->editFormConfig();
    for (const QString& field : {QStringLiteral("fid"), QStringLiteral("uuid"), QStringLiteral("row_version"),
                                 QStringLiteral("updated_by"), QStringLiteral("county")})
        CHECK(form.readOnly(customers->fields().lookupField(field)));
    CHECK_FALSE(form.readOnly(customers->fields().lookupField(QStringLiteral("phone"))));

    // The same database under another spelling is the same master; the
    // SpatiaLite twin is not.
    const QgsDataSourceUri uri(master);
    const QString asUrl = QStringLiteral("postgresql://%1@%2:%3/%4")
                              .arg(uri.username(), uri.host(), uri.port(), uri.database());
    CHECK(recheck::plugins::masterTableOfLayer(customers, asUrl) == QLatin1String("customers"));
    CHECK(recheck::plugins::masterTableOfLayer(customers, spatialite).isEmpty());
    CHECK(recheck::plugins::masterTableOfLayer(fileCustomers, master).isEmpty());

    // Districts picked on the postgres layer go into the check-out dialog.
    const QStringList chosen =
        pgColumn(pg, QStringLiteral("SELECT code FROM districts ORDER BY code DESC LIMIT 2"));
    districts->selectByExpression(QStringLiteral("\"code\" IN ('%1', '%2')").arg(chosen[0], chosen[1]));
    REQUIRE(districts->selectedFeatureCount() == 2);
    QStringList sortedChosen = chosen;
    sortedChosen.sort();
    CHECK(selectedDistrictCodes(asUrl, QgsProject::instance()) == sortedChosen);
    CHECK(selectedDistrictCodes(spatialite, QgsProject::instance()).isEmpty());
    CheckoutDialog dialog(master);
    CHECK(dialog.districtCodes() == sortedChosen);
    CHECK(dialog.addDistrictsLayer() == districts); // already on the map: not added twice

    // A postgres layer is edited in place: the master's triggers stamp it.
    const QString phone = QStringLiteral("13700000001");
    QgsFeature first;
    REQUIRE(customers->getFeatures(QgsFeatureRequest().setLimit(1)).nextFeature(first));
    const QString uuid = first.attribute(QStringLiteral("uuid")).toString();
    const qlonglong version = first.attribute(QStringLiteral("row_version")).toLongLong();
    REQUIRE(customers->startEditing());
    REQUIRE(customers->changeAttributeValue(first.id(),
                                            customers->fields().lookupField(QStringLiteral("phone")), phone));
    INFO(customers->commitErrors().join(QLatin1Char('\n')).toStdString());
    REQUIRE(customers->commitChanges());
    CHECK(pg.scalar(QStringLiteral("SELECT phone FROM customers WHERE uuid = $1"), {uuid}).toString() ==
          phone);
    CHECK(
        pg.scalar(QStringLiteral("SELECT row_version FROM customers WHERE uuid = $1"), {uuid}).toLongLong() ==
        version + 1);
    QgsProject::instance()->removeAllMapLayers();

    SECTION("the check-out dialog adds only the districts layer when none is on the map") {
        CheckoutDialog fresh(master);
        QgsVectorLayer* added = fresh.addDistrictsLayer(&error);
        INFO(error.toStdString());
        REQUIRE(added);
        CHECK(added->providerType() == QLatin1String("postgres"));
        CHECK(QgsProject::instance()->mapLayers().size() == 1);
        CHECK(added->labelsEnabled());
        QgsProject::instance()->removeAllMapLayers();
    }
}

TEST_CASE("a PostgreSQL master named with a QGIS authentication config id", "[pg][pgui]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    migrate(dir, database);
    QgsAuthManager* auth = unlockedAuthManager();
    const QgsDataSourceUri server(database.conninfo());
    REQUIRE_FALSE(server.username().isEmpty());

    QgsAuthMethodConfig config;
    config.setName(QStringLiteral("recheck master"));
    config.setMethod(QStringLiteral("Basic"));
    config.setConfig(QStringLiteral("username"), server.username());
    config.setConfig(QStringLiteral("password"), QStringLiteral("pw-Xk29"));
    REQUIRE(auth->storeAuthenticationConfig(config));
    const QString id = config.id();
    REQUIRE_FALSE(id.isEmpty());

    // Without user or password of its own: they come from the config.
    const QString keyValue = QStringLiteral("host=%1 port=%2 dbname=%3 authcfg=%4")
                                 .arg(server.host(), server.port(), server.database(), id);
    const QString url = QStringLiteral("postgresql://%1:%2/%3?authcfg=%4")
                            .arg(server.host(), server.port(), server.database(), id);
    for (const QString& location : {keyValue, url}) {
        INFO(location.toStdString());
        CHECK(recheck::plugins::isPostgresLocation(location));
        const QString resolved = recheck::plugins::resolveMasterLocation(location);
        CHECK(resolved.contains(QStringLiteral("user='%1'").arg(server.username())));
        CHECK(resolved.contains(QLatin1String("pw-Xk29")));
        CHECK_FALSE(resolved.contains(QLatin1String("authcfg")));
        PgConnection pg(resolved);
        CHECK(pg.scalar(QStringLiteral("SELECT current_user")).toString() == server.username());
        QString error;
        CHECK(readDistricts(location, &error).size() == 4);
        INFO(error.toStdString());
        ConflictTableModel model;
        CHECK(model.setMaster(location, false, &error));
        CHECK(recheck::plugins::sameMaster(location, database.conninfo()));
    }

    // A connection saved in QGIS's Browser with that config, as QGIS writes it.
    {
        QgsSettings settings;
        const QString group = QStringLiteral("PostgreSQL/connections/recheck office/");
        settings.setValue(group + QStringLiteral("host"), server.host());
        settings.setValue(group + QStringLiteral("port"), server.port());
        settings.setValue(group + QStringLiteral("database"), server.database());
        settings.setValue(group + QStringLiteral("authcfg"), id);
        settings.setValue(group + QStringLiteral("saveUsername"), false);
        settings.setValue(group + QStringLiteral("savePassword"), false);
    }
    QString saved;
    for (const auto& connection : recheck::plugins::savedPostgresConnections())
        if (connection.first == QLatin1String("recheck office"))
            saved = connection.second;
    INFO(saved.toStdString());
    REQUIRE_FALSE(saved.isEmpty());
    CHECK(saved.contains(QStringLiteral("authcfg=%1").arg(id)));
    CHECK(recheck::plugins::sameMaster(saved, database.conninfo()));
    {
        QString error;
        CHECK(readDistricts(saved, &error).size() == 4);
        INFO(error.toStdString());
    }
    QgsSettings().remove(QStringLiteral("PostgreSQL/connections/recheck office"));

    // Layers keep the id, never the secret it stands for.
    QString error;
    const QList<QgsMapLayer*> layers =
        recheck::plugins::createPostgresMasterLayers(keyValue, &error, {QStringLiteral("districts")});
    INFO(error.toStdString());
    REQUIRE(layers.size() == 1);
    CHECK(layers.first()->isValid());
    CHECK(layers.first()->source().contains(QStringLiteral("authcfg=%1").arg(id)));
    CHECK_FALSE(layers.first()->source().contains(QLatin1String("pw-Xk29")));
    CHECK(qobject_cast<QgsVectorLayer*>(layers.first())->featureCount() == 4);
    qDeleteAll(layers);

    // An unknown id: a clear error naming it, and the dialogs say so.
    const QString unknown = QStringLiteral("host=%1 port=%2 dbname=%3 authcfg=zzzz999")
                                .arg(server.host(), server.port(), server.database());
    CHECK_THROWS_WITH(recheck::plugins::resolveMasterLocation(unknown), Catch::Contains("zzzz999"));
    CHECK(readDistricts(unknown, &error).isEmpty());
    CHECK(error.contains(QLatin1String("zzzz999")));
    auth->removeAuthenticationConfig(id);
}

TEST_CASE("a PostgreSQL master typed with a password is remembered without it", "[pgui]") {
    using recheck::plugins::rememberableMasterLocation;
    const QString url = QStringLiteral("postgresql://office:s3cr-Et@db.example:5433/archive?sslmode=require");
    const QString keyValue =
        QStringLiteral("host=db.example port=5433 dbname=archive user=office password='s3cr-Et'");
    for (const QString& typed : {url, keyValue}) {
        INFO(typed.toStdString());
        const QString kept = rememberableMasterLocation(typed);
        INFO(kept.toStdString());
        CHECK_FALSE(kept.contains(QLatin1String("s3cr-Et")));
        // Still the same database and login, so the next connect only lacks
        // the password (from ~/.pgpass, PGPASSWORD or a prompt).
        const QgsDataSourceUri uri = recheck::plugins::postgresUri(kept);
        CHECK(uri.host() == QLatin1String("db.example"));
        CHECK(uri.port() == QLatin1String("5433"));
        CHECK(uri.database() == QLatin1String("archive"));
        CHECK(uri.username() == QLatin1String("office"));
        CHECK(uri.password().isEmpty());
        CHECK(recheck::plugins::sameMaster(kept, typed));
    }
    // Nothing to hide: kept as typed.
    const QString withAuthcfg = QStringLiteral("host=db.example dbname=archive authcfg=ab12cd3");
    CHECK(rememberableMasterLocation(withAuthcfg) == withAuthcfg);
    CHECK(rememberableMasterLocation(QStringLiteral("/data/master.sqlite")) ==
          QLatin1String("/data/master.sqlite"));
}
