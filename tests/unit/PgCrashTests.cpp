// A check-in into the PostgreSQL master killed with SIGKILL at a random
// moment (as SyncCrashTests.cpp does against the SpatiaLite file): the
// client process dies mid-staging, mid-merge, mid-write-back or around the
// COMMIT; the server rolls its transaction back or has committed all of it.
// After every kill the master holds none or all of the package, a rerun
// completes (or recognises the finished check-in) and ends exactly where an
// uninterrupted check-in ends: nothing lost, nothing written twice, every
// row in its county's partition. ctest runs 10 seeds; `recheck_unit_tests
// "[.pgcrash100]"` runs 100.

#include "MasterBackends.h"

#include "sync/ChangeSet.h"

#include <catch2/catch.hpp>

#include <QElapsedTimer>

#include <random>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace recheck;
using namespace recheck::synctest;
using recheck::test::ScratchDir;

namespace {

// Runs `work` in a child process and kills it after `delayUs`; returns true
// when the child finished by itself first.
template <typename Work> bool runAndKill(Work work, long delayUs) {
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        int status = 0;
        try {
            work();
        } catch (...) {
            status = 1;
        }
        _exit(status);
    }
    usleep(static_cast<useconds_t>(delayUs));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

CheckinReport checkIn(const QString& conninfo, const QString& package) {
    PgMasterStore store(conninfo);
    CheckinOptions options;
    options.checkedInBy = QStringLiteral("office");
    return store.checkin(package, options);
}

void crashPgCheckins(int seeds) {
    PgTestMaster pristine;
    if (!pristine.available())
        return;
    ScratchDir dir;
    const QString package = dir.file(QStringLiteral("pk.sqlite"));
    CheckoutOptions scope;
    scope.districtCodes =
        QStringList{QStringLiteral("TQ0001"), QStringLiteral("TQ0002"), QStringLiteral("TQ0003"),
                    QStringLiteral("TQ0004"), QStringLiteral("TQ0005"), QStringLiteral("TQ0006")};
    scope.assignee = QStringLiteral("S005");
    scope.checkedOutBy = QStringLiteral("tester");
    pristine.store().checkout(package, scope);
    // Enough work that a kill lands anywhere: every customer of the scope
    // (both counties) edited, visits recorded, scope rows dropped.
    plainSql(package,
             QStringLiteral("UPDATE customers SET phone = '139' || substr('0000000' || fid, -8, 8), "
                            "address = address || ' (复查)';"
                            "INSERT INTO visits (customer_uuid, visited_at, result, note) SELECT uuid, "
                            "'2026-11-25T10:00:00Z', 'ok', 'crash test' FROM customers WHERE fid % 3 = 0;"
                            "DELETE FROM task_scope WHERE fid % 50 = 0;"));
    long long changedRows = 0;
    {
        SqliteDatabase db(package, SqliteDatabase::Mode::ReadOnly);
        changedRows = static_cast<long long>(PackageChangeReader(db).read().rows.size());
    }
    const long long visits =
        test::sqlScalar(package, QStringLiteral("SELECT count(*) FROM visits WHERE note = 'crash test'"))
            .toLongLong();
    REQUIRE(changedRows > 1000);
    const QString untouched = pristine.contentDigest();

    // One uninterrupted check-in into a copy: the reference end state (fids
    // and updated_at left out: sequences and clocks move on after a kill).
    QString reference;
    long long referenceLog = 0;
    double seconds = 0;
    {
        std::unique_ptr<TestMaster> copy = pristine.copy();
        QElapsedTimer timer;
        timer.start();
        REQUIRE(copy->store().checkin(package, {}).outcome == CheckinReport::Outcome::Merged);
        seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
        reference = copy->contentDigest();
        referenceLog =
            copy->count(QStringLiteral("SELECT count(*) FROM change_log WHERE changed_by = 'S005'"));
        REQUIRE(referenceLog > 1000);
    }
    INFO("changed rows " << changedRows << ", check-in " << seconds << " s");

    int before = 0, after = 0;
    for (int seed = 1; seed <= seeds; ++seed) {
        INFO("seed " << seed);
        std::mt19937 random(static_cast<unsigned>(seed));
        // Up to 30% past an undisturbed run: a kill after the COMMIT too.
        const long delay = std::uniform_int_distribution<long>(0, static_cast<long>(seconds * 1.3e6))(random);
        std::unique_ptr<TestMaster> copy = pristine.copy();
        auto& master = static_cast<PgTestMaster&>(*copy);
        const QString conninfo = master.database().conninfo();
        runAndKill([&] { checkIn(conninfo, package); }, delay);
        // The killed client's server process ends (rolls back, or has
        // committed) before anyone looks.
        master.reconnect();
        CHECK(master.problems().isEmpty());
        const long long ledger = master.count(QStringLiteral("SELECT count(*) FROM sync_ledger"));
        const long long written =
            master.count(QStringLiteral("SELECT count(*) FROM change_log WHERE changed_by = 'S005'"));
        if (ledger == 0) {
            CHECK(written == 0);
            CHECK(master.contentDigest() == untouched);
            ++before;
        } else {
            CHECK(ledger == 1);
            CHECK(written == referenceLog);
            CHECK(master.contentDigest() == reference);
            ++after;
        }
        // The rerun completes, or recognises the finished check-in, and ends
        // where an uninterrupted one ends.
        const CheckinReport rerun = master.store().checkin(package, {});
        CHECK(rerun.outcome == CheckinReport::Outcome::Merged);
        CHECK(rerun.repeat == (ledger == 1));
        CHECK(master.contentDigest() == reference);
        CHECK(master.count(QStringLiteral("SELECT count(*) FROM change_log WHERE changed_by = 'S005'")) ==
              referenceLog);
        CHECK(master.count(QStringLiteral("SELECT count(*) FROM visits WHERE note = 'crash test'")) ==
              visits);
        CHECK(master.count(QStringLiteral("SELECT count(*) FROM sync_ledger")) == 1);
        CHECK(master.problems().isEmpty());
    }
    WARN("PostgreSQL check-in kills: " << before << " before the commit, " << after << " after it");
}

} // namespace

TEST_CASE("PostgreSQL master: a check-in killed at any moment leaves the master untouched or fully merged",
          "[pg][pgsync][crash]") {
    crashPgCheckins(10);
}

TEST_CASE("PostgreSQL master: crash check-in, 100 seeds", "[.pgcrash100]") {
    crashPgCheckins(100);
}
