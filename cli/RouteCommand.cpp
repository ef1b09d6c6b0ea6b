// `recheck route`: visiting order for a bare instance (our points CSV or a
// TSPLIB file), straight-line or along a roads CSV, one or several
// inspectors; or, given an archive, for a district's pending customers, written
// into task_scope.route_order. The solving lives in core/routing (RouteJob,
// ArchiveRoutePlanner).

#include "CliCommand.h"

#include "common/RecheckError.h"
#include "routing/ArchiveRoutePlanner.h"
#include "routing/RouteJob.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace recheck::cli {

namespace {

using namespace recheck::routing;

class RouteCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::RouteCommand)

public:
    QString name() const override { return QStringLiteral("route"); }
    QString summary() const override {
        return tr("visiting order for points (CSV id,x,y or TSPLIB), straight-line or along roads");
    }

    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(tr(
            "Plans a visiting order from the depot (first row / node 1) through every point and writes the "
            "ids "
            "in order to --out, one per line; with several inspectors the routes are separated by an empty "
            "line.\n"
            "Archive mode: recheck route ARCHIVE --district CODE [--open] [--roads] [--vehicles K] "
            "[--time-limit S] [--seed N] [--json] plans the pending customers of each district (its open "
            "task's scope minus the visited) from the assignee's office and writes the order into "
            "task_scope.route_order."));
        parser.addPositionalArgument(QStringLiteral("ARCHIVE"), tr("archive file (archive mode)"),
                                     QStringLiteral("[ARCHIVE]"));
        const QCommandLineOption points(
            QStringLiteral("points"), tr("points CSV with columns id,x,y (metres)"), QStringLiteral("FILE"));
        const QCommandLineOption tsplib(
            QStringLiteral("tsplib"), tr("TSPLIB .tsp file (EUC_2D, CEIL_2D, ATT)"), QStringLiteral("FILE"));
        const QCommandLineOption open(QStringLiteral("open"),
                                      tr("end at the last customer instead of the depot"));
        const QCommandLineOption roads(QStringLiteral("roads"),
                                       tr("roads CSV with columns id,wkt[,oneway]: distances along roads"),
                                       QStringLiteral("FILE"));
        const QCommandLineOption vehicles(QStringLiteral("vehicles"), tr("number of inspectors (default 1)"),
                                          QStringLiteral("K"), QStringLiteral("1"));
        const QCommandLineOption timeLimit(QStringLiteral("time-limit"),
                                           tr("search time in seconds (default 1)"), QStringLiteral("S"),
                                           QStringLiteral("1"));
        const QCommandLineOption iterations(QStringLiteral("iterations"),
                                            tr("stop after N improvement rounds; without --time-limit the "
                                               "result is then the same on every run "
                                               "for a given --seed"),
                                            QStringLiteral("N"));
        const QCommandLineOption seed(QStringLiteral("seed"), tr("random seed (default 1)"),
                                      QStringLiteral("N"), QStringLiteral("1"));
        const QCommandLineOption speed(QStringLiteral("speed"),
                                       tr("travel speed in km/h (default 4.5, walking)"),
                                       QStringLiteral("KMH"), QStringLiteral("4.5"));
        const QCommandLineOption service(QStringLiteral("service-minutes"),
                                         tr("minutes spent per customer (default 5)"), QStringLiteral("M"),
                                         QStringLiteral("5"));
        const QCommandLineOption out(QStringLiteral("out"), tr("tour file to write"),
                                     QStringLiteral("TOUR.txt"));
        const QCommandLineOption json(QStringLiteral("json"), tr("machine-readable output"));
        const QCommandLineOption district(QStringLiteral("district"),
                                          tr("archive mode: district code (repeat or separate with commas)"),
                                          QStringLiteral("CODE"));
        const QCommandLineOption depot(QStringLiteral("depot"),
                                       tr("archive mode: start at LON,LAT (archive CRS) instead of the "
                                          "assignee's office"),
                                       QStringLiteral("LON,LAT"));
        const QCommandLineOption dryRun(QStringLiteral("dry-run"),
                                        tr("archive mode: plan and report, write nothing"));
        // `--roads` without a file (archive mode): rewritten to this before
        // parsing, because QCommandLineParser has no optional option values.
        QCommandLineOption roadsFromArchive(QStringLiteral("roads-from-archive"));
        roadsFromArchive.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOptions({points, tsplib, open, roads, vehicles, timeLimit, iterations, seed, speed, service,
                           out, json, district, depot, dryRun, roadsFromArchive});
        QStringList arguments = args;
        for (int i = 0; i < arguments.size(); ++i)
            if (arguments[i] == QLatin1String("--roads") &&
                (i + 1 == arguments.size() || arguments[i + 1].startsWith(QLatin1Char('-'))))
                arguments[i] = QStringLiteral("--roads-from-archive");
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), arguments, io, status))
            return status;

        auto usage = [&](const QString& message) {
            io.err << "recheck route: " << message << '\n' << verbHelpText(parser, name());
            return ExitUsage;
        };
        const bool archiveMode = parser.isSet(district) || !parser.positionalArguments().isEmpty();
        if (archiveMode && (parser.isSet(points) || parser.isSet(tsplib)))
            return usage(tr("give either ARCHIVE --district CODE or --points/--tsplib, not both"));
        if (parser.positionalArguments().size() > 1)
            return usage(tr("unexpected argument \"%1\"").arg(parser.positionalArguments().at(1)));
        if (!archiveMode && parser.isSet(roadsFromArchive))
            return usage(tr("--roads needs a roads CSV file outside the archive mode"));
        if (parser.isSet(points) == parser.isSet(tsplib) && !archiveMode)
            return usage(tr("give exactly one of --points FILE.csv and --tsplib FILE.tsp"));
        if (!archiveMode && !parser.isSet(out))
            return usage(tr("--out TOUR.txt is required"));

        RouteJobRequest request;
        bool ok = true;
        auto number = [&](const QCommandLineOption& option, double minimum, const QString& what) {
            bool parsed = false;
            const double value = parser.value(option).toDouble(&parsed);
            if (!parsed || !std::isfinite(value) || value < minimum) {
                ok = false;
                io.err << "recheck route: "
                       << tr("--%1 \"%2\": %3").arg(option.names().first(), parser.value(option), what)
                       << '\n';
            }
            return value;
        };
        const double vehicleCount = number(vehicles, 1, tr("a whole number of inspectors ≥ 1 is expected"));
        request.options.timeLimitSeconds = number(timeLimit, 0, tr("seconds ≥ 0 are expected"));
        request.options.speedKmh = number(speed, 1e-6, tr("a positive speed in km/h is expected"));
        request.options.serviceMinutesPerCustomer = number(service, 0, tr("minutes ≥ 0 are expected"));
        const double seedValue = number(seed, 0, tr("a whole number ≥ 0 is expected"));
        if (parser.isSet(iterations))
            request.options.iterationLimit =
                static_cast<long long>(number(iterations, 0, tr("a whole number ≥ 0 is expected")));
        if (ok && (vehicleCount != std::floor(vehicleCount) || seedValue != std::floor(seedValue))) {
            ok = false;
            io.err << "recheck route: " << tr("--vehicles and --seed take whole numbers") << '\n';
        }
        if (!ok)
            return ExitUsage;
        request.options.vehicles = static_cast<int>(vehicleCount);
        request.options.seed = static_cast<std::uint64_t>(seedValue);
        request.options.closed = !parser.isSet(open);
        // An iteration limit without an explicit time limit is meant to be
        // reproducible: do not let the default second cut it short.
        if (parser.isSet(iterations) && !parser.isSet(timeLimit))
            request.options.timeLimitSeconds = 0.0;
        if (archiveMode) {
            ArchiveRouteOptions archiveOptions;
            archiveOptions.plan = request.options;
            archiveOptions.writeOrder = !parser.isSet(dryRun);
            archiveOptions.useRoads = parser.isSet(roadsFromArchive) || parser.isSet(roads);
            QString archivePath = parser.positionalArguments().value(0);
            if (parser.isSet(roads)) {
                // `recheck route --roads ARCHIVE …`: the value is the archive, not a CSV.
                if (!archivePath.isEmpty() ||
                    parser.value(roads).endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
                    return usage(
                        tr("in the archive mode --roads takes no file: the archive's roads table is used"));
                archivePath = parser.value(roads);
            }
            if (archivePath.isEmpty())
                return usage(tr("the archive mode needs the ARCHIVE file"));
            if (!parser.isSet(district))
                return usage(tr("the archive mode needs --district CODE"));
            if (parser.isSet(out))
                return usage(
                    tr("--out is for the bare-instance mode; the archive mode writes the order into the "
                       "archive"));
            if (parser.isSet(depot)) {
                const QStringList parts = parser.value(depot).split(QLatin1Char(','));
                bool lonOk = false, latOk = false;
                if (parts.size() == 2) {
                    archiveOptions.depotLon = parts[0].trimmed().toDouble(&lonOk);
                    archiveOptions.depotLat = parts[1].trimmed().toDouble(&latOk);
                }
                if (!lonOk || !latOk)
                    return usage(tr("--depot \"%1\": LON,LAT expected").arg(parser.value(depot)));
                archiveOptions.depot = DepotChoice::Explicit;
            }
            QStringList codes;
            for (const QString& value : parser.values(district))
                for (const QString& code : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
                    codes << code.trimmed();
            return runArchiveMode(archivePath, codes, archiveOptions, parser.isSet(json), io);
        }
        request.pointsCsv = parser.value(points).toStdString();
        request.tsplibFile = parser.value(tsplib).toStdString();
        request.roadsCsv = parser.value(roads).toStdString();
        request.tourFile = parser.value(out).toStdString();

        // Reading and planning first: a file that cannot be read is refused
        // input (exit 2) here, while a tour file that cannot be written is a
        // failure (exit 1, from main).
        RouteJobRequest planOnly = request;
        planOnly.tourFile.clear();
        RouteJobResult result;
        try {
            result = runRouteJob(planOnly);
        } catch (const RecheckError& e) {
            io.err << "recheck route: " << QString::fromUtf8(e.what()) << '\n';
            return ExitRefused;
        }
        writeTourFile(request.tourFile, result.instance.ids, result.plan);
        report(result, request, parser.isSet(json), io);
        return ExitOk;
    }

private:
    static QString hoursMinutes(double minutes) {
        const long long rounded = std::llround(minutes);
        return QStringLiteral("%1:%2").arg(rounded / 60).arg(rounded % 60, 2, 10, QLatin1Char('0'));
    }

    static int runArchiveMode(const QString& archivePath, const QStringList& codes,
                              const ArchiveRouteOptions& options, bool json, CliIo& io) {
        std::vector<ArchiveRouteResult> results;
        QStringList failures;
        int status = ExitOk;
        for (const QString& code : codes) {
            try {
                results.push_back(planDistrictRoutes(archivePath, code, options));
            } catch (const RecheckError& e) {
                // One bad district does not stop the others; the exit status tells.
                io.err << "recheck route: " << QString::fromUtf8(e.what()) << '\n';
                failures << code;
                const bool refused = e.kind() != RecheckError::Kind::Io &&
                                     e.kind() != RecheckError::Kind::Database &&
                                     e.kind() != RecheckError::Kind::Generic;
                status = std::max(status, static_cast<int>(refused ? ExitRefused : ExitFailure));
            }
        }
        if (json) {
            QJsonArray districts;
            for (const ArchiveRouteResult& r : results) {
                QJsonArray routes;
                for (const ArchiveRoute& route : r.routes) {
                    QJsonArray line;
                    for (const Point& p : route.polyline)
                        line.append(QJsonArray{p.x, p.y});
                    routes.append(QJsonObject{{QStringLiteral("route"), route.number},
                                              {QStringLiteral("stops"), route.stops},
                                              {QStringLiteral("customers"), route.customers},
                                              {QStringLiteral("length_m"), route.lengthMetres},
                                              {QStringLiteral("travel_minutes"), route.travelMinutes},
                                              {QStringLiteral("service_minutes"), route.serviceMinutes},
                                              {QStringLiteral("minutes"), route.minutes()},
                                              {QStringLiteral("polyline"), line}});
                }
                districts.append(QJsonObject{
                    {QStringLiteral("district"), r.districtCode},
                    {QStringLiteral("name"), r.districtName},
                    {QStringLiteral("task"), r.taskUuid},
                    {QStringLiteral("pending"), r.pendingCustomers},
                    {QStringLiteral("without_location"), r.withoutLocation},
                    {QStringLiteral("unreachable"), QJsonArray::fromStringList(r.unreachableAccounts)},
                    {QStringLiteral("epsg"), r.projectedEpsg},
                    {QStringLiteral("depot"), r.depotSource},
                    {QStringLiteral("length_m"), r.plan.totalLength},
                    {QStringLiteral("nearest_neighbour_length_m"), r.plan.nearestNeighbourLength},
                    {QStringLiteral("orders_written"), r.ordersWritten},
                    {QStringLiteral("seconds"), r.seconds},
                    {QStringLiteral("routes"), routes}});
            }
            io.out << QJsonDocument(
                          QJsonObject{{QStringLiteral("archive"), archivePath},
                                      {QStringLiteral("districts"), districts},
                                      {QStringLiteral("failed"), QJsonArray::fromStringList(failures)}})
                          .toJson(QJsonDocument::Indented);
            return status;
        }
        io.out << QStringLiteral("%1  %2  %3  %4  %5  %6")
                      .arg(tr("District"), -12)
                      .arg(tr("Route"), 5)
                      .arg(tr("Stops"), 6)
                      .arg(tr("Customers"), 9)
                      .arg(tr("Length km"), 9)
                      .arg(tr("Time h:mm"), 9)
               << '\n';
        for (const ArchiveRouteResult& r : results)
            for (const ArchiveRoute& route : r.routes)
                io.out << QStringLiteral("%1  %2  %3  %4  %5  %6")
                              .arg(r.districtCode, -12)
                              .arg(route.number, 5)
                              .arg(route.stops, 6)
                              .arg(route.customers, 9)
                              .arg(route.lengthMetres / 1000.0, 9, 'f', 2)
                              .arg(hoursMinutes(route.minutes()), 9)
                       << '\n';
        for (const ArchiveRouteResult& r : results) {
            io.out << tr("%1 %2: %3 pending, EPSG:%4 (CM %5°E), depot: %6; %7 s; %8 route order(s) written")
                          .arg(r.districtCode, r.districtName)
                          .arg(r.pendingCustomers)
                          .arg(r.projectedEpsg)
                          .arg(r.centralMeridian)
                          .arg(r.depotSource)
                          .arg(r.seconds, 0, 'f', 2)
                          .arg(r.ordersWritten)
                   << '\n';
            if (r.taskUuid.isEmpty())
                io.out << tr("  no open task: all customers planned, nothing written") << '\n';
            if (r.withoutLocation > 0)
                io.out << tr("  %1 customer(s) without a location left out").arg(r.withoutLocation) << '\n';
            if (!r.unreachableAccounts.isEmpty())
                io.out << tr("  unreachable by road (left out): %1")
                              .arg(r.unreachableAccounts.join(QStringLiteral(", ")))
                       << '\n';
        }
        return status;
    }

    static void report(const RouteJobResult& result, const RouteJobRequest& request, bool json, CliIo& io) {
        const RoutePlan& plan = result.plan;
        const auto& ids = result.instance.ids;
        const double seconds = plan.matrixSeconds + plan.solveSeconds;
        double totalMinutes = 0.0;
        for (const auto& route : plan.routes)
            totalMinutes = std::max(totalMinutes, route.durationMinutes());
        QJsonArray unreachable;
        for (int input : plan.unreachable)
            unreachable.append(QString::fromStdString(ids[static_cast<std::size_t>(input)]));
        if (json) {
            QJsonArray routes;
            for (const auto& route : plan.routes) {
                QJsonArray stops;
                for (int input : route.stops)
                    stops.append(QString::fromStdString(ids[static_cast<std::size_t>(input)]));
                routes.append(QJsonObject{{QStringLiteral("length"), route.length},
                                          {QStringLiteral("customers"), route.customers},
                                          {QStringLiteral("travel_minutes"), route.travelMinutes},
                                          {QStringLiteral("service_minutes"), route.serviceMinutes},
                                          {QStringLiteral("duration_minutes"), route.durationMinutes()},
                                          {QStringLiteral("stops"), stops}});
            }
            QJsonObject o{{QStringLiteral("instance"), QString::fromStdString(result.instance.name)},
                          {QStringLiteral("points"), static_cast<int>(ids.size())},
                          {QStringLiteral("stops"), plan.stopCount},
                          {QStringLiteral("closed"), request.options.closed},
                          {QStringLiteral("length"), plan.totalLength},
                          {QStringLiteral("longest_route_length"), plan.longestLength},
                          {QStringLiteral("nearest_neighbour_length"), plan.nearestNeighbourLength},
                          {QStringLiteral("matrix_seconds"), plan.matrixSeconds},
                          {QStringLiteral("solve_seconds"), plan.solveSeconds},
                          {QStringLiteral("iterations"), static_cast<double>(plan.iterations)},
                          {QStringLiteral("unreachable"), unreachable},
                          {QStringLiteral("routes"), routes}};
            if (result.tsplib)
                o.insert(QStringLiteral("tsplib_length"),
                         static_cast<double>(std::llround(plan.totalLength)));
            io.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
            return;
        }
        io.out << tr("Instance: %1 (%2 points; %3 stops routed, co-located customers counted once)")
                      .arg(QString::fromStdString(result.instance.name))
                      .arg(ids.size())
                      .arg(plan.stopCount)
               << '\n';
        if (result.tsplib)
            io.out << tr("Length (TSPLIB metric): %1").arg(std::llround(plan.totalLength)) << '\n';
        else
            io.out << tr("Length: %1 m").arg(plan.totalLength, 0, 'f', 1) << '\n';
        if (plan.nearestNeighbourLength > 0.0)
            io.out << tr("Nearest-neighbour order would be %1 (%2% longer than one route through all)")
                          .arg(plan.nearestNeighbourLength, 0, 'f', 1)
                          .arg(100.0 * (plan.nearestNeighbourLength / plan.totalLength - 1.0), 0, 'f', 1)
                   << '\n';
        io.out << tr("Time: %1 s (distances %2 s, search %3 s, %4 iterations)")
                      .arg(seconds, 0, 'f', 2)
                      .arg(plan.matrixSeconds, 0, 'f', 2)
                      .arg(plan.solveSeconds, 0, 'f', 2)
                      .arg(plan.iterations)
               << '\n';
        for (std::size_t r = 0; r < plan.routes.size(); ++r) {
            const auto& route = plan.routes[r];
            io.out << tr("Route %1: %2 customers, length %3, %4 min (%5 travel + %6 service)")
                          .arg(r + 1)
                          .arg(route.customers)
                          .arg(result.tsplib ? QString::number(std::llround(route.length))
                                             : QStringLiteral("%1 m").arg(route.length, 0, 'f', 1))
                          .arg(route.durationMinutes(), 0, 'f', 0)
                          .arg(route.travelMinutes, 0, 'f', 0)
                          .arg(route.serviceMinutes, 0, 'f', 0)
                   << '\n';
        }
        if (!plan.unreachable.empty()) {
            QStringList names;
            for (const auto& value : unreachable)
                names << value.toString();
            io.out << tr("Unreachable (left out): %1").arg(names.join(QStringLiteral(", "))) << '\n';
        }
        io.out << tr("Tour written to %1").arg(QString::fromStdString(request.tourFile)) << '\n';
    }
};
RECHECK_REGISTER_COMMAND(RouteCommand);

} // namespace

} // namespace recheck::cli
