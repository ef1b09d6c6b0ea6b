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
        <translation>档案 %1 已被其他程序锁定（%2），未保存任何内容。请等该程序完成后重试。</translation>
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
        <translation>
            <numerusform>正在规划复查路线（%n 个台区）</numerusform>
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
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1: not a JSON object (%2 at offset %3)</source>
        <translation>%1：不是 JSON 对象（%2，位于偏移量 %3）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>top level is not an object</source>
        <translation>顶层不是对象</translation>
    </message>
    <message>
        <location line="+9" />
        <source>%1: "%2" needs "%3"</source>
        <translation>%1：“%2”必须包含“%3”</translation>
    </message>
</context>
<context>
    <name>recheck::ReminderConfig</name>
    <message>
        <location line="+9" />
        <source>%1: cannot read the secrets file</source>
        <translation>%1：无法读取密钥文件</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1: the secrets file is not a regular file</source>
        <translation>%1：密钥文件不是普通文件</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1: the secrets file may be read or changed by other users (mode %2); make it readable by its owner only: chmod 600 %1</source>
        <translation>%1：密钥文件可被其他用户读取或修改（权限 %2）；请将其设为仅所有者可读写：chmod 600 %1</translation>
    </message>
    <message>
        <location line="+21" />
        <source>%1: %2 refers to secret "%3", which %4 does not define</source>
        <translation>%1：%2 引用了密钥“%3”，但 %4 中没有定义该密钥</translation>
    </message>
    <message>
        <location line="+2" />
        <source>(no secrets_file)</source>
        <translation>（未设置 secrets_file）</translation>
    </message>
    <message>
        <location line="+28" />
        <source>%1: sms_gateway.body_format must be "json" or "form"</source>
        <translation>%1：sms_gateway.body_format 必须为 "json" 或 "form"</translation>
    </message>
    <message>
        <location line="+32" />
        <source>%1: smtp.url must start with smtp:// or smtps://</source>
        <translation>%1：smtp.url 必须以 smtp:// 或 smtps:// 开头</translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1: smtp.url must not carry credentials; use username and password_secret</source>
        <translation>%1：smtp.url 中不得包含登录凭据；请使用 username 和 password_secret</translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1: smtp.tls must be "none", "try" or "required"</source>
        <translation>%1：smtp.tls 必须为 "none"、"try" 或 "required"</translation>
    </message>
