#pragma once

#include <QString>

#include <functional>
#include <optional>

namespace recheck::io {

/// What an import brings into the archive: customers from the MIS, or the
/// GIS's reference geography.
enum class ImportKind { Customers, Districts, Feeders, Roads };

QString importKindName(ImportKind kind);
std::optional<ImportKind> importKindFromName(const QString& name);

/// Text encoding of a source whose driver hands out raw bytes (CSV, and DBF
/// without a .cpg). Auto: UTF-8 when the bytes are valid UTF-8, else GB18030
/// (a superset of GBK and GB2312, which is what Chinese MIS exports use).
enum class SourceEncoding { Auto, Utf8, Gb18030 };

QString sourceEncodingName(SourceEncoding encoding);
/// AUTO, UTF-8/UTF8, GBK/GB18030/GB2312/CP936 (case-insensitive).
std::optional<SourceEncoding> sourceEncodingFromName(const QString& name);

/// One problem with one value of one row of a source file.
struct RowIssue {
    enum class Severity { Error, Warning };
    QString file;
    qint64 row = 0; ///< row in the file (spreadsheets and CSV: the header is row 1); 0 = whole file
    QString column; ///< source column as written in the file (empty: the row as a whole)
    QString field;  ///< archive field it maps to
    QString value;  ///< offending value (shortened)
    QString reason; ///< what is wrong, in words a person can act on
    Severity severity = Severity::Error;
};

/// Progress in [0, 1]; returning false asks the work to stop (it then rolls
/// back and throws RecheckError).
using ProgressCallback = std::function<bool(double)>;

} // namespace recheck::io
