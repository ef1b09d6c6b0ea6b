// The Re-check panel offscreen: its model (route order, next stop bearing and
// distance against the hand computation, counts after a visit), a recorded
// NMEA log replayed through a real QgsNmeaConnection registered with QGIS's
// GPS registry (the visit's fix, distance and warnings), and the dock on a
// checked-out package (the package's tasks, the customer's colour after a
// visit).

#include "FieldworkFixture.h"
#include "TestSupport.h"

#include "FieldworkDock.h"
#include "FieldworkGps.h"
#include "FieldworkPanelModel.h"
#include "VisitFormDialog.h"

#include "RecheckQgis.h"
#include "common/Sqlite.h"
#include "sync/PackageWriter.h"

#include <qgsapplication.h>
#include <qgscategorizedsymbolrenderer.h>
#include <qgscoordinatereferencesystem.h>
#include <qgscoordinatetransform.h>
#include <qgsfeatureiterator.h>
#include <qgsgpsconnectionregistry.h>
#include <qgsmapcanvas.h>
#include <qgsmaplayer.h>
#include <qgsnmeaconnection.h>
#include <qgsproject.h>
#include <qgsrectangle.h>
#include <qgssymbol.h>
#include <qgsvectorlayer.h>

#include <QBuffer>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

#include <catch2/catch.hpp>

#include <cmath>

using namespace recheck;
using namespace recheck::fieldwork;
using recheck::test::FieldworkArchive;

namespace {

const QString kNmeaLog = QStringLiteral(RECHECK_TEST_DATA_DIR "/nmea/visit-walk.nmea");

// The archive's layers in the project for the length of a test.
struct ProjectLayers {
    explicit ProjectLayers(const QString& path) {
        QString error;
        const QList<QgsMapLayer*> layers = recheck::qgis::createArchiveLayers(path, &error);
        INFO(error.toStdString());
        REQUIRE_FALSE(layers.isEmpty());
        QgsProject::instance()->addMapLayers(layers);
    }
    ~ProjectLayers() { QgsProject::instance()->removeAllMapLayers(); }
};

QgsVectorLayer* customersLayer() {
    for (QgsMapLayer* layer : QgsProject::instance()->mapLayers())
        if (layer->source().contains(QLatin1String("layername=customers")))
            return qobject_cast<QgsVectorLayer*>(layer);
    return nullptr;
}

QString statusOnMap(QgsVectorLayer* layer, const QString& customerUuid) {
    QgsFeatureRequest request(QgsExpression(QStringLiteral("uuid = '%1'").arg(customerUuid)));
    QgsFeature feature;
    layer->getFeatures(request).nextFeature(feature);
    return feature.attribute(QStringLiteral("recheck_status")).toString();
}

QColor colourOf(QgsVectorLayer* layer, const QString& status) {
    auto* renderer = dynamic_cast<QgsCategorizedSymbolRenderer*>(layer->renderer());
    REQUIRE(renderer);
    const int index = renderer->categoryIndexForValue(status);
    REQUIRE(index >= 0);
    return renderer->categories().at(index).symbol()->color();
}

/// The recorded log, epoch by epoch (an epoch starts at each GGA sentence),
/// pushed into a QgsNmeaConnection over a QBuffer the way a serial port
/// delivers it: bytes appended, readyRead, the connection parses.
class NmeaReplay {
public:
    NmeaReplay() {
        QFile file(kNmeaLog);
        REQUIRE(file.open(QIODevice::ReadOnly));
        QByteArray epoch;
        for (const QByteArray& line : file.readAll().split('\n')) {
            const QByteArray sentence = line.trimmed();
            if (sentence.isEmpty())
                continue;
            if (sentence.startsWith("$GPGGA") && !epoch.isEmpty()) {
                mEpochs << epoch;
                epoch.clear();
            }
            epoch += sentence + "\r\n";
        }
        mEpochs << epoch;
        mBuffer = new QBuffer();
        mBuffer->open(QIODevice::ReadWrite);
        mConnection = new QgsNmeaConnection(mBuffer); // owns the buffer
        QgsApplication::gpsConnectionRegistry()->registerConnection(mConnection);
    }
    ~NmeaReplay() {
        QgsApplication::gpsConnectionRegistry()->unregisterConnection(mConnection);
        delete mConnection;
    }
    int epochs() const { return mEpochs.size(); }
    QgsNmeaConnection* connection() const { return mConnection; }

