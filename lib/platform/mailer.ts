import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "./env";

let transport: Transporter | null | undefined;

/** The SMTP transport when SMTP_URL is set; null when e-mail is not configured. */
export function mailer(): Transporter | null {
  if (transport !== undefined) return transport;
  const url = env().SMTP_URL;
  transport = url ? nodemailer.createTransport(url) : null;
  return transport;
}

export function emailConfigured(): boolean {
  return Boolean(env().SMTP_URL);
}

export async function sendMail(message: { to: string; subject: string; text: string }): Promise<boolean> {
  const t = mailer();
  if (!t) return false;
  await t.sendMail({ from: env().SMTP_FROM, ...message });
  return true;
}
