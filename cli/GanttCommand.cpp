// `recheck gantt`: the Gantt chart of the dock, rendered without a display.

#include "CliCommand.h"

#include "PlanGanttModel.h"
#include "PlanGanttView.h"

#include "planning/PlanCalendar.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace recheck::cli {

namespace {

class GanttCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::GanttCommand)

public:
    QString name() const override { return QStringLiteral("gantt"); }
    QString summary() const override { return tr("gantt: render the plan's Gantt chart to PNG or PDF"); }
    // The chart is a widget (KGantt::View): it needs a QApplication, which
    // the offscreen QgsApplication is.
    bool needsQgis() const override { return true; }

    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(summary());
        parser.addPositionalArgument(QStringLiteral("ARCHIVE"), tr("the master archive"));
        parser.addOption({QStringLiteral("out"), tr("the chart to write (.png or .pdf)"), tr("FILE")});
        parser.addOption(
            {QStringLiteral("from"), tr("show tasks touching this day or later"), tr("YYYY-MM-DD")});
        parser.addOption(
            {QStringLiteral("to"), tr("show tasks touching this day or earlier"), tr("YYYY-MM-DD")});
        parser.addOption({QStringLiteral("group"), tr("rows grouped by member (default) or district"),
                          tr("member|district")});
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), args, io, status))
            return status;
        const QStringList positional = parser.positionalArguments();
        const QString out = parser.value(QStringLiteral("out"));
        const QString suffix = QFileInfo(out).suffix().toLower();
        if (positional.size() != 1 || out.isEmpty() ||
            (suffix != QLatin1String("png") && suffix != QLatin1String("pdf"))) {
            io.err << tr("recheck gantt: give one ARCHIVE and --out FILE.png or FILE.pdf") << '\n';
            return ExitUsage;
        }
        planning::TaskFilter filter;
        if (!readDate(parser, QStringLiteral("from"), filter.from) ||
            !readDate(parser, QStringLiteral("to"), filter.to) ||
            (filter.from.isValid() && filter.to.isValid() && filter.to < filter.from)) {
            io.err << tr("recheck gantt: give --from and --to as YYYY-MM-DD, --from not after --to") << '\n';
            return ExitUsage;
        }
        const QString group = parser.value(QStringLiteral("group"));
        if (!group.isEmpty() && group != QLatin1String("member") && group != QLatin1String("district")) {
            io.err << tr("recheck gantt: --group is member or district") << '\n';
            return ExitUsage;
        }

        gantt::PlanGanttModel model;
        model.load(positional.first(), filter);
        if (group == QLatin1String("district"))
            model.setGrouping(gantt::PlanGanttModel::Grouping::District);
        gantt::PlanGanttView view;
        view.resize(1600, 900);
        view.setPlanModel(&model);
        const bool written =
            suffix == QLatin1String("pdf")
                ? view.exportPdf(out, gantt::ChartHeader::forPlan(positional.first(), filter.from, filter.to))
                : view.exportPng(out);
        if (!written) {
            io.err << tr("recheck gantt: could not write %1").arg(out) << '\n';
            return ExitFailure;
        }
        io.out << tr("Wrote %n task(s) to %1", nullptr, model.taskCount()).arg(out) << '\n';
        return ExitOk;
    }

private:
    // An unset option leaves the date invalid (open) and is fine.
    static bool readDate(const QCommandLineParser& parser, const QString& option, QDate& date) {
        if (!parser.isSet(option))
            return true;
        date = planning::parseIsoDate(parser.value(option));
        return date.isValid() && parser.value(option).size() == 10;
    }
};

} // namespace

RECHECK_REGISTER_COMMAND(GanttCommand);

} // namespace recheck::cli
