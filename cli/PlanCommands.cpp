// Verbs about plans and their progress: plan generate, progress.

#include "CliCommand.h"
#include "MasterArgument.h"

#include "archive/Archive.h"
#include "planning/PlanGenerator.h"
#include "planning/ProgressReport.h"
#include "sync/PackageWriter.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace recheck::cli {

namespace {

using namespace recheck::planning;

// Reads a --from/--to date; an unset option gives an invalid date and true.
bool readDate(const QCommandLineParser& parser, const QString& option, QDate& date) {
    if (!parser.isSet(option))
        return true;
    date = parseIsoDate(parser.value(option));
    return date.isValid() && parser.value(option).size() == 10;
}

class PlanCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::PlanCommand)

public:
    QString name() const override { return QStringLiteral("plan"); }
    QString summary() const override {
        return tr("plan generate: create the re-check tasks due in a period (idempotent)");
    }
    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(summary());
        parser.addPositionalArgument(QStringLiteral("generate"), tr("the action (only generate for now)"));
        parser.addPositionalArgument(QStringLiteral("ARCHIVE"),
                                     tr("the master: a file, postgresql://… or authcfg=ID"));
        parser.addOption({QStringLiteral("from"), tr("first day of the period"), tr("YYYY-MM-DD")});
        parser.addOption({QStringLiteral("to"), tr("last day of the period"), tr("YYYY-MM-DD")});
        parser.addOption({QStringLiteral("dry-run"), tr("report what would be created, write nothing")});
        parser.addOption(
            {QStringLiteral("spread"), tr("write the proposed spread for members over capacity")});
        parser.addOption({QStringLiteral("by"), tr("who generates (default: login name)"), tr("NAME")});
        parser.addOption({QStringLiteral("json"), tr("machine-readable report")});
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), args, io, status))
            return status;
        const QStringList positional = parser.positionalArguments();
        if (positional.size() != 2 || positional.first() != QLatin1String("generate")) {
            io.err << verbHelpText(parser, name());
            return ExitUsage;
        }
        GenerationOptions options;
        if (!parser.isSet(QStringLiteral("from")) || !parser.isSet(QStringLiteral("to")) ||
            !readDate(parser, QStringLiteral("from"), options.from) ||
            !readDate(parser, QStringLiteral("to"), options.to) || options.to < options.from) {
            io.err << tr("recheck plan generate: give --from and --to as YYYY-MM-DD, --from not after --to")
                   << '\n';
            return ExitUsage;
        }
        options.dryRun = parser.isSet(QStringLiteral("dry-run"));
        options.applySpread = parser.isSet(QStringLiteral("spread"));
        options.user = parser.isSet(QStringLiteral("by")) ? parser.value(QStringLiteral("by"))
                                                          : PackageWriter::loginName();
        const GenerationReport report = openMasterArgument(positional.at(1))->generatePlan(options);
        if (parser.isSet(QStringLiteral("json")))
            io.out << QJsonDocument(toJson(report, options)).toJson(QJsonDocument::Indented);
        else
            printText(report, options, io);
        return ExitOk;
    }

