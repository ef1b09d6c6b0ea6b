#include "GanttDock.h"

#include "MasterLocation.h"
#include "PlanGanttModel.h"
#include "PlanGanttView.h"
#include "RecheckPluginUi.h"
#include "common/Sqlite.h"
#include "master/MasterStore.h"
#include "master/PgConnection.h"

#include <KGanttDateTimeGrid>
#include <KGanttGraphicsView>

#include <qgis.h>
#include <qgisinterface.h>
#include <qgsapplication.h>
#include <qgsdatasourceuri.h>
#include <qgsexpression.h>
#include <qgsfeatureiterator.h>
#include <qgsfeaturerequest.h>
#include <qgsmapcanvas.h>
#include <qgsmaplayer.h>
#include <qgsmessagebar.h>
#include <qgsmessagelog.h>
#include <qgsproject.h>
#include <qgssettings.h>
#include <qgstaskmanager.h>
#include <qgsvectorlayer.h>

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPointer>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QSet>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <functional>

#include <algorithm>
#include <exception>

namespace recheck::gantt {

namespace {

const QString kSettings = QStringLiteral("recheck/gantt/");

enum class StatusFilter { All, Open, Overdue };

// The archive file behind a customerarchive layer (the source before '|').
// Plugins never include each other, so this is not routeplanner's helper.
QToolButton* toolButton(const QString& text, const QString& toolTip, QWidget* parent) {
    auto* button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setAutoRaise(true);
    return button;
}

} // namespace

GanttDock::GanttDock(QgisInterface* iface, QWidget* parent) : QgsDockWidget(parent), mIface(iface) {
    setObjectName(QStringLiteral("RecheckGanttDock"));
    setWindowTitle(tr("Re-check Plan (Gantt)"));

    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(2);

    // Two rows: what is shown (archive, grouping, zoom, actions), then which
    // tasks (period, status) — one row is too wide for a side dock.
    auto* top = new QHBoxLayout();
    mArchive = new QComboBox(content);
    mArchive->setObjectName(QStringLiteral("archiveCombo"));
    mArchive->setToolTip(tr("Archive of the project's customer-archive layers"));
    mArchive->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    top->addWidget(mArchive);
    mGroup = new QComboBox(content);
    mGroup->setObjectName(QStringLiteral("groupCombo"));
    mGroup->addItem(tr("By member"), static_cast<int>(PlanGanttModel::Grouping::Member));
    mGroup->addItem(tr("By district"), static_cast<int>(PlanGanttModel::Grouping::District));
    top->addWidget(mGroup);
    mZoom = new QComboBox(content);
    mZoom->setObjectName(QStringLiteral("zoomCombo"));
    mZoom->setToolTip(tr("Zoom (Ctrl+wheel on the chart)"));
    mZoom->addItem(tr("Day"), static_cast<int>(PlanGanttView::Zoom::Day));
    mZoom->addItem(tr("Week"), static_cast<int>(PlanGanttView::Zoom::Week));
    mZoom->addItem(tr("Month"), static_cast<int>(PlanGanttView::Zoom::Month));
    top->addWidget(mZoom);
    QToolButton* today = toolButton(tr("Today"), tr("Scroll the chart to today"), content);
    top->addWidget(today);
    QToolButton* exportButton = toolButton(tr("Export…"), tr("Export the chart as PNG or PDF"), content);
    top->addWidget(exportButton);
    top->addStretch(1);
    layout->addLayout(top);

    auto* filters = new QHBoxLayout();
    mPeriod = new QCheckBox(tr("Period"), content);
    mPeriod->setObjectName(QStringLiteral("periodCheck"));
    mPeriod->setToolTip(tr("Only tasks whose planned dates touch this period"));
    filters->addWidget(mPeriod);
    mFrom = new QDateEdit(mToday.addMonths(-1), content);
    mFrom->setCalendarPopup(true);
    mFrom->setObjectName(QStringLiteral("fromDate"));
    filters->addWidget(mFrom);
    filters->addWidget(new QLabel(tr("to"), content));
    mTo = new QDateEdit(mToday.addMonths(2), content);
    mTo->setCalendarPopup(true);
    mTo->setObjectName(QStringLiteral("toDate"));
    filters->addWidget(mTo);
    mStatus = new QComboBox(content);
    mStatus->setObjectName(QStringLiteral("statusCombo"));
    mStatus->addItem(tr("All tasks"), static_cast<int>(StatusFilter::All));
    mStatus->addItem(tr("Open"), static_cast<int>(StatusFilter::Open));
    mStatus->addItem(tr("Overdue"), static_cast<int>(StatusFilter::Overdue));
    filters->addWidget(mStatus);
    mMember = new QComboBox(content);
    mMember->setObjectName(QStringLiteral("memberCombo"));
    mMember->setToolTip(tr("Only the tasks of this member"));
    mMember->addItem(tr("All members"), QString());
    filters->addWidget(mMember);
    mCount = new QLabel(content);
    filters->addWidget(mCount);
    filters->addStretch(1);
    layout->addLayout(filters);

    mModel = new PlanGanttModel(this);
    mView = new PlanGanttView(content);
    mView->setToday(mToday);
    mView->setPlanModel(mModel);
    layout->addWidget(mView, 1);
    setWidget(content);

    const QgsSettings settings;
    mGroup->setCurrentIndex(
        std::max(0, mGroup->findData(settings.value(kSettings + QStringLiteral("group"), 0).toInt())));
    mZoom->setCurrentIndex(
        std::max(0, mZoom->findData(settings.value(kSettings + QStringLiteral("zoom"), 0).toInt())));
    mModel->setGrouping(static_cast<PlanGanttModel::Grouping>(mGroup->currentData().toInt()));
    mView->setZoom(static_cast<PlanGanttView::Zoom>(mZoom->currentData().toInt()));
    mFrom->setEnabled(false);
    mTo->setEnabled(false);

    // Typing a date fires a change per keystroke; reloading 10 000 tasks for
    // each would make the edit stutter.
    mReloadTimer = new QTimer(this);
    mReloadTimer->setSingleShot(true);
    mReloadTimer->setInterval(300);
    connect(mReloadTimer, &QTimer::timeout, this, &GanttDock::reload);
    auto reloadSoon = [this] { mReloadTimer->start(); };
    connect(mPeriod, &QCheckBox::toggled, this, [this, reloadSoon](bool on) {
        mFrom->setEnabled(on);
        mTo->setEnabled(on);
        reloadSoon();
    });
    connect(mFrom, &QDateEdit::dateChanged, this, reloadSoon);
    connect(mTo, &QDateEdit::dateChanged, this, reloadSoon);
    connect(mStatus, qOverload<int>(&QComboBox::currentIndexChanged), this, &GanttDock::reload);
    connect(mMember, qOverload<int>(&QComboBox::currentIndexChanged), this, &GanttDock::reload);
    connect(mArchive, qOverload<int>(&QComboBox::currentIndexChanged), this, &GanttDock::reload);
    connect(mGroup, qOverload<int>(&QComboBox::currentIndexChanged), this, &GanttDock::groupingChanged);
    connect(mZoom, qOverload<int>(&QComboBox::currentIndexChanged), this, &GanttDock::zoomChanged);
    connect(today, &QToolButton::clicked, this, &GanttDock::scrollToToday);
    connect(exportButton, &QToolButton::clicked, this, &GanttDock::chooseExport);
    connect(mView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &GanttDock::selectDistrictOfTask);
    connect(mModel, &PlanGanttModel::rescheduleRefused, this, [this](const QString& why) {
        message(tr("The task was not rescheduled"), why, true);
        // On a shared master the refusal may come from another user's edit
        // (the task finished meanwhile): show the plan as it now is. Not
        // from inside the drag that KGantt is still handling.
        if (recheck::plugins::isPostgresLocation(archivePath()))
            mReloadTimer->start();
    });
    mView->graphicsView()->viewport()->installEventFilter(this);

    connect(QgsProject::instance(), &QgsProject::layersAdded, this, &GanttDock::refreshArchives);
    connect(QgsProject::instance(), &QgsProject::layersRemoved, this, &GanttDock::refreshArchives);
    refreshArchives();
}

GanttDock::~GanttDock() = default;

QString GanttDock::archivePath() const {
    return mArchive->currentData().toString();
}

void GanttDock::setToday(const QDate& today) {
    mToday = today;
    mView->setToday(today);
    reload();
}

void GanttDock::refreshArchives() {
    const QString current = archivePath();
    // Archive files, then PostgreSQL masters (their postgres layers).
    const QStringList paths = recheck::plugins::projectArchivePaths(QgsProject::instance()) +
                              recheck::plugins::projectPostgresMasters(QgsProject::instance());
    QStringList shown;
    for (int i = 0; i < mArchive->count(); ++i)
        shown << mArchive->itemData(i).toString();
    if (shown == paths)
        return;
    {
        const QSignalBlocker blocker(mArchive);
        mArchive->clear();
        for (const QString& path : paths)
            mArchive->addItem(recheck::plugins::masterDisplayName(path), path);
        mArchive->setCurrentIndex(std::max(0, mArchive->findData(current)));
    }
    // The combo is only worth its space when there is a choice.
    mArchive->setVisible(paths.size() > 1);
    watchDistrictLayers();
    reload();
}

namespace {

// The districts layers of `archive` in the project.
QList<QgsVectorLayer*> districtLayers(const QString& archive) {
    QList<QgsVectorLayer*> layers;
    for (QgsMapLayer* layer : QgsProject::instance()->mapLayers()) {
        auto* vector = qobject_cast<QgsVectorLayer*>(layer);
        // Our layer of the file, or QGIS's postgres layer of the database.
        if (vector && !archive.isEmpty() &&
            recheck::plugins::masterTableOfLayer(layer, archive) == QLatin1String("districts"))
            layers << vector;
    }
    return layers;
}

// Every task row of a (KGantt proxy) model whose district is in `districts`.
void collectTaskRows(const QAbstractItemModel* model, const QModelIndex& parent,
                     const QSet<QString>& districts, QItemSelection& selection) {
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex index = model->index(r, 0, parent);
        if (!index.data(PlanGanttModel::TaskUuidRole).toString().isEmpty() &&
            districts.contains(index.data(PlanGanttModel::DistrictUuidRole).toString()))
            selection.select(index, index.sibling(r, model->columnCount(parent) - 1));
        collectTaskRows(model, index, districts, selection);
    }
}

} // namespace

