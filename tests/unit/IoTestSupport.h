#pragma once

// Shared by the Io*Tests: archives with a few districts, source files written
// byte for byte (UTF-8 or GBK), and a digest of everything an archive holds,
// to show that a refused import changed nothing.

#include "TestSupport.h"

#include "archive/Archive.h"
#include "common/Sha256.h"
#include "common/Sqlite.h"

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTextCodec>

namespace recheck::test::io {

/// A master archive (EPSG:4490) with districts T001 (113.0–113.1 E,
/// 23.0–23.1 N) and T002 (113.1–113.2 E) and feeder F01.
inline QString makeArchive(const ScratchDir& dir, const QString& name = QStringLiteral("master.sqlite")) {
    const QString path = dir.file(name);
    Archive::CreateOptions options;
    options.name = QStringLiteral("test county");
    Archive archive = Archive::create(path, options);
    SqliteDatabase& db = archive.db();
    db.exec(QStringLiteral("INSERT INTO feeders (code, name, updated_by) VALUES ('F01', '10kV 一线', 'gis');"
                           "INSERT INTO districts (code, name, updated_by, geom) VALUES "
                           "('T001', '东村台区', 'gis', CastToMulti(GeomFromText('POLYGON((113 23, 113.1 23, "
                           "113.1 23.1, 113 23.1, 113 "
                           "23))', 4490))),"
                           "('T002', '西村台区', 'gis', CastToMulti(GeomFromText('POLYGON((113.1 23, 113.2 "
                           "23, 113.2 23.1, 113.1 23.1, "
                           "113.1 23))', 4490)));"));
    return path;
}

inline void writeBytes(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw std::runtime_error("cannot write test file");
    f.write(bytes);
}

inline QByteArray gbk(const QString& text) {
    return QTextCodec::codecForName("GB18030")->fromUnicode(text);
}

/// SHA-256 over every row of every table (in storage order): equal digests
/// mean the archive's content did not change.
inline QString contentDigest(const QString& path) {
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
    QStringList tables;
    {
        SqliteStatement list(
            db, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
        while (list.step())
            tables << list.text(0);
    }
    Sha256 sha;
    for (const QString& table : tables) {
        sha.addData(table.toUtf8());
        SqliteStatement rows(db, QStringLiteral("SELECT * FROM \"%1\"").arg(table));
        while (rows.step())
            for (int c = 0; c < rows.columnCount(); ++c) {
                sha.addData(rows.isNull(c) ? QByteArray("\x01null") : rows.blob(c));
                sha.addData(QByteArray(1, '\0'));
            }
    }
    return QString::fromLatin1(sha.result().toHex());
}

/// The customers as the MIS sees them (no uuids, times or row versions),
/// one line per customer in account order: compares two archives.
inline QString customerContent(const QString& path) {
    return sqlScalar(
        path, QStringLiteral(
                  "SELECT group_concat(line, char(10)) FROM (SELECT c.account_no || '|' || c.name || '|' || "
                  "ifnull(c.address, '') || '|' || ifnull(c.phone, '') || '|' || "
                  "ifnull(c.usage_category, '') || '|' || ifnull(c.voltage_level, '') || '|' || "
                  "ifnull(c.contracted_capacity, '') || '|' || ifnull(c.monthly_kwh, '') || '|' || "
                  "ifnull(c.meter_asset_no, '') || '|' || ifnull(d.code, '') || '|' || ifnull(f.code, '') "
                  "|| '|' || c.status || '|' || ifnull(c.mis_updated_at, '') || '|' || "
                  "ifnull(printf('%.8f %.8f', X(c.geom), Y(c.geom)), '') AS line "
                  "FROM customers c LEFT JOIN districts d ON d.uuid = c.district_uuid "
                  "LEFT JOIN feeders f ON f.uuid = c.feeder_uuid ORDER BY c.account_no)"));
}

/// Runs ogr2ogr (GDAL's own tool writes the SHP/GPKG inputs).
inline bool ogr2ogr(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral("ogr2ogr"), args);
    return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

/// What the built `recheck` binary did: exit status (-1: crashed or timed
/// out), standard output and error.
struct Run {
    int status = -1;
    QString out, err;
};

/// Runs the built `recheck` with HOME in `dir` and no display, as cron would.
inline Run runRecheck(const QStringList& args, const ScratchDir& dir) {
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), dir.path());
    env.remove(QStringLiteral("DISPLAY"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(RECHECK_BINARY_DIR "/bin/recheck"), args);
    Run run;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.status = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace recheck::test::io
