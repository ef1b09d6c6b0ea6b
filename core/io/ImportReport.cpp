#include "ImportReport.h"

#include "common/RecheckError.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

#include <cstring>

namespace recheck::io {

namespace {

QByteArray csvField(const QString& text) {
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r')) {
        bytes.replace("\"", "\"\"");
        bytes.prepend('"');
        bytes.append('"');
    }
    return bytes;
}

void openOrThrow(QFile& file) {
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw RecheckError(QStringLiteral("%1: cannot write the import report: %2")
                               .arg(file.fileName(), file.errorString())
                               .toStdString(),
                           RecheckError::Kind::Io);
}

} // namespace

QString ImportReportWriter::severityName(RowIssue::Severity severity) {
    return severity == RowIssue::Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
}

QString ImportReportWriter::basePath(const QString& path) {
    for (const char* suffix : {".csv", ".json"})
        if (path.endsWith(QLatin1String(suffix), Qt::CaseInsensitive))
            return path.left(path.size() - static_cast<int>(std::strlen(suffix)));
    return path;
}

ImportReportWriter::ImportReportWriter(const QString& base) {
    const QString b = basePath(base);
    QDir().mkpath(QFileInfo(b).absolutePath());
    mCsv.setFileName(b + QStringLiteral(".csv"));
    mJson.setFileName(b + QStringLiteral(".json"));
    openOrThrow(mCsv);
    openOrThrow(mJson);
    mCsv.write("\xEF\xBB\xBF"
               "file,row,column,field,value,severity,reason\n");
    mJson.write("{\n\"issues\": [");
}

ImportReportWriter::~ImportReportWriter() {
    if (!mFinished) {
        try {
            finish({});
        } catch (...) {
        }
    }
}

void ImportReportWriter::add(const RowIssue& issue) {
    QByteArray line;
    line += csvField(issue.file) + ',' + QByteArray::number(issue.row) + ',' + csvField(issue.column) + ',' +
            csvField(issue.field) + ',' + csvField(issue.value) + ',' +
            csvField(severityName(issue.severity)) + ',' + csvField(issue.reason) + '\n';
    mCsv.write(line);
    QJsonObject json{
        {QStringLiteral("file"), issue.file},     {QStringLiteral("row"), issue.row},
        {QStringLiteral("column"), issue.column}, {QStringLiteral("field"), issue.field},
        {QStringLiteral("value"), issue.value},   {QStringLiteral("severity"), severityName(issue.severity)},
        {QStringLiteral("reason"), issue.reason}};
    mJson.write(mFirst ? "\n  " : ",\n  ");
    mJson.write(QJsonDocument(json).toJson(QJsonDocument::Compact));
    mFirst = false;
}

void ImportReportWriter::finish(const QJsonObject& summary) {
    if (mFinished)
        return;
    mFinished = true;
    mJson.write("\n],\n\"summary\": ");
    mJson.write(QJsonDocument(summary).toJson(QJsonDocument::Indented));
    mJson.write("}\n");
    const bool ok =
        mCsv.flush() && mJson.flush() && mCsv.error() == QFile::NoError && mJson.error() == QFile::NoError;
    mCsv.close();
    mJson.close();
    if (!ok)
        throw RecheckError(QStringLiteral("%1: the import report could not be written completely")
                               .arg(mJson.fileName())
                               .toStdString(),
                           RecheckError::Kind::Io);
}

} // namespace recheck::io
