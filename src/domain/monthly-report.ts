/**
 * The monthly review (docs/product.md, Zones of growth and CSI: the monthly review), for the
 * calendar month that ended before the run, in the workbook's time zone:
 * - each team leader gets their teams' month, per manager: the entries logged that month that
 *   count, the rechecks due now, the errors repeated that month, the CSI comments of the month;
 * - the CS leads get the teams to meet: those with a repeated error in the month, and those with
 *   the lowest results (`LOWEST_RESULTS_TEAMS` teams with the most problems in the month: counting
 *   entries logged, repeats and CSI comments; ties at the last place included), named with their
 *   leaders.
 * One email per person, in their language; nobody gets an email with nothing in it.
 */
import type { EmailDoc, EmailItem, EmailLink, EmailSection } from './email';
import { ZONE_FINAL_STATUSES, type CsiEntry, type GrowthZone } from './growth-zones';
import type { Lang } from './i18n';
import { tServer, type ServerMessageKey } from './i18n/server';
import type { Ms } from './model';
import { monthKey } from './schedule';
import { isEmail, languageOf, leadEmails, normalizeEmail, type Settings } from './settings';
import { isoDate, startOfLocalDay, wallTime } from './zoned-time';

/** How many teams the leads' email names for the lowest results (docs/product.md, Zones of growth and CSI). */
export const LOWEST_RESULTS_TEAMS = 3;

/** A calendar month placed in a time zone: [day 1 00:00, next month's day 1 00:00). */
export interface ReviewMonth {
  /** 'YYYY-MM'. */
  label: string;
  year: number;
  month: number;
  start: Ms;
  end: Ms;
}

export function reviewMonth(year: number, month: number, timeZone: string): ReviewMonth {
  const [ny, nm] = month === 12 ? [year + 1, 1] : [year, month + 1];
  return {
    label: monthKey(year, month),
    year,
    month,
    start: startOfLocalDay(timeZone, year, month, 1),
    end: startOfLocalDay(timeZone, ny, nm, 1),
  };
}

/** The month that ended last before the one holding `now`: what the day-1 review is about. */
export function monthEndedBefore(now: Ms, timeZone: string): ReviewMonth {
  const w = wallTime(now, timeZone);
  return w.month === 1 ? reviewMonth(w.year - 1, 12, timeZone) : reviewMonth(w.year, w.month - 1, timeZone);
}

/** Whether an entry counts against its manager: an accepted appeal takes it out. */
export function countsInReview(zone: GrowthZone): boolean {
  return zone.status !== 'accepted';
}

/** A team or manager name as a key: case and spacing do not make another team. */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

export interface ManagerMonth {
  manager: string;
  /** Counting entries logged in the month. */
  logged: GrowthZone[];
  /** Counting entries whose recheck found the error repeated, in the month. */
  repeats: GrowthZone[];
  /** Entries waiting for their recheck now. */
  rechecksDue: GrowthZone[];
  /** Counting entries not finished, whenever logged. */
  open: number;
  /** CSI comments of the month. */
  csi: CsiEntry[];
}

export interface TeamMonth {
  /** nameKey of the team. */
  key: string;
  /** The team as first written. */
  team: string;
  /** Its leaders: the Settings team leaders of the team, and every leader its entries name. */
  leaders: string[];
  managers: ManagerMonth[];
  logged: number;
  repeats: number;
  rechecksDue: number;
  csi: number;
  /** Problems of the month: counting entries logged, repeats and CSI comments (the lowest-results rule). */
  problems: number;
}

const within = (at: Ms | null, m: ReviewMonth) => at !== null && at >= m.start && at < m.end;

