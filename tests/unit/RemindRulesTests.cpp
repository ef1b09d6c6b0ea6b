// Reminder rules and the outbox on hand-made plans: who is told of what,
// once, and when (quiet hours, digest boundaries).

#include "RemindFixtures.h"

#include "reminders/ReminderRules.h"
#include "reminders/ReminderTemplates.h"

#include <QJsonDocument>

using namespace recheck;
using namespace recheck::remindtest;

namespace {

struct Team {
    QString wang, li, smith, zhao, district, plan;
};

// Wang supervises Li (Chinese, daily digest) and Smith (English, weekly);
// Zhao (monthly, email only) has no supervisor.
Team makeTeam(RemindArchive& a) {
    Team t;
    t.wang = a.staff(QStringLiteral("S01"), QStringLiteral("王班长"), QStringLiteral("13900000001"),
                     QStringLiteral("wang@example.cn"), QStringLiteral("zh_CN"), QStringLiteral("none"));
    t.li = a.staff(QStringLiteral("S02"), QStringLiteral("李四"), QStringLiteral("13800000001"),
                   QStringLiteral("li@example.cn"), QStringLiteral("zh_CN"), QStringLiteral("daily"), t.wang);
    t.smith = a.staff(QStringLiteral("S03"), QStringLiteral("Smith"), QStringLiteral("13800000002"), {},
                      QStringLiteral("en"), QStringLiteral("weekly"), t.wang);
    t.zhao = a.staff(QStringLiteral("S04"), QStringLiteral("赵六"), {}, QStringLiteral("zhao@example.cn"),
                     QStringLiteral("zh_CN"), QStringLiteral("monthly"));
    t.district = a.district(QStringLiteral("TQ001"), QStringLiteral("东关一号台区"));
    t.plan = a.plan(QStringLiteral("P2024-06"), QStringLiteral("六月复查"));
    return t;
}

} // namespace

