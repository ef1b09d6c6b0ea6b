#include "FieldworkDock.h"

#include "FieldworkGps.h"
#include "RecheckPluginUi.h"
#include "VisitFormDialog.h"

#include "ArchiveLayerUri.h"
#include "archive/Archive.h"
#include "common/RecheckError.h"

#include <qgis.h>
#include <qgisinterface.h>
#include <qgsapplication.h>
#include <qgscoordinatereferencesystem.h>
#include <qgscoordinatetransform.h>
#include <qgsexception.h>
#include <qgsfeatureiterator.h>
#include <qgsfeaturerequest.h>
#include <qgsmapcanvas.h>
#include <qgsmessagebar.h>
#include <qgsmessagelog.h>
#include <qgsproject.h>
#include <qgssettings.h>
#include <qgsvectorlayer.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

namespace recheck::fieldwork {

namespace {
const QString kSettings = QStringLiteral("recheck/fieldwork/");
} // namespace

FieldworkDock::FieldworkDock(QgisInterface* iface, QWidget* parent) : QgsDockWidget(parent), mIface(iface) {
    setObjectName(QStringLiteral("RecheckFieldworkDock"));
    setWindowTitle(tr("Re-check"));

    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(3);

    auto* choose = new QHBoxLayout();
    mArchive = new QComboBox(content);
    mArchive->setObjectName(QStringLiteral("archiveCombo"));
    mArchive->setToolTip(tr("Package (archive) of the project's customer-archive layers"));
    choose->addWidget(mArchive, 1);
    mInspector = new QComboBox(content);
    mInspector->setObjectName(QStringLiteral("inspectorCombo"));
    mInspector->setToolTip(tr("Whose tasks: the package's inspector, or chosen"));
    choose->addWidget(mInspector, 1);
    layout->addLayout(choose);

    mTask = new QComboBox(content);
    mTask->setObjectName(QStringLiteral("taskCombo"));
    mTask->setToolTip(tr("Open tasks of the inspector"));
    layout->addWidget(mTask);

    mCounts = new QLabel(content);
    mCounts->setObjectName(QStringLiteral("countsLabel"));
    layout->addWidget(mCounts);
    mGpsLabel = new QLabel(content);
    mGpsLabel->setObjectName(QStringLiteral("gpsLabel"));
    mGpsLabel->setWordWrap(true);
    layout->addWidget(mGpsLabel);

    auto* next = new QHBoxLayout();
    mNextStop = new QLabel(content);
    mNextStop->setObjectName(QStringLiteral("nextStopLabel"));
    mNextStop->setWordWrap(true);
    next->addWidget(mNextStop, 1);
    mShow = new QPushButton(tr("Show"), content);
    mShow->setObjectName(QStringLiteral("showButton"));
    mShow->setToolTip(tr("Pan the map to the next stop (or the selected customer)"));
    next->addWidget(mShow);
    layout->addLayout(next);

    auto* actions = new QHBoxLayout();
    mPendingOnly = new QCheckBox(tr("Pending only"), content);
    mPendingOnly->setObjectName(QStringLiteral("pendingOnlyCheck"));
    mPendingOnly->setChecked(true);
    actions->addWidget(mPendingOnly);
    actions->addStretch(1);
    actions->addWidget(new QLabel(tr("Warn beyond"), content));
    mMaxDistance = new QDoubleSpinBox(content);
    mMaxDistance->setObjectName(QStringLiteral("maxDistanceSpin"));
    mMaxDistance->setToolTip(tr("A visit recorded farther than this from the customer carries a warning"));
    mMaxDistance->setRange(5, 1000);
    mMaxDistance->setDecimals(0);
    mMaxDistance->setSuffix(tr(" m"));
    mMaxDistance->setValue(policy().maxDistanceMetres);
    actions->addWidget(mMaxDistance);
    mRecord = new QPushButton(tr("Record visit…"), content);
    mRecord->setObjectName(QStringLiteral("recordButton"));
    mRecord->setToolTip(tr("Record a visit to the customer selected in the list or on the map"));
    actions->addWidget(mRecord);
    layout->addLayout(actions);

    mModel = new FieldworkPanelModel(this);
    mModel->setLanguage(QgsApplication::locale());
    mView = new QTableView(content);
    mView->setObjectName(QStringLiteral("customersView"));
    mView->setModel(mModel);
    mView->setSelectionBehavior(QAbstractItemView::SelectRows);
    mView->setSelectionMode(QAbstractItemView::SingleSelection);
    mView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mView->verticalHeader()->hide();
    mView->horizontalHeader()->setStretchLastSection(true);
    mView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(mView, 1);
    setWidget(content);

    mGps = new GpsFollower(this);
    connect(mView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (mView->selectionModel()->hasSelection())
            mMapCustomer.clear();
        updateProgress();
    });

