#pragma once

// The export wizard: which customers (all, changed since a date, verified on
// site) → format (CSV in UTF-8 or GBK, XLSX, GeoPackage) and file. The export
// runs as a QgsTask (startExportTask in IoTasks.h).

#include "IoTasks.h"

#include <QWizard>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;

namespace recheck::archiveui {

class WizardStepPage;

class ExportWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId { WhatPageId, FilePageId };
    enum class Format { Csv, Xlsx, Gpkg };

    explicit ExportWizard(const QString& archivePath = QString(), QWidget* parent = nullptr);

    void setArchivePath(const QString& path);
    QString archivePath() const;
    /// Empty date: all customers.
    void setChangedSince(const QDate& date);
    void setVerifiedOnly(bool only);
    void setFormat(Format format);
    Format format() const;
    void setEncoding(io::SourceEncoding encoding);
    void setTargetPath(const QString& path);
    QString targetPath() const;
    /// The number of customers the choices select (shown on the first page).
    qint64 selectedCount() const { return mSelected; }

    ExportRequest request() const;

private:
    void updateCount();
    void formatChanged();
    void browseTarget();

    WizardStepPage* mWhatPage = nullptr;
    WizardStepPage* mFilePage = nullptr;
    QLineEdit* mArchive = nullptr;
    QCheckBox* mChangedOnly = nullptr;
    QDateEdit* mSince = nullptr;
    QCheckBox* mVerifiedOnly = nullptr;
    QLabel* mCount = nullptr;
    QComboBox* mFormat = nullptr;
    QComboBox* mEncoding = nullptr;
    QLineEdit* mTarget = nullptr;
    QLabel* mFileStatus = nullptr;
    qint64 mSelected = -1;
};

} // namespace recheck::archiveui
