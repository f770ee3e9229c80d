// TEMPORARY (deleted when the zones API lands on main): the shapes of the zones API as announced.
import type {
  CsiEntry,
  CsiInput,
  GrowthZone,
  GrowthZoneInput,
  GrowthZoneStep,
  ZoneStatus,
} from '../domain/growth-zones';
import type { EventView, Iso } from '../server/contract';
import { rpc } from './rpc';

export type GrowthZoneView = Omit<
  GrowthZone,
  'loggedAt' | 'updatedAt' | 'briefingAt' | 'briefingHeldAt' | 'recheckAt' | 'closedAt'
> & {
  loggedAt: Iso;
  updatedAt: Iso;
  briefingAt: Iso | null;
  briefingHeldAt: Iso | null;
  recheckAt: Iso | null;
  closedAt: Iso | null;
  transitions: ZoneStatus[];
  counts: boolean;
  recheckDue: boolean;
};
export type CsiView = Omit<CsiEntry, 'at' | 'loggedAt'> & { at: Iso; loggedAt: Iso };
export interface ManagerSummaryView {
  manager: string;
  team: string;
  logged: number;
  repeats: number;
  open: number;
  csi: number;
}
export interface ZoneApi {
  apiLogGrowthZone: (input: GrowthZoneInput) => GrowthZoneView;
  apiMoveGrowthZone: (id: string, body: GrowthZoneStep & { version: number }) => GrowthZoneView;
  apiListGrowthZones: (q: {
    team?: string;
    status?: ZoneStatus;
    open?: boolean;
    text?: string;
    offset?: number;
    limit?: number;
  }) => { items: GrowthZoneView[]; total: number; teams: string[]; myTeam: string | null };
  apiGetGrowthZone: (id: string) => GrowthZoneView & { events: EventView[] };
  apiLogCsi: (input: CsiInput) => CsiView;
  apiListCsi: (q: { team?: string; manager?: string; text?: string; offset?: number; limit?: number }) => {
    items: CsiView[];
    total: number;
  };
  apiZoneSummary: (q: { team?: string }) => { month: string; rows: ManagerSummaryView[] };
}
export function zrpc<K extends keyof ZoneApi>(
  name: K,
  ...args: Parameters<ZoneApi[K]>
): Promise<ReturnType<ZoneApi[K]>> {
  return (rpc as unknown as (n: string, ...a: unknown[]) => Promise<ReturnType<ZoneApi[K]>>)(name, ...args);
}