    /// Feeds epochs [first, last] (1-based) and waits for the connection to
    /// report each.
    void feed(int first, int last) {
        for (int e = first; e <= last; ++e) {
            // QgsGpsInformation is no Qt metatype: count reports by hand.
            int reports = 0;
            const QMetaObject::Connection counting =
                QObject::connect(mConnection, &QgsGpsConnection::stateChanged,
                                 [&reports](const QgsGpsInformation&) { ++reports; });
            const qint64 at = mBuffer->pos();
            mBuffer->seek(mBuffer->size());
            mBuffer->write(mEpochs.at(e - 1));
            mBuffer->seek(at);
            const bool reported = QTest::qWaitFor([&reports] { return reports > 0; }, 2000);
            QObject::disconnect(counting);
            REQUIRE(reported);
        }
    }

private:
    QList<QByteArray> mEpochs;
    QBuffer* mBuffer = nullptr;
    QgsNmeaConnection* mConnection = nullptr;
};

void chooseInspector(FieldworkDock& dock, const QString& code) {
    auto* inspector = dock.findChild<QComboBox*>(QStringLiteral("inspectorCombo"));
    REQUIRE(inspector);
    const int index = inspector->findData(code);
    REQUIRE(index >= 0);
    inspector->setCurrentIndex(index);
}

} // namespace

TEST_CASE("panel model: route order, next stop from the position, counts after a visit", "[fieldwork-ui]") {
    FieldworkArchive a;
    FieldworkPanelModel model;
    QString error;
    REQUIRE(model.setArchive(a.path, &error));
    CHECK(model.packageAssignee().isEmpty());
    model.setAssignee(QStringLiteral("S1"));
    REQUIRE(model.tasks().size() == 1);
    model.setTask(FieldworkArchive::task(1));
    REQUIRE(model.rowCount() == 5);
    QStringList order;
    for (int r = 0; r < model.rowCount(); ++r)
        order << model.index(r, FieldworkPanelModel::AccountColumn).data().toString();
    CHECK(order == QStringList({"A0002", "A0001", "A0003", "A0004", "A0005"}));
    CHECK(model.index(3, FieldworkPanelModel::OrderColumn).data().toString() == QStringLiteral("–"));
    CHECK(model.index(0, FieldworkPanelModel::StatusColumn).data().toString() == QLatin1String("Pending"));
    // A0002 breaks five rules, A0001 none.
    CHECK(model.index(0, FieldworkPanelModel::FindingsColumn).data().toString() == QLatin1String("5"));
    CHECK(model.index(1, FieldworkPanelModel::FindingsColumn).data().toString().isEmpty());

    // No position: a next stop without a leg, no distances.
    CHECK(model.nextStop().index == 0);
    CHECK_FALSE(model.nextStop().leg);
    CHECK(model.index(0, FieldworkPanelModel::DistanceColumn).data().isNull());

    const double lon0 = FieldworkArchive::kOriginLon, lat0 = FieldworkArchive::kOriginLat;
    model.setPosition(std::make_pair(lon0, lat0));
    REQUIRE(model.nextStop().leg);
    CHECK(std::abs(model.nextStop().leg->metres - FieldworkArchive::handDistance(lon0, lat0, 116.0, 39.901)) <
          0.001);
    CHECK(model.nextStop().leg->bearingDegrees == Approx(0.0).margin(0.001));
    CHECK(model.index(0, FieldworkPanelModel::NameColumn).data(FieldworkPanelModel::NextStopRole).toBool());
    const double toA0001 = FieldworkArchive::handDistance(lon0, lat0, 116.0003, 39.9004);
    CHECK(model.index(1, FieldworkPanelModel::DistanceColumn).data().toString() ==
          QStringLiteral("%1 m").arg(toA0001, 0, 'f', 0));
    {
        // Distances follow the user's locale (decimal comma in German), not C's.
        const QLocale previous;
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const double farLon = lon0 + 0.05;
        model.setPosition(std::make_pair(farLon, lat0));
        const double far = FieldworkArchive::handDistance(farLon, lat0, 116.0003, 39.9004);
        REQUIRE(far > 1000.0);
        CHECK(model.index(1, FieldworkPanelModel::DistanceColumn).data().toString() ==
              QStringLiteral("%1 km").arg(
                  QString::number(far / 1000, 'f', 2).replace(QLatin1Char('.'), QLatin1Char(','))));
        QLocale::setDefault(previous);
        model.setPosition(std::make_pair(lon0, lat0));
    }

    // Visit the next stop: one done, four pending, the next stop moves on.
    QSignalSpy recorded(&model, &FieldworkPanelModel::visitRecorded);
    VisitInput input;
    input.customerUuid = FieldworkArchive::customer(2);
    input.fix.valid = true;
    input.fix.lon = 116.0;
    input.fix.lat = 39.9009;
    input.fix.accuracyMetres = 3;
    const RecordedVisit visit = model.recordVisit(input, VisitPolicy());
    CHECK(recorded.count() == 1);
    CHECK(a.text(QStringLiteral("SELECT task_uuid || ' ' || staff_uuid FROM visits WHERE uuid = '%1'")
                     .arg(visit.visitUuid)) ==
          FieldworkArchive::task(1) + QLatin1Char(' ') + FieldworkArchive::staffUuid(1));
    CHECK(model.counts().done == 1);
    CHECK(model.counts().pending == 4);
    CHECK(model.rowCount() == 4);
    CHECK(model.tasks().front().done == 1);
    REQUIRE(model.nextStopCustomer());
    CHECK(model.nextStopCustomer()->accountNo == QLatin1String("A0001"));
    CHECK(std::abs(model.nextStop().leg->metres - toA0001) < 0.001);
    CHECK(std::abs(model.nextStop().leg->bearingDegrees -
                   FieldworkArchive::handBearing(lon0, lat0, 116.0003, 39.9004)) < 0.001);
    model.setPendingOnly(false);
    CHECK(model.rowCount() == 5);
    CHECK(model.index(0, FieldworkPanelModel::StatusColumn).data().toString() == QLatin1String("Checked OK"));
}

