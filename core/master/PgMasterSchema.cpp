#include "PgMasterSchema.h"

namespace recheck {

namespace {

// Columns every synced table carries, as in ArchiveSchema (text timestamps in
// the archive's format, so values travel between SpatiaLite and PostgreSQL
// unchanged). recheck_now() is defined in functionStatements().
const char* const kSyncColumns =
    "uuid text NOT NULL DEFAULT gen_random_uuid()::text CHECK (length(uuid) = 36),\n"
    "  row_version bigint NOT NULL DEFAULT 1,\n"
    "  updated_at text NOT NULL DEFAULT recheck_now(),\n"
    "  updated_by text NOT NULL DEFAULT 'external'";

// fid keeps the archive's local row id (QGIS's feature id); its sequence is
// explicit so partitions share one and migrate can move it past the copied
// ids.
QString fidColumn(const QString& table) {
    return QStringLiteral("fid bigint NOT NULL DEFAULT nextval('%1_fid_seq')").arg(table);
}

QStringList functionStatements() {
    return {
        // The archive's timestamp format: 2026-11-02T08:30:00.000Z.
        QStringLiteral(
            "CREATE FUNCTION recheck_now() RETURNS text LANGUAGE sql VOLATILE AS $$\n"
            "  SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')\n"
            "$$"),
        // Bulk loads into a fresh master (migrate) copy rows nobody has synced
        // yet, with their row versions and change log as they are: they set
        // recheck.capture = 'off' for their transaction (SET LOCAL), the
        // counterpart of ChangeCaptureSuspension.
        QStringLiteral(
            "CREATE FUNCTION recheck_capture_suspended() RETURNS boolean LANGUAGE sql STABLE AS $$\n"
            "  SELECT coalesce(current_setting('recheck.capture', true), '') = 'off'\n"
            "$$"),
        // Stamps an update made by any tool: Recheck's writers set row_version
        // themselves (row_version = row_version + 1, updated_by = staff); any
        // other statement leaves it alone and is stamped 'external'. A BEFORE
        // trigger changes the row being written, so (unlike SQLite's AFTER
        // trigger) no second UPDATE is needed. TG_ARGV[0] is the logical
        // table name (TG_TABLE_NAME would be a partition's).
        QStringLiteral("CREATE FUNCTION recheck_stamp_update() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                       "BEGIN\n"
                       "  IF NEW.uuid IS DISTINCT FROM OLD.uuid THEN\n"
                       "    RAISE EXCEPTION '%.uuid is the sync identity and cannot change', TG_ARGV[0]\n"
                       "      USING ERRCODE = 'integrity_constraint_violation';\n"
                       "  END IF;\n"
                       "  IF NOT recheck_capture_suspended() AND NEW.row_version IS NOT DISTINCT FROM "
                       "OLD.row_version THEN\n"
                       "    NEW.row_version := OLD.row_version + 1;\n"
                       "    NEW.updated_at := recheck_now();\n"
                       "    NEW.updated_by := 'external';\n"
                       "  END IF;\n"
                       "  RETURN NEW;\n"
                       "END $$"),
        // Every insert, update and delete lands in change_log inside the
        // writing transaction, whatever tool made it: one INSERT … SELECT
        // per statement over its transition table (a check-in writing 5 000
        // rows runs it once, not 5 000 times). TG_ARGV[0] is the logical
        // table name. A row an UPDATE moves to another county's partition is
        // one update here, as in the archive file. The statement's rows share
        // one timestamp, taken once: formatting the clock for each of 5 000
        // rows was a third of the trigger's time.
        QStringLiteral(
            "CREATE OR REPLACE FUNCTION recheck_capture_rows() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "DECLARE\n"
            "  stamp text;\n"
            "BEGIN\n"
            "  IF recheck_capture_suspended() THEN\n"
            "    RETURN NULL;\n"
            "  END IF;\n"
            "  stamp := recheck_now();\n"
            "  IF TG_OP = 'DELETE' THEN\n"
            "    INSERT INTO change_log (table_name, row_uuid, op, row_version, changed_at, changed_by)\n"
            "    SELECT TG_ARGV[0], uuid, 'delete', row_version, stamp, NULL FROM recheck_old_rows;\n"
            "  ELSE\n"
            "    INSERT INTO change_log (table_name, row_uuid, op, row_version, changed_at, changed_by)\n"
            "    SELECT TG_ARGV[0], uuid, lower(TG_OP), row_version, stamp, updated_by\n"
            "    FROM recheck_new_rows;\n"
            "  END IF;\n"
            "  RETURN NULL;\n"
            "END $$"),
        QStringLiteral("CREATE FUNCTION recheck_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                       "BEGIN\n"
                       "  RAISE EXCEPTION '% are insert-only: a recorded row cannot be %', TG_ARGV[0],\n"
                       "    CASE TG_OP WHEN 'UPDATE' THEN 'changed' ELSE 'deleted' END\n"
                       "    USING ERRCODE = 'integrity_constraint_violation';\n"
                       "END $$"),
    };
}

struct DomainTable {
    const char* name;
    const char* columns;       ///< after fid, county (when partitioned) and the sync columns
    const char* geometryType;  ///< PostGIS type, nullptr without geometry
    bool geometryInArchiveCrs; ///< false: EPSG:4326 (GPS fixes)
    bool partitioned;
    bool insertOnly;
};

// The synced tables of ArchiveSchema, parents first. Foreign keys to a
// partitioned table include its partition key (PostgreSQL needs the county
// in every unique key of a partitioned table).
const DomainTable kDomainTables[] = {
    {"feeders", "code text NOT NULL UNIQUE, name text NOT NULL, substation text, voltage_level text",
     "MultiLineString", true, false, false},
    {"districts",
     "code text NOT NULL UNIQUE, name text NOT NULL,\n"
     "  feeder_uuid text,\n"
     "  transformer_kva double precision, county text",
     "MultiPolygon", true, false, false},
    {"staff",
     "code text NOT NULL UNIQUE, name text NOT NULL, phone text, email text,\n"
     "  role text NOT NULL DEFAULT 'inspector',\n"
     "  supervisor_uuid text,\n"
     "  language text NOT NULL DEFAULT 'zh_CN', digest text NOT NULL DEFAULT 'daily',\n"
     "  capacity_per_day bigint NOT NULL DEFAULT 40 CHECK (capacity_per_day > 0)",
     "Point", true, false, false},
    {"staff_districts",
     "staff_uuid text NOT NULL,\n"
     "  district_uuid text NOT NULL,\n"
     "  role text NOT NULL DEFAULT 'responsible', UNIQUE (staff_uuid, district_uuid, role)",
     nullptr, true, false, false},
    // account_no is unique per county: PostgreSQL cannot enforce a unique
    // key across partitions that leaves out the partition key.
    {"customers",
     "account_no text NOT NULL CHECK (length(trim(account_no)) > 0),\n"
     "  name text NOT NULL, address text, phone text,\n"
     "  usage_category text, voltage_level text,\n"
     "  contracted_capacity double precision CHECK (contracted_capacity IS NULL OR contracted_capacity >= "
     "0),\n"
     "  monthly_kwh double precision, meter_asset_no text,\n"
     "  district_uuid text,\n"
     "  feeder_uuid text,\n"
     "  status text NOT NULL DEFAULT 'active', mis_updated_at text,\n"
     "  UNIQUE (county, account_no)",
     "Point", true, true, false},
    {"plans",
     "code text NOT NULL UNIQUE, name text NOT NULL,\n"
     "  kind text NOT NULL DEFAULT 'periodic' CHECK (kind IN ('periodic', 'adhoc', 'urgent')),\n"
     "  cycle_months bigint CHECK (cycle_months IS NULL OR cycle_months > 0),\n"
     "  cycle_start text, duration_days bigint NOT NULL DEFAULT 14,\n"
     "  status text NOT NULL DEFAULT 'active', note text",
     nullptr, true, false, false},
    {"tasks",
     "plan_uuid text,\n"
     "  district_uuid text NOT NULL,\n"
     "  assignee_uuid text,\n"
     "  status text NOT NULL DEFAULT 'draft'\n"
     "    CHECK (status IN ('draft', 'issued', 'in_progress', 'done', 'cancelled')),\n"
     "  priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'urgent')),\n"
     "  period_key text, planned_start text, planned_end text,\n"
     "  baseline_start text, baseline_end text, actual_start text, actual_end text, note text",
     nullptr, true, false, false},
    {"task_scope",
     "task_uuid text NOT NULL,\n"
     "  customer_uuid text NOT NULL,\n"
     "  route_order bigint, UNIQUE (county, task_uuid, customer_uuid)",
     nullptr, true, true, false},
    {"visits",
     "task_uuid text,\n"
     "  customer_uuid text NOT NULL,\n"
     "  staff_uuid text,\n"
     "  visited_at text NOT NULL,\n"
     "  result text NOT NULL CHECK (result IN ('ok', 'discrepancy', 'unreachable', 'refused')),\n"
     "  note text, gps_time text, gps_accuracy_m double precision, gps_satellites bigint,\n"
     "  distance_m double precision, warnings text",
     "Point", false, true, true},
    // visit_uuid is not a foreign key here: it would have to carry the
    // visit's county, which a discrepancy recorded in the office lacks.
    {"discrepancies",
     "visit_uuid text,\n"
     "  customer_uuid text NOT NULL,\n"
     "  field text NOT NULL, archive_value text, observed_value text,\n"
     "  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),\n"
     "  reviewed_by text, reviewed_at text",
     nullptr, true, true, false},
};

// Foreign keys, added after the tables (and, by a bulk load, after the rows:
// one validating join per key instead of a deferred check per row). Those to
// a partitioned table carry its partition key.
const char* const kForeignKeys[][2] = {
    {"districts", "(feeder_uuid) REFERENCES feeders (uuid)"},
    {"staff", "(supervisor_uuid) REFERENCES staff (uuid)"},
    {"staff_districts", "(staff_uuid) REFERENCES staff (uuid)"},
    {"staff_districts", "(district_uuid) REFERENCES districts (uuid)"},
    {"customers", "(district_uuid) REFERENCES districts (uuid)"},
    {"customers", "(feeder_uuid) REFERENCES feeders (uuid)"},
    {"tasks", "(plan_uuid) REFERENCES plans (uuid)"},
    {"tasks", "(district_uuid) REFERENCES districts (uuid)"},
    {"tasks", "(assignee_uuid) REFERENCES staff (uuid)"},
    {"task_scope", "(task_uuid) REFERENCES tasks (uuid)"},
    {"task_scope", "(county, customer_uuid) REFERENCES customers (county, uuid)"},
    {"visits", "(task_uuid) REFERENCES tasks (uuid)"},
    {"visits", "(county, customer_uuid) REFERENCES customers (county, uuid)"},
    {"visits", "(staff_uuid) REFERENCES staff (uuid)"},
    {"discrepancies", "(county, customer_uuid) REFERENCES customers (county, uuid)"},
};

// Secondary indexes (a bulk load builds them once, after the rows).
const char* const kIndexes[] = {
    // The sync identity alone (the unique keys lead with the county): a
    // check-in finds a row by uuid even when it does not know its county.
    "CREATE INDEX customers_uuid ON customers (uuid)",
    "CREATE INDEX task_scope_uuid ON task_scope (uuid)",
    "CREATE INDEX visits_uuid ON visits (uuid)",
    "CREATE INDEX discrepancies_uuid ON discrepancies (uuid)",
    "CREATE INDEX customers_district ON customers (district_uuid)",
    "CREATE INDEX customers_meter ON customers (meter_asset_no)",
    "CREATE INDEX tasks_district ON tasks (district_uuid)",
    "CREATE INDEX tasks_assignee ON tasks (assignee_uuid)",
    "CREATE INDEX tasks_plan_period ON tasks (plan_uuid, district_uuid, period_key)",
    "CREATE INDEX task_scope_customer ON task_scope (customer_uuid)",
    "CREATE INDEX visits_customer ON visits (customer_uuid)",
    "CREATE INDEX visits_task ON visits (task_uuid)",
    "CREATE INDEX discrepancies_customer ON discrepancies (customer_uuid)",
    "CREATE INDEX districts_county ON districts (county)",
};

// Customers are edited in place (check-ins, imports, the office): pages
// with room left let PostgreSQL keep an updated row on its page and leave
// the indexes alone (a HOT update) instead of inserting into all seven. A
// check-in rewrites whole districts, whose customers share pages (they are
// loaded and checked in together), so a page needs room for a new version
// of every row on it: half of it. With 10 % free (schema 2) nine in ten of
// a 5 000-customer check-in's updates went to another page; on a
// 10 000 000-customer master that UPDATE took 0.6 s of server CPU, with
// half the page free 0.11 s. The price: the customers' heap twice the size
// (3.9 GB -> 7 GB at 10 000 000 customers; their indexes, 2.9 GB, as they
// are).
// Exactly half (schema 3 and 4) was a little short: from the second
// check-in of a district on, a page holds its rows, the line pointers
// left by the first (4 bytes a row) and must take a new version of every
// row, and rows grow a little as they are corrected. Of 11 rows a page,
// 2 went elsewhere: 18 % of the second check-in's updates touched all
// seven indexes, and its UPDATE took 280 ms against 75 ms. At 45 % a page
// starts with 10 such rows and has room for their next versions with a
// fifth to grow (schema 5).
constexpr int kCustomersFillfactor = 45;

QString partitionStorage(const QString& table) {
    return table == QLatin1String("customers")
               ? QStringLiteral(" WITH (fillfactor = %1)").arg(kCustomersFillfactor)
               : QString();
}

// The statement-level capture triggers of `target` (the table itself or
// one of its partitions) for the logical table `table`: one per event, as
// PostgreSQL allows transition tables only on single-event triggers. A
// statement fires the triggers of the table it names only, so every
// partition has its own too: a write aimed at one partition directly (a
// tool editing customers_c001) is captured as well. CREATE OR REPLACE:
// running them twice changes nothing.
QStringList captureStatements(const QString& table, const QString& target, bool insertOnly) {
    QStringList sql;
    sql << QStringLiteral("CREATE OR REPLACE TRIGGER %1_capture_insert AFTER INSERT ON %2\n"
                          "  REFERENCING NEW TABLE AS recheck_new_rows\n"
                          "  FOR EACH STATEMENT EXECUTE FUNCTION recheck_capture_rows('%1')")
               .arg(table, target);
    if (!insertOnly)
        sql << QStringLiteral("CREATE OR REPLACE TRIGGER %1_capture_update AFTER UPDATE ON %2\n"
                              "  REFERENCING NEW TABLE AS recheck_new_rows\n"
                              "  FOR EACH STATEMENT EXECUTE FUNCTION recheck_capture_rows('%1')")
                   .arg(table, target)
            << QStringLiteral("CREATE OR REPLACE TRIGGER %1_capture_delete AFTER DELETE ON %2\n"
                              "  REFERENCING OLD TABLE AS recheck_old_rows\n"
                              "  FOR EACH STATEMENT EXECUTE FUNCTION recheck_capture_rows('%1')")
                   .arg(table, target);
    return sql;
}

// Change capture and stamping of one domain table and its partitions so
// far, as ArchiveSchema::changeCaptureTriggers. The stamp is per row
// (PostgreSQL clones it to the partitions) but only called when the writer
// did not stamp the row itself: the WHEN clause costs no function call, so
// Recheck's own writes run no PL/pgSQL per row at all.
QStringList triggerStatements(const DomainTable& d) {
    const QString name = QString::fromUtf8(d.name);
    QStringList sql = captureStatements(name, name, d.insertOnly);
    if (d.partitioned) {
        // The partitions there are now (addCountyStatements adds them to
        // later ones).
        QStringList each;
        for (const QString& statement : captureStatements(name, QStringLiteral("%s"), d.insertOnly))
            each << QStringLiteral("    EXECUTE format(%1, p);\n").arg(PgMasterSchema::literal(statement));
        sql << QStringLiteral(
                   "DO $$\nDECLARE p regclass;\nBEGIN\n"
                   "  FOR p IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = '%1'::regclass "
                   "LOOP\n%2  END LOOP;\nEND $$")
                   .arg(name, each.join(QString()));
    }
    if (d.insertOnly)
        sql << QStringLiteral("CREATE OR REPLACE TRIGGER %1_insert_only BEFORE UPDATE OR DELETE ON %1\n"
                              "  FOR EACH ROW EXECUTE FUNCTION recheck_insert_only('%1')")
                   .arg(name);
    else
        sql << QStringLiteral("CREATE OR REPLACE TRIGGER %1_stamp_update BEFORE UPDATE ON %1\n"
                              "  FOR EACH ROW WHEN (NEW.row_version IS NOT DISTINCT FROM OLD.row_version OR\n"
                              "                     NEW.uuid IS DISTINCT FROM OLD.uuid)\n"
                              "  EXECUTE FUNCTION recheck_stamp_update('%1')")
                   .arg(name);
    return sql;
}

// Indexes of the sync bookkeeping a check-in looks rows up in (the archive
// file has the same ones). Those tables are created column for column by
// the migration (PgMasterMigration), after the domain tables: each index is
// made only once its table is there.
const char* const kSyncIndexes[][2] = {
    {"sync_conflicts",
     "CREATE INDEX IF NOT EXISTS sync_conflicts_row ON sync_conflicts (table_name, row_uuid)"},
    {"sync_provenance",
     "CREATE INDEX IF NOT EXISTS sync_provenance_field ON sync_provenance (table_name, row_uuid, field)"},
    {"sync_tombstones",
     "CREATE INDEX IF NOT EXISTS sync_tombstones_row ON sync_tombstones (table_name, row_uuid)"},
};

// `sql` run once `table` exists (see kSyncIndexes).
QString ifTableExists(const QString& table, const QString& sql) {
    return QStringLiteral("DO $$ BEGIN IF to_regclass('%1') IS NOT NULL THEN EXECUTE %2; END IF; END $$")
        .arg(table, PgMasterSchema::literal(sql));
}

QStringList syncIndexStatements() {
    QStringList sql;
    for (const auto& index : kSyncIndexes)
        sql << ifTableExists(QString::fromUtf8(index[0]), QString::fromUtf8(index[1]));
    return sql;
}

// A check-in's ledger report (every item of the package, JSON: 0.7 MB for
// 5 000 changes) is compressed with LZ4 rather than pglz: a third of the
// time to store. A server built without LZ4 keeps pglz.
QStringList ledgerStorageStatements() {
    return {QStringLiteral("DO $$ BEGIN\n"
                           "  IF to_regclass('sync_ledger') IS NOT NULL THEN\n"
                           "    ALTER TABLE sync_ledger ALTER COLUMN report SET COMPRESSION lz4;\n"
                           "  END IF;\n"
                           "EXCEPTION WHEN feature_not_supported THEN NULL;\n"
                           "END $$")};
}

} // namespace

int PgMasterSchema::currentVersion() {
    // 2: change capture per statement; the stamp trigger only when needed;
    //    indexes on sync_conflicts, sync_provenance, sync_tombstones.
    // 3: customers partitions half empty (fillfactor 50) for in-place
    //    updates; the ledger's reports compressed with LZ4.
    // 4: change capture takes one timestamp per statement; change_log
    //    without the (table_name, row_uuid) index nothing reads by.
    // 5: customers partitions filled to 45 %: room for a second version of
    //    every row beside the line pointers of the first.
    return 5;
}

QStringList PgMasterSchema::upgradeStatements(int fromVersion) {
    QStringList sql;
    if (fromVersion < 2) {
        for (const QString& f : functionStatements())
            if (f.contains(QLatin1String("FUNCTION recheck_capture_rows()")))
                sql << f;
        for (const DomainTable& d : kDomainTables) {
            const QString name = QString::fromUtf8(d.name);
            sql << QStringLiteral("DROP TRIGGER IF EXISTS %1_capture_write ON %1").arg(name)
                << QStringLiteral("DROP TRIGGER IF EXISTS %1_insert_only ON %1").arg(name)
                << QStringLiteral("DROP TRIGGER IF EXISTS %1_stamp_update ON %1").arg(name);
            sql << triggerStatements(d);
        }
        sql << QStringLiteral("DROP FUNCTION IF EXISTS recheck_capture()");
        sql << syncIndexStatements();
    }
    if (fromVersion < 5) {
        // New pages of every customers partition (and the partitions added
        // later) keep room for in-place updates (schema 3: half; 5: 45 %).
        // Pages written before keep their rows: VACUUM FULL
        // customers_<suffix> (an exclusive lock while it rewrites the
        // partition) gives them the room too; the upgrade does not, as it
        // would hold the whole master for minutes.
        sql << QStringLiteral("DO $$\nDECLARE p regclass;\nBEGIN\n"
                              "  FOR p IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = "
                              "'customers'::regclass "
                              "LOOP\n"
                              "    EXECUTE format('ALTER TABLE %s SET (fillfactor = %1)', p);\n"
                              "  END LOOP;\nEND $$")
                   .arg(kCustomersFillfactor);
    }
    if (fromVersion < 3)
        sql << ledgerStorageStatements();
    if (fromVersion < 4) {
        for (const QString& f : functionStatements())
            if (f.contains(QLatin1String("FUNCTION recheck_capture_rows()")))
                sql << f;
        sql << QStringLiteral("DROP INDEX IF EXISTS change_log_row");
    }
    sql << QStringLiteral("UPDATE recheck_master SET value = '%1' WHERE key = 'backend_schema_version'")
               .arg(currentVersion());
    return sql;
}

const QStringList& PgMasterSchema::domainTables() {
    static const QStringList tables = [] {
        QStringList t{QStringLiteral("archive_meta"), QStringLiteral("code_lists")};
        for (const DomainTable& d : kDomainTables)
            t << QString::fromUtf8(d.name);
        t << QStringLiteral("change_log");
        return t;
    }();
    return tables;
}

const QStringList& PgMasterSchema::countyPartitionedTables() {
    static const QStringList tables = [] {
        QStringList t;
        for (const DomainTable& d : kDomainTables)
            if (d.partitioned)
                t << QString::fromUtf8(d.name);
        return t;
    }();
    return tables;
}

bool PgMasterSchema::isCountyPartitioned(const QString& table) {
    return countyPartitionedTables().contains(table);
}

QString PgMasterSchema::literal(const QString& value) {
    QString quoted = value;
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QStringList PgMasterSchema::afterBulkLoadStatements() {
    QStringList sql;
    for (const DomainTable& d : kDomainTables)
        if (d.geometryType)
            sql << QStringLiteral("CREATE INDEX %1_geom ON %1 USING gist (geom)")
                       .arg(QString::fromUtf8(d.name));
    for (const char* index : kIndexes)
        sql << QString::fromUtf8(index);
    for (const auto& fk : kForeignKeys)
        sql << QStringLiteral("ALTER TABLE %1 ADD FOREIGN KEY %2 DEFERRABLE INITIALLY DEFERRED")
                   .arg(QString::fromUtf8(fk[0]), QString::fromUtf8(fk[1]));
    sql << syncIndexStatements() << ledgerStorageStatements();
    // Capture last: a bulk load (with capture suspended) then collects no
    // transition tables of millions of rows only to discard them.
    for (const DomainTable& d : kDomainTables)
        sql << triggerStatements(d);
    return sql;
}

QStringList PgMasterSchema::createStatements(int srid, bool forBulkLoad) {
    QStringList sql;
    sql << QStringLiteral("CREATE EXTENSION IF NOT EXISTS postgis");
    sql << functionStatements();
    // What this database is: the backend's schema version and the counties
    // it has partitions for (county names are free text, partition names
    // are not: each county gets a short suffix).
    sql << QStringLiteral("CREATE TABLE recheck_master (key text PRIMARY KEY, value text NOT NULL)");
    sql << QStringLiteral("INSERT INTO recheck_master VALUES ('backend_schema_version', '%1')")
               .arg(currentVersion());
    sql << QStringLiteral(
        "CREATE TABLE county_partitions (county text PRIMARY KEY, suffix text NOT NULL UNIQUE)");
    sql << QStringLiteral("CREATE TABLE archive_meta (key text PRIMARY KEY, value text NOT NULL)");
    sql << QStringLiteral(
        "CREATE TABLE code_lists (\n"
        "  list text NOT NULL, code text NOT NULL, label_zh text NOT NULL, label_en text NOT NULL,\n"
        "  sort_order bigint NOT NULL DEFAULT 0, PRIMARY KEY (list, code))");
    sql << QStringLiteral("CREATE SEQUENCE change_log_seq_seq");
    sql << QStringLiteral("CREATE TABLE change_log (\n"
                          "  seq bigint PRIMARY KEY DEFAULT nextval('change_log_seq_seq'),\n"
                          "  table_name text NOT NULL, row_uuid text NOT NULL,\n"
                          "  op text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),\n"
                          "  row_version bigint, changed_at text NOT NULL, changed_by text)");
    // No (table_name, row_uuid) index as the archive file has: the master's
    // change_log is read by seq (reminders) and per table (statistics),
    // never by row, and keeping that index cost a check-in of 5 000 rows
    // 40 ms of its change capture (random uuids into an ever larger tree).

    for (const DomainTable& d : kDomainTables) {
        const QString name = QString::fromUtf8(d.name);
        sql << QStringLiteral("CREATE SEQUENCE %1_fid_seq").arg(name);
        QString columns = fidColumn(name);
        if (d.partitioned)
            columns += QStringLiteral(",\n  county text NOT NULL");
        columns += QStringLiteral(",\n  ") + QString::fromUtf8(kSyncColumns);
        if (d.geometryType)
            columns += QStringLiteral(",\n  geom geometry(%1, %2)")
                           .arg(QString::fromUtf8(d.geometryType))
                           .arg(d.geometryInArchiveCrs ? srid : 4326);
        columns += QStringLiteral(",\n  ") + QString::fromUtf8(d.columns);
        // A partitioned table's unique keys must contain the county.
        columns += d.partitioned ? QStringLiteral(",\n  PRIMARY KEY (county, fid), UNIQUE (county, uuid)")
                                 : QStringLiteral(",\n  PRIMARY KEY (fid), UNIQUE (uuid)");
        sql << QStringLiteral("CREATE TABLE %1 (\n  %2)%3")
                   .arg(name, columns,
                        d.partitioned ? QStringLiteral(" PARTITION BY LIST (county)") : QString());
        if (d.partitioned)
            // Rows of a county without its own partition (or without a
            // county) are kept here until addCounties() gives it one.
            sql << QStringLiteral("CREATE TABLE %1_default PARTITION OF %1 DEFAULT%2")
                       .arg(name, partitionStorage(name));
    }
    if (!forBulkLoad)
        sql << afterBulkLoadStatements();
    return sql;
}

QStringList PgMasterSchema::addCountyStatements(const QString& county, const QString& suffix) {
    QStringList sql;
    sql << QStringLiteral("INSERT INTO county_partitions VALUES (%1, %2)")
               .arg(literal(county), literal(suffix));
    // PostgreSQL checks the DEFAULT partition holds none of the county's
    // rows (the caller checks first, to say so clearly).
    for (const DomainTable& d : kDomainTables) {
        if (!d.partitioned)
            continue;
        const QString table = QString::fromUtf8(d.name);
        sql << QStringLiteral("CREATE TABLE %1_%2 PARTITION OF %1 FOR VALUES IN (%3)%4")
                   .arg(table, suffix, literal(county), partitionStorage(table));
        sql << captureStatements(table, QStringLiteral("%1_%2").arg(table, suffix), d.insertOnly);
    }
    return sql;
}

} // namespace recheck
