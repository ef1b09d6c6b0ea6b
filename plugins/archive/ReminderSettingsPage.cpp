#include "ReminderSettingsPage.h"

#include "SyncDialogs.h"

#include <qgsapplication.h>
#include <qgsauthconfig.h>
#include <qgsauthmanager.h>
#include <qgssettings.h>
#include <qgstaskmanager.h>

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QUuid>
#include <QVBoxLayout>

#include <memory>

namespace recheck::archiveui {

namespace {

const QString kGroup = QStringLiteral("recheck/reminders/");

QString key(const char* name) {
    return kGroup + QLatin1String(name);
}

/// "A: b" lines → header pairs; "A=b" lines → a map. Blank lines skipped.
QList<QPair<QString, QString>> splitLines(const QString& text, QChar separator) {
    QList<QPair<QString, QString>> pairs;
    for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const int at = line.indexOf(separator);
        if (at <= 0)
            continue;
        pairs.append({line.left(at).trimmed(), line.mid(at + 1).trimmed()});
    }
    return pairs;
}

QgsAuthManager* usableAuthManager(QString* why) {
    QgsAuthManager* auth = QgsApplication::authManager();
    if (!auth || auth->isDisabled()) {
        if (why)
            *why = QCoreApplication::translate("ReminderGatewaySettings",
                                               "QGIS's authentication database is not available%1")
                       .arg(auth ? QStringLiteral(": ") + auth->disabledMessage() : QString());
        return nullptr;
    }
    return auth;
}

/// The secret of a "Basic" config, or empty; `locked` when one is stored
/// but cannot be read now.
QString loadSecret(const QString& settingsKey, bool& locked) {
    locked = false;
    const QString id = QgsSettings().value(settingsKey).toString();
    if (id.isEmpty())
        return {};
    QgsAuthManager* auth = usableAuthManager(nullptr);
    QgsAuthMethodConfig config;
    // Not asking for the master password just to fill a form.
    if (!auth || !auth->masterPasswordIsSet() || !auth->loadAuthenticationConfig(id, config, true)) {
        locked = true;
        return {};
    }
    return config.config(QStringLiteral("password"));
}

/// Stores or updates the config behind `settingsKey`; an empty secret
/// removes it.
bool storeSecret(const QString& settingsKey, const QString& name, const QString& user, const QString& secret,
                 bool keepStored, QString* error) {
    QgsSettings settings;
    const QString id = settings.value(settingsKey).toString();
    if (secret.isEmpty() && keepStored)
        return true; // stored, not shown, not retyped: left as it is
    QString why;
    QgsAuthManager* auth = usableAuthManager(&why);
    if (!auth) {
        if (error)
            *error = why;
        return secret.isEmpty() && id.isEmpty();
    }
    if (secret.isEmpty()) {
        if (!id.isEmpty())
            auth->removeAuthenticationConfig(id);
        settings.remove(settingsKey);
        return true;
    }
    // Asks for the master password when QGIS has none yet (interactive).
    if (!auth->setMasterPassword(true)) {
        if (error)
            *error = QCoreApplication::translate(
                "ReminderGatewaySettings",
                "the master password of QGIS's authentication database is not set");
        return false;
    }
    QgsAuthMethodConfig config(QStringLiteral("Basic"));
    config.setName(name);
    config.setConfig(QStringLiteral("username"), user);
    config.setConfig(QStringLiteral("password"), secret);
    bool ok = false;
    QgsAuthMethodConfig existing;
    if (!id.isEmpty() && auth->loadAuthenticationConfig(id, existing, false)) {
        config.setId(id);
        ok = auth->updateAuthenticationConfig(config);
    } else {
        ok = auth->storeAuthenticationConfig(config);
        if (ok)
            settings.setValue(settingsKey, config.id());
    }
    if (!ok && error)
        *error = QCoreApplication::translate("ReminderGatewaySettings",
                                             "QGIS's authentication database refused the secret of \"%1\"")
                     .arg(name);
    return ok;
}

} // namespace