void GanttDock::watchDistrictLayers() {
    for (QgsMapLayer* layer : QgsProject::instance()->mapLayers()) {
        auto* vector = qobject_cast<QgsVectorLayer*>(layer);
        if (vector && ((layer->source().contains(QLatin1String("layername=districts")) &&
                        !recheck::plugins::archivePathOfLayer(layer).isEmpty()) ||
                       (layer->providerType() == QLatin1String("postgres") &&
                        QgsDataSourceUri(layer->source()).table() == QLatin1String("districts"))))
            connect(vector, &QgsVectorLayer::selectionChanged, this, &GanttDock::selectTasksOfMapDistricts,
                    Qt::UniqueConnection);
    }
}

int GanttDock::selectTasksOfMapDistricts() {
    if (mSelectingOnMap)
        return 0;
    QSet<QString> districts;
    for (QgsVectorLayer* layer : districtLayers(archivePath())) {
        const int uuidField = layer->fields().lookupField(QStringLiteral("uuid"));
        if (uuidField < 0)
            continue;
        QgsFeatureRequest request;
        request.setFlags(QgsFeatureRequest::NoGeometry).setSubsetOfAttributes(QgsAttributeList{uuidField});
        QgsFeatureIterator features = layer->getSelectedFeatures(request);
        QgsFeature feature;
        while (features.nextFeature(feature))
            districts.insert(feature.attribute(uuidField).toString());
    }
    QItemSelectionModel* selectionModel = mView->selectionModel();
    QItemSelection selection;
    if (!districts.isEmpty())
        collectTaskRows(selectionModel->model(), QModelIndex(), districts, selection);
    selectionModel->select(selection, QItemSelectionModel::ClearAndSelect);
    if (!selection.isEmpty())
        mView->leftView()->scrollTo(selection.first().topLeft());
    return static_cast<int>(selection.size()); // one range per task row
}

