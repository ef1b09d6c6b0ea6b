// Road distances on hand-made networks: snapping, access distances, one-way
// streets, unreachable points. Expected values come from the geometry here.

#include "RouteTestSupport.h"

#include "routing/RoadNetwork.h"
#include "routing/RoutePlanner.h"
#include "routing/TourSolver.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace recheck::routing;
using namespace recheck::routing::test;

namespace {

RoadLine line(const char* id, std::vector<Point> vertices, int oneway = 0) {
    return RoadLine{id, std::move(vertices), oneway};
}

double between(const Point& a, const Point& b) {
    return std::hypot(a.x - b.x, a.y - b.y);
}

} // namespace

TEST_CASE("points snap to the nearest segment — the access distance counts at both ends", "[route]") {
    // An L-shaped street: (0,0) → (100,0) → (100,80), drawn as two lines.
    const RoadNetwork network({line("s1", {{0, 0}, {100, 0}}), line("s2", {{100, 0}, {100, 80}})});
    CHECK(network.vertexCount() == 3); // the shared corner is one junction

    const Point house{30, 12};
    const RoadNetwork::Snap snap = network.snap(house);
    CHECK(snap.point.x == Approx(30.0));
    CHECK(snap.point.y == Approx(0.0).margin(1e-9));
    CHECK(snap.access == Approx(12.0));

    // Beyond the street's end the snap point is the end vertex.
    const Point beyond{-9, -12};
    CHECK(network.snap(beyond).access == Approx(between(beyond, {0, 0})));

    // House on s1 to a house beside s2: access, along s1 to the corner, up s2, access.
    const Point other{107, 50};
    const double expected = 12.0 + (100.0 - 30.0) + 50.0 + 7.0;
    CHECK(network.distance(house, other) == Approx(expected));
    CHECK(network.distance(other, house) == Approx(expected));
    // Two houses beside the same segment: straight along it.
    CHECK(network.distance({10, 5}, {60, -3}) == Approx(5.0 + 50.0 + 3.0));

    // Beyond the access limit a point is not snapped.
    CHECK(network.snap({50, 300}, 100.0).segment == -1);
}

TEST_CASE("one-way streets make distances asymmetric", "[route]") {
    // A square block, 100 m sides, drawn as four lines; the bottom street is
    // one-way eastwards (oneway 1, along its vertex order) and the right
    // street one-way southwards drawn upwards (oneway -1, against its order).
    const std::vector<RoadLine> roads{line("bottom", {{0, 0}, {100, 0}}, 1),
                                      line("right", {{100, 0}, {100, 100}}, -1),
                                      line("top", {{100, 100}, {0, 100}}), line("left", {{0, 100}, {0, 0}})};
    const RoadNetwork network(roads);
    const Point west{20, -5}; // beside the bottom street, 20 m from its west end
    const Point east{80, -5}; // 80 m from its west end
    const double access = 5.0;
    // West → east: with the bottom street's direction.
    CHECK(network.distance(west, east) == Approx(access + 60.0 + access));
    // East → west: the bottom street only leads east to (100,0), and the right
    // street only comes down into that corner: there is no way out.
    CHECK(std::isinf(network.distance(east, west)));

    // Reverse the right street's rule (oneway 1: upwards allowed): around the block.
    std::vector<RoadLine> loop = roads;
    loop[1].oneway = 1;
    const RoadNetwork open(loop);
    CHECK(open.distance(east, west) == Approx(access + 20.0 + 100.0 + 100.0 + 100.0 + 20.0 + access));
    CHECK(open.distance(west, east) == Approx(access + 60.0 + access));
}

TEST_CASE("the solver handles asymmetric road matrices exactly (brute force)", "[route]") {
    // A ladder of two-way and one-way rungs: small enough to enumerate.
    std::vector<RoadLine> roads{line("south", {{0, 0}, {300, 0}}, 1), line("north", {{300, 60}, {0, 60}}, 1),
                                line("w", {{0, 0}, {0, 60}}), line("m", {{150, 0}, {150, 60}}),
                                line("e", {{300, 0}, {300, 60}})};
    // Give the rungs junctions with the long streets.
    roads[0] = line("south", {{0, 0}, {150, 0}, {300, 0}}, 1);
    roads[1] = line("north", {{300, 60}, {150, 60}, {0, 60}}, 1);
    const std::vector<Point> points{{5, 30}, {60, -4}, {200, -6}, {290, 64}, {90, 66}, {160, 20}, {240, 55}};
    const RoadNetwork network(roads);
    const RoadNetwork::Matrix road = network.distances(points);
    REQUIRE(road.unreachable.empty());
    REQUIRE_FALSE(road.matrix.isSymmetric());
    for (bool closed : {true, false}) {
        TourSolverOptions options;
        options.closed = closed;
        options.timeLimitSeconds = 0.0;
        options.iterationLimit = 200;
        const TourSolution solution = solveTour(road.matrix, options);
        CHECK(isPermutationFromDepot(solution.order, road.matrix.size()));
        CHECK(solution.length == Approx(bruteForceLength(road.matrix, closed)));
    }
}

TEST_CASE("unreachable points are reported and the rest is still routed", "[route]") {
    // Main street with the depot, a separate lane nobody connected, and a dead
    // end one-way street leading away (can go in, cannot come back).
    const std::vector<RoadLine> roads{line("main", {{0, 0}, {500, 0}}),
                                      line("island", {{0, 1000}, {100, 1000}}),
                                      line("trap", {{500, 0}, {600, 0}}, 1)};
    const std::vector<Point> points{{0, 5},   {100, 5}, {200, -5},   {50, 1003},
                                    {300, 8}, {580, 4}, {5000, 5000}};
    RoutePlanOptions options;
    options.timeLimitSeconds = 0.0;
    options.iterationLimit = 50;
    options.maxAccessMetres = 200.0;
    const RoutePlan plan = planRoutes(points, DistanceMatrix::Metric::Euclidean, &roads, options);
    // 3: on the island; 5: in the one-way trap; 6: nowhere near a road.
    CHECK(plan.unreachable == std::vector<int>{3, 5, 6});
    REQUIRE(plan.routes.size() == 1);
    std::vector<int> visited = plan.routes[0].stops;
    CHECK(visited.front() == 0);
    std::sort(visited.begin(), visited.end());
    CHECK(visited == std::vector<int>{0, 1, 2, 4});
    // Along the main street and back: each house's access both ways.
    const double expected = 2 * 300.0 + 2 * (5.0 + 5.0 + 5.0 + 8.0);
    CHECK(plan.routes[0].length == Approx(expected));
}
