// The archive plugin's import and export wizards and import review dialog
// (plugins/archive ImportWizard, ExportWizard, ImportReviewDialog, IoTasks),
// driven offscreen over real files: a GBK CSV with Chinese headers, a real
// archive, QGIS's task manager and message bar.

#include "TestSupport.h"

#include "ExportWizard.h"
#include "ImportReviewDialog.h"
#include "ImportWizard.h"
#include "IoTasks.h"
#include "SyncUi.h"
#include "archive/Archive.h"
#include "common/Sqlite.h"

#include <qgsapplication.h>
#include <qgsmessagebar.h>
#include <qgsmessagebaritem.h>
#include <qgssettings.h>
#include <qgstaskmanager.h>

#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTableView>
#include <QTableWidget>
#include <QTextCodec>

#include <catch2/catch.hpp>

using namespace recheck;
using namespace recheck::archiveui;
using recheck::test::ScratchDir;
using recheck::test::sqlScalar;

namespace {

constexpr int kRows = 1500;
constexpr int kBadIndex = 6; // 0-based data row with a bad phone: file row 8 (the header is row 1)

/// A master with districts T001 (113.0–113.1 E, 23.0–23.1 N) and T002 east of it.
QString makeArchive(const ScratchDir& dir) {
    const QString path = dir.file(QStringLiteral("master.sqlite"));
    Archive::CreateOptions options;
    options.name = QStringLiteral("wizard county");
    Archive archive = Archive::create(path, options);
    archive.db().exec(QStringLiteral("INSERT INTO districts (code, name, updated_by, geom) VALUES "
                                     "('T001', '东村台区', 'gis', CastToMulti(GeomFromText('POLYGON((113 23, "
                                     "113.1 23, 113.1 23.1, 113 23.1, "
                                     "113 23))', 4490))),"
                                     "('T002', '西村台区', 'gis', CastToMulti(GeomFromText('POLYGON((113.1 "
                                     "23, 113.2 23, 113.2 23.1, 113.1 "
                                     "23.1, 113.1 23))', 4490)))"));
    return path;
}

/// A MIS export in GBK with Chinese headers: one unknown usage category
/// text (城镇居民) the wizard translates, a remark column nobody imports, and
/// one row with a phone number that is not one.
QString writeGbkExport(const ScratchDir& dir, int rows = kRows, int badIndex = kBadIndex) {
    QString text = QStringLiteral(
        "户号,户名,用电地址,联系电话,用电类别,电压等级,合同容量（kVA）,台区编号,备注,经度,纬度\n");
    for (int i = 0; i < rows; ++i) {
        const bool east = i % 2 == 0;
        text += QStringLiteral("%1,用户%2,%3村%2号,%4,%5,交流220V,%6,%7,,%8,%9\n")
                    .arg(QStringLiteral("01%1").arg(i, 8, 10, QLatin1Char('0')))
                    .arg(i)
                    .arg(east ? QStringLiteral("东") : QStringLiteral("西"))
                    .arg(i == badIndex ? QStringLiteral("123")
                                       : QStringLiteral("138%1").arg(i, 8, 10, QLatin1Char('0')))
                    .arg(i % 3 == 0 ? QStringLiteral("城镇居民") : QStringLiteral("居民生活用电"))
                    .arg(4 + i % 5)
                    .arg(east ? QStringLiteral("T001") : QStringLiteral("T002"))
                    .arg(east ? 113.05 : 113.15, 0, 'f', 4)
                    .arg(23.02 + (i % 50) * 0.001, 0, 'f', 4);
    }
    const QString path = dir.file(QStringLiteral("营销导出.csv"));
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(QTextCodec::codecForName("GB18030")->fromUnicode(text));
    return path;
}

/// What an import could change: customers, their versions, runs, reviews, log.
QString archiveState(const QString& path) {
    return sqlScalar(path,
                     QStringLiteral("SELECT (SELECT count(*) || '/' || total(row_version) || '/' || "
                                    "ifnull(group_concat(account_no || phone), '') FROM customers) || '|' || "
                                    "(SELECT count(*) FROM import_runs) || '|' || (SELECT count(*) FROM "
                                    "import_review) || '|' || (SELECT count(*) FROM change_log)"));
}

// Keeps a picture of a wizard page with the test artefacts.
void keepScreenshot(QWidget& widget, const QString& name) {
    const QString folder = QStringLiteral(RECHECK_TEST_SCRATCH_DIR "/../test-artifacts");
    QDir().mkpath(folder);
    widget.resize(960, 680);
    widget.grab().save(QDir(folder).filePath(name));
}

template <typename Outcome> struct TaskWait {
    bool done = false;
    Outcome outcome;
    std::function<void(const Outcome&)> callback() {
        return [this](const Outcome& o) {
            outcome = o;
            done = true;
        };
    }
    bool wait(int timeoutMs = 120000) {
        QElapsedTimer timer;
        timer.start();
        while (!done && timer.elapsed() < timeoutMs)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        return done;
    }
};

int issueRowWithNumber(const QTableWidget* table, qint64 row) {
    for (int r = 0; r < table->rowCount(); ++r)
        if (table->item(r, 0) && table->item(r, 0)->text() == QString::number(row))
            return r;
    return -1;
}

/// Takes a fresh wizard to its preview page over the export.
void driveToPreview(ImportWizard& wizard, const QString& archive, const QString& csv) {
    wizard.setArchivePath(archive);
    wizard.setKind(io::ImportKind::Customers);
    wizard.setEncoding(io::SourceEncoding::Auto);
    wizard.setSourcePath(csv);
    wizard.restart();
    REQUIRE(wizard.currentId() == ImportWizard::SourcePageId);
    REQUIRE(wizard.currentPage()->isComplete());
    wizard.next();
    REQUIRE(wizard.currentId() == ImportWizard::MappingPageId);
    wizard.setCodeForValue(QStringLiteral("usage_category"), QStringLiteral("城镇居民"),
                           QStringLiteral("RES"));
    REQUIRE(wizard.currentPage()->isComplete());
    wizard.next();
    REQUIRE(wizard.currentId() == ImportWizard::PreviewPageId);
    REQUIRE(wizard.waitForDryRun());
}

} // namespace

