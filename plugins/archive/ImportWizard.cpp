#include "ImportWizard.h"

#include "archive/Archive.h"
#include "common/RecheckError.h"
#include "io/ImportReport.h"

#include <qgscoordinatereferencesystem.h>
#include <qgssettings.h>

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace recheck::archiveui {

namespace {

using io::ImportKind;
using io::SourceEncoding;
using io::TargetField;

constexpr int kPreviewRows = 20;
// Rows read for the distinct values offered for translation: enough for
// every category a MIS uses, quick on a million-row export.
constexpr qint64 kSampleRows = 5000;

enum MappingColumn { MapSourceColumn, MapSampleColumn, MapFieldColumn };
enum ValueColumn { ValFieldColumn, ValSourceColumn, ValCodeColumn };
enum IssueColumn {
    IssRowColumn,
    IssColumnColumn,
    IssFieldColumn,
    IssValueColumn,
    IssReasonColumn,
    IssSeverityColumn,
    IssColumnCount
};

QTableWidgetItem* readOnlyItem(const QString& text) {
    auto* item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

// What a rule of MappingProfile::defaultSeverities() checks, for its label.
QString ruleLabel(const QString& rule) {
    if (rule == QLatin1String("phone"))
        return ImportWizard::tr("Phone number not valid");
    if (rule == QLatin1String("missing_coordinates"))
        return ImportWizard::tr("No coordinates");
    if (rule == QLatin1String("outside_districts"))
        return ImportWizard::tr("Point outside every district");
    if (rule == QLatin1String("outside_own_district"))
        return ImportWizard::tr("Point outside the district given for it");
    return rule;
}

// Whether `text` is a coordinate system the import can use (EPSG:4326, a
// WKT, a PROJ string …): createFromUserInput() reads it with GDAL, as the
// import does.
bool knownCrs(const QString& text) {
    QgsCoordinateReferenceSystem crs;
    return crs.createFromUserInput(text) && crs.isValid();
}

QString fieldLabel(const TargetField& f) {
    QString label = f.labelZh.isEmpty() ? f.name : QStringLiteral("%1 — %2").arg(f.name, f.labelZh);
    if (f.required)
        label += QStringLiteral(" *");
    return label;
}

} // namespace

ImportWizard::ImportWizard(const QString& archivePath, QWidget* parent) : QWizard(parent) {
    setWindowTitle(tr("Import into the Archive"));
    setOption(QWizard::NoBackButtonOnStartPage, true);
    buildSourcePage();
    buildMappingPage();
    buildPreviewPage();
    setPage(SourcePageId, mSourcePage);
    setPage(MappingPageId, mMappingPage);
    setPage(PreviewPageId, mPreviewPage);
    setButtonText(QWizard::FinishButton, tr("Import"));
    const QgsSettings settings;
    const auto encoding = io::sourceEncodingFromName(
        settings.value(iosettings::lastEncodingKey(), QStringLiteral("AUTO")).toString());
    mEncoding->setCurrentIndex(
        mEncoding->findData(io::sourceEncodingName(encoding.value_or(SourceEncoding::Auto))));
    setArchivePath(archivePath);
}

ImportWizard::~ImportWizard() {
    stopDryRun();
    stopValueScan();
}

// ---------------------------------------------------------------------------
// Source page

void ImportWizard::buildSourcePage() {
    mSourcePage = new WizardStepPage(this);
    mSourcePage->setTitle(tr("Source"));
    mSourcePage->setSubTitle(
        tr("The MIS export (customers) or GIS layer (districts, feeders, roads) to bring "
           "into the archive, and how its text is encoded."));
    auto* form = new QFormLayout;
    mArchive = new QLineEdit(mSourcePage);
    auto* browseArchive = new QToolButton(mSourcePage);
    browseArchive->setText(tr("…"));
    auto* archiveRow = new QHBoxLayout;
    archiveRow->addWidget(mArchive);
    archiveRow->addWidget(browseArchive);
    form->addRow(tr("Archive (master)"), archiveRow);

    mSource = new QLineEdit(mSourcePage);
    auto* browseSource = new QToolButton(mSourcePage);
    browseSource->setText(tr("…"));
    auto* sourceRow = new QHBoxLayout;
    sourceRow->addWidget(mSource);
    sourceRow->addWidget(browseSource);
    form->addRow(tr("File"), sourceRow);

    mKind = new QComboBox(mSourcePage);
    mKind->addItem(tr("Customers (MIS export)"), io::importKindName(ImportKind::Customers));
    mKind->addItem(tr("Transformer districts (GIS)"), io::importKindName(ImportKind::Districts));
    mKind->addItem(tr("Feeders (GIS)"), io::importKindName(ImportKind::Feeders));
    mKind->addItem(tr("Roads (GIS)"), io::importKindName(ImportKind::Roads));
    form->addRow(tr("What"), mKind);

    mEncoding = new QComboBox(mSourcePage);
    mEncoding->addItem(tr("Detect (UTF-8 or GBK)"), io::sourceEncodingName(SourceEncoding::Auto));
    mEncoding->addItem(tr("UTF-8"), io::sourceEncodingName(SourceEncoding::Utf8));
    mEncoding->addItem(tr("GBK / GB18030"), io::sourceEncodingName(SourceEncoding::Gb18030));
    mEncoding->setToolTip(
        tr("Text encoding of CSV and DBF files; XLSX, GeoPackage and GeoJSON say their own"));
    form->addRow(tr("Encoding"), mEncoding);

    mLayer = new QComboBox(mSourcePage);
    mLayer->setToolTip(tr("Layer or sheet of a file that holds several"));
    form->addRow(tr("Layer / sheet"), mLayer);

    mSourceInfo = new QLabel(mSourcePage);
    mSourceInfo->setWordWrap(true);
    mPreviewTable = new QTableWidget(mSourcePage);
    mPreviewTable->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto* layout = new QVBoxLayout(mSourcePage);
    layout->addLayout(form);
    layout->addWidget(mSourceInfo);
    layout->addWidget(mPreviewTable, 1);

    connect(browseArchive, &QToolButton::clicked, this, &ImportWizard::browseArchive);
    connect(browseSource, &QToolButton::clicked, this, &ImportWizard::browseSource);
    connect(mArchive, &QLineEdit::textChanged, mSourcePage, &WizardStepPage::refresh);
    connect(mSource, &QLineEdit::editingFinished, this, &ImportWizard::refreshPreview);
    connect(mEncoding, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { refreshPreview(); });
    connect(mLayer, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        if (!mFillingLayers)
            refreshPreview();
    });
    connect(mKind, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        // Another kind means other fields: a loaded profile no longer fits.
        if (mBaseProfile.kind != kind()) {
            mBaseProfile = io::MappingProfile();
            fillRules();
        }
    });

    mSourcePage->complete = [this] {
        return QFileInfo(archivePath()).isFile() && mPreview && !mPreview->columns.isEmpty();
    };
    mSourcePage->validate = [this] {
        // The code lists translate MIS values on the next page; reading them
        // also shows at once that the archive can be opened.
        try {
            Archive archive = Archive::open(archivePath(), Archive::Access::ReadOnly);
            if (archive.info().role != ArchiveInfo::Role::Master) {
                mSourceInfo->setText(
                    tr("<b>%1 is a field package.</b> Import into the office master instead.")
                        .arg(QFileInfo(archivePath()).fileName()));
                return false;
            }
            mCodeLists = io::readCodeLists(archive.db());
        } catch (const std::exception& e) {
            mSourceInfo->setText(
                tr("<b>Cannot open the archive:</b> %1").arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
            return false;
        }
        rememberSettings();
        return true;
    };
}

void ImportWizard::setArchivePath(const QString& path) {
    mArchive->setText(path);
}

QString ImportWizard::archivePath() const {
    return mArchive->text().trimmed();
}

void ImportWizard::setSourcePath(const QString& path) {
    mSource->setText(path);
    refreshPreview();
}

QString ImportWizard::sourcePath() const {
    return mSource->text().trimmed();
}

void ImportWizard::setKind(ImportKind kind) {
    mKind->setCurrentIndex(mKind->findData(io::importKindName(kind)));
}

ImportKind ImportWizard::kind() const {
    return io::importKindFromName(mKind->currentData().toString()).value_or(ImportKind::Customers);
}

void ImportWizard::setEncoding(SourceEncoding encoding) {
    mEncoding->setCurrentIndex(mEncoding->findData(io::sourceEncodingName(encoding)));
}

SourceEncoding ImportWizard::encoding() const {
    return io::sourceEncodingFromName(mEncoding->currentData().toString()).value_or(SourceEncoding::Auto);
}

QString ImportWizard::previewError() const {
    return mPreviewError;
}

QString ImportWizard::encodingText() const {
    if (!mPreview)
        return {};
    return mPreview->encodingDetected ? tr("%1 (detected)").arg(mPreview->encoding) : mPreview->encoding;
}

void ImportWizard::refreshPreview() {
    stopValueScan();
    mScannedPath.clear();
    mPreview.reset();
    mPreviewError.clear();
    mPreviewTable->clear();
    mPreviewTable->setRowCount(0);
    mPreviewTable->setColumnCount(0);
    const QString path = sourcePath();
    if (path != mPreviewPath) {
        // Another file: its own first layer, not the old file's.
        mPreviewPath = path;
        mFillingLayers = true;
        mLayer->clear();
        mFillingLayers = false;
    }
    if (path.isEmpty()) {
        mSourceInfo->clear();
        mSourcePage->refresh();
        return;
    }
    try {
        mPreview = io::SourcePreview::read(path, encoding(), mLayer->currentData().toString(), kPreviewRows,
                                           kSampleRows);
    } catch (const std::exception& e) {
        mPreviewError = QString::fromUtf8(e.what());
        mSourceInfo->setText(tr("<b>Cannot read the file:</b> %1").arg(mPreviewError.toHtmlEscaped()));
        mSourcePage->refresh();
        return;
    }
    {
        // Layers of this file; the current one stays selected.
        mFillingLayers = true;
        const QString current = mPreview->layer;
        mLayer->clear();
        for (const QString& layer : qAsConst(mPreview->layers))
            mLayer->addItem(layer, layer);
        mLayer->setCurrentIndex(mLayer->findData(current));
        mLayer->setEnabled(mPreview->layers.size() > 1);
        mFillingLayers = false;
    }
    mPreviewTable->setColumnCount(mPreview->columns.size());
    mPreviewTable->setHorizontalHeaderLabels(mPreview->columns);
    mPreviewTable->setRowCount(static_cast<int>(mPreview->rows.size()));
    QStringList rowLabels;
    for (std::size_t r = 0; r < mPreview->rows.size(); ++r) {
        rowLabels << QString::number(mPreview->rowNumbers[r]);
        const QStringList& values = mPreview->rows[r];
        for (int c = 0; c < values.size() && c < mPreview->columns.size(); ++c)
            mPreviewTable->setItem(static_cast<int>(r), c, readOnlyItem(values.at(c)));
    }
    mPreviewTable->setVerticalHeaderLabels(rowLabels);
    mPreviewTable->resizeColumnsToContents();
    const QString rows =
        mPreview->endOfFile
            ? tr("%n data row(s)", nullptr, static_cast<int>(mPreview->rowsScanned))
            : tr("more than %n data row(s)", nullptr, static_cast<int>(mPreview->rowsScanned));
    mSourceInfo->setText(tr("%1, layer %2: %n column(s), %3; text encoding %4. The first rows:", nullptr,
                            mPreview->columns.size())
                             .arg(mPreview->driver, mPreview->layer.toHtmlEscaped(), rows, encodingText()));
    mSourcePage->refresh();
}

void ImportWizard::browseArchive() {
    QgsSettings settings;
    const QString start =
        archivePath().isEmpty()
            ? settings.value(QStringLiteral("recheck/archive/lastMaster"), QDir::homePath()).toString()
            : archivePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Archive to Import Into"), start, tr("Recheck archives (*.sqlite *.rchk);;All files (*)"));
    if (!path.isEmpty())
        setArchivePath(path);
}

void ImportWizard::browseSource() {
    const QString folder = QgsSettings().value(iosettings::lastFolderKey(), QDir::homePath()).toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("File to Import"),
                                                      sourcePath().isEmpty() ? folder : sourcePath(),
                                                      tr("MIS and GIS files (*.csv *.txt *.xlsx *.dbf *.shp "
                                                         "*.gpkg *.geojson *.json *.dxf);;All files (*)"));
    if (!path.isEmpty())
        setSourcePath(path);
}

