#include "TestSupport.h"

#include "common/Sqlite.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

namespace recheck::test {

namespace {
QString scratchTemplate() {
    const QByteArray root = qgetenv("RECHECK_TEST_SCRATCH");
    const QString base = root.isEmpty() ? QDir::tempPath() : QString::fromLocal8Bit(root);
    QDir().mkpath(base);
    return QDir(base).filePath(QStringLiteral("recheck-XXXXXX"));
}
} // namespace

ScratchDir::ScratchDir() : mDir(scratchTemplate()) {
    mDir.setAutoRemove(qgetenv("RECHECK_KEEP_SCRATCH").isEmpty());
}

QString sqlScalar(const QString& databasePath, const QString& sql) {
    SqliteDatabase db(databasePath, SqliteDatabase::Mode::ReadOnly);
    return db.scalar(sql).toString();
}

QString fileSha256(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace recheck::test
