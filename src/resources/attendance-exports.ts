// Attendance exports as resources: the spreadsheet files export_attendance returns, read by URI
// (CSV as text with its BOM, XLSX as a blob), with their own MIME types.
import {
  ResourceTemplate,
  type McpServer,
  type ReadResourceResult,
  type Variables,
} from '@modelcontextprotocol/server';
import type { InputOf, ToolContext } from '../tools/define.js';
import { parseArguments } from '../tools/input.js';
import { toErrorResult } from '../tools/result.js';
import type { ToolDeps } from '../tools/register.js';
import { exportAttendance } from '../workflows/attendance/export.js';
import { exportAttendanceTool } from '../workflows/export-attendance.js';
import { OptionalQueryTemplate } from './uri-template.js';

/** A URI variable as given: the tools' validating entry reads digits as ids and refuses the rest. */
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
type Args = Partial<Record<keyof InputOf<typeof exportAttendanceTool>, unknown>>;

const EXPORTS: Array<{
  name: string;
  uri: string;
  title: string;
  description: string;
  args: (v: Variables) => Args;
}> = [
  {
    name: 'session_attendance_export',
    uri: 'mtslink://event-sessions/{eventSessionId}/attendance.{format}',
    title: 'Session attendance (spreadsheet)',
    description: 'One row per registration of a finished session; format csv or xlsx.',
    args: (v) => ({ eventSessionId: one(v.eventSessionId), format: one(v.format) }),
  },
  {
    name: 'event_attendance_export',
    uri: 'mtslink://events/{eventId}/attendance.{format}',
    title: 'Event attendance (spreadsheet)',
    description: 'One row per registration in the finished sessions of an event; csv or xlsx.',
    args: (v) => ({ eventId: one(v.eventId), format: one(v.format) }),
  },
  {
    name: 'period_attendance_export',
    uri: 'mtslink://attendance/{rows}.{format}{?from,to}',
    title: 'Period attendance (spreadsheet)',
    description:
      'rows = sessions or participants of the sessions from..to (ISO dates); csv or xlsx.',
    args: (v) => ({ from: one(v.from), to: one(v.to), rows: one(v.rows), format: one(v.format) }),
  },
];

export function registerExportResources(server: McpServer, deps: ToolDeps): void {
  for (const spec of EXPORTS) {
    const read = async (uri: URL, vars: Variables): Promise<ReadResourceResult> => {
      const ctx: ToolContext = {
        client: deps.client,
        timezones: deps.timezones,
        signal: new AbortController().signal,
        progress: async () => undefined,
      };
      try {
        const { input } = parseArguments(exportAttendanceTool, spec.args(vars));
        const file = await exportAttendance(input, ctx);
        const content = file.mimeType.startsWith('text/')
          ? { text: file.bytes.toString('utf8') }
          : { blob: file.bytes.toString('base64') };
        return { contents: [{ uri: uri.href, mimeType: file.mimeType, ...content }] };
      } catch (err) {
        throw new Error(`${uri.href}: ${toErrorResult(err, exportAttendanceTool).content[0].text}`);
      }
    };
    const template = new ResourceTemplate(new OptionalQueryTemplate(spec.uri), { list: undefined });
    server.registerResource(
      spec.name,
      template,
      { title: spec.title, description: spec.description },
      read,
    );
  }
}
