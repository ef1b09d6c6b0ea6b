// recheck_io_bench [ROWS] [WORK_DIR] [--ours-only]
//
// Generates a MIS customer export (UTF-8 CSV, Chinese headers, ROWS rows,
// default 1 000 000) over a county of 400 districts, then in the same run:
//   1. `ogr2ogr` loads the CSV into a new SpatiaLite database with a point
//      geometry from the coordinate columns (the reference);
//   2. `recheck import` logic (ArchiveImporter) validates every row and
//      writes it into a fresh archive: codes translated, district checked by
//      point-in-polygon, change capture, one transaction.
//   3. the same `ogr2ogr` tuned as a user loading a big file would run it:
//      one transaction (-gt unlimited), no fsync (OGR_SQLITE_SYNCHRONOUS=OFF)
//      and a 64 MB page cache (OGR_SQLITE_CACHE), as our import has.
// Both references write the same file to a new SpatiaLite database with a
// point geometry and its spatial index; ours additionally validates, keeps
// two unique indexes, three plain ones and the search index (FTS5), which it
// builds on a second thread while the rows are inserted.
// Prints wall and CPU time of each (CPU is the steadier figure on a shared
// machine: the load average is printed before and after), the ratios (goal
// <= 1.0) and the peak RSS (goal for ours < 500 MB: rows are streamed). Our
// CPU time counts both threads; the main thread's alone is printed too: with
// a core free for the index build, that is about our wall time.
// --ours-only skips both references (for profiling our import alone).

#include "archive/Archive.h"
#include "io/ArchiveImporter.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTextStream>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <random>

using namespace recheck;

namespace {

constexpr int kGrid = 20; // 20 x 20 districts of 0.01 degrees

void generateCsv(const QString& path, qint64 rows) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw std::runtime_error("cannot write the CSV");
    std::mt19937_64 random(42);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const char* categories[] = {"居民生活用电", "一般工商业用电", "RES", "农业生产用电"};
    const char* voltages[] = {"交流220V", "交流380V", "AC10KV"};
    QByteArray out =
        "户号,户名,用电地址,联系电话,用电类别,电压等级,合同容量,台区编号,电能表资产号,经度,纬度\n";
    char line[512];
    for (qint64 i = 0; i < rows; ++i) {
        const int gx = static_cast<int>(unit(random) * kGrid), gy = static_cast<int>(unit(random) * kGrid);
        const double lon = 113.0 + gx * 0.01 + 0.0005 + unit(random) * 0.009;
        const double lat = 23.0 + gy * 0.01 + 0.0005 + unit(random) * 0.009;
        std::snprintf(
            line, sizeof line,
            "%010lld,用户%lld,某县某镇第%d村%lld号,138%08lld,%s,%s,%d,T%02d%02d,M%012lld,%.7f,%.7f\n",
            static_cast<long long>(1000000000LL + i), static_cast<long long>(i), gx * kGrid + gy,
            static_cast<long long>(i % 500), static_cast<long long>(i % 100000000), categories[i % 4],
            voltages[i % 3], static_cast<int>(4 + i % 60), gx, gy, static_cast<long long>(i), lon, lat);
        out += line;
        if (out.size() > (1 << 20)) {
            file.write(out);
            out.clear();
        }
    }
    file.write(out);
}

QString makeArchive(const QString& path) {
    QFile::remove(path);
    Archive::CreateOptions options;
    Archive archive = Archive::create(path, options);
    SqliteTransaction tx(archive.db());
    SqliteStatement insert(archive.db(),
                           QStringLiteral("INSERT INTO districts (code, name, geom) VALUES (?, ?, "
                                          "CastToMulti(BuildMbr(?, ?, ?, ?, 4490)))"));
    for (int gx = 0; gx < kGrid; ++gx)
        for (int gy = 0; gy < kGrid; ++gy) {
            const QString code =
                QStringLiteral("T%1%2").arg(gx, 2, 10, QLatin1Char('0')).arg(gy, 2, 10, QLatin1Char('0'));
            insert.bind(1, code)
                .bind(2, code)
                .bind(3, 113.0 + gx * 0.01)
                .bind(4, 23.0 + gy * 0.01)
                .bind(5, 113.0 + (gx + 1) * 0.01)
                .bind(6, 23.0 + (gy + 1) * 0.01);
            insert.execute();
        }
    tx.commit();
    return path;
}

struct Measured {
    double seconds = 0;
    double cpuSeconds = 0; // user + system, the child's and its children's

    long peakKb = 0;
    int status = -1;
};

// Runs `work` in a forked child so its peak RSS is its own.
template <typename Work> Measured inChild(Work work) {
    QElapsedTimer timer;
    timer.start();
    const pid_t pid = fork();
    if (pid == 0) {
        int status = 0;
        try {
            work();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "%s\n", e.what());
            status = 1;
        }
        std::fflush(nullptr);
        _exit(status);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    Measured m;
    m.seconds = timer.nsecsElapsed() / 1e9;
    m.peakKb = usage.ru_maxrss;
    m.cpuSeconds = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
                   usage.ru_stime.tv_usec / 1e6;
    m.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return m;
}

