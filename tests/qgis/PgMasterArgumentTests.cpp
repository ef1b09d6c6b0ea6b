// `recheck` verbs given a QGIS authentication config id as MASTER (issue
// #12): the CLI resolves it through QgsAuthManager (cli/MasterArgument.cpp)
// into a libpq connection string. Against the PostgreSQL test server of
// tests/pg, with a real authentication database in this test's temporary
// QGIS profile (the child `recheck` finds it through the inherited HOME and
// QGIS_CUSTOM_CONFIG_PATH, its master password through
// QGIS_AUTH_PASSWORD_FILE).

#include "../unit/PgTestSupport.h"
#include "TestSupport.h"

#include "master/PgConnection.h"

#include <qgsapplication.h>
#include <qgsauthconfig.h>
#include <qgsauthmanager.h>
#include <qgsdatasourceuri.h>

#include <QFile>
#include <QProcess>
#include <QUuid>

#include <catch2/catch.hpp>

using namespace recheck;
using recheck::test::PgTestDatabase;
using recheck::test::ScratchDir;

namespace {

const QString kMasterPassword = QStringLiteral("recheck-test-master");

struct Run {
    int status = -1;
    QString out, err;
};

Run recheckCli(const QStringList& args, const QString& passwordFile) {
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QGIS_AUTH_PASSWORD_FILE"), passwordFile);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(RECHECK_BINARY_DIR "/bin/recheck"), args);
    REQUIRE(process.waitForFinished(120000));
    Run run;
    run.status = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace

TEST_CASE("recheck init and progress take a QGIS authentication config id as the PostgreSQL master, never "
          "printing its password",
          "[pg][pgverb]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    // A login of its own, known only to the authentication config: what
    // the CLI creates belongs to it.
    const QString role =
        QStringLiteral("recheck_auth_%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    const QString password = QStringLiteral("pw-%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
    PgConnection admin(database.conninfo());
    admin.exec(QStringLiteral("CREATE ROLE %1 LOGIN SUPERUSER PASSWORD '%2'").arg(role, password));
    struct DropRole {
        PgTestDatabase& database;
        QString role;
        ~DropRole() {
            try {
                PgConnection pg(database.conninfo());
                pg.exec(QStringLiteral("DROP OWNED BY %1").arg(role));
                pg.exec(QStringLiteral("DROP ROLE %1").arg(role));
            } catch (...) {
            }
        }
    } dropRole{database, role};

    QgsAuthManager* auth = QgsApplication::authManager();
    REQUIRE(auth);
    REQUIRE_FALSE(auth->isDisabled());
    auth->setPasswordHelperEnabled(false); // no desktop keychain offscreen
    REQUIRE(auth->setMasterPassword(kMasterPassword, true));
    const QString passwordFile = dir.file(QStringLiteral("master-password"));
    {
        QFile file(passwordFile);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(kMasterPassword.toUtf8() + '\n');
    }
    QFile::setPermissions(passwordFile, QFile::ReadOwner | QFile::WriteOwner);

    const QgsDataSourceUri server(database.conninfo());
    QgsAuthMethodConfig withServer;
    withServer.setName(QStringLiteral("recheck master (server in URL field)"));
    withServer.setMethod(QStringLiteral("Basic"));
    withServer.setUri(
        QStringLiteral("postgresql://%1:%2/%3").arg(server.host(), server.port(), server.database()));
    withServer.setConfig(QStringLiteral("username"), role);
    withServer.setConfig(QStringLiteral("password"), password);
    REQUIRE(auth->storeAuthenticationConfig(withServer));
    QgsAuthMethodConfig loginOnly = withServer;
    loginOnly.setId(QString());
    loginOnly.setName(QStringLiteral("recheck master (login only)"));
    loginOnly.setUri(QString());
    REQUIRE(auth->storeAuthenticationConfig(loginOnly));
    const auto cleanUp = [&] {
        auth->removeAuthenticationConfig(withServer.id());
        auth->removeAuthenticationConfig(loginOnly.id());
    };

    const QString bare = QStringLiteral("authcfg=") + withServer.id();
    const Run init = recheckCli(
        {QStringLiteral("init"), bare, QStringLiteral("--counties"), QStringLiteral("东区")}, passwordFile);
    INFO(init.out.toStdString() << init.err.toStdString());
    CHECK(init.status == 0);
    CHECK(admin.scalar(QStringLiteral("SELECT tableowner FROM pg_tables WHERE tablename = 'customers'"))
              .toString() == role);
    // The default partition and the county's.
    CHECK(admin
              .scalar(QStringLiteral("SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = "
                                     "i.inhparent WHERE c.relname = 'customers'"))
              .toInt() == 2);

    // The login-only config beside host/dbname, in both spellings.
    const QString keyValue = QStringLiteral("host=%1 port=%2 dbname=%3 authcfg=%4")
                                 .arg(server.host(), server.port(), server.database(), loginOnly.id());
    const QString url = QStringLiteral("postgresql://%1:%2/%3?authcfg=%4")
                            .arg(server.host(), server.port(), server.database(), loginOnly.id());
    for (const QString& master : {bare, keyValue, url}) {
        INFO(master.toStdString());
        const Run progress = recheckCli({QStringLiteral("progress"), master, QStringLiteral("--by"),
                                         QStringLiteral("district"), QStringLiteral("--csv")},
                                        passwordFile);
        INFO(progress.err.toStdString());
        CHECK(progress.status == 0);
        CHECK(progress.out.startsWith(QLatin1String("key,label,tasks")));
        CHECK_FALSE(progress.out.contains(password));
        CHECK_FALSE(progress.err.contains(password));
    }
    // A second init names the master (user, host, database) without the
    // password.
    const Run again = recheckCli({QStringLiteral("init"), keyValue}, passwordFile);
    CHECK(again.status == 2);
    CHECK(again.err.contains(role));
    CHECK_FALSE(again.err.contains(password));

    // Refusals say which id and why.
    const Run unknown = recheckCli({QStringLiteral("progress"), QStringLiteral("authcfg=zz99zz9"),
                                    QStringLiteral("--by"), QStringLiteral("district")},
                                   passwordFile);
    CHECK(unknown.status == 2);
    CHECK(unknown.err.contains(QLatin1String("zz99zz9")));
    const Run noServer = recheckCli({QStringLiteral("progress"), QStringLiteral("authcfg=") + loginOnly.id(),
                                     QStringLiteral("--by"), QStringLiteral("district")},
                                    passwordFile);
    CHECK(noServer.status == 2);
    CHECK(noServer.err.contains(QLatin1String("names no PostgreSQL server")));
    const Run locked =
        recheckCli({QStringLiteral("progress"), bare, QStringLiteral("--by"), QStringLiteral("district")},
                   dir.file(QStringLiteral("no-such-file")));
    CHECK(locked.status == 2);
    CHECK(locked.err.contains(withServer.id()));
    CHECK_FALSE(locked.err.contains(password));
    cleanUp();
}
