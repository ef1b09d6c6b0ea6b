// Delivery through real servers on 127.0.0.1: the HTTP SMS gateway and SMTP
// answer success, HTTP 500, a timeout or garbage; what arrives is checked
// byte for byte, retries follow the backoff, and no secret leaks.

#include "RemindFixtures.h"
#include "RemindTestServers.h"

#include "reminders/ReminderConfig.h"
#include "reminders/ReminderSenders.h"

#include <QFile>
#include <QJsonDocument>

using namespace recheck;
using namespace recheck::remindtest;

namespace {

const QString kGatewayToken = QStringLiteral("tok-9f8e7d6c5b4a-SECRET");
const QString kSmtpPassword = QString::fromUtf8("s3cr3t-SMTP-pässwörd");

// Four inspectors, each with one new task; digests off so that exactly one
// reminder per person is queued.
void addCrew(RemindArchive& a) {
    const QString district = a.district(QStringLiteral("TQ009"), QStringLiteral("西街台区"));
    const QString plan = a.plan(QStringLiteral("P9"), QStringLiteral("临时复查"), QStringLiteral("adhoc"));
    const char* people[][5] = {
        {"S11", "李四", "13800000011", "li@example.cn", "zh_CN"},
        {"S12", "Smith", "13800000012", "smith@example.com", "en"},
        {"S13", "王五", "13800000013", "wangwu@example.cn", "zh_CN"},
        {"S14", "Brown", "13800000014", "brown@example.com", "en"},
    };
    int day = 10;
    for (const auto& p : people) {
        const QString who = a.staff(QString::fromUtf8(p[0]), QString::fromUtf8(p[1]), QString::fromUtf8(p[2]),
                                    QString::fromUtf8(p[3]), QString::fromUtf8(p[4]), QStringLiteral("none"));
        a.task(plan, district, who, QStringLiteral("issued"), QStringLiteral("normal"),
               QStringLiteral("2024-06-%1").arg(day), QStringLiteral("2024-06-%1").arg(day + 2));
        ++day;
    }
}

HttpGatewayConfig gatewayConfig(const HttpGatewayServer& server) {
    HttpGatewayConfig c;
    c.url = server.url(QStringLiteral("/sms/send?token=${secret.token}"));
    c.headers = {{QStringLiteral("Authorization"), QStringLiteral("Bearer ${secret.token}")}};
    c.bodyTemplate = QStringLiteral("{\"to\":\"${phone}\",\"template\":\"${template}\",\"params\":${params},"
                                    "\"sign\":\"${secret.token}\"}");
    c.successJsonField = QStringLiteral("code");
    c.successJsonValue = QStringLiteral("OK");
    c.messageIdField = QStringLiteral("data.message_id");
    c.timeoutSeconds = 1;
    c.templateIds = {{QStringLiteral("RC_TASK_ADDED"), QStringLiteral("SMS_100001")}};
    c.secrets = {{QStringLiteral("token"), kGatewayToken}};
    return c;
}

/// Every text the archive keeps about deliveries, for leak checks.
QString everythingLogged(SqliteDatabase& db) {
    SqliteStatement s(
        db, QStringLiteral("SELECT coalesce(last_error, '') || ' ' || coalesce(provider_message_id, '') "
                           "FROM reminder_outbox UNION ALL SELECT coalesce(detail, '') || ' ' || "
                           "coalesce(provider_message_id, '') FROM reminder_deliveries"));
    QString out;
    while (s.step())
        out += s.text(0) + QLatin1Char('\n');
    return out;
}

void requireNoSecret(const QString& text) {
    CHECK_FALSE(text.contains(kGatewayToken));
    CHECK_FALSE(text.contains(kSmtpPassword));
    CHECK_FALSE(text.contains(QString::fromLatin1(QUrl::toPercentEncoding(kSmtpPassword))));
}

} // namespace

