// recheck_pg_master_bench: check-out and check-in against a PostgreSQL master
// partitioned by county, and the same against a SpatiaLite master of the same
// size for comparison (issue #12's goal: 10 000 000 customers in 50 counties,
// check-out of one district and check-in of 5 000 changes while 4 other
// clients check in, each < 2 s).
//
//   recheck_pg_master_bench SERVER [--customers N] [--counties K]
//                           [--district-size S] [--changes C] [--clients P]
//                           [--cache DIR] [--keep] [--template NAME]
//                           [--spatialite-customers N] [--postgresql-only]
//                           [--generate-only] [--in-place] [--county-offset N]
//                           [--threads]
//
// SERVER: a libpq connection string without dbname, for a user who may
// create databases (e.g. the test server's: `tests/pg/pg-test-server.sh
// start build/test-pg` writes it to build/test-pg/conninfo, dbname at the
// end: leave that off). The benchmark creates its own database and drops it
// afterwards (unless --keep). --template NAME: the generated master is
// kept as database NAME and later runs with the same NAME copy it (CREATE
// DATABASE … TEMPLATE) instead of generating it again; give each size its
// own NAME. --generate-only: make that master and stop. --in-place: run on
// that master itself instead of a copy (a 10 000 000-customer master is
// 13 GB), leaving it changed. --postgresql-only:
// leave out the SpatiaLite comparison (while tuning the PostgreSQL side).
// --county-offset N: check out from county N+1 and check in to counties
// N+2 …, so that a later --in-place run works on customers no earlier run
// has changed. RECHECK_BENCH_PAUSE=S pauses S seconds after the progress
// lines on stderr, for a profiler to start.
//
// 1. PostgreSQL: a master of N customers (default 500 000; the goal is
//    10 000 000) in K counties (default 50), districts of S customers (default
//    1 000), one task per district with every customer in its scope,
//    generated in the server with generate_series.
//    SpatiaLite: the demo county generator's master of the same N and number
//    of districts, counties assigned round-robin, cached in --cache.
// 2. Check-out of one district from each.
// 3. P packages (default 5), each of one county holding C changed customers
//    (default 5 000: phone and address): one checked in alone, then P checked
//    in at the same time (PostgreSQL: P client processes, one connection
//    each, or threads of this process with --threads; SpatiaLite: one after the other, a file has one
//    writer). Wall time of each and the retries PostgreSQL needed.
// Figures, and PostgreSQL/SpatiaLite ratios measured in this same run.

#include "archive/Archive.h"
#include "archive/DemoCountyGenerator.h"
#include "common/BatchProcess.h"
#include "common/Sqlite.h"
#include "master/PgConnection.h"
#include "master/PgMasterStore.h"
#include "master/PgMasterSync.h"
#include "master/SpatiaLiteMasterStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QUuid>

#include <cstdio>
#include <future>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

using namespace recheck;

namespace {

double secondsSince(const QElapsedTimer& timer) {
    return static_cast<double>(timer.nsecsElapsed()) / 1e9;
}

int optionValue(const QStringList& args, const QString& name, int fallback) {
    const int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1).toInt() : fallback;
}

QString optionText(const QStringList& args, const QString& name, const QString& fallback) {
    const int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
}

QString countyName(int k) {
    return QStringLiteral("县%1").arg(k, 2, 10, QLatin1Char('0'));
}

struct Size {
    int customers = 500000;
    int counties = 50;
    int districtSize = 1000;
    int districtsPerCounty() const { return std::max(1, customers / (counties * districtSize)); }
    int districts() const { return districtsPerCounty() * counties; }
};