TEST_CASE("new and urgent tasks reach their assignee once, digests by choice", "[remind][rules]") {
    RemindArchive a;
    const Team t = makeTeam(a);
    const QString normal =
        a.task(t.plan, t.district, t.li, QStringLiteral("issued"), QStringLiteral("normal"),
               QStringLiteral("2024-06-05"), QStringLiteral("2024-06-10"));
    a.task(t.plan, t.district, t.smith, QStringLiteral("issued"), QStringLiteral("urgent"),
           QStringLiteral("2024-06-03"), QStringLiteral("2024-06-04"));
    a.task(t.plan, t.district, t.zhao, QStringLiteral("draft"), QStringLiteral("normal"),
           QStringLiteral("2024-06-05"), QStringLiteral("2024-06-10"));
    a.task(t.plan, t.district, t.li, QStringLiteral("done"), QStringLiteral("normal"),
           QStringLiteral("2024-05-01"), QStringLiteral("2024-05-10"));

    ReminderOutbox outbox(a.db());
    const ReminderPolicy policy = ReminderPolicy::fromArchive(a.db());
    const QDateTime monday = chinaTime(2024, 6, 3, 9); // a Monday, not the 1st

    SECTION("a dry run reports and writes nothing") {
        const QueueReport dry = outbox.queueFromRules(monday, policy, true);
        CHECK(dry.queued.size() == 6);
        CHECK(a.count(QStringLiteral("SELECT count(*) FROM reminder_outbox")) == 0);
        CHECK(ReminderRules::watermark(a.db()) == 0);
    }

    const QueueReport first = outbox.queueFromRules(monday, policy, false);
    // Draft and done tasks tell no one; Zhao's monthly digest waits for the 1st.
    CHECK(outboxSummary(a.db()) == QStringList{
                                       QStringLiteral("digest_daily email li@example.cn"),
                                       QStringLiteral("digest_daily sms 13800000001"),
                                       QStringLiteral("digest_weekly sms 13800000002"),
                                       QStringLiteral("task_added email li@example.cn"),
                                       QStringLiteral("task_added sms 13800000001"),
                                       QStringLiteral("urgent sms 13800000002"),
                                   });
    CHECK(first.queued.size() == 6);
    CHECK(ReminderRules::watermark(a.db()) ==
          a.db().scalar(QStringLiteral("SELECT max(seq) FROM change_log")).toLongLong());

    // Bodies in the recipient's language, parameters kept for the template.
    CHECK(a.db()
              .scalar(QStringLiteral(
                  "SELECT body FROM reminder_outbox WHERE kind = 'task_added' AND channel = 'sms'"))
              .toString() ==
          QString::fromUtf8("【复查】新任务：六月复查·东关一号台区，计划2024-06-05至2024-06-10。"));
    CHECK(
        a.db().scalar(QStringLiteral("SELECT body FROM reminder_outbox WHERE kind = 'urgent'")).toString() ==
        QStringLiteral("Recheck URGENT: ") + QString::fromUtf8("六月复查 / 东关一号台区") +
            QStringLiteral(", due 2024-06-04."));
    const QJsonObject params =
        QJsonDocument::fromJson(
            a.db()
                .scalar(QStringLiteral("SELECT params FROM reminder_outbox WHERE kind = 'urgent'"))
                .toString()
                .toUtf8())
            .object();
    CHECK(params.value(QStringLiteral("end")).toString() == QStringLiteral("2024-06-04"));
    CHECK(a.db()
              .scalar(QStringLiteral(
                  "SELECT subject FROM reminder_outbox WHERE kind = 'task_added' AND channel = 'email'"))
              .toString() == QString::fromUtf8("新复查任务：东关一号台区"));
    // SMS bodies stay short enough for one or two messages.
    CHECK(a.count(QStringLiteral("SELECT max(length(body)) FROM reminder_outbox WHERE channel = 'sms'")) <=
          120);

    SECTION("a second run queues nothing new") {
        const QueueReport again = outbox.queueFromRules(monday.addSecs(600), policy, false);
        CHECK(again.queued.empty());
        CHECK(again.duplicates == 3); // the digests, re-derived and recognised
        CHECK(a.count(QStringLiteral("SELECT count(*) FROM reminder_outbox")) == 6);
    }
    SECTION("a changed task tells its assignee again, once") {
        a.db().exec(
            QStringLiteral("UPDATE tasks SET planned_end = '2024-06-12' WHERE uuid = '%1'").arg(normal));
        const QueueReport changed = outbox.queueFromRules(monday.addSecs(3600), policy, false);
        CHECK(outboxSummary(a.db(), QStringLiteral("kind = 'task_changed'")) ==
              QStringList{QStringLiteral("task_changed email li@example.cn"),
                          QStringLiteral("task_changed sms 13800000001")});
        CHECK(changed.queued.size() == 2);
        CHECK(a.db()
                  .scalar(QStringLiteral(
                      "SELECT body FROM reminder_outbox WHERE kind = 'task_changed' AND channel = 'sms'"))
                  .toString()
                  .contains(QStringLiteral("2024-06-12")));
        CHECK(outbox.queueFromRules(monday.addSecs(7200), policy, false).queued.empty());
    }
    SECTION("a changed plan tells the assignees of its open tasks") {
        a.db().exec(QStringLiteral("UPDATE plans SET note = '范围扩大' WHERE uuid = '%1'").arg(t.plan));
        outbox.queueFromRules(monday.addSecs(3600), policy, false);
        CHECK(outboxSummary(a.db(), QStringLiteral("kind = 'plan_changed'")) ==
              QStringList{QStringLiteral("plan_changed email li@example.cn"),
                          QStringLiteral("plan_changed sms 13800000001"),
                          QStringLiteral("plan_changed sms 13800000002")});
    }
}

