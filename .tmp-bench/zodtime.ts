import { registrationTools } from '/work/main/src/workflows/register-participants.ts';
const def = registrationTools[0]!;
const people = Array.from({ length: 10000 }, (_, i) => ({ email: `p${i}@bench.example`, name: `Name${i}`, secondName: `Surname${i}` }));
const args = { eventSessionId: 1, people, perPage: 1, waitSeconds: 600 };
for (let i = 0; i < 3; i++) { const t = performance.now(); def.input.parse(args); console.log('zod', performance.now() - t); }
const text = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'x', arguments: args } });
let t = performance.now(); JSON.parse(text); console.log('json', performance.now() - t, text.length);
