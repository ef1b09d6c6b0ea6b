// recheck_route_bench: quality and speed of core/routing.
//
//   recheck_route_bench [--time-limit S] [files.tsp …]
//
// 1. TSPLIB instances (default: every .tsp in RECHECK_SHARED_DIR/bench/tsplib)
//    solved at 1 s and 5 s on one thread; length ÷ proven optimum (OPTIMA.txt).
// 2. Generated districts: houses in clusters along village streets, several
//    meters per building; 1 000 customers; time and gain over a
//    nearest-neighbour order.
// 3. The same villages along their roads (some one-way): matrix + solve time.

#include "routing/DistanceMatrix.h"
#include "routing/RoadNetwork.h"
#include "routing/RoutePlanner.h"
#include "routing/RouteReaders.h"
#include "routing/TourConstruction.h"
#include "routing/TourSolver.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace recheck::routing;

namespace {

std::map<std::string, double> readOptima(const std::string& path) {
    std::map<std::string, double> optima;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream fields(line);
        std::string name;
        double value = 0.0;
        if (fields >> name >> value)
            optima[name] = value;
    }
    return optima;
}

std::vector<std::string> tspFilesIn(const std::string& directory) {
    std::vector<std::string> files;
    if (DIR* dir = opendir(directory.c_str())) {
        while (const dirent* entry = readdir(dir)) {
            const std::string name = entry->d_name;
            if (name.size() > 4 && name.compare(name.size() - 4, 4, ".tsp") == 0)
                files.push_back(directory + "/" + name);
        }
        closedir(dir);
    }
    return files;
}

/// A generated village: streets on a jittered grid with gaps, some one-way,
/// houses in clusters along the streets, 1–3 meters per house.
struct Village {
    std::vector<RoadLine> roads;
    std::vector<Point> customers; ///< index 0 is the depot (the office, on a street corner)
};

Village makeVillage(int customerCount, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    auto uniform = [&](double low, double high) {
        return low + (high - low) * std::uniform_real_distribution<double>(0.0, 1.0)(random);
    };
    const int columns = 11;
    const int rows = 9;
    const double spacing = 110.0;
    std::vector<Point> corners;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c)
            corners.push_back({c * spacing + uniform(-15, 15), r * spacing + uniform(-15, 15)});
    Village village;
    auto corner = [&](int c, int r) { return corners[static_cast<std::size_t>(r * columns + c)]; };
    int roadNumber = 0;
    // Digitised village roads: a vertex every ~5 m with a little wobble, so
    // the graph has the size of a real layer (thousands of vertices).
    auto densified = [&](const std::vector<Point>& corners) {
        std::vector<Point> vertices{corners.front()};
        for (std::size_t k = 1; k < corners.size(); ++k) {
            const Point a = corners[k - 1];
            const Point b = corners[k];
            const int pieces = std::max(1, static_cast<int>(std::hypot(b.x - a.x, b.y - a.y) / 5.0));
            for (int p = 1; p <= pieces; ++p) {
                const double t = static_cast<double>(p) / pieces;
                const double wobble = p == pieces ? 0.0 : 0.5;
                vertices.push_back({a.x + t * (b.x - a.x) + uniform(-wobble, wobble),
                                    a.y + t * (b.y - a.y) + uniform(-wobble, wobble)});
            }
        }
        return vertices;
    };
    auto addStreet = [&](const Point& a, const Point& b) {
        // A bend in the middle: village streets are not straight.
        const Point middle{(a.x + b.x) / 2 + uniform(-8, 8), (a.y + b.y) / 2 + uniform(-8, 8)};
        const double u = uniform(0, 1);
        const int oneway = u < 0.06 ? 1 : (u < 0.12 ? -1 : 0);
        village.roads.push_back({"r" + std::to_string(roadNumber++), densified({a, middle, b}), oneway});
        // Now and then a dead-end lane into the block, from a vertex of the street.
        if (uniform(0, 1) < 0.35) {
            const auto& street = village.roads.back().vertices;
            const Point from = street[street.size() / 3 + random() % (street.size() / 3)];
            const double dx = b.x - a.x, dy = b.y - a.y, length = std::hypot(dx, dy);
            const double depth = uniform(30, 55);
            const Point end{from.x - dy / length * depth, from.y + dx / length * depth};
            village.roads.push_back({"lane" + std::to_string(roadNumber++), densified({from, end}), 0});
        }
    };
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c) {
            // Edges of the outer ring always exist (keeps the village connected);
            // inner ones are missing now and then (fields, ponds).
            if (c + 1 < columns && (r == 0 || r == rows - 1 || uniform(0, 1) > 0.15))
                addStreet(corner(c, r), corner(c + 1, r));
            if (r + 1 < rows && (c == 0 || c == columns - 1 || uniform(0, 1) > 0.15))
                addStreet(corner(c, r), corner(c, r + 1));
        }
    village.customers.push_back(corner(columns / 2, rows / 2));
    while (static_cast<int>(village.customers.size()) < customerCount + 1) {
        const RoadLine& road = village.roads[random() % village.roads.size()];
        const std::size_t piece = random() % (road.vertices.size() - 1);
        const Point a = road.vertices[piece];
        const Point b = road.vertices[std::min(road.vertices.size() - 1, piece + 8)]; // a ~40 m stretch
        const double length = std::hypot(b.x - a.x, b.y - a.y);
        const double ux = (b.x - a.x) / length, uy = (b.y - a.y) / length;
        const int houses = 3 + static_cast<int>(random() % 8);
        const double side = uniform(0, 1) < 0.5 ? -1.0 : 1.0;
        double along = uniform(0, length);
        for (int h = 0; h < houses && static_cast<int>(village.customers.size()) < customerCount + 1; ++h) {
            along += uniform(9, 15);
            if (along > length)
                break;
            const double offset = side * uniform(5, 12); // front door to street centre line
            const Point house{a.x + ux * along - uy * offset, a.y + uy * along + ux * offset};
            const int meters = uniform(0, 1) < 0.3 ? 2 + static_cast<int>(random() % 3) : 1;
            for (int m = 0; m < meters && static_cast<int>(village.customers.size()) < customerCount + 1; ++m)
                village.customers.push_back(house);
        }
    }
    return village;
}

