/**
 * CSAT, NPS, first-contact resolution and incidents per 100 orders (docs/product.md, KPIs) against
 * figures counted by hand on a fixed set of cases (each expected number has its count beside it),
 * the empty and single-case edges, and properties over random cases.
 */
import fc from 'fast-check';
import { weekPeriod } from '../../src/domain/iso-week';
import {
  csat,
  firstContactResolution,
  incidentsPer100,
  incidentTrend,
  nps,
  periodKpis,
  weeksOfPeriod,
  type KpiCase,
} from '../../src/domain/kpi';
import { STATUSES } from '../../src/domain/model';
import { defaultSettings, type Settings } from '../../src/domain/settings';
import { kpiCase } from '../support/kpi-case';

const TZ = 'Europe/Moscow';
const at = (local: string) => Date.parse(`${local}+03:00`);
const week = (n: number) => weekPeriod({ year: 2026, week: n }, TZ);
const W47 = week(47); // 16–22 November 2026
const W48 = week(48); // 23–29 November 2026
const AS_OF = at('2026-11-30T09:00');

const AGENT = 'agent@cs.example';
const LEAD = 'lead@cs.example';
const OWNER = 'owner@prod.example';
const VIEWER = 'viewer@cs.example';

const settings: Settings = {
  ...defaultSettings('ru', TZ),
  team: [
    { email: AGENT, name: 'Агент', role: 'agent', team: 'КС' },
    { email: LEAD, name: 'Лид', role: 'lead', team: 'КС' },
    { email: OWNER, name: 'Владелец', role: 'owner', team: '' },
    { email: VIEWER, name: 'Наблюдатель', role: 'viewer', team: 'КС' },
  ],
};

/** A C case owned by production's owner unless said otherwise. */
const kase = (id: number, fields: Partial<KpiCase> & Pick<KpiCase, 'createdAt'>): KpiCase =>
  kpiCase(id, { criticality: 'C', ownerEmail: OWNER, ...fields });

/** Closed on `day` (resolved at 12:00, closed at 15:00), registered that day at 10:00. */
const closedOn = (id: number, day: string, fields: Partial<KpiCase>) =>
  kase(id, {
    status: 'closed',
    createdAt: at(`${day}T10:00`),
    resolvedAt: at(`${day}T12:00`),
    closedAt: at(`${day}T15:00`),
    ...fields,
  });

const CASES: KpiCase[] = [
  // s1: CSAT 5, NPS 10 (promoter); the agent owns it, never reopened: first contact.
  closedOn(1, '2026-11-23', { csat: 5, nps: 10, ownerEmail: AGENT }),
  // s2: CSAT 4, NPS 9 (promoter); handed to production's owner: not first contact.
  closedOn(2, '2026-11-24', { csat: 4, nps: 9, ownerEmail: OWNER }),
  // s3: CSAT 2, NPS 3 (detractor); a lead owns it (written in capitals) but it was reopened: not.
  closedOn(3, '2026-11-25', { csat: 2, nps: 3, ownerEmail: 'LEAD@cs.example', reopenCount: 1 }),
  // s4: no CSAT, NPS 7 (passive); the agent's: first contact.
  closedOn(4, '2026-11-26', { nps: 7, ownerEmail: AGENT }),
  // s5: CSAT 3, no NPS; a viewer is on the team but not client service: not first contact.
  closedOn(5, '2026-11-27', { csat: 3, ownerEmail: VIEWER }),
  // s6: cancelled: in no figure, whatever it holds.
  closedOn(6, '2026-11-27', { status: 'cancelled', csat: 1, nps: 0, ownerEmail: AGENT }),
  // s7: closed the week before: not in W48's scores (CSAT 1, NPS 0 there).
  closedOn(7, '2026-11-18', { csat: 1, nps: 0, ownerEmail: AGENT }),
  // s8: resolved in W48 by the agent, not closed: first contact, no scores.
  kase(8, {
    status: 'resolved',
    createdAt: at('2026-11-28T10:00'),
    resolvedAt: at('2026-11-28T11:00'),
    ownerEmail: AGENT,
  }),
  // s9: registered in W48, reopened and open: in no resolution figure.
  kase(9, { status: 'reopened', reopenCount: 1, createdAt: at('2026-11-29T10:00') }),
  // s10: registered in W47, open.
  kase(10, { status: 'in_progress', createdAt: at('2026-11-20T10:00') }),
];

