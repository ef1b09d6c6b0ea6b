// recheck_sync_bench: core/sync at county scale.
//
//   recheck_sync_bench CACHE_DIR [--customers N] [--package-customers M]
//                      [--changes K] [--status-changes S] [--snapshot]
//
// --snapshot: also keep copies of the master and the package as they are
// right before the timed check-in (CACHE_DIR/snapshot-master.sqlite,
// snapshot-package.sqlite), to profile `recheck checkin` on them repeatedly.
//
//   recheck_sync_bench --checkin MASTER PACKAGE
//   recheck_sync_bench --checkout MASTER PACKAGE [--package-customers M]
//
// Checks PACKAGE into MASTER once (both are changed: give copies of the
// snapshot), or checks the bench's districts out of MASTER into PACKAGE
// (the master records it: give a copy), and prints the wall time, CPU time
// and phases: for profiling.
//
// 1. A master of N customers (default 1 000 000), generated once with the
//    demo county generator and cached in CACHE_DIR (about 40 s the first
//    time); each run works on a copy.
// 2. Check-out of districts summing to about M customers (default 50 000):
//    wall time and synced rows per second (goal ≥ 50 000 rows/s). Reference
//    in the same process: a bare INSERT … SELECT of the same customers into
//    an empty table (what SQLite alone costs).
// 3. K changed rows in the package (default 5 000: customer edits, new
//    visits, dropped scope rows), while the office edits 500 of the same
//    customers (other fields and 100 on the same field): check-in wall time
//    (goal < 1 s) with the default master check (MasterCheckScope::Touched:
//    the header, and every page the merge touches as it is loaded); the
//    check-in up to the merge, cancelled there, without a master check, with
//    the default, with a quick_check of the tables it writes and of the whole
//    file; the whole-file quick_check alone.
// 4. `status` with S pending changes (default 20 000): goal < 0.5 s.

#include "archive/Archive.h"
#include "archive/DemoCountyGenerator.h"
#include "common/Sqlite.h"
#include "sync/ChangeSet.h"
#include "sync/CheckinMerger.h"
#include "sync/PackageWriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <ctime>

using namespace recheck;

namespace {

double secondsSince(const QElapsedTimer& timer) {
    return static_cast<double>(timer.nsecsElapsed()) / 1e9;
}

// CPU time of this process: on a machine shared with other jobs the wall
// time alone overstates what the work costs.
double cpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

void removeDatabase(const QString& path) {
    for (const char* suffix : {"", "-journal", "-wal", "-shm"})
        QFile::remove(path + QString::fromLatin1(suffix));
}

int optionValue(const QStringList& args, const QString& name, int fallback) {
    const int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1].toInt() : fallback;
}

// Edits `rows` customers of the package (rows/2 with two fields), inserts
// `visits` visits and drops `scope` task_scope rows, with a plain connection
// in one transaction: the trigger path an editor's edits take.
void editPackage(const QString& package, int customers, int visits, int scope, int offset) {
    SqliteDatabase db(package, SqliteDatabase::Mode::ReadWrite);
    db.exec(QStringLiteral("BEGIN"));
    db.exec(QStringLiteral("UPDATE customers SET phone = '139' || substr('0000000' || fid, -8, 8), "
                           "address = CASE WHEN fid % 2 = 0 THEN address || '（复查）' ELSE address END "
                           "WHERE fid IN (SELECT fid FROM customers ORDER BY fid LIMIT %1 OFFSET %2)")
                .arg(customers)
                .arg(offset));
    db.exec(QStringLiteral(
                "INSERT INTO visits (customer_uuid, visited_at, result, note, gps_accuracy_m, geom) "
                "SELECT uuid, '2026-11-25T10:00:00Z', 'ok', 'bench', 4.5, "
                "MakePoint(X(geom), Y(geom), 4326) FROM customers ORDER BY fid DESC LIMIT %1 OFFSET %2")
                .arg(visits)
                .arg(offset));
    db.exec(
        QStringLiteral("DELETE FROM task_scope WHERE fid IN (SELECT fid FROM task_scope ORDER BY fid DESC "
                       "LIMIT %1 OFFSET %2)")
            .arg(scope)
            .arg(offset));
    db.exec(QStringLiteral("COMMIT"));
}

// The headline figures, printed once more at the end against the goals.
struct Summary {
    double checkoutRate = 0;     ///< synced rows per second
    double checkinSeconds = 0;   ///< default master check
    double tablesCheckExtra = 0; ///< what a quick_check of the written tables adds before the merge
    double statusSeconds = 0;    ///< read and listed
};