TEST_CASE("import wizard: GBK export with Chinese headers, auto-matched, checked, imported",
          "[qgis][io][wizard]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    const QString csv = writeGbkExport(dir);
    ImportWizard wizard;
    wizard.setArchivePath(archive);
    wizard.setKind(io::ImportKind::Customers);
    wizard.setEncoding(io::SourceEncoding::Auto);
    wizard.setSourcePath(csv);

    // Source page: the encoding is detected and the first rows decode.
    REQUIRE(wizard.preview());
    CHECK(wizard.encodingText().contains(QStringLiteral("GB18030")));
    CHECK(wizard.encodingText().contains(QStringLiteral("detected")));
    CHECK(wizard.preview()->columns.first() == "户号");
    CHECK(wizard.previewTable()->columnCount() == 11);
    CHECK(wizard.previewTable()->item(0, 1)->text() == "用户0");
    wizard.restart();
    REQUIRE(wizard.currentPage()->isComplete());
    keepScreenshot(wizard, QStringLiteral("import-wizard-source.png"));
    wizard.next();
    REQUIRE(wizard.currentId() == ImportWizard::MappingPageId);
    // The folder and encoding are remembered for next time.
    CHECK(QgsSettings().value(iosettings::lastFolderKey()).toString() == QFileInfo(csv).absolutePath());
    CHECK(QgsSettings().value(iosettings::lastEncodingKey()).toString() == "AUTO");

    // Mapping page: every column shows its automatic match in a combo box.
    CHECK(wizard.mappingTable()->rowCount() == 11);
    CHECK(wizard.fieldForColumn(QStringLiteral("户号")) == "account_no");
    CHECK(wizard.fieldForColumn(QStringLiteral("户名")) == "name");
    CHECK(wizard.fieldForColumn(QStringLiteral("联系电话")) == "phone");
    CHECK(wizard.fieldForColumn(QStringLiteral("合同容量（kVA）")) == "contracted_capacity");
    CHECK(wizard.fieldForColumn(QStringLiteral("台区编号")) == "district_code");
    CHECK(wizard.fieldForColumn(QStringLiteral("经度")) == "x");
    CHECK(wizard.fieldForColumn(QStringLiteral("备注")).isEmpty());
    auto* combo = qobject_cast<QComboBox*>(wizard.mappingTable()->cellWidget(0, 2));
    REQUIRE(combo);
    CHECK(combo->currentData().toString() == "account_no");
    // Values: the code list's own label matches, the MIS's own text does not.
    CHECK(wizard.codeForValue(QStringLiteral("usage_category"), QStringLiteral("居民生活用电")) == "RES");
    CHECK(wizard.codeForValue(QStringLiteral("voltage_level"), QStringLiteral("交流220V")) == "AC220V");
    CHECK(wizard.codeForValue(QStringLiteral("usage_category"), QStringLiteral("城镇居民")).isEmpty());
    wizard.setCodeForValue(QStringLiteral("usage_category"), QStringLiteral("城镇居民"),
                           QStringLiteral("RES"));
    CHECK(wizard.mappingProblems().isEmpty());
    // Unmapping the account number is a problem the page will not pass.
    wizard.setFieldForColumn(QStringLiteral("户号"), QString());
    CHECK_FALSE(wizard.currentPage()->isComplete());
    CHECK_FALSE(wizard.mappingProblems().isEmpty());
    wizard.setFieldForColumn(QStringLiteral("户号"), QStringLiteral("account_no"));
    CHECK(wizard.currentPage()->isComplete());
    keepScreenshot(wizard, QStringLiteral("import-wizard-mapping.png"));

    // The mapping saves as a profile the CLI reads, and loads back.
    const QString profilePath = dir.file(QStringLiteral("mis.json"));
    QString error;
    REQUIRE(wizard.saveProfile(profilePath, &error));
    {
        const io::MappingProfile saved = io::MappingProfile::load(profilePath);
        CHECK(saved.columns.value(QStringLiteral("户号")) == "account_no");
        CHECK(saved.columns.value(QStringLiteral("备注")).isEmpty());
        CHECK(saved.valueMappings.value(QStringLiteral("usage_category")).value(QStringLiteral("城镇居民")) ==
              "RES");
        CHECK_FALSE(saved.valueMappings.value(QStringLiteral("usage_category"))
                        .contains(QStringLiteral("居民生活用电")));
    }
    wizard.setCodeForValue(QStringLiteral("usage_category"), QStringLiteral("城镇居民"), QString());
    REQUIRE(wizard.loadProfile(profilePath, &error));
    CHECK(wizard.codeForValue(QStringLiteral("usage_category"), QStringLiteral("城镇居民")) == "RES");
    CHECK(wizard.fieldForColumn(QStringLiteral("户号")) == "account_no");

    // Preview page: a dry run over the whole file, nothing written.
    const QString before = archiveState(archive);
    wizard.next();
    REQUIRE(wizard.currentId() == ImportWizard::PreviewPageId);
    REQUIRE(wizard.waitForDryRun());
    CHECK(wizard.dryRunError().isEmpty());
    REQUIRE(wizard.dryRunResult());
    CHECK(wizard.dryRunResult()->rowsRead == kRows);
    CHECK(wizard.dryRunResult()->rejected == 1);
    CHECK(wizard.dryRunResult()->inserted == kRows - 1);
    const int issue = issueRowWithNumber(wizard.issuesTable(), kBadIndex + 2);
    REQUIRE(issue >= 0);
    CHECK(wizard.issuesTable()->item(issue, 1)->text() == "联系电话");
    CHECK(wizard.issuesTable()->item(issue, 3)->text() == "123");
    CHECK_FALSE(wizard.issuesTable()->item(issue, 4)->text().isEmpty());
    CHECK(archiveState(archive) == before);
    // One invalid row: nothing can be imported unless it is skipped.
    CHECK_FALSE(wizard.currentPage()->isComplete());
    wizard.setSkipInvalid(true);
    CHECK(wizard.currentPage()->isComplete());
    keepScreenshot(wizard, QStringLiteral("import-wizard-check.png"));

    // Finishing runs the import as a task; the message bar tells the outcome.
    const ImportRequest request = wizard.request();
    CHECK(request.options.skipInvalid);
    CHECK_FALSE(request.options.dryRun);
    QgsMessageBar bar;
    TaskWait<ImportOutcome> wait;
    startImportTask(request, &bar, wait.callback());
    REQUIRE(wait.wait());
    CHECK(wait.outcome.error.isEmpty());
    CHECK(wait.outcome.result.applied);
    CHECK(sqlScalar(archive, QStringLiteral("SELECT count(*) FROM customers")) == QString::number(kRows - 1));
    CHECK(sqlScalar(archive,
                    QStringLiteral("SELECT count(*) FROM customers WHERE account_no = '0100000006'")) == "0");
    CHECK(sqlScalar(archive,
                    QStringLiteral("SELECT name || ' ' || usage_category || ' ' || voltage_level FROM "
                                   "customers WHERE account_no = '0100000003'")) == "用户3 RES AC220V");
    CHECK(sqlScalar(archive, QStringLiteral("SELECT d.code FROM customers c JOIN districts d ON d.uuid = "
                                            "c.district_uuid WHERE c.account_no = '0100000001'")) == "T002");
    CHECK(sqlScalar(archive,
                    QStringLiteral("SELECT rows_rejected || ' ' || skip_invalid FROM import_runs")) == "1 1");
    CHECK(QFileInfo::exists(wait.outcome.result.reportCsv));
    CHECK(QFileInfo::exists(wait.outcome.result.reportJson));
    QFile report(wait.outcome.result.reportCsv);
    REQUIRE(report.open(QIODevice::ReadOnly));
    CHECK(QString::fromUtf8(report.readAll()).contains(QStringLiteral("联系电话")));
    REQUIRE(bar.currentItem());
    CHECK(bar.currentItem()->title() == "Imported");
    CHECK(bar.currentItem()->text().contains(QString::number(kRows - 1) + QStringLiteral(" inserted")));
}

