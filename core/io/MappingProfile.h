#pragma once

#include "IoTypes.h"

#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <vector>

namespace recheck::io {

/// An archive field an import can fill, with the headers it is known by.
struct TargetField {
    enum class Type {
        Text,        ///< kept as written (trimmed)
        Number,      ///< decimal number
        Code,        ///< a code of `codeList` (code_lists table), translated
        DistrictRef, ///< districts.code, stored as district_uuid
        FeederRef,   ///< feeders.code, stored as feeder_uuid
        X,           ///< easting / longitude of the point
        Y,           ///< northing / latitude of the point
    };
    QString name;
    Type type = Type::Text;
    bool required = false;
    QString codeList;
    QString labelZh; ///< how the MIS usually heads the column
    /// Other headers meaning the same (compared after normalizeHeader()).
    QStringList synonyms;
};

/// How one source file maps onto the archive: saved as JSON so the office
/// sets a MIS export up once and the scheduled pull reuses it.
///
/// {
///   "kind": "customers", "encoding": "AUTO", "layer": "", "crs": "EPSG:4326",
///   "columns": {"户号": "account_no", "经度": "x", "纬度": "y", "备注": ""},
///   "values": {"usage_category": {"城镇居民": "RES"}},
///   "account_pattern": "^[0-9]{10}$",
///   "severity": {"phone": "warning", "missing_coordinates": "warning", "outside_districts": "error"}
/// }
///
/// Columns not named in "columns" are matched automatically by their
/// header; "" ignores a column.
class MappingProfile {
public:
    ImportKind kind = ImportKind::Customers;
    SourceEncoding encoding = SourceEncoding::Auto;
    QString layer;                  ///< layer of a multi-layer source (GPKG, XLSX sheet); empty: the first
    QString sourceCrs;              ///< CRS of X/Y columns or of a geometry without one; empty: the archive's
    QMap<QString, QString> columns; ///< source header -> archive field ("" ignore)
    QMap<QString, QMap<QString, QString>> valueMappings; ///< field -> source value -> code
    QString accountPattern;                              ///< empty: the default
    QMap<QString, RowIssue::Severity> severities;        ///< rule -> severity override

    static QString defaultAccountPattern();

    /// Rules whose severity a profile may change, with their defaults.
    static QMap<QString, RowIssue::Severity> defaultSeverities();
    RowIssue::Severity severity(const QString& rule) const;

    static MappingProfile fromJson(const QJsonObject& json, const QString& origin);
    QJsonObject toJson() const;
    /// Throws RecheckError (Io, InvalidInput) naming the file and the problem.
    static MappingProfile load(const QString& path);
    void save(const QString& path) const;

    /// The fields of `kind`, in the order exports write them.
    static const std::vector<TargetField>& targetFields(ImportKind kind);
    static const TargetField* targetField(ImportKind kind, const QString& name);

    /// Lower case, full-width folded, without spaces, punctuation and a
    /// trailing unit in brackets: "合同容量（kVA）" and "合同容量" compare equal.
    static QString normalizeHeader(const QString& header);
    /// The field a header means by its name alone, or empty.
    static QString autoMatch(ImportKind kind, const QString& header);

    /// field -> index in `headers`: the profile's explicit columns first,
    /// then automatic matches. A header mapped by neither is listed in
    /// `unmatched`. Throws InvalidInput when the profile names a field the
    /// kind does not have or two columns claim one field.
    QHash<QString, int> resolve(const QStringList& headers, QStringList* unmatched) const;
};

} // namespace recheck::io
