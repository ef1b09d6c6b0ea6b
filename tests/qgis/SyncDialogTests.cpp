// The archive plugin's check-out / check-in / conflict UI logic
// (plugins/archive: ConflictTableModel, ConflictDialog, checkOutPackage,
// the check-out dialog's map selection),
// driven offscreen and checked against plain SQL on the files.

#include "TestSupport.h"

#include "ArchiveLayerUri.h"
#include "RecheckQgis.h"
#include "SyncDialogs.h"
#include "SyncUi.h"
#include "archive/DemoCountyGenerator.h"
#include "common/Sqlite.h"
#include "sync/CheckinMerger.h"
#include "sync/ConflictStore.h"
#include "sync/PackageWriter.h"
#include "sync/PackageZip.h"

#include <qgsproject.h>
#include <qgssettings.h>
#include <qgsvectorlayer.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <catch2/catch.hpp>

using namespace recheck;
using namespace recheck::archiveui;
using recheck::test::ScratchDir;
using recheck::test::sqlScalar;

namespace {

// One demo county per run (~1500 customers, 6 districts), copied per test.
const QString& demoMaster() {
    struct Shared {
        ScratchDir dir;
        QString path = dir.file(QStringLiteral("demo-master.sqlite"));
        Shared() {
            DemoCountyOptions options;
            options.customers = 1500;
            options.districts = 6;
            options.seed = 5;
            DemoCountyGenerator(options).generate(path);
        }
    };
    static const Shared shared;
    return shared.path;
}

QString copyMaster(const ScratchDir& dir) {
    const QString path = dir.file(QStringLiteral("master.sqlite"));
    REQUIRE(QFile::copy(demoMaster(), path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

QStringList column(const QString& path, const QString& sql) {
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
    SqliteStatement st(db, sql);
    QStringList values;
    while (st.step())
        values << (st.isNull(0) ? QStringLiteral("NULL") : st.text(0));
    return values;
}

// Edits as the sqlite3 shell would make them: the package's and master's
// triggers record them.
void plainSql(const QString& path, const QString& sql) {
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadWrite);
    db.exec(QStringLiteral("PRAGMA foreign_keys = OFF"));
    db.exec(sql);
}

long long count(const QString& path, const QString& sql) {
    return sqlScalar(path, sql).toLongLong();
}

// A master with three open phone conflicts from one checked-in package;
// returns the customers in conflict.
QStringList masterWithConflicts(const QString& master, const ScratchDir& dir) {
    const QString district =
        column(master, QStringLiteral("SELECT code FROM districts ORDER BY code")).first();
    const QString package = dir.file(QStringLiteral("package.sqlite"));
    CheckoutOptions options;
    options.districtCodes = QStringList{district};
    options.checkedOutBy = QStringLiteral("tester");
    PackageWriter::checkout(master, package, options);
    const QStringList customers = column(
        master, QStringLiteral("SELECT c.uuid FROM customers c JOIN districts d ON d.uuid = c.district_uuid "
                               "WHERE d.code = '%1' ORDER BY c.fid LIMIT 3")
                    .arg(district));
    REQUIRE(customers.size() == 3);
    QString packageEdits, masterEdits;
    for (int i = 0; i < customers.size(); ++i) {
        packageEdits +=
            QStringLiteral("UPDATE customers SET phone = 'P%1' WHERE uuid = '%2';").arg(i).arg(customers[i]);
        masterEdits +=
            QStringLiteral("UPDATE customers SET phone = 'M%1' WHERE uuid = '%2';").arg(i).arg(customers[i]);
    }
    plainSql(package, packageEdits);
    plainSql(master, masterEdits);
    CheckinOptions checkin;
    checkin.checkedInBy = QStringLiteral("office");
    const CheckinReport report = CheckinMerger::checkin(master, package, checkin);
    INFO(report.toText().toStdString());
    REQUIRE(report.outcome == CheckinReport::Outcome::MergedWithConflicts);
    return customers;
}

} // namespace

TEST_CASE("the conflict model shows exactly the master's open conflicts with their three values",
          "[syncui]") {
    ScratchDir dir;
    const QString master = copyMaster(dir);
    masterWithConflicts(master, dir);

    ConflictTableModel model;
    QString error;
    REQUIRE(model.setMaster(master, false, &error));
    INFO(error.toStdString());
    const QStringList sqlIds =
        column(master, QStringLiteral("SELECT id FROM sync_conflicts WHERE status = 'open' ORDER BY id"));
    REQUIRE(model.rowCount() == sqlIds.size());
    REQUIRE(model.rowCount() == 3);
    QStringList modelIds;
    for (int row = 0; row < model.rowCount(); ++row) {
        const SyncConflict& c = model.conflictAt(row);
        modelIds << QString::number(c.id);
        const QString where = QStringLiteral(" FROM sync_conflicts WHERE id = %1").arg(c.id);
        CHECK(c.baseValue.toString() == sqlScalar(master, QStringLiteral("SELECT base_value") + where));
        CHECK(c.packageValue.toString() == sqlScalar(master, QStringLiteral("SELECT package_value") + where));
        CHECK(c.masterValue.toString() == sqlScalar(master, QStringLiteral("SELECT master_value") + where));
        CHECK(model.index(row, ConflictTableModel::TableColumn).data().toString() ==
              QStringLiteral("customers"));
        CHECK(model.index(row, ConflictTableModel::FieldColumn).data().toString() == QStringLiteral("phone"));
        CHECK(model.index(row, ConflictTableModel::RowColumn).data().toString() == c.uuid);
        CHECK(c.packageValue.toString().startsWith(QLatin1Char('P')));
        CHECK(c.masterValue.toString().startsWith(QLatin1Char('M')));
    }
    std::sort(modelIds.begin(), modelIds.end(),
              [](const QString& a, const QString& b) { return a.toLongLong() < b.toLongLong(); });
    CHECK(modelIds == sqlIds);
}

TEST_CASE("resolving in the conflict dialog writes the master and drops the row", "[syncui]") {
    ScratchDir dir;
    const QString master = copyMaster(dir);
    masterWithConflicts(master, dir);
    QgsSettings().setValue(QStringLiteral("recheck/staffId"), QStringLiteral("S-TEST"));

    ConflictDialog dialog(master);
    ConflictTableModel* model = dialog.model();
    REQUIRE(model->rowCount() == 3);

    SECTION("take package") {
        dialog.selectRow(0);
        const SyncConflict c = model->conflictAt(0);
        REQUIRE(dialog.resolveSelected(ConflictChoice::Package));
        CHECK(
            sqlScalar(master, QStringLiteral("SELECT phone FROM customers WHERE uuid = '%1'").arg(c.uuid)) ==
            c.packageValue.toString());
        CHECK(sqlScalar(master,
                        QStringLiteral("SELECT updated_by FROM customers WHERE uuid = '%1'").arg(c.uuid)) ==
              QStringLiteral("S-TEST"));
        CHECK(sqlScalar(master, QStringLiteral(
                                    "SELECT status || '/' || resolved_by FROM sync_conflicts WHERE id = %1")
                                    .arg(c.id)) == QStringLiteral("resolved/S-TEST"));
        CHECK(model->rowCount() == 2);
        CHECK(model->rowOf(c.id) == -1);
        CHECK(count(master, QStringLiteral("SELECT count(*) FROM sync_conflicts WHERE status = 'open'")) ==
              2);
    }
    SECTION("take base, then a typed value, then master") {
        dialog.selectRow(1);
        const SyncConflict base = model->conflictAt(1);
        REQUIRE(dialog.resolveSelected(ConflictChoice::Base));
        CHECK(sqlScalar(
                  master,
                  QStringLiteral("SELECT quote(phone) FROM customers WHERE uuid = '%1'").arg(base.uuid)) ==
              sqlScalar(
                  master,
                  QStringLiteral("SELECT quote(base_value) FROM sync_conflicts WHERE id = %1").arg(base.id)));
        dialog.selectRow(0);
        const SyncConflict typed = model->conflictAt(0);
        REQUIRE(dialog.resolveSelected(ConflictChoice::Value, QStringLiteral("13800000000")));
        CHECK(sqlScalar(master,
                        QStringLiteral("SELECT phone FROM customers WHERE uuid = '%1'").arg(typed.uuid)) ==
              QStringLiteral("13800000000"));
        dialog.selectRow(0);
        const SyncConflict kept = model->conflictAt(0);
        REQUIRE(dialog.resolveSelected(ConflictChoice::Master));
        CHECK(sqlScalar(master,
                        QStringLiteral("SELECT phone FROM customers WHERE uuid = '%1'").arg(kept.uuid)) ==
              kept.masterValue.toString());
        CHECK(model->rowCount() == 0);
        CHECK(count(master, QStringLiteral("SELECT count(*) FROM sync_conflicts WHERE status = 'open'")) ==
              0);
    }
    SECTION("a resolved conflict is refused and the model shows the truth") {
        dialog.selectRow(0);
        const qint64 id = model->conflictAt(0).id;
        {
            SqliteDatabase db(master, SqliteDatabase::Mode::ReadWrite);
            // Another office worker resolves it first.
            ConflictStore(db).resolve(id, ConflictChoice::Master, {}, QStringLiteral("other"));
        }
        CHECK_FALSE(dialog.resolveSelected(ConflictChoice::Package));
        CHECK(model->rowOf(id) == -1);
        CHECK(model->rowCount() == 2);
    }
    QgsSettings().remove(QStringLiteral("recheck/staffId"));
}

TEST_CASE("check-out from the dialog writes a package of the chosen districts and a project", "[syncui]") {
    ScratchDir dir;
    const QString master = copyMaster(dir);
    const QString destination = dir.file(QStringLiteral("out"));
    REQUIRE(QDir().mkpath(destination));

    CheckoutDialog dialog(master);
    const QList<QPair<QString, QString>> districts = readDistricts(master);
    REQUIRE(districts.size() == 6);
    CHECK(readStaff(master).size() == count(master, QStringLiteral("SELECT count(*) FROM staff")));
    const QStringList chosen = {districts[1].first, districts[4].first};
    dialog.setCheckedDistricts(chosen);
    CHECK(dialog.districtCodes() == chosen);
    CHECK(dialog.destinationFolder() == QFileInfo(master).absolutePath());

    double lastProgress = -1;
    const CheckoutOutcome outcome =
        checkOutPackage(dialog.masterPath(), dialog.districtCodes(), dialog.assignee(), destination,
                        [&lastProgress](double fraction) {
                            lastProgress = fraction;
                            return true;
                        });
    INFO(outcome.error.toStdString());
    INFO(outcome.projectError.toStdString());
    REQUIRE(outcome.ok);
    CHECK(lastProgress >= 0);
    CHECK(QFileInfo(outcome.packagePath).absolutePath() == QFileInfo(destination).absoluteFilePath());
    CHECK(QFileInfo::exists(outcome.projectPath));
    const long long expected =
        count(master,
              QStringLiteral("SELECT count(*) FROM customers c JOIN districts d ON d.uuid = c.district_uuid "
                             "WHERE d.code IN ('%1', '%2')")
                  .arg(chosen[0], chosen[1]));
    REQUIRE(expected > 0);
    CHECK(count(outcome.packagePath, QStringLiteral("SELECT count(*) FROM customers")) == expected);

    SECTION("a cancelled check-out leaves nothing") {
        const QString other = dir.file(QStringLiteral("cancel"));
        REQUIRE(QDir().mkpath(other));
        const CheckoutOutcome cancelled = checkOutPackage(master, QStringList{districts[0].first}, QString(),
                                                          other, [](double) { return false; });
        CHECK_FALSE(cancelled.ok);
        CHECK(cancelled.cancelled);
        CHECK(QDir(other).entryList(QDir::Files).isEmpty());
    }
}

TEST_CASE("the check-out dialog takes the districts selected on the map and can deliver one zip",
          "[syncui]") {
    ScratchDir dir;
    const QString master = copyMaster(dir);
    const QList<QPair<QString, QString>> districts = readDistricts(master);
    REQUIRE(districts.size() == 6);
    QString error;
    const QList<QgsMapLayer*> layers = recheck::qgis::createArchiveLayers(master, &error);
    INFO(error.toStdString());
    REQUIRE_FALSE(layers.isEmpty());
    QgsProject::instance()->addMapLayers(layers);
    QgsVectorLayer* districtLayer = nullptr;
    for (QgsMapLayer* layer : layers)
        if (recheck::qgis::ArchiveLayerUri::parse(layer->source()).table == QLatin1String("districts"))
            districtLayer = qobject_cast<QgsVectorLayer*>(layer);
    REQUIRE(districtLayer);
    const QStringList chosen = {districts[2].first, districts[5].first};
    districtLayer->selectByExpression(QStringLiteral("\"code\" IN ('%1', '%2')").arg(chosen[0], chosen[1]));
    REQUIRE(districtLayer->selectedFeatureCount() == 2);

    // The same file under another spelling of its path is the same master.
    const QString otherSpelling = dir.path() + QStringLiteral("/./") + QFileInfo(master).fileName();
    CHECK(selectedDistrictCodes(otherSpelling, QgsProject::instance()) == chosen);
    CHECK(selectedDistrictCodes(demoMaster(), QgsProject::instance()).isEmpty());
    CheckoutDialog dialog(master);
    CHECK(dialog.districtCodes() == chosen); // preselected from the map

    districtLayer->removeSelection();
    dialog.setCheckedDistricts({districts[0].first});
    CHECK(dialog.useMapSelection() == 0);
    CHECK(dialog.districtCodes() == QStringList{districts[0].first}); // left as it was
    districtLayer->selectByExpression(QStringLiteral("\"code\" = '%1'").arg(districts[3].first));
    CHECK(dialog.useMapSelection() == 1);
    CHECK(dialog.districtCodes() == QStringList{districts[3].first});
    QgsProject::instance()->removeAllMapLayers();

    const QString destination = dir.file(QStringLiteral("zipped"));
    REQUIRE(QDir().mkpath(destination));
    const CheckoutOutcome outcome =
        checkOutPackage(master, dialog.districtCodes(), QString(), destination, {}, true);
    INFO(outcome.error.toStdString());
    REQUIRE(outcome.ok);
    REQUIRE_FALSE(outcome.zipPath.isEmpty());
    CHECK(QDir(destination).entryList(QDir::Files) == QStringList{QFileInfo(outcome.zipPath).fileName()});
    QStringList entries = PackageZip::entries(outcome.zipPath);
    entries.sort();
    REQUIRE(entries.size() == 2);
    CHECK(entries[0] == QFileInfo(outcome.projectPath).fileName());
    CHECK(entries[1] == QFileInfo(outcome.packagePath).fileName());
    // And it checks in as it is.
    CheckinOptions checkin;
    checkin.checkedInBy = QStringLiteral("office");
    CHECK(CheckinMerger::checkin(master, outcome.zipPath, checkin).outcome == CheckinReport::Outcome::Merged);
}