TEST_CASE("import wizard: values to translate come from the whole file, the profile's rules are edited",
          "[qgis][io][wizard]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    // 6 000 rows, more than the first rows the page reads at once, and a
    // usage category only the last row has.
    const QString csv = writeGbkExport(dir, 6000);
    {
        QFile file(csv);
        REQUIRE(file.open(QIODevice::Append));
        file.write(QTextCodec::codecForName("GB18030")->fromUnicode(QStringLiteral(
            "0199999999,用户末,东村末号,13812345678,农村居民,交流220V,5,T001,,113.05,23.03\n")));
    }
    const QString lateValue = QStringLiteral("农村居民");
    const auto offered = [&](const ImportWizard& w, const QString& value) {
        for (int r = 0; r < w.valueTable()->rowCount(); ++r)
            if (w.valueTable()->item(r, 1)->text() == value)
                return true;
        return false;
    };

    // Stopped at once: the values of the first rows stay offered, and the
    // page can be left.
    {
        ImportWizard wizard;
        wizard.setArchivePath(archive);
        wizard.setKind(io::ImportKind::Customers);
        wizard.setSourcePath(csv);
        wizard.restart();
        wizard.next();
        REQUIRE(wizard.currentId() == ImportWizard::MappingPageId);
        CHECK(wizard.valueScanRunning());
        CHECK_FALSE(wizard.currentPage()->isComplete());
        wizard.stopValueScan();
        CHECK_FALSE(wizard.valueScanRunning());
        CHECK_FALSE(offered(wizard, lateValue));
        CHECK(offered(wizard, QStringLiteral("城镇居民")));
        CHECK(wizard.valueScanText().contains(QStringLiteral("5000")));
        wizard.setCodeForValue(QStringLiteral("usage_category"), QStringLiteral("城镇居民"),
                               QStringLiteral("RES"));
        CHECK(wizard.currentPage()->isComplete());
    }

    ImportWizard wizard;
    wizard.setArchivePath(archive);
    wizard.setKind(io::ImportKind::Customers);
    wizard.setSourcePath(csv);
    wizard.restart();
    wizard.next();
    REQUIRE(wizard.currentId() == ImportWizard::MappingPageId);
    // A code chosen while the scan runs survives the value table's refill.
    wizard.setCodeForValue(QStringLiteral("usage_category"), QStringLiteral("城镇居民"),
                           QStringLiteral("RES"));
    REQUIRE(wizard.waitForValueScan());
    CHECK(offered(wizard, lateValue));
    CHECK(wizard.codeForValue(QStringLiteral("usage_category"), QStringLiteral("城镇居民")) == "RES");
    CHECK(wizard.codeForValue(QStringLiteral("usage_category"), lateValue).isEmpty());
    CHECK(wizard.valueScanText().contains(QStringLiteral("whole file")));
    wizard.setCodeForValue(QStringLiteral("usage_category"), lateValue, QStringLiteral("AGR"));
    CHECK(wizard.codeForValue(QStringLiteral("usage_category"), lateValue) == "AGR");

    // The rules: defaults shown, bad input is a problem the page will not pass.
    CHECK(wizard.sourceCrs().isEmpty());
    CHECK(wizard.ruleSeverity(QStringLiteral("phone")) == io::RowIssue::Severity::Error);
    CHECK(wizard.ruleSeverity(QStringLiteral("missing_coordinates")) == io::RowIssue::Severity::Warning);
    wizard.setSourceCrs(QStringLiteral("EPSG:999999"));
    CHECK_FALSE(wizard.currentPage()->isComplete());
    CHECK(wizard.mappingProblems().join(QLatin1Char(' ')).contains(QStringLiteral("EPSG:999999")));
    wizard.setSourceCrs(QStringLiteral("EPSG:4326"));
    wizard.setAccountPattern(QStringLiteral("^01[0-9"));
    CHECK_FALSE(wizard.currentPage()->isComplete());
    wizard.setAccountPattern(QStringLiteral("^01[0-9]{8}$"));
    wizard.setRuleSeverity(QStringLiteral("phone"), io::RowIssue::Severity::Warning);
    CHECK(wizard.currentPage()->isComplete());
    const io::MappingProfile profile = wizard.profile();
    CHECK(profile.sourceCrs == "EPSG:4326");
    CHECK(profile.accountPattern == "^01[0-9]{8}$");
    CHECK(profile.severities.value(QStringLiteral("phone")) == io::RowIssue::Severity::Warning);
    CHECK_FALSE(profile.severities.contains(QStringLiteral("missing_coordinates")));
    CHECK(profile.valueMappings.value(QStringLiteral("usage_category")).value(lateValue) == "AGR");

    // The dry run applies them: the bad phone is a warning now, the row
    // with the late category is translated, every account fits the pattern.
    wizard.next();
    REQUIRE(wizard.currentId() == ImportWizard::PreviewPageId);
    REQUIRE(wizard.waitForDryRun());
    REQUIRE(wizard.dryRunResult());
    CHECK(wizard.dryRunResult()->rowsRead == 6001);
    CHECK(wizard.dryRunResult()->rejected == 0);
    CHECK(wizard.dryRunResult()->warnings >= 1);
    CHECK(wizard.currentPage()->isComplete());

    // A loaded profile's rules are shown to be edited, and saved back.
    const QString path = dir.file(QStringLiteral("profile.json"));
    {
        QFile file(path);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(R"({"kind": "customers", "crs": "EPSG:4490", "account_pattern": "^0[0-9]{9}$",
                       "severity": {"outside_districts": "error", "phone": "warning"}})");
    }
    wizard.back();
    REQUIRE(wizard.currentId() == ImportWizard::MappingPageId);
    QString error;
    REQUIRE(wizard.loadProfile(path, &error));
    CHECK(wizard.sourceCrs() == "EPSG:4490");
    CHECK(wizard.accountPattern() == "^0[0-9]{9}$");
    CHECK(wizard.ruleSeverity(QStringLiteral("outside_districts")) == io::RowIssue::Severity::Error);
    CHECK(wizard.ruleSeverity(QStringLiteral("phone")) == io::RowIssue::Severity::Warning);
    wizard.setRuleSeverity(QStringLiteral("missing_coordinates"), io::RowIssue::Severity::Error);
    REQUIRE(wizard.saveProfile(dir.file(QStringLiteral("saved.json")), &error));
    const io::MappingProfile saved = io::MappingProfile::load(dir.file(QStringLiteral("saved.json")));
    CHECK(saved.sourceCrs == "EPSG:4490");
    CHECK(saved.accountPattern == "^0[0-9]{9}$");
    CHECK(saved.severity(QStringLiteral("outside_districts")) == io::RowIssue::Severity::Error);
    CHECK(saved.severity(QStringLiteral("missing_coordinates")) == io::RowIssue::Severity::Error);
    CHECK(saved.severity(QStringLiteral("phone")) == io::RowIssue::Severity::Warning);
    keepScreenshot(wizard, QStringLiteral("import-wizard-rules.png"));
}

