// The reminder settings page (QGIS Options) and the outbox view, offscreen:
// settings round-trip with the secrets in QGIS's authentication database and
// nowhere else; "Send Test Message" reaches a real local HTTP gateway; the
// outbox model shows a real archive's rows and its actions change them.

#include "TestArchives.h"
#include "TestSupport.h"

#include "ReminderOutboxDialog.h"
#include "ReminderSettingsPage.h"

#include "archive/Archive.h"
#include "reminders/ReminderOutbox.h"

#include <qgsapplication.h>
#include <qgsauthconfig.h>
#include <qgsauthmanager.h>
#include <qgssettings.h>

#include <catch2/catch.hpp>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>

using namespace recheck;
using namespace recheck::archiveui;
using namespace recheck::test;

namespace {

const QString kToken = QStringLiteral("ui-token-Qm93-SECRET");
const QString kMailPassword = QStringLiteral("ui-mail-pw-Lk27");

QgsAuthManager* unlockedAuthManager() {
    QgsAuthManager* auth = QgsApplication::authManager();
    REQUIRE(auth);
    INFO(auth->disabledMessage().toStdString());
    REQUIRE_FALSE(auth->isDisabled());
    auth->setPasswordHelperEnabled(false); // no desktop keychain offscreen
    // First use stores the hash; later runs verify against it.
    REQUIRE(auth->setMasterPassword(QStringLiteral("recheck-test-master"), true));
    return auth;
}

/// Removes what a test saved (settings and auth configs).
struct ReminderSettingsCleanup {
    ~ReminderSettingsCleanup() {
        QgsSettings settings;
        for (const QString& key :
             {ReminderGatewaySettings::smsAuthConfigKey(), ReminderGatewaySettings::smtpAuthConfigKey()}) {
            const QString id = settings.value(key).toString();
            if (!id.isEmpty())
                QgsApplication::authManager()->removeAuthenticationConfig(id);
        }
        settings.remove(QStringLiteral("recheck/reminders"));
    }
};

ReminderGatewaySettings sample() {
    ReminderGatewaySettings s;
    s.smsUrl = QStringLiteral("https://sms.example.cn/v1/send");
    s.smsMethod = QStringLiteral("PUT");
    s.smsBodyFormat = QStringLiteral("form");
    s.smsBodyTemplate = QStringLiteral("to=${phone}&tpl=${template}&sig=${secret.token}");
    s.smsHeaders =
        QStringLiteral("Authorization: Bearer ${secret.token}\nIdempotency-Key: ${idempotency_key}");
    s.smsTemplateIds = QStringLiteral("RC_TASK_ADDED=SMS_1\nRC_TEST=SMS_9");
    s.smsSuccessField = QStringLiteral("result.code");
    s.smsSuccessValue = QStringLiteral("0");
    s.smsMessageIdField = QStringLiteral("result.id");
    s.smsTimeoutSeconds = 7;
    s.smsDeduplicates = true;
    s.smsToken = kToken;
    s.smtpUrl = QStringLiteral("smtps://mail.example.cn:465");
    s.smtpTls = QStringLiteral("try");
    s.smtpUser = QStringLiteral("office@example.cn");
    s.smtpPassword = kMailPassword;
    s.smtpFrom = QStringLiteral("office@example.cn");
    s.smtpFromName = QStringLiteral("复查办公室");
    s.smtpTimeoutSeconds = 33;
    s.testPhone = QStringLiteral("13800000099");
    s.testEmail = QStringLiteral("me@example.cn");
    return s;
}

/// A one-request-at-a-time HTTP gateway on 127.0.0.1 served by the test's
/// event loop (QSignalSpy::wait runs it).
class LocalGateway : public QObject {
public:
    LocalGateway() {
        REQUIRE(mServer.listen(QHostAddress::LocalHost));
        connect(&mServer, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = mServer.nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    *buffer += socket->readAll();
                    const int end = buffer->indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    int length = 0;
                    for (const QByteArray& line : buffer->left(end).split('\n'))
                        if (line.toLower().startsWith("content-length:"))
                            length = line.mid(15).trimmed().toInt();
                    if (buffer->size() < end + 4 + length)
                        return;
                    requests << *buffer;
                    const QByteArray body = "{\"result\":{\"code\":0,\"id\":\"ui-1\"}}";
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                                  QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/send").arg(mServer.serverPort()); }
    QList<QByteArray> requests;

private:
    QTcpServer mServer;
};

} // namespace

TEST_CASE("reminder settings page: saved and loaded, secrets only in QGIS's authentication database",
          "[remindui]") {
    QgsAuthManager* auth = unlockedAuthManager();
    ReminderSettingsCleanup cleanup;
    const ReminderGatewaySettings wanted = sample();
    {
        ReminderSettingsPage page;
        page.setSettings(wanted);
        page.apply();
        INFO(page.lastApplyError().toStdString());
        REQUIRE(page.lastApplyError().isEmpty());
    }
    // A new page (the Options dialog opened again) shows the same values.
    ReminderSettingsPage reopened;
    CHECK(reopened.settings() == wanted);

    // The secrets are in the authentication database ...
    QgsSettings settings;
    const QString smsId = settings.value(ReminderGatewaySettings::smsAuthConfigKey()).toString();
    const QString smtpId = settings.value(ReminderGatewaySettings::smtpAuthConfigKey()).toString();
    REQUIRE_FALSE(smsId.isEmpty());
    REQUIRE_FALSE(smtpId.isEmpty());
    QgsAuthMethodConfig config;
    REQUIRE(auth->loadAuthenticationConfig(smsId, config, true));
    CHECK(config.config(QStringLiteral("password")) == kToken);
    REQUIRE(auth->loadAuthenticationConfig(smtpId, config, true));
    CHECK(config.config(QStringLiteral("password")) == kMailPassword);
    CHECK(config.config(QStringLiteral("username")) == QStringLiteral("office@example.cn"));
    // ... and not in QGIS's settings, in memory or on disk.
    settings.sync();
    for (const QString& key : settings.allKeys()) {
        const QString value = settings.value(key).toString();
        INFO(key.toStdString());
        CHECK_FALSE(value.contains(kToken));
        CHECK_FALSE(value.contains(kMailPassword));
    }
    QFile file(settings.fileName());
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QByteArray onDisk = file.readAll();
    CHECK_FALSE(onDisk.contains(kToken.toUtf8()));
    CHECK_FALSE(onDisk.contains(kMailPassword.toUtf8()));
    CHECK(onDisk.contains("sms.example.cn"));

    // Saving again updates the same configs; an emptied secret removes its own.
    ReminderGatewaySettings changed = wanted;
    changed.smsToken = kToken + QStringLiteral("-2");
    changed.smtpPassword.clear();
    REQUIRE(changed.save());
    CHECK(settings.value(ReminderGatewaySettings::smsAuthConfigKey()).toString() == smsId);
    CHECK(settings.value(ReminderGatewaySettings::smtpAuthConfigKey()).toString().isEmpty());
    CHECK_FALSE(auth->configIds().contains(smtpId));
    CHECK(ReminderGatewaySettings::load() == changed);

    // The senders get the secret by name, as ${secret.token}.
    const auto gateway = changed.gatewayConfig();
    REQUIRE(gateway);
    CHECK(gateway->secrets.value(QStringLiteral("token")) == changed.smsToken);
    CHECK(gateway->headers.size() == 2);
    CHECK(gateway->templateIds.value(QStringLiteral("RC_TEST")) == QStringLiteral("SMS_9"));
    CHECK(gateway->deduplicatesIdempotencyKey);
}

TEST_CASE("reminder settings page: Send Test Message reaches the gateway as configured in the form",
          "[remindui]") {
    unlockedAuthManager();
    ReminderSettingsCleanup cleanup;
    LocalGateway gateway;
    ReminderGatewaySettings s;
    s.smsUrl = gateway.url();
    s.smsBodyTemplate =
        QStringLiteral("{\"to\":\"${phone}\",\"template\":\"${template}\",\"text\":\"${body}\"}");
    s.smsHeaders = QStringLiteral("X-Token: ${secret.token}");
    s.smsTemplateIds = QStringLiteral("RC_TEST=SMS_TEST_1");
    s.smsSuccessField = QStringLiteral("result.code");
    s.smsSuccessValue = QStringLiteral("0");
    s.smsMessageIdField = QStringLiteral("result.id");
    s.smsTimeoutSeconds = 5;
    s.smsToken = kToken;
    s.testPhone = QStringLiteral("13800000077");
    ReminderSettingsPage page;
    page.setSettings(s); // not applied: the test uses the form as it is

    QSignalSpy finished(&page, &ReminderSettingsPage::testMessageFinished);
    page.sendTestMessage();
    REQUIRE(finished.wait(15000));
    CHECK(finished.at(0).at(0).toBool());
    const QString summary = finished.at(0).at(1).toString();
    CHECK(summary.contains(QStringLiteral("13800000077")));
    CHECK_FALSE(summary.contains(kToken));
    REQUIRE(gateway.requests.size() == 1);
    const QByteArray request = gateway.requests.first();
    CHECK(request.contains("X-Token: " + kToken.toUtf8()));
    const QJsonObject body = QJsonDocument::fromJson(request.mid(request.indexOf("\r\n\r\n") + 4)).object();
    CHECK(body.value(QStringLiteral("to")).toString() == QStringLiteral("13800000077"));
    CHECK(body.value(QStringLiteral("template")).toString() == QStringLiteral("SMS_TEST_1"));
    CHECK_FALSE(body.value(QStringLiteral("text")).toString().isEmpty());

    SECTION("without a test address it says what is missing and sends nothing") {
        s.testPhone.clear();
        page.setSettings(s);
        QSignalSpy refused(&page, &ReminderSettingsPage::testMessageFinished);
        page.sendTestMessage();
        REQUIRE(refused.size() == 1);
        CHECK_FALSE(refused.at(0).at(0).toBool());
        CHECK(gateway.requests.size() == 1);
    }
}

TEST_CASE("reminder outbox view shows a real archive's rows with state, attempts and errors and retries or "
          "cancels them",
          "[remindui]") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("outbox.sqlite"));
    createTestArchive(path, {10});
    const QDateTime t0(QDate(2024, 6, 3), QTime(2, 0), Qt::UTC);
    {
        Archive archive = Archive::open(path);
        ReminderOutbox outbox(archive.db());
        ReminderPolicy policy;
        policy.quietStart = policy.quietEnd = QTime(0, 0); // no quiet hours
        policy.maxAttempts = 2;
        std::vector<ReminderDraft> drafts;
        for (int i = 1; i <= 4; ++i) {
            ReminderDraft d;
            d.kind = QStringLiteral("task_added");
            d.templateCode = QStringLiteral("RC_TASK_ADDED");
            d.params = {{QStringLiteral("plan"), QStringLiteral("P")},
                        {QStringLiteral("district"), QStringLiteral("D%1").arg(i)},
                        {QStringLiteral("start"), QStringLiteral("2024-06-10")},
                        {QStringLiteral("end"), QStringLiteral("2024-06-12")}};
            d.language = QStringLiteral("en");
            d.channel = QStringLiteral("sms");
            d.address = QStringLiteral("1380000000%1").arg(i);
            d.dedupeKey = QStringLiteral("ui|%1").arg(i);
            drafts.push_back(d);
        }
        REQUIRE(outbox.queue(drafts, t0, policy, false).queued.size() == 4);
        // #1 sent, #2 dead after two failures, #3 interrupted (unconfirmed), #4 queued.
        std::vector<OutboxMessage> rows = outbox.due(t0);
        REQUIRE(rows.size() == 4);
        SendResult ok{true, 200, QStringLiteral("gw-1"), QStringLiteral("HTTP 200")};
        SendResult bad{false, 500, {}, QStringLiteral("SMS gateway answered HTTP 500: upstream exploded")};
        REQUIRE(outbox.claim(rows[0], t0));
        outbox.recordAttempt(rows[0], ok, t0, policy, 5);
        REQUIRE(outbox.claim(rows[1], t0));
        rows[1] = outbox.recordAttempt(rows[1], bad, t0, policy, 5);
        REQUIRE(outbox.claim(rows[1], t0));
        outbox.recordAttempt(rows[1], bad, t0, policy, 5);
        REQUIRE(outbox.claim(rows[2], t0));
        DeliveryReport report;
        outbox.recoverStaleClaims(t0.addSecs(3600), policy, {}, report);
        REQUIRE(report.unconfirmed == 1);
    }

