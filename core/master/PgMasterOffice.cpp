#include "PgMasterOffice.h"

#include "PgMasterStore.h"
#include "PgStagingMaster.h"
#include "archive/Archive.h"
#include "common/Sqlite.h"
#include "reminders/ReminderRules.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace recheck {

namespace {

// An office table written back after the synced ones, and the office table
// its `column` refers to by id (new rows of that parent get their ids from
// PostgreSQL's sequence: the references follow).
struct OfficeTable {
    QString table;
    QString column;
    QString parent;
};

// Staging id → PostgreSQL id of the rows core code added, per office table.
using NewIds = std::map<QString, QHash<qint64, qint64>>;

// One attempt of an office verb: a scratch folder, the PostgreSQL
// transaction and the staging master read inside it.
class StagedRun {
public:
    StagedRun(PgMasterStore& store, const QString& begin)
        : mScratch(pgScratchDirectory(QString())), mTransaction(store.connection(), begin),
          mStaging(store, mScratch->path()) {}

    PgStagingMaster& staging() { return mStaging; }

    /// The synced tables' changes (the staging file's change_log), then the
    /// office tables in order.
    NewIds writeBack(const std::vector<OfficeTable>& tables) {
        NewIds ids;
        mStaging.applyDomain();
        // References are renumbered below before PostgreSQL checks them.
        mStaging.db().exec(QStringLiteral("PRAGMA foreign_keys = OFF"));
        for (const OfficeTable& t : tables) {
            const auto parent = ids.find(t.parent);
            if (parent != ids.end() && !parent->second.isEmpty())
                renumber(t.table, t.column, parent->second);
            ids[t.table] = mStaging.applyVerbatim(t.table);
        }
        return ids;
    }

    void commit() { mTransaction.commit(); }

    /// Rows of each synced table the operation wrote (its staging
    /// change_log), for PgMasterStore::refreshStatistics.
    std::map<QString, qint64> domainRowsWritten() {
        std::map<QString, qint64> rows;
        SqliteStatement log(mStaging.db(), QStringLiteral("SELECT table_name, count(DISTINCT row_uuid) "
                                                          "FROM change_log GROUP BY table_name"));
        while (log.step())
            rows[log.text(0)] = log.int64(1);
        return rows;
    }

private:
    void renumber(const QString& table, const QString& column, const QHash<qint64, qint64>& ids) {
        SqliteDatabase& db = mStaging.db();
        db.exec(
            QStringLiteral("CREATE TEMPORARY TABLE recheck_new_ids (old INTEGER PRIMARY KEY, new INTEGER)"));
        {
            SqliteStatement insert(db, QStringLiteral("INSERT INTO recheck_new_ids VALUES (?, ?)"));
            for (auto it = ids.constBegin(); it != ids.constEnd(); ++it) {
                insert.bind(1, static_cast<std::int64_t>(it.key()))
                    .bind(2, static_cast<std::int64_t>(it.value()));
                insert.execute();
            }
        }
        // One statement: an old id equal to another row's new id cannot
        // chain.
        db.exec(QStringLiteral("UPDATE %1 SET %2 = (SELECT new FROM recheck_new_ids WHERE old = %2) "
                               "WHERE %2 IN (SELECT old FROM recheck_new_ids)")
                    .arg(pgQuoteIdentifier(table), pgQuoteIdentifier(column)));
        db.exec(QStringLiteral("DROP TABLE recheck_new_ids"));
    }