/** Every team's month, the teams in name order and their managers by problems, most first. */
export function monthlyTeams(
  zones: readonly GrowthZone[],
  csi: readonly CsiEntry[],
  settings: Settings,
  month: ReviewMonth,
): TeamMonth[] {
  const teams = new Map<string, TeamMonth & { byManager: Map<string, ManagerMonth> }>();
  const team = (name: string) => {
    const key = nameKey(name);
    let t = teams.get(key);
    if (!t) {
      t = {
        key,
        team: name.trim(),
        leaders: [],
        managers: [],
        logged: 0,
        repeats: 0,
        rechecksDue: 0,
        csi: 0,
        problems: 0,
        byManager: new Map(),
      };
      teams.set(key, t);
    }
    return t;
  };
  const manager = (t: ReturnType<typeof team>, name: string) => {
    const key = nameKey(name);
    let m = t.byManager.get(key);
    if (!m)
      t.byManager.set(key, (m = { manager: name.trim(), logged: [], repeats: [], rechecksDue: [], open: 0, csi: [] }));
    return m;
  };
  const addLeader = (t: TeamMonth, email: string) => {
    const e = normalizeEmail(email);
    if (isEmail(e) && !t.leaders.includes(e)) t.leaders.push(e);
  };
  for (const member of settings.team) {
    if (member.role === 'team_leader' && member.team.trim() !== '') addLeader(team(member.team), member.email);
  }
  for (const z of zones) {
    const t = team(z.team);
    addLeader(t, z.teamLeaderEmail);
    if (!countsInReview(z)) continue;
    const m = manager(t, z.manager);
    if (within(z.loggedAt, month)) m.logged.push(z);
    if (z.status === 'repeated' && within(z.closedAt, month)) m.repeats.push(z);
    if (z.status === 'recheck_due') m.rechecksDue.push(z);
    if (!ZONE_FINAL_STATUSES.includes(z.status)) m.open++;
  }
  for (const c of csi) if (within(c.at, month)) manager(team(c.team), c.manager).csi.push(c);

  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  return [...teams.values()]
    .map(({ byManager, ...t }): TeamMonth => {
      const managers = [...byManager.values()]
        .filter((m) => m.logged.length + m.repeats.length + m.rechecksDue.length + m.csi.length + m.open > 0)
        .map((m) => ({
          ...m,
          logged: m.logged.sort(byId),
          repeats: m.repeats.sort(byId),
          rechecksDue: m.rechecksDue.sort(byId),
          csi: m.csi.sort(byId),
        }))
        .sort((a, b) => managerProblems(b) - managerProblems(a) || a.manager.localeCompare(b.manager));
      const sum = (f: (m: ManagerMonth) => number) => managers.reduce((n, m) => n + f(m), 0);
      const logged = sum((m) => m.logged.length);
      const repeats = sum((m) => m.repeats.length);
      const csiCount = sum((m) => m.csi.length);
      return {
        ...t,
        managers,
        logged,
        repeats,
        rechecksDue: sum((m) => m.rechecksDue.length),
        csi: csiCount,
        problems: logged + repeats + csiCount,
      };
    })
    .sort((a, b) => a.team.localeCompare(b.team));
}

function managerProblems(m: ManagerMonth): number {
  return m.logged.length + m.repeats.length + m.csi.length;
}

/**
 * The teams with the lowest results: the `count` teams with the most problems in the month
 * (counting entries logged, repeats and CSI comments), every team tied with the last of them
 * included, a team with no problem never. Most problems first.
 */
export function lowestResultTeams(teams: readonly TeamMonth[], count = LOWEST_RESULTS_TEAMS): TeamMonth[] {
  const ranked = teams
    .filter((t) => t.problems > 0)
    .sort((a, b) => b.problems - a.problems || a.team.localeCompare(b.team));
  const last = ranked[count - 1];
  return last === undefined ? ranked : ranked.filter((t) => t.problems >= last.problems);
}

export interface MonthlyInput {
  zones: readonly GrowthZone[];
  csi: readonly CsiEntry[];
  settings: Settings;
  month: ReviewMonth;
  /** Entries this run moved to recheck_due (their leaders are told they just fell due). */
  newlyDue: ReadonlySet<string>;
  /** The Zones of growth tab, the emails' main link. */
  zonesUrl: string;
}