TEST_CASE("the HTTP gateway: success, HTTP 500, timeout, malformed reply, then retries", "[remind][sms]") {
    RemindArchive a;
    addCrew(a);
    HttpGatewayServer server;
    ReminderPolicy policy = ReminderPolicy::fromArchive(a.db());
    policy.channels = QStringList{QStringLiteral("sms")};
    ReminderOutbox outbox(a.db());
    const QDateTime t0 = chinaTime(2024, 6, 3, 9);
    REQUIRE(outbox.queueFromRules(t0, policy, false).queued.size() == 4);

    HttpSmsSender sender(gatewayConfig(server));
    const std::map<QString, ReminderSender*> senders{{QStringLiteral("sms"), &sender}};
    server.script({HttpGatewayServer::Reply::Success, HttpGatewayServer::Reply::ServerError,
                   HttpGatewayServer::Reply::Timeout, HttpGatewayServer::Reply::Malformed});
    const DeliveryReport first = outbox.deliverDue(t0, policy, senders);
    CHECK(first.sent == 1);
    CHECK(first.failed == 3);

    // What arrived: one request per message, in queue order, with the
    // provider's template id, the phone and the parameters as JSON.
    const QList<HttpRequest> requests = server.requests();
    REQUIRE(requests.size() == 4);
    const QJsonObject body = QJsonDocument::fromJson(requests[0].body).object();
    CHECK(requests[0].method == "POST");
    CHECK(body.value(QStringLiteral("to")).toString() == QStringLiteral("13800000011"));
    CHECK(body.value(QStringLiteral("template")).toString() == QStringLiteral("SMS_100001"));
    CHECK(body.value(QStringLiteral("params")).toObject().value(QStringLiteral("district")).toString() ==
          QString::fromUtf8("西街台区"));
    CHECK(body.value(QStringLiteral("sign")).toString() == kGatewayToken);
    CHECK(requests[0].headers.contains("Authorization: Bearer " + kGatewayToken.toUtf8()));
    CHECK(requests[0].target == "/sms/send?token=" + kGatewayToken.toUtf8());
    QStringList phones;
    for (const HttpRequest& r : requests)
        phones << QJsonDocument::fromJson(r.body).object().value(QStringLiteral("to")).toString();
    CHECK(phones == (QStringList{QStringLiteral("13800000011"), QStringLiteral("13800000012"),
                                 QStringLiteral("13800000013"), QStringLiteral("13800000014")}));

    CHECK(outboxSummary(a.db(), QStringLiteral("status = 'sent'")) ==
          QStringList{QStringLiteral("task_added sms 13800000011")});
    CHECK(a.db()
              .scalar(QStringLiteral("SELECT provider_message_id FROM reminder_outbox WHERE status = 'sent'"))
              .toString() == QStringLiteral("gw-1"));
    auto errorOf = [&](const QString& phone) {
        return a.db()
            .scalar(QStringLiteral("SELECT last_error FROM reminder_outbox WHERE address = '%1'").arg(phone))
            .toString();
    };
    CHECK(errorOf(QStringLiteral("13800000012")).contains(QStringLiteral("HTTP 500")));
    CHECK(errorOf(QStringLiteral("13800000013")).contains(QStringLiteral("timed out")));
    CHECK(errorOf(QStringLiteral("13800000014")).contains(QStringLiteral("not JSON")));
    CHECK(a.count(QStringLiteral(
              "SELECT count(*) FROM reminder_outbox WHERE status = 'failed' AND attempts = 1 AND "
              "next_attempt_at = '2024-06-03T01:01:00Z'")) == 3);
    requireNoSecret(everythingLogged(a.db()));

    // Not due yet: nothing goes out; a minute later the three are retried
    // (the gateway answers success again) and nothing is sent twice.
    CHECK(outbox.deliverDue(t0.addSecs(30), policy, senders).attempted.empty());
    const DeliveryReport retry = outbox.deliverDue(t0.addSecs(60), policy, senders);
    CHECK(retry.sent == 3);
    CHECK(server.requests().size() == 7);
    CHECK(a.count(QStringLiteral("SELECT count(*) FROM reminder_outbox WHERE status = 'sent'")) == 4);
    CHECK(a.count(QStringLiteral("SELECT count(*) FROM reminder_deliveries")) == 7);

    // A second run of the whole job queues and sends nothing new.
    CHECK(outbox.queueFromRules(t0.addSecs(120), policy, false).queued.empty());
    CHECK(outbox.deliverDue(t0.addSecs(120), policy, senders).attempted.empty());
    CHECK(server.requests().size() == 7);
}

