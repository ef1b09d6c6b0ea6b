#pragma once

#include "common/Sqlite.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTime>

#include <cstdint>

namespace recheck {

/// How reminders are queued and retried. Defaults live in the archive
/// (table reminder_settings, shared by the office and the command line); the
/// CLI's config file may override them.
struct ReminderPolicy {
    /// Quiet period in the local time of "now"; start == end means none.
    /// Wraps midnight when start > end (21:00–07:00).
    QTime quietStart = QTime(21, 0);
    QTime quietEnd = QTime(7, 0);
    /// Urgent tasks skip the digest always; they respect quiet hours unless
    /// this is set (a utility may want a night-time urgent call-out).
    bool urgentIgnoresQuietHours = false;
    bool escalateOverdueToSupervisor = true;
    int escalateAfterDays = 1;
    int maxAttempts = 5;
    int backoffBaseMinutes = 1;
    int backoffMaxMinutes = 60;
    /// A claim ('sending') older than this was interrupted (a killed run):
    /// longer than any sender's timeout.
    int claimStaleMinutes = 15;
    QStringList channels{QStringLiteral("sms"), QStringLiteral("email")};

    /// Reads reminder_settings; keys missing there keep the defaults above.
    static ReminderPolicy fromArchive(SqliteDatabase& db);

    bool inQuietHours(const QTime& localTime) const;
    /// `now` when outside quiet hours, else the end of the quiet period
    /// (same offset from UTC as `now`).
    QDateTime deferPastQuietHours(const QDateTime& now) const;
    /// Delay before attempt number `attemptsSoFar + 1`: base·2^(n−1), capped.
    int backoffMinutes(int attemptsSoFar) const;
};

/// One reminder a rule wants queued, before it is rendered and stored.
struct ReminderDraft {
    QString kind; ///< task_added, task_changed, plan_changed, urgent, overdue, overdue_supervisor, digest_*
    QString templateCode; ///< our template code (mapped to a provider template id by the gateway config)
    QJsonObject params;   ///< template parameters, all strings
    QString recipientUuid;
    QString recipientName;
    QString language; ///< zh_CN or en
    QString channel;  ///< sms or email
    QString address;  ///< phone number or email address
    QString planUuid;
    QString taskUuid;
    QString dedupeKey; ///< kind|subject|recipient|channel|local date
    bool urgent = false;
};

/// One row of reminder_outbox.
struct OutboxMessage {
    std::int64_t id = 0;
    QString kind;
    QString templateCode;
    QJsonObject params;
    QString language;
    QString subject;
    QString body;
    QString channel;
    QString recipientUuid;
    QString address;
    QString taskUuid;
    QString dedupeKey;
    QString status;
    int attempts = 0;
    QString nextAttemptAt;
    QString lastError;
    QString providerMessageId;
    QString createdAt;
    QString sentAt;
    QString claimedAt;      ///< when a run took it for sending
    QString idempotencyKey; ///< stable per message: a resend under it is recognisable
};

/// What one delivery attempt came to. `detail` must already be free of
/// secrets (senders scrub it).
struct SendResult {
    bool ok = false;
    int responseCode = 0; ///< HTTP status or SMTP reply code; 0 when none
    QString providerMessageId;
    QString detail;
};

/// A channel's transport (HTTP SMS gateway, SMTP).
class ReminderSender {
public:
    virtual ~ReminderSender() = default;
    virtual QString channel() const = 0;
    virtual SendResult send(const OutboxMessage& message) = 0;
    /// True when the far end drops a second message with the same
    /// idempotency key: an interrupted send may then simply be repeated.
    virtual bool deduplicatesByIdempotencyKey() const { return false; }
};

/// Timestamps as stored: UTC, seconds, "Z" (sort as text).
QString reminderTimestamp(const QDateTime& time);
QDateTime parseReminderTimestamp(const QString& text);

} // namespace recheck
