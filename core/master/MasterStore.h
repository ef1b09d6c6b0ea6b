#pragma once

// The office master behind one small interface, one implementation per
// backend (in the spirit of geodiff's drivers): the embedded SpatiaLite file
// stays the default; PostgreSQL + PostGIS (PgMasterStore) serves provinces
// that outgrow one file. Packages stay SpatiaLite whatever the master is.
//
// Method groups so far: creating a master and moving an archive into it;
// check-out, check-in and conflicts (both backends run core/sync's own
// package writer and three-way merge: SpatiaLiteMasterStore on the file,
// PgMasterStore through PgMasterSync); the office verbs (plan, progress,
// reschedule, remind, import, export: core/planning, core/reminders and
// core/io, on the file itself or, for PostgreSQL, through PgMasterOffice on
// a staged copy of the rows they read).
//
// Every method throws RecheckError with its cause (which server or file,
// which table, the backend's own message); none leaves half a change behind.

#include "io/ArchiveExporter.h"
#include "io/ArchiveImporter.h"
#include "planning/PlanGenerator.h"
#include "planning/PlanTasks.h"
#include "planning/ProgressReport.h"
#include "reminders/ReminderConfig.h"
#include "reminders/ReminderOutbox.h"
#include "sync/CheckinMerger.h"
#include "sync/CheckinReport.h"
#include "sync/ConflictStore.h"
#include "sync/PackageWriter.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

namespace recheck {

/// What a new master is: its identity and CRS, as in an archive's
/// archive_meta (see ArchiveInfo).
struct MasterSchemaOptions {
    int srid = 4490; ///< archive CRS; GPS fixes are always EPSG:4326
    QString archiveId;
    QString name;
    QString createdBy;
};

/// One `recheck remind` run: queue what the rules find, then (with `send`)
/// deliver the due rows through `senders` (by channel).
struct RemindRequest {
    QDateTime now;
    ReminderConfig config;
    bool dryRun = false;
    bool send = false;
    std::map<QString, ReminderSender*> senders;
};

struct RemindResult {
    QueueReport queued;
    DeliveryReport delivered;
    std::vector<OutboxMessage> wouldSend; ///< send + dryRun: the rows that are due
};

/// A table's contents summarised so two stores can be compared without
/// shipping rows: the row count and an order-independent digest of every
/// row's values (type-tagged as in core/sync's digests; geometries as WKB).
struct TableDigest {
    QString table;
    std::int64_t rows = 0;
    QString sha256; ///< hex; equal digests mean equal multisets of rows
    bool operator==(const TableDigest& other) const { return rows == other.rows && sha256 == other.sha256; }
    bool operator!=(const TableDigest& other) const { return !(*this == other); }
};

class MasterStore {
public:
    virtual ~MasterStore() = default;

    /// "postgresql" or "spatialite".
    virtual QString backend() const = 0;
    /// Where the master is, for messages: a file path or a connection string
    /// without its password.
    virtual QString location() const = 0;

    /// Whether the master's tables exist (a fresh database has none).
    virtual bool hasSchema() = 0;
    /// Creates every table, trigger and code list of an empty master in one
    /// transaction. Refuses (InvalidInput) when a master is already there.
    virtual void createSchema(const MasterSchemaOptions& options) = 0;
    /// The backend's own schema version (0 = no master here).
    virtual int schemaVersion() = 0;

    /// Counties the master holds a partition for, sorted. A customer whose
    /// county is not among them lands in the default partition.
    virtual QStringList counties() = 0;
    /// Adds a partition for each county not yet having one (customers and
    /// their dependents); rows of that county already in the default
    /// partition move into it unchanged. Idempotent.
    virtual void addCounties(const QStringList& counties) = 0;

    /// Row count and digest of one table over `columns` (all when empty).
    virtual TableDigest tableDigest(const QString& table, const QStringList& columns = {}) = 0;

    /// archive_meta's value for `key`, or a null string.
    virtual QString meta(const QString& key) = 0;

    // Check-out / check-in (packages are SpatiaLite files whatever the master).

    /// A package of `options.districtCodes` at `packagePath` (see
    /// PackageWriter::checkout), recorded in the master. A killed or failed
    /// check-out leaves no package behind.
    virtual CheckoutResult checkout(const QString& packagePath, const CheckoutOptions& options) = 0;
    /// Merges a package back (see CheckinMerger): all of it in one master
    /// transaction or nothing; refusals and cancels come back as reports.
    virtual CheckinReport checkin(const QString& packagePath, const CheckinOptions& options = {}) = 0;
    /// The conflicts check-ins kept, oldest first, open ones only unless
    /// `includeResolved`.
    virtual QList<SyncConflict> conflicts(bool includeResolved = false) = 0;
    /// Settles one conflict (see ConflictStore::resolve).
    virtual SyncConflict resolve(qint64 id, ConflictChoice choice, const QVariant& value,
                                 const QString& who) = 0;

    // Office verbs: the same core code on either backend, the same results.

    /// Creates the re-check tasks due in a period (see PlanGenerator).
    virtual planning::GenerationReport generatePlan(const planning::GenerationOptions& options) = 0;
    /// The figures of every task in the period (see ProgressReport::tasks).
    virtual std::vector<planning::TaskProgress> progress(const planning::ProgressOptions& options) = 0;
    /// New planned dates for one task, stamped by `user` (see
    /// PlanTasks::reschedule: the first dates become the baseline; a
    /// finished or cancelled task and an end before the start are refused
    /// with InvalidInput, nothing changed).
    virtual planning::PlanTasks::Reschedule reschedule(const QString& taskUuid, const QDate& start,
                                                       const QDate& end, const QString& user) = 0;
    /// Queues reminders and delivers the due ones (see ReminderOutbox).
    virtual RemindResult remind(const RemindRequest& request) = 0;
    /// Imports one file in one transaction (see ArchiveImporter::run).
    virtual io::ImportResult importFile(const QString& file, const io::ImportOptions& options) = 0;
    /// Writes the customers for the MIS (see ArchiveExporter).
    virtual io::ExportResult exportCustomers(const QString& path, const io::ExportOptions& options) = 0;
};

/// Opens the master at `location`: a PostgreSQL connection string
/// (postgresql://… or host=… dbname=…) gives a PgMasterStore, anything else
/// is a SpatiaLite master file (SpatiaLiteMasterStore).
std::unique_ptr<MasterStore> openMasterStore(const QString& location);

/// Whether `location` names a PostgreSQL master rather than a file.
bool isPostgresMaster(const QString& location);

} // namespace recheck