bool ReminderGatewaySettings::operator==(const ReminderGatewaySettings& o) const {
    return smsUrl == o.smsUrl && smsMethod == o.smsMethod && smsBodyFormat == o.smsBodyFormat &&
           smsBodyTemplate == o.smsBodyTemplate && smsHeaders == o.smsHeaders &&
           smsTemplateIds == o.smsTemplateIds && smsSuccessField == o.smsSuccessField &&
           smsSuccessValue == o.smsSuccessValue && smsMessageIdField == o.smsMessageIdField &&
           smsTimeoutSeconds == o.smsTimeoutSeconds && smsDeduplicates == o.smsDeduplicates &&
           smsToken == o.smsToken && smtpUrl == o.smtpUrl && smtpTls == o.smtpTls && smtpUser == o.smtpUser &&
           smtpPassword == o.smtpPassword && smtpFrom == o.smtpFrom && smtpFromName == o.smtpFromName &&
           smtpTimeoutSeconds == o.smtpTimeoutSeconds && testPhone == o.testPhone && testEmail == o.testEmail;
}

QString ReminderGatewaySettings::smsAuthConfigKey() {
    return key("sms/authcfg");
}

QString ReminderGatewaySettings::smtpAuthConfigKey() {
    return key("smtp/authcfg");
}

ReminderGatewaySettings ReminderGatewaySettings::load() {
    QgsSettings s;
    ReminderGatewaySettings r;
    r.smsUrl = s.value(key("sms/url")).toString();
    r.smsMethod = s.value(key("sms/method"), r.smsMethod).toString();
    r.smsBodyFormat = s.value(key("sms/bodyFormat"), r.smsBodyFormat).toString();
    r.smsBodyTemplate = s.value(key("sms/bodyTemplate")).toString();
    r.smsHeaders = s.value(key("sms/headers")).toString();
    r.smsTemplateIds = s.value(key("sms/templateIds")).toString();
    r.smsSuccessField = s.value(key("sms/successField")).toString();
    r.smsSuccessValue = s.value(key("sms/successValue")).toString();
    r.smsMessageIdField = s.value(key("sms/messageIdField")).toString();
    r.smsTimeoutSeconds = s.value(key("sms/timeoutSeconds"), r.smsTimeoutSeconds).toInt();
    r.smsDeduplicates = s.value(key("sms/deduplicates"), false).toBool();
    r.smtpUrl = s.value(key("smtp/url")).toString();
    r.smtpTls = s.value(key("smtp/tls"), r.smtpTls).toString();
    r.smtpUser = s.value(key("smtp/user")).toString();
    r.smtpFrom = s.value(key("smtp/from")).toString();
    r.smtpFromName = s.value(key("smtp/fromName")).toString();
    r.smtpTimeoutSeconds = s.value(key("smtp/timeoutSeconds"), r.smtpTimeoutSeconds).toInt();
    r.testPhone = s.value(key("test/phone")).toString();
    r.testEmail = s.value(key("test/email")).toString();
    r.smsToken = loadSecret(smsAuthConfigKey(), r.smsTokenLocked);
    r.smtpPassword = loadSecret(smtpAuthConfigKey(), r.smtpPasswordLocked);
    return r;
}

