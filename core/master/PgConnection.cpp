#include "PgConnection.h"

#include <libpq-fe.h>

#include <QRegularExpression>

#include <algorithm>

#include <vector>

namespace recheck {

namespace {

// libpq prints NOTICEs (e.g. "table does not exist, skipping") on stderr by
// default; the master's callers report what matters themselves.
void ignoreNotice(void* /*arg*/, const PGresult* /*result*/) {}

QString trimmedMessage(const char* message) {
    return QString::fromUtf8(message).trimmed();
}

} // namespace

// ---- PgResult ---------------------------------------------------------------

PgResult::PgResult(pg_result* result) : mResult(result) {}

PgResult::~PgResult() {
    if (mResult)
        PQclear(mResult);
}

PgResult::PgResult(PgResult&& other) noexcept : mResult(other.mResult) {
    other.mResult = nullptr;
}

PgResult& PgResult::operator=(PgResult&& other) noexcept {
    if (this != &other) {
        if (mResult)
            PQclear(mResult);
        mResult = other.mResult;
        other.mResult = nullptr;
    }
    return *this;
}

int PgResult::rows() const {
    return mResult ? PQntuples(mResult) : 0;
}
int PgResult::columns() const {
    return mResult ? PQnfields(mResult) : 0;
}
QString PgResult::columnName(int col) const {
    return QString::fromUtf8(PQfname(mResult, col));
}
bool PgResult::isNull(int row, int col) const {
    return PQgetisnull(mResult, row, col) != 0;
}

QString PgResult::text(int row, int col) const {
    if (isNull(row, col))
        return {};
    return QString::fromUtf8(PQgetvalue(mResult, row, col), PQgetlength(mResult, row, col));
}

QByteArray PgResult::bytes(int row, int col) const {
    if (isNull(row, col))
        return {};
    return QByteArray(PQgetvalue(mResult, row, col), PQgetlength(mResult, row, col));
}

const char* PgResult::data(int row, int col) const {
    return PQgetvalue(mResult, row, col);
}

int PgResult::length(int row, int col) const {
    return PQgetlength(mResult, row, col);
}

qint64 PgResult::affectedRows() const {
    const char* tuples = mResult ? PQcmdTuples(mResult) : "";
    return *tuples ? QByteArray(tuples).toLongLong() : 0;
}

// ---- PgConnection -----------------------------------------------------------

bool PgConnection::isConnectionString(const QString& location) {
    static const QRegularExpression keyValue(
        QStringLiteral("^\\s*(host|hostaddr|port|dbname|user|service)\\s*="));
    return location.startsWith(QLatin1String("postgresql://")) ||
           location.startsWith(QLatin1String("postgres://")) || keyValue.match(location).hasMatch();
}

QString PgConnection::redacted(const QString& conninfo) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.toUtf8().constData(), &error);
    if (!options) {
        PQfreemem(error);
        return QStringLiteral("<unparsable connection string>");
    }
    QStringList parts;
    for (PQconninfoOption* o = options; o->keyword; ++o) {
        if (!o->val || !*o->val)
            continue;
        const QString key = QString::fromUtf8(o->keyword);
        parts << QStringLiteral("%1=%2").arg(
            key, key == QLatin1String("password") ? QStringLiteral("***") : QString::fromUtf8(o->val));
    }
    PQconninfoFree(options);
    return parts.join(QLatin1Char(' '));
}

