// The planner: co-located customers, several inspectors (min-max balance),
// duration estimates, and the bare-instance job behind `recheck route`.

#include "RouteTestSupport.h"
#include "TestSupport.h"

#include "common/RecheckError.h"
#include "routing/ColocatedStops.h"
#include "routing/RouteJob.h"
#include "routing/RoutePlanner.h"
#include "routing/RouteSplit.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

using namespace recheck;
using namespace recheck::routing;
using namespace recheck::routing::test;
using recheck::test::ScratchDir;

namespace {

RoutePlanOptions reproducible(int vehicles, bool closed) {
    RoutePlanOptions options;
    options.vehicles = vehicles;
    options.closed = closed;
    options.timeLimitSeconds = 0.0;
    options.iterationLimit = 200;
    return options;
}

/// Houses with 1–3 meters each (co-located customers).
std::vector<Point> housesWithMeters(int houses, unsigned seed) {
    const auto base = randomPoints(houses, seed);
    std::vector<Point> points;
    for (int h = 0; h < houses; ++h)
        for (int m = 0; m <= h % 3; ++m)
            points.push_back(base[static_cast<std::size_t>(h)]);
    return points;
}

double maxDepotDistance(const std::vector<Point>& points) {
    double furthest = 0.0;
    for (const Point& p : points)
        furthest = std::max(furthest, std::hypot(p.x - points[0].x, p.y - points[0].y));
    return furthest;
}

} // namespace

TEST_CASE("co-located customers merge into one stop and expand back together", "[route]") {
    const std::vector<Point> points{{0, 0}, {10, 10}, {10, 10.001}, {0, 0}, {20, 5}, {10, 10}};
    const ColocatedStops merged = mergeColocated(points, 0.01);
    REQUIRE(merged.stopCount() == 3);
    CHECK(merged.members[0] == std::vector<int>{0, 3}); // the depot's stop keeps input 0 first
    CHECK(merged.members[1] == std::vector<int>{1, 2, 5});
    CHECK(merged.members[2] == std::vector<int>{4});
    CHECK(merged.expand({0, 2, 1}) == std::vector<int>{0, 3, 4, 1, 2, 5});

    // In a plan the meters of one house are consecutive and the length is that of the stops.
    const auto many = housesWithMeters(40, 3);
    const RoutePlan plan =
        planRoutes(many, DistanceMatrix::Metric::Euclidean, nullptr, reproducible(1, true));
    CHECK(plan.stopCount == 40);
    const auto& stops = plan.routes[0].stops;
    REQUIRE(stops.size() == many.size());
    std::set<std::pair<double, double>> finished;
    for (std::size_t i = 1; i < stops.size(); ++i) {
        const Point& here = many[static_cast<std::size_t>(stops[i])];
        const Point& before = many[static_cast<std::size_t>(stops[i - 1])];
        if (here.x != before.x || here.y != before.y) {
            // Leaving a house: it must not come back later.
            CHECK(finished.insert({before.x, before.y}).second);
        }
    }
    const auto matrix = DistanceMatrix::euclidean(many);
    CHECK(matrix.tourLength(stops, true) == Approx(plan.routes[0].length));
}

TEST_CASE("the contiguous split minimises the longest route (checked against every split)", "[route]") {
    const auto points = randomPoints(11, 77);
    const auto matrix = DistanceMatrix::euclidean(points);
    std::vector<int> giant(11);
    std::iota(giant.begin(), giant.end(), 0);
    for (bool closed : {true, false}) {
        const auto routes = splitMinMax(matrix, giant, 3, closed);
        double longest = 0.0;
        for (const auto& route : routes)
            longest = std::max(longest, routeLength(matrix, route, closed));
        // Every way to cut stops 1..10 into three non-empty consecutive pieces.
        double best = std::numeric_limits<double>::infinity();
        auto piece = [&](int from, int to) { // giant[from .. to)
            std::vector<int> route{0};
            route.insert(route.end(), giant.begin() + from, giant.begin() + to);
            return routeLength(matrix, route, closed);
        };
        for (int a = 2; a <= 9; ++a)
            for (int b = a + 1; b <= 10; ++b)
                best = std::min(best, std::max({piece(1, a), piece(a, b), piece(b, 11)}));
        CHECK(longest == Approx(best));
    }
}

