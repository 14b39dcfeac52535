#pragma once
// Private: the inline style sheet of the HTML report (system fonts only, no external resources).

#include <string_view>

namespace bourse::report::detail {

/// The report's CSS, placed in one <style> element.
inline constexpr std::string_view report_css = R"css(
:root{--fg:#111827;--muted:#6b7280;--line:#e5e7eb;--bg:#f4f6f9;--panel:#fff;--pos:#15803d;--neg:#b91c1c}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:28px 24px 40px}
h1{font-size:24px;margin:0 0 4px;font-weight:650}
h2{font-size:16px;margin:28px 0 10px;font-weight:650}
h3{font-size:15px;margin:0;font-weight:600}
.sub{color:var(--muted);margin:0 0 20px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px}
.card,.panel{background:var(--panel);border:1px solid var(--line);border-radius:8px}
.card{padding:12px 14px}
.card .k{color:var(--muted);font-size:11px;text-transform:uppercase;letter-spacing:.05em}
.card .v{font-size:19px;font-weight:600;margin-top:2px;font-variant-numeric:tabular-nums;white-space:nowrap}
.panel{padding:14px 18px}
.kv{display:grid;grid-template-columns:max-content 1fr max-content 1fr;gap:6px 18px;margin:0}
.kv dt{color:var(--muted)}
.kv dd{margin:0;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:5px 10px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
th{font-weight:600;color:#374151;background:#f9fafb}
td.num,th.num{text-align:right}
tbody tr:last-child td{border-bottom:none}
.stats td:first-child{color:var(--muted)}
.stats td.num{white-space:normal}
.series{margin-bottom:16px}
.series header{display:flex;flex-wrap:wrap;align-items:baseline;gap:6px 16px;margin-bottom:6px}
.series .caption{color:var(--muted);font-size:13px}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
.chart-title{color:var(--muted);font-size:12px;margin:10px 0 2px;text-transform:uppercase;letter-spacing:.05em}
.chart{display:block;width:100%;height:auto}
.chart .grid{stroke:#eceff3;stroke-width:1}
.chart .axis,.chart .zero{stroke:#9ca3af;stroke-width:1}
.chart .tick{font-size:11px;fill:#6b7280}
.chart .empty{font-size:13px;fill:#6b7280}
.chart .line{fill:none;stroke-width:1.6;stroke-linejoin:round;vector-effect:non-scaling-stroke}
.chart .band{fill:#dc2626;fill-opacity:.07}
.pos{color:var(--pos)}
.neg{color:var(--neg)}
.buy{color:var(--pos);font-weight:600}
.sell{color:var(--neg);font-weight:600}
.note{color:var(--muted);font-size:13px;margin:0 0 8px}
.scroll{max-height:640px;overflow:auto;padding:0}
.scroll thead th{position:sticky;top:0;z-index:1}
footer{color:var(--muted);font-size:12px;margin-top:28px}
.cards+.sub{margin-top:16px}
.chart .mk-buy{fill:#16a34a;fill-opacity:.85}
.chart .mk-sell{fill:#dc2626;fill-opacity:.85}
.chart .overlay{stroke-width:1.3}
.run h3{margin:18px 0 8px}
.scroll-x{overflow-x:auto}
.params td{white-space:normal;overflow-wrap:anywhere}
.monthly td,.monthly th{padding:4px 6px}
.monthly .year{font-weight:600}
.sharpe-note{margin-top:8px}
@media print{body{background:#fff}.scroll{max-height:none;overflow:visible}}
)css";

} // namespace bourse::report::detail
