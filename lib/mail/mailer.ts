// Outgoing e-mail through SMTP_URL (nodemailer). Without SMTP_URL nothing is
// sent and the console shows links to copy instead.
import nodemailer from 'nodemailer';
import { env } from '@/lib/env';

export type Mail = { to: string; subject: string; text: string };

export function mailConfigured(): boolean {
  return !!env().smtpUrl;
}

/** Sends a message; returns false (and logs, without the body) when it could not. */
export async function sendMail(mail: Mail): Promise<boolean> {
  const url = env().smtpUrl;
  if (!url) return false;
  try {
    const transport = nodemailer.createTransport(url);
    await transport.sendMail({ from: env().smtpFrom, to: mail.to, subject: mail.subject, text: mail.text });
    return true;
  } catch (err) {
    // The body holds a secret link: log only who and what failed.
    console.error(`[tollgate] could not send "${mail.subject}" to ${mail.to}: ${(err as Error).message}`);
    return false;
  }
}
