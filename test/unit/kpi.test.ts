/**
 * The KPIs against figures counted by hand on a fixed set of cases (each expected number has its
 * count beside it), the empty and single-case edges, and properties over random cases:
 * percentages within 0–100 and null exactly when nothing is counted, medians within the values,
 * counts that add up across figures.
 */
import fc from 'fast-check';
import {
  bottleneck,
  bypassShare,
  departmentLoad,
  firstResponseSla,
  median,
  percentile,
  periodKpis,
  preventionByCause,
  reopenRate,
  resolvedIn,
  rootCauses,
  timeToClose,
  type KpiCase,
} from '../../src/domain/kpi';
import { weekPeriod } from '../../src/domain/iso-week';
import { defaultSettings } from '../../src/domain/settings';
import { CRITICALITIES, STATUSES } from '../../src/domain/model';
import { kpiCase } from '../support/kpi-case';

const TZ = 'Europe/Moscow';
/** Moscow wall time → ms. */
const at = (local: string) => Date.parse(`${local}+03:00`);

// Default calendar (Mon–Fri 09–21, Sat 10–19, Sun 10–18) and targets: first response A 30, B 120,
// C 480 business minutes; resolution A 480, B 1440, C 2400.
const settings = defaultSettings('ru', TZ);
const W48 = weekPeriod({ year: 2026, week: 48 }, TZ); // Mon 23 – Sun 29 November 2026
const W47 = weekPeriod({ year: 2026, week: 47 }, TZ);
/** The Monday report runs at 09:00 on 30 November. */
const AS_OF = at('2026-11-30T09:00');

const PROD = 'Производство';
const STOCK = 'Склад';
const LOGISTICS = 'Логистика';
const DEFECT = 'Производственный брак';
const PICKING = 'Ошибка комплектации на складе';
const TRANSIT = 'Повреждение при перевозке';
const DELIVERY = 'Нарушение срока доставки';

/** Production's B case unless said otherwise. */
const kase = kpiCase;

