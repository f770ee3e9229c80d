/** The sandbox server's JSON API, as the page calls it. */
import type {
  ActionResponse,
  EditResponse,
  MenuResponse,
  SandboxSnapshot,
  ScriptRunRequest,
  ScriptRunResponse,
} from '../protocol';

async function post<T>(route: string, body: unknown): Promise<T> {
  const response = await fetch(route, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const value = (await response.json()) as T;
  if (!response.ok) {
    const error = (value as { error?: string }).error;
    throw new Error(error ?? `${route}: HTTP ${response.status}`);
  }
  return value;
}

export const api = {
  async snapshot(user: string): Promise<SandboxSnapshot> {
    const response = await fetch(`/api/snapshot?user=${encodeURIComponent(user)}`);
    if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
    return (await response.json()) as SandboxSnapshot;
  },
  scriptRun: (request: ScriptRunRequest) => post<ScriptRunResponse>('/api/script-run', request),
  menu: (user: string, functionName: string) => post<MenuResponse>('/api/menu', { user, functionName }),
  select: (user: string, sheet: string, a1?: string) => post<ActionResponse>('/api/select', { user, sheet, a1 }),
  edit: (user: string, sheet: string, a1: string, value: string) =>
    post<EditResponse>('/api/edit', { user, sheet, a1, value }),
  advanceClock: (advanceMs: number) => post<ActionResponse>('/api/clock', { advanceMs }),
  fireTrigger: (id: string) => post<ActionResponse>('/api/trigger', { id }),
};
