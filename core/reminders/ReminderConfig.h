#pragma once

#include "ReminderSenders.h"
#include "ReminderTypes.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <optional>

namespace recheck {

/// The command line's reminder configuration: a JSON file (see
/// packaging/systemd/remind.example.json) naming the SMS gateway, the SMTP
/// server and policy overrides, with the secrets in a separate JSON file
/// ("secrets_file", relative to the config's folder) that must be readable by
/// its owner only. Secrets are referenced by name: ${secret.NAME} in the
/// gateway's url, headers and body; "password_secret" for SMTP.
struct ReminderConfig {
    // tr() under the context lupdate records for the members' strings.
    Q_DECLARE_TR_FUNCTIONS(recheck::ReminderConfig)

public:
    QString path;
    QString secretsPath;
    std::optional<HttpGatewayConfig> smsGateway;
    std::optional<SmtpConfig> smtp;
    QJsonObject policyOverrides;         ///< keys as in reminder_settings, applied over the archive's
    std::optional<int> utcOffsetMinutes; ///< the recipients' local time; default: this machine's

    /// Reads and validates the config and its secrets file. Throws
    /// RecheckError: Io when a file cannot be read, InvalidInput when the
    /// content is wrong or the secrets file is readable by others (the
    /// message names the file and the fix, `chmod 600 FILE`).
    static ReminderConfig load(const QString& path);

    /// Throws InvalidInput unless `path` is a regular file without any group
    /// or other permission bits (0600 or 0400).
    static void checkOwnerOnly(const QString& path);

    void applyTo(ReminderPolicy& policy) const;
    /// Every secret value, for scrubbing reports.
    QStringList secretValues() const;

private:
    QHash<QString, QString> mSecrets;
};

} // namespace recheck