double seconds(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

} // namespace

int main(int argc, char** argv) {
    std::vector<double> limits{1.0, 5.0};
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--time-limit" && i + 1 < argc) {
            limits = {std::atof(argv[++i])};
        } else if (arg == "--help" || arg == "-h") {
            std::printf("usage: recheck_route_bench [--time-limit S] [files.tsp ...]\n");
            return 0;
        } else {
            files.push_back(arg);
        }
    }
    const std::string tsplibDir = std::string(RECHECK_SHARED_DIR) + "/bench/tsplib";
    if (files.empty())
        files = tspFilesIn(tsplibDir);
    const auto optima = readOptima(tsplibDir + "/OPTIMA.txt");
    std::vector<std::pair<int, std::string>> sized;
    for (const auto& file : files)
        sized.emplace_back(static_cast<int>(readTsplib(file).points.size()), file);
    std::sort(sized.begin(), sized.end());

    std::printf("== TSPLIB (closed tours, one thread; ratio = length / proven optimum)\n");
    std::printf("%-10s %6s %9s %9s", "instance", "n", "optimum", "NN");
    for (double limit : limits)
        std::printf("   ratio@%-4gs %8s", limit, "iters");
    std::printf("\n");
    for (const auto& [n, file] : sized) {
        const RouteInstance instance = readTsplib(file);
        const DistanceMatrix matrix = DistanceMatrix::euclidean(instance.points, instance.metric);
        const auto known = optima.find(instance.name);
        const double optimum = known == optima.end() ? 0.0 : known->second;
        const double nearest = matrix.tourLength(nearestNeighbourOrder(matrix), true);
        std::printf("%-10s %6d %9.0f %9.4f", instance.name.c_str(), n, optimum,
                    optimum > 0 ? nearest / optimum : 0.0);
        for (double limit : limits) {
            TourSolverOptions options;
            options.timeLimitSeconds = limit;
            options.seed = 1;
            const TourSolution solution = solveTour(matrix, options);
            std::printf("   %10.4f %8lld", optimum > 0 ? solution.length / optimum : 0.0,
                        solution.iterations);
        }
        std::printf("\n");
        std::fflush(stdout);
    }

    std::printf("\n== Generated districts, straight-line (1000 customers, houses in clusters along streets, "
                "1-4 meters per house)\n");
    std::printf("%-6s %6s %6s %9s %10s %10s %9s %10s %8s\n", "seed", "points", "stops", "budget", "NN m",
                "route m", "gain", "5s ref m", "total s");
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const Village village = makeVillage(1000, seed);
        for (bool closed : {true, false}) {
            RoutePlanOptions options;
            options.closed = closed;
            options.timeLimitSeconds = 0.8;
            options.seed = seed;
            const auto started = std::chrono::steady_clock::now();
            const RoutePlan plan =
                planRoutes(village.customers, DistanceMatrix::Metric::Euclidean, nullptr, options);
            const double total = seconds(started);
            RoutePlanOptions reference = options;
            reference.timeLimitSeconds = 5.0;
            const RoutePlan best =
                planRoutes(village.customers, DistanceMatrix::Metric::Euclidean, nullptr, reference);
            std::printf(
                "%-6llu %6zu %6d %8.1fs %10.0f %10.0f %8.1f%% %10.0f %8.2f  %s (%.2f%% above 5 s run)\n",
                static_cast<unsigned long long>(seed), village.customers.size(), plan.stopCount,
                options.timeLimitSeconds, plan.nearestNeighbourLength, plan.totalLength,
                100.0 * (1.0 - plan.totalLength / plan.nearestNeighbourLength), best.totalLength, total,
                closed ? "closed" : "open", 100.0 * (plan.totalLength / best.totalLength - 1.0));
            std::fflush(stdout);
        }
    }

    std::printf("\n== Generated villages along roads (1000 customers, ~12%% one-way streets)\n");
    std::printf("%-6s %6s %6s %9s %9s %9s %10s %10s %9s %8s %11s\n", "seed", "points", "stops", "vertices",
                "matrix s", "solve s", "NN m", "route m", "gain", "total s", "road/line");
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const Village village = makeVillage(1000, seed);
        const RoadNetwork network(village.roads);
        RoutePlanOptions options;
        options.timeLimitSeconds = 1.0;
        options.seed = seed;
        const auto started = std::chrono::steady_clock::now();
        const RoutePlan plan =
            planRoutes(village.customers, DistanceMatrix::Metric::Euclidean, &village.roads, options);
        const double total = seconds(started);
        const RoutePlan straight =
            planRoutes(village.customers, DistanceMatrix::Metric::Euclidean, nullptr, options);
        std::printf("%-6llu %6zu %6d %9d %9.2f %9.2f %10.0f %10.0f %8.1f%% %8.2f %11.2f  unreachable %zu\n",
                    static_cast<unsigned long long>(seed), village.customers.size(), plan.stopCount,
                    network.vertexCount(), plan.matrixSeconds, plan.solveSeconds, plan.nearestNeighbourLength,
                    plan.totalLength, 100.0 * (1.0 - plan.totalLength / plan.nearestNeighbourLength), total,
                    plan.totalLength / straight.totalLength, plan.unreachable.size());
        std::fflush(stdout);
    }

    std::printf("\n== Several inspectors (seed 1 district, straight-line, closed, 2 s)\n");
    {
        const Village village = makeVillage(1000, 1);
        for (int k : {1, 2, 3, 4}) {
            RoutePlanOptions options;
            options.vehicles = k;
            options.timeLimitSeconds = 2.0;
            const RoutePlan plan =
                planRoutes(village.customers, DistanceMatrix::Metric::Euclidean, nullptr, options);
            std::printf("K=%d longest %.0f m, total %.0f m, longest/(single/K)", k, plan.longestLength,
                        plan.totalLength);
            static double single = 0.0;
            if (k == 1)
                single = plan.totalLength;
            std::printf(" %.3f, routes:", plan.longestLength / (single / k));
            for (const auto& route : plan.routes)
                std::printf(" %.0f m/%.0f min", route.length, route.durationMinutes());
            std::printf("\n");
        }
    }
    return 0;
}
