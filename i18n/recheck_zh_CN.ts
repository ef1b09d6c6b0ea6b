<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CustomerArchiveProvider</name>
    <message>
        <location filename="../providers/customerarchive/ArchiveDataItems.cpp" line="+85" />
        <source>Recheck archive %1</source>
        <translation>复查档案 %1</translation>
    </message>
    <message>
        <location filename="../providers/customerarchive/ArchiveStyles.cpp" line="+70" />
        <source>Other / none</source>
        <translation>其他/无</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Pending</source>
        <translation>待复查</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Checked OK</source>
        <translation>核查无误</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Discrepancy</source>
        <translation>存在差异</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Unreachable</source>
        <translation>无法核查</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not planned</source>
        <translation>未列入计划</translation>
    </message>
    <message>
        <location filename="../providers/customerarchive/CustomerArchiveProvider.cpp" line="+107" />
        <source>Recheck customer archive (SpatiaLite) data provider</source>
        <translation>复查客户档案（SpatiaLite）数据源</translation>
    </message>
    <message>
        <location line="+11" />
        <source>No archive file in the layer source "%1"</source>
        <translation>图层数据源“%1”中没有档案文件</translation>
    </message>
    <message>
        <location line="+23" />
        <source>%1: the archive has no district with code "%2"</source>
        <translation>%1：档案中没有编号为“%2”的台区</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Cannot open layer "%1": %2</source>
        <translation>无法打开图层“%1”：%2</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Invalid subset string for %1: %2</source>
        <translation>%1 的筛选条件无效：%2</translation>
    </message>
    <message>
        <location line="+54" />
        <source>Invalid subset string "%1" for %2: %3</source>
        <translation>%2 的筛选条件“%1”无效：%3</translation>
    </message>
    <message>
        <location filename="../providers/customerarchive/CustomerArchiveProviderEditing.cpp" line="+161" />
        <source>Account number "%1" is already used by another customer</source>
        <translation>户号“%1”已被其他客户使用</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1: the value "%2" of field %3 is already used by another row</source>
        <translation>%1：字段 %3 的值“%2”已被其他记录使用</translation>
    </message>
    <message>
        <location line="+5" />
        <source>%1, feature %2: %3</source>
        <translation>%1，要素 %2：%3</translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+47" />
        <source>%1: the layer is not valid</source>
        <translation>%1：图层无效</translation>
    </message>
    <message>
        <location line="+13" />
        <location line="+20" />
        <source>The archive %1 is locked by another program (%2); nothing was saved. Try again when it has finished.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-13" />
        <source>Cannot start writing to %1: %2</source>
        <translation>无法开始写入 %1：%2</translation>
    </message>
    <message>
        <location line="+31" />
        <source>%1 failed, nothing was saved: %2</source>
        <translation>%1 失败，未保存任何内容：%2</translation>
    </message>
    <message numerus="yes">
        <location line="+16" />
        <source>Adding %n feature(s) to %1</source>
        <translation>
            <numerusform>向 %1 添加 %n 个要素</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+103" />
        <source>Deleting %n feature(s) from %1</source>
        <translation>
            <numerusform>从 %1 删除 %n 个要素</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1 failed: rows of %2 are recorded once and cannot be deleted</source>
        <translation>%1 失败：%2 的记录一经录入不可删除</translation>
    </message>
    <message numerus="yes">
        <location line="+40" />
        <source>Changing %n feature(s) of %1</source>
        <translation>
            <numerusform>修改 %1 的 %n 个要素</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1 failed: rows of %2 are recorded once and cannot be changed</source>
        <translation>%1 失败：%2 的记录一经录入不可修改</translation>
    </message>
    <message>
        <location line="+7" />
        <source>%1 failed: the table has no geometry</source>
        <translation>%1 失败：该表没有几何字段</translation>
    </message>
    <message>
        <location line="+10" />
        <source>%1 failed: feature %2 has no field number %3</source>
        <translation>%1 失败：要素 %2 没有第 %3 个字段</translation>
    </message>
    <message>
        <location line="+8" />
        <source>%1 failed: field %2 is maintained by the archive and cannot be edited</source>
        <translation>%1 失败：字段 %2 由档案自动维护，不可编辑</translation>
    </message>
    <message>
        <location line="+61" />
        <source>%1, feature %2: the row no longer exists (deleted by someone else?)</source>
        <translation>%1，要素 %2：该记录已不存在（可能已被他人删除）</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Creating the spatial index of %1</source>
        <translation>正在创建 %1 的空间索引</translation>
    </message>
    <message>
        <location line="+8" />
        <source>SpatiaLite's CreateSpatialIndex failed</source>
        <translation>SpatiaLite 创建空间索引失败</translation>
    </message>
    <message>
        <location filename="../providers/customerarchive/RecheckQgis.cpp" line="+42" />
        <source>Districts</source>
        <translation>台区</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Feeders</source>
        <translation>馈线</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Roads</source>
        <translation>道路</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Staff</source>
        <translation>人员</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Visits</source>
        <translation>现场核查记录</translation>
    </message>
    <message>
        <location line="+81" />
        <source>%1: the archive has no tables with geometry</source>
        <translation>%1：档案中没有带几何字段的表</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Layer %1 of %2 is not valid: %3</source>
        <translation>%2 的图层 %1 无效：%3</translation>
    </message>
    <message>
        <location line="+3" />
        <source>is the customerarchive provider registered?</source>
        <translation>customerarchive 数据源是否已注册？</translation>
    </message>
    <message>
        <location line="+88" />
        <source>Cannot write project %1: %2</source>
        <translation>无法写入工程 %1：%2</translation>
    </message>