QString loadAverage() {
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readLine()).section(QLatin1Char(' '), 0, 2);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const qint64 rows = argc > 1 ? QString::fromLocal8Bit(argv[1]).toLongLong() : 1000000;
    const QString work = argc > 2 ? QString::fromLocal8Bit(argv[2])
                                  : QDir::temp().filePath(QStringLiteral("recheck-io-bench"));
    const bool oursOnly = argc > 3 && QByteArray(argv[3]) == "--ours-only";
    QDir().mkpath(work);
    QTextStream out(stdout);
    const QString csv = QDir(work).filePath(QStringLiteral("customers.csv"));
    QElapsedTimer timer;
    timer.start();
    generateCsv(csv, rows);
    out << "generated " << rows << " rows (" << QFile(csv).size() / (1024 * 1024) << " MB) in "
        << timer.elapsed() / 1000.0 << " s\n"
        << Qt::flush;

    const QString reference = QDir(work).filePath(QStringLiteral("ogr2ogr.sqlite"));
    QFile::remove(reference);
    out << "load average before: " << loadAverage() << "\n" << Qt::flush;
    const QStringList ogrArgs = {QStringLiteral("-f"),
                                 QStringLiteral("SQLite"),
                                 QStringLiteral("-dsco"),
                                 QStringLiteral("SPATIALITE=YES"),
                                 QStringLiteral("-oo"),
                                 QStringLiteral("X_POSSIBLE_NAMES=经度"),
                                 QStringLiteral("-oo"),
                                 QStringLiteral("Y_POSSIBLE_NAMES=纬度"),
                                 QStringLiteral("-a_srs"),
                                 QStringLiteral("EPSG:4490"),
                                 QStringLiteral("-nln"),
                                 QStringLiteral("customers"),
                                 reference,
                                 csv};
    const auto runOgr2ogr = [&](const QStringList& arguments) {
        QFile::remove(reference);
        return inChild([&] {
            QProcess p;
            p.setProcessChannelMode(QProcess::ForwardedChannels);
            p.start(QStringLiteral("ogr2ogr"), arguments);
            if (!p.waitForFinished(-1) || p.exitCode() != 0)
                throw std::runtime_error("ogr2ogr failed");
            // The child's peak is ogr2ogr's (RUSAGE_CHILDREN), reported below.
            rusage usage{};
            getrusage(RUSAGE_CHILDREN, &usage);
            std::printf("ogr2ogr peak RSS %.1f MB\n", usage.ru_maxrss / 1024.0);
        });
    };
    Measured ogr, tuned;
    if (!oursOnly) {
        ogr = runOgr2ogr(ogrArgs);
        out << "ogr2ogr -> SpatiaLite (defaults): " << QString::number(ogr.seconds, 'f', 2) << " s (CPU "
            << QString::number(ogr.cpuSeconds, 'f', 2) << " s)\n"
            << Qt::flush;
        tuned = runOgr2ogr(QStringList{QStringLiteral("-gt"), QStringLiteral("unlimited"),
                                       QStringLiteral("--config"), QStringLiteral("OGR_SQLITE_SYNCHRONOUS"),
                                       QStringLiteral("OFF"), QStringLiteral("--config"),
                                       QStringLiteral("OGR_SQLITE_CACHE"), QStringLiteral("64")} +
                           ogrArgs);
        out << "ogr2ogr -> SpatiaLite (-gt unlimited, synchronous off, 64 MB cache): "
            << QString::number(tuned.seconds, 'f', 2) << " s (CPU "
            << QString::number(tuned.cpuSeconds, 'f', 2) << " s)\n"
            << Qt::flush;
    }

    const QString archivePath = makeArchive(QDir(work).filePath(QStringLiteral("archive.sqlite")));
    const Measured ours = inChild([&] {
        Archive archive = Archive::open(archivePath);
        io::ImportOptions options;
        options.reportBase = QDir(work).filePath(QStringLiteral("report"));
        const io::ImportResult r = io::ArchiveImporter::run(archive, csv, options);
        std::printf("recheck import: %lld inserted, %lld rejected, %lld warnings, applied %d\n",
                    static_cast<long long>(r.inserted), static_cast<long long>(r.rejected),
                    static_cast<long long>(r.warnings), r.applied ? 1 : 0);
        if (!r.applied)
            throw std::runtime_error("import not applied");
        rusage thread{};
        getrusage(RUSAGE_THREAD, &thread);
        std::printf("recheck import: main thread CPU %.2f s\n",
                    thread.ru_utime.tv_sec + thread.ru_utime.tv_usec / 1e6 + thread.ru_stime.tv_sec +
                        thread.ru_stime.tv_usec / 1e6);
    });
    out << "recheck import: " << QString::number(ours.seconds, 'f', 2) << " s (CPU "
        << QString::number(ours.cpuSeconds, 'f', 2) << " s), peak RSS "
        << QString::number(ours.peakKb / 1024.0, 'f', 1) << " MB (goal < 500 MB)\n";
    out << "load average after: " << loadAverage() << "\n";
    if (oursOnly)
        return ours.status;
    const auto ratio = [](double a, double b) { return QString::number(a / b, 'f', 2); };
    out << "ratio recheck / ogr2ogr (defaults): wall " << ratio(ours.seconds, ogr.seconds) << ", CPU "
        << ratio(ours.cpuSeconds, ogr.cpuSeconds) << " (goal <= 1.0)\n";
    out << "ratio recheck / ogr2ogr (tuned): wall " << ratio(ours.seconds, tuned.seconds) << ", CPU "
        << ratio(ours.cpuSeconds, tuned.cpuSeconds) << "\n";
    return ours.status == 0 && ogr.status == 0 && tuned.status == 0 ? 0 : 1;
}
