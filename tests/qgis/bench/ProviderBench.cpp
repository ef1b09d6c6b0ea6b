// recheck_provider_bench ARCHIVE [--customers N] [--plain] [--rounds R]
//
// Times our "customerarchive" provider against QGIS's own "ogr" and
// "spatialite" providers on the same archive: full iteration (all attributes
// and geometries), bbox queries covering ~1% of the customers, fetching 1000
// random feature ids (one request, and one request per id), and featureCount
// with a subset string. Each provider runs in a child process of its own so
// that its peak memory (getrusage) is its own. When ARCHIVE does not exist it
// is generated first and kept for later runs: a demo county (N customers,
// default 1 000 000, N/500 districts, with plans, tasks and visits, so that
// customers.recheck_status has real work to do; ~1-3 min), or with --plain a
// customers-only archive written with plain SQL.
//
// Full iteration is timed twice: all attributes (for our provider including
// the derived recheck_status, which the default style renders by) and the
// stored attributes only.

#include "RecheckQgis.h"

#include "archive/Archive.h"
#include "archive/DemoCountyGenerator.h"
#include "common/Sqlite.h"

#include <qgsapplication.h>
#include <qgsfeatureiterator.h>
#include <qgsvectorlayer.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTextStream>

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <random>

namespace {

QTextStream& out() {
    static QTextStream stream(stdout);
    return stream;
}

// A county-sized archive: 40 districts in an 8×5 grid, customers spread
// over them with the attributes an MIS export carries.
void generateArchive(const QString& path, int customers) {
    QElapsedTimer timer;
    timer.start();
    recheck::Archive::CreateOptions options;
    options.name = QStringLiteral("Benchmark county");
    recheck::Archive archive = recheck::Archive::create(path, options);
    recheck::SqliteDatabase& db = archive.db();
    recheck::SqliteTransaction tx(db);
    constexpr int kColumns = 8, kRows = 5;
    constexpr double kX0 = 113.4, kY0 = 34.5, kCell = 0.06;
    recheck::SqliteStatement district(db,
                                      QStringLiteral("INSERT INTO districts (code, name, geom) VALUES (?, ?, "
                                                     "GeomFromText(?, 4490))"));
    for (int i = 0; i < kColumns * kRows; ++i) {
        const double x = kX0 + (i % kColumns) * kCell, y = kY0 + (i / kColumns) * kCell;
        district.bind(1, QStringLiteral("D%1").arg(i + 1, 3, 10, QLatin1Char('0')))
            .bind(2, QStringLiteral("台区%1").arg(i + 1))
            .bind(3, QStringLiteral("MULTIPOLYGON(((%1 %2, %3 %2, %3 %4, %1 %4, %1 %2)))")
                         .arg(x, 0, 'f', 6)
                         .arg(y, 0, 'f', 6)
                         .arg(x + kCell, 0, 'f', 6)
                         .arg(y + kCell, 0, 'f', 6))
            .execute();
    }
    std::mt19937_64 random(42);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const char* const categories[] = {"RES", "RES", "RES", "RES", "COM", "IND", "AGR", "PUB"};
    const char* const surnames[] = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄"};
    recheck::SqliteStatement customer(
        db, QStringLiteral(
                "INSERT INTO customers (account_no, name, address, phone, usage_category, voltage_level, "
                "contracted_capacity, monthly_kwh, meter_asset_no, district_uuid, status, geom) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT uuid FROM districts WHERE code = ?), "
                "'active', MakePoint(?, ?, 4490))"));
    for (int i = 0; i < customers; ++i) {
        const double u = unit(random), v = unit(random);
        const int column = std::min(kColumns - 1, static_cast<int>(u * kColumns));
        const int row = std::min(kRows - 1, static_cast<int>(v * kRows));
        const int pick = static_cast<int>(unit(random) * 1000);
        customer.bind(1, QStringLiteral("%1").arg(4100000000LL + i))
            .bind(2, QString::fromUtf8(surnames[pick % 8]) + QString::number(i))
            .bind(3, QStringLiteral("幸福路%1号").arg(pick))
            .bind(4, QStringLiteral("138%1").arg(10000000 + i))
            .bind(5, categories[pick % 8])
            .bind(6, pick % 3 ? "AC220V" : "AC380V")
            .bind(7, std::round(unit(random) * 300) / 10.0)
            .bind(8, unit(random) * 800)
            .bind(9, QStringLiteral("M%1").arg(i))
            .bind(10, QStringLiteral("D%1").arg(row * kColumns + column + 1, 3, 10, QLatin1Char('0')))
            .bind(11, kX0 + u * kColumns * kCell)
            .bind(12, kY0 + v * kRows * kCell)
            .execute();
    }
    tx.commit();
    out() << QStringLiteral("generated %1 customers in %2 s\n")
                 .arg(customers)
                 .arg(timer.elapsed() / 1000.0, 0, 'f', 1);
    out().flush();
}

void generateDemoCounty(const QString& path, int customers) {
    recheck::DemoCountyOptions options;
    options.customers = customers;
    options.districts = std::max(1, customers / 500);
    const recheck::DemoCountySummary summary = recheck::DemoCountyGenerator(options).generate(path);
    out() << QStringLiteral("generated a demo county: %1 customers, %2 districts, %3 tasks, %4 visits in %5 s\n")
                 .arg(summary.customers)
                 .arg(summary.districts)
                 .arg(summary.tasks)
                 .arg(summary.visits)
                 .arg(summary.seconds, 0, 'f', 1);
    out().flush();
}

QString uriFor(const QString& provider, const QString& path, const QString& table) {
    if (provider == QLatin1String("spatialite"))
        return QStringLiteral("dbname='%1' table=\"%2\" (geom)").arg(path, table);
    return QStringLiteral("%1|layername=%2").arg(path, table);
}

double bestOf(int repeat, const std::function<void()>& run) {
    double best = 1e300;
    for (int i = 0; i < repeat; ++i) {
        QElapsedTimer timer;
        timer.start();
        run();
        best = std::min(best, timer.nsecsElapsed() / 1e6);
    }
    return best;
}

long long countFeatures(QgsFeatureIterator it) {
    long long n = 0;
    QgsFeature feature;
    while (it.nextFeature(feature)) {
        // Touch what a renderer touches.
        if (feature.hasGeometry() && feature.geometry().constGet()->isEmpty())
            --n;
        ++n;
    }
    return n;
}

// One provider, in this process; prints one JSON line.
int runOne(const QString& provider, const QString& path, int repeat) {
    QJsonObject result;
    result.insert(QStringLiteral("provider"), provider);
    {
        // Process first-time costs (PROJ database, QGIS's first extent) go
        // to a warm-up layer, not to the measured open.
        QgsVectorLayer warmUp(uriFor(provider, path, QStringLiteral("districts")),
                              QStringLiteral("districts"), provider);
        warmUp.extent();
    }
    QElapsedTimer timer;
    timer.start();
    auto layer = std::make_unique<QgsVectorLayer>(uriFor(provider, path, QStringLiteral("customers")),
                                                  QStringLiteral("customers"), provider);
    if (!layer->isValid()) {
        out() << "{\"provider\":\"" << provider << "\",\"error\":\"invalid layer\"}\n";
        return 1;
    }
    const QgsRectangle extent = layer->extent();
    result.insert(QStringLiteral("open_ms"), timer.nsecsElapsed() / 1e6);
    const long long total = layer->featureCount();
    result.insert(QStringLiteral("features"), total);

    long long iterated = 0;
    result.insert(QStringLiteral("full_ms"),
                  bestOf(repeat, [&] { iterated = countFeatures(layer->getFeatures(QgsFeatureRequest())); }));
    result.insert(QStringLiteral("full_count"), iterated);

    // The same without derived fields (only ours has them).
    QgsAttributeList stored;
    for (int i = 0; i < layer->fields().count(); ++i)
        if (layer->fields().at(i).name() != QLatin1String("recheck_status"))
            stored << i;
    result.insert(QStringLiteral("full_stored_ms"), bestOf(repeat, [&] {
                      iterated = countFeatures(
                          layer->getFeatures(QgsFeatureRequest().setSubsetOfAttributes(stored)));
                  }));
    result.insert(QStringLiteral("full_stored_count"), iterated);

    // Ten boxes of 1% of the extent each (10% × 10%), spread over the county.
    long long inBoxes = 0;
    result.insert(QStringLiteral("bbox_ms"),
                  bestOf(repeat, [&] {
                      inBoxes = 0;
                      for (int i = 0; i < 10; ++i) {
                          const double x = extent.xMinimum() + extent.width() * (0.05 + 0.085 * i);
                          const double y = extent.yMinimum() + extent.height() * (0.9 - 0.085 * i);
                          const QgsRectangle box(x, y, x + extent.width() * 0.1, y + extent.height() * 0.1);
                          inBoxes +=
                              countFeatures(layer->getFeatures(QgsFeatureRequest().setFilterRect(box)));
                      }
                  }) / 10.0);
    result.insert(QStringLiteral("bbox_count"), inBoxes / 10.0);

    std::mt19937 random(5);
    std::uniform_int_distribution<long long> anyId(1, std::max<long long>(1, total));
    QgsFeatureIds ids;
    while (ids.size() < std::min<long long>(1000, total))
        ids.insert(anyId(random));
    long long fetched = 0;
    result.insert(QStringLiteral("fids_ms"), bestOf(repeat, [&] {
                      fetched = countFeatures(layer->getFeatures(QgsFeatureRequest(ids)));
                  }));
    result.insert(QStringLiteral("fids_count"), fetched);
    result.insert(QStringLiteral("fid_each_ms"), bestOf(repeat, [&] {
                      fetched = 0;
                      for (const QgsFeatureId id : ids)
                          fetched += countFeatures(layer->getFeatures(QgsFeatureRequest(id)));
                  }));

    long long subsetCount = 0;
    result.insert(QStringLiteral("subset_count_ms"), bestOf(repeat, [&] {
                      // A fresh layer each time: no cached count.
                      QgsVectorLayer subsetLayer(uriFor(provider, path, QStringLiteral("customers")),
                                                 QStringLiteral("subset"), provider);
                      subsetLayer.setSubsetString(QStringLiteral("\"usage_category\" = 'COM'"));
                      subsetCount = subsetLayer.featureCount();
                  }));
    result.insert(QStringLiteral("subset_count"), subsetCount);

    struct rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    result.insert(QStringLiteral("peak_rss_mb"), usage.ru_maxrss / 1024.0);
    layer.reset();
    out() << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    const int onlyAt = args.indexOf(QStringLiteral("--only"));
    if (onlyAt >= 0) { // child: one provider
        auto app = recheck::qgis::startHeadlessQgis(argc, argv);
        const int repeatAt = args.indexOf(QStringLiteral("--repeat"));
        const int code = runOne(args.value(onlyAt + 1), args.value(0),
                                repeatAt >= 0 ? args.value(repeatAt + 1).toInt() : 3);
        QgsApplication::exitQgis();
        return code;
    }
    if (args.isEmpty() || args[0].startsWith(QLatin1String("-"))) {
        std::fprintf(stderr, "usage: recheck_provider_bench ARCHIVE [--customers N] [--plain] [--rounds R]\n");
        return 64;
    }
    QCoreApplication app(argc, argv);
    const QString path = QFileInfo(args[0]).absoluteFilePath();
    const int customersAt = args.indexOf(QStringLiteral("--customers"));
    const int roundsAt = args.indexOf(QStringLiteral("--rounds"));
    const QString repeat = roundsAt >= 0 ? args.value(roundsAt + 1) : QStringLiteral("3");
    if (!QFileInfo::exists(path)) {
        try {
            const int customers = customersAt >= 0 ? args.value(customersAt + 1).toInt() : 1000000;
            if (args.contains(QStringLiteral("--plain")))
                generateArchive(path, customers);
            else
                generateDemoCounty(path, customers);
        } catch (const recheck::RecheckError& e) {
            std::fprintf(stderr, "%s\n", e.what());
            return 1;
        }
    }
    out() << QStringLiteral("archive %1 (%2 MB)\n").arg(path).arg(QFileInfo(path).size() / 1e6, 0, 'f', 1);
    out().flush();

    // Rounds of one child per provider, interleaved, so that load from other
    // processes on the machine falls on all three alike; per measure the best
    // round counts, per provider the highest peak memory.
    const int rounds = std::max(1, repeat.toInt());
    QMap<QString, QJsonObject> results;
    const QStringList providers = {QStringLiteral("customerarchive"), QStringLiteral("ogr"),
                                   QStringLiteral("spatialite")};
    for (int round = 0; round < rounds; ++round) {
        for (const QString& provider : providers) {
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child.start(
                QCoreApplication::applicationFilePath(),
                {path, QStringLiteral("--only"), provider, QStringLiteral("--repeat"), QStringLiteral("1")});
            child.waitForFinished(-1);
            const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
            for (const QByteArray& line : lines) {
                if (!line.startsWith('{'))
                    continue;
                const QJsonObject measured = QJsonDocument::fromJson(line).object();
                if (!results.contains(provider)) {
                    results.insert(provider, measured);
                    continue;
                }
                QJsonObject& best = results[provider];
                for (auto it = measured.constBegin(); it != measured.constEnd(); ++it) {
                    if (it.key().endsWith(QLatin1String("_ms")))
                        best.insert(it.key(),
                                    std::min(best.value(it.key()).toDouble(), it.value().toDouble()));
                    else if (it.key() == QLatin1String("peak_rss_mb"))
                        best.insert(it.key(),
                                    std::max(best.value(it.key()).toDouble(), it.value().toDouble()));
                }
            }
        }
    }

    const QJsonObject ours = results.value(QStringLiteral("customerarchive"));
    const QJsonObject ogr = results.value(QStringLiteral("ogr"));
    const QJsonObject spatialite = results.value(QStringLiteral("spatialite"));
    struct Row {
        const char* key;
        const char* title;
        const char* countKey;
    };
    const Row rows[] = {
        {"open_ms", "open layer + extent (after a warm-up layer)", nullptr},
        {"full_ms", "full iteration, all attributes + geometry", "full_count"},
        {"full_stored_ms", "full iteration, stored attributes + geometry", "full_stored_count"},
        {"bbox_ms", "bbox ~1% of the extent (mean of 10)", "bbox_count"},
        {"fids_ms", "1000 random fids, one request", "fids_count"},
        {"fid_each_ms", "1000 random fids, one request each", nullptr},
        {"subset_count_ms", "featureCount with subset string", "subset_count"},
    };
    auto ratio = [](double a, double b) {
        return b > 0 ? QString::number(a / b, 'f', 2) : QStringLiteral("-");
    };
    out() << QStringLiteral("\n%1 %2 %3 %4 %5 %6  %7\n")
                 .arg(QStringLiteral("measure"), -44)
                 .arg(QStringLiteral("ours ms"), 10)
                 .arg(QStringLiteral("ogr ms"), 10)
                 .arg(QStringLiteral("sl ms"), 10)
                 .arg(QStringLiteral("ours/ogr"), 9)
                 .arg(QStringLiteral("ours/sl"), 8)
                 .arg(QStringLiteral("rows (ours/ogr/sl)"));
    for (const Row& row : rows) {
        const QString key = QString::fromLatin1(row.key);
        const double a = ours.value(key).toDouble(), b = ogr.value(key).toDouble(),
                     c = spatialite.value(key).toDouble();
        QString counts;
        if (row.countKey) {
            const QString countKey = QString::fromLatin1(row.countKey);
            counts = QStringLiteral("%1/%2/%3")
                         .arg(ours.value(countKey).toDouble())
                         .arg(ogr.value(countKey).toDouble())
                         .arg(spatialite.value(countKey).toDouble());
        }
        out() << QStringLiteral("%1 %2 %3 %4 %5 %6  %7\n")
                     .arg(QString::fromLatin1(row.title), -44)
                     .arg(a, 10, 'f', 1)
                     .arg(b, 10, 'f', 1)
                     .arg(c, 10, 'f', 1)
                     .arg(ratio(a, b), 9)
                     .arg(ratio(a, c), 8)
                     .arg(counts);
    }
    out() << QStringLiteral("%1 %2 %3 %4\n")
                 .arg(QStringLiteral("peak RSS MB (own process each)"), -44)
                 .arg(ours.value(QStringLiteral("peak_rss_mb")).toDouble(), 10, 'f', 1)
                 .arg(ogr.value(QStringLiteral("peak_rss_mb")).toDouble(), 10, 'f', 1)
                 .arg(spatialite.value(QStringLiteral("peak_rss_mb")).toDouble(), 10, 'f', 1);
    out() << QStringLiteral("features: %1\n").arg(ours.value(QStringLiteral("features")).toDouble());
    return results.size() == 3 ? 0 : 1;
}
