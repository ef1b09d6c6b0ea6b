// recheck_search_bench: customer search (core/search) at county scale.
//
//   recheck_search_bench CACHE_DIR [--customers N] [--reps R] [--rebuild]
//
// 1. A demo county of N customers (default 1 000 000), generated once and
//    cached in CACHE_DIR (the generator builds the search index at the end).
// 2. With --rebuild: the index dropped, created and filled again, timed
//    (what the migration costs an existing archive; also brings a cached
//    archive to this build's index). Then the index's size on disk.
// 3. Per kind of query (values sampled from the archive): the median and
//    worst of R runs of ArchiveSearch::find (limit 20, ranked) — goal about
//    50 ms — against a plain LIKE '%q%' scan over the same five columns,
//    stopping at 20 rows (unranked), in the same run: the ratio is LIKE / index.

#include "archive/DemoCountyGenerator.h"
#include "common/Sqlite.h"
#include "search/ArchiveSearch.h"
#include "search/SearchIndex.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace recheck;

namespace {

int optionValue(const QStringList& args, const QString& name, int fallback) {
    const int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1].toInt() : fallback;
}

double millisecondsSince(const QElapsedTimer& timer) {
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

struct Timing {
    double median = 0;
    double worst = 0;
    std::size_t rows = 0;
};

template <typename Fn> Timing timeRuns(int reps, Fn&& run) {
    std::vector<double> ms;
    Timing timing;
    for (int i = 0; i < reps; ++i) {
        QElapsedTimer timer;
        timer.start();
        timing.rows = run();
        ms.push_back(millisecondsSince(timer));
    }
    std::sort(ms.begin(), ms.end());
    timing.median = ms[ms.size() / 2];
    timing.worst = ms.back();
    return timing;
}

// CPU seconds of this process so far (user + system): on a shared machine
// the steadier figure beside wall time.
double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

QString sample(SqliteDatabase& db, const QString& sql) {
    return db.scalar(sql).toString();
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2 || args[1].startsWith(QLatin1Char('-'))) {
        std::fprintf(stderr,
                     "usage: recheck_search_bench CACHE_DIR [--customers N] [--reps R] [--rebuild]\n");
        return 64;
    }
    const int customers = optionValue(args, QStringLiteral("--customers"), 1000000);
    const int reps = std::max(1, optionValue(args, QStringLiteral("--reps"), 15));
    QDir().mkpath(args[1]);
    const QString path = QDir(args[1]).filePath(QStringLiteral("search-master-%1.sqlite").arg(customers));

    if (!QFileInfo::exists(path)) {
        DemoCountyOptions options;
        options.customers = customers;
        options.districts = std::max(1, customers / 1000);
        options.seed = 2026;
        std::printf("generating a demo county of %d customers into %s …\n", customers, qPrintable(path));
        std::fflush(stdout);
        const double cpuBefore = cpuSeconds();
        const DemoCountySummary summary = DemoCountyGenerator(options).generate(path);
        std::printf("generated in %.1f s wall, %.1f s CPU (search index included): %.0f customers/s\n",
                    summary.seconds, cpuSeconds() - cpuBefore, customers / summary.seconds);
    }

    SqliteDatabase db(path, SqliteDatabase::Mode::ReadWrite);
    std::printf("archive: %s, %lld customers, %lld districts\n", qPrintable(path),
                db.scalar(QStringLiteral("SELECT count(*) FROM customers")).toLongLong(),
                db.scalar(QStringLiteral("SELECT count(*) FROM districts")).toLongLong());
    if (args.contains(QStringLiteral("--rebuild"))) {
        // What the migration does to an existing archive: create and fill.
        // Kept (committed), so a cached archive gets this build's index.
        QElapsedTimer timer;
        timer.start();
        const double cpuBefore = cpuSeconds();
        db.exec(QStringLiteral("BEGIN"));
        for (const QString& trigger : SearchIndex::triggerNames())
            db.exec(QStringLiteral("DROP TRIGGER IF EXISTS %1").arg(trigger));
        db.exec(QStringLiteral(
            "DROP TABLE IF EXISTS customer_search; DROP TABLE IF EXISTS customer_search_short"));
        for (const QString& sql : SearchIndex::createStatements())
            db.exec(sql);
        SearchIndex::rebuild(db);
        db.exec(QStringLiteral("COMMIT"));
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        std::printf("index created and filled (the migration's cost on an existing archive): %.1f s wall, "
                    "%.1f s CPU, peak RSS %.0f MB\n",
                    millisecondsSince(timer) / 1000.0, cpuSeconds() - cpuBefore, usage.ru_maxrss / 1024.0);
    }
    const double fileMb = QFileInfo(path).size() / 1048576.0;
    const double indexMb = db.scalar(QStringLiteral("SELECT sum(pgsize) FROM dbstat WHERE name "
                                                    "LIKE 'customer\\_search%' ESCAPE '\\'"))
                               .toDouble() /
                           1048576.0;
    std::printf("index size: %.1f MB of a %.1f MB file (%.0f%%)\n\n", indexMb, fileMb,
                100.0 * indexMb / fileMb);

    // Queries as field staff type them, sampled from the archive itself.
    struct Query {
        const char* kind;
        QString text;
    };
    const QString mid =
        QStringLiteral("(SELECT fid FROM customers LIMIT 1 OFFSET (SELECT count(*) / 2 FROM customers))");
    const QString address =
        sample(db, QStringLiteral("SELECT address FROM customers WHERE fid = %1").arg(mid));
    const QString name = sample(db, QStringLiteral("SELECT name FROM customers WHERE fid = %1").arg(mid));
    const std::vector<Query> queries = {
        {"account number, exact",
         sample(db, QStringLiteral("SELECT account_no FROM customers WHERE fid = %1").arg(mid))},
        {"account number, first 6",
         sample(db,
                QStringLiteral("SELECT substr(account_no, 1, 6) FROM customers WHERE fid = %1").arg(mid))},
        {"phone, exact", sample(db, QStringLiteral("SELECT phone FROM customers WHERE fid = %1").arg(mid))},
        {"phone, last 8 digits",
         sample(db, QStringLiteral("SELECT substr(phone, -8) FROM customers WHERE fid = %1").arg(mid))},
        {"meter number, exact",
         sample(db, QStringLiteral("SELECT meter_asset_no FROM customers WHERE fid = %1").arg(mid))},
        {"meter number, last 6 digits",
         sample(db,
                QStringLiteral("SELECT substr(meter_asset_no, -6) FROM customers WHERE fid = %1").arg(mid))},
        {"full name", name},
        {"surname (1 character)", name.left(1)},
        {"commonest surname (1 char)",
         sample(db, QStringLiteral("SELECT substr(name, 1, 1) AS s FROM customers GROUP BY s "
                                   "ORDER BY count(*) DESC LIMIT 1"))},
        {"1 character in every address", address.mid(2, 1)},
        {"1 digit", QStringLiteral("7")},
        {"given name (2 characters)", name.right(2)},
        {"street, 2 characters", address.mid(6, 2)},
        {"street + number", address.mid(6).left(address.indexOf(QStringLiteral("号")) - 5)},
        {"county + town (every row)", address.left(6)},
        {"name and street", name + QLatin1Char(' ') + address.mid(6, 2)},
        {"district name fragment",
         sample(db, QStringLiteral("SELECT substr(name, 1, 3) FROM districts LIMIT 1 OFFSET 7"))},
        {"no match", QStringLiteral("不存在的名字")},
    };

    ArchiveSearch search(db);
    SqliteStatement like(
        db, QStringLiteral("SELECT fid FROM customers WHERE account_no LIKE ?1 OR name LIKE ?1 OR "
                           "address LIKE ?1 OR phone LIKE ?1 OR meter_asset_no LIKE ?1 LIMIT 20"));
    std::printf("%-30s %-26s %9s %9s %5s %10s %5s %7s\n", "query kind", "query", "index ms", "worst", "hits",
                "LIKE ms", "hits", "ratio");
    double worstOverall = 0;
    std::vector<double> ratios;
    for (const Query& q : queries) {
        const Timing indexed = timeRuns(reps, [&] { return search.find(q.text).size(); });
        const Timing scan = timeRuns(std::max(1, reps / 5), [&] {
            like.reset();
            like.bind(1, QStringLiteral("%") + q.text + QStringLiteral("%"));
            std::size_t n = 0;
            while (like.step())
                ++n;
            like.reset();
            return n;
        });
        worstOverall = std::max(worstOverall, indexed.worst);
        ratios.push_back(scan.median / std::max(indexed.median, 1e-3));
        std::printf("%-30s %-26s %9.2f %9.2f %5zu %10.1f %5zu %6.0fx\n", q.kind, qPrintable(q.text.left(12)),
                    indexed.median, indexed.worst, indexed.rows, scan.median, scan.rows, ratios.back());
    }
    std::sort(ratios.begin(), ratios.end());
    std::printf("\nworst single search: %.1f ms (goal ~50 ms); median ratio LIKE/index: %.0fx\n",
                worstOverall, ratios[ratios.size() / 2]);
    return 0;
}