    connect(mArchive, qOverload<int>(&QComboBox::currentIndexChanged), this, &FieldworkDock::archiveChosen);
    connect(mInspector, qOverload<int>(&QComboBox::currentIndexChanged), this,
            &FieldworkDock::inspectorChosen);
    connect(mTask, qOverload<int>(&QComboBox::currentIndexChanged), this, &FieldworkDock::taskChosen);
    connect(mPendingOnly, &QCheckBox::toggled, mModel, &FieldworkPanelModel::setPendingOnly);
    connect(mMaxDistance, qOverload<double>(&QDoubleSpinBox::valueChanged), this, [](double metres) {
        QgsSettings().setValue(kSettings + QStringLiteral("maxDistanceMetres"), metres);
    });
    connect(mShow, &QPushButton::clicked, this, &FieldworkDock::showNextStop);
    connect(mRecord, &QPushButton::clicked, this, &FieldworkDock::openVisitForm);
    connect(mView, &QTableView::doubleClicked, this, &FieldworkDock::openVisitForm);
    connect(mModel, &FieldworkPanelModel::progressChanged, this, &FieldworkDock::updateProgress);
    connect(mModel, &FieldworkPanelModel::tasksChanged, this, &FieldworkDock::fillTasks);
    connect(mGps, &GpsFollower::fixChanged, this, &FieldworkDock::onFix);
    connect(mGps, &GpsFollower::connectionChanged, this, [this] { onFix(mGps->fix()); });
    connect(QgsProject::instance(), &QgsProject::layersAdded, this, &FieldworkDock::refreshArchives);
    connect(QgsProject::instance(), &QgsProject::layersRemoved, this, &FieldworkDock::refreshArchives);

    refreshArchives();
    onFix(mGps->fix());
}

FieldworkDock::~FieldworkDock() = default;

VisitPolicy FieldworkDock::policy() const {
    QgsSettings settings;
    VisitPolicy policy;
    policy.maxDistanceMetres =
        settings.value(kSettings + QStringLiteral("maxDistanceMetres"), 50.0).toDouble();
    policy.maxAccuracyMetres =
        settings.value(kSettings + QStringLiteral("maxAccuracyMetres"), 30.0).toDouble();
    return policy;
}

void FieldworkDock::refreshArchives() {
    const QStringList paths = recheck::plugins::projectArchivePaths(QgsProject::instance());
    const QString current = mModel->archivePath();
    mFilling = true;
    mArchive->clear();
    for (const QString& path : paths)
        mArchive->addItem(QFileInfo(path).fileName(), path);
    mFilling = false;
    const int keep = mArchive->findData(current);
    if (keep >= 0 && !current.isEmpty()) {
        mArchive->setCurrentIndex(keep);
        connectCustomerLayers();
    } else {
        mArchive->setCurrentIndex(paths.isEmpty() ? -1 : 0);
        archiveChosen();
    }
}

