/**
 * The per-manager summary of zones of growth and CSI (docs/product.md, Zones of growth and CSI):
 * what the summary tab, the sidebar's leader view and the monthly review show. One computation
 * for all three.
 */
import { counts, isOpenZone } from './growth-zone-lifecycle';
import type { CsiEntry, GrowthZone } from './growth-zones';
import type { Ms } from './model';
import type { Lang } from './i18n';
import { tZone } from './i18n/zones';
import { instantOf, wallTime } from './zoned-time';

/** A period [start, end): epoch ms, end excluded. */
export interface MonthPeriod {
  start: Ms;
  end: Ms;
}

export interface ManagerSummary {
  team: string;
  manager: string;
  /** Entries logged in the month that count (an accepted appeal does not). */
  logged: number;
  /** Entries whose recheck found the error repeated, recorded in the month. */
  repeats: number;
  /** Entries still open now (not passed, repeated or accepted), whenever logged. */
  open: number;
  /** CSI comments dated in the month. */
  csi: number;
}

const keyOf = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
const inPeriod = (ms: Ms | null, p: MonthPeriod) => ms !== null && ms >= p.start && ms < p.end;

/**
 * One row per manager (and team) with anything to show: entries logged this month that count,
 * repeats recorded this month, open entries, CSI comments this month. Managers are matched by
 * name and team, spacing and case ignored. Sorted by team, then manager; `team` keeps one team.
 */
export function managerSummary(
  zones: readonly GrowthZone[],
  csi: readonly CsiEntry[],
  month: MonthPeriod,
  team?: string,
): ManagerSummary[] {
  const rows = new Map<string, ManagerSummary>();
  const rowOf = (teamName: string, manager: string): ManagerSummary => {
    const key = `${keyOf(teamName)}\u0000${keyOf(manager)}`;
    let row = rows.get(key);
    if (!row) {
      row = { team: teamName.trim(), manager: manager.trim(), logged: 0, repeats: 0, open: 0, csi: 0 };
      rows.set(key, row);
    }
    return row;
  };
  const wanted = team === undefined ? null : keyOf(team);
  for (const zone of zones) {
    if (wanted !== null && keyOf(zone.team) !== wanted) continue;
    const isNew = inPeriod(zone.loggedAt, month) && counts(zone);
    const repeat = zone.status === 'repeated' && inPeriod(zone.closedAt, month);
    const open = isOpenZone(zone);
    if (!isNew && !repeat && !open) continue;
    const row = rowOf(zone.team, zone.manager);
    if (isNew) row.logged++;
    if (repeat) row.repeats++;
    if (open) row.open++;
  }
  for (const entry of csi) {
    if (wanted !== null && keyOf(entry.team) !== wanted) continue;
    if (inPeriod(entry.at, month)) rowOf(entry.team, entry.manager).csi++;
  }
  return [...rows.values()].sort((a, b) => a.team.localeCompare(b.team) || a.manager.localeCompare(b.manager));
}

/** The calendar month containing `at` on the wall clock of `timeZone`, and its label 'YYYY-MM'. */
export function monthAt(at: Ms, timeZone: string): MonthPeriod & { label: string } {
  const w = wallTime(at, timeZone);
  const nextYear = w.month === 12 ? w.year + 1 : w.year;
  const nextMonth = w.month === 12 ? 1 : w.month + 1;
  return {
    start: instantOf(timeZone, w.year, w.month, 1),
    end: instantOf(timeZone, nextYear, nextMonth, 1),
    label: `${w.year}-${String(w.month).padStart(2, '0')}`,
  };
}

/** The summary tab's content: values only, a rectangle, and which rows are titles and headers. */
export interface ZoneSummaryLayout {
  rows: Array<Array<string | number>>;
  width: number;
  /** 1-based rows in bold (the title, each team's line, the totals). */
  bold: number[];
  /** 1-based rows shaded as column headers. */
  headers: number[];
}

/**
 * One block per team (named with its team leader), a line per manager and the team's totals,
 * under a title with the month and when it was computed (docs/product.md, Zones of growth and
 * CSI). `leaderOf` names a team's leader (from Settings); `computedAt` is already written out.
 */
export function zoneSummaryLayout(
  summary: readonly ManagerSummary[],
  leaderOf: (team: string) => string,
  lang: Lang,
  monthLabel: string,
  computedAt: string,
  timeZone: string,
): ZoneSummaryLayout {
  const width = 5;
  const rows: Array<Array<string | number>> = [];
  const bold: number[] = [];
  const headers: number[] = [];
  const line = (cells: Array<string | number>) => {
    rows.push([...cells, ...Array.from({ length: width - cells.length }, () => '')]);
    return rows.length;
  };
  bold.push(line([tZone(lang, 'summary.title', { month: monthLabel })]));
  line([tZone(lang, 'summary.computed', { at: computedAt, zone: timeZone })]);
  if (summary.length === 0) {
    line([]);
    line([tZone(lang, 'summary.empty')]);
  }
  const teams = [...new Set(summary.map((r) => r.team))];
  for (const team of teams) {
    const members = summary.filter((r) => r.team === team);
    line([]);
    const leader = leaderOf(team) || tZone(lang, 'summary.noLeader');
    bold.push(line([tZone(lang, 'summary.team', { team: team || tZone(lang, 'summary.noTeam'), leader })]));
    headers.push(
      line(
        (['summary.manager', 'summary.logged', 'summary.repeats', 'summary.open', 'summary.csi'] as const).map((key) =>
          tZone(lang, key),
        ),
      ),
    );
    for (const r of members) line([r.manager, r.logged, r.repeats, r.open, r.csi]);
    const sum = (pick: (r: ManagerSummary) => number) => members.reduce((n, r) => n + pick(r), 0);
    bold.push(
      line([
        tZone(lang, 'summary.total'),
        sum((r) => r.logged),
        sum((r) => r.repeats),
        sum((r) => r.open),
        sum((r) => r.csi),
      ]),
    );
  }
  return { rows, width, bold, headers };
}