private:
    static QJsonObject toJson(const GenerationReport& report, const GenerationOptions& options) {
        QJsonArray created;
        for (const GeneratedTask& t : report.created)
            created.append(QJsonObject{{QStringLiteral("uuid"), t.uuid},
                                       {QStringLiteral("plan"), t.planCode},
                                       {QStringLiteral("period_key"), t.periodKey},
                                       {QStringLiteral("district"), t.districtCode},
                                       {QStringLiteral("assignee"), t.assigneeCode},
                                       {QStringLiteral("priority"), t.urgent ? "urgent" : "normal"},
                                       {QStringLiteral("planned_start"), isoDate(t.plannedStart)},
                                       {QStringLiteral("planned_end"), isoDate(t.plannedEnd)},
                                       {QStringLiteral("scope"), t.scopeSize}});
        QJsonArray warnings;
        for (const CapacityWarning& w : report.capacityWarnings) {
            QJsonArray spread;
            for (const CapacityWarning::Proposal& p : w.proposedSpread)
                spread.append(QJsonObject{{QStringLiteral("district"), p.districtCode},
                                          {QStringLiteral("start"), isoDate(p.start)},
                                          {QStringLiteral("end"), isoDate(p.end)}});
            warnings.append(QJsonObject{{QStringLiteral("assignee"), w.assigneeCode},
                                        {QStringLiteral("name"), w.assigneeName},
                                        {QStringLiteral("capacity_per_day"), w.capacityPerDay},
                                        {QStringLiteral("peak_customers_per_day"), w.peakCustomersPerDay},
                                        {QStringLiteral("peak_day"), isoDate(w.peakDay)},
                                        {QStringLiteral("days_over_capacity"), w.daysOverCapacity},
                                        {QStringLiteral("proposed_spread"), spread},
                                        {QStringLiteral("spread_applied"), w.spreadApplied}});
        }
        return QJsonObject{{QStringLiteral("from"), isoDate(options.from)},
                           {QStringLiteral("to"), isoDate(options.to)},
                           {QStringLiteral("dry_run"), options.dryRun},
                           {QStringLiteral("created"), created},
                           {QStringLiteral("already_present"), report.alreadyPresent},
                           {QStringLiteral("capacity_warnings"), warnings},
                           {QStringLiteral("notes"), QJsonArray::fromStringList(report.notes)}};
    }

    static void printText(const GenerationReport& report, const GenerationOptions& options, CliIo& io) {
        const int count = static_cast<int>(report.created.size());
        io.out << (options.dryRun ? tr("Would create %n task(s) for %1 … %2", nullptr, count)
                                  : tr("Created %n task(s) for %1 … %2", nullptr, count))
                      .arg(isoDate(options.from), isoDate(options.to))
               << '\n';
        for (const GeneratedTask& t : report.created)
            io.out << QStringLiteral("  %1 %2 %3 %4 %5…%6 %7\n")
                          .arg(t.planCode, t.periodKey, t.districtCode.leftJustified(10),
                               (t.assigneeCode.isEmpty() ? QStringLiteral("-") : t.assigneeCode)
                                   .leftJustified(8),
                               isoDate(t.plannedStart), isoDate(t.plannedEnd))
                          .arg(t.scopeSize);
        io.out << tr("Already present (left alone): %1").arg(report.alreadyPresent) << '\n';
        for (const CapacityWarning& w : report.capacityWarnings) {
            io.out << tr("Warning: %1 (%2) is over capacity: %3 customers per day on %4 against %5, "
                         "%6 working day(s) over")
                          .arg(w.assigneeCode, w.assigneeName)
                          .arg(w.peakCustomersPerDay, 0, 'f', 1)
                          .arg(isoDate(w.peakDay))
                          .arg(w.capacityPerDay)
                          .arg(w.daysOverCapacity)
                   << '\n';
            io.out << (w.spreadApplied ? tr("  spread written:")
                                       : tr("  proposed spread (use --spread to write it):"))
                   << '\n';
            for (const CapacityWarning::Proposal& p : w.proposedSpread)
                io.out << QStringLiteral("    %1 %2…%3\n")
                              .arg(p.districtCode.leftJustified(10), isoDate(p.start), isoDate(p.end));
        }
        for (const QString& note : report.notes)
            io.out << tr("Note: %1").arg(note) << '\n';
    }
};
RECHECK_REGISTER_COMMAND(PlanCommand);

class ProgressCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::ProgressCommand)

