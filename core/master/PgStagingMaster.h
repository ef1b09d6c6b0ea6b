#pragma once

// For pgsync (and anyone running core code against the PostgreSQL master):
// PgStagingMaster is the staging/write-back that PgMasterSync used
// privately, moved here unchanged so that the office verbs (plan, remind,
// import, progress, export; see PgMasterOffice) reuse it. PgMasterSync.cpp
// only lost the class and its helpers; its check-in path is untouched.
// pgWithRetries/pgScratchDirectory are PgMasterSync's former withRetries/
// scratchDirectory. Nothing else is needed on your side.
//
// The pattern: copy exactly the PostgreSQL rows an operation reads into a
// private SpatiaLite "staging master" (fids, row versions kept, change
// capture suspended while staging), run core code on that file unchanged,
// then write what it changed (the staging file's change_log for the synced
// tables; new, changed and removed rows for office tables) back with
// row_version checks, inside the transaction that read the rows.

#include "PgMasterStore.h"
#include "PgMasterSync.h"
#include "common/Sqlite.h"

#include <QHash>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <map>
#include <memory>

struct sqlite3_stmt;

namespace recheck {

/// A SQL identifier in double quotes (embedded quotes doubled).
QString pgQuoteIdentifier(const QString& name);
/// A PostgreSQL text[] literal, for `= ANY($1::text[])`: one parameter
/// instead of one statement per row.
QString pgTextArray(const QStringList& values);
/// A value in COPY's text format for a PostgreSQL column of `kind`
/// (geometries travel as WKB).
void pgAppendCopyValue(QByteArray& line, const QVariant& value, PgColumnKind kind);
/// The same value as a text-format query parameter.
QVariant pgParameter(const QVariant& value, PgColumnKind kind);
/// Appends one element, in PostgreSQL's array text format, to the elements
/// of an array of `kind` being built (geometries as WKB in a bytea[]).
void pgAppendArrayElement(QByteArray& elements, const QVariant& value, PgColumnKind kind);
/// The array literal ({…}) of those elements, to bind as one parameter
/// (`unnest($1::text[], $2::bigint[]) AS s(…)`: a whole column of rows in
/// one value, no temporary table).
QByteArray pgArrayLiteral(const QByteArray& elements);

/// A table as both the staging file and PostgreSQL have it.
struct PgStagedTable {
    QString name;
    bool exists = false; ///< in PostgreSQL and in the staging file
    bool domain = false; ///< a synced table: rows identified by uuid
    bool partitioned = false;
    QStringList columns;             ///< the staging file's, in order
    std::vector<PgColumnKind> kinds; ///< PostgreSQL's, per column
    QHash<int, int> geometrySrid;    ///< column index → SRID
    QString key;                     ///< uuid, or the single-column primary key; empty: not written back
    int keyIndex = -1;
    QString keySequence; ///< PostgreSQL sequence of an integer key
};

/// One staged row's values as they were bound into the staging file, packed
/// into one buffer: per column a tag byte, then 8 bytes (integer, real) or
/// a length and the bytes (text, blob). A QVariantList per row cost a tenth
/// of a 5 000-change check-in's client CPU to build and free again.
class PgStagedValues {
public:
    enum Tag : char { Null = 'N', Integer = 'I', Real = 'R', Text = 'T', Blob = 'B' };
    struct Value {
        Tag tag = Null;
        qint64 integer = 0;
        double real = 0;
        const char* data = nullptr; ///< text (UTF-8) or blob bytes
        int size = 0;
    };
    /// Reads the values in column order.
    class Reader {
    public:
        explicit Reader(const QByteArray& buffer) : mAt(buffer.constData()) {}
        Value next();

    private:
        const char* mAt;
    };

    void appendNull() { mBuffer.append(static_cast<char>(Null)); }
    void appendInteger(qint64 value);
    void appendReal(double value);
    void appendText(const char* data, int size) { appendBytes(Text, data, size); }
    void appendBlob(const char* data, int size) { appendBytes(Blob, data, size); }
    /// A value as SqliteStatement::bind binds it.
    void append(const QVariant& value);

    Reader reader() const { return Reader(mBuffer); }
    Value at(int column) const;
    /// Column `column` as SqliteStatement::value would read it back.
    QVariant value(int column) const;
    bool isEmpty() const { return mBuffer.isEmpty(); }

    /// Whether column `c` of the current row of `statement` holds the same
    /// value as `value` (sameSqlValue's rules, on SQLite's own bytes).
    static bool same(const Value& value, sqlite3_stmt* statement, int c);

private:
    void appendBytes(Tag tag, const char* data, int size);
    QByteArray mBuffer;
};

struct PgStagedRow {
    qint64 rowVersion = 0;
    QString county;
    PgStagedValues values; ///< as staged (geometries as WKB)
    QByteArray ctid;       ///< where PostgreSQL held the row version staged
};

/// A private SpatiaLite master holding the PostgreSQL rows one operation
/// reads, and the way back for what it wrote. Construct it inside the
/// PostgreSQL transaction that is to read (and later write) the rows.
class PgStagingMaster {
public:
    /// A staging file `staging-master.sqlite` in `directory`, with the
    /// master's archive_meta, open for staging (without change capture).
    PgStagingMaster(PgMasterStore& store, const QString& directory);
    ~PgStagingMaster();
    PgStagingMaster(const PgStagingMaster&) = delete;
    PgStagingMaster& operator=(const PgStagingMaster&) = delete;

    const QString& path() const { return mPath; }
    SqliteDatabase& db() { return *mDb; }

    PgStagedTable& info(const QString& table);

