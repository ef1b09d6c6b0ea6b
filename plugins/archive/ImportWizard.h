#pragma once

// The import wizard of the archive plugin, a thin layer over core/io:
// source file, kind and encoding (with a preview of the first rows) →
// column mapping with the automatic matches and value translations to the
// archive's code lists, mapping profiles loaded and saved as JSON → a dry run
// with counts and the first problems → the import, run as a QgsTask by
// whoever opened the wizard (startImportTask in IoTasks.h).

#include "IoTasks.h"
#include "io/MappingProfile.h"
#include "io/SourcePreview.h"

#include <QMap>
#include <QWizard>
#include <QWizardPage>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QThread;

namespace recheck::archiveui {

/// A wizard page whose completeness and set-up are the wizard's business.
class WizardStepPage : public QWizardPage {
    Q_OBJECT
public:
    explicit WizardStepPage(QWidget* parent = nullptr) : QWizardPage(parent) {}
    std::function<bool()> complete;
    std::function<void()> initialize;
    std::function<void()> cleanup;
    std::function<bool()> validate;

    bool isComplete() const override { return complete ? complete() : true; }
    void initializePage() override {
        if (initialize)
            initialize();
    }
    void cleanupPage() override {
        if (cleanup)
            cleanup();
    }
    bool validatePage() override { return validate ? validate() : true; }
    /// Tells the wizard that isComplete() may have changed.
    void refresh() { emit completeChanged(); }
};

class ImportWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId { SourcePageId, MappingPageId, PreviewPageId };

    explicit ImportWizard(const QString& archivePath = QString(), QWidget* parent = nullptr);
    ~ImportWizard() override;

    // --- source page
    void setArchivePath(const QString& path);
    QString archivePath() const;
    /// Sets the file and reads its preview at once.
    void setSourcePath(const QString& path);
    QString sourcePath() const;
    void setKind(io::ImportKind kind);
    io::ImportKind kind() const;
    void setEncoding(io::SourceEncoding encoding);
    io::SourceEncoding encoding() const;
    /// The preview of the source (empty when it could not be read; see previewError()).
    const std::optional<io::SourcePreview>& preview() const { return mPreview; }
    QString previewError() const;
    QTableWidget* previewTable() const { return mPreviewTable; }
    QString encodingText() const;

    // --- mapping page
    QTableWidget* mappingTable() const { return mMappingTable; }
    QTableWidget* valueTable() const { return mValueTable; }
    /// The archive field the column is mapped to ("" ignored), as shown.
    QString fieldForColumn(const QString& header) const;
    void setFieldForColumn(const QString& header, const QString& field);
    /// The code chosen for a source value of a code field ("" none).
    QString codeForValue(const QString& field, const QString& value) const;
    void setCodeForValue(const QString& field, const QString& value, const QString& code);
    /// What is wrong with the mapping (required field unmapped, a field
    /// mapped twice); empty when the mapping can be used.
    QStringList mappingProblems() const;
    /// Loads a profile (its kind replaces the chosen one) and shows its
    /// mapping; false with *error when it cannot be read.
    bool loadProfile(const QString& path, QString* error = nullptr);
    bool saveProfile(const QString& path, QString* error = nullptr) const;
    /// The mapping profile the page shows.
    io::MappingProfile profile() const;
    /// The rules of the mapping page: CRS of the X/Y columns (empty: the
    /// archive's), the account-number pattern (empty: the default) and the
    /// severity of each rule MappingProfile::defaultSeverities() names.
    void setSourceCrs(const QString& crs);
    QString sourceCrs() const;
    void setAccountPattern(const QString& pattern);
    QString accountPattern() const;
    void setRuleSeverity(const QString& rule, io::RowIssue::Severity severity);
    io::RowIssue::Severity ruleSeverity(const QString& rule) const;
    /// The values offered for translation come from the first rows at once
    /// and from the whole file once a scan on a worker thread is through;
    /// the page cannot be left while it runs (it can be stopped).
    bool valueScanRunning() const { return mValueScanThread != nullptr; }
    /// Processes events until the scan is over; false on timeout.
    bool waitForValueScan(int timeoutMs = 60000);
    /// Stops the scan; the values seen so far stay offered.
    void stopValueScan();
    QString valueScanText() const;

    // --- preview page (dry run)
    bool dryRunRunning() const { return mDryRunThread != nullptr; }
    /// Processes events until the dry run is over; false on timeout.
    bool waitForDryRun(int timeoutMs = 60000);
    const std::optional<io::ImportResult>& dryRunResult() const { return mDryRunResult; }
    QString dryRunError() const { return mDryRunError; }
    QTableWidget* issuesTable() const { return mIssuesTable; }
    QString summaryText() const;
    void setSkipInvalid(bool skip);
    bool skipInvalid() const;

    /// What to run once the wizard is accepted.
    ImportRequest request() const;

    /// How many problems the preview table lists.
    static constexpr int kShownIssues = 200;

private:
    void buildSourcePage();
    void buildMappingPage();
    void buildPreviewPage();
    void refreshPreview();
    void fillMappingTable();
    void fillValueTable();
    void fillRules();
    void startValueScan();
    void valueScanFinished(bool complete, const QHash<int, QStringList>& distinct, const QString& error);
    void mappingChanged();
    void startDryRun();
    void stopDryRun();
    void dryRunFinished();
    void rememberSettings() const;
    void browseArchive();
    void browseSource();
    void browseLoadProfile();
    void browseSaveProfile();

    WizardStepPage* mSourcePage = nullptr;
    WizardStepPage* mMappingPage = nullptr;
    WizardStepPage* mPreviewPage = nullptr;

    QLineEdit* mArchive = nullptr;
    QLineEdit* mSource = nullptr;
    QComboBox* mKind = nullptr;
    QComboBox* mEncoding = nullptr;
    QComboBox* mLayer = nullptr;
    QLabel* mSourceInfo = nullptr;
    QTableWidget* mPreviewTable = nullptr;
    std::optional<io::SourcePreview> mPreview;
    QString mPreviewError;
    QString mPreviewPath;
    bool mFillingLayers = false;

    QTableWidget* mMappingTable = nullptr;
    QTableWidget* mValueTable = nullptr;
    QLabel* mMappingStatus = nullptr;
    io::MappingProfile mBaseProfile; ///< a loaded profile (CRS, patterns, translations of unseen values)
    QMap<QString, QList<io::CodeListEntry>> mCodeLists;
    bool mFillingMapping = false;
    QLineEdit* mSourceCrs = nullptr;
    QLineEdit* mAccountPattern = nullptr;
    QMap<QString, QComboBox*> mSeverityCombos; ///< rule -> its severity
    QLabel* mValueScanStatus = nullptr;
    QProgressBar* mValueScanProgress = nullptr;
    QPushButton* mStopValueScan = nullptr;
    QThread* mValueScanThread = nullptr;
    std::shared_ptr<std::atomic<bool>> mStopValueScanFlag;
    QString mScannedPath; ///< the file whose values were scanned whole

    QLabel* mSummary = nullptr;
    QProgressBar* mDryRunProgress = nullptr;
    QTableWidget* mIssuesTable = nullptr;
    QCheckBox* mSkipInvalid = nullptr;
    QThread* mDryRunThread = nullptr;
    std::shared_ptr<std::atomic<bool>> mStopDryRun;
    std::shared_ptr<std::atomic<int>> mDryRunPermille;
    std::optional<io::ImportResult> mDryRunResult;
    QString mDryRunError;
};

} // namespace recheck::archiveui
