#include "ReminderTemplates.h"

#include "common/RecheckError.h"

#include <QRegularExpression>

namespace recheck {

namespace {

struct TemplateText {
    const char* code;
    const char* subjectZh;
    const char* bodyZh;
    const char* subjectEn;
    const char* bodyEn;
};

// Parameters: plan, district, start, end, days, assignee, open, overdue,
// upcoming. Kept to what a 70-character SMS can carry.
const TemplateText kTemplates[] = {
    {"RC_TASK_ADDED", "新复查任务：${district}",
     "【复查】新任务：${plan}·${district}，计划${start}至${end}。", "New re-check task: ${district}",
     "Recheck: new task ${plan} / ${district}, planned ${start} to ${end}."},
    {"RC_TASK_CHANGED", "复查任务已变更：${district}",
     "【复查】任务变更：${plan}·${district}，现计划${start}至${end}。", "Re-check task changed: ${district}",
     "Recheck: task changed ${plan} / ${district}, now ${start} to ${end}."},
    {"RC_PLAN_CHANGED", "复查计划已变更：${plan}", "【复查】计划“${plan}”已变更，请查看您的任务。",
     "Re-check plan changed: ${plan}", "Recheck: plan \"${plan}\" changed, please check your tasks."},
    {"RC_URGENT", "紧急复查任务：${district}", "【复查】紧急任务：${plan}·${district}，请于${end}前完成。",
     "URGENT re-check task: ${district}", "Recheck URGENT: ${plan} / ${district}, due ${end}."},
    {"RC_OVERDUE", "复查任务已逾期${days}天：${district}",
     "【复查】任务逾期${days}天：${plan}·${district}（应于${end}完成）。",
     "Re-check task ${days} days overdue: ${district}",
     "Recheck: task ${days} days overdue: ${plan} / ${district} (due ${end})."},
    {"RC_OVERDUE_SUPERVISOR", "${assignee}的复查任务已逾期${days}天",
     "【复查】${assignee}的任务逾期${days}天：${plan}·${district}。",
     "${assignee}'s re-check task is ${days} days overdue",
     "Recheck: ${assignee}'s task is ${days} days overdue: ${plan} / ${district}."},
    {"RC_DIGEST_DAILY", "每日复查汇总",
     "【复查】今日汇总：未完成${open}项，逾期${overdue}项，近期开始${upcoming}项。", "Daily re-check summary",
     "Recheck daily: ${open} open, ${overdue} overdue, ${upcoming} starting soon."},
    {"RC_DIGEST_WEEKLY", "每周复查汇总",
     "【复查】本周汇总：未完成${open}项，逾期${overdue}项，本周开始${upcoming}项。",
     "Weekly re-check summary",
     "Recheck weekly: ${open} open, ${overdue} overdue, ${upcoming} starting this week."},
    {"RC_DIGEST_MONTHLY", "每月复查汇总",
     "【复查】本月汇总：未完成${open}项，逾期${overdue}项，本月开始${upcoming}项。",
     "Monthly re-check summary",
     "Recheck monthly: ${open} open, ${overdue} overdue, ${upcoming} starting this month."},
    {"RC_TEST", "复查提醒测试", "【复查】测试消息，提醒设置正常。", "Recheck reminder test",
     "Recheck: test message, reminders are set up correctly."},
};

} // namespace

QStringList ReminderTemplates::codes() {
    QStringList out;
    for (const TemplateText& t : kTemplates)
        out << QString::fromLatin1(t.code);
    return out;
}

QString ReminderTemplates::substitute(const QString& text, const QJsonObject& params) {
    static const QRegularExpression placeholder(QStringLiteral("\\$\\{([A-Za-z0-9_]+)\\}"));
    QString out;
    int last = 0;
    auto it = placeholder.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        const QString name = m.captured(1);
        out += params.contains(name) ? params.value(name).toVariant().toString() : m.captured(0);
        last = m.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

RenderedReminder ReminderTemplates::render(const QString& templateCode, const QJsonObject& params,
                                           const QString& language) {
    for (const TemplateText& t : kTemplates) {
        if (templateCode != QLatin1String(t.code))
            continue;
        const bool english = language == QLatin1String("en");
        return {substitute(QString::fromUtf8(english ? t.subjectEn : t.subjectZh), params),
                substitute(QString::fromUtf8(english ? t.bodyEn : t.bodyZh), params)};
    }
    throw RecheckError(QStringLiteral("unknown reminder template \"%1\"").arg(templateCode).toStdString(),
                       RecheckError::Kind::InvalidInput);
}

} // namespace recheck
