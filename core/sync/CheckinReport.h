#pragma once

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace recheck {

/// One row (or, for a refusal, one reason) in a check-in report.
struct CheckinItem {
    QString table;
    QString uuid;
    QString op;                ///< insert / update / delete as the package made it
    QStringList fields;        ///< fields written, or in conflict
    QList<qint64> conflictIds; ///< sync_conflicts.id
    QString detail;            ///< for people: why, and where
};

/// What a check-in did. The first check-in of a package stores it in the
/// master's ledger; checking the same package in again returns it unchanged
/// with `repeat` set.
struct CheckinReport {
    /// Cancelled: stopped by the caller's progress callback; nothing was written.
    enum class Outcome { Merged, MergedWithConflicts, Refused, Cancelled };

    Outcome outcome = Outcome::Refused;
    bool repeat = false; ///< already checked in: nothing was written this time
    QString packageId;
    QString masterId;
    QString changesetSha256;
    QString checkedInAt;
    QString checkedInBy;
    QString editor; ///< updated_by of the master rows written

    QList<CheckinItem> applied;   ///< written; the master row had not changed since check-out
    QList<CheckinItem> merged;    ///< written beside changes the master made meanwhile
    QList<CheckinItem> unchanged; ///< the master already had the package's values
    QList<CheckinItem> conflicts; ///< held for a person (open conflicts)
    QList<CheckinItem> decided;   ///< both sides changed a field; the field policy decided
    QList<CheckinItem> refused;   ///< why nothing was written (outcome Refused)

    /// Wall time per phase of this run (not stored in the ledger): for
    /// benchmarks and progress displays.
    QList<QPair<QString, double>> phases;

    static QString outcomeName(Outcome outcome);
    /// Everything but `repeat` (which the CLI adds beside it).
    QJsonObject toJson() const;
    /// QJsonDocument(toJson()).toJson(QJsonDocument::Compact), byte for
    /// byte, written directly: the ledger keeps every check-in's report,
    /// and building the QJsonObject of a 5 000-change report first cost a
    /// tenth of a PostgreSQL check-in's client time.
    QByteArray toCompactJson() const;
    static CheckinReport fromJson(const QJsonObject& json);
    QString toText() const;
};

} // namespace recheck
