#include "ReminderRules.h"

#include <QDate>
#include <QHash>
#include <QSet>

#include <map>
#include <optional>

namespace recheck {

namespace {

struct StaffMember {
    QString uuid, name, phone, email, language, digest, supervisorUuid;
};

struct TaskRow {
    QString uuid, planUuid, status, priority, plannedStart, plannedEnd, assigneeUuid, planName, districtName;
    bool open() const { return status == QLatin1String("issued") || status == QLatin1String("in_progress"); }
};

const char* kTaskSelect =
    "SELECT t.uuid, coalesce(t.plan_uuid, ''), t.status, t.priority, coalesce(t.planned_start, ''),\n"
    "  coalesce(t.planned_end, ''), coalesce(t.assignee_uuid, ''), coalesce(p.name, ''), coalesce(d.name, "
    "'')\n"
    "FROM tasks t LEFT JOIN plans p ON p.uuid = t.plan_uuid LEFT JOIN districts d ON d.uuid = "
    "t.district_uuid\n";

TaskRow readTask(SqliteStatement& s) {
    return {s.text(0), s.text(1), s.text(2), s.text(3), s.text(4),
            s.text(5), s.text(6), s.text(7), s.text(8)};
}

class RuleContext {
public:
    RuleContext(SqliteDatabase& db, const QDateTime& now, const ReminderPolicy& policy)
        : mDb(db), mToday(now.date()), mPolicy(policy) {}

    std::optional<StaffMember> staff(const QString& uuid) {
        if (uuid.isEmpty())
            return std::nullopt;
        auto it = mStaff.find(uuid);
        if (it != mStaff.end())
            return it->second;
        SqliteStatement s(
            mDb, QStringLiteral("SELECT uuid, name, coalesce(phone, ''), coalesce(email, ''), language,\n"
                                "  digest, coalesce(supervisor_uuid, '') FROM staff WHERE uuid = ?"));
        s.bind(1, uuid);
        std::optional<StaffMember> member;
        if (s.step())
            member = StaffMember{s.text(0), s.text(1), s.text(2).trimmed(), s.text(3).trimmed(), s.text(4),
                                 s.text(5), s.text(6)};
        mStaff.emplace(uuid, member);
        return member;
    }

    std::optional<TaskRow> task(const QString& uuid) {
        SqliteStatement s(mDb, QString::fromLatin1(kTaskSelect) + QStringLiteral("WHERE t.uuid = ?"));
        s.bind(1, uuid);
        if (!s.step())
            return std::nullopt;
        return readTask(s);
    }

    /// One draft per enabled channel the person has an address for.
    void add(const QString& kind, const QString& templateCode, const QString& subject, const StaffMember& to,
             const QJsonObject& params, const QString& planUuid, const QString& taskUuid, bool urgent) {
        const QString language =
            to.language == QLatin1String("en") ? QStringLiteral("en") : QStringLiteral("zh_CN");
        for (const QString& channel : mPolicy.channels) {
            const QString address = channel == QLatin1String("sms")     ? to.phone
                                    : channel == QLatin1String("email") ? to.email
                                                                        : QString();
            if (address.isEmpty())
                continue;
            ReminderDraft d;
            d.kind = kind;
            d.templateCode = templateCode;
            d.params = params;
            d.recipientUuid = to.uuid;
            d.recipientName = to.name;
            d.language = language;
            d.channel = channel;
            d.address = address;
            d.planUuid = planUuid;
            d.taskUuid = taskUuid;
            d.urgent = urgent;
            d.dedupeKey = QStringList{kind, subject, to.uuid, channel, mToday.toString(Qt::ISODate)}.join(
                QLatin1Char('|'));
            mDrafts.push_back(std::move(d));
        }
    }

    QJsonObject taskParams(const TaskRow& t) const {
        return {{QStringLiteral("plan"), t.planName},
                {QStringLiteral("district"), t.districtName},
                {QStringLiteral("start"), t.plannedStart},
                {QStringLiteral("end"), t.plannedEnd}};
    }