void GanttDock::reload() {
    mReloadTimer->stop();
    const QString path = archivePath();
    planning::TaskFilter filter;
    if (mPeriod->isChecked()) {
        filter.from = mFrom->date();
        filter.to = mTo->date();
    }
    const auto status = static_cast<StatusFilter>(mStatus->currentData().toInt());
    if (status != StatusFilter::All)
        filter.statuses = {planning::TaskStatus::Draft, planning::TaskStatus::Issued,
                           planning::TaskStatus::InProgress};
    mModel->setOverdueOnly(status == StatusFilter::Overdue);
    try {
        refreshMembers(path);
        filter.assigneeUuid = mMember->currentData().toString();
        if (path.isEmpty()) {
            // The model cannot be emptied without an archive; the last chart
            // stays, labelled as stale, until an archive is added again.
            mCount->setText(tr("No customer archive in the project"));
            return;
        }
        // The view re-expands the rows itself on the model's reset.
        ++mLoadGeneration;
        if (recheck::plugins::isPostgresLocation(path)) {
            loadFromMaster(path, filter);
            return;
        }
        mModel->load(path, filter, mToday);
        mCount->setText(tr("%n task(s)", nullptr, mModel->taskCount()));
    } catch (const std::exception& e) {
        mCount->clear();
        message(tr("Cannot read the plan"), QString::fromUtf8(e.what()), true);
    }
}

