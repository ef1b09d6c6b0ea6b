#include "BasemapSettingsPage.h"

#include "archive/Archive.h"

#include <qgsapplication.h>
#include <qgsmessagelog.h>
#include <qgssettings.h>

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace recheck::archiveui {

namespace {

enum Column { NameColumn, KindColumn, SourceColumn, LayerColumn, MinZoomColumn, MaxZoomColumn, ColumnCount };

// The archive plugin's "last master" (RecheckArchivePlugin, ImportWizard).
const QString kLastMasterKey = QStringLiteral("recheck/archive/lastMaster");

QSpinBox* zoomBox(int value) {
    auto* box = new QSpinBox;
    box->setRange(0, 22);
    box->setValue(value);
    return box;
}

} // namespace

QString BasemapSettingsPage::masterKey() {
    return QStringLiteral("recheck/basemap/master");
}

BasemapSettingsPage::BasemapSettingsPage(QWidget* parent) : QgsOptionsPageWidget(parent) {
    setObjectName(QStringLiteral("recheckBasemapSettings"));
    auto* column = new QVBoxLayout(this);

    auto* masterRow = new QHBoxLayout;
    masterRow->addWidget(new QLabel(tr("Master archive"), this));
    mMaster = new QLineEdit(this);
    mMaster->setObjectName(QStringLiteral("masterPath"));
    mMaster->setToolTip(tr("Check-outs of this archive clip the basemap configured here"));
    masterRow->addWidget(mMaster, 1);
    auto* browse = new QPushButton(tr("Browse…"), this);
    masterRow->addWidget(browse);
    column->addLayout(masterRow);

    auto* sourcesBox = new QGroupBox(tr("Basemap sources (clipped into every package)"), this);
    auto* sourcesColumn = new QVBoxLayout(sourcesBox);
    mSources = new QTableWidget(0, ColumnCount, sourcesBox);
    mSources->setObjectName(QStringLiteral("basemapSources"));
    mSources->setHorizontalHeaderLabels(
        {tr("Name"), tr("Kind"), tr("Dataset"), tr("Layer"), tr("Min zoom"), tr("Max zoom")});
    mSources->horizontalHeader()->setSectionResizeMode(SourceColumn, QHeaderView::Stretch);
    mSources->setSelectionBehavior(QAbstractItemView::SelectRows);
    sourcesColumn->addWidget(mSources);
    auto* buttons = new QHBoxLayout;
    auto* addRaster = new QPushButton(tr("Add Raster…"), sourcesBox);
    addRaster->setToolTip(tr("GeoTIFF, MBTiles, GeoPackage tiles or any raster GDAL reads"));
    auto* addVector = new QPushButton(tr("Add Vector…"), sourcesBox);
    addVector->setToolTip(
        tr("Roads, buildings…: Shapefile, GeoPackage, GeoJSON or any vector data OGR reads"));
    auto* remove = new QPushButton(tr("Remove"), sourcesBox);
    buttons->addWidget(addRaster);
    buttons->addWidget(addVector);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    sourcesColumn->addLayout(buttons);
    column->addWidget(sourcesBox, 1);

    auto* limits = new QGroupBox(tr("Every package"), this);
    auto* form = new QFormLayout(limits);
    mMargin = new QDoubleSpinBox(limits);
    mMargin->setObjectName(QStringLiteral("marginMeters"));
    mMargin->setRange(0, 100000);
    mMargin->setDecimals(0);
    mMargin->setSuffix(tr(" m"));
    mMargin->setToolTip(tr("Rasters cover the districts' rectangle plus this margin; vector layers are cut "
                           "at the districts' outline plus this margin"));
    form->addRow(tr("Margin around the districts"), mMargin);
    mLimitMb = new QSpinBox(limits);
    mLimitMb->setObjectName(QStringLiteral("limitMb"));
    mLimitMb->setRange(0, 1000000);
    mLimitMb->setSuffix(tr(" MB"));
    mLimitMb->setSpecialValueText(tr("No limit"));
    mLimitMb->setToolTip(tr("A check-out whose package and basemap together exceed this is refused"));
    form->addRow(tr("Largest package with its basemap"), mLimitMb);
    column->addWidget(limits);

    mStatus = new QLabel(this);
    mStatus->setWordWrap(true);
    column->addWidget(mStatus);

    connect(browse, &QPushButton::clicked, this, &BasemapSettingsPage::browseMaster);
    connect(mMaster, &QLineEdit::editingFinished, this, [this] {
        if (mMaster->text() != mLoadedMaster)
            setMasterPath(mMaster->text());
    });
    connect(addRaster, &QPushButton::clicked, this, [this] { browseSource(BasemapSource::Kind::Raster); });
    connect(addVector, &QPushButton::clicked, this, [this] { browseSource(BasemapSource::Kind::Vector); });
    connect(remove, &QPushButton::clicked, this, &BasemapSettingsPage::removeSelectedSources);

    QgsSettings qgsSettings;
    setMasterPath(qgsSettings.value(masterKey(), qgsSettings.value(kLastMasterKey)).toString());
}

QString BasemapSettingsPage::masterPath() const {
    return mMaster->text().trimmed();
}

bool BasemapSettingsPage::setMasterPath(const QString& path) {
    mMaster->setText(path);
    mLoadedMaster = path;
    mError.clear();
    mStatus->clear();
    setSettings(BasemapSettings());
    if (path.trimmed().isEmpty() || !QFileInfo::exists(path)) {
        if (!path.trimmed().isEmpty())
            showError(tr("%1 does not exist").arg(path));
        return path.trimmed().isEmpty();
    }
    try {
        Archive archive = Archive::open(path);
        setSettings(BasemapClipper::readSettings(archive.db()));
        mStatus->setText(tr("Settings of %1").arg(QDir::toNativeSeparators(path)));
        return true;
    } catch (const RecheckError& error) {
        showError(QString::fromUtf8(error.what()));
        return false;
    }
}

BasemapSettings BasemapSettingsPage::settings() const {
    BasemapSettings settings;
    for (int row = 0; row < mSources->rowCount(); ++row) {
        BasemapSource source;
        source.name = mSources->item(row, NameColumn)->text().trimmed();
        source.kind = static_cast<BasemapSource::Kind>(
            qobject_cast<QComboBox*>(mSources->cellWidget(row, KindColumn))->currentData().toInt());
        source.source = mSources->item(row, SourceColumn)->text().trimmed();
        source.layer = mSources->item(row, LayerColumn)->text().trimmed();
        source.minZoom = qobject_cast<QSpinBox*>(mSources->cellWidget(row, MinZoomColumn))->value();
        source.maxZoom = qobject_cast<QSpinBox*>(mSources->cellWidget(row, MaxZoomColumn))->value();
        settings.sources << source;
    }
    settings.marginMeters = mMargin->value();
    settings.maxPackageBytes = static_cast<qint64>(mLimitMb->value()) << 20;
    return settings;
}

void BasemapSettingsPage::setSettings(const BasemapSettings& settings) {
    mSources->setRowCount(0);
    for (const BasemapSource& source : settings.sources) {
        const int row = mSources->rowCount();
        mSources->insertRow(row);
        mSources->setItem(row, NameColumn, new QTableWidgetItem(source.name));
        auto* kind = new QComboBox;
        kind->addItem(tr("Raster"), static_cast<int>(BasemapSource::Kind::Raster));
        kind->addItem(tr("Vector"), static_cast<int>(BasemapSource::Kind::Vector));
        kind->setCurrentIndex(source.kind == BasemapSource::Kind::Raster ? 0 : 1);
        mSources->setCellWidget(row, KindColumn, kind);
        mSources->setItem(row, SourceColumn, new QTableWidgetItem(source.source));
        mSources->setItem(row, LayerColumn, new QTableWidgetItem(source.layer));
        mSources->setCellWidget(row, MinZoomColumn, zoomBox(source.minZoom));
        mSources->setCellWidget(row, MaxZoomColumn, zoomBox(source.maxZoom));
    }
    mMargin->setValue(settings.marginMeters);
    mLimitMb->setValue(
        static_cast<int>(std::llround(static_cast<double>(settings.maxPackageBytes) / 1048576.0)));
}

QString BasemapSettingsPage::uniqueName(const QString& wanted) const {
    // What BasemapClipper accepts: a letter, then letters, digits or _.
    QString name = wanted;
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_]")), QStringLiteral("_"));
    if (name.isEmpty() || !name.at(0).isLetter() || name.at(0).unicode() > 127)
        name.prepend(QStringLiteral("basemap_"));
    name = name.left(56);
    QStringList taken;
    for (int row = 0; row < mSources->rowCount(); ++row)
        taken << mSources->item(row, NameColumn)->text().toLower();
    QString candidate = name;
    for (int n = 2; taken.contains(candidate.toLower()); ++n)
        candidate = QStringLiteral("%1_%2").arg(name).arg(n);
    return candidate;
}

