#include "ArchiveSchema.h"

#include "common/Sqlite.h"
#include "search/SearchIndex.h"

namespace recheck {

namespace {

// Columns every synced table carries. updated_by is set by Recheck's writers
// in the same statement; an edit made with another tool keeps the default.
QString syncColumns() {
    return QStringLiteral("uuid TEXT NOT NULL UNIQUE DEFAULT (%1) CHECK (length(uuid) = 36),\n"
                          "  row_version INTEGER NOT NULL DEFAULT 1,\n"
                          "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),\n"
                          "  updated_by TEXT NOT NULL DEFAULT 'external'")
        .arg(ArchiveSchema::uuidSqlExpression());
}

// Migration 1: the domain tables, code lists and metadata.
QStringList migration1Tables() {
    const QString sync = syncColumns();
    return {
        QStringLiteral("CREATE TABLE archive_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        // Code lists: one table, labels in both shipped languages.
        QStringLiteral("CREATE TABLE code_lists (\n"
                       "  list TEXT NOT NULL, code TEXT NOT NULL, label_zh TEXT NOT NULL, label_en TEXT NOT NULL,\n"
                       "  sort_order INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (list, code)) WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE feeders (\n"
                       "  fid INTEGER PRIMARY KEY,\n  %1,\n"
                       "  code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, substation TEXT, voltage_level TEXT)")
            .arg(sync),
        QStringLiteral("CREATE TABLE districts (\n"
                       "  fid INTEGER PRIMARY KEY,\n  %1,\n"
                       "  code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,\n"
                       "  feeder_uuid TEXT REFERENCES feeders(uuid) DEFERRABLE INITIALLY DEFERRED,\n"
                       "  transformer_kva REAL, county TEXT)")
            .arg(sync),
        QStringLiteral("CREATE TABLE staff (\n"
                       "  fid INTEGER PRIMARY KEY,\n  %1,\n"
                       "  code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, phone TEXT, email TEXT,\n"
                       "  role TEXT NOT NULL DEFAULT 'inspector',\n"
                       "  supervisor_uuid TEXT REFERENCES staff(uuid) DEFERRABLE INITIALLY DEFERRED,\n"
                       "  language TEXT NOT NULL DEFAULT 'zh_CN', digest TEXT NOT NULL DEFAULT 'daily',\n"
                       "  capacity_per_day INTEGER NOT NULL DEFAULT 40 CHECK (capacity_per_day > 0))")
            .arg(sync),
        QStringLiteral("CREATE TABLE staff_districts (\n"
                       "  fid INTEGER PRIMARY KEY,\n  %1,\n"
                       "  staff_uuid TEXT NOT NULL REFERENCES staff(uuid) DEFERRABLE INITIALLY DEFERRED,\n"
                       "  district_uuid TEXT NOT NULL REFERENCES districts(uuid) DEFERRABLE INITIALLY DEFERRED,\n"
                       "  role TEXT NOT NULL DEFAULT 'responsible', UNIQUE (staff_uuid, district_uuid, role))")
            .arg(sync),
        QStringLiteral("CREATE TABLE customers (\n"
                       "  fid INTEGER PRIMARY KEY,\n  %1,\n"
                       "  account_no TEXT NOT NULL UNIQUE CHECK (length(trim(account_no)) > 0),\n"
                       "  name TEXT NOT NULL, address TEXT, phone TEXT,\n"
                       "  usage_category TEXT, voltage_level TEXT,\n"
                       "  contracted_capacity REAL CHECK (contracted_capacity IS NULL OR contracted_capacity >= 0),\n"
                       "  monthly_kwh REAL, meter_asset_no TEXT,\n"
                       "  district_uuid TEXT REFERENCES districts(uuid) DEFERRABLE INITIALLY DEFERRED,\n"
                       "  feeder_uuid TEXT REFERENCES feeders(uuid) DEFERRABLE INITIALLY DEFERRED,\n"
                       "  status TEXT NOT NULL DEFAULT 'active', mis_updated_at TEXT)")
            .arg(sync),
        QStringLiteral("CREATE INDEX customers_district ON customers (district_uuid)"),
        QStringLiteral("CREATE INDEX customers_meter ON customers (meter_asset_no)"),
        QStringLiteral("CREATE TABLE plans (\n"
                       "  fid INTEGER PRIMARY KEY,\n  %1,\n"
                       "  code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,\n"
                       "  kind TEXT NOT NULL DEFAULT 'periodic' CHECK (kind IN ('periodic', 'adhoc', 'urgent')),\n"
                       "  cycle_months INTEGER CHECK (cycle_months IS NULL OR cycle_months > 0),\n"
                       "  cycle_start TEXT, duration_days INTEGER NOT NULL DEFAULT 14,\n"
                       "  status TEXT NOT NULL DEFAULT 'active', note TEXT)")
            .arg(sync),
        QStringLiteral("CREATE TABLE tasks (\n"
                       "  fid INTEGER PRIMARY KEY,\n  %1,\n"
                       "  plan_uuid TEXT REFERENCES plans(uuid) DEFERRABLE INITIALLY DEFERRED,\n"
                       "  district_uuid TEXT NOT NULL REFERENCES districts(uuid) DEFERRABLE INITIALLY DEFERRED,\n"
                       "  assignee_uuid TEXT REFERENCES staff(uuid) DEFERRABLE INITIALLY DEFERRED,\n"
                       "  status TEXT NOT NULL DEFAULT 'draft'\n"
                       "    CHECK (status IN ('draft', 'issued', 'in_progress', 'done', 'cancelled')),\n"
                       "  priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'urgent')),\n"
                       "  period_key TEXT, planned_start TEXT, planned_end TEXT,\n"
                       "  baseline_start TEXT, baseline_end TEXT, actual_start TEXT, actual_end TEXT, note TEXT)")
            .arg(sync),
        QStringLiteral("CREATE INDEX tasks_district ON tasks (district_uuid)"),
        QStringLiteral("CREATE INDEX tasks_assignee ON tasks (assignee_uuid)"),
        QStringLiteral("CREATE TABLE task_scope (\n"
                       "  fid INTEGER PRIMARY KEY,\n  %1,\n"
                       "  task_uuid TEXT NOT NULL REFERENCES tasks(uuid) DEFERRABLE INITIALLY DEFERRED,\n"
                       "  customer_uuid TEXT NOT NULL REFERENCES customers(uuid) DEFERRABLE INITIALLY DEFERRED,\n"
                       "  route_order INTEGER, UNIQUE (task_uuid, customer_uuid))")
            .arg(sync),
        QStringLiteral("CREATE INDEX task_scope_customer ON task_scope (customer_uuid)"),
        QStringLiteral("CREATE TABLE visits (\n"
                       "  fid INTEGER PRIMARY KEY,\n  %1,\n"
                       "  task_uuid TEXT REFERENCES tasks(uuid) DEFERRABLE INITIALLY DEFERRED,\n"
                       "  customer_uuid TEXT NOT NULL REFERENCES customers(uuid) DEFERRABLE INITIALLY DEFERRED,\n"
                       "  staff_uuid TEXT REFERENCES staff(uuid) DEFERRABLE INITIALLY DEFERRED,\n"
                       "  visited_at TEXT NOT NULL,\n"
                       "  result TEXT NOT NULL CHECK (result IN ('ok', 'discrepancy', 'unreachable', 'refused')),\n"
                       "  note TEXT, gps_time TEXT, gps_accuracy_m REAL, gps_satellites INTEGER,\n"
                       "  distance_m REAL, warnings TEXT)")
            .arg(sync),
        QStringLiteral("CREATE INDEX visits_customer ON visits (customer_uuid)"),
        QStringLiteral("CREATE INDEX visits_task ON visits (task_uuid)"),
        QStringLiteral("CREATE TABLE discrepancies (\n"
                       "  fid INTEGER PRIMARY KEY,\n  %1,\n"
                       "  visit_uuid TEXT REFERENCES visits(uuid) DEFERRABLE INITIALLY DEFERRED,\n"
                       "  customer_uuid TEXT NOT NULL REFERENCES customers(uuid) DEFERRABLE INITIALLY DEFERRED,\n"
                       "  field TEXT NOT NULL, archive_value TEXT, observed_value TEXT,\n"
                       "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),\n"
                       "  reviewed_by TEXT, reviewed_at TEXT)")
            .arg(sync),
        QStringLiteral("CREATE INDEX discrepancies_customer ON discrepancies (customer_uuid)"),
        // Reference geography, not synced field data: the road network used
        // for routing. oneway: 0 both ways, 1 along the line, -1 against it.
        QStringLiteral("CREATE TABLE roads (\n"
                       "  fid INTEGER PRIMARY KEY, name TEXT, road_class TEXT,\n"
                       "  oneway INTEGER NOT NULL DEFAULT 0 CHECK (oneway IN (-1, 0, 1)))"),
    };
}

struct GeometryColumn {
    const char* table;
    const char* type;
    bool archiveCrs;
};

// Geometry columns created by migration 1 (roads and staff offices are not in
// syncedTables()' geometry list because roads do not sync and staff's point is
// an optional depot).
const GeometryColumn kMigration1Geometries[] = {
    {"feeders", "MULTILINESTRING", true}, {"districts", "MULTIPOLYGON", true}, {"staff", "POINT", true},
    {"customers", "POINT", true},         {"visits", "POINT", false},          {"roads", "MULTILINESTRING", true},
};

QStringList codeListRows() {
    // list, code, zh, en
    static const char* rows[][4] = {
        {"usage_category", "RES", "居民生活用电", "Residential"},
        {"usage_category", "COM", "一般工商业用电", "General commercial and industrial"},
        {"usage_category", "IND", "大工业用电", "Large industrial"},
        {"usage_category", "AGR", "农业生产用电", "Agricultural production"},
        {"usage_category", "PUB", "公共照明用电", "Public lighting"},
        {"voltage_level", "AC220V", "交流220V", "AC 220 V"},
        {"voltage_level", "AC380V", "交流380V", "AC 380 V"},
        {"voltage_level", "AC10KV", "交流10kV", "AC 10 kV"},
        {"voltage_level", "AC35KV", "交流35kV", "AC 35 kV"},
        {"customer_status", "active", "正常用电", "Active"},
        {"customer_status", "suspended", "暂停", "Suspended"},
        {"customer_status", "closed", "销户", "Closed"},
        {"visit_result", "ok", "核查无误", "Checked OK"},
        {"visit_result", "discrepancy", "存在差异", "Discrepancy"},
        {"visit_result", "unreachable", "无法到达", "Unreachable"},
        {"visit_result", "refused", "拒绝核查", "Refused"},
        {"task_status", "draft", "草稿", "Draft"},
        {"task_status", "issued", "已下达", "Issued"},
        {"task_status", "in_progress", "进行中", "In progress"},
        {"task_status", "done", "已完成", "Done"},
        {"task_status", "cancelled", "已取消", "Cancelled"},
        {"task_priority", "normal", "普通", "Normal"},
        {"task_priority", "urgent", "紧急", "Urgent"},
        {"plan_kind", "periodic", "周期复查", "Periodic"},
        {"plan_kind", "adhoc", "临时复查", "Ad hoc"},
        {"plan_kind", "urgent", "紧急复查", "Urgent"},
        {"discrepancy_status", "open", "待处理", "Open"},
        {"discrepancy_status", "accepted", "已采纳", "Accepted"},
        {"discrepancy_status", "rejected", "已驳回", "Rejected"},
        {"staff_role", "inspector", "复查员", "Inspector"},
        {"staff_role", "supervisor", "班长", "Supervisor"},
        {"staff_role", "dispatcher", "调度员", "Dispatcher"},
        {"digest", "none", "不汇总", "None"},
        {"digest", "daily", "每日", "Daily"},
        {"digest", "weekly", "每周", "Weekly"},
        {"digest", "monthly", "每月", "Monthly"},
    };
    QStringList out;
    int order = 0;
    QString lastList;
    for (const auto& r : rows) {
        const QString list = QString::fromUtf8(r[0]);
        order = list == lastList ? order + 1 : 0;
        lastList = list;
        out << QStringLiteral("INSERT INTO code_lists VALUES ('%1', '%2', '%3', '%4', %5)")
                   .arg(list, QString::fromUtf8(r[1]), QString::fromUtf8(r[2]), QString::fromUtf8(r[3]))
                   .arg(order);
    }
    return out;
}

void runMigration1(SqliteDatabase& db, int srid) {
    // Spatial metadata with only the reference systems we use: the archive CRS
    // and WGS 84 for GPS fixes (the full EPSG table would add megabytes to
    // every package).
    if (db.scalar(QStringLiteral("SELECT InitSpatialMetadata(0, 'NONE')")).toInt() != 1)
        db.throwError(QStringLiteral("InitSpatialMetadata failed"));
    for (int s : {srid, 4326}) {
        SqliteStatement exists(db, QStringLiteral("SELECT count(*) FROM spatial_ref_sys WHERE srid = ?"));
        exists.bind(1, static_cast<std::int64_t>(s));
        exists.step();
        if (exists.int64(0) == 0) {
            SqliteStatement insert(db, QStringLiteral("SELECT InsertEpsgSrid(?)"));
            insert.bind(1, static_cast<std::int64_t>(s));
            if (!insert.step() || insert.int64(0) != 1)
                throw RecheckError(QStringLiteral("%1: EPSG:%2 is not a reference system SpatiaLite knows")
                                       .arg(db.path())
                                       .arg(s)
                                       .toStdString(),
                                   RecheckError::Kind::InvalidInput);
        }
    }
    for (const QString& sql : migration1Tables())
        db.exec(sql);
    for (const GeometryColumn& g : kMigration1Geometries) {
        SqliteStatement add(db, QStringLiteral("SELECT AddGeometryColumn(?, 'geom', ?, ?, 'XY')"));
        add.bind(1, g.table).bind(2, static_cast<std::int64_t>(g.archiveCrs ? srid : 4326)).bind(3, g.type);
        if (!add.step() || add.int64(0) != 1)
            db.throwError(QStringLiteral("AddGeometryColumn(%1) failed").arg(QString::fromUtf8(g.table)));
        SqliteStatement index(db, QStringLiteral("SELECT CreateSpatialIndex(?, 'geom')"));
        index.bind(1, g.table);
        if (!index.step() || index.int64(0) != 1)
            db.throwError(QStringLiteral("CreateSpatialIndex(%1) failed").arg(QString::fromUtf8(g.table)));
    }
    for (const QString& sql : codeListRows())
        db.exec(sql);
}

// Migration 2: change capture. Every write to a synced table, by any tool,
// bumps row_version, stamps updated_at/updated_by and appends to change_log
// inside the writing transaction.
void runMigration2(SqliteDatabase& db, int /*srid*/) {
    db.exec(QStringLiteral("CREATE TABLE change_log (\n"
                           "  seq INTEGER PRIMARY KEY, table_name TEXT NOT NULL, row_uuid TEXT NOT NULL,\n"
                           "  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),\n"
                           "  row_version INTEGER, changed_at TEXT NOT NULL, changed_by TEXT)"));
    db.exec(QStringLiteral("CREATE INDEX change_log_row ON change_log (table_name, row_uuid)"));
    for (const SyncedTable& table : ArchiveSchema::syncedTables())
        for (const QString& sql : ArchiveSchema::changeCaptureTriggers(table))
            db.exec(sql);
}

// Migration 3: check-out / check-in bookkeeping (core/sync). Master and
// package get the same tables; each uses its half. Values in sync_conflicts,
// sync_provenance are declared without a type so SQLite keeps them exactly as
// they were (integer, real, text or geometry blob), never converted.
void runMigration3(SqliteDatabase& db, int /*srid*/) {
    const QString now = QStringLiteral("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
    // Package side: what the package is (written once at check-out).
    db.exec(QStringLiteral("CREATE TABLE package_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"));
    // Master side: one row per package handed out. Recheck stamps its writes
    // (row_version, updated_at, updated_by) like a synced table's.
    db.exec(QStringLiteral("CREATE TABLE sync_checkouts (\n"
                           "  package_id TEXT PRIMARY KEY CHECK (length(package_id) = 36),\n"
                           "  row_version INTEGER NOT NULL DEFAULT 1,\n"
                           "  updated_at TEXT NOT NULL DEFAULT (%1), updated_by TEXT NOT NULL DEFAULT 'external',\n"
                           "  scope TEXT NOT NULL, district_uuids TEXT NOT NULL, assignee TEXT,\n"
                           "  checked_out_by TEXT NOT NULL, checked_out_at TEXT NOT NULL, host TEXT,\n"
                           "  package_name TEXT, base_digest TEXT NOT NULL, base_rows INTEGER NOT NULL,\n"
                           "  status TEXT NOT NULL DEFAULT 'out' CHECK (status IN ('out', 'checked_in', 'abandoned')),\n"
                           "  checked_in_at TEXT)")
                .arg(now));
    // One entry per package checked in: makes a repeated check-in a no-op
    // and a package edited afterwards recognisable.
    db.exec(QStringLiteral("CREATE TABLE sync_ledger (\n"
                           "  package_id TEXT PRIMARY KEY, changeset_sha256 TEXT NOT NULL,\n"
                           "  checked_in_at TEXT NOT NULL, checked_in_by TEXT NOT NULL, report TEXT NOT NULL)"));
    // Field (or whole-row) disagreements kept until a person resolves them.
    db.exec(QStringLiteral(
        "CREATE TABLE sync_conflicts (\n"
        "  id INTEGER PRIMARY KEY, package_id TEXT NOT NULL, other_package_id TEXT,\n"
        "  table_name TEXT NOT NULL, row_uuid TEXT NOT NULL, field TEXT,\n"
        "  kind TEXT NOT NULL CHECK (kind IN ('field', 'update_delete', 'delete_update', 'insert_exists',\n"
        "    'missing_parent', 'constraint')),\n"
        "  base_value, package_value, master_value, base_row_version INTEGER,\n"
        "  policy TEXT NOT NULL DEFAULT 'ask', detail TEXT,\n"
        "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),\n"
        "  resolution TEXT, resolved_value, resolved_by TEXT, resolved_at TEXT, created_at TEXT NOT NULL)"));
    db.exec(QStringLiteral("CREATE INDEX sync_conflicts_row ON sync_conflicts (table_name, row_uuid)"));
    // Per-field policy: which side wins when office and field both changed a
    // field differently. field '*' covers every field of the table.
    db.exec(QStringLiteral("CREATE TABLE sync_field_policy (\n"
                           "  table_name TEXT NOT NULL, field TEXT NOT NULL,\n"
                           "  prefer TEXT NOT NULL CHECK (prefer IN ('field', 'office', 'ask')), note TEXT,\n"
                           "  PRIMARY KEY (table_name, field)) WITHOUT ROWID"));
    static const char* policies[][4] = {
        {"visits", "*", "field", "recorded on site; insert-only"},
        {"customers", "geom", "field", "location measured by GPS on site"},
        {"tasks", "actual_start", "field", "progress reported from the field"},
        {"tasks", "actual_end", "field", "progress reported from the field"},
        {"discrepancies", "observed_value", "field", "observed on site"},
        {"customers", "contracted_capacity", "office", "billing: changed by contract only"},
        {"customers", "usage_category", "office", "billing: tariff class"},
        {"customers", "voltage_level", "office", "billing: tariff class"},
        {"customers", "monthly_kwh", "office", "billing: from the metering system"},
        {"discrepancies", "status", "office", "reviewed in the office"},
    };
    SqliteStatement policy(db, QStringLiteral("INSERT INTO sync_field_policy VALUES (?, ?, ?, ?)"));
    for (const auto& p : policies)
        policy.bind(1, p[0]).bind(2, p[1]).bind(3, p[2]).bind(4, p[3]).execute();
    // Which package last wrote a field at check-in, and what it replaced: two
    // laptops disagreeing on a field then end the same way whatever order
    // they are checked in (see CheckinMerger).
    db.exec(QStringLiteral("CREATE TABLE sync_provenance (\n"
                           "  id INTEGER PRIMARY KEY, package_id TEXT NOT NULL, table_name TEXT NOT NULL,\n"
                           "  row_uuid TEXT NOT NULL, field TEXT NOT NULL, previous_value, applied_value)"));
    db.exec(QStringLiteral("CREATE INDEX sync_provenance_field ON sync_provenance (table_name, row_uuid, field)"));
    // Rows deleted by a check-in, with their values: nothing is ever lost.
    db.exec(QStringLiteral("CREATE TABLE sync_tombstones (\n"
                           "  id INTEGER PRIMARY KEY, package_id TEXT NOT NULL, table_name TEXT NOT NULL,\n"
                           "  row_uuid TEXT NOT NULL, row_values TEXT NOT NULL, deleted_at TEXT NOT NULL)"));
    db.exec(QStringLiteral("CREATE INDEX sync_tombstones_row ON sync_tombstones (table_name, row_uuid)"));
}

// Migration 4: reminders (core/reminders). The outbox holds each message with
// its template code and parameters (Chinese SMS providers accept pre-approved
// templates only) and the body already rendered in the recipient's language;
// the UNIQUE dedupe key makes queueing idempotent. Every send attempt is kept
// in reminder_deliveries. reminder_state keeps the change_log watermark;
// reminder_settings are the archive-wide defaults (office and CLI share them).
void runMigration4(SqliteDatabase& db, int /*srid*/) {
    db.exec(QStringLiteral(
        "CREATE TABLE reminder_outbox (\n"
        "  id INTEGER PRIMARY KEY,\n"
        "  kind TEXT NOT NULL CHECK (kind IN ('task_added', 'task_changed', 'plan_changed', 'urgent', 'overdue',\n"
        "    'overdue_supervisor', 'digest_daily', 'digest_weekly', 'digest_monthly', 'test')),\n"
        "  template_code TEXT NOT NULL, params TEXT NOT NULL DEFAULT '{}',\n"
        "  language TEXT NOT NULL, subject TEXT, body TEXT NOT NULL,\n"
        "  channel TEXT NOT NULL CHECK (channel IN ('sms', 'email')),\n"
        "  recipient_uuid TEXT, address TEXT NOT NULL, plan_uuid TEXT, task_uuid TEXT,\n"
        "  dedupe_key TEXT NOT NULL UNIQUE,\n"
        "  status TEXT NOT NULL DEFAULT 'queued'\n"
        "    CHECK (status IN ('queued', 'sent', 'failed', 'dead', 'cancelled')),\n"
        "  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL, last_error TEXT,\n"
        "  provider_message_id TEXT, created_at TEXT NOT NULL, sent_at TEXT)"));
    db.exec(QStringLiteral("CREATE INDEX reminder_outbox_due ON reminder_outbox (status, next_attempt_at)"));
    db.exec(QStringLiteral(
        "CREATE TABLE reminder_deliveries (\n"
        "  id INTEGER PRIMARY KEY, outbox_id INTEGER NOT NULL REFERENCES reminder_outbox(id),\n"
        "  attempt INTEGER NOT NULL, channel TEXT NOT NULL, attempted_at TEXT NOT NULL,\n"
        "  outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'failed', 'dead')),\n"
        "  response_code INTEGER, detail TEXT, provider_message_id TEXT, duration_ms INTEGER)"));
    db.exec(QStringLiteral("CREATE INDEX reminder_deliveries_outbox ON reminder_deliveries (outbox_id)"));
    db.exec(QStringLiteral("CREATE TABLE reminder_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)"));
    db.exec(QStringLiteral("CREATE TABLE reminder_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, note TEXT)"));
    static const char* settings[][3] = {
        {"quiet_hours_start", "21:00", "local time; messages wait until quiet_hours_end"},
        {"quiet_hours_end", "07:00", "local time"},
        {"urgent_ignores_quiet_hours", "0", "1: urgent tasks are sent at night too"},
        {"escalate_overdue_to_supervisor", "1", "overdue work is also reported to the assignee's supervisor"},
        {"escalate_after_days", "1", "days overdue before the supervisor hears of it"},
        {"max_attempts", "5", "a message failing this often is dead-lettered"},
        {"backoff_base_minutes", "1", "first retry delay; doubles per attempt"},
        {"backoff_max_minutes", "60", "longest retry delay"},
        {"channels", "sms,email", "channels reminders are queued on"},
    };
    SqliteStatement insert(db, QStringLiteral("INSERT INTO reminder_settings VALUES (?, ?, ?)"));
    for (const auto& s : settings)
        insert.bind(1, s[0]).bind(2, s[1]).bind(3, s[2]).execute();
}

// Migration 5: planning (core/planning). Which districts an ad hoc or urgent
// plan covers, and from when (a periodic plan without rows here covers every
// district). Plans are made in the office master and packages receive the
// generated tasks, so this table is not synced; it carries no sync columns.
// start_date NULL means the plan's cycle_start.
void runMigration5(SqliteDatabase& db, int /*srid*/) {
    db.exec(QStringLiteral("CREATE TABLE plan_districts (\n"
                           "  plan_uuid TEXT NOT NULL REFERENCES plans(uuid) DEFERRABLE INITIALLY DEFERRED,\n"
                           "  district_uuid TEXT NOT NULL REFERENCES districts(uuid) DEFERRABLE INITIALLY DEFERRED,\n"
                           "  start_date TEXT, PRIMARY KEY (plan_uuid, district_uuid)) WITHOUT ROWID"));
    // Generation looks a (plan, district, period) up before creating a task.
    db.exec(QStringLiteral("CREATE INDEX tasks_plan_period ON tasks (plan_uuid, district_uuid, period_key)"));
}

// Migration: discrepancy rules (core/fieldwork). Checks run on the archive and
// shown on a customer are rows, not code paths: each names a table, a field,
// one of a few generic predicates (FieldworkRules' engine) and its labels.
// not_in_combination rules list the allowed (value, other value) pairs in
// discrepancy_rule_values. Rules are office reference data copied into each
// package at check-out (like code_lists); they do not sync back.
void runMigrationDiscrepancyRules(SqliteDatabase& db, int /*srid*/) {
    db.exec(QStringLiteral(
        "CREATE TABLE discrepancy_rules (\n"
        "  code TEXT PRIMARY KEY, table_name TEXT NOT NULL DEFAULT 'customers',\n"
        "  predicate TEXT NOT NULL CHECK (predicate IN ('empty', 'all_same_digit', 'equals_zero',\n"
        "    'not_in_combination', 'duplicate')),\n"
        "  field TEXT NOT NULL, other_field TEXT,\n"
        "  severity TEXT NOT NULL DEFAULT 'warning' CHECK (severity IN ('info', 'warning', 'error')),\n"
        "  label_zh TEXT NOT NULL, label_en TEXT NOT NULL,\n"
        "  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)), sort_order INTEGER NOT NULL DEFAULT 0,\n"
        "  CHECK ((predicate IN ('not_in_combination') AND other_field IS NOT NULL)\n"
        "    OR predicate NOT IN ('not_in_combination'))) WITHOUT ROWID"));
    db.exec(QStringLiteral(
        "CREATE TABLE discrepancy_rule_values (\n"
        "  rule_code TEXT NOT NULL REFERENCES discrepancy_rules(code) ON DELETE CASCADE,\n"
        "  value TEXT NOT NULL, other_value TEXT NOT NULL,\n"
        "  PRIMARY KEY (rule_code, value, other_value)) WITHOUT ROWID"));
    // code, predicate, field, other_field, severity, zh, en
    static const char* rules[][7] = {
        {"phone_empty", "empty", "phone", nullptr, "warning", "联系电话为空", "Phone number is empty"},
        {"phone_same_digit", "all_same_digit", "phone", nullptr, "warning", "联系电话为同一数字",
         "Phone number is one digit repeated"},
        {"address_empty", "empty", "address", nullptr, "warning", "用电地址为空", "Address is empty"},
        {"capacity_zero", "equals_zero", "contracted_capacity", nullptr, "error", "合同容量为0",
         "Contracted capacity is 0"},
        {"voltage_usage_mismatch", "not_in_combination", "voltage_level", "usage_category", "error",
         "电压等级与用电类别不符", "Voltage level does not fit the usage category"},
        {"meter_missing", "empty", "meter_asset_no", nullptr, "error", "电能表缺失", "Meter is missing"},
        {"meter_duplicate", "duplicate", "meter_asset_no", nullptr, "error", "电能表与其他户号重复",
         "Meter is recorded on another account too"},
        {"account_duplicate", "duplicate", "name", "address", "warning", "户名与地址与其他户号重复",
         "Same name and address as another account"},
    };
    SqliteStatement insert(db, QStringLiteral("INSERT INTO discrepancy_rules (code, predicate, field, other_field, "
                                              "severity, label_zh, label_en, sort_order) "
                                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    std::int64_t order = 0;
    for (const auto& r : rules) {
        insert.bind(1, r[0]).bind(2, r[1]).bind(3, r[2]);
        if (r[3])
            insert.bind(4, r[3]);
        else
            insert.bindNull(4);
        insert.bind(5, r[4]).bind(6, r[5]).bind(7, r[6]).bind(8, order++).execute();
    }
    // Which supply voltage each usage category is normally connected at
    // (residential and public lighting at low voltage, large industry at
    // 10 kV and above).
    static const char* allowed[][2] = {
        {"AC220V", "RES"}, {"AC380V", "RES"}, {"AC220V", "COM"}, {"AC380V", "COM"}, {"AC10KV", "COM"},
        {"AC10KV", "IND"}, {"AC35KV", "IND"}, {"AC220V", "AGR"}, {"AC380V", "AGR"}, {"AC10KV", "AGR"},
        {"AC220V", "PUB"}, {"AC380V", "PUB"},
    };
    SqliteStatement value(db, QStringLiteral("INSERT INTO discrepancy_rule_values VALUES "
                                             "('voltage_usage_mismatch', ?, ?)"));
    for (const auto& a : allowed)
        value.bind(1, a[0]).bind(2, a[1]).execute();
}

// Migration (io): import runs and changes held for review (core/io). Office
// bookkeeping, not synced. import_runs records every applied import: the
// source file, its SHA-256 (a file applied once is not applied again by a
// pull), the counts and the watermark (the source file's modification time)
// the drop-folder pull continues from. import_review keeps the MIS values an
// import did not write because the field had been verified in the field.
void runMigrationImportRuns(SqliteDatabase& db, int /*srid*/) {
    db.exec(QStringLiteral(
        "CREATE TABLE import_runs (\n"
        "  id INTEGER PRIMARY KEY,\n"
        "  kind TEXT NOT NULL CHECK (kind IN ('customers', 'districts', 'feeders', 'roads')),\n"
        "  via TEXT NOT NULL DEFAULT 'import' CHECK (via IN ('import', 'pull')),\n"
        "  source TEXT NOT NULL, source_sha256 TEXT NOT NULL, source_bytes INTEGER NOT NULL,\n"
        "  source_mtime TEXT NOT NULL, encoding TEXT, mapping TEXT,\n"
        "  rows_read INTEGER NOT NULL, rows_inserted INTEGER NOT NULL, rows_updated INTEGER NOT NULL,\n"
        "  rows_unchanged INTEGER NOT NULL, rows_rejected INTEGER NOT NULL, rows_for_review INTEGER NOT NULL,\n"
        "  warnings INTEGER NOT NULL, skip_invalid INTEGER NOT NULL DEFAULT 0,\n"
        "  started_at TEXT NOT NULL, finished_at TEXT NOT NULL, run_by TEXT NOT NULL, report TEXT)"));
    db.exec(QStringLiteral("CREATE INDEX import_runs_sha256 ON import_runs (source_sha256)"));
    db.exec(QStringLiteral(
        "CREATE TABLE import_review (\n"
        "  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES import_runs(id),\n"
        "  table_name TEXT NOT NULL, row_uuid TEXT NOT NULL, natural_key TEXT NOT NULL, field TEXT NOT NULL,\n"
        "  archive_value, incoming_value, reason TEXT NOT NULL,\n"
        "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),\n"
        "  reviewed_by TEXT, reviewed_at TEXT)"));
    db.exec(QStringLiteral("CREATE INDEX import_review_row ON import_review (table_name, row_uuid)"));
}

// Reminders: a message is claimed ('sending') before it is handed to a
// gateway, so a run killed after the gateway took it but before the attempt
// was recorded leaves a trace instead of a silent second send. A stale claim
// becomes 'unconfirmed' (a person checks the gateway's log for the message's
// idempotency key) unless the gateway deduplicates by that key. SQLite cannot
// change a CHECK constraint, so both reminder tables are rebuilt; the
// deliveries copy is made to reference the new outbox before the old one
// goes, so no foreign key is ever left dangling.
void runMigrationReminderClaims(SqliteDatabase& db, int /*srid*/) {
    db.exec(QStringLiteral(
        "CREATE TABLE reminder_outbox_claims (\n"
        "  id INTEGER PRIMARY KEY,\n"
        "  kind TEXT NOT NULL CHECK (kind IN ('task_added', 'task_changed', 'plan_changed', 'urgent', 'overdue',\n"
        "    'overdue_supervisor', 'digest_daily', 'digest_weekly', 'digest_monthly', 'test')),\n"
        "  template_code TEXT NOT NULL, params TEXT NOT NULL DEFAULT '{}',\n"
        "  language TEXT NOT NULL, subject TEXT, body TEXT NOT NULL,\n"
        "  channel TEXT NOT NULL CHECK (channel IN ('sms', 'email')),\n"
        "  recipient_uuid TEXT, address TEXT NOT NULL, plan_uuid TEXT, task_uuid TEXT,\n"
        "  dedupe_key TEXT NOT NULL UNIQUE,\n"
        "  status TEXT NOT NULL DEFAULT 'queued'\n"
        "    CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'dead', 'unconfirmed', 'cancelled')),\n"
        "  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL, last_error TEXT,\n"
        "  provider_message_id TEXT, created_at TEXT NOT NULL, sent_at TEXT,\n"
        "  claimed_at TEXT, idempotency_key TEXT)"));
    db.exec(QStringLiteral(
        "INSERT INTO reminder_outbox_claims (id, kind, template_code, params, language, subject, body, channel,\n"
        "  recipient_uuid, address, plan_uuid, task_uuid, dedupe_key, status, attempts, next_attempt_at,\n"
        "  last_error, provider_message_id, created_at, sent_at)\n"
        "SELECT id, kind, template_code, params, language, subject, body, channel, recipient_uuid, address,\n"
        "  plan_uuid, task_uuid, dedupe_key, status, attempts, next_attempt_at, last_error,\n"
        "  provider_message_id, created_at, sent_at FROM reminder_outbox"));
    db.exec(QStringLiteral(
        "CREATE TABLE reminder_deliveries_claims (\n"
        "  id INTEGER PRIMARY KEY, outbox_id INTEGER NOT NULL REFERENCES reminder_outbox_claims(id),\n"
        "  attempt INTEGER NOT NULL, channel TEXT NOT NULL, attempted_at TEXT NOT NULL,\n"
        "  outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'failed', 'dead', 'unconfirmed')),\n"
        "  response_code INTEGER, detail TEXT, provider_message_id TEXT, duration_ms INTEGER)"));
    db.exec(QStringLiteral("INSERT INTO reminder_deliveries_claims SELECT id, outbox_id, attempt, channel,\n"
                           "  attempted_at, outcome, response_code, detail, provider_message_id, duration_ms\n"
                           "FROM reminder_deliveries"));
    db.exec(QStringLiteral("DROP TABLE reminder_deliveries"));
    db.exec(QStringLiteral("DROP TABLE reminder_outbox"));
    // Renaming also rewrites the deliveries' REFERENCES to the new name.
    db.exec(QStringLiteral("ALTER TABLE reminder_outbox_claims RENAME TO reminder_outbox"));
    db.exec(QStringLiteral("ALTER TABLE reminder_deliveries_claims RENAME TO reminder_deliveries"));
    db.exec(QStringLiteral("CREATE INDEX reminder_outbox_due ON reminder_outbox (status, next_attempt_at)"));
    db.exec(QStringLiteral("CREATE INDEX reminder_deliveries_outbox ON reminder_deliveries (outbox_id)"));
    SqliteStatement insert(db, QStringLiteral("INSERT OR IGNORE INTO reminder_settings VALUES (?, ?, ?)"));
    insert.bind(1, QStringLiteral("claim_stale_minutes"))
        .bind(2, QStringLiteral("15"))
        .bind(3, QStringLiteral("a message still 'sending' after this long was interrupted: it becomes "
                                "'unconfirmed' (or is resent under its idempotency key when the gateway "
                                "deduplicates)"))
        .execute();
}

// Customer search (core/search): FTS5 tables over customers kept current by
// triggers, filled here for the archive's existing customers. Not synced:
// every archive builds its own (check-out rebuilds it in the package).
void createSearchIndex(SqliteDatabase& db) {
    for (const QString& sql : SearchIndex::createStatements())
        db.exec(sql);
    SearchIndex::rebuild(db);
}

// Offline basemap (core/sync/BasemapClipper): the sources the office
// configured for check-outs, and the margin and package size limit. Office
// configuration, not synced.
void createBasemapSources(SqliteDatabase& db) {
    db.exec(QStringLiteral("CREATE TABLE basemap_sources (\n"
                           "  name TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('raster', 'vector')),\n"
                           "  source TEXT NOT NULL, layer TEXT,\n"
                           "  min_zoom INTEGER NOT NULL DEFAULT 12 CHECK (min_zoom BETWEEN 0 AND 22),\n"
                           "  max_zoom INTEGER NOT NULL DEFAULT 17 CHECK (max_zoom BETWEEN min_zoom AND 22),\n"
                           "  sort_order INTEGER NOT NULL DEFAULT 0, enabled INTEGER NOT NULL DEFAULT 1)"));
    db.exec(QStringLiteral("CREATE TABLE basemap_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"));
    db.exec(QStringLiteral("INSERT INTO basemap_settings VALUES ('margin_m', '500'), ('max_package_mb', '1024')"));
}

// Migration: finding and seeing offline (issue 11).
void runMigrationSearchAndBasemap(SqliteDatabase& db, int /*srid*/) {
    createSearchIndex(db);
    createBasemapSources(db);
}

// Migration: the short search table as single characters and pairs with
// name markers, no positions (one-character queries read one doclist and stop
// early). Archives made after it already have this shape: a no-op there.
void runMigrationSearchTerms(SqliteDatabase& db, int /*srid*/) {
    SearchIndex::upgrade(db);
}

using MigrationFn = void (*)(SqliteDatabase&, int);
const MigrationFn kMigrations[] = {runMigration1, runMigration2, runMigration3, runMigration4, runMigration5,
                                   runMigrationDiscrepancyRules, runMigrationImportRuns,
                                   runMigrationReminderClaims, runMigrationSearchAndBasemap,
                                   runMigrationSearchTerms};

} // namespace

int ArchiveSchema::currentVersion() { return static_cast<int>(std::size(kMigrations)); }

const std::vector<SyncedTable>& ArchiveSchema::syncedTables() {
    static const std::vector<SyncedTable> tables = {
        {QStringLiteral("feeders"), QStringLiteral("geom"), QStringLiteral("MULTILINESTRING")},
        {QStringLiteral("districts"), QStringLiteral("geom"), QStringLiteral("MULTIPOLYGON")},
        {QStringLiteral("staff"), QStringLiteral("geom"), QStringLiteral("POINT")},
        {QStringLiteral("staff_districts"), {}, {}},
        {QStringLiteral("customers"), QStringLiteral("geom"), QStringLiteral("POINT")},
        {QStringLiteral("plans"), {}, {}},
        {QStringLiteral("tasks"), {}, {}},
        {QStringLiteral("task_scope"), {}, {}},
        {QStringLiteral("visits"), QStringLiteral("geom"), QStringLiteral("POINT"), false, true},
        {QStringLiteral("discrepancies"), {}, {}},
    };
    return tables;
}

const SyncedTable* ArchiveSchema::syncedTable(const QString& name) {
    for (const SyncedTable& t : syncedTables())
        if (t.name == name)
            return &t;
    return nullptr;
}

QString ArchiveSchema::uuidSqlExpression() {
    return QStringLiteral("lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
                          "substr(lower(hex(randomblob(2))), 2) || '-' || "
                          "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || "
                          "'-' || lower(hex(randomblob(6)))");
}

QStringList ArchiveSchema::changeCaptureTriggerNames(const SyncedTable& table) {
    return {table.name + QStringLiteral("_capture_insert"), table.name + QStringLiteral("_capture_update"),
            table.name + QStringLiteral("_capture_delete")};
}

QStringList ArchiveSchema::changeCaptureTriggers(const SyncedTable& table) {
    const QStringList names = changeCaptureTriggerNames(table);
    const QString now = QStringLiteral("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
    QStringList sql;
    sql << QStringLiteral("CREATE TRIGGER %1 AFTER INSERT ON %2 BEGIN\n"
                          "  INSERT INTO change_log (table_name, row_uuid, op, row_version, changed_at, changed_by)\n"
                          "  VALUES ('%2', NEW.uuid, 'insert', NEW.row_version, %3, NEW.updated_by);\n"
                          "END")
               .arg(names[0], table.name, now);
    if (table.insertOnly) {
        sql << QStringLiteral("CREATE TRIGGER %1 BEFORE UPDATE ON %2 BEGIN\n"
                              "  SELECT RAISE(ABORT, '%2 are insert-only: a recorded row cannot be changed');\n"
                              "END")
                   .arg(names[1], table.name);
        sql << QStringLiteral("CREATE TRIGGER %1 BEFORE DELETE ON %2 BEGIN\n"
                              "  SELECT RAISE(ABORT, '%2 are insert-only: a recorded row cannot be deleted');\n"
                              "END")
                   .arg(names[2], table.name);
        return sql;
    }
    // One AFTER UPDATE trigger both stamps the row and logs it: a second
    // trigger would fire again for the stamping UPDATE. Recheck's own writers
    // stamp rows themselves (they set row_version, updated_at and updated_by
    // in the same statement); any other statement -- sqlite3, a script,
    // another GIS -- leaves row_version alone and is stamped here as
    // 'external'. The uuid is the sync identity and never changes.
    sql << QStringLiteral("CREATE TRIGGER %1 AFTER UPDATE ON %2 BEGIN\n"
                          "  SELECT RAISE(ABORT, '%2.uuid is the sync identity and cannot change')\n"
                          "    WHERE NEW.uuid IS NOT OLD.uuid;\n"
                          "  UPDATE %2 SET row_version = OLD.row_version + 1, updated_at = %3, updated_by = 'external'\n"
                          "  WHERE fid = NEW.fid AND NEW.row_version IS OLD.row_version;\n"
                          "  INSERT INTO change_log (table_name, row_uuid, op, row_version, changed_at, changed_by)\n"
                          "  SELECT '%2', uuid, 'update', row_version, %3, updated_by FROM %2 WHERE fid = NEW.fid;\n"
                          "END")
               .arg(names[1], table.name, now);
    sql << QStringLiteral("CREATE TRIGGER %1 AFTER DELETE ON %2 BEGIN\n"
                          "  INSERT INTO change_log (table_name, row_uuid, op, row_version, changed_at, changed_by)\n"
                          "  VALUES ('%2', OLD.uuid, 'delete', OLD.row_version, %3, NULL);\n"
                          "END")
               .arg(names[2], table.name, now);
    return sql;
}

void ArchiveSchema::migrate(SqliteDatabase& db, int fromVersion, int toVersion, int srid) {
    if (fromVersion < 0 || toVersion > currentVersion() || fromVersion > toVersion)
        throw RecheckError(QStringLiteral("%1: cannot migrate schema from v%2 to v%3")
                               .arg(db.path())
                               .arg(fromVersion)
                               .arg(toVersion)
                               .toStdString());
    for (int v = fromVersion; v < toVersion; ++v)
        kMigrations[v](db, srid);
    db.exec(QStringLiteral("PRAGMA user_version = %1").arg(toVersion));
}

ChangeCaptureSuspension::ChangeCaptureSuspension(SqliteDatabase& db) : mDb(db) {
    for (const SyncedTable& table : ArchiveSchema::syncedTables())
        for (const QString& name : ArchiveSchema::changeCaptureTriggerNames(table))
            mDb.exec(QStringLiteral("DROP TRIGGER IF EXISTS %1").arg(name));
}

void ChangeCaptureSuspension::resume() {
    if (mResumed)
        return;
    mResumed = true;
    for (const SyncedTable& table : ArchiveSchema::syncedTables())
        for (const QString& sql : ArchiveSchema::changeCaptureTriggers(table))
            mDb.exec(sql);
}

ChangeCaptureSuspension::~ChangeCaptureSuspension() {
    try {
        resume();
    } catch (...) {
        // Only reached while unwinding: the caller's transaction rolls back
        // and takes the dropped triggers back with it.
    }
}

} // namespace recheck
