#pragma once

#include "MasterStore.h"

namespace recheck {

/// The embedded default master: one SpatiaLite archive file. Check-out,
/// check-in and conflicts are core/sync's PackageWriter, CheckinMerger and
/// ConflictStore on the file itself; the file holds every county, so it has
/// no partitions to add.
class SpatiaLiteMasterStore : public MasterStore {
public:
    /// `path` need not exist yet (createSchema() creates it).
    explicit SpatiaLiteMasterStore(const QString& path);

    QString backend() const override { return QStringLiteral("spatialite"); }
    QString location() const override { return mPath; }

    bool hasSchema() override;
    void createSchema(const MasterSchemaOptions& options) override;
    int schemaVersion() override;
    /// The counties named by the districts (one file holds them all).
    QStringList counties() override;
    /// Nothing to do: a file is not partitioned.
    void addCounties(const QStringList& counties) override;
    TableDigest tableDigest(const QString& table, const QStringList& columns = {}) override;
    QString meta(const QString& key) override;

    CheckoutResult checkout(const QString& packagePath, const CheckoutOptions& options) override;
    CheckinReport checkin(const QString& packagePath, const CheckinOptions& options = {}) override;
    QList<SyncConflict> conflicts(bool includeResolved = false) override;
    SyncConflict resolve(qint64 id, ConflictChoice choice, const QVariant& value,
                         const QString& who) override;

    planning::GenerationReport generatePlan(const planning::GenerationOptions& options) override;
    std::vector<planning::TaskProgress> progress(const planning::ProgressOptions& options) override;
    planning::PlanTasks::Reschedule reschedule(const QString& taskUuid, const QDate& start, const QDate& end,
                                               const QString& user) override;
    RemindResult remind(const RemindRequest& request) override;
    io::ImportResult importFile(const QString& file, const io::ImportOptions& options) override;
    io::ExportResult exportCustomers(const QString& path, const io::ExportOptions& options) override;

private:
    QString mPath;
};

} // namespace recheck
