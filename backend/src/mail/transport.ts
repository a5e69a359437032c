import nodemailer, { type Transporter } from 'nodemailer';

/**
 * A pooled SMTP transport from SMTP_URL (smtp://user:pass@host:port, smtps:// for implicit TLS).
 * Its timeouts bound one attempt well below the outbox claim (MAIL_CLAIM_MS), so a message is never
 * sent by two workers because one of them was merely slow.
 */
export function smtpTransport(smtpUrl: string, claimMs: number): Transporter {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    pool: true,
    maxConnections: 4,
    // Connect + greet + a stalled socket stay under the claim, so no attempt outlives it.
    connectionTimeout: Math.min(10_000, Math.floor(claimMs / 6)),
    greetingTimeout: Math.min(10_000, Math.floor(claimMs / 6)),
    socketTimeout: Math.min(30_000, Math.floor(claimMs / 3)),
  });
}
