#include "VisitRecorder.h"

#include "FieldGeodesy.h"

#include "common/RecheckError.h"
#include "common/Sqlite.h"

#include <QUuid>
#include <QVariant>

namespace recheck::fieldwork {

namespace {

[[noreturn]] void refuse(const QString& message) {
    throw RecheckError(message.toStdString(), RecheckError::Kind::InvalidInput);
}

QString isoUtc(const QDateTime& time) {
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

/// Equal as the inspector means it: trimmed text, or the same number when
/// both sides are numbers ("12" and "12.0" kVA).
bool sameValue(const QVariant& archived, const QString& observed) {
    const QString a = archived.isNull() ? QString() : archived.toString().trimmed();
    const QString b = observed.trimmed();
    if (a == b)
        return true;
    bool okA = false, okB = false;
    const double x = a.toDouble(&okA), y = b.toDouble(&okB);
    return okA && okB && x == y;
}

QString metres(double value) {
    return QString::number(value, 'f', 1);
}

} // namespace

QString visitResultCode(VisitResult result) {
    switch (result) {
    case VisitResult::Ok:
        return QStringLiteral("ok");
    case VisitResult::Discrepancy:
        return QStringLiteral("discrepancy");
    case VisitResult::Unreachable:
        return QStringLiteral("unreachable");
    case VisitResult::Refused:
        return QStringLiteral("refused");
    }
    return {};
}

std::optional<VisitResult> parseVisitResult(const QString& code) {
    for (VisitResult r :
         {VisitResult::Ok, VisitResult::Discrepancy, VisitResult::Unreachable, VisitResult::Refused})
        if (visitResultCode(r) == code)
            return r;
    return std::nullopt;
}

bool RecordedVisit::hasWarning(VisitWarning::Kind kind) const {
    for (const VisitWarning& w : warnings)
        if (w.kind == kind)
            return true;
    return false;
}

VisitRecorder::VisitRecorder(SqliteDatabase& db, QString editor) : mDb(db), mEditor(std::move(editor)) {
    if (mEditor.isEmpty())
        mEditor = QStringLiteral("fieldwork");
}

QStringList VisitRecorder::observableFields() {
    return {QStringLiteral("name"),          QStringLiteral("address"),
            QStringLiteral("phone"),         QStringLiteral("usage_category"),
            QStringLiteral("voltage_level"), QStringLiteral("contracted_capacity"),
            QStringLiteral("monthly_kwh"),   QStringLiteral("meter_asset_no"),
            QStringLiteral("status")};
}

RecordedVisit VisitRecorder::record(const VisitInput& input, const VisitPolicy& policy) {
    const QStringList fields = observableFields();
    for (const auto& observed : input.observed)
        if (!fields.contains(observed.first))
            refuse(
                QStringLiteral("%1: visit to customer %2: '%3' is not a field a visit can report "
                               "(known: %4)")
                    .arg(mDb.path(), input.customerUuid, observed.first, fields.join(QStringLiteral(", "))));
    if (input.fix.valid && (!std::isfinite(input.fix.lon) || !std::isfinite(input.fix.lat) ||
                            std::abs(input.fix.lat) > 90.0 || std::abs(input.fix.lon) > 180.0))
        refuse(QStringLiteral("%1: visit to customer %2: the GPS position %3, %4 is not a longitude/latitude")
                   .arg(mDb.path(), input.customerUuid)
                   .arg(input.fix.lon)
                   .arg(input.fix.lat));

    SqliteTransaction tx(mDb);
    // The customer as the archive has it, at the moment of writing.
    QStringList columns;
    for (const QString& f : fields)
        columns << QStringLiteral("\"%1\"").arg(f);
    SqliteStatement customer(mDb, QStringLiteral("SELECT %1, geom IS NOT NULL, ST_X(geom), ST_Y(geom) "
                                                 "FROM customers WHERE uuid = ?")
                                      .arg(columns.join(QStringLiteral(", "))));
    customer.bind(1, input.customerUuid);
    if (!customer.step())
        refuse(
            QStringLiteral("%1: there is no customer with the uuid %2").arg(mDb.path(), input.customerUuid));
    QHash<QString, QVariant> archived;
    for (int i = 0; i < fields.size(); ++i)
        archived.insert(fields[i], customer.value(i));
    const int geomColumn = fields.size();
    const bool located = customer.int64(geomColumn) != 0 && !customer.isNull(geomColumn + 1);
    const double customerX = located ? customer.real(geomColumn + 1) : 0.0;
    const double customerY = located ? customer.real(geomColumn + 2) : 0.0;

    if (!input.taskUuid.isEmpty()) {
        SqliteStatement task(mDb, QStringLiteral("SELECT 1 FROM tasks WHERE uuid = ?"));
        task.bind(1, input.taskUuid);
        if (!task.step())
            refuse(QStringLiteral("%1: there is no task with the uuid %2").arg(mDb.path(), input.taskUuid));
    }

    RecordedVisit recorded;
    QList<QPair<QString, QString>> differing;
    for (const auto& observed : input.observed)
        if (!sameValue(archived.value(observed.first), observed.second))
            differing << observed;
    recorded.result = input.result;
    if (recorded.result == VisitResult::Ok && !differing.isEmpty())
        recorded.result = VisitResult::Discrepancy;

    // The proof and its doubts.
    if (!input.fix.valid) {
        recorded.warnings.push_back(
            {VisitWarning::Kind::NoFix, QStringLiteral("no_fix"), QStringLiteral("no_fix")});
    } else {
        if (located) {
            const int srid = mDb.scalar(QStringLiteral("SELECT value FROM archive_meta WHERE key = 'srid'"))
                                 .toString()
                                 .toInt();
            const GeodesicLeg leg = GeodesicMeter(srid > 0 ? srid : 4490)
                                        .measure(input.fix.lon, input.fix.lat, customerX, customerY);
            recorded.distanceMetres = leg.metres;
            if (leg.metres > policy.maxDistanceMetres)
                recorded.warnings.push_back({VisitWarning::Kind::FarFromCustomer,
                                             QStringLiteral("far_from_customer"),
                                             QStringLiteral("far_from_customer: %1 m > %2 m")
                                                 .arg(metres(leg.metres), metres(policy.maxDistanceMetres))});
        } else {
            recorded.warnings.push_back({VisitWarning::Kind::CustomerNotLocated,
                                         QStringLiteral("customer_not_located"),
                                         QStringLiteral("customer_not_located")});
        }
        if (!std::isfinite(input.fix.accuracyMetres))
            recorded.warnings.push_back({VisitWarning::Kind::AccuracyUnknown,
                                         QStringLiteral("accuracy_unknown"),
                                         QStringLiteral("accuracy_unknown")});
        else if (input.fix.accuracyMetres > policy.maxAccuracyMetres)
            recorded.warnings.push_back(
                {VisitWarning::Kind::PoorAccuracy, QStringLiteral("poor_accuracy"),
                 QStringLiteral("poor_accuracy: %1 m > %2 m")
                     .arg(metres(input.fix.accuracyMetres), metres(policy.maxAccuracyMetres))});
    }
    QStringList texts;
    for (const VisitWarning& w : recorded.warnings)
        texts << w.text;
    recorded.warningsText = texts.join(QStringLiteral("; "));

    const QString now = isoUtc(QDateTime::currentDateTimeUtc());
    recorded.visitUuid = QUuid::createUuid().toString(QUuid::WithoutBraces).toLower();
    SqliteStatement visit(
        mDb, QStringLiteral(
                 "INSERT INTO visits (uuid, updated_at, updated_by, task_uuid, customer_uuid, staff_uuid, "
                 "visited_at, result, note, gps_time, gps_accuracy_m, gps_satellites, distance_m, "
                 "warnings, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                 "CASE WHEN ? THEN MakePoint(?, ?, 4326) END)"));
    visit.bind(1, recorded.visitUuid).bind(2, now).bind(3, mEditor);
    input.taskUuid.isEmpty() ? visit.bindNull(4) : visit.bind(4, input.taskUuid);
    visit.bind(5, input.customerUuid);
    input.staffUuid.isEmpty() ? visit.bindNull(6) : visit.bind(6, input.staffUuid);
    visit.bind(7, input.visitedAt.isValid() ? isoUtc(input.visitedAt) : now);
    visit.bind(8, visitResultCode(recorded.result));
    input.note.trimmed().isEmpty() ? visit.bindNull(9) : visit.bind(9, input.note.trimmed());
    if (input.fix.valid && input.fix.time.isValid())
        visit.bind(10, isoUtc(input.fix.time));
    else
        visit.bindNull(10);
    if (input.fix.valid && std::isfinite(input.fix.accuracyMetres))
        visit.bind(11, input.fix.accuracyMetres);
    else
        visit.bindNull(11);
    if (input.fix.valid && input.fix.satellites >= 0)
        visit.bind(12, static_cast<std::int64_t>(input.fix.satellites));
    else
        visit.bindNull(12);
    recorded.distanceMetres ? visit.bind(13, *recorded.distanceMetres) : visit.bindNull(13);
    recorded.warningsText.isEmpty() ? visit.bindNull(14) : visit.bind(14, recorded.warningsText);
    visit.bind(15, static_cast<std::int64_t>(input.fix.valid ? 1 : 0));
    visit.bind(16, input.fix.lon).bind(17, input.fix.lat);
    visit.execute();

    SqliteStatement discrepancy(
        mDb,
        QStringLiteral("INSERT INTO discrepancies (uuid, updated_at, updated_by, visit_uuid, customer_uuid, "
                       "field, archive_value, observed_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const auto& d : differing) {
        const QVariant archivedValue = archived.value(d.first);
        discrepancy.bind(1, QUuid::createUuid().toString(QUuid::WithoutBraces).toLower())
            .bind(2, now)
            .bind(3, mEditor)
            .bind(4, recorded.visitUuid)
            .bind(5, input.customerUuid)
            .bind(6, d.first);
        archivedValue.isNull() ? discrepancy.bindNull(7) : discrepancy.bind(7, archivedValue.toString());
        d.second.trimmed().isEmpty() ? discrepancy.bindNull(8) : discrepancy.bind(8, d.second.trimmed());
        discrepancy.execute();
        ++recorded.discrepancies;
    }
    tx.commit();
    return recorded;
}

} // namespace recheck::fieldwork
