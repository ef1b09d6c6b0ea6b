#pragma once

#include "ReminderTypes.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace recheck {

/// Removes secrets from text bound for logs, reports and error messages:
/// every registered secret value (and its URL- and base64-encoded forms),
/// credentials in URLs (scheme://user:password@host), Authorization headers
/// and token-like query parameters.
class SecretScrubber {
public:
    void addSecret(const QString& secret);
    QString scrub(const QString& text) const;
    static QString mask() { return QStringLiteral("***"); }

private:
    QStringList mSecrets;
};

/// A generic HTTP SMS gateway. Placeholders in url, headers and bodyTemplate:
/// ${template} (the provider's template id for our code, or our code),
/// ${template_code}, ${phone}, ${params} (parameters as a JSON object),
/// ${param.NAME}, ${body} (rendered text), ${language}, ${outbox_id},
/// ${idempotency_key} (stable per message, e.g. for an Idempotency-Key
/// header or the provider's "out id") and ${secret.NAME} (from the secrets
/// file). In a JSON body values are JSON
/// string-escaped (write "${phone}" with quotes; ${params} is an object); in
/// a form body and in the URL they are percent-encoded.
struct HttpGatewayConfig {
    QString url;
    QString method = QStringLiteral("POST");
    QList<QPair<QString, QString>> headers;
    QString bodyFormat = QStringLiteral("json"); ///< json or form
    QString bodyTemplate;
    int successStatusMin = 200;
    int successStatusMax = 299;
    QString successJsonField; ///< dotted path; empty: the status alone decides
    QString successJsonValue;
    QString messageIdField; ///< dotted path of the provider's message id
    int timeoutSeconds = 10;
    QHash<QString, QString> templateIds; ///< our template code → provider template id
    QHash<QString, QString> secrets;
    /// The gateway drops a second message with the same ${idempotency_key}
    /// (config "deduplicates_idempotency_key"): an interrupted send is then
    /// repeated instead of being held as unconfirmed.
    bool deduplicatesIdempotencyKey = false;
};

/// SMTP through libcurl: smtp:// (with STARTTLS per `tls`) or smtps://.
struct SmtpConfig {
    QString url;                              ///< smtp://host:587 or smtps://host:465
    QString tls = QStringLiteral("required"); ///< none, try (STARTTLS if offered) or required
    QString username;
    QString password;
    QString fromAddress;
    QString fromName;
    int timeoutSeconds = 20;
    bool verifyPeer = true;
    QString caFile;
};

class HttpSmsSender : public ReminderSender {
public:
    explicit HttpSmsSender(HttpGatewayConfig config);
    QString channel() const override { return QStringLiteral("sms"); }
    SendResult send(const OutboxMessage& message) override;
    bool deduplicatesByIdempotencyKey() const override { return mConfig.deduplicatesIdempotencyKey; }
    const SecretScrubber& scrubber() const { return mScrubber; }

private:
    HttpGatewayConfig mConfig;
    SecretScrubber mScrubber;
};

class SmtpSender : public ReminderSender {
public:
    explicit SmtpSender(SmtpConfig config);
    QString channel() const override { return QStringLiteral("email"); }
    SendResult send(const OutboxMessage& message) override;
    /// The RFC 5322 message for `message` (UTF-8 subject as RFC 2047
    /// encoded-words, base64 body); public for tests.
    QByteArray composeMessage(const OutboxMessage& message, const QString& messageId) const;
    /// RFC 2047 "B" encoded-words, each at most 75 characters, split between
    /// whole UTF-8 characters; plain ASCII text is returned as is.
    static QByteArray encodeHeaderWord(const QString& text);

private:
    SmtpConfig mConfig;
    SecretScrubber mScrubber;
};

} // namespace recheck
