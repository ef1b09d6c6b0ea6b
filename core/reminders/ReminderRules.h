#pragma once

#include "ReminderTypes.h"

#include <cstdint>
#include <vector>

namespace recheck {

/// What the rules found in one run: the reminders to queue and the change_log
/// range they cover (the watermark moves to `changeLogTo` once queued).
struct RuleEvaluation {
    std::vector<ReminderDraft> drafts;
    std::int64_t changeLogFrom = 0; ///< exclusive: the watermark before the run
    std::int64_t changeLogTo = 0;   ///< inclusive: the newest change_log seq seen
};

/// The reminder rules, as pure functions of the archive and a given "now"
/// (its date and offset from UTC are the recipients' local calendar):
/// - a task added or changed since the watermark → its assignee (drafts are
///   not issued yet and finished or cancelled tasks need no call, so only
///   issued / in_progress tasks notify); a plan changed → the assignees of its
///   open tasks;
/// - an urgent task added or changed → its assignee at once, whatever their
///   digest choice (quiet hours apply unless the policy says otherwise);
/// - overdue (planned_end before today, status issued / in_progress) → the
///   assignee every day until done, and the assignee's supervisor when the
///   policy escalates and the task is escalateAfterDays late;
/// - digests: daily every day, weekly on Mondays, monthly on the 1st, per the
///   person's `digest`, counting their open, overdue and upcoming tasks; a
///   person with nothing open or upcoming gets no digest.
/// Each reminder goes on every enabled channel the person has an address
/// for. The dedupe key (kind, subject, recipient, channel, local date) makes
/// a second run the same day queue nothing new.
class ReminderRules {
public:
    static RuleEvaluation evaluate(SqliteDatabase& db, const QDateTime& now, const ReminderPolicy& policy);

    /// The change_log sequence number up to which changes were turned into
    /// reminders (0 before the first run).
    static std::int64_t watermark(SqliteDatabase& db);
    static void setWatermark(SqliteDatabase& db, std::int64_t seq);
};

} // namespace recheck
