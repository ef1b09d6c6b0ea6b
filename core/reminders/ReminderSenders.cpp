#include "ReminderSenders.h"

#include "ReminderTemplates.h"

#include <curl/curl.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QUrl>
#include <QUuid>

#include <mutex>

namespace recheck {

namespace {

void initCurlOnce() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlHandle {
    CURL* curl = curl_easy_init();
    curl_slist* headers = nullptr;
    curl_slist* recipients = nullptr;
    char error[CURL_ERROR_SIZE] = {0};
    ~CurlHandle() {
        curl_slist_free_all(headers);
        curl_slist_free_all(recipients);
        if (curl)
            curl_easy_cleanup(curl);
    }
};

size_t appendToByteArray(char* data, size_t size, size_t count, void* target) {
    static_cast<QByteArray*>(target)->append(data, static_cast<int>(size * count));
    return size * count;
}

struct UploadSource {
    QByteArray data;
    int offset = 0;
};

size_t readFromUpload(char* buffer, size_t size, size_t count, void* source) {
    auto* upload = static_cast<UploadSource*>(source);
    const int n = std::min(static_cast<int>(size * count), upload->data.size() - upload->offset);
    memcpy(buffer, upload->data.constData() + upload->offset, static_cast<size_t>(n));
    upload->offset += n;
    return static_cast<size_t>(n);
}

QString jsonStringEscaped(const QString& value) {
    // A one-element JSON array is the shortest way to Qt's string escaping.
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(2, array.size() - 4));
}

QJsonValue jsonPath(const QJsonObject& root, const QString& dotted) {
    QJsonValue v = root;
    for (const QString& part : dotted.split(QLatin1Char('.')))
        v = v.toObject().value(part);
    return v;
}

QString jsonValueText(const QJsonValue& v) {
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

QString curlFailure(CURLcode code, const char* errorBuffer) {
    const QString detail = QString::fromUtf8(errorBuffer).trimmed();
    return detail.isEmpty() ? QString::fromUtf8(curl_easy_strerror(code)) : detail;
}

} // namespace

void SecretScrubber::addSecret(const QString& secret) {
    // Very short values would mask ordinary text and protect nothing.
    if (secret.size() < 4)
        return;
    for (const QString& form : {secret, QString::fromLatin1(QUrl::toPercentEncoding(secret)),
                                QString::fromLatin1(secret.toUtf8().toBase64())})
        if (!mSecrets.contains(form))
            mSecrets << form;
    // Longest first, so a secret containing another is masked whole.
    std::sort(mSecrets.begin(), mSecrets.end(),
              [](const QString& a, const QString& b) { return a.size() > b.size(); });
}

QString SecretScrubber::scrub(const QString& text) const {
    QString out = text;
    for (const QString& secret : mSecrets)
        out.replace(secret, mask());
    static const QRegularExpression urlCredentials(QStringLiteral("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]+@"));
    static const QRegularExpression authorization(QStringLiteral("((?:Proxy-)?Authorization:\\s*)[^\\r\\n]*"),
                                                  QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression tokenParameter(
        QStringLiteral("([?&](?:access_token|token|apikey|api_key|key|password|passwd|secret|signature|sig)=)"
                       "[^&\\s\"]*"),
        QRegularExpression::CaseInsensitiveOption);
    out.replace(urlCredentials, QStringLiteral("\\1") + mask() + QLatin1Char('@'));
    out.replace(authorization, QStringLiteral("\\1") + mask());
    out.replace(tokenParameter, QStringLiteral("\\1") + mask());
    return out;
}

// ---------------------------------------------------------------- HTTP SMS

HttpSmsSender::HttpSmsSender(HttpGatewayConfig config) : mConfig(std::move(config)) {
    for (const QString& secret : mConfig.secrets)
        mScrubber.addSecret(secret);
}

SendResult HttpSmsSender::send(const OutboxMessage& message) {
    initCurlOnce();
    enum class Escape { Json, Percent, Raw };
    const QString templateId = mConfig.templateIds.value(message.templateCode, message.templateCode);
    auto expand = [&](const QString& text, Escape escape) {
        static const QRegularExpression placeholder(QStringLiteral("\\$\\{([A-Za-z0-9_.]+)\\}"));
        QString out;
        int last = 0;
        auto it = placeholder.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            out += text.mid(last, m.capturedStart() - last);
            last = m.capturedEnd();
            const QString name = m.captured(1);
            QString value;
            bool isJson = false;
            if (name == QLatin1String("template"))
                value = templateId;
            else if (name == QLatin1String("template_code"))
                value = message.templateCode;
            else if (name == QLatin1String("phone"))
                value = message.address;
            else if (name == QLatin1String("body"))
                value = message.body;
            else if (name == QLatin1String("language"))
                value = message.language;
            else if (name == QLatin1String("outbox_id"))
                value = QString::number(message.id);
            else if (name == QLatin1String("idempotency_key"))
                value = message.idempotencyKey;
            else if (name == QLatin1String("params")) {
                value = QString::fromUtf8(QJsonDocument(message.params).toJson(QJsonDocument::Compact));
                isJson = true;
            } else if (name.startsWith(QLatin1String("param.")))
                value = message.params.value(name.mid(6)).toString();
            else if (name.startsWith(QLatin1String("secret.")))
                value = mConfig.secrets.value(name.mid(7));
            else {
                out += m.captured(0);
                continue;
            }
            if (escape == Escape::Json && !isJson)
                value = jsonStringEscaped(value);
            else if (escape == Escape::Percent)
                value = QString::fromLatin1(QUrl::toPercentEncoding(value));
            out += value;
        }
        return out + text.mid(last);
    };

    SendResult result;
    CurlHandle h;
    if (!h.curl) {
        result.detail = QStringLiteral("libcurl could not start a transfer");
        return result;
    }
    const bool json = mConfig.bodyFormat != QLatin1String("form");
    const QByteArray url = expand(mConfig.url, Escape::Percent).toUtf8();
    const QByteArray body = expand(mConfig.bodyTemplate, json ? Escape::Json : Escape::Percent).toUtf8();
    const QByteArray method = mConfig.method.toUpper().toLatin1();
    h.headers = curl_slist_append(h.headers, json ? "Content-Type: application/json; charset=UTF-8"
                                                  : "Content-Type: application/x-www-form-urlencoded");
    for (const auto& header : mConfig.headers) {
        QString value = expand(header.second, Escape::Raw);
        value.remove(QLatin1Char('\r')).remove(QLatin1Char('\n')); // no header injection
        h.headers =
            curl_slist_append(h.headers, (header.first + QStringLiteral(": ") + value).toUtf8().constData());
    }
    QByteArray reply;
    curl_easy_setopt(h.curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(h.curl, CURLOPT_HTTPHEADER, h.headers);
    curl_easy_setopt(h.curl, CURLOPT_ERRORBUFFER, h.error);
    curl_easy_setopt(h.curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h.curl, CURLOPT_TIMEOUT_MS, static_cast<long>(mConfig.timeoutSeconds) * 1000L);
    curl_easy_setopt(h.curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(mConfig.timeoutSeconds) * 1000L);
    curl_easy_setopt(h.curl, CURLOPT_WRITEFUNCTION, appendToByteArray);
    curl_easy_setopt(h.curl, CURLOPT_WRITEDATA, &reply);
    curl_easy_setopt(h.curl, CURLOPT_USERAGENT, "recheck-remind/" RECHECK_VERSION);
    if (method == "GET") {
        curl_easy_setopt(h.curl, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(h.curl, CURLOPT_POSTFIELDS, body.constData());
        curl_easy_setopt(h.curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
        if (method != "POST")
            curl_easy_setopt(h.curl, CURLOPT_CUSTOMREQUEST, method.constData());
    }
    const CURLcode code = curl_easy_perform(h.curl);
    if (code != CURLE_OK) {
        result.detail = mScrubber.scrub(QStringLiteral("SMS gateway: %1").arg(curlFailure(code, h.error)));
        return result;
    }
    long status = 0;
    curl_easy_getinfo(h.curl, CURLINFO_RESPONSE_CODE, &status);
    result.responseCode = static_cast<int>(status);
    const QString replyExcerpt = mScrubber.scrub(QString::fromUtf8(reply.left(200)).simplified());
    if (status < mConfig.successStatusMin || status > mConfig.successStatusMax) {
        result.detail = QStringLiteral("SMS gateway answered HTTP %1: %2").arg(status).arg(replyExcerpt);
        return result;
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(reply, &parseError);
    const bool needsJson = !mConfig.successJsonField.isEmpty() || !mConfig.messageIdField.isEmpty();
    if (needsJson && (parseError.error != QJsonParseError::NoError || !doc.isObject())) {
        // Without a readable reply we cannot tell whether the provider took
        // the message; with a success field configured that counts as failed.
        if (!mConfig.successJsonField.isEmpty()) {
            result.detail = QStringLiteral("SMS gateway answered HTTP %1 with a reply that is not JSON: %2")
                                .arg(status)
                                .arg(replyExcerpt);
            return result;
        }
    }
    const QJsonObject root = doc.object();
    if (!mConfig.successJsonField.isEmpty()) {
        const QString actual = jsonValueText(jsonPath(root, mConfig.successJsonField));
        if (actual != mConfig.successJsonValue) {
            result.detail = QStringLiteral("SMS gateway refused the message (%1 = \"%2\"): %3")
                                .arg(mConfig.successJsonField, actual, replyExcerpt);
            return result;
        }
    }
    if (!mConfig.messageIdField.isEmpty())
        result.providerMessageId = mScrubber.scrub(jsonValueText(jsonPath(root, mConfig.messageIdField)));
    result.ok = true;
    result.detail = QStringLiteral("HTTP %1").arg(status);
    return result;
}

// ---------------------------------------------------------------- SMTP

SmtpSender::SmtpSender(SmtpConfig config) : mConfig(std::move(config)) {
    mScrubber.addSecret(mConfig.password);
}

QByteArray SmtpSender::encodeHeaderWord(const QString& text) {
    bool ascii = true;
    for (const QChar c : text)
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            ascii = false;
    if (ascii && !text.contains(QLatin1String("=?")))
        return text.toLatin1();
    // "=?UTF-8?B?" + base64 + "?=" within 75 characters: at most 45 bytes of
    // UTF-8 per word (60 base64 characters), never splitting a character.
    QList<QByteArray> words;
    QByteArray chunk;
    for (int i = 0; i < text.size(); ++i) {
        int length = text.at(i).isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
        const QByteArray utf8 = text.mid(i, length).toUtf8();
        i += length - 1;
        if (chunk.size() + utf8.size() > 45) {
            words << chunk;
            chunk.clear();
        }
        chunk += utf8;
    }
    if (!chunk.isEmpty())
        words << chunk;
    QByteArray out;
    for (const QByteArray& w : words) {
        if (!out.isEmpty())
            out += "\r\n ";
        out += "=?UTF-8?B?" + w.toBase64() + "?=";
    }
    return out;
}

QByteArray SmtpSender::composeMessage(const OutboxMessage& message, const QString& messageId) const {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QByteArray m;
    m += "Date: " + QLocale::c().toString(now, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss")).toLatin1() +
         " +0000\r\n";
    m += "From: ";
    if (!mConfig.fromName.isEmpty())
        m += encodeHeaderWord(mConfig.fromName) + " ";
    m += "<" + mConfig.fromAddress.toUtf8() + ">\r\n";
    m += "To: <" + message.address.toUtf8() + ">\r\n";
    m += "Subject: " + encodeHeaderWord(message.subject.isEmpty() ? message.body.left(40) : message.subject) +
         "\r\n";
    m += "Message-ID: <" + messageId.toUtf8() + ">\r\n";
    m += "MIME-Version: 1.0\r\n";
    m += "Content-Type: text/plain; charset=UTF-8\r\n";
    m += "Content-Transfer-Encoding: base64\r\n";
    m += "Auto-Submitted: auto-generated\r\n";
    m += "\r\n";
    QByteArray body = message.body.toUtf8();
    body.replace("\n", "\r\n");
    const QByteArray encoded = body.toBase64();
    for (int i = 0; i < encoded.size(); i += 76)
        m += encoded.mid(i, 76) + "\r\n";
    return m;
}

SendResult SmtpSender::send(const OutboxMessage& message) {
    initCurlOnce();
    SendResult result;
    CurlHandle h;
    if (!h.curl) {
        result.detail = QStringLiteral("libcurl could not start a transfer");
        return result;
    }
    const QString domain = mConfig.fromAddress.section(QLatin1Char('@'), 1);
    // The idempotency key makes the Message-ID: a mail sent again after an
    // interrupted run carries the same id, which mail clients fold together.
    const QString unique = message.idempotencyKey.isEmpty()
                               ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                               : message.idempotencyKey;
    const QString messageId = QStringLiteral("recheck.%1.%2@%3")
                                  .arg(message.id)
                                  .arg(unique)
                                  .arg(domain.isEmpty() ? QStringLiteral("recheck.invalid") : domain);
    UploadSource upload{composeMessage(message, messageId), 0};
    const QByteArray url = mConfig.url.toUtf8();
    const QByteArray from = "<" + mConfig.fromAddress.toUtf8() + ">";
    const QByteArray to = "<" + message.address.toUtf8() + ">";
    const QByteArray user = mConfig.username.toUtf8(), password = mConfig.password.toUtf8();
    const QByteArray caFile = mConfig.caFile.toUtf8();
    h.recipients = curl_slist_append(h.recipients, to.constData());
    curl_easy_setopt(h.curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(h.curl, CURLOPT_ERRORBUFFER, h.error);
    curl_easy_setopt(h.curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h.curl, CURLOPT_TIMEOUT_MS, static_cast<long>(mConfig.timeoutSeconds) * 1000L);
    curl_easy_setopt(h.curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(mConfig.timeoutSeconds) * 1000L);
    const long useSsl = mConfig.tls == QLatin1String("none")  ? CURLUSESSL_NONE
                        : mConfig.tls == QLatin1String("try") ? CURLUSESSL_TRY
                                                              : CURLUSESSL_ALL;
    curl_easy_setopt(h.curl, CURLOPT_USE_SSL, useSsl);
    curl_easy_setopt(h.curl, CURLOPT_SSL_VERIFYPEER, mConfig.verifyPeer ? 1L : 0L);
    curl_easy_setopt(h.curl, CURLOPT_SSL_VERIFYHOST, mConfig.verifyPeer ? 2L : 0L);
    if (!caFile.isEmpty())
        curl_easy_setopt(h.curl, CURLOPT_CAINFO, caFile.constData());
    if (!user.isEmpty()) {
        curl_easy_setopt(h.curl, CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(h.curl, CURLOPT_PASSWORD, password.constData());
    }
    curl_easy_setopt(h.curl, CURLOPT_MAIL_FROM, from.constData());
    curl_easy_setopt(h.curl, CURLOPT_MAIL_RCPT, h.recipients);
    curl_easy_setopt(h.curl, CURLOPT_READFUNCTION, readFromUpload);
    curl_easy_setopt(h.curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(h.curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h.curl, CURLOPT_INFILESIZE, static_cast<long>(upload.data.size()));
    const CURLcode code = curl_easy_perform(h.curl);
    long reply = 0;
    curl_easy_getinfo(h.curl, CURLINFO_RESPONSE_CODE, &reply);
    result.responseCode = static_cast<int>(reply);
    if (code != CURLE_OK) {
        result.detail = mScrubber.scrub(
            QStringLiteral("SMTP: %1 (last reply %2)").arg(curlFailure(code, h.error)).arg(reply));
        return result;
    }
    result.ok = true;
    result.providerMessageId = messageId;
    result.detail = QStringLiteral("SMTP %1").arg(reply);
    return result;
}

} // namespace recheck
