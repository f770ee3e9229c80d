/**
 * Counts what an execution asks of Apps Script: service calls and the cells they move. Counting is
 * deterministic, so tests assert on counts ("a sidebar action costs a constant number of calls");
 * the performance model turns counts into an estimate of real seconds for the benchmark.
 */

/** How a call is priced by the performance model (docs/architecture.md, The performance model). */
export type CallKind =
  | 'sheets' // a Sheets round trip that moves no cells (getSheetByName, setFrozenRows, ...)
  | 'sheets.read' // getValues and friends: a round trip plus a price per cell
  | 'sheets.write' // setValues and friends
  | 'properties.read'
  | 'properties.write'
  | 'cache.read'
  | 'cache.write'
  | 'mail'
  | 'drive'
  | 'local'; // answered in-process (builders, Utilities, Logger): free

export interface MeterSnapshot {
  /** Calls per "Service.method" (e.g. "Range.getValues"). */
  calls: Record<string, number>;
  /** Calls per kind. */
  byKind: Record<CallKind, number>;
  totalCalls: number;
  /** Calls that cost a round trip (every kind but 'local'). */
  roundTrips: number;
  cellsRead: number;
  cellsWritten: number;
  emailsSent: number;
  /** Estimated wall time of the execution on real Apps Script, per the performance model. */
  estimatedMs: number;
}

/**
 * Public measurements (docs/architecture.md, The performance model); calibrate when a real
 * account is at hand.
 */
export const PERFORMANCE_MODEL = {
  executionStartMs: 800,
  sheetsRoundTripMs: 150,
  readPerCellMs: 0.03,
  writeRoundTripMs: 300,
  writePerCellMs: 0.06,
  propertiesReadMs: 30,
  propertiesWriteMs: 60,
  cacheReadMs: 3,
  cacheWriteMs: 90,
  emailMs: 1000,
  driveMs: 300,
} as const;

const KINDS: CallKind[] = [
  'sheets',
  'sheets.read',
  'sheets.write',
  'properties.read',
  'properties.write',
  'cache.read',
  'cache.write',
  'mail',
  'drive',
  'local',
];

export class ServiceMeter {
  private calls = new Map<string, number>();
  private byKind = new Map<CallKind, number>();
  private cellsRead = 0;
  private cellsWritten = 0;
  private emails = 0;
  private estimatedMs: number = PERFORMANCE_MODEL.executionStartMs;

  /**
   * Records one call. `cells` is the number of cells the call reads ('sheets.read') or writes
   * ('sheets.write'); `recipients` the number of mail recipients.
   */
  record(member: string, kind: CallKind, cells = 0): void {
    this.calls.set(member, (this.calls.get(member) ?? 0) + 1);
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
    const m = PERFORMANCE_MODEL;
    switch (kind) {
      case 'sheets':
        this.estimatedMs += m.sheetsRoundTripMs;
        break;
      case 'sheets.read':
        this.cellsRead += cells;
        this.estimatedMs += m.sheetsRoundTripMs + cells * m.readPerCellMs;
        break;
      case 'sheets.write':
        this.cellsWritten += cells;
        this.estimatedMs += m.writeRoundTripMs + cells * m.writePerCellMs;
        break;
      case 'properties.read':
        this.estimatedMs += m.propertiesReadMs;
        break;
      case 'properties.write':
        this.estimatedMs += m.propertiesWriteMs;
        break;
      case 'cache.read':
        this.estimatedMs += m.cacheReadMs;
        break;
      case 'cache.write':
        this.estimatedMs += m.cacheWriteMs;
        break;
      case 'mail':
        this.emails += 1;
        this.estimatedMs += m.emailMs;
        break;
      case 'drive':
        this.estimatedMs += m.driveMs;
        break;
      case 'local':
        break;
    }
  }

  /** Forgets everything counted so far (the runtime resets after building an event object). */
  reset(): void {
    this.calls.clear();
    this.byKind.clear();
    this.cellsRead = 0;
    this.cellsWritten = 0;
    this.emails = 0;
    this.estimatedMs = PERFORMANCE_MODEL.executionStartMs;
  }

  /** Time spent waiting (Utilities.sleep, lock waits) also counts toward the execution's time. */
  addWait(ms: number): void {
    this.estimatedMs += ms;
  }

  snapshot(): MeterSnapshot {
    const byKind = Object.fromEntries(KINDS.map((k) => [k, this.byKind.get(k) ?? 0])) as Record<CallKind, number>;
    const totalCalls = KINDS.reduce((n, k) => n + byKind[k], 0);
    return {
      calls: Object.fromEntries([...this.calls.entries()].sort(([a], [b]) => a.localeCompare(b))),
      byKind,
      totalCalls,
      roundTrips: totalCalls - byKind.local,
      cellsRead: this.cellsRead,
      cellsWritten: this.cellsWritten,
      emailsSent: this.emails,
      estimatedMs: Math.round(this.estimatedMs),
    };
  }
}
