<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CustomerArchiveProvider</name>
    <message>
        <location filename="../providers/customerarchive/ArchiveDataItems.cpp" line="+85"/>
        <source>Recheck archive %1</source>
        <translation>复查档案 %1</translation>
    </message>
    <message>
        <location filename="../providers/customerarchive/ArchiveStyles.cpp" line="+75"/>
        <source>Other / none</source>
        <translation>其他/无</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Pending</source>
        <translation>待复查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checked OK</source>
        <translation>核查无误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discrepancy</source>
        <translation>存在差异</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unreachable</source>
        <translation>无法核查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not planned</source>
        <translation>未列入计划</translation>
    </message>
    <message>
        <location filename="../providers/customerarchive/CustomerArchiveProvider.cpp" line="+107"/>
        <source>Recheck customer archive (SpatiaLite) data provider</source>
        <translation>复查客户档案（SpatiaLite）数据源</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No archive file in the layer source &quot;%1&quot;</source>
        <translation>图层数据源“%1”中没有档案文件</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1: the archive has no district with code &quot;%2&quot;</source>
        <translation>%1：档案中没有编号为“%2”的台区</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot open layer &quot;%1&quot;: %2</source>
        <translation>无法打开图层“%1”：%2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Invalid subset string for %1: %2</source>
        <translation>%1 的筛选条件无效：%2</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Invalid subset string &quot;%1&quot; for %2: %3</source>
        <translation>%2 的筛选条件“%1”无效：%3</translation>
    </message>
    <message>
        <location filename="../providers/customerarchive/CustomerArchiveProviderEditing.cpp" line="+167"/>
        <source>Account number &quot;%1&quot; is already used by another customer</source>
        <translation>户号“%1”已被其他客户使用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: the value &quot;%2&quot; of field %3 is already used by another row</source>
        <translation>%1：字段 %3 的值“%2”已被其他记录使用</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, feature %2: %3</source>
        <translation>%1，要素 %2：%3</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+107"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>feature %1 names a row of %2 that does not exist</source>
        <translation>要素 %1 引用了 %2 中不存在的记录</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: the edit leaves a reference between tables unresolved</source>
        <translation>%1：该编辑使表之间的引用无法对应</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1: the layer is not valid</source>
        <translation>%1：图层无效</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>The archive %1 is locked by another program (%2); nothing was saved. Try again when it has finished.</source>
        <translation>档案 %1 已被其他程序锁定（%2），未保存任何内容。请等该程序完成后重试。</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Cannot start writing to %1: %2</source>
        <translation>无法开始写入 %1：%2</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 failed, nothing was saved: %2</source>
        <translation>%1 失败，未保存任何内容：%2</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Saving the edits of %1</source>
        <translation>正在保存 %1 的编辑</translation>
    </message>
    <message numerus="yes">
        <location line="+135"/>
        <source>Adding %n feature(s) to %1</source>
        <translation>
            <numerusform>向 %1 添加 %n 个要素</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>rows of %1 are recorded once and cannot be deleted</source>
        <translation>%1 的记录一经录入不可删除</translation>
    </message>
    <message numerus="yes">
        <location line="+56"/>
        <source>feature %1 is referenced by %n row(s) of %2 (%3 %4) through %2.%5</source>
        <translation>
            <numerusform>要素 %1 被 %2 的 %n 条记录（%3 %4）通过 %2.%5 引用</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 cannot be deleted while other rows point at it: %2. Delete or reassign those rows first.</source>
        <translation>%1 仍被其他记录引用，无法删除：%2。请先删除这些记录或将其改为引用其他要素。</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>Deleting %n feature(s) from %1</source>
        <translation>
            <numerusform>从 %1 删除 %n 个要素</numerusform>
        </translation>
    </message>
    <message>
        <location line="+62"/>
        <source>rows of %1 are recorded once and cannot be changed</source>
        <translation>%1 的记录一经录入不可修改</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 has no geometry</source>
        <translation>%1 没有几何字段</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1, feature %2: there is no field number %3</source>
        <translation>%1，要素 %2：没有第 %3 个字段</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: field %2 is maintained by the archive and cannot be edited</source>
        <translation>%1：字段 %2 由档案自动维护，不可编辑</translation>
    </message>
    <message numerus="yes">
        <location line="-44"/>
        <source>Changing %n feature(s) of %1</source>
        <translation>
            <numerusform>修改 %1 的 %n 个要素</numerusform>
        </translation>
    </message>
    <message>
        <location line="+103"/>
        <source>%1, feature %2: the row no longer exists (deleted by someone else?)</source>
        <translation>%1，要素 %2：该记录已不存在（可能已被他人删除）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Creating the spatial index of %1</source>
        <translation>正在创建 %1 的空间索引</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>SpatiaLite&apos;s CreateSpatialIndex failed</source>
        <translation>SpatiaLite 创建空间索引失败</translation>
    </message>
    <message>
        <location filename="../providers/customerarchive/RecheckQgis.cpp" line="+45"/>
        <source>Districts</source>
        <translation>台区</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Feeders</source>
        <translation>馈线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Roads</source>
        <translation>道路</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Staff</source>
        <translation>人员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Visits</source>
        <translation>现场核查记录</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>%1: the archive has no tables with geometry</source>
        <translation>%1：档案中没有带几何字段的表</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Layer %1 of %2 is not valid: %3</source>
        <translation>%2 的图层 %1 无效：%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>is the customerarchive provider registered?</source>
        <translation>customerarchive 数据源是否已注册？</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Cannot write project %1: %2</source>
        <translation>无法写入工程 %1：%2</translation>
    </message>
    <message>
        <location filename="../providers/customerarchive/BasemapLayers.cpp" line="+62"/>
        <source>Basemap</source>
        <translation>底图</translation>
    </message>
</context>
<context>
    <name>FieldworkPlugin</name>
    <message>
        <location filename="../plugins/fieldwork/FieldworkPlugin.cpp" line="+31"/>
        <source>Registered the customer-archive provider from the Recheck field-work plugin</source>
        <translation>已由复查外业插件注册客户档案数据源</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Re-check Panel</source>
        <translation>复查面板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the Re-check panel: tasks, next stop, visits</source>
        <translation>显示复查面板：任务、下一个停靠点、现场核查</translation>
    </message>
</context>
<context>
    <name>GanttPlugin</name>
    <message>
        <location filename="../plugins/gantt/GanttPlugin.cpp" line="+35"/>
        <source>Registered the customer-archive provider from the Recheck Gantt plugin</source>
        <translation>已由复查甘特图插件注册客户档案数据源</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Re-check Plan (Gantt)</source>
        <translation>复查计划（甘特图）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the re-check plan as a Gantt chart</source>
        <translation>以甘特图显示复查计划</translation>
    </message>