TEST_CASE("failures back off exponentially and are dead-lettered after N attempts", "[remind][sms]") {
    RemindArchive a;
    const QString who = a.staff(QStringLiteral("S21"), QStringLiteral("孙七"), QStringLiteral("13800000021"),
                                {}, QStringLiteral("zh_CN"), QStringLiteral("none"));
    a.task(a.plan(QStringLiteral("P1"), QStringLiteral("计划")),
           a.district(QStringLiteral("T1"), QStringLiteral("台区")), who, QStringLiteral("issued"),
           QStringLiteral("urgent"), QStringLiteral("2024-06-03"), QStringLiteral("2024-06-04"));
    HttpGatewayServer server;
    server.script({HttpGatewayServer::Reply::ServerError, HttpGatewayServer::Reply::Refused,
                   HttpGatewayServer::Reply::ServerError});
    ReminderPolicy policy = ReminderPolicy::fromArchive(a.db());
    policy.maxAttempts = 3;
    ReminderOutbox outbox(a.db());
    const QDateTime t0 = chinaTime(2024, 6, 3, 10);
    REQUIRE(outbox.queueFromRules(t0, policy, false).queued.size() == 1);
    HttpSmsSender sender(gatewayConfig(server));
    const std::map<QString, ReminderSender*> senders{{QStringLiteral("sms"), &sender}};

    struct Step {
        int atSeconds;
        int attempts; // requests the gateway has seen after this run
    };
    // Attempt 1 at t0, retry after 1 min, then after 2 min more: dead.
    for (const Step& step :
         {Step{0, 1}, Step{59, 1}, Step{60, 2}, Step{179, 2}, Step{180, 3}, Step{3600, 3}}) {
        outbox.deliverDue(t0.addSecs(step.atSeconds), policy, senders);
        INFO("at +" << step.atSeconds << " s");
        CHECK(server.requests().size() == step.attempts);
    }
    CHECK(a.db().scalar(QStringLiteral("SELECT status FROM reminder_outbox")).toString() ==
          QStringLiteral("dead"));
    CHECK(
        a.db()
            .scalar(QStringLiteral("SELECT group_concat(outcome || '@' || attempted_at, ' ') FROM "
                                   "(SELECT * FROM reminder_deliveries ORDER BY id)"))
            .toString() ==
        QStringLiteral("failed@2024-06-03T02:00:00Z failed@2024-06-03T02:01:00Z dead@2024-06-03T02:03:00Z"));
    CHECK(a.db()
              .scalar(QStringLiteral("SELECT detail FROM reminder_deliveries WHERE attempt = 2"))
              .toString()
              .contains(QStringLiteral("BUSINESS_LIMIT_CONTROL")));
    requireNoSecret(everythingLogged(a.db()));

    // A person may put it back in the queue from the outbox view.
    const std::int64_t id = a.db().scalar(QStringLiteral("SELECT id FROM reminder_outbox")).toLongLong();
    CHECK_FALSE(outbox.cancel(id)); // dead rows are not cancellable
    CHECK(outbox.retry(id, t0.addSecs(7200)));
    CHECK(outbox.deliverDue(t0.addSecs(7200), policy, senders).sent == 1);
    CHECK(outbox.message(id).status == QStringLiteral("sent"));
}