void FieldworkDock::archiveChosen() {
    if (mFilling)
        return;
    const QString path = mArchive->currentData().toString();
    if (path == mModel->archivePath() && !path.isEmpty())
        return;
    QString error;
    if (!mModel->setArchive(path, &error))
        message(tr("The Re-check panel cannot read %1: %2").arg(path, error), true);
    // The inspector: the package's, else the last one chosen here.
    mFilling = true;
    mInspector->clear();
    mInspector->addItem(tr("Everyone"), QString());
    for (const FieldStaff& s : mModel->staff())
        mInspector->addItem(QStringLiteral("%1 %2").arg(s.code, s.name), s.code);
    QString who = mModel->packageAssignee();
    if (who.isEmpty())
        who = QgsSettings().value(kSettings + QStringLiteral("inspector")).toString();
    const int index = mInspector->findData(who);
    mInspector->setCurrentIndex(index >= 0 ? index : 0);
    mFilling = false;
    inspectorChosen();
    connectCustomerLayers();
}

void FieldworkDock::inspectorChosen() {
    if (mFilling)
        return;
    const QString code = mInspector->currentData().toString();
    if (mModel->packageAssignee().isEmpty() && !code.isEmpty())
        QgsSettings().setValue(kSettings + QStringLiteral("inspector"), code);
    try {
        mModel->setAssignee(code);
    } catch (const std::exception& e) {
        message(QString::fromStdString(e.what()), true);
    }
    fillTasks();
}

void FieldworkDock::fillTasks() {
    const QString current = mModel->taskUuid();
    mFilling = true;
    mTask->clear();
    for (const FieldTask& t : mModel->tasks()) {
        QString label = QStringLiteral("%1 %2 — %3/%4")
                            .arg(t.task.districtCode, t.task.districtName)
                            .arg(t.done)
                            .arg(t.task.scopeSize);
        if (t.task.urgent)
            label = tr("[urgent] %1").arg(label);
        if (mModel->assignee().isEmpty() && !t.task.assigneeCode.isEmpty())
            label += QStringLiteral(" (%1)").arg(t.task.assigneeCode);
        mTask->addItem(label, t.task.uuid);
    }
    mFilling = false;
    const int keep = mTask->findData(current);
    if (keep >= 0) {
        mTask->setCurrentIndex(keep);
        if (mModel->taskUuid() != current)
            taskChosen();
    } else {
        mTask->setCurrentIndex(mTask->count() > 0 ? 0 : -1);
        taskChosen();
    }
}

void FieldworkDock::taskChosen() {
    if (mFilling)
        return;
    const QString uuid = mTask->currentData().toString();
    if (uuid != mModel->taskUuid())
        mModel->setTask(uuid);
    updateProgress();
}

void FieldworkDock::updateProgress() {
    const StopCounts counts = mModel->counts();
    mCounts->setText(mModel->taskUuid().isEmpty()
                         ? tr("No open task")
                         : tr("Done %1 · pending %2").arg(counts.done).arg(counts.pending));
    const StopCustomer* next = mModel->nextStopCustomer();
    if (!next) {
        mNextStop->setText(mModel->taskUuid().isEmpty() || counts.pending == 0
                               ? tr("Nothing pending")
                               : tr("No pending customer has a location"));
    } else {
        QString text = next->routeOrder > 0
                           ? tr("Next: #%1 %2 %3").arg(next->routeOrder).arg(next->accountNo, next->name)
                           : tr("Next: %1 %2").arg(next->accountNo, next->name);
        if (const auto leg = mModel->nextStop().leg)
            text += tr(" — %1 m %2 (%3°)")
                        .arg(QLocale().toString(leg->metres, 'f', 0))
                        .arg(QString::fromLatin1(compassPoint(leg->bearingDegrees)))
                        .arg(QLocale().toString(leg->bearingDegrees, 'f', 0));
        else
            text += tr(" — no GPS position");
        mNextStop->setText(text);
    }
    mShow->setEnabled(next != nullptr || !selectedCustomer().isEmpty());
    mRecord->setEnabled(!selectedCustomer().isEmpty());
}

