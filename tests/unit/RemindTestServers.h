#pragma once

// Real servers on 127.0.0.1 for the [remind] suites: a small HTTP SMS
// gateway and an SMTP server, each on a free port picked by the kernel and
// served from its own thread with plain POSIX sockets (the unit suite links
// no Qt network module).

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <deque>
#include <mutex>
#include <thread>

namespace recheck::remindtest {

/// Accepts connections one at a time on 127.0.0.1:port() until destroyed.
class LoopbackServer {
public:
    LoopbackServer();
    virtual ~LoopbackServer();
    int port() const { return mPort; }

protected:
    /// Called in the server thread for each connection; the fd is closed after.
    virtual void serve(int fd) = 0;
    /// Starts the thread; derived constructors call it last.
    void start();
    /// Joins the thread; derived destructors call it first (serve() uses
    /// their members).
    void stop();
    /// Blocks until a line (CRLF stripped) arrives; false when the peer closed.
    bool readLine(int fd, QByteArray& buffer, QByteArray& line, int timeoutMs = 5000);
    bool readExactly(int fd, QByteArray& buffer, int bytes, QByteArray& out, int timeoutMs = 5000);
    static void writeAll(int fd, const QByteArray& data);
    bool stopping() const { return mStop.load(); }
    /// Waits until the peer closes or the server stops (a client timing out).
    void waitForPeerClose(int fd, int maxMs);

private:
    bool fill(int fd, QByteArray& buffer, int timeoutMs);
    void run();

    int mListenFd = -1;
    int mPort = 0;
    int mWakePipe[2] = {-1, -1};
    std::atomic<bool> mStop{false};
    std::thread mThread;
};

struct HttpRequest {
    QByteArray method;
    QByteArray target;
    QByteArray headers;
    QByteArray body;
};

/// Answers each request by the next scripted reply (Success when none).
class HttpGatewayServer : public LoopbackServer {
public:
    enum class Reply { Success, ServerError, Timeout, Malformed, Refused };
    HttpGatewayServer() { start(); }
    ~HttpGatewayServer() override;
    void script(std::initializer_list<Reply> replies);
    QList<HttpRequest> requests() const;
    QString url(const QString& path = QStringLiteral("/sms/send")) const;

protected:
    void serve(int fd) override;

private:
    mutable std::mutex mMutex;
    std::deque<Reply> mScript;
    QList<HttpRequest> mRequests;
    int mAccepted = 0;
};

struct SmtpMessage {
    QString authUser;
    QString authPassword;
    QString authMechanism;
    QString mailFrom;
    QStringList recipients;
    QByteArray data;

    /// Unfolded header value, RFC 2047 encoded-words decoded.
    QString header(const QString& name) const;
    /// The body, base64 / 8bit decoded as UTF-8.
    QString body() const;
};

/// Enough of RFC 5321 for libcurl: EHLO/HELO, AUTH PLAIN and LOGIN, MAIL,
/// RCPT, DATA, RSET, NOOP, QUIT. Accepts only the configured credentials.
class SmtpServer : public LoopbackServer {
public:
    SmtpServer(QString user, QString password) : mUser(std::move(user)), mPassword(std::move(password)) {
        start();
    }
    ~SmtpServer() override;
    QList<SmtpMessage> messages() const;
    QString url() const { return QStringLiteral("smtp://127.0.0.1:%1").arg(port()); }

protected:
    void serve(int fd) override;

private:
    QString mUser, mPassword;
    mutable std::mutex mMutex;
    QList<SmtpMessage> mMessages;
};

} // namespace recheck::remindtest
