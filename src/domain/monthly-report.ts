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
import { counts, effectiveStatus } from './growth-zone-lifecycle';
import { managerSummary, monthAt, type ManagerSummary } from './growth-zone-summary';
import type { CsiEntry, GrowthZone } from './growth-zones';
import type { Lang } from './i18n';
import { tServer, type ServerMessageKey } from './i18n/server';
import type { Ms } from './model';
import { isEmail, languageOf, leadEmails, normalizeEmail, type Settings } from './settings';
import { isoDate, wallTime } from './zoned-time';

/** How many teams the leads' email names for the lowest results (docs/product.md, Zones of growth and CSI). */
export const LOWEST_RESULTS_TEAMS = 3;

/** A calendar month in the workbook's zone: [day 1 00:00, the next day 1 00:00), 'YYYY-MM'. */
export type ReviewMonth = ReturnType<typeof monthAt>;

/** The month that ended last before the one holding `now`: what the day-1 review is about. */
export function monthEndedBefore(now: Ms, timeZone: string): ReviewMonth {
  return monthAt(monthAt(now, timeZone).start - 1, timeZone);
}

/** A team or manager name as a key: case and spacing do not make another team. */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A manager's month: the figures are managerSummary's row (growth-zone-summary.ts), the ones the
 * Zones of growth tab and the sidebar show; the entries behind them are listed in the leader's
 * email, with the rechecks due now.
 */
export interface ManagerMonth extends ManagerSummary {
  /** Counting entries logged in the month. */
  loggedEntries: GrowthZone[];
  /** Entries whose recheck found the error repeated, in the month. */
  repeatEntries: GrowthZone[];
  /** Entries waiting for their recheck now (a rejected appeal's entry too). */
  rechecksDue: GrowthZone[];
  /** CSI comments of the month. */
  csiEntries: CsiEntry[];
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
  const teams = new Map<string, { team: string; leaders: string[]; managers: Map<string, ManagerMonth> }>();
  const team = (name: string) => {
    const key = nameKey(name);
    let t = teams.get(key);
    if (!t) teams.set(key, (t = { team: name.trim(), leaders: [], managers: new Map() }));
    return t;
  };
  const addLeader = (name: string, email: string) => {
    const { leaders } = team(name);
    const e = normalizeEmail(email);
    if (isEmail(e) && !leaders.includes(e)) leaders.push(e);
  };
  for (const member of settings.team) {
    if (member.role === 'team_leader' && member.team.trim() !== '') addLeader(member.team, member.email);
  }
  for (const z of zones) addLeader(z.team, z.teamLeaderEmail);
  for (const row of managerSummary(zones, csi, month)) {
    team(row.team).managers.set(nameKey(row.manager), {
      ...row,
      loggedEntries: [],
      repeatEntries: [],
      rechecksDue: [],
      csiEntries: [],
    });
  }
  // The entries behind each row's figures (a manager with none has no row and nothing to list).
  const managerOf = (teamName: string, name: string) => teams.get(nameKey(teamName))?.managers.get(nameKey(name));
  for (const z of zones) {
    const m = managerOf(z.team, z.manager);
    if (!m || !counts(z)) continue;
    if (within(z.loggedAt, month)) m.loggedEntries.push(z);
    if (z.status === 'repeated' && within(z.closedAt, month)) m.repeatEntries.push(z);
    if (effectiveStatus(z) === 'recheck_due') m.rechecksDue.push(z);
  }
  for (const c of csi) if (within(c.at, month)) managerOf(c.team, c.manager)?.csiEntries.push(c);

  return [...teams]
    .map(([key, t]): TeamMonth => {
      const managers = [...t.managers.values()].sort(
        (a, b) => managerProblems(b) - managerProblems(a) || a.manager.localeCompare(b.manager),
      );
      const sum = (f: (m: ManagerMonth) => number) => managers.reduce((n, m) => n + f(m), 0);
      return {
        key,
        team: t.team,
        leaders: t.leaders,
        managers,
        logged: sum((m) => m.logged),
        repeats: sum((m) => m.repeats),
        rechecksDue: sum((m) => m.rechecksDue.length),
        csi: sum((m) => m.csi),
        problems: sum(managerProblems),
      };
    })
    .sort((a, b) => a.team.localeCompare(b.team));
}

function managerProblems(m: ManagerMonth): number {
  return m.logged + m.repeats + m.csi;
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
  const [year = '', number = ''] = month.label.split('-');
  return tServer(lang, 'monthly.month', {
    name: tServer(lang, `monthly.month.${Number(number)}` as ServerMessageKey),
    year,
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
            logged: m.logged,
            repeats: m.repeats,
            rechecks: m.rechecksDue.length,
            csi: m.csi,
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
      items: all((m) => m.repeatEntries).map(([t, z]) =>
        entry(t, z, [
          tServer(lang, 'monthly.fact.repeatedOn', { date: dateText(lang, z.closedAt ?? z.updatedAt, tz) }),
        ]),
      ),
    },
    {
      title: tServer(lang, 'monthly.section.logged', { month: monthText(lang, input.month) }),
      items: all((m) => m.loggedEntries).map(([t, z]) =>
        entry(t, z, [tServer(lang, 'monthly.fact.loggedOn', { date: dateText(lang, z.loggedAt, tz) })]),
      ),
    },
    {
      title: tServer(lang, 'monthly.section.csi'),
      items: all((m) => m.csiEntries).map(([t, c]) => ({
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
                .filter((m) => m.repeats > 0)
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