void FieldworkDock::onFix(const GpsFix& fix) {
    if (!mGps->connected())
        mGpsLabel->setText(tr("GPS: not connected (connect a receiver in QGIS's GPS Information panel)"));
    else if (!fix.valid)
        mGpsLabel->setText(tr("GPS: no fix"));
    else {
        QString text = tr("GPS: %1, %2").arg(fix.lat, 0, 'f', 6).arg(fix.lon, 0, 'f', 6);
        if (std::isfinite(fix.accuracyMetres))
            text += tr(" ±%1 m").arg(QLocale().toString(fix.accuracyMetres, 'f', 1));
        if (fix.satellites >= 0)
            text += tr(", %n satellite(s)", nullptr, fix.satellites);
        mGpsLabel->setText(text);
    }
    if (fix.valid)
        mModel->setPosition(std::make_pair(fix.lon, fix.lat));
    else
        mModel->setPosition(std::nullopt);
}

QString FieldworkDock::selectedCustomer() const {
    const QModelIndexList rows =
        mView->selectionModel() ? mView->selectionModel()->selectedRows() : QModelIndexList();
    if (!rows.isEmpty())
        return rows.first().data(FieldworkPanelModel::CustomerUuidRole).toString();
    // Picked on the map but not in the list (visited already, or outside
    // the task): a visit can still be recorded for it.
    if (!mMapCustomer.isEmpty())
        return mMapCustomer;
    const StopCustomer* next = mModel->nextStopCustomer();
    return next ? next->uuid : QString();
}

void FieldworkDock::selectCustomer(const QString& customerUuid) {
    const int row = mModel->rowOf(customerUuid);
    mMapCustomer = row < 0 ? customerUuid : QString();
    if (row < 0) {
        mView->clearSelection();
        updateProgress();
        return;
    }
    mView->selectRow(row);
    mView->scrollTo(mModel->index(row, 0));
    updateProgress();
}

void FieldworkDock::setMapCanvas(QgsMapCanvas* canvas) {
    mCanvas = canvas;
}

void FieldworkDock::showNextStop() {
    const QModelIndexList rows = mView->selectionModel()->selectedRows();
    const StopCustomer* target =
        rows.isEmpty() ? mModel->nextStopCustomer() : mModel->customerAt(rows.first().row());
    QgsMapCanvas* canvas = mCanvas ? mCanvas.data() : mIface ? mIface->mapCanvas() : nullptr;
    if (!target || !target->located || !canvas)
        return;
    QgsPointXY point(target->x, target->y);
    try {
        const QgsCoordinateTransform toCanvas(QgsCoordinateReferenceSystem::fromEpsgId(mModel->archiveSrid()),
                                              canvas->mapSettings().destinationCrs(), QgsProject::instance());
        point = toCanvas.transform(point);
    } catch (const QgsCsException& e) {
        message(tr("Cannot show %1 on the map: %2").arg(target->accountNo, e.what()), true);
        return;
    }
    canvas->setCenter(point);
    canvas->refresh();
}

void FieldworkDock::openVisitForm() {
    const QString customer = selectedCustomer();
    if (customer.isEmpty() || mModel->archivePath().isEmpty())
        return;
    try {
        Archive archive = Archive::open(mModel->archivePath(), Archive::Access::ReadOnly);
        VisitFormDialog form(archive.db(), customer, mModel->findings(customer), this);
        std::optional<double> distance;
        for (std::size_t i = 0; i < mModel->customers().size(); ++i)
            if (mModel->customers()[i].uuid == customer && std::isfinite(mModel->distanceTo(i)))
                distance = mModel->distanceTo(i);
        form.setFix(mGps->fix(), distance, policy());
        // The fix is taken when the form opens and refreshed while it is open.
        connect(mGps, &GpsFollower::fixChanged, &form, [&form, this, customer](const GpsFix& fix) {
            std::optional<double> d;
            for (std::size_t i = 0; i < mModel->customers().size(); ++i)
                if (mModel->customers()[i].uuid == customer && std::isfinite(mModel->distanceTo(i)))
                    d = mModel->distanceTo(i);
            form.setFix(fix, d, policy());
        });
        if (form.exec() != QDialog::Accepted)
            return;
        recordVisit(form.input());
    } catch (const std::exception& e) {
        message(QString::fromStdString(e.what()), true);
    }
}