</context>
<context>
    <name>RecheckArchivePlugin</name>
    <message>
        <location filename="../plugins/archive/RecheckArchivePlugin.cpp" line="+40" />
        <source>Registered the customer-archive provider from the Recheck plugin</source>
        <translation>已由复查插件注册客户档案数据源</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Open Archive…</source>
        <translation>打开档案…</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Add the layers of a Recheck customer archive (master or package) to the project</source>
        <translation>将复查客户档案（主档案或外业包）的图层添加到工程</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Open Recheck Archive</source>
        <translation>打开复查档案</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Recheck archives (*.sqlite *.rchk);;All files (*)</source>
        <translation>复查档案 (*.sqlite *.rchk);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Cannot open archive</source>
        <translation>无法打开档案</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Archive opened</source>
        <translation>档案已打开</translation>
    </message>
    <message numerus="yes">
        <location line="+0" />
        <source>%1: %n layer(s) added</source>
        <translation>
            <numerusform>%1：已添加 %n 个图层</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecheckPluginUi</name>
    <message>
        <location filename="../plugins/common/RecheckPluginUi.cpp" line="+33" />
        <source>&amp;Recheck</source>
        <translation>复查(&amp;R)</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Recheck</source>
        <translation>复查</translation>
    </message>
</context>
<context>
    <name>RoutePlanTask</name>
    <message numerus="yes">
        <location filename="../plugins/routeplanner/RoutePlanTask.cpp" line="+7" />
        <source>Planning re-check routes (%n district(s))</source>
        <translation type="unfinished">
            <numerusform />
        </translation>
    </message>
