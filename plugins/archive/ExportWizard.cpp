#include "ExportWizard.h"

#include "ImportWizard.h"
#include "common/Sqlite.h"

#include <qgssettings.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace recheck::archiveui {

namespace {

QString suffixOf(ExportWizard::Format format) {
    switch (format) {
    case ExportWizard::Format::Csv:
        return QStringLiteral("csv");
    case ExportWizard::Format::Xlsx:
        return QStringLiteral("xlsx");
    case ExportWizard::Format::Gpkg:
        return QStringLiteral("gpkg");
    }
    return QStringLiteral("csv");
}

} // namespace

ExportWizard::ExportWizard(const QString& archivePath, QWidget* parent) : QWizard(parent) {
    setWindowTitle(tr("Export Customers for the MIS"));
    setOption(QWizard::NoBackButtonOnStartPage, true);

    mWhatPage = new WizardStepPage(this);
    mWhatPage->setTitle(tr("Which Customers"));
    mWhatPage->setSubTitle(tr("The corrected records go back to the MIS with what the field work changed."));
    mArchive = new QLineEdit(mWhatPage);
    auto* browseArchive = new QToolButton(mWhatPage);
    browseArchive->setText(tr("…"));
    auto* archiveRow = new QHBoxLayout;
    archiveRow->addWidget(mArchive);
    archiveRow->addWidget(browseArchive);
    mChangedOnly = new QCheckBox(tr("Only customers changed on or after"), mWhatPage);
    mSince = new QDateEdit(QDate::currentDate().addMonths(-1), mWhatPage);
    mSince->setCalendarPopup(true);
    mSince->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    mSince->setEnabled(false);
    auto* sinceRow = new QHBoxLayout;
    sinceRow->addWidget(mChangedOnly);
    sinceRow->addWidget(mSince);
    sinceRow->addStretch(1);
    mVerifiedOnly =
        new QCheckBox(tr("Only customers checked on site (visit result ok or discrepancy)"), mWhatPage);
    mCount = new QLabel(mWhatPage);
    auto* whatForm = new QFormLayout(mWhatPage);
    whatForm->addRow(tr("Archive"), archiveRow);
    whatForm->addRow(sinceRow);
    whatForm->addRow(mVerifiedOnly);
    whatForm->addRow(mCount);

    mFilePage = new WizardStepPage(this);
    mFilePage->setTitle(tr("Format and File"));
    mFilePage->setFinalPage(true);
    mFormat = new QComboBox(mFilePage);
    mFormat->addItem(tr("CSV"), static_cast<int>(Format::Csv));
    mFormat->addItem(tr("Excel workbook (XLSX)"), static_cast<int>(Format::Xlsx));
    mFormat->addItem(tr("GeoPackage (with locations)"), static_cast<int>(Format::Gpkg));
    mEncoding = new QComboBox(mFilePage);
    mEncoding->addItem(tr("UTF-8"), io::sourceEncodingName(io::SourceEncoding::Utf8));
    mEncoding->addItem(tr("GBK / GB18030"), io::sourceEncodingName(io::SourceEncoding::Gb18030));
    mEncoding->setToolTip(tr("CSV only: the text encoding the MIS expects when it imports the file"));
    mTarget = new QLineEdit(mFilePage);
    auto* browseTarget = new QToolButton(mFilePage);
    browseTarget->setText(tr("…"));
    auto* targetRow = new QHBoxLayout;
    targetRow->addWidget(mTarget);
    targetRow->addWidget(browseTarget);
    mFileStatus = new QLabel(mFilePage);
    mFileStatus->setWordWrap(true);
    auto* fileForm = new QFormLayout(mFilePage);
    fileForm->addRow(tr("Format"), mFormat);
    fileForm->addRow(tr("Encoding"), mEncoding);
    fileForm->addRow(tr("File"), targetRow);
    fileForm->addRow(mFileStatus);
    setPage(WhatPageId, mWhatPage);
    setPage(FilePageId, mFilePage);
    setButtonText(QWizard::FinishButton, tr("Export"));

    connect(browseArchive, &QToolButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Archive to Export From"), this->archivePath(),
                                         tr("Recheck archives (*.sqlite *.rchk);;All files (*)"));
        if (!path.isEmpty())
            setArchivePath(path);
    });
    connect(mArchive, &QLineEdit::textChanged, this, [this] { updateCount(); });
    connect(mChangedOnly, &QCheckBox::toggled, mSince, &QDateEdit::setEnabled);
    connect(mChangedOnly, &QCheckBox::toggled, this, [this] { updateCount(); });
    connect(mSince, &QDateEdit::dateChanged, this, [this] { updateCount(); });
    connect(mVerifiedOnly, &QCheckBox::toggled, this, [this] { updateCount(); });
    connect(mFormat, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { formatChanged(); });
    connect(browseTarget, &QToolButton::clicked, this, &ExportWizard::browseTarget);
    connect(mTarget, &QLineEdit::textChanged, mFilePage, &WizardStepPage::refresh);
    mWhatPage->complete = [this] { return mSelected > 0; };
    mFilePage->complete = [this] { return !targetPath().isEmpty(); };
    mFilePage->initialize = [this] {
        if (targetPath().isEmpty()) {
            const QString folder =
                QgsSettings().value(iosettings::lastExportFolderKey(), QDir::homePath()).toString();
            setTargetPath(QDir(folder).filePath(
                QStringLiteral("%1-export-%2.%3")
                    .arg(QFileInfo(this->archivePath()).completeBaseName(),
                         QDate::currentDate().toString(QStringLiteral("yyyyMMdd")), suffixOf(format()))));
        }
    };
    mFilePage->validate = [this] {
        QgsSettings().setValue(iosettings::lastExportFolderKey(), QFileInfo(targetPath()).absolutePath());
        return true;
    };
    setArchivePath(archivePath);
    formatChanged();
}