void ImportWizard::rememberSettings() const {
    QgsSettings settings;
    if (!sourcePath().isEmpty())
        settings.setValue(iosettings::lastFolderKey(), QFileInfo(sourcePath()).absolutePath());
    settings.setValue(iosettings::lastEncodingKey(), io::sourceEncodingName(encoding()));
    if (!archivePath().isEmpty())
        settings.setValue(QStringLiteral("recheck/archive/lastMaster"), archivePath());
}

// ---------------------------------------------------------------------------
// Mapping page

void ImportWizard::buildMappingPage() {
    mMappingPage = new WizardStepPage(this);
    mMappingPage->setTitle(tr("Columns and Values"));
    mMappingPage->setSubTitle(tr("Which archive field each column fills (matched by its header; change any), "
                                 "and which code each MIS value stands for. Fields marked * are required."));
    mMappingTable = new QTableWidget(0, 3, mMappingPage);
    mMappingTable->setHorizontalHeaderLabels(
        {tr("Column in the file"), tr("First values"), tr("Archive field")});
    mMappingTable->horizontalHeader()->setSectionResizeMode(MapSampleColumn, QHeaderView::Stretch);
    mMappingTable->verticalHeader()->hide();
    mValueTable = new QTableWidget(0, 3, mMappingPage);
    mValueTable->setHorizontalHeaderLabels({tr("Field"), tr("Value in the file"), tr("Archive code")});
    mValueTable->horizontalHeader()->setSectionResizeMode(ValSourceColumn, QHeaderView::Stretch);
    mValueTable->verticalHeader()->hide();
    mMappingStatus = new QLabel(mMappingPage);
    mMappingStatus->setWordWrap(true);
    auto* load = new QPushButton(tr("Load Mapping…"), mMappingPage);
    load->setToolTip(tr("Use a saved mapping profile (JSON), e.g. the one the scheduled pull uses"));
    auto* save = new QPushButton(tr("Save Mapping…"), mMappingPage);
    save->setToolTip(
        tr("Save this mapping as a profile for `recheck import --mapping` and the scheduled pull"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(load);
    buttons->addWidget(save);
    buttons->addStretch(1);

    // The values offered for translation: the first rows at once, the
    // whole file from a scan on a worker thread.
    mValueScanStatus = new QLabel(mMappingPage);
    mValueScanStatus->setWordWrap(true);
    mValueScanProgress = new QProgressBar(mMappingPage);
    mValueScanProgress->setRange(0, 1000);
    mValueScanProgress->hide();
    mStopValueScan = new QPushButton(tr("Stop"), mMappingPage);
    mStopValueScan->setToolTip(tr("Offer only the values found so far"));
    mStopValueScan->hide();
    auto* scanRow = new QHBoxLayout;
    scanRow->addWidget(mValueScanStatus, 1);
    scanRow->addWidget(mValueScanProgress);
    scanRow->addWidget(mStopValueScan);

    // The profile's rules: kept in a loaded profile, editable here.
    auto* rules = new QGroupBox(tr("Rules"), mMappingPage);
    auto* rulesForm = new QFormLayout(rules);
    mSourceCrs = new QLineEdit(rules);
    mSourceCrs->setPlaceholderText(tr("the archive's"));
    mSourceCrs->setToolTip(
        tr("Coordinate system of the X/Y columns, or of a geometry whose file names none, e.g. EPSG:4326; "
           "empty: the file's own or the archive's"));
    rulesForm->addRow(tr("Source CRS"), mSourceCrs);
    mAccountPattern = new QLineEdit(rules);
    mAccountPattern->setPlaceholderText(io::MappingProfile::defaultAccountPattern());
    mAccountPattern->setToolTip(
        tr("Regular expression every account number must match; empty: the default shown"));
    rulesForm->addRow(tr("Account number pattern"), mAccountPattern);
    const auto severities = io::MappingProfile::defaultSeverities();
    for (auto it = severities.begin(); it != severities.end(); ++it) {
        auto* combo = new QComboBox(rules);
        combo->addItem(tr("error: the row is refused"), static_cast<int>(io::RowIssue::Severity::Error));
        combo->addItem(tr("warning: the row is imported and reported"),
                       static_cast<int>(io::RowIssue::Severity::Warning));
        mSeverityCombos.insert(it.key(), combo);
        rulesForm->addRow(ruleLabel(it.key()), combo);
    }
    fillRules();

    auto* layout = new QVBoxLayout(mMappingPage);
    layout->addWidget(mMappingTable, 3);
    layout->addWidget(
        new QLabel(tr("Values of code fields (values that match no code are refused):"), mMappingPage));
    layout->addWidget(mValueTable, 2);
    layout->addLayout(scanRow);
    layout->addWidget(rules);
    layout->addWidget(mMappingStatus);
    layout->addLayout(buttons);
    connect(load, &QPushButton::clicked, this, &ImportWizard::browseLoadProfile);
    connect(save, &QPushButton::clicked, this, &ImportWizard::browseSaveProfile);
    connect(mStopValueScan, &QPushButton::clicked, this, &ImportWizard::stopValueScan);
    connect(mSourceCrs, &QLineEdit::textChanged, this, [this] { mappingChanged(); });
    connect(mAccountPattern, &QLineEdit::textChanged, this, [this] { mappingChanged(); });
    mMappingPage->initialize = [this] { fillMappingTable(); };
    mMappingPage->cleanup = [this] { stopValueScan(); };
    mMappingPage->complete = [this] { return !mValueScanThread && mappingProblems().isEmpty(); };
}

void ImportWizard::fillRules() {
    mSourceCrs->setText(mBaseProfile.sourceCrs);
    mAccountPattern->setText(mBaseProfile.accountPattern);
    for (auto it = mSeverityCombos.begin(); it != mSeverityCombos.end(); ++it)
        it.value()->setCurrentIndex(
            std::max(0, it.value()->findData(static_cast<int>(mBaseProfile.severity(it.key())))));
}

void ImportWizard::setSourceCrs(const QString& crs) {
    mSourceCrs->setText(crs);
}

QString ImportWizard::sourceCrs() const {
    return mSourceCrs->text().trimmed();
}

void ImportWizard::setAccountPattern(const QString& pattern) {
    mAccountPattern->setText(pattern);
}

QString ImportWizard::accountPattern() const {
    return mAccountPattern->text().trimmed();
}

void ImportWizard::setRuleSeverity(const QString& rule, io::RowIssue::Severity severity) {
    if (QComboBox* combo = mSeverityCombos.value(rule))
        combo->setCurrentIndex(std::max(0, combo->findData(static_cast<int>(severity))));
}

io::RowIssue::Severity ImportWizard::ruleSeverity(const QString& rule) const {
    const QComboBox* combo = mSeverityCombos.value(rule);
    return combo ? static_cast<io::RowIssue::Severity>(combo->currentData().toInt())
                 : mBaseProfile.severity(rule);
}

void ImportWizard::startValueScan() {
    stopValueScan();
    if (!mPreview || mPreview->endOfFile) {
        mValueScanStatus->clear();
        return;
    }
    const QString path = sourcePath();
    const SourceEncoding sourceEncoding = encoding();
    const QString layer = mPreview->layer;
    mValueScanStatus->setText(tr("Reading every row for the values to translate; the first %n row(s) are "
                                 "shown meanwhile…",
                                 nullptr, static_cast<int>(mPreview->rowsScanned)));
    mValueScanProgress->setValue(0);
    mValueScanProgress->show();
    mStopValueScan->show();
    mStopValueScanFlag = std::make_shared<std::atomic<bool>>(false);
    auto stop = mStopValueScanFlag;
    auto permille = std::make_shared<std::atomic<int>>(0);
    struct Outcome {
        bool complete = false;
        QHash<int, QStringList> distinct;
        QString error;
    };
    auto outcome = std::make_shared<Outcome>();
    mValueScanThread = QThread::create([path, sourceEncoding, layer, stop, permille, outcome] {
        try {
            outcome->complete = io::SourcePreview::scanDistinct(
                path, sourceEncoding, layer, outcome->distinct, [stop, permille](double f) {
                    permille->store(static_cast<int>(f * 1000));
                    return !stop->load();
                });
        } catch (const std::exception& e) {
            outcome->error = QString::fromUtf8(e.what());
        }
    });
    auto* poll = new QTimer(mValueScanThread);
    poll->setInterval(100);
    connect(poll, &QTimer::timeout, mValueScanProgress,
            [this, permille] { mValueScanProgress->setValue(permille->load()); });
    QThread* thread = mValueScanThread;
    connect(thread, &QThread::finished, this, [this, thread, outcome, path] {
        if (thread != mValueScanThread)
            return; // stopped; stopValueScan() cleaned it up
        mValueScanThread = nullptr;
        thread->deleteLater();
        if (outcome->complete)
            mScannedPath = path;
        valueScanFinished(outcome->complete, outcome->distinct, outcome->error);
    });
    poll->start();
    mValueScanThread->start();
    mMappingPage->refresh();
}

void ImportWizard::stopValueScan() {
    if (!mValueScanThread)
        return;
    QThread* thread = mValueScanThread;
    mValueScanThread = nullptr;
    mStopValueScanFlag->store(true);
    thread->wait();
    delete thread;
    mValueScanProgress->hide();
    mStopValueScan->hide();
    if (mPreview)
        mValueScanStatus->setText(tr("Stopped: the values offered are those of the first %n row(s).", nullptr,
                                     static_cast<int>(mPreview->rowsScanned)));
    if (mMappingPage)
        mMappingPage->refresh();
}

void ImportWizard::valueScanFinished(bool complete, const QHash<int, QStringList>& distinct,
                                     const QString& error) {
    mValueScanProgress->hide();
    mStopValueScan->hide();
    if (!error.isEmpty()) {
        mValueScanStatus->setText(tr("The values of the whole file could not be read (%1); those of the "
                                     "first %n row(s) are offered.",
                                     nullptr, static_cast<int>(mPreview ? mPreview->rowsScanned : 0))
                                      .arg(error));
    } else if (complete && mPreview) {
        mPreview->distinct = distinct;
        mValueScanStatus->setText(tr("The values offered are those of the whole file."));
        fillValueTable(); // keeps the codes already chosen
    }
    mMappingPage->refresh();
}

bool ImportWizard::waitForValueScan(int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (mValueScanThread && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return mValueScanThread == nullptr;
}

QString ImportWizard::valueScanText() const {
    return mValueScanStatus->text();
}

void ImportWizard::fillMappingTable() {
    mFillingMapping = true;
    mMappingTable->setRowCount(0);
    const QStringList columns = mPreview ? mPreview->columns : QStringList();
    io::MappingProfile base = mBaseProfile;
    base.kind = kind();
    QHash<QString, int> resolved;
    try {
        resolved = base.resolve(columns, nullptr);
    } catch (const RecheckError&) {
        // The loaded profile claims a field twice for this file: start from
        // the automatic matches and let the person settle it.
        base.columns.clear();
        resolved = base.resolve(columns, nullptr);
    }
    QHash<int, QString> fieldOfColumn;
    for (auto it = resolved.begin(); it != resolved.end(); ++it)
        fieldOfColumn.insert(it.value(), it.key());
    const auto& fields = io::MappingProfile::targetFields(kind());
    mMappingTable->setRowCount(columns.size());
    for (int c = 0; c < columns.size(); ++c) {
        mMappingTable->setItem(c, MapSourceColumn, readOnlyItem(columns.at(c)));
        QStringList samples;
        for (std::size_t r = 0; r < mPreview->rows.size() && samples.size() < 3; ++r) {
            const QString v = mPreview->rows[r].value(c).trimmed();
            if (!v.isEmpty())
                samples << v;
        }
        mMappingTable->setItem(c, MapSampleColumn, readOnlyItem(samples.join(QStringLiteral(" | "))));
        auto* combo = new QComboBox(mMappingTable);
        combo->addItem(tr("(not imported)"), QString());
        for (const TargetField& f : fields)
            combo->addItem(fieldLabel(f), f.name);
        combo->setCurrentIndex(std::max(0, combo->findData(fieldOfColumn.value(c))));
        mMappingTable->setCellWidget(c, MapFieldColumn, combo);
        connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { mappingChanged(); });
    }
    mMappingTable->resizeColumnToContents(MapSourceColumn);
    mMappingTable->resizeColumnToContents(MapFieldColumn);
    mAccountPattern->setEnabled(kind() == ImportKind::Customers);
    mFillingMapping = false;
    mappingChanged();
    if (mScannedPath != sourcePath())
        startValueScan();
}

void ImportWizard::mappingChanged() {
    if (mFillingMapping)
        return;
    fillValueTable();
    const QStringList problems = mappingProblems();
    QStringList shown;
    for (const QString& p : problems)
        shown << p.toHtmlEscaped();
    mMappingStatus->setText(
        shown.isEmpty() ? QString() : QStringLiteral("<b>%1</b>").arg(shown.join(QStringLiteral("<br>"))));
    mMappingPage->refresh();
}

void ImportWizard::fillValueTable() {
    // Keep what the person already chose for values still shown.
    QHash<QString, QString> chosen;
    for (int r = 0; r < mValueTable->rowCount(); ++r) {
        auto* combo = qobject_cast<QComboBox*>(mValueTable->cellWidget(r, ValCodeColumn));
        const QString key = mValueTable->item(r, ValFieldColumn)->data(Qt::UserRole).toString() + QChar(0) +
                            mValueTable->item(r, ValSourceColumn)->text();
        if (combo)
            chosen.insert(key, combo->currentData().toString());
    }
    mValueTable->setRowCount(0);
    if (!mPreview)
        return;
    int row = 0;
    for (int c = 0; c < mMappingTable->rowCount(); ++c) {
        auto* fieldCombo = qobject_cast<QComboBox*>(mMappingTable->cellWidget(c, MapFieldColumn));
        const QString fieldName = fieldCombo ? fieldCombo->currentData().toString() : QString();
        const TargetField* field = io::MappingProfile::targetField(kind(), fieldName);
        if (!field || field->type != TargetField::Type::Code)
            continue;
        const QList<io::CodeListEntry> codes = mCodeLists.value(field->codeList);
        const QMap<QString, QString> translations = mBaseProfile.valueMappings.value(field->name);
        for (const QString& value : mPreview->distinct.value(c)) {
            mValueTable->insertRow(row);
            auto* fieldItem = readOnlyItem(field->name);
            fieldItem->setData(Qt::UserRole, field->name);
            mValueTable->setItem(row, ValFieldColumn, fieldItem);
            mValueTable->setItem(row, ValSourceColumn, readOnlyItem(value));
            auto* combo = new QComboBox(mValueTable);
            combo->addItem(tr("(no match: refused)"), QString());
            for (const io::CodeListEntry& e : codes)
                combo->addItem(QStringLiteral("%1 — %2").arg(e.code, e.labelZh), e.code);
            const QString key = field->name + QChar(0) + value;
            QString code = chosen.contains(key) ? chosen.value(key)
                                                : translations.value(value, io::matchCode(codes, value));
            combo->setCurrentIndex(std::max(0, combo->findData(code)));
            mValueTable->setCellWidget(row, ValCodeColumn, combo);
            ++row;
        }
    }
    mValueTable->resizeColumnToContents(ValFieldColumn);
    mValueTable->resizeColumnToContents(ValCodeColumn);
}

QString ImportWizard::fieldForColumn(const QString& header) const {
    for (int r = 0; r < mMappingTable->rowCount(); ++r)
        if (mMappingTable->item(r, MapSourceColumn)->text() == header)
            if (auto* combo = qobject_cast<QComboBox*>(mMappingTable->cellWidget(r, MapFieldColumn)))
                return combo->currentData().toString();
    return {};
}

void ImportWizard::setFieldForColumn(const QString& header, const QString& field) {
    for (int r = 0; r < mMappingTable->rowCount(); ++r)
        if (mMappingTable->item(r, MapSourceColumn)->text() == header)
            if (auto* combo = qobject_cast<QComboBox*>(mMappingTable->cellWidget(r, MapFieldColumn)))
                combo->setCurrentIndex(std::max(0, combo->findData(field)));
}

QString ImportWizard::codeForValue(const QString& field, const QString& value) const {
    for (int r = 0; r < mValueTable->rowCount(); ++r)
        if (mValueTable->item(r, ValFieldColumn)->data(Qt::UserRole).toString() == field &&
            mValueTable->item(r, ValSourceColumn)->text() == value)
            if (auto* combo = qobject_cast<QComboBox*>(mValueTable->cellWidget(r, ValCodeColumn)))
                return combo->currentData().toString();
    return {};
}

void ImportWizard::setCodeForValue(const QString& field, const QString& value, const QString& code) {
    for (int r = 0; r < mValueTable->rowCount(); ++r)
        if (mValueTable->item(r, ValFieldColumn)->data(Qt::UserRole).toString() == field &&
            mValueTable->item(r, ValSourceColumn)->text() == value)
            if (auto* combo = qobject_cast<QComboBox*>(mValueTable->cellWidget(r, ValCodeColumn)))
                combo->setCurrentIndex(std::max(0, combo->findData(code)));
}

QStringList ImportWizard::mappingProblems() const {
    QStringList problems;
    QHash<QString, QString> columnOfField;
    for (int r = 0; r < mMappingTable->rowCount(); ++r) {
        auto* combo = qobject_cast<QComboBox*>(mMappingTable->cellWidget(r, MapFieldColumn));
        const QString field = combo ? combo->currentData().toString() : QString();
        if (field.isEmpty())
            continue;
        const QString column = mMappingTable->item(r, MapSourceColumn)->text();
        if (columnOfField.contains(field))
            problems << tr("Columns \"%1\" and \"%2\" both fill %3: choose one")
                            .arg(columnOfField.value(field), column, field);
        else
            columnOfField.insert(field, column);
    }
    for (const TargetField& f : io::MappingProfile::targetFields(kind()))
        if (f.required && !columnOfField.contains(f.name))
            problems << tr("No column fills the required field %1 (%2)").arg(f.name, f.labelZh);
    if (columnOfField.contains(QStringLiteral("x")) != columnOfField.contains(QStringLiteral("y")))
        problems << tr("Coordinates need both an X (longitude) and a Y (latitude) column");
    if (!sourceCrs().isEmpty() && !knownCrs(sourceCrs()))
        problems << tr("The source CRS \"%1\" is not a coordinate system GDAL knows (e.g. EPSG:4326)")
                        .arg(sourceCrs());
    if (kind() == ImportKind::Customers && !accountPattern().isEmpty()) {
        const QRegularExpression pattern(accountPattern());
        if (!pattern.isValid())
            problems << tr("The account number pattern is not a valid regular expression: %1")
                            .arg(pattern.errorString());
    }
    return problems;
}

io::MappingProfile ImportWizard::profile() const {
    io::MappingProfile p = mBaseProfile;
    p.kind = kind();
    p.encoding = encoding();
    p.layer = mPreview && mPreview->layers.size() > 1 ? mPreview->layer : mBaseProfile.layer;
    p.sourceCrs = sourceCrs();
    p.accountPattern = kind() == ImportKind::Customers ? accountPattern() : mBaseProfile.accountPattern;
    for (auto it = mSeverityCombos.begin(); it != mSeverityCombos.end(); ++it) {
        const auto chosen = static_cast<io::RowIssue::Severity>(it.value()->currentData().toInt());
        // A default is written down only when the loaded profile said it.
        if (chosen != io::MappingProfile::defaultSeverities().value(it.key()) ||
            mBaseProfile.severities.contains(it.key()))
            p.severities.insert(it.key(), chosen);
        else
            p.severities.remove(it.key());
    }
    p.columns.clear();
    for (int r = 0; r < mMappingTable->rowCount(); ++r) {
        auto* combo = qobject_cast<QComboBox*>(mMappingTable->cellWidget(r, MapFieldColumn));
        p.columns.insert(mMappingTable->item(r, MapSourceColumn)->text(),
                         combo ? combo->currentData().toString() : QString());
    }
    for (int r = 0; r < mValueTable->rowCount(); ++r) {
        const QString field = mValueTable->item(r, ValFieldColumn)->data(Qt::UserRole).toString();
        const QString value = mValueTable->item(r, ValSourceColumn)->text();
        auto* combo = qobject_cast<QComboBox*>(mValueTable->cellWidget(r, ValCodeColumn));
        const QString code = combo ? combo->currentData().toString() : QString();
        const TargetField* f = io::MappingProfile::targetField(p.kind, field);
        const QString automatic = f ? io::matchCode(mCodeLists.value(f->codeList), value) : QString();
        // Only what the code list does not say by itself is written down.
        if (code.isEmpty() || code == automatic)
            p.valueMappings[field].remove(value);
        else
            p.valueMappings[field].insert(value, code);
        if (p.valueMappings.value(field).isEmpty())
            p.valueMappings.remove(field);
    }
    return p;
}

bool ImportWizard::loadProfile(const QString& path, QString* error) {
    try {
        mBaseProfile = io::MappingProfile::load(path);
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    const io::MappingProfile loaded = mBaseProfile;
    setKind(loaded.kind);
    mBaseProfile = loaded; // the kind change above must not drop it
    fillRules();
    if (loaded.encoding != SourceEncoding::Auto && loaded.encoding != encoding()) {
        setEncoding(loaded.encoding);
        refreshPreview();
    }
    mValueTable->setRowCount(0); // the translations come from the profile now
    fillMappingTable();
    return true;
}

bool ImportWizard::saveProfile(const QString& path, QString* error) const {
    try {
        profile().save(path);
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

void ImportWizard::browseLoadProfile() {
    QgsSettings settings;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Load Mapping Profile"),
        settings.value(iosettings::lastMappingFolderKey(), QDir::homePath()).toString(),
        tr("Mapping profiles (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(iosettings::lastMappingFolderKey(), QFileInfo(path).absolutePath());
    QString error;
    if (!loadProfile(path, &error))
        mMappingStatus->setText(tr("<b>Cannot use the profile:</b> %1").arg(error.toHtmlEscaped()));
}

void ImportWizard::browseSaveProfile() {
    QgsSettings settings;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Mapping Profile"),
        settings.value(iosettings::lastMappingFolderKey(), QDir::homePath()).toString(),
        tr("Mapping profiles (*.json)"));
    if (path.isEmpty())
        return;
    settings.setValue(iosettings::lastMappingFolderKey(), QFileInfo(path).absolutePath());
    QString error;
    if (!saveProfile(path, &error))
        mMappingStatus->setText(tr("<b>Cannot save the profile:</b> %1").arg(error.toHtmlEscaped()));
    else
        mMappingStatus->setText(
            tr("Mapping saved to %1").arg(QDir::toNativeSeparators(path).toHtmlEscaped()));
}

// ---------------------------------------------------------------------------
// Preview page: a dry run of the whole file

void ImportWizard::buildPreviewPage() {
    mPreviewPage = new WizardStepPage(this);
    mPreviewPage->setTitle(tr("Check"));
    mPreviewPage->setSubTitle(
        tr("Every row is checked as the import will check it; nothing is written yet."));
    mPreviewPage->setFinalPage(true);
    mSummary = new QLabel(mPreviewPage);
    mSummary->setWordWrap(true);
    mDryRunProgress = new QProgressBar(mPreviewPage);
    mDryRunProgress->setRange(0, 1000);
    mIssuesTable = new QTableWidget(0, IssColumnCount, mPreviewPage);
    mIssuesTable->setHorizontalHeaderLabels(
        {tr("Row"), tr("Column"), tr("Field"), tr("Value"), tr("Problem"), tr("Severity")});
    mIssuesTable->horizontalHeader()->setSectionResizeMode(IssReasonColumn, QHeaderView::Stretch);
    mIssuesTable->verticalHeader()->hide();
    mIssuesTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mSkipInvalid = new QCheckBox(
        tr("Skip invalid rows: import the valid ones and list the others in the report"), mPreviewPage);
    auto* layout = new QVBoxLayout(mPreviewPage);
    layout->addWidget(mSummary);
    layout->addWidget(mDryRunProgress);
    layout->addWidget(mIssuesTable, 1);
    layout->addWidget(mSkipInvalid);
    connect(mSkipInvalid, &QCheckBox::toggled, mPreviewPage, &WizardStepPage::refresh);
    mPreviewPage->initialize = [this] { startDryRun(); };
    mPreviewPage->cleanup = [this] { stopDryRun(); };
    mPreviewPage->complete = [this] {
        if (mDryRunThread || !mDryRunResult || !mDryRunError.isEmpty())
            return false;
        return mDryRunResult->rejected == 0 || mSkipInvalid->isChecked();
    };
}

void ImportWizard::startDryRun() {
    stopDryRun();
    mDryRunResult.reset();
    mDryRunError.clear();
    mIssuesTable->setRowCount(0);
    mSummary->setText(tr("Checking every row of %1…").arg(QFileInfo(sourcePath()).fileName()));
    mDryRunProgress->setValue(0);
    mDryRunProgress->show();

    ImportRequest request = this->request();
    request.options.dryRun = true;
    // Counted as a --skip-invalid run, so the figures say what the valid
    // rows would do.
    request.options.skipInvalid = true;
    request.options.reportBase.clear();
    request.options.keepIssues = kShownIssues;
    mStopDryRun = std::make_shared<std::atomic<bool>>(false);
    mDryRunPermille = std::make_shared<std::atomic<int>>(0);
    auto outcome = std::make_shared<ImportOutcome>();
    auto stop = mStopDryRun;
    auto permille = mDryRunPermille;
    mDryRunThread = QThread::create([request, outcome, stop, permille] {
        *outcome = runImport(request, [stop, permille](double f) {
            permille->store(static_cast<int>(f * 1000));
            return !stop->load();
        });
    });
    auto* poll = new QTimer(mDryRunThread);
    poll->setInterval(100);
    connect(poll, &QTimer::timeout, mDryRunProgress,
            [this, permille] { mDryRunProgress->setValue(permille->load()); });
    QThread* thread = mDryRunThread;
    connect(thread, &QThread::finished, this, [this, thread, outcome] {
        if (thread != mDryRunThread)
            return; // superseded; stopDryRun() cleaned it up
        mDryRunThread = nullptr;
        thread->deleteLater();
        if (outcome->cancelled)
            return;
        if (!outcome->error.isEmpty())
            mDryRunError = outcome->error;
        else
            mDryRunResult = outcome->result;
        dryRunFinished();
    });
    poll->start();
    mDryRunThread->start();
    mPreviewPage->refresh();
}

void ImportWizard::stopDryRun() {
    if (!mDryRunThread)
        return;
    QThread* thread = mDryRunThread;
    mDryRunThread = nullptr;
    mStopDryRun->store(true);
    thread->wait();
    delete thread;
    mDryRunProgress->hide();
}

bool ImportWizard::waitForDryRun(int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (mDryRunThread && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return mDryRunThread == nullptr;
}

void ImportWizard::dryRunFinished() {
    mDryRunProgress->hide();
    if (!mDryRunError.isEmpty()) {
        mSummary->setText(tr("<b>The file cannot be imported:</b> %1").arg(mDryRunError.toHtmlEscaped()));
        mPreviewPage->refresh();
        return;
    }
    const io::ImportResult& r = *mDryRunResult;
    QString text =
        tr("%1 rows read (encoding %2): %3 would be inserted, %4 updated, %5 unchanged, %6 held for "
           "review; %7 invalid row(s), %8 warning(s).")
            .arg(r.rowsRead)
            .arg(r.encoding)
            .arg(r.inserted)
            .arg(r.updated)
            .arg(r.unchanged)
            .arg(r.forReview)
            .arg(r.rejected)
            .arg(r.warnings);
    if (r.rejected > 0)
        text += QLatin1Char(' ') + tr("With invalid rows nothing is imported, unless you skip them below.");
    if (!r.unmatchedColumns.isEmpty())
        text += QLatin1Char(' ') +
                tr("Columns not imported: %1.").arg(r.unmatchedColumns.join(QStringLiteral(", ")));
    if (static_cast<qint64>(r.issues.size()) < r.errors + r.warnings)
        text += QLatin1Char(' ') + tr("The first %n problem(s) are listed; the report will list all.",
                                      nullptr, static_cast<int>(r.issues.size()));
    mSummary->setText(text.toHtmlEscaped());
    mIssuesTable->setRowCount(static_cast<int>(r.issues.size()));
    for (int i = 0; i < static_cast<int>(r.issues.size()); ++i) {
        const io::RowIssue& issue = r.issues[static_cast<std::size_t>(i)];
        auto* rowItem = readOnlyItem(issue.row > 0 ? QString::number(issue.row) : QString());
        rowItem->setData(Qt::UserRole, issue.row);
        mIssuesTable->setItem(i, IssRowColumn, rowItem);
        mIssuesTable->setItem(i, IssColumnColumn, readOnlyItem(issue.column));
        mIssuesTable->setItem(i, IssFieldColumn, readOnlyItem(issue.field));
        mIssuesTable->setItem(i, IssValueColumn, readOnlyItem(issue.value));
        mIssuesTable->setItem(i, IssReasonColumn, readOnlyItem(issue.reason));
        mIssuesTable->setItem(
            i, IssSeverityColumn,
            readOnlyItem(issue.severity == io::RowIssue::Severity::Error ? tr("error") : tr("warning")));
    }
    mIssuesTable->resizeColumnToContents(IssRowColumn);
    mPreviewPage->refresh();
}

QString ImportWizard::summaryText() const {
    return mSummary->text();
}

void ImportWizard::setSkipInvalid(bool skip) {
    mSkipInvalid->setChecked(skip);
}

bool ImportWizard::skipInvalid() const {
    return mSkipInvalid->isChecked();
}

ImportRequest ImportWizard::request() const {
    ImportRequest request;
    request.archivePath = archivePath();
    request.sourcePath = sourcePath();
    request.options.profile = profile();
    request.options.skipInvalid = skipInvalid();
    request.options.reportBase = defaultImportReportBase(request.archivePath, request.sourcePath);
    return request;
}

} // namespace recheck::archiveui
