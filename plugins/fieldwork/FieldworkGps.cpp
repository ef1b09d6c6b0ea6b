#include "FieldworkGps.h"

#include <qgsapplication.h>
#include <qgsgpsconnection.h>
#include <qgsgpsconnectionregistry.h>

#include <QTimer>

#include <cmath>

namespace recheck::fieldwork {

GpsFix gpsFixFromInformation(const QgsGpsInformation& info) {
    GpsFix fix;
    const QgsGpsInformation::FixStatus status = info.fixStatus();
    fix.valid = info.isValid() &&
                (status == QgsGpsInformation::Fix2D || status == QgsGpsInformation::Fix3D) &&
                std::isfinite(info.longitude) && std::isfinite(info.latitude);
    if (!fix.valid)
        return fix;
    fix.lon = info.longitude;
    fix.lat = info.latitude;
    if (std::isfinite(info.hacc) && info.hacc > 0)
        fix.accuracyMetres = info.hacc;
    else if (info.hdop > 0)
        fix.accuracyMetres = info.hdop * kAssumedUereMetres;
    fix.time = info.utcDateTime;
    fix.satellites = info.satellitesUsed > 0 ? info.satellitesUsed : -1;
    return fix;
}

GpsFollower::GpsFollower(QObject* parent) : QObject(parent) {
    mScan = new QTimer(this);
    mScan->setInterval(1000);
    connect(mScan, &QTimer::timeout, this, &GpsFollower::scanRegistry);
    mScan->start();
    scanRegistry();
}

void GpsFollower::setConnection(QgsGpsConnection* connection) {
    for (QgsGpsConnection* c : qAsConst(mFollowed))
        disconnect(c, nullptr, this, nullptr);
    mFollowed.clear();
    mExplicit = connection;
    if (connection) {
        mScan->stop();
        follow(connection);
    } else {
        mScan->start();
        scanRegistry();
    }
    emit connectionChanged(connected());
}

void GpsFollower::scanRegistry() {
    if (mExplicit)
        return;
    const QList<QgsGpsConnection*> current = QgsApplication::gpsConnectionRegistry()->connectionList();
    const QSet<QgsGpsConnection*> now(current.begin(), current.end());
    const bool before = connected();
    // Connections closed in QGIS's GPS panel are deleted by it: forget them
    // (never dereference a pointer no longer in the registry).
    for (auto it = mFollowed.begin(); it != mFollowed.end();)
        it = now.contains(*it) ? std::next(it) : mFollowed.erase(it);
    for (QgsGpsConnection* c : current)
        if (!mFollowed.contains(c))
            follow(c);
    if (before != connected()) {
        if (!connected() && mFix.valid) {
            mFix = GpsFix();
            emit fixChanged(mFix);
        }
        emit connectionChanged(connected());
    }
}

void GpsFollower::follow(QgsGpsConnection* connection) {
    mFollowed.insert(connection);
    connect(connection, &QgsGpsConnection::stateChanged, this, &GpsFollower::onState);
    const QgsGpsInformation last = connection->currentGPSInformation();
    if (last.isValid())
        onState(last);
}

void GpsFollower::onState(const QgsGpsInformation& info) {
    const GpsFix fix = gpsFixFromInformation(info);
    if (fix.valid == mFix.valid && fix.lon == mFix.lon && fix.lat == mFix.lat &&
        fix.satellites == mFix.satellites && fix.time == mFix.time &&
        (fix.accuracyMetres == mFix.accuracyMetres ||
         (std::isnan(fix.accuracyMetres) && std::isnan(mFix.accuracyMetres))))
        return;
    mFix = fix;
    emit fixChanged(mFix);
}

} // namespace recheck::fieldwork