void ExportWizard::setArchivePath(const QString& path) {
    mArchive->setText(path);
    updateCount();
}

QString ExportWizard::archivePath() const {
    return mArchive->text().trimmed();
}

void ExportWizard::setChangedSince(const QDate& date) {
    mChangedOnly->setChecked(date.isValid());
    if (date.isValid())
        mSince->setDate(date);
}

void ExportWizard::setVerifiedOnly(bool only) {
    mVerifiedOnly->setChecked(only);
}

void ExportWizard::setFormat(Format format) {
    mFormat->setCurrentIndex(mFormat->findData(static_cast<int>(format)));
}

ExportWizard::Format ExportWizard::format() const {
    return static_cast<Format>(mFormat->currentData().toInt());
}

void ExportWizard::setEncoding(io::SourceEncoding encoding) {
    mEncoding->setCurrentIndex(std::max(0, mEncoding->findData(io::sourceEncodingName(encoding))));
}

void ExportWizard::setTargetPath(const QString& path) {
    mTarget->setText(path);
}

QString ExportWizard::targetPath() const {
    return mTarget->text().trimmed();
}

void ExportWizard::formatChanged() {
    mEncoding->setEnabled(format() == Format::Csv);
    // The file's suffix names the format for the exporter: keep them together.
    const QString target = targetPath();
    if (!target.isEmpty()) {
        const QFileInfo info(target);
        setTargetPath(info.dir().filePath(info.completeBaseName() + QLatin1Char('.') + suffixOf(format())));
    }
}

void ExportWizard::browseTarget() {
    const QString suffix = suffixOf(format());
    QString path = QFileDialog::getSaveFileName(this, tr("Export To"), targetPath(),
                                                tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().toLower() != suffix)
        path += QLatin1Char('.') + suffix;
    setTargetPath(path);
}

void ExportWizard::updateCount() {
    mSelected = -1;
    const QString path = archivePath();
    if (path.isEmpty() || !QFileInfo(path).isFile()) {
        mCount->setText(path.isEmpty() ? QString() : tr("<b>No such file.</b>"));
        mWhatPage->refresh();
        return;
    }
    try {
        SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
        // The exporter's selection (core/io ArchiveExporter), counted.
        SqliteStatement count(
            db, QStringLiteral("SELECT count(*) FROM customers c WHERE (?1 IS NULL OR c.updated_at >= ?1) "
                               "AND (?2 = 0 OR EXISTS (SELECT 1 FROM visits v WHERE v.customer_uuid = "
                               "c.uuid AND v.result IN ('ok', 'discrepancy')))"));
        count.bind(1, mChangedOnly->isChecked() ? QVariant(mSince->date().toString(Qt::ISODate)) : QVariant())
            .bind(2, static_cast<std::int64_t>(mVerifiedOnly->isChecked() ? 1 : 0));
        count.step();
        mSelected = count.int64(0);
        mCount->setText(tr("%n customer(s) will be exported.", nullptr, static_cast<int>(mSelected)));
    } catch (const std::exception& e) {
        mCount->setText(
            tr("<b>Cannot read the archive:</b> %1").arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
    }
    mWhatPage->refresh();
}

ExportRequest ExportWizard::request() const {
    ExportRequest request;
    request.archivePath = archivePath();
    request.targetPath = targetPath();
    if (mChangedOnly->isChecked())
        request.options.changedSince = mSince->date().toString(Qt::ISODate);
    request.options.verifiedOnly = mVerifiedOnly->isChecked();
    request.options.encoding = format() == Format::Csv
                                   ? io::sourceEncodingFromName(mEncoding->currentData().toString())
                                         .value_or(io::SourceEncoding::Utf8)
                                   : io::SourceEncoding::Utf8;
    return request;
}

} // namespace recheck::archiveui