/** Due times below are counted by hand on the default calendar. */
const CASES: KpiCase[] = [
  // c1 A: answered in 20 min; resolved Mon 10:00→14:00 = 4 h, due Mon 18:00 (480 min): on time.
  kase(1, {
    criticality: 'A',
    ownerDept: PROD,
    status: 'closed',
    createdAt: at('2026-11-23T10:00'),
    dueFirstResponseAt: at('2026-11-23T10:30'),
    firstResponseAt: at('2026-11-23T10:20'),
    dueAt: at('2026-11-23T18:00'),
    resolvedAt: at('2026-11-23T14:00'),
    closedAt: at('2026-11-23T15:00'),
    rootCause: DEFECT,
    prevention: 'Проверка кромки',
  }),
  // c2 A: answered late (11:00 > 10:30); resolved Tue 10:00 → Wed 10:00 = 660 + 60 = 720 min = 12 h,
  // due Tue 18:00: late.
  kase(2, {
    criticality: 'A',
    ownerDept: STOCK,
    status: 'closed',
    createdAt: at('2026-11-24T10:00'),
    dueFirstResponseAt: at('2026-11-24T10:30'),
    firstResponseAt: at('2026-11-24T11:00'),
    dueAt: at('2026-11-24T18:00'),
    resolvedAt: at('2026-11-25T10:00'),
    closedAt: at('2026-11-25T11:00'),
    rootCause: PICKING,
    prevention: 'Двойная проверка комплекта',
  }),
  // c3 B: answered in time; 60 min waiting; resolved Tue 12:00→16:00 = 240 − 60 = 180 min = 3 h; due
  // (1440 + 60 min) Thu 13:00: on time.
  kase(3, {
    ownerDept: PROD,
    status: 'closed',
    createdAt: at('2026-11-24T12:00'),
    dueFirstResponseAt: at('2026-11-24T14:00'),
    firstResponseAt: at('2026-11-24T12:30'),
    pausedMinutes: 60,
    dueAt: at('2026-11-26T13:00'),
    resolvedAt: at('2026-11-24T16:00'),
    closedAt: at('2026-11-24T17:00'),
    rootCause: DEFECT,
    prevention: 'Проверка кромки',
  }),
  // c4 B: never answered, first response due Wed 12:00 (a breach at AS_OF); resolution due Fri 10:00
  // (Wed 660 + Thu 720 + Fri 60): overdue at AS_OF.
  kase(4, {
    ownerDept: LOGISTICS,
    status: 'in_progress',
    createdAt: at('2026-11-25T10:00'),
    dueFirstResponseAt: at('2026-11-25T12:00'),
    dueAt: at('2026-11-27T10:00'),
  }),
  // c5 C, past client service: registered Sun 17:00, first response due Mon 30 16:00 (Sun 60 + Mon
  // 420): pending at AS_OF, not overdue.
  kase(5, {
    criticality: 'C',
    ownerDept: LOGISTICS,
    bypass: true,
    createdAt: at('2026-11-29T17:00'),
    dueFirstResponseAt: at('2026-11-30T16:00'),
    dueAt: at('2026-12-03T15:00'),
  }),
  // c6 B, registered the week before, reopened Mon 23 11:00: resolution due Wed 11:00 (Mon 600 +
  // Tue 720 + Wed 120): open and overdue at AS_OF.
  kase(6, {
    ownerDept: PROD,
    status: 'reopened',
    reopenCount: 1,
    createdAt: at('2026-11-19T10:00'),
    dueFirstResponseAt: at('2026-11-19T12:00'),
    firstResponseAt: at('2026-11-19T10:10'),
    resolutionStartAt: at('2026-11-23T11:00'),
    dueAt: at('2026-11-25T11:00'),
  }),
  // c7 C, past client service: resolved Thu 10:00 → Fri 10:00 = 660 + 60 = 12 h, due Sun 18:00: on
  // time; resolved, not closed (no root cause yet).
  kase(7, {
    criticality: 'C',
    ownerDept: STOCK,
    bypass: true,
    status: 'resolved',
    createdAt: at('2026-11-26T10:00'),
    dueFirstResponseAt: at('2026-11-26T18:00'),
    firstResponseAt: at('2026-11-26T11:00'),
    dueAt: at('2026-11-29T18:00'),
    resolvedAt: at('2026-11-27T10:00'),
  }),
  // c8: cancelled, so in no figure (though flagged past client service and never answered).
  kase(8, {
    ownerDept: STOCK,
    bypass: true,
    status: 'cancelled',
    createdAt: at('2026-11-27T10:00'),
    dueFirstResponseAt: at('2026-11-27T12:00'),
  }),
  // c9–c11: closed the week before (W47), for the change of the root causes.
  kase(9, {
    criticality: 'A',
    status: 'closed',
    createdAt: at('2026-11-17T10:00'),
    firstResponseAt: at('2026-11-17T10:05'),
    resolvedAt: at('2026-11-17T12:00'),
    closedAt: at('2026-11-17T13:00'),
    dueAt: at('2026-11-17T18:00'),
    rootCause: TRANSIT,
  }),
  kase(10, {
    ownerDept: STOCK,
    status: 'closed',
    createdAt: at('2026-11-18T10:00'),
    firstResponseAt: at('2026-11-18T10:05'),
    resolvedAt: at('2026-11-18T12:00'),
    closedAt: at('2026-11-18T13:00'),
    dueAt: at('2026-11-19T10:00'),
    rootCause: PICKING,
  }),
  kase(11, {
    ownerDept: LOGISTICS,
    status: 'closed',
    createdAt: at('2026-11-19T10:00'),
    firstResponseAt: at('2026-11-19T10:05'),
    resolvedAt: at('2026-11-19T12:00'),
    closedAt: at('2026-11-19T13:00'),
    dueAt: at('2026-11-20T10:00'),
    rootCause: PICKING,
  }),
  // c12 C: answered Mon 09:05 (due 17:00); resolved, reopened at Mon 12:00, resolved again at 20:00
  // = 480 min = 8 h on the current clock; due far later: on time; closed Tue.
  kase(12, {
    criticality: 'C',
    ownerDept: LOGISTICS,
    status: 'closed',
    reopenCount: 1,
    createdAt: at('2026-11-23T09:00'),
    dueFirstResponseAt: at('2026-11-23T17:00'),
    firstResponseAt: at('2026-11-23T09:05'),
    resolutionStartAt: at('2026-11-23T12:00'),
    dueAt: at('2026-11-26T16:00'),
    resolvedAt: at('2026-11-23T20:00'),
    closedAt: at('2026-11-24T09:00'),
    rootCause: DELIVERY,
  }),
];

