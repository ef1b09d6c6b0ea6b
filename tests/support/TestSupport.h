#pragma once

// Helpers shared by the Catch2 suites: scratch folders inside the build tree
// and small facts about archives computed with plain SQL (the reference the
// code under test is compared against).

#include <QString>
#include <QTemporaryDir>

namespace recheck::test {

/// A scratch folder under the build tree's test-scratch/ (kept on failure
/// when RECHECK_KEEP_SCRATCH is set), removed at scope exit.
class ScratchDir {
public:
    ScratchDir();
    QString path() const { return mDir.path(); }
    QString file(const QString& name) const { return mDir.filePath(name); }

private:
    QTemporaryDir mDir;
};

/// Runs `sql` on the file with a fresh plain SQLite connection (SpatiaLite
/// loaded) and returns the first column of the first row as text.
QString sqlScalar(const QString& databasePath, const QString& sql);

/// SHA-256 of a file's bytes, hex.
QString fileSha256(const QString& path);

} // namespace recheck::test
