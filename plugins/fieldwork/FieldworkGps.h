#pragma once

#include "fieldwork/VisitRecorder.h"

#include <QObject>
#include <QPointer>
#include <QSet>

class QgsGpsConnection;
class QgsGpsInformation;
class QTimer;

namespace recheck::fieldwork {

/// A receiver without a horizontal accuracy (no GST/PUBX sentence) is given
/// HDOP × this: the user-equivalent range error of a consumer single-
/// frequency receiver, a conservative 5 m.
constexpr double kAssumedUereMetres = 5.0;

/// The fix QGIS's GPS information stands for: valid only with a 2D or 3D fix;
/// horizontal accuracy from the receiver (hacc) or estimated from HDOP.
GpsFix gpsFixFromInformation(const QgsGpsInformation& info);

/// Follows QGIS's GPS: every connection in QgsApplication::gpsConnectionRegistry()
/// (the 3.22 registry has no signals, so it is looked at once a second) or
/// one connection given explicitly. Emits the latest fix as it changes.
class GpsFollower : public QObject {
    Q_OBJECT
public:
    explicit GpsFollower(QObject* parent = nullptr);

    /// Follows only this connection (tests, a receiver of the plugin's own);
    /// nullptr goes back to the registry.
    void setConnection(QgsGpsConnection* connection);

    /// The latest fix (invalid = none).
    const GpsFix& fix() const { return mFix; }
    /// Whether any connection is followed.
    bool connected() const { return !mFollowed.isEmpty(); }

public slots:
    /// Picks up connections registered since the last look.
    void scanRegistry();

signals:
    void fixChanged(const recheck::fieldwork::GpsFix& fix);
    void connectionChanged(bool connected);

private:
    void follow(QgsGpsConnection* connection);
    void onState(const QgsGpsInformation& info);

    QTimer* mScan = nullptr;
    QPointer<QgsGpsConnection> mExplicit;
    QSet<QgsGpsConnection*> mFollowed;
    GpsFix mFix;
};

} // namespace recheck::fieldwork
