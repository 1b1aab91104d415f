// Baseline for the cold-start benchmark: a bare node process that loads the SDK and serves an
// empty stdio MCP server (no tools, no config, no HTTP client).
import { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

const server = new McpServer({ name: 'bare', version: '1.0.0' });
server.registerTool('noop', { description: 'noop', inputSchema: z.object({}) }, () => ({
  content: [],
}));
await server.connect(new StdioServerTransport());
