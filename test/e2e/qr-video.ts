/**
 * A camera picture for Chromium's fake capture device: a Y4M clip showing one QR code, so the door
 * scanner reads a real image through its real decoder, exactly as from a phone camera held still.
 */
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

const SIZE = 480;
const FRAMES = 10;

/** Writes a still Y4M clip of `text` as a QR code (black on white) to `file`. */
export function writeQrVideo(file: string, text: string): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const scale = Math.floor(SIZE / (modules.size + 2 * quiet));
  const offset = Math.floor((SIZE - modules.size * scale) / 2);
  const luma = Buffer.alloc(SIZE * SIZE, 235);
  for (let y = 0; y < modules.size * scale; y++) {
    for (let x = 0; x < modules.size * scale; x++) {
      if (modules.get(Math.floor(y / scale), Math.floor(x / scale))) luma[(offset + y) * SIZE + offset + x] = 16;
    }
  }
  const chroma = Buffer.alloc((SIZE / 2) * (SIZE / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${SIZE} H${SIZE} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: FRAMES }, () => frame)]));
}