public:
    QString name() const override { return QStringLiteral("progress"); }
    QString summary() const override {
        return tr(
            "progress by district, member or period: checked share, GPS proof, discrepancies, on-time rate");
    }
    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(summary());
        parser.addPositionalArgument(QStringLiteral("ARCHIVE"),
                                     tr("the archive or master: a file, postgresql://… or authcfg=ID"));
        parser.addOption({QStringLiteral("by"), tr("district, member or period"), tr("GROUPING")});
        parser.addOption({QStringLiteral("period"), tr("week, month (default) or quarter"), tr("UNIT")});
        parser.addOption({QStringLiteral("from"), tr("tasks due from this day"), tr("YYYY-MM-DD")});
        parser.addOption({QStringLiteral("to"), tr("tasks due up to this day"), tr("YYYY-MM-DD")});
        parser.addOption(
            {QStringLiteral("today"), tr("the day overdue is judged on (default: today)"), tr("YYYY-MM-DD")});
        parser.addOption({QStringLiteral("json"), tr("machine-readable output")});
        parser.addOption({QStringLiteral("csv"), tr("CSV output")});
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), args, io, status, 1))
            return status;
        const QString by = parser.value(QStringLiteral("by"));
        ProgressGrouping grouping = ProgressGrouping::District;
        if (by == QLatin1String("district"))
            grouping = ProgressGrouping::District;
        else if (by == QLatin1String("member"))
            grouping = ProgressGrouping::Member;
        else if (by == QLatin1String("period"))
            grouping = ProgressGrouping::Period;
        else
            return usage(io, tr("--by must be district, member or period"));
        PeriodUnit unit = PeriodUnit::Month;
        if (parser.isSet(QStringLiteral("period")) &&
            !parsePeriodUnit(parser.value(QStringLiteral("period")), unit))
            return usage(io, tr("--period must be week, month or quarter"));
        ProgressOptions options;
        if (!readDate(parser, QStringLiteral("from"), options.from) ||
            !readDate(parser, QStringLiteral("to"), options.to) ||
            !readDate(parser, QStringLiteral("today"), options.today))
            return usage(io, tr("dates are YYYY-MM-DD"));
        if (parser.isSet(QStringLiteral("json")) && parser.isSet(QStringLiteral("csv")))
            return usage(io, tr("give --json or --csv, not both"));

        QElapsedTimer clock;
        clock.start();
        const std::vector<TaskProgress> tasks =
            openMasterArgument(parser.positionalArguments().first())->progress(options);
        const std::vector<ProgressGroup> groups = ProgressReport::group(tasks, grouping, unit);
        const qint64 ms = clock.elapsed();

        if (parser.isSet(QStringLiteral("json"))) {
            QJsonArray rows;
            for (const ProgressGroup& g : groups)
                rows.append(QJsonObject{{QStringLiteral("key"), g.key},
                                        {QStringLiteral("label"), g.label},
                                        {QStringLiteral("tasks"), g.tasks},
                                        {QStringLiteral("done"), g.done},
                                        {QStringLiteral("cancelled"), g.cancelled},
                                        {QStringLiteral("overdue"), g.overdue},
                                        {QStringLiteral("scope"), g.scope},
                                        {QStringLiteral("checked"), g.checked},
                                        {QStringLiteral("checked_share"), g.checkedShare()},
                                        {QStringLiteral("visits"), g.visits},
                                        {QStringLiteral("gps_proof_visits"), g.gpsProofVisits},
                                        {QStringLiteral("discrepancies"), g.discrepancies},
                                        {QStringLiteral("due"), g.due},
                                        {QStringLiteral("on_time"), g.onTime},
                                        {QStringLiteral("on_time_rate"), g.onTimeRate()}});
            io.out << QJsonDocument(QJsonObject{{QStringLiteral("by"), by},
                                                {QStringLiteral("groups"), rows},
                                                {QStringLiteral("tasks"), static_cast<int>(tasks.size())},
                                                {QStringLiteral("milliseconds"), ms}})
                          .toJson(QJsonDocument::Indented);
            return ExitOk;
        }
        if (parser.isSet(QStringLiteral("csv"))) {
            io.out << "key,label,tasks,done,cancelled,overdue,scope,checked,checked_share,visits,"
                      "gps_proof_visits,discrepancies,due,on_time,on_time_rate\n";
            for (const ProgressGroup& g : groups)
                io.out << QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9,")
                              .arg(csvField(g.key), csvField(g.label))
                              .arg(g.tasks)
                              .arg(g.done)
                              .arg(g.cancelled)
                              .arg(g.overdue)
                              .arg(g.scope)
                              .arg(g.checked)
                              .arg(g.checkedShare(), 0, 'f', 4)
                       << QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                              .arg(g.visits)
                              .arg(g.gpsProofVisits)
                              .arg(g.discrepancies)
                              .arg(g.due)
                              .arg(g.onTime)
                              .arg(g.onTimeRate(), 0, 'f', 4);
            return ExitOk;
        }
        io.out << tr("%1  tasks done overdue  checked/scope        GPS proof  discrepancies  on time")
                      .arg(tr("group").leftJustified(14))
               << '\n';
        for (const ProgressGroup& g : groups)
            io.out << QStringLiteral("%1 %2 %3 %4  %5 %6  %7 %8  %9\n")
                          .arg((g.key.isEmpty() ? QStringLiteral("-") : g.key).leftJustified(14))
                          .arg(g.tasks, 6)
                          .arg(g.done, 4)
                          .arg(g.overdue, 7)
                          .arg(QStringLiteral("%1/%2").arg(g.checked).arg(g.scope), 14)
                          .arg(QStringLiteral("%1%").arg(100 * g.checkedShare(), 0, 'f', 1), 6)
                          .arg(g.gpsProofVisits, 9)
                          .arg(g.discrepancies, 13)
                          .arg(g.due > 0 ? QStringLiteral("%1/%2 %3%")
                                               .arg(g.onTime)
                                               .arg(g.due)
                                               .arg(100 * g.onTimeRate(), 0, 'f', 1)
                                         : QStringLiteral("-"));
        io.err << tr("%n task(s) in %1 ms", nullptr, static_cast<int>(tasks.size())).arg(ms) << '\n';
        return ExitOk;
    }

private:
    static int usage(CliIo& io, const QString& message) {
        io.err << tr("recheck progress: %1").arg(message) << '\n';
        return ExitUsage;
    }
    static QString csvField(const QString& value) {
        if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) &&
            !value.contains(QLatin1Char('\n')))
            return value;
        QString quoted = value;
        quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        return QLatin1Char('"') + quoted + QLatin1Char('"');
    }
};
RECHECK_REGISTER_COMMAND(ProgressCommand);

} // namespace

} // namespace recheck::cli
