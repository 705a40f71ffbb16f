#include "report/html_style.hpp"

namespace cpct::report {

// System fonts only: a partner may open the page offline or archive it.
const char* html_stylesheet() {
  return R"css(
:root {
  --ink: #1c2430; --muted: #5b6675; --line: #d8dee6; --paper: #ffffff; --ground: #f3f5f8;
  --pass: #1f7a43; --pass-soft: #e3f3e9; --fail: #c62828; --fail-soft: #fbe7e7;
  --warn: #a76200; --warn-soft: #fdf1dc; --idle: #8a94a3; --idle-soft: #eef0f3;
  --accent: #2457a6; --code: #f6f8fa;
  --mono: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
}
* { box-sizing: border-box; }
html { background: var(--ground); }
body { margin: 0; color: var(--ink); font: 14px/1.5 system-ui, -apple-system, "Segoe UI",
       "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 24px 48px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code, pre, .mono { font-family: var(--mono); font-size: 12.5px; }
h1, h2, h3, h4 { margin: 0; line-height: 1.25; }
h2 { font-size: 18px; margin-bottom: 14px; }
h3 { font-size: 15px; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
        padding: 22px 24px; margin-bottom: 20px; }

/* Header: verdict, identity of the run, counts. */
.masthead { display: grid; grid-template-columns: auto 1fr; gap: 24px; align-items: start; }
.verdict { min-width: 150px; padding: 18px 22px; border-radius: 10px; color: #fff;
           text-align: center; }
.verdict strong { display: block; font-size: 44px; letter-spacing: 2px; line-height: 1; }
.verdict span { display: block; margin-top: 8px; font-size: 12.5px; opacity: .92; }
.verdict.pass { background: var(--pass); }
.verdict.fail { background: var(--fail); }
.kicker { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 1px; }
.masthead h1 { font-size: 24px; margin: 2px 0 4px; }
.target { font-family: var(--mono); font-size: 14px; word-break: break-all; }
.target-kind { font-family: system-ui, sans-serif; font-size: 11.5px; color: var(--muted);
               text-transform: uppercase; letter-spacing: .6px; margin-right: 6px; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
         gap: 6px 22px; margin: 14px 0 0; }
.facts div { min-width: 0; }
.facts dt { color: var(--muted); font-size: 11.5px; text-transform: uppercase;
            letter-spacing: .6px; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.tiles { display: grid; grid-template-columns: repeat(6, 1fr); gap: 12px; margin-top: 20px; }
.tile { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px;
        border-top: 4px solid var(--idle); }
.tile b { display: block; font-size: 24px; line-height: 1.2; }
.tile span { color: var(--muted); font-size: 12px; }
.tile.t-pass { border-top-color: var(--pass); }
.tile.t-fail { border-top-color: var(--fail); }
.tile.t-warn { border-top-color: var(--warn); }
.tile.t-cases { border-top-color: var(--accent); }
nav.toc { margin-top: 18px; font-size: 13px; color: var(--muted); }
nav.toc a { margin-right: 16px; }

/* Charts. */
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 28px; }
figure { margin: 0; }
figcaption { font-weight: 600; margin-bottom: 8px; }
figcaption small { font-weight: 400; color: var(--muted); margin-left: 6px; }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart text { font: 11.5px system-ui, "DejaVu Sans", sans-serif; fill: var(--ink); }
svg.chart .legend, svg.chart .tally, svg.chart .axis-label { fill: var(--muted); }
svg.chart .axis-title { fill: var(--muted); font-size: 11px; }
svg.chart .empty { fill: var(--muted); font-size: 13px; }
svg.chart .track { fill: var(--idle-soft); }
svg.chart .frame { fill: var(--ground); stroke: var(--line); stroke-dasharray: 4 3; }
svg.chart .grid { stroke: var(--line); stroke-width: 1; }
svg.chart .bar { fill: var(--accent); }
svg.chart .marker { stroke-width: 1.5; stroke-dasharray: 4 3; }
svg.chart .marker.p50 { stroke: var(--ink); }
svg.chart .marker.p99 { stroke: var(--fail); }
svg.chart .marker-label { font-weight: 600; font-size: 11px; }
svg.chart .marker-label.p99 { fill: var(--fail); }
.v-passed { fill: var(--pass); } .v-failed { fill: var(--fail); }
.timeline { width: 100%; max-width: 760px; } .t-lane { stroke: var(--line, #ccc); }
.t-label, .t-verb { font-size: 10px; fill: currentColor; } .t-verb { text-anchor: middle; }
.t-ok circle { fill: var(--pass); } .t-error circle { fill: var(--warn, #c90); }
.t-fault circle { fill: var(--fail); }
.v-warning { fill: #d08a12; } .v-untested { fill: #b5bdc8; }

/* Verdict pills, used in the matrix and on findings. */
.pill { display: inline-block; min-width: 64px; padding: 1px 8px; border-radius: 999px;
        font-size: 11.5px; font-weight: 600; text-align: center; text-transform: uppercase;
        letter-spacing: .4px; }
.pill.passed { background: var(--pass-soft); color: var(--pass); }
.pill.failed { background: var(--fail-soft); color: var(--fail); }
.pill.warning { background: var(--warn-soft); color: var(--warn); }
.pill.untested { background: var(--idle-soft); color: var(--muted); }
.source { font-size: 12px; color: var(--muted); }
.level { font-size: 11px; font-weight: 700; color: var(--muted); letter-spacing: .5px; }
.level.should { color: var(--warn); }

/* Findings: one card per failed or warned requirement. */
.finding { border: 1px solid var(--line); border-left: 5px solid var(--fail);
           border-radius: 8px; padding: 16px 18px; margin-bottom: 18px; }
.finding.warning { border-left-color: #d08a12; }
.finding > header { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; }
.finding > header code { font-size: 13.5px; font-weight: 600; overflow-wrap: anywhere; }
.finding .why { margin: 6px 0 0; color: var(--muted); }
.example { border-top: 1px dashed var(--line); margin-top: 14px; padding-top: 12px; }
.example h4 { font-size: 13.5px; }
.example h4 .mono { font-weight: 400; color: var(--muted); }
.detail { margin: 8px 0; padding: 8px 12px; background: var(--fail-soft); border-radius: 6px; }
.warning .detail { background: var(--warn-soft); }
.label { color: var(--muted); font-size: 11.5px; font-weight: 600; text-transform: uppercase;
         letter-spacing: .6px; margin: 12px 0 4px; }
.delta { margin: 8px 0 4px; font-size: 12.5px; }
.delta div { display: flex; gap: 10px; align-items: baseline; padding: 1px 0; }
.delta b { width: 70px; flex: none; font-size: 11px; text-transform: uppercase; letter-spacing: .5px; }
.delta .expected b { color: var(--pass); }
.delta .observed b { color: var(--fail); }
.delta code { background: #ffe7a8; padding: 0 4px; border-radius: 3px; overflow-wrap: anywhere; }
.compare { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
.compare > div { min-width: 0; }
pre { margin: 0; padding: 10px 12px; background: var(--code); border: 1px solid var(--line);
      border-radius: 6px; overflow: auto; max-height: 360px; white-space: pre-wrap;
      overflow-wrap: anywhere; }
pre.observed { border-color: #efb4b4; }
pre .differs { background: #ffe7a8; box-shadow: 0 0 0 2px #ffe7a8; border-radius: 2px; }
pre.reproduce { background: #14181f; color: #e8edf3; border-color: #14181f;
                user-select: all; -webkit-user-select: all; cursor: text; }
.hint { color: var(--muted); font-size: 12px; margin: 4px 0 0; }
.shrunk { display: inline-block; margin-left: 6px; padding: 0 7px; border-radius: 4px;
          background: var(--idle-soft); color: var(--muted); font-size: 11.5px; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0 0 8px; }
dl.fields dt { color: var(--muted); }
dl.fields dd { margin: 0; font-family: var(--mono); font-size: 12.5px; overflow-wrap: anywhere; }
details { margin-top: 8px; }
details summary { cursor: pointer; color: var(--accent); }
.more { color: var(--muted); font-style: italic; margin-top: 10px; }
.none { color: var(--pass); font-weight: 600; }

/* The requirement matrix. */
.family { margin-bottom: 22px; }
.family h3 { display: flex; gap: 12px; align-items: baseline; margin-bottom: 6px; }
.family h3 small { font-weight: 400; color: var(--muted); font-size: 12.5px; }
table { width: 100%; border-collapse: collapse; }
th { text-align: left; font-size: 11.5px; text-transform: uppercase; letter-spacing: .5px;
     color: var(--muted); font-weight: 600; border-bottom: 2px solid var(--line); padding: 6px 8px; }
td { border-bottom: 1px solid var(--line); padding: 5px 8px; vertical-align: top; }
td.id { font-family: var(--mono); font-size: 12px; overflow-wrap: anywhere; width: 42%; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.failed td { background: #fff7f7; }
tr.warning td { background: #fffaf0; }
tr.untested td { color: var(--muted); }
footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 8px; }

@media (max-width: 900px) {
  .charts, .compare, .masthead { grid-template-columns: 1fr; }
  .tiles { grid-template-columns: repeat(3, 1fr); }
}

/* Print: black on white, no clipped code, findings kept whole. */
@media print {
  html, body { background: #fff; }
  main { max-width: none; padding: 0; }
  .card { border: none; border-radius: 0; padding: 0; margin-bottom: 18px; }
  nav.toc { display: none; }
  .verdict, .pill, .tile, svg.chart, tr.failed td, tr.warning td, .detail {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  pre { max-height: none; overflow: visible; }
  pre.reproduce { background: var(--code); color: var(--ink); border-color: var(--line); }
  .finding, figure, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; }
}
)css";
}

}  // namespace cpct::report
