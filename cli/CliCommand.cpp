#include "CliCommand.h"

#include <QCoreApplication>

namespace recheck::cli {

std::vector<CommandFactory>& commandRegistry() {
    static std::vector<CommandFactory> registry;
    return registry;
}

// QCommandLineParser names the program after argv[0] ("./build/bin/recheck");
// a verb's help should show what to type: "recheck checkin".
QString verbHelpText(const QCommandLineParser& parser, const QString& verb) {
    QString text = parser.helpText();
    const QString program = QCoreApplication::arguments().value(0);
    const int at = program.isEmpty() ? -1 : text.indexOf(program);
    if (at >= 0)
        text.replace(at, program.size(), QStringLiteral("recheck ") + verb);
    return text;
}

bool parseVerbArguments(QCommandLineParser& parser, const QString& verb, const QStringList& args, CliIo& io,
                        int& status, int positionals) {
    parser.addHelpOption();
    if (!parser.parse(QStringList{QStringLiteral("recheck ") + verb} + args)) {
        io.err << parser.errorText() << '\n' << verbHelpText(parser, verb);
        status = ExitUsage;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << verbHelpText(parser, verb);
        status = ExitOk;
        return false;
    }
    if (positionals >= 0 && parser.positionalArguments().size() != positionals) {
        io.err << verbHelpText(parser, verb);
        status = ExitUsage;
        return false;
    }
    return true;
}

} // namespace recheck::cli