    std::unique_ptr<QTemporaryDir> mScratch;
    PgTransaction mTransaction;
    PgStagingMaster mStaging;
};

const QString kReadOnly = QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
const QString kReadWrite = QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ");

void stageAll(PgStagingMaster& staging, std::initializer_list<const char*> tables) {
    for (const char* table : tables)
        staging.stageWhole(QString::fromLatin1(table));
}

// The staging file's path in what core code reports, as the master's.
QString shown(QString text, const QString& stagingPath, const QString& location) {
    return text.replace(stagingPath, location);
}

// An import report names the archive it ran on: the master, not the
// staging file. The files are rewritten only when they name it.
void fixReportFiles(const io::ImportResult& result, const QString& stagingPath, const QString& location) {
    // The location as the inside of a JSON string (a connection string may
    // hold quotes or backslashes); the staging path needs no escaping.
    QByteArray jsonLocation = QJsonDocument(QJsonArray{location}).toJson(QJsonDocument::Compact);
    jsonLocation = jsonLocation.mid(2, jsonLocation.size() - 4);
    const auto rewrite = [&](const QString& path, const QByteArray& replacement) {
        QFile file(path);
        if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
            return;
        QByteArray text = file.readAll();
        file.close();
        if (!text.contains(stagingPath.toUtf8()))
            return;
        text.replace(stagingPath.toUtf8(), replacement);
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(text);
    };
    rewrite(result.reportJson, jsonLocation);
    rewrite(result.reportCsv, location.toUtf8());
}

// A channel's sender seen through PostgreSQL: the claim the outbox just
// made in the staging file is committed to PostgreSQL before the real
// sender is called, so a run killed while sending leaves the row 'sending'
// in the master, never silently queued again.
class ClaimingSender : public ReminderSender {
public:
    ClaimingSender(PgConnection& pg, ReminderSender& sender) : mPg(pg), mSender(sender) {}
    QString channel() const override { return mSender.channel(); }
    bool deduplicatesByIdempotencyKey() const override { return mSender.deduplicatesByIdempotencyKey(); }
    SendResult send(const OutboxMessage& message) override {
        const PgResult claimed =
            mPg.query(QStringLiteral("UPDATE reminder_outbox SET status = 'sending', claimed_at = $1, "
                                     "idempotency_key = coalesce(idempotency_key, $2) "
                                     "WHERE id = $3 AND status IN ('queued', 'failed', 'sending')"),
                      {message.claimedAt, message.idempotencyKey, static_cast<qlonglong>(message.id)});
        if (claimed.affectedRows() != 1) {
            SendResult refused;
            refused.detail = QStringLiteral("not sent: the message was cancelled or taken meanwhile");
            return refused;
        }
        return mSender.send(message);
    }

private:
    PgConnection& mPg;
    ReminderSender& mSender;
};

// The key of the advisory lock one reminder delivery holds at a time.
constexpr qlonglong kReminderDeliveryLock = 0x52454d494e44; // "REMIND"

} // namespace

PgMasterOffice::PgMasterOffice(PgMasterStore& store, PgRetryPolicy retry) : mStore(store), mRetry(retry) {}

planning::GenerationReport PgMasterOffice::generatePlan(const planning::GenerationOptions& options) {
    PgMasterSync::upgradeSchema(mStore);
    std::map<QString, qint64> written;
    planning::GenerationReport generated = pgWithRetries(mRetry, mLastAttempts, [&](int) {
        written.clear();
        StagedRun run(mStore, kReadWrite);
        PgStagingMaster& staging = run.staging();
        stageAll(staging, {"plans", "plan_districts", "districts", "staff", "staff_districts", "tasks"});
        // The customers a new task's scope can hold (PlanGenerator counts
        // them, PlanTasks copies them into task_scope).
        staging.stage(QStringLiteral("customers"), QStringLiteral("t.status <> 'closed'"));
        staging.finish();
        const planning::GenerationReport report = planning::PlanGenerator(staging.db()).generate(options);
        if (!options.dryRun) {
            run.writeBack({});
            written = run.domainRowsWritten();
        }
        run.commit();
        return report;
    });
    // A new period's tasks and their scopes (task_scope is partitioned).
    if (!written.empty())
        mStore.refreshStatistics(written);
    return generated;
}

std::vector<planning::TaskProgress> PgMasterOffice::progress(const planning::ProgressOptions& options) {
    PgMasterSync::upgradeSchema(mStore);
    StagedRun run(mStore, kReadOnly);
    PgStagingMaster& staging = run.staging();
    stageAll(staging, {"plans", "districts", "staff", "tasks"});
    // The rows counted for the tasks reported: those due (planned end) in
    // the window, as ProgressReport picks them; all tasks without one.
    QStringList due{QStringLiteral("t.task_uuid IS NOT NULL")};
    QVariantList window;
    if (options.from.isValid() || options.to.isValid()) {
        QStringList end{QStringLiteral("planned_end IS NOT NULL")};
        if (options.from.isValid()) {
            window << options.from.toString(Qt::ISODate);
            end << QStringLiteral("planned_end >= $%1").arg(window.size());
        }
        if (options.to.isValid()) {
            window << options.to.toString(Qt::ISODate);
            end << QStringLiteral("planned_end <= $%1").arg(window.size());
        }
        due << QStringLiteral("t.task_uuid IN (SELECT uuid FROM tasks WHERE %1)")
                   .arg(end.join(QStringLiteral(" AND ")));
    }
    const QString dueTasks = due.join(QStringLiteral(" AND "));
    staging.stage(QStringLiteral("task_scope"), dueTasks, window);
    staging.stage(QStringLiteral("visits"), dueTasks, window);
    staging.stage(QStringLiteral("discrepancies"),
                  QStringLiteral("t.visit_uuid IN (SELECT t.uuid FROM visits t WHERE %1)").arg(dueTasks),
                  window);
    staging.finish();
    run.commit();
    return planning::ProgressReport(staging.db()).tasks(options);
}