bool FieldworkDock::recordVisit(VisitInput input, RecordedVisit* recorded) {
    if (!input.fix.valid && mGps->fix().valid)
        input.fix = mGps->fix();
    RecordedVisit visit;
    try {
        visit = mModel->recordVisit(input, policy());
    } catch (const std::exception& e) {
        message(tr("The visit was not recorded: %1").arg(QString::fromStdString(e.what())), true);
        return false;
    }
    reloadArchiveLayers();
    QString text =
        tr("Visit recorded: %1").arg(FieldworkPanelModel::statusLabel(visitResultCode(visit.result)));
    if (visit.discrepancies > 0)
        text += tr(", %n discrepancy(ies)", nullptr, visit.discrepancies);
    if (visit.distanceMetres)
        text += tr(", %1 m from the customer").arg(QLocale().toString(*visit.distanceMetres, 'f', 0));
    if (!visit.warningsText.isEmpty())
        text += tr(" — warning: %1").arg(visit.warningsText);
    message(text, !visit.warningsText.isEmpty());
    if (recorded)
        *recorded = visit;
    return true;
}

void FieldworkDock::reloadArchiveLayers() {
    // The provider derives recheck_status (and districts' progress) from
    // visits: reloading drops its status cache, the repaint shows the new
    // colour at once.
    for (QgsMapLayer* layer : QgsProject::instance()->mapLayers()) {
        if (recheck::plugins::archivePathOfLayer(layer) != mModel->archivePath())
            continue;
        layer->reload();
        layer->triggerRepaint();
    }
}

void FieldworkDock::connectCustomerLayers() {
    for (const QPointer<QgsVectorLayer>& layer : qAsConst(mCustomerLayers))
        if (layer)
            disconnect(layer, &QgsVectorLayer::selectionChanged, this, &FieldworkDock::layerSelectionChanged);
    mCustomerLayers.clear();
    for (QgsMapLayer* layer : QgsProject::instance()->mapLayers()) {
        auto* vector = qobject_cast<QgsVectorLayer*>(layer);
        if (!vector || recheck::plugins::archivePathOfLayer(layer) != mModel->archivePath() ||
            recheck::qgis::ArchiveLayerUri::parse(layer->source()).table != QLatin1String("customers"))
            continue;
        connect(vector, &QgsVectorLayer::selectionChanged, this, &FieldworkDock::layerSelectionChanged);
        mCustomerLayers << vector;
    }
}

void FieldworkDock::layerSelectionChanged() {
    auto* layer = qobject_cast<QgsVectorLayer*>(sender());
    if (!layer || layer->selectedFeatureCount() == 0)
        return;
    const int uuidField = layer->fields().indexOf(QStringLiteral("uuid"));
    if (uuidField < 0)
        return;
    QgsFeatureRequest request(layer->selectedFeatureIds());
    request.setFlags(QgsFeatureRequest::NoGeometry).setSubsetOfAttributes(QgsAttributeList{uuidField});
    QgsFeature feature;
    QgsFeatureIterator it = layer->getFeatures(request);
    if (it.nextFeature(feature))
        selectCustomer(feature.attribute(uuidField).toString());
}

void FieldworkDock::message(const QString& text, bool warning) {
    QgsMessageLog::logMessage(text, recheck::plugins::logTag(),
                              warning ? Qgis::MessageLevel::Warning : Qgis::MessageLevel::Info);
    if (mIface && mIface->messageBar())
        mIface->messageBar()->pushMessage(
            tr("Re-check"), text, warning ? Qgis::MessageLevel::Warning : Qgis::MessageLevel::Success, 8);
}

} // namespace recheck::fieldwork