TEST_CASE("import wizard: cancelling the wizard or the running import changes nothing",
          "[qgis][io][wizard]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    const QString csv = writeGbkExport(dir);
    const QString before = archiveState(archive);

    SECTION("the wizard closed on its check page") {
        ImportWizard wizard;
        driveToPreview(wizard, archive, csv);
        CHECK(wizard.dryRunResult());
        wizard.reject();
        CHECK(archiveState(archive) == before);
    }
    SECTION("closed while its dry run is running") {
        auto wizard = std::make_unique<ImportWizard>();
        wizard->setArchivePath(archive);
        wizard->setSourcePath(csv);
        wizard->restart();
        wizard->next();
        wizard->setCodeForValue(QStringLiteral("usage_category"), QStringLiteral("城镇居民"),
                                QStringLiteral("RES"));
        wizard->next();
        wizard.reset(); // stops and joins the dry run
        CHECK(archiveState(archive) == before);
    }
    SECTION("the import task cancelled while it runs") {
        ImportWizard wizard;
        driveToPreview(wizard, archive, csv);
        wizard.setSkipInvalid(true);
        QgsMessageBar bar;
        TaskWait<ImportOutcome> wait;
        QgsTask* task = startImportTask(wizard.request(), &bar, wait.callback());
        // Cancelled from the worker thread at its first progress report
        // (after 1024 of the 1500 rows were written in the transaction).
        QObject::connect(
            task, &QgsTask::progressChanged, task,
            [task](double p) {
                if (p > 0)
                    task->cancel();
            },
            Qt::DirectConnection);
        REQUIRE(wait.wait());
        CHECK(wait.outcome.cancelled);
        CHECK_FALSE(wait.outcome.result.applied);
        CHECK(archiveState(archive) == before);
        REQUIRE(bar.currentItem());
        CHECK(bar.currentItem()->title() == "Import cancelled");
    }
}