PgConnection::PgConnection(const QString& conninfo) {
    char* parseError = nullptr;
    PQconninfoOption* parsed = PQconninfoParse(conninfo.toUtf8().constData(), &parseError);
    if (!parsed) {
        const QString why = parseError ? trimmedMessage(parseError) : QStringLiteral("out of memory");
        PQfreemem(parseError);
        throw RecheckError(
            QStringLiteral(
                "'%1' is not a PostgreSQL connection string (expected postgresql://user@host:port/dbname "
                "or host=… port=… dbname=…): %2")
                .arg(conninfo.contains(QLatin1String("password")) ? QStringLiteral("<connection string>")
                                                                  : conninfo,
                     why)
                .toStdString(),
            RecheckError::Kind::InvalidInput);
    }
    // The caller's settings, plus a connect timeout (a wrong host should fail
    // in seconds, not minutes) and our name in pg_stat_activity unless given.
    std::vector<QByteArray> keys, values;
    bool hasTimeout = false, hasApplication = false;
    for (PQconninfoOption* o = parsed; o->keyword; ++o) {
        if (!o->val)
            continue;
        keys.emplace_back(o->keyword);
        values.emplace_back(o->val);
        hasTimeout |= keys.back() == "connect_timeout";
        hasApplication |= keys.back() == "application_name";
    }
    PQconninfoFree(parsed);
    if (!hasTimeout) {
        keys.emplace_back("connect_timeout");
        values.emplace_back("10");
    }
    if (!hasApplication) {
        keys.emplace_back("application_name");
        values.emplace_back("recheck");
    }
    keys.emplace_back("client_encoding");
    values.emplace_back("UTF8");
    // No JIT compilation: Recheck's statements are index lookups and
    // writes of a few thousand rows, and on a master of millions of rows
    // the planner's cost estimates (every partition counted) pass
    // jit_above_cost, when compiling takes seconds and saves
    // milliseconds (5.7 s of 5.9 for one query counting a county's customers
    // per district on a 1 000 000-customer master). After the caller's own
    // server options, if any.
    const auto options = std::find(keys.begin(), keys.end(), QByteArray("options"));
    if (options != keys.end())
        values[static_cast<std::size_t>(options - keys.begin())] += " -c jit=off";
    else {
        keys.emplace_back("options");
        values.emplace_back("-c jit=off");
    }
    std::vector<const char*> keyPtrs, valuePtrs;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        keyPtrs.push_back(keys[i].constData());
        valuePtrs.push_back(values[i].constData());
    }
    keyPtrs.push_back(nullptr);
    valuePtrs.push_back(nullptr);
    mLocation = redacted(conninfo);
    mConn = PQconnectdbParams(keyPtrs.data(), valuePtrs.data(), 0);
    if (!mConn)
        throw RecheckError("PostgreSQL: out of memory while connecting", RecheckError::Kind::Io);
    if (PQstatus(mConn) != CONNECTION_OK) {
        const QString why = trimmedMessage(PQerrorMessage(mConn));
        close();
        throw RecheckError(QStringLiteral("cannot connect to the PostgreSQL master (%1): %2")
                               .arg(mLocation, why)
                               .toStdString(),
                           RecheckError::Kind::Io);
    }
    PQsetNoticeProcessor(mConn, nullptr, nullptr);
    PQsetNoticeReceiver(mConn, ignoreNotice, nullptr);
}

PgConnection::~PgConnection() {
    close();
}

PgConnection::PgConnection(PgConnection&& other) noexcept
    : mConn(other.mConn), mLocation(std::move(other.mLocation)), mCopying(other.mCopying) {
    other.mConn = nullptr;
}

PgConnection& PgConnection::operator=(PgConnection&& other) noexcept {
    if (this != &other) {
        close();
        mConn = other.mConn;
        mLocation = std::move(other.mLocation);
        mCopying = other.mCopying;
        other.mConn = nullptr;
    }
    return *this;
}

void PgConnection::close() {
    if (mConn)
        PQfinish(mConn);
    mConn = nullptr;
}

int PgConnection::serverVersion() const {
    return PQserverVersion(mConn);
}

void PgConnection::throwError(const QString& what, pg_result* result) const {
    QString message;
    QString state;
    if (result) {
        message = trimmedMessage(PQresultErrorMessage(result));
        if (const char* s = PQresultErrorField(result, PG_DIAG_SQLSTATE))
            state = QString::fromLatin1(s);
    }
    if (message.isEmpty())
        message = trimmedMessage(PQerrorMessage(mConn));
    // "ERROR:  relation … does not exist" → the message without the level.
    message.remove(QRegularExpression(QStringLiteral("^(ERROR|FATAL):\\s+")));
    const QString full = state.isEmpty()
                             ? QStringLiteral("PostgreSQL master (%1): %2: %3").arg(mLocation, what, message)
                             : QStringLiteral("PostgreSQL master (%1): %2: %3 [SQLSTATE %4]")
                                   .arg(mLocation, what, message, state);
    throw RecheckError(full.toStdString(), RecheckError::Kind::Database);
}

namespace {

QString statementForMessage(const QString& sql) {
    QString s = sql.simplified();
    if (s.size() > 120)
        s = s.left(117) + QStringLiteral("...");
    return s;
}

} // namespace

void PgConnection::exec(const QString& sql) {
    // With several statements PQexec returns the last result, or the error
    // of the statement that failed (the rest are not run).
    pg_result* raw = PQexec(mConn, sql.toUtf8().constData());
    PgResult result(raw);
    const ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)
        throwError(statementForMessage(sql), raw);
}

PgResult PgConnection::query(const QString& sql, const QVariantList& params) {
    std::vector<QByteArray> storage;
    storage.reserve(static_cast<std::size_t>(params.size()));
    std::vector<const char*> values;
    for (const QVariant& p : params) {
        if (p.isNull() || !p.isValid()) {
            storage.emplace_back();
            values.push_back(nullptr);
            continue;
        }
        if (p.userType() == QMetaType::Double)
            storage.push_back(QByteArray::number(p.toDouble(), 'g', 17));
        else if (p.userType() == QMetaType::QByteArray)
            storage.push_back(p.toByteArray()); // already UTF-8 text (an array literal, say)
        else
            storage.push_back(p.toString().toUtf8());
        values.push_back(storage.back().constData());
    }
    pg_result* raw = PQexecParams(mConn, sql.toUtf8().constData(), static_cast<int>(values.size()), nullptr,
                                  values.data(), nullptr, nullptr, 0);
    PgResult result(raw);
    const ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        throwError(statementForMessage(sql), raw);
    return result;
}

