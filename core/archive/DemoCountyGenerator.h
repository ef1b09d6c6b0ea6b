#pragma once

#include <QDate>
#include <QString>
#include <QtGlobal>

#include <functional>

namespace recheck {

/// What the demo county looks like. The same options (seed included) give
/// the same rows, byte for byte, on every run.
struct DemoCountyOptions {
    int customers = 20000;
    /// Transformer districts (台区); pick it so that customers / districts
    /// stays within the 50–3000 a real district holds.
    int districts = 40;
    quint64 seed = 1;
    double centerLon = 113.65, centerLat = 34.75; // somewhere in Henan, CGCS2000 (EPSG:4490)
    QString countyName = QStringLiteral("示范县");
    /// "Now" for plans, tasks and visits; invalid = QDate(2026, 11, 2), fixed
    /// so that a generated archive does not depend on the day it was made.
    QDate today;
};

struct DemoCountySummary {
    int customers = 0;
    int districts = 0;
    int feeders = 0;
    int staff = 0;
    int plans = 0;
    int tasks = 0;
    int visits = 0;
    int roads = 0;
    int sharedLocations = 0; ///< coordinates shared by more than one customer
    double seconds = 0;      ///< wall time of generate()
    QString path;            ///< the archive written; empty when cancelled
};

/// Writes a plausible county master archive for demos, tests and benchmarks:
/// towns with street grids and apartment buildings, villages along their
/// streets, a connected road network, districts as Voronoi cells of their
/// transformer sites, feeders, staff, plans, tasks, visits and discrepancies.
class DemoCountyGenerator {
public:
    explicit DemoCountyGenerator(DemoCountyOptions options);

    /// Creates a new master archive at `path` (refuses to overwrite; writes to
    /// path + ".partial" then renames, so a killed run leaves no half archive).
    /// progress(fraction 0..1) is called now and then; return false from it to
    /// cancel (then nothing is left behind and the summary's path is empty).
    /// Throws RecheckError (InvalidInput for impossible options, Io, Database).
    DemoCountySummary generate(const QString& path, const std::function<bool(double)>& progress = {});

private:
    DemoCountyOptions mOptions;
};

} // namespace recheck
