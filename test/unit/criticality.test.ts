/**
 * A new criticality moves the due times back to registration, keeping the time paused for the
 * client (docs/product.md, SLA and the business calendar); the edit form says what that does
 * before saving, from the same rule (criticalityEffects).
 */
import fc from 'fast-check';
import { applyEdit, criticalityEffects, newCase, validateRegistration } from '../../src/domain/case-input';
import { CRITICALITIES, type Case, type Criticality } from '../../src/domain/model';
import { defaultSettings } from '../../src/domain/settings';
import { dueResolution, slaState } from '../../src/domain/sla';

const msk = (iso: string) => Date.parse(`${iso}+03:00`);
const s = defaultSettings('ru', 'Europe/Moscow');
s.departments[0]!.owners = ['prod@example.com'];

function register(criticality: Criticality, at = msk('2026-11-23T10:00:00')): Case {
  const input = {
    orderNo: 'K-1',
    client: 'Клиент',
    contact: '+77015550102',
    channel: 'WhatsApp',
    source: 'Обращение клиента',
    kind: 'Повреждение',
    summary: 'Царапина',
    criticality,
    ownerDept: 'Производство',
  };
  return newCase('ARB-2026-00001', validateRegistration(input, s, 'agent@example.com'), s, 'agent@example.com', at);
}

describe('what a new criticality does, said before saving', () => {
  test('B → A a day later: the deadlines move back to registration and the case is overdue at once', () => {
    const b = register('B');
    const now = msk('2026-11-24T10:00:00');
    const effects = criticalityEffects({ ...b, firstResponseAt: b.createdAt + 60_000 }, s, now);
    // A: 480 business minutes from Monday 10:00 is Monday 18:00.
    expect(effects.A).toEqual({
      dueFirstResponseAt: msk('2026-11-23T10:30:00'),
      dueAt: msk('2026-11-23T18:00:00'),
      overdueSince: msk('2026-11-23T18:00:00'),
    });
    expect(effects.B).toMatchObject({ dueAt: b.dueAt, overdueSince: null });
  });

  test('the time paused for the client is kept', () => {
    const b = { ...register('B'), pausedMinutes: 90 };
    const effects = criticalityEffects(b, s, msk('2026-11-23T11:00:00'));
    expect(effects.A.dueAt).toBe(dueResolution(s, b.resolutionStartAt, 'A', 90));
  });

  test('whatever the case and the moment, the effect is what saving the edit does', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CRITICALITIES),
        fc.constantFrom(...CRITICALITIES),
        fc.integer({ min: 0, max: 7 * 24 * 60 }),
        fc.integer({ min: 0, max: 600 }),
        fc.boolean(),
        (from, to, minutesLater, paused, answered) => {
          const c = { ...register(from), pausedMinutes: paused };
          const now = c.createdAt + minutesLater * 60_000;
          if (answered) c.firstResponseAt = c.createdAt;
          const effect = criticalityEffects(c, s, now)[to];
          const saved = applyEdit(c, { criticality: to }, s, 'agent@example.com', now);
          expect(effect.dueAt).toBe(saved.dueAt);
          expect(effect.dueFirstResponseAt).toBe(saved.dueFirstResponseAt);
          expect(effect.overdueSince !== null).toBe(slaState(saved, s, now).overdue);
          if (effect.overdueSince !== null) expect(effect.overdueSince).toBeLessThan(now);
        },
      ),
    );
  });
});
