// The main of the QGIS suite: an isolated, offscreen QGIS around Catch2.

#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "RecheckQgis.h"

#include <qgsapplication.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cstring>

namespace {

// catch_discover_tests runs the binary with --list-test-names-only at build
// time: no QGIS needed (and none wanted) for that.
bool onlyListing(int argc, char** argv) {
    for (int i = 1; i < argc; ++i)
        if (std::strncmp(argv[i], "--list", 6) == 0 || std::strcmp(argv[i], "-l") == 0 ||
            std::strcmp(argv[i], "-h") == 0 || std::strcmp(argv[i], "--help") == 0)
            return true;
    return false;
}

// initQgis writes a profile and settings under $HOME; keep them in the build
// tree, one home per process: ctest runs test cases in parallel, and a case
// that sets and then removes a setting (the staff id) must not pull it from
// under another process's running case. Set here, not through ctest:
// catch_discover_tests' ENVIRONMENT property keeps only its first variable.
QString isolateEnvironment() {
    const QString home =
        QStringLiteral(RECHECK_QGIS_TEST_HOME "/p%1").arg(QCoreApplication::applicationPid());
    const QString runtime = home + QStringLiteral("/runtime");
    QDir().mkpath(home + QStringLiteral("/config"));
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner); // as Qt demands
    qputenv("HOME", home.toLocal8Bit());
    qputenv("QGIS_CUSTOM_CONFIG_PATH", (home + QStringLiteral("/config")).toLocal8Bit());
    qputenv("XDG_RUNTIME_DIR", runtime.toLocal8Bit());
    if (qEnvironmentVariableIsEmpty("RECHECK_TEST_SCRATCH"))
        qputenv("RECHECK_TEST_SCRATCH", RECHECK_TEST_SCRATCH_DIR);
    return home;
}

} // namespace

int main(int argc, char** argv) {
    if (onlyListing(argc, argv))
        return Catch::Session().run(argc, argv);
    const QString home = isolateEnvironment();
    int result = 0;
    {
        std::unique_ptr<QgsApplication> app = recheck::qgis::startHeadlessQgis(argc, argv);
        result = Catch::Session().run(argc, argv);
        QgsApplication::exitQgis();
    }
    QDir(home).removeRecursively();
    return result;
}