namespace {

// MasterStore::progress of a PostgreSQL master on a task-manager thread: it
// reads the plan's rows from the server (a staged copy), seconds on a large
// master, which the map must not wait for.
class MasterProgressTask : public QgsTask {
public:
    using Done = std::function<void(std::vector<planning::TaskProgress>, const QString& error)>;
    MasterProgressTask(const QString& resolvedLocation, const QDate& today, Done done)
        : QgsTask(GanttDock::tr("Reading the re-check plan"), QgsTask::Flags()), mLocation(resolvedLocation),
          mToday(today), mDone(std::move(done)) {}

protected:
    bool run() override {
        try {
            planning::ProgressOptions options;
            options.today = mToday;
            mTasks = openMasterStore(mLocation)->progress(options);
        } catch (const std::exception& e) {
            mError = QString::fromUtf8(e.what());
        }
        return true;
    }
    void finished(bool) override { mDone(std::move(mTasks), mError); }

private:
    QString mLocation;
    QDate mToday;
    Done mDone;
    std::vector<planning::TaskProgress> mTasks;
    QString mError;
};

} // namespace

void GanttDock::loadFromMaster(const QString& location, const planning::TaskFilter& filter) {
    // Resolved here: QgsAuthManager may have to ask for its master password.
    const QString resolved = recheck::plugins::resolveMasterLocation(location);
    const int generation = mLoadGeneration;
    ++mLoading;
    mCount->setText(tr("Reading the plan…"));
    QPointer<GanttDock> self(this);
    const QDate today = mToday;
    auto* task = new MasterProgressTask(
        resolved, today,
        [self, generation, filter, today, resolved](std::vector<planning::TaskProgress> tasks,
                                                    const QString& error) {
            if (!self)
                return;
            --self->mLoading;
            // A later reload() supersedes this one.
            if (generation != self->mLoadGeneration)
                return;
            if (!error.isEmpty()) {
                self->mCount->clear();
                self->message(tr("Cannot read the plan"), error, true);
                return;
            }
            // The figures come counted from the master; drags are written
            // back to it (MasterStore::reschedule).
            self->mModel->loadCounted(std::move(tasks), filter, today, resolved);
            self->mCount->setText(tr("%n task(s)", nullptr, self->mModel->taskCount()));
        });
    QgsApplication::taskManager()->addTask(task);
}

void GanttDock::refreshMembers(const QString& path) {
    if (path == mMembersOf)
        return;
    mMembersOf = path;
    const QString current = mMember->currentData().toString();
    const QSignalBlocker blocker(mMember);
    while (mMember->count() > 1)
        mMember->removeItem(1);
    if (recheck::plugins::isPostgresLocation(path)) {
        PgConnection pg(recheck::plugins::resolveMasterLocation(path));
        const PgResult staff = pg.query(QStringLiteral("SELECT uuid, code, name FROM staff ORDER BY code"));
        for (int row = 0; row < staff.rows(); ++row)
            mMember->addItem(tr("%1 %2").arg(staff.text(row, 1), staff.text(row, 2)), staff.text(row, 0));
    } else if (!path.isEmpty()) {
        SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
        SqliteStatement staff(db, QStringLiteral("SELECT uuid, code, name FROM staff ORDER BY code"));
        while (staff.step())
            mMember->addItem(tr("%1 %2").arg(staff.text(1), staff.text(2)), staff.text(0));
    }
    mMember->setCurrentIndex(std::max(0, mMember->findData(current)));
}

