#include "ReminderConfig.h"

#include "common/RecheckError.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <sys/stat.h>

namespace recheck {

namespace {

// The helpers below are free functions in namespace recheck: lupdate files
// their strings under "recheck" (the members use ReminderConfig::tr).
QString tr(const char* text) {
    return QCoreApplication::translate("recheck", text);
}

[[noreturn]] void refuse(const QString& message, RecheckError::Kind kind = RecheckError::Kind::InvalidInput) {
    throw RecheckError(message.toStdString(), kind);
}

QJsonObject readJsonObject(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        refuse(tr("%1: cannot read: %2").arg(path, file.errorString()), RecheckError::Kind::Io);
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        refuse(tr("%1: not a JSON object (%2 at offset %3)")
                   .arg(path, error.error == QJsonParseError::NoError ? tr("top level is not an object")
                                                                      : error.errorString())
                   .arg(error.offset));
    return doc.object();
}

QString expectString(const QJsonObject& o, const QString& key, const QString& where, const QString& path) {
    const QString value = o.value(key).toString();
    if (value.isEmpty())
        refuse(tr("%1: \"%2\" needs \"%3\"").arg(path, where, key));
    return value;
}

} // namespace

void ReminderConfig::checkOwnerOnly(const QString& path) {
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        refuse(tr("%1: cannot read the secrets file").arg(path), RecheckError::Kind::Io);
    if (!S_ISREG(st.st_mode))
        refuse(tr("%1: the secrets file is not a regular file").arg(path));
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        refuse(tr("%1: the secrets file may be read or changed by other users (mode %2); "
                  "make it readable by its owner only: chmod 600 %1")
                   .arg(path)
                   .arg(QString::number(st.st_mode & 07777, 8)));
}

ReminderConfig ReminderConfig::load(const QString& path) {
    ReminderConfig config;
    config.path = path;
    const QJsonObject root = readJsonObject(path);
    const QDir base = QFileInfo(path).absoluteDir();
    if (root.contains(QStringLiteral("secrets_file"))) {
        config.secretsPath =
            QDir::cleanPath(base.absoluteFilePath(root.value(QStringLiteral("secrets_file")).toString()));
        checkOwnerOnly(config.secretsPath);
        const QJsonObject secrets = readJsonObject(config.secretsPath);
        for (auto it = secrets.begin(); it != secrets.end(); ++it)
            config.mSecrets.insert(it.key(), it.value().toString());
    }
    auto secret = [&](const QString& name, const QString& where) {
        if (!config.mSecrets.contains(name))
            refuse(tr("%1: %2 refers to secret \"%3\", which %4 does not define")
                       .arg(path, where, name,
                            config.secretsPath.isEmpty() ? tr("(no secrets_file)") : config.secretsPath));
        return config.mSecrets.value(name);
    };

    static const char* policyKeys[] = {"quiet_hours_start",          "quiet_hours_end",
                                       "urgent_ignores_quiet_hours", "escalate_overdue_to_supervisor",
                                       "escalate_after_days",        "max_attempts",
                                       "backoff_base_minutes",       "backoff_max_minutes",
                                       "claim_stale_minutes",        "channels"};
    for (const char* key : policyKeys) {
        const QString k = QString::fromLatin1(key);
        if (root.contains(k))
            config.policyOverrides.insert(k, root.value(k));
    }
    if (root.contains(QStringLiteral("utc_offset_minutes")))
        config.utcOffsetMinutes = root.value(QStringLiteral("utc_offset_minutes")).toInt();

    if (root.contains(QStringLiteral("sms_gateway"))) {
        const QJsonObject g = root.value(QStringLiteral("sms_gateway")).toObject();
        HttpGatewayConfig gw;
        gw.url = expectString(g, QStringLiteral("url"), QStringLiteral("sms_gateway"), path);
        gw.method = g.value(QStringLiteral("method")).toString(gw.method);
        gw.bodyFormat = g.value(QStringLiteral("body_format")).toString(gw.bodyFormat);
        if (gw.bodyFormat != QLatin1String("json") && gw.bodyFormat != QLatin1String("form"))
            refuse(tr("%1: sms_gateway.body_format must be \"json\" or \"form\"").arg(path));
        gw.bodyTemplate = g.value(QStringLiteral("body_template")).toString();
        const QJsonObject headers = g.value(QStringLiteral("headers")).toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it)
            gw.headers.append({it.key(), it.value().toString()});
        const QJsonObject success = g.value(QStringLiteral("success")).toObject();
        gw.successStatusMin = success.value(QStringLiteral("status_min")).toInt(gw.successStatusMin);
        gw.successStatusMax = success.value(QStringLiteral("status_max")).toInt(gw.successStatusMax);
        gw.successJsonField = success.value(QStringLiteral("json_field")).toString();
        gw.successJsonValue = success.value(QStringLiteral("json_value")).toVariant().toString();
        gw.messageIdField = g.value(QStringLiteral("message_id_field")).toString();
        gw.timeoutSeconds = g.value(QStringLiteral("timeout_seconds")).toInt(gw.timeoutSeconds);
        gw.deduplicatesIdempotencyKey = g.value(QStringLiteral("deduplicates_idempotency_key")).toBool(false);
        const QJsonObject ids = g.value(QStringLiteral("template_ids")).toObject();
        for (auto it = ids.begin(); it != ids.end(); ++it)
            gw.templateIds.insert(it.key(), it.value().toString());
        // Only the secrets the gateway names travel with it.
        static const QRegularExpression secretRef(QStringLiteral("\\$\\{secret\\.([A-Za-z0-9_]+)\\}"));
        QString all = gw.url + gw.bodyTemplate;
        for (const auto& h : gw.headers)
            all += h.second;
        auto refs = secretRef.globalMatch(all);
        while (refs.hasNext()) {
            const QString name = refs.next().captured(1);
            gw.secrets.insert(name, secret(name, QStringLiteral("sms_gateway")));
        }
        config.smsGateway = gw;
    }
    if (root.contains(QStringLiteral("smtp"))) {
        const QJsonObject s = root.value(QStringLiteral("smtp")).toObject();
        SmtpConfig smtp;
        smtp.url = expectString(s, QStringLiteral("url"), QStringLiteral("smtp"), path);
        if (!smtp.url.startsWith(QLatin1String("smtp://")) && !smtp.url.startsWith(QLatin1String("smtps://")))
            refuse(tr("%1: smtp.url must start with smtp:// or smtps://").arg(path));
        if (smtp.url.section(QStringLiteral("://"), 1)
                .section(QLatin1Char('/'), 0, 0)
                .contains(QLatin1Char('@')))
            refuse(tr("%1: smtp.url must not carry credentials; use username and password_secret").arg(path));
        smtp.tls = s.value(QStringLiteral("tls")).toString(smtp.tls);
        if (smtp.tls != QLatin1String("none") && smtp.tls != QLatin1String("try") &&
            smtp.tls != QLatin1String("required"))
            refuse(tr("%1: smtp.tls must be \"none\", \"try\" or \"required\"").arg(path));
        smtp.username = s.value(QStringLiteral("username")).toString();
        if (s.contains(QStringLiteral("password_secret")))
            smtp.password =
                secret(s.value(QStringLiteral("password_secret")).toString(), QStringLiteral("smtp"));
        smtp.fromAddress = expectString(s, QStringLiteral("from"), QStringLiteral("smtp"), path);
        smtp.fromName = s.value(QStringLiteral("from_name")).toString();
        smtp.timeoutSeconds = s.value(QStringLiteral("timeout_seconds")).toInt(smtp.timeoutSeconds);
        smtp.verifyPeer = s.value(QStringLiteral("verify_peer")).toBool(true);
        smtp.caFile = s.value(QStringLiteral("ca_file")).toString();
        config.smtp = smtp;
    }
    return config;
}