TEST_CASE("a recorded NMEA log through QgsNmeaConnection: fix, distance, warnings", "[fieldwork-ui]") {
    FieldworkArchive a;
    ProjectLayers layers(a.path);
    NmeaReplay replay;
    REQUIRE(replay.epochs() == 6);
    FieldworkDock dock(nullptr);
    chooseInspector(dock, QStringLiteral("S1"));
    dock.gps()->scanRegistry(); // the 3.22 registry has no signal: the dock looks once a second
    REQUIRE(dock.gps()->connected());
    const QString customer = FieldworkArchive::customer(1); // 116.0003 E, 39.9004 N
    VisitInput input;
    input.customerUuid = customer;

    // Epochs 1-2: the receiver has no fix yet. The visit is allowed, flagged.
    replay.feed(1, 2);
    CHECK_FALSE(dock.gps()->fix().valid);
    CHECK(dock.findChild<QLabel*>(QStringLiteral("gpsLabel"))->text() == QLatin1String("GPS: no fix"));
    RecordedVisit visit;
    REQUIRE(dock.recordVisit(input, &visit));
    CHECK(visit.hasWarning(VisitWarning::Kind::NoFix));
    CHECK(
        a.text(QStringLiteral("SELECT warnings || '|' || (geom IS NULL) || (distance_m IS NULL) FROM visits "
                              "WHERE uuid = '%1'")
                   .arg(visit.visitUuid)) == QLatin1String("no_fix|11"));

    // Epochs 3-4: a fix 0.0006° south of the customer, beyond 50 m.
    replay.feed(3, 4);
    const GpsFix far = dock.gps()->fix();
    REQUIRE(far.valid);
    CHECK(far.lon == Approx(116.0003).margin(1e-9));
    CHECK(far.lat == Approx(39.8998).margin(1e-9));
    CHECK(far.satellites == 9);
    // GST: σlat 2.0 m, σlon 3.0 m → QGIS's horizontal RMS sqrt((4 + 9) / 2).
    CHECK(far.accuracyMetres == Approx(std::sqrt(6.5)).margin(1e-9));
    CHECK(far.time == QDateTime(QDate(2026, 11, 29), QTime(1, 31, 1), Qt::UTC));
    REQUIRE(dock.recordVisit(input, &visit));
    const double farMetres = FieldworkArchive::handDistance(116.0003, 39.8998, 116.0003, 39.9004);
    REQUIRE(visit.distanceMetres);
    CHECK(std::abs(*visit.distanceMetres - farMetres) < 0.001);
    CHECK(visit.hasWarning(VisitWarning::Kind::FarFromCustomer));
    CHECK(visit.warnings.size() == 1);
    const QString where = QStringLiteral(" FROM visits WHERE uuid = '%1'").arg(visit.visitUuid);
    CHECK(a.text(QStringLiteral("SELECT gps_time || ' ' || gps_satellites || ' ' || AsText(geom)") + where) ==
          QLatin1String("2026-11-29T01:31:01.000Z 9 POINT(116.0003 39.8998)"));
    CHECK(std::abs(a.text(QStringLiteral("SELECT distance_m") + where).toDouble() - farMetres) < 0.001);
    CHECK(a.text(QStringLiteral("SELECT warnings") + where) ==
          QStringLiteral("far_from_customer: %1 m > 50.0 m").arg(farMetres, 0, 'f', 1));

    // The threshold is the panel's setting: at 80 m the same fix is fine.
    auto* threshold = dock.findChild<QDoubleSpinBox*>(QStringLiteral("maxDistanceSpin"));
    REQUIRE(threshold);
    threshold->setValue(80);
    CHECK(dock.policy().maxDistanceMetres == 80);
    REQUIRE(dock.recordVisit(input, &visit));
    CHECK(visit.warnings.empty());
    threshold->setValue(50);

    // Epochs 5-6: at the gate, 0.0003° south: inside the threshold.
    replay.feed(5, 6);
    REQUIRE(dock.recordVisit(input, &visit));
    REQUIRE(visit.distanceMetres);
    CHECK(std::abs(*visit.distanceMetres -
                   FieldworkArchive::handDistance(116.0003, 39.9001, 116.0003, 39.9004)) < 0.001);
    CHECK(visit.warnings.empty());
    CHECK(a.count(QStringLiteral("SELECT gps_satellites") +
                  QStringLiteral(" FROM visits WHERE uuid = '%1'").arg(visit.visitUuid)) == 10);
    CHECK(a.count(QStringLiteral("SELECT count(*) FROM visits WHERE customer_uuid = '%1'").arg(customer)) ==
          4);
}

