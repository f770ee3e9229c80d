// Hand edits that are put back (docs/product.md, Integrity): the id cell always holds its own
// case's id, a put-back keeps the cell's type, and a system header comes back.
import type { CaseView } from '../../src/server/api';
import {
  AGENT,
  caseColumn,
  cellOf,
  LEAD,
  VIEWER,
  asPerson,
  registrationInput,
  setUpWorkbook,
} from '../support/workbook';

type Emulator = ReturnType<typeof setUpWorkbook>;

const cell = cellOf;
const column = caseColumn;

function register(emulator: Emulator, overrides: Record<string, unknown> = {}): CaseView {
  return emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput(overrides)], { user: AGENT });
}

function ids(emulator: Emulator): string[] {
  return asPerson(emulator, (ss) =>
    (ss.getSheetByName('Кейсы')?.getRange('A2:A10').getValues() ?? []).map(([v]) => String(v)),
  );
}

describe('the id cell holds its own case’s id', () => {
  test('an id typed over another case’s id is put back, so each case keeps its row', () => {
    const emulator = setUpWorkbook();
    const first = register(emulator);
    const second = register(emulator);
    emulator.editCell('Кейсы', 'A3', first.id, LEAD);
    expect(ids(emulator).slice(0, 2)).toEqual([first.id, second.id]);
    expect(cell(emulator, 'A3').note).not.toBe('');
    expect(emulator.scriptRun<CaseView>('apiGetCase', [second.id], { user: AGENT }).id).toBe(second.id);
  });

  test('an existing id typed into an empty row is cleared, with a note', () => {
    const emulator = setUpWorkbook();
    const first = register(emulator);
    emulator.editCell('Кейсы', 'A5', first.id, LEAD);
    expect(cell(emulator, 'A5')).toMatchObject({ value: '', note: expect.stringMatching(/.+/) });
    expect(ids(emulator).filter((id) => id === first.id)).toHaveLength(1);
    expect(emulator.scriptRun<CaseView>('apiGetCase', [first.id], { user: AGENT }).id).toBe(first.id);
  });
});

describe('a put-back keeps the cell’s type', () => {
  test('a checkbox refused to a viewer comes back a checkbox', () => {
    const emulator = setUpWorkbook();
    const c = register(emulator, { bypass: true });
    const a1 = `${column(emulator, 'Мимо КС')}2`;
    emulator.editCell('Кейсы', a1, 'FALSE', VIEWER);
    expect(cell(emulator, a1).value).toBe(true);
    expect(emulator.scriptRun<CaseView>('apiGetCase', [c.id], { user: AGENT }).bypass).toBe(true);
  });

  test('a date typed over by hand comes back a date, and the case still loads', () => {
    const emulator = setUpWorkbook();
    const c = register(emulator);
    const a1 = `${column(emulator, 'Создан')}2`;
    emulator.editCell('Кейсы', a1, '01.01.2020', LEAD);
    expect(cell(emulator, a1).value).toBeInstanceOf(Date);
    expect(emulator.scriptRun<CaseView>('apiGetCase', [c.id], { user: AGENT }).createdAt).toBe(c.createdAt);
  });
});

describe('a put-back when nothing can be checked keeps the cell’s type', () => {
  function breakSettings(emulator: Emulator): void {
    // Typed with no edit trigger firing (as a script or an earlier version would): the tab is broken.
    asPerson(emulator, (ss) => {
      const sheet = ss.getSheetByName('Настройки');
      const row = (sheet?.createTextFinder('Нормативы SLA').findNext()?.getRow() ?? 0) + 2;
      sheet?.getRange(`B${row}`).setValue('много');
    });
    emulator.clock.advance(11 * 60_000); // past the settings cache (ten minutes)
  }

  test('a checkbox and a date come back typed, and the case loads once Settings are mended', () => {
    const emulator = setUpWorkbook();
    const c = register(emulator, { bypass: true });
    const settingsBefore = asPerson(emulator, (ss) => ss.getSheetByName('Настройки')?.getDataRange().getValues());
    breakSettings(emulator);
    const box = `${column(emulator, 'Мимо КС')}2`;
    const created = `${column(emulator, 'Создан')}2`;
    emulator.editCell('Кейсы', box, 'FALSE', VIEWER);
    emulator.editCell('Кейсы', created, '01.01.2020', LEAD);
    expect(cell(emulator, box)).toMatchObject({ value: true, note: expect.stringMatching(/.+/) });
    expect(cell(emulator, created).value).toBeInstanceOf(Date);
    asPerson(emulator, (ss) => {
      const sheet = ss.getSheetByName('Настройки');
      sheet
        ?.getRange(1, 1, settingsBefore?.length ?? 0, settingsBefore?.[0]?.length ?? 0)
        .setValues(settingsBefore ?? []);
    });
    const loaded = emulator.scriptRun<CaseView>('apiGetCase', [c.id], { user: AGENT });
    expect([loaded.bypass, loaded.createdAt]).toEqual([true, c.createdAt]);
  });
});

describe('a system header is never left renamed', () => {
  function rows(emulator: Emulator, tab: string): number {
    return asPerson(emulator, (ss) => ss.getSheetByName(tab)?.getLastRow() ?? 0);
  }

  test('a header renamed by hand is put back with a note', () => {
    const emulator = setUpWorkbook();
    emulator.editCell('Кейсы', 'A1', 'Номер кейса', LEAD);
    expect(cell(emulator, 'A1')).toMatchObject({ value: 'Номер', note: expect.stringMatching(/по заголовку/) });
    emulator.editCell('События', 'B1', 'Case', LEAD);
    expect(cell(emulator, 'B1', 'События').value).toBe('Кейс');
  });

  test('renamed while nothing watched, the tab refuses every write until setup repairs it', () => {
    const emulator = setUpWorkbook();
    const first = register(emulator);
    asPerson(emulator, (ss) => ss.getSheetByName('Кейсы')?.getRange('A1').setValue('Номер кейса'));
    const before = [rows(emulator, 'Кейсы'), rows(emulator, 'События')];
    expect(() => register(emulator)).toThrow(/нет столбца «Номер».*Настроить таблицу/);
    expect(() =>
      emulator.scriptRun('apiTransition', [first.id, { to: 'in_progress', version: first.version }], { user: AGENT }),
    ).toThrow();
    expect([rows(emulator, 'Кейсы'), rows(emulator, 'События')]).toEqual(before);

    emulator.run('setupWorkbook', [], { user: LEAD });
    const width = asPerson(emulator, (ss) => ss.getSheetByName('Кейсы')?.getLastColumn());
    expect(cell(emulator, 'A1').value).toBe('Номер');
    expect(
      asPerson(emulator, (ss) =>
        ss
          .getSheetByName('Кейсы')
          ?.getRange(1, width ?? 1)
          .getValue(),
      ),
    ).not.toBe('Номер');
    expect(emulator.scriptRun<CaseView>('apiGetCase', [first.id], { user: AGENT }).id).toBe(first.id);
    expect(register(emulator).id).not.toBe(first.id);
  });
});