bool ReminderGatewaySettings::save(QString* error) const {
    QgsSettings s;
    s.setValue(key("sms/url"), smsUrl);
    s.setValue(key("sms/method"), smsMethod);
    s.setValue(key("sms/bodyFormat"), smsBodyFormat);
    s.setValue(key("sms/bodyTemplate"), smsBodyTemplate);
    s.setValue(key("sms/headers"), smsHeaders);
    s.setValue(key("sms/templateIds"), smsTemplateIds);
    s.setValue(key("sms/successField"), smsSuccessField);
    s.setValue(key("sms/successValue"), smsSuccessValue);
    s.setValue(key("sms/messageIdField"), smsMessageIdField);
    s.setValue(key("sms/timeoutSeconds"), smsTimeoutSeconds);
    s.setValue(key("sms/deduplicates"), smsDeduplicates);
    s.setValue(key("smtp/url"), smtpUrl);
    s.setValue(key("smtp/tls"), smtpTls);
    s.setValue(key("smtp/user"), smtpUser);
    s.setValue(key("smtp/from"), smtpFrom);
    s.setValue(key("smtp/fromName"), smtpFromName);
    s.setValue(key("smtp/timeoutSeconds"), smtpTimeoutSeconds);
    s.setValue(key("test/phone"), testPhone);
    s.setValue(key("test/email"), testEmail);
    QString smsError, smtpError;
    const bool smsOk = storeSecret(
        smsAuthConfigKey(), QCoreApplication::translate("ReminderGatewaySettings", "Recheck SMS gateway"),
        QStringLiteral("token"), smsToken, smsTokenLocked, &smsError);
    const bool smtpOk = storeSecret(smtpAuthConfigKey(),
                                    QCoreApplication::translate("ReminderGatewaySettings", "Recheck SMTP"),
                                    smtpUser, smtpPassword, smtpPasswordLocked, &smtpError);
    if (error)
        *error = !smsOk ? smsError : smtpError;
    return smsOk && smtpOk;
}

std::optional<HttpGatewayConfig> ReminderGatewaySettings::gatewayConfig() const {
    if (smsUrl.trimmed().isEmpty())
        return std::nullopt;
    HttpGatewayConfig c;
    c.url = smsUrl.trimmed();
    c.method = smsMethod;
    c.bodyFormat = smsBodyFormat;
    c.bodyTemplate = smsBodyTemplate;
    c.headers = splitLines(smsHeaders, QLatin1Char(':'));
    for (const auto& pair : splitLines(smsTemplateIds, QLatin1Char('=')))
        c.templateIds.insert(pair.first, pair.second);
    c.successJsonField = smsSuccessField;
    c.successJsonValue = smsSuccessValue;
    c.messageIdField = smsMessageIdField;
    c.timeoutSeconds = smsTimeoutSeconds;
    c.deduplicatesIdempotencyKey = smsDeduplicates;
    if (!smsToken.isEmpty())
        c.secrets.insert(QStringLiteral("token"), smsToken);
    return c;
}

std::optional<SmtpConfig> ReminderGatewaySettings::smtpConfig() const {
    if (smtpUrl.trimmed().isEmpty())
        return std::nullopt;
    SmtpConfig c;
    c.url = smtpUrl.trimmed();
    c.tls = smtpTls;
    c.username = smtpUser;
    c.password = smtpPassword;
    c.fromAddress = smtpFrom;
    c.fromName = smtpFromName;
    c.timeoutSeconds = smtpTimeoutSeconds;
    return c;
}

// ---------------------------------------------------------------- the page