void BasemapSettingsPage::addSource(BasemapSource::Kind kind, const QString& dataset) {
    BasemapSettings current = settings();
    BasemapSource source;
    source.kind = kind;
    source.name = uniqueName(QFileInfo(dataset).completeBaseName());
    source.source = dataset;
    current.sources << source;
    setSettings(current);
}

void BasemapSettingsPage::removeSelectedSources() {
    QList<int> rows;
    for (const QModelIndex& index : mSources->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    for (int row : rows)
        mSources->removeRow(row);
}

void BasemapSettingsPage::browseMaster() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Master Archive"), masterPath(), tr("Recheck archives (*.sqlite *.rchk);;All files (*)"));
    if (!path.isEmpty())
        setMasterPath(path);
}

void BasemapSettingsPage::browseSource(BasemapSource::Kind kind) {
    const QString filter =
        kind == BasemapSource::Kind::Raster
            ? tr("Rasters (*.tif *.tiff *.mbtiles *.gpkg *.vrt *.jp2 *.png *.jpg);;All files (*)")
            : tr("Vector data (*.shp *.gpkg *.geojson *.json *.sqlite *.gml *.kml);;All files (*)");
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Basemap Source"), QFileInfo(masterPath()).path(), filter);
    if (!path.isEmpty())
        addSource(kind, path);
}

