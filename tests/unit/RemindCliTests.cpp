// `recheck remind` as cron or the systemd timer runs it: the built binary
// against an archive, a config file with an owner-only secrets file, and
// real local HTTP and SMTP servers.

#include "RemindFixtures.h"
#include "RemindTestServers.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace recheck;
using namespace recheck::remindtest;

namespace {

const QByteArray kToken = "cli-token-7Hq2-SECRET";
const QByteArray kMailPassword = "cli-mail-pw-Zx81";

struct RemindRun {
    int status = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

RemindRun runRemind(const QStringList& args) {
    QProcess process;
    process.start(QStringLiteral(RECHECK_BINARY_DIR "/bin/recheck"),
                  QStringList{QStringLiteral("remind")} + args);
    REQUIRE(process.waitForFinished(60000));
    RemindRun run;
    run.status = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void writeFile(const QString& path, const QByteArray& text) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

} // namespace

TEST_CASE("recheck remind queues, sends through real gateways once, and keeps secrets out of its output",
          "[remind][cli]") {
    RemindArchive a;
    const QString district = a.district(QStringLiteral("TQ100"), QStringLiteral("东关台区"));
    const QString plan = a.plan(QStringLiteral("P100"), QStringLiteral("季度复查"), QStringLiteral("adhoc"));
    const QString li =
        a.staff(QStringLiteral("S41"), QStringLiteral("李雷"), QStringLiteral("13800000041"),
                QStringLiteral("lilei@example.cn"), QStringLiteral("zh_CN"), QStringLiteral("none"));
    const QString ann =
        a.staff(QStringLiteral("S42"), QStringLiteral("Ann"), QStringLiteral("13800000042"),
                QStringLiteral("ann@example.com"), QStringLiteral("en"), QStringLiteral("none"));
    a.task(plan, district, li, QStringLiteral("issued"), QStringLiteral("normal"),
           QStringLiteral("2024-06-10"), QStringLiteral("2024-06-12"));
    a.task(plan, district, ann, QStringLiteral("issued"), QStringLiteral("normal"),
           QStringLiteral("2024-06-11"), QStringLiteral("2024-06-13"));

    HttpGatewayServer gateway;
    SmtpServer smtp(QStringLiteral("remind@example.cn"), QString::fromUtf8(kMailPassword));
    const QString config = a.dir().file(QStringLiteral("remind.json"));
    const QString secrets = a.dir().file(QStringLiteral("remind-secrets.json"));
    writeFile(secrets, "{\"sms_token\": \"" + kToken + "\", \"mail_password\": \"" + kMailPassword + "\"}");
    QFile::setPermissions(secrets, QFile::ReadOwner | QFile::WriteOwner);
    writeFile(config, QStringLiteral(R"({
        "secrets_file": "remind-secrets.json", "utc_offset_minutes": 480, "channels": ["sms", "email"],
        "sms_gateway": {"url": "%1", "headers": {"Authorization": "Bearer ${secret.sms_token}",
                                                 "Idempotency-Key": "${idempotency_key}"},
                        "body_template": "{\"to\":\"${phone}\",\"template\":\"${template}\",\"params\":${params}}",
                        "success": {"json_field": "code", "json_value": "OK"},
                        "message_id_field": "data.message_id", "timeout_seconds": 2},
        "smtp": {"url": "%2", "tls": "none", "username": "remind@example.cn",
                 "password_secret": "mail_password", "from": "remind@example.cn", "timeout_seconds": 2}})")
                          .arg(gateway.url(), smtp.url())
                          .toUtf8());
    const QString now = QStringLiteral("2024-06-03T09:00:00+08:00");

    SECTION("a dry run writes and sends nothing") {
        const RemindRun dry =
            runRemind({a.path(), QStringLiteral("--config"), config, QStringLiteral("--now"), now,
                       QStringLiteral("--dry-run"), QStringLiteral("--send"), QStringLiteral("--json")});
        INFO(dry.err.toStdString());
        CHECK(dry.status == 0);
        CHECK(dry.json().value(QStringLiteral("queued")).toArray().size() == 4);
        CHECK(a.count(QStringLiteral("SELECT count(*) FROM reminder_outbox")) == 0);
        CHECK(gateway.requests().isEmpty());
        CHECK(smtp.messages().isEmpty());
    }

