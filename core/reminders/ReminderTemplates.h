#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace recheck {

/// A message ready for a channel: subject (email only) and body.
struct RenderedReminder {
    QString subject;
    QString body;
};

/// Message templates by code. The large Chinese SMS services accept only
/// pre-approved templates with named parameters, so a reminder is stored as
/// code + parameters and the gateway config maps our code to the provider's
/// template id. The body is rendered here in the recipient's language (not
/// the language of the process that queues it), so the texts are a table in
/// both shipped languages rather than tr() strings. SMS bodies stay short.
class ReminderTemplates {
public:
    static QStringList codes();
    /// `language` zh_CN or en (anything else falls back to zh_CN, the
    /// archive default). Unknown codes throw RecheckError (InvalidInput).
    static RenderedReminder render(const QString& templateCode, const QJsonObject& params,
                                   const QString& language);
    /// Replaces ${name} with params[name]; unknown names are left as they are.
    static QString substitute(const QString& text, const QJsonObject& params);
};

} // namespace recheck
