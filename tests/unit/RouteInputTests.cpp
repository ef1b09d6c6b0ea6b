// Readers of the bare-instance mode: our points CSV, TSPLIB, roads CSV.
// Bad input must be refused with the file, line and column in the message.

#include "TestSupport.h"

#include "common/RecheckError.h"
#include "routing/DistanceMatrix.h"
#include "routing/RouteReaders.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>

using namespace recheck;
using namespace recheck::routing;
using recheck::test::ScratchDir;

namespace {

std::string writeFile(const ScratchDir& dir, const char* name, const std::string& text) {
    const std::string path = dir.file(QString::fromLatin1(name)).toStdString();
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

/// The RecheckError message of `read`, or "" when it did not throw.
template <typename Read> std::string errorOf(Read read) {
    try {
        read();
    } catch (const RecheckError& e) {
        CHECK(e.kind() == RecheckError::Kind::InvalidInput);
        return e.what();
    }
    return {};
}

} // namespace

TEST_CASE("points CSV: columns in any order, extra columns, quotes, CRLF", "[route]") {
    ScratchDir dir;
    const std::string path = writeFile(dir, "p.csv",
                                       "\xEF\xBB\xBFname,y,id,x\r\n"
                                       "office,200.5,D,100\r\n"
                                       "\"Zhang, San\",210,C1,110.25\r\n"
                                       "\r\n"
                                       "x,-5,C2,1e3\r\n");
    const RouteInstance instance = readPointsCsv(path);
    REQUIRE(instance.ids == std::vector<std::string>{"D", "C1", "C2"});
    CHECK(instance.points[0].x == 100.0);
    CHECK(instance.points[0].y == 200.5);
    CHECK(instance.points[1].x == 110.25);
    CHECK(instance.points[2].x == 1000.0);
    CHECK(instance.points[2].y == -5.0);
    CHECK(instance.metric == DistanceMatrix::Metric::Euclidean);
}

TEST_CASE("points CSV: bad input names file, line and column", "[route]") {
    ScratchDir dir;
    const std::string missing = writeFile(dir, "missing.csv", "id,x\nD,1\n");
    CHECK_THAT(errorOf([&] { readPointsCsv(missing); }),
               Catch::Contains("missing.csv:1") && Catch::Contains("'y'"));

    const std::string duplicate = writeFile(dir, "dup.csv", "id,x,y\nD,0,0\nA,1,1\nB,2,2\nA,3,3\n");
    CHECK_THAT(errorOf([&] { readPointsCsv(duplicate); }),
               Catch::Contains("dup.csv:5") && Catch::Contains("'A'") && Catch::Contains("line 3"));

    const std::string notNumber = writeFile(dir, "nan.csv", "id,x,y\nD,0,0\nA,1,abc\n");
    CHECK_THAT(errorOf([&] { readPointsCsv(notNumber); }),
               Catch::Contains("nan.csv:3") && Catch::Contains("'y'") && Catch::Contains("abc"));

    const std::string infinite = writeFile(dir, "inf.csv", "id,x,y\nD,0,0\nA,inf,1\n");
    CHECK_THAT(errorOf([&] { readPointsCsv(infinite); }), Catch::Contains("inf.csv:3"));

    const std::string shortRow = writeFile(dir, "short.csv", "id,x,y\nD,0,0\nA,1\n");
    CHECK_THAT(errorOf([&] { readPointsCsv(shortRow); }),
               Catch::Contains("short.csv:3") && Catch::Contains("'y'"));

    const std::string empty = writeFile(dir, "empty.csv", "");
    CHECK_THAT(errorOf([&] { readPointsCsv(empty); }),
               Catch::Contains("empty.csv") && Catch::Contains("empty"));

    const std::string headerOnly = writeFile(dir, "header.csv", "id,x,y\n");
    CHECK_THAT(errorOf([&] { readPointsCsv(headerOnly); }), Catch::Contains("no data rows"));

    const std::string depotOnly = writeFile(dir, "depot.csv", "id,x,y\nD,0,0\n");
    CHECK_THAT(errorOf([&] { readPointsCsv(depotOnly); }), Catch::Contains("no customers"));

    try {
        readPointsCsv(dir.file(QStringLiteral("absent.csv")).toStdString());
        FAIL("an absent file must be refused");
    } catch (const RecheckError& e) {
        CHECK(e.kind() == RecheckError::Kind::Io);
        CHECK_THAT(std::string(e.what()), Catch::Contains("absent.csv"));
    }
}

TEST_CASE("TSPLIB: header keywords, coordinates and the rounding rules of each metric", "[route]") {
    ScratchDir dir;
    const std::string path = writeFile(dir, "tiny.tsp",
                                       "NAME : tiny\nCOMMENT: three points\nTYPE: TSP\nDIMENSION: 3\n"
                                       "EDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n"
                                       "1 0 0\n2 3.0 4.0\n3 1e0 1\nEOF\n");
    const RouteInstance instance = readTsplib(path);
    CHECK(instance.name == "tiny");
    REQUIRE(instance.ids == std::vector<std::string>{"1", "2", "3"});
    CHECK(instance.metric == DistanceMatrix::Metric::TsplibEuc2D);
    // Rounding per TSPLIB: EUC_2D nint (half up), CEIL_2D ceiling, ATT pseudo-Euclidean.
    const std::vector<Point> points{{0, 0}, {3, 4}, {1, 1}, {2.5, 0}};
    const double root2 = std::sqrt(2.0);
    const auto euc = DistanceMatrix::euclidean(points, DistanceMatrix::Metric::TsplibEuc2D);
    CHECK(euc(0, 1) == 5.0);
    CHECK(euc(0, 2) == std::floor(root2 + 0.5));
    CHECK(euc(0, 3) == 3.0); // 2.5 rounds half up
    const auto ceil2d = DistanceMatrix::euclidean(points, DistanceMatrix::Metric::TsplibCeil2D);
    CHECK(ceil2d(0, 2) == std::ceil(root2));
    const auto att = DistanceMatrix::euclidean(points, DistanceMatrix::Metric::TsplibAtt);
    const double r = std::sqrt(25.0 / 10.0);
    CHECK(att(0, 1) == (std::floor(r + 0.5) < r ? std::floor(r + 0.5) + 1 : std::floor(r + 0.5)));

    const std::string wrongCount = writeFile(dir, "count.tsp",
                                             "NAME: c\nTYPE: TSP\nDIMENSION: 4\nEDGE_WEIGHT_TYPE: EUC_2D\n"
                                             "NODE_COORD_SECTION\n1 0 0\n2 1 1\nEOF\n");
    CHECK_THAT(errorOf([&] { readTsplib(wrongCount); }), Catch::Contains("DIMENSION says 4"));
    const std::string explicitWeights =
        writeFile(dir, "explicit.tsp", "NAME: e\nTYPE: TSP\nDIMENSION: 2\nEDGE_WEIGHT_TYPE: EXPLICIT\n");
    CHECK_THAT(errorOf([&] { readTsplib(explicitWeights); }),
               Catch::Contains("explicit.tsp:4") && Catch::Contains("EXPLICIT"));
    const std::string asymmetric = writeFile(dir, "atsp.tsp", "NAME: a\nTYPE: ATSP\n");
    CHECK_THAT(errorOf([&] { readTsplib(asymmetric); }), Catch::Contains("atsp.tsp:2"));
    const std::string duplicateNode = writeFile(dir, "dupnode.tsp",
                                                "TYPE: TSP\nEDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n"
                                                "1 0 0\n2 1 1\n2 2 2\n");
    CHECK_THAT(errorOf([&] { readTsplib(duplicateNode); }), Catch::Contains("dupnode.tsp:6"));
}

TEST_CASE("roads CSV: LINESTRING and MULTILINESTRING, one-way spellings, bad WKT", "[route]") {
    ScratchDir dir;
    const std::string path = writeFile(dir, "roads.csv",
                                       "id,oneway,wkt\n"
                                       "a,,\"LINESTRING (0 0, 100 0, 100 50)\"\n"
                                       "b,1,\"MULTILINESTRING ((0 0, 0 10), (5 5, 6 6 7))\"\n"
                                       "c,TF,\"linestring(1 1,2 2)\"\n");
    const auto roads = readRoadsCsv(path);
    REQUIRE(roads.size() == 4);
    CHECK(roads[0].id == "a");
    CHECK(roads[0].oneway == 0);
    REQUIRE(roads[0].vertices.size() == 3);
    CHECK(roads[0].vertices[2].y == 50.0);
    CHECK(roads[1].id == "b");
    CHECK(roads[2].id == "b");
    CHECK(roads[1].oneway == 1);
    CHECK(roads[2].vertices[1].x == 6.0); // the Z value is ignored
    CHECK(roads[3].oneway == -1);

    const std::string badWkt = writeFile(dir, "bad.csv", "id,wkt\nr1,\"POINT (1 2)\"\n");
    CHECK_THAT(errorOf([&] { readRoadsCsv(badWkt); }),
               Catch::Contains("bad.csv:2") && Catch::Contains("wkt"));
    const std::string badVertex = writeFile(dir, "vertex.csv", "id,wkt\nr1,\"LINESTRING (1 2, 3)\"\n");
    CHECK_THAT(errorOf([&] { readRoadsCsv(badVertex); }), Catch::Contains("vertex.csv:2"));
    const std::string badOneway =
        writeFile(dir, "oneway.csv", "id,wkt,oneway\nr1,\"LINESTRING (1 2, 3 4)\",2\n");
    CHECK_THAT(errorOf([&] { readRoadsCsv(badOneway); }),
               Catch::Contains("oneway.csv:2") && Catch::Contains("oneway"));
    const std::string unquoted = writeFile(dir, "unquoted.csv", "id,wkt\nr1,LINESTRING (1 2, 3 4)\n");
    CHECK_THAT(errorOf([&] { readRoadsCsv(unquoted); }), Catch::Contains("unquoted.csv:2"));
}
