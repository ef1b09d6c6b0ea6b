// recheck: the headless face of core/ (cron jobs, batch work, demo,
// benchmarks). Each verb is a CliCommand in its own file.

#include "CliCommand.h"
#include "MasterArgument.h"
#include "QgisRuntime.h"

#include "common/BatchProcess.h"
#include "common/RecheckError.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <algorithm>
#include <cstdio>

using namespace recheck::cli;

// The translations live in a static library: keep its resource linked.
static void initRecheckResources() {
    Q_INIT_RESOURCE(recheck_i18n);
}

namespace {

void printHelp(QTextStream& out, const std::vector<std::unique_ptr<CliCommand>>& commands) {
    out << QCoreApplication::translate(
               "recheck::cli",
               "Usage: recheck <verb> [options]   (recheck <verb> --help for a verb's options)")
        << "\n\n"
        << QCoreApplication::translate("recheck::cli", "Verbs:") << '\n';
    for (const auto& c : commands)
        out << "  " << c->name().leftJustified(12) << ' ' << c->summary() << '\n';
    out << '\n'
        << QCoreApplication::translate(
               "recheck::cli",
               "Exit status: 0 done, 1 failure, 2 input refused, 3 done with conflicts waiting, "
               "4 nothing applied (invalid rows), 64 bad command line.")
        << '\n';
}

void installTranslator(QCoreApplication& app) {
    // The command line follows LANG (QLocale::system() reads it); the .qm
    // files are compiled in (i18n/CMakeLists.txt).
    auto* translator = new QTranslator(&app);
    if (translator->load(QLocale::system(), QStringLiteral("recheck"), QStringLiteral("_"),
                         QStringLiteral(":/recheck/i18n")))
        app.installTranslator(translator);
}

} // namespace

int main(int argc, char** argv) {
    recheck::configureBatchProcess();
    std::vector<std::unique_ptr<CliCommand>> commands;
    for (const auto& factory : commandRegistry())
        commands.push_back(factory());
    std::sort(commands.begin(), commands.end(),
              [](const auto& a, const auto& b) { return a->name() < b->name(); });

    const QString verb = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    CliCommand* command = nullptr;
    for (const auto& c : commands)
        if (c->name() == verb)
            command = c.get();

    std::unique_ptr<QCoreApplication> app;
    // A QGIS authentication config id as MASTER is resolved through QGIS's
    // authentication manager (MasterArgument.h).
    if (command && (command->needsQgis() || commandLineNamesAuthConfig(argc, argv)))
        app = startQgis(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("recheck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RECHECK_VERSION));
    initRecheckResources();
    installTranslator(*app);

    QTextStream out(stdout);
    QTextStream err(stderr);
    out.setCodec("UTF-8");
    err.setCodec("UTF-8");
    CliIo io{out, err};

    if (verb.isEmpty() || verb == QLatin1String("--help") || verb == QLatin1String("-h") ||
        verb == QLatin1String("help")) {
        printHelp(out, commands);
        return verb.isEmpty() ? ExitUsage : ExitOk;
    }
    if (verb == QLatin1String("--version")) {
        out << "recheck " << RECHECK_VERSION << '\n';
        return ExitOk;
    }
    if (!command) {
        err << QCoreApplication::translate("recheck::cli", "recheck: unknown verb \"%1\"").arg(verb) << '\n';
        printHelp(err, commands);
        return ExitUsage;
    }

    QStringList args;
    for (int i = 2; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    int status = ExitFailure;
    try {
        status = command->run(args, io);
    } catch (const recheck::RecheckError& e) {
        err << "recheck " << verb << ": " << QString::fromUtf8(e.what()) << '\n';
        using Kind = recheck::RecheckError::Kind;
        status = (e.kind() == Kind::NotAnArchive || e.kind() == Kind::NewerSchema ||
                  e.kind() == Kind::OlderSchema || e.kind() == Kind::InvalidInput)
                     ? ExitRefused
                     : ExitFailure;
    } catch (const std::exception& e) {
        err << "recheck " << verb << ": " << QString::fromUtf8(e.what()) << '\n';
        status = ExitFailure;
    }
    out.flush();
    err.flush();
    stopQgis(app);
    return status;
}