    SqliteDatabase& mDb;
    QDate mToday;
    const ReminderPolicy& mPolicy;
    std::map<QString, std::optional<StaffMember>> mStaff;
    std::vector<ReminderDraft> mDrafts;
};

void changedRules(RuleContext& ctx, std::int64_t from, std::int64_t to) {
    // Order of first appearance keeps the queue in the order things happened.
    QStringList taskOrder, planOrder;
    QSet<QString> insertedTasks, insertedPlans;
    SqliteStatement changes(ctx.mDb,
                            QStringLiteral("SELECT table_name, row_uuid, op FROM change_log\n"
                                           "WHERE seq > ? AND seq <= ? AND table_name IN ('plans', 'tasks')\n"
                                           "  AND op IN ('insert', 'update') ORDER BY seq"));
    changes.bind(1, from).bind(2, to);
    while (changes.step()) {
        const bool isTask = changes.text(0) == QLatin1String("tasks");
        const QString uuid = changes.text(1);
        QStringList& order = isTask ? taskOrder : planOrder;
        if (!order.contains(uuid))
            order << uuid;
        if (changes.text(2) == QLatin1String("insert"))
            (isTask ? insertedTasks : insertedPlans).insert(uuid);
    }
    QSet<QString> notified; // assignee|plan pairs already told through a task
    for (const QString& uuid : taskOrder) {
        const auto task = ctx.task(uuid);
        if (!task || !task->open())
            continue;
        const auto assignee = ctx.staff(task->assigneeUuid);
        if (!assignee)
            continue;
        notified.insert(assignee->uuid + QLatin1Char('|') + task->planUuid);
        if (task->priority == QLatin1String("urgent"))
            ctx.add(QStringLiteral("urgent"), QStringLiteral("RC_URGENT"), uuid, *assignee,
                    ctx.taskParams(*task), task->planUuid, uuid, true);
        else if (insertedTasks.contains(uuid))
            ctx.add(QStringLiteral("task_added"), QStringLiteral("RC_TASK_ADDED"), uuid, *assignee,
                    ctx.taskParams(*task), task->planUuid, uuid, false);
        else
            ctx.add(QStringLiteral("task_changed"), QStringLiteral("RC_TASK_CHANGED"), uuid, *assignee,
                    ctx.taskParams(*task), task->planUuid, uuid, false);
    }
    // A new plan reaches people through its new tasks; a changed plan tells
    // the assignees of its open tasks (unless a task reminder already did).
    for (const QString& planUuid : planOrder) {
        if (insertedPlans.contains(planUuid))
            continue;
        SqliteStatement tasks(ctx.mDb, QString::fromLatin1(kTaskSelect) +
                                           QStringLiteral("WHERE t.plan_uuid = ? AND t.status IN ('issued', "
                                                          "'in_progress') ORDER BY t.planned_start, t.uuid"));
        tasks.bind(1, planUuid);
        QSet<QString> told;
        while (tasks.step()) {
            const TaskRow task = readTask(tasks);
            const auto assignee = ctx.staff(task.assigneeUuid);
            if (!assignee || told.contains(assignee->uuid) ||
                notified.contains(assignee->uuid + QLatin1Char('|') + planUuid))
                continue;
            told.insert(assignee->uuid);
            ctx.add(QStringLiteral("plan_changed"), QStringLiteral("RC_PLAN_CHANGED"), planUuid, *assignee,
                    {{QStringLiteral("plan"), task.planName}}, planUuid, {}, false);
        }
    }
}

void overdueRules(RuleContext& ctx) {
    SqliteStatement tasks(ctx.mDb,
                          QString::fromLatin1(kTaskSelect) +
                              QStringLiteral("WHERE t.status IN ('issued', 'in_progress')\n"
                                             "  AND t.planned_end IS NOT NULL AND t.planned_end < ?\n"
                                             "ORDER BY t.planned_end, t.uuid"));
    tasks.bind(1, ctx.mToday.toString(Qt::ISODate));
    while (tasks.step()) {
        const TaskRow task = readTask(tasks);
        const QDate end = QDate::fromString(task.plannedEnd.left(10), Qt::ISODate);
        const auto assignee = ctx.staff(task.assigneeUuid);
        if (!end.isValid() || !assignee)
            continue;
        const qint64 days = end.daysTo(ctx.mToday);
        QJsonObject params = ctx.taskParams(task);
        params.insert(QStringLiteral("days"), QString::number(days));
        ctx.add(QStringLiteral("overdue"), QStringLiteral("RC_OVERDUE"), task.uuid, *assignee, params,
                task.planUuid, task.uuid, false);
        if (!ctx.mPolicy.escalateOverdueToSupervisor || days < ctx.mPolicy.escalateAfterDays)
            continue;
        const auto supervisor = ctx.staff(assignee->supervisorUuid);
        if (!supervisor || supervisor->uuid == assignee->uuid)
            continue;
        params.insert(QStringLiteral("assignee"), assignee->name);
        ctx.add(QStringLiteral("overdue_supervisor"), QStringLiteral("RC_OVERDUE_SUPERVISOR"), task.uuid,
                *supervisor, params, task.planUuid, task.uuid, false);
    }
}

void digestRules(RuleContext& ctx) {
    const QDate today = ctx.mToday;
    SqliteStatement people(ctx.mDb, QStringLiteral("SELECT uuid, digest FROM staff WHERE digest IN ('daily', "
                                                   "'weekly', 'monthly') ORDER BY code"));
    while (people.step()) {
        const QString digest = people.text(1);
        QDate horizonEnd; // exclusive
        if (digest == QLatin1String("daily"))
            horizonEnd = today.addDays(1);
        else if (digest == QLatin1String("weekly") && today.dayOfWeek() == Qt::Monday)
            horizonEnd = today.addDays(7);
        else if (digest == QLatin1String("monthly") && today.day() == 1)
            horizonEnd = today.addMonths(1);
        else
            continue;
        const auto member = ctx.staff(people.text(0));
        if (!member)
            continue;
        SqliteStatement counts(
            ctx.mDb,
            QStringLiteral("SELECT count(*),\n"
                           "  coalesce(sum(planned_end IS NOT NULL AND planned_end < :today), 0),\n"
                           "  coalesce(sum(planned_start >= :today AND planned_start < :horizon), 0)\n"
                           "FROM tasks WHERE assignee_uuid = :who AND status IN ('issued', 'in_progress')"));
        counts.bind(1, today.toString(Qt::ISODate))
            .bind(2, horizonEnd.toString(Qt::ISODate))
            .bind(3, member->uuid);
        counts.step();
        const std::int64_t open = counts.int64(0), overdue = counts.int64(1), upcoming = counts.int64(2);
        if (open == 0)
            continue;
        const QString kind = QStringLiteral("digest_") + digest;
        ctx.add(kind, QStringLiteral("RC_DIGEST_") + digest.toUpper(), digest, *member,
                {{QStringLiteral("open"), QString::number(open)},
                 {QStringLiteral("overdue"), QString::number(overdue)},
                 {QStringLiteral("upcoming"), QString::number(upcoming)}},
                {}, {}, false);
    }
}

} // namespace

std::int64_t ReminderRules::watermark(SqliteDatabase& db) {
    return db.scalar(QStringLiteral("SELECT value FROM reminder_state WHERE key = 'change_log_seq'"))
        .toLongLong();
}

void ReminderRules::setWatermark(SqliteDatabase& db, std::int64_t seq) {
    SqliteStatement s(db,
                      QStringLiteral("INSERT INTO reminder_state (key, value) VALUES ('change_log_seq', ?)\n"
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    s.bind(1, QString::number(seq));
    s.execute();
}

RuleEvaluation ReminderRules::evaluate(SqliteDatabase& db, const QDateTime& now,
                                       const ReminderPolicy& policy) {
    RuleEvaluation result;
    result.changeLogFrom = watermark(db);
    result.changeLogTo = std::max<std::int64_t>(
        result.changeLogFrom,
        db.scalar(QStringLiteral("SELECT coalesce(max(seq), 0) FROM change_log")).toLongLong());
    RuleContext ctx(db, now, policy);
    changedRules(ctx, result.changeLogFrom, result.changeLogTo);
    overdueRules(ctx);
    digestRules(ctx);
    result.drafts = std::move(ctx.mDrafts);
    return result;
}

} // namespace recheck