// The PostgreSQL master, generated in the server.
void generatePg(PgMasterStore& store, const Size& size) {
    PgConnection& pg = store.connection();
    QStringList counties;
    for (int k = 1; k <= size.counties; ++k)
        counties << countyName(k);
    store.addCounties(counties);
    PgTransaction tx(pg);
    // Rows as loaded, not edits: no stamping, nothing in change_log, and
    // no trigger at all (replica mode: the rows are consistent by
    // construction, so the foreign keys' per-row checks are skipped too).
    pg.exec(QStringLiteral("SET LOCAL recheck.capture = 'off'"));
    pg.exec(QStringLiteral("SET LOCAL session_replication_role = replica"));
    // The big tables' secondary indexes are built after their rows (sorted
    // once instead of millions of inserts into them); keys stay.
    QStringList rebuild;
    {
        const PgResult indexes = pg.query(QStringLiteral(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('customers', 'task_scope') "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint)"));
        for (int r = 0; r < indexes.rows(); ++r) {
            pg.exec(QStringLiteral("DROP INDEX %1").arg(indexes.text(r, 0)));
            // pg_indexes shows a partitioned table's index as CREATE INDEX
            // … ON ONLY table: run as such it builds an invalid index on
            // the parent alone and none on the partitions.
            rebuild << indexes.text(r, 1).replace(QStringLiteral(" ON ONLY "), QStringLiteral(" ON "));
        }
    }
    pg.query(QStringLiteral("INSERT INTO feeders (code, name, voltage_level) "
                            "SELECT 'F' || k, '馈线' || k, 'AC10KV' FROM generate_series(1, $1) k"),
             {size.counties});
    pg.query(QStringLiteral(
        "INSERT INTO staff (code, name) SELECT 'S' || s, '员工' || s FROM generate_series(1, 5) s"));
    // Districts on a grid of 0.02° cells, a county a row of them.
    pg.query(
        QStringLiteral("INSERT INTO districts (code, name, county, feeder_uuid, geom) "
                       "SELECT format('TQ%s-%s', lpad(k::text, 2, '0'), lpad(d::text, 4, '0')), format('台区 "
                       "%s-%s', k, d), "
                       "  '县' || lpad(k::text, 2, '0'), (SELECT uuid FROM feeders WHERE code = 'F' || k), "
                       "  ST_Multi(ST_MakeEnvelope(113 + d * 0.02, 34 + k * 0.02, 113.019 + d * 0.02, 34.019 "
                       "+ k * 0.02, "
                       "4490)) "
                       "FROM generate_series(1, $1) k, generate_series(1, $2) d"),
        {size.counties, size.districtsPerCounty()});
    pg.exec(QStringLiteral("CREATE TEMPORARY TABLE bench_districts ON COMMIT DROP AS "
                           "SELECT row_number() OVER (ORDER BY code) - 1 AS n, uuid, county, feeder_uuid, "
                           "ST_XMin(geom) AS x, ST_YMin(geom) AS y FROM districts"));
    pg.query(
        QStringLiteral(
            "INSERT INTO customers (county, account_no, name, address, phone, usage_category, voltage_level, "
            "  contracted_capacity, monthly_kwh, meter_asset_no, district_uuid, feeder_uuid, status, geom) "
            "SELECT d.county, lpad(i::text, 10, '0'), '用户' || i, '幸福路 ' || (i % 997) || ' 号', "
            "  '138' || lpad((i % 100000000)::text, 8, '0'), 'RES', 'AC220V', 8, i % 400, 'M' || i, d.uuid, "
            "  d.feeder_uuid, 'active', "
            "  ST_SetSRID(ST_MakePoint(d.x + (i % 97) * 0.0002, d.y + (i % 89) * 0.0002), 4490) "
            "FROM generate_series(0, $1 - 1) i JOIN bench_districts d ON d.n = i % $2"),
        {size.customers, size.districts()});
    pg.exec(
        QStringLiteral("INSERT INTO tasks (district_uuid, status, period_key, planned_start, planned_end) "
                       "SELECT uuid, 'issued', '2026-11', '2026-11-01', '2026-11-30' FROM districts"));
    pg.exec(QStringLiteral(
        "INSERT INTO task_scope (county, task_uuid, customer_uuid, route_order) "
        "SELECT c.county, t.uuid, c.uuid, row_number() OVER (PARTITION BY t.uuid ORDER BY c.fid) "
        "FROM customers c JOIN tasks t ON t.district_uuid = c.district_uuid"));
    for (const QString& index : rebuild)
        pg.exec(index);
    if (const int invalid =
            pg.scalar(QStringLiteral("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).toInt())
        throw RecheckError(QStringLiteral("generated master: %1 invalid index(es) after the rebuild")
                               .arg(invalid)
                               .toStdString(),
                           RecheckError::Kind::Database);
    tx.commit();
    // VACUUM too, as after any bulk load: otherwise autovacuum sets the
    // visibility maps of 10 000 000 fresh rows during the first timed runs
    // (minutes of two busy workers beside the check-ins).
    pg.exec(QStringLiteral("VACUUM (ANALYZE)"));
}

// The SpatiaLite master of the same size (cached: the generator takes a
// while at millions of customers).
QString spatialiteMaster(const QString& cacheDir, const Size& size) {
    QDir().mkpath(cacheDir);
    const QString path = QDir(cacheDir).filePath(QStringLiteral("pg-bench-master-%1-%2-%3.sqlite")
                                                     .arg(size.customers)
                                                     .arg(size.districts())
                                                     .arg(size.counties));
    if (!QFileInfo::exists(path)) {
        DemoCountyOptions options;
        options.customers = size.customers;
        options.districts = size.districts();
        options.seed = 12;
        const QString partial = path + QStringLiteral(".generating");
        QFile::remove(partial);
        DemoCountyGenerator(options).generate(partial);
        {
            SqliteDatabase db(partial, SqliteDatabase::Mode::ReadWrite);
            db.exec(QStringLiteral("UPDATE districts SET county = '县' || printf('%02d', (fid - 1) % %1 + 1)")
                        .arg(size.counties));
        }
        QFile::rename(partial, path);
    }
    return path;
}

struct Timed {
    double seconds = 0;
    int attempts = 1;
    QString outcome;
    QList<QPair<QString, double>> phases;
    double serverCpu = 0; ///< the check-in's PostgreSQL backend, user + system
    double clientCpu = 0; ///< the client process (process mode), user + system
};

// CPU seconds (user + system) this process has used so far.
double processCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// CPU seconds (user + system) process `pid` has used so far, from
// /proc/PID/stat (the server runs on this machine: its backends are
// processes we may read); 0 when unreadable.
double cpuSecondsOf(qint64 pid) {
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    // Fields after the command name (which may hold spaces) in parentheses.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    return static_cast<double>(fields[11].toLongLong() + fields[12].toLongLong()) /
           static_cast<double>(sysconf(_SC_CLK_TCK));
}

// One client's check-in into the PostgreSQL master: its own connection
// (made inside the timed span, as a client starting a check-in makes it).
Timed pgCheckin(const QString& conninfo, const QString& package, const CheckinOptions& options) {
    Timed t;
    QElapsedTimer clock;
    clock.start();
    PgMasterStore own(conninfo);
    PgMasterSync sync(own);
    const qint64 backend = own.connection().scalar(QStringLiteral("SELECT pg_backend_pid()")).toLongLong();
    const double backendBefore = cpuSecondsOf(backend);
    const CheckinReport report = sync.checkin(package, options);
    t.serverCpu = cpuSecondsOf(backend) - backendBefore;
    t.outcome = CheckinReport::outcomeName(report.outcome);
    t.phases = report.phases;
    t.attempts = sync.lastAttempts();
    t.seconds = secondsSince(clock);
    return t;
}

// `recheck_pg_master_bench --checkin-client CONNINFO PACKAGE`: one client
// process. It starts, waits for a line on stdin (so that all clients begin
// together, their start-up done), checks the package in and prints its
// figures, one per line, for the parent (readClientFigures).
int runCheckinClient(const QString& conninfo, const QString& package) {
    std::printf("ready\n");
    std::fflush(stdout);
    char go[8];
    if (!std::fgets(go, sizeof go, stdin))
        return 2;
    CheckinOptions options;
    options.checkedInBy = QStringLiteral("bench");
    const double cpuBefore = processCpuSeconds();
    const Timed t = pgCheckin(conninfo, package, options);
    std::printf("seconds\t%.6f\nclient_cpu\t%.6f\nserver_cpu\t%.6f\nattempts\t%d\noutcome\t%s\n", t.seconds,
                processCpuSeconds() - cpuBefore, t.serverCpu, t.attempts, qPrintable(t.outcome));
    for (const auto& [phase, seconds] : t.phases)
        std::printf("phase\t%s\t%.6f\n", phase.toUtf8().constData(), seconds);
    return 0;
}

Timed readClientFigures(const QByteArray& output) {
    Timed t;
    for (const QByteArray& line : output.split('\n')) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() == 2 && f[0] == "seconds")
            t.seconds = f[1].toDouble();
        else if (f.size() == 2 && f[0] == "client_cpu")
            t.clientCpu = f[1].toDouble();
        else if (f.size() == 2 && f[0] == "server_cpu")
            t.serverCpu = f[1].toDouble();
        else if (f.size() == 2 && f[0] == "attempts")
            t.attempts = f[1].toInt();
        else if (f.size() == 2 && f[0] == "outcome")
            t.outcome = QString::fromUtf8(f[1]);
        else if (f.size() == 3 && f[0] == "phase")
            t.phases.append({QString::fromUtf8(f[1]), f[2].toDouble()});
    }
    return t;
}

// Check-ins of `packages`, each by its own client process, all begun at
// once (the way office clients check in: one process each, sharing only
// the server).
std::vector<Timed> pgCheckinProcesses(const QString& conninfo, const std::vector<QString>& packages) {
    std::vector<std::unique_ptr<QProcess>> clients;
    for (const QString& package : packages) {
        auto process = std::make_unique<QProcess>();
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->start(QCoreApplication::applicationFilePath(),
                       {QStringLiteral("--checkin-client"), conninfo, package});
        if (!process->waitForStarted(30000))
            throw RecheckError(QStringLiteral("cannot start a check-in client: %1")
                                   .arg(process->errorString())
                                   .toStdString());
        clients.push_back(std::move(process));
    }
    // Every client's start-up (libraries, Qt) done before the signal: on
    // two cores five start-ups can outlast a fixed grace period and would
    // then run inside the timed span.
    for (auto& client : clients) {
        while (!client->canReadLine())
            if (!client->waitForReadyRead(30000))
                throw RecheckError(QStringLiteral("a check-in client did not start (%1)")
                                       .arg(client->errorString())
                                       .toStdString());
        if (client->readLine().trimmed() != "ready")
            throw RecheckError("a check-in client did not start");
    }
    for (auto& client : clients) {
        client->write("go\n");
        client->waitForBytesWritten();
    }
    std::vector<Timed> figures;
    for (auto& client : clients) {
        if (!client->waitForFinished(600000) || client->exitCode() != 0)
            throw RecheckError(QStringLiteral("a check-in client failed (exit code %1)")
                                   .arg(client->exitCode())
                                   .toStdString());
        figures.push_back(readClientFigures(client->readAllStandardOutput()));
    }
    return figures;
}

// A package of county `county` with about `changes` customers edited.
QString preparePackage(MasterStore& store, const QStringList& districts, const QString& path, int changes) {
    CheckoutOptions options;
    options.districtCodes = districts;
    options.checkedOutBy = QStringLiteral("bench");
    store.checkout(path, options);
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadWrite);
    db.exec(QStringLiteral(
                "UPDATE customers SET phone = '139' || substr(account_no, -8), address = address || ' 复核' "
                "WHERE fid IN (SELECT fid FROM customers ORDER BY fid LIMIT %1)")
                .arg(changes));
    return path;
}

