#pragma once

#include "CheckinReport.h"

#include <QString>

#include <functional>

namespace recheck {

struct CheckinOptions {
    QString checkedInBy; ///< empty: the login name
    /// PRAGMA quick_check of the master before merging: of the tables this
    /// check-in writes (the change set's tables with their indexes and
    /// spatial indexes, the sync bookkeeping, change_log), run on a
    /// connection of its own beside the package's checks. A scheduled job
    /// that checks the master itself may turn it off.
    bool checkMaster = true;
    /// Quick-check the whole master file instead (reads every page).
    bool fullMasterCheck = false;
    /// progress(fraction 0..1), called between phases, every few hundred
    /// merged rows and during the long integrity checks; return false to
    /// cancel. A cancelled check-in rolls back: the master is unchanged and
    /// the report's outcome is Cancelled.
    std::function<bool(double)> progress;
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