TEST_CASE("SMTP delivers RFC 5322 mail with UTF-8 subject and body, authenticated", "[remind][smtp]") {
    RemindArchive a;
    addCrew(a);
    SmtpServer server(QStringLiteral("recheck@example.cn"), kSmtpPassword);
    ReminderPolicy policy = ReminderPolicy::fromArchive(a.db());
    policy.channels = QStringList{QStringLiteral("email")};
    ReminderOutbox outbox(a.db());
    const QDateTime t0 = chinaTime(2024, 6, 3, 9);
    REQUIRE(outbox.queueFromRules(t0, policy, false).queued.size() == 4);

    SmtpConfig config;
    config.url = server.url();
    config.tls = QStringLiteral("none"); // loopback test server speaks no TLS
    config.username = QStringLiteral("recheck@example.cn");
    config.password = kSmtpPassword;
    config.fromAddress = QStringLiteral("recheck@example.cn");
    config.fromName = QString::fromUtf8("复查提醒");
    config.timeoutSeconds = 2;
    SmtpSender sender(config);
    const std::map<QString, ReminderSender*> senders{{QStringLiteral("email"), &sender}};

    SECTION("messages arrive exactly as queued") {
        const DeliveryReport report = outbox.deliverDue(t0, policy, senders);
        CHECK(report.sent == 4);
        const QList<SmtpMessage> mail = server.messages();
        REQUIRE(mail.size() == 4);
        CHECK(mail[0].authUser == QStringLiteral("recheck@example.cn"));
        CHECK(mail[0].authPassword == kSmtpPassword);
        CHECK(mail[0].mailFrom == QStringLiteral("<recheck@example.cn>"));
        CHECK(mail[0].recipients == QStringList{QStringLiteral("<li@example.cn>")});
        CHECK(mail[0].header(QStringLiteral("Subject")) == QString::fromUtf8("新复查任务：西街台区"));
        CHECK(mail[0].header(QStringLiteral("From")) == QString::fromUtf8("复查提醒 <recheck@example.cn>"));
        CHECK(mail[0].header(QStringLiteral("Content-Type")) == QStringLiteral("text/plain; charset=UTF-8"));
        CHECK(mail[0].body() ==
              QString::fromUtf8("【复查】新任务：临时复查·西街台区，计划2024-06-10至2024-06-12。"));
        CHECK(mail[1].recipients == QStringList{QStringLiteral("<smith@example.com>")});
        CHECK(mail[1].header(QStringLiteral("Subject")) == QString::fromUtf8("New re-check task: 西街台区"));
        CHECK(mail[1].body() ==
              QString::fromUtf8("Recheck: new task 临时复查 / 西街台区, planned 2024-06-11 to 2024-06-13."));
        // The Message-ID the server saw is the one the outbox recorded.
        CHECK(
            mail[1].header(QStringLiteral("Message-ID")) ==
            QLatin1Char('<') +
                a.db()
                    .scalar(QStringLiteral("SELECT provider_message_id FROM reminder_outbox WHERE address = "
                                           "'smith@example.com'"))
                    .toString() +
                QLatin1Char('>'));
        requireNoSecret(everythingLogged(a.db()));
        CHECK(outbox.deliverDue(t0.addSecs(600), policy, senders).attempted.empty());
        CHECK(server.messages().size() == 4);
    }
    SECTION("a refused login fails without revealing the password") {
        SmtpConfig wrong = config;
        wrong.password = kSmtpPassword + QStringLiteral("-wrong");
        SmtpSender refused(wrong);
        const DeliveryReport report = outbox.deliverDue(t0, policy, {{QStringLiteral("email"), &refused}});
        CHECK(report.failed == 4);
        CHECK(server.messages().isEmpty());
        const QString logged = everythingLogged(a.db());
        CHECK(logged.contains(QStringLiteral("SMTP")));
        requireNoSecret(logged);
        CHECK_FALSE(logged.contains(wrong.password));
    }
}

