#include "CliCommand.h"

namespace recheck::cli {

std::vector<CommandFactory>& commandRegistry() {
    static std::vector<CommandFactory> registry;
    return registry;
}

bool parseVerbArguments(QCommandLineParser& parser, const QString& verb, const QStringList& args, CliIo& io,
                        int& status, int positionals) {
    parser.addHelpOption();
    if (!parser.parse(QStringList{QStringLiteral("recheck ") + verb} + args)) {
        io.err << parser.errorText() << '\n' << parser.helpText();
        status = ExitUsage;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << parser.helpText();
        status = ExitOk;
        return false;
    }
    if (positionals >= 0 && parser.positionalArguments().size() != positionals) {
        io.err << parser.helpText();
        status = ExitUsage;
        return false;
    }
    return true;
}

} // namespace recheck::cli