TEST_CASE("the panel on a checked-out package: its inspector's tasks — a visit recolours the customer",
          "[fieldwork-ui]") {
    FieldworkArchive master;
    recheck::test::ScratchDir out;
    CheckoutOptions options;
    options.districtCodes = QStringList{QStringLiteral("TQ01")};
    options.assignee = QStringLiteral("S2");
    const QString packagePath = out.file(QStringLiteral("package.sqlite"));
    PackageWriter::checkout(master.path, packagePath, options);
    // The office's rules came along.
    CHECK(recheck::test::sqlScalar(packagePath, QStringLiteral("SELECT count(*) FROM discrepancy_rules")) ==
          QLatin1String("8"));
    const QString project = out.file(QStringLiteral("package.qgs"));
    QString error;
    REQUIRE(recheck::qgis::writeArchiveProject(packagePath, project, &error));
    REQUIRE(QgsProject::instance()->read(project));
    for (QgsMapLayer* layer : QgsProject::instance()->mapLayers())
        CHECK(layer->isValid());

    FieldworkDock dock(nullptr);
    auto* tasks = dock.findChild<QComboBox*>(QStringLiteral("taskCombo"));
    auto* inspector = dock.findChild<QComboBox*>(QStringLiteral("inspectorCombo"));
    CHECK(inspector->currentData().toString() == QLatin1String("S2"));
    REQUIRE(tasks->count() == 1); // S2's one open task
    CHECK(tasks->currentData().toString() == FieldworkArchive::task(2));
    CHECK(dock.model()->rowCount() == 2);
    CHECK(dock.findChild<QLabel*>(QStringLiteral("countsLabel"))->text() ==
          QStringLiteral("Done 0 · pending 2"));

    // "Show" pans the map to the next stop (A0001, first in T2's route).
    QgsMapCanvas canvas;
    canvas.resize(400, 300);
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem::fromEpsgId(3857));
    canvas.setExtent(QgsRectangle(0, 0, 1000, 1000));
    dock.setMapCanvas(&canvas);
    REQUIRE(dock.model()->nextStopCustomer());
    CHECK(dock.model()->nextStopCustomer()->accountNo == QLatin1String("A0001"));
    dock.showNextStop();
    const QgsPointXY centre =
        QgsCoordinateTransform(canvas.mapSettings().destinationCrs(),
                               QgsCoordinateReferenceSystem::fromEpsgId(4490), QgsProject::instance())
            .transform(canvas.center());
    CHECK(centre.x() == Approx(116.0003).margin(1e-6));
    CHECK(centre.y() == Approx(39.9004).margin(1e-6));

    QgsVectorLayer* customers = customersLayer();
    REQUIRE(customers);
    const QString visited = FieldworkArchive::customer(1);
    CHECK(statusOnMap(customers, visited) == QLatin1String("pending"));
    dock.selectCustomer(visited);
    CHECK(dock.selectedCustomer() == visited);
    VisitInput input;
    input.customerUuid = visited;
    input.observed = {{QStringLiteral("phone"), QStringLiteral("13700000000")}};
    RecordedVisit visit;
    REQUIRE(dock.recordVisit(input, &visit));
    CHECK(visit.result == VisitResult::Discrepancy);
    CHECK(statusOnMap(customers, visited) == QLatin1String("discrepancy"));
    // Picked on the map after the visit (no longer in the pending list): a
    // second visit can still be recorded for it.
    customers->selectByExpression(QStringLiteral("uuid = '%1'").arg(visited));
    CHECK(dock.model()->rowOf(visited) < 0);
    CHECK(dock.selectedCustomer() == visited);
    CHECK(colourOf(customers, QStringLiteral("discrepancy")) !=
          colourOf(customers, QStringLiteral("pending")));
    CHECK(dock.findChild<QLabel*>(QStringLiteral("countsLabel"))->text() ==
          QStringLiteral("Done 1 · pending 1"));
    CHECK(recheck::test::sqlScalar(packagePath, QStringLiteral("SELECT updated_by FROM visits")) ==
          QLatin1String("S2"));
    QgsProject::instance()->clear();
}