export interface MonthlyMail {
  to: string;
  doc: EmailDoc;
}

/** The month's emails: one per team leader and lead with something to read, none empty. */
export function monthlyEmails(input: MonthlyInput): MonthlyMail[] {
  const { settings, month } = input;
  const teams = monthlyTeams(input.zones, input.csi, settings, month);
  const leaders = new Map<string, TeamMonth[]>();
  for (const t of teams) for (const l of t.leaders) leaders.set(l, [...(leaders.get(l) ?? []), t]);
  const leads = leadEmails(settings);
  const repeated = teams.filter((t) => t.repeats > 0);
  const lowest = lowestResultTeams(teams);

  const mails: MonthlyMail[] = [];
  for (const to of [...new Set([...leaders.keys(), ...leads])].sort()) {
    const lang = languageOf(settings, to);
    const own = leaders.get(to) ?? [];
    const asLeader = leaderSections(lang, own, input).filter((s) => s.items.length > 0);
    const asLead = leads.includes(to) ? leadSections(lang, repeated, lowest).filter((s) => s.items.length > 0) : [];
    if (asLeader.length === 0 && asLead.length === 0) continue;
    const isLead = asLead.length > 0;
    const params = { month: monthText(lang, month) };
    const intro = [
      ...(asLeader.length > 0
        ? [tServer(lang, 'monthly.intro.leader', { ...params, teams: own.map((t) => t.team || '—').join(', ') })]
        : []),
      ...(isLead ? [meetingText(lang, repeated, lowest)] : []),
    ].join(' ');
    const link: EmailLink = { url: input.zonesUrl, label: tServer(lang, 'monthly.openZones') };
    mails.push({
      to,
      doc: {
        lang,
        subject: tServer(lang, isLead ? 'monthly.subject.lead' : 'monthly.subject.leader', params),
        title: tServer(lang, isLead ? 'monthly.title.lead' : 'monthly.title.leader', params),
        intro,
        sections: [...asLeader, ...asLead],
        link,
        footer: tServer(lang, 'email.footer'),
      },
    });
  }
  return mails;
}

/** 'ноябрь 2026', 'November 2026'. */
export function monthText(lang: Lang, month: ReviewMonth): string {
  return tServer(lang, 'monthly.month', {
    name: tServer(lang, `monthly.month.${month.month}` as ServerMessageKey),
    year: month.year,
  });
}

function dateText(lang: Lang, at: Ms, timeZone: string): string {
  const w = wallTime(at, timeZone);
  const date = isoDate(w.year, w.month, w.day);
  return lang === 'ru' ? date.split('-').reverse().join('.') : date;
}