    SECTION("a real run sends each reminder once; the next run sends nothing new") {
        const RemindRun run =
            runRemind({a.path(), QStringLiteral("--config"), config, QStringLiteral("--now"), now,
                       QStringLiteral("--send"), QStringLiteral("--json")});
        INFO(run.err.toStdString());
        REQUIRE(run.status == 0);
        const QJsonObject json = run.json();
        CHECK(json.value(QStringLiteral("queued")).toArray().size() == 4);
        const QJsonObject delivery = json.value(QStringLiteral("delivery")).toObject();
        CHECK(delivery.value(QStringLiteral("sent")).toInt() == 4);
        CHECK(delivery.value(QStringLiteral("failed")).toInt() == 0);

        const QList<HttpRequest> sms = gateway.requests();
        REQUIRE(sms.size() == 2);
        QStringList phones;
        for (const HttpRequest& r : sms) {
            phones << QJsonDocument::fromJson(r.body).object().value(QStringLiteral("to")).toString();
            CHECK(r.headers.contains("Authorization: Bearer " + kToken));
            CHECK(r.headers.contains("Idempotency-Key: recheck-"));
        }
        phones.sort();
        CHECK(phones == (QStringList{QStringLiteral("13800000041"), QStringLiteral("13800000042")}));
        const QList<SmtpMessage> mail = smtp.messages();
        REQUIRE(mail.size() == 2);
        QStringList recipients;
        for (const SmtpMessage& m : mail) {
            recipients << m.recipients;
            CHECK(m.authPassword == QString::fromUtf8(kMailPassword));
        }
        recipients.sort();
        CHECK(recipients ==
              (QStringList{QStringLiteral("<ann@example.com>"), QStringLiteral("<lilei@example.cn>")}));
        CHECK(a.count(QStringLiteral("SELECT count(*) FROM reminder_outbox WHERE status = 'sent'")) == 4);
        CHECK_FALSE(run.out.contains(QString::fromUtf8(kToken)));
        CHECK_FALSE(run.out.contains(QString::fromUtf8(kMailPassword)));
        CHECK_FALSE(run.err.contains(QString::fromUtf8(kToken)));

        const RemindRun again =
            runRemind({a.path(), QStringLiteral("--config"), config, QStringLiteral("--now"),
                       QStringLiteral("2024-06-03T09:30:00+08:00"), QStringLiteral("--send")});
        INFO(again.err.toStdString());
        CHECK(again.status == 0);
        CHECK(again.out.contains(QStringLiteral("Queued 0 reminder(s)")));
        CHECK(again.out.contains(QStringLiteral("Sent 0, failed 0")));
        CHECK(gateway.requests().size() == 2);
        CHECK(smtp.messages().size() == 2);
    }

    SECTION("a failing gateway gives exit 1 and a retry time, without the token") {
        gateway.script({HttpGatewayServer::Reply::ServerError, HttpGatewayServer::Reply::ServerError});
        const RemindRun run = runRemind({a.path(), QStringLiteral("--config"), config,
                                         QStringLiteral("--now"), now, QStringLiteral("--send")});
        CHECK(run.status == 1);
        CHECK(run.err.contains(QStringLiteral("HTTP 500")));
        CHECK(run.err.contains(QStringLiteral("2024-06-03T01:01:00Z"))); // next attempt after 1 min
        CHECK_FALSE(run.err.contains(QString::fromUtf8(kToken)));
        CHECK(a.count(QStringLiteral("SELECT count(*) FROM reminder_outbox WHERE status = 'failed'")) == 2);
        CHECK(smtp.messages().size() == 2);
    }

    SECTION("a secrets file others can read is refused, naming the fix") {
        QFile::setPermissions(secrets, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup);
        const RemindRun run = runRemind({a.path(), QStringLiteral("--config"), config,
                                         QStringLiteral("--now"), now, QStringLiteral("--send")});
        CHECK(run.status == 2);
        CHECK(run.err.contains(QStringLiteral("chmod 600 ")));
        CHECK(a.count(QStringLiteral("SELECT count(*) FROM reminder_outbox")) == 0);
        CHECK(gateway.requests().isEmpty());
    }
}