QVariant PgConnection::scalar(const QString& sql, const QVariantList& params) {
    const PgResult result = query(sql, params);
    if (result.rows() == 0 || result.columns() == 0 || result.isNull(0, 0))
        return {};
    return result.text(0, 0);
}

void PgConnection::forEachRow(const QString& sql, const std::function<void(const PgResult& row)>& row) {
    if (PQsendQuery(mConn, sql.toUtf8().constData()) != 1 || PQsetSingleRowMode(mConn) != 1)
        throwError(statementForMessage(sql));
    // Read every result to the end even after an error or a throwing
    // callback, so the connection is ready for the next statement.
    QString failure;
    std::exception_ptr thrown;
    while (pg_result* raw = PQgetResult(mConn)) {
        PgResult result(raw);
        const ExecStatusType status = PQresultStatus(raw);
        if (status == PGRES_SINGLE_TUPLE) {
            if (!thrown && failure.isEmpty()) {
                try {
                    row(result);
                } catch (...) {
                    thrown = std::current_exception();
                }
            }
        } else if (status != PGRES_TUPLES_OK && failure.isEmpty()) {
            failure = trimmedMessage(PQresultErrorMessage(raw));
            if (const char* state = PQresultErrorField(raw, PG_DIAG_SQLSTATE))
                failure += QStringLiteral(" [SQLSTATE %1]").arg(QString::fromLatin1(state));
        }
    }
    if (thrown)
        std::rethrow_exception(thrown);
    if (!failure.isEmpty()) {
        failure.remove(QRegularExpression(QStringLiteral("^(ERROR|FATAL):\\s+")));
        throw RecheckError(QStringLiteral("PostgreSQL master (%1): %2: %3")
                               .arg(mLocation, statementForMessage(sql), failure)
                               .toStdString(),
                           RecheckError::Kind::Database);
    }
}

void PgConnection::beginCopy(const QString& copySql) {
    pg_result* raw = PQexec(mConn, copySql.toUtf8().constData());
    PgResult result(raw);
    if (!raw || PQresultStatus(raw) != PGRES_COPY_IN)
        throwError(statementForMessage(copySql), raw);
    mCopying = true;
}

void PgConnection::putCopyData(const QByteArray& data) {
    if (PQputCopyData(mConn, data.constData(), data.size()) != 1)
        throwError(QStringLiteral("COPY (sending rows)"));
}

qint64 PgConnection::endCopy() {
    mCopying = false;
    if (PQputCopyEnd(mConn, nullptr) != 1)
        throwError(QStringLiteral("COPY (ending)"));
    qint64 copied = 0;
    // The COPY's own result, then nullptr.
    while (pg_result* raw = PQgetResult(mConn)) {
        PgResult result(raw);
        if (PQresultStatus(raw) != PGRES_COMMAND_OK)
            throwError(QStringLiteral("COPY"), raw);
        copied = result.affectedRows();
    }
    return copied;
}

void PgConnection::appendCopyField(QByteArray& line, const QByteArray& utf8) {
    appendCopyField(line, utf8.constData(), utf8.size());
}

void PgConnection::appendCopyField(QByteArray& line, const char* utf8, int size) {
    // Runs of plain bytes in one append (a ledger report is megabytes).
    int run = 0;
    for (int i = 0; i < size; ++i) {
        const char c = utf8[i];
        if (c != '\\' && c != '\t' && c != '\n' && c != '\r')
            continue;
        line.append(utf8 + run, i - run);
        run = i + 1;
        switch (c) {
        case '\\':
            line.append("\\\\");
            break;
        case '\t':
            line.append("\\t");
            break;
        case '\n':
            line.append("\\n");
            break;
        default:
            line.append("\\r");
        }
    }
    line.append(utf8 + run, size - run);
}

// ---- PgTransaction ----------------------------------------------------------

PgTransaction::PgTransaction(PgConnection& connection, const QString& begin) : mConnection(connection) {
    mConnection.exec(begin);
}

PgTransaction::~PgTransaction() {
    if (mDone)
        return;
    // Whatever state the connection is in (an aborted transaction, an
    // unfinished COPY), ROLLBACK ends it; errors here cannot be reported.
    PGconn* conn = mConnection.handle();
    if (!conn)
        return;
    if (PQtransactionStatus(conn) == PQTRANS_ACTIVE) {
        PQputCopyEnd(conn, "aborted");
        while (PGresult* r = PQgetResult(conn))
            PQclear(r);
    }
    if (PGresult* r = PQexec(conn, "ROLLBACK"))
        PQclear(r);
}

void PgTransaction::commit() {
    mConnection.exec(QStringLiteral("COMMIT"));
    mDone = true;
}

} // namespace recheck