</context>
<context>
    <name>MasterLocation</name>
    <message>
        <location filename="../plugins/common/MasterLocation.cpp" line="+123"/>
        <source>Authentication config %1 gives no login for PostgreSQL: it is not in QGIS&apos;s authentication database, the master password was not entered, or it is not a user name/password (Basic) config</source>
        <translation>认证配置 %1 未提供 PostgreSQL 的登录信息：该配置不在 QGIS 的认证数据库中、尚未输入主密码，或者它不是用户名/密码（Basic）类型的配置</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 on %2</source>
        <translation>%2 上的 %1</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>A master archive file, a QGIS PostgreSQL connection, or a connection string (postgresql://user@host/db, optionally ?authcfg=&lt;QGIS authentication id&gt;)</source>
        <translation>主档案文件、QGIS 的 PostgreSQL 连接，或连接字符串（postgresql://user@host/db，可附加 ?authcfg=&lt;QGIS 认证配置 ID&gt;）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>PostgreSQL connection “%1”</source>
        <translation>PostgreSQL 连接“%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File…</source>
        <translation>文件…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Master Archive</source>
        <translation>主档案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recheck archives (*.sqlite *.rchk);;All files (*)</source>
        <translation>复查档案 (*.sqlite *.rchk);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Master (SpatiaLite file or PostgreSQL):</source>
        <translation>主档案（SpatiaLite 文件或 PostgreSQL）：</translation>
    </message>
</context>
<context>
    <name>PgMasterLayers</name>
    <message>
        <location filename="../plugins/common/PgMasterLayers.cpp" line="+89"/>
        <source>%1: no tables with geometry in schema %2</source>
        <translation>%1：模式 %2 中没有带几何字段的表</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Layer %1 of %2 is not valid: %3</source>
        <translation>%2 的图层 %1 无效：%3</translation>
    </message>
</context>
<context>
    <name>RecheckArchivePlugin</name>
    <message>
        <location filename="../plugins/archive/RecheckArchivePlugin.cpp" line="+60"/>
        <source>Registered the customer-archive provider from the Recheck plugin</source>
        <translation>已由复查插件注册客户档案数据源</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open Archive…</source>
        <translation>打开档案…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add the layers of a Recheck customer archive (master or package) to the project</source>
        <translation>将复查客户档案（主档案或外业包）的图层添加到工程</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open PostgreSQL Master…</source>
        <translation>打开 PostgreSQL 主档案…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the layers of a PostgreSQL master (QGIS&apos;s postgres provider, Recheck styles)</source>
        <translation>将 PostgreSQL 主档案的图层添加到工程（使用 QGIS 的 postgres 数据源和复查样式）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check Out…</source>
        <translation>签出…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy districts of a master into a package for offline work</source>
        <translation>将主档案中的台区复制到外业包，供离线作业</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check In Package…</source>
        <translation>签入外业包…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Merge a package&apos;s edits back into its master</source>
        <translation>将外业包中的编辑合并回其主档案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Conflicts…</source>
        <translation>冲突…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decide the conflicts a check-in left in a master</source>
        <translation>裁定签入后留在主档案中的冲突</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bring a MIS export or GIS layer into an archive: map columns, check every row, import</source>
        <translation>将营销系统导出文件或 GIS 图层导入档案：映射列、逐行检查、导入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export for MIS…</source>
        <translation>导出到营销系统…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the corrected customer records for upload into the MIS</source>
        <translation>写出已更正的客户档案，供上传到营销系统</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import Review…</source>
        <translation>导入审核…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MIS values an import held back because the field verified the archive&apos;s value</source>
        <translation>导入时因档案值已经现场核实而暂缓写入的营销系统值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reminder Outbox…</source>
        <translation>提醒发件箱…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queued, sent and failed reminders of an archive: retry or cancel them</source>
        <translation>档案中排队中、已发送和发送失败的提醒：可重试或取消</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Open Recheck Archive</source>
        <translation>打开复查档案</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+49"/>
        <source>Recheck archives (*.sqlite *.rchk);;All files (*)</source>
        <translation>复查档案 (*.sqlite *.rchk);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Open PostgreSQL Master</source>
        <translation>打开 PostgreSQL 主档案</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot open archive</source>
        <translation>无法打开档案</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Archive opened</source>
        <translation>档案已打开</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1: %n layer(s) added</source>
        <translation>
            <numerusform>%1：已添加 %n 个图层</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Reminder Outbox of Which Archive?</source>
        <translation>查看哪个档案的提醒发件箱？</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Import Review of Which Archive?</source>
        <translation>审核哪个档案的导入？</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>Checking out %n district(s)</source>
        <translation>
            <numerusform>正在签出 %n 个台区</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Check-out cancelled</source>
        <translation>签出已取消</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nothing was written</source>
        <translation>未写入任何内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check-out failed</source>
        <translation>签出失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+10"/>
        <location line="+5"/>
        <source>Package checked out</source>
        <translation>外业包已签出</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>One zip file: %1</source>
        <translation>一个 zip 文件：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Package checked out, not zipped</source>
        <translation>外业包已签出，但未打包为 zip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (the QGIS project could not be written: %2)</source>
        <translation>%1（无法写入 QGIS 工程：%2）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, project %2</source>
        <translation>%1，工程 %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Check In: Master Archive</source>
        <translation>签入：主档案</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check In: Package</source>
        <translation>签入：外业包</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recheck packages (*.sqlite *.rchk *.zip);;All files (*)</source>
        <translation>复查外业包 (*.sqlite *.rchk *.zip);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checking in %1</source>
        <translation>正在签入 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Check-in failed</source>
        <translation>签入失败</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Check-in cancelled</source>
        <translation>签入已取消</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The master is unchanged</source>
        <translation>主档案未改动</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Check-in refused, the master is unchanged</source>
        <translation>签入被拒绝，主档案未改动</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checked in with conflicts</source>
        <translation>已签入，但存在冲突</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n conflict(s) wait for a decision</source>
        <translation>
            <numerusform>%n 个冲突待裁定</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checked in</source>
        <translation>已签入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This package was already checked in; nothing changed</source>
        <translation>该外业包此前已签入；未做任何改动</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n row(s) written</source>
        <translation>
            <numerusform>已写入 %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check-In Report</source>
        <translation>签入报告</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Conflicts: Master Archive</source>
        <translation>冲突：主档案</translation>
    </message>
</context>
<context>
    <name>RecheckPluginUi</name>
    <message>
        <location filename="../plugins/common/RecheckPluginUi.cpp" line="+37"/>
        <source>&amp;Recheck</source>
        <translation>复查(&amp;R)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Recheck</source>
        <translation>复查</translation>
    </message>
</context>
<context>
    <name>ReminderGatewaySettings</name>
    <message>
        <location filename="../plugins/archive/ReminderSettingsPage.cpp" line="+53"/>
        <source>QGIS&apos;s authentication database is not available%1</source>
        <translation>QGIS 的认证数据库不可用%1</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>the master password of QGIS&apos;s authentication database is not set</source>
        <translation>尚未设置 QGIS 认证数据库的主密码</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>QGIS&apos;s authentication database refused the secret of &quot;%1&quot;</source>
        <translation>QGIS 的认证数据库拒绝保存“%1”的密钥</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Recheck SMS gateway</source>
        <translation>复查 SMS 网关</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recheck SMTP</source>
        <translation>复查 SMTP</translation>
    </message>
</context>
<context>
    <name>RoutePlanTask</name>
    <message numerus="yes">
        <location filename="../plugins/routeplanner/RoutePlanTask.cpp" line="+7"/>
        <source>Planning re-check routes (%n district(s))</source>
        <translation>
            <numerusform>正在规划复查路线（%n 个台区）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoutePlannerDock</name>
    <message>
        <location filename="../plugins/routeplanner/RoutePlannerDock.cpp" line="+56"/>
        <source>Recheck Route Planner</source>
        <translation>复查路线规划</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The archives of the project&apos;s customer-archive layers</source>
        <translation>工程中客户档案图层所在的档案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the project&apos;s archive layers again</source>
        <translation>重新读取工程中的档案图层</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Archive</source>
        <translation>档案</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Filter districts…</source>
        <translation>筛选台区…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Districts</source>
        <translation>台区</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Code, name, pending customers / customers; select one or more</source>
        <translation>编号、名称、待复查户数/总户数；可多选</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Assignee&apos;s office</source>
        <translation>责任人驻地</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First customer</source>
        <translation>第一个客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clicked point</source>
        <translation>地图点选位置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pick…</source>
        <translation>点选…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+133"/>
        <source>Click the start point on the map</source>
        <translation>在地图上点选出发点</translation>
    </message>
    <message>
        <location line="-130"/>
        <source>Start</source>
        <translation>出发点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no point clicked</source>
        <translation>尚未点选</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Closed: back to the start</source>
        <translation>闭合：返回出发点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open: end at the last customer</source>
        <translation>开放：在最后一个客户处结束</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+27"/>
        <source>Route</source>
        <translation>路线</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Straight lines</source>
        <translation>直线距离</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Along the archive&apos;s roads</source>
        <translation>沿档案中的道路</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distances</source>
        <translation>距离</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Inspectors</source>
        <translation>复查人员数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search time per district: longer gives slightly shorter routes</source>
        <translation>每个台区的求解时间：时间越长，路线略短</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time budget</source>
        <translation>求解时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plan routes</source>
        <translation>规划路线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>District</source>
        <translation>台区</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+248"/>
        <source>Stops</source>
        <translation>停靠点</translation>
    </message>
    <message>
        <location line="-248"/>
        <source>Length km</source>
        <translation>里程（公里）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time h:mm</source>
        <translation>用时（时:分）</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>%1 %2 (%3/%4)</source>
        <translation>%1 %2（%3/%4）</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+21"/>
        <location line="+11"/>
        <location line="+39"/>
        <location line="+17"/>
        <location line="+33"/>
        <location line="+7"/>
        <location line="+67"/>
        <source>Route planner</source>
        <translation>路线规划</translation>
    </message>
    <message>
        <location line="-162"/>
        <source>The point cannot be used: %1</source>
        <translation>该点无法使用：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Open a Recheck archive first</source>
        <translation>请先打开复查档案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select one or more districts</source>
        <translation>请选择一个或多个台区</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Click the start point on the map first</source>
        <translation>请先在地图上点选出发点</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Planning cancelled; the archive is unchanged</source>
        <translation>规划已取消，档案未改动</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>%1: %2 pending customers, %n route(s), EPSG:%3, start: %4, %5 order(s) written, %6 s</source>
        <translation>
            <numerusform>%1：待复查 %2 户，%n 条路线，EPSG:%3，出发点：%4，已写入 %5 个顺序，%6 秒</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: unreachable by road, left out: %2</source>
        <translation>%1：道路不可达，已排除：%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Routes %1 (%2)</source>
        <translation>路线 %1（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Route lines</source>
        <translation>路线</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n district(s) planned; visiting order written to the archive</source>
        <translation>
            <numerusform>已规划 %n 个台区，走访顺序已写入档案</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not planned: %1</source>
        <translation>未规划：%1</translation>
    </message>
</context>
<context>
    <name>RoutePlannerPlugin</name>
    <message>
        <location filename="../plugins/routeplanner/RoutePlannerPlugin.cpp" line="+38"/>
        <source>Route Planner</source>
        <translation>路线规划</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plan the visiting order of re-check districts</source>
        <translation>规划复查台区的走访顺序</translation>
    </message>
</context>
<context>
    <name>recheck</name>
    <message>
        <location filename="../core/reminders/ReminderConfig.cpp" line="+32"/>
        <source>%1: cannot read: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: not a JSON object (%2 at offset %3)</source>
        <translation>%1：不是 JSON 对象（%2，位于偏移量 %3）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>top level is not an object</source>
        <translation>顶层不是对象</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: &quot;%2&quot; needs &quot;%3&quot;</source>
        <translation>%1：“%2”必须包含“%3”</translation>
    </message>
</context>
<context>
    <name>recheck::ReminderConfig</name>
    <message>
        <location line="+9"/>
        <source>%1: cannot read the secrets file</source>
        <translation>%1：无法读取密钥文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: the secrets file is not a regular file</source>
        <translation>%1：密钥文件不是普通文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: the secrets file may be read or changed by other users (mode %2); make it readable by its owner only: chmod 600 %1</source>
        <translation>%1：密钥文件可被其他用户读取或修改（权限 %2）；请将其设为仅所有者可读写：chmod 600 %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1: %2 refers to secret &quot;%3&quot;, which %4 does not define</source>
        <translation>%1：%2 引用了密钥“%3”，但 %4 中没有定义该密钥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(no secrets_file)</source>
        <translation>（未设置 secrets_file）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1: sms_gateway.body_format must be &quot;json&quot; or &quot;form&quot;</source>
        <translation>%1：sms_gateway.body_format 必须为 &quot;json&quot; 或 &quot;form&quot;</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1: smtp.url must start with smtp:// or smtps://</source>
        <translation>%1：smtp.url 必须以 smtp:// 或 smtps:// 开头</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: smtp.url must not carry credentials; use username and password_secret</source>
        <translation>%1：smtp.url 中不得包含登录凭据；请使用 username 和 password_secret</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: smtp.tls must be &quot;none&quot;, &quot;try&quot; or &quot;required&quot;</source>
        <translation>%1：smtp.tls 必须为 &quot;none&quot;、&quot;try&quot; 或 &quot;required&quot;</translation>
    </message>
</context>
<context>
    <name>recheck::archiveui</name>
    <message>
        <location filename="../plugins/archive/IoTasks.cpp" line="+107"/>
        <source>Import cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was applied; the archive is unchanged</source>
        <translation>未应用任何内容；档案未改动</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import failed, nothing applied</source>
        <translation>导入失败，未应用任何内容</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import not applied</source>
        <translation>导入未应用</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n row(s) are invalid; nothing was applied. Report: %1</source>
        <translation>
            <numerusform>%n 行无效；未应用任何内容。报告：%1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 rows read, %3 inserted, %4 updated, %5 unchanged, %6 rejected, %7 held for review. Report: %8</source>
        <translation>%1：读取 %2 行，新增 %3，更新 %4，未变 %5，拒绝 %6，待审核 %7。报告：%8</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Importing %1</source>
        <translation>正在导入 %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export cancelled</source>
        <translation>导出已取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No file was written</source>
        <translation>未写入任何文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n customer(s) written to %1</source>
        <translation>
            <numerusform>已将 %n 户客户写入 %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Exporting to %1</source>
        <translation>正在导出到 %1</translation>
    </message>
</context>
<context>
    <name>recheck::archiveui::BasemapSettingsPage</name>
    <message>
        <location filename="../plugins/archive/BasemapSettingsPage.cpp" line="+55"/>
        <source>Master archive</source>
        <translation>主档案</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check-outs of this archive clip the basemap configured here</source>
        <translation>从该档案签出时，按此处配置裁剪底图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Basemap sources (clipped into every package)</source>
        <translation>底图数据源（裁剪到每个外业包中）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Min zoom</source>
        <translation>最小缩放级别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Max zoom</source>
        <translation>最大缩放级别</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add Raster…</source>
        <translation>添加栅格…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GeoTIFF, MBTiles, GeoPackage tiles or any raster GDAL reads</source>
        <translation>GeoTIFF、MBTiles、GeoPackage 瓦片或 GDAL 可读取的任何栅格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add Vector…</source>
        <translation>添加矢量…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Roads, buildings…: Shapefile, GeoPackage, GeoJSON or any vector data OGR reads</source>
        <translation>道路、建筑物等：Shapefile、GeoPackage、GeoJSON 或 OGR 可读取的任何矢量数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Every package</source>
        <translation>每个外业包</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> m</source>
        <translation> 米</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rasters cover the districts&apos; rectangle plus this margin; vector layers are cut at the districts&apos; outline plus this margin</source>
        <translation>栅格覆盖台区的外接矩形再加上此边距；矢量图层按台区轮廓再加上此边距裁剪</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Margin around the districts</source>
        <translation>台区周围的边距</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A check-out whose package and basemap together exceed this is refused</source>
        <translation>外业包与底图合计超过此大小时，拒绝签出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Largest package with its basemap</source>
        <translation>含底图的外业包最大大小</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 does not exist</source>
        <translation>%1 不存在</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Settings of %1</source>
        <translation>%1 的设置</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Raster</source>
        <translation>栅格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vector</source>
        <translation>矢量</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Master Archive</source>
        <translation>主档案</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recheck archives (*.sqlite *.rchk);;All files (*)</source>
        <translation>复查档案 (*.sqlite *.rchk);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rasters (*.tif *.tiff *.mbtiles *.gpkg *.vrt *.jp2 *.png *.jpg);;All files (*)</source>
        <translation>栅格 (*.tif *.tiff *.mbtiles *.gpkg *.vrt *.jp2 *.png *.jpg);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vector data (*.shp *.gpkg *.geojson *.json *.sqlite *.gml *.kml);;All files (*)</source>
        <translation>矢量数据 (*.shp *.gpkg *.geojson *.json *.sqlite *.gml *.kml);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Basemap Source</source>
        <translation>底图数据源</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 was not loaded; its basemap settings are shown now, nothing was stored</source>
        <translation>%1 未能加载；当前显示的是其底图设置，未保存任何内容</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stored in %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Basemap settings not stored: %1</source>
        <translation>底图设置未保存：%1</translation>
    </message>
</context>
<context>
    <name>recheck::archiveui::BasemapSettingsPageFactory</name>
    <message>
        <location line="+6"/>
        <source>Recheck Basemap</source>
        <translation>复查底图</translation>
    </message>
</context>
<context>
    <name>recheck::archiveui::CheckinReportDialog</name>
    <message>
        <location filename="../plugins/archive/SyncDialogs.cpp" line="+278"/>
        <source>Show Conflicts…</source>
        <translation>查看冲突…</translation>
    </message>
</context>
<context>
    <name>recheck::archiveui::CheckoutDialog</name>
    <message>
        <location line="-219"/>
        <source>Check Out Package</source>
        <translation>签出外业包</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+50"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>A master archive file</source>
        <translation>主档案文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A master archive file, or a PostgreSQL master: postgresql://user@host/db (optionally ?authcfg=&lt;QGIS authentication id&gt;) or host=… dbname=…</source>
        <translation>主档案文件，或 PostgreSQL 主档案：postgresql://user@host/db（可附加 ?authcfg=&lt;QGIS 认证配置 ID&gt;）或 host=… dbname=…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PostgreSQL</source>
        <translation>PostgreSQL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A PostgreSQL master from QGIS&apos;s saved connections</source>
        <translation>从 QGIS 已保存的连接中选择 PostgreSQL 主档案</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(no saved PostgreSQL connections)</source>
        <translation>（没有已保存的 PostgreSQL 连接）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Master</source>
        <translation>主档案</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use Map Selection</source>
        <translation>使用地图选择</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the districts selected on the map (a districts layer of this master)</source>
        <translation>勾选在地图上选中的台区（须为该主档案的台区图层）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add Districts to Map</source>
        <translation>将台区添加到地图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add this master&apos;s districts layer to the project to pick districts on the map</source>
        <translation>将该主档案的台区图层添加到工程，以便在地图上选择台区</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Districts</source>
        <translation>台区</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assignee</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Destination folder</source>
        <translation>目标文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One zip file (package and project)</source>
        <translation>打包为一个 zip 文件（外业包和工程）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Check Out</source>
        <translation>签出</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No district of this master is selected on the map.</source>
        <translation>地图上没有选中该主档案的任何台区。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Master Archive</source>
        <translation>主档案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recheck archives (*.sqlite *.rchk);;All files (*)</source>
        <translation>复查档案 (*.sqlite *.rchk);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Destination Folder</source>
        <translation>目标文件夹</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>This master has no districts layer to add.</source>
        <translation>该主档案没有可添加的台区图层。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+7"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>recheck::archiveui::ConflictDialog</name>
    <message>
        <location line="+54"/>
        <source>Conflicts — %1</source>
        <translation>冲突 — %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Base (at check-out)</source>
        <translation>基准值（签出时）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Package (field)</source>
        <translation>外业包（现场）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Master (office)</source>
        <translation>主档案（办公室）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Take Base</source>
        <translation>采用基准值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take Package</source>
        <translation>采用外业包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take Master</source>
        <translation>采用主档案</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Value…</source>
        <translation>指定值…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>No open conflicts.</source>
        <translation>没有未解决的冲突。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Whole-row conflict (%1)</source>
        <translation>整行冲突（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The master now: %1</source>
        <translation>主档案当前值：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not resolved: %1</source>
        <translation>未解决：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Resolved (%1). %n conflict(s) left.</source>
        <translation>
            <numerusform>已解决（%1）。还剩 %n 个冲突。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Value for %1</source>
        <translation>%1 的值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New value of %1.%2:</source>
        <translation>%1.%2 的新值：</translation>
    </message>
</context>
<context>
    <name>recheck::archiveui::ConflictTableModel</name>
    <message>
        <location filename="../plugins/archive/SyncUi.cpp" line="+195"/>
        <source>No conflict selected</source>
        <translation>未选择冲突</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>(whole row)</source>
        <translation>（整行）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>NULL</source>
        <translation>NULL</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>&lt;%n byte(s)&gt;</source>
        <translation>
            <numerusform>&lt;%n 字节&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>recheck::archiveui::CustomerLocatorFilter</name>
    <message>
        <location filename="../plugins/archive/CustomerLocatorFilter.cpp" line="+87"/>
        <source>Recheck customers and districts</source>
        <translation>复查客户和台区</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Account number, name, address, phone or meter number of a customer; district code or name</source>
        <translation>客户的户号、户名、用电地址、联系电话或电能表资产号；台区编号或名称</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Search in %1 failed: %2</source>
        <translation>在 %1 中搜索失败：%2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>District</source>
        <translation>台区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Districts</source>
        <translation>台区</translation>
    </message>
</context>
<context>
    <name>recheck::archiveui::ExportWizard</name>
    <message>
        <location filename="../plugins/archive/ExportWizard.cpp" line="+40"/>
        <source>Export Customers for the MIS</source>
        <translation>为营销系统导出客户</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Which Customers</source>
        <translation>哪些客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The corrected records go back to the MIS with what the field work changed.</source>
        <translation>已更正的记录连同外业作业所做的修改一起交回营销系统。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+35"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Only customers changed on or after</source>
        <translation>只导出在此日期当天或之后修改的客户</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Only customers checked on site (visit result ok or discrepancy)</source>
        <translation>只导出已现场核查的客户（核查结果为核查无误或存在差异）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Archive</source>
        <translation>档案</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Format and File</source>
        <translation>格式和文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (XLSX)</source>
        <translation>Excel 工作簿（XLSX）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GeoPackage (with locations)</source>
        <translation>GeoPackage（含位置）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GBK / GB18030</source>
        <translation>GBK / GB18030</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV only: the text encoding the MIS expects when it imports the file</source>
        <translation>仅限 CSV：营销系统导入该文件时所要求的文本编码</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Archive to Export From</source>
        <translation>要导出的档案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recheck archives (*.sqlite *.rchk);;All files (*)</source>
        <translation>复查档案 (*.sqlite *.rchk);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Export To</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 files (*.%2)</source>
        <translation>%1 文件 (*.%2)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&lt;b&gt;No such file.&lt;/b&gt;</source>
        <translation>&lt;b&gt;文件不存在。&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n customer(s) will be exported.</source>
        <translation>
            <numerusform>将导出 %n 户客户。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Cannot read the archive:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;无法读取档案：&lt;/b&gt;%1</translation>
    </message>
</context>
<context>
    <name>recheck::archiveui::ImportReviewDialog</name>
    <message>
        <location filename="../plugins/archive/ImportReviewDialog.cpp" line="+161"/>
        <source>Import Review — %1</source>
        <translation>导入审核 — %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show decided items</source>
        <translation>显示已裁定的条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept MIS Value</source>
        <translation>采用营销系统值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the MIS value into the archive (recorded as your edit)</source>
        <translation>将营销系统值写入档案（记录为您的编辑）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep Archive Value</source>
        <translation>保留档案值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject the MIS value; later imports of the same value are not held again</source>
        <translation>拒绝该营销系统值；以后导入相同的值时不再暂缓</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>MIS values an import did not write because the archive&apos;s value was verified in the field or changed by someone since:</source>
        <translation>导入时未写入的营销系统值，原因是档案值已经现场核实，或此后已被他人修改：</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cannot read the archive: %1</source>
        <translation>无法读取档案：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No held MIS values wait for review.</source>
        <translation>没有待审核的暂缓营销系统值。</translation>
    </message>
    <message numerus="yes">
        <location line="+36"/>
        <source>%n MIS value(s) written to the archive</source>
        <translation>
            <numerusform>已将 %n 个营销系统值写入档案</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n MIS value(s) rejected; the archive keeps its values</source>
        <translation>
            <numerusform>已拒绝 %n 个营销系统值；档案保留原值</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was decided: %1</source>
        <translation>未做任何裁定：%1</translation>
    </message>
</context>
<context>
    <name>recheck::archiveui::ImportReviewModel</name>
    <message>
        <location line="-175"/>
        <source>No open item selected</source>
        <translation>未选择待处理的条目</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1
From %2</source>
        <translation>%1
来自 %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(customer deleted)</source>
        <translation>（客户已删除）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>accepted by %1 at %2</source>
        <translation>由 %1 于 %2 采用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rejected by %1 at %2</source>
        <translation>由 %1 于 %2 拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Account</source>
        <translation>户号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Archive (verified)</source>
        <translation>档案值（已核实）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>MIS value</source>
        <translation>营销系统值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Now</source>
        <translation>当前值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why held</source>
        <translation>暂缓原因</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Held at</source>
        <translation>暂缓时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decision</source>
        <translation>裁定</translation>
    </message>
</context>
<context>
    <name>recheck::archiveui::ImportWizard</name>
    <message>
        <location filename="../plugins/archive/ImportWizard.cpp" line="+66"/>
        <source>Phone number not valid</source>
        <translation>联系电话无效</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No coordinates</source>
        <translation>没有坐标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Point outside every district</source>
        <translation>点位不在任何台区内</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Point outside the district given for it</source>
        <translation>点位不在所填的台区内</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Import into the Archive</source>
        <translation>导入档案</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Source</source>
        <translation>数据源</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The MIS export (customers) or GIS layer (districts, feeders, roads) to bring into the archive, and how its text is encoded.</source>
        <translation>要导入档案的营销系统导出文件（客户）或 GIS 图层（台区、馈线、道路），以及其文本编码。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+8"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Archive (master)</source>
        <translation>档案（主档案）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customers (MIS export)</source>
        <translation>客户（营销系统导出）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transformer districts (GIS)</source>
        <translation>台区（GIS）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feeders (GIS)</source>
        <translation>馈线（GIS）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roads (GIS)</source>
        <translation>道路（GIS）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>导入内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Detect (UTF-8 or GBK)</source>
        <translation>自动识别（UTF-8 或 GBK）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GBK / GB18030</source>
        <translation>GBK / GB18030</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text encoding of CSV and DBF files; XLSX, GeoPackage and GeoJSON say their own</source>
        <translation>CSV 和 DBF 文件的文本编码；XLSX、GeoPackage 和 GeoJSON 自带编码信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Layer or sheet of a file that holds several</source>
        <translation>文件包含多个图层或工作表时要读取的那一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer / sheet</source>
        <translation>图层/工作表</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>&lt;b&gt;%1 is a field package.&lt;/b&gt; Import into the office master instead.</source>
        <translation>&lt;b&gt;%1 是外业包。&lt;/b&gt;请改为导入办公室的主档案。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;Cannot open the archive:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;无法打开档案：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>%1 (detected)</source>
        <translation>%1（自动识别）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&lt;b&gt;Cannot read the file:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;无法读取文件：&lt;/b&gt;%1</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%n data row(s)</source>
        <translation>
            <numerusform>%n 行数据</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>more than %n data row(s)</source>
        <translation>
            <numerusform>超过 %n 行数据</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1, layer %2: %n column(s), %3; text encoding %4. The first rows:</source>
        <translation>
            <numerusform>%1，图层 %2：%n 列，%3；文本编码 %4。前几行：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Archive to Import Into</source>
        <translation>要导入的档案</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recheck archives (*.sqlite *.rchk);;All files (*)</source>
        <translation>复查档案 (*.sqlite *.rchk);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>File to Import</source>
        <translation>要导入的文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>MIS and GIS files (*.csv *.txt *.xlsx *.dbf *.shp *.gpkg *.geojson *.json *.dxf);;All files (*)</source>
        <translation>营销系统和 GIS 文件 (*.csv *.txt *.xlsx *.dbf *.shp *.gpkg *.geojson *.json *.dxf);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Columns and Values</source>
        <translation>列与值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which archive field each column fills (matched by its header; change any), and which code each MIS value stands for. Fields marked * are required.</source>
        <translation>每一列填入哪个档案字段（按表头匹配，可任意修改），以及每个营销系统值对应哪个代码。标有 * 的字段为必填。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First values</source>
        <translation>前几个值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Archive field</source>
        <translation>档案字段</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+494"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="-494"/>
        <source>Value in the file</source>
        <translation>文件中的值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Archive code</source>
        <translation>档案代码</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Load Mapping…</source>
        <translation>加载映射…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use a saved mapping profile (JSON), e.g. the one the scheduled pull uses</source>
        <translation>使用已保存的映射方案（JSON），例如定时拉取所用的方案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save Mapping…</source>
        <translation>保存映射…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save this mapping as a profile for `recheck import --mapping` and the scheduled pull</source>
        <translation>将此映射保存为方案，供 `recheck import --mapping` 和定时拉取使用</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offer only the values found so far</source>
        <translation>只列出目前已读到的值</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the archive&apos;s</source>
        <translation>与档案相同</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coordinate system of the X/Y columns, or of a geometry whose file names none, e.g. EPSG:4326; empty: the file&apos;s own or the archive&apos;s</source>
        <translation>X/Y 列的坐标系，或文件未注明坐标系时其几何的坐标系，例如 EPSG:4326；留空：使用文件自带的坐标系或档案的坐标系</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source CRS</source>
        <translation>源坐标系</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Regular expression every account number must match; empty: the default shown</source>
        <translation>每个户号都必须匹配的正则表达式；留空：使用所示的默认值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account number pattern</source>
        <translation>户号格式</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>error: the row is refused</source>
        <translation>错误：拒绝该行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>warning: the row is imported and reported</source>
        <translation>警告：导入该行并在报告中列出</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Values of code fields (values that match no code are refused):</source>
        <translation>代码字段的值（不匹配任何代码的值将被拒绝）：</translation>
    </message>
    <message numerus="yes">
        <location line="+60"/>
        <source>Reading every row for the values to translate; the first %n row(s) are shown meanwhile…</source>
        <translation>
            <numerusform>正在逐行读取需要对应代码的值；读取期间先列出前 %n 行中的值…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+56"/>
        <source>Stopped: the values offered are those of the first %n row(s).</source>
        <translation>
            <numerusform>已停止：所列的值来自前 %n 行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>The values of the whole file could not be read (%1); those of the first %n row(s) are offered.</source>
        <translation>
            <numerusform>无法读取整个文件的值（%1）；所列的值来自前 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The values offered are those of the whole file.</source>
        <translation>所列的值来自整个文件。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>(no match: refused)</source>
        <translation>（无匹配：拒绝）</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Columns &quot;%1&quot; and &quot;%2&quot; both fill %3: choose one</source>
        <translation>列“%1”和“%2”都填入 %3：请选择其一</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No column fills the required field %1 (%2)</source>
        <translation>没有列填入必填字段 %1（%2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coordinates need both an X (longitude) and a Y (latitude) column</source>
        <translation>坐标需要同时有 X（经度）列和 Y（纬度）列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The source CRS &quot;%1&quot; is not a coordinate system GDAL knows (e.g. EPSG:4326)</source>
        <translation>源坐标系“%1”不是 GDAL 能识别的坐标系（例如 EPSG:4326）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The account number pattern is not a valid regular expression: %1</source>
        <translation>户号格式不是有效的正则表达式：%1</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Load Mapping Profile</source>
        <translation>加载映射方案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mapping profiles (*.json);;All files (*)</source>
        <translation>映射方案 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;Cannot use the profile:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;无法使用该方案：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save Mapping Profile</source>
        <translation>保存映射方案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mapping profiles (*.json)</source>
        <translation>映射方案 (*.json)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;Cannot save the profile:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;无法保存该方案：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mapping saved to %1</source>
        <translation>映射已保存到 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every row is checked as the import will check it; nothing is written yet.</source>
        <translation>按导入时的方式逐行检查；尚未写入任何内容。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Skip invalid rows: import the valid ones and list the others in the report</source>
        <translation>跳过无效行：导入有效行，其余行列在报告中</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Checking every row of %1…</source>
        <translation>正在逐行检查 %1…</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>&lt;b&gt;The file cannot be imported:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;该文件无法导入：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 rows read (encoding %2): %3 would be inserted, %4 updated, %5 unchanged, %6 held for review; %7 invalid row(s), %8 warning(s).</source>
        <translation>读取 %1 行（编码 %2）：将新增 %3，更新 %4，未变 %5，待审核 %6；无效行 %7 行，警告 %8 条。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>With invalid rows nothing is imported, unless you skip them below.</source>
        <translation>存在无效行时不会导入任何内容，除非在下方选择跳过这些行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Columns not imported: %1.</source>
        <translation>未导入的列：%1。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The first %n problem(s) are listed; the report will list all.</source>
        <translation>
            <numerusform>仅列出前 %n 个问题；报告中将列出全部问题。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
</context>
<context>
    <name>recheck::archiveui::ReminderOutboxDialog</name>
    <message>
        <location filename="../plugins/archive/ReminderOutboxDialog.cpp" line="+213"/>
        <source>Reminder Outbox — %1</source>
        <translation>提醒发件箱 — %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All messages</source>
        <translation>全部消息</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue the message again, due now, with its attempts counted afresh</source>
        <translation>将该消息重新加入队列，立即到期，尝试次数重新计算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel Message</source>
        <translation>取消消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark Sent</source>
        <translation>标记为已发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The gateway&apos;s log shows this unconfirmed message was delivered</source>
        <translation>网关日志显示这条未确认的消息已送达</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Last error: %1</source>
        <translation>最近错误：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Idempotency key: %1</source>
        <translation>幂等键：%1</translation>
    </message>
</context>
<context>
    <name>recheck::archiveui::ReminderOutboxModel</name>
    <message>
        <location line="-246"/>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed, will retry</source>
        <translation>失败，将重试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed for good</source>
        <translation>已放弃投递</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unconfirmed: check the gateway</source>
        <translation>未确认：请检查网关</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next attempt</source>
        <translation>下次尝试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Queued</source>
        <translation>入队时间</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>attempt %1 at %2: %3 %4 %5</source>
        <translation>第 %1 次尝试，%2：%3 %4 %5</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No message is selected.</source>
        <translation>未选择消息。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Message %1 is %2 now, which does not allow that.</source>
        <translation>消息 %1 当前状态为“%2”，不允许此操作。</translation>
    </message>
</context>
<context>
    <name>recheck::archiveui::ReminderSettingsPage</name>
    <message>
        <location filename="../plugins/archive/ReminderSettingsPage.cpp" line="+49"/>
        <source>SMS gateway (HTTP)</source>
        <translation>SMS 网关（HTTP）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form (URL-encoded)</source>
        <translation>表单（URL 编码）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Body format</source>
        <translation>请求体格式</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Placeholders: ${phone}, ${template}, ${template_code}, ${params}, ${param.NAME}, ${body}, ${language}, ${idempotency_key}, ${secret.token}</source>
        <translation>占位符：${phone}、${template}、${template_code}、${params}、${param.NAME}、${body}、${language}、${idempotency_key}、${secret.token}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Body template</source>
        <translation>请求体模板</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Headers (one per line)</source>
        <translation>请求头（每行一个）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Template ids (CODE=ID per line)</source>
        <translation>模板 ID（每行一个 CODE=ID）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Success field (JSON path)</source>
        <translation>成功标志字段（JSON 路径）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Success value</source>
        <translation>成功值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Message id field</source>
        <translation>消息 ID 字段</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+35"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="-34"/>
        <location line="+35"/>
        <source>Timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>The gateway drops repeats of an idempotency key</source>
        <translation>网关会丢弃幂等键重复的请求</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Then a message interrupted while sending is sent again under the same key; otherwise it is held as unconfirmed for you to check</source>
        <translation>勾选后，发送中断的消息将以相同的键重新发送；否则将其保留为未确认，由您核实</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kept in QGIS&apos;s authentication database; use it as ${secret.token}</source>
        <translation>保存在 QGIS 的认证数据库中；以 ${secret.token} 引用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token (secret)</source>
        <translation>令牌（密钥）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>E-mail (SMTP)</source>
        <translation>电子邮件（SMTP）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Server URL</source>
        <translation>服务器 URL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>STARTTLS required</source>
        <translation>必须使用 STARTTLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>STARTTLS if offered</source>
        <translation>服务器支持时使用 STARTTLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No encryption</source>
        <translation>不加密</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encryption</source>
        <translation>加密</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kept in QGIS&apos;s authentication database</source>
        <translation>保存在 QGIS 的认证数据库中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password (secret)</source>
        <translation>密码（密钥）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From address</source>
        <translation>发件人地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From name</source>
        <translation>发件人名称</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Test message</source>
        <translation>测试消息</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Phone</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+134"/>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location line="-133"/>
        <source>Send Test Message</source>
        <translation>发送测试消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sends one message on each configured channel with the settings shown here</source>
        <translation>使用此处显示的设置，通过每个已配置的渠道各发送一条消息</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>stored in QGIS&apos;s authentication database (locked); type to replace</source>
        <translation>已保存在 QGIS 的认证数据库中（已锁定）；输入新值即可替换</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The secrets were not saved: %1</source>
        <translation>密钥未保存：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Fill in a gateway URL and a test phone, or an SMTP server and a test e-mail.</source>
        <translation>请填写网关 URL 和测试手机号码，或 SMTP 服务器和测试电子邮件。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Recheck test message</source>
        <translation>复查测试消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recheck test message: reminders from the office reach you here.</source>
        <translation>复查测试消息：办公室发出的提醒将发送到这里。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sending a Recheck test message</source>
        <translation>正在发送复查测试消息</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 to %2: sent (%3)</source>
        <translation>%1 发送至 %2：已发送（%3）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 to %2: failed: %3</source>
        <translation>%1 发送至 %2：失败：%3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
</context>
<context>
    <name>recheck::archiveui::ReminderSettingsPageFactory</name>
    <message>
        <location line="+22"/>
        <source>Recheck Reminders</source>
        <translation>复查提醒</translation>
    </message>
</context>
<context>
    <name>recheck::cli</name>
    <message>
        <location filename="../cli/DemoCommand.cpp" line="+33"/>
        <source>%1: cannot read the project: %2</source>
        <translation>%1：无法读取工程：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: no valid layer to render</source>
        <translation>%1：没有可渲染的有效图层</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: cannot write the image</source>
        <translation>%1：无法写入图片</translation>
    </message>
    <message>
        <location filename="../cli/main.cpp" line="+29"/>
        <source>Usage: recheck &lt;verb&gt; [options]   (recheck &lt;verb&gt; --help for a verb&apos;s options)</source>
        <translation>用法：recheck &lt;verb&gt; [options]   （recheck &lt;verb&gt; --help 查看某个子命令的选项）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verbs:</source>
        <translation>子命令：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exit status: 0 done, 1 failure, 2 input refused, 3 done with conflicts waiting, 4 nothing applied (invalid rows), 64 bad command line.</source>
        <translation>退出状态：0 完成，1 失败，2 输入被拒绝，3 完成但有待处理的冲突，4 未应用任何内容（记录无效），64 命令行错误。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>recheck: unknown verb &quot;%1&quot;</source>
        <translation>recheck：未知的子命令“%1”</translation>
    </message>
    <message>
        <location filename="../cli/MasterArgument.cpp" line="+59"/>
        <source>authentication config %1: QGIS&apos;s authentication manager is not available (%2)</source>
        <translation>认证配置 %1：QGIS 的认证管理器不可用（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QGIS not started</source>
        <translation>QGIS 未启动</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>authentication config %1 is not in QGIS&apos;s authentication database %2</source>
        <translation>认证配置 %1 不在 QGIS 的认证数据库 %2 中</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>authentication config %1 (%2) names no PostgreSQL server: put host=… port=… dbname=… or postgresql://host:port/dbname in its URL field, or give them beside it (host=… dbname=… authcfg=%1)</source>
        <translation>认证配置 %1（%2）未指明 PostgreSQL 服务器：请在其 URL 字段中填写 host=… port=… dbname=… 或 postgresql://host:port/dbname，或在参数中与其一并给出（host=… dbname=… authcfg=%1）</translation>
    </message>
</context>
<context>
    <name>recheck::cli::BasemapCommand</name>
    <message>
        <location filename="../cli/BasemapCommand.cpp" line="+26"/>
        <source>list or change the basemap sources check-out clips into every package</source>
        <translation>列出或修改签出时裁剪到每个外业包中的底图数据源</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the office master archive</source>
        <translation>办公室的主档案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>add (or replace) a source of this name</source>
        <translation>添加（或替换）该名称的数据源</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+8"/>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>the dataset GDAL reads: GeoTIFF, MBTiles, GeoPackage, Shapefile, …</source>
        <translation>GDAL 读取的数据集：GeoTIFF、MBTiles、GeoPackage、Shapefile 等</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PATH</source>
        <translation>PATH</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the source is vector data (default: raster)</source>
        <translation>数据源为矢量数据（默认：栅格）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vector: the layer of the source</source>
        <translation>矢量：数据源中的图层</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>LAYER</source>
        <translation>LAYER</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>raster: zoom levels written (default 12-17)</source>
        <translation>栅格：写入的缩放级别（默认 12-17）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>MIN-MAX</source>
        <translation>MIN-MAX</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>remove the source of this name</source>
        <translation>删除该名称的数据源</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>metres kept around the package&apos;s districts</source>
        <translation>外业包台区周围保留的范围（米）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>largest package with its basemap, in MB (0: none)</source>
        <translation>含底图的外业包最大大小，单位 MB（0：不限）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>MB</source>
        <translation>MB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>machine-readable listing</source>
        <translation>机器可读的列表</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>recheck basemap: no source named %1</source>
        <translation>recheck basemap：没有名为 %1 的数据源</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>recheck basemap: --zoom takes MIN-MAX, e.g. 12-17</source>
        <translation>recheck basemap：--zoom 须为 MIN-MAX，例如 12-17</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>recheck basemap: --add needs --source</source>
        <translation>recheck basemap：--add 需要 --source</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Basemap of every package: %1 m around its districts, package at most %2 MB</source>
        <translation>每个外业包的底图：台区周围 %1 米，外业包最大 %2 MB</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No sources: packages have no basemap.</source>
        <translation>没有数据源：外业包不含底图。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  %1  raster  %2  zoom %3-%4</source>
        <translation>  %1  栅格  %2  缩放级别 %3-%4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  %1  vector  %2 %3</source>
        <translation>  %1  矢量  %2 %3</translation>
    </message>
</context>
<context>
    <name>recheck::cli::CheckinCommand</name>
    <message>
        <location filename="../cli/SyncCommands.cpp" line="+244"/>
        <source>merge a package back into its master (exit 0 merged, 3 conflicts waiting, 2 refused)</source>
        <translation>将外业包合并回其主档案（退出状态 0 已合并，3 有待处理的冲突，2 被拒绝）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the office master archive</source>
        <translation>办公室的主档案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the package coming back</source>
        <translation>交回的外业包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>who checks it in (default: login name)</source>
        <translation>签入人（默认：登录名）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>how much of the master to check first: touched (default: the header, and every page the merge reads or writes as it is loaded), tables (also quick_check the tables the check-in writes) or full (also quick_check the whole file)</source>
        <translation>签入前对主档案检查的范围：touched（默认：文件头，以及合并在加载时读写的每个页面）、tables（另对签入写入的表执行 quick_check）或 full（另对整个文件执行 quick_check）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SCOPE</source>
        <translation>SCOPE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the same as --master-check full</source>
        <translation>等同于 --master-check full</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skip every check of the master</source>
        <translation>跳过对主档案的所有检查</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PRAGMA integrity_check of the package (also compares every index with its table) instead of quick_check</source>
        <translation>对外业包执行 PRAGMA integrity_check（同时将每个索引与其表比对），而不是 quick_check</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>machine-readable report</source>
        <translation>机器可读的报告</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>recheck checkin: --master-check takes touched, tables or full, not %1</source>
        <translation>recheck checkin：--master-check 只能是 touched、tables 或 full，不能是 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checking in</source>
        <translation>正在签入</translation>
    </message>
</context>
<context>
    <name>recheck::cli::CheckoutCommand</name>
    <message>
        <location line="-218"/>
        <source>copy districts of a master into a new package for a laptop (with its QGIS project)</source>
        <translation>将主档案中的台区复制到供笔记本电脑使用的新外业包（附带 QGIS 工程）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the office master archive</source>
        <translation>办公室的主档案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>district codes, comma-separated</source>
        <translation>台区编号，以逗号分隔</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A,B</source>
        <translation>A,B</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>folder for the package and its project</source>
        <translation>存放外业包及其工程的文件夹</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>staff code of the inspector taking it</source>
        <translation>领取外业包的复查人员编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>STAFF</source>
        <translation>STAFF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>who checks it out (default: login name)</source>
        <translation>签出人（默认：登录名）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>write the package only, no QGIS project</source>
        <translation>只写外业包，不生成 QGIS 工程</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>deliver one zip file holding the package and its project</source>
        <translation>输出一个包含外业包及其工程的 zip 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>machine-readable summary</source>
        <translation>机器可读的摘要</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>recheck checkout: need MASTER, --districts A,B and --to DIR</source>
        <translation>recheck checkout：需要 MASTER、--districts A,B 和 --to DIR</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>recheck checkout: cannot create %1</source>
        <translation>recheck checkout：无法创建 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Checking out</source>
        <translation>正在签出</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>recheck checkout: package written to %1, but the project failed: %2</source>
        <translation>recheck checkout：外业包已写入 %1，但工程生成失败：%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>recheck checkout: package written to %1, but the zip failed: %2</source>
        <translation>recheck checkout：外业包已写入 %1，但 zip 打包失败：%2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Package %1 checked out: districts %2</source>
        <translation>外业包 %1 已签出：台区 %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>  %1 rows in %2 s (%3 rows/s)</source>
        <translation>  %1 条记录，用时 %2 秒（%3 条/秒）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Package: %1</source>
        <translation>外业包：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Basemap: %1 (%2 MB, %n layer(s); package with basemap %3 MB)</source>
        <translation>
            <numerusform>底图：%1（%2 MB，%n 个图层；含底图的外业包 %3 MB）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Project: %1</source>
        <translation>工程：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Both zipped into: %1</source>
        <translation>二者已打包为：%1</translation>
    </message>
</context>
<context>
    <name>recheck::cli::ConflictsCommand</name>
    <message>
        <location line="+145"/>
        <source>list the check-in conflicts a master keeps</source>
        <translation>列出主档案中记录的签入冲突</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the office master archive</source>
        <translation>办公室的主档案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>include resolved conflicts</source>
        <translation>包括已解决的冲突</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>machine-readable output</source>
        <translation>机器可读的输出</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No conflicts waiting.</source>
        <translation>没有待处理的冲突。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>    base: %1 | package: %2 | master: %3 | now: %4</source>
        <translation>    基准：%1 | 外业包：%2 | 主档案：%3 | 当前：%4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>    package row: %1 | master row: %2</source>
        <translation>    外业包中的行：%1 | 主档案中的行：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>present</source>
        <translation>存在</translation>
    </message>
</context>
<context>
    <name>recheck::cli::DemoCommand</name>
    <message>
        <location filename="../cli/DemoCommand.cpp" line="+12"/>
        <source>create a realistic demo county: master archive and QGIS project (deterministic per seed)</source>
        <translation>生成一个贴近实际的演示县：主档案和 QGIS 工程（种子相同则结果相同）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>folder for master.sqlite and recheck-demo.qgs</source>
        <translation>存放 master.sqlite 和 recheck-demo.qgs 的文件夹</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>number of customers (default 20000)</source>
        <translation>客户数（默认 20000）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>number of transformer districts (default 40)</source>
        <translation>台区数（默认 40）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>random seed: the same seed gives the same county</source>
        <translation>随机种子：相同的种子生成相同的县</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>replace an existing demo in DIR</source>
        <translation>替换 DIR 中已有的演示数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>write the archive only (no QGIS project)</source>
        <translation>只写档案（不生成 QGIS 工程）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>also render the project&apos;s map to a PNG</source>
        <translation>同时将工程的地图渲染为 PNG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FILE.png</source>
        <translation>FILE.png</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>machine-readable summary</source>
        <translation>机器可读的摘要</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>recheck demo: --out DIR is required</source>
        <translation>recheck demo：必须指定 --out DIR</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>recheck demo: --customers and --districts must be positive integers with districts ≤ customers, --seed a non-negative integer</source>
        <translation>recheck demo：--customers 和 --districts 必须为正整数且台区数 ≤ 客户数，--seed 必须为非负整数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>recheck demo: cannot create %1</source>
        <translation>recheck demo：无法创建 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>recheck demo: %1 exists; use --force to replace it</source>
        <translation>recheck demo：%1 已存在；使用 --force 替换</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Generating demo county</source>
        <translation>正在生成演示县</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+5"/>
        <source>recheck demo: %1</source>
        <translation>recheck demo：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>--render needs the project</source>
        <translation>--render 需要生成工程</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Demo county written (seed %1):</source>
        <translation>演示县已生成（种子 %1）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  %1 customers in %2 transformer districts, %3 feeders, %4 road lines</source>
        <translation>  %2 个台区共 %1 户客户，%3 条馈线，%4 条道路</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>  %1 locations shared by several meters (multi-meter buildings)</source>
        <translation>  %1 处位置由多块电表共用（多表楼宇）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  %1 staff, %2 plans, %3 tasks, %4 visits recorded</source>
        <translation>  %1 名人员，%2 个计划，%3 项任务，%4 条现场核查记录</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>  generated in %1 s (%2 customers/s)</source>
        <translation>  用时 %1 秒（%2 户/秒）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Archive: %1</source>
        <translation>档案：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Project: %1</source>
        <translation>工程：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Map:     %1</source>
        <translation>地图：%1</translation>
    </message>
</context>
<context>
    <name>recheck::cli::ExportCommand</name>
    <message>
        <location filename="../cli/IoCommands.cpp" line="+320"/>
        <source>export the corrected customer records for the MIS (CSV, XLSX or GPKG)</source>
        <translation>为营销系统导出已更正的客户档案（CSV、XLSX 或 GPKG）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Writes the archive&apos;s customers with the archive&apos;s field names (an export imports back as is), district and feeder codes, coordinates, when and by whom each was changed, the last visit and the fields the field work changed.</source>
        <translation>按档案的字段名写出档案中的客户（导出的文件可原样导入），以及台区和馈线编号、坐标、每户的修改时间和修改人、最近一次现场核查，以及外业修改过的字段。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the archive or master: a file, postgresql://… or authcfg=ID</source>
        <translation>档案或主档案：文件、postgresql://… 或 authcfg=ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>file to write: .csv, .xlsx or .gpkg</source>
        <translation>要写入的文件：.csv、.xlsx 或 .gpkg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>only customers changed on or after DATE (YYYY-MM-DD, UTC)</source>
        <translation>只导出在 DATE 当天或之后修改过的客户（YYYY-MM-DD，UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DATE</source>
        <translation>DATE</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>only customers checked on site (visit result ok or discrepancy)</source>
        <translation>只导出已现场核查的客户（核查结果为核查无误或存在差异）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV encoding: UTF-8 (default) or GBK</source>
        <translation>CSV 编码：UTF-8（默认）或 GBK</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ENC</source>
        <translation>ENC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>machine-readable summary</source>
        <translation>机器可读的摘要</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--to FILE is required</source>
        <translation>必须指定 --to FILE</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--encoding must be UTF-8 or GBK</source>
        <translation>--encoding 必须为 UTF-8 或 GBK</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 customers written to %2</source>
        <translation>已将 %1 户客户写入 %2</translation>
    </message>
</context>
<context>
    <name>recheck::cli::GanttCommand</name>
    <message>
        <location filename="../cli/GanttCommand.cpp" line="+22"/>
        <source>gantt: render the plan&apos;s Gantt chart to PNG or PDF</source>
        <translation>gantt：将计划的甘特图输出为 PNG 或 PDF</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the master archive</source>
        <translation>主档案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the chart to write (.png or .pdf)</source>
        <translation>要写入的图表文件（.png 或 .pdf）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>show tasks touching this day or later</source>
        <translation>显示涉及该日及以后的任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>show tasks touching this day or earlier</source>
        <translation>显示涉及该日及以前的任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rows grouped by member (default) or district</source>
        <translation>按人员（member，默认）或台区（district）分组显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>member|district</source>
        <translation>member|district</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>recheck gantt: give one ARCHIVE and --out FILE.png or FILE.pdf</source>
        <translation>recheck gantt：请给出一个 ARCHIVE 以及 --out FILE.png 或 FILE.pdf</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>recheck gantt: give --from and --to as YYYY-MM-DD, --from not after --to</source>
        <translation>recheck gantt：--from 和 --to 须为 YYYY-MM-DD 格式，且 --from 不得晚于 --to</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>recheck gantt: --group is member or district</source>
        <translation>recheck gantt：--group 只能是 member 或 district</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>recheck gantt: could not write %1</source>
        <translation>recheck gantt：无法写入 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Wrote %n task(s) to %1</source>
        <translation>
            <numerusform>已将 %n 项任务写入 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>recheck::cli::ImportCommand</name>
    <message>
        <location filename="../cli/IoCommands.cpp" line="-301"/>
        <source>import customers (CSV, XLSX, DBF/SHP, GPKG, GeoJSON) or districts, feeders, roads into an archive</source>
        <translation>将客户（CSV、XLSX、DBF/SHP、GPKG、GeoJSON）或台区、馈线、道路导入档案</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Imports one file in one transaction: every row or none (unless --skip-invalid). Customers are matched by account number; only MIS-owned fields are written, and a field verified in the field is held for review (table import_review) instead of being overwritten. Every rejected row is listed with file, row, column and reason in the report (CSV and JSON).
Exit status: 0 applied, 4 nothing applied because of invalid rows, 2 input unreadable or unusable.</source>
        <translation>在一个事务中导入一个文件：要么全部记录都导入，要么一条也不导入（除非使用 --skip-invalid）。客户按户号匹配；只写入由营销系统维护的字段，已在现场核实过的字段不会被覆盖，而是列为待审核（import_review 表）。每条被拒绝的记录都会在报告（CSV 和 JSON）中列出文件、行、列和原因。
退出状态：0 已应用，4 因存在无效记录未应用任何内容，2 输入无法读取或无法使用。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the archive or master: a file, postgresql://… or authcfg=ID</source>
        <translation>档案或主档案：文件、postgresql://… 或 authcfg=ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the file to import</source>
        <translation>要导入的文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>customers (default), districts, feeders or roads</source>
        <translation>customers（客户，默认）、districts（台区）、feeders（馈线）或 roads（道路）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>KIND</source>
        <translation>KIND</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mapping profile (JSON); without it columns are matched by header</source>
        <translation>映射方案（JSON）；未指定时按表头匹配列</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>text encoding of CSV/DBF: AUTO (default), UTF-8 or GBK</source>
        <translation>CSV/DBF 的文本编码：AUTO（默认）、UTF-8 或 GBK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ENC</source>
        <translation>ENC</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>layer or sheet to read (default: the first)</source>
        <translation>要读取的图层或工作表（默认：第一个）</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+9"/>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>apply the valid rows and report the invalid ones</source>
        <translation>应用有效记录，并报告无效记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validate and report, change nothing</source>
        <translation>只校验并报告，不做任何修改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>report file base: writes BASE.csv and BASE.json (default: import-reports/ beside the archive)</source>
        <translation>报告文件基本名：写入 BASE.csv 和 BASE.json（默认：档案旁的 import-reports/）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>updated_by for the rows written (default: import)</source>
        <translation>所写入记录的 updated_by（默认：import）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>machine-readable summary</source>
        <translation>机器可读的摘要</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--kind must be customers, districts, feeders or roads</source>
        <translation>--kind 必须是 customers、districts、feeders 或 roads</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--encoding must be AUTO, UTF-8 or GBK</source>
        <translation>--encoding 必须为 AUTO、UTF-8 或 GBK</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Importing %1</source>
        <translation>正在导入 %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: %2 rows read (encoding %3): %4 inserted, %5 updated, %6 unchanged, %7 rejected, %8 held for review, %9 warnings</source>
        <translation>%1：读取 %2 条记录（编码 %3）：新增 %4，更新 %5，未变 %6，拒绝 %7，待审核 %8，警告 %9</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Columns not imported: %1</source>
        <translation>未导入的列：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report: %1</source>
        <translation>报告：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>nothing applied: %1 rows are invalid (see %2); fix them or use --skip-invalid</source>
        <translation>未应用任何内容：%1 条记录无效（见 %2）；请修正这些记录或使用 --skip-invalid</translation>
    </message>
</context>
<context>
    <name>recheck::cli::InfoCommand</name>
    <message>
        <location filename="../cli/ArchiveCommands.cpp" line="+22"/>
        <source>show what an archive is: id, role, schema, CRS, row counts</source>
        <translation>显示档案的基本信息：标识、角色、结构版本、坐标系、记录数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the archive file</source>
        <translation>档案文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>machine-readable output</source>
        <translation>机器可读的输出</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Archive:        %1</source>
        <translation>档案：          %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:           %1</source>
        <translation>名称：          %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Id:             %1</source>
        <translation>标识：          %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role:           %1</source>
        <translation>角色：          %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schema version: %1</source>
        <translation>结构版本：      %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CRS:            EPSG:%1</source>
        <translation>坐标系：        EPSG:%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created:        %1</source>
        <translation>创建时间：      %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change log entries: %1</source>
        <translation>变更日志条数：%1</translation>
    </message>
</context>
<context>
    <name>recheck::cli::InitCommand</name>
    <message>
        <location filename="../cli/InitCommand.cpp" line="+25"/>
        <source>create an empty office master: a SpatiaLite file or a PostgreSQL/PostGIS database</source>
        <translation>创建空的办公室主档案：SpatiaLite 文件或 PostgreSQL/PostGIS 数据库</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Creates an empty master in one transaction and refuses when one is already there. A PostgreSQL master gets a partition per county named with --counties (others can follow: customers of a county without one wait in the default partition).</source>
        <translation>在一个事务中创建空的主档案；若已存在主档案则拒绝执行。PostgreSQL 主档案为 --counties 列出的每个县各建一个分区（其他县可以以后再添加：尚无分区的县的客户暂存在默认分区中）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a new SpatiaLite file, or an empty PostgreSQL database: postgresql://user@host:port/dbname, &apos;host=… port=… dbname=…&apos; or authcfg=ID (a QGIS authentication config)</source>
        <translation>新的 SpatiaLite 文件，或空的 PostgreSQL 数据库：postgresql://user@host:port/dbname、&apos;host=… port=… dbname=…&apos; 或 authcfg=ID（QGIS 认证配置）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the archive CRS (default 4490, CGCS2000)</source>
        <translation>档案坐标系（默认 4490，即 CGCS2000）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the master&apos;s name</source>
        <translation>主档案名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TEXT</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>counties to create partitions for (PostgreSQL)</source>
        <translation>要创建分区的县（PostgreSQL）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A,B,…</source>
        <translation>A,B,…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>machine-readable output</source>
        <translation>机器可读的输出</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>recheck init: --srid must be a positive EPSG code</source>
        <translation>recheck init：--srid 必须为正整数 EPSG 代码</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>recheck init: %1 already holds a Recheck master (schema v%2); nothing was changed</source>
        <translation>recheck init：%1 中已有复查主档案（结构版本 v%2）；未做任何改动</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Created an empty %1 master at %2 (archive id %3, CRS EPSG:%4)</source>
        <translation>已在 %2 创建空的 %1 主档案（档案标识 %3，坐标系 EPSG:%4）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>County partitions: %1</source>
        <translation>县分区：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A SpatiaLite master holds every county in one file: --counties needs no partitions here</source>
        <translation>SpatiaLite 主档案将所有县保存在一个文件中：此处 --counties 无需创建分区</translation>
    </message>
</context>
<context>
    <name>recheck::cli::MigrateCommand</name>
    <message>
        <location filename="../cli/MigrateCommand.cpp" line="+26"/>
        <source>move a SpatiaLite master into an empty PostgreSQL/PostGIS database, partitioned by county (row counts and checksums compared)</source>
        <translation>将 SpatiaLite 主档案迁移到空的 PostgreSQL/PostGIS 数据库，按县分区（比对记录数和校验和）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the master archive file</source>
        <translation>主档案文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the PostgreSQL database: postgresql://user@host:port/dbname or &apos;host=… port=… dbname=…&apos; (a password is best kept in ~/.pgpass)</source>
        <translation>PostgreSQL 数据库：postgresql://user@host:port/dbname 或 &apos;host=… port=… dbname=…&apos;（密码最好保存在 ~/.pgpass 中）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>machine-readable output</source>
        <translation>机器可读的输出</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>recheck migrate: &apos;%1&apos; is not a PostgreSQL connection string (postgresql://… or host=… dbname=…)</source>
        <translation>recheck migrate：“%1”不是 PostgreSQL 连接字符串（postgresql://… 或 host=… dbname=…）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Migrating to PostgreSQL</source>
        <translation>正在迁移到 PostgreSQL</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Migrated %1 → %2</source>
        <translation>已迁移 %1 → %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counties (one partition each): %1</source>
        <translation>县（每县一个分区）：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 %2 %3 (archive = PostgreSQL)</source>
        <translation>%1 %2 %3（档案 = PostgreSQL）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>table</source>
        <translation>表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>rows</source>
        <translation>记录数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> (by county)</source>
        <translation>（按县）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 rows in %2 tables, every count and checksum equal, in %3 s</source>
        <translation>%2 个表共 %1 条记录，记录数和校验和全部一致，用时 %3 秒</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not copied (rebuilt from the data): %1</source>
        <translation>未复制（由数据重建）：%1</translation>
    </message>
</context>
<context>
    <name>recheck::cli::PlanCommand</name>
    <message>
        <location filename="../cli/PlanCommands.cpp" line="+37"/>
        <source>plan generate: create the re-check tasks due in a period (idempotent)</source>
        <translation>plan generate：生成某一时段内到期的复查任务（可重复执行，不会重复生成）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the action (only generate for now)</source>
        <translation>操作（目前仅支持 generate）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the master: a file, postgresql://… or authcfg=ID</source>
        <translation>主档案：文件、postgresql://… 或 authcfg=ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first day of the period</source>
        <translation>时段的第一天</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>last day of the period</source>
        <translation>时段的最后一天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>report what would be created, write nothing</source>
        <translation>只报告将生成的任务，不写入任何内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>write the proposed spread for members over capacity</source>
        <translation>为超出处理能力的人员写入建议的分摊安排</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>who generates (default: login name)</source>
        <translation>生成人（默认：登录名）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>machine-readable report</source>
        <translation>机器可读的报告</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>recheck plan generate: give --from and --to as YYYY-MM-DD, --from not after --to</source>
        <translation>recheck plan generate：--from 和 --to 须为 YYYY-MM-DD 格式，且 --from 不得晚于 --to</translation>
    </message>
    <message numerus="yes">
        <location line="+56"/>
        <source>Would create %n task(s) for %1 … %2</source>
        <translation>
            <numerusform>将为 %1 … %2 生成 %n 项任务</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Created %n task(s) for %1 … %2</source>
        <translation>
            <numerusform>已为 %1 … %2 生成 %n 项任务</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Already present (left alone): %1</source>
        <translation>已存在（保持不变）：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning: %1 (%2) is over capacity: %3 customers per day on %4 against %5, %6 working day(s) over</source>
        <translation>警告：%1（%2）超出处理能力：%4 当天 %3 户，而能力为每日 %5 户，共 %6 个工作日超出</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>  spread written:</source>
        <translation>  已写入分摊安排：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  proposed spread (use --spread to write it):</source>
        <translation>  建议的分摊安排（使用 --spread 写入）：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Note: %1</source>
        <translation>提示：%1</translation>
    </message>
</context>
<context>
    <name>recheck::cli::ProgressCommand</name>
    <message>
        <location line="+11"/>
        <source>progress by district, member or period: checked share, GPS proof, discrepancies, on-time rate</source>
        <translation>按台区、人员或时段统计进度：核查比例、GPS 佐证、差异、按时完成率</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the archive or master: a file, postgresql://… or authcfg=ID</source>
        <translation>档案或主档案：文件、postgresql://… 或 authcfg=ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>district, member or period</source>
        <translation>district（台区）、member（人员）或 period（时段）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>GROUPING</source>
        <translation>GROUPING</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>week, month (default) or quarter</source>
        <translation>week（周）、month（月，默认）或 quarter（季度）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>UNIT</source>
        <translation>UNIT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tasks due from this day</source>
        <translation>自该日起到期的任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <location line="+2"/>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>tasks due up to this day</source>
        <translation>截至该日到期的任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the day overdue is judged on (default: today)</source>
        <translation>判断是否逾期所依据的日期（默认：今天）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>machine-readable output</source>
        <translation>机器可读的输出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV output</source>
        <translation>输出 CSV</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--by must be district, member or period</source>
        <translation>--by 必须是 district、member 或 period</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--period must be week, month or quarter</source>
        <translation>--period 必须是 week、month 或 quarter</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dates are YYYY-MM-DD</source>
        <translation>日期格式为 YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>give --json or --csv, not both</source>
        <translation>--json 和 --csv 只能选其一</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>%1  tasks done overdue  checked/scope        GPS proof  discrepancies  on time</source>
        <translation>%1 任务 完成    逾期     已核查/范围          GPS 佐证          差异  按时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>group</source>
        <translation>分组</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n task(s) in %1 ms</source>
        <translation>
            <numerusform>%n 项任务，用时 %1 毫秒</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>recheck progress: %1</source>
        <translation>recheck progress：%1</translation>
    </message>
</context>
<context>
    <name>recheck::cli::PullCommand</name>
    <message>
        <location filename="../cli/IoCommands.cpp" line="+18"/>
        <source>import the new export files of a drop folder (for cron; safe to run repeatedly)</source>
        <translation>导入投放文件夹中新的导出文件（供 cron 使用；可安全重复运行）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Imports, oldest first, the files in --from that are not older than the last pulled file and were not applied before (same SHA-256). The first file that fails stops the run and is tried again next time. Exit status: 0 all applied (or nothing new), 4 a file has invalid rows, 2 a file is unreadable.</source>
        <translation>按从旧到新的顺序，导入 --from 中不早于上次拉取的文件且此前未应用过（SHA-256 相同即视为已应用）的文件。第一个失败的文件会终止本次运行，并在下次重试。退出状态：0 全部已应用（或没有新文件），4 某个文件有无效记录，2 某个文件无法读取。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the archive</source>
        <translation>档案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the drop folder</source>
        <translation>投放文件夹</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+7"/>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>mapping profile (JSON)</source>
        <translation>映射方案（JSON）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>apply the valid rows of each file and report the invalid ones</source>
        <translation>应用每个文件中的有效记录，并报告无效记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>folder for the reports (default: import-reports/ beside the archive)</source>
        <translation>存放报告的文件夹（默认：档案旁的 import-reports/）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>leave files modified in the last S seconds for the next run (default 0)</source>
        <translation>最近 S 秒内修改过的文件留待下次运行（默认 0）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>machine-readable summary</source>
        <translation>机器可读的摘要</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--from DIR is required</source>
        <translation>必须指定 --from DIR</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--settle takes a whole number of seconds ≥ 0</source>
        <translation>--settle 须为 ≥ 0 的整数秒数</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Pulling from %1</source>
        <translation>正在从 %1 拉取</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1: applied: %2 inserted, %3 updated, %4 unchanged, %5 rejected, %6 held for review</source>
        <translation>%1：已应用：新增 %2，更新 %3，未变 %4，拒绝 %5，待审核 %6</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: already applied, skipped</source>
        <translation>%1：此前已应用，已跳过</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: nothing applied: %2 rows are invalid (see %3); later files wait</source>
        <translation>%1：未应用任何内容：%2 条记录无效（见 %3）；后续文件等待处理</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: still being written, left for the next run</source>
        <translation>%1：仍在写入中，留待下次运行</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Nothing new in %1</source>
        <translation>%1 中没有新文件</translation>
    </message>
</context>
<context>
    <name>recheck::cli::RemindCommand</name>
    <message>
        <location filename="../cli/RemindCommand.cpp" line="+46"/>
        <source>queue reminders (changed, urgent, overdue work; digests) and send the due ones by SMS and email</source>
        <translation>将提醒加入队列（工作有变更、紧急或逾期；汇总提醒），并通过 SMS 和电子邮件发送已到期的提醒</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the master: a file, postgresql://… or authcfg=ID</source>
        <translation>主档案：文件、postgresql://… 或 authcfg=ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>print what would be queued; write and send nothing</source>
        <translation>打印将加入队列的提醒；不写入也不发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deliver the outbox rows that are due</source>
        <translation>发送发件箱中已到期的消息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>gateway, SMTP and policy settings (JSON)</source>
        <translation>网关、SMTP 和策略设置（JSON）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>evaluate at this time instead of the clock (ISO 8601)</source>
        <translation>以该时间代替系统时钟进行判断（ISO 8601）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ISO</source>
        <translation>ISO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>machine-readable output</source>
        <translation>机器可读的输出</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>recheck remind: --now needs an ISO 8601 time, e.g. 2024-06-03T09:00:00+08:00</source>
        <translation>recheck remind：--now 需要 ISO 8601 格式的时间，例如 2024-06-03T09:00:00+08:00</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>recheck remind: configuration refused: %1</source>
        <translation>recheck remind：配置被拒绝：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+62"/>
        <source>Would queue %n reminder(s)</source>
        <translation>
            <numerusform>将有 %n 条提醒加入队列</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Queued %n reminder(s)</source>
        <translation>
            <numerusform>已将 %n 条提醒加入队列</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source> (%n already queued earlier)</source>
        <translation>
            <numerusform>（另有 %n 条此前已在队列中）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Would send %n due message(s)</source>
        <translation>
            <numerusform>将发送 %n 条已到期的消息</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent %1, failed %2 (will retry), dead-lettered %3, no sender configured %4</source>
        <translation>已发送 %1 条，失败 %2 条（将重试），放弃投递 %3 条，未配置发送方式 %4 条</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n message(s) were interrupted while sending in an earlier run and are held as unconfirmed: check the gateway&apos;s log, then mark them sent or retry them in the outbox view</source>
        <translation>
            <numerusform>%n 条消息在之前的运行中发送中断，已保留为未确认：请检查网关日志，然后在发件箱中将其标记为已发送或重试</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>  #%1 %2 %3: %4 (attempt %5, next %6)</source>
        <translation>  #%1 %2 %3：%4（第 %5 次尝试，下次 %6）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none: dead-lettered</source>
        <translation>无：已放弃投递</translation>
    </message>
</context>
<context>
    <name>recheck::cli::ResolveCommand</name>
    <message>
        <location filename="../cli/SyncCommands.cpp" line="+16"/>
        <source>resolve a check-in conflict: take package, master, base or a value</source>
        <translation>解决签入冲突：采用外业包、主档案、基准值或指定的值</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the office master archive</source>
        <translation>办公室的主档案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>conflict id (see recheck conflicts)</source>
        <translation>冲突编号（见 recheck conflicts）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>package, master or base</source>
        <translation>package（外业包）、master（主档案）或 base（基准值）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SIDE</source>
        <translation>SIDE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>write this value instead</source>
        <translation>改为写入该值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>who decides (default: login name)</source>
        <translation>裁定人（默认：登录名）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>machine-readable output</source>
        <translation>机器可读的输出</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>recheck resolve: need MASTER ID and either --take package|master|base or --value V</source>
        <translation>recheck resolve：需要 MASTER ID，以及 --take package|master|base 或 --value V 二者之一</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Conflict %1 resolved (%2) by %3: %4 %5 %6 = %7</source>
        <translation>冲突 %1 已由 %3 解决（%2）：%4 %5 %6 = %7</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(whole row)</source>
        <translation>（整行）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>row written</source>
        <translation>已写入该行</translation>
    </message>
</context>
<context>
    <name>recheck::cli::ReviewCommand</name>
    <message>
        <location filename="../cli/ReviewCommand.cpp" line="+29"/>
        <source>list, accept or reject the MIS values an import held back for review</source>
        <translation>列出、采用或拒绝导入时暂缓待审核的营销系统值</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An import does not overwrite a field verified in the field (or changed by someone since): it keeps the archive&apos;s value and holds the MIS value for review. Without an action this lists the open items: the archive&apos;s value when the import ran, the MIS value and the value now.
--accept writes the MIS value as an edit by --by (row version, change log); --reject keeps the archive&apos;s value, and later imports of the same MIS value are not held again. Both record who and when. Several ids, or --accept-all/--reject-all, are decided in one transaction: all or none.
Exit status: 0 done, 2 refused (unknown or already decided id, a value the archive refuses; nothing written), 64 bad command line.</source>
        <translation>导入不会覆盖已经现场核实（或此后已被他人修改）的字段：它保留档案值，并将营销系统值暂缓待审核。不指定操作时，列出待处理的条目：导入运行时的档案值、营销系统值以及当前值。
--accept 将营销系统值作为 --by 的编辑写入（记录版本、变更日志）；--reject 保留档案值，以后导入相同的营销系统值时不再暂缓。两者都会记录裁定人和时间。多个编号或 --accept-all/--reject-all 在同一个事务中裁定：要么全部成功，要么全部不生效。
退出状态：0 完成，2 被拒绝（编号未知或已裁定，或档案不接受该值；未写入任何内容），64 命令行有误。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the office master archive</source>
        <translation>办公室的主档案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>list decided items too</source>
        <translation>同时列出已裁定的条目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>only the items of this account number</source>
        <translation>只显示该户号的条目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NO</source>
        <translation>NO</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>write the MIS value of these items (comma-separated ids)</source>
        <translation>写入这些条目的营销系统值（以逗号分隔的编号）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>keep the archive&apos;s value for these items (comma-separated ids)</source>
        <translation>这些条目保留档案值（以逗号分隔的编号）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>accept every open item (of --account, if given)</source>
        <translation>采用所有待处理的条目（如指定了 --account，则仅限该户号）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reject every open item (of --account, if given)</source>
        <translation>拒绝所有待处理的条目（如指定了 --account，则仅限该户号）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>who decides (default: login name)</source>
        <translation>裁定人（默认：登录名）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>machine-readable output</source>
        <translation>机器可读的输出</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>give one of --accept, --reject, --accept-all, --reject-all</source>
        <translation>请指定 --accept、--reject、--accept-all、--reject-all 之一</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&quot;%1&quot; is not an item id (see recheck review)</source>
        <translation>“%1”不是条目编号（参见 recheck review）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--%1 needs at least one id</source>
        <translation>--%1 至少需要一个编号</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+36"/>
        <source>No held import values wait for review.</source>
        <translation>没有待审核的暂缓导入值。</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>accepted by %1 at %2</source>
        <translation>由 %1 于 %2 采用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rejected by %1 at %2</source>
        <translation>由 %1 于 %2 拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>    archive (verified): %1 | MIS: %2 | now: %3</source>
        <translation>    档案值（已核实）：%1 | 营销系统：%2 | 当前：%3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(customer deleted)</source>
        <translation>（客户已删除）</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n item(s) decided.</source>
        <translation>
            <numerusform>已裁定 %n 个条目。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>recheck::cli::RouteCommand</name>
    <message>
        <location filename="../cli/RouteCommand.cpp" line="+32"/>
        <source>visiting order for points (CSV id,x,y or TSPLIB), straight-line or along roads</source>
        <translation>计算各点的走访顺序（CSV id,x,y 或 TSPLIB），按直线或沿道路</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Plans a visiting order from the depot (first row / node 1) through every point and writes the ids in order to --out, one per line; with several inspectors the routes are separated by an empty line.
Archive mode: recheck route ARCHIVE --district CODE [--open] [--roads] [--vehicles K] [--time-limit S] [--seed N] [--json] plans the pending customers of each district (its open task&apos;s scope minus the visited) from the assignee&apos;s office and writes the order into task_scope.route_order.</source>
        <translation>从出发点（第一行/节点 1）出发，规划经过每个点的走访顺序，并将编号按顺序写入 --out，每行一个；有多名复查人员时，各条路线之间以空行分隔。
档案模式：recheck route ARCHIVE --district CODE [--open] [--roads] [--vehicles K] [--time-limit S] [--seed N] [--json] 从责任人驻地出发，为每个台区的待复查客户（其未完成任务的范围减去已走访的客户）规划走访顺序，并写入 task_scope.route_order。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>archive file (archive mode)</source>
        <translation>档案文件（档案模式）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>points CSV with columns id,x,y (metres)</source>
        <translation>含 id,x,y 列的点 CSV 文件（单位：米）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TSPLIB .tsp file (EUC_2D, CEIL_2D, ATT)</source>
        <translation>TSPLIB .tsp 文件（EUC_2D、CEIL_2D、ATT）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>end at the last customer instead of the depot</source>
        <translation>在最后一个客户处结束，不返回出发点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>roads CSV with columns id,wkt[,oneway]: distances along roads</source>
        <translation>含 id,wkt[,oneway] 列的道路 CSV 文件：按沿道路的距离计算</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>number of inspectors (default 1)</source>
        <translation>复查人员数（默认 1）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>search time in seconds (default 1)</source>
        <translation>求解时间，单位秒（默认 1）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>stop after N improvement rounds; without --time-limit the result is then the same on every run for a given --seed</source>
        <translation>经过 N 轮改进后停止；此时若不设 --time-limit，对给定的 --seed 每次运行结果相同</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>random seed (default 1)</source>
        <translation>随机种子（默认 1）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>travel speed in km/h (default 4.5, walking)</source>
        <translation>行进速度，单位 km/h（默认 4.5，步行）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>minutes spent per customer (default 5)</source>
        <translation>每户耗时，单位分钟（默认 5）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tour file to write</source>
        <translation>要写入的路线文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>machine-readable output</source>
        <translation>机器可读的输出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>archive mode: district code (repeat or separate with commas)</source>
        <translation>档案模式：台区编号（可重复指定或以逗号分隔）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>archive mode: start at LON,LAT (archive CRS) instead of the assignee&apos;s office</source>
        <translation>档案模式：从 LON,LAT（档案坐标系）出发，而不是从责任人驻地出发</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>archive mode: plan and report, write nothing</source>
        <translation>档案模式：只规划并报告，不写入任何内容</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>give either ARCHIVE --district CODE or --points/--tsplib, not both</source>
        <translation>请给出 ARCHIVE --district CODE 或 --points/--tsplib，二者不能同时给出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation>多余的参数“%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--roads needs a roads CSV file outside the archive mode</source>
        <translation>非档案模式下，--roads 需要一个道路 CSV 文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>give exactly one of --points FILE.csv and --tsplib FILE.tsp</source>
        <translation>--points FILE.csv 和 --tsplib FILE.tsp 必须且只能给出一个</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--out TOUR.txt is required</source>
        <translation>必须指定 --out TOUR.txt</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--%1 &quot;%2&quot;: %3</source>
        <translation>--%1 “%2”：%3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a whole number of inspectors ≥ 1 is expected</source>
        <translation>复查人员数应为 ≥ 1 的整数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seconds ≥ 0 are expected</source>
        <translation>秒数应 ≥ 0</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a positive speed in km/h is expected</source>
        <translation>速度应为正数（km/h）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>minutes ≥ 0 are expected</source>
        <translation>分钟数应 ≥ 0</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>a whole number ≥ 0 is expected</source>
        <translation>应为 ≥ 0 的整数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--vehicles and --seed take whole numbers</source>
        <translation>--vehicles 和 --seed 必须为整数</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>in the archive mode --roads takes no file: the archive&apos;s roads table is used</source>
        <translation>档案模式下 --roads 不接受文件：将使用档案中的道路表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the archive mode needs the ARCHIVE file</source>
        <translation>档案模式需要 ARCHIVE 文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the archive mode needs --district CODE</source>
        <translation>档案模式需要 --district CODE</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--out is for the bare-instance mode; the archive mode writes the order into the archive</source>
        <translation>--out 仅用于独立实例模式；档案模式会将顺序写入档案</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--depot &quot;%1&quot;: LON,LAT expected</source>
        <translation>--depot “%1”：应为 LON,LAT</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>District</source>
        <translation>台区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Route</source>
        <translation>路线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stops</source>
        <translation>停靠点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Length km</source>
        <translation>里程（公里）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time h:mm</source>
        <translation>用时（时:分）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 %2: %3 pending, EPSG:%4 (CM %5°E), depot: %6; %7 s; %8 route order(s) written</source>
        <translation>%1 %2：待复查 %3 户，EPSG:%4（中央经线 %5°E），出发点：%6；%7 秒；已写入 %8 个路线顺序</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>  no open task: all customers planned, nothing written</source>
        <translation>  没有未完成的任务：所有客户均已列入计划，未写入任何内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  %1 customer(s) without a location left out</source>
        <translation>  %1 个没有位置的客户已排除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  unreachable by road (left out): %1</source>
        <translation>  道路不可达（已排除）：%1</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Instance: %1 (%2 points; %3 stops routed, co-located customers counted once)</source>
        <translation>实例：%1（%2 个点；已规划 %3 个停靠点，同一位置的客户只计一次）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Length (TSPLIB metric): %1</source>
        <translation>长度（TSPLIB 度量）：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Length: %1 m</source>
        <translation>长度：%1 米</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nearest-neighbour order would be %1 (%2% longer than one route through all)</source>
        <translation>按最近邻顺序长度为 %1（比经过全部点的单条路线长 %2%）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Time: %1 s (distances %2 s, search %3 s, %4 iterations)</source>
        <translation>用时：%1 秒（距离计算 %2 秒，求解 %3 秒，%4 次迭代）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Route %1: %2 customers, length %3, %4 min (%5 travel + %6 service)</source>
        <translation>路线 %1：%2 户，长度 %3，%4 分钟（路上 %5 + 现场 %6）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Unreachable (left out): %1</source>
        <translation>不可达（已排除）：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tour written to %1</source>
        <translation>路线已写入 %1</translation>
    </message>
</context>
<context>
    <name>recheck::cli::RulesCommand</name>
    <message>
        <location filename="../cli/RulesCommand.cpp" line="+29"/>
        <source>rules: run the archive&apos;s discrepancy rules over its customers (per rule counts, offenders)</source>
        <translation>rules：对档案中的客户运行档案的差异规则（各规则的命中数、违规客户）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the archive (master or package)</source>
        <translation>档案（主档案或外业包）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>only the customers of these districts</source>
        <translation>只检查这些台区的客户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CODE[,CODE]</source>
        <translation>CODE[,CODE]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>list every finding (account, rule, value)</source>
        <translation>列出每个违规项（户号、规则、值）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>machine-readable output (with every finding)</source>
        <translation>机器可读的输出（含每个违规项）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>recheck rules: %1 has no district %2</source>
        <translation>recheck rules：%1 中没有台区 %2</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>%1 customer(s) checked, %2 with findings (%3 s)</source>
        <translation>已检查 %1 户客户，其中 %2 户有违规项（%3 秒）</translation>
    </message>
</context>
<context>
    <name>recheck::cli::StatusCommand</name>
    <message>
        <location filename="../cli/SyncCommands.cpp" line="-239"/>
        <source>list a package&apos;s pending changes since check-out</source>
        <translation>列出外业包自签出以来尚未签入的修改</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the package file</source>
        <translation>外业包文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>machine-readable output</source>
        <translation>机器可读的输出</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Package %1 (districts %2), checked out %3 by %4</source>
        <translation>外业包 %1（台区 %2），由 %4 于 %3 签出</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 pending changes: %2 inserts, %3 updates, %4 deletes</source>
        <translation>%1 处待签入的修改：新增 %2，修改 %3，删除 %4</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>DAMAGED %1 %2: %3</source>
        <translation>已损坏 %1 %2：%3</translation>
    </message>
</context>
<context>
    <name>recheck::cli::UpgradeCommand</name>
    <message>
        <location filename="../cli/ArchiveCommands.cpp" line="+12"/>
        <source>bring an archive written by an older Recheck to the current schema</source>
        <translation>将旧版复查软件写入的档案升级到当前结构版本</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the archive file</source>
        <translation>档案文件</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: already at schema v%2</source>
        <translation>%1：已是结构版本 v%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: upgraded from schema v%2 to v%3</source>
        <translation>%1：已从结构版本 v%2 升级到 v%3</translation>
    </message>
</context>
<context>
    <name>recheck::fieldwork::FieldworkDock</name>
    <message>
        <location filename="../plugins/fieldwork/FieldworkDock.cpp" line="+49"/>
        <location line="+407"/>
        <source>Re-check</source>
        <translation>复查</translation>
    </message>
    <message>
        <location line="-397"/>
        <source>Package (archive) of the project&apos;s customer-archive layers</source>
        <translation>工程中客户档案图层所在的外业包（档案）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Whose tasks: the package&apos;s inspector, or chosen</source>
        <translation>查看谁的任务：外业包的复查人员，或另行选择</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open tasks of the inspector</source>
        <translation>该复查人员未完成的任务</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pan the map to the next stop (or the selected customer)</source>
        <translation>将地图平移到下一个停靠点（或所选客户）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pending only</source>
        <translation>仅待复查</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Warn beyond</source>
        <translation>超出时警告</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A visit recorded farther than this from the customer carries a warning</source>
        <translation>记录现场核查的位置离客户超过该距离时，将附带警告</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> m</source>
        <translation> 米</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record visit…</source>
        <translation>记录现场核查…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record a visit to the customer selected in the list or on the map</source>
        <translation>为在列表或地图上选中的客户记录现场核查</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>The Re-check panel cannot read %1: %2</source>
        <translation>复查面板无法读取 %1：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>[urgent] %1</source>
        <translation>【紧急】%1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No open task</source>
        <translation>没有未完成的任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done %1 · pending %2</source>
        <translation>已完成 %1 · 待复查 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing pending</source>
        <translation>没有待复查的客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No pending customer has a location</source>
        <translation>待复查的客户都没有位置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next: #%1 %2 %3</source>
        <translation>下一户：#%1 %2 %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next: %1 %2</source>
        <translation>下一户：%1 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> — %1 m %2 (%3°)</source>
        <translation> — %1 米 %2（%3°）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> — no GPS position</source>
        <translation> — 无 GPS 位置</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>GPS: not connected (connect a receiver in QGIS&apos;s GPS Information panel)</source>
        <translation>GPS：未连接（请在 QGIS 的 GPS 信息面板中连接接收机）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GPS: no fix</source>
        <translation>GPS：未定位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GPS: %1, %2</source>
        <translation>GPS：%1，%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> ±%1 m</source>
        <translation> ±%1 米</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %n satellite(s)</source>
        <translation>
            <numerusform>，%n 颗卫星</numerusform>
        </translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Cannot show %1 on the map: %2</source>
        <translation>无法在地图上显示 %1：%2</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The visit was not recorded: %1</source>
        <translation>现场核查未记录：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Visit recorded: %1</source>
        <translation>现场核查已记录：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %n discrepancy(ies)</source>
        <translation>
            <numerusform>，%n 处差异</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, %1 m from the customer</source>
        <translation>，距客户 %1 米</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> — warning: %1</source>
        <translation> — 警告：%1</translation>
    </message>
</context>
<context>
    <name>recheck::fieldwork::FieldworkPanelModel</name>
    <message>
        <location filename="../plugins/fieldwork/FieldworkPanelModel.cpp" line="+234"/>
        <source>Pending</source>
        <translation>待复查</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checked OK</source>
        <translation>核查无误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discrepancy</source>
        <translation>存在差异</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreachable</source>
        <translation>无法核查</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refused</source>
        <translation>拒绝配合</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 km</source>
        <translation>%1 公里</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Account</source>
        <translation>户号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>户名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address</source>
        <translation>用电地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
</context>
<context>
    <name>recheck::fieldwork::VisitFormDialog</name>
    <message>
        <location filename="../plugins/fieldwork/VisitFormDialog.cpp" line="+23"/>
        <source>Name</source>
        <translation>户名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address</source>
        <translation>用电地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Usage category</source>
        <translation>用电类别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Voltage level</source>
        <translation>电压等级</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contracted capacity (kVA)</source>
        <translation>合同容量（kVA）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Monthly consumption (kWh)</source>
        <translation>月用电量（kWh）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter</source>
        <translation>电能表资产号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer status</source>
        <translation>客户状态</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Visit to %1 (%2)</source>
        <translation>现场核查 %1（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record and what was found on site (leave empty where it agrees)</source>
        <translation>档案记录与现场所见（一致处留空）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Field&lt;/b&gt;</source>
        <translation>&lt;b&gt;字段&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Archive&lt;/b&gt;</source>
        <translation>&lt;b&gt;档案&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Observed&lt;/b&gt;</source>
        <translation>&lt;b&gt;现场所见&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>as archived</source>
        <translation>与档案一致</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rules this record breaks:</source>
        <translation>该记录违反的规则：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Checked OK</source>
        <translation>核查无误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discrepancy</source>
        <translation>存在差异</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unreachable</source>
        <translation>无法核查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused</source>
        <translation>拒绝配合</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No GPS fix: the visit will be recorded and flagged as without position.</source>
        <translation>GPS 未定位：现场核查仍会记录，但会标记为无位置。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, ±%1 m</source>
        <translation>，±%1 米</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %n satellite(s)</source>
        <translation>
            <numerusform>，%n 颗卫星</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; %1 m from the customer</source>
        <translation>；距客户 %1 米</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (more than %1 m: the visit will carry a warning)</source>
        <translation>（超过 %1 米：该现场核查将附带警告）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>; accuracy poorer than %1 m</source>
        <translation>；精度低于 %1 米</translation>
    </message>
</context>
<context>
    <name>recheck::gantt::GanttDock</name>
    <message>
        <location filename="../plugins/gantt/GanttDock.cpp" line="+76"/>
        <source>Re-check Plan (Gantt)</source>
        <translation>复查计划（甘特图）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Archive of the project&apos;s customer-archive layers</source>
        <translation>工程中客户档案图层所在的档案</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>By member</source>
        <translation>按人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By district</source>
        <translation>按台区</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Zoom (Ctrl+wheel on the chart)</source>
        <translation>缩放（在图表上按 Ctrl+滚轮）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scroll the chart to today</source>
        <translation>将图表滚动到今天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export the chart as PNG or PDF</source>
        <translation>将图表导出为 PNG 或 PDF</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only tasks whose planned dates touch this period</source>
        <translation>只显示计划日期与该时段有交集的任务</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>All tasks</source>
        <translation>全部任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only the tasks of this member</source>
        <translation>只显示该人员的任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All members</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>The task was not rescheduled</source>
        <translation>任务未改期</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>No customer archive in the project</source>
        <translation>工程中没有客户档案</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <location line="+68"/>
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n 项任务</numerusform>
        </translation>
    </message>
    <message>
        <location line="-65"/>
        <location line="+59"/>
        <source>Cannot read the plan</source>
        <translation>无法读取计划</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Reading the re-check plan</source>
        <translation>正在读取复查计划</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Reading the plan…</source>
        <translation>正在读取计划…</translation>
    </message>
    <message>
        <location line="+38"/>
        <location line="+5"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Export Gantt Chart</source>
        <translation>导出甘特图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG 图片 (*.png);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Gantt chart exported</source>
        <translation>甘特图已导出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot export the Gantt chart</source>
        <translation>无法导出甘特图</translation>
    </message>
</context>
<context>
    <name>recheck::gantt::GenerateTasksAlgorithm</name>
    <message>
        <location filename="../plugins/gantt/processing/PlanningAlgorithms.cpp" line="+62"/>
        <source>Generate re-check tasks</source>
        <translation>生成复查任务</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plans</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Creates the re-check tasks the archive&apos;s active plans have due in a period: one task per district and cycle, assigned to the district&apos;s responsible member, with its scope frozen to the district&apos;s customers. Running it again for the same period creates nothing new. A member whose scheduled customers per day exceed their capacity is reported as a warning with a proposed spread, written instead of the plain dates when asked to.</source>
        <translation>为档案中有效计划在某一时段内到期的复查生成任务：每个台区每个周期一项任务，分配给该台区的责任人，其范围固定为该台区的客户。对同一时段再次运行不会生成新任务。若某人员每日安排的户数超出其处理能力，将作为警告报告并给出建议的分摊安排；如有要求，则写入分摊安排以代替原定日期。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Archive</source>
        <translation>档案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First day of the period</source>
        <translation>时段的第一天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day of the period</source>
        <translation>时段的最后一天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only report what would be created</source>
        <translation>只报告将要生成的内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the proposed spread for members over capacity</source>
        <translation>为超出处理能力的人员写入建议的分摊安排</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tasks created</source>
        <translation>已生成的任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tasks already present</source>
        <translation>已存在的任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members over capacity</source>
        <translation>超出处理能力的人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Give the period as two dates, the first not after the last</source>
        <translation>请以两个日期给出时段，且第一个不得晚于第二个</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Would create %n task(s) for %1 … %2</source>
        <translation>
            <numerusform>将为 %1 … %2 生成 %n 项任务</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Created %n task(s) for %1 … %2</source>
        <translation>
            <numerusform>已为 %1 … %2 生成 %n 项任务</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Already present (left alone): %1</source>
        <translation>已存在（保持不变）：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2) is over capacity: %3 customers per day on %4 against %5, %6 working day(s) over</source>
        <translation>%1（%2）超出处理能力：%4 当天 %3 户，而能力为每日 %5 户，共 %6 个工作日超出</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 %2…%3</source>
        <translation>%1 %2…%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spread written: %1</source>
        <translation>已写入分摊安排：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Proposed spread: %1</source>
        <translation>建议的分摊安排：%1</translation>
    </message>
</context>
<context>
    <name>recheck::gantt::PlanGanttModel</name>
    <message>
        <location filename="../plugins/gantt/ganttview/PlanGanttModel.cpp" line="+147"/>
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>Workload (customers per day, capacity %1)</source>
        <translation>工作负荷（每日户数，日处理能力 %1）</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n 项任务</numerusform>
        </translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1 · %2
%3 – %4 (baseline %5 – %6, slip %7 d)
%8, %9% of %10 customers checked</source>
        <translation>%1 · %2
%3 – %4（基线 %5 – %6，延误 %7 天）
%8，%10 户中已核查 %9%</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+14"/>
        <source>unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Member / district</source>
        <translation>人员/台区</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>District / member</source>
        <translation>台区/人员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checked %</source>
        <translation>已核查 %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>recheck::gantt::PlanGanttView</name>
    <message>
        <location filename="../plugins/gantt/ganttview/PlanGanttView.cpp" line="+422"/>
        <source>Re-check plan</source>
        <translation>复查计划</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>all tasks</source>
        <translation>全部任务</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Period: %1   Archive: %2   Generated: %3</source>
        <translation>时段：%1   档案：%2   生成时间：%3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued</source>
        <translation>已下达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Baseline (original dates)</source>
        <translation>基线（原定日期）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workload above capacity</source>
        <translation>工作负荷超出处理能力</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>recheck::gantt::PlanningAlgorithms</name>
    <message>
        <location filename="../plugins/gantt/processing/PlanningAlgorithms.cpp" line="-107"/>
        <source>Recheck archives (*.sqlite *.rchk);;All files (*)</source>
        <translation>复查档案 (*.sqlite *.rchk);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>recheck::gantt::ProgressReportAlgorithm</name>
    <message>
        <location line="+134"/>
        <source>Progress report</source>
        <translation>进度报告</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plans</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Re-check progress of the tasks due in a period, grouped by district, member or period (week, month or quarter of the planned end): tasks, done, overdue, customers checked of the scope, visits with GPS proof, discrepancies found and the on-time rate. Writes a table; choose a .csv file to get CSV.</source>
        <translation>某一时段内到期任务的复查进度，按台区、人员或时段（按计划结束日期所在的周、月或季度）分组：任务数、完成数、逾期数、已核查客户占范围的比例、有 GPS 佐证的现场核查、发现的差异以及按时完成率。输出为表格；选择 .csv 文件则输出 CSV。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Archive</source>
        <translation>档案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group by</source>
        <translation>分组依据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>District</source>
        <translation>台区</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Member</source>
        <translation>人员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period (when grouping by period)</source>
        <translation>时段（按时段分组时）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tasks due from</source>
        <translation>任务到期日（起）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tasks due up to</source>
        <translation>任务到期日（止）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Day overdue is judged on (default: today)</source>
        <translation>判断是否逾期所依据的日期（默认：今天）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tasks counted</source>
        <translation>统计的任务数</translation>
    </message>
    <message numerus="yes">
        <location line="+50"/>
        <source>%n task(s) in %1 group(s)</source>
        <translation>
            <numerusform>%1 个分组共 %n 项任务</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>recheck::planning::PlanGenerator</name>
    <message>
        <location filename="../core/planning/PlanGenerator.cpp" line="+115"/>
        <source>the period %1 … %2 is not a valid date range</source>
        <translation>时段 %1 … %2 不是有效的日期范围</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>plan %1 is periodic but has no cycle start or cycle length: skipped</source>
        <translation>计划 %1 为周期性计划，但没有周期起始日或周期长度：已跳过</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>plan %1, district %2: no start date: skipped</source>
        <translation>计划 %1，台区 %2：没有开始日期：已跳过</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>district %1 has no responsible member: its task is unassigned</source>
        <translation>台区 %1 没有责任人：其任务未分配</translation>
    </message>
</context>
<context>
    <name>recheck::planning::PlanTasks</name>
    <message>
        <location filename="../core/planning/PlanTasks.cpp" line="+146"/>
        <location line="+8"/>
        <source>%1: no task %2</source>
        <translation>%1：没有任务 %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>task %1 (%2): cannot go from %3 to %4</source>
        <translation>任务 %1（%2）：状态不能从 %3 变为 %4</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>task %1: the planned end (%2) must not come before the start (%3)</source>
        <translation>任务 %1：计划结束日期（%2）不得早于开始日期（%3）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>task %1 (%2) is %3: its dates can no longer change</source>
        <translation>任务 %1（%2）状态为 %3：日期不能再修改</translation>
    </message>
</context>
<context>
    <name>recheck::plugins</name>
    <message>
        <location filename="../plugins/routeplanner/RouteLayers.cpp" line="+134"/>
        <source>%1 routes</source>
        <translation>%1 路线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 stops</source>
        <translation>%1 停靠点</translation>
    </message>
</context>
<context>
    <name>recheck::plugins::PlanRoutesAlgorithm</name>
    <message>
        <location filename="../plugins/routeplanner/PlanRoutesAlgorithm.cpp" line="+28"/>
        <source>Plan re-check routes</source>
        <translation>规划复查路线</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+37"/>
        <source>Routes</source>
        <translation>路线</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Plans a near-optimal visiting order through the pending customers of each district (the open task&apos;s scope minus the customers already visited), from the assignee&apos;s office, along straight lines or the archive&apos;s roads, for one or several inspectors. Writes the order into the archive (task_scope.route_order) and returns one line per route with its stops, length and estimated time.</source>
        <translation>从责任人驻地出发，按直线或沿档案中的道路，为一名或多名复查人员规划经过每个台区待复查客户（未完成任务的范围减去已走访的客户）的近似最优走访顺序。将顺序写入档案（task_scope.route_order），并为每条路线返回一行，包含其停靠点、里程和预计用时。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Archive</source>
        <translation>档案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recheck archives (*.sqlite *.rchk);;All files (*)</source>
        <translation>复查档案 (*.sqlite *.rchk);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>District codes (comma-separated)</source>
        <translation>台区编号（以逗号分隔）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open path (end at the last customer)</source>
        <translation>开放路线（在最后一个客户处结束）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Distances along the archive&apos;s roads</source>
        <translation>按档案中的道路计算距离</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inspectors per district</source>
        <translation>每个台区的复查人员数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search time per district (seconds)</source>
        <translation>每个台区的求解时间（秒）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write the visiting order into the archive</source>
        <translation>将走访顺序写入档案</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of routes</source>
        <translation>路线数</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No district code given</source>
        <translation>未给出台区编号</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Planning district %1…</source>
        <translation>正在规划台区 %1…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: not planned (%2)</source>
        <translation>%1：未规划（%2）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No district could be planned:
%1</source>
        <translation>没有任何台区能够规划：
%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not write the routes to the output layer</source>
        <translation>无法将路线写入输出图层</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 route %2: %3 stops, %4 customers, %5 km, %6 h:mm</source>
        <translation>%1 路线 %2：%3 个停靠点，%4 户，%5 公里，%6（时:分）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: unreachable by road, left out: %2</source>
        <translation>%1：道路不可达，已排除：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2 pending, EPSG:%3, depot %4, %5 order(s) written, %6 s</source>
        <translation>%1：待复查 %2 户，EPSG:%3，出发点 %4，已写入 %5 个顺序，%6 秒</translation>
    </message>
</context>
<context>
    <name>recheck::plugins::RecheckProcessingProvider</name>
    <message>
        <location filename="../plugins/common/RecheckProcessing.cpp" line="+41"/>
        <source>Recheck</source>
        <translation>复查</translation>
    </message>
</context>
</TS>