</context>
<context>
    <name>RoutePlannerDock</name>
    <message>
        <location filename="../plugins/routeplanner/RoutePlannerDock.cpp" line="+55" />
        <source>Recheck Route Planner</source>
        <translation>复查路线规划</translation>
    </message>
    <message>
        <location line="+8" />
        <source>The archives of the project's customer-archive layers</source>
        <translation>工程中客户档案图层所在的档案</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Read the project's archive layers again</source>
        <translation>重新读取工程中的档案图层</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Archive</source>
        <translation>档案</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Filter districts…</source>
        <translation>筛选台区…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Districts</source>
        <translation>台区</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Code, name, pending customers / customers; select one or more</source>
        <translation>编号、名称、待复查户数/总户数；可多选</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Assignee's office</source>
        <translation>责任人驻地</translation>
    </message>
    <message>
        <location line="+1" />
        <source>First customer</source>
        <translation>第一个客户</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Clicked point</source>
        <translation>地图点选位置</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Pick…</source>
        <translation>点选…</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+139" />
        <source>Click the start point on the map</source>
        <translation>在地图上点选出发点</translation>
    </message>
    <message>
        <location line="-136" />
        <source>Start</source>
        <translation>出发点</translation>
    </message>
    <message>
        <location line="+1" />
        <source>no point clicked</source>
        <translation>尚未点选</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Closed: back to the start</source>
        <translation>闭合：返回出发点</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open: end at the last customer</source>
        <translation>开放：在最后一个客户处结束</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+27" />
        <source>Route</source>
        <translation>路线</translation>
    </message>
    <message>
        <location line="-25" />
        <source>Straight lines</source>
        <translation>直线距离</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Along the archive's roads</source>
        <translation>沿档案中的道路</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Distances</source>
        <translation>距离</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Inspectors</source>
        <translation>复查人员数</translation>
    </message>
    <message>
        <location line="+4" />
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Search time per district: longer gives slightly shorter routes</source>
        <translation>每个台区的求解时间：时间越长，路线略短</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Time budget</source>
        <translation>求解时间</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Plan routes</source>
        <translation>规划路线</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+8" />
        <source>District</source>
        <translation>台区</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+254" />
        <source>Stops</source>
        <translation>停靠点</translation>
    </message>
    <message>
        <location line="-254" />
        <source>Length km</source>
        <translation>里程（公里）</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Time h:mm</source>
        <translation>用时（时:分）</translation>
    </message>
    <message>
        <location line="+70" />
        <source>%1 %2 (%3/%4)</source>
        <translation>%1 %2（%3/%4）</translation>
    </message>
    <message>
        <location line="+11" />
        <location line="+21" />
        <location line="+11" />
        <location line="+39" />
        <location line="+17" />
        <location line="+33" />
        <location line="+7" />
        <location line="+67" />
        <source>Route planner</source>
        <translation>路线规划</translation>
    </message>
    <message>
        <location line="-162" />
        <source>The point cannot be used: %1</source>
        <translation>该点无法使用：%1</translation>
    </message>
    <message>
        <location line="+5" />
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <location line="+34" />
        <source>Open a Recheck archive first</source>
        <translation>请先打开复查档案</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Select one or more districts</source>
        <translation>请选择一个或多个台区</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Click the start point on the map first</source>
        <translation>请先在地图上点选出发点</translation>
    </message>
    <message>
        <location line="+33" />
        <source>Planning cancelled; the archive is unchanged</source>
        <translation>规划已取消，档案未改动</translation>
    </message>
    <message numerus="yes">
        <location line="+25" />
        <source>%1: %2 pending customers, %n route(s), EPSG:%3, start: %4, %5 order(s) written, %6 s</source>
        <translation>
            <numerusform>%1：待复查 %2 户，%n 条路线，EPSG:%3，出发点：%4，已写入 %5 个顺序，%6 秒</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12" />
        <source>%1: unreachable by road, left out: %2</source>
        <translation>%1：道路不可达，已排除：%2</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Routes %1 (%2)</source>
        <translation>路线 %1（%2）</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Route lines</source>
        <translation>路线</translation>
    </message>
    <message numerus="yes">
        <location line="+19" />
        <source>%n district(s) planned; visiting order written to the archive</source>
        <translation>
            <numerusform>已规划 %n 个台区，走访顺序已写入档案</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3" />
        <source>Not planned: %1</source>
        <translation>未规划：%1</translation>
    </message>
</context>
<context>
    <name>RoutePlannerPlugin</name>
    <message>
        <location filename="../plugins/routeplanner/RoutePlannerPlugin.cpp" line="+36" />
        <source>Route Planner</source>
        <translation>路线规划</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Plan the visiting order of re-check districts</source>
        <translation>规划复查台区的走访顺序</translation>
    </message>
