// Baseline for the per-call benchmark (bench/start-and-call.mjs): the least an MCP server on the
// same SDK can do for a get_event call. One tool that sends the GET through undici on a kept-alive
// connection and returns the body as it came: no validation of ours, no shaping, no marking.
import { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { Pool } from 'undici';
import { z } from 'zod';

const base = new URL(process.env.MTSLINK_BASE_URL);
const pool = new Pool(base.origin, { connections: 1 });
const headers = { 'x-auth-token': process.env.MTSLINK_TOKEN, accept: 'application/json' };

const server = new McpServer({ name: 'bare-http', version: '1.0.0' });
server.registerTool(
  'get_event',
  { description: 'get_event', inputSchema: z.object({ eventId: z.number() }) },
  async ({ eventId }) => {
    const path = `${base.pathname}/organization/events/${eventId}`;
    const res = await pool.request({ method: 'GET', path, headers });
    return { content: [{ type: 'text', text: await res.body.text() }] };
  },
);
await server.connect(new StdioServerTransport());
