/**
 * What a person reads when a call fails (docs/product.md, Integrity: what a person reads): a
 * sentence in their language, whatever was sent. A value they sent is quoted as a short excerpt,
 * a field by its name in their language, never "[object Object]" or a TypeError; a failure that
 * is a bug reads as one sentence with a code, and its detail goes to the log.
 */
import type { Emulator } from '../../emulator/runtime';
import type { CaseView } from '../../src/server/contract';
import { AGENT, LEAD, registrationInput, setUpWorkbook } from '../support/workbook';

/** The message the sidebar's failure handler gets. */
function refusal(emulator: Emulator, fn: string, args: unknown[], user = AGENT): string {
  try {
    emulator.scriptRun(fn, args, { user });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${fn} did not fail`);
}

/** What no message may hold. */
function expectReadable(message: string): void {
  expect(message).toMatch(/^\[(validation|guard|conflict|forbidden|not_found|error)[\w. ]*\] \S/);
  expect(message).not.toMatch(/TypeError|\[object |undefined|NaN|Cannot |is not a function/);
  expect(message.length).toBeLessThan(400);
}

const HOSTILE_IDS: unknown[] = [{ toString: 1 }, {}, [], ['ARB-2026-00001'], 42, null, true, 'x'.repeat(50_000)];

describe('a case number that is not one', () => {
  const emulator = setUpWorkbook();
  const created = emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput()], { user: AGENT });

  test.each(HOSTILE_IDS.map((id) => [JSON.stringify(id).slice(0, 20), id]))(
    '%s is refused with a sentence, in every function that takes one',
    (_, id) => {
      for (const [fn, args] of [
        ['apiGetCase', [id]],
        ['apiTransition', [id, { to: 'in_progress', version: 1 }]],
        ['apiUpdateCase', [id, { version: 1, client: 'x' }]],
        ['apiRecordFirstResponse', [id, { version: 1 }]],
        ['apiRenderTemplate', [id, 'greeting']],
      ] as const) {
        const message = refusal(emulator, fn, [...args]);
        expectReadable(message);
        expect(message).toMatch(/^\[validation\] /);
      }
    },
  );

  test('an id of the wrong shape is quoted, cut short', () => {
    const message = refusal(emulator, 'apiGetCase', [`ARB-${'9'.repeat(50_000)}`]);
    expect(message).toMatch(/^\[validation\] «ARB-9{55}…» — не номер кейса\.$|^\[validation\] .*«ARB-9+…»/);
    expect(message.length).toBeLessThan(200);
  });

  test('a status that is not text, a field that does not exist, a value that is too long', () => {
    const to = refusal(emulator, 'apiTransition', [created.id, { to: { toString: 1 }, version: 1 }]);
    expect(to).toBe('[validation to] Новый статус: Обязательное поле.');
    const unknown = refusal(emulator, 'apiUpdateCase', [created.id, { version: 1, 'a] [conflict': 1 }]);
    expect(unknown).toBe('[validation] Поле «a] [conflict»: Это поле нельзя изменить здесь.');
    const long = refusal(emulator, 'apiRegisterCase', [
      registrationInput({ channel: `=IMPORTXML("${'y'.repeat(600)}")` }),
    ]);
    expectReadable(long);
    expect(long).toContain('=IMPORTXML("yyyy');
    expect(long).toContain('…');
  });

  test('a list query names what is wrong in the person’s words', () => {
    for (const query of [
      { status: {} },
      { status: { toString: 1 } },
      { limit: 'all' },
      { ownerDept: [] },
      { text: 5 },
    ]) {
      const message = refusal(emulator, 'apiListCases', [query]);
      expectReadable(message);
      expect(message).toMatch(/^\[validation\] Неверный запрос списка: [а-яё]/);
    }
  });

  test('a template key that is not text', () => {
    const message = refusal(emulator, 'apiRenderTemplate', [created.id, { toString: 1 }]);
    expect(message).toBe('[not_found] Шаблона «» нет в настройках.');
  });
});

describe('field names come from the catalogs', () => {
  test('a Settings problem names its place as the Settings screen does, in either language', () => {
    const emulator = setUpWorkbook();
    const settings = emulator.scriptRun<{ team: Array<{ email: string }>; language: string }>('apiGetSettings', [], {
      user: LEAD,
    });
    settings.team[0]!.email = 'not an email';
    const ru = refusal(emulator, 'apiSaveSettings', [settings], LEAD);
    expect(ru).toBe('[validation team.0.email] Команда и роли › 1 › Email: «not an email» — не email.');
    settings.team[0]!.email = LEAD;
    settings.language = 'en';
    emulator.scriptRun('apiSaveSettings', [settings], { user: LEAD });
    settings.team[0]!.email = 'not an email';
    expect(refusal(emulator, 'apiSaveSettings', [settings], LEAD)).toBe(
      '[validation team.0.email] Team and roles › 1 › Email: “not an email” is not an email.',
    );
  });

  test('something that is not settings at all is one sentence', () => {
    const emulator = setUpWorkbook();
    expect(refusal(emulator, 'apiSaveSettings', [[1, 2]], LEAD)).toBe('[validation] Ожидались данные формы.');
  });
});

describe('a failure that is a bug', () => {
  test('reads as a sentence with a code; the detail goes to the log', () => {
    const emulator = setUpWorkbook();
    // Cached Settings of a shape no code expects: reading the team throws a TypeError.
    emulator.state.cache.document['arbiter.settings.v3'] = {
      value: JSON.stringify({ settings: { language: 'ru', team: 7 }, timeZone: 'Europe/Moscow' }),
      expiresAt: emulator.clock.now() + 600_000,
    };
    const result = emulator.execute('apiListCases', [{}], { user: AGENT });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(
      /^\[error\] Не получилось из-за сбоя в Arbiter \(код [0-9A-F]{8}\)\. Изменения не сохранены; .*передайте код руководителю КС\.$/,
    );
    const code = /код ([0-9A-F]{8})/.exec(result.error ?? '')?.[1];
    const logged = result.output.logs.filter((l) => l.level === 'error').map((l) => l.message);
    expect(logged.some((m) => m.includes(`Arbiter ${code}`) && m.includes('TypeError'))).toBe(true);
  });
});