</context>
<context>
    <name>recheck</name>
    <message>
        <location filename="../core/reminders/ReminderConfig.cpp" line="+30" />
        <source>%1: cannot read: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>%1: not a JSON object (%2 at offset %3)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>top level is not an object</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>%1: "%2" needs "%3"</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recheck::ReminderConfig</name>
    <message>
        <location line="+9" />
        <source>%1: cannot read the secrets file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>%1: the secrets file is not a regular file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>%1: the secrets file may be read or changed by other users (mode %2); make it readable by its owner only: chmod 600 %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <source>%1: %2 refers to secret "%3", which %4 does not define</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>(no secrets_file)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+28" />
        <source>%1: sms_gateway.body_format must be "json" or "form"</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>%1: smtp.url must start with smtp:// or smtps://</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>%1: smtp.url must not carry credentials; use username and password_secret</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>%1: smtp.tls must be "none", "try" or "required"</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recheck::cli</name>
    <message>
        <location filename="../cli/DemoCommand.cpp" line="+33" />
        <source>%1: cannot read the project: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>%1: no valid layer to render</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>%1: cannot write the image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../cli/main.cpp" line="+27" />
        <source>Usage: recheck &lt;verb&gt; [options]   (recheck &lt;verb&gt; --help for a verb's options)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Verbs:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Exit status: 0 done, 1 failure, 2 input refused, 3 done with conflicts waiting, 4 nothing applied (invalid rows), 64 bad command line.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+57" />
        <source>recheck: unknown verb "%1"</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recheck::cli::CheckinCommand</name>
    <message>
        <location filename="../cli/SyncCommands.cpp" line="+198" />
        <source>merge a package back into its master (exit 0 merged, 3 conflicts waiting, 2 refused)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>the office master archive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>the package coming back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>who checks it in (default: login name)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>NAME</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>skip PRAGMA quick_check of the master</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>machine-readable report</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recheck::cli::CheckoutCommand</name>
    <message>
        <location line="-164" />
        <source>copy districts of a master into a new package for a laptop (with its QGIS project)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>the office master archive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>district codes, comma-separated</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>A,B</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>folder for the package and its project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>DIR</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>staff code of the inspector taking it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>STAFF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>who checks it out (default: login name)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>NAME</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>write the package only, no QGIS project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>machine-readable summary</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>recheck checkout: need MASTER, --districts A,B and --to DIR</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>recheck checkout: cannot create %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Checking out</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>recheck checkout: package written to %1, but the project failed: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+26" />
        <source>Package %1 checked out: districts %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>  %1 rows in %2 s (%3 rows/s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Package: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Project: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recheck::cli::ConflictsCommand</name>
    <message>
        <location line="+114" />
        <source>list the check-in conflicts a master keeps</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>the office master archive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>include resolved conflicts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>machine-readable output</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <source>No conflicts waiting.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>    base: %1 | package: %2 | master: %3 | now: %4</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>    package row: %1 | master row: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+1" />
        <source>deleted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-1" />
        <source>kept</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>present</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recheck::cli::DemoCommand</name>
    <message>
        <location filename="../cli/DemoCommand.cpp" line="+12" />
        <source>create a realistic demo county: master archive and QGIS project (deterministic per seed)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>folder for master.sqlite and recheck-demo.qgs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>DIR</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>number of customers (default 20000)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>N</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>number of transformer districts (default 40)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>M</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>random seed: the same seed gives the same county</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>S</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>replace an existing demo in DIR</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>write the archive only (no QGIS project)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>also render the project's map to a PNG</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>FILE.png</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>machine-readable summary</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>recheck demo: --out DIR is required</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>recheck demo: --customers and --districts must be positive integers with districts ≤ customers, --seed a non-negative integer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>recheck demo: cannot create %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>recheck demo: %1 exists; use --force to replace it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Generating demo county</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <location line="+5" />
        <source>recheck demo: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>--render needs the project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+24" />
        <source>Demo county written (seed %1):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>  %1 customers in %2 transformer districts, %3 feeders, %4 road lines</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>  %1 locations shared by several meters (multi-meter buildings)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>  %1 staff, %2 plans, %3 tasks, %4 visits recorded</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>  generated in %1 s (%2 customers/s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Archive: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Project: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Map:     %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recheck::cli::GanttCommand</name>
    <message>
        <location filename="../cli/GanttCommand.cpp" line="+22" />
        <source>gantt: render the plan's Gantt chart to PNG or PDF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>the master archive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>the chart to write (.png or .pdf)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>FILE</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>show tasks touching this day or later</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <location line="+2" />
        <source>YYYY-MM-DD</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>show tasks touching this day or earlier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>rows grouped by member (default) or district</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>member|district</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>recheck gantt: give one ARCHIVE and --out FILE.png or FILE.pdf</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>recheck gantt: give --from and --to as YYYY-MM-DD, --from not after --to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>recheck gantt: --group is member or district</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>recheck gantt: could not write %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>Wrote %n task(s) to %1</source>
        <translation type="unfinished">
            <numerusform />
        </translation>
    </message>
</context>
<context>
    <name>recheck::cli::InfoCommand</name>
    <message>
        <location filename="../cli/ArchiveCommands.cpp" line="+22" />
        <source>show what an archive is: id, role, schema, CRS, row counts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>the archive file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>machine-readable output</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+30" />
        <source>Archive:        %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Name:           %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Id:             %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Role:           %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Schema version: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>CRS:            EPSG:%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Created:        %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Change log entries: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recheck::cli::PlanCommand</name>
    <message>
        <location filename="../cli/PlanCommands.cpp" line="+36" />
        <source>plan generate: create the re-check tasks due in a period (idempotent)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>the action (only generate for now)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>the master archive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>first day of the period</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <location line="+1" />
        <source>YYYY-MM-DD</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>last day of the period</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>report what would be created, write nothing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>write the proposed spread for members over capacity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>who generates (default: login name)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>NAME</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>machine-readable report</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>recheck plan generate: give --from and --to as YYYY-MM-DD, --from not after --to</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+57" />
        <source>Would create %n task(s) for %1 … %2</source>
        <translation type="unfinished">
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>Created %n task(s) for %1 … %2</source>
        <translation type="unfinished">
            <numerusform />
        </translation>
    </message>
    <message>
        <location line="+10" />
        <source>Already present (left alone): %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Warning: %1 (%2) is over capacity: %3 customers per day on %4 against %5, %6 working day(s) over</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>  spread written:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>  proposed spread (use --spread to write it):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Note: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recheck::cli::ProgressCommand</name>
    <message>
        <location line="+11" />
        <source>progress by district, member or period: checked share, GPS proof, discrepancies, on-time rate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>the archive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>district, member or period</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>GROUPING</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>week, month (default) or quarter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>UNIT</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>tasks due from this day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <location line="+1" />
        <location line="+2" />
        <source>YYYY-MM-DD</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-2" />
        <source>tasks due up to this day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>the day overdue is judged on (default: today)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>machine-readable output</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>CSV output</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>--by must be district, member or period</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>--period must be week, month or quarter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>dates are YYYY-MM-DD</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>give --json or --csv, not both</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+56" />
        <source>%1  tasks done overdue  checked/scope        GPS proof  discrepancies  on time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>group</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+17" />
        <source>%n task(s) in %1 ms</source>
        <translation type="unfinished">
            <numerusform />
        </translation>
    </message>
    <message>
        <location line="+6" />
        <source>recheck progress: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recheck::cli::RemindCommand</name>
    <message>
        <location filename="../cli/RemindCommand.cpp" line="+45" />
        <source>queue reminders (changed, urgent, overdue work; digests) and send the due ones by SMS and email</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>the master archive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>print what would be queued; write and send nothing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>deliver the outbox rows that are due</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>gateway, SMTP and policy settings (JSON)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>FILE</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>evaluate at this time instead of the clock (ISO 8601)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>ISO</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>machine-readable output</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>recheck remind: --now needs an ISO 8601 time, e.g. 2024-06-03T09:00:00+08:00</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>recheck remind: configuration refused: %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+63" />
        <source>Would queue %n reminder(s)</source>
        <translation type="unfinished">
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>Queued %n reminder(s)</source>
        <translation type="unfinished">
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source> (%n already queued earlier)</source>
        <translation type="unfinished">
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6" />
        <source>Would send %n due message(s)</source>
        <translation type="unfinished">
            <numerusform />
        </translation>
    </message>
    <message>
        <location line="+2" />
        <source>Sent %1, failed %2 (will retry), dead-lettered %3, no sender configured %4</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>  #%1 %2 %3: %4 (attempt %5, next %6)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>none: dead-lettered</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recheck::cli::ResolveCommand</name>
    <message>
        <location filename="../cli/SyncCommands.cpp" line="+16" />
        <source>resolve a check-in conflict: take package, master, base or a value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>the office master archive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>conflict id (see recheck conflicts)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>package, master or base</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>SIDE</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>write this value instead</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>V</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>who decides (default: login name)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>NAME</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>machine-readable output</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>recheck resolve: need MASTER ID and either --take package|master|base or --value V</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>Conflict %1 resolved (%2) by %3: %4 %5 %6 = %7</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>(whole row)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>deleted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>row written</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recheck::cli::RouteCommand</name>
    <message>
        <location filename="../cli/RouteCommand.cpp" line="+32" />
        <source>visiting order for points (CSV id,x,y or TSPLIB), straight-line or along roads</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Plans a visiting order from the depot (first row / node 1) through every point and writes the ids in order to --out, one per line; with several inspectors the routes are separated by an empty line.
Archive mode: recheck route ARCHIVE --district CODE [--open] [--roads] [--vehicles K] [--time-limit S] [--seed N] [--json] plans the pending customers of each district (its open task's scope minus the visited) from the assignee's office and writes the order into task_scope.route_order.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>archive file (archive mode)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>points CSV with columns id,x,y (metres)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>TSPLIB .tsp file (EUC_2D, CEIL_2D, ATT)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>end at the last customer instead of the depot</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>roads CSV with columns id,wkt[,oneway]: distances along roads</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>number of inspectors (default 1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>search time in seconds (default 1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>stop after N improvement rounds; without --time-limit the result is then the same on every run for a given --seed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>random seed (default 1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>travel speed in km/h (default 4.5, walking)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>minutes spent per customer (default 5)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>tour file to write</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>machine-readable output</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>archive mode: district code (repeat or separate with commas)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>archive mode: start at LON,LAT (archive CRS) instead of the assignee's office</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>archive mode: plan and report, write nothing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+22" />
        <source>give either ARCHIVE --district CODE or --points/--tsplib, not both</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>unexpected argument "%1"</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>--roads needs a roads CSV file outside the archive mode</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>give exactly one of --points FILE.csv and --tsplib FILE.tsp</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>--out TOUR.txt is required</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>--%1 "%2": %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>a whole number of inspectors ≥ 1 is expected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>seconds ≥ 0 are expected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>a positive speed in km/h is expected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>minutes ≥ 0 are expected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+3" />
        <source>a whole number ≥ 0 is expected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>--vehicles and --seed take whole numbers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+22" />
        <source>in the archive mode --roads takes no file: the archive's roads table is used</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>the archive mode needs the ARCHIVE file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>the archive mode needs --district CODE</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>--out is for the bare-instance mode; the archive mode writes the order into the archive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>--depot "%1": LON,LAT expected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+95" />
        <source>District</source>
        <translation>台区</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Route</source>
        <translation>路线</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Stops</source>
        <translation>停靠点</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Length km</source>
        <translation>里程（公里）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Time h:mm</source>
        <translation>用时（时:分）</translation>
    </message>
    <message>
        <location line="+13" />
        <source>%1 %2: %3 pending, EPSG:%4 (CM %5°E), depot: %6; %7 s; %8 route order(s) written</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>  no open task: all customers planned, nothing written</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>  %1 customer(s) without a location left out</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>  unreachable by road (left out): %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+48" />
        <source>Instance: %1 (%2 points; %3 stops routed, co-located customers counted once)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Length (TSPLIB metric): %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Length: %1 m</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Nearest-neighbour order would be %1 (%2% longer than one route through all)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Time: %1 s (distances %2 s, search %3 s, %4 iterations)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Route %1: %2 customers, length %3, %4 min (%5 travel + %6 service)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Unreachable (left out): %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Tour written to %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recheck::cli::StatusCommand</name>
    <message>
        <location filename="../cli/SyncCommands.cpp" line="-214" />
        <source>list a package's pending changes since check-out</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>the package file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>machine-readable output</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+24" />
        <source>Package %1 (districts %2), checked out %3 by %4</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>%1 pending changes: %2 inserts, %3 updates, %4 deletes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>DAMAGED %1 %2: %3</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recheck::cli::UpgradeCommand</name>
    <message>
        <location filename="../cli/ArchiveCommands.cpp" line="+12" />
        <source>bring an archive written by an older Recheck to the current schema</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>the archive file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>%1: already at schema v%2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>%1: upgraded from schema v%2 to v%3</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recheck::gantt::PlanGanttModel</name>
    <message>
        <location filename="../plugins/gantt/ganttview/PlanGanttModel.cpp" line="+98" />
        <source>Unassigned</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+91" />
        <source>Workload (customers per day, capacity %1)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+26" />
        <source>%n task(s)</source>
        <translation type="unfinished">
            <numerusform />
        </translation>
    </message>
    <message>
        <location line="+32" />
        <source>%1 · %2
%3 – %4 (baseline %5 – %6, slip %7 d)
%8, %9% of %10 customers checked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+14" />
        <source>unassigned</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+84" />
        <source>Member / district</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>District / member</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Start</source>
        <translation>出发点</translation>
    </message>
    <message>
        <location line="+2" />
        <source>End</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Checked %</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Status</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recheck::planning::PlanGenerator</name>
    <message>
        <location filename="../core/planning/PlanGenerator.cpp" line="+115" />
        <source>the period %1 … %2 is not a valid date range</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+35" />
        <source>plan %1 is periodic but has no cycle start or cycle length: skipped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>plan %1, district %2: no start date: skipped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+33" />
        <source>district %1 has no responsible member: its task is unassigned</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recheck::planning::PlanTasks</name>
    <message>
        <location filename="../core/planning/PlanTasks.cpp" line="+142" />
        <location line="+8" />
        <source>%1: no task %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>task %1 (%2): cannot go from %3 to %4</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+29" />
        <source>task %1: the planned end (%2) must not come before the start (%3)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>task %1 (%2) is %3: its dates can no longer change</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recheck::plugins</name>
    <message>
        <location filename="../plugins/routeplanner/RouteLayers.cpp" line="+133" />
        <source>%1 routes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>%1 stops</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recheck::plugins::PlanRoutesAlgorithm</name>
    <message>
        <location filename="../plugins/routeplanner/PlanRoutesAlgorithm.cpp" line="+33" />
        <source>Plan re-check routes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <location line="+37" />
        <source>Routes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-29" />
        <source>Plans a near-optimal visiting order through the pending customers of each district (the open task's scope minus the customers already visited), from the assignee's office, along straight lines or the archive's roads, for one or several inspectors. Writes the order into the archive (task_scope.route_order) and returns one line per route with its stops, length and estimated time.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Archive</source>
        <translation>档案</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Recheck archives (*.sqlite *.rchk);;All files (*)</source>
        <translation>复查档案 (*.sqlite *.rchk);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>District codes (comma-separated)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Open path (end at the last customer)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Distances along the archive's roads</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Inspectors per district</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Search time per district (seconds)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Write the visiting order into the archive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Summary</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Number of routes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>No district code given</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>Planning district %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>%1: not planned (%2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>No district could be planned:
%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Could not write the routes to the output layer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>%1 route %2: %3 stops, %4 customers, %5 km, %6 h:mm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>%1: unreachable by road, left out: %2</source>
        <translation>%1：道路不可达，已排除：%2</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1: %2 pending, EPSG:%3, depot %4, %5 order(s) written, %6 s</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recheck::plugins::RecheckProcessingProvider</name>
    <message>
        <location filename="../plugins/routeplanner/RecheckProcessingProvider.cpp" line="+14" />
        <source>Recheck</source>
        <translation>复查</translation>
    </message>
</context>
</TS>