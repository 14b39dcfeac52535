// Generates the OHLCV test series in this folder and their TA-Lib reference outputs.
//
// Not run by the build. See README.md here for how to run it (it needs npm's talib-web, TA-Lib's C
// code compiled to WebAssembly, installed in a scratch folder outside the repository).
//
// talib-web's JavaScript wrapper passes an end index one past the data and drops the output begin
// index, so this script calls the exported TA_* C functions of the wasm module directly, with
// startIdx = 0 and endIdx = n - 1, and places each output at its outBegIdx.

import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
// Resolve talib-web from the current directory (the scratch folder), not from the repository.
const require = createRequire(join(process.cwd(), 'package.json'));
// Node's fetch() cannot read the wasm file from disk; without it emscripten reads the file directly.
delete globalThis.fetch;
const talib = require('talib-web');

// ---------------------------------------------------------------------------------------------
// Deterministic data.

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function make_normal(rng) {
  return () => {
    let u = 0;
    while (u === 0) u = rng();
    const v = rng();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

const round2 = (x) => Math.round(x * 100) / 100;

// Trading days (Mon-Fri) from 2023-01-02 as ISO dates.
function trading_days(n) {
  const out = [];
  const d = new Date(Date.UTC(2023, 0, 2));
  while (out.length < n) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

// One random bar after `prev_close`; `gap` is an extra relative opening jump.
function random_bar(rng, normal, prev_close, gap = 0) {
  const open = round2(prev_close * (1 + gap + 0.003 * normal()));
  const close = round2(open * (1 + 0.012 * normal()));
  const high = round2(Math.max(open, close) * (1 + Math.abs(0.006 * normal())));
  const low = round2(Math.min(open, close) * (1 - Math.abs(0.006 * normal())));
  const volume = Math.round(200000 + 800000 * rng());
  return { open, high, low, close, volume };
}

function flat_bar(price, volume) {
  return { open: price, high: price, low: price, close: price, volume };
}

// ~300 ordinary daily bars around 100.
function ordinary_series() {
  const rng = mulberry32(20240607);
  const normal = make_normal(rng);
  const bars = [];
  let close = 100;
  for (let i = 0; i < 300; ++i) {
    const b = random_bar(rng, normal, close);
    bars.push(b);
    close = b.close;
  }
  return bars;
}

// Flat from the start (rows 0-39), then moving (40-99), then flat again at the last close (100-139).
function flat_series() {
  const rng = mulberry32(7);
  const normal = make_normal(rng);
  const bars = [];
  for (let i = 0; i < 40; ++i) bars.push(flat_bar(100, 1000));
  let close = 100;
  for (let i = 40; i < 100; ++i) {
    const b = random_bar(rng, normal, close);
    bars.push(b);
    close = b.close;
  }
  for (let i = 100; i < 140; ++i) bars.push(flat_bar(close, 1000));
  return bars;
}

// Ordinary prices; zero volume on rows 0-9 and 50-79.
function zero_volume_series() {
  const rng = mulberry32(11);
  const normal = make_normal(rng);
  const bars = [];
  let close = 100;
  for (let i = 0; i < 120; ++i) {
    const b = random_bar(rng, normal, close);
    if (i < 10 || (i >= 50 && i < 80)) b.volume = 0;
    bars.push(b);
    close = b.close;
  }
  return bars;
}

// Opening gaps, spike bars, zero-range bars and a crash.
function gaps_spikes_series() {
  const rng = mulberry32(13);
  const normal = make_normal(rng);
  const bars = [];
  let close = 100;
  for (let i = 0; i < 120; ++i) {
    let b;
    if (i === 20 || i === 61) b = random_bar(rng, normal, close, 0.08);      // gap up
    else if (i === 35 || i === 90) b = random_bar(rng, normal, close, -0.09); // gap down
    else if (i === 45) {                                                       // spike high
      b = random_bar(rng, normal, close);
      b.high = round2(b.high * 1.5);
    } else if (i === 46) {                                                     // spike low
      b = random_bar(rng, normal, close);
      b.low = round2(b.low * 0.6);
    } else if (i === 70 || i === 71 || i === 100) {                           // zero range, moved
      const p = round2(close * (i === 100 ? 0.95 : 1.04));
      b = flat_bar(p, 300000);
    } else if (i === 80) {                                                     // crash bar
      b = random_bar(rng, normal, close);
      b.close = round2(b.open * 0.8);
      b.low = round2(b.close * 0.99);
    } else b = random_bar(rng, normal, close);
    bars.push(b);
    close = b.close;
  }
  return bars;
}

// ---------------------------------------------------------------------------------------------
// TA-Lib through the wasm module.

let M;

function alloc_doubles(values) {
  const ptr = M._malloc(values.length * 8);
  M.HEAPF64.set(values, ptr / 8);
  return ptr;
}

// Calls TA_<name>(0, n-1, inputs..., options..., &outBegIdx, &outNBElement, outputs...) and
// returns one array per output, `null` before the first defined row.
function ta(name, inputs, options, output_count) {
  const n = inputs[0].length;
  const input_ptrs = inputs.map((a) => alloc_doubles(Float64Array.from(a)));
  const beg = M._malloc(4);
  const nb = M._malloc(4);
  const output_ptrs = [];
  for (let i = 0; i < output_count; ++i) output_ptrs.push(alloc_doubles(new Float64Array(n)));
  const args = [0, n - 1, ...input_ptrs, ...options, beg, nb, ...output_ptrs];
  const rc = M.ccall(`TA_${name}`, 'number', args.map(() => 'number'), args);
  if (rc !== 0) throw new Error(`TA_${name} returned ${rc}`);
  const begin = M.HEAP32[beg / 4];
  const count = M.HEAP32[nb / 4];
  const outputs = output_ptrs.map((ptr) => {
    const out = new Array(n).fill(null);
    for (let i = 0; i < count; ++i) out[begin + i] = M.HEAPF64[ptr / 8 + i];
    return out;
  });
  [...input_ptrs, beg, nb, ...output_ptrs].forEach((p) => M._free(p));
  return outputs;
}

// VWAP is not in TA-Lib: cumulative sum(typical * volume) / sum(volume), undefined while the
// cumulative volume is zero; typical = (high + low + close) / 3.
function vwap(bars) {
  let pv = 0;
  let v = 0;
  return bars.map((b) => {
    pv += ((b.high + b.low + b.close) / 3) * b.volume;
    v += b.volume;
    return v > 0 ? pv / v : null;
  });
}

// Returns [[column name, values], ...] for one spec.
function outputs_of(spec, bars) {
  const [name, ...raw] = spec.split(':');
  const p = raw.map(Number);
  const c = bars.map((b) => b.close);
  const h = bars.map((b) => b.high);
  const l = bars.map((b) => b.low);
  const v = bars.map((b) => b.volume);
  const one = (fn, inputs, options) => [[spec, ta(fn, inputs, options, 1)[0]]];
  const many = (fn, inputs, options, parts) =>
    ta(fn, inputs, options, parts.length).map((o, i) => [`${spec}.${parts[i]}`, o]);
  switch (name) {
    case 'sma': return one('SMA', [c], [p[0]]);
    case 'ema': return one('EMA', [c], [p[0]]);
    case 'wma': return one('WMA', [c], [p[0]]);
    case 'dema': return one('DEMA', [c], [p[0]]);
    case 'tema': return one('TEMA', [c], [p[0]]);
    case 'rsi': return one('RSI', [c], [p[0]]);
    case 'macd': return many('MACD', [c], [p[0], p[1], p[2]], ['macd', 'signal', 'hist']);
    case 'bbands': return many('BBANDS', [c], [p[0], p[1], p[1], 0], ['upper', 'middle', 'lower']);
    case 'atr': return one('ATR', [h, l, c], [p[0]]);
    case 'trange': return one('TRANGE', [h, l, c], []);
    case 'stoch': return many('STOCH', [h, l, c], [p[0], p[1], 0, p[2], 0], ['k', 'd']);
    case 'stochf': return many('STOCHF', [h, l, c], [p[0], p[1], 0], ['k', 'd']);
    case 'willr': return one('WILLR', [h, l, c], [p[0]]);
    case 'cci': return one('CCI', [h, l, c], [p[0]]);
    case 'roc': return one('ROC', [c], [p[0]]);
    case 'mom': return one('MOM', [c], [p[0]]);
    case 'obv': return one('OBV', [c, v], []);
    case 'vwap': return [[spec, vwap(bars)]];
    case 'stddev': return one('STDDEV', [c], [p[0], 1.0]);
    case 'adx': return one('ADX', [h, l, c], [p[0]]);
    case 'mfi': return one('MFI', [h, l, c, v], [p[0]]);
    default: throw new Error(`unknown spec ${spec}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Output.

// Formats like C's printf("%.17g").
function fmt17(x) {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const exponent = Number(x.toExponential(16).split('e')[1]);
  const strip = (s) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exponent < -4 || exponent >= 17) {
    const [mantissa, e] = x.toExponential(16).split('e');
    const sign = e[0] === '-' ? '-' : '+';
    const digits = e.replace(/^[+-]/, '').padStart(2, '0');
    return `${strip(mantissa)}e${sign}${digits}`;
  }
  return strip(x.toFixed(16 - exponent));
}

function write_bars(file, dates, bars) {
  const lines = ['ts,open,high,low,close,volume'];
  bars.forEach((b, i) =>
    lines.push([dates[i], b.open.toFixed(2), b.high.toFixed(2), b.low.toFixed(2),
                b.close.toFixed(2), String(b.volume)].join(',')));
  writeFileSync(join(here, file), lines.join('\n') + '\n');
}

function write_reference(file, dates, bars, specs) {
  const columns = specs.flatMap((s) => outputs_of(s, bars));
  const lines = [['ts', ...columns.map(([name]) => name)].join(',')];
  bars.forEach((_, i) =>
    lines.push([dates[i], ...columns.map(([, values]) =>
      (values[i] === null ? '' : fmt17(values[i])))].join(',')));
  writeFileSync(join(here, file), lines.join('\n') + '\n');
}

const ordinary_specs = [
  'sma:20', 'sma:5', 'ema:12', 'ema:2', 'wma:10', 'dema:10', 'tema:10', 'rsi:14', 'rsi:2',
  'macd:12:26:9', 'macd:5:13:2', 'bbands:20:2', 'bbands:10:1.5', 'atr:14', 'atr:1', 'trange',
  'stoch:14:3:3', 'stoch:5:1:2', 'stochf:14:3', 'stochf:5:1', 'willr:14', 'cci:20', 'cci:5',
  'roc:10', 'roc:1', 'mom:10', 'obv', 'vwap', 'stddev:20', 'stddev:2', 'adx:14', 'adx:3',
  'mfi:14', 'mfi:3',
];
const edge_specs = [
  'sma:5', 'ema:5', 'wma:5', 'dema:5', 'tema:5', 'rsi:5', 'macd:3:6:3', 'bbands:5:2', 'atr:5',
  'trange', 'stoch:5:3:3', 'stochf:5:3', 'willr:5', 'cci:5', 'roc:5', 'mom:5', 'obv', 'vwap',
  'stddev:5', 'adx:5', 'mfi:5',
];

M = await talib.init();
const series = [
  ['ohlcv', ordinary_series(), ordinary_specs],
  ['flat', flat_series(), edge_specs],
  ['zero_volume', zero_volume_series(), edge_specs],
  ['gaps_spikes', gaps_spikes_series(), edge_specs],
];
for (const [name, bars, specs] of series) {
  const dates = trading_days(bars.length);
  write_bars(`${name}.csv`, dates, bars);
  write_reference(`${name}_talib.csv`, dates, bars, specs);
  console.log(`wrote ${name}.csv and ${name}_talib.csv (${bars.length} rows)`);
}