void ReminderConfig::applyTo(ReminderPolicy& policy) const {
    const QJsonObject& o = policyOverrides;
    auto time = [](const QJsonValue& v, const QTime& fallback) {
        const QTime t = QTime::fromString(v.toString(), QStringLiteral("HH:mm"));
        return t.isValid() ? t : fallback;
    };
    if (o.contains(QStringLiteral("quiet_hours_start")))
        policy.quietStart = time(o.value(QStringLiteral("quiet_hours_start")), policy.quietStart);
    if (o.contains(QStringLiteral("quiet_hours_end")))
        policy.quietEnd = time(o.value(QStringLiteral("quiet_hours_end")), policy.quietEnd);
    policy.urgentIgnoresQuietHours =
        o.value(QStringLiteral("urgent_ignores_quiet_hours")).toBool(policy.urgentIgnoresQuietHours);
    policy.escalateOverdueToSupervisor =
        o.value(QStringLiteral("escalate_overdue_to_supervisor")).toBool(policy.escalateOverdueToSupervisor);
    policy.escalateAfterDays = o.value(QStringLiteral("escalate_after_days")).toInt(policy.escalateAfterDays);
    policy.maxAttempts = std::max(1, o.value(QStringLiteral("max_attempts")).toInt(policy.maxAttempts));
    policy.backoffBaseMinutes =
        std::max(1, o.value(QStringLiteral("backoff_base_minutes")).toInt(policy.backoffBaseMinutes));
    policy.backoffMaxMinutes =
        std::max(1, o.value(QStringLiteral("backoff_max_minutes")).toInt(policy.backoffMaxMinutes));
    policy.claimStaleMinutes =
        std::max(1, o.value(QStringLiteral("claim_stale_minutes")).toInt(policy.claimStaleMinutes));
    if (o.value(QStringLiteral("channels")).isArray()) {
        policy.channels.clear();
        for (const QJsonValue& v : o.value(QStringLiteral("channels")).toArray())
            policy.channels << v.toString();
    }
}

QStringList ReminderConfig::secretValues() const {
    return mSecrets.values();
}

} // namespace recheck
