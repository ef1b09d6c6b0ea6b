// The review verb: what happens to the MIS values an import held back
// because the archive's value was verified in the field (core/io
// ImportReviewStore, table import_review).

#include "CliCommand.h"

#include "archive/Archive.h"
#include "io/ImportReview.h"
#include "sync/PackageWriter.h"
#include "sync/SyncValue.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace recheck::cli {

namespace {

using namespace recheck::io;

class ReviewCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::ReviewCommand)

public:
    QString name() const override { return QStringLiteral("review"); }
    QString summary() const override {
        return tr("list, accept or reject the MIS values an import held back for review");
    }

    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(tr(
            "An import does not overwrite a field verified in the field (or changed by someone since): it "
            "keeps the archive's value and holds the MIS value for review. Without an action this lists the "
            "open items: the archive's value when the import ran, the MIS value and the value now.\n"
            "--accept writes the MIS value as an edit by --by (row version, change log); --reject keeps the "
            "archive's value, and later imports of the same MIS value are not held again. Both record who "
            "and when. Several ids, or --accept-all/--reject-all, are decided in one transaction: all or "
            "none.\n"
            "Exit status: 0 done, 2 refused (unknown or already decided id, a value the archive refuses; "
            "nothing written), 64 bad command line."));
        parser.addPositionalArgument(QStringLiteral("ARCHIVE"), tr("the office master archive"));
        const QCommandLineOption all(QStringLiteral("all"), tr("list decided items too"));
        const QCommandLineOption account(QStringLiteral("account"),
                                         tr("only the items of this account number"), tr("NO"));
        const QCommandLineOption accept(QStringLiteral("accept"),
                                        tr("write the MIS value of these items (comma-separated ids)"),
                                        tr("ID"));
        const QCommandLineOption reject(QStringLiteral("reject"),
                                        tr("keep the archive's value for these items (comma-separated ids)"),
                                        tr("ID"));
        const QCommandLineOption acceptAll(QStringLiteral("accept-all"),
                                           tr("accept every open item (of --account, if given)"));
        const QCommandLineOption rejectAll(QStringLiteral("reject-all"),
                                           tr("reject every open item (of --account, if given)"));
        const QCommandLineOption by(QStringLiteral("by"), tr("who decides (default: login name)"),
                                    tr("NAME"));
        const QCommandLineOption json(QStringLiteral("json"), tr("machine-readable output"));
        parser.addOptions({all, account, accept, reject, acceptAll, rejectAll, by, json});
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), args, io, status, 1))
            return status;

        const int actions = (parser.isSet(accept) ? 1 : 0) + (parser.isSet(reject) ? 1 : 0) +
                            (parser.isSet(acceptAll) ? 1 : 0) + (parser.isSet(rejectAll) ? 1 : 0);
        if (actions > 1) {
            io.err << "recheck review: " << tr("give one of --accept, --reject, --accept-all, --reject-all")
                   << '\n'
                   << verbHelpText(parser, name());
            return ExitUsage;
        }
        QList<qint64> ids;
        for (const QCommandLineOption* option : {&accept, &reject}) {
            if (!parser.isSet(*option))
                continue;
            for (const QString& part : parser.value(*option).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                bool ok = false;
                const qint64 id = part.trimmed().toLongLong(&ok);
                if (!ok || id <= 0) {
                    io.err << "recheck review: "
                           << tr("\"%1\" is not an item id (see recheck review)").arg(part) << '\n';
                    return ExitUsage;
                }
                ids << id;
            }
            if (ids.isEmpty()) {
                io.err << "recheck review: " << tr("--%1 needs at least one id").arg(option->names().first())
                       << '\n';
                return ExitUsage;
            }
        }

        ImportReviewStore::Filter filter;
        filter.includeDecided = parser.isSet(all);
        filter.naturalKey = parser.value(account).trimmed();
        if (actions == 0) {
            Archive archive = Archive::open(parser.positionalArguments().first(), Archive::Access::ReadOnly);
            printItems(ImportReviewStore(archive.db()).list(filter), parser.isSet(json), io, false);
            return ExitOk;
        }

        Archive archive = Archive::open(parser.positionalArguments().first(), Archive::Access::ReadWrite);
        ImportReviewStore store(archive.db());
        const QString who = parser.isSet(by) ? parser.value(by).trimmed() : PackageWriter::loginName();
        if (parser.isSet(acceptAll) || parser.isSet(rejectAll)) {
            ids = store.openIds(filter);
            if (ids.isEmpty()) {
                if (parser.isSet(json))
                    io.out << QJsonDocument(QJsonObject{{QStringLiteral("decided"), QJsonArray()}})
                                  .toJson(QJsonDocument::Indented);
                else
                    io.out << tr("No held import values wait for review.") << '\n';
                return ExitOk;
            }
        }
        const bool accepting = parser.isSet(accept) || parser.isSet(acceptAll);
        const QList<ImportReviewItem> decided =
            accepting ? store.acceptAll(ids, who) : store.rejectAll(ids, who);
        printItems(decided, parser.isSet(json), io, true);
        return ExitOk;
    }

private:
    // The decision in the user's language; --json keeps the stored word.
    static QString decisionText(const ImportReviewItem& i) {
        if (i.status == QLatin1String("accepted"))
            return tr("accepted by %1 at %2").arg(i.reviewedBy, i.reviewedAt);
        if (i.status == QLatin1String("rejected"))
            return tr("rejected by %1 at %2").arg(i.reviewedBy, i.reviewedAt);
        return tr("open");
    }

    static QString shown(const QVariant& value, const QString& code) {
        return code.isEmpty() ? displaySqlValue(value) : code;
    }

    void printItems(const QList<ImportReviewItem>& items, bool json, CliIo& io, bool decided) const {
        if (json) {
            QJsonArray array;
            for (const ImportReviewItem& i : items)
                array.append(i.toJson());
            io.out << QJsonDocument(
                          QJsonObject{{decided ? QStringLiteral("decided") : QStringLiteral("items"), array}})
                          .toJson(QJsonDocument::Indented);
            return;
        }
        if (items.isEmpty()) {
            io.out << tr("No held import values wait for review.") << '\n';
            return;
        }
        for (const ImportReviewItem& i : items) {
            io.out << QStringLiteral("#%1 %2 %3 [%4]").arg(i.id).arg(i.naturalKey, i.field, decisionText(i))
                   << '\n';
            io.out << tr("    archive (verified): %1 | MIS: %2 | now: %3")
                          .arg(shown(i.archiveValue, i.archiveDisplay),
                               shown(i.incomingValue, i.incomingDisplay),
                               i.rowExists ? shown(i.currentValue, i.currentDisplay)
                                           : tr("(customer deleted)"))
                   << '\n';
            io.out << QStringLiteral("    %1 (%2, %3)\n").arg(i.reason, i.source, i.heldAt);
        }
        if (decided)
            io.out << tr("%n item(s) decided.", nullptr, items.size()) << '\n';
    }
};

} // namespace

RECHECK_REGISTER_COMMAND(ReviewCommand);

} // namespace recheck::cli