// District codes of `county` holding at least `customers` customers.
QStringList districtsFor(SqliteDatabase* spatialite, PgConnection* pg, const QString& county, int customers) {
    QStringList codes;
    qlonglong held = 0;
    if (pg) {
        const PgResult rows = pg->query(
            QStringLiteral("SELECT d.code, (SELECT count(*) FROM customers c WHERE c.county = d.county AND "
                           "c.district_uuid = d.uuid) FROM districts d WHERE d.county = $1 ORDER BY d.code"),
            {county});
        for (int r = 0; r < rows.rows() && held < customers; ++r) {
            codes << rows.text(r, 0);
            held += rows.text(r, 1).toLongLong();
        }
    } else {
        SqliteStatement rows(
            *spatialite,
            QStringLiteral("SELECT d.code, (SELECT count(*) FROM customers c WHERE c.district_uuid = "
                           "d.uuid) FROM districts d WHERE d.county = ? ORDER BY d.code"));
        rows.bind(1, county);
        while (held < customers && rows.step()) {
            codes << rows.text(0);
            held += rows.int64(1);
        }
    }
    return codes;
}

struct BackendFigures {
    double checkoutSeconds = 0;
    qint64 checkoutRows = 0;
    QList<QPair<QString, double>> checkoutPhases;
    Timed alone;
    double aloneClientCpu = 0;
    std::vector<Timed> together;
    double togetherWall = 0;
    double togetherClientCpu = 0;
    double worst() const {
        double w = 0;
        for (const Timed& t : together)
            w = std::max(w, t.seconds);
        return w;
    }
};

