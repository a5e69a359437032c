/** A small SVG line chart written by hand (no charting library): cumulative progress over time. */

export interface Series {
  label: string;
  color: string;
  /** The value that is 100% on the chart. */
  total: number;
  /** [seconds since the on-sale opened, cumulative value]. */
  points: Array<[number, number]>;
}

const W = 720;
const H = 340;
const M = { left: 56, right: 20, top: 40, bottom: 48 };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function progressChart(title: string, series: Series[]): string {
  const maxT = Math.max(1, ...series.flatMap((s) => s.points.map(([t]) => t)));
  const x = (t: number) => M.left + (t / maxT) * (W - M.left - M.right);
  const y = (pct: number) => H - M.bottom - (pct / 100) * (H - M.top - M.bottom);
  const step = niceStep(maxT);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`);
  for (let pct = 0; pct <= 100; pct += 25) {
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y(pct)}" y2="${y(pct)}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${M.left - 8}" y="${y(pct) + 4}" text-anchor="end" fill="#374151">${pct}%</text>`);
  }
  for (let t = 0; t <= maxT + 1e-9; t += step) {
    parts.push(`<line x1="${x(t)}" x2="${x(t)}" y1="${H - M.bottom}" y2="${H - M.bottom + 5}" stroke="#374151"/>`);
    parts.push(`<text x="${x(t)}" y="${H - M.bottom + 18}" text-anchor="middle" fill="#374151">${Number(t.toFixed(1))}</text>`);
  }
  parts.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 10}" text-anchor="middle" fill="#374151">seconds since sales opened</text>`);
  parts.push(`<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#374151"/>`);
  parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#374151"/>`);
  series.forEach((s, k) => {
    const path = s.points.map(([t, v]) => `${x(t).toFixed(1)},${y((100 * v) / s.total).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${path}"/>`);
    const ly = M.top + 6 + k * 18;
    parts.push(`<line x1="${M.left + 12}" x2="${M.left + 32}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="3"/>`);
    parts.push(`<text x="${M.left + 38}" y="${ly + 4}" fill="#111827">${esc(s.label)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function niceStep(range: number): number {
  const rough = range / 8;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  for (const m of [1, 2, 5, 10]) if (m * magnitude >= rough) return m * magnitude;
  return 10 * magnitude;
}
