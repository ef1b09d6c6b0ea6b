#include "RemindTestServers.h"

#include <QRegularExpression>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace recheck::remindtest {

LoopbackServer::LoopbackServer() {
    mListenFd = ::socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    ::setsockopt(mListenFd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0; // the kernel picks a free port
    if (::bind(mListenFd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(mListenFd, 8) != 0)
        throw std::runtime_error("test server: cannot listen on 127.0.0.1");
    socklen_t length = sizeof addr;
    ::getsockname(mListenFd, reinterpret_cast<sockaddr*>(&addr), &length);
    mPort = ntohs(addr.sin_port);
    if (::pipe(mWakePipe) != 0)
        throw std::runtime_error("test server: pipe failed");
}

LoopbackServer::~LoopbackServer() {
    stop();
    ::close(mListenFd);
    ::close(mWakePipe[0]);
    ::close(mWakePipe[1]);
}

void LoopbackServer::stop() {
    if (!mThread.joinable())
        return;
    mStop = true;
    (void)!::write(mWakePipe[1], "x", 1);
    mThread.join();
}

void LoopbackServer::start() {
    mThread = std::thread([this] { run(); });
}

void LoopbackServer::run() {
    while (!mStop) {
        pollfd fds[2] = {{mListenFd, POLLIN, 0}, {mWakePipe[0], POLLIN, 0}};
        if (::poll(fds, 2, -1) <= 0 || (fds[1].revents & POLLIN))
            break;
        const int fd = ::accept(mListenFd, nullptr, nullptr);
        if (fd < 0)
            continue;
        serve(fd);
        ::close(fd);
    }
}

bool LoopbackServer::fill(int fd, QByteArray& buffer, int timeoutMs) {
    pollfd fds[2] = {{fd, POLLIN, 0}, {mWakePipe[0], POLLIN, 0}};
    if (::poll(fds, 2, timeoutMs) <= 0 || (fds[1].revents & POLLIN))
        return false;
    char chunk[4096];
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0)
        return false;
    buffer.append(chunk, static_cast<int>(n));
    return true;
}

bool LoopbackServer::readLine(int fd, QByteArray& buffer, QByteArray& line, int timeoutMs) {
    while (true) {
        const int end = buffer.indexOf("\r\n");
        if (end >= 0) {
            line = buffer.left(end);
            buffer.remove(0, end + 2);
            return true;
        }
        if (!fill(fd, buffer, timeoutMs))
            return false;
    }
}

bool LoopbackServer::readExactly(int fd, QByteArray& buffer, int bytes, QByteArray& out, int timeoutMs) {
    while (buffer.size() < bytes)
        if (!fill(fd, buffer, timeoutMs))
            return false;
    out = buffer.left(bytes);
    buffer.remove(0, bytes);
    return true;
}

void LoopbackServer::writeAll(int fd, const QByteArray& data) {
    int sent = 0;
    while (sent < data.size()) {
        const ssize_t n =
            ::send(fd, data.constData() + sent, static_cast<size_t>(data.size() - sent), MSG_NOSIGNAL);
        if (n <= 0)
            return;
        sent += static_cast<int>(n);
    }
}

void LoopbackServer::waitForPeerClose(int fd, int maxMs) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(maxMs);
    while (std::chrono::steady_clock::now() < deadline && !mStop) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0)
            continue;
        char chunk[512];
        if (::recv(fd, chunk, sizeof chunk, 0) <= 0)
            return; // the client gave up and closed
    }
}

// ---------------------------------------------------------------- HTTP

HttpGatewayServer::~HttpGatewayServer() {
    stop();
}

void HttpGatewayServer::script(std::initializer_list<Reply> replies) {
    std::lock_guard<std::mutex> lock(mMutex);
    mScript.insert(mScript.end(), replies.begin(), replies.end());
}

QList<HttpRequest> HttpGatewayServer::requests() const {
    std::lock_guard<std::mutex> lock(mMutex);
    return mRequests;
}

QString HttpGatewayServer::url(const QString& path) const {
    return QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path);
}

