#include "Archive.h"

#include "ArchiveSchema.h"

#include <QDateTime>
#include <QFileInfo>
#include <QUuid>

namespace recheck {

namespace {

QString currentTimestamp() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs); }

// Checks the header and metadata of an open file; throws NotAnArchive or
// NewerSchema, never writes. Returns the schema version.
int inspect(SqliteDatabase& db) {
    const QString path = db.path();
    QVariant appId;
    try {
        appId = db.scalar(QStringLiteral("PRAGMA application_id"));
    } catch (const RecheckError& e) {
        throw RecheckError(
            QStringLiteral("%1: not a Recheck archive (not an SQLite database)").arg(path).toStdString(),
            RecheckError::Kind::NotAnArchive);
    }
    if (appId.toInt() != Archive::kApplicationId) {
        throw RecheckError(QStringLiteral("%1: not a Recheck archive (an SQLite file, but not one Recheck wrote)")
                               .arg(path)
                               .toStdString(),
                           RecheckError::Kind::NotAnArchive);
    }
    const int version = db.scalar(QStringLiteral("PRAGMA user_version")).toInt();
    if (version > ArchiveSchema::currentVersion()) {
        throw RecheckError(QStringLiteral("%1: archive schema v%2 is newer than this Recheck understands (v%3); "
                                          "install a newer Recheck")
                               .arg(path)
                               .arg(version)
                               .arg(ArchiveSchema::currentVersion())
                               .toStdString(),
                           RecheckError::Kind::NewerSchema);
    }
    if (version < 1)
        throw RecheckError(QStringLiteral("%1: archive was never initialised (schema v0)").arg(path).toStdString(),
                           RecheckError::Kind::NotAnArchive);
    return version;
}

} // namespace

QString ArchiveInfo::roleName(Role role) {
    return role == Role::Master ? QStringLiteral("master") : QStringLiteral("package");
}

Archive::~Archive() = default;

Archive Archive::create(const QString& path, const CreateOptions& options) {
    if (QFileInfo::exists(path))
        throw RecheckError(QStringLiteral("%1: file exists; refusing to overwrite it").arg(path).toStdString(),
                           RecheckError::Kind::Io);
    const int version = options.schemaVersion > 0 ? options.schemaVersion : ArchiveSchema::currentVersion();
    Archive archive;
    archive.mDb = std::make_unique<SqliteDatabase>(path, SqliteDatabase::Mode::Create);
    try {
        SqliteDatabase& db = *archive.mDb;
        db.exec(QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId));
        SqliteTransaction tx(db);
        ArchiveSchema::migrate(db, 0, version, options.srid);
        SqliteStatement meta(db, QStringLiteral("INSERT INTO archive_meta (key, value) VALUES (?, ?)"));
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QList<QPair<QString, QString>> rows = {
            {QStringLiteral("format"), QStringLiteral("recheck-archive")},
            {QStringLiteral("archive_id"), id},
            {QStringLiteral("role"), ArchiveInfo::roleName(options.role)},
            {QStringLiteral("srid"), QString::number(options.srid)},
            {QStringLiteral("name"), options.name},
            {QStringLiteral("created_at"), currentTimestamp()},
            {QStringLiteral("created_by"), options.createdBy},
        };
        for (const auto& [key, value] : rows)
            meta.bind(1, key).bind(2, value.isNull() ? QStringLiteral("") : value).execute();
        tx.commit();
    } catch (...) {
        archive.mDb.reset();
        QFile::remove(path);
        throw;
    }
    archive.loadInfo();
    return archive;
}

Archive Archive::open(const QString& path, Access access, bool upgrade) {
    if (!QFileInfo(path).isFile())
        throw RecheckError(QStringLiteral("%1: no such file").arg(path).toStdString(), RecheckError::Kind::Io);
    // Inspect read-only first so a foreign or newer file is never touched.
    int version = 0;
    {
        SqliteDatabase probe(path, SqliteDatabase::Mode::ReadOnly);
        version = inspect(probe);
    }
    if (version < ArchiveSchema::currentVersion()) {
        if (!upgrade)
            throw RecheckError(QStringLiteral("%1: archive schema v%2 is older than v%3; upgrade it first "
                                              "(recheck upgrade %1)")
                                   .arg(path)
                                   .arg(version)
                                   .arg(ArchiveSchema::currentVersion())
                                   .toStdString(),
                               RecheckError::Kind::OlderSchema);
        Archive::upgrade(path);
    }
    Archive archive;
    archive.mDb = std::make_unique<SqliteDatabase>(
        path, access == Access::ReadOnly ? SqliteDatabase::Mode::ReadOnly : SqliteDatabase::Mode::ReadWrite);
    archive.loadInfo();
    return archive;
}

int Archive::schemaVersionOf(const QString& path) {
    if (!QFileInfo(path).isFile())
        throw RecheckError(QStringLiteral("%1: no such file").arg(path).toStdString(), RecheckError::Kind::Io);
    SqliteDatabase probe(path, SqliteDatabase::Mode::ReadOnly);
    return inspect(probe);
}

int Archive::upgrade(const QString& path) {
    const int before = schemaVersionOf(path);
    if (before == ArchiveSchema::currentVersion())
        return before;
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadWrite);
    SqliteTransaction tx(db);
    const int version = inspect(db); // again, under the write lock
    const int srid = db.scalar(QStringLiteral("SELECT value FROM archive_meta WHERE key = 'srid'")).toInt();
    ArchiveSchema::migrate(db, version, ArchiveSchema::currentVersion(), srid);
    tx.commit();
    return before;
}

void Archive::loadInfo() {
    SqliteStatement st(*mDb, QStringLiteral("SELECT key, value FROM archive_meta"));
    while (st.step()) {
        const QString key = st.text(0);
        const QString value = st.text(1);
        if (key == QLatin1String("archive_id"))
            mInfo.id = value;
        else if (key == QLatin1String("role"))
            mInfo.role = value == QLatin1String("package") ? ArchiveInfo::Role::Package : ArchiveInfo::Role::Master;
        else if (key == QLatin1String("srid"))
            mInfo.srid = value.toInt();
        else if (key == QLatin1String("name"))
            mInfo.name = value;
        else if (key == QLatin1String("created_at"))
            mInfo.createdAt = value;
    }
    mInfo.schemaVersion = mDb->scalar(QStringLiteral("PRAGMA user_version")).toInt();
    if (mInfo.id.isEmpty())
        throw RecheckError(QStringLiteral("%1: archive metadata has no archive_id").arg(mDb->path()).toStdString(),
                           RecheckError::Kind::NotAnArchive);
}

QString Archive::meta(const QString& key) const {
    SqliteStatement st(*mDb, QStringLiteral("SELECT value FROM archive_meta WHERE key = ?"));
    st.bind(1, key);
    return st.step() ? st.text(0) : QString();
}

void Archive::setMeta(const QString& key, const QString& value) {
    SqliteStatement st(*mDb, QStringLiteral("INSERT INTO archive_meta (key, value) VALUES (?, ?) "
                                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    st.bind(1, key).bind(2, value).execute();
}

} // namespace recheck
