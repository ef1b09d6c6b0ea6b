#pragma once

// The PostgreSQL test server of the [pg] tests: under ctest the fixture of
// tests/pg starts one; run by hand, start it with
// `tests/pg/pg-test-server.sh start BUILD/test-pg` or point RECHECK_TEST_PG
// at any server (key=value connection string, a user allowed to create
// databases). With no server named at all the [pg] tests warn and pass (a
// hand run of the unit tests); a named server that cannot be reached fails
// them, so a fixture whose server died cannot turn them into empty passes.

#include "common/RecheckError.h"
#include "master/PgConnection.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QString>
#include <QThread>
#include <QUuid>

#include <memory>

namespace recheck::test {

// The server's connection string, or empty with the reason in `why`.
inline QString testServer(QString& why) {
    QString conninfo = qEnvironmentVariable("RECHECK_TEST_PG");
    if (conninfo.isEmpty()) {
        QFile file(QStringLiteral(RECHECK_BINARY_DIR "/test-pg/conninfo"));
        if (!file.open(QIODevice::ReadOnly)) {
            why = QStringLiteral(
                      "no PostgreSQL test server (neither RECHECK_TEST_PG nor %1); run the [pg] tests "
                      "under ctest, or start one with tests/pg/pg-test-server.sh start %2/test-pg")
                      .arg(file.fileName(), QStringLiteral(RECHECK_BINARY_DIR));
            return {};
        }
        conninfo = QString::fromUtf8(file.readAll()).trimmed();
    }
    return conninfo;
}

/// A database of its own for one test (tests run in parallel under ctest),
/// empty (with PostGIS available) or a copy of `templateDatabase` (which
/// must have no open connection), dropped at scope exit.
class PgTestDatabase {
public:
    explicit PgTestDatabase(const QString& templateDatabase = QString()) {
        QString why;
        const QString server = testServer(why);
        if (server.isEmpty()) {
            WARN(why.toStdString());
            return;
        }
        try {
            mAdmin = std::make_unique<PgConnection>(server + QStringLiteral(" dbname=postgres"));
        } catch (const RecheckError& e) {
            FAIL("PostgreSQL test server " << server.toStdString() << " not reachable: " << e.what());
        }
        mName = QStringLiteral("recheck_t_%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(16));
        mAdmin->exec(templateDatabase.isEmpty()
                         ? QStringLiteral("CREATE DATABASE %1").arg(mName)
                         : QStringLiteral("CREATE DATABASE %1 TEMPLATE %2").arg(mName, templateDatabase));
        mConninfo = server + QStringLiteral(" dbname=") + mName;
    }
    ~PgTestDatabase() {
        if (mAdmin && !mName.isEmpty()) {
            try {
                mAdmin->exec(QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(mName));
            } catch (...) {
            }
        }
    }
    PgTestDatabase(const PgTestDatabase&) = delete;
    PgTestDatabase& operator=(const PgTestDatabase&) = delete;

    bool available() const { return !mConninfo.isEmpty(); }
    const QString& name() const { return mName; }
    const QString& conninfo() const { return mConninfo; }

    /// Waits until no connection but ours is on the database (a killed
    /// client's server process ends its transaction first).
    void waitForOtherSessions() {
        for (int i = 0; i < 400; ++i) {
            if (mAdmin
                    ->scalar(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = $1"),
                             {mName})
                    .toInt() == 0)
                return;
            QThread::msleep(25);
        }
        FAIL("a session on " << mName.toStdString() << " did not end");
    }

private:
    std::unique_ptr<PgConnection> mAdmin;
    QString mName;
    QString mConninfo;
};

} // namespace recheck::test
