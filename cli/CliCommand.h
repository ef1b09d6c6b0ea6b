#pragma once

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>
#include <vector>

namespace recheck::cli {

/// Exit statuses are part of the interface (scripts and cron rely on them).
enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,     ///< something went wrong while working (I/O, database)
    ExitRefused = 2,     ///< input refused: unreadable, not an archive, damaged
    ExitConflicts = 3,   ///< done, but conflicts wait for a person
    ExitInvalidRows = 4, ///< nothing applied because rows are invalid
    ExitUsage = 64,      ///< bad command line (EX_USAGE)
};

/// Where a command writes: results to out, progress and diagnostics to err.
struct CliIo {
    QTextStream& out;
    QTextStream& err;
};

/// One verb of `recheck`. Each lives in its own file and registers itself
/// with RECHECK_REGISTER_COMMAND, so verbs are added without touching main.
class CliCommand {
public:
    virtual ~CliCommand() = default;
    virtual QString name() const = 0;
    /// One line for `recheck --help`.
    virtual QString summary() const = 0;
    /// Whether the verb needs a running QgsApplication (project writing,
    /// rendering); others start faster without it.
    virtual bool needsQgis() const { return false; }
    /// `args` excludes the program name and the verb. Returns an ExitCode.
    virtual int run(const QStringList& args, CliIo& io) = 0;
};

using CommandFactory = std::function<std::unique_ptr<CliCommand>()>;

/// The registry filled by RECHECK_REGISTER_COMMAND at static-init time.
std::vector<CommandFactory>& commandRegistry();

struct CommandRegistrar {
    explicit CommandRegistrar(CommandFactory factory) { commandRegistry().push_back(std::move(factory)); }
};

#define RECHECK_REGISTER_COMMAND(Class)                                                                      \
    static const ::recheck::cli::CommandRegistrar recheckRegistrar##Class(                                   \
        [] { return std::unique_ptr<::recheck::cli::CliCommand>(new Class()); })

/// Parses a verb's arguments with --help added. Returns false when the verb
/// should stop at once (bad options, or not exactly `positionals` positional
/// arguments when that is ≥ 0: usage printed and `status` = ExitUsage;
/// --help: help printed and `status` = ExitOk).
bool parseVerbArguments(QCommandLineParser& parser, const QString& verb, const QStringList& args, CliIo& io,
                        int& status, int positionals = -1);

/// The parser's help with the usage line naming what to type
/// ("recheck checkin [options] …"), not argv[0].
QString verbHelpText(const QCommandLineParser& parser, const QString& verb);

/// Translatable text outside a command class. lupdate files tr() calls by
/// their enclosing scope: here the namespace, so the context is
/// "recheck::cli". Command classes declare their own tr() with
/// Q_DECLARE_TR_FUNCTIONS(recheck::cli::<Class>), whose context is the
/// class's qualified name, exactly what lupdate records for calls inside it.
inline QString tr(const char* text, const char* disambiguation = nullptr, int n = -1) {
    return QCoreApplication::translate("recheck::cli", text, disambiguation, n);
}

} // namespace recheck::cli
