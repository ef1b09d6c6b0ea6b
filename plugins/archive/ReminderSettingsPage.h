#pragma once

// Reminder gateways in QGIS's Options dialog (Settings ▸ Options ▸ Recheck
// Reminders): the HTTP SMS gateway and the SMTP server the office sends
// reminders and test messages through. Plain settings live in QgsSettings
// (group recheck/reminders); the gateway token and the SMTP password live in
// QGIS's authentication database (QgsAuthManager), encrypted under the
// user's master password, and QgsSettings keeps only their config ids.

#include "reminders/ReminderSenders.h"

#include <qgsoptionswidgetfactory.h>

#include <QPointer>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace recheck::archiveui {

struct ReminderGatewaySettings {
    // HTTP SMS gateway (placeholders as in the CLI's config: ${phone},
    // ${template}, ${params}, ${body}, ${idempotency_key}, ${secret.token}).
    QString smsUrl;
    QString smsMethod = QStringLiteral("POST");
    QString smsBodyFormat = QStringLiteral("json");
    QString smsBodyTemplate;
    QString smsHeaders;     ///< one "Name: value" per line
    QString smsTemplateIds; ///< one "OUR_CODE=PROVIDER_ID" per line
    QString smsSuccessField;
    QString smsSuccessValue;
    QString smsMessageIdField;
    int smsTimeoutSeconds = 10;
    bool smsDeduplicates = false;
    QString smsToken; ///< secret: QgsAuthManager only
    // SMTP
    QString smtpUrl;
    QString smtpTls = QStringLiteral("required");
    QString smtpUser;
    QString smtpPassword; ///< secret: QgsAuthManager only
    QString smtpFrom;
    QString smtpFromName;
    int smtpTimeoutSeconds = 20;
    // Where "Send Test Message" sends to.
    QString testPhone;
    QString testEmail;
    /// A secret is stored but could not be read (the authentication database
    /// is locked): an empty field then keeps it instead of removing it.
    bool smsTokenLocked = false;
    bool smtpPasswordLocked = false;

    bool operator==(const ReminderGatewaySettings& o) const; ///< the values, not the lock flags

    /// Reads QgsSettings and, when the authentication database is open, the
    /// secrets (empty otherwise).
    static ReminderGatewaySettings load();
    /// Writes QgsSettings and stores the secrets in QgsAuthManager (updating
    /// the configs it made before). False with a reason when the
    /// authentication database refuses them (disabled, no master password):
    /// the secrets are then NOT written anywhere.
    bool save(QString* error = nullptr) const;

    /// The senders' configurations; empty when no URL is set.
    std::optional<HttpGatewayConfig> gatewayConfig() const;
    std::optional<SmtpConfig> smtpConfig() const;

    /// QgsSettings keys of the auth config ids (for tests and clean-up).
    static QString smsAuthConfigKey();
    static QString smtpAuthConfigKey();
};

/// The options page itself.
class ReminderSettingsPage : public QgsOptionsPageWidget {
    Q_OBJECT
public:
    explicit ReminderSettingsPage(QWidget* parent = nullptr);

    void apply() override;

    ReminderGatewaySettings settings() const; ///< as the fields are now
    void setSettings(const ReminderGatewaySettings& settings);

    /// Sends one test message on each configured channel (to the test phone
    /// and email) with the settings as they are in the form, on a task
    /// thread; testMessageFinished() gives the outcome, free of secrets.
    void sendTestMessage();
    QString lastApplyError() const { return mApplyError; }

signals:
    void testMessageFinished(bool ok, const QString& summary);

private:
    QLineEdit* mSmsUrl = nullptr;
    QComboBox* mSmsMethod = nullptr;
    QComboBox* mSmsBodyFormat = nullptr;
    QPlainTextEdit* mSmsBodyTemplate = nullptr;
    QPlainTextEdit* mSmsHeaders = nullptr;
    QPlainTextEdit* mSmsTemplateIds = nullptr;
    QLineEdit* mSmsSuccessField = nullptr;
    QLineEdit* mSmsSuccessValue = nullptr;
    QLineEdit* mSmsMessageIdField = nullptr;
    QSpinBox* mSmsTimeout = nullptr;
    QCheckBox* mSmsDeduplicates = nullptr;
    QLineEdit* mSmsToken = nullptr;
    QLineEdit* mSmtpUrl = nullptr;
    QComboBox* mSmtpTls = nullptr;
    QLineEdit* mSmtpUser = nullptr;
    QLineEdit* mSmtpPassword = nullptr;
    QLineEdit* mSmtpFrom = nullptr;
    QLineEdit* mSmtpFromName = nullptr;
    QSpinBox* mSmtpTimeout = nullptr;
    QLineEdit* mTestPhone = nullptr;
    QLineEdit* mTestEmail = nullptr;
    QPushButton* mTestButton = nullptr;
    bool mSmsTokenLocked = false;
    bool mSmtpPasswordLocked = false;
    QLabel* mTestResult = nullptr;
    QString mApplyError;
};

class ReminderSettingsPageFactory : public QgsOptionsWidgetFactory {
    Q_OBJECT
public:
    ReminderSettingsPageFactory();
    QgsOptionsPageWidget* createWidget(QWidget* parent = nullptr) const override;
};

} // namespace recheck::archiveui
