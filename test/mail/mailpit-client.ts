/** Reads what Mailpit received, through its HTTP API (the run's Mailpit: test/support/hooks.ts). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQRModule from 'jsqr';

// jsqr is CommonJS with `exports.default`: under Node's ESM interop the function sits one level down.
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as typeof import('jsqr').default;
import { PNG } from 'pngjs';
import { testMailServer } from '../support/hooks.js';

export interface MailSummary {
  ID: string;
  MessageID: string;
  Subject: string;
  To: { Address: string }[];
  Attachments: number;
}

export interface MailPart {
  PartID: string;
  FileName: string;
  ContentType: string;
  ContentID: string;
}

export interface MailMessage {
  ID: string;
  MessageID: string;
  Subject: string;
  Text: string;
  HTML: string;
  To: { Address: string }[];
  Attachments: MailPart[];
  Inline: MailPart[];
}

const api = () => testMailServer().httpUrl;

/** Every message to this address, newest first. */
export async function messagesTo(address: string): Promise<MailSummary[]> {
  const res = await fetch(`${api()}/api/v1/search?query=${encodeURIComponent(`to:"${address}"`)}&limit=200`);
  if (!res.ok) throw new Error(`Mailpit search: HTTP ${res.status}`);
  return ((await res.json()) as { messages: MailSummary[] }).messages;
}

export async function message(id: string): Promise<MailMessage> {
  const res = await fetch(`${api()}/api/v1/message/${id}`);
  if (!res.ok) throw new Error(`Mailpit message: HTTP ${res.status}`);
  return (await res.json()) as MailMessage;
}

export async function part(id: string, partId: string): Promise<Buffer> {
  const res = await fetch(`${api()}/api/v1/message/${id}/part/${partId}`);
  if (!res.ok) throw new Error(`Mailpit part: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** A unique address per test buyer, so tests sharing the run's Mailpit never read each other's mail. */
export function uniqueAddress(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}@example.test`;
}

/** Decodes the one QR code in a PNG. */
export function decodeQrPng(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

/** Renders each page of a PDF to PNG (Debian's pdftoppm) and decodes its QR code: one per page. */
export function qrCodesOfPdf(pdf: Buffer): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qtx-pdf-'));
  writeFileSync(path.join(dir, 'in.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', '100', '-png', path.join(dir, 'in.pdf'), path.join(dir, 'page')]);
  return readdirSync(dir)
    .filter((f) => f.startsWith('page') && f.endsWith('.png'))
    .sort()
    .map((f) => decodeQrPng(readFileSync(path.join(dir, f))) ?? '');
}

/** The text of a PDF (pdftotext), to check what each page says. */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qtx-pdf-'));
  writeFileSync(path.join(dir, 'in.pdf'), pdf);
  return execFileSync('pdftotext', ['-layout', path.join(dir, 'in.pdf'), '-']).toString();
}
