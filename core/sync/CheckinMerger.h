#pragma once

#include "BaseDigest.h"
#include "CheckinReport.h"

#include <QString>

#include <functional>
#include <memory>

namespace recheck {

struct ChangeSet;

/// How much of the master a check-in checks before it writes.
enum class MasterCheckScope {
    /// The default. The header agrees with the file's size (a truncated or
    /// cut-short copy), and every page the merge reads or writes is checked
    /// as SQLite loads it (PRAGMA cell_size_check: cell bounds and overlaps,
    /// on top of SQLite's own page-type, header and child-pointer checks); a
    /// damaged page met on the way refuses the check-in and rolls it back.
    /// Costs next to nothing; damage elsewhere in the file, which the merge
    /// neither reads nor changes, is left to the full checks below.
    Touched,
    /// Touched, plus PRAGMA quick_check of the tables this check-in writes
    /// (with their indexes and spatial indexes, the sync bookkeeping,
    /// change_log), on a connection and thread of its own beside the
    /// package's checks. Reads most of a large master.
    WrittenTables,
    /// Touched, plus PRAGMA quick_check of the whole file (every page,
    /// freelist included).
    WholeFile,
};

struct CheckinOptions {
    QString checkedInBy; ///< empty: the login name
    /// false: no check of the master beyond SQLite's own (the PostgreSQL
    /// sync's staging copy, written a moment before by us).
    bool checkMaster = true;
    /// true: the master is a private scratch copy that nobody keeps (the
    /// PostgreSQL sync's staging file): its transaction needs no journal on
    /// disk and no fsync, as a crash loses nothing a later retry does not
    /// make again.
    bool scratchMaster = false;
    MasterCheckScope masterCheck = MasterCheckScope::Touched;
    /// PRAGMA integrity_check of the package (also compares every index with
    /// its table) instead of the default quick_check. The check-in reads no
    /// package index whose answer it does not verify, so the default misses
    /// nothing the merge relies on; this is the thorough look on demand.
    bool fullPackageCheck = false;
    /// progress(fraction 0..1), called between phases, every few hundred
    /// merged rows and while waiting for the integrity checks; return false
    /// to cancel. A cancelled check-in rolls back: the master is unchanged
    /// and the report's outcome is Cancelled.
    std::function<bool(double)> progress;
    /// The package's change set when the caller has read it from this very
    /// package already (the PostgreSQL master reads it to know which rows
    /// to stage): merged as given instead of read a second time, so that
    /// the rows staged and the rows merged are one and the same set.
    std::shared_ptr<const ChangeSet> changes;
    /// With `changes`: the base digest PackageChangeReader::read took in that
    /// same pass over the package, and its format. Compared with the
    /// master's record when that is in the same format, instead of reading
    /// the base a second time on a thread of its own; empty: read again.
    QString changesBaseDigest;
    BaseDigest::Format changesBaseDigestFormat = BaseDigest::Format::PerTable;
};

/// Check-in: verifies a package (integrity, identity, schema, frozen base,
/// trigger evidence for every changed row, ledger, scope), then merges its
/// change set field by field into the master in one transaction.
///
/// Field rules, base b / package p / master m:
///   p == m: nothing to do (identical edits);
///   m == b: p is written;
///   otherwise both changed it: a conflict keeping b, p and m, the master
///   keeping m — unless sync_field_policy pre-decides ('field': p is written,
///   'office': m stays; the conflict row is kept as resolved either way).
///   When m is what another package's check-in wrote (sync_provenance) the
///   field goes back to the value before that check-in until a person
///   decides, so two laptops end the same whatever order they come back in.
/// Update against delete, either way round, is always a conflict; a row a
/// package's check-in deleted is restored when another package updated it.
/// Inserts never collide (UUIDs); the same insert twice is one row.
class CheckinMerger {
public:
    /// Refusals come back as a report with outcome Refused, a cancel with
    /// outcome Cancelled, the master untouched (byte for byte) either way. Throws RecheckError only when the
    /// master itself cannot be opened or written.
    static CheckinReport checkin(const QString& masterPath, const QString& packagePath,
                                 const CheckinOptions& options = {});
};

} // namespace recheck
