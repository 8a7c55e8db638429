/** A local SMTP server that keeps what it receives, for tests of e-mail delivery. */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface MailSink {
  /** smtp://127.0.0.1:<port> */
  url: string;
  /** Raw messages received, in order. */
  mails: string[];
  close(): Promise<void>;
}

export async function startMailSink(): Promise<MailSink> {
  const mails: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      let data = '';
      stream.on('data', (c: Buffer) => (data += c.toString()));
      stream.on('end', () => (mails.push(data), callback()));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The Subject header of a raw message, its RFC 2047 encoded words decoded. */
export function subjectOf(mail: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(mail)?.[1] ?? '';
  const words = [...header.matchAll(/=\?UTF-8\?Q\?(.*?)\?=/g)].map((m) => m[1]!).join('');
  if (!words) return header;
  return decodeURIComponent(words.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/g, (_, hex: string) => `%${hex}`));
}