/** A team leader's sections: who, then what is due now, what repeated, what was logged, CSI. */
function leaderSections(lang: Lang, teams: readonly TeamMonth[], input: MonthlyInput): EmailSection[] {
  const tz = input.settings.calendar.timeZone;
  const several = teams.length > 1;
  const withTeam = (t: TeamMonth, title: string) => (several ? `${title} · ${t.team || '—'}` : title);
  // No tone: the renderer's words for it ("overdue", "at risk") are about a case's clocks.
  const entry = (t: TeamMonth, z: GrowthZone, facts: string[]): EmailItem => ({
    title: withTeam(t, [z.id, z.manager.trim()].filter(Boolean).join(' · ')),
    facts: [
      tServer(lang, `monthly.category.${z.category}` as ServerMessageKey),
      ...(z.standard.trim() ? [tServer(lang, 'monthly.fact.standard', { standard: z.standard.trim() })] : []),
      ...facts,
    ],
    text: z.description,
  });
  const all = <T>(pick: (m: ManagerMonth) => T[]) =>
    teams.flatMap((t) => t.managers.flatMap((m) => pick(m).map((x) => [t, x] as const)));
  const summary: EmailItem[] = teams.flatMap((t) =>
    t.managers
      .filter((m) => managerProblems(m) + m.rechecksDue.length > 0)
      .map((m) => ({
        title: withTeam(t, m.manager || '—'),
        facts: [
          tServer(lang, 'monthly.fact.counts', {
            logged: m.logged.length,
            repeats: m.repeats.length,
            rechecks: m.rechecksDue.length,
            csi: m.csi.length,
            open: m.open,
          }),
        ],
      })),
  );
  return [
    { title: tServer(lang, 'monthly.section.managers'), items: summary },
    {
      title: tServer(lang, 'monthly.section.rechecks'),
      items: all((m) => m.rechecksDue).map(([t, z]) =>
        entry(t, z, [
          ...(z.briefingHeldAt !== null
            ? [tServer(lang, 'monthly.fact.briefingHeld', { date: dateText(lang, z.briefingHeldAt, tz) })]
            : []),
          ...(z.recheckAt !== null
            ? [tServer(lang, 'monthly.fact.recheckAt', { date: dateText(lang, z.recheckAt, tz) })]
            : []),
          ...(input.newlyDue.has(z.id) ? [tServer(lang, 'monthly.fact.newlyDue')] : []),
        ]),
      ),
    },
    {
      title: tServer(lang, 'monthly.section.repeats'),
      items: all((m) => m.repeats).map(([t, z]) =>
        entry(t, z, [
          tServer(lang, 'monthly.fact.repeatedOn', { date: dateText(lang, z.closedAt ?? z.updatedAt, tz) }),
        ]),
      ),
    },
    {
      title: tServer(lang, 'monthly.section.logged', { month: monthText(lang, input.month) }),
      items: all((m) => m.logged).map(([t, z]) =>
        entry(t, z, [tServer(lang, 'monthly.fact.loggedOn', { date: dateText(lang, z.loggedAt, tz) })]),
      ),
    },
    {
      title: tServer(lang, 'monthly.section.csi'),
      items: all((m) => m.csi).map(([t, c]) => ({
        title: withTeam(t, [c.id, c.manager.trim()].filter(Boolean).join(' · ')),
        facts: [
          tServer(lang, 'monthly.fact.csi', { date: dateText(lang, c.at, tz), score: c.score }),
          ...[c.caseId, c.orderNo].filter((x) => x.trim() !== ''),
        ],
        text: c.comment,
      })),
    },
  ];
}

/** The leads' sections: the teams with repeated errors, and those with the lowest results. */
function leadSections(lang: Lang, repeated: readonly TeamMonth[], lowest: readonly TeamMonth[]): EmailSection[] {
  const item = (t: TeamMonth): EmailItem => ({
    title: t.team || '—',
    facts: [
      tServer(lang, 'monthly.fact.leaders', { leaders: t.leaders.join(', ') || tServer(lang, 'monthly.noLeader') }),
      tServer(lang, 'monthly.fact.teamCounts', {
        logged: t.logged,
        repeats: t.repeats,
        csi: t.csi,
        problems: t.problems,
      }),
      ...(t.repeats > 0
        ? [
            tServer(lang, 'monthly.fact.repeatedBy', {
              managers: t.managers
                .filter((m) => m.repeats.length > 0)
                .map((m) => m.manager)
                .join(', '),
            }),
          ]
        : []),
    ],
  });
  return [
    { title: tServer(lang, 'monthly.section.repeatedTeams'), items: repeated.map(item) },
    {
      title: tServer(lang, 'monthly.section.lowestTeams', { count: LOWEST_RESULTS_TEAMS }),
      items: lowest.map(item),
    },
  ];
}

/** The proposal to the leads: meet the leaders of the teams named. */
function meetingText(lang: Lang, repeated: readonly TeamMonth[], lowest: readonly TeamMonth[]): string {
  const named = [...new Map([...repeated, ...lowest].map((t) => [t.key, t])).values()];
  const leaders = [...new Set(named.flatMap((t) => t.leaders))];
  return tServer(lang, 'monthly.intro.lead', {
    teams: named.map((t) => t.team || '—').join(', '),
    leaders: leaders.join(', ') || tServer(lang, 'monthly.noLeader'),
  });
}