    ReminderOutboxModel model(path);
    INFO(model.lastError().toStdString());
    REQUIRE(model.rowCount() == 4);
    auto rowOf = [&](const QString& address) {
        for (int r = 0; r < model.rowCount(); ++r)
            if (model.messageAt(r).address == address)
                return r;
        return -1;
    };
    auto cell = [&](int row, int column) { return model.data(model.index(row, column)).toString(); };
    const int dead = rowOf(QStringLiteral("13800000002"));
    REQUIRE(dead >= 0);
    CHECK(model.messageAt(dead).status == QStringLiteral("dead"));
    CHECK(cell(dead, ReminderOutboxModel::Attempts) == QStringLiteral("2"));
    CHECK(cell(dead, ReminderOutboxModel::LastError).contains(QStringLiteral("HTTP 500")));
    CHECK(cell(dead, ReminderOutboxModel::Status) == ReminderOutboxModel::statusText(QStringLiteral("dead")));
    CHECK(model.deliveries(dead).size() == 2);
    const int unconfirmed = rowOf(QStringLiteral("13800000003"));
    CHECK(model.messageAt(unconfirmed).status == QStringLiteral("unconfirmed"));
    CHECK(cell(rowOf(QStringLiteral("13800000001")), ReminderOutboxModel::Status) ==
          ReminderOutboxModel::statusText(QStringLiteral("sent")));
    CHECK(model.messageAt(rowOf(QStringLiteral("13800000004"))).status == QStringLiteral("queued"));

