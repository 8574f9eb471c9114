/**
 * The one stylesheet of every page: system fonts (nothing fetched), a phone-first single column that widens on a
 * counter screen, contrast of at least 4.5:1, and a print style that leaves only the receipt (the one being printed,
 * when a page has two).
 */
export const PAGES_CSS = `
:root { --ink: #1a1a1a; --muted: #4a4a4a; --line: #c8c8c8; --accent: #0b4f9c; --bad: #a4141b; --good: #1d6b2f; --warn: #8a4b00; --paper: #ffffff; --shade: #f3f5f8; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: var(--shade); line-height: 1.5; }
body { margin: 0; }
.bar { display: flex; align-items: center; justify-content: space-between; gap: 1rem; padding: 0.75rem 1rem; background: var(--accent); color: #fff; }
.bar h1 { font-size: 1.25rem; margin: 0; }
.bar .link { color: #fff; border-color: #fff; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
section, form.panel { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 1rem; margin-bottom: 1rem; }
h2 { font-size: 1.1rem; margin: 0 0 0.75rem; }
label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
.field { margin-bottom: 0.9rem; }
.hint { display: block; color: var(--muted); font-size: 0.9rem; font-weight: normal; }
.error { display: block; color: var(--bad); font-size: 0.95rem; min-height: 0; }
.error:empty { display: none; }
.ok { color: var(--good); }
.warn { color: var(--warn); }
.bad { color: var(--bad); }
input, select, textarea { font: inherit; width: 100%; padding: 0.5rem; border: 1px solid #767676; border-radius: 4px; background: #fff; color: var(--ink); }
input[type=checkbox] { width: auto; }
input[aria-invalid=true], select[aria-invalid=true] { border-color: var(--bad); border-width: 2px; }
button { font: inherit; padding: 0.5rem 1rem; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
button.secondary, button.link { background: transparent; color: var(--accent); }
button:disabled { background: #6b6b6b; border-color: #6b6b6b; color: #fff; cursor: not-allowed; }
:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.grid { display: grid; gap: 0 1rem; grid-template-columns: 1fr; }
.columns { display: grid; gap: 1rem; grid-template-columns: 1fr; }
@media (min-width: 48rem) { .grid { grid-template-columns: 1fr 1fr; } .columns { grid-template-columns: 1fr 1fr; } }
.status { font-size: 1.15rem; font-weight: 700; }
ol.timeline { list-style: none; padding: 0; margin: 0; border-left: 3px solid var(--accent); }
ol.timeline li { position: relative; padding: 0 0 0.8rem 1rem; }
ol.timeline li::before { content: ""; position: absolute; left: -0.5rem; top: 0.4rem; width: 0.75rem; height: 0.75rem; border-radius: 50%; background: var(--accent); }
ol.timeline time { display: block; color: var(--muted); font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
tr.missing td { background: #fff4e0; }
tr.arrived td { background: #eaf5ec; }
.photo { width: 179px; height: 221px; object-fit: cover; border: 1px solid var(--line); background: var(--shade); }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.pair dl { margin: 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.differs { background: #fff4e0; font-weight: 700; }
.badge { display: inline-block; padding: 0 0.5rem; border-radius: 3px; font-size: 0.85rem; font-weight: 700; color: #fff; }
.badge.breached { background: var(--bad); }
.badge.warned { background: var(--warn); }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-end; }
.actions .field { flex: 1 1 16rem; margin: 0; }
[hidden] { display: none !important; }
.receipt { border: 2px dashed var(--ink); }
.receipt .number { font-size: 1.5rem; font-weight: 700; letter-spacing: 0.05em; }
.notice { padding: 0.75rem; border-radius: 4px; background: #fff4e0; border: 1px solid var(--warn); }
@media print {
  .bar, form, section:not(.receipt), nav, button { display: none !important; }
  body, html { background: #fff; }
  .receipt { border: none; }
  body[data-printing] .receipt:not(.printing) { display: none !important; }
}
`;