describe('KPIs of 2026-W48 on the hand-counted cases', () => {
  test('first-response SLA: 4 on time of 6 decided (c1 c3 c7 c12 of c1 c2 c3 c4 c7 c12); c5 pending', () => {
    const figure = firstResponseSla(CASES, W48, AS_OF);
    expect(figure).toEqual({ value: expect.closeTo(66.667, 2), cases: 6, met: 4, pending: 1 });
  });

  test('time to close: A 4 h and 12 h; B 3 h; C 12 h and 8 h', () => {
    const times = timeToClose(CASES, W48, settings);
    // A: c1 4 h on time, c2 12 h late → median 8, p90 (2nd of 2) 12, 1 of 2 within target.
    expect(times.A).toEqual({ cases: 2, medianHours: 8, p90Hours: 12, withinTarget: { value: 50, cases: 2 }, late: 1 });
    // B: c3 alone (3 h, on time). c4 and c6 are not resolved.
    expect(times.B).toEqual({ cases: 1, medianHours: 3, p90Hours: 3, withinTarget: { value: 100, cases: 1 }, late: 0 });
    // C: c7 12 h, c12 8 h → median 10, p90 12, both on time.
    expect(times.C).toEqual({
      cases: 2,
      medianHours: 10,
      p90Hours: 12,
      withinTarget: { value: 100, cases: 2 },
      late: 0,
    });
  });

  test('reopen rate: 2 (c6, c12) of 6 (resolved c1 c2 c3 c7 c12, reopened and open c6)', () => {
    expect(reopenRate(CASES, W48)).toEqual({ value: expect.closeTo(33.333, 2), cases: 6, reopened: 2 });
  });

  test('past client service: 2 (c5, c7) of 7 registered (c1 c2 c3 c4 c5 c7 c12; c8 cancelled)', () => {
    expect(bypassShare(CASES, W48)).toEqual({ value: expect.closeTo(28.571, 2), cases: 7, bypassed: 2 });
  });

  test('per department, and the bottleneck', () => {
    const rows = departmentLoad(CASES, W48, settings, AS_OF);
    expect(rows).toEqual([
      // Production: registered c1 c3; open c6 (overdue); resolved c1 4 h, c3 3 h → median 3.5.
      {
        department: PROD,
        registered: 2,
        open: 1,
        overdue: 1,
        resolved: 2,
        resolvedLate: 0,
        medianHours: 3.5,
        withinTarget: { value: 100, cases: 2 },
      },
      // Warehouse: registered c2 c7 (c8 cancelled); none open; resolved c2 12 h late, c7 12 h.
      {
        department: STOCK,
        registered: 2,
        open: 0,
        overdue: 0,
        resolved: 2,
        resolvedLate: 1,
        medianHours: 12,
        withinTarget: { value: 50, cases: 2 },
      },
      // Logistics: registered c4 c5 c12; open c4 (overdue) and c5; resolved c12 8 h.
      {
        department: LOGISTICS,
        registered: 3,
        open: 2,
        overdue: 1,
        resolved: 1,
        resolvedLate: 0,
        medianHours: 8,
        withinTarget: { value: 100, cases: 1 },
      },
    ]);
    // Each has one case past its target; the warehouse resolved the smaller share within target.
    expect(bottleneck(rows)?.department).toBe(STOCK);
  });

  test('root causes: closed in W48 c1 c3 defect, c2 picking, c12 delivery; in W47 c9 transit, c10 c11 picking', () => {
    expect(rootCauses(CASES, W48, W47)).toEqual({
      total: 4,
      previousTotal: 3,
      rows: [
        { cause: DEFECT, count: 2, share: 50, previous: 0, change: 2 },
        // A tie at 1: the cause that was more frequent the week before first.
        { cause: PICKING, count: 1, share: 25, previous: 2, change: -1 },
        { cause: DELIVERY, count: 1, share: 25, previous: 0, change: 1 },
        { cause: TRANSIT, count: 0, share: 0, previous: 1, change: -1 },
      ],
    });
  });

  test('prevention by cause: one action for c1 and c3, one for c2; c12 recorded none', () => {
    expect(preventionByCause(CASES, W48)).toEqual([
      { cause: DEFECT, actions: [{ text: 'Проверка кромки', caseIds: ['ARB-2026-00001', 'ARB-2026-00003'] }] },
      { cause: PICKING, actions: [{ text: 'Двойная проверка комплекта', caseIds: ['ARB-2026-00002'] }] },
    ]);
  });
});

describe('edges', () => {
  test('no cases: every figure says no data, not 0', () => {
    const k = periodKpis([], W48, settings, AS_OF);
    expect(k.firstResponse).toEqual({ value: null, cases: 0, met: 0, pending: 0 });
    expect(k.timeToClose.A).toEqual({
      cases: 0,
      medianHours: null,
      p90Hours: null,
      withinTarget: { value: null, cases: 0 },
      late: 0,
    });
    expect(k.reopen.value).toBeNull();
    expect(k.bypass.value).toBeNull();
    expect(k.departments).toEqual([]);
    expect(k.bottleneck).toBeNull();
    expect(rootCauses([], W48, W47)).toEqual({ total: 0, previousTotal: 0, rows: [] });
  });

  test('one case: its own figures, and 0 % is a figure when a case rests under it', () => {
    const [c2] = CASES.filter((c) => c.id === 'ARB-2026-00002');
    const k = periodKpis([c2!], W48, settings, AS_OF);
    expect(k.firstResponse).toMatchObject({ value: 0, cases: 1 });
    expect(k.timeToClose.A).toMatchObject({ cases: 1, medianHours: 12, p90Hours: 12, withinTarget: { value: 0 } });
    expect(k.bypass).toMatchObject({ value: 0, cases: 1 });
    expect(k.bottleneck?.department).toBe(STOCK);
  });

  test('median and nearest-rank p90', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentile([5], 0.9)).toBe(5);
    expect(median([])).toBeNull();
  });
});