TEST_CASE("import wizard: a file it cannot use is said on the page and the wizard stops there",
          "[qgis][io][wizard]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    const QString missing = dir.file(QStringLiteral("nothing.csv"));
    ImportWizard wizard;
    wizard.setArchivePath(archive);
    wizard.setSourcePath(missing);
    wizard.restart();
    CHECK_FALSE(wizard.preview());
    CHECK_THAT(wizard.previewError().toStdString(), Catch::Contains("nothing.csv"));
    CHECK_FALSE(wizard.currentPage()->isComplete());

    // A header only: mapped, then the dry run names the problem.
    const QString empty = dir.file(QStringLiteral("empty.csv"));
    QFile f(empty);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(QTextCodec::codecForName("GB18030")->fromUnicode(QStringLiteral("户号,户名\n")));
    f.close();
    wizard.setSourcePath(empty);
    REQUIRE(wizard.currentPage()->isComplete());
    wizard.next();
    wizard.next();
    REQUIRE(wizard.waitForDryRun());
    CHECK_THAT(wizard.dryRunError().toStdString(), Catch::Contains("no data rows"));
    CHECK_FALSE(wizard.currentPage()->isComplete());
}

TEST_CASE("export wizard: GBK CSV of the changed customers, run as a task", "[qgis][io][wizard]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    {
        ImportRequest request;
        request.archivePath = archive;
        request.sourcePath = writeGbkExport(dir, 40, -1);
        request.options.profile.valueMappings[QStringLiteral("usage_category")].insert(
            QStringLiteral("城镇居民"), QStringLiteral("RES"));
        REQUIRE(runImport(request).result.applied);
    }
    ExportWizard wizard(archive);
    wizard.restart();
    CHECK(wizard.selectedCount() == 40);
    wizard.setVerifiedOnly(true);
    CHECK(wizard.selectedCount() == 0);
    CHECK_FALSE(wizard.currentPage()->isComplete());
    wizard.setVerifiedOnly(false);
    wizard.setChangedSince(QDate(2000, 1, 1));
    CHECK(wizard.selectedCount() == 40);
    REQUIRE(wizard.currentPage()->isComplete());
    wizard.next();
    REQUIRE(wizard.currentId() == ExportWizard::FilePageId);
    wizard.setFormat(ExportWizard::Format::Csv);
    wizard.setEncoding(io::SourceEncoding::Gb18030);
    const QString target = dir.file(QStringLiteral("回传.csv"));
    wizard.setTargetPath(target);
    REQUIRE(wizard.currentPage()->isComplete());
    const ExportRequest request = wizard.request();
    CHECK(request.options.changedSince == "2000-01-01");
    QgsMessageBar bar;
    TaskWait<ExportOutcome> wait;
    startExportTask(request, &bar, wait.callback());
    REQUIRE(wait.wait());
    CHECK(wait.outcome.error.isEmpty());
    CHECK(wait.outcome.result.rows == 40);
    QFile file(target);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    const QString text = QTextCodec::codecForName("GB18030")->toUnicode(bytes);
    CHECK(text.contains(QStringLiteral("用户39")));
    CHECK_FALSE(QString::fromUtf8(bytes).contains(QStringLiteral("用户39"))); // not UTF-8
    REQUIRE(bar.currentItem());
    CHECK(bar.currentItem()->title() == "Exported");
    // Another format keeps the file name and changes its suffix.
    wizard.setFormat(ExportWizard::Format::Gpkg);
    CHECK(wizard.targetPath() == dir.file(QStringLiteral("回传.gpkg")));
}

