extension WebAssets {
    /// `/widget.css`: the widget's look. Themed with the `--fqb-*` variables (or `data-accent`).
    static let widgetStyle = #"""
.fqb-root {
  --fqb-accent: #0b5c7a; --fqb-on-accent: #fff; --fqb-bg: #fff; --fqb-fg: #1b1f23; --fqb-muted: #59636e;
  --fqb-bot: #eef2f5; --fqb-patient: var(--fqb-accent); --fqb-alert-bg: #fff4e5; --fqb-alert: #a03a00;
  --fqb-radius: 14px; --fqb-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; --fqb-viewport: 100dvh;
  position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; font: 15px/1.45 var(--fqb-font); color: var(--fqb-fg);
}
.fqb-root.fqb-dark { --fqb-bg: #16191d; --fqb-fg: #eef1f4; --fqb-muted: #aab4be; --fqb-bot: #262b31; --fqb-alert-bg: #3a2410; --fqb-alert: #ffb476; }
.fqb-root.fqb-left { right: auto; left: 16px; }
.fqb-root *, .fqb-root *::before, .fqb-root *::after { box-sizing: border-box; }
.fqb-launcher {
  font: 600 15px var(--fqb-font); background: var(--fqb-accent); color: var(--fqb-on-accent); border: 0;
  border-radius: 999px; padding: 12px 20px; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25);
}
.fqb-open .fqb-launcher { display: none; }
.fqb-root button:focus-visible, .fqb-root input:focus-visible, .fqb-log:focus-visible, .fqb-root a:focus-visible {
  outline: 3px solid #f0a500; outline-offset: 2px;
}
.fqb-panel {
  display: flex; flex-direction: column; width: min(380px, calc(100vw - 32px));
  height: min(600px, calc(var(--fqb-viewport) - 32px)); background: var(--fqb-bg); border-radius: var(--fqb-radius);
  box-shadow: 0 10px 40px rgba(0,0,0,.3); overflow: hidden;
}
.fqb-panel[hidden] { display: none; }
.fqb-header { display: flex; align-items: center; gap: 8px; padding: 12px 14px; background: var(--fqb-accent); color: var(--fqb-on-accent); }
.fqb-titles { flex: 1; min-width: 0; }
.fqb-title { margin: 0; font-size: 16px; }
.fqb-status { margin: 0; font-size: 12.5px; opacity: .95; }
.fqb-status::before { content: ""; display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 6px; background: #f0a500; }
.fqb-root[data-state="online"] .fqb-status::before { background: #3ddc84; }
.fqb-root[data-state="offline"] .fqb-status::before, .fqb-root[data-state="ended"] .fqb-status::before { background: #ff6b6b; }
.fqb-close { background: transparent; color: inherit; border: 0; font-size: 26px; line-height: 1; cursor: pointer; padding: 2px 8px; border-radius: 6px; }
.fqb-log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; overscroll-behavior: contain; }
.fqb-msg { max-width: 88%; padding: 8px 12px; border-radius: var(--fqb-radius); word-wrap: break-word; }
.fqb-text { margin: 0; white-space: pre-wrap; }
.fqb-bot { align-self: flex-start; background: var(--fqb-bot); border-bottom-left-radius: 4px; }
.fqb-patient { align-self: flex-end; background: var(--fqb-patient); color: var(--fqb-on-accent); border-bottom-right-radius: 4px; }
.fqb-patient a { color: inherit; }
.fqb-note { align-self: center; font-size: 12.5px; color: var(--fqb-muted); }
.fqb-alert { background: var(--fqb-alert-bg); color: var(--fqb-fg); border: 2px solid var(--fqb-alert); max-width: 100%; font-weight: 500; }
.fqb-alert::before { content: attr(data-label); display: block; font-weight: 700; color: var(--fqb-alert); margin-bottom: 4px; }
.fqb-kind-error { border: 1px dashed var(--fqb-muted); }
.fqb-source { display: block; margin-top: 4px; font-size: 12px; color: var(--fqb-muted); }
.fqb-chips { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.fqb-chip {
  font: 14px var(--fqb-font); text-align: left; background: var(--fqb-bg); color: var(--fqb-accent);
  border: 1.5px solid var(--fqb-accent); border-radius: 999px; padding: 5px 12px; cursor: pointer;
}
.fqb-chip:hover { background: var(--fqb-accent); color: var(--fqb-on-accent); }
.fqb-typing { padding: 0 16px 6px; }
.fqb-typing[hidden] { display: none; }
.fqb-typing span { display: inline-block; width: 7px; height: 7px; margin-right: 4px; border-radius: 50%; background: var(--fqb-muted); animation: fqb-blink 1.2s infinite; }
.fqb-typing span:nth-child(2) { animation-delay: .2s; }
.fqb-typing span:nth-child(3) { animation-delay: .4s; }
@keyframes fqb-blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .fqb-typing span { animation: none; opacity: .6; } }
.fqb-form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid var(--fqb-bot); }
.fqb-input {
  flex: 1; min-width: 0; font: 16px var(--fqb-font); padding: 9px 12px; border: 1.5px solid var(--fqb-muted);
  border-radius: 10px; background: var(--fqb-bg); color: var(--fqb-fg);
}
.fqb-send { font: 600 15px var(--fqb-font); background: var(--fqb-accent); color: var(--fqb-on-accent); border: 0; border-radius: 10px; padding: 0 16px; cursor: pointer; }
@media (max-width: 480px) {
  .fqb-root.fqb-open { inset: 0; }
  .fqb-open .fqb-panel { width: 100vw; height: var(--fqb-viewport); border-radius: 0; }
}
"""#
}
