/**
 * A case never lands without its history (issue 10, defect 4): Sheets refuses a cell over 50,000
 * characters, so every cell a change writes is checked before anything is written. A refused
 * registration leaves no row, no Events row, and the id counter where it was.
 */
import type { CaseView } from '../../src/server/api';
import { failure } from '../support/failure';
import { AGENT, asPerson, registrationInput, setUpWorkbook } from '../support/workbook';

type Emulator = ReturnType<typeof setUpWorkbook>;

/** Text within every field's limit whose JSON is six times longer (a control character escapes as \u0001). */
const escapes = (n: number) => '\u0001'.repeat(n);
const links = Array.from({ length: 20 }, (_, i) => `https://drive.example.com/${i}/${'p'.repeat(960)}`);

function lastRows(emulator: Emulator): { cases: number; events: number } {
  return asPerson(emulator, (ss) => ({
    cases: ss.getSheetByName('Кейсы')!.getLastRow(),
    events: ss.getSheetByName('События')!.getLastRow(),
  }));
}

function register(emulator: Emulator, overrides: Record<string, unknown>, user = AGENT): CaseView {
  return emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput(overrides)], { user });
}

describe('the 50,000-character cell', () => {
  test('a registration whose Events row would not fit is refused in the person’s language, writing nothing', () => {
    const emulator = setUpWorkbook();
    register(emulator, {});
    const before = { rows: lastRows(emulator), counter: { ...emulator.state.properties.document } };
    const input = {
      summary: `Царапина ${escapes(4990)}`,
      client: `Клиент ${escapes(490)}`,
      contact: `+7701 ${escapes(490)}`,
      manager: `Менеджер ${escapes(490)}`,
      evidence: links,
    };
    const message = failure(() => register(emulator, input));
    expect(message).toBe('[validation] Слишком много текста для одной ячейки таблицы: сократите самые длинные поля.');
    expect(lastRows(emulator)).toEqual(before.rows);
    expect(emulator.state.properties.document).toEqual(before.counter);
    // The next registration takes the next id: the refused one took none.
    expect(register(emulator, {}).id).toMatch(/-00002$/);
  });

  test('in English the message is English', () => {
    const emulator = setUpWorkbook({ locale: 'en_US' });
    const message = failure(() =>
      register(emulator, {
        source: 'Client request',
        kind: 'Damage',
        ownerDept: 'Production',
        summary: escapes(5000),
        client: escapes(500),
        contact: escapes(500),
        evidence: links,
      }),
    );
    expect(message).toBe('[validation] Too much text for one cell of the sheet: shorten the longest fields.');
  });

  test('an evidence link over 1,000 characters is refused by its field, without echoing it', () => {
    const emulator = setUpWorkbook();
    const long = `https://drive.example.com/${'x'.repeat(1000)}`;
    const message = failure(() => register(emulator, { evidence: [long] }));
    expect(message).toBe('[validation evidence] Фото и видео: Не длиннее 1000 символов.');
    expect(lastRows(emulator).cases).toBe(1);
  });

  test('the largest registration the limits allow is stored whole, with its history', () => {
    const emulator = setUpWorkbook();
    const c = register(emulator, {
      summary: 'с'.repeat(5000),
      client: 'к'.repeat(500),
      contact: 'т'.repeat(500),
      manager: 'м'.repeat(500),
      team: 'к'.repeat(500),
      orderNo: 'з'.repeat(500),
      evidence: links,
    });
    expect(lastRows(emulator)).toEqual({ cases: 2, events: expect.any(Number) });
    const events = asPerson(emulator, (ss) => ss.getSheetByName('События')!.getDataRange().getValues());
    expect(events.some((row) => row.includes(c.id) && row.includes('created'))).toBe(true);
  });
});