describe('satisfaction and first contact in 2026-W48, counted by hand', () => {
  test('CSAT: (5 + 4 + 2 + 3) / 4 = 3.5 over the 4 scores of s1 s2 s3 s5 (s4 gave none; s6 cancelled; s7 in W47)', () => {
    expect(csat(CASES, W48)).toEqual({ value: 3.5, cases: 4 });
    expect(csat(CASES, W47)).toEqual({ value: 1, cases: 1 });
  });

  test('NPS: of 4 answers (s1 10, s2 9, s3 3, s4 7) 2 promoters and 1 detractor: (2 − 1) / 4 = +25', () => {
    expect(nps(CASES, W48)).toEqual({ value: 25, cases: 4, promoters: 2, detractors: 1 });
    // W47: s7's 0 alone: −100.
    expect(nps(CASES, W47)).toEqual({ value: -100, cases: 1, promoters: 0, detractors: 1 });
  });

  test('NPS never comes from CSAT: a case with a CSAT and no NPS answer adds nothing to NPS', () => {
    const onlyCsat = [closedOn(20, '2026-11-23', { csat: 5 })];
    expect(nps(onlyCsat, W48)).toEqual({ value: null, cases: 0, promoters: 0, detractors: 0 });
    expect(csat(onlyCsat, W48)).toEqual({ value: 5, cases: 1 });
  });

  test('first-contact resolution: 3 (s1 s4 s8) of the 6 resolved in W48 (s1 s2 s3 s4 s5 s8) = 50 %', () => {
    expect(firstContactResolution(CASES, W48, settings)).toEqual({ value: 50, cases: 6, firstContact: 3 });
  });

  test('periodKpis carries them', () => {
    const k = periodKpis(CASES, W48, settings, AS_OF);
    expect(k.csat).toEqual({ value: 3.5, cases: 4 });
    expect(k.nps.value).toBe(25);
    expect(k.firstContact.value).toBe(50);
  });
});

describe('incidents per 100 orders', () => {
  const orders = new Map([
    ['2026-W47', 40],
    ['2026-W48', 350],
  ]);

  test('W48: 7 registered (s1–s5, s8, s9; s6 cancelled) × 100 / 350 orders = 2', () => {
    expect(incidentsPer100(CASES, [W48], orders)).toEqual({
      value: 2,
      cases: 7,
      weeks: ['2026-W48'],
      orders: 350,
      missing: [],
      reason: null,
    });
  });

  test('W47 and W48 together: (2 + 7) × 100 / (40 + 350) orders', () => {
    const figure = incidentsPer100(CASES, [W47, W48], orders);
    expect(figure.cases).toBe(9); // s7 s10 in W47
    expect(figure.value).toBeCloseTo(900 / 390, 10);
  });

  test('a week without an order count: no figure, "no order count", and which weeks', () => {
    expect(incidentsPer100(CASES, [week(46), W47], orders)).toEqual({
      value: null,
      cases: 2,
      weeks: ['2026-W46', '2026-W47'],
      orders: null,
      missing: ['2026-W46'],
      reason: 'noOrderCount',
    });
  });

  test('a week of 0 orders is no figure either, never a division by zero', () => {
    const figure = incidentsPer100(CASES, [W48], new Map([['2026-W48', 0]]));
    expect(figure).toMatchObject({ value: null, cases: 7, orders: 0, reason: 'noOrders' });
  });

  test('the trend: week by week with the change against the week before', () => {
    const trend = incidentTrend(CASES, [week(46), W47, W48], orders, TZ);
    expect(trend.map((w) => [w.label, w.value, w.cases, w.change])).toEqual([
      ['2026-W46', null, 0, null], // no count
      ['2026-W47', 5, 2, null], // 2 × 100 / 40; the week before has no figure
      ['2026-W48', 2, 7, -3], // 7 × 100 / 350; 2 − 5
    ]);
  });

  test('the weeks of a period are the ISO weeks whose Thursday falls in it', () => {
    const november = { start: at('2026-11-01T00:00'), end: at('2026-12-01T00:00') };
    // W44's Thursday is 29 October, W49's 3 December.
    expect(weeksOfPeriod(november, TZ).map((w) => w.label)).toEqual(['2026-W45', '2026-W46', '2026-W47', '2026-W48']);
    const december = { start: at('2026-12-01T00:00'), end: at('2027-01-01T00:00') };
    // 2026 has 53 weeks; W53's Thursday is 31 December.
    expect(weeksOfPeriod(december, TZ).map((w) => w.label)).toEqual([
      '2026-W49',
      '2026-W50',
      '2026-W51',
      '2026-W52',
      '2026-W53',
    ]);
    expect(weeksOfPeriod(W48, TZ).map((w) => w.label)).toEqual(['2026-W48']);
    const fourWeeks = { start: week(44).start, end: W48.start };
    expect(weeksOfPeriod(fourWeeks, TZ).map((w) => w.label)).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47']);
  });

  test('periodKpis without the Orders tab: no order count', () => {
    expect(periodKpis(CASES, W48, settings, AS_OF).incidents).toMatchObject({ value: null, reason: 'noOrderCount' });
    expect(periodKpis(CASES, W48, settings, AS_OF, orders).incidents.value).toBe(2);
  });
});

