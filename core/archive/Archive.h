#pragma once

#include "common/Sqlite.h"

#include <QString>

#include <memory>

namespace recheck {

/// What an archive file says about itself (table archive_meta).
struct ArchiveInfo {
    enum class Role { Master, Package };
    QString id;        ///< UUID of this archive
    Role role = Role::Master;
    int schemaVersion = 0;
    int srid = 4490;   ///< archive CRS (CGCS2000 by default)
    QString name;      ///< human name, e.g. the county
    QString createdAt;

    static QString roleName(Role role);
};

/// One archive file: the office master or a laptop's package. Owns its
/// connection; open() and create() validate before anything is written.
class Archive {
public:
    enum class Access { ReadOnly, ReadWrite };

    struct CreateOptions {
        ArchiveInfo::Role role = ArchiveInfo::Role::Master;
        int srid = 4490;
        QString name;
        QString createdBy;
        /// Stop at this schema version (tests of the migration path); 0 = current.
        int schemaVersion = 0;
    };

    /// Creates a new archive; refuses to overwrite an existing file.
    static Archive create(const QString& path, const CreateOptions& options);

    /// Opens an existing archive. Throws RecheckError (NotAnArchive,
    /// NewerSchema, Io) without writing anything when the file is not an
    /// archive, is written by a newer Recheck, or is older and `upgrade` is
    /// false.
    static Archive open(const QString& path, Access access = Access::ReadWrite, bool upgrade = false);

    /// Reads the schema version without opening the archive for work;
    /// throws NotAnArchive like open().
    static int schemaVersionOf(const QString& path);

    /// Brings an older archive to the current schema in one transaction.
    /// Returns the version it had before.
    static int upgrade(const QString& path);

    /// The value SQLite's application_id holds in every archive ("RCHK").
    static constexpr int kApplicationId = 0x5243484B;

    Archive(Archive&&) noexcept = default;
    Archive& operator=(Archive&&) noexcept = default;
    ~Archive();

    SqliteDatabase& db() { return *mDb; }
    const ArchiveInfo& info() const { return mInfo; }
    const QString& path() const { return mDb->path(); }

    QString meta(const QString& key) const;
    void setMeta(const QString& key, const QString& value);

private:
    Archive() = default;
    void loadInfo();

    std::unique_ptr<SqliteDatabase> mDb;
    ArchiveInfo mInfo;
};

} // namespace recheck
