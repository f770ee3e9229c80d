/**
 * Mail, sent as the person the execution runs as (for a trigger: whoever installed it, on that
 * person's daily quota, which counts recipients).
 */
export interface OutgoingMail {
  to: string;
  subject: string;
  /** The plain-text part. */
  text: string;
  html: string;
}

/** Recipients this user may still send to today. */
export function mailQuotaLeft(): number {
  return MailApp.getRemainingDailyQuota();
}

export function sendMail(mail: OutgoingMail): void {
  MailApp.sendEmail({ to: mail.to, subject: mail.subject, body: mail.text, htmlBody: mail.html, name: 'Arbiter' });
}
