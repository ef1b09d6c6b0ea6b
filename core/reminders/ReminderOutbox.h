#pragma once

#include "ReminderRules.h"
#include "ReminderTypes.h"

#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace recheck {

/// What one `queue` call did.
struct QueueReport {
    std::vector<OutboxMessage> queued; ///< new rows (or, dry run, the rows that would be new)
    int duplicates = 0;                ///< drafts whose dedupe key was already in the outbox
    std::int64_t changeLogFrom = 0;
    std::int64_t changeLogTo = 0;
};

/// What one `deliverDue` call did.
struct DeliveryReport {
    int sent = 0;
    int failed = 0;                       ///< failed this run, will be retried
    int dead = 0;                         ///< failed this run for the last time
    int skipped = 0;                      ///< due, but no sender for the channel is configured
    int unconfirmed = 0;                  ///< stale claims found: delivery unknown, held for a person
    int resumed = 0;                      ///< stale claims put back for a resend under their idempotency key
    std::vector<OutboxMessage> attempted; ///< rows as they are after this run
};

/// The reminder outbox (table reminder_outbox) and its delivery log
/// (reminder_deliveries). Statuses: queued/failed → sending (claimed in its
/// own transaction before the sender is called) → sent, or failed (retried
/// after an exponential backoff) → … → dead after maxAttempts; cancelled by a
/// person. Every attempt is logged.
///
/// Never twice silently: a run killed between the gateway accepting a
/// message and the attempt being recorded leaves the row 'sending'. Once the
/// claim is older than claimStaleMinutes it is not resent blindly: it turns
/// 'unconfirmed' (logged, shown in the outbox view) for a person to check the
/// gateway's log under the message's idempotency key and then mark it sent
/// or retry it -- unless the channel's sender declares that the gateway drops
/// duplicates of an idempotency key, in which case it is resent under the
/// same key.
class ReminderOutbox {
public:
    explicit ReminderOutbox(SqliteDatabase& db) : mDb(db) {}

    /// Evaluates the rules at `now`, renders and queues the new reminders
    /// and moves the change_log watermark, all in one transaction. A dry run
    /// writes nothing and reports what would be queued.
    QueueReport queueFromRules(const QDateTime& now, const ReminderPolicy& policy, bool dryRun);

    /// Renders and stores drafts (INSERT OR IGNORE on the dedupe key);
    /// runs inside the caller's transaction.
    QueueReport queue(const std::vector<ReminderDraft>& drafts, const QDateTime& now,
                      const ReminderPolicy& policy, bool dryRun);

    /// Rows queued or failed whose next attempt is due at `now`.
    std::vector<OutboxMessage> due(const QDateTime& now);

    /// Sends every due row through the sender of its channel, recording
    /// each attempt. `senders` maps channel (sms, email) to its sender.
    DeliveryReport deliverDue(const QDateTime& now, const ReminderPolicy& policy,
                              const std::map<QString, ReminderSender*>& senders);

    /// Stores the outcome of one attempt: sent, or failed with the next
    /// attempt after the backoff, or dead once maxAttempts is reached.
    OutboxMessage recordAttempt(const OutboxMessage& message, const SendResult& result, const QDateTime& now,
                                const ReminderPolicy& policy, qint64 durationMs);

    /// Rows by status (empty = all), newest first; for the outbox view.
    std::vector<OutboxMessage> list(const QString& status = {}, int limit = 500);
    OutboxMessage message(std::int64_t id);
    /// A person's actions from the outbox view. Cancel applies to queued,
    /// failed or unconfirmed rows; retry puts a failed, dead, cancelled or
    /// unconfirmed row back in the queue, due at `now`, with its attempts
    /// counted afresh (and its idempotency key kept).
    bool cancel(std::int64_t id);
    bool retry(std::int64_t id, const QDateTime& now);
    /// An unconfirmed row a person found delivered in the gateway's log.
    bool markSent(std::int64_t id, const QDateTime& now);

    /// Takes a due row for sending (status 'sending', claimed_at, an
    /// idempotency key kept across retries) in a transaction of its own;
    /// false when another run took it first.
    bool claim(OutboxMessage& message, const QDateTime& now);
    /// Stale claims: 'unconfirmed', or back to the queue when the channel's
    /// sender deduplicates by idempotency key. Called by deliverDue.
    void recoverStaleClaims(const QDateTime& now, const ReminderPolicy& policy,
                            const std::map<QString, ReminderSender*>& senders, DeliveryReport& report);

private:
    std::vector<OutboxMessage> select(const QString& where,
                                      const std::function<void(SqliteStatement&)>& bind);

    SqliteDatabase& mDb;
};

} // namespace recheck
