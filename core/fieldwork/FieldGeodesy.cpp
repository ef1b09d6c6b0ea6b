#include "FieldGeodesy.h"

#include "common/RecheckError.h"

#include <QString>

#include <ogr_spatialref.h>

#include <cmath>

namespace recheck::fieldwork {

namespace {

constexpr double kPi = 3.14159265358979323846;

struct TransformDeleter {
    void operator()(OGRCoordinateTransformation* t) const { OGRCoordinateTransformation::DestroyCT(t); }
};
using TransformPtr = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;

[[noreturn]] void fail(const QString& message) {
    throw RecheckError(message.toStdString(), RecheckError::Kind::InvalidInput);
}

OGRSpatialReference epsg(int code) {
    OGRSpatialReference srs;
    if (srs.importFromEPSG(code) != OGRERR_NONE)
        fail(QStringLiteral("field work: EPSG:%1 is unknown to PROJ").arg(code));
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

} // namespace

struct GeodesicMeter::Impl {
    OGRSpatialReference source;
};

GeodesicMeter::GeodesicMeter(int archiveSrid) : mSrid(archiveSrid), mImpl(std::make_unique<Impl>()) {
    mImpl->source = epsg(archiveSrid);
}

GeodesicMeter::~GeodesicMeter() = default;
GeodesicMeter::GeodesicMeter(GeodesicMeter&&) noexcept = default;
GeodesicMeter& GeodesicMeter::operator=(GeodesicMeter&&) noexcept = default;

GeodesicLeg GeodesicMeter::measure(double fromLon, double fromLat, double toX, double toY) const {
    return measure(fromLon, fromLat, {{toX, toY}}).front();
}

std::vector<GeodesicLeg> GeodesicMeter::measure(double fromLon, double fromLat,
                                                const std::vector<std::pair<double, double>>& targets) const {
    if (!std::isfinite(fromLon) || !std::isfinite(fromLat) || std::abs(fromLat) > 90.0 ||
        std::abs(fromLon) > 180.0)
        fail(QStringLiteral("field work: the position %1, %2 is not a WGS 84 longitude/latitude")
                 .arg(fromLon, 0, 'f', 7)
                 .arg(fromLat, 0, 'f', 7));
    // Azimuthal equidistant on WGS 84 centred on the position: PROJ computes
    // its ellipsoidal form with the geodesic inverse problem, so the polar
    // coordinates of a target are its geodesic distance and initial azimuth.
    // A new centre means a new transformation (well under a millisecond;
    // positions arrive once a second).
    OGRSpatialReference centred;
    centred.SetWellKnownGeogCS("WGS84");
    centred.SetAE(fromLat, fromLon, 0.0, 0.0);
    centred.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    TransformPtr transform(OGRCreateCoordinateTransformation(&mImpl->source, &centred));
    if (!transform)
        fail(QStringLiteral("field work: no transformation from EPSG:%1 to a local equidistant projection")
                 .arg(mSrid));
    std::vector<double> x(targets.size()), y(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) {
        x[i] = targets[i].first;
        y[i] = targets[i].second;
        if (!std::isfinite(x[i]) || !std::isfinite(y[i]))
            fail(QStringLiteral("field work: a customer's point is not a number"));
    }
    std::vector<int> ok(targets.size(), 0);
    if (!targets.empty() && !transform->Transform(targets.size(), x.data(), y.data(), nullptr, ok.data()))
        fail(QStringLiteral("field work: points in EPSG:%1 could not be measured from %2, %3")
                 .arg(mSrid)
                 .arg(fromLon, 0, 'f', 7)
                 .arg(fromLat, 0, 'f', 7));
    std::vector<GeodesicLeg> legs(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) {
        if (!ok[i] || !std::isfinite(x[i]) || !std::isfinite(y[i]))
            fail(QStringLiteral("field work: the point %1, %2 (EPSG:%3) could not be measured from %4, %5")
                     .arg(targets[i].first, 0, 'f', 7)
                     .arg(targets[i].second, 0, 'f', 7)
                     .arg(mSrid)
                     .arg(fromLon, 0, 'f', 7)
                     .arg(fromLat, 0, 'f', 7));
        legs[i].metres = std::hypot(x[i], y[i]);
        double bearing = legs[i].metres > 0.0 ? std::atan2(x[i], y[i]) * 180.0 / kPi : 0.0;
        if (bearing < 0.0)
            bearing += 360.0;
        if (bearing >= 360.0)
            bearing -= 360.0;
        legs[i].bearingDegrees = bearing;
    }
    return legs;
}

const char* compassPoint(double bearingDegrees) {
    static const char* points[] = {"N", "NE", "E", "SE", "S", "SW", "W", "NW"};
    double b = std::fmod(bearingDegrees, 360.0);
    if (b < 0)
        b += 360.0;
    return points[static_cast<int>(std::floor((b + 22.5) / 45.0)) % 8];
}

} // namespace recheck::fieldwork
