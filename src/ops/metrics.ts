// Prometheus metrics (MTSLINK_METRICS): loaded by a dynamic import only when switched on, so a
// default start neither loads prom-client nor listens to any channel. Labels are tool names,
// outcomes, HTTP statuses and job states only: never a token, an organisation or a person.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import {
  apiResponses,
  rateLimitWaits,
  registrationJobs,
  toolCalls,
  type ApiResponseEvent,
  type JobEvent,
  type RateLimitWaitEvent,
  type ToolCallEvent,
} from '../channels.js';

export interface Metrics {
  render(): Promise<{ contentType: string; body: string }>;
  close(): void;
}

export function startMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mtslink_' });
  const calls = new Counter({
    name: 'mtslink_mcp_tool_calls_total',
    help: 'MCP tool calls by tool and outcome (ok, error, input_required).',
    labelNames: ['tool', 'outcome'],
    registers: [registry],
  });
  const callSeconds = new Histogram({
    name: 'mtslink_mcp_tool_call_duration_seconds',
    help: 'MCP tool call duration by tool.',
    labelNames: ['tool'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const api = new Counter({
    name: 'mtslink_api_requests_total',
    help: 'MTS Link API attempts by method and status (network_error, timeout: no answer).',
    labelNames: ['method', 'status'],
    registers: [registry],
  });
  const waits = new Histogram({
    name: 'mtslink_rate_limit_wait_seconds',
    help: 'Time API requests waited for a client-side rate-limit slot (only requests that waited).',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobsStarted = new Counter({
    name: 'mtslink_registration_jobs_started_total',
    help: 'Bulk registration jobs started in this instance.',
    registers: [registry],
  });
  const jobsFinished = new Counter({
    name: 'mtslink_registration_jobs_finished_total',
    help: 'Bulk registration jobs finished, by final state (done, failed, cancelled).',
    labelNames: ['state'],
    registers: [registry],
  });
  const jobsRunning = new Gauge({
    name: 'mtslink_registration_jobs_running',
    help: 'Bulk registration jobs running in this instance now.',
    registers: [registry],
  });

  const onCall = (m: unknown) => {
    const e = m as ToolCallEvent;
    calls.inc({ tool: e.tool, outcome: e.outcome });
    callSeconds.observe({ tool: e.tool }, e.seconds);
  };
  const onApi = (m: unknown) => {
    const e = m as ApiResponseEvent;
    api.inc({ method: e.method, status: e.status });
  };
  const onWait = (m: unknown) => waits.observe((m as RateLimitWaitEvent).seconds);
  const onJob = (m: unknown) => {
    jobsStarted.inc();
    jobsRunning.inc();
    void (m as JobEvent).finished
      .then(
        (state) => jobsFinished.inc({ state }),
        () => jobsFinished.inc({ state: 'failed' }),
      )
      .finally(() => jobsRunning.dec());
  };
  const subscriptions: [typeof toolCalls, (m: unknown) => void][] = [
    [toolCalls, onCall],
    [apiResponses, onApi],
    [rateLimitWaits, onWait],
    [registrationJobs, onJob],
  ];
  for (const [ch, fn] of subscriptions) ch.subscribe(fn);
  return {
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
    close: () => {
      for (const [ch, fn] of subscriptions) ch.unsubscribe(fn);
    },
  };
}