void GanttDock::groupingChanged() {
    const int grouping = mGroup->currentData().toInt();
    QgsSettings().setValue(kSettings + QStringLiteral("group"), grouping);
    mModel->setGrouping(static_cast<PlanGanttModel::Grouping>(grouping));
}

void GanttDock::zoomChanged() {
    const int zoom = mZoom->currentData().toInt();
    QgsSettings().setValue(kSettings + QStringLiteral("zoom"), zoom);
    mView->setZoom(static_cast<PlanGanttView::Zoom>(zoom));
}

bool GanttDock::eventFilter(QObject* watched, QEvent* event) {
    // Ctrl+wheel steps through day/week/month; a plain wheel still scrolls.
    if (event->type() == QEvent::Wheel) {
        auto* wheel = static_cast<QWheelEvent*>(event);
        if (wheel->modifiers().testFlag(Qt::ControlModifier)) {
            const int step = wheel->angleDelta().y() > 0 ? -1 : 1; // forward = closer
            mZoom->setCurrentIndex(std::clamp(mZoom->currentIndex() + step, 0, mZoom->count() - 1));
            return true;
        }
    }
    return QgsDockWidget::eventFilter(watched, event);
}

void GanttDock::chooseExport() {
    QgsSettings settings;
    const QString folder =
        settings.value(kSettings + QStringLiteral("exportFolder"), QDir::homePath()).toString();
    QString selected;
    QString path = QFileDialog::getSaveFileName(this, tr("Export Gantt Chart"), folder,
                                                tr("PNG image (*.png);;PDF document (*.pdf)"), &selected);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += selected.contains(QLatin1String("pdf")) ? QStringLiteral(".pdf") : QStringLiteral(".png");
    settings.setValue(kSettings + QStringLiteral("exportFolder"), QFileInfo(path).absolutePath());
    if (exportChart(path))
        message(tr("Gantt chart exported"), QDir::toNativeSeparators(path), false);
    else
        message(tr("Cannot export the Gantt chart"), QDir::toNativeSeparators(path), true);
}

bool GanttDock::exportChart(const QString& path) {
    if (QFileInfo(path).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0)
        return mView->exportPdf(path, ChartHeader::forPlan(archivePath(),
                                                           mPeriod->isChecked() ? mFrom->date() : QDate(),
                                                           mPeriod->isChecked() ? mTo->date() : QDate()));
    return mView->exportPng(path);
}

void GanttDock::scrollToToday() {
    const qreal x = mView->dateTimeGrid()->mapFromDateTime(QDateTime(mToday, QTime(0, 0)));
    QScrollBar* bar = mView->graphicsView()->horizontalScrollBar();
    bar->setValue(static_cast<int>(x) - mView->graphicsView()->viewport()->width() / 3);
}

void GanttDock::selectDistrictOfTask(const QModelIndex& index) {
    if (!mIface || !index.isValid())
        return;
    const QString district = index.sibling(index.row(), 0).data(PlanGanttModel::DistrictUuidRole).toString();
    if (district.isEmpty())
        return;
    for (QgsVectorLayer* vector : districtLayers(archivePath())) {
        const QScopedValueRollback<bool> selecting(mSelectingOnMap, true);
        vector->selectByExpression(QStringLiteral("\"uuid\" = %1").arg(QgsExpression::quotedValue(district)));
        if (vector->selectedFeatureCount() > 0)
            mIface->mapCanvas()->zoomToSelected(vector);
        return;
    }
}

void GanttDock::message(const QString& title, const QString& text, bool error) {
    const Qgis::MessageLevel level = error ? Qgis::MessageLevel::Critical : Qgis::MessageLevel::Success;
    if (mIface)
        mIface->messageBar()->pushMessage(title, text, level, error ? 0 : 5);
    QgsMessageLog::logMessage(title + QStringLiteral(": ") + text, recheck::plugins::logTag(), level);
}

} // namespace recheck::gantt