ReminderSettingsPage::ReminderSettingsPage(QWidget* parent) : QgsOptionsPageWidget(parent) {
    setObjectName(QStringLiteral("recheckReminderSettings"));
    auto* content = new QWidget;
    auto* column = new QVBoxLayout(content);

    auto* sms = new QGroupBox(tr("SMS gateway (HTTP)"), content);
    auto* smsForm = new QFormLayout(sms);
    mSmsUrl = new QLineEdit(sms);
    mSmsUrl->setPlaceholderText(QStringLiteral("https://sms.example.cn/v1/send"));
    smsForm->addRow(tr("URL"), mSmsUrl);
    mSmsMethod = new QComboBox(sms);
    mSmsMethod->addItems({QStringLiteral("POST"), QStringLiteral("PUT"), QStringLiteral("GET")});
    smsForm->addRow(tr("Method"), mSmsMethod);
    mSmsBodyFormat = new QComboBox(sms);
    mSmsBodyFormat->addItem(tr("JSON"), QStringLiteral("json"));
    mSmsBodyFormat->addItem(tr("Form (URL-encoded)"), QStringLiteral("form"));
    smsForm->addRow(tr("Body format"), mSmsBodyFormat);
    mSmsBodyTemplate = new QPlainTextEdit(sms);
    mSmsBodyTemplate->setPlaceholderText(
        QStringLiteral("{\"phone\":\"${phone}\",\"template_id\":\"${template}\",\"params\":${params}}"));
    mSmsBodyTemplate->setToolTip(
        tr("Placeholders: ${phone}, ${template}, ${template_code}, ${params}, "
           "${param.NAME}, ${body}, ${language}, ${idempotency_key}, ${secret.token}"));
    smsForm->addRow(tr("Body template"), mSmsBodyTemplate);
    mSmsHeaders = new QPlainTextEdit(sms);
    mSmsHeaders->setPlaceholderText(QStringLiteral("Authorization: Bearer ${secret.token}"));
    smsForm->addRow(tr("Headers (one per line)"), mSmsHeaders);
    mSmsTemplateIds = new QPlainTextEdit(sms);
    mSmsTemplateIds->setPlaceholderText(QStringLiteral("RC_TASK_ADDED=SMS_000001"));
    smsForm->addRow(tr("Template ids (CODE=ID per line)"), mSmsTemplateIds);
    mSmsSuccessField = new QLineEdit(sms);
    mSmsSuccessField->setPlaceholderText(QStringLiteral("code"));
    smsForm->addRow(tr("Success field (JSON path)"), mSmsSuccessField);
    mSmsSuccessValue = new QLineEdit(sms);
    mSmsSuccessValue->setPlaceholderText(QStringLiteral("OK"));
    smsForm->addRow(tr("Success value"), mSmsSuccessValue);
    mSmsMessageIdField = new QLineEdit(sms);
    mSmsMessageIdField->setPlaceholderText(QStringLiteral("data.message_id"));
    smsForm->addRow(tr("Message id field"), mSmsMessageIdField);
    mSmsTimeout = new QSpinBox(sms);
    mSmsTimeout->setRange(1, 300);
    mSmsTimeout->setSuffix(tr(" s"));
    smsForm->addRow(tr("Timeout"), mSmsTimeout);
    mSmsDeduplicates = new QCheckBox(tr("The gateway drops repeats of an idempotency key"), sms);
    mSmsDeduplicates->setToolTip(
        tr("Then a message interrupted while sending is sent again under the same key; "
           "otherwise it is held as unconfirmed for you to check"));
    smsForm->addRow(QString(), mSmsDeduplicates);
    mSmsToken = new QLineEdit(sms);
    mSmsToken->setEchoMode(QLineEdit::Password);
    mSmsToken->setToolTip(tr("Kept in QGIS's authentication database; use it as ${secret.token}"));
    smsForm->addRow(tr("Token (secret)"), mSmsToken);
    column->addWidget(sms);

    auto* smtp = new QGroupBox(tr("E-mail (SMTP)"), content);
    auto* smtpForm = new QFormLayout(smtp);
    mSmtpUrl = new QLineEdit(smtp);
    mSmtpUrl->setPlaceholderText(QStringLiteral("smtp://mail.example.cn:587"));
    smtpForm->addRow(tr("Server URL"), mSmtpUrl);
    mSmtpTls = new QComboBox(smtp);
    mSmtpTls->addItem(tr("STARTTLS required"), QStringLiteral("required"));
    mSmtpTls->addItem(tr("STARTTLS if offered"), QStringLiteral("try"));
    mSmtpTls->addItem(tr("No encryption"), QStringLiteral("none"));
    smtpForm->addRow(tr("Encryption"), mSmtpTls);
    mSmtpUser = new QLineEdit(smtp);
    smtpForm->addRow(tr("User name"), mSmtpUser);
    mSmtpPassword = new QLineEdit(smtp);
    mSmtpPassword->setEchoMode(QLineEdit::Password);
    mSmtpPassword->setToolTip(tr("Kept in QGIS's authentication database"));
    smtpForm->addRow(tr("Password (secret)"), mSmtpPassword);
    mSmtpFrom = new QLineEdit(smtp);
    smtpForm->addRow(tr("From address"), mSmtpFrom);
    mSmtpFromName = new QLineEdit(smtp);
    smtpForm->addRow(tr("From name"), mSmtpFromName);
    mSmtpTimeout = new QSpinBox(smtp);
    mSmtpTimeout->setRange(1, 300);
    mSmtpTimeout->setSuffix(tr(" s"));
    smtpForm->addRow(tr("Timeout"), mSmtpTimeout);
    column->addWidget(smtp);

    auto* test = new QGroupBox(tr("Test message"), content);
    auto* testForm = new QFormLayout(test);
    mTestPhone = new QLineEdit(test);
    testForm->addRow(tr("Phone"), mTestPhone);
    mTestEmail = new QLineEdit(test);
    testForm->addRow(tr("E-mail"), mTestEmail);
    mTestButton = new QPushButton(tr("Send Test Message"), test);
    mTestButton->setToolTip(tr("Sends one message on each configured channel with the settings shown here"));
    mTestResult = new QLabel(test);
    mTestResult->setWordWrap(true);
    mTestResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    testForm->addRow(mTestButton, mTestResult);
    column->addWidget(test);
    column->addStretch(1);
    connect(mTestButton, &QPushButton::clicked, this, &ReminderSettingsPage::sendTestMessage);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    setSettings(ReminderGatewaySettings::load());
}

