#include "RoutePlannerDock.h"

#include "RecheckPluginUi.h"
#include "RouteLayers.h"
#include "RoutePlanTask.h"

#include "common/RecheckError.h"

#include <qgisinterface.h>
#include <qgsapplication.h>
#include <qgscoordinatetransform.h>
#include <qgsexception.h>
#include <qgslayertree.h>
#include <qgsmapcanvas.h>
#include <qgsmaptoolemitpoint.h>
#include <qgsmessagebar.h>
#include <qgsmessagelog.h>
#include <qgsproject.h>
#include <qgssettings.h>
#include <qgstaskmanager.h>
#include <qgsvectorlayer.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTime>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

const QString kSettings = QStringLiteral("recheck/routeplanner/");

enum DepotItem { DepotOffice = 0, DepotFirstCustomer = 1, DepotClicked = 2 };

QgsCoordinateReferenceSystem archiveCrs(const QString& archivePath) {
    for (QgsMapLayer* layer : QgsProject::instance()->mapLayers())
        if (recheck::plugins::archivePathOfLayer(layer) == archivePath)
            return layer->crs();
    return QgsCoordinateReferenceSystem::fromEpsgId(4490);
}

} // namespace

RoutePlannerDock::RoutePlannerDock(QgisInterface* iface, QWidget* parent)
    : QgsDockWidget(tr("Recheck Route Planner"), parent), mIface(iface) {
    setObjectName(QStringLiteral("RecheckRoutePlannerDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    auto* form = new QFormLayout();

    auto* archiveRow = new QHBoxLayout();
    mArchive = new QComboBox(body);
    mArchive->setToolTip(tr("The archives of the project's customer-archive layers"));
    auto* refresh = new QToolButton(body);
    refresh->setText(tr("Refresh"));
    refresh->setToolTip(tr("Read the project's archive layers again"));
    archiveRow->addWidget(mArchive, 1);
    archiveRow->addWidget(refresh);
    form->addRow(tr("Archive"), archiveRow);

    mFilter = new QLineEdit(body);
    mFilter->setPlaceholderText(tr("Filter districts…"));
    mFilter->setClearButtonEnabled(true);
    form->addRow(tr("Districts"), mFilter);
    mDistricts = new QListWidget(body);
    mDistricts->setSelectionMode(QAbstractItemView::ExtendedSelection);
    mDistricts->setToolTip(tr("Code, name, pending customers / customers; select one or more"));
    form->addRow(mDistricts);

    auto* depotRow = new QHBoxLayout();
    mDepot = new QComboBox(body);
    mDepot->addItem(tr("Assignee's office"), DepotOffice);
    mDepot->addItem(tr("First customer"), DepotFirstCustomer);
    mDepot->addItem(tr("Clicked point"), DepotClicked);
    mPickDepot = new QToolButton(body);
    mPickDepot->setText(tr("Pick…"));
    mPickDepot->setToolTip(tr("Click the start point on the map"));
    depotRow->addWidget(mDepot, 1);
    depotRow->addWidget(mPickDepot);
    form->addRow(tr("Start"), depotRow);
    mDepotPoint = new QLabel(tr("no point clicked"), body);
    form->addRow(QString(), mDepotPoint);

    mShape = new QComboBox(body);
    mShape->addItem(tr("Closed: back to the start"), true);
    mShape->addItem(tr("Open: end at the last customer"), false);
    form->addRow(tr("Route"), mShape);
    mDistances = new QComboBox(body);
    mDistances->addItem(tr("Straight lines"), false);
    mDistances->addItem(tr("Along the archive's roads"), true);
    form->addRow(tr("Distances"), mDistances);
    mInspectors = new QSpinBox(body);
    mInspectors->setRange(1, 50);
    form->addRow(tr("Inspectors"), mInspectors);
    mTimeLimit = new QDoubleSpinBox(body);
    mTimeLimit->setRange(0.1, 600.0);
    mTimeLimit->setDecimals(1);
    mTimeLimit->setSuffix(tr(" s"));
    mTimeLimit->setToolTip(tr("Search time per district: longer gives slightly shorter routes"));
    form->addRow(tr("Time budget"), mTimeLimit);
    layout->addLayout(form);

    auto* buttons = new QHBoxLayout();
    mPlan = new QPushButton(tr("Plan routes"), body);
    mPlan->setObjectName(QStringLiteral("mPlanRoutesButton"));
    mCancel = new QPushButton(tr("Cancel"), body);
    mCancel->setEnabled(false);
    buttons->addWidget(mPlan);
    buttons->addWidget(mCancel);
    layout->addLayout(buttons);

    mSummary = new QTableWidget(0, 5, body);
    mSummary->setHorizontalHeaderLabels(
        {tr("District"), tr("Route"), tr("Stops"), tr("Length km"), tr("Time h:mm")});
    mSummary->verticalHeader()->hide();
    mSummary->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mSummary->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(mSummary, 1);
    setWidget(body);

    QgsSettings settings;
    mDepot->setCurrentIndex(
        mDepot->findData(settings.value(kSettings + QStringLiteral("depot"), DepotOffice).toInt()));
    mShape->setCurrentIndex(settings.value(kSettings + QStringLiteral("closed"), true).toBool() ? 0 : 1);
    mDistances->setCurrentIndex(settings.value(kSettings + QStringLiteral("roads"), false).toBool() ? 1 : 0);
    mInspectors->setValue(settings.value(kSettings + QStringLiteral("inspectors"), 1).toInt());
    mTimeLimit->setValue(settings.value(kSettings + QStringLiteral("timeLimit"), 2.0).toDouble());

    connect(refresh, &QToolButton::clicked, this, &RoutePlannerDock::refreshArchives);
    connect(mArchive, qOverload<int>(&QComboBox::currentIndexChanged), this,
            &RoutePlannerDock::loadDistricts);
    connect(mFilter, &QLineEdit::textChanged, this, &RoutePlannerDock::filterDistricts);
    connect(mPickDepot, &QToolButton::clicked, this, &RoutePlannerDock::pickDepot);
    connect(mPlan, &QPushButton::clicked, this, &RoutePlannerDock::planRoutes);
    connect(mCancel, &QPushButton::clicked, this, &RoutePlannerDock::cancelPlanning);
    connect(QgsProject::instance(), &QgsProject::layersAdded, this, &RoutePlannerDock::refreshArchives);
    connect(QgsProject::instance(), &QgsProject::layersRemoved, this, &RoutePlannerDock::refreshArchives);
}

RoutePlannerDock::~RoutePlannerDock() {
    if (mTask)
        mTask->cancel();
    if (mDepotTool && mIface->mapCanvas()->mapTool() == mDepotTool.get())
        mIface->mapCanvas()->unsetMapTool(mDepotTool.get());
}

QString RoutePlannerDock::currentArchive() const {
    return mArchive->currentData().toString();
}

void RoutePlannerDock::refreshArchives() {
    const QString current = currentArchive().isEmpty()
                                ? QgsSettings().value(kSettings + QStringLiteral("archive")).toString()
                                : currentArchive();
    const QStringList paths = recheck::plugins::projectArchivePaths(QgsProject::instance());
    QStringList shown;
    for (int i = 0; i < mArchive->count(); ++i)
        shown << mArchive->itemData(i).toString();
    if (shown == paths)
        return;
    const QSignalBlocker blocker(mArchive);
    mArchive->clear();
    for (const QString& path : paths)
        mArchive->addItem(QFileInfo(path).fileName(), path);
    mArchive->setCurrentIndex(std::max(0, mArchive->findData(current)));
    loadDistricts();
}

void RoutePlannerDock::loadDistricts() {
    mDistricts->clear();
    const QString path = currentArchive();
    if (path.isEmpty())
        return;
    const QStringList chosen =
        QgsSettings().value(kSettings + QStringLiteral("districts")).toString().split(QLatin1Char(','));
    try {
        for (const recheck::routing::RouteDistrict& district : recheck::routing::listRouteDistricts(path)) {
            auto* item = new QListWidgetItem(tr("%1 %2 (%3/%4)")
                                                 .arg(district.code, district.name)
                                                 .arg(district.pending)
                                                 .arg(district.customers),
                                             mDistricts);
            item->setData(Qt::UserRole, district.code);
            if (district.pending == 0)
                item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
            item->setSelected(chosen.contains(district.code) && district.pending > 0);
        }
    } catch (const recheck::RecheckError& e) {
        mIface->messageBar()->pushMessage(tr("Route planner"), QString::fromUtf8(e.what()),
                                          Qgis::MessageLevel::Warning, 8);
    }
    filterDistricts(mFilter->text());
}

void RoutePlannerDock::filterDistricts(const QString& text) {
    for (int i = 0; i < mDistricts->count(); ++i)
        mDistricts->item(i)->setHidden(!text.isEmpty() &&
                                       !mDistricts->item(i)->text().contains(text, Qt::CaseInsensitive));
}

void RoutePlannerDock::pickDepot() {
    QgsMapCanvas* canvas = mIface->mapCanvas();
    if (!mDepotTool) {
        mDepotTool = std::make_unique<QgsMapToolEmitPoint>(canvas);
        connect(mDepotTool.get(), &QgsMapToolEmitPoint::canvasClicked, this,
                [this](const QgsPointXY& point, Qt::MouseButton) { depotPicked(point); });
    }
    mPreviousTool = canvas->mapTool();
    canvas->setMapTool(mDepotTool.get());
    mIface->messageBar()->pushMessage(tr("Route planner"), tr("Click the start point on the map"),
                                      Qgis::MessageLevel::Info, 4);
}

void RoutePlannerDock::depotPicked(const QgsPointXY& point) {
    QgsMapCanvas* canvas = mIface->mapCanvas();
    const QgsCoordinateTransform transform(canvas->mapSettings().destinationCrs(),
                                           archiveCrs(currentArchive()), QgsProject::instance());
    try {
        mClickedDepot = transform.transform(point);
    } catch (const QgsCsException& e) {
        mIface->messageBar()->pushMessage(tr("Route planner"),
                                          tr("The point cannot be used: %1").arg(e.what()),
                                          Qgis::MessageLevel::Warning, 6);
        return;
    }
    mHasClickedDepot = true;
    mDepotPoint->setText(tr("%1, %2").arg(mClickedDepot.x(), 0, 'f', 6).arg(mClickedDepot.y(), 0, 'f', 6));
    mDepot->setCurrentIndex(mDepot->findData(DepotClicked));
    if (mPreviousTool)
        canvas->setMapTool(mPreviousTool);
    else
        canvas->unsetMapTool(mDepotTool.get());
}

void RoutePlannerDock::saveSettings() const {
    QgsSettings settings;
    settings.setValue(kSettings + QStringLiteral("archive"), currentArchive());
    QStringList codes;
    for (const QListWidgetItem* item : mDistricts->selectedItems())
        codes << item->data(Qt::UserRole).toString();
    settings.setValue(kSettings + QStringLiteral("districts"), codes.join(QLatin1Char(',')));
    settings.setValue(kSettings + QStringLiteral("depot"), mDepot->currentData().toInt());
    settings.setValue(kSettings + QStringLiteral("closed"), mShape->currentData().toBool());
    settings.setValue(kSettings + QStringLiteral("roads"), mDistances->currentData().toBool());
    settings.setValue(kSettings + QStringLiteral("inspectors"), mInspectors->value());
    settings.setValue(kSettings + QStringLiteral("timeLimit"), mTimeLimit->value());
}

void RoutePlannerDock::setBusy(bool busy) {
    mPlan->setEnabled(!busy);
    mCancel->setEnabled(busy);
}

void RoutePlannerDock::planRoutes() {
    const QString path = currentArchive();
    QStringList codes;
    for (const QListWidgetItem* item : mDistricts->selectedItems())
        codes << item->data(Qt::UserRole).toString();
    if (path.isEmpty() || codes.isEmpty()) {
        mIface->messageBar()->pushMessage(tr("Route planner"),
                                          path.isEmpty() ? tr("Open a Recheck archive first")
                                                         : tr("Select one or more districts"),
                                          Qgis::MessageLevel::Warning, 5);
        return;
    }
    recheck::routing::ArchiveRouteOptions options;
    options.plan.closed = mShape->currentData().toBool();
    options.useRoads = mDistances->currentData().toBool();
    options.plan.vehicles = mInspectors->value();
    options.plan.timeLimitSeconds = mTimeLimit->value();
    switch (mDepot->currentData().toInt()) {
    case DepotFirstCustomer:
        options.depot = recheck::routing::DepotChoice::FirstCustomer;
        break;
    case DepotClicked:
        if (!mHasClickedDepot) {
            mIface->messageBar()->pushMessage(tr("Route planner"),
                                              tr("Click the start point on the map first"),
                                              Qgis::MessageLevel::Warning, 5);
            return;
        }
        options.depot = recheck::routing::DepotChoice::Explicit;
        options.depotLon = mClickedDepot.x();
        options.depotLat = mClickedDepot.y();
        break;
    default:
        options.depot = recheck::routing::DepotChoice::AssigneeOffice;
    }
    saveSettings();
    auto* task = new RoutePlanTask(path, codes, options);
    connect(task, &RoutePlanTask::planned, this, &RoutePlannerDock::showPlans);
    mTask = task;
    setBusy(true);
    QgsApplication::taskManager()->addTask(task);
}

void RoutePlannerDock::cancelPlanning() {
    if (mTask)
        mTask->cancel();
}

void RoutePlannerDock::showPlans(const QString& archivePath,
                                 const std::vector<recheck::routing::ArchiveRouteResult>& results,
                                 const QStringList& errors, bool cancelled) {
    setBusy(false);
    const QString tag = recheck::plugins::logTag();
    for (const QString& error : errors)
        QgsMessageLog::logMessage(error, tag, Qgis::MessageLevel::Warning);
    if (cancelled) {
        mIface->messageBar()->pushMessage(tr("Route planner"),
                                          tr("Planning cancelled; the archive is unchanged"),
                                          Qgis::MessageLevel::Info, 5);
        return;
    }
    mSummary->setRowCount(0);
    if (results.empty()) {
        mIface->messageBar()->pushMessage(tr("Route planner"), errors.join(QLatin1Char('\n')),
                                          Qgis::MessageLevel::Critical);
        return;
    }
    for (const recheck::routing::ArchiveRouteResult& result : results) {
        for (const recheck::routing::ArchiveRoute& route : result.routes) {
            const int row = mSummary->rowCount();
            mSummary->insertRow(row);
            const QStringList cells = {result.districtCode, QString::number(route.number),
                                       QLocale().toString(route.stops),
                                       QLocale().toString(route.lengthMetres / 1000.0, 'f', 2),
                                       recheck::plugins::hoursMinutes(route.minutes())};
            for (int c = 0; c < cells.size(); ++c) {
                auto* item = new QTableWidgetItem(cells[c]);
                if (c > 0)
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                mSummary->setItem(row, c, item);
            }
        }
        QgsMessageLog::logMessage(tr("%1: %2 pending customers, %n route(s), EPSG:%3, start: %4, %5 order(s) "
                                     "written, %6 s",
                                     nullptr, static_cast<int>(result.routes.size()))
                                      .arg(result.districtCode)
                                      .arg(result.pendingCustomers)
                                      .arg(result.projectedEpsg)
                                      .arg(result.depotSource)
                                      .arg(result.ordersWritten)
                                      .arg(QLocale().toString(result.seconds, 'f', 2)),
                                  tag, Qgis::MessageLevel::Info);
        if (!result.unreachableAccounts.isEmpty())
            QgsMessageLog::logMessage(
                tr("%1: unreachable by road, left out: %2")
                    .arg(result.districtCode, result.unreachableAccounts.join(QStringLiteral(", "))),
                tag, Qgis::MessageLevel::Warning);
    }

    // One layer pair per run, in a group of its own on top.
    QStringList codes;
    for (const auto& result : results)
        codes << result.districtCode;
    const QString name =
        tr("Routes %1 (%2)")
            .arg(codes.join(QStringLiteral(", ")), QTime::currentTime().toString(QStringLiteral("HH:mm")));
    const auto layers = recheck::plugins::createRouteLayers(results, archiveCrs(archivePath), QString());
    layers.first->setName(tr("Route lines"));
    layers.second->setName(tr("Stops"));
    QgsProject* project = QgsProject::instance();
    project->addMapLayer(layers.first, false);
    project->addMapLayer(layers.second, false);
    QgsLayerTreeGroup* group = project->layerTreeRoot()->insertGroup(0, name);
    group->addLayer(layers.second);
    group->addLayer(layers.first);

    // The archive's layers show route_order: let them read it again.
    for (QgsMapLayer* layer : project->mapLayers())
        if (recheck::plugins::archivePathOfLayer(layer) == archivePath) {
            layer->reload();
            layer->triggerRepaint();
        }
    loadDistricts();

    const Qgis::MessageLevel level =
        errors.isEmpty() ? Qgis::MessageLevel::Success : Qgis::MessageLevel::Warning;
    QString message = tr("%n district(s) planned; visiting order written to the archive", nullptr,
                         static_cast<int>(results.size()));
    if (!errors.isEmpty())
        message += QLatin1Char('\n') + tr("Not planned: %1").arg(errors.join(QLatin1Char('\n')));
    mIface->messageBar()->pushMessage(tr("Route planner"), message, level, 8);
}