void HttpGatewayServer::serve(int fd) {
    QByteArray buffer, line;
    HttpRequest request;
    if (!readLine(fd, buffer, line))
        return;
    const QList<QByteArray> parts = line.split(' ');
    request.method = parts.value(0);
    request.target = parts.value(1);
    int contentLength = 0;
    while (readLine(fd, buffer, line) && !line.isEmpty()) {
        request.headers += line + "\r\n";
        if (line.toLower().startsWith("content-length:"))
            contentLength = line.mid(15).trimmed().toInt();
    }
    readExactly(fd, buffer, contentLength, request.body);
    Reply reply = Reply::Success;
    int number = 0;
    {
        std::lock_guard<std::mutex> lock(mMutex);
        if (!mScript.empty()) {
            reply = mScript.front();
            mScript.pop_front();
        }
        mRequests << request;
        number = mRequests.size();
    }
    auto respond = [&](const QByteArray& status, const QByteArray& type, const QByteArray& body) {
        writeAll(fd, "HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " +
                         QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    };
    switch (reply) {
    case Reply::Success:
        respond("200 OK", "application/json",
                "{\"code\":\"OK\",\"data\":{\"message_id\":\"gw-" + QByteArray::number(number) + "\"}}");
        break;
    case Reply::ServerError:
        respond("500 Internal Server Error", "text/plain", "upstream exploded");
        break;
    case Reply::Malformed:
        respond("200 OK", "application/json", "<html>gateway maintenance</html>");
        break;
    case Reply::Refused:
        respond("200 OK", "application/json", "{\"code\":\"isv.BUSINESS_LIMIT_CONTROL\"}");
        break;
    case Reply::Timeout:
        waitForPeerClose(fd, 10000); // never answers; the client gives up
        break;
    }
}

// ---------------------------------------------------------------- SMTP

SmtpServer::~SmtpServer() {
    stop();
}

QList<SmtpMessage> SmtpServer::messages() const {
    std::lock_guard<std::mutex> lock(mMutex);
    return mMessages;
}

void SmtpServer::serve(int fd) {
    QByteArray buffer, line;
    SmtpMessage current;
    bool authenticated = false;
    writeAll(fd, "220 127.0.0.1 ESMTP recheck-test\r\n");
    auto checkCredentials = [&](const QByteArray& user, const QByteArray& password, const char* mechanism) {
        current.authUser = QString::fromUtf8(user);
        current.authPassword = QString::fromUtf8(password);
        current.authMechanism = QString::fromLatin1(mechanism);
        authenticated = current.authUser == mUser && current.authPassword == mPassword;
        writeAll(fd, authenticated ? "235 2.7.0 Authentication successful\r\n"
                                   : "535 5.7.8 Authentication credentials invalid\r\n");
    };
    while (readLine(fd, buffer, line)) {
        const QByteArray upper = line.toUpper();
        if (upper.startsWith("EHLO")) {
            writeAll(fd, "250-127.0.0.1\r\n250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n250 SIZE 1000000\r\n");
        } else if (upper.startsWith("HELO")) {
            writeAll(fd, "250 127.0.0.1\r\n");
        } else if (upper.startsWith("AUTH PLAIN")) {
            QByteArray encoded = line.mid(10).trimmed();
            if (encoded.isEmpty()) {
                writeAll(fd, "334 \r\n");
                if (!readLine(fd, buffer, encoded))
                    return;
            }
            const QList<QByteArray> fields = QByteArray::fromBase64(encoded).split('\0');
            checkCredentials(fields.value(1), fields.value(2), "PLAIN");
        } else if (upper.startsWith("AUTH LOGIN")) {
            QByteArray user = line.mid(10).trimmed(), password;
            if (user.isEmpty()) {
                writeAll(fd, "334 VXNlcm5hbWU6\r\n");
                if (!readLine(fd, buffer, user))
                    return;
            }
            writeAll(fd, "334 UGFzc3dvcmQ6\r\n");
            if (!readLine(fd, buffer, password))
                return;
            checkCredentials(QByteArray::fromBase64(user), QByteArray::fromBase64(password), "LOGIN");
        } else if (upper.startsWith("MAIL FROM:")) {
            if (!authenticated) {
                writeAll(fd, "530 5.7.0 Authentication required\r\n");
                continue;
            }
            current.mailFrom = QString::fromUtf8(line.mid(10).trimmed().split(' ').value(0));
            writeAll(fd, "250 2.1.0 Ok\r\n");
        } else if (upper.startsWith("RCPT TO:")) {
            current.recipients << QString::fromUtf8(line.mid(8).trimmed());
            writeAll(fd, "250 2.1.5 Ok\r\n");
        } else if (upper == "DATA") {
            writeAll(fd, "354 End data with <CR><LF>.<CR><LF>\r\n");
            QByteArray data;
            while (readLine(fd, buffer, line) && line != ".")
                data += (line.startsWith("..") ? line.mid(1) : line) + "\r\n";
            current.data = data;
            {
                std::lock_guard<std::mutex> lock(mMutex);
                mMessages << current;
            }
            current.recipients.clear();
            current.data.clear();
            writeAll(fd, "250 2.0.0 Ok: queued\r\n");
        } else if (upper == "RSET" || upper == "NOOP") {
            writeAll(fd, "250 2.0.0 Ok\r\n");
        } else if (upper == "QUIT") {
            writeAll(fd, "221 2.0.0 Bye\r\n");
            return;
        } else {
            writeAll(fd, "502 5.5.2 Command not recognised\r\n");
        }
    }
}

namespace {

QString decodeEncodedWords(const QString& value) {
    static const QRegularExpression word(QStringLiteral("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?="));
    static const QRegularExpression gap(
        QStringLiteral("\\?=\\s+=\\?")); // whitespace between words is dropped
    QString joined = value;
    joined.replace(gap, QStringLiteral("?==?"));
    QByteArray out;
    int last = 0;
    auto it = word.globalMatch(joined);
    while (it.hasNext()) {
        const auto m = it.next();
        out += joined.mid(last, m.capturedStart() - last).toUtf8();
        out += QByteArray::fromBase64(m.captured(3).toLatin1());
        last = m.capturedEnd();
    }
    out += joined.mid(last).toUtf8();
    return QString::fromUtf8(out);
}

} // namespace

QString SmtpMessage::header(const QString& name) const {
    const int end = data.indexOf("\r\n\r\n");
    QString headers = QString::fromUtf8(data.left(end));
    headers.replace(QRegularExpression(QStringLiteral("\r\n[ \t]")), QStringLiteral(" "));
    for (const QString& line : headers.split(QStringLiteral("\r\n")))
        if (line.section(QLatin1Char(':'), 0, 0).compare(name, Qt::CaseInsensitive) == 0)
            return decodeEncodedWords(line.section(QLatin1Char(':'), 1).trimmed());
    return {};
}

QString SmtpMessage::body() const {
    const int end = data.indexOf("\r\n\r\n");
    const QByteArray raw = data.mid(end + 4);
    if (header(QStringLiteral("Content-Transfer-Encoding"))
            .compare(QLatin1String("base64"), Qt::CaseInsensitive) == 0)
        return QString::fromUtf8(QByteArray::fromBase64(QByteArray(raw).replace("\r\n", "")));
    return QString::fromUtf8(raw);
}

} // namespace recheck::remindtest