TEST_CASE("the visit form shows the record and returns what differs", "[fieldwork-ui]") {
    FieldworkArchive a;
    DiscrepancyRuleEngine rules(a.archive.db());
    const QString customer = FieldworkArchive::customer(2);
    VisitFormDialog form(a.archive.db(), customer, rules.evaluate(customer));
    CHECK(form.findChild<QLabel*>(QStringLiteral("ruleFindings")) != nullptr);
    CHECK(form.findChild<QLabel*>(QStringLiteral("gpsLabel"))->text().contains(QLatin1String("No GPS fix")));
    form.setObserved(QStringLiteral("address"), QStringLiteral("东关路5号"));
    form.setResult(VisitResult::Discrepancy);
    form.setNote(QStringLiteral("门牌已更换"));
    GpsFix fix;
    fix.valid = true;
    fix.lon = 116.0;
    fix.lat = 39.9;
    fix.accuracyMetres = 40;
    form.setFix(fix, 111.0, VisitPolicy());
    CHECK(form.findChild<QLabel*>(QStringLiteral("gpsLabel"))
              ->text()
              .contains(QLatin1String("more than 50 m")));
    const VisitInput input = form.input();
    CHECK(input.customerUuid == customer);
    CHECK(input.result == VisitResult::Discrepancy);
    CHECK(input.note == QStringLiteral("门牌已更换"));
    REQUIRE(input.observed.size() == 1);
    CHECK(input.observed.front().first == QLatin1String("address"));
    CHECK(input.fix.valid);
}
