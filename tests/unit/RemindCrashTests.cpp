// A `remind --send` killed after the gateway took a message and before the
// attempt was recorded: the message was claimed ('sending') first, so the
// next runs neither lose it nor send it a second time behind anyone's back.
// The kill lands exactly in that window: the local gateway never answers,
// and the test kills the sending process as soon as the request arrived.

#include "RemindFixtures.h"
#include "RemindTestServers.h"

#include "reminders/ReminderSenders.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace recheck;
using namespace recheck::remindtest;

namespace {

HttpGatewayConfig crashGatewayConfig(const HttpGatewayServer& server, bool deduplicates) {
    HttpGatewayConfig c;
    c.url = server.url();
    c.headers = {{QStringLiteral("Idempotency-Key"), QStringLiteral("${idempotency_key}")}};
    c.bodyTemplate = QStringLiteral(
        "{\"to\":\"${phone}\",\"template\":\"${template}\",\"out_id\":\"${idempotency_key}\"}");
    c.successJsonField = QStringLiteral("code");
    c.successJsonValue = QStringLiteral("OK");
    c.messageIdField = QStringLiteral("data.message_id");
    c.timeoutSeconds = 30; // the child is killed long before
    c.deduplicatesIdempotencyKey = deduplicates;
    return c;
}

QByteArray idempotencyHeader(const HttpRequest& request) {
    for (const QByteArray& line : request.headers.split('\n'))
        if (line.toLower().startsWith("idempotency-key:"))
            return line.mid(16).trimmed();
    return {};
}

/// Runs deliverDue in a child process with its own connection and kills it
/// once the gateway has received the request (which it never answers).
void sendAndKillInFlight(const QString& archivePath, const HttpGatewayServer& server, const QDateTime& now,
                         const ReminderPolicy& policy) {
    const int before = server.requests().size();
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        int status = 0;
        try {
            Archive archive = Archive::open(archivePath);
            ReminderOutbox outbox(archive.db());
            HttpSmsSender sender(crashGatewayConfig(server, false));
            outbox.deliverDue(now, policy, {{QStringLiteral("sms"), &sender}});
        } catch (...) {
            status = 1;
        }
        _exit(status);
    }
    QElapsedTimer waited;
    waited.start();
    while (server.requests().size() == before && waited.elapsed() < 20000)
        QThread::msleep(5);
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    REQUIRE(server.requests().size() == before + 1);
    REQUIRE(WIFSIGNALED(status)); // killed in flight, not finished
}

} // namespace