// Districts in code order until they hold about `customers` customers.
QStringList districtsHolding(const QString& master, int customers, long long* held) {
    QStringList districts;
    *held = 0;
    SqliteDatabase db(master, SqliteDatabase::Mode::ReadOnly);
    SqliteStatement st(db, QStringLiteral("SELECT d.code, count(*) FROM districts d JOIN customers c ON "
                                          "c.district_uuid = d.uuid GROUP BY d.code ORDER BY d.code"));
    while (st.step() && *held < customers) {
        districts << st.text(0);
        *held += st.int64(1);
    }
    return districts;
}

void printPhases(const QList<QPair<QString, double>>& phases) {
    for (const auto& [name, seconds] : phases)
        std::printf("    %-28s %7.3f s\n", name.toUtf8().constData(), seconds);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() == 3 && args.first() == QLatin1String("--checkin")) {
        CheckinOptions checkin;
        checkin.checkedInBy = QStringLiteral("bench");
        QElapsedTimer timer;
        timer.start();
        const double cpu = cpuSeconds();
        const CheckinReport report = CheckinMerger::checkin(args.at(1), args.at(2), checkin);
        std::printf("check-in %s: %.3f s, CPU %.3f s\n",
                    CheckinReport::outcomeName(report.outcome).toUtf8().constData(), secondsSince(timer),
                    cpuSeconds() - cpu);
        printPhases(report.phases);
        return 0;
    }
    if (args.size() >= 3 && args.first() == QLatin1String("--checkout")) {
        long long held = 0;
        CheckoutOptions options;
        options.districtCodes = districtsHolding(
            args.at(1), optionValue(args, QStringLiteral("--package-customers"), 50000), &held);
        options.checkedOutBy = QStringLiteral("bench");
        options.assignee = QStringLiteral("S005");
        const double cpu = cpuSeconds();
        const CheckoutResult out = PackageWriter::checkout(args.at(1), args.at(2), options);
        std::printf("check-out: %lld rows in %.3f s = %.0f rows/s, CPU %.3f s\n", out.rows, out.seconds,
                    static_cast<double>(out.rows) / out.seconds, cpuSeconds() - cpu);
        printPhases(out.phases);
        return 0;
    }
    if (args.isEmpty() || args.first().startsWith(QLatin1Char('-'))) {
        std::fprintf(stderr, "usage: recheck_sync_bench CACHE_DIR [--customers N] [--package-customers M] "
                             "[--changes K] [--status-changes S] [--snapshot]\n");
        return 64;
    }
    const QDir cache(args.first());
    QDir().mkpath(cache.absolutePath());
    const int customers = optionValue(args, QStringLiteral("--customers"), 1000000);
    const int packageCustomers = optionValue(args, QStringLiteral("--package-customers"), 50000);
    const int changes = optionValue(args, QStringLiteral("--changes"), 5000);
    const int statusChanges = optionValue(args, QStringLiteral("--status-changes"), 20000);

    Summary summary;
    try {
        // 1. The cached master.
        const QString cached = cache.absoluteFilePath(QStringLiteral("master-%1.sqlite").arg(customers));
        if (!QFileInfo::exists(cached)) {
            DemoCountyOptions options;
            options.customers = customers;
            options.districts = std::max(1, customers / 1000);
            options.seed = 2026;
            std::printf("generating a %d-customer master (once) …\n", customers);
            std::fflush(stdout);
            const DemoCountySummary summary = DemoCountyGenerator(options).generate(cached);
            std::printf("  %.1f s, %d districts\n", summary.seconds, summary.districts);
        }
        const QString master = cache.absoluteFilePath(QStringLiteral("work-master.sqlite"));
        const QString package = cache.absoluteFilePath(QStringLiteral("work-package.sqlite"));
        removeDatabase(master);
        removeDatabase(package);
        removeDatabase(package + QStringLiteral(".partial"));
        QElapsedTimer timer;
        timer.start();
        if (!QFile::copy(cached, master))
            throw RecheckError("cannot copy the cached master");
        QFile::setPermissions(master, QFile::ReadOwner | QFile::WriteOwner);
        Archive::upgrade(master); // a cache written by an older build
        std::printf("master: %d customers, %.0f MB (copied in %.1f s)\n", customers,
                    static_cast<double>(QFileInfo(master).size()) / 1e6, secondsSince(timer));

        // 2. Check-out.
        long long scopeCustomers = 0;
        const QStringList districts = districtsHolding(master, packageCustomers, &scopeCustomers);
        CheckoutOptions options;
        options.districtCodes = districts;
        options.checkedOutBy = QStringLiteral("bench");
        options.assignee = QStringLiteral("S005");
        double cpu = cpuSeconds();
        const CheckoutResult out = PackageWriter::checkout(master, package, options);
        cpu = cpuSeconds() - cpu;
        std::printf("\ncheck-out: %d districts, %lld customers, %lld synced rows in %.2f s = %.0f rows/s "
                    "(goal >= 50000); CPU %.2f s = %.0f rows/s\n",
                    static_cast<int>(districts.size()), scopeCustomers, out.rows, out.seconds,
                    static_cast<double>(out.rows) / out.seconds, cpu, static_cast<double>(out.rows) / cpu);
        for (const auto& [table, rows] : out.rowsPerTable)
            std::printf("  %-16s %lld\n", table.toUtf8().constData(), rows);
        printPhases(out.phases);
        {
            // Reference: SQLite alone copying the same customers.
            const QString scratch = cache.absoluteFilePath(QStringLiteral("work-reference.sqlite"));
            removeDatabase(scratch);
            SqliteDatabase db(scratch, SqliteDatabase::Mode::Create);
            db.exec(QStringLiteral("PRAGMA synchronous = OFF; PRAGMA journal_mode = MEMORY"));
            SqliteStatement attach(db, QStringLiteral("ATTACH DATABASE ? AS m"));
            attach.bind(1, package);
            attach.step();
            QElapsedTimer reference;
            reference.start();
            db.exec(QStringLiteral("CREATE TABLE copy AS SELECT * FROM m.customers WHERE 0; BEGIN; "
                                   "INSERT INTO copy SELECT * FROM m.customers; COMMIT"));
            const double seconds = secondsSince(reference);
            const double referenceRate = static_cast<double>(scopeCustomers) / seconds;
            std::printf("  reference: bare INSERT … SELECT of the %lld customers: %.3f s = %.0f rows/s; the "
                        "check-out runs at %.2fx that rate (it also writes the base, the indexes, the search "
                        "index and the R*Trees)\n",
                        scopeCustomers, seconds, referenceRate,
                        static_cast<double>(out.rows) / out.seconds / referenceRate);
            summary.checkoutRate = static_cast<double>(out.rows) / out.seconds;
            db.exec(QStringLiteral("DETACH DATABASE m"));
            removeDatabase(scratch);
        }

        // 3. Check-in of `changes` changed rows while the office edited too.
        const int visits = changes / 10, scope = changes / 10;
        const int edited = changes - visits - scope;
        editPackage(package, edited, visits, scope, 0);
        {
            SqliteDatabase db(master, SqliteDatabase::Mode::ReadWrite);
            SqliteStatement attach(db, QStringLiteral("ATTACH DATABASE ? AS p"));
            attach.bind(1, package);
            attach.step();
            db.exec(QStringLiteral(
                "BEGIN; "
                "UPDATE customers SET name = name || '·' WHERE uuid IN (SELECT uuid FROM p.customers "
                "ORDER BY fid LIMIT 400 OFFSET 100); "
                "UPDATE customers SET phone = '0000' WHERE uuid IN (SELECT uuid FROM p.customers "
                "ORDER BY fid LIMIT 100); COMMIT; DETACH DATABASE p"));
        }
        long long pending = 0;
        {
            Archive p = Archive::open(package, Archive::Access::ReadOnly);
            pending = static_cast<long long>(PackageChangeReader(p.db()).read().rows.size());
        }
        {
            SqliteDatabase db(master, SqliteDatabase::Mode::ReadOnly);
            timer.restart();
            db.scalar(QStringLiteral("PRAGMA quick_check"));
            std::printf("\nmaster quick_check alone: %.2f s\n", secondsSince(timer));
        }
        // What the master's check costs: the check-in up to the merge, then
        // cancelled (which leaves the master as it was), per kind of check.
        const auto untilMerge = [&](bool check, MasterCheckScope scope) {
            CheckinOptions options;
            options.checkedInBy = QStringLiteral("bench");
            options.checkMaster = check;
            options.masterCheck = scope;
            options.progress = [](double fraction) { return fraction < 0.5; };
            timer.restart();
            const CheckinReport cancelled = CheckinMerger::checkin(master, package, options);
            if (cancelled.outcome != CheckinReport::Outcome::Cancelled)
                throw RecheckError("the check-in was not cancelled before the merge");
            return secondsSince(timer);
        };
        const double withoutCheck = untilMerge(false, MasterCheckScope::Touched);
        const double touchedCheck = untilMerge(true, MasterCheckScope::Touched);
        const double writtenCheck = untilMerge(true, MasterCheckScope::WrittenTables);
        const double fullCheck = untilMerge(true, MasterCheckScope::WholeFile);
        std::printf("check-in up to the merge: no master check %.2f s; default (touched pages) %.2f s "
                    "(+%.2f s); quick_check of the tables it writes %.2f s (+%.2f s); of the whole master "
                    "%.2f s (+%.2f s)\n",
                    withoutCheck, touchedCheck, touchedCheck - withoutCheck, writtenCheck,
                    writtenCheck - withoutCheck, fullCheck, fullCheck - withoutCheck);

        if (args.contains(QStringLiteral("--snapshot"))) {
            for (const auto& [from, to] : {std::pair{master, QStringLiteral("snapshot-master.sqlite")},
                                           std::pair{package, QStringLiteral("snapshot-package.sqlite")}}) {
                removeDatabase(cache.absoluteFilePath(to));
                if (!QFile::copy(from, cache.absoluteFilePath(to)))
                    throw RecheckError("cannot copy the snapshot");
            }
        }
        CheckinOptions checkin;
        checkin.checkedInBy = QStringLiteral("bench");
        timer.restart();
        cpu = cpuSeconds();
        CheckinReport report = CheckinMerger::checkin(master, package, checkin);
        const double checkinSeconds = secondsSince(timer);
        cpu = cpuSeconds() - cpu;
        std::printf(
            "check-in of %lld changed rows: %.2f s with the default master check (touched pages; goal "
            "< 1 s); CPU %.2f s (four threads)\n"
            "  outcome %s: applied %d, merged %d, unchanged %d, conflicts %d, decided %d, refused %d\n",
            pending, checkinSeconds, cpu, CheckinReport::outcomeName(report.outcome).toUtf8().constData(),
            static_cast<int>(report.applied.size()), static_cast<int>(report.merged.size()),
            static_cast<int>(report.unchanged.size()), static_cast<int>(report.conflicts.size()),
            static_cast<int>(report.decided.size()), static_cast<int>(report.refused.size()));
        printPhases(report.phases);
        summary.checkinSeconds = checkinSeconds;
        summary.tablesCheckExtra = writtenCheck - touchedCheck;
        for (const CheckinItem& item : report.refused.mid(0, 3))
            std::printf("  refused: %s\n", item.detail.toUtf8().constData());
        timer.restart();
        report = CheckinMerger::checkin(master, package, checkin);
        std::printf("repeat check-in (ledger no-op, with the master check): %.2f s, repeat=%d\n",
                    secondsSince(timer), report.repeat ? 1 : 0);

        // 4. Status with `statusChanges` pending changes.
        editPackage(package, statusChanges - changes, 0, 0, edited);
        timer.restart();
        cpu = cpuSeconds();
        Archive p = Archive::open(package, Archive::Access::ReadOnly);
        const ChangeSet set = PackageChangeReader(p.db()).read();
        const double readSeconds = secondsSince(timer);
        const QString text = set.toText();
        const double textSeconds = secondsSince(timer);
        cpu = cpuSeconds() - cpu;
        std::printf(
            "\nstatus: %d pending changes read in %.3f s, listed in %.3f s (goal < 0.5 s); CPU %.3f s\n",
            static_cast<int>(set.rows.size()), readSeconds, textSeconds, cpu);
        std::printf("  (listing is %d kB)\n", static_cast<int>(text.toUtf8().size() / 1024));
        summary.statusSeconds = textSeconds;

        std::printf("\nsummary, as ratios to the goals (rates: higher is better; times: lower is better)\n"
                    "  check-out %8.0f rows/s  %.2fx the goal of 50 000 rows/s\n"
                    "  check-in  %8.2f s       %.2fx the goal of 1 s (a quick_check of the tables it "
                    "writes would add %.2f s)\n"
                    "  status    %8.3f s       %.2fx the goal of 0.5 s\n",
                    summary.checkoutRate, summary.checkoutRate / 50000.0, summary.checkinSeconds,
                    summary.checkinSeconds / 1.0, summary.tablesCheckExtra, summary.statusSeconds,
                    summary.statusSeconds / 0.5);
    } catch (const RecheckError& e) {
        std::fprintf(stderr, "recheck_sync_bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