void printFigures(const char* name, const BackendFigures& f) {
    std::printf("%s\n", name);
    std::printf("  check-out of one district: %.3f s (%lld rows, %.0f rows/s)\n", f.checkoutSeconds,
                static_cast<long long>(f.checkoutRows),
                f.checkoutSeconds > 0 ? f.checkoutRows / f.checkoutSeconds : 0);
    for (const auto& [phase, seconds] : f.checkoutPhases)
        std::printf("    %-48s %.3f s\n", qPrintable(phase), seconds);
    std::printf("  check-in alone: %.3f s (%s); CPU: this process %.3f s, PostgreSQL backend %.3f s\n",
                f.alone.seconds, qPrintable(f.alone.outcome), f.aloneClientCpu, f.alone.serverCpu);
    for (const auto& [phase, seconds] : f.alone.phases)
        std::printf("    %-48s %.3f s\n", qPrintable(phase), seconds);
    double serverCpu = 0;
    for (std::size_t i = 0; i < f.together.size(); ++i) {
        std::printf("  check-in %zu of %zu at once: %.3f s (%s, %d attempt(s)); backend CPU %.3f s\n", i + 1,
                    f.together.size(), f.together[i].seconds, qPrintable(f.together[i].outcome),
                    f.together[i].attempts, f.together[i].serverCpu);
        serverCpu += f.together[i].serverCpu;
    }
    std::printf("  all %zu: %.3f s wall, slowest %.3f s; CPU: this process %.3f s, PostgreSQL backends "
                "%.3f s\n",
                f.together.size(), f.togetherWall, f.worst(), f.togetherClientCpu, serverCpu);
    if (!f.together.empty()) {
        // Each phase's mean over the check-ins run at once: where the
        // waiting for CPU (or locks) went.
        std::printf("  phases, mean of the %zu at once:\n", f.together.size());
        for (int p = 0; p < f.together.front().phases.size(); ++p) {
            double sum = 0;
            for (const Timed& t : f.together)
                sum += t.phases.value(p).second;
            std::printf("    %-48s %.3f s\n", qPrintable(f.together.front().phases[p].first),
                        sum / static_cast<double>(f.together.size()));
        }
    }
    QFile load(QStringLiteral("/proc/loadavg"));
    const QByteArray loadAverage =
        load.open(QIODevice::ReadOnly) ? load.readAll().trimmed() : QByteArray("?");
    std::printf("  load average at the end: %s\n", loadAverage.constData());
}

} // namespace

