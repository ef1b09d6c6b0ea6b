#include "ReminderOutbox.h"

#include "ReminderTemplates.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSet>
#include <QUuid>

#include <algorithm>
#include <functional>

namespace recheck {

QString reminderTimestamp(const QDateTime& time) {
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss'Z'"));
}

QDateTime parseReminderTimestamp(const QString& text) {
    QDateTime t = QDateTime::fromString(text, Qt::ISODate);
    return t.isValid() ? t.toUTC() : t;
}

ReminderPolicy ReminderPolicy::fromArchive(SqliteDatabase& db) {
    ReminderPolicy p;
    SqliteStatement s(db, QStringLiteral("SELECT key, value FROM reminder_settings"));
    while (s.step()) {
        const QString key = s.text(0), value = s.text(1).trimmed();
        if (key == QLatin1String("quiet_hours_start"))
            p.quietStart = QTime::fromString(value, QStringLiteral("HH:mm"));
        else if (key == QLatin1String("quiet_hours_end"))
            p.quietEnd = QTime::fromString(value, QStringLiteral("HH:mm"));
        else if (key == QLatin1String("urgent_ignores_quiet_hours"))
            p.urgentIgnoresQuietHours = value == QLatin1String("1");
        else if (key == QLatin1String("escalate_overdue_to_supervisor"))
            p.escalateOverdueToSupervisor = value == QLatin1String("1");
        else if (key == QLatin1String("escalate_after_days"))
            p.escalateAfterDays = value.toInt();
        else if (key == QLatin1String("max_attempts"))
            p.maxAttempts = std::max(1, value.toInt());
        else if (key == QLatin1String("backoff_base_minutes"))
            p.backoffBaseMinutes = std::max(1, value.toInt());
        else if (key == QLatin1String("backoff_max_minutes"))
            p.backoffMaxMinutes = std::max(1, value.toInt());
        else if (key == QLatin1String("claim_stale_minutes"))
            p.claimStaleMinutes = std::max(1, value.toInt());
        else if (key == QLatin1String("channels"))
            p.channels = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    }
    for (QString& c : p.channels)
        c = c.trimmed();
    return p;
}

bool ReminderPolicy::inQuietHours(const QTime& t) const {
    if (!quietStart.isValid() || !quietEnd.isValid() || quietStart == quietEnd)
        return false;
    if (quietStart < quietEnd)
        return t >= quietStart && t < quietEnd;
    return t >= quietStart || t < quietEnd; // wraps midnight
}

QDateTime ReminderPolicy::deferPastQuietHours(const QDateTime& now) const {
    if (!inQuietHours(now.time()))
        return now;
    QDateTime end = now; // keeps now's offset: quiet hours are local time
    end.setTime(quietEnd);
    if (end <= now)
        end = end.addDays(1);
    return end;
}

int ReminderPolicy::backoffMinutes(int attemptsSoFar) const {
    const int shift = std::clamp(attemptsSoFar - 1, 0, 20);
    const qint64 minutes = static_cast<qint64>(backoffBaseMinutes) << shift;
    return static_cast<int>(std::min<qint64>(minutes, backoffMaxMinutes));
}

namespace {

const char* kOutboxColumns =
    "SELECT id, kind, template_code, params, language, coalesce(subject, ''), body, channel,\n"
    "  coalesce(recipient_uuid, ''), address, coalesce(task_uuid, ''), dedupe_key, status, attempts,\n"
    "  next_attempt_at, coalesce(last_error, ''), coalesce(provider_message_id, ''), created_at,\n"
    "  coalesce(sent_at, ''), coalesce(claimed_at, ''), coalesce(idempotency_key, '') FROM reminder_outbox ";

OutboxMessage readMessage(SqliteStatement& s) {
    OutboxMessage m;
    m.id = s.int64(0);
    m.kind = s.text(1);
    m.templateCode = s.text(2);
    m.params = QJsonDocument::fromJson(s.text(3).toUtf8()).object();
    m.language = s.text(4);
    m.subject = s.text(5);
    m.body = s.text(6);
    m.channel = s.text(7);
    m.recipientUuid = s.text(8);
    m.address = s.text(9);
    m.taskUuid = s.text(10);
    m.dedupeKey = s.text(11);
    m.status = s.text(12);
    m.attempts = static_cast<int>(s.int64(13));
    m.nextAttemptAt = s.text(14);
    m.lastError = s.text(15);
    m.providerMessageId = s.text(16);
    m.createdAt = s.text(17);
    m.sentAt = s.text(18);
    m.claimedAt = s.text(19);
    m.idempotencyKey = s.text(20);
    return m;
}

} // namespace

std::vector<OutboxMessage> ReminderOutbox::select(const QString& where,
                                                  const std::function<void(SqliteStatement&)>& bind) {
    SqliteStatement s(mDb, QString::fromLatin1(kOutboxColumns) + where);
    if (bind)
        bind(s);
    std::vector<OutboxMessage> out;
    while (s.step())
        out.push_back(readMessage(s));
    return out;
}

QueueReport ReminderOutbox::queueFromRules(const QDateTime& now, const ReminderPolicy& policy, bool dryRun) {
    SqliteTransaction transaction(mDb);
    const RuleEvaluation evaluation = ReminderRules::evaluate(mDb, now, policy);
    QueueReport report = queue(evaluation.drafts, now, policy, dryRun);
    report.changeLogFrom = evaluation.changeLogFrom;
    report.changeLogTo = evaluation.changeLogTo;
    if (dryRun)
        return report; // the transaction rolls back: nothing written
    ReminderRules::setWatermark(mDb, evaluation.changeLogTo);
    transaction.commit();
    return report;
}

QueueReport ReminderOutbox::queue(const std::vector<ReminderDraft>& drafts, const QDateTime& now,
                                  const ReminderPolicy& policy, bool dryRun) {
    QueueReport report;
    SqliteStatement exists(mDb, QStringLiteral("SELECT 1 FROM reminder_outbox WHERE dedupe_key = ?"));
    SqliteStatement insert(
        mDb, QStringLiteral(
                 "INSERT OR IGNORE INTO reminder_outbox (kind, template_code, params, language, subject,\n"
                 "  body, channel, recipient_uuid, address, plan_uuid, task_uuid, dedupe_key,\n"
                 "  next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    QSet<QString> seen; // dry run: duplicates within the run
    for (const ReminderDraft& d : drafts) {
        exists.bind(1, d.dedupeKey);
        const bool known = exists.step() || seen.contains(d.dedupeKey);
        exists.reset();
        if (known) {
            ++report.duplicates;
            continue;
        }
        seen.insert(d.dedupeKey);
        const RenderedReminder rendered = ReminderTemplates::render(d.templateCode, d.params, d.language);
        const QDateTime firstAttempt =
            d.urgent && policy.urgentIgnoresQuietHours ? now : policy.deferPastQuietHours(now);
        OutboxMessage m;
        m.kind = d.kind;
        m.templateCode = d.templateCode;
        m.params = d.params;
        m.language = d.language;
        m.subject = d.channel == QLatin1String("email") ? rendered.subject : QString();
        m.body = rendered.body;
        m.channel = d.channel;
        m.recipientUuid = d.recipientUuid;
        m.address = d.address;
        m.taskUuid = d.taskUuid;
        m.dedupeKey = d.dedupeKey;
        m.status = QStringLiteral("queued");
        m.nextAttemptAt = reminderTimestamp(firstAttempt);
        m.createdAt = reminderTimestamp(now);
        if (!dryRun) {
            const QString params = QString::fromUtf8(QJsonDocument(d.params).toJson(QJsonDocument::Compact));
            insert.bind(1, m.kind).bind(2, m.templateCode).bind(3, params).bind(4, m.language);
            insert.bind(5, m.subject.isEmpty() ? QVariant() : QVariant(m.subject))
                .bind(6, m.body)
                .bind(7, m.channel);
            insert.bind(8, m.recipientUuid).bind(9, m.address);
            insert.bind(10, d.planUuid.isEmpty() ? QVariant() : QVariant(d.planUuid));
            insert.bind(11, d.taskUuid.isEmpty() ? QVariant() : QVariant(d.taskUuid));
            insert.bind(12, m.dedupeKey).bind(13, m.nextAttemptAt).bind(14, m.createdAt);
            insert.execute();
            m.id = mDb.lastInsertRowId();
        }
        report.queued.push_back(std::move(m));
    }
    return report;
}

std::vector<OutboxMessage> ReminderOutbox::due(const QDateTime& now) {
    const QString at = reminderTimestamp(now);
    return select(QStringLiteral("WHERE status IN ('queued', 'failed') AND next_attempt_at <= ? ORDER BY "
                                 "next_attempt_at, id"),
                  [&](SqliteStatement& s) { s.bind(1, at); });
}

OutboxMessage ReminderOutbox::recordAttempt(const OutboxMessage& message, const SendResult& result,
                                            const QDateTime& now, const ReminderPolicy& policy,
                                            qint64 durationMs) {
    OutboxMessage m = message;
    m.attempts = message.attempts + 1;
    if (result.ok) {
        m.status = QStringLiteral("sent");
        m.sentAt = reminderTimestamp(now);
        m.providerMessageId = result.providerMessageId;
        m.lastError.clear();
    } else {
        m.lastError = result.detail;
        if (m.attempts >= policy.maxAttempts) {
            m.status = QStringLiteral("dead");
        } else {
            m.status = QStringLiteral("failed");
            const QDateTime next = now.addSecs(60LL * policy.backoffMinutes(m.attempts));
            const bool urgent = m.kind == QLatin1String("urgent");
            m.nextAttemptAt = reminderTimestamp(
                urgent && policy.urgentIgnoresQuietHours ? next : policy.deferPastQuietHours(next));
        }
    }
    SqliteTransaction transaction(mDb);
    SqliteStatement update(
        mDb, QStringLiteral("UPDATE reminder_outbox SET status = ?, attempts = ?, next_attempt_at = ?,\n"
                            "  last_error = ?, provider_message_id = ?, sent_at = ?, claimed_at = NULL\n"
                            "WHERE id = ?"));
    update.bind(1, m.status).bind(2, static_cast<std::int64_t>(m.attempts)).bind(3, m.nextAttemptAt);
    update.bind(4, m.lastError.isEmpty() ? QVariant() : QVariant(m.lastError));
    update.bind(5, m.providerMessageId.isEmpty() ? QVariant() : QVariant(m.providerMessageId));
    update.bind(6, m.sentAt.isEmpty() ? QVariant() : QVariant(m.sentAt)).bind(7, m.id);
    update.execute();
    SqliteStatement log(
        mDb, QStringLiteral("INSERT INTO reminder_deliveries (outbox_id, attempt, channel, attempted_at,\n"
                            "  outcome, response_code, detail, provider_message_id, duration_ms)\n"
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    log.bind(1, m.id).bind(2, static_cast<std::int64_t>(m.attempts)).bind(3, m.channel);
    log.bind(4, reminderTimestamp(now)).bind(5, m.status);
    log.bind(6, result.responseCode ? QVariant(result.responseCode) : QVariant());
    log.bind(7, result.detail.isEmpty() ? QVariant() : QVariant(result.detail));
    log.bind(8, result.providerMessageId.isEmpty() ? QVariant() : QVariant(result.providerMessageId));
    log.bind(9, static_cast<std::int64_t>(durationMs));
    log.execute();
    transaction.commit();
    return m;
}

bool ReminderOutbox::claim(OutboxMessage& message, const QDateTime& now) {
    const QString key =
        message.idempotencyKey.isEmpty()
            ? QStringLiteral("recheck-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces))
            : message.idempotencyKey;
    SqliteTransaction transaction(mDb);
    SqliteStatement s(mDb, QStringLiteral("UPDATE reminder_outbox SET status = 'sending', claimed_at = ?,\n"
                                          "  idempotency_key = coalesce(idempotency_key, ?)\n"
                                          "WHERE id = ? AND status IN ('queued', 'failed')"));
    s.bind(1, reminderTimestamp(now)).bind(2, key).bind(3, message.id);
    s.execute();
    if (mDb.changes() != 1)
        return false; // another run took it, or a person cancelled it
    transaction.commit();
    message = this->message(message.id);
    return true;
}

void ReminderOutbox::recoverStaleClaims(const QDateTime& now, const ReminderPolicy& policy,
                                        const std::map<QString, ReminderSender*>& senders,
                                        DeliveryReport& report) {
    const QString staleBefore = reminderTimestamp(now.addSecs(-60LL * policy.claimStaleMinutes));
    const std::vector<OutboxMessage> stale =
        select(QStringLiteral("WHERE status = 'sending' AND claimed_at <= ? ORDER BY id"),
               [&](SqliteStatement& s) { s.bind(1, staleBefore); });
    for (const OutboxMessage& m : stale) {
        const auto sender = senders.find(m.channel);
        const bool resend =
            sender != senders.end() && sender->second && sender->second->deduplicatesByIdempotencyKey();
        const QString detail =
            resend
                ? QStringLiteral("interrupted while sending (claimed %1); the gateway drops duplicates of "
                                 "idempotency key %2, so it is sent again under that key")
                      .arg(m.claimedAt, m.idempotencyKey)
                : QStringLiteral("interrupted while sending (claimed %1): the gateway may or may not have "
                                 "taken it. Look for idempotency key %2 in the gateway's log, then mark it "
                                 "sent or retry it")
                      .arg(m.claimedAt, m.idempotencyKey);
        SqliteTransaction transaction(mDb);
        SqliteStatement update(
            mDb, QStringLiteral("UPDATE reminder_outbox SET status = ?, attempts = attempts + 1,\n"
                                "  next_attempt_at = ?, last_error = ?, claimed_at = NULL\n"
                                "WHERE id = ? AND status = 'sending'"));
        update.bind(1, resend ? QStringLiteral("failed") : QStringLiteral("unconfirmed"))
            .bind(2, reminderTimestamp(now))
            .bind(3, detail)
            .bind(4, m.id);
        update.execute();
        if (mDb.changes() != 1)
            continue;
        SqliteStatement log(
            mDb,
            QStringLiteral("INSERT INTO reminder_deliveries (outbox_id, attempt, channel, attempted_at,\n"
                           "  outcome, detail) VALUES (?, ?, ?, ?, 'unconfirmed', ?)"));
        log.bind(1, m.id).bind(2, static_cast<std::int64_t>(m.attempts + 1)).bind(3, m.channel);
        log.bind(4, m.claimedAt).bind(5, detail);
        log.execute();
        transaction.commit();
        if (resend)
            ++report.resumed;
        else
            ++report.unconfirmed;
        OutboxMessage after = message(m.id);
        report.attempted.push_back(after);
    }
}

DeliveryReport ReminderOutbox::deliverDue(const QDateTime& now, const ReminderPolicy& policy,
                                          const std::map<QString, ReminderSender*>& senders) {
    DeliveryReport report;
    recoverStaleClaims(now, policy, senders, report);
    for (OutboxMessage message : due(now)) {
        const auto sender = senders.find(message.channel);
        if (sender == senders.end() || !sender->second) {
            ++report.skipped;
            continue;
        }
        // Claimed and committed before the gateway sees it: a crash from
        // here on leaves the row 'sending', never silently queued again.
        if (!claim(message, now))
            continue;
        QElapsedTimer timer;
        timer.start();
        const SendResult result = sender->second->send(message);
        const OutboxMessage after = recordAttempt(message, result, now, policy, timer.elapsed());
        if (after.status == QLatin1String("sent"))
            ++report.sent;
        else if (after.status == QLatin1String("dead"))
            ++report.dead;
        else
            ++report.failed;
        report.attempted.push_back(after);
    }
    return report;
}

std::vector<OutboxMessage> ReminderOutbox::list(const QString& status, int limit) {
    if (status.isEmpty())
        return select(QStringLiteral("ORDER BY id DESC LIMIT ?"),
                      [&](SqliteStatement& s) { s.bind(1, static_cast<std::int64_t>(limit)); });
    return select(QStringLiteral("WHERE status = ? ORDER BY id DESC LIMIT ?"),
                  [&](SqliteStatement& s) { s.bind(1, status).bind(2, static_cast<std::int64_t>(limit)); });
}

OutboxMessage ReminderOutbox::message(std::int64_t id) {
    const auto rows = select(QStringLiteral("WHERE id = ?"), [&](SqliteStatement& s) { s.bind(1, id); });
    if (rows.empty())
        throw RecheckError(
            QStringLiteral("%1: no reminder %2 in the outbox").arg(mDb.path()).arg(id).toStdString(),
            RecheckError::Kind::InvalidInput);
    return rows.front();
}

bool ReminderOutbox::cancel(std::int64_t id) {
    SqliteStatement s(mDb, QStringLiteral("UPDATE reminder_outbox SET status = 'cancelled'\n"
                                          "WHERE id = ? AND status IN ('queued', 'failed', 'unconfirmed')"));
    s.bind(1, id);
    s.execute();
    return mDb.changes() == 1;
}

bool ReminderOutbox::retry(std::int64_t id, const QDateTime& now) {
    SqliteStatement s(
        mDb,
        QStringLiteral("UPDATE reminder_outbox SET status = 'queued', attempts = 0, next_attempt_at = ?\n"
                       "WHERE id = ? AND status IN ('failed', 'dead', 'cancelled', 'unconfirmed')"));
    s.bind(1, reminderTimestamp(now)).bind(2, id);
    s.execute();
    return mDb.changes() == 1;
}

bool ReminderOutbox::markSent(std::int64_t id, const QDateTime& now) {
    SqliteStatement s(mDb, QStringLiteral("UPDATE reminder_outbox SET status = 'sent', sent_at = ?\n"
                                          "WHERE id = ? AND status = 'unconfirmed'"));
    s.bind(1, reminderTimestamp(now)).bind(2, id);
    s.execute();
    return mDb.changes() == 1;
}

} // namespace recheck
