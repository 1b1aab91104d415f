// V8 settings for a server that lives long and must stay small (issue 16: peak RSS ≤ 120 MB
// during a 10,000-person registration). Imported first by cli.ts. Only flags that V8 reads after
// start-up take effect here; heap limits such as --max-semi-space-size do not, and the bin's
// shebang cannot carry flags everywhere.
// Measured with `node bench/bulk-registration.mjs` and bench/attendance-memory.mjs (BENCHMARKS.md,
// "Server memory"), 2026-11-29, medians of 3: peak RSS of a 10,000-person registration 145 MB
// without either flag, 113 MB with both.
import { setFlagsFromString } from 'node:v8';

// undici's HTTP parser (llhttp) and the chart's renderer (resvg) are WebAssembly. V8 compiles it
// with its baseline compiler and, once a function is hot, again with its optimising one; that
// second compile of llhttp's one huge parse function and of resvg stays with the process (about
// 10 MB in a registration, 30 MB of the first chart's load) and, on this 2-core machine, made a
// chart slower (180-225 ms vs 114 ms) rather than faster. A budget no run exhausts keeps the
// baseline code.
setFlagsFromString('--wasm-tiering-budget=2000000000');

// The young generation starts at 1 MB a half and doubles under allocation up to 16 MB; a bulk
// run allocates steadily (rows, batches, answers), so it reaches the top and keeps 32-48 MB
// resident for short-lived objects. Not growing it costs more, cheaper scavenges (the run is
// bound by the API's rate limit, not by CPU; the same 10,000 people took as long) and saves
// about 20 MB of peak.
setFlagsFromString('--semi-space-growth-factor=1');