int main(int argc, char** argv) {
    configureBatchProcess();
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() == 3 && args.first() == QLatin1String("--checkin-client")) {
        try {
            return runCheckinClient(args.at(1), args.at(2));
        } catch (const RecheckError& e) {
            std::fprintf(stderr, "recheck_pg_master_bench client: %s\n", e.what());
            return 1;
        }
    }
    if (args.isEmpty() || args.first().startsWith(QLatin1String("--"))) {
        std::fprintf(stderr, "usage: recheck_pg_master_bench SERVER [--customers N] [--counties K] "
                             "[--district-size S] [--changes C] [--clients P] [--cache DIR] [--keep] "
                             "[--template NAME] [--spatialite-customers N] [--postgresql-only] "
                             "[--generate-only] [--in-place] [--county-offset N] [--threads]\n");
        return 64;
    }
    const QString server = args.first();
    Size size;
    size.customers = optionValue(args, QStringLiteral("--customers"), size.customers);
    size.counties = optionValue(args, QStringLiteral("--counties"), size.counties);
    size.districtSize = optionValue(args, QStringLiteral("--district-size"), size.districtSize);
    const int changes = optionValue(args, QStringLiteral("--changes"), 5000);
    const int clients = std::min(optionValue(args, QStringLiteral("--clients"), 5), size.counties - 1);
    const QString cache = optionText(args, QStringLiteral("--cache"),
                                     QDir::temp().filePath(QStringLiteral("recheck-pg-bench-cache")));
    const bool keep = args.contains(QStringLiteral("--keep"));
    const QString templateName = optionText(args, QStringLiteral("--template"), QString());
    // While tuning the PostgreSQL side: the SpatiaLite comparison left out.
    const bool postgresqlOnly = args.contains(QStringLiteral("--postgresql-only"));
    // Only make the --template master (ahead of a later run).
    const bool generateOnly = args.contains(QStringLiteral("--generate-only"));
    // --threads: the PostgreSQL clients as threads of this process.
    const bool threads = args.contains(QStringLiteral("--threads"));
    // --county-offset N: counties N+1 … instead of 1 … (a later --in-place
    // run on customers no earlier run has checked in).
    const int countyOffset = optionValue(args, QStringLiteral("--county-offset"), 0);
    if (countyOffset < 0 || countyOffset + clients + 2 > size.counties) {
        std::fprintf(stderr, "--county-offset: 0 to %d\n", size.counties - clients - 2);
        return 64;
    }
    std::printf(
        "%d customers, %d counties, %d districts of about %d customers; packages of %d changes, %d at once\n",
        size.customers, size.counties, size.districts(), size.districtSize, changes, clients);

    try {
        PgConnection admin(server + QStringLiteral(" dbname=postgres"));
        // The server's settings that move these figures most: its own page
        // cache (128 MB by default, against a 16 GB master) and durability.
        {
            const PgResult settings = admin.query(
                QStringLiteral("SELECT name, setting, unit FROM pg_settings WHERE name IN ('server_version', "
                               "'shared_buffers', "
                               "'fsync', 'synchronous_commit', 'full_page_writes') ORDER BY name"));
            QStringList shown;
            for (int r = 0; r < settings.rows(); ++r) {
                QString value = settings.text(r, 1);
                if (settings.text(r, 0) == QLatin1String("shared_buffers"))
                    value = QStringLiteral("%1 MB").arg(value.toLongLong() * 8 / 1024); // in 8 kB pages
                shown << QStringLiteral("%1 %2").arg(settings.text(r, 0), value);
            }
            std::printf("server: %s\n", qPrintable(shown.join(QStringLiteral(", "))));
        }
        // --in-place: the run works on the --template master itself (no copy:
        // a 10 000 000-customer master takes 13 GB and minutes to copy); it
        // is left changed and kept.
        const bool inPlace = args.contains(QStringLiteral("--in-place")) && !templateName.isEmpty();
        const QString database =
            inPlace
                ? templateName
                : QStringLiteral("recheck_bench_%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
        QElapsedTimer timer;
        timer.start();
        bool generate = true;
        if (!templateName.isEmpty()) {
            // A master generated by an earlier run (same size: the caller's
            // business) is copied instead of generated again.
            if (admin
                    .scalar(QStringLiteral("SELECT count(*) FROM pg_database WHERE datname = $1"),
                            {templateName})
                    .toInt() == 0) {
                admin.exec(QStringLiteral("CREATE DATABASE %1").arg(templateName));
                PgMasterStore templateStore(server + QStringLiteral(" dbname=") + templateName);
                templateStore.createSchema({});
                generatePg(templateStore, size);
                std::printf("PostgreSQL master generated in %.1f s (kept as %s)\n", secondsSince(timer),
                            qPrintable(templateName));
                timer.restart();
            }
            if (generateOnly)
                return 0;
            if (inPlace) {
                std::printf("PostgreSQL master %s used in place (and left changed)\n",
                            qPrintable(templateName));
            } else {
                admin.exec(QStringLiteral("CREATE DATABASE %1 TEMPLATE %2").arg(database, templateName));
                std::printf("PostgreSQL master copied from %s in %.1f s\n", qPrintable(templateName),
                            secondsSince(timer));
            }
            generate = false;
        } else {
            admin.exec(QStringLiteral("CREATE DATABASE %1").arg(database));
        }
        const QString conninfo = server + QStringLiteral(" dbname=") + database;
        struct Drop {
            PgConnection& admin;
            QString database;
            bool keep;
            ~Drop() {
                if (keep) {
                    std::printf("kept database %s\n", qPrintable(database));
                    return;
                }
                try {
                    admin.exec(QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(database));
                } catch (...) {
                }
            }
        } drop{admin, database, keep || inPlace};

        PgMasterStore pgStore(conninfo);
        if (generate) {
            pgStore.createSchema({});
            generatePg(pgStore, size);
            std::printf("PostgreSQL master generated in %.1f s\n", secondsSince(timer));
        }
        timer.restart();
        // The SpatiaLite master may be smaller (--spatialite-customers): one
        // file of 10 000 000 customers takes the generator most of an hour.
        Size liteSize = size;
        liteSize.customers = optionValue(args, QStringLiteral("--spatialite-customers"), size.customers);
        const QString spatialitePath = spatialiteMaster(cache, liteSize);
        if (liteSize.customers != size.customers)
            std::printf("SpatiaLite master of %d customers (not %d)\n", liteSize.customers, size.customers);
        std::printf("SpatiaLite master ready in %.1f s (%s)\n", secondsSince(timer),
                    qPrintable(spatialitePath));
        QTemporaryDir work(QDir(cache).filePath(QStringLiteral("run-XXXXXX")));
        QFile::copy(spatialitePath, work.filePath(QStringLiteral("master.sqlite")));
        QFile::setPermissions(work.filePath(QStringLiteral("master.sqlite")),
                              QFile::ReadOwner | QFile::WriteOwner);
        SpatiaLiteMasterStore liteStore(work.filePath(QStringLiteral("master.sqlite")));
        SqliteDatabase liteDb(liteStore.location(), SqliteDatabase::Mode::ReadOnly);

        BackendFigures pgFigures, liteFigures;
        for (int backend = 0; backend < (postgresqlOnly ? 1 : 2); ++backend) {
            const bool isPg = backend == 0;
            MasterStore& store = isPg ? static_cast<MasterStore&>(pgStore) : liteStore;
            BackendFigures& figures = isPg ? pgFigures : liteFigures;
            const QString prefix = work.filePath(isPg ? QStringLiteral("pg-") : QStringLiteral("lite-"));
            PgConnection* pg = isPg ? &pgStore.connection() : nullptr;
            // 2. One district.
            const QString one = districtsFor(&liteDb, pg, countyName(1 + countyOffset), 1).value(0);
            CheckoutOptions options;
            options.districtCodes = QStringList{one};
            options.checkedOutBy = QStringLiteral("bench");
            timer.restart();
            const CheckoutResult out = store.checkout(prefix + QStringLiteral("one.sqlite"), options);
            figures.checkoutSeconds = secondsSince(timer);
            figures.checkoutRows = out.rows;
            figures.checkoutPhases = out.phases;

            // 3. Packages of counties 2, 3 …: one alone, then `clients` at once.
            std::vector<QString> packages;
            for (int p = 0; p <= clients; ++p) {
                const QString county = countyName(2 + countyOffset + p);
                packages.push_back(preparePackage(store, districtsFor(&liteDb, pg, county, changes),
                                                  prefix + QStringLiteral("county-%1.sqlite").arg(p),
                                                  changes));
            }
            CheckinOptions checkin;
            checkin.checkedInBy = QStringLiteral("bench");
            const auto run = [&](const QString& package) {
                if (isPg)
                    return pgCheckin(conninfo, package, checkin);
                Timed t;
                QElapsedTimer clock;
                clock.start();
                const CheckinReport report = liteStore.checkin(package, checkin);
                t.outcome = CheckinReport::outcomeName(report.outcome);
                t.phases = report.phases;
                t.seconds = secondsSince(clock);
                return t;
            };
            // PostgreSQL's clients are processes of their own (as office
            // clients are), unless --threads: then threads of this one, which
            // share its allocator and SQLite's process-wide mutexes.
            const bool processes = isPg && !threads;
            const auto clientCpuOf = [](const std::vector<Timed>& runs) {
                double sum = 0;
                for (const Timed& t : runs)
                    sum += t.clientCpu;
                return sum;
            };
            // Progress on stderr (a profiler attached to this process can
            // start and stop on these lines).
            std::fprintf(stderr, "%s: check-in alone\n", isPg ? "PostgreSQL" : "SpatiaLite");
            // RECHECK_BENCH_PAUSE=S: S seconds for the profiler to start.
            if (const int pause = qEnvironmentVariableIntValue("RECHECK_BENCH_PAUSE"); pause > 0)
                ::sleep(static_cast<unsigned>(pause));
            double cpu = processCpuSeconds();
            if (processes) {
                const std::vector<Timed> alone = pgCheckinProcesses(conninfo, {packages[0]});
                figures.alone = alone.front();
                figures.aloneClientCpu = clientCpuOf(alone);
            } else {
                figures.alone = run(packages[0]);
                figures.aloneClientCpu = processCpuSeconds() - cpu;
            }
            std::fprintf(stderr, "%s: %d check-ins at once\n", isPg ? "PostgreSQL" : "SpatiaLite", clients);
            if (const int pause = qEnvironmentVariableIntValue("RECHECK_BENCH_PAUSE"); pause > 0)
                ::sleep(static_cast<unsigned>(pause));
            cpu = processCpuSeconds();
            timer.restart();
            if (processes) {
                figures.together = pgCheckinProcesses(
                    conninfo, std::vector<QString>(packages.begin() + 1, packages.begin() + 1 + clients));
            } else if (isPg) {
                std::vector<std::future<Timed>> running;
                for (int p = 1; p <= clients; ++p)
                    running.push_back(
                        std::async(std::launch::async, run, packages[static_cast<std::size_t>(p)]));
                for (auto& r : running)
                    figures.together.push_back(r.get());
            } else {
                for (int p = 1; p <= clients; ++p)
                    figures.together.push_back(run(packages[static_cast<std::size_t>(p)]));
            }
            figures.togetherWall = secondsSince(timer);
            figures.togetherClientCpu = processes ? clientCpuOf(figures.together) : processCpuSeconds() - cpu;
            std::fprintf(stderr, "%s: done\n", isPg ? "PostgreSQL" : "SpatiaLite");
        }
        printFigures("PostgreSQL master (partitioned by county):", pgFigures);
        if (!postgresqlOnly) {
            printFigures("SpatiaLite master (one file):", liteFigures);
            std::printf(
                "ratios PostgreSQL / SpatiaLite: check-out %.2f, check-in alone %.2f, %d check-ins %.2f "
                "(wall)\n",
                pgFigures.checkoutSeconds / liteFigures.checkoutSeconds,
                pgFigures.alone.seconds / liteFigures.alone.seconds, clients,
                pgFigures.togetherWall / liteFigures.togetherWall);
        }
        std::printf(
            "goal (#12, at 10 000 000 customers): each check-in of %d at once < 2 s: %s (slowest %.3f s)\n",
            clients, pgFigures.worst() < 2.0 ? "met" : "not met", pgFigures.worst());
    } catch (const RecheckError& e) {
        std::fprintf(stderr, "recheck_pg_master_bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