describe('properties over random cases', () => {
  const UTC = defaultSettings('en', 'UTC');
  const period = weekPeriod({ year: 2026, week: 48 }, 'UTC');
  const span = { min: period.start - 14 * 86_400_000, max: period.end + 7 * 86_400_000 };
  const moment = fc.integer(span);
  const maybe = fc.option(moment, { nil: null });
  const arbCase: fc.Arbitrary<KpiCase> = fc.record({
    id: fc.integer({ min: 1, max: 99_999 }).map((n) => `ARB-2026-${String(n).padStart(5, '0')}`),
    status: fc.constantFrom(...STATUSES),
    criticality: fc.constantFrom(...CRITICALITIES),
    ownerDept: fc.constantFrom('Production', 'Warehouse', 'Elsewhere'),
    bypass: fc.boolean(),
    createdAt: moment,
    dueFirstResponseAt: moment,
    firstResponseAt: maybe,
    resolutionStartAt: moment,
    pausedMinutes: fc.integer({ min: 0, max: 2000 }),
    waitingSince: maybe,
    dueAt: moment,
    resolvedAt: maybe,
    closedAt: maybe,
    rootCause: fc.constantFrom('', 'Defect', 'Transit', 'Picking'),
    prevention: fc.constantFrom('', 'Check', 'Train'),
    reopenCount: fc.integer({ min: 0, max: 3 }),
    ownerEmail: fc.constantFrom('', 'agent@example.com', 'owner@example.com'),
    csat: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    nps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
  });
  const arbCases = fc.array(arbCase, { maxLength: 40 });
  const previous = weekPeriod({ year: 2026, week: 47 }, 'UTC');

  const isPercent = (f: { value: number | null; cases: number }) =>
    f.cases === 0 ? f.value === null : f.value !== null && f.value >= 0 && f.value <= 100;

  test('percentages lie in 0–100, and are null exactly when nothing is counted', () => {
    fc.assert(
      fc.property(arbCases, moment, (cases, asOf) => {
        const k = periodKpis(cases, period, UTC, asOf);
        const figures = [
          k.firstResponse,
          k.reopen,
          k.bypass,
          k.firstContact,
          ...CRITICALITIES.map((c) => k.timeToClose[c].withinTarget),
          ...k.departments.map((d) => d.withinTarget),
        ];
        for (const figure of figures) expect(isPercent(figure)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  test('medians and p90 lie within the values, median ≤ p90', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1 }), (values) => {
        const m = median(values) as number;
        const p = percentile(values, 0.9) as number;
        expect(m).toBeGreaterThanOrEqual(Math.min(...values));
        expect(m).toBeLessThanOrEqual(Math.max(...values));
        expect(values).toContain(p);
        expect(m).toBeLessThanOrEqual(p);
      }),
    );
  });

  test('counts add up across figures', () => {
    fc.assert(
      fc.property(arbCases, moment, (cases, asOf) => {
        const k = periodKpis(cases, period, UTC, asOf);
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        // Registered: first response decided + pending = everyone registered = each department's.
        expect(k.firstResponse.cases + k.firstResponse.pending).toBe(k.bypass.cases);
        expect(sum(k.departments.map((d) => d.registered))).toBe(k.bypass.cases);
        // Resolved: A + B + C = each department's = resolvedIn.
        const resolved = resolvedIn(cases, period).length;
        expect(sum(CRITICALITIES.map((c) => k.timeToClose[c].cases))).toBe(resolved);
        expect(sum(k.departments.map((d) => d.resolved))).toBe(resolved);
        expect(k.firstResponse.met).toBeLessThanOrEqual(k.firstResponse.cases);
        for (const d of k.departments) expect(d.overdue).toBeLessThanOrEqual(d.open);
        for (const c of CRITICALITIES) {
          const t = k.timeToClose[c];
          if (t.medianHours !== null) expect(t.medianHours).toBeLessThanOrEqual(t.p90Hours as number);
        }
        // Root causes: counts sum to the total, shares to 100.
        const ranking = rootCauses(cases, period, previous);
        expect(sum(ranking.rows.map((r) => r.count))).toBe(ranking.total);
        expect(sum(ranking.rows.map((r) => r.previous))).toBe(ranking.previousTotal);
        if (ranking.total > 0) expect(sum(ranking.rows.map((r) => r.share))).toBeCloseTo(100, 6);
        // Prevention: every action comes from a case closed with that cause in the period.
        for (const group of preventionByCause(cases, period))
          for (const action of group.actions) expect(action.caseIds.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });
});