</context>
<context>
    <name>recheck::cli</name>
    <message>
        <location filename="../cli/DemoCommand.cpp" line="+33" />
        <source>%1: cannot read the project: %2</source>
        <translation>%1：无法读取工程：%2</translation>
    </message>
    <message>
        <location line="+9" />
        <source>%1: no valid layer to render</source>
        <translation>%1：没有可渲染的有效图层</translation>
    </message>
    <message>
        <location line="+19" />
        <source>%1: cannot write the image</source>
        <translation>%1：无法写入图片</translation>
    </message>
    <message>
        <location filename="../cli/main.cpp" line="+27" />
        <source>Usage: recheck &lt;verb&gt; [options]   (recheck &lt;verb&gt; --help for a verb's options)</source>
        <translation>用法：recheck &lt;verb&gt; [options]   （recheck &lt;verb&gt; --help 查看某个子命令的选项）</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Verbs:</source>
        <translation>子命令：</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Exit status: 0 done, 1 failure, 2 input refused, 3 done with conflicts waiting, 4 nothing applied (invalid rows), 64 bad command line.</source>
        <translation>退出状态：0 完成，1 失败，2 输入被拒绝，3 完成但有待处理的冲突，4 未应用任何内容（记录无效），64 命令行错误。</translation>
    </message>
    <message>
        <location line="+57" />
        <source>recheck: unknown verb "%1"</source>
        <translation>recheck：未知的子命令“%1”</translation>
    </message>
</context>
<context>
    <name>recheck::cli::CheckinCommand</name>
    <message>
        <location filename="../cli/SyncCommands.cpp" line="+198" />
        <source>merge a package back into its master (exit 0 merged, 3 conflicts waiting, 2 refused)</source>
        <translation>将外业包合并回其主档案（退出状态 0 已合并，3 有待处理的冲突，2 被拒绝）</translation>
    </message>
    <message>
        <location line="+6" />
        <source>the office master archive</source>
        <translation>办公室的主档案</translation>
    </message>
    <message>
        <location line="+1" />
        <source>the package coming back</source>
        <translation>交回的外业包</translation>
    </message>
    <message>
        <location line="+1" />
        <source>who checks it in (default: login name)</source>
        <translation>签入人（默认：登录名）</translation>
    </message>
    <message>
        <location line="+0" />
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <location line="+1" />
        <source>skip PRAGMA quick_check of the master</source>
        <translation>跳过对主档案的 PRAGMA quick_check</translation>
    </message>
    <message>
        <location line="+1" />
        <source>machine-readable report</source>
        <translation>机器可读的报告</translation>
    </message>
</context>
<context>
    <name>recheck::cli::CheckoutCommand</name>
    <message>
        <location line="-164" />
        <source>copy districts of a master into a new package for a laptop (with its QGIS project)</source>
        <translation>将主档案中的台区复制到供笔记本电脑使用的新外业包（附带 QGIS 工程）</translation>
    </message>
    <message>
        <location line="+7" />
        <source>the office master archive</source>
        <translation>办公室的主档案</translation>
    </message>
    <message>
        <location line="+1" />
        <source>district codes, comma-separated</source>
        <translation>台区编号，以逗号分隔</translation>
    </message>
    <message>
        <location line="+0" />
        <source>A,B</source>
        <translation>A,B</translation>
    </message>
    <message>
        <location line="+1" />
        <source>folder for the package and its project</source>
        <translation>存放外业包及其工程的文件夹</translation>
    </message>
    <message>
        <location line="+0" />
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <location line="+2" />
        <source>staff code of the inspector taking it</source>
        <translation>领取外业包的复查人员编号</translation>
    </message>
    <message>
        <location line="+0" />
        <source>STAFF</source>
        <translation>STAFF</translation>
    </message>
    <message>
        <location line="+1" />
        <source>who checks it out (default: login name)</source>
        <translation>签出人（默认：登录名）</translation>
    </message>
    <message>
        <location line="+0" />
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <location line="+1" />
        <source>write the package only, no QGIS project</source>
        <translation>只写外业包，不生成 QGIS 工程</translation>
    </message>
    <message>
        <location line="+1" />
        <source>machine-readable summary</source>
        <translation>机器可读的摘要</translation>
    </message>
    <message>
        <location line="+7" />
        <source>recheck checkout: need MASTER, --districts A,B and --to DIR</source>
        <translation>recheck checkout：需要 MASTER、--districts A,B 和 --to DIR</translation>
    </message>
    <message>
        <location line="+6" />
        <source>recheck checkout: cannot create %1</source>
        <translation>recheck checkout：无法创建 %1</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Checking out</source>
        <translation>正在签出</translation>
    </message>
    <message>
        <location line="+15" />
        <source>recheck checkout: package written to %1, but the project failed: %2</source>
        <translation>recheck checkout：外业包已写入 %1，但工程生成失败：%2</translation>
    </message>
    <message>
        <location line="+26" />
        <source>Package %1 checked out: districts %2</source>
        <translation>外业包 %1 已签出：台区 %2</translation>
    </message>
    <message>
        <location line="+5" />
        <source>  %1 rows in %2 s (%3 rows/s)</source>
        <translation>  %1 条记录，用时 %2 秒（%3 条/秒）</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Package: %1</source>
        <translation>外业包：%1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Project: %1</source>
        <translation>工程：%1</translation>
    </message>
</context>
<context>
    <name>recheck::cli::ConflictsCommand</name>
    <message>
        <location line="+114" />
        <source>list the check-in conflicts a master keeps</source>
        <translation>列出主档案中记录的签入冲突</translation>
    </message>
    <message>
        <location line="+5" />
        <source>the office master archive</source>
        <translation>办公室的主档案</translation>
    </message>
    <message>
        <location line="+1" />
        <source>include resolved conflicts</source>
        <translation>包括已解决的冲突</translation>
    </message>
    <message>
        <location line="+1" />
        <source>machine-readable output</source>
        <translation>机器可读的输出</translation>
    </message>
    <message>
        <location line="+20" />
        <source>No conflicts waiting.</source>
        <translation>没有待处理的冲突。</translation>
    </message>
    <message>
        <location line="+10" />
        <source>    base: %1 | package: %2 | master: %3 | now: %4</source>
        <translation>    基准：%1 | 外业包：%2 | 主档案：%3 | 当前：%4</translation>
    </message>
    <message>
        <location line="+5" />
        <source>    package row: %1 | master row: %2</source>
        <translation>    外业包中的行：%1 | 主档案中的行：%2</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+1" />
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="-1" />
        <source>kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <location line="+1" />
        <source>present</source>
        <translation>存在</translation>
    </message>
</context>
<context>
    <name>recheck::cli::DemoCommand</name>
    <message>
        <location filename="../cli/DemoCommand.cpp" line="+12" />
        <source>create a realistic demo county: master archive and QGIS project (deterministic per seed)</source>
        <translation>生成一个贴近实际的演示县：主档案和 QGIS 工程（种子相同则结果相同）</translation>
    </message>
    <message>
        <location line="+8" />
        <source>folder for master.sqlite and recheck-demo.qgs</source>
        <translation>存放 master.sqlite 和 recheck-demo.qgs 的文件夹</translation>
    </message>
    <message>
        <location line="+0" />
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <location line="+1" />
        <source>number of customers (default 20000)</source>
        <translation>客户数（默认 20000）</translation>
    </message>
    <message>
        <location line="+0" />
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="+2" />
        <source>number of transformer districts (default 40)</source>
        <translation>台区数（默认 40）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <location line="+1" />
        <source>random seed: the same seed gives the same county</source>
        <translation>随机种子：相同的种子生成相同的县</translation>
    </message>
    <message>
        <location line="+1" />
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <location line="+1" />
        <source>replace an existing demo in DIR</source>
        <translation>替换 DIR 中已有的演示数据</translation>
    </message>
    <message>
        <location line="+1" />
        <source>write the archive only (no QGIS project)</source>
        <translation>只写档案（不生成 QGIS 工程）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>also render the project's map to a PNG</source>
        <translation>同时将工程的地图渲染为 PNG</translation>
    </message>
    <message>
        <location line="+0" />
        <source>FILE.png</source>
        <translation>FILE.png</translation>
    </message>
    <message>
        <location line="+1" />
        <source>machine-readable summary</source>
        <translation>机器可读的摘要</translation>
    </message>
    <message>
        <location line="+6" />
        <source>recheck demo: --out DIR is required</source>
        <translation>recheck demo：必须指定 --out DIR</translation>
    </message>
    <message>
        <location line="+11" />
        <source>recheck demo: --customers and --districts must be positive integers with districts ≤ customers, --seed a non-negative integer</source>
        <translation>recheck demo：--customers 和 --districts 必须为正整数且台区数 ≤ 客户数，--seed 必须为非负整数</translation>
    </message>
    <message>
        <location line="+8" />
        <source>recheck demo: cannot create %1</source>
        <translation>recheck demo：无法创建 %1</translation>
    </message>
    <message>
        <location line="+7" />
        <source>recheck demo: %1 exists; use --force to replace it</source>
        <translation>recheck demo：%1 已存在；使用 --force 替换</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Generating demo county</source>
        <translation>正在生成演示县</translation>
    </message>
    <message>
        <location line="+11" />
        <location line="+5" />
        <source>recheck demo: %1</source>
        <translation>recheck demo：%1</translation>
    </message>
    <message>
        <location line="+0" />
        <source>--render needs the project</source>
        <translation>--render 需要生成工程</translation>
    </message>
    <message>
        <location line="+24" />
        <source>Demo county written (seed %1):</source>
        <translation>演示县已生成（种子 %1）：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>  %1 customers in %2 transformer districts, %3 feeders, %4 road lines</source>
        <translation>  %2 个台区共 %1 户客户，%3 条馈线，%4 条道路</translation>
    </message>
    <message>
        <location line="+6" />
        <source>  %1 locations shared by several meters (multi-meter buildings)</source>
        <translation>  %1 处位置由多块电表共用（多表楼宇）</translation>
    </message>
    <message>
        <location line="+3" />
        <source>  %1 staff, %2 plans, %3 tasks, %4 visits recorded</source>
        <translation>  %1 名人员，%2 个计划，%3 项任务，%4 条现场核查记录</translation>
    </message>
    <message>
        <location line="+6" />
        <source>  generated in %1 s (%2 customers/s)</source>
        <translation>  用时 %1 秒（%2 户/秒）</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Archive: %1</source>
        <translation>档案：%1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Project: %1</source>
        <translation>工程：%1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Map:     %1</source>
        <translation>地图：%1</translation>
    </message>
</context>
<context>
    <name>recheck::cli::GanttCommand</name>
    <message>
        <location filename="../cli/GanttCommand.cpp" line="+22" />
        <source>gantt: render the plan's Gantt chart to PNG or PDF</source>
        <translation>gantt：将计划的甘特图输出为 PNG 或 PDF</translation>
    </message>
    <message>
        <location line="+8" />
        <source>the master archive</source>
        <translation>主档案</translation>
    </message>
    <message>
        <location line="+1" />
        <source>the chart to write (.png or .pdf)</source>
        <translation>要写入的图表文件（.png 或 .pdf）</translation>
    </message>
    <message>
        <location line="+0" />
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <location line="+2" />
        <source>show tasks touching this day or later</source>
        <translation>显示涉及该日及以后的任务</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+2" />
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="+0" />
        <source>show tasks touching this day or earlier</source>
        <translation>显示涉及该日及以前的任务</translation>
    </message>
    <message>
        <location line="+1" />
        <source>rows grouped by member (default) or district</source>
        <translation>按人员（member，默认）或台区（district）分组显示</translation>
    </message>
    <message>
        <location line="+1" />
        <source>member|district</source>
        <translation>member|district</translation>
    </message>
    <message>
        <location line="+9" />
        <source>recheck gantt: give one ARCHIVE and --out FILE.png or FILE.pdf</source>
        <translation>recheck gantt：请给出一个 ARCHIVE 以及 --out FILE.png 或 FILE.pdf</translation>
    </message>
    <message>
        <location line="+7" />
        <source>recheck gantt: give --from and --to as YYYY-MM-DD, --from not after --to</source>
        <translation>recheck gantt：--from 和 --to 须为 YYYY-MM-DD 格式，且 --from 不得晚于 --to</translation>
    </message>
    <message>
        <location line="+5" />
        <source>recheck gantt: --group is member or district</source>
        <translation>recheck gantt：--group 只能是 member 或 district</translation>
    </message>
    <message>
        <location line="+13" />
        <source>recheck gantt: could not write %1</source>
        <translation>recheck gantt：无法写入 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>Wrote %n task(s) to %1</source>
        <translation>
            <numerusform>已将 %n 项任务写入 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>recheck::cli::InfoCommand</name>
    <message>
        <location filename="../cli/ArchiveCommands.cpp" line="+22" />
        <source>show what an archive is: id, role, schema, CRS, row counts</source>
        <translation>显示档案的基本信息：标识、角色、结构版本、坐标系、记录数</translation>
    </message>
    <message>
        <location line="+5" />
        <source>the archive file</source>
        <translation>档案文件</translation>
    </message>
    <message>
        <location line="+1" />
        <source>machine-readable output</source>
        <translation>机器可读的输出</translation>
    </message>
    <message>
        <location line="+30" />
        <source>Archive:        %1</source>
        <translation>档案：          %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Name:           %1</source>
        <translation>名称：          %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Id:             %1</source>
        <translation>标识：          %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Role:           %1</source>
        <translation>角色：          %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Schema version: %1</source>
        <translation>结构版本：      %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>CRS:            EPSG:%1</source>
        <translation>坐标系：        EPSG:%1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Created:        %1</source>
        <translation>创建时间：      %1</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Change log entries: %1</source>
        <translation>变更日志条数：%1</translation>
    </message>
</context>
<context>
    <name>recheck::cli::PlanCommand</name>
    <message>
        <location filename="../cli/PlanCommands.cpp" line="+36" />
        <source>plan generate: create the re-check tasks due in a period (idempotent)</source>
        <translation>plan generate：生成某一时段内到期的复查任务（可重复执行，不会重复生成）</translation>
    </message>
    <message>
        <location line="+5" />
        <source>the action (only generate for now)</source>
        <translation>操作（目前仅支持 generate）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>the master archive</source>
        <translation>主档案</translation>
    </message>
    <message>
        <location line="+1" />
        <source>first day of the period</source>
        <translation>时段的第一天</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+1" />
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="+0" />
        <source>last day of the period</source>
        <translation>时段的最后一天</translation>
    </message>
    <message>
        <location line="+1" />
        <source>report what would be created, write nothing</source>
        <translation>只报告将生成的任务，不写入任何内容</translation>
    </message>
    <message>
        <location line="+2" />
        <source>write the proposed spread for members over capacity</source>
        <translation>为超出处理能力的人员写入建议的分摊安排</translation>
    </message>
    <message>
        <location line="+1" />
        <source>who generates (default: login name)</source>
        <translation>生成人（默认：登录名）</translation>
    </message>
    <message>
        <location line="+0" />
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <location line="+1" />
        <source>machine-readable report</source>
        <translation>机器可读的报告</translation>
    </message>
    <message>
        <location line="+13" />
        <source>recheck plan generate: give --from and --to as YYYY-MM-DD, --from not after --to</source>
        <translation>recheck plan generate：--from 和 --to 须为 YYYY-MM-DD 格式，且 --from 不得晚于 --to</translation>
    </message>
    <message numerus="yes">
        <location line="+57" />
        <source>Would create %n task(s) for %1 … %2</source>
        <translation>
            <numerusform>将为 %1 … %2 生成 %n 项任务</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>Created %n task(s) for %1 … %2</source>
        <translation>
            <numerusform>已为 %1 … %2 生成 %n 项任务</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10" />
        <source>Already present (left alone): %1</source>
        <translation>已存在（保持不变）：%1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Warning: %1 (%2) is over capacity: %3 customers per day on %4 against %5, %6 working day(s) over</source>
        <translation>警告：%1（%2）超出处理能力：%4 当天 %3 户，而能力为每日 %5 户，共 %6 个工作日超出</translation>
    </message>
    <message>
        <location line="+8" />
        <source>  spread written:</source>
        <translation>  已写入分摊安排：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>  proposed spread (use --spread to write it):</source>
        <translation>  建议的分摊安排（使用 --spread 写入）：</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Note: %1</source>
        <translation>提示：%1</translation>
    </message>
</context>
<context>
    <name>recheck::cli::ProgressCommand</name>
    <message>
        <location line="+11" />
        <source>progress by district, member or period: checked share, GPS proof, discrepancies, on-time rate</source>
        <translation>按台区、人员或时段统计进度：核查比例、GPS 佐证、差异、按时完成率</translation>
    </message>
    <message>
        <location line="+6" />
        <source>the archive</source>
        <translation>档案</translation>
    </message>
    <message>
        <location line="+1" />
        <source>district, member or period</source>
        <translation>district（台区）、member（人员）或 period（时段）</translation>
    </message>
    <message>
        <location line="+0" />
        <source>GROUPING</source>
        <translation>GROUPING</translation>
    </message>
    <message>
        <location line="+1" />
        <source>week, month (default) or quarter</source>
        <translation>week（周）、month（月，默认）或 quarter（季度）</translation>
    </message>
    <message>
        <location line="+0" />
        <source>UNIT</source>
        <translation>UNIT</translation>
    </message>
    <message>
        <location line="+1" />
        <source>tasks due from this day</source>
        <translation>自该日起到期的任务</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+1" />
        <location line="+2" />
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="-2" />
        <source>tasks due up to this day</source>
        <translation>截至该日到期的任务</translation>
    </message>
    <message>
        <location line="+2" />
        <source>the day overdue is judged on (default: today)</source>
        <translation>判断是否逾期所依据的日期（默认：今天）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>machine-readable output</source>
        <translation>机器可读的输出</translation>
    </message>
    <message>
        <location line="+1" />
        <source>CSV output</source>
        <translation>输出 CSV</translation>
    </message>
    <message>
        <location line="+17" />
        <source>--by must be district, member or period</source>
        <translation>--by 必须是 district、member 或 period</translation>
    </message>
    <message>
        <location line="+4" />
        <source>--period must be week, month or quarter</source>
        <translation>--period 必须是 week、month 或 quarter</translation>
    </message>
    <message>
        <location line="+5" />
        <source>dates are YYYY-MM-DD</source>
        <translation>日期格式为 YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="+2" />
        <source>give --json or --csv, not both</source>
        <translation>--json 和 --csv 只能选其一</translation>
    </message>
    <message>
        <location line="+56" />
        <source>%1  tasks done overdue  checked/scope        GPS proof  discrepancies  on time</source>
        <translation>%1 任务 完成    逾期     已核查/范围          GPS 佐证          差异  按时</translation>
    </message>
    <message>
        <location line="+1" />
        <source>group</source>
        <translation>分组</translation>
    </message>
    <message numerus="yes">
        <location line="+17" />
        <source>%n task(s) in %1 ms</source>
        <translation>
            <numerusform>%n 项任务，用时 %1 毫秒</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6" />
        <source>recheck progress: %1</source>
        <translation>recheck progress：%1</translation>
    </message>
</context>
<context>
    <name>recheck::cli::RemindCommand</name>
    <message>
        <location filename="../cli/RemindCommand.cpp" line="+45" />
        <source>queue reminders (changed, urgent, overdue work; digests) and send the due ones by SMS and email</source>
        <translation>将提醒加入队列（工作有变更、紧急或逾期；汇总提醒），并通过 SMS 和电子邮件发送已到期的提醒</translation>
    </message>
    <message>
        <location line="+7" />
        <source>the master archive</source>
        <translation>主档案</translation>
    </message>
    <message>
        <location line="+2" />
        <source>print what would be queued; write and send nothing</source>
        <translation>打印将加入队列的提醒；不写入也不发送</translation>
    </message>
    <message>
        <location line="+1" />
        <source>deliver the outbox rows that are due</source>
        <translation>发送发件箱中已到期的消息</translation>
    </message>
    <message>
        <location line="+2" />
        <source>gateway, SMTP and policy settings (JSON)</source>
        <translation>网关、SMTP 和策略设置（JSON）</translation>
    </message>
    <message>
        <location line="+0" />
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <location line="+2" />
        <source>evaluate at this time instead of the clock (ISO 8601)</source>
        <translation>以该时间代替系统时钟进行判断（ISO 8601）</translation>
    </message>
    <message>
        <location line="+0" />
        <source>ISO</source>
        <translation>ISO</translation>
    </message>
    <message>
        <location line="+1" />
        <source>machine-readable output</source>
        <translation>机器可读的输出</translation>
    </message>
    <message>
        <location line="+12" />
        <source>recheck remind: --now needs an ISO 8601 time, e.g. 2024-06-03T09:00:00+08:00</source>
        <translation>recheck remind：--now 需要 ISO 8601 格式的时间，例如 2024-06-03T09:00:00+08:00</translation>
    </message>
    <message>
        <location line="+13" />
        <source>recheck remind: configuration refused: %1</source>
        <translation>recheck remind：配置被拒绝：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+63" />
        <source>Would queue %n reminder(s)</source>
        <translation>
            <numerusform>将有 %n 条提醒加入队列</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>Queued %n reminder(s)</source>
        <translation>
            <numerusform>已将 %n 条提醒加入队列</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source> (%n already queued earlier)</source>
        <translation>
            <numerusform>（另有 %n 条此前已在队列中）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6" />
        <source>Would send %n due message(s)</source>
        <translation>
            <numerusform>将发送 %n 条已到期的消息</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2" />
        <source>Sent %1, failed %2 (will retry), dead-lettered %3, no sender configured %4</source>
        <translation>已发送 %1 条，失败 %2 条（将重试），放弃投递 %3 条，未配置发送方式 %4 条</translation>
    </message>
    <message>
        <location line="+8" />
        <source>  #%1 %2 %3: %4 (attempt %5, next %6)</source>
        <translation>  #%1 %2 %3：%4（第 %5 次尝试，下次 %6）</translation>
    </message>
    <message>
        <location line="+4" />
        <source>none: dead-lettered</source>
        <translation>无：已放弃投递</translation>
    </message>
</context>
<context>
    <name>recheck::cli::ResolveCommand</name>
    <message>
        <location filename="../cli/SyncCommands.cpp" line="+16" />
        <source>resolve a check-in conflict: take package, master, base or a value</source>
        <translation>解决签入冲突：采用外业包、主档案、基准值或指定的值</translation>
    </message>
    <message>
        <location line="+6" />
        <source>the office master archive</source>
        <translation>办公室的主档案</translation>
    </message>
    <message>
        <location line="+1" />
        <source>conflict id (see recheck conflicts)</source>
        <translation>冲突编号（见 recheck conflicts）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>package, master or base</source>
        <translation>package（外业包）、master（主档案）或 base（基准值）</translation>
    </message>
    <message>
        <location line="+0" />
        <source>SIDE</source>
        <translation>SIDE</translation>
    </message>
    <message>
        <location line="+1" />
        <source>write this value instead</source>
        <translation>改为写入该值</translation>
    </message>
    <message>
        <location line="+0" />
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <location line="+1" />
        <source>who decides (default: login name)</source>
        <translation>裁定人（默认：登录名）</translation>
    </message>
    <message>
        <location line="+0" />
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <location line="+1" />
        <source>machine-readable output</source>
        <translation>机器可读的输出</translation>
    </message>
    <message>
        <location line="+19" />
        <source>recheck resolve: need MASTER ID and either --take package|master|base or --value V</source>
        <translation>recheck resolve：需要 MASTER ID，以及 --take package|master|base 或 --value V 二者之一</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Conflict %1 resolved (%2) by %3: %4 %5 %6 = %7</source>
        <translation>冲突 %1 已由 %3 解决（%2）：%4 %5 %6 = %7</translation>
    </message>
    <message>
        <location line="+3" />
        <source>(whole row)</source>
        <translation>（整行）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="+0" />
        <source>row written</source>
        <translation>已写入该行</translation>
    </message>
</context>
<context>
    <name>recheck::cli::RouteCommand</name>
    <message>
        <location filename="../cli/RouteCommand.cpp" line="+32" />
        <source>visiting order for points (CSV id,x,y or TSPLIB), straight-line or along roads</source>
        <translation>计算各点的走访顺序（CSV id,x,y 或 TSPLIB），按直线或沿道路</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Plans a visiting order from the depot (first row / node 1) through every point and writes the ids in order to --out, one per line; with several inspectors the routes are separated by an empty line.
Archive mode: recheck route ARCHIVE --district CODE [--open] [--roads] [--vehicles K] [--time-limit S] [--seed N] [--json] plans the pending customers of each district (its open task's scope minus the visited) from the assignee's office and writes the order into task_scope.route_order.</source>
        <translation>从出发点（第一行/节点 1）出发，规划经过每个点的走访顺序，并将编号按顺序写入 --out，每行一个；有多名复查人员时，各条路线之间以空行分隔。
档案模式：recheck route ARCHIVE --district CODE [--open] [--roads] [--vehicles K] [--time-limit S] [--seed N] [--json] 从责任人驻地出发，为每个台区的待复查客户（其未完成任务的范围减去已走访的客户）规划走访顺序，并写入 task_scope.route_order。</translation>
    </message>
    <message>
        <location line="+9" />
        <source>archive file (archive mode)</source>
        <translation>档案文件（档案模式）</translation>
    </message>
    <message>
        <location line="+3" />
        <source>points CSV with columns id,x,y (metres)</source>
        <translation>含 id,x,y 列的点 CSV 文件（单位：米）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>TSPLIB .tsp file (EUC_2D, CEIL_2D, ATT)</source>
        <translation>TSPLIB .tsp 文件（EUC_2D、CEIL_2D、ATT）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>end at the last customer instead of the depot</source>
        <translation>在最后一个客户处结束，不返回出发点</translation>
    </message>
    <message>
        <location line="+2" />
        <source>roads CSV with columns id,wkt[,oneway]: distances along roads</source>
        <translation>含 id,wkt[,oneway] 列的道路 CSV 文件：按沿道路的距离计算</translation>
    </message>
    <message>
        <location line="+2" />
        <source>number of inspectors (default 1)</source>
        <translation>复查人员数（默认 1）</translation>
    </message>
    <message>
        <location line="+3" />
        <source>search time in seconds (default 1)</source>
        <translation>求解时间，单位秒（默认 1）</translation>
    </message>
    <message>
        <location line="+3" />
        <source>stop after N improvement rounds; without --time-limit the result is then the same on every run for a given --seed</source>
        <translation>经过 N 轮改进后停止；此时若不设 --time-limit，对给定的 --seed 每次运行结果相同</translation>
    </message>
    <message>
        <location line="+4" />
        <source>random seed (default 1)</source>
        <translation>随机种子（默认 1）</translation>
    </message>
    <message>
        <location line="+3" />
        <source>travel speed in km/h (default 4.5, walking)</source>
        <translation>行进速度，单位 km/h（默认 4.5，步行）</translation>
    </message>
    <message>
        <location line="+3" />
        <source>minutes spent per customer (default 5)</source>
        <translation>每户耗时，单位分钟（默认 5）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>tour file to write</source>
        <translation>要写入的路线文件</translation>
    </message>
    <message>
        <location line="+2" />
        <source>machine-readable output</source>
        <translation>机器可读的输出</translation>
    </message>
    <message>
        <location line="+2" />
        <source>archive mode: district code (repeat or separate with commas)</source>
        <translation>档案模式：台区编号（可重复指定或以逗号分隔）</translation>
    </message>
    <message>
        <location line="+3" />
        <source>archive mode: start at LON,LAT (archive CRS) instead of the assignee's office</source>
        <translation>档案模式：从 LON,LAT（档案坐标系）出发，而不是从责任人驻地出发</translation>
    </message>
    <message>
        <location line="+4" />
        <source>archive mode: plan and report, write nothing</source>
        <translation>档案模式：只规划并报告，不写入任何内容</translation>
    </message>
    <message>
        <location line="+22" />
        <source>give either ARCHIVE --district CODE or --points/--tsplib, not both</source>
        <translation>请给出 ARCHIVE --district CODE 或 --points/--tsplib，二者不能同时给出</translation>
    </message>
    <message>
        <location line="+2" />
        <source>unexpected argument "%1"</source>
        <translation>多余的参数“%1”</translation>
    </message>
    <message>
        <location line="+2" />
        <source>--roads needs a roads CSV file outside the archive mode</source>
        <translation>非档案模式下，--roads 需要一个道路 CSV 文件</translation>
    </message>
    <message>
        <location line="+2" />
        <source>give exactly one of --points FILE.csv and --tsplib FILE.tsp</source>
        <translation>--points FILE.csv 和 --tsplib FILE.tsp 必须且只能给出一个</translation>
    </message>
    <message>
        <location line="+2" />
        <source>--out TOUR.txt is required</source>
        <translation>必须指定 --out TOUR.txt</translation>
    </message>
    <message>
        <location line="+10" />
        <source>--%1 "%2": %3</source>
        <translation>--%1 “%2”：%3</translation>
    </message>
    <message>
        <location line="+5" />
        <source>a whole number of inspectors ≥ 1 is expected</source>
        <translation>复查人员数应为 ≥ 1 的整数</translation>
    </message>
    <message>
        <location line="+1" />
        <source>seconds ≥ 0 are expected</source>
        <translation>秒数应 ≥ 0</translation>
    </message>
    <message>
        <location line="+1" />
        <source>a positive speed in km/h is expected</source>
        <translation>速度应为正数（km/h）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>minutes ≥ 0 are expected</source>
        <translation>分钟数应 ≥ 0</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+3" />
        <source>a whole number ≥ 0 is expected</source>
        <translation>应为 ≥ 0 的整数</translation>
    </message>
    <message>
        <location line="+3" />
        <source>--vehicles and --seed take whole numbers</source>
        <translation>--vehicles 和 --seed 必须为整数</translation>
    </message>
    <message>
        <location line="+22" />
        <source>in the archive mode --roads takes no file: the archive's roads table is used</source>
        <translation>档案模式下 --roads 不接受文件：将使用档案中的道路表</translation>
    </message>
    <message>
        <location line="+4" />
        <source>the archive mode needs the ARCHIVE file</source>
        <translation>档案模式需要 ARCHIVE 文件</translation>
    </message>
    <message>
        <location line="+2" />
        <source>the archive mode needs --district CODE</source>
        <translation>档案模式需要 --district CODE</translation>
    </message>
    <message>
        <location line="+3" />
        <source>--out is for the bare-instance mode; the archive mode writes the order into the archive</source>
        <translation>--out 仅用于独立实例模式；档案模式会将顺序写入档案</translation>
    </message>
    <message>
        <location line="+10" />
        <source>--depot "%1": LON,LAT expected</source>
        <translation>--depot “%1”：应为 LON,LAT</translation>
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
        <translation>%1 %2：待复查 %3 户，EPSG:%4（中央经线 %5°E），出发点：%6；%7 秒；已写入 %8 个路线顺序</translation>
    </message>
    <message>
        <location line="+10" />
        <source>  no open task: all customers planned, nothing written</source>
        <translation>  没有未完成的任务：所有客户均已列入计划，未写入任何内容</translation>
    </message>
    <message>
        <location line="+2" />
        <source>  %1 customer(s) without a location left out</source>
        <translation>  %1 个没有位置的客户已排除</translation>
    </message>
    <message>
        <location line="+2" />
        <source>  unreachable by road (left out): %1</source>
        <translation>  道路不可达（已排除）：%1</translation>
    </message>
    <message>
        <location line="+48" />
        <source>Instance: %1 (%2 points; %3 stops routed, co-located customers counted once)</source>
        <translation>实例：%1（%2 个点；已规划 %3 个停靠点，同一位置的客户只计一次）</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Length (TSPLIB metric): %1</source>
        <translation>长度（TSPLIB 度量）：%1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Length: %1 m</source>
        <translation>长度：%1 米</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Nearest-neighbour order would be %1 (%2% longer than one route through all)</source>
        <translation>按最近邻顺序长度为 %1（比经过全部点的单条路线长 %2%）</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Time: %1 s (distances %2 s, search %3 s, %4 iterations)</source>
        <translation>用时：%1 秒（距离计算 %2 秒，求解 %3 秒，%4 次迭代）</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Route %1: %2 customers, length %3, %4 min (%5 travel + %6 service)</source>
        <translation>路线 %1：%2 户，长度 %3，%4 分钟（路上 %5 + 现场 %6）</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Unreachable (left out): %1</source>
        <translation>不可达（已排除）：%1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Tour written to %1</source>
        <translation>路线已写入 %1</translation>
    </message>
</context>
<context>
    <name>recheck::cli::StatusCommand</name>
    <message>
        <location filename="../cli/SyncCommands.cpp" line="-214" />
        <source>list a package's pending changes since check-out</source>
        <translation>列出外业包自签出以来尚未签入的修改</translation>
    </message>
    <message>
        <location line="+5" />
        <source>the package file</source>
        <translation>外业包文件</translation>
    </message>
    <message>
        <location line="+1" />
        <source>machine-readable output</source>
        <translation>机器可读的输出</translation>
    </message>
    <message>
        <location line="+24" />
        <source>Package %1 (districts %2), checked out %3 by %4</source>
        <translation>外业包 %1（台区 %2），由 %4 于 %3 签出</translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1 pending changes: %2 inserts, %3 updates, %4 deletes</source>
        <translation>%1 处待签入的修改：新增 %2，修改 %3，删除 %4</translation>
    </message>
    <message>
        <location line="+8" />
        <source>DAMAGED %1 %2: %3</source>
        <translation>已损坏 %1 %2：%3</translation>
    </message>
</context>
<context>
    <name>recheck::cli::UpgradeCommand</name>
    <message>
        <location filename="../cli/ArchiveCommands.cpp" line="+12" />
        <source>bring an archive written by an older Recheck to the current schema</source>
        <translation>将旧版复查软件写入的档案升级到当前结构版本</translation>
    </message>
    <message>
        <location line="+5" />
        <source>the archive file</source>
        <translation>档案文件</translation>
    </message>
    <message>
        <location line="+11" />
        <source>%1: already at schema v%2</source>
        <translation>%1：已是结构版本 v%2</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1: upgraded from schema v%2 to v%3</source>
        <translation>%1：已从结构版本 v%2 升级到 v%3</translation>
    </message>
</context>
<context>
    <name>recheck::gantt::PlanGanttModel</name>
    <message>
        <location filename="../plugins/gantt/ganttview/PlanGanttModel.cpp" line="+98" />
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location line="+91" />
        <source>Workload (customers per day, capacity %1)</source>
        <translation>工作负荷（每日户数，日处理能力 %1）</translation>
    </message>
    <message numerus="yes">
        <location line="+26" />
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n 项任务</numerusform>
        </translation>
    </message>
    <message>
        <location line="+32" />
        <source>%1 · %2
%3 – %4 (baseline %5 – %6, slip %7 d)
%8, %9% of %10 customers checked</source>
        <translation>%1 · %2
%3 – %4（基线 %5 – %6，延误 %7 天）
%8，%10 户中已核查 %9%</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+14" />
        <source>unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location line="+84" />
        <source>Member / district</source>
        <translation>人员/台区</translation>
    </message>
    <message>
        <location line="+0" />
        <source>District / member</source>
        <translation>台区/人员</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+2" />
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Checked %</source>
        <translation>已核查 %</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>recheck::planning::PlanGenerator</name>
    <message>
        <location filename="../core/planning/PlanGenerator.cpp" line="+115" />
        <source>the period %1 … %2 is not a valid date range</source>
        <translation>时段 %1 … %2 不是有效的日期范围</translation>
    </message>
    <message>
        <location line="+35" />
        <source>plan %1 is periodic but has no cycle start or cycle length: skipped</source>
        <translation>计划 %1 为周期性计划，但没有周期起始日或周期长度：已跳过</translation>
    </message>
    <message>
        <location line="+19" />
        <source>plan %1, district %2: no start date: skipped</source>
        <translation>计划 %1，台区 %2：没有开始日期：已跳过</translation>
    </message>
    <message>
        <location line="+33" />
        <source>district %1 has no responsible member: its task is unassigned</source>
        <translation>台区 %1 没有责任人：其任务未分配</translation>
    </message>
</context>
<context>
    <name>recheck::planning::PlanTasks</name>
    <message>
        <location filename="../core/planning/PlanTasks.cpp" line="+142" />
        <location line="+8" />
        <source>%1: no task %2</source>
        <translation>%1：没有任务 %2</translation>
    </message>
    <message>
        <location line="+9" />
        <source>task %1 (%2): cannot go from %3 to %4</source>
        <translation>任务 %1（%2）：状态不能从 %3 变为 %4</translation>
    </message>
    <message>
        <location line="+29" />
        <source>task %1: the planned end (%2) must not come before the start (%3)</source>
        <translation>任务 %1：计划结束日期（%2）不得早于开始日期（%3）</translation>
    </message>
    <message>
        <location line="+7" />
        <source>task %1 (%2) is %3: its dates can no longer change</source>
        <translation>任务 %1（%2）状态为 %3：日期不能再修改</translation>
    </message>
</context>
<context>
    <name>recheck::plugins</name>
    <message>
        <location filename="../plugins/routeplanner/RouteLayers.cpp" line="+133" />
        <source>%1 routes</source>
        <translation>%1 路线</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 stops</source>
        <translation>%1 停靠点</translation>
    </message>
</context>
<context>
    <name>recheck::plugins::PlanRoutesAlgorithm</name>
    <message>
        <location filename="../plugins/routeplanner/PlanRoutesAlgorithm.cpp" line="+33" />
        <source>Plan re-check routes</source>
        <translation>规划复查路线</translation>
    </message>
    <message>
        <location line="+4" />
        <location line="+37" />
        <source>Routes</source>
        <translation>路线</translation>
    </message>
    <message>
        <location line="-29" />
        <source>Plans a near-optimal visiting order through the pending customers of each district (the open task's scope minus the customers already visited), from the assignee's office, along straight lines or the archive's roads, for one or several inspectors. Writes the order into the archive (task_scope.route_order) and returns one line per route with its stops, length and estimated time.</source>
        <translation>从责任人驻地出发，按直线或沿档案中的道路，为一名或多名复查人员规划经过每个台区待复查客户（未完成任务的范围减去已走访的客户）的近似最优走访顺序。将顺序写入档案（task_scope.route_order），并为每条路线返回一行，包含其停靠点、里程和预计用时。</translation>
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
        <translation>台区编号（以逗号分隔）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open path (end at the last customer)</source>
        <translation>开放路线（在最后一个客户处结束）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Distances along the archive's roads</source>
        <translation>按档案中的道路计算距离</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Inspectors per district</source>
        <translation>每个台区的复查人员数</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Search time per district (seconds)</source>
        <translation>每个台区的求解时间（秒）</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Write the visiting order into the archive</source>
        <translation>将走访顺序写入档案</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Number of routes</source>
        <translation>路线数</translation>
    </message>
    <message>
        <location line="+12" />
        <source>No district code given</source>
        <translation>未给出台区编号</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Planning district %1…</source>
        <translation>正在规划台区 %1…</translation>
    </message>
    <message>
        <location line="+7" />
        <source>%1: not planned (%2)</source>
        <translation>%1：未规划（%2）</translation>
    </message>
    <message>
        <location line="+7" />
        <source>No district could be planned:
%1</source>
        <translation>没有任何台区能够规划：
%1</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Could not write the routes to the output layer</source>
        <translation>无法将路线写入输出图层</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1 route %2: %3 stops, %4 customers, %5 km, %6 h:mm</source>
        <translation>%1 路线 %2：%3 个停靠点，%4 户，%5 公里，%6（时:分）</translation>
    </message>
    <message>
        <location line="+10" />
        <source>%1: unreachable by road, left out: %2</source>
        <translation>%1：道路不可达，已排除：%2</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1: %2 pending, EPSG:%3, depot %4, %5 order(s) written, %6 s</source>
        <translation>%1：待复查 %2 户，EPSG:%3，出发点 %4，已写入 %5 个顺序，%6 秒</translation>
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