planning::PlanTasks::Reschedule PgMasterOffice::reschedule(const QString& taskUuid, const QDate& start,
                                                           const QDate& end, const QString& user) {
    PgMasterSync::upgradeSchema(mStore);
    return pgWithRetries(mRetry, mLastAttempts, [&](int) {
        StagedRun run(mStore, kReadWrite);
        PgStagingMaster& staging = run.staging();
        // What PlanTasks::task() reads: the task and the rows it joins.
        const QVariantList task{taskUuid};
        staging.stage(QStringLiteral("districts"),
                      QStringLiteral("t.uuid IN (SELECT district_uuid FROM tasks WHERE uuid = $1)"), task);
        staging.stage(QStringLiteral("staff"),
                      QStringLiteral("t.uuid IN (SELECT assignee_uuid FROM tasks WHERE uuid = $1)"), task);
        staging.stage(QStringLiteral("plans"),
                      QStringLiteral("t.uuid IN (SELECT plan_uuid FROM tasks WHERE uuid = $1)"), task);
        staging.stage(QStringLiteral("tasks"), QStringLiteral("t.uuid = $1"), task);
        staging.finish();
        planning::PlanTasks::Reschedule result;
        try {
            result = planning::PlanTasks(staging.db()).reschedule(taskUuid, start, end, user);
        } catch (const RecheckError& e) {
            // "no task …" names the database: the master, not the staging file.
            throw RecheckError(
                shown(QString::fromUtf8(e.what()), staging.path(), mStore.location()).toStdString(),
                e.kind());
        }
        run.writeBack({});
        run.commit();
        return result;
    });
}

io::ExportResult PgMasterOffice::exportCustomers(const QString& path, const io::ExportOptions& options) {
    PgMasterSync::upgradeSchema(mStore);
    StagedRun run(mStore, kReadOnly);
    PgStagingMaster& staging = run.staging();
    stageAll(staging, {"districts", "feeders", "customers", "visits"});
    staging.stage(QStringLiteral("discrepancies"), QStringLiteral("t.status = 'accepted'"));
    staging.stage(QStringLiteral("sync_provenance"), QStringLiteral("t.table_name = 'customers'"));
    staging.finish();
    run.commit();
    Archive archive = Archive::open(staging.path(), Archive::Access::ReadOnly);
    return io::ArchiveExporter::exportCustomers(archive, path, options);
}

io::ImportResult PgMasterOffice::importFile(const QString& file, const io::ImportOptions& options) {
    PgMasterSync::upgradeSchema(mStore);
    const QString location = mStore.location();
    std::map<QString, qint64> written;
    io::ImportResult imported = pgWithRetries(mRetry, mLastAttempts, [&](int) {
        written.clear();
        StagedRun run(mStore, kReadWrite);
        PgStagingMaster& staging = run.staging();
        stageAll(staging, {"code_lists", "districts", "feeders", "customers", "import_runs"});
        staging.stage(QStringLiteral("import_review"), QStringLiteral("t.status = 'open'"));
        staging.stage(QStringLiteral("sync_provenance"), QStringLiteral("t.table_name = 'customers'"));
        if (options.profile.kind == io::ImportKind::Roads)
            staging.stageWhole(QStringLiteral("roads"));
        staging.finish();
        io::ImportResult result;
        {
            Archive archive = Archive::open(staging.path(), Archive::Access::ReadWrite);
            result = io::ArchiveImporter::run(archive, file, options);
        }
        fixReportFiles(result, staging.path(), location);
        for (io::RowIssue& issue : result.issues)
            issue.reason = shown(issue.reason, staging.path(), location);
        if (result.applied) {
            const NewIds ids = run.writeBack(
                {{QStringLiteral("import_runs"), {}, {}},
                 {QStringLiteral("import_review"), QStringLiteral("run_id"), QStringLiteral("import_runs")}});
            result.runId = ids.at(QStringLiteral("import_runs")).value(result.runId, result.runId);
            written = run.domainRowsWritten();
            written[QStringLiteral("import_runs")] = 1;
            written[QStringLiteral("import_review")] = ids.at(QStringLiteral("import_review")).size();
        }
        run.commit();
        return result;
    });
    // A first import fills empty tables, a large one changes their
    // statistics: the estimates QGIS and the planner read follow.
    if (imported.applied)
        mStore.refreshStatistics(written);
    return imported;
}