TEST_CASE("a run killed after the gateway took a message never sends it again silently", "[remind][crash]") {
    RemindArchive a;
    const QString who = a.staff(QStringLiteral("S31"), QStringLiteral("周八"), QStringLiteral("13800000031"),
                                {}, QStringLiteral("zh_CN"), QStringLiteral("none"));
    a.task(a.plan(QStringLiteral("P1"), QStringLiteral("计划")),
           a.district(QStringLiteral("T1"), QStringLiteral("台区")), who, QStringLiteral("issued"),
           QStringLiteral("normal"), QStringLiteral("2024-06-03"), QStringLiteral("2024-06-04"));
    ReminderPolicy policy = ReminderPolicy::fromArchive(a.db());
    policy.channels = QStringList{QStringLiteral("sms")};
    REQUIRE(policy.claimStaleMinutes == 15); // the archive's default
    ReminderOutbox outbox(a.db());
    const QDateTime t0 = chinaTime(2024, 6, 3, 10);
    REQUIRE(outbox.queueFromRules(t0, policy, false).queued.size() == 1);
    const std::int64_t id = a.db().scalar(QStringLiteral("SELECT id FROM reminder_outbox")).toLongLong();

    HttpGatewayServer server;
    server.script({HttpGatewayServer::Reply::Timeout});
    sendAndKillInFlight(a.path(), server, t0, policy);

    // The claim was committed before the gateway saw the message.
    OutboxMessage claimed = outbox.message(id);
    CHECK(claimed.status == QStringLiteral("sending"));
    CHECK(claimed.claimedAt == QStringLiteral("2024-06-03T02:00:00Z"));
    CHECK(claimed.attempts == 0);
    REQUIRE_FALSE(claimed.idempotencyKey.isEmpty());
    const QList<HttpRequest> first = server.requests();
    CHECK(idempotencyHeader(first[0]) == claimed.idempotencyKey.toUtf8());
    CHECK(QJsonDocument::fromJson(first[0].body).object().value(QStringLiteral("out_id")).toString() ==
          claimed.idempotencyKey);
    CHECK(a.count(QStringLiteral("SELECT count(*) FROM reminder_deliveries")) == 0);

    SECTION("without deduplication at the gateway it is held as unconfirmed for a person") {
        HttpSmsSender sender(crashGatewayConfig(server, false));
        const std::map<QString, ReminderSender*> senders{{QStringLiteral("sms"), &sender}};
        // A fresh claim may belong to a run still sending: left alone.
        CHECK(outbox.deliverDue(t0.addSecs(60), policy, senders).attempted.empty());
        CHECK(outbox.message(id).status == QStringLiteral("sending"));
        // Stale: unconfirmed, logged, and not sent again.
        const DeliveryReport stale = outbox.deliverDue(t0.addSecs(15 * 60), policy, senders);
        CHECK(stale.unconfirmed == 1);
        CHECK(stale.sent + stale.failed + stale.dead + stale.resumed == 0);
        CHECK(server.requests().size() == 1);
        const OutboxMessage held = outbox.message(id);
        CHECK(held.status == QStringLiteral("unconfirmed"));
        CHECK(held.attempts == 1);
        CHECK(held.lastError.contains(held.idempotencyKey));
        CHECK(a.db()
                  .scalar(QStringLiteral("SELECT outcome || '@' || attempted_at FROM reminder_deliveries"))
                  .toString() == QStringLiteral("unconfirmed@2024-06-03T02:00:00Z"));
        // Later runs leave it alone too.
        CHECK(outbox.deliverDue(t0.addSecs(7200), policy, senders).attempted.empty());
        CHECK(server.requests().size() == 1);

        SECTION("a person who finds it in the gateway's log marks it sent") {
            CHECK(outbox.markSent(id, t0.addSecs(8000)));
            CHECK(outbox.message(id).status == QStringLiteral("sent"));
            CHECK_FALSE(outbox.markSent(id, t0.addSecs(8000)));
            CHECK(outbox.deliverDue(t0.addSecs(9000), policy, senders).attempted.empty());
            CHECK(server.requests().size() == 1);
        }
        SECTION("a person who does not find it retries it, under the same idempotency key") {
            CHECK(outbox.retry(id, t0.addSecs(8000)));
            const DeliveryReport again = outbox.deliverDue(t0.addSecs(8000), policy, senders);
            CHECK(again.sent == 1);
            REQUIRE(server.requests().size() == 2);
            CHECK(idempotencyHeader(server.requests()[1]) == claimed.idempotencyKey.toUtf8());
            CHECK(outbox.message(id).status == QStringLiteral("sent"));
        }
        SECTION("or cancels it") {
            CHECK(outbox.cancel(id));
            CHECK(outbox.deliverDue(t0.addSecs(9000), policy, senders).attempted.empty());
            CHECK(server.requests().size() == 1);
        }
    }
    SECTION("a gateway that drops duplicates of a key gets it again under the same key") {
        HttpSmsSender sender(crashGatewayConfig(server, true));
        const std::map<QString, ReminderSender*> senders{{QStringLiteral("sms"), &sender}};
        CHECK(outbox.deliverDue(t0.addSecs(60), policy, senders).attempted.empty());
        const DeliveryReport resumed = outbox.deliverDue(t0.addSecs(15 * 60), policy, senders);
        CHECK(resumed.resumed == 1);
        CHECK(resumed.sent == 1);
        REQUIRE(server.requests().size() == 2);
        CHECK(idempotencyHeader(server.requests()[1]) == claimed.idempotencyKey.toUtf8());
        CHECK(outbox.message(id).status == QStringLiteral("sent"));
        CHECK(a.db()
                  .scalar(QStringLiteral("SELECT group_concat(outcome, ' ') FROM "
                                         "(SELECT outcome FROM reminder_deliveries ORDER BY id)"))
                  .toString() == QStringLiteral("unconfirmed sent"));
    }
}

TEST_CASE("two runs never send the same due message twice", "[remind][crash]") {
    RemindArchive a;
    const QString who = a.staff(QStringLiteral("S32"), QStringLiteral("吴九"), QStringLiteral("13800000032"),
                                {}, QStringLiteral("zh_CN"), QStringLiteral("none"));
    a.task(a.plan(QStringLiteral("P1"), QStringLiteral("计划")),
           a.district(QStringLiteral("T1"), QStringLiteral("台区")), who, QStringLiteral("issued"),
           QStringLiteral("normal"), QStringLiteral("2024-06-03"), QStringLiteral("2024-06-04"));
    ReminderPolicy policy = ReminderPolicy::fromArchive(a.db());
    policy.channels = QStringList{QStringLiteral("sms")};
    ReminderOutbox outbox(a.db());
    const QDateTime t0 = chinaTime(2024, 6, 3, 10);
    REQUIRE(outbox.queueFromRules(t0, policy, false).queued.size() == 1);
    // The second run read the row as due before the first claimed it.
    OutboxMessage seenByFirst = outbox.due(t0).front();
    OutboxMessage seenBySecond = seenByFirst;
    CHECK(outbox.claim(seenByFirst, t0));
    CHECK_FALSE(outbox.claim(seenBySecond, t0));
    CHECK(seenByFirst.status == QStringLiteral("sending"));
}
