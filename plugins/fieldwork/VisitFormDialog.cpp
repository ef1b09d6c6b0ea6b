#include "VisitFormDialog.h"

#include "common/RecheckError.h"
#include "common/Sqlite.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include <cmath>

namespace recheck::fieldwork {

QString VisitFormDialog::fieldLabel(const QString& field) {
    if (field == QLatin1String("name"))
        return tr("Name");
    if (field == QLatin1String("address"))
        return tr("Address");
    if (field == QLatin1String("phone"))
        return tr("Phone");
    if (field == QLatin1String("usage_category"))
        return tr("Usage category");
    if (field == QLatin1String("voltage_level"))
        return tr("Voltage level");
    if (field == QLatin1String("contracted_capacity"))
        return tr("Contracted capacity (kVA)");
    if (field == QLatin1String("monthly_kwh"))
        return tr("Monthly consumption (kWh)");
    if (field == QLatin1String("meter_asset_no"))
        return tr("Meter");
    if (field == QLatin1String("status"))
        return tr("Customer status");
    return field;
}

VisitFormDialog::VisitFormDialog(SqliteDatabase& db, const QString& customerUuid,
                                 const std::vector<RuleFinding>& findings, QWidget* parent)
    : QDialog(parent), mCustomerUuid(customerUuid) {
    setObjectName(QStringLiteral("RecheckVisitForm"));
    const QStringList fields = VisitRecorder::observableFields();
    QStringList columns;
    for (const QString& f : fields)
        columns << QStringLiteral("\"%1\"").arg(f);
    SqliteStatement st(db, QStringLiteral("SELECT account_no, %1 FROM customers WHERE uuid = ?")
                               .arg(columns.join(QStringLiteral(", "))));
    st.bind(1, customerUuid);
    if (!st.step())
        throw RecheckError(QStringLiteral("%1: there is no customer with the uuid %2")
                               .arg(db.path(), customerUuid)
                               .toStdString(),
                           RecheckError::Kind::InvalidInput);
    const QString account = st.text(0);
    for (int i = 0; i < fields.size(); ++i)
        mArchived.insert(fields[i], st.isNull(i + 1) ? QString() : st.value(i + 1).toString());
    setWindowTitle(tr("Visit to %1 (%2)").arg(mArchived.value(QStringLiteral("name")), account));

    auto* layout = new QVBoxLayout(this);
    auto* values = new QGroupBox(tr("Record and what was found on site (leave empty where it agrees)"), this);
    auto* grid = new QGridLayout(values);
    grid->addWidget(new QLabel(tr("<b>Field</b>"), values), 0, 0);
    grid->addWidget(new QLabel(tr("<b>Archive</b>"), values), 0, 1);
    grid->addWidget(new QLabel(tr("<b>Observed</b>"), values), 0, 2);
    int row = 1;
    for (const QString& f : fields) {
        grid->addWidget(new QLabel(fieldLabel(f), values), row, 0);
        auto* archived =
            new QLabel(mArchived.value(f).isEmpty() ? tr("(empty)") : mArchived.value(f), values);
        archived->setTextInteractionFlags(Qt::TextSelectableByMouse);
        grid->addWidget(archived, row, 1);
        auto* observed = new QLineEdit(values);
        observed->setObjectName(QStringLiteral("observed_") + f);
        observed->setPlaceholderText(tr("as archived"));
        grid->addWidget(observed, row, 2);
        mObserved.insert(f, observed);
        ++row;
    }
    layout->addWidget(values);

    if (!findings.empty()) {
        QStringList lines;
        for (const RuleFinding& f : findings)
            lines << QStringLiteral("• ") +
                         (f.value.isEmpty() ? f.label
                                            : QStringLiteral("%1: %2").arg(f.label, f.value.toHtmlEscaped()));
        auto* rules = new QLabel(tr("Rules this record breaks:") + QStringLiteral("<br>") +
                                     lines.join(QStringLiteral("<br>")),
                                 this);
        rules->setObjectName(QStringLiteral("ruleFindings"));
        rules->setStyleSheet(QStringLiteral("color: #b2182b"));
        rules->setWordWrap(true);
        layout->addWidget(rules);
    }

    auto* form = new QFormLayout();
    mResult = new QComboBox(this);
    mResult->setObjectName(QStringLiteral("resultCombo"));
    mResult->addItem(tr("Checked OK"), static_cast<int>(VisitResult::Ok));
    mResult->addItem(tr("Discrepancy"), static_cast<int>(VisitResult::Discrepancy));
    mResult->addItem(tr("Unreachable"), static_cast<int>(VisitResult::Unreachable));
    mResult->addItem(tr("Refused"), static_cast<int>(VisitResult::Refused));
    form->addRow(tr("Result"), mResult);
    mNote = new QPlainTextEdit(this);
    mNote->setObjectName(QStringLiteral("noteEdit"));
    mNote->setMaximumHeight(60);
    form->addRow(tr("Note"), mNote);
    mGps = new QLabel(this);
    mGps->setObjectName(QStringLiteral("gpsLabel"));
    mGps->setWordWrap(true);
    form->addRow(tr("GPS"), mGps);
    layout->addLayout(form);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setFix(GpsFix(), std::nullopt, VisitPolicy());
}

void VisitFormDialog::setFix(const GpsFix& fix, const std::optional<double>& distanceMetres,
                             const VisitPolicy& policy) {
    mFix = fix;
    if (!fix.valid) {
        mGps->setText(tr("No GPS fix: the visit will be recorded and flagged as without position."));
        mGps->setStyleSheet(QStringLiteral("color: #b2182b"));
        return;
    }
    QString text = tr("%1, %2").arg(fix.lat, 0, 'f', 6).arg(fix.lon, 0, 'f', 6);
    if (std::isfinite(fix.accuracyMetres))
        text += tr(", ±%1 m").arg(QLocale().toString(fix.accuracyMetres, 'f', 1));
    if (fix.satellites >= 0)
        text += tr(", %n satellite(s)", nullptr, fix.satellites);
    bool warn = false;
    if (distanceMetres) {
        text += tr("; %1 m from the customer").arg(QLocale().toString(*distanceMetres, 'f', 0));
        if (*distanceMetres > policy.maxDistanceMetres) {
            text += tr(" (more than %1 m: the visit will carry a warning)").arg(policy.maxDistanceMetres);
            warn = true;
        }
    }
    if (std::isfinite(fix.accuracyMetres) && fix.accuracyMetres > policy.maxAccuracyMetres) {
        text += tr("; accuracy poorer than %1 m").arg(policy.maxAccuracyMetres);
        warn = true;
    }
    mGps->setText(text);
    mGps->setStyleSheet(warn ? QStringLiteral("color: #b2182b") : QString());
}

void VisitFormDialog::setObserved(const QString& field, const QString& value) {
    if (QLineEdit* edit = mObserved.value(field))
        edit->setText(value);
}

void VisitFormDialog::setResult(VisitResult result) {
    mResult->setCurrentIndex(mResult->findData(static_cast<int>(result)));
}

void VisitFormDialog::setNote(const QString& note) {
    mNote->setPlainText(note);
}

VisitInput VisitFormDialog::input() const {
    VisitInput input;
    input.customerUuid = mCustomerUuid;
    input.result = static_cast<VisitResult>(mResult->currentData().toInt());
    input.note = mNote->toPlainText();
    for (auto it = mObserved.constBegin(); it != mObserved.constEnd(); ++it)
        if (!it.value()->text().trimmed().isEmpty())
            input.observed << qMakePair(it.key(), it.value()->text().trimmed());
    input.fix = mFix;
    return input;
}

} // namespace recheck::fieldwork