TEST_CASE("the secrets file must be readable by its owner only", "[remind][config]") {
    test::ScratchDir dir;
    const QString secrets = dir.file(QStringLiteral("secrets.json"));
    const QString config = dir.file(QStringLiteral("remind.json"));
    auto write = [](const QString& path, const QByteArray& text) {
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    };
    write(secrets, "{\"token\": \"" + kGatewayToken.toUtf8() + "\", \"smtp_password\": \"" +
                       kSmtpPassword.toUtf8() + "\"}");
    write(config, R"({"secrets_file": "secrets.json", "max_attempts": 7, "quiet_hours_start": "22:00",
        "sms_gateway": {"url": "https://sms.example.cn/send", "headers": {"X-Token": "${secret.token}"},
                        "body_template": "{\"to\":\"${phone}\"}"},
        "smtp": {"url": "smtp://mail.example.cn:587", "tls": "required", "username": "u",
                 "password_secret": "smtp_password", "from": "recheck@example.cn"}})");

    QFile::setPermissions(secrets,
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    try {
        ReminderConfig::load(config);
        FAIL("a world-readable secrets file was accepted");
    } catch (const RecheckError& e) {
        const QString message = QString::fromUtf8(e.what());
        CHECK(e.kind() == RecheckError::Kind::InvalidInput);
        CHECK(message.contains(QStringLiteral("chmod 600 ") + secrets));
        CHECK(message.contains(QStringLiteral("644")));
        requireNoSecret(message);
    }

    QFile::setPermissions(secrets, QFile::ReadOwner | QFile::WriteOwner);
    const ReminderConfig loaded = ReminderConfig::load(config);
    REQUIRE(loaded.smsGateway);
    REQUIRE(loaded.smtp);
    CHECK(loaded.smsGateway->secrets.value(QStringLiteral("token")) == kGatewayToken);
    CHECK(loaded.smtp->password == kSmtpPassword);
    ReminderPolicy policy;
    loaded.applyTo(policy);
    CHECK(policy.maxAttempts == 7);
    CHECK(policy.quietStart == QTime(22, 0));
    QFile::setPermissions(secrets, QFile::ReadOwner);
    CHECK_NOTHROW(ReminderConfig::load(config));

    write(
        config,
        R"({"secrets_file": "secrets.json", "smtp": {"url": "smtp://u:pw@mail.example.cn", "from": "a@b"}})");
    CHECK_THROWS_WITH(ReminderConfig::load(config), Catch::Contains("must not carry credentials"));
}

TEST_CASE("the scrubber removes secrets, URL credentials and authorization headers", "[remind][config]") {
    SecretScrubber scrubber;
    scrubber.addSecret(kGatewayToken);
    const QString scrubbed = scrubber.scrub(
        QStringLiteral("GET https://user:pa55word@sms.example.cn/send?sig=abc&token=%1&to=138 failed\n"
                       "Authorization: Bearer xyz.123\nbody %2")
            .arg(kGatewayToken, QString::fromLatin1(kGatewayToken.toUtf8().toBase64())));
    CHECK_FALSE(scrubbed.contains(kGatewayToken));
    CHECK_FALSE(scrubbed.contains(QStringLiteral("pa55word")));
    CHECK_FALSE(scrubbed.contains(QStringLiteral("xyz.123")));
    CHECK_FALSE(scrubbed.contains(QStringLiteral("sig=abc")));
    CHECK_FALSE(scrubbed.contains(QString::fromLatin1(kGatewayToken.toUtf8().toBase64())));
    CHECK(scrubbed.contains(QStringLiteral("to=138 failed")));
    CHECK(scrubbed.contains(QStringLiteral("https://***@sms.example.cn/send")));
}