describe('edges', () => {
  test('no cases: no data, never 0; with an order count, 0 incidents is a figure', () => {
    const k = periodKpis([], W48, settings, AS_OF, new Map([['2026-W48', 100]]));
    expect(k.csat).toEqual({ value: null, cases: 0 });
    expect(k.nps).toEqual({ value: null, cases: 0, promoters: 0, detractors: 0 });
    expect(k.firstContact).toEqual({ value: null, cases: 0, firstContact: 0 });
    expect(k.incidents).toMatchObject({ value: 0, cases: 0, orders: 100 });
  });

  test('one case: its own score and answer', () => {
    const [s3] = CASES.filter((c) => c.id === 'ARB-2026-00003');
    const k = periodKpis([s3!], W48, settings, AS_OF, new Map([['2026-W48', 50]]));
    expect(k.csat).toEqual({ value: 2, cases: 1 });
    expect(k.nps).toMatchObject({ value: -100, cases: 1 });
    expect(k.firstContact).toMatchObject({ value: 0, cases: 1 }); // reopened
    expect(k.incidents.value).toBe(2); // 1 × 100 / 50
  });
});

describe('properties over random cases', () => {
  const UTC = { ...defaultSettings('en', 'UTC'), team: settings.team };
  const period = weekPeriod({ year: 2026, week: 48 }, 'UTC');
  const moment = fc.integer({ min: period.start - 14 * 86_400_000, max: period.end + 7 * 86_400_000 });
  const maybe = fc.option(moment, { nil: null });
  const arbCase = fc
    .record({
      status: fc.constantFrom(...STATUSES),
      createdAt: moment,
      resolvedAt: maybe,
      closedAt: maybe,
      reopenCount: fc.integer({ min: 0, max: 2 }),
      ownerEmail: fc.constantFrom('', AGENT, LEAD, OWNER, VIEWER),
      csat: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
      nps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
    })
    .map((fields) => kase(1, fields));
  const arbCases = fc.array(arbCase, { maxLength: 40 });
  const arbOrders = fc.dictionary(
    fc.constantFrom('2026-W46', '2026-W47', '2026-W48'),
    fc.integer({ min: 0, max: 1000 }),
  );

  test('NPS in −100…100, CSAT in 1–5, FCR in 0–100, each null exactly when it rests on nothing', () => {
    fc.assert(
      fc.property(arbCases, (cases) => {
        const k = periodKpis(cases, period, UTC, period.end);
        expect(k.nps.cases === 0).toBe(k.nps.value === null);
        if (k.nps.value !== null) {
          expect(k.nps.value).toBeGreaterThanOrEqual(-100);
          expect(k.nps.value).toBeLessThanOrEqual(100);
        }
        expect(k.nps.promoters + k.nps.detractors).toBeLessThanOrEqual(k.nps.cases);
        expect(k.csat.cases === 0).toBe(k.csat.value === null);
        if (k.csat.value !== null) {
          expect(k.csat.value).toBeGreaterThanOrEqual(1);
          expect(k.csat.value).toBeLessThanOrEqual(5);
        }
        expect(k.firstContact.cases === 0).toBe(k.firstContact.value === null);
        expect(k.firstContact.firstContact).toBeLessThanOrEqual(k.firstContact.cases);
        if (k.firstContact.value !== null) expect(k.firstContact.value).toBeLessThanOrEqual(100);
      }),
      { numRuns: 200 },
    );
  });

  test('incidents per 100 orders: a figure exactly when every week has a count above 0, never negative', () => {
    fc.assert(
      fc.property(arbCases, arbOrders, (cases, counts) => {
        const orders = new Map(Object.entries(counts));
        const figure = incidentsPer100(cases, [period], orders);
        const count = orders.get(period.label);
        expect(figure.value === null).toBe(count === undefined || count === 0);
        expect(figure.reason).toBe(count === undefined ? 'noOrderCount' : count === 0 ? 'noOrders' : null);
        if (figure.value !== null) expect(figure.value).toBeCloseTo((100 * figure.cases) / (count as number), 10);
      }),
      { numRuns: 200 },
    );
  });
});