ReminderGatewaySettings ReminderSettingsPage::settings() const {
    ReminderGatewaySettings r;
    r.smsUrl = mSmsUrl->text().trimmed();
    r.smsMethod = mSmsMethod->currentText();
    r.smsBodyFormat = mSmsBodyFormat->currentData().toString();
    r.smsBodyTemplate = mSmsBodyTemplate->toPlainText();
    r.smsHeaders = mSmsHeaders->toPlainText();
    r.smsTemplateIds = mSmsTemplateIds->toPlainText();
    r.smsSuccessField = mSmsSuccessField->text().trimmed();
    r.smsSuccessValue = mSmsSuccessValue->text();
    r.smsMessageIdField = mSmsMessageIdField->text().trimmed();
    r.smsTimeoutSeconds = mSmsTimeout->value();
    r.smsDeduplicates = mSmsDeduplicates->isChecked();
    r.smsToken = mSmsToken->text();
    r.smtpUrl = mSmtpUrl->text().trimmed();
    r.smtpTls = mSmtpTls->currentData().toString();
    r.smtpUser = mSmtpUser->text().trimmed();
    r.smtpPassword = mSmtpPassword->text();
    r.smtpFrom = mSmtpFrom->text().trimmed();
    r.smtpFromName = mSmtpFromName->text();
    r.smtpTimeoutSeconds = mSmtpTimeout->value();
    r.testPhone = mTestPhone->text().trimmed();
    r.testEmail = mTestEmail->text().trimmed();
    r.smsTokenLocked = mSmsTokenLocked && r.smsToken.isEmpty();
    r.smtpPasswordLocked = mSmtpPasswordLocked && r.smtpPassword.isEmpty();
    return r;
}

void ReminderSettingsPage::setSettings(const ReminderGatewaySettings& r) {
    mSmsUrl->setText(r.smsUrl);
    mSmsMethod->setCurrentText(r.smsMethod);
    mSmsBodyFormat->setCurrentIndex(std::max(0, mSmsBodyFormat->findData(r.smsBodyFormat)));
    mSmsBodyTemplate->setPlainText(r.smsBodyTemplate);
    mSmsHeaders->setPlainText(r.smsHeaders);
    mSmsTemplateIds->setPlainText(r.smsTemplateIds);
    mSmsSuccessField->setText(r.smsSuccessField);
    mSmsSuccessValue->setText(r.smsSuccessValue);
    mSmsMessageIdField->setText(r.smsMessageIdField);
    mSmsTimeout->setValue(r.smsTimeoutSeconds);
    mSmsDeduplicates->setChecked(r.smsDeduplicates);
    mSmsToken->setText(r.smsToken);
    mSmtpUrl->setText(r.smtpUrl);
    mSmtpTls->setCurrentIndex(std::max(0, mSmtpTls->findData(r.smtpTls)));
    mSmtpUser->setText(r.smtpUser);
    mSmtpPassword->setText(r.smtpPassword);
    mSmtpFrom->setText(r.smtpFrom);
    mSmtpFromName->setText(r.smtpFromName);
    mSmtpTimeout->setValue(r.smtpTimeoutSeconds);
    mTestPhone->setText(r.testPhone);
    mTestEmail->setText(r.testEmail);
    mSmsTokenLocked = r.smsTokenLocked;
    mSmtpPasswordLocked = r.smtpPasswordLocked;
    const QString locked = tr("stored in QGIS's authentication database (locked); type to replace");
    mSmsToken->setPlaceholderText(mSmsTokenLocked ? locked : QString());
    mSmtpPassword->setPlaceholderText(mSmtpPasswordLocked ? locked : QString());
}

