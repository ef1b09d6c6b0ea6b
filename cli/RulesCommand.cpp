// `recheck rules`: the discrepancy rules of an archive (rows of
// discrepancy_rules) run over its customers, as the Re-check panel runs them
// on a task's customers.

#include "CliCommand.h"

#include "archive/Archive.h"
#include "common/RecheckError.h"
#include "common/Sqlite.h"
#include "fieldwork/DiscrepancyRules.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

namespace recheck::cli {

namespace {

class RulesCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::RulesCommand)

public:
    QString name() const override { return QStringLiteral("rules"); }
    QString summary() const override {
        return tr(
            "rules: run the archive's discrepancy rules over its customers (per rule counts, offenders)");
    }

    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(summary());
        parser.addPositionalArgument(QStringLiteral("ARCHIVE"), tr("the archive (master or package)"));
        parser.addOption(
            {QStringLiteral("district"), tr("only the customers of these districts"), tr("CODE[,CODE]")});
        parser.addOption({QStringLiteral("details"), tr("list every finding (account, rule, value)")});
        parser.addOption({QStringLiteral("json"), tr("machine-readable output (with every finding)")});
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), args, io, status, 1))
            return status;
        QElapsedTimer clock;
        clock.start();
        Archive archive = Archive::open(parser.positionalArguments().first(), Archive::Access::ReadOnly);
        SqliteDatabase& db = archive.db();

        QStringList districts;
        for (const QString& code :
             parser.value(QStringLiteral("district")).split(QLatin1Char(','), Qt::SkipEmptyParts))
            districts << code.trimmed();
        for (const QString& code : districts) {
            SqliteStatement known(db, QStringLiteral("SELECT 1 FROM districts WHERE code = ?"));
            known.bind(1, code);
            if (!known.step()) {
                io.err << tr("recheck rules: %1 has no district %2").arg(archive.path(), code) << '\n';
                return ExitUsage;
            }
        }
        QStringList uuids, accounts;
        {
            SqliteStatement st(
                db, districts.isEmpty()
                        ? QStringLiteral("SELECT uuid, account_no FROM customers ORDER BY account_no")
                        : QStringLiteral(
                              "SELECT c.uuid, c.account_no FROM customers c JOIN districts d ON d.uuid = "
                              "c.district_uuid WHERE d.code IN (SELECT value FROM json_each(?)) "
                              "ORDER BY c.account_no"));
            if (!districts.isEmpty())
                st.bind(
                    1,
                    QString::fromUtf8(
                        QJsonDocument(QJsonArray::fromStringList(districts)).toJson(QJsonDocument::Compact)));
            while (st.step()) {
                uuids << st.text(0);
                accounts << st.text(1);
            }
        }
        fieldwork::DiscrepancyRuleEngine engine(db);
        engine.setLanguage(QString::fromLocal8Bit(qgetenv("LANG")));
        const auto findings = engine.evaluate(uuids);

        QMap<QString, int> perRule;
        QJsonArray list;
        for (int i = 0; i < uuids.size(); ++i) {
            const auto it = findings.constFind(uuids[i]);
            if (it == findings.constEnd())
                continue;
            for (const fieldwork::RuleFinding& f : *it) {
                ++perRule[f.ruleCode];
                list.append(QJsonObject{{QStringLiteral("account_no"), accounts[i]},
                                        {QStringLiteral("customer_uuid"), uuids[i]},
                                        {QStringLiteral("rule"), f.ruleCode},
                                        {QStringLiteral("severity"), f.severity},
                                        {QStringLiteral("field"), f.field},
                                        {QStringLiteral("value"), f.value},
                                        {QStringLiteral("label"), f.label}});
            }
        }
        const double seconds = clock.elapsed() / 1000.0;
        if (parser.isSet(QStringLiteral("json"))) {
            QJsonArray rules;
            for (const fieldwork::DiscrepancyRule& r : engine.rules())
                rules.append(QJsonObject{{QStringLiteral("code"), r.code},
                                         {QStringLiteral("predicate"),
                                          fieldwork::DiscrepancyRuleEngine::predicateName(r.predicate)},
                                         {QStringLiteral("field"), r.field},
                                         {QStringLiteral("other_field"), r.otherField},
                                         {QStringLiteral("severity"), r.severity},
                                         {QStringLiteral("customers"), perRule.value(r.code)}});
            io.out << QJsonDocument(QJsonObject{{QStringLiteral("archive"), archive.path()},
                                                {QStringLiteral("customers"), uuids.size()},
                                                {QStringLiteral("customers_with_findings"), findings.size()},
                                                {QStringLiteral("rules"), rules},
                                                {QStringLiteral("findings"), list},
                                                {QStringLiteral("seconds"), seconds}})
                          .toJson(QJsonDocument::Indented);
            return ExitOk;
        }
        io.out << tr("%1 customer(s) checked, %2 with findings (%3 s)")
                      .arg(uuids.size())
                      .arg(findings.size())
                      .arg(seconds, 0, 'f', 2)
               << '\n';
        for (const fieldwork::DiscrepancyRule& r : engine.rules())
            io.out << QStringLiteral("  %1 %2 %3 %4\n")
                          .arg(r.code.leftJustified(24))
                          .arg(r.severity.leftJustified(8))
                          .arg(perRule.value(r.code), 8)
                          .arg(labelOf(r));
        if (parser.isSet(QStringLiteral("details")))
            for (const QJsonValue& v : list) {
                const QJsonObject o = v.toObject();
                io.out << QStringLiteral("%1\t%2\t%3\n")
                              .arg(o.value(QStringLiteral("account_no")).toString(),
                                   o.value(QStringLiteral("rule")).toString(),
                                   o.value(QStringLiteral("value")).toString());
            }
        return ExitOk;
    }

private:
    static QString labelOf(const fieldwork::DiscrepancyRule& rule) {
        return QString::fromLocal8Bit(qgetenv("LANG")).startsWith(QLatin1String("zh")) ? rule.labelZh
                                                                                       : rule.labelEn;
    }
};
RECHECK_REGISTER_COMMAND(RulesCommand);

} // namespace

} // namespace recheck::cli
