#pragma once

// Where the next stop lies from the inspector: geodesic distance and initial
// bearing on the WGS 84 ellipsoid between a GPS fix (WGS 84) and a customer
// point in the archive CRS (EPSG:4490 by default).

#include <memory>
#include <utility>
#include <vector>

namespace recheck::fieldwork {

/// Distance along the geodesic and the initial bearing (degrees clockwise
/// from true north, 0 ≤ bearing < 360) from one point to another.
struct GeodesicLeg {
    double metres = 0.0;
    double bearingDegrees = 0.0;
};

/// The eight-point compass direction of a bearing ("N", "NE", … "NW").
const char* compassPoint(double bearingDegrees);

/// Measures from WGS 84 positions to points in one archive CRS, through GDAL
/// (PROJ): the target point is carried into an azimuthal equidistant
/// projection centred on the origin, whose PROJ implementation is the exact
/// ellipsoidal geodesic (Karney) — distance and azimuth from the centre are
/// the polar coordinates of the projected point. Not thread-safe.
class GeodesicMeter {
public:
    /// Throws RecheckError when PROJ does not know `archiveSrid`.
    explicit GeodesicMeter(int archiveSrid);
    ~GeodesicMeter();
    GeodesicMeter(GeodesicMeter&&) noexcept;
    GeodesicMeter& operator=(GeodesicMeter&&) noexcept;

    int archiveSrid() const { return mSrid; }

    /// From (lon, lat) WGS 84 to (x, y) = (lon, lat) in the archive CRS.
    /// Throws RecheckError when a coordinate is not finite or PROJ fails.
    GeodesicLeg measure(double fromLonWgs84, double fromLatWgs84, double toX, double toY) const;
    /// Many targets from one position (one transformation for all).
    std::vector<GeodesicLeg> measure(double fromLonWgs84, double fromLatWgs84,
                                     const std::vector<std::pair<double, double>>& targets) const;

private:
    struct Impl;
    int mSrid = 4490;
    std::unique_ptr<Impl> mImpl;
};

} // namespace recheck::fieldwork