TEST_CASE("import review dialog: accept writes the MIS value as the staff member, reject keeps the archive's",
          "[qgis][io][review]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    ImportRequest request;
    request.archivePath = archive;
    request.sourcePath = writeGbkExport(dir, 10, -1);
    request.options.profile.valueMappings[QStringLiteral("usage_category")].insert(QStringLiteral("城镇居民"),
                                                                                   QStringLiteral("RES"));
    REQUIRE(runImport(request).result.applied);
    // Two customers corrected in the field since (edits by another tool).
    {
        SqliteDatabase db(archive, SqliteDatabase::Mode::ReadWrite);
        db.exec(
            QStringLiteral("UPDATE customers SET phone = '13911111111' WHERE account_no = '0100000001';"
                           "UPDATE customers SET phone = '13922222222' WHERE account_no = '0100000002';"));
    }
    // The MIS sends the same file again: both phones are held for review.
    {
        QFile::remove(request.sourcePath);
        request.sourcePath = writeGbkExport(dir, 10, -1);
        const ImportOutcome again = runImport(request);
        REQUIRE(again.error.isEmpty());
        REQUIRE(again.result.forReview == 2);
    }
    QgsSettings().setValue(QStringLiteral("recheck/staffId"), QStringLiteral("office-zhao"));
    ImportReviewDialog dialog(archive);
    REQUIRE(dialog.model()->rowCount() == 2);
    const auto& items = dialog.model()->items();
    const int first = items.at(0).naturalKey == "0100000001" ? 0 : 1;
    const int second = 1 - first;
    CHECK(dialog.model()->data(dialog.model()->index(first, ImportReviewModel::ArchiveColumn)).toString() ==
          "13911111111");
    CHECK(dialog.model()->data(dialog.model()->index(first, ImportReviewModel::MisColumn)).toString() ==
          "13800000001");

    dialog.selectRows({first});
    REQUIRE(dialog.acceptSelected());
    CHECK(sqlScalar(archive,
                    QStringLiteral("SELECT phone || ' ' || updated_by FROM customers WHERE account_no = "
                                   "'0100000001'")) == "13800000001 office-zhao");
    REQUIRE(dialog.model()->rowCount() == 1);
    dialog.selectRows({0});
    REQUIRE(dialog.rejectSelected());
    Q_UNUSED(second);
    CHECK(sqlScalar(archive, QStringLiteral("SELECT phone FROM customers WHERE account_no = '0100000002'")) ==
          "13922222222");
    CHECK(sqlScalar(archive,
                    QStringLiteral("SELECT group_concat(status || ':' || reviewed_by, ' ') FROM (SELECT * "
                                   "FROM import_review ORDER BY natural_key)")) ==
          "accepted:office-zhao rejected:office-zhao");
    CHECK(dialog.model()->rowCount() == 0);
    QgsSettings().remove(QStringLiteral("recheck/staffId"));
}
