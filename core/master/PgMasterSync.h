#pragma once

// Check-out, check-in and conflicts against the PostgreSQL master, through
// core/sync's own code rather than a second merger.
//
// How: each operation copies exactly the master rows core/sync will read
// (a check-out's scope; for a check-in the changed rows, their parents, the
// children of deleted rows, rows sharing a unique key, the open conflicts,
// provenance and tombstones of those rows, the check-out record and ledger
// entry) from PostgreSQL into a private SpatiaLite "staging master" with
// their fids and row versions. PackageWriter, CheckinMerger or ConflictStore
// then run on that file unchanged. What they wrote (the staging file's
// change_log and its new bookkeeping rows) goes back to PostgreSQL with
// optimistic row_version checks (WHERE uuid = … AND row_version = <staged>),
// all inside the one REPEATABLE READ transaction that read the rows.
//
// Another connection updating a row the check-in read makes PostgreSQL
// abort it with a serialisation failure (SQLSTATE 40001; a deadlock is
// 40P01, a failed row_version check is treated alike): everything rolls
// back and the check-in starts again from a fresh snapshot after a backoff,
// so it is never half-applied. Check-ins of different counties touch
// different rows (and partitions) and run side by side.

#include "MasterStore.h"
#include "common/RecheckError.h"

namespace recheck {

class PgMasterStore;

/// How often and how patiently a PostgreSQL check-in or resolve retries
/// after a serialisation failure: delays grow from `firstDelayMs`, doubling,
/// up to `maxDelayMs`, with random jitter so that two retrying clients do
/// not collide again.
struct PgRetryPolicy {
    int attempts = 12;
    int firstDelayMs = 20;
    int maxDelayMs = 2000;
};

class PgMasterSync {
public:
    explicit PgMasterSync(PgMasterStore& store, PgRetryPolicy retry = {});

    CheckoutResult checkout(const QString& packagePath, const CheckoutOptions& options);
    CheckinReport checkin(const QString& packagePath, const CheckinOptions& options = {});
    QList<SyncConflict> conflicts(bool includeResolved = false);
    SyncConflict resolve(qint64 id, ConflictChoice choice, const QVariant& value, const QString& who);

    /// Transactions the last check-in or resolve needed (1: no retry).
    int lastAttempts() const { return mLastAttempts; }

    /// Whether an error is a serialisation failure worth retrying
    /// (SQLSTATE 40001 or 40P01).
    static bool isRetryable(const RecheckError& error);

    /// Brings an older master's schema (PgMasterSchema::currentVersion) up
    /// to date in one transaction, one client at a time; refuses one newer
    /// than this Recheck (NewerSchema). Every operation here calls it
    /// first; a master without a schema is left alone.
    static void upgradeSchema(PgMasterStore& store);

private:
    PgMasterStore& mStore;
    PgRetryPolicy mRetry;
    int mLastAttempts = 0;
};

} // namespace recheck
