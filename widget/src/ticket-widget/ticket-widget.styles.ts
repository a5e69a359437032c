import { css } from 'lit';

/**
 * Isolation both ways: everything lives in the shadow root, so nothing here reaches the host page;
 * and `.base` resets every inherited property (`all: initial`) so the page's fonts, colours,
 * line-heights or letter-spacing cannot seep in through inheritance. Only the documented
 * `--queuetix-*` custom properties (which `all` leaves alone) and `::part`s theme the widget.
 * Sizes are in px/em, never rem, so the page's root font size does not scale us either.
 */
export const ticketWidgetStyles = css`
  :host {
    display: block;
    max-width: 100%;
    container-type: inline-size;
    --_bg: var(--queuetix-color-background, #ffffff);
    --_fg: var(--queuetix-color-text, #0f172a);
    --_muted: var(--queuetix-color-muted, #475569);
    --_border: var(--queuetix-color-border, #e2e8f0);
    --_surface: var(--queuetix-color-surface, #f8fafc);
    --_accent: var(--queuetix-color-accent, #4f46e5);
    --_accent-fg: var(--queuetix-color-accent-text, #ffffff);
    --_danger: var(--queuetix-color-danger, #b91c1c);
    --_success: var(--queuetix-color-success, #047857);
    --_font: var(--queuetix-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_radius: var(--queuetix-radius, 12px);
  }
  :host([theme='dark']) {
    --_bg: var(--queuetix-color-background, #0f172a);
    --_fg: var(--queuetix-color-text, #f1f5f9);
    --_muted: var(--queuetix-color-muted, #94a3b8);
    --_border: var(--queuetix-color-border, #334155);
    --_surface: var(--queuetix-color-surface, #1e293b);
    --_accent: var(--queuetix-color-accent, #818cf8);
    --_accent-fg: var(--queuetix-color-accent-text, #0f172a);
    --_danger: var(--queuetix-color-danger, #fca5a5);
    --_success: var(--queuetix-color-success, #6ee7b7);
  }
  :host([hidden]) {
    display: none;
  }

  .base {
    all: initial;
    display: block;
    box-sizing: border-box;
    min-width: 0;
    overflow: hidden;
    font-family: var(--_font);
    font-size: 15px;
    line-height: 1.45;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    text-align: start;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h2,
  h3,
  p,
  ul,
  dl,
  dd {
    margin: 0;
    padding: 0;
  }

  .header {
    display: grid;
    grid-template-columns: 1fr;
  }
  .image {
    display: block;
    width: 100%;
    aspect-ratio: 16 / 9;
    object-fit: cover;
    background: var(--_surface);
  }
  .summary {
    display: grid;
    gap: 4px;
    padding: 16px 16px 0;
  }
  @container (min-width: 560px) {
    .header {
      grid-template-columns: 200px 1fr;
    }
    .image {
      height: 100%;
      aspect-ratio: auto;
      min-height: 120px;
    }
  }
  .title {
    font-size: 1.25em;
    line-height: 1.25;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .meta {
    color: var(--_muted);
    font-size: 0.93em;
    overflow-wrap: anywhere;
  }
  .price {
    font-weight: 600;
  }
  .availability {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
    font-size: 0.93em;
    color: var(--_muted);
  }
  .badge {
    display: inline-block;
    padding: 0 8px;
    border-radius: 999px;
    font-size: 0.8em;
    font-weight: 600;
    background: var(--_surface);
    border: 1px solid var(--_border);
    color: var(--_fg);
  }
  .badge.bad {
    color: var(--_danger);
  }

  .panel {
    display: grid;
    gap: 12px;
    padding: 16px;
  }
  .panel-title {
    font-size: 1.07em;
    font-weight: 700;
  }
  .big {
    font-size: 2em;
    font-weight: 800;
    line-height: 1.1;
    font-variant-numeric: tabular-nums;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
  }
  .row.spread {
    justify-content: space-between;
  }

  .button,
  .quantity select {
    font: inherit;
    min-height: 44px;
    border-radius: calc(var(--_radius) * 0.67);
    border: 1px solid var(--_border);
    padding: 8px 16px;
    cursor: pointer;
    color: var(--_fg);
    background: var(--_bg);
  }
  .button.primary {
    background: var(--_accent);
    color: var(--_accent-fg);
    border-color: var(--_accent);
    font-weight: 600;
    flex: 1 1 auto;
  }
  .button.link {
    border: none;
    background: none;
    min-height: 0;
    padding: 0;
    text-decoration: underline;
    color: var(--_muted);
  }
  .button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  .button:focus-visible,
  .quantity select:focus-visible,
  a:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  a {
    color: var(--_accent);
  }
  .quantity {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .notify {
    display: flex;
    align-items: center;
    gap: 6px;
    flex-basis: 100%;
    color: var(--_muted);
  }
  .notify input {
    width: 18px;
    height: 18px;
    accent-color: var(--_accent);
  }

  /* The ticket-type picker and order lines (rendered by the on-demand types module). */
  .types {
    display: grid;
    gap: 8px;
    border: 0;
    padding: 0;
    margin: 0;
    flex-basis: 100%;
  }
  .type {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 8px;
    padding: 8px 12px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.67);
  }
  .step {
    padding: 8px;
    min-width: 44px;
  }
  output {
    min-width: 2ch;
    text-align: center;
  }
  .lines div {
    display: flex;
    justify-content: space-between;
  }
  .lines dd {
    margin: 0;
  }

  .offer {
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    padding: 12px;
    display: grid;
    gap: 8px;
  }
  .countdown {
    font-size: 2em;
    font-weight: 800;
    font-variant-numeric: tabular-nums;
    color: var(--_accent);
  }
  .tickets {
    list-style: none;
    display: grid;
    gap: 8px;
  }
  .ticket {
    border: 1px dashed var(--_border);
    border-radius: calc(var(--_radius) * 0.67);
    padding: 8px 12px;
    background: var(--_surface);
  }
  .code {
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
    font-size: 1.07em;
    overflow-wrap: anywhere;
  }

  .notice,
  .banner {
    padding: 8px 12px;
    border-radius: calc(var(--_radius) * 0.67);
    background: var(--_surface);
    border: 1px solid var(--_border);
    font-size: 0.93em;
  }
  .notice.error,
  .error {
    color: var(--_danger);
  }
  .success {
    color: var(--_success);
  }
  .banner {
    margin: 8px 8px 0;
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 4px 12px;
    padding: 8px 16px 12px;
    font-size: 0.8em;
    color: var(--_muted);
    border-top: 1px solid var(--_border);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .base {
    position: relative;
  }
  @media (prefers-reduced-motion: no-preference) {
    .offer {
      animation: arrive 300ms ease-out;
    }
    @keyframes arrive {
      from {
        transform: scale(0.98);
        opacity: 0.4;
      }
    }
  }
`;