void ReminderSettingsPage::apply() {
    mApplyError.clear();
    if (!settings().save(&mApplyError))
        mTestResult->setText(tr("The secrets were not saved: %1").arg(mApplyError));
}

void ReminderSettingsPage::sendTestMessage() {
    const ReminderGatewaySettings current = settings();
    const std::optional<HttpGatewayConfig> gateway = current.gatewayConfig();
    const std::optional<SmtpConfig> smtp = current.smtpConfig();
    if ((!gateway || current.testPhone.isEmpty()) && (!smtp || current.testEmail.isEmpty())) {
        const QString why =
            tr("Fill in a gateway URL and a test phone, or an SMTP server and a test e-mail.");
        mTestResult->setText(why);
        emit testMessageFinished(false, why);
        return;
    }
    OutboxMessage message;
    message.kind = QStringLiteral("test");
    message.templateCode = QStringLiteral("RC_TEST");
    message.language =
        QLocale().name().startsWith(QLatin1String("zh")) ? QStringLiteral("zh_CN") : QStringLiteral("en");
    message.subject = tr("Recheck test message");
    message.body = tr("Recheck test message: reminders from the office reach you here.");
    message.params = {{QStringLiteral("text"), message.body}};
    message.idempotencyKey =
        QStringLiteral("recheck-test-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    const QString phone = current.testPhone, email = current.testEmail;

    struct Outcome {
        bool ok = true;
        QStringList lines;
    };
    auto outcome = std::make_shared<Outcome>();
    mTestButton->setEnabled(false);
    mTestResult->setText(tr("Sending…"));
    QPointer<ReminderSettingsPage> self(this);
    auto* task = new SyncTask(
        tr("Sending a Recheck test message"), false,
        [=](const std::function<bool(double)>& progress) {
            auto report = [&](const QString& channel, const QString& to, const SendResult& r) {
                outcome->ok = outcome->ok && r.ok;
                outcome->lines << (r.ok ? tr("%1 to %2: sent (%3)").arg(channel, to, r.detail)
                                        : tr("%1 to %2: failed: %3").arg(channel, to, r.detail));
            };
            if (gateway && !phone.isEmpty()) {
                OutboxMessage sms = message;
                sms.channel = QStringLiteral("sms");
                sms.address = phone;
                report(tr("SMS"), phone, HttpSmsSender(*gateway).send(sms));
            }
            progress(0.5);
            if (smtp && !email.isEmpty()) {
                OutboxMessage mail = message;
                mail.channel = QStringLiteral("email");
                mail.address = email;
                report(tr("E-mail"), email, SmtpSender(*smtp).send(mail));
            }
        },
        [self, outcome] {
            if (!self)
                return;
            const QString summary = outcome->lines.join(QLatin1Char('\n'));
            self->mTestButton->setEnabled(true);
            self->mTestResult->setText(summary);
            emit self->testMessageFinished(outcome->ok, summary);
        });
    QgsApplication::taskManager()->addTask(task);
}

ReminderSettingsPageFactory::ReminderSettingsPageFactory()
    : QgsOptionsWidgetFactory(tr("Recheck Reminders"),
                              QgsApplication::getThemeIcon(QStringLiteral("/mMessageLog.svg"))) {}

QgsOptionsPageWidget* ReminderSettingsPageFactory::createWidget(QWidget* parent) const {
    return new ReminderSettingsPage(parent);
}

} // namespace recheck::archiveui
