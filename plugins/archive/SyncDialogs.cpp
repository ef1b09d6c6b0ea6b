#include "SyncDialogs.h"

#include "MasterLocation.h"
#include "PgMasterLayers.h"

#include <qgsproject.h>
#include <qgssettings.h>
#include <qgsvectorlayer.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <exception>

namespace recheck::archiveui {

SyncTask::SyncTask(const QString& description, bool canCancel, Work work, std::function<void()> done)
    : QgsTask(description, canCancel ? QgsTask::CanCancel : QgsTask::Flags()), mWork(std::move(work)),
      mDone(std::move(done)) {}

bool SyncTask::run() {
    try {
        mWork([this](double fraction) {
            setProgress(100.0 * fraction);
            return !isCanceled();
        });
    } catch (const std::exception&) {
        // The work reports its own errors through what it captured; a throw
        // that escapes it must still not take QGIS down with the thread.
        return false;
    }
    return !isCanceled();
}

void SyncTask::finished(bool) {
    if (mDone)
        mDone();
}

CheckoutDialog::CheckoutDialog(const QString& masterPath, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Check Out Package"));
    auto* form = new QFormLayout;

    mMaster = new QLineEdit(this);
    auto* browseMaster = new QToolButton(this);
    browseMaster->setText(tr("…"));
    browseMaster->setToolTip(tr("A master archive file"));
    mMaster->setToolTip(tr("A master archive file, or a PostgreSQL master: postgresql://user@host/db "
                           "(optionally ?authcfg=<QGIS authentication id>) or host=… dbname=…"));
    // QGIS's saved PostgreSQL connections (Browser ▸ PostgreSQL).
    auto* postgres = new QToolButton(this);
    postgres->setText(tr("PostgreSQL"));
    postgres->setToolTip(tr("A PostgreSQL master from QGIS's saved connections"));
    postgres->setPopupMode(QToolButton::InstantPopup);
    auto* connections = new QMenu(postgres);
    postgres->setMenu(connections);
    connect(connections, &QMenu::aboutToShow, this, [this, connections] {
        connections->clear();
        const auto saved = recheck::plugins::savedPostgresConnections();
        if (saved.isEmpty())
            connections->addAction(tr("(no saved PostgreSQL connections)"))->setEnabled(false);
        for (const auto& connection : saved) {
            const QString location = connection.second;
            connections->addAction(connection.first, this, [this, location] { setMasterPath(location); });
        }
    });
    auto* masterRow = new QHBoxLayout;
    masterRow->addWidget(mMaster);
    masterRow->addWidget(browseMaster);
    masterRow->addWidget(postgres);
    form->addRow(tr("Master"), masterRow);

    mDistricts = new QListWidget(this);
    mFromMap = new QPushButton(tr("Use Map Selection"), this);
    mFromMap->setToolTip(tr("Check the districts selected on the map (a districts layer of this master)"));
    // A PostgreSQL master's districts come to the map through QGIS's own
    // postgres provider, styled as ours, to be selected there.
    mAddDistricts = new QPushButton(tr("Add Districts to Map"), this);
    mAddDistricts->setToolTip(
        tr("Add this master's districts layer to the project to pick districts on the map"));
    mAddDistricts->setVisible(false);
    auto* mapButtons = new QHBoxLayout;
    mapButtons->addWidget(mFromMap);
    mapButtons->addWidget(mAddDistricts);
    mapButtons->addStretch(1);
    auto* districtsColumn = new QVBoxLayout;
    districtsColumn->addWidget(mDistricts);
    districtsColumn->addLayout(mapButtons);
    form->addRow(tr("Districts"), districtsColumn);

    mAssignee = new QComboBox(this);
    form->addRow(tr("Assignee"), mAssignee);

    mDestination = new QLineEdit(this);
    auto* browseDestination = new QToolButton(this);
    browseDestination->setText(tr("…"));
    auto* destinationRow = new QHBoxLayout;
    destinationRow->addWidget(mDestination);
    destinationRow->addWidget(browseDestination);
    form->addRow(tr("Destination folder"), destinationRow);

    mZip = new QCheckBox(tr("One zip file (package and project)"), this);
    mZip->setChecked(QgsSettings().value(QStringLiteral("recheck/archive/checkoutZip"), false).toBool());
    form->addRow(QString(), mZip);

    mError = new QLabel(this);
    mError->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    mOk = buttons->button(QDialogButtonBox::Ok);
    mOk->setText(tr("Check Out"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(mError);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        QgsSettings().setValue(QStringLiteral("recheck/archive/checkoutZip"), mZip->isChecked());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(mFromMap, &QPushButton::clicked, this, [this] {
        if (useMapSelection() == 0)
            mError->setText(tr("No district of this master is selected on the map."));
    });
    connect(mAddDistricts, &QPushButton::clicked, this, [this] {
        QString error;
        if (!addDistrictsLayer(&error))
            mError->setText(error);
    });
    connect(browseMaster, &QToolButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Master Archive"), mMaster->text(),
                                         tr("Recheck archives (*.sqlite *.rchk);;All files (*)"));
        if (!path.isEmpty())
            setMasterPath(path);
    });
    connect(browseDestination, &QToolButton::clicked, this, [this] {
        const QString folder =
            QFileDialog::getExistingDirectory(this, tr("Destination Folder"), mDestination->text());
        if (!folder.isEmpty())
            mDestination->setText(folder);
    });
    connect(mMaster, &QLineEdit::editingFinished, this, [this] { setMasterPath(mMaster->text()); });
    connect(mDistricts, &QListWidget::itemChanged, this, &CheckoutDialog::updateOk);
    connect(mDestination, &QLineEdit::textChanged, this, &CheckoutDialog::updateOk);

    if (!masterPath.isEmpty())
        setMasterPath(masterPath);
    updateOk();
}

QString CheckoutDialog::masterPath() const {
    return mMaster->text().trimmed();
}

QStringList CheckoutDialog::districtCodes() const {
    QStringList codes;
    for (int i = 0; i < mDistricts->count(); ++i)
        if (mDistricts->item(i)->checkState() == Qt::Checked)
            codes << mDistricts->item(i)->data(Qt::UserRole).toString();
    return codes;
}

QString CheckoutDialog::assignee() const {
    return mAssignee->currentData().toString();
}

QString CheckoutDialog::destinationFolder() const {
    return mDestination->text().trimmed();
}

bool CheckoutDialog::zip() const {
    return mZip->isChecked();
}

QgsVectorLayer* CheckoutDialog::addDistrictsLayer(QString* error) {
    QgsProject* project = QgsProject::instance();
    for (QgsMapLayer* layer : project->mapLayers())
        if (recheck::plugins::masterTableOfLayer(layer, masterPath()) == QLatin1String("districts"))
            return qobject_cast<QgsVectorLayer*>(layer);
    const QList<QgsMapLayer*> layers =
        recheck::plugins::isPostgresLocation(masterPath())
            ? recheck::plugins::createPostgresMasterLayers(masterPath(), error, {QStringLiteral("districts")})
            : QList<QgsMapLayer*>();
    if (layers.isEmpty()) {
        if (error && error->isEmpty())
            *error = tr("This master has no districts layer to add.");
        return nullptr;
    }
    project->addMapLayers(layers);
    return qobject_cast<QgsVectorLayer*>(layers.first());
}

int CheckoutDialog::useMapSelection() {
    const QStringList codes = selectedDistrictCodes(masterPath(), QgsProject::instance());
    if (!codes.isEmpty()) {
        setCheckedDistricts(codes);
        mError->clear();
        updateOk();
    }
    return codes.size();
}

void CheckoutDialog::setMasterPath(const QString& path) {
    mMaster->setText(path);
    mDistricts->clear();
    mAssignee->clear();
    mAssignee->addItem(tr("(nobody)"), QString());
    QString error;
    const auto districts = readDistricts(path, &error);
    for (const auto& district : districts) {
        auto* item = new QListWidgetItem(tr("%1 — %2").arg(district.first, district.second), mDistricts);
        item->setData(Qt::UserRole, district.first);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    if (error.isEmpty()) {
        for (const auto& staff : readStaff(path, &error))
            mAssignee->addItem(tr("%1 — %2").arg(staff.first, staff.second), staff.first);
    }
    mError->setText(error);
    const bool postgres = recheck::plugins::isPostgresLocation(path);
    // A SpatiaLite master's layers come from "Open Archive"; the button is
    // for a PostgreSQL master.
    mAddDistricts->setVisible(postgres);
    if (mDestination->text().isEmpty() && !path.isEmpty())
        mDestination->setText(postgres
                                  ? QgsSettings()
                                        .value(QStringLiteral("recheck/archive/lastFolder"), QDir::homePath())
                                        .toString()
                                  : QFileInfo(path).absolutePath());
    // Districts already selected on the map are the likely choice.
    if (error.isEmpty())
        useMapSelection();
    updateOk();
}

void CheckoutDialog::setCheckedDistricts(const QStringList& codes) {
    for (int i = 0; i < mDistricts->count(); ++i) {
        QListWidgetItem* item = mDistricts->item(i);
        item->setCheckState(codes.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked
                                                                                : Qt::Unchecked);
    }
}

void CheckoutDialog::updateOk() {
    mOk->setEnabled(!districtCodes().isEmpty() && QDir(destinationFolder()).exists() &&
                    !destinationFolder().isEmpty());
}

CheckinReportDialog::CheckinReportDialog(const QString& title, const QString& reportText, bool hasConflicts,
                                         QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(title);
    auto* text = new QPlainTextEdit(reportText, this);
    text->setReadOnly(true);
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* conflicts = buttons->addButton(tr("Show Conflicts…"), QDialogButtonBox::ActionRole);
    conflicts->setEnabled(hasConflicts);
    connect(conflicts, &QPushButton::clicked, this, [this] {
        emit showConflictsRequested();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(buttons);
    resize(720, 480);
}

ConflictDialog::ConflictDialog(const QString& masterPath, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Conflicts — %1").arg(recheck::plugins::masterDisplayName(masterPath)));
    mModel = new ConflictTableModel(this);
    mView = new QTableView(this);
    mView->setModel(mModel);
    mView->setSelectionBehavior(QAbstractItemView::SelectRows);
    mView->setSelectionMode(QAbstractItemView::SingleSelection);
    mView->horizontalHeader()->setStretchLastSection(true);
    mView->verticalHeader()->hide();

    // Base / package / master side by side: the person decides by comparing.
    auto* values = new QGridLayout;
    const QStringList heads = {tr("Base (at check-out)"), tr("Package (field)"), tr("Master (office)")};
    for (int c = 0; c < heads.size(); ++c)
        values->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(heads[c].toHtmlEscaped()), this), 0, c);
    mBase = new QLabel(this);
    mPackage = new QLabel(this);
    mMasterValue = new QLabel(this);
    int column = 0;
    for (QLabel* label : {mBase, mPackage, mMasterValue}) {
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setWordWrap(true);
        values->addWidget(label, 1, column++);
    }
    auto* takeBase = new QPushButton(tr("Take Base"), this);
    auto* takePackage = new QPushButton(tr("Take Package"), this);
    auto* takeMaster = new QPushButton(tr("Take Master"), this);
    values->addWidget(takeBase, 2, 0);
    values->addWidget(takePackage, 2, 1);
    values->addWidget(takeMaster, 2, 2);
    mChoiceButtons = {takeBase, takePackage, takeMaster};
    mValueButton = new QPushButton(tr("Value…"), this);
    mCurrent = new QLabel(this);
    mStatus = new QLabel(this);
    mStatus->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(mValueButton, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(mView, 1);
    layout->addLayout(values);
    layout->addWidget(mCurrent);
    layout->addWidget(mStatus);
    layout->addWidget(buttons);
    resize(800, 560);

    connect(takeBase, &QPushButton::clicked, this, [this] { resolveSelected(ConflictChoice::Base); });
    connect(takePackage, &QPushButton::clicked, this, [this] { resolveSelected(ConflictChoice::Package); });
    connect(takeMaster, &QPushButton::clicked, this, [this] { resolveSelected(ConflictChoice::Master); });
    connect(mValueButton, &QPushButton::clicked, this, &ConflictDialog::chooseValue);

    QString error;
    if (!mModel->setMaster(masterPath, false, &error))
        mStatus->setText(error);
    connect(mView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ConflictDialog::showSelected);
    selectRow(0);
    showSelected();
}

int ConflictDialog::selectedRow() const {
    const QModelIndexList rows = mView->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void ConflictDialog::selectRow(int row) {
    if (row >= 0 && row < mModel->rowCount())
        mView->selectRow(row);
}

void ConflictDialog::showSelected() {
    const int row = selectedRow();
    const bool has = row >= 0;
    for (QPushButton* button : mChoiceButtons)
        button->setEnabled(has);
    if (!has) {
        for (QLabel* label : {mBase, mPackage, mMasterValue, mCurrent})
            label->clear();
        if (mModel->rowCount() == 0 && mStatus->text().isEmpty())
            mStatus->setText(tr("No open conflicts."));
        mValueButton->setEnabled(false);
        return;
    }
    const SyncConflict& c = mModel->conflictAt(row);
    mBase->setText(ConflictTableModel::displayValue(c.baseValue));
    mPackage->setText(ConflictTableModel::displayValue(c.packageValue));
    mMasterValue->setText(ConflictTableModel::displayValue(c.masterValue));
    mCurrent->setText(c.isRowLevel()
                          ? tr("Whole-row conflict (%1)").arg(c.kind)
                          : tr("The master now: %1").arg(ConflictTableModel::displayValue(c.currentValue)));
    // A typed value only makes sense for one field, not a whole row.
    mValueButton->setEnabled(!c.isRowLevel());
    emit featureSelected(c.table, c.uuid);
}

bool ConflictDialog::resolveSelected(ConflictChoice choice, const QVariant& value) {
    const int row = selectedRow();
    QString error;
    if (!mModel->resolve(row, choice, value, currentStaffId(), &error)) {
        mStatus->setText(tr("Not resolved: %1").arg(error));
        return false;
    }
    mStatus->setText(tr("Resolved (%1). %n conflict(s) left.", nullptr, mModel->rowCount())
                         .arg(ConflictStore::choiceName(choice)));
    // The next conflict is now where the resolved one was.
    selectRow(qMin(row, mModel->rowCount() - 1));
    showSelected();
    return true;
}

void ConflictDialog::chooseValue() {
    const int row = selectedRow();
    if (row < 0)
        return;
    const SyncConflict& c = mModel->conflictAt(row);
    bool ok = false;
    const QString value = QInputDialog::getText(this, tr("Value for %1").arg(c.field),
                                                tr("New value of %1.%2:").arg(c.table, c.field),
                                                QLineEdit::Normal, c.masterValue.toString(), &ok);
    if (ok)
        resolveSelected(ConflictChoice::Value, value);
}

} // namespace recheck::archiveui