RemindResult PgMasterOffice::remind(const RemindRequest& request) {
    PgMasterSync::upgradeSchema(mStore);
    PgConnection& pg = mStore.connection();
    RemindResult result;
    ReminderPolicy policy;
    // Queue: the rules on a staged copy, new outbox rows and the watermark
    // written back.
    result.queued = pgWithRetries(mRetry, mLastAttempts, [&](int) {
        StagedRun run(mStore, kReadWrite);
        PgStagingMaster& staging = run.staging();
        stageAll(staging, {"plans", "districts", "staff", "tasks", "reminder_settings", "reminder_state",
                           "reminder_outbox"});
        staging.stage(QStringLiteral("reminder_deliveries"), QStringLiteral("false"));
        // The changes since the watermark, as the master's change_log has
        // them (ReminderRules reads them; they are no change of this run).
        const qlonglong watermark = ReminderRules::watermark(staging.db());
        staging.stage(QStringLiteral("change_log"), QStringLiteral("t.seq > $1"), {watermark});
        staging.finish();
        staging.db().exec(QStringLiteral("CREATE TEMPORARY TABLE recheck_master_changes AS "
                                         "SELECT seq FROM change_log"));
        policy = ReminderPolicy::fromArchive(staging.db());
        request.config.applyTo(policy);
        ReminderOutbox outbox(staging.db());
        QueueReport queued = outbox.queueFromRules(request.now, policy, request.dryRun);
        if (request.send && request.dryRun)
            result.wouldSend = outbox.due(request.now);
        if (!request.dryRun) {
            staging.db().exec(QStringLiteral(
                "DELETE FROM change_log WHERE seq IN (SELECT seq FROM recheck_master_changes)"));
            const NewIds ids = run.writeBack(
                {{QStringLiteral("reminder_outbox"), {}, {}}, {QStringLiteral("reminder_state"), {}, {}}});
            const QHash<qint64, qint64>& outboxIds = ids.at(QStringLiteral("reminder_outbox"));
            for (OutboxMessage& m : queued.queued)
                m.id = outboxIds.value(m.id, m.id);
        }
        run.commit();
        return queued;
    });
    if (!request.send || request.dryRun)
        return result;

    // Delivery: one at a time across the office (advisory lock), each claim
    // committed before its message leaves, the attempts written back at
    // the end.
    pg.query(QStringLiteral("SELECT pg_advisory_lock($1)"), {kReminderDeliveryLock});
    struct Unlock {
        PgConnection& pg;
        ~Unlock() {
            try {
                pg.query(QStringLiteral("SELECT pg_advisory_unlock($1)"), {kReminderDeliveryLock});
            } catch (...) {
            }
        }
    } unlock{pg};
    const std::unique_ptr<QTemporaryDir> scratch = pgScratchDirectory(QString());
    std::unique_ptr<PgStagingMaster> staging;
    {
        PgTransaction read(pg, kReadOnly);
        staging = std::make_unique<PgStagingMaster>(mStore, scratch->path());
        staging->stage(QStringLiteral("reminder_outbox"),
                       QStringLiteral("t.status IN ('queued', 'failed', 'sending')"));
        staging->stage(QStringLiteral("reminder_deliveries"), QStringLiteral("false"));
        staging->finish();
        read.commit();
    }
    std::vector<std::unique_ptr<ClaimingSender>> claiming;
    std::map<QString, ReminderSender*> senders;
    for (const auto& [channel, sender] : request.senders)
        if (sender) {
            claiming.push_back(std::make_unique<ClaimingSender>(pg, *sender));
            senders[channel] = claiming.back().get();
        }
    result.delivered = ReminderOutbox(staging->db()).deliverDue(request.now, policy, senders);
    PgTransaction write(pg);
    // Only rows this run claimed (still 'sending' in the master) take the
    // run's outcome: a message cancelled or marked sent by hand meanwhile
    // keeps that decision.
    staging->applyVerbatim(QStringLiteral("reminder_outbox"), QStringLiteral("status = 'sending'"));
    staging->applyVerbatim(QStringLiteral("reminder_deliveries"));
    write.commit();
    return result;
}

} // namespace recheck