TEST_CASE("several inspectors: every customer in exactly one route, balanced", "[route]") {
    const auto points = randomPoints(160, 91);
    const double reach = maxDepotDistance(points);
    for (bool closed : {true, false}) {
        RoutePlanOptions single = reproducible(1, closed);
        single.serviceMinutesPerCustomer = 0.0; // balance length only: the bound below is about length
        const RoutePlan one = planRoutes(points, DistanceMatrix::Metric::Euclidean, nullptr, single);
        for (int k : {2, 3, 5}) {
            INFO(k << " inspectors" << (closed ? " closed" : " open"));
            RoutePlanOptions options = single;
            options.vehicles = k;
            const RoutePlan plan = planRoutes(points, DistanceMatrix::Metric::Euclidean, nullptr, options);
            REQUIRE(static_cast<int>(plan.routes.size()) == k);
            std::vector<int> seen(points.size(), 0);
            double longest = 0.0;
            for (const auto& route : plan.routes) {
                CHECK(route.stops.front() == 0);
                CHECK(route.customers == static_cast<int>(route.stops.size()) - 1);
                for (std::size_t i = 1; i < route.stops.size(); ++i)
                    ++seen[static_cast<std::size_t>(route.stops[i])];
                longest = std::max(longest, route.length);
            }
            for (std::size_t i = 1; i < seen.size(); ++i)
                CHECK(seen[i] == 1);
            CHECK(plan.longestLength == Approx(longest));
            // Cutting a closed tour of length L into k pieces and joining each
            // to the depot costs at most L/k + 2 × (furthest stop from the depot).
            CHECK(longest <= one.totalLength / k + 2.0 * reach);
            // And several inspectors do finish sooner than one.
            CHECK(longest < one.totalLength);
        }
    }
}

TEST_CASE("with service times, the working time is what gets balanced", "[route]") {
    // Many meters in one block near the depot, few houses far away: balancing
    // length alone would give one inspector all the meters.
    std::vector<Point> points{{0, 0}};
    for (int i = 0; i < 60; ++i)
        points.push_back({50.0 + (i % 6), 40.0});
    for (int i = 0; i < 6; ++i)
        points.push_back({2000.0 + 300.0 * i, 1500.0});
    RoutePlanOptions options = reproducible(2, true);
    options.speedKmh = 4.5;
    options.serviceMinutesPerCustomer = 5.0;
    const RoutePlan plan = planRoutes(points, DistanceMatrix::Metric::Euclidean, nullptr, options);
    REQUIRE(plan.routes.size() == 2);
    double total = 0.0;
    double longest = 0.0;
    for (const auto& route : plan.routes) {
        // The estimate: length at the speed, plus the service per customer.
        CHECK(route.travelMinutes == Approx(route.length / (4.5 * 1000.0 / 60.0)));
        CHECK(route.serviceMinutes == Approx(5.0 * route.customers));
        total += route.durationMinutes();
        longest = std::max(longest, route.durationMinutes());
    }
    // Within one meter's service + a round trip to the furthest stop of a perfect half.
    const double roundTrip = 2.0 * maxDepotDistance(points) / (4.5 * 1000.0 / 60.0);
    CHECK(longest <= total / 2.0 + 5.0 + roundTrip);
    CHECK(plan.routes[0].customers > 6);
    CHECK(plan.routes[1].customers > 6);
}

TEST_CASE("the route job writes the tour file: ids in order, routes separated by an empty line", "[route]") {
    ScratchDir dir;
    const std::string csv = dir.file(QStringLiteral("points.csv")).toStdString();
    {
        std::ofstream out(csv);
        out << "id,x,y\nDEPOT,0,0\n";
        const auto points = randomPoints(30, 5);
        for (int i = 1; i < 30; ++i)
            out << "C" << i << ',' << points[static_cast<std::size_t>(i)].x << ','
                << points[static_cast<std::size_t>(i)].y << '\n';
    }
    RouteJobRequest request;
    request.pointsCsv = csv;
    request.tourFile = dir.file(QStringLiteral("tour.txt")).toStdString();
    request.options = reproducible(3, true);
    const RouteJobResult result = runRouteJob(request);
    REQUIRE(result.plan.routes.size() == 3);

    std::ifstream in(request.tourFile);
    std::vector<std::vector<std::string>> routes(1);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty())
            routes.emplace_back();
        else
            routes.back().push_back(line);
    }
    REQUIRE(routes.size() == 3);
    std::multiset<std::string> customers;
    for (std::size_t r = 0; r < routes.size(); ++r) {
        REQUIRE_FALSE(routes[r].empty());
        CHECK(routes[r].front() == "DEPOT");
        customers.insert(routes[r].begin() + 1, routes[r].end());
        // The file follows the plan.
        REQUIRE(routes[r].size() == result.plan.routes[r].stops.size());
        for (std::size_t i = 0; i < routes[r].size(); ++i)
            CHECK(routes[r][i] ==
                  result.instance.ids[static_cast<std::size_t>(result.plan.routes[r].stops[i])]);
    }
    CHECK(customers.size() == 29);
    CHECK(std::set<std::string>(customers.begin(), customers.end()).size() == 29);

    RouteJobRequest neither;
    CHECK_THROWS_AS(runRouteJob(neither), RecheckError);
}
