#pragma once

// The geography of a demo county, computed before anything is written: towns
// and villages with their streets, the customers' locations, transformer
// sites, substations and feeders. Plain data in a local metric plane, so the
// generator (DemoCountyGenerator.cpp) only has to name, convert and insert.

#include <QtGlobal>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace recheck::demo {

/// A random version-4 UUID as 128 bits (version and variant bits set).
struct Uuid {
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    /// Writes the 36-character lower-case text form (no terminator).
    void format(char* out) const;
    std::string toString() const;
};

/// All randomness of the generator. std::mt19937_64's raw output is fixed by
/// the standard; the std:: distributions are not (they differ between
/// standard libraries), so the distributions here are our own.
class DemoRandom {
public:
    explicit DemoRandom(quint64 seed) : mEngine(seed) {}

    std::uint64_t bits() { return mEngine(); }
    /// [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(mEngine() >> 11) * 0x1.0p-53; }
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    /// An integer in [low, high], both included.
    int between(int low, int high) { return low + static_cast<int>(uniform() * (high - low + 1)); }
    bool chance(double probability) { return uniform() < probability; }
    /// Standard normal (Box–Muller).
    double normal();
    Uuid uuid();

    template <typename T, std::size_t N> const T& pick(const T (&items)[N]) {
        return items[static_cast<std::size_t>(between(0, static_cast<int>(N) - 1))];
    }

private:
    std::mt19937_64 mEngine;
};

/// Metres east (x) and north (y) of the county centre.
struct Point2 {
    double x = 0;
    double y = 0;
};

/// Metres to CGCS2000 degrees by a local equirectangular approximation. The
/// demo defines its points through it; distances in this plane agree with
/// geodesic ones to about 0.2% across a county, to centimetres over a street.
class LocalPlane {
public:
    LocalPlane(double centerLon, double centerLat)
        : mLon0(centerLon), mLat0(centerLat),
          mMetresPerDegreeLon(kMetresPerDegree * std::cos(centerLat * kDegree)) {}
    double lon(double x) const { return mLon0 + x / mMetresPerDegreeLon; }
    double lat(double y) const { return mLat0 + y / kMetresPerDegree; }

private:
    static constexpr double kMetresPerDegree = 111320.0;
    static constexpr double kDegree = 3.14159265358979323846 / 180.0;
    double mLon0, mLat0, mMetresPerDegreeLon;
};

inline double distance(const Point2& a, const Point2& b) {
    const double dx = a.x - b.x, dy = a.y - b.y;
    return std::sqrt(dx * dx + dy * dy);
}

/// What stands at a location; decides the customers' usage category.
enum class LocationKind : std::uint8_t { House, Apartment, Shop, Public, Factory, Farm };

/// One coordinate with one or more meters (an apartment building, a yard
/// with several households, a shop).
struct Location {
    Point2 at;
    std::int32_t street = 0;   ///< index into CountyLayout::streets; the address names it
    std::int32_t district = 0; ///< index into CountyLayout::sites
    std::uint16_t houseNo = 0;
    std::uint8_t meters = 1;
    LocationKind kind = LocationKind::House;
};

/// One roads row: a street of a settlement or a country road.
struct Street {
    std::string name; ///< UTF-8
    const char* roadClass = "residential";
    int oneway = 0;      ///< 1: only along the points' order
    int settlement = -1; ///< -1 for country roads
    std::vector<Point2> points;
};

struct Settlement {
    std::string name;          ///< 城关镇, 张庄
    std::string shortName;     ///< 城关, 张庄: for feeder and substation names
    std::string addressPrefix; ///< county (+ town) before the street name
    bool town = false;
    Point2 centre;
    double radius = 0; ///< every street and house lies within it
    int customers = 0;
    int firstLocation = 0;
    int locationCount = 0;
    std::vector<Point2> gateways; ///< street ends where country roads attach
};

/// A transformer site; its district is its Voronoi cell.
struct Site {
    Point2 at;
    int settlement = 0;
    int street = 0; ///< the street of the location it was placed by
    int customers = 0;
    int feeder = 0;
};

struct Substation {
    std::string name;
    Point2 at;
};

struct Feeder {
    std::string name;
    int substation = 0;
    std::vector<int> sites; ///< in line order, from the substation outwards
};

using Ring = std::vector<Point2>;  ///< closed: first point == last point
using Polygon = std::vector<Ring>; ///< shell first, then holes
using MultiPolygon = std::vector<Polygon>;

struct CountyLayout {
    double radius = 0;                   ///< nominal; the boundary wanders ±20% around it
    Ring boundary;                       ///< the county outline
    std::vector<Settlement> settlements; ///< towns first
    std::vector<Street> streets;
    std::vector<Location> locations; ///< grouped by settlement, in street order
    std::vector<Site> sites;
    std::vector<Substation> substations;
    std::vector<Feeder> feeders;
    std::vector<Point2> teamOffices; ///< in the main town
};

/// Lays out a county of exactly `customers` meters and `districts` sites.
/// `countyName` (UTF-8) starts every address. Throws RecheckError
/// (InvalidInput) when the districts cannot all get a customer.
CountyLayout buildCountyLayout(int customers, int districts, int teams, const std::string& countyName,
                               DemoRandom& random);

/// The district polygon of every site: its Voronoi cell (computed with GEOS)
/// clipped to the county boundary; index i belongs to sites[i].
std::vector<MultiPolygon> districtPolygons(const CountyLayout& layout);

/// Chinese numeral for 1..9999 (一, 十二, 一百零五).
std::string chineseNumber(int value);

} // namespace recheck::demo
