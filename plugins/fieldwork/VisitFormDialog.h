#pragma once

#include "fieldwork/DiscrepancyRules.h"
#include "fieldwork/VisitRecorder.h"

#include <QDialog>
#include <QMap>
#include <QString>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace recheck {
class SqliteDatabase;
}

namespace recheck::fieldwork {

/// The visit form: the customer's archive values, beside each an editor for
/// the value found on site (left empty when it agrees), the result, a note,
/// the rule findings of the record and the GPS fix that will be kept, with
/// the warnings it would carry.
class VisitFormDialog : public QDialog {
    Q_OBJECT
public:
    /// Reads the customer's values from `db`. Throws RecheckError for an
    /// unknown customer.
    VisitFormDialog(SqliteDatabase& db, const QString& customerUuid, const std::vector<RuleFinding>& findings,
                    QWidget* parent = nullptr);

    /// The fix to record with the visit (updated live by the dock).
    void setFix(const GpsFix& fix, const std::optional<double>& distanceMetres, const VisitPolicy& policy);

    /// Fills an observed value programmatically (tests, barcode readers).
    void setObserved(const QString& field, const QString& value);
    void setResult(VisitResult result);
    void setNote(const QString& note);

    /// What was entered: result, note, observed values that are not empty,
    /// the fix. Task and staff are the dock's to fill.
    VisitInput input() const;

    /// The translated label of a customers column.
    static QString fieldLabel(const QString& field);

private:
    QString mCustomerUuid;
    QMap<QString, QString> mArchived;
    QMap<QString, QLineEdit*> mObserved;
    QComboBox* mResult = nullptr;
    QPlainTextEdit* mNote = nullptr;
    QLabel* mGps = nullptr;
    GpsFix mFix;
};

} // namespace recheck::fieldwork
