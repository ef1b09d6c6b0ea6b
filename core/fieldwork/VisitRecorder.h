#pragma once

// Recording a visit on site: the visit row (insert-only) with its GPS proof
// and one discrepancy row per observed value that differs from the archive,
// in one transaction.

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <cmath>
#include <limits>
#include <optional>

namespace recheck {
class SqliteDatabase;
}

namespace recheck::fieldwork {

/// visits.result.
enum class VisitResult { Ok, Discrepancy, Unreachable, Refused };
QString visitResultCode(VisitResult result);
std::optional<VisitResult> parseVisitResult(const QString& code);

/// A GPS fix as QGIS's GPS connection reports it (WGS 84).
struct GpsFix {
    bool valid = false; ///< false: no fix (receiver off, no satellites)
    double lon = 0.0, lat = 0.0;
    double accuracyMetres = std::numeric_limits<double>::quiet_NaN(); ///< horizontal; NaN = unknown
    QDateTime time;                                                   ///< UTC, from the receiver
    int satellites = -1;                                              ///< used in the fix; -1 = unknown
};

/// What the inspector entered.
struct VisitInput {
    QString taskUuid; ///< may be empty (a visit outside any task)
    QString customerUuid;
    QString staffUuid; ///< may be empty
    VisitResult result = VisitResult::Ok;
    QString note;
    /// (customers column, observed value) for the fields the inspector
    /// corrected; values equal to the archive's are not discrepancies.
    QList<QPair<QString, QString>> observed;
    GpsFix fix;
    QDateTime visitedAt; ///< invalid = now
};

/// When a visit carries a warning.
struct VisitPolicy {
    double maxDistanceMetres = 50.0; ///< fix farther from the customer than this
    double maxAccuracyMetres = 30.0; ///< fix less accurate than this (as the progress report's GPS proof)
};

/// One reason to doubt the visit's proof; kept on the visit as text.
struct VisitWarning {
    enum class Kind { NoFix, FarFromCustomer, PoorAccuracy, AccuracyUnknown, CustomerNotLocated };
    Kind kind;
    QString code; ///< stable machine code, e.g. far_from_customer
    QString text; ///< e.g. "far_from_customer: 72.4 m > 50 m"
};

struct RecordedVisit {
    QString visitUuid;
    VisitResult result = VisitResult::Ok;
    std::optional<double> distanceMetres; ///< fix to customer point; empty without fix or location
    std::vector<VisitWarning> warnings;
    QString warningsText; ///< as stored in visits.warnings; empty = none (NULL)
    int discrepancies = 0;
    bool hasWarning(VisitWarning::Kind kind) const;
};

/// Writes visits into one archive (normally the laptop's package). The
/// editor is stamped into updated_by, as every Recheck writer does.
class VisitRecorder {
    Q_DECLARE_TR_FUNCTIONS(recheck::fieldwork::VisitRecorder)

public:
    VisitRecorder(SqliteDatabase& db, QString editor);

    /// The customers columns an inspector can report a different value for.
    static QStringList observableFields();

    /// Inserts the visit and its discrepancies in one transaction. A result
    /// of "ok" with differing observed values is recorded as "discrepancy"
    /// (the record was not right). The visit is allowed without a fix or far
    /// from the customer: the doubt is kept in visits.warnings. Throws
    /// RecheckError (InvalidInput) for an unknown customer, task or field,
    /// and writes nothing.
    RecordedVisit record(const VisitInput& input, const VisitPolicy& policy = {});

private:
    SqliteDatabase& mDb;
    QString mEditor;
};

} // namespace recheck::fieldwork