    /// Copies the PostgreSQL rows of `table` (alias t) matching `where` into
    /// the staging file. Rows already staged stay as they are. Returns the
    /// rows copied.
    int stage(const QString& table, const QString& where, const QVariantList& params = {},
              const QString& suffix = QString());
    /// The staging file's table holds exactly PostgreSQL's rows (reference
    /// data a check-out copies whole).
    void stageWhole(const QString& table);
    /// The counties the operation's rows are expected in (a package's
    /// districts' counties): rows of partitioned tables are looked for in
    /// their partitions first, so that PostgreSQL prunes the others.
    void setLikelyCounties(const QStringList& counties) { mLikelyCounties = counties; }
    /// The districts a package covers and how many customers it holds in
    /// them: when many of those customers are wanted, stageUuids reads them
    /// through the district index (their pages, a few hundred) instead of
    /// probing the uuid index once per row (thousands of pages, cold in a
    /// county nobody checked in lately).
    void setLikelyDistricts(const QStringList& districtUuids, qint64 customersInThem) {
        mLikelyDistricts = districtUuids;
        mCustomersInLikelyDistricts = customersInThem;
    }

    /// Domain rows by uuid. For a county-partitioned table, the rows are
    /// looked for in the likely districts (customers, when many are wanted;
    /// see setLikelyDistricts), then the likely counties' partitions (when
    /// set), then, those not found there, in all; those in `onlyInLikelyCounties` (rows
    /// a package inserted: new uuids, in its own counties if anywhere) not.
    void stageUuids(const QString& table, const QSet<QString>& uuids,
                    const QSet<QString>& onlyInLikelyCounties = {});

    bool isStaged(const QString& table, const QString& uuid) const;
    const QHash<QString, PgStagedRow>& stagedRows(const QString& table) { return mDomain[table]; }

    /// Ends staging. `captureWrites`: change capture on, so that the
    /// operation's writes land in the staging file's change_log and get
    /// their row_version stamped as on any master (the office verbs, whose
    /// core code may leave that to the triggers). false for an operation
    /// that stamps every row it writes itself (a check-in's merge): no
    /// trigger runs per written row, and applyDomain finds the writes by
    /// comparing every staged row with what was staged.
    void finish(bool captureWrites = true);

    struct Applied {
        qint64 inserted = 0;
        qint64 updated = 0;
        qint64 deleted = 0;
    };

    /// Writes what the operation changed in the synced tables back to
    /// PostgreSQL: parents first, each table with one COPY into a temporary
    /// table and one INSERT, UPDATE and DELETE per county, every UPDATE and
    /// DELETE conditioned on the staged row_version.
    Applied applyDomain();

    /// Writes new, changed and removed rows of an office table the operation
    /// wrote (sync bookkeeping). New rows of a table keyed by a sequence get
    /// fresh ids from it; returns staging id → PostgreSQL id for them.
    /// A non-empty `updateGuard` (SQL over the master's row) must hold for a
    /// changed row to be written: a row another user settled meanwhile (e.g.
    /// a reminder cancelled while a delivery ran) keeps their decision.
    /// `mapNewKeys` false: new rows of a table keyed by a sequence take their
    /// keys from the column's default instead, in the staging file's order,
    /// and nothing is returned (bookkeeping nobody refers to by id, such as
    /// sync_provenance: one statement less and the rows copied as they are).
    QHash<qint64, qint64> applyVerbatim(const QString& table, const QString& updateGuard = QString(),
                                        bool mapNewKeys = true);

private:
    QString countyExpression(const QString& table) const;
    void applyDomainTable(PgStagedTable& t, const QSet<QString>& uuids, Applied& applied);

    PgMasterStore& mStore;
    PgConnection& mPg;
    QString mPath;
    std::unique_ptr<SqliteDatabase> mDb;
    bool mStaging = false;  ///< in the staging transaction (rolled back if not finished)
    bool mCaptured = false; ///< finish(true): the operation's writes are in change_log
    std::map<QString, PgStagedTable> mInfo;
    std::map<QString, std::vector<PgColumn>> mCatalog;
    bool mCatalogRead = false;
    QHash<QString, QHash<QString, PgStagedRow>> mDomain;
    QHash<QString, QHash<QString, PgStagedValues>> mVerbatim;
    QSet<QString> mTracked;
    QStringList mLikelyCounties;
    QStringList mLikelyDistricts;
    qint64 mCustomersInLikelyDistricts = 0;
};

/// Runs `attempt(n)` (n = 1, 2, …) until it returns, retrying after a
/// serialisation failure (PgMasterSync::isRetryable) with growing, jittered
/// delays; `attempts` ends as the number of attempts made.
template <typename Attempt>
auto pgWithRetries(const PgRetryPolicy& policy, int& attempts, Attempt&& attempt) {
    for (int n = 1;; ++n) {
        attempts = n;
        try {
            return attempt(n);
        } catch (const RecheckError& e) {
            if (!PgMasterSync::isRetryable(e) || n >= policy.attempts)
                throw;
        }
        const int base = std::min(policy.maxDelayMs, policy.firstDelayMs << std::min(n - 1, 16));
        const int delay = base / 2 + static_cast<int>(QRandomGenerator::global()->bounded(base / 2 + 1));
        QThread::msleep(static_cast<unsigned long>(delay));
    }
}

/// A private scratch folder: beside `near` when given (a check-out renames
/// its package from there into place: same file system), else in the
/// temporary folder.
std::unique_ptr<QTemporaryDir> pgScratchDirectory(const QString& near);

} // namespace recheck