TEST_CASE("overdue work is reported daily until done, and escalated to the supervisor", "[remind][rules]") {
    RemindArchive a;
    const Team t = makeTeam(a);
    const QString late =
        a.task(t.plan, t.district, t.li, QStringLiteral("in_progress"), QStringLiteral("normal"),
               QStringLiteral("2024-05-20"), QStringLiteral("2024-06-01"));
    // Due today is not overdue yet; tomorrow it is.
    a.task(t.plan, t.district, t.smith, QStringLiteral("issued"), QStringLiteral("normal"),
           QStringLiteral("2024-05-20"), QStringLiteral("2024-06-03"));
    a.markChangesSeen();
    ReminderPolicy policy = ReminderPolicy::fromArchive(a.db());
    policy.channels = QStringList{QStringLiteral("sms")};

    auto overdueOn = [&](const QDateTime& now) {
        QStringList out;
        for (const ReminderDraft& d : ReminderRules::evaluate(a.db(), now, policy).drafts)
            if (d.kind.startsWith(QLatin1String("overdue")))
                out << d.kind + QLatin1Char(' ') + d.address + QLatin1Char(' ') +
                           d.params.value(QStringLiteral("days")).toString();
        out.sort();
        return out;
    };
    CHECK(overdueOn(chinaTime(2024, 6, 3, 9)) ==
          QStringList{QStringLiteral("overdue 13800000001 2"),
                      QStringLiteral("overdue_supervisor 13900000001 2")});

    ReminderOutbox outbox(a.db());
    outbox.queueFromRules(chinaTime(2024, 6, 3, 9), policy, false);
    outbox.queueFromRules(chinaTime(2024, 6, 3, 18), policy, false); // same day: nothing new
    outbox.queueFromRules(chinaTime(2024, 6, 4, 9), policy, false);  // next day: again
    CHECK(outboxSummary(a.db(), QStringLiteral("kind LIKE 'overdue%'")) ==
          (QStringList{QStringLiteral("overdue sms 13800000001"), QStringLiteral("overdue sms 13800000001"),
                       QStringLiteral("overdue sms 13800000002"),
                       QStringLiteral("overdue_supervisor sms 13900000001"),
                       QStringLiteral("overdue_supervisor sms 13900000001"),
                       QStringLiteral("overdue_supervisor sms 13900000001")}));
    CHECK(a.db()
              .scalar(QStringLiteral("SELECT body FROM reminder_outbox WHERE kind = 'overdue_supervisor' "
                                     "AND task_uuid = '%1' ORDER BY id DESC LIMIT 1")
                          .arg(late))
              .toString() == QString::fromUtf8("【复查】李四的任务逾期3天：六月复查·东关一号台区。"));

    SECTION("escalation can wait or be switched off") {
        policy.escalateAfterDays = 3;
        CHECK(overdueOn(chinaTime(2024, 6, 3, 9)) == QStringList{QStringLiteral("overdue 13800000001 2")});
        policy.escalateAfterDays = 1;
        policy.escalateOverdueToSupervisor = false;
        CHECK(overdueOn(chinaTime(2024, 6, 4, 9)) == (QStringList{QStringLiteral("overdue 13800000001 3"),
                                                                  QStringLiteral("overdue 13800000002 1")}));
    }
    SECTION("done work stops the reminders") {
        a.db().exec(QStringLiteral("UPDATE tasks SET status = 'done' WHERE uuid = '%1'").arg(late));
        CHECK(overdueOn(chinaTime(2024, 6, 5, 9)) ==
              (QStringList{QStringLiteral("overdue 13800000002 2"),
                           QStringLiteral("overdue_supervisor 13900000001 2")}));
    }
}

TEST_CASE("digests fall on every day, Mondays and the 1st of the month", "[remind][rules]") {
    RemindArchive a;
    const Team t = makeTeam(a);
    // Each of Li (daily), Smith (weekly) and Zhao (monthly) has open work;
    // Wang (none) too, and never gets a digest.
    for (const QString& who : {t.li, t.smith, t.zhao, t.wang})
        a.task(t.plan, t.district, who, QStringLiteral("issued"), QStringLiteral("normal"),
               QStringLiteral("2024-07-03"), QStringLiteral("2024-07-20"));
    a.markChangesSeen();
    const ReminderPolicy policy = ReminderPolicy::fromArchive(a.db());
    auto digestsOn = [&](const QDateTime& now) {
        QStringList out;
        for (const ReminderDraft& d : ReminderRules::evaluate(a.db(), now, policy).drafts)
            if (d.kind.startsWith(QLatin1String("digest")) && !out.contains(d.kind))
                out << d.kind;
        out.sort();
        return out;
    };
    const QStringList daily{QStringLiteral("digest_daily")};
    CHECK(digestsOn(chinaTime(2024, 6, 30, 8)) == daily); // Sunday, month end
    CHECK(digestsOn(chinaTime(2024, 7, 1, 8)) ==          // Monday and the 1st
          (QStringList{QStringLiteral("digest_daily"), QStringLiteral("digest_monthly"),
                       QStringLiteral("digest_weekly")}));
    CHECK(digestsOn(chinaTime(2024, 7, 2, 8)) == daily);
    CHECK(digestsOn(chinaTime(2024, 2, 29, 8)) == daily); // leap day, a Thursday
    CHECK(digestsOn(chinaTime(2024, 3, 1, 8)) ==
          (QStringList{QStringLiteral("digest_daily"), QStringLiteral("digest_monthly")}));
    CHECK(digestsOn(chinaTime(2024, 7, 8, 8)) ==
          (QStringList{QStringLiteral("digest_daily"), QStringLiteral("digest_weekly")}));

    // Counts: the weekly digest on 1 July sees the task starting on the 3rd
    // as upcoming; the daily one does not.
    for (const ReminderDraft& d : ReminderRules::evaluate(a.db(), chinaTime(2024, 7, 1, 8), policy).drafts) {
        if (d.channel != QLatin1String("sms") && d.channel != QLatin1String("email"))
            continue;
        CHECK(d.params.value(QStringLiteral("open")).toString() == QStringLiteral("1"));
        CHECK(d.params.value(QStringLiteral("upcoming")).toString() ==
              (d.kind == QLatin1String("digest_daily") ? QStringLiteral("0") : QStringLiteral("1")));
    }
    // The monthly digest in English for an English speaker.
    a.db().exec(QStringLiteral("UPDATE staff SET language = 'en' WHERE uuid = '%1'").arg(t.zhao));
    for (const ReminderDraft& d : ReminderRules::evaluate(a.db(), chinaTime(2024, 7, 1, 8), policy).drafts)
        if (d.kind == QLatin1String("digest_monthly"))
            CHECK(ReminderTemplates::render(d.templateCode, d.params, d.language).body ==
                  QStringLiteral("Recheck monthly: 1 open, 0 overdue, 1 starting this month."));
}

