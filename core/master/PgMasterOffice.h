#pragma once

// The office verbs (plan, progress, reschedule, remind, import, export) against the
// PostgreSQL master, through core/planning, core/reminders and core/io
// unchanged: each stages the rows its core code reads into a private
// SpatiaLite file (PgStagingMaster), runs that code on the file, and writes
// what it changed back with row_version checks in the REPEATABLE READ
// transaction that read the rows, retried after a serialisation failure
// (as a check-in is, see PgMasterSync.h). Read-only verbs (progress,
// export) read one consistent snapshot and write nothing. Every verb first
// brings an older master's schema up to date and refuses a newer one
// (PgMasterSync::upgradeSchema), as check-out and check-in do.
//
// What is staged, per verb:
// - plan generate: plans and their districts, districts, staff and their
//   districts, all tasks, and the customers that can be in a task's scope
//   (status not closed). New tasks and their scope rows are inserted; each
//   scope row lands in its customer's county partition.
// - progress: tasks with their plans, districts and staff, the scope rows,
//   the visits of tasks and the discrepancies of those visits.
// - reschedule (a Gantt drag): the one task with its plan, district and
//   assignee; the task's row is written back with its row_version checked.
//   Another user's change to it meanwhile aborts the transaction; the retry
//   reads their change (and refuses when they finished the task).
// - remind: tasks, plans, districts, staff, the change_log rows after the
//   reminders' watermark, reminder settings, state and outbox. Delivery
//   (--send) holds a PostgreSQL advisory lock, so one delivery runs at a
//   time, and commits each claim to PostgreSQL before the gateway sees the
//   message (the outbox's "never twice silently" rule).
// - import: customers (matched by account number across all counties),
//   districts, feeders, code lists, earlier runs and open reviews, the
//   provenance of customer fields; roads only for a roads import. Only the
//   rows the import changes are written, each into its county's partition;
//   a new customer whose district is unknown or has no county (or a county
//   without a partition yet) lands in the default partition, as migrate
//   puts it, and moves when its county's partition is added.
// - export: customers, districts, feeders, visits, accepted discrepancies
//   and the provenance of customer fields.

#include "MasterStore.h"
#include "PgMasterSync.h"

namespace recheck {

class PgMasterStore;

class PgMasterOffice {
public:
    explicit PgMasterOffice(PgMasterStore& store, PgRetryPolicy retry = {});

    planning::GenerationReport generatePlan(const planning::GenerationOptions& options);
    std::vector<planning::TaskProgress> progress(const planning::ProgressOptions& options);
    planning::PlanTasks::Reschedule reschedule(const QString& taskUuid, const QDate& start, const QDate& end,
                                               const QString& user);
    RemindResult remind(const RemindRequest& request);
    io::ImportResult importFile(const QString& file, const io::ImportOptions& options);
    io::ExportResult exportCustomers(const QString& path, const io::ExportOptions& options);

    /// Transactions the last writing verb needed (1: no retry).
    int lastAttempts() const { return mLastAttempts; }

private:
    PgMasterStore& mStore;
    PgRetryPolicy mRetry;
    int mLastAttempts = 0;
};

} // namespace recheck