void BasemapSettingsPage::showError(const QString& error) {
    mError = error;
    mStatus->setText(QStringLiteral("<span style=\"color:#c00\">%1</span>").arg(error.toHtmlEscaped()));
}

void BasemapSettingsPage::apply() {
    mError.clear();
    const QString path = masterPath();
    if (path.isEmpty())
        return; // nothing chosen, nothing to store
    if (path != mLoadedMaster) {
        // A path typed but not loaded: its own settings would be overwritten
        // unseen. Load them instead.
        showError(tr("%1 was not loaded; its basemap settings are shown now, nothing was stored").arg(path));
        const QString error = mError;
        setMasterPath(path);
        mError = error;
        return;
    }
    try {
        Archive archive = Archive::open(path);
        BasemapClipper::writeSettings(archive.db(), settings());
        QgsSettings().setValue(masterKey(), path);
        mStatus->setText(tr("Stored in %1").arg(QDir::toNativeSeparators(path)));
    } catch (const RecheckError& error) {
        showError(tr("Basemap settings not stored: %1").arg(QString::fromUtf8(error.what())));
        QgsMessageLog::logMessage(mError, QStringLiteral("Recheck"), Qgis::MessageLevel::Warning);
    }
}

BasemapSettingsPageFactory::BasemapSettingsPageFactory()
    : QgsOptionsWidgetFactory(tr("Recheck Basemap"),
                              QgsApplication::getThemeIcon(QStringLiteral("/mIconRasterLayer.svg"))) {}

QgsOptionsPageWidget* BasemapSettingsPageFactory::createWidget(QWidget* parent) const {
    return new BasemapSettingsPage(parent);
}

} // namespace recheck::archiveui
