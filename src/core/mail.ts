/** Sending e-mail over SMTP (nodemailer), for alerts and report digests alike. */
import nodemailer from 'nodemailer';

export interface MailOptions {
  /** SMTP URL (smtp://user:pass@host:port or smtps://…); default $MURMUR_SMTP_URL. */
  smtpUrl?: string;
  /** Sender address; default $MURMUR_SMTP_FROM or murmur@localhost. */
  from?: string;
}

export interface Mail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export class MailError extends Error {
  override name = 'MailError';
}

export async function sendMail(mail: Mail, options: MailOptions = {}): Promise<void> {
  const smtpUrl = options.smtpUrl ?? process.env.MURMUR_SMTP_URL;
  if (!smtpUrl) throw new MailError('no SMTP server: set MURMUR_SMTP_URL (smtp://user:password@host:587)');
  const transport = nodemailer.createTransport(smtpUrl);
  try {
    await transport.sendMail({ from: options.from ?? process.env.MURMUR_SMTP_FROM ?? 'Murmur <murmur@localhost>', ...mail });
  } catch (error) {
    throw new MailError((error as Error).message, { cause: error });
  } finally {
    transport.close();
  }
}

export const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