TEST_CASE("quiet hours hold messages until morning — urgent ones only if configured", "[remind][rules]") {
    RemindArchive a;
    const Team t = makeTeam(a);
    a.task(t.plan, t.district, t.smith, QStringLiteral("issued"), QStringLiteral("urgent"),
           QStringLiteral("2024-06-03"), QStringLiteral("2024-06-04"));
    a.task(t.plan, t.district, t.li, QStringLiteral("issued"), QStringLiteral("normal"),
           QStringLiteral("2024-06-05"), QStringLiteral("2024-06-06"));
    ReminderPolicy policy = ReminderPolicy::fromArchive(a.db());
    CHECK(policy.quietStart == QTime(21, 0));
    CHECK(policy.quietEnd == QTime(7, 0));
    const QDateTime night = chinaTime(2024, 6, 3, 22, 30);
    ReminderOutbox outbox(a.db());

    SECTION("everything waits for 07:00 local") {
        outbox.queueFromRules(night, policy, false);
        CHECK(a.count(QStringLiteral("SELECT count(*) FROM reminder_outbox")) > 0);
        CHECK(a.count(QStringLiteral("SELECT count(*) FROM reminder_outbox WHERE next_attempt_at <> "
                                     "'2024-06-03T23:00:00Z'")) == 0);
        CHECK(outbox.due(night).empty());
        CHECK(outbox.due(chinaTime(2024, 6, 4, 6, 59)).empty());
        CHECK(outbox.due(chinaTime(2024, 6, 4, 7, 0)).size() ==
              static_cast<size_t>(a.count(QStringLiteral("SELECT count(*) FROM reminder_outbox"))));
    }
    SECTION("after midnight the same morning") {
        outbox.queueFromRules(chinaTime(2024, 6, 4, 1, 15), policy, false);
        CHECK(a.count(QStringLiteral("SELECT count(DISTINCT next_attempt_at) FROM reminder_outbox")) == 1);
        CHECK(a.db().scalar(QStringLiteral("SELECT next_attempt_at FROM reminder_outbox")).toString() ==
              QStringLiteral("2024-06-03T23:00:00Z"));
    }
    SECTION("urgent goes out at night when the archive says so") {
        a.db().exec(QStringLiteral(
            "UPDATE reminder_settings SET value = '1' WHERE key = 'urgent_ignores_quiet_hours'"));
        policy = ReminderPolicy::fromArchive(a.db());
        outbox.queueFromRules(night, policy, false);
        CHECK(outboxSummary(a.db(), QStringLiteral("next_attempt_at = '2024-06-03T14:30:00Z'")) ==
              QStringList{QStringLiteral("urgent sms 13800000002")});
        CHECK(a.count(QStringLiteral("SELECT count(*) FROM reminder_outbox WHERE kind <> 'urgent' AND "
                                     "next_attempt_at <> '2024-06-03T23:00:00Z'")) == 0);
    }
    SECTION("daytime is not quiet") {
        CHECK_FALSE(policy.inQuietHours(QTime(7, 0)));
        CHECK_FALSE(policy.inQuietHours(QTime(20, 59)));
        CHECK(policy.inQuietHours(QTime(21, 0)));
        CHECK(policy.inQuietHours(QTime(0, 0)));
    }
}
