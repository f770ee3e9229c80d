/**
 * The Zones of growth summary tab (docs/product.md, Zones of growth and CSI): the month's
 * per-manager summary, one block per team with its team leader named, generated as values. One
 * read of each of the two tabs, one write of the block, a few style calls; whatever the number of
 * entries. The daily job calls it, after the dashboard.
 */
import { managerSummary, monthAt, zoneSummaryLayout } from '../domain/growth-zone-summary';
import { normalizeEmail, type Settings } from '../domain/settings';
import { columnLetter } from './a1';
import { ZONE_SUMMARY } from './schema';
import { toCell } from './table';
import { findSheet, type Workbook } from './workbook';
import { readCsiEntries, readGrowthZones } from './zones-tab';

const HEADER_BACKGROUND = '#e8eaed';

export interface ZoneSummaryWritten {
  name: string;
  /** Manager lines written. */
  managers: number;
  /** Rows of the two tabs a person broke, left out of the figures. */
  problems: number;
}

export function refreshZoneSummary(wb: Workbook, settings: Settings, now: number): ZoneSummaryWritten {
  const { zones, problems: zoneProblems } = readGrowthZones(wb);
  const { entries, problems: csiProblems } = readCsiEntries(wb);
  const month = monthAt(now, wb.timeZone);
  const summary = managerSummary(zones, entries, month);
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  // A team's leader: the team leader Settings names for it; else the one its newest entry names.
  const leaderOf = (team: string): string => {
    const member = settings.team.find((m) => m.role === 'team_leader' && team && same(m.team, team));
    if (member) return member.name ? `${member.name} (${member.email})` : member.email;
    const newest = zones.filter((z) => same(z.team, team)).sort((a, b) => b.loggedAt - a.loggedAt)[0];
    if (!newest?.teamLeaderEmail) return '';
    const named = settings.team.find((m) => normalizeEmail(m.email) === newest.teamLeaderEmail);
    return named?.name ? `${named.name} (${named.email})` : newest.teamLeaderEmail;
  };
  const computedAt = Utilities.formatDate(new Date(now), wb.timeZone, 'yyyy-MM-dd HH:mm');
  const layout = zoneSummaryLayout(summary, leaderOf, wb.lang, month.label, computedAt, wb.timeZone);

  const sheet = findSheet(wb.ss, ZONE_SUMMARY, wb.lang) ?? wb.ss.insertSheet(ZONE_SUMMARY[wb.lang]);
  if (sheet.getName() !== ZONE_SUMMARY[wb.lang] && !wb.ss.getSheetByName(ZONE_SUMMARY[wb.lang]))
    sheet.setName(ZONE_SUMMARY[wb.lang]);
  sheet.clear();
  const rows = layout.rows.length;
  const max = sheet.getMaxRows();
  if (rows > max) sheet.insertRowsAfter(max, rows - max);
  sheet.getRange(1, 1, rows, layout.width).setValues(layout.rows.map((row) => row.map((v) => toCell(v))));
  const a1 = (row: number) => `A${row}:${columnLetter(layout.width)}${row}`;
  if (layout.bold.length > 0) sheet.getRangeList(layout.bold.map(a1)).setFontWeight('bold');
  if (layout.headers.length > 0) {
    const headers = sheet.getRangeList(layout.headers.map(a1));
    headers.setFontWeight('bold');
    headers.setBackground(HEADER_BACKGROUND);
  }
  return { name: sheet.getName(), managers: summary.length, problems: zoneProblems + csiProblems };
}
