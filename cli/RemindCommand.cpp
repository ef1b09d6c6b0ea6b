// `recheck remind`: evaluates the reminder rules, queues new reminders and,
// with --send, delivers the outbox rows that are due. Meant for cron or a
// systemd timer (packaging/systemd/recheck-remind.timer).

#include "CliCommand.h"
#include "MasterArgument.h"

#include "archive/Archive.h"
#include "common/RecheckError.h"
#include "reminders/ReminderConfig.h"
#include "reminders/ReminderOutbox.h"
#include "reminders/ReminderSenders.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

namespace recheck::cli {

namespace {

QJsonObject messageJson(const OutboxMessage& m, const SecretScrubber& scrubber) {
    return {{QStringLiteral("id"), static_cast<qint64>(m.id)},
            {QStringLiteral("kind"), m.kind},
            {QStringLiteral("channel"), m.channel},
            {QStringLiteral("address"), m.address},
            {QStringLiteral("template"), m.templateCode},
            {QStringLiteral("language"), m.language},
            {QStringLiteral("body"), m.body},
            {QStringLiteral("status"), m.status},
            {QStringLiteral("attempts"), m.attempts},
            {QStringLiteral("next_attempt_at"), m.nextAttemptAt},
            {QStringLiteral("last_error"), scrubber.scrub(m.lastError)},
            {QStringLiteral("provider_message_id"), m.providerMessageId}};
}

class RemindCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::RemindCommand)

public:
    QString name() const override { return QStringLiteral("remind"); }
    QString summary() const override {
        return tr("queue reminders (changed, urgent, overdue work; digests) and send the due ones by SMS and "
                  "email");
    }

    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(summary());
        parser.addPositionalArgument(QStringLiteral("ARCHIVE"),
                                     tr("the master: a file, postgresql://… or authcfg=ID"));
        parser.addOption(
            {QStringLiteral("dry-run"), tr("print what would be queued; write and send nothing")});
        parser.addOption({QStringLiteral("send"), tr("deliver the outbox rows that are due")});
        parser.addOption(
            {QStringLiteral("config"), tr("gateway, SMTP and policy settings (JSON)"), tr("FILE")});
        parser.addOption(
            {QStringLiteral("now"), tr("evaluate at this time instead of the clock (ISO 8601)"), tr("ISO")});
        parser.addOption({QStringLiteral("json"), tr("machine-readable output")});
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), args, io, status, 1))
            return status;
        QDateTime now = QDateTime::currentDateTime();
        if (parser.isSet(QStringLiteral("now"))) {
            now = QDateTime::fromString(parser.value(QStringLiteral("now")), Qt::ISODate);
            if (!now.isValid()) {
                io.err << tr("recheck remind: --now needs an ISO 8601 time, e.g. 2024-06-03T09:00:00+08:00")
                       << '\n';
                return ExitUsage;
            }
        }
        const bool dryRun = parser.isSet(QStringLiteral("dry-run"));
        const bool send = parser.isSet(QStringLiteral("send"));

        ReminderConfig config;
        if (parser.isSet(QStringLiteral("config"))) {
            try {
                config = ReminderConfig::load(parser.value(QStringLiteral("config")));
            } catch (const RecheckError& e) {
                io.err << tr("recheck remind: configuration refused: %1").arg(QString::fromUtf8(e.what()))
                       << '\n';
                return ExitRefused;
            }
        }
        if (config.utcOffsetMinutes)
            now = now.toOffsetFromUtc(*config.utcOffsetMinutes * 60);
        SecretScrubber scrubber;
        for (const QString& secret : config.secretValues())
            scrubber.addSecret(secret);

        std::unique_ptr<HttpSmsSender> sms;
        std::unique_ptr<SmtpSender> smtp;
        RemindRequest request;
        if (config.smsGateway) {
            sms = std::make_unique<HttpSmsSender>(*config.smsGateway);
            request.senders[sms->channel()] = sms.get();
        }
        if (config.smtp) {
            smtp = std::make_unique<SmtpSender>(*config.smtp);
            request.senders[smtp->channel()] = smtp.get();
        }
        request.now = now;
        request.config = config;
        request.dryRun = dryRun;
        request.send = send;
        const std::unique_ptr<MasterStore> master = openMasterArgument(parser.positionalArguments().first());
        const RemindResult result = master->remind(request);
        const QueueReport& queued = result.queued;
        const DeliveryReport& delivered = result.delivered;
        const std::vector<OutboxMessage>& wouldSend = result.wouldSend;

        const int exit = delivered.failed + delivered.dead + delivered.unconfirmed > 0 ? ExitFailure : ExitOk;
        if (parser.isSet(QStringLiteral("json"))) {
            QJsonArray queuedJson, deliveredJson, dueJson;
            for (const OutboxMessage& m : queued.queued)
                queuedJson.append(messageJson(m, scrubber));
            for (const OutboxMessage& m : delivered.attempted)
                deliveredJson.append(messageJson(m, scrubber));
            for (const OutboxMessage& m : wouldSend)
                dueJson.append(messageJson(m, scrubber));
            QJsonObject o{{QStringLiteral("archive"), master->location()},
                          {QStringLiteral("now"), now.toString(Qt::ISODate)},
                          {QStringLiteral("dry_run"), dryRun},
                          {QStringLiteral("queued"), queuedJson},
                          {QStringLiteral("duplicates"), queued.duplicates},
                          {QStringLiteral("change_log_from"), static_cast<qint64>(queued.changeLogFrom)},
                          {QStringLiteral("change_log_to"), static_cast<qint64>(queued.changeLogTo)}};
            if (send && dryRun)
                o.insert(QStringLiteral("due"), dueJson);
            if (send && !dryRun)
                o.insert(QStringLiteral("delivery"),
                         QJsonObject{{QStringLiteral("sent"), delivered.sent},
                                     {QStringLiteral("failed"), delivered.failed},
                                     {QStringLiteral("dead"), delivered.dead},
                                     {QStringLiteral("skipped_no_sender"), delivered.skipped},
                                     {QStringLiteral("unconfirmed"), delivered.unconfirmed},
                                     {QStringLiteral("resumed"), delivered.resumed},
                                     {QStringLiteral("messages"), deliveredJson}});
            io.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
            return exit;
        }
        io.out << (dryRun ? tr("Would queue %n reminder(s)", nullptr, static_cast<int>(queued.queued.size()))
                          : tr("Queued %n reminder(s)", nullptr, static_cast<int>(queued.queued.size())))
               << tr(" (%n already queued earlier)", nullptr, queued.duplicates) << '\n';
        for (const OutboxMessage& m : queued.queued)
            io.out << QStringLiteral("  %1 %2 %3 %4: %5\n")
                          .arg(m.kind.leftJustified(18), m.channel.leftJustified(5), m.address,
                               m.nextAttemptAt, m.body);
        if (send && dryRun) {
            io.out << tr("Would send %n due message(s)", nullptr, static_cast<int>(wouldSend.size())) << '\n';
        } else if (send) {
            io.out << tr("Sent %1, failed %2 (will retry), dead-lettered %3, no sender configured %4")
                          .arg(delivered.sent)
                          .arg(delivered.failed)
                          .arg(delivered.dead)
                          .arg(delivered.skipped)
                   << '\n';
            if (delivered.unconfirmed > 0)
                io.err << tr("%n message(s) were interrupted while sending in an earlier run and are held as "
                             "unconfirmed: check the gateway's log, then mark them sent or retry them in the "
                             "outbox view",
                             nullptr, delivered.unconfirmed)
                       << '\n';
            for (const OutboxMessage& m : delivered.attempted)
                if (m.status != QLatin1String("sent") && m.status != QLatin1String("unconfirmed"))
                    io.err << tr("  #%1 %2 %3: %4 (attempt %5, next %6)")
                                  .arg(m.id)
                                  .arg(m.channel, m.address, scrubber.scrub(m.lastError))
                                  .arg(m.attempts)
                                  .arg(m.status == QLatin1String("dead") ? tr("none: dead-lettered")
                                                                         : m.nextAttemptAt)
                           << '\n';
        }
        return exit;
    }
};
RECHECK_REGISTER_COMMAND(RemindCommand);

} // namespace

} // namespace recheck::cli
