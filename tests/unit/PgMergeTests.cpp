// The #4 check-in merge matrix against the PostgreSQL master: the same
// scenarios as SyncMergeTests.cpp (runMergeMatrix, runTwoLaptops), run
// through PgMasterStore on the throw-away server of tests/pg, the office's
// edits made with a plain PostgreSQL connection. And the end state compared
// with the SpatiaLite master's after the same edits.

#include "MasterBackends.h"

#include <catch2/catch.hpp>

using namespace recheck;
using namespace recheck::synctest;
using recheck::test::ScratchDir;

TEST_CASE("PostgreSQL master: merge matrix — each side inserts, updates or deletes, same or other field and "
          "value",
          "[pg][pgsync][merge]") {
    PgTestMaster master;
    if (!master.available())
        return;
    ScratchDir dir;
    runMergeMatrix(master, dir);
}

TEST_CASE("PostgreSQL master: two laptops with overlapping scope end the same in either order",
          "[pg][pgsync][merge]") {
    PgTestMaster master;
    if (!master.available())
        return;
    ScratchDir dir;
    runTwoLaptops(master, dir);
}

TEST_CASE("PostgreSQL master: the merge matrix ends with the same rows and conflicts as on SpatiaLite",
          "[pg][pgsync][merge]") {
    PgTestMaster pg;
    if (!pg.available())
        return;
    ScratchDir pgDir, liteDir;
    SpatiaLiteTwinMaster lite(liteDir);
    // The matrix's own checks pass on each; then the two masters hold the
    // same rows (values, row versions, who wrote them) and conflicts.
    runMergeMatrix(lite, liteDir, false);
    runMergeMatrix(pg, pgDir, false);
    const QStringList pgTables = pg.contentDigest().split(QLatin1Char(' '));
    const QStringList liteTables = lite.contentDigest().split(QLatin1Char(' '));
    REQUIRE(pgTables.size() == liteTables.size());
    for (int i = 0; i < pgTables.size(); ++i)
        CHECK(pgTables[i].toStdString() == liteTables[i].toStdString());
    CHECK(pg.conflictFacts() == lite.conflictFacts());
}