    model.setStatusFilter(QStringLiteral("dead"));
    REQUIRE(model.rowCount() == 1);
    CHECK(model.messageAt(0).address == QStringLiteral("13800000002"));
    model.setStatusFilter(QString());

    auto statusInArchive = [&](const QString& address) {
        return sqlScalar(path, QStringLiteral("SELECT status || '/' || attempts FROM reminder_outbox WHERE "
                                              "address = '%1'")
                                   .arg(address));
    };
    // A dead letter retried: queued again, attempts afresh.
    CHECK(model.retry(rowOf(QStringLiteral("13800000002"))));
    CHECK(statusInArchive(QStringLiteral("13800000002")) == QStringLiteral("queued/0"));
    CHECK(model.messageAt(rowOf(QStringLiteral("13800000002"))).status == QStringLiteral("queued"));
    // A queued one cancelled; a sent one cannot be.
    CHECK(model.cancel(rowOf(QStringLiteral("13800000004"))));
    CHECK(statusInArchive(QStringLiteral("13800000004")) == QStringLiteral("cancelled/0"));
    CHECK_FALSE(model.cancel(rowOf(QStringLiteral("13800000001"))));
    CHECK(model.lastError().contains(ReminderOutboxModel::statusText(QStringLiteral("sent"))));
    CHECK(statusInArchive(QStringLiteral("13800000001")) == QStringLiteral("sent/1"));
    // The unconfirmed one found in the gateway's log.
    CHECK(model.markSent(rowOf(QStringLiteral("13800000003"))));
    CHECK(statusInArchive(QStringLiteral("13800000003")) == QStringLiteral("sent/1"));

    // The dialog over the same model: opens offscreen with every row.
    ReminderOutboxDialog dialog(path);
    CHECK(dialog.model()->rowCount() == 4);
}
